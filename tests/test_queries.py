"""Tests for regtext.queries on the genai pair and on the PIPL, CSL and DSL."""

from __future__ import annotations

import pytest

import regtext
from regtext import queries as q

DOCS = ["genai-2023-draft", "genai-2023-final", "pipl", "csl", "dsl",
        "algorithm-recommendation", "deep-synthesis", "stpl", "civil-code-personality"]


@pytest.fixture(scope="module")
def G():
    return regtext.graph(DOCS)


def articles(series):
    return {r.split(".")[0] for r in series if isinstance(r, str)}


# -- obligations by actor, modality, document ---------------------------------------------


@pytest.mark.parametrize("doc,actor,modality,refs", [
    ("genai-2023-final", "提供者", "prohibition", {"4.1.1", "11.1"}),
    ("genai-2023-final", "国家", "encouragement", {"5.1", "6.1"}),
    ("csl", "网络运营者", "prohibition", {"41.2", "42.1"}),
    ("dsl", None, "penalty", {"45.1", "46.1", "47.1"}),
    ("pipl", "个人信息处理者", "obligation", {"9.1", "51.1"}),
])
def test_obligations_by(G, doc, actor, modality, refs):
    df = q.obligations_by(G, actor=actor, modality=modality, doc=doc)
    assert refs <= set(df.ref)
    assert set(df.doc) == {doc} and set(df.modality) == {modality}
    if actor:
        assert set(df.actor) == {actor}


def test_obligations_by_alias_and_lists(G):
    a = q.obligations_by(G, doc="网络安全法", modality=["obligation", "prohibition"])
    assert set(a.doc) == {"csl"} and set(a.modality) == {"obligation", "prohibition"}
    assert q.obligations_by(G, actor="无此主体").empty


# -- cites / cited by, at article level ---------------------------------------------------


@pytest.mark.parametrize("provision,expected", [
    ("genai-2023-final:21", {("csl", None), ("dsl", None), ("pipl", None), ("stpl", None)}),
    ("pipl:45", {("pipl", "18"), ("pipl", "35")}),
    ("dsl:45", {("dsl", "27"), ("dsl", "29"), ("dsl", "30")}),
    (("genai-2023-final", "12"), {("deep-synthesis", None)}),
])
def test_cites(G, provision, expected):
    df = q.cites(G, provision)
    got = {(d, a if isinstance(a, str) else None) for d, a in zip(df.target_doc,
                                                                  df.target_article)}
    assert got == expected


@pytest.mark.parametrize("provision,sources", [
    ("pipl:18", {"pipl:35", "pipl:45"}),
    ("dsl:27", {"dsl:45"}),
    ("csl:41", {"csl:64"}),
])
def test_cited_by(G, provision, sources):
    assert sources <= set(q.cited_by(G, provision).source)


def test_cites_unknown_provision_names_it(G):
    with pytest.raises(KeyError, match="pipl:999"):
        q.cites(G, "pipl:999")


def test_invoked_directly_or_through_concepts(G):
    df = q.invoked(G, "genai-2023-final", "csl")
    assert df.iloc[0].via == "citation" and not isinstance(df.iloc[0].target_article, str)
    row = df[df.target_article == "41"].iloc[0]
    assert row.via == "concept" and "11.1" in row.clauses
    assert {"12", "47"} <= set(df.target_article.dropna())


# -- what an obligation rests on ----------------------------------------------------------


@pytest.mark.parametrize("ref,to,arts", [
    ("11.2", "pipl", {"45", "46", "47"}),
    ("7.1.3", "pipl", {"13", "14"}),
    ("11.1", "csl", {"41"}),
    ("4.1.4", "civil-code-personality", {"1019", "1024", "1032"}),
])
def test_rests_on(G, ref, to, arts):
    df = q.rests_on(G, doc="genai-2023-final", to=to)
    assert arts <= articles(df[df.ref == ref].target_ref)
    assert set(df.target_doc) == {to}


def test_rests_on_one_norm_and_citation_first(G):
    norm = next(n for n, d in G.nodes(data=True) if d.get("kind") == "obligation"
                and d.get("doc") == "genai-2023-final" and d.get("ref") == "12.1")
    df = q.rests_on(G, norm=norm)
    assert set(df.norm) == {norm}
    assert df.iloc[0].via == "citation" and df.iloc[0].target_doc == "deep-synthesis"


def test_rests_on_skips_the_documents_own_provisions(G):
    df = q.rests_on(G, doc="pipl")
    assert "pipl" not in set(df.target_doc) and {"csl", "dsl"} & set(df.target_doc)


# -- draft → final lineage ----------------------------------------------------------------


@pytest.fixture(scope="module")
def lineage(G):
    return q.lineage(G, "genai-2023-draft", "genai-2023-final")


@pytest.mark.parametrize("status,old_ref,new_ref", [
    ("softened", "7.2.4", "7.1.4"),    # 能够保证 → 采取有效措施…增强
    ("removed", "9.1", None),           # the real-name rule was dropped
    ("added", None, "23.1"),            # new article on licences
    ("added", None, "3.1"),             # new article: the state's principles
    ("changed", "16.1", "12.1"),        # renumbered and reworded
])
def test_lineage(lineage, status, old_ref, new_ref):
    rows = lineage[lineage.status == status]
    if old_ref:
        rows = rows[rows.old_ref == old_ref]
    if new_ref:
        rows = rows[rows.new_ref == new_ref]
    assert len(rows) >= 1


def test_lineage_of_one_obligation(G):
    df = q.lineage(G, "genai-2023-draft", "genai-2023-final", ref="7.2.4")
    assert df.status.tolist() == ["softened"]
    assert "能够保证" in df.iloc[0].old_text and "采取有效措施" in df.iloc[0].new_text


def test_lineage_accounts_for_every_norm(G, lineage):
    for doc, col in (("genai-2023-draft", "old_norm"), ("genai-2023-final", "new_norm")):
        norms = {n for n, d in G.nodes(data=True) if d.get("kind") == "obligation"
                 and d.get("doc") == doc}
        assert norms == set(lineage[col].dropna())


def test_citation_changes(G):
    df = q.citation_changes(G, "genai-2023-draft", "genai-2023-final")
    added = df[df.change == "added"]
    assert added.target_doc.tolist() == ["stpl"]
    assert "21.1" in added.iloc[0].refs


# -- text reuse ---------------------------------------------------------------------------


@pytest.mark.parametrize("a,b,pair", [
    ("genai-2023-final", "algorithm-recommendation", ("19.2", "29.1")),
    ("genai-2023-final", "deep-synthesis", ("17.1", "19.1")),
    ("pipl", "csl", ("67.1", "71.1")),        # 记入信用档案 verbatim
    ("dsl", "csl", ("52.1", "74.1")),
])
def test_reuse(G, a, b, pair):
    df = q.reuse(G, a, b)
    assert pair in set(zip(df.source_ref, df.target_ref))
    assert df.similarity.between(0.75, 1).all()
    assert set(q.reuse(G, b, a).source_ref) == set(df.source_ref)  # either order


def test_no_reuse_between_unrelated_texts(G):
    assert q.reuse(G, "stpl", "civil-code-personality").empty


def test_lineage_carries_the_diff_tags(lineage):
    # the draft's fines (罚款) are gone from the final liability article
    rows = lineage[lineage.old_ref.fillna("").str.startswith("20.")]
    assert any("penalty-removed" in tags for tags in rows.tags)
    assert all(isinstance(tags, list) for tags in lineage.tags)


# -- documents named any way; unknown documents are errors (issue 15 item 3) ----------------


@pytest.fixture(scope="module")
def G2():
    return regtext.graph(["genai-2023-draft", "genai-2023-final", "pipl", "csl"])


@pytest.mark.parametrize("call", [
    lambda G: q.lineage(G, "nonexistent", "genai-2023-final"),
    lambda G: q.lineage(G, "genai-2023-draft", "nonexistent"),
    lambda G: q.rests_on(G, doc="nonexistent"),
    lambda G: q.invoked(G, "nonexistent", "pipl"),
    lambda G: q.invoked(G, "genai-2023-final", "nonexistent"),
    lambda G: q.obligations_by(G, doc="nonexistent"),
    lambda G: q.reuse(G, "nonexistent", "pipl"),
    lambda G: q.citation_changes(G, "nonexistent", "genai-2023-final"),
])
def test_unknown_document_names_it(G2, call):
    with pytest.raises(KeyError, match="nonexistent"):
        call(G2)


def test_document_not_in_graph_is_an_error_even_if_in_corpus(G2):
    with pytest.raises(KeyError, match="dsl"):
        q.rests_on(G2, doc="dsl")


@pytest.mark.parametrize("name", ["pipl", "个保法", "PIPL"])
def test_queries_take_ids_aliases_and_documents(G2, name):
    by_name = q.invoked(G2, "genai-2023-final", name)
    by_doc = q.invoked(G2, regtext.load("genai-2023-final"), regtext.load("pipl"))
    assert by_name.equals(by_doc) and len(by_name)
    assert len(q.cited_by(G2, (regtext.load("pipl"), "13"))) == len(
        q.cited_by(G2, "pipl:13"))


def test_invoked_reports_each_links_own_source_and_score(G2):
    df = q.invoked(G2, "genai-2023-final", "pipl")
    for r in df.itertuples():
        art = "" if not isinstance(r.target_article, str) else r.target_article
        # the reported (via, score) is one real edge from the reported clause
        edges = [d for _, v, k, d in G2.out_edges(f"genai-2023-final:{r.from_ref}", keys=True,
                                                  data=True)
                 if k in ("links_to", "cites") and G2.nodes[v].get("doc") == "pipl"
                 and (G2.nodes[v].get("article") or "") == art]
        assert any(d.get("via", "citation") == r.via and float(d.get("score", 1.0)) == r.score
                   for d in edges)
        assert r.via in r.sources


def test_rests_on_one_row_per_clause_and_target(G2):
    df = q.rests_on(G2, doc="genai-2023-final")
    assert not df.duplicated(["ref", "target_doc", "target_article"]).any()
    assert len(df)


def test_rests_on_vias_and_min_score(G2):
    all_rows = q.rests_on(G2, doc="genai-2023-final")
    cited = q.rests_on(G2, doc="genai-2023-final", vias=["citation"])
    assert set(cited.via) == {"citation"}
    strong = q.rests_on(G2, doc="genai-2023-final", min_score=0.7)
    assert (strong.score >= 0.7).all() and len(strong) < len(all_rows)
