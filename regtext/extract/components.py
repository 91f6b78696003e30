"""The regtext spaCy components, registered the standard way with ``@Language.factory``.

This module imports spaCy. spaCy itself imports it when it builds any ``Language``: the
factories are listed under the ``spacy_factories`` entry point in ``pyproject.toml``, so
``spacy.blank("zh").add_pipe("regtext_citations")`` works in any pipeline (after
``import regtext`` or not) while ``import regtext`` still does not import spaCy.

- ``regtext_citations`` sets ``doc._.citations`` (a list of
  :class:`~regtext.extract.citing.Citation`) and ``doc.spans["citations"]`` (label = kind).
  The Document context (for resolving 本法/前款) can be passed in ``doc.user_data`` under
  ``"regtext_document"`` and ``"regtext_source_ref"``.
- ``regtext_obligations`` sets ``doc._.norms`` (a list of :class:`~regtext.extract.norms.Norm`)
  and ``doc.spans["norms"]`` (label = modality; ``span._.norm`` is the Norm).

Example:
    >>> import spacy
    >>> pipe = spacy.blank("xx")
    >>> _ = pipe.add_pipe("regtext_obligations")
    >>> doc = pipe("国家鼓励创新，提供者不得泄露信息。")
    >>> [s.label_ for s in doc.spans["norms"]]
    ['encouragement', 'prohibition']
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .citing import find_citations
from .norms import find_norms

__all__ = ["CitationsComponent", "ObligationsComponent", "make_citations", "make_obligations"]

#: Names of the components, in the order the shared pipeline runs them.
NAMES = ("regtext_citations", "regtext_obligations")

if not Doc.has_extension("citations"):
    Doc.set_extension("citations", default=None)
if not Doc.has_extension("norms"):
    Doc.set_extension("norms", default=None)
if not Span.has_extension("norm"):
    Span.set_extension("norm", default=None)


class CitationsComponent:
    """spaCy component: :func:`~regtext.extract.citing.find_citations` over ``doc.text``.

    Example:
        >>> import spacy
        >>> pipe = spacy.blank("zh")
        >>> _ = pipe.add_pipe("regtext_citations")
        >>> [c.target_doc for c in pipe("依照《网络安全法》")._.citations]
        ['csl']
    """

    def __init__(self, name: str = "regtext_citations") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        cites = find_citations(doc.text, doc.user_data.get("regtext_document"),
                               doc.user_data.get("regtext_source_ref"))
        doc._.citations = cites
        spans, seen = [], set()
        for c in cites:
            if (c.start, c.end) in seen:  # one span for a list; the rows stay in _.citations
                continue
            seen.add((c.start, c.end))
            span = doc.char_span(c.start, c.end, label=c.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["citations"] = spans
        return doc


class ObligationsComponent:
    """spaCy component: :func:`~regtext.extract.norms.find_norms` over ``doc.text``."""

    def __init__(self, nlp: Any = None, name: str = "regtext_obligations") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        norms = find_norms(doc.text)
        doc._.norms = norms
        spans = []
        for n in norms:
            span = doc.char_span(n.start, n.end, label=n.modality, alignment_mode="expand")
            if span is not None:
                span._.norm = n
                spans.append(span)
        doc.spans["norms"] = spans
        return doc


@Language.factory("regtext_citations")
def make_citations(nlp: Language, name: str) -> CitationsComponent:  # noqa: ARG001 - spaCy's signature
    """The ``regtext_citations`` factory."""
    return CitationsComponent(name)


@Language.factory("regtext_obligations")
def make_obligations(nlp: Language, name: str) -> ObligationsComponent:
    """The ``regtext_obligations`` factory."""
    return ObligationsComponent(nlp, name)
