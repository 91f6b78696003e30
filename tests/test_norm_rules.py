"""The obligations' rules tables, row by row: each row's example fires its rule through
find_norms, its counterexample does not (regtext/_data/rules/modal-words.tsv,
penalty-phrases.tsv, actor-heads.tsv, coverbs.tsv, place-heads.tsv, bare-heads.tsv,
whether-words.tsv, prepositions.tsv…)."""

from __future__ import annotations

import re

import pytest

from regtext import rules
from regtext.extract import norms
from regtext.extract.norms import MODAL_WORDS, STRENGTH, find_norms, normalize_actor
from regtext.text.normalize import fold


@pytest.mark.parametrize("row", rules.table("modal-words"), ids=lambda r: r["word"])
def test_modal_word_row(row):
    word, modality = row["word"], row["modality"]
    assert word in row["example"] and word in row["counterexample"]
    assert (modality, word) in {(n.modality, n.trigger) for n in find_norms(row["example"])}
    # in the counterexample the word opens no norm of its own (other words may)
    assert word not in {n.trigger for n in find_norms(row["counterexample"])
                        if n.modality == modality}


@pytest.mark.parametrize("row", rules.table("penalty-phrases"), ids=lambda r: r["pattern"][:12])
def test_penalty_phrase_row(row):
    pattern = re.compile(row["pattern"])
    assert pattern.search(fold(row["example"])), "the example must contain the phrase"
    assert pattern.search(fold(row["counterexample"])), "so must the counterexample"
    assert any(n.modality == "penalty" and pattern.search(n.text)
               for n in find_norms(row["example"]))
    assert not any(n.modality == "penalty" for n in find_norms(row["counterexample"]))


@pytest.mark.parametrize("row", rules.table("actor-heads"), ids=lambda r: r["head"])
def test_actor_head_row(row):
    head = row["head"]
    assert head in row["counterexample"]
    assert any(n.actor_raw.endswith(head) for n in find_norms(row["example"]))
    assert not any(n.actor_raw.endswith(head) for n in find_norms(row["counterexample"]))


def test_strength_comes_from_the_tables():
    assert STRENGTH["obligation"] == STRENGTH["prohibition"] == STRENGTH["penalty"] == 3
    assert STRENGTH["permission"] == STRENGTH["encouragement"] == 1


def _modal_table(monkeypatch, edit):
    real = rules.table
    monkeypatch.setattr(rules, "table",
                        lambda name: edit(real(name)) if name == "modal-words" else real(name))
    norms.reload_rules()


MUST = {"word": "务必", "modality": "obligation", "strength": "3", "not_before": "",
        "not_after": "", "example": "各部门务必充分重视。", "counterexample": "业务必须"}


@pytest.fixture
def with_wubi(monkeypatch):
    """The modal-words table with a 务必 row (added if the file lacks it)."""
    _modal_table(monkeypatch, lambda rows: rows if any(r["word"] == "务必" for r in rows)
                 else (*rows, MUST))
    yield
    monkeypatch.undo()
    norms.reload_rules()


@pytest.fixture
def without_wubi(monkeypatch):
    """The modal-words table without its 务必 row."""
    _modal_table(monkeypatch, lambda rows: tuple(r for r in rows if r["word"] != "务必"))
    yield
    monkeypatch.undo()
    norms.reload_rules()


def test_a_table_row_is_a_modal_word(with_wubi):
    # issue 10's acceptance test: adding a word is one row in modal-words.tsv
    assert "务必" in MODAL_WORDS["obligation"]
    found = find_norms("经营者务必公开规则。")
    assert [(n.actor, n.modality, n.trigger) for n in found] == [
        ("经营者", "obligation", "务必")]


def test_without_the_row_the_word_is_no_modal(without_wubi):
    assert "务必" not in MODAL_WORDS["obligation"]
    assert find_norms("经营者务必公开规则。") == []


def test_an_unknown_modality_in_the_table_is_an_error(monkeypatch):
    real = rules.table
    monkeypatch.setattr(rules, "table", lambda name: (*real(name), {
        "word": "得", "modality": "duty", "strength": "3", "not_before": "", "not_after": "",
        "example": "x", "counterexample": "y"}) if name == "modal-words" else real(name))
    with pytest.raises(rules.RuleError, match="unknown modality 'duty'"):
        norms.reload_rules()
    monkeypatch.undo()
    norms.reload_rules()


@pytest.mark.parametrize("row", rules.table("person-nouns"), ids=lambda r: r["word"])
def test_person_noun_row(row):
    word = row["word"]
    assert word in row["example"] and word in row["counterexample"]
    # a verb before the noun is its predicate: no actor is that verb phrase
    assert not any(word in n.actor_raw and not n.actor_raw.startswith(word)
                   for n in find_norms(row["example"]))
    assert any(n.actor_raw == word for n in find_norms(row["counterexample"]))


@pytest.mark.parametrize("row", rules.table("defiance"), ids=lambda r: r["pattern"][:12])
def test_defiance_row(row):
    pattern = re.compile(row["pattern"])
    assert pattern.search(row["example"]) and pattern.search(row["counterexample"])
    found = find_norms(row["example"])
    # the duty before the defiance stands, and the sanction after it is a penalty of its own
    assert any(n.modality != "penalty" for n in found)
    assert any(n.modality == "penalty" and pattern.search(n.condition) for n in found)
    # after a sanction (责令改正，拒不改正的，…) the clause stays one list of penalties
    assert all(n.modality == "penalty" for n in find_norms(row["counterexample"]))


@pytest.mark.parametrize("text, sanctions", [
    # 境外非政府组织境内活动管理法 50: the first of the coordinated expulsions is the sanction
    ("境外人员违反本法规定的，有关机关可以依法限期出境、遣送出境或者驱逐出境。", ["限期出境"]),
    # 外国人入境出境管理条例 33: 被决定限期出境 recalls a decision; the clause binds the organ
    ("外国人被决定限期出境的，作出决定的机关应当在注销或者收缴其原出境入境证件后，"
     "为其补办停留手续并限定出境的期限。", []),
])
def test_expulsion_is_a_sanction_unless_passive(text, sanctions):
    assert [n.trigger for n in find_norms(text) if n.modality == "penalty"] == sanctions


@pytest.mark.parametrize("text, permission", [
    # 最高人民法院关于审理拒不执行判决、裁定刑事案件适用法律若干问题的解释 7: the court may
    # increase the sentence: a permission beside the penalty
    ("拒不执行支付赡养费、扶养费、抚育费、抚恤金、医疗费用、劳动报酬等判决、裁定的，"
     "可以酌情从重处罚。", True),
    # 反恐怖主义法 92: 可以并处 is the fine itself, no discretion of its own
    ("阻碍有关部门开展反恐怖主义工作的，由公安机关处五日以上十五日以下拘留，"
     "可以并处五万元以下罚款。", False),
])
def test_a_sentencing_adjustment_after_keyi_is_the_courts_discretion(text, permission):
    found = {(n.modality, n.trigger) for n in find_norms(text)}
    assert any(m == "penalty" for m, _ in found)
    assert (("permission", "可以") in found) is permission


@pytest.mark.parametrize("text, sanctioned", [
    # 政府采购法 81: the persons sanctioned stand between 给予 and 处分 (24 characters)
    ("政府采购监督管理部门对供应商的投诉逾期未作处理的，"
     "给予直接负责的主管人员和其他直接责任人员行政处分。", True),
    # the same words inside a relative clause (…处分的，): what the decision is about, no sanction
    ("对决定给予直接负责的主管人员和其他直接责任人员行政处分的，应当书面告知本人。", False),
])
def test_a_disciplinary_sanction_with_the_persons_named_inside_it(text, sanctioned):
    assert any(n.modality == "penalty" for n in find_norms(text)) is sanctioned


@pytest.mark.parametrize("row", rules.table("coverbs"), ids=lambda r: r["word"])
def test_coverb_row(row):
    word, cex = row["word"], row["counterexample"]
    assert word in row["example"] and cex.startswith(word)
    assert any(n.actor_raw == row["actor"] for n in find_norms(row["example"]))
    # an adverbial that opens with the coverb names no actor
    first = cex.split("，")[0]
    assert not any(n.actor_raw and n.actor_raw in first for n in find_norms(cex))


@pytest.mark.parametrize("row", rules.table("named-de-terms"), ids=lambda r: r["term"])
def test_a_name_holding_de_is_not_cut_as_a_relative_clause(row):
    # the example's actor keeps the whole name; the counterexample's relative clause is cut
    kept = [n.actor for n in find_norms(row["example"]) if n.actor]
    assert kept and all(row["term"] in a for a in kept)
    cut = [n for n in find_norms(row["counterexample"]) if n.actor]
    assert cut and all("的" in n.actor_raw and "的" not in n.actor for n in cut)


@pytest.mark.parametrize("row", rules.table("localizers"), ids=lambda r: r["word"])
def test_a_place_closed_by_a_localizer_is_no_actor(row):
    # the example's place phrase binds no one; the counterexample's party keeps its relative
    # clause with the localizer inside it
    ex = find_norms(row["example"])
    assert ex and not any(n.actor for n in ex)
    cex = [n for n in find_norms(row["counterexample"]) if n.actor]
    assert cex and all(row["word"] in n.actor_raw and not n.actor_raw.endswith(row["word"])
                       for n in cex)


@pytest.mark.parametrize("row", rules.table("place-heads"), ids=lambda r: r["head"])
def test_a_place_head_after_a_zai_phrase_is_no_actor(row):
    # the example's 在 phrase, ending in the head, binds no one; the counterexample's is a
    # relative clause, holding the head, on the party it names
    ex = find_norms(row["example"])
    assert ex and not any(n.actor_raw.startswith("在") for n in ex)
    cex = [n for n in find_norms(row["counterexample"]) if n.actor_raw.startswith("在")]
    assert cex and all(row["head"] in n.actor_raw and not n.actor_raw.endswith(row["head"])
                       for n in cex)


@pytest.mark.parametrize("row", rules.table("bare-heads"), ids=lambda r: r["head"])
def test_a_relative_clause_on_a_bare_head_is_kept_whole(row):
    head = row["head"]
    kept = [n.actor for n in find_norms(row["example"]) if n.actor]
    assert kept and all("的" in a and a.endswith(head) for a in kept)
    # a longer name ending in the head is cut to that name
    cut = [n for n in find_norms(row["counterexample"]) if n.actor]
    assert cut and all("的" in n.actor_raw and "的" not in n.actor and n.actor.endswith(head)
                       and n.actor != head for n in cut)


@pytest.mark.parametrize("row", rules.table("whether-words"), ids=lambda r: r["word"])
def test_a_whether_word_before_a_modal_word_asks(row):
    word = row["word"]
    assert word in row["example"] and word in row["counterexample"]
    assert find_norms(row["example"]) == []
    assert any(row["counterexample"].index(n.trigger) < row["counterexample"].index(word)
               for n in find_norms(row["counterexample"]))


@pytest.mark.parametrize("row", rules.table("prepositions"), ids=lambda r: r["word"])
def test_a_preposition_ends_the_subject(row):
    word = row["word"]
    ex = [n for n in find_norms(row["example"]) if n.actor_raw]
    assert word in row["example"] and ex and not any(word in n.actor_raw for n in ex)
    # inside a word the character is no preposition: the actor holds it
    assert any(word in n.actor_raw for n in find_norms(row["counterexample"]))


@pytest.mark.parametrize("text, actor", [
    # 公园管理条例: the park's localizer makes the park a place
    ("公园内应当按照有关要求设置消防水源、消防设施，并保证消防通道畅通。", None),
    # nouns between the leading noun and the localizer: still a place
    ("本市行政区域内禁止饲养烈性犬。", None),
    # 内部 is a noun of its own, not a localizer: the organ stays the actor
    ("公安机关内部应当建立执法质量考评制度。", "公安机关"),
    # a party acting in a place keeps its name
    ("公园管理机构在园内应当设置安全警示标志。", "公园管理机构"),
])
def test_places_and_parties_before_a_modal_word(text, actor):
    assert [n.actor for n in find_norms(text)][0] == actor


@pytest.mark.parametrize("text, actor", [
    # 依法 opens the relative clause on the party: the adverb is no subject (tagged a noun)
    ("依法履行临时监护职责的居民委员会、村民委员会或者民政部门，对临时监护的未成年人，"
     "可以采取委托亲属抚养、家庭寄养等临时生活照料措施。", "居民委员会"),
    # 依法 + verb + object, then a condition: no party named at all
    ("依法扣押文物、贵金属、珠宝、字画等贵重财物的，应当拍照或者录音录像，并及时鉴定、估价。",
     None),
    # the same shape with a party before the verb keeps it (乡镇煤矿开采…)
    ("乡镇煤矿开采煤炭资源，必须遵守有关矿山安全的法律、法规。", "乡镇煤矿"),
])
def test_lawfully_is_an_adverb_not_a_subject(text, actor):
    assert [n.actor for n in find_norms(text)][0] == actor


@pytest.mark.parametrize("text, actor", [
    # 归侨侨眷权益保护法 23: 被 + an agent noun is the party the act is done to
    ("归侨、侨眷合法权益受到侵害时，被侵害人有权要求有关主管部门依法处理，或者向人民法院提起诉讼。",
     "被侵害人"),
    # 行政许可法 62: the licensee (被|许可|人, one short verb between)
    ("被许可人应当如实提供有关情况和材料。", "被许可人"),
    # 被诉侵权人: a one-character verb between 被 and the noun
    ("专利权人、被诉侵权人应当按照约定履行。", "专利权人、被诉侵权人"),
    # a verb before the patient noun does not join it: the condition's own subject stays
    ("海事请求人请求担保的数额过高，造成被请求人损失的，应当承担赔偿责任。", "海事请求人"),
    # a passive with its agent and verb is no noun (被|行为人|侵占)
    ("被行为人侵占的财产，应当返还。", None),
    # a body's head after 被 and a short verb (审计法实施条例 39, 土壤污染防治法 77, 立法法 15)
    ("被审计单位应当自接到审计组的审计报告之日起10日内，提出书面意见。", "被审计单位"),
    ("被检查者应当配合检查工作，如实反映情况，提供必要的资料。", "被检查者"),
    ("被授权机关不得将被授予的权力转授给其他机关。", "被授权机关"),
    # …and after a short noun the tagger gives (被|督导|单位)
    ("被督导单位应当根据督导意见书进行限期整改。", "被督导单位"),
    # negative: a body with its own verb after 被 is the agent of a passive (被|有关|部门|责令)
    ("被有关部门责令停产停业的企业，应当在整改后申请恢复。", "被有关部门责令停产停业的企业"),
])
def test_a_patient_noun_with_bei_is_a_party(text, actor):
    assert [n.actor_raw or None for n in find_norms(text)][0] == actor


@pytest.mark.parametrize("text, actor", [
    # 节约能源法 27 and 上海市节约能源条例 54: the tagger calls 用 (use) a preposition; one that
    # takes a verb opens no phrase, and 用|能|单位 is one name
    ("用能单位应当建立能源消费统计和能源利用状况分析制度，对各类能源的消费实行分类计量和统计。",
     "用能单位"),
    ("重点用能单位应当设立能源管理岗位。", "重点用能单位"),
    # negatives: a true preposition before a verb and a head opens a phrase (对违法单位…), and
    # a 在 phrase of time ends the subject before it
    ("对违法单位应当依法处理。", None),
    ("工作人员在执行职务时应当出示证件。", "工作人员"),
])
def test_a_preposition_before_a_verb_is_no_phrase(text, actor):
    assert [n.actor_raw or None for n in find_norms(text)][0] == actor


@pytest.mark.parametrize("raw, actor", [
    # 社会救助暂行办法 63 and 古生物化石保护条例 14: 机关/单位 alone name no one, the clause does
    ("受理举报、投诉的机关", "受理举报、投诉的机关"),
    ("发掘古生物化石的单位", "发掘古生物化石的单位"),
    # negatives: a head that names a class of parties, or a list, is still cut to
    ("具有完全民事行为能力的公民", "公民"),
    ("参与评估的相关机构和人员", "相关机构和人员"),
])
def test_a_relative_clause_on_a_bare_head_is_kept(raw, actor):
    assert normalize_actor(raw) == actor


@pytest.mark.parametrize("raw, actor", [
    # a relative clause on the last member only: the party listed before it is kept
    ("有关工作人员、受委托的组织或者个人", "有关工作人员、受委托的组织或者个人"),
    ("工程建设单位和参与建设的项目负责人", "工程建设单位和参与建设的项目负责人"),
    # a noun's 的 on the whole list (the principals of both bodies): cut to the head
    ("乡人民政府、街道办事处的主要负责人", "主要负责人"),
    # the list is the subject of the relative clause (the committee they set up)
    ("居民委员会、村民委员会设立的人民调解委员会", "人民调解委员会"),
    # no list before the relative clause
    ("参与评估的相关机构和人员", "相关机构和人员"),
])
def test_a_relative_clause_on_the_last_member_of_a_list(raw, actor):
    assert normalize_actor(raw) == actor


@pytest.mark.parametrize("text, trigger, actor", [
    # 非法金融机构和非法金融业务活动取缔办法 22: a body named after 由 right before the sanction
    # imposes it, with no head word (中国人民银行)
    ("设立非法金融机构或者从事非法金融业务活动，构成犯罪的，依法追究刑事责任；尚不构成犯罪的，"
     "由中国人民银行没收非法所得，并处非法所得1倍以上5倍以下的罚款。", "罚", "中国人民银行"),
    # 依照… between the body and the sanction verb
    ("金融资产管理公司违反金融法律、行政法规的，由中国人民银行依照有关法律给予处罚。",
     "给予处罚", "中国人民银行"),
    # before a liability that is borne, not imposed: no body
    ("因此造成他人损失的，由当事人依法承担赔偿责任。", "承担赔偿责任", None),
    # the body ends at the head its own verb follows (the object is another body)
    ("对于不报送规章备案的，由国务院法制机构通知制定机关，限期报送；逾期仍不报送的，给予通报，"
     "并责令限期改正。", "责令", "国务院法制机构"),
    # a government's department named by its field (出版 is a verb) stays whole
    ("印刷业经营者违反本条例规定的，由县级以上地方人民政府出版行政部门责令停止违法行为。", "责令",
     "县级以上地方人民政府出版行政部门"),
])
def test_the_body_a_sanction_is_handed_to(text, trigger, actor):
    rows = [n for n in find_norms(text) if n.modality == "penalty" and trigger in n.trigger]
    assert rows and (rows[-1].actor_raw or None) == actor


@pytest.mark.parametrize("text, actor", [
    # 民事诉讼法解释 349: the agent stops before 向 and the body it addresses
    ("应由利害关系人向人民法院提出申请。", "利害关系人"),
    # a verb and a head word name one body (遴选委员会): not cut
    ("初任检察官应当由检察官遴选委员会进行专业能力审核。", "检察官遴选委员会"),
])
def test_the_agent_of_a_you_phrase_ends_at_its_verb(text, actor):
    assert find_norms(text)[0].actor_raw == actor


@pytest.mark.parametrize("text, actor", [
    # 政府采购法实施条例 61: the second condition opens with 或者: no subject of its own
    ("采购代理机构发现采购人的采购需求存在以不合理条件对供应商实行差别待遇、歧视待遇或者其他"
     "不符合法律、法规和政府采购政策规定内容，或者发现采购人有其他违法行为的，应当建议其改正。",
     None),
    # a clause opening with 和 continues the one before (not 和与客户 as a subject)
    ("金融机构为客户提供支付结算服务，和与客户业务关系存续期间，应当建立客户尽职调查制度。",
     "金融机构"),
    # 或者 inside a subject list joins its members
    ("经批准登陆、住宿的，船长或者其代理人应当按照规定办理手续。", "船长或者其代理人"),
])
def test_a_clause_opening_with_a_conjunction_names_no_subject(text, actor):
    assert (find_norms(text)[0].actor_raw or None) == actor


@pytest.mark.parametrize("text, actor", [
    # 经审查 is the phrase of the preposition 经 (the dictionary calls it a noun): no subject
    ("经审查认为该劳动争议仲裁机构有管辖权的，应当告知当事人申请仲裁。", None),
    # 经营者 is a word holding 经, not the preposition
    ("经营者销售商品，应当向消费者出具发票。", "经营者"),
])
def test_the_phrase_of_jing_is_no_subject(text, actor):
    assert (find_norms(text)[0].actor_raw or None) == actor


@pytest.mark.parametrize("text, actor", [
    # 专利法 18: a 在 phrase that is a relative clause on the party after its 的
    ("在中国没有经常居所或者营业所的外国人、外国企业或者外国其他组织在中国申请专利和办理其他专利事务"
     "的，应当委托依法设立的专利代理机构办理。", "外国人、外国企业或者外国其他组织"),
    ("在全国性体育社会团体注册的运动员，应当接受兴奋剂检查。", "运动员"),
    # a place after the 的 (and its localizer) is no party
    ("在本地的主要媒体上公示或者采用其他形式公示，公示时间不得少于三十日。", None),
    # a plain 在 phrase of time: the subject after it
    ("在紧急情况下，公安机关可以采取必要措施。", "公安机关"),
])
def test_a_zai_phrase_as_a_relative_clause_on_the_subject(text, actor):
    assert find_norms(text)[0].actor == actor


@pytest.mark.parametrize("chapeau, item, modalities", [
    # 道路交通安全法实施条例 72: an item opening with 不得 is still one of the rules the chapeau
    # binds the cyclist to keep: the chapeau's duty and the item's own prohibition
    ("在道路上驾驶自行车、三轮车、电动自行车、残疾人机动轮椅车应当遵守下列规定：",
     "不得在道路上学习驾驶非机动车。", {("obligation", True), ("prohibition", False)}),
    # an item with words before its own modal word inherits those words only (unchanged)
    ("驾驶人应当遵守下列规定：", "在道路上临时停车的，不得妨碍其他车辆通行。",
     {("prohibition", False)}),
    # the same kind of modal word as the chapeau's: no second row
    ("经营者应当遵守下列规定：", "应当明码标价；", {("obligation", False)}),
])
def test_an_item_opening_with_its_own_modal_word_is_still_listed(chapeau, item, modalities):
    ch = find_norms(chapeau)
    assert {(n.modality, n.inherited) for n in find_norms(item, chapeau=ch)} == modalities


@pytest.mark.parametrize("text, modalities", [
    # 民法典 1181: a right to claim liability, not a sanction
    ("被侵权人死亡的，其近亲属有权请求侵权人承担侵权责任。", {"permission"}),
    ("经营者违反本条例规定，损害消费者权益的，消费者有权要求经营者依法承担民事责任。",
     {"permission"}),
    # a court ruling on the claim imposes it
    ("造成损害的，根据原告请求依法判决被告承担赔偿责任。", {"penalty"}),
    # a liability clause with no claim stays one
    ("违反本法规定，给他人造成损害的，依法承担民事责任。", {"penalty"}),
])
def test_a_claimed_liability_is_a_right_not_a_sanction(text, modalities):
    assert {n.modality for n in find_norms(text)} == modalities


@pytest.mark.parametrize("text, modality", [
    # 政府采购法 28: 将 brings the object of the modal word's verb forward; its 的…为 is no
    # relative clause that is a subject
    ("采购人不得将应当以公开招标方式采购的货物或者服务化整为零或者以其他任何方式规避公开招标采购。",
     "prohibition"),
    ("人民法院审理道路交通事故损害赔偿案件，应当将承保交强险的保险公司列为共同被告。",
     "obligation"),
    # a relative clause that is the subject of 为 is still no norm
    ("当事人可以申请的期限为六十日。", None),
])
def test_a_ba_or_jiang_object_is_no_relative_subject(text, modality):
    assert ([n.modality for n in find_norms(text)] or [None])[0] == modality


def test_the_body_a_list_is_handed_to_imposes_its_items_sanctions():
    # 上海市测绘管理条例 38: 由X按照下列规定进行处理 names no sanction itself, but its items'
    # sanctions are X's
    import regtext

    doc = regtext.parse("第三十八条 对违反本条例的行为，由市测绘管理部门按照下列规定进行处理：\n"
                        "（一）违反本条例第十一条规定的，责令停止违法行为，没收违法所得和测绘成果；\n"
                        "（二）违反本条例第十六条规定的，责令停止测绘一至两年。\n")
    df = regtext.obligations(doc)
    items = df[df.ref.str.count(r"\.") == 2]
    assert len(items) and set(items.actor_raw) == {"市测绘管理部门"}
    # a list whose chapeau hands it to no body: the items' sanctions keep no body
    doc = regtext.parse("第十条 有下列行为之一的，责令改正：\n（一）擅自改变用途的；\n"
                        "（二）逾期不改正的，处一千元罚款。\n")
    df = regtext.obligations(doc)
    assert not df[df.modality == "penalty"].actor_raw.astype(bool).any()


def test_only_the_sentence_that_opens_a_list_passes_its_norm_to_the_items():
    import regtext

    # 北京市招标投标条例 17: the list is what a document is made of, not the duty before it
    doc = regtext.parse("第十七条 招标人应当根据招标项目的特点和需要编制招标文件。"
                        "招标文件一般由下列部分组成：\n（一）投标邀请书；\n（二）投标人须知。\n")
    df = regtext.obligations(doc)
    assert not (df.ref.str.count(r"\.") == 2).any()
    # a chapeau whose own sentence opens the list: its items inherit the duty
    doc = regtext.parse("第二十条 生产经营单位应当履行下列职责：\n（一）建立健全安全生产责任制；\n"
                        "（二）组织制定安全生产规章制度。\n")
    df = regtext.obligations(doc)
    items = df[df.ref.str.count(r"\.") == 2]
    assert set(items.modality) == {"obligation"} and len(items) == 2


@pytest.mark.parametrize("row", rules.table("non-actor-words"), ids=lambda r: r["word"])
def test_a_word_ending_in_a_head_that_names_no_party(row):
    word, head = row["word"], row["head"]
    assert word.endswith(head) and word in row["example"]
    # the example's phrase ending in the word binds no one under that name
    assert not any(n.actor_raw.endswith(word) for n in find_norms(row["example"]))
    # the same head character still closes a party's name in the counterexample
    assert any(n.actor_raw.endswith(head) for n in find_norms(row["counterexample"]))
