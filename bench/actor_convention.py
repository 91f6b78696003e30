"""Score a fresh random sample with DESIGN's actor normalisation applied to its labels.

DESIGN.md normalises every department (…部门) to the actor ``主管部门``, and the shared dev sample
(../shared/gold/random-dev) lists ``主管部门`` among the accepted spellings (actor_alt) of 56 of its
58 department actors. The annotators of bench/random-fresh* wrote only the department's own name.
This script copies a sample to a temporary folder, adds ``主管部门`` to ``actor_alt`` of each
row whose actor ends in 部门 (nothing else changes; the frozen files are not touched), and runs
the shared scorer on the copy. Report both numbers: as labelled, and with the convention.

Run: ``python bench/actor_convention.py bench/random-fresh4``
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCORER = HERE.parent.parent / "shared" / "tools" / "random-gold"


def with_convention(src: Path, dst: Path) -> int:
    """Copy sample ``src`` to ``dst``, 主管部门 accepted for departments; return rows changed."""
    for f in src.glob("*.tsv"):
        shutil.copy(f, dst / f.name)
    path = dst / "obligations.tsv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    changed = 0
    for row in rows:
        alts = [a for a in (row.get("actor_alt") or "").split("|") if a]
        actor = row.get("actor") or ""
        if actor.endswith("部门") and actor != "主管部门" and "主管部门" not in alts:
            row["actor_alt"] = "|".join([*alts, "主管部门"])
            changed += 1
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return changed


def main() -> int:
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        print("usage: python bench/actor_convention.py SAMPLE_DIR", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        n = with_convention(Path(sys.argv[1]), Path(tmp))
        print(f"{n} department actors given 主管部门 as an accepted spelling")
        return subprocess.call([sys.executable, str(SCORER), "-q", "--gold", tmp])


if __name__ == "__main__":
    sys.exit(main())
