"""Output formats of a :class:`~regtext.compare.comparison.Comparison`, one renderer each.

Every format is registered with :func:`report_format`; the CLI's ``regtext diff --format``
choices come from :data:`FORMATS`, so adding a format is one decorated function here (or in a
module imported below) plus its test. ``render(cmp, "html")`` dispatches by name.

Example:
    >>> import regtext
    >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
    ...                    regtext.parse("第一条 甲应当依法登记。"))
    >>> sorted(FORMATS)[:3]
    ['csv', 'decision', 'duizhao']
    >>> "<ins>依法</ins>" in render(cmp, "html")
    True
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from .redlining import redline_markdown

if TYPE_CHECKING:
    from ..text.model import Document
    from .comparison import Comparison, Pair

__all__ = ["FORMATS", "ReportFormat", "render", "report_format"]


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
    """Register a renderer ``fn(cmp, level="article", **options)`` under ``name``."""

    def deco(fn: Callable[..., str | bytes]) -> Callable[..., str | bytes]:
        FORMATS[name] = ReportFormat(name, fn, suffix, description, binary)
        return fn

    return deco


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
    data = {"summary": cmp.summary(level), "rows": [p.to_dict() for p in cmp.rows(level)]}
    return json.dumps(data, ensure_ascii=False, indent=indent)


@report_format("markdown", ".md", "summary and a table with the redline of every row")
def render_markdown(cmp: Comparison, level: str = "article") -> str:
    s = cmp.summary(level)
    lines = [f"# {doc_title(cmp.old)} → {doc_title(cmp.new)}", "",
             summary_sentence(s), "",
             "| 原条文 | 新条文 | 变化 | 修改情况 | 标签 |", "|---|---|---|---|---|"]
    for p in cmp.rows(level):
        change = p.change + ("" if p.relation in ("", "one-to-one") else f" ({p.relation})")
        if p.moved:
            change += ", moved"
        red = redline_markdown(p.old_text, p.new_text) if p.change != "unchanged" else ""
        lines.append(f"| {p.old_label or '—'} | {p.new_label or '—'} | {change} | "
                     f"{md_cell(red)} | {', '.join(p.tags)} |")
    return "\n".join(lines)


@report_format("html", ".html", "self-contained side-by-side report with an index")
def render_html(cmp: Comparison, level: str = "article", title: str | None = None) -> str:
    heading = title or f"{doc_title(cmp.old)} → {doc_title(cmp.new)}"
    return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(heading)}</title><style>{css()}</style></head>"
            f"<body>{html_body(cmp, level, heading, index=True)}</body></html>\n")


@report_format("duizhao", ".md", "修改对照表 (修改后 | 修改前)")
def render_duizhao(cmp: Comparison, level: str = "article", fmt: str = "markdown") -> str:
    return cmp.to_duizhao(fmt)


@report_format("decision", ".txt", "修改决定-style amendment instructions")
def render_decision(cmp: Comparison, level: str = "article") -> str:
    return cmp.to_decision()


# -- shared pieces ----------------------------------------------------------------------


def html_body(cmp: Comparison, level: str, heading: str | None, index: bool) -> str:
    """The report without ``<html>``: also the notebook view of a Comparison."""
    s = cmp.summary(level)
    rows = cmp.rows(level)
    out = ["<div class=\"regtext-diff\">"]
    if heading:
        out.append(f"<h1>{html.escape(heading)}</h1>")
    out.append(f"<p class=\"summary\">{html.escape(summary_sentence(s))}</p>")
    if index:
        out.append("<nav class=\"index\"><h2>目录 Index</h2><ol>")
        for k, p in enumerate(rows):
            what = " · ".join([p.change] + ([p.relation] if p.relation in (
                "split", "merge") else []) + (["moved"] if p.moved else []))
            out.append(f"<li class=\"{p.change}\"><a href=\"#r{k}\">"
                       f"{html.escape(arrow(p))}</a> <span class=\"chg\">{what}</span></li>")
        out.append("</ol></nav>")
    out.append("<table class=\"sxs\"><thead><tr><th>原条文 Old</th><th>新条文 New</th>"
               "<th>变化 Change</th></tr></thead><tbody>")
    for k, p in enumerate(rows):
        left, right = side_by_side(p)
        meta = [p.change]
        if p.relation not in ("", "one-to-one"):
            meta.append(p.relation)
        if p.moved:
            meta.append("moved")
        if p.renumbered:
            meta.append("renumbered")
        if p.similarity and p.change != "unchanged":
            meta.append(f"sim {p.similarity:.2f}")
        tag_html = "".join(f"<span class=\"tag\">{html.escape(t)}</span>" for t in p.tags)
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


def summary_sentence(s: dict[str, Any]) -> str:
    """One line of counts from :meth:`Comparison.summary`."""
    c = s["change"]
    parts = [f"{c.get(k, 0)} {k}" for k in ("unchanged", "modified", "added", "deleted")]
    rel = s["relation"]
    extra = [f"{rel.get('split', 0)} split rows", f"{rel.get('merge', 0)} merge rows",
             f"{s['moved']} moved", f"{s['renumbered']} renumbered"]
    text = f"{s['rows']} rows: " + ", ".join(parts) + "; " + ", ".join(extra) + "."
    if s["tags"]:
        text += " Tags: " + ", ".join(f"{k} ×{v}" for k, v in s["tags"].items()) + "."
    return text


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
