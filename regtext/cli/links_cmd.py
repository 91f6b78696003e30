"""``regtext links ID|FILE [--to pipl] [-k 5]``: the statute provisions behind each clause.

Example:
    >>> from regtext.cli import main
    >>> main(["links", "genai-2023-final", "--ref", "12", "--to", "deep-synthesis",
    ...       "--format", "csv"])  # doctest: +ELLIPSIS
    source_ref,target_doc,target_ref,via,score,rank,...
    12.1,deep-synthesis,,citation,1.0,1,...
    0
"""

from __future__ import annotations

import argparse

from . import CliError, check_ref, frame_text, open_document, render_table, write_output


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``regtext links`` to the CLI's subcommands (see :func:`regtext.cli.main`)."""
    p = sub.add_parser(
        "links", help="link each clause to the statute provisions behind it",
        description="For each clause of a corpus text (id or alias) or a file, the ranked "
        "statute provisions behind it: explicit citations first, then shared concepts "
        "(个人信息处理者 → PIPL 73), then similar wording (BM25). Rank counts within each "
        "clause and statute: -k 5 keeps up to five provisions of every statute a clause "
        "reaches.")
    p.add_argument("source", metavar="ID|FILE", help="a corpus id such as genai-2023-final")
    p.add_argument("--to", metavar="STATUTE", action="append",
                   help="only links to this statute (id or alias; repeatable)")
    p.add_argument("-k", type=int, default=5, help="provisions per clause and statute (5)")
    p.add_argument("--ref", metavar="REF", help="only this article or clause (11 or 11.2)")
    p.add_argument("--via", choices=["citation", "concept", "similarity"], action="append",
                   help="only links from this source (repeatable)")
    p.add_argument("--as-of", metavar="DATE",
                   help="judge links against this date (YYYY-MM-DD; default: the text's own "
                   "date); statutes published later are left out. 'any' keeps every link")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("-o", "--output", help="write to this file instead of the terminal")
    p.set_defaults(func=run)


def table_text(df, title: str, width: int = 100) -> str:  # noqa: ANN001 - a DataFrame
    """A rich table of links, readable at ``width`` columns.

    Example:
        >>> import regtext
        >>> df = regtext.links(regtext.load("genai-2023-final"), to="pipl")
        >>> "第四十五条" in table_text(df[df.source_ref == "11.2"], "links")
        True
    """
    from rich.table import Table

    table = Table(title=title, title_justify="left", expand=False)
    table.add_column("clause", no_wrap=True)
    table.add_column("statute", no_wrap=True)
    table.add_column("provision", max_width=20, overflow="fold")
    table.add_column("via", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("evidence", max_width=18, overflow="fold")
    last = None
    for r in df.itertuples(index=False):
        src = r.source_ref if r.source_ref != last else ""
        last = r.source_ref
        table.add_row(src, r.target_doc, r.target_label or "(whole text)", r.via,
                      f"{r.score:.2f}", str(r.rank), r.evidence)
    return render_table(table, width)


def run(args: argparse.Namespace) -> int:
    """Run ``regtext links`` on parsed arguments; returns the exit status."""
    from ..network.linking import links

    if args.k < 1:
        raise CliError(f"-k must be at least 1, not {args.k}")
    doc = open_document(args.source)
    if args.to:
        from ..corpus.catalog import resolve_id

        unknown = [t for t in args.to if resolve_id(t) is None]
        if unknown:
            raise CliError(f"unknown statute: {', '.join(unknown)}")
    check_ref(doc, args.ref, args.source)
    as_of = None
    if args.as_of:
        import re

        if args.as_of.lower() == "any":
            as_of = False
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.as_of):
            as_of = args.as_of
        else:
            raise CliError(f"--as-of takes a date YYYY-MM-DD or 'any', not {args.as_of!r}")
    df = links(doc, k=args.k, to=args.to, as_of=as_of)
    if args.ref:
        ref = args.ref.strip()
        df = df[(df.source_ref == ref) | df.source_ref.str.startswith(ref + ".")]
    if args.via:
        df = df[df.via.isin(args.via)]
    out = frame_text(df, args.format)
    if out is None:
        n = df.source_ref.nunique()
        out = table_text(df, f"{doc.id or args.source}: {len(df)} links "
                         f"({n} clause{'' if n == 1 else 's'})")
    write_output(out, args.output)
    return 0
