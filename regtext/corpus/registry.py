"""Outside collections of laws, indexed into SQLite and consulted after the shipped corpus.

:func:`register` indexes a folder: a LawRefBook checkout (category folders such as 行政法 or
司法解释, versions dated in file names like ``反垄断法(2022-06-24).md``) or any folder of .md,
.txt or .html files. The head of each file gives its title, dates, issuer, type and 简称; the
rest is only searched for repeal clauses (:mod:`regtext.corpus.repeals`), so thousands of files
take seconds; a re-run skips files whose size and modification time are unchanged.

A title that a registered text repeals by name (``《中华人民共和国合同法》…同时废止``) and that
no registered text holds is a document without text (:class:`Stub`, listed by
:func:`repealed`): :func:`lookup` finds it with ``has_text=False``, citations resolve to it, and
``regtext.load`` raises :class:`TextNotHeldError` naming the text that repealed it.

The index is a SQLite database (no pickle) in the user's cache directory:
``$REGTEXT_CACHE``, else ``$XDG_CACHE_HOME/regtext``, else ``~/.cache/regtext``.

Once registered, ``regtext.load(name)`` finds these documents after the shipped texts (by id
such as ``lrb:反垄断法@2022-06-24``, or by title, which gives the newest version), and
``regtext.corpus.find(title, as_of)`` resolves a cited title to the version in force on
``as_of``.

Example:
    >>> import os, tempfile, pathlib, regtext
    >>> saved = os.environ.get("REGTEXT_CACHE")
    >>> os.environ["REGTEXT_CACHE"] = tempfile.mkdtemp()
    >>> laws = pathlib.Path(tempfile.mkdtemp()) / "laws"
    >>> laws.mkdir()
    >>> for date in ("2001-01-01", "2010-06-30"):
    ...     _ = (laws / f"示例管理条例({date}).md").write_text(
    ...         f"# 示例管理条例\\n\\n{date[:4]}年1月1日 国务院令第1号公布\\n\\n"
    ...         "<!-- INFO END -->\\n\\n第一条 为了示例，制定本条例。", encoding="utf-8")
    >>> report = register(laws, progress=False)
    >>> report.added, report.unchanged
    (2, 0)
    >>> regtext.corpus.find("《示例管理条例》", as_of="2005-03-01")
    'laws:示例管理条例@2001-01-01'
    >>> regtext.load("示例管理条例").meta["date"]
    '2010-06-30'
    >>> register(laws, progress=False).unchanged
    2
    >>> if saved is None: del os.environ["REGTEXT_CACHE"]
    ... else: os.environ["REGTEXT_CACHE"] = saved
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date as _date
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import rules
from ..text.model import Document
from .metadata import (
    DOC_TYPES,
    HEAD_BYTES,
    core_title,
    decode_head,
    doc_type_of,
    head_metadata,
    short_title,
    without_issuer,
)

__all__ = ["IndexReport", "Match", "RegistryError", "Stub", "TextNotHeldError", "cache_dir",
           "collections", "database", "repealed", "stub", "stub_ids", "stub_of",
           "documents", "lookup", "register", "unregister"]

#: Version of the database layout; a database of another version is rebuilt from scratch.
SCHEMA_VERSION = "2"
#: Version of what is read from each file (regtext.corpus.metadata); when it changes, the next
#: :func:`register` of a folder reads all its files again, changed or not.
EXTRACTOR_VERSION = "6"
#: File name endings indexed in a folder.
SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
# repository paperwork, not laws
_NOT_LAWS = re.compile(r"^(readme|license|licence|changelog|contributing|sources|notice)\b", re.I)

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS collections (
    id INTEGER PRIMARY KEY, root TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
    prefix TEXT NOT NULL UNIQUE, indexed TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, collection INTEGER NOT NULL REFERENCES collections(id),
    relpath TEXT NOT NULL, title TEXT NOT NULL, short_title TEXT NOT NULL, issuer TEXT NOT NULL,
    doc_type TEXT NOT NULL, category TEXT NOT NULL, date TEXT NOT NULL, adopted TEXT NOT NULL,
    effective TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    whole TEXT NOT NULL, part TEXT NOT NULL, first_article INTEGER NOT NULL,
    UNIQUE (collection, relpath));
CREATE TABLE IF NOT EXISTS aliases (
    key TEXT NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(id), rank INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS aliases_key ON aliases (key);
CREATE INDEX IF NOT EXISTS aliases_doc ON aliases (doc_id);
CREATE TABLE IF NOT EXISTS abbreviations (
    key TEXT NOT NULL, title_key TEXT NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(id));
CREATE INDEX IF NOT EXISTS abbreviations_doc ON abbreviations (doc_id);
CREATE TABLE IF NOT EXISTS repeals (
    doc_id TEXT NOT NULL REFERENCES documents(id), title TEXT NOT NULL, article TEXT NOT NULL,
    clause TEXT NOT NULL, effective TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS repeals_doc ON repeals (doc_id);
"""


def cache_dir() -> Path:
    """Where regtext keeps what it builds: ``$REGTEXT_CACHE``, ``$XDG_CACHE_HOME/regtext`` or
    ``~/.cache/regtext``.

    Example:
        >>> import os
        >>> cache_dir() == Path(os.environ["REGTEXT_CACHE"]) if "REGTEXT_CACHE" in os.environ \\
        ...     else cache_dir().name == "regtext"
        True
    """
    env = os.environ
    return _cache_dir(env.get("REGTEXT_CACHE"), env.get("XDG_CACHE_HOME"), env.get("HOME"))


@lru_cache(maxsize=8)
def _cache_dir(own: str | None, xdg: str | None, home: str | None) -> Path:
    # keyed on the variables it reads (Path.home() reads HOME): a citation scan asks for the
    # registry thousands of times, and building the path each time cost a tenth of a ms
    if own:
        return Path(own).expanduser()
    base = xdg or Path.home() / ".cache"
    return Path(base).expanduser() / "regtext"


def database() -> Path:
    """The registry's SQLite file (it may not exist yet).

    Example:
        >>> database().name
        'registry.sqlite3'
    """
    return _database(cache_dir())


@lru_cache(maxsize=8)
def _database(folder: Path) -> Path:
    return folder / "registry.sqlite3"


@contextmanager
def _connect() -> Iterator[sqlite3.Connection]:
    path = database()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path)
    try:
        version = None
        try:
            row = con.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            version = row[0] if row else None
        except sqlite3.OperationalError:
            pass
        except sqlite3.DatabaseError as exc:  # not a SQLite file, or a damaged one
            raise RegistryError(f"the registry {path} is damaged ({exc}); delete it and run "
                                "`regtext corpus add FOLDER` again") from None
        if version not in (None, SCHEMA_VERSION):  # another layout: start afresh
            for table in ("repeals", "abbreviations", "aliases", "documents", "collections",
                          "meta"):
                con.execute(f"DROP TABLE IF EXISTS {table}")
        con.executescript(_DDL)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
        yield con
        con.commit()
    finally:
        con.close()


class RegistryError(RuntimeError):
    """The registry's database cannot be used; the message says which file and what to do."""


@dataclass(frozen=True)
class IndexReport:
    """What :func:`register` did to one collection."""

    root: str
    kind: str          # "lawrefbook" or "folder"
    prefix: str        # the collection's part of each document id (``lrb`` in ``lrb:…``)
    files: int
    added: int
    updated: int
    unchanged: int
    removed: int
    seconds: float
    database: str

    def __str__(self) -> str:
        return (f"{self.root} ({self.kind}, ids {self.prefix}:…): {self.files} files, "
                f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.removed} removed in {self.seconds:.1f} s → {self.database}")


@dataclass(frozen=True)
class Match:
    """A registered document chosen for a title.

    ``in_force`` is ``True`` when the version was the latest one dated on or before ``as_of``,
    ``False`` when ``as_of`` predates every version (the earliest is given), ``None`` when no
    ``as_of`` was asked for or the versions are undated.
    """

    doc_id: str
    title: str
    date: str
    in_force: bool | None
    versions: int
    path: str
    has_text: bool = True
    repealed_on: str = ""
    repealed_by: str = ""
    repealed_by_ref: str = ""


def _is_lawrefbook(root: Path) -> bool:
    """A LawRefBook checkout: at least three of its category folders at the top level."""
    folders = set(rules.column("document-types", "word", match="folder"))
    top = {p.name for p in root.iterdir() if p.is_dir()}
    return len(top & folders) >= 3


def _scan(root: Path, lawrefbook: bool) -> dict[str, tuple[int, int]]:
    """relpath → (size, mtime_ns) for every text file to index under ``root``."""
    out: dict[str, tuple[int, int]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(dirpath)
        if lawrefbook and here == root:
            continue  # the checkout's own README and scripts, not laws
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(SUFFIXES):
                continue
            if _NOT_LAWS.match(name):
                continue
            st = (here / name).stat()
            out[(here / name).relative_to(root).as_posix()] = (st.st_size, st.st_mtime_ns)
    return out


def _slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-") or "folder"


def _id_part(text: str) -> str:
    return re.sub(r"\s+", "", text).replace(":", "：")


class _Progress:
    """A progress bar on stderr that only appears once the run has lasted about a second."""

    def __init__(self, total: int, label: str, enabled: bool) -> None:
        self.total, self.label, self.enabled = total, label, enabled
        self.start = time.perf_counter()
        self.bar: Any = None
        self.task: Any = None

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        if self.bar is None and time.perf_counter() - self.start > 1.0:
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=self.total, completed=done)
        elif self.bar is not None:
            self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def register(path: str | os.PathLike[str], progress: bool = True) -> IndexReport:
    """Index a folder of laws into the registry (incrementally) and return what was done.

    Args:
        path: a LawRefBook checkout or any folder of .md, .txt or .html law files.
        progress: show a progress bar on stderr when indexing takes more than a second.

    Raises:
        NotADirectoryError: when ``path`` is not a folder (naming it).
    """
    t0 = time.perf_counter()
    root = Path(path).expanduser().resolve()
    if not root.is_dir():
        raise NotADirectoryError(f"not a folder: {path} (regtext corpus add takes a folder)")
    lawrefbook = _is_lawrefbook(root)
    files = _scan(root, lawrefbook)
    added = updated = unchanged = removed = 0
    with _connect() as con:
        row = con.execute("SELECT id, prefix FROM collections WHERE root=?",
                          (str(root),)).fetchone()
        if row is None:
            prefix = "lrb" if lawrefbook else _slug(root.name)
            taken = {p for (p,) in con.execute("SELECT prefix FROM collections")}
            base, n = prefix, 1
            while prefix in taken:
                n += 1
                prefix = f"{base}-{n}"
            cur = con.execute("INSERT INTO collections (root, kind, prefix, indexed) "
                              "VALUES (?, ?, ?, '')",
                              (str(root), "lawrefbook" if lawrefbook else "folder", prefix))
            cid = cur.lastrowid
        else:
            cid, prefix = row
        for (whole_id,) in con.execute("SELECT id FROM documents WHERE collection=? AND "
                                       "size < 0", (cid,)).fetchall():
            _delete(con, whole_id)  # a code assembled from its books: rebuilt below
        known = {rel: (size, mtime, doc_id) for doc_id, rel, size, mtime in con.execute(
            "SELECT id, relpath, size, mtime_ns FROM documents WHERE collection=?", (cid,))}
        row = con.execute("SELECT value FROM meta WHERE key=?", (f"extractor:{cid}",)).fetchone()
        if row is None or row[0] != EXTRACTOR_VERSION:  # indexed by an older regtext
            known = {rel: (-1, -1, doc_id) for rel, (_, _, doc_id) in known.items()}
        gone = [known[rel][2] for rel in known if rel not in files]
        for doc_id in gone:
            _delete(con, doc_id)
        removed = len(gone)
        ids = {i for (i,) in con.execute("SELECT id FROM documents")}
        bar = _Progress(len(files), "indexing", progress)
        for i, (rel, (size, mtime)) in enumerate(files.items()):
            old = known.get(rel)
            if old is not None and old[:2] == (size, mtime):
                unchanged += 1
                continue
            with open(root / rel, "rb") as fh:
                raw = fh.read()
            meta = head_metadata(decode_head(raw[:HEAD_BYTES]), rel)
            # the repeal clauses stand at the end (本法自…施行，《…》同时废止): the whole text
            repealed = _repeals_in(raw)
            if old is not None:
                doc_id = old[2]
                _delete(con, doc_id)
                updated += 1
            else:
                doc_id = _new_id(prefix, meta.short_title or Path(rel).stem, meta.date, ids)
                added += 1
            ids.add(doc_id)
            con.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (doc_id, cid, rel, meta.title, meta.short_title, meta.issuer,
                         meta.doc_type, meta.category, meta.date, meta.adopted, meta.effective,
                         size, mtime, meta.whole, meta.part, meta.first_article))
            con.executemany("INSERT INTO aliases VALUES (?,?,?)",
                            [(k, doc_id, r) for k, r in _alias_keys(meta.title).items()])
            con.executemany("INSERT INTO abbreviations VALUES (?,?,?)",
                            [(_key(short), _key(full), doc_id)
                             for short, full in meta.abbreviations])
            con.executemany("INSERT INTO repeals VALUES (?,?,?,?,?)",
                            [(doc_id, r.title, r.article, r.clause, r.effective)
                             for r in repealed])
            if i % 50 == 0:
                bar.update(i)
        bar.close()
        ids -= set(gone)
        _assemble_codes(con, cid, prefix, ids)
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        con.execute("UPDATE collections SET indexed=? WHERE id=?", (stamp, cid))
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                    (f"extractor:{cid}", EXTRACTOR_VERSION))
    _Index.clear()
    return IndexReport(str(root), "lawrefbook" if lawrefbook else "folder", prefix, len(files),
                       added, updated, unchanged, removed, round(time.perf_counter() - t0, 3),
                       str(database()))


def _assemble_codes(con: sqlite3.Connection, cid: int, prefix: str, ids: set[str]) -> None:
    """Register a code kept as one file per book (LawRefBook's 民法典/总则.md, 物权编.md…) also
    as one document under the code's own title, so that 《民法典》 names the whole code and not
    one of its books. Its relpath is the folder with a trailing ``/``; it has no size."""
    groups: dict[tuple[str, str], list[tuple]] = {}
    for row in con.execute("SELECT id, whole, category, issuer, doc_type, date, adopted, "
                           "effective FROM documents WHERE collection=? AND whole != '' "
                           "AND size >= 0", (cid,)):
        groups.setdefault((row[1], row[2]), []).append(row)
    for (whole, category), books in sorted(groups.items()):
        if len(books) < 2:
            continue
        date = max(b[5] for b in books)
        adopted = min((b[6] for b in books if b[6]), default="")
        short = whole.replace("中华人民共和国", "").strip()
        doc_id = _new_id(prefix, short, date, ids)
        ids.add(doc_id)
        con.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (doc_id, cid, f"{category}/", whole, short, books[0][3], books[0][4],
                     category, date, adopted, max(b[7] for b in books), -1, -1, "", "", 0))
        con.executemany("INSERT INTO aliases VALUES (?,?,?)",
                        [(k, doc_id, r) for k, r in _alias_keys(whole).items()])


def unregister(path: str | os.PathLike[str]) -> int:
    """Forget a registered folder; returns how many documents were dropped (0 if unknown).

    Example:
        >>> unregister("/no/such/folder")
        0
    """
    root = str(Path(path).expanduser().resolve())
    if not database().exists():
        return 0
    with _connect() as con:
        row = con.execute("SELECT id FROM collections WHERE root=?", (root,)).fetchone()
        if row is None:
            return 0
        ids = [i for (i,) in con.execute("SELECT id FROM documents WHERE collection=?", row)]
        for doc_id in ids:
            _delete(con, doc_id)
        con.execute("DELETE FROM collections WHERE id=?", row)
        con.execute("DELETE FROM meta WHERE key=?", (f"extractor:{row[0]}",))
    _Index.clear()
    return len(ids)


def _repeals_in(raw: bytes) -> list:
    """The repeal clauses of a file's body (:func:`regtext.corpus.repeals.find_repeals`)."""
    from .repeals import find_repeals

    text = decode_head(raw)
    return find_repeals(text.partition("<!-- INFO END -->")[2] or text)


def _delete(con: sqlite3.Connection, doc_id: str) -> None:
    con.execute("DELETE FROM repeals WHERE doc_id=?", (doc_id,))
    con.execute("DELETE FROM aliases WHERE doc_id=?", (doc_id,))
    con.execute("DELETE FROM abbreviations WHERE doc_id=?", (doc_id,))
    con.execute("DELETE FROM documents WHERE id=?", (doc_id,))


def _new_id(prefix: str, title: str, date: str, taken: set[str]) -> str:
    """``prefix:title@date``, with ``~2``, ``~3``… when two files would share it."""
    base = f"{prefix}:{_id_part(title)}" + (f"@{date}" if date else "")
    doc_id, n = base, 1
    while doc_id in taken:
        n += 1
        doc_id = f"{base}~{n}"
    return doc_id


def _key(name: str) -> str:
    from .catalog import _key as catalog_key

    return catalog_key(name)


def _alias_keys(title: str) -> dict[str, int]:
    """Lookup keys for a title: the title itself (rank 0); the title without a trailing
    （试行） or （2018年修正）, or without the issuers that open it (最高人民法院关于… cited as
    关于…) (rank 1). 中华人民共和国 and 《》 are folded away by the key."""
    keys = {_key(title): 0}
    for variant in (core_title(title), without_issuer(title), without_issuer(core_title(title))):
        keys.setdefault(_key(variant), 1)
    for key in list(keys):
        keys.setdefault(_loose(key), 1)
    return keys


# punctuation a title may carry or drop between a text's heading, its file name and the texts
# that cite it (修理、更换、退货 / 修理更换退货; 偷税、抗税 / 偷税抗税); never 中华人民共和国 or
# a word, so no other act shares the result
_PUNCT = re.compile(r"[、，,·•．.\-－—–_]")


def _loose(key: str) -> str:
    """A lookup key without the punctuation that heading, file name and citation disagree on.

    Example:
        >>> _loose("家用汽车产品修理、更换、退货责任规定")
        '家用汽车产品修理更换退货责任规定'
    """
    return _PUNCT.sub("", key)


class _Index:
    """The registry in memory for lookups, reloaded when the database file changes."""

    _stamp: tuple[str, int, int] | None = None
    _docs: dict[str, tuple[str, str, str, int]] = {}   # id → title, date, path, type rank
    _keys: dict[str, list[tuple[int, str]]] = {}       # key → [(rank, id)]
    _abbrev: dict[str, str] = {}                       # 简称 key → title key
    _stubs: dict[str, Stub] = {}                       # id → a repealed text not held
    _stub_keys: dict[str, str] = {}                    # title key → stub id

    @classmethod
    def clear(cls) -> None:
        cls._stamp = None

    @classmethod
    def get(cls) -> type[_Index] | None:
        path = database()
        try:
            st = path.stat()
        except OSError:
            return None
        stamp = (str(path), st.st_mtime_ns, st.st_size)  # another $REGTEXT_CACHE, or a write
        if stamp != cls._stamp:
            cls._load()
            cls._stamp = stamp
        return cls

    @classmethod
    def _load(cls) -> None:
        con = sqlite3.connect(database())
        try:
            roots = dict(con.execute("SELECT id, root FROM collections"))
            cls._docs = {
                i: (title, date, str(Path(roots[c]) / rel),
                    DOC_TYPES.index(t) if t in DOC_TYPES else len(DOC_TYPES))
                for i, c, rel, title, date, t in con.execute(
                    "SELECT id, collection, relpath, title, date, doc_type FROM documents")}
            keys: dict[str, list[tuple[int, str]]] = {}
            for key, doc_id, rank in con.execute("SELECT key, doc_id, rank FROM aliases"):
                keys.setdefault(key, []).append((rank, doc_id))
            cls._keys = keys
            counts: dict[str, set[str]] = {}
            for key, title_key in con.execute("SELECT key, title_key FROM abbreviations"):
                counts.setdefault(key, set()).add(title_key)
            # a 简称 serves texts that do not define it only when every text that defines it
            # means one title, and when it is more than a type word: 《解释》, 《条例》,
            # 《实施条例》 mean "the one named above" in each text, a different one each time
            cls._abbrev = {k: next(iter(v)) for k, v in counts.items()
                           if len(v) == 1 and not _type_word(k)}
            cls._stubs, cls._stub_keys = _stubs(con, keys)
        except sqlite3.DatabaseError:
            cls._docs, cls._keys, cls._abbrev = {}, {}, {}
            cls._stubs, cls._stub_keys = {}, {}
        finally:
            con.close()


@dataclass(frozen=True)
class Stub:
    """A text a registered text repeals by name and no registered collection holds: a known
    document without text (``has_text`` is always ``False``, ``in_force`` always ``False``).

    ``repealed_on`` is the date the repealing text took effect (its clause's 自…起施行, else
    its own effective or issue date); ``repealed_by`` its id and ``repealed_by_ref`` the
    article of the repeal clause (``""`` for a decision without articles).
    """

    doc_id: str
    title: str
    short_title: str
    doc_type: str
    repealed_on: str
    repealed_by: str
    repealed_by_title: str
    repealed_by_ref: str
    clause: str
    in_force: bool = False
    has_text: bool = False

    def message(self) -> str:
        """What :func:`regtext.load` says when asked for this document's text."""
        from ..text.numerals import int_to_cn

        ref = self.repealed_by_ref
        where = f" 第{int_to_cn(int(ref))}条" if ref.isdigit() else ""
        when = f" on {self.repealed_on}" if self.repealed_on else ""
        return (f"{self.doc_id} 《{self.title}》 is a repealed text whose words no registered "
                f"collection holds: 《{self.repealed_by_title}》{where} ({self.repealed_by}) "
                f"repealed it{when} (\"{self.clause}\"). Register a collection that holds "
                "repealed laws to read it.")


def _stubs(con: sqlite3.Connection,
           held: dict[str, list[tuple[int, str]]]) -> tuple[dict[str, Stub], dict[str, str]]:
    """The repealed texts no registered document holds, from the repeal clauses indexed.

    A title held under any of its lookup keys stays the held text's (a repeal clause naming its
    own text's title repeals the older version of a text the collection holds). Several
    clauses repealing one title (a 1957 条例 repealed in 1986, its 1986 successor in 2005) give
    one document, repealed by the latest."""
    best: dict[str, tuple] = {}
    # a book of a code (民法典/附则.md) repeals on behalf of the whole code
    codes = dict(con.execute("SELECT title, id FROM documents WHERE size < 0"))
    for title, article, clause, eff, by, by_title, by_eff, by_date, whole in con.execute(
            "SELECT r.title, r.article, r.clause, r.effective, d.id, d.title, d.effective, "
            "d.date, d.whole FROM repeals r JOIN documents d ON d.id = r.doc_id ORDER BY d.id"):
        if whole and whole in codes:
            by, by_title = codes[whole], whole
        keys = _alias_keys(title)
        if any(k in held for k in keys) or not _key(title):
            continue
        on = eff or by_eff or by_date
        main = _key(core_title(title))
        if main not in best or on > best[main][3]:
            best[main] = (title, article, clause, on, by, by_title)
    stubs: dict[str, Stub] = {}
    by_key: dict[str, str] = {}
    ids: set[str] = set()
    for _, (title, article, clause, on, by, by_title) in sorted(best.items()):
        short = short_title(title)
        doc_id = _new_id(by.split(":")[0], short, "repealed", ids)
        ids.add(doc_id)
        stubs[doc_id] = Stub(doc_id, title, short, doc_type_of("", "", title), on, by,
                             by_title, article, clause)
        for k in _alias_keys(title):
            by_key.setdefault(k, doc_id)
    return stubs, by_key


def stub(name: str) -> Stub | None:
    """The repealed, unheld text an id or a title names (see :class:`Stub`), else ``None``.

    Example:
        >>> stub("《无此法》") is None
        True
    """
    index = _Index.get()
    if index is None or not name:
        return None
    if name in index._stubs:
        return index._stubs[name]
    key = _key(name)
    for k in (key, _key(core_title(name.strip("《》"))), _loose(key)):
        if k in index._stub_keys:
            return index._stubs[index._stub_keys[k]]
    return None


def stub_of(doc_id: str) -> Stub | None:
    """The repealed law known without text whose id is exactly ``doc_id``, else ``None`` (no
    title matching: for ids taken from citations and graphs).

    Example:
        >>> stub_of("pipl") is None
        True
    """
    index = _Index.get() if ":" in doc_id else None  # shipped ids never name one
    return None if index is None else index._stubs.get(doc_id)


def stub_ids() -> frozenset[str]:
    """The ids of all repealed laws known without text (empty without a registry)."""
    index = _Index.get()
    return frozenset() if index is None else frozenset(index._stubs)


def repealed():
    """The repealed texts known without text, one row each: ``id``, ``title``,
    ``short_title``, ``doc_type``, ``in_force`` (False), ``has_text`` (False),
    ``repealed_on``, ``repealed_by`` (the repealing document's id), ``repealed_by_title``,
    ``repealed_by_ref`` (the article of the repeal clause) and ``clause``.

    Example:
        >>> list(repealed().columns)[:3]
        ['id', 'title', 'short_title']
    """
    import pandas as pd

    cols = ["id", "title", "short_title", "doc_type", "in_force", "has_text", "repealed_on",
            "repealed_by", "repealed_by_title", "repealed_by_ref", "clause"]
    index = _Index.get()
    rows = [] if index is None else [{**asdict(s), "id": s.doc_id} for s in index._stubs.values()]
    return pd.DataFrame(rows, columns=cols)


class TextNotHeldError(KeyError):
    """A known document whose text no registered collection holds (a repealed law); the
    message names it and the text that repealed it."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _type_word(short: str) -> bool:
    """A short name that is only a document type (条例, 解释, 实施条例, 暂行规定): a word of
    citation-document-types.tsv, after 实施, 暂行 or 补充.

    Example:
        >>> _type_word("实施条例"), _type_word("解释"), _type_word("个保法")
        (True, True, False)
    """
    core = re.sub(r"^(?:实施|暂行|补充|若干)+", "", short)
    return core in rules.column("citation-document-types", "word")


def _as_of(value: Any) -> str | None:
    """An ISO date string for comparison; a year or year-month means its last day."""
    if value is None or value == "":
        return None
    if isinstance(value, (_date, datetime)):
        return value.isoformat()[:10]
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return text + "-12-31"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return text + "-31"
    return text[:10]


def lookup(title: str, as_of: Any = None) -> Match | None:
    """The registered document a title names, in the version in force on ``as_of``.

    Several files with one title are versions of one instrument: the latest version dated on
    or before ``as_of`` is chosen; when ``as_of`` predates them all, the earliest, with
    ``in_force=False``; without ``as_of``, the newest. ``None`` when no registered document has
    that title, its title without a trailing （…）, or a 简称 that registered texts define.

    Example:
        >>> lookup("《无此法》") is None
        True
    """
    index = _Index.get()
    if index is None or not title:
        return None
    key = _key(title)
    core = _key(core_title(title.strip("《》")))
    cands = (index._keys.get(key) or index._keys.get(core) or index._keys.get(_loose(key))
             or index._keys.get(_loose(core)))
    if not cands and key in index._abbrev:
        cands = index._keys.get(index._abbrev[key])
    if not cands:
        # a text a registered text repeals by name and nobody holds: known, without text
        s = stub(title)
        if s is None:
            return None
        return Match(s.doc_id, s.title, "", False, 0, "", False, s.repealed_on, s.repealed_by,
                     s.repealed_by_ref)
    best = min(r for r, _ in cands)
    ids = [i for r, i in cands if r == best and i in index._docs]
    docs = index._docs
    if not ids or (best > 0 and len({_key(core_title(docs[i][0])) for i in ids}) > 1):
        return None  # a shortened title that several different instruments share
    day = _as_of(as_of)
    dated = sorted((i for i in ids if docs[i][1]), key=lambda i: (docs[i][1], -docs[i][3], i))
    in_force: bool | None = None
    if dated and day:
        before = [i for i in dated if docs[i][1] <= day]
        chosen, in_force = (before[-1], True) if before else (dated[0], False)
    elif dated:
        chosen = dated[-1]
    else:
        chosen = sorted(ids, key=lambda i: (docs[i][3], i))[0]
    t, d, p, _ = docs[chosen]
    return Match(chosen, t, d, in_force, len(ids), p)


def find_registered(title: str, as_of: Any = None) -> str | None:
    """The finder :func:`regtext.corpus.find` consults: :func:`lookup`'s id, or ``None``."""
    hit = lookup(title, as_of)
    return hit.doc_id if hit else None


def load_registered(name: str) -> Document | None:
    """The loader :func:`regtext.load` tries after the shipped corpus: a registered id, or a
    title (the newest version); ``None`` when the registry does not know the name."""
    index = _Index.get()
    if index is None:
        return None
    doc_id = name if name in index._docs else find_registered(name)
    if doc_id is None:
        return None
    if doc_id in index._stubs:
        raise TextNotHeldError(index._stubs[doc_id].message())
    path = Path(index._docs[doc_id][2])
    try:
        st = path.stat()
    except OSError:
        raise FileNotFoundError(f"{doc_id}: its file {path} is gone; run `regtext corpus add "
                                f"FOLDER` again to refresh the registry") from None
    if path.is_dir():  # a code assembled from its books
        return _parse(doc_id, str(path), -1, max((p.stat().st_mtime_ns for p in path.iterdir()),
                                                 default=0))
    return _parse(doc_id, str(path), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=64)
def _parse(doc_id: str, path: str, size: int, mtime_ns: int) -> Document:
    from ..text.parser import parse, read

    con = sqlite3.connect(database())
    try:
        con.row_factory = sqlite3.Row
        row = con.execute("SELECT d.*, c.root, c.kind, c.prefix FROM documents d JOIN "
                          "collections c ON c.id = d.collection WHERE d.id=?",
                          (doc_id,)).fetchone()
    finally:
        con.close()
    meta = {k: row[k] for k in ("short_title", "issuer", "doc_type", "category", "date",
                                "adopted", "effective")} if row else {}
    meta.update(source="registered", path=path,
                collection=row["root"] if row else "", collection_kind=row["kind"] if row else "")
    if size < 0 and row is not None:
        doc = parse(_code_text(doc_id, row["collection"], row["title"]), id=doc_id,
                    title=row["title"])
    else:
        doc = read(path, id=doc_id, title=row["title"] if row else None)
    return Document(doc.id, doc.title, doc.children, doc.notes, doc.warnings, meta, doc.text)


def _code_text(doc_id: str, collection: int, title: str) -> str:
    """The text of a code registered as one file per book: its books in article order, each
    under a 第N编 heading (附则 and other unnumbered books under their own heading)."""
    from ..text.numerals import int_to_cn

    con = sqlite3.connect(database())
    try:
        root = con.execute("SELECT root FROM collections WHERE id=?", (collection,)).fetchone()[0]
        books = con.execute("SELECT relpath, part FROM documents WHERE collection=? AND "
                            "whole=? AND size >= 0 ORDER BY first_article, relpath",
                            (collection, title)).fetchall()
    finally:
        con.close()
    out, n = [f"# {title}", ""], 0
    for rel, part in books:
        raw = decode_head((Path(root) / rel).read_bytes())  # whole file: no size limit here
        body = raw.partition("<!-- INFO END -->")[2] or raw
        if part.endswith("编") or part == "总则":
            n += 1
            out.append(f"第{int_to_cn(n)}编 {part}")
        else:
            out.append(f"## {part}")
        out.append(body)
    return "\n".join(out)


def collections():
    """The registered collections as a DataFrame: root, kind, id prefix, documents, indexed.

    Example:
        >>> list(collections().columns)
        ['root', 'kind', 'prefix', 'documents', 'indexed']
    """
    import pandas as pd

    cols = ["root", "kind", "prefix", "documents", "indexed"]
    if not database().exists():
        return pd.DataFrame(columns=cols)
    with _connect() as con:
        rows = con.execute("SELECT c.root, c.kind, c.prefix, COUNT(d.id), c.indexed FROM "
                           "collections c LEFT JOIN documents d ON d.collection = c.id "
                           "GROUP BY c.id ORDER BY c.root").fetchall()
    return pd.DataFrame(rows, columns=cols)


def documents(collection: str | os.PathLike[str] | None = None, assembled: bool = False):
    """The registered documents as a DataFrame (one row per file), optionally of one folder.

    With ``assembled=True``, codes registered as one document from their books (the Civil
    Code from LawRefBook's 民法典/ folder) are listed too; their ``path`` is the folder.

    Example:
        >>> "doc_type" in documents().columns
        True
    """
    import pandas as pd

    cols = ["id", "title", "short_title", "issuer", "doc_type", "date", "adopted", "effective",
            "category", "path", "collection"]
    if not database().exists():
        return pd.DataFrame(columns=cols)
    sql = ("SELECT d.id, d.title, d.short_title, d.issuer, d.doc_type, d.date, d.adopted, "
           "d.effective, d.category, d.relpath, c.root FROM documents d JOIN collections c "
           "ON c.id = d.collection")
    args: tuple[str, ...] = ()
    sql += " WHERE 1" if assembled else " WHERE d.size >= 0"
    if collection is not None:
        sql += " AND c.root = ?"
        args = (str(Path(collection).expanduser().resolve()),)
    with _connect() as con:
        rows = con.execute(sql + " ORDER BY c.root, d.relpath", args).fetchall()
    df = pd.DataFrame(rows, columns=cols)
    df["path"] = [str(Path(c) / p) for c, p in zip(df["collection"], df["path"])]
    return df
