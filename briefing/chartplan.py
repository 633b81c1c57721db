"""A chart of the content → a chart of the plan in one language: every value and string final.

Categories are the statistics' labels (periods, for a line chart); values are
:func:`~briefing.model.charts.plotted` (a fall is negative); value labels,
ticks and the axis unit come from :mod:`briefing.localize`; the alt text is
generated from the same values ("Bar chart: Exports 654.23 billion yuan, up
7.2%; …"). The model has already refused what cannot be plotted.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from babel.lists import format_list as cldr_list

from .labels import N_
from .localize import axis_unit, change_label, chart_value, format_period, tick_label
from .localize.numbers import EN_LIST_LOCALE, ZH_LOCALE
from .model import Chart as ChartBlock
from .model import Statistic
from .model.charts import SHARE_SLACK, plotted
from .plan import Chart, ChartKind, LangCode, Series, Tick
from .resolve import Resolver

#: The value axis aims at about this many steps.
STEPS = 4
_NICE = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))

_ALT = {
    ChartKind.BAR: N_("Bar chart: {items}."),
    ChartKind.GROUPED_BAR: N_("Grouped bar chart: {items}."),
    ChartKind.LINE: N_("Line chart: {items}."),
    ChartKind.SHARE: N_("Share chart: {items}."),
}


def nice_ticks(values: list[Decimal], steps: int = STEPS) -> list[Decimal]:
    """Round ticks from below the least value (or 0) to above the greatest (or 0),
    at a step of 1, 2, 2.5 or 5 times a power of ten."""
    low, high = min([Decimal(0), *values]), max([Decimal(0), *values])
    if low == high:
        high = low + 1
    raw = (high - low) / steps
    power = Decimal(10) ** raw.adjusted()
    step = next(n * power for n in _NICE if n * power >= raw)
    first = (low / step).to_integral_value(ROUND_FLOOR) * step
    last = (high / step).to_integral_value(ROUND_CEILING) * step
    count = int((last - first) / step)
    return [(first + i * step).normalize() + 0 for i in range(count + 1)]


class ChartPlanner:
    """Plans the charts of one briefing with one resolver (labels, names, options)."""

    def __init__(self, r: Resolver):
        self.r = r
        self.stats = r.b.statistics

    def stat(self, key: str) -> Statistic:
        return self.stats[key]

    def label_of(self, key: str, lang: LangCode) -> str:
        stat = self.stat(key)
        assert stat.label is not None  # the model's chart check guarantees it
        return self.r.bi(stat.label, lang)

    def value(self, key: str, lang: LangCode) -> str:
        return chart_value(self.stat(key), lang, self.r.table)

    def title(self, c: ChartBlock, lang: LangCode) -> str:
        """The chart's own title, or its categories (series, for lines) as a list."""
        if c.title is not None:
            return self.r.bi(c.title, lang)
        if c.kind in ("line", "grouped_bar"):
            names = [self.label_or_id(row[0], lang) for row in c.rows]
        else:
            names = [self.label_or_id(k, lang) for k in c.rows[0]]
        return _join(names, lang)

    def label_or_id(self, key: str, lang: LangCode) -> str:
        stat = self.stat(key)
        return self.r.bi(stat.label, lang) if stat.label else key

    @staticmethod
    def sources(c: ChartBlock) -> list[list[str]]:
        """The statistic behind each value of each series of :meth:`plan`, in order (a
        share chart's "other" part has none)."""
        rows = c.rows
        if c.kind == "grouped_bar":
            return [[row[pos] for row in rows] for pos in range(len(rows[0]))]
        return [list(row) for row in rows]

    def plan(self, c: ChartBlock, lang: LangCode) -> Chart:
        kind = ChartKind(c.kind)
        rows = c.rows
        unit = self.r.b.units[self.stat(rows[0][0]).unit]
        first = self.stat(rows[0][0])
        series: list[Series] = []
        items: list[str] = []
        comma = self.r.label(N_(", "), lang)
        if kind is ChartKind.BAR or kind is ChartKind.SHARE:
            keys = rows[0]
            categories = [self.label_of(k, lang) for k in keys]
            values = [plotted(self.stat(k)) for k in keys]
            labels = [self.value(k, lang) for k in keys]
            notes = [change_label(self.stat(k), lang, self.r.table) for k in c.changes]
            if kind is ChartKind.SHARE:
                rest = 100 - sum(values, Decimal(0))
                if rest > SHARE_SLACK:
                    categories.append(self.r.label(N_("Other"), lang))
                    values.append(rest)
                    labels.append(tick_label(rest, unit, lang))
            series.append(Series("", tuple(values), tuple(labels), tuple(notes)))
            for i, (name, text) in enumerate(zip(categories, labels, strict=True)):
                item = self.r.label(N_("{name} {value}"), lang, name=name, value=text)
                if notes:
                    item = comma.join([item, notes[i]])
                items.append(item)
        elif kind is ChartKind.GROUPED_BAR:
            categories = [self.label_of(row[0], lang) for row in rows]
            for pos in range(len(rows[0])):
                period = self.stat(rows[0][pos]).period
                assert period is not None  # the model's chart check guarantees it
                name = format_period(period, lang, table=True)
                keys = [row[pos] for row in rows]
                series.append(Series(name, tuple(plotted(self.stat(k)) for k in keys),
                                     tuple(self.value(k, lang) for k in keys)))
            for gi in range(len(rows)):
                pairs = [self.r.label(N_("{name} {value}"), lang, name=s.name,
                                      value=s.labels[gi]) for s in series]
                items.append(self.r.label(N_("{name}: {values}"), lang, name=categories[gi],
                                          values=comma.join(pairs)))
        else:  # a line over periods
            periods = [self.stat(k).period for k in rows[0]]
            categories = [format_period(p, lang, table=True) for p in periods if p is not None]
            for row in rows:
                name = self.label_or_id(row[0], lang) if len(rows) > 1 or first.label else ""
                s = Series(name, tuple(plotted(self.stat(k)) for k in row),
                           tuple(self.value(k, lang) for k in row))
                series.append(s)
                pairs = [self.r.label(N_("{name} {value}"), lang, name=period, value=text)
                         for period, text in zip(categories, s.labels, strict=True)]
                items.append(self.r.label(N_("{name}: {values}"), lang, name=name,
                                          values=comma.join(pairs)) if name
                             else comma.join(pairs))
        if kind is ChartKind.SHARE:
            ticks: list[Tick] = []
            axis = ""
        else:
            marks = nice_ticks([v for s in series for v in s.values])
            ticks = [Tick(v, tick_label(v, unit, lang)) for v in marks]
            axis = axis_unit(first, lang, self.r.table)
            if axis:
                axis = self.r.label(N_("Unit: {unit}"), lang, unit=axis)
        joined = items[0]
        for item in items[1:]:
            joined = self.r.label(N_("{items}; {item}"), lang, items=joined, item=item)
        alt = self.r.label(_ALT[kind], lang, items=joined)
        return Chart(kind, lang, tuple(categories), tuple(series), tuple(ticks), axis, alt,
                     self.title(c, lang))


def _join(names: list[str], lang: LangCode) -> str:
    locale = ZH_LOCALE if lang == "zh" else EN_LIST_LOCALE
    return cldr_list(names, style="standard", locale=locale)
