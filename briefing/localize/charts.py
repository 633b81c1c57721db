"""A chart's value axis as each language writes it: tick labels and the unit they count.

zh keeps the notation of prose: 0, 2000亿, 4000亿 (万/亿/万亿, no separators);
en: 0, 200 billion, 400 billion (separators, million/billion). Percentages
carry their sign on every tick (10%); other units are named once, on the
axis (元 / yuan, 万吨 is 吨 with the scale on the tick). The values of bars
and points read as tables write them: :func:`~.statistics.chart_value`.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..model import Lang, Statistic
from ..units import Category, Unit
from .numbers import as_lang, format_number
from .statistics import DEFAULT, Options


def tick_label(value: Decimal, unit: Unit, lang: Lang | str) -> str:
    """One tick of a value axis: 2000亿 / 200 billion; 10% on a percent axis."""
    language = as_lang(lang)
    scaled = unit.allows_scale if language is Lang.ZH else unit.allows_scale and unit.en_scales
    number = format_number(value, language, scaled=scaled)
    if unit.category is Category.PERCENT:
        return number + (unit.zh if language is Lang.ZH else unit.en)
    return number


def tick_labels(values: Sequence[Decimal], unit: Unit, lang: Lang | str) -> list[str]:
    return [tick_label(v, unit, lang) for v in values]


def axis_unit(stat: Statistic, lang: Lang | str, opts: Options = DEFAULT) -> str:
    """The unit a value axis counts in, when its ticks do not show it: 元 / yuan, 吨 /
    tonnes, 家企业 / companies; empty for percentages (every tick has %)."""
    language = as_lang(lang)
    unit = opts.units[stat.unit]
    if unit.category is Category.PERCENT:
        return ""
    if language is Lang.ZH:
        if unit.category is Category.COUNT:
            return (stat.measure_word or "") + (stat.noun.zh if stat.noun else "")
        return (stat.zh_unit or unit.zh) + (stat.noun.zh if stat.noun else "")
    if unit.category is Category.COUNT:
        return stat.noun.en if stat.noun else ""
    word = unit.en_word(plural=True) or unit.en_prefix
    if stat.noun and stat.noun.en:
        word = f"{word} {stat.noun.en}".strip()
    return word
