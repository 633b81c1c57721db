"""Chinese (and English) line breaking: pure rules, no fonts, no reportlab.

A paragraph is cut into *atoms*, the pieces a line may never split, then the
atoms are set into lines by a total-fit search (least squared slack, like TeX,
but without hyphenation). The rules follow the usual Chinese typesetting
practice (GB/T 15834, W3C *Requirements for Chinese Text Layout*):

* closing punctuation (，。、；：？！）》” % …) never starts a line; it joins the
  atom before it;
* opening punctuation (（《“ …) never ends a line; it joins the atom after it;
* ``——`` and ``……`` are never split;
* a number stays whole with its unit or percent sign: ``23.6%``,
  ``1308.3亿元``, ``40余家``, ``720 MWh``, ``130.83 billion yuan``;
* Latin words inside Chinese text stay whole (a Latin run breaks only at a
  space, or after a hyphen between letters);
* between two Chinese characters a line may break anywhere else.

Justified lines spread their slack over every *expansion point*: each
breakable space and each gap next to a Chinese character (see
:func:`expansion_points`), so Chinese text is set evenly across the line
instead of leaving the slack at the end.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ...quantities import ZH_MARKERS
from ...script import ZERO_WIDTH, has_chinese, is_wide_in
from ...units import EN_SCALES, ZH_SCALES

#: May not start a line (pdfcheck's list plus the rest of the closing marks).
CANNOT_START = frozenset(
    "，。、；：？！）」』”’》〉】〕〗〙〛…·%‰℃℉,.;:?!)]}»›"
    "．，｡｣､・ー゠〜～々〻ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    "︰︱︲︳︴︵︶︷︸︹︺︻︼︽︾︿﹀﹁﹂﹃﹄"
    "）］｝｠〞〟"
)
#: May not end a line.
CANNOT_END = frozenset("（「『“‘《〈【〔〖〘〚([{«‹［｛｟〝")
#: Two-em marks that must stay together.
PAIRED = frozenset("—…")
#: Spaces that do not allow a break.
NO_BREAK_SPACES = frozenset("\u00a0\u202f\u2007\u2060\ufeff")
# Between a number and its unit: the scale words of the one scale table (万, 亿,
# 万亿: 1.2万亿元), the qualifier markers that stand inside a quantity (40余家,
# 20多年), and the house addition: numerals that act as magnitudes in prose
# (3千, 5百, 20兆瓦).
_ZH_SCALE_CHARS = frozenset("".join(ZH_SCALES))
_ZH_NUMERAL_MAGNITUDES = frozenset("千百十兆")
_ZH_QUALIFIERS = frozenset(m for m, (_, where) in ZH_MARKERS.items() if where == "inside")
_MAGNITUDE_ZH = _ZH_SCALE_CHARS | _ZH_NUMERAL_MAGNITUDES | _ZH_QUALIFIERS
# multi-character units first (longest match wins)
_UNITS_ZH = tuple(sorted((
    "个百分点", "百分点", "千瓦时", "兆瓦时", "吉瓦时", "太瓦时", "万千瓦", "千瓦", "兆瓦",
    "吉瓦", "平方公里", "平方千米", "平方米", "立方米", "公里", "千米", "厘米", "毫米",
    "纳米", "微米", "公斤", "千克", "公顷", "美元", "欧元", "日元", "港元", "英镑", "韩元",
    "人民币", "小时", "分钟", "季度", "年度", "摄氏度", "标准箱", "人次", "架次", "周年",
    "个月", "余年",
), key=len, reverse=True))
_MEASURE_ZH = frozenset(
    "元年月日号时分秒天周个家项件名位人次台辆架艘座所条种类批套吨斤克米里亩倍度户栋层"
    "部款场届期季岁页篇本张股只头支枚块根间处例份轮笔宗辆列趟班代"
)
# The English scale words of the one scale table, with ``hundred`` and the
# abbreviations ``bn``/``mn`` that prose also uses.
_EN_SHORT_SCALES = frozenset({"hundred", "bn", "mn"})
_MAGNITUDE_EN = frozenset(EN_SCALES) | _EN_SHORT_SCALES
_UNITS_EN = (
    ("per", "cent"), ("percentage", "points"), ("percentage", "point"),
    ("square", "kilometres"), ("square", "kilometers"), ("square", "metres"),
    ("square", "meters"), ("cubic", "metres"), ("cubic", "meters"),
)
_UNIT_EN = frozenset({
    "yuan", "RMB", "dollars", "euros", "MWh", "kWh", "GWh", "TWh", "MW", "GW", "kW", "TW",
    "W", "km", "m", "cm", "mm", "nm", "kg", "g", "t", "tonnes", "tons", "ha", "hectares",
    "mu", "points", "%", "°C", "℃", "TEU", "km²", "m²", "m³", "kV", "V", "Hz", "GHz", "MHz",
    "GB", "TB", "MB",
})
_NUMBER_START = re.compile(r"[0-9０-９][0-9０-９.,．]*[%‰]?")


@functools.cache
def _wide(ch: str, cjk: bool) -> bool:
    """:func:`briefing.script.is_wide_in`, remembered (the breaker asks it of every gap)."""
    return is_wide_in(ch, cjk)


def _breakable_space(ch: str) -> bool:
    return (ch.isspace() and ch not in NO_BREAK_SPACES) or ch in ZERO_WIDTH


@dataclass(frozen=True)
class Atom:
    """Text ``[start, end)`` that stays on one line, then breakable space up to ``next``."""

    start: int
    end: int
    next: int
    penalty: float = 0.0  # cost of breaking after this atom (a soft number group)


@dataclass(frozen=True)
class Line:
    """One set line: text ``[start, end)`` (no trailing space); ``last`` ends the paragraph."""

    start: int
    end: int
    last: bool
    width: float


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
    ``130.83 billion``); a further unit word after a magnitude (``yuan``) is
    held softly, so a narrow column may still break before it.
    """
    n = len(text)
    i = 0
    while i < n:
        m = _NUMBER_START.match(text, i)
        if not m or (i and (text[i - 1].isalnum() and not _wide(text[i - 1], False))):
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
            while we < n and not text[we].isspace() and not _wide(text[we], False):
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


def segment(text: str, cjk: bool) -> list[Atom]:
    """Cut ``text`` into atoms; ``cjk`` is true for a Chinese paragraph.

    Leading and trailing whitespace belongs to no atom. Every boundary
    between two atoms is a legal line break.
    """
    n = len(text)
    if n == 0:
        return []
    glue = [0.0] * (n + 1)  # glue[i]: cost of a break before text[i]
    _glue_numbers(text, glue)
    atoms: list[Atom] = []
    i = 0
    while i < n and _breakable_space(text[i]):
        i += 1
    start = i
    while i < n:
        ch = text[i]
        if _breakable_space(ch):
            j = i
            while j < n and _breakable_space(text[j]):
                j += 1
            before, after = text[i - 1], (text[j] if j < n else "")
            if j >= n:
                atoms.append(Atom(start, i, n))
                return atoms
            if glue[j] == HARD or after in CANNOT_START or before in CANNOT_END:
                i = j  # a space that may not break: keep it inside the atom
                continue
            atoms.append(Atom(start, i, j, glue[j]))
            start = i = j
            continue
        if i > start and _may_break(text, i, cjk) and glue[i] != HARD:
            atoms.append(Atom(start, i, i, glue[i]))
            start = i
        i += 1
    if start < n:
        end = n
        while end > start and _breakable_space(text[end - 1]):
            end -= 1
        atoms.append(Atom(start, end, n))
    return atoms


def _may_break(text: str, i: int, cjk: bool) -> bool:
    """May a line break between ``text[i-1]`` and ``text[i]`` (no space between)?"""
    a, b = text[i - 1], text[i]
    if b in CANNOT_START or a in CANNOT_END or b in NO_BREAK_SPACES or a in NO_BREAK_SPACES:
        return False
    if a == b and a in PAIRED:
        return False
    if a in ZERO_WIDTH:
        return True
    if _wide(a, cjk) or _wide(b, cjk):
        return True
    # a range of numbers may break after its dash (2023– | 2024), never inside a number
    if a in "\u2013\u2014" and b.isdigit() and i >= 2 and text[i - 2].isdigit():
        return True
    # inside a Latin run: only after a hyphen between letters (high-tech)
    return (a in "-\u2010" and b.isalpha() and i >= 2 and text[i - 2].isalpha()
            and not cjk)


def _expands(text: str, i: int, cjk: bool) -> bool:
    """Does a justified line add space before ``text[i]``?"""
    a, b = text[i - 1], text[i]
    if _breakable_space(b) or a in ZERO_WIDTH:
        return False
    if _breakable_space(a):
        return True
    if (a == b and a in PAIRED) or a in NO_BREAK_SPACES or b in NO_BREAK_SPACES:
        return False
    return _wide(a, cjk) or _wide(b, cjk)


def expansion_points(text: str, start: int, end: int, cjk: bool) -> list[int]:
    """Indices ``i`` in ``(start, end)`` before which a justified line adds space.

    A breakable space gets the extra space; so does every gap next to a
    Chinese character, except inside ``——``/``……`` and beside a no-break
    space.
    """
    return [i for i in range(start + 1, end) if _expands(text, i, cjk)]


def break_lines(text: str, atoms: Sequence[Atom], widths: Sequence[float], first_width: float,
                width: float, em: float, cjk: bool, ragged: bool = False) -> list[Line]:
    """Set ``atoms`` into lines of ``first_width`` then ``width`` points.

    ``widths[i]`` is the advance of ``text[i]``. Breaks are chosen to
    minimise the summed squared slack of all lines but the last (total fit;
    justified: slack relative to the line's stretch; ``ragged``: relative to
    three ems, which evens the rag);
    a last line of a single Chinese character is avoided when possible. An
    atom wider than a line is cut between characters as a last resort.
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
    if n == 0:
        return []
    inf = float("inf")
    best = [inf] * (n + 1)
    choice = [n] * (n + 1)
    best[n] = 0.0
    tol = 0.01
    for i in range(n - 1, -1, -1):
        limit = first_width if i == 0 else width
        start = atoms[i].start
        for j in range(i, n):
            end = atoms[j].end
            natural = span(start, end)
            shrink = tight[end] - tight[start + 1]
            if natural > limit + shrink + tol and j > i:
                break
            if natural > limit + tol and j > i:
                cost = ((natural - limit) / shrink) ** 2  # spaces squeezed: fine up to a third
            elif j == n - 1:
                cost = _last_line_cost(text, start, end, natural, em)
            else:
                slack = max(0.0, limit - natural)
                stretch = 3 * em if ragged else room[end] - room[start + 1]
                cost = (slack / stretch) ** 2 if stretch > 0 else (0.0 if slack < tol else 1e4)
                cost = min(cost, 1e4)
            if j < n - 1:
                cost += atoms[j].penalty
            total = cost + best[j + 1]
            if total < best[i]:
                best[i] = total
                choice[i] = j
    lines: list[Line] = []
    i = 0
    while i < n:
        j = choice[i]
        s, e = atoms[i].start, atoms[j].end
        lines.append(Line(s, e, j == n - 1, span(s, e)))
        i = j + 1
    return lines


def _last_line_cost(text: str, start: int, end: int, natural: float, em: float) -> float:
    """A last line holding a single Chinese character (plus its punctuation) is a runt."""
    body = [ch for ch in text[start:end] if ch not in CANNOT_START and not ch.isspace()]
    if len(body) <= 1 and _wide(body[0] if body else " ", False):
        return 50.0
    return 0.0


def _split_oversized(atoms: list[Atom], span: Callable[[int, int], float], text: str,
                     limit: float) -> list[Atom]:
    """Cut atoms wider than a line (a last resort): at their inner spaces, else anywhere."""
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
                    out.append(Atom(s, k, k))
                    s = k
            k += 1
        out.append(Atom(s, a.end, a.next))
    return out


def violations(lines: Iterable[str]) -> list[str]:
    """Lines that break a line-start/line-end rule (the ``pdfcheck --cjk-lines`` test).

    Only the tests use this; it stays here while ``tests/test_pdf_writer.py``
    imports it from this module.
    """
    bad = []
    for line in lines:
        line = line.strip()
        if line and has_chinese(line) and (line[0] in CANNOT_START or line[-1] in CANNOT_END):
            bad.append(line)
    return bad
