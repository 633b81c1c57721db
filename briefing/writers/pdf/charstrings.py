"""CFF (Type 2) charstrings as TrueType outlines: how a Chinese base is converted.

Converting a CJK font's 7,500 glyphs from CFF to TrueType outlines (see
:func:`briefing.writers.pdf.fonts.build_font`) spent most of its time in fontTools'
pure-Python charstring interpreter (which builds a token list of every charstring
before running it) and in the chain of pens that turns its curves into a TrueType
glyph (cubic to quadratic, direction reversed, points collected). This module runs
the bytes directly and makes what those pens make: the same points, flags and
contours from the same arithmetic, calling fontTools' own cubic-to-quadratic
conversion (so the same fonts, byte for byte). ``setup.py`` compiles it with mypyc.

The outline is made as the program runs: each curve converted when it is drawn,
each contour reversed in place when it closes (by index, without building its
segments again), every point rounded as it is collected; :func:`glyph` packs those
coordinates straight into the ``glyf`` entry. (Against recording every pen call and
then reversing lists of segments: a Chinese base's 7,500 glyphs 0.83 -> 0.60 s, of
which about 0.4 s is fontTools' cubic-to-quadratic conversion.)

It reads what fontTools reads of CFF (not CFF2): numbers, hints and hint masks,
every path operator, flex, local and global subroutines, and ``div``. Anything
else (``endchar`` building an accented glyph, the other arithmetic operators, an
unknown operator, a malformed program) raises :class:`Unsupported`, and the caller
draws that glyph with fontTools instead.
"""

from __future__ import annotations

import math
from typing import Any


class Unsupported(Exception):
    """A charstring this interpreter does not draw (fontTools draws it instead)."""


def bias(count: int) -> int:
    """What a subroutine number is stored relative to (Type 2 charstring format, 4.7)."""
    if count < 1240:
        return 107
    if count < 33900:
        return 1131
    return 32768


Point = tuple[float, float]
#: A contour segment's kind.
LINE, QCURVE = 1, 2


class _Path:
    """A glyph's TrueType outline as fontTools' pens make it, built as the charstring
    runs: each cubic curve turned quadratic by ``convert`` when it is met (fontTools'
    ``curve_to_quadratic``, within one font unit, as ``Cu2QuPen``), each contour
    reversed and collected as ``TTGlyphPen`` collects it when it closes
    (:meth:`end`). The points are rounded as they are collected (``xs``, ``ys``)."""

    def __init__(self, convert: Any) -> None:
        self.convert = convert
        self.x = 0.0
        self.y = 0.0
        self.open = False  # fontTools' sawMoveTo
        self.xs: list[int] = []
        self.ys: list[int] = []
        self.flags: list[int] = []
        self.ends: list[int] = []
        # the open contour: its start, then per segment its kind, its end point and
        # where its off-curve points end in ``off_x``/``off_y`` (all the segments'
        # off-curve points, in order)
        self.x0 = 0.0
        self.y0 = 0.0
        self.cx = 0.0  # the current point (a curve's as its quadratic spline ends it)
        self.cy = 0.0
        self.kinds: list[int] = []
        self.end_x: list[float] = []
        self.end_y: list[float] = []
        self.off_end: list[int] = []
        self.off_x: list[float] = []
        self.off_y: list[float] = []

    def _start(self) -> None:
        self.x0 = self.cx = self.x
        self.y0 = self.cy = self.y
        self.open = True

    def move(self, dx: float, dy: float) -> None:
        self.end()
        self.x += dx
        self.y += dy
        self._start()

    def line(self, dx: float, dy: float) -> None:
        if not self.open:
            self._start()
        self.x += dx
        self.y += dy
        self.cx = self.x
        self.cy = self.y
        self.kinds.append(LINE)
        self.end_x.append(self.x)
        self.end_y.append(self.y)
        self.off_end.append(len(self.off_x))

    def curve(self, dxa: float, dya: float, dxb: float, dyb: float, dxc: float,
              dyc: float) -> None:
        if not self.open:
            self._start()
        ax = self.x + dxa
        ay = self.y + dya
        bx = ax + dxb
        by = ay + dyb
        self.x = bx + dxc
        self.y = by + dyc
        spline = self.convert(((self.cx, self.cy), (ax, ay), (bx, by), (self.x, self.y)),
                              1.0, True)
        n = len(spline)
        for k in range(1, n - 1):
            p = spline[k]
            self.off_x.append(float(p[0]))
            self.off_y.append(float(p[1]))
        p = spline[n - 1]
        self.cx = float(p[0])
        self.cy = float(p[1])
        self.kinds.append(QCURVE)
        self.end_x.append(self.cx)
        self.end_y.append(self.cy)
        self.off_end.append(len(self.off_x))

    def end(self) -> None:
        if self.open:
            self._close()
        self.open = False

    def _close(self) -> None:
        """Add the open contour to the glyph, its direction reversed and its first point
        kept (fontTools' ``reversedContour``, then ``TTGlyphPen``'s points and
        ``closePath``); a lone point (an anchor) is not kept."""
        kinds, end_x, end_y = self.kinds, self.end_x, self.end_y
        n = len(kinds)
        if n:
            x0, y0 = self.x0, self.y0
            # the last segment's end, as reversing moves it: to the start, when the
            # contour ends elsewhere (the line back to the start made explicit) ...
            last_x, last_y = end_x[n - 1], end_y[n - 1]
            back = x0 != last_x or y0 != last_y
            new_x, new_y = (x0, y0) if back else (last_x, last_y)
            # ... or, when the first segment is a line that goes somewhere, to that
            # line's end, the line dropped (reversed, the contour closes along it)
            first = 0
            if kinds[0] == LINE and (x0 != end_x[0] or y0 != end_y[0]):
                first = 1
                new_x, new_y = end_x[0], end_y[0]
            xs, ys, flags = self.xs, self.ys, self.flags
            _put(xs, ys, flags, x0, y0, 1)
            px, py = x0, y0  # the last point put, unrounded
            if back:
                _put(xs, ys, flags, last_x, last_y, 1)
                px, py = last_x, last_y
            for j in range(n - 1, first - 1, -1):
                if kinds[j] == QCURVE:
                    lo = self.off_end[j - 1] if j > 0 else 0
                    for i in range(self.off_end[j] - 1, lo - 1, -1):
                        _put(xs, ys, flags, self.off_x[i], self.off_y[i], 0)
                if j > first:
                    px, py = end_x[j - 1], end_y[j - 1]
                else:
                    px, py = new_x, new_y
                _put(xs, ys, flags, px, py, 1)
            last = len(xs) - 1  # at least two points: the move and what follows it
            if x0 == px and y0 == py:  # the last point repeats the first: dropped
                xs.pop()
                ys.pop()
                flags.pop()
                last -= 1
            self.ends.append(last)
        self.kinds = []
        self.end_x = []
        self.end_y = []
        self.off_end = []
        self.off_x = []
        self.off_y = []


def _put(xs: list[int], ys: list[int], flags: list[int], x: float, y: float,
         flag: int) -> None:
    """One point, rounded as fontTools' ``otRound`` rounds (half up)."""
    xs.append(math.floor(x + 0.5))
    ys.append(math.floor(y + 0.5))
    flags.append(flag)


class _Machine:
    def __init__(self, local: list[bytes], global_: list[bytes], convert: Any) -> None:
        self.local = local
        self.global_ = global_
        self.local_bias = bias(len(local))
        self.global_bias = bias(len(global_))
        self.stack: list[float] = []
        self.path = _Path(convert)
        self.got_width = False
        self.hints = 0
        self.mask_bytes = 0
        self.depth = 0

    def args(self, even_odd: int = 0) -> list[float]:
        """Pop the whole stack; the first operator that clears it may carry the advance
        width first (fontTools' ``popallWidth``), which is dropped."""
        got = self.stack
        self.stack = []
        if not self.got_width:
            self.got_width = True
            if (even_odd ^ (len(got) % 2)) and got:
                return got[1:]
        return got

    def count_hints(self) -> None:
        self.hints += len(self.args()) // 2

    def run(self, program: bytes) -> None:
        self.depth += 1
        if self.depth > 12:  # nested deeper than Type 2 allows (10): a broken font
            raise Unsupported("subroutines nested too deep")
        n = len(program)
        i = 0
        while i < n:
            b0 = program[i]
            i += 1
            if b0 >= 32:
                if b0 <= 246:
                    self.stack.append(float(b0 - 139))
                elif b0 <= 250:
                    if i >= n:
                        raise Unsupported("truncated number")
                    self.stack.append(float((b0 - 247) * 256 + program[i] + 108))
                    i += 1
                elif b0 <= 254:
                    if i >= n:
                        raise Unsupported("truncated number")
                    self.stack.append(float(-(b0 - 251) * 256 - program[i] - 108))
                    i += 1
                else:
                    if i + 4 > n:
                        raise Unsupported("truncated number")
                    v = (program[i] << 24) | (program[i + 1] << 16) | (program[i + 2] << 8) \
                        | program[i + 3]
                    if v >= 1 << 31:
                        v -= 1 << 32
                    self.stack.append(v / 65536)
                    i += 4
                continue
            if b0 == 28:
                if i + 2 > n:
                    raise Unsupported("truncated number")
                v = (program[i] << 8) | program[i + 1]
                if v >= 1 << 15:
                    v -= 1 << 16
                self.stack.append(float(v))
                i += 2
                continue
            stack = self.stack
            if b0 == 12:
                if i >= n:
                    raise Unsupported("truncated operator")
                b1 = program[i]
                i += 1
                self.escape(b1)
            elif b0 == 10 or b0 == 29:  # callsubr, callgsubr
                if not stack:
                    raise Unsupported("subroutine call without a number")
                index = int(stack.pop())
                subrs, offset = (self.local, self.local_bias) if b0 == 10 else \
                    (self.global_, self.global_bias)
                if not 0 <= index + offset < len(subrs):
                    raise Unsupported("no such subroutine")
                self.run(subrs[index + offset])
            elif b0 == 11:  # return: fontTools reads on to the end of the program
                pass
            elif b0 in (1, 3, 18, 23):  # hstem, vstem, hstemhm, vstemhm
                self.count_hints()
            elif b0 == 19 or b0 == 20:  # hintmask, cntrmask
                if not self.mask_bytes:
                    self.count_hints()
                    self.mask_bytes = (self.hints + 7) // 8
                i += self.mask_bytes
            elif b0 == 21:  # rmoveto
                a = self.args()
                if len(a) < 2:
                    raise Unsupported("rmoveto")
                self.path.move(a[0], a[1])
            elif b0 == 22:  # hmoveto
                a = self.args(1)
                if not a:
                    raise Unsupported("hmoveto")
                self.path.move(a[0], 0.0)
            elif b0 == 4:  # vmoveto
                a = self.args(1)
                if not a:
                    raise Unsupported("vmoveto")
                self.path.move(0.0, a[0])
            elif b0 == 14:  # endchar
                self.path.end()
                if self.args():
                    raise Unsupported("endchar with an accent (seac)")
            else:
                self.paths(b0, self.args_plain())
        self.depth -= 1

    def args_plain(self) -> list[float]:
        got = self.stack
        self.stack = []
        return got

    def paths(self, op: int, a: list[float]) -> None:
        path = self.path
        n = len(a)
        if op == 5:  # rlineto
            if n % 2:
                raise Unsupported("rlineto")
            for k in range(0, n, 2):
                path.line(a[k], a[k + 1])
        elif op == 6 or op == 7:  # hlineto, vlineto
            horizontal = op == 6
            for v in a:
                if horizontal:
                    path.line(v, 0.0)
                else:
                    path.line(0.0, v)
                horizontal = not horizontal
        elif op == 8:  # rrcurveto
            if n % 6:
                raise Unsupported("rrcurveto")
            for k in range(0, n, 6):
                path.curve(a[k], a[k + 1], a[k + 2], a[k + 3], a[k + 4], a[k + 5])
        elif op == 24:  # rcurveline
            if n < 2 or (n - 2) % 6:
                raise Unsupported("rcurveline")
            for k in range(0, n - 2, 6):
                path.curve(a[k], a[k + 1], a[k + 2], a[k + 3], a[k + 4], a[k + 5])
            path.line(a[n - 2], a[n - 1])
        elif op == 25:  # rlinecurve
            if n < 6 or (n - 6) % 2:
                raise Unsupported("rlinecurve")
            for k in range(0, n - 6, 2):
                path.line(a[k], a[k + 1])
            k = n - 6
            path.curve(a[k], a[k + 1], a[k + 2], a[k + 3], a[k + 4], a[k + 5])
        elif op == 26 or op == 27:  # vvcurveto, hhcurveto
            first = 0.0
            k = 0
            if n % 2:
                first = a[0]
                k = 1
            if (n - k) % 4:
                raise Unsupported("vvcurveto/hhcurveto")
            while k < n:
                if op == 26:
                    path.curve(first, a[k], a[k + 1], a[k + 2], 0.0, a[k + 3])
                else:
                    path.curve(a[k], first, a[k + 1], a[k + 2], a[k + 3], 0.0)
                first = 0.0
                k += 4
        elif op == 30 or op == 31:  # vhcurveto, hvcurveto: alternate, starting so
            vertical = op == 30
            k = 0
            while k < n:
                if n - k < 4:
                    raise Unsupported("vhcurveto/hvcurveto")
                last = a[k + 4] if n - k == 5 else 0.0
                if vertical:
                    path.curve(0.0, a[k], a[k + 1], a[k + 2], a[k + 3], last)
                else:
                    path.curve(a[k], 0.0, a[k + 1], a[k + 2], last, a[k + 3])
                k += 5 if n - k == 5 else 4
                vertical = not vertical
        elif op in (15, 16):  # vsindex, blend: CFF2 only
            raise Unsupported("CFF2 operator")
        else:  # an operator fontTools has no handler for clears the stack; unknown
            # codes end its reading of the program: not drawn here
            raise Unsupported(f"operator {op}")

    def escape(self, op: int) -> None:
        path = self.path
        if op == 12:  # div
            if len(self.stack) < 2:
                raise Unsupported("div")
            divisor = self.stack.pop()
            dividend = self.stack.pop()
            if divisor == 0:
                raise Unsupported("division by zero")
            self.stack.append(dividend / divisor)
            return
        a = self.args_plain()
        n = len(a)
        if op == 35 and n == 13:  # flex
            path.curve(a[0], a[1], a[2], a[3], a[4], a[5])
            path.curve(a[6], a[7], a[8], a[9], a[10], a[11])
        elif op == 34 and n == 7:  # hflex
            path.curve(a[0], 0.0, a[1], a[2], a[3], 0.0)
            path.curve(a[4], 0.0, a[5], -a[2], a[6], 0.0)
        elif op == 36 and n == 9:  # hflex1
            path.curve(a[0], a[1], a[2], a[3], a[4], 0.0)
            path.curve(a[5], 0.0, a[6], a[7], a[8], -(a[1] + a[3] + 0.0 + 0.0 + a[7]))
        elif op == 37 and n == 11:  # flex1
            dx = a[0] + a[2] + a[4] + a[6] + a[8]
            dy = a[1] + a[3] + a[5] + a[7] + a[9]
            path.curve(a[0], a[1], a[2], a[3], a[4], a[5])
            if abs(dx) > abs(dy):
                path.curve(a[6], a[7], a[8], a[9], a[10], -dy)
            else:
                path.curve(a[6], a[7], a[8], a[9], -dx, a[10])
        else:
            raise Unsupported(f"operator 12 {op}")


def _drawn(program: bytes, local: list[bytes], global_: list[bytes], convert: Any) -> _Path:
    m = _Machine(local, global_, convert)
    m.run(program)
    m.path.end()
    return m.path


def outline(program: bytes, local: list[bytes], global_: list[bytes],
            convert: Any) -> tuple[list[Point], list[int], list[int]]:
    """The TrueType outline of a charstring: its points (rounded to font units), their
    on-curve flags and each contour's last point, as fontTools makes them when it draws
    the charstring on ``Cu2QuPen(TTGlyphPen(None), 1.0, reverse_direction=True)`` and
    asks for the glyph (``convert``: fontTools' ``curve_to_quadratic``, which turns
    each cubic curve into quadratic ones within one font unit).

    Raises :class:`Unsupported` for a program it does not read.
    """
    path = _drawn(program, local, global_, convert)
    return ([(float(x), float(y)) for x, y in zip(path.xs, path.ys, strict=True)],
            path.flags, path.ends)


def glyph(program: bytes, local: list[bytes], global_: list[bytes], convert: Any) -> bytes:
    """``glyph_data(*outline(...))``, without the points in between."""
    path = _drawn(program, local, global_, convert)
    return _packed(path.xs, path.ys, path.flags, path.ends)


def glyph_data(points: list[Point], flags: list[int], ends: list[int]) -> bytes:
    """The ``glyf`` entry of a simple glyph, as fontTools compiles it (``Glyph.compile``
    with its bounds recalculated: header, contour ends, no instructions, then flags,
    x and y deltas packed greedily); empty for a glyph without contours."""
    return _packed([int(x) for x, _ in points], [int(y) for _, y in points], flags, ends)


def _packed(xs: list[int], ys: list[int], flags: list[int], ends: list[int]) -> bytes:
    """:func:`glyph_data` of rounded coordinates. The bytes are gathered in lists of
    small ints (which Python does not allocate) and made bytes once."""
    if not ends:
        return b""
    x_min, y_min, x_max, y_max = min(xs), min(ys), max(xs), max(ys)
    if x_min < -16384 or y_min < -16384 or x_max > 16383 or y_max > 16383:
        raise Unsupported("coordinates beyond what this packs")  # deltas stay in 16 bits
    head: list[int] = []
    for v in (len(ends), x_min, y_min, x_max, y_max, *ends, 0):  # 0: no instructions
        v &= 0xFFFF
        head.append(v >> 8)
        head.append(v & 0xFF)
    packed_flags: list[int] = []
    packed_x: list[int] = []
    packed_y: list[int] = []
    last = -1
    repeat = 0
    px = py = 0
    for k in range(len(xs)):
        flag = flags[k] | _delta(xs[k] - px, 0x02, 0x10, packed_x)  # x short, x same
        flag |= _delta(ys[k] - py, 0x04, 0x20, packed_y)  # y short, y same
        px = xs[k]
        py = ys[k]
        if flag == last and repeat != 255:
            repeat += 1
            if repeat == 1:
                packed_flags.append(flag)
            else:
                packed_flags[-2] = flag | 0x08  # repeat
                packed_flags[-1] = repeat
        else:
            repeat = 0
            packed_flags.append(flag)
        last = flag
    return bytes(head + packed_flags + packed_x + packed_y)


def _delta(d: int, short: int, same: int, packed: list[int]) -> int:
    """The flag bits of one coordinate's delta, its bytes added to ``packed``: none for
    zero, one byte with its sign in ``same`` up to 255, else two."""
    if d == 0:
        return same
    if -255 <= d <= 255:
        if d > 0:
            packed.append(d)
            return short | same
        packed.append(-d)
        return short
    d &= 0xFFFF
    packed.append(d >> 8)
    packed.append(d & 0xFF)
    return 0
