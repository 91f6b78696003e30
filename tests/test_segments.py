"""Segment-true rows, renames found from the pair, metadata, boilerplate-proof alignment.

Texts are the shipped generative-AI draft/final Measures and LawRefBook versions; expected
values come from reading the texts (and the issue), never from the code under test.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

import pytest
from conftest import LAWREFBOOK as LAWREF

import regtext
from regtext import rules
from regtext.cli.diff_cmd import _changes
from regtext.compare import alignment
from regtext.compare.renames import Rename, find_renames
from regtext.compare.segments import split_text


@lru_cache(maxsize=1)
def genai():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return regtext.diff(regtext.load("genai-2023-draft"), regtext.load("genai-2023-final"))


def row(level, old, new):
    return next(p for p in genai().rows(level) if (p.old_ref, p.new_ref) == (old, new))


# -- segments ------------------------------------------------------------------------------


def test_split_compares_only_the_part_that_went_there():
    # draft 20 第二款: the fine stays with final 21 第一款, the 治安/刑事 sentence goes to 第二款
    first, second = row("clause", "20.2", "21.1"), row("clause", "20.2", "21.2")
    assert "罚款" in first.old_compared and "罚款" not in second.old_compared
    assert second.old_compared.startswith("构成违反治安管理行为的")
    assert "<del>" not in second.redline  # nothing of 第二款's source was struck
    assert "penalty-removed" in first.tags and "penalty-removed" not in second.tags


def test_a_condition_goes_with_what_follows_it():
    d13 = genai().old.get("13").text
    new = [genai().new.get(r).text for r in ("11", "14", "15")]
    to11, to14, to15 = split_text(d13, new)
    assert to15 == "提供者应当建立用户投诉接收处理机制，"
    assert to14.startswith("发现、知悉生成的文本") and to14.endswith("防止危害持续。")
    assert "更正、删除、屏蔽" in to11


def test_many_to_many_and_moves():
    rel = {(p.old_ref, p.new_ref): p.relation for p in genai().pairs}
    assert rel[("2", "22")] == rel[("5", "22")] == "many-to-many"  # DESIGN §3
    assert rel[("2", "2")] == "split" and rel[("13", "15")] == "split"
    moved = {(p.old_ref, p.new_ref) for p in genai().pairs if p.moved}
    assert ("5", "9") in moved  # draft 5 went after draft 7 and 8
    assert ("1", "1") not in moved and ("14", "13") not in moved


def test_item_paired_with_the_item_that_took_its_place():
    p = row("clause", "4.1.4", "4.1.5")  # 真实准确 → 提升…准确性和可靠性
    assert p.change == "modified" and "softened" in p.tags
    assert not [q for q in genai().clause_pairs if q.old_ref == "4.1.4" and q.new_ref is None]


# -- renames -------------------------------------------------------------------------------


def test_rename_found_from_the_pair():
    assert [str(r) for r in genai().renames] == ["用户→使用者"]
    assert genai().summary()["renamed"] == ["用户→使用者"]
    assert "renamed:用户→使用者" in row("clause", "18.2", "18.1").tags
    assert "actor-changed" not in row("clause", "18.2", "18.1").tags


def test_no_rename_where_a_word_is_only_qualified():
    old = genai().old.text
    assert find_renames(old, old.replace("用户", "未成年人用户")) == ()
    assert find_renames(old, old) == ()
    assert str(Rename("产品", "服务")) == "产品→服务"


# -- metadata ------------------------------------------------------------------------------


def test_summary_compares_structure_and_metadata():
    m = genai().summary()["metadata"]
    assert m["title"]["inserted"] == ["暂行"]
    assert m["issuers"]["old"] == ["国家互联网信息办公室"] and len(m["issuers"]["new"]) == 7
    assert m["effective"]["new"] == "2023-08-15"
    assert m["chapters"]["old"] == [] and len(m["chapters"]["added"]) == 5
    assert m["articles"] == {"old": 21, "new": 24}
    assert m["norms"]["new"]["提供者"]["obligation"] > m["norms"]["old"]["提供者"]["obligation"]


def test_effective_date_from_the_text_without_a_catalog():
    a = regtext.parse("第一条 甲应当登记。\n\n第二条 本条例自2020年9月1日起施行。")
    b = regtext.parse("第一条 甲应当依法登记。\n\n第二条 本条例自2025年6月1日起施行。")
    m = regtext.diff(a, b).summary()["metadata"]
    assert m["effective"] == {"old": "2020年9月1日", "new": "2025年6月1日"}
    assert m["issuers"] == {"old": [], "new": [], "added": [], "removed": []}


# -- boilerplate is no evidence ------------------------------------------------------------


@pytest.mark.parametrize("rule", rules.table("boilerplate"), ids=lambda r: r["example"][:12])
def test_boilerplate_rows(rule):
    assert re.search(rule["pattern"], rule["example"])
    assert not re.search(rule["pattern"], rule["counterexample"])


def test_a_shared_formula_does_not_pair_two_articles():
    old = [("23", "检疫机关工作人员应当秉公执法，忠于职守，及时进行检疫；违法失职的，给予行政处分，"
                  "情节严重构成犯罪的，依法追究刑事责任。")]
    new = [("50", "违反本法规定，构成违反治安管理行为的，由公安机关依法给予治安管理处罚；"
                  "构成犯罪的，依法追究刑事责任。")]
    assert [(m.old, m.new) for m in alignment.align(old, new)] == [("23", None), (None, "50")]
    # …while two entry-into-force articles, which are nothing but the formula, still pair
    old = [("27", "本法自1987年5月1日起施行。1957年12月23日公布的条例同时废止。")]
    new = [("57", "本法自2025年1月1日起施行。")]
    assert [(m.old, m.new) for m in alignment.align(old, new)] == [("27", "57")]


needs_lawref = pytest.mark.skipif(not LAWREF.exists(), reason="lawrefbook not available")


@needs_lawref
def test_restructured_pair_keeps_its_deletions():
    # 国境卫生检疫法 2018 → 2024 (a 修订): 第二十一条 (court appeal) and 第二十六条 (fees) are
    # gone; a boilerplate criminal-liability sentence must not pair the staff article 23
    # with the new general liability article 50
    old = regtext.read(LAWREF / "行政法" / "国境卫生检疫法(2018-04-27).md")
    new = regtext.read(LAWREF / "行政法" / "国境卫生检疫法(2024-06-28).md")
    df = regtext.diff(old, new).to_frame()
    deleted = set(df[df.new_ref.isna()].old_ref)
    assert {"21", "26"} <= deleted
    assert not len(df.query("old_ref == '23' and new_ref == '50'"))


# -- the CLI gist --------------------------------------------------------------------------


def test_cli_gist_keeps_the_substantive_edits():
    p = row("article", "20", "21")
    gist = _changes(p, 60).plain
    assert "万元" in gist or "罚款" in gist, gist  # the fine, not the first words
    p = row("article", "15", "14")
    assert "3个月" in _changes(p, 50).plain


def test_a_merge_source_citation_is_not_added():
    # final 7(5) cites the 网络安全法 that draft 7(1), one of its two sources, cited already
    tags = row("article", "7", "7").tags
    assert "citation-added:csl" not in tags
    assert {"citation-added:dsl", "citation-added:pipl"} <= set(tags)
    # article tags are listed in the registry's order
    assert tags.index("citation-added:dsl") < tags.index("softened")
