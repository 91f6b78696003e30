"""Align two sequences of provisions by content, never by number.

The method, used for articles and again for 款/项 inside aligned articles:

1. Texts are cleaned (markers such as （一） and punctuation dropped, characters folded) and
   turned into character-bigram vectors weighted by IDF over both versions, so that words
   every provision shares (提供者, 应当) count for little.
2. Identical texts are anchored first; the rest get a *global* one-to-one assignment
   (Hungarian method on cosine similarity). Pairs below ``threshold`` are dropped rather
   than forced, so a deleted provision stays deleted.
3. Splits and merges come from sentence-level evidence: each text is cut into sentences
   (at 。；and line ends); a sentence whose best counterpart lies in a provision other than
   its primary partner, with similarity above ``fragment_threshold``, adds a further pair.
4. Moves are pairs outside the longest order-preserving chain of one-to-one pairs.

Example:
    >>> old = [("1", "甲应当登记。"), ("2", "乙不得转让。"), ("3", "本办法自公布之日起施行。")]
    >>> new = [("1", "乙不得转让。"), ("2", "甲应当依法登记。"), ("3", "本办法自公布之日起施行。")]
    >>> [(m.old, m.new, m.moved) for m in align(old, new)]  # in new-document order
    [('2', '1', True), ('1', '2', False), ('3', '3', False)]
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ..text.normalize import fold

__all__ = ["Match", "align", "clean", "hungarian", "pieces", "similarity"]

_MARKER_RE = re.compile(
    r"^\s*(?:（\s*[一二三四五六七八九十百\d]+\s*）|[一二三四五六七八九十]+、|\d{1,3}\s*[．.、](?!\d))\s*"
)
_NON_WORD_RE = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Match:
    """One aligned pair (or a one-sided addition/deletion).

    Attributes:
        old: ref on the old side, ``None`` for an addition.
        new: ref on the new side, ``None`` for a deletion.
        similarity: 0–1 content similarity that justifies the pair (0 for one-sided rows).
        relation: ``one-to-one``, ``split`` (the old provision feeds several new ones),
            ``merge`` (several old provisions feed the new one), ``many-to-many`` (both at
            once), or ``""`` for one-sided rows.
        moved: the pair breaks the order of its neighbours.
        evidence: the sentence pair that justified a split/merge pair (old, new), if any.

    Example:
        >>> Match("16", "12", 0.8, "one-to-one", True).moved
        True
    """

    old: str | None
    new: str | None
    similarity: float
    relation: Literal["one-to-one", "split", "merge", "many-to-many", ""] = "one-to-one"
    moved: bool = False
    evidence: tuple[str, str] | None = None


@lru_cache(maxsize=65536)
def clean(text: str) -> str:
    """The comparison form of a provision: folded, markers and punctuation removed.

    Example:
        >>> clean("（一）符合《网络安全法》等要求；")
        '符合网络安全法等要求'
    """
    lines = (_MARKER_RE.sub("", line) for line in fold(text or "").splitlines())
    return _NON_WORD_RE.sub("", "".join(lines))


def _grams(cleaned: str) -> Counter:
    if len(cleaned) < 2:
        return Counter([cleaned]) if cleaned else Counter()
    return Counter(cleaned[i : i + 2] for i in range(len(cleaned) - 1))


_TITLE_RE = re.compile(r"《([^《》]{1,80})》")
@lru_cache(maxsize=1)
def _stock_re() -> re.Pattern[str]:
    """Formulas every regulation repeats (构成犯罪的，依法追究刑事责任, 由有关主管部门依照有关
    法律、行政法规的规定予以处罚…): ``rules/boilerplate.tsv``. They say nothing about where a
    rule went, so a pair or a split/merge link must rest on other words."""
    from .. import rules

    return re.compile("|".join(f"(?:{p})" for p in rules.column("boilerplate", "pattern")),
                      re.M)
_PIECE_RE = re.compile(r"(?<=[，。；;：:！？!?\n])")
_MIN_PIECE = 10  # cleaned characters
_MIN_DOCS = 20  # IDF pseudo-count (see _Space)
_DENSE_FEATURES = 256  # most-shared features handled by a dense product (see _Space.matrix)
_RARE_SHARE = 0.08  # a feature in at most this share of clauses is distinctive…
_MIN_SHARED = 4  # …and a clause pair must share this many to count as evidence
_WEAK_PAIR = 0.3  # a pair weaker than this needs shared distinctive words (see align)
_LONE_CLAUSE = 0.5  # share of ``threshold`` two articles linked by one clause alone must reach
_MIN_SUBSTANCE = 12  # features a text keeps without boilerplate to be weighed without it


def _words(cleaned: str) -> list[str]:
    """jieba words of two or more characters (imported lazily: jieba is slow to load)."""
    from ..extract.pipeline import (
        plain_tokenizer,  # not the legal one: it moves redline and alignment boundaries
    )

    return [w for w in plain_tokenizer().lcut(cleaned) if len(w) > 1]


@lru_cache(maxsize=65536)
def _features(text: str, stock: bool = False) -> Counter:
    """Character bigrams plus jieba words of the cleaned text.

    A cited title (《…》) counts as one feature rather than dozens of bigrams, so two
    provisions citing the same laws do not look alike for that alone. With ``stock`` the
    boilerplate formulas of ``rules/boilerplate.tsv`` are dropped first.
    """
    folded = fold(text or "")
    if stock:
        folded = _stock_re().sub("，", folded)
    feats: Counter = Counter()
    last = 0
    rest = []
    for m in _TITLE_RE.finditer(folded):
        rest.append(folded[last : m.start()])
        feats["《" + m.group(1).replace("中华人民共和国", "") + "》"] += 1
        last = m.end()
    rest.append(folded[last:])
    for part in rest:
        c = clean(part)
        feats.update(_grams(c))
        if len(c) > 1:
            feats.update(_words(c))
    return feats


def _is_formula(text: str, stock_counts: Counter) -> bool:
    return len(stock_counts) < _MIN_SUBSTANCE and _stock_share(text) >= 0.3


@lru_cache(maxsize=65536)
def _stock_share(text: str) -> float:
    """Share of ``text`` (cleaned characters) that is boilerplate formula."""
    total = len(clean(text))
    if not total:
        return 0.0
    return min(1.0, sum(len(clean(m.group(0))) for m in _stock_re().finditer(fold(text)))
               / total)


def pieces(text: str, min_chars: int = _MIN_PIECE) -> list[str]:
    """Clause-sized pieces of ``text`` (cut at ，。；： and line ends), short ones joined.

    A piece shorter than ``min_chars`` cleaned characters joins the next one within the
    same sentence, so every piece says something on its own.

    Example:
        >>> pieces("提供者发现违法内容的，应当及时采取停止生成等措施。")
        ['提供者发现违法内容的，', '应当及时采取停止生成等措施。']
    """
    out: list[str] = []
    for p in _PIECE_RE.split(text or ""):
        if not p.strip():
            continue
        if out and len(clean(out[-1])) < min_chars and not out[-1].rstrip().endswith(
                ("。", "；", ";")):
            out[-1] += p
        else:
            out.append(p)
    if len(out) > 1 and len(clean(out[-1])) < min_chars:
        last = out.pop()
        out[-1] += last
    return [p.strip() for p in out]


@lru_cache(maxsize=16)
def _idf(texts: tuple[str, ...], stock: bool
         ) -> tuple[dict[str, float], int, dict[str, tuple[list[str], list[float]]]]:
    """IDF of every feature over ``texts`` (cached: clause alignment reuses one collection),
    the collection size, and an empty cache for the unit vectors weighed with it."""
    df: Counter = Counter()
    for t in texts:
        df.update(_features(t, stock).keys())
    # a small collection is padded to _MIN_DOCS texts, so that IDF does not punish
    # the words two short provisions share (with two texts every shared word has df=2)
    n = max(len(texts), _MIN_DOCS)
    return {g: math.log((n + 1) / (d + 0.5)) for g, d in df.items()}, n, {}


@lru_cache(maxsize=16)
def _all_pieces(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p for t in texts for p in pieces(t))


_F32 = array("f", [0.0])  # float32 rounding of a Python float, as numpy stores it
_CELLWISE = 24  # a rare feature touching at most this many cells is added in Python


class _Space:
    """IDF-weighted feature vectors for ``texts``; the IDF comes from ``background`` (a
    collection that includes the texts) or, by default, from the texts themselves."""

    def __init__(self, texts: Sequence[str], stock: bool = False,
                 background: tuple[str, ...] | None = None):
        self.texts = list(texts)
        self.counts = [_features(t, stock) for t in texts]
        self.idf, self.n, self._vectors = _idf(background if background else tuple(texts),
                                               stock)
        self.unseen = math.log((self.n + 1) / 0.5)

    def vector(self, i: int) -> tuple[list[str], list[float]]:
        """Features of text ``i`` and their IDF weights scaled to unit length (kept with
        the IDF: clause alignment weighs every clause of a pair with the same one)."""
        text = self.texts[i]
        got = self._vectors.get(text)
        if got is None:
            idf, unseen = self.idf, self.unseen
            feats = list(self.counts[i])
            weights = [c * idf.get(g, unseen) for g, c in self.counts[i].items()]
            norm = math.sqrt(sum(w * w for w in weights)) or 1.0
            got = self._vectors[text] = (feats, [w / norm for w in weights])
        return got

    def matrix(self, idx_a: Sequence[int], idx_b: Sequence[int]):
        """Cosine similarity matrix between the texts ``idx_a`` and ``idx_b`` (numpy).

        Exact, but sparse-aware: the few features shared by many texts on both sides go
        through a dense matrix product, the long tail of rare ones is added cell by cell
        (a dense product over every feature is far too slow for laws with hundreds of
        articles). The float32 sums are those of numpy's per-feature outer products, in
        the same order, so the scores do not depend on how they are computed.
        """
        import numpy as np

        out = np.zeros((len(idx_a), len(idx_b)), dtype=np.float32)
        if not idx_a or not idx_b:
            return out

        def postings(idx: Sequence[int]) -> dict[str, tuple[list[int], list[float]]]:
            post: dict[str, tuple[list[int], list[float]]] = {}
            for r, i in enumerate(idx):
                feats, weights = self.vector(i)
                for g, w in zip(feats, weights):
                    got = post.get(g)
                    if got is None:
                        post[g] = ([r], [w])
                    else:
                        got[0].append(r)
                        got[1].append(w)
            return post

        pa, pb = postings(idx_a), postings(idx_b)
        shared = [g for g in pa if g in pb]
        shared.sort(key=lambda g: len(pa[g][0]) * len(pb[g][0]), reverse=True)
        dense, sparse = shared[:_DENSE_FEATURES], shared[_DENSE_FEATURES:]
        if dense:
            ma = np.zeros((len(idx_a), len(dense)), dtype=np.float32)
            mb = np.zeros((len(idx_b), len(dense)), dtype=np.float32)
            for m, post in ((ma, pa), (mb, pb)):
                rows: list[int] = []
                cols: list[int] = []
                vals: list[float] = []
                for k, g in enumerate(dense):
                    rs, ws = post[g]
                    rows += rs
                    cols += [k] * len(rs)
                    vals += ws
                m[rows, cols] = vals
            out += ma @ mb.T
        if sparse:
            # numpy's float32 arithmetic, cell by cell: a feature of one text on each side
            # adds its product rounded to float32 (``out[r, c] += x``), one of several
            # texts adds a float64 product and rounds the sum (``out[ix] += outer``); a
            # feature of many cells goes to numpy itself, after the pending cells
            f32 = _F32
            cells: dict[tuple[int, int], float] = {}

            def flush() -> None:
                keys = list(cells)
                out[[r for r, _ in keys], [c for _, c in keys]] = list(cells.values())
                cells.clear()

            for g in sparse:
                (ra, wa), (rb, wb) = pa[g], pb[g]
                if len(ra) == 1 and len(rb) == 1:
                    key = (ra[0], rb[0])
                    v = cells.get(key)
                    if v is None:
                        v = float(out[key])
                    f32[0] = wa[0] * wb[0]
                    f32[0] = v + f32[0]
                    cells[key] = f32[0]
                elif len(ra) * len(rb) > _CELLWISE:
                    if cells:
                        flush()
                    out[np.ix_(ra, rb)] += np.outer(wa, wb)
                else:
                    for r, x in zip(ra, wa):
                        for c, y in zip(rb, wb):
                            key = (r, c)
                            v = cells.get(key)
                            if v is None:
                                v = float(out[key])
                            f32[0] = v + x * y
                            cells[key] = f32[0]
            if cells:
                flush()
        return out


def similarity(a: str, b: str) -> float:
    """Cosine similarity of the character bigrams of two provisions (0–1), no IDF.

    Example:
        >>> similarity("提供者应当标识。", "提供者应当进行标识。") > 0.7
        True
        >>> similarity("（一）甲", "（二）甲")
        1.0
    """
    ga, gb = _grams(clean(a)), _grams(clean(b))
    if not ga or not gb:
        return 1.0 if clean(a) == clean(b) else 0.0
    dot = sum(c * gb[g] for g, c in ga.items() if g in gb)
    na = math.sqrt(sum(c * c for c in ga.values()))
    nb = math.sqrt(sum(c * c for c in gb.values()))
    return round(min(1.0, dot / (na * nb)), 4)


def hungarian(score) -> list[tuple[int, int]]:
    """Maximum-total-score one-to-one assignment for a 2-D array (rows × columns).

    Every row gets a column when there are at least as many columns (and vice versa);
    callers drop weak pairs afterwards. O(n³), vectorised over columns with numpy.

    Example:
        >>> import numpy as np
        >>> hungarian(np.array([[0.9, 0.8], [0.85, 0.1]]))
        [(0, 1), (1, 0)]
    """
    import numpy as np

    score = np.asarray(score, dtype=np.float64)
    if score.size == 0:
        return []
    transposed = score.shape[0] > score.shape[1]
    cost = (-score.T if transposed else -score).copy()
    n, m = cost.shape
    inf = float("inf")
    u = np.zeros(n + 1)
    v = np.zeros(m + 1)
    p = np.zeros(m + 1, dtype=np.int64)  # p[j]: row assigned to column j (1-based, 0 = none)
    way = np.zeros(m + 1, dtype=np.int64)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = np.full(m + 1, inf)
        used = np.zeros(m + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = p[j0]
            free = ~used[1:]
            cur = cost[i0 - 1] - u[i0] - v[1:]
            better = free & (cur < minv[1:])
            minv[1:][better] = cur[better]
            way[1:][better] = j0
            cand = np.where(free, minv[1:], inf)
            j1 = int(np.argmin(cand)) + 1
            delta = cand[j1 - 1]
            used_idx = np.nonzero(used)[0]
            u[p[used_idx]] += delta
            v[used_idx] -= delta
            minv[1:][free] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    pairs = [(int(p[j]) - 1, j - 1) for j in range(1, m + 1) if p[j]]
    if transposed:
        pairs = [(c, r) for r, c in pairs]
    return sorted(pairs)


def greedy_one_to_one(candidates: Sequence[tuple[float, int, int]], threshold: float
                      ) -> list[tuple[float, int, int]]:
    """Best first, each side used once: the ``(score, i, j)`` kept from ``candidates``
    (any order) until the score falls below ``threshold``.

    Example:
        >>> greedy_one_to_one([(0.9, 0, 0), (0.8, 0, 1), (0.7, 1, 1), (0.2, 2, 2)], 0.5)
        [(0.9, 0, 0), (0.7, 1, 1)]
    """
    kept: list[tuple[float, int, int]] = []
    used_i: set[int] = set()
    used_j: set[int] = set()
    for score, i, j in sorted(candidates, reverse=True):
        if score < threshold:
            break
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        kept.append((score, i, j))
    return kept


#: Above this many pairs the chain is found in O(n log n) (same result, tested).
_SMALL_CHAIN = 1500


def _chain_small(ordered: list[tuple[int, int]], weight: list[float]
                 ) -> tuple[list[float], list[int]]:
    """Best chain weight ending at each pair, and its predecessor: the plain O(n²) loop."""
    best = list(weight)
    prev = [-1] * len(ordered)
    for k in range(len(ordered)):
        for h in range(k):
            if ordered[h][1] <= ordered[k][1] and best[h] + weight[k] > best[k]:
                best[k] = best[h] + weight[k]
                prev[k] = h
    return best, prev


def _chain_large(ordered: list[tuple[int, int]], weight: list[float]
                 ) -> tuple[list[float], list[int]]:
    """The same as :func:`_chain_small` with a Fenwick tree of prefix maxima over new
    positions (ties: the earliest predecessor), so a 100,000-article text is not quadratic."""
    size = max(n for _, n in ordered) + 1
    tree: list[tuple[float, int]] = [(float("-inf"), 0)] * (size + 1)  # (best, -index)
    best = [0.0] * len(ordered)
    prev = [-1] * len(ordered)
    for k, (_, n) in enumerate(ordered):
        i, top = n + 1, (float("-inf"), 0)
        while i > 0:  # max over predecessors with new position <= n
            top = max(top, tree[i])
            i -= i & -i
        if top[0] > 0:
            best[k], prev[k] = top[0] + weight[k], -top[1]
        else:
            best[k] = weight[k]
        i = n + 1
        while i <= size:
            if (best[k], -k) > tree[i]:
                tree[i] = (best[k], -k)
            i += i & -i
    return best, prev


def _moved(pairs: list[tuple[int, int]], n_old: int, n_new: int,
           whole: set[tuple[int, int]] | None = None) -> set[tuple[int, int]]:
    """Pairs outside the heaviest order-preserving chain (ties: smallest displacement).

    Pairs that share a provision (the pieces of a split or merge) may sit side by side in
    the chain; a one-to-one pair (in ``whole``) weighs more than a piece, so a piece never
    pushes a whole provision out of order.
    """
    ordered = sorted(pairs)
    if not ordered:
        return set()
    whole = set(ordered) if whole is None else whole
    weight = [(1.0 if (o, n) in whole else 0.4) - 0.01 * abs(o / max(1, n_old) - n / max(1, n_new))
              for o, n in ordered]
    best, prev = (_chain_small if len(ordered) <= _SMALL_CHAIN else _chain_large)(ordered, weight)
    k = max(range(len(ordered)), key=best.__getitem__)
    chain = set()
    while k >= 0:
        chain.add(ordered[k])
        k = prev[k]
    return set(ordered) - chain


def align(
    old: Sequence[tuple[str, str]],
    new: Sequence[tuple[str, str]],
    threshold: float = 0.2,
    evidence_threshold: float = 0.28,
    context: Sequence[str] = (),
    leftover: float | None = None,
    leftover_new: float | None = None,
    boilerplate: bool = True,
) -> list[Match]:
    """Align two ordered lists of ``(ref, text)`` provisions by content.

    Returns one :class:`Match` per aligned pair plus one per deleted (``new=None``) and
    added (``old=None``) provision, in new-document order (a deletion follows the rows of
    its old predecessor).

    Args:
        threshold: least cosine similarity for a one-to-one pair.
        evidence_threshold: least similarity of the clause that backs an extra
            split/merge pair.
        context: when given, the collection the word weights (IDF) come from; it should
            include the texts aligned (e.g. every clause of both documents when aligning
            the clauses of a few articles). By default, the texts themselves.
        leftover: if given, a provision left without a partner joins its most similar
            counterpart as a split/merge when they share this much (used for 款/项 inside
            articles already aligned, where the context vouches for the pair).
        leftover_new: the same for a new provision left without a partner (default
            ``leftover``); set it higher, since a new 款 that shares a little with its
            neighbour is an addition, not a split of that neighbour.
        boilerplate: weigh pairs without boilerplate formulas as well (articles); off for
            款/项 inside aligned articles, where the articles already vouch for the pairs.

    Example:
        >>> old = [("1", "提供者应当建立用户投诉处理机制；发现违法内容的，应当停止生成。")]
        >>> new = [("1", "提供者应当建立健全用户投诉处理机制。"),
        ...        ("2", "提供者发现违法内容的，应当及时停止生成。")]
        >>> [(m.old, m.new, m.relation) for m in align(old, new)]
        [('1', '1', 'split'), ('1', '2', 'split')]
    """
    n_old, n_new = len(old), len(new)
    cleaned_old = [clean(t) for _, t in old]
    cleaned_new = [clean(t) for _, t in new]

    # 1. anchors: identical texts, matched in order (long unchanged stretches cost nothing)
    primary: dict[tuple[int, int], float] = {}
    by_text: dict[str, list[int]] = {}
    for j, c in enumerate(cleaned_new):
        by_text.setdefault(c, []).append(j)
    for i, c in enumerate(cleaned_old):
        if by_text.get(c):
            primary[(i, by_text[c].pop(0))] = 1.0
    same_old = {i for i, _ in primary}
    same_new = {j for _, j in primary}
    rest_old = [i for i in range(n_old) if i not in same_old]
    rest_new = [j for j in range(n_new) if j not in same_new]

    # 2. global one-to-one assignment on the rest; weak pairs are dropped, not forced
    if rest_old and rest_new:
        # IDF over everything, so a few changed provisions are still weighed fairly
        texts = [t for _, t in old] + [t for _, t in new]
        space = _Space(texts, background=tuple(context))
        sim = space.matrix(rest_old, [n_old + j for j in rest_new])
        # weigh without boilerplate where both texts say something else too: a deleted
        # article shares 构成犯罪的，依法追究刑事责任 with many new ones, and that is no reason
        # to pair them
        stock = _Space(texts, stock=True, background=tuple(context)) if boilerplate else space
        if boilerplate and any(_stock_share(t) for t in texts):
            import numpy as np

            # a text is "formula" when boilerplate is much of it and little else is left
            ro = np.array([not _is_formula(texts[i], stock.counts[i]) for i in rest_old])
            rn = np.array([not _is_formula(texts[n_old + j], stock.counts[n_old + j])
                           for j in rest_new])
            both = np.outer(ro, rn)
            sim = np.where(both, stock.matrix(rest_old, [n_old + j for j in rest_new]), sim)
            # one side is nothing but a formula: the pair holds only if the formula is much
            # of the other side too (本法自…起施行 → 本法自…起施行, not a staff-duty article
            # that ends in 构成犯罪的，依法追究刑事责任)
            share_o = np.array([_stock_share(texts[i]) for i in rest_old])
            share_n = np.array([_stock_share(texts[n_old + j]) for j in rest_new])
            one = np.outer(ro, ~rn)
            sim = np.where(one, sim * np.minimum(1.0, 2 * share_o)[:, None], sim)
            one = np.outer(~ro, rn)
            sim = np.where(one, sim * np.minimum(1.0, 2 * share_n)[None, :], sim)
        masked = sim * (sim >= threshold)
        rare = math.log((space.n + 1) / (max(2.0, _RARE_SHARE * space.n) + 0.5))
        for r, c in _assign(masked):
            if masked[r, c] < threshold:
                continue
            i, j = rest_old[r], n_old + rest_new[c]
            # a weak pair must share some distinctive words besides boilerplate, else a
            # deleted article pairs with an unrelated new one at 0.23
            if (boilerplate and masked[r, c] < _WEAK_PAIR
                    and not _is_formula(texts[i], stock.counts[i])
                    and not _is_formula(texts[j], stock.counts[j])):
                shared = stock.counts[i].keys() & stock.counts[j].keys()
                if sum(stock.idf.get(g, stock.unseen) >= rare for g in shared) < _MIN_SHARED:
                    continue
            primary[(rest_old[r], rest_new[c])] = float(sim[r, c])

    # 3. clause evidence for splits and merges
    extra = _evidence(old, new, rest_old, rest_new, primary, evidence_threshold, context)
    if leftover is not None and rest_old and rest_new:
        paired_old = {i for i, _ in primary} | {i for i, _ in extra}
        paired_new = {j for _, j in primary} | {j for _, j in extra}
        for r, i in enumerate(rest_old):
            c = int(sim[r].argmax())
            if i not in paired_old and sim[r, c] >= leftover:
                extra[(i, rest_new[c])] = (float(sim[r, c]), None)
        least_new = leftover if leftover_new is None else leftover_new
        for c, j in enumerate(rest_new):
            r = int(sim[:, c].argmax())
            if j not in paired_new and sim[r, c] >= least_new:
                extra.setdefault((rest_old[r], j), (float(sim[r, c]), None))

    if extra and boilerplate and rest_old and rest_new:
        # a pair that rests on one clause alone (neither article has another partner) needs
        # the two articles to be somewhat alike as wholes too: one shared list of goods or
        # one formula does not make a deleted article the source of an unrelated new one
        paired_new = Counter(j for _, j in primary) + Counter(j for _, j in extra)
        paired_old = Counter(i for i, _ in primary) + Counter(i for i, _ in extra)
        with_primary = {a for a, _ in primary}
        row_of = {i: r for r, i in enumerate(rest_old)}
        col_of = {j: c for c, j in enumerate(rest_new)}
        for (i, j) in list(extra):
            alone = paired_old[i] == 1 and paired_new[j] == 1 and i not in with_primary
            if (alone and i in row_of and j in col_of
                    and float(sim[row_of[i], col_of[j]]) < _LONE_CLAUSE * threshold):
                del extra[(i, j)]
    pairs = {(i, j): (s, None) for (i, j), s in primary.items()}
    for key, value in extra.items():
        pairs.setdefault(key, value)
    old_deg = Counter(i for i, _ in pairs)
    new_deg = Counter(j for _, j in pairs)
    # every pair takes part in the order check: a piece of a split can move too
    moved = _moved(list(pairs), n_old, n_new, {k for k in pairs if old_deg[k[0]] == 1
                                                and new_deg[k[1]] == 1})
    matches: list[Match] = []
    for (i, j), (s, ev) in pairs.items():
        if old_deg[i] > 1 and new_deg[j] > 1:
            rel = "many-to-many"
        elif old_deg[i] > 1:
            rel = "split"
        elif new_deg[j] > 1:
            rel = "merge"
        else:
            rel = "one-to-one"
        matches.append(Match(old[i][0], new[j][0], round(min(1.0, s), 4), rel,
                             (i, j) in moved, ev))
    for i in range(n_old):
        if not old_deg[i]:
            matches.append(Match(old[i][0], None, 0.0, ""))
    for j in range(n_new):
        if not new_deg[j]:
            matches.append(Match(None, new[j][0], 0.0, ""))
    return _order(matches, [r for r, _ in old], [r for r, _ in new])


def _assign(masked) -> list[tuple[int, int]]:
    """Hungarian assignment, run per connected block of non-zero scores (much faster)."""
    import numpy as np

    n, m = masked.shape
    parent = list(range(n + m))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    rows, cols = np.nonzero(masked)
    for r, c in zip(rows.tolist(), cols.tolist()):
        a, b = find(r), find(n + c)
        if a != b:
            parent[a] = b
    blocks: dict[int, tuple[list[int], list[int]]] = {}
    for r in sorted(set(rows.tolist())):
        blocks.setdefault(find(r), ([], []))[0].append(r)
    for c in sorted(set(cols.tolist())):
        blocks.setdefault(find(n + c), ([], []))[1].append(c)
    out = []
    for rs, cs in blocks.values():
        sub = masked[np.ix_(rs, cs)]
        out.extend((rs[a], cs[b]) for a, b in hungarian(sub))
    return out


def _evidence(old, new, rest_old, rest_new, primary, evidence_threshold, context=()):
    """Extra (old, new) pairs, each backed by a clause pair that are each other's best match.

    Only changed provisions take part. A clause pair is not evidence when either clause is
    about as well matched inside its own primary partner (it is explained already), and
    stock formulas (另有规定的，从其规定) are ignored.
    """
    if not rest_old or not rest_new:
        return {}
    # IDF over all clauses of both versions; vectors only for the changed ones
    allp: list[str] = []
    po: list[tuple[int, str]] = []
    pn: list[tuple[int, str]] = []
    at_old: list[int] = []
    at_new: list[int] = []
    changed_old, changed_new = set(rest_old), set(rest_new)
    for units, changed, out, at in ((old, changed_old, po, at_old),
                                    (new, changed_new, pn, at_new)):
        for k, (_, text) in enumerate(units):
            for p in pieces(text):
                if k in changed:
                    out.append((k, p))
                    at.append(len(allp))
                allp.append(p)
    if not po or not pn:
        return {}
    space = _Space(allp, stock=True, background=_all_pieces(tuple(context)) or None)
    sim = space.matrix(at_old, at_new)
    best_new = sim.argmax(axis=1)
    best_old = sim.argmax(axis=0)
    partner_of_old: dict[int, set[int]] = {}
    partner_of_new: dict[int, set[int]] = {}
    for i, j in primary:
        partner_of_old.setdefault(i, set()).add(j)
        partner_of_new.setdefault(j, set()).add(i)
    new_rows: dict[int, list[int]] = {}
    old_rows: dict[int, list[int]] = {}
    for b, (j, _) in enumerate(pn):
        new_rows.setdefault(j, []).append(b)
    for a, (i, _) in enumerate(po):
        old_rows.setdefault(i, []).append(a)

    total = space.n
    rare = math.log((total + 1) / (max(2.0, _RARE_SHARE * total) + 0.5))
    extra: dict[tuple[int, int], tuple[float, tuple[str, str] | None]] = {}
    for a, (i, fo) in enumerate(po):
        b = int(best_new[a])
        if int(best_old[b]) != a:
            continue
        j, fn = pn[b]
        s = float(sim[a, b])
        if s < evidence_threshold or (i, j) in primary:
            continue
        # explained already: the old clause has a near-equal match in its own partner…
        own_new = [c for k in partner_of_old.get(i, ()) for c in new_rows.get(k, ())]
        if own_new and float(sim[a, own_new].max()) >= 0.8 * s:
            continue
        # …or the new clause has one in its own partner
        own_old = [r for k in partner_of_new.get(j, ()) for r in old_rows.get(k, ())]
        if own_old and float(sim[own_old, b].max()) >= 0.8 * s:
            continue
        # a piece that is mostly formula (情节严重构成犯罪的，依法追究刑事责任) is no evidence
        if min(len(clean(_stock_re().sub("", fold(fo)))),
               len(clean(_stock_re().sub("", fold(fn))))) < _MIN_PIECE:
            continue
        # a few shared common words (实施、不正当) are chance, not evidence
        shared = space.counts[at_old[a]].keys() & space.counts[at_new[b]].keys()
        if sum(space.idf.get(g, space.unseen) >= rare for g in shared) < _MIN_SHARED:
            continue
        if s > extra.get((i, j), (0.0,))[0]:
            extra[(i, j)] = (s, (fo, fn))
    return extra


def _order(matches: list[Match], old_refs: list[str], new_refs: list[str]) -> list[Match]:
    """New-document order; a deletion sits after the rows of its old predecessor."""
    old_pos = {r: k for k, r in enumerate(old_refs)}
    new_pos = {r: k for k, r in enumerate(new_refs)}
    # where does each old provision sit on the new side? (its first partner)
    anchor: dict[str, float] = {}
    for m in matches:
        if m.old is not None and m.new is not None:
            anchor[m.old] = min(anchor.get(m.old, math.inf), new_pos[m.new])

    def key(m: Match) -> tuple[float, float, float]:
        if m.new is not None:
            return (new_pos[m.new], 0, old_pos.get(m.old, -1) if m.old else -1)
        # deleted: after the nearest preceding old provision that has a partner
        k = old_pos[m.old]
        before = -1.0
        for h in range(k - 1, -1, -1):
            if old_refs[h] in anchor:
                before = anchor[old_refs[h]]
                break
        return (before, 1, k)

    return sorted(matches, key=key)
