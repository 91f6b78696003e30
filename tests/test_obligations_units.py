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
