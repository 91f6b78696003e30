"""Tests for regtext.links: citations, the concept lexicon and BM25 similarity."""

from __future__ import annotations

import warnings

import pytest

import regtext
import regtext.network.linking as L  # noqa: E402
from regtext.text.normalize import fold


@pytest.fixture(scope="module")
def final_links():
    return regtext.links(regtext.load("genai-2023-final"), k=5)


def _found(df, k=5):
    out = set()
    for r in df.to_dict("records"):
        if r["rank"] > k:
            continue
        art = r["target_ref"].split(".")[0] if r["target_ref"] else "*"
        out.add((r["source_ref"], r["target_doc"], art))
        out.add((r["source_ref"], r["target_doc"], "*"))
    return out


# A few rows copied from ../shared/gold/links.tsv (core links of the final Measures).
GOLD = [
    ("1.1", "csl", "*"),
    ("1.1", "stpl", "*"),
    ("4.1.1", "csl", "12"),
    ("4.1.3", "anti-monopoly", "9"),
    ("4.1.3", "algorithm-recommendation", "15"),
    ("4.1.4", "civil-code-personality", "1019"),
    ("4.1.4", "civil-code-personality", "1032"),
    ("7.1.3", "pipl", "13"),
    ("7.1.3", "pipl", "14"),
    ("9.1", "pipl", "51"),
    ("10.1", "minors-protection", "74"),
    ("11.1", "pipl", "6"),
    ("11.1", "csl", "41"),
    ("11.1", "csl", "42"),
    ("11.2", "pipl", "45"),
    ("11.2", "pipl", "46"),
    ("11.2", "pipl", "47"),
    ("11.2", "pipl", "50"),
    ("12.1", "deep-synthesis", "*"),
]


@pytest.mark.parametrize("source_ref,target_doc,article", GOLD)
def test_gold_links_found_at_k5(final_links, source_ref, target_doc, article):
    assert (source_ref, target_doc, article) in _found(final_links)


def test_columns_are_the_public_contract(final_links):
    assert list(final_links.columns[:6]) == ["source_ref", "target_doc", "target_ref", "via",
                                             "score", "rank"]
    assert set(final_links.via) <= {"citation", "concept", "similarity"}
    assert final_links.score.between(0, 1).all()


def test_whole_document_citation_has_none_target_and_ranks_first(final_links):
    rows = final_links.query("source_ref == '12.1' and target_doc == 'deep-synthesis'")
    first = rows.sort_values("rank").iloc[0]
    assert first.via == "citation" and first.target_ref is None and first["rank"] == 1


def test_rank_counts_within_clause_and_statute(final_links):
    for _, group in final_links.groupby(["source_ref", "target_doc"]):
        assert sorted(group["rank"]) == list(range(1, len(group) + 1))
    assert final_links["rank"].max() <= 5


def test_rank_follows_score_within_a_statute(final_links):
    for _, group in final_links.groupby(["source_ref", "target_doc"]):
        scores = group.sort_values("rank").score.tolist()
        assert scores == sorted(scores, reverse=True)
        cited = group[group.via == "citation"]
        if len(cited):  # what the clause cites comes first
            assert cited["rank"].min() == 1


@pytest.mark.parametrize("k", [1, 3])
def test_k_bounds_rank(k):
    df = regtext.links(regtext.load("genai-2023-final"), k=k)
    assert df["rank"].max() <= k


def test_to_filters_statutes():
    df = regtext.links("genai-2023-final", to="个人信息保护法")
    assert set(df.target_doc) == {"pipl"}


def test_unknown_to_warns_and_gives_nothing():
    with pytest.warns(UserWarning, match="no-such-law"):
        df = regtext.links("genai-2023-final", to="no-such-law")
    assert df.empty and "source_ref" in df.columns


def test_own_draft_and_final_are_not_statutes(final_links):
    assert not {"genai-2023-final", "genai-2023-draft"} & set(final_links.target_doc)


@pytest.mark.parametrize("doc_id,source_ref,target_doc,article", [
    # the CSL's definition of personal information sits beside the PIPL's and the Civil Code's
    ("csl", "76.1.5", "pipl", "4"),
    ("csl", "76.1.5", "civil-code-personality", "1034"),
    # the CSL's collection rule shares 合法、正当、必要 with the PIPL's principles
    ("csl", "41.1", "pipl", "7"),
    # the DSL's definition of data is found by similarity in the CSL's definitions
    ("dsl", "3.1", "csl", "76"),
    # the PIPL's data-localisation rule reaches the CSL's critical-infrastructure concept
    ("pipl", "40.1", "csl", "31"),
])
def test_statutes_link_to_each_other(doc_id, source_ref, target_doc, article):
    # as_of=False: the CSL (2016) may link to the later PIPL (2021) when dates are ignored
    assert (source_ref, target_doc, article) in _found(
        regtext.links(regtext.load(doc_id), as_of=False))


@pytest.mark.parametrize("doc_id,source_ref,target_doc,article", [
    ("csl", "76.1.5", "pipl", "4"),  # PIPL 2021 postdates the CSL 2016
    ("csl", "41.1", "pipl", "7"),
])
def test_later_statutes_are_marked_and_left_out_by_default(doc_id, source_ref, target_doc,
                                                           article):
    doc = regtext.load(doc_id)
    assert (source_ref, target_doc, article) not in _found(regtext.links(doc))
    kept = regtext.links(doc, as_of=False)
    row = kept[(kept.source_ref == source_ref) & (kept.target_doc == target_doc)]
    assert row.later.all() and len(row)
    # a far date: nothing is later, so the link is kept and not marked
    far = regtext.links(doc, as_of="2099-01-01")
    assert (source_ref, target_doc, article) in _found(far)
    assert not far.later.any()


def test_earlier_statutes_are_not_later():
    df = regtext.links("genai-2023-final")  # 2023-07-10: network-data (2024) is left out
    assert "network-data" not in set(df.target_doc) and "minors-online" not in set(df.target_doc)
    assert not df.later.any()
    assert "pipl" in set(df.target_doc)


def test_a_parsed_text_outside_the_corpus():
    doc = regtext.parse("第一条 提供者应当依法及时受理和处理个人关于查阅、复制、更正、补充、"
                        "删除其个人信息的请求。")
    df = regtext.links(doc, to="pipl")
    assert {"45", "46", "47"} <= {r.split(".")[0] for r in df.target_ref if r}


def test_empty_document_gives_empty_frame():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = regtext.parse("")
    df = regtext.links(doc)
    assert df.empty and list(df.columns) == L.COLUMNS


def test_links_are_deterministic():
    a = regtext.links("genai-2023-final")
    b = regtext.links("genai-2023-final")
    assert a.equals(b)


@pytest.mark.parametrize("concept", L.lexicon(), ids=lambda c: f"{c.term}->{c.target_doc}")
def test_lexicon_targets_exist(concept):
    doc = regtext.load(concept.target_doc, warn=False)
    node = doc.get(concept.target_ref)  # KeyError when the lexicon points nowhere
    if concept.relation == "defines":
        assert concept.term in fold(doc.get(node.article).text)
    assert 0 < concept.weight <= 1


@pytest.mark.parametrize("text,terms", [
    ("依法承担个人信息处理者责任", ["个人信息处理者"]),
    ("不得侵害他人肖像权、名誉权、荣誉权、隐私权和个人信息权益",
     ["肖像权", "名誉权", "荣誉权", "隐私权", "个人信息权益"]),
    ("按照规定履行算法备案手续", ["算法备案"]),
    ("本办法自公布之日起施行。", []),
])
def test_find_concepts_longest_match(text, terms):
    assert [t for t, _, _ in L.find_concepts(text)] == terms


def test_index_ranks_the_access_right_first():
    hits = L.corpus_index().search("个人有权向个人信息处理者查阅、复制其个人信息", top=3,
                                   only=["pipl"])
    assert hits[0][0] == "pipl" and hits[0][1].split(".")[0] == "45"


def test_cli_links_table_and_errors(capsys):
    from regtext.cli import main

    assert main(["links", "genai-2023-final", "--ref", "11.2", "--to", "pipl", "-k", "4"]) == 0
    out = capsys.readouterr().out
    assert "第四十五条" in out and max(len(line) for line in out.splitlines()) <= 100
    assert main(["links", "genai-2023-final", "--to", "no-such-law"]) == 2
    assert "no-such-law" in capsys.readouterr().err
    assert main(["links", "genai-2023-final", "-k", "0"]) == 2


def test_cli_links_csv_via_filter(capsys):
    import csv
    import io

    from regtext.cli import main

    assert main(["links", "genai-2023-final", "--via", "citation", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and {r["via"] for r in rows} == {"citation"}
    assert {"deep-synthesis", "pipl"} <= {r["target_doc"] for r in rows}


def test_cli_as_of(capsys):
    from regtext.cli import main

    assert main(["links", "csl", "--ref", "76.1.5", "--format", "csv"]) == 0
    default = capsys.readouterr().out
    assert main(["links", "csl", "--ref", "76.1.5", "--format", "csv", "--as-of", "any"]) == 0
    kept = capsys.readouterr().out
    assert ",pipl," not in default and ",pipl," in kept
    assert main(["links", "csl", "--as-of", "yesterday"]) != 0


def test_a_lawrefbook_file_is_dated_by_its_name():
    from pathlib import Path

    path = Path("/work/shared/lawrefbook/宪法相关法/英雄烈士保护法(2018-04-27).md")
    if not path.is_file():
        pytest.skip("LawRefBook not available")
    df = regtext.links(str(path))
    assert len(df) and "pipl" not in set(df.target_doc)  # PIPL (2021) postdates it
    kept = regtext.links(str(path), as_of=False)
    assert kept.later.any() and not df.later.any()
