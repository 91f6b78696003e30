"""Registered collections: indexing a folder into SQLite, finding the version in force, loading.

Every test gets its own cache directory (``$REGTEXT_CACHE``), so nothing touches the user's.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from conftest import LAWREFBOOK

import regtext
from regtext import rules
from regtext.cli import main
from regtext.corpus import metadata, registry

_HEADER = "# {title}\n\n{dates}\n\n<!-- INFO END -->\n\n"
_ORDER = "{y}年{m}月{d}日 国务院令第{n}号公布"


def _law(title: str, dated: list[tuple[str, str]], body: str) -> str:
    return _HEADER.format(title=title, dates="\n\n".join(d for _, d in dated)) + body


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REGTEXT_CACHE", str(tmp_path / "cache"))
    registry._Index.clear()
    yield tmp_path / "cache"
    registry._Index.clear()


@pytest.fixture()
def laws(tmp_path) -> Path:
    """Three made-up laws: two versions of one regulation (file names dated, as in LawRefBook)
    and a statute whose first article defines a 简称 for another title."""
    folder = tmp_path / "mylaws"
    folder.mkdir()
    reg = "第一条 为了规范示例数据处理活动，制定本条例。\n\n第二条 处理者应当{duty}。\n"
    (folder / "示例数据管理条例(2001-03-01).md").write_text(
        _law("示例数据管理条例", [("", "2001年3月1日 国务院令第11号公布")],
             reg.format(duty="登记")), encoding="utf-8")
    (folder / "示例数据管理条例(2015-07-01).md").write_text(
        _law("示例数据管理条例", [("", "2001年3月1日 国务院令第11号公布"),
                              ("", "2015年7月1日 国务院令第22号修订")],
             reg.format(duty="登记并公示") + "\n第三条 本条例自2015年9月1日起施行。\n"),
        encoding="utf-8")
    (folder / "示例网络法.md").write_text(
        _law("中华人民共和国示例网络法",
             [("", "2010年5月1日 第十一届全国人民代表大会常务委员会第十四次会议通过")],
             "第一条 为了保障网络安全，根据《示例数据管理条例》（以下简称数据条例），"
             "制定本法。\n\n第二条 网络运营者应当遵守数据条例。\n"),
        encoding="utf-8")
    return folder


def test_register_indexes_titles_versions_types_and_issuers(cache, laws):
    report = regtext.corpus.register(laws, progress=False)
    assert (report.files, report.added, report.kind, report.prefix) == (3, 3, "folder", "mylaws")
    assert Path(report.database).parent == cache
    df = regtext.corpus.registered().set_index("id")
    assert sorted(df.index) == ["mylaws:示例数据管理条例@2001-03-01",
                                "mylaws:示例数据管理条例@2015-07-01",
                                "mylaws:示例网络法@2010-05-01"]
    row = df.loc["mylaws:示例网络法@2010-05-01"]
    assert (row.title, row.short_title, row.doc_type, row.issuer) == (
        "中华人民共和国示例网络法", "示例网络法", "法律", "全国人民代表大会常务委员会")
    assert df.loc["mylaws:示例数据管理条例@2015-07-01", "adopted"] == "2001-03-01"
    assert set(df.loc[df.short_title == "示例数据管理条例", "issuer"]) == {"国务院"}


@pytest.mark.parametrize(("as_of", "expected", "in_force"), [
    ("2010-01-01", "mylaws:示例数据管理条例@2001-03-01", True),
    ("2015-07-01", "mylaws:示例数据管理条例@2015-07-01", True),   # the day it was adopted
    ("2015-06-30", "mylaws:示例数据管理条例@2001-03-01", True),
    ("2030", "mylaws:示例数据管理条例@2015-07-01", True),
    ("1999-12-31", "mylaws:示例数据管理条例@2001-03-01", False),  # before any version
    (None, "mylaws:示例数据管理条例@2015-07-01", None),           # the newest
])
def test_find_chooses_the_version_in_force(cache, laws, as_of, expected, in_force):
    regtext.corpus.register(laws, progress=False)
    assert regtext.corpus.find("《示例数据管理条例》", as_of=as_of) == expected
    hit = regtext.corpus.lookup("示例数据管理条例", as_of)
    assert (hit.doc_id, hit.in_force, hit.versions) == (expected, in_force, 2)


def test_short_titles_and_defined_abbreviations_resolve(cache, laws):
    regtext.corpus.register(laws, progress=False)
    assert regtext.corpus.find("《中华人民共和国示例网络法》") == "mylaws:示例网络法@2010-05-01"
    assert regtext.corpus.find("示例网络法") == "mylaws:示例网络法@2010-05-01"
    # 数据条例 is the 简称 the statute's first article defines for the regulation
    assert regtext.corpus.find("数据条例", "2012-01-01") == "mylaws:示例数据管理条例@2001-03-01"
    assert regtext.corpus.find("示例法") is None


def test_titles_cited_without_their_issuer(cache, tmp_path):
    """最高人民法院关于…的解释 is often cited as 《关于…的解释》; a shortened title that two
    different instruments share (two provinces' 关于修改部分地方性法规的决定) resolves to
    neither."""
    folder = tmp_path / "sys"
    folder.mkdir()
    body = "\n\n第一条 为了示例，制定本{}。"
    for name, kind in (("最高人民法院关于审理示例纠纷案件适用法律若干问题的解释", "解释"),
                       ("甲省人民代表大会常务委员会关于修改部分地方性法规的决定", "决定"),
                       ("乙省人民代表大会常务委员会关于修改部分地方性法规的决定", "决定")):
        (folder / f"{name}.md").write_text(f"# {name}" + body.format(kind), encoding="utf-8")
    regtext.corpus.register(folder, progress=False)
    assert regtext.corpus.find("《关于审理示例纠纷案件适用法律若干问题的解释》") == \
        "sys:最高人民法院关于审理示例纠纷案件适用法律若干问题的解释"
    assert regtext.corpus.find("关于修改部分地方性法规的决定") is None
    assert regtext.corpus.find("甲省人民代表大会常务委员会关于修改部分地方性法规的决定") == \
        "sys:甲省人民代表大会常务委员会关于修改部分地方性法规的决定"


def test_the_shipped_corpus_comes_first(cache, tmp_path):
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "网络安全法(2016-11-07).md").write_text(regtext.corpus.text("csl"),
                                                  encoding="utf-8")
    regtext.corpus.register(folder, progress=False)
    assert regtext.corpus.find("网络安全法") == "csl"
    assert regtext.load("网络安全法", warn=False).id == "csl"
    assert regtext.load("copy:网络安全法@2016-11-07").id == "copy:网络安全法@2016-11-07"


def test_load_by_id_and_by_title(cache, laws):
    regtext.corpus.register(laws, progress=False)
    doc = regtext.load("示例数据管理条例")  # by title: the newest version
    assert doc.id == "mylaws:示例数据管理条例@2015-07-01"
    assert doc.get("2").text == "处理者应当登记并公示。"
    assert doc.meta["source"] == "registered" and doc.meta["doc_type"] == "行政法规"
    old = regtext.load("mylaws:示例数据管理条例@2001-03-01")
    assert [a.ref for a in old.articles] == ["1", "2"]
    with pytest.raises(regtext.UnknownDocumentError):
        regtext.load("示例不存在条例")


def test_rerun_skips_unchanged_files_and_follows_changes(cache, laws):
    regtext.corpus.register(laws, progress=False)
    again = regtext.corpus.register(laws, progress=False)
    assert (again.added, again.updated, again.unchanged, again.removed) == (0, 0, 3, 0)
    target = laws / "示例数据管理条例(2015-07-01).md"
    target.write_text(target.read_text(encoding="utf-8").replace("登记并公示", "登记、公示并报告"),
                      encoding="utf-8")
    (laws / "示例网络法.md").unlink()
    (laws / "另一示例办法.txt").write_text("另一示例办法\n\n第一条 为了示例，制定本办法。",
                                        encoding="gb18030")
    third = regtext.corpus.register(laws, progress=False)
    assert (third.added, third.updated, third.unchanged, third.removed) == (1, 1, 1, 1)
    assert "报告" in regtext.load("示例数据管理条例").get("2").text
    assert regtext.corpus.find("另一示例办法") == "mylaws:另一示例办法"
    assert regtext.corpus.find("示例网络法") is None


def test_html_files_are_indexed_by_their_title(cache, tmp_path):
    folder = tmp_path / "web"
    folder.mkdir()
    (folder / "page.html").write_text(
        "<html><head><title>示例信息服务管理规定</title></head><body>"
        "<p>第一条 为了示例，制定本规定。</p></body></html>", encoding="utf-8")
    regtext.corpus.register(folder, progress=False)
    assert regtext.corpus.find("示例信息服务管理规定") == "web:示例信息服务管理规定"


def test_the_index_is_sqlite_and_unregister_forgets(cache, laws):
    regtext.corpus.register(laws, progress=False)
    con = sqlite3.connect(cache / "registry.sqlite3")
    tables = {t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert {"collections", "documents", "aliases"} <= tables
    assert regtext.corpus.unregister(laws) == 3
    assert regtext.corpus.find("示例网络法") is None
    assert regtext.corpus.collections().empty


def test_no_pickle_in_the_package():
    """Nothing regtext stores and loads later may use pickle (issue 15, item 9)."""
    root = Path(regtext.__file__).parent
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if "import pickle" in p.read_text(encoding="utf-8")
                 or "from pickle" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_a_damaged_database_is_named(cache, laws):
    cache.mkdir(parents=True)
    (cache / "registry.sqlite3").write_bytes(b"this is not a database" * 100)
    assert regtext.corpus.find("示例网络法") is None  # lookups never fail on it
    with pytest.raises(registry.RegistryError, match="registry.sqlite3 is damaged"):
        regtext.corpus.register(laws, progress=False)


def test_progress_bar_goes_to_stderr_and_only_after_a_second(capsys):
    bar = registry._Progress(100, "indexing", enabled=True)
    bar.update(10)
    assert bar.bar is None  # a quick run shows nothing
    bar.start -= 2.0  # as if two seconds had passed
    bar.update(20)
    assert bar.bar is not None and bar.bar.console.stderr
    bar.close()
    assert capsys.readouterr().out == ""
    quiet = registry._Progress(100, "indexing", enabled=False)
    quiet.start -= 2.0
    quiet.update(50)
    assert quiet.bar is None


def test_not_a_folder_is_a_clear_error(cache, tmp_path):
    with pytest.raises(NotADirectoryError, match="not a folder"):
        regtext.corpus.register(tmp_path / "nope")


def test_cli_add_list_remove(cache, laws, capsys):
    assert main(["corpus", "add", str(laws), "-q"]) == 0
    assert "3 added" in capsys.readouterr().err
    assert main(["corpus", "--registered", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert str(laws) in out and ",3," in out
    assert main(["corpus", "list", "--registered", "--documents", "--format", "csv"]) == 0
    assert "mylaws:示例网络法@2010-05-01" in capsys.readouterr().out
    assert main(["corpus", "--format", "csv"]) == 0  # the default listing is the shipped texts
    assert "content-ecosystem" in capsys.readouterr().out
    assert main(["corpus", "remove", str(laws)]) == 0
    assert main(["corpus", "remove", str(laws)]) == 2
    assert "not a registered folder" in capsys.readouterr().err


# -- the document-types table, row by row --------------------------------------------------


def _decided_by(row: dict[str, str], text: str) -> str | None:
    if row["match"] == "folder":
        parts = Path(text).parts[:-1]
        words = [metadata.rule_for("folder", p) for p in parts]
        return next((w for w in reversed(words) if w), None)
    if row["match"] == "issuer":
        issuer = metadata.issuer_of(text)
        return metadata.rule_for("issuer", issuer.split("、")[0]) if issuer else None
    return metadata.rule_for("ending", metadata._bare(text))


@pytest.mark.parametrize("row", rules.table("document-types"),
                         ids=lambda r: f"{r['match']}-{r['word']}")
def test_document_type_rows(row):
    assert _decided_by(row, row["example"]) == row["word"]
    assert _decided_by(row, row["counterexample"]) != row["word"]


# -- real LawRefBook files -----------------------------------------------------------------

needs_lawrefbook = pytest.mark.skipif(not LAWREFBOOK.is_dir(), reason="LawRefBook not present")


@needs_lawrefbook
def test_real_lawrefbook_files(cache, tmp_path):
    """A few real files laid out as in a LawRefBook checkout: recognised, dated, typed."""
    root = tmp_path / "Laws"
    picks = ["诉讼与非诉讼程序法/民事诉讼法(2021-12-24).md",
             "诉讼与非诉讼程序法/民事诉讼法(2023-09-01).md", "经济法/反垄断法(2022-06-24).md",
             "司法解释/人民法院在线诉讼规则(2021-06-16).md", "民法典/总则.md", "民法典/人格权编.md"]
    for rel in picks:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(LAWREFBOOK / rel, root / rel)
    (root / "README.md").write_text("# LawRefBook\n", encoding="utf-8")
    report = regtext.corpus.register(root, progress=False)
    assert (report.kind, report.prefix, report.files) == ("lawrefbook", "lrb", 6)
    assert regtext.corpus.find("《中华人民共和国民事诉讼法》", "2022-06-01") == \
        "lrb:民事诉讼法@2021-12-24"
    assert regtext.corpus.find("民事诉讼法", "2024-01-01") == "lrb:民事诉讼法@2023-09-01"
    df = regtext.corpus.registered().set_index("id")
    assert df.loc["lrb:民事诉讼法@2023-09-01", "adopted"] == "1991-04-09"
    assert df.loc["lrb:人民法院在线诉讼规则@2021-06-16", "doc_type"] == "司法解释"
    assert df.loc["lrb:人民法院在线诉讼规则@2021-06-16", "issuer"] == "最高人民法院"
    assert df.loc["lrb:人民法院在线诉讼规则@2021-06-16", "effective"] == "2021-08-01"
    assert "lrb:民法典（总则）@2020-05-28" in df.index
    assert "lrb:民法典@2020-05-28" not in df.index  # files only, unless assembled=True
    codes = regtext.corpus.registered(assembled=True).set_index("id")
    assert Path(codes.loc["lrb:民法典@2020-05-28", "path"]).is_dir()
    # the code's books are also one document under the code's title: 《民法典》 names the whole
    # code, not the one book the shipped corpus holds; 人格权编 still names the shipped book
    code = regtext.corpus.find("《中华人民共和国民法典》", "2023-01-01")
    assert code == "lrb:民法典@2020-05-28"
    assert regtext.corpus.find("民法典人格权编") == "civil-code-personality"
    whole = regtext.load(code)
    assert whole.get("1").text.startswith("为了保护民事主体的合法权益")
    refs = {a.ref for a in whole.articles}
    assert {"1", "204", "989", "1039"} <= refs and "1040" not in refs  # 总则 + 人格权编 only
    assert [n.heading for n in whole.children if n.kind == "part"] == ["总则", "人格权编"]
    doc = regtext.load("lrb:反垄断法@2022-06-24")
    assert len(doc.articles) == 70 and doc.meta["doc_type"] == "法律"


@needs_lawrefbook
def test_whole_lawrefbook_indexes_fast(cache):
    """The whole checkout (3,400+ files): indexed in seconds, a re-run skips every file."""
    t0 = time.perf_counter()
    first = regtext.corpus.register(LAWREFBOOK, progress=False)
    took = time.perf_counter() - t0
    assert first.added == first.files > 3000 and took < 60
    again = regtext.corpus.register(LAWREFBOOK, progress=False)
    assert again.unchanged == first.files and again.seconds < 5


@pytest.mark.skipif(LAWREFBOOK is None, reason="LawRefBook not available")
def test_title_punctuation_the_file_drops_still_finds_it(cache, tmp_path):
    # LawRefBook's heading: 家用汽车产品修理更换退货责任规定; texts cite it with 、
    folder = tmp_path / "rules"
    folder.mkdir()
    src = next(LAWREFBOOK.rglob("家用汽车产品修理更换退货责任规定*.md"))
    shutil.copy(src, folder / src.name)
    regtext.corpus.register(folder, progress=False)
    hit = regtext.corpus.find("《家用汽车产品修理、更换、退货责任规定》")
    assert hit is not None and hit.startswith("rules:家用汽车产品修理更换退货责任规定")
    # dropping punctuation never drops a word: another act is not found
    assert regtext.corpus.find("《家用汽车产品修理、更换责任规定》") is None
