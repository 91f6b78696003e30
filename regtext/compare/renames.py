"""Terms replaced throughout a document (用户 → 使用者, 产品 → 服务), found from the pair itself.

A drafter who renames a party or an object replaces the word everywhere, so the evidence is
in the two texts: a noun that is frequent in the old version and (nearly) gone from the new
one, and a noun that is new (or much more frequent) in the new version and stands where the
old one stood: after and before the same words (指导用户 → 指导使用者, 用户发现 → 使用者发现).
No list of known renames is used.

Example:
    >>> old = "提供者应当指导用户使用。用户发现违法内容的，可以举报。保护用户的输入信息。"
    >>> new = "提供者应当指导使用者使用。使用者发现违法内容的，可以举报。保护使用者的输入信息。"
    >>> find_renames(old, new)
    (Rename(old='用户', new='使用者', old_count=3, new_count=3),)
    >>> find_renames(old, old.replace("用户", "未成年人用户"))  # narrowed, not renamed
    ()
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Rename", "apply_renames", "find_phrase_renames", "find_renames"]

_MIN_COUNT = 3  # a rename is a pattern: the old term must occur at least this often
_GONE = 0.3  # the old term keeps at most this share of its uses in the new text
_CONTEXT = 0.35  # least cosine between the neighbour profiles of the two terms
_SHARED = 3  # …and at least this many distinct neighbouring words in common
_TITLE_RE = re.compile(r"《[^《》]*》")
_WORD_RE = re.compile(r"^[\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class Rename:
    """One term replaced throughout the new version.

    Attributes:
        old, new: the term before and after.
        old_count: uses of ``old`` in the old text.
        new_count: uses of ``new`` in the new text.

    Example:
        >>> str(Rename("用户", "使用者", 14, 9))
        '用户→使用者'
    """

    old: str
    new: str
    old_count: int = 0
    new_count: int = 0

    def __str__(self) -> str:
        return f"{self.old}→{self.new}"

    @property
    def tag(self) -> str:
        """The row and document tag: ``renamed:<old>→<new>``.

        Example:
            >>> Rename("产品", "服务").tag
            'renamed:产品→服务'
        """
        return f"renamed:{self}"


def _tokens(text: str) -> list[tuple[str, str]]:
    from ..extract.pipeline import pos_tags

    # titles of other laws are not the drafter's vocabulary
    # punctuation becomes a boundary mark, so that 、 or ， is never a shared neighbour
    return [(w if _WORD_RE.match(w) else "|", t)
            for w, t in pos_tags(_TITLE_RE.sub("。", text)) if w.strip()]


def _profile(tokens: list[tuple[str, str]], term: str) -> Counter:
    """Neighbours of ``term``: the word before (L:) and after (R:), punctuation skipped."""
    prof: Counter = Counter()
    for k, (w, _) in enumerate(tokens):
        if w != term:
            continue
        if k > 0 and tokens[k - 1][0] != "|":
            prof["L:" + tokens[k - 1][0]] += 1
        if k + 1 < len(tokens) and tokens[k + 1][0] != "|":
            prof["R:" + tokens[k + 1][0]] += 1
    return prof


def _cosine(a: Counter, b: Counter) -> float:
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _nouns(tokens: list[tuple[str, str]]) -> Counter:
    return Counter(w for w, t in tokens if len(w) > 1 and (t.startswith("n") or t == "vn"))


@lru_cache(maxsize=32)
def find_renames(old: str, new: str) -> tuple[Rename, ...]:
    """Terms of ``old`` replaced throughout ``new`` (two whole documents' texts): the single
    nouns of :func:`find_word_renames` and the phrases of :func:`find_phrase_renames`
    (国境卫生检疫机关 → 海关), a phrase kept only when no single-noun rename explains it.

    Example:
        >>> old = "由卫生检疫机关检查。卫生检疫机关应当报告。卫生检疫机关可以处罚。"
        >>> [str(r) for r in find_renames(old, old.replace("卫生检疫机关", "海关"))]
        ['卫生检疫机关→海关']
    """
    words = find_word_renames(old, new)
    phrases = [r for r in find_phrase_renames(old, new)
               if not any(w.old in r.old or w.new in r.new for w in words)]
    return tuple(sorted(words + tuple(phrases), key=lambda r: -r.old_count))


@lru_cache(maxsize=32)
def find_word_renames(old: str, new: str) -> tuple[Rename, ...]:
    """Single nouns of ``old`` replaced throughout ``new`` (two whole documents' texts).

    A candidate old term is a noun used at least three times in ``old`` and keeping at most
    30% of its uses in ``new``; its replacement is a noun at least twice as frequent in
    ``new`` (and used at least three times there) whose neighbouring words match the old
    term's (cosine of left/right-neighbour counts ≥ 0.35, at least three distinct neighbouring
    words in common). Each term is used once.

    Example:
        >>> find_word_renames("甲应当登记。甲不得转让。", "乙应当登记。乙不得转让。")  # too rare
        ()
    """
    to, tn = _tokens(old), _tokens(new)
    co, cn = _nouns(to), _nouns(tn)
    all_old = Counter(w for w, _ in to)
    all_new = Counter(w for w, _ in tn)
    gone = [w for w, c in co.items() if c >= _MIN_COUNT and all_new[w] <= _GONE * c]
    arrived = [w for w, c in cn.items() if c >= _MIN_COUNT and c >= 2 * all_old[w] + 2]
    scored = []
    for a in gone:
        pa = _profile(to, a)
        for b in arrived:
            if a in b or b in a:  # 用户 → 未成年人用户 is a narrowing, not a rename
                continue
            pb = _profile(tn, b)
            # shared neighbours that are words, not particles (的, 和, 等)
            shared = sum(1 for k in pa.keys() & pb.keys() if len(k) > 3)
            s = _cosine(pa, pb)
            if s >= _CONTEXT and shared >= _SHARED:
                scored.append((s, a, b))
    out: list[Rename] = []
    used: set[str] = set()
    for _, a, b in sorted(scored, reverse=True):
        if a in used or b in used:
            continue
        used.update((a, b))
        out.append(Rename(a, b, co[a], cn[b]))
    return tuple(sorted(out, key=lambda r: -r.old_count))


def apply_renames(text: str, renames: tuple[Rename, ...] | list[Rename]) -> str:
    """``text`` (an old version) in the new version's vocabulary (longer terms first, so
    that a phrase is replaced before a word inside it).

    Example:
        >>> apply_renames("指导用户使用产品。", (Rename("用户", "使用者"), Rename("产品", "服务")))
        '指导使用者使用服务。'
    """
    for r in sorted(renames, key=lambda r: -len(r.old)):
        text = text.replace(r.old, r.new)
    return text


# -- phrases ---------------------------------------------------------------------------

_RUN_RE = re.compile(r"[\u4e00-\u9fff]+")
_MAX_PHRASE = 12  # characters: 国务院卫生行政部门, 国家密码管理委员会办公室
_EDGE = 2  # characters of context on each side of a phrase
_PHRASE_CONTEXT = 0.2  # a new phrase has uses of its own (海关总署), so the profiles
# need agree less than a word's; the substitution test below carries the weight
_HELD = 0.6  # least share of an old phrase's uses where the new phrase reads in its place


def _runs(text: str) -> list[str]:
    """Runs of Chinese characters (punctuation, digits and cited titles break them)."""
    from ..text.normalize import fold

    return _RUN_RE.findall(_TITLE_RE.sub("。", fold(text)))


def _phrase_counts(runs: list[str]) -> Counter:
    counts: Counter = Counter()
    for run in runs:
        n = len(run)
        for i in range(n - 1):
            for k in range(i + 2, min(n, i + _MAX_PHRASE) + 1):
                counts[run[i:k]] += 1
    return counts


def _closed(counts: Counter, least: int) -> set[str]:
    """Phrases used at least ``least`` times that no one-character extension always
    accompanies (卫生检疫机关 that always follows 国境 is not a phrase of its own)."""
    frequent = {g: c for g, c in counts.items() if c >= least}
    opened = set()
    for g, c in frequent.items():
        if len(g) > 2:
            for parent in (g[:-1], g[1:]):
                if frequent.get(parent) == c:
                    opened.add(parent)
    return set(frequent) - opened


def _uses(runs: list[str], phrase: str) -> list[tuple[str, str]]:
    """The (up to) two characters before and after each use of ``phrase`` in ``runs``
    (empty at the edge of a run, i.e. at a punctuation mark)."""
    out = []
    for run in runs:
        start = run.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            out.append((run[max(0, start - _EDGE):start], run[end:end + _EDGE]))
            start = run.find(phrase, start + 1)
    return out


def _profile_of(uses: list[tuple[str, str]]) -> Counter:
    """Context counts (L:xx, R:xx); run edges are left out: every phrase has them."""
    prof: Counter = Counter()
    for left, right in uses:
        if left:
            prof["L:" + left] += 1
        if right:
            prof["R:" + right] += 1
    return prof


def _bounds(runs: tuple[str, ...]) -> dict[str, set[int]]:
    """Word boundaries (character offsets) of each run, by jieba."""
    from ..extract.pipeline import plain_tokenizer

    out: dict[str, set[int]] = {}
    for run in runs:
        if run not in out:
            cuts, k = {0}, 0
            for w in plain_tokenizer().lcut(run):
                k += len(w)
                cuts.add(k)
            out[run] = cuts
    return out


def _on_words(runs: list[str], bounds: dict[str, set[int]], phrase: str) -> bool:
    """Most uses of ``phrase`` begin and end at word boundaries (级人民政府退役军人事务部 is a
    cut through words, not a phrase)."""
    good = total = 0
    for run in runs:
        start = run.find(phrase)
        while start >= 0:
            total += 1
            good += start in bounds[run] and start + len(phrase) in bounds[run]
            start = run.find(phrase, start + 1)
    return total > 0 and good * 2 >= total


def _is_term(phrase: str) -> bool:
    """A phrase that names something: its last word is a noun (机关, 部门, 方式) and its first
    is no verb, adverb, preposition or conjunction, so modal words (必须 → 应当) and acts
    (泄露国家秘密 → 保密违法) are never renamed."""
    from ..extract.pipeline import pos_tags

    tagged = [(w, t) for w, t in pos_tags(phrase) if w.strip()]
    if not tagged:
        return False
    first, last = tagged[0][1], tagged[-1][1]
    return ((last.startswith("n") or last == "j")
            and not (first.startswith(("v", "d", "p", "c", "u")) and first != "vn"))


def _one_word(phrase: str) -> bool:
    from ..extract.pipeline import plain_tokenizer

    return len(plain_tokenizer().lcut(phrase)) == 1


def _names_alike(a: str, b: str) -> bool:
    """Both phrases name something, and so do the parts that differ once a shared start
    is set aside (生成式人工智能生成的内容 → 生成式人工智能服务 changes 生成的内容, an act)."""
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    if not (_is_term(a) and _is_term(b)):
        return False
    return k < 2 or (_is_term(a[k:]) if len(a) - k >= 2 else True)


def _overlap(a: str, b: str) -> bool:
    """One phrase inside the other, or the end of one the start of the other (省级人民政府
    退役军人事务 against 退役军人事务部门): both cannot be renamed."""
    if a in b or b in a:
        return True
    return any(a.endswith(b[:k]) or b.endswith(a[:k]) for k in range(2, min(len(a), len(b))))


@lru_cache(maxsize=32)
def find_phrase_renames(old: str, new: str) -> tuple[Rename, ...]:
    """Phrases of ``old`` replaced throughout ``new``: 国境卫生检疫机关 → 海关,
    国务院卫生行政部门 → 国务院卫生健康主管部门, found from the pair itself.

    A candidate old phrase (2–12 Chinese characters, not always part of a longer one) is
    used at least three times in ``old`` and keeps at most 30% of its uses in ``new``; its
    replacement is used at least three times in ``new`` and at least twice as often as in
    ``old``, and stands where the old phrase stood: the two characters before and after
    each use match (cosine ≥ 0.2, at least three distinct contexts in common), and put in
    the old phrase's place it reads as the new text does on one side at least, for at
    least three uses and 60% of them. Both phrases must name something (a noun at the
    end, no verb at the start: 必须 → 应当 is no rename). A pair that only extends
    a better one by shared characters (国境卫生检疫机关应当 → 海关应当) is dropped;
    each phrase is used once.

    Example:
        >>> old = "由卫生检疫机关检查。卫生检疫机关应当报告。卫生检疫机关可以处罚。"
        >>> find_phrase_renames(old, old.replace("卫生检疫机关", "海关"))
        (Rename(old='卫生检疫机关', new='海关', old_count=3, new_count=3),)
        >>> find_phrase_renames(old, old.replace("卫生检疫机关检查", "海关检查", 1))  # once
        ()
    """
    ro, rn = _runs(old), _runs(new)
    co, cn = _phrase_counts(ro), _phrase_counts(rn)
    gone = [g for g in _closed(co, _MIN_COUNT) if cn[g] <= _GONE * co[g]]
    arrived = [g for g in _closed(cn, _MIN_COUNT) if cn[g] >= 2 * co[g] + 2]
    if not gone or not arrived:
        return ()
    new_text = "|".join(rn)

    def found(window: str) -> bool:
        return bool(cn[window]) if len(window) <= _MAX_PHRASE else window in new_text

    # score only pairs that share a context: an index of the arrived phrases by context
    prof_new = {g: _profile_of(_uses(rn, g)) for g in arrived}
    index: dict[str, list[str]] = {}
    for g, prof in prof_new.items():
        for k in prof:
            index.setdefault(k, []).append(g)
    scored = []
    for a in gone:
        uses = _uses(ro, a)
        pa = _profile_of(uses)
        hits = Counter(b for k in pa for b in index.get(k, ()))
        for b, shared in hits.items():
            if shared < _SHARED or a in b or b in a:
                continue
            s = _cosine(pa, prof_new[b])
            if s < _PHRASE_CONTEXT:
                continue
            # the substitution test: put the new phrase where the old one stood; the words
            # on both sides must read the same in the new text for most uses
            held = sum(1 for left, right in uses
                       if (left and found(left + b)) or (right and found(b + right)))
            if held >= _MIN_COUNT and held >= _HELD * len(uses):
                scored.append((held / len(uses), s, a, b))
    # a pair that another explains (the same change with more shared characters around it)
    # is not a rename of its own
    pairs = {(a, b) for _, _, a, b in scored}
    scored = [t for t in scored
              if not any((x, y) != (t[2], t[3]) and x in t[2] and t[2].replace(x, y) == t[3]
                         for x, y in pairs)]
    out: list[Rename] = []
    used_old: set[str] = set()
    used_new: set[str] = set()
    bounds_old: dict[str, set[int]] | None = None
    bounds_new: dict[str, set[int]] | None = None
    for _, _, a, b in sorted(scored, key=lambda t: (-t[0], -t[1], -co[t[2]], t[2], t[3])):
        if a in used_old or b in used_new or any(_overlap(a, u) for u in used_old):
            continue
        # single words are find_word_renames' business (it weighs whole-word neighbours)
        if not _names_alike(a, b) or (_one_word(a) and _one_word(b)):
            continue
        bounds_old = bounds_old or _bounds(tuple(ro))
        bounds_new = bounds_new or _bounds(tuple(rn))
        if not (_on_words(ro, bounds_old, a) and _on_words(rn, bounds_new, b)):
            continue
        used_old.add(a)
        used_new.add(b)
        out.append(Rename(a, b, co[a], cn[b]))
    return tuple(sorted(out, key=lambda r: -r.old_count))
