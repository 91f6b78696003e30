"""``regtext cites ID|FILE``: what each clause cites, resolved to a document and a provision.

Example:
    >>> from regtext.cli import main
    >>> main(["cites", "csl", "--format", "csv", "--ref", "64.1"])  # doctest: +ELLIPSIS
    source_ref,text,kind,target_doc,target_title,target_ref,start,end,form,pin,resolved,target_held
    64.1,本法第二十二条第三款、第四十一条至第四十三条,internal,csl,中华人民共和国网络安全法,22.3,...
    0
"""

from __future__ import annotations

import argparse

from . import check_ref, frame_text, open_document, render_table, write_output


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``regtext cites`` to the CLI's subcommands (see :func:`regtext.cli.main`)."""
    p = sub.add_parser(
        "cites", help="list the citations of a law, resolved to document and provision",
        description="Find what each clause of a corpus text (id or alias) or a file cites: "
        "external titles, 本法 pins, lists, ranges and relative references (前款, 前条…).")
    p.add_argument("source", metavar="ID|FILE", help="a corpus id such as csl, or a file path")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--kind", choices=["external", "internal"], help="only this kind")
    p.add_argument("--target", metavar="ID|TITLE",
                   help="only citations of this document (corpus id, alias or title words)")
    p.add_argument("--ref", metavar="REF",
                   help="only citations made by this clause or article (59 or 59.1)")
    p.add_argument("--unresolved", action="store_true",
                   help="only citations whose target document or provision was not found")
    p.add_argument("-o", "--output", help="write to this file instead of the terminal")
    p.set_defaults(func=run)


def _filter(df, args: argparse.Namespace):  # noqa: ANN001 - a pandas DataFrame
    from ..corpus.catalog import resolve_id

    if args.kind:
        df = df[df.kind == args.kind]
    if args.ref:
        ref = args.ref.strip()
        df = df[(df.source_ref == ref) | df.source_ref.str.startswith(ref + ".")]
    if args.target:
        tid = resolve_id(args.target)
        if tid is not None:
            df = df[df.target_doc == tid]
        else:
            df = df[df.target_title.fillna("").str.contains(args.target, regex=False)]
    if args.unresolved:
        df = df[~df.resolved.astype(bool)]
    return df


def table_text(df, title: str, width: int = 100) -> str:  # noqa: ANN001 - a DataFrame
    """A rich table of citations, readable at ``width`` columns.

    Example:
        >>> import regtext
        >>> df = regtext.citations(regtext.load("csl"))
        >>> out = table_text(df[df.source_ref == "48.2"], "csl")
        >>> "48.2" in out and "前款" in out and "48.1" in out
        True
    """
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    table.add_column("source", no_wrap=True)
    table.add_column("citing words", max_width=40, overflow="fold")
    table.add_column("kind", no_wrap=True)
    table.add_column("target", max_width=24, overflow="fold")
    table.add_column("ref", no_wrap=True)
    for r in df.itertuples(index=False):
        target = r.target_doc if isinstance(r.target_doc, str) else (
            f"? {r.target_title}" if isinstance(r.target_title, str) else "?")
        ref = r.target_ref if isinstance(r.target_ref, str) else (
            f"({r.pin}?)" if isinstance(r.pin, str) else "—")
        table.add_row(str(r.source_ref), str(r.text), str(r.kind), target, ref)
    return render_table(table, width)


def run(args: argparse.Namespace) -> int:
    """Run ``regtext cites`` on parsed arguments; returns the exit status."""
    from ..extract.citing import citations

    doc = open_document(args.source)
    check_ref(doc, args.ref, args.source)
    df = _filter(citations(doc), args)
    out = frame_text(df, args.format)
    if out is None:
        name = doc.id or args.source
        resolved = int(df.resolved.astype(bool).sum())
        out = table_text(df, f"{name}: {len(df)} citations, {resolved} resolved")
    write_output(out, args.output)
    return 0
