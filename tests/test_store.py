"""The whole-corpus graph in a SQLite store (regtext.graph(corpus=…)), on real LawRefBook
files."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import networkx as nx
import pytest

import regtext
from regtext import queries
from regtext.network.store import GraphStore, corpus_files, open_store

LRB = next((p for p in (Path(os.environ.get("REGTEXT_LAWREFBOOK", "/nonexistent")),
                        Path(__file__).resolve().parents[2] / "shared" / "lawrefbook",
                        Path("/work/shared/lawrefbook")) if p.is_dir()), None)
FILES = ["宪法相关法/英雄烈士保护法(2018-04-27).md", "宪法相关法/反有组织犯罪法(2021-12-24).md",
         "行政法/数据安全法(2021-06-10).md"]

pytestmark = pytest.mark.skipif(LRB is None, reason="LawRefBook not available")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("lrb")
    for rel in FILES:
        dst = root / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(LRB / rel, dst)
    return root


@pytest.fixture(scope="module")
def store(folder, tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "g.sqlite"
    return regtext.graph(corpus=folder, store=path, workers=1, progress=False)


def test_store_is_sqlite_not_pickle(store):
    assert store.path.read_bytes()[:16] == b"SQLite format 3\x00"
    tables = {r[0] for r in sqlite3.connect(store.path).execute(
        "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "nodes", "citations", "norms", "files"} <= tables


def test_every_file_is_a_document(store, folder):
    ids = {d for _, d in corpus_files(folder)}
    assert store.counts()["documents"] == len(FILES) == len(ids)
    assert "行政法/数据安全法(2021-06-10)" in ids


def test_rerun_skips_unchanged_and_refreshes_changed(store, folder):
    assert store.update(folder, workers=1, progress=False) == {
        "added": 0, "skipped": len(FILES), "failed": 0}
    f = folder / FILES[0]
    f.write_text(f.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(f, (1, 1))  # another modification time
    assert store.update(folder, workers=1, progress=False)["added"] == 1
    assert store.counts()["documents"] == len(FILES)  # replaced, not duplicated


def test_cited_by_across_the_corpus(store):
    # the laws of the sample cite the Cybersecurity Law by name
    df = queries.cited_by(store, "csl")
    assert len(df) and set(df.target_doc) == {"csl"}
    assert {"宪法相关法/英雄烈士保护法(2018-04-27)"} <= set(df.source_doc)
    assert queries.cited_by(store, ("网络安全法", "999")).empty  # a provision nobody cites


def test_cited_by_inside_a_document(store):
    dsl = "行政法/数据安全法(2021-06-10)"
    df = store.cited_by(dsl, "27")  # 第四十五条 punishes breaches of 第二十七条
    assert "45.1" in set(df.source_ref) and set(df.source_doc) == {dsl}


def test_obligations_by_actor(store):
    df = queries.obligations_by(store, actor="开展数据处理活动的组织、个人")
    df_all = queries.obligations_by(store, modality="obligation")
    assert len(df_all) > 50 and set(df_all.modality) == {"obligation"}
    assert df.empty or set(df.actor) == {"开展数据处理活动的组织、个人"}


def test_rests_on_in_the_store(store):
    df = queries.rests_on(store, doc="宪法相关法/英雄烈士保护法(2018-04-27)", to="csl")
    assert len(df) and set(df.target_doc) == {"csl"}


def test_unknown_documents_are_errors(store):
    with pytest.raises(KeyError, match="nope"):
        store.cited_by("nope")
    with pytest.raises(KeyError, match="nope"):
        queries.rests_on(store, doc="nope")
    with pytest.raises(KeyError, match="nope"):
        store.subgraph(["nope"])


def test_subgraph_loads_into_networkx(store):
    dsl = "行政法/数据安全法(2021-06-10)"
    G = store.subgraph([dsl])
    assert isinstance(G, nx.MultiDiGraph)
    assert G.nodes[f"{dsl}:21"]["kind"] == "article"
    assert any(d.get("kind") == "obligation" for _, d in G.nodes(data=True))
    assert any(k == "cites" for _, _, k in G.edges(keys=True))


def test_open_store_and_missing_store(store, tmp_path):
    assert open_store(store.path).counts() == store.counts()
    with pytest.raises(FileNotFoundError, match="regtext.graph"):
        open_store(tmp_path / "none.sqlite")


def test_missing_folder_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        regtext.graph(corpus=tmp_path / "absent", store=tmp_path / "g.sqlite")


def test_registered_corpus_needs_a_registration(tmp_path, monkeypatch):
    # built over the registry now (tests/test_store_registered.py); empty: a clear error
    monkeypatch.setenv("REGTEXT_CACHE", str(tmp_path))
    with pytest.raises(ValueError, match="register"):
        regtext.graph(corpus="registered", store=tmp_path / "g.sqlite")


def test_empty_store_counts(tmp_path):
    assert GraphStore(tmp_path / "g.sqlite").counts()["documents"] == 0


def test_cli_graph_corpus(folder, tmp_path, capsys):
    import json

    from regtext.cli import main

    assert main(["graph", "--corpus", str(folder), "--store", str(tmp_path / "g.sqlite"),
                 "--workers", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == len(FILES)
    assert main(["graph", "--corpus", str(tmp_path / "absent")]) != 0
