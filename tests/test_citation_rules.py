"""Every row of the citation rules tables: its example cites, its counterexample does not.

One parametrized test per table in ``regtext/_data/rules/`` that citations read; the ids are the
rows' words, so a failing row names itself.
"""

from __future__ import annotations

import re

import pytest

import regtext
from regtext import rules
from regtext.extract.citation_forms import FORMS, KINDS
from regtext.extract.citing import find_citations


def rows(name: str, **where: str) -> list:
    picked = [r for r in rules.table(name) if all(r[k] == v for k, v in where.items())]
    return [pytest.param(r, id=r["word"]) for r in picked]


def named(text: str) -> list:
    """Citations of a named target (generic references such as 有关规定 left out)."""
    return [c for c in find_citations(text) if c.kind != "generic"]


def ends_with(c, word: str) -> bool:
    title = re.sub(r"（[^（）]*）$", "", c.target_title or "")  # 修正案（十一）
    return title.endswith(word)


@pytest.mark.parametrize("row", rows("citation-document-types"))
def test_document_type(row):
    word = row["word"]
    assert any(ends_with(c, word) for c in find_citations(row["example"])), row["example"]
    assert not any(ends_with(c, word) for c in find_citations(row["counterexample"]))


@pytest.mark.parametrize("row", rows("citation-self"))
def test_self_reference(row):
    hits = [c for c in find_citations(row["example"]) if c.form == "self"]
    assert hits and hits[0].text.startswith(row["word"]) and hits[0].pin
    assert not any(c.form == "self" for c in find_citations(row["counterexample"]))


@pytest.mark.parametrize("row", rows("citation-anaphor"))
def test_anaphor(row):
    hits = [c for c in find_citations(row["example"]) if c.form == "anaphor"]
    assert hits and hits[0].text.startswith(row["word"]) and hits[0].kind == "external"
    assert not any(row["word"] in c.text for c in find_citations(row["counterexample"]))


@pytest.mark.parametrize("row", rows("citation-relative"))
def test_relative(row):
    assert any(row["word"] in c.text for c in find_citations(row["example"])), row["example"]
    assert not any(row["word"] in c.text for c in find_citations(row["counterexample"]))


@pytest.mark.parametrize("row", rows("citation-context", lead="yes"))
def test_context_lead(row):
    found = [c for c in find_citations(row["example"]) if c.kind == "external"]
    assert found and all(not c.target_title.startswith(row["word"]) for c in found)
    assert named(row["counterexample"]) == []


@pytest.mark.parametrize("row", rows("citation-context", lead="no"))
def test_context_stop(row):
    found = find_citations(row["example"])
    assert found, row["example"]
    assert all(not (c.target_title or "").startswith(row["word"])
               for c in found if c.kind == "external")
    assert named(row["counterexample"]) == []


def test_named_values_are_the_only_values():
    df = regtext.citations(regtext.load("csl"))
    assert set(df.kind) <= set(KINDS) and set(df.form) <= set(FORMS)
    assert {"internal", "external"} <= set(df.kind)


@pytest.mark.parametrize("row", rows("citation-context", opens="yes"))
def test_context_opens_a_title(row):
    # a word that introduces a legal basis makes a title-shaped name a citation, catalog or not
    text = row["word"] + "城乡规划法的"
    assert [c.target_title for c in named(text)] == ["城乡规划法"]
    assert named(row["word"] + "管理方法的") == []


@pytest.mark.parametrize("row", rows("citation-title-followers"))
def test_title_follower(row):
    found = [c for c in named(row["example"]) if c.kind == "external"]
    assert found and found[0].target_ref is None
    assert re.search(r"(法|条例)$", found[0].target_title)
    assert [c for c in named(row["counterexample"]) if c.kind == "external"] == []


@pytest.mark.parametrize("row", rows("non-title-words"))
def test_non_title_word(row):
    assert [c for c in named(row["example"]) if c.kind == "external"] == []
    assert [c for c in named(row["counterexample"]) if c.kind == "external"]


@pytest.mark.parametrize("row", rows("citation-generic"))
def test_generic_row(row):
    def generic(text):
        return [c.text for c in find_citations(text) if c.kind == "generic"]

    assert any(row["word"] in t for t in generic(row["example"])), row["example"]
    assert not any(row["word"] in t for t in generic(row["counterexample"]))


@pytest.mark.parametrize("row", rows("citation-document-types"))
def test_document_class_row(row):
    from regtext.extract.citation_forms import document_class

    assert row["class"] in {"act", "plan", "list", "standard", "treaty", "charter"}
    title = re.search(r"《([^《》]+)》", row["example"])
    if title and title.group(1).endswith(row["word"]):
        assert document_class(title.group(1)) == row["class"]
    assert document_class("营业执照") == ""


@pytest.mark.parametrize("row", rows("citation-standalone-names"))
def test_standalone_name_row(row):
    # 宪法 cites the Constitution wherever it stands as a word of its own, with no legal-basis
    # word around it; not inside another name or term (宪法和法律委员会, 宪法宣誓)
    found = [c for c in find_citations(row["example"]) if c.kind == "external"]
    assert [(c.text, c.target_title, c.target_ref) for c in found] == [
        (row["word"], row["title"], None)]
    assert [c for c in find_citations(row["counterexample"]) if c.kind == "external"] == []


@pytest.mark.parametrize(("text", "title"), [
    ("依照刑法关于非法经营罪的规定，依法追究刑事责任", "刑法"),      # 电影管理条例
    ("依照刑法关于交通肇事罪或者其他罪的规定，依法追究刑事责任", "刑法"),
])
def test_a_known_two_character_title_with_a_legal_basis_word(text, title):
    found = [c for c in find_citations(text) if c.kind == "external"]
    assert [c.text for c in found] == [title] and found[0].target_doc == "criminal-law"


def test_an_unknown_two_character_name_is_no_title():
    # 税法 is a field of law, not a title the resolver knows
    assert [c for c in find_citations("依照税法关于纳税期限的规定") if c.kind == "external"] == []
