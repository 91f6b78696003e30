"""The 修改对照表: the two-column table legislators publish beside an amendment.

One row per article of the final text (never one twice), in final order, with the chapter
headings as full-width rows; the original text on the left by default (修改前 | 修改后,
``new_first=True`` swaps them). A final article fed by several old ones shows them all on
the old side. Deleted words are struck and inserted words bold; an old article whose text
survives elsewhere (moved, split, merged) is shaded rather than struck; a deleted article
gets a row of its own after its predecessor. Law text is data: it is escaped in both
Markdown and HTML.

Example:
    >>> import regtext
    >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
    ...                    regtext.parse("第一条 甲应当依法登记。"))
    >>> duizhao(cmp).splitlines()[-1]
    '| 第一条 甲应当登记。 | 第一条 甲应当**依法**登记。 |'
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .comparison import Comparison, Pair

__all__ = ["duizhao"]


def _esc_md(text: str) -> str:
    s = html.escape(text, quote=False)
    return re.sub(r"([\\`*_\[\]#~|])", r"\\\1", s).replace("\n", "<br>")


def duizhao(cmp: Comparison, fmt: str = "markdown", new_first: bool = False) -> str:
    """The 对照表 as ``markdown`` or ``html``: a header with titles and issuers, then one
    row per final article (修改前 | 修改后 unless ``new_first``)."""
    if fmt not in ("markdown", "html"):
        raise ValueError(f"fmt must be 'markdown' or 'html', not {fmt!r}")
    md = fmt == "markdown"
    esc = _esc_md if md else (lambda t: html.escape(t).replace("\n", "<br>"))
    bold = ("**", "**") if md else ("<b>", "</b>")
    strike = ("~~", "~~") if md else ("<s>", "</s>")
    shade = ("<mark>", "</mark>") if not md else ("<mark>", "</mark>")
    by_new: dict[str, list[Pair]] = {}
    fed: dict[str, int] = {}
    for p in cmp.pairs:
        if p.new_ref is not None:
            by_new.setdefault(p.new_ref, []).append(p)
        if p.old_ref is not None and p.new_ref is not None:
            fed[p.old_ref] = fed.get(p.old_ref, 0) + 1
    heading_before = _headings(cmp)
    deleted_after: dict[str, list[Pair]] = {}
    last = None
    for p in cmp.pairs:
        if p.new_ref is not None:
            last = p.new_ref
        elif p.old_ref is not None:
            deleted_after.setdefault(last or "", []).append(p)

    rows: list[tuple[str, str] | str] = []

    def old_side(p: Pair) -> str:
        label = esc(p.old_label + " ")
        if p.change == "unchanged" and not p.moved:
            return label + esc(p.old_text)
        if p.relation in ("split", "merge", "many-to-many") or fed.get(p.old_ref or "", 0) > 1:
            return label + shade[0] + esc(p.old_text) + shade[1]  # survives elsewhere
        out = [label]
        for e in p.edits:
            if e.op == "equal":
                out.append(esc(e.old))
            elif e.old:
                out.append(strike[0] + esc(e.old) + strike[1])
        return "".join(out)

    def new_side(p: Pair, alone: bool) -> str:
        label = esc(p.new_label + " ")
        if p.old_ref is None:
            return label + bold[0] + esc(p.new_text) + bold[1]
        if not alone:
            return label + esc(p.new_text)
        out = [label]
        for e in p.edits:
            if e.op == "equal":
                out.append(esc(e.new or e.old))
            elif e.new:
                out.append(bold[0] + esc(e.new) + bold[1])
        return "".join(out)

    for p0 in deleted_after.get("", []):
        rows.append((strike[0] + esc(p0.old_label + " " + p0.old_text) + strike[1], ""))
    for art in cmp.new.articles:
        for h in heading_before.get(art.ref, []):
            rows.append(esc(h))
        group = by_new.get(art.ref, [])
        if not group:
            continue
        alone = len(group) == 1 and fed.get(group[0].old_ref or "", 0) <= 1
        olds = "<br>".join(old_side(p) for p in group if p.old_ref is not None)
        rows.append((olds, new_side(group[0], alone)))
        for d in deleted_after.get(art.ref, []):
            rows.append((strike[0] + esc(d.old_label + " " + d.old_text) + strike[1], ""))
    head_l, head_r = "修改前", "修改后"
    if new_first:
        rows = [(r[1], r[0]) if isinstance(r, tuple) else r for r in rows]
        head_l, head_r = head_r, head_l
    title = f"《{cmp.old.title}》→《{cmp.new.title}》条文对照表"
    issuers = "；".join(f"{'、'.join((d.meta or {}).get('issuers') or [])}"
                       for d in (cmp.old, cmp.new) if (d.meta or {}).get("issuers"))
    if md:
        out = [f"**{esc(title)}**" + (f"（{esc(issuers)}）" if issuers else ""), "",
               f"| {head_l} | {head_r} |", "|---|---|"]
        for r in rows:
            out.append(f"| **{r}** | |" if isinstance(r, str) else f"| {r[0]} | {r[1]} |")
        return "\n".join(out)
    body = "".join(f"<tr><th colspan=\"2\">{r}</th></tr>" if isinstance(r, str)
                   else f"<tr><td>{r[0]}</td><td>{r[1]}</td></tr>" for r in rows)
    return (f"<p class=\"duizhao-title\">{esc(title)}" + (f"（{esc(issuers)}）" if issuers else "")
            + f"</p><table class=\"duizhao\"><thead><tr><th>{head_l}</th><th>{head_r}</th></tr>"
            f"</thead><tbody>{body}</tbody></table>")


def _headings(cmp: Comparison) -> dict[str, list[str]]:
    """Headings (第一章 总则) to print before each final article."""
    out: dict[str, list[str]] = {}
    pending: list[str] = []
    stack = list(reversed(cmp.new.children))
    while stack:
        n = stack.pop()
        if n.kind in ("part", "chapter", "section"):
            pending.append(f"{n.label} {n.heading}".strip())
            stack.extend(reversed(n.children))
        elif n.kind == "article":
            if pending:
                out[n.ref] = pending
                pending = []
    return out
