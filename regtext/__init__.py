"""regtext: parse, compare and link Chinese regulatory texts.

Example:
    >>> import regtext
    >>> doc = regtext.load("genai-2023-final")
    >>> doc.title, len(doc.articles)
    ('生成式人工智能服务管理暂行办法', 24)

Texts parsed together cite each other through a :class:`Resolver`:

    >>> law = regtext.parse("测试管理条例\\n第一条 甲。\\n第二条 乙。", id="law")
    >>> rule = regtext.parse("测试办法\\n第一条 依照《测试管理条例》第二条。", id="rule")
    >>> r = regtext.Resolver.from_documents([law, rule])
    >>> regtext.citations(rule, resolver=r)[["target_doc", "target_ref"]].values.tolist()
    [['law', '2']]
"""

from __future__ import annotations

# The stages, each a subpackage: text (model, parsing) → compare (diff) and extract
# (citations, norms) → network (graph, links, queries). corpus and batch serve them all.
from . import corpus
from .corpus import CorpusWarning, UnknownDocumentError, load, record, resolve_id, translation
from .text.model import Document, Node, ParseWarning
from .text.office import UnreadableFileError
from .text.parser import parse, read

# isort: split
# -- analyses: one import line per module (keep this block sorted) --------------------------
from .batch import frame_many, map_many, parse_many
from .compare.amend import apply
from .compare.comparison import Comparison, diff
from .compare.redlining import Redline, redline
from .extract.annotation import annotate
from .extract.citing import Citation, citations, find_citations
from .extract.norms import Norm, find_norms, obligations
from .extract.pipeline import nlp
from .extract.resolve import Resolver
from .network import queries
from .network.builder import graph
from .network.linking import links

__version__ = "0.1.0"

__all__ = [
    "queries",
    "Citation",
    "Comparison",
    "CorpusWarning",
    "Document",
    "Node",
    "Norm",
    "ParseWarning",
    "Resolver",
    "Redline",
    "UnknownDocumentError",
    "UnreadableFileError",
    "annotate",
    "apply",
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
    "redline",
    "resolve_id",
    "translation",
]

# `from __future__ import annotations` binds a module attribute; it is not part of the API
del annotations
