"""Parse every LawRefBook file as pasted copies would arrive and check the tree is unchanged.

Run: ``python bench/perturb_corpus.py [FOLDER] [--jobs N] [--show K] [--limit N]``

Each file is parsed as is and after each perturbation below; a perturbed copy passes when
its tree has the same nodes (kind, ref, heading, text; whitespace ignored) as the original's.
Prints the share of files whose tree is unchanged under each perturbation and under all of
them at once, and lists the failures (target: 100%).

- ``em-indent``: every body line indented with two EM SPACEs (U+2003), as web pages do;
- ``respace``: the space after 第X条 / 第X章 becomes an IDEOGRAPHIC, EN, THIN or no-break
  space, tabs and zero-width spaces sprinkled in (one kind per line, cycling);
- ``no-separator``: the separator after 第X条 removed (第七十条以营利为目的…);
- ``crlf``: Windows line ends;
- ``all``: the four together.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "lawrefbook"

_NUM = "零〇一二三四五六七八九十百千万两0-9"
_ART_SEP = re.compile(rf"^(第[{_NUM}]+条(?:之[{_NUM}]+)?)[ \u3000]+", re.M)
_HEAD_SEP = re.compile(rf"^((?:#+ )?第[{_NUM}]+(?:编|分编|章|节|条(?:之[{_NUM}]+)?))[ \u3000]+",
                       re.M)
_SPACES = ["\u3000", "\u2002", "\u2009", "\u00a0", "\t", "\u200b "]


def em_indent(text: str) -> str:
    return "\n".join(line if not line.strip() or line.startswith(("#", "<!--"))
                     else "\u2003\u2003" + line for line in text.split("\n"))


def respace(text: str) -> str:
    count = iter(range(10 ** 9))
    return _HEAD_SEP.sub(lambda m: m.group(1) + _SPACES[next(count) % len(_SPACES)], text)


def no_separator(text: str) -> str:
    return _ART_SEP.sub(r"\1", text)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


PERTURBATIONS = {
    "em-indent": em_indent,
    "respace": respace,
    "no-separator": no_separator,
    "crlf": crlf,
    "all": lambda t: crlf(em_indent(respace(no_separator(t)))),
}


def signature(doc) -> list[tuple[str, str, str, str]]:
    """The tree as comparable data: whitespace (of any Unicode kind) does not count."""
    from regtext.text.normalize import fold

    def squash(s: str) -> str:
        return "".join(fold(s).split())

    return [(n.kind, n.ref, squash(n.heading), squash(n.text)) for n in doc]


def first_difference(a: list, b: list) -> str:
    for x, y in zip(a, b):
        if x != y:
            return f"{x[1]} ({x[0]}) != {y[1]} ({y[0]}): {x[3][:30]!r} / {y[3][:30]!r}"
    return f"{len(a)} nodes != {len(b)} nodes"


def check_file(path: str) -> tuple[str, dict[str, str]]:
    """For one file: perturbation name → '' when the tree is unchanged, else the first
    difference."""
    import regtext

    text = Path(path).read_text(encoding="utf-8", errors="replace")
    base = signature(regtext.parse(text, id=Path(path).stem))
    out = {}
    for name, perturb in PERTURBATIONS.items():
        got = signature(regtext.parse(perturb(text), id=Path(path).stem))
        out[name] = "" if got == base else first_difference(base, got)
    return path, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show", type=int, default=30, help="list this many failures per kind")
    ap.add_argument("--limit", type=int, default=0, help="only every file up to this many")
    args = ap.parse_args(argv)
    files = sorted(str(p) for p in Path(args.folder).rglob("*.md"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"no .md files under {args.folder}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(check_file, files, chunksize=16))
    seconds = time.perf_counter() - t0
    print(f"folder:   {args.folder}")
    print(f"files:    {len(files)}   ({seconds:.0f} s, {args.jobs} jobs)")
    failed_any = False
    for name in PERTURBATIONS:
        fails = [(p, r[name]) for p, r in results if r[name]]
        same = len(files) - len(fails)
        print(f"{name:14s} unchanged {same}/{len(files)} ({same / len(files):.2%})")
        for p, why in fails[: args.show]:
            print(f"    {Path(p).relative_to(args.folder)}: {why}")
        failed_any |= bool(fails)
    return 1 if failed_any else 0


if __name__ == "__main__":
    sys.exit(main())
