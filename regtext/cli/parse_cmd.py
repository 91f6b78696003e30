"""``regtext parse FILE|ID [--format tree|json|csv]``: show a document's article tree."""

from __future__ import annotations

import argparse
import sys

from . import clip, open_document, write_output

_INDENT = {"part": 0, "subpart": 1, "chapter": 1, "section": 2, "article": 2, "paragraph": 3,
           "item": 4, "subitem": 5, "preamble": 1, "appendix": 1}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="parse a law into its article tree",
                       description="Parse a corpus text (id or alias) or a file into its "
                       "编/章/节 › 条 › 款 › 项 › 目 tree.")
    p.add_argument("source", metavar="FILE|ID", help="a file path, or a corpus id such as pipl")
    p.add_argument("--format", choices=["tree", "json", "csv"], default="tree")
    p.add_argument("--width", type=int, default=100, help="tree view: terminal columns per line")
    p.add_argument("-o", "--output", help="write to this file instead of the terminal")
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
    for w in doc.warnings:
        lines.append(f"warning: {w}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
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
