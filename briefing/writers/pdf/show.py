"""Text shown at a point of a reportlab text object, as its own calls write it.

A paragraph is drawn as thousands of short runs (a word, a stretch of Chinese in
one face), each placed on its own: ``setTextOrigin`` then ``textOut``. Those two
calls also measure the string (to advance a cursor nobody reads here) and go
through the general text path for every kind of font. :func:`show` writes the
same operators for a subset TrueType font, which is what every face of a render
is: the text matrix, the subset's font when it changes, and the string in each
subset (the codes of characters the document has met, looked up by
:func:`.runs.split_assigned`; reportlab assigns codes to new ones).
``tests/test_show.py`` compares its output with reportlab's own calls, so a
reportlab that writes text differently fails there, not in a print shop.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont

from .runs import split_assigned


def show(tx: Any, x: float, y: float, text: str) -> None:
    """``tx.setTextOrigin(x, y); tx.textOut(text)`` for the text object's current font, when
    :func:`usable` says so. The cursor reportlab keeps (which nothing here reads) is left
    at the origin, not advanced past the text."""
    font = getFont(tx._fontname)
    doc = tx._canvas._doc
    tx._x0 = tx._x = x
    tx._y0 = tx._y = y
    tx._code.append(f"1 0 0 1 {fp_str(x, y)} Tm")
    parts: list[str] = []
    select = ""
    state = font.state.get(doc)
    pieces = split_assigned(text, state.assignments) if state is not None else None
    for subset, piece in pieces if pieces is not None else font.splitString(text, doc):
        if subset != tx._curSubset:
            if not select:
                select = f"{fp_str(tx._fontsize)} Tf {fp_str(tx._leading)} TL"
            parts.append(f"{font.getSubsetInternalName(subset, doc)} {select}")
            tx._curSubset = subset
        parts.append(f"({escapePDF(piece)}) Tj")
    tx._code.append(" ".join(parts))


def usable(tx: Any) -> bool:
    """Can :func:`show` stand in for reportlab's calls on ``tx`` with its current font (a
    font reportlab subsets, on a canvas drawn bottom-up as reportlab's default is)?"""
    return bool(tx._canvas.bottomup and getFont(tx._fontname)._dynamicFont)
