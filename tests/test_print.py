"""What a print shop does to the PDF, done with the real client: Ghostscript.

* a Ghostscript rewrite (``pdfwrite``, as in a PDF/A or PDF/X conversion) keeps
  the Chinese text copyable: every ToUnicode block holds at most 100 entries;
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
    assert text(rewritten) == before
