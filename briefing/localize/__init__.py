"""Localisation: every number, statistic and period becomes text here, and only here.

Pure functions of (value, language); see :mod:`.numbers`, :mod:`.periods`,
:mod:`.dates` and :mod:`.names`. Labels come from :mod:`briefing.labels`.
"""

from .dates import format_partial_date
from .names import format_name
from .numbers import (
    format_list,
    format_number,
    format_statistic,
    number_parts,
    round_half_up,
)
from .periods import (
    chinese_numeral,
    english_ordinal,
    format_period,
    parse_chinese_numeral,
    plan_years,
)

__all__ = [
    "format_name",
    "format_partial_date",
    "chinese_numeral",
    "english_ordinal",
    "format_list",
    "format_number",
    "format_period",
    "format_statistic",
    "number_parts",
    "parse_chinese_numeral",
    "plan_years",
    "round_half_up",
]
