"""The whole-corpus graph: thousands of texts in a SQLite store, queried with SQL, loaded into
networkx on demand.

``regtext.graph(corpus=FOLDER)`` (or a list of paths) parses every text once, extracts its
citations and norms, and writes nodes, edges, norms and citations to tables of one SQLite file
(by default ``~/.cache/regtext/graph.sqlite``; ``store=`` chooses another). A file whose size
and modification time are unchanged is skipped, so the next run opens the store in seconds.
Queries run as SQL over indexed columns; :meth:`GraphStore.subgraph` loads the documents you
name into a :class:`networkx.MultiDiGraph` for everything else.

Why SQLite: one file, in the standard library, safe to read while it is written, indexed
look-ups in milliseconds, and no pickle (issue 15: nothing regtext stores and loads again may
use pickle). A graph database or DuckDB would add a dependency for queries that are single
joins; networkx in memory stays the right tool for the 21 shipped texts.

Example:
    >>> import regtext, tempfile, os
    >>> from regtext.corpus.catalog import _files
    >>> folder = str(_files())
    >>> S = regtext.graph(corpus=[os.path.join(folder, "pipl-2021-08-20.md")],
    ...                   store=os.path.join(tempfile.mkdtemp(), "g.sqlite"), progress=False)
    >>> S.counts()["documents"]
    1
    >>> sorted(set(S.cited_by("pipl-2021-08-20", "18").source_article))
    ['35', '45']
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path
from typing import Any

#: Text files the corpus graph reads from a folder.
SUFFIXES = (".md", ".txt", ".html", ".htm")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, doc TEXT NOT NULL, size INTEGER, mtime REAL, error TEXT);
CREATE TABLE IF NOT EXISTS documents (
    doc TEXT PRIMARY KEY, title TEXT, path TEXT, articles INTEGER);
CREATE TABLE IF NOT EXISTS nodes (
    doc TEXT NOT NULL, ref TEXT NOT NULL, kind TEXT, label TEXT, article TEXT, parent TEXT,
    text TEXT, PRIMARY KEY (doc, ref));
CREATE TABLE IF NOT EXISTS citations (
    doc TEXT NOT NULL, source_ref TEXT, source_article TEXT, kind TEXT, target_doc TEXT,
    target_title TEXT, target_ref TEXT, target_article TEXT, text TEXT);
CREATE TABLE IF NOT EXISTS norms (
    doc TEXT NOT NULL, ref TEXT, n INTEGER, actor TEXT, modality TEXT, trigger TEXT,
    text TEXT, condition TEXT, exception TEXT);
CREATE TABLE IF NOT EXISTS links (
    doc TEXT NOT NULL, ref TEXT NOT NULL, target_doc TEXT NOT NULL, target_ref TEXT,
    target_article TEXT, via TEXT, score REAL, rank INTEGER, evidence TEXT);
CREATE INDEX IF NOT EXISTS link_source ON links (doc, ref);
CREATE INDEX IF NOT EXISTS link_target ON links (target_doc, target_article);
CREATE INDEX IF NOT EXISTS cit_target ON citations (target_doc, target_article);
CREATE INDEX IF NOT EXISTS cit_source ON citations (doc, source_ref);
CREATE INDEX IF NOT EXISTS norm_actor ON norms (actor, modality);
CREATE INDEX IF NOT EXISTS norm_doc ON norms (doc, ref);
CREATE INDEX IF NOT EXISTS file_doc ON files (doc);
"""


def default_path() -> Path:
    """Where the corpus graph lives unless ``store=`` says otherwise.

    Example:
        >>> default_path().name
        'graph.sqlite'
    """
    base = os.environ.get("REGTEXT_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache"), "regtext")
    return Path(base) / "graph.sqlite"


def corpus_files(corpus: str | os.PathLike | Iterable[str | os.PathLike]) -> list[tuple[Path,
                                                                                       str]]:
    """(path, document id) of every text of ``corpus``: a folder (searched recursively) or a
    list of files. A file's id is its path below the folder without the suffix
    (``反垄断法/反垄断法(2022-06-24)``); a listed file's id is its stem.

    Raises:
        FileNotFoundError: naming a folder or file that does not exist.

    Example:
        >>> from regtext.corpus.catalog import _files
        >>> ("pipl-2021-08-20" in {d for _, d in corpus_files(str(_files()))})
        True
    """
    if isinstance(corpus, str) and corpus == "registered":
        return registered_files()
    if isinstance(corpus, (str, os.PathLike)):
        root = Path(corpus)
        if not root.exists():
            raise FileNotFoundError(f"corpus folder {root} does not exist")
        if root.is_file():
            return [(root, root.stem)]
        files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                       and not p.name.startswith("."))
        return [(p, str(p.relative_to(root).with_suffix(""))) for p in files]
    out, seen = [], set()
    for item in corpus:
        p = Path(item)
        if not p.is_file():
            raise FileNotFoundError(f"corpus file {p} does not exist")
        doc_id = p.stem
        while doc_id in seen:  # two files with one name: keep both
            doc_id += "+"
        seen.add(doc_id)
        out.append((p, doc_id))
    return out


def registered_files() -> list[tuple[Path, str]]:
    """(path, registry id) of every file of the collections registered with
    :func:`regtext.corpus.register`, so that the store's ids are the ids citations resolve to
    (``lrb:数据安全法@2021-06-10``). A code assembled from its books (民法典) is not a file:
    its books are.

    Raises:
        ValueError: when nothing is registered (saying how to register a folder).

    Example:
        >>> import os, tempfile
        >>> saved = os.environ.get("REGTEXT_CACHE")
        >>> os.environ["REGTEXT_CACHE"] = tempfile.mkdtemp()
        >>> try:
        ...     registered_files()
        ... except ValueError as exc:
        ...     print(str(exc).split(";")[0])
        no collection is registered
        >>> if saved is None: del os.environ["REGTEXT_CACHE"]
        ... else: os.environ["REGTEXT_CACHE"] = saved
    """
    from ..corpus.registry import documents

    df = documents()
    if df.empty:
        raise ValueError("no collection is registered; run `regtext corpus add FOLDER` (or "
                         "regtext.corpus.register(FOLDER)) first, or pass corpus=FOLDER")
    return [(Path(p), i) for p, i in zip(df["path"], df["id"])]


def _article(ref: str | None) -> str | None:
    return ref.split(".")[0] if ref else None


def analyse_file(path: str, doc_id: str) -> dict[str, Any]:
    """Rows for one file: its document, nodes, citations and norms (run in a worker).

    A failure is returned as ``{"error": …}`` for the caller to report (through
    :func:`regtext._guard.guard`), so one odd file never stops the corpus.
    """
    import warnings

    from ..extract.citing import citations
    from ..extract.norms import document_norms
    from ..text.parser import read

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = _registered(doc_id) or read(path, id=doc_id)
            nodes = []

            def visit(node, parent: str) -> None:  # noqa: ANN001
                nodes.append((doc_id, node.ref, node.kind, node.label or node.heading or
                              node.ref, node.article or None, parent, node.text))
                for child in node.children:
                    visit(child, node.ref)

            for top in doc.children:
                visit(top, "")
            df = citations(doc)
            cites = [(doc_id, s, _article(s), k, d, t, r if isinstance(r, str) else None,
                      _article(r if isinstance(r, str) else None), x)
                     for s, k, d, t, r, x in zip(df["source_ref"], df["kind"], df["target_doc"],
                                                 df["target_title"], df["target_ref"], df["text"])]
            count: dict[str, int] = {}
            norms = []
            for n in document_norms(doc):
                count[n.ref] = count.get(n.ref, 0) + 1
                norms.append((doc_id, n.ref, count[n.ref], n.actor, n.modality, n.trigger,
                              n.text, n.condition or None, n.exception or None))
            links = statute_links(doc, cites, norms)
        return {"doc": (doc_id, doc.title, str(path), len(doc.articles)), "nodes": nodes,
                "citations": cites, "norms": norms, "links": links}
    except Exception as exc:  # noqa: BLE001 - reported by the caller through guard()
        return {"error": f"{type(exc).__name__}: {exc}"}


def _registered(doc_id: str):  # noqa: ANN202 - a Document or None
    """A registered document by its id, with the registry's metadata (its version date, which
    dates its citations); ``None`` for a plain file id."""
    if ":" not in doc_id:
        return None
    from ..corpus.registry import load_registered

    return load_registered(doc_id)


def _repealed(doc_id: str):  # noqa: ANN202 - a registry Stub or None
    """The repealed law known without text that ``doc_id`` names exactly, else None."""
    from ..corpus.registry import stub_of

    return stub_of(doc_id)


def _repealed_node(G: Any, doc_id: str) -> None:
    """Add a repealed law's node (the attributes :func:`regtext.graph` gives it) and its
    ``repealed_by`` edge, when the repealing text or its article is in ``G``."""
    from .builder import add_repealed

    s = _repealed(doc_id)
    if s is not None:
        add_repealed(G, s, bare_repealer=False)


def statute_links(doc: Any, cites: list[tuple], norms: list[tuple]) -> list[tuple]:
    """``links_to`` rows for the store: the statute provisions each obligation rests on.

    Only clauses that impose a norm are linked, and only by the two cheap, trusted sources of
    :func:`regtext.links`: **citation** (what the clause, its chapeau or its article cites, once
    resolved: 1.0) and **concept** (a term of the concept lexicon the clause uses, at the
    lexicon's weight; a definition counts at a discount unless the term names the clause's
    actor, and a purpose or commencement clause takes no concept). BM25 similarity over every
    clause of every text is left out: it would cost hours on a whole corpus (see docs/graph.md).
    A concept target published after the text is left out, as :func:`regtext.links` does.
    Rows: (doc, ref, target_doc, target_ref, target_article, via, score, rank, evidence).

    Example:
        >>> import regtext
        >>> d = regtext.parse("某办法\\n第一条 个人信息处理者应当依照《中华人民共和国网络安全法》"
        ...                   "第二十一条履行安全保护义务。", id="x")
        >>> cites = [(r.source_ref, r.target_doc, r.target_ref, r.text) for r in
        ...          regtext.citations(d).itertuples() if r.kind == "external"]
        >>> rows = statute_links(d, [("x", s, None, "external", t, None, r, None, x)
        ...                          for s, t, r, x in cites], [("x", "1.1")])
        >>> sorted({(r[2], r[4], r[5]) for r in rows})[:2]
        [('csl', '21', 'citation'), ('pipl', '73', 'concept')]
    """
    from . import ranking
    from .analysis import doc_date
    from .linking import find_concepts, is_later, lexicon

    doc_id = doc.id
    date = doc_date(doc) or None
    obliged = {n[1] for n in norms}
    by_ref: dict[str, list[tuple[str, str | None, str]]] = {}
    for c in cites:  # (doc, source_ref, article, kind, target_doc, title, ref, article, text)
        if c[3] == "external" and c[4] and c[1]:
            by_ref.setdefault(c[1], []).append((c[4], c[6], c[8]))
    actors = {}
    for n in norms:
        if len(n) > 3 and n[3]:
            actors.setdefault(n[1], set()).add(n[3])
    by_term: dict[str, list[Any]] = {}
    for c in lexicon():
        by_term.setdefault(c.term, []).append(c)
    out: list[tuple] = []
    for ref in sorted(obliged, key=_ref_order):
        try:
            node = doc.get(ref)
        except (KeyError, ValueError):
            continue
        found: dict[tuple[str, str], tuple[int, float, str | None, str, str]] = {}
        parts = ref.split(".")
        for k in range(len(parts), 0, -1):  # the clause, its chapeau, its article
            for tdoc, tref, text in by_ref.get(".".join(parts[:k]), ()):
                if tdoc != doc_id:
                    _keep(found, tdoc, tref, 0, 1.0, text)
        if ranking.clause_kind(node.text) not in ranking.CITES_ONLY:
            own = actors.get(ref, set())
            for term, _, _ in find_concepts(node.text):
                for i, c in enumerate(by_term.get(term, ())):
                    if is_later(c.target_doc, date):
                        continue
                    weight = c.weight
                    if c.relation == "defines" and not any(term in a for a in own):
                        weight *= ranking.DEFINITION_DISCOUNT
                    _keep(found, c.target_doc, c.target_ref, 1, round(weight - 0.1 * i, 4),
                          term)
        per_doc: dict[str, int] = {}
        for (tdoc, art), (_, score, tref, name, evidence) in sorted(
                found.items(), key=lambda kv: (kv[1][0], -kv[1][1], kv[0])):
            per_doc[tdoc] = per_doc.get(tdoc, 0) + 1
            out.append((doc_id, ref, tdoc, tref, art or None, name, score, per_doc[tdoc],
                        evidence))
    return out


def _keep(found: dict, tdoc: str, tref: str | None, via: int, score: float,
          evidence: str) -> None:
    """One link per (statute, article): the most trusted source, then the best score."""
    key = (tdoc, (tref or "").split(".")[0])
    cur = found.get(key)
    if cur is None or (via, -score) < (cur[0], -cur[1]):
        found[key] = (via, score, tref, ("citation", "concept")[via], evidence)


def _ref_order(ref: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in ref.split(".")), ref


def _analyse_star(args: tuple[str, str]) -> dict[str, Any]:
    return analyse_file(*args)


class GraphStore:
    """A corpus graph kept in SQLite. Open one with :func:`open_store` or
    ``regtext.graph(corpus=…)``.

    Example:
        >>> import tempfile, os
        >>> S = GraphStore(os.path.join(tempfile.mkdtemp(), "g.sqlite"))
        >>> S.counts()["documents"]
        0
    """

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path))
        self.db.executescript(_SCHEMA)

    def __repr__(self) -> str:
        c = self.counts()
        return f"<GraphStore {self.path}: {c['documents']} documents, {c['nodes']} nodes>"

    # -- building --------------------------------------------------------------------------

    def update(self, corpus: Any, workers: int | None = None, progress: bool = True,
               executor: Executor | None = None) -> dict[str, int]:
        """Add or refresh the texts of ``corpus`` (a folder or a list of files); unchanged
        files (same size and modification time) are skipped. Returns counts of ``added``,
        ``skipped`` and ``failed`` files. ``workers`` processes (default: the CPU count)
        analyse the files; ``executor`` may be any :class:`concurrent.futures.Executor`.
        """
        from .._guard import guard

        todo, skipped = [], 0
        known = {p: (s, m) for p, s, m in self.db.execute("SELECT path, size, mtime FROM files")}
        for path, doc_id in corpus_files(corpus):
            st = path.stat()
            if known.get(str(path)) == (st.st_size, st.st_mtime):
                skipped += 1
                continue
            todo.append((str(path), doc_id, st.st_size, st.st_mtime))
        added = failed = 0
        if todo:
            jobs = [(p, d) for p, d, _, _ in todo]
            own = None
            if executor is None and (workers or os.cpu_count() or 1) > 1 and len(jobs) > 4:
                own = executor = ProcessPoolExecutor(workers or os.cpu_count())
            results: Iterator[dict[str, Any]] = (
                executor.map(_analyse_star, jobs, chunksize=8) if executor is not None
                else map(_analyse_star, jobs))
            start = time.perf_counter()
            try:
                for i, ((path, doc_id, size, mtime), rows) in enumerate(zip(todo, results), 1):
                    self._forget(doc_id)
                    error = rows.get("error")
                    if error:
                        failed += 1
                        with guard("corpus graph", f"{path}"):
                            raise RuntimeError(error)
                    else:
                        self._write(rows)
                        added += 1
                    self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
                                    (path, doc_id, size, mtime, error))
                    if i % 200 == 0:
                        self.db.commit()
                    if progress and (i % 50 == 0 or i == len(todo)):
                        rate = i / max(time.perf_counter() - start, 1e-9)
                        print(f"\rgraph: {i}/{len(todo)} files ({rate:.1f}/s)", end="",
                              file=sys.stderr, flush=True)
            finally:
                if own is not None:
                    own.shutdown()
                self.db.commit()
            if progress:
                print(file=sys.stderr)
        return {"added": added, "skipped": skipped, "failed": failed}

    def _forget(self, doc_id: str) -> None:
        for table in ("documents", "nodes", "citations", "norms", "links"):
            self.db.execute(f"DELETE FROM {table} WHERE doc = ?", (doc_id,))  # noqa: S608

    def _write(self, rows: dict[str, Any]) -> None:
        self.db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)", rows["doc"])
        self.db.executemany("INSERT OR REPLACE INTO nodes VALUES (?, ?, ?, ?, ?, ?, ?)",
                            rows["nodes"])
        self.db.executemany("INSERT INTO citations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            rows["citations"])
        self.db.executemany("INSERT INTO norms VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            rows["norms"])
        self.db.executemany("INSERT INTO links VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            rows.get("links", ()))

    # -- queries ---------------------------------------------------------------------------

    def _frame(self, sql: str, params: Iterable[Any] = ()):
        import pandas as pd

        cur = self.db.execute(sql, tuple(params))
        return pd.DataFrame(cur.fetchall(), columns=[c[0] for c in cur.description])

    def counts(self) -> dict[str, int]:
        """Rows per table (``documents``, ``nodes``, ``citations``, ``norms``, ``links``)."""
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: S608
                for t in ("documents", "nodes", "citations", "norms", "links")}

    def has_document(self, doc: str) -> bool:
        """True when ``doc`` is a document of the store."""
        return self.db.execute("SELECT 1 FROM documents WHERE doc = ?", (doc,)).fetchone() \
            is not None

    def cited_by(self, doc: str, ref: str | None = None):
        """Every clause of the corpus that cites ``doc`` (a store id or a shipped corpus id or
        alias), or its provision ``ref`` (an article or anything inside it).

        Columns: ``source_doc``, ``source_title``, ``source_ref``, ``source_article``,
        ``target_doc``, ``target_ref``, ``text``.
        """
        target = self._target_id(doc)
        sql = ("SELECT c.doc AS source_doc, d.title AS source_title, c.source_ref, "
               "c.source_article, c.target_doc, c.target_ref, c.text FROM citations c "
               "LEFT JOIN documents d ON d.doc = c.doc WHERE c.target_doc = ?")
        params: list[Any] = [target]
        if ref:
            art = str(ref).split(".")[0]
            sql += " AND c.target_article = ?"
            params.append(art)
            if "." in str(ref):
                sql += " AND (c.target_ref = ? OR c.target_ref LIKE ?)"
                params += [str(ref), f"{ref}.%"]
        return self._frame(sql + " ORDER BY c.doc, c.rowid", params)

    def _target_id(self, doc: str) -> str:
        if self.has_document(doc) or self.db.execute(
                "SELECT 1 FROM citations WHERE target_doc = ? LIMIT 1", (doc,)).fetchone():
            return doc  # a store id, or a corpus id the store's citations use: no catalog
        from ..corpus.catalog import resolve_id

        rid = resolve_id(doc)
        if rid is not None:
            return rid
        raise KeyError(f"document {doc!r} is neither in the corpus graph {self.path} nor a "
                       "shipped corpus id or alias")

    def obligations_by(self, actor: str | Iterable[str] | None = None,
                       modality: str | Iterable[str] | None = None,
                       doc: str | Iterable[str] | None = None):
        """Norms across the corpus by actor, modality and document (each a value or a list)."""
        where, params = [], []
        for col, value in (("n.actor", actor), ("n.modality", modality), ("n.doc", doc)):
            if value is None:
                continue
            values = [value] if isinstance(value, str) else list(value)
            if col == "n.doc":
                for v in values:
                    if not self.has_document(v):
                        raise KeyError(f"document {v!r} is not in the corpus graph {self.path}")
            where.append(f"{col} IN ({','.join('?' * len(values))})")
            params += values
        sql = ("SELECT n.doc, n.ref, n.actor, n.modality, n.trigger, n.text FROM norms n"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY n.doc, n.rowid")
        return self._frame(sql, params)

    def rests_on(self, doc: str, to: str | Iterable[str] | None = None):
        """What the clauses of ``doc`` cite outside it (optionally only the statutes ``to``),
        one row per (clause, target provision), with the clause's norms' actors."""
        if not self.has_document(doc):
            raise KeyError(f"document {doc!r} is not in the corpus graph {self.path}")
        sql = ("SELECT c.source_ref AS ref, c.target_doc, c.target_ref, c.target_article, "
               "MIN(c.text) AS text, (SELECT GROUP_CONCAT(DISTINCT n.actor) FROM norms n "
               "WHERE n.doc = c.doc AND n.ref = c.source_ref) AS actors FROM citations c "
               "WHERE c.doc = ? AND c.kind = 'external' AND c.target_doc IS NOT NULL")
        params: list[Any] = [doc]
        if to is not None:
            targets = [self._target_id(t) for t in ([to] if isinstance(to, str) else to)]
            sql += f" AND c.target_doc IN ({','.join('?' * len(targets))})"
            params += targets
        sql += " GROUP BY c.source_ref, c.target_doc, c.target_ref ORDER BY MIN(c.rowid)"
        return self._frame(sql, params)

    def links(self, doc: str | None = None, to: str | Iterable[str] | None = None):
        """The ``links_to`` rows: which statute provisions the obligations of ``doc`` (or of
        every document) rest on, optionally only into the statutes ``to``.

        Columns: ``doc``, ``ref``, ``target_doc``, ``target_ref``, ``target_article``, ``via``
        (``citation`` or ``concept``), ``score``, ``rank``, ``evidence``.
        """
        where, params = [], []
        if doc is not None:
            if not self.has_document(doc):
                raise KeyError(f"document {doc!r} is not in the corpus graph {self.path}")
            where.append("doc = ?")
            params.append(doc)
        if to is not None:
            targets = [self._target_id(t) for t in ([to] if isinstance(to, str) else to)]
            where.append(f"target_doc IN ({','.join('?' * len(targets))})")
            params += targets
        sql = ("SELECT doc, ref, target_doc, target_ref, target_article, via, score, rank, "
               "evidence FROM links" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY rowid")
        return self._frame(sql, params)

    def subgraph(self, docs: Iterable[str]):
        """The named documents as a networkx graph: trees, ``cites`` edges and norms, with the
        node ids and attributes of :func:`regtext.graph`.

        Example:
            >>> import tempfile, os
            >>> S = GraphStore(os.path.join(tempfile.mkdtemp(), "g.sqlite"))
            >>> S.subgraph([])
            Traceback (most recent call last):
            ...
            ValueError: subgraph() needs at least one document of the store
        """
        import networkx as nx

        docs = list(docs)
        if not docs:
            raise ValueError("subgraph() needs at least one document of the store")
        G = nx.MultiDiGraph(name="regtext", documents=",".join(docs))
        stubs = [d for d in docs if not self.has_document(d) and _repealed(d) is not None]
        docs = [d for d in docs if d not in stubs]
        for doc in docs:
            row = self.db.execute("SELECT title FROM documents WHERE doc = ?", (doc,)).fetchone()
            if row is None:
                raise KeyError(f"document {doc!r} is not in the corpus graph {self.path}")
            G.add_node(doc, kind="document", label=row[0], title=row[0], doc=doc)
            for ref, kind, label, article, parent, text in self.db.execute(
                    "SELECT ref, kind, label, article, parent, text FROM nodes WHERE doc = ? "
                    "ORDER BY rowid", (doc,)):
                nid = f"{doc}:{ref}"
                attrs = {"kind": kind, "label": label, "doc": doc, "ref": ref, "text": text}
                if article:
                    attrs["article"] = article
                G.add_node(nid, **attrs)
                G.add_edge(f"{doc}:{parent}" if parent else doc, nid, key="contains",
                           kind="contains")
        for doc in stubs:  # a repealed law known without text: one node, no tree
            _repealed_node(G, doc)
        for doc in docs:
            for ref, n, actor, modality, trigger, text in self.db.execute(
                    "SELECT ref, n, actor, modality, trigger, text FROM norms WHERE doc = ? "
                    "ORDER BY rowid", (doc,)):
                clause = f"{doc}:{ref}"
                nid = f"norm:{clause}#{n}"
                G.add_node(nid, **{k: v for k, v in dict(
                    kind="obligation", label=f"{actor or '?'} {trigger}", doc=doc, ref=ref,
                    actor=actor, modality=modality, trigger=trigger, text=text).items()
                    if v is not None})
                if clause in G:
                    G.add_edge(clause, nid, key="imposes", kind="imposes", modality=modality)
            for src, tdoc, tref, kind, text in self.db.execute(
                    "SELECT source_ref, target_doc, target_ref, kind, text FROM citations "
                    "WHERE doc = ? ORDER BY rowid", (doc,)):
                u = f"{doc}:{src}"
                tdoc = tdoc or doc
                v = f"{tdoc}:{tref}" if tref else tdoc
                if v not in G and tref:
                    v = f"{tdoc}:{tref.split('.')[0]}"
                if v not in G and G.nodes.get(tdoc, {}).get("has_text") is False:
                    v = tdoc  # a repealed law known without text: its one node
                if u in G and v in G and u != v and not G.has_edge(u, v, key="cites"):
                    G.add_edge(u, v, key="cites", kind="cites", text=text, citation_kind=kind)
            for ref, tdoc, tref, via, score, rank, evidence in self.db.execute(
                    "SELECT ref, target_doc, target_ref, via, score, rank, evidence FROM links "
                    "WHERE doc = ? ORDER BY rowid", (doc,)):
                u = f"{doc}:{ref}"
                v = f"{tdoc}:{tref}" if tref else tdoc
                if v not in G and tref:
                    v = f"{tdoc}:{tref.split('.')[0]}"
                if u in G and v in G and u != v:  # statutes outside the subgraph: see links()
                    G.add_edge(u, v, key="links_to", kind="links_to", via=via, score=score,
                               rank=rank, evidence=evidence)
        return G

    def to_json(self) -> str:
        """The store's counts as JSON (for logs and benchmarks)."""
        return json.dumps({"path": str(self.path), **self.counts()})

    def close(self) -> None:
        """Close the database."""
        self.db.close()


def open_store(path: str | os.PathLike | None = None) -> GraphStore:
    """The corpus graph at ``path`` (default :func:`default_path`).

    Raises:
        FileNotFoundError: when there is no store there yet (build one with
            ``regtext.graph(corpus=FOLDER)``).

    Example:
        >>> try:
        ...     open_store("/nonexistent/g.sqlite")
        ... except FileNotFoundError as exc:
        ...     print("regtext.graph(corpus=" in str(exc))
        True
    """
    p = Path(path) if path is not None else default_path()
    if not p.is_file():
        raise FileNotFoundError(f"no corpus graph at {p}: build one with "
                                "regtext.graph(corpus=FOLDER)")
    return GraphStore(p)


def build(corpus: Any, store: str | os.PathLike | None = None, workers: int | None = None,
          progress: bool = True, executor: Executor | None = None) -> GraphStore:
    """Build or refresh the corpus graph of ``corpus`` in ``store``; see :meth:`GraphStore.update`.
    """
    if isinstance(corpus, str) and corpus == "registered":
        registered_files()  # nothing registered: say so before a store is created
    S = GraphStore(store)
    S.update(corpus, workers=workers, progress=progress, executor=executor)
    return S
