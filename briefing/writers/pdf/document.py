"""The PDF of a plan: fonts, layout and drawing, tagging and print colours together
(the writer's entry points, which :mod:`briefing.writers.pdf` hands out)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...collector import paused
from ...errors import RenderError, TemplateError
from ...plan import LANG_TAGS, Plan
from ...templates import Template
from .blocks import texts_by_family
from .fonts import load_fonts
from .furniture import Furniture, build
from .hyphens import hyphenator
from .layouts import Layouter
from .printboxes import Geometry
from .structure import add_structure
from .styles import Styles
from .text import Typesetter, memo_for
from .words import index

if TYPE_CHECKING:
    from reportlab.pdfbase.pdfdoc import PDFDocument


def _per_machine() -> None:
    """Build what the layout derives once per machine, the heading word index and the
    parsed hyphenation patterns (the first render on a machine builds them while the
    helpers that build its fonts finish)."""
    index()
    hyphenator()


def render_pdf(plan: Plan, template: Template) -> bytes:
    """The PDF of ``plan`` set with ``template``'s page, fonts, sizes and colours."""
    return render_pdf_lines(plan, template)[0]


def render_pdf_lines(plan: Plan, template: Template) -> tuple[bytes, list[str]]:
    """The PDF and the text of every line it draws, in order (for line-breaking checks)."""
    if not plan.items:
        raise RenderError("the document plan is empty: nothing to render")
    with paused():  # the garbage collector: see briefing.collector
        return _render(plan, template)


def _render(plan: Plan, template: Template) -> tuple[bytes, list[str]]:
    styles = Styles(template, plan.layout)
    fonts = load_fonts(template, texts_by_family(plan, styles), meanwhile=_per_machine)
    try:
        inks = None
        if template.print.colour == "cmyk":  # (Pillow's colour management: only then)
            from .inks import Inks

            inks = Inks(_profile(template))
        ts = Typesetter(fonts, inks, memo=memo_for(fonts))
        g = Geometry.from_template(template)
        layouter = Layouter(plan, template, styles, ts, g)
        story = layouter.story()  # builds every text block: missing glyphs are known now
        fonts.raise_missing()

        furniture = Furniture(plan, styles, ts, g, header_on_first=plan.items[0].kind != "title")
        initial = fonts.latin[("serif", False)].name
        # every language a cell may hold: a one-language plan's glossary has both
        tags = {**LANG_TAGS, **dict(zip(plan.languages, plan.meta.languages, strict=True))}

        def tagged(doc: PDFDocument) -> None:
            add_structure(doc, layouter.struct.root, plan.meta.language, tags,
                          plan.meta.languages, plan.meta.titles)

        data = build(plan, g, furniture, ts, initial, story, template.one_page, tagged)
        if inks is not None:
            data = inks.add_output_intent(data)
    finally:
        fonts.release()  # reportlab may forget them once the process holds many
    return data, ts.lines


def _profile(template: Template) -> Path:
    try:
        return template.icc_profile_file()
    except TemplateError as exc:
        raise RenderError(f"print.icc_profile: {exc}") from None
