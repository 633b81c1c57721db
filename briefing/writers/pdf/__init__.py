"""The print-ready PDF writer: ``render_pdf(plan, template) -> bytes``.

Reads only the document plan and the template; every string is final.

How it is built (one module per concern):

* :mod:`.fonts` — the template's fonts as small static TrueType subsets:
  CFF outlines (Noto Serif SC / Noto Sans SC ``.otf``) converted by
  :mod:`.charstrings` (a charstring reader, compiled by mypyc at install, that
  makes and packs what fontTools' ``Cu2QuPen`` and ``TTGlyphPen`` make),
  variable Latin fonts instanced at weight 400/700
  with ``fontTools.varLib.instancer``; cached on disk (atomic writes; memory
  only if the cache folder is not writable) and in the process. Every font in
  the PDF is embedded and subset; the canvas's initial font is ours, so
  reportlab's Helvetica never appears. A character no font can set is a
  :class:`~briefing.errors.RenderError` listing it.
* :mod:`.linebreak` — pure Chinese/English line-breaking rules and a total-fit
  line breaker; :mod:`.text` — the paragraph flowable that uses them
  (justification spreads slack over every gap; no widows or orphans).
* :mod:`.styles`, :mod:`.blocks`, :mod:`.flowables`, :mod:`.layouts` — the look,
  plan blocks → flowables, level column pairs and keep-with-next chains, the
  four layouts.
* :mod:`.tagging`, :mod:`.structure` — tagged PDF: structure elements made with
  the flowables in plan order, marked content (MCIDs, artifacts) written while
  drawing, then the structure tree, parent tree, ``/MarkInfo``, languages and
  the XMP packet added to reportlab's document before it is saved.
* :mod:`.furniture` — header, footer "第 X 页 共 Y 页 · Page X of Y" from the plan's
  pieces, outline, metadata (title shown by the viewer, author, subject,
  keywords, ``/Lang``), two-pass build so bookmarks land on the right pages;
  :mod:`.printboxes` — A4/Letter, mirrored margins, bleed, crop marks, TrimBox
  and BleedBox on every page; :mod:`.cmaps` — ToUnicode maps in blocks of at most 100
  entries, so the text survives a Ghostscript rewrite.

Output is reproducible: reportlab's invariant mode (fixed ID, creation date =
the plan's date or a fixed epoch), font subsets built with fixed timestamps,
deterministic subset prefixes; two renders are byte-identical (tested).

Measured with ``benchmarks/bench_pdf.py`` on the Liaoning example, parallel
layout (23 A4 pages, four 2400×1600 pictures, ~800 KiB), 2 CPUs, CPython 3.11,
reportlab 5.1, fontTools 4.68:

* fonts: converting the subsets the first time (empty cache: Noto Serif SC
  ~1,400 characters, Noto Sans SC ~300, four Latin instances) ≈ 2.5 s; from
  the disk cache ≈ 0.05 s;
* render, new process, fonts cached on disk ≈ 0.6 s; empty font cache ≈ 3.1 s;
* render, same process again (warm) ≈ 0.5 s. Both layout passes are in these
  figures; the counting pass skips glyphs and pictures and reuses the line
  breaks, so it costs about a third of the drawing pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import RenderError, TemplateError
from ...plan import LANG_TAGS, Plan
from ...templates import Template
from .blocks import texts_by_family
from .fonts import load_fonts
from .furniture import Furniture, build
from .inks import Inks
from .layouts import Layouter
from .printboxes import Geometry
from .structure import add_structure
from .styles import Styles
from .text import Typesetter, memo_for

if TYPE_CHECKING:
    from reportlab.pdfbase.pdfdoc import PDFDocument

__all__ = ["render_pdf", "render_pdf_lines"]


def render_pdf(plan: Plan, template: Template) -> bytes:
    """The PDF of ``plan`` set with ``template``'s page, fonts, sizes and colours."""
    return render_pdf_lines(plan, template)[0]


def render_pdf_lines(plan: Plan, template: Template) -> tuple[bytes, list[str]]:
    """The PDF and the text of every line it draws, in order (for line-breaking checks)."""
    if not plan.items:
        raise RenderError("the document plan is empty: nothing to render")
    styles = Styles(template, plan.layout)
    fonts = load_fonts(template, texts_by_family(plan, styles))
    try:
        inks = Inks(_profile(template)) if template.print.colour == "cmyk" else None
        ts = Typesetter(fonts, inks, memo=memo_for(fonts))
        g = Geometry.from_template(template)
        layouter = Layouter(plan, template, styles, ts, g)
        first = layouter.story()  # builds every text block: missing glyphs are known now
        fonts.raise_missing()
        stories = iter([first])

        def story() -> list:
            return next(stories, None) or layouter.story()

        furniture = Furniture(plan, styles, ts, g, header_on_first=plan.items[0].kind != "title")
        initial = fonts.latin[("serif", False)].name
        # every language a cell may hold: a one-language plan's glossary has both
        tags = {**LANG_TAGS, **dict(zip(plan.languages, plan.meta.languages, strict=True))}

        def tagged(doc: PDFDocument) -> None:
            add_structure(doc, layouter.struct.root, plan.meta.language, tags,
                          plan.meta.languages)

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
