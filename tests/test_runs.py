"""How a set line is cut into runs (``briefing.writers.pdf.runs.line_runs``), table-driven.

Kinds in these tables: 0 and 1 share font 0 (two colours), 2 is font 1, 3 is a font
with no space glyph. Every character is 1 unit wide."""

from __future__ import annotations

import pytest

from briefing.writers.pdf.runs import HYPHEN_CHAR, lay_span, line_runs, split_assigned

FONTS = [0, 0, 1, 2]
SPACED = [True, True, True, False]


def runs(text: str, kinds: str, points: frozenset[int] = frozenset(), extra: float = 0.0,
         hyphen: bool = False, break_space: bool = False,
         end: int | None = None) -> list[tuple[str, float, int, float]]:
    end = len(text) if end is None else end
    return line_runs(text, [1.0] * len(text), [int(k) for k in kinds], FONTS, SPACED, 0, end,
                     set(points), extra, 10.0, hyphen, break_space)


@pytest.mark.parametrize(("text", "kinds", "expected"), [
    # a word and its space are one run (text read back says "two words")
    ("ab cd", "00000", [("ab ", 10.0, 0, 0.0), ("cd", 13.0, 0, 0.0)]),
    # a change of colour starts a run; a space in the same font joins the run before it
    ("ab cd", "00111", [("ab ", 10.0, 0, 0.0), ("cd", 13.0, 1, 0.0)]),
    ("ab cd", "00011", [("ab ", 10.0, 0, 0.0), ("cd", 13.0, 1, 0.0)]),
    # a space in another font is a run of its own
    ("ab cd", "00200", [("ab", 10.0, 0, 0.0), (" ", 12.0, 2, 0.0), ("cd", 13.0, 0, 0.0)]),
    # a font without a space glyph: the space is only a gap
    ("ab cd", "00300", [("ab", 10.0, 0, 0.0), ("cd", 13.0, 0, 0.0)]),
    # a zero-width space ends a run and draws nothing
    ("ab\u200bcd", "00000", [("ab", 10.0, 0, 0.0), ("cd", 13.0, 0, 0.0)]),
    ("中文", "22", [("中文", 10.0, 2, 0.0)]),
])
def test_runs_of_a_line(text: str, kinds: str, expected: list) -> None:
    assert runs(text, kinds) == expected


def test_justified_chinese_spreads_its_slack_as_character_spacing() -> None:
    # every gap widened by 0.5: one run, drawn with 0.5 character spacing
    assert runs("辽宁经济", "2222", points={1, 2, 3}, extra=0.5) == [("辽宁经济", 10.0, 2, 0.5)]


def test_a_gap_that_differs_starts_a_run() -> None:
    # gaps before 1 and 3 only: b is 0.5 after a; c follows b with none (a new run at
    # its own x), d is 0.5 after c
    assert runs("abcd", "0000", points={1, 3}, extra=0.5) == [
        ("ab", 10.0, 0, 0.5), ("cd", 12.5, 0, 0.5)]


def test_a_hyphenated_line_ends_in_the_soft_hyphen() -> None:
    assert runs("hyphenation", "0" * 11, hyphen=True, end=6) == [
        ("hyphen" + HYPHEN_CHAR, 10.0, 0, 0.0)]
    assert runs("hyphenation", "0" * 5 + "1" * 6, hyphen=True, end=6) == [
        ("hyphe", 10.0, 0, 0.0), ("n" + HYPHEN_CHAR, 15.0, 1, 0.0)]


def test_the_space_a_line_broke_at_is_drawn_at_its_end() -> None:
    assert runs("ab cd", "00000", break_space=True, end=2) == [("ab ", 10.0, 0, 0.0)]
    assert runs("ab cd", "00200", break_space=True, end=2) == [
        ("ab", 10.0, 0, 0.0), (" ", 12.0, 2, 0.0)]


def test_a_span_is_laid_from_its_table() -> None:
    table = {"a": ("A", 0.5, False, "Latin"), "中": ("Z", 1.0, True, "Han"),
             " ": ("A", 0.25, False, "Latin")}
    chars: list[str] = []
    faces: list[object] = []
    widths: list[float] = []
    kinds: list[int] = []
    kind_of: dict[tuple[str, str, bool], int] = {}
    lay_span("a中 a", table, "#000000", 10.0, chars, faces, widths, kinds, kind_of)
    lay_span("中", table, "#FF0000", 10.0, chars, faces, widths, kinds, kind_of)
    assert "".join(chars) == "a中 a中"
    assert faces == ["A", "Z", "A", "A", "Z"]
    assert widths == [5.0, 10.0, 2.5, 5.0, 10.0]
    assert kinds == [0, 1, 0, 0, 2]
    assert list(kind_of) == [("Latin", "#000000", False), ("Han", "#000000", True),
                             ("Han", "#FF0000", True)]


@pytest.mark.parametrize(("text", "expected"), [
    ("ab", [(0, b"\x41\x42")]),
    ("a\u00a0b", [(0, b"\x41\x20\x42")]),  # a no-break space is the space
    ("a中b", [(0, b"\x41"), (1, b"\x05"), (0, b"\x42")]),
    ("a?", None),  # a character without its code yet: reportlab assigns it
])
def test_split_assigned(text: str, expected: list | None) -> None:
    assignments = {ord("a"): 0x41, ord("b"): 0x42, 32: 32, ord("中"): 0x105}
    assert split_assigned(text, assignments) == expected
