"""The content model: everything a briefing on a Chinese article holds, validated.

Every class is strict (unknown fields are errors) and immutable. Numbers are
``Decimal`` values with a unit from :mod:`briefing.units`; names live once in
the glossary; prose refers to both by id (see :mod:`briefing.refs`).
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path as _Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    model_validator,
)

from . import refs
from .units import MEASURE_WORDS, UNITS, ZH_SCALES, Category

# --------------------------------------------------------------------------- strings

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(value: str) -> str:
    bad = _XML_BAD.search(value)
    if bad:
        raise ValueError(
            f"contains the control character U+{ord(bad.group()):04X} at character "
            f"{bad.start() + 1}, which a document cannot hold; remove it"
        )
    return value


def _nonblank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _refs_ok(value: str) -> str:
    try:
        refs.parse(value)
    except refs.RefSyntaxError as exc:
        raise ValueError(str(exc)) from None
    return value


Str = Annotated[str, AfterValidator(_xml_safe)]
"""Any text that ends up in a document: no XML-illegal characters."""
NonEmpty = Annotated[str, AfterValidator(_xml_safe), AfterValidator(_nonblank)]
Prose = Annotated[str, AfterValidator(_xml_safe), AfterValidator(_refs_ok)]
"""Text that may hold references (``{id}``)."""
NonEmptyProse = Annotated[
    str, AfterValidator(_xml_safe), AfterValidator(_nonblank), AfterValidator(_refs_ok)
]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Lang(StrEnum):
    ZH = "zh"
    EN = "en"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Model):
    """Text in both languages. Chinese is required; a missing English
    translation is allowed here and reported by ``briefing.check``.

    Either side may hold references: ``{id}``, ``{id:short}``, ``{a+b}``;
    ``{{``/``}}`` are literal braces.
    """

    zh: NonEmptyProse
    en: Prose = ""

    def get(self, lang: Lang | str) -> str:
        return self.zh if Lang(lang) is Lang.ZH else self.en


class Noun(Model):
    """The thing a count counts, when the figure names it (40余家**企业**)."""

    zh: Str = ""
    en: Str = ""


# --------------------------------------------------------------------------- numbers

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


# --------------------------------------------------------------------------- glossary


class Person(Model):
    zh: NonEmpty
    en: NonEmpty = Field(description="Hanyu Pinyin, family name first: Hao Peng")
    titles: list[Text] = Field(default_factory=list)


class Organisation(Model):
    zh: NonEmpty
    en: NonEmpty
    short_zh: NonEmpty | None = None
    short_en: NonEmpty | None = None
    aliases_zh: list[NonEmpty] = Field(
        default_factory=list, description="other Chinese forms that name it (for check)"
    )


class Term(Model):
    """A fixed bilingual term: an official title, a programme, a place."""

    zh: NonEmpty
    en: NonEmpty


class Glossary(Model):
    people: dict[Id, Person] = Field(default_factory=dict)
    organisations: dict[Id, Organisation] = Field(default_factory=dict)
    terms: dict[Id, Term] = Field(default_factory=dict)


# --------------------------------------------------------------------------- blocks


class Paragraph(Model):
    type: Literal["paragraph"] = "paragraph"
    zh: NonEmptyProse
    en: Prose = ""

    @property
    def text(self) -> Text:
        return Text(zh=self.zh, en=self.en)


class Quote(Model):
    """Words of a named speaker, with the title they hold in this article."""

    type: Literal["quote"] = "quote"
    speaker: Id
    title: Text | None = None
    zh: NonEmptyProse
    en: Prose = ""

    @property
    def text(self) -> Text:
        return Text(zh=self.zh, en=self.en)


class Credit(Model):
    """Who supplied a photo: an organisation (…供图) or a photographer (…摄)."""

    kind: Literal["courtesy", "photographer"]
    who: Id = Field(description="glossary id of the organisation or person")


class Figure(Model):
    type: Literal["figure"] = "figure"
    image: NonEmpty = Field(description="image file, relative to the content file")
    caption: Text
    credit: Credit | None = None
    alt: Text | None = None
    position: Literal["above", "below"] | None = Field(
        default=None, description="the source's mark: ▲ photo above, ▼ photo below"
    )


class KeyFiguresTable(Model):
    type: Literal["key_figures"] = "key_figures"
    title: Text | None = None
    figures: list[Id] = Field(min_length=1)


def _block_tag(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("type", "paragraph"))
    return str(getattr(value, "type", "paragraph"))


Block = Annotated[
    Annotated[Paragraph, Tag("paragraph")]
    | Annotated[Quote, Tag("quote")]
    | Annotated[Figure, Tag("figure")]
    | Annotated[KeyFiguresTable, Tag("key_figures")],
    Discriminator(
        _block_tag,
        custom_error_type="unknown_block",
        custom_error_message="unknown block type; expected paragraph, quote, figure or key_figures",
    ),
]


class Section(Model):
    heading: Text | None = None
    blocks: list[Block] = Field(min_length=1)


# --------------------------------------------------------------------------- articles


class PartialDate(Model):
    """A date that may be known only to the year or month."""

    year: int = Field(ge=1900, le=2200)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    @model_validator(mode="before")
    @classmethod
    def _from_scalar(cls, value: Any) -> Any:
        if isinstance(value, _dt.date):
            return {"year": value.year, "month": value.month, "day": value.day}
        if isinstance(value, int) and not isinstance(value, bool):
            return {"year": value}
        if isinstance(value, str):
            m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
            if not m:
                raise ValueError(f"malformed date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
            y, mo, d = m.groups()
            return {"year": int(y), "month": int(mo) if mo else None, "day": int(d) if d else None}
        return value

    @model_validator(mode="after")
    def _valid(self) -> PartialDate:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.day is not None and self.month is not None:
            try:
                _dt.date(self.year, self.month, self.day)
            except ValueError as exc:
                raise ValueError(f"not a calendar date: {exc}") from None
        return self


class BylineEntry(Model):
    person: Id
    role: Literal["staff_reporter", "reporter", "correspondent", "author"] = "author"


class Article(Model):
    id: Id
    deck: Text | None = Field(default=None, description="the kicker above the headline")
    headline: Text
    dateline: Text | None = Field(default=None, description="dateline label, e.g. 辽宁沈阳")
    byline: list[BylineEntry] = Field(default_factory=list)
    publication: Id | None = Field(default=None, description="glossary organisation id")
    date: PartialDate | None = None
    sections: list[Section] = Field(min_length=1)


class Source(Model):
    publication: Id = Field(description="glossary organisation id")
    page: Str | None = None
    date: PartialDate | None = None
    note: Text | None = None


# --------------------------------------------------------------------------- briefing


class Briefing(Model):
    """A bilingual briefing on one or more Chinese articles."""

    _origin: _Path | None = PrivateAttr(default=None)
    _positions: dict[tuple[str | int, ...], tuple[int, int]] = PrivateAttr(default_factory=dict)

    title: Text
    subtitle: Text | None = None
    date: PartialDate | None = None
    prepared_by: Text | None = None
    lead: Lang = Field(default=Lang.ZH, description="which language leads")
    include: list[NonEmpty] = Field(
        default_factory=list,
        description="term files merged into the glossary (paths, or briefing:NAME for a "
        "term base shipped with the library)",
    )
    summary: list[Text] = Field(default_factory=list, max_length=12)
    key_figures: list[Id] = Field(default_factory=list)
    statistics: dict[Id, Statistic] = Field(default_factory=dict)
    glossary: Glossary = Field(default_factory=Glossary)
    articles: list[Article] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)

    @property
    def origin(self) -> _Path | None:
        """The content file this briefing was loaded from, if any."""
        return self._origin

    def position(self, loc: tuple[str | int, ...]) -> tuple[int, int] | None:
        """Line and column where a field path starts in the content file."""
        while loc:
            if loc in self._positions:
                return self._positions[loc]
            loc = loc[:-1]
        return self._positions.get(())

    @model_validator(mode="before")
    @classmethod
    def _builtin_term_bases(cls, data: Any) -> Any:
        from .termbase import merge_builtin

        return merge_builtin(data)

    @model_validator(mode="after")
    def _references_resolve(self) -> Briefing:
        from .integrity import integrity_problems

        problems = integrity_problems(self)
        if problems:
            raise IntegrityError(problems)
        return self


class IntegrityError(ValueError):
    """Ids that do not resolve; each problem is (field path, message)."""

    def __init__(self, problems: list[tuple[tuple[str | int, ...], str]]):
        self.problems = problems
        super().__init__(
            "; ".join(f"{'.'.join(map(str, p))}: {m}" for p, m in problems)
        )
