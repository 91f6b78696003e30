"""Round trip over every LawRefBook version pair: apply(old, diff(old, new).to_decision())
must give back new (same headings, article refs and texts).

    python bench/roundtrip.py [LAWREFBOOK_DIR] [--limit N] [--jobs N]

Writes the failures to bench/roundtrip-failures.txt.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent


def pairs(root: Path) -> list[tuple[Path, Path]]:
    versions: dict[tuple[str, str], list[tuple[str, Path]]] = {}
    for f in root.rglob("*.md"):
        m = re.match(r"(.+)\((\d{4}-\d{2}-\d{2})\)$", f.stem)
        if m:
            versions.setdefault((str(f.parent), m.group(1)), []).append((m.group(2), f))
    out = []
    for vs in versions.values():
        vs.sort()
        out.extend((a[1], b[1]) for a, b in zip(vs, vs[1:]))
    return sorted(out)


def check(pair: tuple[Path, Path]) -> tuple[str, str, str]:
    import regtext
    from regtext.compare.amend import signature

    old_p, new_p = pair
    name = f"{old_p.name} → {new_p.name}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            old = regtext.parse(old_p.read_text(encoding="utf-8"))
            new = regtext.parse(new_p.read_text(encoding="utf-8"))
            if not old.articles or not new.articles:
                return ("skip", name, "no articles")
            dec = regtext.diff(old, new).to_decision()
            got = regtext.apply(old, dec)
    except Exception as exc:  # noqa: BLE001 - a bench reports every failure and goes on
        return ("error", name, f"{type(exc).__name__}: {exc}")

    def norm(doc):
        return [(k, r, re.sub(r"\s", "", t)) for k, r, t in signature(doc)]

    a, b = norm(got), norm(new)
    if a == b:
        return ("ok", name, "")
    first = next((f"{x[:2]} got {x[2][:50]!r} want {y[:2]} {y[2][:50]!r}"
                  for x, y in zip(a, b) if x != y), f"lengths {len(a)} vs {len(b)}")
    unapplied = got.meta.get("unapplied") or []
    return ("fail", name, first + (f" | unapplied: {unapplied[0][:80]}" if unapplied else ""))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("root", nargs="?", default=str(HERE.parents[1] / "shared" / "lawrefbook"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    todo = pairs(Path(args.root))
    if args.limit:
        todo = todo[:args.limit]
    t0 = time.time()
    with ProcessPoolExecutor(args.jobs) as ex:
        results = list(ex.map(check, todo, chunksize=4))
    counts: dict[str, int] = {}
    for status, _, _ in results:
        counts[status] = counts.get(status, 0) + 1
    done = counts.get("ok", 0) + counts.get("fail", 0) + counts.get("error", 0)
    lines = [f"{s}\t{n}\t{why}" for s, n, why in results if s in ("fail", "error")]
    (HERE / "roundtrip-failures.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(todo)} version pairs, {counts.get('skip', 0)} skipped (no articles); "
          f"round trip {counts.get('ok', 0)}/{done} = {counts.get('ok', 0) / max(done, 1):.3f} "
          f"({time.time() - t0:.0f} s); failures in bench/roundtrip-failures.txt", file=sys.stdout)


if __name__ == "__main__":
    main()
