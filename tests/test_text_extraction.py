"""Poppler's default text extraction of the parallel layout keeps each column's paragraph whole.

``pdftotext`` without ``-raw`` or ``-layout`` ignores the tags and orders text by position:
its block finder joins two lines only when their baselines are at most 1.5 em apart, so a
wider leading made every line a block and the two columns came out alternately, a Chinese
line, an English line. Each case here reads the real ``pdftotext`` output of a template in
the parallel layout and finds every paragraph of the side-by-side rows in it whole, broken
only where a page ends.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from briefing.loader import load
from briefing.plan import Layout, Para, Plan
from briefing.planner import build_plan
from briefing.templates import Template, load_template
from briefing.writers.pdf import render_pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils is needed (scripts/install-test-deps)")

#: (content, template, page size): the example and a second article; every shipped
#: template (reader's own layout is interleaved, its leading 1.7); A4 and Letter.
CASES = [
    ("liaoning/liaoning.yaml", "handout", "A4"),
    ("liaoning/liaoning.yaml", "handout", "Letter"),
    ("rural-energy/rural-energy.yaml", "handout", "A4"),
    ("rural-energy/rural-energy.yaml", "reader", "Letter"),
    ("trade-port/trade-port.yaml", "brief", "A4"),
]


def squash(text: str) -> str:
    """Text without what extraction may add or drop at a line end: white space (a
    justified Chinese line can read with spaces between characters), soft hyphens,
    and hyphens (poppler joins ``clean-`` and ``energy`` at a line end)."""
    return re.sub(r"[\s\u00ad\-\u2010]+", "", text)


def reads_whole(text: str, pages: list[str]) -> bool:
    """Whether ``text`` is in ``pages`` in one piece, or continues from the end of one
    page's piece onto the next page (a paragraph split by a page break)."""
    full = squash(text)
    return any(_continues(full, pages[start:]) for start, page in enumerate(pages)
               if full[:8] in page)


def _continues(rest: str, pages: list[str]) -> bool:
    for page in pages[:3]:
        lo, hi = 0, len(rest)  # the longest head of ``rest`` on this page
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if rest[:mid] in page else (lo, mid - 1)
        if lo < min(len(rest), 8):
            return False
        rest = rest[lo:]
        if not rest:
            return True
    return False


def side_by_side(plan: Plan) -> list[Para]:
    """Paragraphs of the rows that set two languages in columns, long enough to wrap."""
    return [c for item in plan.items if len(item.cells) > 1 for cell in item.cells
            for c in cell.content if isinstance(c, Para) and len(c.text) > 30]


def template(name: str, size: str) -> Template:
    tpl = load_template(name)
    return tpl.model_copy(update={"page": tpl.page.model_copy(update={"size": size})})


@pytest.mark.parametrize(("content", "name", "size"), CASES)
def test_pdftotext_reads_each_column_paragraph_whole(
        content: str, name: str, size: str, tmp_path: Path) -> None:
    tpl = template(name, size)
    plan = build_plan(load(EXAMPLES / content), tpl.plan_options(Layout.PARALLEL))
    pdf = tmp_path / "parallel.pdf"
    pdf.write_bytes(render_pdf(plan, tpl))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = [squash(page) for page in text.split("\f")]
    paras = side_by_side(plan)
    assert sum(p.lang == "zh" for p in paras) >= 4 and sum(p.lang == "en" for p in paras) >= 4
    broken = [f"{p.lang}: {p.text[:24]}" for p in paras if not reads_whole(p.text, pages)]
    assert not broken, broken
