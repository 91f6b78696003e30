"""``regtext memo [OLD NEW] [-o memo.docx|.md|.html]``: the comparison memo.

With no arguments ``memo`` compares the shipped generative-AI draft with the final Measures.
The output format follows the file suffix (``.docx``, ``.html``, else Markdown).
"""

from __future__ import annotations

import argparse
import sys

from . import CliError, open_document, write_output

DEFAULT_OLD = "genai-2023-draft"
DEFAULT_NEW = "genai-2023-final"


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``regtext memo`` to the CLI's subcommands (see :func:`regtext.cli.main`)."""
    p = sub.add_parser(
        "memo", help="the comparison memo a lawyer sends (Markdown, HTML or Word)",
        description="Write the comparison memo for two versions of a regulation: header with "
        "issuers, dates and verification caveats, executive summary, changes by theme with "
        "pinpoint refs and direction, obligations per actor, citations, concordance and the "
        "对照表. With no arguments: the 2023 generative-AI draft against the final Measures.")
    p.add_argument("old", nargs="?", metavar="OLD", help="corpus id/alias or file (old version)")
    p.add_argument("new", nargs="?", metavar="NEW", help="corpus id/alias or file (new version)")
    p.add_argument("-o", "--output", help="memo.docx, memo.html or memo.md (default: Markdown "
                   "to the terminal)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``regtext memo``; returns the exit status."""
    import warnings

    from ..compare.comparison import diff

    if (args.old is None) != (args.new is None):
        raise CliError("give both OLD and NEW, or neither (the shipped genai draft → final)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the memo's header states the verification caveats
        old = open_document(args.old or DEFAULT_OLD)
        new = open_document(args.new or DEFAULT_NEW)
    memo = diff(old, new).memo()
    out = args.output
    if out and out.lower().endswith(".docx"):
        memo.to_docx(out)
        print(f"wrote {out}", file=sys.stderr)
    elif out and out.lower().endswith((".html", ".htm")):
        write_output(memo.to_html(), out)
    else:
        write_output(memo.to_markdown(), out)
    return 0
