"""Blocks of an article's sections, the article itself and its sources."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from .text import Id, Model, NonEmpty, NonEmptyProse, Prose, Str, Text


class _Words(Model):
    """A block of words in both languages (a paragraph, a quote)."""

    zh: NonEmptyProse
    en: Prose = ""

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
