"""Lawyers' files out: a Word redline with real tracked changes, and an Excel change table.

``cmp.to_docx(path)`` / ``regtext diff … --format docx`` writes a Word document in which every
change is a tracked change (``w:ins`` / ``w:del`` by author "regtext", dated), one paragraph
per provision of the new text (plus one per deleted provision), each starting with its label.
Word's *Accept All* turns it into the new text, *Reject All* into the old text; a provision
that moved, or an old provision split over provisions that are far apart, comes back at its
new place (its words all come back; their order between provisions follows the new text).

``cmp.to_excel(path)`` / ``--format xlsx`` writes the change table (rich-text redline:
deletions struck red, insertions underlined blue; tags joined; frozen header) and the
对照表 (修改前 | 修改后) as a second sheet.

Example:
    >>> import regtext, io, docx
    >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
    ...                    regtext.parse("第一条 甲应当依法登记。"))
    >>> d = docx.Document(io.BytesIO(render_docx(cmp)))
    >>> b"w:ins" in render_docx(cmp, zipped=False)
    True
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from .redlining import edits
from .reports import (
    caveats,
    destinations,
    doc_title,
    label,
    report_format,
    row_flags,
    similarity_or_nan,
    summary_sentence,
)

if TYPE_CHECKING:
    from .comparison import Comparison, Pair

__all__ = ["Piece", "render_docx", "render_xlsx", "tracked_pieces"]

AUTHOR = "regtext"
#: the style of the paragraphs that carry provisions (header paragraphs have others)
ROW_STYLE = "Redline"


@dataclass
class Piece:
    """One paragraph of the Word redline: ``(op, text)`` runs, op in equal/delete/insert.

    ``mark`` says whether the paragraph's own end is new (``insert``: Reject All joins it to
    the next paragraph), gone (``delete``) or kept (``equal``).
    """

    runs: list[tuple[str, str]] = field(default_factory=list)
    mark: str = "equal"

    def add(self, op: str, text: str) -> None:
        if text:
            self.runs.append((op, text))


def _unit(lbl: str, text: str) -> str:
    return f"{lbl} {text}" if lbl else text


def tracked_pieces(cmp: Comparison, level: str = "article") -> list[Piece]:
    """The paragraphs of the Word redline, in new-document order.

    Rows are grouped into connected components (a split or merge links several provisions);
    each component's old provisions, joined by line breaks, are redlined against its new
    ones, and the redline is cut where each new provision starts, so every old character and
    every new character appears exactly once.

    Example:
        >>> import regtext
        >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
        ...                    regtext.parse("第一条 甲应当依法登记。"))
        >>> tracked_pieces(cmp)[0].runs
        [('equal', '第一条 甲应当'), ('insert', '依法'), ('equal', '登记。')]
    """
    rows = cmp.rows(level)
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in rows:
        if p.old_ref is not None and p.new_ref is not None:
            a, b = find(("o", p.old_ref)), find(("n", p.new_ref))
            if a != b:
                parent[a] = b
    comps: dict[tuple[str, str], dict[str, dict[str, str]]] = {}
    slots: list[tuple[tuple[str, str], str]] = []  # (component, new ref or "")
    for p in rows:
        key = find(("o", p.old_ref)) if p.old_ref is not None else find(("n", p.new_ref))
        comp = comps.setdefault(key, {"old": {}, "new": {}})
        if p.old_ref is not None:
            comp["old"].setdefault(p.old_ref, _unit(p.old_label, p.old_text))
        if p.new_ref is not None and p.new_ref not in comp["new"]:
            comp["new"][p.new_ref] = _unit(p.new_label, p.new_text)
            slots.append((key, p.new_ref))
    # provisions deleted outright go right after the last paragraph holding the old
    # provision before them, so that Reject All restores the old order around them
    old_order = [n.ref for n in cmp.old]
    where = {r: key for key, c in comps.items() for r in c["old"]}
    for ref in old_order:
        key = where.get(ref)
        if key is None or comps[key]["new"] or any(k == key for k, _ in slots):
            continue
        at = 0
        for prev in reversed(old_order[:old_order.index(ref)]):
            pk = where.get(prev)
            hits = [i for i, (k, _) in enumerate(slots) if k == pk]
            if hits:
                at = hits[-1] + 1
                break
        slots.insert(at, (key, ""))
    cut: dict[tuple[str, str], dict[str, Piece]] = {}
    out: list[Piece] = []
    for key, ref in slots:
        if key not in cut:
            comp = comps[key]
            cut[key] = _cut(list(comp["old"].values()), comp["new"])
        out.append(cut[key][ref])
    return out


def _cut(olds: list[str], news: dict[str, str]) -> dict[str, Piece]:
    """Redline ``olds`` (joined by line breaks) against ``news`` and cut it per new provision.

    A line break between two new provisions that was also in the old text becomes a plain
    paragraph break; one that is new marks the paragraph's end as inserted."""
    old_s = "\n".join(olds)
    if not news:
        piece = Piece(mark="delete")
        piece.add("delete", old_s)
        return {"": piece}
    refs = list(news)
    new_s = "\n".join(news.values())
    starts = []  # offset where each new provision starts in new_s
    pos = 0
    for r in refs:
        starts.append(pos)
        pos += len(news[r]) + 1
    seps = set(s - 1 for s in starts[1:])
    pieces = [Piece() for _ in refs]
    k = 0
    if not old_s:
        for i, r in enumerate(refs):
            pieces[i].mark = "insert"
            pieces[i].add("insert", news[r])
        return dict(zip(refs, pieces))
    for e in edits(old_s, new_s):
        if e.op == "equal":
            # equal text carries the same characters on both sides: split it at separators
            j = e.new_start
            buf = ""
            for ch in e.old:
                if j in seps:
                    pieces[k].add("equal", buf)
                    buf = ""
                    k += 1
                else:
                    buf += ch
                j += 1
            pieces[k].add("equal", buf)
            continue
        pieces[k].add("delete", e.old)
        j = e.new_start
        buf = ""
        for ch in e.new:
            if j in seps:
                pieces[k].add("insert", buf)
                pieces[k].mark = "insert"
                buf = ""
                k += 1
            else:
                buf += ch
            j += 1
        pieces[k].add("insert", buf)
    return dict(zip(refs, pieces))


# -- Word --------------------------------------------------------------------------------


def _docx_bytes(cmp: Comparison, level: str, lang: str) -> bytes:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    date = datetime.now(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = "SimSun"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")  # CJK text needs its own font
    d.add_heading(f"{doc_title(cmp.old)} → {doc_title(cmp.new)}", level=1)
    intro = ("修订模式显示从旧文本到新文本的全部修改（修订者：regtext）。"
             "“全部接受”得到新文本，“全部拒绝”得到旧文本。" if lang == "zh" else
             "Every change from the old to the new text is a tracked change (author: "
             "regtext). Accept All gives the new text, Reject All the old text.")
    d.add_paragraph(f"{'旧文本' if lang == 'zh' else 'Old'}：{doc_title(cmp.old)}"
                    f"（{cmp.old.id or '—'}）")
    d.add_paragraph(f"{'新文本' if lang == 'zh' else 'New'}：{doc_title(cmp.new)}"
                    f"（{cmp.new.id or '—'}）")
    d.add_paragraph(intro)
    for c in caveats(cmp, lang):
        run = d.add_paragraph().add_run(c)
        run.bold = True
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    d.add_paragraph(summary_sentence(cmp.summary(level), lang))
    style = d.styles.add_style(ROW_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = normal
    style.paragraph_format.space_after = Pt(8)
    ids = iter(range(1, 10**9))

    def revision(tag: str) -> Any:
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(next(ids)))
        el.set(qn("w:author"), AUTHOR)
        el.set(qn("w:date"), date)
        return el

    def run(text: str, deleted: bool) -> Any:
        r = OxmlElement("w:r")
        for n, line in enumerate(text.split("\n")):
            if n:
                r.append(OxmlElement("w:br"))
            if line:
                t = OxmlElement("w:delText" if deleted else "w:t")
                t.set(qn("xml:space"), "preserve")
                t.text = line
                r.append(t)
        return r

    for piece in tracked_pieces(cmp, level):
        para = d.add_paragraph(style=ROW_STYLE)
        p = para._p
        if piece.mark != "equal":
            rpr = OxmlElement("w:rPr")
            rpr.append(revision("w:ins" if piece.mark == "insert" else "w:del"))
            p.get_or_add_pPr().append(rpr)
        for op, text in piece.runs:
            if op == "equal":
                p.append(run(text, False))
            else:
                wrap = revision("w:ins" if op == "insert" else "w:del")
                wrap.append(run(text, op == "delete"))
                p.append(wrap)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@report_format("docx", ".docx", "Word document with tracked changes (Accept All = new text)",
               binary=True)
def render_docx(cmp: Comparison, level: str = "article", lang: str = "zh",
                zipped: bool = True) -> bytes:
    """The Word redline as bytes (``zipped=False``: its ``word/document.xml`` instead)."""
    data = _docx_bytes(cmp, level, lang)
    if zipped:
        return data
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml")


# -- Excel -------------------------------------------------------------------------------

_EXCEL_MAX = 32000  # a cell holds at most 32,767 characters


def _rich(parts: list[tuple[str, str]]) -> Any:
    """``(op, text)`` runs as an openpyxl rich-text cell value."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    fonts = {"delete": InlineFont(strike=True, color="FFC00000"),
             "insert": InlineFont(u="single", color="FF0070C0")}
    out = []
    used = 0
    for op, text in parts:
        if not text:
            continue
        if used + len(text) > _EXCEL_MAX:
            text = text[:max(0, _EXCEL_MAX - used)] + "…"
        used += len(text)
        out.append(TextBlock(fonts[op], text) if op in fonts else text)
        if used >= _EXCEL_MAX:
            break
    return CellRichText(*out) if out else ""


def _put(ws: Any, row: int, col: int, value: Any) -> Any:
    """Set a cell; text is always text (openpyxl would make ``=…`` a live formula)."""
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _redline_runs(p: Pair, side: str | None = None) -> list[tuple[str, str]]:
    """A row's redline as runs; ``side`` old/new keeps only that side's text."""
    out = []
    for e in p.edits:
        if e.op == "equal":
            out.append(("equal", e.old))
            continue
        if side != "new":
            out.append(("delete", e.old))
        if side != "old":
            out.append(("insert", e.new))
    return out


@report_format("xlsx", ".xlsx", "Excel workbook: change table with redlines, 对照表 sheet",
               binary=True)
def render_xlsx(cmp: Comparison, level: str = "article", lang: str = "zh",
                changes_only: bool = False) -> bytes:
    """The change table and the 对照表 as an Excel workbook (bytes)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    zh = lang == "zh"
    wb = Workbook()
    ws = wb.active
    ws.title = "变化表" if zh else "Changes"
    head = (["原条文", "新条文", "变化", "说明", "相似度", "修改情况", "标签", "原文", "新文"] if zh
            else ["Old", "New", "Change", "Note", "Similarity", "Redline", "Tags",
                  "Old text", "New text"])
    notes = caveats(cmp, lang)
    top = 1
    for c in notes:  # provenance first: whoever opens the file sees it
        ws.cell(row=top, column=1, value=c).font = Font(bold=True, color="FFC00000")
        top += 1
    for col, h in enumerate(head, start=1):
        cell = ws.cell(row=top, column=col, value=h)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FFDDDDDD")
    rows = cmp.rows(level)
    whither = destinations(rows, lang)
    wrap = Alignment(wrap_text=True, vertical="top")
    r = top
    for k, p in enumerate(rows):
        if changes_only and p.change == "unchanged":
            continue
        r += 1
        sim = similarity_or_nan(p)
        values = [p.old_label or "—", p.new_label or "—", "，".join(row_flags(p, lang)),
                  whither.get(k, ""), None if sim != sim else round(sim, 3),
                  _rich(_redline_runs(p)) if p.change != "unchanged" else "",
                  "、".join(label(t, lang) for t in p.tags),
                  p.old_text[:_EXCEL_MAX], p.new_text[:_EXCEL_MAX]]
        for col, v in enumerate(values, start=1):
            _put(ws, r, col, v).alignment = wrap
    for col, width in zip("ABCDEFGHI", (14, 14, 16, 18, 8, 60, 18, 40, 40)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    ws.auto_filter.ref = f"A{top}:I{r}"

    dz = wb.create_sheet("对照表" if zh else "Side by side")
    dz_head = ["修改前", "修改后"] if zh else ["Old", "New"]
    top = 1
    for c in notes:
        dz.cell(row=top, column=1, value=c).font = Font(bold=True, color="FFC00000")
        top += 1
    for col, h in enumerate(dz_head, start=1):
        cell = dz.cell(row=top, column=col, value=h)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FFDDDDDD")
    r = top
    for p in rows:
        if changes_only and p.change == "unchanged":
            continue
        r += 1
        old = new = ""
        if p.old_ref is not None:
            old = _rich([("equal", p.old_label + " ")] + (
                _redline_runs(p, "old") if p.new_ref is not None else [("delete", p.old_text)]))
        if p.new_ref is not None:
            new = _rich([("equal", p.new_label + " ")] + (
                _redline_runs(p, "new") if p.old_ref is not None else [("insert", p.new_text)]))
        for col, v in ((1, old), (2, new)):
            _put(dz, r, col, v).alignment = wrap
    dz.column_dimensions["A"].width = dz.column_dimensions["B"].width = 70
    dz.freeze_panes = dz.cell(row=top + 1, column=1)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
