"""What a chart can plot: one unit, one family of kinds, periods that form a series.

The one home of these rules: the integrity check refuses a chart that breaks
them (naming the statistics and, through the loader, the chart's line), and
the planner reads the plotted value of each statistic from :func:`plotted`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from ..units import UNITS, Category, Unit
from .articles import Chart
from .statistics import CHANGES, Kind, Period, Statistic

#: Kinds a chart can draw as a bar or a point: a level, a share, or a change by a rate
#: or an amount. Ranks, doublings, multiples, ratios and from-to figures are not
#: quantities on one axis.
PLOTTABLE = frozenset({Kind.LEVEL, Kind.SHARE, *CHANGES} - {Kind.INCREASE_TIMES})
LEVELS = frozenset({Kind.LEVEL, Kind.SHARE})
#: A share chart's parts may add up to a little over 100 by rounding.
SHARE_SLACK = Decimal("0.5")


def plotted(stat: Statistic) -> Decimal:
    """The number a chart draws for a statistic: a fall is negative (down 3.2% → -3.2)."""
    return -stat.value if stat.falling else stat.value


def _period_text(p: Period | None) -> str:
    if p is None:
        return "no period"
    fields = p.model_dump(exclude_defaults=True)
    return " ".join(f"{k} {v}" for k, v in fields.items())


def period_step(p: Period) -> tuple[tuple[object, ...], int] | None:
    """A period's shape and its position in a series of that shape (None: not a step).

    Years count by one; quarters, halves and months run on across years; a
    run of months (1—9月) or the first quarters of a year compare year by year.
    """
    fields = p.model_dump(exclude_defaults=True)
    if p.year is None:
        if p.plan is not None and len(fields) == 1:
            return ("plan",), p.plan
        return None
    shape = tuple(sorted(k for k in fields if k != "year"))
    if shape == ("quarter",):
        assert p.quarter is not None
        return shape, p.year * 4 + p.quarter - 1
    if shape == ("half",):
        assert p.half is not None
        return shape, p.year * 2 + p.half - 1
    if shape in (("month",), ("as_of_end", "month")):
        assert p.month is not None
        return shape, p.year * 12 + p.month - 1
    if p.day is not None:
        return None
    # a year, or the same part of each year (1—9月, 前三季度): year on year
    return tuple((k, fields[k]) for k in shape), p.year


def _series_problem(periods: list[Period | None]) -> str | None:
    """Why these periods, in this order, are not consecutive steps of one kind."""
    if any(p is None for p in periods):
        return "every figure of a series needs a period"
    steps = [period_step(p) for p in periods if p is not None]
    shown = "; ".join(_period_text(p) for p in periods)
    if any(s is None for s in steps):
        return f"a day or a range of years is not a step of a series ({shown})"
    if len({s[0] for s in steps if s is not None}) > 1:
        return f"the periods are of different kinds ({shown})"
    positions = [s[1] for s in steps if s is not None]
    if any(b - a != 1 for a, b in zip(positions, positions[1:], strict=False)):
        return f"the periods must follow one another in order, one step apart ({shown})"
    return None


def chart_problems(chart: Chart, stats: Mapping[str, Statistic],
                   units: Mapping[str, Unit] = UNITS) -> list[tuple[tuple[str | int, ...], str]]:
    """Why a chart cannot be plotted, each with a field path inside the chart.

    Statistics that do not exist are reported by the id check, not here.
    """
    problems: list[tuple[tuple[str | int, ...], str]] = []
    rows = chart.rows
    plotted_ids = [k for row in rows for k in row if k in stats]
    if not plotted_ids:
        return problems
    for group, ids in (("figures", plotted_ids), ("changes", [k for k in chart.changes
                                                                if k in stats])):
        by_unit: dict[str, list[str]] = {}
        for k in ids:
            by_unit.setdefault(stats[k].unit, []).append(k)
        if len(by_unit) > 1:
            problems.append(((group,), "a chart plots one unit; these differ: " + "; ".join(
                f"{unit}: {', '.join(keys)}" for unit, keys in by_unit.items())))
        for k in ids:
            s = stats[k]
            if s.kind not in PLOTTABLE:
                problems.append(((group,), f"{k} is a {s.kind.value} figure, which a chart "
                                 "cannot plot on an axis"))
            elif s.upper is not None:
                problems.append(((group,), f"{k} is a range; a chart plots single values"))
            elif s.unit in units and units[s.unit].category is Category.FRACTION:
                problems.append(((group,), f"{k} is a fraction; enter it in percent to "
                                 "plot it"))
    kinds = {k: stats[k].kind for k in plotted_ids}
    levels = [k for k, kind in kinds.items() if kind in LEVELS]
    changes = [k for k, kind in kinds.items() if kind in CHANGES]
    if levels and changes:
        problems.append((("figures",), "a chart plots levels or changes, not both: levels "
                         f"{', '.join(levels)}; changes {', '.join(changes)}"))
    for k in chart.changes:
        if k in stats and stats[k].kind not in CHANGES:
            problems.append((("changes",), f"{k} is not a change (growth, increase, points "
                             "change or change)"))
    if chart.kind in ("bar", "share", "grouped_bar"):
        need_label = [k for k in (row[0] for row in rows) if k in stats
                      and stats[k].label is None] if chart.kind == "grouped_bar" else \
            [k for k in plotted_ids if stats[k].label is None]
        if need_label:
            problems.append((("figures",), "a chart names its bars by the statistics' labels; "
                             f"give a label to {', '.join(need_label)}"))
    if chart.kind in ("bar", "share"):
        periods = {_period_text(stats[k].period): k for k in plotted_ids if stats[k].period}
        if len(periods) > 1:
            problems.append((("figures",), "the bars of one chart compare one period; these "
                             "differ: " + "; ".join(f"{k}: {p}" for p, k in periods.items())))
    if chart.kind == "share":
        bad = [k for k in plotted_ids if stats[k].unit != "percent"
               or stats[k].kind not in LEVELS or stats[k].value < 0]
        if bad:
            problems.append((("figures",), "a share chart plots parts of a whole in percent; "
                             f"not a share: {', '.join(bad)}"))
        total = sum((stats[k].value for k in plotted_ids), Decimal(0))
        if total > 100 + SHARE_SLACK:
            problems.append((("figures",), f"the parts add up to {total}%, more than the "
                             "whole"))
    if chart.kind == "line":
        for i, row in enumerate(rows):
            if all(k in stats for k in row):
                why = _series_problem([stats[k].period for k in row])
                if why:
                    problems.append((("figures", i) if len(rows) > 1 else ("figures",),
                                     f"the periods do not form a series: {why}"))
        first = [stats[k].period for k in rows[0] if k in stats]
        for i, row in enumerate(rows[1:], start=1):
            if all(k in stats for k in row) and [stats[k].period for k in row] != first:
                problems.append((("figures", i), "every line of a chart runs over the same "
                                 "periods as the first"))
    if chart.kind == "grouped_bar":
        first = [stats[k].period for k in rows[0] if k in stats]
        if any(p is None for p in first) or len({_period_text(p) for p in first}) < len(first):
            problems.append((("figures", 0), "the bars of a group stand for different "
                             "periods: give each figure of a group its own period"))
        for i, row in enumerate(rows[1:], start=1):
            if all(k in stats for k in row) and [stats[k].period for k in row] != first:
                problems.append((("figures", i), "each group shows the same periods, in the "
                                 "same order, as the first"))
    return problems

