"""Localisation: every number, statistic and period becomes text here, and only here.

Pure functions of (value, language); see :mod:`.numbers`, :mod:`.periods`,
:mod:`.dates` and :mod:`.names`. Labels come from :mod:`briefing.labels`.
"""

from .charts import axis_unit, tick_label
from .dates import format_partial_date
from .names import format_name
from .numbers import format_number, number_parts, round_half_up
from .periods import format_period, plan_years
from .statistics import (
    Options,
    change_label,
    change_words,
    chart_value,
    format_list,
    format_statistic,
)

__all__ = [
    "axis_unit",
    "change_label",
    "chart_value",
    "tick_label",
    "format_name",
    "format_partial_date",
    "Options",
    "change_words",
    "format_list",
    "format_number",
    "format_period",
    "format_statistic",
    "number_parts",
    "plan_years",
    "round_half_up",
]
