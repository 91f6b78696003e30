"""Run citations() over the whole LawRefBook corpus and print what it finds.

    python bench/cites_corpus.py                 # all of ../shared/lawrefbook
    python bench/cites_corpus.py --limit 200     # a quick sample
    python bench/cites_corpus.py --root DIR --top 30

Prints: documents and clauses read, citations per kind and form, the rate of generic
references (kind="generic": 国家有关规定, 有关法律、行政法规), the share of external
citations resolved to a shipped document, pinned citations whose ref exists, the most frequent
unresolved titles, exceptions (there should be none) and throughput (parse and citations
timed apart).

With the registry (the default; ``--no-registry`` to skip it), the root folder is registered
first (``regtext.corpus.register``, in ``$REGTEXT_CACHE`` or the user's cache), so that
``regtext.citations`` resolves every external citation into it, to the version in force on the
citing file's own date (or on the date the citation names); ``regtext.corpus.find(title,
as_of=file date)`` is run beside it as a cross-check. It reports that share, the top unresolved
titles, and writes a sample of resolved citations (default 100, fixed seed) to
``bench/resolution_sample.tsv`` for checking by hand (its ``check`` column is left empty for
a new sample; fill in ok / wrong-target / wrong-version).
"""

from __future__ import annotations

import argparse
import csv
import random
import time
import warnings
from collections import Counter
from pathlib import Path

import regtext
from regtext.extract.citation_forms import document_class

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "shared" / "lawrefbook"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    ap.add_argument("--limit", type=int, default=0, help="read at most this many files")
    ap.add_argument("--top", type=int, default=20, help="unresolved titles to list")
    ap.add_argument("--no-registry", action="store_true",
                    help="do not register the root and resolve through regtext.corpus.find")
    ap.add_argument("--sample", type=Path,
                    default=Path(__file__).resolve().parent / "resolution_sample.tsv",
                    help="where to write the hand-check sample of resolved citations")
    ap.add_argument("--sample-size", type=int, default=100)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--stub-sample", type=Path, default=None,
                    help="also write 30 citations resolved to repealed laws known without "
                         "text (regtext.corpus.repealed) here, for a hand check")
    args = ap.parse_args()
    dates: dict[str, str] = {}
    if not args.no_registry:
        t0 = time.perf_counter()
        report = regtext.corpus.register(args.root)
        print(f"registry: {report} (this run {time.perf_counter() - t0:.1f} s)")
        reg = regtext.corpus.registered(args.root)
        dates = dict(zip(reg["path"], reg["date"]))
    reg_ext = reg_resolved = reg_before_first = agree = reg_stub = 0
    stub_rows: list[dict[str, str]] = []
    reg_unresolved: Counter[str] = Counter()
    by_class: Counter[tuple[str, bool]] = Counter()  # (document class, resolved)
    resolved_rows: list[dict[str, str]] = []

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
        as_of = dates.get(str(path.resolve())) or None
        for c in df.itertuples(index=False):
            if not args.no_registry and c.kind == "external":
                title = c.target_title if isinstance(c.target_title, str) else ""
                hit = regtext.corpus.lookup(title, as_of) if title else None
                # what regtext.citations() resolved, the registry included: the citing text's
                # date, a date written before the title (1994年…发布的《…》) or the version its
                # own title replaces; find(title, file date) alone is the cross-check
                doc_id = c.target_doc if isinstance(c.target_doc, str) else None
                reg_ext += 1
                agree += (regtext.corpus.find(title, as_of) if title else None) == doc_id
                by_class[(document_class(title), doc_id is not None)] += 1
                if doc_id is None:
                    reg_unresolved[(title or c.text).replace("中华人民共和国", "")
                                   .strip("《》")] += 1
                else:
                    reg_resolved += 1
                    reg_stub += c.target_held is False
                    if c.target_held is False:
                        stub_rows.append(_sample_row(doc, path, args.root, as_of, c, doc_id,
                                                     hit))
                    reg_before_first += bool(hit and hit.doc_id == doc_id
                                             and hit.in_force is False and hit.has_text)
                    resolved_rows.append(_sample_row(doc, path, args.root, as_of, c, doc_id,
                                                     hit))
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
        print(f"external with a target_doc (shipped, and registered unless --no-registry): "
              f"{ext_resolved}/{ext} = {ext_resolved / ext:.1%}")
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
    if args.no_registry or not reg_ext:
        return
    print(f"external resolved with the registry (regtext.citations, as_of = the citing "
          f"file's date or the date the citation names): {reg_resolved}/{reg_ext} = "
          f"{reg_resolved / reg_ext:.1%}; "
          f"{reg_before_first} of them to a version later than the citing text "
          "(no earlier version registered)")
    print(f"  resolved to a held text: {reg_resolved - reg_stub}/{reg_ext} = "
          f"{(reg_resolved - reg_stub) / reg_ext:.1%}; to a repealed law known without its "
          f"text (target_held False): {reg_stub}")
    acts = by_class[("act", True)] + by_class[("act", False)]
    print(f"  of which citations of legal acts (laws, regulations, rules, interpretations, "
          f"decisions; not plans, lists, standards, treaties or charters, which a collection of "
          f"laws does not hold): {by_class[('act', True)]}/{acts} = "
          f"{by_class[('act', True)] / max(acts, 1):.1%}")
    print("  by class (resolved/all): " + "; ".join(
        f"{k or 'no title'} {by_class[(k, True)]}/{by_class[(k, True)] + by_class[(k, False)]}"
        for k in sorted({k for k, _ in by_class}, key=lambda k: -by_class[(k, False)]
                        - by_class[(k, True)])))
    print(f"  regtext.corpus.find(target_title, as_of=file date) gives the same: "
          f"{agree}/{reg_ext} (the rest: dated citations and texts naming their own title)")
    kinds_left = Counter()
    for title, count in reg_unresolved.items():
        kinds_left[_why_unresolved(title)] += count
    print("still unresolved, by kind: " + "; ".join(
        f"{k} {v} ({v / reg_ext:.1%} of external)" for k, v in kinds_left.most_common()))
    print(f"top {args.top} titles still unresolved (中华人民共和国 folded):")
    for title, count in reg_unresolved.most_common(args.top):
        print(f"  {count:6d}  {title}  [{_why_unresolved(title)}]")
    if args.sample_size and resolved_rows:
        rng = random.Random(args.seed)
        sample = rng.sample(resolved_rows, min(args.sample_size, len(resolved_rows)))
        checked = _read_checks(args.sample)  # keep the hand checks of rows drawn again
        for row in sample:
            row["check"], row["note"] = checked.get(_row_key(row), ("", ""))
        _write_tsv(args.sample, sample)
        print(f"wrote {len(sample)} resolved citations to {args.sample} for a hand check")
    if args.stub_sample and stub_rows:
        rng = random.Random(args.seed)
        sample = rng.sample(stub_rows, min(30, len(stub_rows)))
        _write_tsv(args.stub_sample, sample)
        print(f"wrote {len(sample)} citations of repealed laws to {args.stub_sample}")


def _write_tsv(path: Path, rows: list[dict]) -> None:
    """``rows`` (dicts with the same keys) as a tab-separated file with a header."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def _why_unresolved(title: str) -> str:
    """A rough reason: a document that is no legal act (a plan, list, standard, treaty or
    charter, by its ending), extra characters before a title the registry knows (an extraction
    slip), an act that is not registered (repealed, or not in the collection), or no title."""
    cls = document_class(title)
    if cls and cls != "act":
        return f"not a legal act ({cls})"
    # 无刑事诉讼法, 构成民事诉讼法: a slip of the extractor; a 3-character rest (执业医师法 →
    # 医师法) is more often another law, so it does not count here. Some are old acts whose
    # successor dropped a word (公民出境入境管理法 → 出境入境管理法): read them before fixing.
    if any(regtext.corpus.find(title[k:]) for k in (1, 2) if len(title) - k >= 4):
        return "extra characters before a known title"
    if cls == "act":
        return "act not in the registry"
    return "not a title"


def _row_key(row: dict[str, str]) -> tuple[str, ...]:
    return (row["citing_file"], row["source_ref"], row["citation"], row["resolved_id"])


def _read_checks(path: Path) -> dict[tuple[str, ...], tuple[str, str]]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        return {_row_key(r): (r.get("check", ""), r.get("note", ""))
                for r in csv.DictReader(f, delimiter="\t")}


def _sample_row(doc, path: Path, root: Path, as_of, c, doc_id: str, hit) -> dict[str, str]:
    """One resolved citation, with the words around it, for the hand-check sample."""
    try:
        clause = doc.get(c.source_ref).text
    except (KeyError, ValueError, AttributeError):
        clause = ""
    start = clause.find(c.text)
    context = (clause[max(start - 40, 0):start + len(c.text) + 40] if start >= 0
               else clause[:120]).replace("\t", " ").replace("\n", " ")
    if doc_id.startswith("lrb:") or ":" in doc_id:
        title, version = (hit.title, hit.date) if hit else (doc_id, "")
    else:
        rec = regtext.corpus.record(doc_id)  # a shipped text: one version, its note says which
        title = rec["title"]
        version = " ".join(x for x in (rec.get("published") or rec.get("adopted") or "",
                                       f"({rec['status_note']})" if rec.get("status_note")
                                       else "") if x)
    return {"citing_file": str(path.relative_to(root)), "citing_date": as_of or "",
            "source_ref": str(c.source_ref), "citation": c.text, "context": context,
            "target_title": c.target_title, "resolved_id": doc_id, "resolved_title": title,
            "resolved_version": version,
            "in_force": "" if not hit or hit.doc_id != doc_id else str(hit.in_force),
            "check": "", "note": ""}


if __name__ == "__main__":
    main()
