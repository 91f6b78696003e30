"""Apply the official 修改决定 found in LawRefBook to the old versions LawRefBook holds and
compare with the new versions: share of instructions carried out, share of articles
reproduced exactly.

    python bench/apply_official.py [LAWREFBOOK_DIR] [-v]
"""

from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path

import regtext
from regtext.compare.amend import _body, _norm_title, decision_sections

ROOT = Path(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("-") else \
    Path(__file__).resolve().parents[2] / "shared" / "lawrefbook"
VERBOSE = "-v" in sys.argv


def dated(path: Path) -> tuple[str, str] | None:
    m = re.match(r"(.+)\((\d{4}-\d{2}-\d{2})\)$", path.stem)
    return (m.group(1), m.group(2)) if m else None


def adopted(text: str) -> str | None:
    m = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text)
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None


def main() -> None:
    versions: dict[str, list[tuple[str, Path]]] = {}
    for f in ROOT.rglob("*.md"):
        d = dated(f)
        if d:
            versions.setdefault(_norm_title(d[0]), []).append((d[1], f))
    total_ok = total_bad = arts_ok = arts_all = cases = 0
    for dec in sorted(ROOT.rglob("*关于修改*决定*.md")):
        text = dec.read_text(encoding="utf-8")
        when = adopted(text)
        for title, body in decision_sections(_body(text)).items():
            if not title:
                m = re.search(r"关于修改《(.+?)》的决定", dec.stem)
                title = _norm_title(m.group(1)) if m else ""
            vs = sorted(v for t, v in versions.items() if t == title or t.endswith(title)
                        or title.endswith(t) for v in v)
            old = [v for v in vs if v[0] < when]
            new = [v for v in vs if v[0] >= when]
            if not old:
                continue
            old_doc = regtext.parse(old[-1][1].read_text(encoding="utf-8"))
            new_doc = regtext.parse(new[0][1].read_text(encoding="utf-8")) if new else None
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                got = regtext.apply(old_doc, body if len(body) < len(text) else text)
            ok, bad = got.meta["applied"], len(got.meta["unapplied"])
            want = {a.ref: re.sub(r"\s", "", a.text)
                    for a in (new_doc.articles if new_doc else [])}
            have = {a.ref: re.sub(r"\s", "", a.text) for a in got.articles}
            same = sum(have.get(r) == t for r, t in want.items())
            cases += 1
            total_ok += ok
            total_bad += bad
            arts_ok += same
            arts_all += len(want)
            print(f"{title[:40]:40} {old[-1][0]}→{new[0][0] if new else '(no new version)'}  "
                  f"instructions {ok}/{ok + bad}  articles {same}/{len(want)}")
            if VERBOSE:
                for u in got.meta["unapplied"]:
                    print("   unapplied:", u[:120])
                for r, t in want.items():
                    if have.get(r) != t:
                        got_text = (have.get(r) or "")[:60]
                        print(f"   art {r}: want {t[:60]}\n            got  {got_text}")
    # grammar coverage: every part of every decision, carried out on the newest version
    # LawRefBook holds (usually the amended one, so words may not be found there: that is
    # "not placed"; what counts here is whether each instruction's form is understood)
    forms = known = 0
    unknown: list[str] = []
    for dec in sorted(ROOT.rglob("*关于修改*决定*.md")):
        text = dec.read_text(encoding="utf-8")
        for title, body in decision_sections(_body(text)).items():
            if not title:
                m = re.search(r"关于修改《(.+?)》的决定", dec.stem)
                title = _norm_title(m.group(1)) if m else ""
            vs = sorted(v for t, v in versions.items() if t == title or t.endswith(title)
                        or title.endswith(t) for v in v)
            if not vs:
                continue
            doc = regtext.parse(vs[-1][1].read_text(encoding="utf-8"))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                got = regtext.apply(doc, body)
            n_all = got.meta["applied"] + len(got.meta["unapplied"])
            forms += n_all
            known += n_all - len(got.meta["unrecognized"])
            unknown += got.meta["unrecognized"]
    print(f"instruction forms understood: {known}/{forms} = {known / max(forms, 1):.3f} "
          f"(all parts of the {len(list(ROOT.rglob('*关于修改*决定*.md')))} decisions)")
    if VERBOSE:
        for u in unknown:
            print("   not understood:", u[:120])
    n = total_ok + total_bad
    print(f"\n{cases} amended instruments; instructions applied {total_ok}/{n} = "
          f"{total_ok / max(n, 1):.3f}; articles reproduced {arts_ok}/{arts_all} = "
          f"{arts_ok / max(arts_all, 1):.3f}")


if __name__ == "__main__":
    main()
