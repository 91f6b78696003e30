"""Print a seeded random sample of norms from random LawRefBook files, to read actors by hand.

    python bench/actor_sample.py [ROOT] [--files 200] [--rate 0.0062] [--seed 20261203] [--tsv OUT]

One line per norm: file, ref, modality, actor (and the raw words it was read from) and the
clause text, so that a reader can count wrong actors like a lawyer. The same seed gives the
same files and the same (file, ref, modality, trigger) keys, so two versions of the library
can be compared row by row (``--tsv`` writes the rows for a diff).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import warnings
from pathlib import Path

import regtext


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", default=str(here.parent / "shared" / "lawrefbook"))
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--rate", type=float, default=0.0062,
                    help="share of the norms kept (0.0062: about 110 of the 200 files' norms)")
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--tsv", type=Path, default=None, help="also write the rows here")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    files = sorted(Path(args.root).rglob("*.md"))
    files = rng.sample(files, min(args.files, len(files)))
    warnings.simplefilter("ignore")
    rows = []
    for path in files:
        try:
            doc = regtext.read(path)
            df = regtext.obligations(doc)
        except Exception as exc:  # a file that cannot be read is reported, not fatal
            print(f"skip {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        name = str(path.relative_to(args.root))
        for r in df.itertuples():
            try:
                node = doc.get(r.ref)
                clause = node.own_text or node.text
            except KeyError:
                clause = r.text
            rows.append((name, r.ref, r.modality, r.trigger, r.actor or "", r.actor_raw or "",
                         clause.replace("\n", " ")))
    # per-row choice with a fixed rate: the sample does not shift when the library finds
    # one norm more or less elsewhere, so two versions compare row by row
    picked = [row for row in rows
              if random.Random(f"{args.seed}|{row[0]}|{row[1]}|{row[2]}|{row[3]}").random()
              < args.rate]
    for row in picked:
        name, ref, modality, trigger, actor, raw, clause = row
        print(f"{name[:40]}\t{ref}\t{modality}\t{trigger}\t{actor}\t[{raw}]\t{clause[:140]}")
    print(f"{len(picked)} norms of {len(rows)} in {len(files)} files", file=sys.stderr)
    if args.tsv:
        with args.tsv.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter="\t")
            w.writerow(["file", "ref", "modality", "trigger", "actor", "actor_raw", "clause"])
            w.writerows(picked)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
