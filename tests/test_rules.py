"""The rules tables in regtext/_data/rules: every table loads, every row has its two examples.

Each table's own meaning (a modal word must open a norm in its example and not in its
counterexample, …) is tested row by row next to the code that uses it.
"""

from __future__ import annotations

import pytest

from regtext import rules


@pytest.mark.parametrize("name", rules.tables())
def test_every_table_loads_with_examples(name):
    rows = rules.table(name)
    assert rows, f"{name}.tsv has no rows"
    for row in rows:
        assert row["example"] and row["counterexample"]
        assert row["example"] != row["counterexample"]


def test_a_missing_table_is_named():
    with pytest.raises(rules.RuleError, match="no rules table 'nope'"):
        rules.table("nope")


def test_alternation_prefers_the_longer_word():
    import re

    assert re.match(rules.alternation(["应", "应当"]), "应当").group() == "应当"


@pytest.mark.parametrize("row", rules.table("abbreviation-markers"), ids=lambda r: r["marker"])
def test_abbreviation_marker_rows(row):
    from regtext.text.terms import abbreviation_re

    assert abbreviation_re().search(row["example"]) is not None
    assert abbreviation_re().search(row["counterexample"]) is None
