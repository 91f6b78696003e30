"""The obligation graph: documents, their trees, norms, actors and terms, and what links them.

``graph(docs)`` builds a :class:`networkx.MultiDiGraph`. Node ids:

- a document: its id (``"pipl"``);
- a tree node: ``"doc:ref"`` (``"pipl:13"``, ``"genai-2023-final:7.1.3"``, ``"csl:ch4"``);
- a norm (obligation, prohibition, permission, encouragement or penalty):
  ``"norm:doc:ref#n"``;
- an actor: ``"actor:提供者"``; a defined term: ``"term:个人信息处理者"``.

Every node has ``kind`` (``document``, ``article``, ``paragraph``… ``obligation``, ``actor``,
``term``) and ``label``; every edge has ``kind``: ``contains``, ``cites``, ``imposes`` (clause →
norm), ``bears`` (norm → actor), ``sanctions`` (liability clause → what it punishes),
``defines`` (clause → term), ``aligned_to`` (draft → final, from ``diff()``), ``links_to``
(clause → statute provision, with ``via``, ``score``, ``rank``, and ``later`` on a citation of a
statute published after the citing text) and ``borrows_from``
(near-verbatim reuse of an earlier text, with ``similarity``). The edge key is its kind, so a
pair of nodes has at most one edge of each kind.

Nodes and edges are inserted in a fixed order (documents by id, trees in document order), so
the same input gives identical exports.

Example:
    >>> import regtext
    >>> G = regtext.graph(["genai-2023-final", "pipl"])
    >>> G.nodes["pipl:13"]["label"], G.nodes["pipl:13"]["kind"]
    ('第十三条', 'article')
    >>> sorted(v for _, v, kind in G.out_edges("genai-2023-final:11.2", keys=True)
    ...        if kind == "links_to" and v.startswith("pipl:4"))
    ['pipl:45.2', 'pipl:46.2', 'pipl:47.1', 'pipl:49.1']
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterable
from typing import Any

from .._guard import guard
from ..text.model import Document, Node

#: Edge kinds, in the order the builder adds them.
EDGE_KINDS = ("contains", "cites", "imposes", "bears", "sanctions", "defines", "aligned_to",
              "links_to", "borrows_from", "repealed_by")

#: Modalities that make a norm node an "obligation" in the wide sense of the graph.
NORM_KIND = "obligation"

_DEFINES_RE = re.compile(r"^(?:（[一二三四五六七八九十]+）)?\s*(?:本\S{1,3}所称(?:的)?)?"
                         r"([\u4e00-\u9fff]{2,16})(?:，?是指|，指(?![导定出明挥引标南令派示望责]))")
_ALIAS_RE = re.compile(r"（以下(?:简称|称|统称)([^）]{1,16})）")

#: a clause borrows from another when their texts agree at least this much (rapidfuzz ratio)
BORROW_THRESHOLD = 75.0
_BORROW_MIN_CHARS = 20


def node_id(doc_id: str | None, ref: str) -> str:
    """The graph id of tree node ``ref`` of document ``doc_id``.

    Example:
        >>> node_id("pipl", "13.1.2")
        'pipl:13.1.2'
    """
    return f"{doc_id or 'doc'}:{ref}"


def _resolve_docs(docs: Iterable[Document | str] | None) -> list[Document]:
    from ..corpus.catalog import catalog
    from .linking import as_document

    if isinstance(docs, (str, Document)):  # graph("pipl") means one document
        docs = [docs]
    names = [r["id"] for r in catalog()] if docs is None else list(docs)
    out: dict[str, Document] = {}
    for d in names:
        d = as_document(d)
        key = d.id or f"doc{len(out) + 1}"
        if d.id is None:  # a parsed text without an id still needs a stable node prefix
            d = Document(key, d.title, d.children, d.notes, d.warnings, d.meta, d.text)
        out.setdefault(key, d)
    return [out[k] for k in sorted(out)]


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """GraphML takes only scalars: drop None, join lists."""
    out = {}
    for k, v in attrs.items():
        if v is None:
            continue
        if isinstance(v, (list, tuple, set)):
            v = ",".join(str(x) for x in v)
        out[k] = v
    return out


def _add_node(G, nid: str, **attrs: Any) -> None:
    if nid not in G:
        G.add_node(nid, **_clean(attrs))


def _add_edge(G, u: str, v: str, kind: str, **attrs: Any) -> None:
    if u in G and v in G and not G.has_edge(u, v, key=kind):
        G.add_edge(u, v, key=kind, kind=kind, **_clean(attrs))


# -- the builder ----------------------------------------------------------------------------


def _tree(G, doc: Document) -> None:
    meta = doc.meta or {}
    _add_node(G, doc.id, kind="document", label=meta.get("short_title") or doc.title,
              title=doc.title, doc=doc.id, doc_type=meta.get("doc_type"),
              status=meta.get("status"), published=meta.get("published"))

    def visit(node: Node, parent: str) -> None:
        nid = node_id(doc.id, node.ref)
        _add_node(G, nid, kind=node.kind, label=node.label or node.heading or node.ref,
                  doc=doc.id, ref=node.ref, article=node.article or None,
                  heading=node.heading or None, text=node.text)
        _add_edge(G, parent, nid, "contains")
        for child in node.children:
            visit(child, nid)

    for top in doc.children:
        visit(top, doc.id)


def _target_node(G, doc: Document, target_doc: str | None, target_ref: str | None) -> str | None:
    tdoc = target_doc or doc.id
    if not target_ref:
        return tdoc if tdoc in G and tdoc != doc.id else None
    nid = node_id(tdoc, target_ref)
    if nid in G:
        return nid
    art = node_id(tdoc, target_ref.split(".")[0])  # a pin finer than the tree: its article
    if art in G:
        return art
    # an article an excerpt lacks (民法典第一千一百七十条 beside Book IV): the text it is in
    return tdoc if tdoc != doc.id and tdoc in G else None


def add_repealed(G, s: Any, bare_repealer: bool = True) -> None:
    """Add the node of a repealed law known without text (a registry ``Stub``:
    ``has_text=False``, ``in_force=False``) and its ``repealed_by`` edge to the repealing text:
    its article when that is in ``G``, else its document node, added bare when missing and
    ``bare_repealer`` (else the edge is left out)."""
    _add_node(G, s.doc_id, kind="document", label=s.short_title, title=s.title, doc=s.doc_id,
              has_text=False, in_force=False, repealed_on=s.repealed_on,
              repealed_by=s.repealed_by, repealed_by_ref=s.repealed_by_ref)
    by = node_id(s.repealed_by, s.repealed_by_ref) if s.repealed_by_ref else s.repealed_by
    if by not in G:
        by = s.repealed_by
        if bare_repealer:
            _add_node(G, by, kind="document", label=s.repealed_by_title,
                      title=s.repealed_by_title, doc=by)
    _add_edge(G, s.doc_id, by, "repealed_by", date=s.repealed_on, clause=s.clause)


def _repealed_node(G, doc_id: str) -> str | None:
    """The node of the repealed law known without text that ``doc_id`` names (added with
    :func:`add_repealed`), or ``None`` for any other id."""
    from ..corpus.registry import stub_of

    s = stub_of(doc_id)
    if s is None:
        return None
    add_repealed(G, s)
    return doc_id


def _cites(G, a) -> None:  # noqa: ANN001 - an Analysis
    """Add the ``cites`` edges of one analysed document."""
    doc = a.doc
    for c in a.citations or ():
        target = _target_node(G, doc, c.target_doc, c.target_ref)
        if target is None and c.kind == "external" and c.target_doc:
            target = _repealed_node(G, c.target_doc)
        if target is not None:
            _add_edge(G, node_id(doc.id, c.source_ref), target, "cites", text=c.text,
                      citation_kind=c.kind)


def _norms(G, doc: Document, norms: list[Any] | None) -> None:
    count: dict[str, int] = {}
    for n in norms or ():
        if not n.ref:
            continue
        count[n.ref] = count.get(n.ref, 0) + 1
        clause = node_id(doc.id, n.ref)
        nid = f"norm:{clause}#{count[n.ref]}"
        _add_node(G, nid, kind=NORM_KIND, label=f"{n.actor or '?'} {n.trigger}", doc=doc.id,
                  ref=n.ref, actor=n.actor, modality=n.modality, trigger=n.trigger,
                  text=n.text, condition=n.condition or None, exception=n.exception or None)
        _add_edge(G, clause, nid, "imposes", modality=n.modality)
        if n.actor:
            aid = f"actor:{n.actor}"
            _add_node(G, aid, kind="actor", label=n.actor)
            _add_edge(G, nid, aid, "bears")
        if n.modality == "penalty":
            for ref in n.sanctions:
                target = _target_node(G, doc, doc.id, ref)
                if target is not None:
                    _add_edge(G, clause, target, "sanctions")


def _defines(G, doc: Document) -> None:
    """``defines`` edges: 本法所称X，是指… / X，是指… and （以下简称X）in the text, plus the
    concept lexicon's definitions (敏感个人信息 → PIPL 28) for provisions of ``doc``."""
    from ..network.linking import lexicon

    for node in doc.clauses():
        own = node.own_text  # items define for themselves
        terms = [m.group(1) for m in _ALIAS_RE.finditer(own)]
        m = _DEFINES_RE.match(own)
        if m:
            terms.append(m.group(1))
        for term in terms:
            term = term.strip("“”\"' ")
            if len(term) < 2:
                continue
            tid = f"term:{term}"
            _add_node(G, tid, kind="term", label=term)
            _add_edge(G, node_id(doc.id, node.ref), tid, "defines")
    for c in lexicon():
        if c.relation == "defines" and c.target_doc == doc.id:
            src = node_id(doc.id, c.target_ref)
            if src in G:
                _add_node(G, f"term:{c.term}", kind="term", label=c.term)
                _add_edge(G, src, f"term:{c.term}", "defines", source="lexicon")


def _compute_aligned(docs: list[Document]) -> list[tuple[str, str, list[dict]]]:
    """``diff()`` of every draft in ``docs`` against its final version: (old id, new id,
    article- and clause-level rows) triples. A failed diff is a warning naming the pair."""
    from ..compare.comparison import diff
    from ..network.linking import counterparts

    out = []
    by_id = {d.id: d for d in docs}
    for old in docs:
        if (old.meta or {}).get("status") != "draft":
            continue
        for other in sorted(counterparts(old) - {old.id}):
            new = by_id.get(other)
            if new is None or (new.meta or {}).get("status") == "draft":
                continue
            with guard("graph diff", f"{old.id} → {new.id}"):
                cmp = diff(old, new)
                rows = [r for level in ("article", "clause")
                        for r in cmp.to_frame(level=level).to_dict("records")]
                out.append((old.id, new.id, rows))
    return out


def _aligned(G, aligned: list[tuple[str, str, list[dict]]]) -> None:
    for old_id, new_id, rows in aligned:
        for r in rows:
            if not r.get("old_ref") or not r.get("new_ref"):
                continue
            tags = r.get("tags")
            _add_edge(G, node_id(old_id, r["old_ref"]), node_id(new_id, r["new_ref"]),
                      "aligned_to", change=r.get("change"), relation=r.get("relation"),
                      moved=bool(r.get("moved")), similarity=float(r.get("similarity") or 0.0),
                      tags=list(tags) if isinstance(tags, (list, tuple)) else None)


def _published(doc: Document) -> str:
    return str((doc.meta or {}).get("published") or "")


def _links_and_borrowing(analyses) -> list[tuple[str, str, str, dict[str, Any]]]:  # noqa: ANN001
    """The ``links_to`` and ``borrows_from`` edges of analysed documents, as (source,
    target, kind, attrs); the targets are checked against the graph when they are added."""
    from rapidfuzz import fuzz

    from ..network.linking import fold

    pending: list[tuple[str, str, str, dict[str, Any]]] = []
    by_id = {a.doc.id: a.doc for a in analyses}
    for a in analyses:
        doc = a.doc
        if not a.similar:
            continue
        targets = {lk.target_doc for lk in a.links} | {d for hits in a.similar.values()
                                                        for d, _, _ in hits}
        date = _published(doc)
        earlier = {t for t in by_id if not date or not _published(by_id[t])
                   or _published(by_id[t]) <= date}
        by_clause: dict[str, list[Any]] = {}
        for lk in a.links:
            by_clause.setdefault(lk.source_ref, []).append(lk)
        for node in doc.clauses():
            src = node_id(doc.id, node.ref)
            for lk in by_clause.get(node.ref, ()):
                pending.append((src, ("target", lk.target_doc, lk.target_ref), "links_to",
                                {"via": lk.via, "score": lk.score, "rank": lk.rank,
                                 "evidence": lk.evidence, "later": lk.later or None}))
            if node.children or len(node.text) < _BORROW_MIN_CHARS or not earlier:
                continue
            # near-verbatim reuse: the best BM25 candidates, confirmed character by character
            text = fold(node.text)
            hits = [r for r in a.similar.get(node.ref, ()) if r[0] in earlier and r[0] in targets]
            for tdoc, tref, _ in hits[:3]:
                other = by_id[tdoc].get(tref)
                ratio = fuzz.ratio(text, fold(other.text))
                if ratio >= BORROW_THRESHOLD:
                    pending.append((src, node_id(tdoc, tref), "borrows_from",
                                    {"similarity": round(ratio / 100, 4)}))
    return pending


def graph(docs: Iterable[Document | str] | None = None, k: int = 5, resolver: Any = None,
          *, corpus: Any = None, store: Any = None, workers: int | None = None,
          progress: bool = True):
    """The obligation graph over the shipped corpus, or over ``docs`` (Documents, ids,
    aliases or paths).

    With ``corpus`` (a folder or a list of files; thousands of texts; ``"registered"`` for the
    collections of :func:`regtext.corpus.register`, with their ids), the graph is built
    into a SQLite store instead (``store=`` a path, default ``~/.cache/regtext/graph.sqlite``)
    and a :class:`regtext.network.store.GraphStore` is returned: unchanged files are skipped
    on the next run, queries run as SQL, and ``.subgraph(docs)`` gives networkx graphs. The
    store's ``links_to`` rows come from citations and the concept lexicon only
    (:func:`regtext.network.store.statute_links`).

    ``links_to`` edges point only at statutes that are in the graph; ``k`` is the number of
    links kept per clause and statute (see :func:`regtext.links`). ``resolver`` is handed to
    :func:`regtext.citations` when it accepts one. Each document is analysed once
    (:func:`regtext.network.analysis.analyse`); the graph is assembled from the analyses. The
    whole corpus builds in one process in about 7 s from a cold start
    (``bench/graph_bench.py``).

    Example:
        >>> import regtext
        >>> G = regtext.graph(["genai-2023-final", "algorithm-recommendation"])
        >>> G.has_edge("genai-2023-final:19.2", "algorithm-recommendation:29.1", "borrows_from")
        True
        >>> G.nodes["genai-2023-final"]["kind"]
        'document'
    """
    from .analysis import analyse_many

    if corpus is not None:
        if docs is not None:
            raise ValueError("give docs or corpus=, not both")
        from .store import build

        return build(corpus, store=store, workers=workers, progress=progress)
    documents = _resolve_docs(docs)
    if resolver is None and docs is not None:
        # the documents given cite each other (a folder of the user's own texts), then the corpus
        from ..extract.resolve import Resolver

        resolver = Resolver.from_documents(documents)
    # one process: with one jieba dictionary load shared by norms, links and the diff, a
    # forked worker (which loads its own) no longer pays for itself
    analyses = analyse_many(documents, k=k, resolver=resolver)
    return assemble(analyses, _compute_aligned(documents))


def assemble(analyses, aligned: list[tuple[str, str, list[dict]]] = ()):  # noqa: ANN001
    """The graph of some :class:`~regtext.network.analysis.Analysis` objects (and draft →
    final alignments): nodes and edges only, no extraction.

    Example:
        >>> import regtext
        >>> from regtext.network.analysis import analyse
        >>> G = assemble([analyse("csl", links=False)])
        >>> G.nodes["csl:24.1"]["kind"]
        'paragraph'
    """
    import networkx as nx

    G = nx.MultiDiGraph(name="regtext", documents=",".join(a.doc.id for a in analyses))
    for a in analyses:
        _tree(G, a.doc)
    for a in analyses:
        _cites(G, a)
    pending = _links_and_borrowing(analyses)
    for a in analyses:
        _norms(G, a.doc, a.norms)
        _defines(G, a.doc)
    _aligned(G, aligned)
    by_id = {a.doc.id: a.doc for a in analyses}
    for u, v, kind, attrs in pending:
        if isinstance(v, tuple):  # a link: its target node, or nothing outside the graph
            v = _target_node(G, by_id[G.nodes[u]["doc"]], v[1], v[2])
            if v is None:
                continue
        _add_edge(G, u, v, kind, **attrs)
    return G


# -- summaries and exports ------------------------------------------------------------------


def counts(G) -> dict[str, dict[str, int]]:
    """Node and edge counts by kind.

    Example:
        >>> import regtext
        >>> counts(regtext.graph(["csl"]))["nodes"]["document"]
        1
    """
    nodes: dict[str, int] = {}
    edges: dict[str, int] = {}
    for _, data in G.nodes(data=True):
        nodes[data.get("kind", "?")] = nodes.get(data.get("kind", "?"), 0) + 1
    for _, _, data in G.edges(data=True):
        edges[data.get("kind", "?")] = edges.get(data.get("kind", "?"), 0) + 1
    return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}


def to_frames(G):
    """The graph as two DataFrames: nodes (``id`` + attributes) and edges (``source``,
    ``target``, ``kind`` + attributes), in insertion order.

    Example:
        >>> import regtext
        >>> nodes, edges = to_frames(regtext.graph(["csl"]))
        >>> nodes.iloc[0]["id"], edges.iloc[0]["kind"]
        ('csl', 'contains')
    """
    import pandas as pd

    nodes = pd.DataFrame([{"id": n, **d} for n, d in G.nodes(data=True)])
    edges = pd.DataFrame([{"source": u, "target": v, **d} for u, v, d in G.edges(data=True)])
    if not nodes.empty:
        nodes = nodes[["id", "kind", "label"] + [c for c in nodes.columns
                                                 if c not in ("id", "kind", "label")]]
    if not edges.empty:
        edges = edges[["source", "target", "kind"] + [c for c in edges.columns
                                                      if c not in ("source", "target", "kind")]]
    return nodes, edges


def to_json(G, indent: int | None = None) -> str:
    """Node-link JSON (``networkx.node_link_data``), UTF-8 characters kept as they are.

    Example:
        >>> import regtext
        >>> json.loads(to_json(regtext.graph(["csl"])))["directed"]
        True
    """
    import networkx as nx

    try:
        data = nx.node_link_data(G, edges="edges")
    except TypeError:  # networkx < 3.4 has no ``edges=`` keyword
        data = nx.node_link_data(G)
    return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=False)


def to_graphml(G) -> str:
    """GraphML text (opens in Gephi, yEd, Cytoscape).

    Example:
        >>> import regtext
        >>> "<graphml" in to_graphml(regtext.graph(["csl"]))[:300]
        True
    """
    import networkx as nx

    return "\n".join(nx.generate_graphml(G, prettyprint=True)) + "\n"


def write(G, path: str, format: str | None = None) -> list[str]:
    """Write ``G`` to ``path`` as ``graphml``, ``json`` or ``csv`` (guessed from the suffix).

    CSV writes two files next to each other, ``<stem>.nodes.csv`` and ``<stem>.edges.csv``.
    Returns the paths written.

    Example:
        >>> import regtext, tempfile, os
        >>> d = tempfile.mkdtemp()
        >>> [os.path.basename(p) for p in write(regtext.graph(["csl"]), d + "/g.csv")]
        ['g.nodes.csv', 'g.edges.csv']
    """
    from pathlib import Path

    p = Path(path)
    fmt = (format or p.suffix.lstrip(".") or "graphml").lower()
    if fmt == "graphml":
        p.write_text(to_graphml(G), encoding="utf-8")
        return [str(p)]
    if fmt == "json":
        p.write_text(to_json(G), encoding="utf-8")
        return [str(p)]
    if fmt == "csv":
        nodes, edges = to_frames(G)
        stem = p.name[: -len(".csv")] if p.name.endswith(".csv") else p.name
        out = [p.with_name(f"{stem}.nodes.csv"), p.with_name(f"{stem}.edges.csv")]
        nodes.to_csv(out[0], index=False)
        edges.to_csv(out[1], index=False)
        return [str(x) for x in out]
    raise ValueError(f"unknown graph format {format!r} for {path}: use graphml, json or csv")


def neighbourhood(G, node: str, radius: int = 1, kinds: Iterable[str] | None = None):
    """The subgraph within ``radius`` steps of ``node`` (edges followed both ways).

    ``kinds`` limits the edge kinds followed (default: all but ``contains``).

    Example:
        >>> import regtext
        >>> H = neighbourhood(regtext.graph(["genai-2023-final", "pipl"]), "pipl:45.2")
        >>> "genai-2023-final:11.2" in H
        True
    """
    if node not in G:
        raise KeyError(f"no node {node!r} in the graph")
    follow = set(kinds) if kinds is not None else set(EDGE_KINDS) - {"contains"}
    seen = {node}
    frontier = [node]
    for _ in range(max(radius, 0)):
        nxt = []
        for n in frontier:
            for _, v, d in G.out_edges(n, data=True):
                if d.get("kind") in follow and v not in seen:
                    seen.add(v)
                    nxt.append(v)
            for u, _, d in G.in_edges(n, data=True):
                if d.get("kind") in follow and u not in seen:
                    seen.add(u)
                    nxt.append(u)
        frontier = sorted(nxt)
    keep = [n for n in G if n in seen]  # graph order: deterministic
    H = G.subgraph(keep).copy()
    H.remove_edges_from([(u, v, k) for u, v, k, d in H.edges(keys=True, data=True)
                         if d.get("kind") not in follow])
    return H


_COLOURS = {"document": "#444444", "article": "#4C72B0", "paragraph": "#64B5CD",
            "item": "#8DC9E0", "obligation": "#DD8452", "actor": "#55A868", "term": "#C44E52"}


def plot(G, node: str, radius: int = 1, ax=None, kinds: Iterable[str] | None = None):
    """A static matplotlib picture of the neighbourhood of ``node``; returns the Axes.

    Needs the optional ``plot`` extra (``pip install regtext[plot]``). Chinese labels need a
    CJK font; without one matplotlib draws boxes but the picture still renders.

    Example:
        >>> import regtext, pytest
        >>> _ = pytest.importorskip("matplotlib")
        >>> ax = plot(regtext.graph(["genai-2023-final", "pipl"]), "genai-2023-final:11.2")
        >>> ax.get_title()
        'genai-2023-final:11.2'
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("regtext.graph.plot needs matplotlib: pip install 'regtext[plot]'") \
            from exc
    import networkx as nx

    H = neighbourhood(G, node, radius=radius, kinds=kinds)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 7))
    pos = nx.spring_layout(nx.Graph(H), seed=7)  # fixed seed: the same picture every time
    colours = [_COLOURS.get(H.nodes[n].get("kind"), "#999999") for n in H]
    sizes = [700 if n == node else 300 for n in H]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing CJK glyphs in the default font
        nx.draw_networkx_nodes(H, pos, ax=ax, node_color=colours, node_size=sizes)
        nx.draw_networkx_edges(H, pos, ax=ax, arrows=True, alpha=0.5)
        nx.draw_networkx_labels(H, pos, ax=ax, font_size=7,
                                labels={n: n if ":" in n and not n.startswith(("norm:",))
                                        else H.nodes[n].get("label", n) for n in H})
        edge_labels = {(u, v): d.get("kind") for u, v, d in H.edges(data=True)}
        nx.draw_networkx_edge_labels(H, pos, ax=ax, edge_labels=edge_labels, font_size=6)
    ax.set_title(node)
    ax.set_axis_off()
    return ax
