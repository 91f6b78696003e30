"""Whether a provision now covers fewer (or more) persons or things: restrictive modifiers.

A drafter narrows a provision by putting a modifier before the noun it applies to: a noun
(防范用户 → 防范未成年人用户) or a relative clause ending in 的 with a verb in it (提供服务 →
提供具有舆论属性或者社会动员能力的服务). The modifier must be new to the text (its words appear
nowhere in the old version outside cited titles), so a reworded or moved modifier is not a
narrowing; taking such a modifier away broadens. Items of a list (、健康) are not modifiers.

Example:
    >>> modifier_shift("采取措施防范用户过分依赖。", "采取措施防范未成年人用户过分依赖。")
    (True, False)
    >>> modifier_shift("采取措施防范未成年人用户过分依赖。", "采取措施防范用户过分依赖。")
    (False, True)
"""

from __future__ import annotations

import re
from functools import lru_cache

from .redlining import Edit, edits

__all__ = ["modifier_shift"]

_TITLE_RE = re.compile(r"《[^《》]*》")
_PUNCT_RE = re.compile(r"[，。；：、,.;:！？（）()《》“”\s]")


@lru_cache(maxsize=8192)
def _tags(text: str) -> tuple[tuple[str, str], ...]:
    from ..extract.pipeline import pos_tags

    return pos_tags(text)


_PLACE_OR_KIND = ("s", "b", "j")  # 境外, 大型: jieba's place and distinguishing words


def _is_noun(flag: str) -> bool:
    return flag.startswith("n") or flag == "vn"


def _modifier(inserted: str, head_text: str) -> list[str] | None:
    """The content words of ``inserted`` when it modifies the noun that ``head_text``
    starts with, else ``None``."""
    if not inserted or _PUNCT_RE.search(inserted) or not head_text or head_text[0] in "、和或及":
        return None
    head = _tags(head_text[:16])
    if not head or not _is_noun(head[0][1]) or len(head[0][0]) < 2:
        return None
    # the noun phrase the modifier attaches to: nouns from the start (数据标注 人员)
    phrase = []
    for w, f in head:
        if not _is_noun(f):
            break
        phrase.append(w)
    toks = _tags(inserted)
    words = [w for w, f in toks if len(w) >= 2 and (_is_noun(f) or f.startswith("v")
                                                     or f.startswith("a") or f in _PLACE_OR_KIND)]
    if inserted.endswith("的"):
        # a relative clause: it must say something (a verb), not 必要的 or 相关的
        if any(f.startswith("v") for w, f in toks[:-1]) and words:
            return words
        return None
    # a noun before a party (未成年人用户): restricts whom the provision covers
    if (toks and all(_is_noun(f) or f in _PLACE_OR_KIND for _, f in toks)
            and len(toks[-1][0]) >= 2 and any(w.endswith(_party_heads()) for w in phrase)):
        return words
    return None


def _party_heads() -> tuple[str, ...]:
    from .. import rules

    return tuple(rules.column("party-heads", "suffix"))


def _swap(e: Edit) -> Edit:
    op = {"insert": "delete", "delete": "insert"}.get(e.op, e.op)
    return Edit(op, e.new, e.old, e.new_start, e.new_end, e.old_start, e.old_end)


def _added(old_m: str, new_m: str, es: list[Edit]) -> bool:
    """Does ``new_m`` put a restrictive modifier new to the text before a noun of
    ``old_m``? (``es``: the edits from one to the other, equal runs carrying their text
    in ``old``.)"""
    for k, e in enumerate(es):
        if e.op not in ("insert", "replace") or k + 1 >= len(es) or es[k + 1].op != "equal":
            continue
        before = new_m[e.new_start - 1:e.new_start] if e.new_start else ""
        if before == "、":
            continue
        if e.op == "replace" and (e.old.endswith("的") or _modifier(e.old, es[k + 1].old)):
            continue  # a modifier reworded, not added
        words = _modifier(e.new, es[k + 1].old)
        if words and e.op == "replace" and not e.new.endswith("的"):
            continue  # 生成内容生产者 → 网络信息内容生产者: a noun reworded, not added
        if words and sum(w not in old_m for w in words) * 2 >= len(words):
            return True
    return False


def modifier_shift(old: str, new: str) -> tuple[bool, bool]:
    """``(narrowed, broadened)``: a restrictive modifier added / taken away (see module).

    Example:
        >>> modifier_shift("提供者应当标识。", "提供者应当依法标识。")
        (False, False)
    """
    old_m, new_m = _TITLE_RE.sub("《》", old), _TITLE_RE.sub("《》", new)
    es = edits(old_m, new_m)
    if all(e.op == "equal" for e in es):
        return False, False
    # the reverse edits are the same stretches with the sides swapped (equal runs keep
    # their text in ``old``, which is the same text)
    back = [_swap(e) if e.op != "equal" else Edit("equal", e.old, "", e.new_start, e.new_end,
                                                    e.old_start, e.old_end) for e in es]
    return _added(old_m, new_m, es), _added(new_m, old_m, back)
