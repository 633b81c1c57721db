"""An article's head reads in the order a Chinese paper prints it, in the plan and in both
formats: the kicker (引题, the model's ``deck``) above the headline, the subheading (副题)
below it, then the byline, then the dateline that opens the text (本报阜阳8月14日电), then
the text. Read back with poppler's ``pdftotext -raw`` (content order) and python-docx
(every paragraph of the body, inside the parallel grid too, in document order).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from briefing.loader import load
from briefing.plan import Layout, Para, Plan
from briefing.planner import build_plan
from briefing.templates import load_template
from briefing.writers.docx import render_docx
from briefing.writers.pdf import render_pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils is needed (scripts/install-test-deps)")

#: The head of an article in print order, by the content field each piece comes from.
ORDER = ("deck", "headline", "subheading", "byline", "dateline", "sections[0].blocks[0]")

EVERY_PIECE = """
title: {zh: 简报, en: Brief}
glossary:
  people:
    jia: {zh: 甲某, en: Jia Mou}
  organisations:
    pd: {zh: 人民日报, en: People's Daily}
articles:
  - id: a
    deck: {zh: 引题在主题之上, en: The kicker above the headline}
    headline: {zh: 主题居中, en: The headline itself}
    subheading: {zh: 副题在主题之下, en: The subheading below the headline}
    dateline: {zh: 杭州, en: Hangzhou}
    date: 2024-08-12
    publication: pd
    byline: [{person: jia, role: staff_reporter}]
    sections:
      - blocks:
          - {zh: 正文第一段从这里开始。, en: The text opens here.}
          - {zh: 正文第二段。, en: A second paragraph.}
"""

#: (content, layouts): a briefing with every piece, and two example articles, one with a
#: kicker (trade-port) and one with a subheading (rural-energy), both with byline and dateline.
CASES = [
    *(("every-piece", layout) for layout in Layout),
    ("trade-port", Layout.PARALLEL),
    ("rural-energy", Layout.PARALLEL),
    ("rural-energy", Layout.INTERLEAVED),
]


def squash(text: str) -> str:
    return re.sub(r"[\s\u00ad]+", "", text)


def source(name: str, folder: Path) -> Path:
    if name == "every-piece":
        path = folder / "every-piece.yaml"
        path.write_text(EVERY_PIECE, encoding="utf-8")
        return path
    return EXAMPLES / name / f"{name}.yaml"


def head(plan: Plan) -> list[tuple[str, dict[str, str]]]:
    """The first article's head: (field, text per language) in plan order."""
    pieces = []
    for item in plan.items:
        field = re.search(r"articles\[0\]\.(.+)$", item.source)
        if field and field.group(1) in ORDER:
            texts = {c.lang: c.content[0].text for c in item.cells
                     if c.content and isinstance(c.content[0], Para)}
            pieces.append((field.group(1), texts))
    return pieces


def in_order(text: str, pieces: list[str]) -> bool:
    """Whether ``text`` holds the pieces one after another (the first may also stand
    elsewhere: a headline is in the running header too)."""
    flat = squash(text)
    keys = [squash(p)[:24] for p in pieces]
    for start in (m.start() for m in re.finditer(re.escape(keys[0]), flat)):
        at = start
        for key in keys[1:]:
            at = flat.find(key, at + 1)
            if at < 0:
                break
        else:
            return True
    return False


def docx_text(data: bytes) -> str:
    body = docx.Document(io.BytesIO(data)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                     for p in body.iter(qn("w:p")))


@pytest.mark.parametrize(("name", "layout"), CASES)
def test_head_reads_kicker_headline_subheading_byline_dateline_text(
        name: str, layout: Layout, tmp_path: Path) -> None:
    tpl = load_template("handout")
    plan = build_plan(load(source(name, tmp_path)), tpl.plan_options(layout))
    pieces = head(plan)
    fields = [f for f, _ in pieces]
    assert fields == [f for f in ORDER if f in fields], fields  # the plan's order
    assert {"headline", "byline", "dateline", "sections[0].blocks[0]"} <= set(fields)
    assert "deck" in fields or "subheading" in fields

    pdf = tmp_path / "order.pdf"
    pdf.write_bytes(render_pdf(plan, tpl))
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    words = docx_text(render_docx(plan, tpl))
    expected = sorted(pieces, key=lambda piece: ORDER.index(piece[0]))
    for lang in plan.languages:
        texts = [t[lang] for _, t in expected if lang in t]
        for fmt, text in (("pdf", raw), ("docx", words)):
            assert in_order(text, texts), (fmt, lang, fields, texts)
