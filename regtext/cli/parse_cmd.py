"""``regtext parse FILE|ID [--format tree|json|csv]``: show a document's article tree."""

from __future__ import annotations

import argparse
import sys
import warnings

from . import CliError, clip, open_document, warning_summary, write_output

_INDENT = {"part": 0, "subpart": 1, "chapter": 1, "section": 2, "article": 2, "paragraph": 3,
           "item": 4, "subitem": 5, "preamble": 1, "appendix": 1}


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``regtext parse`` to the CLI's subcommands (see :func:`regtext.cli.main`)."""
    p = sub.add_parser("parse", help="parse a law into its article tree",
                       description="Parse a corpus text (id or alias) or a file into its "
                       "编/章/节 › 条 › 款 › 项 › 目 tree.")
    p.add_argument("source", metavar="FILE|ID|FOLDER",
                   help="a file path, a corpus id such as pipl, or a folder to summarise")
    p.add_argument("--format", choices=["tree", "json", "csv"], default="tree")
    p.add_argument("--width", type=int, default=100, help="tree view: terminal columns per line")
    p.add_argument("-o", "--output", help="write to this file instead of the terminal")
    p.add_argument("--jobs", type=int, default=1,
                   help="folder mode: worker processes (default 1)")
    p.set_defaults(func=run)


def tree_text(doc, width: int = 100) -> str:
    """A terminal-friendly outline of the document: one line per node, text truncated.

    Example:
        >>> import regtext
        >>> print(tree_text(regtext.parse("第一条 测试。"), 40))
        (untitled) — 1 articles
        第一条  [1]
           测试。
    """
    lines = [f"{doc.title or '(untitled)'} — {len(doc.articles)} articles"]
    for node in doc:
        pad = "  " * _INDENT.get(node.kind, 2)
        if node.kind in ("part", "subpart", "chapter", "section"):
            lines.append(f"{pad}{node.label} {node.heading}  [{node.ref}]")
            continue
        if node.kind == "article":
            lines.append(f"{pad}{node.label}  [{node.ref}]")
            continue
        own = (node.lead or "").replace("\n", " ")
        if node.kind == "paragraph" and not own:
            continue
        tag = f"[{node.ref}] " if node.kind != "paragraph" or len(
            doc.get(node.article).children) > 1 else ""
        lines.append(f"{pad}{tag}{clip(own, max(10, width - len(pad) - len(tag)))}")
    lines.extend(warning_summary(doc.warnings))
    return "\n".join(lines)


def summary_row(doc) -> dict:  # noqa: ANN001 - module level so worker processes can pickle it
    """One row of the folder summary: counts and warnings of one parsed document.

    Example:
        >>> import regtext
        >>> summary_row(regtext.load("genai-2023-final"))["articles"]
        24
    """
    kinds: dict[str, int] = {}
    for n in doc:
        kinds[n.kind] = kinds.get(n.kind, 0) + 1
    return {
        "id": doc.id,
        "title": doc.title,
        "articles": kinds.get("article", 0),
        "paragraphs": kinds.get("paragraph", 0),
        "items": kinds.get("item", 0),
        "chapters": kinds.get("chapter", 0),
        "warnings": len(doc.warnings),
        "warning_kinds": ",".join(sorted({w.kind for w in doc.warnings})),
    }


def run_folder(args: argparse.Namespace) -> int:
    """``regtext parse FOLDER``: parse every file, one summary row per file."""
    import pandas as pd

    from ..batch import map_many

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results = map_many(summary_row, args.source, jobs=args.jobs, progress=True)
    # every file left out or not read is named, with why (a .doc, a scanned PDF, a .jpg…)
    notes = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
    if notes:
        print(f"regtext parse: {len(notes)} file(s) skipped or not read:", file=sys.stderr)
        for note in notes:
            print(f"  {note}", file=sys.stderr)
    rows = [r for r in results if r is not None]
    if not rows:
        raise CliError(f"{args.source}: no .md, .txt or .html files, nor .docx or .pdf, that "
                       "could be read in this folder")
    df = pd.DataFrame(rows)
    if args.format == "csv":
        write_output(df.to_csv(index=False), args.output)
    elif args.format == "json":
        write_output(df.to_json(orient="records", force_ascii=False, indent=1), args.output)
    else:
        lines = [f"{len(df)} files, {int(df.articles.sum())} articles, "
                 f"{int(df.warnings.sum())} warnings; files with no articles: "
                 f"{int((df.articles == 0).sum())}"]
        for r in df.itertuples():
            flag = f"  [{r.warning_kinds}]" if r.warning_kinds else ""
            lines.append(clip(f"{r.articles:5d}  {r.id}{flag}", args.width))
        write_output("\n".join(lines), args.output)
    return 0


def run(args: argparse.Namespace) -> int:
    """Run ``regtext parse`` on parsed arguments; returns the exit status."""
    from pathlib import Path

    if Path(args.source).is_dir():
        return run_folder(args)
    doc = open_document(args.source)
    if args.format == "json":
        out = doc.to_json()
    elif args.format == "csv":
        out = doc.to_frame().to_csv(index=False)
    else:
        out = tree_text(doc, args.width)
    write_output(out, args.output)
    if not doc.articles:
        print(f"regtext parse: {args.source}: no articles found", file=sys.stderr)
    return 0
