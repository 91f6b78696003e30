"""Text as people paste it: any Unicode space or indentation, CRLF, no separator after 条, a
目录, chapter headings that lost their 第X章 marker or wrap over two lines. Each rule has
positive and negative examples on real law text; property tests (hypothesis, bounded)
check that re-indenting, re-spacing, CRLF or dropping the separator of corpus texts leaves
their tree unchanged."""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import regtext
from regtext.corpus import text as corpus_text
from regtext.text.normalize import fold

warnings.filterwarnings("ignore", category=regtext.CorpusWarning)

SPACES = ["\u2003", "\u2002", "\u2009", "\u00a0", "\u3000", "\t", "\u200b", "\u202f", " "]


def squash(text: str) -> str:
    return "".join(fold(text).split())


def tree(doc: regtext.Document) -> list[tuple[str, str, str, str]]:
    return [(n.kind, n.ref, squash(n.heading), squash(n.text)) for n in doc]


def pasted(doc_id: str, indent: str = "\u2003\u2003", toc: bool = False) -> str:
    """The corpus text as copied from a web page: title line, optional 目录, every line
    indented, no Markdown and no 题注."""
    raw = corpus_text(doc_id)
    title = raw.split("\n", 1)[0].lstrip("# ")
    body = [ln.lstrip("#").strip() for ln in raw.split("<!-- INFO END -->")[-1].split("\n")
            if ln.strip()]
    heads = [ln for ln in body if re.match(r"^第\S+[章节]", ln)]
    lines = [title] + ([f"{indent}目{indent}录"] + [indent + h for h in heads] if toc else [])
    return "\n".join(lines + [indent + ln for ln in body])


# -- spaces and line ends -------------------------------------------------------------------


@pytest.mark.parametrize("space", SPACES)
def test_any_unicode_indentation_parses_like_the_original(space):
    expected = regtext.load("pipl")
    doc = regtext.parse(pasted("pipl", indent=space * 2, toc=True))
    assert tree(doc) == tree(expected)
    assert doc.title == expected.title
    assert not doc.warnings


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028", "\u2029", "\x85"])
def test_any_line_break(newline):
    expected = regtext.load("genai-2023-final")
    assert tree(regtext.parse(corpus_text("genai-2023-final").replace("\n", newline))) == \
        tree(expected)


def test_spaces_inside_the_text_are_kept_for_display():
    doc = regtext.parse("第一条\u2003为了测试，\u00a0制定本办法。")
    assert doc.get("1").text == "为了测试，\u00a0制定本办法。"  # display keeps the source
    assert doc.get("1").label == "第一条"


def test_toc_with_leaders_and_page_numbers_is_dropped():
    expected = regtext.load("csl")
    text = pasted("csl", toc=True)
    lines = text.split("\n")
    # a 目录 copied from Word: "第一章 总则……………… 1"
    entries = 1 + len([n for n in expected if n.kind in ("chapter", "section")])
    lines = [ln + f"……………… {i}" if 1 < i <= entries else ln for i, ln in enumerate(lines)]
    assert lines[entries].endswith(f"……………… {entries}") and "……" not in lines[entries + 1]
    assert tree(regtext.parse("\n".join(lines))) == tree(expected)


# -- the separator after 条 -------------------------------------------------------------------


def no_separator(text: str) -> str:
    return re.sub(r"^(\s*第[一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?)[ \u3000]+",
                  r"\1", text, flags=re.M)


@pytest.mark.parametrize("doc_id", ["pipl", "csl", "criminal-law", "public-security-penalties"])
def test_no_separator_after_tiao_keeps_every_article(doc_id):
    expected = regtext.load(doc_id)
    doc = regtext.parse(no_separator(corpus_text(doc_id)))
    assert tree(doc) == tree(expected)


def test_continuity_outweighs_the_cross_reference_look():
    # 个人信息保护法 第六十九条 and 第七十条 pasted without separator: 第七十条以… is article 70
    pipl = regtext.load("pipl")
    text = (f"第六十八条{pipl.get('68').text}\n第六十九条{pipl.get('69').text}\n"
            f"第七十条{pipl.get('70').text}\n第七十一条{pipl.get('71').text}")
    assert pipl.get("70").text.startswith(("个人信息处理者", "违反"))  # the real text
    doc = regtext.parse(text.replace("第七十条个人", "第七十条以营利为目的，个人", 1))
    assert [a.ref for a in doc.articles] == ["68", "69", "70", "71"]
    assert doc.get("70").text.startswith("以营利为目的")


@pytest.mark.parametrize(("line", "is_article"), [
    ("第二十条以营利为目的，违反本法规定的，依法处罚。", True),    # the next number
    ("第二十条中华人民共和国境内的适用本法。", True),
    ("第二十条规定的情形除外。", False),                           # never the start of an article
    ("第二十条、第二十一条的规定适用于前款情形。", False),
    ("第二十条至第二十五条另有规定的除外。", False),
    ("第二十一条以营利为目的的，依法处罚。", False),              # breaks the sequence
])
def test_separatorless_line_after_article_nineteen(line, is_article):
    arts = regtext.load("csl").articles
    text = "\n".join(f"第{n}条 {arts[i].text}" for i, n in enumerate(
        ["十七", "十八", "十九"])) + "\n" + line
    doc = regtext.parse(text)
    assert (len(doc.articles) == 4) is is_article


def test_a_later_head_with_separator_wins_over_a_lookalike():
    # inside article 5, a wrapped line starts 第六条以…; the real 第六条 follows with a space
    csl = regtext.load("csl")
    text = (f"第四条 {csl.get('4').text}\n第五条 国家采取措施，依照\n第六条以外的规定处理。\n"
            f"第六条 {csl.get('6').text}")
    doc = regtext.parse(text)
    assert [a.ref for a in doc.articles] == ["4", "5", "6"]
    assert "第六条以外的规定处理。" in doc.get("5").text


# -- headings that lost their marker or wrap --------------------------------------------------


def test_minors_online_chapter_headings_without_markers_are_chapters():
    # 未成年人网络保护条例 as shipped: only 第一章 carries its marker
    doc = regtext.load("minors-online")
    chapters = [(n.ref, n.heading) for n in doc.children if n.kind == "chapter"]
    assert chapters == [("ch1", "总则"), ("ch2", "网络素养促进"), ("ch3", "网络信息内容规范"),
                        ("ch4", "个人信息网络保护"), ("ch5", "网络沉迷防治"), ("ch6", "法律责任"),
                        ("ch7", "附则")]
    assert not any("网络素养促进" in a.text for a in doc.articles)  # not glued to 第十二条
    assert doc.parent("13").ref == "ch2"
    assert sum(w.kind == "inferred-heading" for w in doc.warnings) == 6


def test_chapter_markers_removed_from_a_real_law_are_recovered():
    expected = regtext.load("dsl")
    text = re.sub(r"^## 第[二三四五六七]章\s*", "", corpus_text("dsl"), flags=re.M)
    doc = regtext.parse(text)
    assert [(n.kind, n.ref, n.heading) for n in doc.children] == [
        (n.kind, n.ref, n.heading) for n in expected.children]
    assert [a.text for a in doc.articles] == [a.text for a in expected.articles]


DSL_5_6 = ("第五条 中央国家安全领导机构负责国家数据安全工作的决策和议事协调。\n"
           "{line}\n"
           "第六条 各地区、各部门对本地区、本部门工作中收集和产生的数据及数据安全负责。")


@pytest.mark.parametrize(("before", "line", "heading"), [
    ("第一章 总则\n", "数据安全与发展", True),                 # lost 第二章 marker
    ("第一章 总则\n", "## 数据安全与发展", True),
    ("", "## 数据安全与发展", True),                           # Markdown marks it
    ("", "数据安全与发展", False),                             # no divisions, no mark-up: text
    ("第一章 总则\n", "（三）数据安全与发展", False),          # an item
    ("第一章 总则\n", "数据安全与发展，由国家统筹", False),    # a sentence
])
def test_stray_heading_between_articles(before, line, heading):
    doc = regtext.parse(before + DSL_5_6.format(line=line))
    art5 = doc.get("5")
    assert ("数据安全与发展" in art5.text) is not heading
    if heading:
        assert doc.parent("6").heading == "数据安全与发展"


def test_short_line_after_a_colon_or_before_a_gap_stays_text():
    colon = ("第一章 总则\n第五条 本办法所称重要数据包括：\n工业数据\n"
             "第六条 各地区负责本地区数据安全。")
    assert "工业数据" in regtext.parse(colon).get("5").text
    gap = ("第一章 总则\n第五条 中央国家安全领导机构负责决策。\n数据安全与发展\n"
           "第九条 各地区负责本地区数据安全。")  # 第九条 does not follow 第五条
    assert "数据安全与发展" in regtext.parse(gap).get("5").text
    later = ("第一章 总则\n第五条 甲负责决策。\n数据安全与发展\n第六条 乙负责。\n"
             "第二章 数据安全制度\n第七条 丙负责。")  # 第二章 comes later with its marker
    assert "数据安全与发展" in regtext.parse(later).get("5").text


def test_heading_wrapped_over_two_lines():
    # 各级人民代表大会常务委员会监督法 (2006), as LawRefBook has it
    text = ("第一章 总则\n第七条 各级人民代表大会常务委员会行使监督职权的情况，应当向社会公开。\n"
            "第二章 听取和审议人民政府、人民法院和\n人民检察院的专项工作报告\n"
            "第八条 各级人民代表大会常务委员会每年选择若干关系改革发展稳定大局的重大问题，"
            "有计划地安排听取和审议本级人民政府、人民法院和人民检察院的专项工作报告。")
    doc = regtext.parse(text)
    assert doc.get("ch2").heading == "听取和审议人民政府、人民法院和人民检察院的专项工作报告"
    assert not doc.warnings


def test_short_chapter_heading_then_a_lost_section_marker():
    # 淄博市物业管理条例 (2021): 第三章 业主自治管理, then 业主 (its 第一节) and 第十八条
    text = ("第二章 新建物业与前期物业管理\n第十七条 建设单位应当依法移交物业资料。\n"
            "第三章 业主自治管理\n业主\n第十八条 房屋的所有权人为业主。\n"
            "第十九条 业主享有下列权利。\n业主大会\n第二十条 业主大会由全体业主组成。")
    doc = regtext.parse(text)
    assert [(n.ref, n.heading) for n in doc if n.kind == "section"] == [
        ("ch3.sec1", "业主"), ("ch3.sec2", "业主大会")]
    assert doc.parent("20").ref == "ch3.sec2"
    # a long heading followed by a short line is one heading wrapped, not a section
    wrapped = text.replace("第三章 业主自治管理", "第三章 业主、业主大会和业主委员会的自治管理")
    assert regtext.parse(wrapped).get("ch3").heading.endswith("自治管理业主")


def test_ordinal_divisions_of_a_judicial_interpretation():
    # 最高人民法院关于适用《民法典》有关担保制度的解释 (2020): 一、… and （一）… divisions
    text = ("为正确适用民法典有关担保制度的规定，制定本解释。\n## 一、关于一般规定\n"
            "第一条 因抵押、质押、留置、保证等担保发生的纠纷，适用本解释。\n"
            "## 二、关于保证合同\n第二条 当事人在担保合同中约定的，人民法院不予支持。\n"
            "## 三、关于担保物权\n（一）担保合同与担保物权的效力\n"
            "第三条 当事人对担保责任的承担约定专门的违约责任的，人民法院不予支持。\n"
            "（二）不动产抵押\n第四条 抵押人转让抵押财产的，人民法院应予支持。\n"
            "## 四、附则\n第五条 本解释自2021年1月1日起施行。")
    doc = regtext.parse(text)
    assert [(n.ref, n.heading) for n in doc if n.kind in ("chapter", "section")] == [
        ("ch1", "一、关于一般规定"), ("ch2", "二、关于保证合同"), ("ch3", "三、关于担保物权"),
        ("ch3.sec1", "（一）担保合同与担保物权的效力"), ("ch3.sec2", "（二）不动产抵押"),
        ("ch4", "四、附则")]
    assert all("、" not in a.text[:3] for a in doc.articles)
    # in an ordinary law, a （二）… line between articles is an item, not a heading
    items = "第一章 总则\n第三条 甲应当遵守规定。\n（二）不动产抵押\n第四条 乙。"
    assert regtext.parse(items).get("3.1.2").text == "（二）不动产抵押"


def test_unmarked_heading_in_a_code_with_parts_stays_text():
    # 刑法's 附则 has no number; in a code divided into 编 no chapter number is invented
    doc = regtext.load("criminal-law")
    assert [n.kind for n in doc.children] == ["part", "part", "appendix"]
    assert sum(n.kind == "chapter" for n in doc) == 15
    assert doc.get("451").text.endswith("附则")


# -- property tests: perturbed corpus texts parse to the same tree -------------------------

PROPERTY = settings(max_examples=12, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
IDS = ["genai-2023-final", "csl", "dsl", "copyright", "genai-2023-draft", "deep-synthesis"]
_TREES: dict[str, list] = {}


def expected_tree(doc_id: str) -> list:
    if doc_id not in _TREES:
        _TREES[doc_id] = tree(regtext.parse(corpus_text(doc_id)))
    return _TREES[doc_id]


_MARKER = re.compile(r"^(\s*(?:#+ )?第[一二三四五六七八九十百千]+"
                     r"(?:条(?:之[一二三四五六七八九十]+)?|章|节))[ \u3000]+")


@st.composite
def perturbed(draw):  # noqa: ANN001
    """A corpus text with a random indentation, separator and line break per line."""
    doc_id = draw(st.sampled_from(IDS))
    lines = corpus_text(doc_id).split("\n")
    out = []
    for line in lines:
        if line.strip() and not line.startswith(("#", "<!--")):
            indent = draw(st.sampled_from(["", "\u2003\u2003", "\u3000\u3000", "\t", " ",
                                           "\u00a0\u00a0", "\u200b"]))
            line = indent + line
        m = _MARKER.match(line)
        if m:
            sep = draw(st.sampled_from(SPACES + ["", "  "]))
            if not sep and not m.group(1).endswith("条"):
                sep = " "  # the perturbation drops the separator after 条 only
            line = m.group(1) + sep + line[m.end():]
        out.append(line)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return doc_id, newline.join(out)


@PROPERTY
@given(perturbed())
def test_perturbed_corpus_text_keeps_its_tree(case):
    doc_id, text = case
    assert tree(regtext.parse(text)) == expected_tree(doc_id)


@pytest.mark.parametrize(("line", "ref"), [
    ("法律责任", "ch4"),         # chapter rank in drafting practice, even after sections
    ("附　则", "ch4"),
    ("其他规定", "ch3.sec5"),    # otherwise the next section
])
def test_unmarked_heading_after_sections(line, ref):
    # 威海市居民养老服务保障条例 (2020): 第三章's 第四节, then a bare 法律责任
    text = ("第三章 养老服务保障\n第一节 居家和社区养老服务保障\n第十五条 甲。\n"
            "第二节 机构养老服务保障\n第十六条 乙。\n第三节 医养结合服务保障\n第十七条 丙。\n"
            f"第四节 其他规定\n第十八条 丁。\n{line}\n第十九条 违反本条例规定的，依法处理。")
    doc = regtext.parse(text)
    assert doc.parent("19").ref == ref


# -- the rules tables behind these rules, one test per row -----------------------------------

from regtext import rules  # noqa: E402 - next to the row tests that use it


def _after_nineteen(line: str) -> regtext.Document:
    arts = regtext.load("csl").articles
    return regtext.parse("\n".join(f"第{n}条 {arts[i].text}" for i, n in enumerate(
        ["十七", "十八", "十九"])) + "\n" + line)


@pytest.mark.parametrize("row", rules.table("reference-continuations"), ids=lambda r: r["after"])
def test_reference_continuation_rows(row):
    assert row["example"].startswith("第二十条" + row["after"])
    assert [a.ref for a in _after_nineteen(row["example"]).articles] == ["17", "18", "19"]
    assert [a.ref for a in _after_nineteen(row["counterexample"]).articles][-1] in ("20", "20-1")


@pytest.mark.parametrize("row", rules.table("heading-connectives"),
                         ids=lambda r: f"{r['position']}-{r['connective']}")
def test_heading_connective_rows(row):
    def chapter_two(pair: str) -> regtext.Node:
        first, second = pair.split(" | ")
        doc = regtext.parse(f"第一章 总则\n第一条 为了规范管理，制定本条例。\n第二章 {first}\n"
                            f"{second}\n第二条 本条例自公布之日起施行。")
        return doc.get("ch2")

    first, second = row["example"].split(" | ")
    assert (first.endswith(row["connective"]) if row["position"] == "end"
            else second.startswith(row["connective"]))
    assert chapter_two(row["example"]).heading == first + second
    not_joined = chapter_two(row["counterexample"])
    assert not_joined.heading == row["counterexample"].split(" | ")[0]
    assert not_joined.children[0].kind == "section"  # the lost 第一节


@pytest.mark.parametrize("row", rules.table("chapter-rank-headings"), ids=lambda r: r["heading"])
def test_chapter_rank_heading_rows(row):
    def after_sections(line: str) -> str:
        text = ("第三章 养老服务保障\n第一节 居家和社区养老服务保障\n第十五条 甲。\n"
                f"第二节 其他规定\n第十六条 乙。\n{line}\n第十七条 违反本条例规定的，依法处理。")
        return regtext.parse(text).parent("17").ref

    assert after_sections(row["example"]) == "ch4"
    assert after_sections(row["counterexample"]) == "ch3.sec3"
