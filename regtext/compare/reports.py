"""Output formats of a :class:`~regtext.compare.comparison.Comparison`, one renderer each.

Every format is registered with :func:`report_format`; the CLI's ``regtext diff --format``
choices come from :data:`FORMATS`, so adding a format is one decorated function here (or in a
module imported below) plus its test. ``render(cmp, "html")`` dispatches by name.

Example:
    >>> import regtext
    >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
    ...                    regtext.parse("第一条 甲应当依法登记。"))
    >>> {"csv", "html", "docx", "xlsx"} <= set(FORMATS)
    True
    >>> "<ins>依法</ins>" in render(cmp, "html")
    True
"""

from __future__ import annotations

import functools
import html
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .redlining import edits

if TYPE_CHECKING:
    from ..text.model import Document
    from .comparison import Comparison, Pair

__all__ = ["FORMATS", "ReportFormat", "caveats", "label", "provenance", "render",
           "report_format", "write"]


@dataclass(frozen=True)
class ReportFormat:
    """A named output format: ``render(cmp, level=..., **options)`` gives text (or bytes)."""

    name: str
    render: Callable[..., str | bytes]
    suffix: str
    description: str
    binary: bool = False


#: Every registered format by name, in registration order.
FORMATS: dict[str, ReportFormat] = {}


def report_format(name: str, suffix: str, description: str, binary: bool = False):
    """Register a renderer ``fn(cmp, level="article", **options)`` under ``name``.

    The registered function also takes ``path=``: like pandas' ``to_*``, given a path it
    writes the file (CSV with a byte-order mark, so Excel reads the Chinese) and returns None.
    """

    def deco(fn: Callable[..., str | bytes]) -> Callable[..., str | bytes | None]:
        @functools.wraps(fn)
        def with_path(cmp: Comparison, level: str = "article", *args: Any,
                      path: str | Path | None = None, **options: Any) -> str | bytes | None:
            out = fn(cmp, level, *args, **options)
            if path is None:
                return out
            write(out, path, bom=name == "csv")
            return None

        FORMATS[name] = ReportFormat(name, with_path, suffix, description, binary)
        return with_path

    return deco


def write(out: str | bytes, path: str | Path, bom: bool = False) -> None:
    """Write a rendered report to ``path`` (bytes as is; text as UTF-8, with a BOM if asked).

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
        >>> write("条,文", p, bom=True)
        >>> p.read_bytes()[:3] == "\ufeff".encode()
        True
    """
    p = Path(path)
    if isinstance(out, bytes):
        p.write_bytes(out)
    else:
        p.write_text(out, encoding="utf-8-sig" if bom else "utf-8")


def render(cmp: Comparison, fmt: str, level: str = "article", **options: Any) -> str | bytes:
    """Render ``cmp`` in the format named ``fmt``; a ValueError lists the formats there are."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    return FORMATS[fmt].render(cmp, level=level, **options)


# -- the formats ------------------------------------------------------------------------


@report_format("csv", ".csv", "the change table, one row per pair (tags joined by ;)")
def render_csv(cmp: Comparison, level: str = "article") -> str:
    df = cmp.to_frame(level)
    df["tags"] = df["tags"].map(";".join)
    return df.to_csv(index=False)


@report_format("json", ".json", "documents, summary and every row with its edits")
def render_json(cmp: Comparison, level: str = "article", indent: int | None = 1) -> str:
    data = {"summary": cmp.summary(level), "provenance": provenance(cmp),
            "rows": [p.to_dict() for p in cmp.rows(level)]}
    return json.dumps(data, ensure_ascii=False, indent=indent)


@report_format("markdown", ".md", "summary and a table with the redline of every row")
def render_markdown(cmp: Comparison, level: str = "article", lang: str = "zh",
                    changes_only: bool = False) -> str:
    s = cmp.summary(level)
    head = (["原条文", "新条文", "变化", "修改情况", "标签"] if lang == "zh"
            else ["Old", "New", "Change", "Redline", "Tags"])
    lines = [f"# {md_text(doc_title(cmp.old))} → {md_text(doc_title(cmp.new))}", ""]
    lines += [f"> **{md_text(c)}**" for c in caveats(cmp, lang)]
    lines += ["", md_text(summary_sentence(s, lang)), "",
              "| " + " | ".join(head) + " |", "|---|---|---|---|---|"]
    whither = destinations(cmp.rows(level), lang)
    for k, p in enumerate(cmp.rows(level)):
        if changes_only and p.change == "unchanged":
            continue
        change = "，".join(row_flags(p, lang) + ([whither[k]] if k in whither else []))
        red = md_redline(p.old_text, p.new_text) if p.change != "unchanged" else ""
        tags = "、".join(label(t, lang) for t in p.tags)
        lines.append(f"| {md_text(p.old_label or '—')} | {md_text(p.new_label or '—')} | "
                     f"{md_cell(md_text(change))} | {md_cell(red)} | {md_cell(md_text(tags))} |")
    return "\n".join(lines)


@report_format("html", ".html", "self-contained side-by-side report with an index")
def render_html(cmp: Comparison, level: str = "article", title: str | None = None,
                lang: str = "zh", changes_only: bool = False) -> str:
    heading = title or f"{doc_title(cmp.old)} → {doc_title(cmp.new)}"
    body = html_body(cmp, level, heading, index=True, lang=lang, changes_only=changes_only)
    return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(heading)}</title><style>{css()}</style></head>"
            f"<body>{body}</body></html>\n")


@report_format("duizhao", ".md", "修改对照表 (修改后 | 修改前)")
def render_duizhao(cmp: Comparison, level: str = "article", fmt: str = "markdown",
                   changes_only: bool = False) -> str:
    if not changes_only:
        return cmp.to_duizhao(fmt)
    from .duizhao import duizhao

    return duizhao(_ChangedOnly(cmp), fmt)


@report_format("decision", ".txt", "修改决定-style amendment instructions")
def render_decision(cmp: Comparison, level: str = "article") -> str:
    return cmp.to_decision()


class _ChangedOnly:
    """A view of a Comparison without its unchanged rows (for ``changes_only`` tables)."""

    def __init__(self, cmp: Comparison) -> None:
        self._cmp = cmp
        self.pairs = [p for p in cmp.pairs if p.change != "unchanged"]

    def rows(self, level: str = "article") -> list[Pair]:
        return [p for p in self._cmp.rows(level) if p.change != "unchanged"]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cmp, name)


# -- shared pieces ----------------------------------------------------------------------


def html_body(cmp: Comparison, level: str, heading: str | None, index: bool,
              lang: str = "zh", changes_only: bool = False) -> str:
    """The report without ``<html>``: also the notebook view of a Comparison."""
    s = cmp.summary(level)
    rows = cmp.rows(level)
    whither = destinations(rows, lang)
    out = ["<div class=\"regtext-diff\">"]
    if heading:
        out.append(f"<h1>{html.escape(heading)}</h1>")
    out.extend(f"<p class=\"caveat\" role=\"note\"><strong>{html.escape(c)}</strong></p>"
               for c in caveats(cmp, lang))
    out.append(f"<p class=\"summary\">{html.escape(summary_sentence(s, lang))}</p>")
    shown = [(k, p) for k, p in enumerate(rows)
             if not (changes_only and p.change == "unchanged")]
    if index:
        out.append("<nav class=\"index\"><h2>目录 Index</h2><ol>")
        for k, p in shown:
            what = " · ".join(row_flags(p, lang, renumbered=False))
            out.append(f"<li class=\"{p.change}\"><a href=\"#r{k}\">"
                       f"{html.escape(arrow(p))}</a> <span class=\"chg\">"
                       f"{html.escape(what)}</span></li>")
        out.append("</ol></nav>")
    cols = (("原条文", "新条文", "变化") if lang == "zh" else ("Old", "New", "Change"))
    out.append(f"<table class=\"sxs\"><thead><tr><th>{cols[0]}</th><th>{cols[1]}</th>"
               f"<th>{cols[2]}</th></tr></thead><tbody>")
    for k, p in shown:
        left, right = side_by_side(p)
        meta = row_flags(p, lang) + ([whither[k]] if k in whither else [])
        if p.similarity and p.change != "unchanged":
            meta.append(f"{'相似度' if lang == 'zh' else 'sim'} {p.similarity:.2f}")
        tag_html = "".join(f"<span class=\"tag\">{html.escape(label(t, lang))}</span>"
                           for t in p.tags)
        out.append(
            f"<tr id=\"r{k}\" class=\"{p.change}\"><td><div class=\"lbl\">"
            f"{html.escape(p.old_label or '—')}</div>{left}</td><td><div class=\"lbl\">"
            f"{html.escape(p.new_label or '—')}</div>{right}</td><td class=\"meta\">"
            f"{html.escape(', '.join(meta))}<div>{tag_html}</div></td></tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def doc_title(doc: Document) -> str:
    """A document's heading in reports: its title, else its id."""
    return doc.title or doc.id or "(untitled)"


def arrow(p: Pair) -> str:
    return f"{p.old_label or '—'} → {p.new_label or '—'}"


def summary_sentence(s: dict[str, Any], lang: str = "en") -> str:
    """One line of counts from :meth:`Comparison.summary` (``lang="zh"``: in Chinese).

    Example:
        >>> import regtext
        >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
        ...                    regtext.parse("第一条 甲应当依法登记。"))
        >>> summary_sentence(cmp.summary(), "zh")
        '共 1 行：未变 0，修改 1，新增 0，删除 0；拆分 0 行，合并 0 行，移动 0，条号变化 0。'
    """
    if lang == "zh":
        c, rel = s["change"], s["relation"]
        text = (f"共 {s['rows']} 行：" + "，".join(
            f"{label(k)} {c.get(k, 0)}" for k in ("unchanged", "modified", "added", "deleted"))
            + f"；拆分 {rel.get('split', 0)} 行，合并 {rel.get('merge', 0)} 行，"
            f"移动 {s['moved']}，条号变化 {s['renumbered']}。")
        if s["tags"]:
            text += "标签：" + "，".join(f"{label(k)} ×{v}" for k, v in s["tags"].items()) + "。"
        return text
    c = s["change"]
    parts = [f"{c.get(k, 0)} {k}" for k in ("unchanged", "modified", "added", "deleted")]
    rel = s["relation"]
    extra = [f"{rel.get('split', 0)} split rows", f"{rel.get('merge', 0)} merge rows",
             f"{s['moved']} moved", f"{s['renumbered']} renumbered"]
    text = f"{s['rows']} rows: " + ", ".join(parts) + "; " + ", ".join(extra) + "."
    if s["tags"]:
        text += " Tags: " + ", ".join(f"{k} ×{v}" for k, v in s["tags"].items()) + "."
    return text


def md_text(text: str) -> str:
    """Law text as Markdown *data*: HTML special characters escaped, so a ``<script>`` in a
    source file cannot become markup in a renderer.

    Example:
        >>> md_text("<script>alert(1)</script>")
        '&lt;script&gt;alert(1)&lt;/script&gt;'
    """
    return html.escape(text, quote=False)


def md_redline(old: str, new: str) -> str:
    """Markdown redline (``~~deleted~~``, ``**inserted**``) with the text HTML-escaped.

    Example:
        >>> md_redline("甲<b>登记。", "甲<b>依法登记。")
        '甲&lt;b&gt;**依法**登记。'
    """
    parts = []
    for e in edits(old, new):
        if e.op == "equal":
            parts.append(md_text(e.old))
            continue
        for text, mark in ((e.old, "~~"), (e.new, "**")):
            if text:
                # line breaks outside the markers, or Markdown drops the formatting
                parts.append("\n".join(f"{mark}{md_text(x)}{mark}" if x.strip() else x
                                       for x in text.split("\n")))
    return "".join(parts)


# -- Chinese labels, where split rows went, provenance ----------------------------------


@cache
def _labels() -> dict[str, str]:
    from .. import rules

    return {r["term"]: r["zh"] for r in rules.table("labels-zh")}


def label(term: str, lang: str = "zh") -> str:
    """A change type, relation or tag as a report shows it (``lang`` ``zh`` or ``en``).

    Tags with a target keep it: ``citation-added:stpl`` → ``新增援引:stpl``. Terms come from
    ``regtext/_data/rules/labels-zh.tsv``; machine outputs (CSV, JSON) keep the English term.

    Example:
        >>> label("softened"), label("citation-added:stpl"), label("softened", "en")
        ('弱化', '新增援引:stpl', 'softened')
    """
    if lang != "zh":
        return term
    head, sep, rest = term.partition(":")
    return _labels().get(head, head) + sep + rest


def row_flags(p: Pair, lang: str = "zh", renumbered: bool = True) -> list[str]:
    """What happened to a row: its change, then split/merge, moved, renumbered."""
    out = [label(p.change, lang)]
    if p.relation in ("split", "merge"):
        out.append(label(p.relation, lang))
    if p.moved:
        out.append(label("moved", lang))
    if renumbered and p.renumbered:
        out.append(label("renumbered", lang))
    return out


def destinations(rows: list[Pair], lang: str = "zh") -> dict[int, str]:
    """For split and merge rows (by row index): where the rest of the text went or came from.

    A split row (one old provision feeding several new ones) says 其余移至第二十二条; a merge
    row says which other old provisions were merged into the same new one.

    Example:
        >>> import regtext
        >>> cmp = regtext.diff(regtext.load("genai-2023-draft", warn=False),
        ...                    regtext.load("genai-2023-final"))
        >>> w = destinations(cmp.pairs)
        >>> [w[k] for k, p in enumerate(cmp.pairs) if (p.old_ref, p.new_ref) == ("2", "2")]
        ['其余移至第二十二条']
    """
    dests: dict[str, list[str]] = {}
    srcs: dict[str, list[str]] = {}
    for p in rows:
        if p.old_ref is not None and p.new_ref is not None:
            dests.setdefault(p.old_ref, []).append(p.new_label)
            srcs.setdefault(p.new_ref, []).append(p.old_label)
    out: dict[int, str] = {}
    for k, p in enumerate(rows):
        parts = []
        # a many-to-many row both sends text elsewhere and draws on other provisions
        if p.relation in ("split", "many-to-many") and p.old_ref is not None:
            rest = [x for x in dests.get(p.old_ref, []) if x != p.new_label]
            if rest:
                parts.append(f"其余移至{'、'.join(rest)}" if lang == "zh"
                             else f"rest went to {', '.join(rest)}")
        if p.relation in ("merge", "many-to-many") and p.new_ref is not None:
            rest = [x for x in srcs.get(p.new_ref, []) if x != p.old_label]
            if rest:
                parts.append(f"与{'、'.join(rest)}合并" if lang == "zh"
                             else f"merged with {', '.join(rest)}")
        if parts:
            out[k] = ("；" if lang == "zh" else "; ").join(parts)
    return out


def provenance(cmp: Comparison) -> list[dict[str, Any]]:
    """Each compared text that is only partly verified: id, title, verification, note.

    The verification comes from the document's metadata, else from the corpus catalog when
    the document's id is a corpus id; texts with neither (a user's own file) are not listed.

    Example:
        >>> import regtext
        >>> cmp = regtext.diff(regtext.load("genai-2023-draft", warn=False),
        ...                    regtext.load("genai-2023-final"))
        >>> [(p["id"], p["verification"]) for p in provenance(cmp)]
        [('genai-2023-draft', 'partial')]
    """
    out = []
    for doc in (cmp.old, cmp.new):
        meta = dict(doc.meta or {})
        if "verification" not in meta and doc.id:
            from ..corpus.catalog import record, resolve_id

            if resolve_id(doc.id) == doc.id:
                meta = record(doc.id)
        v = meta.get("verification")
        if v and v != "complete":
            out.append({"id": doc.id, "title": doc.title, "verification": v,
                        "note": meta.get("verification_note", "")})
    return out


def caveats(cmp: Comparison, lang: str = "zh", note: bool = True) -> list[str]:
    """One sentence per partly verified text, for the top of a report (empty when none).

    Example:
        >>> import regtext
        >>> cmp = regtext.diff(regtext.load("genai-2023-draft", warn=False),
        ...                    regtext.load("genai-2023-final"))
        >>> caveats(cmp, note=False)
        ['注意：genai-2023-draft（生成式人工智能服务管理办法（征求意见稿））仅部分核实（partial），...']
    """
    out = []
    for p in provenance(cmp):
        if lang == "zh":
            s = (f"注意：{p['id']}（{p['title']}）仅部分核实（{p['verification']}），"
                 "比较结果中涉及未核实部分的差异可能并非真实修改")
        else:
            s = (f"Caution: {p['id']} ({p['title']}) is only partly verified "
                 f"({p['verification']}); differences in its unverified parts may not be real")
        out.append(s + (f"：{p['note']}" if lang == "zh" else f": {p['note']}")
                   if note and p["note"] else s + ("。" if lang == "zh" else "."))
    return out


def similarity_or_nan(p: Pair) -> float:
    """A row's similarity, NaN for an added or deleted row (there is nothing to compare)."""
    return p.similarity if p.old_ref is not None and p.new_ref is not None else math.nan


def md_cell(text: str) -> str:
    """Text for one Markdown table cell: pipes escaped, line breaks as <br>."""
    return text.replace("|", "\\|").replace("\n", "<br>")


def side_by_side(p: Pair) -> tuple[str, str]:
    """Old side with deletions marked, new side with insertions marked (HTML)."""
    if p.change == "unchanged":
        same = html.escape(p.new_text).replace("\n", "<br>")
        return same, same
    left, right = [], []
    for e in p.edits:
        o = html.escape(e.old).replace("\n", "<br>")
        n = html.escape(e.new).replace("\n", "<br>")
        if e.op == "equal":
            left.append(o)
            right.append(o)
            continue
        if e.old:
            left.append(f"<del>{o}</del>")
        if e.new:
            right.append(f"<ins>{n}</ins>")
    return "".join(left), "".join(right)


@cache
def css() -> str:
    """The report stylesheet (regtext/_data/diff.css)."""
    from importlib import resources

    return (resources.files("regtext._data") / "diff.css").read_text(encoding="utf-8")


# Word and Excel register themselves; imported last because they use the pieces above.
from . import office as _office  # noqa: E402,F401
