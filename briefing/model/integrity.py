"""Cross-references inside a briefing: every id used must resolve to the right kind."""

from __future__ import annotations

from .. import refs
from ..units import UNITS
from .articles import Chart
from .charts import chart_problems
from .fields import BriefingFields
from .walk import Loc, blocks, chart_ids, named_ids, texts

ENTITY_VARIANTS = {"full", "short"}
STATISTIC_VARIANTS: set[str] = set()


class IntegrityError(ValueError):
    """Ids that do not resolve; each problem is (field path, message)."""

    def __init__(self, problems: list[tuple[Loc, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{'.'.join(map(str, p))}: {m}" for p, m in problems))


def _kinds(b: BriefingFields, problems: list[tuple[Loc, str]]) -> dict[str, str]:
    """Each id's kind (statistic, person, organisation, term); an id used twice is a problem."""
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
    return kinds


def _reference_problems(b: BriefingFields, kinds: dict[str, str]) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
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
    return problems


def _unit_problems(b: BriefingFields) -> list[tuple[Loc, str]]:
    problems: list[tuple[Loc, str]] = []
    for key in b.glossary.units:
        if key in UNITS:
            problems.append((("glossary", "units", key),
                             f"{key!r} is a built-in unit; declare yours under another id"))
    units = b.units
    for sid, stat in b.statistics.items():
        for name in ("unit", "in_terms_of"):
            unit = getattr(stat, name)
            if unit is not None and unit not in units:
                problems.append((("statistics", sid, name),
                                 f"unknown unit {unit!r}: not built in (" + ", ".join(UNITS)
                                 + ") and not declared under glossary.units"))
    return problems


def integrity_problems(b: BriefingFields) -> list[tuple[Loc, str]]:
    """Every id that does not resolve, or resolves to the wrong kind of entry."""
    problems: list[tuple[Loc, str]] = []
    kinds = _kinds(b, problems)

    def need(path: Loc, key: str, want: str) -> None:
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
    problems += _reference_problems(b, kinds)
    problems += _unit_problems(b)
    seen_articles: set[str] = set()
    for ai, a in enumerate(b.articles):
        if a.id in seen_articles:
            problems.append((("articles", ai, "id"), f"duplicate article id {a.id!r}"))
        seen_articles.add(a.id)
        for bi, by in enumerate(a.byline):
            need(("articles", ai, "byline", bi, "person"), by.person, "person")
        if a.publication:
            need(("articles", ai, "publication"), a.publication, "organisation")
        if a.dateline_by:
            need(("articles", ai, "dateline_by"), a.dateline_by, "organisation")
    for loc, blk in blocks(b):
        for sub, key, want in named_ids(blk):
            need((*loc, *sub), key, want)
        credit = getattr(blk, "credit", None)
        if credit is not None and credit.staff and not b.articles[int(loc[1])].publication:
            problems.append(((*loc, "credit", "staff"), "a staff photographer's credit names "
                             "the article's paper: give the article a publication"))
    for i, src in enumerate(b.sources):
        need(("sources", i, "publication"), src.publication, "organisation")
    charts: list[tuple[Loc, Chart]] = [(loc, blk) for loc, blk in blocks(b)
                                       if isinstance(blk, Chart)]
    if b.key_figures_chart is not None:
        charts.append((("key_figures_chart",), b.key_figures_chart))
        for sub, key, want in chart_ids(b.key_figures_chart):
            need(("key_figures_chart", *sub), key, want)
    for loc, chart in charts:
        problems += [((*loc, *sub), f"chart: {msg}")
                     for sub, msg in chart_problems(chart, b.statistics, b.units)]
    return problems
