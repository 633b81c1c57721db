"""Runs of text and fields, each tagged with its language and East Asian font."""

from __future__ import annotations

from docx.oxml.text.run import CT_R
from docx.text.paragraph import Paragraph

from ...plan import LangCode
from ...script import has_chinese
from . import ooxml as ox
from .styles import StyleSheet

#: What python-docx's run text turns into elements of their own (tabs, line breaks).
_SPECIAL = frozenset("\t\r\n")


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

    def text(self, p: Paragraph, text: str, lang: LangCode | None) -> None:
        if not text:
            return
        if lang != "zh" and any(ch.isdigit() for ch in text):
            # a number stays on the line of its unit (11.658 million kW), as in the PDF
            from ..pdf.linebreak import held

            text = held(text)
        if _SPECIAL.isdisjoint(text):  # the run python-docx's add_run writes, made directly
            r = ox.new_element("w:r")
            t = ox.new_element("w:t")
            t.text = text
            if len(text.strip()) < len(text):
                t.set(ox.XML_SPACE, "preserve")
            r.append(t)
            p._p.append(r)
            self._tag(p, r, text, lang)
        else:  # tabs and line breaks become their elements
            self._tag(p, p.add_run(text)._r, text, lang)

    def field(self, p: Paragraph, instr: str, cached: str, lang: LangCode | None,
              dirty: bool = False) -> None:
        """A live field (``PAGE``, ``SEQ Figure``) showing ``cached`` until updated
        (``dirty``: marked stale, so Word recomputes it when it opens the file)."""
        for mark in (ox.field_char("begin", dirty), ox.instr_text(instr),
                     ox.field_char("separate"),
                     None, ox.field_char("end")):
            run = p.add_run(cached if mark is None else None)
            self._tag(p, run._r, cached, lang)
            if mark is not None:
                run._r.append(mark)

    def _tag(self, p: Paragraph, r: CT_R, text: str, lang: LangCode | None) -> None:
        rpr = r.get_or_add_rPr()
        if lang == "zh" or has_chinese(text):
            font = self.styles.paragraph_font(p)
            ox.set_script_fonts(rpr, font, hint_east_asia=lang == "zh")
        ox.set_lang(rpr, self.english, "zh-CN")
