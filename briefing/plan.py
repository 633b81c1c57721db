"""The document plan: a layout-neutral tree in which every string is final.

The planner (:mod:`briefing.planner`) builds it from a briefing, a layout and
template settings; the DOCX and PDF writers read only this. Nothing here is
formatted again: numbers, labels, figure numbers and the order of blocks are
decided once, in the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Literal

LangCode = Literal["zh", "en"]


class Layout(StrEnum):
    PARALLEL = "parallel"  # two columns, one row per block pair
    INTERLEAVED = "interleaved"  # each block, then its translation
    ZH = "zh"
    EN = "en"


class Role(StrEnum):
    """What a paragraph is; each writer maps roles to named styles."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    META = "meta"
    SECTION_LABEL = "section_label"  # "Key figures", "Glossary" ...
    DECK = "deck"
    HEADLINE = "headline"
    DATELINE = "dateline"
    BYLINE = "byline"
    HEADING = "heading"
    BODY = "body"
    BULLET = "bullet"
    QUOTE = "quote"
    ATTRIBUTION = "attribution"
    CAPTION = "caption"
    CREDIT = "credit"
    NOTE = "note"


class PageField(StrEnum):
    PAGE = "PAGE"
    NUMPAGES = "NUMPAGES"


@dataclass(frozen=True)
class Para:
    """One paragraph of final text in one language."""

    role: Role
    text: str
    lang: LangCode


@dataclass(frozen=True)
class Caption:
    """A numbered caption: ``prefix`` + number + ``suffix`` + separator + ``text``.

    The number is separate so the DOCX writer can make it a live SEQ field
    (``seq`` names the sequence) whose cached result is ``number``.
    """

    prefix: str
    number: int
    suffix: str
    separator: str
    text: str
    lang: LangCode
    seq: str = "Figure"

    @property
    def full(self) -> str:
        return f"{self.prefix}{self.number}{self.suffix}{self.separator}{self.text}"


@dataclass(frozen=True)
class Table:
    """A small table of final strings (key figures, glossary)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lang: LangCode | None  # None: a bilingual table shared by both columns
    widths: tuple[float, ...] = ()  # relative column widths
    emphasis: tuple[int, ...] = ()  # columns that hold the figures
    column_langs: tuple[LangCode, ...] = ()  # a shared table: the language of each column

    def lang_of(self, column: int) -> LangCode | None:
        """The language a cell of ``column`` is written in (None: a mixed header)."""
        if self.lang is not None:
            return self.lang
        return self.column_langs[column] if column < len(self.column_langs) else None


Content = Para | Caption | Table


@dataclass(frozen=True)
class Cell:
    """One language's side of an item."""

    lang: LangCode
    content: tuple[Content, ...]


@dataclass(frozen=True)
class Image:
    path: Path
    width_px: int
    height_px: int
    dpi: tuple[float, float] | None
    alt: str  # final alt text for the plan's languages
    title: str


@dataclass(frozen=True)
class Outline:
    level: int  # 0 article, 1 section
    title: str
    key: str  # stable anchor name


ItemKind = Literal[
    "title", "summary", "key_figures", "article", "deck", "headline", "dateline", "byline",
    "heading", "paragraph", "quote", "figure", "glossary", "sources",
]


@dataclass(frozen=True)
class Item:
    """One unit of the document: the same content in each of the plan's languages.

    In a parallel layout the cells sit side by side in one row; interleaved,
    one after the other; single-language plans have one cell. ``shared``
    content (a picture, a bilingual table) spans both columns and comes first.
    """

    kind: ItemKind
    cells: tuple[Cell, ...]
    image: Image | None = None
    shared: Table | None = None
    outline: Outline | None = None
    keep_with_next: bool = False
    starts_article: bool = False


FooterPiece = str | PageField


@dataclass(frozen=True)
class Meta:
    title: str
    subject: str
    author: str
    keywords: tuple[str, ...]
    language: str  # BCP 47 tag of the leading language: zh-CN / en-GB
    languages: tuple[str, ...]
    date: tuple[int, int, int] | None  # for document properties; None: fixed epoch


@dataclass(frozen=True)
class Plan:
    layout: Layout
    languages: tuple[LangCode, ...]  # column / reading order
    meta: Meta
    header: str
    footer: tuple[FooterPiece, ...]
    items: tuple[Item, ...] = field(default_factory=tuple)

    def texts(self, lang: LangCode | None = None) -> list[str]:
        """Every final string of the plan, in order (for tests and previews)."""
        out: list[str] = []
        for item in self.items:
            if item.shared is not None:
                out += [c for row in (item.shared.header, *item.shared.rows) for c in row]
            for cell in item.cells:
                if lang is not None and cell.lang != lang:
                    continue
                for c in cell.content:
                    if isinstance(c, Para):
                        out.append(c.text)
                    elif isinstance(c, Caption):
                        out.append(c.full)
                    else:
                        out += [x for row in (c.header, *c.rows) for x in row]
        return out
