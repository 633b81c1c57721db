"""How the PDF sets its text, read back with poppler (pdftotext -bbox-layout):

* English is hyphenated (pyphen's en-GB patterns) and justified, in the narrow
  columns of the parallel layout too; the interleaved layout has no loose lines;
* a hyphen the breaker adds is a soft hyphen: the word reads back whole;
* a Chinese title breaks between words (at punctuation first), never inside one;
* the running header stays on one line; the deck sits above the headline and the
  subheading below it, as the source has them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.loader import load
from briefing.plan import Cell, Item, Layout, Meta, Para, Plan, Role
from briefing.planner import build_plan
from briefing.templates import Template, load_template
from briefing.writers.pdf import render_pdf, render_pdf_lines
from briefing.writers.pdf.styles import Styles

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SOFT_HYPHEN = "\u00ad"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler's pdftotext is needed (scripts/install-test-deps)")

Word = tuple[float, float, float, str]  # xMin, yMin, xMax, text


def bbox_lines(path: Path) -> list[list[list[Word]]]:
    """Per page, its text lines as poppler groups them, each a list of words."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    pages = []
    for page in xml.split("<page ")[1:]:
        lines = []
        for body in re.findall(r"<line [^>]*>(.*?)</line>", page, re.S):
            words = [(float(x0), float(y0), float(x1), w) for x0, y0, x1, w in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)'
                r"</word>", body)]
            if words:
                lines.append(words)
        pages.append(lines)
    return pages


def english(line: list[Word]) -> bool:
    return len(line) >= 5 and all(re.fullmatch(r"[\x21-\x7e’‘“”\u00ad–—%]+", w[3]) for w in line)


@pytest.fixture(scope="module")
def handout() -> Template:
    return load_template("handout")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, handout: Template) -> dict[str, Path]:
    subprocess.run([sys.executable, str(EXAMPLES / "liaoning" / "make_images.py")], check=True,
                   capture_output=True)
    folder = tmp_path_factory.mktemp("typesetting")
    out = {}
    for layout in (Layout.PARALLEL, Layout.INTERLEAVED):
        plan = build_plan(load(EXAMPLES / "liaoning" / "liaoning.yaml"),
                          handout.plan_options(layout))
        out[layout.value] = folder / f"{layout.value}.pdf"
        out[layout.value].write_bytes(render_pdf(plan, handout))
    return out


def test_english_in_parallel_columns_is_justified_and_hyphenated(
        rendered: dict[str, Path], handout: Template) -> None:
    leading = Styles(handout, Layout.PARALLEL).body.leading
    flush = ragged = hyphens = 0
    for page in bbox_lines(rendered["parallel"]):
        right = [line for line in page if english(line) and line[0][0] > 250]
        if len(right) < 8:
            continue
        edge = max(line[-1][2] for line in right)
        for line, after in zip(right, right[1:], strict=False):
            if abs(after[0][1] - line[0][1] - leading) > 0.3:  # not a line of body text
                continue
            if abs(line[-1][2] - edge) < 0.6:
                flush += 1
            else:
                ragged += 1
            hyphens += line[-1][3].endswith(SOFT_HYPHEN)
    assert flush > 200
    assert ragged <= flush * 0.06  # lines that would gape are set flush left: a few
    assert hyphens > 20


def test_a_hyphenated_word_reads_back_whole(rendered: dict[str, Path]) -> None:
    text = subprocess.run(["pdftotext", str(rendered["parallel"]), "-"], capture_output=True,
                          text=True, check=True).stdout
    joined = re.findall(r"([A-Za-z]+)" + SOFT_HYPHEN + r"\n+([a-z]+)", text)
    assert len(joined) > 20
    source = (EXAMPLES / "liaoning" / "liaoning.yaml").read_text(encoding="utf-8")
    for head, tail in joined:
        assert re.search(rf"\b{head}{tail}", source), (head, tail)


def test_interleaved_english_has_no_loose_lines(rendered: dict[str, Path]) -> None:
    em = load_template("handout").sizes.body
    gaps = [max(b[0] - a[2] for a, b in zip(line, line[1:], strict=False))
            for page in bbox_lines(rendered["interleaved"]) for line in page if english(line)]
    assert len(gaps) > 200
    assert max(gaps) <= 0.56 * em  # a space and at most a quarter em more


# ---------------------------------------------------------------- headings and headers

def one_item_plan(role: Role, zh: str, en: str, header: str = "简报") -> Plan:
    meta = Meta("简报", "简报", "", (), "zh-CN", ("zh-CN", "en-GB"), None)
    item = Item("title", (Cell("zh", (Para(role, zh, "zh"),)), Cell("en", (Para(role, en, "en"),))))
    body = Item("paragraph", (Cell("zh", (Para(Role.BODY, "正文。" * 300, "zh"),)),
                              Cell("en", (Para(Role.BODY, "Text. " * 300, "en"),))))
    return Plan(Layout.PARALLEL, ("zh", "en"), meta, header, ("第 ", "页"), (item, body))


@pytest.mark.parametrize(("title", "word"), [
    ("浙江宁波：东方大港潮涌新时代外贸", "潮涌"),
    ("东方大港外贸潮涌新时代", "潮涌"),
    ("老工业基地加速培育壮大新质生产力", "生产力"),
])
def test_a_chinese_title_never_breaks_inside_a_word(handout: Template, title: str,
                                                    word: str) -> None:
    plan = one_item_plan(Role.TITLE, title, "A title")
    _, lines = render_pdf_lines(plan, handout)
    head = [line for line in lines if line and line in title]
    assert "".join(head) == title and len(head) > 1  # it takes several lines ...
    assert any(word in line for line in head)  # ... and the word stays on one of them


def test_the_running_header_stays_on_one_line(handout: Template, tmp_path: Path) -> None:
    header = ("东方大港潮涌新时代：宁波新能源码头跑出外贸加速度 · The great eastern port rides "
              "a new tide: a new-energy terminal puts Ningbo's foreign trade in the fast lane")
    path = tmp_path / "header.pdf"
    path.write_bytes(render_pdf(one_item_plan(Role.TITLE, "标题", "Title", header), handout))
    second = bbox_lines(path)[1]
    top = min(second, key=lambda line: line[0][1])
    below = [line for line in second if 0 < line[0][1] - top[0][1] < 12]
    assert not below  # nothing under the header line but the rule
    text = " ".join(w[3] for w in top)
    assert text.endswith("…") and text.startswith("东方大港潮涌新时代")


@pytest.mark.parametrize(("example", "above", "below"), [
    ("liaoning", "今年一季度，辽宁高技术制造业增加值同比增长", None),  # deck: above
    ("rural-energy", None, "安徽颍南县推进农光互补"),  # subheading: below
])
def test_deck_and_subheading_sit_where_the_source_has_them(
        handout: Template, tmp_path: Path, example: str, above: str | None,
        below: str | None) -> None:
    source = EXAMPLES / example / f"{example}.yaml"
    subprocess.run([sys.executable, str(source.parent / "make_images.py")], check=True,
                   capture_output=True)
    b = load(source)
    path = tmp_path / "zh.pdf"
    path.write_bytes(render_pdf(build_plan(b, handout.plan_options(Layout.ZH)), handout))
    headline = re.sub(r"\s+", "", b.articles[0].headline.zh)
    lines = [("".join(w[3] for w in line), line[0][1]) for page in bbox_lines(path)
             for line in page]
    start = next(i for i, (text, _) in enumerate(lines) if text.startswith(headline[:4]))
    if above:
        assert any(text.startswith(above) for text, _ in lines[start - 3:start])
    if below:
        assert any(text.startswith(below) for text, _ in lines[start + 1:start + 4])


# ---------------------------------------------------------------- figures

def picture_at_top(png: Path, top: float, left: float, right: float) -> tuple[float, float] | None:
    """The left and right edge (in points) of a picture across the top of the text block, if
    one is there (a row just under the top margin is mostly not white)."""
    from PIL import Image as PILImage

    with PILImage.open(png) as img:
        grey = img.convert("L")
        scale = grey.width / A4_WIDTH
        span = round(left * scale), round(right * scale)
        rows = []
        for below in (4, 40, 80):  # a picture, not a rule or a line of text
            y = round((top + below) * scale)
            rows.append([x for x in range(grey.width) if grey.getpixel((x, y)) < 235])
    for inked in rows:
        if len([x for x in inked if span[0] <= x <= span[1]]) < 0.8 * (span[1] - span[0]):
            return None
    return rows[0][0] / scale, (rows[0][-1] + 1) / scale


A4_WIDTH = 595.276


@pytest.mark.parametrize("example", ["liaoning", "trade-port", "rural-energy"])
@pytest.mark.parametrize("layout", [Layout.PARALLEL, Layout.ZH])
def test_figures_are_centred_and_text_flows_before_a_figure_that_moves(
        handout: Template, tmp_path: Path, example: str, layout: Layout) -> None:
    source = EXAMPLES / example / f"{example}.yaml"
    subprocess.run([sys.executable, str(source.parent / "make_images.py")], check=True,
                   capture_output=True)
    path = tmp_path / "figures.pdf"
    path.write_bytes(render_pdf(build_plan(load(source), handout.plan_options(layout)), handout))
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(tmp_path / "p")], check=True)
    mm = 72 / 25.4
    page = handout.page
    top, bottom = page.margin_top_mm * mm, A4_WIDTH * 297 / 210 - page.margin_bottom_mm * mm
    left, right = page.margin_inner_mm * mm, A4_WIDTH - page.margin_outer_mm * mm
    pages = bbox_lines(path)
    moved = 0
    for number in range(2, len(pages) + 1):
        png = next(tmp_path.glob(f"p-{number:0{len(str(len(pages)))}d}.png"))
        edges = picture_at_top(png, top, left, right)
        if edges is None:
            continue
        # centred in the measure, and as wide as the A4 measure allows
        assert abs((edges[0] - left) - (right - edges[1])) < 2, (number, edges)
        assert edges[1] - edges[0] > 0.95 * (right - left), (number, edges)
        # the page before is full: the text after the figure went first
        previous = [w for line in pages[number - 2] for w in line if w[1] < bottom]
        last = max(w[1] for w in previous)
        moved += 1
        assert bottom - last < 0.25 * (bottom - top), (number, (bottom - last) / mm)
    # the example moves figures in both layouts; a shorter article may set its few
    # figures where they stand (how many move depends on its pagination)
    assert moved or example != "liaoning"


# ---------------------------------------------------------------- bold Chinese

def test_chinese_headings_are_emboldened_with_a_stroke(handout: Template, tmp_path: Path) -> None:
    """Noto Sans SC ships in one weight: a bold heading is filled and stroked (render mode
    2) in its own colour, body text is only filled; the text still reads back."""
    path = tmp_path / "bold.pdf"
    path.write_bytes(render_pdf(one_item_plan(Role.HEADLINE, "老工业基地加速培育壮大新质生产力",
                                              "Old industrial base"), handout))
    flat = tmp_path / "flat.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(flat)],
                   check=True)
    content = flat.read_bytes()
    width = f"{handout.sizes.headline * 0.03:.2f}".lstrip("0").encode()
    # a saved state, the stroke's width, the headline stroked (2 Tr) in its own colour
    drawn = re.search(rb"\nq\n" + re.escape(width) + rb" w\n(?:.*\n)?BT [^\n]*? (\S+ \S+ \S+) rg "
                      rb"\1 RG 2 Tr", content)
    assert drawn, "the Chinese headline is not stroked"
    assert content.count(b" 2 Tr") == 1  # and nothing else: the body is only filled
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "老工业基地" in re.sub(r"\s+", "", text)


def test_a_bilingual_header_sets_each_title_in_its_own_script(tmp_path: Path) -> None:
    """The English title's quotation marks are Latin, not full-width Chinese ones: the
    header keeps the whole of a title that fits (it was cut, with a wide ‘ and ⋯)."""
    import briefing

    zh = "盐城：海上风电撑起“蓝色粮仓”之外的新增长极"
    en = "Yancheng: offshore wind power becomes a new growth pole beyond the ‘blue granary’"
    content = briefing.load_data({
        "title": {"zh": zh, "en": en},
        "summary": [{"zh": "海上风电稳步发展。" * 40, "en": "Offshore wind grew. " * 60}] * 4})
    path = tmp_path / "header.pdf"
    briefing.render(content, path, layout="parallel", force=True)
    second = bbox_lines(path)[1]
    top = min(second, key=lambda line: line[0][1])
    text = " ".join(w[3] for w in top)
    assert text.startswith(zh) and text.endswith("‘blue granary’"), text
