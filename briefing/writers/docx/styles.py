"""The named style set of a briefing, and which style each plan role gets.

Users restyle a briefing by editing styles, so every look lives here: runs
carry only what Word needs per run (language tags, the East Asian font).
Built-in Word names are used where one fits (``Title``, ``heading 1``,
``Quote``, ``caption``, ``header``), so a house reference document that
restyles them is honoured; the rest are ours. Styles are made and formatted
through python-docx (``document.styles``, ``style.font``,
``style.paragraph_format``); :mod:`.ooxml` adds only what it has no API for.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal, cast

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.parser import parse_xml
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.shared import Length, Pt, RGBColor
from docx.styles.style import BaseStyle, ParagraphStyle
from docx.text.font import Font
from docx.text.paragraph import Paragraph
from docx.text.parfmt import ParagraphFormat
from lxml import etree

from ...caches import BoundedCache
from ...errors import RenderError
from ...plan import LangCode, Role
from ...templates import Template
from . import ooxml as ox

Face = Literal["serif", "sans"]
ColourKey = Literal["text", "accent", "muted", "rule", "panel"]

PARAGRAPH, TABLE = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.TABLE
LEFT = WD_ALIGN_PARAGRAPH.LEFT
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY

GALLERY_PRIORITY = 50  # styles of lower priority show in Word's quick style gallery
BULLET_NUM_ID_BASE = 90  # our bullet list: numId/abstractNumId above Word's usual ones
BULLET = "\u25aa"  # ▪


@dataclass(frozen=True)
class Rule:
    """A paragraph or table border: side, colour, width in eighths of a point, gap in pt."""

    side: str
    colour: ColourKey
    eighths: int
    space: float


@dataclass(frozen=True)
class StyleSpec:
    """One named style: what it looks like, independent of python-docx.

    python-docx derives the style id of a new style from its name
    (``Body Chinese`` → ``BodyChinese``, ``heading 1`` → ``Heading1``).
    """

    key: str  # our name for it, used by the writer
    name: str  # w:name (Word's built-in lower-case names where one exists)
    kind: WD_STYLE_TYPE = PARAGRAPH
    based_on: str | None = "normal"  # key of another spec
    next_style: str | None = None  # key of the style Word gives the next paragraph
    face: Face = "serif"
    size: float | None = None
    bold: bool = False
    colour: ColourKey = "text"
    align: WD_ALIGN_PARAGRAPH = LEFT
    before: float = 0
    after: float = 0
    line: float | None = None  # multiple of the font size; None: the template's leading
    exact: bool = True  # exact line height (False: "single", for lines holding pictures)
    left: float = 0
    right: float = 0
    first_line_chars: int = 0  # hundredths of a character: 200 = two characters
    hanging: float = 0
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    outline: int | None = None
    rules: tuple[Rule, ...] = ()
    bullet: bool = False
    contextual: bool = False  # no space between two paragraphs of this style (zh + en)
    priority: int = 20


def specs(t: Template) -> list[StyleSpec]:
    """Every style a briefing uses, derived from the template's sizes."""
    s = t.sizes
    lead = s.leading
    return [
        StyleSpec("normal", "Normal", based_on=None, size=s.body, line=lead,
                  priority=0),
        StyleSpec("body_zh", "Body Chinese", align=JUSTIFY,
                  after=s.body * 0.5, first_line_chars=200, priority=1),
        StyleSpec("body_en", "Body English", align=LEFT,
                  after=s.body * 0.5, priority=1),
        StyleSpec("title", "Title", next_style="subtitle", face="sans", size=s.title,
                  bold=True, colour="accent", line=1.15, after=4, keep_next=True, priority=10),
        StyleSpec("subtitle", "Subtitle", next_style="meta", face="sans",
                  size=s.deck, colour="text", line=1.25, after=6, keep_next=True, priority=11),
        StyleSpec("meta", "Briefing Meta", face="sans", size=s.small,
                  colour="muted", line=1.2, after=18, priority=12),
        # based on heading 1, so readers that know headings by Word's names (pandoc) see one
        StyleSpec("section_label", "Section Label", based_on="headline", face="sans",
                  size=s.heading * 0.9, bold=True, colour="accent", line=1.2, before=16,
                  after=6, keep_next=True, keep_lines=True, outline=0,
                  rules=(Rule("bottom", "accent", 6, 2),), priority=12),
        StyleSpec("deck", "Deck", next_style="headline", face="sans", size=s.deck,
                  colour="accent", line=1.25, after=3, keep_next=True, contextual=True,
                  priority=12),
        StyleSpec("headline", "heading 1", next_style="byline", face="sans",
                  size=s.headline, bold=True, line=1.2, after=6, keep_next=True,
                  keep_lines=True, outline=0, contextual=True, priority=9),
        StyleSpec("dateline", "Dateline", face="sans", size=s.small, bold=True,
                  colour="muted", line=1.2, after=3, keep_next=True, contextual=True,
                  priority=12),
        StyleSpec("byline", "Byline", face="sans", size=s.small, colour="muted",
                  line=1.3, after=12, keep_next=True, contextual=True, priority=12),
        StyleSpec("heading", "heading 2", face="sans", size=s.heading, bold=True,
                  colour="accent", line=1.25, before=10, after=4, keep_next=True,
                  keep_lines=True, outline=1, priority=9),
        StyleSpec("bullet", "List Bullet", size=s.body, after=4,
                  left=14, hanging=14, bullet=True, priority=13),
        StyleSpec("quote", "Quote", size=s.body, left=12, right=6, before=4,
                  after=3, rules=(Rule("left", "accent", 18, 9),), priority=13),
        StyleSpec("attribution", "Attribution", face="sans", size=s.small,
                  colour="muted", align=LEFT, line=1.2, left=12, right=6, after=10,
                  priority=13),
        StyleSpec("figure", "Figure", size=s.body, line=1.0, exact=False,
                  align=CENTER, before=4, after=3, keep_next=True, priority=14),
        StyleSpec("caption", "caption", face="sans", size=s.caption, colour="text",
                  line=1.25, after=2, priority=14),
        StyleSpec("credit", "Credit", face="sans", size=s.small, colour="muted",
                  line=1.2, after=10, priority=14),
        StyleSpec("note", "Source Note", face="sans", size=s.small,
                  colour="muted", line=1.3, after=3, priority=15),
        StyleSpec("table_heading", "Table Heading", face="sans",
                  size=s.caption, bold=True, line=1.15, before=2, after=2, keep_next=True,
                  priority=15),
        StyleSpec("table_text", "Table Text", face="sans", size=s.caption,
                  line=1.15, before=2, after=2, priority=15),
        StyleSpec("table_figure", "Table Figure", based_on="table_text", face="sans",
                  size=s.caption, bold=True, colour="accent", line=1.15, before=2, after=2,
                  priority=15),
        StyleSpec("header", "header", face="sans", size=s.small, colour="muted",
                  align=CENTER, line=1.0, rules=(Rule("bottom", "rule", 4, 4),),
                  priority=99),
        StyleSpec("footer", "footer", face="sans", size=s.small, colour="muted",
                  align=CENTER, line=1.0, priority=99),
        StyleSpec("article_break", "Article Break", size=2, line=1.0,
                  after=14, page_break_before=True, rules=(Rule("bottom", "accent", 12, 0),),
                  priority=16),
        StyleSpec("key_table", "Key Figures Table", kind=TABLE,
                  based_on=None, priority=60),
        StyleSpec("glossary_table", "Glossary Table", kind=TABLE,
                  based_on=None, priority=60),
        StyleSpec("columns_table", "Parallel Columns", kind=TABLE,
                  based_on=None, priority=61),
    ]


#: Which style each role of the plan gets; body text has one style per language.
ROLE_STYLES: dict[Role, str] = {
    Role.TITLE: "title",
    Role.SUBTITLE: "subtitle",
    Role.META: "meta",
    Role.SECTION_LABEL: "section_label",
    Role.DECK: "deck",
    Role.HEADLINE: "headline",
    Role.DATELINE: "dateline",
    Role.BYLINE: "byline",
    Role.HEADING: "heading",
    Role.BODY: "body_{lang}",
    Role.BULLET: "bullet",
    Role.QUOTE: "quote",
    Role.ATTRIBUTION: "attribution",
    Role.CAPTION: "caption",
    Role.CREDIT: "credit",
    Role.NOTE: "note",
}


@dataclass(frozen=True)
class _Kept:
    """A finished style sheet: the styles part (and the numbering part its bullet list
    went to) as XML, and the style id of each of its keys."""

    styles: bytes
    numbering: bytes | None
    ids: dict[str, str]


#: (the template's content, own styles, source) -> the finished sheet
_sheets: BoundedCache[tuple[str, bool, object], _Kept] = BoundedCache(8)


class StyleSheet:
    """The styles of one document: ours installed, and python-docx's objects for them."""

    def __init__(self, document: Document, template: Template, own_styles: bool,
                 source: object = None):
        """``source``: what the document's styles came from (python-docx's blank document,
        or a reference document's file and stamp); given, the finished styles are kept
        for the next document from the same source and template (a bounded cache), so
        later renders copy them instead of building them again."""
        self.template = template
        self._document = document
        self._fonts: dict[str, str | None] = {}
        self._by_id: dict[str, str] = {}  # paragraph style id -> East Asian font
        self._by_name: dict[str, BaseStyle] | None = None  # lower-case name -> first style
        self._ids: Counter[str] | None = None  # how many styles have each id
        self._numbering = False  # whether the styles added a list to the numbering part
        self.specs = {spec.key: spec for spec in specs(template)}
        self.styles: dict[str, ParagraphStyle] = {}  # table styles are paragraph styles too
        key = (template.model_dump_json(), own_styles, source)
        kept = _sheets.get(key) if source is not None else None
        if kept is not None:
            self._restore(kept)
            return
        self._styles = document.styles
        self._build(own_styles)
        if source is not None:
            _sheets.put(key, self._snapshot())

    def _build(self, own_styles: bool) -> None:
        root = self._styles.element
        if own_styles:
            ox.strip_theme_fonts(root)
            ox.strip_theme_colours(root)
        installed: list[StyleSpec] = []
        for spec in self.specs.values():
            existing = self._find(spec)
            if existing is not None and not own_styles:
                self.styles[spec.key] = existing
                continue
            self.styles[spec.key] = self._install(spec, existing)
            installed.append(spec)
        for spec in installed:  # once every style exists
            if spec.based_on and self.styles[spec.key].base_style is None:
                self.styles[spec.key].base_style = self.styles[spec.based_on]
            if spec.next_style:
                self.styles[spec.key].next_paragraph_style = self.styles[spec.next_style]
        if own_styles:
            self._doc_defaults()

    def _snapshot(self) -> _Kept:
        part = self._document.part
        return _Kept(etree.tostring(self._styles.element),
                     etree.tostring(part.numbering_part.element) if self._numbering else None,
                     {key: style.style_id for key, style in self.styles.items()})

    def _restore(self, kept: _Kept) -> None:
        """The styles (and the bullet list) of an earlier document from the same source,
        copied into this one: the same XML, so the same bytes."""
        part = self._document.part
        part._styles_part._element = parse_xml(kept.styles)
        if kept.numbering is not None:
            part.numbering_part._element = parse_xml(kept.numbering)
        self._styles = self._document.styles
        by_id = {s.style_id: s for s in self._styles}
        self.styles = {key: cast(ParagraphStyle, by_id[sid]) for key, sid in kept.ids.items()}

    # ---------------------------------------------------------------- lookups

    def style(self, key: str) -> ParagraphStyle:
        return self.styles[key]

    def for_role(self, role: Role, lang: LangCode | None) -> ParagraphStyle:
        try:
            key = ROLE_STYLES[role]
        except KeyError:
            raise RenderError(f"the DOCX writer has no style for paragraph role {role!r}"
                              ) from None
        return self.styles[key.format(lang=lang or "en")]

    def paragraph_font(self, p: Paragraph) -> str:
        """The East Asian font paragraph ``p`` shows (python-docx's ``p.style`` searches
        every style on each call: this asks once per style id)."""
        key = p._p.style or ""
        font = self._by_id.get(key)
        if font is None:
            font = self._by_id[key] = self.east_asia_font(p.style)
        return font

    def east_asia_font(self, style: ParagraphStyle | None) -> str:
        """The East Asian font a paragraph in ``style`` shows, following its base styles."""
        key = style.style_id if style is not None else ""
        if key not in self._fonts:
            self._fonts[key] = self._resolve_font(style)
        return self._fonts[key] or self.template.fonts.docx_zh_serif

    def _resolve_font(self, style: ParagraphStyle | None) -> str | None:
        seen: set[str] = set()
        current: ParagraphStyle | None = style
        while current is not None and current.style_id not in seen:
            seen.add(current.style_id)
            font = ox.east_asia_font(current.element)
            if font:
                return font
            current = current.base_style
        return ox.default_east_asia_font(self._styles.element)

    def _find(self, spec: StyleSpec) -> ParagraphStyle | None:
        """The document's style named like ``spec`` (case aside: a house document may
        spell Word's ``heading 1`` as ``Heading 1``); it must be of the same type."""
        if self._by_name is None:  # one pass over the document's styles, first name wins
            self._by_name = {}
            for each in self._styles:
                self._by_name.setdefault((each.name or "").lower(), each)
        style = self._by_name.get(spec.name.lower())
        if style is not None and style.type != spec.kind:
            raise RenderError(
                f"template {self.template.name!r}: style {style.name!r} of the "
                f"reference document is a {style.type.name.lower()} style; the "
                f"briefing needs a {spec.kind.name.lower()} style of that name")
        return cast(ParagraphStyle, style) if style is not None else None

    # ---------------------------------------------------------------- building

    def fonts(self, face: Face) -> tuple[str, str]:
        f = self.template.fonts
        if face == "sans":
            return f.docx_latin_sans, f.docx_zh_sans
        return f.docx_latin_serif, f.docx_zh_serif

    def colour(self, key: ColourKey) -> RGBColor:
        return RGBColor.from_string(str(getattr(self.template.colours, key)).lstrip("#"))

    def leading(self, spec: StyleSpec) -> Length:
        """Exact line height, to the half point: Chinese and English lines of a style match."""
        size = spec.size if spec.size is not None else self.template.sizes.body
        line = spec.line if spec.line is not None else self.template.sizes.leading
        return Pt(round(size * line * 2) / 2)

    def _format_font(self, font: Font, spec: StyleSpec) -> None:
        """``spec``'s face, weight, colour and size, and the language tags, on ``font``."""
        latin, east_asia = self.fonts(spec.face)
        font.name = latin
        font.bold = font.cs_bold = spec.bold
        font.italic = font.cs_italic = False  # Chinese has no italics; nor do our styles
        font.color.rgb = self.colour(spec.colour)
        size = None
        if spec.size is not None:
            # Word sizes type in half points; round (python-docx would truncate)
            font.size = size = Pt(round(spec.size * 2) / 2)
        rpr = font.element.rPr
        ox.set_script_fonts(rpr, east_asia, complex_script=latin)
        if size is not None:
            ox.set_complex_script_size(rpr, size)
        ox.set_lang(rpr, self.template.docx.english_tag, "zh-CN")

    def _format_paragraph(self, fmt: ParagraphFormat, spec: StyleSpec) -> None:
        if spec.keep_next:
            fmt.keep_with_next = True
        if spec.keep_lines:
            fmt.keep_together = True
        if spec.page_break_before:
            fmt.page_break_before = True
        fmt.widow_control = True
        ppr = fmt.element.pPr
        # the source's own notation: no automatic gap between Chinese and digits or
        # Latin letters (1308.3亿元, not 1308.3 亿元)
        ox.set_flag(ppr, "autoSpaceDE", on=False)
        ox.set_flag(ppr, "autoSpaceDN", on=False)
        if spec.bullet:
            ox.set_numbering(ppr, self._bullet_list(spec))
        if spec.contextual:
            ox.set_flag(ppr, "contextualSpacing")
        if spec.rules:
            ox.set_paragraph_borders(ppr, [
                ox.border(r.side, self.colour(r.colour), r.eighths, r.space)
                for r in spec.rules])
        fmt.space_before = Pt(spec.before)
        fmt.space_after = Pt(spec.after)
        fmt.line_spacing = self.leading(spec) if spec.exact else spec.line or 1.0
        fmt.left_indent = Pt(spec.left)
        fmt.right_indent = Pt(spec.right)
        if spec.hanging:
            fmt.first_line_indent = Pt(-spec.hanging)
        elif spec.first_line_chars:
            fmt.first_line_indent = Pt(self.template.sizes.body * spec.first_line_chars / 100)
            ox.set_first_line_chars(ppr, spec.first_line_chars)
        fmt.alignment = spec.align
        if spec.outline is not None:
            ox.set_outline_level(ppr, spec.outline)

    def _install(self, spec: StyleSpec, existing: ParagraphStyle | None) -> ParagraphStyle:
        """Add ``spec`` as a style, or (our own base document) redefine it in place."""
        if existing is None:
            # builtin=True: no w:customStyle="1", the styles the writer has always made
            style = self._styles.add_style(spec.name, spec.kind, builtin=True)
            self._free_id(style)
            if self._by_name is not None:
                self._by_name.setdefault((style.name or "").lower(), style)
        else:
            style = existing
            style.base_style = None
            style.next_paragraph_style = None
            style.priority = None
            style.hidden = False
            style.unhide_when_used = False
            style.quick_style = False
            ox.remove(style.element, *ox.STYLE_FORMATTING)
        if spec.based_on and spec.based_on in self.styles:
            style.base_style = self.styles[spec.based_on]
        style.priority = spec.priority
        if spec.priority < GALLERY_PRIORITY:  # in Word's style gallery
            style.quick_style = True
        if spec.kind == TABLE:
            self._table_style(spec, style)
        else:
            self._format_paragraph(style.paragraph_format, spec)
            self._format_font(style.font, spec)
        return style

    def _free_id(self, style: ParagraphStyle) -> None:
        """Give ``style`` an id no other style of the document uses (``Quote2``)."""
        if self._ids is None:  # the other styles' ids, gathered once (then kept up to date)
            self._ids = Counter(other.style_id for other in self._styles if other != style)
        base = candidate = style.style_id
        n = 1
        while self._ids[candidate] > 0:
            n += 1
            candidate = f"{base}{n}"
        style.style_id = candidate
        self._ids[candidate] += 1

    def _doc_defaults(self) -> None:
        """Document defaults of our own base: explicit fonts, zh-CN for Chinese text."""
        normal = self.specs["normal"]
        run = cast(CT_R, OxmlElement("w:r"))  # detached: python-docx formats its rPr
        self._format_font(Font(run), normal)
        paragraph = cast(CT_P, OxmlElement("w:p"))
        fmt = ParagraphFormat(paragraph)
        fmt.space_after = Pt(0)
        fmt.line_spacing = self.leading(normal)
        ox.set_doc_defaults(self._styles.element, run.rPr, paragraph.pPr)

    def _table_style(self, spec: StyleSpec, style: ParagraphStyle) -> None:
        """Paragraph and run formatting, borders, cell margins and header row of a table
        style; python-docx formats the first two."""
        if spec.key == "columns_table":
            zero = Pt(0)
            ox.replace(style.element, ox.table_style_properties(
                [], ox.cell_margins("w:tblCellMar", zero, zero, zero, zero)), ox.STYLE_ORDER)
            return
        text = self.specs["table_text"]
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = self.leading(text)
        self._format_font(style.font, text)
        rule, accent = self.colour("rule"), self.colour("accent")
        ox.replace(style.element, ox.table_style_properties(
            [ox.border("top", accent, 8), ox.border("bottom", accent, 8),
             ox.border("insideH", rule, 4)],
            ox.cell_margins("w:tblCellMar", Pt(1), Pt(4), Pt(1), Pt(4))), ox.STYLE_ORDER)
        run = cast(CT_R, OxmlElement("w:r"))  # detached: python-docx formats its rPr
        bold = Font(run)
        bold.bold = bold.cs_bold = True
        ox.replace(style.element, ox.header_row_format(run.rPr, self.colour("panel")),
                   ox.STYLE_ORDER)

    def _bullet_list(self, spec: StyleSpec) -> int:
        """The list of a bullet style: its glyph in the serif Chinese font (the Latin one
        has no ▪) and the accent colour, indented as the style is; its numId."""
        _, chinese = self.fonts("serif")
        self._numbering = True
        return ox.add_bullet_list(self._document.part.numbering_part.element,
                                  BULLET_NUM_ID_BASE, BULLET, chinese, self.colour("accent"),
                                  left=Pt(spec.left), hanging=Pt(spec.hanging))
