"""The DOCX writer, checked with real clients: LibreOffice, poppler, python-docx, docxcheck.

Every layout of the ``mini`` content is rendered once per module; LibreOffice
converts all four in one run and ``docxcheck`` checks them in parallel.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from conftest import FIXTURES, make_image, shared_dir
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import RGBColor
from lxml import etree

from briefing.errors import RenderError, TemplateError
from briefing.loader import load
from briefing.plan import Cell, Image, Item, Layout, PageField, Para, Plan, Role
from briefing.planner import build_plan
from briefing.templates import Page, Template, load_template
from briefing.writers.docx import render_docx
from briefing.writers.docx.runs import RunWriter
from briefing.writers.docx.styles import StyleSheet

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
DOCXCHECK = shared_dir() / "tools" / "docxcheck"
LAYOUTS = list(Layout)
CJK = re.compile(r"[\u4e00-\u9fff]")


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclasses.dataclass(frozen=True)
class Rendered:
    plan: Plan
    data: bytes
    path: Path

    def part(self, name: str) -> etree._Element:
        with zipfile.ZipFile(io.BytesIO(self.data)) as z:
            return etree.fromstring(z.read(name))

    def headline(self, lang: str) -> str:
        item = next(i for i in self.plan.items if i.kind == "headline")
        cell = next(c for c in item.cells if c.lang == lang)
        para = cell.content[0]
        assert isinstance(para, Para)
        return para.text


# ---------------------------------------------------------------- module fixtures


@pytest.fixture(scope="module")
def template() -> Template:
    return load_template("handout")


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mini")
    shutil.copy(FIXTURES / "mini.yaml", folder / "mini.yaml")
    make_image(folder / "images" / "lab.png")
    return folder / "mini.yaml"


@pytest.fixture(scope="module")
def rendered(content: Path, template: Template, tmp_path_factory: pytest.TempPathFactory
             ) -> dict[Layout, Rendered]:
    out = tmp_path_factory.mktemp("docx")
    briefing = load(content)
    result = {}
    for layout in LAYOUTS:
        plan = build_plan(briefing, template.plan_options(layout))
        data = render_docx(plan, template)
        path = out / f"mini-{layout.value}.docx"
        path.write_bytes(data)
        result[layout] = Rendered(plan, data, path)
    return result


@pytest.fixture(scope="module")
def pdf_text(rendered: dict[Layout, Rendered], tmp_path_factory: pytest.TempPathFactory
             ) -> dict[Layout, str]:
    """LibreOffice (headless, private profile) converts all four; pdftotext reads them."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed")
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out),
                    *(str(r.path) for r in rendered.values())],
                   check=True, capture_output=True, timeout=180)
    texts = {}
    for layout, r in rendered.items():
        pdf = out / (r.path.stem + ".pdf")
        assert pdf.is_file(), f"LibreOffice did not convert {r.path.name}"
        texts[layout] = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                                       check=True, capture_output=True, text=True).stdout
    return texts


@pytest.fixture(scope="module")
def docxcheck(rendered: dict[Layout, Rendered]) -> Iterator[dict[Layout, tuple[int, str]]]:
    """``docxcheck`` on every layout, run side by side (each uses its own profile)."""
    if not DOCXCHECK.exists():
        pytest.skip(f"{DOCXCHECK} is absent (it exists in CI)")
    procs = {}
    for layout, r in rendered.items():
        expects = [x for lang in r.plan.languages for x in ("--expect", r.headline(lang))]
        procs[layout] = subprocess.Popen([str(DOCXCHECK), str(r.path), *expects],
                                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                         text=True)
    results = {}
    try:
        for layout, proc in procs.items():
            output, _ = proc.communicate(timeout=240)
            results[layout] = (proc.returncode, output)
        yield results
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()


# ---------------------------------------------------------------- LibreOffice and docxcheck


@pytest.mark.parametrize("layout", LAYOUTS)
def test_libreoffice_pdf_holds_headlines_and_figures(layout: Layout,
                                                     rendered: dict[Layout, Rendered],
                                                     pdf_text: dict[Layout, str]) -> None:
    text = flat(pdf_text[layout])
    r = rendered[layout]
    zh_expected = [r.headline("zh") if "zh" in r.plan.languages else "老工业基地", "1308.3亿元"]
    en_expected = [r.headline("en") if "en" in r.plan.languages else "An old industrial base",
                   "130.83 billion yuan"]
    for lang, expected in (("zh", zh_expected), ("en", en_expected)):
        for s in expected:
            if lang in r.plan.languages:
                assert flat(s) in text, f"{layout}: {s!r} missing from the PDF"
            else:
                assert flat(s) not in text, f"{layout}: {s!r} in a single-language PDF"
    # the footer: the plan's words around page numbers LibreOffice computed
    footer = "".join(r"\d+" if isinstance(p, PageField) else re.escape(flat(p))
                     for p in r.plan.footer)
    assert re.search(footer, text), f"{layout}: footer {r.plan.footer} not in the PDF"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_docxcheck_passes(layout: Layout, docxcheck: dict[Layout, tuple[int, str]]) -> None:
    code, output = docxcheck[layout]
    assert code == 0, output


# ---------------------------------------------------------------- python-docx reads it back


@pytest.mark.parametrize("layout", LAYOUTS)
def test_python_docx_reads_it_back(layout: Layout, rendered: dict[Layout, Rendered],
                                   template: Template) -> None:
    r = rendered[layout]
    document = docx.Document(io.BytesIO(r.data))
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    by_text = {p.text: p for p in paragraphs}
    for lang in r.plan.languages:
        assert by_text[r.headline(lang)].style.name == "Heading 1"
    body_styles = {p.style.name for p in paragraphs if p.style is not None}
    if "zh" in r.plan.languages:
        assert "Body Chinese" in body_styles
    if "en" in r.plan.languages:
        assert "Body English" in body_styles
    names = {s.name for s in document.styles}
    for name in ("Title", "Subtitle", "Deck", "Byline", "Heading 1", "Heading 2",
                 "Body Chinese", "Body English", "Quote", "Attribution", "Caption", "Credit",
                 "Section Label", "Source Note", "Table Heading", "Table Text",
                 "Key Figures Table", "Glossary Table", "Header", "Footer"):
        assert name in names, f"style {name!r} missing"
    props = document.core_properties
    assert props.title == r.plan.meta.title
    assert props.subject == r.plan.meta.subject
    assert props.author == r.plan.meta.author
    assert props.language == r.plan.meta.language
    assert props.created is not None and props.created.year == 2000
    assert props.modified == props.created
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.left_margin.mm) == round(template.page.margin_inner_mm)
    assert round(section.top_margin.mm) == round(template.page.margin_top_mm)
    assert r.plan.header in section.header.paragraphs[0].text


# ---------------------------------------------------------------- the XML


@pytest.mark.parametrize("layout", LAYOUTS)
def test_xml_east_asian_fonts_and_language(layout: Layout, rendered: dict[Layout, Rendered],
                                           template: Template) -> None:
    r = rendered[layout]
    styles = r.part("word/styles.xml")
    settings = r.part("word/settings.xml")
    body = r.part("word/document.xml")
    assert not styles.xpath("//w:rFonts[@w:eastAsiaTheme]", namespaces=NS)
    theme_lang = settings.find("w:themeFontLang", NS)
    assert theme_lang is not None and theme_lang.get(w("eastAsia")) == "zh-CN"
    body_zh = styles.xpath("//w:style[@w:styleId='BodyChinese']//w:rFonts", namespaces=NS)[0]
    assert body_zh.get(w("eastAsia")) == template.fonts.docx_zh_serif
    assert body_zh.get(w("ascii")) == template.fonts.docx_latin_serif
    style_lang = styles.xpath("//w:style[@w:styleId='BodyChinese']//w:lang", namespaces=NS)[0]
    assert style_lang.get(w("eastAsia")) == "zh-CN"
    runs = body.xpath("//w:r[w:t]", namespaces=NS)
    chinese = [run for run in runs if CJK.search("".join(run.xpath("w:t/text()", namespaces=NS)))]
    english = [run for run in runs if not CJK.search("".join(run.xpath("w:t/text()",
                                                                        namespaces=NS)))]
    assert chinese and english  # the English layout has Chinese in its glossary
    for run in chinese:
        fonts = run.find("w:rPr/w:rFonts", NS)
        lang = run.find("w:rPr/w:lang", NS)
        assert fonts is not None and fonts.get(w("eastAsia")), etree.tostring(run)
        assert lang is not None and lang.get(w("eastAsia")) == "zh-CN"
    for run in english:
        lang = run.find("w:rPr/w:lang", NS)
        assert lang is not None and lang.get(w("val")) == template.docx.english_tag


@pytest.mark.parametrize("layout", LAYOUTS)
def test_xml_fields_and_alt_text(layout: Layout, rendered: dict[Layout, Rendered]) -> None:
    r = rendered[layout]
    body = r.part("word/document.xml")
    seq = [t for t in body.xpath("//w:instrText/text()", namespaces=NS) if "SEQ" in t]
    assert seq and seq[0].split() == ["SEQ", "Figure", "\\*", "ARABIC"]
    # a bilingual caption pair counts once: the translation repeats the number
    assert [" \\c " in t for t in seq] == [False] + [True] * (len(r.plan.languages) - 1)
    cached = body.xpath("//w:r[w:fldChar[@w:fldCharType='separate']]"
                        "/following-sibling::w:r[1]/w:t/text()", namespaces=NS)
    assert cached == ["1"] * len(r.plan.languages)
    footers = [r.part(n) for n in zipfile.ZipFile(io.BytesIO(r.data)).namelist()
               if n.startswith("word/footer")]
    codes = " ".join(t for f in footers for t in f.xpath("//w:instrText/text()", namespaces=NS))
    assert "PAGE" in codes.split() and "NUMPAGES" in codes.split()
    figure = next(i for i in r.plan.items if i.image is not None)
    assert figure.image is not None
    docprs = body.xpath("//wp:docPr", namespaces=NS)
    assert len(docprs) == 1
    assert docprs[0].get("descr") == figure.image.alt
    assert docprs[0].get("title") == figure.image.title
    extent = body.find(".//wp:inline/wp:extent", NS)
    assert extent is not None
    cx, cy = int(extent.get("cx")), int(extent.get("cy"))
    assert abs(cx / cy - figure.image.width_px / figure.image.height_px) < 0.01
    text_width_emu = (210 - 18 - 18) * 36000
    assert cx <= text_width_emu
    bookmarks = body.xpath("//w:bookmarkStart/@w:name", namespaces=NS)
    assert "article_1" in bookmarks and "summary" in bookmarks


def test_parallel_is_a_borderless_two_column_table(rendered: dict[Layout, Rendered]) -> None:
    r = rendered[Layout.PARALLEL]
    body = r.part("word/document.xml")
    outer = body.xpath("/w:document/w:body/w:tbl[w:tblPr/w:tblStyle/@w:val='ParallelColumns']",
                       namespaces=NS)
    assert outer
    # beside the grid, only the key figures: both languages' columns in one table
    others = body.xpath("/w:document/w:body/w:tbl[w:tblPr/w:tblStyle/@w:val!='ParallelColumns']",
                        namespaces=NS)
    assert {t.find("w:tblPr/w:tblStyle", NS).get(w("val")) for t in others} \
        == {"KeyFiguresTable"}
    for tbl in outer:
        assert len(tbl.findall("w:tblGrid/w:gridCol", NS)) == 2
        assert tbl.find("w:tblPr/w:tblStyle", NS).get(w("val")) == "ParallelColumns"
    style = r.part("word/styles.xml").xpath(
        "//w:style[@w:styleId='ParallelColumns']//w:tblBorders/*", namespaces=NS)
    assert style and all(b.get(w("val")) == "nil" for b in style)
    rows = [tr for tbl in outer for tr in tbl.findall("w:tr", NS)]
    spanning = [tr for tr in rows if tr.find("w:tc/w:tcPr/w:gridSpan", NS) is not None]
    assert len(spanning) == 2  # the figure and the glossary
    headline = r.headline("zh")
    row = next(tr for tr in rows if headline in "".join(tr.itertext()))
    assert r.headline("en") in "".join(row.itertext())


def test_interleaved_follows_plan_order(rendered: dict[Layout, Rendered]) -> None:
    r = rendered[Layout.INTERLEAVED]
    document = docx.Document(io.BytesIO(r.data))
    texts = [p.text for p in document.paragraphs if p.text]
    zh, en = r.headline("zh"), r.headline("en")
    assert texts.index(en) == texts.index(zh) + 1


@pytest.mark.parametrize("text", ["カタカナ", "\U00020000 ext. B", "한국어", "30.8%，"])
def test_runs_with_east_asian_script_name_the_east_asian_font(text: str,
                                                             template: Template) -> None:
    """Kana, Hangul and ideographs beyond U+FFFF count as Chinese script (briefing.script)."""
    document = docx.Document()
    runs = RunWriter(StyleSheet(document, template, own_styles=True))
    p = document.add_paragraph()
    runs.text(p, text, "en")
    fonts = p._p.find("w:r/w:rPr/w:rFonts", NS)
    assert fonts is not None and fonts.get(w("eastAsia")) == template.fonts.docx_zh_serif
    assert fonts.get(w("hint")) is None  # English text: only Chinese text hints East Asian
    runs.text(p, "Latin only", "en")
    assert p._p.findall("w:r", NS)[1].find("w:rPr/w:rFonts", NS) is None


# ---------------------------------------------------------------- reproducible, reference doc


def test_two_renders_are_byte_identical(rendered: dict[Layout, Rendered], content: Path,
                                        template: Template) -> None:
    plan = build_plan(load(content), template.plan_options(Layout.PARALLEL))
    again = render_docx(plan, template)
    assert again == rendered[Layout.PARALLEL].data
    with zipfile.ZipFile(io.BytesIO(again)) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(2000, 1, 1, 0, 0, 0)}


def _house_template(folder: Path, name: str = "house.docx") -> Template:
    reference = docx.Document()
    normal = reference.styles["Normal"]
    normal.font.name = "Courier New"
    heading = reference.styles["Heading 1"]
    heading.font.color.rgb = RGBColor(0x00, 0xAA, 0x00)
    reference.add_paragraph("HOUSE TEMPLATE PLACEHOLDER")
    reference.save(folder / name)
    (folder / "template.toml").write_text(f'[docx]\nreference_doc = "{name}"\n',
                                          encoding="utf-8")
    return load_template(folder)


def test_reference_document_styles_are_used(tmp_path: Path, content: Path) -> None:
    house = _house_template(tmp_path)
    plan = build_plan(load(content), house.plan_options(Layout.PARALLEL))
    data = render_docx(plan, house)
    document = docx.Document(io.BytesIO(data))
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0x00, 0xAA, 0x00)
    assert document.styles["Normal"].font.name == "Courier New"
    assert document.styles["Body Chinese"].font.name == house.fonts.docx_latin_serif
    text = "".join(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode())
    assert "HOUSE TEMPLATE PLACEHOLDER" not in text
    assert plan.meta.title == document.core_properties.title
    # Chinese runs still name an East Asian font although the house styles use theme fonts
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    headline = Rendered(plan, data, tmp_path / "unused.docx").headline("zh")
    headline_run = body.xpath(f"//w:r[w:t='{headline}']", namespaces=NS)
    assert headline_run
    assert headline_run[0].find("w:rPr/w:rFonts", NS).get(w("eastAsia"))


@pytest.mark.parametrize("house", [False, True])
def test_a_style_sheet_kept_from_an_earlier_document_gives_the_same_bytes(
        tmp_path: Path, content: Path, house: bool) -> None:
    """Styles are built once per template and source, then copied: a render from the
    kept sheet equals one that builds it; an edited reference document is built anew."""
    from briefing.writers.docx import styles as sheet

    template = _house_template(tmp_path) if house else load_template("brief")
    plan = build_plan(load(content), template.plan_options(Layout.INTERLEAVED))
    sheet._sheets.clear()
    built = render_docx(plan, template)
    assert len(sheet._sheets) == 1
    assert render_docx(plan, template) == built  # copied from the kept sheet
    assert render_docx(plan, load_template(template.folder)) == built  # same content
    assert len(sheet._sheets) == 1
    if house:
        reference = docx.Document(str(tmp_path / "house.docx"))
        reference.styles["Heading 1"].font.color.rgb = RGBColor(0xAA, 0x00, 0x00)
        reference.save(tmp_path / "house.docx")
        again = docx.Document(io.BytesIO(render_docx(plan, template)))
        assert again.styles["Heading 1"].font.color.rgb == RGBColor(0xAA, 0x00, 0x00)
        assert len(sheet._sheets) == 2


def test_reference_document_style_of_the_wrong_type(tmp_path: Path, content: Path) -> None:
    """A house style named like one of ours but of another type is refused by name."""
    reference = docx.Document()
    reference.styles.add_style("Deck", WD_STYLE_TYPE.CHARACTER)
    reference.save(tmp_path / "house.docx")
    (tmp_path / "template.toml").write_text('[docx]\nreference_doc = "house.docx"\n',
                                            encoding="utf-8")
    house = load_template(tmp_path)
    plan = build_plan(load(content), house.plan_options(Layout.ZH))
    with pytest.raises(RenderError, match=r"'Deck'.*character style.*paragraph style"):
        render_docx(plan, house)


@pytest.mark.parametrize("taken, expected", [
    ((), "Deck"),
    (("Deck",), "Deck2"),
    (("Deck", "Deck2"), "Deck3"),
])
def test_a_new_style_takes_an_id_no_house_style_has(tmp_path: Path, content: Path, taken,
                                                    expected) -> None:
    """House styles of other names may already hold the id ours would take (Deck)."""
    reference = docx.Document()
    for i, style_id in enumerate(taken):
        reference.styles.add_style(f"House style {i}", WD_STYLE_TYPE.PARAGRAPH).style_id = \
            style_id
    reference.save(tmp_path / "house.docx")
    (tmp_path / "template.toml").write_text('[docx]\nreference_doc = "house.docx"\n',
                                            encoding="utf-8")
    house = load_template(tmp_path)
    data = render_docx(build_plan(load(content), house.plan_options(Layout.ZH)), house)
    styles = docx.Document(io.BytesIO(data)).styles
    ids = [s.style_id for s in styles]
    assert len(ids) == len(set(ids))
    assert styles["Deck"].style_id == expected


def test_reference_document_missing_or_corrupt(tmp_path: Path, content: Path) -> None:
    house = _house_template(tmp_path)
    plan = build_plan(load(content), house.plan_options(Layout.ZH))
    (tmp_path / "house.docx").write_bytes(b"not a zip file")
    with pytest.raises(RenderError, match="reference document"):
        render_docx(plan, house)
    (tmp_path / "house.docx").unlink()
    with pytest.raises(TemplateError, match="house.docx"):
        render_docx(plan, house)


# ---------------------------------------------------------------- page setup and bad input


def test_letter_paper_and_mirror_margins(content: Path, template: Template) -> None:
    page = Page(size="Letter", mirror=True, margin_inner_mm=25, margin_outer_mm=15)
    tpl = template.model_copy(update={"page": page})
    data = render_docx(build_plan(load(content), tpl.plan_options(Layout.EN)), tpl)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        settings = etree.fromstring(z.read("word/settings.xml"))
        body = etree.fromstring(z.read("word/document.xml"))
    assert settings.find("w:mirrorMargins", NS) is not None
    size = body.find(".//w:sectPr/w:pgSz", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("12240", "15840")
    margins = body.find(".//w:sectPr/w:pgMar", NS)
    assert round(int(margins.get(w("left"))) / 56.7) == 25
    assert round(int(margins.get(w("right"))) / 56.7) == 15


def test_unknown_content_type_raises(rendered: dict[Layout, Rendered],
                                     template: Template) -> None:
    plan = rendered[Layout.INTERLEAVED].plan

    @dataclasses.dataclass(frozen=True)
    class Chart:
        data: tuple[int, ...]

    odd = Item("paragraph", (Cell("zh", (Chart((1, 2)),)),  # type: ignore[arg-type]
                             Cell("en", (Para(Role.BODY, "text", "en"),))))
    with pytest.raises(RenderError, match="Chart"):
        render_docx(dataclasses.replace(plan, items=(*plan.items, odd)), template)
    with pytest.raises(RenderError, match="layout"):
        render_docx(dataclasses.replace(plan, layout="columns"), template)  # type: ignore[arg-type]


def test_broken_image_names_the_figure(tmp_path: Path, rendered: dict[Layout, Rendered],
                                       template: Template) -> None:
    plan = rendered[Layout.ZH].plan
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    image = Image(bad, 100, 50, None, alt="alt", title="图9")
    item = Item("figure", (Cell("zh", ()),), image=image)
    with pytest.raises(RenderError, match=r"图9.*broken\.png"):
        render_docx(dataclasses.replace(plan, items=(*plan.items, item)), template)


def test_english_figures_keep_their_units_on_their_line() -> None:
    """Word and LibreOffice break lines themselves: a number's space before its scale word
    and unit is a no-break space (130.83 billion yuan), as the PDF holds it; Chinese and
    other spaces are left as they are."""
    import briefing

    example = Path(__file__).resolve().parent.parent / "examples" / "liaoning" / "liaoning.yaml"
    data = briefing.render(briefing.load(example), format="docx", layout="parallel")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "130.83\u00a0billion\u00a0yuan" in xml
    assert "130.83 billion" not in xml
    assert "1308.3亿元" in xml and "of Liaoning" in xml
