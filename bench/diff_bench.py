"""Time regtext.diff on the genai draft → final pair and on the two largest version pairs
of lawrefbook (two dated files of the same law).

Run: python bench/diff_bench.py [--lawref DIR] [--repeat N] [--large-only]

Prints, per pair: article counts, parse time, the first diff (cold: includes loading the
jieba dictionary in a fresh process), the best of N warm diffs, and to_frame() times for
article and clause level (tags and redlines are computed there).

Then the large pair of issue 11 (刑事诉讼法解释 2012 → 2021, 548 → 655 articles):
``to_frame("article")`` on the first diff and, best of N, on a new diff of the same
documents ("warm"), in wall and CPU seconds, split into clause alignment, clause tags and
article redlines. ``--large-only`` runs just that.
"""

from __future__ import annotations

import argparse
import re
import time
import warnings
from collections import defaultdict
from pathlib import Path

import regtext

DATED = re.compile(r"^(?P<name>.+)\((?P<date>\d{4}-\d{2}-\d{2})\)\.md$")


def largest_version_pairs(root: Path, n: int = 2) -> list[tuple[Path, Path]]:
    """The n laws with the most text among those with two or more dated versions
    (their earliest and latest versions)."""
    versions: dict[Path, list[tuple[str, Path]]] = defaultdict(list)
    for path in root.rglob("*.md"):
        m = DATED.match(path.name)
        if m:
            versions[path.parent / m.group("name")].append((m.group("date"), path))
    pairs = []
    for files in versions.values():
        if len(files) >= 2:
            (_, a), (_, b) = sorted(files)[0], sorted(files)[-1]
            pairs.append((a.stat().st_size + b.stat().st_size, a, b))
    return [(a, b) for _, a, b in sorted(pairs, reverse=True)[:n]]


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def bench(name: str, load_old, load_new, repeat: int) -> None:
    (old, new), t_parse = timed(lambda: (load_old(), load_new()))
    cmp, t_cold = timed(lambda: regtext.diff(old, new))
    t_warm = min(timed(lambda: regtext.diff(old, new))[1] for _ in range(repeat))
    _, t_frame = timed(lambda: cmp.to_frame("article"))
    _, t_clause = timed(lambda: cmp.to_frame("clause"))
    warm_cmp = regtext.diff(old, new)
    _, t_frame_warm = timed(lambda: warm_cmp.to_frame("article"))
    s = cmp.summary()
    print(f"{name}\n  articles {len(old.articles)} → {len(new.articles)}; rows {s['rows']} "
          f"{s['change']}")
    print(f"  parse {t_parse:.3f}s | diff first {t_cold:.3f}s, warm {t_warm:.3f}s | "
          f"to_frame(article) {t_frame:.3f}s (again on a new diff {t_frame_warm:.3f}s) | "
          f"to_frame(clause) {t_clause:.3f}s")
    # the memo: first on this diff (norms of both texts), then warm (a new diff, same docs)
    _, t_memo_first = timed(lambda: cmp.memo())
    t_memo = min(timed(lambda: regtext.diff(old, new).memo())[1] for _ in range(repeat))
    _, t_dec = timed(lambda: regtext.diff(old, new).to_decision())
    print(f"  memo first {t_memo_first:.3f}s, warm (diff + memo) {t_memo:.3f}s | "
          f"diff + to_decision {t_dec:.3f}s")


#: The issue-11 pair: the largest dated version pair of a judicial interpretation.
LARGE = ("司法解释/最高人民法院关于适用《刑事诉讼法》的解释(2012-12-20).md",
         "司法解释/最高人民法院关于适用《刑事诉讼法》的解释(2021-01-26).md")


def large_frame(root: Path, repeat: int) -> None:
    """``to_frame("article")`` on the issue-11 pair, split into its parts (the clause rows,
    their tags, the article redlines, the frame itself), wall and CPU seconds."""
    pa, pb = root / LARGE[0], root / LARGE[1]
    if not (pa.exists() and pb.exists()):
        print(f"(large pair not found under {root})")
        return
    old, new = regtext.read(pa), regtext.read(pb)
    clocks = (time.perf_counter, time.process_time)

    def once() -> list[tuple[float, float]]:
        marks = [tuple(c() for c in clocks)]
        cmp = regtext.diff(old, new)
        marks.append(tuple(c() for c in clocks))
        _ = cmp.clause_pairs
        marks.append(tuple(c() for c in clocks))
        _ = [p.tags for p in cmp.pairs]
        marks.append(tuple(c() for c in clocks))
        _ = [p.redline for p in cmp.pairs]
        marks.append(tuple(c() for c in clocks))
        cmp2 = regtext.diff(old, new)  # the whole to_frame, on its own, on a new diff
        t0 = tuple(c() for c in clocks)
        cmp2.to_frame("article")
        marks.append(t0)
        marks.append(tuple(c() for c in clocks))
        return [(b[0] - a[0], b[1] - a[1]) for a, b in zip(marks, marks[1:])]

    names = ["diff", "clause rows", "tags", "redlines", "", "to_frame(article)"]

    def show(label: str, parts: list[tuple[float, float]]) -> None:
        print(f"  {label}: " + " | ".join(f"{n} {w:.2f}s wall / {c:.2f}s CPU"
                                          for n, (w, c) in zip(names, parts) if n))

    print(f"{LARGE[0].split('/')[-1]} → {pb.name}\n  articles {len(old.articles)} → "
          f"{len(new.articles)}")
    show("first", once())
    runs = [once() for _ in range(repeat)]
    show(f"warm (best of {repeat})",
         [(min(r[k][0] for r in runs), min(r[k][1] for r in runs)) for k in range(len(names))])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lawref", default="/work/shared/lawrefbook")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--large-only", action="store_true",
                    help="only the issue-11 large pair's to_frame timing")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    if args.large_only:
        large_frame(Path(args.lawref), args.repeat)
        return
    bench("genai-2023-draft → genai-2023-final",
          lambda: regtext.load("genai-2023-draft"), lambda: regtext.load("genai-2023-final"),
          args.repeat)
    root = Path(args.lawref)
    if not root.exists():
        print(f"(no lawrefbook at {root}: skipping the version pairs)")
        return
    for a, b in largest_version_pairs(root):
        bench(f"{a.relative_to(root)} → {b.name}", lambda a=a: regtext.read(a),
              lambda b=b: regtext.read(b), args.repeat)
    large_frame(root, args.repeat)


if __name__ == "__main__":
    main()
