"""Containers that reportlab lacks: level column pairs, keep-with-next chains, rules.

* :class:`Columns` sets a Chinese/English pair side by side, both starting on
  the same line; when the pair does not fit it splits *both* columns at the
  page foot (each keeping its widow/orphan rules) and continues them level on
  the next page.
* :class:`Chain` keeps headings with what follows: it places the heads only
  if the next block can start beside them (at least two lines of a
  paragraph), instead of reportlab's ``KeepTogether``, which moves a heading
  *and a whole long paragraph* to the next page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFImageXObject,
    PDFName,
    PDFStream,
)
from reportlab.platypus import Flowable

from ...errors import RenderError
from ...plan import Image, Outline
from ...png import PNGData, passthrough
from .tagging import Node
from .text import Typesetter

EPS = 1e-6


class _AtTop:
    """Stands in for a frame when a column is known to start at the top of a page."""

    _atTop = True


def _keeps(f: Flowable) -> bool:
    return bool(getattr(f, "keep_next", False))


def stack_height(stack: Sequence[Flowable], width: float, avail: float) -> float:
    y = 0.0
    for i, f in enumerate(stack):
        if i:
            y += f.getSpaceBefore()
        y += f.wrap(width, max(avail - y, 0.0))[1]
        if i < len(stack) - 1:
            y += f.getSpaceAfter()
    return y


def draw_stack(canv: Any, stack: Sequence[Flowable], x: float, width: float,
               top: float) -> None:
    """Draw ``stack`` top-down from ``top``, at ``x``, as :func:`stack_height` measured it."""
    y = top
    for i, f in enumerate(stack):
        if i:
            y -= f.getSpaceBefore()
        h = f.wrap(width, y)[1]
        f.drawOn(canv, x, y - h)
        y -= h + f.getSpaceAfter()


def split_stack(stack: Sequence[Flowable], width: float, avail: float,
                at_top: bool = False) -> tuple[list[Flowable], list[Flowable]]:
    """Fill ``avail`` points from ``stack``: (what goes here, what goes on)."""
    placed: list[Flowable] = []
    tops: list[float] = []  # room left above each placed flowable
    y = 0.0
    for i, f in enumerate(stack):
        sb = f.getSpaceBefore() if placed else 0.0
        h = f.wrap(width, max(avail - y - sb, 0.0))[1]
        if y + sb + h <= avail + EPS:
            placed.append(f)
            tops.append(avail - y - sb)
            y += sb + h + f.getSpaceAfter()
            continue
        room = avail - y - sb
        parts: list[Flowable] = []
        if room > 0:
            if at_top and not placed:
                f._frame = _AtTop()
            try:
                parts = list(f.split(width, room))
            finally:
                f.__dict__.pop("_frame", None)
        if parts and parts[0].wrap(width, room)[1] <= room + EPS:
            placed.append(parts[0])
            return placed, parts[1:] + list(stack[i + 1:])
        rest = list(stack[i:])
        fitted = list(placed)  # stack[:i], whole
        while placed and _keeps(placed[-1]):
            # a block that must stay with the one that did not fit: carry (the end of) it over
            prev, room = placed.pop(), tops.pop()
            h = prev.wrap(width, room)[1]
            shorter = list(prev.split(width, h - EPS * 10)) if h > 0 else []
            if shorter and shorter[0].wrap(width, room)[1] <= room + EPS:
                placed.append(shorter[0])
                return placed, shorter[1:] + rest
            rest.insert(0, prev)
        if at_top and not placed and fitted:
            # on an empty page a keep that nothing can honour is broken, not carried over
            # page after page
            return fitted, list(stack[i:])
        return placed, rest
    return placed, []


class Columns(Flowable):
    """Stacks of flowables side by side, top-aligned; splits level across pages."""

    def __init__(self, stacks: Sequence[Sequence[Flowable]], gap: float, ts: Typesetter,
                 outline: Outline | None = None, continued: bool = False) -> None:
        super().__init__()
        self.stacks = [list(s) for s in stacks]
        self.gap = gap
        self.ts = ts
        self.outline = outline
        self.continued = continued
        self.keep_next = False
        self._w = 0.0
        self._h = 0.0

    def _col(self, width: float) -> float:
        n = len(self.stacks)
        return (width - self.gap * (n - 1)) / n

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        cw = self._col(availWidth)
        self._w = availWidth
        self._h = max((stack_height(s, cw, availHeight) for s in self.stacks if s), default=0.0)
        return availWidth, self._h

    def getSpaceBefore(self) -> float:  # noqa: N802
        if self.continued:
            return 0.0
        return max((s[0].getSpaceBefore() for s in self.stacks if s), default=0.0)

    def getSpaceAfter(self) -> float:  # noqa: N802
        return max((s[-1].getSpaceAfter() for s in self.stacks if s), default=0.0)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        cw = self._col(availWidth)
        at_top = bool(getattr(getattr(self, "_frame", None), "_atTop", False))
        parts = [split_stack(s, cw, availHeight) for s in self.stacks]
        stuck = any(s and not placed for s, (placed, _) in zip(self.stacks, parts, strict=True))
        if stuck and at_top:
            parts = [split_stack(s, cw, availHeight, at_top=True) for s in self.stacks]
            stuck = all(s and not placed
                        for s, (placed, _) in zip(self.stacks, parts, strict=True))
        if stuck or all(not rest for _, rest in parts) or all(not p for p, _ in parts):
            return []  # nothing would go here: splitting again would not get further
        head = Columns([p for p, _ in parts], self.gap, self.ts, self.outline, self.continued)
        tail = Columns([r for _, r in parts], self.gap, self.ts, None, True)
        return [head, tail]

    def draw(self) -> None:
        canv = self.canv
        if self.outline is not None:
            self.ts.bookmark(canv, self.outline, self._h)
        cw = self._col(self._w)
        for j, stack in enumerate(self.stacks):
            draw_stack(canv, stack, j * (cw + self.gap), cw, self._h)


class Chain(Flowable):
    """Heads that stay with the start of the flowable after them."""

    def __init__(self, items: Sequence[Flowable]) -> None:
        super().__init__()
        self.items = list(items)
        self.keep_next = False
        self._w = 0.0
        self._h = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._w = availWidth
        self._h = stack_height(self.items, availWidth, availHeight)
        return availWidth, self._h

    def getSpaceBefore(self) -> float:  # noqa: N802
        return self.items[0].getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.items[-1].getSpaceAfter()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        at_top = bool(getattr(getattr(self, "_frame", None), "_atTop", False))
        heads, tail = self.items[:-1], self.items[-1]
        y = 0.0
        for i, f in enumerate(heads):
            if i:
                y += f.getSpaceBefore()
            y += f.wrap(availWidth, max(availHeight - y, 0.0))[1] + f.getSpaceAfter()
        room = availHeight - y - tail.getSpaceBefore()
        if room > 0 and y <= availHeight + EPS:
            parts = list(tail.split(availWidth, room))
            if parts and parts[0].wrap(availWidth, room)[1] <= room + EPS:
                return [*heads, *parts]
        # cannot keep them together here; at the top of a page, let them flow apart, and
        # break a first item taller than the page there (reportlab needs the first part
        # it is given to fit)
        if not at_top:
            return []
        first, rest = self.items[0], self.items[1:]
        if first.wrap(availWidth, availHeight)[1] > availHeight + EPS:
            first._frame = self._frame  # at the top, too
            try:
                parts = list(first.split(availWidth, availHeight))
            finally:
                first.__dict__.pop("_frame", None)
            if parts:
                return [*parts, *rest]
        return list(self.items)

    def draw(self) -> None:
        draw_stack(self.canv, self.items, 0.0, self._w, self._h)


class Float(Flowable):
    """A figure (picture and caption) that lets the text after it go first when it does not fit.

    Where the figure fits, it is placed and the text after it flows on as usual. Where it
    does not, as much of the following text as the page still holds is set first and the
    figure waits for the top of the next page: no quarter page is left blank in front of a
    figure that moved. ``after`` may hold further floats: the text passes them too, and
    the figures keep their order.
    """

    def __init__(self, figure: Flowable, after: Sequence[Flowable]) -> None:
        super().__init__()
        self.figure = figure
        self.after = list(after)
        self.keep_next = False
        self._w = 0.0
        self._h = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._w = availWidth
        self._h = stack_height([self.figure, *self.after], availWidth, availHeight)
        return availWidth, self._h

    def getSpaceBefore(self) -> float:  # noqa: N802
        return self.figure.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return (self.after[-1] if self.after else self.figure).getSpaceAfter()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        if self.figure.wrap(availWidth, availHeight)[1] <= availHeight + EPS:
            return [self.figure, *self.after]
        if getattr(getattr(self, "_frame", None), "_atTop", False):
            # taller than a page: the figure's own split breaks it (a chart and its caption)
            self.figure._frame = self._frame
            try:
                parts = list(self.figure.split(availWidth, availHeight))
            finally:
                self.figure.__dict__.pop("_frame", None)
            return [*parts, *self.after] if parts else []
        if not self.after:
            return []
        # the frame took the figure's space before from availHeight; the text that goes
        # first takes its own
        room = availHeight + self.getSpaceBefore() - self.after[0].getSpaceBefore()
        placed, rest = split_stack(self.after, availWidth, room)
        if not placed:
            return []
        return [*placed, Float(self.figure, rest) if rest else self.figure]

    def draw(self) -> None:
        draw_stack(self.canv, [self.figure, *self.after], 0.0, self._w, self._h)


class Anchor(Flowable):
    """A zero-height bookmark for an item whose first block cannot carry one."""

    def __init__(self, outline: Outline, ts: Typesetter) -> None:
        super().__init__()
        self.outline = outline
        self.ts = ts
        self.keep_next = True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return availWidth, 0.0

    def draw(self) -> None:
        self.ts.bookmark(self.canv, self.outline, 0.0)


class Rule(Flowable):
    """A full-width rule: an article break (thick over thin) or a plain hairline."""

    def __init__(self, ts: Typesetter, colour: str, thick: float, thin_colour: str | None = None,
                 space_before: float = 0.0, space_after: float = 0.0) -> None:
        super().__init__()
        self.ts = ts
        self.colour = colour
        self.thick = thick
        self.thin_colour = thin_colour
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.keep_next = True
        self._w = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._w = availWidth
        return availWidth, self.thick + (3.0 if self.thin_colour else 0.0)

    def draw(self) -> None:
        with self.ts.tags.artifact(self.canv):
            self._draw()

    def _draw(self) -> None:
        canv = self.canv
        canv.saveState()
        top = self.thick + (3.0 if self.thin_colour else 0.0)
        canv.setFillColor(self.ts.colour(self.colour))
        canv.rect(0, top - self.thick, self._w, self.thick, stroke=0, fill=1)
        if self.thin_colour:
            canv.setStrokeColor(self.ts.colour(self.thin_colour))
            canv.setLineWidth(0.5)
            canv.line(0, 0.25, self._w, 0.25)
        canv.restoreState()


class _PNGXObject(PDFImageXObject):
    """A PNG's compressed data as an image XObject: PDF's ``FlateDecode`` with the PNG
    predictors reads PNG rows as they are, so nothing is decoded or compressed again."""

    def __init__(self, name: str, png: PNGData) -> None:
        super().__init__(name)
        head = png.header
        self.width, self.height = head.width, head.height
        self.bitsPerComponent = head.bit_depth
        self.streamContent = png.data
        self._filters = ("FlateDecode",)
        self.mask = None
        self.png = png

    def format(self, document: object) -> bytes:
        png = self.png
        stream = PDFStream(content=png.data)
        d = stream.dictionary
        d["Type"] = PDFName("XObject")
        d["Subtype"] = PDFName("Image")
        d["Width"] = self.width
        d["Height"] = self.height
        d["BitsPerComponent"] = self.bitsPerComponent
        if png.palette is not None:
            d["ColorSpace"] = PDFArray([PDFName("Indexed"), PDFName("DeviceRGB"),
                                        len(png.palette) // 3 - 1,
                                        b"<" + png.palette.hex().encode() + b">"])
        else:
            d["ColorSpace"] = PDFName("DeviceRGB" if png.colours == 3 else "DeviceGray")
        d["Filter"] = PDFArray([PDFName("FlateDecode")])
        # one set of parameters for each filter of the array (a bare dictionary is
        # ignored by some readers when Filter is an array)
        d["DecodeParms"] = PDFArray([PDFDictionary({
            "Predictor": 15, "Colors": png.colours, "BitsPerComponent": self.bitsPerComponent,
            "Columns": self.width})])
        d["Length"] = len(png.data)
        return bytes(stream.format(document))


class FigureImage(Flowable):
    """A picture, centred in the measure.

    A PNG that a PDF can show as it is (see :func:`briefing.png.passthrough`) is embedded
    with its own compressed data, unless the print colour mode separates it for the press.
    """

    def __init__(self, path: Path, width: float, height: float, ts: Typesetter,
                 png: PNGData | None = None) -> None:
        super().__init__()
        self.path = path
        self.drawWidth = width
        self.drawHeight = height
        self.ts = ts
        self.png = png
        self.keep_next = True
        self.tag: Node | None = None  # its Figure element, with the alternate text
        self._w = width

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._w = max(availWidth, self.drawWidth)
        return self._w, self.drawHeight

    def draw(self) -> None:
        x = (self._w - self.drawWidth) / 2
        with self.ts.tags.mark(self.canv, self.tag, (x, 0.0, x + self.drawWidth,
                                                     self.drawHeight)):
            if self.png is not None and not self.ts.inks:
                self._embed(self.png, x)
            else:
                # mask="auto": a PNG's alpha channel or transparent colour becomes the
                # image's soft mask (without it a transparent background drew black)
                self.canv.drawImage(self.ts.picture(self.path), x, 0, self.drawWidth,
                                    self.drawHeight, mask="auto")

    def _embed(self, png: PNGData, x: float) -> None:
        """Draw as reportlab's ``drawImage`` does, with the PNG's data as the XObject (one
        per picture content: the same picture twice is embedded once)."""
        canv = self.canv
        doc = canv._doc
        name = hashlib.md5(png.data, usedforsecurity=False).hexdigest()
        reg = doc.getXObjectName(name)
        if not doc.idToObject.get(reg):
            xobj = _PNGXObject(name, png)
            canv._setXObjects(xobj)
            doc.Reference(xobj, reg)
            doc.addForm(name, xobj)
        canv._currentPageHasImages = 1
        canv.saveState()
        canv.translate(x, 0)
        canv.scale(self.drawWidth, self.drawHeight)
        canv._code.append(f"/{reg} Do")
        canv.restoreState()
        canv._formsinuse.append(name)


def figure_image(image: Image, width: float, max_height: float,
                 ts: Typesetter) -> FigureImage:
    """The picture at the full ``width`` (aspect kept, at most ``max_height`` tall)."""
    path = Path(image.path)
    data = passthrough(path)
    if data is not None:
        size = (data.header.width, data.header.height)
    else:
        from PIL import Image as PILImage

        try:
            with PILImage.open(path) as img:
                size = img.size
        except (OSError, ValueError) as exc:
            raise RenderError(f"{image.title}: image {path} cannot be read ({exc})") from None
    if size != (image.width_px, image.height_px) or image.width_px <= 0:
        raise RenderError(f"{image.title}: image {path} changed since it was checked "
                          f"({size[0]}×{size[1]}, expected {image.width_px}×{image.height_px})")
    w = width
    h = w * image.height_px / image.width_px
    if h > max_height:
        h = max_height
        w = h * image.width_px / image.height_px
    return FigureImage(path, w, h, ts, data)


def sources(f: Flowable) -> tuple[str, ...]:
    """Where in the content a top-level flowable comes from (``file:line:column: field``,
    set by the layouts), for a layout error's message: one item's place, or those of the
    items a chain joins."""
    return getattr(f, "briefing_sources", ())
