"""The 修改对照表: the two-column table legislators publish beside an amendment.

Example:
    >>> import regtext
    >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
    ...                    regtext.parse("第一条 甲应当依法登记。"))
    >>> duizhao(cmp).splitlines()[2]
    '| 第一条 甲应当**依法**登记。 | 第一条 甲应当登记。 |'
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .reports import md_cell

if TYPE_CHECKING:
    from .comparison import Comparison, Pair

__all__ = ["duizhao"]


def duizhao(cmp: Comparison, fmt: str = "markdown") -> str:
    """New text on the left (insertions in bold), old on the right (deletions struck).

    ``fmt`` is ``markdown`` or ``html``.
    """
    rows = []
    for p in cmp.pairs:
        new_side = old_side = ""
        if p.new_ref is not None:
            new_side = f"{p.new_label} " + _marked(p, "new", fmt)
        if p.old_ref is not None:
            old_side = _marked(p, "old", fmt, prefix=f"{p.old_label} ")
        rows.append((new_side, old_side))
    if fmt == "html":
        body = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
        return ("<table class=\"duizhao\"><thead><tr><th>修改后</th><th>修改前</th></tr>"
                f"</thead><tbody>{body}</tbody></table>")
    return "\n".join(["| 修改后 | 修改前 |", "|---|---|"]
                     + [f"| {md_cell(a)} | {md_cell(b)} |" for a, b in rows])


def _marked(p: Pair, side: str, fmt: str, prefix: str = "") -> str:
    """One side of a row: the new text with insertions, or the old with deletions."""
    bold = ("<b>", "</b>") if fmt == "html" else ("**", "**")
    strike = ("<s>", "</s>") if fmt == "html" else ("~~", "~~")
    esc = html.escape if fmt == "html" else (lambda t: t)
    if side == "old" and p.new_ref is None:
        return f"{strike[0]}{esc(prefix + p.old_text)}{strike[1]}"
    if side == "new" and p.old_ref is None:
        return f"{bold[0]}{esc(p.new_text)}{bold[1]}"
    out = [esc(prefix)]
    for e in p.edits:
        if e.op == "equal":
            out.append(esc(e.old))
        elif side == "new" and e.new:
            out.append(f"{bold[0]}{esc(e.new)}{bold[1]}")
        elif side == "old" and e.old:
            out.append(f"{strike[0]}{esc(e.old)}{strike[1]}")
    return "".join(out)
