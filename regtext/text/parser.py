"""Parse a Chinese law or regulation into its article tree.

The parser never refuses input: odd lines become :class:`~regtext.model.ParseWarning`
entries with line numbers, and text with no articles gives an empty document plus a warning.

No text is lost. ``Document.text`` (the *normalised body*) is every input line after the
title, the 题注 and the 目录, trimmed, hard wraps rejoined, with structure markers written
canonically (``第一章 总则``, ``第十条之一 …``), one line per line. Taking each node in document
order and its own part (a heading's ``第X章`` + ``heading``, an article's ``label``, any other
node's ``lead``) gives that body again, whitespace aside; tests/test_robustness.py checks it
on fuzzed input, together with: title + 题注 + body = the input's characters.

Example:
    >>> import regtext
    >>> doc = regtext.parse('''第一章 总则
    ... 第一条 为了规范管理，制定本办法。
    ... 第二条 提供者应当遵守以下规定：
    ... （一）遵守法律；
    ... (二)尊重社会公德。
    ... 违反前款规定的，依法处理。''')
    >>> [n.ref for n in doc]
    ['ch1', '1', '1.1', '2', '2.1', '2.1.1', '2.1.2', '2.2']
    >>> doc.get("2.1.2").label
    '第二条第一款第（二）项'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .. import rules
from ..text.model import Document, Node, ParseWarning
from ..text.normalize import (
    Line,
    decode,
    html_to_text,
    looks_binary_text,
    looks_like_html,
    split_lines,
    traditional_share,
)
from ..text.numerals import CN_NUMERAL_CHARS
from ..text.numerals import cn_to_int as _cn_to_int
from ..text.numerals import int_to_cn as _int_to_cn

# numbering repeats endlessly across a corpus (第一条, （一）…): memoise the conversions
cn_to_int = lru_cache(maxsize=4096)(_cn_to_int)
int_to_cn = lru_cache(maxsize=4096)(_int_to_cn)

# numerals may be spaced out, as PDF copies do (第 十 二 条, 第 1 2 条); cn_to_int drops spaces
_DIGITS = _CN_DIGITS = CN_NUMERAL_CHARS
_NUM = rf"(?:[{_DIGITS}](?:[{_DIGITS} ]*[{_DIGITS}])?|\d(?:[\d ]*\d)?)"
_CN_NUM = rf"[{_CN_DIGITS}](?:[{_CN_DIGITS} ]*[{_CN_DIGITS}])?"
# 笫 is a common OCR/typing slip for 第 (农民专业合作社法 "笫五十四条")
_HEADING_RE = re.compile(rf"^[第笫]\s*({_NUM})\s*(编|分编|章|节)(.*)$")
_ARTICLE_RE = re.compile(rf"^[第笫]\s*({_NUM})\s*条(?:\s*之\s*({_NUM}))?(.*)$")
_ITEM_RE = re.compile(rf"^（\s*({_CN_NUM})\s*）\s*")
_SUBITEM_RE = re.compile(r"^(?:(\d{1,3})\s*[．.、](?!\d)|（\s*(\d{1,3})\s*）)\s*")
_TOC_RE = re.compile(r"^目\s*录$")
_TOC_LEADER_RE = re.compile(r"[\s.…·．_—-]*\d*\s*$")
_PREAMBLE_RE = re.compile(r"^序\s*言$")
_APPENDIX_RE = re.compile(r"^(附\s*件|附\s*录|附\s*表)\s*[一二三四五六七八九十\d]*[：:]?")
_NOTE_RE = re.compile(
    r"(\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?|[〇○零一二三四五六七八九]{4}年)"
    r".*(通过|公布|发布|施行|修正|修订|修改|决定|批准|令|征求意见)"
    r"|^（.*(通过|公布|施行|修正|修订)）?$|^(主席令|国务院令|.*令\s*第\s*\d+\s*号)"
)
# a line that starts like 第二十条 but goes on as a sentence about it: a cross-reference
_XREF_CONT_RE = re.compile(r"^(规定|的|所|、|，|,|至|和|及|或|与|中|第|之规定|之间|以|项下|后|前)")
# what follows 第X条 only in a list or range of references, never at the start of an article
# (rules/reference-continuations.tsv; full and half-width commas alike after folding)
_NEVER_HEAD_RE = re.compile(
    "^\\s*" + rules.alternation(rules.column("reference-continuations", "after") + (",",)))
# a paragraph that introduces quoted provisions (amendments: "增加五条…内容如下：")
_QUOTE_INTRO_RE = re.compile(
    r"(如下|修改为|改为|修订为|表述为|规定为|增加[一二三四五六七八九十\d]*条[^。]*)：$")
_TERMINAL = "。；：！？;:!?…”’」』"
#: Sentence punctuation: a line with none is a title, a label, a table row or a formula.
_PROSE_MARK_RE = re.compile(r"[，,、；;：:。！？]")
_FORMULA_RE = re.compile(r"[＝=]")
_IDEOGRAPH_RE = re.compile(r"[\u4e00-\u9fff]")
_KIND_OF = {"编": "part", "分编": "subpart", "章": "chapter", "节": "section"}
_PREFIX = {"part": "pt", "subpart": "spt", "chapter": "ch", "section": "sec"}
_EID = {"part": "part", "subpart": "subpart", "chapter": "chp", "section": "sec"}
_RANK = {"part": 0, "subpart": 1, "chapter": 2, "section": 3}
_CN_KIND = {"part": "编", "subpart": "分编", "chapter": "章", "section": "节"}


# -- mutable scaffolding, frozen at the end ---------------------------------------------


@dataclass
class _Item:
    number: int
    line: int
    parts: list[str]
    subitems: list[_Item] = field(default_factory=list)
    end_line: int = 0


@dataclass
class _Para:
    line: int
    lead: str
    items: list[_Item] = field(default_factory=list)
    end_line: int = 0


@dataclass
class _Article:
    number: int
    insert: int  # 之一 → 1
    line: int
    paras: list[_Para] = field(default_factory=list)
    end_line: int = 0

    @property
    def number_str(self) -> str:
        return f"{self.number}-{self.insert}" if self.insert else str(self.number)


@dataclass
class _Container:
    kind: str
    number: int
    heading: str
    line: int
    children: list = field(default_factory=list)  # _Container | _Article
    end_line: int = 0
    ordinal: bool = False  # read from an "一、总则" heading, not from 第一章


@dataclass
class _Loose:
    """Text outside any article: preamble, appendix."""

    kind: str
    line: int
    lines: list[str] = field(default_factory=list)
    end_line: int = 0


class _Builder:
    def __init__(self) -> None:
        self.top: list = []
        self.stack: list[_Container] = []
        self.article: _Article | None = None
        self.loose: _Loose | None = None
        self.warnings: list[ParseWarning] = []
        self.last_number: tuple[int, int] | None = None
        self.seen_articles: set[str] = set()
        self.body: list[str] = []
        # amendment texts quote whole provisions: "…增加五条…内容如下：" then 第七节 …,
        # 第一百二十三条 …; quoting = announced, in_quote = quoted lines are being read
        self.quoting = False
        self.in_quote = False
        self.formula = False  # the last body line was a displayed formula (see _runs_on)

    def warn(self, kind: str, line: int, message: str) -> None:
        self.warnings.append(ParseWarning(kind, line, message))

    # containers
    def open_heading(self, kind: str, number: int, heading: str, line: int) -> None:
        self.close_article()
        self.quoting = self.in_quote = False
        self.loose = None
        rank = _RANK[kind]
        while self.stack and _RANK[self.stack[-1].kind] >= rank:
            self._close_container(self.stack.pop())
        node = _Container(kind, number, heading, line)
        (self.stack[-1].children if self.stack else self.top).append(node)
        self.stack.append(node)

    def _close_container(self, node: _Container) -> None:
        if not _has_article(node):
            label = f"第{int_to_cn(node.number)}{_CN_KIND[node.kind]}"
            self.warn("empty-heading", node.line, f"{label} {node.heading} has no articles")

    def close_all(self, last_line: int) -> None:
        self.close_article()
        while self.stack:
            self._close_container(self.stack.pop())

    # articles
    def open_article(self, number: int, insert: int, line: int, first_text: str) -> None:
        self.close_article()
        self.loose = None
        self._check_number(number, insert, line)
        art = _Article(number, insert, line)
        if first_text:
            art.paras.append(_Para(line, first_text))
        self.quoting = bool(first_text) and bool(_QUOTE_INTRO_RE.search(first_text))
        self.in_quote = False
        (self.stack[-1].children if self.stack else self.top).append(art)
        self.article = art

    def close_article(self) -> None:
        self.article = None
        self.quoting = self.in_quote = False

    def add_quoted(self, line: Line, what: str) -> None:
        """A heading or article line quoted by the current article: kept as its text."""
        self.warn("quoted-article", line.no, f"{what} is quoted by the article before it "
                  "(amendment text); kept as that article's text")
        self.in_quote = True
        self.add_text(line)

    def _check_number(self, number: int, insert: int, line: int) -> None:
        label = f"第{int_to_cn(number)}条" + (f"之{int_to_cn(insert)}" if insert else "")
        key = f"{number}-{insert}"
        if key in self.seen_articles:
            self.warn("duplicate-number", line, f"{label} appears more than once")
        elif self.last_number is not None:
            prev, prev_ins = self.last_number
            if insert:
                ok = number == prev and insert == prev_ins + 1
            else:
                ok = number == prev + 1
            if not ok:
                if (number, insert) < (prev, prev_ins):
                    self.warn("out-of-order", line, f"{label} comes after a later article "
                              f"(第{int_to_cn(prev)}条)")
                elif insert:
                    self.warn("skipped-number", line, f"{label} follows 第{int_to_cn(prev)}条")
                else:
                    missing = number - prev - 1
                    self.warn("skipped-number", line,
                              f"{label} follows 第{int_to_cn(prev)}条: {missing} number(s) skipped")
        self.seen_articles.add(key)
        self.last_number = (number, insert)

    def expected_next(self) -> int:
        return 1 if self.last_number is None else self.last_number[0] + 1

    def add_text(self, line: Line) -> None:
        """A body line inside the current article: item, subitem or new paragraph."""
        art = self.article
        assert art is not None
        text = line.display
        if not self.in_quote:  # only the line right before quoted provisions announces them
            self.quoting = bool(_QUOTE_INTRO_RE.search(line.norm))
        if not (self.in_quote or self.quoting) and self._runs_on(line):
            return
        self.formula = False
        m_item = _ITEM_RE.match(line.norm)
        if m_item:
            value = cn_to_int(m_item.group(1)) or 0
            if not art.paras:
                art.paras.append(_Para(line.no, ""))
            art.paras[-1].items.append(_Item(value, line.no, [text]))
            return
        m_sub = _SUBITEM_RE.match(line.norm)
        if m_sub:
            value = int(m_sub.group(1) or m_sub.group(2))
            if art.paras and art.paras[-1].items:
                art.paras[-1].items[-1].subitems.append(_Item(value, line.no, [text]))
                return
            if not art.paras:
                art.paras.append(_Para(line.no, ""))
            art.paras[-1].items.append(_Item(value, line.no, [text]))
            return
        item = art.paras[-1].items[-1] if art.paras and art.paras[-1].items else None
        if item is not None and not item.subitems and _lists_open(item.parts):
            # （一）船舶全损的赔偿包括：/船舶价值损失；/…: the unnumbered entries of a list an
            # item announces are that item's words, not new 款
            item.parts.append(text)
            item.end_line = line.no
            return
        art.paras.append(_Para(line.no, text))

    def _runs_on(self, line: Line) -> bool:
        """Append ``line`` to the text before it when it goes on with it: True if done.

        Two typesetting breaks that are no new 款 (a blank line between them or not):
        - a sentence broken off mid-way (``…延长工作时间的，`` / ``按照不低于…支付`` /
          ``劳动者工资；``): the text before ends with ，/、 or, when it is prose (it has
          sentence punctuation) with no formula, with a character; the line starts with one;
        - a displayed formula (``应纳税额＝当期销项税额－当期进项税额``, no sentence
          punctuation) after the text that announces it (``…计算公式：``), and the lines
          without punctuation that go on with it (a fraction set over three lines).
        """
        art = self.article
        norm = line.norm
        if art is None or not art.paras or _structural(line) or not norm:
            return False
        para = art.paras[-1]
        item = para.items[-1] if para.items else None
        if item is not None and item.subitems:
            item = item.subitems[-1]
        prev = item.parts[-1] if item is not None else para.lead
        if not prev:
            return False
        bare = not _PROSE_MARK_RE.search(norm)  # no sentence punctuation at all
        formula = bare and bool(_FORMULA_RE.search(norm))
        end = prev[-1]
        if formula and (end in "：:" or self.formula):
            pass
        elif bare and self.formula:
            pass  # a formula's next line: 核定开采回采率 / 开采回采率系数＝ / 实际开采回采率
        elif not _IDEOGRAPH_RE.match(norm) or formula or _FORMULA_RE.search(prev):
            return False
        elif end in "，,、":
            pass
        elif not (_IDEOGRAPH_RE.match(end) and _PROSE_MARK_RE.search(prev)):
            return False
        # a formula keeps its own line; a broken sentence is mended
        sep = "\n" if formula or self.formula else ""
        self.formula = formula or (bare and self.formula)
        if item is not None:
            item.parts[-1] += sep + line.display
        else:
            para.lead += sep + line.display
        return True

    def add_loose(self, kind: str, line: Line) -> None:
        if self.loose is None or self.loose.kind != kind:
            self.loose = _Loose(kind, line.no)
            (self.stack[-1].children if self.stack and kind != "appendix" else self.top).append(
                self.loose)
        self.loose.lines.append(line.display)
        self.loose.end_line = line.no


def _lists_open(parts: list[str]) -> bool:
    """Whether an item's lines announce a list still going on: the item ends with ``：``
    (…包括：, …下列条件：) and every entry after it so far ends with ``；`` (an entry ending
    with ``。`` closes the list, and the next unnumbered line is a new 款)."""
    head, *entries = parts
    return head.rstrip().endswith(("：", ":")) and all(
        e.rstrip().endswith(("；", ";")) for e in entries)


def _has_article(node: _Container) -> bool:
    return any(isinstance(c, _Article) or (isinstance(c, _Container) and _has_article(c))
               for c in node.children)


# -- line joining -----------------------------------------------------------------------


def _structural(line: Line, expected: int = 0) -> bool:
    """True when ``line`` starts a unit (heading, article, item, 目录) and so never continues
    the line before. ``expected`` is the next article number, when known: 第七十条以营利为目的…
    right after 第六十九条 is an article head although it starts like a cross-reference."""
    n = line.norm
    m_art = _ARTICLE_RE.match(n)
    if m_art and _reads_as_xref(m_art.group(3)) and not (
            expected and _weak_head_continues(m_art, expected)):
        m_art = None  # "第二十条规定的…" continuing a wrapped sentence
    return bool(
        _HEADING_RE.match(n) or m_art or _ITEM_RE.match(n)
        or _SUBITEM_RE.match(n) or _TOC_RE.match(n.replace(" ", ""))
        or n == "<INFO-END>"
    )


def _is_note(norm: str) -> bool:
    """A 题注 line (adoption, promulgation, amendment). Notes are short; the length test
    also keeps the date-then-keyword pattern off long lines, where it would backtrack."""
    return len(norm) <= 200 and bool(_NOTE_RE.search(norm))


def _join_wrapped(lines: list[Line]) -> list[Line]:
    """Rejoin hard-wrapped lines (PDF copies): a line that does not end a sentence runs on
    into the next one when no blank line, indentation or structural marker intervenes."""
    # A hard-wrapped text whose paragraphs are separated by blank lines: there a line without
    # a blank line before it continues the line before even when that ended with 。 (the
    # wrap fell right after it). Wrapped = several lines run on after an unfinished sentence.
    after_stop = [ln.blank_before for prev, ln in zip(lines, lines[1:])
                  if prev.norm[-1:] in _TERMINAL]
    wraps = sum(1 for prev, ln in zip(lines, lines[1:]) if not ln.blank_before
                and prev.norm[-1:] not in _TERMINAL and not _structural(ln))
    blank_marked = (wraps >= 3 and len(after_stop) >= 5
                    and sum(after_stop) >= 0.95 * len(after_stop))
    # Runs of lines are collected as parts and joined once: re-testing and re-copying the
    # growing line at every join made a long wrapped text quadratic (8,000 lines: 112 s).
    out: list[Line] = []
    run: Line | None = None  # first line of the current run
    disp: list[str] = []
    norm: list[str] = []
    size = 0
    # whether the run's first line is prose that may continue: asked only when the next
    # line could continue it (most lines end a sentence), since the 题注 test is a search
    run_can_grow: bool | None = None

    def can_grow() -> bool:
        nonlocal run_can_grow
        if run_can_grow is None:
            run_can_grow = (run is not None and not run.md_level and run.norm != "<INFO-END>"
                            and not _looks_heading(run) and not _is_note(run.norm))
        return run_can_grow

    def close() -> None:
        if run is not None:
            out.append(run if len(disp) == 1 else Line(
                run.no, "".join(disp), "".join(norm), 0, run.indented, run.blank_before))

    expected = 0  # next article number, once one article head has been seen
    for line in lines:
        if (
            run is not None
            and not line.md_level
            and not line.blank_before
            and not line.indented
            and (blank_marked or norm[-1][-1:] not in _TERMINAL)
            and size >= 15  # short lines are titles or labels, not wrapped prose
            and can_grow()
            and not _structural(line, expected)
        ):
            sep = " " if norm[-1][-1:].isascii() and line.norm[:1].isascii() else ""
            disp.append(sep + line.display)
            norm.append(sep + line.norm)
            size += len(sep) + len(line.norm)
            continue
        close()
        m_art = _ARTICLE_RE.match(line.norm)
        if m_art and not m_art.group(2) and (
                not _reads_as_xref(m_art.group(3)) or _weak_head_continues(m_art, expected)):
            expected = (cn_to_int(m_art.group(1)) or 0) + 1
        run, disp, norm, size = line, [line.display], [line.norm], len(line.norm)
        run_can_grow = None
    close()
    return out


def _reads_as_xref(rest: str) -> bool:
    """True when what follows 第X条 continues a sentence about it (规定的, 、第…, 至…)."""
    return bool(rest) and rest[:1] not in " 【[\u3000" and bool(_XREF_CONT_RE.match(rest))


def _weak_head_continues(m_art: re.Match, expected: int) -> bool:
    """A line that starts like a cross-reference (第七十条以营利为目的…) but carries the next
    article number: an article head whose separator was lost, unless what follows the
    number only ever continues a list or range of references (第七十条、第七十一条…)."""
    if m_art.group(2):
        return False  # 第十条之一 heads are recognised without continuity
    return (cn_to_int(m_art.group(1)) or 0) == expected and not _NEVER_HEAD_RE.match(
        m_art.group(3))


def _strong_heads(lines: list[Line]) -> dict[tuple[int, int], list[int]]:
    """Line numbers of every line that reads as an article head whatever the numbering
    around it (a separator after 条, or text that does not continue a reference), by
    (number, insert). A line that only looks like a head by continuity yields to these."""
    out: dict[tuple[int, int], list[int]] = {}
    for line in lines:
        m = _ARTICLE_RE.match(line.norm)
        if m and not _reads_as_xref(m.group(3)):
            number = cn_to_int(m.group(1)) or 0
            insert = (cn_to_int(m.group(2)) or -1) if m.group(2) else 0
            out.setdefault((number, insert), []).append(line.no)
    return out


def _toc_lines(lines: list[Line]) -> set[int]:
    """Line numbers of a chapter list without a 目录 header: the headings before the first
    article, when the first of them comes back later (北京中轴线…条例 lists its five chapters,
    then starts again at 第一章)."""
    heads: list[tuple[str, int]] = []
    for line in lines:
        if _ARTICLE_RE.match(line.norm):
            break
        m = _HEADING_RE.match(line.norm)
        if m and _heading_ok(line.norm, m):
            heads.append((re.sub(r"\s+", "", line.norm), line.no))
        elif heads:
            break  # prose after the first heading: not a bare list of headings
    if len(heads) < 2:
        return set()
    first = heads[0][0]
    for j in range(1, len(heads)):
        if heads[j][0] == first:
            return {no for _, no in heads[:j]}
    return set()


def _looks_heading(line: Line) -> bool:
    m = _HEADING_RE.match(line.norm)
    return bool(m and _heading_ok(line.norm, m))


def _heading_ok(norm: str, m: re.Match) -> bool:
    rest = m.group(3)
    if not rest.strip():
        return True
    if rest[:1] != " " and _XREF_CONT_RE.match(rest):
        return False
    rest = rest.strip()
    limit = 80 if rest.isascii() else 40  # an English translation's headings are longer
    return len(rest) <= limit and not any(p in rest for p in "。；;，")


_GAP_RE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def _squeeze(heading: str) -> str:
    """Drop the spacing in 总　则 but keep the spaces between words of an English heading."""
    return _GAP_RE.sub("", heading).strip()


# -- the parser ---------------------------------------------------------------------------


def parse(text: str | bytes, id: str | None = None, title: str | None = None) -> Document:  # noqa: A002
    """Parse a law or regulation into a :class:`~regtext.model.Document`.

    Accepts LawRefBook-style Markdown, plain text (full-width spaces, hard-wrapped lines,
    half-width ``(一)``), HTML and traditional characters; bytes are decoded (UTF-8, then
    GB18030 with a warning). Never raises on odd input.

    Args:
        text: the text, or raw bytes.
        id: an id for the document (used in graph node ids and messages).
        title: overrides the detected title.

    Example:
        >>> doc = parse("第一条 为了测试，制定本办法。\\n第三条 本办法自公布之日起施行。", id="t")
        >>> [a.ref for a in doc.articles], doc.warnings[0].kind
        (['1', '3'], 'skipped-number')
    """
    pre_warnings: list[ParseWarning] = []
    name = id or "input"
    if isinstance(text, (bytes, bytearray)):
        data = bytes(text)
        text, pre_warnings = decode(data, name)
        if any(w.kind == "binary" for w in pre_warnings):
            what = ("a PDF" if data.startswith(b"%PDF-") else "a Word .docx (or other zip)"
                    if data.startswith(b"PK\x03\x04") else "a legacy Office (.doc)"
                    if data.startswith(b"\xd0\xcf\x11\xe0") else "")
            if what:  # say how to read it instead
                pre_warnings = [ParseWarning("binary", 0, f"{name}: binary data (the bytes of "
                                             f"{what} file), not text; nothing parsed. Use "
                                             "regtext.read(path) for .docx and .pdf files")]
            return Document(id, title or "", warnings=tuple(pre_warnings))
    elif not isinstance(text, str):
        raise TypeError(f"parse() takes str or bytes, not {type(text).__name__}")
    if looks_binary_text(text):
        return Document(id, title or "", warnings=(
            ParseWarning("binary", 0, f"{name}: binary data, not text; nothing parsed"),))
    html_title = ""
    if looks_like_html(text):
        text, html_title = html_to_text(text)
        pre_warnings.append(ParseWarning("html", 0, f"{name}: HTML input; tags, scripts and "
                                         "styles stripped"))
    if len(text) > 5_000_000:
        pre_warnings.append(ParseWarning("large-input", 0, f"{name}: large input "
                                         f"({len(text) / 1e6:.1f} M characters)"))
    share = traditional_share(text)
    if share > 0.05:
        pre_warnings.append(ParseWarning("traditional", 0, f"{name}: traditional characters "
                                         f"({share:.0%} of Chinese characters) folded to "
                                         "simplified for matching; the original is kept"))
    lines, has_info_end = split_lines(text)
    if not lines:
        return Document(id, title or html_title, warnings=tuple(pre_warnings) + (
            ParseWarning("empty", 0, f"{name}: empty input; no articles"),))
    return _build(lines, has_info_end, id, title, html_title, pre_warnings)


# characters every Chinese law is full of, in both scripts: a right decoding has many
def _build(lines: list[Line], has_info_end: bool, id: str | None, title: str | None,  # noqa: A002
           html_title: str, pre_warnings: list[ParseWarning]) -> Document:
    b = _Builder()
    b.warnings.extend(pre_warnings)
    detected_title = ""
    notes: list[str] = []
    i = 0
    # title: a Markdown H1, or a short first line that is not structure and not a sentence
    first = lines[0]
    if first.md_level == 1 or (
        not _structural(first) and len(first.norm) <= 60
        and first.norm[-1:] not in _TERMINAL and not _is_note(first.norm)
    ):
        detected_title = first.display
        i = 1
        while i < len(lines) and lines[i].md_level == 1:  # 中华人民共和国民法典 / 人格权编
            detected_title += " " + lines[i].display
            i += 1
        # a title wrapped over two lines (…管理办法 / （征求意见稿）)
        if i < len(lines) and re.match(r"^（[^）]{1,12}）$", lines[i].norm):
            detected_title += lines[i].display
            i += 1
    if has_info_end:
        while i < len(lines) and lines[i].norm != "<INFO-END>":
            notes.append(lines[i].display)
            i += 1
        i += 1
    lines = _join_wrapped(lines[i:])
    in_toc = False
    toc_seen: set[str] = set()
    toc_skip = _toc_lines([ln for ln in lines if ln.norm != "<INFO-END>"])
    strong = _strong_heads(lines)
    started = False
    # Document.text ("the normalised body") gets one entry per line the tree holds: headings
    # and article markers in canonical form (第一章 总则, 第一条), everything else as displayed.
    # Lines that are not body (title, 题注, 目录, 序言 marker) are left out.
    explicit = _explicit_heads(lines)
    for idx, line in enumerate(lines):
        norm = line.norm
        if norm == "<INFO-END>" or line.no in toc_skip:
            continue
        compact = norm.replace(" ", "")
        b.body.append(line.display)
        if _TOC_RE.match(compact) and not b.top:
            in_toc = not toc_skip  # a chapter list found by _toc_lines is already skipped
            b.body.pop()
            continue
        m_head = _HEADING_RE.match(norm)
        if m_head and (_heading_ok(norm, m_head) or _comma_heading_continues(b, norm, m_head)):
            if b.quoting and b.article is not None:
                b.add_quoted(line, norm[:m_head.end(2)])
                continue
            kind = _KIND_OF[m_head.group(2)]
            number = cn_to_int(m_head.group(1)) or 0
            heading = _squeeze(m_head.group(3).strip(" 　"))
            # a 目录 copied from Word or a PDF ends its entries with leaders and a page number
            key = f"{kind}{number}{_TOC_LEADER_RE.sub('', heading)}"
            if in_toc:
                if key not in toc_seen:
                    toc_seen.add(key)
                    b.body.pop()
                    continue
                in_toc = False
            started = True
            shown = _display_heading(line.display, heading)
            b.body[-1] = f"第{int_to_cn(number)}{m_head.group(2)} {shown}".rstrip()
            b.open_heading(kind, number, shown, line.no)
            continue
        m_art = _ARTICLE_RE.match(norm)
        if m_art:
            number = cn_to_int(m_art.group(1)) or 0
            insert = (cn_to_int(m_art.group(2)) or -1) if m_art.group(2) else 0
            rest = m_art.group(3)
            is_heading = number > 0 and insert >= 0 and not _reads_as_xref(rest) and (
                not rest or rest[:1] in " 【[\u3000" or number == b.expected_next() or insert
            )
            if (not is_heading and number > 0 and not insert and not _reads_as_xref(rest)
                    and (number > b.expected_next() or b.last_number is None)
                    and (idx == 0 or _ends_sentence(lines[idx - 1].norm)
                         or b.last_number is None or _looks_heading(lines[idx - 1])
                         or (b.article is None and b.stack and not _has_article(b.stack[-1])))):
                # a separator lost where numbering starts late (民法典's 编, 第九百八十九条本编…)
                # or the source skips a number (第十五条 … 第十七条市人民代表大会…), after a
                # finished sentence: a head, unless its number comes later as one
                is_heading = not any(no > line.no for no in strong.get((number, 0), ()))
            if (not is_heading and number > 0 and insert > 0 and b.last_number is not None
                    and b.last_number == (number, insert - 1) and not _NEVER_HEAD_RE.match(rest)):
                # 第一百二十条之三以… right after 第一百二十条之二: the next inserted article
                is_heading = not any(no > line.no for no in strong.get((number, insert), ()))
            if not is_heading and number > 0 and _weak_head_continues(m_art, b.expected_next()):
                # continuity outweighs the cross-reference look, unless a line further on
                # is unmistakably this article's head
                is_heading = not any(no > line.no for no in strong.get((number, 0), ()))
            marker = norm[:m_art.end(2) if m_art.group(2) else m_art.start(3)]
            if is_heading and b.quoting and b.article is not None and not _continues(b, number,
                                                                                    insert):
                # 第五十二条 "…增加五条…内容如下：" then 第一百二十三条 …: quoted, not ours
                b.add_quoted(line, marker)
                continue
            if is_heading:
                if in_toc:
                    in_toc = False
                started = True
                offset = len(line.norm) - len(rest.lstrip(" "))
                first_text = line.display[offset:]
                label = f"第{int_to_cn(number)}条" + (f"之{int_to_cn(insert)}" if insert else "")
                b.body[-1] = f"{label} {first_text}".rstrip()
                b.open_article(number, insert or 0, line.no, first_text)
                continue
            b.warn("cross-reference-line", line.no,
                   f"line starts like an article ({marker}) but reads as a cross-reference; "
                   "kept as text")
        if in_toc:
            b.body.pop()
            continue
        if _PREAMBLE_RE.match(compact):
            b.body.pop()  # the marker; the node's label says 序言
            b.close_article()
            b.loose = _Loose("preamble", line.no)
            b.top.append(b.loose)
            continue
        stray = None if in_toc else _stray_heading(b, lines, idx, explicit)
        if stray is not None:
            kind, number, heading = stray
            if kind == "continued":
                b.stack[-1].heading += heading
                continue
            label = f"第{int_to_cn(number)}{_CN_KIND[kind]}"
            b.warn("inferred-heading", line.no, f"{line.display[:30]}: a heading line "
                   f"without a 第X{_CN_KIND[kind]} marker; read as {label}")
            ordinal = bool(_ORDINAL_HEAD_RE.match(norm) or _ITEM_RE.match(norm))
            b.open_heading(kind, number, heading, line.no)
            b.stack[-1].ordinal = ordinal
            started = True
            continue
        if b.article is not None and _APPENDIX_RE.match(compact) and len(compact) <= 40 \
                and "。" not in compact:
            b.close_all(line.no)
            b.add_loose("appendix", line)
            continue
        if b.article is not None:
            b.add_text(line)
            continue
        if b.loose is not None:
            b.loose.lines.append(line.display)
            b.loose.end_line = line.no
            continue
        if not started and _is_note(norm):
            notes.append(line.display)
            b.body.pop()
            continue
        if not started and not detected_title and not title and len(norm) <= 60 \
                and norm[-1:] not in _TERMINAL:
            detected_title = line.display
            b.body.pop()
            continue
        kind = "preamble" if not b.stack else "orphan"
        if kind == "orphan":
            b.warn("orphan-text", line.no, f"text outside any article: {line.display[:30]}")
            b.add_loose("preamble", line)
        else:
            b.add_loose("preamble", line)
    b.close_all(lines[-1].no if lines else 0)
    children = _freeze(b.top, b.warnings)
    doc_title = title or detected_title or html_title
    if not any(True for c in children for n in c.walk() if n.kind == "article"):
        b.warnings.append(ParseWarning("no-articles", 0, f"{id or 'input'}: no articles (第…条) "
                                       "found; the tree has no article nodes"))
    return Document(id, doc_title, tuple(children), tuple(notes), tuple(b.warnings),
                    text="\n".join(b.body))


# "一、一般规定": the divisions of many judicial interpretations, numbered without 第X章
_ORDINAL_HEAD_RE = re.compile(r"^([一二三四五六七八九十百]+)\s*、\s*(\S.*)$")
_SENTENCE_MARKS = frozenset("。；;：:，,！!？?")
_MARKS_BUT_COMMA = _SENTENCE_MARKS - {"，"}  # a heading may hold a full-width comma
# a heading wrapped over two lines breaks at a connective (…人民法院和 / 人民检察院的…)
_HEAD_JOIN_END = rules.column("heading-connectives", "connective", position="end")
_HEAD_JOIN_START = rules.column("heading-connectives", "connective", position="start")
_WRAPPED_HEADING_MIN = 12  # a heading line this long may wrap; shorter ones are whole
# headings that Chinese drafting practice (立法技术规范) gives the rank of a chapter
_CHAPTER_ONLY_HEADINGS = rules.column("chapter-rank-headings", "heading")


def _comma_heading_continues(b: _Builder, norm: str, m: re.Match) -> bool:
    """第三章 审查和批准决算，听取和审议…: a heading may hold a comma (never 。 or ；) when it
    is the next division of its kind after a division that has articles."""
    rest = m.group(3).strip()
    kind = _KIND_OF[m.group(2)]
    if not rest or len(rest) > 40 or any(p in rest for p in "。；;") or _XREF_CONT_RE.match(
            m.group(3)):
        return False
    same = [c for c in b.stack if c.kind == kind]
    return bool(same) and (cn_to_int(m.group(1)) or 0) == same[-1].number + 1 and _has_article(
        same[-1])


def _next_article(lines: list[Line], idx: int, within: int = 4) -> int:
    """The number of the first article head within a few lines after ``lines[idx]`` (0: none)."""
    for line in lines[idx + 1: idx + 1 + within]:
        m = _ARTICLE_RE.match(line.norm)
        if m and not m.group(2):
            return cn_to_int(m.group(1)) or 0
    return 0


def _explicit_heads(lines: list[Line]) -> dict[tuple[str, int], list[int]]:
    """Line numbers of the 第X编/章/节 headings, by (kind, number)."""
    out: dict[tuple[str, int], list[int]] = {}
    for line in lines:
        m = _HEADING_RE.match(line.norm)
        if m and _heading_ok(line.norm, m):
            key = (_KIND_OF[m.group(2)], cn_to_int(m.group(1)) or 0)
            out.setdefault(key, []).append(line.no)
    return out


def _ends_sentence(norm: str) -> bool:
    return norm[-1:] in "。！？!?" or norm[-2:] in ("。”", "。」", "。’")


def _stray_heading(b: _Builder, lines: list[Line], idx: int,
                   explicit: dict[tuple[str, int], list[int]]) -> tuple[str, int, str] | None:
    """A heading line that lost its 第X章/节 marker or was wrapped onto a second line.

    Two rules, both about a short line (at most 30 characters, no sentence punctuation, not an
    item) that is followed directly by an article head:

    * Between two articles whose numbers run on (the line before ends a sentence, the line
      after is the next article): a heading, not text of the article before. It is the next
      division of the innermost kind open (第一章 … then a bare 城乡规划的制定和修改 is 第二章),
      unless that 第X章 appears later with its marker; "九、附则" is division 九; in a text
      without divisions only a Markdown heading qualifies. Returns ``(kind, number, heading)``.
    * Right after a heading: its second line when the heading breaks at a connective
      (…人民法院和 / 人民检察院的专项工作报告) or is long enough to wrap, returned as
      ``("continued", 0, text)``; after a short chapter heading, the lost 第一节 marker of
      its first section (第三章 业主自治管理 / 业主 / 第十八条…).

    Anything else (a text without divisions, a line after a colon, numbering that does not
    run on) stays text.
    """
    line = lines[idx]
    norm = line.norm
    squeezed = norm.replace(" ", "")
    if (line.md_level == 1 or not squeezed or len(squeezed) > 30
            or not _MARKS_BUT_COMMA.isdisjoint(norm) or _SUBITEM_RE.match(norm)
            or _is_note(norm) or idx == 0 or idx + 1 >= len(lines)):
        return None
    if _APPENDIX_RE.match(squeezed) or any(c.kind in ("part", "subpart") for c in b.stack):
        # 附件一 is an attachment; in a code divided into 编, an unmarked heading (刑法's
        # 附则) stands outside the numbering, so no number is invented for it
        return None
    m_item = _ITEM_RE.match(norm)
    inner = b.stack[-1] if b.stack else None
    if m_item and not (inner is not None and inner.ordinal):
        return None  # an item; only under "一、…" divisions does "（一）…" head a subdivision
    prev, nxt = lines[idx - 1], lines[idx + 1]
    m_next = _ARTICLE_RE.match(nxt.norm)
    next_continues = bool(m_next) and not m_next.group(2) and (
        cn_to_int(m_next.group(1)) or 0) == b.expected_next()
    heading = _squeeze(line.display) if len(_squeeze(line.display)) == len(squeezed) \
        else squeezed
    # right after a heading that has nothing under it yet
    if inner is not None and inner.line == prev.no and not inner.children and b.article is None:
        if not (next_continues or _looks_heading(nxt)):
            return None
        if (inner.heading.endswith(_HEAD_JOIN_END) or "，" in inner.heading
                or squeezed.startswith(_HEAD_JOIN_START)
                or len(inner.heading) >= _WRAPPED_HEADING_MIN):
            return "continued", 0, heading
        if "，" in norm:
            return None
        if inner.kind == "chapter" and next_continues and not explicit.get(("section", 1)):
            return "section", 1, heading
        return None
    # a Markdown heading is marked as one: the next article need not follow right after it
    # (a （一） subdivision may come first), but must come and continue the numbering
    marked = line.md_level >= 2 and _next_article(lines, idx) == b.expected_next()
    if "，" in norm or not (next_continues or marked) or not _ends_sentence(prev.norm):
        return None
    if b.article is None and (b.loose is None or b.loose.kind != "preamble"):
        return None
    if m_item:  # （一）担保合同与担保物权的效力 under 三、关于担保物权
        number = cn_to_int(m_item.group(1)) or 0
        if inner is not None and inner.kind == "chapter" and number == 1:
            return "section", 1, heading
        if inner is not None and inner.kind == "section" and number == inner.number + 1:
            return "section", number, heading
        return None
    m_ord = _ORDINAL_HEAD_RE.match(norm)
    if m_ord:
        number = cn_to_int(m_ord.group(1)) or 0
        for c in reversed(b.stack):  # 四、 after 三、's （三）: the next of the 一、 series
            if c.ordinal and _ORDINAL_HEAD_RE.match(c.heading):
                return (c.kind, number, heading) if number == c.number + 1 else None
        if inner is None or inner.kind in ("part", "subpart"):
            return ("chapter", number, heading) if inner is None or number == 1 else None
        if inner.kind == "chapter" and number == 1:
            return "section", 1, heading
        return None
    if inner is None:
        if line.md_level < 2:
            return None
        count = sum(isinstance(c, _Container) for c in b.top)
        return "chapter", count + 1, heading
    kind, number = inner.kind, inner.number + 1
    chapter = next((c for c in reversed(b.stack) if c.kind == "chapter"), None)
    if kind == "section" and chapter is not None and (
            squeezed in _CHAPTER_ONLY_HEADINGS
            or (explicit.get(("chapter", chapter.number + 2))
                and not explicit.get(("chapter", chapter.number + 1)))):
        # after a chapter's sections, 法律责任 and 附则 are chapters (drafting practice puts
        # them at chapter rank), and so is a line where the chapter numbering has a gap
        kind, number = "chapter", chapter.number + 1
    if any(no > line.no for no in explicit.get((kind, number), ())):
        return None  # that division comes later with its marker: this line is something else
    return kind, number, heading


def _continues(b: _Builder, number: int, insert: int) -> bool:
    """True when 第{number}条(之{insert}) is the next article of this document."""
    if b.last_number is None:
        return number == 1
    prev, prev_ins = b.last_number
    return number == prev + 1 if not insert else number == prev


def _display_heading(display: str, heading_norm: str) -> str:
    """The heading as written (traditional kept), without the 第X章 prefix and spaces."""
    m = re.match(r"^[第笫][^编章节]*?(编|章|节)", display)
    rest = display[m.end():] if m else display
    rest = _squeeze(rest)
    return rest if len(rest) == len(heading_norm) else heading_norm


# -- freezing ------------------------------------------------------------------------------


def _art_label(art: _Article) -> str:
    return f"第{int_to_cn(art.number)}条" + (f"之{int_to_cn(art.insert)}" if art.insert else "")


def _node(kind: str, number: str, ref: str, label: str, eid: str, text: str, lead: str,
          heading: str, children: tuple, line: int, end_line: int) -> Node:
    """``Node(...)`` without the frozen dataclass's per-field ``object.__setattr__`` (the
    same object: Node has no ``__post_init__``); a fifth of parsing time went to them. The
    fields are stored one by one: twice as fast as a zip over the field names."""
    node = object.__new__(Node)
    d = node.__dict__
    d["kind"] = kind
    d["number"] = number
    d["ref"] = ref
    d["label"] = label
    d["eid"] = eid
    d["text"] = text
    d["lead"] = lead
    d["heading"] = heading
    d["children"] = children
    d["line"] = line
    d["end_line"] = end_line
    return node


def _freeze(top: list, warnings: list[ParseWarning]) -> list[Node]:
    used: set[str] = set()
    has_parts = any(isinstance(c, _Container) and c.kind in ("part", "subpart") for c in top)
    loose_count: dict[str, int] = {}

    next_dup: dict[str, int] = {}  # per ref, where to resume the #k search (no rescans)

    def unique(ref: str) -> str:
        if ref not in used:
            used.add(ref)
            return ref
        k = next_dup.get(ref, 2)
        while f"{ref}#{k}" in used:
            k += 1
        next_dup[ref] = k + 1
        used.add(f"{ref}#{k}")
        return f"{ref}#{k}"

    def freeze(obj, prefix: str, eid_prefix: str, label_prefix: str) -> Node:  # noqa: ANN001
        if isinstance(obj, _Container):
            own = f"{_PREFIX[obj.kind]}{obj.number}"
            ref = unique(f"{prefix}.{own}" if prefix and (has_parts or obj.kind == "section")
                         else own)
            eid = (f"{eid_prefix}__" if eid_prefix else "") + f"{_EID[obj.kind]}_{obj.number}"
            label = label_prefix + f"第{int_to_cn(obj.number)}{_CN_KIND[obj.kind]}"
            kids = [freeze(c, ref, eid, label if obj.kind != "part" or True else "")
                    for c in obj.children]
            end = max([k.end_line for k in kids] + [obj.line])
            text = "\n".join(k.text for k in kids if k.kind not in ("appendix",))
            return _node(obj.kind, str(obj.number), ref, label, eid, text, "", obj.heading,
                         tuple(kids), obj.line, end)
        if isinstance(obj, _Loose):
            n = loose_count.get(obj.kind, 0) + 1
            loose_count[obj.kind] = n
            base = obj.kind if n == 1 else f"{obj.kind}-{n}"
            ref = unique(base)
            label = {"preamble": "序言", "appendix": "附件"}[obj.kind] + ("" if n == 1 else str(n))
            eid = f"{'preamble' if obj.kind == 'preamble' else 'att'}_{n}"
            text = "\n".join(obj.lines)
            return _node(obj.kind, "" if n == 1 else str(n), ref, label, eid, text, text, "",
                         (), obj.line, max(obj.end_line, obj.line))
        art: _Article = obj
        ref = unique(art.number_str)
        if ref != art.number_str:
            pass  # duplicate already warned when read
        label = _art_label(art)
        eid = f"art_{ref.replace('#', '_dup')}"
        multi = len(art.paras) > 1
        paras = []
        for pi, para in enumerate(art.paras, start=1):
            pref = f"{ref}.{pi}"
            plabel = label + (f"第{int_to_cn(pi)}款" if multi else "")
            peid = f"{eid}__para_{pi}"
            items = []
            item_seen: set[int] = set()
            for item in para.items:
                iref = f"{pref}.{item.number}"
                if item.number in item_seen:
                    warnings.append(ParseWarning("duplicate-number", item.line,
                                                 f"{plabel}: item （{int_to_cn(item.number)}） "
                                                 "appears twice"))
                item_seen.add(item.number)
                iref = unique(iref)
                ilabel = plabel + f"第（{int_to_cn(item.number)}）项"
                ieid = f"{peid}__point_{iref.rsplit('.', 1)[1].replace('#', '_dup')}"
                subs = []
                for sub in item.subitems:
                    sref = unique(f"{iref}.{sub.number}")
                    seid = f"{ieid}__subpoint_{sref.rsplit('.', 1)[1].replace('#', '_dup')}"
                    subs.append(_node("subitem", str(sub.number), sref,
                                      ilabel + f"第{sub.number}目", seid,
                                      "\n".join(sub.parts), "\n".join(sub.parts), "", (),
                                      sub.line, sub.line))
                own = "\n".join(item.parts)
                itext = "\n".join([own] + [s.text for s in subs])
                iend = max([s.end_line for s in subs] + [item.line, item.end_line])
                items.append(_node("item", str(item.number), iref, ilabel, ieid, itext, own, "",
                                   tuple(subs), item.line, iend))
            ptext = "\n".join(([para.lead] if para.lead else []) + [it.text for it in items])
            pend = max([it.end_line for it in items] + [para.line])
            paras.append(_node("paragraph", str(pi), unique(pref), plabel, peid, ptext,
                               para.lead, "", tuple(items), para.line, pend))
        atext = "\n".join(p.text for p in paras)
        aend = max([p.end_line for p in paras] + [art.line])
        return _node("article", art.number_str, ref, label, eid, atext, "", "", tuple(paras),
                     art.line, aend)

    return [freeze(obj, "", "", "") for obj in top]


def read(path: str | Path, id: str | None = None, title: str | None = None) -> Document:  # noqa: A002
    """Read and parse a file: Markdown, plain text or HTML in any common Chinese encoding,
    Word .docx, or a PDF with a text layer (see :mod:`regtext.text.office`).

    Raises ``FileNotFoundError`` naming the path when it does not exist, and
    :class:`~regtext.text.office.UnreadableFileError` (a ``ValueError``) saying what to do
    for a legacy .doc, a scanned PDF, a damaged file or one over the size limits; everything
    about the content itself becomes warnings on the returned document.

    Example:
        >>> import regtext, tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "law.txt"
        >>> _ = p.write_text("第一条 测试。", encoding="gbk")
        >>> doc = regtext.read(p)
        >>> len(doc.articles), doc.warnings[0].kind
        (1, 'encoding')
    """
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"no such file: {p}")
    if p.is_dir():
        raise IsADirectoryError(f"{p} is a directory, not a text file")
    from . import office

    with p.open("rb") as fh:
        head = fh.read(8)
    kind = office.kind_of(p, head)
    if kind == "doc":
        raise office.legacy_doc(p)
    if kind in ("docx", "pdf"):
        text, notes = (office.docx_text if kind == "docx" else office.pdf_text)(p)
        doc = parse(text, id=id or p.stem, title=title)
        what = "Word .docx" if kind == "docx" else "PDF text layer"
        extra = tuple(ParseWarning(kind, 0, f"{p.name}: {note}") for note in notes)
        return replace(doc, warnings=(ParseWarning(kind, 0, f"{p.name}: read from the {what}"),)
                       + extra + doc.warnings)
    data = p.read_bytes()
    return parse(data, id=id or p.stem, title=title)
