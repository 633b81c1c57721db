"""The review document: a DOCX for translators who work in Word, read back by import.

One table row per unit: id, Chinese, English, status, comment. Each reference is a
locked, shaded content control showing the figure or name it renders to; Word
will not let a user type over it or delete it, and import reads the control's tag
back as the reference code. An English cell holding only its codes (as exported
for an untranslated unit) counts as empty.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt
from docx.table import _Cell

from .units import Job, Piece, State, TranslationError, Unit

TAG = "briefing-ref:"
HEADER = ("id", "Chinese", "English", "status", "comment")
SHADE = "D9E2F3"
_STATUS: dict[State, str] = {"new": "new", "translated": "translated", "review": "review"}


def _token(code_id: str, shown: str) -> BaseOxmlElement:
    """A locked content control that shows a reference: [130.83 billion yuan]."""
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    for name, value in (("w:alias", "reference"), ("w:tag", TAG + code_id),
                        ("w:lock", "sdtContentLocked")):
        el = OxmlElement(name)
        el.set(qn("w:val"), value)
        pr.append(el)
    sdt.append(pr)
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    shd = OxmlElement("w:shd")
    for attr, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", SHADE)):
        shd.set(qn(attr), value)
    rpr.append(shd)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = f"[{shown}]"
    text.set(qn("xml:space"), "preserve")
    run.append(text)
    content.append(run)
    sdt.append(content)
    return sdt


def _fill(cell: _Cell, pieces: Sequence[Piece]) -> None:
    p = cell.paragraphs[0]
    for piece in pieces:
        if isinstance(piece, str):
            p.add_run(piece)
        else:
            p._p.append(_token(piece.id, piece.shown or piece.ref))


def write(units: Sequence[Unit]) -> bytes:
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(9)
    document.add_heading("Translation review", level=1)
    document.add_paragraph(
        "Write the English in the third column. Shaded [tokens] are figures and names the "
        "briefing fills in: keep each one, move it where the English needs it, do not "
        "retype it. Set the status to translated or review; add a comment if you like.")
    table = document.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = title
    for u in units:
        row = table.add_row().cells
        row[0].text = u.id
        _fill(row[1], u.source)
        if u.target is not None:
            _fill(row[2], u.target)
        else:
            codes = [c for c in u.source if not isinstance(c, str)]
            _fill(row[2], [p for c in codes for p in (c, " ")][:-1])
        row[3].text = _STATUS[u.state]
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


#: What a run's children say: text, a tab, a line break (Shift+Enter), a carriage return,
#: a non-breaking hyphen (Ctrl+Shift+-); an optional hyphen (Ctrl+-) is no text.
_RUN_TEXT = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
             qn("w:noBreakHyphen"): "\u2011", qn("w:softHyphen"): ""}


def _hidden(run: BaseOxmlElement) -> bool:
    """Is the run hidden text (Ctrl+Shift+H), which Word does not show?"""
    vanish = run.find(f"{qn('w:rPr')}/{qn('w:vanish')}")
    return vanish is not None and vanish.get(qn("w:val"), "true") not in ("0", "false", "off")


def _symbol(sym: BaseOxmlElement) -> str:
    """The character of an Insert → Symbol (w:sym): its code, a symbol font's private-use
    code (F020–F0FF) read as the character it stands in for."""
    try:
        code = int(sym.get(qn("w:char"), ""), 16)
    except ValueError:
        return ""
    return chr(code - 0xF000 if 0xF020 <= code <= 0xF0FF else code)
#: What the text of a paragraph does not include: properties, and what tracked changes
#: deleted or moved away (their runs hold w:delText, or w:t inside w:moveFrom).
_NOT_TEXT = {qn("w:pPr"), qn("w:del"), qn("w:moveFrom")}


def _walk(el: BaseOxmlElement, pieces: list[str | tuple[str]]) -> None:
    """The text and reference tokens under ``el`` in order, as Word shows the document
    with every tracked change accepted: runs inside insertions, hyperlinks, smart tags
    and fields count; deleted and moved-away text, and hidden text, do not."""
    for child in el.iterchildren():
        tag = child.tag
        if tag == qn("w:r"):
            if _hidden(child):
                continue
            for part in child.iterchildren():
                if part.tag == qn("w:t"):
                    pieces.append(part.text or "")
                elif part.tag in _RUN_TEXT:
                    pieces.append(_RUN_TEXT[part.tag])
                elif part.tag == qn("w:sym"):
                    pieces.append(_symbol(part))
        elif tag == qn("w:sdt"):
            found = child.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
            value = found.get(qn("w:val")) if found is not None else ""
            if value and value.startswith(TAG):
                pieces.append((value[len(TAG):],))
            else:  # some other control: its content as text
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    _walk(content, pieces)
        elif tag not in _NOT_TEXT and isinstance(tag, str):
            _walk(child, pieces)


def _cell_pieces(cell: _Cell) -> list[str | tuple[str]]:
    pieces: list[str | tuple[str]] = []
    for n, p in enumerate(cell.paragraphs):
        if n:
            pieces.append("\n")
        _walk(p._p, pieces)
    return pieces


def read(path: Path) -> list[Job]:
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds for a damaged file
        raise TranslationError(f"{path}: not a review document python-docx can read "
                               f"({type(exc).__name__})") from None
    tables = [t for t in document.tables
              if t.rows and tuple(c.text.strip() for c in t.rows[0].cells) == HEADER]
    if not tables:
        raise TranslationError(f"{path}: no review table (a header row of "
                               f"{', '.join(HEADER)})")
    out: list[Job] = []
    for n, row in enumerate(tables[0].rows[1:], start=2):
        cells = row.cells
        uid = cells[0].text.strip()
        pieces = _cell_pieces(cells[2])
        if not any(isinstance(p, str) and p.strip() for p in pieces):
            pieces = []  # only the exported codes: not translated yet
        status = cells[3].text.strip().lower()
        state: State = status if status in ("new", "translated", "review") else \
            "translated"  # type: ignore[assignment]
        if not uid:
            raise TranslationError(f"{path}: row {n}: the id cell is empty")
        out.append((uid, pieces, state, _cell_pieces(cells[1])))
    return out
