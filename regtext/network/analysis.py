"""One document's analysis, computed once: its tree, citations, norms and statute links.

The graph (:func:`regtext.graph`) and the links table (:func:`regtext.links`) both start from an
:class:`Analysis`. Data flows one way: extraction (``regtext.extract``) → :func:`analyse` →
the graph builder, which only assembles nodes and edges from analyses and never calls back into
extraction or linking.

A step that fails on one document (citations, obligations, links) goes through
:func:`regtext._guard.guard`: a :class:`~regtext._guard.DocumentFailure` warning naming the
document, or an exception under ``REGTEXT_STRICT=1``. The analysis then holds ``None`` for that
step, so the graph still gets the document's tree.

Example:
    >>> import regtext
    >>> a = analyse(regtext.load("genai-2023-final"), to="pipl")
    >>> a.doc.id, len(a.norms) > 20, {lk.target_doc for lk in a.links}
    ('genai-2023-final', True, {'pipl'})
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .._guard import guard
from ..text.model import Document

_ID_DATE = re.compile(r"[(（](\d{4}-\d{2}-\d{2})[)）]")
_HEAD_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


@dataclass(frozen=True)
class Cite:
    """One citation of a clause, reduced to what the network needs.

    Example:
        >>> Cite("7.1.5", "external", "pipl", None, "《个人信息保护法》").whole
        True
    """

    source_ref: str
    kind: str
    target_doc: str | None
    target_ref: str | None
    text: str

    @property
    def whole(self) -> bool:
        """True for a citation of a whole document (no provision)."""
        return not self.target_ref


@dataclass(frozen=True)
class Analysis:
    """Everything regtext derives from one document, for the network stage.

    Attributes:
        doc: the parsed document (its tree).
        citations: every citation of every clause (None when extraction failed).
        norms: the document's norms from :func:`regtext.extract.norms.document_norms` (None
            when extraction failed).
        links: ranked statute links of every clause (see :func:`regtext.links`).
        similar: per clause ref, its best BM25 hits as (doc, ref, raw score), best first.
        date: the date links are judged against (``YYYY-MM-DD``; "" when unknown).
    """

    doc: Document
    citations: tuple[Cite, ...] | None
    norms: tuple[Any, ...] | None
    links: tuple[Any, ...] = ()
    similar: Mapping[str, tuple[tuple[str, str, float], ...]] = field(
        default_factory=lambda: MappingProxyType({}))
    date: str = ""

    @property
    def id(self) -> str:
        """The document's id."""
        return self.doc.id

    def clause_cites(self, ref: str, own: bool = False) -> list[tuple[str, str | None, str]]:
        """External, resolved citations of clause ``ref`` as (doc, ref, text): those in its
        whole text (its items' too), or with ``own`` only those in its own words.

        Example:
            >>> import regtext
            >>> a = analyse(regtext.load("genai-2023-final"), to="pipl", links=False)
            >>> [d for d, _, _ in a.clause_cites("7.1")]
            ['csl', 'dsl', 'pipl']
            >>> a.clause_cites("7.1", own=True)
            []
        """
        out = []
        for c in self.citations or ():
            if c.kind != "external" or not c.target_doc:
                continue
            if c.source_ref == ref or (not own and c.source_ref.startswith(ref + ".")):
                out.append((c.target_doc, c.target_ref or None, c.text))
        return out


def doc_date(doc: Document) -> str:
    """The date a document speaks from: published, else adopted, else effective ("" if none).

    A text without catalog dates is dated by the date in its file name, else by the first
    date in its first lines.

    Example:
        >>> import regtext
        >>> doc_date(regtext.load("genai-2023-final"))
        '2023-07-10'
        >>> doc_date(regtext.parse("（2016年11月7日通过）\\n第一条 为了保障网络安全，制定本法。"))
        '2016-11-07'
    """
    meta = doc.meta or {}
    for key in ("published", "adopted", "effective", "date"):
        value = meta.get(key)
        if value:
            return str(value)[:10]
    # a text read from a file: the date its name carries (LawRefBook: 法名(2018-04-27).md),
    # else the first date in its head (……2018年4月27日第十三届全国人民代表大会常务委员会……通过)
    m = _ID_DATE.search(doc.id or "")
    if m:
        return m.group(1)
    head = " ".join(str(n) for n in (doc.notes or ())[:3]) + " " + (doc.text or "")[:400]
    m = _HEAD_DATE.search(head)
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return ""


def _citations(doc: Document, resolver: Any = None) -> tuple[Cite, ...] | None:
    """The citations of ``doc`` through the public :func:`regtext.citations`."""
    from ..extract.citing import citations

    result = None
    with guard("citations", doc.id):
        df = citations(doc, resolver=resolver)
        result = tuple(Cite(s, k, d, r if isinstance(r, str) and r else None, t)
                       for s, k, d, r, t in zip(df["source_ref"], df["kind"], df["target_doc"],
                                                df["target_ref"], df["text"])
                       if isinstance(s, str) and s)
    return result


def _norms(doc: Document) -> tuple[Any, ...] | None:
    from ..extract.norms import document_norms

    result = None
    with guard("obligations", doc.id):
        result = tuple(document_norms(doc))
    return result


def analyse(doc: Document | str, *, to: str | Iterable[str] | None = None,
            targets: Iterable[str] | None = None, k: int = 5, links: bool = True,
            own_citations: bool = False, explain: bool = True, resolver: Any = None,
            index: Any = None, as_of: str | bool | None = None) -> Analysis:
    """Analyse one document once: citations, norms, and (with ``links``) statute links.

    ``targets`` (corpus ids) or ``to`` (ids or aliases) choose the statutes links may point to
    (default: every shipped statute but ``doc``'s own versions). ``own_citations`` links a
    clause only to what its own words cite (the graph's view; its items cite for themselves);
    by default a clause also carries its items' citations. ``explain`` names the shared words
    in a similarity link's evidence. ``resolver`` is passed to :func:`regtext.citations` when
    that function accepts one.

    ``as_of`` dates the links: statutes published after it are marked ``later`` and only
    their citations are kept. ``None`` (default) uses the document's own date
    (:func:`doc_date`); ``False`` keeps every link, still marking ``later`` against the
    document's date.

    Example:
        >>> import regtext
        >>> a = analyse("genai-2023-final", to="deep-synthesis")
        >>> [(lk.source_ref, lk.via) for lk in a.links if lk.source_ref == "12.1"][0]
        ('12.1', 'citation')
    """
    from . import linking

    if isinstance(doc, str):
        doc = linking.as_document(doc)
    from . import ranking

    cites = _citations(doc, resolver)
    seen, norms = ranking.known_norms(doc)
    if not seen:
        norms = _norms(doc)
        ranking.remember_norms(doc, norms)
    date = doc_date(doc) if as_of is None or as_of is False else str(as_of)[:10]
    keep_later = as_of is False
    base = Analysis(doc, cites, norms, date=date)
    if not links:
        return base
    allowed = list(targets) if targets is not None else linking.statutes(doc, to)
    if not allowed:
        return base
    index = index or linking.corpus_index()
    found: list[Any] = []
    similar: dict[str, tuple[tuple[str, str, float], ...]] = {}
    with guard("links", doc.id):
        for node in doc.clauses():
            ranked = linking.similar(index, index.scores(node), allowed, k)
            similar[node.ref] = tuple(ranked)
            found.extend(linking.clause_links(
                node, doc, k=k, targets=allowed, index=index,
                cited=base.clause_cites(node.ref, own=own_citations), explain=explain,
                as_of=date or None, keep_later=keep_later))
    return Analysis(doc, cites, norms, tuple(found), MappingProxyType(similar), base.date)


def analyse_many(docs: Iterable[Document], *, k: int = 5, resolver: Any = None,
                 explain: bool = False) -> list[Analysis]:
    """Analyses for the documents of one graph: links point only among ``docs``.

    Example:
        >>> import regtext
        >>> [a.id for a in analyse_many([regtext.load("csl"), regtext.load("pipl")])]
        ['csl', 'pipl']
    """
    from . import linking, ranking

    docs = list(docs)
    in_graph = {d.id for d in docs}
    index = linking.corpus_index()
    for doc in docs:  # every document's norms first: the ranking reads the targets' norms
        if not ranking.known_norms(doc)[0]:
            ranking.remember_norms(doc, _norms(doc))
    out = []
    for doc in docs:
        targets = [t for t in linking.statutes(doc) if t in in_graph]
        out.append(analyse(doc, targets=targets, k=k, links=bool(targets), own_citations=True,
                           explain=explain, resolver=resolver, index=index))
    return out

