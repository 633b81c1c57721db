"""The DOCX writer's raw WordprocessingML: values are escaped, elements land in schema order.

The DOCX writer builds XML from elements, never from text, so any value (a
font name from a template) is escaped by lxml instead of breaking the XML.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.font import Font
from lxml import etree

from briefing.loader import load
from briefing.plan import Layout
from briefing.planner import build_plan
from briefing.templates import Template, load_template
from briefing.writers.docx import ooxml as ox
from briefing.writers.docx import render_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

#: Font names with every character XML treats specially.
FONTS = {
    "docx_zh_serif": 'Song & Ti <"zh">',
    "docx_zh_sans": "Hei & Co's <sans>",
    "docx_latin_serif": 'Foo & Bar "Serif" <1>',
    "docx_latin_sans": "A&B 'Sans' <x> & \"y\"",
}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def children(parent: etree._Element) -> list[str]:
    return [c.tag.rpartition("}")[2] for c in parent]


@pytest.fixture
def odd_fonts(tmp_path: Path) -> Template:
    folder = tmp_path / "odd-fonts"
    folder.mkdir()
    lines = ["[fonts]", *(f"{key} = {json.dumps(value)}" for key, value in FONTS.items())]
    (folder / "template.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_template(folder)


@pytest.mark.parametrize("layout", [Layout.PARALLEL, Layout.INTERLEAVED])
def test_font_names_with_xml_characters_are_escaped(layout: Layout, odd_fonts: Template,
                                                    mini: Path) -> None:
    """A template's font names with &, <, " and ' render (they once crashed the writer)."""
    assert odd_fonts.fonts.docx_latin_serif == FONTS["docx_latin_serif"]
    data = render_docx(build_plan(load(mini), odd_fonts.plan_options(layout)), odd_fonts)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {name: etree.fromstring(z.read(name))  # each part parses
                 for name in ("word/document.xml", "word/styles.xml", "word/numbering.xml")}
    styles, body = parts["word/styles.xml"], parts["word/document.xml"]

    def fonts_of(style_id: str) -> etree._Element:
        return styles.xpath(f"//w:style[@w:styleId='{style_id}']/w:rPr/w:rFonts",
                            namespaces=NS)[0]

    serif, sans = fonts_of("BodyChinese"), fonts_of("Heading1")
    assert serif.get(w("ascii")) == serif.get(w("cs")) == FONTS["docx_latin_serif"]
    assert serif.get(w("eastAsia")) == FONTS["docx_zh_serif"]
    assert sans.get(w("ascii")) == FONTS["docx_latin_sans"]
    assert sans.get(w("eastAsia")) == FONTS["docx_zh_sans"]
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert defaults is not None and defaults.get(w("hAnsi")) == FONTS["docx_latin_serif"]
    # Chinese runs name the East Asian font of their paragraph's style
    run_fonts = {f.get(w("eastAsia")) for f in body.iterfind(".//w:r/w:rPr/w:rFonts", NS)}
    assert run_fonts == {FONTS["docx_zh_serif"], FONTS["docx_zh_sans"]}
    # the bullet of the summary list (▪) is drawn in the serif Chinese font, which has it
    bullet = parts["word/numbering.xml"].find(
        ".//w:abstractNum[@w:abstractNumId='90']/w:lvl/w:rPr/w:rFonts", NS)
    assert bullet is not None and bullet.get(w("ascii")) == FONTS["docx_zh_serif"]
    # the characters are escaped in the file, not dropped
    raw = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert "Foo &amp; Bar &quot;Serif&quot; &lt;1&gt;" in raw
    document = docx.Document(io.BytesIO(data))
    assert document.styles["Body English"].font.name == FONTS["docx_latin_serif"]
    assert document.styles["Heading 1"].font.name == FONTS["docx_latin_sans"]


# ---------------------------------------------------------------- helpers, one by one


def test_element_values_are_escaped_not_parsed() -> None:
    e = ox.el("w:rFonts", ascii='<w:b/> & "x"')
    again = etree.fromstring(etree.tostring(e))
    assert again.get(w("ascii")) == '<w:b/> & "x"'
    assert len(again) == 0


def test_run_properties_land_in_schema_order() -> None:
    """python-docx sets w:b and w:sz; ours (w:rFonts, w:szCs, w:lang) go where the schema
    puts them whatever the order of the calls."""
    run = OxmlElement("w:r")
    rpr = run.get_or_add_rPr()
    ox.set_lang(rpr, "en-GB", "zh-CN")
    ox.set_complex_script_size(rpr, Pt(10.5))
    font = Font(run)  # python-docx's own, set after ours
    font.size = Pt(10.5)
    font.bold = True
    ox.set_script_fonts(rpr, "Noto Serif CJK SC", complex_script="Noto Serif",
                        hint_east_asia=True)
    assert children(rpr) == ["rFonts", "b", "sz", "szCs", "lang"]
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Noto Serif CJK SC"
    assert fonts.get(qn("w:cs")) == "Noto Serif"
    assert fonts.get(qn("w:hint")) == "eastAsia"
    assert rpr.find(qn("w:szCs")).get(qn("w:val")) == "21"
    ox.set_lang(rpr, "en-US", "zh-CN")  # replaced, not added
    assert [e.get(qn("w:val")) for e in rpr.findall(qn("w:lang"))] == ["en-US"]


def test_paragraph_properties_python_docx_lacks() -> None:
    p = docx.Document().add_paragraph()
    fmt = p.paragraph_format
    fmt.first_line_indent = Pt(21)
    ppr = p._p.get_or_add_pPr()
    ox.set_outline_level(ppr, 1)
    ox.set_first_line_chars(ppr, 200)
    ox.set_flag(ppr, "autoSpaceDE", on=False)
    ox.set_flag(ppr, "contextualSpacing")
    ox.set_paragraph_borders(ppr, [ox.border("bottom", RGBColor(0x9B, 0x1B, 0x1E), 6, 2),
                                   ox.border("left", RGBColor(0, 0, 0), 4)])
    fmt.keep_with_next = True  # python-docx inserts among ours in the same order
    assert children(ppr) == ["keepNext", "pBdr", "autoSpaceDE", "ind", "contextualSpacing",
                             "outlineLvl"]
    assert children(ppr.find(qn("w:pBdr"))) == ["left", "bottom"]
    bottom = ppr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    assert bottom.get(qn("w:color")) == "9B1B1E" and bottom.get(qn("w:sz")) == "6"
    ind = ppr.find(qn("w:ind"))
    assert (ind.get(qn("w:firstLine")), ind.get(qn("w:firstLineChars"))) == ("420", "200")
    assert ppr.find(qn("w:autoSpaceDE")).get(qn("w:val")) == "0"


def test_bullet_list_takes_a_free_id_and_keeps_numbering_in_order() -> None:
    numbering = docx.Document().part.numbering_part.element
    first = ox.add_bullet_list(numbering, 90, "\u25aa", "Foo & Bar", RGBColor(1, 2, 3),
                               left=Pt(14), hanging=Pt(14))
    second = ox.add_bullet_list(numbering, 90, "\u25aa", "Foo & Bar", RGBColor(1, 2, 3),
                                left=Pt(14), hanging=Pt(14))
    assert (first, second) == (90, 91)
    tags = children(numbering)
    assert tags == sorted(tags, key=lambda t: t != "abstractNum")  # abstractNum before num
    num = numbering.find(f"{qn('w:num')}[@{qn('w:numId')}='91']")
    assert num.find(qn("w:abstractNumId")).get(qn("w:val")) == "91"
    ours = numbering.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='90']")
    ind = ours.find(f"{qn('w:lvl')}/{qn('w:pPr')}/{qn('w:ind')}")
    assert (ind.get(qn("w:left")), ind.get(qn("w:hanging"))) == ("280", "280")
    assert ours.find(f".//{qn('w:lvlText')}").get(qn("w:val")) == "\u25aa"
    assert ours.find(f".//{qn('w:rFonts')}").get(qn("w:ascii")) == "Foo & Bar"


def test_field_marks_and_bookmark() -> None:
    p = docx.Document().add_paragraph(style="Caption")
    for mark in (ox.field_char("begin"), ox.instr_text("SEQ Figure \\* ARABIC"),
                 ox.field_char("separate")):
        p.add_run()._r.append(mark)
    p.add_run("1")
    p.add_run()._r.append(ox.field_char("end"))
    ox.bookmark(p._p, 7, "figure_1")
    assert children(p._p)[:2] == ["pPr", "bookmarkStart"]
    assert children(p._p)[-1] == "bookmarkEnd"
    instr = p._p.find(f".//{qn('w:instrText')}")
    assert instr.text == " SEQ Figure \\* ARABIC "
    assert instr.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    kinds = [e.get(qn("w:fldCharType")) for e in p._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert p.text == "1"


def test_table_and_cell_properties_in_schema_order() -> None:
    table = docx.Document().add_table(rows=1, cols=2)
    table.autofit = False
    ox.set_table_frame(table._tbl, 9000, header_row=True)
    assert children(table._tbl.tblPr) == ["tblW", "tblInd", "tblLayout", "tblLook"]
    tr, tc = table.rows[0]._tr, table.cell(0, 1)._tc
    ox.set_row_flag(tr, "w:tblHeader")
    ox.set_row_flag(tr, "w:cantSplit")
    assert children(tr.find(qn("w:trPr"))) == ["cantSplit", "tblHeader"]
    ox.set_cell_property(tc, ox.cell_margins("w:tcMar", Pt(0), Pt(4), Pt(0), Pt(4)))
    ox.set_cell_property(tc, ox.shading(RGBColor(0xF3, 0xEF, 0xE8)))
    assert children(tc.find(qn("w:tcPr"))) == ["tcW", "shd", "tcMar"]
    margin = tc.find(f"{qn('w:tcPr')}/{qn('w:tcMar')}/{qn('w:left')}")
    assert (margin.get(qn("w:w")), margin.get(qn("w:type"))) == ("80", "dxa")


# ---------------------------------------------------------------- shortcuts, same XML


@pytest.mark.parametrize("tag", ["w:p", "w:r", "w:t", "w:pPr", "w:rFonts", "wp:inline",
                                 "a:graphic"])
def test_new_element_is_what_python_docx_makes(tag: str) -> None:
    ours, theirs = ox.new_element(tag), OxmlElement(tag)
    assert type(ours) is type(theirs)
    assert etree.tostring(ours) == etree.tostring(theirs)


#: Run texts: plain, Chinese, spaces at either end (kept with xml:space), tabs and line
#: breaks (their own elements, through python-docx), XML's special characters.
RUN_TEXTS = ["Growth", "增长8.3%", " leading", "trailing ", "  both  ", "a\tb", "one\ntwo",
             "cr\rlf", "<&> \"'", "\u3000全角空格"]


@pytest.mark.parametrize("text", RUN_TEXTS)
@pytest.mark.parametrize("lang", ["zh", "en", None])
def test_a_run_is_written_as_python_docx_writes_it(text: str, lang: str | None) -> None:
    from briefing.writers.docx.runs import RunWriter
    from briefing.writers.docx.styles import StyleSheet

    document = docx.Document()
    writer = RunWriter(StyleSheet(document, load_template("handout"), own_styles=True))
    ours, theirs = document.add_paragraph(), document.add_paragraph()
    writer.text(ours, text, lang)  # type: ignore[arg-type]
    writer._tag(theirs, theirs.add_run(text)._r, text, lang)  # type: ignore[arg-type]
    assert etree.tostring(ours._p) == etree.tostring(theirs._p)


@pytest.mark.parametrize("style_id", ["Normal", "Heading1", "Caption"])
@pytest.mark.parametrize("has_ppr", [False, True])
def test_a_paragraph_style_is_set_as_python_docx_sets_it(style_id: str, has_ppr: bool) -> None:
    document = docx.Document()
    style = document.styles.get_by_id(style_id, docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    ours, theirs = document.add_paragraph(), document.add_paragraph()
    if has_ppr:
        for p in (ours, theirs):
            p.paragraph_format.keep_with_next = True
    ox.set_paragraph_style(ours, style)
    theirs.style = style  # python-docx's own setter (Normal, the default, is no w:pStyle)
    assert etree.tostring(ours._p) == etree.tostring(theirs._p)
