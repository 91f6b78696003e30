"""Who must, must not, may or is encouraged to do what: norms read out of every clause.

:func:`find_norms` works on any clause text and returns :class:`Norm` objects;
:func:`obligations` runs it over a whole :class:`~regtext.model.Document`, with the
document's own definitions (``（以下称提供者）``), chapeau inheritance for items and the
liability clauses that sanction each norm, and returns one DataFrame row per norm.

The rules are lexical and positional, built for the drafting style of Chinese statutes:

- a modal word (:data:`MODAL_WORDS`) opens a norm whose scope runs to the next modal word
  or the end of the sentence; a modal word inside a condition (``…应当取得许可的，``) or a
  relative clause (``法律、行政法规禁止的内容``) opens nothing;
- a liability clause (予以处罚, 给予警告, 责令…, 罚款, 追究刑事责任…) is one ``penalty`` norm
  per ``；``-part, whose actor is the authority named after 由;
- the actor is the subject before the modal word, else the subject of an earlier clause of
  the sentence (``提供者发现违法内容的，应当…``), else a verb-phrase subject turned agent
  (``提供和使用…服务，应当`` → 提供者, 使用者), else the previous sentence's subject, else the
  chapeau's; encouragement with no subject is the state's (国家);
- an item inherits its chapeau's actors, and its modality for the clauses before its own
  first modal word, unless the chapeau lists cases (``有下列情形之一的：``, or a 下列 before
  the modal word) rather than duties (``应当遵守以下规定：``);
- a penalty's ``sanctions`` are the provisions its offence cites (``违反本法第二十一条…的``);
  the norms there get the penalty's ref in ``sanctioned_by``.

Example:
    >>> [(n.actor, n.modality, n.trigger) for n in find_norms("提供者应当公开规则，不得泄露信息。")]
    [('提供者', 'obligation', '应当'), ('提供者', 'prohibition', '不得')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, get_args

from .. import rules
from .._guard import guard
from ..text.normalize import fold
from ..text.terms import abbreviation_re
from .segmentation import ends_with_dictionary_verb, pos_tags

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..text.model import Document, Node

__all__ = [
    "MODAL_WORDS",
    "MODALITIES",
    "PENALTY_WORDS",
    "Norm",
    "definitions",
    "find_norms",
    "normalize_actor",
    "obligations",
    "Modality",
    "STRENGTH",
    "register_component",
    "reload_rules",
]

#: The modalities, in the order tables list them.
Modality = Literal["obligation", "prohibition", "permission", "encouragement", "penalty"]
MODALITIES: tuple[Modality, ...] = get_args(Modality)

#: Modal words per modality, from ``regtext/_data/rules/modal-words.tsv`` (``penalty`` has
#: phrases instead: :data:`PENALTY_WORDS`). Filled by :func:`reload_rules`.
MODAL_WORDS: dict[str, tuple[str, ...]] = {}

#: What makes a clause a liability clause (regular expressions, from
#: ``regtext/_data/rules/penalty-phrases.tsv``). Filled by :func:`reload_rules`.
PENALTY_WORDS: tuple[str, ...] = ()

#: How binding each modality is (3 = must / must not / sanction, 1 = may / is encouraged),
#: from the tables' ``strength`` column. Filled by :func:`reload_rules`.
STRENGTH: dict[str, int] = {}

#: Encouragement words joined by these make one trigger (鼓励和引导).
_COORDINATORS = ("和", "、", "并", "与")

# -- lexicon regexes (run on folded text: same length as the original), built from the tables
# by reload_rules(): module globals, so that the per-clause code reads them without a call

_MODAL_RE: re.Pattern[str]
_PENALTY_RE: re.Pattern[str]
_ACTOR_SUFFIX: tuple[str, ...] = ()
#: Words that are the duty themselves (负责): no norm of their own right after a modal word.
_DUTY_WORDS: frozenset[str] = frozenset()
_ALL_MODAL_WORDS: frozenset[str] = frozenset()
#: Words that are actors whatever jieba tags them (组织 is often tagged a verb).
_ACTOR_WORDS: frozenset[str] = frozenset()
#: One-character heads (人, 者, 员, 所…): after a verb they make an agent noun (驾驶人).
_ONE_CHAR_HEADS: frozenset[str] = frozenset()
_ACTOR_SUFFIX_RE: str
_ACTOR_END_RE: re.Pattern[str]
_NON_ACTOR_WORDS: tuple[str, ...] = ()
_ACTOR_WORD_RE: re.Pattern[str]
_RELATIVE_ACTOR_RE: re.Pattern[str]
_MORE_ACTORS_RE: re.Pattern[str]
_FEWER_ACTORS_RE: re.Pattern[str]
#: Nouns naming a party by what it is (公民, 当事人): a verb before one is no part of a name.
_PERSON_NOUNS: frozenset[str] = frozenset()
#: Titles of office among them (检察官): conferred by a verb before them (辞退检察官).
_OFFICES: frozenset[str] = frozenset()
#: Coverbs after a subject's nouns that open its verb phrase (毕业生到农村任教): ``coverbs`` rows.
_COVERBS: frozenset[str] = frozenset()
#: Names that hold 的 (设区的市): ``named-de-terms`` rows.
_NAMED_DE_RE: re.Pattern[str]
#: A place phrase's last word (公园内): ``localizers`` rows.
_PLACE_END_RE: re.Pattern[str]
_PLACE_WORD_RE: re.Pattern[str]
#: Heads that name a place, not a party, inside a 在 phrase (在…的公共场所): ``place-heads`` rows.
_PLACE_HEAD_RE: re.Pattern[str]
#: Heads that name no party without their relative clause (执行搜查的人员): ``bare-heads`` rows.
_BARE_HEADS: frozenset[str] = frozenset()
#: Words that ask whether (是否可以 permits nothing): ``whether-words`` rows.
_WHETHER: frozenset[str] = frozenset()
#: Prepositions wherever they stand, never a name's start: ``prepositions`` rows.
_PREPOSITIONS: frozenset[str] = frozenset()
#: Heads of public bodies that impose sanctions (部门, 机关, 人民政府…): ``authority`` rows.
_AUTHORITY_RE: re.Pattern[str]
_AUTHORITY_END_RE: re.Pattern[str]
#: Conditions of defying a duty just stated (拒不…的, 逾期不…的): ``defiance`` rows.
_DEFIANCE_RE: re.Pattern[str]
#: A duty word inside a relative clause naming a body (负责管理煤炭工业的部门是…).
_RELATIVE_BODY_RE: re.Pattern[str]


def _modal_word_re(row: Mapping[str, str]) -> str:
    """One modal word with the contexts it must not stand in (相应 is not 应)."""
    out = re.escape(row["word"])
    if row.get("not_before"):
        out = f"(?<!{row['not_before']})" + out
    if row.get("not_after"):
        out += f"(?!{row['not_after']})"
    return out


#: Functions of a text alone, memoised (a sentence's clauses are read once per modal word):
#: their caches are emptied when the rules are rebuilt.
_MEMOISED: list[Any] = []


def _per_text(func: Any) -> Any:
    """``func`` memoised on its text argument, its cache emptied by :func:`reload_rules`."""
    cached = lru_cache(maxsize=20000)(func)
    _MEMOISED.append(cached)
    return cached


def reload_rules() -> None:
    """Build the word lists and regexes from the rules tables (again).

    Called at import. After editing a table in a running process, clear
    :func:`regtext.rules.table`'s cache and call this.

    Example:
        >>> reload_rules()
        >>> MODAL_WORDS["permission"]
        ('可以', '可', '有权', '方可')
    """
    global _MODAL_RE, _PENALTY_RE, _ACTOR_SUFFIX, _ACTOR_WORDS, _ACTOR_SUFFIX_RE
    global _ACTOR_END_RE, _ACTOR_WORD_RE, _RELATIVE_ACTOR_RE, PENALTY_WORDS
    modal = rules.table("modal-words")
    by_modality: dict[str, list[Mapping[str, str]]] = {}
    for row in modal:
        if row["modality"] not in MODALITIES or row["modality"] == "penalty":
            raise rules.RuleError(f"modal-words.tsv: {row['word']}: unknown modality "
                                  f"{row['modality']!r}")
        by_modality.setdefault(row["modality"], []).append(row)
    global _ALL_MODAL_WORDS
    _ALL_MODAL_WORDS = frozenset(r["word"] for r in modal)
    MODAL_WORDS.clear()
    MODAL_WORDS.update({m: tuple(r["word"] for r in by_modality[m])
                        for m in MODALITIES if m in by_modality})
    global _DUTY_WORDS
    _DUTY_WORDS = frozenset(r["word"] for r in modal if r.get("kind") == "duty")
    phrases = rules.column("duty-phrases", "pattern")
    groups = []
    for modality, rows in by_modality.items():
        # longest first: 不应当 before 不应, 应当 before 应
        words = "|".join(_modal_word_re(r) for r in sorted(
            rows, key=lambda r: (-len(r["word"]), r["word"])))
        if modality == "obligation" and phrases:  # 有…的义务, 负有…责任: duties without a modal
            words = "|".join(f"(?:{p})" for p in phrases) + "|" + words
        if modality == "encouragement":  # 鼓励和引导: one trigger
            words = f"(?:{words})(?:{rules.alternation(_COORDINATORS)}(?:{words}))*"
        groups.append(f"(?P<{modality}>{words})")
    # the lookahead skips the characters no modal word starts with: same matches, 3x faster
    _MODAL_RE = re.compile(rules.skip_ahead("|".join(groups)))
    PENALTY_WORDS = rules.column("penalty-phrases", "pattern")
    _PENALTY_RE = re.compile(rules.skip_ahead("|".join(f"(?:{p})" for p in PENALTY_WORDS)))
    # words one of which every sanction phrase (by name or by reference) holds: a text
    # without any holds none, and most clauses are ruled out by this plain search
    global _PENALTY_HINT
    need = [rules.required_words(p.pattern) for p in (_PENALTY_RE, _PENALTY_BY_REFERENCE_RE)]
    _PENALTY_HINT = re.compile("" if None in need else rules.alternation(
        sorted({w for ws in need for w in ws}, key=lambda w: (-len(w), w))))
    STRENGTH.clear()
    for row in modal:
        STRENGTH[row["modality"]] = max(STRENGTH.get(row["modality"], 0), int(row["strength"]))
    STRENGTH["penalty"] = max(int(x) for x in rules.column("penalty-phrases", "strength"))
    _ACTOR_SUFFIX = rules.column("actor-heads", "head")
    _ACTOR_WORDS = frozenset(rules.column("actor-heads", "head", any_tag="yes"))
    global _ONE_CHAR_HEADS
    _ONE_CHAR_HEADS = frozenset(h for h in _ACTOR_SUFFIX if len(h) == 1)
    _ACTOR_SUFFIX_RE = rules.alternation(_ACTOR_SUFFIX)
    _ACTOR_END_RE = re.compile(_ACTOR_SUFFIX_RE + "$")
    global _NON_ACTOR_WORDS
    _NON_ACTOR_WORDS = tuple(rules.column("non-actor-words", "word"))
    _ACTOR_WORD_RE = re.compile(_ACTOR_SUFFIX_RE)
    _RELATIVE_ACTOR_RE = re.compile(r"[^，。；：]{1,40}?的[^，。；：的]{0,12}?" + _ACTOR_SUFFIX_RE)
    global _MORE_ACTORS_RE, _FEWER_ACTORS_RE  # …的单位和个人: the relative clause is on every
    # member of the list (the longest members first: 非法人组织, not 非法人)
    member = r"(?:和|及其|及|以及|或者|与|、)[^，。；：的和及或与、,;]{0,8}"
    _MORE_ACTORS_RE = re.compile(f"(?:{member}{_ACTOR_SUFFIX_RE})+")
    _FEWER_ACTORS_RE = re.compile(f"(?:{member}?{_ACTOR_SUFFIX_RE})+")
    global _DEFIANCE_RE
    _DEFIANCE_RE = re.compile("|".join(f"(?:{p})" for p in rules.column("defiance", "pattern")))
    global _PERSON_NOUNS
    _PERSON_NOUNS = frozenset(rules.column("person-nouns", "word"))
    global _OFFICES
    _OFFICES = frozenset(rules.column("person-nouns", "word", office="yes"))
    global _COVERBS
    _COVERBS = frozenset(rules.column("coverbs", "word"))
    global _NAMED_DE_RE, _PLACE_END_RE, _PLACE_WORD_RE
    _PLACE_END_RE = re.compile("(?:" + rules.alternation(rules.column("localizers", "word")) + ")$")
    _PLACE_WORD_RE = re.compile(rules.alternation(rules.column("localizers", "word")))
    _NAMED_DE_RE = re.compile(rules.alternation(rules.column("named-de-terms", "term")))
    global _PLACE_HEAD_RE, _BARE_HEADS, _WHETHER, _PREPOSITIONS
    _PLACE_HEAD_RE = re.compile(rules.alternation(rules.column("place-heads", "head")) + "$")
    _BARE_HEADS = frozenset(rules.column("bare-heads", "head"))
    _WHETHER = frozenset(rules.column("whether-words", "word"))
    _PREPOSITIONS = frozenset(rules.column("prepositions", "word"))
    global _AUTHORITY_RE, _AUTHORITY_END_RE, _RELATIVE_BODY_RE
    _RELATIVE_BODY_RE = re.compile(r"[^，。；的]{0,16}的[^，。；的]{0,10}?" + _ACTOR_SUFFIX_RE
                                   + r"(?=是|为|应|可|不|负责|对|在|和|、|及|或|[，。；]|$)")
    authority = rules.alternation(rules.column("actor-heads", "head", authority="yes"))
    _AUTHORITY_RE = re.compile(authority)
    _AUTHORITY_END_RE = re.compile(authority + "$")

    for func in _MEMOISED:
        func.cache_clear()


#: Sanctions by reference, penalties only after a 违反… offence in the same sentence.
_PENALTY_BY_REFERENCE_RE = re.compile(r"^(?:依照|依据|按照)其规定$|予以处理|依法处理")
#: See reload_rules: a necessary condition for a match of either sanction pattern.
_PENALTY_HINT: re.Pattern[str]

reload_rules()

#: Who can encourage as a matter of policy: the state and its organs.
_STATE_RE = re.compile(r"国家|政府|部门|机关|国务院|委员会|^本[市省区县州旗]|^[省市县区乡镇]|各级|"
                       r"局$|厅$|办公室|人民法院|人民检察院")
_ENACTING_RE = re.compile(r"制定本(?:法|条例|办法|规定|细则|决定|规则|准则|实施办法)[。\s]*$")
_PURPOSE_RE = re.compile(r"为了|为(?=[^了])[^，。；]{0,40}(?:目的|需要)$")
#: The end of a 在… clause that names a time (在…期间, 在…之前): what it holds is no norm.
_PERIOD_RE = re.compile(r"(?:期间|之前|之后|以前|以后)$")
#: An authority's finding that opens a condition (人民法院发现…的，责令…): it names the
#: authority that acts, not the offender.
_FINDS_RE = re.compile(r"(?:在[^，。；]{1,20}中|检查|审查|调查|巡查)?(?:发现|认为|查明|经查)")
#: An order that stops or undoes an offence (责令其停止…, 责令限期改正): a sanction even
#: when an authority's duty (应当) to give it is written (not 责令其监护人严加管教).
_ORDER_TO_STOP_RE = re.compile(r"(?<!被)责令(?:其|该[^，。；]{0,8}?)?(?:立即|限期)?"
                               r"(?:停止|改正|纠正|整改|退还|退回|拆除|恢复)")

#: Words that end in a head character (者) but are conjunctions: never an actor's end.
_CONJUNCTION_TAILS = ("或者", "再者")

#: 经 as a preposition (经审查, 经批准), not inside a word (经营者, 经济, 经理).
_VIA_RE = re.compile(r"经(?!营|济|销|纪|费|常|理(?!事))")
#: Prepositions that end a subject (``提供者对使用者的…应当`` → 提供者).
#: (从事 is a verb, not the preposition 从: 从事…工作的人员 is a subject; nor is 经营者, 经济…
#: the preposition 经: 经营者向消费者提供…的，应当… opens with its subject)
_PREP_RE = re.compile(
    r"(?:对于|对|在|按照|依照|依据|根据|向|与|为了|为|从(?!事)|于|就|通过|自|针对|除|以|将|把|应|须|"
    + _VIA_RE.pattern + r"|给(?!予)|"
    r"不得|可以|有权|未|不|依法|及时|也|均|都|还|并|"
    # a clause opening with a conjunction continues the one before (…提供服务，和与客户业务关系
    # 存续期间，应当…): it names no subject of its own (和平, 和解: words, not 和)
    r"和(?![平田解谐睦])|以及|及(?!时)|或者)"
)
_ADVERB_TAIL_RE = re.compile(
    r"(?:依法|依照规定|按照规定|及时|也|均|都|还|并|亦|即|一般|同时|主动|积极|切实|严格|仍|"
    r"另|则|就|必要时|首先|原则上|应当|自觉|共同|分别|各自|自行|不|依据职责|依照职责)+$"
)
#: A modal word whose verb ends in 的 right after it: a relative clause (移送有权处理的部门),
#: not a norm.
_RELATIVE_AFTER_RE = re.compile(r"[^，。；：的对向在与按依为从将把以]{1,2}的")
#: The same with two verbs joined by 、/和/或者 (国家明令禁止生产、使用的农药; 依法应当分设、分离的
#: 岗位), for a modal auxiliary or 禁止 only: after 负责, 鼓励 or 提倡 two nouns joined so are the
#: object (负责县道、乡道的保护工作, 鼓励先进、适用的技术进口).
_RELATIVE_PAIR_AFTER_RE = re.compile(
    r"[^，。；：的对向在与按依为从将把以、和或]{2}(?:、|和|或者)[^，。；：的对向在与按依为从将把以]{1,2}的")
_SENTENCE_END_RE = re.compile(r"[。！？]|\n")
_SEGMENT_END_RE = re.compile(r"[，；：。！？]")
#: Verbs whose subject-less phrase names its agent: 提供…服务 → 提供者.
_AGENT_VERBS = (
    "提供", "使用", "投资", "经营", "运营", "处理", "生产", "销售", "发布", "传播", "收集",
    "开发", "研发", "制作", "出版", "进口", "出口", "运输", "储存", "建设", "设立", "开办",
    "从事", "举办", "购买", "持有",
)
_AGENT_VERB_RE = re.compile("|".join(_AGENT_VERBS))
#: Verbs that only carry an activity (从事…经营): the agent is named by the activity.
_LIGHT_VERBS = ("从事",)
#: What such a verb phrase must end with: an activity whose performer is an agent.
_AGENT_OBJECT_RE = (r"(?:服务|产品|业务|活动|网络|信息|数据|平台|系统|技术|设施|设备|工程|项目|"
                    r"商品|交易|程序|软件|应用|内容|节目|物品|资金)")
_AGENT_OBJECT_END_RE = re.compile(_AGENT_OBJECT_RE + "的?$")
_MORE_AGENT_VERBS_RE = re.compile(r"(?:和|或者|及|、|以及|或)(" + "|".join(_AGENT_VERBS) + ")")
#: Clause openers that set a guiding principle rather than a duty of their own
#: (``坚持社会主义核心价值观，不得…``): inside an item they add no norm.
_PRINCIPLE_RE = re.compile(r"^(?:坚持|遵循|秉持|贯彻|本着|按照|依照|依据|根据|基于|围绕|以)")
_PAREN_RE = re.compile(r"（[^（）\n]{0,200}）")
_ITEM_MARK_RE = re.compile(
    r"^\s*(?:（[一二三四五六七八九十百]+）|\d+[.．、]|[一二三四五六七八九十]+、)")
_CASE_LIST_RE = re.compile(
    r"(?:下列|以下|如下)[^，。；：]{0,8}?(?:情形|情况|条件|行为|事由|情节)|之一的")
_BLANK = " "
#: Normalised actors regtext knows whatever the text defines.
_KNOWN_ACTORS = ("提供者", "使用者", "主管部门", "国家")
#: Alias keys for verb agents (处理者 → 个人信息处理者) start with this: used for exact
#: matches only, never as a long form.
_AGENT_KEY = "\x00agent:"


# -- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Norm:
    """One norm: an actor must / must not / may / is encouraged to do something, or a penalty.

    Attributes:
        actor: the normalised actor (``提供者``, ``主管部门``, ``国家``, a defined short name,
            else the head noun phrase); ``None`` when the text names none.
        modality: ``obligation``, ``prohibition``, ``permission``, ``encouragement`` or
            ``penalty``.
        trigger: the modal word or liability phrase, verbatim (for an item that inherits its
            chapeau's modality, the chapeau's word).
        text: the norm's span, verbatim.
        condition: the ``…的，`` clauses that condition it (``""`` when none).
        exception: ``但是…`` / ``除…外`` text that limits it (``""`` when none).
        start, end: offsets of ``text`` in the clause text given.
        actor_raw: the words the actor was read from.
        inherited: True when the modality comes from the chapeau (an item with no modal word).
        ref: the clause ref (set by :func:`obligations`; ``None`` from :func:`find_norms`).
        sanctions: for a penalty, the refs of the provisions it sanctions (``违反本法第二十一条``).
        sanctioned_by: refs of the penalty clauses that sanction this norm.

    Example:
        >>> n = find_norms("国家鼓励创新。")[0]
        >>> n.actor, n.modality, n.span()
        ('国家', 'encouragement', (0, 7))
    """

    actor: str | None
    modality: Modality
    trigger: str
    text: str
    condition: str = ""
    exception: str = ""
    start: int = 0
    end: int = 0
    actor_raw: str = ""
    inherited: bool = False
    ref: str | None = None
    sanctions: tuple[str, ...] = ()
    sanctioned_by: tuple[str, ...] = field(default=())

    def span(self) -> tuple[int, int]:
        """``(start, end)`` of the norm in the clause text.

        Example:
            >>> find_norms("提供者不得泄露信息。")[0].span()
            (0, 10)
        """
        return (self.start, self.end)


#: Every field of a :class:`Norm` with its default (None where it has none).
_NORM_DEFAULTS: dict[str, Any] = {
    f.name: None if f.default is MISSING else f.default for f in fields(Norm)}


def _norm(**values: Any) -> Norm:
    """``Norm(**values)`` without the frozen dataclass's per-field ``object.__setattr__``
    (the same object: Norm has no ``__post_init__``); the extractor makes one per norm."""
    new = object.__new__(Norm)
    new.__dict__.update(_NORM_DEFAULTS, **values)
    return new


def _replace(norm: Norm, **changes: Any) -> Norm:
    """:func:`dataclasses.replace` for a :class:`Norm`, without its per-call field checks
    (every norm gets its ref this way: a third of a second per 300 laws)."""
    new = object.__new__(type(norm))
    new.__dict__.update(norm.__dict__, **changes)
    return new


# -- definitions and actor normalisation -----------------------------------------------------


#: Where a defined long form starts (the separator is kept: a 的 before it opens a relative
#: clause on it).
_LONG_FORM_CUT_RE = re.compile(r"([，。；：、！？\s（）《》]|的|与|和|向|对|由|在|应当)")
_CLAUSE_CUT_RE = re.compile(r"[，。；：！？\s（）《》]|是指")


def definitions(text: str) -> dict[str, str]:
    """Short names a text defines with ``（以下称…）``/``（以下简称…）``, long form → short.

    The short name also maps to itself.

    Example:
        >>> definitions("生成式人工智能服务提供者（以下称提供者）应当…")
        {'生成式人工智能服务提供者': '提供者', '提供者': '提供者'}
    """
    out: dict[str, str] = {}
    f = fold(text or "")
    for m in abbreviation_re().finditer(f):
        short = m.group("short").strip(" “”\"")
        if not short:
            continue
        before = f[max(0, m.start() - 40): m.start()]
        parts = _LONG_FORM_CUT_RE.split(before)
        before = parts[-1].strip()
        # an actor's long form ends like its short name (…服务提供者 → 提供者); 组织和个人
        # (以下称“提供者”) is the tail of a relative clause, not the long form; nor is the
        # head of one when the short name is a new name (出让矿业权的自然资源主管部门（以下称
        # 矿业权出让部门）: that department's, not every 自然资源主管部门's)
        # (not when the short name is the head's own tail: 注册其服务的生成式人工智能服务使用者
        # (以下称使用者) shortens every 生成式人工智能服务使用者)
        restricted = len(parts) > 2 and parts[-2] == "的" and not before.endswith(short) \
            and not _NAMED_DE_RE.search(f, max(0, m.start() - len(before) - 4), m.start())
        if restricted:
            # the whole phrase is the long form (出让矿业权的自然资源主管部门)
            before = _CLAUSE_CUT_RE.split(f[max(0, m.start() - 40): m.start()])[-1].strip(" 、")
        if len(before) >= 2 and not short.endswith(before) and (
                before[-1] == short[-1] or not _is_actorish(short)):
            out.setdefault(before, short)
        out.setdefault(short, short)
    return out


#: Bodies named by their role in the case, not by their field: the one that issued the licence or
#: approval (原发证部门), a superior (上级主管机关), the judicial organs (移送司法机关). A lawyer
#: keeps them apart from the field's competent department (主管部门).
_ROLE_BODY_RE = re.compile(
    r"其?(?:上级|上一级)[^、，和或及]*(?:部门|机关)"
    r"|其?原?(?:发证|颁证|发照|审批|批准|登记)(?:部门|机关)"
    r"|司法(?:部门|机关)")
_SPACES_RE = re.compile(r"\s+")


def normalize_actor(raw: str | None, aliases: Mapping[str, str] | None = None) -> str | None:
    """The normalised actor for the words ``raw``.

    Defined short names win (through ``aliases``, long form → short); then any ``…部门`` is
    ``主管部门``, ``…提供者``/``…使用者`` are ``提供者``/``使用者``, and a relative clause is cut
    to its head (``参与评估的相关机构和人员`` → ``相关机构和人员``).

    Example:
        >>> normalize_actor("国家网信部门"), normalize_actor("生成式人工智能服务提供者")
        ('主管部门', '提供者')
        >>> normalize_actor("参与评估的相关机构和人员"), normalize_actor("")
        ('相关机构和人员', None)
    """
    if not raw:
        return None
    items = tuple(aliases.items()) if aliases else ()
    try:
        return _normalized(raw, items)
    except TypeError:  # an unhashable alias value: read it without the memo
        return _normalized.__wrapped__(raw, items)


def _normalize_uncached(raw: str, items: tuple[tuple[str, str], ...]) -> str | None:
    # a function of the words and the aliases' contents alone, memoised on both (see
    # _normalized): a corpus run asks for the same few actors tens of thousands of times
    a = _SPACES_RE.sub("", raw).strip("，。；：、")
    if not a:
        return None
    aliases = dict(items)
    if a in aliases:
        return aliases[a]
    if _AGENT_KEY + a in aliases:  # 处理者 (of 处理个人信息应当…) → 个人信息处理者
        return aliases[_AGENT_KEY + a]
    # the longest defined long form that ends ``a`` (and names a party): a look-up per
    # suffix of ``a``, not a sort of every alias per call (two forms of one length cannot
    # both end ``a``)
    for size in range(len(a), 1, -1):
        short = aliases.get(a[-size:])
        if short is not None and not a[-size:].startswith(_AGENT_KEY) and _is_actorish(short):
            return short
    if _ROLE_BODY_RE.fullmatch(a):
        return a.removeprefix("其")
    if a.endswith("部门"):
        return "主管部门"
    for generic in ("提供者", "使用者"):
        if a.endswith(generic):
            return generic
    if "的" in a:
        # the 的 of a name (设区的市) opens no relative clause: its words are kept whole
        plain = _NAMED_DE_RE.sub(lambda m: "_" * len(m.group()), a)
        cut = plain.rfind("的")
        head = a[cut + 1:] if cut >= 0 else ""
        member = _LAST_MEMBER_RE.search(a, 0, cut) if head else None
        if member and _is_actorish(a[:member.start()]) and _is_bare_verb_phrase(member.group(1)):
            # 有关工作人员、受委托的组织或者个人: a relative clause on the last member only; the
            # party listed before it is kept (not 乡人民政府、街道办事处的主要负责人, a noun's
            # 的, nor 居民委员会、村民委员会设立的…, a clause with the list as its subject)
            return a
        if head in _BARE_HEADS and head not in aliases:
            return a  # 执行拘留的机关: 机关 alone names no one; its clause does
        if head:
            bare = {k: v for k, v in aliases.items() if not k.startswith(_AGENT_KEY)}
            return normalize_actor(head, bare)
    return a


def _is_bare_verb_phrase(text: str) -> bool:
    """``text`` holds a verb and opens with no actor of its own (受委托, 参与建设)."""
    return any(f.startswith("v") and f != "vn" for _, f in _pos(text)) \
        and not _leading_actor(text)


#: The last member of a list before a 的 (…人员、|受委托): the separator and the member.
_LAST_MEMBER_RE = re.compile(r"(?:、|和|及|以及|或者|或)([^、和及或]+)$")

_normalized = lru_cache(maxsize=50000)(_normalize_uncached)
_MEMOISED.append(_normalized)  # emptied with the rules it reads


def _is_actorish(words: str) -> bool:
    return bool(_ACTOR_END_RE.search(words)) and not words.endswith(_NON_ACTOR_WORDS)


# -- clause analysis ------------------------------------------------------------------------


class _computed_once:  # noqa: N801 - used as a decorator
    """A property computed on first read and then kept in the instance (a lock-free
    ``functools.cached_property``: Python 3.11's takes a lock on every first read)."""

    def __init__(self, func: Any) -> None:
        self.func, self.name = func, func.__name__

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


@dataclass
class _Seg:
    start: int  # offsets in the clause text
    end: int  # exclusive, without the closing punctuation
    text: str  # masked text of the segment
    punct: str  # the punctuation that closes it ('' at the end)

    @_computed_once  # read many times per segment; a segment does not change once cut
    def is_condition(self) -> bool:
        t = self.text.rstrip()
        return self.punct in "，：；" and self.punct != "" and (
            (t.endswith("的") and not t.endswith(("目的", "标的")))
            or (t.endswith("时") and len(t) > 2 and not t.endswith(_NOT_WHEN))
        )


#: Clause ends in 时 that are no "when" clause: a length of time (可以延长至四十八小时) or an
#: adverb (应当及时), so the clause states a norm, not its occasion.
_NOT_WHEN = ("小时", "工时", "学时", "课时", "及时", "按时", "准时", "随时", "适时")


@dataclass
class _Trigger:
    pos: int
    end: int
    word: str
    modality: Modality
    seg: int  # index into the sentence's segments


# -- patterns the clause readers below share (compiled once: the readers run per clause) --
_BY_AGENT_AFTER_RE = re.compile(r"(?:依法|一律|统一|分别)?由(?!于|此)")
_CLAUSE_MARK_RE = re.compile(r"[，。；：]")
_CLAUSE_MARK_WIDE_RE = re.compile(r"[，。；：,;]")
_MEMBER_JOINER_RE = re.compile(r"和|及其|及|与|以及|或者")
_BUT_LEAD_RE = re.compile(r"^(?:但是|但)")
_YOU_RE = re.compile(r"由(?!于|此)(?:其(?!他|中|余|次))?")
_LAWFULLY_LEAD_RE = re.compile(r"^(?:依法|依照|按照规定)")
_ORDERED_BY_RE = re.compile(r"经([^，。；]{2,40})$")
_SAVE_OPEN_RE = re.compile(r"除[^，。；]*$")
_ALSO_LEAD_RE = re.compile(r"^(?:并且|并|且|还|也|同时)")


def _fold(text: str) -> str:
    """:func:`regtext.normalize.fold` (one C-speed substitution: no per-document table)."""
    return fold(text)


def _mask(text: str) -> str:
    """Folded text with parentheticals and the item number blanked (same length)."""
    f = _fold(text)
    f = _PAREN_RE.sub(lambda m: _BLANK * len(m.group(0)), f)
    m = _ITEM_MARK_RE.match(f)
    if m:
        f = _BLANK * m.end() + f[m.end():]
    return f


def _sentences(masked: str) -> list[tuple[int, int]]:
    """Sentence spans: split after 。！？ and at line breaks."""
    out = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(masked):
        end = m.end() if m.group(0) != "\n" else m.start()
        if masked[start:end].strip():
            out.append((start, end))
        start = m.end()
    if masked[start:].strip():
        out.append((start, len(masked)))
    return out


def _segments(masked: str, s: int, e: int) -> list[_Seg]:
    segs = []
    start = s
    ends = [(m.start(), m.group(0)) for m in _SEGMENT_END_RE.finditer(masked, s, e)]
    if start < e and (not ends or ends[-1][0] + 1 < e):
        ends.append((e, ""))
    for p, punct in ends:  # pos/endpos, not a slice: offsets are the whole text's
        text = masked[start:p]
        # leading blanks (masked parentheses, item numbers) are not part of a segment
        lead = text.lstrip()
        if lead.strip():
            segs.append(_Seg(start + len(text) - len(lead), p, lead, punct))
        start = p + 1
    return segs


#: A deeming rule after a modal word (应当认定为, 应当视为): a definition, not a duty.
_DEEMING_RE = re.compile(r"(?:认定为|视为|视作|认定是|以[^，。；]{1,12}论)")
_PREP_ONLY_RE = re.compile(r"(?:对于|对|凡是|凡|就)")
#: A relative clause that is a subject: …的期限为, …的税款是 (the copula follows its noun).
#: Not after 将/把, which bring the object of the modal word's own verb forward (可以将担任
#: 法官的学历条件放宽为…).
_RELATIVE_SUBJECT_RE = re.compile(
    r"(?![将把])[^，。；的]{1,16}的[^，。；的]{1,10}?(?:(?<![行作认成视称更改因以])为(?!自己|他人|本人|其)|(?<![但于凡就总还要若])是)")
#: A support verb coordinated with an encouragement word (鼓励、帮助残疾人…, 鼓励和扶持…): the
#: encouragement is a verb then, unless a noun follows the pair (鼓励、扶持政策, 鼓励和扶持的).
_SUPPORT_VERB_RE = re.compile(
    r"[和与及、](?:帮助|扶持|扶助|资助|援助|指导)(?!的|下|政策|措施|等|机制|办法|制度|力度|[、和与及])")
#: An adverbial that ends right before a modal word: 依照/按照/根据…规定 (the rules it acts under).
_RULE_ADVERBIAL_RE = re.compile(r"(?:依照|按照|根据|依据|遵照)[^，。；]{0,40}(?:规定|法规|法律)$")
#: After such a modal word: a relative clause (…的) or an offence (…而未…), not a norm.
#: (a 的 after a preposition is inside its object: 负责对污染物的监测管理 is the norm's own)
_NOT_OWN_AFTER_RULE_RE = re.compile(r"(?:(?![对向为与在])[^，。；])*?(?:的|而(?:未|不|没有))")
#: The end of a catch-all case (其他…的情形): what comes before it is a relative clause.
_CATCH_ALL_RE = re.compile(r"的(?:情形|情况|行为|事项|事由|情节)[。；]?$")


def _find_triggers(segs: Sequence[_Seg]) -> list[_Trigger]:
    out: list[_Trigger] = []
    for i, seg in enumerate(segs):
        if seg.is_condition or (seg.text[:1] == "为" and _PURPOSE_RE.match(seg.text)) or (
                seg.text[:1] == "在" and _PERIOD_RE.search(seg.text)):
            continue  # 为了推动…，: a purpose clause states no norm; 在国家提倡…期间，: a time
        for m in _MODAL_RE.finditer(seg.text):
            group = m.lastgroup or ""
            modality = group
            after = seg.text[m.end(): m.end() + 1]
            before = seg.text[max(0, m.start() - 2): m.start()]
            if after == "的":  # 法律、行政法规禁止的内容
                continue
            if (0 < m.start() <= 3 and _PREP_ONLY_RE.fullmatch(seg.text[: m.start()].strip())) \
                    or ("的" in seg.text and _RELATIVE_SUBJECT_RE.match(seg.text, m.end())):
                # 对可以申请复议的行为，…; 当事人可以申请的期限为六十日: the modal word is
                # inside a noun phrase (a relative clause), not a norm
                continue
            if modality == "obligation" and _DEEMING_RE.match(seg.text, m.end()):
                continue  # 应当认定为…, 应当视为…: a deeming rule defines, it binds no one
            if m.group(0) in _DUTY_WORDS or m.group(0) not in _ALL_MODAL_WORDS:
                if any(t.seg == i for t in out):
                    continue  # 应当负责…, 应当履行…义务: the content of the norm before it
                if _RELATIVE_BODY_RE.match(seg.text, m.end()):
                    continue  # 负责管理煤炭工业的部门: a relative clause naming a body
            if seg.text.startswith("其他") and _CATCH_ALL_RE.search(seg.text, m.end()):
                continue  # （六）其他依法应当追究责任的情形: a case, not a norm
            if before in ("规定", "法规", "法律") and modality != "encouragement" and not (
                    _RULE_ADVERBIAL_RE.search(seg.text, 0, m.start())
                    and not _NOT_OWN_AFTER_RULE_RE.match(seg.text, m.end())
                    and not (seg.text.endswith("的除外") and "的" in seg.text[m.end():])
                    and not (seg.text[0] == "除" and seg.text.endswith("外"))):
                # the law's own words as a modifier: 法律、行政法规禁止发布的信息; but after an
                # adverbial 依照…规定 the modal word is the clause's own (人民警察依照国家有关
                # 规定可以使用警械), unless a 的 makes it a relative clause (依照本条例规定应当
                # 公告的事项), 而未 an offence (按照规定应当经批准而未经批准) or 除…外 an
                # exception (除按照下列规定可以转让外)
                continue
            if _RELATIVE_AFTER_RE.match(seg.text, m.end()) or (
                    modality != "encouragement" and m.group(0) in _ALL_MODAL_WORDS
                    and m.group(0) not in _DUTY_WORDS
                    and _RELATIVE_PAIR_AFTER_RE.match(seg.text, m.end())):
                continue  # a relative clause: 移送有权处理的部门, 个人可以采取的措施
            if m.group(0) == "禁止" and (before.endswith(("或者", "或", "和", "、", "及", "的"))
                                         or after in ("、", "和")):
                continue  # 限制或者禁止…清单, 歧视性的禁止、限制: a noun or a coordinated verb
            if modality == "encouragement":
                if after in ("和", "与", "及", "、") and _SUPPORT_VERB_RE.match(seg.text, m.end()):
                    pass  # 鼓励、帮助残疾人…, 鼓励和扶持…: coordinated with a support verb
                elif after in ("和", "与", "及", "、", "", "下", "者", "性"):
                    continue  # 鼓励、支持政策, 在国家鼓励下: a noun or a modifier
                if before.endswith(("的", "等", "以", "予")) or before.endswith("提供"):
                    continue
                if re.match(r"包括|通过", seg.text) or "通过" in seg.text[: m.start()]:
                    continue  # 包括通过…等方式支持他人…: a means, not a policy
            if modality == "obligation" and m.group(0) == "须" and seg.text[m.start() - 1:
                                                                         m.start()] == "必":
                continue
            if m.start() and _verb_before(seg.text[max(0, m.start() - 6): m.start()]) \
                    and not (i == 0 and m.group(0) in _AUXILIARIES
                             and _names_the_act(seg.text, m.start(), m.end())):
                continue  # 迫使应当接受义务教育的…, 加强引导: the complement of another verb
            out.append(_Trigger(seg.start + m.start(), seg.start + m.end(), m.group(0),
                                modality, i))
    # an encouragement verb inside another norm's scope is its content (提供者应当…，引导
    # 用户…): the party bound encourages. Not when the norm before binds no party (规划实施应当
    # …，鼓励…; 国有文物应当…开放，鼓励非国有文物…): a clause that opens with 鼓励 is then the
    # text's own encouragement (支持, 引导, 推动 there are still the duty's own verbs).
    kept: list[_Trigger] = []
    for t in out:
        bound = next((k for k in kept if k.modality != "encouragement"), None)
        if t.modality == "encouragement" and bound is not None and not (
                t.word.startswith("鼓励") and t.seg != bound.seg
                and t.pos == segs[t.seg].start and not _binds_party(segs, bound)):
            continue
        kept.append(t)
    return kept


def _binds_party(segs: Sequence[_Seg], t: _Trigger) -> bool:
    """The words before ``t`` in its clause end in a party (县级以上人民政府应当…), or, with no
    words before it, the sentence opens with one (县级以上人民政府在…时，应当…); not an act or
    a thing (规划实施应当…, 国有文物应当…)."""
    seg = segs[t.seg]
    prefix = seg.text[: t.pos - seg.start].strip()
    if prefix:
        return bool(_subject_before(prefix))
    return bool(_leading_actor(segs[0].text))


#: Modal auxiliaries, which take a verb phrase after a subject; not 禁止/鼓励 (transitive verbs
#: themselves: 作出禁止…的决定, 鼓励支持…) nor duty verbs (阻碍负责…的部门).
_AUXILIARIES = frozenset(("应当", "应", "应该", "必须", "须", "不得", "不应", "不应当", "可以",
                          "可"))


#: Words that cannot modify the name of an act before its verb (营业性|组|台|演出 can): a verb,
#: preposition, adverb, conjunction, pronoun, particle or punctuation.
_NOT_ACT_MODIFIER_FLAGS = ("v", "p", "d", "c", "r", "u", "x", "y", "e", "o")


def _names_the_act(text: str, start: int, end: int) -> bool:
    """Whether the verb that opens a sentence right before its modal word names the act the
    rule is about (赔偿应当尽量达到恢复原状, 开标应当公开进行, 复检不得采用快速检测方法):
    the verb alone is the subject, and the modal word binds, unless what follows is a
    relative clause (属于应当提供法律援助的情形, 发生可以自行协商处理的财产损失事故).

    Example:
        >>> _names_the_act("尸检应当经死者近亲属同意并签字", 2, 4)
        True
        >>> _names_the_act("属于应当提供法律援助的情形", 2, 4)
        False
    """
    toks = _pos(text[: end + 1])
    # the verb and the modal word are the clause's first two words (not 承租方|可以), or the
    # verb closes a noun phrase of the act (营业性|组台|演出应当由…举办: nouns and modifiers
    # only before it, so no subject and verb, and no verb taking the modal's clause)
    lead = 0
    while lead < len(toks) - 2 and (toks[lead][1] == "vn" or not toks[lead][1].startswith(
            _NOT_ACT_MODIFIER_FLAGS)):
        lead += 1
    if len(toks) < lead + 2:
        return False
    verb, flag = toks[lead]
    verb_at = sum(len(w) for w, _ in toks[:lead])
    if flag != "v" or verb_at + len(verb) != start or verb in _WHETHER \
            or not toks[lead + 1][0].startswith(text[start:end]):
        return False  # (电子数据是否可以…得到验证: a question, not a norm)
    if lead and _is_actorish(text[:verb_at]):
        return False  # (机动车驾驶人|驾驶应当…: a party and its act, not an act's name)
    # a clause that ends in 的 and a noun phrase is a relative clause on that noun
    # (…的情形, …的财产损失事故); 的 inside an adverbial is not (在…规定的时间、地点公开进行)
    cut = text.rfind("的", end)
    tail = text[cut + 1:] if cut >= 0 else ""
    return not (tail and not any(f.startswith("v") for _, f in _pos(tail)))


def _verb_before(text: str) -> bool:
    """True when ``text`` ends with a plain verb (not a subject, adverb or conjunction)."""
    # the last word can only be a verb of two characters or more when an ending of the text
    # is one in the dictionary: most texts before a modal word are not, and skip the tagger
    if not ends_with_dictionary_verb(text):
        return False
    toks = _pos(text)
    if not toks:
        return False
    word, flag = toks[-1]
    return flag == "v" and len(word) > 1 and word not in _ACTOR_WORDS


@_per_text
def _pos(text: str) -> tuple[tuple[str, str], ...]:
    # no HMM: unknown words fall apart into characters, which the rules below tolerate, and
    # the Viterbi pass would triple the run time over a whole corpus. nlp.pos_tags gives
    # jieba.posseg's tags (legal dictionary) twice as fast.
    return pos_tags(text)


@_per_text
def _np_pos(text: str) -> tuple[tuple[str, str], ...]:
    """:func:`_pos` with agent nouns made whole: a verb (or, before 所, 者 or a head the tagger
    calls a suffix, a noun that is no actor itself) followed by a one-character actor head is
    one noun, tagged ``nag`` (驾驶|人 → 驾驶人,
    请求|人 → 请求人, 车辆管理|所 → 车辆管理所), since the tagger knows few such derived
    words, and a verb before it is part of the name (赔偿|请求人); and 所在 before
    a verb is that head and the preposition 在 (车辆管理所在办理… is 车辆管理所 | 在 办理…).

    Example:
        >>> [w for w, _ in _np_pos("机动车驾驶人应当")][:2]
        ['机动车', '驾驶人']
    """
    toks = _patient_nouns(_pos(text)) if "被" in text else list(_pos(text))
    out: list[tuple[str, str]] = []
    for i, (word, flag) in enumerate(toks):
        head = word
        if word == "所在" and i + 1 < len(toks) and toks[i + 1][1] == "v":
            head = "所"  # 车辆管理所在办理: 所在 here is the head 所 and the preposition 在
        prev = out[-1] if out else None
        if (prev and head in _ONE_CHAR_HEADS and len(prev[0]) >= 2
                and (prev[1] in ("v", "vn")
                     or ((head in ("所", "者") or flag == "k") and prev[1] == "n"
                         and not _is_actorish(prev[0])))):
            out[-1] = (prev[0] + head, "nag")
            if head != word:
                out.append(("在", "p"))
            continue
        out.append((word, flag))
    return tuple(out)


def _patient_nouns(toks: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """``toks`` with 被 and the person noun after it made one noun, tagged ``n``: the party
    a verb is done to (被|侵权人 → 被侵权人, 被|诉|侵权人 → 被诉侵权人, 被|许可|人 → 被许可人),
    which the dictionary knows only in part (被申请人, 被保险人); so with a body's head (被|审计|
    单位, 被|授权|机关, 被|检查者). Not 被|他人, nor before a verb other than a modal word
    (被|行为人|侵占, 被|有关|部门|责令: a passive with its agent)."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(toks):
        word, flag = toks[i]
        end = 0
        if word == "被" and flag == "p":
            for j in range(i + 1, min(i + 3, len(toks))):
                if toks[j][1] == "x" or (j > i + 1 and not (
                        len(toks[i + 1][0]) <= 2 and toks[i + 1][1] in ("v", "vn", "nr", "n"))):
                    break  # (one short verb between: 被|诉|侵权人; not 被|人民法院|撤销|…)
                if (toks[j][0].endswith("人") or _ACTOR_END_RE.search(toks[j][0])) \
                        and toks[j][0] not in _OTHERS \
                        and sum(len(w) for w, _ in toks[i + 1:j + 1]) >= 2:
                    nxt = toks[j + 1] if j + 1 < len(toks) else ("", "")
                    if not nxt[1].startswith("v") or _MODAL_RE.match(nxt[0]):
                        end = j + 1  # (被行为人侵占…: a passive with its agent and verb)
                    break
        if end:
            # (a plain noun, not an agent noun: no verb before it joins it, 造成|被请求人)
            out.append(("被" + "".join(w for w, _ in toks[i + 1:end]), "n"))
            i = end
            continue
        out.append((word, flag))
        i += 1
    return out


#: Token tags that may stand inside a subject noun phrase.
_NP_FLAGS = ("n", "nag", "nr", "ns", "nt", "nz", "nrt", "j", "vn", "r", "m", "q", "an", "b", "f",
             "ng", "l", "i", "eng", "s")
_NP_JOINERS = {"和", "及", "及其", "以及", "与", "、", "或者", "等", "其他", "的", "有关", "相关",
               "其", "主管", "各级", "会同"}


def _np_end_is_actor(words: str, last: str) -> bool:
    """``words`` ends with an actor word that is not the tail of another word (人工智能).

    A one-character last token is the untagged remainder of an unknown word (劳动保障部|门):
    the suffix check on ``words`` decides then.
    """
    if last in _CONJUNCTION_TAILS or not _is_actorish(words):
        return False
    return len(last) == 1 or bool(_ACTOR_END_RE.search(last))


def _squeeze(text: str) -> str:
    """``text`` without the blanks left by masked parentheses (产权（使用）单位 → 产权单位)."""
    return text.replace(_BLANK, "").strip()


#: Pronouns for other persons: the object of a verb after a subject, never part of it.
_OTHERS = frozenset(("他人", "其他人", "别人"))


#: What the body of a 经 phrase does when the phrase is a means (经各自的业主大会同意后,
#: 经具有相应资质的…机构检测合格后): that body approves, it is not the party that acts.
_APPROVES_RE = re.compile(r"(?:依法)?(?:同意|批准|审查|审核|审批|审定|检测|检验|提议|认定|确认|"
                          r"许可|决定|讨论|表决|评审|鉴定|核准|核实|登记|备案|授权|委托|协商)")


#: A 经 phrase that names the approval and no approver (经批准, 经依法许可, 经考试取得…): on a
#: party after its 的 it is a relative clause (经批准占用、挖掘城市道路的单位); with an approver
#: written (经国务院…批准的, 经当次会议…的) it is left to the rest of the grammar.
_VIA_APPROVAL_RE = re.compile(
    r"经(?:过)?(?:依法)?(?:批准|许可|核准|登记|认定|考试|考核|审批|注册|备案)")


def _not_the_via_party(rest: str) -> bool:
    """Whether the words after the party of a 经…的 phrase show it is no relative clause on
    that party: the party approves (经…的业主大会同意后) or the name goes on as a noun
    (经认定的高新技术企业新建…机构用房)."""
    if _APPROVES_RE.match(rest):
        return True
    toks = _pos(rest[:6]) if rest[:1] not in ("，", "、", "") else ()
    return bool(toks) and toks[0][1].startswith(("n", "vn", "l"))


@_per_text
def _leading_actor(text: str) -> str:
    """The actor noun phrase a clause starts with (``提供者发现违法内容的`` → 提供者), or ''."""
    # 但/但是 opens an exception clause: its subject follows (但人民法院…决定…的，可以…)
    # (依法履行…职责的居民委员会: the adverb opens a relative clause; the tagger calls it a noun)
    t = _BUT_LEAD_RE.sub("", _squeeze(text))
    lawfully = "依法" if t.startswith("依法") else ""
    t = t[len(lawfully):]
    if t.startswith("在") or _VIA_APPROVAL_RE.match(t):
        # 在中国没有经常居所的外国人…在中国申请专利的: the 在 phrase is a relative clause on
        # the party after its 的, which opens the verb phrase (a place or time 在 phrase
        # has no party right after a 的 of its own); so is a 经 phrase (经批准减征、免征契税
        # 的纳税人改变…的), where a means (经审查，…) has none
        at = t.find("的", 2, 60)
        while at > 0 and not _CLAUSE_MARK_RE.search(t, 0, at):
            party = _leading_actor(t[at + 1:])
            after = at + 1 + len(party)
            if party and t.startswith(party, at + 1) and not _PLACE_HEAD_RE.search(party) \
                    and t[after:after + 1] not in ("上", "中", "内", "里", "下") \
                    and not (t[0] == "经" and _not_the_via_party(t[after:])):
                return t[: at + 1] + party  # (not 在…的主要媒体上, 在…规定的区域、场所)
            at = t.find("的", at + 1, 60)
    if _PREP_RE.match(t):
        return ""  # 经国务院授权, 对…: a prepositional phrase, not a subject
    hits = list(_ACTOR_WORD_RE.finditer(t[:48]))
    last = hits[-1] if hits else None
    if last is None:
        return ""  # no actor word near the start: skip the tagger
    words = ""
    best = ""
    toks = _np_pos(t[: last.end() + 2])
    field = _FIELD_DEPARTMENT_RE.match(t) if toks and toks[0][1] == "vn" else None
    if toks and toks[0][1] == "vn" and (len(toks) < 2 or toks[1][0] not in _NP_JOINERS) and not (
            len(toks) > 1 and _is_head_word(toks[1][0])) and not field:
        return ""  # 设置专门机构…: a verb, not a department list such as 发展改革、教育等部门
    for i, (word, flag) in enumerate(toks):
        if word.strip() == "":
            break
        if field and len(words) + len(word) <= field.end():
            words += word  # 建设|行政主管部门: the field's words, verbs or not
            if _np_end_is_actor(words, word):
                best = words
            continue
        # a verb right before a head word names the body or person (调查人员, 统计机构,
        # 管理部门): part of the noun phrase
        # (not after a complete subject: 金融机构变更股东 is subject, verb, object; but a
        # government's or court's own department is named after it: 人民政府统计机构, never
        # a party: 人民法院接到当事人… is the court, a verb and its object; a verbal noun
        # before a head is a compound after any subject: 常务委员会代表|工作|机构)
        # (not before a noun that names a party by itself: 侵犯公民…的 is verb and object)
        before_head = (flag.startswith("v") and len(word) > 1 and i + 1 < len(toks)
                       and (_is_head_word(toks[i + 1][0]) or toks[i + 1][1] == "nag")
                       and toks[i + 1][0] not in _PERSON_NOUNS
                       and (not best or best != words or flag == "vn"
                            or (_HAS_DEPARTMENTS_RE.search(words) is not None
                                and _AUTHORITY_END_RE.search(toks[i + 1][0]) is not None)))
        # an adjective only as a modifier of the noun after it (私募|基金管理人)
        # (or a one-character place the tagger calls zg before a noun: 村|经济合作社, 县|政府)
        modifier = (flag in ("a", "zg") and i + 1 < len(toks)
                    and toks[i + 1][1].startswith(("n", "l"))
                    and toks[i + 1][0] not in _PERSON_NOUNS)
        if flag.startswith("v") and i + 1 < len(toks) and toks[i + 1][0] in _PERSON_NOUNS:
            break  # 组织他人…: a verb (even an actor word) taking a party as its object
        if (i == 0 and flag == "v" and word in _ACTOR_WORDS and i + 1 < len(toks)
                and toks[i + 1][1] == "v"
                and not (i + 2 < len(toks) and _is_head_word(toks[i + 2][0]))):
            return ""  # 组织编制…规划应当…: an actor word opening a chain of verbs is a verb
        if best and best == words and word in ("经", "对", "向", "被", "由", "将", "把"):
            break  # …诉讼代理人经审判长许可: a preposition the tagger calls a noun
        if best and best == words and i + 1 < len(toks) and toks[i + 1][0] in _OTHERS \
                and word not in _NP_JOINERS:
            break  # 数据处理者委托他人…: after a whole subject, a word taking 他人 is its verb
        if best and best == words and _ADVERB_TAIL_RE.fullmatch(word):
            break  # 当事人自行协商…: an adverb (自行 is tagged a pronoun) ends the subject
        if (best and best == words and flag == "v" and word in _ACTOR_WORDS
                and i + 1 < len(toks) and toks[i + 1][1] == "v"
                and (_AUTHORITY_END_RE.search(words) or words.endswith(("单位", "者")))):
            # …乡（镇）人民政府组织实施…, 建设单位组织竣工验收, 燃气经营者组织抢险: after a
            # whole subject that organises, 组织 is its verb (not in 慈善行业组织接到…)
            break
        nounish = (flag in _NP_FLAGS or word in _NP_JOINERS or word in _ACTOR_WORDS
                   or before_head or modifier)
        if not nounish or (flag.startswith("v") and flag != "vn" and word not in _ACTOR_WORDS
                           and not before_head):
            break
        if flag == "vn" and word not in _ACTOR_WORDS and word not in _NP_JOINERS \
                and not before_head:
            # a verbal noun only inside a list (发展改革、教育等部门), else it is the verb
            # (企业生产国家规定的产品…)
            nxt = toks[i + 1] if i + 1 < len(toks) else ("", "")
            prev = toks[i - 1][0] if i else ""
            if not (nxt[0] in _NP_JOINERS or nxt[1] == "vn" or prev in _NP_JOINERS
                    or toks[i - 1][1] == "vn"):
                break
        words += word
        if _np_end_is_actor(words, word) and flag != "zg":  # (园|沟宅河: a modifier alone)
            best = words
    if best and _is_place_after(t[len(best):len(best) + 12]):
        return ""  # 公园内应当…, 本市行政区域内禁止…: nouns closed by a localizer name a place
    if not best:
        best = _relative_actor(t)
    if lawfully and best and t.startswith(best):
        best = lawfully + best  # the text's words (依法设立的培训机构)
    return best if len(best) <= 40 else ""


def _is_place_after(text: str) -> bool:
    """``text`` opens with nouns closed by a localizer word (区域|内, 境内), so that the noun
    before it names a place (本市|行政区域内), not a party; 内部 is no localizer."""
    if not _PLACE_WORD_RE.search(text):
        return False  # (most subjects: no tagging needed)
    for word, flag in _pos(text):
        if len(word) <= 2 and _PLACE_END_RE.search(word):
            return True
        if flag not in _SUBJECT_NOUN_FLAGS:
            return False
    return False


#: A department named by its field, whatever word the field is (建设行政主管部门, 教育行政部门).
_FIELD_DEPARTMENT_RE = re.compile(r"[^，。；：的、]{1,6}?(?:行政主管|行政|主管)(?:部门|机关)")
#: Bodies whose departments are named after them (县级以上人民政府统计机构, 人民法院…部门).
_HAS_DEPARTMENTS_RE = re.compile(r"(?:政府|法院|检察院|国务院)$")


def _is_head_word(word: str) -> bool:
    """``word`` is itself an actor head (人员, 部门, 机构, 机关…), not a word ending in one."""
    return len(word) > 1 and bool(_ACTOR_END_RE.fullmatch(word)) or word in _ACTOR_WORDS


def _relative_actor(text: str) -> str:
    """A subject with a relative clause: ``履行个人信息保护职责的部门``履行职责… → the phrase.

    The relative clause covers a list after its head (…的单位和个人, …的自然人、法人或者其他
    组织): the list is kept when it ends where a word ends, else the first head alone.
    """
    m = _RELATIVE_ACTOR_RE.match(text)
    if not m or re.match(r"(?:分别|均|统一|一律|依法)?由", text):
        return ""  # (分别由…部门、…的主管部门: the agents of a 由 phrase, not a subject)
    base = m.group(0)
    cands = [text[: more.end()] for more in (_MORE_ACTORS_RE.match(text, len(base)),
                                              _FEWER_ACTORS_RE.match(text, len(base))) if more]
    cands.append(base)
    # a head inside a word of the list (…的乡、民|族乡): the later heads up to the next
    # clause are tried too, shortest first (…的乡、民族乡、镇的人民代表大会)
    cands.extend(text[: h.end()] for h in _ACTOR_WORD_RE.finditer(text, len(base), 60)
                 if _RELATIVE_ACTOR_RE.fullmatch(text, 0, h.end()))
    toks = _pos(text[:60])
    for cand in cands:
        if cand.endswith(_CONJUNCTION_TAILS):
            continue  # (…不相符或者: a conjunction, not a head)
        pos = 0
        for i, (word, _flag) in enumerate(toks):
            pos += len(word)
            if pos == len(cand):
                nxt = toks[i + 1] if i + 1 < len(toks) else ("", "")
                if nxt[1] in ("v", "p", "d", "c", "x", "") or nxt[0] in ("，",):
                    return cand
                break
            if pos > len(cand):
                break
    return ""


#: The tail of a name a tagged preposition may open (用|能|单位): a few characters ending in
#: an actor head.
_PREP_IN_NAME_RE = re.compile(r"[\u4e00-\u9fff]{1,4}(?:单位|企业|机构|者|人)")


@_per_text
def _subject_before(prefix: str) -> str:
    """The subject in the words before a modal word in the same clause, or ''.

    The subject ends where the first preposition starts (``提供者对使用者的…应当`` →
    提供者); a relative clause before it is kept (``参与评估的相关机构和人员对…应当``).
    """
    p = _ADVERB_TAIL_RE.sub("", _squeeze(prefix)).strip()
    if not p or not _ACTOR_WORD_RE.search(p):
        return ""  # the subject is a prefix of p ending in an actor word: none without one
    kept: list[str] = []
    toks = _np_pos(p)
    for i, (word, flag) in enumerate(toks):
        if flag == "p" and word not in _PREPOSITIONS and i + 1 < len(toks) \
                and toks[i + 1][1] == "v" and _PREP_IN_NAME_RE.fullmatch(
                    "".join(w for w, _ in toks[i:])):
            pass  # 重点|用|能|单位: a preposition takes a noun, not a verb; these are one name
        elif flag == "p" or flag == "d" or not word.strip():
            break
        if flag.startswith("v") and i + 1 < len(toks) and toks[i + 1][0] in _OFFICES:
            return ""  # 辞退监察官应当…: a verb and its object, no subject
        kept.append(word)
    while kept and _ADVERB_TAIL_RE.fullmatch(kept[-1]):
        kept.pop()
    words = "".join(kept)
    if kept and kept[0] in ("经", "非经") and "的" not in words:
        return ""  # 经主席团通过的报告应当…: 经 (often tagged a noun) opens a means, not a
        # subject (经…批准的其它商业企业可以…: a relative clause on the subject)
    if words and _np_end_is_actor(words, kept[-1]):
        return words
    return ""


def _agents_of_verb_phrase(text: str) -> list[str]:
    """Agents named by a subject-less verb phrase: 提供和使用…服务 → [提供者, 使用者]."""
    t = text.strip()
    m = _AGENT_VERB_RE.search(t)
    if not m or m.start() > 4 or re.search(r"[的所被由对在将把为]", t[: m.start()]):
        return []
    if _PREP_RE.match(t) and m.start() > 0:
        return []
    rest = t[m.end():]
    light = m.group(0) in _LIGHT_VERBS
    if not _AGENT_OBJECT_END_RE.search(t) and not (
            light and re.search("(?:" + _AGENT_VERB_RE.pattern + ")的?$", rest)):
        return []  # 处理涉及未成年人事项: no service or activity that makes an agent
    if light:
        # 从事…经营活动的 → 经营者: the party is named by the activity, never 从事者
        inner = [x.group(0) for x in _AGENT_VERB_RE.finditer(rest)
                 if x.group(0) not in _LIGHT_VERBS]
        return [inner[-1] + "者"] if inner else []
    agents = [t[: m.end()] + "者"]
    while True:
        m2 = _MORE_AGENT_VERBS_RE.match(rest)
        if not m2:
            break
        agents.append(m2.group(1) + "者")
        rest = rest[m2.end():]
    return agents


_ACTOR_JOINER_RE = re.compile(r"和|及其|及|与|、|以及|或者")


def _split_actors(raw: str, aliases: Mapping[str, str]) -> list[str]:
    """Coordinated actors as separate actors, when at least one is a known name.

    ``提供者和使用者`` and ``深度合成服务提供者和技术支持者`` split; ``相关机构和人员`` and
    ``任何组织和个人`` stay one actor (neither part is a name the text or regtext knows).
    """
    parts = [p for p in _ACTOR_JOINER_RE.split(raw) if p]
    if len(parts) < 2 or not all(_is_actorish(p) for p in parts):
        # 省、自治区、直辖市人民政府和国务院有关部门: a 、 list inside one member of a 和 list
        parts = [p for p in _MEMBER_JOINER_RE.split(raw) if p]
        if len(parts) < 2 or not all(_is_actorish(p) for p in parts):
            return [raw]
    known = set(aliases.values()) | set(_KNOWN_ACTORS)
    if any(normalize_actor(p, aliases) in known for p in parts):
        return parts
    return [raw]


#: Words that hand a sanction to a body: 由…部门责令, 移送…机关吊销, 交由…处理, 建议…机构责令
#: (the body recommended to impose it imposes it).
#: 由其… names the offender's own unit or superior (由其所在单位给予处分, 由其上级机关责令):
#: any party there is the sanctioning body, not only a public authority.
_BODY_INTRO_RE = re.compile(r"(?:由(?!于|此)(?P<own>其(?!他|中|余|次))?|移送|移交|交由|提请|报请|"
                            r"建议(?![书函稿权]))")
#: Where a body's name ends: the verb (or adverb) of the sanction that follows it (视 only as
#: 视情节…: the 视 of 广播电视行政管理部门 is inside the name).
_BODY_END_RE = re.compile(
    r"责令|处以|处(?=[\d一二三四五六七八九十百千万两半])|并处|给予|予以|没收|吊销|依法|依照|按照|"
    r"根据|对|罚款|撤销|取消|暂扣|扣留|收缴|决定|作出|追究|处理|查处|实施|负责|会同|按|"
    r"视(?=情节|情况|其|具体|不同|违法|危害|后果)|"
    # 由X将案件移送Y, 由X移送Y吊销…, 由X报请Y责令…: X is the body, the rest its act (将乐县 is
    # a county)
    r"将(?!乐)|移送|移交|交由|报请|提请|建议")
#: Verbs that hand a case over: the body after one (移送公安机关，…处…拘留) imposes what follows;
#: so does the body a sanction is asked of (报请本级人民政府责令关闭: the government orders).
_TRANSFERS = ("移送", "移交", "交由", "报请", "提请", "建议")


def _penalty_actor(text: str) -> str:
    """The first body a liability clause hands its sanction to (``由…`` or ``移送…``), or ''.

    The body runs to the verb, so that a department named after its government is the actor
    (由县级以上人民政府水行政主管部门责令… → 县级以上人民政府水行政主管部门).

    Example:
        >>> _penalty_actor("由县级以上地方人民政府负责受理营利性治沙申请的行政主管部门责令停止")
        '县级以上地方人民政府负责受理营利性治沙申请的行政主管部门'
        >>> _penalty_actor("由此造成损失的，依法承担赔偿责任")
        ''
    """
    found = _bodies(text)
    return found[0][1] if found else ""


def _agent_after_you(text: str) -> str:
    """The agent of a 由 phrase (保留价由人民法院…确定; 应当由两名以上交通警察实施), or ''.

    Example:
        >>> _agent_after_you("搬运遗体由殡仪馆"), _agent_after_you("由此造成的损失")
        ('殡仪馆', '')
    """
    m = _YOU_RE.search(text)
    if not m:
        return ""
    rest = _CLAUSE_MARK_WIDE_RE.split(text[m.end(): m.end() + 60], maxsplit=1)[0]
    body = _body_phrase(_before_verb_of_party(rest), _ACTOR_WORD_RE)
    while body.endswith(_CONJUNCTION_TAILS):  # the 者 of a conjunction is no head
        body = _body_phrase(body[:-2], _ACTOR_WORD_RE)
    if body in _ACTOR_WORDS and rest.startswith(body):
        toks = _pos(rest[:12])
        if toks and toks[0][0] == body and toks[0][1] == "v":
            return ""  # 由其组织修复: 组织 is the verb, the agent is 其 (the subject)
    return body


def _before_verb_of_party(text: str) -> str:
    """``text`` up to a verb whose object is a party noun (人民陪审员|参加合议庭 → 人民陪审员)."""
    if not any(w in text for w in _PERSON_NOUNS):
        return text
    toks = _np_pos(text)
    pos = 0
    for i, (word, flag) in enumerate(toks):
        if flag.startswith("v") and i + 1 < len(toks) and toks[i + 1][0] in _PERSON_NOUNS:
            return text[:pos]
        pos += len(word)
    return text


def _handed_to(bodies: Sequence[tuple[int, str]], text: str, pos: int) -> str:
    """The body a case is handed to after the first body of ``text`` and before ``pos``
    (由环境保护主管部门将案件移送公安机关，…处…拘留 → 公安机关), or ''.

    ``bodies``: :func:`_bodies` of ``text``.
    """
    if not bodies or not text.startswith("由", bodies[0][0]):
        return ""  # (移交司法机关查处…，不按规定移送有关机关的: transfers inside an offence)
    handed = [x for at, x in bodies[1:] if at < pos and text.startswith(_TRANSFERS, at)]
    return handed[-1] if handed else ""


def _bodies(text: str) -> list[tuple[int, str]]:
    """``(offset, body)`` for each body a clause names after 由/移送/交由…, in order."""
    out = []
    for m in _BODY_INTRO_RE.finditer(text):
        rest = _CLAUSE_MARK_RE.split(text[m.end(): m.end() + 80], maxsplit=1)[0]
        body = _body_phrase(rest, _ACTOR_WORD_RE if m.group("own") else None)
        if not body and m.group(0) == "由":  # (not 由其: its heads are any actor's already)
            unit = _UNIT_BODY_RE.match(rest) or _NAMED_BODY_RE.match(rest)
            body = unit.group(1) if unit else ""
            if body and not body.endswith("单位") and not all(
                    f in _SUBJECT_NOUN_FLAGS for _, f in _pos(body)):
                body = ""  # (a named body is nouns only: 中国人民银行, not 此造成…)
        advised = _ADVISES_RE.match(rest)
        if advised:
            # 由审计机构建议其上级主管部门或者有关部门对…给予处分: the body advised imposes the
            # sanction (the offender's own unit or superior: any party), not the one advising
            body = _body_phrase(rest[advised.end():], _ACTOR_WORD_RE)
        if body:
            out.append((m.start(), body))
    return out


#: A unit (the offender's own: 所在单位, 有关单位) is no public authority, but named after 由
#: right before a sanction verb it imposes the sanction (由所在单位给予处分, 由所在单位进行批评
#: 教育，责令…); not before other verbs (由建设单位承担费用: who bears a cost).
#: The verbs by which a named body imposes a sanction (给予处分, 责令…, 进行批评教育…).
_IMPOSING_VERBS = (r"(?:给予|责令|予以|处以|吊销|没收|进行(?:批评|通报|处理|处罚)|通报批评|"
                   r"作出[^，。；]{0,6}处分)")
_UNIT_BODY_RE = re.compile(
    r"([^，。；：、和或及与的对向把将被给为从]{0,10}单位)(?=(?:依法|依照[^，。；]{0,20}规定)?"
    + _IMPOSING_VERBS + ")")
#: Any body named after 由 right before a sanction verb (or 依照… before one) imposes it, with
#: or without a head word (由中国人民银行依照有关法律…给予处罚); not before other verbs
#: (由当事人依法承担…: who bears a liability).
_NAMED_BODY_RE = re.compile(
    r"([^，。；：、和或及与的对向把将被给为从依按根]{2,12}?)(?=(?:依法|(?:依照|按照|根据)[^，。；]{0,30}?)?"
    + _IMPOSING_VERBS + ")")
#: A body that only recommends a sanction to another (由X建议Y对…给予处分).
_ADVISES_RE = re.compile(r"[^，。；：]{2,30}?(?:部门|机关|机构|组织|委员会|政府)建议")


@lru_cache(maxsize=4)
def _relative_authority_re(authority: str) -> re.Pattern[str]:
    """负责受理…的行政主管部门: a relative clause ending in an authority head."""
    return re.compile(r"[^，。；的]{0,30}?的[^，。；的]{0,14}?" + authority + "(?!的)")


def _body_phrase(rest: str, heads: re.Pattern[str] | None = None) -> str:
    """The body at the start of ``rest``: up to the first verb that is not inside a relative
    clause (负责受理…申请的行政主管部门), cut after its last head (``heads``: authority heads,
    by default)."""
    heads = heads or _AUTHORITY_RE
    cut = len(rest)
    for m in _BODY_END_RE.finditer(rest):
        # 负责受理…的行政主管部门, 由作出原行政行为的行政机关: the verb belongs to a relative
        # clause before the head
        if _relative_authority_re(_AUTHORITY_RE.pattern).match(rest[m.start():]):
            continue
        if m.start() == 0:
            return ""
        cut = m.start()
        break
    head = rest[:cut]
    # (a head closing a word that names no party is none: 联组|会议, 协商)
    ends = [h.end() for h in heads.finditer(head)
            if not head.endswith(_NON_ACTOR_WORDS, 0, h.end())]
    if len(ends) > 1 and "的" not in head:
        # 由国务院法制机构通知制定机关, 由用地单位组织…: the body ends at the head its own verb
        # follows (负责受理…的行政主管部门 keeps its relative clause)
        inner = set(ends[:-1])
        pos = 0
        toks = _pos(head)
        for i, ((word, _), (nxt, flag)) in enumerate(zip(toks, toks[1:])):
            pos += len(word)
            # (at a word's end, not inside 无人驾驶 or after the 者 of 或者; 人民政府出版行政
            # 部门, 人民政府统计机构: a government's department, named by its field; 检察官|
            # 遴选|委员会: a verb and a head word name one body; 董事会|向|公司登记机关: the
            # preposition's object is another body; not 与, which also joins two agents)
            if pos in inner and (flag == "v" and len(nxt) > 1 or nxt in ("向", "对")) \
                    and not word.endswith(_CONJUNCTION_TAILS) \
                    and not _HAS_DEPARTMENTS_RE.search(word) \
                    and not (i + 2 < len(toks) and _is_head_word(toks[i + 2][0])):
                return head[:pos]
    return head[: ends[-1]] if ends else ""


# the limits of a norm: 除…外, …的除外, 但(是)…
_EXCEPT_RE = re.compile(rules.skip_ahead(r"(?<![删消解排免清废开扣剔拆革])除[^。；]{1,80}?外"))
_UNLESS_RE = re.compile(r"[；，]([^；，。]{1,60}的除外)")
_BUT_RE = re.compile(r"[，；]\s*(但是|但)")
_UNLESS_END_RE = re.compile(r"的除外[。]?$")


def _exception_of(masked: str, text: str, s: int, e: int, next_sentence: tuple[int, int] | None
                  ) -> str:
    parts = []
    sentence = masked[s:e]
    # (each pattern holds 除 or 但: most sentences have neither and skip the searches)
    save = "除" in sentence
    m = _EXCEPT_RE.search(sentence) if save else None
    if m:
        parts.append(text[s + m.start(): s + m.end()])
    m = _UNLESS_RE.search(sentence) if save else None
    if m:
        parts.append(text[s + m.start(1): s + m.end(1)])
    m = _BUT_RE.search(sentence) if "但" in sentence else None
    if m:
        parts.append(text[s + m.start(1): e].strip())
    if next_sentence is not None:
        ns, ne = next_sentence
        body = masked[ns:ne].lstrip()
        if body.startswith(("但是", "但")) or (
                len(body) < 40 and _UNLESS_END_RE.search(body.rstrip())):
            parts.append(text[ns:ne].strip())
    # the patterns overlap (但是…的除外 matches two of them): keep each exception once
    trimmed = [p.rstrip("。；，") for p in parts if p]
    kept: list[str] = []
    for p in trimmed:
        if p not in kept and not any(p in q for q in trimmed if q != p):
            kept.append(p)
    return "；".join(kept)


_BUT_OPENS_RE = re.compile(r"\s*(但是|但)")
#: A definition: 是指 anywhere, or 所称 where a reference opens the sentence (本法所称…,
#: 前款所称…由…规定); 所称 inside a later noun phrase is an anaphor, and the sentence's own
#: modal still binds (当事人申请对接触前款所称证据的人员…，人民法院…应当准许).
_DEFINES_RE = re.compile(r"是指|^\W*(?:本|前|上述|第)[^，。；]{0,20}?所称")


def find_norms(
    text: str,
    aliases: Mapping[str, str] | None = None,
    chapeau: Sequence[Norm] | None = None,
    *,
    carry_actor: Sequence[str] | None = None,
) -> list[Norm]:
    """The norms in one clause text, in order of appearance.

    An actor is written as the text writes it, with the parentheses inside its name
    (乡（镇）人民政府, 县（市、区）人民政府).

    Args:
        text: a 款, 项 or any sentence(s) of regulatory text.
        aliases: long form → short name, from :func:`definitions` of the whole document
            (the text's own definitions are always added).
        chapeau: for an item, the norms of the chapeau that introduces it: the item inherits
            their actors, and their modality where it has no modal word of its own.
        carry_actor: raw actors carried from an earlier paragraph, used when the text names
            no subject at all.

    Returns:
        One :class:`Norm` per norm and actor (a norm binding two actors gives two).

    Example:
        >>> norms = find_norms("提供者发现违法内容的，应当及时采取处置措施，并向有关主管部门报告。")
        >>> [(n.actor, n.modality, n.condition) for n in norms]
        [('提供者', 'obligation', '提供者发现违法内容的')]
        >>> [(n.actor, n.modality) for n in find_norms("提供和使用服务，应当遵守法律。")]
        [('提供者', 'obligation'), ('使用者', 'obligation')]
    """
    norms = _find_norms(text, aliases, chapeau, carry_actor=carry_actor)
    if "（" not in text and "(" not in text:
        return norms  # (most clauses: no name with a parenthesis to restore)
    return _as_written(norms, _fold(text))


#: Words that introduce the items of a list (下列措施, 以下事项, 如下规定).
_LIST_INTRO_RE = re.compile(r"下列|以下(?!简称|称)|如下")


def _find_norms(
    text: str,
    aliases: Mapping[str, str] | None = None,
    chapeau: Sequence[Norm] | None = None,
    *,
    carry_actor: Sequence[str] | None = None,
) -> list[Norm]:
    """:func:`find_norms` with every actor squeezed (乡人民政府 for 乡（镇）人民政府): the grammar
    reads the text with its parentheticals blanked, so names carried in are squeezed too."""
    if not text or not text.strip():
        return []
    masked = _mask(text)
    chapeau = list(chapeau or [])
    chapeau_norm = next((n for n in reversed(chapeau) if n.modality != "penalty"), None)
    if chapeau_norm is None and not (
            _MODAL_RE.search(masked) or "违反" in masked or (
                _PENALTY_HINT.search(masked)  # a word every sanction phrase holds, first
                and (_PENALTY_RE.search(masked) or _PENALTY_BY_REFERENCE_RE.search(masked)))):
        # no modal word, sanction or 违反 anywhere (each segment's match is a match of the
        # whole text: the patterns never span punctuation): nothing below can make a norm,
        # and most of the time would go to tagging subjects for nothing
        return []
    own_defs = definitions(text) if "以下" in text else {}
    aliases = {**own_defs, **(aliases or {})}
    sentences = _sentences(masked)
    ctx = _Context(
        text=text,
        aliases=aliases,
        chapeau_actors=_unique([_squeezed_name(n.actor_raw or (n.actor or ""))
                                for n in chapeau if n.actor]),
        chapeau_norm=chapeau_norm,
        last_subject=[_squeezed_name(a) for a in carry_actor or []],
    )
    out: list[Norm] = []
    for si, (s, e) in enumerate(sentences):
        segs = _segments(masked, s, e)
        if not segs:
            continue
        if _BUT_OPENS_RE.match(masked[s:e]) and out:
            continue  # an exception sentence belongs to the norms before it
        nxt = sentences[si + 1] if si + 1 < len(sentences) else None
        ctx.exception = _exception_of(masked, text, s, e, nxt)
        subject = _memo(_sentence_subject, segs, len(segs), aliases, agents=not chapeau)
        ctx.last_subject = _Deferred(subject, ctx.last_subject)
        sentence = masked[s:e]
        # (是指/所称 and 制定本 are in every match: a plain test first)
        if (("是指" in sentence or "所称" in sentence) and _DEFINES_RE.search(sentence)) or (
                "制定本" in sentence and _ENACTING_RE.search(sentence)):
            # a definition (X，是指…; 前款所称较低数额罚款由…规定: no sanction is imposed)
            # or the purpose clause (…，制定本法。)
            continue
        triggers = _embedded_dropped(segs, _find_triggers(segs))
        # (no word every sanction holds in the sentence: no segment has one either)
        penalties, covered = _penalty_norms(
            segs, ctx, {t.seg for t in triggers if t.modality != "encouragement"}
        ) if _PENALTY_HINT.search(masked, s, e) else ([], set())
        out.extend(penalties)
        # an obligation word inside a liability clause binds too: the offender's duty to
        # make good (…的，应当恢复原状或者赔偿损失，并处罚款) or the authority's duty to
        # sanction (…的，应当依法给予处分): it is not a discretionary 可以
        triggers = [t for t in triggers if t.seg not in covered or _liability_duty(segs, t)
                    or _sentencing_discretion(segs, t)]
        if ctx.chapeau_norm is not None and not ctx.own_seen:
            # a sanction in an item of a duty list (应当采取下列措施：（一）…的，责令其停止…)
            # is what the chapeau's body must do: the item inherits across it
            # (so does one that opens with the sanction it names under a chapeau of another
            # kind: 可以…采取下列措施：（一）责令暂停部分业务 is one of the measures allowed)
            opening = _sanction_in(segs[0].text) if 0 in covered else None
            first = min([triggers[0].seg if triggers else len(segs),
                         *([] if ctx.chapeau_norm.modality == "obligation"
                           or (opening is not None and opening.start() == 0) else covered)])
            inherited = _inherited_norms(segs, first, bool(triggers), ctx)
            if not inherited and triggers and first == 0 and triggers[0].pos == segs[0].start \
                    and ctx.chapeau_norm.modality not in {t.modality for t in triggers} \
                    and not any(n.inherited for n in out):
                # an item that opens with a modal word of another kind is still one of the
                # listed items (应当履行下列义务：（六）不得在驻外工作期间辞职; 可以采取下列措施：
                # （四）禁止或者限制使用有关设备): the chapeau's norm covers it too (once per
                # item: a later sentence of an item that inherited already adds none)
                inherited = _inherited_norms(segs, len(segs), False, ctx)
            out.extend(inherited)
        own = _own_norms(segs, triggers, ctx, agents=not chapeau)
        out.extend(own)
        if own:  # the next sentence's subject-less norms keep this actor (if it has no subject)
            ctx.last_subject = _Deferred(
                _memo(lambda s, o: s() or _unique(n.actor_raw for n in o if n.actor_raw),
                      subject, own), ctx.last_subject)
    out.sort(key=lambda n: (n.start, MODALITIES.index(n.modality)))
    return out


@dataclass
class _Context:
    """What one clause's sentences share while :func:`find_norms` walks them."""

    text: str
    aliases: Mapping[str, str]
    chapeau_actors: list[str]
    chapeau_norm: Norm | None
    last_subject: list[str] | _Deferred
    exception: str = ""
    own_seen: bool = False  # an own modal word was met: no more chapeau inheritance


_UNSET: Any = object()


def _memo(func: Any, *args: Any, **kwargs: Any) -> Any:
    """``func(*args, **kwargs)`` as a thunk, computed on its first call only."""
    value = _UNSET

    def thunk() -> Any:
        nonlocal value
        if value is _UNSET:
            value = func(*args, **kwargs)
        return value

    return thunk


class _Deferred:
    """``compute() or fallback``, computed when first read (iterated).

    A sentence's subject is the actor of later subject-less norms only; most norms name
    their own actor, so the tagging it takes is done only when a norm asks for it.
    ``fallback`` is a list or another :class:`_Deferred` (the earlier sentences').
    """

    __slots__ = ("_compute", "_fallback", "_value")

    def __init__(self, compute: Any, fallback: list[str] | _Deferred) -> None:
        self._compute, self._fallback, self._value = compute, fallback, _UNSET

    def __iter__(self) -> Iterator[str]:
        # a loop, not recursion: a long clause chains one link per sentence
        pending: list[_Deferred] = []
        node: list[str] | _Deferred = self
        while isinstance(node, _Deferred) and node._value is _UNSET:
            found = node._compute()
            if found:
                node._value = found
                break
            pending.append(node)
            node = node._fallback
        value = node._value if isinstance(node, _Deferred) else node
        for link in pending:
            link._value = value
            link._compute = link._fallback = None  # type: ignore[assignment]
        return iter(value)


def _embedded_dropped(segs: Sequence[_Seg], triggers: list[_Trigger]) -> list[_Trigger]:
    """Drop modal words that are the content of an earlier norm, not a norm of their own.

    ``应当提供显著标识功能，并提示使用者可以进行显著标识``: 可以 is what the 提供者 must say.
    """
    out: list[_Trigger] = []
    for t in triggers:
        if out:
            seg = segs[t.seg]
            prefix = _ALSO_LEAD_RE.sub("", seg.text[: t.pos - seg.start])
            toks = _pos(prefix) if prefix else ()
            if toks and toks[0][1] == "v" and _is_actorish(prefix) and not (
                    prefix == seg.text[: t.pos - seg.start] and "的" in prefix
                    and _RELATIVE_ACTOR_RE.fullmatch(prefix.strip())):
                # (a clause of its own opening with a relative clause is a subject:
                # …应当进驻施工现场，派驻施工现场的总监理工程师应当…)
                continue
        out.append(t)
    return out


def _by_actor(raw_actors: Sequence[str], aliases: Mapping[str, str]) -> list[str]:
    """Raw actors with one per normalised actor (网信部门和有关部门 → one 主管部门)."""
    seen: set[str | None] = set()
    out = []
    for raw in raw_actors:
        norm = normalize_actor(raw, aliases)
        if norm not in seen:
            seen.add(norm)
            out.append(raw)
    return out


def _close(seg: _Seg) -> int:
    """End offset of a segment, its closing 。；！？ included."""
    return seg.end + (1 if seg.punct and seg.punct in "。；！？" else 0)


def _conditions(ctx: _Context, segs: Sequence[_Seg]) -> str:
    return "，".join(ctx.text[x.start:x.end] for x in segs if x.is_condition)


def _sanctions_in(text: str) -> Iterator[re.Match[str]]:
    """The sanction phrases of a clause that imposes them.

    Not one inside a relative clause (判处死刑缓期二年执行的案件), an exception
    (除有减轻处罚情节外) or a negation (不予追究刑事责任, 不承担赔偿责任: an exemption).
    """
    if not _PENALTY_HINT.search(text):
        return
    for hit in _PENALTY_RE.finditer(text):
        if "的" in text[hit.end():] and not _OWNED_LICENCE_RE.search(text, hit.end()) and not (
                hit.group(0).startswith(("给予", "予以", "处以"))
                and _SANCTION_HEAD_RE.search(text, hit.end())) and not (
                hit.group(0) == "责令" and (_ORDERED_ACT_RE.match(text, hit.end())
                                           or _RESTITUTION_RE.match(text, hit.end()))):
            continue
        if _SAVE_OPEN_RE.search(text[: hit.start()]) and "外" in text[hit.end():]:
            continue
        if _NEGATED_RE.search(text[: hit.start()]):
            continue
        if hit.group(0) == "责令" and text.endswith("采取", 0, hit.start()):
            continue  # 采取责令…停产等(应急)措施: a measure the body takes, named as a noun
        if _CIVIL_LIABILITY_RE.search(hit.group()) and (
                _modal_before(text, hit.start(), _BINDING_WORDS)
                or _CLAIMED_RE.search(text, 0, hit.start())):
            continue
        if hit.group().startswith("追究") and _CLAIMED_RE.search(text, 0, hit.start()):
            continue  # 有权要求追究…的责任: a right to ask for a sanction, none imposed
        yield hit


#: An exception clause that is itself a sanction by reference to the rules it names (除依照
#: 有关法律法规规定予以处罚外，还应当…): the offender is punished under them as well. A bare 依法
#: (除依法对违法行为人进行处罚外，…还可以责令…) names no rules: it only reserves other bodies'
#: powers, and the clause's own measure follows.
_EXCEPTED_BY_LAW_RE = re.compile(
    r"除[^，。；的]{0,30}?(?:依照|依据|按照)[^，。；]{0,40}?(?:规定|法|条例|办法|细则)[^，。；]{0,30}外$")


def _excepted_sanction(text: str) -> re.Match[str] | None:
    """The sanction of a ``除依照…处罚外`` clause (``text`` is the whole clause), or None: the
    sanction must end the clause (除有减轻处罚情节外 names a circumstance, not a sanction).

    Example:
        >>> _excepted_sanction("除依照有关法律、行政法规的规定给予行政处罚外").group(0)
        '给予行政处罚'
        >>> _excepted_sanction("除依照本法规定可以从轻处罚的情形外") is None
        True
        >>> _excepted_sanction("除依法对违法行为人进行处罚外") is None
        True
    """
    if not text.startswith("除") or not _EXCEPTED_BY_LAW_RE.match(text):
        return None
    hit = _PENALTY_RE.search(text)
    if hit is None or "的" in text[hit.end():] or text[hit.start() - 1] == "的" \
            or _MODAL_RE.search(text, 0, hit.start()):
        return None  # (除依照…规定当场收缴的罚款外: the fine is a thing, not imposed)
    return hit


def _sanction_in(text: str) -> re.Match[str] | None:
    """The first of :func:`_sanctions_in`, or None."""
    return next(_sanctions_in(text), None)


#: A 的 that ends in the licence a sanction takes away is a possessive inside its object
#: (吊销有关机构或者责任人员的执业许可证件), not a relative clause (被吊销许可证件的; 判处…的案件).
_OWNED_LICENCE_RE = re.compile(
    r"的[^的，。；：]{0,12}(?:证|执照|证书|证件|许可|资格|资质)[。；，：]?$")
#: A 的 before the sanction noun itself, after 给予/予以/处以, ends a list of sanctions, not a
#: relative clause (给予警告、罚款和停业整顿的处罚; not 给予警告处分的人员, nor 实施罚款的行政处罚,
#: which names the act of a body).
_SANCTION_HEAD_RE = re.compile(r"的(?:行政|纪律)?(?:处罚|处分)[。；，]?$")
#: What 责令 orders, when a 的 inside it modifies the object of the act ordered (责令停止产生职业病
#: 危害的作业, 责令拆除违法建设的设施): a stop/undo verb first and a noun after the last 的, not a
#: relative clause on what was ordered (责令改正的期限, 责令停产停业的企业).
_ORDERED_ACT_RE = re.compile(
    r"(?:其)?(?:立即|限期)?(?:停止|拆除|恢复|消除|清除|撤回|召回|退还|收回)[^，。；]*?的"
    r"[^的，。；]*?(?:作业|活动|行为|设施|建筑物|构筑物|产品|物品|设备)[。；，]?$")
#: An order to give back what was taken (责令退回违法所得的款物, 责令退还非法占用的土地): the 的
#: inside it modifies what is given back; not a relative clause on a time or a document
#: (责令退还的期限) nor on the party (被责令 is excluded before the match).
_RESTITUTION_RE = re.compile(
    r"(?:其)?(?:立即|限期)?(?:退还|退回|返还|退赔)[^，。；]*?的"
    r"[^的，。；]*?(?<!期限|日期|时间|决定|通知|情形|情况)[。；，]?$")
#: Civil liability is owed to the injured party. Bound by a modal word (应当依法承担赔偿责任) it
#: is the object of that duty, not one more sanction; without one it stays a liability clause.
_CIVIL_LIABILITY_RE = re.compile(r"赔偿责任|民事责任|侵权责任|连带责任")
#: The words that bind a party to the act that follows them in its clause.
_BINDING_WORDS = frozenset(("应当", "应", "必须"))
_ORDERING_WORDS = _BINDING_WORDS | {"可以", "有权"}


def _modal_before(text: str, end: int, words: Collection[str]) -> bool:
    """Whether one of ``words`` stands in ``text[:end]`` (one clause) as a modal word: the
    modal-words table decides (应急管理部门, 相应, 供应 hold none).

    Example:
        >>> _modal_before("由应急管理部门责令", 7, _BINDING_WORDS)
        False
        >>> _modal_before("公安机关应当责令", 6, _BINDING_WORDS)
        True
    """
    return any(m.group(0) in words for m in _MODAL_RE.finditer(text, 0, end))
#: Civil liability that a party claims (有权请求侵权人承担侵权责任, 主张…承担惩罚性赔偿责任) is
#: the content of a right, not a sanction the clause imposes.
#: (not when a court rules on the claim: 根据原告请求依法判决被告承担赔偿责任)
_CLAIMED_RE = re.compile(r"(?:请求|主张|要求)(?:(?!判决|判令|裁定|责令)[^，。；])*$")
#: A liability negated: 不予追究, 依法不承担, 免予处罚 (an exemption, not a penalty).
_NEGATED_RE = re.compile(r"(?:不予|不|免予|免于|免除|无须|不再|可以不|可不)(?:依法)?$")
#: Criminal sentences, which only a court imposes: their actor is 人民法院 when none is written.
#: (以…罪论处, 以共同犯罪论处, 以受贿论处: punished as that crime, a conviction like 定罪处罚)
_CRIMINAL_RE = re.compile(r"有期徒刑|无期徒刑|死刑|拘役|管制|罚金|没收财产|定罪|判处|量刑|"
                          r"(?:罪|犯|受贿|行贿|贪污)[^，。；]{0,4}?论处")
_COURT = "人民法院"


def _penalty_norms(segs: Sequence[_Seg], ctx: _Context, duties: Collection[int] = frozenset()
                   ) -> tuple[list[Norm], set[int]]:
    """One penalty norm per ``；``-part that names a sanction; also the segments covered.

    ``duties``: the segments that hold a modal word of a norm (see :func:`_sanction_parts`).
    """
    out: list[Norm] = []
    covered: set[int] = set()
    # every sanction below is a match of one of these in one segment; most sentences have none
    if not any(_PENALTY_HINT.search(x.text) and (
            _PENALTY_RE.search(x.text) or _PENALTY_BY_REFERENCE_RE.search(x.text))
               for x in segs):
        return out, covered
    authority = ""
    # earlier parts whose duty may lend its authority to a later sanction (see _enforcer),
    # read only when a sanction needs it: the subject lookup is not cheap
    lenders: list[tuple[int, int]] = []
    # (kept apart: an excepted sanction is no earlier sanction of the sentence's own)
    excepted_norms: list[Norm] = []
    for pi, (a, b) in enumerate(_sanction_parts(segs, duties)):
        start = segs[a].start if pi else segs[0].start
        end = _close(segs[b - 1])
        part_text = "".join(x.text + x.punct for x in segs[a:b])
        offsets = _part_offsets(segs, a, b)  # each segment's place in part_text
        bodies = _bodies(part_text) if _BODY_INTRO_RE.search(part_text) else []
        if len(bodies) > 1 and any(x.is_condition for x in segs[a:b]):
            # a body named inside the offence (应移交司法机关查处…，不按规定移送…的) is what the
            # offender failed to involve; a body named after it imposes the sanction
            # (the offence: the part up to the end of its first run of conditions; 由X责令改正，
            # 拒不改正的，由Y处罚款 keeps X)
            offence_end = 0
            for k in range(a, b):
                if segs[k].is_condition:
                    offence_end = offsets[k] + len(segs[k].text)
                elif offence_end:
                    break
            bodies = [(p, x) for p, x in bodies if p >= offence_end] or bodies
        for k in range(a, b):
            # 除依照…规定予以处罚外: a penalty under other rules, their bodies unnamed here; it
            # covers nothing (…，还应当承担连带责任 stands beside it)
            excepted = _excepted_sanction(segs[k].text) if segs[k].text[0] == "除" else None
            if excepted is not None:  # (除由市场监督管理部门依照本法处罚外: that body's)
                raw = next((x for at, x in _bodies(segs[k].text) if at < excepted.start()), "")
                excepted_norms.append(_penalty(ctx, segs, k, excepted, raw, start, end,
                                               _conditions(ctx, segs[a:k])))
                # (and only that one's: the clause's own sanction is another body's, 除由…
                # 处罚外，卫生行政部门可以吊销…)
                at = offsets[k]
                bodies = [(p, x) for p, x in bodies if not at <= p < at + len(segs[k].text)]
        first_body = bodies[0][1] if bodies else ""
        hit, hk = None, a
        for k in range(a, b):
            if not segs[k].is_condition:
                hit = _sanction_in(segs[k].text)
                if hit:
                    hk = k
                    break
        if hit is None:
            # 违反本规定第六条…的，…予以处理 / 依照其规定: a sanction by reference, after the
            # offence (依法处理违反…的行为 in a list of duties is a task, not a sanction)
            for k in range(a, b):
                if segs[k].is_condition:
                    continue
                hit = _PENALTY_BY_REFERENCE_RE.search(segs[k].text)
                if hit and _MODAL_RE.search(segs[k].text[: hit.start()]):
                    hit = None  # 有权提请有关部门予以处理: a right, not a sanction
                if hit:
                    before = "".join(x.text for x in segs[:k]) + segs[k].text[: hit.start()]
                    offence = "违反" in before or (hit.group(0).endswith("处理") and any(
                        x.is_condition for x in segs[a:k]))
                    if offence:
                        hk = k
                        break
                    hit = None
        if hit is None:
            authority = _lend(lenders, a, b, first_body, authority)
            continue
        if not out and hit.group(0).startswith("责令") and _modal_before(
                segs[hk].text, hit.start(), _ORDERING_WORDS) and not any(
                _sanction_in(x.text.replace("责令", "")) for x in segs[a:b]) and not (
                _ORDER_TO_STOP_RE.match(segs[hk].text, hit.start()) and any(
                    "违反" in x.text for x in segs[:hk] if x.is_condition)):
            # 教育行政部门应当责令父母…: a duty to order, not a sanction clause, unless it
            # orders the offender to stop (发现…违反本规定第八条的规定的，应当责令其停止…)
            authority = _lend(lenders, a, b, first_body, authority)
            continue
        # a body named after the first sanction (责令关闭，…由发证机关依法吊销…) imposes only
        # what follows it: the first sanction keeps the body before
        # (a body the case is handed to before the sanction imposes it: 由X将案件移送公安机关，
        # 对…处…拘留 is detention by the police)
        handed = _handed_to(bodies, part_text, offsets[hk] + hit.start())
        own_body = handed or next((x for at, x in bodies if at < offsets[hk] + hit.start()), "")
        ordered = _ORDERED_BY_RE.match(segs[hk].text[: hit.start()])
        if not own_body and ordered and _is_actorish(ordered.group(1)):
            own_body = ordered.group(1)  # 经煤矿安全监察机构责令…: the body that orders
        authority = own_body or authority
        if own_body:
            lenders.clear()
        covered.update(range(a, b))
        # (…的，没收违法所得，由公安机关处…罚款 with no body before: the body named)
        if not own_body:
            # the authority that opens the clause or the sentence is the sanction's actor
            # (…，国家食品药品监督管理局将…给予批评; 工商行政管理部门处理…时，…责令…)
            # (only a …时 clause: a …的 condition names the offender, not the authority)
            # (a …的 condition only when the body makes an official finding in it:
            # 主管部门发现…不再具备…条件的，…责令关闭)
            opener = _opening_authority(segs[hk].text[: hit.start()]) or next(
                (_opening_authority(x.text) for x in segs[:hk] if x.is_condition
                 and (x.text.rstrip().endswith("时") or _finds(x.text) or (
                     _FINDS_RE.match(x.text, len(_opening_authority(x.text)))
                     and not _NEGLECT_RE.search(x.text)))
                 and _opening_authority(x.text)), "")
            # (an authority that acts in a clause of its own before the sanction: …的，公安机关
            # 交通管理部门不予受理或者不予登记，处…罚款)
            opener = opener or next((x for x in (_acting_authority(y.text) for y in segs[a:hk]
                                                 if not y.is_condition) if x), "")
            # (or one bound by a modal word before it in the part: 公安机关应当对违法行为人进行
            # 批评教育，责令改正; 监督检查部门应当没收违法所得)
            # (not a liability the subject bears, nor a criminal sentence: 专业机构应当对…结果
            # 承担法律责任)
            if not _BORNE_RE.search(hit.group(0)):
                opener = opener or _enforcer(segs, a, hk + 1, duties, hit.start()) or next(
                    (x for x in (_enforcer(segs, c, d, duties) for c, d in reversed(lenders))
                     if x), "")
            lenders.clear()
            authority = opener or authority or first_body
        # criminal liability is the judiciary's: the body named for an earlier part's sanction
        # (由其所在单位给予处分；构成犯罪的，依法追究刑事责任) does not impose it
        # (nor civil liability, which the offender bears: 造成损失的，依法承担赔偿责任)
        carried = "" if pi and not own_body and _LIABILITY_RE.search(hit.group(0)) else authority
        sanctions = [(hk, hit, carried)]
        # one ；-part may hand a later sanction to another body (…处以罚款…，移送工商行政管理
        # 机关吊销营业执照): one penalty per body, each with its own actor
        for k in range(hk, b):
            if segs[k].is_condition:
                continue
            for later in _sanctions_in(segs[k].text):
                if k == hk and later.start() <= hit.start():
                    continue
                pos = offsets[k] + later.start()
                body = [x for at, x in bodies if at < pos]
                if body and body[-1] not in [x for _, _, x in sanctions]:
                    sanctions.append((k, later, body[-1]))
        for k, h, raw in sanctions:
            out.append(_penalty(ctx, segs, k, h, raw, start, end, _conditions(ctx, segs[a:hk])))
        # a later part without a body takes this part's (its transferee's, if it handed over)
        authority = handed or first_body or authority
        if first_body:
            lenders.clear()
    return out + excepted_norms, covered


def _lend(lenders: list[tuple[int, int]], a: int, b: int, first_body: str, authority: str
          ) -> str:
    """The authority after a part with no sanction: its first body, else the one before
    (and the part joins ``lenders``: its duty's authority, if any, is read when needed)."""
    if first_body and _AUTHORITY_RE.search(first_body):
        lenders.clear()
        return first_body
    # (a unit is no authority: 由有关单位给予批评教育；…，依法给予治安管理处罚 — its own part
    # only; the police impose the second)
    lenders.append((a, b))
    return authority


#: Sanctions no authority of the sentence imposes by being bound to act: a liability its
#: subject bears (承担法律责任) and criminal sentences (a court's).
_BORNE_RE = re.compile("承担|刑事责任|" + _CRIMINAL_RE.pattern)


def _enforcer(segs: Sequence[_Seg], a: int, b: int, duties: Collection[int],
              sanction_at: int = -1) -> str:
    """The public authority bound by a modal norm of ``segs[a:b]`` (交通警察应当责令当事人
    撤离现场), or '': a later sanction of the sentence that names no body is its to impose
    (…；造成交通堵塞的，对驾驶人处以200元罚款). A private party bound there (当事人应当…)
    imposes nothing, nor does a body in an offence (负责审批…的机关违反…的).

    ``duties``: segments holding a norm's modal word; only a modal auxiliary counts (应当,
    可以…, not 负责 or 负有…职责, which name a body). In the sanction's own segment
    (``segs[b - 1]`` when ``sanction_at`` >= 0) the modal word must govern the sanction
    (监督检查部门应当没收违法所得), not a clause that merely mentions one (代收机构应当具备…
    网点，以方便当事人缴纳罚款).
    """
    for k in range(b - 1, a - 1, -1):  # the nearest before the sanction first
        x = segs[k]
        if k not in duties:
            continue
        modal = next((m for m in _MODAL_RE.finditer(x.text) if m.group(0) in _ALL_MODAL_WORDS
                      and m.group(0) not in _DUTY_WORDS), None)
        if modal is None or (sanction_at >= 0 and k == b - 1
                             and not 0 <= sanction_at - modal.end() <= 8):
            continue
        prefix = _squeeze(x.text[: modal.start()])
        if not prefix and k > a and not segs[k - 1].is_condition:
            # the authority set off by a comma before the modal clause, alone or with the
            # party it acts on (主管部门对违反…的企业…，可视其情节轻重，予以警告或罚款处分)
            topic = _squeeze(segs[k - 1].text)
            lead = _opening_authority(topic)
            if lead and len(topic) <= 24 and _AUTHORITY_END_RE.search(topic):
                return topic
            if lead and topic[len(lead):].startswith("对"):
                return lead
        if not _AUTHORITY_RE.search(prefix) or _PREP_RE.match(prefix) \
                or _BODY_INTRO_RE.match(prefix):
            continue  # (cheap: no authority head before the modal word, no tagging)
        # the subject before the modal word, not a phrase running past it; the words before
        # it when the tagger cuts no subject (地震|工作|主管部门 opens with a verbal noun)
        if len(prefix) <= 24 and _AUTHORITY_END_RE.search(prefix):
            return prefix
        lead = _opening_authority(x.text[: modal.start()])
        if lead:
            return lead
    return ""


def _stands_as_duty(seg: _Seg) -> bool:
    """True when ``seg`` (which holds a modal word) is no sanction clause: no sanction, or an
    order bound by a modal word (人民法院应当责令债务人…提交…材料)."""
    hit = _sanction_in(seg.text)
    return hit is None or (hit.group(0).startswith("责令") and _modal_before(
        seg.text, hit.start(), _BINDING_WORDS)
        and _sanction_in(seg.text.replace("责令", "")) is None)


def _sanction_parts(segs: Sequence[_Seg], duties: Collection[int]) -> list[tuple[int, int]]:
    """The ``；``-parts of a sentence, each cut again where a condition of defiance follows a
    modal norm (``duties``: segments holding its modal word): the sanction after it (…应当责令
    债务人提交…，债务人拒不提交的，…罚款) opens a penalty of its own and does not swallow the
    duty before it.

    Only a segment that is itself no sanction clause counts as the duty (由…责令改正，拒不
    改正的，处…罚款 stays one liability clause), and only a defiance of it (拒不…的, 逾期不…
    的: rules/defiance.tsv), not any condition (…，有违法所得的，没收违法所得).
    """
    out = []
    for a, b in _parts(segs):
        cut = a
        for k in range(a + 1, b):
            if (segs[k].is_condition and not segs[k - 1].is_condition and k - 1 in duties
                    and _DEFIANCE_RE.search(segs[k].text) and _stands_as_duty(segs[k - 1])):
                out.append((cut, k))
                cut = k
        out.append((cut, b))
    return out


def _liability_duty(segs: Sequence[_Seg], t: _Trigger) -> bool:
    """True when modal word ``t``, inside a liability clause, states a duty of its own.

    Only a modal verb of obligation counts (a 负责 there names a body: 由负责接收…的部门),
    and not when a condition follows it in its ``；``-part (不履行…职责，应收不收，经批评教育
    仍不改正的，…: the offence) or when it stands inside the sanction (处应缴…费一倍的罚款).
    """
    if t.modality != "obligation" or t.word in _DUTY_WORDS:
        return False
    seg = segs[t.seg]
    hit = _sanction_in(seg.text)
    if (hit and seg.start + hit.start() < t.pos) or seg.text[t.pos - seg.start - 1:
                                                             t.pos - seg.start] == "处":
        return False
    for a, b in _parts(segs):
        if a <= t.seg < b:
            return not any(x.is_condition for x in segs[t.seg + 1: b])
    return True


#: A sentencing adjustment right after 可以 (可以酌情从重处罚, 可以从轻或者减轻处罚).
_ADJUSTMENT_RE = re.compile(r"(?:酌情|依法)?(?:从重|从轻|减轻|免除)")


def _sentencing_discretion(segs: Sequence[_Seg], t: _Trigger) -> bool:
    """True when 可以/可 opens a sentencing adjustment (具有下列情形之一的，可以酌情从重处罚):
    the court's discretion is a permission of its own, beside the penalty the clause names."""
    if t.modality != "permission":
        return False
    seg = segs[t.seg]
    return bool(_ADJUSTMENT_RE.match(seg.text, t.end - seg.start))


#: Criminal and civil liability: no administrative body of an earlier part imposes it.
_LIABILITY_RE = re.compile(r"刑事责任|赔偿责任|民事责任|连带责任")
#: An official finding by the body that opens a condition (…部门发现/认定/查明…的), not a
#: failure of its own (发现…不予查处的, 未发现…的: the body is then the offender).
_FINDING_RE = re.compile(r"发现|认定|查明|查实|确认|检查发现|核查|经检查|经核查|接到|收到")
_FAILURE_RE = re.compile(r"不|未|拒绝|拒不|隐瞒|擅自|违反|违法|滥用|玩忽|徇私")


#: A body's failure to act on what it found (发现…不予查处的): the body is then the offender.
_NEGLECT_RE = re.compile(r"(?:不予|未|没有|拒不|不)(?:依法)?(?:查处|处理|处罚|报告|制止)")


def _finds(text: str) -> bool:
    """True when the body opening ``text`` makes an official finding (…部门发现…的)."""
    lead = _leading_actor(text)
    rest = _squeeze(text)[len(lead):] if lead else ""
    m = _FINDING_RE.search(rest)
    return bool(m) and m.start() <= 2 and not _FAILURE_RE.search(rest[: m.end() + 1]) \
        and not _NEGLECT_RE.search(rest)


def _part_offsets(segs: Sequence[_Seg], a: int, b: int) -> dict[int, int]:
    """Offset of each segment's text in ``"".join(x.text + x.punct for x in segs[a:b])``."""
    out, pos = {}, 0
    for k in range(a, b):
        out[k] = pos
        pos += len(segs[k].text) + len(segs[k].punct)
    return out


def _opening_authority(text: str) -> str:
    """A public body that is the subject opening ``text`` (工商行政管理部门处理…时), or ''."""
    lead = _leading_actor(text)
    return lead if lead and _AUTHORITY_END_RE.search(lead) else ""


#: An authority's own administrative act (不予受理, 撤销登记, 收缴…): it acts on the offence.
_OFFICIAL_ACT_RE = re.compile(
    r"(?:应当|可以|依法|并|即)*(?:不予(?:受理|登记|批准|许可|核准|注册|办理|发放|颁发|认可)|"
    r"撤销|注销|收缴|收回|吊销|责令|没收|扣留|暂扣|取消|宣布)")


def _acting_authority(text: str) -> str:
    """The authority opening ``text`` when the clause is its administrative act, or ''.

    Example:
        >>> _acting_authority("公安机关交通管理部门不予受理或者不予登记")
        '公安机关交通管理部门'
        >>> _acting_authority("行政机关及其工作人员违反本法规定")
        ''
    """
    lead = _opening_authority(text)
    if not lead:
        return ""
    rest = _squeeze(text)[len(_squeeze(lead)):]
    return lead if _OFFICIAL_ACT_RE.match(rest) else ""


def _penalty(ctx: _Context, segs: Sequence[_Seg], k: int, hit: re.Match[str], raw: str,
             start: int, end: int, condition: str) -> Norm:
    # 处五日以上十五日以下拘留 → 拘留: the trigger is the sanction word itself
    tail = re.search(r"(?:有期徒刑|无期徒刑|死刑|拘役|管制|罚金|拘留|没收财产)$", hit.group(0))
    core = tail.start() if tail and hit.group(0)[0] in "处并单判" else 0
    trigger = ctx.text[segs[k].start + hit.start() + core: segs[k].start + hit.end()]
    raw = _squeeze(raw)  # (a body read from the masked clause: 乡（镇）人民政府 has blanks)
    actor = normalize_actor(raw, ctx.aliases) if raw else None
    if actor is None and _CRIMINAL_RE.search(trigger):
        actor = _COURT  # a criminal sentence: only a court imposes it
    return _norm(actor=actor, modality="penalty", trigger=trigger, text=ctx.text[start:end],
                 condition=condition, exception=ctx.exception, start=start, end=end,
                 actor_raw=raw)


def _inherited_norms(segs: Sequence[_Seg], first: int, has_own: bool, ctx: _Context
                     ) -> list[Norm]:
    """An item's clauses before its own first modal word, under the chapeau's modality."""
    chapeau = ctx.chapeau_norm
    assert chapeau is not None
    # a guiding-principle opener (坚持…，不得…) frames the item's own norm: no duty of its own
    body = [x for x in segs[:first]
            if not x.is_condition and not (has_own and _PRINCIPLE_RE.match(x.text))]
    if not body:
        return []
    start, end = body[0].start, _close(body[-1])
    return [
        _norm(
            actor=normalize_actor(raw, ctx.aliases),
            modality=chapeau.modality,
            trigger=chapeau.trigger,
            text=ctx.text[start:end],
            condition=_conditions(ctx, segs[:first]),
            exception=ctx.exception,
            start=start,
            end=end,
            actor_raw=raw,
            inherited=True,
        )
        for raw in _by_actor(ctx.chapeau_actors, ctx.aliases) or [""]
    ]


def _own_norms(segs: Sequence[_Seg], triggers: Sequence[_Trigger], ctx: _Context,
               agents: bool) -> list[Norm]:
    """One norm per modal word (and actor); its scope runs to the next modal word."""
    out: list[Norm] = []
    previous: list[str] = []
    for ti, t in enumerate(triggers):
        ctx.own_seen = True
        nxt = triggers[ti + 1] if ti + 1 < len(triggers) else None
        if ti == 0 and ctx.chapeau_norm is None:
            start = segs[0].start  # the whole sentence: subject and conditions included
        else:
            k = t.seg
            while k > 0 and segs[k - 1].is_condition:
                k -= 1
            start = segs[k].start
            if ti and k <= triggers[ti - 1].seg:
                start = segs[t.seg].start
        if nxt is None:
            end = _close(segs[-1])
        elif nxt.seg > t.seg:
            end = segs[nxt.seg - 1].end
        else:
            end = nxt.pos
        # 禁止…/严禁… opening a sentence binds everyone, not the last sentence's subject
        impersonal = ti == 0 and t.word in ("禁止", "严禁") and t.pos == segs[0].start
        floor = triggers[ti - 1].seg if ti else -1
        own = _actors_for(t, segs, ctx.aliases, agents=agents, floor=floor)
        if t.modality == "encouragement" and own and not any(
                a in x.text for a in own for x in segs[: t.seg + 1] if not x.is_condition):
            own = []  # 农民自建住宅的，鼓励…: the party of a condition is not the encourager
        if t.modality == "encouragement" and own and not any(_STATE_RE.search(a) for a in own):
            continue  # 其工作人员引导消费者…: a private actor's deed, not a policy
        if own and ctx.chapeau_actors and not any(_is_actorish(a) for a in own):
            own = []  # an item's document or thing (决定书应当…) binds the chapeau's actor
        judicial = t.modality in ("permission", "obligation") and _DISPOSITION_RE.match(
            ctx.text, t.end)
        if judicial and not (own and any(a in segs[t.seg].text for a in own)) and not any(
                _AUTHORITY_END_RE.search(a) for a in own or previous or ctx.last_subject):
            # 行为人…悔罪的，可以从轻处罚 / 可以不起诉: only a court or procuratorate (or the
            # authority the text already names) disposes of the offender a condition names;
            # with no such body, the norm names none
            raw_actors = []
        elif t.modality == "encouragement":
            # 鼓励…/支持… with no subject of its own is the state's policy, whoever the
            # previous sentence spoke of
            raw_actors = own or previous or list(ctx.chapeau_actors) or ["国家"]
        elif not own and not ctx.chapeau_actors and _thing_subject(
                segs[t.seg].text[: t.pos - segs[t.seg].start]):
            # 电梯安全信息应当包括…: a thing is the subject; no party of an earlier sentence
            # or 款 is carried to it (an item's thing binds its chapeau's actor, above)
            raw_actors = []
        else:
            raw_actors = (own or previous
                          or ([] if impersonal else list(ctx.last_subject))
                          or list(ctx.chapeau_actors))
        previous = raw_actors
        for raw in _by_actor(raw_actors, ctx.aliases) or [""]:
            out.append(_norm(
                actor=normalize_actor(raw, ctx.aliases),
                modality=t.modality,
                trigger=ctx.text[t.pos:t.end],
                text=ctx.text[start:end],
                condition=_conditions(ctx, segs[: t.seg]),
                exception=ctx.exception,
                start=start,
                end=end,
                actor_raw=raw,
            ))
    return out


#: A disposition of an offender that only a court or procuratorate makes, right after the
#: modal word (可以从轻处罚, 应当减轻处罚, 可以不起诉, 可以免予刑事处罚, 可以认定为…, 可以不作为犯罪
#: 处理), or a ruling on a party's claim (…请求…的，应予支持 / 应予准许); not a party's own act
#: (可以申请人民法院强制执行).
_DISPOSITION_RE = re.compile(
    r"(?:酌情|依法|分别)?(?:从重|从轻|减轻|从宽|免除处罚|免除刑事处罚|免予(?:刑事)?处罚|免于(?:刑事)?处罚|"
    r"不起诉|不作为犯罪处理|(?:不)?认定为|不予追究刑事责任|"
    r"予(?:支持|准许|驳回))")


#: Tags of the words a thing subject is made of (电梯|安全|信息, 本市…销售的|燃气|器具).
_THING_FLAGS = ("n", "nz", "nt", "ns", "nr", "j", "an", "b", "vn", "f", "m", "q", "ng", "l", "v",
                "uj", "x", "c")


def _thing_subject(prefix: str) -> bool:
    """True when ``prefix`` (the words before a modal word) is a noun phrase naming no party.

    Example:
        >>> _thing_subject("电梯安全信息"), _thing_subject("经营者"), _thing_subject("必要时")
        (True, False, False)
    """
    p = _ADVERB_TAIL_RE.sub("", _squeeze(prefix)).strip()
    if len(p) < 2 or _PREP_RE.match(p) or _is_actorish(p) or re.match(r"但|如|若|凡|其", p) \
            or re.search(r"(?:时|时候|后|前|中|期间|以前|以后|之前|之后|内)$", p):
        return False  # (销售时应当…: a time, the subject is the sentence's)
    toks = _pos(p)
    if not toks or toks[0][1] not in ("n", "nz", "nt", "ns", "j", "an", "b", "vn", "l") \
            or toks[-1][1] not in ("n", "nz", "nt", "ns", "j", "an", "vn", "l", "ng"):
        return False  # 采取…: a verb phrase; 必要时, 今后: time, not a subject
    if any(f not in _THING_FLAGS for _, f in toks):
        return False
    # a plain verb only inside a relative clause (…销售的燃气燃烧器具)
    return all(f != "v" or "的" in p[p.find(w):] for w, f in toks)


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for x in items:
        if x and x not in seen:
            seen.append(x)
    return seen


def _parts(segs: Sequence[_Seg]) -> list[tuple[int, int]]:
    """Index ranges of the ``；``-separated parts of a sentence."""
    out = []
    a = 0
    for k, seg in enumerate(segs):
        if seg.punct == "；":
            out.append((a, k + 1))
            a = k + 1
    if a < len(segs):
        out.append((a, len(segs)))
    return out


def _sentence_subject(segs: Sequence[_Seg], upto: int, aliases: Mapping[str, str],
                      agents: bool = True) -> list[str]:
    """The explicit subject of the first clauses of a sentence (before index ``upto``)."""
    for k in range(min(upto, len(segs))):
        seg = segs[k]
        m = _MODAL_RE.search(seg.text)
        if m:
            subj = _subject_before(seg.text[: m.start()])
            return _split_actors(subj, aliases) if subj else []
        if not agents:
            continue  # inside an item only a written-out subject before a modal word counts
        subj = _leading_actor(seg.text)
        if subj:
            return _split_actors(subj, aliases)
        if k == 0:
            found = _agents_of_verb_phrase(seg.text)
            if found:
                return found
    return []


#: 由本人提出: the subject acts itself; 本人 names no other agent.
_REFLEXIVE_RE = re.compile(r"(?:其)?本人|自己")
#: 由…组成/担任: the members a body is made of or who holds a post, not an agent.
_MEMBERSHIP_RE = re.compile(r"(?:组成|构成|担任|兼任|充任)$")


def _head_before_verb(agent: str) -> str:
    """``agent`` cut where a head word is followed by a verb: the agent's name ends there.

    Example:
        >>> _head_before_verb("价格鉴证人员签名并加盖价格鉴证机构")
        '价格鉴证人员'
        >>> _head_before_verb("检察官遴选委员会")  # a verb before the head is part of the name
        '检察官遴选委员会'
    """
    if "并" in agent:  # 并 joins verbs, never nouns: 当事人协商一致并经… → 当事人
        agent = _leading_actor(agent[: agent.index("并")]) or agent
    toks = _np_pos(agent)
    pos = 0
    for i, (word, flag) in enumerate(toks[:-1]):
        pos += len(word)
        if (_is_head_word(word) or flag == "nag") and toks[i + 1][1] == "v" \
                and toks[i + 1][0] not in _ACTOR_WORDS:
            nxt = toks[i + 2][0] if i + 2 < len(toks) else ""
            if not _is_head_word(nxt) and "的" not in agent[pos:]:
                # (遴选|委员会: a verb naming the head; 国家授权…的机构: a relative clause)
                return agent[:pos]
    return agent


def _actors_for(t: _Trigger, segs: Sequence[_Seg], aliases: Mapping[str, str],
                agents: bool = True, floor: int = -1) -> list[str]:
    """Raw actors for a trigger: its own clause's subject, else an earlier clause's.

    ``agents`` is False inside an item: there only a subject written out counts, since the
    item's actor otherwise comes from its chapeau. ``floor`` is the segment of the previous
    modal word of the sentence: the clauses after it are that norm's objects, and only a
    condition (``…的，``) among them may name a new subject.
    """
    seg = segs[t.seg]
    prefix = seg.text[: t.pos - seg.start]
    # 搬运遗体由殡仪馆负责; 应当由两名以上交通警察…实施: the agent after 由 bears the duty,
    # even when the sentence opens with a noun (初任检察官应当由遴选委员会审核: the committee
    # reviews; the person named first is what the duty is about)
    after = seg.text[t.end - seg.start:]
    # (not after 不得: 费用不得由市场主体承担 forbids making the party bear it; the party is
    # whom the rule protects)
    by = _BY_AGENT_AFTER_RE.match(after) \
        if t.modality != "prohibition" else None
    if by and _MEMBERSHIP_RE.search(_CLAUSE_MARK_RE.split(after, maxsplit=1)[0]):
        by = None  # 业主委员会应当由五至十一名委员组成: who it is made of, not who acts
    agent_after = _head_before_verb(_agent_after_you(after)) if by else ""
    if agent_after and not _REFLEXIVE_RE.match(agent_after):
        return _split_actors(agent_after, aliases)
    subj = _subject_before(prefix) or _plain_np(prefix)
    if subj:
        return _split_actors(subj, aliases)
    agent = _agent_after_you(prefix)
    if agent and not _REFLEXIVE_RE.match(agent):
        return _split_actors(agent, aliases)
    # (a 在 phrase may be a relative clause on the subject: _leading_actor decides)
    if prefix.strip() and (not _PREP_RE.match(prefix.strip()) or prefix.strip()[0] == "在"):
        lead = _leading_actor(prefix)
        if lead:
            return _split_actors(lead, aliases)
        if agents and t.seg == 0:  # 提供生成式人工智能服务应当… → 提供者
            found = _agents_of_verb_phrase(_ADVERB_TAIL_RE.sub("", prefix.strip()))
            if found:
                return found
    bare = not _ADVERB_TAIL_RE.sub("", prefix.strip()).strip()
    # 经公安机关负责人批准，可以…: the organ whose head approves acts; it outranks the party of
    # a condition (外国人…的，经…批准，可以遣送出境), not a subject written out (侦查人员…)
    # (本机关, 行政机关: the organ is the one the sentence already names, when it names one)
    approver = _head_approver(prefix)
    adjacent = t.seg - 1  # the clause right before the modal word's (a 为… copula skipped)
    for k in range(t.seg - 1, -1, -1):
        other = segs[k]
        if _MODAL_RE.search(other.text) and not other.is_condition:
            break  # an earlier norm's clause: its subject is found by the caller
        if not approver and k >= t.seg - 2:
            approver = _head_approver(other.text)
            if approver:
                continue
        if approver and other.is_condition:
            continue
        if k > floor >= 0 and not other.is_condition and not any(
                segs[j].punct == "；" for j in range(floor, k)):
            continue  # (after a ；, a new part opens with its own subject)
        if bare and k == adjacent and not other.is_condition:
            if k and _COPULA_RE.match(_squeeze(other.text)):
                adjacent -= 1  # X的单位和个人，为…纳税人，应当…: the subject is before the 为
                continue
            founded = _FOUNDED_BODY_RE.match(_squeeze(other.text)) \
                if t.word.startswith("负责") else None
            if founded and _is_actorish(founded.group("body")):
                # 市人民政府设立名泉保护委员会，负责…: the body set up bears the duty that follows
                return _split_actors(founded.group("body"), aliases)
            # 电子信息发送服务提供者和应用软件下载服务提供者，应当…: the clause is the subject
            whole = _segment_subject(other.text)
            if whole:
                return _split_actors(whole, aliases)
        if agents or other.is_condition:
            lead = _leading_actor(other.text)
            if lead:
                return _split_actors(lead, aliases)
        if agents and not other.is_condition:
            agent = _agent_after_you(other.text)  # 保留价由人民法院…确定，并应当…
            if agent:
                return _split_actors(agent, aliases)
        if k == 0 and agents:
            found = _agents_of_verb_phrase(other.text) or _noun_before_verb(
                other.text, [x.text for x in segs[1:t.seg]])
            if found:
                return found
    if approver and not _SELF_ORGAN_RE.match(approver):
        return _split_actors(approver, aliases)
    return []  # (本机关: the caller's subject of the sentence before, or none)


#: 经…负责人批准: an organ's head approves what the organ does (经本机关负责人批准, 经县级以上
#: 公安机关主要负责人或者其授权的其他负责人批准).
_HEAD_APPROVAL_RE = re.compile(
    r"^经(?P<organ>[^，。；：经]{2,40}?)(?:主要)?负责人(?:或者其授权的其他负责人)?批准$")


_SELF_ORGAN_RE = re.compile(r"^(?:本|该)|^(?:行政)?(?:机关|单位|部门|机构)$")


def _head_approver(text: str) -> str:
    """The organ of ``经X负责人批准`` (X's head approves: X acts), or ''.

    Example:
        >>> _head_approver("经县级以上公安机关负责人批准"), _head_approver("经国务院批准")
        ('县级以上公安机关', '')
    """
    m = _HEAD_APPROVAL_RE.match(_squeeze(text))
    if not m or not _is_actorish(m.group("organ")) or re.match(r"上一?级", m.group("organ")):
        return ""  # (经上一级公安机关负责人批准: a superior approves what the lower organ does)
    return m.group("organ")


#: Tags of the nouns a plain subject is made of (乡镇 煤矿).
_SUBJECT_NOUN_FLAGS = ("n", "nag", "nz", "nt", "ns", "nr", "nrt", "j")
#: Nouns that close a nominalised verb phrase (数据处理活动): the verb is no predicate.
_ACTIVITY_NOUNS = ("活动", "行为", "工作", "业务", "服务", "过程", "情况", "事项", "项目")


def _noun_before_verb(text: str, later: Sequence[str] = ()) -> list[str]:
    """The subject of a clause that is noun(s), verb, object (乡镇煤矿开采煤炭资源，应当…).

    Only nouns (no head word needed: 煤矿, 消纳场), a verb of two characters or more and an
    object after it, or a coverb and its verb phrase (:func:`_coverb_subject`, given the
    ``later`` clauses); a nominalised phrase (数据处理活动) has no subject.

    Example:
        >>> _noun_before_verb("乡镇煤矿开采煤炭资源"), _noun_before_verb("数据处理活动")
        (['乡镇煤矿'], [])
    """
    coverb = _coverb_subject(_squeeze(text), later)
    if coverb:
        return [coverb]
    toks = _np_pos(_squeeze(text))
    nouns = []
    for word, flag in toks:
        if flag not in _SUBJECT_NOUN_FLAGS or (not nouns and _VIA_RE.match(word)):
            break  # (经审查|符合: the dictionary calls the phrase of 经 a noun)
        nouns.append(word)
    rest = toks[len(nouns):]
    if not nouns or len("".join(nouns)) < 2 or len(rest) < 2:
        return []
    if _ADVERB_TAIL_RE.fullmatch(nouns[0]) or _PLACE_END_RE.search(nouns[-1]):
        return []  # 依法扣押…: an adverb the tagger calls a noun; 区域内…: a place
    verb, obj = rest[0], rest[1:]
    if verb[1] != "v" or len(verb[0]) < 2 or obj[0][1] in ("uj", "ul", "x", "p", "v"):
        return []
    if obj[0][1] == "vn" and len(obj) > 1 and _is_head_word(obj[1][0]) \
            and _AUTHORITY_END_RE.search(obj[1][0]):
        # 农村土地|承包|仲裁|委员会: a verb and a verbal noun before a body's head name the body
        # (as 调查人员, 管理部门), not the nouns' act
        return ["".join(w for w, _ in toks[: len(nouns) + 3])]
    if obj[-1][0] in _ACTIVITY_NOUNS or obj[-1][1] == "vn":
        return []
    return ["".join(nouns)]


def _coverb_subject(text: str, later: Sequence[str]) -> str:
    """The subject of a clause that is nouns, a coverb and the verb phrase it opens, or ''.

    毕业生到农村任教，应当…: the coverb (``coverbs.tsv``: 到, 在, 向…) puts a place or party
    before the verb; a relative clause before the nouns is part of the subject (受资助的毕业生
    到基层工作). None when the clause ends in 的 (the sentence's topic), opens with a
    preposition or adverb, ends in a time or place (船舶在港区内: no act) or when one of the
    ``later`` clauses before the modal word opens with nouns of its own (法律对…作出规定，
    行政法规需要…的: 行政法规 is that subject). The tagger calls many verbs nouns (任教), so
    the verb phrase is only checked for length.

    Example:
        >>> _coverb_subject("毕业生到农村任教", ()), _coverb_subject("在汛期期间", ())
        ('毕业生', '')
    """
    if text.endswith("的"):
        return ""
    rel, _, body = text.rpartition("的")
    if not any(c in body for c in _COVERBS):
        return ""  # (most clauses: no tagging needed)
    if rel and (_PREP_RE.match(rel) and not rel.startswith("在")
                or re.match(r"如果|假如|倘若|若|凡|因为|由于|虽然|即使|但", rel)):
        return ""  # (对…的单位: the object of a preposition, 如果…的: a condition; 在…从事…的
        # 单位 is a subject)
    toks = _np_pos(body)
    nouns = []
    for word, flag in toks:
        if flag not in _SUBJECT_NOUN_FLAGS or word in _COVERBS:
            break  # (经 is often tagged a noun)
        nouns.append(word)
    if not nouns or len(toks) < len(nouns) + 2 or toks[len(nouns)][0] not in _COVERBS \
            or len(nouns[-1]) < 2:
        return ""  # (船舶|航|经…: a one-character piece of an unknown verb, 航经, is no noun)
    tail = toks[len(nouns) + 1:]
    if len("".join(w for w, _ in tail)) < 3 or tail[-1][1] in ("f", "t", "m", "q", "uj", "x"):
        return ""
    if not rel and (len("".join(nouns)) < 2 or _PREP_RE.match(nouns[0])
                    or _pos(nouns[0][:2])[0][1] in ("ad", "d", "v")):
        return ""  # (依法向…, 严格控制在…: an adverb the tagger calls a noun is no subject)
    if any(ts and ts[0][1] in _SUBJECT_NOUN_FLAGS for ts in (_pos(_squeeze(x)) for x in later)):
        return ""
    return (rel + "的" if rel else "") + "".join(nouns)


@_per_text
def _plain_np(prefix: str) -> str:
    """``prefix`` when it is nothing but a noun phrase (网络产品、服务应当…), else ''."""
    p = _ADVERB_TAIL_RE.sub("", _squeeze(prefix)).strip()
    if not p or len(p) > 30:
        return ""
    toks = _pos(p)
    if toks and len(toks[0][0]) > 2 and _pos(toks[0][0][:2])[0][1].startswith("v"):
        return ""  # 采取有效措施 tagged as one noun: it opens with a verb
    for i, (word, flag) in enumerate(toks):
        noun = flag in ("n", "nz", "nt", "ns", "nr", "j", "ng", "b") or word in _NP_JOINERS
        if not (noun or (flag == "vn" and i > 0)):
            return ""
    if _PLACE_END_RE.search(p):
        return ""  # 物业管理区域内禁止…: where the rule applies, not whom it binds
    return p if toks and toks[-1][0] not in _NP_JOINERS else ""


#: A copula clause naming what the subject is (…的单位和个人，为资源税的纳税人，应当…).
_COPULA_RE = re.compile(r"^(?:为|是)[^，。；：]{1,30}(?:人|者|单位|机构|机关|部门)$")
#: A body that the subject sets up, named last in its clause (市人民政府设立名泉保护委员会).
_FOUNDED_BODY_RE = re.compile(
    r"^[^，。；：的]{2,40}?(?:依法)?(?:设立|成立|组建|设置)(?P<body>[^，。；：的]{2,30}?"
    r"(?:委员会|机构|小组|中心|办公室|指挥部))$")
#: A locative 在… that opens a relative clause on the head after its 的 (在…开采矿产品的单位).
_LOCATIVE_RELATIVE_RE = re.compile(r"^在[^，。；：]{2,80}的[^，。；：的]{0,20}$")


def _segment_subject(text: str) -> str:
    """A whole clause that is a subject: it ends with an actor word and is not a condition.

    A clause opening with 在 is a subject when the 在 phrase sits inside a relative clause on
    the head after 的 (在本省行政区域内从事…的单位和个人), not a place where a subject acts.
    """
    t = _LAWFULLY_LEAD_RE.sub("", _squeeze(text))
    if not t or t.endswith("的") or len(t) > 90:
        return ""
    if _PREP_RE.match(t) and not _LOCATIVE_RELATIVE_RE.match(t):
        return ""
    if len(t) > 60 and not _LOCATIVE_RELATIVE_RE.match(t):
        return ""
    if not _is_actorish(t):
        return ""  # no actor word at its end: the tagging below could only say so
    toks = _np_pos(t)
    if not toks or not _np_end_is_actor(t, toks[-1][0]):
        return ""
    if toks[0][1].startswith("v") and toks[0][0] not in _ACTOR_WORDS and "的" not in t:
        return ""  # 保护未成年人，应当…: a verb phrase, not a subject
    relative = "的" in t
    if relative and toks[0][1].startswith("v"):
        return t
    # the words after the subject the clause opens with
    lead = _squeeze(_leading_actor(t))
    rest = _np_pos(t[len(lead):]) if lead and len(lead) < len(t) else ()
    if not rest:
        return t
    if relative:
        # 国务院和地方各级人民政府对有突出贡献的教师，应当…: a preposition after the subject
        # opens the predicate, whatever the 的 inside it
        if rest[0][1] == "p" and rest[0][0] in ("对", "向", "对于", "为"):
            return lead
    # 公司解聘或者不再续聘会计师事务所，应当…: subject, verb and object; the subject acts
    # (本市有关部门在开发区设立分支机构: a preposition opens the predicate too)
    elif ((rest[0][1] == "v" and rest[0][0] not in _ACTOR_WORDS and len(rest[0][0]) > 1)
          or (rest[0][1] == "p" and any(f == "v" for _, f in rest[1:]))):
        return lead
    return t


# -- documents ------------------------------------------------------------------------------

_COLUMNS = ["ref", "label", "actor", "modality", "trigger", "text", "condition", "exception",
            "start", "end", "actor_raw", "inherited", "sanctions", "sanctioned_by"]


def document_norms(doc: Document) -> list[Norm]:
    """All norms of a document, each with its ``ref`` and the sanctions links filled in.

    Example:
        >>> import regtext
        >>> norms = document_norms(regtext.load("genai-2023-final"))
        >>> [n.ref for n in norms if n.modality == "penalty"]
        ['21.1', '21.1', '21.1', '21.2', '21.2']
    """
    text = doc.text or "\n".join(n.text for n in doc.articles)
    aliases = {**_agent_terms(text), **definitions(text)}
    norms = _article_norms(doc, aliases)
    if _CRIMINAL_TEXT_RE.search(doc.title or ""):
        norms = [_court_sentences(n) for n in norms]
    norms = _link_sanctions(doc, norms, aliases)
    if not _INNER_PAREN_RE.search(text) and "(" not in text:
        return norms
    # each actor as its own clause writes it, else (an actor carried from another 款 or a
    # chapeau) as the clause it came from wrote it (that clause's norm names it too), else as
    # the document writes it when it never writes it plainly
    local = [_written_here(n) for n in norms]
    seen = {n.actor_raw: w.actor_raw for n, w in zip(norms, local) if w is not n}
    folded = _fold(text)

    def elsewhere(name: str) -> str | None:
        if name in seen:
            return seen[name]
        return None if name in folded else _written_form(name, folded)

    return [_written_in(n, "", elsewhere) if w is n and n.actor_raw
            and n.actor_raw not in n.text else w for n, w in zip(norms, local)]


def _written_here(norm: Norm) -> Norm:
    """:func:`_written_in` for ``norm``'s own clause, folding it only when it may hold a
    parenthesis (most clauses hold none)."""
    raw, text = norm.actor_raw, norm.text
    if not raw or ("（" not in text and "(" not in text):
        return norm
    return _written_in(norm, _fold(text))


#: A text on criminal law (刑法, 办理…刑事案件…的解释, 惩治…犯罪的决定): its punishments are
#: criminal sentences.
_CRIMINAL_TEXT_RE = re.compile(r"刑法|刑事|犯罪")
#: A punishment named without its kind (从重处罚, 定罪处罚, 依法惩处), not a liability a party
#: bears (承担…责任) nor an administrative one (行政处罚, 治安管理处罚, 处分).
_BARE_PUNISHMENT_RE = re.compile(r"(?<!行政)(?<!治安管理)(?:处罚|惩处|论处)$")


def _court_sentences(norm: Norm) -> Norm:
    """In a text on criminal law, a punishment with no body named is the court's to impose.

    ``具有下列情形之一的，从重处罚`` in a criminal interpretation: only a court sentences; a
    sanction named with its own body keeps it.
    """
    if norm.modality != "penalty" or norm.actor or not _BARE_PUNISHMENT_RE.search(norm.trigger):
        return norm
    return replace(norm, actor=_COURT, actor_raw="")


def _article_norms(doc: Document, aliases: Mapping[str, str]) -> list[Norm]:
    norms: list[Norm] = []
    for art in doc.articles:
        carry: list[str] = []
        for para in art.children:
            found = [_drop_carried_object(n, carry)
                     for n in _node_norms(para, aliases, None, carry, _doc_name(doc))]
            # only a party is carried to the next 款, not a thing that was a subject
            # (其原料药及制成品禁止转为内销 says nothing of who acts in the next 款)
            actors = _unique([n.actor_raw for n in found if n.ref == para.ref and n.actor_raw
                              and n.modality != "penalty" and _is_actorish(n.actor_raw)])
            if actors:
                carry = actors
            norms.extend(found)
    return norms


def _drop_carried_object(norm: Norm, carry: Sequence[str]) -> Norm:
    """A party carried from an earlier 款 does not bear a duty that names it as its object.

    ``…发生变更的，应当重新取得个人同意`` after a 款 whose agent is 个人: the individual is
    whose consent is obtained, not who must obtain it, so the norm gets no carried actor.
    """
    raw = norm.actor_raw
    if not raw or raw not in carry or not norm.trigger:
        return norm
    at = norm.text.find(norm.trigger)
    if at < 0 or raw not in norm.text[at + len(norm.trigger):]:
        return norm
    if _names_party(norm.text[:at], raw):
        return norm  # the clause names the party itself before its modal word
    return replace(norm, actor=None, actor_raw="")


def _names_party(text: str, party: str) -> bool:
    """``party`` is written in ``text`` as whole words (业主|委员会 in 业主委员会应当…), not as
    part of a longer word (个人 inside 个人信息)."""
    if party not in text:
        return False
    from .segmentation import word_bounds

    bounds = word_bounds(text)
    start = text.find(party)
    while start >= 0:
        if start in bounds and start + len(party) in bounds:
            return True
        start = text.find(party, start + 1)
    return False


#: A parenthesis inside a name: 乡（镇）, 县（市、区）, 村（居）民委员会, 后勤（联勤）机关. Not one
#: that explains the name after it (（以下简称…）, （含…）, （包括…）).
_INNER_PAREN_RE = re.compile(r"(?<=[\u4e00-\u9fff])（[\u4e00-\u9fff、]{1,8}）(?=[\u4e00-\u9fff])")
_EXPLAINS_RE = re.compile(r"以下|简称|下同|含|包括|指|即|除|见|等")
_PAREN_BODY_RE = re.compile(r"[\u4e00-\u9fff、]{1,8}")


def _squeezed_name(name: str) -> str:
    """``name`` without the parentheses inside it (the grammar's spelling)."""
    return _INNER_PAREN_RE.sub("", name) if "（" in name else name


def _written_form(name: str, text: str) -> str | None:
    """``name`` (squeezed) as ``text`` first writes it, with the parentheses inside it; None
    when ``text`` does not hold it.

    Example:
        >>> _written_form("乡人民政府", "乡（镇）人民政府应当…")
        '乡（镇）人民政府'
    """
    if not name:
        return None
    start = text.find(name[0])
    while start >= 0:
        end = _match_with_parens(name, text, start)
        if end:
            written = text[start:end]
            if written != name and any(_EXPLAINS_RE.search(p)
                                       for p in _PAREN_RE.findall(written)):
                return name  # (以下简称…: an explanation, not part of the name)
            return written
        start = text.find(name[0], start + 1)
    return None


def _match_with_parens(name: str, text: str, at: int) -> int:
    """End of ``name`` read in ``text`` from ``at`` with parentheticals allowed between its
    characters (a plain scan: regexes with such character classes take long to compile)."""
    i, j = at + 1, 1
    while j < len(name):
        if i < len(text) and text[i] == name[j]:
            i, j = i + 1, j + 1
            continue
        if i < len(text) and text[i] == "（":
            close = text.find("）", i + 2, i + 10)
            if close > 0 and close + 1 < len(text) and text[close + 1] == name[j] \
                    and _PAREN_BODY_RE.fullmatch(text, i + 1, close):
                i, j = close + 2, j + 1
                continue
        return 0
    return i


def _written_in(norm: Norm, folded: str, elsewhere: Callable[[str], str | None] | None = None
                ) -> Norm:
    """``norm`` with its actor as ``folded`` (its clause, folded) writes it, else as
    ``elsewhere`` finds it written (the document, for a carried actor)."""
    raw = norm.actor_raw
    if not raw or "（" in raw or len(raw) < 2:
        return norm
    if "（" not in folded:  # (most clauses: a plain test)
        written = raw if raw in folded else None
    else:
        written = _written_form(raw, folded)
    if written is None and elsewhere is not None:
        written = elsewhere(raw)
    if written is None or written == raw:
        return norm
    actor = norm.actor
    if actor and actor in raw:  # the normalised actor is a part of the words: same spelling
        actor = _written_form(actor, written) or actor
    # with the text's own brackets (乡(镇)人民政府 where the law writes ASCII ones)
    ascii_form = written.replace("（", "(").replace("）", ")")
    if ascii_form != written and ascii_form in norm.text:
        written = ascii_form
        actor = actor.replace("（", "(").replace("）", ")") if actor else actor
    return replace(norm, actor=actor, actor_raw=written)


def _as_written(norms: list[Norm], folded: str) -> list[Norm]:
    """:func:`_written_in` for the norms of one clause (``folded``: its folded text)."""
    if not norms or not _INNER_PAREN_RE.search(folded):
        return norms
    return [_written_in(n, folded) for n in norms]


def _doc_name(doc: Document) -> str:
    return doc.id or doc.title or "document"


def _agent_terms(text: str) -> dict[str, str]:
    """Verb agents → the document's own word for them (处理者 → 个人信息处理者 in the PIPL).

    Only a term the text uses at least three times, so that 处理个人信息应当… is read as
    the 个人信息处理者's duty.
    """
    f = fold(text)
    counts: dict[str, dict[str, int]] = {}
    for m in re.finditer("(" + "|".join(_AGENT_VERBS) + ")者", f):
        before = re.split(r"[^\u4e00-\u9fff]|的", f[max(0, m.start() - 8): m.start()])[-1]
        if len(before) >= 2:
            per = counts.setdefault(m.group(1), {})
            per[before + m.group(0)] = per.get(before + m.group(0), 0) + 1
    out: dict[str, str] = {}
    for verb, per in counts.items():
        term, n = max(per.items(), key=lambda kv: kv[1])
        if n >= 3 and verb + "者" not in _KNOWN_ACTORS:
            out[_AGENT_KEY + verb + "者"] = term
    return out


def _own_text(node: Node) -> str:
    # a paragraph whose items follow no chapeau is read whole
    return node.own_text or node.text


def _node_norms(node: Node, aliases: Mapping[str, str], chapeau: Sequence[Norm] | None,
                carry: Sequence[str], where: str = "") -> list[Norm]:
    own = _own_text(node)
    found: list[Norm] = []
    # one odd clause must not stop a whole law: a warning naming document and clause
    with guard("obligations", f"{where} {node.label or node.ref}"):
        found = _find_norms(own, aliases, chapeau, carry_actor=carry if not chapeau else None)
    found = [_replace(n, ref=node.ref) for n in found]
    out = list(found)
    if node.children and _is_definition_list(own):
        return out  # （X，是指下列行为：）the items describe what a term covers: no norms
    if node.children:
        # items of a case list (有下列情形之一的：) are conditions, not duties
        inherit = [] if _is_case_list(own) else [n for n in found if n.modality != "penalty"]
        if inherit:
            # the norm of the clause that introduces the list (可以依法采取下列措施，有关组织和个人
            # 应当配合，不得拒绝: the items are the measures allowed, not what must be borne)
            last = ([n for n in inherit if _LIST_INTRO_RE.search(n.text)] or inherit)[-1].start
            inherit = [n for n in inherit if n.start == last]
            # only the sentence that opens the list passes its norm on: X可以设立…基金。基金由
            # 下列资金组成： lists what the fund is made of, not what X may do
            lead_in = own.rstrip()
            opener = lead_in.rfind("。", 0, len(lead_in) - 1) + 1
            if opener and "下列" in own[opener:] and inherit[-1].start < opener:
                inherit = []
        # 由…部门按照下列规定处罚：（一）…处…罚款: the items' sanctions are that body's
        # (actor, actor_raw)
        authority = next(((n.actor, n.actor_raw) for n in reversed(found)
                          if n.modality == "penalty" and n.actor), None)
        if authority is None and "下列" in own:
            # 由价格主管部门按照下列规定处理：（一）…的，责令…: the body the list is handed to
            # imposes its items' sanctions, even with no sanction word in the chapeau
            body = next((x for at, x in _bodies(own) if own.startswith("由", at)), "")
            if body:
                authority = (normalize_actor(body, aliases), body)
        # X应当采取下列措施：（一）…责令停止…: the body bound to take the measures imposes the
        # sanctions its items list
        # (not a civil liability, nor a clause that names its own party: 由寄件人承担赔偿责任)
        duty_body = next((n for n in inherit if n.actor_raw
                          and _AUTHORITY_END_RE.search(n.actor_raw)), None)
        # 国境口岸和交通工具的负责人在卫生工作方面的责任是：(一)应当…: a chapeau with no modal
        # word that names a party opens the list with it: the items' subject-less norms are its
        child_carry = carry
        if not inherit and not _is_case_list(own):
            lead = _chapeau_party(own)
            if lead:
                child_carry = [lead]
        for child in node.children:
            for n in _node_norms(child, aliases, inherit or None, child_carry, where):
                if n.modality == "penalty" and n.actor is None and authority is not None:
                    n = replace(n, actor=authority[0], actor_raw=authority[1])
                elif (n.modality == "penalty" and n.actor is None and duty_body is not None
                      and "责任" not in n.trigger and not _OWN_PARTY_RE.search(n.text)):
                    n = replace(n, actor=duty_body.actor, actor_raw=duty_body.actor_raw)
                out.append(n)
    return out


_CHAPEAU_ADVERBIAL_RE = re.compile(r"依法|依照|按照|根据|依据")


def _chapeau_party(chapeau: str) -> str:
    """The party that opens a list's chapeau with no modal word (``X的责任是：``), or ''.

    Only the chapeau's last sentence, when it ends with ``：`` and opens with a party (not a
    condition ``…的：`` nor a thing: 本条例下列用语的含义：).

    Example:
        >>> _chapeau_party("国境口岸和交通工具的负责人在卫生工作方面的责任是："), _chapeau_party(
        ...     "本条例下列用语的含义：")
        ('国境口岸和交通工具的负责人', '')
    """
    f = _mask(chapeau).rstrip()
    if not f.endswith(("：", ":")) or f[:-1].endswith("的"):
        return ""
    last = re.split(r"[。！？]", f[:-1])[-1]
    clauses = re.split(r"[，；]", last)
    if any(x.rstrip().endswith(("的", "时")) for x in clauses[:-1]) or _PURPOSE_RE.match(last):
        return ""  # (…的，按照下列规定处理：: a condition and a clause, not a party's list)
    if re.search(r"包括|是指|含义|如下[：:]?$|组成[：:]?$", last):
        return ""  # (…的资料包括：: what a term covers, not a party's list)
    # (its first clause opens with the party, whose acts the later clauses go on with:
    # 监察机关根据监督、调查结果，依法作出如下处置：)
    lead = _squeeze(_leading_actor(clauses[0]))
    # (an adverbial ends the subject: 矿山企业工会|依法维护职工的合法权益)
    lead = _CHAPEAU_ADVERBIAL_RE.split(lead, maxsplit=1)[0]
    if not lead or not _is_actorish(lead) or lead.endswith(_CONJUNCTION_TAILS):
        return ""
    return lead


def _is_definition_list(chapeau: str) -> bool:
    """True when ``chapeau`` introduces the items as the content of a definition.

    The clause that opens the list defines (违法采取保全措施，是指人民法院依职权采取的下列
    行为：) or the sentence goes on with one (…，是指…。包括下列行为：): its items describe
    acts, and a 罚款 or 应当 inside them is part of the description, not a sanction or a duty.

    Example:
        >>> _is_definition_list("本条例所称重大事项，是指下列事项："), _is_definition_list(
        ...     "提供者应当遵守以下规定：")
        (True, False)
    """
    f = _mask(chapeau).rstrip()
    sentences = [x for x in re.split(r"[。！？]", f) if x.strip()]
    if not sentences or not re.search(r"(?:下列|以下|如下)[^，。；]{0,8}[：:]$", f):
        return False
    last = sentences[-1]
    if _MODAL_RE.search(last):
        return False
    clause = re.split(r"[，；]", last)[-1]  # 是指…，按照以下方式确定：lists rules, not acts
    return "是指" in clause or (
        bool(re.match(r"\s*(?:具体|主要)?包括", last)) and len(sentences) > 1
        and "是指" in sentences[-2])


#: An item naming who bears or imposes its sanction (由寄件人…, 移送…), not 理由 or 事由.
_OWN_PARTY_RE = re.compile(r"(?<![理事自缘])由(?!于|此)|移送|移交|交由")


def _is_case_list(chapeau: str) -> bool:
    """True when the items under ``chapeau`` describe cases rather than duties.

    ``有下列情形之一的``, and any 下列/以下 that comes before the modal word: the list then
    describes who or what the norm is about (提供以下深度合成服务…的，应当…：). After the
    modal word it lists the duties themselves (应当遵守以下规定：, 履行下列义务：).

    Example:
        >>> _is_case_list("符合下列情形之一的，个人信息处理者方可处理个人信息："), _is_case_list(
        ...     "提供者应当遵守以下规定：")
        (True, False)
    """
    f = _mask(chapeau)
    triggers = _find_triggers(_segments(f, 0, len(f)))
    case = _CASE_LIST_RE.search(f)
    if case:
        # 应当…按照下列情形作出处理: the cases come after the modal word, each item says what
        # to do in one of them: duties (之一的 always opens conditions)
        return not (triggers and case.start() > triggers[0].pos
                    and not case.group(0).endswith("之一的"))
    listed = re.search(r"下列|以下|如下", f)
    if not listed:
        return False
    return bool(triggers) and listed.start() < triggers[0].pos


def _link_sanctions(doc: Document, norms: list[Norm],
                    aliases: Mapping[str, str] | None = None) -> list[Norm]:
    """Fill ``sanctions`` on penalty norms and ``sanctioned_by`` on the norms they punish.

    An offence that cites the whole text (提供者违反本办法规定的) sanctions every norm of
    that party in the text.
    """
    sanctions: dict[int, tuple[str, ...]] = {}
    of_actor: dict[str, list[str]] | None = None  # actor → refs of its norms, built once
    for i, n in enumerate(norms):
        if n.modality != "penalty" or not n.ref:
            continue
        refs = _sanctioned_refs(doc, n)
        if not refs:
            offender = _whole_text_offender(doc, n, aliases or {})
            if offender:
                if of_actor is None:
                    of_actor = {}
                    for m in norms:
                        if m.modality != "penalty" and m.actor and m.ref:
                            refs_of = of_actor.setdefault(m.actor, [])
                            if m.ref not in refs_of:
                                refs_of.append(m.ref)
                refs = tuple(of_actor.get(offender, ()))
        if refs:
            sanctions[i] = refs
    if not sanctions:
        return norms
    # 单位有前款行为的…: a penalty citing another penalty clause sanctions what that one does
    penalty_only = {n.ref for n in norms if n.modality == "penalty"} - {
        n.ref for n in norms if n.modality != "penalty"}
    of_ref: dict[str, list[str]] = {}
    for i, refs in sanctions.items():
        of_ref.setdefault(norms[i].ref or "", []).extend(refs)
    for i, refs in list(sanctions.items()):
        expanded: list[str] = []
        for r in refs:
            targets = of_ref.get(r, []) if r in penalty_only and r != norms[i].ref else [r]
            expanded.extend(t for t in targets or [r] if t not in expanded)
        sanctions[i] = tuple(expanded)
    by: dict[str, list[str]] = {}
    for i, refs in sanctions.items():
        for r in refs:
            by.setdefault(r, [])
            if norms[i].ref not in by[r]:
                by[r].append(norms[i].ref or "")
    order = {r: k for k, r in enumerate(by)}
    out = []
    for i, n in enumerate(norms):
        extra: dict[str, Any] = {}
        if i in sanctions:
            extra["sanctions"] = sanctions[i]
        if n.ref and n.modality != "penalty":
            hits: list[str] = []
            # the sanctioned refs that are n.ref or contain it (21 and 21.1 for 21.1.2), in
            # the order they were found: a look-up per level, not a pass over all of them
            for r in _containing(n.ref, order):
                hits.extend(s for s in by[r] if s not in hits)
            if hits:
                extra["sanctioned_by"] = tuple(hits)
        out.append(_replace(n, **extra) if extra else n)
    return out


def _containing(ref: str, order: Mapping[str, int]) -> list[str]:
    """The keys of ``order`` that are ``ref`` or one of its ancestors (``21``, ``21.1`` for
    ``21.1.2``), sorted by their value."""
    levels = [ref[:i] for i, ch in enumerate(ref) if ch == "."] + [ref]
    return sorted((r for r in levels if r in order), key=order.__getitem__)


#: An offence against the whole text: 违反本办法规定, 违反本法的规定 (no article named).
_WHOLE_TEXT_OFFENCE_RE = re.compile(
    r"违反本(?:法|条例|办法|规定|细则|决定|规则|准则|实施办法)(?:的)?(?:有关)?规定(?:的)?[，,]")


def _whole_text_offender(doc: Document, norm: Norm, aliases: Mapping[str, str]) -> str | None:
    """The normalised party of ``提供者违反本办法规定的，…`` (the penalty's offence), or None."""
    try:
        own = _own_text(doc.get(norm.ref or ""))
    except KeyError:
        return None
    head = own[: norm.start + max(norm.text.find(norm.trigger), 0)]
    sentence = head[max(head.rfind("。"), head.rfind("\n")) + 1:]
    m = _WHOLE_TEXT_OFFENCE_RE.search(_fold(sentence))
    if not m:
        return None
    who = _leading_actor(sentence[: m.start()]) if m.start() else ""
    return normalize_actor(who, aliases) if who else None


_REF_OPENER_RE = re.compile(r"[第本该前同]")


def _sanctioned_refs(doc: Document, norm: Norm) -> tuple[str, ...]:
    """Refs of this document that a penalty clause says it punishes (违反本法第二十一条…)."""
    text = norm.text
    # only what the offence names: the words before the sanction phrase, back to the start
    # of the sentence (违反本法第二十一条…的，…；拒不改正的，处…罚款 sanctions 21 twice)
    cut = text.find(norm.trigger) if norm.trigger else -1
    offence = text[:cut] if cut > 0 else text
    try:
        own = _own_text(doc.get(norm.ref or ""))
    except KeyError:
        own = ""
    if own[norm.start:norm.end] == norm.text:
        head = own[: norm.start]
        offence = head[max(head.rfind("。"), head.rfind("\n")) + 1:] + offence
    # the offence ends with its last condition (…的，); 依照前款规定处罚 names no offence
    last = offence.rfind("的，")
    offence = offence[:last + 1] if last >= 0 else ""
    if not offence or not _REF_OPENER_RE.search(offence):
        return ()  # an internal ref opens with 第, 本, 该, 前 or 同 (第二十一条, 前款, 同条)
    from .citing import find_citations  # citing imports nothing of norms: no cycle

    cites = []
    # a citation bug must not sink the obligations: a warning naming the clause
    with guard("sanctions", f"{_doc_name(doc)} {norm.ref}"):
        cites = find_citations(offence, doc, source_ref=norm.ref)
    refs: list[str] = []
    for c in cites:
        if c.kind == "internal" and c.target_ref and c.target_ref not in refs \
                and c.target_ref in doc:
            refs.append(c.target_ref)
    return tuple(refs)


def obligations(doc: Document) -> pd.DataFrame:
    """One row per norm of ``doc`` (several per clause where the clause holds several).

    Columns: ``ref``, ``label``, ``actor``, ``modality``, ``trigger``, ``text``,
    ``condition``, ``exception``, ``start``, ``end`` (offsets of ``text`` in the node's
    own text: the chapeau of a paragraph with items, else its text), ``actor_raw``,
    ``inherited``, ``sanctions`` and ``sanctioned_by`` (lists of refs).

    Example:
        >>> import regtext
        >>> df = regtext.obligations(regtext.load("genai-2023-final"))
        >>> df.query("ref == '4.1.2'")[["actor", "modality"]].values.tolist()
        [['提供者', 'obligation'], ['使用者', 'obligation']]
    """
    from ..text.resolve import as_document  # a corpus id, alias or path works too

    doc = as_document(doc)
    import pandas as pd

    norms = document_norms(doc)
    labels = {}
    rows = []
    for n in norms:
        if n.ref not in labels:
            try:
                labels[n.ref] = doc.get(n.ref).label
            except KeyError:
                labels[n.ref] = ""
        # tuples in _COLUMNS order: pandas builds from them faster than from dicts
        rows.append((n.ref, labels[n.ref], n.actor, n.modality, n.trigger, n.text,
                     n.condition, n.exception, n.start, n.end, n.actor_raw, n.inherited,
                     list(n.sanctions), list(n.sanctioned_by)))
    return pd.DataFrame(rows, columns=_COLUMNS)


# -- spaCy component ------------------------------------------------------------------------


def register_component() -> str:
    """Register the ``regtext_obligations`` spaCy factory (imports spaCy); returns its name.

    Not needed in an installed regtext: spaCy finds the factory through the
    ``spacy_factories`` entry point (see :mod:`regtext.extract.components`).

    Example:
        >>> register_component()
        'regtext_obligations'
    """
    from . import components

    return components.NAMES[1]


def __getattr__(name: str) -> Any:
    # the component class lives with spaCy in components.py; import it only when asked
    if name == "ObligationsComponent":
        from . import components

        return components.ObligationsComponent
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
