"""Run ``regtext.obligations()`` over every law in the LawRefBook corpus.

Reports documents, clauses and norms per second, norms per modality, the share of norms
with an actor (overall and per modality), the most frequent actors, the most frequent actor
heads (the actor-heads.tsv word an actor ends with: 部门, 人民政府, 单位…; "other" when none),
and any exception (there should be none).

    python bench/obligations_corpus.py [ROOT] [--limit N]

ROOT defaults to ``../shared/lawrefbook`` next to the repository.
"""

from __future__ import annotations

import argparse
import re
import time
import traceback
import warnings
from collections import Counter
from pathlib import Path

import regtext
from regtext import rules


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", default=str(here.parent / "shared" / "lawrefbook"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    args = ap.parse_args()
    files = sorted(Path(args.root).rglob("*.md"))
    if args.limit:
        files = files[: args.limit]
    warnings.simplefilter("ignore")
    regtext.obligations(regtext.parse("第一条 提供者应当遵守法律。"))  # load jieba once
    modalities: Counter[str] = Counter()
    actors: Counter[str] = Counter()
    heads: Counter[str] = Counter()
    with_actor_by: Counter[str] = Counter()
    head_re = re.compile("(" + rules.alternation(rules.column("actor-heads", "head"))[3:] + "$")
    failures: list[tuple[Path, str]] = []
    n_docs = n_clauses = n_norms = with_actor = chars = 0
    parse_time = run_time = 0.0
    for path in files:
        t0 = time.perf_counter()
        try:
            doc = regtext.read(path)
        except Exception:  # noqa: BLE001 - parsing is not what this bench measures
            continue
        t1 = time.perf_counter()
        try:
            df = regtext.obligations(doc)
        except Exception:  # noqa: BLE001 - counted and reported
            failures.append((path, traceback.format_exc(limit=3)))
            continue
        t2 = time.perf_counter()
        parse_time += t1 - t0
        run_time += t2 - t1
        n_docs += 1
        n_clauses += len(doc.clauses())
        chars += sum(len(a.text) for a in doc.articles)
        n_norms += len(df)
        modalities.update(df["modality"])
        actors.update(a for a in df["actor"].dropna() if a)
        for raw in df["actor_raw"]:
            if raw:
                m = head_re.search(raw)
                heads[m.group(1) if m else "other"] += 1
        with_actor_by.update(df.loc[df["actor"].notna(), "modality"])
        with_actor += int(df["actor"].notna().sum())
    print(f"files: {len(files)}  documents: {n_docs}  clauses: {n_clauses}  norms: {n_norms}")
    print(f"exceptions: {len(failures)}")
    for path, tb in failures[:5]:
        print(f"  {path}\n{tb}")
    print(f"obligations(): {run_time:.1f} s  ({n_docs / max(run_time, 1e-9):.1f} docs/s, "
          f"{n_clauses / max(run_time, 1e-9):.0f} clauses/s, "
          f"{chars / max(run_time, 1e-9) / 1000:.0f} k chars/s); parse: {parse_time:.1f} s")
    print("norms by modality:")
    for m in ("obligation", "prohibition", "permission", "encouragement", "penalty"):
        print(f"  {m:<14}{modalities[m]:>8}  {modalities[m] / max(n_norms, 1):6.1%}")
    print(f"norms with an actor: {with_actor / max(n_norms, 1):.1%}  ("
          + ", ".join(f"{m} {with_actor_by[m] / max(modalities[m], 1):.0%}" for m in
                      ("obligation", "prohibition", "permission", "encouragement", "penalty"))
          + ")")
    print("most frequent actors:")
    for actor, count in actors.most_common(15):
        print(f"  {count:>7}  {actor}")
    print("most frequent actor heads:")
    for head, count in heads.most_common(20):
        print(f"  {count:>7}  {head}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
