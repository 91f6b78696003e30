"""The whole-corpus store over the registered collections (corpus="registered") and its
links_to rows, on real LawRefBook files copied into a temporary folder and cache."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import regtext
from regtext.network.store import registered_files

LRB = next((p for p in (Path(os.environ.get("REGTEXT_LAWREFBOOK", "/nonexistent")),
                        Path(__file__).resolve().parents[2] / "shared" / "lawrefbook",
                        Path("/work/shared/lawrefbook")) if p.is_dir()), None)
# a regulation that cites its statute article by article, and the statute
FILES = ["行政法规/海关行政处罚实施条例(2004-09-19).md", "行政法/海关法(2021-04-29).md"]

pytestmark = pytest.mark.skipif(LRB is None, reason="LawRefBook not available")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    saved = os.environ.get("REGTEXT_CACHE")
    os.environ["REGTEXT_CACHE"] = str(cache)
    root = tmp_path_factory.mktemp("laws")
    for rel in FILES:
        dst = root / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(LRB / rel, dst)
    try:
        regtext.corpus.register(root, progress=False)
        ids = dict((p.name, i) for p, i in registered_files())
        store = regtext.graph(corpus="registered", store=cache / "g.sqlite", workers=1,
                              progress=False)
        yield store, ids
    finally:
        if saved is None:
            del os.environ["REGTEXT_CACHE"]
        else:
            os.environ["REGTEXT_CACHE"] = saved


def test_registered_builds_over_the_registry_ids(built):
    store, ids = built
    assert store.counts()["documents"] == len(FILES)
    assert all(store.has_document(i) for i in ids.values())


def test_citations_resolve_to_the_registered_statute(built):
    store, ids = built
    customs = ids["海关法(2021-04-29).md"]
    rule = ids["海关行政处罚实施条例(2004-09-19).md"]
    df = store.cited_by(customs)
    df = df[df.source_doc != customs]  # the statute's own 前款, 本法第…条
    assert len(df) > 10 and set(df.source_doc) == {rule}


def test_obligations_link_to_the_provisions_they_cite(built):
    store, ids = built
    customs = ids["海关法(2021-04-29).md"]
    rule = ids["海关行政处罚实施条例(2004-09-19).md"]
    links = store.links(rule, to=customs)
    assert len(links) and set(links.via) == {"citation"}
    # every linked clause imposes a norm: links_to starts from obligations only
    normed = set(store.obligations_by(doc=rule).ref)
    assert set(links.ref) <= normed
    # a clause that cites nothing and names no lexicon term has no links_to row
    assert set(store.links(rule).ref) < normed
    G = store.subgraph([rule, customs])
    edges = [(u, v) for u, v, d in G.edges(data=True) if d["kind"] == "links_to"]
    assert edges and all(u.startswith(rule) and v.startswith(customs) for u, v in edges)


def test_rebuild_keeps_one_set_of_links(built):
    store, _ = built
    before = store.counts()["links"]
    assert store.update("registered", workers=1, progress=False)["skipped"] == len(FILES)
    assert store.counts()["links"] == before


def test_nothing_registered_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("REGTEXT_CACHE", str(tmp_path))
    with pytest.raises(ValueError, match="regtext corpus add"):
        regtext.graph(corpus="registered", store=tmp_path / "g.sqlite", progress=False)
    assert not (tmp_path / "g.sqlite").exists()


def test_cli_registered_without_a_registration(tmp_path, monkeypatch, capsys):
    from regtext.cli import main

    monkeypatch.setenv("REGTEXT_CACHE", str(tmp_path))
    assert main(["graph", "--corpus", "registered", "--store", str(tmp_path / "g.sqlite")]) != 0
    assert "regtext corpus add" in capsys.readouterr().err


def test_cli_registered_builds_the_store(built, tmp_path, capsys):
    import json

    from regtext.cli import main

    store, _ = built  # the module's registration is in place
    assert main(["graph", "--corpus", "registered", "--store", str(tmp_path / "c.sqlite"),
                 "--workers", "1"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["documents"] == len(FILES) and counts["links"] == store.counts()["links"]
