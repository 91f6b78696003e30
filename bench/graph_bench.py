"""Benchmark: build the obligation graph over the whole shipped corpus.

Run ``python bench/graph_bench.py``. Times a cold ``regtext.graph()`` over the whole corpus,
parsing, the jieba dictionary and the BM25 index included (wall and CPU seconds; the target is
10 s or less), then prints node and edge counts by kind. The build runs in this one process.
On a busy machine wall time exceeds CPU time: compare the CPU columns.
"""

from __future__ import annotations

import sys
import time
import warnings


def stage(name: str, fn):
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    print(f"{name:<34} {time.perf_counter() - t:7.2f} s wall {time.process_time() - c:7.2f} s cpu")
    return out


def main() -> int:
    warnings.simplefilter("ignore")
    t0, c0 = time.perf_counter(), time.process_time()
    stage("import regtext", lambda: __import__("regtext"))
    from regtext.network.builder import counts, graph

    G = stage("graph() over the whole corpus, cold", graph)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"{'total from a cold start':<34} {wall:7.2f} s wall {cpu:7.2f} s cpu  (target <= 10 s)")
    c = counts(G)
    print(f"\nnodes: {G.number_of_nodes()}  edges: {G.number_of_edges()}")
    for what in ("nodes", "edges"):
        print(f"{what} by kind:")
        for kind, n in c[what].items():
            print(f"  {kind:<14} {n:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
