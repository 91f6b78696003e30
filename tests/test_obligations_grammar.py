"""Obligations on laws nobody tuned to (issue 13): who imposes a sanction, who bears a duty.

Each rule has a case where it fires and one where it must not, on LawRefBook law text.
"""

from __future__ import annotations

import pytest

from regtext.extract.norms import find_norms


def _penalties(text: str) -> list[tuple[str | None, str]]:
    return [(n.actor_raw or None, n.trigger) for n in find_norms(text) if n.modality == "penalty"]


def _actors(text: str, modality: str) -> list[str]:
    return [n.actor_raw for n in find_norms(text) if n.modality == modality]


# -- the body that imposes a sanction ----------------------------------------------------------

BODY_CASES = [
    # the department named after its government, not the government
    ("有下列行为之一的，由县级以上人民政府港口主管部门责令限期改正；",
     "县级以上人民政府港口主管部门"),
    ("造成国家渔业资源损失的，由县级以上人民政府渔业行政主管部门责令赔偿。",
     "县级以上人民政府渔业行政主管部门"),
    # a relative clause inside the body's name
    ("擅自在他人的治理范围内从事治理活动的，由县级以上地方人民政府负责受理营利性治沙申请的"
     "行政主管部门责令停止违法行为；", "县级以上地方人民政府负责受理营利性治沙申请的行政主管部门"),
    # a government that imposes the sanction itself stays the actor
    ("逾期不改正的，由县级以上人民政府责令停产停业。", "县级以上人民政府"),
]


@pytest.mark.parametrize("text,body", BODY_CASES)
def test_the_body_named_after_you_imposes_the_sanction(text, body):
    assert _penalties(text)[0][0] == body


def test_two_bodies_in_one_clause_give_two_sanctions():
    text = ("拒不执行的，由煤矿安全监察机构处五万元以下的罚款，移送地质矿产主管部门依法吊销"
            "采矿许可证。")
    assert [a for a, _ in _penalties(text)] == ["煤矿安全监察机构", "地质矿产主管部门"]
    # one body for every sanction: one penalty
    assert len(_penalties("由市公安局给予警告，责令其限期改正；")) == 1


def test_the_authority_opening_the_clause_imposes_the_sanction():
    text = ("对于违反本办法规定的口岸药品检验所，国家食品药品监督管理局将根据情节给予批评、"
            "通报批评。")
    assert _penalties(text)[0][0] == "国家食品药品监督管理局"
    # a private party opening the clause imposes nothing
    assert _penalties("构成犯罪的，依法追究刑事责任。") == [(None, "追究刑事责任")]


def test_a_criminal_sentence_is_imposed_by_a_court():
    norms = [n for n in find_norms("情节严重的，处三年以上七年以下有期徒刑。")
             if n.modality == "penalty"]
    assert [n.actor for n in norms] == ["人民法院"]
    # 追究刑事责任 names no body: none is made up
    assert [n.actor for n in find_norms("构成犯罪的，依法追究刑事责任。")] == [None]


@pytest.mark.parametrize("text", [
    "被帮工人明确拒绝帮工的，不承担赔偿责任。",
    "纳税人有逃避缴纳税款行为，税务机关没有依法下达追缴通知的，依法不予追究刑事责任。",
])
def test_a_negated_liability_is_an_exemption(text):
    assert _penalties(text) == []


def test_a_liability_that_is_not_negated_is_a_penalty():
    assert _penalties("帮工人存在故意或者重大过失的，承担赔偿责任。") != []


# -- subjects ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text,actor", [
    ("水务执法人员履行节水监督检查职责，应当主动出示行政执法证件。", "水务执法人员"),
    ("调查人员进行讯问以及搜查、查封、扣押等重要取证工作，应当对全过程进行录音录像。", "调查人员"),
    ("县级以上人民政府统计机构查处统计违法行为时，应当提出给予处分的建议。",
     "县级以上人民政府统计机构"),
])
def test_a_verb_before_a_head_word_is_part_of_the_subject(text, actor):
    assert _actors(text, "obligation") == [actor]


def test_a_verb_phrase_subject_stays_a_verb_phrase():
    # 设置…机构 is what must be done, not who must do it
    assert "设置专门机构" not in _actors("国家设置专门机构，应当加强管理。", "obligation")
