"""修改决定 wording: amendment instructions that turn the old text into the new one.

Example:
    >>> import regtext
    >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
    ...                    regtext.parse("第一条 甲应当依法登记。"))
    >>> decision(cmp)
    '一、在第一条中的“甲应当”后增加“依法”。'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .comparison import Comparison, Pair

__all__ = ["decision"]


def decision(cmp: Comparison) -> str:
    """Small wording changes become "将第X条中的“…”修改为“…”"; larger ones restate the article;
    deletions, additions, splits and merges get their own formulas, renumbering a closing
    sentence."""
    from ..text.numerals import int_to_cn

    steps: list[str] = []
    sources: dict[str, list[Pair]] = {}
    for p in cmp.pairs:
        if p.new_ref is not None and p.old_ref is not None:
            sources.setdefault(p.new_ref, []).append(p)
    done: set[str] = set()
    renumbered = False
    for p in cmp.pairs:
        if p.old_ref is None:
            steps.append(f"增加一条，作为{p.new_label}：“{_quote(p.new_text)}”")
            continue
        if p.new_ref is None:
            steps.append(f"删去{p.old_label}。")
            continue
        if p.new_ref in done:
            continue
        done.add(p.new_ref)
        group = sources[p.new_ref]
        renumbered |= any(q.renumbered for q in group)
        if len(group) > 1:
            olds = "、".join(q.old_label for q in group)
            steps.append(f"将{olds}的有关内容合并，作为{p.new_label}，修改为："
                         f"“{_quote(p.new_text)}”")
        elif p.relation == "split" and p.renumbered:
            steps.append(f"将{p.old_label}的有关内容作为{p.new_label}，修改为："
                         f"“{_quote(p.new_text)}”")
        elif p.relation == "split":
            steps.append(f"{p.old_label}修改为：“{_quote(p.new_text)}”")
        elif p.change == "unchanged":
            continue
        else:
            small = "" if p.renumbered else _word_instructions(p)
            if small:
                steps.append(small)
            else:
                head = f"{p.old_label}改为{p.new_label}，" if p.renumbered else p.old_label
                steps.append(f"{head}修改为：“{_quote(p.new_text)}”")
    lines = [f"{int_to_cn(k)}、{s}" for k, s in enumerate(steps, 1)]
    if renumbered:
        lines.append("此外，对条文顺序作相应调整。")
    return "\n".join(lines)


def _quote(text: str) -> str:
    """Article text as quoted in a decision: paragraphs joined, final 。 kept."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _word_instructions(p: Pair, max_edits: int = 3, max_len: int = 20) -> str:
    """将…修改为… / 删去… / 在…后增加… for a small wording change; empty when restating
    the whole article is clearer."""
    all_edits = p.edits
    changed = [e for e in all_edits if e.op != "equal"]
    if not changed or len(changed) > max_edits:
        return ""
    if any(len(e.old) > max_len or len(e.new) > max_len or "\n" in e.old + e.new
           for e in changed):
        return ""
    label = p.old_label
    phrases = []
    for k, e in enumerate(all_edits):
        if e.op == "replace":
            phrases.append(f"将{label}中的“{e.old}”修改为“{e.new}”")
        elif e.op == "delete":
            phrases.append(f"删去{label}中的“{e.old}”")
        elif e.op == "insert":
            before = all_edits[k - 1].old[-4:] if k and all_edits[k - 1].op == "equal" else ""
            phrases.append(f"在{label}中的“{before}”后增加“{e.new}”" if before
                           else f"在{label}开头增加“{e.new}”")
    return "；".join(phrases) + "。"
