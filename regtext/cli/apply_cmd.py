"""``regtext apply OLD DECISION``: carry out a 修改决定 on the old text and print the result."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import CliError, open_document, write_output


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``regtext apply`` to the CLI's subcommands (see :func:`regtext.cli.main`)."""
    a = sub.add_parser(
        "apply", help="carry out a 修改决定 on the old text",
        description="Apply the instructions of a 修改决定 (a file) to OLD and print the amended "
        "text; instructions that cannot be placed are listed on stderr.")
    a.add_argument("old", metavar="OLD", help="corpus id/alias or file (the text amended)")
    a.add_argument("decision", metavar="DECISION", help="file with the decision's text")
    a.add_argument("-o", "--output", help="write the amended text to this file")
    a.set_defaults(func=run_apply)


def run_apply(args: argparse.Namespace) -> int:
    """Run ``regtext apply``; returns 0, or 1 when some instruction could not be placed."""
    import warnings

    from ..compare.amend import apply

    old = open_document(args.old)
    path = Path(args.decision)
    if not path.is_file():
        raise CliError(f"no such decision file: {args.decision}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        new = apply(old, path.read_text(encoding="utf-8"))
    lines = [f"# {new.title}", ""] + [f"{a.label} {a.text}\n" for a in new.articles]
    write_output("\n".join(lines), args.output)
    for u in new.meta["unapplied"]:
        print(f"regtext apply: not placed: {u[:120]}", file=sys.stderr)
    return 1 if new.meta["unapplied"] else 0
