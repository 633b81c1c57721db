"""Numbers as written in Chinese and English prose, normalised for comparison.

Chinese: Arabic digits with 万/亿/万亿 scales, 余/多 after the number or the
scale, 超过/突破/近/约 before it; % and 个百分点; quarters (一季度); the
five-year plan (十四五); Chinese numerals with a measure word (两座, 三大类).
English: digits with thousands separators and thousand/million/billion/
trillion, number words (one … twenty), % and percentage points, Q1/first
quarter, ordinals (14th), and the qualifiers more than/over/nearly/about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..localize import plan_years
from ..numerals import parse_chinese_numeral
from ..quantities import Direction
from ..units import EN_SCALES, ZH_SCALES

WORDS_EN = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty"))}
ORDINALS_EN = {w: i + 1 for i, w in enumerate((
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth"))}

# qualifiers, normalised
MORE, NEARLY, ABOUT, AT_LEAST = "more than", "nearly", "about", "at least"


@dataclass(frozen=True)
class Mention:
    value: Decimal
    unit: str  # "", "%", "points", "quarter", "plan"
    qualifier: str | None
    text: str  # as written
    certain: bool = True  # False for numerals in words, which prose uses loosely

    def key(self) -> tuple[Decimal, str]:
        return (self.value.normalize(), self.unit)

    @property
    def is_year(self) -> bool:
        return (self.unit == "" and self.qualifier is None and self.value == int(self.value)
                and 1900 <= self.value <= 2100)

    def shown(self) -> str:
        v = self.value.normalize()
        plain = f"{v:,f}"
        written = re.search(r"\d[\d,]*(?:\.\d+)?", self.text)
        if written and written.group().replace(",", "") == plain.replace(",", ""):
            return self.text
        return f"{self.text} ({plain})"


_ZH_NUM = re.compile(
    r"(?P<pre>超过|突破|逾|近|约|至少|不少于)?"
    r"(?<![A-Za-z\d.])(?P<num>\d+(?:\.\d+)?)(?![A-Za-z\d])"
    r"(?P<more1>余|多)?"
    r"(?P<scale>(?:" + "|".join(sorted(ZH_SCALES, key=len, reverse=True)) + r")(?!一))?"
    r"(?P<more2>余|多)?"
    r"(?P<unit>%|％|个百分点|个?百分点)?"
)
_ZH_QUARTER = re.compile(r"([一二三四1-4])季度")
_ZH_PLAN = re.compile(r"([一二三四五六七八九十]{1,3})五(?=”|规划|时期|期间)")
_ZH_NUMERAL = re.compile(
    r"(?<![一二两三四五六七八九十百千万])([两二三四五六七八九十百千]+)"
    r"(?=个|家|项|名|座|条|批|次|大|台|艘|所|位|种|倍|篇|组|套|支|辆|架|份)")
# 近3年来 is "in the past three years", not "nearly three"
_ZH_RECENT = re.compile(r"\d+(?:年|个月|天)(?:以)?来")

_EN_NUM = re.compile(
    r"(?P<pre>more than|over|nearly|almost|about|around|approximately|some|at least|"
    r"upwards of)?\s*"
    r"(?<![\w.])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w])"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion)\b)?"
    r"(?P<unit>\s*%|\s*percentage points?|-fold)?",
    re.IGNORECASE)
_EN_WORD = re.compile(
    r"(?P<pre>more than|over|nearly|almost|about|around|at least)?\s*"
    r"\b(?P<word>" + "|".join(sorted(WORDS_EN, key=len, reverse=True)) + r")\b"
    r"(?:\s+(?P<scale>thousand|million|billion|trillion)\b)?",
    re.IGNORECASE)
_EN_QUARTER = re.compile(r"\bQ([1-4])\b|\b(first|second|third|fourth) quarter\b", re.IGNORECASE)
_EN_PLAN = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th) Five-Year Plan\b", re.IGNORECASE)

_QUAL_ZH = {"超过": MORE, "突破": MORE, "逾": MORE, "余": MORE, "多": MORE, "近": NEARLY,
            "约": ABOUT, "至少": AT_LEAST, "不少于": AT_LEAST}
_QUAL_EN = {"more than": MORE, "over": MORE, "upwards of": MORE, "nearly": NEARLY,
            "almost": NEARLY, "about": ABOUT, "around": ABOUT, "approximately": ABOUT,
            "some": ABOUT, "at least": AT_LEAST}


def zh_mentions(text: str) -> list[Mention]:
    out: list[Mention] = []
    for m in _ZH_NUM.finditer(text):
        value = Decimal(m.group("num"))
        if m.group("scale"):
            value *= Decimal(10) ** ZH_SCALES[m.group("scale")]
        unit = m.group("unit") or ""
        unit = "%" if unit in ("%", "％") else ("points" if unit else "")
        after = text[m.end():m.end() + 24]
        if not unit and after.startswith("个") and "百分点" in after:
            unit = "points?"  # 2个、2.1个和1.5个百分点: an item of a points list
        qual = m.group("pre") or m.group("more1") or m.group("more2")
        if qual == "近" and _ZH_RECENT.match(text, m.start("num")):
            qual = None
        out.append(Mention(value, unit, _QUAL_ZH[qual] if qual else None, m.group(0)))
    for m in _ZH_QUARTER.finditer(text):
        out.append(Mention(Decimal(parse_chinese_numeral(m.group(1))
                                   if not m.group(1).isdigit() else m.group(1)),
                           "quarter", None, m.group(0)))
    for m in _ZH_PLAN.finditer(text):
        out.append(Mention(Decimal(parse_chinese_numeral(m.group(1))), "plan", None,
                           m.group(0)))
    for m in _ZH_NUMERAL.finditer(text):
        if _ZH_PLAN.match(text, m.start()):
            continue
        try:
            n = parse_chinese_numeral(m.group(1))
        except ValueError:
            continue
        if n >= 2:
            out.append(Mention(Decimal(n), "", None, m.group(0), certain=False))
    return out


def en_mentions(text: str) -> list[Mention]:
    out: list[Mention] = []
    for m in _EN_PLAN.finditer(text):
        out.append(Mention(Decimal(m.group(1)), "plan", None, m.group(0)))
    plan_spans = [m.span(1) for m in _EN_PLAN.finditer(text)]
    for m in _EN_QUARTER.finditer(text):
        n = int(m.group(1)) if m.group(1) else ORDINALS_EN[m.group(2).lower()]
        out.append(Mention(Decimal(n), "quarter", None, m.group(0)))
    quarter_spans = [m.span(1) for m in _EN_QUARTER.finditer(text) if m.group(1)]
    for m in _EN_NUM.finditer(text):
        if m.span("num") in plan_spans or m.span("num") in quarter_spans:
            continue
        if text[m.end("num"):m.end("num") + 2].lower() in ("st", "nd", "rd", "th"):
            continue
        value = Decimal(m.group("num").replace(",", ""))
        if m.group("scale"):
            value *= Decimal(10) ** EN_SCALES[m.group("scale").lower()]
        unit = (m.group("unit") or "").strip().lower()
        unit = "%" if unit == "%" else ("points" if unit.startswith("percentage") else "")
        qual = (m.group("pre") or "").lower() or None
        out.append(Mention(value, unit, _QUAL_EN[qual] if qual else None,
                           m.group(0).strip()))
    for m in _EN_WORD.finditer(text):
        value = Decimal(WORDS_EN[m.group("word").lower()])
        if m.group("scale"):
            value *= Decimal(10) ** EN_SCALES[m.group("scale").lower()]
        if value < 2 and not m.group("scale"):
            continue  # "one of", "a zero-emission": not figures
        if text[m.end("word"):m.end("word") + 1] == "-":
            continue  # "Five-Year Plan", "two-way": part of a compound
        qual = (m.group("pre") or "").lower() or None
        out.append(Mention(value, "", _QUAL_EN[qual] if qual else None, m.group(0).strip(),
                           certain=False))
    return out


@dataclass(frozen=True)
class Mismatch:
    kind: str  # "number" | "qualifier" | "unit"
    zh: Mention | None
    en: Mention | None


def _unit_match(a: str, b: str) -> bool:
    return a == b or "points?" in (a, b) and {a, b} <= {"points?", "points", ""}


def compare(zh: list[Mention], en: list[Mention]) -> list[Mismatch]:
    """Pair equal numbers; report what is left, most specific reason first."""
    zh_left, en_left = list(zh), list(en)

    def take(pred: object) -> list[tuple[Mention, Mention]]:
        pairs = []
        for z in list(zh_left):
            for e in en_left:
                if pred(z, e):  # type: ignore[operator]
                    pairs.append((z, e))
                    zh_left.remove(z)
                    en_left.remove(e)
                    break
        return pairs

    def same(z: Mention, e: Mention) -> bool:
        return z.value == e.value and _unit_match(z.unit, e.unit)

    take(lambda z, e: same(z, e) and z.qualifier == e.qualifier)
    # "十四五" in Chinese may carry its years "(2021–2025)" in English
    for plan in [m for m in zh if m.unit == "plan"]:
        first, last = plan_years(int(plan.value))
        en_left[:] = [e for e in en_left if not (e.is_year and first <= e.value <= last)]
    out = [Mismatch("qualifier", z, e) for z, e in take(same)]
    out += [Mismatch("unit", z, e) for z, e in take(lambda z, e: z.value == e.value)]
    # a spelled-out number may stand for a loose Chinese one (两座 / two) and vice versa
    for z in zh_left:
        out.append(Mismatch("number", z, None))
    for e in en_left:
        out.append(Mismatch("number", None, e))
    return out


# --------------------------------------------------------------------------- direction words

#: Words that say which way a change went, nearest to the figure last.
_DIRECTION_ZH = re.compile(r"(增长|增加|提高|提升|上升|上涨|延长|扩大|下降|减少|回落|降低|下滑|"
                           r"缩短|缩小|下跌)(?:了)?(?:约|近|超过|逾|达)?$")
_DIRECTION_EN = re.compile(r"\b(up|rose|grew|increased|climbed|higher|longer|gained|"
                           r"down|fell|dropped|declined|decreased|lower|shorter|shrank)"
                           r"(?: by)?(?: (?:about|nearly|more than|some|over|around))?\s*$",
                           re.IGNORECASE)
_DOWN_WORDS = {"下降", "减少", "回落", "降低", "下滑", "缩短", "缩小", "下跌", "down", "fell",
               "dropped", "declined", "decreased", "lower", "shorter", "shrank"}


def direction_before(text: str, lang: str) -> Direction | None:
    """The direction the words right before a figure give it, if any (增长 / fell)."""
    m = (_DIRECTION_ZH if lang == "zh" else _DIRECTION_EN).search(text.rstrip())
    if not m:
        return None
    return Direction.DOWN if m.group(1).lower() in _DOWN_WORDS else Direction.UP
