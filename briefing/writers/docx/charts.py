"""A chart of the plan as a native Word chart: a chart part with its data embedded.

The chart part (``c:chartSpace``, DrawingML charts) is built from lxml
elements; its data sits in the chart's caches and in an embedded workbook
(:mod:`.workbook`), so Word's "Edit Data" opens the numbers and a Word user
can restyle the chart. Every string shown is the plan's: categories and
series names in the caches, each bar's or point's label as the label's own
text (the plan's value label, and its note on a second line). Word's number
formats cannot write 万/亿, so the value axis keeps the plan's scale and
gridlines (minimum, maximum, step) without tick labels; the values carry
their labels. Bars run across, as in the PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph
from lxml import etree

from ...numerals import plain_digits
from ...plan import Chart, ChartKind, Series
from ...templates import Template
from ..palette import chart_fills
from . import ooxml as ox
from .workbook import SHEET, column_letter, workbook_bytes

C_NS = {"c": nsmap["c"], "a": nsmap["a"], "r": nsmap["r"]}
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
LANG_TAG = {"zh": "zh-CN", "en": "en-GB"}
#: Height of one bar across, and the room a chart keeps for its axis (twips).
BAR_TW = 300
AXIS_TW = 700


def _c(tag: str, val: object = None, **attrs: str) -> etree._Element:
    prefix, name = tag.split(":")
    el = etree.Element(f"{{{C_NS[prefix]}}}{name}", nsmap=C_NS if tag == "c:chartSpace"
                       else None)
    if val is not None:
        el.set("val", str(val))
    for k, v in attrs.items():
        el.set(qn(k) if ":" in k else k, v)
    return el


def _add(parent: etree._Element, tag: str, val: object = None, **attrs: str) -> etree._Element:
    el = _c(tag, val, **attrs)
    parent.append(el)
    return el


@dataclass(frozen=True)
class _Look:
    latin: str
    east_asia: str
    size: int  # hundredths of a point
    text: str
    muted: str
    rule: str
    fills: tuple[str, ...]
    lang: str


def _rpr(tag: str, look: _Look, colour: str | None = None, size: int | None = None
         ) -> etree._Element:
    rpr = _c(tag, sz=str(size or look.size), lang=look.lang)
    fill = _add(rpr, "a:solidFill")
    _add(fill, "a:srgbClr", (colour or look.text).lstrip("#"))
    _add(rpr, "a:latin", typeface=look.latin)
    _add(rpr, "a:ea", typeface=look.east_asia)
    _add(rpr, "a:cs", typeface=look.latin)
    return rpr


def _tx_pr(look: _Look, colour: str | None = None, size: int | None = None) -> etree._Element:
    """Text properties: the template's sans faces (Latin and East Asian), size, colour."""
    tx = _c("c:txPr")
    _add(tx, "a:bodyPr")
    _add(tx, "a:lstStyle")
    p = _add(tx, "a:p")
    ppr = _add(p, "a:pPr")
    ppr.append(_rpr("a:defRPr", look, colour, size))
    _add(p, "a:endParaRPr", lang=look.lang)
    return tx


def _rich(lines: Sequence[str], look: _Look) -> etree._Element:
    """A label's own text, one paragraph per line (a value, then its note)."""
    tx = _c("c:tx")
    rich = _add(tx, "c:rich")
    _add(rich, "a:bodyPr", wrap="none")  # a value label stays on its line
    _add(rich, "a:lstStyle")
    for i, line in enumerate(lines):
        p = _add(rich, "a:p")
        r = _add(p, "a:r")
        r.append(_rpr("a:rPr", look, look.muted if i else None,
                      look.size - 100 if i else None))
        _add(r, "a:t").text = line
    return tx


def _fill(look: _Look, colour: str, line: bool = False) -> etree._Element:
    sp = _c("c:spPr")
    if line:
        ln = _add(sp, "a:ln", w=str(int(Pt(1.6))), cap="rnd")
        _add(_add(ln, "a:solidFill"), "a:srgbClr", colour.lstrip("#"))
    else:
        _add(_add(sp, "a:solidFill"), "a:srgbClr", colour.lstrip("#"))
    return sp


def _str_ref(ref: str, values: Sequence[str]) -> etree._Element:
    sref = _c("c:strRef")
    _add(sref, "c:f").text = ref
    cache = _add(sref, "c:strCache")
    _add(cache, "c:ptCount", len(values))
    for i, v in enumerate(values):
        _add(_add(cache, "c:pt", idx=str(i)), "c:v").text = v
    return sref


def _num_ref(ref: str, values: Sequence[Decimal]) -> etree._Element:
    nref = _c("c:numRef")
    _add(nref, "c:f").text = ref
    cache = _add(nref, "c:numCache")
    _add(cache, "c:formatCode").text = "General"
    _add(cache, "c:ptCount", len(values))
    for i, v in enumerate(values):
        _add(_add(cache, "c:pt", idx=str(i)), "c:v").text = plain_digits(v)
    return nref


def _labels(s: Series, look: _Look, position: str) -> etree._Element:
    """One label per value: the plan's value label (and note) as the label's text."""
    dl = _c("c:dLbls")
    for i, label in enumerate(s.labels):
        d = _add(dl, "c:dLbl")
        _add(d, "c:idx", i)
        d.append(_rich([label, *([s.notes[i]] if s.notes else [])], look))
        _add(d, "c:dLblPos", position)
        for flag, on in (("showLegendKey", 0), ("showVal", 1), ("showCatName", 0),
                         ("showSerName", 0), ("showPercent", 0), ("showBubbleSize", 0)):
            _add(d, f"c:{flag}", on)
    for flag, on in (("showLegendKey", 0), ("showVal", 1), ("showCatName", 0),
                     ("showSerName", 0), ("showPercent", 0), ("showBubbleSize", 0)):
        _add(dl, f"c:{flag}", on)
    return dl


def _series(kind: ChartKind, i: int, s: Series, categories: Sequence[str], look: _Look,
            rows: int) -> etree._Element:
    ser = _c("c:ser")
    _add(ser, "c:idx", i)
    _add(ser, "c:order", i)
    col = column_letter(i + 2)
    tx = _add(ser, "c:tx")
    tx.append(_str_ref(f"{SHEET}!${col}$1", [s.name]))
    colour = look.fills[i % len(look.fills)]
    if kind is ChartKind.LINE:
        ser.append(_fill(look, colour, line=True))
        marker = _add(ser, "c:marker")
        _add(marker, "c:symbol", "circle")
        _add(marker, "c:size", 5)
        marker.append(_fill(look, colour))
        ser.append(_labels(s, look, "t" if i % 2 == 0 else "b"))
    else:
        ser.append(_fill(look, colour))
        _add(ser, "c:invertIfNegative", 0)
        ser.append(_labels(s, look, "ctr" if kind is ChartKind.SHARE else "outEnd"))
    cat = _add(ser, "c:cat")
    cat.append(_str_ref(f"{SHEET}!$A$2:$A${rows + 1}", categories))
    val = _add(ser, "c:val")
    val.append(_num_ref(f"{SHEET}!${col}$2:${col}${rows + 1}", s.values))
    if kind is ChartKind.LINE:
        _add(ser, "c:smooth", 0)
    return ser


def _axes(plot: etree._Element, chart: Chart, look: _Look, across: bool) -> None:
    cat = _add(plot, "c:catAx")
    _add(cat, "c:axId", 1)
    scaling = _add(cat, "c:scaling")
    _add(scaling, "c:orientation", "maxMin" if across else "minMax")  # first bar on top
    _add(cat, "c:delete", 1 if chart.kind is ChartKind.SHARE else 0)
    _add(cat, "c:axPos", "l" if across else "b")
    _add(cat, "c:numFmt", formatCode="General", sourceLinked="0")
    _add(cat, "c:majorTickMark", "none")
    _add(cat, "c:minorTickMark", "none")
    _add(cat, "c:tickLblPos", "low")
    sp = _add(cat, "c:spPr")
    ln = _add(sp, "a:ln", w=str(int(Pt(0.6))))
    _add(_add(ln, "a:solidFill"), "a:srgbClr", look.text.lstrip("#"))
    cat.append(_tx_pr(look))
    _add(cat, "c:crossAx", 2)
    _add(cat, "c:crosses", "autoZero")
    _add(cat, "c:auto", 1)
    _add(cat, "c:lblAlgn", "ctr")
    _add(cat, "c:lblOffset", 100)
    _add(cat, "c:noMultiLvlLbl", 0)
    val = _add(plot, "c:valAx")
    _add(val, "c:axId", 2)
    scaling = _add(val, "c:scaling")
    _add(scaling, "c:orientation", "minMax")
    if chart.ticks:
        _add(scaling, "c:max", plain_digits(chart.ticks[-1].value))
        _add(scaling, "c:min", plain_digits(chart.ticks[0].value))
    _add(val, "c:delete", 1 if chart.kind is ChartKind.SHARE else 0)
    _add(val, "c:axPos", "b" if across else "l")
    grid = _add(val, "c:majorGridlines")
    gsp = _add(grid, "c:spPr")
    gln = _add(gsp, "a:ln", w=str(int(Pt(0.3))))
    _add(_add(gln, "a:solidFill"), "a:srgbClr", look.rule.lstrip("#"))
    _add(val, "c:numFmt", formatCode="General", sourceLinked="0")
    _add(val, "c:majorTickMark", "none")
    _add(val, "c:minorTickMark", "none")
    _add(val, "c:tickLblPos", "none")  # Word cannot write 万/亿: the values carry labels
    vsp = _add(val, "c:spPr")
    _add(_add(vsp, "a:ln"), "a:noFill")
    _add(val, "c:crossAx", 1)
    _add(val, "c:crosses", "autoZero")
    _add(val, "c:crossBetween", "between")
    if len(chart.ticks) > 1:
        _add(val, "c:majorUnit", plain_digits(chart.ticks[1].value - chart.ticks[0].value))


def _drawn(chart: Chart) -> tuple[list[str], list[Series]]:
    """Categories and series as the chart part lays them out: a share bar has one
    category and one series per part, so the parts stack."""
    if chart.kind is not ChartKind.SHARE:
        return list(chart.categories), list(chart.series)
    s = chart.series[0]
    return [""], [Series(name, (v,), (label,)) for name, v, label
                  in zip(chart.categories, s.values, s.labels, strict=True)]


def chart_space(chart: Chart, template: Template, workbook_rid: str) -> etree._Element:
    """The ``c:chartSpace`` of one chart, its data cached and linked to the workbook."""
    colours, sizes, fonts = template.colours, template.sizes, template.fonts
    categories, series = _drawn(chart)
    look = _Look(fonts.docx_latin_sans, fonts.docx_zh_sans, round(sizes.caption * 100),
                 colours.text, colours.muted, colours.rule,
                 tuple(chart_fills(colours.accent, colours.muted, len(series) + 1)),
                 LANG_TAG[chart.lang])
    space = _c("c:chartSpace")
    _add(space, "c:date1904", 0)
    _add(space, "c:lang", LANG_TAG[chart.lang])
    _add(space, "c:roundedCorners", 0)
    ch = _add(space, "c:chart")
    _add(ch, "c:autoTitleDeleted", 1)  # the plan's caption is the title, above the chart
    plot = _add(ch, "c:plotArea")
    _add(plot, "c:layout")
    across = chart.kind is not ChartKind.LINE
    if chart.kind is ChartKind.LINE:
        group = _add(plot, "c:lineChart")
        _add(group, "c:grouping", "standard")
    else:
        group = _add(plot, "c:barChart")
        _add(group, "c:barDir", "bar")
        _add(group, "c:grouping", "percentStacked" if chart.kind is ChartKind.SHARE
             else "clustered")
    _add(group, "c:varyColors", 0)
    for i, s in enumerate(series):
        group.append(_series(chart.kind, i, s, categories, look, len(categories)))
    if chart.kind is ChartKind.LINE:
        _add(group, "c:marker", 1)
    else:
        _add(group, "c:gapWidth", 40 if chart.kind is ChartKind.SHARE else 60)
        if chart.kind is ChartKind.SHARE:
            _add(group, "c:overlap", 100)
    _add(group, "c:axId", 1)
    _add(group, "c:axId", 2)
    _axes(plot, chart, look, across)
    if len(series) > 1:
        legend = _add(ch, "c:legend")
        _add(legend, "c:legendPos", "b" if chart.kind is ChartKind.SHARE else "t")
        _add(legend, "c:overlay", 0)
        legend.append(_tx_pr(look))
    _add(ch, "c:plotVisOnly", 1)
    _add(ch, "c:dispBlanksAs", "gap")
    sp = _add(space, "c:spPr")
    _add(sp, "a:noFill")
    _add(_add(sp, "a:ln"), "a:noFill")
    space.append(_tx_pr(look))
    ext = _add(space, "c:externalData")
    ext.set(qn("r:id"), workbook_rid)
    _add(ext, "c:autoUpdate", 0)
    return space


def height_twips(chart: Chart, width: int) -> int:
    """How tall the chart is drawn: a row per bar, or a landscape box for a line."""
    if chart.kind is ChartKind.LINE:
        return max(width * 9 // 20, 2600)
    if chart.kind is ChartKind.SHARE:
        return 900 + 320 * ((len(chart.categories) + 1) // 2)
    bars = len(chart.categories) * len(chart.series)
    legend = 400 if len(chart.series) > 1 else 0
    notes = 1.5 if any(s.notes for s in chart.series) else 1.0
    return int(AXIS_TW + legend + bars * BAR_TW * notes + len(chart.categories) * 160)


def add_chart(paragraph: Paragraph, chart: Chart, template: Template, width: int,
              max_height: int) -> None:
    """The chart, inline in ``paragraph``, ``width`` twips wide (at most ``max_height``
    twips tall: Word fits the bars in), with the plan's alt text."""
    doc_part = paragraph.part
    package = doc_part.package
    categories, series = _drawn(chart)
    data = workbook_bytes(categories, [s.name for s in series], [s.values for s in series])
    book = Part(package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
                CT.SML_SHEET, data, package)
    part = Part(package.next_partname("/word/charts/chart%d.xml"), CT.DML_CHART, b"", package)
    book_rid = part.relate_to(book, RT.PACKAGE)
    part._blob = etree.tostring(chart_space(chart, template, book_rid),
                                xml_declaration=True, encoding="UTF-8", standalone=True)
    rid = doc_part.relate_to(part, RT.CHART)
    height = min(height_twips(chart, width), max_height)
    shape_id = doc_part.next_id
    inline = OxmlElement("wp:inline", {"distT": "0", "distB": "0", "distL": "0", "distR": "0"})
    inline.append(OxmlElement("wp:extent", {"cx": str(Twips(width).emu),
                                            "cy": str(Twips(height).emu)}))
    inline.append(OxmlElement("wp:effectExtent", {"l": "0", "t": "0", "r": "0", "b": "0"}))
    inline.append(OxmlElement("wp:docPr", {"id": str(shape_id), "name": f"Chart {shape_id}"}))
    inline.append(OxmlElement("wp:cNvGraphicFramePr"))
    graphic = OxmlElement("a:graphic")
    data_el = OxmlElement("a:graphicData", {"uri": CHART_URI})
    data_el.append(OxmlElement("c:chart", {qn("r:id"): rid}))
    graphic.append(data_el)
    inline.append(graphic)
    ox.set_alt_text(inline, chart.alt, chart.title)
    drawing = OxmlElement("w:drawing")
    drawing.append(inline)
    paragraph.add_run()._r.append(drawing)
