"""Benchmark: the whole-corpus graph over LawRefBook in a SQLite store.

Run ``python bench/corpus_graph_bench.py [FOLDER | registered] [--store PATH] [--workers 2]
[--limit N]``; ``registered`` builds over the collections registered with
``regtext corpus add`` (in ``$REGTEXT_CACHE``), with the registry's ids.
Prints the build time (cold: a new store), the re-run time on the unchanged folder, the time to
reopen the store and the latency of ``cited_by``, ``obligations_by`` and ``rests_on``. Peak
memory: run under ``/usr/bin/time -v``. Targets (issue 14): build <= 10 min on 2 cores,
<= 4 GB; reload <= 30 s; cited_by <= 1 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
LAWREFBOOK = next((p for p in (Path(os.environ.get("REGTEXT_LAWREFBOOK", "/nonexistent")),
                                HERE.parent.parent / "shared" / "lawrefbook",
                                Path("/work/shared/lawrefbook")) if p.is_dir()),
                  HERE.parent.parent / "shared" / "lawrefbook")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", default=str(LAWREFBOOK))
    ap.add_argument("--store", default=None)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (sorted)")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    import regtext
    from regtext import queries
    from regtext.network.store import corpus_files, open_store

    tmp = None
    store = args.store or os.path.join(tmp := tempfile.mkdtemp(), "graph.sqlite")
    corpus = args.folder
    if args.limit and corpus == "registered":
        from regtext.network.store import registered_files

        corpus = [p for p, _ in registered_files()[: args.limit]]
    elif args.limit:
        corpus = [p for p, _ in corpus_files(args.folder)[: args.limit]]
    t = time.perf_counter()
    S = regtext.graph(corpus=corpus, store=store, workers=args.workers)
    build = time.perf_counter() - t
    print(f"build (cold)            {build:8.1f} s   {S.to_json()}")
    t = time.perf_counter()
    stats = S.update(corpus, workers=args.workers, progress=False)
    print(f"re-run, unchanged       {time.perf_counter() - t:8.2f} s   {stats}")
    S.close()
    t = time.perf_counter()
    S = open_store(store)
    print(f"reopen store            {time.perf_counter() - t:8.3f} s   "
          f"{os.path.getsize(store) / 1e6:.0f} MB")
    lrb = S.db.execute("SELECT target_doc FROM citations WHERE target_doc LIKE 'lrb:%' "
                       "GROUP BY target_doc ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    for name, fn in [
        ("cited_by('pipl', '13')", lambda: queries.cited_by(S, ("pipl", "13"))),
        (f"cited_by({lrb[0] if lrb else '-'})", lambda: S.cited_by(lrb[0]) if lrb else []),
        ("links(to='pipl')", lambda: S.links(to="pipl")),
        ("cited_by('民事诉讼法')", lambda: S.cited_by("pipl")),
        ("obligations_by(网络运营者)", lambda: queries.obligations_by(S, actor="网络运营者")),
    ]:
        t = time.perf_counter()
        df = fn()
        print(f"{name:<24}{time.perf_counter() - t:8.3f} s   {len(df)} rows")
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
