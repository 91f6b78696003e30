"""Which norms a clause holds, on real law text (LawRefBook copies, outside the gold samples):
duties inside liability clauses, orders that answer an offence, duty lists whose items carry
sanctions, definition lists, and source lines broken inside a 款 or 项."""

from __future__ import annotations

import regtext
from regtext.extract.norms import find_norms


def _modalities(text: str) -> set[str]:
    return {n.modality for n in find_norms(text)}


def _rows(text: str) -> set[tuple[str, str, str | None]]:
    df = regtext.obligations(regtext.parse(text))
    return {(r["ref"], r["modality"], r["actor"]) for r in df.to_dict("records")}


# -- duties inside liability clauses ------------------------------------------------------

# 上海市献血条例: a duty to compensate between a 责令 and a 处分
BLOOD = ("医疗机构的医务人员违反本条例的规定，将不符合国家规定标准的血液用于患者的，由市或者区、县"
         "卫生行政部门责令改正；给患者健康造成损害的，应当依法赔偿，对直接负责的主管人员和其他直接"
         "责任人员，依法给予行政处分；构成犯罪的，依法追究刑事责任。")


def test_a_duty_to_make_good_inside_a_liability_clause_is_an_obligation():
    norms = find_norms(BLOOD)
    assert [n.trigger for n in norms if n.modality == "obligation"] == ["应当"]
    assert "penalty" in {n.modality for n in norms}


def test_no_duty_without_a_modal_word_in_the_liability_clause():
    # 社会保险法 第八十四条: 处应缴…费数额…的罚款 names an amount, not a duty
    text = ("用人单位不办理社会保险登记的，由社会保险行政部门责令限期改正；逾期不改正的，对用人单位"
            "处应缴社会保险费数额一倍以上三倍以下的罚款，对其直接负责的主管人员和其他直接责任人员处"
            "五百元以上三千元以下的罚款。")
    assert _modalities(text) == {"penalty"}


def test_a_duty_word_naming_a_body_in_a_liability_clause_is_no_duty():
    # 地质资料管理条例 第二十条: 负责接收…的部门 names the sanctioning body
    text = ("未依照本条例规定的期限汇交地质资料的，由负责接收地质资料的地质矿产主管部门责令"
            "限期汇交；逾期不汇交的，处1万元以上5万元以下罚款。")
    assert _modalities(text) == {"penalty"}


def test_should_have_but_did_not_describes_an_offence():
    # 应报未报 (a 应 before X未X): the offence, not a duty to report
    text = ("对重大事项应报未报、报告不实，或者在答复询问、质询和接受特定问题调查中隐瞒实情的，"
            "由有权机关依法追究相关人员的责任。")
    assert "obligation" not in _modalities(text)
    # 应报经…批准 is a duty (公园条例)
    text = "公园内举办规模较大或对本市有重大影响的公众活动，应报经市人民政府批准。"
    assert "obligation" in _modalities(text)


# -- 应当责令 ------------------------------------------------------------------------------

def test_an_order_to_stop_an_offence_is_a_sanction_and_a_duty():
    # 济南市水土保持条例 第二十九条: the body that finds the offence gives the order
    text = ("水行政主管部门检查发现生产建设活动存在违反水土保持法律、法规规定行为的，"
            "应当责令限期改正。")
    got = {(n.modality, n.actor) for n in find_norms(text)}
    assert ("penalty", "主管部门") in got and ("obligation", "主管部门") in got
    # 上海市商品包装物减量若干规定 第十一条: the body is the subject
    text = "生产者违反强制性规定进行商品包装的，质量技术监督部门应当责令停止违法行为，限期改正。"
    assert {"penalty", "obligation"} <= _modalities(text)


def test_an_order_that_answers_no_offence_is_only_a_duty():
    # 治安管理处罚法: 责令其监护人严加管教 orders a third party, not the offender to stop
    text = "不满十四周岁的人违反治安管理的，不予处罚，但是应当责令其监护人严加管教。"
    assert "penalty" not in _modalities(text)
    # 民事诉讼法: a procedural order
    text = "财产被查封、扣押后，执行员应当责令被执行人在指定期间履行法律文书确定的义务。"
    assert _modalities(text) == {"obligation"}


# -- items --------------------------------------------------------------------------------

# 北京市大型群众性活动安全管理条例 第十三条 (first, fifth and sixth items)
DUTIES = """第十三条 公安机关在大型活动安全监督管理工作中应当履行下列职责：
（一）制定大型活动安全许可和安全监督管理的工作规范和标准，并向社会公布；
（五）在大型活动举办前，对活动场所组织专项安全检查，发现安全隐患的责令改正；
（六）在大型活动举办过程中，对安全工作的落实进行指导、监督和检查，发现安全隐患的责令改正；
"""


def test_an_item_of_a_duty_list_with_a_sanction_keeps_the_duty_and_its_body():
    rows = _rows(DUTIES)
    for ref in ("13.1.5", "13.1.6"):
        assert (ref, "obligation", "公安机关") in rows
        assert (ref, "penalty", "公安机关") in rows
    assert ("13.1.1", "obligation", "公安机关") in rows


def test_items_of_a_case_list_with_a_sanction_stay_conditions():
    # 会计法-style liability chapeau: the items are the offences, no duty of their own
    text = """第四十条 违反本法规定，有下列行为之一的，由县级以上人民政府财政部门责令限期改正，\
给予警告：
（一）不依法设置会计账簿的；
（二）私设会计账簿的；
"""
    rows = _rows(text)
    assert not any(ref.startswith("40.1.") and mod == "obligation" for ref, mod, _ in rows)


def test_items_of_a_definition_carry_no_norms():
    # 最高人民法院关于适用《刑事诉讼法》的解释 第五百二十一条
    text = """第五百二十一条 刑事裁判涉财产部分的执行，是指发生法律效力的刑事裁判中下列判项的执行：
（一）罚金、没收财产；
（二）追缴、责令退赔违法所得；
（五）其他应当由人民法院执行的相关涉财产的判项。
"""
    assert not any(ref.startswith("521.1.") for ref, _, _ in _rows(text))


def test_a_definition_that_lists_rules_keeps_their_norms():
    # 滨州市电梯安全管理条例 第十二条: 是指…，按照以下方式确定： lists rules
    text = """第十二条 使用管理单位，是指对电梯使用安全进行管理的责任主体，按照以下方式确定：
（一）未移交所有权人的，建设单位为使用管理单位；
（四）出租场所的电梯，可以约定使用管理单位；没有约定的，出租方为使用管理单位；
"""
    assert ("12.1.4", "permission") in {(ref, mod) for ref, mod, _ in _rows(text)}


# -- source lines broken inside a 款 ------------------------------------------------------

def test_a_sentence_broken_over_source_lines_is_one_paragraph():
    # 焦作市城市绿化条例 第二十条, as LawRefBook prints it (blank lines between the pieces)
    doc = regtext.parse("第二十条 公园绿地的建设，应当体现地域、历史、文化特\n\n"
                        "色，提升城市文化品位，打造精品公园。\n\n"
                        "第二十一条 行道树栽植应当选择适宜的树种。\n\n"
                        "高速公路、城市高架、城市桥梁等的出入口周边，应当按照道路绿化规划与设计规范实施绿化。")
    assert [n.ref for n in doc if n.kind == "paragraph"] == ["20.1", "21.1", "21.2"]
    assert doc.get("20.1").text.endswith("文化特色，提升城市文化品位，打造精品公园。")


def test_a_line_without_punctuation_opens_no_run_on():
    # 最高人民法院关于审理存单纠纷案件的若干规定: an article's own title line stays apart
    doc = regtext.parse("第三条 存单纠纷案件的受理与中止\n\n"
                        "存单纠纷案件当事人向人民法院提起诉讼，人民法院应当依照《中华人民共和国民事诉讼法》"
                        "第一百零八条的规定予以审查。")
    assert [n.ref for n in doc if n.kind == "paragraph"] == ["3.1", "3.2"]


def test_a_displayed_formula_belongs_to_the_paragraph_that_announces_it():
    # 契税暂行条例 第五条
    doc = regtext.parse("第五条 契税应纳税额，依照本条例第三条规定的税率和第四条规定的计税依据"
                        "计算征收。应纳税额计算公式：\n\n应纳税额＝计税依据×税率\n\n"
                        "应纳税额以人民币计算。转移土地、房屋权属以外汇结算的，按照纳税义务发生之日中国人民"
                        "银行公布的人民币市场汇率中间价折合成人民币计算。")
    assert [n.ref for n in doc if n.kind == "paragraph"] == ["5.1", "5.2"]
    assert "应纳税额＝计税依据×税率" in doc.get("5.1").text
    assert doc.get("5.2").text.startswith("应纳税额以人民币计算")


def test_a_formula_after_a_finished_sentence_is_its_own_paragraph():
    # 关于职工全年月平均工作时间和工资折算问题的通知: the formula follows a full stop
    doc = regtext.parse("第一条 小时工资：月工资收入÷（月计薪天数×8小时）。\n\n"
                        "月计薪天数＝（365天-104天）÷12月＝21.75天")
    assert [n.ref for n in doc if n.kind == "paragraph"] == ["1.1", "1.2"]


# -- norms3: referral penalties, 为 + beneficiary, knowledge standards ------------------------

def test_a_penalty_by_referral_with_jinxing_chufa_is_a_penalty():
    # 地图管理条例: 依照《测绘法》的有关规定进行处罚 hands the offence to another law's penalties
    text = ("违反本条例规定，未取得测绘资质证书或者超越测绘资质等级许可的范围从事地图编制活动或者"
            "互联网地图服务活动的，依照《中华人民共和国测绘法》的有关规定进行处罚。")
    assert _modalities(text) == {"penalty"}
    # negative: a power to punish later, no liability clause (校车安全管理条例)
    text = ("交通警察对违反道路交通安全法律法规的校车，可以在消除违法行为的前提下先予放行，待校车"
            "完成接送学生任务后再对校车驾驶人进行处罚。")
    assert "penalty" not in _modalities(text)
    # negative: asking a body to punish is no penalty (上海市实施《妇女权益保障法》办法)
    text = ("受到性骚扰或者家庭暴力的妇女，可以依法提请公安机关对违法行为人进行处罚，也可以依法向"
            "人民法院提起民事诉讼。")
    assert _modalities(text) == {"permission"}


def test_wei_before_a_beneficiary_is_the_preposition_for_not_the_copula():
    # 出境入境管理法 39: …的有关规定为其办理 — 为其 is "for him", the duty stands
    text = ("外国人在中国境内旅馆住宿的，旅馆应当按照旅馆业治安管理的有关规定为其办理住宿登记，"
            "并向所在地公安机关报送外国人住宿登记信息。")
    assert ("obligation", "旅馆") in {(n.modality, n.actor) for n in find_norms(text)}
    text = "华侨、港澳投资者在境内投资可以委托境内的亲友为其代理人。"
    assert _modalities(text) == {"permission"}
    # negative: a modal word inside a subject followed by the copula 为 opens no norm
    assert _modalities("申请人可以申请的期限为六十日。") == set()


def test_should_have_known_is_a_knowledge_standard_not_a_duty():
    # 民法典 担保制度解释: 知道或者应当知道 describes what a party knew
    assert _modalities("（四）抵押权人知道或者应当知道抵押财产被查封、扣押；") == set()
    text = ("以买卖或者其他方式转让拼装或者已经达到报废标准的机动车，发生交通事故造成损害，转让人、"
            "受让人以其不知道且不应当知道该机动车系拼装或者已经达到报废标准为由，主张不承担侵权责任"
            "的，人民法院不予支持。")
    assert "prohibition" not in _modalities(text)
    # negative: 应当 before another verb of knowing is still a duty (应当告知)
    text = "用人单位应当告知劳动者工作内容、工作条件、工作地点、职业危害、安全生产状况、劳动报酬。"
    assert _modalities(text) == {"obligation"}


def test_an_institution_ending_in_suo_before_youquan_is_a_permission():
    # 上海航运交易所管理规定 28: 航运交易所|有权, not …所有权 (ownership)
    text = ("会员和出市代表违反本规定、航运交易所章程和交易规则的，航运交易所有权责令当事人停止违法"
            "行为，并可以视情节给予警告、暂停进场交易或者取消会员资格的处理。")
    assert ("permission", "航运交易所") in {(n.modality, n.actor) for n in find_norms(text)}
    # negative: ownership stays a noun (矿产资源法 3)
    assert _modalities("矿产资源属于国家所有，由国务院行使国家对矿产资源的所有权。") == set()


def test_suspending_a_licence_is_a_penalty():
    # 危险废物经营许可证管理办法: 暂扣…许可证 (行政处罚法: 暂扣许可证件) is a sanction
    text = ("违反本办法第十一条规定的，由县级以上地方人民政府环境保护主管部门责令限期改正，"
            "给予警告；逾期不改正的，由原发证机关暂扣危险废物经营许可证。")
    assert ("penalty", "原发证机关") in {(n.modality, n.actor) for n in find_norms(text)}
    # negative: a receipt for goods held (暂扣凭证) and a held licence in a case are no penalty
    text = ("车辆无营运权证从事出租汽车服务且无法当场提供其他有效证件的，交通运输主管部门可以扣押其"
            "车辆，并出具省交通运输主管部门统一印制的暂扣凭证。")
    assert "penalty" not in _modalities(text)
    text = ("（一）实施严重道路交通违法行为，依法被处以暂扣机动车驾驶证、吊销机动车驾驶证、拘留等"
            "行政处罚的；")
    assert "penalty" not in _modalities(text)
