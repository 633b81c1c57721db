"""The unit registry: how each unit a statistic can carry reads in each language."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    MONEY = "money"
    PERCENT = "percent"
    POINTS = "points"
    MEASURE = "measure"
    COUNT = "count"
    MULTIPLE = "multiple"
    DURATION = "duration"


@dataclass(frozen=True)
class Unit:
    """How one unit reads.

    ``zh`` follows the number (with the scale word before it: 1308.3亿元);
    ``zh_counter`` is a measure word that takes 余/多 after it in a list
    (2个、2.1个 ... 百分点 keeps 个 on each item). ``en`` is the English
    unit after the number; ``en_one`` its singular (a symbol such as % or
    kWh has none: it never changes).
    """

    id: str
    category: Category
    zh: str
    en: str
    en_one: str | None = None
    zh_counter: str = ""
    en_attached: bool = False  # "23.6%" has no space before the unit
    allows_scale: bool = True
    shareable: bool = False  # a list of these may print the unit once, after the last item


UNITS: dict[str, Unit] = {
    u.id: u
    for u in [
        Unit("yuan", Category.MONEY, "元", "yuan", "yuan", shareable=True),
        Unit(
            "percent",
            Category.PERCENT,
            "%",
            "%",
            en_attached=True,
            allows_scale=False,
        ),
        Unit(
            "percentage_point",
            Category.POINTS,
            "百分点",
            "percentage points",
            "percentage point",
            zh_counter="个",
            allows_scale=False,
            shareable=True,
        ),
        Unit("kwh", Category.MEASURE, "度", "kWh"),
        Unit("mwh", Category.MEASURE, "兆瓦时", "MWh"),
        Unit("tonne", Category.MEASURE, "吨", "tonnes", "tonne", shareable=True),
        Unit("tonne_per_year", Category.MEASURE, "吨/年", "tonnes per year", "tonne per year"),
        Unit("square_metre", Category.MEASURE, "平方米", "square metres", "square metre"),
        Unit("fold", Category.MULTIPLE, "倍", "-fold", en_attached=True, allows_scale=False),
        Unit("year", Category.DURATION, "年", "years", "year", allows_scale=False),
        Unit("month", Category.DURATION, "个月", "months", "month", allows_scale=False),
        # A count: the measure word (家, 个, 项 ...) comes from the statistic.
        Unit("count", Category.COUNT, "", ""),
    ]
}

#: Chinese measure words a count may use (the English noun, if any, comes
#: from the statistic: 40余家企业 / more than 40 companies).
MEASURE_WORDS: frozenset[str] = frozenset(
    [
        "个",
        "家",
        "项",
        "名",
        "人",
        "台套",
        "件",
        "条",
        "座",
        "批",
        "次",
        "户次",
        "台",
        "艘",
        "所",
        "位",
        "种",
    ]
)

#: Scale words and the power of ten each stands for: the one table that the
#: model (1308.3亿), the localisation, the check and the line breaker read.
ZH_SCALES: dict[str, int] = {"万": 4, "亿": 8, "万亿": 12}
EN_SCALES: dict[str, int] = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
#: English prints a scale word from a million up (730,000, not 730 thousand).
EN_SCALE_FROM = 6
