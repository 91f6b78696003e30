"""Chinese-aware redlines: character diff, cleaned up to word boundaries.

Chinese has no spaces, so a word diff needs a segmenter and a plain character diff
produces confetti (保<del>证</del><ins>障</ins>). We diff characters with :mod:`difflib`, then
widen every change to whole jieba words on both sides and merge changes that are only a
character or two apart. A one-word change stays one small edit; an unchanged sentence is
never struck.

Example:
    >>> redline_html("提供安全、稳健、持续的服务。", "提供安全、稳定、持续的服务。")
    '提供安全、<del>稳健</del><ins>稳定</ins>、持续的服务。'
"""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Edit", "Redline", "edits", "redline", "redline_html", "redline_markdown"]

_PUNCT = set("，。；：、！？（）《》“”‘’,.;:!?()\n ")


@dataclass(frozen=True)
class Edit:
    """One stretch of a redline.

    Attributes:
        op: ``equal``, ``delete``, ``insert`` or ``replace``.
        old: the old text of the stretch (empty for an insertion).
        new: the new text of the stretch (empty for a deletion).
        old_start, old_end: character offsets in the old text.
        new_start, new_end: character offsets in the new text.

    Example:
        >>> Edit("insert", "", "依法", 3, 3, 3, 5).new
        '依法'
    """

    op: str
    old: str
    new: str
    old_start: int
    old_end: int
    new_start: int
    new_end: int

    def to_dict(self) -> dict:
        """Plain data for JSON.

        Example:
            >>> Edit("delete", "甲", "", 0, 1, 0, 0).to_dict()["op"]
            'delete'
        """
        return {"op": self.op, "old": self.old, "new": self.new,
                "old_start": self.old_start, "old_end": self.old_end,
                "new_start": self.new_start, "new_end": self.new_end}


@lru_cache(maxsize=4096)
def _boundaries(text: str) -> frozenset[int]:
    """Offsets where a jieba word starts or ends (jieba imported lazily: it is slow to load)."""
    from ..extract.pipeline import words  # not the legal dictionary: it moves redline boundaries

    out = {0, len(text)}
    pos = 0
    for word in words(text, legal=False):  # = plain_tokenizer().cut(text, HMM=False)
        pos += len(word)
        out.add(pos)
    return frozenset(out)


def edits(old: str, new: str) -> list[Edit]:
    """The redline of ``old`` → ``new`` as a list of :class:`Edit` (equal stretches included).

    Example:
        >>> [(e.op, e.old, e.new) for e in edits("不得向他人提供", "不得非法向他人提供")]
        [('equal', '不得', ''), ('insert', '', '非法'), ('equal', '向他人提供', '')]
    """
    old, new = old or "", new or ""
    if old == new:
        return [Edit("equal", old, "", 0, len(old), 0, len(new))] if old else []
    ops = _refine(difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes(),
                  old, new)
    changes = _snap(ops, _boundaries(old), _boundaries(new), old, new) if old and new else [
        (i1, i2, j1, j2) for tag, i1, i2, j1, j2 in ops if tag != "equal"]
    out: list[Edit] = []
    i = j = 0
    for i1, i2, j1, j2 in changes:
        if i1 > i:
            out.append(Edit("equal", old[i:i1], "", i, i1, j, j1))
        op = "replace" if i2 > i1 and j2 > j1 else "delete" if i2 > i1 else "insert"
        out.append(Edit(op, old[i1:i2], new[j1:j2], i1, i2, j1, j2))
        i, j = i2, j2
    if i < len(old):
        out.append(Edit("equal", old[i:], "", i, len(old), j, len(new)))
    return out


_OPENERS = "《（「“"
_CLOSERS = "》）」”"
_SEPARATORS = "、，；。："


def _boundary_score(x: str) -> int:
    """How natural an inserted/deleted stretch looks: 、《…》 beats 》、《…."""
    score = 0
    if x[:1] in _SEPARATORS or x[:1] in _OPENERS:
        score += 2
    if x[-1:] in _CLOSERS or x[-1:] in _SEPARATORS:
        score += 1
    return score


def _refine(ops, old: str, new: str):
    """Trim common prefixes/suffixes off replacements, then slide each pure insertion or
    deletion along its equal neighbours to the most natural place (difflib takes the
    longest block first, which can strand 保护法 as a replacement of itself)."""
    segs: list[list] = []  # [tag, old_text, new_text]
    for tag, i1, i2, j1, j2 in ops:
        a, b = old[i1:i2], new[j1:j2]
        if tag != "replace":
            segs.append([tag, a, b])
            continue
        p = 0
        while p < min(len(a), len(b)) and a[p] == b[p]:
            p += 1
        q = 0
        while q < min(len(a), len(b)) - p and a[len(a) - 1 - q] == b[len(b) - 1 - q]:
            q += 1
        if p:
            segs.append(["equal", a[:p], a[:p]])
        ma, mb = a[p:len(a) - q], b[p:len(b) - q]
        segs.append(["replace" if ma and mb else "delete" if ma else "insert", ma, mb])
        if q:
            segs.append(["equal", a[len(a) - q:], a[len(a) - q:]])
    segs = _merge_equal(segs)
    for k, seg in enumerate(segs):
        if seg[0] not in ("insert", "delete") or not 0 < k < len(segs) - 1:
            continue
        prev, nxt = segs[k - 1], segs[k + 1]
        if prev[0] != "equal" or nxt[0] != "equal":
            continue
        x = seg[1] if seg[0] == "delete" else seg[2]
        before, after = prev[1], nxt[1]
        best = (_boundary_score(x), 0, before, x, after)
        b_, x_, a_ = before, x, after
        shift = 0
        while a_ and a_[0] == x_[0]:  # slide right
            b_, x_, a_ = b_ + a_[0], x_[1:] + a_[0], a_[1:]
            shift += 1
            if _boundary_score(x_) > best[0]:
                best = (_boundary_score(x_), shift, b_, x_, a_)
        b_, x_, a_ = before, x, after
        while b_ and b_[-1] == x_[-1]:  # slide left
            b_, x_, a_ = b_[:-1], b_[-1] + x_[:-1], b_[-1] + a_
            if _boundary_score(x_) > best[0]:
                best = (_boundary_score(x_), -1, b_, x_, a_)
        _, _, before, x, after = best
        prev[1] = prev[2] = before
        nxt[1] = nxt[2] = after
        seg[1], seg[2] = (x, "") if seg[0] == "delete" else ("", x)
    out = []
    i = j = 0
    for tag, a, b in _merge_equal(segs):
        out.append((tag, i, i + len(a), j, j + len(b)))
        i, j = i + len(a), j + len(b)
    return out


def _merge_equal(segs: list[list]) -> list[list]:
    merged: list[list] = []
    for seg in segs:
        if not seg[1] and not seg[2]:
            continue
        if merged and seg[0] == "equal" and merged[-1][0] == "equal":
            merged[-1][1] += seg[1]
            merged[-1][2] += seg[2]
        else:
            merged.append(list(seg))
    return merged


def _snap(ops, bo, bn, old, new):
    """Widen each change to word boundaries on both sides, swallowing the equal text between
    changes when needed, then merge changes only one non-punctuation character apart."""

    def cut(i: int, j: int) -> bool:
        return i in bo and j in bn

    blocks: list[list[int]] = []
    k = 0
    while k < len(ops):
        tag, i1, i2, j1, j2 = ops[k]
        k += 1
        if tag == "equal":
            continue
        floor = blocks[-1][1] if blocks else 0
        # text before a change is equal on both sides, so both offsets step together
        while i1 > floor and not cut(i1, j1) and old[i1 - 1] not in _PUNCT:
            i1, j1 = i1 - 1, j1 - 1
        if blocks and i1 <= floor:
            i1, j1 = blocks[-1][0], blocks[-1][2]
            blocks.pop()
        while True:
            room = ops[k][2] if k < len(ops) and ops[k][0] == "equal" else i2
            while i2 < room and not cut(i2, j2) and old[i2] not in _PUNCT:
                i2, j2 = i2 + 1, j2 + 1
            if i2 >= room and k + 1 < len(ops) and room > ops[k][1] - 1 and not cut(i2, j2):
                # the whole equal run went into this change: take in the next change too
                _, _, i2, _, j2 = ops[k + 1]
                k += 2
                continue
            break
        blocks.append([i1, i2, j1, j2])
    merged: list[list[int]] = []
    for b in blocks:
        if merged:
            gap = old[merged[-1][1] : b[0]]
            if len(gap) <= 1 and not set(gap) & _PUNCT:
                merged[-1][1], merged[-1][3] = b[1], b[3]
                continue
        merged.append(b)
    return [tuple(b) for b in merged]


def _text_html(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def redline_html(old: str, new: str) -> str:
    """HTML redline: deletions in ``<del>``, insertions in ``<ins>``, the rest escaped.

    Example:
        >>> redline_html("甲应当登记。", "")
        '<del>甲应当登记。</del>'
    """
    parts = []
    for e in edits(old, new):
        if e.op == "equal":
            parts.append(_text_html(e.old))
            continue
        if e.old:
            parts.append(f"<del>{_text_html(e.old)}</del>")
        if e.new:
            parts.append(f"<ins>{_text_html(e.new)}</ins>")
    return "".join(parts)


def redline_markdown(old: str, new: str) -> str:
    """Markdown redline: deletions as ``~~struck~~``, insertions in ``**bold**``.

    Example:
        >>> redline_markdown("应当在3个月内整改。", "应当整改。")
        '应当~~在3个月内~~整改。'
    """
    parts = []
    for e in edits(old, new):
        if e.op == "equal":
            parts.append(e.old)
            continue
        for text, mark in ((e.old, "~~"), (e.new, "**")):
            if not text:
                continue
            # keep line breaks outside the markers, or Markdown drops the formatting
            lines = text.split("\n")
            parts.append("\n".join(f"{mark}{s}{mark}" if s.strip() else s for s in lines))
    return "".join(parts)


@dataclass(frozen=True)
class Redline:
    """The redline of two strings: ``regtext.redline(old, new)``.

    Shows itself as HTML in a notebook, as coloured text in a terminal (``print``), and as
    Markdown or HTML on request; ``edits`` is the structured form. All text is escaped in
    the HTML and Markdown forms, so markup in the input stays text.

    Attributes:
        old, new: the two strings.

    Example:
        >>> r = redline("不得向他人提供个人信息。", "不得非法向他人提供个人信息。")
        >>> r.to_markdown()
        '不得**非法**向他人提供个人信息。'
        >>> [(e.op, e.old, e.new) for e in r.changes]
        [('insert', '', '非法')]
    """

    old: str
    new: str

    @property
    def edits(self) -> list[Edit]:
        """Every stretch, equal ones included (see :func:`edits`).

        Example:
            >>> [e.op for e in redline("甲登记。", "甲依法登记。").edits]
            ['equal', 'insert', 'equal']
        """
        return edits(self.old, self.new)

    @property
    def changes(self) -> list[Edit]:
        """Only the stretches that changed.

        Example:
            >>> redline("甲。", "甲。").changes
            []
        """
        return [e for e in self.edits if e.op != "equal"]

    def to_html(self) -> str:
        """HTML: deletions in ``<del>``, insertions in ``<ins>``, the rest escaped.

        Example:
            >>> redline("<b>甲</b>登记", "<b>甲</b>依法登记").to_html()
            '&lt;b&gt;甲&lt;/b&gt;<ins>依法</ins>登记'
        """
        return redline_html(self.old, self.new)

    def to_markdown(self) -> str:
        """Markdown: ``~~deleted~~`` and ``**inserted**``, HTML in the text escaped.

        Example:
            >>> redline("甲应当登记。", "甲应当依法登记。").to_markdown()
            '甲应当**依法**登记。'
        """
        from .reports import md_redline

        return md_redline(self.old, self.new)

    def to_terminal(self, color: bool = True) -> str:
        """Text for a terminal: deletions red and struck, insertions green and underlined
        (ANSI); with ``color=False``, ``[-deleted-]{+inserted+}`` as in ``git diff --word-diff``.

        Example:
            >>> redline("甲应当登记。", "甲应当依法登记。").to_terminal(color=False)
            '甲应当{+依法+}登记。'
        """
        out = []
        for e in self.edits:
            if e.op == "equal":
                out.append(e.old)
                continue
            if e.old:
                out.append(f"\x1b[9;31m{e.old}\x1b[0m" if color else f"[-{e.old}-]")
            if e.new:
                out.append(f"\x1b[4;32m{e.new}\x1b[0m" if color else f"{{+{e.new}+}}")
        return "".join(out)

    def __str__(self) -> str:
        import sys

        return self.to_terminal(color=sys.stdout.isatty())

    def _repr_html_(self) -> str:
        return ("<div class=\"regtext-redline\"><style>.regtext-redline del{color:#c00000;}"
                ".regtext-redline ins{color:#0070c0;}</style>" + self.to_html() + "</div>")


def redline(old: str, new: str) -> Redline:
    """Redline any two strings, cleaned up to Chinese word boundaries (see :class:`Redline`).

    Example:
        >>> import regtext
        >>> r = regtext.redline("提供安全、稳健、持续的服务。", "提供安全、稳定、持续的服务。")
        >>> r.to_html()
        '提供安全、<del>稳健</del><ins>稳定</ins>、持续的服务。'
        >>> r.to_terminal(color=False)
        '提供安全、[-稳健-]{+稳定+}、持续的服务。'
    """
    if not isinstance(old, str) or not isinstance(new, str):
        raise TypeError("redline() compares two strings; for two Documents use regtext.diff "
                        f"(got {type(old).__name__} and {type(new).__name__})")
    return Redline(old, new)
