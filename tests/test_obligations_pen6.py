"""Penalties next to duties, the authority that imposes them, confiscated things (session 19).

Each rule has a case where it fires and one where it must not, on LawRefBook law text
(never a sentence of a gold sample).
"""

from __future__ import annotations

from regtext.extract.norms import find_norms


def _norms(text: str) -> list[tuple[str | None, str, str]]:
    return [(n.actor_raw or None, n.modality, n.trigger) for n in find_norms(text)]


def _penalty_actors(text: str) -> list[str | None]:
    return [n.actor_raw or None for n in find_norms(text) if n.modality == "penalty"]


# -- a sanction after a new condition does not swallow the duty before it ----------------------


def test_a_duty_before_a_new_condition_stands_beside_its_sanction():
    # 宗教事务条例 第六十四条: the departments must reorganise; who refuses loses the licence
    text = ("宗教团体、宗教院校或者宗教活动场所有前款行为，情节严重的，有关部门应当采取必要的"
            "措施对其进行整顿，拒不接受整顿的，由登记管理机关或者批准设立机关依法吊销其登记证书"
            "或者设立许可。")
    norms = _norms(text)
    assert ("有关部门", "obligation", "应当") in norms
    assert ("登记管理机关或者批准设立机关", "penalty", "吊销") in norms
    penalty = next(n for n in find_norms(text) if n.modality == "penalty")
    assert penalty.text.startswith("拒不接受整顿的")  # the penalty is the later clause only
    # 重庆市市容环境卫生管理条例 第十六条: a duty to order, then a fine for who does not comply
    text = ("未及时清洗或修复的，市容环境卫生主管部门应责令限期清洗或修复，逾期不清洗或修复的，"
            "处以每日五十元的罚款。")
    assert [(m, t) for _, m, t in _norms(text)] == [("obligation", "应"), ("penalty", "罚款")]


def test_a_liability_clause_with_a_second_condition_stays_one_penalty_list():
    # 杭州市生活垃圾管理条例 第六十八条: 责令改正 is itself the sanction, no duty appears
    text = ("违反本条例第三十五条规定，将绿化园林养护产生的枝条、树叶、枯树等绿化垃圾混入生活"
            "垃圾投放的，由城市管理行政执法部门责令改正，拒不改正的，处一千元以上一万元以下罚款。")
    norms = _norms(text)
    assert [m for _, m, _ in norms] == ["penalty"]
    assert norms[0][0] == "城市管理行政执法部门"


# -- a later sanction with no body takes the enforcing authority of the sentence ---------------


def test_a_later_part_takes_the_authority_bound_earlier_in_the_sentence():
    # 北京市实施《防震减灾法》规定 第二十八条
    text = ("违反本规定第七条第二款规定，建设单位未建设强震动监测设施的，地震工作主管部门应当"
            "责令限期改正；逾期不改正的，处2万元以上20万元以下罚款。")
    assert _penalty_actors(text) == ["地震工作主管部门"]
    # 威海市文明行为促进条例: the police bound to educate also order and fine
    text = ("公安机关应当对违法行为人进行批评教育，责令改正；拒不改正的，处二百元以上五百元以下"
            "罚款。")
    assert _penalty_actors(text) == ["公安机关", "公安机关"]


def test_a_private_party_or_another_sentence_lends_no_authority():
    # 北京市实施《矿山安全法》办法 第十九条: the party bound to pay imposes nothing
    text = ("当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行缴纳罚款；到期不缴纳罚款"
            "的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额。")
    assert "当事人" not in _penalty_actors(text)
    # 河南省反不正当竞争条例 第三十五条: the first sentence's sanctions are the department's; the
    # next sentence (其中，…) names no body and borrows none across the full stop
    text = ("经营者捏造、散布虚伪事实，损害竞争对手的商业信誉、商品声誉的，监督检查部门应责令其"
            "停止违法行为，消除影响，恢复名誉，并根据情节处以一万元以上二十万元以下的罚款。其中，"
            "已造成较轻影响的，处以一万元以上五万元以下的罚款；造成重大影响的，处以五万元以上十万"
            "元以下的罚款。")
    assert _penalty_actors(text) == ["监督检查部门", None, None]
    # 节约能源法 第六十八条: a body named in the offence (负责… is no modal auxiliary) is the
    # offender, not the one that disciplines
    assert _penalty_actors("负责审批政府投资项目的机关违反本法规定，对不符合强制性节能标准的项目"
                           "予以批准建设的，对直接负责的主管人员和其他直接责任人员依法给予处分。"
                           ) == [None]


# -- 没收 of the things of the offence is a sanction ------------------------------------------


def test_confiscating_the_tools_or_goods_of_the_offence_is_a_penalty():
    # 渔业船舶检验条例 第三十二条
    text = ("违反本条例规定，渔业船舶未经检验、未取得渔业船舶检验证书擅自下水作业的，没收该渔业"
            "船舶。")
    assert [m for _, m, _ in _norms(text)] == ["penalty"]
    # 上海市邮电通信规定: the confiscation as a time clause of a duty is no sanction
    assert "penalty" not in [m for _, m, _ in _norms(
        "扣留、没收国际邮递物品时，应当书面通知邮政机构及相关邮件的收件人或者寄件人。")]
    # a confiscated thing as the subject of a duty (…没收物品应当…) is no sanction either
    assert "penalty" not in [m for _, m, _ in _norms(
        "没收物品应当列出清单，罚款和没收物品应当出具由省财政部门统一制发的票据。")]


def test_a_body_named_after_broadcasting_is_the_sanctioning_body():
    # 河南省广播电视管理条例 第四十六条: the 视 of 广播电视 does not end the body's name
    text = ("违反本条例规定，未经批准开办广播电台、电视台、有线广播电视站的，由省广播电视行政部门"
            "责令其停止播出，没收设备，并视情节轻重处以其投资总额一至二倍的罚款；对直接责任人处以"
            "五千元以上一万元以下的罚款。")
    assert _penalty_actors(text)[0] == "省广播电视行政部门"
    # 视其情节 after a body still ends it (the sanction's adverb, not part of the name)
    text = ("被依法给予行政处分或者追究刑事责任的行政执法人员，由颁发行政执法证件的机关视其情节"
            "轻重暂扣或者吊销行政执法证件。")
    assert _penalty_actors(text)[0] == "颁发行政执法证件的机关"
