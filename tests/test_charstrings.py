"""The CFF charstring interpreter that draws a Chinese base's outlines: the same pen calls
as fontTools' own, operator by operator (table-driven, each program built and drawn by
fontTools too), and on glyphs of the real Chinese fonts; what it does not read leaves
the pen untouched for fontTools to draw."""

from __future__ import annotations

import pytest
from fontTools.cffLib import PrivateDict
from fontTools.misc.psCharStrings import T2CharString
from fontTools.pens.recordingPen import RecordingPen

from briefing.fonts import builtin_font
from briefing.writers.pdf.charstrings import Unsupported, bias, draw

# programs in fontTools' notation (numbers, then an operator): what each case draws
CASES = {
    "rmoveto with a width, rlineto": [500, 10, 20, "rmoveto", 30, 0, 0, 40, "rlineto",
                                      "endchar"],
    "hmoveto, alternating lines": [15, "hmoveto", 10, 20, 30, "hlineto", 5, 6, "vlineto",
                                   "endchar"],
    "vmoveto with a width": [600, 25, "vmoveto", 1, 2, "rlineto", "endchar"],
    "rrcurveto twice": [0, 0, "rmoveto", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, "rrcurveto",
                        "endchar"],
    "rcurveline, rlinecurve": [0, 0, "rmoveto", 1, 2, 3, 4, 5, 6, 7, 8, "rcurveline",
                               1, 1, 2, 2, 3, 3, 4, 4, 5, 5, "rlinecurve", "endchar"],
    "vvcurveto, odd and even": [0, 0, "rmoveto", 9, 1, 2, 3, 4, 5, 6, 7, 8, "vvcurveto",
                                1, 2, 3, 4, "vvcurveto", "endchar"],
    "hhcurveto, odd and even": [0, 0, "rmoveto", 9, 1, 2, 3, 4, "hhcurveto",
                                1, 2, 3, 4, 5, 6, 7, 8, "hhcurveto", "endchar"],
    "vhcurveto 4, 5, 8, 9": [0, 0, "rmoveto", 1, 2, 3, 4, "vhcurveto", 1, 2, 3, 4, 5,
                             "vhcurveto", 1, 2, 3, 4, 5, 6, 7, 8, "vhcurveto",
                             1, 2, 3, 4, 5, 6, 7, 8, 9, "vhcurveto", "endchar"],
    "hvcurveto 4, 5, 8, 9": [0, 0, "rmoveto", 1, 2, 3, 4, "hvcurveto", 1, 2, 3, 4, 5,
                             "hvcurveto", 1, 2, 3, 4, 5, 6, 7, 8, "hvcurveto",
                             1, 2, 3, 4, 5, 6, 7, 8, 9, "hvcurveto", "endchar"],
    "flex": [0, 0, "rmoveto", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 50, "flex", "endchar"],
    "hflex": [0, 0, "rmoveto", 1, 2, 3, 4, 5, 6, 7, "hflex", "endchar"],
    "hflex1": [0, 0, "rmoveto", 1, 2, 3, 4, 5, 6, 7, 8, 9, "hflex1", "endchar"],
    "flex1, wide": [0, 0, "rmoveto", 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 7, "flex1",
                    "endchar"],
    "flex1, tall": [0, 0, "rmoveto", 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 7, "flex1",
                    "endchar"],
    "hints, a mask, a counter mask": [300, 10, 20, 30, 40, "hstemhm", 1, 2, "vstemhm",
                                      5, 6, "hintmask", b"\xe0", 0, 0, "rmoveto", 3, 4,
                                      "rlineto", "cntrmask", b"\xc0", 1, 1, "rlineto",
                                      "endchar"],
    "hints that take the width, implied vstem": [700, 10, 20, "hstem", 30, 40, "hintmask",
                                                 b"\xc0", 5, 5, "rmoveto", "endchar"],
    "lines before any move": [7, 8, "rlineto", 1, 1, 1, 1, 1, 1, "rrcurveto", "endchar"],
    "two contours": [0, 0, "rmoveto", 10, 10, "rlineto", 5, 5, "rmoveto", 3, 3, "rlineto",
                     "endchar"],
    "fractions (16.16) and large numbers": [0.5, -1000.25, "rmoveto", 32000, -32000,
                                            "rlineto", "endchar"],
    "div": [0, 0, "rmoveto", 7, 2, "div", 0, "rlineto", 6, 3, "div", 0, "rlineto",
            "endchar"],
    "no endchar": [0, 0, "rmoveto", 10, 10, "rlineto"],
    "subroutines": [0, 0, "rmoveto", -107, "callsubr", 0 - 107, "callgsubr", 1 - 107,
                    "callsubr", "endchar"],
}
LOCAL = [[10, 0, "rlineto", "return"], [2, "hlineto", 3, "vlineto", "return"]]
GLOBAL = [[0, 9, "rlineto", -106, "callsubr", "return"]]  # a global calling a local


def compiled(program: list, private: PrivateDict | None = None) -> T2CharString:
    cs = T2CharString(program=program, private=private)
    cs.compile()
    return cs


def fonttools_calls(program: list) -> list:
    private = PrivateDict()
    private.Subrs = [compiled(p, private) for p in LOCAL]
    cs = compiled(program, private)
    cs.globalSubrs = [compiled(p, private) for p in GLOBAL]
    pen = RecordingPen()
    cs.draw(pen)
    return pen.value


def our_calls(program: list) -> list:
    pen = RecordingPen()
    draw(compiled(program).bytecode, [compiled(p).bytecode for p in LOCAL],
         [compiled(p).bytecode for p in GLOBAL], pen)
    return pen.value


@pytest.mark.parametrize("case", list(CASES))
def test_the_pen_calls_are_fonttools_own(case):
    program = CASES[case]
    expected = fonttools_calls(program)
    assert expected  # every case draws something
    assert our_calls(program) == expected


@pytest.mark.parametrize(("case", "program"), [
    ("an accent built by endchar (seac)", [0, 0, "rmoveto", 1, 1, "rlineto",
                                           10, 20, 65, 66, "endchar"]),
    ("arithmetic fontTools does not run", [0, 0, "rmoveto", 1, 2, "add", 0, "rlineto",
                                           "endchar"]),
    ("a subroutine that is not there", [0, 0, "rmoveto", 5, "callsubr", "endchar"]),
    ("a curve short of numbers", [0, 0, "rmoveto", 1, 2, 3, "rrcurveto", "endchar"]),
    ("a move without its number", [0, 0, "rmoveto", 1, 1, "rlineto", "hmoveto"]),
])
def test_what_it_does_not_read_leaves_the_pen_untouched(case, program):
    pen = RecordingPen()
    with pytest.raises(Unsupported):
        draw(compiled(program).bytecode, [compiled(p).bytecode for p in LOCAL],
             [compiled(p).bytecode for p in GLOBAL], pen)
    assert pen.value == []


def test_a_reserved_operator_is_not_read():
    pen = RecordingPen()
    with pytest.raises(Unsupported):
        draw(bytes([139, 139, 21, 2, 14]), [], [], pen)  # 0 0 rmoveto, reserved 2
    assert pen.value == []


@pytest.mark.parametrize(("count", "expected"), [(0, 107), (1239, 107), (1240, 1131),
                                                 (33899, 1131), (33900, 32768)])
def test_subroutine_bias(count, expected):
    assert bias(count) == expected


@pytest.mark.parametrize("name", ["noto-serif-sc", "noto-sans-sc"])
def test_glyphs_of_the_chinese_fonts_draw_as_fonttools_draws_them(name):
    """Every 40th glyph (about 1,600 of a font's 65,000), through its font dict's local
    subroutines and the global ones."""
    from fontTools.ttLib import TTFont

    from briefing.writers.pdf.fonts import _Programs

    path = builtin_font(name)
    ours, theirs = TTFont(path), TTFont(path)
    programs, glyphs = _Programs(ours.getGlyphSet()), theirs.getGlyphSet()
    names = ours.getGlyphOrder()[::40]
    for glyph in names:
        mine, expected = RecordingPen(), RecordingPen()
        draw(*programs.of(glyph), mine)
        glyphs[glyph].draw(expected)
        assert mine.value == expected.value, glyph
