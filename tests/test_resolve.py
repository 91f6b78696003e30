"""The Resolver: citations between the caller's own documents, then the corpus."""

from __future__ import annotations

import pytest

import regtext
from regtext import Resolver
from regtext.extract.citing import find_citations

LAW = ("测试管理条例\n第一条 为了规范测试，制定本条例。\n第二条 测试单位应当公开测试结果。\n"
       "第三条 本条例自公布之日起施行。")
OTHER = "某某管理条例\n第一条 为了规范某某，制定本条例。\n第二条 某某应当登记。"
RULE = ("测试管理办法\n第一条 根据《测试管理条例》第二条，制定本办法。\n"
        "第二条 《中华人民共和国测试管理条例》（以下简称《条例》）第三条所称的测试，"
        "依照《条例》第二条办理。\n"
        "第三条 违反测试管理条例第九十九条的，依照《中华人民共和国网络安全法》第二十一条处理。")


@pytest.fixture(scope="module")
def docs():
    return [regtext.parse(LAW, id="law"), regtext.parse(OTHER, id="other"),
            regtext.parse(RULE, id="rule")]


def test_two_user_texts_cite_each_other(docs):
    law, _, rule = docs
    df = regtext.citations(rule, resolver=Resolver.from_documents(docs))
    first = df[df.source_ref == "1.1"]
    assert first[["kind", "target_doc", "target_ref", "resolved"]].values.tolist() == [
        ["external", "law", "2", True]]
    assert Resolver.from_documents(docs).document("law") is law


def test_without_a_resolver_the_title_stays_unknown(docs):
    df = regtext.citations(docs[2])
    assert df[df.source_ref == "1.1"].target_doc.tolist() == [None]


def test_short_title_and_defined_abbreviation_resolve(docs):
    df = regtext.citations(docs[2], resolver=Resolver.from_documents(docs))
    rows = df[df.source_ref == "2.1"]
    assert set(zip(rows.form, rows.target_doc, rows.target_ref)) == {
        ("title", "law", "3"), ("abbreviation", "law", "2")}


def test_missing_pin_and_corpus_fallback(docs):
    df = regtext.citations(docs[2], resolver=Resolver.from_documents(docs))
    rows = df[df.source_ref == "3.1"]
    got = set(zip(rows.target_doc, rows.target_ref, rows.pin, rows.resolved))
    # 第九十九条 does not exist in the user's text: the pin is kept, the ref is not claimed
    assert ("law", None, "99", False) in got
    # the corpus still answers for shipped laws
    assert ("csl", "21", "21", True) in got


def test_corpus_can_be_switched_off(docs):
    r = Resolver.from_documents(docs, corpus=False)
    assert r.find("中华人民共和国网络安全法") is None and r.document("csl") is None
    assert r.find("测试管理条例") == "law"


def test_document_without_id_is_known_by_its_title():
    law = regtext.parse(LAW)
    cites = find_citations("依照《测试管理条例》第二条", resolver=Resolver.from_documents([law]))
    assert [(c.target_doc, c.target_ref) for c in cites] == [("测试管理条例", "2")]


def test_a_text_citing_itself_by_title_is_internal(docs):
    law = docs[0]
    cites = find_citations("依照《测试管理条例》第二条", law, "3.1",
                           resolver=Resolver.from_documents(docs))
    assert [(c.kind, c.target_doc, c.target_ref) for c in cites] == [("internal", "law", "2")]


def test_real_corpus_text_through_a_resolver():
    # a shipped text given as a user document behaves as through the corpus
    csl = regtext.load("csl")
    plain = regtext.citations(regtext.load("network-data"))
    viaresolver = regtext.citations(regtext.load("network-data"),
                                    resolver=Resolver.from_documents([csl]))
    assert plain.equals(viaresolver)
