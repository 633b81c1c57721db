"""Statistics as each language writes them: every form of ``forms.md`` from one value.

zh keeps the source's notation: 1308.3亿元, 730余万户次, 4.8万余件, 超过500家,
23万吨左右, 七成以上, 近九成, 三分之二, 过半, 近百, 两座, 3至5年, 15%—20%,
2000万—3000万元, 连续6年, 全国第三, 第四条, 翻一番, 从86%提高至96%.

en is British house style: 130.83 billion yuan, more than 7.3 million,
US$206 million, HK$1.58 billion, €48 million, 1.2 billion yen, 4.867 million
TEU, 3,200 mu (about 213 hectares), more than 70%, two thirds, more than half,
nearly 100, dozens, two, three to five years, 15–20%, 20 million–30 million
yuan, for six consecutive years, third nationwide, the fourth, doubled.

Numbers one to nine are spelled out in English prose when they carry no unit
symbol (five years, three ports); digits stay with symbols (5%, 3 km) and in
tables. The words of a change (增长 / up, 减少 / down by) are labels, added by
:func:`change_words` for tables; in prose the writer's own verb carries them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from babel.lists import format_list as _cldr_list

from ..labels import N_, Labeller, label
from ..model import Basis, Kind, Lang, Notation, Qualifier, Statistic
from ..numerals import (
    EN_NUMBER_WORDS,
    chinese_numeral,
    chinese_round_word,
    english_ordinal_word,
)
from ..quantities import DEFAULT_ZH_MARKER, EN_QUALIFIERS, ZH_MARKERS
from ..units import UNITS, ZH_SCALES, Category, Unit
from .numbers import (
    EN_LIST_LOCALE,
    ZH_LOCALE,
    as_lang,
    format_number,
    number_parts,
    round_half_up,
    round_significant,
)


@dataclass(frozen=True)
class Options:
    """How figures are written where they stand.

    ``labels`` looks up the words of changes and from_to figures (a template's
    catalogs); ``units`` is the briefing's unit registry; ``table`` writes
    digits throughout (no spelled-out numbers); ``gloss`` adds a unit's
    conversion in English (3,200 mu (about 213 hectares)).
    """

    labels: Labeller = label
    units: Mapping[str, Unit] = field(default_factory=lambda: UNITS)
    table: bool = False
    gloss: bool = False


DEFAULT = Options()

#: English words for a fraction's denominator: (singular, plural).
_EN_PARTS = {2: ("half", "halves"), 3: ("third", "thirds"), 4: ("quarter", "quarters"),
             5: ("fifth", "fifths"), 10: ("tenth", "tenths")}
#: English for "several" round figures: 数十 dozens, 数百 hundreds …
_EN_SEVERAL = {10: "dozens", 100: "hundreds", 1000: "thousands", 10**4: "tens of thousands"}
_DOUBLINGS_EN = {1: "doubled", 2: "quadrupled"}


def _shown(stat: Statistic, value: Decimal) -> Decimal:
    """The value as both languages show it: rounded once, on the value, not per scale."""
    return round_significant(value, stat.significant_digits) if stat.significant_digits \
        else value


def _unit(stat: Statistic, opts: Options) -> Unit:
    return opts.units[stat.unit]


def _marker(stat: Statistic, qualifier: Qualifier) -> tuple[str, str, str]:
    """The Chinese marker split by where it stands: (before, inside, after)."""
    if qualifier is Qualifier.EXACT:
        return "", "", ""
    chosen = stat.zh_marker if stat.zh_marker and ZH_MARKERS[stat.zh_marker][0] is qualifier \
        else DEFAULT_ZH_MARKER[qualifier]
    position = ZH_MARKERS[chosen][1]
    return (chosen if position == "before" else "", chosen if position == "inside" else "",
            chosen if position == "after" else "")


# --------------------------------------------------------------------------- Chinese


def _zh_words(stat: Statistic, value: Decimal, qualifier: Qualifier, unit: Unit) -> str:
    """近百, 上千, 数十, 两座, 三大类, 不到两小时."""
    before, inside, after = _marker(stat, qualifier)
    n = int(value)
    round_word = chinese_round_word(n)
    noun = stat.noun.zh if stat.noun else ""
    word = (stat.measure_word or "") if unit.category is Category.COUNT \
        else (stat.zh_unit or unit.zh)
    if round_word and qualifier is not Qualifier.EXACT and before:
        return f"{before}{round_word}{word}{noun}{after}"
    return f"{before}{chinese_numeral(n, counting=True)}{inside}{word}{noun}{after}"


def _source_scale(stat: Statistic) -> int | None:
    """The power of ten of the scale word the source printed the figure with, if any."""
    return ZH_SCALES[stat.zh_scale] if stat.zh_scale else None


def _zh_figure(stat: Statistic, value: Decimal, qualifier: Qualifier, opts: Options,
               unit_word: bool = True) -> str:
    unit = _unit(stat, opts)
    before, inside, after = _marker(stat, qualifier)
    if stat.notation is Notation.TENTHS:
        return f"{before}{chinese_numeral(int(value) // 10)}成{inside}{after}"
    if unit.category is Category.FRACTION:
        assert stat.denominator is not None  # the model guarantees it
        if stat.denominator == 2 and value == 1:
            return f"{before}半" if before else "一半"
        return (f"{before}{chinese_numeral(stat.denominator)}分之{chinese_numeral(int(value))}"
                f"{after}")  # 三分之一左右
    if stat.notation is Notation.WORDS:
        return _zh_words(stat, value, qualifier, unit)
    parts = number_parts(_shown(stat, value), Lang.ZH, scaled=unit.allows_scale,
                         scale=_source_scale(stat))
    noun = stat.noun.zh if stat.noun else ""
    if unit.category is Category.COUNT:
        counter, word = stat.measure_word or "", noun
    else:
        word = (stat.zh_unit or unit.zh) + noun
        counter = unit.zh_counter
    if not unit_word:
        word = ""
    if inside and unit.category is Category.PERCENT:
        # 余/多 cannot split a number from its % sign: 40%多.
        return f"{before}{parts.mantissa}{word}{inside}{after}"
    if inside == "多" and parts.whole and not parts.scale and abs(value) < 10:
        # 3米多, 6元多, 5年多: below ten 多 follows the unit or measure word
        return f"{before}{parts.mantissa}{counter}{word}{inside}{after}"
    if parts.whole or not parts.scale:
        # 730余万户次, 1300余项, 40多倍: the marker stands before scale and measure word.
        return f"{before}{parts.mantissa}{inside}{parts.scale}{counter}{word}{after}"
    # 4.8万余件: after a scale with a decimal mantissa.
    return f"{before}{parts.mantissa}{parts.scale}{inside}{counter}{word}{after}"


# --------------------------------------------------------------------------- English


def _spelled(number: str, unit: Unit, opts: Options) -> str:
    """One to nine in words, in prose, for a unit without a symbol (five years, three
    ports; zero too for counts: zero companies); money keeps digits (6 yuan)."""
    if opts.table or unit.symbol or unit.category is Category.MONEY \
            or not (number.isdigit() and len(number) == 1):
        return number
    if number == "0" and unit.category is not Category.COUNT:
        return number
    return EN_NUMBER_WORDS[int(number)]


def _en_fraction(numerator: int, denominator: int) -> str:
    singular, plural = _EN_PARTS.get(denominator, (english_ordinal_word(denominator),
                                                   english_ordinal_word(denominator) + "s"))
    if numerator == 1:
        return "half" if denominator == 2 else f"a {singular}"
    return f"{EN_NUMBER_WORDS[numerator]} {plural}"


def _en_figure(stat: Statistic, value: Decimal, qualifier: Qualifier, opts: Options,
               unit_word: bool = True, plural: bool = False) -> str:
    unit = _unit(stat, opts)
    prefix = EN_QUALIFIERS.get(qualifier, "")
    prefix = prefix + " " if prefix else ""
    if unit.category is Category.FRACTION:
        assert stat.denominator is not None  # the model guarantees it
        return prefix + _en_fraction(int(value), stat.denominator)
    if qualifier is Qualifier.SEVERAL and int(value) in _EN_SEVERAL:
        noun = stat.noun.en if stat.noun else ""
        return _EN_SEVERAL[int(value)] + (f" of {noun}" if noun else "")
    shown = _shown(stat, value)
    parts = number_parts(shown, Lang.EN, scaled=unit.allows_scale and unit.en_scales,
                         scale=_source_scale(stat))
    number = _spelled(parts.joined(Lang.EN), unit, opts)
    singular = parts.joined(Lang.EN).lstrip("-") == "1" and not plural
    if unit.category is Category.COUNT:
        word = stat.noun.en_word(one=singular) if stat.noun else ""
    else:
        word = unit.en_word(plural=not singular)
        if stat.noun and stat.noun.en:
            word = f"{word} {stat.noun.en}" if word else stat.noun.en
    if not unit_word:
        word = ""
    figure = unit.en_prefix + number if unit_word or not unit.en_prefix else number
    if word:
        figure += word if unit.en_attached else " " + word
    if opts.gloss and unit.gloss and unit_word:
        converted = round_half_up(shown * unit.gloss.factor, 0)
        gloss_word = unit.gloss.en_one if converted == 1 else unit.gloss.en
        figure += f" (about {format_number(converted, Lang.EN, scaled=False)} {gloss_word})"
    return prefix + figure


# --------------------------------------------------------------------------- whole figures


def _figure(stat: Statistic, value: Decimal, lang: Lang, qualifier: Qualifier, opts: Options,
            *, unit_word: bool = True, plural: bool = False) -> str:
    if lang is Lang.ZH:
        return _zh_figure(stat, value, qualifier, opts, unit_word)
    return _en_figure(stat, value, qualifier, opts, unit_word, plural)


def _range(stat: Statistic, lang: Lang, opts: Options) -> str:
    """Two bounds: 3至5年 / three to five years; 15%—20% / 15–20%;
    2000万—3000万元 / 20 million–30 million yuan."""
    assert stat.upper is not None
    unit = _unit(stat, opts)
    high = _figure(stat, stat.upper, lang, stat.qualifier, opts, plural=True)
    if lang is Lang.ZH:
        repeat = unit.category is Category.PERCENT  # the source repeats %: 15%—20%
        low = _figure(stat, stat.value, lang, Qualifier.EXACT, opts, unit_word=repeat)
        return f"{low}{stat.range_mark or '—'}{high}"
    low = _figure(stat, stat.value, lang, Qualifier.EXACT, opts, unit_word=False)
    if unit.en_prefix:  # US$2 million–3 million
        low = unit.en_prefix + low
    spelled = not any(ch.isdigit() for ch in low)
    return f"{low} to {high}" if spelled else f"{low}\u2013{high}"


def _rank(stat: Statistic, lang: Lang) -> str:
    """居全国第三 / third nationwide; 第四条 / the fourth (line)."""
    n = int(stat.value)
    if lang is Lang.ZH:
        scope = stat.scope.zh if stat.scope else ""
        noun = stat.noun.zh if stat.noun else ""
        return f"{scope}第{chinese_numeral(n)}{stat.measure_word or ''}{noun}"
    ordinal = english_ordinal_word(n)
    if stat.scope:  # an untranslated scope (a draft's) adds nothing
        return f"{ordinal} {stat.scope.en}".rstrip()
    noun = f" {stat.noun.en}" if stat.noun and stat.noun.en else ""
    return f"the {ordinal}{noun}"


def _doubling(stat: Statistic, lang: Lang) -> str:
    """翻一番 / doubled; 翻两番 / quadrupled; 翻三番 / increased eightfold."""
    n = int(stat.value)
    if lang is Lang.ZH:
        return f"{stat.zh_verb or '翻'}{chinese_numeral(n, counting=True)}番"  # 翻了两番
    return _DOUBLINGS_EN.get(n, f"increased {2 ** n}-fold")


#: How a from_to figure reads: the words come from the label catalogs.
_FROM_TO = {
    "up": N_("from {start} up to {end}"),  # 从86%提高至96%
    "down": N_("from {start} down to {end}"),  # 从…下降至…
    "same": N_("unchanged at {end}"),  # 保持在…
}


def format_statistic(stat: Statistic, lang: Lang | str, opts: Options = DEFAULT) -> str:
    """The figure as prose refers to it (``{id}``): qualifier, number, unit, noun.

    The qualifier of a from_to figure applies to its end value; its words are
    labels. A change's verb (增长, 下降, 减少 …) is the prose's own; see
    :func:`change_words` for the figure with its verb, as tables show it.
    """
    language = as_lang(lang)
    if stat.kind is Kind.FROM_TO:
        assert stat.from_value is not None  # the model guarantees it
        start = _figure(stat, stat.from_value, language, Qualifier.EXACT, opts)
        end = _figure(stat, stat.value, language, stat.qualifier, opts)
        way = ("same" if stat.value == stat.from_value
               else "up" if stat.value > stat.from_value else "down")
        return opts.labels(_FROM_TO[way], language.value, start=start, end=end)
    if stat.kind is Kind.RANK:
        return _rank(stat, language)
    if stat.kind is Kind.DOUBLING:
        return _doubling(stat, language)
    if stat.kind is Kind.INCREASE_TIMES and language is Lang.EN:
        percent = stat.model_copy(update={"value": stat.value * 100, "unit": "percent",
                                          "kind": Kind.LEVEL,
                                          "upper": stat.upper * 100 if stat.upper else None})
        return format_statistic(percent, language, opts)
    if stat.upper is not None:
        text = _range(stat, language, opts)
    else:
        text = _figure(stat, stat.value, language, stat.qualifier, opts)
    if stat.consecutive:
        return f"连续{text}" if language is Lang.ZH else \
            f"for {_consecutive_en(stat, opts)}"
    return text


def _consecutive_en(stat: Statistic, opts: Options) -> str:
    """six consecutive years: the adjective stands between number and unit."""
    unit = _unit(stat, opts)
    number = _spelled(format_number(_shown(stat, stat.value), Lang.EN, scaled=False), unit,
                      opts)
    return f"{number} consecutive {unit.en_word(plural=stat.value != 1)}"


# --------------------------------------------------------------------------- changes in tables

#: (kind family, direction, language-neutral message) → label; values are the figure.
_CHANGE = {
    ("rate", False): N_("up {value}"),
    ("rate", True): N_("down {value}"),
    ("points", False): N_("up {value} in points"),
    ("points", True): N_("down {value} in points"),
    ("increase", False): N_("increase of {value}"),
    ("increase", True): N_("decrease of {value}"),
    ("amount", False): N_("up by {value}"),
    ("amount", True): N_("down by {value}"),
    ("duration", False): N_("{value} longer"),
    ("duration", True): N_("{value} shorter"),
}
_BASIS = {
    Basis.YEAR_ON_YEAR: N_("{change} year on year"),
    Basis.YEAR_END: N_("{change} compared with the end of last year"),
}
_PERIOD_ON_PERIOD = {
    "month": N_("{change} month on month"),
    "quarter": N_("{change} quarter on quarter"),
}
_RATIO = {
    Basis.YEAR_ON_YEAR: N_("{value} the level a year earlier"),
    Basis.YEAR_END: N_("{value} the level at the end of last year"),
}


#: Kinds a table and a chart word as a change, with a verb.
CHANGE_KINDS = frozenset({Kind.GROWTH, Kind.YOY_GROWTH, Kind.INCREASE, Kind.POINTS_CHANGE,
                          Kind.CHANGE, Kind.INCREASE_TIMES})


def basis_of(stat: Statistic) -> Basis | None:
    """What the change is measured against (yoy_growth implies year on year)."""
    return stat.basis or (Basis.YEAR_ON_YEAR if stat.kind is Kind.YOY_GROWTH else None)


def change_words(stat: Statistic, lang: Lang | str, opts: Options = DEFAULT) -> str:
    """A figure with the words of its kind and direction, as a table shows it:
    同比增长23.6% / up 23.6% year on year; 减少约23万吨 / down by about 230,000
    tonnes; 缩短1.5小时 / 1.5 hours shorter; 是上年同期的2.4倍 / 2.4 times the level
    a year earlier. Levels, shares and other kinds read as :func:`format_statistic`."""
    language = as_lang(lang)
    value = format_statistic(stat, language, opts)
    basis = basis_of(stat)
    if stat.kind is Kind.RATIO and basis in _RATIO:
        return opts.labels(_RATIO[basis], language.value, value=value)
    if stat.kind not in CHANGE_KINDS:
        return value
    change = _change_phrase(stat, language, opts, value)
    if basis is Basis.PERIOD_ON_PERIOD:
        per = "quarter" if stat.period and (stat.period.quarter or stat.period.through_quarter) \
            else "month"
        return opts.labels(_PERIOD_ON_PERIOD[per], language.value, change=change)
    if basis in _BASIS:
        return opts.labels(_BASIS[basis], language.value, change=change)
    return change


def _change_phrase(stat: Statistic, language: Lang, opts: Options, value: str) -> str:
    """The figure with the verb of its kind and direction, no basis: 增长18.6% / up 18.6%."""
    if language is Lang.ZH and stat.zh_verb:
        return f"{stat.zh_verb}{value}"
    if stat.kind is Kind.INCREASE:
        family = "increase"
    elif stat.kind is Kind.POINTS_CHANGE:
        family = "points"
    elif stat.kind is Kind.CHANGE:
        family = "duration" if _unit(stat, opts).category is Category.DURATION else "amount"
    else:
        family = "rate"
    return opts.labels(_CHANGE[(family, stat.falling)], language.value, value=value)


def change_label(stat: Statistic, lang: Lang | str, opts: Options = DEFAULT) -> str:
    """A change with its verb and no basis, as a chart notes it under a bar: 增长18.6% /
    up 18.6%; 下降3.2% / down 3.2%. Other kinds read as :func:`format_statistic`."""
    language = as_lang(lang)
    value = format_statistic(stat, language, opts)
    if stat.kind not in CHANGE_KINDS:
        return value
    return _change_phrase(stat, language, opts, value)


def chart_value(stat: Statistic, lang: Lang | str, opts: Options = DEFAULT) -> str:
    """The label of a bar or a point: the figure as a table shows it, a fall with its
    word (the bar already shows a rise): 6542.3亿元, 18.6%, 下降3.2% / down 3.2%."""
    language = as_lang(lang)
    if stat.kind in CHANGE_KINDS and stat.falling:
        return change_label(stat, language, opts)
    return format_statistic(stat, language, opts)


# --------------------------------------------------------------------------- lists


def _en_prefixed(figure: str, sign: str) -> str:
    """A currency sign before a figure's number, after its qualifier: about US$3 million."""
    at = next((i for i, ch in enumerate(figure) if ch.isdigit()), 0)
    return figure[:at] + sign + figure[at:]


def format_list(stats: Sequence[Statistic], lang: Lang | str, opts: Options = DEFAULT) -> str:
    """Statistics of one unit as a list, joined by CLDR's list pattern.

    zh: 23.6%和21.6%; 2个、2.1个、2个和1.5个百分点 (a ``shareable`` unit prints
    once, after the last item, but a counter such as 个 stays on each).
    en: 23.6% and 21.6%; 2, 2.1, 2 and 1.5 percentage points (British style,
    no serial comma).
    """
    language = as_lang(lang)
    items = list(stats)
    if not items:
        return ""
    if len(items) == 1:
        return format_statistic(items[0], language, opts)
    units = sorted({s.unit for s in items})
    if len(units) > 1:
        raise ValueError(f"a list of figures needs one unit, got {', '.join(units)}")
    unit = opts.units[units[0]]
    if any(s.value % 1 for s in items):  # 2, 2.1 and 1.5: no word beside a decimal
        opts = Options(opts.labels, opts.units, True, opts.gloss)
    simple = all(s.kind not in (Kind.FROM_TO, Kind.RANK, Kind.DOUBLING, Kind.INCREASE_TIMES)
                 and s.upper is None and not s.consecutive for s in items)
    if unit.shareable and simple:
        texts = [_figure(s, s.value, language, s.qualifier, opts, unit_word=False)
                 for s in items[:-1]]
        if language is Lang.EN and unit.en_prefix:  # a sign stays on each: US$3 and US$4
            texts = [_en_prefixed(t, unit.en_prefix) for t in texts]
        last = items[-1]
        texts.append(_figure(last, last.value, language, last.qualifier, opts, plural=True))
    else:
        texts = [format_statistic(s, language, opts) for s in items]
    locale = ZH_LOCALE if language is Lang.ZH else EN_LIST_LOCALE
    return _cldr_list(texts, style="standard", locale=locale)
