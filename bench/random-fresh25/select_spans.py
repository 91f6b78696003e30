"""Deterministic choice of 15 lawrefbook files and one 4-article span in each (twenty-fifth fresh over-fitting check).
Copy of bench/random-fresh24/select_spans.py (itself a copy of random-fresh23's, random-fresh22's, random-fresh21's, random-fresh20's, random-fresh19's, random-fresh18's, random-fresh17's, random-fresh16's, random-fresh15's, random-fresh14's, random-fresh13's, random-fresh12's, random-fresh11's, random-fresh10's, random-fresh9's, random-fresh8's, random-fresh7's, random-fresh6's, random-fresh5's, random-fresh4's, random-fresh3's and random-fresh2's,
adapted from bench/random-fresh and shared/gold/random-dev): same eligibility rules and span rules, but
random.seed(20261226), doc ids j01..j15, and every file already used in shared/gold/random-dev/spans.tsv,
bench/random-fresh/spans.tsv, bench/random-fresh2/spans.tsv, bench/random-fresh3/spans.tsv,
bench/random-fresh4/spans.tsv, bench/random-fresh5/spans.tsv, bench/random-fresh6/spans.tsv,
bench/random-fresh7/spans.tsv, bench/random-fresh8/spans.tsv, bench/random-fresh9/spans.tsv,
bench/random-fresh10/spans.tsv, bench/random-fresh11/spans.tsv, bench/random-fresh12/spans.tsv, bench/random-fresh13/spans.tsv, bench/random-fresh14/spans.tsv, bench/random-fresh15/spans.tsv, bench/random-fresh16/spans.tsv, bench/random-fresh17/spans.tsv, bench/random-fresh18/spans.tsv, bench/random-fresh19/spans.tsv, bench/random-fresh20/spans.tsv, bench/random-fresh21/spans.tsv, bench/random-fresh22/spans.tsv, bench/random-fresh23/spans.tsv or bench/random-fresh24/spans.tsv is skipped as well.
Same quota: 15 files (法律 4, 行政法规 4, 部门规章 3, 司法解释 2, 地方性法规 DLC 2); the 部门规章 pool is
exhausted (every eligible file was used earlier), so that slot stays empty and the sample has 12 files.
Category pools sorted, shuffled in a fixed category order; files kept back for
outside checks are skipped (listed by the sha1 of their path, so that they stay unknown).

Penalty spans: in each category the first round(k/3) chosen files that have a 法律责任/罚则 chapter
take their span from inside that chapter. Where a category has fewer such files
(司法解释 rarely has the chapter), the quota passes to the first remaining files, whose start is
redrawn (up to 10 draws) until the span holds a penalty marker (罚款, 罚金, 处分, 定罪处罚, ...).
All other files: up to 3 draws until the span has a citation-like marker.

Usage: python3 bench/random-fresh25/select_spans.py corpus/catalog.json > bench/random-fresh25/spans.tsv
(eligibility log on stderr)"""
import csv, json, random, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = Path("/work/shared/lawrefbook")                                     # LawRefBook root
CAT = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "/work/main/corpus/catalog.json"))  # the project's catalog
USED_SPANS = [Path("/work/shared/gold/random-dev/spans.tsv")]           # files used by the dev sample
for _name in ("random-fresh", "random-fresh2", "random-fresh3", "random-fresh4", "random-fresh5", "random-fresh6", "random-fresh7", "random-fresh8", "random-fresh9", "random-fresh10", "random-fresh11", "random-fresh12", "random-fresh13", "random-fresh14", "random-fresh15", "random-fresh16", "random-fresh17", "random-fresh18", "random-fresh19", "random-fresh20", "random-fresh21", "random-fresh22", "random-fresh23", "random-fresh24"):  # and by the twenty-four earlier fresh samples
    USED_SPANS.append(next(p for p in (HERE.parent / _name / "spans.tsv",
                                       Path("/work/main/bench") / _name / "spans.tsv") if p.exists()))
DEV_FILES = set()
for _p in USED_SPANS:
    with _p.open(encoding="utf-8") as _f:
        DEV_FILES |= {row["file"] for row in csv.DictReader(_f, delimiter="\t")}
KEPT_BACK = {"1b44712bab2fe896", "48215acfec588066", "70968dae7b7a0ac8", "7d162802c7415237", "86ecb76f5e5ed26d", "8ecc29870e3d1690", "973e9b797be50bad", "b696b56d0040c894", "c4d43eed606511a7", "d0345d71f4731e0c", "f2e4498164d159fc", "fa80649ac688ff3d"}
CN = "零〇一二三四五六七八九十百千"

def cn2int(s):
    digits = {"零":0,"〇":0,"一":1,"二":2,"三":3,"四":4,"五":5,"六":6,"七":7,"八":8,"九":9}
    total, cur = 0, 0
    for ch in s:
        if ch in digits: cur = digits[ch]
        else:
            unit = {"十":10,"百":100,"千":1000}[ch]
            total += (cur or 1) * unit; cur = 0
    return total + cur

def norm_title(t):
    t = re.sub(r"[（(][^）)]*[）)]", "", t)
    t = t.replace("中华人民共和国", "").replace(" ", "").replace("　", "")
    return t

shipped = set()
for d in CAT:
    for t in [d["title"]] + list(d.get("aliases") or []) + list(d.get("short_titles") or []):
        if re.search(r"[\u4e00-\u9fff]", t):
            shipped.add(norm_title(t))

import hashlib

ART = re.compile(rf"^第([{CN}]+)条(之[{CN}]+)?[ 　]")
CHAP = re.compile(rf"^#+\s*第[{CN}]+章")
PENALTY_CHAP = re.compile(r"法律责任|罚则")

def articles(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for i, ln in enumerate(lines):
        m = ART.match(ln.strip())
        if m:
            out.append((cn2int(m.group(1)) if not m.group(2) else None, i, m.group(0).strip()))
    return lines, out

def title_of(lines, path):
    for ln in lines:
        if ln.startswith("# "):
            return ln[2:].strip()
    return path.stem

def penalty_chapter(lines, arts):
    """Indexes (into arts) of the articles of the first 法律责任/罚则 chapter, or []."""
    heads = [(i, bool(PENALTY_CHAP.search(ln))) for i, ln in enumerate(lines) if CHAP.match(ln.strip())]
    for n, (i, is_pen) in enumerate(heads):
        if is_pen:
            end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
            return [k for k, a in enumerate(arts) if i < a[1] < end]
    return []

CATS = [
    ("法律", ["刑法", "宪法相关法", "民法商法", "民法典", "社会法", "经济法", "行政法", "诉讼与非诉讼程序法"], 4),
    ("行政法规", ["行政法规"], 4),
    ("部门规章", ["部门规章"], 3),
    ("司法解释", ["司法解释"], 2),
    ("地方性法规", ["DLC"], 2),
]

CITE = re.compile(rf"《|第[{CN}]+条|前款|前两款|前三款|前条|本条|本款|前项|本章|本节|第[{CN}]+款|第[{CN}]+项")
PEN = re.compile(r"罚款|罚金|处分|追究刑事责任|定罪处罚|判处|没收|吊销|责令|拘役|有期徒刑")

def eligible(rel):
    path = ROOT / rel
    if hashlib.sha1(rel.encode()).hexdigest()[:16] in KEPT_BACK:
        return None, "kept back"
    if rel in DEV_FILES:
        return None, "used in random-dev, random-fresh, random-fresh2, random-fresh3, random-fresh4, random-fresh5, random-fresh6, random-fresh7, random-fresh8, random-fresh9, random-fresh10, random-fresh11, random-fresh12, random-fresh13, random-fresh14, random-fresh15, random-fresh16, random-fresh17, random-fresh18, random-fresh19, random-fresh20, random-fresh21, random-fresh22, random-fresh23 or random-fresh24"
    lines, arts = articles(path)
    title = title_of(lines, path)
    nt = norm_title(title)
    if nt in shipped or norm_title(re.sub(r"\(\d{4}-\d\d-\d\d\)$", "", path.stem)) in shipped:
        return None, "shipped"
    if "宪法" == nt or nt.startswith("宪法修正案"):
        return None, "constitution"
    nums = [a[0] for a in arts if a[0] is not None]
    if len(nums) < 8:
        return None, "too few articles"
    if nums != list(range(1, len(nums) + 1)):
        return None, "numbering not 1..n (duplicated/quoted articles)"
    return (lines, arts, title), "ok"

def span_body(lines, arts, s):
    end = arts[s + 4][1] if s + 4 < len(arts) else len(lines)
    body = "\n".join(lines[arts[s][1]:end])
    return "\n".join(ART.sub("", ln.strip()) for ln in body.splitlines())

random.seed(20261226)
chosen = []
log = []
for cat, dirs, k in CATS:
    pool = sorted(str(p.relative_to(ROOT)) for d in dirs for p in (ROOT / d).rglob("*.md"))
    random.shuffle(pool)
    got = 0
    for rel in pool:
        if got == k: break
        res, why = eligible(rel)
        log.append(f"{cat}\t{rel}\t{why}")
        if res is None: continue
        chosen.append((cat, rel, res)); got += 1

# which files take a penalty span
mode = {}
for cat, dirs, k in CATS:
    quota = round(k / 3)
    files = [(n, rel, res) for n, (c, rel, res) in enumerate(chosen) if c == cat]
    for n, rel, (lines, arts, title) in files:
        if quota and penalty_chapter(lines, arts):
            mode[n] = "chapter"; quota -= 1
    for n, rel, res in files:
        if quota and n not in mode:
            mode[n] = "marker"; quota -= 1

spans = []
for n, (cat, rel, (lines, arts, title)) in enumerate(chosen):
    m = mode.get(n, "citation")
    tries = []
    if m == "chapter":
        ch = penalty_chapter(lines, arts)
        lo, hi = ch[0], ch[-1]
        if hi - lo + 1 >= 4:
            starts = list(range(lo, hi - 2))
        else:
            starts = [s for s in range(max(0, hi - 3), min(lo, len(arts) - 4) + 1)]
        for t in range(3):
            s = random.choice(starts)
            has = bool(CITE.search(span_body(lines, arts, s)))
            tries.append((s, has))
            if has: break
    elif m == "marker":
        for t in range(10):
            s = random.randrange(0, len(arts) - 3)
            body = span_body(lines, arts, s)
            tries.append((s, bool(CITE.search(body))))
            if PEN.search(body): break
    else:
        for t in range(3):
            s = random.randrange(0, len(arts) - 3)
            has = bool(CITE.search(span_body(lines, arts, s)))
            tries.append((s, has))
            if has: break
    s, has = tries[-1]
    pen = bool(PEN.search(span_body(lines, arts, s)))
    spans.append((f"j{n + 1:02d}", cat, rel, title, arts[s][0], arts[s + 3][0], len(arts), len(tries), has, m, pen))

print("\n".join(log), file=sys.stderr)
print("doc\tcategory\tfile\ttitle\tfirst_article\tlast_article\tarticles_in_file\tdraws\tspan_has_citation_marker\tspan_mode\tspan_has_penalty_marker")
for row in spans:
    print("\t".join(str(x) for x in row))
