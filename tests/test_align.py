"""regtext.align: content alignment, global assignment, split/merge evidence, moves."""

from __future__ import annotations

import numpy as np
import pytest

import regtext
from regtext.compare.alignment import align, clean, hungarian, pieces, similarity


def _articles(doc_id):
    return [(a.ref, a.text) for a in regtext.load(doc_id, warn=False).articles]


@pytest.mark.parametrize("text,expected", [
    ("（一）符合《网络安全法》等要求；", "符合网络安全法等要求"),
    ("1．第一目内容。", "第一目内容"),
    ("第二十条规定的（三）", "第二十条规定的三"),  # a marker only counts at line start
    ("個人資訊", "个人资讯"),
    ("", ""),
])
def test_clean(text, expected):
    assert clean(text) == expected


def test_pieces_cover_the_text():
    text = regtext.load("genai-2023-draft", warn=False).get("13").text
    parts = pieces(text)
    assert len(parts) >= 3
    assert "".join(parts) == text.replace("\n", "")
    assert all(len(clean(p)) >= 10 for p in parts)


@pytest.mark.parametrize("score,expected", [
    ([[0.9, 0.8], [0.85, 0.1]], [(0, 1), (1, 0)]),  # greedy first-match would take (0, 0)
    ([[0.1, 0.9, 0.2]], [(0, 1)]),
    ([[0.3], [0.7], [0.5]], [(1, 0)]),
    ([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [(0, 0), (1, 1), (2, 2)]),
])
def test_hungarian(score, expected):
    assert hungarian(np.array(score, dtype=float)) == expected


def test_hungarian_matches_brute_force():
    from itertools import permutations

    rng = np.random.default_rng(7)
    for _ in range(20):
        m = rng.random((5, 5))
        best = max(sum(m[i, p[i]] for i in range(5)) for p in permutations(range(5)))
        got = sum(m[i, j] for i, j in hungarian(m))
        assert got == pytest.approx(best)


def test_similarity_bounds():
    a = regtext.load("genai-2023-final").get("13").text
    assert similarity(a, a) == 1.0
    assert 0 <= similarity(a, "本办法自公布之日起施行。") < 0.2


def test_identical_documents_align_one_to_one():
    arts = _articles("pipl")
    matches = align(arts, arts)
    assert [(m.old, m.new) for m in matches] == [(r, r) for r, _ in arts]
    assert all(m.similarity == 1.0 and not m.moved for m in matches)


def test_shuffled_articles_are_found_and_moved():
    arts = _articles("dsl")
    moved = arts[:5] + [arts[20]] + arts[5:20] + arts[21:]
    new = [(str(k), text) for k, (_, text) in enumerate(moved, 1)]
    matches = {m.old: m for m in align(arts, new)}
    assert matches["21"].new == "6" and matches["21"].moved
    assert sum(m.moved for m in matches.values()) == 1


@pytest.mark.parametrize("other", ["copyright", "foreign-investment"])
def test_weak_pairs_are_not_forced(other):
    old = _articles("genai-2023-draft")
    new = _articles(other)  # an unrelated law: a few boilerplate pairs at most
    matches = align(old, new)
    paired_old = {m.old for m in matches if m.old and m.new}
    assert len(paired_old) <= len(old) / 3
    assert {m.old for m in matches if m.new is None} | paired_old == {r for r, _ in old}


def test_split_evidence_names_the_clauses():
    matches = align(_articles("genai-2023-draft"), _articles("genai-2023-final"))
    ev = {(m.old, m.new): m.evidence for m in matches if m.evidence}
    old_clause, new_clause = ev[("13", "15")]
    assert "投诉" in old_clause and "投诉" in new_clause


def test_empty_sides():
    assert align([], []) == []
    assert [(m.old, m.new) for m in align([("1", "甲应当登记。")], [])] == [("1", None)]
    assert [(m.old, m.new) for m in align([], [("1", "甲应当登记。")])] == [(None, "1")]


def test_the_fast_chain_equals_the_plain_one():
    """Large texts use a Fenwick tree for the order-preserving chain; it must agree exactly."""
    import random

    from regtext.compare.alignment import _chain_large, _chain_small

    rng = random.Random(7)
    for _ in range(200):
        n = rng.randint(1, 60)
        ordered = sorted({(rng.randrange(40), rng.randrange(40)) for _ in range(n)})
        weight = [rng.choice([1.0, 0.4]) - 0.01 * rng.random() for _ in ordered]
        assert _chain_large(ordered, weight) == _chain_small(ordered, weight)
