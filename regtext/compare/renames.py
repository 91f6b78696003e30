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

__all__ = ["Rename", "apply_renames", "find_renames"]

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
    """Terms of ``old`` replaced throughout ``new`` (two whole documents' texts).

    A candidate old term is a noun used at least three times in ``old`` and keeping at most
    30% of its uses in ``new``; its replacement is a noun at least twice as frequent in
    ``new`` (and used at least three times there) whose neighbouring words match the old
    term's (cosine of left/right-neighbour counts ≥ 0.35, at least three distinct neighbouring
    words in common). Each term is used once.

    Example:
        >>> find_renames("甲应当登记。甲不得转让。", "乙应当登记。乙不得转让。")  # too rare
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


def apply_renames(text: str, renames: tuple[Rename, ...]) -> str:
    """``text`` (an old version) in the new version's vocabulary.

    Example:
        >>> apply_renames("指导用户使用产品。", (Rename("用户", "使用者"), Rename("产品", "服务")))
        '指导使用者使用服务。'
    """
    for r in renames:
        text = text.replace(r.old, r.new)
    return text
