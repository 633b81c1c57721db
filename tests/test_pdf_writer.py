"""The PDF writer, checked with real clients: qpdf, poppler's pdffonts/pdfinfo/pdftotext,
and the shared pdfcheck tool. No mocks: every check reads the PDF the writer produced.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import shared_dir
from test_linebreak import violations

from briefing.errors import RenderError
from briefing.loader import load
from briefing.plan import Cell, Item, Layout, Meta, Para, Plan, Role
from briefing.planner import build_plan
from briefing.templates import Print, Template, load_template
from briefing.writers.pdf import render_pdf, render_pdf_lines
from briefing.writers.pdf.fonts import font_bytes
from briefing.writers.pdf.furniture import footer_text

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "liaoning" / "liaoning.yaml"
PDFCHECK = next((p for p in (shared_dir() / "tools" / "pdfcheck",) if p.exists()), None)
TOOLS = ("qpdf", "pdffonts", "pdfinfo", "pdftotext")

pytestmark = pytest.mark.skipif(
    any(shutil.which(t) is None for t in TOOLS),
    reason="qpdf and poppler-utils are needed (scripts/install-test-deps)")


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Rendered:
    plan: Plan
    path: Path
    lines: list[str]

    def text(self, page: int | None = None) -> str:
        args = ["-f", str(page), "-l", str(page)] if page else []
        return run("pdftotext", "-enc", "UTF-8", *args, str(self.path), "-").stdout

    @property
    def pages(self) -> int:
        m = re.search(r"^Pages:\s*(\d+)", run("pdfinfo", str(self.path)).stdout, re.M)
        assert m
        return int(m.group(1))


def render_all(source: Path, out: Path, template: Template) -> dict[Layout, Rendered]:
    b = load(source)
    done = {}
    for layout in Layout:
        plan = build_plan(b, template.plan_options(layout))
        data, lines = render_pdf_lines(plan, template)
        path = out / f"{source.stem}-{layout}.pdf"
        path.write_bytes(data)
        done[layout] = Rendered(plan, path, lines)
    return done


@pytest.fixture(scope="module")
def handout() -> Template:
    return load_template("handout")


@pytest.fixture(scope="module")
def mini_pdfs(tmp_path_factory: pytest.TempPathFactory, handout: Template) -> dict[Layout,
                                                                                    Rendered]:
    from conftest import FIXTURES, make_image

    folder = tmp_path_factory.mktemp("mini")
    shutil.copy(FIXTURES / "mini.yaml", folder / "mini.yaml")
    make_image(folder / "images" / "lab.png")
    return render_all(folder / "mini.yaml", folder, handout)


@pytest.fixture(scope="module")
def example_pdfs(tmp_path_factory: pytest.TempPathFactory, handout: Template) -> dict[Layout,
                                                                                       Rendered]:
    if not EXAMPLE.exists():
        pytest.skip("examples/liaoning/liaoning.yaml is not there yet")
    subprocess.run([sys.executable, str(EXAMPLE.parent / "make_images.py")], check=True,
                   capture_output=True)
    return render_all(EXAMPLE, tmp_path_factory.mktemp("example"), handout)


@pytest.fixture(params=["mini", "example"])
def pdfs(request: pytest.FixtureRequest) -> dict[Layout, Rendered]:
    return request.getfixturevalue(f"{request.param}_pdfs")


LAYOUTS = list(Layout)


# ---------------------------------------------------------------- structure, fonts, text

@pytest.mark.parametrize("layout", LAYOUTS)
def test_structure_and_fonts(pdfs: dict[Layout, Rendered], layout: Layout) -> None:
    r = pdfs[layout]
    check = run("qpdf", "--check", str(r.path))
    assert check.returncode == 0, check.stdout + check.stderr
    rows = [ln.split() for ln in run("pdffonts", str(r.path)).stdout.splitlines()[2:]
            if ln.strip()]
    assert rows
    assert all(row[-5] == "yes" and row[-4] == "yes" for row in rows), rows  # emb, sub
    assert not any("Helvetica" in row[0] for row in rows)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_headlines_and_figures_are_in_the_text(pdfs: dict[Layout, Rendered],
                                               layout: Layout) -> None:
    r = pdfs[layout]
    text = flat(r.text())
    headlines = [c.text for it in r.plan.items for cell in it.cells for c in cell.content
                 if isinstance(c, Para) and c.role is Role.HEADLINE]
    assert headlines
    for h in headlines:
        assert flat(h) in text, h
    if "zh" in r.plan.languages:
        assert "1308.3亿元" in text
    if "en" in r.plan.languages:
        assert "130.83billionyuan" in text


# ---------------------------------------------------------------- outline and footer

def outline_entries(path: Path) -> list[tuple[str, int]]:
    data = json.loads(run("qpdf", "--json", "--json-key=outlines", str(path)).stdout)
    out: list[tuple[str, int]] = []

    def walk(items: list[dict[str, object]]) -> None:
        for it in items:
            out.append((str(it["title"]), int(it["destpageposfrom1"])))  # type: ignore[call-overload]
            walk(it.get("kids", []))  # type: ignore[arg-type]

    walk(data["outlines"])
    return out


@pytest.mark.parametrize("layout", LAYOUTS)
def test_outline_points_at_the_right_pages(pdfs: dict[Layout, Rendered], layout: Layout) -> None:
    r = pdfs[layout]
    wanted = [it for it in r.plan.items if it.outline is not None]
    got = outline_entries(r.path)
    assert [t for t, _ in got] == [it.outline.title for it in wanted if it.outline]
    pages = {t: p for t, p in got}
    assert len(set(pages.values())) > 1 or r.pages == 1  # not every bookmark on page 1
    for item in wanted:
        assert item.outline
        first = next(c for c in item.cells[0].content if isinstance(c, Para))
        page_text = flat(r.text(pages[item.outline.title]))
        assert flat(first.text)[:12] in page_text, (item.outline.title, pages[item.outline.title])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_footer_numbers(pdfs: dict[Layout, Rendered], layout: Layout) -> None:
    r = pdfs[layout]
    n = r.pages
    for page in {1, n}:
        assert flat(footer_text(r.plan, page, n)) in flat(r.text(page))
    first = flat(r.text(1))
    if "zh" in r.plan.languages:
        assert f"第1页共{n}页" in first
    if "en" in r.plan.languages:
        assert f"Page1of{n}" in first


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_footer_takes_its_pages_place(pdfs: dict[Layout, Rendered], layout: Layout) -> None:
    """The footers are set when the count is known, in the place each page left for its
    own: every page has its number, no place is left unfilled, and the render's lines list
    each footer where its page begins (before the page's text), in page order."""
    import pikepdf

    r = pdfs[layout]
    n = r.pages
    with pikepdf.open(r.path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            content = b"".join(s.read_bytes() for s in (
                page.obj.Contents if isinstance(page.obj.Contents, pikepdf.Array)
                else [page.obj.Contents]))
            assert b"%briefing:footer" not in content
            assert content.count(b"/Subtype /Footer") == 1, number
    footers = [flat(footer_text(r.plan, page, n)) for page in range(1, n + 1)]
    at = [i for i, line in enumerate(r.lines) if flat(line) in footers]
    assert [flat(r.lines[i]) for i in at] == footers
    assert at[0] == 0  # page 1 draws its furniture before its text
    for page in range(2, n + 1):  # each footer between the pages' own text
        assert flat(footer_text(r.plan, page, n)) in flat(r.text(page))


# ---------------------------------------------------------------- metadata

def test_metadata(mini_pdfs: dict[Layout, Rendered]) -> None:
    r = mini_pdfs[Layout.PARALLEL]
    info = run("pdfinfo", str(r.path)).stdout
    meta = r.plan.meta
    assert re.search(rf"^Title:\s+{re.escape(meta.title)}$", info, re.M)
    assert re.search(rf"^Author:\s+{re.escape(meta.author)}$", info, re.M)
    assert re.search(rf"^Subject:\s+{re.escape(meta.subject)}$", info, re.M)
    assert meta.keywords[0] in info
    raw = r.path.read_bytes()
    assert b"/Lang (zh-CN)" in raw
    assert re.search(rb"/DisplayDocTitle\s+true", raw)
    assert b"/Lang (en-GB)" in mini_pdfs[Layout.EN].path.read_bytes()


# ---------------------------------------------------------------- Chinese line breaking

def test_zh_layout_breaks_no_line_rule(pdfs: dict[Layout, Rendered]) -> None:
    r = pdfs[Layout.ZH]
    cjk = [ln for ln in r.lines if re.search(r"[\u4e00-\u9fff]", ln)]
    assert len(cjk) > 5
    assert violations(r.lines) == []


@pytest.mark.skipif(PDFCHECK is None, reason="shared/tools/pdfcheck not present")
def test_pdfcheck_cjk_lines(pdfs: dict[Layout, Rendered]) -> None:
    r = pdfs[Layout.ZH]
    out = run(sys.executable, str(PDFCHECK), str(r.path), "--cjk-lines", "--json")
    report = json.loads(out.stdout)
    assert report["ok"], report
    cjk = next(c for c in report["checks"] if c["check"] == "cjk-lines")
    assert cjk["figure"].startswith("0 lines")


# ---------------------------------------------------------------- print, paper, mirror

def with_page(t: Template, **kw: object) -> Template:
    return t.model_copy(update={"page": t.page.model_copy(update=kw)})


@pytest.mark.skipif(PDFCHECK is None, reason="shared/tools/pdfcheck not present")
def test_print_boxes(mini: Path, handout: Template, tmp_path: Path) -> None:
    t = handout.model_copy(update={"print": Print(bleed_mm=3, crop_marks=True)})
    plan = build_plan(load(mini), t.plan_options(Layout.PARALLEL))
    path = tmp_path / "print.pdf"
    path.write_bytes(render_pdf(plan, t))
    out = run(sys.executable, str(PDFCHECK), str(path), "--cjk-lines", "--print-boxes")
    assert out.returncode == 0, out.stdout
    pages = json.loads(run("qpdf", "--json", "--json-key=pages", str(path)).stdout)["pages"]
    raw = path.read_bytes()
    trims = re.findall(rb"/TrimBox \[ ([\d. ]+) \]", raw)
    bleeds = re.findall(rb"/BleedBox \[ ([\d. ]+) \]", raw)
    assert len(trims) == len(bleeds) == len(pages)
    x0, y0, x1, y1 = (float(v) for v in trims[0].split())
    assert abs((x1 - x0) - 595.276) < 0.01 and abs((y1 - y0) - 841.89) < 0.01  # A4 trim
    b0, _, b1, _ = (float(v) for v in bleeds[0].split())
    assert abs((x0 - b0) - 3 * 72 / 25.4) < 0.01 and abs((b1 - x1) - 3 * 72 / 25.4) < 0.01


@pytest.mark.parametrize(("size", "points"), [("A4", "595.276 x 841.89 pts (A4)"),
                                              ("Letter", "612 x 792 pts (letter)")])
def test_mirrored_margins_alternate_on_every_page(size: str, points: str, handout: Template,
                                                  tmp_path: Path) -> None:
    # the whole example in English: 12 pages and more, so pages 3-4, 7-8, 11-12 are seen
    t = with_page(handout, size=size, mirror=True, margin_inner_mm=30, margin_outer_mm=12)
    plan = build_plan(load(EXAMPLE), t.plan_options(Layout.EN))
    path = tmp_path / "mirror.pdf"
    path.write_bytes(render_pdf(plan, t))
    assert points in run("pdfinfo", str(path)).stdout
    xml = run("pdftotext", "-bbox", str(path), "-").stdout
    pages = xml.split("<page ")[1:]
    assert len(pages) >= 12
    mm = 72 / 25.4
    width = float(re.search(r'width="([\d.]+)"', pages[0]).group(1))  # type: ignore[union-attr]
    for number, chunk in enumerate(pages, start=1):
        words = [(float(x0), float(y0), float(x1)) for x0, y0, x1 in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', chunk)]
        inner_left = number % 2 == 1  # a recto has its inner margin on the left
        want_left, want_right = (30, 12) if inner_left else (12, 30)
        left = min(x0 for x0, _, _ in words)
        assert abs(left - want_left * mm) < 1.5, (number, left / mm)
        # the footer line is centred on the text block
        foot = max(y0 for _, y0, _ in words)
        line = [(x0, x1) for x0, y0, x1 in words if abs(y0 - foot) < 1]
        centre = (min(x0 for x0, _ in line) + max(x1 for _, x1 in line)) / 2
        want = (want_left * mm + width - want_right * mm) / 2
        assert abs(centre - want) < 1.5, (number, centre / mm, want / mm)


# ---------------------------------------------------------------- reproducibility

def test_two_renders_are_byte_identical(mini: Path, handout: Template) -> None:
    plan = build_plan(load(mini), handout.plan_options(Layout.PARALLEL))
    assert render_pdf(plan, handout) == render_pdf(plan, handout)


def test_a_new_process_renders_the_same_bytes(mini: Path, handout: Template,
                                              tmp_path: Path) -> None:
    plan = build_plan(load(mini), handout.plan_options(Layout.ZH))
    here = render_pdf(plan, handout)
    code = ("import sys; from briefing.loader import load; from briefing.planner import "
            "build_plan; from briefing.plan import Layout; from briefing.templates import "
            "load_template; from briefing.writers.pdf import render_pdf; t = load_template("
            "'handout'); sys.stdout.buffer.write(render_pdf(build_plan(load(sys.argv[1]), "
            "t.plan_options(Layout.ZH)), t))")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code, str(mini)], capture_output=True,
                         env=env, check=True)
    assert out.stdout == here


# ---------------------------------------------------------------- bad input

def tiny_plan(text: str, layout: Layout = Layout.ZH) -> Plan:
    meta = Meta("测试", "测试", "", (), "zh-CN", ("zh-CN",), None)
    item = Item("paragraph", (Cell("zh", (Para(Role.BODY, text, "zh"),)),))
    return Plan(layout, ("zh",), meta, "测试", ("第 ", "页"), (item,))


def test_missing_glyph_is_an_error_listing_it(handout: Template) -> None:
    # twice: the second render finds the paragraph already prepared (the memo of renders
    # with the same fonts) and must still find the characters no font has
    said = []
    for _ in range(2):
        with pytest.raises(RenderError) as err:
            render_pdf(tiny_plan("辽宁\U00013000经济\U0001F600\U00013000"), handout)
        assert "U+13000" in str(err.value) and "U+1F600" in str(err.value)
        said.append(str(err.value))
    assert said[0] == said[1]  # the same characters, in the same order


@pytest.mark.parametrize(("text", "drawn"), [
    ("辽宁\n经济", "辽宁 经济"), ("port\tof\rDalian", "port of Dalian"), ("无换行", "无换行")])
def test_a_line_break_or_tab_in_a_paragraph_is_set_as_a_space(handout: Template, text: str,
                                                               drawn: str) -> None:
    _, lines = render_pdf_lines(tiny_plan(text), handout)
    assert drawn in lines


def test_renders_with_the_same_fonts_share_their_paragraphs(handout: Template) -> None:
    """A second render of a paragraph reuses the first's atoms and lines (same bytes);
    the memo keeps at most MAX_FONT_SETS font sets."""
    from briefing.writers.pdf import text

    text.forget()
    plan = tiny_plan("辽宁经济稳中有进，" * 40)
    first = render_pdf(plan, handout)
    assert len(text._memos) == 1
    memo = next(iter(text._memos._data.values()))
    prepared, lines = dict(memo.prepared), dict(memo.line_cache)
    assert prepared and lines
    assert render_pdf(plan, handout) == first
    assert memo.prepared == prepared and memo.line_cache == lines  # nothing set again
    assert text._memos.maxsize == text.MAX_FONT_SETS


def test_the_renders_memo_is_emptied_when_it_holds_too_many_characters(
        handout: Template, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.writers.pdf import text

    text.forget()
    monkeypatch.setattr(text, "MAX_MEMO_CHARS", 500)
    first = render_pdf(tiny_plan("辽宁经济稳中有进。" * 30), handout)  # 270 characters
    assert 0 < text._memo_chars[0] <= 500
    other = tiny_plan("营商环境持续优化。" * 30)
    render_pdf(other, handout)  # a render keeps what it prepares: 540 in all
    assert text._memo_chars[0] > 500
    assert render_pdf(tiny_plan("辽宁经济稳中有进。" * 30), handout) == first  # emptied first
    assert 0 < text._memo_chars[0] <= 500


def test_one_page_template_refuses_two_pages(mini: Path, handout: Template) -> None:
    t = handout.model_copy(update={"one_page": True})
    plan = build_plan(load(mini), t.plan_options(Layout.PARALLEL))
    with pytest.raises(RenderError, match="one page"):
        render_pdf(plan, t)
    assert render_pdf(tiny_plan("一页就够了。"), t).startswith(b"%PDF")


def test_empty_plan_is_an_error(handout: Template) -> None:
    plan = tiny_plan("x")
    with pytest.raises(RenderError):
        render_pdf(Plan(plan.layout, plan.languages, plan.meta, "", (), ()), handout)


def test_font_cache_falls_back_to_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing.fonts import builtin_font

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("BRIEFING_FONT_CACHE", str(blocked / "fonts"))
    chars = frozenset("cache fallback test ÿ")
    data = font_bytes(builtin_font("noto-sans"), chars, 400)
    assert data[:4] == b"\x00\x01\x00\x00"
    monkeypatch.setenv("BRIEFING_FONT_CACHE", str(tmp_path / "cache"))
    chars2 = frozenset("cache write test þ")
    data2 = font_bytes(builtin_font("noto-sans"), chars2, 700)
    files = list((tmp_path / "cache").glob("*.ttf"))
    assert len(files) == 1 and files[0].read_bytes().startswith(data2)  # the font, then its seal
    assert not list((tmp_path / "cache").glob("*.tmp"))


@pytest.mark.parametrize("size", ["A4", "Letter"])
@pytest.mark.parametrize("bleed", [1, 2, 2.5, 3, 5, 6, 8, 10])
def test_the_bleed_box_lies_within_the_media_box(size: str, bleed: float) -> None:
    """Boxes are written to 3 decimals, rounded inwards: a bleed box as large as the media
    box (no crop marks) never sticks out of it (A4, 3 mm: 858.898 over 858.8976)."""
    from briefing.templates import Page
    from briefing.writers.pdf.printboxes import Geometry

    t = load_template("handout")
    t = t.model_copy(update={"print": Print(bleed_mm=bleed),
                             "page": Page.model_validate({**t.page.model_dump(), "size": size})})
    g = Geometry.from_template(t)
    w, h = g.media
    bx0, by0, bx1, by1 = g.bleed_box
    tx0, ty0, tx1, ty1 = g.trim_box
    assert 0 <= bx0 <= tx0 < tx1 <= bx1 <= round(w, 4) and by0 <= ty0 < ty1 <= by1 <= round(h, 4)


def test_every_font_subset_has_a_tag_of_its_own(tmp_path: Path) -> None:
    """ISO 32000-1, 9.6.4: different subsets in one file have different tags (reportlab
    gave each font's first subset AAAAAA+)."""
    import briefing

    out = tmp_path / "tp.pdf"
    briefing.render(EXAMPLE, out)
    names = re.findall(rb"/BaseFont /([A-Z]{6})\+", out.read_bytes())
    assert len(names) > 3 and len(set(names)) == len(names), names
