"""Chinese (and English) line breaking: pure rules, no fonts, no reportlab.

A paragraph is cut into *atoms*, the pieces a line may never split, then the
atoms are set into lines by a total-fit search (least squared slack, like TeX,
but without hyphenation).

Where a line *may* break comes from the Unicode line breaking algorithm
(UAX #14, as implemented by ``uniseg``): closing punctuation (，。、；：？！）》 % …)
never starts a line and opening punctuation (（《 …) never ends one; ``——``
and ``……`` are never split; no-break spaces and word joiners hold, a
zero-width space breaks; small kana and ``ー`` do not start a line (uniseg
breaks strictly); Chinese may break between any two characters, English at
spaces, after hyphens and slashes. On top of it, the house rules where Chinese
typesetting (GB/T 15834, W3C *Requirements for Chinese Text Layout*) or a
number and its unit ask for more:

* in Chinese text the ambiguous marks take the role of their full-width
  forms: “‘ open and ”’ close (UAX #14 cannot tell, and so keeps ``“从0到1”``
  from breaking after ``”``), the middle dot ``·`` and the wave dash ``～``
  never start a line (clreq: 间隔号, 连接号);
* in Chinese text a mark that may not start a line never does, whatever comes
  before it, and one that may not end a line never does, whatever follows:
  UAX #14 lets ``%`` start a line after ``。``, and anything after a space
  (``页 · Page``);
* Latin words and numbers inside Chinese text stay whole: a Latin run breaks
  only at a space;
* a dash before a number stays with it unless it ends a range of numbers:
  ``2023–|2024``, never ``–|5``;
* a number stays whole with its unit or percent sign: ``23.6%``,
  ``1308.3亿元``, ``40余家``, ``720 MWh``, ``130.83 billion yuan``, ``40-fold``
  (see :func:`_glue_numbers`);
* a zero-width space is a space: a line ending there drops it, and it is
  never set (``briefing.script.ZERO_WIDTH``).

UAX #14 in pure Python is slow (a few hundred microseconds a character), so
:class:`_Uax14` runs it only on the short stretches of a text whose breaks
depend on context, spelled with one representative character per set of
line-breaking properties, and remembers each stretch for the process.

Justified lines spread their slack over every *expansion point*: each
breakable space and each gap next to a Chinese character (see
:func:`expansion_points`), so Chinese text is set evenly across the line
instead of leaving the slack at the end.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Final, cast, final

from uniseg.emoji import extended_pictographic
from uniseg.linebreak import LineBreak, line_break, line_break_breakables
from uniseg.unicodedatawrapper import EA, GC, category, east_asian_width

from ...caches import remember
from ...quantities import ZH_MARKERS
from ...script import ZERO_WIDTH, is_wide_in
from ...units import EN_SCALE_ABBREVIATIONS, EN_SCALES, UNITS, ZH_SCALES

LB = LineBreak

# ---------------------------------------------------------------- UAX #14, memoised

#: House tailoring for Chinese text: the ambiguous marks take the line-breaking
#: role of their full-width East Asian forms. UAX #14 cannot tell an opening
#: from a closing quotation mark (so it keeps ``“从0到1”`` from breaking after
#: ``”``) and lets the middle dot and the wave dash start a line, which
#: Chinese does not (clreq: 间隔号 and 连接号 never start a line).
_CHINESE_ROLES = {"“": "「", "‘": "『", "”": "」", "’": "』", "·": "・", "～": "〜"}

#: What of a character UAX #14 looks at besides its class (uniseg's rules test
#: the general category for these, East Asian width, Extended_Pictographic and
#: these two characters by name).
_CATEGORIES_SEEN = frozenset({GC.PI, GC.PF, GC.MN, GC.MC, GC.CN})
_EAST_ASIAN_WIDTHS = frozenset({EA.F, EA.W, EA.H})
_CHARACTERS_SEEN = frozenset("\u2010\u25cc")

# How a character takes part in cutting a text into stretches (see _Uax14). The
# break before an ideograph, letter or digit (UAX #14 ID, AL, NU) is the same in
# every context, and no rule looks back past one, when it follows
# * another ideograph, letter or digit: a break unless both are letters or
#   digits (LB31; LB23, LB25, LB28);
# * spaces after anything but the context-bearing classes: a break (LB18);
# * for an ideograph, any character of neither these nor the binding
#   classes: a break (LB31).
_IDEOGRAPHIC, _ALPHANUMERIC, _SPACE, _BINDING, _LOOSE, _CONTEXTUAL = 1, 2, 3, 4, 5, 0
_CONTEXT_CLASSES = frozenset({LB.OP, LB.QU, LB.ZW, LB.CM, LB.ZWJ, LB.SA,
                              LB.BK, LB.CR, LB.LF, LB.NL})
_BINDING_CLASSES = frozenset({LB.GL, LB.WJ, LB.CB, LB.BB, LB.PR, LB.HY, LB.BA})


@dataclass
class _Uax14:
    """UAX #14 break opportunities for one kind of text (Chinese or not), memoised.

    ``roles`` respells characters before the rules see them. A text is cut
    where the break does not depend on context (``中|国``, ``1|2``,
    ``growth |5.3``, ``，|辽``: see ``_IDEOGRAPHIC``).
    Each stretch between cuts is spelled with one representative character per
    set of line-breaking properties (``“大国重器”`` and ``《人民日报》`` read
    the same), run through uniseg once per process and remembered.
    """

    roles: dict[str, str]
    _chars: dict[str, tuple[int, str]] = field(default_factory=dict)
    _representatives: dict[tuple[object, ...], str] = field(default_factory=dict)
    _stretches: dict[str, bytes] = field(default_factory=dict)
    _no_start: dict[str, bool] = field(default_factory=dict)
    _no_end: dict[str, bool] = field(default_factory=dict)

    def _char(self, ch: str) -> tuple[int, str]:
        """How ``ch`` takes part in cutting, and its representative."""
        try:
            return self._chars[ch]
        except KeyError:
            role = self.roles.get(ch, ch)
            cls = line_break(role)
            gc = category(role)
            key = (cls, gc if gc in _CATEGORIES_SEEN else None,
                   east_asian_width(role) in _EAST_ASIAN_WIDTHS, extended_pictographic(role),
                   role if role in _CHARACTERS_SEEN else "")
            kind = (_IDEOGRAPHIC if cls == LB.ID
                    else _ALPHANUMERIC if cls in (LB.AL, LB.NU)
                    else _SPACE if cls == LB.SP
                    else _CONTEXTUAL if cls in _CONTEXT_CLASSES
                    else _BINDING if cls in _BINDING_CLASSES else _LOOSE)
            # representatives: one per set of properties, a small finite set
            got = remember(self._chars, ch,
                           (kind, self._representatives.setdefault(key, role)), 1 << 16)
            return got

    def breaks(self, text: str) -> bytearray:
        """``result[i]``: may a line break before ``text[i]`` (``i`` ≥ 1)?"""
        n = len(text)
        out = bytearray(n)
        chars = [self._char(ch) for ch in text]
        start = 0  # of the current stretch
        last = -1  # the last character that is not a space
        for i in range(n):
            kind = chars[i][0]
            if kind == _SPACE:
                continue
            if kind in (_IDEOGRAPHIC, _ALPHANUMERIC) and last >= 0:
                before = chars[last][0]
                if last < i - 1:  # after spaces
                    cut = before != _CONTEXTUAL
                    out[i] = cut
                elif before in (_IDEOGRAPHIC, _ALPHANUMERIC):
                    cut = True
                    out[i] = before == _IDEOGRAPHIC or kind == _IDEOGRAPHIC
                else:
                    cut = out[i] = before == _LOOSE and kind == _IDEOGRAPHIC
                if cut:
                    if last + 1 - start > 1:
                        self._stretch(chars, start, last + 1, out)
                    start = i
            last = i
        if n - start > 1:
            self._stretch(chars, start, n, out)
        return out

    def _stretch(self, chars: list[tuple[int, str]], start: int, end: int,
                 out: bytearray) -> None:
        key = "".join(rep for _, rep in chars[start:end])
        got = self._stretches.get(key)
        if got is None:
            got = remember(self._stretches, key, bytes(line_break_breakables(key)), 1 << 14)
        out[start + 1:end] = got[1:]

    def no_start(self, ch: str) -> bool:
        """Does UAX #14 keep ``ch`` from starting a line after an ideograph?"""
        got = self._no_start.get(ch)
        if got is None:
            got = remember(self._no_start, ch, not self.breaks("中" + ch)[1], 1 << 16)
        return got

    def no_end(self, ch: str) -> bool:
        """Does UAX #14 keep ``ch`` from ending a line before an ideograph?"""
        got = self._no_end.get(ch)
        if got is None:
            got = remember(self._no_end, ch, not self.breaks(ch + "中")[1], 1 << 16)
        return got


_CHINESE = _Uax14(_CHINESE_ROLES)
_OTHER = _Uax14({})


# ---------------------------------------------------------------- characters, remembered

_BREAKABLE_SPACE, _JOINS, _WIDE_IN_CHINESE, _WIDE_IN_ENGLISH = 1, 2, 4, 8
#: zero-width (:data:`briefing.script.ZERO_WIDTH`); half of a two-em mark when doubled
_ZERO, _PAIRS = 16, 32
_FLAGS: dict[str, int] = {}


def _flags(ch: str) -> int:
    """What the breaker asks of a character, looked up once per process."""
    try:
        return _FLAGS[ch]
    except KeyError:
        joins = line_break(ch) in (LB.GL, LB.WJ)  # a no-break space or word joiner
        got = (
            (_BREAKABLE_SPACE if (ch.isspace() and not joins) or ch in ZERO_WIDTH else 0)
            | (_JOINS if joins else 0)
            | (_WIDE_IN_CHINESE if is_wide_in(ch, True) else 0)
            | (_WIDE_IN_ENGLISH if is_wide_in(ch, False) else 0)
            | (_ZERO if ch in ZERO_WIDTH else 0)
            | (_PAIRS if line_break(ch) in (LB.B2, LB.IN) else 0))
        return remember(_FLAGS, ch, got, 1 << 16)


def _breakable_space(ch: str) -> bool:
    """A space a line may break at (and drops at its end); a no-break space is not one."""
    return bool(_flags(ch) & _BREAKABLE_SPACE)


def _wide(ch: str, cjk: bool) -> bool:
    """:func:`briefing.script.is_wide_in`, remembered."""
    return bool(_flags(ch) & (_WIDE_IN_CHINESE if cjk else _WIDE_IN_ENGLISH))


def _paired(a: str, b: str) -> bool:
    """``——`` or ``……``: a two-em mark (UAX #14 B2 B2, IN IN), never split or spread."""
    return a == b and bool(_flags(a) & _PAIRS)


# ---------------------------------------------------------------- numbers and their units

# Between a number and its unit: the scale words of the one scale table (万, 亿,
# 万亿: 1.2万亿元), the qualifier markers that stand inside a quantity (40余家,
# 20多年), and the house addition: numerals that act as magnitudes in prose
# (3千, 5百, 20兆瓦).
_ZH_SCALE_CHARS = frozenset("".join(ZH_SCALES))
_ZH_NUMERAL_MAGNITUDES = frozenset("千百十兆")
_ZH_QUALIFIERS = frozenset(m for m, (_, where) in ZH_MARKERS.items() if where == "inside")
_MAGNITUDE_ZH = _ZH_SCALE_CHARS | _ZH_NUMERAL_MAGNITUDES | _ZH_QUALIFIERS
# Chinese units: every word of the unit registry (吨/年, 吨级, 平方公里 ...) and
# the others prose uses; multi-character ones first (longest match wins).
_REGISTRY_ZH = {word for u in UNITS.values() for word in u.zh_words}
_PROSE_UNITS_ZH = {
    "个百分点", "吉瓦时", "太瓦时", "万千瓦", "吉瓦", "立方米", "厘米", "毫米", "纳米", "微米",
    "公斤", "千克", "英镑", "韩元", "人民币", "分钟", "季度", "年度", "摄氏度", "人次", "架次",
    "周年", "余年",
}
_UNITS_ZH = tuple(sorted({u for u in _REGISTRY_ZH | _PROSE_UNITS_ZH if len(u) > 1},
                         key=lambda u: (-len(u), u)))
_MEASURE_ZH = frozenset(
    "元年月日号时分秒天周个家项件名位人次台辆架艘座所条种类批套吨斤克米里亩倍度户栋层"
    "部款场届期季岁页篇本张股只头支枚块根间处例份轮笔宗辆列趟班代"
) | {u for u in _REGISTRY_ZH if len(u) == 1}
# The English scale words of the one scale table, with ``hundred`` and the
# abbreviations ``bn``/``mn`` that prose also uses.
_MAGNITUDE_EN = frozenset(EN_SCALES) | frozenset(EN_SCALE_ABBREVIATIONS) | {"hundred"}
# English units after a number (the registry's "year" is not one: 23.6% year on year)
_UNITS_EN = frozenset({
    ("per", "cent"), ("percentage", "points"), ("percentage", "point"),
    ("square", "kilometres"), ("square", "kilometers"), ("square", "metres"),
    ("square", "meters"), ("cubic", "metres"), ("cubic", "meters"),
})
_UNIT_EN = frozenset({
    "yuan", "RMB", "dollars", "euros", "MWh", "kWh", "GWh", "TWh", "MW", "GW", "kW", "TW",
    "W", "km", "m", "cm", "mm", "nm", "kg", "g", "t", "tonnes", "tons", "ha", "hectares",
    "mu", "points", "%", "°C", "℃", "TEU", "km²", "m²", "m³", "kV", "V", "Hz", "GHz", "MHz",
    "GB", "TB", "MB",
})
_NUMBER_START = re.compile(r"[0-9０-９][0-9０-９.,．]*[%‰]?")
# A dash that ends a range of numbers (2023–2024) may end a line; before any
# other number it is a sign and stays with it.
_DASHES = frozenset("\u2010\u2012\u2013\u2014\u2015")


class _Value:
    """A value of a few final fields (:class:`Atom`, :class:`Line`): equal, hashed, copied
    and pickled by those fields, as a frozen dataclass is. Plain classes, not frozen
    dataclasses: compiled, mypyc builds them natively (a frozen dataclass is set up
    through ``object.__setattr__``, a microsecond each, and a render makes tens of
    thousands); compiled, a final field cannot be set once made."""

    __slots__ = ()
    _NAMES: ClassVar[tuple[str, ...]] = ()  # the fields, in order

    def _fields(self) -> tuple[object, ...]:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._fields() == cast(_Value, other)._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __reduce__(self) -> tuple[type[_Value], tuple[object, ...]]:
        return (type(self), self._fields())

    def __repr__(self) -> str:
        names = ", ".join(f"{k}={v!r}" for k, v in zip(self._NAMES, self._fields(),
                                                         strict=True))
        return f"{type(self).__name__}({names})"


@final
class Atom(_Value):
    """Text ``[start, end)`` that stays on one line, then breakable space up to ``next``."""

    __slots__ = ("start", "end", "next", "penalty", "hyphen")
    _NAMES: ClassVar[tuple[str, ...]] = ("start", "end", "next", "penalty", "hyphen")

    def __init__(self, start: int, end: int, next: int, penalty: float = 0.0,
                 hyphen: float = 0.0) -> None:
        self.start: Final = start
        self.end: Final = end
        self.next: Final = next
        self.penalty: Final = penalty  # cost of breaking after this atom (a soft number group)
        self.hyphen: Final = hyphen  # a hyphenation point: the hyphen's width at a line end

    def _fields(self) -> tuple[int, int, int, float, float]:
        return (self.start, self.end, self.next, self.penalty, self.hyphen)


@final
class Line(_Value):
    """One set line: text ``[start, end)`` (no trailing space); ``last`` ends the paragraph."""

    __slots__ = ("start", "end", "last", "width", "hyphen")
    _NAMES: ClassVar[tuple[str, ...]] = ("start", "end", "last", "width", "hyphen")

    def __init__(self, start: int, end: int, last: bool, width: float,
                 hyphen: bool = False) -> None:
        self.start: Final = start
        self.end: Final = end
        self.last: Final = last
        self.width: Final = width
        self.hyphen: Final = hyphen  # the line ends inside a word: a hyphen follows it

    def _fields(self) -> tuple[int, int, bool, float, bool]:
        return (self.start, self.end, self.last, self.width, self.hyphen)


#: Cost of breaking inside "130.83 billion | yuan" (a loose line costs about 4).
SOFT = 2.0
HARD = float("inf")
#: How much of its width a space may give up in a tight justified line.
SHRINK = 1 / 3


def _glue_numbers(text: str, glue: list[float]) -> None:
    """Mark the boundaries inside number+unit groups.

    ``glue[i]``: the cost of a break between ``text[i-1]`` and ``text[i]``
    (``HARD``: none allowed; spaces there do not break). A number is held
    hard to its first unit or magnitude (``23.6%``, ``1308.3亿元``, ``720 MWh``,
    ``130.83 billion``, ``40-fold``); a further unit word after a magnitude (``yuan``) is
    held softly, so a narrow column may still break before it.
    """
    n = len(text)
    i = 0
    while i < n:
        m = _NUMBER_START.search(text, i)  # the next digit (the pattern has no context)
        if m is None:
            break
        i = m.start()
        if i and (text[i - 1].isalnum() and not _wide(text[i - 1], False)):
            i += 1
            continue
        j = m.end()
        # Chinese: magnitudes, then a unit
        k = j
        while k < n:
            unit = next((u for u in _UNITS_ZH if text.startswith(u, k)), None)
            if unit:
                k += len(unit)
                break
            if text[k] in _MAGNITUDE_ZH:
                k += 1
                continue
            if text[k] in _MEASURE_ZH:
                k += 1
            break
        if k > j:
            for p in range(j, k):
                glue[p] = HARD
            i = k
            continue
        # a unit joined by a hyphen: "40-fold"
        if j + 1 < n and text[j] in "-\u2010" and text[j + 1].isascii() and text[j + 1].isalpha():
            k = j + 1
            while k < n and text[k].isascii() and text[k].isalpha():
                glue[k] = HARD
                k += 1
            i = k
            continue
        # English: "720 MWh", "130.83 billion yuan", "5.3 per cent"
        words: list[tuple[int, int]] = []
        pos = j
        while pos < n and len(words) < 4:
            sp = pos
            while sp < n and text[sp] in " \u00a0\u202f":
                sp += 1
            if sp == pos or sp >= n:
                break
            we = sp
            # a word ends at a space or a mark that is wide in Chinese (MWh“, MWh—)
            while we < n and not text[we].isspace() and not _flags(text[we]) & (
                    _BREAKABLE_SPACE | _WIDE_IN_CHINESE):
                we += 1
            words.append((sp, we))
            pos = we
        bare = [re.sub(r"[,.;:!?)\]”’]+$", "", text[a:b]) for a, b in words]
        groups: list[tuple[int, int]] = []  # word index ranges that stay together
        w = 0
        while w < len(words) and bare[w] in _MAGNITUDE_EN:
            groups.append((w, w + 1))
            w += 1
        if w < len(words):
            if tuple(bare[w:w + 2]) in _UNITS_EN and w + 1 < len(words):
                groups.append((w, w + 2))
            elif bare[w] in _UNIT_EN:
                groups.append((w, w + 1))
        if not groups:
            i = j
            continue
        for g, (a, b) in enumerate(groups):
            # the space before the group: hard for the first, soft after that
            lead = words[a][0]
            glue[lead] = HARD if g == 0 else min(glue[lead] or SOFT, SOFT)
            for x in range(a + 1, b):
                glue[words[x][0]] = HARD
        i = words[groups[-1][1] - 1][1]


def held(text: str) -> str:
    """``text`` with the spaces inside each number+unit group no-break spaces (130.83
    billion yuan, 720 MWh): what the line breaker holds together, for a writer whose
    reader breaks the lines itself (the DOCX)."""
    if not any(ch.isdigit() for ch in text):
        return text
    glue = [0.0] * (len(text) + 1)
    _glue_numbers(text, glue)
    out = list(text)
    for i, cost in enumerate(glue):
        if cost > 0:  # hard, and soft too (130.83 billion | yuan): Word has no soft glue
            j = i - 1
            while j >= 0 and out[j] == " ":
                out[j] = "\u00a0"
                j -= 1
    return "".join(out)


def segment(text: str, cjk: bool) -> list[Atom]:
    """Cut ``text`` into atoms; ``cjk`` is true for a Chinese paragraph.

    Leading and trailing whitespace belongs to no atom. Every boundary
    between two atoms is a legal line break.
    """
    n = len(text)
    if n == 0:
        return []
    uax14 = _CHINESE if cjk else _OTHER
    may = uax14.breaks(text)
    glue = [0.0] * (n + 1)  # glue[i]: cost of a break before text[i]
    _glue_numbers(text, glue)
    atoms: list[Atom] = []
    start = 0
    while start < n and _breakable_space(text[start]):
        start += 1
    for i in range(start + 1, n):
        if not may[i] or glue[i] == HARD or not _house_allows(text, i, cjk, uax14):
            continue
        end = i
        while end > start and _breakable_space(text[end - 1]):
            end -= 1
        cost = glue[i]
        if text[i - 1] in _DASHES and i >= 2 and (text[i - 2].isdigit() or text[i - 2] in "%％"):
            cost = max(cost, SOFT)  # a range (15%—|20%) breaks at its dash only if it must
        atoms.append(Atom(start, end, i, cost))
        start = i
    if start < n:
        end = n
        while end > start and _breakable_space(text[end - 1]):
            end -= 1
        atoms.append(Atom(start, end, n))
    return atoms


# ---------------------------------------------------------------- hyphens and phrases

#: Cost of a hyphenated line end (a loose justified line costs about 4), and the extra
#: cost of a hyphenated line after another.
HYPHEN = 1.5
DOUBLE_HYPHEN = 4.0
#: Longer runs of letters are no word to hyphenate.
LONGEST_WORD = 45
#: A lowercase word that may be hyphenated: not a name or an acronym (no capital
#: letter, no digit, not glued to other letters), at least five letters.
_HYPHENATABLE = re.compile(r"(?<![^\W\d_])[a-z]{5,}(?![^\W\d_])")
#: The same, capitalised words too: for a word wider than its line (a narrow table cell),
#: which is cut somewhere in any case.
_HYPHENATABLE_CAPITALISED = re.compile(r"(?<![^\W\d_])[A-Za-z][a-z]{4,}(?![^\W\d_])")


#: pyphen remembers every word it hyphenates (``HyphDict.cache``), without a bound: at
#: most this many, emptied when full (see :mod:`briefing.caches`).
MAX_HYPHENATED_WORDS = 1 << 15


def hyphenate(text: str, atoms: Sequence[Atom], hyphen: Callable[[int], float],
              capitalised: bool = False) -> list[Atom]:
    """English ``atoms`` with their words' hyphenation points as further (costlier) breaks.

    ``hyphen(i)``: the width of a hyphen set after ``text[i]``. Words come from
    pyphen's en_GB patterns (the LibreOffice/TeX hyphenation dictionaries; see
    :mod:`.hyphens`). ``capitalised``: capitalised words too (September), which body
    text keeps whole.
    """
    words = _HYPHENATABLE_CAPITALISED if capitalised else _HYPHENATABLE
    from .hyphens import hyphenator

    dic = hyphenator()
    if len(dic.hd.cache) > MAX_HYPHENATED_WORDS:
        dic.hd.cache.clear()
    out: list[Atom] = []
    for a in atoms:
        s = a.start
        if any(_breakable_space(ch) or ch in "\u00a0\u202f" for ch in text[a.start:a.end]):
            out.append(a)  # a number held to its unit (3 trillion yuan) stays whole
            continue
        for m in words.finditer(text, a.start, a.end):
            if m.end() - m.start() > LONGEST_WORD:
                continue  # no English word: a run of letters is cut as a last resort
            for p in dic.positions(m.group()):
                cut = m.start() + p
                out.append(Atom(s, cut, cut, HYPHEN, hyphen(cut - 1)))
                s = cut
        out.append(Atom(s, a.end, a.next, a.penalty) if s != a.start else a)
    return out


#: Cost of breaking a Chinese heading between two words rather than at punctuation.
BETWEEN_WORDS = 1.5


def keep_words(text: str, atoms: Sequence[Atom]) -> list[Atom]:
    """Chinese ``atoms`` joined so that a line breaks only between words (headings).

    Words come from jieba (:mod:`.words`: jieba's dictionary, the jieba-rs segmenter): 潮涌
    stays whole. A break after punctuation or a space is free; one between two
    words costs :data:`BETWEEN_WORDS`, so a heading breaks at its punctuation when
    it can. A word wider than the line is still cut (``break_lines``' last resort).
    """
    from .words import cut

    bounds: set[int] = set()
    pos = 0
    for word in cut(text):
        pos += len(word)
        bounds.add(pos)
    out: list[Atom] = []
    head: Atom | None = None
    for a in atoms:
        cur = a if head is None else Atom(head.start, a.end, a.next, a.penalty)
        if a.next in bounds or a.next >= len(text) or a.end < a.next:
            free = a.end < a.next or not _wide(text[a.end - 1], True) \
                or _CHINESE.no_start(text[a.end - 1])
            out.append(Atom(cur.start, cur.end, cur.next,
                            cur.penalty + (0.0 if free else BETWEEN_WORDS)))
            head = None
        else:
            head = cur
    if head is not None:
        out.append(head)
    return out


def _house_allows(text: str, i: int, cjk: bool, uax14: _Uax14) -> bool:
    """The house rules on a break UAX #14 allows before ``text[i]``."""
    a, b = text[i - 1], text[i]
    at = i  # the break, before any spaces that end the line
    while at > 0 and _breakable_space(text[at - 1]):
        at -= 1
    if cjk and (uax14.no_start(b) or (at > 0 and uax14.no_end(text[at - 1]))):
        # Chinese: a mark that may not start (end) a line never does, whatever
        # precedes (follows) it: UAX #14 lets ``%`` start a line after ``。``, and
        # anything after a space
        return False
    if at < i:
        return True
    if cjk and b in _DASHES and a.isdigit() and text[i + 1:i + 2].isdigit():
        return False  # Chinese: a range's dash never starts a line (1|—9月); after it
        # a line may end, as in English (2023—|2024年)
    if a in _DASHES and b.isdigit() and not _wide(a, cjk):
        return i >= 2 and text[i - 2].isdigit()  # a range: 2023–|2024
    # Chinese: a Latin run (a word, a number) breaks only at a space
    return not cjk or _wide(a, True) or _wide(b, True)


def _expands(text: str, i: int, cjk: bool) -> bool:
    """Does a justified line add space before ``text[i]``?"""
    a, b = text[i - 1], text[i]
    fa, fb = _flags(a), _flags(b)
    if fb & _BREAKABLE_SPACE or fa & _ZERO:
        return False
    if fa & _BREAKABLE_SPACE:
        return True
    if (fa | fb) & _JOINS or (a == b and fa & _PAIRS):
        return False
    return bool((fa | fb) & (_WIDE_IN_CHINESE if cjk else _WIDE_IN_ENGLISH))


def expansion_points(text: str, start: int, end: int, cjk: bool) -> list[int]:
    """Indices ``i`` in ``(start, end)`` before which a justified line adds space.

    A breakable space gets the extra space; so does every gap next to a
    Chinese character, except inside ``——``/``……`` and beside a no-break
    space.
    """
    return [i for i in range(start + 1, end) if _expands(text, i, cjk)]


#: Atoms set at once by the total-fit breaker (a long Chinese paragraph of about 1,500
#: characters fits in one window, so every ordinary paragraph is set whole).
WINDOW = 1500
#: Lines at the end of a window that the next window sets again.
KEEP_OPEN = 6


def break_lines(text: str, atoms: Sequence[Atom], widths: Sequence[float], first_width: float,
                width: float, em: float, cjk: bool, ragged: bool = False) -> list[Line]:
    """Set ``atoms`` into lines of ``first_width`` then ``width`` points.

    ``widths[i]`` is the advance of ``text[i]``. Breaks are chosen to
    minimise the summed squared slack of all lines but the last (total fit;
    justified: slack relative to the line's stretch; ``ragged``: relative to
    three ems, which evens the rag);
    a last line of a single Chinese character is avoided when possible. An
    atom wider than a line is cut between characters as a last resort. A paragraph
    longer than :data:`WINDOW` atoms is set in overlapping windows, so the time is
    linear in its length whatever the line width.
    """
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)
    # room[k] / tight[k]: how much the gaps before text[:k] may comfortably stretch (half a
    # space, 0.1 em by a CJK gap) or shrink (a third of a space; CJK gaps never shrink)
    room = [0.0] * (len(text) + 1)
    tight = [0.0] * (len(text) + 1)
    for i in range(1, len(text)):
        if _expands(text, i, cjk):
            space = _breakable_space(text[i - 1])
            room[i + 1] = widths[i - 1] * 0.5 if space else em * 0.1
            if space and not ragged:
                tight[i + 1] = widths[i - 1] * SHRINK
    for i in range(1, len(room)):
        room[i] += room[i - 1]
        tight[i] += tight[i - 1]

    def span(a: int, b: int) -> float:
        return prefix[b] - prefix[a]

    atoms = _split_oversized(list(atoms), span, text, min(first_width, width))
    n = len(atoms)
    starts_all = [a.start for a in atoms]
    ends_all = [a.end for a in atoms]
    hyphens_all = [a.hyphen for a in atoms]
    penalties_all = [a.penalty for a in atoms]

    def fit(i0: int, i1: int, final: bool) -> list[int]:
        """Total fit of ``atoms[i0:i1]``: the last atom index of each line, in order.

        ``final``: the window ends the paragraph (its last line is the paragraph's).
        """
        inf = float("inf")
        best = [inf] * (i1 - i0 + 1)
        choice = [i1] * (i1 - i0 + 1)
        best[i1 - i0] = 0.0
        tol = 0.01
        # the inner loop runs for every pair of atoms a line may join: plain lists, locals
        starts, ends_, hyphens, penalties = starts_all, ends_all, hyphens_all, penalties_all
        ragged_stretch = 3 * em
        for i in range(i1 - 1, i0 - 1, -1):
            limit = first_width if i == 0 else width
            start = starts[i]
            at_start, tight_start, room_start = prefix[start], tight[start + 1], room[start + 1]
            after_hyphen = i > 0 and hyphens[i - 1] > 0
            best_i = inf
            for j in range(i, i1):
                end = ends_[j]
                natural = prefix[end] - at_start
                shrink = tight[end] - tight_start
                if natural > limit + shrink + tol and j > i:
                    break
                hyphen = hyphens[j]
                natural += hyphen
                if natural > limit + shrink + tol and j > i:
                    continue  # the hyphen does not fit (a longer line may, without one)
                if natural > limit + tol and j > i:
                    squeeze = (natural - limit) / shrink  # spaces squeezed: up to a third
                    cost = squeeze * squeeze  # (x * x, not x ** 2: compiled, a power boxes)
                elif j == i1 - 1:
                    # the paragraph's last line, or a window's, which the next window sets
                    # again: its slack costs nothing
                    cost = _last_line_cost(text, start, end, natural, em) if final else 0.0
                else:
                    slack = max(0.0, limit - natural)
                    stretch = ragged_stretch if ragged else room[end] - room_start
                    if stretch > 0:
                        loose = slack / stretch
                        cost = min(loose * loose, 1e4)
                    else:
                        cost = 0.0 if slack < tol else 1e4
                if j < n - 1:
                    cost += penalties[j]
                    if hyphen and after_hyphen:
                        cost += DOUBLE_HYPHEN
                total = cost + best[j + 1 - i0]
                if total < best_i:
                    best_i = total
                    choice[i - i0] = j
            best[i - i0] = best_i
        ends: list[int] = []
        i = i0
        while i < i1:
            ends.append(choice[i - i0])
            i = ends[-1] + 1
        return ends

    # Total fit over bounded windows: a paragraph longer than WINDOW atoms is set a window
    # at a time, keeping all but the window's last KEEP_OPEN lines (which the next window
    # sets again with what follows), so the work and memory per step stay bounded.
    ends: list[int] = []
    i0 = 0
    while n - i0 > WINDOW:
        got = fit(i0, i0 + WINDOW, final=False)
        got = got[:max(1, len(got) - KEEP_OPEN)]
        ends.extend(got)
        i0 = got[-1] + 1
    if i0 < n:
        ends.extend(fit(i0, n, final=True))
    lines: list[Line] = []
    i = 0
    for j in ends:
        s, e = atoms[i].start, atoms[j].end
        lines.append(Line(s, e, j == n - 1, span(s, e) + atoms[j].hyphen, atoms[j].hyphen > 0))
        i = j + 1
    return lines


def _last_line_cost(text: str, start: int, end: int, natural: float, em: float) -> float:
    """A last line holding a single Chinese character (plus its punctuation) is a runt."""
    body = ""  # the line's one character that is neither a space nor a closing mark
    for k in range(start, end):
        ch = text[k]
        if not ch.isspace() and not _CHINESE.no_start(ch):
            if body:
                return 0.0  # two or more: no runt (asked of every possible last line)
            body = ch
    return 50.0 if _wide(body or " ", False) else 0.0


def _number_ends(text: str, j: int) -> bool:
    """Does a number (with its % or scale word) or a range's dash end at ``j``, and
    something else start there?"""
    a, b = text[j - 1], text[j]
    return (a.isdigit() or a in "%％" or a in _ZH_SCALE_CHARS) \
        and not (b.isdigit() or b in ".,%％" or b in _ZH_SCALE_CHARS) or a in _DASHES


def _split_oversized(atoms: list[Atom], span: Callable[[int, int], float], text: str,
                     limit: float) -> list[Atom]:
    """Cut atoms wider than a line (a last resort): at their inner spaces, else where a
    number ends, else anywhere."""
    out: list[Atom] = []
    for a in atoms:
        if span(a.start, a.end) <= limit + 0.01 or a.end - a.start <= 1:
            out.append(a)
            continue
        s = a.start
        k = a.start + 1
        while k < a.end:
            if span(s, k + 1) > limit:
                # back up to the last inner space of this piece, if there is one
                cut = next((j for j in range(k, s, -1) if text[j - 1].isspace()), None)
                if cut is not None and cut - 1 > s:
                    end = cut - 1
                    while end > s and text[end - 1].isspace():
                        end -= 1
                    out.append(Atom(s, end, cut))
                    s = cut
                elif k > s:
                    # between a number (or its scale word) and the unit after it, if the
                    # piece has such a place (236.4亿 | 千瓦时, 3.2 | 个百分点), else anywhere
                    good = next((j for j in range(k, s, -1) if _number_ends(text, j)), k)
                    out.append(Atom(s, good, good))
                    s = good
                    k = good
            k += 1
        out.append(Atom(s, a.end, a.next, a.penalty, a.hyphen))  # a hyphenated piece's hyphen
    return out
