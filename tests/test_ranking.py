"""The link ranking rules (regtext.network.ranking), each with a case where it fires and one
where it must not, on real statute text."""

from __future__ import annotations

import re

import pytest

import regtext
from regtext import rules
from regtext.network import linking, ranking


@pytest.mark.parametrize("row", rules.table("clause-kinds"), ids=lambda r: r["kind"])
def test_clause_kind_rows(row):
    assert ranking.clause_kind(row["example"]) == row["kind"]
    assert ranking.clause_kind(row["counterexample"]) != row["kind"]


@pytest.mark.parametrize("row", rules.table("actor-kinds"), ids=lambda r: r["kind"])
def test_actor_kind_rows(row):
    assert ranking.actor_kind(row["example"]) == row["kind"]
    assert ranking.actor_kind(row["counterexample"]) != row["kind"]


@pytest.mark.parametrize("doc_id,ref,kind", [
    ("genai-2023-final", "21.2", "referral"),
    ("pipl", "1.1", "purpose"),
    ("pipl", "74.1", "commencement"),
    ("dsl", "2.1", "scope"),
    ("csl", "76.1.3", "definition"),
    ("pipl", "45.1", ""),
    ("csl", "3.1", "principle"),  # 国家坚持网络安全与信息化发展并重，遵循…的方针
    ("dsl", "21.1", ""),  # 国家建立数据分类分级保护制度: a programme, no principle
])
def test_clause_kinds_on_real_provisions(doc_id, ref, kind):
    assert ranking.clause_kind(regtext.load(doc_id).get(ref).text) == kind


def test_subject_of_the_source_is_masked_but_not_in_its_scope_clause():
    doc = regtext.load("genai-2023-final")
    assert "生成式人工智能" not in ranking.query_text(doc.get("9.2").text, doc)
    assert "生成式人工智能" in ranking.query_text(doc.get("2.1").text, doc)
    # a text whose title names no long subject keeps its words
    pipl = regtext.load("pipl")
    assert ranking.query_text(pipl.get("45.1").text, pipl) == pipl.get("45.1").text


def test_commencement_and_purpose_clauses_get_no_similarity_links():
    df = regtext.links("genai-2023-final")
    last = str(len(regtext.load("genai-2023-final").articles))
    tail = df[df.source_ref.str.startswith(last + ".")]
    assert tail.empty or (tail.via != "similarity").all()
    assert (df[df.source_ref == "1.1"].via == "citation").all()


def test_party_discount_separates_officials_from_businesses():
    officials = ranking.Provision("", frozenset({"state"}), frozenset({"保密"}))
    business = ranking.Provision("", frozenset({"business"}), frozenset({"保密"}))
    anyone = ranking.Provision("", frozenset({"any"}), frozenset({"保密"}))
    assert ranking.similarity_factor(officials, business, {}) == ranking.PARTY_DISCOUNT
    assert ranking.similarity_factor(business, business, {}) > 1.0  # same party, same act
    assert ranking.similarity_factor(officials, anyone, {}) >= 1.0


def test_definition_counts_fully_only_when_the_clause_turns_on_the_term():
    doc = regtext.load("genai-2023-final")
    df = regtext.links(doc, to="pipl")
    role = df[(df.source_ref == "9.1") & (df.evidence == "个人信息处理者")]
    assert len(role) and role.score.max() >= 0.8  # 承担个人信息处理者责任: the term is the role
    mention = df[(df.source_ref == "11.2") & (df.target_ref == "4")]
    assert mention.empty  # 11.2 is about handling requests, not what 个人信息 means


def test_same_act_outranks_a_shared_service_name():
    # 11.2 (查阅、复制…请求) reaches PIPL 45-47, the provisions with the same act
    df = regtext.links("genai-2023-final", k=5)
    top = df[df.source_ref == "11.2"].sort_values("score", ascending=False).head(3)
    arts = {(d, r.split(".")[0]) for d, r in zip(top.target_doc, top.target_ref)}
    assert {("pipl", "45"), ("pipl", "46")} <= arts
    assert ("pipl", "4") not in arts  # the definition of 个人信息 is not the duty


def test_definition_clauses_match_definitions():
    df = regtext.links("genai-2023-final")
    top = df[df.source_ref == "22.1.1"].sort_values("score", ascending=False).iloc[0]
    target = regtext.load(top.target_doc).get(top.target_ref).text
    assert ranking.clause_kind(target) == "definition"


def test_rerank_is_empty_for_a_commencement_clause():
    doc = regtext.load("pipl")
    assert linking.rerank(doc.get("74.1"), doc, linking.corpus_index(),
                          linking.statutes(doc), 3) == []


def test_a_chapeau_is_matched_on_its_own_words():
    # 4.1's chapeau (遵守法律、行政法规，尊重社会公德和伦理道德) reaches the parallel chapeaus;
    # the rights its item (四) names stay with that item and rank below
    df = regtext.links("genai-2023-final")
    rows = df[df.source_ref == "4.1"].sort_values("score", ascending=False)
    top = rows.head(3)
    assert (top.via == "similarity").all()
    item_concepts = rows[rows.via == "concept"]
    assert len(item_concepts) and item_concepts.score.max() < top.score.min()
    item = df[(df.source_ref == "4.1.4") & (df.via == "concept")]
    assert item.score.max() > item_concepts.score.max()  # the item itself keeps them high


@pytest.mark.parametrize("row", rules.table("official-duty"), ids=lambda r: r["pattern"][:12])
def test_official_duty_rows(row):
    assert ranking.official_duty(row["example"])
    assert not ranking.official_duty(row["counterexample"])


def test_officials_confidentiality_is_not_a_business_trade_secret_duty():
    # genai 19.2: bodies taking part in security assessments keep what they learn in office
    # secret. The parallel official-confidentiality rules rank first; the Anti-Unfair
    # Competition Law's article on businesses infringing trade secrets does not.
    df = regtext.links("genai-2023-final")
    top = df[df.source_ref == "19.2"].sort_values("score", ascending=False).head(3)
    arts = set(zip(top.target_doc, top.target_ref.str.split(".").str[0]))
    assert ("anti-unfair-competition", "9") not in arts
    assert {("csl", "45"), ("dsl", "38")} & arts


def test_provision_of_an_article_unites_its_paragraphs():
    art = ranking.provision("anti-unfair-competition", "9")
    assert "business" in art.actors


@pytest.mark.parametrize("row", rules.table("addressed-party"), ids=lambda r: r["rule"])
def test_addressed_party_rows(row):
    if row["rule"] == "declaration":
        assert ranking.state_declaration(row["example"])
        assert not ranking.state_declaration(row["counterexample"])
    elif row["rule"] == "public-body":
        assert ranking.public_body(row["example"])
        assert not ranking.public_body(row["counterexample"])
    else:
        assert ranking.encouraged_kind(row["example"]) == "business"
        assert ranking.encouraged_kind(row["counterexample"]) == ""


def test_a_state_programme_addresses_the_state_even_without_a_modal_word():
    # DSL 37 (国家大力推进电子政务建设…) has no 应当 but is the state's own programme; a
    # provider's duty to make its output accurate is not matched to it at full weight
    assert ranking.provision("dsl", "37").actors == frozenset({"state"})
    assert "state" not in ranking.provision("pipl", "45").actors  # a processor's duty
    doc = regtext.load("genai-2023-final")
    duty = ranking.source(doc.get("7.1.4"), doc)  # 提供者…提高训练数据质量
    programme = ranking.provision("dsl", "37")
    assert ranking.similarity_factor(duty, programme, {}) == ranking.PARTY_DISCOUNT
    policy = ranking.source(doc.get("3.1"), doc)  # 国家坚持…: the state speaks to the state
    # no party discount (what is left is that their legal concepts differ)
    assert ranking.similarity_factor(policy, programme, {}) == ranking.concept_factor(
        policy, programme)


def test_a_deference_to_other_state_rules_is_not_the_state_acting():
    doc = regtext.load("genai-2023-final")
    assert not ranking.state_declaration(doc.get("2.2").text)  # 国家对…另有规定的，从其规定
    assert ranking.state_declaration(regtext.load("stpl").get("35.1").text)  # 国家鼓励新技术应用


def test_an_encouragement_addresses_the_party_encouraged():
    # 鼓励算法推荐服务提供者…: the provider is addressed, not (only) the state that encourages
    assert "business" in ranking.provision("algorithm-recommendation", "12").actors
    # 国家…鼓励和支持数据在各行业、各领域的创新应用: an activity, no party: the state's
    assert ranking.provision("dsl", "14").actors == frozenset({"state"})


def test_items_of_a_definition_belong_to_the_definition():
    item = ranking.provision("deep-synthesis", "23.2.3")  # （三）音乐生成…的技术 of 深度合成技术
    assert item.kind == "definition" and "深度合成技术" in item.terms
    assert ranking.provision("pipl", "13.1.1").kind == ""  # an item of a substantive rule


def test_defined_terms():
    assert ranking.defined_terms(regtext.load("csl").get("76.1.3").text) == {"网络运营者"}
    assert ranking.defined_terms(regtext.load("pipl").get("45.1").text) == frozenset()


def test_a_definition_counts_only_for_a_clause_that_uses_its_term():
    doc = regtext.load("genai-2023-final")
    training = ranking.provision("deep-synthesis", "23.6")  # 训练数据，是指…
    assert training.terms == {"训练数据"}
    uses = doc.get("7.1.4")  # 提高训练数据质量: turns on the term
    other = doc.get("5.1")  # 鼓励…创新应用: never says 训练数据
    f_uses = ranking.similarity_factor(ranking.source(uses, doc), training, {}, uses.text)
    f_other = ranking.similarity_factor(ranking.source(other, doc), training, {}, other.text)
    assert f_uses == pytest.approx(ranking.DEFINITION_DISCOUNT)
    # (and 创新 is no concept of 训练数据: the concept discount comes on top)
    assert f_other == pytest.approx(ranking.BOILERPLATE_DISCOUNT * ranking.concept_factor(
        ranking.source(other, doc), training))
    # a definition clause matches definitions whatever its words
    defn = ranking.Provision("definition", frozenset(), frozenset())
    assert ranking.similarity_factor(defn, training, {}, "使用者，是指…") == 1.0


def test_a_principle_clause_parallels_principle_clauses():
    # 国家坚持发展和安全并重… (genai 3.1) parallels the CSL's 坚持网络安全与信息化发展并重 more than
    # any programme sharing its words
    doc = regtext.load("genai-2023-final")
    src = ranking.source(doc.get("3.1"), doc)
    assert src.kind == "principle"
    csl3 = ranking.provision("csl", "3.1")
    dsl21 = ranking.provision("dsl", "21.1")
    assert ranking.similarity_factor(src, csl3, {}) == ranking.PRINCIPLE_BONUS
    assert ranking.similarity_factor(src, dsl21, {}) == 1.0
    duty = ranking.source(doc.get("11.2"), doc)  # a duty gains nothing from a principle
    assert ranking.similarity_factor(duty, ranking.provision("pipl", "5.1"), {}) <= 2.0
    assert ranking.similarity_factor(duty, csl3, {}) < ranking.PRINCIPLE_BONUS


# -- comparable duties, public bodies, circumstances (session 18) ---------------------------


@pytest.mark.parametrize("row", rules.table("duty-circumstance"), ids=lambda r: r["pattern"][:12])
def test_duty_circumstance_rows(row):
    pattern = re.compile(row["pattern"])
    assert pattern.search(row["example"])
    assert not pattern.search(row["counterexample"])


def test_the_circumstance_of_a_duty_is_not_what_it_is_about():
    # a duty whose occasion is data processing (在…过程中，) is about what follows
    assert ranking.duty_concepts("在数据处理过程中，应当采取有效措施防止产生歧视") == {"歧视"}
    # the same words as the object of the duty stay its concept
    assert "训练数据" in ranking.duty_concepts("提供者应当采取有效措施提高训练数据质量")
    assert ranking.only_in_circumstance("训练数据", "在训练数据选择过程中，防止产生歧视")
    assert not ranking.only_in_circumstance("训练数据", "应当加强训练数据管理")


def test_a_public_body_binds_the_state_whatever_its_head_noun():
    # 反垄断法: 行政机关和法律、法规授权的具有管理公共事务职能的组织不得滥用行政权力，实施下列
    # 行为…（一）对外地商品设定歧视性收费项目: the items bind the state, not a business
    assert ranking.provision("anti-monopoly", "41.1.1").actors == frozenset({"state"})
    assert ranking.provision("anti-monopoly", "41").actors == frozenset({"state"})
    # 经营者不得利用数据和算法…从事本法禁止的垄断行为: a business's duty stays one
    assert ranking.provision("anti-monopoly", "9").actors == frozenset({"business"})


def test_a_comparable_duty_is_found_in_other_words():
    # 算法推荐服务提供者…不得…实行不合理的差别待遇 (algorithm recommendation 21) and PIPL 24
    # (个人信息处理者…不得对个人在交易价格等交易条件上实行不合理的差别待遇) bind businesses on
    # the same concept (歧视)
    doc = regtext.load("algorithm-recommendation")
    found = linking.comparable_duties(doc.get("21.1"), doc, linking.corpus_index(),
                                      linking.statutes(doc), as_of="2021-12-31")
    hits = {(d, r.split(".")[0]): c for d, r, _, c in found}
    assert hits.get(("pipl", "24")) == "歧视"
    # the anti-monopoly rule against administrative bodies' 歧视性收费 is the state's duty
    assert ("anti-monopoly", "41") not in hits
    assert all(s >= ranking.COMPARABLE_DUTY for _, _, s, _ in found)


def test_a_broad_concept_or_a_clause_without_a_duty_finds_no_comparable_duty():
    idx = linking.corpus_index()
    pipl = regtext.load("pipl")
    # 个人信息 (and 个人信息权利) are named by too many articles to find duties by
    assert linking.comparable_duties(pipl.get("45.1"), pipl, idx, linking.statutes(pipl)) == []
    # a principle with no duty of its own (国家坚持…) finds none
    csl = regtext.load("csl")
    assert linking.comparable_duties(csl.get("3.1"), csl, idx, linking.statutes(csl)) == []
    # a duty about a concept found but addressed to another kind of party: the state's
    assert not ranking.comparable_duty(
        ranking.Provision("", frozenset({"state"}), frozenset({"保障"})),
        ranking.provision("pipl", "24.1"), "歧视")


def test_a_scope_clause_parallels_scope_clauses_on_its_subject():
    # 在中华人民共和国境内应用深度合成技术提供互联网信息服务…，适用本规定: the algorithm
    # recommendation rules' scope (算法, the broader concept) parallels it; the DSL's scope
    # (数据处理活动) does not
    doc = regtext.load("deep-synthesis")
    found = linking.comparable_duties(doc.get("2.1"), doc, linking.corpus_index(),
                                      linking.statutes(doc), as_of="2022-11-25")
    arts = {(d, r.split(".")[0]) for d, r, _, _ in found}
    assert ("algorithm-recommendation", "2") in arts
    assert ("dsl", "2") not in arts
    # a carve-out from particular articles (反垄断法: 不适用本法第十七条…) is no scope clause
    exemption = regtext.load("anti-monopoly").get("20.1")
    assert ranking.clause_kind(exemption.text) == "exemption"
    assert ranking.clause_kind(regtext.load("anti-monopoly").get("2.1").text) == "scope"
    # a scope clause that names no concept finds none
    iis = regtext.load("internet-info-services")
    assert linking.comparable_duties(iis.get("2.1"), iis, linking.corpus_index(),
                                     linking.statutes(iis)) == []


def test_a_first_article_that_says_who_must_observe_the_text_is_its_scope():
    # 在中华人民共和国境内从事互联网信息服务活动，必须遵守本办法: a scope clause
    assert ranking.clause_kind(regtext.load("internet-info-services").get("2.1").text) == "scope"
    # 网络运营者开展经营和服务活动，必须遵守法律、行政法规… (CSL 9): a duty
    assert ranking.clause_kind(regtext.load("csl").get("9.1").text) == ""
