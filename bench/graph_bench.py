"""Benchmark: build the obligation graph over the whole shipped corpus.

Run ``python bench/graph_bench.py`` (``--serial`` builds in one process). Prints the time of
each stage (wall and CPU seconds; the target is a whole-corpus build in 10 s or less) and node
and edge counts by kind. Stages after the first reuse what earlier ones cached (parsed texts,
tokens, the index). ``graph()`` computes norms and the draft/final diff in a forked worker
while this process links; the worker's CPU time is printed apart. On a busy machine wall time
exceeds CPU time: compare the CPU columns.
"""

from __future__ import annotations

import resource
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
    import regtext
    from regtext.graph import counts, graph
    from regtext.links import corpus_index

    ids = list(regtext.corpus().id)
    stage("load + parse 21 texts", lambda: [regtext.load(i) for i in ids])
    stage("BM25 index over the statutes", corpus_index)
    serial = "--serial" in sys.argv
    G = stage("graph() over the whole corpus", lambda: graph(parallel=not serial))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"{'total from a cold start':<34} {wall:7.2f} s wall {cpu:7.2f} s cpu  (target <= 10 s)")
    worker = child.ru_utime + child.ru_stime
    print(f"{'  plus, in the worker process':<34} {'':>14} {worker:7.2f} s cpu")
    c = counts(G)
    print(f"\nnodes: {G.number_of_nodes()}  edges: {G.number_of_edges()}")
    for what in ("nodes", "edges"):
        print(f"{what} by kind:")
        for kind, n in c[what].items():
            print(f"  {kind:<14} {n:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
