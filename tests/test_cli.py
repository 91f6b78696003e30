"""The command line: real output for good input, one-line messages and status 2 for bad."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import warnings

import pytest

import regtext
from regtext.cli import main
from regtext.corpus import text as corpus_text

warnings.filterwarnings("ignore", category=regtext.CorpusWarning)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_tree(capsys):
    code, out, err = run(capsys, "parse", "genai-2023-final")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "生成式人工智能服务管理暂行办法 — 24 articles"
    assert any("第二章 技术发展与治理" in ln for ln in lines)
    assert any("[7.1.4]" in ln for ln in lines)
    assert max(len(ln) for ln in lines) <= 100 + 40  # 100 columns, CJK counted once


def test_parse_json_and_csv(capsys):
    code, out, _ = run(capsys, "parse", "dsl", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["id"] == "dsl"
    assert sum(1 for ch in data["children"] for _ in ch["children"]) == 55
    code, out, _ = run(capsys, "parse", "PIPL", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("ref,kind,number,label")
    assert "13.1.2,item,2,第十三条第一款第（二）项" in out


def test_parse_file_with_gbk_bytes(capsys, tmp_path):
    path = tmp_path / "csl.txt"
    path.write_bytes(corpus_text("csl").encode("gbk"))
    code, out, _ = run(capsys, "parse", str(path))
    assert code == 0
    assert "79 articles" in out.splitlines()[0]
    assert "GB18030" in out


@pytest.mark.parametrize(("argv", "needle"), [
    (["parse", "no-such-file.md"], "no such file or corpus id: no-such-file.md"),
    (["parse", "pipx"], "did you mean 'pipl'"),
    (["parse", "{empty_dir}"], "no .md, .txt or .html files"),
    (["diff", "{empty_dir}", "pipl"], "is a folder"),
])
def test_bad_input_exits_2_with_one_line(capsys, tmp_path, argv, needle):
    argv = [a.replace("{empty_dir}", str(tmp_path)) for a in argv]
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert needle in err and "Traceback" not in err


@pytest.mark.parametrize(("content", "needle"), [
    (b"", "empty input"),
    (b"\x00\x01\x02\x03PK\x03\x04" * 20, "binary data"),
    ("本通知自发布之日起执行。".encode(), "no articles"),
])
def test_odd_files_say_what_happened(capsys, tmp_path, content, needle):
    path = tmp_path / "odd.txt"
    path.write_bytes(content)
    code, out, err = run(capsys, "parse", str(path))
    assert "Traceback" not in err
    assert needle in out + err
    if needle == "no articles":  # text that merely holds no articles is not an input error
        assert code == 0 and "no articles found" in err
    else:  # empty and binary files are: exit 2, one line naming the file
        assert code == 2 and str(path) in err and len(err.strip().splitlines()) == 1


def test_parse_folder_summarises_each_file(capsys, tmp_path):
    for doc_id in ("csl", "dsl"):
        (tmp_path / f"{doc_id}.md").write_text(corpus_text(doc_id), encoding="utf-8")
    (tmp_path / "notice.txt").write_text("本通知自发布之日起执行。", encoding="utf-8")
    code, out, _ = run(capsys, "parse", str(tmp_path), "--format", "csv")
    assert code == 0
    rows = {line.split(",")[0]: line for line in out.splitlines()[1:]}
    assert set(rows) == {"csl", "dsl", "notice"}
    assert rows["csl"].split(",")[2] == "79" and rows["dsl"].split(",")[2] == "55"
    assert rows["notice"].split(",")[2] == "0"


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["parse", "pipl", "--format", "xml"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'xml'" in err and len(err.strip().splitlines()) == 1


def test_corpus_listing(capsys):
    code, out, _ = run(capsys, "corpus", "--format", "csv")
    assert code == 0
    assert out.count("\n") == len(regtext.corpus()) + 1 and "content-ecosystem" in out


def _entry_point() -> list[str]:
    exe = shutil.which("regtext", path=os.path.dirname(sys.executable)) or shutil.which("regtext")
    return [exe] if exe else [sys.executable, "-m", "regtext.cli"]


def test_installed_entry_point(tmp_path):
    ok = subprocess.run(_entry_point() + ["parse", "genai-2023-final"], capture_output=True,
                        text=True, cwd=tmp_path, timeout=120)
    assert ok.returncode == 0
    assert ok.stdout.startswith("生成式人工智能服务管理暂行办法 — 24 articles")
    bad = subprocess.run(_entry_point() + ["parse", "missing.txt"], capture_output=True,
                         text=True, cwd=tmp_path, timeout=120)
    assert bad.returncode == 2
    assert bad.stderr.strip() == "regtext parse: no such file or corpus id: missing.txt"
