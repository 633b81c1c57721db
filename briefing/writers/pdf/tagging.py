"""Tagged PDF, while drawing: structure elements and the marked content that fills them.

reportlab does not tag. Here the writer does it itself, in two halves:

* :class:`StructBuilder` turns the plan, item by item, into a tree of
  :class:`Node` (Document → Sect / Art → H1–H3, P, L/LI/LBody, BlockQuote,
  Table/TR/TH/TD, Figure, Caption), each with the language of its text. The
  layouter asks it for a node as it makes each flowable, so the tree is in
  plan order: in the parallel layout a Chinese paragraph, then its English
  translation, each whole, whatever the columns do on the page.
* :class:`Tagger` writes the marked content while the pages are drawn: a
  flowable that carries a node wraps what it draws in ``/P <</MCID n>> BDC …
  EMC`` (numbered per page) and the node records (page, MCID); rules,
  backgrounds, bullets, running headers, footers and crop marks are drawn as
  ``/Artifact``. A paragraph split across pages is one node with a marked
  sequence on each page; a table's header row repeated on a continuation page
  is an artifact, since its cells are already in the tree.

:mod:`.structure` then adds the tree to reportlab's document before it is saved.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas

from ...plan import Caption, Item, LangCode, Para, Role, Table

#: Paragraph roles and the structure type each becomes (headings are decided by place).
ROLE_TYPES: dict[Role, str] = {
    Role.TITLE: "H1",
    Role.SUBTITLE: "P",
    Role.META: "P",
    Role.DECK: "P",
    Role.HEADLINE: "H2",
    Role.DATELINE: "P",
    Role.BYLINE: "P",
    Role.HEADING: "H3",
    Role.BODY: "P",
    Role.QUOTE: "P",
    Role.ATTRIBUTION: "P",
    Role.CAPTION: "Caption",
    Role.CREDIT: "P",
    Role.NOTE: "P",
}

@dataclass(eq=False)
class Node:
    """One structure element: its type, language, alternate text and what it holds."""

    type: str
    lang: LangCode | None = None
    alt: str | None = None
    scope: str | None = None  # TH: Column
    #: a Figure's box on its page (x0, y0, x1, y1), which its /A attribute gives
    bbox: tuple[float, float, float, float] | None = None
    children: list[Node] = field(default_factory=list)
    marks: list[tuple[int, int]] = field(default_factory=list)  # (page number, MCID)

    def add(self, type_: str, lang: LangCode | None = None, alt: str | None = None,
            scope: str | None = None) -> Node:
        child = Node(type_, lang, alt, scope)
        self.children.append(child)
        return child

    def walk(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            yield from c.walk()

    def has_content(self) -> bool:
        return bool(self.marks) or any(c.has_content() for c in self.children)


class StructBuilder:
    """The structure tree of one story, built as the layouter makes its flowables."""

    def __init__(self) -> None:
        self.root = Node("Document")
        self._part: Node = self.root  # the Sect or Art that items go into
        self._in_article = False
        self._list: Node | None = None  # the open list of consecutive bullets
        self._quote: Node | None = None  # the open block quote of a cell

    # ------------------------------------------------------------------ grouping

    def item(self, item: Item) -> None:
        """Start ``item``: an article, or a part (title, summary, key figures, glossary …).

        Every article starts with an item that says so; a part starts with its title or
        its bookmark; the items after it (its shared table, the article's paragraphs)
        go into it.
        """
        if item.starts_article:
            self._part = self.root.add("Art")
            self._in_article = True
        elif item.kind == "title" or (item.outline is not None and item.outline.level == 0
                                      and item.kind != "headline"):
            self._part = self.root.add("Sect")
            self._in_article = False
        self.cell()

    def cell(self) -> None:
        """Start a language's cell: lists and quotes do not run on into it."""
        self._list = None
        self._quote = None

    # ------------------------------------------------------------------ nodes

    def para(self, p: Para) -> Node:
        if p.role is Role.BULLET:
            if self._list is None:
                self._list = self._part.add("L", p.lang)
            li = self._list.add("LI", p.lang)
            return li.add("LBody", p.lang)
        self._list = None
        if p.role is Role.QUOTE:
            self._quote = self._part.add("BlockQuote", p.lang)
            return self._quote.add("P", p.lang)
        if p.role is Role.ATTRIBUTION and self._quote is not None:
            return self._quote.add("P", p.lang)
        self._quote = None
        if p.role is Role.SECTION_LABEL:
            return self._part.add("H3" if self._in_article else "H2", p.lang)
        return self._part.add(ROLE_TYPES[p.role], p.lang)

    def caption(self, c: Caption) -> Node:
        self._list = self._quote = None
        return self._part.add("Caption", c.lang)

    def figure(self, alt: str, lang: LangCode) -> Node:
        self._list = self._quote = None
        return self._part.add("Figure", lang, alt=alt)

    def table(self, t: Table) -> list[list[Node]]:
        """A table's cells: a header row of TH (scope Column), then rows of TD."""
        self._list = self._quote = None
        node = self._part.add("Table", t.lang or None)
        out: list[list[Node]] = []
        for r, row in enumerate((t.header, *t.rows)):
            tr = node.add("TR")
            out.append([tr.add("TH" if r == 0 else "TD", t.cell_lang(r, i),
                               scope="Column" if r == 0 else None)
                        for i in range(len(row))])
        return out


class Tagger:
    """Writes marked content into the page streams as they are drawn."""

    def __init__(self) -> None:
        self._next: dict[int, int] = {}  # page number -> next MCID

    @contextmanager
    def mark(self, canv: Canvas, node: Node | None,
             box: tuple[float, float, float, float] | None = None) -> Iterator[None]:
        """What is drawn inside belongs to ``node``; None: the caller marks it.

        A header cell drawn again (the header row repeated on a continuation
        page) is an artifact: the tree has it once. ``box``: where a figure is drawn,
        in the flowable's own coordinates (x0, y0, x1, y1), kept on the page's.
        """
        if node is None:
            yield
            return
        if node.type == "TH" and node.marks:
            with self.artifact(canv):
                yield
            return
        page = canv.getPageNumber()
        mcid = self._next.get(page, 0)
        self._next[page] = mcid + 1
        node.marks.append((page, mcid))
        if box is not None:
            a, b, c, d, e, f = canv._currentMatrix
            xs = [a * x + c * y + e for x in (box[0], box[2]) for y in (box[1], box[3])]
            ys = [b * x + d * y + f for x in (box[0], box[2]) for y in (box[1], box[3])]
            node.bbox = (min(xs), min(ys), max(xs), max(ys))
        canv.addLiteral(f"/{node.type} <</MCID {mcid}>> BDC")
        try:
            yield
        finally:
            canv.addLiteral("EMC")

    @contextmanager
    def artifact(self, canv: Canvas, kind: str | None = None) -> Iterator[None]:
        """Decoration or page furniture; ``kind`` "Header" / "Footer" for pagination."""
        if kind is None:
            canv.addLiteral("/Artifact BMC")
        else:
            canv.addLiteral(f"/Artifact <</Type /Pagination /Subtype /{kind}>> BDC")
        try:
            yield
        finally:
            canv.addLiteral("EMC")

    def table_callback(self, canv_of: object, cmd: str, *args: object) -> None:
        """reportlab ``Table(renderCB=…)``: backgrounds and rules are artifacts."""
        canv = canv_of.canv  # type: ignore[attr-defined]
        if cmd in ("startBG", "startLines"):
            canv.addLiteral("/Artifact BMC")
        elif cmd in ("endBG", "endLines"):
            canv.addLiteral("EMC")
