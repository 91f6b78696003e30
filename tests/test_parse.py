"""The parser on real corpus texts and on the shapes users paste them in."""

from __future__ import annotations

import re
import warnings

import pytest

import regtext
from regtext.corpus import text as corpus_text

warnings.filterwarnings("ignore", category=regtext.CorpusWarning)


def _plain(raw: str) -> str:
    """A LawRefBook Markdown text as a web page copy: no '#', no comments."""
    raw = re.sub(r"<!--.*?-->", "", raw, flags=re.S)
    return re.sub(r"^#+\s*", "", raw, flags=re.M)


def _refs(doc: regtext.Document) -> list[str]:
    return [n.ref for n in doc]


# -- article counts: rows copied from ../shared/gold/structure.tsv --------------------------

GOLD_COUNTS = [
    ("genai-2023-final", 24, 5, 0), ("genai-2023-draft", 21, 0, 0), ("pipl", 74, 8, 3),
    ("csl", 79, 7, 2), ("dsl", 55, 7, 0), ("stpl", 117, 12, 0),
    ("algorithm-recommendation", 35, 6, 0), ("minors-protection", 132, 9, 0),
    ("copyright", 67, 5, 8), ("civil-code-personality", 51, 6, 0), ("anti-monopoly", 70, 8, 0),
    ("anti-unfair-competition", 33, 5, 0), ("public-security-penalties", 119, 6, 7),
    ("foreign-investment", 42, 6, 0), ("internet-info-services", 27, 0, 0),
    # minors-online: the source marks only 第一章; its six other chapter headings stand alone
    # between articles and are read as 第二章…第七章 (gold counts the one marked chapter)
    ("network-data", 64, 9, 0), ("minors-online", 60, 7, 0), ("national-security", 84, 7, 5),
    ("criminal-law", 505, 15, 37), ("deep-synthesis", 25, 5, 0), ("security-assessment", 17, 0, 0),
    ("content-ecosystem", 42, 8, 0),
]


@pytest.mark.parametrize(("doc_id", "articles", "chapters", "sections"), GOLD_COUNTS)
def test_corpus_structure_counts(doc_id, articles, chapters, sections):
    doc = regtext.load(doc_id)
    kinds = [n.kind for n in doc]
    assert len(doc.articles) == articles
    assert kinds.count("chapter") == chapters
    assert kinds.count("section") == sections
    gaps = [w for w in doc.warnings if w.kind in ("duplicate-number", "skipped-number")]
    assert not gaps


def test_genai_final_paragraphs_and_items():
    doc = regtext.load("genai-2023-final")
    kinds = [n.kind for n in doc]
    assert kinds.count("paragraph") == 35
    assert kinds.count("item") == 13
    assert doc.get("7.1.4").label == "第七条第（四）项"
    assert doc.get("ch2").heading == "技术发展与治理"


def test_civil_code_global_numbering():
    doc = regtext.load("civil-code-personality")
    art = doc.get("1034")
    assert art.label == "第一千零三十四条"
    assert [c.ref for c in art.children] == ["1034.1", "1034.2", "1034.3"]
    assert art.children[1].label == "第一千零三十四条第二款"
    assert art.children[1].text.startswith("个人信息是以电子或者其他方式记录的")
    assert doc.articles[0].ref == "989" and doc.articles[-1].ref == "1039"


def test_civil_code_excerpt_alone_keeps_its_number():
    raw = corpus_text("civil-code-personality")
    start = raw.index("第一千零三十四条")
    excerpt = raw[start:raw.index("第一千零三十五条")]
    doc = regtext.parse(excerpt)
    assert [a.ref for a in doc.articles] == ["1034"]
    assert len(doc.get("1034").children) == 3


def test_criminal_law_parts_and_inserted_articles():
    doc = regtext.load("criminal-law")
    parts = [n for n in doc if n.kind == "part"]
    assert [(p.ref, p.heading) for p in parts] == [("pt1", "总则"), ("pt2", "分则")]
    art = doc.get("120-1")
    assert art.label == "第一百二十条之一"
    assert art.text.startswith("资助恐怖活动组织")
    assert [n.kind for n in doc.ancestors("120-1")] == ["chapter", "part"]
    assert doc.ancestors("120-1")[-1].ref == "pt2"
    # gold: 53 inserted articles; each sits right after its base article
    inserted = [a for a in doc.articles if "-" in a.ref]
    assert len(inserted) == 53
    order = [a.ref for a in doc.articles]
    assert order[order.index("120-1") - 1] == "120"


def test_copyright_sections():
    doc = regtext.load("copyright")
    sections = [(n.ref, n.heading) for n in doc if n.kind == "section"]
    assert sections[:2] == [("ch2.sec1", "著作权人及其权利"), ("ch2.sec2", "著作权归属")]
    assert ("ch4.sec2", "表演") in sections
    assert doc.parent("ch2.sec1").ref == "ch2"


def test_minors_online_without_chapter_headings():
    # the source keeps only 第一章; all 60 articles must still parse, numbered 1..60
    doc = regtext.parse(corpus_text("minors-online"))
    assert [a.ref for a in doc.articles] == [str(i) for i in range(1, 61)]
    assert doc.title == "未成年人网络保护条例"


def test_halfwidth_brackets_and_ideographic_spaces():
    raw = corpus_text("genai-2023-final")
    variant = _plain(raw).replace("（", "(").replace("）", ")").replace(" ", "\u3000")
    assert "(四)" in variant and "第七条\u3000" in variant
    doc, orig = regtext.parse(variant), regtext.load("genai-2023-final")
    assert _refs(doc) == _refs(orig)
    assert doc.get("7.1.4").text.startswith("(四)")


def test_hard_wrapped_pdf_copy():
    raw = _plain(corpus_text("pipl"))
    wrapped = "\n".join(line[i:i + 28] for line in raw.splitlines()
                        for i in range(0, max(len(line), 1), 28))
    doc, orig = regtext.parse(wrapped), regtext.load("pipl")
    assert len(doc.articles) == 74
    assert doc.get("13").text == orig.get("13").text
    assert _refs(doc) == _refs(orig)


def test_html_page():
    raw = corpus_text("genai-2023-final")
    body = "".join(f"<p>{line}</p>\n" for line in _plain(raw).splitlines() if line.strip())
    page = ("<!DOCTYPE html><html><head><title>生成式人工智能服务管理暂行办法</title>"
            "<style>p { color: red }</style></head><body>"
            "<script>var s = '第九十九条 脚本';</script>" + body + "</body></html>")
    doc = regtext.parse(page)
    assert len(doc.articles) == 24
    assert "99" not in doc and "脚本" not in doc.text
    assert doc.title == "生成式人工智能服务管理暂行办法"
    assert any(w.kind == "html" for w in doc.warnings)


def test_traditional_characters():
    opencc = pytest.importorskip("opencc")
    trad = opencc.OpenCC("s2t").convert(corpus_text("genai-2023-final"))
    assert "條" in trad
    doc = regtext.parse(trad)
    kinds = [n.kind for n in doc]
    assert len(doc.articles) == 24 and kinds.count("item") == 13
    node = doc.get("4.1")
    assert "應當" in node.text  # the original characters are kept for display
    assert any(w.kind == "traditional" for w in doc.warnings)


def test_cross_reference_line_is_not_an_article():
    arts = regtext.load("pipl").articles
    text = (f"第一条 {arts[0].text}\n第二条 {arts[1].text}\n"
            "第二十条规定的情形，依照其规定。\n"
            f"第三条 {arts[2].text}")
    doc = regtext.parse(text)
    assert [a.ref for a in doc.articles] == ["1", "2", "3"]
    assert doc.get("2.2").text == "第二十条规定的情形，依照其规定。"
    xref = [w for w in doc.warnings if w.kind == "cross-reference-line"]
    assert [w.line for w in xref] == [3]


def test_numbering_warnings_name_lines():
    arts = regtext.load("dsl").articles
    text = "\n".join(f"第{n}条 {arts[i].children[0].text}" for i, n in
                     enumerate(["一", "二", "四", "四", "五"]))
    doc = regtext.parse(text)
    got = {(w.kind, w.line) for w in doc.warnings}
    assert ("skipped-number", 3) in got
    assert ("duplicate-number", 4) in got
    assert "第四条" in next(w.message for w in doc.warnings if w.kind == "duplicate-number")
    assert [a.ref for a in doc.articles] == ["1", "2", "4", "4#2", "5"]


def test_table_of_contents_dropped():
    raw = _plain(corpus_text("csl"))
    heads = [ln.strip() for ln in raw.splitlines() if re.match(r"^第\S+章(\s|$)", ln.strip())]
    assert len(heads) == 7
    first = heads[0]
    with_toc = raw.replace(first, "目　录\n" + "\n".join(heads) + "\n" + first, 1)
    without_header = raw.replace(first, "\n".join(heads) + "\n" + first, 1)
    orig = regtext.parse(raw)
    for text in (with_toc, without_header):
        doc = regtext.parse(text)
        assert _refs(doc) == _refs(orig)
        assert not [w for w in doc.warnings if w.kind == "empty-heading"]
        assert doc.text == orig.text


def test_amendment_quotes_articles():
    # shaped like 宪法修正案 第五十二条: it announces new articles, then quotes them
    arts = regtext.load("pipl").articles
    text = ("第五十一条 将宪法第三条第三款修改为：“……”\n"
            "第五十二条 宪法第三章中增加一节，作为第七节；增加两条，分别作为第一百二十三条、"
            "第一百二十四条。内容如下：\n"
            "第七节 监察委员会\n"
            f"第一百二十三条 {arts[0].text}\n"
            f"第一百二十四条 {arts[1].text}\n"
            "第五十三条 本修正案自公布之日起施行。")
    doc = regtext.parse(text)
    assert [a.ref for a in doc.articles] == ["51", "52", "53"]
    assert "第一百二十三条" in doc.get("52").text
    assert [w.line for w in doc.warnings if w.kind == "quoted-article"] == [3, 4, 5]


def test_typo_di_as_zi():
    arts = regtext.load("dsl").articles
    text = f"第一条 {arts[0].text}\n笫二条 {arts[1].text}\n第三条 {arts[2].text}"
    assert [a.ref for a in regtext.parse(text).articles] == ["1", "2", "3"]


def test_title_and_notes():
    doc = regtext.parse(corpus_text("pipl"))
    assert doc.title == "中华人民共和国个人信息保护法"
    assert any("通过" in note for note in doc.notes)
    assert not any("通过" in n.text for n in doc.articles[:1])


@pytest.mark.parametrize(("line", "is_article"), [
    ("第二十条 本办法自公布之日起施行。", True),
    ("第二十条规定的情形除外。", False),
    ("第二十条、第二十一条的规定适用于…", False),
    ("第二十条至第二十五条另有规定的除外。", False),
    ("第十九条之一 新增的条文。", True),
])
def test_article_line_or_cross_reference(line, is_article):
    arts = regtext.load("csl").articles
    text = "\n".join(f"第{n}条 {arts[i].text}" for i, n in enumerate(
        ["十七", "十八", "十九"])) + "\n" + line
    doc = regtext.parse(text)
    assert (len(doc.articles) == 4) is is_article


def test_document_text_is_the_canonical_body():
    doc = regtext.load("genai-2023-final")
    lines = doc.text.split("\n")
    assert lines[0] == "第一章 总则"
    assert lines[1].startswith("第一条 为了促进生成式人工智能健康发展")
    assert "INFO END" not in doc.text and "审议通过" not in doc.text


def test_read_file_and_missing_file(tmp_path):
    path = tmp_path / "dsl.md"
    path.write_text(corpus_text("dsl"), encoding="utf-8")
    assert len(regtext.read(path).articles) == 55
    assert regtext.read(path).id == "dsl"
    with pytest.raises(FileNotFoundError, match="nope.md"):
        regtext.read(tmp_path / "nope.md")


@pytest.mark.parametrize("marker", ["{n}．", "{n}.", "（{n}）", "({n})"])
def test_subitems(marker):
    art = regtext.load("pipl").get("13")
    chapeau, first_item = art.children[0].lead, art.children[0].children[0].text
    subs = [p.text for p in regtext.load("pipl").get("28").children[:2]]
    text = (f"第十三条 {chapeau}\n{first_item}\n"
            + "\n".join(marker.format(n=i + 1) + s for i, s in enumerate(subs)))
    doc = regtext.parse(text)
    item = doc.get("13.1.1")
    assert [c.ref for c in item.children] == ["13.1.1.1", "13.1.1.2"]
    assert item.children[1].kind == "subitem"
    assert item.children[1].label == "第十三条第（一）项第2目"
    assert item.children[1].text.endswith(subs[1])


@pytest.mark.parametrize(("marker", "ref"), [
    ("第 十 二 条", "12"), ("第 1 2 条", "12"), ("第１２条", "12"), ("第十二条之 一", "12-1"),
])
def test_spaced_and_wide_article_numbers(marker, ref):
    text = regtext.load("csl").get("12").text
    doc = regtext.parse(f"{marker} {text}")
    assert [a.ref for a in doc.articles] == [ref]
    assert doc.articles[0].text == text


# -- an item that announces a list ----------------------------------------------------------
# The unnumbered entries after an item ending in ：are that item's words (its list), not new 款;
# an entry ending in 。 closes the list, and an unnumbered line after it is a new 款 again.

_ANNOUNCED = [
    # (file, article, item ref, words in the item, refs that must not exist)
    ("行政法规/森林和野生动物类型自然保护区管理办法(1958-07-06).md", "5", "5.1.2",
     ["候鸟的主要繁殖地、越冬地和停歇地；", "野生生物模式标本的集中产地。"], ["5.2", "5.3"]),
    ("行政法规/诉讼费用交纳办法(2006-12-19).md", "14", "14.1.2",
     ["财产数额不超过1000元或者不涉及财产数额的，每件交纳30元"], ["14.2"]),
]


@pytest.mark.parametrize(("rel", "art", "item", "words", "absent"), _ANNOUNCED)
def test_an_items_announced_list_stays_in_the_item(rel, art, item, words, absent):
    from conftest import LAWREFBOOK

    path = next(LAWREFBOOK.rglob(rel.split("/")[-1]), None)
    if path is None:
        pytest.skip(f"LawRefBook file {rel} not here")
    doc = regtext.parse(path.read_text(encoding="utf-8"))
    node = doc.get(item)
    assert node.kind == "item"
    for w in words:
        assert w in node.text
    refs = {n.ref for n in doc.get(art).walk()}
    assert not refs & set(absent)


def test_a_list_closed_by_a_full_stop_is_followed_by_a_new_paragraph():
    # 刑事诉讼法解释 (2021) 第一条: the entries of （二） end with 。;
    # 本项规定的案件… is a 款 of its own
    from conftest import LAWREFBOOK

    path = next(LAWREFBOOK.rglob("最高人民法院关于适用《刑事诉讼法》的解释(2021-01-26).md"), None)
    if path is None:
        pytest.skip("LawRefBook file not here")
    doc = regtext.parse(path.read_text(encoding="utf-8"))
    assert "⒉暴力干涉婚姻自由案" in doc.get("1.1.1").text
    second = doc.get("1.2")
    assert second.kind == "paragraph" and second.own_text.startswith("本项规定的案件")
    # and an item without ：takes no unnumbered line after it (国旗法's 附 lines stay 款)
    assert "本项规定的案件" not in doc.get("1.1.2").text


def test_an_item_without_a_colon_takes_no_following_line():
    doc = regtext.parse("第一条 有下列情形之一的，由主管部门责令改正：\n（一）未经许可经营的；\n"
                        "（二）超出范围经营的。\n有前款第一项情形的，处一万元罚款。")
    assert [n.ref for n in doc.get("1").walk()] == ["1", "1.1", "1.1.1", "1.1.2", "1.2"]
