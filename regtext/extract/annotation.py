"""HTML for notebooks: a text with its citations and norms highlighted.

``annotate(doc)`` renders every article with its clauses; citations become links (internal
ones jump to the cited node's ``eid`` anchor, external ones carry the corpus id and ref) and
norms found by :mod:`regtext.obligations` are marked by modality, their trigger word in bold.
The result is a ``str`` with ``_repr_html_``, so Jupyter shows it as HTML.

Example:
    >>> import regtext
    >>> html = annotate(regtext.load("csl"), refs=["59"])
    >>> 'href="#art_21"' in html and 'class="rt-norm rt-penalty"' in html
    True
"""

from __future__ import annotations

import html as _html
from collections.abc import Iterable
from importlib import resources
from typing import TYPE_CHECKING, Any

from .._guard import guard

if TYPE_CHECKING:  # pragma: no cover
    from ..text.model import Document


class AnnotatedHTML(str):
    """An HTML string that notebooks render (``_repr_html_``).

    Example:
        >>> AnnotatedHTML("<p>x</p>")._repr_html_()
        '<p>x</p>'
    """

    def _repr_html_(self) -> str:
        return str(self)


def _css() -> str:
    try:
        return (resources.files("regtext._data") / "annotate.css").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):  # pragma: no cover - a broken install still renders
        return ""


def _norm_rows(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """Norms per clause ref, from regtext.obligations when it is there."""
    from .norms import obligations

    out: dict[str, list[dict[str, Any]]] = {}
    # highlighting is optional: on a failure warn naming the document and show the text
    df = None
    with guard("annotate: obligations", doc.id or doc.title):
        df = obligations(doc)
    if df is None:
        return out
    for row in df.to_dict("records"):
        out.setdefault(str(row["ref"]), []).append(row)
    return out


def _render(text: str, cites: list[Any], norms: list[dict[str, Any]],
            eids: dict[str, str]) -> str:
    """``text`` with citation links and norm marks; overlapping layers are cut into runs."""
    n = len(text)
    layers: list[tuple[int, int, str, str]] = []  # start, end, open tag, close tag
    for row in norms:
        s, e = int(row.get("start") or 0), int(row.get("end") or 0)
        if not (0 <= s < e <= n) or text[s:e] != row.get("text"):
            continue  # offsets do not fit this text: leave it plain
        actor = row.get("actor") if isinstance(row.get("actor"), str) else ""
        tip = _html.escape(f"{row.get('modality')}: {actor or '—'}", quote=True)
        layers.append((s, e, f'<mark class="rt-norm rt-{row.get("modality")}" title="{tip}">',
                       "</mark>"))
        trig = row.get("trigger")
        if isinstance(trig, str) and trig:
            k = text.find(trig, s, e)
            if k >= 0:
                layers.append((k, k + len(trig), '<b class="rt-trigger">', "</b>"))
    seen = set()
    for c in cites:
        if not (0 <= c.start < c.end <= n):
            continue
        targets = [x for x in cites if (x.start, x.end) == (c.start, c.end)]
        if (c.start, c.end) in seen:
            continue
        seen.add((c.start, c.end))
        desc = ", ".join(f"{x.target_doc or x.target_title or '?'}"
                         f"{' ' + x.target_ref if x.target_ref else ''}" for x in targets)
        tip = _html.escape(f"{c.kind}: {desc}", quote=True)
        refs = " ".join(x.target_ref for x in targets if x.target_ref)
        href = ""
        if c.kind == "internal" and c.target_ref and c.target_ref in eids:
            href = f' href="#{eids[c.target_ref]}"'
        layers.append((c.start, c.end,
                       f'<a class="rt-cite rt-{c.kind}"{href} title="{tip}" '
                       f'data-target-doc="{_html.escape(c.target_doc or "", quote=True)}" '
                       f'data-target-ref="{_html.escape(refs, quote=True)}">',
                       "</a>"))
    if not layers:
        return _html.escape(text)
    return _nest(text, _laminar(layers), 0, n)


def _laminar(layers: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Split layers so any two either nest or do not touch (norms first, then links…).

    A later layer that crosses an earlier one is cut at the earlier one's edges, so the
    HTML stays well-formed and each tag opens and closes once per piece.
    """
    placed: list[tuple[int, int, str, str]] = []
    for layer in layers:  # in priority order: norm, trigger, citation as appended
        pieces = [layer]
        for s0, e0, _, _ in placed:
            split = []
            for s, e, o, c in pieces:
                cuts = sorted({s, e, *[x for x in (s0, e0) if s < x < e]})
                split.extend((a, b, o, c) for a, b in zip(cuts, cuts[1:]) if a < b)
            pieces = split
        placed.extend(pieces)
    return placed


def _nest(text: str, layers: list[tuple[int, int, str, str]], lo: int, hi: int) -> str:
    """Render ``text[lo:hi]`` with a laminar family of layers as nested tags."""
    order = sorted(layers, key=lambda x: (x[0], -(x[1] - x[0])))
    out, pos, i = [], lo, 0
    while i < len(order):
        s, e, o, c = order[i]
        inner = []
        j = i + 1
        while j < len(order) and order[j][0] < e:  # everything starting inside nests inside
            inner.append(order[j])
            j += 1
        out.append(_html.escape(text[pos:s]))
        out.append(f"{o}{_nest(text, inner, s, e)}{c}")
        pos, i = e, j
    out.append(_html.escape(text[pos:hi]))
    return "".join(out)


def annotate(doc: Document | str, refs: Iterable[str] | None = None,
             norms: bool = True) -> AnnotatedHTML:
    """HTML of ``doc`` (a Document, or plain clause text) with citations and norms marked.

    Args:
        doc: a parsed document, or a string (rendered as one clause, no resolution context).
        refs: only these articles (refs such as ``"59"``); all articles by default.
        norms: also mark norms (obligation, prohibition, permission, encouragement, penalty).

    Example:
        >>> html = annotate("依照前款规定处罚。", norms=False)
        >>> html.startswith('<div class="regtext-annotated">'), '>前款</a>规定' in html
        (True, True)
    """
    from ..extract.citing import find_all, find_citations
    from ..text.resolve import as_document  # a corpus id, alias or path works too

    doc = as_document(doc, allow_text=True)

    style = f"<style>{_css()}</style>"
    if isinstance(doc, str):
        body = _render(doc, find_citations(doc), _plain_norms(doc) if norms else [], {})
        return AnnotatedHTML(f'<div class="regtext-annotated">{style}<p>{body}</p></div>')
    wanted = None if refs is None else {str(r) for r in refs}
    by_ref: dict[str, list[Any]] = {}
    for c in find_all(doc):
        by_ref.setdefault(c.source_ref or "", []).append(c)
    norm_rows = _norm_rows(doc) if norms else {}
    eids = {node.ref: node.eid for node in doc}
    parts = [f'<div class="regtext-annotated">{style}']
    if doc.title:
        parts.append(f"<h3>{_html.escape(doc.title)}</h3>")
    for art in doc.articles:
        if wanted is not None and art.ref not in wanted:
            continue
        parts.append(f'<section class="rt-article" id="{art.eid}">'
                     f'<h4>{_html.escape(art.label)}</h4>')
        for node in art.walk():
            if node.kind not in ("paragraph", "item", "subitem"):
                continue
            own = node.own_text
            body = _render(own, by_ref.get(node.ref, []), norm_rows.get(node.ref, []), eids)
            parts.append(f'<p class="rt-{node.kind}" id="{node.eid}" data-ref="{node.ref}">'
                         f"{body}</p>")
        parts.append("</section>")
    parts.append("</div>")
    return AnnotatedHTML("".join(parts))


def _plain_norms(text: str) -> list[dict[str, Any]]:
    from .norms import find_norms

    out: list[dict[str, Any]] = []
    # highlighting is optional: on a failure warn naming the text and show it plain
    with guard("annotate: obligations", repr(text[:20])):
        out = [{"start": n.start, "end": n.end, "text": n.text, "modality": n.modality,
                "actor": n.actor, "trigger": n.trigger} for n in find_norms(text)]
    return out
