"""The named style set of a briefing, and which style each plan role gets.

Users restyle a briefing by editing styles, so every look lives here: runs
carry only what Word needs per run (language tags, the East Asian font).
Built-in Word names are used where one fits (``Title``, ``heading 1``,
``Quote``, ``caption``, ``header``), so a house reference document that
restyles them is honoured; the rest are ours.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from ...errors import RenderError
from ...plan import LangCode, Role
from ...templates import Template
from . import ooxml as ox
from .ooxml import Element

Face = Literal["serif", "sans"]
ColourKey = Literal["text", "accent", "muted", "rule", "panel"]

GALLERY_PRIORITY = 50  # styles of lower priority show in Word's quick style gallery
BULLET_NUM_ID_BASE = 90  # our bullet list: numId/abstractNumId above Word's usual ones
BULLET = "\u25aa"  # ▪


@dataclass(frozen=True)
class Rule:
    """A paragraph or table border: side, colour, width in eighths of a point, gap in pt."""

    side: str
    colour: ColourKey
    eighths: int
    space: float = 1


@dataclass(frozen=True)
class StyleSpec:
    """One named style: what it looks like, independent of python-docx."""

    key: str  # our name for it, used by the writer
    name: str  # w:name (Word's built-in lower-case names where one exists)
    style_id: str
    kind: Literal["paragraph", "table"] = "paragraph"
    based_on: str | None = "normal"  # key of another spec
    next_style: str | None = None  # key of the style Word gives the next paragraph
    face: Face = "serif"
    size: float | None = None
    bold: bool = False
    colour: ColourKey = "text"
    align: str | None = None  # left, both, center, right
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
        StyleSpec("normal", "Normal", "Normal", based_on=None, size=s.body, line=lead,
                  priority=0),
        StyleSpec("body_zh", "Body Chinese", "BodyChinese", align="both",
                  after=s.body * 0.5, first_line_chars=200, priority=1),
        StyleSpec("body_en", "Body English", "BodyEnglish", align="left",
                  after=s.body * 0.5, priority=1),
        StyleSpec("title", "Title", "Title", next_style="subtitle", face="sans", size=s.title,
                  bold=True, colour="accent", line=1.15, after=4, keep_next=True, priority=10),
        StyleSpec("subtitle", "Subtitle", "Subtitle", next_style="meta", face="sans",
                  size=s.deck, colour="text", line=1.25, after=6, keep_next=True, priority=11),
        StyleSpec("meta", "Briefing Meta", "BriefingMeta", face="sans", size=s.small,
                  colour="muted", line=1.2, after=18, priority=12),
        StyleSpec("section_label", "Section Label", "SectionLabel", face="sans",
                  size=s.heading * 0.9, bold=True, colour="accent", line=1.2, before=16,
                  after=6, keep_next=True, keep_lines=True, outline=0,
                  rules=(Rule("bottom", "accent", 6, 2),), priority=12),
        StyleSpec("deck", "Deck", "Deck", next_style="headline", face="sans", size=s.deck,
                  colour="accent", line=1.25, after=3, keep_next=True, contextual=True,
                  priority=12),
        StyleSpec("headline", "heading 1", "Heading1", next_style="byline", face="sans",
                  size=s.headline, bold=True, line=1.2, after=6, keep_next=True,
                  keep_lines=True, outline=0, contextual=True, priority=9),
        StyleSpec("dateline", "Dateline", "Dateline", face="sans", size=s.small, bold=True,
                  colour="muted", line=1.2, after=3, keep_next=True, contextual=True,
                  priority=12),
        StyleSpec("byline", "Byline", "Byline", face="sans", size=s.small, colour="muted",
                  line=1.3, after=12, keep_next=True, contextual=True, priority=12),
        StyleSpec("heading", "heading 2", "Heading2", face="sans", size=s.heading, bold=True,
                  colour="accent", line=1.25, before=10, after=4, keep_next=True,
                  keep_lines=True, outline=1, priority=9),
        StyleSpec("bullet", "List Bullet", "ListBullet", size=s.body, after=4,
                  left=14, hanging=14, bullet=True, priority=13),
        StyleSpec("quote", "Quote", "Quote", size=s.body, left=12, right=6, before=4,
                  after=3, rules=(Rule("left", "accent", 18, 9),), priority=13),
        StyleSpec("attribution", "Attribution", "Attribution", face="sans", size=s.small,
                  colour="muted", align="right", line=1.2, right=6, after=10, priority=13),
        StyleSpec("figure", "Figure", "Figure", size=s.body, line=1.0, exact=False,
                  align="center", before=4, after=3, keep_next=True, priority=14),
        StyleSpec("caption", "caption", "Caption", face="sans", size=s.caption, colour="text",
                  line=1.25, after=2, priority=14),
        StyleSpec("credit", "Credit", "Credit", face="sans", size=s.small, colour="muted",
                  line=1.2, after=10, priority=14),
        StyleSpec("note", "Source Note", "SourceNote", face="sans", size=s.small,
                  colour="muted", line=1.3, after=3, priority=15),
        StyleSpec("table_heading", "Table Heading", "TableHeading", face="sans",
                  size=s.caption, bold=True, line=1.15, before=2, after=2, keep_next=True,
                  priority=15),
        StyleSpec("table_text", "Table Text", "TableText", face="sans", size=s.caption,
                  line=1.15, before=2, after=2, priority=15),
        StyleSpec("header", "header", "Header", face="sans", size=s.small, colour="muted",
                  align="center", line=1.0, rules=(Rule("bottom", "rule", 4, 4),),
                  priority=99),
        StyleSpec("footer", "footer", "Footer", face="sans", size=s.small, colour="muted",
                  align="center", line=1.0, priority=99),
        StyleSpec("article_break", "Article Break", "ArticleBreak", size=2, line=1.0,
                  after=14, page_break_before=True, rules=(Rule("bottom", "accent", 12, 0),),
                  priority=16),
        StyleSpec("key_table", "Key Figures Table", "KeyFiguresTable", kind="table",
                  based_on=None, priority=60),
        StyleSpec("glossary_table", "Glossary Table", "GlossaryTable", kind="table",
                  based_on=None, priority=60),
        StyleSpec("columns_table", "Parallel Columns", "ParallelColumns", kind="table",
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


class StyleSheet:
    """The styles of one document: ours installed, and their ids as the document has them."""

    def __init__(self, document: Document, template: Template, own_styles: bool):
        self.template = template
        self.root: Element = document.styles.element
        self.ids: dict[str, str] = {}
        self._fonts: dict[str, str | None] = {}
        self._document = document
        self.specs = {spec.key: spec for spec in specs(template)}
        if own_styles:
            ox.strip_theme_fonts(self.root)
            ox.strip_theme_colours(self.root)
            self._doc_defaults()
        installed: list[StyleSpec] = []
        for spec in self.specs.values():
            existing = self._find(spec.name)
            if existing is not None and not own_styles:
                self.ids[spec.key] = existing.get(qn("w:styleId"))
                continue
            if existing is None:
                spec = self._free_id(spec)
            self.ids[spec.key] = spec.style_id
            self._install(spec, existing)
            installed.append(spec)
        for spec in installed:  # once every style has its id
            if spec.next_style:
                style = self._by_id(spec.style_id)
                assert style is not None
                ox.replace(style, ox.el("w:next", val=self.ids[spec.next_style]),
                           ox.STYLE_ORDER)

    # ---------------------------------------------------------------- lookups

    def style_id(self, key: str) -> str:
        return self.ids[key]

    def for_role(self, role: Role, lang: LangCode | None) -> str:
        try:
            key = ROLE_STYLES[role]
        except KeyError:
            raise RenderError(f"the DOCX writer has no style for paragraph role {role!r}"
                              ) from None
        return self.ids[key.format(lang=lang or "en")]

    def east_asia_font(self, style_id: str) -> str:
        """The East Asian font a paragraph in ``style_id`` shows, following ``basedOn``."""
        if style_id not in self._fonts:
            self._fonts[style_id] = self._resolve_font(style_id)
        return self._fonts[style_id] or self.template.fonts.docx_zh_serif

    def _resolve_font(self, style_id: str) -> str | None:
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen:
            seen.add(current)
            style = self._by_id(current)
            if style is None:
                break
            fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            if fonts is not None and fonts.get(qn("w:eastAsia")):
                return fonts.get(qn("w:eastAsia"))
            based = style.find(qn("w:basedOn"))
            current = based.get(qn("w:val")) if based is not None else None
        default = self.root.find(
            f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
        if default is not None and default.get(qn("w:eastAsia")):
            return default.get(qn("w:eastAsia"))
        return None

    def _free_id(self, spec: StyleSpec) -> StyleSpec:
        """``spec`` with a style id no other style of the document uses."""
        style_id, n = spec.style_id, 1
        while self._by_id(style_id) is not None:
            n += 1
            style_id = f"{spec.style_id}{n}"
        return replace(spec, style_id=style_id)

    def _find(self, name: str) -> Element | None:
        for style in self.root.iter(qn("w:style")):
            n = style.find(qn("w:name"))
            if n is not None and (n.get(qn("w:val")) or "").lower() == name.lower():
                return style
        return None

    def _by_id(self, style_id: str) -> Element | None:
        for style in self.root.iter(qn("w:style")):
            if style.get(qn("w:styleId")) == style_id:
                return style
        return None

    # ---------------------------------------------------------------- building

    def fonts(self, face: Face) -> tuple[str, str]:
        f = self.template.fonts
        if face == "sans":
            return f.docx_latin_sans, f.docx_zh_sans
        return f.docx_latin_serif, f.docx_zh_serif

    def colour(self, key: ColourKey) -> str:
        return str(getattr(self.template.colours, key))


    def run_properties(self, spec: StyleSpec) -> Element:
        rpr = OxmlElement("w:rPr")
        latin, east_asia = self.fonts(spec.face)
        ox.set_fonts(rpr, latin, east_asia)
        ox.set_toggle(rpr, "b", spec.bold)
        ox.set_toggle(rpr, "i", False)  # Chinese has no italics; nor do our styles
        ox.set_colour(rpr, self.colour(spec.colour))
        if spec.size is not None:
            ox.set_size(rpr, spec.size)
        ox.set_lang(rpr, self.template.docx.english_tag, "zh-CN")
        return rpr

    def leading(self, spec: StyleSpec) -> float:
        """Exact line height in points: Chinese and English lines of a style match."""
        size = spec.size if spec.size is not None else self.template.sizes.body
        line = spec.line if spec.line is not None else self.template.sizes.leading
        return round(size * line * 2) / 2

    def paragraph_properties(self, spec: StyleSpec) -> Element:
        ppr = OxmlElement("w:pPr")
        if spec.keep_next:
            ox.set_flag(ppr, "keepNext")
        if spec.keep_lines:
            ox.set_flag(ppr, "keepLines")
        if spec.page_break_before:
            ox.set_flag(ppr, "pageBreakBefore")
        ox.set_flag(ppr, "widowControl")
        # the source's own notation: no automatic gap between Chinese and digits or
        # Latin letters (1308.3亿元, not 1308.3 亿元)
        ox.set_flag(ppr, "autoSpaceDE", on=False)
        ox.set_flag(ppr, "autoSpaceDN", on=False)
        if spec.bullet:
            ox.set_numbering(ppr, self._bullet_numbering(spec))
        if spec.contextual:
            ox.set_flag(ppr, "contextualSpacing")
        if spec.rules:
            ox.set_paragraph_borders(ppr, [
                ox.border(r.side, self.colour(r.colour), r.eighths, r.space)
                for r in spec.rules])
        if spec.exact:
            ox.set_spacing(ppr, before=spec.before, after=spec.after, exact=self.leading(spec))
        else:
            ox.set_spacing(ppr, before=spec.before, after=spec.after, line=spec.line or 1.0)
        ox.set_indent(ppr, left=spec.left, right=spec.right, hanging=spec.hanging,
                      first_line=(self.template.sizes.body * spec.first_line_chars / 100),
                      first_line_chars=spec.first_line_chars)
        ox.set_jc(ppr, spec.align or "left")
        if spec.outline is not None:
            ox.set_outline_level(ppr, spec.outline)
        return ppr

    def _install(self, spec: StyleSpec, existing: Element | None) -> None:
        """Add ``spec`` as a style, or (our own base document) redefine it in place."""
        style = existing
        if style is None:
            style = OxmlElement("w:style")
            style.set(qn("w:type"), spec.kind)
            style.set(qn("w:styleId"), spec.style_id)
            style.append(ox.el("w:name", val=spec.name))
            self.root.append(style)
        else:
            style.set(qn("w:styleId"), spec.style_id)
        for tag in ("basedOn", "next", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
                    "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat", "rsid"):
            for old in style.findall(qn(f"w:{tag}")):
                style.remove(old)
        if spec.based_on and spec.based_on in self.ids:
            ox.replace(style, ox.el("w:basedOn", val=self.ids[spec.based_on]), ox.STYLE_ORDER)
        ox.replace(style, ox.el("w:uiPriority", val=str(spec.priority)), ox.STYLE_ORDER)
        if spec.priority < GALLERY_PRIORITY:  # in Word's style gallery
            ox.replace(style, ox.el("w:qFormat"), ox.STYLE_ORDER)
        if spec.kind == "table":
            for part in self._table_parts(spec):
                style.append(part)
            return
        ox.replace(style, self.paragraph_properties(spec), ox.STYLE_ORDER)
        ox.replace(style, self.run_properties(spec), ox.STYLE_ORDER)

    def _doc_defaults(self) -> None:
        """Document defaults of our own base: explicit fonts, zh-CN for Chinese text."""
        defaults = self.root.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = OxmlElement("w:docDefaults")
            self.root.insert(0, defaults)
        for old in list(defaults):
            defaults.remove(old)
        normal = self.specs["normal"]
        rpr_default = OxmlElement("w:rPrDefault")
        rpr_default.append(self.run_properties(normal))
        ppr_default = OxmlElement("w:pPrDefault")
        ppr = OxmlElement("w:pPr")
        ox.set_spacing(ppr, after=0, exact=self.leading(normal))
        ppr_default.append(ppr)
        defaults.append(rpr_default)
        defaults.append(ppr_default)

    def _table_parts(self, spec: StyleSpec) -> Iterator[Element]:
        """pPr/rPr/tblPr/tblStylePr of the table styles."""
        text = self.specs["table_text"]
        if spec.key == "columns_table":
            tblpr = OxmlElement("w:tblPr")
            ox.set_table_borders(tblpr, [])
            ox.replace(tblpr, ox.cell_margins("w:tblCellMar", 0, 0, 0, 0), ox.TBLPR_ORDER)
            yield tblpr
            return
        ppr = OxmlElement("w:pPr")
        ox.set_spacing(ppr, before=0, after=0, exact=self.leading(text))
        yield ppr
        yield self.run_properties(text)
        tblpr = OxmlElement("w:tblPr")
        rule, accent = self.colour("rule"), self.colour("accent")
        ox.set_table_borders(tblpr, [
            ox.border("top", accent, 8), ox.border("bottom", accent, 8),
            ox.border("insideH", rule, 4)])
        ox.replace(tblpr, ox.cell_margins("w:tblCellMar", 1, 4, 1, 4), ox.TBLPR_ORDER)
        yield tblpr
        first = ox.el("w:tblStylePr", type="firstRow")
        first_rpr = OxmlElement("w:rPr")
        ox.set_toggle(first_rpr, "b", True)
        first.append(first_rpr)
        first_tcpr = OxmlElement("w:tcPr")
        first_tcpr.append(ox.shading(self.colour("panel")))
        first.append(first_tcpr)
        yield first

    def _bullet_numbering(self, spec: StyleSpec) -> int:
        """The list of a bullet style: its glyph in the serif Latin font and the accent
        colour, indented as the style is; its numId."""
        latin, _ = self.fonts("serif")
        return ox.add_bullet_list(self._document.part.numbering_part.element,
                                  BULLET_NUM_ID_BASE, BULLET, latin,
                                  RGBColor.from_string(ox.hex_colour(self.colour("accent"))),
                                  left=Pt(spec.left), hanging=Pt(spec.hanging))
