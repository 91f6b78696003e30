"""One place where a failure on one document becomes a warning naming it, or an error.

Batch work and the graph must not lose a thousand documents to one odd file, but they must never
fail silently either: :func:`guard` turns an exception into a :class:`DocumentFailure` warning
that names the document and the step, and re-raises when ``REGTEXT_STRICT=1`` (the tests set it).

Example:
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     with guard("citations", "my-law", strict=False):
    ...         raise ValueError("boom")
    >>> str(caught[0].message)
    'citations failed on my-law: ValueError: boom'
"""

from __future__ import annotations

import os
import warnings
from types import TracebackType

__all__ = ["DocumentFailure", "guard", "strict_from_env"]


class DocumentFailure(UserWarning):
    """A step failed on one document and was skipped; the message names both."""


def strict_from_env() -> bool:
    """True when ``REGTEXT_STRICT`` is set to 1/true/yes: failures are raised, not warned."""
    return os.environ.get("REGTEXT_STRICT", "").strip().lower() in {"1", "true", "yes"}


class guard:  # noqa: N801 - used like the function it was (``with guard(step, doc):``)
    """Run a block for one document; on an exception warn (naming step and document) or raise.

    ``strict=None`` reads ``REGTEXT_STRICT`` from the environment. A class rather than a
    generator-based context manager: it wraps every clause of a corpus run, and entering and
    leaving cost a quarter as much.
    """

    __slots__ = ("doc", "step", "strict")

    def __init__(self, step: str, doc: object, *, strict: bool | None = None) -> None:
        self.step, self.doc, self.strict = step, doc, strict

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool:
        if kind is None or not issubclass(kind, Exception):
            return False  # no failure, or KeyboardInterrupt/SystemExit: let it through
        if strict_from_env() if self.strict is None else self.strict:
            return False
        warnings.warn(f"{self.step} failed on {self.doc}: {kind.__name__}: {exc}",
                      DocumentFailure, stacklevel=2)
        return True
