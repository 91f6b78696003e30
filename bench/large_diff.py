"""How long does ``regtext.diff`` take on a very large text against itself?

Builds one document by concatenating LawRefBook laws (every article of every file, in file
order, renumbered 第一条, 第二条, … so the result reads as one long law) until it reaches
``--mb`` megabytes of UTF-8, then times parsing, ``regtext.diff(doc, doc)`` (with its
progress callback printing to stderr) and the article-level ``to_frame()``.

Run: python bench/large_diff.py [--mb 50] [--lawref DIR] [--profile]

The issue-15 target is 50 MB in at most 2 minutes. ``--profile`` prints the 15 most
expensive functions of the diff (cProfile, cumulative), to say where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
import warnings
from pathlib import Path

import regtext
from regtext.text.numerals import int_to_cn


def lawrefbook() -> Path:
    for base in (Path(__file__).resolve().parents[2], Path("/work")):
        p = base / "shared" / "lawrefbook"
        if p.is_dir():
            return p
    raise SystemExit("LawRefBook not found; pass --lawref DIR")


def build(root: Path, mb: float) -> str:
    """Articles of LawRefBook files, renumbered into one law, until ``mb`` MB of UTF-8."""
    target = int(mb * 1_000_000)
    out = ["# 超大文本（LawRefBook 条文拼接）", ""]
    size = 0
    n = 0
    files = sorted(root.rglob("*.md"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        while size < target:  # LawRefBook is ~60 MB of Markdown: a second pass if needed
            for path in files:
                doc = regtext.read(path)
                for a in doc.articles:
                    n += 1
                    line = f"第{int_to_cn(n)}条 {a.text}\n"
                    out.append(line)
                    size += len(line.encode("utf-8"))
                if size >= target:
                    break
    return "\n".join(out)


def moved_fast(pairs: list[tuple[int, int]], n_old: int, n_new: int) -> set[tuple[int, int]]:
    """``alignment._moved`` in O(n log n): the same heaviest order-preserving chain, found
    with a Fenwick tree of prefix maxima over new positions instead of the O(n²) double loop
    (ties resolved as there: the earliest predecessor, the first best end). A proposal for the
    owner of alignment.py; ``--fast-moved`` swaps it in to measure what it saves."""
    ordered = sorted(pairs)
    if not ordered:
        return set()
    weight = [1.0 - 0.01 * abs(o / max(1, n_old) - n / max(1, n_new)) for o, n in ordered]
    size = max(n for _, n in ordered) + 2
    tree: list[tuple[float, int]] = [(float("-inf"), 0)] * (size + 1)  # (best, -index)

    def query(i: int) -> tuple[float, int]:  # max over new positions < i
        out = (float("-inf"), 0)
        while i > 0:
            out = max(out, tree[i])
            i -= i & -i
        return out

    def update(i: int, v: tuple[float, int]) -> None:
        i += 1
        while i <= size:
            if v > tree[i]:
                tree[i] = v
            i += i & -i

    best = [0.0] * len(ordered)
    prev = [-1] * len(ordered)
    k = 0
    while k < len(ordered):
        # pairs sharing an old index cannot chain with each other: query all before updating
        group = [k]
        while group[-1] + 1 < len(ordered) and ordered[group[-1] + 1][0] == ordered[k][0]:
            group.append(group[-1] + 1)
        for g in group:
            b, neg = query(ordered[g][1])  # tree slots 1..new = new positions below it
            best[g], prev[g] = ((b + weight[g], -neg) if b > 0 else (weight[g], -1))
        for g in group:
            update(ordered[g][1], (best[g], -g))
        k = group[-1] + 1
    k = max(range(len(ordered)), key=best.__getitem__)
    chain = set()
    while k >= 0:
        chain.add(ordered[k])
        k = prev[k]
    return set(ordered) - chain


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--lawref", type=Path, default=None)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--fast-moved", action="store_true",
                    help="measure with moved_fast in place of alignment._moved")
    args = ap.parse_args()
    if args.fast_moved:
        from regtext.compare import alignment

        alignment._moved = moved_fast
    cache = Path(f"/tmp/regtext-large-{args.mb:g}mb.md")
    t0 = time.perf_counter()
    if cache.exists():
        text = cache.read_text(encoding="utf-8")
    else:
        text = build(args.lawref or lawrefbook(), args.mb)
        cache.write_text(text, encoding="utf-8")
    t1 = time.perf_counter()
    print(f"text: {len(text.encode('utf-8')) / 1e6:.1f} MB ({t1 - t0:.1f} s to build/read)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = regtext.parse(text)
    t2 = time.perf_counter()
    print(f"parse: {len(doc.articles)} articles in {t2 - t1:.1f} s")

    def progress(stage: str, done: int, total: int) -> None:
        print(f"  [{time.perf_counter() - t2:7.1f} s] {stage} {done}/{total}", file=sys.stderr)

    prof = cProfile.Profile() if args.profile else None
    if prof:
        prof.enable()
    cmp = regtext.diff(doc, doc, progress=progress)
    t3 = time.perf_counter()
    print(f"diff: {len(cmp.pairs)} rows in {t3 - t2:.1f} s")
    df = cmp.to_frame()
    t4 = time.perf_counter()
    if prof:
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(15)
    print(f"to_frame: {len(df)} rows in {t4 - t3:.1f} s; total diff + frame {t4 - t2:.1f} s")


if __name__ == "__main__":
    main()
