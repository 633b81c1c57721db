"""Page furniture: page size and margins, the running header, the page-number footer."""

from __future__ import annotations

from dataclasses import dataclass

from docx.blkcntnr import BlockItemContainer
from docx.document import Document
from docx.shared import Mm, Twips
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from ...errors import RenderError
from ...plan import PageField, Plan
from ...templates import Template
from . import ooxml as ox
from .runs import RunWriter

HEADER_DISTANCE_MM = 10.0
FOOTER_DISTANCE_MM = 9.0


@dataclass(frozen=True)
class Frame:
    """The text area of a page, in twips."""

    width: int
    height: int
    gap: int  # between the columns of a parallel layout

    @property
    def column(self) -> int:
        """Width of one column's text in a parallel layout."""
        return (self.width - self.gap) // 2


def setup_page(document: Document, template: Template) -> Frame:
    """Page size, margins (mirrored for duplex when the template asks) and the text frame."""
    page = template.page
    width_mm, height_mm = page.size_mm
    section = document.sections[0]
    section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
    section.top_margin, section.bottom_margin = Mm(page.margin_top_mm), Mm(page.margin_bottom_mm)
    # With w:mirrorMargins Word reads "left" as the inside and "right" as the outside margin.
    section.left_margin, section.right_margin = Mm(page.margin_inner_mm), Mm(page.margin_outer_mm)
    section.header_distance = Mm(min(HEADER_DISTANCE_MM, page.margin_top_mm * 0.6))
    section.footer_distance = Mm(min(FOOTER_DISTANCE_MM, page.margin_bottom_mm * 0.6))
    section.gutter = Twips(0)
    settings = document.settings.element
    if page.mirror:
        ox.set_setting(settings, ox.el("w:mirrorMargins"))
    else:
        ox.remove_setting(settings, "w:mirrorMargins")
    text_w = Mm(width_mm - page.margin_inner_mm - page.margin_outer_mm).twips
    text_h = Mm(height_mm - page.margin_top_mm - page.margin_bottom_mm).twips
    return Frame(text_w, text_h, Mm(page.column_gap_mm).twips)


def set_language_settings(document: Document, template: Template) -> None:
    """Theme fonts resolve for Simplified Chinese, and Latin text uses the template's English."""
    settings = document.settings.element
    ox.set_setting(settings, ox.el("w:themeFontLang", val=template.docx.english_tag,
                                   eastAsia="zh-CN"))


def write_furniture(document: Document, plan: Plan, runs: RunWriter) -> None:
    """Header with the plan's running title (not on the title page); footer on every page.

    Page numbers are live PAGE/NUMPAGES fields. The writer cannot know the page
    count (Word lays the pages out), so the fields are marked dirty: Word
    recomputes them on opening, LibreOffice whenever it lays out; the cached
    result, for readers that lay out nothing, is the field's name in braces
    rather than a number that would be wrong.
    """
    section = document.sections[0]
    section.different_first_page_header_footer = True
    document.settings.odd_and_even_pages_header_footer = False
    for part in (section.even_page_header, section.even_page_footer):
        if not part.is_linked_to_previous:
            part.is_linked_to_previous = True
    header = _fresh(section.header, runs.styles.style("header"))
    runs.text(header, plan.header, None)
    for part in (section.footer, section.first_page_footer):
        footer = _fresh(part, runs.styles.style("footer"))
        for piece in plan.footer:
            if isinstance(piece, PageField):
                runs.field(footer, f"{piece.value} \\* ARABIC", "{" + piece.value + "}", None,
                           dirty=True)
            elif isinstance(piece, str):
                runs.text(footer, piece, None)
            else:
                raise RenderError(f"the DOCX writer cannot put {piece!r} in a footer")
    _fresh(section.first_page_header, None)  # the title page shows the title already


def _fresh(part: BlockItemContainer, style: ParagraphStyle | None) -> Paragraph:
    """Empty a header or footer (a reference document may bring its own) but one paragraph."""
    root = part._element  # python-docx cannot empty a story
    for block in list(root):
        root.remove(block)
    p = part.add_paragraph()
    if style is not None:
        ox.set_paragraph_style(p, style)
    return p
