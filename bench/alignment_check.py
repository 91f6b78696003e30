"""Article alignment against hand alignments of LawRefBook version pairs.

Each ``bench/hand-alignments/*.tsv`` was written by reading both versions before running
regtext. Its header comments name the two files (``# old: LawRefBook <path>``); rows give
``old_article``, ``new_article``, ``required`` (yes/optional). Prints, per pair, pair
precision (predicted pairs that are neither required nor optional count as wrong), recall of
the required pairs, and recall of deletions and additions; then the wrong and missed rows.

Run: python bench/alignment_check.py [--lawref DIR]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import warnings
from pathlib import Path

import regtext

HERE = Path(__file__).resolve().parent


def _lawref(arg: str | None) -> Path:
    for cand in ([Path(arg)] if arg else []) + [HERE.parent.parent / "shared" / "lawrefbook",
                                                 Path("/work/shared/lawrefbook")]:
        if cand.is_dir():
            return cand
    sys.exit("LawRefBook not found: pass --lawref DIR")


def _article(ref: str) -> str:
    return ref.split(".")[0]


def check(tsv: Path, root: Path) -> dict:
    head = [ln for ln in tsv.read_text(encoding="utf-8").splitlines() if ln.startswith("#")]
    files = {}
    for ln in head:
        m = re.match(r"#\s*(old|new):\s*LawRefBook\s+(\S+\.md)", ln)
        if m:
            files[m.group(1)] = root / m.group(2)
    rows = list(csv.DictReader((ln for ln in tsv.read_text(encoding="utf-8").splitlines()
                                if not ln.startswith("#")), delimiter="\t"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        old = regtext.parse(files["old"].read_text(encoding="utf-8"))
        new = regtext.parse(files["new"].read_text(encoding="utf-8"))
        df = regtext.diff(old, new).to_frame()
    pred, deleted, added = set(), set(), set()
    for o, n in zip(df.old_ref, df.new_ref):
        o = _article(o) if isinstance(o, str) else ""
        n = _article(n) if isinstance(n, str) else ""
        if o and n:
            pred.add((o, n))
        elif o:
            deleted.add(o)
        elif n:
            added.add(n)
    required = {(r["old_article"], r["new_article"]) for r in rows
                if r["required"] == "yes" and r["old_article"] and r["new_article"]}
    optional = {(r["old_article"], r["new_article"]) for r in rows
                if r["required"] != "yes" and r["old_article"] and r["new_article"]}
    gold_del = {r["old_article"] for r in rows if not r["new_article"]}
    gold_add = {r["new_article"] for r in rows if not r["old_article"]}
    wrong = pred - required - optional
    paired_old = {o for o, _ in pred}
    paired_new = {n for _, n in pred}
    return {
        "pair": tsv.stem, "articles": (len(old.articles), len(new.articles)),
        "precision": (len(pred) - len(wrong)) / len(pred) if pred else None,
        "recall": len(pred & required) / len(required) if required else None,
        "deletion_recall": (len(gold_del - paired_old) / len(gold_del)) if gold_del else None,
        "addition_recall": (len(gold_add - paired_new) / len(gold_add)) if gold_add else None,
        "wrong": sorted(wrong, key=lambda t: (int(t[0]), int(t[1]))),
        "missed": sorted(required - pred, key=lambda t: (int(t[0]), int(t[1]))),
        "deleted_missed": sorted(gold_del & paired_old, key=int),
        "added_missed": sorted(gold_add & paired_new, key=int),
        "deleted_reported": sorted(deleted, key=int),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lawref")
    args = ap.parse_args()
    root = _lawref(args.lawref)

    def fmt(x):
        return "n/a" if x is None else f"{x:.3f}"

    for tsv in sorted((HERE / "hand-alignments").glob("*.tsv")):
        r = check(tsv, root)
        print(f"{r['pair']}  articles {r['articles'][0]} → {r['articles'][1]}\n"
              f"  precision {fmt(r['precision'])}  recall {fmt(r['recall'])}  "
              f"deletion recall {fmt(r['deletion_recall'])}  "
              f"addition recall {fmt(r['addition_recall'])}")
        for key in ("wrong", "missed", "deleted_missed", "added_missed", "deleted_reported"):
            if r[key]:
                print(f"  {key}: {r[key]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
