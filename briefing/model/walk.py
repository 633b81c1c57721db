"""The one walk over a briefing: its blocks and its prose, each with a field path.

Every consumer (integrity, the planner, the checks) reads blocks through
:func:`blocks` and dispatches on the block type with ``match`` and
``assert_never``, so a type checker lists every place a new kind of block
must be handled.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

from .articles import Block, Chart, Figure, KeyFiguresTable, Paragraph, Quote
from .fields import BriefingFields
from .text import Text

Loc = tuple[str | int, ...]
"""A field path: ``("articles", 0, "sections", 1, "blocks", 2)``."""


def blocks(b: BriefingFields) -> Iterator[tuple[Loc, Block]]:
    """Every block of every article's sections, in order, with its path."""
    for ai, a in enumerate(b.articles):
        for si, sec in enumerate(a.sections):
            for bi, blk in enumerate(sec.blocks):
                yield ("articles", ai, "sections", si, "blocks", bi), blk


def _both(loc: Loc, t: Text | None) -> Iterator[tuple[Loc, str]]:
    if t is not None:
        yield (*loc, "zh"), t.zh
        yield (*loc, "en"), t.en


def block_texts(loc: Loc, blk: Block) -> Iterator[tuple[Loc, str]]:
    """The prose of one block with its field paths."""
    match blk:
        case Paragraph():
            yield from _both(loc, blk.text)
        case Quote():
            yield from _both(loc, blk.text)
            yield from _both((*loc, "title"), blk.title)
        case Figure():
            yield from _both((*loc, "caption"), blk.caption)
            yield from _both((*loc, "alt"), blk.alt)
        case KeyFiguresTable():
            yield from _both((*loc, "title"), blk.title)
        case Chart():
            yield from _both((*loc, "title"), blk.title)
            yield from _both((*loc, "note"), blk.note)
        case _:
            assert_never(blk)


def chart_texts(loc: Loc, chart: Chart) -> Iterator[tuple[Loc, str]]:
    """The prose of a chart (block or the key-figures chart): its title and note."""
    yield from block_texts(loc, chart)


def texts(b: BriefingFields) -> Iterator[tuple[Loc, str]]:
    """Every prose string of the briefing with its field path, in document order."""
    yield from _both(("title",), b.title)
    yield from _both(("subtitle",), b.subtitle)
    yield from _both(("prepared_by",), b.prepared_by)
    for i, s in enumerate(b.summary):
        yield from _both(("summary", i), s)
    for sid, stat in b.statistics.items():
        yield from _both(("statistics", sid, "label"), stat.label)
    if b.key_figures_chart is not None:
        yield from chart_texts(("key_figures_chart",), b.key_figures_chart)
    for pid, person in b.glossary.people.items():
        for ti, title in enumerate(person.titles):
            yield from _both(("glossary", "people", pid, "titles", ti), title)
    walked = blocks(b)
    for ai, a in enumerate(b.articles):
        base: Loc = ("articles", ai)
        yield from _both((*base, "deck"), a.deck)
        yield from _both((*base, "headline"), a.headline)
        yield from _both((*base, "subheading"), a.subheading)
        yield from _both((*base, "dateline"), a.dateline)
        for si, sec in enumerate(a.sections):
            yield from _both((*base, "sections", si, "heading"), sec.heading)
            for _ in sec.blocks:
                loc, blk = next(walked)
                yield from block_texts(loc, blk)
    for i, src in enumerate(b.sources):
        yield from _both(("sources", i, "note"), src.note)


def pairs(b: BriefingFields) -> Iterator[tuple[Loc, str, str]]:
    """Each bilingual text with its path (of the pair) and its Chinese and English sides."""
    collected: dict[Loc, dict[str, str]] = {}
    for loc, value in texts(b):
        collected.setdefault(loc[:-1], {})[str(loc[-1])] = value
    for loc, sides in collected.items():
        yield loc, sides.get("zh", ""), sides.get("en", "")


def named_ids(blk: Block) -> Iterator[tuple[Loc, str, str]]:
    """Glossary ids a block names outside its prose: (field path within the block, id,
    the kind of entry it must be)."""
    match blk:
        case Quote():
            yield ("speaker",), blk.speaker, "person"
        case Figure():
            credit = blk.credit
            if credit is not None and credit.who is not None:
                want = "organisation" if credit.kind == "courtesy" else "person"
                yield ("credit", "who"), credit.who, want
            if credit is not None and credit.agency is not None:
                yield ("credit", "agency"), credit.agency, "organisation"
        case KeyFiguresTable():
            for fi, key in enumerate(blk.figures):
                yield ("figures", fi), key, "statistic"
        case Chart():
            yield from chart_ids(blk)
        case Paragraph():
            pass
        case _:
            assert_never(blk)


def chart_ids(chart: Chart) -> Iterator[tuple[Loc, str, str]]:
    """The ids a chart names: its statistics and the organisation of its source line."""
    nested = isinstance(chart.figures[0], list)
    for ri, row in enumerate(chart.rows):
        for fi, key in enumerate(row):
            yield (("figures", ri, fi) if nested else ("figures", fi)), key, "statistic"
    for ci, key in enumerate(chart.changes):
        yield ("changes", ci), key, "statistic"
    if chart.source is not None:
        yield ("source",), chart.source, "organisation"
