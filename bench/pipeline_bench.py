"""The full pipeline (parse + citations + obligations) over all of ../shared/lawrefbook.

Run: ``python bench/pipeline_bench.py [FOLDER] [--jobs 2] [--sample N] [--stages ...]``

Prints wall time, throughput (MB/s, documents/s), CPU seconds per stage (summed over workers,
to name the bottleneck), peak memory (this process and the largest worker), and the same
files segmented by plain jieba with the same number of workers as a reference.
Targets (issue 6): <= 60 s with 2 jobs, within 2x of jieba alone, <= 1.5 GB peak memory.
Stages that do not exist yet in regtext are skipped and reported as such.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "lawrefbook"
ALL_STAGES = ("parse", "citations", "obligations")


def available_stages(wanted: list[str]) -> tuple[list[str], list[str]]:
    import regtext

    have = [s for s in wanted if s == "parse" or callable(getattr(regtext, s, None))]
    return have, [s for s in wanted if s not in have]


class Pipeline:
    """Picklable: runs the analysis stages on one parsed document and times each."""

    def __init__(self, stages: list[str]) -> None:
        self.stages = [s for s in stages if s != "parse"]

    def __call__(self, doc) -> dict:  # noqa: ANN001
        import regtext

        out = {"articles": len(doc.articles), "chars": len(doc.text)}
        for stage in self.stages:
            t0 = time.process_time()
            rows = getattr(regtext, stage)(doc)
            out[stage] = len(rows)
            out[f"{stage}_cpu"] = time.process_time() - t0
        return out


def jieba_segment(paths: list[str]) -> int:
    """Plain jieba over the same files: the reference the pipeline is measured against."""
    import jieba

    jieba.setLogLevel(60)
    words = 0
    for p in paths:
        words += len(jieba.lcut(Path(p).read_text(encoding="utf-8", errors="replace")))
    return words


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (pools are joined when done)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of the largest finished child, in MB."""
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / scale / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 / scale / 1024
    return own, kids


def run_jieba(files: list[str], jobs: int) -> tuple[float, float, int]:
    t0, c0 = time.perf_counter(), cpu_seconds()
    if jobs <= 1:
        words = jieba_segment(files)
    else:
        from concurrent.futures import ProcessPoolExecutor

        chunks = [files[i::jobs * 8] for i in range(jobs * 8)]
        with ProcessPoolExecutor(jobs) as ex:
            words = sum(ex.map(jieba_segment, chunks))
    return time.perf_counter() - t0, cpu_seconds() - c0, words


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sample", type=int, default=1, help="use every Nth file (quick runs)")
    ap.add_argument("--stages", default=",".join(ALL_STAGES))
    ap.add_argument("--no-jieba", action="store_true", help="skip the jieba reference")
    args = ap.parse_args(argv)

    import regtext

    files = [str(p) for p in regtext.batch.paths_in(args.folder)][:: args.sample]
    size = sum(Path(f).stat().st_size for f in files) / 1e6
    stages, missing = available_stages(args.stages.split(","))
    print(f"files: {len(files)} ({size:.1f} MB), jobs: {args.jobs}, stages: {', '.join(stages)}"
          + (f" (not available: {', '.join(missing)})" if missing else ""))

    # wall time depends on what else runs on the machine; CPU seconds (all processes) do not
    t0, c0 = time.perf_counter(), cpu_seconds()
    results = regtext.map_many(Pipeline(stages), files, jobs=args.jobs, progress=True)
    wall, cpu_all = time.perf_counter() - t0, cpu_seconds() - c0
    ok = [r for r in results if r is not None]
    print(f"pipeline:  {wall:7.1f} s   {size / wall:6.2f} MB/s   {len(files) / wall:7.1f} docs/s"
          f"   cpu: {cpu_all:.1f} s   failures: {len(results) - len(ok)}")
    print(f"  articles: {sum(r['articles'] for r in ok)}")
    for stage in stages:
        if stage == "parse":
            continue
        cpu = sum(r.get(f"{stage}_cpu", 0.0) for r in ok)
        print(f"  {stage:12s} rows: {sum(r.get(stage, 0) for r in ok):8d}   cpu: {cpu:7.1f} s"
              f"   ({size / cpu if cpu else float('inf'):.2f} MB/s per core)")

    # parse alone, same jobs: what the analysis stages add on top
    t0, c0 = time.perf_counter(), cpu_seconds()
    regtext.map_many(Pipeline([]), files, jobs=args.jobs)
    parse_wall, parse_cpu = time.perf_counter() - t0, cpu_seconds() - c0
    print(f"parse only:{parse_wall:7.1f} s   {size / parse_wall:6.2f} MB/s   "
          f"{len(files) / parse_wall:7.1f} docs/s   cpu: {parse_cpu:.1f} s")

    if not args.no_jieba:
        jwall, jcpu, words = run_jieba(files, args.jobs)
        print(f"jieba:     {jwall:7.1f} s   {size / jwall:6.2f} MB/s   cpu: {jcpu:.1f} s   "
              f"({words} tokens)")
        print(f"pipeline / jieba: {wall / jwall:.2f}x wall, {cpu_all / jcpu:.2f}x cpu")
    own, kids = peak_mb()
    print(f"peak memory: {own:.0f} MB (main process), {kids:.0f} MB (largest worker)")
    targets = [("<= 60 s with 2 jobs", wall <= 60),
               ("<= 60 s on 2 idle cores (cpu / 2)", cpu_all / 2 <= 60),
               ("<= 1.5 GB", max(own, kids) <= 1536)]
    if not args.no_jieba:
        targets.append(("within 2x of jieba (cpu)", cpu_all <= 2 * jcpu))
    print("targets: " + "; ".join(f"{name}: {'met' if met else 'MISSED'}"
                                  for name, met in targets))
    return 0


if __name__ == "__main__":
    sys.exit(main())
