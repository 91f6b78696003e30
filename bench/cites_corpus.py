"""Run citations() over the whole LawRefBook corpus and print what it finds.

    python bench/cites_corpus.py                 # all of ../shared/lawrefbook
    python bench/cites_corpus.py --limit 200     # a quick sample
    python bench/cites_corpus.py --root DIR --top 30

Prints: documents and clauses read, citations per kind and form, the rate of generic
references (kind="generic": 国家有关规定, 有关法律、行政法规), the share of external
citations resolved to a shipped document, pinned citations whose ref exists, the most frequent
unresolved titles, exceptions (there should be none) and throughput (parse and citations
timed apart).
"""

from __future__ import annotations

import argparse
import time
import warnings
from collections import Counter
from pathlib import Path

import regtext

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "shared" / "lawrefbook"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    ap.add_argument("--limit", type=int, default=0, help="read at most this many files")
    ap.add_argument("--top", type=int, default=20, help="unresolved titles to list")
    args = ap.parse_args()

    files = sorted(args.root.rglob("*.md"))
    if args.limit:
        files = files[: args.limit]
    kinds: Counter[str] = Counter()
    forms: Counter[str] = Counter()
    unresolved: Counter[str] = Counter()
    errors: list[str] = []
    ext = ext_resolved = pinned = pinned_ok = clauses = chars = 0
    internal_pins = internal_ok = 0
    t_parse = t_cite = 0.0
    warnings.simplefilter("ignore")
    for path in files:
        t0 = time.perf_counter()
        try:
            doc = regtext.read(path)
        except Exception as exc:  # noqa: BLE001 - counted, not fatal
            errors.append(f"parse {path.name}: {exc!r}")
            continue
        t1 = time.perf_counter()
        try:
            df = regtext.citations(doc)  # the public path, DataFrame included
        except Exception as exc:  # noqa: BLE001
            errors.append(f"citations {path.name}: {exc!r}")
            continue
        t2 = time.perf_counter()
        t_parse += t1 - t0
        t_cite += t2 - t1
        clauses += len(doc.clauses())
        chars += len(doc.text)
        for c in df.itertuples(index=False):
            kinds[c.kind] += 1
            forms[c.form] += 1
            if c.kind == "external":
                ext += 1
                if isinstance(c.target_doc, str):
                    ext_resolved += 1
                else:
                    title = c.target_title if isinstance(c.target_title, str) else c.text
                    unresolved[title.replace("中华人民共和国", "").strip("《》")] += 1
            # a pin can only be checked when its target document is at hand
            if isinstance(c.pin, str) and (c.kind == "internal" or isinstance(c.target_doc, str)):
                pinned += 1
                pinned_ok += isinstance(c.target_ref, str)
                if c.kind == "internal":
                    internal_pins += 1
                    internal_ok += isinstance(c.target_ref, str)
    n = len(files)
    total = sum(kinds.values())
    print(f"documents: {n}  clauses: {clauses}  characters: {chars:,}")
    print(f"citations: {total}  " + "  ".join(f"{k}={v}" for k, v in kinds.most_common()))
    print("by form:   " + "  ".join(f"{k}={v}" for k, v in forms.most_common()))
    # generic references (国家有关规定, 有关法律、行政法规): rules named by class, no target
    print(f"generic references: {kinds['generic']} = {kinds['generic'] / max(total, 1):.1%} of "
          f"rows, {1000 * kinds['generic'] / max(clauses, 1):.1f} per 1,000 clauses")
    if ext:
        print(f"external resolved to a shipped document: {ext_resolved}/{ext} "
              f"= {ext_resolved / ext:.1%}")
    if pinned:
        print(f"pins to a document at hand that exist there: {pinned_ok}/{pinned} "
              f"= {pinned_ok / pinned:.1%} (internal: {internal_ok}/{internal_pins} "
              f"= {internal_ok / max(internal_pins, 1):.1%}); the rest keep target_ref None")
    print(f"exceptions: {len(errors)}")
    for e in errors[:10]:
        print("  ", e)
    print(f"throughput: parse {t_parse:.1f} s, citations {t_cite:.1f} s "
          f"= {n / t_cite if t_cite else 0:.0f} docs/s, "
          f"{chars / t_cite / 1e6 if t_cite else 0:.2f} M chars/s")
    print(f"top {args.top} unresolved titles (中华人民共和国 folded):")
    for title, count in unresolved.most_common(args.top):
        print(f"  {count:6d}  {title}")


if __name__ == "__main__":
    main()
