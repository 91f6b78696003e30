"""The public column contract (docs/data-model.md): every frame has its contract columns, in
the documented vocabulary, on real corpus text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import regtext

PAGE = Path(__file__).resolve().parents[1] / "docs" / "data-model.md"


def _contract() -> dict[str, list[str]]:
    """function → contract columns, read from the table in docs/data-model.md."""
    text = PAGE.read_text(encoding="utf-8").split("## The column contract", 1)[1]
    out = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            out[cells[0].strip("`")] = re.findall(r"`([a-z_]+)`", cells[1])
    return out


@pytest.fixture(scope="module")
def frames():
    draft = regtext.load("genai-2023-draft", warn=False)
    final = regtext.load("genai-2023-final")
    return {
        "Document.to_frame()": final.to_frame(),
        "Comparison.to_frame()": regtext.diff(draft, final).to_frame(),
        "citations()": regtext.citations(regtext.load("csl")),
        "obligations()": regtext.obligations(final),
        "links()": regtext.links(final, k=3),
    }


def test_the_page_lists_every_public_table():
    assert set(_contract()) >= {"Document.to_frame()", "Comparison.to_frame()", "citations()",
                                "obligations()", "links()", "Memo.items"}


@pytest.mark.parametrize("name", ["Document.to_frame()", "Comparison.to_frame()", "citations()",
                                  "obligations()", "links()"])
def test_frames_have_their_contract_columns(frames, name):
    cols = list(frames[name].columns)
    contract = _contract()[name]
    assert [c for c in contract if c not in cols] == []


@pytest.mark.parametrize("name,column,allowed", [
    ("Comparison.to_frame()", "change", {"unchanged", "modified", "added", "deleted"}),
    ("citations()", "kind", {"external", "internal", "generic"}),
    ("obligations()", "modality", {"obligation", "prohibition", "permission", "encouragement",
                                   "penalty"}),
    ("links()", "via", {"citation", "concept", "similarity"}),
])
def test_values_stay_in_the_documented_vocabulary(frames, name, column, allowed):
    values = set(frames[name][column].dropna())
    assert values and values <= allowed
