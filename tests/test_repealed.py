"""Repealed laws known without text: a text that a registered text repeals by name
(本法自…施行，《…》同时废止) is a document of its own, with no text, so that citations of it
resolve and say the text is not held. Real LawRefBook files, copied into a private folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import LAWREFBOOK

import regtext
from regtext import rules
from regtext.corpus import registry
from regtext.corpus.repeals import find_repeals
from regtext.network.queries import cited_by

_FILES = {
    "行政法": ["医师法(2021-08-20).md"],
    "行政法规": ["中国人民解放军实施《执业医师法》办法(2000-09-14).md",
             "音像制品管理条例(2020-11-29).md"],
    "地方性法规": [],
}
_MILITIA = "DLC/北京地方法规/地方性法规/北京/北京市民兵预备役工作条例.md"

pytestmark = pytest.mark.skipif(not (LAWREFBOOK / "行政法" / "医师法(2021-08-20).md").exists(),
                                reason="LawRefBook is not at hand")


@pytest.fixture()
def laws(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("REGTEXT_CACHE", str(tmp_path / "cache"))
    registry._Index.clear()
    root = tmp_path / "laws"
    for folder, names in _FILES.items():
        (root / folder).mkdir(parents=True)
        for name in names:
            shutil.copy(LAWREFBOOK / folder / name, root / folder / name)
    shutil.copy(LAWREFBOOK / _MILITIA, root / "地方性法规" / Path(_MILITIA).name)
    regtext.corpus.register(root, progress=False)
    yield root
    registry._Index.clear()


def test_every_rule_row_fires_on_its_example_only():
    for row in rules.table("repeal-clauses"):
        assert find_repeals(row["example"]), row["example"]
        assert not find_repeals(row["counterexample"]), row["counterexample"]


def test_an_amending_decision_named_in_a_repeal_clause_is_not_repealed():
    # verbatim from LawRefBook: the repealed 条例 is named with the decision that amended it
    text = ("1996年11月30日河南省第八届人民代表大会常务委员会第二十三次会议通过、根据2010年7月30日"
            "河南省第十一届人民代表大会常务委员会第十六次会议《关于修改部分地方性法规的决定》修正的"
            "《河南省预算外资金管理条例》同时废止")
    assert [r.title for r in find_repeals(text)] == ["河南省预算外资金管理条例"]
    # titles listed side by side are all repealed (广东省水污染防治条例)
    listed = ("《广东省跨行政区域河流交接断面水质保护管理条例》《广东省饮用水源水质保护条例》"
              "《广东省东江水系水质保护条例》《广东省韩江流域水质保护条例》"
              "《广东省西江水系水质保护条例》同时废止")
    assert len(find_repeals(listed)) == 5


def test_repeal_clause_of_a_real_law():
    text = (LAWREFBOOK / "行政法" / "医师法(2021-08-20).md").read_text(encoding="utf-8")
    found = find_repeals(text)
    assert [(r.title, r.article, r.effective) for r in found] == [
        ("中华人民共和国执业医师法", "67", "2022-03-01")]
    # the same words without the repeal: a citation, not a repeal
    assert not find_repeals("根据《中华人民共和国执业医师法》的规定，制定本办法。")


def test_a_repealed_law_becomes_a_document_without_text(laws):
    hit = regtext.corpus.lookup("《中华人民共和国执业医师法》", "2005-01-01")
    assert hit is not None and not hit.has_text and hit.in_force is False
    assert hit.repealed_by.startswith(registry.lookup("医师法").doc_id.split("@")[0])
    assert (hit.repealed_by_ref, hit.repealed_on) == ("67", "2022-03-01")
    row = regtext.corpus.repealed().set_index("id").loc[hit.doc_id]
    assert row["title"] == "中华人民共和国执业医师法" and not row["has_text"]


def test_a_citation_of_it_resolves_and_keeps_its_pin(laws):
    doc = regtext.read(laws / "行政法规" / "中国人民解放军实施《执业医师法》办法(2000-09-14).md")
    df = regtext.citations(doc)
    rows = df[df.target_title.fillna("").str.contains("执业医师法")
              & ~df.target_title.fillna("").str.endswith("办法")]
    stub = registry.stub("执业医师法").doc_id
    assert len(rows) > 3 and set(rows.target_doc) == {stub}
    # known, but a pin cannot be checked against a text nobody holds
    assert set(rows.target_held) == {False} and not rows[rows.pin.notna()].resolved.any()
    pinned = rows[rows.pin == "9"]
    assert pinned.target_ref.tolist() == ["9"]  # 第九条 kept as spelled, not checked
    # a citation of a held text says so
    held = regtext.citations(regtext.read(laws / "行政法" / "医师法(2021-08-20).md"))
    assert set(held.loc[held.target_doc.fillna("").str.startswith("lrb:医师法"),
                        "target_held"]) <= {True}


def test_a_title_only_cited_is_no_document(laws):
    assert registry.stub("中国人民解放军纪律条令") is None
    doc = regtext.read(laws / "地方性法规" / Path(_MILITIA).name)
    df = regtext.citations(doc)
    rows = df[df.target_title.fillna("").str.contains("纪律条令")]
    assert len(rows) and rows.target_doc.isna().all()


def test_a_held_repealed_title_keeps_its_text(laws):
    # 音像制品管理条例 (2001) repeals the 1994 条例 of the same title: the title is held
    assert registry.stub("音像制品管理条例") is None
    hit = regtext.corpus.lookup("《音像制品管理条例》")
    assert hit is not None and hit.has_text and hit.path.endswith(".md")
    assert len(regtext.load("音像制品管理条例").articles) > 40


def test_load_names_the_repealer_without_a_traceback(laws):
    with pytest.raises(registry.TextNotHeldError) as err:
        regtext.load("执业医师法")
    msg = str(err.value)
    assert "执业医师法" in msg and "医师法" in msg and "第六十七条" in msg and "2022-03-01" in msg
    assert isinstance(err.value, KeyError)  # the CLI reports it as an unknown name, cleanly
    from regtext.cli import main

    assert main(["cites", "执业医师法"]) != 0


def test_graph_node_with_repealed_by_edge(laws):
    doc = regtext.read(laws / "行政法规" / "中国人民解放军实施《执业医师法》办法(2000-09-14).md")
    G = regtext.graph([doc])
    stub = registry.stub("执业医师法")
    assert G.nodes[stub.doc_id]["has_text"] is False
    edges = [(v, d["kind"]) for _, v, d in G.out_edges(stub.doc_id, data=True)]
    assert (stub.repealed_by, "repealed_by") in edges
    cites = cited_by(G, stub.doc_id)
    assert len(cites) > 3


def test_corpus_store_cited_by_and_subgraph(laws, tmp_path):
    store = regtext.graph(corpus="registered", store=tmp_path / "g.sqlite", workers=1,
                          progress=False)
    stub = registry.stub("执业医师法")
    df = store.cited_by(stub.doc_id)
    assert len(df) > 3 and set(df.target_doc) == {stub.doc_id}
    citing = sorted(set(df.source_doc))
    G = store.subgraph([*citing, stub.doc_id])
    assert G.nodes[stub.doc_id]["has_text"] is False
    assert any(d["kind"] == "repealed_by" for _, _, d in G.out_edges(stub.doc_id, data=True))
    assert any(d["kind"] == "cites" for _, _, d in G.in_edges(stub.doc_id, data=True))
