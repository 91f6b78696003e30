"""The shipped corpus: catalog, aliases, provenance warnings, translation, package data."""

from __future__ import annotations

import warnings
from importlib import resources

import pytest

import regtext

IDS = ["genai-2023-draft", "genai-2023-final", "pipl", "csl", "dsl", "stpl",
       "algorithm-recommendation", "deep-synthesis", "security-assessment", "minors-protection",
       "minors-online", "copyright", "civil-code-personality", "anti-monopoly",
       "anti-unfair-competition", "public-security-penalties", "foreign-investment",
       "internet-info-services", "network-data", "national-security", "criminal-law"]


def test_catalog_covers_every_design_id():
    df = regtext.corpus()
    assert sorted(df["id"]) == sorted(IDS)
    for col in ("title", "issuers", "doc_type", "adopted", "published", "effective", "status",
                "verification", "source"):
        assert col in df.columns
    assert set(df["verification"]) == {"complete", "partial"}
    assert not df.set_index("id").loc[IDS, "source"].isna().any()


@pytest.mark.parametrize(("alias", "doc_id"), [
    ("个人信息保护法", "pipl"), ("个保法", "pipl"), ("PIPL", "pipl"),
    ("《中华人民共和国网络安全法》", "csl"), ("CSL", "csl"), ("数据安全法", "dsl"),
    ("中华人民共和国刑法", "criminal-law"), ("生成式人工智能服务管理暂行办法", "genai-2023-final"),
])
def test_aliases(alias, doc_id):
    assert regtext.resolve_id(alias) == doc_id
    assert regtext.load(alias, warn=False).id == doc_id


@pytest.mark.parametrize(("doc_id", "says"), [
    ("security-assessment", "第四条"),  # the missing articles are named
    ("genai-2023-draft", "partly verified"),
])
def test_partial_texts_warn_which_parts(doc_id, says):
    with pytest.warns(regtext.CorpusWarning) as rec:
        regtext.load(doc_id)
    assert says in str(rec[0].message)


def test_complete_text_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        regtext.load("dsl")


def test_metadata_travels_with_the_document():
    doc = regtext.load("pipl")
    assert doc.meta["effective"] == "2021-11-01"
    assert doc.meta["abbreviation"] == "PIPL"


def test_english_translation_is_parallel():
    zh = regtext.load("genai-2023-final")
    en = regtext.translation("genai-2023-final")
    assert [a.ref for a in en.articles] == [a.ref for a in zh.articles]
    assert "providers" in en.get("7").text and "training" in en.get("7").text
    assert regtext.translation("pipl") is None


def test_texts_are_package_data():
    files = resources.files("regtext._corpus")
    assert (files / "catalog.json").is_file()
    for rec in regtext.corpus().to_dict("records"):
        assert (files / rec["file"]).is_file(), rec["file"]


def test_translation_keeps_english_chapter_headings():
    en = regtext.translation("genai-2023-final")
    zh = regtext.load("genai-2023-final")
    headings = {n.ref: n.heading for n in en if n.kind == "chapter"}
    assert [n.ref for n in zh if n.kind == "chapter"] == list(headings)
    assert headings["ch1"] == "General Provisions"
    assert headings["ch4"].startswith("Supervision, Inspection")
    assert [a.ref for a in en.articles] == [a.ref for a in zh.articles]


def test_corpus_loads_from_a_checkout_without_the_installed_package_data():
    """In a clone after a non-editable ``pip install .``, Python started in the repository root
    imports the source tree, which has no ``regtext._corpus``: loading must still work."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    code = ("import sys; sys.modules['regtext._corpus'] = None\n"  # as if it were not installed
            "import regtext; print(len(regtext.load('pipl').articles))")
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "74"
