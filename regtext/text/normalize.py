"""Turn whatever the user gives us into clean lines, without losing a character.

Two strings travel side by side for every line: ``display`` (what the source says, trimmed)
and ``norm`` (the same length, one character for one character: simplified characters,
ASCII digits, full-width brackets, plain spaces). Matching runs on ``norm``; offsets found
there are valid in ``display`` because the map is 1:1.

Example:
    >>> fold("第二十條(一)\\u3000１２")
    '第二十条（一） 12'
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from ..text.model import ParseWarning

# -- character folding (1:1) ----------------------------------------------------------

# Every Unicode space (EN/EM/THIN/HAIR SPACE, NBSP, IDEOGRAPHIC SPACE…), tabs and the
# zero-width characters web pages scatter through pasted text: all match as a plain space, so
# a law indented with EM SPACEs reads like one indented with ordinary spaces.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in "\n\r"
                  and c not in "\x1c\x1d\x1e\x1f\x85\u2028\u2029") + _ZERO_WIDTH
_TABLE: dict[int, str] = {ord(c): " " for c in _SPACES if c != " "}
_TABLE.update({ord("("): "（", ord(")"): "）"})
for _cp in range(0xFF10, 0xFF1A):  # full-width digits
    _TABLE[_cp] = chr(_cp - 0xFEE0)
for _cp in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):  # full-width Latin
    _TABLE[_cp] = chr(_cp - 0xFEE0)


@lru_cache(maxsize=1)
def _t2s():
    """OpenCC's traditional→simplified converter, or ``None`` when OpenCC is missing."""
    try:
        import opencc  # type: ignore[import-not-found]
    except ImportError:  # pragma: no cover - opencc is a dependency
        return None
    for config in ("t2s", "t2s.json"):
        try:
            return opencc.OpenCC(config)
        except Exception:  # noqa: BLE001 - config names differ between OpenCC builds
            continue
    return None  # pragma: no cover


@lru_cache(maxsize=65536)
def _simplify_char(ch: str) -> str:
    conv = _t2s()
    if conv is None:
        return ch
    out = conv.convert(ch)
    return out if len(out) == 1 else ch


# Folding runs at corpus scale (3,400 files), so the 1:1 map is applied by one regular
# expression over the characters that change (C speed; most lines have none). The table is
# built once, lazily (about 30 ms), from the width map and OpenCC's t2s conversion.


@lru_cache(maxsize=1)
def _fold_table() -> dict[str, str]:
    table = {chr(k): v for k, v in _TABLE.items()}
    conv = _t2s()
    if conv is None:  # pragma: no cover - opencc is a dependency
        return table
    chars = [chr(c) for r in (range(0x3400, 0x4DC0), range(0x4E00, 0xA000)) for c in r]
    # one call for all characters; newlines keep OpenCC from joining them into phrases
    out = conv.convert("\n".join(chars)).split("\n")
    if len(out) != len(chars):  # pragma: no cover - defensive: fall back to per-character
        out = [_simplify_char(c) for c in chars]
    table.update({a: b for a, b in zip(chars, out) if len(b) == 1 and b != a})
    return table


def _char_class(chars) -> re.Pattern:  # noqa: ANN001
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


@lru_cache(maxsize=1)
def _fold_re() -> re.Pattern:
    return _char_class(_fold_table())


@lru_cache(maxsize=1)
def _trad_re() -> re.Pattern:
    return _char_class(c for c in _fold_table() if "\u3400" <= c <= "\u9fff")


_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_CTRL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def fold(text: str) -> str:
    """The matching form of ``text``: same length, simplified and width-normalised.

    Example:
        >>> fold("個人資訊(二)")
        '个人资讯（二）'
    """
    table = _fold_table()
    return _fold_re().sub(lambda m: table[m.group()], text)


def traditional_share(text: str) -> float:
    """Share of CJK characters in (the first 20,000 characters of) ``text`` that are traditional.

    Example:
        >>> traditional_share("個人資訊") > 0.5
        True
    """
    head = text[:20000]
    trad = len(_trad_re().findall(head))
    if not trad:  # the usual case: no need to count the Chinese characters
        return 0.0
    return trad / max(len(_CJK_RE.findall(head)), 1)


# -- bytes → str ------------------------------------------------------------------------


_COMMON = frozenset("第条條款项項章节節的法人国國不应應当當规規定为為和或有在其者")


def _law_score(text: str) -> int:
    """How many of the first 20,000 characters are common in Chinese legal text."""
    return sum(c in _COMMON for c in text[:20000])


def decode(data: bytes, name: str = "input") -> tuple[str, list[ParseWarning]]:
    """Decode bytes: UTF-8 (with or without BOM), UTF-16 with BOM, then GB18030 or Big5.

    Says in a warning which encoding was used when it was not UTF-8, and flags binary data.

    Example:
        >>> decode("第一条".encode("gbk"))[0], decode("第一条".encode("gbk"))[1][0].kind
        ('第一条', 'encoding')
    """
    warnings: list[ParseWarning] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # A BOM followed by an odd number of bytes is a truncated file: keep what decodes.
        text = data.decode("utf-16", errors="replace")
        note = f"{name}: decoded as UTF-16"
        if len(data) % 2:
            note += " (odd byte count: the file is truncated; the last byte was dropped)"
        return text, [ParseWarning("encoding", 0, note)]
    if looks_binary_bytes(data):
        return "", [ParseWarning("binary", 0, f"{name}: binary data, not text; nothing parsed")]
    try:
        return data.decode("utf-8-sig"), warnings
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        # Big5 bytes (Taiwan, Hong Kong pages) often decode as GB18030 too, into nonsense:
        # keep whichever decoding reads like a law
        for enc in ("big5", "big5hkscs"):
            try:
                alt = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _law_score(alt) > _law_score(text):
                return alt, [ParseWarning("encoding", 0, f"{name}: not UTF-8; decoded as "
                                          f"{enc.upper()} (reads better than GB18030)")]
            break
        return text, [ParseWarning("encoding", 0, f"{name}: not UTF-8; decoded as GB18030")]
    try:
        text = data.decode("big5")
    except UnicodeDecodeError:
        pass
    else:
        return text, [ParseWarning("encoding", 0, f"{name}: not UTF-8; decoded as BIG5")]
    text = data.decode("utf-8", errors="replace")
    warnings.append(
        ParseWarning("encoding", 0, f"{name}: not valid UTF-8, GB18030 or Big5; "
                     "undecodable bytes replaced with U+FFFD")
    )
    return text, warnings


def looks_binary_bytes(data: bytes) -> bool:
    """True for data with NUL bytes or many control bytes (PDF, images, archives…).

    Example:
        >>> looks_binary_bytes(b"%PDF-1.7\\x00\\x01"), looks_binary_bytes("法".encode())
        (True, False)
    """
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))  # C speed, not a loop
    return control / len(head) > 0.05


#: Bytes below 32 that text does not contain (tab, LF, FF, CR and ESC it may).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def looks_binary_text(text: str) -> bool:
    """The str counterpart of :func:`looks_binary_bytes` (NUL or many control characters).

    Example:
        >>> looks_binary_text("\\x00\\x01\\x02abc"), looks_binary_text("第一条")
        (True, False)
    """
    head = text[:8192]
    return bool(head) and ("\x00" in head or len(_CTRL_RE.findall(head)) / len(head) > 0.05)


# -- HTML → text ------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
               "article", "table", "ul", "ol", "blockquote", "pre", "hr", "dd", "dt", "title"}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "head"}
_HTML_RE = re.compile(r"<\s*(html|body|p|div|br|span|table|h[1-6]|!doctype)\b", re.I)


def looks_like_html(text: str) -> bool:
    """True when the text carries HTML markup.

    Example:
        >>> looks_like_html("<p>第一条</p>"), looks_like_html("第一条 <注>")
        (True, False)
    """
    return len(_HTML_RE.findall(text[:20000])) >= 1


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        tag = tag.lower()
        if tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS and tag != "head":
            self._skip += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):  # noqa: ANN001
        if tag.lower() in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):  # noqa: ANN001
        tag = tag.lower()
        if tag == "title":
            self._in_title = False
        if tag in _SKIP_TAGS and tag != "head" and self._skip:
            self._skip -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):  # noqa: ANN001
        if self._in_title:
            self.title.append(data)
            return
        if not self._skip:
            self.parts.append(data)


def html_to_text(text: str) -> tuple[str, str]:
    """Strip tags, scripts and styles; block elements become line breaks.

    Returns the text and the page ``<title>``.

    Example:
        >>> html_to_text("<p>第一条 测试。</p><script>x()</script><p>第二条 再测。</p>")[0].split()
        ['第一条', '测试。', '第二条', '再测。']
    """
    parser = _TextExtractor()
    try:
        parser.feed(text)
        parser.close()
    except Exception:  # noqa: BLE001 - malformed markup: fall back to a crude strip
        return re.sub(r"<[^>]+>", "\n", html.unescape(text)), ""
    out = "".join(parser.parts)
    out = re.sub(r"\n[ \t\u3000]*\n(\s*\n)+", "\n\n", out)
    return out, "".join(parser.title).strip()


# -- lines ------------------------------------------------------------------------------

_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_MD_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+")
_MD_EMPH_RE = re.compile(r"(\*\*|__)(.+?)\1")
_STRIP = _SPACES  # what trimming removes at either end of a line
_INDENT = frozenset(_SPACES) - frozenset(_ZERO_WIDTH)  # what makes a line indented
# line breaks other than \n and \r that str.splitlines() knows and pasted text carries
_BREAKS_RE = re.compile("[\x85\u2028\u2029]")


@dataclass
class Line:
    """One source line: its number, what it says, and its folded matching form.

    Example:
        >>> split_lines("第一條　測試")[0][0].norm
        '第一条 测试'
    """

    no: int
    display: str
    norm: str
    md_level: int = 0  # number of '#' of a Markdown heading, 0 otherwise
    indented: bool = False
    blank_before: bool = False


def split_lines(text: str) -> tuple[list[Line], bool]:
    """Split into non-empty :class:`Line` objects, Markdown headings and comments handled.

    Returns the lines and whether an ``<!-- INFO END -->`` marker (LawRefBook's end of the
    题注) was seen; that marker becomes a line whose ``norm`` is ``"<INFO-END>"``.

    Example:
        >>> lines, _ = split_lines("## 第一章 总则\\n\\n第一条　测试。")
        >>> [(ln.no, ln.md_level, ln.norm) for ln in lines]
        [(1, 2, '第一章 总则'), (3, 0, '第一条 测试。')]
    """
    info_end = "<!-- INFO END -->" in text

    def blank_comment(m: re.Match) -> str:
        if m.group(0).strip() == "<!-- INFO END -->":
            return "\x00INFOEND\x00"
        return "\n" * m.group(0).count("\n")

    if "<!--" in text:
        text = _COMMENT_RE.sub(blank_comment, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = _BREAKS_RE.sub("\n", text)
    folded = fold(text)  # 1:1 and newlines untouched, so its lines align with the text's
    out: list[Line] = []
    blank = False
    for no, (raw, nraw) in enumerate(zip(text.split("\n"), folded.split("\n")), start=1):
        if "\x00INFOEND\x00" in raw:
            out.append(Line(no, "", "<INFO-END>"))
            raw = raw.replace("\x00INFOEND\x00", "")
            nraw = nraw.replace("\x00INFOEND\x00", "")
        level = 0
        if raw[:1] in ("#", " "):
            m = _MD_HEADING_RE.match(raw)
            if m:
                level = len(m.group(1))
                raw, nraw = raw[m.end():], nraw[m.end():]
        if "**" in raw or "__" in raw:
            raw = _MD_EMPH_RE.sub(r"\2", raw)
            nraw = fold(raw)
        left = len(raw) - len(raw.lstrip(_STRIP))
        right = len(raw.rstrip(_STRIP))
        if right <= left:
            blank = True
            continue
        indented = raw[:1] in _INDENT
        out.append(Line(no, raw[left:right], nraw[left:right], level, indented, blank))
        blank = False
    return out, info_end
