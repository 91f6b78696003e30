"""修改决定 wording: the instructions a drafter writes to turn the old text into the new one.

Steps follow the old numbering. Each names the smallest unit that changed: a few words
("将第三条中的“服务”修改为“生成式人工智能服务”", with anchors that are whole words and occur
once in the article), a 款 or 项 restated ("将第七条第二款修改为：…"), a 款 added ("增加一款，作为
第二款：…"), a 款 that becomes an article ("将第十三条第二款改为第十六条"), an article
moved ("第六条改为第十七条", no 修改为 when only its place changed), merged, added or deleted,
and chapter
headings. References that follow renumbered articles are not separate steps: the closing
sentence says the order and the references are adjusted. :func:`regtext.apply` carries the
result out; ``apply(old, diff(old, new).to_decision())`` gives back ``new``.

Example:
    >>> import regtext
    >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
    ...                    regtext.parse("第一条 甲应当依法登记。"))
    >>> print(decision(cmp))
    一、在第一条中的“应当”后增加“依法”。
    <BLANKLINE>
    本决定自公布之日起施行。
    <BLANKLINE>
    原文根据本决定作相应修改，重新公布。
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..text.numerals import int_to_cn
from .amend import renumber_refs

if TYPE_CHECKING:
    from ..text.model import Document, Node
    from .comparison import Comparison

__all__ = ["decision", "is_revision"]

_ITEM_RE = re.compile(r"^[（(][零〇一二三四五六七八九十百]+[）)]")


@dataclass
class _Step:
    key: tuple
    text: str


def _cn(k: int) -> str:
    return int_to_cn(k)


def _art_label(ref: str) -> str:
    if "-" in ref:
        a, b = ref.split("-", 1)
        return f"第{_cn(int(a))}条之{_cn(int(b))}"
    return f"第{_cn(int(ref))}条" if ref.isdigit() else ref


def _structure(art: Node) -> list[tuple[str, list[str]]]:
    """款 of an article as (chapeau or whole text, [项 texts])."""
    out = []
    for c in art.children:
        if c.kind != "paragraph":
            continue
        items = [x.text.strip() for x in c.children if x.kind == "item"]
        out.append(((c.lead if items else c.text).strip(), items))
    return out or [(art.text.strip(), [])]


def _para_text(p: tuple[str, list[str]]) -> str:
    return "\n".join(([p[0]] if p[0] else []) + p[1])


def _quote(text: str) -> str:
    return "“" + "\n".join(ln.strip() for ln in text.splitlines() if ln.strip()) + "”"


def is_revision(cmp: Comparison) -> bool:
    """Most articles changed and the chapter structure changed: a drafter publishes the
    text as revised (修订) with a 条文对照, not as a 修改决定.

    Example:
        >>> import regtext
        >>> is_revision(regtext.diff(regtext.load("genai-2023-draft", warn=False),
        ...                          regtext.load("genai-2023-final")))
        True
    """
    rows = cmp.pairs
    if not rows:
        return False
    changed = sum(p.change != "unchanged" for p in rows)
    heads_old = [(n.kind, n.heading) for n in _headings(cmp.old)]
    heads_new = [(n.kind, n.heading) for n in _headings(cmp.new)]
    return changed / len(rows) > 0.5 and heads_old != heads_new


def _headings(doc: Document) -> list[Node]:
    out = []
    stack = list(reversed(doc.children))
    while stack:
        n = stack.pop()
        if n.kind in ("part", "chapter", "section"):
            out.append(n)
            stack.extend(reversed(n.children))
    return out


def decision(cmp: Comparison, force: bool = False, effective: str | None = None) -> str:
    """The 修改决定 for ``cmp``: numbered steps in old-text order, then the closing clauses.

    When the pair reads as a revision (:func:`is_revision`) the first line says so; the
    steps follow anyway (``force=True`` leaves the note out). ``effective`` overrides the
    effective date (else the new document's catalog date, else 自公布之日起).
    """
    plan = _Plan(cmp)
    steps = plan.steps()
    lines = []
    if is_revision(cmp) and not force:
        n = len(cmp.old.articles)
        changed = len({p.old_ref for p in cmp.pairs if p.old_ref and p.change != "unchanged"})
        lines.append(f"说明：原文{n}条中{changed}条有修改，且章节结构调整，宜以修订方式公布全文并附"
                     "条文对照表（to_duizhao）；以下为等效的修改决定。")
    lines += [f"{_cn(k)}、{s.text}" for k, s in enumerate(steps, 1)]
    title = cmp.new.title or cmp.old.title or ""
    when = effective or (cmp.new.meta or {}).get("effective")
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})$", str(when or ""))
    start = f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日" if m else "公布之日"
    lines += ["", f"本决定自{start}起施行。", ""]
    adjust = "并对条文顺序作相应调整" if plan.renumbered else ""
    name = f"《{title}》" if title else "原文"
    lines.append(f"{name}根据本决定作相应修改{adjust}，重新公布。")
    return "\n".join(lines)


class _Plan:
    def __init__(self, cmp: Comparison) -> None:
        self.cmp = cmp
        self.old_arts = {a.ref: a for a in cmp.old.articles}
        self.new_arts = {a.ref: a for a in cmp.new.articles}
        self.old_pos = {a.ref: k for k, a in enumerate(cmp.old.articles, 1)}
        self.new_pos = {a.ref: k for k, a in enumerate(cmp.new.articles, 1)}
        # a link's weight is how much text it carries (similarity × the shorter text), so
        # an old article continues in the new one that takes the bulk of it, not in the one
        # that takes a short 款 verbatim
        links = [(p.old_ref, p.new_ref, p.similarity * min(
                    len(self.old_arts[p.old_ref].text), len(self.new_arts[p.new_ref].text)))
                 for p in cmp.pairs if p.old_ref is not None and p.new_ref is not None]
        # one old article per new one: the heaviest link first, each article used once
        self.primary: dict[str, str] = {}          # new → old
        used: set[str] = set()
        for o, n, _ in sorted(links, key=lambda x: (-x[2], self.old_pos[x[0]])):
            if n not in self.primary and o not in used:
                self.primary[n] = o
                used.add(o)
        self.of_old = {o: n for n, o in self.primary.items()}
        self.sources: dict[str, list[str]] = {}
        for o, n, _ in links:
            self.sources.setdefault(n, []).append(o)
        self.moved_out: dict[str, set[int]] = {}    # old ref → 款 numbers that became articles
        self.para_moves: dict[str, tuple[str, int]] = {}   # new ref → (old ref, 款)
        self._find_para_moves()
        self.merged: dict[str, list[str]] = {}      # new → extra old sources merged into it
        for o in self.old_arts:
            if o in self.of_old:
                continue
            dests = [n for oo, n, _ in links if oo == o and n in self.primary]
            if len(dests) == 1 and all(self.of_old.get(x) is None or x == self.primary[dests[0]]
                                       for x in [o]):
                self.merged.setdefault(dests[0], []).append(o)
        # final numbers of old articles (for references in untouched text)
        self.mapping = {o: str(self.new_pos[n]) for n, o in self.primary.items()}
        for n, extra in self.merged.items():
            for o in extra:
                self.mapping[o] = str(self.new_pos[n])
        self.renumbered = any(self.mapping.get(o) != o for o in self.mapping) or any(
            n not in self.primary and self.new_pos[n] < len(self.new_pos)
            for n in self.new_arts)
        self.pinned = self._pins()

    # -- which articles need "改为第N条"

    def _pins(self) -> set[str]:
        olds = sorted(self.of_old, key=lambda o: self.old_pos[o])
        seq = [self.new_pos[self.of_old[o]] for o in olds]
        same = [self.new_pos[self.of_old[o]] == self.old_pos[o] for o in olds]
        keep = _lis(seq) if len(seq) > 800 else _weighted_lis(seq, same)
        return {o for k, o in enumerate(olds) if k not in keep}

    def _find_para_moves(self) -> None:
        for n, art in self.new_arts.items():
            if n in self.primary or len(_structure(art)) != 1:
                continue
            text = _para_text(_structure(art)[0])
            for o in self.sources.get(n, []):
                if o not in self.of_old:
                    continue
                paras = _structure(self.old_arts[o])
                hits = [k for k, p in enumerate(paras, 1)
                        if _para_text(p) == text and len(paras) > 1]
                if hits:
                    self.para_moves[n] = (o, hits[0])
                    self.moved_out.setdefault(o, set()).add(hits[0])
                    break

    # -- steps

    def steps(self) -> list[_Step]:
        out: list[_Step] = []
        if (self.cmp.old.title or "") != (self.cmp.new.title or "") and self.cmp.new.title:
            out.append(_Step((-2,), f"将名称修改为：“{self.cmp.new.title}”"))
        pre_o = _preamble(self.cmp.old)
        pre_n = _preamble(self.cmp.new)
        if pre_o != pre_n:
            out.append(_Step((-1,), f"将引言修改为：{_quote(pre_n)}" if pre_n else "删去引言。"))
        for o in self.old_arts:
            pos = self.old_pos[o]
            n = self.of_old.get(o)
            if n is None:
                if not any(o in v for v in self.merged.values()):
                    out.append(_Step((pos, 0), f"删去{_art_label(o)}。"))
                continue
            out.extend(self._article(o, n, pos))
        for n, art in self.new_arts.items():
            if n in self.primary:
                continue
            out.append(self._addition(n, art))
        out.extend(self._chapters())
        return sorted(out, key=lambda s: s.key)

    def _anchor_key(self, n: str) -> tuple:
        """Where an addition goes in old-text order: after the old article that precedes it."""
        k = self.new_pos[n]
        for prev in list(self.new_arts)[:k - 1][::-1]:
            o = self.primary.get(prev)
            if o is not None:
                return (self.old_pos[o], 5, k), o
        return (0, 5, k), None

    def _addition(self, n: str, art: Node) -> _Step:
        key, after = self._anchor_key(n)
        label = _art_label(str(self.new_pos[n]))
        if n in self.para_moves:
            o, k = self.para_moves[n]
            # before any restatement of the article, which would renumber its 款
            return _Step((self.old_pos[o], 0, k),
                         f"将{_art_label(o)}第{_cn(k)}款改为{label}。")
        where = f"在{_art_label(after)}后" if after else ""
        return _Step(key, f"{where}增加一条，作为{label}：{_quote(art.text)}")

    def _article(self, o: str, n: str, pos: int) -> list[_Step]:
        out: list[_Step] = []
        old_art, new_art = self.old_arts[o], self.new_arts[n]
        label = _art_label(o)
        target = _art_label(str(self.new_pos[n]))
        extra = self.merged.get(n)
        if extra:
            group = sorted([o] + extra, key=lambda x: self.old_pos[x])
            olds = "、".join(_art_label(x) for x in group)
            return [_Step((self.old_pos[group[0]], 1),
                          f"将{olds}合并，作为{target}，修改为：{_quote(new_art.text)}")]
        pin = o in self.pinned
        moved = (f"{label}改为{target}" if label != target else f"{label}位置调整为{target}")
        old_paras = [p for k, p in enumerate(_structure(old_art), 1)
                     if k not in self.moved_out.get(o, set())]
        old_numbers = [k for k in range(1, len(_structure(old_art)) + 1)
                       if k not in self.moved_out.get(o, set())]
        new_paras = _structure(new_art)
        rn = [(renumber_refs(p[0], self.mapping), [renumber_refs(i, self.mapping) for i in p[1]])
              for p in old_paras]
        if rn == new_paras:
            if pin:
                out.append(_Step((pos, 1), f"{moved}。"))
            return out
        sub = self._paras(o, old_art, old_paras, old_numbers, new_paras)
        if sub is None or (len(sub) == 1 and sub[0].startswith(f"将{label}修改为：")):
            head = f"将{moved}，修改为：" if pin else f"将{label}修改为："
            return [_Step((pos, 1), f"{head}{_quote(new_art.text)}")]
        parts = ([moved] if pin else []) + [t.rstrip("。") if not t.endswith("”") else t
                                            for t in sub]
        end = "。" if sub[-1].endswith("。") or not sub else ""
        return [_Step((pos, 1), "；".join(parts) + end)]

    def _paras(self, o: str, old_art: Node, old_paras: list, numbers: list[int],
               new_paras: list) -> list[str] | None:
        """款- and 项-level steps, or None when restating the article reads better."""
        label = _art_label(o)
        one = len(_structure(old_art)) == 1
        rn = [_para_text((renumber_refs(p[0], self.mapping),
                          [renumber_refs(i, self.mapping) for i in p[1]])) for p in old_paras]
        new_t = [_para_text(p) for p in new_paras]
        sm = difflib.SequenceMatcher(None, rn, new_t, autojunk=False)
        out: list[str] = []
        # the article as it stands when each step is carried out: anchors must be unique
        # there (a superset of the real text: deleted 款 are kept, which only adds caution)
        cur = [_para_text(p) for p in _structure(old_art)]
        added: list[str] = []
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "equal":
                continue
            if op == "replace" and i2 - i1 != j2 - j1:
                return None
            if op == "delete":
                out.extend(f"删去{label}第{_cn(numbers[i])}款。" for i in range(i1, i2))
                continue
            if op == "insert":
                count = j2 - j1
                where = "、".join(f"第{_cn(j + 1)}款" for j in range(j1, j2))
                body = "\n".join(new_t[j1:j2])
                if "\n" in "".join(new_t[j1:j2]) and count > 1:
                    return None  # 款 with items inside a multi-款 quotation would be ambiguous
                out.append(f"在{label}中增加{_cn_count(count)}款，作为{where}：{_quote(body)}")
                added.append(body)
                continue
            for i, j in zip(range(i1, i2), range(j1, j2)):
                steps = self._para_change(label, one, numbers[i], old_paras[i], new_paras[j],
                                          "\n".join(cur + added))
                if steps is None:
                    return None
                out.extend(steps)
                cur[numbers[i] - 1] = new_t[j] + "\n" + cur[numbers[i] - 1]
        return out

    def _para_change(self, label: str, one: bool, k: int, old: tuple, new: tuple,
                     article_text: str) -> list[str] | None:
        where = label if one else f"{label}第{_cn(k)}款"
        rn_lead = renumber_refs(old[0], self.mapping)
        if len(old[1]) == len(new[1]) and old[1]:
            out = []
            if rn_lead != new[0]:
                words = _word_steps(label, old[0], new[0], article_text)
                article_text += "\n" + new[0]
                out.append(words or f"将{where}修改为：{_quote(_para_text(new))}")
                if not words:
                    return out
            for m, (a, b) in enumerate(zip(old[1], new[1]), 1):
                if renumber_refs(a, self.mapping) == b:
                    continue
                words = _word_steps(label, a, b, article_text)
                article_text += "\n" + b
                out.append(words or f"将{where}第（{_cn(m)}）项修改为：{_quote(b)}")
            return out
        if not old[1] and not new[1]:
            words = _word_steps(label, old[0], new[0], article_text)
            return [words or f"将{where}修改为：{_quote(new[0])}"]
        return [f"将{where}修改为：{_quote(_para_text(new))}"]

    # -- chapters

    def _place(self, start: int | None, lvl: int, k: int) -> tuple:
        """Where a heading step reads best: just before the steps of the article that opens
        the heading's span (old-text order), else at the top."""
        arts = list(self.new_arts)
        if start is None or not 1 <= start <= len(arts):
            return (0, lvl, k)
        n = arts[start - 1]
        o = self.primary.get(n)
        if o is not None:
            return (self.old_pos[o], -3 + lvl, k)
        key, _ = self._anchor_key(n)
        return (key[0], 4, key[2] - 0.5 + lvl / 10, k)

    def _chapters(self) -> list[_Step]:
        """Heading steps (编, 章, 节), when the headings that :func:`regtext.apply` would
        carry along with their first articles differ from the new text's."""
        out: list[_Step] = []
        all_new = [(h, self.new_pos.get(_first_article(h) or "")) for h in _headings(self.cmp.new)]
        all_new = [(h, pos) for h, pos in all_new if pos is not None]
        total = len(self.new_arts)
        level = {"part": 0, "chapter": 1, "section": 2}
        old_order = list(self.old_arts)
        for kind, unit, name in (("part", "编", "编名"), ("chapter", "章", "章名"),
                                 ("section", "节", "节名")):
            old_heads = [h for h in _headings(self.cmp.old) if h.kind == kind]
            desired = [(h.heading, pos, h.label) for h, pos in all_new if h.kind == kind]
            implicit = []
            for h in old_heads:
                a = _first_article(h)
                pos = None
                if a in old_order:
                    for o in old_order[old_order.index(a):]:
                        if o in self.of_old:
                            pos = self.new_pos[self.of_old[o]]
                            break
                implicit.append((h.heading, pos, h.label))
            if [d[:2] for d in implicit if d[1] is not None] == [d[:2] for d in desired]:
                continue

            def span(start: int, kind: str = kind) -> str:
                later = [pos for h, pos in all_new
                         if pos > start and level[h.kind] <= level[kind]]
                end = min(later) - 1 if later else total
                return (f"第{_cn(start)}条" if end <= start
                        else f"第{_cn(start)}条至第{_cn(end)}条")

            covered: set[int] = set()
            old_titles = {t for t, _, _ in implicit}
            for k, (title, pos, label) in enumerate(implicit):
                same = [i for i, d in enumerate(desired) if d[0] == title and i not in covered]
                key = self._place(desired[same[0]][1] if same else pos, level[kind], k)
                if same:
                    i = same[0]
                    covered.add(i)
                    if desired[i][1] != pos:
                        out.append(_Step(key, f"{label}包括修改后的{span(desired[i][1])}。"))
                    continue
                renamed = [i for i, d in enumerate(desired) if d[1] == pos and i not in covered
                           and d[0] not in old_titles]
                if renamed:
                    covered.add(renamed[0])
                    out.append(_Step(key, f"将{label}的{name}修改为“{desired[renamed[0]][0]}”。"))
                else:
                    out.append(_Step(key, f"删去{label}的{name}。"))
            for i, (title, start, label) in enumerate(desired):
                if i in covered:
                    continue
                out.append(_Step(self._place(start, level[kind], i),
                                 f"增加一{unit}，作为{label}，{name}为“{title}”，"
                                 f"包括修改后的{span(start)}。"))
        return out


def _first_article(h: Node) -> str | None:
    stack = list(reversed(h.children))
    while stack:
        n = stack.pop()
        if n.kind == "article":
            return n.ref
        stack.extend(reversed(n.children))
    return None


def _preamble(doc: Document) -> str:
    return next((c.text for c in doc.children if c.kind == "preamble"), "")


def _cn_count(k: int) -> str:
    return "二" if k == 2 else _cn(k)


def _weighted_lis(seq: list[int], same: list[bool]) -> set[int]:
    """An increasing subsequence of maximal length, preferring articles that keep their
    number (those need no "改为")."""
    n = len(seq)
    best = [0.0] * n
    prev = [-1] * n
    for i in range(n):
        best[i] = 1 + (0.001 if same[i] else 0)
        for j in range(i):
            if seq[j] < seq[i]:
                cand = best[j] + 1 + (0.001 if same[i] else 0)
                if cand > best[i]:
                    best[i], prev[i] = cand, j
    if not n:
        return set()
    i = max(range(n), key=lambda k: best[k])
    out = set()
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


def _lis(seq: list[int]) -> set[int]:
    """Indices of a longest increasing subsequence (the articles that keep their order)."""
    import bisect

    tails: list[int] = []
    tails_idx: list[int] = []
    prev = [-1] * len(seq)
    for i, x in enumerate(seq):
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
            tails_idx.append(i)
        else:
            tails[k] = x
            tails_idx[k] = i
        prev[i] = tails_idx[k - 1] if k else -1
    out = set()
    i = tails_idx[-1] if tails_idx else -1
    while i >= 0:
        out.add(i)
        i = prev[i]
    return out


# -- a few words --------------------------------------------------------------------------------


def _bounds(text: str) -> list[int]:
    from ..extract.pipeline import words

    out, k = [0], 0
    for w in words(text):
        k += len(w)
        out.append(k)
    return out


def _word_steps(label: str, old: str, new: str, article: str,
                max_edits: int = 3) -> str | None:
    """"将第X条中的“…”修改为“…”" steps for a small change inside one 款 or 项, anchored on
    whole words that occur once in the article; None when restating reads better."""
    from .redlining import edits

    if old == new:
        return ""
    es = [e for e in edits(old, new) if e.op != "equal"]
    if not es or len(es) > max_edits:
        return None
    if sum(len(e.old) + len(e.new) for e in es) > 0.6 * max(len(old), len(new)):
        return None
    bounds = _bounds(old)
    work_article = article
    work = old
    parts = []
    shift = 0  # offset of work relative to old after earlier steps
    for e in es:
        s, t = e.old_start, e.old_end
        # widen to word boundaries, then until the anchor is unique in the article
        s = max(b for b in bounds if b <= s)
        t = min(b for b in bounds if b >= t)
        for _ in range(12):
            anchor = old[s:t]
            ctx_ok = (len(anchor) >= 2 and work_article.count(anchor) == 1
                      and work.count(anchor) == 1)
            if ctx_ok and (e.op != "insert" or t > s):
                break
            # prefer growing to the left (the words before a change name it best)
            left = max((b for b in bounds if b < s), default=None)
            right = min((b for b in bounds if b > t), default=None)
            if left is not None:
                s = left
            elif right is not None:
                t = right
            else:
                return None
        else:
            return None
        anchor = old[s:t]
        if len(anchor) > 40 or "\n" in anchor or re.search("[“”]", anchor + e.new):
            return None  # quotation marks inside a quotation would not read back
        replacement = old[s:e.old_start] + e.new + old[e.old_end:t]
        if e.op == "insert" and old[s:e.old_start] == anchor:
            parts.append(f"在{label}中的“{anchor}”后增加“{e.new}”")
        elif e.op == "insert" and old[e.old_end:t] == anchor:
            parts.append(f"在{label}中的“{anchor}”前增加“{e.new}”")
        elif e.op == "delete" and anchor == e.old:
            parts.append(f"删去{label}中的“{anchor}”")
        else:
            parts.append(f"将{label}中的“{anchor}”修改为“{replacement}”")
        # check on the working copy that the step does exactly this
        pos = work.find(anchor, s + shift - 5 if s + shift >= 5 else 0)
        if pos < 0 or work.count(anchor) != 1:
            return None
        work = work.replace(anchor, replacement)
        work_article = work_article.replace(anchor, replacement)
        shift += len(replacement) - len(anchor)
    if work != new:
        return None
    return "；".join(parts) + "。"
