"""The unit registry: how each unit a statistic can carry reads in each language.

The built-in units cover the quantity forms of Chinese economic news
(``../shared/reference/forms.md``): currencies, energy and power, distance
and area, freight, time, percentages and counts. A content file or a term
base declares more under ``units:`` (see :class:`briefing.model.UnitSpec`);
both end up as :class:`Unit` values in one registry per briefing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class Category(StrEnum):
    MONEY = "money"
    PERCENT = "percent"
    POINTS = "points"
    MEASURE = "measure"
    COUNT = "count"
    MULTIPLE = "multiple"
    DURATION = "duration"
    FRACTION = "fraction"


@dataclass(frozen=True)
class Gloss:
    """A conversion shown after a figure in English: 3,200 mu (about 213 hectares)."""

    factor: Decimal  # one of the unit is this many of the gloss unit
    en: str  # the gloss unit, plural: "hectares"
    en_one: str  # singular: "hectare"


@dataclass(frozen=True)
class Unit:
    """How one unit reads.

    ``zh`` follows the number (with the scale word before it: 1308.3亿元);
    ``zh_aliases`` are other words the source may print for it (度 for
    千瓦时: a statistic keeps the word its source used). ``zh_counter`` is a
    measure word that takes 余/多 after it in a list (2个、2.1个 ... 百分点
    keeps 个 on each item). ``en`` is the English unit after the number and
    ``en_one`` its singular (a symbol such as % or kWh has none: it never
    changes); ``en_prefix`` is a currency sign written before the figure
    (US$206 million). ``symbol`` units keep digits below ten in English
    prose (5%, 3 km); other units spell one to nine out (five years).
    """

    id: str
    category: Category
    zh: str
    en: str
    en_one: str | None = None
    zh_counter: str = ""
    zh_aliases: tuple[str, ...] = ()
    en_attached: bool = False  # "23.6%", "-fold", "-tonne-class": no space before the unit
    en_prefix: str = ""
    symbol: bool = False
    allows_scale: bool = True  # 万/亿 in Chinese
    en_scales: bool = True  # million/billion in English (a class, 100,000-tonne, has none)
    shareable: bool = False  # a list of these may print the unit once, after the last item
    gloss: Gloss | None = None

    @property
    def zh_words(self) -> tuple[str, ...]:
        """Every Chinese word for the unit, the usual one first."""
        return (self.zh, *self.zh_aliases) if self.zh else self.zh_aliases

    def en_word(self, plural: bool) -> str:
        return self.en if plural or not self.en_one else self.en_one


UNITS: dict[str, Unit] = {
    u.id: u
    for u in [
        # money: yuan after the figure; US$, HK$ and € before it; yen after it
        Unit("yuan", Category.MONEY, "元", "yuan", "yuan", shareable=True),
        Unit("usd", Category.MONEY, "美元", "", en_prefix="US$", symbol=True, shareable=True),
        Unit("hkd", Category.MONEY, "港元", "", en_prefix="HK$", symbol=True, shareable=True),
        Unit("eur", Category.MONEY, "欧元", "", en_prefix="€", symbol=True, shareable=True),
        Unit("jpy", Category.MONEY, "日元", "yen", "yen", shareable=True),
        Unit("percent", Category.PERCENT, "%", "%", en_attached=True, symbol=True,
             allows_scale=False, zh_aliases=("％",)),
        Unit("percentage_point", Category.POINTS, "百分点", "percentage points",
             "percentage point", zh_counter="个", allows_scale=False, shareable=True),
        # energy and power: the source's word stays (千瓦时 or 度)
        Unit("kwh", Category.MEASURE, "度", "kWh", symbol=True, zh_aliases=("千瓦时",)),
        Unit("mwh", Category.MEASURE, "兆瓦时", "MWh", symbol=True),
        Unit("kw", Category.MEASURE, "千瓦", "kW", symbol=True),
        Unit("mw", Category.MEASURE, "兆瓦", "MW", symbol=True),
        # mass, freight
        Unit("tonne", Category.MEASURE, "吨", "tonnes", "tonne", shareable=True),
        Unit("tonne_per_year", Category.MEASURE, "吨/年", "tonnes per year", "tonne per year"),
        Unit("tonne_class", Category.MEASURE, "吨级", "-tonne-class", en_attached=True,
             en_scales=False),
        Unit("teu", Category.MEASURE, "标准箱", "TEU", symbol=True, shareable=True),
        # distance and area
        Unit("km", Category.MEASURE, "公里", "km", symbol=True, zh_aliases=("千米",)),
        Unit("square_metre", Category.MEASURE, "平方米", "square metres", "square metre"),
        Unit("square_km", Category.MEASURE, "平方公里", "square kilometres",
             "square kilometre", zh_aliases=("平方千米",)),
        Unit("mu", Category.MEASURE, "亩", "mu", "mu",
             gloss=Gloss(Decimal(1) / Decimal(15), "hectares", "hectare")),
        Unit("hectare", Category.MEASURE, "公顷", "hectares", "hectare"),
        # multiples, time, fractions, counts
        Unit("fold", Category.MULTIPLE, "倍", "-fold", en_attached=True, allows_scale=False),
        Unit("times", Category.MULTIPLE, "倍", "times", "times", allows_scale=False),
        Unit("year", Category.DURATION, "年", "years", "year", allows_scale=False),
        Unit("month", Category.DURATION, "个月", "months", "month", allows_scale=False),
        Unit("day", Category.DURATION, "天", "days", "day", allows_scale=False),
        Unit("hour", Category.DURATION, "小时", "hours", "hour", allows_scale=False),
        Unit("fraction", Category.FRACTION, "", "", allows_scale=False),
        # A count: the measure word (家, 个, 辆 ...) and the noun come from the statistic.
        Unit("count", Category.COUNT, "", ""),
    ]
}

BUILTIN_UNIT_IDS: tuple[str, ...] = tuple(UNITS)

#: Scale words and the power of ten each stands for: the one table that the
#: model (1308.3亿), the localisation, the check and the line breaker read.
ZH_SCALES: dict[str, int] = {"万": 4, "亿": 8, "万亿": 12}
EN_SCALES: dict[str, int] = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
#: The abbreviations English news writes right after a figure (301.27bn yuan, $4.5bn,
#: 12mn tonnes): read, never printed. A bare "m" or "k" is left out (5m is five metres).
EN_SCALE_ABBREVIATIONS: dict[str, int] = {"mn": 6, "bn": 9, "tn": 12, "trn": 12}
#: English prints a scale word from a million up (730,000, not 730 thousand).
EN_SCALE_FROM = 6


def registry(extra: Mapping[str, Unit] | None = None) -> Mapping[str, Unit]:
    """The built-in units with a briefing's own (which may not redefine a built-in)."""
    return UNITS if not extra else {**UNITS, **extra}
