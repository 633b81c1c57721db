"""Raw WordprocessingML: what python-docx has no API for, and nothing else.

python-docx sets styles, paragraph formatting (spacing, indents, alignment,
keep and widow flags), fonts (name, size, bold, italic, colour), table styles,
fixed layout, column and cell widths, pictures and page setup; the writer uses
it for all of that. What it lacks lives here, as small helpers that build
lxml elements (never XML text, so any value is escaped by lxml): the East
Asian and complex-script font slots, complex-script size, language tags,
autoSpaceDE/DN, contextual spacing, the first-line indent in characters,
outline levels, paragraph-mark size, borders, shading, cell margins, table
width, indent and look, row flags, the bullet list definition, fields,
bookmarks, alt text on pictures and a few settings.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeAlias

from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser
from docx.oxml.simpletypes import ST_HpsMeasure
from docx.shared import Length, RGBColor
from lxml.etree import _Element

if TYPE_CHECKING:
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph

# The order WordprocessingML requires for the children of w:rPr, w:pPr, w:tcPr,
# w:tblPr, w:trPr, w:style and w:settings (ECMA-376 part 1, 17.3.2.28, 17.3.1.26,
# 17.4.70, 17.4.60, 17.4.82, 17.7.4.17, 17.15.1.78): Word rejects a document whose
# property children are out of order. python-docx keeps the same lists but only
# for the children it has an API for; these place the ones it has not.
RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath",
)
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku",
    "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
    "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
    "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)
TCPR_ORDER = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark",
)
TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
)
TRPR_ORDER = ("cnfStyle", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
              "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden")
STYLE_ORDER = (
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
    "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
    "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
)
SETTINGS_ORDER = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
    "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
    "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
    "proofState", "formsDesign", "attachedTemplate", "linkStyles",
    "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge",
    "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting",
    "documentProtection", "autoFormatOverride", "styleLockTheme", "styleLockQFSet",
    "defaultTabStop", "autoHyphenation", "consecutiveHyphenLimit", "hyphenationZone",
    "doNotHyphenateCaps", "showEnvelope", "summaryLength", "clickAndTypeStyle",
    "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting", "bookFoldPrinting",
    "bookFoldPrintingSheets", "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
    "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
    "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
    "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
    "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace",
    "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
    "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)
BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
#: Style children python-docx has no API to remove: what a redefined style drops.
STYLE_FORMATTING = ("w:rsid", "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr",
                    "w:tblStylePr")

Element: TypeAlias = _Element


#: The attribute that keeps a ``w:t``'s leading and trailing spaces.
XML_SPACE = qn("xml:space")


@functools.lru_cache(maxsize=256)  # tag and attribute names: a few dozen
def _spelled(tag: str) -> tuple[str, dict[str, str]]:
    """``w:p`` as lxml names it, and the namespace declaration python-docx gives it."""
    name = NamespacePrefixedTag(tag)
    return name.clark_name, name.nsmap


def new_element(tag: str) -> Element:
    """A new element ``tag`` (``w:p``), of python-docx's class for it: what python-docx's
    ``OxmlElement`` makes, without spelling the name out again each time (a DOCX makes
    thousands)."""
    name, nsmap = _spelled(tag)
    return oxml_parser.makeelement(name, nsmap=nsmap)


@functools.lru_cache(maxsize=256)  # tag and attribute names: a few dozen
def _w(key: str) -> str:
    return qn(f"w:{key}")


def el(tag: str, **attrs: str) -> Element:
    """A new element ``tag`` (``w:b``) with ``w:``-prefixed attributes given by keyword."""
    e = new_element(tag)
    for key, value in attrs.items():
        e.set(_w(key), value)
    return e


def child(parent: Element, tag: str, order: tuple[str, ...]) -> Element:
    """The child ``tag`` of ``parent``, created in schema order if missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    new = new_element(tag)
    _insert_ordered(parent, new, order)
    return new


def replace(parent: Element, new: Element, order: tuple[str, ...]) -> Element:
    """Put ``new`` in ``parent`` in schema order, replacing an element of the same tag."""
    old = parent.find(new.tag)
    if old is not None:
        parent.replace(old, new)
    else:
        _insert_ordered(parent, new, order)
    return new


def remove(parent: Element, *tags: str) -> None:
    """Remove every child of ``parent`` with one of ``tags`` (``w:pPr`` ...)."""
    for tag in tags:
        for old in parent.findall(qn(tag)):
            parent.remove(old)


def _insert_ordered(parent: Element, new: Element, order: tuple[str, ...]) -> None:
    local = new.tag.rpartition("}")[2]
    rank = order.index(local)
    for i, existing in enumerate(parent):
        name = existing.tag.rpartition("}")[2] if isinstance(existing.tag, str) else ""
        if name in order and order.index(name) > rank:
            parent.insert(i, new)
            return
    parent.append(new)


# ---------------------------------------------------------------- run properties


def set_script_fonts(rpr: Element, east_asia: str | None, complex_script: str | None = None,
                     hint_east_asia: bool = False) -> None:
    """The East Asian and complex-script font slots of ``rpr`` (``Font.name`` sets the
    Latin ones); ``hint_east_asia`` sets ambiguous marks (quotes, dashes) full width."""
    fonts = child(rpr, "w:rFonts", RPR_ORDER)
    if complex_script:
        fonts.set(qn("w:cs"), complex_script)
    if east_asia:
        fonts.set(qn("w:eastAsia"), east_asia)
    if hint_east_asia:
        fonts.set(qn("w:hint"), "eastAsia")


def east_asia_font(holder: Element) -> str | None:
    """The East Asian font named in the ``w:rPr`` of ``holder`` (a style, w:rPrDefault)."""
    fonts = holder.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return (fonts.get(qn("w:eastAsia")) or None) if fonts is not None else None


def set_lang(rpr: Element, latin: str, east_asia: str) -> None:
    """Tag ``rpr``: ``w:val`` for Latin text, ``w:eastAsia`` for Chinese characters."""
    replace(rpr, el("w:lang", val=latin, eastAsia=east_asia), RPR_ORDER)


def set_complex_script_size(rpr: Element, size: Length) -> None:
    """``w:szCs``, the size of complex-script text (``Font.size`` sets ``w:sz``)."""
    replace(rpr, el("w:szCs", val=ST_HpsMeasure.convert_to_xml(size)), RPR_ORDER)


def strip_theme_fonts(root: Element) -> None:
    """Remove every theme font reference under ``root``: theme attributes
    (``w:eastAsiaTheme`` ...) win over explicit font names in Word."""
    for fonts in root.iter(qn("w:rFonts")):
        for attr in THEME_FONT_ATTRS:
            fonts.attrib.pop(qn(attr), None)


def strip_theme_colours(root: Element) -> None:
    for colour in root.iter(qn("w:color")):
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            colour.attrib.pop(qn(attr), None)


# ---------------------------------------------------------------- paragraph properties


def set_flag(ppr: Element, tag: str, on: bool = True) -> None:
    """A boolean paragraph property python-docx has no API for (``autoSpaceDE``,
    ``contextualSpacing``)."""
    replace(ppr, el(f"w:{tag}") if on else el(f"w:{tag}", val="0"), PPR_ORDER)


def set_first_line_chars(ppr: Element, hundredths: int) -> None:
    """First-line indent in hundredths of a character (200 = 2 字), beside the
    indent in points ``ParagraphFormat.first_line_indent`` writes."""
    child(ppr, "w:ind", PPR_ORDER).set(qn("w:firstLineChars"), str(hundredths))


def set_outline_level(ppr: Element, level: int) -> None:
    replace(ppr, el("w:outlineLvl", val=str(level)), PPR_ORDER)


def set_mark_size(ppr: Element, size: Length) -> None:
    """The size of the paragraph mark (what sets the height of an empty paragraph)."""
    rpr = child(ppr, "w:rPr", PPR_ORDER)
    replace(rpr, el("w:sz", val=ST_HpsMeasure.convert_to_xml(size)), RPR_ORDER)
    set_complex_script_size(rpr, size)


def border(side: str, colour: RGBColor, eighths: int, space: float = 0) -> Element:
    """A border element; width in eighths of a point, ``space`` in points."""
    return el(f"w:{side}", val="single", sz=str(eighths), space=str(round(space)),
              color=str(colour))


def set_paragraph_borders(ppr: Element, borders: Iterable[Element]) -> None:
    pbdr = el("w:pBdr")
    for b in sorted(borders, key=lambda e: BORDER_SIDES.index(e.tag.rpartition("}")[2])):
        pbdr.append(b)
    replace(ppr, pbdr, PPR_ORDER)


def set_numbering(ppr: Element, num_id: int) -> None:
    """Level 0 of list ``num_id``."""
    numpr = el("w:numPr")
    numpr.append(el("w:ilvl", val="0"))
    numpr.append(el("w:numId", val=str(num_id)))
    replace(ppr, numpr, PPR_ORDER)


def add_bullet_list(numbering: Element, first_id: int, glyph: str, font: str,
                    colour: RGBColor, left: Length, hanging: Length) -> int:
    """A one-level bullet list in the numbering part; its ``w:numId``.

    The list and its abstract definition take the first id from ``first_id``
    that neither uses yet.
    """
    taken = {e.get(qn("w:numId")) for e in numbering.iter(qn("w:num"))}
    taken |= {e.get(qn("w:abstractNumId")) for e in numbering.iter(qn("w:abstractNum"))}
    num_id = first_id
    while str(num_id) in taken:
        num_id += 1
    abstract = el("w:abstractNum", abstractNumId=str(num_id))
    abstract.append(el("w:multiLevelType", val="singleLevel"))
    lvl = el("w:lvl", ilvl="0")
    lvl.append(el("w:start", val="1"))
    lvl.append(el("w:numFmt", val="bullet"))
    lvl.append(el("w:lvlText", val=glyph))
    lvl.append(el("w:lvlJc", val="left"))
    ppr = el("w:pPr")
    ppr.append(el("w:ind", left=str(left.twips), hanging=str(hanging.twips)))
    lvl.append(ppr)
    rpr = el("w:rPr")
    rpr.append(el("w:rFonts", ascii=font, hAnsi=font, eastAsia=font, hint="default"))
    rpr.append(el("w:color", val=str(colour)))
    lvl.append(rpr)
    abstract.append(lvl)
    num = el("w:num", numId=str(num_id))
    num.append(el("w:abstractNumId", val=str(num_id)))
    abstracts = numbering.findall(qn("w:abstractNum"))
    if abstracts:
        abstracts[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    nums = numbering.findall(qn("w:num"))
    if nums:
        nums[-1].addnext(num)
    else:
        abstract.addnext(num)
    return num_id


def set_doc_defaults(styles: Element, rpr: Element, ppr: Element) -> None:
    """``w:docDefaults``: the run and paragraph properties every style starts from."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = el("w:docDefaults")
        styles.insert(0, defaults)
    for old in list(defaults):
        defaults.remove(old)
    rpr_default = el("w:rPrDefault")
    rpr_default.append(rpr)
    ppr_default = el("w:pPrDefault")
    ppr_default.append(ppr)
    defaults.append(rpr_default)
    defaults.append(ppr_default)


def default_east_asia_font(styles: Element) -> str | None:
    """The East Asian font of the document defaults."""
    default = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
    return east_asia_font(default) if default is not None else None


# ---------------------------------------------------------------- tables


def table_style_properties(borders: Iterable[Element], margins: Element) -> Element:
    """A table style's ``w:tblPr``: borders (sides not given are nil) and cell margins."""
    tblpr = el("w:tblPr")
    box = el("w:tblBorders")
    by_side = {b.tag.rpartition("}")[2]: b for b in borders}
    for side in BORDER_SIDES:
        box.append(by_side.get(side, el(f"w:{side}", val="nil")))
    tblpr.append(box)
    tblpr.append(margins)
    return tblpr


def header_row_format(rpr: Element, fill: RGBColor) -> Element:
    """A table style's conditional format of its first row: ``rpr`` and a shading."""
    part = el("w:tblStylePr", type="firstRow")
    part.append(rpr)
    tcpr = el("w:tcPr")
    tcpr.append(shading(fill))
    part.append(tcpr)
    return part


def cell_margins(tag: str, top: Length, left: Length, bottom: Length, right: Length
                 ) -> Element:
    """``w:tblCellMar`` (a table's) or ``w:tcMar`` (a cell's)."""
    box = el(tag)
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        box.append(el(f"w:{side}", w=str(value.twips), type="dxa"))
    return box


def shading(fill: RGBColor) -> Element:
    return el("w:shd", val="clear", color="auto", fill=str(fill))


def set_table_frame(tbl: Element, width_tw: int, header_row: bool) -> None:
    """Full width in twips, no indent, and which conditional formats apply (``w:tblLook``)."""
    tblpr = tbl.find(qn("w:tblPr"))
    assert tblpr is not None
    replace(tblpr, el("w:tblW", w=str(width_tw), type="dxa"), TBLPR_ORDER)
    replace(tblpr, el("w:tblInd", w="0", type="dxa"), TBLPR_ORDER)
    if header_row:
        look = el("w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0",
                  lastColumn="0", noHBand="1", noVBand="1")
    else:
        look = el("w:tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0",
                  lastColumn="0", noHBand="1", noVBand="1")
    replace(tblpr, look, TBLPR_ORDER)


def set_table_description(tbl: Element, caption: str, description: str) -> None:
    """``w:tblCaption`` and ``w:tblDescription``: the table's alt text in Word."""
    tblpr = tbl.find(qn("w:tblPr"))
    assert tblpr is not None
    replace(tblpr, el("w:tblCaption", val=caption), TBLPR_ORDER)
    replace(tblpr, el("w:tblDescription", val=description), TBLPR_ORDER)


def set_cell_property(tc: Element, prop: Element) -> None:
    tcpr = tc.find(qn("w:tcPr"))
    if tcpr is None:
        tcpr = el("w:tcPr")
        tc.insert(0, tcpr)
    replace(tcpr, prop, TCPR_ORDER)


def set_row_flag(tr: Element, tag: str) -> None:
    """``w:cantSplit`` or ``w:tblHeader`` on a table row."""
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = el("w:trPr")
        tblprex = tr.find(qn("w:tblPrEx"))
        tr.insert(1 if tblprex is not None else 0, trpr)
    replace(trpr, el(tag), TRPR_ORDER)


# ---------------------------------------------------------------- fields, bookmarks, pictures


def field_char(kind: str, dirty: bool = False) -> Element:
    """``w:fldChar`` of a complex field: ``begin``, ``separate`` or ``end``.

    ``dirty`` (on ``begin``): the cached result is stale, Word recomputes it on opening.
    """
    if dirty:
        return el("w:fldChar", fldCharType=kind, dirty="true")
    return el("w:fldChar", fldCharType=kind)


def instr_text(instr: str) -> Element:
    """The field code (``PAGE``, ``SEQ Figure``) between its begin and separate marks."""
    e = el("w:instrText")
    e.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    e.text = f" {instr} "
    return e


def bookmark(p: Element, bookmark_id: int, name: str) -> None:
    """Wrap the whole content of paragraph ``p`` in a bookmark."""
    start = el("w:bookmarkStart", id=str(bookmark_id), name=name)
    end = el("w:bookmarkEnd", id=str(bookmark_id))
    ppr = p.find(qn("w:pPr"))
    p.insert(1 if ppr is not None else 0, start)
    p.append(end)


def set_alt_text(inline: Element, descr: str, title: str) -> None:
    """``wp:docPr`` description and title: what screen readers and Word's Alt Text show."""
    docpr = inline.find(qn("wp:docPr"))
    if docpr is None:
        raise ValueError("picture without wp:docPr")
    docpr.set("descr", descr)
    if title:
        docpr.set("title", title)


# ---------------------------------------------------------------- embedded fonts

#: Children of ``w:font`` in schema order.
FONT_ORDER = ("altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig",
              "embedRegular", "embedBold", "embedItalic", "embedBoldItalic")


def embed_font(fonts: Element, name: str, bold: bool, rel_id: str, key: str,
               chinese: bool, serif: bool) -> None:
    """Name an embedded (obfuscated, subset) face of font ``name`` in ``w:fonts``."""
    font = next((f for f in fonts.findall(qn("w:font")) if f.get(qn("w:name")) == name), None)
    if font is None:
        font = new_element("w:font")
        font.set(qn("w:name"), name)
        fonts.append(font)
        if chinese:
            replace(font, el("w:charset", val="86"), FONT_ORDER)  # GB2312
        replace(font, el("w:family", val="roman" if serif else "swiss"), FONT_ORDER)
        replace(font, el("w:pitch", val="variable"), FONT_ORDER)
    entry = el("w:embedBold" if bold else "w:embedRegular", fontKey=key, subsetted="1")
    entry.set(qn("r:id"), rel_id)
    replace(font, entry, FONT_ORDER)


# ---------------------------------------------------------------- settings


def set_setting(settings: Element, new: Element) -> None:
    """Put a child of ``w:settings`` in schema order, replacing one of the same tag."""
    replace(settings, new, SETTINGS_ORDER)


def remove_setting(settings: Element, tag: str) -> None:
    remove(settings, tag)


def set_paragraph_style(p: Paragraph, style: ParagraphStyle) -> None:
    """Give ``p`` the paragraph style ``style`` as python-docx's setter does (the default
    paragraph style is written as no style), without its search through every style."""
    defined = style.element
    default = False
    if defined.get(qn("w:default")) == "1":
        defaults = defined.getparent().xpath('w:style[@w:type="paragraph" and @w:default="1"]')
        default = bool(defaults) and defaults[-1] is defined
    if p._p.pPr is not None:
        p._p.style = None if default else style.style_id
        return
    # a new paragraph: the w:pPr python-docx's setter makes (empty for the default style)
    ppr = new_element("w:pPr")
    if not default:
        ppr.append(el("w:pStyle", val=style.style_id))
    p._p.insert(0, ppr)
