"""Numbers written in words: Chinese numerals (十四, 两, 一万二千) and English
number words and ordinals (three, 14th, third); and a decimal as plain digits, as data
writes it. Pure functions, no locale data.
"""

from __future__ import annotations

from decimal import Decimal

from .units import ZH_SCALES

_ZH_DIGITS = "零一二三四五六七八九"
_DIGIT_VALUES = {ch: i for i, ch in enumerate(_ZH_DIGITS)} | {"〇": 0, "两": 2}
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000}
#: The one-character scales that close a section of a numeral (一万二千), largest first.
_SECTION_VALUES = tuple(sorted(((w, 10**e) for w, e in ZH_SCALES.items() if len(w) == 1),
                               key=lambda section: -section[1]))


def chinese_numeral(n: int, *, counting: bool = False) -> str:
    """A whole number from 1 to 9,999,999,999,999,999 in Chinese numerals.

    1 → 一, 10 → 十, 14 → 十四, 20 → 二十, 105 → 一百零五, 12000 → 一万二千,
    12,000,000,000 → 一百二十亿, 2,000,000,000,000 → 二万亿 (两万亿 counting).
    ``counting`` is the form before a measure word: 2 → 两 (两座), 2000 → 两千.
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n < 10**16:
        raise ValueError(f"chinese_numeral covers whole numbers 1 to 10^16 - 1, got {n!r}")
    high, low = divmod(n, 10**8)
    if high:
        head = _below_yi(high, counting, leading=True) + "亿"
        if not low:
            return head
        return head + ("零" if low < 10**7 else "") + _below_yi(low, counting, leading=False)
    return _below_yi(low, counting, leading=True)


def _below_yi(n: int, counting: bool, leading: bool) -> str:
    """1–99,999,999: a 万 section and the rest; ``leading``: the numeral's first part."""
    high, low = divmod(n, 10**4)
    if high:
        head = _section(high, counting, leading=leading) + "万"
        if not low:
            return head
        return head + ("零" if low < 1000 else "") + _section(low, counting, leading=False)
    return _section(low, counting, leading=leading)


def _section(n: int, counting: bool, leading: bool) -> str:
    """1–9999 without 万; ``leading``: the first section, where 一十 is written 十."""
    out, zero = "", False
    for size, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, size)
        if not digit:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        if digit == 1 and unit == "十" and not out and leading:
            out += "十"
        elif digit == 2 and counting and unit in ("千", "") and not out:
            out += "两" + unit
        else:
            out += _ZH_DIGITS[digit] + unit
    return out


_ROUND = {10: "十", 100: "百", 1000: "千", 10**4: "万", 10**8: "亿"}
#: A bare unit character stands for a round figure in words: 近百, 上千, 数十, 上万.
ROUND_VALUES = {word: n for n, word in _ROUND.items()}


def chinese_round_word(n: int) -> str | None:
    """The bare unit a round figure is written with in words: 百 (近百), 千 (上千),
    十 (数十), 万 (上万); None if ``n`` is not a power of ten from 10 up."""
    return _ROUND.get(n)


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


def english_ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd …"""
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


#: English words for small whole numbers, as prose spells them (one to nine, and tables
#: of words the check reads).
EN_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
)
#: English ordinal words: first … twentieth.
EN_ORDINAL_WORDS = (
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
)


def english_ordinal_word(n: int) -> str:
    """third, fourth … twentieth; 21st and up in digits."""
    return EN_ORDINAL_WORDS[n] if 0 < n < len(EN_ORDINAL_WORDS) else english_ordinal(n)


def plain_digits(value: Decimal) -> str:
    """A decimal as plain digits: no exponent, no trailing zeros, no separators, zero
    unsigned (8365000, 836.5, 0), as data writes it (a chart's cache, a draft's value)."""
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text
