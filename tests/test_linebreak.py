"""Chinese/English line-breaking rules (briefing.writers.pdf.linebreak), table-driven.

Widths are synthetic: a wide (Chinese) character is 1 em (10 pt), anything
else half an em, so each case reads like a grid.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence

import pytest
from uniseg.linebreak import line_break, line_break_breakables

from briefing.script import has_chinese, is_wide_in
from briefing.writers.pdf.linebreak import (
    _CHINESE,
    _MAGNITUDE_EN,
    _MAGNITUDE_ZH,
    _MEASURE_ZH,
    _OTHER,
    _UNIT_EN,
    Atom,
    Line,
    break_lines,
    expansion_points,
    hyphenate,
    keep_words,
    segment,
)

EM = 10.0

# What ``pdfcheck --cjk-lines`` (the shared print check) counts as a broken rule.
PDFCHECK_CANNOT_START = frozenset("，。、；：？！）」』”’》〉】〕…·%‰℃,.;:?!)]}")
PDFCHECK_CANNOT_END = frozenset("（「『“‘《〈【〔([{")
_NUMBER_END = re.compile(r"[0-9０-９][0-9０-９.,．，]*$")


def violations(lines: Iterable[str]) -> list[str]:
    """Chinese lines that break a line-start/line-end rule (as ``pdfcheck --cjk-lines``)."""
    bad = []
    for line in lines:
        line = line.strip()
        if line and has_chinese(line) and (line[0] in PDFCHECK_CANNOT_START
                                           or line[-1] in PDFCHECK_CANNOT_END):
            bad.append(line)
    return bad


def split_units(lines: Sequence[str]) -> list[str]:
    """Line ends that cut a number from its unit (``…1308.3`` / ``亿元…``)."""
    bad = []
    for a, b in zip(lines, lines[1:], strict=False):
        a, b = a.rstrip(), b.lstrip()
        if not a or not b or not _NUMBER_END.search(a):
            continue
        first_word = b.split(" ")[0].rstrip(",.;:")
        if b[0] in _MAGNITUDE_ZH or b[0] in _MEASURE_ZH or b[0] in "%‰" \
                or first_word in _UNIT_EN | _MAGNITUDE_EN:
            bad.append(f"{a[-12:]}|{b[:12]}")
    return bad


def widths(text: str) -> list[float]:
    return [EM if is_wide_in(ch, True) else EM / 2 for ch in text]


def atoms(text: str, cjk: bool = True) -> list[str]:
    return [text[a.start:a.end] for a in segment(text, cjk)]


def lines(text: str, chars: float, cjk: bool = True, indent: float = 0.0) -> list[str]:
    w = chars * EM
    got = break_lines(text, segment(text, cjk), widths(text), w - indent, w, EM, cjk)
    return [text[ln.start:ln.end] for ln in got]


# ---------------------------------------------------------------- atoms: what stays together

@pytest.mark.parametrize(("text", "cjk", "whole"), [
    # closing punctuation joins what precedes it; opening joins what follows
    ("增长，同比", True, ["长，"]),
    ("体系。”《人民日报》报道", True, ["系。”", "《人", "报》"]),
    ("研究团队（金属所）成果", True, ["（金", "所）"]),
    ("显著！真的？是的：好；", True, ["著！", "的？", "的：", "好；"]),
    ("一、二", True, ["一、"]),
    # a number stays whole with its unit or percent sign
    ("达到1308.3亿元，同比", True, ["1308.3亿元，"]),
    ("增长23.6%。", True, ["23.6%。"]),
    ("40余家企业", True, ["40余家"]),
    ("1.2万亿元投资", True, ["1.2万亿元"]),
    ("2023年，辽宁", True, ["2023年，"]),
    ("提高1.5个百分点", True, ["1.5个百分点"]),
    ("储能720 MWh项目", True, ["720 MWh"]),
    ("装机720兆瓦时", True, ["720兆瓦时"]),
    ("reached 130.83 billion yuan, up", False, ["130.83 billion"]),
    ("grew 5.3 per cent in", False, ["5.3 per cent"]),
    ("capacity of 720 MWh and", False, ["720 MWh"]),
    ("up 30.8% year on year", False, ["30.8%"]),
    # Latin words inside Chinese stay whole
    ("采用5G技术和Ansteel的方案", True, ["5G", "Ansteel"]),
    ("北方重工NHI公司", True, ["NHI"]),
    # two-em dashes and ellipses are never split
    ("他说——好的……然后", True, ["——", "的……"]),
    # a unit of the unit registry; a unit joined by a hyphen
    ("全国首台150万吨/年乙烯", True, ["150万吨/年"]),
    ("grew 40-fold and", False, ["40-fold"]),
    # a mark that may not start a line does not start one after a space either
    ("第 1 页 共 23 页 · Page 1", True, ["页 ·"]),
    ("中文 / Chinese", True, ["文 /"]),
    # nor after another mark: % never starts a line
    ("增长5%。%好", True, ["。%"]),
    # a connector (－, –, ～) or slash never starts a Chinese line
    ("三至五年～十年", True, ["年～"]),
    ("一二三–四五", True, ["三–"]),
    # an opening mark never ends a line, even before a zero-width space
    ("（\u200b技术）", True, ["（\u200b技"]),
])
def test_atoms_keep_together(text: str, cjk: bool, whole: list[str]) -> None:
    got = atoms(text, cjk)
    for piece in whole:  # an atom is never split, so one atom must hold the whole piece
        assert any(piece in a for a in got), (piece, got)


@pytest.mark.parametrize(("text", "cjk", "expected"), [
    ("中国人", True, ["中", "国", "人"]),
    ("one two  three", False, ["one", "two", "three"]),
    ("  padded ", False, ["padded"]),
    ("中文 English 中文", True, ["中", "文", "English", "中", "文"]),
    ("high-tech", False, ["high-", "tech"]),
    ("高high-tech技", True, ["高", "high-tech", "技"]),
    ("a\u00a0b c", False, ["a\u00a0b", "c"]),
    ("2023\u20132024", False, ["2023\u2013", "2024"]),  # a range breaks after its dash
    ("\u2013202", False, ["\u2013202"]),
    # Chinese: a range's dash never starts a line; after it a line may end
    ("2025年1\u20149月", True, ["2025年", "1\u2014", "9月"]),
    ("2023\u20142024年", True, ["2023\u2014", "2024年"]),
    ("", True, []),
    # in Chinese a closing quotation mark may end a line, whatever it follows
    ("中“太行110”重型", True, ["中", "“太", "行", "110”", "重", "型"]),
    # a zero-width space breaks, even inside a Latin run in Chinese
    ("Hong\u200bKong", True, ["Hong", "Kong"]),
    # English: UAX #14 breaks after a slash, never inside a number
    ("and/or 2023/2024", False, ["and/", "or", "2023/2024"]),
])
def test_segment(text: str, cjk: bool, expected: list[str]) -> None:
    assert atoms(text, cjk) == expected


def test_soft_unit_break_costs_more_than_a_space() -> None:
    got = segment("reached 130.83 billion yuan, up", False)
    assert [a.penalty for a in got] == [0.0, 2.0, 0.0, 0.0]
    assert isinstance(got[0], Atom)


# ---------------------------------------------------------------- lines: rules hold at any width

SAMPLES = [
    "“我们的产品已进入40余家企业的供应体系。”《人民日报》报道，中国科学院金属研究所的研究团队"
    "（金属所）成果显著！",
    "2023年，辽宁全省技术合同成交额达到1308.3亿元，同比增长23.6%。新型储能规模达到720 MWh，"
    "采用5G技术的Ansteel工厂……“从0到1”——再到“从1到无穷”。",
    "“我们要进一步完善科技成果转化服务体系。”辽宁省副省长高涛表示：“要让更多成果从‘实验室’"
    "走进‘车间’。”",
]


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("chars", [6, 7, 9, 11, 13, 17, 20, 24, 33])
def test_no_line_breaks_a_rule(text: str, chars: int) -> None:
    w = chars * EM
    set_lines = break_lines(text, segment(text, True), widths(text), w, w, EM, True)
    got = [text[ln.start:ln.end] for ln in set_lines]
    assert "".join(got).replace(" ", "") == text.replace(" ", "")
    assert violations(got) == []
    assert split_units(got) == []
    assert all(sum(widths(ln)) <= w + 0.01 for ln in got)
    for ln in set_lines[:-1]:  # no Latin word or number is cut
        before, after = text[ln.end - 1], text[ln.end]
        assert not (before.isascii() and before.isalnum() and after.isascii()
                    and after.isalnum()), (text[:ln.end][-8:], text[ln.end:][:8])


def _random_chinese(rng: random.Random) -> str:
    pieces = list("中国的技术，。、；：？！“”‘’（）《》…—%·～-–/ ") + [
        "于2023年", "达1308.3亿元", "增23.6%", "有40余家", "达720 MWh", "采用5G", "Ansteel",
        "\u200b"]
    # between two ideographs, so that only the breaks can put a mark at a line's start or end
    return "中" + "".join(rng.choice(pieces) for _ in range(rng.randint(5, 40))) + "国"


@pytest.mark.parametrize("seed", range(40))
def test_no_line_breaks_a_rule_in_any_text(seed: int) -> None:
    rng = random.Random(seed)
    text = _random_chinese(rng)
    pieces = segment(text, True)
    widest = max(sum(widths(text[a.start:a.end])) for a in pieces)  # no last-resort cuts
    for extra in (0, 1, 3, 8):
        w = widest + extra * EM
        got = [text[ln.start:ln.end]
               for ln in break_lines(text, pieces, widths(text), w, w, EM, True)]
        assert violations(got) == [], (text, got)
        assert split_units(got) == [], (text, got)


@pytest.mark.parametrize(("text", "chars", "expected"), [
    # pull the character before the comma down rather than start a line with "，"
    ("一二三四五，六七", 5, ["一二三四", "五，六七"]),
    # the opening bracket goes down with the word it opens
    ("一二三四《五六》", 5, ["一二三四", "《五六》"]),
    # the number and its unit go down together
    ("一二三1308.3亿元", 7, ["一二三", "1308.3亿元"]),
    # a Latin word is not split
    ("一二三四Ansteel五", 6, ["一二三四", "Ansteel五"]),
])
def test_examples(text: str, chars: int, expected: list[str]) -> None:
    assert lines(text, chars) == expected


def test_first_line_indent() -> None:
    assert lines("一二三四五六七八九十", 5, indent=2 * EM) == ["一二三", "四五六七八", "九十"]


def test_english_breaks_at_spaces_only() -> None:
    text = "Technology contracts reached 130.83 billion yuan, up 30.8% year on year."
    for chars in range(16, 40):
        got = lines(text, chars, cjk=False)
        assert " ".join(got) == text
        assert all("130.83" not in ln or "130.83 billion" in ln for ln in got)


def test_oversized_word_is_cut_as_a_last_resort() -> None:
    got = lines("一Supercalifragilistic二", 4)
    assert "".join(got) == "一Supercalifragilistic二"
    assert all(sum(widths(ln)) <= 4 * EM + 0.01 for ln in got)


@pytest.mark.parametrize(("text", "chars", "expected"), [
    ("236.4亿千瓦时", 4, ["236.4亿", "千瓦时"]),  # not 236.4亿千 | 瓦时
    ("372.6万标准箱", 4, ["372.6万", "标准箱"]),
    ("3.2个百分点", 3, ["3.2", "个百分", "点"]),
])
def test_an_oversized_figure_is_cut_where_its_number_ends(text, chars, expected) -> None:
    assert lines(text, chars) == expected


def test_a_range_breaks_at_its_dash_only_when_it_must() -> None:
    assert [a.penalty for a in segment("再降15%—20%。", True)][-2:] == [2.0, 0.0]
    assert lines("度电成本有望再降15%—20%。", 9) == ["度电成本有望再降", "15%—20%。"]


@pytest.mark.parametrize("text", [
    "一二三四五六七八九十一二三四五六七八九十一",  # 21 characters on lines of 10
    "一二三四五六七八九十一二三四五六七八九十“最后一公里”。",
])
def test_runt_last_line_is_avoided(text: str) -> None:
    got = lines(text, 10)
    assert len([ch for ch in got[-1] if ch not in "“”。"]) > 1, got


# ---------------------------------------------------------------- justification points

@pytest.mark.parametrize(("text", "cjk", "expected"), [
    ("中文字", True, [1, 2]),
    ("a b", False, [2]),
    ("ab", False, []),
    ("中a", True, [1]),
    ("——好", True, [2]),
    ("720\u00a0MWh", True, []),
])
def test_expansion_points(text: str, cjk: bool, expected: list[int]) -> None:
    assert expansion_points(text, 0, len(text), cjk) == expected


# ---------------------------------------------------------------- the check itself

@pytest.mark.parametrize(("line", "bad"), [
    ("，开头是逗号", True),
    ("结尾是书名号《", True),
    ("”引号开头", True),
    ("%开头", True),
    ("正常的一行。", False),
    ("“引号开头可以", False),
    (", an English line", False),  # not Chinese: not judged
])
def test_violations(line: str, bad: bool) -> None:
    assert bool(violations([line])) is bad


def test_split_units_finds_a_cut_number() -> None:
    assert split_units(["达到1308.3", "亿元，同比"])
    assert split_units(["reached 130.83", "billion yuan"])
    assert not split_units(["达到1308.3亿元", "，同比"])


# ---------------------------------------------------------------- UAX #14, memoised

def _one_of_each_class() -> list[str]:
    seen: dict[object, list[str]] = {}
    for cp in [*range(0x20, 0x2100), *range(0x3000, 0x3100), *range(0xFE30, 0xFF70),
               *range(0x1F1E6, 0x1F1EA), *range(0x1F3FB, 0x1F3FE), *range(0x1F600, 0x1F603)]:
        got = seen.setdefault(line_break(chr(cp)), [])
        if len(got) < 2:
            got.append(chr(cp))
    return [ch for chars in seen.values() for ch in chars] + list("中a1  “”\u2010\u25cc")


@pytest.mark.parametrize("seed", range(4))
def test_memoised_uax14_is_uniseg(seed: int) -> None:
    """Cutting a text into stretches and reusing them gives uniseg's answer for the whole."""
    alphabet = _one_of_each_class()
    rng = random.Random(seed)
    for _ in range(60):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        for rules in (_CHINESE, _OTHER):
            expected = list(line_break_breakables("".join(rules.roles.get(c, c) for c in text)))
            assert list(rules.breaks(text))[1:] == expected[1:], repr(text)


# ---------------------------------------------------------------- bounded windows

@pytest.mark.parametrize(("window", "text", "cjk", "chars"), [
    (200, "辽宁是我国重要的老工业基地，曾经为中国工业贡献了很多全国第一。" * 30, True, 17),
    (150, "Liaoning is an old industrial base of the country, with many firsts. " * 25,
     False, 31),
    (120, "网址https://example.com/" + "a/b_c-d" * 60 + "，见上文。" * 60, True, 12),
], ids=["chinese", "english", "url"])
def test_a_paragraph_longer_than_the_window_is_set_window_by_window(monkeypatch, window, text,
                                                                     cjk, chars):
    import briefing.writers.pdf.linebreak as lb

    whole = lines(text, chars, cjk)
    monkeypatch.setattr(lb, "WINDOW", window)
    windowed = lines(text, chars, cjk)
    # every character is set once, in order, and no line is wider than the measure
    assert "".join(windowed).replace(" ", "") == text.replace(" ", "")
    widest = max(sum(widths(ln.rstrip())) for ln in whole)
    assert max(sum(widths(ln.rstrip())) for ln in windowed) <= max(widest, chars * EM)
    assert violations(windowed) == []
    # the windows cost little: as many lines as the total fit of the whole paragraph
    assert abs(len(windowed) - len(whole)) <= 1


def test_the_window_leaves_ordinary_paragraphs_whole():
    import briefing.writers.pdf.linebreak as lb

    # the longest paragraph of the examples is far below the window
    assert lb.WINDOW >= 1500


# ---------------------------------------------------------------- headings and hyphens

def heading(text: str, chars: float) -> list[str]:
    got = break_lines(text, keep_words(text, segment(text, True)), widths(text), chars * EM,
                      chars * EM, EM, True, ragged=True)
    return [text[ln.start:ln.end] for ln in got]


@pytest.mark.parametrize(("text", "chars", "plain", "kept"), [
    # character by character, the line would end inside 潮涌; by words it does not
    ("东方港口潮涌新时代", 5, ["东方港口潮", "涌新时代"], ["东方港口", "潮涌新时代"]),
    # a break at punctuation is preferred to one between two words
    ("安徽颍南：一地两用，粮电双收", 10, ["安徽颍南：一地两用，", "粮电双收"],
     ["安徽颍南：一地两用，", "粮电双收"]),
    ("老工业基地加速培育壮大新质生产力", 13, ["老工业基地加速培育壮大新质", "生产力"],
     ["老工业基地加速培育壮大新质", "生产力"]),
    ("老工业基地加速培育壮大新质生产力", 14, ["老工业基地加速培育壮大新质生", "产力"],
     ["老工业基地加速培育壮大新质", "生产力"]),
])
def test_a_chinese_heading_breaks_between_words(text: str, chars: int, plain: list[str],
                                                kept: list[str]) -> None:
    got = break_lines(text, segment(text, True), widths(text), chars * EM, chars * EM, EM, True,
                      ragged=True)
    assert [text[ln.start:ln.end] for ln in got] == plain
    assert heading(text, chars) == kept


@pytest.mark.parametrize(("text", "pieces"), [
    ("industrial", ["in", "dus", "trial"]),
    ("manufacturing,", ["man", "u", "fac", "tur", "ing,"]),
    ("Liaoning", ["Liaoning"]),  # a name is never hyphenated
    ("USA", ["USA"]),
    ("high-tech", ["high-", "tech"]),  # its own hyphen is its break
    ("3 trillion", ["3 trillion"]),  # a number held to its magnitude stays whole
    ("bases", ["bases"]),  # too short to leave three letters after a hyphen
])
def test_hyphenation_points(text: str, pieces: list[str]) -> None:
    got = hyphenate(text, segment(text, False), lambda i: EM / 3)
    assert [text[a.start:a.end] for a in got] == pieces
    assert all(a.hyphen == EM / 3 for a in got[:-1] if text[a.end - 1].isalpha())


def test_hyphens_fill_a_narrow_justified_column() -> None:
    text = ("Liaoning has worked to optimise and upgrade its industries, vigorously developed "
            "strategic emerging industries and accelerated the formation of new quality "
            "productive forces.")
    ws = widths(text)
    width = 19 * EM

    def slack(got: list) -> float:
        return max(width - ln.width for ln in got if not ln.last)

    whole = break_lines(text, segment(text, False), ws, width, width, EM, False)
    split = break_lines(text, hyphenate(text, segment(text, False), lambda i: EM / 2), ws,
                        width, width, EM, False)
    assert any(ln.hyphen for ln in split)
    assert all(ln.width <= width + 0.01 for ln in split)
    assert slack(split) < slack(whole)
    # no two hyphenated lines in a row
    assert not any(a.hyphen and b.hyphen for a, b in zip(split, split[1:], strict=False))


def test_has_chinese_agrees_with_is_wide_on_every_code_point() -> None:
    """The whole-text test (one character class) and the per-character one (the range
    table) answer alike for every character, alone and inside Latin text."""
    from briefing.script import is_wide

    for cp in range(0x110000):
        ch = chr(cp)
        assert has_chinese(ch) == is_wide(ch), hex(cp)
    assert has_chinese("GDP rose 5.4% in 辽宁") and not has_chinese("GDP rose 5.4%")


@pytest.mark.parametrize("made", [Atom(3, 7, 8), Atom(0, 4, 5, 2.0, 3.5),
                                  Line(0, 12, False, 71.5), Line(12, 20, True, 40.0, True)])
def test_atoms_and_lines_are_values(made: Atom | Line) -> None:
    """Equal by their fields, hashable, copied and pickled whole; and final: compiled, a
    field cannot be set once made (mypy says so of the pure module)."""
    import copy
    import pickle

    twin = type(made)(*made._fields())
    assert twin == made and hash(twin) == hash(made) and twin != made._fields()
    assert repr(made).startswith(type(made).__name__ + "(start=")
    for again in (copy.copy(made), copy.deepcopy(made), pickle.loads(pickle.dumps(made))):
        assert again == made and type(again) is type(made)
    import briefing.writers.pdf.linebreak as compiled_or_not

    if (compiled_or_not.__file__ or "").endswith(".so"):
        with pytest.raises(AttributeError):
            made.start = 99  # type: ignore[misc]

