"""The document plan: a layout-neutral tree in which every string is final.

The planner (:mod:`briefing.planner`) builds it from a briefing, a layout and
the options a template sets (:class:`PlanOptions`); the DOCX and PDF writers
read only this. Nothing here is formatted again: numbers, labels, figure
numbers, separators, each cell's language and the order of blocks are decided
once, in the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from string import Formatter
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # a name in annotations only: the command line's parser imports this
    from .model import Lang  # module (for its layouts) without the content models

LangCode = Literal["zh", "en"]
#: The BCP 47 tag of each language (document properties, language of PDF structure).
LANG_TAGS: dict[LangCode, str] = {"zh": "zh-CN", "en": "en-GB"}

#: The parts a briefing may show, in the default order.
PARTS = ("title", "summary", "key_figures", "articles", "glossary", "sources")


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


@dataclass(frozen=True)
class PlanOptions:
    """What a template decides about the plan (see :mod:`briefing.templates`)."""

    layout: Layout = Layout.PARALLEL
    lead: Lang | None = None  # None: the briefing's own setting
    parts: tuple[str, ...] = PARTS
    quote_attribution: bool = True
    bilingual_key_figures: bool = False  # one shared table instead of one per language
    key_figures_chart: bool = True  # the briefing's key-figures chart, where it has one
    unit_gloss: bool = False  # English conversions after units that have one (mu → hectares)
    image_dir: Path | None = None  # None: the content file's folder
    labels_dir: Path | None = None  # None: the shipped translations/
    label_locales: dict[LangCode, str] = field(default_factory=dict)  # lang -> catalog locale
    header: dict[LangCode, str] = field(default_factory=dict)  # lang -> pattern with {title}
    footer: dict[LangCode, str] = field(default_factory=dict)  # lang -> pattern, {page} {pages}


class TableRole(StrEnum):
    """What a table is; each writer maps roles to its table styles."""

    KEY_FIGURES = "key_figures"  # a tinted panel, figures in the accent colour
    GLOSSARY = "glossary"  # a plain ruled table


def parse_pattern(pattern: str) -> list[tuple[str, str | None]]:
    """A ``str.format`` pattern as (literal text, field name or None) pairs.

    The one reader of the patterns that labels, headers and footers use;
    raises ValueError for a malformed one (a lone brace).
    """
    return [(text, name) for text, name, _, _ in Formatter().parse(pattern)]


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
    (``seq`` names the sequence) whose cached result is ``number_text``, the
    number as the caption's language writes it.
    """

    prefix: str
    number: int
    number_text: str
    suffix: str
    separator: str
    text: str
    lang: LangCode
    seq: str = "Figure"

    @property
    def label(self) -> str:
        """The numbered part: "Figure 3", "图3"."""
        return f"{self.prefix}{self.number_text}{self.suffix}"

    @property
    def full(self) -> str:
        return f"{self.label}{self.separator}{self.text}"


@dataclass(frozen=True)
class Table:
    """A small table of final strings (key figures, glossary).

    A table in one language has ``lang``; a bilingual table shared by both
    columns has ``lang`` None and says the language of each body column
    (``column_langs``) and of each header cell (``header_langs``: a header
    that names a column in both languages is set in the plan's lead).
    """

    role: TableRole
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lang: LangCode | None
    widths: tuple[float, ...] = ()  # relative column widths
    emphasis: tuple[int, ...] = ()  # columns that hold the figures
    column_langs: tuple[LangCode, ...] = ()
    header_langs: tuple[LangCode, ...] = ()

    def __post_init__(self) -> None:
        if self.lang is None and not (len(self.column_langs) == len(self.header_langs)
                                      == len(self.header)):
            raise ValueError("a shared table needs the language of every column and header")

    def cell_lang(self, row: int, column: int) -> LangCode:
        """The language of a cell; row 0 is the header."""
        if self.lang is not None:
            return self.lang
        return (self.header_langs if row == 0 else self.column_langs)[column]


class ChartKind(StrEnum):
    BAR = "bar"  # one bar per category
    GROUPED_BAR = "grouped_bar"  # a bar per series in each category
    LINE = "line"  # one line per series over the categories (periods)
    SHARE = "share"  # one 100% bar of parts


@dataclass(frozen=True)
class Tick:
    """A mark on the value axis: where it stands and what it says."""

    value: Decimal
    label: str


@dataclass(frozen=True)
class Series:
    """One set of values over the chart's categories, each with its final label.

    ``values`` are the numbers drawn (a fall is negative); ``labels`` what each
    shows; ``notes`` an optional second line per value (the change of a level).
    """

    name: str
    values: tuple[Decimal, ...]
    labels: tuple[str, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chart:
    """A chart in one language: categories, series, value axis, every string final.

    ``axis`` names the unit of the value axis when the ticks do not carry it;
    ``ticks`` run from the axis minimum to its maximum (none for a share bar);
    ``alt`` is the text equivalent, generated from the data.
    """

    kind: ChartKind
    lang: LangCode
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    ticks: tuple[Tick, ...]
    axis: str
    alt: str
    title: str = ""

    @property
    def texts(self) -> list[str]:
        """Every string the chart draws."""
        out = [*self.categories, *(t.label for t in self.ticks)]
        if self.axis:
            out.append(self.axis)
        for s in self.series:
            out += [s.name, *s.labels, *s.notes]
        return [t for t in out if t]


Content = Para | Caption | Table | Chart


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
    "heading", "paragraph", "quote", "figure", "chart", "glossary", "sources",
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
    source: str = ""  # where in the content it comes from (file:line:column: field), for messages


FooterPiece = str | PageField


@dataclass(frozen=True)
class Meta:
    title: str
    subject: str
    author: str
    keywords: str  # final, joined, within the 255 characters Word and PDF tools keep
    language: str  # BCP 47 tag of the leading language: zh-CN / en-GB
    languages: tuple[str, ...]
    date: tuple[int, int, int] | None  # for document properties; None: fixed epoch
    #: the title in each language of the document (BCP 47 tag, title), the leading first:
    #: an XMP title has one entry a language
    titles: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Plan:
    layout: Layout
    languages: tuple[LangCode, ...]  # column / reading order
    meta: Meta
    header: str
    footer: tuple[FooterPiece, ...]
    items: tuple[Item, ...] = field(default_factory=tuple)
    #: The parallel layout's grid, for assistive technology: a short caption and a
    #: description that says it is a layout table and which language each column holds.
    grid_caption: str = ""
    grid_description: str = ""
    #: The running header by language, for a writer that sets each in its own script
    #: (the Chinese title, the separator, the English title); ``header`` is them joined.
    header_parts: tuple[tuple[str, LangCode], ...] = ()

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
                    elif isinstance(c, Chart):
                        out += c.texts
                    else:
                        out += [x for row in (c.header, *c.rows) for x in row]
        return out
