"""Defined short names: the one pattern for （以下简称…） and its kin, shared by every stage.

The markers (以下简称, 以下称, 以下统称) come from ``regtext/_data/rules/abbreviation-markers.tsv``.

Example:
    >>> [m.group("short") for m in abbreviation_re().finditer(
    ...     "生成式人工智能服务提供者（以下称“提供者”）和使用者（以下简称用户）")]
    ['提供者', '用户']
"""

from __future__ import annotations

import re
from functools import cache

from .. import rules

__all__ = ["abbreviation_re", "marker"]


@cache
def marker() -> str:
    """The regex for the markers themselves (以下简称|以下统称|以下称, optionally 为)."""
    return rules.alternation(rules.column("abbreviation-markers", "marker")) + "(?:为)?"


@cache
def abbreviation_re() -> re.Pattern[str]:
    """``（以下简称“X”）`` and kin; group ``short`` is the defined name, without quotes or 《》."""
    return re.compile(
        r"（" + marker() + r"[“\"「《]?(?P<short>[^（）《》“”\"「」\n]{1,30}?)[》”\"」]?）")
