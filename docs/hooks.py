"""MkDocs hooks: fill the generated parts of the docs from the installed package.

A page asks for generated content with an HTML comment on a line of its own:

- ``<!-- regtext:corpus -->``: the corpus table, from ``regtext.corpus()``;
- ``<!-- regtext:cli -->``: ``--help`` of ``regtext`` and of every subcommand;
- ``<!-- regtext:notebook tutorial.ipynb -->``: a notebook's cells and stored outputs.

Generating these at build time means the corpus and CLI pages cannot drift from the code.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from pathlib import Path

_MARKER = re.compile(r"^<!-- regtext:(\w+)\s*([^>]*?)\s*-->$", re.M)


def on_page_markdown(markdown: str, page, config, files) -> str:  # noqa: ANN001 - mkdocs API
    """Replace every ``<!-- regtext:... -->`` marker of a page with its generated text."""
    docs_dir = Path(config["docs_dir"])

    def fill(m: re.Match) -> str:
        what, arg = m.group(1), m.group(2)
        if what == "corpus":
            return corpus_table()
        if what == "cli":
            return cli_help()
        if what == "notebook":
            return notebook_markdown(docs_dir / arg)
        raise ValueError(f"{page.file.src_path}: unknown docs marker regtext:{what}")

    return _MARKER.sub(fill, markdown)


# -- corpus --------------------------------------------------------------------------------


def _cell(value) -> str:  # noqa: ANN001 - any catalog value
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (list, tuple)):
        value = "、".join(str(v) for v in value)
    return str(value).replace("|", "\\|").replace("\n", " ")


def corpus_table() -> str:
    """The shipped texts as a Markdown table plus one detail block per text."""
    import regtext

    df = regtext.corpus()
    counts = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for doc_id in df["id"]:
            counts[doc_id] = len(regtext.load(doc_id).articles)
    out = [
        "| id | title | type | status | verification | effective | articles |",
        "|---|---|---|---|---|---|---|",
    ]
    for rec in df.to_dict("records"):
        ver = rec.get("verification") or ""
        badge = f"**{ver}**" if ver != "complete" else ver
        out.append(
            f"| `{rec['id']}` | {_cell(rec['title'])} | {_cell(rec.get('doc_type'))} "
            f"| {_cell(rec.get('status'))} | {badge} | {_cell(rec.get('effective'))} "
            f"| {counts[rec['id']]} |"
        )
    out.append("")
    out.append("### Sources and verification, text by text")
    out.append("")
    for rec in df.to_dict("records"):
        names = [rec.get("short_title"), rec.get("english_title"), rec.get("abbreviation"),
                 *(rec.get("aliases") or [])]
        names = [n for n in dict.fromkeys(names) if n and n == n]
        out.append(f"#### `{rec['id']}`: {_cell(rec['title'])}")
        out.append("")
        out.append(f"- **Also called:** {_cell(names) or '—'}")
        out.append(f"- **Issued by:** {_cell(rec.get('issuers')) or '—'}"
                   f" ({_cell(rec.get('number')) or 'no document number'})")
        dates = ", ".join(f"{k} {_cell(rec.get(k))}" for k in ("adopted", "published",
                                                               "effective") if _cell(rec.get(k)))
        out.append(f"- **Dates:** {dates or '—'}")
        out.append(f"- **Status:** {_cell(rec.get('status'))}; **verification:** "
                   f"{_cell(rec.get('verification'))}"
                   + (f": {_cell(rec.get('verification_note'))}"
                      if _cell(rec.get("verification_note")) else ""))
        out.append(f"- **Source:** {_cell(rec.get('source'))}")
        if _cell(rec.get("translation")):
            out.append(f"- **Translation:** `{_cell(rec.get('translation'))}` "
                       "(see `regtext.translation()`)")
        out.append("")
    return "\n".join(out)


# -- CLI -----------------------------------------------------------------------------------


def cli_help() -> str:
    """``regtext --help`` and each subcommand's ``--help``, as code blocks."""
    from regtext.cli import COMMANDS, build_parser

    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal; keep the page stable
    parser = build_parser()
    out = ["```text", "$ regtext --help", parser.format_help().rstrip(), "```", ""]
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name in COMMANDS:
        if name not in sub.choices:
            continue
        out += [f"### `regtext {name}`", "", "```text", f"$ regtext {name} --help",
                sub.choices[name].format_help().rstrip(), "```", ""]
    return "\n".join(out)


# -- notebook ------------------------------------------------------------------------------


def _text(value) -> str:  # noqa: ANN001 - nbformat stores str or list of str
    return "".join(value) if isinstance(value, list) else str(value)


def _output(out: dict) -> str:
    if out.get("output_type") == "stream":
        return "```text\n" + _text(out.get("text", "")).rstrip() + "\n```"
    if out.get("output_type") == "error":
        return "```text\n" + f"{out.get('ename')}: {out.get('evalue')}" + "\n```"
    data = out.get("data", {})
    if "image/png" in data:
        png = _text(data["image/png"]).replace("\n", "")
        return f'<img alt="plot" src="data:image/png;base64,{png}">'
    if "text/html" in data:
        # raw HTML passes through Markdown untouched when it starts a block
        return '<div class="nb-output" markdown="0">\n' + _text(data["text/html"]) + "\n</div>"
    if "text/plain" in data:
        return "```text\n" + _text(data["text/plain"]).rstrip() + "\n```"
    return ""


def notebook_markdown(path: Path) -> str:
    """A notebook as Markdown: markdown cells verbatim, code cells fenced, outputs after them."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    parts = []
    for cell in nb.get("cells", []):
        src = _text(cell.get("source", "")).rstrip()
        if cell.get("cell_type") == "markdown":
            parts.append(src)
        elif cell.get("cell_type") == "code" and src:
            parts.append("```python\n" + src + "\n```")
            parts.extend(o for o in map(_output, cell.get("outputs", [])) if o)
    return "\n\n".join(parts)


if __name__ == "__main__":  # python docs/hooks.py: preview the generated sections
    print(corpus_table())
    print(cli_help())
