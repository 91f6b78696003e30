"""Compare two versions of a regulation clause by clause: ``regtext.diff(old, new)``.

Articles are aligned by content (:mod:`regtext.align`), then the 款 and 项 of each group of
aligned articles are aligned the same way. Every row says what happened (``unchanged``,
``modified``, ``added``, ``deleted``), how (``one-to-one``, ``split``, ``merge``), whether
it moved or was renumbered, how similar the texts are, a Chinese-aware redline
(:mod:`regtext.redline`) and change tags (:mod:`regtext.tags`).

Example:
    >>> import regtext
    >>> cmp = regtext.diff(regtext.load("genai-2023-draft", warn=False),
    ...                    regtext.load("genai-2023-final"))
    >>> df = cmp.to_frame()
    >>> df.query("old_ref == '16'")[["new_ref", "moved"]].values.tolist()
    [['12', True]]
    >>> sorted(df.query("change == 'added'").new_ref, key=int)
    ['3', '5', '16', '20', '23']
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..compare.alignment import Match, align, clean
from ..compare.redlining import Edit, edits, redline_html, redline_markdown
from ..compare.tagging import tags as _tags
from ..text.model import Document, Node

__all__ = ["Comparison", "Pair", "diff"]

#: DataFrame columns of :meth:`Comparison.to_frame`, in order.
COLUMNS = ["old_ref", "new_ref", "old_label", "new_label", "change", "relation", "moved",
           "renumbered", "similarity", "old_text", "new_text", "redline", "tags"]


@dataclass(frozen=True)
class Pair:
    """One row of a comparison: an aligned pair, an addition or a deletion.

    Attributes:
        level: ``article`` or ``clause``.
        old_ref, new_ref: refs in the old/new document (``None`` on the missing side).
        old_label, new_label: lawyer's labels (第十三条第二款第（四）项).
        change: ``unchanged``, ``modified``, ``added`` or ``deleted``.
        relation: ``one-to-one``, ``split``, ``merge`` (empty for additions/deletions).
        moved: the provision changed place relative to its neighbours.
        renumbered: aligned, but under another number.
        similarity: 0–1 content similarity backing the pair.
        old_text, new_text: the texts compared.
        evidence: for split/merge pairs, the (old, new) clauses that justify the pair.
        old_context: for a merge, every old text feeding ``new_text`` (else empty).
        new_context: for a split, every new text that ``old_text`` feeds (else empty).

    Example:
        >>> p = Pair("article", "9", None, "第九条", "", "deleted", "", False, False, 0.0,
        ...          "要求用户提供真实身份信息。", "")
        >>> p.redline
        '<del>要求用户提供真实身份信息。</del>'
    """

    level: str
    old_ref: str | None
    new_ref: str | None
    old_label: str
    new_label: str
    change: str
    relation: str
    moved: bool
    renumbered: bool
    similarity: float
    old_text: str
    new_text: str
    evidence: tuple[str, str] | None = None
    old_context: str = field(default="", repr=False)
    new_context: str = field(default="", repr=False)

    @property
    def redline(self) -> str:
        """HTML redline of old → new (``<del>``/``<ins>``).

        Example:
            >>> Pair("article", "1", "1", "", "", "modified", "one-to-one", False, False,
            ...      0.9, "甲应当登记。", "甲应当依法登记。").redline
            '甲应当<ins>依法</ins>登记。'
        """
        return redline_html(self.old_text, self.new_text)

    @property
    def edits(self) -> list[Edit]:
        """The redline as structured :class:`~regtext.redline.Edit` records.

        Example:
            >>> [e.op for e in Pair("article", "1", "1", "", "", "modified", "one-to-one",
            ...  False, False, 0.9, "甲登记。", "甲依法登记。").edits]
            ['equal', 'insert', 'equal']
        """
        return edits(self.old_text, self.new_text)

    @property
    def tags(self) -> list[str]:
        """Change tags computed from the two texts (see :mod:`regtext.tags`).

        Example:
            >>> Pair("article", "9", None, "第九条", "", "deleted", "", False, False, 0.0,
            ...      "提供者应当标识。", "").tags
            ['obligation-removed']
        """
        if self.change == "unchanged":
            return []
        return _tags(self.old_text or None, self.new_text or None,
                     self.old_context or None, self.new_context or None)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, redline, edits and tags included.

        Example:
            >>> Pair("article", None, "3", "", "第三条", "added", "", False, False, 0.0,
            ...      "", "国家鼓励创新。").to_dict()["change"]
            'added'
        """
        return {
            "level": self.level, "old_ref": self.old_ref, "new_ref": self.new_ref,
            "old_label": self.old_label, "new_label": self.new_label, "change": self.change,
            "relation": self.relation, "moved": self.moved, "renumbered": self.renumbered,
            "similarity": self.similarity, "old_text": self.old_text,
            "new_text": self.new_text, "redline": self.redline, "tags": self.tags,
            "edits": [e.to_dict() for e in self.edits if e.op != "equal"],
            "evidence": list(self.evidence) if self.evidence else None,
        }


def diff(old: Document, new: Document) -> Comparison:
    """Compare two versions of a regulation, article by article and clause by clause.

    Alignment is by content only (never by number or chapter), so moves, renumbering,
    splits and merges are found; a provision with no counterpart sharing enough content is
    reported as deleted or added rather than forced into a pair.

    Example:
        >>> import regtext
        >>> a = regtext.parse("第一条 甲应当登记。\\n\\n第二条 乙不得转让。")
        >>> b = regtext.parse("第一条 乙不得转让。\\n\\n第二条 甲应当依法登记。"
        ...                   "\\n\\n第三条 丙可以申请。")
        >>> [(p.old_ref, p.new_ref, p.change) for p in regtext.diff(a, b).pairs]
        [('2', '1', 'unchanged'), ('1', '2', 'modified'), (None, '3', 'added')]
    """
    return Comparison(old, new)


@dataclass(eq=False)
class Comparison:
    """The result of :func:`diff`: aligned article pairs, clause pairs and reports.

    Attributes:
        old, new: the two documents.
        pairs: article-level :class:`Pair` rows in new-document order (a deletion follows
            the rows of its old predecessor).

    Example:
        >>> import regtext
        >>> cmp = regtext.diff(regtext.parse("第一条 甲。"), regtext.parse("第一条 甲。"))
        >>> cmp.summary()["change"]
        {'unchanged': 1}
    """

    old: Document
    new: Document
    pairs: list[Pair] = field(init=False)

    def __post_init__(self) -> None:
        matches = align([(a.ref, a.text) for a in self.old.articles],
                        [(a.ref, a.text) for a in self.new.articles])
        self.pairs = _with_context([self._pair("article", m) for m in matches])

    # -- building rows ------------------------------------------------------------------

    def _pair(self, level: str, m: Match) -> Pair:
        o = self.old.get(m.old) if m.old is not None else None
        n = self.new.get(m.new) if m.new is not None else None
        old_text = _unit_text(o) if o is not None else ""
        new_text = _unit_text(n) if n is not None else ""
        if o is None:
            change = "added"
        elif n is None:
            change = "deleted"
        elif clean(old_text) == clean(new_text):
            change = "unchanged"
        else:
            change = "modified"
        renumbered = bool(o is not None and n is not None and o.ref != n.ref)
        return Pair(level, m.old, m.new, o.label if o is not None else "",
                    n.label if n is not None else "", change, m.relation, m.moved, renumbered,
                    m.similarity if (o is not None and n is not None) else 0.0,
                    old_text, new_text, m.evidence)

    @cached_property
    def clause_pairs(self) -> list[Pair]:
        """款/项-level rows: clauses aligned within and across each group of aligned articles.

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.load("genai-2023-draft", warn=False),
            ...                    regtext.load("genai-2023-final"))
            >>> [p.new_ref for p in cmp.clause_pairs if p.old_ref == "7.2.4"]
            ['7.1.4']
        """
        context = tuple(t for d in (self.old, self.new) for a in d.articles
                        for _, t in _units(a))
        groups = _groups(self.pairs)
        rows: list[Pair] = []
        for old_refs, new_refs in groups:
            units_old = [u for r in old_refs for u in _units(self.old.get(r))]
            units_new = [u for r in new_refs for u in _units(self.new.get(r))]
            group = [self._pair("clause", m) for m in align(
                units_old, units_new, threshold=0.15, leftover=0.2, context=context)]
            rows.extend(_with_context(group))
        # new-document order; deletions after the clause that precedes them in the old text
        order_new = {n.ref: k for k, n in enumerate(self.new)}
        order_old = {n.ref: k for k, n in enumerate(self.old)}
        anchor: dict[str, int] = {}
        for p in rows:
            if p.old_ref and p.new_ref:
                anchor[p.old_ref] = min(anchor.get(p.old_ref, 10**9), order_new[p.new_ref])
        old_seq = [n.ref for n in self.old]

        def key(p: Pair) -> tuple[int, int, int]:
            if p.new_ref:
                return (order_new[p.new_ref], 0, order_old.get(p.old_ref or "", -1))
            k = order_old[p.old_ref or ""]
            before = next((anchor[r] for r in reversed(old_seq[:k]) if r in anchor), -1)
            return (before, 1, k)

        return sorted(rows, key=key)

    def rows(self, level: str = "article") -> list[Pair]:
        """The :class:`Pair` rows of one level (``article`` or ``clause``).

        Example:
            >>> import regtext
            >>> len(regtext.diff(regtext.parse("第一条 甲。"), regtext.parse("")).rows())
            1
        """
        if level not in ("article", "clause"):
            raise ValueError(f"level must be 'article' or 'clause', not {level!r}")
        return self.pairs if level == "article" else self.clause_pairs

    # -- tables -------------------------------------------------------------------------

    @cached_property
    def _english(self) -> Document | None:
        if not self.new.id:
            return None
        try:
            from ..corpus.catalog import translation

            return translation(self.new.id)
        except (KeyError, OSError, ValueError):
            return None

    def to_frame(self, level: str = "article"):
        """One row per pair, with the DESIGN.md columns plus labels, ``evidence`` (the
        old ‖ new clauses behind a split/merge pair) and, when the new version has a
        reference translation, ``new_text_en``.

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.load("genai-2023-draft", warn=False),
            ...                    regtext.load("genai-2023-final"))
            >>> df = cmp.to_frame()
            >>> df.query("old_ref == '20'")[["new_ref", "tags"]].values.tolist()
            [['21', ['citation-added:stpl', 'penalty-removed']]]
            >>> df.query("new_ref == '1'").new_text_en.iloc[0][:22]
            'These measures are est'
        """
        import pandas as pd

        rows = []
        en = self._english
        for p in self.rows(level):
            row = {"old_ref": p.old_ref, "new_ref": p.new_ref, "old_label": p.old_label,
                   "new_label": p.new_label, "change": p.change, "relation": p.relation,
                   "moved": p.moved, "renumbered": p.renumbered, "similarity": p.similarity,
                   "old_text": p.old_text, "new_text": p.new_text, "redline": p.redline,
                   "tags": p.tags,
                   "evidence": " ‖ ".join(p.evidence) if p.evidence else None}
            if en is not None:
                row["new_text_en"] = (en.get(p.new_ref).text
                                      if p.new_ref is not None and p.new_ref in en else None)
            rows.append(row)
        columns = COLUMNS + ["evidence"] + (["new_text_en"] if en is not None else [])
        return pd.DataFrame(rows, columns=columns)

    def summary(self, level: str = "article") -> dict[str, Any]:
        """Counts by change type, relation and tag, plus moves and renumberings.

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.load("genai-2023-draft", warn=False),
            ...                    regtext.load("genai-2023-final"))
            >>> s = cmp.summary()
            >>> s["change"]["added"], s["change"]["deleted"], s["tags"]["penalty-removed"]
            (5, 2, 1)
        """
        rows = self.rows(level)
        tag_counts: Counter = Counter()
        for p in rows:
            tag_counts.update(p.tags)
        return {
            "old": self.old.id or self.old.title, "new": self.new.id or self.new.title,
            "level": level, "rows": len(rows),
            "change": dict(Counter(p.change for p in rows)),
            "relation": dict(Counter(p.relation for p in rows if p.relation)),
            "moved": sum(p.moved for p in rows),
            "renumbered": sum(p.renumbered for p in rows),
            "tags": dict(sorted(tag_counts.items())),
        }

    # -- reports ------------------------------------------------------------------------

    def to_json(self, level: str = "article", indent: int | None = 1) -> str:
        """The comparison as JSON: documents, summary and every row (with its edits).

        Example:
            >>> import regtext, json
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
            ...                    regtext.parse("第一条 甲应当依法登记。"))
            >>> json.loads(cmp.to_json())["rows"][0]["change"]
            'modified'
        """
        data = {"summary": self.summary(level),
                "rows": [p.to_dict() for p in self.rows(level)]}
        return json.dumps(data, ensure_ascii=False, indent=indent)

    def to_markdown(self, level: str = "article") -> str:
        """A Markdown report: summary, then a table with the redline of every row.

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
            ...                    regtext.parse("第一条 甲应当依法登记。"))
            >>> print(cmp.to_markdown().splitlines()[-1])
            | 第一条 | 第一条 | modified | 甲应当**依法**登记。 |  |
        """
        s = self.summary(level)
        lines = [f"# {_title(self.old)} → {_title(self.new)}", "",
                 _summary_sentence(s), "",
                 "| 原条文 | 新条文 | 变化 | 修改情况 | 标签 |", "|---|---|---|---|---|"]
        for p in self.rows(level):
            change = p.change + ("" if p.relation in ("", "one-to-one") else f" ({p.relation})")
            if p.moved:
                change += ", moved"
            red = redline_markdown(p.old_text, p.new_text) if p.change != "unchanged" else ""
            lines.append(f"| {p.old_label or '—'} | {p.new_label or '—'} | {change} | "
                         f"{_md_cell(red)} | {', '.join(p.tags)} |")
        return "\n".join(lines)

    def to_html(self, level: str = "article", title: str | None = None) -> str:
        """A self-contained HTML report: summary, an index, then old and new side by side
        with deletions in ``<del>`` and insertions in ``<ins>``; it prints cleanly.

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
            ...                    regtext.parse("第一条 甲应当依法登记。"))
            >>> page = cmp.to_html()
            >>> page.startswith("<!DOCTYPE html>"), "<ins>依法</ins>" in page
            (True, True)
        """
        heading = title or f"{_title(self.old)} → {_title(self.new)}"
        return ("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
                f"<title>{html.escape(heading)}</title><style>{_css()}</style></head>"
                f"<body>{self._html_body(level, heading, index=True)}</body></html>\n")

    def _repr_html_(self) -> str:
        return f"<style>{_css()}</style>" + self._html_body("article", None, index=False)

    def _html_body(self, level: str, heading: str | None, index: bool) -> str:
        s = self.summary(level)
        rows = self.rows(level)
        out = ["<div class=\"regtext-diff\">"]
        if heading:
            out.append(f"<h1>{html.escape(heading)}</h1>")
        out.append(f"<p class=\"summary\">{html.escape(_summary_sentence(s))}</p>")
        if index:
            out.append("<nav class=\"index\"><h2>目录 Index</h2><ol>")
            for k, p in enumerate(rows):
                what = " · ".join([p.change] + ([p.relation] if p.relation in (
                    "split", "merge") else []) + (["moved"] if p.moved else []))
                out.append(f"<li class=\"{p.change}\"><a href=\"#r{k}\">"
                           f"{html.escape(_arrow(p))}</a> <span class=\"chg\">{what}</span></li>")
            out.append("</ol></nav>")
        out.append("<table class=\"sxs\"><thead><tr><th>原条文 Old</th><th>新条文 New</th>"
                   "<th>变化 Change</th></tr></thead><tbody>")
        for k, p in enumerate(rows):
            left, right = _side_by_side(p)
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

    def to_duizhao(self, fmt: str = "markdown") -> str:
        """The 修改对照表 in the two-column form legislators publish: new text on the left
        (insertions in bold), old text on the right (deletions struck), row by article.

        ``fmt`` is ``markdown`` or ``html``.

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。\\n\\n第二条 乙。"),
            ...                    regtext.parse("第一条 甲应当依法登记。"))
            >>> print(cmp.to_duizhao())  # doctest: +NORMALIZE_WHITESPACE
            | 修改后 | 修改前 |
            |---|---|
            | 第一条 甲应当**依法**登记。 | 第一条 甲应当登记。 |
            |  | ~~第二条 乙。~~ |
        """
        rows = []
        for p in self.pairs:
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
                         + [f"| {_md_cell(a)} | {_md_cell(b)} |" for a, b in rows])

    def to_decision(self) -> str:
        """修改决定-style amendment instructions that turn the old text into the new one.

        Small wording changes become "将第X条中的“…”修改为“…”"; larger ones restate the
        article ("第十六条改为第十二条，修改为：…"); deletions, additions, splits and merges
        get their own formulas, and renumbering a closing sentence.

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。\\n\\n第二条 乙。"),
            ...                    regtext.parse("第一条 甲应当依法登记。"))
            >>> print(cmp.to_decision())
            一、在第一条中的“甲应当”后增加“依法”。
            二、删去第二条。
        """
        from ..text.numerals import int_to_cn

        steps: list[str] = []
        sources: dict[str, list[Pair]] = {}
        for p in self.pairs:
            if p.new_ref is not None and p.old_ref is not None:
                sources.setdefault(p.new_ref, []).append(p)
        done: set[str] = set()
        renumbered = False
        for p in self.pairs:
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


# -- helpers --------------------------------------------------------------------------


def _unit_text(node: Node) -> str:
    """What a row shows for a node: the whole text, except a 款 that introduces items,
    which shows only its chapeau (the items have rows of their own)."""
    if node.kind == "paragraph" and any(c.kind == "item" for c in node.children):
        return node.lead or ""
    return node.text


def _with_context(pairs: list[Pair]) -> list[Pair]:
    """Give split and merge rows the texts of their sibling rows (for fair tags)."""
    from dataclasses import replace

    dests: dict[str, list[str]] = {}
    srcs: dict[str, list[str]] = {}
    for p in pairs:
        if p.old_ref is not None and p.new_ref is not None:
            dests.setdefault(p.old_ref, []).append(p.new_text)
            srcs.setdefault(p.new_ref, []).append(p.old_text)
    out = []
    for p in pairs:
        if p.relation in ("split", "merge"):
            p = replace(p, old_context="\n".join(srcs.get(p.new_ref, [])) if p.new_ref else "",
                        new_context="\n".join(dests.get(p.old_ref, [])) if p.old_ref else "")
        out.append(p)
    return out


def _units(article: Node) -> list[tuple[str, str]]:
    """Clause units of an article: each 款 (its chapeau when it has items) and each 项."""
    out: list[tuple[str, str]] = []
    for para in article.children:
        if para.kind != "paragraph":
            continue
        items = [c for c in para.children if c.kind == "item"]
        if not items:
            out.append((para.ref, para.text))
            continue
        if (para.lead or "").strip():
            out.append((para.ref, para.lead))
        out.extend((item.ref, item.text) for item in items)
    if not out:
        out.append((article.ref, article.text))
    return out


def _groups(pairs: list[Pair]) -> list[tuple[list[str], list[str]]]:
    """Connected groups of aligned articles (old refs, new refs); one-sided rows alone."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        if p.old_ref is not None and p.new_ref is not None:
            a, b = find(("o", p.old_ref)), find(("n", p.new_ref))
            if a != b:
                parent[a] = b
    groups: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    order: list[tuple[str, str]] = []
    for p in pairs:
        key = find(("o", p.old_ref)) if p.old_ref is not None else find(("n", p.new_ref))
        if key not in groups:
            groups[key] = ([], [])
            order.append(key)
        olds, news = groups[key]
        if p.old_ref is not None and p.old_ref not in olds:
            olds.append(p.old_ref)
        if p.new_ref is not None and p.new_ref not in news:
            news.append(p.new_ref)
    return [groups[k] for k in order]


def _title(doc: Document) -> str:
    return doc.title or doc.id or "(untitled)"


def _arrow(p: Pair) -> str:
    return f"{p.old_label or '—'} → {p.new_label or '—'}"


def _summary_sentence(s: dict[str, Any]) -> str:
    c = s["change"]
    parts = [f"{c.get(k, 0)} {k}" for k in ("unchanged", "modified", "added", "deleted")]
    rel = s["relation"]
    extra = [f"{rel.get('split', 0)} split rows", f"{rel.get('merge', 0)} merge rows",
             f"{s['moved']} moved", f"{s['renumbered']} renumbered"]
    text = f"{s['rows']} rows: " + ", ".join(parts) + "; " + ", ".join(extra) + "."
    if s["tags"]:
        text += " Tags: " + ", ".join(f"{k} ×{v}" for k, v in s["tags"].items()) + "."
    return text


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def _side_by_side(p: Pair) -> tuple[str, str]:
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


def _marked(p: Pair, side: str, fmt: str, prefix: str = "") -> str:
    """One side of the 对照表 row: the new text with insertions, or the old with deletions."""
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


_CSS_CACHE: list[str] = []


def _css() -> str:
    if not _CSS_CACHE:
        from importlib import resources

        _CSS_CACHE.append((resources.files("regtext._data") / "diff.css").read_text(
            encoding="utf-8"))
    return _CSS_CACHE[0]
