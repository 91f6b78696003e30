"""The catalog's schema: one frozen record per shipped text, checked when the catalog loads.

``corpus/catalog.json`` is edited by hand, so every record is checked on load: known keys only,
every required key present, allowed values for ``status``, ``doc_type`` and ``verification``,
ISO dates, and the text (and translation) file present. A mistake raises :class:`CatalogError`
naming the record and the field, instead of surfacing later as a wrong answer.

Example:
    >>> rec = CatalogRecord.from_dict(dict(EXAMPLE))
    >>> rec.id, rec.verification, rec.aliases
    ('demo', 'complete', ('示例法',))
    >>> try:
    ...     CatalogRecord.from_dict({**EXAMPLE, "status": "inforce"})
    ... except CatalogError as exc:
    ...     print(exc)
    catalog record 'demo': field 'status': 'inforce' is not one of 'amended', 'draft',
    'in force', 'repealed'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, fields
from typing import Any

#: Allowed values of the enumerated fields.
STATUS = ("in force", "amended", "repealed", "draft")
DOC_TYPES = ("law", "administrative regulation", "departmental rule", "judicial interpretation",
             "local regulation", "draft")
#: ``complete``: the whole text, checked against a full source; ``single-source``: the whole
#: text, but from one source that nothing independent has confirmed yet; ``partial``: parts
#: missing or unverified (the note says which). Only ``complete`` loads without a warning.
VERIFICATION = ("complete", "single-source", "partial")

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_REF = re.compile(r"^\d+(?:-\d+)?$")

#: A record with every required field, for examples and tests.
EXAMPLE: Mapping[str, Any] = {
    "id": "demo", "file": "demo.md", "title": "中华人民共和国示例法", "short_title": "示例法",
    "aliases": ["示例法"], "english_title": "Demo Law", "abbreviation": "DL",
    "issuers": ["全国人民代表大会常务委员会"], "doc_type": "law", "number": "",
    "adopted": "2020-01-01", "published": "2020-01-01", "effective": "2020-06-01",
    "status": "in force", "source": "made up for the example", "verification": "complete",
    "verification_note": "",
}


class CatalogError(ValueError):
    """A catalog record that breaks the schema; the message names the record and the field."""


@dataclass(frozen=True)
class Translation:
    """A parallel translation shipped with a text."""

    file: str
    language: str
    by: str
    license: str


@dataclass(frozen=True)
class CatalogRecord:
    """One shipped text as the catalog describes it (see ``corpus/README.md``)."""

    id: str
    file: str
    title: str
    short_title: str
    aliases: tuple[str, ...]
    english_title: str
    abbreviation: str
    issuers: tuple[str, ...]
    doc_type: str
    number: str
    adopted: str
    published: str
    effective: str
    status: str
    source: str
    verification: str
    verification_note: str
    status_note: str = ""
    #: the title of the whole instrument when the text is one part of it (a book of a code)
    part_of: str = ""
    translation: Translation | None = None
    unverified_articles: tuple[str, ...] = ()
    missing_articles: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any],
                  exists: Callable[[str], bool] | None = None) -> CatalogRecord:
        """Check one raw catalog record and build it; ``exists(file)`` checks the files.

        Raises:
            CatalogError: naming the record and the field at fault.
        """
        if not isinstance(raw, Mapping):
            raise CatalogError(f"catalog record {raw!r}: not an object")
        name = raw.get("id", "<no id>")

        def fail(field: str, why: str) -> CatalogError:
            return CatalogError(f"catalog record {name!r}: field {field!r}: {why}")

        known = {f.name: f for f in fields(cls)}
        for key in raw:
            if key not in known:
                raise fail(key, f"unknown field (known: {', '.join(sorted(known))})")
        for f in fields(cls):
            if f.default is MISSING and f.name not in raw:  # no default: required
                raise fail(f.name, "missing")
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key in ("aliases", "issuers", "unverified_articles", "missing_articles"):
                if not isinstance(value, list) or not all(isinstance(v, str) and v
                                                          for v in value):
                    raise fail(key, f"must be a list of non-empty strings, not {value!r}")
                values[key] = tuple(value)
            elif key == "translation":
                values[key] = _translation(value, fail) if value else None
            elif not isinstance(value, str):
                raise fail(key, f"must be a string, not {type(value).__name__}")
            else:
                values[key] = value
        rec = cls(**values)
        rec._check(fail, exists)
        return rec

    def _check(self, fail: Callable[[str, str], CatalogError],
               exists: Callable[[str], bool] | None) -> None:
        if not _ID.match(self.id):
            raise fail("id", f"{self.id!r} is not a lower-case slug like 'anti-monopoly'")
        for field in ("file", "title", "source"):
            if not getattr(self, field).strip():
                raise fail(field, "empty")
        for field, allowed in (("status", STATUS), ("doc_type", DOC_TYPES),
                               ("verification", VERIFICATION)):
            value = getattr(self, field)
            if value not in allowed:
                raise fail(field, f"{value!r} is not one of "
                           + ", ".join(repr(a) for a in sorted(allowed)))
        for field in ("adopted", "published", "effective"):
            value = getattr(self, field)
            if value and not _DATE.match(value):
                raise fail(field, f"{value!r} is not an ISO date (YYYY-MM-DD) or empty")
        if not (self.published or self.adopted):
            raise fail("published", "a text needs a published or an adopted date")
        if self.verification != "complete" and not self.verification_note.strip():
            raise fail("verification_note", f"a {self.verification!r} text must say why")
        for field in ("unverified_articles", "missing_articles"):
            bad = [r for r in getattr(self, field) if not _REF.match(r)]
            if bad:
                raise fail(field, f"{bad[0]!r} is not an article number such as '12'")
        if exists is not None:
            if not exists(self.file):
                raise fail("file", f"{self.file!r} is not in the corpus folder")
            if self.translation is not None and not exists(self.translation.file):
                raise fail("translation", f"{self.translation.file!r} is not in the corpus folder")


def _translation(value: Any, fail: Callable[[str, str], CatalogError]) -> Translation:
    if not isinstance(value, Mapping):
        raise fail("translation", f"must be an object, not {value!r}")
    need = {f.name for f in fields(Translation)}
    if set(value) != need or not all(isinstance(v, str) and v for v in value.values()):
        raise fail("translation", f"needs exactly the non-empty strings {sorted(need)}")
    return Translation(**value)


def check_catalog(raw: Any, exists: Callable[[str], bool] | None = None
                  ) -> tuple[CatalogRecord, ...]:
    """Check a whole catalog (a list of records): each record, and ids and files unique.

    Example:
        >>> check_catalog([dict(EXAMPLE), dict(EXAMPLE)])
        Traceback (most recent call last):
        ...
        regtext.corpus.schema.CatalogError: catalog record 'demo': field 'id': used twice
    """
    if not isinstance(raw, list):
        raise CatalogError("catalog.json must hold a list of records")
    out = tuple(CatalogRecord.from_dict(r, exists) for r in raw)
    seen: dict[str, set[str]] = {"id": set(), "file": set()}
    for rec in out:
        for field, used in seen.items():
            value = getattr(rec, field)
            if value in used:
                raise CatalogError(f"catalog record {rec.id!r}: field {field!r}: used twice")
            used.add(value)
    return out
