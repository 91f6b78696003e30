"""Link each clause of a text to the statute provisions behind it.

Three sources, in order of trust:

1. **citation**: what the clause cites explicitly (《个人信息保护法》第十三条, or a whole law);
2. **concept**: a defined term or right the clause uses, looked up in the concept lexicon
   ``regtext/_data/concepts.tsv`` (个人信息处理者 → PIPL 73, 肖像权 → Civil Code 1019…);
3. **similarity**: Okapi BM25 over jieba words *and* character bigrams of every 款 and 项 of
   the statutes, so that shared legal phrases (查阅、复制、更正、补充、删除) count even when the
   segmenter cuts them differently in the two texts.

``rank`` counts within one (clause, statute) pair: ``links(doc, k=5)`` gives, for each clause,
up to ``k`` provisions *of each statute it reaches*. A clause that rests on four articles of the
PIPL and two of the CSL keeps all six, while ``to="pipl"`` narrows the answer to one statute.
Which statutes a clause reaches is decided by its evidence: every cited or concept-linked
statute, plus the statutes of its best similarity hits. ``overall_rank`` orders all rows of a
clause by score (then trust), for users who want one list.

Similarity hits are re-ranked by rules a lawyer would state for all Chinese law
(:mod:`regtext.network.ranking`): boilerplate matches its own kind, definitions count when the
clause turns on the term, the party and the act of a duty matter. Links are dated: a statute
published after the source text is ``later`` and left out by default (``as_of=``).

Example:
    >>> import regtext
    >>> df = regtext.links(regtext.load("genai-2023-final"), k=5)
    >>> row = df.query("source_ref == '12.1' and via == 'citation'").iloc[0]
    >>> row.target_doc, row.target_ref is None
    ('deep-synthesis', True)
"""

from __future__ import annotations

import csv
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..text.model import Document, Node
from ..text.normalize import fold as _fold_uncached

fold = lru_cache(maxsize=100_000)(_fold_uncached)  # clause texts recur: fold each once

#: Trust order of link sources: lower is more trusted.
VIA_ORDER = {"citation": 0, "concept": 1, "similarity": 2}

#: Similarity links below this score (0-1) are dropped.
MIN_SIMILARITY = 0.4

#: A statute is reached by similarity alone when one of the clause's k best hits lies in it
#: and scores at least this share of the best hit.
REACH_RATIO = 0.5

#: Document types that count as statutes (targets of links) by default.
STATUTE_TYPES = ("law", "administrative regulation", "departmental rule")

#: Columns of :func:`links`; the first six are the fixed public contract (docs/data-model.md).
COLUMNS = ["source_ref", "target_doc", "target_ref", "via", "score", "rank", "overall_rank",
           "target_label", "evidence", "sources", "later"]

# Words that every law uses: they carry no topic, so similarity ignores them.
_STOPWORDS = frozenset(
    """应当 不得 可以 依法 依照 按照 规定 有关 相关 法律 行政法规 法规 部门 国家 本法 本规定 本办法
    本条例 其他 以及 或者 并且 并 及 和 与 等 的 对 在 为 是 由 向 将 从 其 该 上述 下列 之一 情形
    组织 个人 有权 予以 进行 负责 应 或 即 但是 但 除外 所 者 中 内 以上 以下 以 前款 本条 本章 职责
    工作 管理 活动 措施 实施 开展 建立 健全 加强 采取 具有 符合 提供 服务 保护
    中华人民共和国 境内 境外 适用 施行 制定 坚持 原则 相结合 结合 各级 人民政府 县级 以上 地方
    负责 监督管理 主管 本办法 本条例""".split()
)
_TITLE = re.compile(r"《[^《》]{1,80}》")  # a cited title: the citation's business, not a topic
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_WORD = re.compile(r"[\u3400-\u9fffA-Za-z0-9]+")


# -- the result type ------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """One link from a clause to a statute provision (or to a whole statute).

    Example:
        >>> Link("11.2", "pipl", "45.1", "similarity", 0.8, 1).target_article
        '45'
    """

    source_ref: str
    target_doc: str
    target_ref: str | None
    via: str
    score: float
    rank: int = 0
    overall_rank: int = 0
    target_label: str = ""
    evidence: str = ""
    sources: str = ""
    later: bool = False

    @property
    def target_article(self) -> str:
        """The article part of ``target_ref`` (empty for a whole-document link)."""
        return self.target_ref.split(".")[0] if self.target_ref else ""


# -- which documents are statutes -----------------------------------------------------------


def _catalog() -> list[dict[str, Any]]:
    from ..corpus.catalog import catalog

    return catalog()


def _stem(doc_id: str) -> str:
    return re.sub(r"-(draft|final)$", "", doc_id or "")


def _title_key(title: str) -> str:
    t = fold(title or "").replace("中华人民共和国", "")
    return re.sub(r"（征求意见稿）|\(征求意见稿\)|暂行|试行|（.*?）", "", t)


def counterparts(doc: Document) -> set[str]:
    """Ids of the shipped texts that are versions of ``doc`` (its draft or final text).

    Two texts are versions of each other when their ids differ only by ``-draft``/``-final``
    or their titles agree once 暂行/试行/（征求意见稿） are dropped.

    Example:
        >>> import regtext
        >>> sorted(counterparts(regtext.load("genai-2023-final")))
        ['genai-2023-draft', 'genai-2023-final']
    """
    from rapidfuzz import fuzz

    out = {doc.id} if doc.id else set()
    key = _title_key(doc.title)
    for rec in _catalog():
        same_stem = doc.id and _stem(rec["id"]) == _stem(doc.id)
        same_title = key and fuzz.ratio(_title_key(rec["title"]), key) >= 90
        if same_stem or same_title:
            out.add(rec["id"])
    return out


def statutes(doc: Document | None = None, to: str | Iterable[str] | None = None) -> list[str]:
    """Corpus ids that links may point to: laws, administrative regulations and rules.

    ``doc`` and its own draft/final versions are left out. ``to`` (a corpus id or alias, or
    several) narrows the list; an unknown name gives a warning and is ignored.

    Example:
        >>> import regtext
        >>> ids = statutes(regtext.load("genai-2023-final"))
        >>> "pipl" in ids, "genai-2023-draft" in ids, "genai-2023-final" in ids
        (True, False, False)
        >>> statutes(to="个保法")
        ['pipl']
    """
    from ..corpus.catalog import resolve_id

    skip = counterparts(doc) if doc is not None else set()
    ids = [r["id"] for r in _catalog()
           if r.get("doc_type") in STATUTE_TYPES and r["id"] not in skip]
    if to is None:
        return ids
    wanted = [to] if isinstance(to, str) else list(to)
    keep = set()
    for name in wanted:
        rid = resolve_id(name)
        if rid is None:
            warnings.warn(f"links: unknown statute {name!r} in to=; ignored", stacklevel=3)
        else:
            keep.add(rid)
    return [i for i in ids if i in keep]


def _load_quiet(doc_id: str) -> Document:
    from ..corpus.catalog import load

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load(doc_id)


def as_document(doc: Document | str | Any) -> Document:
    """A Document from a Document, a corpus id or alias, or a path to a text file.

    Raises:
        KeyError: naming ``doc`` when it is neither a known document nor a file.

    Example:
        >>> as_document("个保法").id
        'pipl'
        >>> try:
        ...     as_document("no-such-law")
        ... except KeyError as exc:
        ...     print("'no-such-law'" in str(exc))
        True
    """
    import os

    if isinstance(doc, Document):
        return doc
    if isinstance(doc, os.PathLike) or (isinstance(doc, str) and os.path.isfile(doc)):
        from ..text.parser import read

        return read(doc)
    if isinstance(doc, str):
        return _load_quiet(doc)
    raise TypeError(f"expected a Document, a corpus id or alias, or a path; got "
                    f"{type(doc).__name__}")


# -- tokens ---------------------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def tokens(text: str) -> tuple[str, ...]:
    """Similarity features of ``text``: jieba words and CJK character bigrams, stopwords out.

    Words carry meaning (查阅, 个人信息); bigrams catch shared phrases that the segmenter cuts
    differently in two texts. Bigram features are prefixed with ``#``.

    Example:
        >>> toks = tokens("个人有权查阅、复制其个人信息")
        >>> "查阅" in toks, "#复制" in toks, "应当" in toks
        (True, True, False)
    """
    folded = _mask_titles(fold(text))
    # HMM off: new-word discovery costs half the time and bigrams cover unknown words
    # jieba with the legal dictionary (its own instance: the global jieba stays untouched)
    from ..extract.pipeline import words as cut

    words = list(cut(folded))
    out = [w for w in words if len(w) > 1 and w not in _STOPWORDS and _WORD.fullmatch(w)]
    # bigrams within runs of topical words: 中华人民共和国境内 or 相结合的原则 are the frame
    # of a sentence, not its topic, and would otherwise add a feature per character pair
    run = ""
    for w in words + [""]:
        if w and w not in _STOPWORDS and _CJK_RUN.fullmatch(w):
            run += w
            continue
        out.extend("#" + run[i:i + 2] for i in range(len(run) - 1))
        run = ""
    return tuple(out)


def _mask_titles(text: str) -> str:
    """``text`` with every 《title》 blanked out (same length, so offsets stay valid)."""
    return _TITLE.sub(lambda m: " " * len(m.group(0)), text) if "《" in text else text


def node_tokens(node: Node) -> tuple[str, ...]:
    """:func:`tokens` of a node's whole text, built from its parts so each is cut once.

    Example:
        >>> import regtext
        >>> "删除" in node_tokens(regtext.load("pipl").get("47.1"))
        True
    """
    if not node.children:
        return tokens(node.text)
    out = list(tokens(node.lead)) if node.lead else []
    for child in node.children:
        out.extend(node_tokens(child))
    return tuple(out)


# -- BM25 index -----------------------------------------------------------------------------


class Index:
    """Okapi BM25 over the 款 and 项 of some documents, scored per article.

    Each paragraph (with its items) and each item is one unit; an article's score is that of
    its best unit, and the hit names that unit's ref.

    Example:
        >>> idx = Index(["pipl"])
        >>> [ref.split(".")[0] for _, ref, _ in idx.search("查阅、复制其个人信息", top=3)][:1]
        ['45']
    """

    k1 = 1.5
    b = 0.75

    def __init__(self, doc_ids: Iterable[str]):
        import numpy as np

        self._np = np
        self.units: list[tuple[str, str]] = []  # (doc_id, ref)
        term_no: dict[str, int] = {}
        unit_of: list[int] = []  # one entry per token occurrence
        term_of: list[int] = []
        lengths: list[int] = []
        for doc_id in doc_ids:
            doc = _load_quiet(doc_id)
            for node in doc.clauses():
                if node.kind == "subitem":
                    continue
                toks = node_tokens(node)
                if not toks:
                    continue
                uid = len(self.units)
                self.units.append((doc_id, node.ref))
                lengths.append(len(toks))
                term_of.extend(term_no.setdefault(t, len(term_no)) for t in toks)
                unit_of.extend([uid] * len(toks))
        n = max(len(self.units), 1)
        lens = np.asarray(lengths or [1], dtype=float)
        avg = float(lens.mean())
        # (term, unit) pairs with their counts, term-major: every term's postings are a slice
        keys, tf = np.unique(np.asarray(term_of, dtype=np.int64) * n
                             + np.asarray(unit_of, dtype=np.int64), return_counts=True)
        term, unit = keys // n, keys % n
        df = np.bincount(term, minlength=len(term_no))
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
        norm = self.k1 * (1 - self.b + self.b * lens[unit] / avg)
        weight = idf[term] * tf * (self.k1 + 1) / (tf + norm)
        bounds = np.searchsorted(term, np.arange(len(term_no) + 1))
        self.idf: dict[str, float] = {t: float(idf[i]) for t, i in term_no.items()}
        self.post: dict[str, tuple[Any, Any]] = {
            t: (unit[bounds[i]:bounds[i + 1]], weight[bounds[i]:bounds[i + 1]])
            for t, i in term_no.items()}
        self.doc_ids = sorted({d for d, _ in self.units})
        # per unit: its document's number and its article's number, for vectorised ranking
        doc_no = {d: i for i, d in enumerate(self.doc_ids)}
        art_no: dict[tuple[str, str], int] = {}
        self.articles: list[tuple[str, str]] = []
        for doc_id, ref in self.units:
            key = (doc_id, ref.split(".")[0])
            if key not in art_no:
                art_no[key] = len(self.articles)
                self.articles.append(key)
        self.unit_doc = np.asarray([doc_no[d] for d, _ in self.units], dtype=np.int64)
        self._masks: dict[frozenset[str], Any] = {}
        self.unit_art = np.asarray([art_no[(d, r.split(".")[0])] for d, r in self.units],
                                   dtype=np.int64)
        self._concepts: tuple[dict[str, list[int]], dict[str, int]] | None = None

    def concept_units(self) -> tuple[dict[str, list[int]], dict[str, int]]:
        """(concept -> ids of the units whose duties are about it, concept -> how many articles
        speak of it), from :func:`regtext.network.ranking.provision`; built on first use. Scope
        clauses are counted under ``scope:`` + concept, apart from the rules."""
        if self._concepts is None:
            from . import ranking

            units: dict[str, list[int]] = defaultdict(list)
            articles: dict[str, set[tuple[str, str]]] = defaultdict(set)
            for uid, (doc_id, ref) in enumerate(self.units):
                facts = ranking.provision(doc_id, ref)
                prefix = "scope:" if facts.kind == "scope" else ""
                for c in facts.concepts:
                    units[prefix + c].append(uid)
                    articles[prefix + c].add((doc_id, ref.split(".")[0]))
            self._concepts = (dict(units), {c: len(a) for c, a in articles.items()})
        return self._concepts

    def scores(self, text: str | Node | tuple[str, ...]):
        """BM25 score of every unit for the query ``text`` (a string, a Node or tokens
        already cut by :func:`tokens`; an array)."""
        np = self._np
        if isinstance(text, tuple):
            toks = text
        else:
            toks = node_tokens(text) if isinstance(text, Node) else tokens(text)
        hits = [self.post[t] for t in set(toks) if t in self.post]
        if not hits:
            return np.zeros(len(self.units))
        ids = np.concatenate([h[0] for h in hits])
        weights = np.concatenate([h[1] for h in hits])
        return np.bincount(ids, weights=weights, minlength=len(self.units))

    def search(self, text: str, top: int = 10,
               only: Iterable[str] | None = None) -> list[tuple[str, str, float]]:
        """The ``top`` best articles for ``text`` as (doc_id, best unit ref, score).

        Example:
            >>> Index(["csl"]).search("用户真实身份信息", top=1)[0][:2]
            ('csl', '24.1')
        """
        return self.rank(self.scores(text), top, only)

    def _mask(self, only: Iterable[str] | None):
        if only is None:
            return None
        key = frozenset(only)
        mask = self._masks.get(key)
        if mask is None:  # the same few target sets recur for every clause: build each once
            wanted = [i for i, d in enumerate(self.doc_ids) if d in key]
            mask = self._np.isin(self.unit_doc, self._np.asarray(wanted, dtype=self._np.int64))
            self._masks[key] = mask
        return mask

    def rank(self, sc, top: int = 10, only: Iterable[str] | None = None,
             per_doc: int | None = None, floor: float = 0.0) -> list[tuple[str, str, float]]:
        """Like :meth:`search`, from a score array already computed by :meth:`scores`.

        ``per_doc`` keeps at most that many articles of each document (then ``top`` is the
        total); ``floor`` drops units scoring below it.
        """
        np = self._np
        mask = self._mask(only)
        live = sc > max(floor, 0.0)
        if mask is not None:
            live &= mask
        cand = np.flatnonzero(live)
        cap = max(top, per_doc or 0) * 12
        if len(cand) > cap:  # only the best few hundred units can matter
            cand = cand[np.argpartition(-sc[cand], cap - 1)[:cap]]
        cand = cand[np.lexsort((cand, -sc[cand]))]  # by score, ties by position
        # the best unit of each article comes first in score order
        _, first = np.unique(self.unit_art[cand], return_index=True)
        best_units = cand[np.sort(first)]
        out: list[tuple[str, str, float]] = []
        kept: Counter[str] = Counter()
        for uid in best_units:
            doc_id, ref = self.units[int(uid)]
            if per_doc is not None and kept[doc_id] >= per_doc:
                continue
            kept[doc_id] += 1
            out.append((doc_id, ref, float(sc[uid])))
            if len(out) >= top:
                break
        return out


@lru_cache(maxsize=8)
def _index(doc_ids: tuple[str, ...]) -> Index:
    return Index(doc_ids)


def corpus_index() -> Index:
    """The BM25 index over every shipped statute (built once, then cached).

    Example:
        >>> "pipl" in corpus_index().doc_ids
        True
    """
    return _index(tuple(statutes()))


# -- the concept lexicon --------------------------------------------------------------------


@dataclass(frozen=True)
class Concept:
    """One lexicon row: a term and a provision that defines or governs it."""

    term: str
    target_doc: str
    target_ref: str
    relation: str
    weight: float


@lru_cache(maxsize=1)
def lexicon() -> tuple[Concept, ...]:
    """The concept lexicon shipped in ``regtext/_data/concepts.tsv``.

    Example:
        >>> [(c.target_doc, c.target_ref) for c in lexicon() if c.term == "肖像权"]
        [('civil-code-personality', '1018'), ('civil-code-personality', '1019')]
    """
    text = (resources.files("regtext._data") / "concepts.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    out = []
    for row in csv.DictReader(lines, delimiter="\t"):
        try:
            out.append(Concept(fold(row["term"]).strip(), row["target_doc"].strip(),
                               row["target_ref"].strip(), row["relation"].strip(),
                               float(row["weight"])))
        except (KeyError, ValueError, AttributeError):
            continue  # a malformed row is skipped rather than breaking every link
    return tuple(out)


@lru_cache(maxsize=1)
def _concept_pattern() -> re.Pattern[str]:
    terms = sorted({c.term for c in lexicon()}, key=lambda t: (-len(t), t))
    return re.compile("|".join(re.escape(t) for t in terms)) if terms else re.compile("(?!)")


def find_concepts(text: str) -> list[tuple[str, int, int]]:
    """Lexicon terms in ``text`` as (term, start, end), longest match first, no overlaps.

    Words inside a cited title (《互联网信息服务深度合成管理规定》) are not concepts of the clause.

    Example:
        >>> [t for t, _, _ in find_concepts("依法承担个人信息处理者责任，不得侵害肖像权")]
        ['个人信息处理者', '肖像权']
        >>> find_concepts("按照《互联网信息服务深度合成管理规定》进行标识")
        []
    """
    text = _mask_titles(fold(text))
    return [(m.group(0), m.start(), m.end()) for m in _concept_pattern().finditer(text)]


# -- citations ------------------------------------------------------------------------------

def _citations(node: Node, doc: Document) -> list[tuple[str, str | None, str]]:
    """(target_doc, target_ref, matched text) for the external citations of one clause."""
    from .._guard import guard
    from ..extract.citing import find_citations

    out: list[tuple[str, str | None, str]] = []
    with guard("citations", f"{doc.id}:{node.ref}"):
        out = [(c.target_doc, c.target_ref or None, c.text)
               for c in find_citations(node.text, doc, source_ref=node.ref)
               if c.kind == "external" and c.target_doc]
    return out


# -- linking --------------------------------------------------------------------------------


@lru_cache(maxsize=100_000)
def _label(doc_id: str, ref: str | None) -> str:
    doc = _load_quiet(doc_id)
    if ref is None:
        return doc.title
    try:
        return doc.get(ref).label
    except KeyError:
        return ""


_HALF = 30.0  # the raw BM25 score that maps to 0.5


def _sim_score(raw: float) -> float:
    """Map a raw BM25 score onto 0-1 (half way at 30), so scores read alike across clauses."""
    return round(raw / (raw + _HALF), 4)


def _raw_score(score: float) -> float:
    """The inverse of :func:`_sim_score`."""
    return score * _HALF / (1.0 - score)


def _by_doc(concepts: Iterable[Concept]) -> dict[str, list[Concept]]:
    out: dict[str, list[Concept]] = defaultdict(list)
    for c in sorted(concepts, key=lambda c: (-c.weight, c.target_ref)):
        out[c.target_doc].append(c)
    return out


def _shared_words(node: Node, tdoc: str, tref: str, index: Index, n: int = 4) -> str:
    """``bm25: w1 w2…``: the rarest words a clause shares with a target unit."""
    try:
        other = _load_quiet(tdoc).get(tref)
    except KeyError:
        return "bm25"
    shared = {t for t in node_tokens(node) if not t.startswith("#")} & set(node_tokens(other))
    best = sorted(shared, key=lambda t: (-index.idf.get(t, 0.0), t))[:n]
    return "bm25: " + " ".join(best) if best else "bm25"


def similar(index: Index, sc, allowed: Iterable[str], k: int) -> list[tuple[str, str, float]]:
    """Up to ``k`` articles per statute for a score array ``sc``, best first, leaving out
    units far weaker (< 35 %) than the best one and any below :data:`MIN_SIMILARITY`: noise,
    not evidence (a property-management rule shares words with every statute).

    Example:
        >>> idx = corpus_index()
        >>> similar(idx, idx.scores("用户真实身份信息"), ["csl"], 1)[0][:2]
        ('csl', '24.1')
    """
    allowed = list(allowed)
    mask = index._mask(allowed)
    live = sc[mask] if mask is not None else sc
    if not len(live) or float(live.max()) <= 0:
        return []
    best = float(live.max())
    floor = max(0.35 * best, _raw_score(MIN_SIMILARITY))
    if best < floor:
        return []
    return index.rank(sc, top=len(allowed) * k, only=allowed, per_doc=k, floor=floor)


@lru_cache(maxsize=256)
def statute_date(doc_id: str) -> str:
    """The date a corpus statute was published (or adopted, or took effect); "" if unknown.

    Example:
        >>> statute_date("network-data")
        '2024-09-24'
    """
    for rec in _catalog():
        if rec["id"] == doc_id:
            for key in ("published", "adopted", "effective"):
                if rec.get(key):
                    return str(rec[key])[:10]
    return ""


def is_later(target_doc: str, as_of: str | None) -> bool:
    """True when statute ``target_doc`` was published after ``as_of`` (an ISO date).

    Example:
        >>> is_later("network-data", "2023-07-10"), is_later("pipl", "2023-07-10")
        (True, False)
        >>> is_later("network-data", None)
        False
    """
    date = statute_date(target_doc)
    return bool(as_of and date and date > str(as_of)[:10])


def comparable_duties(node: Node, doc: Document, index: Index, allowed: Iterable[str],
                      as_of: str | None = None, src: Any = None
                      ) -> list[tuple[str, str, float, str]]:
    """Provisions that impose a duty comparable to the clause's, as (doc, unit ref, score,
    concept), one per article, best first.

    A lawyer looks for the duty, not the words: the provisions about the same specific legal
    concept as the clause's duty (:func:`regtext.network.ranking.duty_concepts`; a concept that
    more than :data:`~regtext.network.ranking.COMPARABLE_MAX_ARTICLES` articles speak of is too
    broad), imposing a binding rule on the same kind of party
    (:func:`~regtext.network.ranking.comparable_duty`), whatever words they use: 防止产生…歧视
    rests on the rule against 不合理的差别待遇 in automated decisions. A scope clause
    (…适用本办法) likewise parallels the scope clauses of texts on the same subject or on a
    broader one (:func:`~regtext.network.ranking.comparable_scope`). Each scores
    :data:`~regtext.network.ranking.COMPARABLE_DUTY` plus a tenth of its similarity.
    Statutes published after ``as_of`` are left out. ``src`` (the clause's
    :func:`regtext.network.ranking.source` facts) saves reading them again.

    Example:
        >>> import regtext
        >>> doc = regtext.load("genai-2023-final")
        >>> found = comparable_duties(doc.get("4.1.2"), doc, corpus_index(), statutes(doc),
        ...                           as_of="2023-07-10")
        >>> sorted((d, r) for d, r, _, c in found if c == "歧视")
        [('algorithm-recommendation', '21.1'), ('pipl', '24.1')]
    """
    from . import ranking
    from .concepts import ancestors

    src = src if src is not None else ranking.source(node, doc)
    scope = src.kind == "scope"
    if not scope and (src.kind or not src.acts or not src.actors):
        return []  # no duty of its own (boilerplate, principles, definitions, policy)
    words = node.lead if node.children else node.text
    wanted = ranking.duty_concepts(words, doc)
    if not wanted:
        return []
    units, spread = index.concept_units()
    allowed = {d for d in allowed if not is_later(d, as_of)}
    sc = None
    best: dict[tuple[str, str], tuple[str, str, float, str]] = {}
    for concept in sorted(wanted):
        # a scope clause: the scope clauses on the concept or on a broader one it is a kind of
        keys = ["scope:" + c for c in (concept, *ancestors(concept))] if scope else [concept]
        if not scope and spread.get(concept, 0) > ranking.COMPARABLE_MAX_ARTICLES:
            continue
        for uid in sorted({u for key in keys for u in units.get(key, ())}):
            tdoc, tref = index.units[uid]
            tgt = ranking.provision(tdoc, tref)
            if tdoc not in allowed or not (ranking.comparable_scope(tgt, concept) if scope
                                           else ranking.comparable_duty(src, tgt, concept)):
                continue
            if sc is None:
                sc = index.scores(tokens(ranking.query_text(words, doc)))
            score = round(ranking.COMPARABLE_DUTY + 0.1 * _sim_score(float(sc[uid])), 4)
            key = (tdoc, tref.split(".")[0])
            if key not in best or score > best[key][2]:
                best[key] = (tdoc, tref, score, concept)
    return sorted(best.values(), key=lambda h: (-h[2], h[0], h[1]))


def rerank(node: Node, doc: Document, index: Index, allowed: Iterable[str], k: int,
           as_of: str | None = None) -> list[tuple[str, str, float]]:
    """The similarity hits of a clause after the ranking rules (:mod:`.ranking`): up to ``k``
    articles per statute as (doc, unit ref, raw score), best first.

    The query is the clause without its text's own subject and lists of ministries; each hit's
    BM25 score is multiplied by :func:`regtext.network.ranking.similarity_factor`. Statutes
    published after ``as_of`` are left out.

    Example:
        >>> import regtext
        >>> doc = regtext.load("genai-2023-final")
        >>> [r[0] for r in rerank(doc.get("24.1"), doc, corpus_index(), statutes(doc), 3)]
        []
    """
    from . import ranking

    allowed = [d for d in allowed if not is_later(d, as_of)]
    if not allowed:
        return []
    src = ranking.source(node, doc)
    if src.kind in ranking.CITES_ONLY:
        return []
    # a chapeau with items is matched on its own words; its items are matched one by one
    words = node.lead if node.children else node.text
    sc = index.scores(tokens(ranking.query_text(words, doc)))
    hits = similar(index, sc, allowed, 3 * k)
    if not hits:
        return []
    scored = []
    for tdoc, tref, raw in hits:
        factor = ranking.similarity_factor(src, ranking.provision(tdoc, tref), index.idf,
                                           node.text)
        if factor > 0:
            scored.append((tdoc, tref, raw * factor))
    scored.sort(key=lambda h: (-h[2], h[0], h[1]))
    floor = _raw_score(MIN_SIMILARITY)
    out, kept = [], Counter()
    for tdoc, tref, raw in scored:
        if raw < floor or kept[tdoc] >= k:
            continue
        kept[tdoc] += 1
        out.append((tdoc, tref, raw))
    return out


def clause_links(node: Node, doc: Document, k: int = 5, targets: Iterable[str] | None = None,
                 index: Index | None = None, scores=None, ranked=None,
                 cited: list[tuple[str, str | None, str]] | None = None,
                 explain: bool = False, as_of: str | None = None,
                 keep_later: bool = False) -> list[Link]:
    """Ranked links for one clause ``node`` of ``doc`` (see :func:`links`).

    ``ranked`` (from :func:`rerank`) and ``cited`` ((doc, ref, text) triples) let a caller
    that already has them skip the work (``scores`` is accepted for compatibility and
    unused). With ``explain``, a similarity link's evidence names the rarest words both texts
    share. A target published after ``as_of`` is marked ``later``; concept and similarity links
    to it are left out unless ``keep_later`` (citations are kept: the text names them).

    Example:
        >>> import regtext
        >>> doc = regtext.load("genai-2023-final")
        >>> sorted({lk.target_ref.split(".")[0] for lk in clause_links(doc.get("4.1.4"), doc)
        ...         if lk.via == "concept" and lk.target_doc == "civil-code-personality"})
        ['1019', '1024', '1031', '1032', '1034']
    """
    from . import ranking

    allowed = set(targets) if targets is not None else set(statutes(doc))
    index = index or corpus_index()
    # (doc, article) -> [best via, score, ref, evidence list, sources set]
    found: dict[tuple[str, str], list[Any]] = {}

    def add(tdoc: str, tref: str | None, via: str, score: float, evidence: str) -> None:
        if tdoc not in allowed:
            return
        if via != "citation" and not keep_later and is_later(tdoc, as_of):
            return
        key = (tdoc, tref.split(".")[0] if tref else "")
        cur = found.get(key)
        if cur is None:
            found[key] = [via, score, tref, [evidence], {via}]
            return
        cur[4].add(via)
        if evidence not in cur[3]:
            cur[3].append(evidence)
        if (VIA_ORDER[via], -score) < (VIA_ORDER[cur[0]], -cur[1]):
            cur[0], cur[1], cur[2] = via, score, tref

    for tdoc, tref, text in (_citations(node, doc) if cited is None else cited):
        add(tdoc, tref, "citation", 1.0, text)
    seen_terms: set[str] = set()
    actors = [n.actor for n in ranking._doc_norms(doc)
              if n.ref == node.ref or n.ref.startswith(node.ref + ".")]
    # a purpose or commencement clause rests on what it cites; the values it names
    # (维护国家安全) are not concepts it applies
    boilerplate = ranking.clause_kind(node.text) in ranking.CITES_ONLY
    # a chapeau's own words speak for it; a concept only its items name is theirs, acceptable
    # in the chapeau's list but not its basis
    own = {t for t, _, _ in find_concepts(node.lead)} if node.children else None
    src_facts = ranking.source(node, doc)
    for term, _, _ in ([] if boilerplate else find_concepts(node.text)):
        if term in seen_terms:
            continue
        seen_terms.add(term)
        central = ranking.turns_on(term, node.text, actors)
        factor = 1.0 if own is None or term in own else ranking.ITEM_CONCEPT_DISCOUNT
        if ranking.only_in_circumstance(term, node.text):
            factor *= ranking.ITEM_CONCEPT_DISCOUNT  # 在训练数据选择…过程中，: its occasion
        # a term's best provision per statute first, its others after every term's best:
        # a clause naming five rights shows five rights before a second article on one
        for group in _by_doc(c for c in lexicon() if c.term == term).values():
            for i, c in enumerate(group):
                weight = factor * (c.weight if c.relation != "defines" or central
                                   else c.weight * ranking.DEFINITION_DISCOUNT)
                # a rule for another party is not this duty, unless the term names whom
                # the clause binds (关键信息基础设施 of 关键信息基础设施运营者) or what it must
                # do (应当取得个人同意: the rules on 个人同意 apply whoever they address)
                if (c.relation != "defines" and not any(term in (a or "") for a in actors)
                        and not ranking.duty_object(term, node.text)):
                    weight *= ranking.party_factor(src_facts, ranking.provision(
                        c.target_doc, c.target_ref))
                add(c.target_doc, c.target_ref, "concept", round(weight - 0.1 * i, 4), term)
    if ranked is None:
        ranked = rerank(node, doc, index, allowed, k, None if keep_later else as_of)
    if ranked:
        best = ranked[0][2]
        # the statutes the clause reaches: cited, concept-linked, or among its k best hits
        reached = {d for d, _ in found} | {d for d, _, raw in ranked[:k]
                                           if raw >= REACH_RATIO * best}
        for tdoc, tref, raw in ranked:  # within each, its k most similar provisions
            if tdoc in reached:
                add(tdoc, tref, "similarity", _sim_score(raw),
                    _shared_words(node, tdoc, tref, index) if explain else "bm25")
    # comparable duties come last: they add provisions and raise scores, but neither reach
    # other statutes' similarity hits nor lower a link found otherwise
    what = "scope" if src_facts.kind == "scope" else "duty"
    for tdoc, tref, score, concept in ([] if boilerplate else comparable_duties(
            node, doc, index, allowed, None if keep_later else as_of, src_facts)):
        cur = found.get((tdoc, tref.split(".")[0]))
        if cur is None:
            add(tdoc, tref, "concept", score, f"comparable {what}: {concept}")
            continue
        cur[4].add("concept")
        cur[3].append(f"comparable {what}: {concept}")
        if score > cur[1]:
            cur[0], cur[1], cur[2] = "concept", score, tref

    rows = sorted(found.items(), key=lambda kv: (-kv[1][1], VIA_ORDER[kv[1][0]], kv[0][0],
                                                 kv[0][1]))
    out: list[Link] = []
    per_doc: Counter[str] = Counter()
    for (tdoc, _), (via, score, tref, evidence, sources) in rows:
        per_doc[tdoc] += 1
        if per_doc[tdoc] > k:
            continue
        out.append(Link(node.ref, tdoc, tref, via, float(score), per_doc[tdoc], len(out) + 1,
                        _label(tdoc, tref), "; ".join(evidence),
                        ",".join(sorted(sources, key=VIA_ORDER.get)), is_later(tdoc, as_of)))
    return out


def find_links(doc: Document | str, k: int = 5, to: str | Iterable[str] | None = None,
               as_of: str | bool | None = None) -> list[Link]:
    """All links of every clause of ``doc``, as :class:`Link` objects.

    Example:
        >>> import regtext
        >>> lk = find_links(regtext.load("genai-2023-final"), to="pipl")
        >>> {x.target_doc for x in lk}
        {'pipl'}
    """
    from .analysis import analyse

    return list(analyse(as_document(doc), to=to, k=k, as_of=as_of).links)


def links(doc: Document | str, k: int = 5, to: str | Iterable[str] | None = None,
          as_of: str | bool | None = None):
    """A DataFrame of ranked statute provisions for each clause (款/项/目) of ``doc``.

    Columns: ``source_ref``, ``target_doc``, ``target_ref`` (None for a whole-document
    citation), ``via`` (``citation``/``concept``/``similarity``), ``score`` (0-1), ``rank``
    (1 = best, counted within each clause and statute, at most ``k``), ``overall_rank``
    (within the clause, by score), ``target_label``, ``evidence`` (the citation text, the
    concept term, or ``bm25``), ``sources`` (every source that found the same article) and
    ``later`` (the statute was published after ``as_of``).

    ``doc`` may be a Document, a corpus id or alias, or a path. ``to`` restricts the
    statutes. ``as_of`` dates the links: by default the document's own date (its catalog
    record's publication date), so statutes published after it are left out (their
    citations stay, marked ``later``); a date string judges against that date; ``False``
    keeps every link and marks the later ones.

    Example:
        >>> import regtext
        >>> df = links(regtext.load("genai-2023-final"), k=5, to="pipl")
        >>> arts = df.query("source_ref == '11.2'").target_ref.str.split(".").str[0].tolist()
        >>> {"45", "46", "47", "50"} <= set(arts)
        True
    """
    import pandas as pd

    rows = [lk.__dict__ for lk in find_links(as_document(doc), k=k, to=to, as_of=as_of)]
    df = pd.DataFrame(rows, columns=COLUMNS)
    # keep None (not NaN) for whole-document links, whatever pandas infers for strings
    df["target_ref"] = pd.Series([r["target_ref"] for r in rows], dtype=object, index=df.index)
    return df
