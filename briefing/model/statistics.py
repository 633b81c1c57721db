"""Statistics: a figure's value, unit, qualifier, kind and period."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    GetJsonSchemaHandler,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from ..errors import excerpt
from ..quantities import (
    ZH_MARKERS,
    Basis,
    Direction,
    Notation,
    Qualifier,
    QuantitySyntaxError,
    RangeMark,
    parse_zh,
)
from ..script import has_chinese
from ..units import BUILTIN_UNIT_IDS, UNITS, ZH_SCALES, Category
from .text import Id, Model, NonEmpty, Noun, Text

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_EXPONENT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$")
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
        if _EXPONENT.match(s):  # what YAML or JSON could not hold (1.0e-99999999999999999999)
            try:
                return Decimal(s)
            except InvalidOperation:
                raise ValueError(f"{excerpt(s)} is out of range: {_RANGE}") from None
        m = _SCALED.match(s)
        if m:
            return Decimal(m.group(1)) * Decimal(10) ** ZH_SCALES[m.group(2)]
        try:
            parse_zh(s, UNITS)
            reason = ""
        except QuantitySyntaxError as exc:
            reason = f" ({excerpt(exc, 80)})"
        raise ValueError(
            f"malformed number '{excerpt(value)}'{reason}: write digits with a '.' for "
            "decimals and no separators, optionally followed by 万, 亿 or 万亿 (e.g. 1308.3亿 or "
            "130830000000), "
            "or the whole figure as the source prints it (3618.4万吨, 近九成, 3至5年)"
        )
    raise ValueError(f"expected a number, got {type(value).__name__}")


#: The largest figure a statistic holds (10^16: above any economy's output in yuan) and
#: the most decimals it keeps; beyond them a value is a typing mistake, not a figure.
MAX_MAGNITUDE = Decimal(10) ** 16
MAX_DECIMALS = 10
_RANGE = f"a statistic holds figures below 10^16 with at most {MAX_DECIMALS} decimals"


def _finite(value: Decimal) -> Decimal:
    try:
        if not value.is_finite():
            raise ValueError("must be a finite number")
    except InvalidOperation:  # pragma: no cover - defensive
        raise ValueError("must be a finite number") from None
    # by the exponent: arithmetic on a huge Decimal overflows the context
    if not value.is_zero() and value.adjusted() >= MAX_MAGNITUDE.adjusted():
        raise ValueError(f"{excerpt(value)} is out of range: {_RANGE}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMALS and value != value.quantize(
            Decimal(1).scaleb(-MAX_DECIMALS)):
        raise ValueError(f"{excerpt(value)} has more than {MAX_DECIMALS} decimals; round it")
    return value


#: What a number may be written as, for editors (the JSON Schema): a number, or a string
#: of digits with 万/亿/万亿, or the whole figure as the source prints it.
NUMBER_SCHEMA: dict[str, Any] = {"anyOf": [
    {"type": "number"},
    {"type": "string", "minLength": 1,
     "description": "digits, optionally followed by 万, 亿 or 万亿 (1308.3亿), or the whole "
                    "figure as the source prints it (3618.4万吨, 近九成, 3至5年, 40余家)"}]}
Number = Annotated[Decimal, BeforeValidator(_decimal), AfterValidator(_finite),
                   WithJsonSchema(NUMBER_SCHEMA)]


def _known_marker(value: str) -> str:
    if value not in ZH_MARKERS:
        raise ValueError(f"unknown Chinese qualifier marker {value!r}; known: "
                         + " ".join(ZH_MARKERS))
    return value


#: The Chinese qualifier markers a statistic may name (see :mod:`briefing.quantities`).
ZhMarker = Annotated[str, AfterValidator(_known_marker),
                     Field(json_schema_extra={"enum": list(ZH_MARKERS)})]

def _known_scale(value: str) -> str:
    if value not in ZH_SCALES:
        raise ValueError(f"unknown Chinese scale word {value!r}; known: " + " ".join(ZH_SCALES))
    return value


#: The scale words a Chinese source writes a figure in (万, 亿, 万亿).
ZhScale = Annotated[str, AfterValidator(_known_scale),
                    Field(json_schema_extra={"enum": list(ZH_SCALES)})]

UnitId = Annotated[
    Literal[BUILTIN_UNIT_IDS] | Id,  # type: ignore[valid-type]
    Field(description="a built-in unit, or one the glossary declares under units"),
]


class Kind(StrEnum):
    LEVEL = "level"
    GROWTH = "growth"  # 增长 x% / 下降 x%
    YOY_GROWTH = "yoy_growth"  # 同比增长 x% (growth with basis year_on_year)
    INCREASE = "increase"  # 提升/提高 x%
    SHARE = "share"  # 占 x%
    POINTS_CHANGE = "points_change"  # 提高 / 回落 x 个百分点
    MULTIPLE = "multiple"  # 提高40多倍: more than 40-fold
    FROM_TO = "from_to"  # 从 a 提高至 b
    CHANGE = "change"  # 减少约23万吨, 缩短1.5小时: a change by an amount
    INCREASE_TIMES = "increase_times"  # 增长1.5倍: up 150%
    RATIO = "ratio"  # 是上年同期的2.4倍: 2.4 times the level
    DOUBLING = "doubling"  # 翻一番 / 翻两番: the value counts the doublings
    RANK = "rank"  # 居全国第三, 第四条


#: Kinds that measure a change and so have a direction.
CHANGES = frozenset({Kind.GROWTH, Kind.YOY_GROWTH, Kind.INCREASE, Kind.POINTS_CHANGE,
                     Kind.CHANGE, Kind.INCREASE_TIMES})


class Period(Model):
    """When a figure applies: a year, a quarter or half of a year, a month or a
    run of months, a day, the first N quarters, a five-year-plan period, or a
    range of years; ``as_of_end`` makes a month a point in time (截至6月底)."""

    year: int | None = Field(default=None, ge=1900, le=2200)
    quarter: int | None = Field(default=None, ge=1, le=4)
    through_quarter: int | None = Field(
        default=None, ge=2, le=4, description="the first N quarters (前三季度: 3)")
    half: int | None = Field(default=None, ge=1, le=2, description="上半年 1, 下半年 2")
    month: int | None = Field(default=None, ge=1, le=12)
    start_month: int | None = Field(
        default=None, ge=1, le=12, description="first month of a run ending at month (1—9月)")
    day: int | None = Field(default=None, ge=1, le=31)
    as_of_end: bool = Field(default=False, description="as of the end of the month (截至…底)")
    plan: int | None = Field(default=None, ge=1, le=30, description="five-year plan, e.g. 14")
    start_year: int | None = Field(default=None, ge=1900, le=2200)
    end_year: int | None = Field(default=None, ge=1900, le=2200)

    @model_validator(mode="after")
    def _one_shape(self) -> Period:
        within = [self.quarter, self.through_quarter, self.half, self.month]
        shapes = [
            self.year is not None or any(v is not None for v in within),
            self.plan is not None,
            self.start_year is not None or self.end_year is not None,
        ]
        if sum(shapes) != 1:
            raise ValueError("give exactly one of: a year (with an optional quarter, half or "
                             "month), a quarter, half or month alone, plan, or start_year and "
                             "end_year")
        if sum(v is not None for v in within) > 1:
            raise ValueError("give one of quarter, through_quarter, half or month")
        if self.start_month is not None:
            if self.month is None:
                raise ValueError("start_month needs month, the last month of the run")
            if self.start_month >= self.month:
                raise ValueError("start_month must come before month")
        if self.day is not None:
            if self.month is None or self.start_month is not None:
                raise ValueError("a day needs a single month")
            if self.year is not None:
                import datetime as _dt

                try:
                    _dt.date(self.year, self.month, self.day)
                except ValueError as exc:
                    raise ValueError(f"not a calendar date: {exc}") from None
        if self.as_of_end and (self.month is None or self.day is not None
                               or self.start_month is not None):
            raise ValueError("as_of_end needs a single month and no day")
        if (self.start_year is None) != (self.end_year is None):
            raise ValueError("a range needs both start_year and end_year")
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValueError("end_year is before start_year")
        return self


class Statistic(Model):
    """One figure: a value (or a range) with its unit, qualifier, kind,
    direction and period.

    ``value`` may be written as the source prints it (``"3618.4万吨"``,
    ``"近九成"``, ``"3至5年"``, ``"三分之二"``, ``"40余家"``): the grammar of
    :mod:`briefing.quantities` reads it into the fields below.
    """

    value: Number
    upper: Number | None = Field(default=None, description="the upper bound of a range")
    unit: UnitId
    zh_unit: NonEmpty | None = Field(
        default=None, description="the source's word when the unit has several (千瓦时 / 度)")
    measure_word: NonEmpty | None = Field(
        default=None, description="Chinese measure word of a count: 家, 个, 辆, 列, 艘次 ...")
    noun: Noun | None = None
    qualifier: Qualifier = Qualifier.EXACT
    zh_marker: ZhMarker | None = Field(
        default=None,
        description="how the Chinese marks the qualifier (约, 左右, 超过, 余, 以上 ...)")
    kind: Kind = Kind.LEVEL
    direction: Direction | None = Field(
        default=None, description="up or down, for a change: a fall is down with a positive "
        "value, never a negative value")
    basis: Basis | None = Field(default=None, description="what a change is measured against")
    zh_verb: NonEmpty | None = Field(
        default=None, description="the source's verb for the change, e.g. 回落 for down")
    from_value: Number | None = Field(default=None, description="start value of a from_to change")
    period: Period | None = None
    notation: Notation = Field(default=Notation.DIGITS, description="how the Chinese writes it")
    zh_scale: ZhScale | None = Field(
        default=None, description="the scale word the source writes the figure in (1.235亿: "
        "亿), read from a value written as printed; the Chinese keeps it (by default the "
        "writer chooses one)")
    denominator: int | None = Field(default=None, ge=2, le=100,
                                    description="a fraction's denominator (三分之二: 3)")
    range_mark: RangeMark | None = Field(default=None, description="between a range's bounds")
    consecutive: bool = Field(default=False, description="连续6年: for six consecutive years")
    scope: Text | None = Field(default=None, description="where a ranking holds: 全国 / nationwide")
    in_terms_of: UnitId | None = Field(
        default=None, description="the currency a rate is computed in (以美元计价)")
    significant_digits: int | None = Field(
        default=None, ge=1, le=15,
        description="round the value (half up) to this many significant digits before it is "
        "written, so both languages show the same rounded figure",
    )
    label: Text | None = Field(default=None, description="what the figure measures, for tables")

    @classmethod
    def __get_pydantic_json_schema__(cls, core: CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """The unit is not required where the value is written as printed (3618.4万吨
        names tonnes); a statistic that ends with no unit is refused when it is loaded."""
        schema = handler(core)
        target = handler.resolve_ref_schema(schema)
        target["required"] = [k for k in target.get("required", []) if k != "unit"]
        return schema

    @model_validator(mode="before")
    @classmethod
    def _as_printed(cls, data: Any, info: ValidationInfo) -> Any:
        """Read a value written as the source prints it into the statistic's fields."""
        if not isinstance(data, dict) or not isinstance(data.get("value"), str):
            return data
        text = data["value"].strip()
        if m := _SCALED.match(text):  # 1.235亿: the source's scale word is kept
            return data if "zh_scale" in data else {**data, "zh_scale": m.group(2)}
        if _NUMBER.match(text) or not (
                has_chinese(text) or re.search(r"[%％]|\d\s*[—–~-]\s*\d", text)):
            return data
        units = (info.context or {}).get("units", UNITS)
        try:
            parsed = parse_zh(text, units)
        except QuantitySyntaxError:
            return data  # the value's own validator reports it, located at the value
        clash = [k for k, v in parsed.items()
                 if k in data and k != "value" and str(data[k]) != str(v)]
        if clash:
            raise ValueError(f"value {text!r} says {clash[0]} is {parsed[clash[0]]!r}, "
                             f"but the statistic gives {data[clash[0]]!r}")
        return {**parsed, **{k: v for k, v in data.items() if k != "value"},
                "value": parsed["value"]}

    @model_validator(mode="after")
    def _coherent(self) -> Statistic:
        unit = UNITS.get(self.unit)
        category = unit.category if unit else None
        if category is Category.COUNT:
            if not self.measure_word and self.kind is not Kind.RANK:
                raise ValueError("a count needs a measure_word (家, 个, 项, 名, 辆 ...)")
            if self.measure_word and (not has_chinese(self.measure_word)
                                      or len(self.measure_word) > 4):
                raise ValueError(f"measure_word {self.measure_word!r} is not a Chinese "
                                 "measure word (one to four Chinese characters)")
        elif self.measure_word and self.kind is not Kind.RANK:
            raise ValueError(f"measure_word is only for counts and ranks, not for unit "
                             f"{self.unit!r}")
        if category is Category.COUNT and self.value < 0:
            raise ValueError(f"a count cannot be negative (got {self.value})")
        if category is Category.COUNT and self.value != self.value.to_integral_value():
            raise ValueError(f"a count must be a whole number (got {self.value})")
        if self.kind is Kind.FROM_TO and self.from_value is None:
            raise ValueError("kind from_to needs from_value")
        if self.kind is not Kind.FROM_TO and self.from_value is not None:
            raise ValueError("from_value is only for kind from_to")
        if self.zh_marker and ZH_MARKERS[self.zh_marker][0] is not self.qualifier:
            raise ValueError(f"zh_marker {self.zh_marker} means "
                             f"{ZH_MARKERS[self.zh_marker][0].value}, not {self.qualifier.value}")
        if self.kind in CHANGES and self.value < 0:
            raise ValueError(f"a fall is written as direction: down with a positive value, "
                             f"not as {self.value}")
        if self.direction is not None and self.kind not in CHANGES:
            raise ValueError(f"direction is for changes, not for kind {self.kind.value}")
        if self.upper is not None and self.upper <= self.value:
            raise ValueError(f"upper ({self.upper}) must be above value ({self.value})")
        if (self.denominator is not None) != (category is Category.FRACTION):
            raise ValueError("a fraction needs unit fraction and a denominator")
        if self.denominator is not None and not 0 < self.value < self.denominator:
            raise ValueError(f"a fraction's value is its numerator, between 0 and "
                             f"{self.denominator}")
        if self.notation is Notation.TENTHS and (self.unit != "percent" or self.value % 10):
            raise ValueError("tenths (成) are whole tens of percent: 八成 is value 80, unit "
                             "percent")
        if self.notation is Notation.WORDS and not (1 <= self.value < 10**16
                                                   and self.value % 1 == 0):
            raise ValueError("numerals in words (一百二十亿, 近百) are whole numbers from 1 to "
                             "10^16 - 1; write the figure in digits")
        if self.kind is Kind.RANK and (self.value < 1 or self.value % 1):
            raise ValueError("a rank is a whole number from 1")
        if self.kind is Kind.DOUBLING and (self.value < 1 or self.value % 1):
            raise ValueError("doubling counts the doublings: 翻一番 is 1, 翻两番 is 2")
        if self.consecutive and (category is not Category.DURATION):
            raise ValueError("consecutive is for a number of years, months or days")
        if self.zh_unit and unit and self.zh_unit not in unit.zh_words:
            raise ValueError(f"zh_unit {self.zh_unit!r} is not a word for {self.unit}; known: "
                             + ", ".join(unit.zh_words))
        return self

    @property
    def falling(self) -> bool:
        return self.direction is Direction.DOWN
