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
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["DocumentFailure", "guard", "strict_from_env"]


class DocumentFailure(UserWarning):
    """A step failed on one document and was skipped; the message names both."""


def strict_from_env() -> bool:
    """True when ``REGTEXT_STRICT`` is set to 1/true/yes: failures are raised, not warned."""
    return os.environ.get("REGTEXT_STRICT", "").strip().lower() in {"1", "true", "yes"}


@contextmanager
def guard(step: str, doc: object, *, strict: bool | None = None) -> Iterator[None]:
    """Run a block for one document; on an exception warn (naming step and document) or raise.

    ``strict=None`` reads ``REGTEXT_STRICT`` from the environment.
    """
    try:
        yield
    except Exception as exc:
        if strict_from_env() if strict is None else strict:
            raise
        warnings.warn(f"{step} failed on {doc}: {type(exc).__name__}: {exc}", DocumentFailure,
                      stacklevel=3)
