"""Dump every public output to a folder, to prove a refactor changed nothing.

Run: ``python bench/snapshot_outputs.py OUTDIR [--files 300]`` before and after a change, then
``diff -r BEFORE AFTER`` (or ``python bench/snapshot_outputs.py --compare BEFORE AFTER``).

Covers, through the public API only: parse trees, citations and obligations of every shipped text
and of ``--files`` LawRefBook files (a fixed, seeded sample); links of every shipped text; every
diff frame and renderer for three version pairs; the graph's node-link JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
LAWREFBOOK = next((p for p in (Path(os.environ.get("REGTEXT_LAWREFBOOK", "/nonexistent")),
                                HERE.parent.parent / "shared" / "lawrefbook",
                                Path("/work/shared/lawrefbook")) if p.is_dir()),
                  HERE.parent.parent / "shared" / "lawrefbook")
PAIRS = [("genai-2023-draft", "genai-2023-final"),
         ("反垄断法/反垄断法(2007-08-30).md", "反垄断法/反垄断法(2022-06-24).md"),
         ("未成年人保护法/未成年人保护法(2020-10-17).md",
          "未成年人保护法/未成年人保护法(2024-04-26).md")]


def _sample(n: int) -> list[Path]:
    files = sorted(LAWREFBOOK.rglob("*.md"))
    return sorted(random.Random(20261202).sample(files, min(n, len(files))))


def _find(rel: str) -> Path | None:
    hits = [p for p in LAWREFBOOK.rglob("*.md") if p.name == rel.split("/")[-1]]
    return hits[0] if hits else None


def _write(out: Path, name: str, text: str) -> None:
    (out / name).write_text(text, encoding="utf-8")


def snapshot(out: Path, n: int) -> None:
    import networkx as nx

    import regtext

    warnings.simplefilter("ignore")
    out.mkdir(parents=True, exist_ok=True)
    docs = {r: regtext.load(r) for r in regtext.corpus()["id"]}
    for p in _sample(n):
        docs["lrb:" + hashlib.md5(str(p.relative_to(LAWREFBOOK)).encode()).hexdigest()[:10]] = (
            regtext.read(p))
    for key, doc in docs.items():
        safe = key.replace(":", "_")
        _write(out, f"{safe}.tree.json", doc.to_json())
        _write(out, f"{safe}.cites.csv", regtext.citations(doc).to_csv(index=False))
        _write(out, f"{safe}.norms.csv", regtext.obligations(doc).to_csv(index=False))
        if not key.startswith("lrb:"):
            _write(out, f"{safe}.links.csv", regtext.links(doc, k=5).to_csv(index=False))
    for i, (a, b) in enumerate(PAIRS):
        if "/" in a:
            pa, pb = _find(a), _find(b)
            if not (pa and pb):
                continue
            old, new = regtext.read(pa), regtext.read(pb)
        else:
            old, new = regtext.load(a), regtext.load(b)
        cmp = regtext.diff(old, new)
        for level in ("article", "clause"):
            _write(out, f"pair{i}.{level}.csv", cmp.to_frame(level=level).to_csv(index=False))
            _write(out, f"pair{i}.{level}.md", cmp.to_markdown(level=level))
            _write(out, f"pair{i}.{level}.html", cmp.to_html(level=level))
            _write(out, f"pair{i}.{level}.json", cmp.to_json(level=level))
        _write(out, f"pair{i}.summary.json", json.dumps(cmp.summary(), ensure_ascii=False,
                                                         default=str, sort_keys=True))
        _write(out, f"pair{i}.duizhao.md", cmp.to_duizhao())
        _write(out, f"pair{i}.decision.txt", cmp.to_decision())
    G = regtext.graph()
    _write(out, "graph.json", json.dumps(nx.node_link_data(G, edges="links"), ensure_ascii=False,
                                         sort_keys=True, default=str))


def compare(a: Path, b: Path) -> int:
    names = sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()})
    bad = [n for n in names if not ((a / n).exists() and (b / n).exists()
                                    and (a / n).read_bytes() == (b / n).read_bytes())]
    print(f"{len(names)} files, {len(bad)} differ")
    for n in bad[:50]:
        print("  differs:", n)
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", nargs="?")
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args(argv)
    if args.compare:
        return compare(Path(args.compare[0]), Path(args.compare[1]))
    if not args.out:
        ap.error("give OUTDIR or --compare BEFORE AFTER")
    snapshot(Path(args.out), args.files)
    return 0


if __name__ == "__main__":
    sys.exit(main())
