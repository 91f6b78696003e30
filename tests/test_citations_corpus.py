"""Citation fixes found by reading what stayed unresolved over LawRefBook (issue 14): each with
a sentence from a LawRefBook text and a counterexample."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import regtext
from regtext.extract.citing import find_citations

LRB = next((p for p in (Path(os.environ.get("REGTEXT_LAWREFBOOK", "/nonexistent")),
                        Path(__file__).resolve().parents[2] / "shared" / "lawrefbook",
                        Path("/work/shared/lawrefbook")) if p.is_dir()), None)


def external(text: str) -> list[tuple[str, str | None]]:
    return [(c.target_title, c.target_ref) for c in find_citations(text) if c.kind == "external"]


def test_its_implementing_rules_name_the_law_cited_before():
    # 商标法 ... 及其实施细则: the implementing rules of the 商标法, not a law called 及其实施细则
    text = "依照《中华人民共和国商标法》及其实施细则的有关规定予以处罚。"
    assert external(text) == [("中华人民共和国商标法", None),
                              ("中华人民共和国商标法实施细则", None)]
    # without a law cited before, "its rules" name nothing
    assert external("违反其实施细则的规定的，予以处罚。") == []


def test_own_type_word_in_brackets_is_the_text_itself():
    doc = regtext.parse("某市社会团体登记管理办法\n第一条 甲。\n第二条 有本《办法》第一条规定"
                        "行为之一，构成犯罪的，依法追究刑事责任。", id="x")
    df = regtext.citations(doc)
    assert df[["kind", "target_ref"]].values.tolist() == [["internal", "1"]]
    # another text's 《办法》 (a 简称 or a bare title) stays external
    assert external("依照《办法》第一条的规定") == [("办法", "1")]


def test_abbreviation_names_its_full_title():
    doc = regtext.parse(
        "补充安排\n第一条 根据《最高人民法院关于内地与香港特别行政区相互执行仲裁裁决的安排》"
        "(以下简称《安排》)第十一条的规定，作如下补充。\n第二条 将《安排》第二条第三款修改为：甲。",
        id="y")
    df = regtext.citations(doc).query("source_ref == '2.1'")
    assert df[["form", "target_title", "target_ref"]].values.tolist() == [
        ["abbreviation", "最高人民法院关于内地与香港特别行政区相互执行仲裁裁决的安排", "2.3"]]
    # a title that is no 简称 of the text keeps its own words
    assert external("按照《安排》第二条的规定") == [("安排", "2")]


def test_tax_laws_as_a_class_are_no_title():
    assert external("外资企业依照中国税法规定缴纳所得税后的利润，应当提取储备基金。") == []
    assert external("依照中华人民共和国企业所得税法第三条的规定") == [
        ("中华人民共和国企业所得税法", "3")]


def _register_both_lifafa(tmp_path, monkeypatch) -> None:
    """Register the 2015 and 2023 立法法 in a private cache (two versions of one title)."""
    monkeypatch.setenv("REGTEXT_CACHE", str(tmp_path / "cache"))
    laws = tmp_path / "laws"
    laws.mkdir()
    for name in ("立法法(2015-03-15).md", "立法法(2023-03-13).md"):
        shutil.copy(LRB / "宪法相关法" / name, laws / name)
    regtext.corpus.register(laws, progress=False)


@pytest.mark.skipif(LRB is None, reason="LawRefBook not available")
def test_a_file_cites_the_version_in_force_on_its_own_date(tmp_path, monkeypatch):
    # 重庆市地方立法条例 (2017) cites 立法法: the 2015 version, not the 2023 one
    _register_both_lifafa(tmp_path, monkeypatch)
    citing = LRB / "DLC/重庆地方法规/地方性法规/重庆/重庆市地方立法条例(2017-01-19).md"
    df = regtext.citations(regtext.read(citing)).query("kind == 'external'")
    targets = set(df[df.target_title.str.contains("立法法")].target_doc)
    assert targets == {"laws:立法法@2015-03-15"}
    # a text with no date of its own cites the newest version
    plain = regtext.parse("第一条 根据《中华人民共和国立法法》，制定本条例。")
    assert set(regtext.citations(plain).target_doc) == {"laws:立法法@2023-03-13"}


@pytest.mark.skipif(LRB is None, reason="LawRefBook not available")
def test_a_short_name_of_a_title_the_text_cites_in_full(tmp_path, monkeypatch):
    # 劳动争议解释（三） cites 《中华人民共和国劳动争议调解仲裁法》 in its preamble, then
    # 调解仲裁法第四十七条 with no （以下简称）
    monkeypatch.setenv("REGTEXT_CACHE", str(tmp_path / "cache"))
    laws = tmp_path / "laws"
    laws.mkdir()
    for rel in ("诉讼与非诉讼程序法/劳动争议调解仲裁法(2007-12-29).md",
                "诉讼与非诉讼程序法/农村土地承包经营纠纷调解仲裁法(2009-06-27).md"):
        shutil.copy(LRB / rel, laws / Path(rel).name)
    regtext.corpus.register(laws, progress=False)
    citing = (LRB / "司法解释"
              / "最高人民法院关于审理劳动争议案件适用法律若干问题的解释（三）(2010-09-13).md")
    df = regtext.citations(regtext.read(citing)).query("kind == 'external'")
    short = df[df.text.str.startswith("调解仲裁法")]
    assert len(short) >= 4
    assert set(short.target_doc) == {"laws:劳动争议调解仲裁法@2007-12-29"}
    # a text that names both acts in full gives no single title to shorten to
    both = regtext.parse("某规定\n根据《中华人民共和国劳动争议调解仲裁法》和"
                         "《中华人民共和国农村土地承包经营纠纷调解仲裁法》，制定本规定。\n"
                         "第一条 依照调解仲裁法第四十七条处理。")
    row = regtext.citations(both).query("source_ref == '1.1'")
    assert row.target_doc.isna().all()


@pytest.mark.skipif(LRB is None, reason="LawRefBook not available")
def test_a_registered_version_in_force_beats_a_shipped_text_of_another_date(tmp_path,
                                                                             monkeypatch):
    monkeypatch.setenv("REGTEXT_CACHE", str(tmp_path / "cache"))
    laws = tmp_path / "laws"
    laws.mkdir()
    for rel in ("经济法/反垄断法(2007-08-30).md", "经济法/反垄断法(2022-06-24).md",
                "社会法/未成年人保护法(2020-10-17).md", "社会法/未成年人保护法(2024-04-26).md"):
        src = next(LRB.glob("*/" + Path(rel).name))
        shutil.copy(src, laws / src.name)
    regtext.corpus.register(laws, progress=False)
    find = regtext.corpus.find
    # the shipped anti-monopoly is the 2022 text: a text of 2010 cites the 2007 one
    assert find("《中华人民共和国反垄断法》", as_of="2010-05-01") == "laws:反垄断法@2007-08-30"
    assert find("《中华人民共和国反垄断法》", as_of="2023-01-01") == "anti-monopoly"
    assert find("《中华人民共和国反垄断法》") == "anti-monopoly"
    # the shipped minors-protection is the 2020 text: replaced in 2024
    assert find("《中华人民共和国未成年人保护法》", as_of="2025-03-01") == \
        "laws:未成年人保护法@2024-04-26"
    assert find("《中华人民共和国未成年人保护法》", as_of="2021-06-01") == "minors-protection"


@pytest.mark.skipif(LRB is None, reason="LawRefBook not available")
def test_a_dated_citation_names_that_version_or_none(tmp_path, monkeypatch):
    _register_both_lifafa(tmp_path, monkeypatch)

    def targets(text: str) -> list:
        doc = regtext.parse("某条例\n（2024年1月1日通过）\n" + text)
        return list(regtext.citations(doc).query("kind == 'external'").target_doc)

    # the date before the title names the version: the 2015 text, though 2023 is newer
    assert targets("第一条 2015年3月15日修正的《中华人民共和国立法法》另有规定的除外。") == [
        "laws:立法法@2015-03-15"]
    # a version older than any the collection holds is not resolved to a later text
    assert targets("第一条 1990年1月1日发布的《中华人民共和国立法法》同时废止。") == [None]
    # undated, the version in force on the citing text's date
    assert targets("第一条 依照《中华人民共和国立法法》的规定。") == ["laws:立法法@2023-03-13"]
    # a text repealing its own title repeals the version it replaces, never itself
    own = regtext.parse("中华人民共和国立法法\n（2023年3月13日修正）\n第一条 甲。\n"
                        "第二条 2000年3月15日通过的《中华人民共和国立法法》同时废止。\n"
                        "第三条 本法修正前的《中华人民共和国立法法》同时废止。\n"
                        "第四条 依照《中华人民共和国立法法》第一条作出决定。")
    df = regtext.citations(own).query("kind == 'external'")
    # elsewhere (a form in its annex) its own title means the text itself
    assert list(df.target_doc) == [None, "laws:立法法@2015-03-15", "laws:立法法@2023-03-13"]


def test_a_short_name_defined_after_a_document_number():
    # 《…的解释》（法释〔2009〕19号，以下简称《解释》）: the number does not hide the 简称
    doc = regtext.parse("某决定\n第一条 对《最高人民法院、最高人民检察院关于办理妨害信用卡"
                        "管理刑事案件具体应用法律若干问题的解释》（法释〔2009〕19号，以下简称"
                        "《解释》）作如下修改：将《解释》第六条修改为：甲。", id="z")
    df = regtext.citations(doc).query("kind == 'external'")
    assert df[["form", "target_ref"]].values.tolist() == [["title", None],
                                                          ["abbreviation", "6"]]
    assert df.target_title.nunique() == 1
    # a parenthesis that defines nothing stays what it was: a 《》 inside it is a citation
    other = regtext.parse("某办法\n第一条 依照《甲条例》（根据《乙条例》修订）执行。")
    assert len(regtext.citations(other).query("kind == 'external'")) == 2


def test_a_type_word_is_no_short_name_across_texts(tmp_path, monkeypatch):
    from regtext.corpus import registry

    monkeypatch.setenv("REGTEXT_CACHE", str(tmp_path / "cache"))
    laws = tmp_path / "laws"
    laws.mkdir()
    head = "# {t}\n\n2001年3月1日 国务院令第1号公布\n\n<!-- INFO END -->\n\n"
    (laws / "示例数据管理条例.md").write_text(head.format(t="示例数据管理条例")
                                         + "第一条 甲。\n", encoding="utf-8")
    (laws / "示例网络法.md").write_text(
        head.format(t="示例网络法") + "第一条 根据《示例数据管理条例》（以下简称《条例》）和"
        "《示例数据管理条例》（以下简称数据条例），制定本法。\n", encoding="utf-8")
    regtext.corpus.register(laws, progress=False)
    registry._Index.clear()
    # another text's 《条例》 is the 条例 it names, not the one 示例网络法 meant
    assert regtext.corpus.find("《条例》") is None
    assert regtext.corpus.find("数据条例") == "laws:示例数据管理条例@2001-03-01"
