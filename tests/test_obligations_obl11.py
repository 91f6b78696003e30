"""Revocation as a sanction (session 21).

Each rule has a case where it fires and one where it must not, on LawRefBook law text
(never a sentence of a gold sample).
"""

from __future__ import annotations

import regtext
from regtext.extract.norms import find_norms


def _penalties(text: str) -> list[tuple[str | None, str]]:
    return [(n.actor_raw or None, n.trigger) for n in find_norms(text) if n.modality == "penalty"]


# -- 撤销 a licence, certificate, qualification, registration or title: a sanction ------------


def test_revoking_a_grant_is_a_sanction_of_the_body_that_revokes():
    # 商标法实施条例 第四十九条 (before: only the order was a sanction)
    text = ("商标注册人在使用注册商标的过程中，自行改变注册商标、注册人名义、地址或者其他注册"
            "事项的，由地方工商行政管理部门责令限期改正；期满不改正的，由商标局撤销其注册商标。")
    assert _penalties(text) == [("地方工商行政管理部门", "责令"), ("商标局", "撤销其注册商标")]
    # 广东省道路运输条例 第五十七条第二款: bound by 应当, still the body's sanction (as 吊销)
    text = ("道路运输从业人员以不正当手段取得从业资格证件的，交通运输主管部门应当撤销其从业资格，"
            "并注销从业资格证件。")
    assert _penalties(text) == [("交通运输主管部门", "撤销其从业资格")]


def test_asking_for_revocation_or_a_passive_revocation_is_none():
    # 商标法实施条例 第六十五条: anyone may apply; the application imposes nothing
    text = ("有商标法第四十九条规定的注册商标成为其核定使用的商品通用名称情形的，任何单位或者个人"
            "可以向商标局申请撤销该注册商标，提交申请时应当附送证据材料。")
    assert _penalties(text) == []
    assert "permission" in {n.modality for n in find_norms(text)}
    # 注册建筑师条例 第十九条
    assert _penalties("被撤销注册的人员可以依照本条例的规定重新注册。") == []


def test_annulling_a_decision_is_none():
    # 公司登记管理条例: 撤销变更登记决定 annuls the registry's own decision
    assert _penalties("公司登记机关依法作出变更登记、注销登记、撤销变更登记决定，公司拒不缴回或者"
                      "无法缴回营业执照的，由公司登记机关公告营业执照作废。") == []
    # 安阳市政务服务条例: 撤销行政许可决定 corrects the organ's own act
    assert _penalties("发现被许可人告知承诺书约定期限内未履行承诺，不符合行政许可条件的，"
                      "依法撤销行政许可决定；") == []


def test_a_courts_removal_of_a_guardian_and_a_holders_own_withdrawal_are_none():
    # 山东省预防未成年人犯罪条例 第五十四条: the police's order is a sanction, the court's
    # removal of the guardian a civil remedy
    text = ("父母或者其他监护人违反本条例规定，不履行监护职责，放任未成年人有不良行为或者严重不良"
            "行为的，由公安机关对其予以训诫，责令其严加管教；符合法定情形的，由人民法院依法撤销其"
            "监护资格。")
    assert _penalties(text) == [("公安机关", "责令")]
    # 上海市遗体捐献条例 第十四条: the donor's right to withdraw
    assert _penalties("办理遗体捐献登记手续后，捐献人可以变更登记内容或者撤销登记。") == []
    # 证券公司风险处置条例 第二十一条: 撤销证券公司 closes a firm; 证券 is no certificate
    assert _penalties("国务院证券监督管理机构撤销证券公司，应当做出撤销决定，并按照规定程序选择律师"
                      "事务所、会计师事务所等专业机构成立行政清理组，对该证券公司进行行政清理。"
                      ) == []


def test_revoking_the_organs_own_earlier_registration_corrects_it():
    # 重庆市土地房屋权属登记条例 第三十条: 撤销原…登记 undoes the registry's own earlier act (原),
    # a duty of the registry, not a sanction (without the 原 rule: a penalty)
    text = ("司法机关、仲裁委员会、行政机关发生法律效力的文书证明当事人以隐瞒真实情况、提交虚假材料"
            "等非法手段获取土地房屋登记的，登记机构应当撤销原土地房屋登记并通知不动产登记簿记载的"
            "权利人，收回不动产权属证书、不动产登记证明或者公告作废，但是，土地房屋权利被他人善意"
            "取得的除外。")
    assert _penalties(text) == []
    assert [(n.modality, n.actor_raw) for n in find_norms(text)] == [("obligation", "登记机构")]


# -- nouns + coverb (在, 向, 从, 对, 为…) + verb phrase: the nouns are the subject -------------


def _actors(text: str) -> list[str]:
    return [n.actor_raw for n in find_norms(text)]


def test_nouns_before_a_coverb_and_its_verb_phrase_are_the_subject():
    # no actor word at their end (before: no actor at all)
    # 民用航空法 第七十四条; 防治船舶污染海洋环境管理条例; 监狱法 第三十九条
    assert _actors("民用航空器在管制空域内进行飞行活动，应当取得空中交通管制单位的许可。") == [
        "民用航空器"]
    assert _actors("船舶向海洋倾倒废弃物，应当如实记录倾倒情况。") == ["船舶"]
    assert _actors("监狱对成年男犯、女犯和未成年犯实行分开关押和管理，对未成年犯和女犯的改造，"
                   "应当照顾其生理、心理特点。") == ["监狱"]
    # 北京市实施《红十字会法》办法 第十三条: 为 + purpose, after the subject
    assert _actors("红十字会为开展救助工作，可以进行社会募捐活动。") == ["红十字会"]


def test_an_adverbial_a_relative_clause_or_a_later_subject_is_no_coverb_subject():
    # 产品质量法 第二条; 河南省物业管理条例: the clause opens with the coverb
    assert _actors("在中华人民共和国境内从事产品生产、销售活动，必须遵守本法。") == [""]
    assert _actors("对业主委员会成员，应当根据工作情况给予适当补贴。") == [""]
    # 行政处罚法 第十一条第二款: the later clause has nouns of its own (行政法规), so 法律 is
    # not the subject of 必须
    assert "法律" not in _actors("法律对违法行为已经作出行政处罚规定，行政法规需要作出具体规定的，"
                                 "必须在法律规定的给予行政处罚的行为、种类和幅度的范围内规定。")
    # 杭州西湖文化景观保护管理条例 第七条（七）: 与 joins two nouns, it opens no verb phrase
    assert "精神价值" not in _actors("精神价值与审美特征，应当保持西湖景观的中国山水美学审美特征"
                                     "和精神栖居的价值功能。")


def test_items_inherit_the_coverb_subject_of_their_chapeau():
    # 道路交通安全法实施条例 第六十三条: the vehicle of the chapeau binds the items (before: none)
    doc = regtext.parse("第六十三条 机动车在道路上临时停车，应当遵守下列规定：\n"
                        "（一）在设有禁停标志、标线的路段，不得停车；\n"
                        "（二）交叉路口、铁路道口、急弯路、宽度不足4米的窄路、桥梁、陡坡、隧道以及"
                        "距离上述地点50米以内的路段，不得停车；")
    df = regtext.obligations(doc)
    assert set(df[df.modality == "prohibition"].actor_raw) == {"机动车"}
