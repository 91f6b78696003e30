"""款 moved into another article: a reworded 款 that went to an article its own was not
aligned with is one moved row with its redline, not a deletion plus an addition; two 款 that
share little but a stock formula (构成犯罪的，依法追究刑事责任) are not paired across articles.
Real LawRefBook version pairs (skipped without LawRefBook), plus the rule on a small group."""

from __future__ import annotations

import warnings
from functools import lru_cache

import pytest
from conftest import LAWREFBOOK as LAWREF

import regtext
from regtext.compare.alignment import Match
from regtext.compare.comparison import _no_formula_moves

needs_lawref = pytest.mark.skipif(not LAWREF.exists(), reason="lawrefbook not available")

# 第八条第三款 (中国人民解放军总后勤部 may make the army's accounting rules) became 第四十九条
# of the 2024 text, under 中央军事委员会有关部门 and 抄送 instead of 报…备案
ACCOUNTING = ("经济法/会计法(2017-11-04).md", "经济法/会计法(2024-06-28).md")
# old 第三十条 (阻碍国家安全机关依法执行任务) and new 第五十三条 (实施间谍行为) are both
# "…，依法追究刑事责任" and nothing else alike
COUNTERSPY = ("行政法/反间谍法(2014-11-01).md", "行政法/反间谍法(2023-04-26).md")
# 董事会…作成会议记录 moved from 第一百一十二条 to 第一百二十四条 in the 2023 revision
COMPANY = ("民法商法/公司法(2018-10-26).md", "民法商法/公司法(2023-12-29).md")


@lru_cache(maxsize=3)
def _diff(pair: tuple[str, str]):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return regtext.diff(regtext.read(LAWREF / pair[0]), regtext.read(LAWREF / pair[1]))


def _row(pair, old_ref, new_ref):
    return next((p for p in _diff(pair).clause_pairs
                 if p.old_ref == old_ref and p.new_ref == new_ref), None)


@needs_lawref
def test_reworded_clause_moved_to_another_article_is_one_moved_row():
    cmp = _diff(ACCOUNTING)
    old = cmp.old.get("8.3").text
    new = cmp.new.get("49.1").text
    assert old.startswith("中国人民解放军总后勤部") and new.startswith("中央军事委员会有关部门")
    # the articles themselves are not aligned: the 款 left 第八条 for a new article
    assert ("8", "49") not in {(p.old_ref, p.new_ref) for p in cmp.pairs}
    row = _row(ACCOUNTING, "8.3", "49.1")
    assert row is not None and row.change == "modified" and row.moved
    assert "<del>中国人民解放军总后勤部</del><ins>中央军事委员会有关部门</ins>" in row.redline
    assert "<del>备案</del>" in row.redline
    # …and not also a deletion and an addition
    one_sided = {(p.old_ref, p.new_ref) for p in cmp.clause_pairs if p.change in
                 ("added", "deleted")}
    assert ("8.3", None) not in one_sided and (None, "49.1") not in one_sided


@needs_lawref
def test_clause_moved_nearly_verbatim_keeps_its_pair():
    row = _row(COMPANY, "112.2", "124.3")
    assert row is not None and row.moved and row.similarity > 0.9


@needs_lawref
def test_clauses_alike_only_in_a_criminal_liability_formula_are_not_paired():
    cmp = _diff(COUNTERSPY)
    assert cmp.old.get("30.1").text.endswith("依法追究刑事责任。")
    assert cmp.new.get("53.1").text.endswith("依法追究刑事责任。")
    assert _row(COUNTERSPY, "30.1", "53.1") is None
    assert any(p.new_ref == "53.1" and p.change == "added" for p in cmp.clause_pairs)


def test_formula_pair_across_unaligned_articles_is_dropped_in_a_group():
    # a group of two old and two new articles (1↔1, 2↔2 aligned): the pair 1.2 → 2.2
    # crosses articles and shares only the formula; 1.1 → 2.1 crosses too but shares words
    old = {"1.1": "经营者应当建立进货查验记录制度，如实记录食品的名称。",
           "1.2": "违反本条规定，构成犯罪的，依法追究刑事责任。",
           "2.1": "甲。"}
    new = {"2.1": "经营者应当建立进货查验记录制度，如实记录食品的名称和规格。",
           "2.2": "伪造检验报告，构成犯罪的，依法追究刑事责任。",
           "1.1": "乙。"}
    matches = [Match("1.1", "2.1", 0.9), Match("1.2", "2.2", 0.3)]
    out = _no_formula_moves(matches, old, new, {("1", "1"), ("2", "2")})
    pairs = {(m.old, m.new) for m in out}
    assert ("1.1", "2.1") in pairs  # shares the duty's words: kept
    assert ("1.2", "2.2") not in pairs and ("1.2", None) in pairs and (None, "2.2") in pairs
