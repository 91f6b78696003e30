"""One way to name a document everywhere: a Document, a corpus id or alias, or a file path.

Every public entry point that takes a Document (``diff``, ``citations``, ``obligations``,
``annotate``) calls :func:`as_document` on its argument first, so ``regtext.citations("csl")``
means the Cybersecurity Law, not the three letters "csl" as clause text.

A string is read as a *name* unless it is plainly text. Names of documents (ids, titles,
aliases, file names) never hold a line break or sentence punctuation (。；，：！？), so a string
with either is text; so is a string of Chinese that does not end as a title ends (法, 条例,
办法, 规定…) and has no file suffix. An existing file's path is always a name. A name the
corpus does not know and that is not an existing file is an error naming it, with the closest
corpus ids, never an empty answer.

Example:
    >>> as_document("个保法").id
    'pipl'
    >>> as_document("第一条 甲应当登记。").articles[0].text
    '甲应当登记。'
    >>> as_document("依照前款规定处罚。", allow_text=True)
    '依照前款规定处罚。'
    >>> as_document("pipx")
    Traceback (most recent call last):
    ...
    regtext.corpus.catalog.UnknownDocumentError: unknown corpus document 'pipx'; did you mean ...
"""

from __future__ import annotations

import re
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Document

__all__ = ["as_document", "looks_like_name"]

# Sentence punctuation, line breaks and markup never occur in a document's name or file name.
_TEXT_MARKS = re.compile(r"[\n\r。；，：！？;<>{}=]")
# How the title of a Chinese law or regulation ends: its document type (法, 条例, 办法…),
# optionally followed by （试行）/（草案）/（征求意见稿） and a closing 》.
_TITLE_END = re.compile(
    r"(?:法|条例|办法|规定|细则|决定|规则|意见|通知|解释|规范|标准|准则|指引|指南|公告|措施|目录)"
    r"(?:[（(][^）)]{1,8}[）)])?》?$")
_FILE_SUFFIX = re.compile(r"\.(?:md|markdown|txt|text|html?|docx?|pdf|json)$", re.IGNORECASE)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def looks_like_name(s: str) -> bool:
    """Whether ``s`` reads as a document's name or path rather than as law text.

    Example:
        >>> [looks_like_name(s) for s in ("csl", "《数据安全法》", "drafts/old.docx",
        ...                                "依照前款规定处罚", "第一条 甲应当登记。")]
        [True, True, True, False, False]
    """
    s = s.strip()
    if not s or len(s) > 200 or _TEXT_MARKS.search(s):
        return False
    if not _CJK.search(s) or _FILE_SUFFIX.search(s):
        return True
    return bool(_TITLE_END.search(s))


def as_document(x: Any, allow_text: bool = False) -> Document | str:
    """``x`` as a Document: a Document as is, a corpus id/alias loaded, a path read.

    A string that is plainly text (see :func:`looks_like_name`) is parsed, or returned
    unchanged when ``allow_text`` is true (for functions that treat a string as one clause).

    Raises:
        UnknownDocumentError: (a ``KeyError``) for a name that is neither a corpus
            document nor an existing file, naming it and suggesting close corpus ids.
        TypeError: for anything else (a number, a list...), naming the type.

    Example:
        >>> as_document("genai-2023-final").title
        '生成式人工智能服务管理暂行办法'
        >>> as_document(3)
        Traceback (most recent call last):
        ...
        TypeError: expected a Document, a corpus id or alias, or a file path, not int
    """
    from .model import Document

    if isinstance(x, Document):
        return x
    if isinstance(x, bytes):
        from .parser import parse

        return x.decode("utf-8", "replace") if allow_text else parse(x)
    if isinstance(x, PathLike):
        from .parser import read

        return read(Path(x))
    if not isinstance(x, str):
        raise TypeError("expected a Document, a corpus id or alias, or a file path, "
                        f"not {type(x).__name__}")
    from ..corpus.catalog import UnknownDocumentError, _unknown_message, load, resolve_id

    if "\n" not in x and len(x) < 1000 and Path(x.strip()).is_file():
        from .parser import read

        return read(Path(x.strip()))
    if looks_like_name(x):
        name = x.strip()
        if resolve_id(name) is not None:
            return load(name)
        msg = _unknown_message(name)
        if "/" in name or "\\" in name or _FILE_SUFFIX.search(name):
            msg = f"no such file or corpus document {name!r}" + msg.split(repr(name), 1)[1]
        raise UnknownDocumentError(msg)
    if allow_text:
        return x
    from .parser import parse

    doc = parse(x)
    if not doc.articles and "\n" not in x.strip() and len(x.strip()) <= 60:
        # one short line that is no article: a misspelled name, not a law to analyse
        raise UnknownDocumentError(_unknown_message(x.strip()).replace(
            "unknown corpus document", "not a corpus document, a file or law text:", 1))
    return doc
