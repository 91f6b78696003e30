"""A unit named after 由 right before a sanction verb imposes that sanction (session 21).

所在单位, 有关单位, 生产经营单位 are no public authorities, but 由所在单位给予处分 names the body
that disciplines. Each case is LawRefBook law text (never a sentence of a gold sample).
"""

from __future__ import annotations

import pytest

from regtext.extract.norms import find_norms


def _penalties(text: str) -> list[tuple[str | None, str]]:
    return [(n.actor_raw or None, n.trigger) for n in find_norms(text) if n.modality == "penalty"]


@pytest.mark.parametrize("text, expected", [
    # 安全生产法 (2021) 第一百零七条
    ("生产经营单位的从业人员不落实岗位安全责任，不服从管理，违反安全生产规章制度或者操作规程的，"
     "由生产经营单位给予批评教育，依照有关规章制度给予处分；构成犯罪的，依照刑法有关规定追究刑事责任。",
     ("生产经营单位", "给予处分")),
    # 公益事业捐赠法 第三十一条
    ("受赠单位的工作人员，滥用职权，玩忽职守，徇私舞弊，致使捐赠财产造成重大损失的，"
     "由所在单位依照有关规定予以处理；构成犯罪的，依法追究刑事责任。",
     ("所在单位", "予以处理")),
    # 宁波市出租汽车客运管理条例 第四十三条: the unit that licensed revokes
    ("出租汽车经营者违反本条例第二十四条规定的，由出租汽车管理机构责令其改正，处三百元以上三千元以下罚款，"
     "可以并处暂扣三十日以下的车辆营运权证；情节严重的，由原许可单位吊销车辆营运权证。",
     ("原许可单位", "吊销")),
])
def test_a_unit_before_a_sanction_verb_imposes_it(text, expected):
    assert expected in _penalties(text)


def test_a_unit_before_another_verb_imposes_nothing():
    # 物业管理 rule: 由建设单位承担 is who bears a cost, not a sanction
    assert find_norms("住宅物业尚在工程质量保修期内的整改费用由建设单位承担，"
                      "超出保修期的整改费用由全体业主共同承担。") == []


def test_a_units_discipline_does_not_reach_the_next_part():
    # 老年人权益保障法 (2018) 第七十六条: the unit only educates; the police impose the
    # 治安管理处罚 of the next ；-part
    text = ("干涉老年人婚姻自由，对老年人负有赡养义务、扶养义务而拒绝赡养、扶养，"
            "虐待老年人或者对老年人实施家庭暴力的，由有关单位给予批评教育；构成违反治安管理行为的，依法给予治安管理处罚；"
            "构成犯罪的，依法追究刑事责任。")
    assert all(actor != "有关单位" for actor, _ in _penalties(text))


def test_a_unit_named_after_a_preposition_is_the_offender_not_the_body():
    # 北京市民兵预备役工作条例 第十九条: 由人民武装部对责任单位…: 责任单位 is the offender
    text = ("部门、系统、企业、事业单位应当建立人民武装部和民兵组织而拒绝建立的，"
            "由当地人民武装部对责任单位进行通报批评、责令限期改正，或者提请同级人民政府按照市人民政府的有关规定给予行政处罚。")
    assert all("责任单位" not in (actor or "") for actor, _ in _penalties(text))


@pytest.mark.parametrize("text, expected", [
    # 矿山安全法 (2009) 第四十二条: the department asks, the government revokes
    ("矿山建设工程安全设施的设计未经批准擅自施工的，由管理矿山企业的主管部门责令停止施工；"
     "拒不执行的，由管理矿山企业的主管部门提请县级以上人民政府决定由有关主管部门吊销其采矿许可证和营业执照。",
     "县级以上人民政府"),
    # 节约能源法 (2018) 第七十二条
    ("生产单位超过单位产品能耗限额标准用能，情节严重，经限期治理逾期不治理或者没有达到治理要求的，"
     "可以由管理节能工作的部门提出意见，报请本级人民政府按照国务院规定的权限责令停业整顿或者关闭。",
     "本级人民政府"),
])
def test_the_body_a_sanction_is_asked_of_imposes_it(text, expected):
    actors = [actor for actor, _ in _penalties(text)]
    assert expected in actors
    assert not any(verb in (a or "") for a in actors for verb in ("提请", "报请"))


# -- 责令 + an act whose object holds a 的: the order is the sanction -------------------------


def test_an_order_whose_object_holds_a_de_is_a_sanction():
    # 商标法实施条例 (2014) 第七十二条: 的 modifies 行为, the object of 停止
    text = ("经商标局依照商标法第十四条规定认定为驰名商标的，"
            "由工商行政管理部门责令停止违反商标法第十三条规定使用商标的行为，收缴、销毁违法使用的商标标识；商标标识与商品难以分离的，一并收缴、销毁。")
    assert ("工商行政管理部门", "责令") in _penalties(text)


def test_a_relative_clause_on_what_was_ordered_is_no_sanction():
    from regtext.extract.norms import _sanction_in

    assert _sanction_in("由卫生行政部门责令停止产生职业病危害的作业") is not None
    assert _sanction_in("责令改正的期限") is None  # the period of an order, not one
    assert _sanction_in("被责令停产停业的企业") is None
