"""Periods (years, quarters, months, five-year plans, year ranges) and Chinese numerals.

zh: 2023年, 2024年第一季度, 2024年3月, “十四五”时期, 2021—2025年;
en: 2023, Q1 2024, March 2024, the 14th Five-Year Plan period (2021–2025), 2021–2025.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_skeleton, get_month_names, get_quarter_names

from ..model import Lang, Period
from ..numerals import EN_NUMBER_WORDS, chinese_numeral, english_ordinal
from .numbers import EN_LOCALE, ZH_LOCALE, as_lang

ZH_RANGE_DASH = "\u2014"  # 一字线, as the source prints year ranges: 2021—2025年
EN_RANGE_DASH = "\u2013"  # en dash: 2021–2025

# --------------------------------------------------------------------------- plans


def plan_years(plan: int) -> tuple[int, int]:
    """First and last year of the n-th five-year plan: 1 → 1953–1957, 14 → 2021–2025.

    The 2nd plan ended in 1962 and the 3rd began in 1966 (1963–1965 was an
    adjustment period), so plans from the 3rd on start in 1966 + 5(n − 3).
    """
    if plan < 1:
        raise ValueError(f"five-year plans are numbered from 1, got {plan}")
    start = 1953 + 5 * (plan - 1) if plan <= 2 else 1966 + 5 * (plan - 3)
    return start, start + 4


def plan_name_zh(plan: int) -> str:
    """The short Chinese name of a plan: 14 → 十四五, 10 → 十五, 15 → 十五五."""
    return chinese_numeral(plan) + "五"


# --------------------------------------------------------------------------- periods


def _year(year: int, lang: Lang) -> str:
    locale = ZH_LOCALE if lang is Lang.ZH else EN_LOCALE
    return format_skeleton("y", dt.date(year, 1, 1), locale=locale)


def _month_name(month: int, lang: Lang) -> str:
    """March (CLDR's wide month name) / 3月 (as the source writes it, in digits)."""
    if lang is Lang.ZH:
        return f"{month}月"
    return str(get_month_names("wide", locale=EN_LOCALE)[month])


def _within_year(period: Period, lang: Lang) -> str:
    """The part of a period inside its year, without the year."""
    zh = lang is Lang.ZH
    if period.through_quarter is not None:
        return (f"前{chinese_numeral(period.through_quarter)}季度" if zh
                else f"the first {EN_NUMBER_WORDS[period.through_quarter]} quarters")
    if period.half is not None:
        return ("上半年", "下半年")[period.half - 1] if zh else \
            ("the first half", "the second half")[period.half - 1]
    assert period.month is not None
    month = _month_name(period.month, lang)
    if period.start_month is not None:
        if zh:
            return f"{period.start_month}{ZH_RANGE_DASH}{month}"
        return f"{_month_name(period.start_month, lang)}{EN_RANGE_DASH}{month}"
    if period.day is not None:
        return f"{month}{period.day}日" if zh else f"{period.day} {month}"
    if period.as_of_end:
        return f"截至{month}底" if zh else f"as of the end of {month}"
    return month


def _compact_en(period: Period) -> str | None:
    """The short English of a table's period column: Q1–Q3 2025, H1 2025, Jan–Sep 2025,
    end-Sep 2025, 30 Sep 2025, Sep 2025 (CLDR's abbreviated month names), 15th FYP
    (2026–2030)."""
    year = f" {period.year}" if period.year else ""
    if period.through_quarter is not None:
        return f"Q1{EN_RANGE_DASH}Q{period.through_quarter}{year}"
    if period.half is not None:
        return f"H{period.half}{year}"
    if period.plan is not None:  # the 15th Five-Year Plan period (2026–2030)
        start, end = plan_years(period.plan)
        return f"{english_ordinal(period.plan)} FYP ({start}{EN_RANGE_DASH}{end})"
    names = get_month_names("abbreviated", locale=EN_LOCALE)
    if period.start_month is not None and period.month is not None:
        return f"{names[period.start_month]}{EN_RANGE_DASH}{names[period.month]}{year}"
    if period.as_of_end and period.month is not None and period.day is None:
        return f"end-{names[period.month]}{year}"  # as of the end of September 2025
    if period.month is not None and period.day is not None:
        return f"{period.day} {names[period.month]}{year}"  # 30 Sep 2025
    if period.month is not None and period.year is not None and period.plan is None:
        return f"{names[period.month]}{year}"  # Sep 2025
    return None


def format_period(period: Period, lang: Lang | str, *, table: bool = False) -> str:
    """When a figure applies, as the language writes it (``table``: the short English a
    narrow period column takes: Q1–Q3 2024, H1 2024, Jan–Sep 2024).

    zh: 2023年, 2024年第一季度, 2024年前三季度, 2024年1—9月, 上半年, 8月12日,
    截至6月底, “十五五”时期; en: 2023, Q1 2024, the first three quarters of
    2024, January–September 2024, the first half, 12 August, as of the end of
    June, the 15th Five-Year Plan period (2026–2030).
    """
    language = as_lang(lang)
    zh = language is Lang.ZH
    if table and not zh and (compact := _compact_en(period)):
        return compact
    if period.plan is not None:
        if zh:
            return f"“{plan_name_zh(period.plan)}”时期"
        start, end = plan_years(period.plan)
        return (
            f"the {english_ordinal(period.plan)} Five-Year Plan period "
            f"({start}{EN_RANGE_DASH}{end})"
        )
    if period.start_year is not None and period.end_year is not None:
        if period.start_year == period.end_year:
            return _year(period.start_year, language)
        if zh:
            return f"{period.start_year}{ZH_RANGE_DASH}{_year(period.end_year, language)}"
        return f"{period.start_year}{EN_RANGE_DASH}{period.end_year}"
    if period.quarter is not None:
        # CLDR's yQQQQ skeleton gives 第1季度; the source writes the wide name 第一季度.
        if zh:
            quarter = get_quarter_names("wide", locale=ZH_LOCALE)[period.quarter]
            return (_year(period.year, language) if period.year else "") + quarter
        quarter = get_quarter_names("abbreviated", locale=EN_LOCALE)[period.quarter]
        return f"{quarter} {period.year}" if period.year else quarter
    if period.month is not None and period.year is not None and period.start_month is None \
            and period.day is None and not period.as_of_end:
        day = dt.date(period.year, period.month, 1)
        return format_skeleton("yMMMM", day, locale=ZH_LOCALE if zh else EN_LOCALE)
    if period.year is None:
        return _within_year(period, language)
    if all(v is None for v in (period.through_quarter, period.half, period.month)):
        return _year(period.year, language)
    within = _within_year(period, language)
    if zh:
        year = _year(period.year, language)
        return f"截至{year}{within[2:]}" if period.as_of_end else year + within
    if period.day is not None or period.month is not None and period.start_month is not None:
        return f"{within} {period.year}"
    if period.as_of_end:
        return f"{within} {period.year}"
    return f"{within} of {period.year}"
