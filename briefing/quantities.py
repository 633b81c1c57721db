"""The grammar of quantities in Chinese economic news: one home for how a
quantity is written, read by the model (a statistic's value as the source
prints it), the localisation (rendering) and the check (recognising figures
in free text).

A quantity is a value (or a range of two), a scale (万/亿/万亿), a unit or a
measure word, a qualifier with the marker the source uses (约, 近, 超过, 余,
以上, 左右, 不到 …), and a notation: digits (3618.4万吨), tenths (八成),
a fraction (三分之二) or numerals in words (近百, 两座).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, Literal

from .numerals import ROUND_VALUES, parse_chinese_numeral
from .units import ZH_SCALES, Unit


class Qualifier(StrEnum):
    EXACT = "exact"
    ABOUT = "about"  # 约 / 左右
    MORE_THAN = "more_than"  # 余 / 多 / 超 / 超过 / 逾 / 以上 / 突破 / 上 / 过
    NEARLY = "nearly"  # 近
    AT_LEAST = "at_least"  # 至少 / 不少于
    LESS_THAN = "less_than"  # 不到 / 不足
    SEVERAL = "several"  # 数十, 数百: dozens, hundreds


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"


class Basis(StrEnum):
    """What a change is measured against."""

    YEAR_ON_YEAR = "year_on_year"  # 同比
    PERIOD_ON_PERIOD = "period_on_period"  # 环比: month on month, or quarter on quarter
    YEAR_END = "year_end"  # 较上年末


class Notation(StrEnum):
    """How the Chinese writes the number."""

    DIGITS = "digits"  # 3618.4万
    WORDS = "words"  # 近百, 两座, 三大
    TENTHS = "tenths"  # 八成 (a percentage in tenths)
    FRACTION = "fraction"  # 三分之二


Position = Literal["before", "inside", "after"]

#: Every Chinese qualifier marker: what it means and where it stands.
#: ``inside`` markers (余/多) sit between the number and the scale or measure word.
ZH_MARKERS: dict[str, tuple[Qualifier, Position]] = {
    "约": (Qualifier.ABOUT, "before"),
    "左右": (Qualifier.ABOUT, "after"),
    "近": (Qualifier.NEARLY, "before"),
    "超过": (Qualifier.MORE_THAN, "before"),
    "超": (Qualifier.MORE_THAN, "before"),
    "逾": (Qualifier.MORE_THAN, "before"),
    "突破": (Qualifier.MORE_THAN, "before"),
    "上": (Qualifier.MORE_THAN, "before"),  # 上千: numerals in words only
    "过": (Qualifier.MORE_THAN, "before"),  # 过半
    "以上": (Qualifier.MORE_THAN, "after"),
    "余": (Qualifier.MORE_THAN, "inside"),
    "多": (Qualifier.MORE_THAN, "inside"),
    "至少": (Qualifier.AT_LEAST, "before"),
    "不少于": (Qualifier.AT_LEAST, "before"),
    "不到": (Qualifier.LESS_THAN, "before"),
    "不足": (Qualifier.LESS_THAN, "before"),
    "数": (Qualifier.SEVERAL, "before"),
}
#: The marker a qualifier gets when the content names none.
DEFAULT_ZH_MARKER: dict[Qualifier, str] = {
    Qualifier.ABOUT: "约",
    Qualifier.NEARLY: "近",
    Qualifier.MORE_THAN: "余",
    Qualifier.AT_LEAST: "至少",
    Qualifier.LESS_THAN: "不到",
    Qualifier.SEVERAL: "数",
}
#: How the English writes each qualifier before a figure.
EN_QUALIFIERS: dict[Qualifier, str] = {
    Qualifier.ABOUT: "about",
    Qualifier.NEARLY: "nearly",
    Qualifier.MORE_THAN: "more than",
    Qualifier.AT_LEAST: "at least",
    Qualifier.LESS_THAN: "less than",
}
#: The verbs of a change before its figure (同比增长6.2%, 回落0.8个百分点) and the way each
#: goes: the one list the check and ingest read.
ZH_CHANGE_VERBS: dict[str, Direction] = {
    **dict.fromkeys(("增长", "增加", "提高", "提升", "上升", "上涨", "延长", "扩大", "攀升"),
                    Direction.UP),
    **dict.fromkeys(("下降", "减少", "回落", "降低", "下滑", "缩短", "缩小", "下跌", "收窄"),
                    Direction.DOWN),
}
#: Range marks between two bounds: 3至5年, 15%—20%.
ZH_RANGE_MARKS = ("至", "到", "—", "～", "~", "-", "–")
RangeMark = Literal["至", "到", "—", "～"]

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_NUM = r"\d+(?:\.\d+)?"
_SCALE = "|".join(sorted(ZH_SCALES, key=len, reverse=True))
_BEFORE = "|".join(sorted((m for m, (_, p) in ZH_MARKERS.items() if p == "before"),
                          key=len, reverse=True))
_AFTER = "|".join(sorted((m for m, (_, p) in ZH_MARKERS.items() if p == "after"),
                         key=len, reverse=True))
_DIGITS_FORM = re.compile(
    rf"^(?P<pre>{_BEFORE})?(?P<num>{_NUM})(?P<in1>余|多)?(?P<scale>{_SCALE})?(?P<in2>余|多)?"
    rf"(?P<word>[^\d\s]*?)(?P<post>{_AFTER})?$")
_TENTHS = re.compile(
    rf"^(?P<pre>{_BEFORE})?(?P<num>[一二三四五六七八九十])成(?P<post>{_AFTER}|多)?$")
_FRACTION = re.compile(rf"^(?P<pre>{_BEFORE})?(?P<den>[一二三四五六七八九十百]+)分之"
                       rf"(?P<num>[一二三四五六七八九十]+)(?P<post>{_AFTER})?$")
_HALF = re.compile(r"^(?P<pre>过|近|超过)?半$")
_WORDS = re.compile(rf"^(?P<pre>{_BEFORE})?(?P<num>[{_CN_DIGITS}]+?)(?P<in>余|多)?"
                    rf"(?P<word>[^{_CN_DIGITS}\d]*?)(?P<post>{_AFTER})?$")


class QuantitySyntaxError(ValueError):
    """A quantity written in a way the grammar does not know."""


def unit_by_word(word: str, units: Mapping[str, Unit]) -> tuple[Unit, str] | None:
    """The unit a Chinese word names, and the word (千瓦时 → kwh, 千瓦时); a unit's
    counter before it is the unit's usual form (个百分点 → percentage_point, 百分点)."""
    for unit in units.values():
        if word and word in unit.zh_words:
            return unit, word
        if unit.zh_counter and word.startswith(unit.zh_counter) and \
                word[len(unit.zh_counter):] in unit.zh_words:
            return unit, word[len(unit.zh_counter):]
    return None


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the patterns admit digits only
        raise QuantitySyntaxError(f"not a number: {text!r}") from None


def _marker_fields(*markers: str | None) -> dict[str, Any]:
    found = [m for m in markers if m]
    if len(found) > 1:
        raise QuantitySyntaxError(f"two qualifiers: {' and '.join(found)}")
    if not found:
        return {}
    qualifier, _ = ZH_MARKERS[found[0]]
    return {"qualifier": qualifier.value, "zh_marker": found[0]}


def _unit_fields(word: str, units: Mapping[str, Unit]) -> dict[str, Any]:
    """unit / zh_unit / measure_word for the word after a number."""
    if not word:
        return {}
    hit = unit_by_word(word, units)
    if hit:
        unit, written = hit
        out: dict[str, Any] = {"unit": unit.id}
        if written != unit.zh:
            out["zh_unit"] = written
        return out
    if re.fullmatch(r"[\u4e00-\u9fff]{1,3}", word):
        return {"unit": "count", "measure_word": word}
    raise QuantitySyntaxError(f"unknown unit {word!r}")


def _one(text: str, units: Mapping[str, Unit]) -> dict[str, Any]:
    """One bound: digits with scale, unit and markers."""
    m = _DIGITS_FORM.match(text)
    if not m:
        raise QuantitySyntaxError(f"cannot read {text!r}")
    value = _decimal(m.group("num"))
    out: dict[str, Any] = {}
    if m.group("scale"):
        value *= Decimal(10) ** ZH_SCALES[m.group("scale")]
        out["zh_scale"] = m.group("scale")  # the source's notation, kept in Chinese
    out["value"] = value
    out |= _marker_fields(m.group("pre"), m.group("in1") or m.group("in2"), m.group("post"))
    out |= _unit_fields(m.group("word"), units)
    return out


def parse_zh(text: str, units: Mapping[str, Unit]) -> dict[str, Any]:
    """Statistic fields for a quantity as the Chinese source prints it.

    ``"3618.4万吨"`` → value 36184000, unit tonne; ``"近九成"`` → 90, percent,
    nearly, tenths; ``"3至5年"`` → 3 to 5 years; ``"三分之二"`` → a fraction;
    ``"近百"`` → nearly 100 in words; ``"40余家"`` → more than 40, a count in 家.
    Raises :class:`QuantitySyntaxError` with a reason.
    """
    try:
        return _parse_zh(text.strip(), units)
    except QuantitySyntaxError:
        raise
    except ValueError as exc:  # 千万 (millions of), 百分之十二: a numeral it does not read
        raise QuantitySyntaxError(str(exc)) from None


def _parse_zh(s: str, units: Mapping[str, Unit]) -> dict[str, Any]:
    if not s:
        raise QuantitySyntaxError("empty quantity")
    if m := _TENTHS.match(s):
        out = {"value": Decimal(parse_chinese_numeral(m.group("num")) * 10), "unit": "percent",
               "notation": Notation.TENTHS.value}
        return out | _marker_fields(m.group("pre"), m.group("post"))
    if m := _FRACTION.match(s):
        num, den = parse_chinese_numeral(m.group("num")), parse_chinese_numeral(m.group("den"))
        if not 0 < num < den:
            raise QuantitySyntaxError(f"{s!r} is not a proper fraction")
        return {"value": Decimal(num), "denominator": den, "unit": "fraction",
                "notation": Notation.FRACTION.value} | _marker_fields(m.group("pre"),
                                                                      m.group("post"))
    if m := _HALF.match(s):
        return {"value": Decimal(1), "denominator": 2, "unit": "fraction",
                "notation": Notation.FRACTION.value} | _marker_fields(m.group("pre"))
    for mark in ZH_RANGE_MARKS:
        head, sep, tail = s.partition(mark)
        if sep and head and tail and re.search(r"\d", head) and re.search(r"\d", tail):
            low, high = _one(head, units), _one(tail, units)
            shared = {k: v for k, v in high.items() if k != "value"}
            if low.get("unit", shared.get("unit")) != shared.get("unit") or \
                    (low.keys() - {"value", "unit", "zh_unit", "zh_scale"}):
                raise QuantitySyntaxError(f"the two bounds of {s!r} differ in kind")
            if high["value"] <= low["value"]:
                raise QuantitySyntaxError(f"the range {s!r} does not rise")
            canonical = "—" if mark in ("-", "–", "—") else ("～" if mark == "~" else mark)
            return {**shared, "value": low["value"], "upper": high["value"],
                    "range_mark": canonical}
    if re.match(rf"^({_BEFORE})?\d", s):
        return _one(s, units)
    if m := _WORDS.match(s):
        word = m.group("num")
        value = ROUND_VALUES.get(word) or parse_chinese_numeral(word)
        out = {"value": Decimal(value), "notation": Notation.WORDS.value}
        out |= _marker_fields(m.group("pre"), m.group("in"), m.group("post"))
        out |= _unit_fields(m.group("word"), units)
        return out
    raise QuantitySyntaxError(f"cannot read {s!r} as a quantity")
