"""Legal-concept families (regtext.network.concepts, rules/legal-concepts.tsv) and the ranking
rule built on them, each with a case where it fires and one where it must not, on real
statute text."""

from __future__ import annotations

import pytest
from conftest import LAWREFBOOK  # noqa: E402

import regtext
from regtext import rules
from regtext.network import concepts, ranking


def _text(doc_id: str, ref: str) -> str:
    return regtext.load(doc_id).get(ref).text


@pytest.mark.parametrize("row", rules.table("legal-concepts"), ids=lambda r: r["concept"])
def test_legal_concept_rows(row):
    found = concepts.concepts_in(row["example"])
    missed = concepts.concepts_in(row["counterexample"])
    if row["role"] == "party":
        # a duty-bearer's name is read (so 个人信息处理者 is no 个人信息) but never counted
        assert any(c == row["concept"] for _, c in concepts.matches(row["example"]))
        assert not any(c == row["concept"] for _, c in concepts.matches(row["counterexample"]))
        assert row["concept"] not in found
    else:
        assert row["concept"] in found
        assert row["concept"] not in missed


def test_the_table_is_broad_and_its_hierarchy_sound():
    fams = concepts.families()
    assert len([f for f in fams.values() if f.role == "object"]) >= 60
    for f in fams.values():
        assert f.role in ("object", "party")
        assert f.concept not in concepts.ancestors(f.concept)  # no cycles
        assert not f.broader or fams[f.broader].role == "object"
    terms = [t for f in fams.values() for t in f.terms]
    assert len(terms) == len(set(terms)), "a word names one concept"


def test_a_duty_bearer_is_no_concept():
    # 个人信息处理者 is read whole: the party, not the 个人信息 it processes
    assert concepts.concepts_in("个人信息处理者") == frozenset()
    assert "个人信息" in concepts.concepts_in(_text("pipl", "4.1"))


def test_broader_concepts_come_with_their_kinds():
    found = concepts.concepts_in(_text("copyright", "10.1"))  # 著作权包括下列人身权和财产权
    assert {"著作权", "知识产权"} <= found
    assert "知识产权" not in concepts.concepts_in(_text("civil-code-personality", "1004.1"))


def test_concept_share_across_words():
    # 歧视 (未成年人…不因…受到歧视) and 不合理的差别待遇 are one concept
    anti_bias = concepts.concepts_in(_text("minors-protection", "3.2"))
    unfair_terms = concepts.concepts_in(_text("pipl", "24.1"))
    assert concepts.concept_share(concepts.concepts_in("歧视"), unfair_terms) == 1.0
    assert "歧视" in anti_bias
    # a kind of a concept counts as the concept: 知识产权 ~ 著作权
    ip = concepts.concepts_in("知识产权")
    assert "知识产权" in concepts.concepts_in(_text("stpl", "45.1"))  # 国家保护企业…知识产权
    assert concepts.concept_share(ip, concepts.concepts_in(_text("copyright", "10.1"))) == 1.0
    # two kinds of one broader concept count half: 训练数据 and 个人信息 are both 数据
    training = concepts.concepts_in(_text("deep-synthesis", "23.6"))
    quality = concepts.concepts_in(_text("pipl", "8.1"))  # 保证个人信息的质量
    assert concepts.concept_share(concepts.concepts_in("训练数据"), quality) == \
        concepts.SIBLING_SHARE
    assert concepts.concept_share(training, quality) > 0
    # different concepts share nothing: 健康权 is no 知识产权
    health = concepts.concepts_in(_text("civil-code-personality", "1004.1"))
    assert concepts.concept_share(ip, health) == 0.0
    # a text naming no concept gives nothing to compare
    assert concepts.concept_share(ip, concepts.concepts_in("采取有效措施")) is None


def test_the_object_of_a_duty_follows_its_modal_word():
    # 自然人享有健康权…任何组织或者个人不得侵害他人的健康权: the duty is about 健康权
    assert concepts.duty_object(_text("civil-code-personality", "1004.1")) == "侵害他人的健康权"
    # 中央网络安全和信息化委员会…: 应用 holds no 应, so a text without a modal word is read whole
    csl3 = _text("csl", "3.1")  # …鼓励网络技术创新和应用…
    assert concepts.duty_object(csl3) == regtext.text.normalize.fold(csl3)
    # only the duty's words count: the condition 涉及个人信息的 is not what it is about
    assert concepts.object_concepts(_text("pipl", "10.1")) >= {"个人信息"}
    assert "个人信息" not in concepts.object_concepts("涉及个人信息的，不得侵害他人的知识产权")


def test_a_duty_about_another_concept_is_discounted():
    # a broadcaster must not infringe others' 著作权 (copyright 47.2): the copyright rules match,
    # the rule against infringing 健康权 (same 不得侵害他人) does not
    duty = ranking.provision("copyright", "47.2")
    assert "著作权" in duty.concepts
    rights = ranking.provision("copyright", "10.1")
    health = ranking.provision("civil-code-personality", "1004.1")
    assert ranking.concept_factor(duty, rights) == 1.0
    assert ranking.concept_factor(duty, health) == ranking.CONCEPT_MISMATCH
    assert ranking.similarity_factor(duty, health, {}) <= ranking.CONCEPT_MISMATCH
    # no concept on one side: nothing to compare, no discount
    bare = ranking.Provision("", frozenset(), frozenset())
    assert ranking.concept_factor(bare, health) == 1.0


@pytest.mark.skipif(not LAWREFBOOK.exists(), reason="the LawRefBook corpus is not there")
def test_a_clause_on_intellectual_property_is_not_matched_to_personality_rights():
    # 北京市技术市场条例: 当事人…应当遵守…，不得侵犯他人的知识产权 — the copyright rules are its
    # kind of rule, the Civil Code's 不得侵害他人的健康权 (same verb) is not
    path = next(LAWREFBOOK.rglob("北京市技术市场条例.md"), None)
    if path is None:
        pytest.skip("北京市技术市场条例 not in this LawRefBook checkout")
    doc = regtext.read(path)
    node = next(n for n in doc.clauses() if "不得侵犯他人的知识产权" in n.text and not n.children)
    src = ranking.source(node, doc)
    assert "知识产权" in src.concepts
    health = ranking.provision("civil-code-personality", "1004.1")
    rights = ranking.provision("copyright", "10.1")
    assert ranking.concept_factor(src, health) == ranking.CONCEPT_MISMATCH
    assert ranking.concept_factor(src, rights) == 1.0
