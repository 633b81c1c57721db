"""The workbook embedded in a chart part: the chart's data, for Word's "Edit Data".

A SpreadsheetML package of one sheet, built from elements: categories down
column A, one column per series from B, the series' names in row 1, text as
shared strings and values as numbers. It is the few parts Excel itself writes
for such a sheet (content types, relationships, workbook, sheet, shared
strings, a one-style style sheet, core properties); a spreadsheet library
would add nothing here but a large import (openpyxl and the numpy it loads
took a quarter of a second and 19 MB of each process that wrote a chart).
Entry times and dates are fixed: identical input, identical bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from lxml import etree

from .package import zipped

SHEET = "Sheet1"
FIXED_DATE = "2000-01-01T00:00:00Z"

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
#: part name -> content type, in the order the package lists (and stores) them
PARTS = {
    "/xl/workbook.xml": f"{SML}.sheet.main+xml",
    "/xl/worksheets/sheet1.xml": f"{SML}.worksheet+xml",
    "/xl/sharedStrings.xml": f"{SML}.sharedStrings+xml",
    "/xl/styles.xml": f"{SML}.styles+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
}
#: the workbook's relationships: id, type, target (relative to xl/)
WORKBOOK_RELS = (("rId1", f"{REL}/worksheet", "worksheets/sheet1.xml"),
                 ("rId2", f"{REL}/sharedStrings", "sharedStrings.xml"),
                 ("rId3", f"{REL}/styles", "styles.xml"))
PACKAGE_RELS = (
    ("rId1", f"{REL}/officeDocument", "xl/workbook.xml"),
    ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
             "core-properties", "docProps/core.xml"),
)


def workbook_bytes(categories: Sequence[str], names: Sequence[str],
                   columns: Sequence[Sequence[Decimal]]) -> bytes:
    """Categories down column A, one column per series from B, names in row 1."""
    strings: dict[str, int] = {}
    parts = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _relationships(PACKAGE_RELS),
        "docProps/core.xml": _core(),
        "xl/workbook.xml": _workbook(),
        "xl/_rels/workbook.xml.rels": _relationships(WORKBOOK_RELS),
        "xl/worksheets/sheet1.xml": _sheet(categories, names, columns, strings),
        "xl/sharedStrings.xml": _shared_strings(strings),
        "xl/styles.xml": _styles(),
    }
    return zipped((name, etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                        standalone=True)) for name, root in parts.items())


def _sub(parent: etree._Element, tag: str, text: str | None = None,
         **attrs: str) -> etree._Element:
    """A child ``tag`` of ``parent`` in the parent's namespace."""
    ns = etree.QName(parent).namespace
    e = etree.SubElement(parent, f"{{{ns}}}{tag}" if ns else tag, attrs)
    if text is not None:
        e.text = text
    return e


def _content_types() -> etree._Element:
    root = etree.Element(f"{{{TYPES}}}Types", nsmap={None: TYPES})
    _sub(root, "Default", Extension="rels",
         ContentType="application/vnd.openxmlformats-package.relationships+xml")
    _sub(root, "Default", Extension="xml", ContentType="application/xml")
    for part, kind in PARTS.items():
        _sub(root, "Override", PartName=part, ContentType=kind)
    return root


def _relationships(rels: Sequence[tuple[str, str, str]]) -> etree._Element:
    root = etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL})
    for rid, kind, target in rels:
        _sub(root, "Relationship", Id=rid, Type=kind, Target=target)
    return root


def _core() -> etree._Element:
    cp, dc, dcterms, xsi = (CORE_NS[k] for k in ("cp", "dc", "dcterms", "xsi"))
    root = etree.Element(f"{{{cp}}}coreProperties", nsmap=CORE_NS)
    etree.SubElement(root, f"{{{dc}}}creator").text = "briefing"
    for tag in ("created", "modified"):
        stamp = etree.SubElement(root, f"{{{dcterms}}}{tag}",
                                 {f"{{{xsi}}}type": "dcterms:W3CDTF"})
        stamp.text = FIXED_DATE
    return root


def _workbook() -> etree._Element:
    root = etree.Element(f"{{{MAIN}}}workbook", nsmap={None: MAIN, "r": REL})
    sheets = _sub(root, "sheets")
    _sub(sheets, "sheet", name=SHEET, sheetId="1").set(f"{{{REL}}}id", "rId1")
    return root


def _sheet(categories: Sequence[str], names: Sequence[str],
           columns: Sequence[Sequence[Decimal]], strings: dict[str, int]) -> etree._Element:
    """The cells; each text gets its index in ``strings`` (the shared strings, in order of
    first use)."""
    def text(row: etree._Element, ref: str, value: str) -> None:
        index = strings.setdefault(value, len(strings))
        _sub(_sub(row, "c", r=ref, t="s"), "v", str(index))

    root = etree.Element(f"{{{MAIN}}}worksheet", nsmap={None: MAIN, "r": REL})
    last = f"{column_letter(max(1, len(names) + 1))}{max(1, len(categories) + 1)}"
    _sub(root, "dimension", ref=f"A1:{last}")
    data = _sub(root, "sheetData")
    if names:
        head = _sub(data, "row", r="1")
        for j, name in enumerate(names, start=2):
            text(head, f"{column_letter(j)}1", name)
    for i, category in enumerate(categories, start=2):
        row = _sub(data, "row", r=str(i))
        text(row, f"A{i}", category)
        for j, values in enumerate(columns, start=2):
            _sub(_sub(row, "c", r=f"{column_letter(j)}{i}"), "v", _number(values[i - 2]))
    return root


def _number(value: Decimal) -> str:
    """A cell value as SpreadsheetML writes a number: plain decimal notation."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _shared_strings(strings: dict[str, int]) -> etree._Element:
    root = etree.Element(f"{{{MAIN}}}sst", nsmap={None: MAIN},
                         count=str(len(strings)), uniqueCount=str(len(strings)))
    for value in strings:  # in index order: a dict keeps insertion order
        t = _sub(_sub(root, "si"), "t", value)
        if value != value.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return root


def _styles() -> etree._Element:
    """The one cell format every cell uses (Excel's defaults: 11 pt Calibri, no fill
    and the gray125 fill it always lists, no border)."""
    root = etree.Element(f"{{{MAIN}}}styleSheet", nsmap={None: MAIN})
    font = _sub(_sub(root, "fonts", count="1"), "font")
    _sub(font, "sz", val="11")
    _sub(font, "name", val="Calibri")
    fills = _sub(root, "fills", count="2")
    for pattern in ("none", "gray125"):
        _sub(_sub(fills, "fill"), "patternFill", patternType=pattern)
    border = _sub(_sub(root, "borders", count="1"), "border")
    for side in ("left", "right", "top", "bottom", "diagonal"):
        _sub(border, side)
    plain = {"numFmtId": "0", "fontId": "0", "fillId": "0", "borderId": "0"}
    _sub(_sub(root, "cellStyleXfs", count="1"), "xf", **plain)
    _sub(_sub(root, "cellXfs", count="1"), "xf", **plain, xfId="0")
    _sub(_sub(root, "cellStyles", count="1"), "cellStyle", name="Normal", xfId="0",
         builtinId="0")
    return root


def column_letter(index: int) -> str:
    """A, B, … Z, AA for a 1-based column index."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
