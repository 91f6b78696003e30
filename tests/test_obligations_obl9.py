"""Case transfers, passives, 依照…规定 + modal, excepted penalties, chapeau parties (session 20).

Each rule has a case where it fires and one where it must not, on LawRefBook law text
(never a sentence of a gold sample).
"""

from __future__ import annotations

import regtext
from regtext.extract.norms import _chapeau_party, _excepted_sanction, find_norms


def _norms(text: str) -> list[tuple[str | None, str, str]]:
    return [(n.actor_raw or None, n.modality, n.trigger) for n in find_norms(text)]


def _penalties(text: str) -> list[tuple[str | None, str]]:
    return [(n.actor_raw or None, n.trigger) for n in find_norms(text) if n.modality == "penalty"]


# -- 由X将案件移送Y / 由X移送Y: X's name ends at the verb; Y imposes what follows ---------------


def test_a_body_the_case_is_handed_to_imposes_the_sanction():
    # 煤矿安全监察条例 第三十五条: the order is the inspectorate's, the revocation the
    # geology department's (before: "煤矿安全监察机构移送地质矿产主管部门" as one actor)
    text = ("煤矿建设工程安全设施设计未经煤矿安全监察机构审查同意，擅自施工的，由煤矿安全监察机构"
            "责令停止施工；拒不执行的，由煤矿安全监察机构移送地质矿产主管部门依法吊销采矿许可证。")
    assert _penalties(text) == [("煤矿安全监察机构", "责令"), ("地质矿产主管部门", "吊销")]
    # 上海市实施《反恐怖主义法》办法 第五十条: 由X将…通报Y: X's name stops at 将
    text = ("违反本办法第二十条规定，二手车交易业务经营者未依照规定对客户进行身份查验和信息登记，"
            "或者对身份不明、拒绝身份查验的客户提供服务的，由商务部门责令改正；拒不改正的，由商务"
            "部门将有关信息通报市场监管部门，并由市场监管部门处十万元以上五十万元以下罚款，对其直接"
            "负责的主管人员和其他直接责任人员处十万元以下罚款。")
    actors = {a for a, _ in _penalties(text)}
    assert "市场监管部门" in actors and not any("将" in (a or "") for a in actors)


def test_a_transfer_inside_the_offence_hands_nothing_over():
    # 重庆市行政执法责任制条例 第十七条: the transfers are what the offender failed to do;
    # the superior body orders the correction
    text = ("行政执法主体对应移交司法机关、行政监察机关查处或者应予行政处分的行政执法人员，不按规定"
            "移送有关机关查处或不按规定给予处理的，由上级行政机关责令改正。")
    assert _penalties(text) == [("上级行政机关", "责令")]


# -- 被责令…, 受到罚款处罚: passives recall an earlier sanction inside an offence ------------------


def test_a_passive_order_or_fine_is_no_sanction():
    # 排污许可管理条例 第四十四条（一）: an item of the offences, not an order
    assert _penalties("未取得排污许可证排放污染物，被责令停止排污，拒不执行；") == []
    # 安全生产法 第一百一十二条: the sanction is the daily fine that follows
    text = ("生产经营单位违反本法规定，被责令改正且受到罚款处罚，拒不改正的，负有安全生产监督管理"
            "职责的部门可以自作出责令改正之日的次日起，按照原处罚数额按日连续处罚。")
    assert _penalties(text) == [("负有安全生产监督管理职责的部门", "按日连续处罚")]
    # the active order stays a sanction (煤矿安全监察条例 第三十六条)
    text = ("煤矿建设工程安全设施和条件未经验收或者验收不合格，擅自投入生产的，由煤矿安全监察机构"
            "责令停止生产，处5万元以上10万元以下的罚款。")
    assert _penalties(text)[0] == ("煤矿安全监察机构", "责令")


# -- 依照/按照…规定 + modal word: the clause's own norm ----------------------------------------


def test_a_modal_after_an_adverbial_rule_reference_binds():
    # 预算法 第四十一条第二款
    assert ("permission", "可以") in {(m, t) for _, m, t in _norms(
        "各级一般公共预算按照国务院的规定可以设置预算稳定调节基金，用于弥补以后年度预算资金的不足。")}
    # 宗教事务条例 第四十五条
    norms = _norms("宗教团体、宗教院校和寺观教堂按照国家有关规定可以编印、发送宗教内部资料性"
                   "出版物。")
    assert [(m, t) for _, m, t in norms] == [("permission", "可以")]


def test_a_modal_after_a_rule_reference_inside_a_noun_offence_or_exception_binds_nothing():
    # 疫苗管理法 第八十一条（六）: 应当…而未… describes the offence
    assert _norms("更新疫苗说明书、标签按照规定应当经核准而未经核准。") == []
    # 探矿权采矿权转让管理办法 第三条: 除…外 is the exception to the prohibition
    assert [(m, t) for _, m, t in _norms("除按照下列规定可以转让外，探矿权、采矿权不得转让：")] \
        == [("prohibition", "不得")]
    # the law's words as a modifier (法律、行政法规规定禁止…的) stay no norm
    assert not any(t == "禁止" for _, _, t in _norms(
        "生产、使用国家明令禁止生产、使用的农药，被责令改正，拒不改正的。"))


def test_a_length_of_time_ends_no_when_clause():
    # 南阳市文物保护条例: 不超过十二小时 is a limit, not "when twelve hours…"
    norms = _norms("文物行政主管部门接到发现文物的报告后，应当及时赶赴现场，最长时间不得超过"
                   "十二小时，并在七日内提出处理意见。")
    assert ("prohibition", "不得") in {(m, t) for _, m, t in norms}
    # a real when-clause still conditions the norm (a local water supply regulation, 第五十二条)
    norms = find_norms("二次供水水质受到污染时，管理单位应当立即停止供水，并组织清洗、消毒。")
    assert norms and norms[0].condition == "二次供水水质受到污染时"


# -- 给予…的处罚 and an authority set off by a comma ---------------------------------------------


def test_a_list_of_sanctions_before_its_noun_is_a_penalty():
    # 杭州市计算机信息网络安全保护管理条例 第三十八条
    text = ("计算机信息系统运营、服务单位违反本条例第十七条规定的，由公安机关给予警告或者六个月以内"
            "停机整顿的处罚。")
    assert _penalties(text) == [("公安机关", "给予警告")]
    # 道路交通安全法 第八十二条: the act of a body, 实施罚款的行政处罚, imposes nothing
    text = "公安机关交通管理部门依法实施罚款的行政处罚，应当依照有关法律、行政法规的规定"
    assert _penalties(text) == []


def test_an_authority_set_off_by_a_comma_imposes_the_sanction_after_its_modal_clause():
    # 海洋石油勘探开发环境保护管理条例 第二十七条
    text = ("主管部门对违反《中华人民共和国海洋环境保护法》和本条例的企业、事业单位、作业者和个人，"
            "可视其情节轻重，予以警告或罚款处分。")
    assert _penalties(text) == [("主管部门", "予以警告")]


# -- 除依照…规定予以处罚外: a penalty by reference -------------------------------------------------


def test_an_exception_that_punishes_under_named_rules_is_a_penalty():
    # 民用航空安全保卫条例 第三十八条: punished under the chapter, and liable in damages
    norms = _norms("违反本条例规定的，除依照本章的规定予以处罚外，给单位或者个人造成财产损失的，"
                   "应当依法承担赔偿责任。")
    assert (None, "penalty", "予以处罚") in norms
    assert any(m == "obligation" for _, m, _ in norms)
    # 广告法 第五十八条第二款: the body named in the exception is its own; the licence is
    # revoked by the health department
    text = ("医疗机构有前款规定违法行为，情节严重的，除由市场监督管理部门依照本法处罚外，卫生"
            "行政部门可以吊销诊疗科目或者吊销医疗机构执业许可证。")
    assert set(_penalties(text)) == {("市场监督管理部门", "处罚"), ("卫生行政部门", "吊销")}


def test_an_exception_that_names_no_rules_or_no_imposed_sanction_is_none():
    # 行政处罚法 第六十七条第二款: the fines are things collected, not imposed
    assert _excepted_sanction("除依照本法第六十八条、第六十九条的规定当场收缴的罚款外") is None
    # a bare 依法 reserves other powers (上海市饮用水水源保护条例 第三十二条)
    assert _excepted_sanction("除依法对违法行为人进行处罚外") is None
    # a possibility, not a sanction (集会游行示威法 第三十二条)
    assert _excepted_sanction("除依照刑法或者治安管理处罚法的有关规定可以予以处罚外") is None
    assert _excepted_sanction("除依照本章的规定予以处罚外") is not None


# -- a chapeau's party passes to its items ------------------------------------------------------


def test_a_chapeau_party_with_more_clauses_passes_to_subjectless_items():
    # 北京市实施《突发事件应对法》办法 第三十八条
    text = ("第三十八条 获悉发生或者可能发生突发事件信息的行政机关，按照本办法第三十七条规定报送"
            "信息，并遵守下列规定：\n\n（一）突发事件信息的报送，应当做到及时、客观、真实和准确；\n\n"
            "（二）对较大、重大和特别重大突发事件信息，应当立即报告；\n")
    frame = regtext.obligations(regtext.parse(text))
    item = frame[frame["ref"] == "38.1.2"]
    assert list(item["actor_raw"]) == ["获悉发生或者可能发生突发事件信息的行政机关"]


def test_a_chapeau_that_opens_with_a_condition_or_lists_members_names_no_party():
    # 国家赔偿法 第三十六条, 行政复议法 第三十三条: …的，按照下列规定处理：
    assert _chapeau_party("侵犯公民、法人和其他组织的财产权造成损害的，按照下列规定处理：") == ""
    assert _chapeau_party("申请人逾期不起诉又不履行行政复议决定的，或者不履行最终裁决的行政复议"
                          "决定的，按照下列规定分别处理：") == ""
    # 北京市实施《矿山安全法》办法 第九条: an adverbial is no part of the party's name
    assert "依法" not in _chapeau_party("矿山企业工会依法维护职工的合法权益，组织职工对矿山安全工作"
                                       "进行监督：")


# -- two verbs joined before a 的: a relative clause, for an auxiliary or 禁止 only ------------


def test_a_modal_before_two_joined_verbs_and_de_is_a_relative_clause():
    # 政府采购法实施条例 第六十九条（一）: the posts that must be kept apart, not a duty
    assert _norms("内部监督管理制度不健全，对依法应当分设、分离的岗位、人员未分设、分离；") == []
    # 负责 and 鼓励 take two joined nouns as their object (山东省农村公路条例 第三十九条,
    # 技术进出口管理条例 第七条)
    assert ("obligation", "负责") in {(m, t) for _, m, t in _norms(
        "县级人民政府交通运输主管部门负责县道、乡道的保护工作，并对本行政区域内村道的保护工作"
        "进行指导和监督。")}
    assert _norms("国家鼓励先进、适用的技术进口。") == [("国家", "encouragement", "鼓励")]
