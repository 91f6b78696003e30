"""Shared test settings: where the LawRefBook corpus lives (tests that need it skip without it)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _find_lawrefbook() -> Path:
    """``$REGTEXT_LAWREFBOOK``, else ``../shared/lawrefbook`` beside the checkout (as in CI),
    else the developers' ``/work/shared/lawrefbook``."""
    candidates = [os.environ.get("REGTEXT_LAWREFBOOK", ""),
                  Path(__file__).resolve().parents[2] / "shared" / "lawrefbook",
                  "/work/shared/lawrefbook"]
    for c in candidates:
        if c and Path(c).is_dir():
            return Path(c)
    return Path(candidates[1])


LAWREFBOOK = _find_lawrefbook()

# Failures on one document are warnings for users and errors in the tests (regtext._guard).
os.environ.setdefault("REGTEXT_STRICT", "1")

# Registered collections live in the user's cache; the tests use a fresh one of their own.
os.environ["REGTEXT_CACHE"] = tempfile.mkdtemp(prefix="regtext-test-cache-")
