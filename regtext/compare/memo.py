"""The comparison memo a lawyer sends after a draft becomes final: ``cmp.memo()``.

Built from the Comparison only, by rules (no model, no network): one item per substantive
change at 款/项 level, with pinpoint refs on both sides, the quoted words before and after,
a direction (``narrowed``/``broadened``/``softened``/``strengthened``/``added``/``deleted``/
``moved``/``reworded``), one plain sentence and a severity. Directions come from the change
tags and from signals read in the changed words (``rules/memo-signals.tsv``: a fine or a
deadline dropped, 保证 → 采取有效措施, an exclusion added…) and from duties (clauses with
应当/不得/必须/禁止) that disappear or appear. Themes are the final text's chapter headings,
refined by the concept lexicon (``concepts.tsv``).

Example:
    >>> import regtext
    >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记，不得向他人转让登记证书。"),
    ...                    regtext.parse("第一条 甲应当登记。"))
    >>> m = cmp.memo()
    >>> m.items[["old_refs", "direction", "severity"]].values.tolist()
    [[['1.1'], 'softened', 'high']]
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from .. import rules

if TYPE_CHECKING:
    import pandas as pd

    from ..text.model import Document
    from .comparison import Comparison, Pair

__all__ = ["ITEM_COLUMNS", "Memo", "memo"]

#: Columns of :attr:`Memo.items`.
ITEM_COLUMNS = ["theme", "old_refs", "new_refs", "old_labels", "new_labels", "direction",
                "summary", "tags", "severity", "before", "after"]

_DUTY = re.compile(r"应当|不得|必须|禁止|严禁|负责")
_SPLIT = re.compile(r"[；。\n]|，(?=[^，；。]{0,6}(?:应当|不得|必须|禁止|严禁))")
_RANK = {"high": 0, "medium": 1, "low": 2}
_WORDS = {"narrowed": "收窄", "broadened": "扩大", "softened": "放宽", "strengthened": "加强",
          "added": "新增", "deleted": "删除", "moved": "移动", "reworded": "文字修改"}


@dataclass(frozen=True, eq=False)
class Memo:
    """The comparison memo: header facts, items, obligations, citations, concordance.

    Attributes:
        old_name, new_name: how the memo names the two instruments (征求意见稿, 暂行办法).
        header: titles, issuers, dates and verification caveats of both instruments.
        items: one row per substantive change (:data:`ITEM_COLUMNS`).
        obligations: norms per actor and modality, before and after.
        deleted_obligations: duties of the old text that the new one no longer has.
        sanctions: changes of sanctions (fines, suspension…), old → new.
        citations: citations added and removed per provision.
        concordance: article-level old → new table.
        statistics: :meth:`Comparison.summary` of the pair.
        duizhao: the 对照表 (Markdown) for the appendix.

    Example:
        >>> import regtext
        >>> same = regtext.parse("第一条 甲应当登记。")
        >>> cmp = regtext.diff(same, same)
        >>> len(cmp.memo().items)
        0
    """

    old_name: str
    new_name: str
    header: dict
    items: Any
    obligations: Any
    deleted_obligations: Any
    sanctions: Any
    citations: Any
    concordance: Any
    statistics: dict
    duizhao: str
    duizhao_html: str = ""

    # -- rendering ------------------------------------------------------------------------

    def summary_bullets(self) -> list[str]:
        """The executive summary: 5–8 bullets on the direction of change.

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
            ...                    regtext.parse("第一条 甲可以登记。"))
            >>> len(cmp.memo().summary_bullets()) >= 2
            True
        """
        s = self.statistics
        ch = s.get("change", {})
        out = [f"{self.new_name}共{self.header['new']['articles']}条（{self.old_name}"
               f"{self.header['old']['articles']}条）：修改{ch.get('modified', 0)}条，"
               f"新增{ch.get('added', 0)}条，删除{ch.get('deleted', 0)}条，"
               f"未改{ch.get('unchanged', 0)}条。"]
        heads_old, heads_new = self.header["old"]["chapters"], self.header["new"]["chapters"]
        if heads_old != heads_new:
            out.append(f"结构：{self.old_name}{len(heads_old) or '无'}章，{self.new_name}"
                       f"{len(heads_new) or '无'}章" + (f"（{'、'.join(heads_new)}）"
                                                      if heads_new else "") + "。")
        items = self.items
        for direction in ("narrowed", "softened", "deleted", "strengthened", "broadened",
                          "added"):
            rows = items[(items.direction == direction) & (items.severity != "low")]
            if not len(rows):
                continue
            # what a rule names (a fine, a deadline, an exclusion) first, then prohibitions
            meanings = tuple(m for *_, m in _signals())
            rank = [0 if r.summary.startswith(meanings) or r.summary.startswith("罚款上限")
                    else 1 if re.search(r"不得|禁止", r.before + r.after) else 2
                    for r in rows.itertuples()]
            rows = rows.assign(_rank=rank).sort_values("_rank", kind="stable")
            examples = "；".join(f"{_pin(r)}{r.summary.rstrip('。')}"
                                for r in rows.head(3).itertuples())
            out.append(f"{_WORDS[direction]}（{len(rows)}处）：{examples}。")
            if len(out) >= 7:
                break
        cites = self.citations
        if len(cites) and len(out) < 8:
            added = sorted(set(cites[cites["变化"] == "新增引用"]["被引文件"]))
            removed = sorted(set(cites[cites["变化"] == "删去引用"]["被引文件"]))
            out.append("引用：" + "；".join(x for x in (
                f"新增引用{'、'.join(added)}" if added else "",
                f"不再引用{'、'.join(removed)}" if removed else "") if x) + "。")
        return out[:8]

    def to_markdown(self, appendix: bool = True) -> str:
        """The memo as Markdown (text from the laws is escaped: it is data, not markup).

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
            ...                    regtext.parse("第一条 甲可以登记。"))
            >>> cmp.memo().to_markdown().splitlines()[0]
            '# 比较备忘录：《》→《》'
        """
        h = self.header
        md = [f"# 比较备忘录：《{_esc(h['old']['title'])}》→《{_esc(h['new']['title'])}》", ""]
        md += ["## 一、文件信息", ""]
        for side, name in (("old", self.old_name), ("new", self.new_name)):
            d = h[side]
            md.append(f"- **{_esc(name)}**：《{_esc(d['title'])}》；制定机关："
                      f"{_esc('、'.join(d['issuers']) or '未载明')}；"
                      + "；".join(f"{k}{_esc(v)}" for k, v in d["dates"].items() if v)
                      + (f"；文号：{_esc(d['number'])}" if d.get("number") else ""))
            if d.get("caveat"):
                md.append(f"  - **核验提示**：{_esc(d['caveat'])}")
        md += ["", "## 二、要点摘要", ""] + [f"- {_esc(b)}" for b in self.summary_bullets()]
        md += ["", "## 三、逐项变化（按主题）", ""]
        for theme, group in _themes(self.items):
            md += [f"### {_esc(theme)}", "",
                   f"| {self.old_name} | {self.new_name} | 方向 | 重要性 | 说明 | 修改前 "
                   "| 修改后 |",
                   "|---|---|---|---|---|---|---|"]
            for r in group.itertuples():
                md.append("| " + " | ".join(_esc(x).replace("|", "\\|").replace("\n", " ")
                                              for x in (
                    "、".join(r.old_labels) or "—", "、".join(r.new_labels) or "—",
                    _WORDS.get(r.direction, r.direction), r.severity, r.summary,
                    _clip(r.before), _clip(r.after))) + " |")
            md.append("")
        md += ["## 四、义务主体的义务变化", ""]
        md += _md_table(self.obligations) + [""]
        if len(self.deleted_obligations):
            md += ["**删去的义务**", ""] + _md_table(self.deleted_obligations) + [""]
        if len(self.sanctions):
            md += ["**法律责任的变化**", ""] + _md_table(self.sanctions) + [""]
        md += ["## 五、引用的变化", ""]
        md += (_md_table(self.citations) if len(self.citations) else ["（无）"]) + [""]
        md += ["## 六、条文对应表与统计", ""] + _md_table(self.concordance) + [""]
        s = self.statistics
        md.append("统计：" + "；".join(f"{k} {v}" for k, v in s.get("change", {}).items())
                  + f"；移动 {s.get('moved', 0)}；重新编号 {s.get('renumbered', 0)}。")
        if appendix:
            md += ["", "## 附录：条文对照表", "", self.duizhao]
        return "\n".join(md) + "\n"

    def to_html(self) -> str:
        """The memo as a self-contained HTML page (every text escaped).

        Example:
            >>> import regtext
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当<b>登记</b>。"),
            ...                    regtext.parse("第一条 甲可以<b>登记</b>。"))
            >>> "&lt;b&gt;" in cmp.memo().to_html(), "<b>登记" in cmp.memo().to_html()
            (True, False)
        """

        return _html_page(self)

    def to_docx(self, path) -> Any:
        """Write the memo as a Word file (python-docx); returns the path.

        Example:
            >>> import regtext, tempfile, os
            >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。"),
            ...                    regtext.parse("第一条 甲可以登记。"))
            >>> p = cmp.memo().to_docx(os.path.join(tempfile.mkdtemp(), "m.docx"))
            >>> os.path.getsize(p) > 1000
            True
        """
        from docx import Document as Docx

        h = self.header
        d = Docx()
        d.add_heading(f"比较备忘录：《{h['old']['title']}》→《{h['new']['title']}》", 0)
        d.add_heading("一、文件信息", 1)
        for side, name in (("old", self.old_name), ("new", self.new_name)):
            x = h[side]
            who = "、".join(x["issuers"]) or "未载明"
            d.add_paragraph(f"{name}：《{x['title']}》；制定机关：{who}；"
                            + "；".join(f"{k}{v}" for k, v in x["dates"].items() if v),
                            style="List Bullet")
            if x.get("caveat"):
                d.add_paragraph(f"核验提示：{x['caveat']}", style="List Bullet 2")
        d.add_heading("二、要点摘要", 1)
        for b in self.summary_bullets():
            d.add_paragraph(b, style="List Bullet")
        d.add_heading("三、逐项变化（按主题）", 1)
        for theme, group in _themes(self.items):
            d.add_heading(theme, 2)
            cols = [self.old_name, self.new_name, "方向", "重要性", "说明", "修改前", "修改后"]
            t = d.add_table(rows=1, cols=len(cols))
            t.style = "Table Grid"
            for c, name in zip(t.rows[0].cells, cols):
                c.text = name
            for r in group.itertuples():
                cells = t.add_row().cells
                for c, v in zip(cells, ("、".join(r.old_labels) or "—",
                                        "、".join(r.new_labels) or "—",
                                        _WORDS.get(r.direction, r.direction), r.severity,
                                        r.summary, _clip(r.before), _clip(r.after))):
                    c.text = str(v)
        for title, frame in (("四、义务主体的义务变化", self.obligations),
                             ("删去的义务", self.deleted_obligations),
                             ("法律责任的变化", self.sanctions), ("五、引用的变化", self.citations),
                             ("六、条文对应表", self.concordance)):
            d.add_heading(title, 1 if title[0] in "四五六" else 2)
            _docx_table(d, frame)
        d.add_heading("附录：条文对照表", 1)
        _docx_table(d, _duizhao_frame(self.duizhao))
        d.save(str(path))
        return path


# -- building -------------------------------------------------------------------------------


def memo(cmp: Comparison) -> Memo:
    """Build the :class:`Memo` for a Comparison (``cmp.memo()``).

    Example:
        >>> import regtext
        >>> cmp = regtext.diff(regtext.parse("第一条 甲应当登记。\\n\\n第二条 乙不得转让。"),
        ...                    regtext.parse("第一条 甲应当登记。"))
        >>> memo(cmp).items.direction.tolist()
        ['deleted']
    """
    import pandas as pd

    old_name, new_name = _names(cmp.old, cmp.new)
    header = {"old": _facts(cmp.old), "new": _facts(cmp.new)}
    chapters = _chapter_of(cmp)
    rows: list[dict] = []
    clause_rows = cmp.rows("clause")
    dests: dict[str, str] = {}
    srcs: dict[str, str] = {}
    for p in clause_rows:
        if p.old_ref and p.new_ref:
            dests[p.old_ref] = dests.get(p.old_ref, "") + "\n" + p.new_text
            srcs[p.new_ref] = srcs.get(p.new_ref, "") + "\n" + p.old_text
    # terms replaced throughout (tags renamed:<old>→<new>): said once, not in every row
    renames: dict[str, str] = {}
    for p in cmp.pairs:
        for t in p.tags:
            m = re.fullmatch(r"renamed:(.+?)→(.+)", t)
            if m:
                renames[m.group(1)] = m.group(2)
    for a, b in sorted(renames.items()):
        rows.append({"theme": "全文用语", "old_refs": [], "new_refs": [], "old_labels": [],
                     "new_labels": [], "direction": "reworded",
                     "summary": f"全文将“{a}”改称“{b}”（用语替换，不改变规范内容）。",
                     "tags": [f"renamed:{a}→{b}"], "severity": "low", "before": a, "after": b})
    said: set[tuple[str, str]] = set()
    for p in clause_rows:
        for r in _items(p, chapters, dests.get(p.old_ref or "", p.new_text),
                        srcs.get(p.new_ref or "", p.old_text), renames):
            key = (r["summary"], ",".join(r["old_refs"]) if r["direction"] == "softened"
                   else ",".join(r["new_refs"]))
            if key not in said:
                said.add(key)
                rows.append(r)
    # articles moved without change: one low row each
    for p in cmp.pairs:
        if p.change == "unchanged" and p.moved:
            rows.append(_row(p, chapters, "moved", "low",
                             f"条文位置调整（{p.old_label}→{p.new_label}），内容未改。", "", ""))
    items = pd.DataFrame(rows, columns=ITEM_COLUMNS)
    if len(items):
        # a concept that names a single item is no theme: it goes back to its chapter
        counts = items.theme.value_counts()
        items["theme"] = [t.split("·")[0] if "·" in t and counts[t] < 2 else t
                          for t in items.theme]
        order = {n.ref: k for k, n in enumerate(cmp.new)}
        order_old = {n.ref: k for k, n in enumerate(cmp.old)}
        items["_k"] = [min([order.get(r, 10**6) for r in nr] or [10**6]) * 1.0
                       + min([order_old.get(r, 0) for r in orr] or [0]) / 10**7
                       for nr, orr in zip(items.new_refs, items.old_refs)]
        items = items.sort_values("_k", kind="stable").drop(columns="_k").reset_index(drop=True)
    from .duizhao import duizhao

    obl, deleted, sanctions = _obligations(cmp, items)
    return Memo(old_name, new_name, header, items, obl, deleted, sanctions, _citations(cmp),
                _concordance(cmp), cmp.summary(), duizhao(cmp, "markdown"),
                duizhao(cmp, "html"))


@cache
def _signals() -> tuple[tuple[str, re.Pattern | None, re.Pattern | None, str, str, str], ...]:
    out = []
    for r in rules.table("memo-signals"):
        out.append((r["mode"], re.compile(r["old"]) if r["old"] else None,
                    re.compile(r["new"]) if r["new"] else None, r["direction"], r["severity"],
                    r["meaning"]))
    return tuple(out)


def signals(before: str, after: str) -> list[tuple[str, str, str, str]]:
    """(direction, severity, meaning, matched words) for each rule of ``memo-signals.tsv``
    that fires on a change from ``before`` to ``after``.

    Example:
        >>> signals("处一万元以下罚款", "给予警告")[0][:3]
        ('softened', 'high', '罚款被删去')
    """
    # words inside a cited title are not the provision's own words
    before = re.sub(r"《[^》]*》", "《》", before)
    after = re.sub(r"《[^》]*》", "《》", after)
    out = []
    for mode, old, new, direction, severity, meaning in _signals():
        if mode == "lost" and old is not None:
            a, b = old.findall(before), old.findall(after)
            if len(a) > len(b):
                out.append((direction, severity, meaning, a[0]))
        elif mode == "gone" and old is not None:
            if old.search(before) and not old.search(after):
                out.append((direction, severity, meaning, old.search(before).group(0)))
        elif mode == "new":
            pat = new or old
            if pat.search(after) and not pat.search(before):
                out.append((direction, severity, meaning, pat.search(after).group(0)))
        elif mode == "gained":
            pat = new or old
            a, b = pat.findall(before), pat.findall(after)
            if len(b) > len(a):
                out.append((direction, severity, meaning, b[0]))
        elif mode == "shift" and old is not None and new is not None:
            if (len(old.findall(before)) > len(old.findall(after))
                    and len(new.findall(after)) > len(new.findall(before))):
                out.append((direction, severity, meaning,
                            old.findall(before)[0] + "→" + new.findall(after)[0]))
    return out


def _duties(text: str) -> list[str]:
    """Sentence parts carrying a duty (应当/不得/必须/禁止…)."""
    return [s.strip() for s in _SPLIT.split(text) if _DUTY.search(s) and len(s.strip()) > 3]


def _bigrams(s: str) -> set[str]:
    s = re.sub(r"[，。；：、（）“”\s]", "", s)
    return {s[k:k + 2] for k in range(len(s) - 1)}


def _gone(part: str, other: str | set[str]) -> bool:
    """A duty whose words (character pairs, after its modal) are mostly absent from the
    other text (or from its precomputed character pairs); a duty whose modal and verb
    (应当重视, 不得收集) the other text lacks needs more of its words there to count as kept."""
    pieces = _DUTY.split(part, maxsplit=1)
    core = pieces[-1]
    b = _bigrams(core)
    if len(b) < 3:
        return False
    share = len(b & (other if isinstance(other, set) else _bigrams(other))) / len(b)
    m = _DUTY.search(part)
    if m and isinstance(other, str) and len(core) >= 2 and \
            (m.group(0) + core[:2]) not in other:
        return share < 0.7
    return share < 0.5


def _overlap(a: str, b: str) -> float:
    x, y = _bigrams(_DUTY.split(a, maxsplit=1)[-1]), _bigrams(_DUTY.split(b, maxsplit=1)[-1])
    return len(x & y) / max(1, min(len(x), len(y)))


def _items(p: Pair, chapters: dict, all_new: str = "", all_old: str = "",
           renames: dict[str, str] | None = None) -> list[dict]:
    tags = list(p.tags)
    if p.change == "unchanged":
        return []
    if p.change == "added":
        # a new provision that only limits others (…的，不适用本办法) narrows what they cover
        scope = [s for s in signals("", p.new_text) if s[0] in ("narrowed", "broadened")]
        if scope:
            return [_row(p, chapters, scope[0][0], scope[0][1],
                         f"{scope[0][2]}：" + _clip(p.new_text, 50).rstrip("；。，：") + "。",
                         "", p.new_text, tags)]
        duty = bool(_DUTY.search(p.new_text))
        return [_row(p, chapters, "added", "high" if duty else "medium",
                     ("新增义务性规定：" if duty else "新增规定：")
                     + _clip(p.new_text, 50).rstrip("；。，：") + "。",
                     "", p.new_text, tags)]
    if p.change == "deleted":
        duty = bool(_DUTY.search(p.old_text))
        sig = signals(p.old_text, "")
        extra = "；".join(s[2] for s in sig)
        return [_row(p, chapters, "deleted", "high" if duty or sig else "medium",
                     ("删去义务性规定：" if duty else "删去规定：")
                     + _clip(p.old_text, 50).rstrip("；。，：")
                     + (f"（{extra}）" if extra else "") + "。", p.old_text, "", tags)]
    out: list[dict] = []
    old, new = p.old_text, p.new_text
    changed = [e for e in p.edits if e.op != "equal" and not _is_rename(e, renames or {})]
    del_words = "".join(e.old for e in changed)
    ins_words = "".join(e.new for e in changed)
    first = changed[0] if changed else None
    for direction, severity, meaning, hit in signals(old, new):
        out.append(_row(p, chapters, direction, severity, f"{meaning}（“{hit}”）。",
                        _around(old, hit.split("→")[0])
                        or (_sentence_at(old, first.old_start) if first else del_words),
                        _around(new, hit.split("→")[-1])
                        or (_sentence_at(new, first.new_start) if first else ins_words), tags))
    lost = [x for x in _duties(old) if _gone(x, all_new or new)]
    gained = [x for x in _duties(new) if _gone(x, all_old or old)]
    # a lost and a gained duty that share most of their words are one duty reworded
    for a in list(lost):
        best = max(gained, key=lambda g: _overlap(a, g), default=None)
        if best is not None and _overlap(a, best) >= 0.4:
            lost.remove(a)
            gained.remove(best)
            out.append(_row(p, chapters, "reworded", "medium",
                            f"义务表述调整：“{_clip(a, 30)}”改为“{_clip(best, 30)}”。",
                            a, best, tags))
    for part in lost:
        out.append(_row(p, chapters, "softened", "high", f"删去义务：“{_clip(part, 40)}”。",
                        part, "", tags))
    for part in gained:
        out.append(_row(p, chapters, "strengthened", "high",
                        f"新增义务：“{_clip(part, 40)}”。", "", part, tags))
    directed = {"scope-narrowed": "narrowed", "trigger-narrowed": "narrowed",
                "scope-broadened": "broadened", "trigger-broadened": "broadened"}
    have = {r["direction"] for r in out}
    for t in tags:
        d = directed.get(t)
        if d and d not in have:
            out.append(_row(p, chapters, d, "high",
                            ("适用范围或触发条件收窄" if d == "narrowed"
                             else "适用范围或触发条件扩大")
                            + f"（{t}）。", del_words, ins_words, tags))
            have.add(d)
    if not out and any(t in ("actor-changed", "authority-changed") for t in tags):
        out.append(_row(p, chapters, "reworded", "medium",
                        "责任主体或主管机关变化：" + "；".join(_edit_words(e) for e in changed[:3])
                        + "。", _sentence_at(old, changed[0].old_start) if changed else old,
                        _sentence_at(new, changed[0].new_start) if changed else new, tags))
    if not out and ("softened" in tags or "strengthened" in tags):
        d = "softened" if "softened" in tags else "strengthened"
        out.append(_row(p, chapters, d, "medium",
                        f"规范强度{_WORDS[d]}：" + "；".join(_edit_words(e) for e in changed[:3])
                        + "。", _sentence_at(old, changed[0].old_start) if changed else old,
                        _sentence_at(new, changed[0].new_start) if changed else new, tags))
    fine = _fine_change(old, new)
    if fine:
        out.append(_row(p, chapters, fine[0], "high", fine[1], _around(old, "罚款"),
                        _around(new, "罚款"), tags))
    if not out:
        substantive = len(re.sub(r"\W", "", del_words + ins_words)) > 0
        if not substantive:
            return []
        if all(_XREF_ONLY.fullmatch(e.old + e.new) for e in changed):
            return [_row(p, chapters, "reworded", "low", "引用的条文序号随条文顺序调整。",
                         del_words, ins_words, tags)]
        first = changed[0]
        out.append(_row(p, chapters, "reworded", "low",
                        "文字修改：" + "；".join(_edit_words(e) for e in changed[:3])
                        + ("等" if len(changed) > 3 else "") + "。",
                        _sentence_at(old, first.old_start), _sentence_at(new, first.new_start),
                        tags))
    return out


_XREF_ONLY = re.compile(r"(?:第[零〇一二三四五六七八九十百千]+(?:条|款|项)|[、，和至或者及]"
                        r"|之[一二三四五六七八九十])*")
_AMOUNT = re.compile(r"([零〇一二三四五六七八九十百千万两\d.]+)(万)?元")


def _is_rename(e, renames: dict[str, str]) -> bool:
    """An edit that only applies a term replaced throughout the text."""
    if not renames or not e.old or not e.new:
        return False
    out = e.old
    for a, b in renames.items():
        out = out.replace(a, b)
    return out == e.new and out != e.old


def _edit_words(e) -> str:
    if e.op == "insert":
        return f"增加“{_clip(e.new, 24)}”"
    if e.op == "delete":
        return f"删去“{_clip(e.old, 24)}”"
    return f"“{_clip(e.old, 20)}”改为“{_clip(e.new, 20)}”"


def _sentence_at(text: str, k: int) -> str:
    start = max(text.rfind(c, 0, k) for c in "。；\n") + 1
    ends = [e for e in (text.find(c, k) for c in "。；\n") if e >= 0]
    return text[start:(min(ends) + 1) if ends else len(text)].strip()


def _max_fine(text: str) -> float:
    """The largest amount named in a sentence that imposes a fine (元)."""
    from ..text.numerals import cn_to_int

    best = 0.0
    for sent in re.split(r"[。；]", text):
        if "罚款" not in sent:
            continue
        for m in _AMOUNT.finditer(sent):
            raw = m.group(1)
            try:
                if re.fullmatch(r"[\d.]+", raw):
                    val = float(raw)
                else:
                    val = float(cn_to_int(raw.replace("万", "")) or 0) * (
                        10000 if raw.endswith("万") else 1)
            except ValueError:
                continue
            best = max(best, val * (10000 if m.group(2) else 1))
    return best


def _fine_change(old: str, new: str) -> tuple[str, str] | None:
    """A fine kept but with a higher or lower ceiling."""
    a, b = _max_fine(old), _max_fine(new)
    if a and b and a != b:
        return (("strengthened", f"罚款上限由{a:,.0f}元提高到{b:,.0f}元。") if b > a
                else ("softened", f"罚款上限由{a:,.0f}元降低到{b:,.0f}元。"))
    return None


def _row(p: Pair, chapters: dict, direction: str, severity: str, summary: str, before: str,
         after: str, tags: list[str] | None = None) -> dict:
    return {"theme": _theme(p, chapters), "old_refs": [p.old_ref] if p.old_ref else [],
            "new_refs": [p.new_ref] if p.new_ref else [],
            "old_labels": [p.old_label] if p.old_ref else [],
            "new_labels": [p.new_label] if p.new_ref else [],
            "direction": direction, "summary": summary, "tags": list(tags or p.tags),
            "severity": severity, "before": before, "after": after}


def _around(text: str, hit: str) -> str:
    """The sentence of ``text`` that holds ``hit`` (the words a lawyer quotes)."""
    k = text.find(hit) if hit else -1
    if k < 0:
        return ""
    start = max(text.rfind(c, 0, k) for c in "。；\n") + 1
    ends = [e for e in (text.find(c, k + len(hit)) for c in "。；\n") if e >= 0]
    return text[start:(min(ends) + 1) if ends else len(text)].strip()


# -- themes ---------------------------------------------------------------------------------


def _chapter_of(cmp: Comparison) -> dict[str, dict[str, str]]:
    """Chapter heading of each article, in the new text (and the old, for deletions)."""
    out: dict[str, dict[str, str]] = {"new": {}, "old": {}}
    for side, doc in (("new", cmp.new), ("old", cmp.old)):
        for n in doc:
            if n.kind == "article":
                out[side][n.ref] = _heading_for(doc, n.ref)
    # old articles: the chapter of the new article they went to, else of their successor's
    for p in cmp.pairs:
        if p.old_ref and p.new_ref:
            out["old"][p.old_ref] = out["new"].get(p.new_ref) or out["old"].get(p.old_ref, "")
    last = ""
    for a in cmp.old.articles:
        if out["old"].get(a.ref):
            last = out["old"][a.ref]
        else:
            out["old"][a.ref] = last
    return out


def _heading_for(doc: Document, ref: str) -> str:
    parent = doc.parent(ref) if hasattr(doc, "parent") else None
    while parent is not None and getattr(parent, "kind", "") not in ("chapter",):
        parent = doc.parent(parent.ref)
    return parent.heading if parent is not None else ""


@cache
def _concepts() -> tuple[str, ...]:
    from importlib import resources

    text = resources.files("regtext._data").joinpath("concepts.tsv").read_text("utf-8")
    terms = {ln.split("\t")[0] for ln in text.splitlines()
             if ln and not ln.startswith("#") and not ln.startswith("term\t")}
    return tuple(sorted(terms, key=len, reverse=True))


def _theme(p: Pair, chapters: dict) -> str:
    art_new = (p.new_ref or "").split(".")[0]
    art_old = (p.old_ref or "").split(".")[0]
    chapter = chapters["new"].get(art_new) or chapters["old"].get(art_old) or ""
    # general chapters (总则, 附则) and texts without chapters mix subjects: name the concept
    if chapter and not re.search(r"总则|附则|一般规定", chapter):
        return chapter
    text = re.sub(r"《[^》]*》", "", p.new_text + p.old_text)
    concept = next((t for t in _concepts() if t in text), "")
    if chapter and concept:
        return f"{chapter}·{concept}"
    return chapter or concept or "其他"


def _themes(items: pd.DataFrame):
    if not len(items):
        return []
    seen: list[str] = []
    for t in items.theme:
        if t not in seen:
            seen.append(t)
    groups = [(t, items[items.theme == t]) for t in seen]
    return [(t, g.sort_values("severity", key=lambda s: s.map(_RANK), kind="stable"))
            for t, g in groups]


# -- header -----------------------------------------------------------------------------------


def _names(old: Document, new: Document) -> tuple[str, str]:
    def name(doc: Document) -> str:
        meta = doc.meta or {}
        if "征求意见稿" in (doc.title or "") or meta.get("status") == "draft":
            return "征求意见稿"
        aliases = [a for a in meta.get("aliases", []) if re.search(r"[\u4e00-\u9fff]", a)]
        short = [a for a in aliases + [meta.get("short_title") or ""]
                 if a and re.search(r"(?:法|办法|条例|规定|解释)$", a)]
        return min(short, key=len) if short else (doc.title or "文本")

    a, b = name(old), name(new)
    if a == b:
        ya, yb = _year(old), _year(new)
        if ya and yb and ya != yb:
            return f"修改前（{ya}年）", f"修改后（{yb}年）"
        return "修改前", "修改后"
    return a, b


def _year(doc: Document) -> str:
    """The year of the latest adoption or amendment the catalog or the 题注 names."""
    meta = doc.meta or {}
    for key in ("published", "adopted", "effective"):
        if meta.get(key):
            return str(meta[key])[:4]
    years = re.findall(r"(\d{4})年\d{1,2}月\d{1,2}日", " ".join(doc.notes or ()))
    return max(years) if years else ""



def _facts(doc: Document) -> dict:
    meta = doc.meta or {}
    notes = " ".join(doc.notes or ())
    dates = {"通过：": meta.get("adopted", ""), "公布：": meta.get("published", ""),
             "施行：": meta.get("effective", "")}
    if not any(dates.values()) and notes:
        # the 题注: adoption first, amendments after; the last one is this version's
        lines = [n for n in doc.notes if re.search(r"\d{4}年", n)]
        dates["通过："] = _clip(lines[0], 60) if lines else ""
        if len(lines) > 1:
            dates["最近修改："] = _clip(lines[-1], 80)
        m = re.search(r"(\d{4}年\d{1,2}月\d{1,2}日)\s*(?:起)?施行", notes)
        if m:
            dates["施行："] = m.group(1)
    caveat = ""
    if meta.get("verification") and meta.get("verification") != "complete":
        caveat = (f"文本仅部分核验（verification: {meta['verification']}）"
                  + (f"：{meta['verification_note']}" if meta.get("verification_note") else "")
                  + "。引用前请与官方文本核对。")
    chapters = [n.heading for n in doc if n.kind == "chapter"]
    issuers = list(meta.get("issuers") or [])
    if not issuers and notes:
        # the body that adopted the latest version, as the 题注 names it
        found = re.findall(r"(全国人民代表大会常务委员会|全国人民代表大会|国务院|最高人民法院"
                           r"|最高人民检察院|[\u4e00-\u9fff]{2,10}?人民代表大会常务委员会"
                           r"|[\u4e00-\u9fff]{2,10}?人民政府)", notes)
        issuers = [re.sub(r"^第[一二三四五六七八九十]+届", "", f) for f in found[-1:]]
    return {"title": doc.title or "", "issuers": issuers,
            "dates": dates, "number": meta.get("number", ""), "status": meta.get("status", ""),
            "caveat": caveat, "articles": len(doc.articles), "chapters": chapters}


# -- obligations, sanctions, citations ----------------------------------------------------------

_DEADLINE = re.compile(r"(?:\d+|[一二三四五六七八九十百]+)个?(?:月|日|工作日|小时|年)内|及时|立即")


def _obligations(cmp: Comparison, items=None):
    import pandas as pd

    from ..extract.norms import obligations

    frames = {}
    for side, doc in (("before", cmp.old), ("after", cmp.new)):
        try:
            frames[side] = obligations(doc)
        except Exception:  # noqa: BLE001 - a memo without this table beats no memo
            frames[side] = pd.DataFrame(columns=["ref", "actor", "modality", "trigger", "text",
                                                 "condition"])
    counts = []
    keys = sorted({(a, m) for f in frames.values() for a, m in zip(f.actor, f.modality)},
                  key=lambda k: (str(k[0]), str(k[1])))
    for actor, modality in keys:
        b = frames["before"][(frames["before"].actor == actor)
                             & (frames["before"].modality == modality)]
        a = frames["after"][(frames["after"].actor == actor)
                            & (frames["after"].modality == modality)]
        if len(a) == len(b) == 0:
            continue
        counts.append({"主体": actor or "（未载明）", "规范类型": modality, "修改前": len(b),
                       "修改后": len(a), "触发词（后）": "、".join(sorted(set(a.trigger)))[:20],
                       "期限（前）": _deadlines(b), "期限（后）": _deadlines(a),
                       "有罚则（前→后）": f"{_sanctioned(b)}→{_sanctioned(a)}",
                       "条件（后）": "；".join(c for c in a.condition if c)[:60]
                       if "condition" in a else ""})
    # deleted duties: those the items report lost (a deleted clause, or a duty gone from
    # every provision its clause maps to), with the actor and modality norms give them
    deleted = []
    before = frames["before"]
    for r in (items.itertuples() if items is not None else []):
        if not (r.direction == "deleted" and _DUTY.search(r.before)) and \
                not r.summary.startswith("删去义务"):
            continue
        ref = r.old_refs[0] if r.old_refs else ""
        art = ref.split(".")[0]
        norms = before[before.ref.astype(str).str.split(".").str[0] == art] \
            if len(before) else before
        hit = next((n for n in norms.itertuples() if n.text and n.text[:8] in r.before), None)
        deleted.append({"原条款": "、".join(r.old_labels), "主体": hit.actor if hit else "",
                        "规范类型": hit.modality if hit else "",
                        "内容": _clip(r.before, 60)})
    sanctions = []
    for p in cmp.pairs:
        pen = [t for t in p.tags if t.startswith(("penalty", "deadline"))]
        sig = [s for s in signals(p.old_text, p.new_text)
               if s[2].startswith(("罚款", "处罚", "新增罚款"))]
        if pen or sig:
            sanctions.append({"修改前": p.old_label, "修改后": p.new_label,
                              "变化": "、".join(pen + [s[2] for s in sig])})
    return (pd.DataFrame(counts), pd.DataFrame(deleted), pd.DataFrame(sanctions))


def _deadlines(frame) -> str:
    return "、".join(sorted({m.group(0) for t in frame.text for m in _DEADLINE.finditer(t)}))[:40]


def _sanctioned(frame) -> int:
    """Norms a liability clause of the same text sanctions."""
    if "sanctioned_by" not in frame:
        return 0
    return int(sum(bool(x) for x in frame.sanctioned_by))


def _citations(cmp: Comparison):
    import pandas as pd

    rows = []
    for p in cmp.pairs:
        for t in p.tags:
            if t.startswith(("citation-added:", "citation-removed:")):
                kind, target = t.split(":", 1)
                rows.append({"修改前": p.old_label or "—", "修改后": p.new_label or "—",
                             "变化": "新增引用" if kind.endswith("added") else "删去引用",
                             "被引文件": target})
    return pd.DataFrame(rows)


def _concordance(cmp: Comparison):
    import pandas as pd

    return pd.DataFrame([{"修改前": p.old_label or "—", "修改后": p.new_label or "—",
                          "变化": p.change, "关系": p.relation or "",
                          "移动": "是" if p.moved else ""}
                         for p in cmp.pairs])


# -- small helpers ----------------------------------------------------------------------------


def _pin(r) -> str:
    a = "、".join(r.old_labels)
    b = "、".join(r.new_labels)
    return f"{a or '—'}→{b or '—'}："


def _clip(text: str, n: int = 60) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= n else text[:n] + "…"


def _esc(text: Any) -> str:
    """Law text is data: escape what Markdown or HTML would read as markup."""
    s = html.escape(str(text), quote=False)
    return re.sub(r"([\\`*_\[\]#~])", r"\\\1", s)


def _md_table(frame) -> list[str]:
    if frame is None or not len(frame):
        return ["（无）"]
    cols = list(frame.columns)
    out = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in frame.itertuples(index=False):
        out.append("| " + " | ".join(_esc(v).replace("|", "\\|").replace("\n", " ")
                                     for v in row) + " |")
    return out


def _docx_table(d, frame) -> None:
    if frame is None or not len(frame):
        d.add_paragraph("（无）")
        return
    t = d.add_table(rows=1, cols=len(frame.columns))
    t.style = "Table Grid"
    for c, name in zip(t.rows[0].cells, frame.columns):
        c.text = str(name)
    for row in frame.itertuples(index=False):
        for c, v in zip(t.add_row().cells, row):
            c.text = str(v)


def _duizhao_frame(md: str):
    import pandas as pd

    rows = []
    for line in md.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            rows.append(cells)
    if not rows:
        return pd.DataFrame()
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return pd.DataFrame(rows[1:], columns=[f"{c}" for c in rows[0]])


def _html_page(m: Memo) -> str:
    h = m.header
    e = html.escape
    parts = ["<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\">",
             f"<title>比较备忘录：{e(h['old']['title'])} → {e(h['new']['title'])}</title>",
             "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}"
             "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;"
             "padding:4px;vertical-align:top}.high{color:#a00}.moved{background:#eef}"
             "del{color:#a00}ins{color:#060}</style></head><body>",
             f"<h1>比较备忘录：《{e(h['old']['title'])}》→《{e(h['new']['title'])}》</h1>",
             "<h2>一、文件信息</h2><ul>"]
    for side, name in (("old", m.old_name), ("new", m.new_name)):
        x = h[side]
        parts.append(f"<li><b>{e(name)}</b>：《{e(x['title'])}》；制定机关："
                     f"{e('、'.join(x['issuers']) or '未载明')}；"
                     + e("；".join(f"{k}{v}" for k, v in x["dates"].items() if v))
                     + (f"<br><b>核验提示</b>：{e(x['caveat'])}" if x.get("caveat") else "")
                     + "</li>")
    parts.append("</ul><h2>二、要点摘要</h2><ul>")
    parts += [f"<li>{e(b)}</li>" for b in m.summary_bullets()]
    parts.append("</ul><h2>三、逐项变化（按主题）</h2>")
    for theme, group in _themes(m.items):
        parts.append(f"<h3>{e(theme)}</h3><table><tr><th>{e(m.old_name)}</th>"
                     f"<th>{e(m.new_name)}</th><th>方向</th><th>重要性</th><th>说明</th>"
                     "<th>修改前</th><th>修改后</th></tr>")
        for r in group.itertuples():
            parts.append(f"<tr class=\"{e(r.severity)}\"><td>{e('、'.join(r.old_labels) or '—')}"
                         f"</td><td>{e('、'.join(r.new_labels) or '—')}</td>"
                         f"<td>{e(_WORDS.get(r.direction, r.direction))}</td>"
                         f"<td>{e(r.severity)}</td><td>{e(r.summary)}</td>"
                         f"<td>{e(_clip(r.before, 120))}</td><td>{e(_clip(r.after, 120))}</td>"
                         "</tr>")
        parts.append("</table>")
    for title, frame in (("四、义务主体的义务变化", m.obligations),
                         ("删去的义务", m.deleted_obligations),
                         ("法律责任的变化", m.sanctions), ("五、引用的变化", m.citations),
                         ("六、条文对应表", m.concordance)):
        parts.append(f"<h2>{e(title)}</h2>")
        if frame is None or not len(frame):
            parts.append("<p>（无）</p>")
        else:
            parts.append("<table><tr>" + "".join(f"<th>{e(str(c))}</th>" for c in frame.columns)
                         + "</tr>" + "".join("<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in row)
                                             + "</tr>" for row in frame.itertuples(index=False))
                         + "</table>")
    parts.append(f"<h2>附录：条文对照表</h2>{m.duizhao_html}</body></html>")
    return "".join(parts)
