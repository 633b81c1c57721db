"""Blocks of an article's sections, the article itself and its sources."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, GetJsonSchemaHandler, Tag, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from ..errors import excerpt
from .text import Id, Model, NonEmpty, NonEmptyProse, Prose, Str, Text


class Accept(Model):
    """A check finding accepted on purpose, with the reason (as a linter's inline
    suppression): ``check`` lists it apart and ``render`` no longer needs --force."""

    code: NonEmpty = Field(description="the finding's code: number, name, direction ...")
    reason: NonEmpty = Field(description="why the finding is right to accept")
    match: Str = Field(default="", description="only findings whose message holds this text")


Accepts = Annotated[list[Accept], Field(default_factory=list,
                                        description="check findings accepted with a reason")]


class _Words(Model):
    """A block of words in both languages (a paragraph, a quote)."""

    zh: NonEmptyProse
    en: Prose = ""
    accept: Accepts

    @property
    def text(self) -> Text:
        return Text(zh=self.zh, en=self.en)


class Paragraph(_Words):
    type: Literal["paragraph"] = "paragraph"


class Quote(_Words):
    """Words of a named speaker, with the title they hold in this article."""

    type: Literal["quote"] = "quote"
    speaker: Id
    title: Text | None = None


class Credit(Model):
    """Who supplied a photo.

    ``courtesy``: an organisation (…供图, photo courtesy of …); ``photographer``:
    a person (…摄, photo: …), of a news agency (``agency``: 新华社记者 王某摄 /
    Photo: Wang Mou/Xinhua) or of the article's own paper (``staff``: 本报记者
    李某摄 / Photo: Li Mou/People's Daily); ``interviewee``: 受访者供图 / photo
    courtesy of the interviewee; ``file``: 资料图片 / file photo.
    """

    kind: Literal["courtesy", "photographer", "interviewee", "file"]
    who: Id | None = Field(default=None, description="glossary id of the organisation or "
                           "person (courtesy and photographer only)")
    agency: Id | None = Field(default=None, description="the photographer's news agency")
    staff: bool = Field(default=False, description="a photographer of the article's paper")

    @model_validator(mode="after")
    def _who(self) -> Credit:
        named = self.kind in ("courtesy", "photographer")
        if named and self.who is None:
            raise ValueError(f"a {self.kind} credit needs who")
        if not named and (self.who or self.agency or self.staff):
            raise ValueError(f"a {self.kind} credit names no one")
        if (self.agency or self.staff) and self.kind != "photographer":
            raise ValueError("agency and staff are for a photographer's credit")
        if self.agency and self.staff:
            raise ValueError("give agency or staff, not both")
        return self


class Figure(Model):
    type: Literal["figure"] = "figure"
    image: NonEmpty = Field(description="image file, relative to the content file")
    caption: Text
    credit: Credit | None = None
    alt: Text | None = None
    position: Literal["above", "below"] | None = Field(
        default=None, description="the source's mark: ▲ photo above, ▼ photo below"
    )
    accept: Accepts


class KeyFiguresTable(Model):
    type: Literal["key_figures"] = "key_figures"
    title: Text | None = None
    figures: list[Id] = Field(min_length=1)
    accept: Accepts


ChartKind = Literal["bar", "grouped_bar", "line", "share"]


class Chart(Model):
    """Statistics as a picture, drawn natively by each writer.

    ``bar``: one bar per statistic, named by its label (``changes``: a change
    per bar, shown under its value: 增长18.6% / up 18.6%). ``grouped_bar``:
    ``figures`` lists groups, one per indicator, each the same indicator over
    the same periods (the legend). ``line``: statistics over consecutive
    periods, one line per list (or a single list). ``share``: parts of a whole
    in percent, as one 100% bar. Which combinations can be plotted is
    checked against the statistics (:mod:`briefing.model.charts`).
    """

    type: Literal["chart"] = "chart"
    kind: ChartKind = "bar"
    figures: list[Id] | list[list[Id]] = Field(
        min_length=1, description="statistic ids; for grouped_bar (and several lines) a list "
        "of lists, one per indicator")
    changes: list[Id] = Field(default_factory=list, description="bar charts: a change per "
                              "bar, in the order of figures, shown under its value")
    title: Text | None = None
    note: Text | None = None
    source: Id | None = Field(default=None, description="glossary organisation the data "
                              "comes from; default: the article's publication")
    accept: Accepts

    @property
    def rows(self) -> list[list[str]]:
        """The figures as rows: one row per indicator (a flat list is one row)."""
        if self.figures and isinstance(self.figures[0], list):
            return [list(r) for r in self.figures]
        return [list(self.figures)]  # type: ignore[arg-type]

    @property
    def ids(self) -> list[str]:
        """Every statistic the chart plots, in order (figures, then changes)."""
        return [k for row in self.rows for k in row] + list(self.changes)

    @model_validator(mode="after")
    def _shape(self) -> Chart:
        nested = isinstance(self.figures[0], list)
        rows = self.rows
        if nested and any(not r for r in rows):
            raise ValueError("a chart's list of figures is empty")
        if self.kind == "grouped_bar":
            if not nested or len(rows) < 2 or len(rows[0]) < 2:
                raise ValueError("a grouped_bar chart needs figures as a list of at least two "
                                 "lists (one per indicator), each of at least two periods")
        elif self.kind in ("bar", "share") and nested:
            raise ValueError(f"a {self.kind} chart takes a flat list of figures")
        if nested and len({len(r) for r in rows}) > 1:
            raise ValueError("each list of figures must have the same length: "
                             + ", ".join(str(len(r)) for r in rows))
        if self.changes and self.kind != "bar":
            raise ValueError("changes are for bar charts")
        if self.changes and len(self.changes) != len(rows[0]):
            raise ValueError(f"changes must match figures one to one: {len(rows[0])} "
                             f"figures, {len(self.changes)} changes")
        ids = [k for row in rows for k in row]
        repeated = sorted({k for k in ids if ids.count(k) > 1})
        if repeated:
            raise ValueError(f"a chart plots each statistic once; repeated: "
                             f"{', '.join(repeated)}")
        if self.kind == "share" and len(ids) < 2:
            raise ValueError("a share chart needs at least two parts")
        if self.kind == "line" and len(rows[0]) < 2:
            raise ValueError("a line chart needs at least two periods")
        return self


def _block_tag(value: Any) -> str:
    if isinstance(value, dict):
        return str(value.get("type", "paragraph"))
    return str(getattr(value, "type", "paragraph"))


#: The block types a section may hold, as content names them.
BLOCK_TYPES = ("paragraph", "quote", "figure", "key_figures", "chart")
#: The message's list of them: paragraph, quote, figure, key_figures or chart.
EXPECTED_BLOCKS = f"{', '.join(BLOCK_TYPES[:-1])} or {BLOCK_TYPES[-1]}"

Block = Annotated[
    Annotated[Paragraph, Tag("paragraph")]
    | Annotated[Quote, Tag("quote")]
    | Annotated[Figure, Tag("figure")]
    | Annotated[KeyFiguresTable, Tag("key_figures")]
    | Annotated[Chart, Tag("chart")],
    Discriminator(
        _block_tag,
        custom_error_type="unknown_block",
        custom_error_message=f"unknown block type; expected {EXPECTED_BLOCKS}",
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

    @classmethod
    def __get_pydantic_json_schema__(cls, core: CoreSchema,
                                     handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """As content writes it too: a year (2024) or an ISO date to the year, month or
        day ("2024-05", 2025-10-20)."""
        return {"anyOf": [{"type": "integer", "minimum": 1900, "maximum": 2200},
                          {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                          handler(core)]}

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
                raise ValueError(f"malformed date '{excerpt(value)}': expected YYYY, YYYY-MM or "
                                 "YYYY-MM-DD")
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
    deck: Text | None = Field(default=None, description="the kicker above the headline (引题)")
    headline: Text
    subheading: Text | None = Field(default=None,
                                    description="the deck below the headline (副题)")
    dateline: Text | None = Field(
        default=None, description="the dateline's place (辽宁沈阳, 杭州); with the article's "
        "day it reads 本报杭州8月12日电 / HANGZHOU, 12 August")
    dateline_by: Id | None = Field(
        default=None, description="the agency of an agency dateline (新华社); default: the "
        "article's own paper (本报)")
    byline: list[BylineEntry] = Field(default_factory=list)
    publication: Id | None = Field(default=None, description="glossary organisation id")
    date: PartialDate | None = None
    sections: list[Section] = Field(min_length=1)


class Source(Model):
    publication: Id = Field(description="glossary organisation id")
    page: Str | None = None
    date: PartialDate | None = None
    note: Text | None = None
