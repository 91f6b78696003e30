"""Parse every file under ../shared/lawrefbook and report robustness numbers.

Run: ``python bench/parse_corpus.py [FOLDER] [--jobs N] [--show K]``

Prints files, articles, seconds, exceptions, warnings by kind, and the files whose article
numbering is not one consecutive run (inserted 第X条之一 articles do not break a run).
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "lawrefbook"


def numbering_problem(doc) -> str:
    """Empty when the main article numbers run n, n+1, …; else a short description."""
    nums = [a.number for a in doc.articles]
    main = [int(n) for n in nums if n.isdigit()]
    if not main:
        return "no articles"
    for prev, cur in zip(main, main[1:]):
        if cur != prev + 1:
            return f"{prev}->{cur}"
    return ""


def parse_one(path: str):
    import regtext

    t0 = time.perf_counter()
    try:
        doc = regtext.read(path)
    except Exception:  # noqa: BLE001 - the point of the bench is to count these
        return path, None, traceback.format_exc(limit=3), time.perf_counter() - t0
    return path, doc, None, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--show", type=int, default=30, help="list this many problem files")
    ap.add_argument("--list", help="write every non-contiguous file with its problem here")
    args = ap.parse_args(argv)
    files = sorted(str(p) for p in Path(args.folder).rglob("*.md"))
    if not files:
        print(f"no .md files under {args.folder}", file=sys.stderr)
        return 2
    size = sum(Path(f).stat().st_size for f in files)
    t0, c0 = time.perf_counter(), time.process_time()
    import regtext  # noqa: F401 - import time counted

    results = [parse_one(f) for f in files]
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    errors = [(p, e) for p, d, e, _ in results if e]
    docs = [(p, d) for p, d, e, _ in results if d is not None]
    kinds: collections.Counter = collections.Counter()
    for _, d in docs:
        kinds.update(w.kind for w in d.warnings)
    articles = sum(len(d.articles) for _, d in docs)
    no_articles = [p for p, d in docs if not d.articles]
    broken = [(p, numbering_problem(d)) for p, d in docs if d.articles and numbering_problem(d)]
    with_articles = len(docs) - len(no_articles)
    contiguous = with_articles - len(broken)
    slow = sorted(results, key=lambda r: -r[3])[:3]

    print(f"folder:        {args.folder}")
    print(f"files:         {len(files)}  ({size / 1e6:.1f} MB)")
    print(f"articles:      {articles}")
    print(f"seconds:       {seconds:.2f}  ({size / 1e6 / seconds:.1f} MB/s, "
          f"{len(files) / seconds:.0f} files/s); cpu {cpu:.2f} s "
          f"({size / 1e6 / cpu:.1f} MB/s on an idle core)")
    print(f"exceptions:    {len(errors)}")
    print(f"no articles:   {len(no_articles)}")
    print(f"contiguous:    {contiguous}/{with_articles} files with articles "
          f"({contiguous / max(with_articles, 1):.2%})")
    print("slowest:       " + ", ".join(f"{Path(p).name} {t:.2f}s" for p, _, _, t in slow))
    print("warnings by kind:")
    for kind, n in kinds.most_common():
        print(f"  {kind:22s} {n}")
    if errors:
        print("exceptions:")
        for p, e in errors[: args.show]:
            print(f"  {p}\n    " + e.strip().splitlines()[-1])
    if broken:
        print(f"non-contiguous numbering (first {args.show} of {len(broken)}):")
        for p, why in broken[: args.show]:
            print(f"  {Path(p).relative_to(args.folder)}: {why}")
    if no_articles:
        print(f"no articles (first {min(args.show, 10)} of {len(no_articles)}):")
        for p in no_articles[: min(args.show, 10)]:
            print(f"  {Path(p).relative_to(args.folder)}")
    if args.list:
        Path(args.list).write_text("".join(f"{p}\t{w}\n" for p, w in broken), encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
