"""Streams compressed on a worker thread: the bytes reportlab's own filter writes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfdoc import PDFStreamFilterZCompress

from briefing.api import plan
from briefing.templates import load_template
from briefing.writers.pdf import render_pdf
from briefing.writers.pdf.deflate import Deflate

ROOT = Path(__file__).resolve().parents[1]
CONTENTS = [
    "1 0 0 1 0 0 cm BT /F1+0 10 Tf 12 TL 1 0 0 1 72 700 Tm (Liaoning) Tj ET\n" * 40,
    "BT (caf\u00e9 \u2014 \u4e2d\u6587) Tj ET\n",  # non-ASCII text: encoded as reportlab does
    bytes(range(256)) * 300,  # a font subset's bytes
    b"",
]


def _workers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("deflate")]


@pytest.mark.parametrize("content", CONTENTS, ids=["page", "unicode", "font", "empty"])
def test_the_same_bytes_as_reportlabs_filter(content: str | bytes) -> None:
    expected = PDFStreamFilterZCompress().encode(content)
    with Deflate() as d:  # not handed ahead: compressed when asked
        assert d.encode(content) == expected
    with Deflate() as d:
        d.ahead(content)
        assert d.encode(content) == expected
    with Deflate() as d:  # an equal content that is another object: compressed when asked
        d.ahead(content)
        other = content[:] if isinstance(content, bytes) else "".join(list(content))
        assert d.encode(other) == expected
        assert d.encode(content) == expected


def test_the_worker_stops_with_the_build() -> None:
    with Deflate() as d:
        for c in CONTENTS:
            d.ahead(c)
        assert _workers()
    assert not _workers()


def test_a_render_with_the_worker_is_the_render_without(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every stream handed ahead is final when it is handed: a page's content once its
    footer is in, the font subsets before the file is written."""
    tpl = load_template("handout")
    the_plan = plan(ROOT / "examples" / "liaoning" / "liaoning.yaml", layout="parallel",
                    template=tpl)
    handed: list[int] = []
    ahead = Deflate.ahead

    def counted(self: Deflate, content: str | bytes | None) -> None:
        handed.append(1)
        ahead(self, content)

    monkeypatch.setattr(Deflate, "ahead", counted)
    with_worker = render_pdf(the_plan, tpl)
    assert len(handed) > 20  # the pages and the font streams
    assert not _workers()
    monkeypatch.setattr(Deflate, "ahead", lambda self, content: None)
    assert render_pdf(the_plan, tpl) == with_worker
