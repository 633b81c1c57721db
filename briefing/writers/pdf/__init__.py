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
  keywords, ``/Lang``), a one-pass build whose footers are set when the page
  count is known, in the place each page left for its own (bookmarks land on
  the pages their headings are drawn on);
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
* render, same process again (warm) ≈ 0.5 s.

(These figures are older than the speed work; ``benchmarks/bench_speed.py`` and
the README's speed table have today's.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .document import render_pdf, render_pdf_lines

__all__ = ["render_pdf", "render_pdf_lines"]


def __getattr__(name: str) -> Any:
    """The entry points, imported when first asked for: the DOCX writer uses
    :mod:`.fonts` alone, without the typesetter, reportlab's layout engine and the rest."""
    if name in __all__:
        from . import document

        return getattr(document, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
