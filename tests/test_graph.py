"""Tests for regtext.graph: nodes, edge kinds, determinism and exports."""

from __future__ import annotations

import json

import networkx as nx
import pytest

import regtext
from regtext.network.builder import (
    EDGE_KINDS,
    counts,
    neighbourhood,
    to_frames,
    to_graphml,
    to_json,
    write,
)

DOCS = ["genai-2023-draft", "genai-2023-final", "pipl", "csl", "dsl",
        "algorithm-recommendation", "deep-synthesis", "stpl", "civil-code-personality"]


@pytest.fixture(scope="module")
def G():
    return regtext.graph(DOCS)


def edges_of(G, kind):
    return {(u, v) for u, v, k in G.edges(keys=True) if k == kind}


def test_every_edge_kind_is_present(G):
    # repealed_by needs a registered text that repeals a law nobody holds:
    # tests/test_repealed.py builds it from LawRefBook files
    assert set(counts(G)["edges"]) == set(EDGE_KINDS) - {"repealed_by"}


def test_tree_nodes_and_contains(G):
    doc = regtext.load("genai-2023-final")
    for node in doc:
        nid = f"genai-2023-final:{node.ref}"
        assert G.nodes[nid]["kind"] == node.kind
        assert G.nodes[nid]["label"] in (node.label, node.heading, node.ref)
    # every tree node has exactly one parent through `contains`
    parents = [u for u, _, k in G.in_edges("genai-2023-final:7.1.3", keys=True) if k == "contains"]
    assert parents == ["genai-2023-final:7.1"]
    assert ("genai-2023-final", "genai-2023-final:ch1") in edges_of(G, "contains")


@pytest.mark.parametrize("u,v,kind", [
    ("genai-2023-final:12.1", "deep-synthesis", "cites"),        # whole-document citation
    ("pipl:45.1", "pipl:18.1", "cites"),                         # internal, pinned to 款
    ("dsl:45.1", "dsl:27", "sanctions"),                         # liability clause → its rule
    ("pipl:73.1.1", "term:个人信息处理者", "defines"),
    ("csl:76.1.3", "term:网络运营者", "defines"),
    ("pipl:28", "term:敏感个人信息", "defines"),                 # from the concept lexicon
    ("genai-2023-final:7.1", "term:提供者", "defines"),          # （以下称提供者）
    ("genai-2023-draft:16", "genai-2023-final:12", "aligned_to"),  # renumbered
    ("genai-2023-draft:13", "genai-2023-final:14", "aligned_to"),  # split
    ("genai-2023-final:19.2", "algorithm-recommendation:29.1", "borrows_from"),
])
def test_known_edges(G, u, v, kind):
    assert G.has_edge(u, v, key=kind)


def test_norms_are_imposed_and_borne(G):
    norms = [v for _, v, k in G.out_edges("genai-2023-final:11.1", keys=True) if k == "imposes"]
    assert norms and all(G.nodes[n]["kind"] == "obligation" for n in norms)
    assert {G.nodes[n]["modality"] for n in norms} >= {"obligation", "prohibition"}
    actors = {v for n in norms for _, v, k in G.out_edges(n, keys=True) if k == "bears"}
    assert actors == {"actor:提供者"}


def test_links_to_edges_carry_via_score_rank(G):
    data = [d for u, v, k, d in G.edges(keys=True, data=True)
            if k == "links_to" and u == "genai-2023-final:11.2"]
    assert {d["via"] for d in data} <= {"citation", "concept", "similarity"}
    assert all(0 < d["score"] <= 1 and d["rank"] >= 1 for d in data)
    targets = {v for u, v, k in G.edges(keys=True) if k == "links_to"
               and u == "genai-2023-final:11.2"}
    assert {"pipl:45.2", "pipl:46.2"} <= targets


def test_links_only_to_statutes_in_the_graph():
    H = regtext.graph(["genai-2023-final", "pipl"])
    docs = {H.nodes[v]["doc"] for u, v, k in H.edges(keys=True) if k == "links_to"
            and u.startswith("genai-2023-final:")}
    assert docs == {"pipl"}


def test_borrowing_points_back_in_time(G):
    for u, v in edges_of(G, "borrows_from"):
        du, dv = G.nodes[G.nodes[u]["doc"]], G.nodes[G.nodes[v]["doc"]]
        assert dv["published"] <= du["published"]


def test_deterministic_whatever_the_order():
    a = regtext.graph(["csl", "genai-2023-final", "pipl"])
    b = regtext.graph(["pipl", "csl", "genai-2023-final"])
    assert to_json(a) == to_json(b)
    assert to_graphml(a) == to_graphml(b)


@pytest.mark.parametrize("doc_id", ["pipl", "genai-2023-final"])
def test_norm_nodes_are_the_documents_obligations(G, doc_id):
    """The graph's norms are exactly obligations(): one node per row, same ref and modality."""
    rows = regtext.obligations(regtext.load(doc_id))
    want = sorted(zip(rows["ref"], rows["modality"]))
    got = sorted((d["ref"], d["modality"]) for _, d in G.nodes(data=True)
                 if d["kind"] == "obligation" and d.get("doc") == doc_id)
    assert got == want and len(got) > 50


def test_one_id_is_one_document():
    H = regtext.graph("dsl")
    assert [n for n, d in H.nodes(data=True) if d["kind"] == "document"] == ["dsl"]


def test_documents_and_parsed_texts_are_accepted():
    text = "第一条 提供者不得收集非必要个人信息。\n第二条 本办法自公布之日起施行。"
    doc = regtext.parse(text)  # no id: the graph names it
    H = regtext.graph([doc, regtext.load("pipl")])
    assert "doc1:1.1" in H and H.nodes["doc1"]["kind"] == "document"
    assert any(v.startswith("pipl:6") for _, v, k in H.out_edges("doc1:1.1", keys=True)
               if k == "links_to")


def test_graphml_round_trip(G, tmp_path):
    path = tmp_path / "g.graphml"
    write(G, str(path))
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == G.number_of_nodes()
    assert back.number_of_edges() == G.number_of_edges()


def test_json_round_trip(G):
    data = json.loads(to_json(G))
    try:
        back = nx.node_link_graph(data, edges="edges")
    except TypeError:  # networkx < 3.4
        back = nx.node_link_graph(data)
    assert back.number_of_edges() == G.number_of_edges()
    assert back.nodes["pipl:13"]["label"] == "第十三条"


def test_csv_node_and_edge_lists(G, tmp_path):
    import pandas as pd

    nodes_path, edges_path = write(G, str(tmp_path / "g.csv"))
    nodes, edges = pd.read_csv(nodes_path), pd.read_csv(edges_path)
    assert len(nodes) == G.number_of_nodes() and len(edges) == G.number_of_edges()
    assert list(edges.columns[:3]) == ["source", "target", "kind"]
    n2, e2 = to_frames(G)
    assert list(n2.id) == list(G.nodes)


def test_unknown_format_names_the_path(G, tmp_path):
    with pytest.raises(ValueError, match="g.xyz"):
        write(G, str(tmp_path / "g.xyz"))


def test_neighbourhood(G):
    H = neighbourhood(G, "genai-2023-final:11.2")
    assert "pipl:45.2" in H and "genai-2023-final:ch1" not in H
    with pytest.raises(KeyError, match="nope"):
        neighbourhood(G, "nope")


def test_plot(G):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from regtext.network.builder import plot

    ax = plot(G, "genai-2023-final:11.2")
    assert ax.get_title() == "genai-2023-final:11.2"
    assert len(ax.collections) >= 1  # nodes were drawn


@pytest.mark.parametrize("argv,code", [
    (["graph", "--docs", "dsl", "--summary"], 0),
    (["graph", "--docs", "no-such-law"], 2),
    (["graph", "--docs", "dsl", "--format", "csv"], 2),   # csv needs -o
])
def test_cli_graph(argv, code, capsys):
    from regtext.cli import main

    assert main(argv) == code
    out, err = capsys.readouterr()
    if code == 0:
        assert json.loads(out)["nodes"]["document"] == 1
    else:
        assert err.startswith("regtext graph:") and len(err.strip().splitlines()) == 1


def test_cli_graph_csv_files(tmp_path, capsys):
    from regtext.cli import main

    assert main(["graph", "--docs", "dsl", "csl", "-o", str(tmp_path / "g.csv")]) == 0
    assert (tmp_path / "g.nodes.csv").exists() and (tmp_path / "g.edges.csv").exists()


def test_texts_parsed_from_a_folder_cite_each_other_in_the_graph(tmp_path):
    (tmp_path / "a.md").write_text("# 测试管理条例\n\n第一条 为了测试，制定本条例。\n\n"
                                   "第二条 测试单位应当登记。", encoding="utf-8")
    b = ("# 测试实施办法\n\n第一条 依照《测试管理条例》第二条的规定，制定本办法。\n\n"
         "第二条 违反《测试实施细则》第三条的，依法处理。")
    (tmp_path / "b.md").write_text(b, encoding="utf-8")
    docs = regtext.parse_many(tmp_path)
    G = regtext.graph(docs)
    a_id = next(d.id for d in docs if d.title == "测试管理条例")
    cites = [(u, v) for u, v, kind in G.edges(data="kind") if kind == "cites"]
    assert any(v.startswith(a_id) and v.endswith("2") for _, v in cites), cites
    # negative: a title that no given document has resolves to nothing
    rows = regtext.citations(next(d for d in docs if d.title == "测试实施办法"),
                             resolver=regtext.Resolver.from_documents(docs))
    assert rows.set_index("target_title").loc["测试实施细则", "target_doc"] is None


def test_a_pin_an_excerpt_lacks_cites_the_excerpt_document():
    doc = regtext.parse("# 测试解释\n\n第一条 人民法院应当适用民法典第一千一百七十条的规定。\n\n"
                        "第二条 人民法院应当适用民法典第九百九十八条的规定。", id="t-interp")
    G = regtext.graph([doc, "civil-code-personality"])
    cites = {u: v for u, v, kind in G.edges(data="kind") if kind == "cites"}
    assert cites["t-interp:1.1"] == "civil-code-personality"  # the excerpt lacks 1170
    assert cites["t-interp:2.1"] == "civil-code-personality:998"
