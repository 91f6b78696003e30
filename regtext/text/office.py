"""Read the text of Word (.docx) and PDF files, bounded, for the parser.

Lawyers' files are .docx and .pdf. :func:`docx_text` gives a .docx's paragraphs in order,
with Word's automatic numbering written out where it can be read (第一条, （一）…) and tables
(a 对照表) as one text row per table row, cells separated by a tab. :func:`pdf_text` gives a
text-layer PDF's lines with running page headers, footers and page numbers removed and
lines wrapped at the right margin rejoined.

What cannot be read raises :class:`UnreadableFileError` (a ``ValueError``) naming the file
and saying what to do: a legacy .doc, a scanned PDF without a text layer, a damaged file,
and files beyond the bounds below (size, pages, a .docx whose zip expands far beyond its
size, as decompression bombs do).

Example:
    >>> import regtext, tempfile, pathlib, docx
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "law.docx"
    >>> d = docx.Document()
    >>> for line in ("第一条 为了测试，制定本办法。", "第二条 本办法自公布之日起施行。"):
    ...     _ = d.add_paragraph(line)
    >>> d.save(path)
    >>> [a.ref for a in regtext.read(path).articles]
    ['1', '2']
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

from ..text.numerals import int_to_cn

#: Largest .docx or .pdf read, in bytes (a long code as .docx is 1–3 MB, as PDF 5–20 MB).
MAX_FILE_BYTES = 100_000_000
#: Largest number of PDF pages read (the Civil Code is about 300 pages).
MAX_PDF_PAGES = 3000
#: Largest total size of a .docx's unpacked parts, in bytes.
MAX_UNPACKED_BYTES = 300_000_000
#: Largest ratio of a .docx part's unpacked to packed size (XML packs 5–20×; bombs 1000×).
MAX_ZIP_RATIO = 200


class UnreadableFileError(ValueError):
    """A file regtext cannot read, with what to do about it.

    Example:
        >>> str(UnreadableFileError("old.doc", "legacy Word format; save it as .docx"))
        'old.doc: legacy Word format; save it as .docx'
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls (Compound File)


def kind_of(path: Path, head: bytes) -> str:
    """``"docx"``, ``"pdf"``, ``"doc"`` or ``""`` (text) from the file's first bytes and name.

    Example:
        >>> kind_of(Path("x.txt"), b"%PDF-1.7"), kind_of(Path("a.md"), "第一条".encode())
        ('pdf', '')
    """
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_OLE_MAGIC) or suffix == ".doc":
        return "doc"
    if head.startswith(b"PK\x03\x04") and suffix in (".docx", ".docm", ".dotx"):
        return "docx"
    if suffix in (".docx", ".pdf"):
        return suffix[1:]
    return ""


def check_size(path: Path) -> None:
    """Refuse a file larger than :data:`MAX_FILE_BYTES`.

    Example:
        >>> import tempfile
        >>> p = Path(tempfile.mkdtemp()) / "small.pdf"
        >>> _ = p.write_bytes(b"%PDF-1.7")
        >>> check_size(p)
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableFileError(path, f"{size / 1e6:.0f} MB is over the "
                                  f"{MAX_FILE_BYTES / 1e6:.0f} MB limit for .docx/.pdf input "
                                  "(regtext.text.office.MAX_FILE_BYTES); split the file or "
                                  "save it as text")


def legacy_doc(path: Path) -> UnreadableFileError:
    """The error for a legacy binary Word file.

    Example:
        >>> "Save As" in str(legacy_doc(Path("old.doc")))
        True
    """
    return UnreadableFileError(path, "legacy Word .doc format, which regtext does not read; "
                               "open it in Word or LibreOffice and Save As .docx (or as "
                               "plain text), then read that file")


# -- .docx --------------------------------------------------------------------------------


def _check_zip(path: Path) -> None:
    """Bound the unpacked size before python-docx inflates anything."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise UnreadableFileError(path, "not a valid .docx (the zip container is damaged); "
                                  "open and re-save it in Word") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise UnreadableFileError(path, f"unpacks to {total / 1e6:.0f} MB, over the "
                                  f"{MAX_UNPACKED_BYTES / 1e6:.0f} MB limit; not read")
    for info in infos:
        if info.file_size > 1_000_000 and info.file_size > MAX_ZIP_RATIO * max(
                info.compress_size, 1):
            raise UnreadableFileError(
                path, f"part {info.filename} unpacks {info.file_size // max(info.compress_size, 1)}"
                f"× its packed size (limit {MAX_ZIP_RATIO}×), as a zip bomb does; not read")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                       (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                       (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _format_number(n: int, fmt: str) -> str | None:
    """One counter value in a Word number format; ``None`` for formats not written out."""
    if fmt in ("decimal", "decimalZero", "decimalFullWidth", "decimalHalfWidth"):
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "ideographTraditional", "taiwaneseCounting", "taiwaneseCountingThousand",
               "ideographDigital", "japaneseCounting"):
        return int_to_cn(n)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        s = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s if fmt == "upperLetter" else s.lower()
    return None


class _Numbering:
    """Word's automatic list numbering: counters per list, rendered with each level's
    ``lvlText`` (``第%1条``, ``（%1）``, ``%1.``)."""

    def __init__(self, document) -> None:  # noqa: ANN001 - a python-docx Document
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) → fmt
        self.counters: dict[str, dict[int, int]] = {}
        self.undetectable = 0
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return  # no numbering part: no automatic numbers
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in an.findall(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[ilvl] = (fmt.get(f"{_W}val") if fmt is not None else "decimal",
                                text.get(f"{_W}val") if text is not None else "",
                                int(start.get(f"{_W}val")) if start is not None else 1)
            abstract[an.get(f"{_W}abstractNumId")] = levels
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(f"{_W}val"), {}).items():
                self.levels[(num.get(f"{_W}numId"), ilvl)] = spec

    def label(self, paragraph) -> str:  # noqa: ANN001 - a python-docx Paragraph
        """The rendered number of an auto-numbered paragraph, or ``""``."""
        num_pr = _num_pr(paragraph)
        if num_pr is None:
            return ""
        num_id, ilvl = num_pr
        if num_id == "0" or (num_id, ilvl) not in self.levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        fmt, text, start = self.levels[(num_id, ilvl)]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a higher level restarts the levels below it
        out = text

        def value(m: re.Match) -> str:
            level = int(m.group(1)) - 1
            spec = self.levels.get((num_id, level), (fmt, "", 1))
            rendered = _format_number(counters.get(level, spec[2]), spec[0])
            if rendered is None:
                raise LookupError
            return rendered

        try:
            out = re.sub(r"%(\d)", value, out)
        except LookupError:
            self.undetectable += 1
            return ""
        return out


def _num_pr(paragraph) -> tuple[str, int] | None:  # noqa: ANN001
    """(numId, ilvl) of a paragraph's numbering, its own or its style's."""
    p_pr = paragraph._p.pPr
    for holder in (p_pr, _style_ppr(paragraph)):
        if holder is None:
            continue
        num_pr = holder.find(f"{_W}numPr")
        if num_pr is None:
            continue
        num_id = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        if num_id is not None:
            return num_id.get(f"{_W}val"), int(ilvl.get(f"{_W}val")) if ilvl is not None else 0
    return None


def _style_ppr(paragraph):  # noqa: ANN001, ANN202
    try:
        style = paragraph.style
    except (KeyError, ValueError, AttributeError):
        return None
    while style is not None:
        p_pr = style.element.pPr
        if p_pr is not None and p_pr.find(f"{_W}numPr") is not None:
            return p_pr
        style = style.base_style
    return None


_TEXT_XPATH = ("./w:r/w:t | ./w:r/w:tab | ./w:r/w:br | ./w:r/w:cr"
               " | ./*[self::w:ins or self::w:hyperlink or self::w:smartTag"
               " or self::w:moveTo or self::w:sdt or self::w:fldSimple]//w:r/w:t"
               " | ./*[self::w:ins or self::w:hyperlink or self::w:smartTag"
               " or self::w:moveTo or self::w:sdt or self::w:fldSimple]//w:r/w:tab")


def _para_text(p) -> tuple[str, bool]:  # noqa: ANN001 - a w:p element
    """A paragraph's text with tracked changes accepted (insertions in, deletions out), and
    whether it had any. python-docx's ``Paragraph.text`` leaves out tracked insertions."""
    parts = []
    for el in p.xpath(_TEXT_XPATH):
        tag = el.tag[len(_W):]
        parts.append(el.text or "" if tag == "t" else "\t" if tag == "tab" else "\n")
    tracked = bool(p.xpath("./w:ins | ./w:del | ./w:moveFrom | ./w:moveTo"))
    return "".join(parts), tracked


def _blocks(parent):  # noqa: ANN001, ANN202 - lxml elements
    """Paragraphs and tables in order, also inside content controls (w:sdt) and custom XML,
    which Word templates wrap around whole sections."""
    for child in parent.iterchildren():
        if child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if content is not None:
                yield from _blocks(content)
        else:
            yield child


def docx_text(path: str | Path) -> tuple[str, list[str]]:
    """The text of a .docx: paragraphs and table rows in document order, and notes.

    Auto-numbered paragraphs get their number in front (``第一条 ``, ``（一）``) where the list
    format can be read; a table row becomes one line of tab-separated cells. The notes say
    what could not be rendered.

    Example:
        >>> import tempfile, docx
        >>> p = Path(tempfile.mkdtemp()) / "t.docx"
        >>> d = docx.Document()
        >>> _ = d.add_paragraph("第一条 测试。")
        >>> t = d.add_table(rows=1, cols=2)
        >>> t.cell(0, 0).text, t.cell(0, 1).text = "修改前", "修改后"
        >>> d.save(p)
        >>> docx_text(p)[0]
        '第一条 测试。\\n修改前\\t修改后'
    """
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    path = Path(path)
    check_size(path)
    _check_zip(path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on bad files
        raise UnreadableFileError(path, f"not a readable .docx ({type(exc).__name__}: {exc}); "
                                  "open and re-save it in Word") from None
    numbering = _Numbering(document)
    lines: list[str] = []
    tracked = 0
    body = document.element.body
    for child in _blocks(body):
        if child.tag == f"{_W}p":
            para = Paragraph(child, document)
            label = numbering.label(para)
            text, changed = _para_text(child)
            tracked += changed
            lines.append(f"{label}{'' if label.endswith(('、', '．', '.', '）', ')')) else ' '}"
                         f"{text}" if label and text.strip() else text)
        elif child.tag == f"{_W}tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats across the span
                        continue
                    seen.add(id(cell._tc))
                    texts = [_para_text(p._p)[0].strip() for p in cell.paragraphs]
                    cells.append(" ".join(t for t in texts if t))
                if any(cells):
                    lines.append("\t".join(cells))
    notes = []
    if tracked:
        notes.append(f"{tracked} paragraph(s) carry tracked changes; read as if all were "
                     "accepted (insertions kept, deletions dropped)")
    if numbering.undetectable:
        notes.append(f"{numbering.undetectable} auto-numbered paragraph(s) use a list format "
                     "regtext cannot write out; their numbers are missing from the text")
    return "\n".join(lines), notes


# -- .pdf ---------------------------------------------------------------------------------

_PAGE_NO_RE = re.compile(
    r"^[-—–－·•\s]*(第\s*\d+\s*页(\s*[/,，]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|[-—–－]?\s*\d{1,4}\s*[-—–－]?"
    r"|page\s*\d+(\s*of\s*\d+)?)[-—–－·•\s]*$", re.I)
_STARTS_UNIT_RE = re.compile(r"^\s*(第\s*[零〇一二三四五六七八九十百千万两\d]+\s*[编章节条]|"
                             r"（\s*[一二三四五六七八九十]+\s*）|\(\s*[一二三四五六七八九十]+\s*\)|"
                             r"\d{1,3}\s*[．.、]|目\s*录$|附\s*件)")


def _shape(text: str) -> str:
    """A header/footer line with its digits blanked: the same on every page."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def pdf_text(path: str | Path) -> tuple[str, list[str]]:
    """The text of a text-layer PDF, headers, footers and page numbers removed, wrapped
    lines rejoined.

    A line that reaches the right margin continues on the next line unless that line starts
    a unit (第X条, （一）…) or is indented. Lines that repeat at the top or bottom of most
    pages (digits aside) are running headers or footers; a top or bottom line that is only
    a page number (``- 3 -``, ``第3页 共10页``, ``3/10``) is dropped.

    Example:
        >>> import tempfile
        >>> from reportlab.pdfgen import canvas
        >>> p = str(Path(tempfile.mkdtemp()) / "t.pdf")
        >>> c = canvas.Canvas(p)
        >>> c.drawString(72, 800, "Article 1 Test.")
        >>> c.drawString(300, 40, "- 1 -")
        >>> c.save()
        >>> pdf_text(p)[0]
        'Article 1 Test.'
    """
    import pdfplumber

    path = Path(path)
    check_size(path)
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on bad files
        raise UnreadableFileError(path, f"not a readable PDF ({type(exc).__name__}); open "
                                  "it and save or print it to a new PDF") from None
    with pdf:
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise UnreadableFileError(path, f"{len(pdf.pages)} pages is over the "
                                      f"{MAX_PDF_PAGES}-page limit "
                                      "(regtext.text.office.MAX_PDF_PAGES); split the file")
        pages = []
        for page in pdf.pages:
            try:
                lines = page.extract_text_lines(return_chars=False)
            except Exception as exc:  # noqa: BLE001
                raise UnreadableFileError(path, f"page {page.page_number} cannot be read "
                                          f"({type(exc).__name__}); re-save the PDF") from None
            pages.append((float(page.width), [ln for ln in lines if ln["text"].strip()]))
    if sum(len(ln["text"].strip()) for _, ls in pages for ln in ls) < 5 * len(pages):
        raise UnreadableFileError(path, "no text layer (a scanned PDF); run OCR on it first, "
                                  "e.g. `ocrmypdf -l chi_sim in.pdf out.pdf`, or copy the "
                                  "text from the issuer's web page")
    pages = _drop_running_lines(pages)
    return _rejoin(pages), []


def _drop_running_lines(pages: list) -> list:
    """Remove page numbers and headers/footers repeated on most pages."""
    n = len(pages)
    edge: Counter = Counter()
    for _, lines in pages:
        for ln in lines[:2] + lines[-2:]:
            edge[_shape(ln["text"])] += 1
    running = {s for s, c in edge.items() if n >= 3 and c >= max(3, 0.6 * n)}
    out = []
    for width, lines in pages:
        keep = []
        removed: set[str] = set()  # once per page: a title under a header that repeats it stays
        for i, ln in enumerate(lines):
            at_edge = i < 2 or i >= len(lines) - 2
            shape = _shape(ln["text"])
            if at_edge and (_PAGE_NO_RE.match(ln["text"]) or (
                    shape in running and shape not in removed)):
                removed.add(shape)
                continue
            keep.append(ln)
        out.append((width, keep))
    return out


def _rejoin(pages: list) -> str:
    """Join lines that run to the right margin with the next one."""
    flat = [(ln, width) for width, lines in pages for ln in lines]
    if not flat:
        return ""
    left = min(ln["x0"] for ln, _ in flat)
    right = max(ln["x1"] for ln, _ in flat)
    sizes = sorted((ln["bottom"] - ln["top"]) for ln, _ in flat)
    char = max(sizes[len(sizes) // 2], 1.0)  # a typical character height ≈ width (CJK)
    out: list[str] = []
    joining = False
    for ln, _ in flat:
        text = ln["text"].strip()
        indented = ln["x0"] > left + 0.8 * char
        if joining and not indented and not _STARTS_UNIT_RE.match(text):
            sep = " " if out[-1][-1:].isascii() and text[:1].isascii() else ""
            out[-1] += sep + text
        else:
            out.append(text)
        joining = ln["x1"] >= right - 1.5 * char
    return "\n".join(out)
