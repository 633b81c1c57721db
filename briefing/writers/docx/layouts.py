"""The plan's items laid out: parallel columns, interleaved, or one language.

Items are written in plan order; a layout only decides where each cell's
blocks go. Shared content (a picture, a bilingual table) comes first and
spans the text width.
"""

from __future__ import annotations

from docx.blkcntnr import BlockItemContainer
from docx.document import Document
from docx.shared import Pt, Twips
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from ...errors import RenderError
from ...plan import Caption, Chart, Content, Item, Layout, Para, Plan, Role, Table
from . import ooxml as ox
from .blocks import BlockWriter, Target, set_geometry
from .furniture import Frame


class FlowLayout:
    """Interleaved and single-language layouts: every block in the body, one after another."""

    def __init__(self, document: Document, writer: BlockWriter, frame: Frame):
        self.body = Target(_body(document), frame.width)
        self.writer = writer
        self.started = False

    def item(self, item: Item) -> None:
        if item.starts_article:
            _article_break(self.body, self.writer, first=not self.started)
        written: list[Paragraph | None] = []
        if item.image is not None:
            written.append(self.writer.picture(self.body, item.image))
        if item.shared is not None:
            written.append(self.writer.content(self.body, item.shared))
        for cell in item.cells:
            for i, block in enumerate(cell.content):
                p = self.writer.content(self.body, block)
                if p is not None and i + 1 < len(cell.content) and _leads(block):
                    p.paragraph_format.keep_with_next = True
                written.append(p)
        _finish_item(self.writer, item, [p for p in written if p is not None])
        self.started = self.started or bool(written)

    def close(self) -> None:
        self.body.finish()
        blocks = list(self.body.container.iter_inner_content())
        if blocks and isinstance(blocks[-1], DocxTable):
            self.body.spacer()


class ParallelLayout:
    """Two columns in a borderless table, one row per item; rows may break across pages.

    An item with a picture or a shared table first gets a row whose single
    cell spans both columns. A new table starts after each article break
    (a page break with a rule), since Word ignores page breaks inside tables.
    Each of these grids is a layout table: no header row, and the plan's
    caption and description as its alt text (``w:tblCaption``,
    ``w:tblDescription``), which says so.

    A pair of tables (the key figures in each language) is not nested in the
    grid: it becomes one table in the body, each language's columns side by
    side, so that its header row repeats on every page for both languages
    (LibreOffice repeats the header of only one of two tables nested in a row
    that breaks across pages).
    """

    def __init__(self, document: Document, writer: BlockWriter, frame: Frame, plan: Plan):
        self.body = Target(_body(document), frame.width)
        self.writer = writer
        self.frame = frame
        self.caption = plan.grid_caption
        self.description = plan.grid_description
        self.table: DocxTable | None = None
        self.started = False

    def item(self, item: Item) -> None:
        if len(item.cells) != 2:
            raise RenderError(f"a parallel layout needs two languages per item; "
                              f"item {item.kind!r} has {len(item.cells)}")
        if item.starts_article:
            self.table = None
            _article_break(self.body, self.writer, first=not self.started)
        written: list[Paragraph | None] = []
        if item.image is not None or item.shared is not None:
            span_cell = self._row(span=True, whole=item.image is not None)[0]
            target = Target(span_cell, self.frame.width)
            if item.image is not None:
                written.append(self.writer.picture(target, item.image))
            if item.shared is not None:
                written.append(self.writer.content(target, item.shared))
            target.finish()
        pair = _table_pair(item)
        contents = [cell.content[:-1] if pair else cell.content for cell in item.cells]
        if any(contents):
            # Short rows (headlines, captions, a chart with its caption and source) move to
            # the next page whole; text rows may break.
            row_cells = self._row(span=False, whole=item.keep_with_next or written != []
                                  or pair is not None
                                  or any(isinstance(b, Chart) for c in contents for b in c))
            for column, content in zip(row_cells, contents, strict=True):
                target = Target(column, self.frame.column)
                for block in content:
                    p = self.writer.content(target, block)
                    if p is not None and pair is not None:
                        p.paragraph_format.keep_with_next = True  # the labels, with the table
                    written.append(p)
                target.finish()
        if pair is not None:
            self.table = None  # the grid goes on after the table, as a new one
            self.writer.content(self.body, pair)
            self._gutter(pair.column_langs.index(pair.column_langs[-1]))
        _finish_item(self.writer, item, [p for p in written if p is not None],
                     keep_all=True)
        self.started = self.started or bool(written)

    def close(self) -> None:
        self.body.spacer()  # the body ends with a paragraph, not a table

    def _gutter(self, column: int) -> None:
        """The grid's gutter and rule before ``column`` of the table just written."""
        table = [b for b in self.body.container.iter_inner_content()
                 if isinstance(b, DocxTable)][-1]
        pad, half = Pt(4), Twips(round(self.frame.gap / 2))
        for row in table.rows:
            cells = row.cells
            ox.set_cell_property(cells[column - 1]._tc, ox.cell_margins(
                "w:tcMar", Pt(1), pad, Pt(1), Twips(half + pad.twips)))
            ox.set_cell_property(cells[column]._tc, ox.cell_margins(
                "w:tcMar", Pt(1), Twips(half + pad.twips), Pt(1), pad))

    def _row(self, span: bool, whole: bool) -> list[BlockItemContainer]:
        if self.table is None:
            self.table = self.body.table(0, 2)
            half = self.frame.width // 2
            set_geometry(self.table, [half, self.frame.width - half],
                         self.writer.styles.style("columns_table"), header_row=False)
            if self.caption or self.description:
                ox.set_table_description(self.table._tbl, self.caption, self.description)
        row = self.table.add_row()
        if whole:
            ox.set_row_flag(row._tr, "w:cantSplit")
        cells = row.cells
        zero = Pt(0)
        gap = Twips(round(self.frame.gap / 2))  # on each side of the gutter
        rule = self.writer.styles.colour("rule")
        if span:
            merged = cells[0].merge(cells[1])
            merged.width = Twips(self.frame.width)
            ox.set_cell_property(merged._tc, ox.cell_margins("w:tcMar", Pt(6), zero, Pt(2),
                                                             zero))
            return [merged]
        half = self.frame.width // 2
        cells[0].width = Twips(half)
        cells[1].width = Twips(self.frame.width - half)
        ox.set_cell_property(cells[0]._tc, ox.cell_margins("w:tcMar", zero, zero, zero, gap))
        ox.set_cell_property(cells[1]._tc, ox.cell_margins("w:tcMar", zero, gap, zero, zero))
        borders = ox.el("w:tcBorders")
        borders.append(ox.border("left", rule, 4, 0))
        ox.set_cell_property(cells[1]._tc, borders)
        return [cells[0], cells[1]]


def write_items(document: Document, plan: Plan, writer: BlockWriter, frame: Frame) -> None:
    if plan.layout is Layout.PARALLEL:
        layout: FlowLayout | ParallelLayout = ParallelLayout(document, writer, frame, plan)
    elif plan.layout in (Layout.INTERLEAVED, Layout.ZH, Layout.EN):
        layout = FlowLayout(document, writer, frame)
    else:
        raise RenderError(f"the DOCX writer does not know layout {plan.layout!r}")
    for item in plan.items:
        if not isinstance(item, Item):
            raise RenderError(f"the DOCX writer does not know plan item {item!r}")
        layout.item(item)
    layout.close()


def _table_pair(item: Item) -> Table | None:
    """The item's two tables joined side by side, when each cell ends with one of the
    same role and length (the key figures in each language); else None."""
    ends = [cell.content[-1] if cell.content else None for cell in item.cells]
    tables = [t for t in ends if isinstance(t, Table) and t.lang is not None]
    if len(tables) != 2 or item.shared is not None or item.image is not None:
        return None
    a, b = tables
    if a.role is not b.role or len(a.rows) != len(b.rows) or a.lang is None or b.lang is None:
        return None
    na, nb = len(a.header), len(b.header)

    def widths(t: Table, n: int) -> tuple[float, ...]:
        w = t.widths if len(t.widths) == n else (1.0,) * n
        return tuple(x / sum(w) / 2 for x in w)

    langs = (a.lang,) * na + (b.lang,) * nb
    return Table(a.role, a.header + b.header,
                 tuple(ra + rb for ra, rb in zip(a.rows, b.rows, strict=True)), None,
                 widths(a, na) + widths(b, nb), a.emphasis + tuple(na + e for e in b.emphasis),
                 column_langs=langs, header_langs=langs)


def _body(document: Document) -> BlockItemContainer:
    return document._body  # python-docx's body proxy: the container of block items


def _article_break(body: Target, writer: BlockWriter, first: bool) -> None:
    """A strong rule opening an article, on a new page unless nothing comes before it."""
    p = body.paragraph(writer.styles.style("article_break"))
    if first:
        p.paragraph_format.page_break_before = False


def _leads(block: Content) -> bool:
    """A quote stays on the page of its attribution, a caption with its credit.

    Set per paragraph in the body only: in a parallel table Word and
    LibreOffice keep a whole row with the next when its paragraphs keep with
    next, which would chain a quote's row to the picture after it.
    """
    return isinstance(block, Caption) or (isinstance(block, Para) and block.role is Role.QUOTE)


def _finish_item(writer: BlockWriter, item: Item, paragraphs: list[Paragraph],
                 keep_all: bool = False) -> None:
    """Bookmark the item's first paragraph; keep it with the next item when the plan says."""
    if not paragraphs:
        return
    if item.outline is not None:
        writer.bookmark(paragraphs[0], item.outline.key)
    if item.keep_with_next:
        # In a table Word keeps a row with the next when all its paragraphs keep with next.
        for p in paragraphs if keep_all else paragraphs[-1:]:
            p.paragraph_format.keep_with_next = True
