"""Legal concepts: the words of Chinese law that name one thing, and the kinds of it.

A lawyer reads 不合理的差别待遇 and 歧视 as one concept, and 著作权 as a kind of 知识产权; a
duty not to infringe 知识产权 rests on the copyright rules, not on the rule against infringing
健康权 that happens to share the verb. ``rules/legal-concepts.tsv`` holds the families: each
row names a concept, the broader concept it is a kind of, and the words that name it. This
module finds the concepts a text speaks of and measures how far two texts speak of the same
ones; :mod:`regtext.network.ranking` uses that to re-rank links.

Example:
    >>> sorted(concepts_in("不得对个人在交易价格等交易条件上实行不合理的差别待遇"))
    ['歧视']
    >>> sorted(concepts_in("个人信息处理者应当对其个人信息处理活动负责"))
    ['个人信息', '数据']
    >>> concept_share(concepts_in("不得侵害他人依法享有的知识产权"),
    ...               concepts_in("著作权包括下列人身权和财产权"))
    1.0
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import rules
from ..text.normalize import fold

#: Share credited when two texts speak of sibling concepts (two kinds of one broader concept:
#: 训练数据 and 个人信息 are both 数据), instead of the same concept or one a kind of the other.
SIBLING_SHARE = 0.5


@dataclass(frozen=True)
class Family:
    """One row of ``rules/legal-concepts.tsv``."""

    concept: str
    broader: str  # the concept this one is a kind of ("" for none)
    role: str  # object (counts) or party (a duty-bearer's name, matched only to be skipped)
    terms: tuple[str, ...]


@cache
def families() -> dict[str, Family]:
    """Every concept family by name.

    Example:
        >>> families()["著作权"].broader
        '知识产权'
    """
    out: dict[str, Family] = {}
    for r in rules.table("legal-concepts"):
        terms = tuple(fold(t).strip() for t in r["terms"].split("|") if t.strip())
        out[r["concept"]] = Family(r["concept"], r["broader"], r["role"], terms)
    for f in out.values():  # a broader concept must be a row of its own
        if f.broader and f.broader not in out:
            raise rules.RuleError(f"legal-concepts.tsv: {f.concept}: unknown broader "
                                  f"concept {f.broader!r}")
    return out


@cache
def _matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    owner: dict[str, str] = {}
    for f in families().values():
        for t in f.terms:
            owner.setdefault(t, f.concept)
    words = sorted(owner, key=lambda t: (-len(t), t))  # longest first: 个人信息处理者 ≠ 个人信息
    return re.compile("|".join(re.escape(w) for w in words)), owner


@cache
def ancestors(concept: str) -> tuple[str, ...]:
    """The broader concepts of ``concept``, nearest first.

    Example:
        >>> ancestors("人脸声音")
        ('敏感个人信息', '个人信息', '数据')
    """
    out: list[str] = []
    fam = families().get(concept)
    while fam is not None and fam.broader and fam.broader not in out:
        out.append(fam.broader)
        fam = families().get(fam.broader)
    return tuple(out)


def matches(text: str) -> list[tuple[str, str]]:
    """Every concept word in ``text`` as (word, concept), longest first, without overlaps;
    duty-bearers' names (role ``party``) included.

    Example:
        >>> matches("个人信息处理者不得泄露个人信息")
        [('个人信息处理者', '个人信息处理者'), ('泄露', '信息泄露'), ('个人信息', '个人信息')]
    """
    pattern, owner = _matcher()
    return [(m.group(0), owner[m.group(0)]) for m in pattern.finditer(fold(text or ""))]


@lru_cache(maxsize=200_000)
def concepts_in(text: str) -> frozenset[str]:
    """The concepts ``text`` speaks of (object concepts and the broader ones they are kinds
    of); the names of duty-bearers (个人信息处理者) are read but not counted.

    Example:
        >>> sorted(concepts_in("涉及知识产权的，不得侵害他人依法享有的著作权"))
        ['知识产权', '著作权']
        >>> concepts_in("煽动民族仇恨、民族歧视") == {"煽动仇恨", "违法信息"}
        True
    """
    out: set[str] = set()
    for _, concept in matches(text):
        if families()[concept].role == "party":
            continue
        out.add(concept)
        out.update(ancestors(concept))
    return frozenset(out)


def _own(found: frozenset[str]) -> frozenset[str]:
    """The most specific concepts of a set made by :func:`concepts_in` (no broader ones)."""
    implied = {a for c in found for a in ancestors(c)}
    return frozenset(found - implied)


def concept_share(src: frozenset[str], tgt: frozenset[str]) -> float | None:
    """How much of what ``src`` speaks of ``tgt`` speaks of too, 0-1; ``None`` when either
    names no concept (nothing to compare).

    Each of the source's most specific concepts counts 1 when the target names it, a kind of
    it or a broader concept of it (知识产权 ~ 著作权), :data:`SIBLING_SHARE` when both are kinds
    of one broader concept (训练数据 ~ 个人信息), else 0.

    Example:
        >>> concept_share(concepts_in("提高训练数据质量"), concepts_in("保证个人信息的质量"))
        0.5
        >>> concept_share(concepts_in("不得侵害知识产权"), concepts_in("不得侵害他人的健康权"))
        0.0
        >>> concept_share(concepts_in("提高训练数据质量"), concepts_in("采取有效措施")) is None
        True
    """
    if not src or not tgt:
        return None
    own = _own(src)
    tgt_own = _own(tgt)
    total = 0.0
    for c in own:
        if c in tgt or any(c in ancestors(t) for t in tgt_own):
            total += 1.0
        elif set(ancestors(c)) & tgt:
            total += SIBLING_SHARE
    return total / len(own)


@cache
def binding_modal() -> re.Pattern[str]:
    """The obligation and prohibition words of ``rules/modal-words.tsv``, longest first, each
    with the contexts it must not stand in (应用 and 相应 hold no 应).

    Example:
        >>> modal = binding_modal()
        >>> bool(modal.search("鼓励网络技术创新和应用")), bool(modal.search("不得侵害"))
        (False, True)
    """
    from ..extract.norms import _modal_word_re

    rows = sorted((r for r in rules.table("modal-words")
                   if r["modality"] in ("obligation", "prohibition")),
                  key=lambda r: (-len(r["word"]), r["word"]))
    return re.compile("|".join(_modal_word_re(r) for r in rows))


def duty_object(text: str) -> str:
    """What the duties of ``text`` are about: the words after the binding modal word of each
    sentence that has one (the act and its object), or the whole text when none has one.

    Example:
        >>> duty_object("涉及知识产权的，不得侵害他人依法享有的知识产权。")
        '侵害他人依法享有的知识产权'
        >>> duty_object("著作权包括下列人身权和财产权")
        '著作权包括下列人身权和财产权'
    """
    parts = []
    for sentence in re.split(r"[。；]", fold(text or "")):
        m = binding_modal().search(sentence)
        if m:
            parts.append(sentence[m.end():])
    return "；".join(parts) if parts else fold(text or "")


def object_concepts(text: str) -> frozenset[str]:
    """:func:`concepts_in` of :func:`duty_object`: the concepts a text's duties are about.

    Example:
        >>> sorted(object_concepts("涉及个人信息的，不得侵害他人依法享有的知识产权"))
        ['知识产权']
    """
    return concepts_in(duty_object(text))
