"""The spaCy pipeline for Chinese regulatory text, built once and reused.

:func:`nlp` returns ``spacy.blank("zh")`` with the jieba segmenter, a legal user dictionary
(``regtext/_data/legal_dict.txt``: 提供者, 个人信息处理者, 生成式人工智能, 深度合成… stay
whole) and the regtext components:

- ``regtext_citations`` sets ``doc._.citations`` (a list of
  :class:`~regtext.extract.citing.Citation`) and the span group ``doc.spans["citations"]``;
- ``regtext_obligations`` sets ``doc._.norms`` and ``doc.spans["norms"]``.

The components live in :mod:`regtext.extract.components` (registered with
``@Language.factory`` and the ``spacy_factories`` entry point, so any ``spacy.blank(...)``
can add them); the jieba helpers in :mod:`regtext.extract.segmentation` (no spaCy).

Nothing is downloaded. spaCy and jieba are imported on first use only, so ``import regtext``
stays fast. The analyses themselves (:func:`regtext.citations`) are regex-based and do not need
the pipeline; use it when you want tokens, spans and Doc extensions together.

Example:
    >>> pipe = nlp()
    >>> pipe is nlp()
    True
    >>> doc = pipe("个人信息处理者应当遵守《中华人民共和国网络安全法》第二十一条。")
    >>> [t.text for t in doc][:3]
    ['个人信息处理者', '应当', '遵守']
    >>> doc._.citations[0].target_doc, [s.text for s in doc.spans["citations"]]
    ('csl', ['《中华人民共和国网络安全法》第二十一条'])
"""

from __future__ import annotations

import logging
import sys
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

# the segmentation helpers used to live here: keep their names importable from this module
from .segmentation import (  # noqa: F401 - re-exported
    _jieba,
    dictionary_path,
    jieba_tokenizer,
    legal_terms,
    plain_tokenizer,
    pos_tags,
    pos_tokenizer,
    segment,
    words,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["COMPONENTS", "dictionary_path", "jieba_tokenizer", "legal_terms", "nlp",
           "plain_tokenizer", "pos_tags", "pos_tokenizer", "register_components", "segment",
           "words"]

#: Names of the regtext pipeline components, in pipeline order.
COMPONENTS = ("regtext_citations", "regtext_obligations")

_LOCK = threading.Lock()


def register_components() -> tuple[str, ...]:
    """Register the regtext spaCy factories (imports spaCy); returns their names.

    Not needed for ``spacy.blank(...)``: spaCy finds the factories through the
    ``spacy_factories`` entry point. Useful where regtext runs from a source tree that is
    not installed.

    Example:
        >>> register_components()
        ('regtext_citations', 'regtext_obligations')
    """
    from . import components

    return components.NAMES


def __getattr__(name: str) -> Any:
    # the component classes live with spaCy in components.py; import them only when asked
    if name in ("CitationsComponent", "ObligationsComponent"):
        from . import components

        return getattr(components, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if "spacy" in sys.modules:  # spaCy is loaded already: registering costs nothing
    register_components()


@lru_cache(maxsize=1)
def _build() -> Language:
    import spacy

    jieba = _jieba()

    jieba.setLogLevel(logging.WARNING)  # spaCy warms the global jieba up: keep it quiet
    register_components()  # also when regtext runs uninstalled (no entry points)
    pipe = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    # the tokenizer calls .cut() on this object: our dictionary-aware jieba instance
    pipe.tokenizer.jieba_seg = jieba_tokenizer()
    for name in COMPONENTS:
        pipe.add_pipe(name)
    return pipe


def nlp() -> Language:
    """The shared regtext spaCy pipeline (built on first call, then the same object).

    Example:
        >>> nlp().pipe_names[0]
        'regtext_citations'
    """
    with _LOCK:
        return _build()
