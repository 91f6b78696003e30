"""Rules as data: word lists and patterns kept in ``regtext/_data/rules/*.tsv``.

Every table is tab-separated with a header row. Two columns are required in every table:
``example`` (a real-law phrase where the row's rule must fire) and ``counterexample`` (a phrase
where it must not), so that ``tests/test_rules.py`` can check each row on its own. Lines starting
with ``#`` are comments. Tables are read once per process.

Adding a word is one line in one file plus its example (see CONTRIBUTING.md).

Example:
    >>> rows = table("example")
    >>> rows[0]["word"], rows[0]["example"]
    ('示例', '这是一个示例。')
    >>> alternation(["应", "应当"])
    '(?:应当|应)'
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["RuleError", "alternation", "column", "table", "tables"]

REQUIRED = ("example", "counterexample")


class RuleError(ValueError):
    """A rules table that cannot be used: missing file, missing column or an empty cell."""


def _folder():
    return resources.files("regtext._data").joinpath("rules")


def tables() -> list[str]:
    """Names of every rules table (file names without ``.tsv``), sorted.

    Example:
        >>> "example" in tables()
        True
    """
    return sorted(p.name[:-4] for p in _folder().iterdir() if p.name.endswith(".tsv"))


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``regtext/_data/rules/<name>.tsv`` as dicts, in file order.

    Raises:
        RuleError: naming the file and line when a required column or cell is missing.
    """
    path = _folder() / f"{name}.tsv"
    if not path.is_file():
        raise RuleError(f"no rules table {name!r} (looked for {path}); have: {', '.join(tables())}")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise RuleError(f"{name}.tsv: missing column(s) {', '.join(missing)}")
    rows = []
    for i, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise RuleError(f"{name}.tsv line {i}: wrong number of tab-separated cells")
        clean = {k: v.strip() for k, v in row.items()}
        for c in REQUIRED:
            if not clean[c]:
                raise RuleError(f"{name}.tsv line {i}: empty {c!r}")
        rows.append(clean)
    return tuple(rows)


def column(name: str, col: str, **where: Any) -> tuple[str, ...]:
    """One column of a table, optionally only the rows whose columns equal ``where``.

    Example:
        >>> column("example", "word")
        ('示例',)
    """
    return tuple(r[col] for r in table(name) if all(r.get(k) == v for k, v in where.items()))


def alternation(words: Iterable[str], escape: bool = True) -> str:
    """A non-capturing regex alternation, longest first so that 应当 wins over 应."""
    ws: Sequence[str] = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) if escape else w for w in ws) + ")"
