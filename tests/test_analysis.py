"""The network stage's one-way flow: each document analysed once, the graph assembled from it."""

from __future__ import annotations

import warnings

import pytest

import regtext
from regtext._guard import DocumentFailure
from regtext.network import analysis, builder


def test_analysis_is_frozen_and_holds_every_stage():
    a = analysis.analyse("genai-2023-final", to="pipl")
    with pytest.raises(AttributeError):
        a.links = ()  # type: ignore[misc]
    assert a.citations and a.norms and a.links
    assert a.date == "2023-07-10"
    # 7.1's items cite the CSL, DSL and PIPL: the paragraph carries them, its own words do not
    assert {d for d, _, _ in a.clause_cites("7.1")} == {"csl", "dsl", "pipl"}
    assert a.clause_cites("7.1", own=True) == []


def test_graph_is_assembled_from_analyses():
    docs = [regtext.load("genai-2023-final"), regtext.load("pipl")]
    direct = builder.graph(docs)
    again = builder.assemble(analysis.analyse_many(docs))
    assert builder.to_json(direct) == builder.to_json(again)


def _boom(doc):
    raise RuntimeError("norms exploded")


@pytest.fixture(autouse=True)
def _fresh_norms():
    from regtext.network import ranking

    ranking.forget_norms()  # norms remembered by earlier tests would hide the failure
    yield
    ranking.forget_norms()


def test_failed_step_warns_naming_the_document(monkeypatch):
    monkeypatch.setenv("REGTEXT_STRICT", "0")
    monkeypatch.setattr("regtext.extract.norms.document_norms", _boom)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        G = regtext.graph(["csl"])
    msgs = [str(w.message) for w in caught if issubclass(w.category, DocumentFailure)]
    assert any("csl" in m and "norms exploded" in m for m in msgs)
    assert "csl:24.1" in G  # the tree survives the failed step
    assert not any(d.get("kind") == "obligation" for _, d in G.nodes(data=True))


def test_failed_step_raises_when_strict(monkeypatch):
    monkeypatch.setenv("REGTEXT_STRICT", "1")
    monkeypatch.setattr("regtext.extract.norms.document_norms", _boom)
    with pytest.raises(RuntimeError, match="norms exploded"):
        regtext.graph(["csl"])


def test_the_resolver_reaches_citations(monkeypatch):
    import regtext.extract.citing as citing

    seen = []
    real = citing.citations

    def with_resolver(doc, resolver=None):
        seen.append(resolver)
        return real(doc)

    monkeypatch.setattr(citing, "citations", with_resolver)
    marker = object()
    regtext.graph(["csl"], resolver=marker)
    assert seen == [marker]
    seen.clear()
    regtext.graph(["csl"])  # by default the documents given resolve among themselves
    assert isinstance(seen[0], regtext.Resolver)


@pytest.mark.parametrize("name", ["pipl", "个保法", "PIPL"])
def test_documents_named_any_way(name):
    assert analysis.analyse(name, links=False).id == "pipl"


def test_unknown_document_is_a_clear_error():
    with pytest.raises(KeyError, match="no-such-law"):
        regtext.graph(["no-such-law"])
