"""Blocks of the plan as Word paragraphs, tables and pictures: one method per content type."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from docx.blkcntnr import BlockItemContainer
from docx.image.exceptions import (
    InvalidImageStreamError,
    UnexpectedEndOfFileError,
    UnrecognizedImageError,
)
from docx.shared import Emu, Pt, Twips
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from ...errors import RenderError
from ...plan import Caption, Chart, Content, Image, Para, Table, TableRole
from . import ooxml as ox
from .charts import add_chart
from .runs import RunWriter
from .styles import StyleSheet

if TYPE_CHECKING:
    from docx.styles.style import _TableStyle

#: A picture never takes more than this share of the page's text height.
MAX_PICTURE_HEIGHT = 0.4
#: A chart never takes more than this share (its caption and source stay on the page).
MAX_CHART_HEIGHT = 0.8
#: Points between a table in the body and the next block.
TABLE_GAP = 10.0

#: The table style of each table role.
TABLE_STYLES = {TableRole.KEY_FIGURES: "key_table", TableRole.GLOSSARY: "glossary_table"}


class Target:
    """Where blocks go: the document body or one table cell, and how wide its text is."""

    def __init__(self, container: BlockItemContainer, width: int):
        self.container = container
        self.width = width  # twips
        self.fresh = isinstance(container, _Cell)  # a new cell holds one empty paragraph

    def paragraph(self, style: ParagraphStyle) -> Paragraph:
        if self.fresh:
            self.fresh = False
            p = self.container.paragraphs[0]
        else:
            p = self.container.add_paragraph()
        ox.set_paragraph_style(p, style)
        return p

    def table(self, rows: int, cols: int) -> DocxTable:
        if self.fresh:  # a cell that starts with a table needs no empty paragraph above it
            self.container._element.remove(self.container.paragraphs[0]._p)
            self.fresh = False
        elif isinstance(self._last_block(), DocxTable):
            self.spacer(TABLE_GAP)  # Word joins two tables that touch into one
        return BlockItemContainer.add_table(self.container, rows, cols, Twips(self.width))

    def spacer(self, height: float = 3) -> None:
        """An empty paragraph ``height`` points high, where Word requires a paragraph."""
        p = self.container.add_paragraph()
        fmt = p.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing = Pt(height)
        ox.set_mark_size(p._p.get_or_add_pPr(), Pt(2))

    def finish(self) -> None:
        """Every table cell ends with a paragraph."""
        if not isinstance(self.container, _Cell):
            return
        if not isinstance(self._last_block(), Paragraph):
            self.spacer()

    def _last_block(self) -> Paragraph | DocxTable | None:
        blocks = list(self.container.iter_inner_content())
        return blocks[-1] if blocks else None


class BlockWriter:
    """Writes the content of a plan into targets, failing on content it does not know."""

    def __init__(self, styles: StyleSheet, runs: RunWriter, page_text_height: int):
        self.styles = styles
        self.runs = runs
        self.max_picture_height = int(page_text_height * MAX_PICTURE_HEIGHT)
        self.max_chart_height = int(page_text_height * MAX_CHART_HEIGHT)
        self.numbers_seen: set[tuple[str, int]] = set()
        self.bookmarks = 0

    def content(self, target: Target, block: Content) -> Paragraph | None:
        """Write one block; return its first paragraph (None for a table)."""
        if isinstance(block, Para):
            return self.para(target, block)
        if isinstance(block, Caption):
            return self.caption(target, block)
        if isinstance(block, Table):
            self.table(target, block)
            return None
        if isinstance(block, Chart):
            return self.chart(target, block)
        raise RenderError(f"the DOCX writer does not know plan content of type "
                          f"{type(block).__name__}: {block!r}")

    def para(self, target: Target, block: Para) -> Paragraph:
        p = target.paragraph(self.styles.for_role(block.role, block.lang))
        self.runs.text(p, block.text, block.lang)
        return p

    def caption(self, target: Target, block: Caption) -> Paragraph:
        """prefix, a live SEQ field showing the plan's number, suffix, separator, text.

        The first caption of a number counts (``SEQ Figure``); its translation
        repeats the number (``SEQ Figure \\c``) so that Word, on updating
        fields, numbers a bilingual caption pair once.
        """
        p = target.paragraph(self.styles.style("caption"))
        lang = block.lang
        self.runs.text(p, block.prefix, lang)
        key = (block.seq, block.number)
        repeat = " \\c" if key in self.numbers_seen else ""
        self.numbers_seen.add(key)
        self.runs.field(p, f"SEQ {block.seq}{repeat} \\* ARABIC", block.number_text, lang)
        self.runs.text(p, block.suffix + block.separator + block.text, lang)
        return p

    def table(self, target: Target, block: Table) -> None:
        cols = len(block.header)
        if cols == 0 or any(len(row) != cols for row in block.rows):
            raise RenderError(f"a table of the plan has rows of unequal length: {block!r}")
        weights = block.widths if len(block.widths) == cols else (1.0,) * cols
        total = sum(weights)
        widths = [int(target.width * w / total) for w in weights]
        table = target.table(1 + len(block.rows), cols)
        if not isinstance(target.container, _Cell):
            target.spacer(TABLE_GAP)  # room between the table and what follows
        set_geometry(table, widths, self.styles.style(TABLE_STYLES[block.role]),
                     header_row=True)
        heading, text = self.styles.style("table_heading"), self.styles.style("table_text")
        figure = self.styles.style("table_figure")  # the figures' columns: accent, bold
        panel = block.role is TableRole.KEY_FIGURES  # a tinted panel, as in the PDF
        for r, (row, values) in enumerate(zip(table.rows, (block.header, *block.rows),
                                              strict=True)):
            ox.set_row_flag(row._tr, "w:cantSplit")
            if r == 0:
                ox.set_row_flag(row._tr, "w:tblHeader")
            for column, (cell, value, width) in enumerate(zip(row.cells, values, widths,
                                                              strict=True)):
                cell.width = Twips(width)
                if r == 0 or panel:  # shading as direct formatting: not every reader
                    # applies a table style's conditional formats
                    ox.set_cell_property(cell._tc, ox.shading(self.styles.colour("panel")))
                p = cell.paragraphs[0]
                ox.set_paragraph_style(
                    p, heading if r == 0 else figure if column in block.emphasis else text)
                self.runs.text(p, value, block.cell_lang(r, column))

    def picture(self, target: Target, image: Image) -> Paragraph:
        """The picture at the target's width (or less, for a tall one), aspect kept."""
        if image.width_px <= 0 or image.height_px <= 0:
            raise RenderError(f"{image.title}: image {image.path} has no size")
        width = Twips(target.width).emu
        height = width * image.height_px // image.width_px
        limit = Twips(self.max_picture_height).emu
        if height > limit:
            width, height = width * limit // height, limit
        p = target.paragraph(self.styles.style("figure"))
        run = p.add_run()
        try:
            shape = run.add_picture(str(image.path), width=Emu(width), height=Emu(height))
        except (OSError, UnrecognizedImageError, InvalidImageStreamError,
                UnexpectedEndOfFileError, ValueError) as exc:
            raise RenderError(f"{image.title}: cannot embed image {image.path} ({exc})"
                              ) from None
        ox.set_alt_text(shape._inline, image.alt, image.title)
        return p

    def chart(self, target: Target, chart: Chart) -> Paragraph:
        """A native Word chart at the target's width, its data in an embedded workbook."""
        p = target.paragraph(self.styles.style("figure"))
        add_chart(p, chart, self.styles.template, target.width, self.max_chart_height)
        return p

    def bookmark(self, p: Paragraph, key: str) -> None:
        """A bookmark on ``p`` named after the plan's outline key (Word's name rules)."""
        name = re.sub(r"[^A-Za-z0-9_]", "_", key)
        if not name[:1].isalpha():
            name = "b" + name
        self.bookmarks += 1
        ox.bookmark(p._p, self.bookmarks, name[:40])


def set_geometry(table: DocxTable, widths: list[int], style: ParagraphStyle,
                 header_row: bool) -> None:
    """``style``, fixed layout, full width, no indent, column widths (twips)."""
    table.style = cast("_TableStyle", style)
    table.autofit = False
    ox.set_table_frame(table._tbl, sum(widths), header_row)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Twips(width)
