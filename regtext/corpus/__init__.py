"""The corpus: the shipped texts (catalog, aliases, loading with provenance warnings), and
collections of your own registered with :func:`register` (see :mod:`regtext.corpus.registry`).

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

from . import registry
from .catalog import (
    _FINDERS,
    _LOADERS,
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
from .registry import TextNotHeldError, collections, lookup, register, repealed, unregister
from .registry import documents as registered

__all__ = ["CorpusWarning", "UnknownDocumentError", "catalog", "collections", "find", "listing",
           "load", "lookup", "record", "records", "register", "registered",
           "registry", "repealed", "TextNotHeldError",
           "resolve_id", "text", "translation", "unregister"]

# registered collections are consulted after the shipped corpus (see catalog.find and load)
if registry.find_registered not in _FINDERS:
    _FINDERS.append(registry.find_registered)
if registry.load_registered not in _LOADERS:
    _LOADERS.append(registry.load_registered)


class _CallableModule(types.ModuleType):
    """Lets ``regtext.corpus()`` keep working now that ``regtext.corpus`` is a package."""

    def __call__(self):
        return listing()


sys.modules[__name__].__class__ = _CallableModule
