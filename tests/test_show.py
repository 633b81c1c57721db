"""Text shown by :func:`briefing.writers.pdf.show.show` is what reportlab's own
``setTextOrigin`` + ``textOut`` write: the same operators, subsets and PDF bytes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from briefing.writers.pdf import text as text_module
from briefing.writers.pdf.show import show, usable

#: reportlab's own Bitstream Vera (shipped with it), registered under two names so a
#: string can switch fonts; its ~250 characters fill a first subset and open a second.
FONTS = ("ShowVera", "ShowVeraBold")


@pytest.fixture(scope="module")
def fonts() -> tuple[str, ...]:
    for name, file in zip(FONTS, ("Vera.ttf", "VeraBd.ttf"), strict=True):
        pdfmetrics.registerFont(TTFont(name, file))
    return FONTS


def vera_characters() -> str:
    face = pdfmetrics.getFont(FONTS[0]).face
    return "".join(chr(c) for c in sorted(face.charToGlyph) if c > 32)


def draw(runs: list[tuple[str, float, float, str]], ours: bool) -> tuple[str, bytes]:
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    tx = canvas.beginText()
    for font, x, y, s in runs:
        tx.setFont(font, 11)
        if ours:
            assert usable(tx)
            show(tx, x, y, s)
        else:
            tx.setTextOrigin(x, y)
            tx.textOut(s)
    code = tx.getCode()
    canvas.drawText(tx)
    canvas.showPage()
    canvas.save()
    return code, out.getvalue()


def cases() -> list[list[tuple[int, float, float, str]]]:
    every = "".join(chr(c) for c in range(33, 0x250))  # more than Vera has: some unmapped
    return [
        [(0, 72, 700, "Growth of 8.3% (year on year)")],
        [(0, 72.125, 700.5, "back\\slash (paren) and ) alone")],
        [(0, 0, 0, "café — naïve “quoted” ½")],
        [(0, 72, 700, "first"), (1, 120.333333, 700, "bold"), (0, 150, 700, "plain again")],
        [(0, 72, 700 - 12 * i, every[i * 40:(i + 1) * 40]) for i in range(14)],
        [(i % 2, 10.0 * i, 500, every[::-1][i * 30:(i + 1) * 30]) for i in range(18)],
    ]


@pytest.mark.parametrize("case", cases())
def test_show_writes_what_reportlab_writes(fonts: tuple[str, ...],
                                           case: list[tuple[int, float, float, str]]) -> None:
    runs = [(fonts[f], x, y, s) for f, x, y, s in case]
    assert draw(runs, ours=True) == draw(runs, ours=False)


def test_every_character_of_the_font_spans_two_subsets(fonts: tuple[str, ...]) -> None:
    chars = vera_characters()
    assert len(chars) > 224  # the case below does open a second subset
    runs = [(fonts[0], 72, 700 - 12 * i, chars[i * 25:(i + 1) * 25]) for i in range(12)]
    code, pdf = draw(runs, ours=True)
    assert (code, pdf) == draw(runs, ours=False)
    assert "+1 11 Tf" in code  # reportlab's name for a font's second subset


def test_a_rendered_briefing_is_the_same_without_the_shortcut(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing

    path = Path(__file__).parent.parent / "examples" / "trade-port" / "trade-port.yaml"
    ours = briefing.render_bytes(path, "pdf", layout="parallel")
    monkeypatch.setattr(text_module, "usable", lambda tx: False)
    assert briefing.render_bytes(path, "pdf", layout="parallel") == ours
