"""Plan items → the story, for each layout.

* ``parallel``: an item's cells side by side in a :class:`~.flowables.Columns`
  (each Chinese/English pair starts level; a long pair continues level on the
  next page); a picture or a shared table spans both columns.
* ``interleaved``: each cell after the other, the translation closer to its
  original than to the next pair.
* ``zh`` / ``en``: the single cell, one column.

Items marked ``keep_with_next`` are chained to the start of the next item
(:class:`~.flowables.Chain`); an item that starts an article gets a clear
break: a new page unless most of the page is still free, and a double rule.
A shared table (the glossary) spans both columns; its cells' opening section
labels are set above it, as a heading, not below it.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable

from ...plan import Chart, Item, Layout, Para, Plan, Role
from ...templates import Template
from .blocks import Blocks
from .flowables import Anchor, Chain, Columns, Float, Rule, figure_image, sources
from .printboxes import Geometry
from .styles import Styles
from .tagging import StructBuilder
from .text import TextBlock, Typesetter

#: An article starts on a new page unless this share of the text block is still free.
ARTICLE_ROOM = 0.6
#: A chart is at most this share of the text block's height (its caption and source
#: line stay on the page with it).
CHART_SHARE = 0.8
#: A picture is at most this share of the text block's height.
IMAGE_SHARE = 0.46


def _joined(parts: list[Flowable]) -> Flowable:
    joined = Chain(parts)
    joined.briefing_sources = tuple(dict.fromkeys(s for p in parts for s in sources(p)))
    return joined


def chain(flows: Sequence[Flowable]) -> list[Flowable]:
    """Join every run of keep-with-next flowables to the flowable after it."""
    out: list[Flowable] = []
    heads: list[Flowable] = []
    for f in flows:
        if getattr(f, "keep_next", False):
            heads.append(f)
            continue
        out.append(_joined([*heads, f]) if heads else f)
        heads = []
    if heads:
        out.append(_joined(heads) if len(heads) > 1 else heads[0])
    return out


def float_figures(story: list[Flowable], figures: set[int]) -> list[Flowable]:
    """Let the text after each picture go first when the picture does not fit (:class:`Float`).

    The text may pass later pictures of the same article too (each waits in turn, in
    order), never the start of the next article.
    """
    out = list(story)
    for i in sorted(figures, reverse=True):
        end = next((j for j in range(i + 1, len(out)) if isinstance(out[j], CondPageBreak)),
                   len(out))
        if end > i + 1:
            floating = Float(out[i], out[i + 1:end])
            floating.briefing_sources = sources(out[i])  # a layout error names the figure
            out[i:end] = [floating]
    return out


class Layouter:
    def __init__(self, plan: Plan, template: Template, styles: Styles, ts: Typesetter,
                 geometry: Geometry) -> None:
        self.plan = plan
        self.template = template
        self.styles = styles
        self.ts = ts
        self.g = geometry
        self.blocks = Blocks(styles, ts)
        self.blocks.max_height = geometry.text_height * CHART_SHARE
        self.struct = self.blocks.struct
        self.layout = Layout(plan.layout)

    # ------------------------------------------------------------------ story

    def story(self) -> list[Flowable]:
        """The flowables of the whole plan; :attr:`struct` holds their structure tree."""
        self.blocks.struct = self.struct = StructBuilder()
        story: list[Flowable] = []
        pending: list[Flowable] = []
        figures: set[int] = set()  # where in the story a picture stands
        pal = self.styles.palette
        for item in self.plan.items:
            flows = self.item(item)
            if not flows:
                continue
            if item.starts_article and (story or pending):
                if pending:
                    story.extend(chain(pending))
                    pending = []
                if not self.template.one_page:
                    story.append(CondPageBreak(self.g.text_height * ARTICLE_ROOM))
                pending.append(Rule(self.ts, pal.accent, 1.6, pal.rule,
                                    space_before=self.styles.body.size * 2.2,
                                    space_after=self.styles.body.size * 1.1))
            if item.keep_with_next:
                pending.extend(flows)
                continue
            if item.image is not None or item.kind == "chart":
                figures.add(len(story))  # the flowable that holds the figure comes next
            if pending:
                story.append(_joined([*pending, flows[0]]))
                story.extend(flows[1:])
                pending = []
            else:
                story.extend(flows)
        if pending:
            story.extend(chain(pending))
        return float_figures(story, figures)

    # ------------------------------------------------------------------ items

    def item(self, item: Item) -> list[Flowable]:
        self.struct.item(item)
        if self.layout is Layout.PARALLEL and len(item.cells) > 1:
            flows = self.parallel(item)
        else:
            flows = self.sequential(item)
        if item.kind == "title":
            pal = self.styles.palette
            flows.insert(0, Rule(self.ts, pal.accent, 3.2, pal.accent,
                                 space_after=self.styles.body.size * 1.4))
        if item.outline is not None and flows:
            first = flows[0]
            if isinstance(first, TextBlock | Columns) and first.outline is None:
                first.outline = item.outline
            else:
                flows.insert(0, Anchor(item.outline, self.ts))
        if item.source:
            for f in flows:
                f.briefing_sources = (item.source,)
        return chain(flows)

    def _cells(self, item: Item) -> list[list[Flowable]]:
        out: list[list[Flowable]] = []
        for cell in item.cells:
            self.struct.cell()
            flows = [self.blocks.content(c, item) for c in cell.content]
            for c, f, nxt in zip(cell.content, flows, flows[1:], strict=False):
                if isinstance(c, Chart) and isinstance(nxt, TextBlock):
                    f.keep_next = True  # a chart's source line stays on its page
            out.append(flows)
        return out

    def _spanning(self, item: Item) -> list[Flowable]:
        """The picture, which spans the columns and comes first."""
        flows: list[Flowable] = []
        if item.image is not None:
            image = figure_image(item.image, self.g.text_width,
                                 self.g.text_height * IMAGE_SHARE, self.ts)
            image.tag = self.struct.figure(item.image.alt, self.plan.languages[0])
            flows.append(image)
        return flows

    def parallel(self, item: Item) -> list[Flowable]:
        flows = self._spanning(item)
        cells = self._cells(item)
        gap = self.g.gap
        if item.shared is not None:
            labels = [_take_labels(item, i, cell) for i, cell in enumerate(cells)]
            if any(labels):
                head = Columns(labels, gap, self.ts)
                head.keep_next = True
                flows.append(head)
            flows.append(self.blocks.table(item.shared, item))
        if any(cells):
            flows.append(Columns(cells, gap, self.ts))
        return flows

    def sequential(self, item: Item) -> list[Flowable]:
        flows = self._spanning(item)
        cells = self._cells(item)
        if item.shared is not None:
            for i, cell in enumerate(cells):
                flows.extend(_take_labels(item, i, cell))
            flows.append(self.blocks.table(item.shared, item))
        close = self.styles.body.size * 0.35
        for i, cell in enumerate(cells):
            if not cell:
                continue
            first, last = cell[0], cell[-1]
            if i and isinstance(first, TextBlock):
                # the translation follows its original closely
                first.space_before = min(first.getSpaceBefore(), close)
            if i < len(cells) - 1 and isinstance(last, TextBlock):
                last.space_after = min(last.getSpaceAfter(), close)
            flows.extend(cell)
        return flows


def _take_labels(item: Item, index: int, cell: list[Flowable]) -> list[Flowable]:
    """Remove and return the section labels that open a cell."""
    content = item.cells[index].content
    n = 0
    while n < len(content) and isinstance(content[n], Para) \
            and content[n].role is Role.SECTION_LABEL:  # type: ignore[union-attr]
        n += 1
    taken = cell[:n]
    del cell[:n]
    return taken
