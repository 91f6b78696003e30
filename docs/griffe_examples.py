"""A griffe extension for the API reference: read regtext's docstrings as the project writes them.

regtext docstrings head their doctests ``Example:`` (singular), which griffe's Google parser
would render as an admonition full of ``>>>`` lines; this turns the heading into ``Examples:``
so they render as code. It also turns Sphinx roles (:class:`~regtext.model.Node`) into plain
code spans, since the site is not built with Sphinx.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_EXAMPLE = re.compile(r"^(\s*)Example:\s*$", re.M)
_ROLE = re.compile(r":(?:class|func|meth|mod|data|attr|exc|obj):`~?([^`]+)`")


def _short(m: re.Match) -> str:
    target = m.group(1)
    whole = m.group(0)
    return f"`{target.rsplit('.', 1)[-1]}`" if "`~" in whole else f"`{target}`"


class RegtextDocstrings(griffe.Extension):
    """Rewrite each docstring once, when griffe creates the object."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:  # noqa: D102
        if obj.docstring is not None:
            text = _EXAMPLE.sub(r"\1Examples:", obj.docstring.value)
            obj.docstring.value = _ROLE.sub(_short, text)
