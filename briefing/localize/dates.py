"""Dates that may be known only to the year or month, in each language."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_skeleton

from ..model import PartialDate

_LOCALE = {"zh": "zh_Hans_CN", "en": "en_GB"}


def format_partial_date(d: PartialDate, lang: str) -> str:
    """2024 → 2024年 / 2024; 2024-05 → 2024年5月 / May 2024; full dates in CLDR long form."""
    locale = _LOCALE[lang]
    if d.month is None:
        return format_skeleton("y", dt.date(d.year, 1, 1), locale=locale)
    if d.day is None:
        return format_skeleton("yMMMM", dt.date(d.year, d.month, 1), locale=locale)
    return format_date(dt.date(d.year, d.month, d.day), format="long", locale=locale)
