"""Obligations on laws nobody tuned to (issue 13): who imposes a sanction, who bears a duty.

Each rule has a case where it fires and one where it must not, on LawRefBook law text.
"""

from __future__ import annotations

import pytest

import regtext
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


# -- duties without a modal verb, and modal words that bind no one ------------------------------


@pytest.mark.parametrize("text,actor", [
    ("评标由招标人依法组建的评标委员会负责。", "招标人依法组建的评标委员会"),
    ("其维护和更新由该公路的养护单位负责。", "该公路的养护单位"),
])
def test_fuze_is_a_duty_of_the_agent_after_you(text, actor):
    assert _actors(text, "obligation") == [actor]


@pytest.mark.parametrize("text", [
    "对直接负责的主管人员和其他直接责任人员，依法给予处分。",  # a relative clause
    "国务院煤炭工业主管部门和县级以上地方人民政府负责管理煤炭工业的部门是行业管理部门。",
    "企业负责人应当依法履行职责。",  # 负责人 is a noun: only 应当 opens a norm
])
def test_fuze_that_is_no_duty(text):
    assert "负责" not in [n.trigger for n in find_norms(text)]


def test_a_duty_word_after_a_modal_word_is_its_content():
    norms = find_norms("县级以上人民政府应当对本行政区域的安全生产工作负责。")
    assert [n.trigger for n in norms] == ["应当"]


@pytest.mark.parametrize("text", [
    "经营者的工作人员进行贿赂的，应当认定为经营者的行为；",
    "有下列情形之一的，应当视为已经送达。",
])
def test_a_deeming_rule_is_no_obligation(text):
    assert "obligation" not in {n.modality for n in find_norms(text)}


def test_a_plain_yingdang_still_is_an_obligation():
    assert [n.modality for n in find_norms("人民法院应当认真审查当事人提交的证据。")] == [
        "obligation"]


def test_a_catch_all_case_is_no_norm():
    assert find_norms("（六）其他应当中止诉讼的情形。") == []
    # a subject that starts with 其他 is still a subject
    assert _actors("其他有关部门应当在各自职责范围内做好相关工作。", "obligation") == [
        "其他有关部门"]


def test_a_sanction_named_in_a_definition_is_no_penalty():
    assert find_norms("前款所称较低数额罚款由省级以上市场监督管理部门结合工作实际规定。") == []
    assert _penalties("情节严重的，由市场监督管理部门处一万元以上五万元以下罚款。") != []


@pytest.mark.parametrize("text", ["信访人继续上访的，依法处理。", "对查证属实的，依法处理。"])
def test_yifa_chuli_after_an_offence_is_a_penalty(text):
    assert [n.modality for n in find_norms(text)] == ["penalty"]


def test_yifa_chuli_as_a_task_is_no_penalty():
    doc = regtext.parse("第十一条 住房城乡建设主管部门应当履行下列消防工作职责：\n"
                        "（一）依法处理违反建设工程消防管理的违法行为；\n"
                        "（二）其他依法应当履行的消防工作职责。")
    df = regtext.obligations(doc)
    assert df.query("ref == '11.1.1'")[["modality", "actor"]].values.tolist() == [
        ["obligation", "主管部门"]]


def test_items_under_cases_after_the_modal_word_inherit_the_duty():
    doc = regtext.parse(
        "第二百三十六条 第二审人民法院对不服第一审判决的上诉、抗诉案件，经过审理后，"
        "应当按照下列情形分别处理：\n"
        "（一）原判决认定事实和适用法律正确、量刑适当的，应当裁定驳回上诉或者抗诉，维持原判；\n"
        "（二）原判决认定事实没有错误，但适用法律有错误，或者量刑不当的，应当改判；")
    df = regtext.obligations(doc)
    assert set(df.query("ref == '236.1.2'").actor_raw) == {"第二审人民法院"}


def test_items_under_a_case_list_before_the_modal_word_stay_conditions():
    doc = regtext.parse("第五条 有下列情形之一的，经营者应当停止销售：\n"
                        "（一）产品不合格的；\n（二）产品过期的。")
    assert regtext.obligations(doc).query("ref == '5.1.1'").empty


def test_a_noun_subject_before_its_verb():
    assert _actors("场内经营者停止经营活动的，应当办理营业执照注销登记手续。",
                   "obligation") == ["场内经营者"]
    text = "乡镇煤矿开采煤炭资源，应当遵循开发与保护并重的原则。"
    assert _actors(text, "obligation") == ["乡镇煤矿"]
    # a nominalised verb phrase names no one
    assert _actors("煤炭资源开采活动，应当遵守法律。", "obligation") == [""]


def test_the_agent_after_yingdang_you():
    text = "调查取证，应当由两名以上水土保持监督检查人员参加；"
    assert _actors(text, "obligation") == ["两名以上水土保持监督检查人员"]
