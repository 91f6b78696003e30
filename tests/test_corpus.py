"""The shipped corpus: catalog, aliases, provenance warnings, translation, package data."""

from __future__ import annotations

import json
import warnings
from importlib import resources

import pytest

import regtext
from regtext.corpus import schema

RECORDS = regtext.corpus.records()
DESIGN_IDS = {"genai-2023-draft", "genai-2023-final", "pipl", "csl", "dsl", "stpl",
              "algorithm-recommendation", "deep-synthesis", "security-assessment",
              "content-ecosystem"}  # the ids DESIGN.md promises; the catalog may hold more


def test_catalog_covers_every_design_id():
    df = regtext.corpus()
    assert DESIGN_IDS <= set(df["id"])
    assert list(df["id"]) == [r.id for r in RECORDS]
    for col in ("title", "issuers", "doc_type", "adopted", "published", "effective", "status",
                "verification", "source"):
        assert col in df.columns
    assert set(df["verification"]) <= set(schema.VERIFICATION)


@pytest.mark.parametrize("rec", RECORDS, ids=lambda r: r.id)
def test_every_record_loads_under_its_names(rec):
    doc = regtext.load(rec.id, warn=False)
    assert doc.id == rec.id and doc.title == rec.title
    assert doc.articles, f"{rec.id}: no articles"
    assert not [w for w in doc.warnings if w.kind in ("empty", "binary")]
    for name in (rec.title, rec.short_title, *rec.aliases):
        assert regtext.resolve_id(name) == rec.id, name
    assert doc.meta["verification"] == rec.verification


@pytest.mark.parametrize("rec", RECORDS, ids=lambda r: r.id)
def test_every_record_warns_exactly_when_not_complete(rec):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        regtext.load(rec.id)
    said = [str(w.message) for w in caught if w.category is regtext.CorpusWarning]
    if rec.verification == "complete":
        assert said == []
    else:
        assert len(said) == 1 and rec.verification_note[:40] in said[0]


@pytest.mark.parametrize("rec", [r for r in RECORDS if r.unverified_articles or
                                 r.missing_articles], ids=lambda r: r.id)
def test_listed_article_numbers_exist_or_are_missing(rec):
    refs = {a.ref for a in regtext.load(rec.id, warn=False).articles}
    assert set(rec.unverified_articles) <= refs
    assert not set(rec.missing_articles) & refs


@pytest.mark.parametrize(("field", "value", "says"), [
    ("status", "inforce", "field 'status': 'inforce' is not one of"),
    ("doc_type", "statute", "field 'doc_type'"),
    ("verification", "verified", "field 'verification'"),
    ("effective", "2020/06/01", "not an ISO date"),
    ("aliases", "示例法", "must be a list"),
    ("colour", "red", "field 'colour': unknown field"),
    ("id", "Demo Law", "not a lower-case slug"),
])
def test_schema_names_the_record_and_field(field, value, says):
    with pytest.raises(schema.CatalogError, match="catalog record '.*'") as err:
        schema.CatalogRecord.from_dict({**schema.EXAMPLE, field: value})
    assert says in str(err.value)


def test_schema_rejects_missing_fields_and_files():
    raw = dict(schema.EXAMPLE)
    del raw["source"]
    with pytest.raises(schema.CatalogError, match="'demo': field 'source': missing"):
        schema.CatalogRecord.from_dict(raw)
    with pytest.raises(schema.CatalogError, match="'demo': field 'file': 'demo.md' is not in"):
        schema.CatalogRecord.from_dict(dict(schema.EXAMPLE), exists=lambda f: False)
    with pytest.raises(schema.CatalogError, match="must say why"):
        schema.CatalogRecord.from_dict({**schema.EXAMPLE, "verification": "partial"})


def test_the_shipped_catalog_passes_its_schema():
    raw = json.loads((resources.files("regtext._corpus") / "catalog.json").read_text("utf-8"))
    assert len(schema.check_catalog(raw)) == len(raw) == len(RECORDS)


@pytest.mark.parametrize(("alias", "doc_id"), [
    ("个人信息保护法", "pipl"), ("个保法", "pipl"), ("PIPL", "pipl"),
    ("《中华人民共和国网络安全法》", "csl"), ("CSL", "csl"), ("数据安全法", "dsl"),
    ("中华人民共和国刑法", "criminal-law"), ("生成式人工智能服务管理暂行办法", "genai-2023-final"),
])
def test_aliases(alias, doc_id):
    assert regtext.resolve_id(alias) == doc_id
    assert regtext.load(alias, warn=False).id == doc_id


@pytest.mark.parametrize(("doc_id", "says"), [
    ("genai-2023-draft", "partly verified"),
    ("genai-2023-draft", "第二十一条"),  # the unverified articles are named
    ("content-ecosystem", "single source"),
])
def test_unverified_texts_warn_which_parts(doc_id, says):
    with pytest.warns(regtext.CorpusWarning) as rec:
        regtext.load(doc_id)
    assert says in str(rec[0].message)


@pytest.mark.parametrize("doc_id", ["dsl", "security-assessment"])
def test_complete_text_does_not_warn(doc_id):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        regtext.load(doc_id)


def test_updated_texts_are_complete():
    """The 2026 corpus update: security-assessment in full, content-ecosystem new."""
    sa = regtext.load("security-assessment")
    assert [a.ref for a in sa.articles] == [str(i) for i in range(1, 18)]
    ce = regtext.load("content-ecosystem", warn=False)
    assert len(ce.articles) == 42 and sum(n.kind == "chapter" for n in ce) == 8
    assert regtext.resolve_id("《网络信息内容生态治理规定》") == "content-ecosystem"


def test_a_whole_instrument_without_a_registry_falls_back_to_its_shipped_part():
    # only Book IV of the Civil Code is shipped; with no registered copy of the whole code,
    # 民法典 still resolves to it (a registered whole code wins: tests/test_registry.py)
    assert regtext.corpus.find("《中华人民共和国民法典》") == "civil-code-personality"
    rec = next(r for r in regtext.corpus.records() if r.id == "civil-code-personality")
    assert rec.part_of == "中华人民共和国民法典"
    assert regtext.corpus.find("民法典人格权编") == "civil-code-personality"


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
