"""Plan content → flowables: one visitor method per kind of block.

Paragraphs and captions become :class:`~.text.TextBlock`; tables become a
reportlab ``Table`` of text blocks (the key-figures panel on a tinted ground,
the glossary with hairlines); a figure's picture becomes an image flowable.
An unknown content type fails loudly, so a new block type shows every writer
that must learn it.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.platypus import Flowable, TableStyle
from reportlab.platypus import Table as RLTable

from ...plan import Caption, Chart, Content, Item, Para, Plan, Role, Table, TableRole
from .fonts import Family
from .styles import Styles
from .tagging import StructBuilder
from .text import Span, TextBlock, TextStyle, Typesetter

#: Roles that stay with the block after them inside a column.
KEEP_ROLES = frozenset({Role.SECTION_LABEL, Role.HEADING, Role.HEADLINE, Role.DATELINE,
                        Role.DECK, Role.TITLE, Role.SUBTITLE, Role.CAPTION, Role.QUOTE})


class Blocks:
    def __init__(self, styles: Styles, ts: Typesetter) -> None:
        self.styles = styles
        self.ts = ts
        self.struct = StructBuilder()  # the layouter starts a new one for each story
        self.max_height: float | None = None  # the tallest a chart may be: the text block

    def content(self, c: Content, item: Item) -> Flowable:
        if isinstance(c, Para):
            return self.para(c)
        if isinstance(c, Caption):
            return self.caption(c)
        if isinstance(c, Table):
            return self.table(c, item)
        if isinstance(c, Chart):
            # reportlab's graphics, about 20 ms to import, only for a plan that has a chart
            from .charts import ChartFlowable

            chart = ChartFlowable(c, self.styles, self.ts, self.max_height)
            chart.tag = self.struct.figure(c.alt, c.lang)
            return chart
        raise TypeError(f"the PDF writer has no block for {type(c).__name__}")

    def para(self, p: Para) -> TextBlock:
        block = TextBlock(p.text, p.lang, self.styles.role(p.role, p.lang), self.ts)
        block.keep_next = p.role in KEEP_ROLES
        block.tag = self.struct.para(p)
        return block

    def caption(self, c: Caption) -> TextBlock:
        accent = self.styles.palette.accent
        spans = [Span(c.label, bold=True, colour=accent),
                 Span(f"{c.separator}{c.text}")]
        block = TextBlock(spans, c.lang, self.styles.role(Role.CAPTION, c.lang), self.ts)
        block.keep_next = True
        block.tag = self.struct.caption(c)
        return block

    def table(self, t: Table, item: Item) -> Flowable:
        """A key-figures panel (tinted, figures in the accent) or a plain ruled table."""
        st, pal = self.styles, self.styles.palette
        figures = t.role is TableRole.KEY_FIGURES

        tags = self.struct.table(t)

        def cell(text: str, row: int, column: int, style: TextStyle) -> TextBlock:
            block = TextBlock(text, t.cell_lang(row, column), style, self.ts)
            block.tag = tags[row][column]
            return block

        data = [[cell(h, 0, i, st.cell_head) for i, h in enumerate(t.header)]]
        for r, row in enumerate(t.rows, start=1):
            data.append([cell(v, r, i, st.cell_figure if i in t.emphasis else st.cell)
                         for i, v in enumerate(row)])
        n = len(t.header)
        widths = t.widths if len(t.widths) == n else tuple(1.0 / n for _ in range(n))
        total = sum(widths)
        cols = [f"{100 * w / total:.4f}%" for w in widths]
        font = self.ts.fonts.latin[("serif", False)].name
        commands: list[tuple[object, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), font),  # reportlab sets it per cell: not Helvetica
            ("TEXTCOLOR", (0, 0), (-1, -1), self.ts.colour(pal.text)),  # and this: not RGB black
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 3.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.6),
            ("LINEABOVE", (0, 0), (-1, 0), 1.2, self.ts.colour(pal.accent)),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, self.ts.colour(pal.accent)),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, self.ts.colour(pal.rule)),
        ]
        if figures:
            pad = st.body.size * 0.42  # airier rows in the panel, in step with the type size
            commands.append(("BACKGROUND", (0, 0), (-1, -1), self.ts.colour(pal.panel)))
            commands.append(("TOPPADDING", (0, 1), (-1, -1), pad))
            commands.append(("BOTTOMPADDING", (0, 1), (-1, -1), pad + 0.3))
        table = RLTable(data, colWidths=cols, repeatRows=1, hAlign="LEFT",
                        style=TableStyle(commands), renderCB=self.ts.tags.table_callback)
        table.spaceBefore = 2
        table.spaceAfter = st.body.size * 1.1
        table.keep_next = False
        return table


def texts_by_family(plan: Plan, styles: Styles) -> dict[Family, set[str]]:
    """The characters each family sets, so each Chinese font is subset to its own."""
    out: dict[Family, set[str]] = {"serif": set(), "sans": set()}
    for family, text in _texts(plan, styles):
        out[family].update(text)
    return out


def _texts(plan: Plan, styles: Styles) -> Iterator[tuple[Family, str]]:
    yield "sans", plan.header
    yield "sans", "".join(p for p in plan.footer if isinstance(p, str)) + "0123456789"
    for item in plan.items:
        tables = [item.shared] if item.shared else []
        for cell in item.cells:
            for c in cell.content:
                if isinstance(c, Para):
                    yield styles.family(c.role), c.text
                elif isinstance(c, Caption):
                    yield "sans", c.full
                elif isinstance(c, Chart):
                    yield "sans", "".join(c.texts)
                else:
                    tables.append(c)
        for t in tables:
            assert t is not None
            yield "sans", "".join(t.header)
            yield "serif", "".join(v for row in t.rows for v in row)
