"""The words and patterns of citations, built once from the rules tables.

Every word list lives in ``regtext/_data/rules/`` (one row per word, with a real example and a
counterexample); this module turns them into the regular expressions :mod:`regtext.extract.citing`
scans with. Tables:

- ``citation-document-types.tsv``: title endings that make a 《》 title a normative document
  (法, 条例, 规定…) and which of them may end a name written without 《》;
- ``citation-self.tsv``: 本法, 本条例, 本办法… before a pin;
- ``citation-anaphor.tsv``: 该法, 该条例… before a pin, pointing back to the last title;
- ``citation-relative.tsv``: 前款, 前条, 本条, 本章, 同条, 该款… with the words they must not be
  part of (条例, 款项, 章程…);
- ``citation-context.tsv``: words around a law named without 《》 (依照…, 修正的…).

Named values: :data:`Kind` and :data:`Form` are the only strings ``Citation.kind`` and
``Citation.form`` take.

Example:
    >>> is_legal_title("中华人民共和国网络安全法"), is_legal_title("营业执照")
    (True, False)
    >>> "本办法" in self_words()
    True
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal, get_args

from .. import rules
from ..text.numerals import NUMBER
from ..text.terms import marker

__all__ = ["FORMS", "KINDS", "Form", "Kind", "document_class", "head_pattern", "is_legal_title",
           "pin_pattern", "self_words"]

#: What a citation points at: another document, the citing document, or unnamed rules
#: (国家有关规定, 有关法律、行政法规).
Kind = Literal["internal", "external", "generic"]
#: How a citation is written (see :class:`regtext.extract.citing.Citation`).
Form = Literal["title", "alias", "abbreviation", "self", "bare", "relative", "anaphor", "generic"]
KINDS: tuple[str, ...] = get_args(Kind)
FORMS: tuple[str, ...] = get_args(Form)

_TRAILING_PAREN = re.compile(r"（[^（）]*）$")


def _alt(words) -> str:
    return "|".join(sorted(set(words), key=lambda w: (-len(w), w)))


class TailPattern:
    """A pattern that matches only right before ``endpos`` (it ends in ``$``) and spans at most
    ``width`` characters: searched over the last ``width`` + 1 characters only, the same match
    at a fraction of the cost (``re`` would try every position from ``pos``; the + 1 is for
    ``$`` before a final newline).

    Example:
        >>> TailPattern(re.compile("(?:依照|根据)$"), 2).search("……依照", 0, 6) is not None
        True
    """

    def __init__(self, pattern: re.Pattern[str], width: int) -> None:
        self.pattern, self.width = pattern, width

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        end = len(text) if endpos is None else min(endpos, len(text))
        return self.pattern.search(text, max(pos, end - self.width - 1), end)


def _tail(words, pattern: str, extra: int = 1) -> TailPattern:
    """:class:`TailPattern` of ``pattern`` (built from ``words``), as wide as the longest word
    or ``extra`` characters (a one-character class beside them)."""
    return TailPattern(re.compile(pattern), max([extra, *map(len, words)]))


@cache
def _legal_suffix() -> re.Pattern[str]:
    words = rules.column("citation-document-types", "word", in_brackets="yes")
    return re.compile(rf"(?:{_alt(map(re.escape, words))})$")


def is_legal_title(title: str) -> bool:
    """Whether a 《》 title names a normative document (its ending is a document type).

    A trailing （…） is ignored: 《…法（2018年修正）》.

    Example:
        >>> is_legal_title("刑法修正案（十一）"), is_legal_title("药品生产许可证")
        (True, False)
    """
    core = _TRAILING_PAREN.sub("", title.strip())
    return bool(_legal_suffix().search(core)) or bool(_legal_suffix().search(title.strip()))


@cache
def _classes() -> tuple[tuple[str, str], ...]:
    rows = rules.table("citation-document-types")
    return tuple(sorted(((r["word"], r["class"]) for r in rows), key=lambda wc: -len(wc[0])))


def document_class(title: str) -> str:
    """What a cited title names, by its ending (``class`` of citation-document-types.tsv):
    ``act`` (a law, regulation, rule, interpretation, decision…), ``plan``, ``list``,
    ``standard``, ``treaty`` or ``charter``; ``""`` when the title ends in no document type.
    A trailing （…） is ignored.

    Example:
        >>> document_class("《中华人民共和国民法通则》"), document_class("国家危险废物名录")
        ('act', 'list')
        >>> document_class("杭州西湖文化景观保护管理规划（2018年）"), document_class("营业执照")
        ('plan', '')
    """
    core = _TRAILING_PAREN.sub("", title.strip().strip("《》"))
    for word, cls in _classes():
        if core.endswith(word):
            return cls
    return ""


def strip_edition(title: str) -> str:
    """The title without a trailing （2018年修正）-style note (kept for 修正案（十一）).

    Example:
        >>> strip_edition("网络安全法（2016年）"), strip_edition("刑法修正案（十一）")
        ('网络安全法', '刑法修正案（十一）')
    """
    core = _TRAILING_PAREN.sub("", title)
    return title if core.endswith("修正案") else core


@cache
def catalog_name_endings() -> re.Pattern[str]:
    """Endings a catalog name must have to be matched without 《》 (法, 法典, 条例)."""
    words = rules.column("citation-document-types", "word", unbracketed="any")
    return re.compile(rf"(?:{_alt(map(re.escape, words))})$")


@cache
def pin_name_endings() -> str:
    """Regex alternation of the endings of a name written without 《》 before a pin."""
    words = (rules.column("citation-document-types", "word", unbracketed="any")
             + rules.column("citation-document-types", "word", unbracketed="pin"))
    return _alt(map(re.escape, words))


@cache
def self_words() -> tuple[str, ...]:
    """本法, 本办法, 本条例…: a document naming itself (from ``citation-self.tsv``)."""
    return rules.column("citation-self", "word")


@cache
def _relative(prefix: str) -> tuple[str, str]:
    """(unit alternation with its negative lookaheads, characters that may not precede)."""
    units, before = [], set()
    for row in rules.table("citation-relative"):
        if not row["word"].startswith(prefix):
            continue
        unit = row["word"][len(prefix):]
        stop = row["not_followed_by"]
        units.append(re.escape(unit) + ("" if stop == "-" else f"(?!{stop})"))
        if row["not_after"] != "-":
            before.update(row["not_after"])
    return "|".join(units), "".join(sorted(before))


@cache
def context_words(col: str) -> tuple[str, ...]:
    """Words of ``citation-context.tsv`` flagged ``yes`` in ``col`` (``lead`` or ``stop``)."""
    return rules.column("citation-context", "word", **{col: "yes"})


@cache
def head_pattern() -> str:
    """The openers of a citation: 《title》, （以下简称…）, 本法, 该法, 前款, 本条, 同条…

    Named groups: ``title``, ``skip`` (a definition to step over), ``self``, ``that``, ``rel``
    (with ``reln``/``relu`` for 前…, ``selfu`` for 本…, ``sameu`` for 同/该…).
    """
    self_alt = _alt(re.escape(w[1:]) for w in self_words())
    that_alt = _alt(re.escape(w[1:]) for w in rules.column("citation-anaphor", "word"))
    qian_units, not_qian = _relative("前")
    ben_units, not_ben = _relative("本")
    tong_units, _ = _relative("同")
    gai_units, _ = _relative("该")
    if tong_units != gai_units:  # 同条/该条 share one group; keep the table's two rows in step
        raise rules.RuleError("citation-relative.tsv: 同… and 该… rows must list the same units")
    return (
        r"《(?P<title>[^《》\n]{1,120})》"
        rf"|(?P<skip>（(?:[^（）《》，,\n]{{1,30}}[，,])?{marker()}[^（）\n]{{1,40}}）)"
        rf"|(?<![{not_ben}])本(?P<self>{self_alt})(?=第)"  # not 基本法第…
        rf"|该(?P<that>{that_alt})(?=第)"
        # 本条前两款 is the first two 款 of this article, not the article and them: the 本…
        # before a 前… reference only frames it, so it belongs to the 前… token
        rf"|(?P<rel>(?:(?<![{not_ben}])本[条款章节编](?=前))?"
        rf"(?<![{not_qian}])前(?P<reln>[两二三四五六七八九十])?"
        rf"(?P<relu>{qian_units})"
        rf"|(?<![{not_ben}])本(?P<selfu>{ben_units})"
        rf"|[同该](?P<sameu>{tong_units}))"
    )


def pin_pattern() -> str:
    """A pin: 第十三条, 第（二）项, 第一、二款, 第十条之一, and 第十七条第一款（一）项's （一）项.

    Named groups: ``pn1``/``pn2`` (the number), ``mrest`` (further numbers sharing the unit),
    ``urest`` (further articles listed without 第: 第三十七条、三十八条),
    ``unit``, ``sub`` (之一), ``pn3``/``iunit`` (an item written without 第), ``irest``
    (further items sharing that 项: 第一款（一）、（二）项).
    """
    num = NUMBER
    # bracketed numbers may also stand back to back, with no word between: 第（一）（二）项
    more = rf"(?:(?:、|和|及|或者|至|到)第?(?:（{num}）|{num})|(?<=）)（{num}）)"
    return (rf"第(?:（(?P<pn1>{num})）|(?P<pn2>{num}))"
            # 第（一）、（二）、（三）项 / 第一、二款: one 第…项 for several numbers
            rf"(?P<mrest>{more}*)"
            rf"(?P<unit>分编|编|章|节|条|款|项|目)(?:(?<=条)之(?P<sub>{num}))?"
            # older texts drop the 第 of the next article in a list: 第三十七条、三十八条
            rf"(?P<urest>(?:(?<=条)、{num}条(?!之))*)"
            # older texts drop the 第 of an item: 第十七条第一款（一）项
            rf"|(?<=[条款])（(?P<pn3>{num})）(?P<irest>{more}*)(?P<iunit>项)")


@cache
def lead_before() -> TailPattern:
    """What may stand right before a name cited without 《》 or pin (依照网络安全法的规定)."""
    words = context_words("lead")
    return _tail(words, rf"(?:^|[^\u4e00-\u9fff]|{_alt(map(re.escape, words))})$")


@cache
def name_stop() -> re.Pattern[str]:
    """Words that end the phrase before a law name: 依照|修正的 国家赔偿法第十七条."""
    return re.compile(rf".*(?:{_alt(map(re.escape, context_words('stop')))})")


@cache
def opens_before() -> TailPattern:
    """A word that introduces a legal basis right before a name: 依照|民事诉讼法的有关规定."""
    words = context_words("opens")
    return _tail(words, rf"(?:{_alt(map(re.escape, words))})$")


@cache
def title_followers() -> re.Pattern[str]:
    """What may follow a name cited without 《》 or pin: 的规定, 等法律… (matched at its end)."""
    return re.compile(_alt(map(re.escape, rules.column("citation-title-followers", "word"))))


@cache
def non_title_words() -> tuple[str, ...]:
    """Words ending in 法 that are not titles (办法, 方法, 违法…): ``non-title-words.tsv``."""
    return rules.column("non-title-words", "word")


def non_title_rows() -> tuple[dict[str, str], ...]:
    """The rows of ``non-title-words.tsv`` (``word`` and how it ``match``es a name)."""
    return rules.table("non-title-words")


@cache
def generic_pattern() -> re.Pattern[str]:
    """A generic reference: qualifier? class (、和及或者 qualifier? class)* (国家有关规定…).

    Groups ``q``/``qg``: the first item's qualifier. The class 规定 needs a qualifier flagged
    ``before_guiding`` (国家规定, 有关规定). The caller counts classes with
    :func:`generic_classes` and checks what follows with :func:`generic_followers`.
    """
    rows = rules.table("citation-generic")
    quals = _alt(re.escape(r["word"]) for r in rows if r["part"] == "qualifier")
    qual_g = _alt(re.escape(r["word"]) for r in rows
                  if r["part"] == "qualifier" and r["before_guiding"] == "yes")
    classes, guiding = [], []
    for r in sorted((r for r in rows if r["part"] in ("class", "bare")),
                    key=lambda r: (-len(r["word"]), r["word"])):
        stop = r["not_followed_by"]
        pat = re.escape(r["word"]) + ("" if stop == "-" else f"(?!{stop})")
        (guiding if r["word"] == "规定" else classes).append(pat)
    cls, gd = "(?:" + "|".join(classes) + ")", "(?:" + "|".join(guiding) + ")"
    sep = "(?:以及|或者|、|和|及|与)"
    first = rf"(?:(?P<q>{quals})?{cls}|(?P<qg>{qual_g}){gd})"
    item = rf"(?:(?:{quals})?{cls}|(?:{qual_g}){gd})"
    # a one-character lookahead lets the engine skip most positions cheaply
    heads = "".join(sorted({r["word"][0] for r in rows if r["part"] != "follower"}))
    return re.compile(rf"(?=[{heads}]){first}(?:{sep}{item})*")


@cache
def document_word_before() -> TailPattern:
    """A document-type word (法, 条例, 本法…) or 的/》 right before a position: what comes
    next qualifies that document (本法有关规定, 民事诉讼法的有关规定)."""
    words = rules.column("citation-document-types", "word")
    return _tail(words, rf"(?:[的》]|{_alt(map(re.escape, words))})$")


@cache
def generic_classes() -> re.Pattern[str]:
    """Class words of ``citation-generic.tsv`` (法律, 行政法规, 规定…), for counting."""
    words = rules.column("citation-generic", "word", part="class") + rules.column(
        "citation-generic", "word", part="bare")
    return re.compile(_alt(map(re.escape, words)))


@cache
def generic_bare() -> frozenset[str]:
    """Class words that make a generic reference alone when a follower comes (法律规定的)."""
    return frozenset(rules.column("citation-generic", "word", part="bare"))


@cache
def generic_followers() -> re.Pattern[str]:
    """What lets one bare class stand as a generic reference: 规定, 另有规定, 的规定."""
    return re.compile(_alt(map(re.escape, rules.column("citation-generic", "word",
                                                       part="follower"))))
