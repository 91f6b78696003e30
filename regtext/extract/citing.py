"""Find what a clause cites, and resolve it to a document and a provision.

Two verbs: :func:`find_citations` reads any clause text; :func:`citations` runs it over every
clause of a :class:`~regtext.model.Document` and returns a DataFrame (the column contract is in
docs/data-model.md).

Forms covered (matching runs on :func:`regtext.normalize.fold` text, a 1:1 character map, so
offsets are valid in the original):

- external titles ``《中华人民共和国个人信息保护法》第十三条第一款第（二）项``, with or without
  中华人民共和国; catalog short names and aliases (``《个人信息保护法》``, unbracketed
  ``网络安全法`` and, before a pin, ``刑法第二十条``); abbreviations a text defines with
  ``（以下简称…）``; ``该法第…`` after a title;
- internal pins after 本法/本办法/本规定/本条例…, and bare ``第二十条`` (the clause's own
  document);
- lists and ranges that inherit context: ``第二十二条第一款、第二款和第四十八条第一款``,
  ``第四十一条至第四十三条``, ``前款第二项至第七项``;
- relative references ``前款``, ``前两款``, ``前条``, ``前项``, ``本条``, ``本款``, ``本章``,
  ``本节``, ``同条``, ``该条`` (the article cited just before, in the same document);
- titles without 《》 (``依照民事诉讼法的有关规定``, ``医疗器械监督管理条例等法律法规``): a
  title-shaped name after 依照/根据/违反…, before …的规定/…等法律, or in a list of such names;
- generic references (``国家有关规定``, ``有关法律、行政法规的规定``): ``kind="generic"`` rows with
  no target.

Each opening form is a small handler of :class:`_Scan` (``_open_title``, ``_open_self``,
``_open_relative``…, listed in ``_OPENERS``); ``_collect`` gathers the pins, lists and ranges
after it, ``_resolve`` finds the target through a :class:`~regtext.extract.resolve.Resolver`
and ``_write`` makes the rows. The words live in ``regtext/_data/rules/`` (see
:mod:`regtext.extract.citation_forms`).

Resolution rules: a ref is only reported in ``target_ref`` when it exists in the target
document (``ref in doc``); otherwise ``target_ref`` is ``None``, ``resolved`` is ``False`` and
the ref the words spell is kept in ``pin``. A title that is not at hand keeps ``target_doc``
``None``, its ``target_title`` and, when pinned, the spelled ref in ``target_ref`` (it resolves
once the document is available). A pin into an excerpt of a larger text (``part_of`` in its
catalog record: the Civil Code's Book IV, numbered as in the whole code) on an article the
excerpt does not hold keeps the spelled ref too (民法典第一千一百七十条 → ``1170``,
``resolved`` ``False``): the article exists, only this corpus lacks it. Any other pin on a
ref the target does not hold (a 第二十条 of a 17-article text) is dropped: ``target_ref``
``None``, the spelled ref in ``pin``. A title written without 《》
(``民事诉讼法第六十四条``) makes its pins external even when unknown, so they are never
mistaken for the citing text's own articles.
Titles inside 《》 count only when they name a normative document (…法, 条例, 规定, 办法,
决定…; not 《营业执照》). Bare self references without a pin (``制定本法``) are not citations.

Example:
    >>> import regtext
    >>> [(c.kind, c.target_ref) for c in find_citations("违反本法第四十一条至第四十三条规定的")]
    [('internal', None), ('internal', None), ('internal', None)]
    >>> csl = regtext.load("csl")
    >>> df = citations(csl)
    >>> df.query("source_ref == '64.1'").target_ref.tolist()
    ['22.3', '41', '42', '43']
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .. import rules
from ..text.normalize import _TABLE as _WIDTHS  # the 1:1 width/space map fold() starts with
from ..text.normalize import _trad_re, fold
from ..text.numerals import NUMBER, cn_to_int
from ..text.terms import marker
from . import citation_forms as forms
from .citation_forms import Form, Kind
from .resolve import DEFAULT as _DEFAULT_RESOLVER
from .resolve import Resolver, title_key

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..text.model import Document, Node

#: DataFrame columns, the contract columns (docs/data-model.md) first.
COLUMNS = ["source_ref", "text", "kind", "target_doc", "target_title", "target_ref", "start",
           "end", "form", "pin", "resolved"]


@dataclass(frozen=True)
class Citation:
    """One cited target.

    A list or range is one :class:`Citation` per target; they share ``text``, ``start`` and
    ``end`` (the whole phrase, as gold annotators and lawyers quote it).

    Attributes:
        source_ref: ref of the clause that cites (``"59.1"``), ``None`` for loose text.
        text: the citing words, verbatim from the source.
        kind: ``"external"`` (another document), ``"internal"`` (the same document) or
            ``"generic"`` (国家有关规定: rules named by class; no target).
        target_doc: id of the cited document, ``None`` when it is not at hand.
        target_title: the cited title as written (the document's own title for internal; for
            a 简称 the text defines, the full title it stands for).
        target_ref: the cited provision (``"22.1"``), ``None`` for a whole document or when
            the provision does not exist in a target at hand (a pin on a document not at hand
            is kept as spelled).
        start, end: offsets of ``text`` in the source clause text.
        form: how it is written: ``title``, ``alias``, ``abbreviation``, ``self`` (本法第…),
            ``bare`` (第…条), ``relative`` (前款…), ``anaphor`` (该法第…) or ``generic``.
        pin: the ref the words spell, checked or not (``"13.1.2"``); ``None`` for none.
        resolved: the target document is known and ``target_ref`` (if pinned) exists in it.

    Example:
        >>> c = find_citations("依照《中华人民共和国个人信息保护法》第十三条的规定")[0]
        >>> c.target_doc, c.target_ref, c.span()
        ('pipl', '13', (2, 22))
    """

    source_ref: str | None
    text: str
    kind: Kind
    target_doc: str | None
    target_title: str | None
    target_ref: str | None
    start: int
    end: int
    form: Form = "title"
    pin: str | None = None
    resolved: bool = False

    def span(self) -> tuple[int, int]:
        """``(start, end)`` of the citing words in the source text.

        Example:
            >>> find_citations("适用前款规定", None)[0].span()
            (2, 4)
        """
        return (self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        """The citation as a plain dict (the DataFrame row).

        Example:
            >>> find_citations("《网络安全法》")[0].to_dict()["target_doc"]
            'csl'
        """
        return asdict(self)


# -- lexical patterns (words from the rules tables, see citation_forms) -----------------

_LEVEL = {"编": 0, "分编": 1, "章": 2, "节": 3, "条": 4, "款": 5, "项": 6, "目": 7}
_FIELD = {4: "art", 5: "para", 6: "item", 7: "sub"}
# the empty separator: bracketed numbers back to back (第（一）（二）项)
_MREST = re.compile(rf"(、|和|及|或者|至|到|(?=（))第?（?({NUMBER})）?")
_UREST = re.compile(rf"、({NUMBER})条")
_CONNECTOR = re.compile(r"、|，?和|及|以及|、以及|或者|或|与|、或者|、和")
_RANGE = re.compile(r"至|到|—|－|-|~|～")
_LIST_JOIN = re.compile(r"、|和|及|或者|以及|或")
_JOINED = re.compile(r"(?:、|和|及|或者|以及|或)$")
_SENTENCE_BREAK = re.compile(r"[。；;：:]")
_BRACKETED = re.compile(r"《[^《》\n]*》")
_GENERIC_HINT = re.compile(r"法|规|标准|文件|解释")  # cheap test before the generic grammar
# An unbracketed name ending in 法 must not run on into 法律/法规/法院… (法规定 is 法 + 规定)
_ALIAS_STOP = "律人院学治制官庭典定条则令》者"
_NOT_AFTER_NAME = rf"[{_ALIAS_STOP}]|规(?!定)"
_is_legal_title = forms.is_legal_title


@lru_cache(maxsize=1)
def _catalog_aliases() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Unbracketed catalog names: (long names matched anywhere, short ones only before 第)."""
    from ..corpus.catalog import catalog

    long, short = set(), set()
    for rec in catalog():
        for name in (rec["title"], rec.get("short_title", ""), *rec.get("aliases", [])):
            name = fold(name or "").replace("中华人民共和国", "")
            if not re.fullmatch(r"[\u4e00-\u9fff]+", name):
                continue
            # statute-like names only: 规定/办法 are too generic to match without 《》
            if not forms.catalog_name_endings().search(name):
                continue
            (long if len(name) >= 4 or name.endswith("法典") else short).add(name)
    return tuple(sorted(long, key=len, reverse=True)), tuple(sorted(short, key=len, reverse=True))


#: The characters a citation form opens with (《, （, 本, 该, 前, 同, 第).
_HEAD_FIRST = "《（本该前同第"


@lru_cache(maxsize=64)
def _scanner(extra: tuple[str, ...] = ()) -> re.Pattern[str]:
    """The master token pattern; ``extra`` are abbreviations a document defines."""
    long, short = _catalog_aliases()
    names = sorted(set(long) | set(extra), key=len, reverse=True)
    # the characters each branch can open with (中 of 中华人民共和国 before a name)
    name_first = {n[0] for n in names} | {"中"}
    short_first = {n[0] for n in short} | {"中"}
    alias = ""
    # a one-character lookahead lets the engine skip most positions cheaply
    if names:
        first = re.escape("".join(sorted(name_first)))
        alt = "|".join(map(re.escape, names))
        alias += (rf"|(?=[{first}])(?<![本该《])(?:中华人民共和国)?"
                  rf"(?P<alias>{alt})(?!{_NOT_AFTER_NAME})")
        # also after ordinary words (依照网络安全法第…): then a pin must follow
        alias += rf"|(?=[{first}])(?<![本该《])(?:中华人民共和国)?(?P<alias3>{alt})(?=第)"
    if short:
        first = re.escape("".join(sorted(short_first)))
        alt = "|".join(map(re.escape, short))
        alias += rf"|(?=[{first}])(?<![本该《])(?:中华人民共和国)?(?P<alias2>{alt})(?=第)"
    # every branch opens with such a lookahead; their union in front lets the engine leave
    # most positions after one test instead of one per branch (same matches)
    union = set(_HEAD_FIRST) | name_first | short_first
    return re.compile(rf"(?=[{re.escape(''.join(sorted(union)))}])(?:"
                      rf"(?=[{_HEAD_FIRST}])(?:{forms.head_pattern()}|{forms.pin_pattern()})"
                      + alias + ")")


# -- addresses --------------------------------------------------------------------------


@dataclass
class _Addr:
    """A provision address under construction: article-level fields or a structural ref."""

    art: str | None = None
    para: int | None = None
    item: int | None = None
    sub: int | None = None
    struct: str | None = None  # chapter/section ref (ch3, pt1.ch2.sec1) or a (level, n) spec
    ch: int | None = None
    sec: int | None = None
    part: int | None = None

    def copy(self) -> _Addr:
        return _Addr(**self.__dict__)

    def top(self) -> int:
        """Highest level filled (0 = 编 … 7 = 目); 9 when empty."""
        for lvl, key in ((0, "part"), (2, "ch"), (3, "sec"), (4, "art"), (5, "para"),
                         (6, "item"), (7, "sub")):
            if getattr(self, key) is not None:
                return lvl
        return 9

    def finest(self) -> int:
        for lvl, key in ((7, "sub"), (6, "item"), (5, "para"), (4, "art"), (3, "sec"),
                         (2, "ch"), (0, "part")):
            if getattr(self, key) is not None:
                return lvl
        return 9 if self.struct is None else 2


def _split_ref(ref: str | None) -> _Addr:
    """An article-level ref (``"13.2.3"``) as an address."""
    a = _Addr()
    if not ref or not re.match(r"^\d", ref):
        return a
    parts = ref.split(".")
    a.art = parts[0]
    for key, val in zip(("para", "item", "sub"), parts[1:]):
        setattr(a, key, int(val) if val.isdigit() else None)
    return a


def _art_of(ref: str | None) -> str | None:
    return ref.split(".")[0] if ref and re.match(r"^\d", ref) else None


class _Target:
    """A document (or None) that refs are resolved against."""

    def __init__(self, doc: Document | None):
        self.doc = doc
        self.order: dict[str, int] = {}
        #: an excerpt of a larger text (民法典 Book IV alone, numbered as in the whole code):
        #: an article it does not hold still exists in the whole text
        self.excerpt = False
        if doc is not None:
            self.order = {a.ref: i for i, a in enumerate(doc.articles)}
            self.excerpt = bool((doc.meta or {}).get("part_of"))

    def outside_excerpt(self, ref: str) -> bool:
        """An article ref (``1170``, ``1170.2``) the excerpt does not hold: not a wrong pin."""
        if not self.excerpt or not ref[:1].isdigit():
            return False
        art = ref.split(".")[0]
        return art not in self.order

    def has(self, ref: str) -> bool:
        return self.doc is not None and ref in self.doc

    def ref_of(self, a: _Addr, source_ref: str | None) -> str | None:
        """The ref an address spells (``None`` when it cannot be spelled)."""
        if a.art is not None:
            ref = a.art
            para = a.para
            if a.item is not None and para is None:
                para = self._para_with_item(a.art, a.item, source_ref)
            if para is not None:
                ref += f".{para}"
                if a.item is not None:
                    ref += f".{a.item}"
                    if a.sub is not None:
                        ref += f".{a.sub}"
            return ref
        if a.struct is not None:
            return a.struct
        if a.ch is not None or a.sec is not None or a.part is not None:
            return self._struct(a, source_ref)
        return None

    def _para_with_item(self, art: str, item: int, source_ref: str | None) -> int:
        """第十三条第二项: the 款 of that article that has the item (own 款 first)."""
        if self.doc is None or art not in self.doc:
            return 1
        own = source_ref.split(".") if source_ref else []
        if len(own) >= 2 and own[0] == art and self.has(f"{art}.{own[1]}.{item}"):
            return int(own[1]) if own[1].isdigit() else 1
        for para in self.doc.get(art).children:
            if f"{para.ref}.{item}" in self.doc:
                return int(para.ref.split(".")[1])
        return 1

    def _struct(self, a: _Addr, source_ref: str | None) -> str | None:
        if self.doc is None:
            bits = []
            if a.part is not None:
                bits.append(f"pt{a.part}")
            if a.ch is not None:
                bits.append(f"ch{a.ch}")
            if a.sec is not None:
                bits.append(f"sec{a.sec}")
            return ".".join(bits) or None
        here = [n.ref for n in self.doc.ancestors(source_ref)] if (
            source_ref and source_ref in self.doc) else []
        want = {"part": a.part, "chapter": a.ch, "section": a.sec}
        best = None
        for node in self.doc:
            if node.kind not in ("part", "chapter", "section"):
                continue
            finest = "section" if a.sec is not None else "chapter" if a.ch is not None else "part"
            if node.kind != finest or node.number != str(want[finest]):
                continue
            prefix = node.ref.rsplit(".", 1)[0] if "." in node.ref else ""
            parts = node.ref.split(".")
            if finest == "section" and a.ch is not None and (
                    len(parts) < 2 or parts[-2] != f"ch{a.ch}"):
                continue  # 第二章第三节: the section must sit under that chapter
            if finest == "section" and a.ch is None:
                if prefix in here:  # 第二节 in the source's own chapter
                    return node.ref
                continue
            if a.part is not None and not node.ref.startswith(f"pt{a.part}"):
                continue
            if best is None or (prefix and prefix in here):
                best = node.ref
        return best

    def articles_between(self, lo: str, hi: str) -> list[str]:
        if lo in self.order and hi in self.order and self.order[lo] <= self.order[hi]:
            arts = self.doc.articles  # type: ignore[union-attr]
            return [n.ref for n in arts[self.order[lo]: self.order[hi] + 1]]
        a, b = cn_to_int(lo.split("-")[0]), cn_to_int(hi.split("-")[0])
        if a is None or b is None or not 0 <= b - a <= 300:
            return [lo, hi]
        return [str(i) for i in range(a, b + 1)]


# -- per-document context ---------------------------------------------------------------

_DOC_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
#: The cited documents' targets: indexing a cited law's articles (刑法: 452) once per
#: process, not once per citation of it.
_TARGETS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _target_of(doc: Document | None) -> _Target:
    if doc is None:
        return _Target(None)
    try:
        target = _TARGETS.get(doc)
    except TypeError:  # pragma: no cover - an unhashable stand-in for a Document
        return _Target(doc)
    if target is None:
        target = _TARGETS[doc] = _Target(doc)
    return target


@dataclass
class _DocContext:
    """What a document contributes to every clause scan; computed once per document."""

    target: _Target
    abbrevs: dict[str, str]
    simplified: bool  # no traditional characters: width folding is enough
    as_of: str | None = None  # the date the text speaks from: cited titles resolve to then
    titles: tuple[str, ...] = ()  # the legal titles the text cites in 《》


@lru_cache(maxsize=1)
def _width_re() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_WIDTHS)) + "]")


def _widths(text: str) -> str:
    """``text.translate(_WIDTHS)``, by one regex over the characters that change: str.translate
    looks every character up in the dict, 8x slower, and most clauses have none to change."""
    return _width_re().sub(lambda m: _WIDTHS[ord(m.group())], text)


def _context(doc: Document) -> _DocContext:
    try:
        ctx = _DOC_CACHE.get(doc)
    except TypeError:  # pragma: no cover - an unhashable stand-in for a Document
        ctx = None
    if ctx is None:
        # simplified when folding changes nothing but widths: fold() is the width map plus
        # the traditional characters, so no traditional character means widths alone
        # (one C-speed search; a set of the characters took as long as the whole scan)
        text = doc.text or "".join(n.text for n in doc.children)
        ctx = _DocContext(_Target(doc), _doc_abbreviations(doc),
                          _trad_re().search(text) is None, _doc_as_of(doc),
                          _doc_titles(doc))
        try:
            _DOC_CACHE[doc] = ctx
        except TypeError:  # pragma: no cover
            pass
    return ctx


def _doc_as_of(doc: Document) -> str | None:
    """The citing text's date: its catalog dates, else the date of its file name (LawRefBook:
    反垄断法(2022-06-24).md) or of its head (……2018年4月27日……通过). A cited law resolves to the
    version in force then, not to the newest one (registered collections hold several)."""
    meta = doc.meta or {}
    value = meta.get("effective") or meta.get("promulgated")
    if value:
        return str(value)
    from ..network.analysis import _HEAD_DATE, _ID_DATE, doc_date

    def iso(m: re.Match[str]) -> str:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"

    # a date in the title line (中华人民共和国立法法（2023年3月13日修正）) or the file name
    m = _HEAD_DATE.search(doc.title or "")
    if m:
        return iso(m)
    m = _ID_DATE.search(doc.id or "")
    if m:
        return m.group(1)
    # the header lines list adoption and every amendment: the text is the latest of them
    # (刑法.md: 1979年7月1日通过 … 2023年12月29日修正); the body's dates are dates it cites
    dates = [iso(m) for note in (doc.notes or ()) for m in _HEAD_DATE.finditer(str(note))]
    if dates:
        return max(dates)
    return doc_date(doc) or None


def _doc_titles(doc: Document) -> tuple[str, ...]:
    """The legal titles ``doc`` cites in 《》, each once."""
    text = doc.text or "\n".join(n.text for n in doc.children)
    found = dict.fromkeys(t for t in re.findall(r"《([^《》\n]{2,120})》", fold(text))
                          if _is_legal_title(t))
    return tuple(found)


# the head a short name drops is a place (河南省|公路管理条例): then it is another act
_PLACE_HEAD = re.compile(r"(?:省|市|自治区|自治州|县|区|盟|旗)$")


def _implicit_full(name: str, titles: tuple[str, ...]) -> str | None:
    """The one title the text cites in full that ``name`` shortens without a （以下简称…）: the
    text names 《中华人民共和国劳动争议调解仲裁法》, then writes 调解仲裁法第四十七条. ``None``
    when no title or several end with ``name``, when the text also cites ``name`` itself, when
    ``name`` is written in full (中华人民共和国…) or when the dropped head is a place
    (河南省公路管理条例 is not 公路管理条例).

    Example:
        >>> titles = ("中华人民共和国劳动法", "中华人民共和国劳动争议调解仲裁法")
        >>> _implicit_full("调解仲裁法", titles), _implicit_full("仲裁法", titles + ("仲裁法",))
        ('中华人民共和国劳动争议调解仲裁法', None)
        >>> _implicit_full("公路管理条例", ("河南省公路管理条例",)) is None
        True
    """
    from .resolve import title_key

    key = title_key(name)
    if len(key) < 3 or fold(name).lstrip("《").startswith("中华人民共和国"):
        return None
    keys = {t: title_key(t) for t in titles}
    if key in keys.values():
        return None  # the text cites that very title too (《仲裁法》 beside 《…调解仲裁法》)
    fulls = {t for t, tk in keys.items()
             if tk.endswith(key) and not _PLACE_HEAD.search(tk[: -len(key)])}
    return fulls.pop() if len(fulls) == 1 else None


def _doc_abbreviations(doc: Document) -> dict[str, str]:
    """Abbreviations the document defines for cited titles: 简称 → full title."""
    out: dict[str, str] = {}
    for node in doc:
        own = node.own_text
        if "以下" not in own:
            continue
        folded = fold(own)
        for m in _abbrev_def().finditer(folded):
            if len(m.group("short")) >= 2 and _is_legal_title(m.group("t")):
                out.setdefault(m.group("short"), m.group("t"))
        if "、" in folded:
            for short, title in _abbrev_list_pairs(folded):
                out.setdefault(short, title)
    return out


@lru_cache(maxsize=1)
def _abbrev_list() -> re.Pattern[str]:
    """（以下分别简称为《决定》、《修正案（二）》）: several short names after a list of titles."""
    return re.compile(r"》（以下(?:分别)?(?:简称|称)为?"
                      r"(?P<shorts>(?:[^（）\n]|（[^（）\n]{1,10}）){2,120}?)）")


_LIST_SEP = re.compile(r"、|，|,|以及|和|及|与")
_SHORT_QUOTES = "《》“”\"「」 "


def _abbrev_list_pairs(folded: str) -> list[tuple[str, str]]:
    """The (简称, title) pairs of a list definition: 《A》、《B》和《C》（以下分别简称《甲》、
    《乙》及《丙》） gives 甲 → A, 乙 → B, 丙 → C; the shorts pair in order with the titles
    right before the bracket, in the same sentence. Nothing when there are fewer titles than
    shorts or a short is not a name.

    Example:
        >>> _abbrev_list_pairs("根据《中华人民共和国药品管理法》、《中华人民共和国海关法》"
        ...                    "（以下简称《药品管理法》、《海关法》）")
        [('药品管理法', '中华人民共和国药品管理法'), ('海关法', '中华人民共和国海关法')]
    """
    pairs = []
    for m in _abbrev_list().finditer(folded):
        shorts = [x.strip(_SHORT_QUOTES) for x in _LIST_SEP.split(m.group("shorts"))]
        if len(shorts) < 2 or any(len(x) < 2 or "《" in x or "》" in x for x in shorts):
            continue
        head = folded[: m.start() + 1]
        head = head[max(head.rfind("。"), head.rfind("；"), head.rfind("\n")) + 1:]
        titles = _BRACKETED.findall(head)
        if len(titles) < len(shorts):
            continue
        for short, title in zip(shorts, titles[-len(shorts):]):
            title = title[1:-1]
            if _is_legal_title(title):
                pairs.append((short, title))
    return pairs


@lru_cache(maxsize=1)
def _abbrev_def() -> re.Pattern[str]:
    """《title》（以下简称…）: a short name the text gives a cited title."""
    # the markers are shared (terms.marker()); the quotes are wider than terms.abbreviation_re(),
    # which misses a short title in quotes and brackets: （以下简称“《总体方案》”）
    # a document number may come first: 《…的解释》（法释〔2009〕19号，以下简称《解释》）
    return re.compile(r"《(?P<t>[^《》\n]{1,120})》（(?:[^（）《》，,\n]{1,30}[，,])?" + marker()
                      + r"[“\"「]?《?(?P<short>[^（）《》“”\"「」\n]{2,30})》?[”\"」]?）")


def _resolve_title(title: str, abbrevs: dict[str, str], resolver: Resolver,
                   as_of: str | None) -> tuple[str | None, Form]:
    """Document id for a title (or a document-defined abbreviation) and the form used."""
    title = title.strip()
    if title in abbrevs:
        return resolver.find(abbrevs[title], as_of), "abbreviation"
    doc_id = resolver.find(title, as_of)
    if doc_id is None:
        core = forms.strip_edition(title)  # 《…法（2018年修正）》
        if core != title:
            doc_id = resolver.find(core, as_of)
    return doc_id, "title"


# a full date, then words up to the 《 with no other title or sentence break between: the date
# the cited version was issued, adopted or took effect (1994年8月25日国务院发布的《…》)
_YMD = r"[0-9〇零一二三四五六七八九十]"
_DATED_BEFORE = re.compile(rf"(?P<y>{_YMD}{{4}})年(?P<m>{_YMD}{{1,3}})月(?P<d>{_YMD}{{1,3}})日"
                           r"[^《》。；;，,\n]{0,40}(?:的|施行|公布|发布|通过|批准)$")


# a clause that repeals: the text it names is the one that stops applying
_REPEALS = re.compile(r"废止|停止执行|不再适用|不再执行")


def _day_before(day: str) -> str:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(str(day)[:10]) - timedelta(days=1)).isoformat()
    except ValueError:
        return str(day)[:10]


def _held_on(target_id: str, title: str, day: str) -> bool:
    """Whether the document ``target_id`` a dated citation resolved to is a version issued on or
    before ``day``: a registered version in force then, or a shipped text dated no later."""
    from ..corpus import registry
    from ..corpus.catalog import _version_date, resolve_id

    shipped = resolve_id(target_id)
    if shipped is not None and ":" not in target_id:
        from ..corpus.catalog import record

        date = _version_date(record(shipped))
        return not date or date <= day
    index = registry._Index.get()
    if index is None or target_id not in index._docs:
        return True  # the caller's own document: one version, nothing to choose
    hit = registry.lookup(title, day)
    return hit is not None and hit.doc_id == target_id and hit.in_force is not False


# 及其实施细则, 和其实施条例: a name that opens with "its" names a text of the law cited before
_ITS = re.compile(r"^(?:及|和|与|以及)?其([\u4e00-\u9fff]{2,})$")
_ITS_OPENER = re.compile(r"(?:以及|及|和|与)其$")


def _full_title(written: str, name: str, form: Form, abbrevs: dict[str, str]) -> str:
    """The title a citation names: as written, or for a 简称 the text defines (（以下简称《条例》）)
    the full title it stands for, so that 《条例》 is looked up, scored and shown as the act it
    names and not as the bare word 条例."""
    if form == "abbreviation" and name in abbrevs:
        return abbrevs[name]
    return written


# -- unbracketed law names before a pin (刑事诉讼法第六十四条) -------------------------------

@lru_cache(maxsize=1)
def _name_end() -> re.Pattern[str]:
    return re.compile(rf"(?:{forms.pin_name_endings()})(?=第{NUMBER}(?:条|编|章))")


class _NameToken:
    """A law name found outside 《》, shaped like the scanner's matches (group/start/end)."""

    def __init__(self, name: str, start: int, end: int):
        self._name, self._start, self._end = name, start, end

    def group(self, key: str) -> str | None:
        return self._name if key == "alias3" else None

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


@lru_cache(maxsize=1)
def _stops_by_first() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for w in sorted(forms.context_words("stop"), key=len, reverse=True):
        out.setdefault(w[0], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def _name_start(phrase: str, body: int) -> int:
    """Where the name in ``phrase`` starts: after the last context word (依照, 的, 构成…) in the
    first ``body`` characters that is a word of its own. Words are jieba's, so that 对 in
    对外贸易法, 经 in 经济合同法 or 自 in 自然保护区条例 do not cut the title."""
    if not forms.name_stop().match(phrase, 0, body):
        return 0
    bounds = _word_bounds(phrase)
    stops = _stops_by_first()
    for p in range(body - 1, -1, -1):
        if p not in bounds:
            continue
        for w in stops.get(phrase[p], ()):
            if p + len(w) <= body and p + len(w) in bounds and phrase.startswith(w, p):
                if p + len(w) == body and _type_word(w + phrase[body:]):
                    # 食品安全法|实施条例: 实施 is part of the type word, no verb; 及其实施条例
                    # is a name of its own (the rules of the law just cited)
                    its = _ITS_OPENER.search(phrase, 0, p)
                    if its:
                        return its.start()
                    continue
                return p + len(w)
    return 0


@lru_cache(maxsize=256)
def _type_word(name: str) -> bool:
    """实施条例, 实施细则: a document type after 实施 (or 暂行, 补充), not a title."""
    from ..corpus.registry import _type_word as type_word

    return type_word(name)


@lru_cache(maxsize=16384)  # the same phrases recur across a corpus (依照刑事诉讼法…)
def _word_bounds(text: str) -> frozenset[int]:
    from .segmentation import word_bounds

    return word_bounds(text, legal=False)  # jieba's own dictionary, no HMM


def _non_title(name: str) -> bool:
    """A name that is no title: it ends in 办法/方法 (具体办法), ends in a word such as 司法 or 执法
    counted from a word boundary (行政执法, but 公司法 stays), or is a class such as 自治条例."""
    for row in forms.non_title_rows():
        word, how = row["word"], row["match"]
        if how == "exact" and name == word or how == "end" and name.endswith(word):
            return True
        if how == "word" and name.endswith(word) and name[:-len(word)] == "":
            return True
        if how == "word" and name.endswith(word) and len(name) - len(word) in _word_bounds(name):
            return True
    return False


@lru_cache(maxsize=16384)
def _after_verb(name: str) -> str:
    """The title at the end of a verb phrase: 应当提交|行政强制法, 未如实告知|海商法, 未履行|本法.

    Cut after the last verb (jieba POS ``v``) inside the name, except a verb that opens it
    (促进科技成果转化法, 保守国家秘密法) or stands right before a bare 法 or 条例 (农村土地承包法,
    突发事件应对法, 某某自治县自治条例)."""
    if len(name) < 4:
        return name
    from .pipeline import pos_tags

    words = pos_tags(name)
    at, cut = 0, 0
    for i, (word, flag) in enumerate(words[:-1]):
        at += len(word)
        if flag == "v" and i > 0 and not (i == len(words) - 2 and words[-1][0] in ("法", "条例")):
            cut = at
    name = name[cut:]
    if words and words[-1][0][:1] in "本该" and words[-1][0] in _SELF_WORDS():
        return ""  # …履行本法: the text's own name
    return name


@lru_cache(maxsize=1)
def _QUALIFIERS() -> tuple[str, ...]:  # noqa: N802 - a cached constant
    # not 国家 alone: 国家赔偿法, 国家安全法 are titles
    return tuple(w for w in rules.column("citation-generic", "word", part="qualifier")
                 if w != "国家")


@lru_cache(maxsize=1)
def _SELF_WORDS() -> frozenset[str]:  # noqa: N802 - a cached constant
    return frozenset(forms.self_words()) | {"该" + w[1:] for w in forms.self_words()}


def _name_before(folded: str, m: re.Match[str],
                 known: Callable[[str], bool] | None = None) -> str | None:
    """The law name that ends with ``m`` (a document-type ending): the CJK run before it, cut
    after the last context word (依照|修正的 国家赔偿法); ``None`` when no name is left.
    ``known`` tells a title the resolver knows: a verb inside it (海域|使用|管理法) does not
    cut it."""
    lo = m.start()
    while lo > 0 and m.end() - lo < 24 and "\u4e00" <= folded[lo - 1] <= "\u9fff":
        lo -= 1
    phrase = folded[lo: m.end()]
    body = len(phrase) - len(m.group(0))
    whole = phrase[_name_start(phrase, body):]
    name = _after_verb(whole)
    if name != whole and known is not None and known(whole):
        name = whole  # 依照海域使用管理法: a title, not 使用|管理法
    if known is not None and name.startswith(("中国", "国家")) and not known(name) \
            and known(name[2:]):
        name = name[2:]  # 依照中国专利法: the state's own 专利法 (but 国家赔偿法 is a title)
    if known is not None:
        # a context word that jieba glued to the next word (符合国家|赔偿法 read as 符合国家):
        # cut it when the rest, and not the whole, is a title the resolver knows
        for w in _stops_by_first().get(name[:1], ()):
            if name.startswith(w) and len(name) - len(w) >= 3 and known(name[len(w):]) \
                    and not known(name):
                name = name[len(w):]
                break
    if len(name) < 2 or name in ("法典", "条例", "细则") or name.startswith(("本", "该", "法")):
        return None
    if name.startswith(_QUALIFIERS()):
        return None  # 有关条例, 国家税法: a class of rules, not a title
    if m.end() - len(name) > 0 and folded[m.end() - len(name) - 1] in "本该":
        return None  # 本法总则第四章: the text's own parts
    return name


@lru_cache(maxsize=1)
def _title_end() -> re.Pattern[str]:
    # a name ending that does not run on into a longer word (法律, 法规, 法院, 法典…)
    return re.compile(rf"(?:{forms.pin_name_endings()})(?!{_NOT_AFTER_NAME}|第)")


class _Opens:
    """Any word of citation-context.tsv that opens a legal basis (compiled on first use)."""

    @staticmethod
    @lru_cache(maxsize=1)
    def _re() -> re.Pattern[str]:
        return re.compile("|".join(map(re.escape, forms.context_words("opens"))))

    def search(self, text: str, pos: int, endpos: int) -> re.Match[str] | None:
        return self._re().search(text, pos, endpos)


_OPENS = _Opens()


def _unbracketed_names(folded: str,
                       known: Callable[[str], bool] | None = None) -> list[_NameToken]:
    """Law names written without 《》.

    Before a pin (刑事诉讼法第六十四条) any name counts: the pin makes it external. Without a pin
    a title-shaped name (3+ characters ending in 法, 法典 or 条例, not a word like 办法 or 方法)
    counts when a word introducing a legal basis stands right before it (依照民事诉讼法…), when
    what follows makes it a rule cited (…的有关规定, …等法律法规), or when it continues a list
    after such a name (依照民事诉讼法和仲裁法的规定).
    """
    out = []
    for m in _name_end().finditer(folded):
        name = _name_before(folded, m, known)
        if name:
            out.append(_NameToken(name, m.end() - len(name), m.end()))
    if not ("法" in folded or "条例" in folded):
        return out
    last_end = -1
    for m in _title_end().finditer(folded):
        if m.start() < 2 or not "\u4e00" <= folded[m.start() - 1] <= "\u9fff":
            continue  # no name before the ending
        followed = forms.title_followers().match(folded, m.end())
        if not followed and not (_ends_phrase(folded, m.end()) and (
                last_end >= 0 or _OPENS.search(folded, max(0, m.start() - 24), m.start()))):
            continue  # cheap test first: most 法 are 依法, 违法…
        name = _name_before(folded, m, known)
        # a two-character name only when the resolver knows it as a title (依照刑法关于…的规定)
        if not name or _non_title(name) or len(name) < 3 and not (
                len(name) == 2 and known is not None and known(name)):
            continue
        start = m.end() - len(name)
        lead = start - 2 if start >= 2 and folded.startswith(("中国", "国家"), start - 2) else start
        if followed or forms.opens_before().search(folded, 0, start) \
                or lead < start and forms.opens_before().search(folded, 0, lead) \
                or (last_end >= 0 and _LIST_JOIN.fullmatch(folded, last_end, start)):
            out.append(_NameToken(name, start, m.end()))
            last_end = m.end()
    out.extend(_standalone_names(folded))
    # where two names overlap (土地管理法|实施条例第四十五条), the longer one is the title
    out.sort(key=lambda t: (t.start(), -t.end()))
    kept: list[_NameToken] = []
    for t in out:
        if not kept or t.start() >= kept[-1].end():
            kept.append(t)
    return kept


@lru_cache(maxsize=1)
def _standalone() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The pattern of ``citation-standalone-names.tsv`` and each name's full title
    (宪法 → 中华人民共和国宪法)."""
    rows = rules.table("citation-standalone-names")
    if not rows:
        return None, {}
    alts = [f"{re.escape(r['word'])}(?!{r['not_followed_by']})" if r.get("not_followed_by")
            else re.escape(r["word"]) for r in rows]
    # (本宪法: the Constitution naming itself; inside 《…》 the scanner's title covers it)
    return (re.compile(r"(?<![本《])(?:" + "|".join(alts) + ")"),
            {r["word"]: r["title"] for r in rows if r.get("title")})


def _standalone_names(folded: str) -> list[_NameToken]:
    """Names of ``citation-standalone-names.tsv`` (宪法): a citation wherever they stand as a
    word of their own, with no legal-basis word needed."""
    pattern = _standalone()[0]
    if pattern is None:
        return []
    return [_NameToken(m.group(0), m.start(), m.end()) for m in pattern.finditer(folded)]


# What may follow a title that ends its noun phrase: punctuation, a list, 的, 等, 中, 之…
_PHRASE_END = re.compile(r"[^\u4e00-\u9fff]|的|等|中|之|有关|相关|规定|关于|"
                         + _LIST_JOIN.pattern)


def _ends_phrase(folded: str, end: int) -> bool:
    """Whether a name ending at ``end`` ends its noun phrase (依照工会法，建立… yes; 土地管理法实施
    条例 no)."""
    return end >= len(folded) or bool(_PHRASE_END.match(folded, end))


# -- the scanner ------------------------------------------------------------------------


def _pin_value(m: re.Match[str]) -> tuple[int, Any] | None:
    if m.group("iunit"):
        n = cn_to_int(m.group("pn3"))
        return None if n is None else (6, n)
    n = cn_to_int(m.group("pn1") or m.group("pn2"))
    if n is None:
        return None
    level = _LEVEL[m.group("unit")]
    if level == 4:
        sub = cn_to_int(m.group("sub")) if m.group("sub") else None
        return level, f"{n}-{sub}" if sub else str(n)
    return level, n


def _pin_extra(m: Any) -> list[tuple[str, Any]]:
    """The further numbers of 第（一）、（二）、（三）项, 第（一）（二）项, 第一款（一）、（二）项
    and of 第三十七条、三十八条, with their relation (list/range)."""
    if m.group("iunit"):
        rest = m.group("irest")
    elif m.group("unit"):
        listed = [cn_to_int(num) for num in _UREST.findall(m.group("urest") or "")]
        if any(n is not None for n in listed):
            return [("list", str(n)) for n in listed if n is not None]
        rest = m.group("mrest")
    else:
        return []
    out = []
    for sep, num in _MREST.findall(rest or ""):
        n = cn_to_int(num)
        if n is not None:
            out.append(("range" if sep in ("至", "到") else "list",
                        str(n) if m.group("unit") == "条" else n))
    return out


def _apply_pin(addr: _Addr, level: int, value: Any) -> None:
    if addr.struct and addr.struct != "?" and level in (2, 3):  # 本章第二节, 本编第三章
        addr.struct += f".{'ch' if level == 2 else 'sec'}{value}"
        return
    if level == 0:
        addr.part = value
    elif level == 1:
        pass  # 分编: no ref form of its own
    elif level == 2:
        addr.ch = value
    elif level == 3:
        addr.sec = value
    else:
        setattr(addr, _FIELD[level], value)
        if level == 4:
            addr.ch = addr.sec = addr.part = None
            addr.struct = None


def _inherit(addr: _Addr, prev: _Addr | None, level: int) -> _Addr:
    """Fill the levels above ``level`` from ``prev`` (第二十二条第一款、第二款 → 22.2)."""
    if prev is None:
        return addr
    out = prev.copy()
    # clear prev's fields at and below the new atom's first level
    for lvl, key in ((0, "part"), (2, "ch"), (3, "sec"), (4, "art"), (5, "para"), (6, "item"),
                     (7, "sub")):
        if lvl >= level:
            setattr(out, key, None)
    if level <= 4:
        out.struct = None
    for key in ("part", "ch", "sec", "art", "para", "item", "sub"):
        val = getattr(addr, key)
        if val is not None:
            setattr(out, key, val)
    if addr.struct is not None:
        out.struct = addr.struct
    return out


@dataclass
class _Chain:
    """A citation under construction: what its opening form says, then the pins after it."""

    start: int  # offset of the citing words
    end: int  # end of the words taken so far
    j: int  # next token to look at
    form: Form = "bare"
    kind: Kind = "internal"
    target_id: str | None = None
    target_title: str | None = None
    fill_from_source: bool = False  # a bare pin: missing levels come from the citing clause
    atoms: list[tuple[str, list[_Addr]]] = field(default_factory=list)  # (relation, addresses)
    current: list[_Addr] | None = None  # the atom pins refine
    level: int = 9  # finest level of ``current``
    before_skip: int | None = None  # end of the title before a skipped （以下简称…）


def _resolver_names(resolver: Resolver) -> tuple[str, ...]:
    """Names of the resolver's own documents that may be cited without 《》 (…条例, …法)."""
    return tuple(sorted(n for n in resolver.names()
                        if re.fullmatch(r"[\u4e00-\u9fff]{3,}", n)
                        and forms.catalog_name_endings().search(n)))


class _Scan:
    """State for one clause: the document, the source node, the last cited targets."""

    def __init__(self, text: str, doc: Document | None, source_ref: str | None,
                 chapeau_art: str | None = None, ctx: _DocContext | None = None,
                 resolver: Resolver | None = None):
        self.chapeau_art = chapeau_art
        self.resolver = resolver or _DEFAULT_RESOLVER
        self.resolver_names = _resolver_names(self.resolver) if resolver is not None else ()
        self._own_id = doc.id if doc is not None else None
        self.as_of: str | None = None
        self.titles: tuple[str, ...] = ()
        self.text = text
        self.doc = doc
        self.source_ref = source_ref if (doc is None or source_ref is None
                                         or source_ref in doc) else None
        if doc is None:
            self.folded, self.abbrevs, self.own = fold(text), {}, _Target(None)
        else:
            ctx = ctx or _context(doc)
            # fold() simplifies character by character; a simplified text only needs widths
            self.folded = _widths(text) if ctx.simplified else fold(text)
            self.abbrevs, self.own = ctx.abbrevs, ctx.target
            self.as_of, self.titles = ctx.as_of, ctx.titles
        self.last_external: tuple[str | None, str] | None = None
        self.last_art: str | None = None
        self.last_ctx: tuple[str, str | None, str | None] | None = None
        self.last_para: _Addr | None = None
        self.last_pin_end: int = -1  # end of the last chain that pinned an article
        self.out: list[Citation] = []

    # relative bases ------------------------------------------------------------------

    def _bases(self, m: re.Match[str], prev: _Addr | None = None) -> list[_Addr]:
        src = _split_ref(self.source_ref)
        if m.group("relu"):
            unit = m.group("relu")
            k = cn_to_int(m.group("reln")) if m.group("reln") else 1
            k = k or 1
            if unit == "款" and src.art and src.para:
                return [_Addr(art=src.art, para=p) for p in range(max(1, src.para - k), src.para)]
            if unit == "项" and src.art and src.para and src.item:
                return [_Addr(art=src.art, para=src.para, item=i)
                        for i in range(max(1, src.item - k), src.item)]
            if unit == "条" and src.art and src.art in self.own.order:
                i = self.own.order[src.art]
                arts = self.doc.articles[max(0, i - k): i]  # type: ignore[union-attr]
                return [_Addr(art=a.ref) for a in arts]
            return []
        if m.group("selfu"):
            unit = m.group("selfu")
            if unit == "条" and src.art:
                return [_Addr(art=src.art)]
            if unit == "款" and src.para:
                return [_Addr(art=src.art, para=src.para)]
            if unit == "项" and src.item:
                return [_Addr(art=src.art, para=src.para, item=src.item)]
            kind = {"章": "chapter", "节": "section", "编": "part"}.get(unit)
            if kind and self.doc is not None and self.source_ref:
                for anc in self.doc.ancestors(self.source_ref):
                    if anc.kind == kind:
                        return [_Addr(struct=anc.ref)]
            return []
        unit = m.group("sameu")
        if prev is not None and prev.art is not None:  # 第十条第一款和同条第三款
            return [_Addr(art=prev.art)] if unit == "条" else [_Addr(art=prev.art, para=prev.para)]
        anaphor = m.group(0).startswith("该")  # 该条 needs an antecedent; 同条 may be its own
        if unit == "条":
            art = self.last_art or (None if anaphor else src.art)
            return [_Addr(art=art)] if art else []
        if unit == "款":
            base = self.last_para or (src if src.para and not anaphor else None)
            return [_Addr(art=base.art, para=base.para)] if base else []
        return []

    # the chain: recognise a form, collect its pins, resolve the target, write rows --------

    def _known(self, name: str) -> bool:
        """Whether the resolver knows ``name`` as a title (asked only where a verb would cut it)."""
        return self.resolver.find(name, self.as_of) is not None

    def run(self) -> list[Citation]:
        extra = tuple(sorted(a for a in self.abbrevs if len(a) >= 2)) + self.resolver_names
        tokens: list[Any] = list(_scanner(extra).finditer(self.folded))
        names = _unbracketed_names(self.folded, self._known)
        if names:  # keep a name only where no other token already covers it
            taken = [(t.start(), t.end()) for t in tokens]
            names = [n for n in names if not any(a < n.end() and n.start() < b
                                                 for a, b in taken)]
            tokens = sorted(tokens + names, key=lambda t: t.start())
        i = 0
        while i < len(tokens):
            chain = self._recognise(tokens, i)
            if chain is None:
                i += 1
                continue
            self._collect(tokens, chain)
            i = max(chain.j, i + 1)
            if self._is_citation(chain):
                self._write(chain, self._resolve(chain))
        generic = self._generic()
        if generic:
            self.out = sorted(self.out + generic, key=lambda c: c.start)  # stable: order kept
        return self.out

    def _generic(self) -> list[Citation]:
        """国家有关规定, 有关法律、行政法规的规定, 法律另有规定: rules named by class only.

        Listed as ``kind="generic"`` rows without a target. A phrase right after 的 qualifies
        what precedes it (…民事诉讼法的有关规定) and is none; nor is one inside 《》 or a citation.
        """
        if not _GENERIC_HINT.search(self.folded):
            return []
        taken = [(c.start, c.end) for c in self.out]
        taken += [m.span() for m in _BRACKETED.finditer(self.folded)]
        out = []
        for m in forms.generic_pattern().finditer(self.folded):
            start, end = m.span()
            if start > 0 and (self.folded[start - 1] in "本该此"
                              or forms.document_word_before().search(self.folded, 0, start)):
                continue
            if any(a < end and start < b for a, b in taken):
                continue
            n = len(forms.generic_classes().findall(m.group(0)))
            follow = forms.generic_followers().match(self.folded, end)
            if not (m.group("q") or m.group("qg") or n >= 2 or (
                    follow is not None and m.group(0) in forms.generic_bare())):
                continue
            if follow is not None:
                end = follow.end()
            out.append(Citation(self.source_ref, self.text[start:end], "generic", None, None,
                                None, start, end, "generic", None, False))
        return out

    # 1. recognise: one small handler per opening form ---------------------------------

    def _recognise(self, tokens: list[Any], i: int) -> _Chain | None:
        """The chain a token opens, ``None`` when it opens no citation."""
        tok = tokens[i]
        for group, handler in _OPENERS:
            if tok.group(group):
                return handler(self, tok, i)
        return self._open_bare(tok, i)

    def _open_skip(self, tok: re.Match[str], i: int) -> _Chain | None:
        """（以下简称《条例》）: a definition, stepped over (the title before it cites)."""
        return None

    def _open_title(self, tok: re.Match[str], i: int) -> _Chain | None:
        """《中华人民共和国个人信息保护法》第十三条: a title in 《》 naming a normative document."""
        title = tok.group("title")
        if not _is_legal_title(title):
            return None  # 《营业执照》
        if tok.start() > 0 and self.folded[tok.start() - 1] == "本" \
                and "本" + title in forms.self_words():
            # 本《办法》第二十条: the text's own type word in brackets, not another text
            return _Chain(tok.start() - 1, tok.end(), i + 1, "self")
        pinned = self._version_date(tok.start(), title)
        target_id, form = _resolve_title(title, self.abbrevs, self.resolver,
                                         pinned or self.as_of)
        if pinned and target_id is not None and not _held_on(target_id, title, pinned):
            target_id = None  # the version named is older than any the corpus holds
        written = self.text[tok.start() + 1: tok.end() - 1]
        full = _full_title(written, title, form, self.abbrevs)
        if target_id is None:
            target_id, form, full = self._implicit(title, form, full)
        return _Chain(tok.start(), tok.end(), i + 1, form, "external", target_id, full)

    def _version_date(self, start: int, title: str) -> str | None:
        """The date that names which version a 《title》 means: a date written right before it
        (1994年8月25日国务院发布的《音像制品管理条例》同时废止), else, when a clause that repeals
        names the citing text's own title (《…解释》（法释〔2013〕12号）同时废止), the day before
        the text's own date: it repeals the version it replaces. Elsewhere a text naming its own
        title (a form in its annex) means itself. ``None`` when neither applies."""
        m = _DATED_BEFORE.search(self.folded, max(0, start - 60), start)
        if m:
            year, month, day = (cn_to_int(m.group(g)) for g in ("y", "m", "d"))
            if year and month and day and 1900 < year < 2100 and month <= 12 and day <= 31:
                return f"{year:04d}-{month:02d}-{day:02d}"
        if self.doc is not None and self.as_of and _REPEALS.search(self.folded) \
                and title_key(title) == title_key(self.doc.title):
            return _day_before(self.as_of)
        return None

    def _implicit(self, name: str, form: Form, full: str) -> tuple[str | None, Form, str]:
        """An unresolved short name that shortens one title the text cites in full
        (:func:`_implicit_full`): that title, when it resolves."""
        longer = _implicit_full(name, self.titles)
        if longer is not None:
            target_id = self.resolver.find(longer, self.as_of)
            if target_id is not None:
                return target_id, "abbreviation", longer
        return None, form, full

    def _open_alias(self, tok: re.Match[str], i: int) -> _Chain | None:
        """依照网络安全法的规定, 刑法第二十条: a known name written without 《》."""
        if tok.group("alias") and not self.folded.startswith("第", tok.end()) and \
                not forms.lead_before().search(self.folded, 0, tok.start()) and \
                not forms.title_followers().match(self.folded, tok.end()):
            return None  # 维护国家安全法…: a name inside running text is no citation
        name = tok.group("alias") or tok.group("alias2") or tok.group("alias3")
        its = _ITS.match(name)
        if its:
            # 《商标法》及其实施细则: "its" rules are the rules of the law just cited
            if self.last_external is None or not self.last_external[1]:
                return None
            name = forms.strip_edition(self.last_external[1].strip("《》")) + its.group(1)
        target_id, form = _resolve_title(name, self.abbrevs, self.resolver, self.as_of)
        if its:
            return _Chain(tok.start(), tok.end(), i + 1, "alias", "external", target_id, name)
        full = _full_title(self.text[tok.start(): tok.end()], name.strip(), form, self.abbrevs)
        if target_id is None:
            target_id, form, full = self._implicit(name.strip(), form, full)
        if target_id is None:  # 宪法: the one document a standalone name always cites
            full = _standalone()[1].get(name.strip(), full)
        return _Chain(tok.start(), tok.end(), i + 1,
                      "abbreviation" if form == "abbreviation" else "alias", "external",
                      target_id, full)

    def _open_self(self, tok: re.Match[str], i: int) -> _Chain | None:
        """本法第二十条, 本办法第三条: the citing document by its type (needs a pin)."""
        return _Chain(tok.start(), tok.end(), i + 1, "self")

    def _open_anaphor(self, tok: re.Match[str], i: int) -> _Chain | None:
        """该法第二十一条: the external document cited just before in the clause."""
        if self.last_external is None:
            return None
        target_id, target_title = self.last_external
        return _Chain(tok.start(), tok.end(), i + 1, "anaphor", "external", target_id,
                      target_title)

    def _open_relative(self, tok: re.Match[str], i: int) -> _Chain | None:
        """前款, 前两款, 前条, 本条, 本章, 同条, 该款: a provision named by its place."""
        chain = _Chain(tok.start(), tok.end(), i + 1, "relative")
        if tok.group("sameu") and self.last_ctx is not None:  # 民法典第…条……该条第二款
            chain.kind, chain.target_id, chain.target_title = self.last_ctx
        # unresolvable bases are still reported
        chain.atoms.append(("list", self._bases(tok) or [_Addr(struct="?")]))
        return chain

    def _open_bare(self, tok: re.Match[str], i: int) -> _Chain | None:
        """第二十条, 第三项: a pin alone, in the citing document, filled from the source clause.

        An article pin joined by 或者/和/及/、 to an earlier pin on another law in the same
        sentence stays on that law: 刑法第一百二十条之一规定的…罪或者第一百九十一条规定的…罪.
        So does one after a comma that the citing document has no article for (刑法第二百二十一
        条规定的…罪，第二百七十八条规定的…罪 in a ten-article interpretation); an article the
        document has is its own (…依照刑法第六十一条处理，第五条规定的…).
        """
        if tok.group("unit") == "条" and self.last_ctx is not None \
                and self.last_ctx[0] == "external" and self.last_pin_end >= 0:
            gap = self.folded[self.last_pin_end: tok.start()]
            if len(gap) <= 40 and not _SENTENCE_BREAK.search(gap) and (
                    _JOINED.search(gap) or (gap.endswith("，") and self._not_own_article(tok))):
                kind, target_id, title = self.last_ctx
                return _Chain(tok.start(), tok.start(), i, "bare", kind, target_id, title)
        return _Chain(tok.start(), tok.start(), i, "bare", fill_from_source=True)

    def _not_own_article(self, tok: re.Match[str]) -> bool:
        """The article ``tok`` pins is one the citing document does not have (never said of a
        plain text or an excerpt, whose articles may lie outside it)."""
        pv = _pin_value(tok)
        if pv is None or self.doc is None or self.own.excerpt or not self.own.order:
            return False
        return str(pv[1]) not in self.own.order

    # 2. collect: adjacent pins refine an atom, connectors start a new one ----------------

    def _collect(self, tokens: list[Any], c: _Chain) -> None:
        c.current = c.atoms[-1][1] if c.atoms else None
        c.level = 9 if c.current is None else max(a.finest() for a in c.current)
        while c.j < len(tokens):
            t = tokens[c.j]
            gap = self.folded[c.end: t.start()]
            if gap == "" and t.group("skip") and not c.atoms:  # 《…》（以下称…）第四十四条
                c.before_skip = c.end
                c.end = t.end()
                c.j += 1
                continue
            pv = _pin_value(t) if (t.group("unit") or t.group("iunit")) else None
            is_rel = t.group("rel") is not None
            if gap == "" and pv is not None:
                if not self._refine(c, t, pv):
                    break
            elif c.atoms and (pv is not None or is_rel) and (
                    _CONNECTOR.fullmatch(gap) or _RANGE.fullmatch(gap)):
                self._join(c, t, pv, "range" if _RANGE.fullmatch(gap) else "list")
            else:
                break
            c.end = t.end()
            c.j += 1

    def _refine(self, c: _Chain, t: Any, pv: tuple[int, Any]) -> bool:
        """第二十二条|第一款: a finer pin right after; ``False`` when it is not finer."""
        level, value = pv
        if c.current is None:  # first pin of the chain
            base = _Addr()
            _apply_pin(base, level, value)
            if c.fill_from_source:
                base = _inherit(base, _split_ref(self.source_ref), level)
                if level == 6:
                    base.para = None  # 第三项: own 款 if it has one, else the list's 款
                    if self.chapeau_art:  # 违反本条例第二十条…：（一）违反第一项…
                        base.art = self.chapeau_art
            c.current = [base]
            c.atoms.append(("list", c.current))
        elif level > c.level:
            for a in c.current:
                if a.struct != "?" or level > 4:  # unresolved bases keep numbers
                    _apply_pin(a, level, value)
        else:
            return False
        c.level = level
        self._shared_unit(c, t, level)
        return True

    def _join(self, c: _Chain, t: Any, pv: tuple[int, Any] | None, relation: str) -> None:
        """Lists 第二十二条、第二十五条 (、和及或者) and ranges 第四十一条至第四十三条 (至到—)."""
        prev_atom = c.atoms[-1][1][-1]
        if pv is None:  # 第十条第一款和同条第三款, 前款和本条: a relative reference in the list
            c.current = self._bases(t, prev_atom) or [_Addr(struct="?")]
            c.level = max(a.finest() for a in c.current)
            c.atoms.append(("list", c.current))
            return
        level, value = pv
        base = _Addr()
        _apply_pin(base, level, value)
        c.current = [_inherit(base, prev_atom, level)]
        c.level = level
        c.atoms.append((relation, c.current))
        self._shared_unit(c, t, level)

    def _shared_unit(self, c: _Chain, t: Any, level: int) -> None:
        """第（一）、（二）、（三）项, 第一至三条: further numbers that share one unit."""
        for relation, v in _pin_extra(t):
            base = _Addr()
            _apply_pin(base, level, v)
            c.current = [_inherit(base, c.atoms[-1][1][-1], level)]
            c.atoms.append((relation, c.current))

    def _is_citation(self, c: _Chain) -> bool:
        if c.before_skip is not None and not c.atoms:
            c.end = c.before_skip  # the definition is not part of a whole-document citation
        # 本法 and a bare 第 with no pin after them cite nothing
        return bool(c.atoms) or c.form not in ("self", "bare")

    # 3. resolve: the document the refs are checked against ---------------------------

    def _resolve(self, c: _Chain) -> _Target:
        if c.kind == "external" and c.target_id is not None and self.doc is not None and (
                c.target_id == self.doc.id or self.resolver.document(c.target_id) is self.doc):
            c.kind = "internal"  # a text naming itself
        if c.kind == "internal":
            c.target_id = self._own_id
            c.target_title = self.doc.title if self.doc is not None else None
            return self.own
        return _target_of(self.resolver.document(c.target_id) if c.target_id else None)

    # 4. write: one row per target ---------------------------------------------------

    def _write(self, c: _Chain, target: _Target) -> None:
        text = self.text[c.start: c.end]
        if c.kind == "external":
            self.last_external = (c.target_id, c.target_title or "")
        if not c.atoms:  # a whole document
            if c.kind == "external":
                self.out.append(Citation(self.source_ref, text, c.kind, c.target_id,
                                         c.target_title, None, c.start, c.end, c.form, None,
                                         c.target_id is not None))
            return
        # a pin on a document not at hand is kept as the ref the words spell: it resolves as
        # soon as that document is available (a document at hand must contain the ref)
        unseen = c.kind == "external" and target.doc is None
        for addr in self._expand(c.atoms, target):
            pin = None if addr.struct == "?" else target.ref_of(addr, self.source_ref)
            ok = pin is not None and target.has(pin)
            beyond = pin is not None and not ok and target.outside_excerpt(pin)
            if addr.art is not None:
                self.last_art = addr.art
                self.last_ctx = (c.kind, c.target_id, c.target_title)
                self.last_pin_end = c.end
                if addr.para is not None:
                    self.last_para = addr
            self.out.append(Citation(
                self.source_ref, text, c.kind, c.target_id, c.target_title,
                pin if ok or unseen or beyond else None, c.start, c.end, c.form, pin,
                bool(ok and (c.target_id is not None or c.kind == "internal"))))

    def _expand(self, atoms: list[tuple[str, list[_Addr]]], target: _Target) -> list[_Addr]:
        out: list[_Addr] = []
        for relation, addrs in atoms:
            if relation == "range" and out and len(addrs) == 1:
                lo, hi = out[-1], addrs[0]
                level = hi.finest()
                if level == 4 and lo.art and hi.art:
                    arts = target.articles_between(lo.art, hi.art)
                    out.extend(_Addr(art=a) for a in arts[1:])
                    if arts and arts[-1] != hi.art:
                        out.append(hi)
                    elif arts and (hi.para is not None):
                        out[-1] = hi
                    continue
                key = {5: "para", 6: "item", 7: "sub"}.get(level)
                a, b = (getattr(lo, key), getattr(hi, key)) if key else (None, None)
                if key and isinstance(a, int) and isinstance(b, int) and 0 <= b - a <= 100:
                    for v in range(a + 1, b + 1):
                        x = hi.copy()
                        setattr(x, key, v)
                        out.append(x)
                    continue
            out.extend(addrs)
        return out


#: The opening forms, in the order they are tried: (scanner group, handler).
_OPENERS: tuple[tuple[str, Any], ...] = (
    ("skip", _Scan._open_skip),
    ("title", _Scan._open_title),
    ("alias", _Scan._open_alias),
    ("alias2", _Scan._open_alias),
    ("alias3", _Scan._open_alias),
    ("self", _Scan._open_self),
    ("that", _Scan._open_anaphor),
    ("rel", _Scan._open_relative),
)


def find_citations(text: str, doc: Document | None = None, source_ref: str | None = None,
                   resolver: Resolver | None = None) -> list[Citation]:
    """Every citation in ``text`` (one clause, or any loose text), in order of appearance.

    With ``doc`` (the document the text belongs to) and ``source_ref`` (the citing clause),
    internal and relative references resolve to refs of ``doc``; without them they stay
    unresolved (``target_ref`` ``None``, the spelled ref in ``pin``). ``resolver`` finds the
    documents cited titles name (default: the shipped corpus and registered collections; see
    :class:`~regtext.extract.resolve.Resolver`).

    Example:
        >>> import regtext
        >>> csl = regtext.load("csl")
        >>> cites = find_citations(csl.get("60.1").lead, csl, "60.1")
        >>> [c.target_ref for c in cites], cites[0].text
        (['22.1', '22.2', '48.1'], '本法第二十二条第一款、第二款和第四十八条第一款')
        >>> [c.pin for c in find_citations("有前款第二项至第四项规定情形的")]
        [None, None, None]
        >>> [(c.kind, c.text) for c in find_citations("依照有关法律、行政法规和国家有关规定")]
        [('generic', '有关法律、行政法规和国家有关规定')]
    """
    if not text or not isinstance(text, str):
        return []
    return _Scan(text, doc, source_ref, resolver=resolver).run()


def _source_nodes(doc: Document) -> list[Node]:
    """Nodes whose own words may cite: clauses (their lead when they have children) and
    preambles/appendices without clauses."""
    out = []
    for node in doc:
        if node.kind in ("paragraph", "item", "subitem"):
            out.append(node)
        elif node.kind in ("preamble", "appendix") and not node.children:
            out.append(node)
    return out


def find_all(doc: Document, resolver: Resolver | None = None) -> list[Citation]:
    """:func:`find_citations` over every clause of ``doc``, with ``source_ref`` set.

    The source of a citation is the finest clause whose own words contain it (a 款's chapeau
    belongs to the 款; its items are children); offsets point into that node's ``text``.

    Example:
        >>> import regtext
        >>> [c.target_ref for c in find_all(regtext.load("csl")) if c.source_ref == "48.2"]
        ['48.1']
    """
    out: list[Citation] = []
    ctx = _context(doc)
    chapeau: dict[str, str] = {}  # paragraph ref → the other article its chapeau cites
    for node in _source_nodes(doc):
        own = node.own_text
        if not own:
            continue
        parent = node.ref.rsplit(".", 1)[0] if node.kind == "item" else None
        found = _Scan(own, doc, node.ref, chapeau.get(parent or ""), ctx, resolver).run()
        if node.kind == "paragraph" and node.children:
            arts = [c.target_ref.split(".")[0] for c in found
                    if c.kind == "internal" and c.target_ref and c.target_ref[0].isdigit()]
            if arts and arts[-1] != node.article:
                chapeau[node.ref] = arts[-1]
        out.extend(found)
    return out


def citations(doc: Document, resolver: Resolver | None = None) -> pd.DataFrame:
    """What each clause of ``doc`` cites, one row per cited target (contract: docs/data-model.md).

    Columns: ``source_ref``, ``text``, ``kind``, ``target_doc``, ``target_title``,
    ``target_ref``, ``start``, ``end``, then ``form``, ``pin``, ``resolved`` and
    ``target_held``: ``False`` when ``target_doc`` is a repealed law known without its text
    (:func:`regtext.corpus.repealed`; its pin is kept, unchecked), ``True`` for a text at hand,
    ``None`` without a target.

    Example:
        >>> import regtext
        >>> df = citations(regtext.load("network-data"))
        >>> pinned = df.query("target_ref.notna() and kind == 'external'")
        >>> pinned[["source_ref", "target_ref"]].values.tolist()
        [['2.2', '3.2'], ['26.1', '53']]
    """
    from ..text.resolve import as_document  # a corpus id, alias or path works too

    doc = as_document(doc, allow_text=True)
    import pandas as pd

    if isinstance(doc, (str, bytes)):  # plain text: parse it rather than refuse it
        from ..text.parser import parse

        doc = parse(doc)
    try:
        rows = [tuple(getattr(c, col) for col in COLUMNS) for c in find_all(doc, resolver)]
    except Exception as exc:  # noqa: BLE001 - odd input gives a warning, not a crash
        import warnings

        warnings.warn(f"citations({getattr(doc, 'id', None)!r}) failed: {exc!r}",
                      RuntimeWarning, stacklevel=2)
        rows = []
    # object dtype keeps None as None (pandas' string dtype would turn it into NaN)
    df = pd.DataFrame(rows, columns=COLUMNS, dtype=object)
    # typed columns set from arrays: the same frame as .astype() in a third of the time
    # (this runs once per document of a corpus)
    import numpy as np

    for col, dtype in (("start", "int64"), ("end", "int64"), ("resolved", bool)):
        i = COLUMNS.index(col)
        df[col] = np.fromiter((r[i] for r in rows), dtype=dtype, count=len(rows))
    df["target_held"] = _held([r[3] for r in rows])
    return df


def _held(targets: list[str | None]) -> list[bool | None]:
    """Whether the text of each cited document is at hand: ``False`` for a repealed law known
    only from the clause that repealed it (:func:`regtext.corpus.repealed`), ``None`` for no
    target. The registry is asked once, and only when a target is a registered id."""
    from ..corpus import registry

    stubs = registry.stub_ids() if any(t and ":" in t for t in targets) else frozenset()
    return [None if t is None else t not in stubs for t in targets]
