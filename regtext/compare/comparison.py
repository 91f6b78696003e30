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

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..compare.alignment import Match, align, clean
from ..compare.redlining import Edit, edits, redline_html
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


def diff(old: Document | str, new: Document | str, progress: Any = None) -> Comparison:
    """Compare two versions of a regulation, article by article and clause by clause.

    Alignment is by content only (never by number or chapter), so moves, renumbering,
    splits and merges are found; a provision with no counterpart sharing enough content is
    reported as deleted or added rather than forced into a pair.

    ``old`` and ``new`` may be Documents, corpus ids or aliases, or file paths.
    ``progress``, if given, is called as ``progress(stage, done, total)`` around the work.

    Example:
        >>> import regtext
        >>> a = regtext.parse("第一条 甲应当登记。\\n\\n第二条 乙不得转让。")
        >>> b = regtext.parse("第一条 乙不得转让。\\n\\n第二条 甲应当依法登记。"
        ...                   "\\n\\n第三条 丙可以申请。")
        >>> [(p.old_ref, p.new_ref, p.change) for p in regtext.diff(a, b).pairs]
        [('2', '1', 'unchanged'), ('1', '2', 'modified'), (None, '3', 'added')]
    """
    from ..text.resolve import as_document  # a corpus id, alias or path works too

    old, new = as_document(old), as_document(new)
    if progress is not None:  # progress(stage, done, total): e.g. the CLI's stderr line
        n = len(old.articles) + len(new.articles)
        progress("align", 0, n)
        cmp = Comparison(old, new)
        progress("align", n, n)
        return cmp
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

    # -- reports: each format is a renderer in regtext.compare.reports -----------------

    def to_json(self, level: str = "article", indent: int | None = 1,
                path: str | None = None) -> str | None:
        """The comparison as JSON: documents, summary and every row (with its edits).

        Example:
            >>> import regtext, json
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
            ...                    regtext.parse("第一条 甲应当依法登记。"))
            >>> json.loads(cmp.to_json())["rows"][0]["change"]
            'modified'
        """
        from .reports import render_json

        return render_json(self, level, indent=indent, path=path)

    def to_markdown(self, level: str = "article", path: str | None = None,
                    **options: Any) -> str | None:
        """A Markdown report: summary, then a table with the redline of every row.

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
            ...                    regtext.parse("第一条 甲应当依法登记。"))
            >>> print(cmp.to_markdown().splitlines()[-1])
            | 第一条 | 第一条 | 修改 | 甲应当**依法**登记。 |  |
        """
        from .reports import render_markdown

        return render_markdown(self, level, path=path, **options)

    def to_html(self, level: str = "article", title: str | None = None,
                path: str | None = None, **options: Any) -> str | None:
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
        from .reports import render_html

        return render_html(self, level, title=title, path=path, **options)

    def _repr_html_(self) -> str:
        from .reports import css, html_body

        return f"<style>{css()}</style>" + html_body(self, "article", None, index=False)

    def to_docx(self, path: str, level: str = "article", **options: Any) -> None:
        """Write a Word document whose changes are tracked changes (see
        :mod:`regtext.compare.office`): Accept All gives the new text, Reject All the old.

        Example:
            >>> import regtext, tempfile, pathlib, docx
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
            ...                    regtext.parse("第一条 甲应当依法登记。"))
            >>> path = pathlib.Path(tempfile.mkdtemp()) / "redline.docx"
            >>> cmp.to_docx(path)
            >>> docx.Document(str(path)).paragraphs[-1].style.name
            'Redline'
        """
        from .office import render_docx

        render_docx(self, level, path=path, **options)

    def to_excel(self, path: str, level: str = "article", **options: Any) -> None:
        """Write the change table (rich-text redlines) and the 对照表 as an Excel workbook
        (see :mod:`regtext.compare.office`).

        Example:
            >>> import regtext, tempfile, pathlib, openpyxl
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
            ...                    regtext.parse("第一条 甲应当依法登记。"))
            >>> path = pathlib.Path(tempfile.mkdtemp()) / "changes.xlsx"
            >>> cmp.to_excel(path)
            >>> openpyxl.load_workbook(path).sheetnames
            ['变化表', '对照表']
        """
        from .office import render_xlsx

        render_xlsx(self, level, path=path, **options)

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
        from .duizhao import duizhao

        return duizhao(self, fmt)

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
        from .decision import decision

        return decision(self)


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
