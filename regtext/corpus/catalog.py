"""The shipped corpus: catalog, aliases, loading with provenance warnings.

Example:
    >>> import regtext
    >>> regtext.resolve_id("个保法"), regtext.resolve_id("PIPL"), regtext.resolve_id("网络安全法")
    ('pipl', 'pipl', 'csl')
    >>> regtext.corpus().set_index("id").loc["genai-2023-draft", "verification"]
    'partial'
"""

from __future__ import annotations

import difflib
import json
import re
import warnings
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..text.model import Document
from ..text.normalize import fold
from ..text.parser import parse
from .schema import CatalogRecord, check_catalog


class CorpusWarning(UserWarning):
    """A shipped text is only partly verified, or comes from a single unconfirmed source.

    Example:
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     _ = load("genai-2023-draft")
        >>> caught[0].category.__name__, "第二十一条" in str(caught[0].message)
        ('CorpusWarning', True)
    """


class UnknownDocumentError(KeyError):
    """A corpus id or alias that the catalog does not know; the message lists close matches.

    Example:
        >>> try:
        ...     load("pipx")
        ... except UnknownDocumentError as exc:
        ...     print(str(exc).split("?")[0])
        unknown corpus document 'pipx'; did you mean 'pipl'
    """

    def __str__(self) -> str:  # KeyError quotes its message; keep it readable
        return str(self.args[0]) if self.args else ""


def _files():
    """Where the texts are: the installed ``regtext._corpus`` package data, else ``corpus/`` of a
    source checkout (a checkout's ``regtext/`` shadows the installed package when Python starts in
    the repository root, and the checkout has no ``regtext/_corpus``)."""
    try:
        return resources.files("regtext._corpus")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "corpus"


@lru_cache(maxsize=1)
def catalog() -> list[dict[str, Any]]:
    """The catalog records (one dict per shipped text), as stored in ``corpus/catalog.json``.

    Every record is checked against :class:`~regtext.corpus.schema.CatalogRecord` first, so a
    broken catalog fails here with a :class:`~regtext.corpus.schema.CatalogError` naming the
    record and the field.

    Example:
        >>> [r["id"] for r in catalog()][:2]
        ['genai-2023-final', 'genai-2023-draft']
    """
    records()  # validate before anyone reads a record
    return _raw_catalog()


def _raw_catalog() -> list[dict[str, Any]]:
    return json.loads((_files() / "catalog.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def records() -> tuple[CatalogRecord, ...]:
    """The catalog as checked, frozen :class:`~regtext.corpus.schema.CatalogRecord` objects.

    Example:
        >>> rec = next(r for r in records() if r.id == "pipl")
        >>> rec.doc_type, rec.verification, rec.issuers
        ('law', 'complete', ('全国人民代表大会常务委员会',))
    """
    files = _files()
    return check_catalog(_raw_catalog(), exists=lambda name: (files / name).is_file())


def _key(name: str) -> str:
    """Alias lookup key: folded, lower-case, without 《》, spaces and 中华人民共和国."""
    k = fold(name).strip().lower()
    k = re.sub(r"[《》〈〉<>\s\"'“”]", "", k)
    return k.replace("中华人民共和国", "")


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for rec in catalog():
        names = [rec["id"], rec["title"], rec.get("short_title", ""), rec.get("english_title", ""),
                 rec.get("abbreviation", ""), *rec.get("aliases", [])]
        for name in names:
            if name:
                index.setdefault(_key(name), rec["id"])
    return index


def resolve_id(name: str) -> str | None:
    """The corpus id for an id, full or short title, 简称, English name or abbreviation.

    ``None`` when the name is unknown.

    Example:
        >>> resolve_id("《中华人民共和国数据安全法》"), resolve_id("数据安全法")
        ('dsl', 'dsl')
        >>> resolve_id("无此法") is None
        True
    """
    return _alias_index().get(_key(name))


def find(title: str, as_of: str | None = None) -> str | None:
    """The document id a cited title names, for citation resolution; ``None`` when unknown.

    Looks in the shipped corpus first, then in collections registered with
    ``regtext.corpus.register`` (where, when several versions exist, the version in force on
    ``as_of``, an ISO date, is chosen). A title naming a whole instrument of which only a part
    is shipped (民法典: Book IV is shipped) goes to a registered copy of the whole first. This is
    the seam between citations and the corpus.

    Example:
        >>> find("《中华人民共和国网络安全法》"), find("无此法")
        ('csl', None)
    """
    hit = resolve_id(title)
    if hit is not None:
        whole = record(hit).get("part_of")
        if not (whole and _key(title) == _key(whole)):
            return _dated(hit, title, as_of)
        # the title names the whole instrument (民法典) and only one part of it is shipped:
        # a registered collection holding the whole one is the better answer
    for finder in _FINDERS:
        found = finder(title, as_of)
        if found is not None:
            return found
    return hit


def _version_date(rec: dict[str, Any]) -> str:
    for key in ("published", "adopted", "effective"):
        value = str(rec.get(key) or "")[:10]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return value
    return ""


def _dated(hit: str, title: str, as_of: str | None) -> str:
    """The shipped text ``hit``, unless a registered collection holds another version of it that
    was the one in force on ``as_of``: the shipped 反垄断法 is the 2022 text, and a text of 2010
    cites the 2007 one; a text of 2025 cites the 2024 未成年人保护法, not the shipped 2020 one.
    Without ``as_of``, or when the registry has no dated version in force then, or that version
    is the shipped one's, the shipped text stays."""
    if not as_of or not _FINDERS:
        return hit
    from .registry import lookup

    shipped = _version_date(record(hit))
    m = lookup(title, as_of)
    if m is None or m.in_force is not True or not shipped or m.date == shipped:
        return hit
    day = str(as_of)[:10]
    if shipped > day or m.date > shipped:  # the shipped text came later, or was replaced
        return m.doc_id
    return hit


#: Extra loaders (``name -> Document | None``) that :func:`load` tries after the shipped corpus;
#: registered collections add theirs here.
_LOADERS: list[Any] = []

#: Extra title finders (``(title, as_of) -> id | None``) consulted by :func:`find` after the
#: shipped corpus; registered collections add theirs here.
_FINDERS: list[Any] = []


def record(name: str) -> dict[str, Any]:
    """The catalog record for a corpus id or alias; :class:`UnknownDocumentError` otherwise.

    Example:
        >>> record("CSL")["effective"]
        '2017-06-01'
    """
    doc_id = resolve_id(name)
    if doc_id is None:
        raise UnknownDocumentError(_unknown_message(name))
    return next(r for r in catalog() if r["id"] == doc_id)


def _unknown_message(name: str) -> str:
    keys = list(_alias_index())
    close = difflib.get_close_matches(_key(name), keys, n=5, cutoff=0.5)
    ids = []
    for k in close:
        i = _alias_index()[k]
        if i not in ids:
            ids.append(i)
    hint = f"; did you mean {', '.join(repr(i) for i in ids)}?" if ids else ""
    return (f"unknown corpus document {name!r}{hint} "
            f"(`regtext corpus` lists the {len(catalog())} shipped texts)")


def listing():
    """The catalog as a pandas DataFrame, one row per shipped text.

    Example:
        >>> df = listing()
        >>> sorted(df.query("verification != 'complete'").id)
        ['content-ecosystem', 'genai-2023-draft']
    """
    import pandas as pd

    rows = []
    for rec in catalog():
        row = {k: v for k, v in rec.items() if k != "translation"}
        row["aliases"] = list(rec.get("aliases", []))
        row["issuers"] = list(rec.get("issuers", []))
        row["translation"] = (rec.get("translation") or {}).get("file")
        rows.append(row)
    cols = ["id", "title", "short_title", "english_title", "abbreviation", "aliases", "issuers",
            "doc_type", "number", "adopted", "published", "effective", "status", "verification",
            "verification_note", "source", "file", "translation"]
    df = pd.DataFrame(rows)
    return df[[c for c in cols if c in df.columns] + [c for c in df.columns if c not in cols]]


def text(name: str) -> str:
    """The raw text of a shipped document, exactly as stored.

    Example:
        >>> text("genai-2023-final").startswith("# 生成式人工智能服务管理暂行办法")
        True
    """
    rec = record(name)
    return (_files() / rec["file"]).read_text(encoding="utf-8")


@lru_cache(maxsize=64)
def _load(doc_id: str) -> Document:
    rec = record(doc_id)
    doc = parse(text(doc_id), id=rec["id"], title=rec["title"])
    meta = {k: v for k, v in rec.items() if k not in ("id", "title")}
    return Document(doc.id, doc.title, doc.children, doc.notes, doc.warnings, meta, doc.text)


#: The caveat :func:`load` gives for each verification status other than ``complete``.
_CAVEATS = {"partial": "is only partly verified",
            "single-source": "comes from a single source not yet checked against another"}


def load(name: str, warn: bool = True) -> Document:
    """Load a shipped text by corpus id or alias (``"个人信息保护法"``, ``"个保法"``, ``"PIPL"``).

    A name the shipped corpus does not know is looked up next in the collections registered
    with :func:`regtext.corpus.register` (by id such as ``lrb:反垄断法@2022-06-24``, or by title,
    which gives the newest version). Parsed documents are cached, so loading twice is free. A
    text whose verification is not ``complete`` issues a :class:`CorpusWarning` that says
    which parts are unverified.

    Raises:
        UnknownDocumentError: (a ``KeyError``) for an unknown name, listing close matches.

    Example:
        >>> doc = load("个保法")
        >>> doc.id, len(doc.articles)
        ('pipl', 74)
    """
    doc_id = resolve_id(name)
    if doc_id is None:
        for loader in _LOADERS:  # registered collections, after the shipped corpus
            doc = loader(name)
            if doc is not None:
                return doc
        raise UnknownDocumentError(_unknown_message(name))
    doc = _load(doc_id)
    rec = record(doc_id)
    if warn and rec.get("verification") != "complete":
        how = _CAVEATS.get(rec.get("verification", ""), "is not fully verified")
        warnings.warn(f"{doc_id} ({rec['title']}) {how}: {rec.get('verification_note', '')}",
                      CorpusWarning, stacklevel=2)
    return doc


def translation(name: str) -> Document | None:
    """The parallel English reference translation of a shipped text, when there is one.

    Example:
        >>> translation("genai-2023-final").get("7").text[:21]
        'Generative artificial'
    """
    rec = record(name)
    tr = rec.get("translation")
    if not tr:
        return None
    return _load_translation(rec["id"], tr["file"])


_EN_ARTICLE = re.compile(r"^Article\s+(\d+)\s*(.*)$")
_EN_CHAPTER = re.compile(r"^Chapter\s+(\d+)\s*(.*)$")


@lru_cache(maxsize=8)
def _load_translation(doc_id: str, file: str) -> Document:
    """Parse an English translation laid out like the Chinese (Chapter N / Article N)."""
    from ..text.numerals import int_to_cn

    raw = (_files() / file).read_text(encoding="utf-8")
    out = []
    for line in raw.splitlines():
        s = line.lstrip("#").strip()
        m = _EN_ARTICLE.match(s)
        c = _EN_CHAPTER.match(s)
        if m:
            out.append(f"第{int_to_cn(int(m.group(1)))}条 {m.group(2)}")
        elif c:
            out.append(f"## 第{int_to_cn(int(c.group(1)))}章 {c.group(2)}")
        else:
            out.append(line)
    return parse("\n".join(out), id=f"{doc_id}.en")
