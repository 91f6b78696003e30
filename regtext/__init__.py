"""regtext: parse, compare and link Chinese regulatory texts.

Example:
    >>> import regtext
    >>> doc = regtext.load("genai-2023-final")
    >>> doc.title, len(doc.articles)
    ('生成式人工智能服务管理暂行办法', 24)
"""

from __future__ import annotations

from .corpus import (
    CorpusWarning,
    UnknownDocumentError,
    corpus,
    load,
    record,
    resolve_id,
    translation,
)
from .model import Document, Node, ParseWarning
from .parse import parse, read

# isort: split
# -- analyses: one import line per module (keep this block sorted) --------------------------
from .annotate import annotate
from .batch import frame_many, map_many, parse_many
from .citations import Citation, citations, find_citations
from .diff import Comparison, diff
from .graph import graph
from .links import links
from .nlp import nlp
from .obligations import Norm, find_norms, obligations

__version__ = "0.1.0"

__all__ = [
    "Citation",
    "Comparison",
    "CorpusWarning",
    "Document",
    "Node",
    "Norm",
    "ParseWarning",
    "UnknownDocumentError",
    "annotate",
    "citations",
    "corpus",
    "diff",
    "find_citations",
    "find_norms",
    "frame_many",
    "graph",
    "links",
    "load",
    "map_many",
    "nlp",
    "obligations",
    "parse",
    "parse_many",
    "read",
    "record",
    "resolve_id",
    "translation",
]
