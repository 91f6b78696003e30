"""Actors and norms on construction kinds a held-out sample showed missing (session 19).

Each rule has a case where it fires and one where it must not, on LawRefBook law text
(never a sentence of a gold sample).
"""

from __future__ import annotations

from regtext.extract.norms import _SUPPORT_VERB_RE, find_norms


def _actors(text: str, modality: str | None = None) -> list[str]:
    return [n.actor_raw for n in find_norms(text) if modality in (None, n.modality)]


# -- bodies of a people's congress and professional titles are actors --------------------------


def test_a_congress_and_its_presidium_are_actors():
    # 重庆市乡镇人民代表大会工作条例: a congress acting 在…的时候
    assert _actors("少数民族聚居的乡、民族乡、镇的人民代表大会在行使职权的时候，应当采取适合"
                   "民族特点的具体措施。") == ["少数民族聚居的乡、民族乡、镇的人民代表大会"]
    assert _actors("主席团在乡、民族乡、镇人民代表大会闭会期间，负责处理日常工作。") == ["主席团"]
    # the congress as the object of a submission is no actor (地方各级人民代表大会代表法)
    assert _actors("代表在本级人民代表大会会议期间，因特殊原因不能出席有关会议的，应当向大会"
                   "秘书处或者其所在的代表团请假。") == ["代表"]


def test_jing_opening_a_clause_is_no_part_of_a_subject():
    # 经X通过/同意 names who approves, not who acts
    assert _actors("经主席团通过的代表议案处理意见的报告应当印发会议。") == [""]
    # …批准的X: a relative clause on the subject (处方药与非处方药分类管理办法 style)
    assert _actors("经省级药品监督管理部门批准的商业企业可以零售乙类非处方药。") == [
        "经省级药品监督管理部门批准的商业企业"]


def test_a_professional_title_ending_in_shi_is_a_person():
    # 医师法 25: the physician, not a word before it
    assert _actors("医师在诊疗活动中应当向患者说明病情、医疗措施和其他需要告知的事项。") == [
        "医师"]
    # 国境卫生检疫法实施细则 31: the ship of the clause before is what the doctor acts on
    assert _actors("船舶实施入境查验完毕以后，对没有染疫的船舶，检疫医师应当立即签发入境检疫证；"
                   "如果该船有受卫生处理或者限制的事项，应当在入境检疫证上签注。") == [
        "检疫医师", "检疫医师"]
    # 教师法 33: the teacher is the object of 对, the governments are the actors
    assert _actors("国务院和地方各级人民政府及其有关部门对有突出贡献的教师，"
                   "应当予以表彰、奖励。") == ["国务院", "地方各级人民政府", "有关部门"]


def test_a_relative_clause_opening_a_later_clause_is_its_subject():
    # 广东省建设工程监理条例 24: the second 应当 binds the engineers (not the first's content)
    assert _actors("承担施工阶段监理业务的监理工作机构应当进驻施工现场，派驻施工现场的总监理"
                   "工程师、监理工程师应当具备与该工程施工阶段技术要求相适应的专业知识"
                   "和管理能力。") == [
        "承担施工阶段监理业务的监理工作机构", "派驻施工现场的总监理工程师、监理工程师"]


# -- an adverb ends a subject -------------------------------------------------------------------


def test_ziheng_ends_the_subject():
    # 河南省实施《土地管理法》办法
    assert _actors("土地所有权和使用权争议，当事人自行协商解决的，应当签订书面协议，并依法办理"
                   "土地登记。") == ["当事人"]
    # 自行车 is a word: no adverb cuts 互联网租赁自行车经营企业 (郑州市停车场建设管理条例)
    assert _actors("互联网租赁自行车经营企业应当指定工作人员负责片区管理，建立巡查制度。") == [
        "互联网租赁自行车经营企业"]


# -- 经营者 is no preposition 经 ----------------------------------------------------------------


def test_jingyingzhe_opening_a_condition_is_its_subject():
    # 电子商务法 21: the 经营者 of the condition bears the duty and the prohibition
    assert _actors("经营者按照约定向消费者收取押金的，应当明示押金退还的方式、程序，不得对押金退还"
                   "设置不合理条件。") == ["经营者", "经营者"]
    # 经…批准 is still the preposition: the approving government is no actor (动物防疫法)
    assert not any(a.startswith(("经", "省")) for a in _actors(
        "必要时，经省、自治区、直辖市人民政府批准，可以设立临时性的动物防疫检查站，"
        "执行监督检查任务。"))


# -- a body that recommends a sanction does not impose it ----------------------------------------


def _penalties(text: str) -> list[tuple[str, str]]:
    return [(n.actor_raw, n.trigger) for n in find_norms(text) if n.modality == "penalty"]


def test_the_body_advised_imposes_the_sanction():
    # 北京市农村集体经济审计条例: the audit body orders, the superior it advises disciplines
    assert [a for a, _ in _penalties(
        "拒绝、阻挠审计工作的，由审计机构责令限期改正；逾期不改的，由审计机构建议其上级"
        "主管部门或者有关部门对直接责任人员给予处分。")] == [
            "审计机构", "其上级主管部门或者有关部门"]
    # 法律援助条例 29 style: the advised unit is any party (该单位), not only an authority
    assert _penalties(
        "有关单位为申请法律援助的当事人出具虚假的经济困难证明的，由法律援助机构建议该单位"
        "或者其上级主管部门、监察部门对负有直接责任的主管人员和其他直接责任人员给予行政"
        "处分。")[0][0] == "该单位或者其上级主管部门、监察部门"


# -- an encouragement word coordinated with a support verb ---------------------------------------


def _encouragements(text: str) -> list[tuple[str, str]]:
    return [(n.actor_raw, n.trigger) for n in find_norms(text) if n.modality == "encouragement"]


def test_encouragement_coordinated_with_a_support_verb_is_a_policy():
    # 防震减灾法 and 煤炭法: 鼓励、扶持 / 鼓励和扶持 + object
    assert _encouragements(
        "国家鼓励、扶持地震应急救援新技术和装备的研究开发，调运和储备必要的应急救援"
        "设施、装备，提高应急救援水平。") == [("国家", "鼓励")]
    assert _encouragements("国家鼓励和扶持煤矿企业发展多种经营。") == [("国家", "鼓励")]
    # the pair as a noun (鼓励和扶持政策) is the object of another duty, no encouragement
    # (河南省固体废物污染环境防治条例 45)
    assert _encouragements(
        "省资源综合利用主管部门应当会同财政、税务等部门按照规定对固体废物综合利用"
        "技术、工艺和产品进行认定，落实国家资源综合利用鼓励和扶持政策。") == []
    text = "国家资源综合利用鼓励和扶持政策"
    assert not _SUPPORT_VERB_RE.match(text, text.index("鼓励") + 2)
