"""``regtext obligations ID|FILE``: who must, must not, may or is encouraged to do what.

Example:
    >>> from regtext.cli import main
    >>> main(["obligations", "genai-2023-final", "--ref", "18", "--format", "csv"])
    ... # doctest: +ELLIPSIS
    ref,label,actor,modality,trigger,text,condition,exception,start,end,actor_raw,...
    18.1,第十八条,使用者,permission,有权,...
    0
"""

from __future__ import annotations

import argparse

from . import check_ref, frame_text, open_document, render_table, write_output

_MODALITIES = ("obligation", "prohibition", "permission", "encouragement", "penalty")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``regtext obligations`` to the CLI's subcommands (see :func:`regtext.cli.main`)."""
    p = sub.add_parser(
        "obligations", help="list the norms of a law: actor, modality, trigger, condition",
        description="Extract every norm of a corpus text (id or alias) or a file: who must "
        "(应当), must not (不得), may (可以), is encouraged to (鼓励) do what, and the penalties "
        "of its liability clauses.")
    p.add_argument("source", metavar="ID|FILE", help="a corpus id such as pipl, or a file path")
    p.add_argument("--actor", metavar="ACTOR",
                   help="only norms of this actor: a normalised name (提供者, 主管部门, 国家…), "
                   "else words of the actor as written")
    p.add_argument("--modality", choices=_MODALITIES, action="append",
                   help="only this modality (repeatable)")
    p.add_argument("--ref", metavar="REF", help="only this article or clause (7 or 7.1.2)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("-o", "--output", help="write to this file instead of the terminal")
    p.set_defaults(func=run)


def _filter(df, args: argparse.Namespace):  # noqa: ANN001 - a pandas DataFrame
    if args.actor:
        actor = args.actor.strip()
        exact = df[df.actor == actor]
        # the normalised name first; else the actor's words as written (网络运营者 → 运营)
        df = exact if len(exact) else df[df.actor_raw.fillna("").str.contains(actor,
                                                                             regex=False)]
    if args.modality:
        df = df[df.modality.isin(args.modality)]
    if args.ref:
        ref = args.ref.strip()
        df = df[(df.ref == ref) | df.ref.str.startswith(ref + ".")]
    return df


def table_text(df, title: str, width: int = 100) -> str:  # noqa: ANN001 - a DataFrame
    """A rich table of norms, readable at ``width`` columns.

    Example:
        >>> import regtext
        >>> df = regtext.obligations(regtext.load("genai-2023-final"))
        >>> out = table_text(df[df.ref == "11.1"], "genai-2023-final")
        >>> "prohibition" in out and "提供者" in out
        True
    """
    from rich.table import Table

    table = Table(title=title, title_justify="left", expand=False)
    table.add_column("ref", no_wrap=True)
    table.add_column("actor", max_width=14, overflow="fold")
    table.add_column("modality", no_wrap=True)
    table.add_column("trigger", no_wrap=True)
    table.add_column("norm", max_width=44, overflow="fold")
    table.add_column("condition", max_width=16, overflow="fold")
    for r in df.itertuples(index=False):
        actor = r.actor if isinstance(r.actor, str) else "—"
        text = r.text if len(r.text) <= 88 else r.text[:87] + "…"
        cond = r.condition if len(r.condition) <= 32 else r.condition[:31] + "…"
        table.add_row(str(r.ref), actor, r.modality, r.trigger, text, cond)
    return render_table(table, width)


def run(args: argparse.Namespace) -> int:
    """Run ``regtext obligations`` on parsed arguments; returns the exit status."""
    from ..extract.norms import obligations

    doc = open_document(args.source)
    check_ref(doc, args.ref, args.source)
    df = _filter(obligations(doc), args)
    out = frame_text(df, args.format)
    if out is None:
        counts = df.modality.value_counts()
        summary = ", ".join(f"{counts[m]} {m}" for m in _MODALITIES if m in counts)
        noun = "norm" if len(df) == 1 else "norms"
        out = table_text(df, f"{doc.id or args.source}: {len(df)} {noun} ({summary})")
    write_output(out, args.output)
    return 0
