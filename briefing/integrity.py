"""Cross-references inside a briefing: every id used must resolve."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import refs

if TYPE_CHECKING:
    from .model import Briefing, Text

Path = tuple[str | int, ...]

ENTITY_VARIANTS = {"full", "short"}
STATISTIC_VARIANTS: set[str] = set()


def texts(b: Briefing) -> Iterator[tuple[Path, str]]:
    """Every prose string of the briefing with its field path."""

    def both(path: Path, t: Text | None) -> Iterator[tuple[Path, str]]:
        if t is not None:
            yield (*path, "zh"), t.zh
            yield (*path, "en"), t.en

    yield from both(("title",), b.title)
    yield from both(("subtitle",), b.subtitle)
    yield from both(("prepared_by",), b.prepared_by)
    for i, s in enumerate(b.summary):
        yield from both(("summary", i), s)
    for sid, stat in b.statistics.items():
        yield from both(("statistics", sid, "label"), stat.label)
    for pid, person in b.glossary.people.items():
        for ti, title in enumerate(person.titles):
            yield from both(("glossary", "people", pid, "titles", ti), title)
    for ai, a in enumerate(b.articles):
        base: Path = ("articles", ai)
        yield from both((*base, "deck"), a.deck)
        yield from both((*base, "headline"), a.headline)
        yield from both((*base, "dateline"), a.dateline)
        for si, sec in enumerate(a.sections):
            sp: Path = (*base, "sections", si)
            yield from both((*sp, "heading"), sec.heading)
            for bi, blk in enumerate(sec.blocks):
                bp: Path = (*sp, "blocks", bi)
                if blk.type in ("paragraph", "quote"):
                    yield (*bp, "zh"), blk.zh
                    yield (*bp, "en"), blk.en
                if blk.type == "quote":
                    yield from both((*bp, "title"), blk.title)
                if blk.type == "figure":
                    yield from both((*bp, "caption"), blk.caption)
                    yield from both((*bp, "alt"), blk.alt)
                if blk.type == "key_figures":
                    yield from both((*bp, "title"), blk.title)
    for i, src in enumerate(b.sources):
        yield from both(("sources", i, "note"), src.note)


def integrity_problems(b: Briefing) -> list[tuple[Path, str]]:
    problems: list[tuple[Path, str]] = []
    g = b.glossary
    kinds: dict[str, str] = {}
    for kind, table in (
        ("statistic", b.statistics),
        ("person", g.people),
        ("organisation", g.organisations),
        ("term", g.terms),
    ):
        for key in table:
            if key in kinds:
                problems.append(
                    (("glossary" if kind != "statistic" else "statistics", key),
                     f"id {key!r} is used for both a {kinds[key]} and a {kind}")
                )
            kinds.setdefault(key, kind)

    def need(path: Path, key: str, want: str) -> None:
        got = kinds.get(key)
        if got is None:
            problems.append((path, f"unknown {want} id {key!r}"))
        elif got != want:
            problems.append((path, f"{key!r} is a {got}, expected a {want}"))

    for i, key in enumerate(b.key_figures):
        need(("key_figures", i), key, "statistic")
        if key in b.statistics and b.statistics[key].label is None:
            problems.append((("statistics", key, "label"),
                             "a key figure needs a label (what it measures) in both languages"))

    for path, text in texts(b):
        for ref in refs.refs_in(text):
            for key in ref.ids:
                if key not in kinds:
                    problems.append((path, f"unresolved reference {ref.source}: no statistic "
                                           f"or glossary entry has the id {key!r}"))
            known = [kinds[k] for k in ref.ids if k in kinds]
            if len(ref.ids) > 1:
                if any(k != "statistic" for k in known):
                    problems.append((path, f"{ref.source}: a list reference may only "
                                           "name statistics"))
                elif len(known) == len(ref.ids):
                    units = {b.statistics[k].unit for k in ref.ids}
                    if len(units) > 1:
                        problems.append((path, f"{ref.source}: listed statistics must share "
                                               f"one unit, got {', '.join(sorted(units))}"))
            if ref.variant is not None and known:
                allowed = STATISTIC_VARIANTS if known[0] == "statistic" else ENTITY_VARIANTS
                if ref.variant not in allowed:
                    problems.append((path, f"{ref.source}: unknown variant {ref.variant!r}"
                                     + (f"; expected one of {', '.join(sorted(allowed))}"
                                        if allowed else "; statistics take no variant")))

    seen_articles: set[str] = set()
    for ai, a in enumerate(b.articles):
        if a.id in seen_articles:
            problems.append((("articles", ai, "id"), f"duplicate article id {a.id!r}"))
        seen_articles.add(a.id)
        for bi, by in enumerate(a.byline):
            need(("articles", ai, "byline", bi, "person"), by.person, "person")
        if a.publication:
            need(("articles", ai, "publication"), a.publication, "organisation")
        for si, sec in enumerate(a.sections):
            for bi, blk in enumerate(sec.blocks):
                bp: Path = ("articles", ai, "sections", si, "blocks", bi)
                if blk.type == "quote":
                    need((*bp, "speaker"), blk.speaker, "person")
                elif blk.type == "figure" and blk.credit is not None:
                    want = "organisation" if blk.credit.kind == "courtesy" else "person"
                    need((*bp, "credit", "who"), blk.credit.who, want)
                elif blk.type == "key_figures":
                    for fi, key in enumerate(blk.figures):
                        need((*bp, "figures", fi), key, "statistic")
    for i, src in enumerate(b.sources):
        need(("sources", i, "publication"), src.publication, "organisation")
    return problems
