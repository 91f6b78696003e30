"""Lawyers' files out: a Word redline with real tracked changes, and an Excel change table.

``cmp.to_docx(path)`` / ``regtext diff … --format docx`` writes a Word document in which every
change is a tracked change (``w:ins`` / ``w:del`` by author "regtext", dated), one paragraph
per line (款, 项) of each provision, the first starting with its label. Word's *Accept All*
turns it into the new text and *Reject All* into the old text, exactly and in order. Text
that keeps its place is redlined word by word; text that moved (a provision moved, or the
part of a split provision that went far away) is deleted at its old place and inserted at its
new one, as Word's own comparison shows a move without move tracking.

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

import bisect
import io
import re
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
    the next paragraph), gone (``delete``: Accept All does) or kept (``equal``).
    """

    runs: list[tuple[str, str]] = field(default_factory=list)
    mark: str = "equal"

    def add(self, op: str, text: str) -> None:
        if text:
            self.runs.append((op, text))


def _unit(lbl: str, text: str) -> str:
    return f"{lbl} {text}" if lbl else text


def tracked_pieces(cmp: Comparison, level: str = "article") -> list[Piece]:
    """The paragraphs of the Word redline: one per line (款) of each provision.

    The redline is one stream of equal, deleted and inserted text whose line ends are
    paragraph marks (kept, deleted or inserted), built so that its equal + deleted text is
    exactly the old document and its equal + inserted text exactly the new one. Rows are
    grouped into connected components (a split or a merge links several provisions). A
    component whose old provisions and new provisions are each consecutive, and which keeps
    its place relative to the others (the longest such chain), is redlined word by word in
    place; any other (a provision that moved, or was split far apart) is deleted at its old
    place and inserted at its new place, so that Reject All gives the old text in its order.

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

    old_text: dict[str, str] = {}
    new_text: dict[str, str] = {}
    for p in rows:
        if p.old_ref is not None:
            old_text.setdefault(p.old_ref, _unit(p.old_label, p.old_text))
            find(("o", p.old_ref))
        if p.new_ref is not None:
            new_text.setdefault(p.new_ref, _unit(p.new_label, p.new_text))
            find(("n", p.new_ref))
        if p.old_ref is not None and p.new_ref is not None:
            a, b = find(("o", p.old_ref)), find(("n", p.new_ref))
            if a != b:
                parent[a] = b
    old_order = _in_order(cmp.old, old_text)
    new_order = _in_order(cmp.new, new_text)
    members: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for r in old_order:
        members.setdefault(find(("o", r)), ([], []))[0].append(r)
    for r in new_order:
        members.setdefault(find(("n", r)), ([], []))[1].append(r)
    old_at = _offsets(old_order, old_text)
    new_at = _offsets(new_order, new_text)
    # each component's redline, cut into lines: (old offset, new offset, weight, runs),
    # offsets into the whole old / new document (None for a side the line lacks)
    lines: list[tuple[int | None, int | None, int, list[tuple[str, str]]]] = []
    for o_refs, n_refs in members.values():
        o_map = _local(o_refs, old_text, old_at)
        n_map = _local(n_refs, new_text, new_at)
        old_s = "".join(old_text[r] + "\n" for r in o_refs)
        new_s = "".join(new_text[r] + "\n" for r in n_refs)
        runs: list[tuple[str, str]] = []
        for e in edits(old_s, new_s):
            if e.op == "equal":
                runs.append(("equal", e.old))
            else:
                runs += [("delete", e.old), ("insert", e.new)]
        i = j = 0
        cur: list[tuple[str, str]] = []
        start = (0, 0)
        for op, text in runs:
            for part in re.split(r"(?<=\n)", text):
                if not part:
                    continue
                cur.append((op, part))
                i += len(part) if op != "insert" else 0
                j += len(part) if op != "delete" else 0
                if part.endswith("\n"):
                    lines.append(_line(cur, start, (i, j), o_map, n_map))
                    cur, start = [], (i, j)
        if cur:
            lines.append(_line(cur, start, (i, j), o_map, n_map))
    # the longest chain of lines in order on both sides stays redlined in place; the rest
    # is deleted at its old place and inserted at its new place
    both = [k for k, ln in enumerate(lines) if ln[0] is not None and ln[1] is not None]
    chosen = set(_chain([(lines[k][0], lines[k][1], lines[k][2], k) for k in both]))
    old_only = sorted((ln[0], k) for k, ln in enumerate(lines)
                      if ln[0] is not None and k not in chosen)
    new_only = sorted((ln[1], k) for k, ln in enumerate(lines)
                      if ln[1] is not None and k not in chosen)
    stream: list[tuple[str, str]] = []
    a = b = 0

    def flush(o_until: float, n_until: float) -> None:
        nonlocal a, b
        while a < len(old_only) and old_only[a][0] < o_until:
            k = old_only[a][1]
            stream.append(("delete", "".join(t for op, t in lines[k][3] if op != "insert")))
            a += 1
        while b < len(new_only) and new_only[b][0] < n_until:
            k = new_only[b][1]
            stream.append(("insert", "".join(t for op, t in lines[k][3] if op != "delete")))
            b += 1

    for k in sorted(chosen, key=lambda k: lines[k][0]):
        flush(lines[k][0], lines[k][1])
        stream.extend(lines[k][3])
    flush(float("inf"), float("inf"))
    out: list[Piece] = []
    cur_p = Piece()
    for op, text in stream:
        for n, part in enumerate(text.split("\n")):
            if n:  # a line end: this paragraph's mark, kept, deleted or inserted
                cur_p.mark = op
                out.append(cur_p)
                cur_p = Piece()
            cur_p.add(op, part)
    if cur_p.runs:
        out.append(cur_p)
    return out


def _offsets(order: list[str], text: dict[str, str]) -> dict[str, int]:
    """Where each unit starts in its whole document (units joined by line ends)."""
    out, pos = {}, 0
    for r in order:
        out[r] = pos
        pos += len(text[r]) + 1
    return out


def _local(refs: list[str], text: dict[str, str], at: dict[str, int]) -> list[tuple[int, int]]:
    """(start in the component's joined text, start in the whole document) per unit."""
    out, pos = [], 0
    for r in refs:
        out.append((pos, at[r]))
        pos += len(text[r]) + 1
    return out


def _line(runs, start, end, o_map, n_map):  # noqa: ANN001, ANN202 - internal
    """One cut line: its old and new document offsets (None when a side is empty)."""

    def where(x: int, mapping: list[tuple[int, int]]) -> int:
        k = bisect.bisect_right([m[0] for m in mapping], x) - 1
        return mapping[k][1] + x - mapping[k][0]

    o = where(start[0], o_map) if end[0] > start[0] else None
    n = where(start[1], n_map) if end[1] > start[1] else None
    weight = 1 + sum(len(t) for op, t in runs if op == "equal")
    return (o, n, weight, runs)


def _in_order(doc: Any, refs: dict[str, str]) -> list[str]:
    """The refs of ``refs`` in document order (refs the document lacks go last)."""
    order = [n.ref for n in doc if n.ref in refs]
    seen = set(order)
    return order + [r for r in refs if r not in seen]


def _chain(cands: list[tuple[int, int, int, int]]) -> list[int]:
    """The heaviest chain of ``(old key, new key, weight, id)`` increasing in both keys; its
    ids. O(n log n): a Fenwick tree of prefix maxima over the ranks of the new keys."""
    cands = sorted(cands)
    if not cands:
        return []
    rank = {v: k + 1 for k, v in enumerate(sorted({c[1] for c in cands}))}
    size = len(rank) + 1
    tree: list[tuple[int, int]] = [(0, -1)] * (size + 1)
    best = [0] * len(cands)
    prev = [-1] * len(cands)
    for k, c in enumerate(cands):
        i, top = rank[c[1]] - 1, (0, -1)
        while i > 0:  # best chain ending at a smaller new key
            top = max(top, tree[i])
            i -= i & -i
        best[k], prev[k] = top[0] + c[2], top[1]
        i = rank[c[1]]
        while i <= size:
            tree[i] = max(tree[i], (best[k], k))
            i += i & -i
    k = max(range(len(cands)), key=best.__getitem__)
    out = []
    while k >= 0:
        out.append(cands[k][3])
        k = prev[k]
    return out[::-1]


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
