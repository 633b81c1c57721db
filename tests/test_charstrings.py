"""The CFF charstring reader that converts a Chinese base's outlines: the same TrueType
points, flags and contours as fontTools' interpreter drawing on its pens (cubic to
quadratic, reversed, collected by TTGlyphPen) and the same compiled glyph, operator
by operator (table-driven, each program built by fontTools) and on glyphs of the real
Chinese fonts; what it does not read it refuses, for fontTools to draw."""

from __future__ import annotations

import pytest
from fontTools.cffLib import PrivateDict
from fontTools.cu2qu import curve_to_quadratic
from fontTools.misc.psCharStrings import T2CharString
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen

from briefing.fonts import builtin_font
from briefing.writers.pdf.charstrings import Unsupported, bias, glyph_data, outline

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
                                                 b"\xc0", 5, 5, "rmoveto", 1, 1, "rlineto",
                                                 "endchar"],
    "a lone point (an anchor) and a contour": [0, 0, "rmoveto", 9, 9, "rmoveto", 1, 0,
                                               "rlineto", 0, 1, "rlineto", "endchar"],
    "a contour back at its start": [0, 0, "rmoveto", 5, 0, "rlineto", 0, 5, "rlineto",
                                    -5, -5, "rlineto", "endchar"],
    "lines before any move": [7, 8, "rlineto", 1, 1, 1, 1, 1, 1, "rrcurveto", "endchar"],
    "two contours": [0, 0, "rmoveto", 10, 10, "rlineto", 5, 5, "rmoveto", 3, 3, "rlineto",
                     "endchar"],
    "fractions (16.16) and large numbers": [0.5, -1000.25, "rmoveto", 15000, -15000,
                                            "rlineto", 3.75, 2000, "rlineto", "endchar"],
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


def glyph_of(cs: T2CharString) -> tuple[list, list, list, bytes]:
    """What fontTools makes of a charstring: drawn on its pens, the glyph's points,
    flags and contour ends, and the glyph compiled."""
    pen = TTGlyphPen(None)
    cs.draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
    glyph = pen.glyph()
    return (list(glyph.coordinates), list(glyph.flags), list(glyph.endPtsOfContours),
            glyph.compile(None))


def ours(program: bytes, local: list[bytes], global_: list[bytes]
         ) -> tuple[list, list, list, bytes]:
    points, flags, ends = outline(program, local, global_, curve_to_quadratic)
    return points, flags, ends, glyph_data(points, flags, ends)


def fonttools_outline(program: list) -> tuple[list, list, list, bytes]:
    private = PrivateDict()
    private.Subrs = [compiled(p, private) for p in LOCAL]
    cs = compiled(program, private)
    cs.globalSubrs = [compiled(p, private) for p in GLOBAL]
    return glyph_of(cs)


def our_outline(program: list) -> tuple[list, list, list, bytes]:
    return ours(compiled(program).bytecode, [compiled(p).bytecode for p in LOCAL],
                [compiled(p).bytecode for p in GLOBAL])


@pytest.mark.parametrize("case", list(CASES))
def test_the_outline_is_the_one_fonttools_makes(case):
    program = CASES[case]
    expected = fonttools_outline(program)
    assert expected[0]  # every case has points
    assert our_outline(program) == expected


@pytest.mark.parametrize(("case", "program"), [
    ("an accent built by endchar (seac)", [0, 0, "rmoveto", 1, 1, "rlineto",
                                           10, 20, 65, 66, "endchar"]),
    ("arithmetic fontTools does not run", [0, 0, "rmoveto", 1, 2, "add", 0, "rlineto",
                                           "endchar"]),
    ("a subroutine that is not there", [0, 0, "rmoveto", 5, "callsubr", "endchar"]),
    ("a curve short of numbers", [0, 0, "rmoveto", 1, 2, 3, "rrcurveto", "endchar"]),
    ("a move without its number", [0, 0, "rmoveto", 1, 1, "rlineto", "hmoveto"]),
])
def test_what_it_does_not_read_it_refuses(case, program):
    with pytest.raises(Unsupported):
        our_outline(program)


def test_a_reserved_operator_is_not_read():
    with pytest.raises(Unsupported):  # 0 0 rmoveto, then the reserved operator 2
        outline(bytes([139, 139, 21, 2, 14]), [], [], curve_to_quadratic)


def test_a_glyph_too_large_to_pack_is_refused():
    with pytest.raises(Unsupported):
        glyph_data([(0.0, 0.0), (20000.0, 0.0), (0.0, 5.0)], [1, 1, 1], [2])


@pytest.mark.parametrize(("count", "expected"), [(0, 107), (1239, 107), (1240, 1131),
                                                 (33899, 1131), (33900, 32768)])
def test_subroutine_bias(count, expected):
    assert bias(count) == expected


@pytest.mark.parametrize("name", ["noto-serif-sc", "noto-sans-sc"])
def test_glyphs_of_the_chinese_fonts_convert_as_fonttools_converts_them(name):
    """Every 40th glyph (about 780 of a font's 31,000), through its font dict's local
    subroutines and the global ones. (All of both fonts' glyphs were compared once.)"""
    from fontTools.ttLib import TTFont

    from briefing.writers.pdf.fonts import _Programs

    path = builtin_font(name)
    mine, theirs = TTFont(path), TTFont(path)
    programs, charstrings = _Programs(mine.getGlyphSet()), theirs.getGlyphSet().charStrings
    for glyph in mine.getGlyphOrder()[::40]:
        assert ours(*programs.of(glyph)) == glyph_of(charstrings[glyph]), glyph
