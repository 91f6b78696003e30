"""The data model: frozen dataclasses for a parsed regulatory text.

A :class:`Document` is a tree of :class:`Node` objects (编/分编 › 章 › 节 › 条 › 款 › 项 › 目,
plus 序言 and 附件). Every node has a machine address (``ref``), a lawyer's label and an
Akoma-Ntoso-style ``eid``. Nothing here parses or analyses text: see :mod:`regtext.parse`.

Example:
    >>> import regtext
    >>> doc = regtext.parse("第一条 为了规范管理，制定本办法。\\n\\n第二条 本办法自公布起施行。")
    >>> [a.ref for a in doc.articles]
    ['1', '2']
    >>> doc.get("2.1").label
    '第二条'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

_ARABIC_RE = re.compile(r"\d+")


def _canon_label(label: str) -> str:
    """A label in one spelling: no spaces, full-width brackets, Chinese numerals, and
    第四项 written 第（四）项 (as labels are).

    Example:
        >>> _canon_label("第 7 条第一款第4项")
        '第七条第一款第（四）项'
    """
    from .numerals import int_to_cn

    s = "".join(label.split()).replace("(", "（").replace(")", "）")
    s = _ARABIC_RE.sub(lambda m: int_to_cn(int(m.group())), s)
    return re.sub(r"第([^（第项]+)项", r"第（\1）项", s)


#: Node kinds, outermost first.
KINDS = (
    "part",
    "subpart",
    "chapter",
    "section",
    "article",
    "paragraph",
    "item",
    "subitem",
    "preamble",
    "appendix",
)


@dataclass(frozen=True)
class ParseWarning:
    """Something odd the parser noticed; never fatal.

    ``kind`` is a short machine-readable tag (``skipped-number``, ``duplicate-number``,
    ``orphan-text``, ``no-articles``, ``empty-heading``, ``cross-reference-line``,
    ``encoding``, ``binary``, ``html``, ``traditional``, ``empty``, ``large-input``…),
    ``line`` the 1-based line of the normalised input (0 when it concerns the whole text).

    Example:
        >>> ParseWarning("empty", 0, "empty input").kind
        'empty'
    """

    kind: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.message} [{self.kind}]"


@dataclass(frozen=True)
class Node:
    """One node of the article tree.

    Attributes:
        kind: one of :data:`KINDS`.
        number: the node's own number as a string (``"7"``, ``"10-1"`` for 第十条之一,
            ``"4"`` for item （四）); empty for unnumbered nodes such as a preamble.
        ref: machine address inside the document (``"7"``, ``"7.2.4"``, ``"ch3"``).
        label: how a lawyer writes it (``第七条第二款第（四）项``).
        eid: Akoma-Ntoso-style id (``art_7__para_2__point_4``).
        heading: the heading text of a 编/章/节 (``总则``); empty for other kinds.
        text: the node's whole text, descendants included, as shown to people (original
            characters; paragraphs and items joined with newlines). For an article the
            ``第七条`` prefix is not part of the text.
        lead: the part of ``text`` that belongs to the node itself and not to a child (the
            chapeau of a paragraph that introduces items).
        children: child nodes in document order.
        line: first source line (1-based, in the normalised input).
        end_line: last source line.

    Example:
        >>> import regtext
        >>> node = regtext.load("genai-2023-final").get("7.1.4")
        >>> node.kind, node.label, node.eid
        ('item', '第七条第（四）项', 'art_7__para_1__point_4')
    """

    kind: str
    number: str
    ref: str
    label: str
    eid: str
    text: str
    lead: str = ""
    heading: str = ""
    children: tuple[Node, ...] = ()
    line: int = 0
    end_line: int = 0

    def walk(self) -> Iterator[Node]:
        """Yield this node and all its descendants, in document order.

        Example:
            >>> import regtext
            >>> [n.ref for n in regtext.load("genai-2023-final").get("7").walk()][:3]
            ['7', '7.1', '7.1.1']
        """
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def own_text(self) -> str:
        """The text that belongs to this node and not to a child: the chapeau of a paragraph
        that introduces items, else the whole text. Citations and norms are read from it.

        Example:
            >>> import regtext
            >>> regtext.load("genai-2023-final").get("7.1").own_text[-7:]
            '遵守以下规定：'
        """
        return self.lead if self.children else self.text

    @property
    def article(self) -> str:
        """The article part of the ref (``"7"`` for ``"7.2.4"``); empty above article level.

        Example:
            >>> Node("item", "4", "7.2.4", "", "", "").article
            '7'
        """
        if self.kind in ("article", "paragraph", "item", "subitem"):
            return self.ref.split(".")[0]
        return ""

    def to_dict(self) -> dict[str, Any]:
        """The node and its subtree as plain JSON-ready data.

        Example:
            >>> Node("article", "1", "1", "第一条", "art_1", "…").to_dict()["label"]
            '第一条'
        """
        return {
            "kind": self.kind,
            "number": self.number,
            "ref": self.ref,
            "label": self.label,
            "eid": self.eid,
            "heading": self.heading,
            "text": self.text,
            "line": self.line,
            "end_line": self.end_line,
            "children": [c.to_dict() for c in self.children],
        }

    def __repr__(self) -> str:  # short: trees are big
        snippet = self.text[:24] + ("…" if len(self.text) > 24 else "")
        return f"Node({self.kind} {self.ref!r} {self.label} {snippet!r})"


@dataclass(frozen=True, eq=False)
class Document:
    """A parsed regulatory text.

    Attributes:
        id: corpus id or user-given id (may be ``None``).
        title: the document title (``生成式人工智能服务管理暂行办法``).
        children: top-level nodes (parts, chapters, or articles when there are no chapters).
        notes: the 题注 lines (adoption, promulgation and amendment notes).
        warnings: what the parser found odd, with line numbers.
        meta: catalog metadata (issuers, dates, status…) for corpus texts.
        text: the normalised body the tree was built from.

    Example:
        >>> import regtext
        >>> doc = regtext.load("genai-2023-final")
        >>> len(doc.articles), doc.get("ch2").heading
        (24, '技术发展与治理')
    """

    id: str | None
    title: str
    children: tuple[Node, ...] = ()
    notes: tuple[str, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, compare=False)
    text: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        index: dict[str, Node] = {}
        parents: dict[str, str | None] = {}
        nodes: list[Node] = []  # every node in document order (iteration: no generator chain)

        def visit(node: Node, parent: str | None) -> None:
            nodes.append(node)
            index.setdefault(node.ref, node)
            parents.setdefault(node.ref, parent)
            for child in node.children:
                visit(child, node.ref)

        for top in self.children:
            visit(top, None)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_parents", parents)
        object.__setattr__(self, "_nodes", nodes)
        object.__setattr__(self, "_articles", [n for n in index.values() if n.kind == "article"])

    # -- navigation -------------------------------------------------------------------

    @property
    def articles(self) -> list[Node]:
        """Article (条) nodes in document order.

        Example:
            >>> import regtext
            >>> regtext.load("genai-2023-draft").articles[8].label
            '第九条'
        """
        return list(self._articles)  # type: ignore[attr-defined]

    def get(self, ref: str | int) -> Node:
        """The node at ``ref``: a machine ref (``"7.1.4"``, ``7``, ``"ch2"``) or a lawyer's
        label (``第七条第一款第（四）项``, ``第七条第四项``, ``第七条第（四）项`` when the article
        has one 款, ``第十条之一``, ``第二章``; Arabic numbers such as ``第7条`` too).

        A miss raises ``KeyError`` naming the ref and the document and suggesting the nearest
        refs. ``doc[ref]`` is the same.

        Example:
            >>> import regtext
            >>> pipl = regtext.load("pipl")
            >>> pipl.get("13.1.2").label
            '第十三条第一款第（二）项'
            >>> pipl.get("第十三条第一款第二项").ref, pipl["第13条"].ref
            ('13.1.2', '13')
        """
        index = self._index  # type: ignore[attr-defined]
        key = str(ref).strip()
        if key in index:
            return index[key]
        found = self._by_label(key)
        if found is not None:
            return found
        where = f" in {self.id!r}" if self.id else ""
        near = self._nearest(key)
        hint = f"; nearest: {', '.join(repr(r) for r in near)}" if near else ""
        raise KeyError(f"no node with ref {ref!r}{where}{hint}")

    def __getitem__(self, ref: str | int) -> Node:
        """``doc["7.1.4"]``, ``doc[7]``, ``doc["第七条第四项"]``: see :meth:`get`.

        Example:
            >>> import regtext
            >>> regtext.load("genai-2023-final")[7].label
            '第七条'
        """
        return self.get(ref)

    def _labels(self) -> dict[str, str]:
        """Label → ref, built on first use; an article's label wins over the label of its
        only paragraph (both are 第七条)."""
        labels = self.__dict__.get("_label_index")
        if labels is None:
            labels = {}
            for node in self:
                labels.setdefault(_canon_label(node.label), node.ref)
            object.__setattr__(self, "_label_index", labels)
        return labels

    def _by_label(self, key: str) -> Node | None:
        canon = _canon_label(key)
        labels = self._labels()
        index = self._index  # type: ignore[attr-defined]
        if canon in labels:  # also 序言, 附件
            return index[labels[canon]]
        if not canon.startswith("第"):
            return None
        # 第七条第一款第（四）项 when 第七条 has one 款 is labelled 第七条第（四）项
        one = re.sub(r"^(第[^条]+条(?:之[^第]+)?)第一款", r"\1", canon)
        if one != canon and one in labels:
            return index[labels[one]]
        # 第七条第（四）项 when 第七条 has several 款: the one 款 that has item （四）
        m = re.match(r"^(第[^条]+条(?:之[^第]+)?)(第（[^）]+）项.*)$", canon)
        if m:
            hits = [ref for label, ref in labels.items()
                    if label.startswith(m.group(1) + "第") and label.endswith(m.group(2))
                    and re.fullmatch(r"第[^款]+款", label[len(m.group(1)):-len(m.group(2))])]
            if len(hits) == 1:
                return index[hits[0]]
        return None

    def _nearest(self, key: str, n: int = 3) -> list[str]:
        """The refs closest to a ref that does not exist (difflib over refs and labels)."""
        import difflib

        index = self._index  # type: ignore[attr-defined]
        out: list[str] = []
        parts = key.split(".")
        # 7.4 for item （四） of a one-paragraph article 7 is 7.1.4
        if len(parts) == 2 and f"{parts[0]}.1.{parts[1]}" in index:
            out.append(f"{parts[0]}.1.{parts[1]}")
        labels = self._labels()
        if key.startswith("第"):
            canon = _canon_label(key)
            out += [labels[lab] for lab in difflib.get_close_matches(canon, list(labels), n=n)]
        out += difflib.get_close_matches(key, list(index), n=n)
        return list(dict.fromkeys(out))[:n]

    def __contains__(self, ref: object) -> bool:
        return ref in self._index  # type: ignore[attr-defined]

    def parent(self, ref: str) -> Node | None:
        """The parent node of ``ref`` (``None`` at top level).

        Example:
            >>> import regtext
            >>> regtext.load("genai-2023-final").parent("7").ref
            'ch2'
        """
        self.get(ref)
        up = self._parents[str(ref)]  # type: ignore[attr-defined]
        return None if up is None else self._index[up]  # type: ignore[attr-defined]

    def ancestors(self, ref: str) -> list[Node]:
        """Ancestors of ``ref``, nearest first.

        Example:
            >>> import regtext
            >>> [n.ref for n in regtext.load("genai-2023-final").ancestors("7.1.4")]
            ['7.1', '7', 'ch2']
        """
        out = []
        node = self.parent(ref)
        while node is not None:
            out.append(node)
            node = self.parent(node.ref)
        return out

    def __iter__(self) -> Iterator[Node]:
        nodes = self.__dict__.get("_nodes")  # top.walk() of each, in order
        if nodes is None:  # a Document unpickled from a release without the list
            return (n for top in self.children for n in top.walk())
        return iter(nodes)

    def __len__(self) -> int:
        return len(self._index)  # type: ignore[attr-defined]

    def clauses(self) -> list[Node]:
        """Paragraph (款), item (项) and subitem (目) nodes in document order.

        Example:
            >>> import regtext
            >>> len([n for n in regtext.load("genai-2023-final").clauses() if n.kind == "item"])
            13
        """
        return [n for n in self if n.kind in ("paragraph", "item", "subitem")]

    # -- exports ----------------------------------------------------------------------

    def to_frame(self):
        """One row per node: ref, kind, number, label, eid, parent, depth, heading, text, lines.

        pandas conventions: a value that does not apply is NaN (a top-level node's
        ``parent``, a preamble's ``number``, an article's ``heading``, ``chapter`` outside any
        chapter), never ``''`` or ``None``; a 编/章/节 row's ``text`` is its heading (its body
        is in the rows of its articles, so summing text lengths does not count it twice).

        Example:
            >>> import regtext
            >>> df = regtext.load("genai-2023-final").to_frame()
            >>> df.query("kind == 'article'").shape[0]
            24
        """
        import pandas as pd

        rows = []
        nan = float("nan")
        divisions = ("part", "subpart", "chapter", "section")

        def visit(node: Node, parent: str | None, depth: int, chapter: str | None) -> None:
            if node.kind == "chapter":
                chapter = node.ref
            rows.append(
                {
                    "ref": node.ref,
                    "kind": node.kind,
                    "number": node.number or nan,
                    "label": node.label,
                    "eid": node.eid,
                    "parent": parent if parent is not None else nan,
                    "depth": depth,
                    "chapter": chapter if chapter is not None else nan,
                    "article": node.article or nan,
                    "heading": node.heading or nan,
                    "text": node.heading if node.kind in divisions else node.text,
                    "line": node.line,
                    "end_line": node.end_line,
                }
            )
            for child in node.children:
                visit(child, node.ref, depth + 1, chapter)

        for top in self.children:
            visit(top, None, 0, None)
        columns = ["ref", "kind", "number", "label", "eid", "parent", "depth", "chapter",
                   "article", "heading", "text", "line", "end_line"]
        return pd.DataFrame(rows, columns=columns)

    def to_dict(self) -> dict[str, Any]:
        """The whole document as plain JSON-ready data.

        Example:
            >>> import regtext
            >>> regtext.load("genai-2023-final").to_dict()["title"]
            '生成式人工智能服务管理暂行办法'
        """
        return {
            "id": self.id,
            "title": self.title,
            "notes": list(self.notes),
            "meta": self.meta,
            "warnings": [
                {"kind": w.kind, "line": w.line, "message": w.message} for w in self.warnings
            ],
            "children": [c.to_dict() for c in self.children],
        }

    def to_json(self, indent: int | None = 1) -> str:
        """:meth:`to_dict` as a JSON string (UTF-8 characters kept as they are).

        Example:
            >>> import regtext
            >>> regtext.parse("第一条 测试。").to_json()[:1]
            '{'
        """
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, default=str)

    def __repr__(self) -> str:
        return (
            f"Document(id={self.id!r}, title={self.title!r}, articles={len(self._articles)}, "  # type: ignore[attr-defined]
            f"warnings={len(self.warnings)})"
        )

    def _repr_html_(self) -> str:
        """A compact table of contents for Jupyter: title, counts, and one row per
        division (or per article when there are none) with its article range."""
        from html import escape

        arts = self.articles
        rows = []
        divisions = [n for n in self if n.kind in ("part", "subpart", "chapter", "section")]
        for node in divisions or arts[:60]:
            inside = [a for a in node.walk() if a.kind == "article"] if divisions else [node]
            span = (f"{inside[0].label}–{inside[-1].label}" if len(inside) > 1
                    else inside[0].label if inside else "")
            pad = {"part": 0, "subpart": 1, "chapter": 1, "section": 2}.get(node.kind, 0) \
                if divisions else 0
            title = node.heading if divisions else node.text[:40] + (
                "…" if len(node.text) > 40 else "")
            rows.append(f"<tr><td>{escape(node.ref)}</td><td style='padding-left:{pad}em'>"
                        f"{escape(node.label if divisions else '')} {escape(title)}</td>"
                        f"<td>{escape(span)}</td></tr>")
        more = "" if divisions or len(arts) <= 60 else (
            f"<tr><td colspan='3'>… {len(arts) - 60} more articles</td></tr>")
        warn = f", {len(self.warnings)} warnings" if self.warnings else ""
        return (f"<div><b>{escape(self.title or '(untitled)')}</b> "
                f"<small>{escape(str(self.id or ''))} — {len(arts)} articles{warn}</small>"
                "<table><thead><tr><th>ref</th><th>heading</th><th>articles</th></tr></thead>"
                f"<tbody>{''.join(rows)}{more}</tbody></table></div>")
