"""Obligations on laws nobody tuned to (issue 13): who imposes a sanction, who bears a duty.

Each rule has a case where it fires and one where it must not, on LawRefBook law text.
"""

from __future__ import annotations

import pytest

import regtext
from regtext.extract.norms import find_norms, normalize_actor


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
    assert _penalties("因施工不当造成广播电视设施损坏的，依法承担法律责任。") != []


@pytest.mark.parametrize("text", [
    "未依法尽到审查、核实义务的，应当承担与其过错相应的补充赔偿责任；明知公证证明的材料虚假或者与当事人恶意串通的，承担连带赔偿责任。",
    "生产经营单位发生生产安全事故，造成他人人身、财产损害的，依照有关法律，承担赔偿责任。",
])
def test_civil_liability_without_a_modal_stays_a_liability_clause(text):
    assert _penalties(text) != []


@pytest.mark.parametrize("text", [
    "个人信息处理者共同处理个人信息，侵害个人信息权益造成损害的，应当依法承担连带责任。",
    "原行政行为被撤销的，应当由作出原行政行为的行政机关承担赔偿责任。",
])
def test_civil_liability_bound_by_a_modal_is_a_duty_not_a_sanction(text):
    # compensation owed under 应当 is the object of the duty; listing it again as a sanction
    # would report a penalty no authority imposes
    norms = find_norms(text)
    assert [n.modality for n in norms] == ["obligation"]


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


# -- 可, 从事, chapeaux and whole-text offences --------------------------------------------------


@pytest.mark.parametrize("text", ["使用单位可依法自主管理。", "督导结果可向社会公布。"])
def test_ke_alone_is_a_permission(text):
    assert [n.modality for n in find_norms(text)] == ["permission"]


@pytest.mark.parametrize("text", ["不得排放黑烟等可视污染物。", "因不可抗力不能履行合同的，"
                                  "根据不可抗力的影响，部分或者全部免除责任。",
                                  "取得许可证的单位应当公示。"])
def test_ke_inside_a_word_is_no_permission(text):
    assert "permission" not in {n.modality for n in find_norms(text)}


@pytest.mark.parametrize("text,actor", [
    ("从事食品经营活动的，应当依法取得许可。", "经营者"),
    ("从事第一类易制毒化学品生产的，应当具备下列条件。", "生产者"),
])
def test_congshi_names_the_party_by_its_activity(text, actor):
    assert [n.actor for n in find_norms(text)] == [actor]


def test_congshi_alone_makes_up_no_party():
    assert [n.actor for n in find_norms("从事科学技术活动，应当遵守科学技术活动管理规范。")] == [
        None]


def test_a_whole_text_offence_sanctions_every_norm_of_the_offender():
    df = regtext.obligations(regtext.load("genai-2023-final"))
    penalty = df[(df.ref == "21.1") & (df.modality == "penalty")].iloc[0]
    # 提供者违反本办法规定的: every 提供者 norm of the Measures
    provider_refs = set(df[(df.actor == "提供者") & (df.modality != "penalty")].ref)
    assert provider_refs and provider_refs <= set(penalty.sanctions)
    user_only = set(df[df.actor == "使用者"].ref) - provider_refs
    assert not user_only & set(penalty.sanctions)
    assert "21.1" in df[df.ref == "9.1"].sanctioned_by.iloc[0]


def test_an_offence_naming_articles_sanctions_only_those():
    df = regtext.obligations(regtext.load("csl"))
    refs = set(df[(df.ref == "59.1") & (df.modality == "penalty")].sanctions.iloc[0])
    assert {"21", "25"} <= {r.split(".")[0] for r in refs}
    assert "22" not in {r.split(".")[0] for r in refs}


def test_items_with_their_own_fine_inherit_the_chapeau_authority():
    doc = regtext.parse(
        "第六十三条 物业服务人违反本条例第四十八条有关规定的，由县级人民政府房地产行政主管部门"
        "按照下列规定处罚：\n"
        "（一）违反第一项规定的，责令限期改正，并处五万元以上二十万元以下罚款；\n"
        "（二）违反第二项规定的，责令限期改正，并处一万元以上五万元以下罚款。")
    df = regtext.obligations(doc)
    items = df[(df.ref.str.count(r"\.") == 2) & (df.modality == "penalty")]
    assert len(items) == 2 and set(items.actor_raw) == {"县级人民政府房地产行政主管部门"}
    # a clause naming its own body keeps it
    doc2 = regtext.parse("第六条 违反本条例规定的，由公安机关按照下列规定处罚：\n"
                         "（一）由市场监督管理部门责令改正，处一万元罚款；")
    df2 = regtext.obligations(doc2)
    assert set(df2[df2.ref == "6.1.1"].actor_raw) == {"市场监督管理部门"}


def test_a_thing_subject_is_not_carried_to_the_next_paragraph():
    doc = regtext.parse("第三十九条 经批准进口的原料药，其原料药及制成品禁止转为内销。\n"
                        "携带的少量药品，应当以自用、合理数量为限。")
    df = regtext.obligations(doc)
    assert "其原料药及制成品" not in set(df[df.ref == "39.2"].actor_raw)


def test_an_items_document_subject_binds_the_chapeau_actor():
    doc = regtext.parse("第四十八条 作出处罚决定，应当由两名以上交通警察按照下列程序实施：\n"
                        "（一）制作行政处罚决定书；\n"
                        "（二）行政处罚决定书应当当场交付被处罚人。")
    df = regtext.obligations(doc)
    assert set(df[df.ref == "48.1.2"].actor_raw) == {"两名以上交通警察"}
    # a party as the item's subject stays its own
    doc2 = regtext.parse("第四十八条 作出处罚决定，应当由两名以上交通警察按照下列程序实施：\n"
                         "（一）当事人应当在决定书上签名。")
    assert set(regtext.obligations(doc2).query("ref == '48.1.1'").actor_raw) == {"当事人"}


@pytest.mark.parametrize("text", [
    "对可以依法申请行政复议的具体行政行为，当事人应当先申请复议。",
    "当事人可以依法申请的复议期限为六十日。",
])
def test_keyi_inside_a_relative_clause_is_no_permission(text):
    assert "permission" not in {n.modality for n in find_norms(text)}


def test_keyi_with_its_own_subject_is_a_permission():
    assert [n.modality for n in find_norms("当事人可以依法申请行政复议。")] == ["permission"]
    # a 的 inside the object does not make the modal word a relative clause
    assert [n.modality for n in find_norms("提供者应当采取必要的措施。")] == ["obligation"]


def test_a_carried_party_named_as_the_object_bears_no_duty():
    """PIPL 14: 个人 gives consent in 14.1; in 14.2 the processor must obtain 个人同意 again."""
    doc = regtext.parse("第一条 基于个人同意处理个人信息的，该同意应当由个人在充分知情的前提下"
                        "自愿、"
                        "明确作出。\n个人信息的处理目的发生变更的，应当重新取得个人同意。")
    rows = regtext.obligations(doc).set_index("ref")
    assert rows.loc["1.1", "actor"] == "个人"
    assert not isinstance(rows.loc["1.2", "actor"], str)
    # negative: a carried party that is not the object keeps bearing the duty
    doc2 = regtext.parse("第一条 经营者应当公开规则。\n规则发生变更的，应当及时公告。")
    assert regtext.obligations(doc2).set_index("ref").loc["1.2", "actor"] == "经营者"


def test_a_party_that_names_itself_keeps_its_duty_though_also_an_object():
    """舟山市物业管理条例 26: the committee of 26.1 opens 26.2 as its subject and is named again
    as the receiver (移交新一届业主委员会); a name of two words (业主|委员会) is still its own."""
    doc = regtext.parse("第一条 业主委员会应当依法履行职责。\n"
                        "业主委员会应当自任期届满之日起十日内，将其保管的有关资料移交新一届业主委员会。")
    assert regtext.obligations(doc).set_index("ref").loc["1.2", "actor"] == "业主委员会"
    # negative: 个人 inside 个人信息 is not the party written before the modal word
    doc2 = regtext.parse("第一条 个人应当自愿作出同意。\n个人信息的处理目的发生变更的，"
                         "应当重新取得个人同意。")
    assert not isinstance(regtext.obligations(doc2).set_index("ref").loc["1.2", "actor"], str)


# -- subject phrases (issue 13, second pass): LawRefBook text outside every gold sample ----------

SUBJECT_CASES = [
    # a verb and a one-character head make one agent noun (驾驶|人, 请求|人, 车辆管理|所)
    ("机动车驾驶人身体条件不适合驾驶机动车的，不得驾驶机动车。", "prohibition", "机动车驾驶人"),
    ("赔偿请求人要求赔偿，应当先向赔偿义务机关提出。", "obligation", "赔偿请求人"),
    ("车辆管理所办理机动车驾驶证业务时，应当按照减环节、减材料、减时限的要求，积极推行一次办结、"
     "限时办结等制度。", "obligation", "车辆管理所"),
    # an adjective modifying the noun after it is part of the subject (私募|基金管理人)
    ("私募基金管理人在资金募集、投资运作过程中，应当按照国务院证券监督管理机构的规定和基金合同约定，"
     "向投资者提供信息。", "obligation", "私募基金管理人"),
    # 但 opens an exception clause whose subject follows it
    ("对造成死亡的，应当支付丧葬费；但医疗机构或者司法鉴定人有明确意见的，可以参照确定护理人数并"
     "赔偿相应的护理费。", "permission", "医疗机构或者司法鉴定人"),
    # after a ；, a new part names its own subject
    ("媒体公布的有关费用，由被执行人负担；申请执行人申请在媒体公布的，应当垫付有关费用。",
     "obligation", "申请执行人"),
]


@pytest.mark.parametrize("text,modality,actor", SUBJECT_CASES)
def test_the_subject_phrase_runs_to_its_real_end(text, modality, actor):
    assert actor in _actors(text, modality)


@pytest.mark.parametrize("text,modality,wrong", [
    # a noun before 厂 is not made an agent (核动力厂 is a place here, not the party)
    ("核动力厂等重要核设施外围地区应当划定规划限制区。", "obligation", "核动力厂"),
    # a 的-condition's party does not encourage: 鼓励 with no subject of its own is the state's
    ("农民自建低层住宅的，鼓励按照抗震设防规定、节能降碳设计标准等要求建设。", "encouragement",
     "农民"),
    # 所在 before a noun stays 所在 (其所在单位): no head 所 is cut out of it
    ("国家工作人员违反本条例规定的，由其所在单位或者上级机关依法给予处分。", "penalty", "其所"),
])
def test_no_subject_where_the_words_are_no_party(text, modality, wrong):
    assert not any(a.startswith(wrong) for a in _actors(text, modality))


def test_jiqi_joins_the_members_of_one_subject():
    actors = _actors("公安机关交通管理部门及其交通警察执行职务，应当自觉接受社会和公民的监督。",
                     "obligation")
    assert "交通警察" in actors and "公安机关交通管理部门" in actors
    # negative: 及其 after a preposition's object names no subject
    assert _actors("对违法行为人及其财产应当依法处理。", "obligation") == [""]


def test_a_list_of_governments_and_departments_splits_at_he():
    actors = _actors("市、区人民政府和有关部门应当采取措施、畅通渠道。", "obligation")
    assert actors == ["市、区人民政府", "有关部门"]
    # negative: a 、 list of departments alone stays one actor
    assert _actors("发展改革、教育等部门应当加强指导。", "obligation") == ["发展改革、教育等部门"]


@pytest.mark.parametrize("text,body", [
    # 由其… : the offender's own unit or superior disciplines
    ("对违反本条例规定的有关工作人员，由其所在单位视情节轻重，根据国家有关规定，给予行政处分。",
     "所在单位"),
    ("违反法律、行政法规的规定提前征收、延缓征收或者摊派税款的，由其上级机关或者行政监察机关"
     "责令改正。", "上级机关或者行政监察机关"),
    # 由 + a relative clause before the body
    # 海关 is a public authority
    ("走私烟草专卖品，数额不大，不构成走私罪的，由海关没收走私货物、物品和违法所得，可以并处罚款。",
     "海关"),
])
def test_the_body_after_you_qi(text, body):
    assert body in [a for a, _ in _penalties(text)]


@pytest.mark.parametrize("text", [
    "造成损失的，由其承担赔偿责任。",  # 其 is the offender: no body named
    "违反本条例规定的，由其他机构处理；",  # 其他, not 其
])
def test_you_qi_without_a_body_names_none(text):
    assert not any(a for a, _ in _penalties(text))


def test_criminal_liability_is_not_the_disciplining_bodys():
    text = ("卫生行政主管部门的工作人员违反本条例规定，滥用职权，玩忽职守，徇私舞弊的，由其所在单位"
            "或者上级行政机关给予行政处分；构成犯罪的，依法追究刑事责任。")
    assert _penalties(text) == [("所在单位或者上级行政机关", "给予行政处分"),
                                (None, "追究刑事责任")]
    # negative: a body written for the criminal part itself stays its actor
    assert _penalties("构成犯罪的，由司法机关依法追究刑事责任。") == [("司法机关", "追究刑事责任")]


# -- issue 13, third pass: categories seen on a second fresh sample, rules checked on the corpus --

@pytest.mark.parametrize("text,actor", [
    # 经X负责人批准: the organ whose head approves acts, not the party of the condition
    ("社区矫正对象有下列情形之一的，经县级司法行政部门负责人批准，可以使用电子定位装置，加强监督管理：",
     "县级司法行政部门"),
    ("为了查明案情，在必要的时候，经公安机关负责人批准，可以进行侦查实验。", "公安机关"),
    # a subject written out (not a condition's party) stays the actor
    ("犯罪嫌疑人拒绝检查、提取、采集的，侦查人员认为必要的时候，经办案部门负责人批准，"
     "可以强制检查、提取、采集。", "侦查人员"),
])
def test_the_organ_whose_head_approves_acts(text, actor):
    assert _actors(text, "permission") == [actor]


def test_approval_of_another_body_or_of_ones_own_head_names_no_actor():
    # 经…部门批准 (no 负责人): the approver is not the one who acts
    actors = _actors("商标评审委员会应当自收到申请之日起九个月内做出决定，并书面通知申请人。"
                     "有特殊情况需要延长的，经国务院工商行政管理部门批准，可以延长三个月。",
                     "permission")
    assert actors == ["商标评审委员会"]
    # 经本机关负责人批准: the body the sentence already names, not 本机关
    actors = _actors("海事管理机构应当自受理申请之日起2个工作日内作出许可或者不予许可的决定。"
                     "2个工作日内无法作出决定的，经海事管理机构负责人批准，可以延长5个工作日。",
                     "permission")
    assert actors == ["海事管理机构"]
    actors = _actors("承办单位应当在接到政务服务热线事项五个工作日内办理完毕。对于特别复杂的"
                     "政务服务热线事项，五个工作日不能办理完毕的，经本单位负责人批准，可以延期五个工作日。",
                     "permission")
    assert actors == ["承办单位"]


def test_items_sanctions_are_imposed_by_the_body_bound_to_take_the_measures():
    doc = regtext.parse(
        "第一百四十条 证券公司的治理结构、合规管理、风险控制指标不符合规定的，国务院证券监督管理"
        "机构应当责令其限期改正；逾期未改正，或者其行为严重危及该证券公司的稳健运行、损害客户合法"
        "权益的，国务院证券监督管理机构可以区别情形，对其采取下列措施：\n"
        "（一）限制业务活动，责令暂停部分业务，停止核准新业务；\n"
        "（二）限制分配红利，限制向董事、监事、高级管理人员支付报酬、提供福利；")
    df = regtext.obligations(doc)
    assert set(df[(df.ref == "140.1.1") & (df.modality == "penalty")].actor_raw) == {
        "国务院证券监督管理机构"}
    # negative: a civil liability the item hands to a party is not the duty bearer's
    doc2 = regtext.parse(
        "第三十五条 对于违反禁寄、限寄规定寄递的物品，邮政企业或者分支机构应当根据其种类、性质、"
        "数量等分别作出下列处理：\n（一）不予寄递；\n"
        "（四）造成危害人身安全或者污染、损毁其他邮件、设备的，由寄件人承担赔偿责任。")
    df2 = regtext.obligations(doc2)
    assert not set(df2[df2.modality == "penalty"].actor_raw) & {"分支机构", "邮政企业"}


def test_a_body_named_after_the_first_sanction_imposes_only_what_follows():
    text = ("城乡规划编制单位有下列行为之一的，由所在地城市、县人民政府城乡规划主管部门"
            "责令限期改正，处合同约定的规划编制费一倍以上二倍以下的罚款；情节严重的，责令停业整顿，由原发证机关"
            "降低资质等级或者吊销资质证书；造成损失的，依法承担赔偿责任：")
    assert _penalties(text) == [
        ("所在地城市、县人民政府城乡规划主管部门", "责令"),
        ("所在地城市、县人民政府城乡规划主管部门", "责令"),
        ("原发证机关", "吊销"),
        (None, "承担赔偿责任"),  # civil liability: the offender's, no body imposes it
    ]
    # negative: with no body before it, the first sanction takes the one named after it
    text2 = ("违反本法第三十一条第一款规定的，没收违法所得，由公安机关处违法所得一倍以上十倍以下"
             "罚款，没有违法所得或者违法所得不足二万元的，处二十万元以下罚款；情节严重的，"
             "并处十五日以下拘留。")
    assert {a for a, _ in _penalties(text2)} == {"公安机关"}


def test_a_body_that_finds_the_offence_imposes_the_sanction():
    text = ("建设行政主管部门或者其他有关部门发现建设单位在竣工验收过程中有违反国家有关建设工程质量"
            "管理规定行为的，责令停止使用，重新组织竣工验收。")
    assert _penalties(text)[0][0] == "建设行政主管部门或者其他有关部门"
    # negative: a body that fails its duty is the offender, not the sanctioning body
    text2 = ("履行数据监督管理职责的部门以及公共管理和服务机构不履行或者不正确履行本条例"
             "规定职责的，对直接负责的主管人员和其他直接责任人员依法给予处分；构成犯罪的，依法追究刑事责任。")
    assert _penalties(text2)[0][0] is None


def test_dudren_shenpanyuan_is_one_legal_term():
    # 独任审判员 is one legal term (jieba alone cuts it 独|任|审判员)
    text = ("适用简易程序审理案件，审判长或者独任审判员应当当庭询问被告人对指控的犯罪事实的意见，"
            "告知被告人适用简易程序审理的法律规定，确认被告人是否同意适用简易程序。")
    assert _actors(text, "obligation") == ["审判长或者独任审判员"]


def test_a_verb_phrase_opening_with_a_verbal_noun_is_no_department():
    # negative for the field-department rule (建设|行政主管部门): no 行政/主管 department here
    text = "设立房地产中介服务机构，应当向工商行政管理部门申请设立登记，领取营业执照。"
    assert not any("中介服务机构" in a for a in _actors(text, "obligation"))


def test_a_thing_subject_takes_no_carried_party():
    # 浙江省价格条例 19.2: the interval is the subject, no party of the 款 before bears it
    norms = find_norms("定期监审的间隔时限不得少于一年。", carry_actor=["价格主管部门"])
    assert [n.actor for n in norms] == [None]
    # negative: a clause with no subject at all still takes the carried party
    norms = find_norms("对同一经营者的同一种商品或者服务，在同一会计年度内不得交叉或者重复实施"
                       "定价成本监审。", carry_actor=["价格主管部门"])
    assert [n.actor_raw for n in norms] == ["价格主管部门"]
    # negative: a time before the modal word is no thing subject (销售时应当…)
    norms = find_norms("农业机械销售者进货时应当查验农业机械的产品合格证明；销售时应当如实记录所售"
                       "农业机械的名称、规格、生产批号。")
    assert [n.actor_raw for n in norms] == ["农业机械销售者", "农业机械销售者"]


def test_jing_after_a_subject_is_a_preposition():
    text = "公诉人、当事人和辩护人、诉讼代理人经审判长许可，可以对证人、鉴定人发问。"
    assert _actors(text, "permission") == ["公诉人、当事人和辩护人、诉讼代理人"]


def test_a_body_named_by_its_role_is_not_the_competent_department():
    # 计划生育技术服务管理条例: the body that issued the licence revokes it
    text = ("违反本条例的规定，逾期不校验计划生育技术服务执业许可证明文件，继续从事计划生育技术"
            "服务的，由原发证部门责令限期补办校验手续；拒不校验的，由原发证部门吊销计划生育技术服务"
            "的执业资格。")
    assert {n.actor for n in find_norms(text) if n.modality == "penalty"} == {"原发证部门"}
    # 艾滋病防治条例: a superior punishes the inspection body
    text = "出入境检验检疫机构有前款规定情形的，由其上级主管部门依照本条规定予以处罚。"
    assert [n.actor for n in find_norms(text) if n.modality == "penalty"] == ["上级主管部门"]
    assert normalize_actor("司法机关") == "司法机关"
    # negative: a field's department is still the competent department
    assert normalize_actor("县级人民政府卫生行政主管部门") == "主管部门"
    assert normalize_actor("发展改革部门") == "主管部门"


def test_an_actor_word_opening_a_chain_of_verbs_is_a_verb():
    # 烟台市制定地方性法规条例 14: 组织|起草… — whoever organises the drafting, not an 组织
    text = "组织起草地方性法规草案应当确定起草工作负责人，落实起草工作人员。"
    assert _actors(text, "obligation") == [""]
    # negative: 组织 before a verb that names a body with its head (组织编制机关) stays a name
    text = "组织编制机关应当依法公布经批准的基础测绘规划。"
    assert _actors(text, "obligation") == ["组织编制机关"]
    # negative: 组织 as a noun in a list of parties
    text = "组织和个人提供的科普产品和服务、发布的科普信息应当具有合法性、科学性。"
    assert _actors(text, "obligation") == ["组织和个人"]


# -- session 18 (actors3): subject chunking, 由 agents, chapeau parties, criminal texts -------

def test_congshi_is_a_verb_not_the_preposition_cong():
    # 上海市文物保护条例: 从事…的企业 is a subject (从事 is a verb)
    text = ("从事文物收购、销售、拍卖活动的企业，应当按照国家有关规定履行审批手续，并在核准的范围内"
            "经营。")
    assert _actors(text, "obligation") == ["从事文物收购、销售、拍卖活动的企业"]
    # negative (民法典 解释 text): 从…中 is the preposition 从, no subject
    text = ("从被监护人财产中支付赔偿费用的，应当保留被监护人所必需的生活费和完成义务教育所必需的"
            "费用。")
    assert not any(a.startswith("从") for a in _actors(text, "obligation"))


def test_a_one_character_place_before_a_noun_is_part_of_the_subject():
    # 浙江省工伤保险条例: 县 (tagged zg) before 社会保险行政部门
    text = ("市、县社会保险行政部门受理工伤认定申请后，应当根据审核需要对劳动人事关系、事故伤害情况"
            "进行调查核实。")
    assert _actors(text, "obligation") == ["市、县社会保险行政部门"]
    # negative: 村 before a modal word does not make the object (村务监督委员会) the actor
    text = "村应当建立村务监督委员会，依法对村务公开、民主理财等情况进行监督。"
    assert "村务监督委员会" not in _actors(text, "obligation")


def test_the_agent_after_a_modal_you_bears_the_duty():
    # 海事诉讼特别程序法: the body named after 应当由 does it, not the thing the sentence opens with
    text = "船舶检验、估价应当由国家授权或者其他具有专业资格的机构或者个人承担。"
    assert _actors(text, "obligation") == ["国家授权或者其他具有专业资格的机构或者个人"]
    # 河南省赃物罚没物管理条例: the agent ends at its verb (签名并加盖…)
    text = "价格鉴证结论书应当由价格鉴证人员签名并加盖价格鉴证机构印章。"
    assert _actors(text, "obligation") == ["价格鉴证人员"]
    # negative (检察官法): 由本人 is the subject itself, no other agent
    # negative (优化营商环境条例): 不得由市场主体承担 protects the party, it does not bind it
    assert _actors("区域评估的费用不得由市场主体承担。", "prohibition") != ["市场主体"]
    text = "检察官申请辞职，应当由本人书面提出，经批准后，依照法律规定的程序免除其职务。"
    assert _actors(text, "obligation") == ["检察官"]
    text = ("常务委员会组成人员必须出席常务委员会会议。因病或者其他特殊原因不能出席会议的，应当"
            "由本人向常务委员会主任或者秘书长请假。")
    assert set(_actors(text, "obligation")) == {"常务委员会组成人员"}


def test_a_locative_inside_a_relative_clause_and_a_copula_keep_the_subject():
    # 资源税法: 在…的单位和个人，为…纳税人，应当…: the subject is before the 为 clause
    text = ("在中华人民共和国领域和中华人民共和国管辖的其他海域开发应税资源的单位和个人，为资源税的"
            "纳税人，应当依照本法规定缴纳资源税。")
    assert [n.actor for n in find_norms(text)] == ["单位和个人"]
    # negative: a 在 phrase that is a place (在…禁止区域内，) is not the subject
    text = ("在市、县（市、区）人民政府划定的禁止区域内，任何单位和个人不得露天烧烤，不得为露天烧烤"
            "提供场地。")
    assert set(_actors(text, "prohibition")) == {"任何单位和个人"}


def test_an_authority_acting_before_the_sanction_imposes_it():
    # 机动车驾驶证申领和使用规定: …的，公安机关交通管理部门不予受理…，处…罚款
    text = ("申请人隐瞒有关情况或者提供虚假材料申领机动车驾驶证的，公安机关交通管理部门不予受理或者"
            "不予办理，处五百元以下罚款；申请人在一年内不得再次申领机动车驾驶证。")
    assert [a for a, _ in _penalties(text)] == ["公安机关交通管理部门"]
    from regtext.extract.norms import _acting_authority

    # negative (行政许可法): an authority that offends does not act on the offence
    assert _acting_authority("行政机关及其工作人员违反本法的规定") == ""


def test_a_chapeau_naming_a_party_gives_its_items_their_actor():
    # 搜寻援救民用航空器规定: X的主要职责是：(三)…应当… → X
    doc = regtext.parse(
        "第二十三条 现场负责人的主要职责是：\n(一)组织抢救幸存人员；\n"
        "(三)保护好民用航空器失事现场；为抢救人员或者灭火必须变动现场时，应当进行拍照或者录相；\n",
        title="搜寻援救民用航空器规定")
    assert list(regtext.obligations(doc).actor) == ["现场负责人"]
    # negative (统计法实施条例): …的资料包括： lists what a term covers, no party
    doc = regtext.parse(
        "第二十九条 统计法第二十五条规定的能够识别或者推断单个统计调查对象身份的资料包括：\n"
        "(一)直接标明单个统计调查对象身份的资料；\n(三)可以推断单个统计调查对象身份的汇总资料。\n",
        title="统计法实施条例")
    assert regtext.obligations(doc).actor.isna().all()


def test_a_bare_punishment_in_a_criminal_text_is_the_courts():
    body = ("第四条 实施刑法第三百三十八条、第三百三十九条规定的犯罪行为，具有下列情形之一的，应当"
            "从重处罚：\n（一）阻挠环境监督检查或者突发环境事件调查，尚不构成妨害公务等犯罪的；\n")
    title = "最高人民法院、最高人民检察院关于办理环境污染刑事案件适用法律若干问题的解释"
    doc = regtext.parse(body, title=title)
    frame = regtext.obligations(doc)
    assert list(frame[frame.modality == "penalty"].actor) == ["人民法院"]
    # negative (治安管理处罚法): an administrative text's 从重处罚 is not a court's
    doc = regtext.parse("第二十条 违反治安管理有下列情形之一的，从重处罚：\n（一）有较严重后果的；"
                        "\n", title="中华人民共和国治安管理处罚法")
    frame = regtext.obligations(doc)
    assert "人民法院" not in set(frame[frame.modality == "penalty"].actor.dropna())


def test_a_relative_clause_covers_the_whole_list_after_its_head():
    # 集成电路布图设计保护条例: …的自然人、法人或者其他组织 (not …的自然人)
    text = ("取得使用布图设计非自愿许可的自然人、法人或者其他组织应当向布图设计权利人支付合理的"
            "报酬。")
    assert _actors(text, "obligation") == ["取得使用布图设计非自愿许可的自然人、法人或者其他组织"]
    # negative (广东省革命遗址保护条例): 分别由…部门、…的主管部门 is a 由 phrase, no subject
    text = ("革命遗址属于不可移动文物、历史建筑或者烈士纪念设施的，分别由文物行政主管部门、承担历史"
            "建筑保护工作的主管部门、退役军人工作主管部门依照有关法律法规规定，负责保护管理工作。")
    assert not any(a.startswith("分别") for a in _actors(text, "obligation"))


def test_zuzhi_after_a_whole_subject_is_its_verb():
    # 上海市排水与污水处理条例: 市人民政府组织编制…时 → 市人民政府
    text = "市人民政府组织编制城市总体规划时，应当将雨水源头减排建设要求和控制指标纳入。"
    assert _actors(text, "obligation") == ["市人民政府"]
    # negative (慈善法): 慈善行业组织 is a name
    text = "民政部门、其他有关部门或者慈善行业组织接到投诉、举报后，应当及时调查处理。"
    assert "慈善行业组织" in _actors(text, "obligation")


def test_you_before_zucheng_or_danren_names_members_not_an_agent():
    # 建设工程安全生产管理条例: 由…人员担任 says who holds the post
    text = "施工单位的项目负责人应当由取得相应执业资格的人员担任。"
    assert _actors(text, "obligation") == ["施工单位的项目负责人"]
    # negative (公司法): 由合并各方签订 names who acts
    text = "公司合并，应当由合并各方签订合并协议，并编制资产负债表及财产清单。"
    assert _actors(text, "obligation")[0] == "合并各方"


def test_a_clause_of_subject_verb_object_gives_its_subject():
    # 残疾人就业条例: 用人单位招用残疾人职工，应当… → 用人单位 (not the whole clause)
    text = "用人单位招用残疾人职工，应当依法与其签订劳动合同或者服务协议。"
    assert _actors(text, "obligation") == ["用人单位"]
    # 北京经济技术开发区条例: a preposition opens the predicate too
    text = "本市有关部门在开发区设立分支机构，必须经开发区管委会同意，并报市人民政府批准。"
    assert _actors(text, "obligation")[0] == "本市有关部门"
    # negative (广东省科学技术普及条例): a clause that is only a subject stays whole
    text = "县级以上人民政府其他各有关部门，应当按照各自职责做好相关领域内的科普工作。"
    assert _actors(text, "obligation") == ["县级以上人民政府其他各有关部门"]


def test_a_courts_verb_before_a_party_is_no_department_name():
    # 民事诉讼法解释: 人民法院接到当事人提交的…时 → 人民法院 (not 人民法院接到当事人)
    text = ("人民法院接到当事人提交的民事起诉状时，对符合民事诉讼法第一百二十二条的规定，且不属于"
            "第一百二十七条规定情形的，应当登记立案。")
    assert _actors(text, "obligation") == ["人民法院"]
    # negative (统计法): a government's own body is named after it
    text = ("县级以上人民政府统计机构和有关部门以及乡、镇人民政府，应当按照国家有关规定建立"
            "统计资料的保存、管理制度，建立健全统计信息共享机制。")
    assert _actors(text, "obligation")[0].startswith("县级以上人民政府统计机构")


def test_a_body_set_up_in_the_sentence_bears_the_responsibility_after_it():
    # 济南市名泉保护条例: 市人民政府设立名泉保护委员会，负责… → the committee
    text = ("市人民政府设立名泉保护委员会，负责本市名泉保护工作的组织领导，协调、研究、解决名泉保护"
            "工作中的重大事项。")
    assert _actors(text, "obligation") == ["名泉保护委员会"]
    # negative (北京经济技术开发区条例): with 必须 the founder keeps the duty
    text = "本市有关部门在开发区设立分支机构，必须经开发区管委会同意，并报市人民政府批准。"
    assert "分支机构" not in _actors(text, "obligation")


def test_you_qi_before_zuzhi_names_no_agent():
    # 湖州市物业管理条例: 由其组织修复 — 组织 is the verb, 其 the party already named
    text = ("交接各方应当对物业管理区域内电梯、消防、技防、道闸系统等共用设施设备的使用维护现状给予"
            "确认，因原物业服务人管理、使用不当造成无法正常使用的，应当由其组织修复或者承担相应责任。")
    assert "组织" not in _actors(text, "obligation")
    # negative (LawRefBook liability clause): 由其所在单位或主管部门 names the bodies
    text = "情节轻微的，由其所在单位或主管部门给予行政处分。"
    assert _penalties(text)[0][0] == "所在单位或主管部门"


# -- session 18 (norms5): sanctions by reference to a named law, suspensions, owned licences --

def test_a_sanction_by_reference_to_a_named_law_is_a_penalty():
    # 宁波市慈善事业促进条例: 依照《…法》处罚 names the law whose sanctions apply
    assert ("公安机关", "处罚") in _penalties(
        "假借慈善名义骗取钱财的，由公安机关依照《中华人民共和国治安管理处罚法》处罚；"
        "构成犯罪的，依法追究刑事责任。")
    # 出口退税 解释: 刑法处罚较重的规定 names a rule, not a sanction (only 定罪处罚 is one)
    assert [t for _, t in _penalties(
        "实施骗取出口退税犯罪，同时构成虚开增值税专用发票罪等其他犯罪的，"
        "依照刑法处罚较重的规定定罪处罚。")] == ["定罪处罚"]


@pytest.mark.parametrize(("text", "trigger"), [
    # 上海市住宅物业管理规定 82 and 北京市安全生产条例 92: the persons held liable stand between
    # 追究 and 责任, with 责任 inside their own title (直接责任人员)
    ("挪用、侵占公共收益构成犯罪的，依法追究直接负责的主管人员和其他直接责任人员的刑事责任。",
     "追究直接负责的主管人员和其他直接责任人员的刑事责任"),
    ("逾期未改正的，依法追究生产经营单位主要负责人的责任。", "追究生产经营单位主要负责人的责任"),
])
def test_holding_named_persons_liable_is_a_penalty(text, trigger):
    assert trigger in [t for _, t in _penalties(text)]


def test_asking_to_hold_persons_liable_is_no_penalty():
    # 安全生产法 60: the union may ask for it; the text imposes nothing
    text = "工会有权依法参加事故调查，向有关部门提出处理意见，并要求追究有关人员的责任。"
    assert not _penalties(text)
    assert "permission" in {n.modality for n in find_norms(text)}


@pytest.mark.parametrize(("text", "trigger"), [
    # 刑法 156 and 洛阳市《文物保护法》实施细则: punished as a crime, by a court
    ("与走私罪犯通谋，为其提供贷款、资金、帐号、发票、证明，或者为其提供运输、保管、邮寄或者其他"
     "方便的，以走私罪的共犯论处。", "以走私罪的共犯论处"),
    ("国家工作人员在经济往来中，违反国家规定，收受各种名义的回扣、手续费，归个人所有的，以受贿论处。",
     "以受贿论处"),
])
def test_punished_as_a_crime_is_a_court_sentence(text, trigger):
    assert ("人民法院", trigger) in {(n.actor, n.trigger) for n in find_norms(text)
                                 if n.modality == "penalty"}


@pytest.mark.parametrize("text", [
    "二人以上共同过失犯罪，不以共同犯罪论处；应当负刑事责任的，按照他们所犯的罪分别处罚。",
    # 土地管理法: land treated as illegally occupied is a deeming of the land, no crime named
    "超过批准的数量占用土地，多占的土地以非法占用土地论处。",
])
def test_not_punished_as_a_crime(text):
    assert not _penalties(text)


def test_suspending_business_or_withdrawing_a_qualification_is_a_penalty():
    # 海关行政处罚实施条例 and 浙江省高新技术促进条例
    triggers = [t for _, t in _penalties(
        "报关企业、报关人员非法代理他人报关或者超出海关准予的从业范围进行报关活动的，责令改正，"
        "处5万元以下罚款，暂停其6个月以内从事报关业务或者执业；情节严重的，撤销其报关注册登记、"
        "取消其报关从业资格。")]
    # (the revocation before it opens that part's penalty since session 21: 撤销 a grant)
    assert triggers[-1] in ("取消其报关从业资格", "撤销其报关注册登记")
    assert _penalties("企业采取欺骗手段骗取高新技术企业认定证书的，由负责认定的部门取消其资格，"
                      "在五年内不再受理该企业提出的高新技术企业资格认定申请。") == [
        ("负责认定的部门", "取消其资格")]
    # a condition item that merely names the measure imposes nothing
    assert _penalties("（四）有需要暂停其从事有关业务或者执业的其他违法行为的") == []


def test_a_possessive_before_the_licence_taken_is_not_a_relative_clause():
    # 河南省治理货物运输车辆超限超载条例 29: 吊销该车辆的车辆营运证
    assert _penalties("货运车辆一年内违法超限超载运输超过三次的，由道路运输管理机构吊销该车辆的"
                      "车辆营运证。") == [("道路运输管理机构", "吊销")]
    # a relative clause (被吊销…的) still imposes nothing
    assert _penalties("（一）实施严重道路交通违法行为，依法被处以暂扣机动车驾驶证、"
                      "吊销机动车驾驶证、拘留等行政处罚的；") == []


def test_suo_cheng_inside_a_noun_phrase_is_an_anaphor_not_a_definition():
    # 陆生野生动物保护实施条例: 进出口前款所称野生动物的，…应当经…审核同意
    assert [n.modality for n in find_norms(
        "动物园因交换动物需要进出口前款所称野生动物的，国务院林业行政主管部门批准前，"
        "应当经国务院建设行政主管部门审核同意。")] == ["obligation"]
    # 本法所称… opening the sentence defines a term: no norm
    assert find_norms("本条例所称的责令改正的期限，不得超过十五日；"
                      "停业整顿的期限为十五日以上六个月以下。") == []


# -- a verb that names the act is the subject (赔偿应当…, 上诉应当…) ------------------------------
# A sentence opening with a bare verb and a modal auxiliary states a rule about that act; the
# modal word binds. Not when the modal phrase is a relative clause on a noun (属于应当…的情形),
# when the words are another word and a modal (承租方|可以), or for 禁止 after a verb (作出禁止…).

_ACT_SUBJECTS = [
    ("上诉应当递交上诉状。", [("obligation", "应当")]),                       # 民事诉讼法
    ("询问应当制作询问笔录。", [("obligation", "应当")]),                     # 反洗钱法
    ("复检不得采用快速检测方法。", [("prohibition", "不得")]),                # 农产品质量安全法
    ("开标应当在招标文件规定的时间、地点公开进行。", [("obligation", "应当")]),  # 招标投标 办法
    # relative clauses and other words: no norm from the opening verb's modal
    ("属于应当提供法律援助的情形，被告人拒绝指派的律师为其辩护的，人民法院应当查明原因。",
     [("obligation", "应当")]),
    ("发生可以自行协商处理的财产损失事故，当事人可以通过互联网在线自行协商处理。",
     [("permission", "可以")]),
    ("作出禁止经营者集中的决定，应当说明理由。", [("obligation", "应当")]),
    # the act named with nouns and modifiers before its verb (计量法 10, 城市房地产管理法 25,
    # 民法典 1156, 行政强制法 51)
    ("计量检定必须按照国家计量检定系统表进行。", [("obligation", "必须")]),
    ("房地产开发必须严格执行城市规划，按照经济效益、社会效益、环境效益相统一的原则，实行全面规划、"
     "合理布局、综合开发、配套建设。", [("obligation", "必须")]),
    ("遗产分割应当有利于生产和生活需要，不损害遗产的效用。", [("obligation", "应当")]),
    ("代履行不得采用暴力、胁迫以及其他非法方式。", [("prohibition", "不得")]),
    # negatives: 是否 asks (最高人民法院关于互联网法院审理案件若干问题的规定 11), and a party
    # before the verb makes subject and verb, not an act's name
    ("电子数据是否可以通过特定形式得到验证。", []),
    ("当事人申请应当符合下列条件。", []),
]


@pytest.mark.parametrize(("text", "expected"), _ACT_SUBJECTS)
def test_a_verb_naming_the_act_is_the_subject(text, expected):
    assert [(n.modality, n.trigger) for n in find_norms(text)] == expected


def test_encouraging_after_a_duty_of_no_party_is_the_texts_own():
    # 北京市城乡规划条例 24 and 日照市海岸带保护与利用管理条例 44: an act bound by 应当, then 鼓励
    # opening a clause: the law encourages (no party bound by the duty can be the encourager)
    for text in ("本市城乡规划实施应当按照减量提质的要求，建立城乡建设用地减量、增减挂钩、"
                 "综合平衡的实施机制，优化利用疏解腾退空间，鼓励对存量建设用地和存量建筑进行更新改造。",
                 "旅游开发应当充分满足公众高品质近海亲海需求，鼓励建设景观优美、具有休闲旅游与公众"
                 "游憩功能、集生态保护与旅游开发为一体的开放式旅游海岸带。"):
        assert ("encouragement", "鼓励") in {(n.modality, n.trigger) for n in find_norms(text)}
    # negative (广东省粮食安全保障条例 9, a government bound): encouraging is what it must do
    text = ("县级以上人民政府应当采取多种形式，鼓励社会资金投资建设粮食生产和流通基础设施。")
    assert [n.modality for n in find_norms(text)] == ["obligation"]


def test_a_word_ending_in_a_verb_before_a_modal_is_no_act_subject():
    # 承租方|可以 (全民所有制小型工业企业租赁经营暂行条例): 承租 + 方可 is a misreading
    assert all(n.trigger != "方可" for n in find_norms("承租方可以采取下列形式承租经营企业："))


# -- 他人 is an object, never part of the subject ---------------------------------------------
# After a whole subject, the word before 他人 is a verb (委托, 指使, 雇佣…), whatever jieba tags.

_OTHERS_CASES = [
    ("数据处理者委托他人代为处理数据的，应当与其订立数据安全保护合同。", ["数据处理者"]),
    ("村集体经济组织委托他人经营的，应当依法签订合同。", ["村集体经济组织"]),
    ("当事人可以委托他人代为出租或者承租房屋。", ["当事人"]),            # 他人 after the modal
]


@pytest.mark.parametrize(("text", "actors"), _OTHERS_CASES)
def test_others_are_the_object_not_the_subject(text, actors):
    assert [n.actor_raw for n in find_norms(text)] == actors


# -- 应 inside a word is no modal word (应急管理部门, 有权机关) ------------------------------------
# A sanction ordered by a body is a sanction unless a modal word binds the body to order it;
# the modal words are read as the modal-words table reads them, not as bare characters.

def test_a_body_whose_name_holds_a_modal_character_still_sanctions():
    # 丽水市烟花爆竹经营燃放管理规定 15 and 云浮市优化营商环境条例 30
    for text, body in (
            ("违反本规定第十条第三款规定，从事烟花爆竹批发的企业未按照规定建立经营档案或者"
             "留存备查的，由应急管理部门责令限期改正；", "应急管理部门"),
            ("国家机关及其工作人员违反本条例的规定，损害营商环境的，由有权机关责令改正；",
             "有权机关")):
        assert [(n.modality, n.actor_raw) for n in find_norms(text)] == [("penalty", body)]
    # negative (行政复议法): 应当 binds the body to order: a duty, not a sanction
    text = ("公民、法人或者其他组织依法提出行政复议申请，行政复议机关无正当理由不予受理的，"
            "上级行政机关应当责令其受理；")
    assert [n.modality for n in find_norms(text)] == ["obligation"]


# -- 责令退还/退回…的… is a sanction: the 的 modifies what is given back --------------------------

def test_an_order_to_give_back_is_a_sanction():
    # 宁波市学前教育促进条例 48: no fine beside it, the restitution order is the sanction
    text = ("学前教育机构不按照规定用途使用补助的学前教育发展专项资金的，由教育行政部门按照规定"
            "责令退还已拨付的款项，并在两年内不予拨付同类专项资金，取消其当年获得补助与奖励的资格。")
    assert [(n.modality, n.actor_raw) for n in find_norms(text)] == [("penalty", "教育行政部门")]
    # negative: 责令退还的期限 is a time limit named by a relative clause, nothing is ordered
    assert not any(n.modality == "penalty" for n in find_norms(
        "当事人对责令退还的期限有异议的，可以申请复议。"))


# -- 采取责令…等措施 names a measure; it imposes no sanction ------------------------------------

def test_taking_measures_named_by_an_order_is_no_sanction():
    # 漯河市扬尘污染防治条例 25: an emergency measure of the government
    text = ("市、县人民政府依据重污染天气的预警等级，及时启动应急预案，根据应急需要采取责令有关"
            "施工单位停止土方作业和建（构）筑物拆除施工等措施。")
    assert not any(n.modality == "penalty" for n in find_norms(text))
    # negative (丽水市烟花爆竹经营燃放管理规定 15): 由…责令 imposes one
    text = ("违反本规定第十条第三款规定，从事烟花爆竹批发的企业未按照规定建立经营档案或者"
            "留存备查的，由应急管理部门责令限期改正；")
    assert [n.modality for n in find_norms(text)] == ["penalty"]


# -- 经批准…的 + party: a relative clause on the party ---------------------------------------------
# A 经 phrase that names the approval and no approver, closed by 的 before a party, says which
# parties are meant (经批准占用、挖掘道路的单位); a 经 phrase naming the approver's act is a means
# (经各自的业主大会同意后), and a name that goes on after the party is no party.

_VIA_RELATIVE = [
    # 青岛市市政工程设施管理办法 14
    ("经批准占用、挖掘道路的单位，必须在现场的显著位置设立标志牌。", "经批准占用、挖掘道路的单位"),
    # 山东省海洋环境保护条例 29
    ("经依法批准从事填海活动的单位和个人，应当采取防止海洋污染的有效措施。",
     "经依法批准从事填海活动的单位和个人"),
    # 山东省基本农田保护条例 17
    ("经依法批准占用基本农田的单位，应当依法履行耕地开垦义务或者缴纳耕地开垦费。",
     "经依法批准占用基本农田的单位"),
    # negatives: 清远市住宅小区物业管理条例 14 (the owners' assembly approves), 青岛市科技创新
    # 促进条例 34 (高新技术企业…用房: the buildings, not the firm)
    ("不同物业管理区域地理上自然相连的，经各自的业主大会同意后，可以合并为一个物业管理区域。", ""),
    ("经认定的高新技术企业新建生产性用房、研究开发机构用房，对其应当缴纳的城市建设配套费可以给予"
     "优惠。", ""),
]


@pytest.mark.parametrize(("text", "actor"), _VIA_RELATIVE)
def test_an_approval_phrase_closed_by_de_is_a_relative_clause_on_the_party(text, actor):
    assert [n.actor_raw for n in find_norms(text)] == [actor]


# -- A court's disposition of an offender binds no party of the condition ----------------------
# 可以从轻处罚, 应当减轻处罚, 可以不起诉, 可以免予刑事处罚, 可以认定为…: only a court or a
# procuratorate disposes; the offender a condition names is not the norm's actor (a body
# the text names keeps it).

def test_a_sentencing_disposition_is_not_the_offenders_permission():
    # 刑法 390 (行贿人…的，可以从轻或者减轻处罚), 民法典 1188 (监护人…的，可以减轻其侵权责任)
    for text in ("行贿人在被追诉前主动交待行贿行为的，可以从轻或者减轻处罚。",
                 "监护人尽到监护职责的，可以减轻其侵权责任。"):
        assert [(n.modality, n.actor) for n in find_norms(text)] == [("permission", None)]
    # the court the text names keeps the disposition (刑事诉讼法解释 596)
    text = ("对达成和解协议的案件，人民法院应当对被告人从轻处罚；符合非监禁刑适用条件的，应当适用"
            "非监禁刑；判处法定最低刑仍然过重的，可以减轻处罚；综合全案认为犯罪情节轻微不需要判处"
            "刑罚的，可以免予刑事处罚。")
    assert {n.actor for n in find_norms(text)} == {"人民法院"}
    # a ruling on a party's claim (最高人民法院…执行异议…规定: …受让人提出排除执行异议的，应予支持)
    text = "符合物权登记条件，受让人提出排除执行异议的，应予支持。"
    assert [(n.modality, n.actor) for n in find_norms(text)] == [("obligation", None)]
    # negative: 应当予以支持 is a duty to support (a party of the condition bears it)
    assert {n.actor for n in find_norms("辖区单位有条件的，应当予以支持。")} == {"辖区单位"}
    # negative (住房公积金管理条例 38): a party's own act after 可以 keeps the party
    text = ("违反本条例的规定，单位逾期不缴或者少缴住房公积金的，由住房公积金管理中心责令限期缴存；"
            "逾期仍不缴存的，可以申请人民法院强制执行。")
    assert ("permission", "住房公积金管理中心") in {
        (n.modality, n.actor_raw) for n in find_norms(text)}


@pytest.mark.parametrize(("raw", "actor"), [
    ("国家网信部门", "主管部门"),                  # any …部门 is the competent department
    ("县级以上人民政府体育主管部门", "主管部门"),
    ("主管机关", "主管机关"),                      # an organ (…机关) keeps the text's words
    ("国务院交通主管机关", "国务院交通主管机关"),
    ("公安机关", "公安机关"),
])
def test_only_a_department_is_normalised_to_the_competent_department(raw, actor):
    # DESIGN.md: actors are normalized to 主管部门 from any …部门; 机关 is not one
    assert normalize_actor(raw) == actor


def test_the_body_recommended_to_impose_a_sanction_imposes_it():
    # 商业银行法 76: the central bank recommends, the banking supervisor orders
    text = ("情节特别严重或者逾期不改正的，中国人民银行可以建议国务院银行业监督管理机构责令停业整顿"
            "或者吊销其经营许可证；")
    assert [(n.modality, n.actor_raw) for n in find_norms(text)] == [
        ("penalty", "国务院银行业监督管理机构")]
    # negative (监察法 62): a recommendation inside the offence hands nothing over
    text = ("有关单位拒不执行监察机关作出的处理决定，或者无正当理由拒不采纳监察建议的，"
            "由其主管部门、上级机关责令改正，对单位给予通报批评；")
    assert {n.actor_raw for n in find_norms(text) if n.modality == "penalty"} == {
        "主管部门、上级机关"}


def test_an_item_naming_a_sanction_is_one_of_the_measures_a_chapeau_allows():
    # 潍坊市城市绿化条例 36: the fourth measure is an order; it is still a measure the
    # inspecting bodies may take, beside being a sanction
    doc = regtext.parse("第三十六条 城市绿化行政主管部门以及其他行政执法部门进行监督检查时，"
                        "有权采取下列措施：\n（一）要求有关单位和人员提供与监督检查事项有关的文件、"
                        "资料；\n（二）根据需要进入现场进行勘测；\n（三）责令有关单位和人员停止城市"
                        "绿化违法行为。\n")
    rows = regtext.obligations(doc)
    assert set(rows[rows.ref == "36.1.3"].modality) == {"permission", "penalty"}
    # negative: an item that is a case with its own sanction inherits nothing
    # (违反…的，处…罚款 under a chapeau that hands the list to a body)
    doc = regtext.parse("第六条 违反本条例规定的，由公安机关按照下列规定处罚：\n"
                        "（一）未按规定登记的，处二百元以上五百元以下罚款；\n")
    rows = regtext.obligations(doc)
    assert set(rows[rows.ref == "6.1.1"].modality) == {"penalty"}


def test_the_items_carry_the_norm_of_the_clause_that_introduces_them():
    # 潍坊市禁用限用剧毒高毒农药条例 25: the measures are what the inspectors may take, not
    # what the inspected must not refuse
    doc = regtext.parse("第二十五条 行政执法人员依法实施监督检查，可以采取下列措施，有关单位和个人"
                        "应当予以配合，不得拒绝和阻挠：\n（一）进入经营、使用场所实施现场检查；\n"
                        "（二）对经营、使用的农药实施抽查检测；\n")
    rows = regtext.obligations(doc)
    items = rows[rows.ref.isin(["25.1.1", "25.1.2"])]
    assert set(zip(items.modality, items.actor)) == {("permission", "行政执法人员")}


def test_a_word_inside_a_time_adverbial_states_no_norm():
    # 北京市人口与计划生育条例: 在国家提倡…期间 dates the rule; the state encourages nothing here
    text = ("在国家提倡一对夫妻生育一个子女期间，第一胎生育双胞或者多胞的夫妻，不领取《独生子女父母"
            "光荣证》，凭女方户籍所在地乡镇人民政府或者街道办事处出具的证明，享受前款第（三）项规定"
            "以外的奖励和优待，但只享受一份独生子女奖励待遇。")
    assert not any(n.trigger == "提倡" for n in find_norms(text))
    # 外交特权与豁免条例: the duty before the adverbial stands; 负责 inside it is no duty
    text = ("临时外交信使必须持有派遣国主管机关出具的临时信使证明书，在其负责携带外交邮袋期间，"
            "享有与外交信使同等的豁免。")
    assert [n.trigger for n in find_norms(text)] == ["必须"]


@pytest.mark.parametrize(("text", "modality", "actor"), [
    # a sanctioning body read from the masked clause keeps its parenthesis, without blanks
    # (a 自治县 planning regulation: 由镇（乡）人民政府责令…)
    ("在乡、村庄规划区内违反规划违法建设的建（构）筑物，由镇（乡）人民政府责令停止建设，限期改正。",
     "penalty", "镇（乡）人民政府"),
    # the text's own ASCII brackets are kept (潍坊市文明行为促进条例 style: 市、区(市)人民政府)
    ("市、区(市)人民政府应当推进诚信体系建设，建立公民文明行为数据的归集整合制度。",
     "obligation", "市、区(市)人民政府"),
    # negative: a name with no parenthesis is written as before
    ("市人民政府应当推进诚信体系建设。", "obligation", "市人民政府"),
])
def test_an_actor_is_written_with_the_texts_own_parentheses(text, modality, actor):
    assert [(n.modality, n.actor_raw) for n in find_norms(text)] == [(modality, actor)]


@pytest.mark.parametrize(("text", "actor"), [
    # a verb and a verbal noun before a body's head name the body (机动车|驾驶|培训|机构), as
    # 调查人员 and 管理部门 do
    ("机动车驾驶培训机构在开展培训过程中，应当加强对教练员、学员的交通安全教育。",
     "机动车驾驶培训机构"),
    # negative (LawRefBook, 乡镇煤矿): nouns, a verb and its object: the nouns act
    ("乡镇煤矿开采煤炭资源，应当遵循开发与保护并重的原则，依法办矿，安全生产，文明生产。",
     "乡镇煤矿"),
])
def test_a_verb_and_verbal_noun_before_a_head_name_the_body(text, actor):
    assert [n.actor_raw for n in find_norms(text)] == [actor]


def test_a_de_inside_a_prepositional_object_keeps_the_norm_after_a_rule_adverbial():
    # 对外赠送和接受礼品管理规定 style (LawRefBook): 按照有关规定负责对…的情况进行监督: the 的 is
    # inside the object of 对, the 负责 is the body's duty
    text = "国家行政监察机关按照有关规定负责对对外赠送和接受礼品的情况进行监督、检查。"
    assert [(n.actor, n.trigger) for n in find_norms(text)] == [("国家行政监察机关", "负责")]
    # negative (a registration regulation): 依照本条例规定应当公告的事项 is a relative clause
    assert find_norms("依照本条例规定应当公告的事项，由登记机构在其门户网站公告。") == []
