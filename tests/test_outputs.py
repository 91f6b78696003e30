"""Reports for people: Chinese labels, provenance, safe Markdown, paths, changes_only,
documents named by id/alias/path everywhere, regtext.redline, and the CLI's files."""

from __future__ import annotations

import json

import pytest

import regtext
from regtext import rules
from regtext.compare.reports import caveats, destinations, label, provenance, render
from regtext.compare.tagging import TAGS


def _genai():
    return regtext.diff("genai-2023-draft", "genai-2023-final")


def _pair_diff(cell: str):
    old, new = cell.split(" ⇒ ")
    return regtext.diff(regtext.parse(old.replace("‖", "\n\n")),
                        regtext.parse(new.replace("‖", "\n\n")))


def _reported(cmp) -> set[str]:
    out = set()
    for p in cmp.rows():
        out |= {p.change, p.relation} | {t.split(":")[0] for t in p.tags}
        out |= ({"moved"} if p.moved else set()) | ({"renumbered"} if p.renumbered else set())
    return out


# -- the labels table: every row's example fires, its counterexample does not -------------


@pytest.mark.parametrize("row", rules.table("labels-zh"), ids=lambda r: r["term"])
def test_label_rows_fire_on_example_only(row):
    assert row["term"] in _reported(_pair_diff(row["example"]))
    assert row["term"] not in _reported(_pair_diff(row["counterexample"]))


def test_every_term_has_a_chinese_label():
    terms = {r["term"] for r in rules.table("labels-zh")}
    assert set(TAGS) <= terms
    assert {"unchanged", "modified", "added", "deleted", "split", "merge", "moved"} <= terms
    assert label("citation-added:stpl") == "新增援引:stpl"
    assert label("softened", "en") == "softened"


def test_chinese_reports_speak_chinese_and_english_is_available():
    cmp = _genai()
    md = cmp.to_markdown()
    assert "| 第九条 | — | 删除 |" in md and "弱化" in md and "删除罚则" in md
    assert "| deleted |" not in md and "penalty-removed" not in md
    en = cmp.to_markdown(lang="en")
    assert "| 第九条 | — | deleted |" in en and "penalty-removed" in en
    html = cmp.to_html()
    assert "删除罚则" in html and ">原条文<" in html
    assert "penalty-removed" in cmp.to_html(lang="en")
    # machine formats keep the English values
    assert "penalty-removed" in render(cmp, "csv") and "删除罚则" not in render(cmp, "csv")
    assert "penalty-removed" in cmp.to_json()


def test_split_rows_say_where_the_rest_went():
    cmp = _genai()
    where = destinations(cmp.pairs)
    rows = {(p.old_ref, p.new_ref): k for k, p in enumerate(cmp.pairs)}
    # draft art. 2 was split into final arts. 2 and 22: each row names the other
    assert where[rows[("2", "2")]] == "其余移至第二十二条"
    assert where[rows[("2", "22")]] == "其余移至第二条；与第五条合并"  # many-to-many
    assert "其余移至第二十二条" in cmp.to_markdown() and "其余移至第二十二条" in cmp.to_html()
    assert "rest went to 第二十二条" in cmp.to_html(lang="en")
    one = [k for k, p in enumerate(cmp.pairs) if p.relation == "one-to-one"]
    assert one and not any(k in where for k in one)


# -- provenance ---------------------------------------------------------------------------


def test_partly_verified_text_is_flagged_in_every_format():
    cmp = _genai()
    assert [p["id"] for p in provenance(cmp)] == ["genai-2023-draft"]
    assert "仅部分核实" in cmp.to_markdown().split("|")[0]
    assert 'class="caveat"' in cmp.to_html() and "only partly verified" in cmp.to_html(lang="en")
    data = json.loads(cmp.to_json())
    assert data["provenance"][0]["verification"] == "partial"
    assert data["provenance"][0]["note"]


def test_complete_and_user_texts_carry_no_caveat():
    cmp = regtext.diff("pipl", "pipl")
    assert provenance(cmp) == [] and caveats(cmp) == []
    own = regtext.diff(regtext.parse("第一条 甲。"), regtext.parse("第一条 乙。"))
    assert 'class="caveat"' not in own.to_html() and json.loads(own.to_json())["provenance"] == []


def test_verification_in_a_documents_meta_counts():
    doc = regtext.parse("第一条 甲应当登记。")
    partial = regtext.Document(doc.id, "某办法（草稿）", doc.children, doc.notes, doc.warnings,
                               {"verification": "partial", "verification_note": "OCR"}, doc.text)
    cmp = regtext.diff(partial, regtext.parse("第一条 甲应当依法登记。"))
    assert caveats(cmp, "en") == [
        "Caution: None (某办法（草稿）) is only partly verified (partial); differences in its "
        "unverified parts may not be real: OCR"]


# -- safe by default ----------------------------------------------------------------------

EVIL = "第一条 甲应当登记<script>alert(1)</script>。"
GOOD = "第一条 甲应当依法登记<script>alert(1)</script>。"


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_markup_in_the_law_text_stays_text(fmt):
    cmp = regtext.diff(regtext.parse(EVIL), regtext.parse(GOOD))
    out = render(cmp, fmt)
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_markup_in_a_deleted_or_added_row_stays_text():
    cmp = regtext.diff(regtext.parse(EVIL), regtext.parse("第一条 乙不得转让。"))
    assert "<script>" not in cmp.to_markdown()
    assert "<script>" not in regtext.redline(EVIL, "").to_markdown()


def test_duizhao_markdown_escapes_markup():
    cmp = regtext.diff(regtext.parse(EVIL), regtext.parse(GOOD))
    assert "<script>" not in cmp.to_duizhao()


# -- paths and changes_only ---------------------------------------------------------------


@pytest.mark.parametrize("method,suffix,marker", [("to_html", ".html", "<!DOCTYPE html>"),
                                                  ("to_markdown", ".md", "| 原条文 |"),
                                                  ("to_json", ".json", '"rows"')])
def test_to_methods_write_a_path_like_pandas(tmp_path, method, suffix, marker):
    cmp = _genai()
    path = tmp_path / f"report{suffix}"
    assert getattr(cmp, method)(path=path) is None
    text = path.read_text(encoding="utf-8")
    assert marker in text and text == getattr(cmp, method)()


def test_csv_file_has_a_byte_order_mark(tmp_path):
    path = tmp_path / "c.csv"
    assert render(_genai(), "csv", path=path) is None
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "第十六条".encode() in raw


def test_changes_only_leaves_out_unchanged_rows():
    old = regtext.load("pipl")
    text = regtext.corpus.text("pipl").replace("个人信息处理者应当", "个人信息处理者必须", 1)
    cmp = regtext.diff(old, regtext.parse(text, title=old.title))
    changed = [p for p in cmp.pairs if p.change != "unchanged"]
    assert len(changed) == 1 and len(cmp.pairs) > 70
    md = cmp.to_markdown(changes_only=True)
    assert md.count("\n| 第") == 1 and cmp.to_markdown().count("\n| 第") == len(cmp.pairs)
    html = cmp.to_html(changes_only=True)
    assert html.count('<tr id="r') == 1 and f'id="r{cmp.pairs.index(changed[0])}"' in html
    dz = render(cmp, "duizhao", changes_only=True)
    # one article row (chapter headings stay as the table's structure)
    assert sum(line.startswith("| 第") for line in dz.splitlines()) == 1 and "必须" in dz


# -- one way to name a document ----------------------------------------------------------


def test_diff_takes_corpus_ids():
    cmp = regtext.diff("genai-2023-draft", "genai-2023-final")
    assert cmp.summary()["change"]["added"] == 5


def test_citations_obligations_annotate_take_ids_and_aliases():
    csl = regtext.load("csl", warn=False)
    assert len(regtext.citations("csl")) == len(regtext.citations(csl)) > 0
    assert len(regtext.citations("网络安全法")) == len(regtext.citations(csl))
    assert len(regtext.obligations("PIPL")) == len(regtext.obligations(regtext.load("pipl")))
    html = regtext.annotate("csl")
    assert csl.title in html and html.count('class="rt-article"') == len(csl.articles)


def test_paths_are_read(tmp_path):
    a = tmp_path / "旧.txt"
    a.write_text("第一条 甲应当登记。", encoding="utf-8")
    cmp = regtext.diff(str(a), a)
    assert cmp.pairs[0].change == "unchanged"
    assert len(regtext.obligations(str(a))) == 1


@pytest.mark.parametrize("name,hint", [("cls", "'csl'"), ("genai-2023-drft", "'genai-2023-draft'"),
                                       ("网络安全发", None), ("drafts/old.docx", None)])
def test_unknown_names_raise_an_error_naming_them(name, hint):
    for fn in (regtext.citations, regtext.obligations, regtext.annotate):
        if "网络" in name and fn is not regtext.obligations:
            continue  # Chinese without a title ending is read as clause text by these two
        with pytest.raises(regtext.UnknownDocumentError) as err:
            fn(name)
        assert repr(name) in str(err.value)
        if hint:
            assert hint in str(err.value)
    with pytest.raises(regtext.UnknownDocumentError, match="no such file|unknown|not a corpus"):
        regtext.diff(name, "pipl")


def test_titles_that_are_unknown_still_error_but_clause_text_is_text():
    with pytest.raises(regtext.UnknownDocumentError, match="无此管理办法"):
        regtext.citations("《无此管理办法》")
    assert len(regtext.citations("依照《中华人民共和国网络安全法》第二十一条的规定。")) == 1
    with pytest.raises(TypeError, match="not int"):
        regtext.diff(1, 2)


# -- regtext.redline ---------------------------------------------------------------------


def test_redline_of_two_strings():
    old = regtext.load("genai-2023-draft", warn=False).get("14").text
    new = regtext.load("genai-2023-final").get("13").text
    r = regtext.redline(old, new)
    dels = [e.old for e in r.changes if e.old]
    assert "稳健" in dels  # a whole word, not a character
    assert "<del>稳健</del><ins>稳定</ins>" in r.to_html() and "~~稳健~~**稳定**" in r.to_markdown()
    assert "\x1b[9;31m稳健\x1b[0m" in r.to_terminal() and "[-稳健-]{+稳定+}" in r.to_terminal(False)
    assert r._repr_html_().startswith('<div class="regtext-redline">')
    assert "".join(e.old for e in r.edits) == old  # the edits cover the old text exactly
    with pytest.raises(AttributeError):
        r.old = "x"  # frozen
    with pytest.raises(TypeError, match="regtext.diff"):
        regtext.redline(regtext.load("pipl"), "x")


# -- the CLI writes Word and Excel files -------------------------------------------------


def test_cli_writes_docx_and_xlsx_that_open(tmp_path, capsys):
    import docx
    import openpyxl

    from regtext.cli import main

    for fmt in ("docx", "xlsx"):
        out = tmp_path / f"r.{fmt}"
        assert main(["diff", "genai-2023-draft", "genai-2023-final", "--format", fmt,
                     "-o", str(out)]) == 0
        err = capsys.readouterr().err
        assert "genai-2023-draft is only partly verified" in err and f"wrote {out}" in err
    d = docx.Document(str(tmp_path / "r.docx"))
    assert any("生成式人工智能服务管理暂行办法" in p.text for p in d.paragraphs)
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == ["变化表", "对照表"]
    added = [r for r in wb["变化表"].iter_rows(min_row=3, values_only=True) if r[2] == "新增"]
    assert len(added) == 5 and all(r[4] is None for r in added)  # no similarity for additions


def test_cli_binary_formats_need_a_file_and_options_apply(tmp_path, capsys):
    from regtext.cli import main

    assert main(["diff", "--format", "xlsx"]) == 2
    assert "-o FILE.xlsx" in capsys.readouterr().err
    out = tmp_path / "c.csv"
    assert main(["diff", "--format", "csv", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["diff", "--format", "markdown", "--lang", "en", "--changes-only"]) == 0
    md = capsys.readouterr().out
    assert "| deleted |" in md and "| unchanged |" not in md


def test_cli_reports_progress_on_large_inputs(tmp_path, capsys):
    from regtext.cli import main
    from regtext.cli.diff_cmd import LARGE
    from regtext.text.numerals import int_to_cn

    # real provisions, repeated and renumbered into one long text
    arts = [a.text for a in regtext.load("pipl").articles]
    n = LARGE // 2 + 1
    text = "\n".join(f"第{int_to_cn(k + 1)}条 {arts[k % len(arts)]}" for k in range(n))
    big = tmp_path / "big.txt"
    big.write_text(text, encoding="utf-8")
    assert main(["diff", str(big), str(big), "--format", "json", "-o",
                 str(tmp_path / "o.json")]) == 0
    err = capsys.readouterr().err
    assert f"aligning {2 * n} articles …" in err and f"aligning {2 * n} articles done" in err
    small = tmp_path / "small.txt"
    small.write_text("第一条 甲。", encoding="utf-8")
    assert main(["diff", str(small), str(small), "--format", "json"]) == 0
    assert "aligning" not in capsys.readouterr().err
