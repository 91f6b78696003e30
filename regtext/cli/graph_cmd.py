"""``regtext graph [--docs …] --format graphml|json|csv -o FILE``: export the obligation graph.

Example:
    >>> import tempfile, os
    >>> from regtext.cli import main
    >>> out = os.path.join(tempfile.mkdtemp(), "g.graphml")
    >>> main(["graph", "--docs", "csl", "-o", out])
    0
    >>> open(out, encoding="utf-8").read().count("<node ") > 100
    True
"""

from __future__ import annotations

import argparse

from . import CliError, write_output

_FORMATS = ("graphml", "json", "csv")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``regtext graph`` to the CLI's subcommands (see :func:`regtext.cli.main`)."""
    p = sub.add_parser(
        "graph", help="export the obligation graph (GraphML, node-link JSON, CSV)",
        description="Build the graph of documents, provisions, obligations, actors and terms "
        "with their contains/cites/imposes/bears/sanctions/defines/aligned_to/links_to/"
        "borrows_from edges, and write it. GraphML opens in Gephi; CSV writes FILE.nodes.csv "
        "and FILE.edges.csv.")
    p.add_argument("--docs", nargs="+", metavar="ID",
                   help="corpus ids or aliases (default: the whole shipped corpus)")
    p.add_argument("--format", choices=_FORMATS,
                   help="output format (default: from the -o suffix, else graphml)")
    p.add_argument("-k", type=int, default=5, help="links_to edges per clause and statute (5)")
    p.add_argument("-o", "--output", help="output file (graphml and json: default stdout)")
    p.add_argument("--summary", action="store_true",
                   help="print node and edge counts by kind instead of the graph")
    p.add_argument("--corpus", metavar="FOLDER",
                   help="build the whole-corpus graph of a folder of texts into a SQLite store "
                   "(unchanged files are skipped on the next run) and print its counts; "
                   "'registered' for the collections of `regtext corpus add` (a folder of that "
                   "name: ./registered)")
    p.add_argument("--store", metavar="PATH",
                   help="the store for --corpus (default ~/.cache/regtext/graph.sqlite)")
    p.add_argument("--workers", type=int, default=None,
                   help="worker processes for --corpus (default: one per CPU)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``regtext graph`` on parsed arguments; returns the exit status."""
    import json

    from ..corpus.catalog import resolve_id
    from ..network.builder import counts, graph, to_graphml, to_json, write

    if args.corpus:
        from pathlib import Path

        if args.docs:
            raise CliError("give --docs or --corpus, not both")
        if args.corpus != "registered" and not Path(args.corpus).exists():
            raise CliError(f"no such folder or file: {args.corpus}")
        try:
            S = graph(corpus=args.corpus, store=args.store, workers=args.workers)
        except ValueError as exc:  # nothing registered
            raise CliError(str(exc)) from None
        write_output(S.to_json(), args.output)
        return 0
    docs = None
    if args.docs:
        unknown = [d for d in args.docs if resolve_id(d) is None]
        if unknown:
            raise CliError(f"unknown corpus id: {', '.join(unknown)}")
        docs = [resolve_id(d) for d in args.docs]
    fmt = args.format
    if fmt is None:
        suffix = (args.output or "").rsplit(".", 1)[-1].lower() if args.output else ""
        fmt = suffix if suffix in _FORMATS else "graphml"
    if fmt == "csv" and not args.summary and (not args.output or args.output == "-"):
        raise CliError("--format csv writes two files: give -o FILE "
                       "(FILE.nodes.csv and FILE.edges.csv)")
    G = graph(docs, k=args.k)
    if args.summary:
        write_output(json.dumps(counts(G), ensure_ascii=False, indent=1), args.output)
        return 0
    if not args.output or args.output == "-":
        write_output(to_graphml(G) if fmt == "graphml" else to_json(G), None)
        return 0
    import sys

    for path in write(G, args.output, fmt):
        print(f"wrote {path}", file=sys.stderr)
    return 0
