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


def ends_with(c, word: str) -> bool:
    title = re.sub(r"（[^（）]*）$", "", c.target_title or "")  # 修正案（十一）
    return title.endswith(word)


@pytest.mark.parametrize("row", rows("document-types"))
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
    assert find_citations(row["counterexample"]) == []


@pytest.mark.parametrize("row", rows("citation-context", lead="no"))
def test_context_stop(row):
    found = find_citations(row["example"])
    assert found, row["example"]
    assert all(not (c.target_title or "").startswith(row["word"])
               for c in found if c.kind == "external")
    assert find_citations(row["counterexample"]) == []


def test_named_values_are_the_only_values():
    df = regtext.citations(regtext.load("csl"))
    assert set(df.kind) <= set(KINDS) and set(df.form) <= set(FORMS)
    assert {"internal", "external"} <= set(df.kind)
