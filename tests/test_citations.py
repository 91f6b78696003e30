"""Citations: every form on real corpus clauses, resolution rules, offsets, robustness."""

from __future__ import annotations

import random
import warnings

import pytest
from conftest import LAWREFBOOK  # noqa: E402
from hypothesis import given, settings
from hypothesis import strategies as st

import regtext
from regtext.extract.citing import COLUMNS, find_all, find_citations


def targets(doc_id: str, ref: str) -> set[tuple[str, str | None, str | None]]:
    df = regtext.citations(regtext.load(doc_id))
    rows = df[(df.source_ref == ref) & (df.kind != "generic")]  # generic rows: own tests
    return {(r.kind, r.target_doc if isinstance(r.target_doc, str) else None,
             r.target_ref if isinstance(r.target_ref, str) else None)
            for r in rows.itertuples()}


# (doc, citing clause, what it must cite): cases read off the corpus texts; the CSL rows are
# copied from the gold file, the others checked by hand against the article text.
CASES = [
    # internal pins after 本法 / 本条例 / 本规定
    ("csl", "34.1", {("internal", "csl", "21")}),
    ("csl", "59.1", {("internal", "csl", "21"), ("internal", "csl", "25")}),
    ("csl", "59.2", {("internal", "csl", r) for r in ("33", "34", "36", "38")}),
    ("csl", "61.1", {("internal", "csl", "24.1")}),
    ("csl", "70.1", {("internal", "csl", "12.2")}),
    ("network-data", "56.1", {("internal", "network-data", "13")}),
    ("algorithm-recommendation", "33.2", {("internal", "algorithm-recommendation", "24.3")}),
    # lists that inherit their article: 第二十二条第一款、第二款和第四十八条第一款
    ("csl", "60.1", {("internal", "csl", "22.1"), ("internal", "csl", "22.2"),
                     ("internal", "csl", "48.1")}),
    ("network-data", "57.1", {("internal", "network-data", r)
                              for r in ("29.2", "30.2", "30.3", "31", "32")}),
    # ranges: 第四十一条至第四十三条 is three rows
    ("csl", "64.1", {("internal", "csl", r) for r in ("22.3", "41", "42", "43")}),
    ("network-data", "55.1", {("internal", "network-data", r) for r in (
        "12", "16", "17", "18", "19", "20", "22", "40.1", "40.2", "41", "42")}),
    # relative references
    ("csl", "48.2", {("internal", "csl", "48.1")}),                      # 前款
    ("csl", "68.2", {("internal", "csl", "48.2"), ("internal", "csl", "68.1")}),
    # 前款第二项至第七项
    ("pipl", "13.2", {("internal", "pipl", f"13.1.{i}") for i in range(2, 8)}),
    ("pipl", "18.1", {("internal", "pipl", "17.1")}),                    # 前条第一款
    ("pipl", "60.3", {("internal", "pipl", "60.1"), ("internal", "pipl", "60.2")}),  # 前两款
    ("pipl", "49.1", {("internal", "pipl", "ch4")}),                     # 本章
    ("pipl", "33.1", {("internal", "pipl", "ch2.sec3")}),                # 本节
    ("pipl", "17.3", {("internal", "pipl", "17.1")}),                    # bare 第一款
    # external titles, whole documents and pins
    ("genai-2023-final", "1.1", {("external", d, None) for d in ("csl", "dsl", "pipl", "stpl")}),
    ("genai-2023-final", "12.1", {("external", "deep-synthesis", None)}),
    ("algorithm-recommendation", "1.1", {("external", d, None) for d in (
        "csl", "dsl", "pipl", "internet-info-services")}),
    ("network-data", "2.2", {("external", "pipl", "3.2")}),
    ("network-data", "26.1", {("external", "pipl", "53")}),
    # a title that is not shipped: target_doc None, recorded as a coverage fact
    ("network-data", "59.1", {("external", None, None)}),
]


@pytest.mark.parametrize(("doc_id", "ref", "expected"), CASES,
                         ids=[f"{d}:{r}" for d, r, _ in CASES])
def test_clause_cites_exactly(doc_id, ref, expected):
    assert targets(doc_id, ref) == expected


def test_unknown_title_keeps_its_title():
    df = regtext.citations(regtext.load("network-data"))
    row = df[df.source_ref == "59.1"].iloc[0]
    assert row.target_title == "中华人民共和国行政处罚法"
    assert not row.resolved


LOOSE = [
    # (text, [(kind, target_doc, target_ref or pin)])
    ("《个人信息保护法》第十三条", [("external", "pipl", "13")]),
    ("《中华人民共和国个人信息保护法》第十三条第一款第（二）项", [("external", "pipl", "13.1.2")]),
    ("依照《个人信息保护法》第十三条第二项", [("external", "pipl", "13.1.2")]),  # one 款: 13.1.2
    ("违反网络安全法第二十一条", [("external", "csl", "21")]),                 # unbracketed alias
    ("依照刑法第二百八十七条之一的规定", [("external", "criminal-law", "287-1")]),  # short alias
    ("根据《中华人民共和国著作权法》（以下称著作权法）第四十四条",
     [("external", "copyright", "44")]),
    ("依照《中华人民共和国数据安全法》处理；该法第二十一条另有规定",
     [("external", "dsl", None), ("external", "dsl", "21")]),
    ("依照民事诉讼法第六十四条", [("external", None, "64")]),  # unshipped: the pin is kept
    ("由公安机关依照治安管理处罚法的规定处罚", [("external", "public-security-penalties", None)]),
    ("《网络安全法》第二十一条、第二十五条",
     [("external", "csl", "21"), ("external", "csl", "25")]),
]


@pytest.mark.parametrize(("text", "expected"), LOOSE, ids=[t for t, _ in LOOSE])
def test_loose_text(text, expected):
    got = [(c.kind, c.target_doc, c.target_ref) for c in find_citations(text)]
    assert got == expected


@pytest.mark.parametrize("text", [
    "制定本办法。适用本法。",          # bare self references are not citations
    "应当出示《营业执照》和《登记表》",  # titles that are not normative documents
    "合同的基本条款和成本核算",          # 本条 / 本 inside other words
    "目前款项尚未到账",
    "在同等条件下优先",
    "本项目由本条例调整",
    "维护国家安全法治建设",            # a catalog name inside running text
    "健全网络安全法律法规",
])
def test_not_citations(text):
    assert find_citations(text) == []


# Generic references: listed as kind="generic" rows without a target (DESIGN §3); the phrase
# right after 的 belongs to the named rule before it.
GENERIC = [
    ("依照有关法律、行政法规的规定处罚", ["有关法律、行政法规的规定"]),
    ("按照国家有关规定开展安全评估", ["国家有关规定"]),
    ("法律、行政法规另有规定的，依照其规定", ["法律、行政法规另有规定"]),
    ("法律另有规定的除外", ["法律另有规定"]),
    ("违反国家规定，侵入计算机信息系统的", ["国家规定"]),
    ("依照《中华人民共和国广告法》的有关规定作出行政处理决定", []),
    ("承担法律责任", []),
    ("在规定期限内改正", []),
    ("依照本规定处理", []),
    ("国家标准化管理委员会", []),
]


@pytest.mark.parametrize(("text", "phrases"), GENERIC, ids=[t for t, _ in GENERIC])
def test_generic_references(text, phrases):
    cites = find_citations(text)
    generic = [c for c in cites if c.kind == "generic"]
    assert [c.text for c in generic] == phrases
    assert all(c.target_doc is None and c.target_title is None and c.target_ref is None
               and c.form == "generic" and not c.resolved for c in generic)
    assert all(text[c.start: c.end] == c.text for c in generic)


@pytest.mark.parametrize(("text", "pins"), [
    ("第十三条第（一）、（二）、（三）项", ["13.1.1", "13.1.2", "13.1.3"]),
    ("第一百零九条第(十)、第(十一)项", ["109.1.10", "109.1.11"]),
    ("第四十八条第二款第（一）至第（三）项", ["48.2.1", "48.2.2", "48.2.3"]),
    ("第二十二条第一、二款", ["22.1", "22.2"]),
    ("第十七条第一款（一）项", ["17.1.1"]),
    # bracketed items back to back, with no 、 between them, share one 第…项
    ("第十条第（一）（二）项", ["10.1.1", "10.1.2"]),
    ("第十条第（一）至（三）（五）项", ["10.1.1", "10.1.2", "10.1.3", "10.1.5"]),
    ("第十二条（一）、（二）、（三）项", ["12.1.1", "12.1.2", "12.1.3"]),
    # near misses: with no 项 after them the brackets are no items; a single item stays single
    ("第十条（一）（二）（三）的规定", ["10"]),
    ("第十条第（一）项（二）", ["10.1.1"]),
])
def test_shared_unit_lists(text, pins):
    assert [c.pin for c in find_citations(text)] == pins


def test_pins_without_document_stay_unresolved():
    cites = find_citations("违反本法第四十一条至第四十三条规定的")
    assert [c.pin for c in cites] == ["41", "42", "43"]
    assert all(c.target_ref is None and not c.resolved for c in cites)


def test_same_article():
    pipl = regtext.load("pipl")
    cites = find_citations("依照本法第十三条第一款和同条第二款", pipl, "20.1")
    assert [c.target_ref for c in cites] == ["13.1", "13.2"]


def test_relative_refs_follow_the_source():
    csl = regtext.load("csl")
    assert [c.target_ref for c in find_citations("前款", csl, "63.2")] == ["63.1"]
    assert [c.target_ref for c in find_citations("前条", csl, "63.2")] == ["62"]
    assert [c.target_ref for c in find_citations("本条", csl, "63.2")] == ["63"]
    # 前款 in a first paragraph points nowhere: reported, never resolved
    first = find_citations("前款", csl, "63.1")
    assert len(first) == 1 and first[0].target_ref is None


def test_never_points_at_a_missing_ref():
    pipl = regtext.load("pipl")
    (c,) = find_citations("依照本法第九百条", pipl, "1.1")
    assert (c.pin, c.target_ref, c.resolved) == ("900", None, False)
    # the security-assessment provisions have 17 articles: there is no 第二十条
    cites = find_citations(
        "依照《具有舆论属性或社会动员能力的互联网信息服务安全评估规定》第二十条和第三条")
    assert [(c.target_doc, c.target_ref) for c in cites] == [
        ("security-assessment", None), ("security-assessment", "3")]


def test_abbreviation_defined_by_the_text():
    doc = regtext.parse(
        "第一条 根据《中华人民共和国个人信息保护法》（以下简称《保护法》），制定本办法。\n"
        "第二条 违反《保护法》第十三条、本办法第一条的，依照保护法第六十六条处罚。")
    df = regtext.citations(doc)
    rows = df[df.source_ref == "2.1"]  # the parsed text has no id: target_doc is None
    assert rows[["target_doc", "target_ref", "form"]].values.tolist() == [
        ["pipl", "13", "abbreviation"], [None, "1", "self"], ["pipl", "66", "abbreviation"]]
    # the definition itself is not part of the whole-document citation
    assert df.iloc[0].text == "《中华人民共和国个人信息保护法》"


def test_offsets_point_into_the_original_text():
    text = "依照《中華人民共和國個人信息保護法》第十三條(二)項，及前款规定"
    cites = find_citations(text)
    assert cites[0].target_doc == "pipl"
    for c in cites:
        assert text[c.start:c.end] == c.text
    assert cites[0].text == "《中華人民共和國個人信息保護法》第十三條(二)項"


def test_frame_columns():
    df = regtext.citations(regtext.load("csl"))
    # target_held (is the cited text at hand, or only known as repealed?) follows the contract
    assert list(df.columns) == COLUMNS + ["target_held"]
    assert set(df.target_held.dropna()) == {True}  # csl cites only texts the corpus holds
    assert set(df.kind) == {"external", "internal", "generic"}


@pytest.mark.parametrize("doc_id", [r for r in regtext.corpus().id])
def test_invariants_on_the_shipped_corpus(doc_id):
    """Text is verbatim at its offsets; a resolved ref exists in its target document."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = regtext.load(doc_id)
    for c in find_all(doc):
        assert doc.get(c.source_ref).text[c.start:c.end] == c.text
        if c.target_ref is not None:
            target = doc if c.kind == "internal" else regtext.load(c.target_doc, warn=False)
            assert c.target_ref in target
        if c.kind == "internal":
            assert c.target_doc == doc.id


_ALPHABET = ("第一二三四十百条款项目章节之至、和及前本同该法《》（）()"
             "规定依照中华人民共和国网络安全 ，。0123")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_any_text_gives_sane_citations(text):
    csl = regtext.load("csl")
    for c in find_citations(text, csl, "64.1"):
        assert 0 <= c.start < c.end <= len(text)
        assert text[c.start:c.end] == c.text
        assert c.target_ref is None or c.target_ref in (
            csl if c.kind == "internal" else regtext.load(c.target_doc, warn=False))


@pytest.mark.parametrize("odd", ["", "   ", "\x00\x01", "《", "》第", "第条", "前", "第一百万亿条"])
def test_odd_input(odd):
    assert isinstance(find_citations(odd), list)
    assert regtext.citations(regtext.parse(odd)).empty


@pytest.mark.skipif(not LAWREFBOOK.exists(), reason="lawrefbook corpus not available")
def test_lawrefbook_sample_runs():
    files = sorted(LAWREFBOOK.rglob("*.md"))
    random.Random(4).shuffle(files)
    found = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path in files[:40]:
            doc = regtext.read(path)
            df = regtext.citations(doc)
            found += len(df)
            for c in find_all(doc):
                assert doc.get(c.source_ref).text[c.start:c.end] == c.text
    assert found > 0


@pytest.mark.parametrize(("text", "source", "expected"), [
    ("适用本法第四章的规定", "1.1", ["ch4"]),
    ("依照第二章第三节", "1.1", ["ch2.sec3"]),
    ("依照本章的规定", "49.1", ["ch4"]),
])
def test_chapters_and_sections(text, source, expected):
    pipl = regtext.load("pipl")
    assert [c.target_ref for c in find_citations(text, pipl, source)] == expected


def test_chapters_of_a_part():
    criminal = regtext.load("criminal-law")
    (c,) = find_citations("依照本章第二节的规定", criminal, "200.1")
    assert c.target_ref == "pt2.ch3.sec2"


def test_that_article_keeps_the_external_document():
    cites = find_citations("适用民法典第一千零三十四条的规定。该条第二款所称个人信息")
    assert [(c.target_doc, c.target_ref) for c in cites] == [
        ("civil-code-personality", "1034"), ("civil-code-personality", "1034.2")]


# 民法典 beside its shipped Book IV (arts. 989-1039): the article a pin names exists in the
# whole code, so the ref is kept even where the excerpt lacks it (unresolved); a ref the excerpt
# should hold but does not (第九百九十条 has two 款) is still dropped.
_FACE = ("符合民法典第一千一百六十八条、第一千一百六十九条第一款、第一千一百七十条、"
         "第一千一百七十一条等规定的相应情形")  # 人脸识别 provisions (2021) art. 7


@pytest.mark.parametrize("text, expected", [
    (_FACE, [("1168", False), ("1169.1", False), ("1170", False), ("1171", False)]),
    ("应当适用民法典第九百九十八条的规定", [("998", True)]),
    ("民法典第一千二百一十八条至第一千二百二十条",
     [("1218", False), ("1219", False), ("1220", False)]),
    ("依照民法典第九百九十条第三款", [(None, False)]),
])
def test_pins_beyond_an_excerpt_keep_their_ref(text, expected):
    cites = find_citations(text)
    assert {c.target_doc for c in cites} == {"civil-code-personality"}
    assert [(c.target_ref, c.resolved) for c in cites] == expected


def test_pins_beyond_a_complete_text_are_still_dropped():
    # the criminal law is complete: a 第五百条 it lacks is a wrong pin, not a missing part
    (c,) = find_citations("依照刑法第五百条")
    assert (c.target_doc, c.target_ref, c.pin) == ("criminal-law", None, "500")


def test_plain_text_is_parsed_not_refused():
    df = regtext.citations("第一条 为了规范管理。\n第二条 违反本法第一条的，依照前款规定处理。")
    assert df.target_ref.tolist() == ["1", None]


@pytest.mark.parametrize(("doc_id", "source", "text", "expected", "words"), [
    # 以前款…: 以 is a preposition here, not part of 以前 (before)
    ("copyright", "39.2", "被许可人以前款第三项至第六项规定的方式使用",
     ["39.1.3", "39.1.4", "39.1.5", "39.1.6"], "前款第三项至第六项"),
    # 构成本法…: 成本 (cost) must not hide 本法
    ("criminal-law", "142-1.2", "同时又构成本法第一百四十一条、第一百四十二条规定之罪",
     ["141", "142"], "本法第一百四十一条、第一百四十二条"),
    # 本法总则第四章第八节: the text's own chapter, in the source's part
    ("criminal-law", "12.1", "依照本法总则第四章第八节的规定", ["pt1.ch4.sec8"], "第四章第八节"),
])
def test_word_boundaries(doc_id, source, text, expected, words):
    doc = regtext.load(doc_id, warn=False)
    cites = find_citations(text, doc, source)
    assert [c.target_ref for c in cites] == expected
    assert {c.text for c in cites} == {words}


# -- annotate(): citations (and norms) highlighted in HTML ----------------------------------


def _balanced(html: str) -> bool:
    from html.parser import HTMLParser

    stack: list[str] = []
    void = {"br", "meta", "link", "img", "hr", "input"}

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag not in void:
                stack.append(tag)

        def handle_endtag(self, tag):
            assert stack and stack[-1] == tag, f"</{tag}> closes {stack[-1:]}"
            stack.pop()

    P().feed(html)
    return not stack


def test_annotate_links_internal_citations():
    html = regtext.annotate(regtext.load("csl"), refs=["59", "21", "25"])
    assert 'href="#art_21"' in html and 'data-target-ref="21 25"' in html  # one link, two refs
    assert 'id="art_21"' in html  # the anchor the link jumps to is on the page
    assert ">本法第二十一条、第二十五条</a>" in html
    assert _balanced(html)


def test_annotate_marks_norms_and_external_targets():
    html = regtext.annotate(regtext.load("genai-2023-final"), refs=["12"])
    assert 'data-target-doc="deep-synthesis"' in html
    assert 'class="rt-norm rt-obligation"' in html
    assert html._repr_html_() == str(html)
    assert _balanced(html)


def test_annotate_escapes_text():
    html = regtext.annotate("依照前款<script>alert(1)</script>规定", norms=False)
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("doc_id", ["pipl", "csl", "network-data", "minors-online"])
def test_annotate_whole_documents_are_well_formed(doc_id):
    doc = regtext.load(doc_id, warn=False)
    html = regtext.annotate(doc)
    assert _balanced(html)
    assert html.count('class="rt-article"') == len(doc.articles)
    # every named citation of the document shows up as one link (a generic phrase may be
    # split where it crosses a norm's span)
    spans = {(c.source_ref, c.start, c.end) for c in find_all(doc) if c.kind != "generic"}
    assert html.count('class="rt-cite rt-internal') + html.count(
        'class="rt-cite rt-external') == len(spans)


# 本条前两款 is the first two 款 of this article only: the 本条 frames the 前… reference and is no
# citation of the whole article; 第五十三条和本条 still cites the article itself.
@pytest.mark.skipif(not LAWREFBOOK.exists(), reason="lawrefbook corpus not available")
@pytest.mark.parametrize(("path", "ref", "expected"), [
    ("经济法/畜牧法(2022-10-30).md", "32.3", {"32.1", "32.2", "16", "17", "22"}),
    ("行政法规/收费公路管理条例(2004-09-13).md", "37.3", {"37.1", "37.2"}),
    ("经济法/预算法(2018-12-29).md", "14.4", {"14.1", "14.2", "14.3"}),
    # counterexample: 本条 in a list, with no 前… after it, cites its own article
    ("DLC/河南地方法规/地方性法规/河南/河南省农村公路条例(2010-07-30).md", "54.3", {"53", "54"}),
])
def test_this_article_framing_a_preceding_paragraph(path, ref, expected):
    doc = regtext.read(LAWREFBOOK / path)
    df = regtext.citations(doc)
    assert set(df[(df.source_ref == ref) & (df.kind == "internal")].target_ref) == expected


def test_a_list_of_short_names_pairs_in_order_with_the_titles_before_it():
    """（以下分别简称为《决定》、《修正案》…）: each short name stands for the title in its
    place."""
    from regtext.extract.citing import _abbrev_list_pairs

    # the 2002 补充规定 on 罪名 (LawRefBook 司法解释), folded as the extractor reads it
    text = ("为正确理解、执行《中华人民共和国刑法》和全国人民代表大会常务委员会《关于惩治骗购外汇、"
            "逃汇和非法买卖外汇犯罪的决定》、《中华人民共和国刑法修正案》、《中华人民共和国刑法修正案"
            "（二）》、《中华人民共和国刑法修正案（三）》（以下分别简称为《决定》、《修正案》及"
            "《修正案（二）》、《修正案（三）》），统一认定罪名")
    assert _abbrev_list_pairs(text) == [
        ("决定", "关于惩治骗购外汇、逃汇和非法买卖外汇犯罪的决定"),
        ("修正案", "中华人民共和国刑法修正案"),
        ("修正案（二）", "中华人民共和国刑法修正案（二）"),
        ("修正案（三）", "中华人民共和国刑法修正案（三）")]
    # one short name is the ordinary definition, not a list; titles of an earlier sentence and
    # fewer titles than names pair with nothing
    assert _abbrev_list_pairs("根据《中华人民共和国网络安全法》（以下简称网络安全法），制定") == []
    assert _abbrev_list_pairs("依照《中华人民共和国海关法》。依照《中华人民共和国药品管理法》"
                              "（以下简称《药品管理法》、《海关法》）") == []


@pytest.mark.skipif(not LAWREFBOOK.exists(), reason="lawrefbook corpus not available")
def test_short_names_of_a_list_resolve_like_their_titles():
    path = (LAWREFBOOK / "司法解释"
            / "最高人民法院、最高人民检察院关于执行《刑法》确定罪名的补充规定(2002-03-15).md")
    df = regtext.citations(regtext.read(path))
    rows = df[df.text.str.startswith("《修正案（三）》")]
    assert len(rows) > 5 and set(rows.target_title) == {"中华人民共和国刑法修正案（三）"}


def test_a_verb_inside_a_known_title_does_not_cut_it():
    """海域使用管理法 holds the verb 使用; a name after a verb is cut there (未如实告知|海商法)
    unless the whole name is a title the resolver knows."""
    from regtext.extract.resolve import Resolver

    class Registered(Resolver):
        """Knows titles but offers no names to scan for, as a registered collection does."""

        def names(self) -> tuple[str, ...]:
            return ()

    law = regtext.parse("中华人民共和国海域使用管理法\n第一条 甲。", id="sea")
    maritime = regtext.parse("中华人民共和国海商法\n第一条 甲。", id="maritime")
    known = Registered([law, maritime], corpus=False)
    blind = Resolver(corpus=False)
    text = "编制海洋功能区划应当遵循海域使用管理法规定的原则"  # 海洋功能区划管理规定 第七条
    assert [(c.text, c.target_doc) for c in find_citations(text, resolver=known)] == [
        ("海域使用管理法", "sea")]
    assert [c.text for c in find_citations(text, resolver=blind)] == ["管理法"]
    # counterexample: the verb before a known title still ends the phrase
    assert [(c.text, c.target_doc) for c in find_citations(
        "托运人未如实告知海商法第六十八条规定的事项", resolver=known)] == [
        ("海商法第六十八条", "maritime")]


def test_china_or_state_before_a_known_title_is_not_part_of_it():
    """中国专利法 (司法解释 on 药品行政保护) names the 专利法; 国家赔偿法 is a title of its own."""
    from regtext.extract.resolve import Resolver

    class Registered(Resolver):
        def names(self) -> tuple[str, ...]:
            return ()

    patent = regtext.parse("中华人民共和国专利法\n第一条 甲。", id="patent")
    comp = regtext.parse("中华人民共和国国家赔偿法\n第一条 甲。", id="state-comp")
    r = Registered([patent, comp], corpus=False)
    assert [(c.text, c.target_doc) for c in find_citations(
        "1993年1月1日前依照中国专利法的规定其独占权不受保护的", resolver=r)] == [
        ("专利法", "patent")]
    assert [(c.text, c.target_doc) for c in find_citations(
        "依照国家赔偿法的规定给予赔偿", resolver=r)] == [("国家赔偿法", "state-comp")]
    # 浙江省鉴湖水域保护条例 第一条: 国家 between 根据 and the title keeps it a legal basis
    water = regtext.parse("中华人民共和国水污染防治法\n第一条 甲。", id="water")
    r = Registered([water], corpus=False)
    assert [(c.text, c.target_doc) for c in find_citations(
        "根据国家水污染防治法和其他环境保护法规的有关规定，制定本条例", resolver=r)] == [
        ("水污染防治法", "water")]


@pytest.mark.parametrize(("text", "title"), [
    # 食品生产经营监督检查管理办法 第五十一条: 实施 here belongs to the type word 实施条例
    ("发现食品生产经营者有食品安全法实施条例第六十七条第一款规定的情形", ["食品安全法实施条例"]),
    # 山东省实施《道路交通安全法》办法 第六十九条: 及其实施条例 is the law's own regulations
    ("公安机关交通管理部门除依照道路交通安全法及其实施条例的规定给予警告",
     ["道路交通安全法", "道路交通安全法实施条例"]),
    # counterexample: 实施 as a verb before a law still ends the phrase (为实施|网络安全法)
    ("为实施网络安全法第二十一条规定的等级保护制度", ["网络安全法"]),
])
def test_implementing_regulations_named_without_brackets(text, title):
    found = [c for c in find_citations(text) if c.kind == "external"]
    assert [forms_title(c) for c in found] == title


def forms_title(c) -> str:
    return (c.target_title or "").replace("中华人民共和国", "").strip("《》")


def test_a_context_word_glued_to_a_known_title_is_cut():
    """行政复议法 (2017) 第二十九条: 符合国家赔偿法 (jieba reads 符合国家) cites the 国家赔偿法;
    a title that opens with such a word (对外贸易法: 对 is a context word) stays whole."""
    from regtext.extract.resolve import Resolver

    class Registered(Resolver):
        def names(self) -> tuple[str, ...]:
            return ()

    comp = regtext.parse("中华人民共和国国家赔偿法\n第一条 甲。", id="state-comp")
    trade = regtext.parse("中华人民共和国对外贸易法\n第一条 甲。", id="trade")
    r = Registered([comp, trade], corpus=False)
    assert [(c.text, c.target_doc) for c in find_citations(
        "行政复议机关对符合国家赔偿法的有关规定应当给予赔偿的", resolver=r)] == [
        ("国家赔偿法", "state-comp")]
    assert [(c.text, c.target_doc) for c in find_citations(
        "依照对外贸易法的规定处理", resolver=r)] == [("对外贸易法", "trade")]



@pytest.mark.skipif(not LAWREFBOOK.exists(), reason="lawrefbook corpus not available")
@pytest.mark.parametrize("file,ref,targets", [
    # the 第 of the next article dropped in a list: 本条例第五十一条、五十二条
    ("DLC/浙江地方法规/地方性法规/浙江/杭州市安全生产监督管理条例(2010-10-11).md", "53.1",
     ["51", "52"]),
    # …and a 款 pin after the bare article: 第三十一条、三十二条第一款
    ("DLC/浙江地方法规/地方性法规/浙江/浙江省海塘建设管理条例(2015-12-04).md", "47.1",
     ["31", "32.1"]),
])
def test_an_article_listed_without_its_di_is_still_pinned(file, ref, targets):
    df = regtext.citations(regtext.parse((LAWREFBOOK / file).read_text(encoding="utf-8")))
    assert sorted(df[(df.source_ref == ref) & (df.kind == "internal")].target_ref) == targets


def test_a_bare_number_of_articles_is_no_pin():
    # negative: 二十条 with no list mark right after an article pin counts articles
    doc = regtext.parse("第一条 条文。\n第二条 条文。\n第三条 条文。\n"
                        "第四条 依照本法第三条规定的事项二十条以内。")
    assert list(regtext.citations(doc).target_ref) == ["3"]


@pytest.mark.skipif(not LAWREFBOOK.exists(), reason="lawrefbook corpus not available")
@pytest.mark.parametrize("file,ref,kind,targets", [
    # 第（一）（二）项 with no 、 between the items: one pin per item
    ("DLC/河南地方法规/地方性法规/河南/河南省消防条例(2014-04-15).md", "70.2", "internal",
     ["13.1.1", "13.1.3", "13.1.5", "13.1.6", "13.1.7", "14"]),
    ("司法解释/最高人民法院关于办理减刑、假释案件审查财产性判项执行问题的规定(2024-04-29).md",
     "13.3", "internal", ["6.1.1", "6.1.2", "6.1.3"]),
    # …after 前款, resolved against the paragraph before
    ("DLC/北京地方法规/地方性法规/北京/北京市种子条例(2022-01-10).md", "31.2", "internal",
     ["31.1.3", "31.1.4", "31.1.5"]),
    # items listed without their 第 after an article or paragraph: 第十五条（三）、（四）、（五）项
    ("行政法/民办教育促进法(2018-12-29).md", "16.1", "internal",
     ["13", "15.1.3", "15.1.4", "15.1.5"]),
])
def test_items_back_to_back_each_give_a_pin(file, ref, kind, targets):
    df = regtext.citations(regtext.parse((LAWREFBOOK / file).read_text(encoding="utf-8")))
    assert sorted(df[(df.source_ref == ref) & (df.kind == kind)].target_ref) == targets


@pytest.mark.skipif(not LAWREFBOOK.exists(), reason="lawrefbook corpus not available")
def test_items_with_no_article_or_di_before_them_are_no_citation():
    # 有（六）（七）项行为之一的: no 第 and no 条/款 before the items, so nothing to pin them to
    file = "DLC/山东地方法规/地方性法规/山东/德州市养老服务条例(2019-10-08).md"
    text = (LAWREFBOOK / file).read_text(encoding="utf-8")
    assert "有（六）（七）项行为之一的" in text
    df = regtext.citations(regtext.parse(text))
    assert not df.text.str.contains("（六）").any()


@pytest.mark.skipif(not LAWREFBOOK.exists(), reason="lawrefbook corpus not available")
def test_a_pin_after_a_comma_that_the_text_cannot_hold_stays_on_the_law_before():
    # 内幕交易解释 5.2 (nine articles): 证券法第六十七条…，第七十五条规定的… is the 证券法's
    file = ("司法解释/最高人民法院、最高人民检察院关于办理内幕交易、泄露内幕信息刑事案件"
            "具体应用法律若干问题的解释(2012-03-29).md")
    df = regtext.citations(regtext.parse((LAWREFBOOK / file).read_text(encoding="utf-8")))
    row = df[(df.source_ref == "5.2") & (df.text == "第七十五条")].iloc[0]
    assert (row.kind, row.target_ref) == ("external", "75")
    assert "证券法" in row.target_title


def test_a_pin_after_a_comma_that_the_text_holds_is_its_own():
    # negative: the citing text has a 第二条, so 第二条 after the comma is its own article
    doc = regtext.parse("第一条 依照刑法第六十一条处理，第二条规定的情形除外。\n第二条 条文。")
    rows = regtext.citations(doc)
    row = rows[rows.text == "第二条"].iloc[0]
    assert (row.kind, row.target_ref) == ("internal", "2")
    # …and a plain text, whose articles are unknown, keeps the old reading
    (_, second) = find_citations("依照刑法第六十一条处理，第二条规定的情形除外。")
    assert second.kind == "internal"


def test_external_items_back_to_back():
    pins = [c.pin for c in find_citations(
        "适用海事诉讼特别程序法第六条第二款（一）、（二）项的规定")]
    assert pins == ["6.2.1", "6.2.2"]
