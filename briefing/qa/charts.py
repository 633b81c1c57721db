"""Charts under ``check``: what a chart shows is what its statistics say, and the text
names what it plots.

Each chart is planned in both languages, as the writers will draw it; every
value label (and the change noted under it) is read back with the same
number readers that check prose (:mod:`.numbers`) and compared with its
statistic: the figure, and the direction of a change. A plotted statistic
that no prose and no key-figures list refers to is reported, since a chart
illustrates what the briefing says. A chart's title and note are prose: the
translation checks cover them like any other text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Literal

from .. import refs
from ..chartplan import ChartPlanner
from ..localize.numbers import round_significant
from ..model import Briefing, Chart, Statistic
from ..model.charts import plotted
from ..model.statistics import CHANGES
from ..model.walk import Loc, blocks, texts
from ..resolve import Resolver
from . import numbers

Add = Callable[[Literal["error", "warning"], str, Loc, str], None]


def charts(b: Briefing) -> Iterator[tuple[Loc, Chart]]:
    """Every chart of the briefing with its path: the key-figures chart, then blocks."""
    if b.key_figures_chart is not None:
        yield ("key_figures_chart",), b.key_figures_chart
    for loc, blk in blocks(b):
        if isinstance(blk, Chart):
            yield loc, blk


def _shown(stat: Statistic) -> Decimal:
    digits = stat.significant_digits
    return round_significant(stat.value, digits) if digits else stat.value


def _mismatch(text: str, stat: Statistic, lang: str, b: Briefing) -> str | None:
    """Why ``text`` does not show ``stat``: no figure, another figure, another direction."""
    read = numbers.zh_mentions if lang == "zh" else numbers.en_mentions
    found = [m for m in read(text, b.units) if m.certain and not m.unit.startswith("period")]
    if not found:
        return f"shows “{text}”, in which no figure can be read"
    m = found[0]
    if m.value != _shown(stat):
        return f"shows “{text}” ({m.value}), but the statistic is {_shown(stat)}"
    if stat.kind in CHANGES and m.direction is not None and m.direction is not (
            stat.direction or m.direction):
        return f"shows “{text}” ({m.direction.value}), but the statistic goes " \
               f"{stat.direction.value if stat.direction else 'up'}"
    return None


def check_charts(b: Briefing, r: Resolver, add: Add) -> None:
    """Findings for every chart: values shown against the statistics, unreferenced figures."""
    referenced = set(b.key_figures)
    for _, value in texts(b):
        for ref in refs.refs_in(value):
            referenced.update(ref.ids)
    planner = ChartPlanner(r)
    for loc, chart in charts(b):
        for key in (k for row in chart.rows for k in row):
            if key not in referenced:
                add("warning", "chart-unreferenced", (*loc, "figures"),
                    f"the chart plots {key}, which no text and no key-figures list refers "
                    "to: say in the text what the chart shows")
        sources = ChartPlanner.sources(chart)
        for lang in ("zh", "en"):
            planned = planner.plan(chart, lang)
            for series, keys in zip(planned.series, sources, strict=False):
                for i, key in enumerate(keys):
                    stat = b.statistics[key]
                    if series.values[i] != plotted(stat):
                        add("error", "chart-value", (*loc, "figures"),
                            f"{key} is drawn at {series.values[i]}, but the statistic is "
                            f"{plotted(stat)}")
                    why = _mismatch(series.labels[i], stat, lang, b)
                    if why:
                        add("error", "chart-value", (*loc, "figures"), f"{key} ({lang}) {why}")
                for i, key in enumerate(chart.changes if series.notes else []):
                    why = _mismatch(series.notes[i], b.statistics[key], lang, b)
                    if why:
                        add("error", "chart-value", (*loc, "changes"), f"{key} ({lang}) {why}")
