"""Periods (years, quarters, months, five-year plans, year ranges) and Chinese numerals.

zh: 2023年, 2024年第一季度, 2024年3月, “十四五”时期, 2021—2025年;
en: 2023, Q1 2024, March 2024, the 14th Five-Year Plan period (2021–2025), 2021–2025.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_skeleton, get_quarter_names

from ..model import Lang, Period
from ..units import ZH_SCALES
from .numbers import EN_LOCALE, ZH_LOCALE, as_lang

ZH_RANGE_DASH = "\u2014"  # 一字线, as the source prints year ranges: 2021—2025年
EN_RANGE_DASH = "\u2013"  # en dash: 2021–2025

# --------------------------------------------------------------------------- Chinese numerals

_ZH_DIGITS = "零一二三四五六七八九"
_DIGIT_VALUES = {ch: i for i, ch in enumerate(_ZH_DIGITS)} | {"〇": 0, "两": 2}
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000}
#: The one-character scales that close a section of a numeral (一万二千), largest first.
_SECTION_VALUES = tuple(sorted(((w, 10**e) for w, e in ZH_SCALES.items() if len(w) == 1),
                               key=lambda section: -section[1]))


def chinese_numeral(n: int) -> str:
    """1–99 in Chinese numerals: 1 → 一, 10 → 十, 14 → 十四, 20 → 二十, 99 → 九十九."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 99:
        raise ValueError(f"chinese_numeral covers whole numbers 1 to 99, got {n!r}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _ZH_DIGITS[ones]
    head = "十" if tens == 1 else _ZH_DIGITS[tens] + "十"
    return head + (_ZH_DIGITS[ones] if ones else "")


def parse_chinese_numeral(text: str) -> int:
    """The value of a Chinese numeral: 十四 → 14, 两 → 2, 一百零五 → 105.

    Reads 零/〇, 一…九, 两, 十, 百, 千 and the sections 万 and 亿 (一万二千 →
    12000); a leading 十 means 一十 (十四); a digit right after 百/千/万/亿
    with no 零 is the usual abbreviation (一百五 → 150, 两千五 → 2500); a
    run of bare digits reads digit by digit (二〇二四 → 2024). Anything else
    is a ValueError.
    """
    s = text.strip()
    if not s:
        raise ValueError("empty Chinese numeral")
    try:
        if len(s) > 1 and all(ch in _DIGIT_VALUES for ch in s):
            if _DIGIT_VALUES[s[0]] == 0:
                raise ValueError("a number cannot start with 零")
            return int("".join(str(_DIGIT_VALUES[ch]) for ch in s))
        return _parse(s)
    except ValueError as exc:
        raise ValueError(f"malformed Chinese numeral {text!r}: {exc}") from None


def _parse(s: str) -> int:
    for char, size in _SECTION_VALUES:
        if char in s:
            head, _, tail = s.rpartition(char)
            if not head:
                raise ValueError(f"{char} needs a number before it")
            high = _parse(head)
            if len(tail) == 1 and _DIGIT_VALUES.get(tail):
                return high * size + _DIGIT_VALUES[tail] * size // 10  # 一万二 = 12000
            low = _parse(tail.lstrip("零〇")) if tail.lstrip("零〇") else 0
            if low >= size:
                raise ValueError(f"too large a number after {char}")
            return high * size + low
    return _parse_section(s)


def _parse_section(s: str) -> int:
    """A number below 10000, without 万/亿."""
    total, digit, last_unit, after_zero = 0, None, 10**4, False
    for ch in s:
        if ch in _DIGIT_VALUES:
            if digit is not None:
                raise ValueError(f"two digits in a row at {ch!r}")
            if _DIGIT_VALUES[ch] == 0:
                if len(s) == 1:
                    return 0
                if total == 0:
                    raise ValueError("a number cannot start with 零")
                after_zero = True
                continue
            digit = _DIGIT_VALUES[ch]
        elif ch in _UNIT_VALUES:
            unit = _UNIT_VALUES[ch]
            if unit >= last_unit:
                raise ValueError(f"{ch} out of order")
            if digit is None:
                if ch != "十" or (total and not after_zero):
                    raise ValueError(f"{ch} needs a digit before it")
                digit = 1  # 十四, 一千零十
            total += digit * unit
            digit, last_unit, after_zero = None, unit, False
        else:
            raise ValueError(f"unexpected character {ch!r}")
    if digit is not None:
        abbreviated = last_unit in (100, 1000) and not after_zero
        total += digit * last_unit // 10 if abbreviated else digit
    return total


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


def english_ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd …"""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def plan_name_zh(plan: int) -> str:
    """The short Chinese name of a plan: 14 → 十四五, 10 → 十五, 15 → 十五五."""
    return chinese_numeral(plan) + "五"


# --------------------------------------------------------------------------- periods


def _year(year: int, lang: Lang) -> str:
    locale = ZH_LOCALE if lang is Lang.ZH else EN_LOCALE
    return format_skeleton("y", dt.date(year, 1, 1), locale=locale)


def format_period(period: Period, lang: Lang | str) -> str:
    """When a figure applies, as the language writes it."""
    language = as_lang(lang)
    zh = language is Lang.ZH
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
    assert period.year is not None  # the model allows no other shape
    if period.quarter is not None:
        # CLDR's yQQQQ skeleton gives 第1季度; the source writes the wide name 第一季度.
        if zh:
            quarter = get_quarter_names("wide", locale=ZH_LOCALE)[period.quarter]
            return _year(period.year, language) + quarter
        quarter = get_quarter_names("abbreviated", locale=EN_LOCALE)[period.quarter]
        return f"{quarter} {period.year}"
    if period.month is not None:
        day = dt.date(period.year, period.month, 1)
        return format_skeleton("yMMMM", day, locale=ZH_LOCALE if zh else EN_LOCALE)
    return _year(period.year, language)
