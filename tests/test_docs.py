"""The documentation: page examples run, the site builds strictly, the tutorial executes.

The page examples need nothing beyond the package. Building the site and executing the
notebook need the ``docs`` extra (mkdocs, mkdocs-material, mkdocstrings, nbclient, ipykernel);
those tests skip when it is not installed, so ``pip install -e ".[test]" && pytest`` still passes.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import inspect
import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import regtext

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
_PYCON = re.compile(r"^```pycon\n(.*?)^```", re.M | re.S)


def _hooks():
    spec = importlib.util.spec_from_file_location("regtext_docs_hooks", DOCS / "hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- examples on the pages -------------------------------------------------------------------


def _page_examples(page: Path) -> str:
    """The page's pycon blocks; everything else becomes blank lines, so line numbers match."""
    text = page.read_text(encoding="utf-8")
    out, pos = [], 0
    for m in _PYCON.finditer(text):
        out.append("\n" * text.count("\n", pos, m.start(1)))
        out.append(m.group(1))
        pos = m.end(1)
    return "".join(out)


@pytest.mark.parametrize("page", [p for p in PAGES if "```pycon" in p.read_text("utf-8")],
                         ids=lambda p: p.name)
def test_page_examples_run(page: Path) -> None:
    """Every ```pycon block of a page runs as a doctest (blocks of a page share one namespace)."""
    text = _page_examples(page)
    test = doctest.DocTestParser().get_doctest(text, {}, page.name, str(page), 0)
    assert test.examples, f"{page.name}: no >>> examples found in its pycon blocks"
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", regtext.CorpusWarning)
        result = runner.run(test, out=report.append)
    assert result.failed == 0, "".join(report)


def test_examples_extractor_sees_every_block() -> None:
    """The extractor must not silently drop blocks (e.g. a block at the end of a page)."""
    sample = "text\n```pycon\n>>> 1 + 1\n2\n```\nmore\n```pycon\n>>> 'a'\n'a'\n```\n"
    page = DOCS / "_sample_for_test.md"
    try:
        page.write_text(sample, encoding="utf-8")
        examples = doctest.DocTestParser().get_examples(_page_examples(page))
    finally:
        page.unlink()
    assert [e.source.strip() for e in examples] == ["1 + 1", "'a'"]


# -- generated sections ----------------------------------------------------------------------


def test_corpus_page_lists_every_shipped_text_with_its_verification() -> None:
    table = _hooks().corpus_table()
    for rec in regtext.corpus().to_dict("records"):
        row = next((line for line in table.splitlines() if line.startswith(f"| `{rec['id']}` |")),
                   None)
        assert row is not None, f"{rec['id']} missing from the corpus page"
        assert rec["verification"] in row
    # texts not fully verified are flagged in bold so readers notice them
    assert "**partial**" in table and "**single-source**" in table


def test_cli_page_shows_every_registered_command() -> None:
    from regtext.cli import build_parser

    text = _hooks().cli_help()
    sub = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    assert sub.choices, "no CLI subcommands registered"
    for name in sub.choices:
        assert f"$ regtext {name} --help" in text


def _cli_recipes() -> list[str]:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```bash\n(.*?)^```", text, re.M | re.S)
    return [line.split("#")[0].strip() for block in blocks for line in block.splitlines()
            if line.startswith("regtext ")]


def test_cli_page_has_recipes() -> None:
    assert len(_cli_recipes()) >= 5


@pytest.mark.parametrize("recipe", _cli_recipes())
def test_cli_recipe_runs(recipe: str, tmp_path: Path, monkeypatch, capsys) -> None:
    """Each recipe on the CLI page exits 0 (files it writes go to a temp dir)."""
    import shlex

    from regtext.cli import main

    monkeypatch.chdir(tmp_path)
    args = shlex.split(recipe)[1:]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        status = main(args)
    out = capsys.readouterr()
    assert status == 0, f"{recipe}: exit {status}: {out.err[-500:]}"
    if "-o" in args:
        written = tmp_path / args[args.index("-o") + 1]
        assert written.exists() and written.stat().st_size > 0
    else:
        assert out.out.strip(), f"{recipe}: printed nothing"


def test_notebook_renders_cells_in_order() -> None:
    md = _hooks().notebook_markdown(DOCS / "tutorial.ipynb")
    nb = json.loads((DOCS / "tutorial.ipynb").read_text(encoding="utf-8"))
    code = ["".join(c["source"]).strip() for c in nb["cells"]
            if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    positions = [md.find(src) for src in code]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


def _vocabularies():
    # regtext.graph etc. are the functions; the modules are in sys.modules
    module = importlib.import_module
    citation_forms = ("title", "alias", "abbreviation", "self", "bare", "relative", "anaphor")
    return [
        ("comparing.md", "change tag", module("regtext.compare.tagging").TAGS),
        ("comparing.md", "comparison column", module("regtext.compare.comparison").COLUMNS),
        ("graph.md", "edge kind", module("regtext.network.builder").EDGE_KINDS),
        ("citations-obligations.md", "modality", module("regtext.extract.norms").MODALITIES),
        ("citations-obligations.md", "citation column", module("regtext.extract.citing").COLUMNS),
        ("citations-obligations.md", "citation form", citation_forms),
    ]


@pytest.mark.parametrize("page,what,names", _vocabularies(), ids=lambda v: v if isinstance(
    v, str) else "")
def test_pages_document_every_name_of_a_vocabulary(page: str, what: str, names) -> None:
    """A tag, edge kind or modality added to the code must be explained on its page."""
    text = (DOCS / page).read_text(encoding="utf-8")
    missing = [n for n in names if f"`{n}" not in text]
    assert not missing, f"{page} does not explain these {what}s: {missing}"


def test_every_page_is_in_the_nav() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in PAGES:
        assert f" {page.name}" in nav, f"{page.name} is not in mkdocs.yml nav"


# -- docstrings --------------------------------------------------------------------------------


def _public_callables():
    for name in regtext.__all__:
        obj = getattr(regtext, name)
        if inspect.isfunction(obj):
            yield name, obj
        elif inspect.isclass(obj) and not issubclass(obj, BaseException):
            yield name, obj
            for attr, member in vars(obj).items():
                if attr.startswith("_"):
                    continue
                func = member.fget if isinstance(member, property) else member
                if inspect.isfunction(func):
                    yield f"{name}.{attr}", func


@pytest.mark.parametrize("name,obj", list(_public_callables()), ids=lambda v: v
                         if isinstance(v, str) else "")
def test_public_api_has_docstring_example(name: str, obj) -> None:
    doc = inspect.getdoc(obj) or ""
    assert doc, f"regtext.{name} has no docstring"
    assert ">>>" in doc, f"regtext.{name}: docstring has no runnable example"


# -- the site and the notebook -------------------------------------------------------------------


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    pytest.importorskip("mkdocstrings_handlers.python")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    site = tmp_path / "site"
    for page in ("data-model", "comparing", "corpus", "cli", "tutorial", "api"):
        assert (site / page / "index.html").exists(), f"{page} page not built"
    corpus_html = (site / "corpus" / "index.html").read_text(encoding="utf-8")
    assert "genai-2023-draft" in corpus_html and "regtext:corpus" not in corpus_html
    api_html = (site / "api" / "index.html").read_text(encoding="utf-8")
    assert "&gt;&gt;&gt;" in api_html, "API examples not rendered"


def test_tutorial_notebook_executes(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(DOCS / "tutorial.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
