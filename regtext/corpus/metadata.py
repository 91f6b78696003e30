"""What a law file says about itself in its first few kilobytes: title, dates, issuer, type.

Used by :func:`regtext.corpus.register` to index thousands of files without parsing them: only
the head of each file is read (:data:`HEAD_BYTES`). The rules that say which kind of instrument a
file is (法律, 行政法规, 部门规章, 司法解释, 地方性法规) live in
``regtext/_data/rules/document-types.tsv``.

Example:
    >>> head = ("# 中华人民共和国反垄断法\\n\\n2007年8月30日 第十届全国人民代表大会常务委员会"
    ...         "第二十九次会议通过\\n\\n<!-- INFO END -->\\n\\n第一条 为了预防和制止垄断行为。")
    >>> m = head_metadata(head, "经济法/反垄断法(2022-06-24).md")
    >>> m.title, m.short_title, m.date, m.doc_type, m.issuer
    ('中华人民共和国反垄断法', '反垄断法', '2022-06-24', '法律', '全国人民代表大会常务委员会')
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath

from .. import rules
from ..text.normalize import fold
from ..text.terms import abbreviation_re

#: How much of each file is read for its metadata (the title block and the first articles).
HEAD_BYTES = 8192

#: The kinds of instrument, highest rank first (used to break ties between equal titles).
DOC_TYPES = ("法律", "行政法规", "司法解释", "部门规章", "地方性法规")

_CN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_FILE_DATE = re.compile(r"[(（](\d{4}-\d{2}-\d{2})[)）]$")
_TRAILING_PAREN = re.compile(r"[（(][^（）()]*[）)]$")
_ARTICLE_LINE = re.compile(r"^\s*第[一二三四五六七八九十百千零〇两\d]+条")
_ARTICLE_NUMBER = re.compile(r"^第([一二三四五六七八九十百千零〇两]+)条")
_EFFECT_ONLY = re.compile(r"(?:自|于)?(?:起)?施行[。）)]?")
_SESSION = re.compile(r"第[一二三四五六七八九十百零〇\d]+届")
# the body named at the start of a header line ends where its act begins: 令, a meeting, 公告…
_ORGAN = re.compile(r"([\u4e00-\u9fff、]+?)(?=令|第|\s|(?:[室部局委署行常]务)?会议|公告|审议|通过|"
                    r"公布|发布|批准|$)")
# a court's or procuratorate's internal committee adopts on behalf of the institution
_INTERNAL_COMMITTEE = re.compile(r"(?:审判|检察)委员会$")


@dataclass(frozen=True)
class HeadMetadata:
    """What the head of one law file says about it (empty strings when it does not say)."""

    title: str
    short_title: str
    date: str          # the version's date: from the file name, else the latest header date
    adopted: str       # the earliest header date
    effective: str     # the date of a 施行 line, when there is one
    issuer: str
    doc_type: str      # one of DOC_TYPES, or ""
    category: str      # the folder the file sits in, relative to the collection
    abbreviations: tuple[tuple[str, str], ...]  # (简称, full title of a law) defined in the head
    whole: str = ""        # for one book of a code (民法典/总则.md): the code's title
    part: str = ""         # … and the book's heading (总则, 物权编…)
    first_article: int = 0  # the number of the first article in the head (orders a code's books)


def iso_date(text: str) -> str:
    """The first ``YYYY年M月D日`` in ``text`` as an ISO date, or ``""``.

    Example:
        >>> iso_date("2021年8月1日 施行"), iso_date("施行")
        ('2021-08-01', '')
    """
    m = _CN_DATE.search(text)
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else ""


def short_title(title: str) -> str:
    """The title as usually cited: without 中华人民共和国 and without 《》.

    Example:
        >>> short_title("《中华人民共和国民事诉讼法》")
        '民事诉讼法'
    """
    return title.strip().strip("《》").replace("中华人民共和国", "").strip()


def core_title(title: str) -> str:
    """The title without a trailing （…） such as （试行） or （2018年修正）.

    Example:
        >>> core_title("人民检察院刑事诉讼规则（试行）"), core_title("刑法修正案（十一）")
        ('人民检察院刑事诉讼规则', '刑法修正案（十一）')
    """
    core = _TRAILING_PAREN.sub("", title).strip()
    # a numbered part (（二）, （十一）) belongs to the title: it names another instrument
    if core != title and re.fullmatch(r"[（(][一二三四五六七八九十]+[）)]", title[len(core):]):
        return title
    return core or title


def without_issuer(title: str) -> str:
    """A title without the issuing bodies that open it (最高人民法院关于… → 关于…), as texts of
    the same system often cite it; the title itself when it does not open with an issuer.

    Example:
        >>> without_issuer("最高人民法院、最高人民检察院关于执行《刑法》确定罪名的规定")
        '关于执行《刑法》确定罪名的规定'
        >>> without_issuer("上海市关于某事的决定")  # a place is not an issuing body
        '上海市关于某事的决定'
    """
    m = re.match(r"([\u4e00-\u9fff、]{2,60}?)关于", title)
    if not m:
        return title
    organs = m.group(1).replace("中华人民共和国", "").split("、")
    if all(o and any(o.endswith(w) for w in _words("issuer")) for o in organs):
        return title[m.end(1):]
    return title


def issuer_of(line: str) -> str:
    """The issuing body named by a header line (or opening a title); ``""`` when none is.

    Example:
        >>> issuer_of("2010年12月23日 北京市第十三届人民代表大会常务委员会第二十二次会议通过")
        '北京市人民代表大会常务委员会'
        >>> issuer_of("2021年5月18日 最高人民法院审判委员会第1838次会议通过")
        '最高人民法院'
        >>> issuer_of("2021年8月1日 施行")
        ''
    """
    body = _CN_DATE.sub("", fold(line)).strip().lstrip("#").strip()
    body = _SESSION.sub("", body.replace("中华人民共和国", ""))
    m = _ORGAN.match(body)
    if not m:
        return ""
    organ = _INTERNAL_COMMITTEE.sub("", m.group(1)).strip("、")
    first = organ.split("、")[0]
    if not first or not any(first.endswith(w) for w in _words("issuer")):
        return ""
    return organ


@cache
def _words(match: str) -> tuple[str, ...]:
    """The words of one match kind of the document-types table, longest first."""
    return tuple(sorted(rules.column("document-types", "word", match=match),
                        key=lambda w: (-len(w), w)))


def rule_for(match: str, value: str) -> str | None:
    """The word of the document-types table that decides ``value`` (a folder name, an issuer
    or a title without its trailing （…）), or ``None``.

    Example:
        >>> rule_for("issuer", "北京市人民代表大会常务委员会"), rule_for("ending", "某某办法")
        ('人民代表大会常务委员会', '办法')
    """
    for word in _words(match):
        if (value == word if match == "folder" else value.endswith(word)):
            return word
    return None


def _type_of(match: str, value: str) -> str:
    word = rule_for(match, value)
    return rules.column("document-types", "type", match=match, word=word)[0] if word else ""


def doc_type_of(path: str, issuer: str, title: str) -> str:
    """The kind of instrument: from a category folder, else the issuer, else the title's ending.

    Example:
        >>> doc_type_of("司法解释/人民法院在线诉讼规则(2021-06-16).md", "", "人民法院在线诉讼规则")
        '司法解释'
        >>> doc_type_of("mine/x.md", "国务院", "某某规定"), doc_type_of("x.md", "", "某某条例")
        ('行政法规', '行政法规')
    """
    for folder in reversed(PurePath(path).parts[:-1]):
        t = _type_of("folder", folder)
        if t:
            return t
    if issuer:
        t = _type_of("issuer", issuer.split("、")[0])
        if t:
            return t
    return _type_of("ending", _bare(title))


def _bare(title: str) -> str:
    """The title without any trailing （…）, for its ending (刑法修正案（七） ends in 修正案)."""
    return _TRAILING_PAREN.sub("", title).strip() or title


def _head_lines(text: str) -> tuple[list[str], list[str]]:
    """(title block lines, body lines): split at LawRefBook's ``<!-- INFO END -->`` or at the
    first article or chapter line."""
    lines = [ln.strip() for ln in text.splitlines()]
    if "<!-- INFO END -->" in lines:
        i = lines.index("<!-- INFO END -->")
        return lines[:i], lines[i + 1:]
    for i, ln in enumerate(lines):
        if _ARTICLE_LINE.match(ln.lstrip("#").strip()) or re.match(r"^#*\s*第\S+章", ln):
            return lines[:i], lines[i:]
    return lines[:20], lines[20:]


def _strip_html(text: str) -> tuple[str, str]:
    """Plain lines of an HTML head, and its <title> (or first <h1>)."""
    m = (re.search(r"<title[^>]*>(.*?)</title>", text, re.S | re.I)
         or re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S | re.I))
    title = html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() if m else ""
    text = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", text, flags=re.S | re.I)
    text = re.sub(r"<br\s*/?>|</p>|</h\d>|</div>|</li>", "\n", text, flags=re.I)
    return html.unescape(re.sub(r"<[^>]+>", "", text)), title


def head_metadata(text: str, relpath: str) -> HeadMetadata:
    """Read title, dates, issuer, type and defined 简称 from the head of one file.

    ``relpath`` is the file's path inside its collection: its folders may name the category and
    its name may carry the version date (``反垄断法(2022-06-24).md``).
    """
    path = PurePath(relpath)
    html_title = ""
    if path.suffix.lower() in (".html", ".htm"):
        text, html_title = _strip_html(text)
    text = text.lstrip("\ufeff")
    block, body = _head_lines(text)
    stem = path.stem
    m = _FILE_DATE.search(stem)
    file_date = m.group(1) if m else ""
    name_title = _FILE_DATE.sub("", stem).strip()
    h1 = [ln[2:].strip() for ln in block if ln.startswith("# ")]
    whole = part = ""
    if h1:
        # 民法典/总则.md: "# 中华人民共和国民法典" then "# 总则" names one book of a code
        title = h1[0] if len(h1) == 1 else f"{h1[0]}（{h1[1]}）"
        if len(h1) > 1:
            whole, part = fold(h1[0]).strip(), fold(h1[1]).strip()
    else:
        first = next((ln.lstrip("#").strip() for ln in block if ln.strip("# ")), "")
        title = html_title or (first if first and not iso_date(first) and len(first) <= 60
                               else name_title)
    title = fold(title).strip()
    dated = [(iso_date(ln), ln) for ln in block if iso_date(ln)]
    # a version is dated by its adoption or amendment; a bare "…日 施行" line is when it applies
    dates = sorted(d for d, ln in dated if not _EFFECT_ONLY.fullmatch(_CN_DATE.sub("", ln).strip()))
    dates = dates or sorted(d for d, _ in dated)
    effective = next((d for d, ln in reversed(dated) if "施行" in ln), "")
    issuer = next((o for o in (issuer_of(ln) for _, ln in dated) if o), "")
    if not issuer:
        issuer = next((o for o in (issuer_of(ln) for ln in block if "令" in ln) if o), "")
    if not issuer:
        issuer = issuer_of(title)  # 最高人民法院关于…的解释
    if not issuer and "部门规章" in path.parts[:-1]:
        i = path.parts.index("部门规章")
        issuer = path.parts[i + 1] if i + 2 < len(path.parts) else ""
    abbreviations = []
    for match in abbreviation_re().finditer(fold("\n".join(body[:40]))):
        before = match.string[:match.start()]
        cited = re.search(r"《([^《》]{2,60})》$", before)
        # only a law's short name is an alias (（以下简称“总体方案”） after a plan is not)
        if cited and _type_of("ending", _bare(cited.group(1))):
            abbreviations.append((match.group("short"), fold(cited.group(1))))
    first = next((m.group(1) for m in (_ARTICLE_NUMBER.match(ln.lstrip("#").strip())
                                         for ln in body) if m), "")
    return HeadMetadata(
        whole=whole, part=part, first_article=_number(first),
        title=title, short_title=short_title(title), date=file_date or (dates[-1] if dates else ""),
        adopted=dates[0] if dates else "", effective=effective, issuer=issuer,
        doc_type=doc_type_of(relpath, issuer, title),
        category="/".join(path.parts[:-1]), abbreviations=tuple(dict.fromkeys(abbreviations)))


def _number(numeral: str) -> int:
    from ..text.numerals import cn_to_int

    return (cn_to_int(numeral) or 0) if numeral else 0


def decode_head(data: bytes) -> str:
    """Decode the first bytes of a file: UTF-8 (a character cut at the end is dropped), else
    regtext's own detection (GB18030, Big5, UTF-16).

    Example:
        >>> decode_head("第一条".encode("utf-8")[:-1])
        '第一'
    """
    for cut in range(4):
        try:
            return data[:len(data) - cut].decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(data) - 4:
                break  # a bad byte in the middle: not UTF-8
    from ..text.normalize import decode

    return decode(data)[0]
