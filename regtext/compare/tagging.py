"""TagContext tags: what a change between two versions of a provision means.

Every tag is computed from the two texts alone (never from a table of known articles).
How each one is decided:

``citation-added:<target>`` / ``citation-removed:<target>``
    External citations found by :func:`regtext.find_citations` in one text and not the
    other; the target is the corpus id when the citation resolves, else the cited title.
    (Without the citations module: 《…》 titles resolved with :func:`regtext.resolve_id`.)
``obligation-added`` / ``obligation-removed``
    The number of binding norms (modality ``obligation`` or ``prohibition`` from
    :func:`regtext.find_norms`; lexically 应当/必须/不得/禁止…) went up / down.
``softened`` / ``strengthened``
    A norm's force moved: the strongest modality fell (不得/应当 → 可以/鼓励) or rose;
    a guarantee (保证/确保/必须) or a flat duty (应当…) gave way to best-efforts wording
    (采取有效措施, 提高, 增强, 提升, 尽量, 逐步) or the reverse; or a prohibition gained or
    lost a qualifier (不得 → 不得非法).
``penalty-added`` / ``penalty-removed``
    A kind of sanction (罚款, 没收, 吊销, 责令暂停/停业/关闭/终止, 警告, 通报批评, 拘留,
    刑事责任…) appears in only one of the texts.
``deadline-added`` / ``deadline-removed``
    A time limit (3个月内, 十个工作日内, 之日起三十日内) appears in only one of the texts.
``actor-changed``
    The set of normalised actors bound by norms differs and neither side is empty.
``scope-changed``
    A scope clause (适用本办法, 不适用, 适用于) is present on either side and changed
    (cross-references such as 第十三条 are masked, so renumbering alone does not count).
``definition-changed``
    A definition (是指, 含义, 所称, （以下称…）) is present on either side and changed
    (cross-references masked likewise).

Example:
    >>> tags("提供者应在3个月内整改。", "提供者应当及时整改。")
    ['deadline-removed']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..compare.alignment import clean
from ..text.normalize import fold

__all__ = ["RULES", "TAGS", "TagContext", "TagRule", "tag_rule", "tags"]

_NUM = r"[0-9零〇一二三四五六七八九十百千两]+"
_DEADLINE_RE = re.compile(
    rf"(?:{_NUM})\s*(?:个)?\s*(?:工作日|小时|日|天|周|星期|个?月|年)\s*(?:内|以内|之内|前)")
_SANCTIONS = {
    "罚款": r"罚款|罚金",
    "没收": r"没收",
    "吊销": r"吊销|撤销[^，。；]{0,6}(?:许可|执照|资格)",
    "停业": r"停业|停产|关闭|暂停|终止",
    "警告": r"警告",
    "通报批评": r"通报批评",
    "拘留": r"拘留|拘役|徒刑",
    "刑事责任": r"刑事责任",
    "处分": r"处分",
    "治安管理处罚": r"治安管理处罚",
}
_SANCTION_RE = {k: re.compile(v) for k, v in _SANCTIONS.items()}
# a sanction word only counts inside a liability clause (暂停 is also an ordinary duty)
_LIABILITY_RE = re.compile(r"处罚|责令|罚款|罚金|追究|处分|违反本|吊销|没收")
_GUARANTEE_RE = re.compile(r"保证|确保|必须|务必")
_DUTY_RE = re.compile(r"应当|应|必须")
_EFFORT_RE = re.compile(
    r"采取(?:有效|必要|适当)?措施|提高|增强|提升|尽量|尽可能|努力|逐步|鼓励|促进")
_QUALIFIED_BAN_RE = re.compile(r"不得(?:非法|违法|擅自|违规|未经)")
_SCOPE_RE = re.compile(r"适用本|不适用|适用于")
# cross-references are masked before comparing scope/definition sentences: renumbering
# 第十三条 → 第十七条 is not a change of scope
_XREF_RE = re.compile(rf"第{_NUM}(?:条|款|项)(?:之{_NUM})?")
_DEFINITION_RE = re.compile(r"是指|含义|所称|（以下(?:简)?称")
_FORCE = {"prohibition": 3, "obligation": 3, "permission": 1, "encouragement": 1}


@lru_cache(maxsize=4096)
def _citations(text: str) -> frozenset[str]:
    from ..extract.citing import find_citations

    out = set()
    for c in find_citations(text):
        if c.kind == "external" and (c.target_doc or c.target_title):
            out.add(c.target_doc or c.target_title)
    return frozenset(out)


@lru_cache(maxsize=4096)
def _norms(text: str) -> tuple[tuple[str, str | None, int], ...]:
    """(modality, actor, start) for every norm of the text (a norm binding two actors
    appears twice, with the same start)."""
    from ..extract.norms import find_norms

    return tuple((n.modality, n.actor, n.start) for n in find_norms(text))


def _sanctions(text: str) -> set[str]:
    out = set()
    for sentence in re.split(r"[。；]", text):
        if _LIABILITY_RE.search(sentence):
            out.update(k for k, rx in _SANCTION_RE.items() if rx.search(sentence))
    return out


def _deadlines(text: str) -> set[str]:
    return {re.sub(r"\s+", "", m.group(0)) for m in _DEADLINE_RE.finditer(text)}


def _sentences_with(rx: re.Pattern[str], text: str) -> set[str]:
    return {clean(_XREF_RE.sub("第#条", s)) for s in re.split(r"[。；\n]", text)
            if rx.search(s)}


@dataclass(frozen=True)
class TagRule:
    """One registered tag rule: the tags it may emit and the function that decides.

    Attributes:
        names: the tag names this rule can emit (``citation-…`` carry ``:<target>``).
        func: ``func(change) -> list[str]``, reading a :class:`TagContext`.
        doc: one line on what the rule decides.
    """

    names: tuple[str, ...]
    func: Callable[[TagContext], list[str]]
    doc: str = ""


#: Every tag rule, in registration order (which is the order tags are listed).
RULES: list[TagRule] = []


def tag_rule(*names: str, doc: str = "") -> Callable[[Callable[[TagContext], list[str]]],
                                                     Callable[[TagContext], list[str]]]:
    """Register a tag rule emitting ``names`` (a decorator).

    Example:
        >>> @tag_rule("example-tag", doc="fires on 示例")
        ... def _example(c):
        ...     return ["example-tag"] if "示例" in c.new else []
        >>> tags("甲", "示例")
        ['example-tag']
        >>> _ = RULES.pop(); TAGS == _tag_names()
        True
    """

    def register(func: Callable[[TagContext], list[str]]) -> Callable[[TagContext], list[str]]:
        RULES.append(TagRule(tuple(names), func, doc or (func.__doc__ or "").strip()))
        return func

    return register


def _tag_names() -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for rule in RULES:
        seen.update(dict.fromkeys(rule.names))
    return tuple(seen)


class TagContext:
    """The two texts of one row, as the tag rules read them (computed once, lazily).

    ``src`` is what the new text is compared with (the old text, or every old text feeding
    a merge), ``dst`` what the old text is compared with.
    """

    def __init__(self, old: str, new: str, src: str, dst: str):
        self.old, self.new, self.src, self.dst = old, new, src, dst

    @cached_property
    def norms_old(self):
        return _norms(self.old) if self.old else ()

    @cached_property
    def norms_new(self):
        return _norms(self.new) if self.new else ()

    @cached_property
    def norms_src(self):
        return _norms(self.src) if self.src else ()

    @cached_property
    def norms_dst(self):
        return _norms(self.dst) if self.dst else ()


def tags(old: str | None, new: str | None, old_context: str | None = None,
         new_context: str | None = None) -> list[str]:
    """TagContext tags for ``old`` → ``new`` (either may be ``None`` for an addition/deletion).

    For a split or merge row, ``old_context`` is every old text that feeds ``new`` and
    ``new_context`` every new text that ``old`` feeds: something counts as added only when
    none of the sources had it, and as removed only when none of the destinations keeps it.

    Example:
        >>> tags("用于训练的数据，应当能够保证数据的真实性。", "采取有效措施提高训练数据的真实性。")
        ['obligation-removed', 'softened']
        >>> tags(None, "依照《中华人民共和国科学技术进步法》，鼓励创新。")
        ['citation-added:stpl']
    """
    old, new = fold(old or ""), fold(new or "")
    if clean(old) == clean(new):
        return []
    c = TagContext(old, new, fold(old_context) if old_context else old,
               fold(new_context) if new_context else new)
    out: list[str] = []
    for rule in RULES:
        out += rule.func(c)
    return out


def _binding(norms) -> int:
    return len({start for m, _, start in norms if m in ("obligation", "prohibition")})


@tag_rule("citation-added", "citation-removed",
          doc="an external citation in one text and in none of the other side's texts")
def _citation_rule(c: TagContext) -> list[str]:
    return ([f"citation-added:{t}" for t in sorted(_citations(c.new) - _citations(c.src))]
            + [f"citation-removed:{t}" for t in sorted(_citations(c.old) - _citations(c.dst))])


@tag_rule("obligation-added", "obligation-removed",
          doc="the number of binding norms went up / down")
def _obligation_rule(c: TagContext) -> list[str]:
    if _binding(c.norms_new) > _binding(c.norms_src):
        return ["obligation-added"]
    if _binding(c.norms_old) > _binding(c.norms_dst):
        return ["obligation-removed"]
    return []


@tag_rule("softened", "strengthened", doc="a norm's force moved down / up")
def _force_rule(c: TagContext) -> list[str]:
    if not (c.old and c.new):
        return []
    soft, strong = _force_shift(c.old, c.new, c.norms_old, c.norms_new)
    return ["softened"] * soft + ["strengthened"] * strong


@tag_rule("penalty-added", "penalty-removed", doc="a kind of sanction on one side only")
def _penalty_rule(c: TagContext) -> list[str]:
    return (["penalty-added"] * bool(_sanctions(c.new) - _sanctions(c.src))
            + ["penalty-removed"] * bool(_sanctions(c.old) - _sanctions(c.dst)))


@tag_rule("deadline-added", "deadline-removed", doc="a time limit on one side only")
def _deadline_rule(c: TagContext) -> list[str]:
    return (["deadline-added"] * bool(_deadlines(c.new) - _deadlines(c.src))
            + ["deadline-removed"] * bool(_deadlines(c.old) - _deadlines(c.dst)))


@tag_rule("actor-changed", doc="the actors bound by norms differ, neither side empty")
def _actor_rule(c: TagContext) -> list[str]:
    if not (c.old and c.new):
        return []
    ao = {a for m, a, _ in c.norms_old if a and m != "penalty"}
    an = {a for m, a, _ in c.norms_new if a and m != "penalty"}
    return ["actor-changed"] if ao and an and ao != an else []


@tag_rule("scope-changed", doc="a scope sentence (适用本办法) changed")
def _scope_rule(c: TagContext) -> list[str]:
    return (["scope-changed"] if _sentences_with(_SCOPE_RE, c.old)
            != _sentences_with(_SCOPE_RE, c.new) else [])


@tag_rule("definition-changed", doc="a definition (是指, 所称) changed")
def _definition_rule(c: TagContext) -> list[str]:
    return (["definition-changed"] if _sentences_with(_DEFINITION_RE, c.old)
            != _sentences_with(_DEFINITION_RE, c.new) else [])


#: The tag vocabulary, derived from the registered rules (``citation-…`` carry ``:<target>``).
TAGS = _tag_names()


def _force_shift(old: str, new: str, no, nn) -> tuple[bool, bool]:
    """(softened, strengthened) between two versions of a provision."""
    soft = strong = False
    fo = max((_FORCE.get(m, 0) for m, _, _ in no), default=0)
    fn = max((_FORCE.get(m, 0) for m, _, _ in nn), default=0)
    if fo >= 3 and 0 < fn < 3:
        soft = True
    if fn >= 3 and 0 < fo < 3:
        strong = True
    # a guarantee or a flat duty became best efforts (保证… → 采取有效措施…增强), or back
    guard_o, guard_n = bool(_GUARANTEE_RE.search(old)), bool(_GUARANTEE_RE.search(new))
    duty_o, duty_n = bool(_DUTY_RE.search(old)), bool(_DUTY_RE.search(new))
    effort_o, effort_n = len(_EFFORT_RE.findall(old)), len(_EFFORT_RE.findall(new))
    if effort_n > effort_o and ((guard_o and not guard_n) or (duty_o and not duty_n)):
        soft = True
    if effort_o > effort_n and ((guard_n and not guard_o) or (duty_n and not duty_o)):
        strong = True
    # 不得 → 不得非法/擅自: the ban now needs an extra condition
    qo, qn = len(_QUALIFIED_BAN_RE.findall(old)), len(_QUALIFIED_BAN_RE.findall(new))
    if qn > qo and "不得" in old:
        soft = True
    elif qo > qn and "不得" in new:
        strong = True
    return soft, strong
