"""``regtext diff [OLD] [NEW]``: compare two versions of a regulation clause by clause.

With no arguments it compares the shipped generative-AI draft with the final Measures.
Formats: ``table`` (terminal, 100 columns), ``csv`` (with a BOM when written to a file),
``json``, ``html`` (self-contained, side by side), ``markdown``, ``duizhao`` (修改对照表),
``decision`` (修改决定 wording), ``docx`` (Word, tracked changes) and ``xlsx`` (Excel).
A partly verified text gets a one-line caution on stderr.
"""

from __future__ import annotations

import argparse
import re
import sys

from . import CliError, open_document, write_output

DEFAULT_OLD = "genai-2023-draft"
DEFAULT_NEW = "genai-2023-final"


def _formats() -> list[str]:
    """``table`` (the terminal view) plus every renderer in regtext.compare.reports."""
    from ..compare.reports import FORMATS

    return ["table", *FORMATS]


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``regtext diff`` to the CLI's subcommands (see :func:`regtext.cli.main`)."""
    p = sub.add_parser(
        "diff", help="compare two versions of a regulation clause by clause",
        description="Align two versions of a regulation by content (moves, renumbering, "
        "splits, merges, additions, deletions), with redlines and change tags. With no "
        "arguments: the 2023 generative-AI draft against the final Interim Measures.")
    p.add_argument("old", nargs="?", metavar="OLD", help="corpus id/alias or file (old version)")
    p.add_argument("new", nargs="?", metavar="NEW", help="corpus id/alias or file (new version)")
    p.add_argument("--level", choices=["article", "clause"], default="article",
                   help="rows per article (条) or per clause (款/项)")
    p.add_argument("--format", choices=_formats(), default="table",
                   help="duizhao = 修改对照表, decision = 修改决定-style instructions")
    p.add_argument("--width", type=int, default=100, help="table: characters per line")
    p.add_argument("--lang", choices=["zh", "en"], default="zh",
                   help="html, markdown, docx, xlsx: change types and tags in Chinese or English")
    p.add_argument("--changes-only", action="store_true",
                   help="html, markdown, duizhao, xlsx: leave out unchanged rows")
    p.add_argument("-o", "--output", help="write to this file instead of the terminal "
                   "(required for docx and xlsx)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run ``regtext diff`` on parsed arguments; returns the exit status."""
    from ..compare.comparison import diff

    if (args.old is None) != (args.new is None):
        raise CliError("give both OLD and NEW, or neither (the shipped genai draft → final)")
    old = open_document(args.old or DEFAULT_OLD)
    new = open_document(args.new or DEFAULT_NEW)
    for name, doc in ((args.old or DEFAULT_OLD, old), (args.new or DEFAULT_NEW, new)):
        if not doc.articles:
            print(f"regtext diff: {name}: no articles found", file=sys.stderr)
    from ..compare.reports import FORMATS

    fmt = FORMATS.get(args.format)
    if fmt is not None and fmt.binary and (not args.output or args.output == "-"):
        raise CliError(f"--format {args.format} writes a file: add -o FILE{fmt.suffix}")
    cmp = diff(old, new, progress=_progress(old, new))
    _caveat(cmp)
    if fmt is not None:
        options = {k: v for k, v in (("lang", args.lang), ("changes_only", args.changes_only))
                   if k in _accepts(fmt.render)}
        if args.changes_only and "changes_only" not in options:
            print(f"regtext diff: --changes-only does not apply to --format {args.format}",
                  file=sys.stderr)
        write_output(fmt.render(cmp, level=args.level, **options), args.output,
                     bom=args.format == "csv")
        return 0
    if not args.output and sys.stdout.isatty():
        _print_table(cmp, args.level, args.width, color=True)
        return 0
    write_output(_print_table(cmp, args.level, args.width, color=False), args.output)
    return 0


def _accepts(render) -> set[str]:  # noqa: ANN001 - a registered renderer
    """The keyword options a renderer takes (the CLI offers --lang/--changes-only to those)."""
    import inspect

    fn = inspect.unwrap(render)
    return set(inspect.signature(fn).parameters)


def _caveat(cmp) -> None:  # noqa: ANN001 - a Comparison
    """One line on stderr per compared text that is only partly verified."""
    from ..compare.reports import provenance

    for p in provenance(cmp):
        print(f"regtext diff: caution: {p['id']} is only partly verified ({p['verification']});"
              f" differences in its unverified parts may not be real (see `regtext corpus`)",
              file=sys.stderr)


#: above this many articles on both sides together, the CLI reports progress on stderr
LARGE = 2000


def _progress(old, new):  # noqa: ANN001, ANN202 - Documents; a callback or None
    """A progress callback printing to stderr for large inputs (None for small ones)."""
    import time

    if len(old.articles) + len(new.articles) < LARGE:
        return None
    start = time.perf_counter()

    def report(stage: str, done: int, total: int) -> None:
        what = "aligning" if stage == "align" else stage
        state = "done" if done >= total else "…"
        print(f"regtext diff: {what} {total} articles {state} "
              f"({time.perf_counter() - start:.0f} s)", file=sys.stderr, flush=True)

    return report


def _short(p, side: str) -> str:
    """第十三条第二款第（四）项 → 13.2.4 keeps the table narrow; articles show as 第N条."""
    ref = p.old_ref if side == "old" else p.new_ref
    if ref is None:
        return "—"
    return ref


_SUBSTANCE_RE = re.compile(
    r"[0-9０-９]|[零〇一二三四五六七八九十百千万两]+(?:个|日|天|年|月|小时|元|倍)|"
    r"应当|应该|必须|不得|禁止|严禁|可以|有权|鼓励|支持|罚款|罚金|没收|吊销|责令|警告|处分|"
    r"拘留|刑事责任|暂停|终止|期限|以内|之日起")


def _weight(e) -> int:
    """How much an edit matters to a lawyer: numbers (deadlines, fines), modal words and
    sanctions first, then deletions (a deleted duty), then the rest."""
    from ..compare.alignment import clean

    text = (e.old or "") + (e.new or "")
    if not clean(text):  # punctuation alone comes last
        return -1
    return 2 * len(_SUBSTANCE_RE.findall(text)) + (1 if e.old and not e.new else 0)


def _changes(p, room: int):
    """A one-line gist of the redline: −deleted +inserted (edits of words first, then any
    of punctuation alone; "punctuation only" when that is all), or the text of an added row.

    When the gist does not fit in ``room`` cells, the edits that carry substance (numbers,
    modal words, sanctions, deletions) are kept and the others dropped (shown as …), in
    their order in the text, so the fine, 3个月 or 画像 are never what is cut."""
    from rich.text import Text

    t = Text()
    if p.change == "unchanged":
        t.append("=", style="dim")
        return t
    if p.change in ("added", "deleted"):
        sign, style, text = (("+", "green", p.new_text) if p.change == "added"
                             else ("−", "red", p.old_text))
        t.append(sign + _flat(text), style=style)
        if t.cell_len > room:
            t.truncate(room - 1)
            t.append("…")
        return t
    from ..compare.alignment import clean

    changed = [e for e in p.edits if e.op != "equal"]
    # an edit of punctuation alone (+，) says nothing a lawyer reads first: the edits of
    # words come first, and a row with nothing else says "punctuation only"
    words = [e for e in changed if clean(e.old or "") or clean(e.new or "")]
    if changed and not words:
        t.append("punctuation only", style="dim")
        return t
    changed = words + [e for e in changed if e not in words]

    def render(chosen) -> Text:
        out = Text()
        last = -1
        for k, e in enumerate(changed):
            if k not in chosen:
                continue
            if last >= 0 and k != last + 1 or last < 0 and k > 0:
                out.append("… ", style="dim")
            if e.old:
                out.append("−" + _flat(e.old), style="red strike")
                out.append(" ")
            if e.new:
                out.append("+" + _flat(e.new), style="green")
                out.append(" ")
            last = k
        if chosen and max(chosen) < len(changed) - 1:
            out.append("…", style="dim")
        return out

    full = render(set(range(len(changed))))
    if full.cell_len <= room:
        return full
    chosen: set[int] = set()
    for k in sorted(range(len(changed)), key=lambda k: (-_weight(changed[k]), k)):
        trial = render(chosen | {k})
        if trial.cell_len <= room:
            chosen.add(k)
    if not chosen:  # not even one edit fits: cut the weightiest one
        best = min(range(len(changed)), key=lambda k: (-_weight(changed[k]), k))
        t = render({best})
        t.truncate(room - 1)
        t.append("…")
        return t
    return render(chosen)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _print_table(cmp, level: str, width: int, color: bool) -> str:
    import io

    from rich import box
    from rich.console import Console
    from rich.table import Table

    from ..compare.reports import summary_sentence

    s = cmp.summary(level)
    buf = io.StringIO()
    console = (Console(width=width) if color
               else Console(file=buf, width=width, color_system=None, force_terminal=False))
    title = f"{cmp.old.title or cmp.old.id} → {cmp.new.title or cmp.new.id}"
    table = Table(title=title, box=box.SIMPLE_HEAD, show_lines=False, pad_edge=False,
                  title_justify="left", expand=True)
    pair_w = 9 if level == "article" else 15
    table.add_column("old → new", no_wrap=True, width=pair_w)
    table.add_column("change", no_wrap=True, width=15)
    table.add_column("sim", justify="right", no_wrap=True, width=4)
    table.add_column("tags", width=20, overflow="fold")
    table.add_column("what changed", ratio=1, overflow="fold")
    style = {"added": "green", "deleted": "red", "unchanged": "dim", "modified": ""}
    # two lines of the last column (its width in cells, minus padding)
    room = max(20, 2 * (width - pair_w - 15 - 4 - 20 - 2 * 4 - 1))
    for p in cmp.rows(level):
        change = p.change
        if p.relation in ("split", "merge", "many-to-many"):
            change += f" {p.relation}"
        if p.moved:
            change += " moved"
        sim = f"{p.similarity:.2f}" if p.old_ref and p.new_ref else ""
        table.add_row(f"{_short(p, 'old')} → {_short(p, 'new')}", change, sim,
                      "\n".join(p.tags), _changes(p, room), style=style.get(p.change, ""))
    console.print(table)
    console.print(summary_sentence(s), style="dim", highlight=False)
    return buf.getvalue()
