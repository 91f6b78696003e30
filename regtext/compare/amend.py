"""Carry out a 修改决定 on the old text: ``regtext.apply(old_doc, decision_text)``.

A 修改决定 speaks of the old text: "将第七条第二款修改为：…", "删去第九条", "在第三条中的“服务”后
增加“面向公众”", "增加一条，作为第十二条：…", "第十三条第二款改为第十六条", "将第三条和第五条合并…",
chapters ("增加一章，作为第二章，章名为…"), and a closing sentence ("…根据本决定作相应修改并对条文
顺序作相应调整，重新公布。"). Article and 款 numbers in an instruction are those of the old text;
"作为第N条" names the place in the new text, and every other article keeps its order and
takes the next free number (that is what 条文顺序作相应调整 means). References to renumbered
articles inside untouched text follow their articles (本办法第五条 → 第六条).

Instructions that cannot be placed (an article the old text lacks, words not found) are
listed in ``doc.meta["unapplied"]`` and announced in one :class:`AmendmentWarning`.

Example:
    >>> import regtext
    >>> old = regtext.parse("第一条 甲应当登记。\\n\\n第二条 乙不得转让。\\n\\n"
    ...                     "第三条 依照第二条处理。")
    >>> new = regtext.apply(old, "一、在第一条中的“应当”后增加“依法”。\\n"
    ...                          "二、增加一条，作为第二条：“丙可以申请。”")
    >>> [a.text for a in new.articles]
    ['甲应当依法登记。', '丙可以申请。', '乙不得转让。', '依照第三条处理。']
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field

from ..text.model import Document
from ..text.numerals import cn_to_int, int_to_cn

__all__ = ["AmendmentWarning", "apply", "decision_sections", "signature"]


class AmendmentWarning(UserWarning):
    """Some instructions of a 修改决定 could not be carried out.

    Example:
        >>> import regtext, warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     _ = regtext.apply(regtext.parse("第一条 甲。"), "删去第五条。")
        >>> caught[0].category.__name__
        'AmendmentWarning'
    """


_NUM = r"[零〇一二三四五六七八九十百千两\d]+"
_Q = r"〔Q(\d+)〕"
_ART = rf"第({_NUM})条(?:之({_NUM}))?"
_REF = (rf"(?:{_ART})?(?:第({_NUM})款)?(?:第[（(]?({_NUM})[）)]?项)?")
_ITEM_RE = re.compile(r"^[（(][零〇一二三四五六七八九十百]+[）)]")
_HREF = rf"(?:第{_NUM}编)?(?:第{_NUM}章)?(?:第{_NUM}节)?"
_DOCWORD = r"本(?:法|条例|规定|办法|解释|细则|决定|规则|意见|批复|准则|章程)"


def _n(s: str | None) -> int | None:
    if s is None or s == "":
        return None
    return int(s) if s.isdigit() else cn_to_int(s)


# -- the editable text -----------------------------------------------------------------------


@dataclass
class _Slot:
    """A unit that keeps its old identity while instructions act on it."""

    old: object
    value: object
    pin: int | None = None
    deleted: bool = False
    fresh: bool = False          # text given by the decision: already in the new numbering
    order: float = 0.0           # base position (old order; insertions between)


@dataclass
class _Para:
    lead: str
    items: list[_Slot] = field(default_factory=list)
    lead_fresh: bool = False

    def lines(self) -> list[str]:
        out = [self.lead] if self.lead else []
        return out + [s.value for s in _arranged(self.items)]


@dataclass
class _Head:
    kind: str           # part / chapter / section
    title: str
    anchor: object      # identity of the article it stands before (old ref or new key)
    start: int | None = None   # explicit first article (new numbering)
    deleted: bool = False
    old: str | None = None
    label: str = ""


def _arranged(slots: list[_Slot]) -> list[_Slot]:
    """Living slots in final order: pinned ones at their numbers, the rest in base order
    filling the free numbers."""
    live = sorted((s for s in slots if not s.deleted), key=lambda s: s.order)
    n = len(live)
    out: list[_Slot | None] = [None] * n
    flow = []
    for s in live:
        if s.pin is not None and 1 <= s.pin <= n and out[s.pin - 1] is None:
            out[s.pin - 1] = s
        else:
            flow.append(s)
    it = iter(flow)
    return [s if s is not None else next(it) for s in out]


def _paras_from_text(text: str) -> list[_Para]:
    """Quoted provision text → 款 with their 项 (目 lines stay with their 项)."""
    paras: list[_Para] = []
    for raw in text.split("\n"):
        line = raw.strip().lstrip("“").rstrip("”") if raw.count("“") != raw.count("”") \
            else raw.strip()
        if not line:
            continue
        if _ITEM_RE.match(line) and paras:
            p = paras[-1]
            p.items.append(_Slot(len(p.items) + 1, line, fresh=True, order=len(p.items) + 1))
        elif re.match(r"^\d+[.．]", line) and paras and paras[-1].items:
            paras[-1].items[-1].value += "\n" + line
        else:
            paras.append(_Para(line))
    return paras


def _para_slots(paras: list[_Para], fresh: bool) -> list[_Slot]:
    out = []
    for k, p in enumerate(paras, 1):
        for it in p.items:
            it.fresh = fresh
        out.append(_Slot(k, p, fresh=fresh, order=k))
    return out


class _Text:
    """The old document as editable slots: preamble, headings, articles → 款 → 项."""

    def __init__(self, doc: Document) -> None:
        self.title = doc.title
        self.notes = doc.notes
        self.preamble = ""
        self.arts: list[_Slot] = []
        self.heads: list[_Head] = []
        self.by_ref: dict[str, _Slot] = {}
        pending: list[tuple[str, str, str, str]] = []
        for node in _walk(doc):
            if node.kind == "preamble":
                self.preamble = node.text
            elif node.kind in ("part", "chapter", "section"):
                pending.append((node.kind, node.heading, node.ref, node.label))
            elif node.kind == "article":
                paras = []
                for c in node.children:
                    if c.kind != "paragraph":
                        continue
                    items = [ch for ch in c.children if ch.kind == "item"]
                    lead = c.lead if items else c.text
                    paras.append(_Para(lead.strip(), [
                        _Slot(k, it.text, order=k) for k, it in enumerate(items, 1)]))
                if not paras:
                    paras = [_Para(node.text)]
                slot = _Slot(node.ref, _para_slots(paras, False), order=len(self.arts) + 1)
                self.arts.append(slot)
                self.by_ref[node.ref] = slot
                for kind, heading, ref, label in pending:
                    self.heads.append(_Head(kind, heading, node.ref, old=ref, label=label))
                pending = []
        self.fresh_keys = 0
        # chapters restart in each 编 (刑法) or run on through the whole text (民事诉讼法)
        firsts: dict[str, int] = {}
        for h in self.heads:
            parts = (h.old or "").split(".")
            if h.kind == "chapter" and len(parts) == 2 and parts[1][2:].isdigit():
                firsts.setdefault(parts[0], int(parts[1][2:]))
        self.chapters_restart = not any(n > 1 for n in list(firsts.values())[1:])

    def new_key(self) -> str:
        self.fresh_keys += 1
        return f"+{self.fresh_keys}"


def _walk(doc: Document):
    stack = list(reversed(doc.children))
    while stack:
        n = stack.pop()
        yield n
        if n.kind not in ("article",):
            stack.extend(reversed(n.children))


# -- reading the decision ----------------------------------------------------------------------


def _mask_quotes(text: str) -> tuple[str, list[str]]:
    """Replace each top-level “…” by 〔Qn〕 (nested quotes stay inside)."""
    out, quotes, depth, buf = [], [], 0, []
    for ch in text:
        if ch == "“":
            if depth == 0:
                buf = []
            else:
                buf.append(ch)
            depth += 1
        elif ch == "”" and depth > 0:
            depth -= 1
            if depth == 0:
                out.append(f"〔Q{len(quotes)}〕")
                quotes.append("".join(buf))
            else:
                buf.append(ch)
        elif depth > 0:
            buf.append(ch)
        else:
            out.append(ch)
    if depth > 0:  # an unclosed quote: take the rest as quoted
        out.append(f"〔Q{len(quotes)}〕")
        quotes.append("".join(buf))
    return "".join(out), quotes


def _join_paragraph_quotes(text: str) -> str:
    """Official decisions sometimes open every quoted 款 with “ and close only the last;
    fold such a run into one quotation."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        s = line.strip()
        if (out and s.startswith("“") and s.count("“") > s.count("”")
                and _open_quote(out)):
            out.append(s[1:])
        else:
            out.append(line)
    return "\n".join(out)


def _open_quote(lines: list[str]) -> bool:
    depth = 0
    for line in lines:
        for ch in line:
            if ch == "“":
                depth += 1
            elif ch == "”":
                depth = max(0, depth - 1)
    return depth > 0


_STEP_RE = re.compile(r"(?m)^\s*(?:[一二三四五六七八九十百千零〇]+、|\d+[.．、](?!\d))")


def decision_sections(text: str) -> dict[str, str]:
    """Split a decision that amends several instruments ("一、修改《…》") into one body per
    title; a single-instrument decision gives one entry keyed by ``""``.

    Example:
        >>> sorted(decision_sections("一、修改《甲规定》\\n1.删去第一条。\\n二、修改《乙规定》\\n"
        ...                          "1.删去第二条。"))
        ['乙规定', '甲规定']
    """
    heads = list(re.finditer(r"(?m)^\s*[一二三四五六七八九十百]+、修改《(.+)》\s*$", text))
    if not heads:
        return {"": text}
    out = {}
    for k, m in enumerate(heads):
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        out[_norm_title(m.group(1))] = text[m.end():end]
    return out


def _norm_title(t: str) -> str:
    t = t.replace("〈", "《").replace("〉", "》").replace("中华人民共和国", "")
    return re.sub(r"^(?:最高人民法院|最高人民检察院|、)+关于", "关于", t.strip())


def _body(text: str) -> str:
    """The instructions: after "作如下修改：" when present, without Markdown headers."""
    text = text.replace("\r", "")
    text = re.sub(r"(?s)^.*<!-- INFO END -->", "", text)
    m = re.search(r"(?:作如下修改|修改如下|作出如下修改)[：:]", text)
    if m:
        text = text[m.end():]
    return "\n".join(ln for ln in text.split("\n")
                     if not ln.startswith("#") and not re.match(r"\s*(?:说明|注)[：:]", ln))


def _steps(text: str) -> list[tuple[str, list[str]]]:
    """Numbered steps (一、 or 1.), each with its quotations; text outside any step (a
    decision with a single instruction) is one step."""
    masked, quotes = _mask_quotes(_join_paragraph_quotes(text))
    cuts = [m.start() for m in _STEP_RE.finditer(masked)]
    if not cuts or masked[:cuts[0]].strip():
        cuts = [0] + cuts
    pieces = [masked[a:b] for a, b in zip(cuts, cuts[1:] + [len(masked)])]
    out = []
    for piece in pieces:
        piece = _STEP_RE.sub("", piece, count=1) if _STEP_RE.match(piece) else piece
        out.append((piece, quotes))
    return out


# -- carrying it out ---------------------------------------------------------------------------


@dataclass
class _Ctx:
    art: str | None = None
    para: int | None = None


class _Apply:
    def __init__(self, doc: Document) -> None:
        self.t = _Text(doc)
        self.unapplied: list[str] = []
        self.unrecognized: list[str] = []
        self.applied = 0
        self.touched_art: set[int] = set()

    # ---- lookups

    def art(self, num: int | None, sub: int | None) -> _Slot | None:
        if num is None:
            return None
        ref = f"{num}-{sub}" if sub else str(num)
        return self.t.by_ref.get(ref)

    def para(self, a: _Slot, k: int | None) -> _Slot | None:
        if k is None:
            return None
        for s in a.value:
            if s.old == k:
                return s
        return None

    def item(self, p: _Slot, i: int) -> _Slot | None:
        for s in p.value.items:
            if s.old == i:
                return s
        return None

    # ---- one step

    def run(self, step: str, quotes: list[str]) -> None:
        ctx = _Ctx()
        # an instruction may put its quotation on the next line (官方文本: "修改为：\n\n“…”")
        skeleton = re.sub(r"\s*\n\s*(?=〔Q)", "", re.sub(r"([：:])\s*\n\s*", r"\1", step))
        # clauses end at ；or 。 (never inside a quotation: those are masked)
        for clause in re.split(r"[；;。\n]\s*", skeleton):
            clause = re.sub(r"\s+", "", clause)
            if not clause or re.fullmatch(r"[，,]*", clause):
                continue
            if _closing(clause) or re.fullmatch(r"《[^》]+》", clause):
                continue  # closing clauses; a bare title heading a list of instruments
            clause = _normalise(clause)
            try:
                ok = self.clause(clause, quotes, ctx)
            except _Miss as exc:
                ok = False
                clause = f"{clause}（{exc}）"
            else:
                if not ok:  # no instruction form matched (as opposed to: nothing to act on)
                    self.unrecognized.append(_unmask(clause, quotes))
            if ok:
                self.applied += 1
            else:
                self.unapplied.append(_unmask(clause, quotes))

    def clause(self, c: str, q: list[str], ctx: _Ctx) -> bool:  # noqa: C901
        Q = lambda k: q[int(k)]  # noqa: E731
        m = re.fullmatch(rf"将(?:{_DOCWORD}的)?(?:名称|标题|题目)修改为[：:]?{_Q}", c)
        if m:
            self.t.title = Q(m.group(1)).strip().strip("《》")
            return True
        # parts, chapters and sections (named by their old labels: 第二章, 第三章第一节)
        m = re.fullmatch(rf"将(?P<h>{_HREF})(?:的)?(?:章名|节名|编名|标题|名称)修改为[：:]?"
                         rf"〔Q(?P<q>\d+)〕", c)
        if m:
            self.head(m.group("h")).title = _strip_heading(Q(m.group("q")))
            return True
        m = re.fullmatch(rf"删去(?P<h>{_HREF})的?(?:章名|节名|编名|标题|名称)", c)
        if m:
            self.head(m.group("h")).deleted = True
            return True
        m = re.fullmatch(rf"(?:在第(?P<a>{_NUM})条(?:之(?P<ai>{_NUM}))?前)?"
                         rf"增加一(?P<u>编|章|节)[，,]?作为(?P<h>{_HREF})[，,：:]?(?:(?:章名|节名|编名|标题)为)?"
                         rf"〔Q(?P<q>\d+)〕(?:[，,]包括(?:修改后的)?第(?P<s>{_NUM})条"
                         rf"(?:至第{_NUM}条)?)?", c)
        if m:
            kind = {"编": "part", "章": "chapter", "节": "section"}[m.group("u")]
            anchor = self.art(_n(m.group("a")), _n(m.group("ai")))
            start = _n(m.group("s"))
            if anchor is None and start is None:
                raise _Miss("未指明位置")
            self.t.heads.append(_Head(kind, _strip_heading(Q(m.group("q"))),
                                      anchor.old if anchor else None, start))
            return True
        m = re.fullmatch(rf"(?P<h>{_HREF})(?:改为{_HREF})?[，,]?包括(?:修改后的)?"
                         rf"第(?P<s>{_NUM})条(?:至第{_NUM}条)?", c)
        if m and m.group("h"):
            self.head(m.group("h")).start = _n(m.group("s"))
            return True
        if re.fullmatch(rf"{_HREF}改为{_HREF}", c) and re.match(r"第.+[编章节]改为", c):
            return True  # headings are renumbered in order anyway
        # merge: 将第X条和第Y条合并[为一条]，[作为第Z条，]修改为：Q
        m = re.fullmatch(rf"将((?:第{_NUM}条(?:之{_NUM})?[、和与及]?)+)合并(?:为一条)?[，,]?"
                         rf"(?:作为第({_NUM})条[，,]?)?(?:并)?(?:修改为[：:]?{_Q})?", c)
        if m:
            arts = [self.need_art(_n(a), _n(b)) for a, b in re.findall(_ART, m.group(1))]
            first = arts[0]
            if m.group(3) is not None:
                first.value = _para_slots(_paras_from_text(Q(m.group(3))), True)
            else:
                for other in arts[1:]:
                    first.value += other.value
            for other in arts[1:]:
                other.deleted = True
            if m.group(2):
                first.pin = _n(m.group(2))
            ctx.art = first.old
            return True
        # additions: [在REF后]增加N条/款/项[，][分别]作为第…：Q…
        m = re.fullmatch(rf"(?:在({_REF})(后|之后|前|之前|中))?(?:的?)(?:增加|增设|新增)"
                         rf"({_NUM})(条|款|项)[，,]?(?:分别)?(?:作为((?:第[（(]?{_NUM}[）)]?"
                         rf"(?:条|款|项)?[、和]?)+))?[：:]?((?:{_Q}[，,、]?)+)", c)
        if m:
            return self.add(m, q, ctx)
        m = re.fullmatch(rf"({_REF})(?:中)?增加({_NUM})(款|项)[，,]?(?:分别)?作为((?:第[（(]?"
                         rf"{_NUM}[）)]?(?:款|项)?[、和]?)+)[：:]?((?:{_Q}[，,、]?)+)", c)
        if m:
            return self.add_in(m, q, ctx)
        # renumbering / moving, optionally restated
        m = re.fullmatch(rf"将?({_REF})(?:改为|修改为|位置调整为|调整为|移作|作为)"
                         rf"第({_NUM})条(?:之({_NUM}))?"
                         rf"[，,：:]?(?:并)?(?:修改为[：:]?)?(?:{_Q})?", c)
        if m:
            return self.move(m, q, ctx)
        # restating a unit
        m = re.fullmatch(rf"将({_REF}|引言|序言|前言|题注)(?:的内容)?修改为[：:]?"
                         rf"(?:{_NUM}[款项][：:])?{_Q}", c)
        if m:
            return self.restate(m, q, ctx)
        # words: 将REF中的Q修改为Q (chains: ，Q修改为Q)
        m = re.fullmatch(rf"将(?P<units>(?:{_REF}[、和]?)+|{_DOCWORD}|全文)(?:中的|的|中)"
                         rf"(?P<olds>(?:{_Q}[、和]?)+)(?:修改|改|替换)为〔Q(?P<new>\d+)〕"
                         rf"(?P<chain>(?:[，,](?:将)?(?:{_Q}[、和]?)+(?:修改|改)为{_Q})*)", c)
        if m:
            units = self.units(m.group("units"), ctx)
            pairs = [(re.findall(_Q, m.group("olds")), m.group("new"))]
            for chain in re.finditer(rf"[，,](?:将)?(?P<o>(?:{_Q}[、和]?)+)(?:修改|改)为"
                                     rf"〔Q(?P<n>\d+)〕", m.group("chain")):
                pairs.append((re.findall(_Q, chain.group("o")), chain.group("n")))
            for olds, new in pairs:
                for o in olds:
                    self.replace(units, Q(o), Q(new))
            return True
        m = re.fullmatch(rf"将((?:{_Q}[、和]?)+)(?:修改|改)为[：:]?{_Q}", c)
        if m:  # words named without a provision: wherever they stand in the text
            units = self.units("全文", ctx)
            for o in re.findall(_Q, m.group(1)):
                self.replace(units, Q(o), Q(m.group(m.lastindex)))
            return True
        m = re.fullmatch(rf"((?:{_Q}[、和]?)+)(?:修改|改)为{_Q}", c)
        if m and ctx.art is not None:
            units = self.units("", ctx)
            for o in re.findall(_Q, m.group(1)):
                self.replace(units, Q(o), Q(m.group(m.lastindex)))
            return True
        # deleting words
        m = re.fullmatch(rf"(?:删去|删除)((?:{_REF}[、和]?)+|{_DOCWORD}|全文)?(?:中的|的|中)"
                         rf"((?:{_Q}[、和]?)+)", c) or re.fullmatch(
            rf"将((?:{_REF}[、和]?)+)(?:中的|的|中)((?:{_Q}[、和]?)+)(?:删去|删除)", c)
        if m:
            units = self.units(m.group(1) or "", ctx)
            for o in re.findall(_Q, m.group(m.lastindex)):
                self.replace(units, Q(o), "")
            return True
        m = re.fullmatch(rf"(?:删去|删除)((?:{_REF}中的(?:{_Q}[、和]?)+[和、]?){{2,}})", c)
        if m:
            for part in re.finditer(rf"({_REF})中的((?:{_Q}[、和]?)+)", m.group(1)):
                units = self.units(part.group(1), ctx)
                for o in re.findall(_Q, part.group(part.lastindex)):
                    self.replace(units, Q(o), "")
            return True
        # inserting words
        m = re.fullmatch(rf"在((?:{_REF}[、和]?)+|{_DOCWORD})?(?:中的|的|中)?{_Q}(后|之后|前|之前)"
                         rf"(?:增加|加入|插入)(?:规定)?[：:]?{_Q}", c)
        if m:
            units = self.units(m.group(1) or "", ctx)
            anchor, ins = Q(m.group(m.lastindex - 2)), Q(m.group(m.lastindex))
            after = m.group(m.lastindex - 1) in ("后", "之后")
            self.replace(units, anchor, anchor + ins if after else ins + anchor)
            return True
        m = re.fullmatch(rf"在?({_REF})(?:中)?的?(末尾|最后|结尾|开头|句首|句末|开始部分|条首部分)"
                         rf"(?:增加|加入)[：:]?{_Q}", c)
        if m:
            units = self.units(m.group(1), ctx)
            ins = Q(m.group(m.lastindex))
            lines = [u for u in units if isinstance(u, tuple)]
            if not lines:
                raise _Miss("无此条款")
            target = lines[-1] if m.group(m.lastindex - 1) in ("末尾", "最后", "结尾", "句末") \
                else lines[0]
            get, put = target[1], target[2]
            text = get()
            if m.group(m.lastindex - 1) in ("末尾", "最后", "结尾", "句末"):
                put(text[:-1] + ins + text[-1] if text.endswith(("。", "；")) and
                    not ins.endswith(("。", "；")) else text + ins)
            else:
                put(ins + text)
            return True
        # deleting units
        m = re.fullmatch(rf"(?:删去|删除|废止)((?:{_REF}[、和]?)+)", c) or \
            re.fullmatch(rf"将((?:{_REF}[、和]?)+)(?:删去|删除)", c)
        if m:
            for ref in self.refs(m.group(1), ctx):
                self.delete(ref)
            return True
        m = re.fullmatch(rf"删去({_HREF})", c)
        if m and m.group(1) and m.group(1).endswith(("章", "节", "编")):
            h = self.head(m.group(1))
            h.deleted = True
            for a in self.chapter_articles(h):
                a.deleted = True
            return True
        return False

    # ---- units, refs

    def need_art(self, num: int | None, sub: int | None = None) -> _Slot:
        a = self.art(num, sub)
        if a is None:
            raise _Miss(f"原文没有第{int_to_cn(num) if num else '?'}条")
        return a

    def refs(self, text: str, ctx: _Ctx) -> list[tuple]:
        """(article slot, 款 number, 项 number) for each ref in a list, with context."""
        out = []
        art_num = art_sub = None
        para = None
        for m in re.finditer(_REF, text):
            if not m.group(0):
                continue
            a, asub, p, i = (_n(m.group(k)) for k in range(1, 5))
            if a is not None:
                art_num, art_sub, para = a, asub, p
                slot = self.need_art(a, asub)
            else:
                slot = self.t.by_ref.get(ctx.art) if ctx.art else None
                if art_num is not None:
                    slot = self.need_art(art_num, art_sub)
                if slot is None:
                    raise _Miss("不知是哪一条")
                if p is not None:
                    para = p
                elif i is not None and para is None:
                    para = ctx.para
            out.append((slot, p if p is not None else (para if i is not None else None), i))
            ctx.art = slot.old
            ctx.para = p if p is not None else ctx.para
        return out

    def units(self, text: str, ctx: _Ctx) -> list:
        """Editable lines (index, getter, setter) of the units named."""
        if not text or text == "全文" or re.fullmatch(_DOCWORD, text or ""):
            if not text and ctx.art is not None:
                slots = [(self.t.by_ref[ctx.art], ctx.para, None)]
            else:
                slots = [(a, None, None) for a in self.t.arts if not a.deleted]
        else:
            slots = self.refs(text, ctx)
        out = []
        for a, p, i in slots:
            out.extend(self.lines_of(a, p, i))
        return out

    def lines_of(self, a: _Slot, p: int | None, i: int | None) -> list:
        paras = [s for s in a.value if not s.deleted]
        if p is not None:
            ps = self.para(a, p)
            if ps is None and i is not None and p is not None and len(paras) == 1 and \
                    self.item(paras[0], p) is not None:
                ps, i = paras[0], p  # 第X条第Y项 in a single-款 article
            if ps is None:
                raise _Miss(f"{a.old}条无第{p}款")
            paras = [ps]
        elif i is not None:
            withitems = [s for s in paras if s.value.items]
            if len(withitems) != 1:
                raise _Miss("项不明确")
            paras = withitems
        out = []
        for ps in paras:
            body: _Para = ps.value
            if i is None:
                out.append((ps, lambda b=body: b.lead, lambda v, b=body, s=ps: _set_lead(b, v)))
            for it in body.items:
                if it.deleted or (i is not None and it.old != i):
                    continue
                out.append((it, lambda s=it: s.value, lambda v, s=it: setattr(s, "value", v)))
            if i is not None and not any(o[0].old == i for o in out):
                raise _Miss(f"无第{i}项")
        if out:
            self.touched_art.add(id(a))
        return out

    def replace(self, units: list, old: str, new: str) -> None:
        hit = False
        for slot, get, put in units:
            text = get()
            if old and old in text:
                put(text.replace(old, new))
                hit = True
                if isinstance(slot.value, _Para):
                    slot.value.lead_fresh = True  # edited words are in the new numbering
                else:
                    slot.fresh = True
        if not hit:
            raise _Miss(f"找不到“{old}”")

    # ---- operations

    def restate(self, m: re.Match, q: list[str], ctx: _Ctx) -> bool:
        what = m.group(1)
        text = q[int(m.group(m.lastindex))]
        if what in ("引言", "序言", "前言", "题注"):
            self.t.preamble = text.strip()
            return True
        [(a, p, i)] = self.refs(what, ctx)[-1:]
        self.touched_art.add(id(a))
        if p is None and i is None:
            a.value = _para_slots(_paras_from_text(text), True)
        elif i is None:
            ps = self.para(a, p)
            if ps is None:
                raise _Miss(f"无第{p}款")
            new = _paras_from_text(text)
            if len(new) == 1:
                ps.value = new[0]
                ps.fresh = True
            else:  # one 款 restated as several
                ps.value = new[0]
                for k, extra in enumerate(new[1:], 1):
                    a.value.append(_Slot(None, extra, fresh=True, order=ps.order + k / 100))
        else:
            ps = self.para(a, p) if p is not None else next(
                (s for s in a.value if s.value.items), None)
            it = self.item(ps, i) if ps is not None else None
            if it is None:
                raise _Miss(f"无第{i}项")
            it.value = text.strip()
            it.fresh = True
        return True

    def delete(self, ref: tuple) -> None:
        a, p, i = ref
        if p is None and i is None:
            a.deleted = True
            return
        self.touched_art.add(id(a))
        ps = self.para(a, p) if p is not None else next(
            (s for s in a.value if s.value.items), None)
        if ps is None:
            raise _Miss(f"无第{p}款")
        if i is None:
            ps.deleted = True
        else:
            it = self.item(ps, i)
            if it is None:
                raise _Miss(f"无第{i}项")
            it.deleted = True

    def move(self, m: re.Match, q: list[str], ctx: _Ctx) -> bool:
        [(a, p, i)] = self.refs(m.group(1), ctx)[-1:]
        target = _n(m.group(6))
        sub = _n(m.group(7))
        text = q[int(m.group(8))] if m.group(8) is not None else None
        if sub:
            raise _Miss("“之一”条")
        if p is None and i is None:
            a.pin = target
            if text is not None:
                a.value = _para_slots(_paras_from_text(text), True)
            return True
        # a 款 (or 项) becomes an article of its own
        ps = self.para(a, p) if p is not None else None
        if ps is None:
            raise _Miss(f"无第{p}款")
        if text is not None:
            paras = _paras_from_text(text)
        elif i is None:
            paras = [ps.value]
        else:
            it = self.item(ps, i)
            if it is None:
                raise _Miss(f"无第{i}项")
            it.deleted = True
            paras = [_Para(_ITEM_RE.sub("", it.value))]
        if i is None:
            ps.deleted = True
        self.touched_art.add(id(a))
        new = _Slot(self.t.new_key(), _para_slots(paras, text is not None), pin=target,
                    order=a.order + 0.5, fresh=text is not None)
        self.t.arts.append(new)
        return True

    def add(self, m: re.Match, q: list[str], ctx: _Ctx) -> bool:
        ref_text, where, count, unit, targets, quoted = (
            m.group(1), m.group(6), _n(m.group(7)), m.group(8), m.group(9), m.group(10))
        texts = [q[int(k)] for k in re.findall(_Q, quoted)]
        pins = [_n(x) for x in re.findall(rf"第[（(]?({_NUM})[）)]?", targets or "")]
        anchor = self.refs(ref_text, ctx)[-1] if ref_text else None
        before = where in ("前", "之前")
        if unit == "条":
            bodies = _split_units(texts, count, article=True)
            base = anchor[0].order if anchor else (len(self.t.arts) + 1)
            for k, body in enumerate(bodies):
                pin = pins[k] if k < len(pins) else (pins[0] + k if pins else None)
                order = base + (-0.5 if before else 0.5) + k / 1000
                slot = _Slot(self.t.new_key(), _para_slots(_paras_from_text(body), True),
                             pin=pin, order=order, fresh=True)
                self.t.arts.append(slot)
                self.t.by_ref[slot.old] = slot
            if pins == [] and anchor is None:
                raise _Miss("未指明位置")
            return True
        if anchor is None:
            if ctx.art is None:
                raise _Miss("不知是哪一条")
            anchor = (self.t.by_ref[ctx.art], None, None)
        return self._add_sub(anchor, unit, texts, count, pins, before or where == "中", ctx)

    def add_in(self, m: re.Match, q: list[str], ctx: _Ctx) -> bool:
        anchor = self.refs(m.group(1), ctx)[-1]
        count, unit = _n(m.group(6)), m.group(7)
        pins = [_n(x) for x in re.findall(rf"第[（(]?({_NUM})[）)]?", m.group(8))]
        texts = [q[int(k)] for k in re.findall(_Q, m.group(9))]
        return self._add_sub(anchor, unit, texts, count, pins, True, ctx)

    def _add_sub(self, anchor: tuple, unit: str, texts: list[str], count: int | None,
                 pins: list[int | None], inside: bool, ctx: _Ctx) -> bool:
        a, p, i = anchor
        self.touched_art.add(id(a))
        bodies = _split_units(texts, count, article=False)
        if unit == "款":
            ref_para = self.para(a, p) if p is not None else None
            base = ref_para.order if ref_para is not None and not inside else (
                ref_para.order - 0.5 if ref_para is not None else len(a.value) + 1)
            if ref_para is not None and not inside:
                base = ref_para.order
            for k, body in enumerate(bodies):
                pin = pins[k] if k < len(pins) else None
                paras = _paras_from_text(body)
                for j, para in enumerate(paras):
                    a.value.append(_Slot(None, para, pin=pin + j if pin else None, fresh=True,
                                         order=base + 0.5 + (k + j / 10) / 100))
            return True
        # 项
        ps = self.para(a, p) if p is not None else next(
            (s for s in a.value if s.value.items), None)
        if ps is None:
            ps = next((s for s in a.value if not s.deleted), None)
        if ps is None:
            raise _Miss("无可加项之款")
        ref_item = self.item(ps, i) if i is not None else None
        base = ref_item.order if ref_item is not None else len(ps.value.items) + 1
        for k, body in enumerate(bodies):
            pin = pins[k] if k < len(pins) else None
            ps.value.items.append(_Slot(None, body.strip(), pin=pin, fresh=True,
                                        order=base + 0.5 + k / 100))
        return True

    def head(self, label: str) -> _Head:
        """An old heading by its label (第二章, 第一编第三章第一节)."""
        for h in self.t.heads:
            if h.old is not None and h.label == label:
                return h
        tail = [h for h in self.t.heads if h.old is not None and h.label.endswith(label)]
        if len(tail) == 1:
            return tail[0]
        raise _Miss(f"原文没有{label}")

    def chapter_articles(self, h: _Head) -> list[_Slot]:
        heads = [x for x in self.t.heads if x.kind == h.kind]
        k = heads.index(h)
        start = self.t.by_ref.get(h.anchor)
        end = self.t.by_ref.get(heads[k + 1].anchor) if k + 1 < len(heads) else None
        return [a for a in self.t.arts if start is not None and a.order >= start.order
                and (end is None or a.order < end.order)]

    # ---- the result

    def result(self, renumber_refs: bool) -> tuple[str, dict[str, str]]:
        arts = _arranged(self.t.arts)
        mapping = {}
        for k, a in enumerate(arts, 1):
            if isinstance(a.old, str) and not a.old.startswith("+"):
                mapping[a.old] = str(k)
        by_old = {a.old: k for k, a in enumerate(arts, 1)}
        # old headings anchor on their first article that survives
        place: dict[int, list[_Head]] = {}
        order_old = [a.old for a in sorted(self.t.arts, key=lambda s: s.order)]
        for h in self.t.heads:
            if h.deleted:
                continue
            if h.start is not None:
                pos = h.start
            else:
                pos = None
                if h.anchor in order_old:
                    for key in order_old[order_old.index(h.anchor):]:
                        if key in by_old:
                            pos = by_old[key]
                            break
                if pos is None:
                    continue
            place.setdefault(pos, []).append(h)
        rank = {"part": 0, "chapter": 1, "section": 2}
        lines = [f"# {self.t.title}", ""] if self.t.title else []
        lines += [n for n in self.t.notes] + ([""] if self.t.notes else [])
        if self.t.preamble:
            lines += [self.t.preamble, ""]
        counters = {"part": 0, "chapter": 0, "section": 0}
        for k, a in enumerate(arts, 1):
            for h in sorted(place.get(k, []), key=lambda h: rank[h.kind]):
                counters[h.kind] += 1
                if h.kind == "part":
                    counters["section"] = 0
                    if self.t.chapters_restart:
                        counters["chapter"] = 0
                if h.kind == "chapter":
                    counters["section"] = 0
                word = {"part": "编", "chapter": "章", "section": "节"}[h.kind]
                lines += [f"第{int_to_cn(counters[h.kind])}{word} {h.title}", ""]
            paras = [p.value.lines() for p in _arranged(a.value)]
            flat = [line for p in paras for line in p]
            if renumber_refs and mapping and not a.fresh:
                flat = self._renumbered(a, mapping)
            if not flat:
                flat = [""]
            lines.append(f"第{int_to_cn(k)}条 {flat[0]}")
            lines += ["\n" + ln for ln in flat[1:]]
            lines.append("")
        return "\n".join(lines), mapping

    def _renumbered(self, a: _Slot, mapping: dict[str, str]) -> list[str]:
        out = []
        for ps in _arranged(a.value):
            body: _Para = ps.value
            if body.lead:
                out.append(body.lead if ps.fresh or body.lead_fresh
                           else renumber_refs(body.lead, mapping))
            for it in _arranged(body.items):
                out.append(it.value if (it.fresh or ps.fresh) else
                           renumber_refs(it.value, mapping))
        return out


class _Miss(Exception):
    pass


def _set_lead(body: _Para, value: str) -> None:
    body.lead = value


def _strip_heading(t: str) -> str:
    return re.sub(rf"^第{_NUM}[编章节]\s*", "", t.strip()).strip()


def _split_units(texts: list[str], count: int | None, article: bool) -> list[str]:
    """N units given as N quotations, or as one quotation with N paragraphs."""
    if count and len(texts) == 1 and count > 1:
        if article:
            parts = re.split(rf"\n\s*(?=第{_NUM}条)", texts[0])
            if len(parts) == count:
                return [re.sub(rf"^第{_NUM}条\s*", "", p) for p in parts]
        lines = [ln for ln in texts[0].split("\n") if ln.strip()]
        if len(lines) == count:
            return lines
    return [re.sub(rf"^第{_NUM}条(?:之{_NUM})?\s*", "", t) if article else t for t in texts]


def _closing(clause: str) -> bool:
    return bool(re.search(r"本决定自|自本决定|起施行|作相应修改|重新公布|相应调整|^此外", clause))


def _normalise(clause: str) -> str:
    """Variants of the same instruction in official decisions, reduced to one wording:
    同时/并 in front, 规定 before a quotation, 原第X条, a comma before 修改为, and
    末尾的/规定的 for 中的."""
    c = re.sub(r"^(?:同时|并且|并|另)[，,]?", "", clause)
    c = re.sub(r"(?<=[款条项])规定[：:]?(?=〔Q)", "：", c)
    c = re.sub(r"(?<=增加)规定[：:]?(?=〔Q)", "：", c)
    c = re.sub(r"^原(?=第)", "", c)
    c = re.sub(r"(〔Q\d+〕)[，,](?=(?:修改|改)为)", r"\1", c)
    c = re.sub(r"(?<=[款条项])(?:末尾|开头|中间|规定)的(?=〔Q)", "中的", c)
    return c


def _unmask(clause: str, quotes: list[str]) -> str:
    return re.sub(_Q, lambda m: "“" + quotes[int(m.group(1))] + "”", clause)


# -- cross-references ------------------------------------------------------------------------

_XREF = re.compile(rf"第({_NUM})条(?:之({_NUM}))?")
_EXTERNAL_BEFORE = re.compile(
    r"(?:》|[\u4e00-\u9fff](?:法|法典|条例|规定|办法|解释|细则|决定|规则|公约|章程|准则))$")
_LIST_TAIL = re.compile(rf"(?:第{_NUM}条(?:之{_NUM})?(?:第{_NUM}款)?(?:第[（(]?{_NUM}[）)]?项)?"
                        r"(?:[、，和及与或至]|或者|以及)*)+$")


def renumber_refs(text: str, mapping: dict[str, str]) -> str:
    """Follow renumbered articles in references to the same instrument (本法第五条, 第五条)
    and leave references to other instruments (《刑法》第五条, 民法典第五条) alone.

    Example:
        >>> renumber_refs("违反本法第五条、第六条或者民法典第五条的", {"5": "6", "6": "7"})
        '违反本法第六条、第七条或者民法典第五条的'
    """
    def sub(m: re.Match) -> str:
        before = text[:m.start()]
        tail = _LIST_TAIL.search(before)
        head = before[:tail.start()] if tail else before
        if re.search(_DOCWORD + "$", head) is None and _EXTERNAL_BEFORE.search(head):
            return m.group(0)
        num = _n(m.group(1))
        key = f"{num}-{_n(m.group(2))}" if m.group(2) else str(num)
        if key not in mapping or mapping[key] == key:
            return m.group(0)
        new = mapping[key]
        return f"第{int_to_cn(int(new))}条" if new.isdigit() else m.group(0)

    return _XREF.sub(sub, text)


# -- public -----------------------------------------------------------------------------------


def apply(old: Document, decision: str, strict: bool = False) -> Document:
    """Carry out a 修改决定 on ``old`` and return the amended Document.

    ``decision`` is the text of the decision (ours from :meth:`Comparison.to_decision` or an
    official one, header and closing clauses included). When the decision amends several
    instruments ("一、修改《…》"), the part for ``old``'s title is used. Instructions that
    cannot be carried out are listed in ``new.meta["unapplied"]`` (those in no known
    instruction form also in ``new.meta["unrecognized"]``) and announced with an
    :class:`AmendmentWarning` (an error when ``strict``); ``new.meta["applied"]`` counts the
    others.

    Example:
        >>> import regtext
        >>> old = regtext.parse("第一条 甲应当登记。\\n\\n第二条 乙。")
        >>> regtext.apply(old, "删去第二条。").articles[-1].text
        '甲应当登记。'
    """
    from ..text.parser import parse

    if not isinstance(decision, str):
        raise TypeError(f"decision must be the text of a 修改决定, not {type(decision).__name__}")
    sections = decision_sections(_body(decision) if "作如下修改" in decision else decision)
    body = sections.get("")
    if body is None:
        want = _norm_title(old.title or "")
        if not want and len(sections) > 1:
            raise ValueError("the decision amends several instruments ("
                             + "、".join(f"《{t}》" for t in sections)
                             + "); give the old document its title to pick one")
        body = next((b for t, b in sections.items() if not want or t == want
                     or t.endswith(want) or want.endswith(t)), None)
        if body is None:
            raise ValueError(f"the decision does not amend 《{old.title}》; it amends "
                             + "、".join(f"《{t}》" for t in sections))
    body = _body(body)
    run = _Apply(old)
    title = run.t.title
    for step, quotes in _steps(body):
        run.run(step, quotes)
    text, mapping = run.result(renumber_refs=True)
    new = parse(text, id=old.id, title=run.t.title or title)
    new.meta.update({"amended_from": old.id or old.title, "applied": run.applied,
                     "unapplied": list(run.unapplied),
                     "unrecognized": list(run.unrecognized)})
    if not run.unapplied and not run.applied:
        warnings.warn(f"the decision holds no amending instruction for 《{old.title}》 "
                      "(expected forms such as 将第X条修改为：“…”, 删去第X条): the text is "
                      "returned unchanged", AmendmentWarning, stacklevel=2)
    if run.unapplied:
        msg = (f"{len(run.unapplied)} instruction(s) of the decision could not be carried out "
               f"on 《{old.title}》: " + "; ".join(u[:80] for u in run.unapplied))
        if strict:
            raise ValueError(msg)
        warnings.warn(msg, AmendmentWarning, stacklevel=2)
    return new


def signature(doc: Document) -> list[tuple[str, str, str]]:
    """What a round trip must reproduce: headings and articles with their texts, in order.

    Example:
        >>> import regtext
        >>> signature(regtext.parse("第一章 总则\\n第一条 甲。"))
        [('chapter', 'ch1', '总则'), ('article', '1', '甲。')]
    """
    out = []
    for n in _walk(doc):
        if n.kind in ("part", "chapter", "section"):
            out.append((n.kind, n.ref, n.heading))
        elif n.kind == "article":
            out.append(("article", n.ref, n.text))
    return out
