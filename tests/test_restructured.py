"""Heavily restructured version pairs: phrase renames found from the pair, alignment evidence
a lawyer accepts (no links from formulas, cited article numbers or one shared list), and the
CLI gist of punctuation edits. Real LawRefBook version pairs (skipped without LawRefBook)."""

from __future__ import annotations

import warnings
from functools import lru_cache

import pytest
from conftest import LAWREFBOOK as LAWREF

import regtext
from regtext.cli.diff_cmd import _changes
from regtext.compare.comparison import Pair
from regtext.compare.renames import find_phrase_renames, find_renames

needs_lawref = pytest.mark.skipif(not LAWREF.exists(), reason="lawrefbook not available")

BORDER = ("行政法/国境卫生检疫法(2018-04-27).md", "行政法/国境卫生检疫法(2024-06-28).md")
CRYPTO = ("行政法规/商用密码管理条例(1999-10-07).md", "行政法规/商用密码管理条例(2023-04-27).md")


def _text(rel: str) -> str:
    return (LAWREF / rel).read_text(encoding="utf-8")


@lru_cache(maxsize=4)
def _diff(pair: tuple[str, str]):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return regtext.diff(regtext.parse(_text(pair[0])), regtext.parse(_text(pair[1])))


def _pairs(pair) -> set[tuple[str, str]]:
    return {(p.old_ref, p.new_ref) for p in _diff(pair).pairs if p.old_ref and p.new_ref}


# -- phrase renames ----------------------------------------------------------------------


@needs_lawref
def test_phrase_renamed_throughout_is_found():
    assert "国境卫生检疫机关→海关" in [str(r) for r in _diff(BORDER).renames]
    assert [str(r) for r in _diff(CRYPTO).renames] == ["密码管理机构→密码管理部门"]
    assert _diff(BORDER).summary()["renamed"] == ["国境卫生检疫机关→海关"]


@needs_lawref
def test_phrase_changed_in_one_place_or_modal_word_is_no_rename():
    old = _text(BORDER[0])
    assert find_phrase_renames(old, old.replace("国境卫生检疫机关", "海关", 1)) == ()
    # 必须 → 应当 throughout is a change of wording, not of a name
    assert find_phrase_renames(old, old.replace("必须", "应当")) == ()
    # the whole phrase changes, so it is reported once, not once per piece of it
    renamed = find_renames(old, old.replace("国境卫生检疫机关", "海关"))
    assert [str(r) for r in renamed] == ["国境卫生检疫机关→海关"]


# -- evidence a lawyer accepts -----------------------------------------------------------


@needs_lawref
def test_formulas_and_cited_numbers_do_not_link_articles():
    pairs = _pairs(CRYPTO)
    assert ("4", "3") in pairs and ("23", "59") in pairs  # the authority; attacks on 商用密码
    # 应当向…提出申请 (a sales licence vs a testing qualification): a formula
    assert not any(o == "11" for o, _ in pairs)
    # 违反本条例第二十条、第二十一条规定: article numbers mean other articles in each version
    assert not any(o == "22" for o, _ in pairs)
    # 任何单位和个人不得非法… is a formula, not the content of 第四十八条
    assert ("19", "48") not in pairs and ("19", "35") in pairs


@needs_lawref
def test_one_shared_clause_does_not_pair_unrelated_articles():
    pairs = _pairs(BORDER)
    # a list of goods (行李、货物、邮包等物品) is all draft 7 and final 9 share
    assert ("7", "9") not in pairs
    # 会同有关部门 with the renamed department is all 5 and 25 share
    assert ("5", "25") not in pairs
    # …while a clause that carries the rule still links its articles
    assert ("12", "21") in pairs and ("9", "10") in pairs


# -- the CLI gist -------------------------------------------------------------------------


def _row(old: str, new: str) -> Pair:
    return Pair(level="article", old_ref="1", new_ref="1", change="modified",
                relation="one-to-one", old_text=old, new_text=new)


def test_gist_says_punctuation_only():
    p = _row("国家支持和促进科普工作对外合作与交流。", "国家支持和促进科普工作对外合作与交流；")
    assert _changes(p, 60).plain == "punctuation only"


def test_gist_shows_word_edits_before_punctuation():
    p = _row("县级以上人民政府应当建立科普工作协调制度，加强督促检查。",
             "县级以上人民政府应当建立科普工作协调制度。加强督促检查和考核。")
    gist = _changes(p, 60).plain
    assert gist != "punctuation only"
    assert gist.index("考核") < gist.index("。") if "。" in gist else "考核" in gist
