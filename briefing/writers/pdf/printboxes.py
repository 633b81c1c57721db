"""Page geometry for print: trim size, bleed, slug for crop marks, the PDF page boxes.

Without a print option the page is the trim size and only a MediaBox is
written. With ``print.bleed_mm > 0`` or ``print.crop_marks`` the MediaBox
grows by the bleed and, with marks, by a slug that holds them; every page
then carries a ``TrimBox`` (the finished page) and a ``BleedBox`` (trim plus
bleed), which reportlab's own ``cropMarks`` option does not write. Marks are
drawn in registration colour (all four inks), offset from the trim corner so
they never print inside the bleed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from ...templates import Template

MM = 72 / 25.4
MARK_OFFSET = 3 * MM  # gap between the bleed edge and a mark
MARK_LENGTH = 5 * MM
MARK_WIDTH = 0.25


@dataclass(frozen=True)
class Geometry:
    """Everything about where things go on a sheet, in points."""

    trim_w: float
    trim_h: float
    bleed: float
    marks: bool
    top: float
    bottom: float
    inner: float
    outer: float
    mirror: bool
    gap: float

    @classmethod
    def from_template(cls, t: Template) -> Geometry:
        w, h = (side * MM for side in t.page.size_mm)
        p = t.page
        return cls(w, h, t.print.bleed_mm * MM, t.print.crop_marks, p.margin_top_mm * MM,
                   p.margin_bottom_mm * MM, p.margin_inner_mm * MM, p.margin_outer_mm * MM,
                   p.mirror, p.column_gap_mm * MM)

    @property
    def printing(self) -> bool:
        return self.bleed > 0 or self.marks

    @property
    def offset(self) -> float:
        """From the media box edge to the trim edge."""
        slug = MARK_OFFSET + MARK_LENGTH + 2 * MM if self.marks else 0.0
        return self.bleed + slug

    @property
    def media(self) -> tuple[float, float]:
        return self.trim_w + 2 * self.offset, self.trim_h + 2 * self.offset

    @property
    def trim_box(self) -> tuple[float, float, float, float]:
        o = self.offset
        return _inward(o, o, o + self.trim_w, o + self.trim_h)

    @property
    def bleed_box(self) -> tuple[float, float, float, float]:
        o, b = self.offset, self.bleed
        return _inward(o - b, o - b, o + self.trim_w + b, o + self.trim_h + b)

    @property
    def text_width(self) -> float:
        return self.trim_w - self.inner - self.outer

    @property
    def text_height(self) -> float:
        return self.trim_h - self.top - self.bottom

    def frame_x(self, page: int) -> float:
        """Left edge of the text block on ``page`` (1-based; odd pages are rectos)."""
        left = self.inner if (not self.mirror or page % 2 == 1) else self.outer
        return self.offset + left

    @property
    def frame_y(self) -> float:
        return self.offset + self.bottom


def _inward(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
    """A box to 3 decimals, rounded towards its inside: it never sticks out of the box
    that holds it (a bleed box as large as the media box, written to 4 decimals)."""
    def up(v: float) -> float:  # a value a float's error puts a hair above 0.001 stays
        return math.ceil(v * 1000 - 1e-6) / 1000

    def down(v: float) -> float:
        return math.floor(v * 1000 + 1e-6) / 1000

    return up(x0), up(y0), down(x1), down(y1)


def draw_crop_marks(canv: Canvas, g: Geometry) -> None:
    """Crop marks at the four trim corners, outside the bleed."""
    if not g.marks:
        return
    x0, y0, x1, y1 = g.trim_box
    start = g.bleed + MARK_OFFSET
    end = start + MARK_LENGTH
    canv.saveState()
    canv.setStrokeColorCMYK(1, 1, 1, 1)
    canv.setLineWidth(MARK_WIDTH)
    for x, sx in ((x0, -1), (x1, 1)):
        for y, sy in ((y0, -1), (y1, 1)):
            canv.line(x + sx * start, y, x + sx * end, y)  # horizontal mark
            canv.line(x, y + sy * start, x, y + sy * end)  # vertical mark
    canv.restoreState()
