"""The document model as users touch it: addressing by ref or Chinese label, helpful misses,
the notebook view, pandas conventions, a clean namespace, and the CLI's warning summary."""

from __future__ import annotations

import math
import warnings

import pytest

import regtext
from regtext.cli import main

warnings.filterwarnings("ignore", category=regtext.CorpusWarning)


@pytest.fixture(scope="module")
def genai():
    return regtext.load("genai-2023-final")


@pytest.fixture(scope="module")
def pipl():
    return regtext.load("pipl")


# -- addressing ---------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "ref"), [
    ("7.1.4", "7.1.4"),
    (7, "7"),
    ("第七条", "7"),
    ("第七条第一款第（四）项", "7.1.4"),   # 第七条 has one 款: its label omits 第一款
    ("第七条第四项", "7.1.4"),
    ("第七条第（四）项", "7.1.4"),
    ("第七条第(四)项", "7.1.4"),
    ("第 7 条第 4 项", "7.1.4"),
    ("第二章", "ch2"),
])
def test_get_by_ref_or_label_genai(genai, key, ref):
    assert genai.get(key).ref == ref
    assert genai[key].ref == ref


@pytest.mark.parametrize(("key", "ref"), [
    ("第十三条第一款第二项", "13.1.2"),
    ("第十三条第二项", "13.1.2"),     # several 款, but only the first has items
    ("第十三条第二款", "13.2"),
    ("第二章第一节", "ch2.sec1"),
])
def test_get_by_label_pipl(pipl, key, ref):
    assert pipl.get(key).ref == ref


def test_label_that_is_ambiguous_or_absent_is_a_key_error():
    # an article whose two 款 both have items: 第一条第二项 could be either
    doc = regtext.parse("第一条 甲包括：\n（一）乙；\n（二）丙。\n"
                        "前款包括：\n（一）丁；\n（二）戊。")
    assert doc.get("第一条第二款第（二）项").ref == "1.2.2"
    with pytest.raises(KeyError, match="第一条第二项"):
        doc.get("第一条第二项")  # which 款? not guessed


@pytest.mark.parametrize(("key", "nearest"), [
    ("7.4", "'7.1.4'"),          # item （四） of the one-paragraph 第七条
    ("第七条第九项", "'7.1."),     # 第七条 has items （一）–（五）
    ("ch9", "'ch5'"),
])
def test_miss_names_the_ref_and_suggests_the_nearest(genai, key, nearest):
    with pytest.raises(KeyError) as err:
        genai.get(key)
    message = err.value.args[0]
    assert repr(key) in message and "'genai-2023-final'" in message
    assert "nearest: " in message and nearest in message.split("nearest: ")[1]


def test_repr_html_is_a_table_of_contents(genai):
    html = genai._repr_html_()
    assert html.count("<tr>") == 1 + 5  # header + five chapters
    assert "第二章 技术发展与治理" in html and "第五条–第八条" in html
    draft = regtext.load("genai-2023-draft")._repr_html_()  # no chapters: articles listed
    assert draft.count("<tr>") == 1 + 21


def test_repr_html_escapes_the_text():
    html = regtext.parse("<script>alert(1)</script>\n第一条 <b>甲</b>。")._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>甲" not in html


# -- pandas conventions ---------------------------------------------------------------------


def test_to_frame_uses_nan_for_missing_values(genai):
    df = genai.to_frame()
    ch1 = df[df.ref == "ch1"].iloc[0]
    art = df[df.ref == "7"].iloc[0]
    assert math.isnan(ch1.parent) and math.isnan(ch1.article)
    assert math.isnan(art.heading)
    assert not any((df[col].astype(object) == "").any() for col in df.columns)  # never ''
    assert df.parent.isna().sum() == 5  # the five chapters are top level


def test_to_frame_chapter_text_is_its_heading(genai):
    df = genai.to_frame().set_index("ref")
    assert df.loc["ch2", "text"] == "技术发展与治理"
    arts = df[df.kind == "article"]
    assert df.loc[df.kind == "chapter", "text"].str.len().sum() < arts.text.str.len().sum() / 50


def test_get_by_unnumbered_label():
    doc = regtext.parse("为了测试，制定本办法。\n第一条 甲。")
    assert doc["序言"].ref == "preamble"
    with pytest.raises(KeyError, match="附件"):
        doc.get("附件")


def test_preamble_number_is_nan():
    df = regtext.parse("为了测试，制定本办法。\n第一条 甲。").to_frame()
    assert math.isnan(df.set_index("ref").loc["preamble", "number"])


def test_no_stray_names_in_the_namespace():
    import regtext.cli

    public = {n for n in dir(regtext) if not n.startswith("_")}
    assert "annotations" not in public
    assert public - set(regtext.__all__) <= {"batch", "compare", "extract", "network", "text",
                                             "rules", "cli"}  # subpackages only
    assert "annotations" not in dir(regtext.cli)


# -- the CLI's warning summary --------------------------------------------------------------


def test_cli_summarises_thousands_of_warnings(tmp_path, capsys):
    arts = regtext.load("csl").articles
    # every article twice: 79 duplicate-number warnings, and 2,000 orphan lines after a heading
    text = "\n".join(f"第{regtext.text.numerals.int_to_cn(int(a.number))}条 {a.text}"
                     for a in arts) * 2
    text = "第一章 总则\n" + "\n".join(["孤立的一行文字。"] * 2000) + "\n" + text
    path = tmp_path / "noisy.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["parse", str(path)]) == 0
    out = capsys.readouterr().out
    lines = [ln for ln in out.splitlines() if ln.startswith("warning:")]
    assert len(lines) == 6
    assert "duplicate-number" in lines[0] and "warnings:" in lines[0]


def test_cli_prints_a_few_warnings_in_full(capsys, tmp_path):
    path = tmp_path / "few.md"
    path.write_text("第一条 甲。\n第三条 乙。\n第三条 丙。", encoding="utf-8")  # two odd numbers
    assert main(["parse", str(path)]) == 0
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("warning:")]
    assert lines and all("warnings:" not in ln for ln in lines)


def test_cli_points_to_the_corpus_command(capsys):
    assert main(["parse", "no-such-law-id"]) == 2
    err = capsys.readouterr().err
    assert "`regtext corpus`" in err and "regtext.corpus()" not in err


def test_cli_says_it_is_reading_a_large_file(tmp_path, capsys, monkeypatch):
    import regtext.cli

    path = tmp_path / "big.md"
    path.write_text(regtext.corpus.text("pipl"), encoding="utf-8")
    monkeypatch.setattr(regtext.cli, "LARGE_INPUT_BYTES", 1000)
    assert main(["parse", str(path)]) == 0
    assert "regtext: reading" in capsys.readouterr().err
    monkeypatch.setattr(regtext.cli, "LARGE_INPUT_BYTES", 10_000_000)
    assert main(["parse", str(path)]) == 0
    assert "regtext: reading" not in capsys.readouterr().err


def test_iterating_a_document_visits_every_node_in_walk_order():
    import pickle

    doc = regtext.load("criminal-law")  # parts, chapters, sections, articles, items
    walked = [n.ref for top in doc.children for n in top.walk()]
    assert [n.ref for n in doc] == walked and len(walked) > len(doc.articles)
    old = pickle.loads(pickle.dumps(doc))
    del old.__dict__["_nodes"]  # as unpickled from a release without the flat list
    assert [n.ref for n in old] == walked
