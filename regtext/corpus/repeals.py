"""Repeal clauses: which whole texts a law repeals by name, and from when.

A text that replaces others says so, usually in its last article: ``本法自2021年1月1日起施行。
《中华人民共和国婚姻法》、…《中华人民共和国合同法》…同时废止``; a decision lists them
(``一、废止《北京市社会治安综合治理条例》（…通过）``). :func:`find_repeals` reads those clauses
from a text's body. The registry (:mod:`regtext.corpus.registry`) keeps what it finds, so that a
repealed law whose text no registered collection holds is still a known document: its title,
``in_force=False``, the date it was repealed and the clause that repealed it, without text.

Only a title the clause repeals as a whole counts: ``《…》第十条同时废止`` (one article) or
``《…》中…的规定同时废止`` (some provisions) repeal no document, and a title merely cited in
the same sentence (``依照《立法法》…``) is not repealed. The words are
``regtext/_data/rules/repeal-clauses.tsv``.

Example:
    >>> body = ("第一千二百六十条 本法自2021年1月1日起施行。《中华人民共和国婚姻法》、"
    ...         "《中华人民共和国合同法》同时废止。")
    >>> [(r.title, r.article, r.effective) for r in find_repeals(body)]
    [('中华人民共和国婚姻法', '1260', '2021-01-01'), ('中华人民共和国合同法', '1260', '2021-01-01')]
    >>> find_repeals("《中华人民共和国婚姻法》第十条同时废止。")
    []
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import rules
from ..text.numerals import cn_to_int

__all__ = ["Repeal", "find_repeals"]


@dataclass(frozen=True)
class Repeal:
    """One text repealed by name: its ``title`` as written (without 《》), the ``article`` of the
    repealing clause (``"1260"``; ``""`` outside articles), the clause's words, and the date
    the clause (or its article) says the repealing text takes effect (``""`` when it says
    none)."""

    title: str
    article: str
    clause: str
    effective: str


_TITLE = r"《(?P<t>[^《》]{2,80})》"
# what may follow a repealed title before the next one or the verb: a document number or a
# note of the version (（法释〔2015〕12号）, （1992年9月19日…通过）)
_NOTE = r"(?:[（(][^（）()《》]{1,80}[）)])?"
# the words between two titles of a list of repealed titles: nothing (《A》《B》), or a separator
# then who issued the next one when (、1987年5月12日国务院发布的). Without the separator the
# words tie the titles together: 根据《关于修改〈…〉的决定》修正的《…》 amends, it is not repealed.
_GAP = re.compile(r"(?:(?:[、，,]|和|及|以及|与)\s*"
                  r"(?:[^《》，,。；;]{0,60}的|最高人民法院|最高人民检察院)?)?")
# between the last title and the verb: from when, and an adverb (自本解释公布之日起, 同时)
_TO_VERB = r"(?:[，,]?自[^《》。；，,]{0,20}起)?[，,]?(?:同时|一并|同日|即行|均|亦)?"
_CN_DATE = r"[0-9〇零一二三四五六七八九十]"
_EFFECTIVE = re.compile(rf"自({_CN_DATE}{{4}})年({_CN_DATE}{{1,2}})月({_CN_DATE}{{1,3}})日起"
                        r"(?:施行|实施|执行|生效)")
_ARTICLE = re.compile(r"^\s*第([零〇一二三四五六七八九十百千两0-9]+)条")
_SENTENCE = re.compile(r"[^。；;\n]+")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(verb after the titles, verb before them at the opening of a clause or an item)."""
    before = rules.alternation(rules.column("repeal-clauses", "word", position="before"))
    after = rules.alternation(rules.column("repeal-clauses", "word", position="after"))
    # 一、废止《A》: the verb opens a clause or an item, with the titles right after it
    head = re.compile(rf"(?:^|[：:，,]|[一二三四五六七八九十]+、|决定)\s*(?:{after})(?=《)")
    return re.compile(rf"(?:{before})"), head


def _date(m: re.Match[str]) -> str:
    y, mo, d = (cn_to_int(g) if not g.isdigit() else int(g) for g in m.groups())
    if y and mo and d and 1900 < y < 2100 and mo <= 12 and d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return ""


def _chain_before(sentence: str, end: int) -> list[str]:
    """The titles of a list that ends at ``end`` (the verb), right to left, then in order."""
    titles: list[str] = []
    seg = sentence[:end]
    hits = list(re.finditer(rf"{_TITLE}{_NOTE}", seg))
    if not hits:
        return []
    # the last title must be followed only by a note, a from-when phrase and an adverb
    if not re.fullmatch(_TO_VERB, seg[hits[-1].end():]):
        return []
    titles.append(hits[-1].group("t"))
    for prev, nxt in zip(reversed(hits[:-1]), reversed(hits[1:])):
        if not _GAP.fullmatch(seg[prev.end(): nxt.start()]):
            break
        titles.append(prev.group("t"))
    return titles[::-1]


def _chain_after(sentence: str, start: int) -> list[str]:
    """The titles of a list that starts at ``start`` (right after the verb)."""
    titles: list[str] = []
    pos = start
    for m in re.finditer(rf"{_TITLE}{_NOTE}", sentence[start:]):
        if m.start() + start != pos and not re.fullmatch(r"[、，,和及与]|以及",
                                                          sentence[pos: m.start() + start]):
            break
        titles.append(m.group("t"))
        pos = m.end() + start
    return titles


def find_repeals(body: str) -> list[Repeal]:
    """The texts ``body`` repeals by name, in order (see the module docstring).

    Example:
        >>> [r.title for r in find_repeals("一、废止《北京市邮政通信条例》（1994年7月22日"
        ...                                "北京市第十届人民代表大会常务委员会第十一次会议通过）")]
        ['北京市邮政通信条例']
        >>> find_repeals("依照《中华人民共和国立法法》的规定，与本条例相抵触的规定予以废止。")
        []
    """
    verb, head = _patterns()
    out: list[Repeal] = []
    article = ""
    article_text = ""
    for line in body.splitlines():
        m = _ARTICLE.match(line)
        if m:
            n = cn_to_int(m.group(1)) if not m.group(1).isdigit() else int(m.group(1))
            article, article_text = (str(n) if n else ""), line
        elif line.strip():
            article_text += line
        if "《" not in line:
            continue
        for s in _SENTENCE.finditer(line):
            sentence = s.group()
            if "《" not in sentence or not verb.search(sentence):
                continue
            titles: list[str] = []
            for v in verb.finditer(sentence):
                titles += _chain_before(sentence, v.start())
            for h in head.finditer(sentence):
                titles += _chain_after(sentence, h.end())
            if not titles:
                continue
            eff = _EFFECTIVE.search(article_text) or _EFFECTIVE.search(line)
            seen: set[str] = set()
            for t in titles:
                if t not in seen:
                    seen.add(t)
                    out.append(Repeal(t, article, sentence.strip(), _date(eff) if eff else ""))
    return out
