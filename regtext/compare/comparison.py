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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Literal

from ..compare.alignment import (
    Match,
    _order,
    _stock_re,
    align,
    clean,
    greedy_one_to_one,
    similarity,
)
from ..compare.redlining import Edit, edits, redline_html
from ..compare.renames import Rename, apply_renames, find_renames
from ..compare.segments import split_text
from ..compare.tagging import TAGS
from ..compare.tagging import tags as _tags
from ..text.model import Document, Node
from ..text.normalize import fold

__all__ = ["Change", "Comparison", "Level", "Pair", "Relation", "diff"]

#: DataFrame columns of :meth:`Comparison.to_frame`, in order.
COLUMNS = ["old_ref", "new_ref", "old_label", "new_label", "change", "relation", "moved",
           "renumbered", "similarity", "old_text", "new_text", "redline", "tags"]


#: What happened to a provision (the ``change`` column).
Change = Literal["unchanged", "modified", "added", "deleted"]
#: How the two sides of a row relate (the ``relation`` column; empty for one-sided rows).
Relation = Literal["one-to-one", "split", "merge", "many-to-many", ""]
#: Row level.
Level = Literal["article", "clause"]


class _Deferred:
    """A value computed on first use (tags need the clause rows; most callers never ask)."""

    __slots__ = ("_fn", "_value")

    def __init__(self, fn: Callable[[], Sequence[str]]):
        self._fn: Callable[[], Sequence[str]] | None = fn
        self._value: tuple[str, ...] = ()

    def get(self) -> tuple[str, ...]:
        if self._fn is not None:
            self._value, self._fn = tuple(self._fn()), None
        return self._value


@dataclass(frozen=True, kw_only=True)
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
        old_segment: for a split or many-to-many row, the part of ``old_text`` that went to
            ``new_ref`` (else empty); redline and tags compare only that.
        new_segment: for a merge or many-to-many row, the part of ``new_text`` that came
            from ``old_ref`` (else empty).
        given_tags: the tags :class:`Comparison` computed for the row (with chapeaus,
            segments and the document's renamed terms); ``None`` to compute them from the
            texts alone.

    Example:
        >>> p = Pair(level="article", old_ref="9", new_ref=None, old_label="第九条",
        ...          change="deleted", old_text="要求用户提供真实身份信息。")
        >>> p.redline
        '<del>要求用户提供真实身份信息。</del>'
    """

    level: Level
    old_ref: str | None
    new_ref: str | None
    old_label: str = ""
    new_label: str = ""
    change: Change
    relation: Relation = ""
    moved: bool = False
    renumbered: bool = False
    similarity: float = 0.0
    old_text: str = ""
    new_text: str = ""
    evidence: tuple[str, str] | None = None
    old_context: str = field(default="", repr=False)
    new_context: str = field(default="", repr=False)
    old_segment: str = field(default="", repr=False)
    new_segment: str = field(default="", repr=False)
    given_tags: tuple[str, ...] | _Deferred | None = field(default=None, repr=False,
                                                         compare=False)

    @property
    def old_compared(self) -> str:
        """The old words this row compares: ``old_segment`` for a split, merge or
        many-to-many row (the part of the old text that went to ``new_ref``), else
        ``old_text``.

        Example:
            >>> Pair(level="clause", old_ref="2.1", new_ref="2.3", change="modified",
            ...      relation="split", old_text="甲。乙。", old_segment="乙。").old_compared
            '乙。'
        """
        return self.old_segment or self.old_text

    @property
    def new_compared(self) -> str:
        """The new words this row compares (``new_segment`` or ``new_text``).

        Example:
            >>> Pair(level="clause", old_ref="1", new_ref="1", change="modified",
            ...      new_text="甲。").new_compared
            '甲。'
        """
        return self.new_segment or self.new_text

    @property
    def redline(self) -> str:
        """HTML redline of old → new (``<del>``/``<ins>``).

        Example:
            >>> Pair(level="article", old_ref="1", new_ref="1", change="modified",
            ...      relation="one-to-one", similarity=0.9, old_text="甲应当登记。",
            ...      new_text="甲应当依法登记。").redline
            '甲应当<ins>依法</ins>登记。'
        """
        return redline_html(self.old_compared, self.new_compared)

    @property
    def edits(self) -> list[Edit]:
        """The redline as structured :class:`~regtext.redline.Edit` records.

        Example:
            >>> [e.op for e in Pair(level="article", old_ref="1", new_ref="1",
            ...  change="modified", old_text="甲登记。", new_text="甲依法登记。").edits]
            ['equal', 'insert', 'equal']
        """
        return edits(self.old_compared, self.new_compared)

    @property
    def tags(self) -> list[str]:
        """Change tags computed from the two texts (see :mod:`regtext.tags`).

        Example:
            >>> Pair(level="article", old_ref="9", new_ref=None, change="deleted",
            ...      old_text="提供者应当标识。").tags
            ['obligation-removed']
        """
        if self.change == "unchanged" and not isinstance(self.given_tags, _Deferred):
            return []
        if self.given_tags is not None:
            got = self.given_tags
            return list(got.get() if isinstance(got, _Deferred) else got)
        return _tags(self.old_compared or None, self.new_compared or None,
                     None if self.old_segment else self.old_context or None,
                     None if self.new_segment else self.new_context or None)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, redline, edits and tags included.

        Example:
            >>> Pair(level="article", old_ref=None, new_ref="3", new_label="第三条",
            ...      change="added", new_text="国家鼓励创新。").to_dict()["change"]
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
            "old_segment": self.old_segment or None, "new_segment": self.new_segment or None,
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
        # the old text is read in the new vocabulary (国境卫生检疫机关 → 海关): a term replaced
        # throughout says nothing about where a provision went
        matches = align([(a.ref, self._renamed(a.text)) for a in self.old.articles],
                        [(a.ref, a.text) for a in self.new.articles])
        rows = _with_segments(_with_context([self._pair("article", m) for m in matches]))
        # an article row's tags are those of its 款/项 rows (computed on first use)
        self.pairs = [replace(p, given_tags=_Deferred(
            lambda key=(p.old_ref, p.new_ref): self._article_tags.get(key, ())))
            for p in rows]

    @cached_property
    def renames(self) -> tuple[Rename, ...]:
        """Terms replaced throughout the new version (用户 → 使用者), found from the pair.

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.load("genai-2023-draft", warn=False),
            ...                    regtext.load("genai-2023-final"))
            >>> [str(r) for r in cmp.renames]
            ['用户→使用者']
        """
        old = self.old.text or "\n".join(a.text for a in self.old.articles)
        new = self.new.text or "\n".join(a.text for a in self.new.articles)
        return find_renames(old, new)

    def _renamed(self, text: str) -> str:
        """``text`` of the old version with the renamed terms in their new form."""
        return apply_renames(text, self.renames) if self.renames else text

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
        return Pair(level=level, old_ref=m.old, new_ref=m.new,
                    old_label=o.label if o is not None else "",
                    new_label=n.label if n is not None else "", change=change,
                    relation=m.relation, moved=m.moved, renumbered=renumbered,
                    similarity=m.similarity if (o is not None and n is not None) else 0.0,
                    old_text=old_text, new_text=new_text, evidence=m.evidence)

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
        context = tuple([self._renamed(t) for a in self.old.articles for _, t in _units(a)]
                        + [t for a in self.new.articles for _, t in _units(a)])
        groups = _groups(self.pairs)
        aligned = {(p.old_ref, p.new_ref) for p in self.pairs}
        rows: list[Pair] = []
        for old_refs, new_refs in groups:
            units_old = [(ref, self._renamed(t)) for r in old_refs
                         for ref, t in _units(self.old.get(r))]
            units_new = [u for r in new_refs for u in _units(self.new.get(r))]
            matches = align(units_old, units_new, threshold=0.15, leftover=0.2,
                            leftover_new=0.4, context=context, boilerplate=False)
            if len(old_refs) > 1 and len(new_refs) > 1:
                matches = _no_formula_moves(matches, dict(units_old), dict(units_new), aligned)
            matches = _pair_gaps(matches, dict(units_old), dict(units_new))
            group = [self._pair("clause", m) for m in matches]
            rows.extend(_with_segments(_with_context(group)))
        rows = self._moved_clauses(rows)
        rows = [replace(p, given_tags=_Deferred(lambda p=p: self._clause_tags(p)))
                for p in rows]
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

    def _moved_clauses(self, rows: list[Pair]) -> list[Pair]:
        """A 款 that went to an article its own was not aligned with, reworded but still
        mostly the same text (similarity ≥ 0.6), is a move, not a deletion plus an
        addition."""
        gone = [p for p in rows if p.change == "deleted"]
        came = [p for p in rows if p.change == "added"]
        if not gone or not came:
            return rows
        # candidates share many character pairs; only those are scored
        grams_a = [_bigram_set(a.new_text) for a in came]
        index: dict[str, list[int]] = {}
        for h, g in enumerate(grams_a):
            for x in g:
                index.setdefault(x, []).append(h)
        cand = []
        for k, d in enumerate(gone):
            gd = _bigram_set(self._renamed(d.old_text))
            hits = Counter(h for x in gd for h in index.get(x, ()))
            for h, shared in hits.items():
                if shared >= _MOVED_CLAUSE * (len(gd) * len(grams_a[h])) ** 0.5 * 0.8:
                    cand.append((similarity(self._renamed(d.old_text), came[h].new_text), k, h))
        joined: dict[int, Pair] = {}
        drop: set[int] = set()
        for sim, k, h in greedy_one_to_one(cand, _MOVED_CLAUSE):
            d, a = gone[k], came[h]
            joined[id(a)] = self._pair("clause", Match(d.old_ref, a.new_ref, sim, "one-to-one",
                                                       True, None))
            drop.add(id(d))
        return [joined.get(id(p), p) for p in rows if id(p) not in drop]

    def _clause_tags(self, p: Pair) -> list[str]:
        if p.change == "unchanged":
            return []
        # a side that could not be cut into segments is judged against every text on
        # the other side (a citation of a merge's other source is not "added")
        return _tags(p.old_compared or None, p.new_compared or None,
                     (p.old_context or None) if not p.new_segment else None,
                     (p.new_context or None) if not p.old_segment else None,
                     old_chapeau=_chapeau(self.old, p.old_ref),
                     new_chapeau=_chapeau(self.new, p.new_ref), renames=self.renames)

    @cached_property
    def _article_tags(self) -> dict[tuple[str | None, str | None], tuple[str, ...]]:
        """Tags of each article row: the union of the tags of its 款/项 rows. A clause row
        belongs to the article pair of its two refs; a deleted (added) clause of an article
        with several partners belongs to the partner its neighbours went to."""
        art_rows = {(p.old_ref, p.new_ref) for p in self.pairs}
        first_new: dict[str, str] = {}
        first_old: dict[str, str] = {}
        for o, n in art_rows:
            if o is not None and n is not None:
                first_new.setdefault(o, n)
                first_old.setdefault(n, o)
        last_new: dict[str, str] = {}
        last_old: dict[str, str] = {}
        out: dict[tuple[str | None, str | None], list[str]] = {}
        for p in self.clause_pairs:
            oa = p.old_ref.split(".")[0] if p.old_ref else None
            na = p.new_ref.split(".")[0] if p.new_ref else None
            if oa is not None and na is not None:
                key: tuple[str | None, str | None] = (oa, na)
                last_new[oa], last_old[na] = na, oa
            elif oa is not None:
                key = (oa, None) if (oa, None) in art_rows else (
                    oa, last_new.get(oa, first_new.get(oa)))
            else:
                key = (None, na) if (None, na) in art_rows else (
                    last_old.get(na or "", first_old.get(na or "")), na)
            bucket = out.setdefault(key, [])
            bucket.extend(t for t in p.tags if t not in bucket)
        order = {name: k for k, name in enumerate(TAGS)}
        return {k: tuple(sorted(v, key=lambda t: (order.get(t.split(":")[0], len(order)), t)))
                for k, v in out.items()}

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
        """One row per pair: the contract columns (docs/data-model.md), labels,
        ``evidence`` (the old ‖ new clauses behind a split/merge pair) and, when the new
        version has a reference translation, ``new_text_en``.

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.load("genai-2023-draft", warn=False),
            ...                    regtext.load("genai-2023-final"))
            >>> df = cmp.to_frame()
            >>> df.query("old_ref == '20'")[["new_ref", "tags"]].values.tolist()
            [['21', ['citation-added:stpl', 'penalty-removed', 'authority-changed']]]
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
        """Counts by change type, relation and tag, moves and renumberings, the terms
        renamed throughout (``renamed``) and the structure and metadata comparison
        (``metadata``, see :attr:`metadata`).

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
            "renamed": [str(r) for r in self.renames],
            "metadata": self.metadata,
        }

    @cached_property
    def metadata(self) -> dict[str, Any]:
        """Title, issuers, dates, effective date, chapters added or removed, and counts of
        articles and of norms by actor and modality, for both versions
        (:func:`regtext.compare.metadata.compare_metadata`).

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.load("genai-2023-draft", warn=False),
            ...                    regtext.load("genai-2023-final"))
            >>> m = cmp.metadata
            >>> m["title"]["inserted"], len(m["issuers"]["new"]), m["effective"]["new"]
            (['暂行'], 7, '2023-08-15')
            >>> m["chapters"]["added"][:2], m["articles"]
            (['总则', '技术发展与治理'], {'old': 21, 'new': 24})
        """
        from .metadata import compare_metadata

        return compare_metadata(self.old, self.new)

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

    def to_duizhao(self, fmt: str = "markdown", new_first: bool = False) -> str:
        """The 修改对照表: one row per final article, chapter headings as rows, original
        on the left (修改前 | 修改后; ``new_first=True`` swaps), moved text shaded, deleted
        text struck, inserted text bold (see :mod:`regtext.compare.duizhao`).

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。\\n\\n第二条 乙。"),
            ...                    regtext.parse("第一条 甲应当依法登记。"))
            >>> print("\\n".join(cmp.to_duizhao().splitlines()[2:]))
            | 修改前 | 修改后 |
            |---|---|
            | 第一条 甲应当登记。 | 第一条 甲应当**依法**登记。 |
            | ~~第二条 乙。~~ |  |
        """
        from .duizhao import duizhao

        return duizhao(self, fmt, new_first=new_first)

    def to_decision(self, force: bool = False, effective: str | None = None) -> str:
        """修改决定-style amendment instructions that turn the old text into the new one,
        in old-text order, 款- and 项-precise, with the closing clauses (see
        :mod:`regtext.compare.decision`); :func:`regtext.apply` carries them out.

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。\\n\\n第二条 乙。"),
            ...                    regtext.parse("第一条 甲应当依法登记。"))
            >>> print(cmp.to_decision().splitlines()[:2])
            ['一、在第一条中的“应当”后增加“依法”。', '二、删去第二条。']
        """
        from .decision import decision

        return decision(self, force=force, effective=effective)

    def memo(self):
        """The comparison memo a lawyer writes (see :mod:`regtext.compare.memo`).

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
            ...                    regtext.parse("第一条 甲可以登记。"))
            >>> cmp.memo().items.direction.tolist()
            ['softened']
        """
        from .memo import memo

        return memo(self)


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


def _bigram_set(text: str) -> set[str]:
    c = clean(text)
    return {c[i:i + 2] for i in range(len(c) - 1)}


def _chapeau(doc: Document, ref: str | None) -> str | None:
    """The chapeau (lead of the 款) that introduces an item, else ``None``."""
    if not ref or ref.count(".") < 2:
        return None
    parent = doc.parent(ref)
    return parent.lead if parent is not None and parent.kind == "paragraph" else None


def _with_segments(pairs: list[Pair]) -> list[Pair]:
    """Give split, merge and many-to-many rows the segment of each text that corresponds:
    an old text feeding several new ones is cut among them, and so is a new text drawing
    on several old ones (:func:`regtext.compare.segments.split_text`)."""
    by_old: dict[str, list[Pair]] = {}
    by_new: dict[str, list[Pair]] = {}
    for p in pairs:
        if p.old_ref is not None and p.new_ref is not None:
            by_old.setdefault(p.old_ref, []).append(p)
            by_new.setdefault(p.new_ref, []).append(p)
    seg_old: dict[tuple[str, str], str] = {}
    seg_new: dict[tuple[str, str], str] = {}
    for ref, ps in by_old.items():
        if len(ps) > 1:
            for q, seg in zip(ps, split_text(ps[0].old_text, [q.new_text for q in ps])):
                if seg != q.old_text:
                    seg_old[(ref, q.new_ref or "")] = seg
    for ref, ps in by_new.items():
        if len(ps) > 1:
            for q, seg in zip(ps, split_text(ps[0].new_text, [q.old_text for q in ps])):
                if seg != q.new_text:
                    seg_new[(q.old_ref or "", ref)] = seg
    if not seg_old and not seg_new:
        return pairs
    return [replace(p, old_segment=seg_old.get((p.old_ref or "", p.new_ref or ""), ""),
                    new_segment=seg_new.get((p.old_ref or "", p.new_ref or ""), ""))
            for p in pairs]


_CROSS_SUBSTANCE = 0.15  # least similarity, formulas left out, of a 款 pair across articles


def _no_formula_moves(matches: list[Match], old_units: dict[str, str],
                      new_units: dict[str, str],
                      aligned: set[tuple[str | None, str | None]]) -> list[Match]:
    """Drop the clause pairs of a group of articles whose two articles were not aligned
    with each other and whose texts share little but stock formulas (构成犯罪的，依法追究
    刑事责任): such a pair says a 款 moved to another article, and a formula every
    penalty article repeats is no evidence of that. The clauses become a deletion and an
    addition (unless they keep other partners); the relations of the rest are recounted."""
    def substance(text: str) -> str:
        return _stock_re().sub("，", fold(text))

    bad = {(m.old, m.new) for m in matches if m.old is not None and m.new is not None
           and (m.old.split(".")[0], m.new.split(".")[0]) not in aligned
           and similarity(substance(old_units[m.old]), substance(new_units[m.new]))
           < _CROSS_SUBSTANCE}
    if not bad:
        return matches
    kept = [m for m in matches if (m.old, m.new) not in bad]
    old_deg = Counter(m.old for m in kept if m.old is not None and m.new is not None)
    new_deg = Counter(m.new for m in kept if m.old is not None and m.new is not None)
    out = []
    for m in kept:
        if m.old is not None and m.new is not None:
            many_old, many_new = old_deg[m.old] > 1, new_deg[m.new] > 1
            rel = ("many-to-many" if many_old and many_new else "split" if many_old
                   else "merge" if many_new else "one-to-one")
            if rel != m.relation:
                m = replace(m, relation=rel)
        out.append(m)
    for o, n in sorted(bad, key=str):
        if not old_deg[o]:
            old_deg[o] = 1  # one deletion row, however many pairs it lost
            out.append(Match(o, None, 0.0, ""))
        if not new_deg[n]:
            new_deg[n] = 1
            out.append(Match(None, n, 0.0, ""))
    return _order(out, list(old_units), list(new_units))


_MOVED_CLAUSE = 0.6  # least similarity of a 款 moved into an article not aligned with its own
_GAP_SIMILAR = 0.15  # least character-pair similarity of an item and the one in its place


def _pair_gaps(matches: list[Match], old_units: dict[str, str],
               new_units: dict[str, str]) -> list[Match]:
    """Pair a deleted item with the added item that took its place: both items of lists
    whose chapeaus are aligned, at the same or the neighbouring position, sharing their
    topic (similarity ≥ 0.15) though the words differ (真实准确 → 提升…准确性和可靠性)."""
    aligned = {(m.old, m.new) for m in matches if m.old is not None and m.new is not None}
    gone = [m for m in matches if m.new is None and m.old and m.old.count(".") == 2]
    came = [m for m in matches if m.old is None and m.new and m.new.count(".") == 2]
    if not gone or not came:
        return matches
    cand = []
    for d in gone:
        for a in came:
            assert d.old is not None and a.new is not None
            po, pn = d.old.rsplit(".", 1), a.new.rsplit(".", 1)
            if (po[0], pn[0]) not in aligned or not (po[1].isdigit() and pn[1].isdigit()):
                continue
            if abs(int(po[1]) - int(pn[1])) > 1:
                continue
            sim = similarity(old_units[d.old], new_units[a.new])
            if sim >= _GAP_SIMILAR:
                cand.append((sim, d, a))
    used: set[int] = set()
    joined: dict[int, Match] = {}
    for sim, d, a in sorted(cand, key=lambda t: -t[0]):
        if id(d) in used or id(a) in used:
            continue
        used.update((id(d), id(a)))
        joined[id(a)] = Match(d.old, a.new, sim, "one-to-one", False, None)
    return [joined.get(id(m), m) for m in matches if id(m) not in used or id(m) in joined]


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
