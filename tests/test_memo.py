"""The comparison memo for the genai pair reports the substantive changes with the right
direction and refs (checked through memo.items, never by special cases in the code)."""

import pytest

import regtext
from regtext import rules
from regtext.compare.memo import signals


@pytest.fixture(scope="module")
def memo():
    return regtext.diff(regtext.load("genai-2023-draft", warn=False),
                        regtext.load("genai-2023-final")).memo()


def find(memo, word):
    it = memo.items
    return it[it.before.str.contains(word) | it.after.str.contains(word)
              | it.summary.str.contains(word)]


@pytest.mark.parametrize("word, old_ref, new_ref, directions", [
    ("真实准确", "4.1.4", None, {"softened", "deleted"}),
    ("画像", "11.1", "11.1", {"softened"}),
    ("3个月", "15.1", "14.1", {"softened"}),
    ("罚款", "20.2", "21.1", {"softened"}),
    ("真实身份信息", "9.1", None, {"deleted"}),
    ("不适用", None, "2.3", {"narrowed"}),             # the R&D exclusion (研发…不适用), a new 款
    ("舆论属性", "6.1", "17.1", {"narrowed"}),
])
def test_substantive_changes(memo, word, old_ref, new_ref, directions):
    rows = find(memo, word)
    hit = rows[rows.direction.isin(directions)]
    assert len(hit), f"{word}: {rows[['old_refs', 'new_refs', 'direction']].values.tolist()}"
    r = hit.iloc[0]
    assert (old_ref in r.old_refs if old_ref else not r.old_refs)
    assert new_ref is None or new_ref in r.new_refs
    assert r.severity == "high"


def test_rd_exclusion_names_research(memo):
    r = find(memo, "不适用").iloc[0]
    assert "研发" in r.after


def test_header_and_renderers(memo, tmp_path):
    assert memo.old_name == "征求意见稿" and memo.new_name == "暂行办法"
    assert "部分核验" in memo.header["old"]["caveat"] or memo.header["old"]["caveat"]
    md = memo.to_markdown()
    assert "## 二、要点摘要" in md and "条文对照表" in md
    assert 5 <= len(memo.summary_bullets()) <= 8
    assert "<script" not in memo.to_html()
    from docx import Document as Docx
    doc = Docx(str(memo.to_docx(tmp_path / "m.docx")))
    assert any("要点摘要" in p.text for p in doc.paragraphs) and len(doc.tables) > 5
    assert set(memo.items.columns) >= {"theme", "old_refs", "new_refs", "direction", "summary",
                                       "tags", "severity", "before", "after"}


@pytest.mark.parametrize("row", rules.table("memo-signals"), ids=lambda r: r["meaning"])
def test_signal_rows(row):
    before, after = row["example"].split("→")
    assert any(s[2] == row["meaning"] for s in signals(before, after))
    before, after = row["counterexample"].split("→")
    assert not any(s[2] == row["meaning"] for s in signals(before, after))


def test_version_pair_names_and_fines():
    """A LawRefBook version pair: the two versions are named by year, and a fine whose
    ceiling rose is reported as strengthened."""
    from pathlib import Path
    root = Path(__file__).resolve().parents[2] / "shared" / "lawrefbook"
    a = sorted(root.glob("*/反垄断法(2007-08-30).md"))
    b = sorted(root.glob("*/反垄断法(2022-06-24).md"))
    if not a or not b:
        pytest.skip("LawRefBook not available")
    m = regtext.diff(regtext.read(a[0]), regtext.read(b[0])).memo()
    assert m.old_name == "修改前（2007年）" and m.new_name == "修改后（2022年）"
    fines = m.items[m.items.summary.str.startswith("罚款上限")]
    assert len(fines) and set(fines.direction) == {"strengthened"}


def test_renamed_terms_are_said_once(monkeypatch):
    """A renamed:<old>→<new> tag (from the comparison) becomes one row, and edits that only
    apply it are not reported provision by provision."""
    from regtext.compare import comparison

    a = regtext.parse("第一条 用户应当登记。\n\n第二条 用户可以投诉。")
    b = regtext.parse("第一条 使用者应当登记。\n\n第二条 使用者可以投诉。")
    monkeypatch.setattr(comparison.Pair, "tags", property(
        lambda self: ["renamed:用户→使用者"] if self.change != "unchanged" else []))
    items = regtext.diff(a, b).memo().items
    assert items.summary.str.contains("改称").sum() == 1
    assert len(items) == 1
