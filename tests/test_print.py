"""What a print shop does to the PDF, done with the real client: Ghostscript.

* a Ghostscript rewrite (``pdfwrite``, as in a PDF/A or PDF/X conversion) keeps
  the Chinese text copyable: every ToUnicode block holds at most 100 entries;
* the print colour mode, judged by Ghostscript's ``inkcov`` device (the share of
  each page that each ink covers): text-only pages use K alone, pictures are
  separated into CMYK, and the file names its output intent.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import ImageCms

from briefing.errors import RenderError
from briefing.loader import load
from briefing.plan import Layout
from briefing.planner import build_plan
from briefing.templates import Template, load_template
from briefing.writers.pdf import render_pdf
from briefing.writers.pdf.cmaps import to_unicode_cmap

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "liaoning" / "liaoning.yaml"

pytestmark = pytest.mark.skipif(
    any(shutil.which(t) is None for t in ("gs", "pdftotext", "qpdf")),
    reason="Ghostscript, poppler and qpdf are needed (scripts/install-test-deps)")


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def text(path: Path) -> str:
    return re.sub(r"\s+", "", run("pdftotext", "-enc", "UTF-8", str(path), "-").stdout)


def lines(path: Path) -> list[str]:
    """The lines of text of a PDF, in sorted order."""
    out = run("pdftotext", "-enc", "UTF-8", str(path), "-").stdout
    return sorted(ln.strip() for ln in out.splitlines() if ln.strip())


@pytest.fixture(scope="module")
def handout() -> Template:
    return load_template("handout")


@pytest.fixture(scope="module")
def example_zh(tmp_path_factory: pytest.TempPathFactory, handout: Template) -> Path:
    subprocess.run([sys.executable, str(EXAMPLE.parent / "make_images.py")], check=True,
                   capture_output=True)
    path = tmp_path_factory.mktemp("print") / "zh.pdf"
    path.write_bytes(render_pdf(build_plan(load(EXAMPLE), handout.plan_options(Layout.ZH)),
                                handout))
    return path


def streams(path: Path) -> list[bytes]:
    """Every stream of the PDF, uncompressed (qpdf writes them out)."""
    flat = path.with_suffix(".qdf.pdf")
    out = run("qpdf", "--qdf", "--object-streams=disable", str(path), str(flat))
    assert out.returncode == 0, out.stderr
    return re.findall(rb"stream\r?\n(.*?)endstream", flat.read_bytes(), re.S)


@pytest.mark.parametrize(("subset", "blocks", "entry"), [
    ([0x4E2D] * 250, [100, 100, 50], "<F9> <4E2D>"),
    ([0x20, 0x1F600], [2], "<01> <D83DDE00>"),  # beyond the BMP: a surrogate pair
])
def test_cmap_blocks(subset: list[int], blocks: list[int], entry: str) -> None:
    cmap = to_unicode_cmap("AAAAAA+Font", subset)
    assert [int(n) for n in re.findall(r"(\d+) beginbfchar", cmap)] == blocks
    assert entry in cmap.splitlines()


def test_to_unicode_blocks_hold_at_most_100_entries(example_zh: Path) -> None:
    counts = [int(n) for s in streams(example_zh)
              for n in re.findall(rb"(\d+) beginbf(?:char|range)", s)]
    assert counts, "no ToUnicode map found"
    assert max(counts) <= 100
    assert sum(counts) > 256  # fonts with more glyphs than one block: the test can fail


def test_chinese_survives_a_ghostscript_rewrite(example_zh: Path) -> None:
    before = text(example_zh)
    assert "辽宁：老工业基地培育新质生产力" in before
    rewritten = example_zh.with_name("gs.pdf")
    out = run("gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=pdfwrite",
              f"-sOutputFile={rewritten}", str(example_zh))
    assert out.returncode == 0, out.stderr
    # the same lines of text; a chart's labels stand apart on the page, and poppler may
    # read them in another order once Ghostscript has rewritten their positions
    assert lines(rewritten) == lines(example_zh)


# ---------------------------------------------------------------- print colour mode

def inkcov(path: Path) -> list[tuple[float, float, float, float]]:
    """Per page, the share of the page each of C, M, Y, K covers (Ghostscript)."""
    out = run("gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=inkcov", "-o", "-",
              str(path))
    assert out.returncode == 0, out.stderr
    rows = re.findall(r"^\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+CMYK OK", out.stdout,
                      re.M)
    return [(float(c), float(m), float(y), float(k)) for c, m, y, k in rows]


def pictures(path: Path) -> dict[int, set[str]]:
    """Page → the colour spaces of its pictures (poppler's pdfimages)."""
    out: dict[int, set[str]] = {}
    for line in run("pdfimages", "-list", str(path)).stdout.splitlines()[2:]:
        cols = line.split()
        out.setdefault(int(cols[0]), set()).add(cols[5])
    return out


def render(template: Template, out: Path) -> Path:
    out.write_bytes(render_pdf(build_plan(load(EXAMPLE), template.plan_options(
        Layout.PARALLEL)), template))
    return out


@pytest.fixture(scope="module")
def neutral(handout: Template) -> Template:
    """The handout with grey accents: in CMYK every text and rule is then K alone."""
    return handout.model_copy(update={"colours": handout.colours.model_copy(
        update={"accent": "#333333", "panel": "#EEEEEE"})})


def test_text_only_pages_use_k_alone(neutral: Template, example_zh: Path) -> None:
    folder = example_zh.parent
    rgb = render(neutral, folder / "rgb.pdf")
    cmyk = render(neutral.with_colour("cmyk"), folder / "cmyk.pdf")
    with_pictures = pictures(cmyk)
    assert with_pictures and all(spaces == {"cmyk"} for spaces in with_pictures.values())
    # in RGB the example's palette PNGs go in as they are: Indexed over DeviceRGB
    in_rgb = pictures(rgb)
    assert in_rgb and all(spaces <= {"rgb", "index"} for spaces in in_rgb.values())
    rgb_cover, cmyk_cover = inkcov(rgb), inkcov(cmyk)
    assert len(cmyk_cover) == len(rgb_cover) > 10
    for page, ((c, m, y, k), (rc, rm, ry, _)) in enumerate(zip(cmyk_cover, rgb_cover,
                                                                strict=True), start=1):
        assert k > 0.01, page
        if page in with_pictures:
            assert min(c, m, y) > 0, page  # the picture is four-colour
        else:
            assert (c, m, y) == (0, 0, 0), page  # text and rules: K alone
            assert min(rc, rm, ry) > 0, page  # the RGB file sets the same text in four inks


def test_cmyk_mode_has_no_rgb_and_names_its_output_intent(handout: Template,
                                                         example_zh: Path) -> None:
    path = render(handout.with_colour("cmyk"), example_zh.parent / "handout-cmyk.pdf")
    assert run("qpdf", "--check", str(path)).returncode == 0
    for stream in streams(path):
        assert not re.search(rb"(?<![\w.])(?:rg|RG)\n", stream)  # no RGB colour operator
    objects = json.loads(run("qpdf", "--json", "--json-key=qpdf", str(path)).stdout)["qpdf"][1]

    def get(ref: str) -> dict:
        item = objects[f"obj:{ref}"]
        return item["value"] if "value" in item else item["stream"]["dict"]

    root = get(objects["trailer"]["value"]["/Root"])
    intent = get(root["/OutputIntents"][0])
    assert intent["/S"] == "/GTS_PDFX"
    assert intent["/OutputCondition"] == "u:Artifex CMYK SWOP Profile"
    assert get(intent["/DestOutputProfile"])["/N"] == 4
    # the accent is still a colour: a page with a heading uses more than K
    assert any(min(c, m, y) > 0 for c, m, y, _ in inkcov(path))


def test_the_command_line_prints_in_cmyk(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "press.pdf"
    done = subprocess.run([sys.executable, "-m", "briefing.cli", "render", str(mini), "-o",
                           str(out), "--colour", "cmyk"], capture_output=True, text=True,
                          check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert set().union(*pictures(out).values()) == {"cmyk"}
    assert b"/OutputIntents" in out.read_bytes()


def test_an_rgb_profile_is_refused(mini: Path, handout: Template, tmp_path: Path) -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    (tmp_path / "screen.icc").write_bytes(srgb)
    t = handout.model_copy(update={"folder": tmp_path, "print": handout.print.model_copy(
        update={"colour": "cmyk", "icc_profile": "screen.icc"})})
    with pytest.raises(RenderError, match="not a CMYK output profile"):
        render_pdf(build_plan(load(mini), t.plan_options(Layout.ZH)), t)
