"""Runs of text and fields, each tagged with its language and East Asian font."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ...plan import LangCode
from ...script import has_chinese
from . import ooxml as ox
from .ooxml import Element
from .styles import StyleSheet


class RunWriter:
    """Adds runs to paragraphs; every run says which language it is in.

    Word tags a run per script: ``w:eastAsia`` for its Chinese characters and
    ``w:val`` for its Latin ones (digits, names, acronyms). Every run says
    zh-CN for the first and the template's English for the second, so a
    figure such as 30.8% inside Chinese text is not broken as Chinese. A run
    with Chinese names its East Asian font (the one its paragraph style
    resolves to, so a reference document's choice stands); a Chinese run also
    hints East Asian so quotation marks and dashes take full-width forms.
    """

    def __init__(self, styles: StyleSheet):
        self.styles = styles
        self.english = styles.template.docx.english_tag

    def properties(self, p: Paragraph, text: str, lang: LangCode | None) -> Element:
        rpr = OxmlElement("w:rPr")
        if lang == "zh" or has_chinese(text):
            font = self.styles.east_asia_font(_style_of(p, self.styles.style_id("normal")))
            ox.set_fonts(rpr, None, font, hint_east_asia=lang == "zh")
        ox.set_lang(rpr, self.english, "zh-CN")
        return rpr

    def text(self, p: Paragraph, text: str, lang: LangCode | None) -> None:
        if not text:
            return
        run = p.add_run(text)
        _put_rpr(run._r, self.properties(p, text, lang))

    def field(self, p: Paragraph, instr: str, cached: str, lang: LangCode | None) -> None:
        """A live field (``PAGE``, ``SEQ Figure``) showing ``cached`` until updated."""
        rpr = self.properties(p, cached, lang)
        for run in ox.field_runs(instr, cached, rpr):
            p._p.append(run)


def _style_of(p: Paragraph, default: str) -> str:
    ppr = p._p.pPr
    if ppr is not None:
        style = ppr.find(qn("w:pStyle"))
        if style is not None:
            return style.get(qn("w:val")) or default
    return default


def _put_rpr(r: Element, rpr: Element) -> None:
    old = r.find(qn("w:rPr"))
    if old is not None:
        r.remove(old)
    r.insert(0, rpr)
