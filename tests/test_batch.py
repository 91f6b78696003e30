"""Batch parsing: order, process pools, any Executor, failures that do not sink a run."""

from __future__ import annotations

import warnings
from concurrent.futures import Executor, Future, ThreadPoolExecutor

import pytest

import regtext
from regtext.corpus import text as corpus_text

pytestmark = pytest.mark.filterwarnings("ignore:skipped .*notes.json")

IDS = ["genai-2023-final", "pipl", "dsl", "copyright", "minors-online"]
ARTICLES = {"genai-2023-final": 24, "pipl": 74, "dsl": 55, "copyright": 67, "minors-online": 60}


@pytest.fixture
def folder(tmp_path):
    for doc_id in IDS:
        (tmp_path / f"{doc_id}.md").write_text(corpus_text(doc_id), encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")  # not a text: skipped
    return tmp_path


def article_count(doc: regtext.Document) -> int:
    return len(doc.articles)


class RecordingExecutor(Executor):
    """Runs tasks inline and counts them: stands in for a Dask or Ray executor."""

    def __init__(self) -> None:
        self.tasks = 0

    def submit(self, fn, /, *args, **kwargs):  # noqa: ANN001
        self.tasks += 1
        fut: Future = Future()
        fut.set_result(fn(*args, **kwargs))
        return fut


def test_parse_many_folder_in_order(folder):
    docs = regtext.parse_many(folder)
    assert [d.id for d in docs] == sorted(IDS)
    assert {d.id: len(d.articles) for d in docs} == ARTICLES


def test_two_processes_match_one(folder):
    one = regtext.parse_many(folder, jobs=1)
    two = regtext.parse_many(folder, jobs=2)
    assert [d.id for d in two] == [d.id for d in one]
    assert [[n.ref for n in d] for d in two] == [[n.ref for n in d] for d in one]
    assert two[-1].id == "pipl" and two[-1].get("13.1.2").text == one[-1].get("13.1.2").text


@pytest.mark.parametrize("make", [lambda: ThreadPoolExecutor(2), RecordingExecutor])
def test_any_executor(folder, make):
    executor = make()
    counts = regtext.map_many(article_count, sorted(folder.glob("*.md")), executor=executor,
                              chunksize=2)
    assert counts == [ARTICLES[i] for i in sorted(IDS)]
    if isinstance(executor, RecordingExecutor):
        assert executor.tasks == 3  # five files in chunks of two
    executor.shutdown()


def test_frame_many_adds_doc_column(folder):
    df = regtext.frame_many(regtext.Document.to_frame, folder, jobs=2)
    assert list(df.columns[:2]) == ["doc", "ref"]
    assert df.query("kind == 'article'").groupby("doc").size().to_dict() == ARTICLES


def test_failure_is_named_and_skipped(folder):
    def boom(doc):  # noqa: ANN001
        if doc.id == "dsl":
            raise ValueError("broken analysis")
        return doc.id

    with pytest.warns(RuntimeWarning, match=r"dsl\.md: ValueError: broken analysis"):
        out = regtext.map_many(boom, folder)
    assert out == [i if i != "dsl" else None for i in sorted(IDS)]


def test_missing_path_fails_before_work(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.md"):
        regtext.parse_many([tmp_path / "nope.md"])
    assert regtext.parse_many(tmp_path) == []


def test_progress_bar_does_not_change_results(folder):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = regtext.parse_many(folder, progress=True)
    assert len(docs) == len(IDS)
    assert [str(w.message)[:8] for w in caught] == ["skipped "]  # notes.json, said once


# -- .docx/.pdf in folders, and every file left out named with why ---------------------------


def test_folder_reads_docx_and_pdf_and_names_every_skipped_file(folder):
    import docx

    d = docx.Document()
    for line in corpus_text("genai-2023-final").split("<!-- INFO END -->")[1].split("\n"):
        if line.strip():
            d.add_paragraph(line.lstrip("# "))
    d.save(folder / "word-copy.docx")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (folder / "~$word-copy.docx").write_bytes(b"lock")
    (folder / "scan.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "x.md").write_text("第一条 不读。", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = regtext.parse_many(folder)
    messages = sorted(str(w.message) for w in caught)
    assert len(messages) == 4
    assert any("notes.json: not a text, .docx or .pdf file (.json)" in m for m in messages)
    assert any("scan.jpg: not a text" in m for m in messages)
    assert any("~$word-copy.docx: a Word lock file" in m for m in messages)
    assert any(m.startswith("not read ") and "old.doc: legacy Word .doc" in m
               for m in messages)
    by_id = {d.id: d for d in docs if d is not None}
    assert len(by_id["word-copy"].articles) == 24
    assert "x" not in by_id  # hidden folders are not documents
    assert docs.count(None) == 1  # old.doc, in its place


def test_cli_folder_reports_skipped_files(folder, capsys):
    from regtext.cli import main

    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert main(["parse", str(folder)]) == 0
    captured = capsys.readouterr()
    assert f"{len(IDS)} files" in captured.out
    assert "2 file(s) skipped or not read" in captured.err
    assert "notes.json" in captured.err and "old.doc: legacy Word .doc" in captured.err


def test_cli_folder_without_documents_says_so(tmp_path, capsys):
    from regtext.cli import main

    (tmp_path / "a.jpg").write_bytes(b"\xff\xd8")
    assert main(["parse", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "a.jpg" in err and "nor .docx or .pdf" in err


def _gc_threshold(doc):  # noqa: ANN001, ANN202 - module level: picklable
    import gc

    return gc.get_threshold()


@pytest.mark.parametrize("before, during", [
    ((700, 10, 10), (10_000, 50, 100)),  # Python's defaults: raised for the task
    ((50_000, 80, 200), (50_000, 80, 200)),  # a caller's own higher thresholds stay
])
def test_batch_tasks_collect_garbage_less_often_and_restore_the_thresholds(folder, before,
                                                                           during):
    import gc

    old = gc.get_threshold()
    gc.set_threshold(*before)
    try:
        seen = regtext.map_many(_gc_threshold, folder, jobs=1)
        assert seen and all(t == during for t in seen)
        assert gc.get_threshold() == before
    finally:
        gc.set_threshold(*old)
