"""What changed around the articles: title, issuers, dates, chapters and counts.

Catalog records (``doc.meta``) are used when the document has them; otherwise what the text
itself says: the closing article's 本办法自…起施行 gives the effective date. Nothing is guessed
from outside the two documents.

Example:
    >>> import regtext
    >>> old = regtext.parse("第一条 甲应当登记。\\n\\n第二条 本办法自2023年1月1日起施行。",
    ...                     title="甲办法")
    >>> new = regtext.parse("第一章 总则\\n\\n第一条 甲应当登记。\\n\\n第二章 附则\\n\\n"
    ...                     "第二条 本办法自2024年3月1日起施行。", title="甲暂行办法")
    >>> m = compare_metadata(old, new)
    >>> m["title"]["inserted"], m["effective"]["new"], m["chapters"]["added"]
    (['暂行'], '2024年3月1日', ['总则', '附则'])
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from typing import Any

from ..text.model import Document

__all__ = ["compare_metadata", "effective_date"]

_EFFECTIVE_RE = re.compile(
    r"本(?:办法|法|规定|条例|细则|规则|决定|解释|意见|通知|准则)[^。]{0,12}?自"
    r"([^。，；]{2,30}?)起(?:施行|实施|生效)")
_DATES = ("adopted", "published", "effective")


def effective_date(doc: Document) -> str | None:
    """The effective date: the catalog's, else the text's own 自…起施行 (last one wins, as
    the closing article comes last); ``None`` when neither says.

    Example:
        >>> import regtext
        >>> effective_date(regtext.parse("第一条 本规定自2022年3月1日起施行。"))
        '2022年3月1日'
        >>> effective_date(regtext.parse("第一条 甲应当登记。")) is None
        True
    """
    if doc.meta.get("effective"):
        return str(doc.meta["effective"])
    found = None
    for art in doc.articles[-3:]:
        for m in _EFFECTIVE_RE.finditer(art.text):
            found = m.group(1).strip()
    return found


def _issuers(doc: Document) -> list[str]:
    raw = doc.meta.get("issuers") or []
    if isinstance(raw, str):  # one issuer, or several joined by 、 or ;
        raw = re.split(r"[、;；,，]\s*", raw)
    return [str(i).strip() for i in raw if str(i).strip()]


def _chapters(doc: Document) -> list[str]:
    return [n.heading or n.label for n in doc if n.kind == "chapter"]


def _norm_counts(doc: Document) -> dict[str, dict[str, int]]:
    """Norms by actor, then modality (``regtext.obligations``)."""
    from .. import obligations

    try:
        df = obligations(doc)
    except (ValueError, KeyError):  # a document without articles has no norms table
        return {}
    out: dict[str, Counter] = {}
    for actor, modality in zip(df["actor"], df["modality"]):
        name = actor if isinstance(actor, str) and actor else "—"  # no actor: NaN/None
        out.setdefault(name, Counter())[str(modality)] += 1
    return {a: dict(sorted(c.items())) for a, c in sorted(out.items())}


def compare_metadata(old: Document, new: Document, norms: bool = True) -> dict[str, Any]:
    """Title, issuers, dates, effective date, chapters and counts of the two versions.

    Keys: ``title`` (old, new, inserted and deleted words), ``issuers`` (old, new, added,
    removed), ``dates`` (adopted/published/effective per side, from the catalog),
    ``effective`` (old, new), ``chapters`` (old, new, added, removed headings),
    ``articles`` (old, new counts) and, with ``norms``, ``norms`` (per side: actor →
    modality → count).
    """
    # titles by character: 办法 → 暂行办法 inserts 暂行, a word-snapped redline would not say
    sm = difflib.SequenceMatcher(None, old.title or "", new.title or "", autojunk=False)
    title_ops = [(old.title[i1:i2], new.title[j1:j2])
                 for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"]
    oi, ni = _issuers(old), _issuers(new)
    oc, nc = _chapters(old), _chapters(new)
    out: dict[str, Any] = {
        "title": {"old": old.title, "new": new.title, "changed": old.title != new.title,
                  "inserted": [n for _, n in title_ops if n],
                  "deleted": [o for o, _ in title_ops if o]},
        "issuers": {"old": oi, "new": ni, "added": [i for i in ni if i not in oi],
                    "removed": [i for i in oi if i not in ni]},
        "dates": {"old": {k: old.meta.get(k) or None for k in _DATES},
                  "new": {k: new.meta.get(k) or None for k in _DATES}},
        "effective": {"old": effective_date(old), "new": effective_date(new)},
        "status": {"old": old.meta.get("status"), "new": new.meta.get("status")},
        "chapters": {"old": oc, "new": nc, "added": [c for c in nc if c not in oc],
                     "removed": [c for c in oc if c not in nc]},
        "articles": {"old": len(old.articles), "new": len(new.articles)},
    }
    if norms:
        out["norms"] = {"old": _norm_counts(old), "new": _norm_counts(new)}
    return out
