"""CFF (Type 2) charstrings as TrueType outlines: how a Chinese base is converted.

Converting a CJK font's 7,500 glyphs from CFF to TrueType outlines (see
:func:`briefing.writers.pdf.fonts.build_font`) spent most of its time in fontTools'
pure-Python charstring interpreter (which builds a token list of every charstring
before running it) and in the chain of pens that turns its curves into a TrueType
glyph (cubic to quadratic, direction reversed, points collected). This module runs
the bytes directly and makes what those pens make: the same points, flags and
contours from the same arithmetic, calling fontTools' own cubic-to-quadratic
conversion (so the same fonts, byte for byte). ``setup.py`` compiles it with mypyc.

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


class _Path:
    """The pen calls fontTools' ``T2OutlineExtractor`` makes for one glyph: moveTo (0),
    lineTo (1), curveTo (2), closePath (3)."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, tuple[float, float], tuple[float, float],
                               tuple[float, float]]] = []
        self.x = 0.0
        self.y = 0.0
        self.open = False  # fontTools' sawMoveTo

    def _next(self, dx: float, dy: float) -> tuple[float, float]:
        self.x += dx
        self.y += dy
        return (self.x, self.y)

    def move(self, dx: float, dy: float) -> None:
        self.end()
        p = self._next(dx, dy)
        self.calls.append((0, p, p, p))
        self.open = True

    def line(self, dx: float, dy: float) -> None:
        if not self.open:
            p = self._next(0.0, 0.0)
            self.calls.append((0, p, p, p))
            self.open = True
        p = self._next(dx, dy)
        self.calls.append((1, p, p, p))

    def curve(self, dxa: float, dya: float, dxb: float, dyb: float, dxc: float,
              dyc: float) -> None:
        if not self.open:
            p = self._next(0.0, 0.0)
            self.calls.append((0, p, p, p))
            self.open = True
        a = self._next(dxa, dya)
        b = self._next(dxb, dyb)
        c = self._next(dxc, dyc)
        self.calls.append((2, a, b, c))

    def end(self) -> None:
        if self.open:
            o = (0.0, 0.0)
            self.calls.append((3, o, o, o))
        self.open = False


class _Machine:
    def __init__(self, local: list[bytes], global_: list[bytes]) -> None:
        self.local = local
        self.global_ = global_
        self.local_bias = bias(len(local))
        self.global_bias = bias(len(global_))
        self.stack: list[float] = []
        self.path = _Path()
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


Point = tuple[float, float]
MOVE, LINE, QCURVE = 0, 1, 2


def outline(program: bytes, local: list[bytes], global_: list[bytes],
            convert: Any) -> tuple[list[Point], list[int], list[int]]:
    """The TrueType outline of a charstring: its points (rounded to font units), their
    on-curve flags and each contour's last point, as fontTools makes them when it draws
    the charstring on ``Cu2QuPen(TTGlyphPen(None), 1.0, reverse_direction=True)`` and
    asks for the glyph (``convert``: fontTools' ``curve_to_quadratic``, which turns
    each cubic curve into quadratic ones within one font unit).

    Raises :class:`Unsupported` for a program it does not read.
    """
    m = _Machine(local, global_)
    m.run(program)
    m.path.end()
    points: list[Point] = []
    flags: list[int] = []
    ends: list[int] = []
    contour: list[tuple[int, list[Point]]] = []
    current: Point = (0.0, 0.0)
    for kind, a, b, c in m.path.calls:
        if kind == 0:
            contour = [(MOVE, [a])]
            current = a
        elif kind == 1:
            contour.append((LINE, [a]))
            current = a
        elif kind == 2:
            spline = convert((current, a, b, c), 1.0, True)
            pts = [(float(p[0]), float(p[1])) for p in spline[1:]]
            contour.append((QCURVE, pts))
            current = pts[-1]
        else:
            _add_reversed(contour, points, flags, ends)
            contour = []
    return [(_round(x), _round(y)) for x, y in points], flags, ends


def _round(v: float) -> float:
    """fontTools' ``otRound``: half up, the way TrueType rounds."""
    return float(int(math.floor(v + 0.5)))


def _add_reversed(contour: list[tuple[int, list[Point]]], points: list[Point],
                  flags: list[int], ends: list[int]) -> None:
    """Add one closed contour to the glyph's points, its direction reversed and its
    first point kept (fontTools' ``reversedContour``, then ``TTGlyphPen``'s points and
    ``closePath``)."""
    first = contour[0][1]
    rest = contour[1:]
    if not rest:  # a lone point: an anchor, which the glyph does not keep
        return
    out: list[tuple[int, list[Point]]] = [(MOVE, first)]
    first_on = first[0]
    last_kind, last_pts = rest[-1]
    if first_on != last_pts[-1]:  # the line back to the start, made explicit
        out.append((LINE, [last_pts[-1]]))
        rest[-1] = (last_kind, last_pts[:-1] + [first_on])
    second_kind, second_pts = rest[0] if len(rest) > 1 else (last_kind, last_pts)
    if second_kind == LINE and first != second_pts:  # reversed, it closes the contour
        del rest[0]
        if rest:
            rest[-1] = (last_kind, last_pts[:-1] + second_pts)
    n = len(rest)
    for k in range(n - 1, -1, -1):
        kind, pts = rest[k]
        following = rest[k - 1] if k > 0 else rest[n - 1]
        out.append((kind, pts[:-1][::-1] + [following[1][-1]]))
    start = len(points)
    for kind, pts in out:
        if kind == QCURVE:
            for p in pts[:-1]:
                points.append(p)
                flags.append(0)
        points.append(pts[-1])
        flags.append(1)
    end = len(points) - 1  # at least two points: the move and what follows it
    if points[start] == points[end]:  # the last point repeats the first: dropped
        points.pop()
        flags.pop()
        end -= 1
    ends.append(end)


def glyph_data(points: list[Point], flags: list[int], ends: list[int]) -> bytes:
    """The ``glyf`` entry of a simple glyph, as fontTools compiles it (``Glyph.compile``
    with its bounds recalculated: header, contour ends, no instructions, then flags,
    x and y deltas packed greedily); empty for a glyph without contours."""
    if not ends:
        return b""
    xs = [int(x) for x, _ in points]
    ys = [int(y) for _, y in points]
    if min(xs) < -16384 or min(ys) < -16384 or max(xs) > 16383 or max(ys) > 16383:
        raise Unsupported("coordinates beyond what this packs")  # deltas stay in 16 bits
    out = bytearray()
    for v in (len(ends), min(xs), min(ys), max(xs), max(ys)):
        out += (v & 0xFFFF).to_bytes(2, "big")
    for e in ends:
        out += e.to_bytes(2, "big")
    out += b"\x00\x00"  # no instructions
    packed_flags = bytearray()
    packed_x = bytearray()
    packed_y = bytearray()
    last = -1
    repeat = 0
    px = py = 0
    for k in range(len(points)):
        flag = flags[k]
        dx = xs[k] - px
        dy = ys[k] - py
        px = xs[k]
        py = ys[k]
        flag |= _delta(dx, 0x02, 0x10, packed_x)  # x short, x same (or positive)
        flag |= _delta(dy, 0x04, 0x20, packed_y)  # y short, y same (or positive)
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
    return bytes(out + packed_flags + packed_x + packed_y)


def _delta(d: int, short: int, same: int, packed: bytearray) -> int:
    """The flag bits of one coordinate's delta, its bytes added to ``packed``: none for
    zero, one byte with its sign in ``same`` up to 255, else two."""
    if d == 0:
        return same
    if -255 <= d <= 255:
        packed.append(d if d > 0 else -d)
        return short | same if d > 0 else short
    packed.extend((d & 0xFFFF).to_bytes(2, "big"))
    return 0
