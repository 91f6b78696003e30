"""The ``regtext`` command line.

Each subcommand lives in its own module of this package and exposes ``register(sub)``,
which adds an ``argparse`` subparser whose ``func`` runs the command. Usage and input
errors exit with status 2 and a one-line message, never a traceback.

Example:
    >>> from regtext.cli import main
    >>> main(["corpus", "--format", "csv"]) == 0  # doctest: +ELLIPSIS
    id,...
    True
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

#: files larger than this get a note on stderr before they are parsed
LARGE_INPUT_BYTES = 5_000_000

#: subcommand modules, in the order ``regtext --help`` lists them
COMMANDS = ("diff", "parse", "corpus", "cites", "obligations", "links", "graph", "memo",
            "apply")


class CliError(Exception):
    """A usage or input error: printed as one line, exit status 2.

    Example:
        >>> open_document("no-such-law.md")
        Traceback (most recent call last):
        ...
        regtext.cli.CliError: no such file or corpus id: no-such-law.md
    """


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (and exit status 2), not a usage dump."""

    def error(self, message: str):  # noqa: ANN201 - argparse's signature
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand registered.

    Example:
        >>> "parse" in build_parser().format_help()
        True
    """
    from .. import __version__

    parser = _Parser(
        prog="regtext",
        description="Parse, compare and link Chinese regulatory texts.",
    )
    parser.add_argument("--version", action="version", version=f"regtext {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"{__name__}.{name}_cmd")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.endswith(f"{name}_cmd"):
                continue  # command not built yet
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status.

    Example:
        >>> main(["parse", "no-such-law"])
        2
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"regtext {args.command}: {exc}", file=sys.stderr)
        return 2
    except (KeyError, FileNotFoundError, IsADirectoryError, PermissionError,
            UnicodeError, ValueError) as exc:
        msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"regtext {args.command}: {msg}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `regtext parse pipl | head`
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not a user error: one line unless debugging
        if os.environ.get("REGTEXT_DEBUG"):
            raise
        print(f"regtext {args.command}: internal error: {type(exc).__name__}: {exc} "
              "(set REGTEXT_DEBUG=1 for a traceback)", file=sys.stderr)
        return 1


def open_document(name: str):
    """A corpus id/alias or a file path → Document; CliError naming the input otherwise.

    Example:
        >>> open_document("PIPL").id
        'pipl'
    """
    import warnings
    from pathlib import Path

    from ..corpus.catalog import load
    from ..text.parser import read

    path = Path(name)
    if path.exists():
        if path.is_dir():
            raise CliError(f"{path} is a folder; give one file (regtext parse FOLDER "
                           "summarises a folder)")
        size = path.stat().st_size
        if size > LARGE_INPUT_BYTES:  # parsing runs at about 3 MB/s: say why it is quiet
            print(f"regtext: reading {path} ({size / 1e6:.0f} MB, about "
                  f"{max(1, round(size / 3e6))} s)…", file=sys.stderr)
        doc = read(path)
        fatal = [w for w in doc.warnings if w.kind in ("empty", "binary")]
        if fatal and not doc.articles:
            raise CliError(f"{path}: {fatal[0].message.split(': ', 1)[-1]}")
        return doc
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load(name)
    except KeyError as exc:
        msg = str(exc)
        if any(sep in name for sep in "/\\") or "." in name[-5:]:
            msg = f"no such file or corpus id: {name}"
        raise CliError(msg) from None


def warning_summary(warnings, limit: int = 5) -> list[str]:  # noqa: ANN001 - ParseWarnings
    """Warnings as lines for a terminal: all of them when few, else the count of each kind
    and the first ``limit`` (a 50 MB input can raise thousands).

    Example:
        >>> from regtext import ParseWarning
        >>> ws = [ParseWarning("orphan-text", i, "text outside any article") for i in range(1, 40)]
        >>> print("\\n".join(warning_summary(ws, limit=2)))
        warning: 39 warnings: 39 orphan-text; the first 2:
        warning: line 1: text outside any article [orphan-text]
        warning: line 2: text outside any article [orphan-text]
    """
    from collections import Counter

    warnings = list(warnings)
    if len(warnings) <= 2 * limit:
        return [f"warning: {w}" for w in warnings]
    counts = Counter(w.kind for w in warnings)
    kinds = ", ".join(f"{n} {kind}" for kind, n in counts.most_common())
    return [f"warning: {len(warnings)} warnings: {kinds}; the first {limit}:"] + [
        f"warning: {w}" for w in warnings[:limit]]


def write_output(text: str | bytes, out: str | None, bom: bool = False) -> None:
    """Print ``text`` or write it to ``out`` (a path; ``-`` means stdout).

    ``bytes`` (a .docx or .xlsx) are written as they are; ``bom`` starts a text file with a
    UTF-8 byte-order mark, which Excel on Windows needs to read Chinese in a CSV.

    Example:
        >>> write_output("ok", None)
        ok
    """
    from pathlib import Path

    if not out or out == "-":
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            return
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    if isinstance(text, bytes):
        Path(out).write_bytes(text)
    else:
        Path(out).write_text(text, encoding="utf-8-sig" if bom else "utf-8")
    print(f"wrote {out}", file=sys.stderr)


def clip(text: str, columns: int) -> str:
    """Cut ``text`` to fit ``columns`` terminal cells (a CJK character takes two).

    Example:
        >>> clip("提供者应当遵守法律", 10)
        '提供者应…'
    """
    import unicodedata

    used, out = 0, []
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if used + w > columns - 1:
            rest = text[len(out):]
            if sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
                   for c in rest) + used <= columns:
                return text
            return "".join(out) + "…"
        out.append(ch)
        used += w
    return text


def render_table(table, width: int = 100) -> str:  # noqa: ANN001 - a rich Table
    """A rich table as plain text of at most ``width`` columns (no colour codes).

    Example:
        >>> from rich.table import Table
        >>> t = Table("ref", "text")
        >>> t.add_row("7.1", "提供者应当…")
        >>> "提供者应当" in render_table(t, 40)
        True
    """
    import io

    from rich.console import Console

    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(table)
    return console.file.getvalue()


def frame_text(df, fmt: str) -> str | None:  # noqa: ANN001 - a DataFrame
    """``df`` as CSV or JSON records for ``--format csv|json``; ``None`` for other formats.

    Example:
        >>> import pandas as pd
        >>> frame_text(pd.DataFrame({"ref": ["7.1"]}), "csv")
        'ref\\n7.1\\n'
    """
    if fmt == "csv":
        return df.to_csv(index=False)
    if fmt == "json":
        return df.to_json(orient="records", force_ascii=False, indent=1)
    return None


def check_ref(doc, ref: str | None, source: str) -> None:  # noqa: ANN001 - a Document
    """Raise :class:`CliError` when ``--ref`` names an article the document does not have.

    Example:
        >>> import regtext
        >>> check_ref(regtext.load("pipl"), "99.1", "pipl")
        Traceback (most recent call last):
        ...
        regtext.cli.CliError: pipl: no article '99'
    """
    if ref and ref.strip().split(".")[0] not in doc:
        raise CliError(f"{source}: no article {ref.strip().split('.')[0]!r}")

# `from __future__ import annotations` binds a module attribute; it is not part of the API
del annotations
