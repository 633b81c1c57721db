"""Statistics: a figure's value, unit, qualifier, kind and period."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from ..units import MEASURE_WORDS, UNITS, ZH_SCALES, Category
from .text import Model, Noun, Text

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_SCALED = re.compile(r"^([+-]?\d+(?:\.\d+)?)("
                     + "|".join(sorted(ZH_SCALES, key=len, reverse=True)) + ")$")


def _decimal(value: Any) -> Any:
    """Accept ints, decimals, plain decimal strings and '1308.3亿'-style strings."""
    if isinstance(value, bool):
        raise ValueError("expected a number, got true/false")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        s = value.strip()
        if _NUMBER.match(s):
            return Decimal(s)
        m = _SCALED.match(s)
        if m:
            return Decimal(m.group(1)) * Decimal(10) ** ZH_SCALES[m.group(2)]
        raise ValueError(
            f"malformed number {value!r}: write digits with a '.' for decimals and no "
            "separators, optionally followed by 万, 亿 or 万亿 (e.g. 1308.3亿 or 130830000000)"
        )
    raise ValueError(f"expected a number, got {type(value).__name__}")


def _finite(value: Decimal) -> Decimal:
    try:
        if not value.is_finite():
            raise ValueError("must be a finite number")
    except InvalidOperation:  # pragma: no cover - defensive
        raise ValueError("must be a finite number") from None
    return value


Number = Annotated[Decimal, BeforeValidator(_decimal), AfterValidator(_finite)]


class Qualifier(StrEnum):
    EXACT = "exact"
    ABOUT = "about"  # 约
    MORE_THAN = "more_than"  # 余 / 多 / 超过 / 突破
    NEARLY = "nearly"  # 近
    AT_LEAST = "at_least"  # 至少


#: How the source marks "more than": 余/多 follow the number, 超过/突破 precede it.
ZhMarker = Literal["余", "多", "超过", "突破", "逾"]


class Kind(StrEnum):
    LEVEL = "level"
    GROWTH = "growth"  # 增长 x%
    YOY_GROWTH = "yoy_growth"  # 同比增长 x%
    INCREASE = "increase"  # 提升/提高 x%
    SHARE = "share"  # 占 x%
    POINTS_CHANGE = "points_change"  # 提高 x 个百分点
    MULTIPLE = "multiple"  # x 倍
    FROM_TO = "from_to"  # 从 a 提高至 b


class Period(Model):
    """When a figure applies: a year, a quarter of a year, a month, a
    five-year-plan period, or a range of years."""

    year: int | None = Field(default=None, ge=1900, le=2200)
    quarter: int | None = Field(default=None, ge=1, le=4)
    month: int | None = Field(default=None, ge=1, le=12)
    plan: int | None = Field(default=None, ge=1, le=30, description="five-year plan, e.g. 14")
    start_year: int | None = Field(default=None, ge=1900, le=2200)
    end_year: int | None = Field(default=None, ge=1900, le=2200)

    @model_validator(mode="after")
    def _one_shape(self) -> Period:
        shapes = [
            self.year is not None,
            self.plan is not None,
            self.start_year is not None or self.end_year is not None,
        ]
        if sum(shapes) != 1:
            raise ValueError("give exactly one of: year (with optional quarter or month), "
                             "plan, or start_year and end_year")
        if (self.quarter or self.month) and self.year is None:
            raise ValueError("a quarter or month needs a year")
        if self.quarter and self.month:
            raise ValueError("give a quarter or a month, not both")
        if (self.start_year is None) != (self.end_year is None):
            raise ValueError("a range needs both start_year and end_year")
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValueError("end_year is before start_year")
        return self


class Statistic(Model):
    """One figure: a value with its unit, qualifier, period and kind."""

    value: Number
    unit: Literal[tuple(UNITS)]  # type: ignore[valid-type]
    measure_word: str | None = Field(
        default=None, description="Chinese measure word of a count: 家, 个, 项, 名, 台套, 件 ..."
    )
    noun: Noun | None = None
    qualifier: Qualifier = Qualifier.EXACT
    zh_marker: ZhMarker | None = Field(
        default=None, description="how the Chinese marks 'more than' (default 余)"
    )
    kind: Kind = Kind.LEVEL
    from_value: Number | None = Field(default=None, description="start value of a from_to change")
    period: Period | None = None
    significant_digits: int | None = Field(
        default=None, ge=1, le=15,
        description="round the value (half up) to this many significant digits before it is "
        "written, so both languages show the same rounded figure",
    )
    label: Text | None = Field(default=None, description="what the figure measures, for tables")

    @model_validator(mode="after")
    def _coherent(self) -> Statistic:
        unit = UNITS[self.unit]
        if unit.category is Category.COUNT:
            if not self.measure_word:
                raise ValueError("a count needs a measure_word (家, 个, 项, 名 ...)")
            if self.measure_word not in MEASURE_WORDS:
                raise ValueError(
                    f"unknown measure_word {self.measure_word!r}; known: "
                    + " ".join(sorted(MEASURE_WORDS))
                )
        elif self.measure_word:
            raise ValueError(f"measure_word is only for counts, not for unit {self.unit!r}")
        if unit.category is Category.COUNT and self.value < 0:
            raise ValueError(f"a count cannot be negative (got {self.value})")
        if unit.category is Category.COUNT and self.value != self.value.to_integral_value():
            raise ValueError(f"a count must be a whole number (got {self.value})")
        if self.kind is Kind.FROM_TO and self.from_value is None:
            raise ValueError("kind from_to needs from_value")
        if self.kind is not Kind.FROM_TO and self.from_value is not None:
            raise ValueError("from_value is only for kind from_to")
        if self.zh_marker and self.qualifier is not Qualifier.MORE_THAN:
            raise ValueError("zh_marker is only for qualifier more_than")
        return self
