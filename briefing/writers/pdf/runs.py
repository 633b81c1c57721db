"""The inner loops of setting and drawing text, compiled by mypyc beside the line breaker.

:func:`lay_span` lists a span's characters with their faces, advances and kinds
of run (font, colour, stroke), from a table of what each character is set with.
:func:`line_runs` cuts a set line into runs: the stretches drawn with one show
of one font, colour and stroke, each at its own x (justification moves every
run to its place, and spreads a Chinese line's slack as character spacing).
:func:`split_assigned` is reportlab's ``TTFont.splitString`` for a string whose
characters the document's subsets already hold: their codes, per subset.

Pure functions of plain values (strings, numbers, lists), so mypyc compiles them to
C; without the compiler they run as Python and give the same results.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...script import ZERO_WIDTH

#: What a line's run is: its string, its x, its kind (an index into the paragraph's
#: table of font, colour and stroke) and its character spacing.
Run = tuple[str, float, int, float]

#: What ends a hyphenated line: the soft hyphen, which the fonts draw as a hyphen and which
#: text extraction reads as a hyphenation point (the word stays one word).
HYPHEN_CHAR = "\u00ad"


#: How a character is set in one render's fonts (for one script, family and weight): its
#: face, its advance per point of size, whether the face is emboldened with a stroke, and
#: the face's font name.
Setting = tuple[object, float, bool, str]


def lay_span(text: str, table: dict[str, Setting], colour: str, size: float,
             chars: list[str], faces: list[object], widths: list[float], kinds: list[int],
             kind_of: dict[tuple[str, str, bool], int]) -> None:
    """Append each character of ``text`` in ``colour`` to ``chars``, its face to ``faces``,
    its advance at ``size`` to ``widths`` and its kind of run to ``kinds``, numbering new
    kinds (font, colour, stroke) in ``kind_of``. Every character must be in ``table``."""
    for ch in text:
        face, unit, stroke, font = table[ch]
        chars.append(ch)
        faces.append(face)
        widths.append(unit * size)
        run = (font, colour, stroke)
        kind = kind_of.get(run, -1)
        if kind < 0:
            kind = len(kind_of)
            kind_of[run] = kind
        kinds.append(kind)


def line_runs(text: str, widths: Sequence[float], kinds: Sequence[int],
              fonts: Sequence[int], spaced: Sequence[bool], start: int, end: int,
              points: set[int], extra: float, x: float, hyphen: bool,
              break_space: bool) -> list[Run]:
    """The runs of ``text[start:end]`` set from ``x``: ``extra`` more before each of
    ``points``; a character's kind is ``kinds[i]``, whose font is ``fonts[kind]`` and
    whose font has a space glyph if ``spaced[kind]``.

    A space ends its word with a real space glyph (in the word's run when the font is
    the same), so text taken from the page reads "two words", not "twowords"; a
    zero-width character only ends a run. ``hyphen``: the line ends in a soft hyphen,
    drawn as a hyphen; ``break_space``: the line broke at a space, drawn at its end.
    """
    out: list[Run] = []
    run: list[str] = []
    run_x = 0.0
    run_kind = -1
    run_tc = 0.0
    spacing = False  # has the run's character spacing been set (by its second char)?
    for i in range(start, end):
        gap = extra if i in points else 0.0
        x += gap
        ch = text[i]
        if ch.isspace() and ch != IDEOGRAPHIC_SPACE:
            _space(out, run, run_x, run_kind, run_tc, kinds[i], fonts, spaced, x)
            run = []
            x += widths[i]
            continue
        if ch in ZERO_WIDTH:
            _flush(out, run, run_x, run_kind, run_tc)
            run = []
            x += widths[i]
            continue
        kind = kinds[i]
        if run and kind == run_kind and (not spacing or abs(run_tc - gap) < 1e-9):
            if not spacing:
                run_tc = gap
                spacing = True
            run.append(ch)
        else:
            _flush(out, run, run_x, run_kind, run_tc)
            run, run_x, run_kind, run_tc, spacing = [ch], x, kind, 0.0, False
        x += widths[i]
    if hyphen:
        kind = kinds[end - 1]
        if run and kind == run_kind:
            run.append(HYPHEN_CHAR)
        else:
            _flush(out, run, run_x, run_kind, run_tc)
            run, run_x, run_kind, run_tc = [HYPHEN_CHAR], x, kind, 0.0
        _flush(out, run, run_x, run_kind, run_tc)
    elif break_space:
        _space(out, run, run_x, run_kind, run_tc, kinds[end], fonts, spaced, x)
    else:
        _flush(out, run, run_x, run_kind, run_tc)
    return out


#: A Chinese font's em-wide space (一地两用　粮电双收): drawn as itself, so text taken from
#: the page reads it back, not as an ASCII space.
IDEOGRAPHIC_SPACE = "\u3000"


def _flush(out: list[Run], run: list[str], x: float, kind: int, tc: float) -> None:
    if run:
        out.append(("".join(run), x, kind, tc or 0.0))  # no -0.0


def _space(out: list[Run], run: list[str], run_x: float, run_kind: int, run_tc: float,
           kind: int, fonts: Sequence[int], spaced: Sequence[bool], x: float) -> None:
    """A space of ``kind`` at ``x``: closes the run (the caller starts a new one)."""
    if not spaced[kind]:
        _flush(out, run, run_x, run_kind, run_tc)
    elif run and fonts[run_kind] == fonts[kind]:
        run.append(" ")
        _flush(out, run, run_x, run_kind, run_tc)
    else:
        _flush(out, run, run_x, run_kind, run_tc)
        out.append((" ", x, kind, 0.0))


def split_assigned(text: str, assignments: dict[int, int]) -> list[tuple[int, bytes]] | None:
    """``text`` as (subset, codes) pieces, as reportlab's ``splitString`` gives them, when
    every character already has its code in ``assignments`` (a no-break space is a
    space); None when one does not (reportlab then assigns it)."""
    out: list[tuple[int, bytes]] = []
    current = -1
    codes = bytearray()
    for ch in text:
        cp = ord(ch)
        if cp == 0xA0:
            cp = 32
        n = assignments.get(cp, -1)
        if n < 0:
            return None
        subset = n >> 8
        if subset != current:
            if codes:
                out.append((current, bytes(codes)))
            current = subset
            codes = bytearray()
        codes.append(n & 0xFF)
    if codes:
        out.append((current, bytes(codes)))
    return out
