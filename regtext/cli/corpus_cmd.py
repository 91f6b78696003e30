"""``regtext corpus [--format table|csv|json]``: list the shipped texts."""

from __future__ import annotations

import argparse

from . import write_output


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``regtext corpus`` to the CLI's subcommands (see :func:`regtext.cli.main`)."""
    p = sub.add_parser("corpus", help="list the shipped texts with their status",
                       description="List the texts shipped with regtext: id, title, status, "
                       "verification and dates.")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("-o", "--output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``regtext corpus`` on parsed arguments; returns the exit status."""
    from ..corpus import listing

    df = listing()
    if args.format == "csv":
        write_output(df.to_csv(index=False), args.output)
    elif args.format == "json":
        write_output(df.to_json(orient="records", force_ascii=False, indent=1), args.output)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title="regtext corpus", show_lines=False)
        for col in ("id", "title", "status", "verification", "effective"):
            table.add_column(col, overflow="fold")
        for rec in df.to_dict("records"):
            table.add_row(rec["id"], rec["title"], rec["status"], rec["verification"],
                          rec.get("effective") or "")
        Console(width=110).print(table)
    return 0
