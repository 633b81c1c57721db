"""A chart of the plan as vector graphics: a reportlab ``Drawing`` sized to its column.

Bars run across (a long Chinese or English label reads on the left of its
bar, wrapped); a line chart runs over its periods; a share chart is one 100%
bar with a legend of parts and values. Every string is the plan's, set in
the template's sans faces (each character in the face that has it, as text
blocks do); colours are the template's accent and its tints. Nothing is
rasterised. The flowable carries the plan's alt text (``alt``) for tagging.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, Rect, String
from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from ...plan import Chart, ChartKind, LangCode
from ..palette import chart_fills
from .linebreak import segment
from .styles import Styles
from .tagging import Node
from .text import Typesetter

#: Share of the width the category labels of a bar chart may take.
LABEL_SHARE = 0.34
GAP = 5.0


@dataclass
class _Pen:
    """Sets strings in the render's faces: each character in the face that has it."""

    ts: Typesetter
    lang: LangCode
    #: (char, bold) -> the face's name and the advance (a chart measures its labels often)
    _set: dict[tuple[str, bool], tuple[str, float]] = field(default_factory=dict, repr=False)

    def runs(self, text: str, bold: bool = False) -> list[tuple[str, str, float]]:
        """(font name, text, advance per point of size) for each run of one face."""
        out: list[tuple[str, str, float]] = []
        for ch in text:
            got = self._set.get((ch, bold))
            if got is None:
                face = self.ts.fonts.face(ch, self.lang == "zh", "sans", bold, text)
                got = self._set[(ch, bold)] = (face.name, face.width(ch))
            name, w = got
            if out and out[-1][0] == name:
                _, run, width = out[-1]
                out[-1] = (name, run + ch, width + w)
            else:
                out.append((name, ch, w))
        return out

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return sum(w for _, _, w in self.runs(text, bold)) * size

    def text(self, d: Drawing, x: float, y: float, text: str, size: float, colour: Color,
             anchor: str = "start", bold: bool = False) -> None:
        total = self.width(text, size, bold)
        if anchor == "end":
            x -= total
        elif anchor == "middle":
            x -= total / 2
        for name, run, w in self.runs(text, bold):
            d.add(String(x, y, run, fontName=name, fontSize=size, fillColor=colour))
            x += w * size

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """Greedy lines within ``width``, broken where the text's line breaker allows
        (Latin words and figures whole; in Chinese, never before ）or after （)."""
        lines: list[str] = []
        line = ""
        atoms = segment(text, self.lang == "zh")
        tokens = [text[:atoms[0].start]] if atoms else [text]
        tokens += [text[a.start:a.next] for a in atoms]
        for token in tokens:
            if line and self.width((line + token).rstrip(), size) > width:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line += token
        if line.strip():
            lines.append(line.rstrip())
        return lines or [""]


class ChartFlowable(Flowable):
    """One chart of the plan, drawn at the width of its column."""

    def __init__(self, chart: Chart, styles: Styles, ts: Typesetter,
                 max_height: float | None = None) -> None:
        """``max_height``: the tallest a chart may be drawn (a page's text block); a
        taller one is drawn smaller, whole, rather than failing the layout."""
        super().__init__()
        self.chart = chart
        self.max_height = max_height
        self.alt = chart.alt
        self.tag: Node | None = None  # its Figure element (see .tagging)
        self.ts = ts
        self.pen = _Pen(ts, chart.lang)
        pal = styles.palette
        # through the typesetter: RGB, or CMYK in the print colour mode
        self.text_colour = ts.colour(pal.text)
        self.muted = ts.colour(pal.muted)
        self.rule = ts.colour(pal.rule)
        self.paper = ts.colour("#FFFFFF")
        self.fills = [ts.colour(f) for f in chart_fills(
            pal.accent, pal.muted, max(len(chart.series), len(chart.categories)) + 1)]
        self.size = styles.template.sizes.caption
        self.small = max(5.0, min(styles.template.sizes.small, self.size) - 0.5)
        self.keep_next = False
        self.spaceBefore = 3.0
        self.spaceAfter = 4.0
        self.drawing: Drawing | None = None
        self._w = 0.0
        for text in chart.texts:  # a character no face has is known before the build
            self.pen.runs(text)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self.drawing is None or self._w != availWidth:
            self._w = availWidth
            kind = self.chart.kind
            if kind is ChartKind.LINE:
                self.drawing = self._line(availWidth)
            elif kind is ChartKind.SHARE:
                self.drawing = self._share(availWidth)
            else:
                self.drawing = self._bars(availWidth)
            if self.max_height and self.drawing.height > self.max_height:
                self.drawing = self._shrunk(self.drawing, self.max_height / self.drawing.height)
        return availWidth, self.drawing.height

    def draw(self) -> None:
        if self.drawing is not None:
            box = (0.0, 0.0, self._w, self.drawing.height)
            # a Figure: its alt text, not its labels
            with self.ts.tags.mark(self.canv, self.tag, box):
                renderPDF.draw(self.drawing, self.canv, 0, 0)

    # ------------------------------------------------------------------ pieces

    def _shrunk(self, d: Drawing, scale: float) -> Drawing:
        """``d`` drawn at ``scale``, centred in the same width."""
        out = self._drawing(d.width, d.height * scale)
        group = Group(*d.contents)
        group.transform = (scale, 0, 0, scale, d.width * (1 - scale) / 2, 0)
        out.add(group)
        return out

    def _drawing(self, width: float, height: float) -> Drawing:
        d = Drawing(width, height)
        d.initialFontName = self.ts.fonts.latin[("sans", False)].name  # never Helvetica
        # the renderer's starting colours (black) in the render's colour mode: a CMYK
        # print file gets no RGB operator (the drawing's attribute map has no such keys,
        # but reportlab's state tracker reads them when present)
        d.__dict__["initialFillColor"] = self.text_colour
        d.__dict__["initialStrokeColor"] = self.text_colour
        return d

    def _label(self, d: Drawing, x: float, y: float, text: str, size: float,
               colour: Color, anchor: str = "start") -> None:
        """A value's label on a ground of the paper, so a gridline does not cross it."""
        w = self.pen.width(text, size)
        left = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
        d.add(Rect(left - 1, y - size * 0.25, w + 2, size * 1.15, fillColor=self.paper,
                   strokeColor=None))
        self.pen.text(d, x, y, text, size, colour, anchor)

    def _scale(self, x0: float, x1: float) -> tuple[float, float, float]:
        """The value axis: its least and greatest tick and points per unit of value."""
        lo, hi = self.chart.ticks[0].value, self.chart.ticks[-1].value
        return float(lo), float(hi), (x1 - x0) / float(hi - lo)

    def _legend(self, d: Drawing, x: float, top: float, width: float) -> float:
        """Swatches and series names in rows from ``top``; returns the height used."""
        names = [s.name for s in self.chart.series]
        if len(names) < 2 or not all(names):
            return 0.0
        size, lead = self.small, self.small * 1.5
        cx, y = x, top - lead
        for i, name in enumerate(names):
            w = size * 1.1 + 3 + self.pen.width(name, size) + 10
            if cx > x and cx + w > x + width:
                cx, y = x, y - lead
            d.add(Rect(cx, y + size * 0.05, size * 0.9, size * 0.9, fillColor=self.fills[i],
                       strokeColor=None))
            self.pen.text(d, cx + size * 1.1 + 3, y + size * 0.1, name, size, self.text_colour)
            cx += w
        return top - y + lead * 0.4

    def _bars(self, width: float) -> Drawing:
        """Horizontal bars: label on the left, bars of each series, value at the bar's end."""
        c, size = self.chart, self.size
        lead = size * 1.3
        note_lead = self.small * 1.3
        notes = any(s.notes for s in c.series)
        bar = size * (1.25 if len(c.series) == 1 else 1.0)
        values = [s.labels[i] for s in c.series for i in range(len(s.labels))]
        note_texts = [n for s in c.series for n in s.notes]
        value_w = max([self.pen.width(t, size) for t in values]
                      + [self.pen.width(t, self.small) for t in note_texts]) + GAP
        label_w = min(width * LABEL_SHARE, max(self.pen.width(t, size) for t in c.categories))
        wrapped = [self.pen.wrap(t, label_w, size) for t in c.categories]
        slot = bar * len(c.series) + 2.0 * (len(c.series) - 1)
        if notes:
            slot = max(slot, lead + note_lead)
        heights = [max(len(lines) * lead, slot) + size * 0.9 for lines in wrapped]
        tick_h = self.small * 1.6
        axis_h = self.small * 1.6 if c.axis else 0.0
        d = self._drawing(width, 1)
        legend = self._legend(d, 0, 10_000.0, width)  # measured; drawn again below
        d = self._drawing(width, 1)
        height = legend + sum(heights) + tick_h + axis_h
        d.height = height
        self._legend(d, 0, height, width)
        x0 = label_w + GAP * 2
        x1 = width - value_w
        lo, hi, per = self._scale(x0, x1)
        zero = x0 + (0 - lo) * per
        plot_top = height - legend
        plot_bottom = tick_h + axis_h
        spacing = (x1 - x0) / max(len(c.ticks) - 1, 1)
        widest = max(self.pen.width(t.label, self.small) for t in c.ticks) + 4
        every = max(1, -int(-widest // spacing))  # label every n-th tick when they would touch
        for i, t in enumerate(c.ticks):  # grid and ticks
            x = x0 + (float(t.value) - lo) * per
            d.add(Line(x, plot_bottom, x, plot_top, strokeColor=self.rule, strokeWidth=0.3))
            if i % every == 0:
                self.pen.text(d, x, plot_bottom - self.small * 1.15, t.label, self.small,
                              self.muted, "middle")
        if c.axis:
            self.pen.text(d, x1, self.small * 0.3, c.axis, self.small, self.muted, "end")
        y = plot_top
        drop = size * 0.35  # from the middle of a line of text to its baseline
        bars_h = bar * len(c.series) + 2.0 * (len(c.series) - 1)
        for i, lines in enumerate(wrapped):
            h = heights[i]
            centre = y - h / 2
            # one baseline for a one-line label and its value: text extraction reads the
            # row as one line, whatever rounding a later rewrite of the file brings
            for li, line in enumerate(lines):
                base = centre + (len(lines) - 1) * lead / 2 - li * lead - drop
                self.pen.text(d, 0, base, line, size, self.text_colour)
            for si, s in enumerate(c.series):
                v = float(s.values[i])
                top = centre + bars_h / 2 - si * (bar + 2.0)
                left, right = sorted((zero, x0 + (v - lo) * per))
                d.add(Rect(left, top - bar, max(right - left, 0.4), bar,
                           fillColor=self.fills[si], strokeColor=None))
                lx = max(right, zero) + 3
                middle = top - bar / 2
                self._label(d, lx, middle - drop, s.labels[i], size, self.text_colour)
                if s.notes:
                    self._label(d, lx, middle - drop - note_lead, s.notes[i], self.small,
                                self.muted)
            y -= h
        d.add(Line(zero, plot_bottom, zero, plot_top, strokeColor=self.text_colour,
                   strokeWidth=0.6))
        return d

    def _line(self, width: float) -> Drawing:
        """Periods across, values up; each series a line with its values above its points."""
        c, size = self.chart, self.size
        tick_w = max(self.pen.width(t.label, self.small) for t in c.ticks) + GAP
        plot_h = max(width * 0.38, size * 10)
        cat_h = self.small * 2.0
        axis_h = self.small * 1.6 if c.axis else 0.0
        d = self._drawing(width, 1)
        legend = self._legend(d, 0, 10_000.0, width)
        height = legend + size * 1.6 + plot_h + cat_h + axis_h
        d = self._drawing(width, height)
        self._legend(d, 0, height, width)
        x0, x1 = tick_w, width - size
        bottom = cat_h + axis_h
        top = bottom + plot_h
        lo, hi = float(c.ticks[0].value), float(c.ticks[-1].value)
        per = (top - bottom) / (hi - lo)
        for t in c.ticks:
            y = bottom + (float(t.value) - lo) * per
            d.add(Line(x0, y, x1, y, strokeColor=self.rule, strokeWidth=0.3))
            self.pen.text(d, x0 - 3, y - self.small * 0.35, t.label, self.small, self.muted,
                          "end")
        n = len(c.categories)
        step = (x1 - x0) / n
        xs = [x0 + step * (i + 0.5) for i in range(n)]
        for x, name in zip(xs, c.categories, strict=True):
            self.pen.text(d, x, bottom - self.small * 1.3, name, self.small, self.text_colour,
                          "middle")
        if c.axis:
            self.pen.text(d, 0, self.small * 0.3, c.axis, self.small, self.muted)
        for si, s in enumerate(c.series):
            pts: list[float] = []
            for x, v in zip(xs, s.values, strict=True):
                pts += [x, bottom + (float(v) - lo) * per]
            d.add(PolyLine(pts, strokeColor=self.fills[si], strokeWidth=1.6))
            for i, label in enumerate(s.labels):
                x, y = pts[2 * i], pts[2 * i + 1]
                d.add(Circle(x, y, 2.2, fillColor=self.fills[si], strokeColor=None))
                below = si % 2 == 1  # a second line's values go under its points
                self._label(d, x, y - 4 - size * 0.9 if below else y + 4, label, size * 0.9,
                            self.text_colour, "middle")
        return d

    def _share(self, width: float) -> Drawing:
        """One 100% bar of parts; a legend below names each part with its value."""
        c, size = self.chart, self.size
        s = c.series[0]
        bar = size * 2.2
        lead = size * 1.35
        value_w = max(self.pen.width(t, size) for t in s.labels) + GAP
        name_x = size * 1.1 + 3
        names = [self.pen.wrap(t, width - name_x - value_w - GAP, size) for t in c.categories]
        height = bar + size * 0.8 + sum(lead * len(n) + size * 0.4 for n in names)
        d = self._drawing(width, height)
        total = float(sum(s.values, Decimal(0))) or 1.0
        x = 0.0
        top = height
        for i, v in enumerate(s.values):
            w = width * float(v) / max(total, 100.0)
            d.add(Rect(x, top - bar, w, bar, fillColor=self.fills[i], strokeColor=None))
            x += w
        y = top - bar - size * 0.8 - size
        for i, (lines, label) in enumerate(zip(names, s.labels, strict=True)):
            d.add(Rect(0, y + size * 0.05, size * 0.9, size * 0.9, fillColor=self.fills[i],
                       strokeColor=None))
            self.pen.text(d, width, y + size * 0.1, label, size, self.text_colour, "end")
            for line in lines:
                self.pen.text(d, name_x, y + size * 0.1, line, size, self.text_colour)
                y -= lead
            y -= size * 0.4
        return d

