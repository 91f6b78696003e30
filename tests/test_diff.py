"""regtext.diff on the generative-AI draft → final Measures and on real law versions.

Expected alignments come from the issue and gold rows copied from the measurement file
(alignment.tsv), never from the code under test.
"""

from __future__ import annotations

import json
import warnings
from functools import lru_cache

import pytest
from conftest import LAWREFBOOK as LAWREF  # noqa: E402

import regtext
from regtext.text.numerals import int_to_cn


@lru_cache(maxsize=1)
def genai():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return regtext.diff(regtext.load("genai-2023-draft"), regtext.load("genai-2023-final"))


@lru_cache(maxsize=1)
def article_rows():
    return genai().to_frame(level="article")


@lru_cache(maxsize=1)
def clause_rows():
    return genai().to_frame(level="clause")


def pairs(df) -> set[tuple[str, str]]:
    return {(o, n) for o, n in zip(df.old_ref, df.new_ref) if isinstance(o, str)
            and isinstance(n, str)}


# -- alignment on the genai pair --------------------------------------------------------

# required pairs of the gold file (old article, new article)
GOLD_PAIRS = [("1", "1"), ("2", "2"), ("2", "22"), ("3", "6"), ("4", "4"), ("5", "9"),
              ("5", "22"), ("6", "17"), ("7", "7"), ("8", "8"), ("10", "10"), ("11", "11"),
              ("13", "11"), ("13", "14"), ("13", "15"), ("14", "13"), ("15", "14"),
              ("16", "12"), ("18", "10"), ("18", "18"), ("19", "14"), ("20", "21"),
              ("21", "24")]
OPTIONAL_PAIRS = {("12", "4"), ("17", "19")}


@pytest.mark.parametrize("old,new", GOLD_PAIRS)
def test_gold_pair_found(old, new):
    assert (old, new) in pairs(article_rows())


def test_no_pair_outside_gold():
    extra = pairs(article_rows()) - set(GOLD_PAIRS) - OPTIONAL_PAIRS
    assert not extra


def test_move_draft16_to_final12():
    row = article_rows().query("old_ref == '16'").iloc[0]
    assert row.new_ref == "12"
    assert row.relation == "one-to-one"
    assert bool(row.moved) and bool(row.renumbered)
    # the articles that keep their relative order are not reported as moved
    assert not article_rows().query("old_ref == '14' and new_ref == '13'").moved.iloc[0]


def test_split_draft13():
    rows = article_rows().query("old_ref == '13'")
    assert set(rows.new_ref) == {"11", "14", "15"}
    # final 15 draws on draft 13 alone; final 11 and 14 draw on other articles too (DESIGN §3)
    rel = dict(zip(rows.new_ref, rows.relation))
    assert rel == {"15": "split", "11": "many-to-many", "14": "many-to-many"}


def test_merge_final14():
    rows = article_rows().query("new_ref == '14'")
    assert set(rows.old_ref) == {"13", "15", "19"}
    assert "merge" in set(rows.relation)
    assert (rows.relation != "one-to-one").all()


def test_real_name_rule_deleted():
    df = article_rows()
    row = df.query("old_ref == '9'")
    assert len(row) == 1 and row.change.iloc[0] == "deleted" and row.new_ref.isna().all()
    assert "真实身份信息" in row.old_text.iloc[0]


def test_five_new_articles():
    added = article_rows().query("change == 'added'")
    assert sorted(added.new_ref, key=int) == ["3", "5", "16", "20", "23"]
    assert added.old_ref.isna().all()


def test_every_pair_has_similarity():
    df = article_rows()
    both = df[df.old_ref.notna() & df.new_ref.notna()]
    assert ((both.similarity > 0) & (both.similarity <= 1)).all()
    assert (df[df.change.isin(["added", "deleted"])].similarity == 0).all()


def test_frame_columns_and_english():
    df = article_rows()
    for col in ["old_ref", "new_ref", "change", "relation", "moved", "similarity", "old_text",
                "new_text", "redline", "tags", "old_label", "new_label", "new_text_en"]:
        assert col in df.columns
    row = df.query("new_ref == '24'").iloc[0]
    assert row.new_label == "第二十四条" and row.old_label == "第二十一条"
    assert "August 15, 2023" in row.new_text_en or "15 August 2023" in row.new_text_en


# -- tags ---------------------------------------------------------------------------------


def test_tag_citation_added_stpl():
    row = article_rows().query("old_ref == '1' and new_ref == '1'").iloc[0]
    assert "citation-added:stpl" in row.tags


def test_tag_softened_item_7_4():
    row = clause_rows().query("old_ref == '7.2.4'")
    assert row.new_ref.tolist() == ["7.1.4"]
    assert "softened" in row.tags.iloc[0]


def test_tag_penalty_removed_20_21():
    row = article_rows().query("old_ref == '20' and new_ref == '21'").iloc[0]
    assert "penalty-removed" in row.tags
    assert "penalty-added" not in row.tags


def test_tag_deadline_removed_15_14():
    row = article_rows().query("old_ref == '15' and new_ref == '14'").iloc[0]
    assert "deadline-removed" in row.tags


def test_tags_use_the_vocabulary():
    from regtext.compare.tagging import TAGS

    vocab = set(TAGS)
    for tags in article_rows().tags:
        for tag in tags:
            assert tag.split(":")[0] in vocab


# -- clause level -------------------------------------------------------------------------


def test_clause_items_reordered():
    df = clause_rows()
    # draft 7(1) (符合网络安全法等法律法规的要求) feeds final 7(5)
    assert ("7.2.1", "7.1.5") in pairs(df)
    assert ("7.2.5", "7.1.5") in pairs(df)


def test_clause_split_across_articles():
    df = clause_rows()
    assert {("13.1", "11.2"), ("13.1", "14.1"), ("13.1", "15.1"), ("19.1", "14.2")} <= pairs(df)


# -- redlines ----------------------------------------------------------------------------


def test_redline_is_word_level():
    row = article_rows().query("old_ref == '14'").iloc[0]
    assert "<del>稳健</del><ins>稳定</ins>" in row.redline
    assert "保障用户正常使用" in row.redline  # unchanged words are not struck
    assert "<del>保障" not in row.redline


# -- reports -----------------------------------------------------------------------------


def test_summary_counts():
    s = genai().summary()
    assert s["change"]["added"] == 5
    assert s["change"]["deleted"] >= 1
    assert s["tags"]["citation-added:stpl"] >= 1


def test_html_report():
    page = genai().to_html()
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert 'href="#r0"' in page and 'id="r0"' in page  # index links to rows
    assert "<del>" in page and "<ins>" in page
    assert "@media print" in page
    assert "<link" not in page and "src=" not in page  # self-contained


def test_markdown_and_json():
    md = genai().to_markdown()
    assert md.startswith("# ") and "| 第十六条 | 第十二条 |" in md
    data = json.loads(genai().to_json(level="clause"))
    assert data["summary"]["level"] == "clause"
    assert any(r["old_ref"] == "7.2.4" and "softened" in r["tags"] for r in data["rows"])


def test_duizhao_two_columns():
    table = genai().to_duizhao()
    lines = table.splitlines()
    assert lines[2] == "| 修改前 | 修改后 |"  # the original on the left (issue 12)
    assert any("~~第九条" in line for line in lines)  # the deleted article, struck
    assert all(line.count(" | ") >= 1 for line in lines[4:])


def test_decision_instructions():
    text = genai().to_decision()
    assert "删去第九条。" in text
    assert "第十六条改为第十二条" in text  # a move, then its word changes (issue 12)
    assert "增加一条，作为第三条：" in text
    assert text.splitlines()[1].startswith("一、")


def test_repr_html():
    assert "<table" in genai()._repr_html_()


# -- other texts --------------------------------------------------------------------------


def _renumbered_copy(doc, insert_after: int, new_text: str) -> str:
    """The document re-rendered with one article inserted (later articles renumbered)."""
    lines = []
    for k, art in enumerate(doc.articles, 1):
        number = k if k <= insert_after else k + 1
        body = art.text.split("\n")
        lines.append(f"第{int_to_cn(number)}条 " + body[0])
        lines.extend(body[1:])
        lines.append("")
        if k == insert_after:
            lines.append(f"第{int_to_cn(k + 1)}条 {new_text}")
            lines.append("")
    return "\n".join(lines)


@pytest.mark.parametrize("doc_id,after", [("pipl", 10), ("csl", 30), ("dsl", 5)])
def test_pure_renumbering_is_not_a_change(doc_id, after):
    old = regtext.load(doc_id)
    inserted = "国家建立健全数据资源登记制度，推动数据资源有序流通。"
    new = regtext.parse(_renumbered_copy(old, after, inserted))
    df = regtext.diff(old, new).to_frame()
    added = df.query("change == 'added'")
    assert added.new_ref.tolist() == [str(after + 1)]
    kept = df[df.old_ref.notna()]
    assert (kept.change == "unchanged").all()
    assert kept.tags.map(len).sum() == 0
    assert not kept.redline.str.contains("<del>|<ins>").any()
    shifted = kept[kept.old_ref.astype(int) > after]
    assert (shifted.new_ref.astype(int) == shifted.old_ref.astype(int) + 1).all()
    assert shifted.renumbered.all() and not kept.moved.any()


needs_lawref = pytest.mark.skipif(not LAWREF.exists(), reason="lawrefbook not available")


@needs_lawref
def test_anti_monopoly_2007_2022():
    old = regtext.read(LAWREF / "经济法" / "反垄断法(2007-08-30).md")
    new = regtext.read(LAWREF / "经济法" / "反垄断法(2022-06-24).md")
    df = regtext.diff(old, new).to_frame()
    # articles the 2022 amendment inserted (fair-competition review, data and algorithms,
    # organising cartels, stop-the-clock, classified review, 约谈, credit records…)
    added = set(df.query("change == 'added'").new_ref)
    assert {"5", "9", "19", "32", "37", "54", "55", "63", "64"} <= added
    assert df.query("change == 'deleted'").empty
    # 2007 第十二条 (definition of 经营者) is 2022 第十五条
    assert ("12", "15") in pairs(df)
    unchanged = df.query("change == 'unchanged'")
    assert len(unchanged) > 25 and unchanged.renumbered.sum() > 25
    assert unchanged.tags.map(len).sum() == 0


@needs_lawref
def test_minors_protection_2020_2024():
    old = regtext.read(LAWREF / "社会法" / "未成年人保护法(2020-10-17).md")
    new = regtext.read(LAWREF / "社会法" / "未成年人保护法(2024-04-26).md")
    df = regtext.diff(old, new).to_frame()
    changed = df.query("change != 'unchanged'")
    # the 2024 amendment rewrote 第九条 only
    assert changed[["old_ref", "new_ref", "change"]].values.tolist() == [["9", "9", "modified"]]


def test_odd_input_gives_rows_not_errors():
    empty = regtext.parse("")
    final = regtext.load("genai-2023-final")
    assert set(regtext.diff(empty, final).to_frame().change) == {"added"}
    assert regtext.diff(final, empty).summary()["change"] == {"deleted": 24}
    with pytest.raises(ValueError, match="level"):
        regtext.diff(empty, empty).to_frame(level="chapter")


# -- CLI ---------------------------------------------------------------------------------


def test_cli_default_table(capsys):
    from regtext.cli import main

    assert main(["diff"]) == 0
    out = capsys.readouterr().out
    assert "16 → 12" in out and "9 → —" in out and "— → 23" in out
    assert max(len(line) for line in out.splitlines()) <= 100


@pytest.mark.parametrize("fmt,marker", [("csv", "old_ref,new_ref"), ("json", '"rows"'),
                                        ("markdown", "| 原条文 |"), ("html", "<!DOCTYPE html>"),
                                        ("duizhao", "| 修改前 | 修改后 |"),
                                        ("decision", "删去第九条。")])
def test_cli_formats(capsys, fmt, marker):
    from regtext.cli import main

    assert main(["diff", "genai-2023-draft", "genai-2023-final", "--format", fmt]) == 0
    assert marker in capsys.readouterr().out


def test_cli_files_and_errors(tmp_path, capsys):
    from regtext.cli import main

    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("第一条 甲应当登记。\n\n第二条 乙不得转让。", encoding="utf-8")
    b.write_text("第一条 乙不得转让。\n\n第二条 甲应当依法登记。", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["diff", str(a), str(b), "--level", "clause", "--format", "csv",
                 "-o", str(out)]) == 0
    assert "2.1" in out.read_text(encoding="utf-8")
    assert main(["diff", "genai-2023-draft"]) == 2
    assert main(["diff", "no-such-law", "pipl"]) == 2
    assert "no-such-law" in capsys.readouterr().err


def test_every_registered_format_renders_and_the_cli_offers_it():
    from regtext.cli.diff_cmd import _formats
    from regtext.compare.reports import FORMATS, render

    cmp = regtext.diff(regtext.parse("第一条 甲应当登记。\n\n第二条 乙。"),
                       regtext.parse("第一条 甲应当依法登记。"))
    assert {"csv", "json", "markdown", "html", "duizhao", "decision"} <= set(FORMATS)
    for name in FORMATS:
        out = render(cmp, name)
        assert out and ("依法" in out if isinstance(out, str) else True), name
    assert _formats() == ["table", *FORMATS]
    with pytest.raises(ValueError, match="unknown format 'nope'"):
        render(cmp, "nope")
