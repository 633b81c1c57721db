"""Page furniture and the document build: header, footer, outline, metadata, one pass.

"Page X of Y" needs the count before the last page is laid out. The usual
"NumberedCanvas" recipe (hold every page back, then stamp the count) makes
reportlab point every bookmark at page 1, and laying the story out twice (once
to count) costs a third of the drawing. Instead the story is laid out and drawn
once: each page's footer leaves a marker line in the page's content where its
operators go, and when the last page is done every footer is set with the count
known and its operators take the marker's place: the same operators, in the same
place, as a footer drawn with the page. (A character or font first used in a
footer now gets its subset code or resource name after the text's.)
"""

from __future__ import annotations

import contextlib
import io
import itertools
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfdoc, ttfonts
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import ActionFlowable, LayoutError
from reportlab.platypus.flowables import UseUpSpace

from ...errors import RenderError
from ...plan import LangCode, PageField, Plan
from .cmaps import to_unicode_cmap
from .deflate import Deflate, format_with
from .flowables import sources
from .printboxes import Geometry, draw_crop_marks
from .styles import Styles
from .text import Align, TextBlock, TextStyle, Typesetter

_rl_lock = threading.RLock()  # reportlab's settings are process-wide


def footer_text(plan: Plan, page: int, pages: int) -> str:
    """The plan's footer pieces with the page number and count filled in."""
    out = []
    for piece in plan.footer:
        if piece is PageField.PAGE:
            out.append(str(page))
        elif piece is PageField.NUMPAGES:
            out.append(str(pages))
        else:
            out.append(str(piece))
    return "".join(out)


#: What ends a running header that was cut to fit its line.
ELLIPSIS = "\u2026"
#: Marks that do not end a cut header before the ellipsis.
_TRAILING = " \u00a0\u3000·:;,.\u2013\u2014：；，、。"


def one_line(text: str, lang: LangCode, style: TextStyle, ts: Typesetter, width: float) -> str:
    """``text`` if it sets on one line of ``width``, else its longest start that does when
    cut after a word (a line-breaking atom) and followed by an ellipsis."""
    block = TextBlock(text, lang, style, ts)
    lines = block.lines(width)
    if len(lines) <= 1:
        return text
    # the first line's words, less as many as the ellipsis needs (a word or two)
    for atom in reversed([a for a in block.atoms if a.end <= lines[0].end]):
        cut = text[:atom.end].rstrip(_TRAILING)
        if cut and len(TextBlock(cut + ELLIPSIS, lang, style, ts).lines(width)) == 1:
            return cut + ELLIPSIS
    return ELLIPSIS


def _marker(page: int) -> str:
    """The line that holds a page's place for its footer: a PDF comment, alone on its line
    of the content (text is always inside a string on a line of its own operators)."""
    return f"%briefing:footer:{page}"


class Furniture:
    """Draws the running header, the footer and the crop marks of every page."""

    def __init__(self, plan: Plan, styles: Styles, ts: Typesetter, g: Geometry,
                 header_on_first: bool) -> None:
        self.plan = plan
        self.styles = styles
        self.ts = ts
        self.g = g
        self.header_on_first = header_on_first
        self.lang = plan.languages[0]
        # each page's footer, drawn when the count is known: (page, where its lines go
        # among the render's lines)
        self._footers: list[tuple[int, int]] = []
        base = styles.furniture
        self.header_style = base
        self._fitted: str | None = None
        self._parts: list[tuple[TextBlock, float]] | None = None
        self._parts_fitted = False
        self.footer_style = replace(base, align="center")

    def __call__(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        with self.ts.tags.artifact(canv):
            draw_crop_marks(canv, self.g)
        page = canv.getPageNumber()
        g = self.g
        x = g.frame_x(page)
        width = g.text_width
        pal = self.styles.palette
        top = g.offset + g.trim_h - g.top
        if page > 1 or self.header_on_first:
            with self.ts.tags.artifact(canv, "Header"):
                parts = self._header_parts()
                if parts is None:
                    head = TextBlock(self._header(), self.lang, self._header_style(page),
                                     self.ts)
                    head.wrap(width, 100)
                    head.drawOn(canv, x, top + 9)
                else:  # each language in its own script (‘ and … in the English: Latin)
                    total = sum(w for _, w in parts)
                    at = x if self._header_style(page).align == "left" else x + width - total
                    for block, w in parts:
                        block.wrap(w + 0.01, 100)
                        block.drawOn(canv, at, top + 9)
                        at += w
                canv.saveState()
                canv.setStrokeColor(self.ts.colour(pal.rule))
                canv.setLineWidth(0.4)
                canv.line(x, top + 6, x + width, top + 6)
                canv.restoreState()
        with self.ts.tags.artifact(canv, "Footer"):
            canv._code.append(_marker(page))  # its operators, when the count is known
            self._footers.append((page, len(self.ts.lines)))

    def draw_footers(self, canv: Canvas) -> None:
        """Every page's footer, now that the count is known, in place of its marker (call
        when the last page is done: the canvas holds no page)."""
        pages = canv._doc.Pages.pages
        drawn: list[tuple[int, list[str]]] = []
        for page, at in self._footers:
            foot = TextBlock(footer_text(self.plan, page, len(pages)), self.lang,
                             self.footer_style, self.ts)
            _, h = foot.wrap(self.g.text_width, 100)
            kept, canv._code = canv._code, []
            before = len(self.ts.lines)
            foot.drawOn(canv, self.g.frame_x(page), self.g.offset + self.g.bottom - 12 - h)
            code, canv._code = canv._code, kept
            drawn.append((at, self.ts.lines[before:]))
            del self.ts.lines[before:]
            marker = f"\n{_marker(page)}\n"
            pdf_page = pages[page - 1]
            if pdf_page.stream.count(marker) != 1:  # pragma: no cover - a marker per page
                raise RenderError(f"page {page}: its footer has no single place")
            pdf_page.stream = pdf_page.stream.replace(marker, "\n" + "\n".join(code) + "\n")
        for at, lines in reversed(drawn):  # the footers' lines where they were drawn
            self.ts.lines[at:at] = lines
        self._footers = []

    def _header(self) -> str:
        """The running header on one line: a title too long for it is cut after a word
        and ends in an ellipsis, rather than wrapping to leave a word alone."""
        if self._fitted is None:
            self._fitted = one_line(self.plan.header, self.lang, self.header_style, self.ts,
                                    self.g.text_width)
        return self._fitted

    def _header_parts(self) -> list[tuple[TextBlock, float]] | None:
        """The bilingual header as blocks of one language each and their widths, the last
        cut to fit (None: a header of one language, or too long for its parts to fit)."""
        if not self._parts_fitted:
            self._parts_fitted = True
            # a block sets no space at its ends: the separator's (" · ") are held
            parts = tuple((t.replace(" ", "\u00a0") if t != t.strip() else t, lg)
                          for t, lg in self.plan.header_parts)
            style = replace(self.header_style, align="left")
            fitted: list[tuple[TextBlock, float]] | None = None
            if len({lang for _, lang in parts}) > 1:
                widths = [self._width(text, lang, style) for text, lang in parts]
                room = self.g.text_width - sum(widths[:-1])
                text, lang = parts[-1]
                if widths[-1] > room:
                    text = one_line(text, lang, style, self.ts, room)
                if room > 0 and text != ELLIPSIS:
                    widths[-1] = self._width(text, lang, style)  # the last part, as cut
                    fitted = [(TextBlock(t, lg, style, self.ts), w) for (t, lg), w
                              in zip([*parts[:-1], (text, lang)], widths, strict=True)]
            self._parts = fitted
        return self._parts

    def _width(self, text: str, lang: LangCode, style: TextStyle) -> float:
        """The width ``text`` sets in on one line."""
        return TextBlock(text, lang, style, self.ts).lines(1e6)[0].width

    def _header_style(self, page: int) -> TextStyle:
        # the header sits at the outer edge: right on rectos, left on mirrored versos
        align: Align = "left" if (self.g.mirror and page % 2 == 0) else "right"
        return replace(self.header_style, align=align)


#: Flowables handled on one page before the layout is declared stuck (a page of the
#: densest template holds a few hundred).
MAX_STEPS_PER_PAGE = 10_000
#: Pages in a row with nothing placed on them before the layout is declared stuck.
MAX_EMPTY_PAGES = 2


def describe(f: Flowable | None) -> str:
    """A block as a reader finds it: the start of its first text."""
    todo = [f]
    while todo:
        item = todo.pop(0)
        if isinstance(item, TextBlock):
            text = item.text[item._from:].strip()
            return f"the block beginning {text[:30]!r}" + ("…" if len(text) > 30 else "")
        todo.extend(getattr(item, "items", None) or [])
        for stack in getattr(item, "stacks", None) or []:
            todo.extend(stack)
    return f"a {type(f).__name__} block" if f is not None else "the end of the document"


class _Doc(BaseDocTemplate):
    def __init__(self, buf: io.BytesIO, g: Geometry, plan: Plan, furniture: Furniture,
                 initial_font: str) -> None:
        meta = plan.meta
        kw: dict[str, Any] = {}
        if g.printing:
            kw.update(trimBox=g.trim_box, bleedBox=g.bleed_box)
        super().__init__(
            buf, pagesize=g.media, invariant=1, pageCompression=1,
            title=meta.title, author=meta.author, subject=meta.subject,
            keywords=meta.keywords, creator="briefing", lang=meta.language,
            displayDocTitle=True, initialFontName=initial_font, initialFontSize=10,
            leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0, **kw)
        self._date = meta.date

        def frame(page_parity: int) -> Frame:
            return Frame(g.frame_x(page_parity), g.frame_y, g.text_width, g.text_height,
                         leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                         id=f"body{page_parity}", overlapAttachedSpace=0)

        if g.mirror:
            templates = [PageTemplate("recto", [frame(1)], onPage=furniture),
                         PageTemplate("verso", [frame(2)], onPage=furniture)]
        else:
            templates = [PageTemplate("page", [frame(1)], onPage=furniture)]
        self.addPageTemplates(templates)

    def _setPageTemplate(self) -> None:  # noqa: N802
        # Chosen by the parity of the next page. reportlab's autoNextPageTemplate keeps a
        # stale index after each switch, so a recto/verso pair alternates only every other
        # page pair (pages 3–4, 7–8 … came out swapped).
        self.pageTemplate = self.pageTemplates[self.page % len(self.pageTemplates)]

    # ------------------------------------------------------------ bounded layout work
    # Every loop that can retry (a block split again, moved to the next page, kept with
    # the next) runs inside reportlab's build loop; these limits stop it, naming the block,
    # if a flowable ever fails to make progress, instead of spinning or adding pages.

    def handle_pageBegin(self) -> None:  # noqa: N802
        self._steps = 0
        super().handle_pageBegin()

    def handle_pageEnd(self) -> None:  # noqa: N802
        empty = bool(getattr(self.frame, "_atTop", False))
        self._empty = getattr(self, "_empty", 0) + 1 if empty else 0
        if self._empty > MAX_EMPTY_PAGES:
            raise RenderError(f"the PDF layout made no progress: {MAX_EMPTY_PAGES} pages in a "
                              f"row were left empty before {describe(self._last())}")
        super().handle_pageEnd()

    def _last(self) -> Flowable | None:
        return getattr(self, "_current", None)

    def where(self) -> str:
        """The place in the content of the block being laid out, as a message prefix."""
        found: tuple[str, ...] = getattr(self, "_sources", ())
        return "".join(f"{s}: " for s in found[-1:]) + (
            f"(or {'; '.join(found[:-1])}) " if len(found) > 1 else "")

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        if flowables and not isinstance(flowables[0], ActionFlowable | UseUpSpace):
            self._current: Flowable | None = flowables[0]
            # a split part has no place of its own: it keeps the one of what it was cut from
            self._sources = sources(flowables[0]) or getattr(self, "_sources", ())
        self._steps = getattr(self, "_steps", 0) + 1
        if self._steps > MAX_STEPS_PER_PAGE:
            raise RenderError(f"{self.where()}the PDF layout made no progress: "
                              f"{describe(self._last())} was split or moved more than "
                              f"{MAX_STEPS_PER_PAGE:,} times on page {self.page}")
        super().handle_flowable(flowables)

    def _makeCanvas(self, *args: Any, **kwargs: Any) -> Canvas:  # noqa: N802
        canv = super()._makeCanvas(*args, **kwargs)
        if self._date:
            y, m, d = self._date
            canv.setDateFormatter(lambda *_: f"D:{y:04d}{m:02d}{d:02d}000000Z")
        return canv


@contextlib.contextmanager
def _reportlab_settings(deflate: Deflate) -> Iterator[None]:
    """reportlab's process-wide settings for one build, restored afterwards.

    * No ASCII85 around compressed streams: a quarter smaller, and much faster to write
      (reportlab's ASCII85 encoder runs in pure Python when its C accelerator is absent).
    * ToUnicode maps in blocks of at most 100 entries (:mod:`.cmaps`), so the text
      survives a Ghostscript rewrite.
    * No clock and no environment: reportlab's invariant timestamp even when
      ``SOURCE_DATE_EPOCH`` is set (reportlab would take it for the dates and the
      ``/ID``, and fail on a malformed one). The output uses no clock at all, so it is
      reproducible as it stands; the dates are the content's (see :class:`_Doc`).
    * The Flate filter (a module global reportlab names when it makes a stream) is
      ``deflate``, which compresses streams ahead on a worker thread (:mod:`.deflate`).
    * Every font subset's tag is the document's next one (AAAAAA+, AAAAAB+ …): reportlab
      tags each font's first subset AAAAAA+, but different subsets in one file shall have
      different tags (ISO 32000-1, 9.6.4).
    """
    with _rl_lock:
        saved = (rl_config.useA85, ttfonts.makeToUnicodeCMap, pdfdoc.TimeStamp,
                 pdfdoc.PDFZCompress, ttfonts.SUBSETN)
        rl_config.useA85 = 0
        ttfonts.makeToUnicodeCMap = to_unicode_cmap
        pdfdoc.TimeStamp = _InvariantTimeStamp
        pdfdoc.PDFZCompress = deflate
        tags = itertools.count()
        ttfonts.SUBSETN = lambda _n: saved[4](next(tags))
        try:
            yield
        finally:
            (rl_config.useA85, ttfonts.makeToUnicodeCMap, pdfdoc.TimeStamp,
             pdfdoc.PDFZCompress, ttfonts.SUBSETN) = saved


class _InvariantTimeStamp(TimeStamp):
    """reportlab's invariant-mode timestamp (2000-01-01 00:00 UTC), whatever the
    environment says."""

    EPOCH = 946684800.0

    def __init__(self, invariant: object = None) -> None:
        self.t = self.EPOCH
        self.lt = time.gmtime(self.EPOCH)
        self.YMDhms = tuple(self.lt)[:6]
        self.dhh = self.dmm = 0
        self.tzname = "UTC"


def build(plan: Plan, g: Geometry, furniture: Furniture, ts: Typesetter, initial_font: str,
          story: list[Flowable], one_page: bool,
          finish: Callable[[pdfdoc.PDFDocument], None] | None = None) -> bytes:
    """Lay the story out and draw it, then the footers, and return the PDF bytes;
    ``finish`` may add to reportlab's document after the last page is drawn, before it
    is saved."""
    with Deflate() as deflate, _reportlab_settings(deflate):
        return _build(plan, g, furniture, ts, initial_font, story, one_page, finish, deflate)


def _build(plan: Plan, g: Geometry, furniture: Furniture, ts: Typesetter, initial_font: str,
           story: list[Flowable], one_page: bool,
           finish: Callable[[pdfdoc.PDFDocument], None] | None, deflate: Deflate) -> bytes:
    buf = io.BytesIO()
    doc = _Doc(buf, g, plan, furniture, initial_font)
    doc._doSave = 0  # reportlab's build ends without saving: the footers come first
    _run(doc, story)
    pages = doc.page
    if one_page and pages > 1:
        # what spills past page 1: the full pages between, plus what the last page uses
        frame = doc.frame
        used_last = frame._y2 - frame._y
        spill = (pages - 2) * g.text_height + used_last
        raise RenderError(
            f"the template {furniture.styles.template.name!r} must fit on one page, but "
            f"the content needs {pages} pages: about {spill / mm:.0f} mm of text "
            f"({spill / g.text_height:.0%} of a page) more than one page holds; shorten "
            "the summary or the key figures, or use another template")
    furniture.draw_footers(doc.canv)
    for page in doc.canv._doc.Pages.pages:  # each page's content is final now
        deflate.ahead(page.stream)
    if finish is not None:
        finish(doc.canv._doc)
    format_with(doc.canv._doc, deflate)
    doc.canv.save()
    return buf.getvalue()


def _run(doc: _Doc, story: list[Flowable]) -> None:
    try:
        doc.build(story)
    except LayoutError as exc:
        raise RenderError(_too_large(doc, str(exc))) from None


_SIZE = re.compile(r"\(([\d.]+) x ([\d.]+)\*?\)")


def _too_large(doc: _Doc, detail: str) -> str:
    """What reportlab's LayoutError means, said of the block in the content: where it
    is, how tall it is against the page when reportlab says, and what to change."""
    sizes = [(float(w), float(h)) for w, h in _SIZE.findall(detail)]
    tall = max((h for _, h in sizes[:-1]), default=0.0)  # the last size is the frame's
    page = sizes[-1][1] if sizes else 0.0
    measure = (f" (it needs about {tall / mm:.0f} mm; a page's text block holds "
               f"{page / mm:.0f} mm)" if tall > page > 0 else "")
    return (f"{doc.where()}this block cannot be laid out: a part of it that cannot be split "
            f"(a table row, a picture or an unbreakable line) is taller or wider than a "
            f"page{measure}. Shorten the text there (a long label, name or caption), or "
            f"split it into several entries or paragraphs")
