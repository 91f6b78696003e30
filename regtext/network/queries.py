"""Questions researchers ask of the obligation graph, answered as DataFrames.

Every function takes a graph built by :func:`regtext.graph` first. Provisions are named by
their graph id (``"pipl:13"``) or as a ``(doc, ref)`` pair.

- :func:`obligations_by`: norms by actor, modality and document;
- :func:`cites` and :func:`cited_by`: what a provision cites and what cites it, by article;
- :func:`invoked`: the provisions of one statute a document invokes, directly or through
  shared concepts and similar wording;
- :func:`rests_on`: the statute provisions an obligation rests on;
- :func:`lineage`: the draft → final fate of each obligation (added, removed, softened…);
- :func:`citation_changes`: what the final text stopped (or started) citing;
- :func:`reuse`: near-verbatim reuse between two documents.

Example:
    >>> import regtext
    >>> from regtext import queries
    >>> G = regtext.graph(["genai-2023-final", "algorithm-recommendation"])
    >>> queries.reuse(G, "genai-2023-final", "algorithm-recommendation")[
    ...     ["source_ref", "target_ref"]].values.tolist()[-1]
    ['19.2', '29.1']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: How binding each modality is; a move down the scale is "softened", up is "strengthened".
STRENGTH = {"penalty": 3, "prohibition": 3, "obligation": 3, "permission": 1,
            "encouragement": 1}

_NORM_COLUMNS = ["norm", "doc", "ref", "label", "actor", "modality", "trigger", "text"]


def _frame(rows: list[dict[str, Any]], columns: list[str]):
    import pandas as pd

    return pd.DataFrame(rows, columns=columns)


def _pid(provision: str | tuple[Any, str]) -> str:
    if isinstance(provision, tuple):  # (Document, corpus id or alias, ref)
        return f"{_resolve(provision[0])}:{provision[1]}"
    return provision


def _article_id(G, nid: str) -> str:
    """The article node at or above ``nid`` (the node itself above article level)."""
    data = G.nodes.get(nid, {})
    if data.get("article") and data.get("doc"):
        return f"{data['doc']}:{data['article']}"
    return nid


def _subtree(G, nid: str) -> list[str]:
    out, stack = [], [nid]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(v for _, v, k in G.out_edges(n, keys=True) if k == "contains")
    return out


def _as_set(value: str | Iterable[str] | None) -> set[str] | None:
    if value is None:
        return None
    return {value} if isinstance(value, str) else set(value)


def _resolve(doc: Any) -> str | None:
    """The id of a document named by a Document, a graph id, a corpus id or alias (no check)."""
    if doc is None:
        return None
    if hasattr(doc, "id") and hasattr(doc, "articles"):  # a Document
        return doc.id
    from ..corpus.catalog import resolve_id

    return resolve_id(str(doc)) or str(doc)


def document(G, doc: Any) -> str:
    """The graph id of a document named by a Document, its graph id, a corpus id or an alias.

    Raises:
        KeyError: naming ``doc`` and the graph's documents when it is not in the graph.

    Example:
        >>> import regtext
        >>> G = regtext.graph(["pipl"])
        >>> document(G, "个保法")
        'pipl'
        >>> try:
        ...     document(G, "nonexistent")
        ... except KeyError as exc:
        ...     print(str(exc)[:48])
        "document 'nonexistent' is not in the graph (it
    """
    if hasattr(doc, "id") and hasattr(doc, "articles"):
        key = doc.id
    else:
        key = str(doc)
        if not (key in G and G.nodes[key].get("kind") == "document"):
            key = _resolve(key) or key
    if key in G and G.nodes[key].get("kind") == "document":
        return key
    have = sorted(n for n, d in G.nodes(data=True) if d.get("kind") == "document")
    shown = ", ".join(have[:12]) + (", …" if len(have) > 12 else "")
    raise KeyError(f"document {doc!r} is not in the graph (it has: {shown})")


def _norm_row(G, nid: str) -> dict[str, Any]:
    d = G.nodes[nid]
    clause = f"{d.get('doc')}:{d.get('ref')}"
    return {"norm": nid, "doc": d.get("doc"), "ref": d.get("ref"),
            "label": G.nodes.get(clause, {}).get("label", ""), "actor": d.get("actor"),
            "modality": d.get("modality"), "trigger": d.get("trigger"), "text": d.get("text")}


# -- obligations ----------------------------------------------------------------------------


def obligations_by(G, actor: str | Iterable[str] | None = None,
                   modality: str | Iterable[str] | None = None,
                   doc: str | Iterable[str] | None = None):
    """Norms filtered by actor, modality and document (each a value or a list; None = any).

    Example:
        >>> import regtext
        >>> G = regtext.graph(["genai-2023-final"])
        >>> df = obligations_by(G, actor="提供者", modality="prohibition")
        >>> sorted(set(df.ref))[:2]
        ['11.1', '4.1.1']
    """
    store = _store(G)
    if store is not None:
        return store.obligations_by(actor=actor, modality=modality, doc=doc)
    actors, modalities = _as_set(actor), _as_set(modality)
    docs = ({document(G, d) for d in ([doc] if not isinstance(doc, (list, tuple, set))
                                      else doc)} if doc is not None else None)
    rows = []
    for nid, d in G.nodes(data=True):
        if d.get("kind") != "obligation":
            continue
        if actors is not None and d.get("actor") not in actors:
            continue
        if modalities is not None and d.get("modality") not in modalities:
            continue
        if docs is not None and d.get("doc") not in docs:
            continue
        rows.append(_norm_row(G, nid))
    return _frame(rows, _NORM_COLUMNS)


# -- citations at article level -------------------------------------------------------------

_CITE_COLUMNS = ["source", "source_ref", "target_doc", "target_article", "target_label", "text"]


def _cite_row(G, u: str, v: str, text: str) -> dict[str, Any]:
    src, tgt = _article_id(G, u), _article_id(G, v)
    td = G.nodes[tgt]
    return {"source": src, "source_ref": G.nodes[u].get("ref"),
            "target_doc": td.get("doc"), "target_article": td.get("article"),
            "target_label": td.get("label") if td.get("kind") != "document"
            else td.get("title"), "text": text}


def cites(G, provision: str | tuple[str, str]):
    """What a provision (and everything inside it) cites, one row per cited article.

    A whole-document citation has ``target_article`` None.

    Example:
        >>> import regtext
        >>> G = regtext.graph(["genai-2023-final", "pipl", "csl", "dsl", "stpl"])
        >>> sorted(cites(G, "genai-2023-final:21").target_doc)
        ['csl', 'dsl', 'pipl', 'stpl']
    """
    return _cite_rows(G, provision, G.out_edges,
                      lambda row: (row["target_doc"], row["target_article"]))


def cited_by(G, provision: str | tuple[str, str]):
    """The articles that cite a provision (or anything inside it), one row per citing article.

    ``G`` may also be a corpus graph (:class:`regtext.network.store.GraphStore`, from
    ``regtext.graph(corpus=…)``), or a document id with ``provision`` its ref, which asks the
    corpus graph in the default store: ``cited_by("pipl", "13")``.

    Example:
        >>> import regtext
        >>> G = regtext.graph(["pipl"])
        >>> sorted(set(cited_by(G, "pipl:18").source))
        ['pipl:35', 'pipl:45']
    """
    store = _store(G, default=True)
    if store is not None:
        if isinstance(G, str):
            return store.cited_by(G, provision)
        doc, _, ref = _pid(provision).partition(":")
        return store.cited_by(doc, ref or None)
    return _cite_rows(G, provision, G.in_edges, lambda row: row["source"])


def _store(G: Any, default: bool = False):
    """The corpus store ``G`` stands for: ``G`` itself, or (with ``default``) the default
    store when ``G`` is a document id (``cited_by("pipl", "13")``); None for a networkx
    graph."""
    from .store import GraphStore, open_store

    if isinstance(G, GraphStore):
        return G
    if default and isinstance(G, str):
        return open_store()
    return None


def _cite_rows(G, provision, edges, key):  # noqa: ANN001
    """``cites`` edges (``edges`` = out_edges or in_edges) of a provision and everything
    inside it, one row per distinct ``key(row)``."""
    nid = _pid(provision)
    if nid not in G:
        raise KeyError(f"no provision {nid!r} in the graph")
    rows, seen = [], set()
    for n in _subtree(G, nid):
        for u, v, k, d in edges(n, keys=True, data=True):
            if k != "cites":
                continue
            row = _cite_row(G, u, v, d.get("text", ""))
            if key(row) not in seen:
                seen.add(key(row))
                rows.append(row)
    return _frame(rows, _CITE_COLUMNS)


def invoked(G, doc: Any, statute: Any, vias: Iterable[str] = ("citation", "concept",
                                                               "similarity")):
    """The articles of ``statute`` that ``doc`` invokes, with how and from where.

    One row per target article, described by its best link (most trusted source, then
    highest score): ``via`` and ``score`` are that link's own, ``from_ref`` the clause it
    starts from; ``sources`` lists every source that reached the article, ``clauses`` every
    clause of ``doc`` that reaches it and ``n`` their number. ``doc`` and ``statute`` may be
    Documents, graph ids, corpus ids or aliases; either missing from the graph is an error.

    Example:
        >>> import regtext
        >>> G = regtext.graph(["genai-2023-final", "csl"])
        >>> df = invoked(G, "genai-2023-final", "csl")
        >>> set(df.via) <= {"citation", "concept", "similarity"}, "41" in set(df.target_article)
        (True, True)
    """
    from ..network.linking import VIA_ORDER

    doc, statute = document(G, doc), document(G, statute)
    keep = set(vias)
    acc: dict[str, dict[str, Any]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        if k not in ("links_to", "cites") or G.nodes[u].get("doc") != doc:
            continue
        if G.nodes[v].get("doc") != statute:
            continue
        via = d.get("via", "citation")
        if via not in keep:
            continue
        score = float(d.get("score", 1.0))
        art = G.nodes[_article_id(G, v)]
        key = art.get("article") or ""
        ref = G.nodes[u].get("ref")
        row = acc.get(key)
        if row is None:
            row = acc[key] = {"target_doc": statute, "target_article": art.get("article"),
                              "target_label": art.get("label") if art.get("article")
                              else art.get("title"), "via": via, "score": score,
                              "from_ref": ref, "sources": [], "clauses": [], "n": 0}
        elif (VIA_ORDER[via], -score) < (VIA_ORDER[row["via"]], -row["score"]):
            row["via"], row["score"], row["from_ref"] = via, score, ref  # one link's own
        if via not in row["sources"]:
            row["sources"] = sorted(row["sources"] + [via], key=VIA_ORDER.get)
        if ref not in row["clauses"]:
            row["clauses"].append(ref)
            row["n"] += 1
    rows = sorted(acc.values(), key=lambda r: (VIA_ORDER[r["via"]], -r["score"],
                                               r["target_article"] or ""))
    return _frame(rows, ["target_doc", "target_article", "target_label", "via", "score",
                         "clauses", "n", "from_ref", "sources"])


# -- what an obligation rests on ------------------------------------------------------------

_REST_COLUMNS = ["norm", "ref", "actor", "modality", "from_ref", "target_doc", "target_ref",
                 "target_article", "via", "score", "evidence"]


def rests_on(G, norm: str | None = None, doc: Any = None,
             to: str | Iterable[str] | None = None,
             modality: str | Iterable[str] | None = ("obligation", "prohibition"),
             vias: Iterable[str] = ("citation", "concept", "similarity"),
             min_score: float = 0.0):
    """The statute provisions behind obligations: their clause's links and citations, and
    the citations of the paragraph and article above it (a chapeau's citation covers its
    items).

    Give one ``norm`` (a graph id such as ``"norm:genai-2023-final:11.2#1"``) or a ``doc``
    (all its norms of the given ``modality``; a Document, graph id, corpus id or alias). ``to``
    keeps the named statutes only, ``vias`` the named link sources, ``min_score`` links
    scoring at least that much (citations score 1). One row per (clause, target article)
    with its best evidence (most trusted source, then highest score); ``norm``, ``actor`` and
    ``modality`` are those of the clause's first matching norm.

    Example:
        >>> import regtext
        >>> G = regtext.graph(["genai-2023-final", "pipl"])
        >>> df = rests_on(G, doc="genai-2023-final", to="pipl")
        >>> sorted(set(df.query("ref == '11.2'").target_article))[:4]
        ['45', '46', '47', '49']
        >>> rests_on(G, doc="genai-2023-final", vias=["citation"]).via.unique().tolist()
        ['citation']
    """
    from ..network.linking import VIA_ORDER

    store = _store(G)
    if store is not None:  # a corpus graph: what each clause cites
        return store.rests_on(doc, to=to)
    targets = {document(G, t) for t in _as_set(to)} if to is not None else None
    modalities = _as_set(modality)
    keep = set(vias)
    if norm is not None:
        if norm not in G or G.nodes[norm].get("kind") != "obligation":
            raise KeyError(f"no norm {norm!r} in the graph")
        norms = [norm]
    else:
        want = document(G, doc) if doc is not None else None
        norms = [n for n, d in G.nodes(data=True) if d.get("kind") == "obligation"
                 and (want is None or d.get("doc") == want)
                 and (modalities is None or d.get("modality") in modalities)]
    best: dict[tuple[str, str, str], dict[str, Any]] = {}
    order: list[tuple[str, str, str]] = []
    done_clauses: set[str] = set()
    for nid in norms:
        nd = G.nodes[nid]
        clause = f"{nd['doc']}:{nd['ref']}"
        if clause in done_clauses:  # one row per (clause, target): the clause's first norm
            continue
        done_clauses.add(clause)
        chain = [clause]
        node = clause
        while G.nodes.get(node, {}).get("kind") in ("item", "subitem", "paragraph"):
            parents = [u for u, _, k in G.in_edges(node, keys=True) if k == "contains"]
            if not parents:
                break
            node = parents[0]
            chain.append(node)
        for src in chain:
            for _, v, k, d in G.out_edges(src, keys=True, data=True):
                # a clause's own links and citations; from above it, citations only (a
                # paragraph's similarity links speak for all its items at once)
                if k not in ("links_to", "cites") or (src != clause and k != "cites"):
                    continue
                tv = G.nodes[v]
                tdoc = tv.get("doc")
                if tdoc == nd["doc"] or (targets is not None and tdoc not in targets):
                    continue
                via = d.get("via", "citation")
                score = float(d.get("score", 1.0))
                if via not in keep or score < min_score:
                    continue
                key = (nd["ref"], tdoc, tv.get("article") or "")
                cur = best.get(key)
                if cur is None:
                    order.append(key)
                if cur is None or (VIA_ORDER[via], -score) < (VIA_ORDER[cur["via"]],
                                                               -cur["score"]):
                    best[key] = {"norm": nid, "ref": nd["ref"], "actor": nd.get("actor"),
                                 "modality": nd.get("modality"),
                                 "from_ref": G.nodes[src].get("ref"), "target_doc": tdoc,
                                 "target_ref": tv.get("ref"),
                                 "target_article": tv.get("article"), "via": via,
                                 "score": score,
                                 "evidence": d.get("text") or d.get("evidence") or ""}
    by_clause: dict[str, list[dict[str, Any]]] = {}
    for key in order:
        by_clause.setdefault(key[0], []).append(best[key])
    rows = []
    for group in by_clause.values():
        rows.extend(sorted(group, key=lambda r: (VIA_ORDER[r["via"]], -r["score"],
                                                 r["target_doc"], r["target_article"] or "")))
    return _frame(rows, _REST_COLUMNS)


# -- draft → final --------------------------------------------------------------------------

_LINEAGE_COLUMNS = ["status", "old_ref", "new_ref", "actor", "old_modality", "new_modality",
                    "old_trigger", "new_trigger", "old_text", "new_text", "tags", "old_norm",
                    "new_norm"]


def _norms_of(G, clause: str) -> list[str]:
    out = []
    for n in _subtree(G, clause):
        out.extend(v for _, v, k in G.out_edges(n, keys=True) if k == "imposes")
    return out


def _norm_match(G, a: str, bs: list[str]) -> str | None:
    """The norm among ``bs`` that best continues ``a``: the same actor (or an unnamed one on
    either side) and modality first, then the most similar wording."""
    from rapidfuzz import fuzz

    da = G.nodes[a]

    def key(b: str) -> tuple[int, float]:
        db = G.nodes[b]
        same_actor = db.get("actor") == da.get("actor") or not (db.get("actor")
                                                                 and da.get("actor"))
        return (same_actor * 2 + (db.get("modality") == da.get("modality")),
                fuzz.ratio(da.get("text", ""), db.get("text", "")))

    ranked = sorted(bs, key=key, reverse=True)
    if not ranked:
        return None
    top = key(ranked[0])
    return ranked[0] if top[0] >= 2 or top[1] >= 50 else None


def lineage(G, old: str, new: str, ref: str | None = None):
    """The draft → final fate of every obligation: ``added``, ``removed``, ``softened``,
    ``strengthened``, ``changed`` (same force, new words) or ``unchanged``.

    Pairs come from the ``aligned_to`` edges (clause level where there are any, else article
    level); within a pair, norms are matched by actor, modality and wording. A norm is
    softened when its modality moves down :data:`STRENGTH` (应当 → 鼓励) or the aligned
    clause carries the ``softened`` tag. ``tags`` lists the diff's change tags of the aligned
    provisions (``penalty-removed``, ``citation-added:stpl``…). ``ref`` keeps the rows whose
    old or new clause lies under that ref.

    Example:
        >>> import regtext
        >>> G = regtext.graph(["genai-2023-draft", "genai-2023-final"])
        >>> df = lineage(G, "genai-2023-draft", "genai-2023-final")
        >>> {"added", "removed", "unchanged"} <= set(df.status)
        True
    """
    old, new = document(G, old), document(G, new)
    pairs: dict[str, list[tuple[str, list[str]]]] = {}  # old article -> [(new clause, tags)]
    clause_pairs: dict[str, list[tuple[str, list[str]]]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        if k != "aligned_to" or G.nodes[u].get("doc") != old or G.nodes[v].get("doc") != new:
            continue
        tags = [t for t in str(d.get("tags") or "").split(",") if t]
        kind = G.nodes[u].get("kind")
        (pairs if kind == "article" else clause_pairs).setdefault(u, []).append((v, tags))
    rows: list[dict[str, Any]] = []
    matched_new: set[str] = set()
    old_norms = [n for n, d in G.nodes(data=True)
                 if d.get("kind") == "obligation" and d.get("doc") == old]
    for a in old_norms:
        da = G.nodes[a]
        clause = f"{old}:{da['ref']}"
        cands = []
        up = [clause] + [f"{old}:{'.'.join(da['ref'].split('.')[:i])}"
                         for i in range(len(da["ref"].split(".")) - 1, 0, -1)]
        for c in up:  # the nearest aligned ancestor: item, then paragraph, then article
            cands = clause_pairs.get(c) or pairs.get(c) or []
            if cands:
                break
        tags = sorted({t for _, ts in cands for t in ts})
        new_norms = [n for v, _ in cands for n in _norms_of(G, v) if n not in matched_new]
        b = _norm_match(G, a, new_norms)
        if b is None:
            rows.append(_lineage_row("removed", G, a, None, tags))
            continue
        matched_new.add(b)
        db = G.nodes[b]
        diff = STRENGTH.get(db.get("modality"), 2) - STRENGTH.get(da.get("modality"), 2)
        # the diff's tag speaks for a binding norm whose words changed (能够保证 → 采取有效措施)
        binding = STRENGTH.get(da.get("modality"), 0) >= 3 and da.get("text") != db.get("text")
        if diff < 0 or (diff == 0 and binding and "softened" in tags):
            status = "softened"
        elif diff > 0 or (diff == 0 and binding and "strengthened" in tags):
            status = "strengthened"
        elif da.get("text") == db.get("text"):
            status = "unchanged"
        else:
            status = "changed"
        rows.append(_lineage_row(status, G, a, b, tags))
    for n, d in G.nodes(data=True):
        if d.get("kind") == "obligation" and d.get("doc") == new and n not in matched_new:
            rows.append(_lineage_row("added", G, None, n))
    if ref is not None:
        def under(r: str | None) -> bool:
            return bool(r) and (r == ref or r.startswith(ref + "."))
        rows = [r for r in rows if under(r["old_ref"]) or under(r["new_ref"])]
    return _frame(rows, _LINEAGE_COLUMNS)


def _lineage_row(status: str, G, a: str | None, b: str | None,
                 tags: list[str] | None = None) -> dict[str, Any]:
    da = G.nodes[a] if a else {}
    db = G.nodes[b] if b else {}
    return {"status": status, "old_ref": da.get("ref"), "new_ref": db.get("ref"),
            "actor": db.get("actor") or da.get("actor"), "old_modality": da.get("modality"),
            "new_modality": db.get("modality"), "old_trigger": da.get("trigger"),
            "new_trigger": db.get("trigger"), "old_text": da.get("text"),
            "new_text": db.get("text"), "tags": list(tags or []), "old_norm": a, "new_norm": b}


def citation_changes(G, old: str, new: str):
    """Documents and articles cited by one version and not the other.

    ``change`` is ``removed`` (the old text cited it, the new one does not) or ``added``.

    Example:
        >>> import regtext
        >>> G = regtext.graph(["genai-2023-draft", "genai-2023-final", "stpl"])
        >>> citation_changes(G, "genai-2023-draft", "genai-2023-final").query(
        ...     "change == 'added'").target_doc.tolist()
        ['stpl']
    """
    old, new = document(G, old), document(G, new)

    def cited(doc: str) -> dict[tuple[str, str | None], list[str]]:
        out: dict[tuple[str, str | None], list[str]] = {}
        for u, v, k in G.edges(keys=True):
            if k != "cites" or G.nodes[u].get("doc") != doc:
                continue
            tv = G.nodes[_article_id(G, v)]
            if tv.get("doc") in (old, new):
                continue  # internal cross-references are the diff's business
            out.setdefault((tv.get("doc"), tv.get("article")), []).append(G.nodes[u]["ref"])
        return out

    a, b = cited(old), cited(new)
    rows = []
    for change, src, other in (("removed", a, b), ("added", b, a)):
        for (tdoc, art), refs in sorted(src.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
            if (tdoc, art) in other or (art is None and any(d == tdoc for d, _ in other)):
                continue
            rows.append({"change": change, "target_doc": tdoc, "target_article": art,
                         "refs": sorted(set(refs))})
    return _frame(rows, ["change", "target_doc", "target_article", "refs"])


# -- reuse ----------------------------------------------------------------------------------


def reuse(G, a: str, b: str):
    """Near-verbatim reuse between documents ``a`` and ``b`` (``borrows_from`` edges, either
    direction), with both texts.

    Example:
        >>> import regtext
        >>> G = regtext.graph(["genai-2023-final", "deep-synthesis"])
        >>> reuse(G, "deep-synthesis", "genai-2023-final").empty
        False
    """
    a, b = document(G, a), document(G, b)
    rows = []
    for u, v, k, d in G.edges(keys=True, data=True):
        if k != "borrows_from":
            continue
        du, dv = G.nodes[u], G.nodes[v]
        if {du.get("doc"), dv.get("doc")} != {a, b}:
            continue
        rows.append({"source_doc": du.get("doc"), "source_ref": du.get("ref"),
                     "target_doc": dv.get("doc"), "target_ref": dv.get("ref"),
                     "similarity": d.get("similarity"), "source_text": du.get("text"),
                     "target_text": dv.get("text")})
    return _frame(rows, ["source_doc", "source_ref", "target_doc", "target_ref", "similarity",
                         "source_text", "target_text"])
