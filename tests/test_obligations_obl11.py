"""Revocation as a sanction (session 21).

Each rule has a case where it fires and one where it must not, on LawRefBook law text
(never a sentence of a gold sample).
"""

from __future__ import annotations

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


def test_revoking_the_organs_own_earlier_approval_corrects_it():
    # 互联网药品信息服务管理办法 第二十六条: the approving department erred; the certificate it
    # issued is withdrawn as its own act's correction, a duty of the issuer
    text = ("省、自治区、直辖市食品药品监督管理部门违法对互联网药品信息服务申请作出审核批准的，原发证"
            "机关应当撤销原批准的《互联网药品信息服务资格证书》。")
    assert _penalties(text) == []
    assert [(n.modality, n.actor_raw) for n in find_norms(text)] == [("obligation", "原发证机关")]
