"""Quantities as written in free Chinese and English prose, normalised for comparison.

The check reads both sides of every text with the grammar of
:mod:`briefing.quantities` and the unit registry, and compares what it finds:
value, unit or currency, qualifier, direction (增长/下降, up/down), basis
(同比/环比, year on year / month on month), periods (前三季度, 1—9月, 上半年,
8月12日), rankings (第三 / third), fractions (三分之二, 六成) and numerals in
words (近百, 两座). Forms that are not numbers to compare (前三季度 is not a
3; 1—9月 is January–September) are read as the periods they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..localize import plan_years
from ..numerals import (
    EN_NUMBER_WORDS,
    EN_ORDINAL_WORDS,
    ROUND_VALUES,
    parse_chinese_numeral,
)
from ..quantities import ZH_CHANGE_VERBS, ZH_MARKERS, Basis, Direction, Qualifier
from ..units import EN_SCALE_ABBREVIATIONS, EN_SCALES, UNITS, ZH_SCALES, Category, Unit

# qualifiers, normalised
MORE, NEARLY, ABOUT, AT_LEAST, LESS, SEVERAL = (
    "more than", "nearly", "about", "at least", "less than", "several")
_QUALIFIER_TEXT = {Qualifier.MORE_THAN: MORE, Qualifier.NEARLY: NEARLY, Qualifier.ABOUT: ABOUT,
                   Qualifier.AT_LEAST: AT_LEAST, Qualifier.LESS_THAN: LESS,
                   Qualifier.SEVERAL: SEVERAL}
_QUAL_ZH = {m: _QUALIFIER_TEXT[q] for m, (q, _) in ZH_MARKERS.items()}
#: "over" before a span of time: "more than" (over three years old) or "through" (built
#: over three years), which only the sense tells apart; it agrees with either
OVER_SPAN = "more than, or through"
_QUAL_EN = {"more than": MORE, "over": MORE, "upwards of": MORE, "exceeded": MORE,
            "exceeding": MORE, "topped": MORE, "passed": MORE, "surpassed": MORE,
            # a headline's present tense (突破2000亿元 / output passes 200 billion yuan)
            "exceeds": MORE, "tops": MORE, "passes": MORE, "surpasses": MORE,
            "above": MORE, "nearly": NEARLY, "almost": NEARLY, "close to": NEARLY,
            "about": ABOUT, "around": ABOUT, "approximately": ABOUT, "some": ABOUT,
            "roughly": ABOUT, "at least": AT_LEAST, "no fewer than": AT_LEAST,
            "less than": LESS, "under": LESS, "fewer than": LESS, "below": LESS}

#: Units a comparison treats as periods, rankings and fractions rather than amounts.
PERIOD_UNITS = frozenset({"quarter", "quarters", "half", "month", "month_end", "months", "date",
                          "plan"})
RANK, FRACTION, TIMES = "ordinal", "fraction", "times"


@dataclass(frozen=True)
class Mention:
    value: Decimal
    unit: str  # a unit id, "%", "points", "" (a bare number or a count), or a period kind
    qualifier: str | None
    text: str  # as written
    certain: bool = True  # False for numerals in words, which prose uses loosely
    direction: Direction | None = None
    basis: Basis | None = None

    def key(self) -> tuple[Decimal, str]:
        return (self.value.normalize(), self.unit)

    @property
    def is_year(self) -> bool:
        return (self.unit == "" and self.qualifier is None and self.value == int(self.value)
                and 1900 <= self.value <= 2100)

    def shown(self) -> str:
        if self.unit in PERIOD_UNITS:
            return self.text  # 1—9月, not the month span's code (109)
        v = self.value.normalize()
        plain = f"{v:,f}"
        written = re.search(r"\d[\d,]*(?:\.\d+)?", self.text)
        if not written or written.group().replace(",", "") == plain.replace(",", ""):
            return self.text
        return f"{self.text} ({plain})"


# --------------------------------------------------------------------------- shared


class _Spans:
    """Character ranges already read, so a number inside a period is not read twice."""

    def __init__(self) -> None:
        self.taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.taken)

    def take(self, start: int, end: int) -> None:
        self.taken.append((start, end))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


def _zh_units(units: Mapping[str, Unit]) -> dict[str, str]:
    """Chinese unit word → unit id (longest first when matched)."""
    out: dict[str, str] = {}
    for unit in units.values():
        for word in unit.zh_words:
            if word and unit.category not in (Category.PERCENT, Category.POINTS,
                                              Category.MULTIPLE):
                out.setdefault(word, unit.id)
    return out


#: English words for units beyond each unit's own (en, en_one): spellings and synonyms.
_EN_SYNONYMS = {
    "yuan": ["RMB", "renminbi"], "usd": ["dollars", "US dollars", "dollar"],
    "eur": ["euros", "euro"], "hkd": ["Hong Kong dollars"], "jpy": ["yen"],
    "km": ["kilometres", "kilometers", "kilometre", "kilometer"],
    "square_km": ["sq km", "km²", "square kilometers", "square kilometer"],
    "square_metre": ["m²", "square meters", "sq m"], "tonne": ["tons", "ton"],
    "kwh": ["kilowatt-hours", "kilowatt hours", "kilowatt-hour"],
    "kw": ["kilowatts", "kilowatt"], "mwh": ["megawatt-hours"], "mw": ["megawatts"],
    "teu": ["twenty-foot equivalent units", "TEUs"], "hectare": ["ha"],
    "hour": ["hrs"], "mu": [],
}
_EN_PREFIXES = {"US$": "usd", "HK$": "hkd", "€": "eur", "$": "usd", "¥": "yuan", "RMB": "yuan",
                # ISO codes, as financial English writes them (USD 450 million)
                "USD": "usd", "HKD": "hkd", "EUR": "eur", "CNY": "yuan", "JPY": "jpy"}


@lru_cache(maxsize=32)
def _zh_unit_words(units: tuple[tuple[str, Unit], ...]) -> tuple[dict[str, str], str]:
    """:func:`_zh_units` of ``units`` and their alternation, made once for a table (not for
    every passage a check reads)."""
    zh_units = _zh_units(dict(units))
    return zh_units, _alternation(list(zh_units))


def _en_units(units: Mapping[str, Unit]) -> dict[str, str]:
    out: dict[str, str] = {}
    for unit in units.values():
        if unit.category in (Category.PERCENT, Category.POINTS, Category.COUNT,
                             Category.FRACTION, Category.MULTIPLE):
            continue
        for word in (unit.en, unit.en_one, *_EN_SYNONYMS.get(unit.id, [])):
            if word and not word.startswith("-"):
                out.setdefault(word, unit.id)
    return out


# --------------------------------------------------------------------------- Chinese

_ZH_DIGITS = "零〇一二两三四五六七八九十百千万"
_ZH_BEFORE = _alternation([m for m, (_, p) in ZH_MARKERS.items()
                           if p == "before" and m not in ("上", "过", "数")]
                          + ["不少于"])
_ZH_SCALE = _alternation(list(ZH_SCALES))
_ZH_DIRECTION = re.compile(rf"({_alternation(list(ZH_CHANGE_VERBS))})(?:了)?$")
_ZH_DOWN = {v for v, d in ZH_CHANGE_VERBS.items() if d is Direction.DOWN}
_ZH_BASIS = re.compile(r"(同比|环比|较上年末|比上年末)[^，。；、]{0,8}$")
_ZH_BASES = {"同比": Basis.YEAR_ON_YEAR, "环比": Basis.PERIOD_ON_PERIOD,
             "较上年末": Basis.YEAR_END, "比上年末": Basis.YEAR_END}
# 近3年来 is "in the past three years", not "nearly three"
_ZH_RECENT = re.compile(r"\d+(?:年|个月|天)(?:以)?来")
_CN = "[一二两三四五六七八九十]"
# 约占港区用电量的四分之一: the qualifier stands before 占, the share after it
_ZH_SHARE_QUALIFIER = re.compile(r"(约|近|超过|逾)占[^，。；：！？]{0,16}$")
# a Chinese numeral before a measure word or a unit of time (两座, 三大, 三样, 两小时),
# or before 用 (一地两用: dual use)
_ZH_WORD_UNITS = {"年": "year", "个月": "month", "天": "day", "小时": "hour"}
_ZH_WORD_COUNTERS = _alternation(
    ["个", "家", "项", "名", "座", "条", "批", "次", "大", "台", "艘", "所", "位", "种", "倍",
     "篇", "组", "套", "支", "辆", "架", "份", "列", "类", "样", "分钟", "周", *_ZH_WORD_UNITS]
) + "|用(?!于)"
#: a measure word: one or two Chinese characters (辆, 家, 个, 艘次)
_ZH_MEASURE = r"[\u4e00-\u9fff]{1,2}?"
# 多/余 after a unit word: 3米多, 6元多, 40%多 (but not 多式联运, 多种, 多家 ...)
_ZH_MORE_AFTER = r"(?P<more3>多|余)(?!式|种|个|家|项|元|样|方|次|层|年|边|国|地|重|维|点|措|部)"


#: The last day of each month (February's 28th, and a 29th, both end it).
_MONTH_ENDS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _date(month: int, day: int) -> tuple[int, str]:
    """A date as a mention: its month's last day is the month's end (截至9月底 is "as at
    30 September"), any other day the date (value MMDD)."""
    if 1 <= month <= 12 and day >= _MONTH_ENDS[month - 1]:
        return month, "month_end"
    return month * 100 + day, "date"


def _zh_share_qualifier(text: str, start: int) -> str | None:
    """The qualifier a share takes from before its 占 (约占…的四分之一: about)."""
    m = _ZH_SHARE_QUALIFIER.search(text[max(0, start - 24):start])
    return _QUAL_ZH[m.group(1)] if m else None


def _zh_context(text: str, start: int) -> tuple[Direction | None, Basis | None]:
    before = text[max(0, start - 16):start]
    direction = None
    d = _ZH_DIRECTION.search(before)
    if d:
        direction = Direction.DOWN if d.group(1) in _ZH_DOWN else Direction.UP
    b = _ZH_BASIS.search(before)
    return direction, (_ZH_BASES[b.group(1)] if b else None)


def zh_mentions(text: str, units: Mapping[str, Unit] = UNITS) -> list[Mention]:
    """Every quantity, period, ranking and fraction in Chinese text."""
    out: list[Mention] = []
    spans = _Spans()

    def add(m: re.Match[str], value: Decimal | int, unit: str, qualifier: str | None = None,
            certain: bool = True, group: int | str = 0) -> None:
        direction, basis = _zh_context(text, m.start(group))
        if qualifier is None and unit in (FRACTION, "%"):
            qualifier = _zh_share_qualifier(text, m.start(group))
        out.append(Mention(Decimal(value), unit, qualifier, m.group(group), certain,
                           direction, basis))
        spans.take(m.start(group), m.end(group))

    def each(pattern: str, handle: Callable[[re.Match[str]], None]) -> None:
        for m in re.finditer(pattern, text):
            if spans.free(m.start(), m.end()):
                handle(m)

    # periods first: their digits are not amounts
    each(r"(?<!\d)(\d{1,2})[—\-–~至到](\d{1,2})月",
         lambda m: add(m, int(m.group(1)) * 100 + int(m.group(2)), "months"))
    each(r"(?<!\d)(\d{1,2})月(\d{1,2})日",
         lambda m: add(m, *_date(int(m.group(1)), int(m.group(2)))))
    each(r"(?<!\d)(\d{1,2})月(?:底|末)(?!\d)",  # 截至9月底: a point in time, not the month
         lambda m: add(m, int(m.group(1)), "month_end"))
    each(r"(?<!\d)(\d{1,2})月(?:份|初|中旬|下旬|上旬)?(?!\d)",
         lambda m: add(m, int(m.group(1)), "month"))
    each(rf"前({_CN})季度", lambda m: add(m, parse_chinese_numeral(m.group(1)), "quarters"))
    each(r"第?([一二三四1-4])季度",
         lambda m: add(m, int(m.group(1)) if m.group(1).isdigit()
                       else parse_chinese_numeral(m.group(1)), "quarter"))
    each(r"([上下])半年", lambda m: add(m, 1 if m.group(1) == "上" else 2, "half"))
    each(rf"第({_CN}{{1,3}})个五年规划", lambda m: add(m, parse_chinese_numeral(m.group(1)),
                                                 "plan"))
    each(rf"({_CN}{{1,3}})五(?=”|规划|时期|期间)",
         lambda m: add(m, parse_chinese_numeral(m.group(1)), "plan"))
    # multiples: 增长1.5倍 is up 150%; 翻一番 doubles; N倍 otherwise is N times
    each(r"增长(\d+(?:\.\d+)?)倍",
         lambda m: add(m, Decimal(m.group(1)) * 100, "%", group=1))
    each(r"翻(一|两|三)番", lambda m: add(m, 2 ** parse_chinese_numeral(m.group(1)), TIMES))
    each(r"(?P<num>\d+(?:\.\d+)?)(?P<more>多|余)?倍",
         lambda m: add(m, Decimal(m.group("num")), TIMES, MORE if m.group("more") else None))
    # fractions, tenths, rankings
    each(rf"(?P<pre>{_ZH_BEFORE})?({_CN})成(?P<post>以上|左右|多)?",
         lambda m: add(m, parse_chinese_numeral(m.group(2)) * 10, "%",
                       _QUAL_ZH.get(m.group("pre") or m.group("post") or "")))
    each(rf"(?P<pre>过|{_ZH_BEFORE})?(?P<den>[一二三四五六七八九十]+)分之"
         r"(?P<num>[一二三四五六七八九十]+)(?P<post>以上|左右)?",
         lambda m: add(m, Decimal(parse_chinese_numeral(m.group("num")))
                       / parse_chinese_numeral(m.group("den")), FRACTION,
                       _QUAL_ZH.get(m.group("pre") or m.group("post") or "")))
    each(r"(?P<pre>过|超过)半|一半|半数",
         lambda m: add(m, Decimal("0.5"), FRACTION, MORE if m.group("pre") else None))
    # 第N ranks when a ranking verb precedes it or 名/位 follows (居全国第三, 第三名);
    # elsewhere (第二批, 第四条) it is an ordinal prose may word loosely
    each(rf"(?:(?P<verb>居|位居|位列|排名|排|列)[^，。；、]{{0,4}}?)?第([二三四五六七八九十]{_CN}*|\d+)"
         r"(?!季度|个五年)(?P<place>名|位)?",
         lambda m: add(m, int(m.group(2)) if m.group(2).isdigit()
                       else parse_chinese_numeral(m.group(2)), RANK,
                       certain=bool(m.group("verb") or m.group("place"))))
    # numerals in words: 近百, 上千, 数十 (round figures) and 两座, 三大 (loose)
    each(r"(?P<pre>近|上|数|超|逾|约)(?P<word>[十百千万])(?![分之])",
         lambda m: add(m, ROUND_VALUES[m.group("word")], "",
                       _QUAL_ZH[m.group("pre")]))
    for m in re.finditer(
            rf"(?P<pre>{_ZH_BEFORE})?(?<![{_ZH_DIGITS}第前])(?P<num>[两二三四五六七八九十百千]+)"
            rf"(?P<counter>{_ZH_WORD_COUNTERS})",
            text):
        if not spans.free(m.start("num"), m.end("num")):
            continue
        try:
            n = parse_chinese_numeral(m.group("num"))
        except ValueError:
            continue
        if n >= 2:
            qual = m.group("pre")
            if qual == "近" and re.match(r"以?来", text[m.end():]):
                qual = None  # 近两年来: over the past two years
            add(m, n, _ZH_WORD_UNITS.get(m.group("counter"), ""),
                _QUAL_ZH[qual] if qual else None, certain=False)
    # amounts in digits
    zh_units, unit_words = _zh_unit_words(tuple(units.items()))
    amount = re.compile(
        rf"(?P<pre>{_ZH_BEFORE})?"
        r"(?<![A-Za-z\d.])(?P<num>\d+(?:\.\d+)?)(?![A-Za-z\d])"
        r"(?P<more1>余|多)?"
        rf"(?P<scale>(?:{_ZH_SCALE})(?!一))?"
        r"(?P<more2>余|多)?"
        rf"(?:(?P<unit>%|％|个百分点|个?百分点|{unit_words})(?:{_ZH_MORE_AFTER})?)?"
        # a count's measure word, which no unit table lists, before 以上/左右 (200万辆左右,
        # 100家以上): the qualifier is still the amount's
        rf"(?:(?(unit)(?!)|(?:{_ZH_MEASURE}))(?=以上|左右))?"
        r"(?P<post>以上|左右)?")
    for m in amount.finditer(text):
        if not spans.free(m.start("num"), m.end("num")):
            continue
        value = Decimal(m.group("num"))
        if m.group("scale"):
            value *= Decimal(10) ** ZH_SCALES[m.group("scale")]
        word = m.group("unit") or ""
        unit = "%" if word in ("%", "％") else ("points" if "百分点" in word
                                               else zh_units.get(word, ""))
        after = text[m.end():m.end() + 24]
        if not unit and after.startswith("个") and "百分点" in after:
            unit = "points?"  # 2个、2.1个和1.5个百分点: an item of a points list
        ranged = re.match(rf"[%％]?[—\-–~至到]\d+(?:\.\d+)?(?:{_ZH_SCALE})?"
                          rf"(?P<unit>[%％]|{unit_words})", text[m.end():])
        if not unit and ranged:  # 15—20%, 2000万—3000万元: the first bound of a range
            word = ranged.group("unit")
            unit = "%" if word in ("%", "％") else zh_units.get(word, "")
        qual = (m.group("pre") or m.group("more1") or m.group("more2") or m.group("more3")
                or m.group("post"))
        if qual == "近" and _ZH_RECENT.match(text, m.start("num")):
            qual = None
        direction, basis = _zh_context(text, m.start())
        qualifier = _QUAL_ZH[qual] if qual else (
            _zh_share_qualifier(text, m.start()) if unit == "%" else None)
        out.append(Mention(value, unit, qualifier, m.group(0),
                           direction=direction, basis=basis))
    return out


# --------------------------------------------------------------------------- English

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
#: A month's English name, as a group (the check's date patterns share it).
MONTH_NAME = "(" + "|".join(m.capitalize() for m in _MONTHS) + ")"
_EN_QUAL = _alternation(list(_QUAL_EN))
_EN_WORDS = {w: i for i, w in enumerate(EN_NUMBER_WORDS)}
_EN_NUMBER_WORDS = _alternation([w for w in _EN_WORDS if w != "zero"])
_EN_SCALE_WORDS = _alternation(list(EN_SCALES))
_EN_SCALE_ABBREVIATIONS = _alternation(list(EN_SCALE_ABBREVIATIONS))
_EN_ORDINALS = {w: i for i, w in enumerate(EN_ORDINAL_WORDS) if i >= 2}
_EN_DIRECTION_BEFORE = re.compile(
    r"\b(up|rose|grew|increased|climbed|gained|rising|growing|growth of|increase of|"
    r"down|fell|dropped|declined|decreased|falling|decline of|decrease of|drop of|"
    r"shrank|cut)(?: by)?(?: a further)?\s*$", re.IGNORECASE)
_EN_DIRECTION_AFTER = re.compile(r"^\s*(higher|longer|more|lower|shorter|less|fewer)\b",
                                 re.IGNORECASE)
_EN_DOWN = {"down", "fell", "dropped", "declined", "decreased", "falling", "decline of",
            "decrease of", "drop of", "shrank", "cut", "lower", "shorter", "less", "fewer"}
#: A change on the month or quarter before, in words (from the previous month).
_EN_PREVIOUS_PERIOD = (r"(?:compared )?(?:with|than|on|from|over) (?:the )?"
                       r"(?:previous|preceding|prior) (?:month|quarter)")
_EN_BASIS = re.compile(
    r"^[^.;]{0,30}?\b(year[- ]on[- ]year|month[- ]on[- ]month|quarter[- ]on[- ]quarter|"
    r"(?:compared )?(?:with|than|on) (?:the end of last year|a year earlier|the same period"
    rf" (?:of|last) (?:the previous )?year)|{_EN_PREVIOUS_PERIOD}|"
    r"(?:from |than )?a (?:month|quarter) earlier)", re.IGNORECASE)
#: A basis the sentence names before its figure (a month-on-month increase of, compared
#: with the previous month …).
_EN_BASIS_BEFORE = re.compile(
    r"\b(?:month[- ]on[- ]month|quarter[- ]on[- ]quarter|year[- ]on[- ]year|"
    rf"{_EN_PREVIOUS_PERIOD}|(?:compared )?with a (?:month|quarter|year) earlier)\b",
    re.IGNORECASE)
_EN_BASES = {"year": Basis.YEAR_ON_YEAR, "month": Basis.PERIOD_ON_PERIOD,
             "quarter": Basis.PERIOD_ON_PERIOD}


def _en_context(text: str, start: int, end: int) -> tuple[Direction | None, Basis | None]:
    direction = None
    d = _EN_DIRECTION_BEFORE.search(text[max(0, start - 30):start])
    if d is None:
        d = _EN_DIRECTION_AFTER.match(text[end:end + 12])
        if d and d.group(1).lower() in ("more", "less", "fewer") and \
                not re.match(r"\s*(?:more|less|fewer)\s+than", text[end:end + 14]):
            d = None
    if d:
        direction = Direction.DOWN if d.group(1).lower() in _EN_DOWN else Direction.UP
    basis = None
    b = _EN_BASIS.match(text[end:end + 80])
    if b:
        phrase = b.group(1).lower()
        if "end of last year" in phrase:
            basis = Basis.YEAR_END
        elif "a year earlier" in phrase or "same period" in phrase:
            basis = Basis.YEAR_ON_YEAR
        elif re.search(r"(?:previous|preceding|prior|a) (?:month|quarter)", phrase):
            basis = Basis.PERIOD_ON_PERIOD  # from the previous month, a quarter earlier
        else:
            basis = _EN_BASES[phrase.split("-")[0].split(" ")[0]]
    elif re.search(r"year[- ]on[- ]year\s+(?:\w+\s+){0,2}$", text[max(0, start - 30):start],
                   re.IGNORECASE):
        basis = Basis.YEAR_ON_YEAR
    else:  # named earlier in the sentence: Compared with the previous month, … rose 2.3%
        sentence = re.split(r"[.;!?]\s", text[max(0, start - 120):start])[-1]
        earlier = _EN_BASIS_BEFORE.search(sentence)
        if earlier:
            basis = (Basis.YEAR_ON_YEAR if re.search(r"year", earlier.group(0), re.IGNORECASE)
                     else Basis.PERIOD_ON_PERIOD)
    return direction, basis


@lru_cache(maxsize=32)
def _en_amounts(units: tuple[tuple[str, Unit], ...]
                ) -> tuple[dict[str, str], str, dict[str, str], re.Pattern[str]]:
    """For ``units``: English unit words → unit id, their alternation, the suffix units
    (-fold and the like), and the pattern of an amount in digits (a currency sign, the
    number, a scale word, a unit), made once for a table (not for every passage)."""
    table = dict(units)
    en_units = _en_units(table)
    unit_words = _alternation(list(en_units))
    suffixes = {u.en: u.id for u in table.values()
                if u.en.startswith("-") and u.category is not Category.MULTIPLE}
    attached = (_alternation(list(suffixes)) + "|") if suffixes else ""
    prefixes = _alternation(list(_EN_PREFIXES))
    amount = re.compile(
        rf"(?:(?P<pre>{_EN_QUAL})\s+)?(?:(?P<sign>{prefixes})\s?|(?<![\w.]))"
        r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        rf"(?:\s?(?P<abbr>{_EN_SCALE_ABBREVIATIONS})\b|(?![\w]))"
        rf"(?:\s*(?P<scale>{_EN_SCALE_WORDS})\b)?"
        rf"(?P<unit>\s*%|\s*per ?cent\b|\s*percentage points?\b|-fold|{attached}"
        rf"\s+(?:{unit_words})\b)?",
        re.IGNORECASE)
    return en_units, unit_words, suffixes, amount


def en_mentions(text: str, units: Mapping[str, Unit] = UNITS) -> list[Mention]:
    """Every quantity, period, ranking and fraction in English text."""
    out: list[Mention] = []
    spans = _Spans()

    def add(m: re.Match[str], value: Decimal | int, unit: str, qualifier: str | None = None,
            certain: bool = True) -> None:
        direction, basis = _en_context(text, m.start(), m.end())
        out.append(Mention(Decimal(value), unit, qualifier, m.group(0).strip(), certain,
                           direction, basis))
        spans.take(m.start(), m.end())

    def each(pattern: str, handle: Callable[[re.Match[str]], None], flags: int = 0) -> None:
        for m in re.finditer(pattern, text, flags):
            if spans.free(m.start(), m.end()):
                handle(m)

    def month(name: str) -> int:
        return _MONTHS.index(name.lower()) + 1

    # periods
    each(rf"\b{MONTH_NAME}\s*(?:–|-|—|to)\s*{MONTH_NAME}\b",
         lambda m: add(m, month(m.group(1)) * 100 + month(m.group(2)), "months"))
    each(rf"\b(\d{{1,2}})\s+{MONTH_NAME}\b",
         lambda m: add(m, *_date(month(m.group(2)), int(m.group(1)))))
    each(rf"\b{MONTH_NAME}\s+(\d{{1,2}})(?!\d|,\d)\b",
         lambda m: add(m, *_date(month(m.group(1)), int(m.group(2)))))
    each(rf"\bend(?:\s+of|-)\s*{MONTH_NAME}\b",  # as of the end of September, end-June
         lambda m: add(m, month(m.group(1)), "month_end"), re.IGNORECASE)
    each(rf"\b{MONTH_NAME}\b", lambda m: add(m, month(m.group(1)), "month"))
    each(rf"\bfirst ({_EN_NUMBER_WORDS}|\d{{1,2}}) months\b",  # the first nine months: 1—9月
         lambda m: add(m, 100 + _month_count(m.group(1)), "months"), re.IGNORECASE)
    each(r"\bfirst (two|three|four|2|3|4) quarters\b",
         lambda m: add(m, _EN_WORDS.get(m.group(1).lower(), 0) or int(m.group(1)), "quarters"),
         re.IGNORECASE)
    each(r"\b(first|second) half\b|\bH([12])\b",
         lambda m: add(m, 1 if (m.group(1) or "").lower() == "first" or m.group(2) == "1"
                       else 2, "half"), re.IGNORECASE)
    each(r"\bQ([1-4])\b|\b(first|second|third|fourth) quarter\b",
         lambda m: add(m, int(m.group(1)) if m.group(1)
                       else EN_ORDINAL_WORDS.index(m.group(2).lower()), "quarter"),
         re.IGNORECASE)
    each(r"\b(\d{1,2})(?:st|nd|rd|th) Five-Year Plan\b",
         lambda m: add(m, int(m.group(1)), "plan"), re.IGNORECASE)
    each(r"\bquarter[- ]on[- ]quarter\b", lambda m: spans.take(m.start(), m.end()))
    # multiples, fractions, rankings
    each(r"\b(doubled|quadrupled)\b",
         lambda m: add(m, 2 if m.group(1).lower() == "doubled" else 4, TIMES), re.IGNORECASE)
    each(rf"(?:(?P<pre>{_EN_QUAL})\s+)?(?P<num>\d+(?:\.\d+)?)(?:-fold| times\b)",
         lambda m: add(m, Decimal(m.group("num")), TIMES,
                       _QUAL_EN.get((m.group("pre") or "").lower())), re.IGNORECASE)
    fractions = "|".join(("half", "halves", "third", "thirds", "quarter", "quarters",
                          "fifth", "fifths", "tenth", "tenths"))
    each(rf"(?:(?P<pre>{_EN_QUAL})\s+)?\b(?P<num>a|an|one|two|three|four)[- ](?P<den>{fractions})"
         r"\b(?! on)",
         lambda m: add(m, Decimal(_EN_WORDS.get(m.group("num").lower(), 1))
                       / _denominator(m.group("den")), FRACTION,
                       _QUAL_EN.get((m.group("pre") or "").lower())), re.IGNORECASE)
    each(rf"(?P<pre>{_EN_QUAL})\s+\bhalf\b|\bhalf\b(?! of the)",
         lambda m: add(m, Decimal("0.5"), FRACTION,
                       _QUAL_EN.get((m.group("pre") or "").lower())), re.IGNORECASE)
    # tenths in words: nine in ten (九成, 90%)
    each(rf"(?:(?P<pre>{_EN_QUAL})\s+)?\b(?P<n>one|two|three|four|five|six|seven|eight|nine)"
         r" (?:in|out of) (?:ten|10)\b",
         lambda m: add(m, _EN_WORDS[m.group("n").lower()] * 10, "%",
                       _QUAL_EN.get((m.group("pre") or "").lower())), re.IGNORECASE)
    # No. 3: a ranking where a ranking verb precedes it (ranks No. 3); elsewhere a number
    # (Line No. 9, 9号线)
    each(r"\bNo\.\s?(?P<num>\d{1,3})\b",
         lambda m: add(m, int(m.group("num")), RANK if re.search(
             r"\b(?:rank(?:s|ed|ing)?|placed?|came|finish(?:ed)?)\s+$",
             text[max(0, m.start() - 16):m.start()], re.IGNORECASE) else ""))
    # an ordinal word is a ranking when it ranks (ranks third, in third place); elsewhere
    # (the third branch) it is loose; capitalised mid-sentence, it is a name (Second Ring Road)
    ordinals = "|".join(_EN_ORDINALS)
    for m in re.finditer(rf"\b(?P<word>{ordinals})\b|\b(?P<num>\d+)(?:st|nd|rd|th)\b",
                         text, re.IGNORECASE):
        if not spans.free(m.start(), m.end()):
            continue
        word = m.group("word")
        if word and word[0].isupper() and m.start() and text[:m.start()].rstrip()[-1:] \
                not in (".", "“", "\"", ""):
            continue
        ranks = bool(re.search(r"\b(?:rank(?:s|ed|ing)?|placed?|came|finish(?:ed)?)\s+"
                               r"(?:\w+\s+)?$", text[max(0, m.start() - 24):m.start()],
                               re.IGNORECASE))
        add(m, _EN_ORDINALS[word.lower()] if word else int(m.group("num")), RANK,
            certain=ranks or not word)
    # round figures in words
    each(rf"(?:(?P<pre>{_EN_QUAL})\s+)?\b(?:a|one) (?P<word>hundred|thousand)\b(?! (?:and|[\d]))",
         lambda m: add(m, 100 if m.group("word").lower() == "hundred" else 1000, "",
                       _QUAL_EN.get((m.group("pre") or "").lower())), re.IGNORECASE)
    each(r"\b(dozens|hundreds|thousands)\b(?! of (?:thousands|millions))",
         lambda m: add(m, {"dozens": 10, "hundreds": 100, "thousands": 1000}[
             m.group(1).lower()], "", SEVERAL), re.IGNORECASE)
    # amounts in digits: a currency sign, the number, a scale word, a unit
    en_units, unit_words, suffixes, amount = _en_amounts(tuple(units.items()))
    for m in amount.finditer(text):
        if not spans.free(m.start("num"), m.end("num")):
            continue
        if text[m.end("num"):m.end("num") + 2].lower() in ("st", "nd", "rd", "th"):
            continue
        value = Decimal(m.group("num").replace(",", ""))
        if m.group("scale"):
            value *= Decimal(10) ** EN_SCALES[m.group("scale").lower()]
        if m.group("abbr"):  # 301.27bn
            value *= Decimal(10) ** EN_SCALE_ABBREVIATIONS[m.group("abbr").lower()]
        word = (m.group("unit") or "").strip()
        if word.lower().startswith("percentage"):
            unit = "points"
        elif word in ("%",) or word.lower().startswith("per"):
            unit = "%"
        elif word in suffixes:
            unit = suffixes[word]
        elif word:
            unit = en_units.get(word, en_units.get(word.lower(), ""))
        else:
            unit = _EN_PREFIXES.get(m.group("sign") or "", "")
        if m.group("sign") and not word:
            unit = _EN_PREFIXES[m.group("sign")]
        rest = text[m.end():]
        if not unit and re.match(r"\s*(?:–|-|to)\s*\d+(?:\.\d+)?%", rest):
            unit = "%"  # 15–20%: the first bound of a range of percentages
        elif not unit and (m.group("scale") or m.group("abbr")):
            ranged = re.match(rf"\s*(?:–|-|to)\s*[\d.,]+\s*(?:{_EN_SCALE_WORDS}|"
                              rf"{_EN_SCALE_ABBREVIATIONS})?"
                              rf"\s+({unit_words})\b", rest)
            if ranged:  # 20 million–30 million yuan
                unit = en_units.get(ranged.group(1), "")
        if re.match(r"\s*\(about [\d,.]+ (?:hectares?|ha)\)", text[m.end():]) and unit == "mu":
            gloss = re.match(r"\s*\(about [\d,.]+ (?:hectares?|ha)\)", text[m.end():])
            assert gloss is not None
            spans.take(m.end(), m.end() + gloss.end())  # 3,200 mu (about 213 hectares)
        direction, basis = _en_context(text, m.start(), m.end())
        out.append(Mention(value, unit, _en_qualifier(m.group("pre"), text, m.end("num")),
                           m.group(0).strip(), direction=direction, basis=basis))
        spans.take(m.start("num"), m.end())
    # numbers in words: loose, as prose uses them
    for m in re.finditer(rf"(?:(?P<pre>{_EN_QUAL})\s+)?\b(?P<word>{_EN_NUMBER_WORDS})\b"
                         rf"(?:\s+(?P<scale>{_EN_SCALE_WORDS})\b)?"
                         rf"(?P<unit>\s+(?:{unit_words}|years?|months?|days?|hours?)\b)?",
                         text, re.IGNORECASE):
        if not spans.free(m.start("word"), m.end("word")):
            continue
        value = Decimal(_EN_WORDS[m.group("word").lower()])
        if m.group("scale"):
            value *= Decimal(10) ** EN_SCALES[m.group("scale").lower()]
        if value < 2 and not m.group("scale") and not m.group("unit") and (
                value == 0 or re.match(r"\s*(?:of|another|by|after|or|and|-)\b|\s*[^\w\s]",
                                       text[m.end("word"):], re.IGNORECASE)):
            continue  # "one of", "a zero-emission": not figures; "one tonne", "one firm" are
        if text[m.end("word"):m.end("word") + 1] == "-":
            continue  # "Five-Year Plan", "two-way": part of a compound
        word = (m.group("unit") or "").strip()
        unit = en_units.get(word, en_units.get(word.lower(), ""))
        out.append(Mention(value, unit, _en_qualifier(m.group("pre"), text, m.end("word")),
                           m.group(0).strip(), certain=False))
    return out


_EN_SPAN_AFTER = re.compile(
    rf"(?:\s*(?:–|-|to)\s*(?:[\d.,]+|{_EN_NUMBER_WORDS}))?\s+"
    r"(?:years?|months?|weeks?|days?|hours?|decades?)\b", re.IGNORECASE)


def _en_qualifier(pre: str | None, text: str, end: int) -> str | None:
    """The qualifier ``pre`` gives the number that ends at ``end``: "over" before a span
    of time (over three to five years) is :data:`OVER_SPAN`."""
    if not pre:
        return None
    pre = pre.lower()
    if pre == "over" and _EN_SPAN_AFTER.match(text, end):
        return OVER_SPAN
    return _QUAL_EN[pre]


def _qualifiers_agree(a: str | None, b: str | None) -> bool:
    return a == b or (OVER_SPAN in (a, b) and {a, b} - {OVER_SPAN} <= {None, MORE})


def _month_count(word: str) -> int:
    """How many months "the first N months" counts (a number from 2 to 12, or 0)."""
    n = int(word) if word.isdigit() else _EN_WORDS.get(word.lower(), 0)
    return n if 2 <= n <= 12 else 0


def _denominator(word: str) -> int:
    w = word.lower().rstrip("s")
    return {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}[w]


# --------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class Mismatch:
    kind: str  # number | qualifier | unit | direction | basis | period | ranking | fraction
    zh: Mention | None
    en: Mention | None


def _unit_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if "points?" in (a, b) and {a, b} <= {"points?", "points", ""}:
        return True
    # a duration may stand bare on one side: 近3年来 / over the past three years
    return {a, b} <= {"", "year", "month", "day", "hour"} and "" in (a, b)


def _kind_of(m: Mention) -> str:
    if m.unit in PERIOD_UNITS:
        return "period"
    if m.unit == RANK:
        return "ranking"
    if m.unit == FRACTION:
        return "fraction"
    return "number"


def compare(zh: list[Mention], en: list[Mention]) -> list[Mismatch]:
    """Pair equal quantities; report what differs, most specific reason first."""
    zh_left, en_left = list(zh), list(en)
    pairs: list[tuple[Mention, Mention]] = []

    def take(pred: Callable[[Mention, Mention], bool]) -> list[tuple[Mention, Mention]]:
        found = []
        for z in list(zh_left):
            for e in en_left:
                if pred(z, e):
                    found.append((z, e))
                    zh_left.remove(z)
                    en_left.remove(e)
                    break
        return found

    def same(z: Mention, e: Mention) -> bool:
        return z.value == e.value and _unit_match(z.unit, e.unit)

    pairs += take(lambda z, e: same(z, e) and _qualifiers_agree(z.qualifier, e.qualifier))
    # "十四五" in Chinese may carry its years "(2021–2025)" in English
    for plan in [m for m in zh if m.unit == "plan"]:
        first, last = plan_years(int(plan.value))
        en_left[:] = [e for e in en_left if not (e.is_year and first <= e.value <= last)]
    out = [Mismatch("qualifier", z, e) for z, e in take(same)]
    pairs += [(mm.zh, mm.en) for mm in out if mm.zh and mm.en]
    for z, e in take(lambda z, e: z.value == e.value):
        # the Chinese side's kind first (the source's; 二季度 against an English "second"
        # is a period), the same in every process (not a set's hash order)
        kind = next((k for k in (_kind_of(z), _kind_of(e)) if k != "number"), "unit")
        out.append(Mismatch(kind, z, e))
    for z, e in pairs:
        if z.direction and e.direction and z.direction is not e.direction:
            out.append(Mismatch("direction", z, e))
        if z.basis and e.basis and z.basis is not e.basis:
            out.append(Mismatch("basis", z, e))
        elif z.basis is Basis.PERIOD_ON_PERIOD and e.basis is None and e.direction:
            # 环比 dropped: a reader takes a bare "up 3.6%" for a change on a year earlier
            out.append(Mismatch("basis", z, e))
    for z in zh_left:
        out.append(Mismatch(_kind_of(z), z, None))
    for e in en_left:
        if e.unit == RANK and not e.certain:
            continue  # "the third branch": an ordinal word that ranks nothing
        if e.value == 1 and not e.certain:
            continue  # "one step", "one mu of land": a figure only where the zh has a 1
        out.append(Mismatch(_kind_of(e), None, e))
    return out


def direction_before(text: str, lang: str) -> Direction | None:
    """The direction the words right before a figure give it, if any (增长 / fell)."""
    if lang == "zh":
        d = _ZH_DIRECTION.search(re.sub(r"(?:约|近|超过|逾|达)$", "", text.rstrip()))
        return None if d is None else (Direction.DOWN if d.group(1) in _ZH_DOWN
                                       else Direction.UP)
    d = _EN_DIRECTION_BEFORE.search(re.sub(r"\s*(?:about|nearly|more than|some|over|around)$",
                                           "", text.rstrip(), flags=re.IGNORECASE))
    return None if d is None else (Direction.DOWN if d.group(1).lower() in _EN_DOWN
                                   else Direction.UP)


__all__ = ["Mention", "Mismatch", "compare", "direction_before", "en_mentions",
           "zh_mentions"]
