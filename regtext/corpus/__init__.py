"""The corpus: the shipped texts (catalog, aliases, loading with provenance warnings).

``regtext.corpus`` is this module and also callable: ``regtext.corpus()`` is the catalog as a
DataFrame (the long-standing public call), while ``regtext.corpus.load``, ``.record`` and friends
are its functions.

Example:
    >>> import regtext
    >>> regtext.corpus().shape[0] == len(regtext.corpus.catalog())
    True
"""

from __future__ import annotations

import sys
import types

from .catalog import (
    CorpusWarning,
    UnknownDocumentError,
    catalog,
    find,
    listing,
    load,
    record,
    records,
    resolve_id,
    text,
    translation,
)

__all__ = ["CorpusWarning", "UnknownDocumentError", "catalog", "find", "listing", "load", "record",
           "records", "resolve_id", "text", "translation"]


class _CallableModule(types.ModuleType):
    """Lets ``regtext.corpus()`` keep working now that ``regtext.corpus`` is a package."""

    def __call__(self):
        return listing()


sys.modules[__name__].__class__ = _CallableModule
