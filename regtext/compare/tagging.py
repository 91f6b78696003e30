"""Change tags: what a change between two versions of a provision means.

Every tag is computed from the two texts alone (never from a table of known articles); each
rule is a function registered with :func:`tag_rule`, and :data:`TAGS` is derived from the
registry. A row compares only the words that correspond (for a split or merge, the segment
of each text that went to the other side, see :mod:`regtext.compare.segments`); an item is
read with its chapeau (a chapeau's 应当 governs items without a modal word of their own); a
term renamed throughout the document (:mod:`regtext.compare.renames`) is read in the new
vocabulary, so 用户 → 使用者 is not an actor change. How each rule decides:

``citation-added:<target>`` / ``citation-removed:<target>``
    External citations (:func:`regtext.extract.citing.find_citations`) in one text and not
    the other; the target is the corpus id when the citation resolves, else the title.
``obligation-added`` / ``obligation-removed``
    Each binding duty (a clause under 应当/必须/不得/禁止…, from
    :func:`regtext.extract.norms.find_norms`; one duty per verb phrase a modal governs) is
    matched to the other side's duties; a duty with no counterpart and whose words the
    other side does not carry was added / removed.
``softened`` / ``strengthened``
    A norm's force moved: the strongest modality fell (不得/应当 → 可以/鼓励) or rose; a
    guarantee (保证, 确保…) or a duty of the text's own gave way to best-efforts wording
    (采取有效措施, 提高, 提升… in ``rules/effort-words.tsv``), or the reverse; or a
    prohibition gained or lost a qualifier (不得 → 不得非法).
``penalty-added`` / ``penalty-removed`` / ``penalty-changed:<kind>``
    A kind of sanction (``rules/sanctions.tsv``) in a liability clause of one text only; a
    kind on both sides whose amount or range changed (一万元以上十万元以下 → 五万元…).
``deadline-added`` / ``deadline-removed`` / ``deadline-changed``
    A time limit (3个月内, 十个工作日内) on one side only; on both sides but different.
``actor-changed``
    The normalised actors bound by norms differ and neither side is empty.
``authority-changed``
    The authorities the text names (…部门, …机关, 国务院, 人民政府) differ, both sides naming one.
``scope-changed``
    A scope sentence (适用本办法, 不适用, 适用于) changed.
``scope-narrowed`` / ``scope-broadened``
    A restrictive modifier new to the text was put before a noun (防范用户 → 防范未成年人用户;
    提供服务 → 提供具有舆论属性…的服务), or one was taken away.
``trigger-narrowed`` / ``trigger-broadened``
    The condition that sets a duty off (发现…时，/…的，) lists fewer (more) alternatives.
``definition-changed``
    A definition (是指, 含义, 所称, （以下称…）) changed.
``renamed:<old>→<new>``
    The row carries a term renamed throughout the document.

Example:
    >>> tags("提供者应在3个月内整改。", "提供者应当及时整改。")
    ['deadline-removed']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .. import rules
from ..compare.alignment import clean, greedy_one_to_one
from ..text.normalize import fold
from .renames import Rename, apply_renames

__all__ = ["RULES", "TAGS", "TagContext", "TagRule", "tag_rule", "tags"]

_NUM = r"[0-9零〇一二三四五六七八九十百千万两]+"
_DEADLINE_RE = re.compile(
    rf"(?:{_NUM})\s*(?:个)?\s*(?:工作日|小时|日|天|周|星期|个?月|年)\s*(?:内|以内|之内|前)")
_AMOUNT_RE = re.compile(rf"{_NUM}(?:万|千|百)?元(?:以上|以下)?|{_NUM}倍(?:以上|以下)?|"
                        rf"{_NUM}(?:日|个月|年)(?:以上|以下)?")
# a sanction word only counts inside a liability clause (暂停 is also an ordinary duty)
_LIABILITY_RE = re.compile(r"处罚|责令|罚款|罚金|追究|处分|违反本|吊销|没收|警告|通报批评|"
                           r"拘留|拘役|徒刑")
_QUALIFIED_BAN_RE = re.compile(r"不得(?:非法|违法|擅自|违规|未经)")
_SCOPE_RE = re.compile(r"适用本|不适用|适用于")
# cross-references are masked before comparing scope/definition sentences: renumbering
# 第十三条 → 第十七条 is not a change of scope
_XREF_ONE = rf"(?:前|本)?(?:第{_NUM}(?:条|款|项)(?:之{_NUM})?)+"
_XREF_RE = re.compile(rf"{_XREF_ONE}(?:(?:、|和|或者|至|以及|及){_XREF_ONE})*")
_DEFINITION_RE = re.compile(r"是指|含义|所称|（以下(?:简|统)?称")
_TITLE_RE = re.compile(r"《[^《》]*》")
_FORCE = {"prohibition": 3, "obligation": 3, "permission": 1, "encouragement": 1}
_BINDING = ("obligation", "prohibition")
# a condition that sets a duty off: …的， / …时， / 发现… before the modal word
_CONDITION_RE = re.compile(r"(?:的|时|后|前|情形)(?:[，,]|\s*$)")
_ALTERNATIVE_RE = re.compile(r"[、，,]")
_AUTHORITY_RE = re.compile(
    r"((?:国家|国务院|省级|地方|县级以上|设区的市级以上|有关|相关|各级)?"
    r"[\u4e00-\u9fff]{0,8}?(?:主管部门|部门|机关|国务院|人民政府|委员会))")
_AUTHORITY_CUT_RE = re.compile(r"由|向|经|会同|和|与|及|或者|或|、|，|。|；|：|"
                               r"按照|依照|依据|根据|报")
_UNIT_SIMILAR = 0.25  # two duties are the same duty (character-pair cosine)
_UNIT_CARRIED = 0.6  # a duty's words are carried by the other side (share of its pairs)


@lru_cache(maxsize=1)
def _sanction_res() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((r["kind"], re.compile(r["pattern"])) for r in rules.table("sanctions"))


@lru_cache(maxsize=1)
def _effort_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in rules.column("effort-words", "pattern")))


@lru_cache(maxsize=1)
def _guarantee_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in rules.column("guarantee-words", "pattern")))


@dataclass(frozen=True)
class TagRule:
    """One registered tag rule: the tags it may emit and the function that decides.

    Attributes:
        names: the tag names this rule can emit (some carry ``:<detail>``).
        func: ``func(context) -> list[str]``, reading a :class:`TagContext`.
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


@dataclass(frozen=True)
class _Unit:
    """One binding duty: its modality and the words it governs."""

    modality: str
    text: str


class TagContext:
    """The two texts of one row as the tag rules read them (each view computed once).

    Attributes:
        old, new: the texts compared (folded; the old one in the new vocabulary).
        src: what the new text is compared with (``old``, or every old text feeding it).
        dst: what the old text is compared with (``new``, or every new text it feeds).
        old_chapeau, new_chapeau: for an item, the chapeau that introduces it.
        renames: the document's renamed terms.
    """

    def __init__(self, old: str, new: str, src: str, dst: str, old_chapeau: str = "",
                 new_chapeau: str = "", renames: Sequence[Rename] = ()):
        self.raw_old = old
        self.renames = tuple(renames)
        self.old, self.src = apply_renames(old, self.renames), apply_renames(src, self.renames)
        self.new, self.dst = new, dst
        self.old_chapeau = apply_renames(old_chapeau, self.renames)
        self.new_chapeau = new_chapeau

    @cached_property
    def norms_old(self):
        return _norms(self.old, self.old_chapeau) if self.old else ()

    @cached_property
    def norms_new(self):
        return _norms(self.new, self.new_chapeau) if self.new else ()

    @cached_property
    def norms_src(self):
        return (_norms(self.src, self.old_chapeau) if self.src != self.old
                else self.norms_old) if self.src else ()

    @cached_property
    def norms_dst(self):
        return (_norms(self.dst, self.new_chapeau) if self.dst != self.new
                else self.norms_new) if self.dst else ()


def tags(old: str | None, new: str | None, old_context: str | None = None,
         new_context: str | None = None, *, old_chapeau: str | None = None,
         new_chapeau: str | None = None, renames: Sequence[Rename] = ()) -> list[str]:
    """Change tags for ``old`` → ``new`` (either may be ``None`` for an addition/deletion).

    Args:
        old_context: every old text that feeds ``new`` (a merge): something counts as
            added only when none of them had it.
        new_context: every new text that ``old`` feeds (a split): something counts as
            removed only when none of them keeps it.
        old_chapeau: for an item, the chapeau introducing it in the old text (its modal
            word and actor govern the item).
        new_chapeau: the same in the new text.
        renames: terms renamed throughout the document (:func:`~regtext.compare.renames.
            find_renames`): the old text is read in the new vocabulary.

    Example:
        >>> tags("用于训练的数据，应当能够保证数据的真实性。", "采取有效措施提高训练数据的真实性。")
        ['obligation-removed', 'softened']
        >>> tags(None, "依照《中华人民共和国科学技术进步法》，鼓励创新。")
        ['citation-added:stpl']
        >>> tags("提供者应当对数据来源的合法性负责。", "使用具有合法来源的数据；",
        ...      new_chapeau="提供者应当依法开展训练数据处理活动，遵守以下规定：")
        []
    """
    old, new = fold(old or ""), fold(new or "")
    c = TagContext(old, new, fold(old_context) if old_context else old,
                   fold(new_context) if new_context else new,
                   fold(old_chapeau or ""), fold(new_chapeau or ""), renames)
    if clean(c.old) == clean(c.new):
        return _rename_rule(c)
    out: list[str] = []
    for rule in RULES:
        out += rule.func(c)
    return out


# -- the views the rules read ------------------------------------------------------------


@lru_cache(maxsize=4096)
def _citations(text: str) -> frozenset[str]:
    from ..extract.citing import find_citations

    out = set()
    for c in find_citations(text):
        if c.kind == "external" and (c.target_doc or c.target_title):
            out.add(c.target_doc or c.target_title)
    return frozenset(out)


@lru_cache(maxsize=4096)
def _norms(text: str, chapeau: str = "") -> tuple:
    """The norms of ``text`` (read under ``chapeau`` when given), as Norm records."""
    from ..extract.norms import find_norms

    head = tuple(find_norms(chapeau)) if chapeau else None
    return tuple(find_norms(text, chapeau=head)) if head else tuple(find_norms(text))


@lru_cache(maxsize=8192)
def _units(norms: tuple) -> tuple[_Unit, ...]:
    """The binding duties of a text: each verb phrase a binding modal governs (cut at ，；).
    Cached: one text is read as old, new and as context of several rows."""
    out: list[_Unit] = []
    seen: set[int] = set()
    for n in norms:
        if n.modality not in _BINDING or n.start in seen:
            continue
        seen.add(n.start)
        text = n.text
        at = text.find(n.trigger) if n.trigger and not n.inherited else 0
        body = text[max(at, 0):]
        parts = [p for p in re.split(r"[，；。]", body) if len(clean(p)) >= 2]
        # 不得含有A，B，以及C的内容: an enumerated object, one duty
        last_list = max((k for k, p in enumerate(parts) if p.startswith(_LIST_TAIL)),
                        default=-1)
        if last_list > 0:
            parts = ["，".join(parts[:last_list + 1])] + parts[last_list + 1:]
        merged: list[str] = []
        carry = ""
        for p in parts:
            if _starts_with_preposition(p):  # 基于服务类型特点，采取… : an adverbial
                carry += p + "，"
                continue
            if merged and p.startswith(_LIST_TAIL):
                merged[-1] += "，" + p
                continue
            merged.append(carry + p)
            carry = ""
        if carry:
            merged.append(carry.rstrip("，"))
        # 遵守以下规定： introduces the items, which carry the duties themselves; a
        # condition (…另有规定的) or a deferral (从其规定) imposes nothing
        out.extend(_Unit(n.modality, p) for p in merged if not _INTRODUCER_RE.search(p)
                   and not _NOT_A_DUTY_RE.search(p.strip()))
    return tuple(out)


_NOT_A_DUTY_RE = re.compile(r"的$|^(?:但|并|则)?(?:从|依照)其(?:规定|约定)")


_INTRODUCER_RE = re.compile(r"(?:以下|下列)[^，；。]{0,8}[：:]?\s*$")


_LIST_TAIL = ("以及", "及其", "或者", "等")


def _starts_with_preposition(text: str) -> bool:
    return _opens_with_preposition(text[:6])


@lru_cache(maxsize=8192)
def _opens_with_preposition(head: str) -> bool:
    from ..extract.pipeline import pos_tags

    first = pos_tags(head)
    return bool(first) and first[0][1] == "p"


@lru_cache(maxsize=8192)
def _bigrams(text: str) -> frozenset[str]:
    c = clean(text)
    return frozenset(c[i:i + 2] for i in range(len(c) - 1))


def _cos(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / ((len(a) * len(b)) ** 0.5) if a and b else 0.0


def _unmatched(units: Sequence[_Unit], others: Sequence[_Unit], other_text: str,
               mine_is_old: bool) -> list[_Unit]:
    """The duties of ``units`` with no counterpart among ``others`` (one to one, best
    first) whose words ``other_text`` does not carry either."""
    grams = [_bigrams(u.text) for u in units]
    ogr = [_bigrams(u.text) for u in others]
    kept = greedy_one_to_one([(_cos(g, h), i, j) for i, g in enumerate(grams)
                              for j, h in enumerate(ogr)], _UNIT_SIMILAR)
    used_i = {i for _, i, _ in kept}
    used_j = {j for _, _, j in kept}
    # a reworded duty keeps its verb or object: leftovers sharing a real word are one duty
    left_j = [j for j in range(len(others)) if j not in used_j]
    for i in range(len(units)):
        if i in used_i:
            continue
        wi = _duty_words(units[i].text)
        j = next((j for j in left_j if wi & _duty_words(others[j].text)), None)
        if j is not None:
            used_i.add(i)
            left_j.remove(j)
    # a duty that became best efforts (应当真实准确 → 提高…准确性) is one duty, softened
    lost = [i for i in range(len(units)) if i not in used_i]
    if mine_is_old:
        pairs = zip(lost, [j for j in left_j if _effort_re().search(others[j].text)])
    else:
        pairs = zip([i for i in lost if _effort_re().search(units[i].text)], left_j)
    for i, _ in pairs:
        used_i.add(i)
    carried = _bigrams(other_text)
    return [u for i, u in enumerate(units) if i not in used_i and grams[i]
            and len(grams[i] & carried) / len(grams[i]) < _UNIT_CARRIED]


@lru_cache(maxsize=8192)
def _duty_words(text: str) -> frozenset[str]:
    """The words that say which duty a clause imposes: nouns and verbs of two or more
    characters, without modal words and ``rules/duty-stopwords.tsv``."""
    from ..extract.norms import MODAL_WORDS
    from ..extract.pipeline import pos_tags

    skip = set(rules.column("duty-stopwords", "word"))
    skip.update(w for ws in MODAL_WORDS.values() for w in ws)
    return frozenset(w for w, f in pos_tags(text) if len(w) >= 2 and w not in skip
                     and (f.startswith("n") or f.startswith("v")))


def _sanctions(text: str) -> dict[str, set[str]]:
    """Sanction kind → the amounts named with it, over the liability sentences of ``text``."""
    out: dict[str, set[str]] = {}
    for sentence in re.split(r"[。；]", text):
        if not _LIABILITY_RE.search(sentence):
            continue
        for part in re.split(r"[，、]", sentence):
            for kind, rx in _sanction_res():
                if rx.search(part):
                    amounts = out.setdefault(kind, set())
                    if kind == "罚款":
                        amounts.update(m.group(0) for m in _AMOUNT_RE.finditer(part))
    return out


def _deadlines(text: str) -> set[str]:
    return {re.sub(r"\s+", "", m.group(0)) for m in _DEADLINE_RE.finditer(text)}


def _sentences_with(rx: re.Pattern[str], text: str) -> set[str]:
    return {clean(_XREF_RE.sub("第#条", s)) for s in re.split(r"[。；\n]", text)
            if rx.search(s)}


def _conditions(norms) -> list[str]:
    """The conditions that set the text's duties and rights off (…发现…的，)."""
    out = []
    for n in norms:
        if n.modality == "penalty" or not n.trigger or n.inherited:
            continue
        at = n.text.find(n.trigger)
        head = n.text[:at] if at > 0 else ""
        if head and _CONDITION_RE.search(head) and head not in out:
            out.append(head)
    return out


def _alternatives(condition: str) -> int:
    """How many circumstances a condition lists: its 、 and ， separated parts (a 或者 inside
    a noun phrase, 舆论属性或者社会动员能力, qualifies one circumstance, it does not add one)."""
    body = re.sub(r"^[（(][一二三四五六七八九十\d]+[）)]", "", condition.strip()).rstrip("，,： ")
    return 1 + len(_ALTERNATIVE_RE.findall(body))


def _authorities(text: str) -> set[str]:
    out = set()
    for chunk in _AUTHORITY_CUT_RE.split(_TITLE_RE.sub("。", text)):
        m = _AUTHORITY_RE.match(chunk)
        if m and (len(m.group(1)) >= 4 or m.group(1) == "国务院"):
            out.add(m.group(1))
    return out


# -- the rules, in the order their tags are listed ---------------------------------------


@tag_rule("citation-added", "citation-removed",
          doc="an external citation in one text and in none of the other side's texts")
def _citation_rule(c: TagContext) -> list[str]:
    return ([f"citation-added:{t}" for t in sorted(_citations(c.new) - _citations(c.src))]
            + [f"citation-removed:{t}" for t in sorted(_citations(c.old) - _citations(c.dst))])


@tag_rule("obligation-added", "obligation-removed",
          doc="a binding duty with no counterpart on the other side")
def _obligation_rule(c: TagContext) -> list[str]:
    uo, un = _units(c.norms_old), _units(c.norms_new)
    us, ud = _units(c.norms_src), _units(c.norms_dst)
    out = []
    if uo or us:  # best-efforts wording under an old duty is the softened tag's business
        un = [u for u in un if not _effort_re().search(u.text)]
    if _unmatched(un, us, c.src + c.old_chapeau, False):
        out.append("obligation-added")
    if _unmatched(uo, ud, c.dst + c.new_chapeau, True):
        out.append("obligation-removed")
    return out


@tag_rule("softened", "strengthened", doc="a norm's force moved down / up")
def _force_rule(c: TagContext) -> list[str]:
    if not (c.old and c.new):
        return []
    soft, strong = _force_shift(c)
    return ["softened"] * soft + ["strengthened"] * strong


def _force_shift(c: TagContext) -> tuple[bool, bool]:
    """(softened, strengthened) between two versions of a provision."""
    soft = strong = False
    # the strongest modality moved, norm for norm (a norm added or dropped beside the
    # others is obligation-added/-removed, not a change of force)
    if len({n.start for n in c.norms_old}) == len({n.start for n in c.norms_new}):
        fo = max((_FORCE.get(n.modality, 0) for n in c.norms_old), default=0)
        fn = max((_FORCE.get(n.modality, 0) for n in c.norms_new), default=0)
        if fo >= 3 and 0 < fn < 3:
            soft = True
        if fn >= 3 and 0 < fo < 3:
            strong = True
    # a guarantee or a duty of the text's own became best efforts (保证… → 采取有效措施…
    # 增强), or back; a modal word counts as a word (应 in 应用 is not 应当)
    guard_o, guard_n = bool(_guarantee_re().search(c.old)), bool(_guarantee_re().search(c.new))
    duty_o = any(n.modality in _BINDING and not n.inherited for n in c.norms_old)
    duty_n = any(n.modality in _BINDING and not n.inherited for n in c.norms_new)
    effort_o, effort_n = len(_effort_re().findall(c.old)), len(_effort_re().findall(c.new))
    if effort_n > effort_o and ((guard_o and not guard_n) or (duty_o and not duty_n)):
        soft = True
    if effort_o > effort_n and ((guard_n and not guard_o) or (duty_n and not duty_o)):
        strong = True
    # 不得 → 不得非法/擅自: the ban now needs an extra condition
    qo, qn = len(_QUALIFIED_BAN_RE.findall(c.old)), len(_QUALIFIED_BAN_RE.findall(c.new))
    if qn > qo and "不得" in c.old:
        soft = True
    elif qo > qn and "不得" in c.new:
        strong = True
    return soft, strong


@tag_rule("penalty-added", "penalty-removed", "penalty-changed",
          doc="a kind of sanction on one side only, or its amount changed")
def _penalty_rule(c: TagContext) -> list[str]:
    so, sn = _sanctions(c.old), _sanctions(c.new)
    ss, sd = (_sanctions(c.src) if c.src != c.old else so), (
        _sanctions(c.dst) if c.dst != c.new else sn)
    out = ["penalty-added"] * bool(sn.keys() - ss.keys())
    out += ["penalty-removed"] * bool(so.keys() - sd.keys())
    out += [f"penalty-changed:{k}" for k in sorted(so.keys() & sn.keys())
            if so[k] and sn[k] and so[k] != sn[k]]
    return out


@tag_rule("deadline-added", "deadline-removed", "deadline-changed",
          doc="a time limit on one side only, or a different one on both")
def _deadline_rule(c: TagContext) -> list[str]:
    do, dn = _deadlines(c.old), _deadlines(c.new)
    if do and dn:
        return ["deadline-changed"] if do != dn else []
    return (["deadline-added"] * bool(dn - _deadlines(c.src))
            + ["deadline-removed"] * bool(do - _deadlines(c.dst)))


@tag_rule("actor-changed", doc="the actors bound by norms differ, neither side empty")
def _actor_rule(c: TagContext) -> list[str]:
    if not (c.old and c.new):
        return []
    # an item's actor comes from its chapeau: the chapeau's row reports a change there
    ao = {n.actor for n in c.norms_old if n.actor and n.modality != "penalty"
          and not n.inherited}
    an = {n.actor for n in c.norms_new if n.actor and n.modality != "penalty"
          and not n.inherited}
    return ["actor-changed"] if ao and an and ao != an else []


@tag_rule("authority-changed", doc="the authorities named differ, both sides naming one")
def _authority_rule(c: TagContext) -> list[str]:
    if not (c.old and c.new):
        return []
    ao, an = _authorities(c.old), _authorities(c.new)
    return ["authority-changed"] if ao and an and ao != an else []


@tag_rule("scope-changed", doc="a scope sentence (适用本办法) changed")
def _scope_rule(c: TagContext) -> list[str]:
    return (["scope-changed"] if _sentences_with(_SCOPE_RE, c.old)
            != _sentences_with(_SCOPE_RE, c.new) else [])


@tag_rule("scope-narrowed", "scope-broadened",
          doc="a restrictive modifier new to the text put before a noun, or taken away")
def _scope_direction_rule(c: TagContext) -> list[str]:
    if not (c.old and c.new):
        return []
    from .scope import modifier_shift

    # the new text in the document's new vocabulary too (未成年人用户 is 未成年人使用者)
    narrowed, broadened = modifier_shift(c.old, apply_renames(c.new, c.renames))
    return ["scope-narrowed"] * narrowed + ["scope-broadened"] * broadened


@tag_rule("trigger-narrowed", "trigger-broadened",
          doc="the condition setting a duty off lists fewer / more alternatives")
def _trigger_rule(c: TagContext) -> list[str]:
    if not (c.old and c.new):
        return []
    co, cn = _conditions(c.norms_old), _conditions(c.norms_new)
    if not co or not cn or ({clean(_XREF_RE.sub("第#条", x)) for x in co}
                            == {clean(_XREF_RE.sub("第#条", x)) for x in cn}):
        return []
    # a list of cross-references (第十八条第一款、第十九条) is one circumstance
    ao = sum(_alternatives(_XREF_RE.sub("第#条", x)) for x in co)
    an = sum(_alternatives(_XREF_RE.sub("第#条", x)) for x in cn)
    if an < ao:
        return ["trigger-narrowed"]
    if an > ao:
        return ["trigger-broadened"]
    return []


@tag_rule("definition-changed", doc="a definition (是指, 所称) changed")
def _definition_rule(c: TagContext) -> list[str]:
    return (["definition-changed"] if _sentences_with(_DEFINITION_RE, c.old)
            != _sentences_with(_DEFINITION_RE, c.new) else [])


@tag_rule("renamed", doc="the row carries a term renamed throughout the document")
def _rename_rule(c: TagContext) -> list[str]:
    return [r.tag for r in c.renames if r.old in c.raw_old and r.new in c.new]


#: The tag vocabulary, derived from the registered rules (``citation-…``,
#: ``penalty-changed`` and ``renamed`` carry ``:<detail>``).
TAGS = _tag_names()
