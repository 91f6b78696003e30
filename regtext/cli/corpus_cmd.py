"""``regtext corpus``: list the shipped texts; ``add``/``remove``/``list`` registered folders.

    regtext corpus [--format table|csv|json]          # the shipped texts (as always)
    regtext corpus --registered                       # the registered collections
    regtext corpus add PATH                           # index a folder (LawRefBook or any)
    regtext corpus list [--registered] [--documents]  # shipped texts, collections or documents
    regtext corpus remove PATH                        # forget a registered folder
"""

from __future__ import annotations

import argparse
import sys

from . import CliError, write_output


def _listing_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("-o", "--output")
    p.add_argument("--registered", action="store_true",
                   help="list the registered collections instead of the shipped texts")
    p.add_argument("--documents", action="store_true",
                   help="with --registered: one row per registered document")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``regtext corpus`` to the CLI's subcommands (see :func:`regtext.cli.main`)."""
    p = sub.add_parser("corpus", help="list the shipped texts; register folders of laws",
                       description="List the texts shipped with regtext (id, title, status, "
                       "verification, dates), or register a folder of laws of your own "
                       "(a LawRefBook checkout or any folder of .md/.txt/.html files) so that "
                       "regtext.load() and citation resolution find them.")
    _listing_options(p)
    p.set_defaults(func=run)
    actions = p.add_subparsers(dest="corpus_action", metavar="ACTION")
    add = actions.add_parser("add", help="index a folder of laws into the registry",
                             description="Index a folder into the registry (SQLite in "
                             "$REGTEXT_CACHE, $XDG_CACHE_HOME/regtext or ~/.cache/regtext). "
                             "Re-running it only reads files that changed.")
    add.add_argument("path", help="a LawRefBook checkout or any folder of law files")
    add.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    add.set_defaults(func=run_add)
    rm = actions.add_parser("remove", help="forget a registered folder")
    rm.add_argument("path")
    rm.set_defaults(func=run_remove)
    ls = actions.add_parser("list", help="list shipped texts or registered collections")
    _listing_options(ls)
    ls.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``regtext corpus`` (or ``corpus list``) on parsed arguments; returns the exit status."""
    from ..corpus import listing, registry

    if args.registered:
        df = registry.documents() if args.documents else registry.collections()
        if df.empty:
            print("no registered collections (add one with `regtext corpus add PATH`)",
                  file=sys.stderr)
        columns = (["id", "title", "doc_type", "date"] if args.documents
                   else ["root", "kind", "prefix", "documents", "indexed"])
        title = "registered documents" if args.documents else "registered collections"
    else:
        df = listing()
        columns = ["id", "title", "status", "verification", "effective"]
        title = "regtext corpus"
    if args.format == "csv":
        write_output(df.to_csv(index=False), args.output)
    elif args.format == "json":
        write_output(df.to_json(orient="records", force_ascii=False, indent=1), args.output)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False)
        for col in columns:
            table.add_column(col, overflow="fold")
        for rec in df.to_dict("records"):
            table.add_row(*(str(rec.get(c) or "") for c in columns))
        Console(width=110).print(table)
    return 0


def run_add(args: argparse.Namespace) -> int:
    """``regtext corpus add PATH``: index the folder, then print what was done on stderr."""
    from pathlib import Path

    from ..corpus import registry

    if not Path(args.path).is_dir():
        raise CliError(f"not a folder: {args.path}")
    try:
        report = registry.register(args.path, progress=not args.quiet)
    except registry.RegistryError as exc:
        raise CliError(str(exc)) from None
    print(report, file=sys.stderr)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    """``regtext corpus remove PATH``: forget a registered folder."""
    from pathlib import Path

    from ..corpus import registry

    root = str(Path(args.path).expanduser().resolve())
    if root not in set(registry.collections()["root"]):
        raise CliError(f"not a registered folder: {args.path} "
                       "(`regtext corpus --registered` lists them)")
    n = registry.unregister(root)
    print(f"removed {args.path} ({n} documents) from the registry", file=sys.stderr)
    return 0
