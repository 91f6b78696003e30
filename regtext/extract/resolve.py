"""Which document a cited title names: the :class:`Resolver` citations resolve through.

A citation names its target by title (《测试管理条例》), by a short title (测试管理条例 without
中华人民共和国) or by an abbreviation the citing text defines (（以下简称《条例》）). The resolver
turns that name into a document id and, when it can, the :class:`~regtext.model.Document`, so
that the pinned provision can be checked (``ref in doc``).

The default resolver knows the shipped corpus and the collections registered with
``regtext.corpus`` (through :func:`regtext.corpus.find`). ``Resolver.from_documents(docs)`` puts
the caller's own documents first, so that texts parsed together cite each other::

    docs = regtext.parse_many("my-rules/")
    resolver = regtext.Resolver.from_documents(docs)     # cheap: one dict of titles
    frames = [regtext.citations(d, resolver=resolver) for d in docs]

Example:
    >>> import regtext
    >>> a = regtext.parse("测试管理条例\\n第一条 为了测试。\\n第二条 测试应当公开。", id="a")
    >>> r = Resolver.from_documents([a])
    >>> r.find("《测试管理条例》"), r.find("中华人民共和国网络安全法")
    ('a', 'csl')
    >>> r.document("a") is a
    True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from ..text.normalize import fold
from .citation_forms import strip_edition

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Document

__all__ = ["Resolver"]

_PRC = "中华人民共和国"


def title_key(title: str) -> str:
    """The form titles are compared in: folded, without 《》, spaces, 中华人民共和国 or an
    edition note (（2018年修正）).

    Example:
        >>> title_key("《中华人民共和国网络安全法（2016年）》")
        '网络安全法'
    """
    key = fold(title or "").strip().strip("《》").replace(" ", "").replace("\u3000", "")
    if key.startswith(_PRC):
        key = key[len(_PRC):]
    return strip_edition(key)


@lru_cache(maxsize=64)
def _load_corpus(doc_id: str) -> Document | None:
    from ..corpus.catalog import load

    try:
        return load(doc_id, warn=False)
    except Exception:  # noqa: BLE001 - an id a registered finder gave may not be loadable here
        return None


class Resolver:
    """Finds the document a cited title names, among the caller's documents and the corpus.

    Args:
        documents: documents to resolve to first, by title, by short title (without
            中华人民共和国) and by the ``short_title``/``aliases`` in their ``meta``. A document
            without an id is known by its title (that string is then its ``target_doc``).
        corpus: also look in the shipped corpus and registered collections
            (:func:`regtext.corpus.find`, with ``as_of`` the citing document's date).

    Building one costs a dict of titles: make it once per batch and pass it to every
    :func:`regtext.citations` call of that batch.

    Example:
        >>> import regtext
        >>> law = regtext.parse("测试管理条例\\n第一条 甲。\\n第二条 乙。", id="t1")
        >>> rule = regtext.parse("测试办法\\n第一条 依照《测试管理条例》第二条制定。", id="t2")
        >>> df = regtext.citations(rule, resolver=Resolver.from_documents([law, rule]))
        >>> df[["target_doc", "target_ref"]].values.tolist()
        [['t1', '2']]
    """

    def __init__(self, documents: Iterable[Document] = (), *, corpus: bool = True) -> None:
        self.corpus = corpus
        self._docs: dict[str, Document] = {}
        self._titles: dict[str, str] = {}
        for doc in documents:
            self.add(doc)

    @classmethod
    def from_documents(cls, documents: Iterable[Document], *, corpus: bool = True) -> Resolver:
        """A resolver that knows ``documents`` first, then (``corpus=True``) the corpus.

        Example:
            >>> import regtext
            >>> r = Resolver.from_documents([regtext.parse("某市养犬管理条例\\n第一条 甲。")])
            >>> r.find("养犬管理条例") is None, r.find("某市养犬管理条例")
            (True, '某市养犬管理条例')
        """
        return cls(documents, corpus=corpus)

    def add(self, doc: Document) -> str:
        """Know ``doc`` from now on; returns the id it resolves to.

        Example:
            >>> import regtext
            >>> Resolver().add(regtext.parse("甲条例\\n第一条 乙。", id="x"))
            'x'
        """
        doc_id = doc.id or doc.title
        self._docs[doc_id] = doc
        meta = doc.meta or {}
        names = [doc.title, meta.get("title", ""), meta.get("short_title", ""),
                 *(meta.get("aliases") or [])]
        for name in names:
            key = title_key(name) if isinstance(name, str) else ""
            if key:
                self._titles.setdefault(key, doc_id)
        return doc_id

    def names(self) -> tuple[str, ...]:
        """The short titles of the documents this resolver was given (for unbracketed names).

        Example:
            >>> Resolver().names()
            ()
        """
        return tuple(self._titles)

    def find(self, title: str, as_of: str | None = None) -> str | None:
        """The id of the document ``title`` names, ``None`` when unknown.

        Example:
            >>> Resolver().find("《中华人民共和国个人信息保护法》")
            'pipl'
        """
        if self._titles:
            hit = self._titles.get(title_key(title))
            if hit is not None:
                return hit
        if not self.corpus:
            return None
        from ..corpus.catalog import find

        return find(title, as_of=as_of)

    def document(self, doc_id: str | None) -> Document | None:
        """The document behind an id this resolver gave, to check pinned refs against.

        Example:
            >>> Resolver().document("csl").title
            '中华人民共和国网络安全法'
        """
        if doc_id is None:
            return None
        doc = self._docs.get(doc_id)
        if doc is not None or not self.corpus:
            return doc
        return _load_corpus(doc_id)

    def __repr__(self) -> str:
        return f"Resolver({len(self._docs)} documents, corpus={self.corpus})"


#: The resolver used when the caller passes none: the corpus only.
DEFAULT = Resolver()
