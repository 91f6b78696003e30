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

__all__ = ["RuleError", "alternation", "column", "first_chars", "skip_ahead", "table", "tables"]

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


def first_chars(pattern: str) -> str | None:
    """The characters a match of ``pattern`` can start with (sorted), or None when they cannot
    be listed: a pattern that may match the empty string or start with any character
    (``[^，]``, ``.``, ``\\w``), or one the parser does not know.

    Lookarounds take no character and are skipped; an optional part (``?``, ``*``) gives None.

    Example:
        >>> first_chars(r"(?<!相)应(?!用)|不得|(?:予以|给予)警告")
        '不予应给'
        >>> first_chars(r"(?:依法)?处罚") is None, first_chars(r"[^，]罚") is None
        (True, True)
    """
    found = _read(pattern, _first)
    return "".join(sorted(found)) if found else None


def _read(pattern: str, reader: Any) -> Any:
    """``reader`` applied to the parsed items of ``pattern``; None when the parser (or the
    reader, on a construct it does not know) fails."""
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_parse  # type: ignore[no-redef]
    try:
        return reader(list(sre_parse.parse(pattern)))
    except (re.error, TypeError, ValueError):
        return None


def _first(items: list) -> set[str] | None:
    """First characters of a parsed (sub)pattern; None when unknown or it may match ''."""
    for op, av in items:
        name = str(op)
        if name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue  # zero width: the next item takes the first character
        if name == "LITERAL":
            return {chr(av)}
        if name == "IN":
            out = set()
            for kind, val in av:
                if str(kind) == "LITERAL":
                    out.add(chr(val))
                elif str(kind) == "RANGE" and val[1] - val[0] < 64:
                    out.update(chr(c) for c in range(val[0], val[1] + 1))
                else:  # NEGATE, CATEGORY, a wide range: too many to list
                    return None
            return out
        if name == "SUBPATTERN":
            if av[1] or av[2]:  # inline flags (?i:…): characters may fold
                return None
            return _first(list(av[3]))
        if name == "BRANCH":
            out = set()
            for alt in av[1]:
                got = _first(list(alt))
                if got is None:
                    return None
                out |= got
            return out
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            return _first(list(av[2]))
        return None  # anything else (an optional part, a back reference…): unknown
    return None  # only zero-width items: the pattern may match the empty string


def required_words(pattern: str) -> tuple[str, ...] | None:
    """Words one of which every match of ``pattern`` contains (longest first), or None when
    no such list can be read off the pattern (an alternative made only of optional parts or
    of character classes too wide to list).

    A text that holds none of them holds no match: a plain search for the words (C speed,
    literal prefixes) rules out most texts before the pattern itself is tried.

    Example:
        >>> required_words(r"(?:予以|给予)[^，]{0,12}?(?:处罚|警告)|(?<!被)责令")
        ('予以', '给予', '责令')
        >>> required_words(r"(?:依法)?处罚|[^，]+") is None
        True
    """
    found = _read(pattern, _required)
    return tuple(sorted(found, key=lambda w: (-len(w), w))) if found else None


def _required(items: list) -> set[str] | None:
    """Words one of which every match of a parsed sequence contains; None when unknown."""
    options: list[set[str]] = []
    run = {""}  # the spellings of the literal characters in a row so far
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            run = {r + chr(av) for r in run}
            continue
        if name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue  # zero width: the row goes on
        small = name == "IN" and len(av) <= 8 and all(str(k) == "LITERAL" for k, _ in av)
        if small and len(run) * len(av) <= 64:
            # the parser writes 处罚|处分 as 处[罚分]: the row goes on in each spelling
            run = {r + chr(v) for r in run for _, v in av}
            continue
        if run != {""}:
            options.append(run)
        run = {""}
        got: set[str] | None = None
        if name == "SUBPATTERN" and not (av[1] or av[2]):
            got = _required(list(av[3]))
        elif name == "BRANCH":
            got = set()
            for alt in av[1]:
                sub = _required(list(alt))
                if sub is None:
                    got = None
                    break
                got |= sub
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            got = _required(list(av[2]))
        elif small:
            got = {chr(v) for _, v in av}
        if got:
            options.append(got)
    if run != {""}:
        options.append(run)
    if not options:
        return None
    # the most selective: the longest shortest word, then the fewest words
    return max(options, key=lambda o: (min(map(len, o)), -len(o)))


def skip_ahead(pattern: str) -> str:
    """``pattern`` behind a lookahead for its :func:`first_chars`, so that a search skips
    the positions no match can start at (a long alternation is otherwise tried in full at
    every character); the same matches, groups and spans. ``pattern`` as it is when its
    first characters cannot be listed.

    Example:
        >>> skip_ahead("应当|不得")
        '(?=[不应])(?:应当|不得)'
        >>> skip_ahead("(?:依法)?处罚")
        '(?:依法)?处罚'
    """
    chars = first_chars(pattern)
    if not chars:
        return pattern
    return "(?=[" + "".join(re.escape(c) for c in chars) + "])(?:" + pattern + ")"
