"""Raw WordprocessingML: the only module of the DOCX writer that builds XML by hand.

python-docx covers paragraphs, runs and pictures; East Asian fonts and
language tags, complex fields, borders, shading, bookmarks, alt text and a
few settings need element work, which lives here as small pure helpers.
"""

from __future__ import annotations

from collections.abc import Iterable
from copy import deepcopy
from typing import TypeAlias

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, RGBColor
from lxml.etree import _Element

# The order WordprocessingML requires for the children of w:rPr, w:pPr, w:tcPr
# and w:tblPr (ECMA-376 part 1, 17.3.2.28, 17.3.1.26, 17.4.70, 17.4.60): Word
# rejects a document whose property children are out of order.
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
BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

Element: TypeAlias = _Element


def el(tag: str, **attrs: str) -> Element:
    """A new element ``tag`` (``w:b``) with ``w:``-prefixed attributes given by keyword."""
    e = OxmlElement(tag)
    for key, value in attrs.items():
        e.set(qn(f"w:{key}"), value)
    return e


def child(parent: Element, tag: str, order: tuple[str, ...]) -> Element:
    """The child ``tag`` of ``parent``, created in schema order if missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    new = OxmlElement(tag)
    insert_ordered(parent, new, order)
    return new


def replace(parent: Element, new: Element, order: tuple[str, ...]) -> Element:
    """Put ``new`` in ``parent`` in schema order, replacing an element of the same tag."""
    old = parent.find(new.tag)
    if old is not None:
        parent.replace(old, new)
    else:
        insert_ordered(parent, new, order)
    return new


def insert_ordered(parent: Element, new: Element, order: tuple[str, ...]) -> None:
    local = new.tag.rpartition("}")[2]
    rank = order.index(local)
    for i, existing in enumerate(parent):
        name = existing.tag.rpartition("}")[2] if isinstance(existing.tag, str) else ""
        if name in order and order.index(name) > rank:
            parent.insert(i, new)
            return
    parent.append(new)


# ---------------------------------------------------------------- run properties


def set_fonts(rpr: Element, latin: str | None, east_asia: str | None,
              hint_east_asia: bool = False) -> None:
    """Name the Latin and East Asian fonts of ``rpr``, dropping theme font references.

    Theme attributes (``w:eastAsiaTheme`` ...) win over explicit names in Word,
    so an explicit font only takes effect once they are gone.
    """
    fonts = child(rpr, "w:rFonts", RPR_ORDER)
    for attr in THEME_FONT_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    if latin:
        for slot in ("ascii", "hAnsi", "cs"):
            fonts.set(qn(f"w:{slot}"), latin)
    if east_asia:
        fonts.set(qn("w:eastAsia"), east_asia)
    if hint_east_asia:
        fonts.set(qn("w:hint"), "eastAsia")


def set_lang(rpr: Element, val: str, east_asia: str = "zh-CN") -> None:
    """Tag ``rpr``: ``w:val`` for Latin text, ``w:eastAsia`` for Chinese characters."""
    replace(rpr, el("w:lang", val=val, eastAsia=east_asia), RPR_ORDER)


def set_size(rpr: Element, points: float) -> None:
    half = str(round(points * 2))
    replace(rpr, el("w:sz", val=half), RPR_ORDER)
    replace(rpr, el("w:szCs", val=half), RPR_ORDER)


def set_colour(rpr: Element, colour: str) -> None:
    replace(rpr, el("w:color", val=hex_colour(colour)), RPR_ORDER)


def set_toggle(rpr: Element, tag: str, on: bool) -> None:
    """``w:b``/``w:i`` and their complex-script twins, on or explicitly off."""
    for name in (tag, f"{tag}Cs"):
        e = el(f"w:{name}") if on else el(f"w:{name}", val="0")
        replace(rpr, e, RPR_ORDER)


def strip_theme_fonts(root: Element) -> None:
    """Remove every theme font reference under ``root`` (styles.xml of the base template)."""
    for fonts in root.iter(qn("w:rFonts")):
        for attr in THEME_FONT_ATTRS:
            fonts.attrib.pop(qn(attr), None)


def strip_theme_colours(root: Element) -> None:
    for colour in root.iter(qn("w:color")):
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            colour.attrib.pop(qn(attr), None)


def hex_colour(colour: str) -> str:
    return colour.lstrip("#").upper()


# ---------------------------------------------------------------- paragraph properties


def twips(points: float) -> str:
    return str(round(points * 20))


def set_spacing(ppr: Element, before: float | None = None, after: float | None = None,
                line: float | None = None, exact: float | None = None) -> None:
    """Space before/after in points; ``line`` a multiple of single spacing, or ``exact`` pt."""
    attrs: dict[str, str] = {}
    if before is not None:
        attrs["before"] = twips(before)
    if after is not None:
        attrs["after"] = twips(after)
    if line is not None:
        attrs.update(line=str(round(line * 240)), lineRule="auto")
    if exact is not None:
        attrs.update(line=twips(exact), lineRule="exact")
    replace(ppr, el("w:spacing", **attrs), PPR_ORDER)


def set_indent(ppr: Element, left: float = 0, right: float = 0, first_line: float = 0,
               hanging: float = 0, first_line_chars: int = 0) -> None:
    """Indents in points; ``first_line_chars`` in hundredths of a character (200 = 2 字)."""
    attrs = {"left": twips(left), "right": twips(right)}
    if hanging:
        attrs["hanging"] = twips(hanging)
    elif first_line or first_line_chars:
        attrs["firstLine"] = twips(first_line)
        if first_line_chars:
            attrs["firstLineChars"] = str(first_line_chars)
    replace(ppr, el("w:ind", **attrs), PPR_ORDER)


def set_flag(ppr: Element, tag: str, on: bool = True) -> None:
    """A boolean paragraph property (``keepNext``, ``pageBreakBefore`` ...)."""
    replace(ppr, el(f"w:{tag}") if on else el(f"w:{tag}", val="0"), PPR_ORDER)


def set_jc(ppr: Element, value: str) -> None:
    replace(ppr, el("w:jc", val=value), PPR_ORDER)


def set_outline_level(ppr: Element, level: int) -> None:
    replace(ppr, el("w:outlineLvl", val=str(level)), PPR_ORDER)


def border(side: str, colour: str, eighths: int, space: float = 0, val: str = "single"
           ) -> Element:
    """A border element; width in eighths of a point, ``space`` in points."""
    if val == "nil":
        return el(f"w:{side}", val="nil")
    return el(f"w:{side}", val=val, sz=str(eighths), space=str(round(space)),
              color=hex_colour(colour))


def set_paragraph_borders(ppr: Element, borders: Iterable[Element]) -> None:
    pbdr = el("w:pBdr")
    for b in sorted(borders, key=lambda e: BORDER_SIDES.index(e.tag.rpartition("}")[2])):
        pbdr.append(b)
    replace(ppr, pbdr, PPR_ORDER)


def set_numbering(ppr: Element, num_id: int, level: int = 0) -> None:
    numpr = el("w:numPr")
    numpr.append(el("w:ilvl", val=str(level)))
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


# ---------------------------------------------------------------- tables


def set_table_borders(tblpr: Element, borders: Iterable[Element]) -> None:
    box = el("w:tblBorders")
    by_side = {b.tag.rpartition("}")[2]: b for b in borders}
    for side in BORDER_SIDES:
        box.append(by_side.get(side, el(f"w:{side}", val="nil")))
    replace(tblpr, box, TBLPR_ORDER)


def cell_margins(tag: str, top: float, left: float, bottom: float, right: float) -> Element:
    """``w:tblCellMar`` or ``w:tcMar`` with margins in points."""
    box = el(tag)
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        box.append(el(f"w:{side}", w=twips(value), type="dxa"))
    return box


def shading(fill: str) -> Element:
    return el("w:shd", val="clear", color="auto", fill=hex_colour(fill))


def set_table_geometry(tbl: Element, widths_tw: list[int], style_id: str | None) -> None:
    """Fixed layout, full width, no indent, explicit grid and cell widths (twips)."""
    tblpr = tbl.find(qn("w:tblPr"))
    assert tblpr is not None
    if style_id:
        replace(tblpr, el("w:tblStyle", val=style_id), TBLPR_ORDER)
    else:
        old = tblpr.find(qn("w:tblStyle"))
        if old is not None:
            tblpr.remove(old)
    replace(tblpr, el("w:tblW", w=str(sum(widths_tw)), type="dxa"), TBLPR_ORDER)
    replace(tblpr, el("w:tblInd", w="0", type="dxa"), TBLPR_ORDER)
    replace(tblpr, el("w:tblLayout", type="fixed"), TBLPR_ORDER)
    replace(tblpr, el("w:tblLook", val="04A0", firstRow="1", lastRow="0", firstColumn="0",
                      lastColumn="0", noHBand="1", noVBand="1"), TBLPR_ORDER)
    grid = tbl.find(qn("w:tblGrid"))
    assert grid is not None
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_tw, strict=True):
        col.set(qn("w:w"), str(width))


def set_cell_width(tc: Element, width_tw: int) -> None:
    set_cell_property(tc, el("w:tcW", w=str(width_tw), type="dxa"))


def set_cell_property(tc: Element, prop: Element) -> None:
    tcpr = tc.find(qn("w:tcPr"))
    if tcpr is None:
        tcpr = OxmlElement("w:tcPr")
        tc.insert(0, tcpr)
    replace(tcpr, prop, TCPR_ORDER)


def set_row_property(tr: Element, prop: Element) -> None:
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = OxmlElement("w:trPr")
        tblprex = tr.find(qn("w:tblPrEx"))
        tr.insert(1 if tblprex is not None else 0, trpr)
    replace(trpr, prop, TRPR_ORDER)


# ---------------------------------------------------------------- fields, bookmarks, pictures


def field_runs(instr: str, cached: str, rpr: Element | None) -> list[Element]:
    """The runs of a complex field ``instr`` showing ``cached`` until Word updates it."""

    def run(*children: Element) -> Element:
        r = OxmlElement("w:r")
        if rpr is not None:
            r.append(deepcopy(rpr))
        for c in children:
            r.append(c)
        return r

    instr_el = el("w:instrText")
    instr_el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr_el.text = f" {instr} "
    text_el = el("w:t")
    text_el.text = cached
    return [
        run(el("w:fldChar", fldCharType="begin")),
        run(instr_el),
        run(el("w:fldChar", fldCharType="separate")),
        run(text_el),
        run(el("w:fldChar", fldCharType="end")),
    ]


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


# ---------------------------------------------------------------- settings


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


def set_setting(settings: Element, new: Element) -> None:
    """Put a child of ``w:settings`` in schema order, replacing one of the same tag."""
    replace(settings, new, SETTINGS_ORDER)


def remove_setting(settings: Element, tag: str) -> None:
    old = settings.find(qn(tag))
    if old is not None:
        settings.remove(old)
