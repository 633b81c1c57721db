"""The DOCX writer: a document plan and a template in, the bytes of a .docx out.

It reads only the plan (every string final, every number formatted, every
block in order) and the template (page, fonts, sizes, colours, an optional
reference document whose styles win). The modules split the work by concern:

- :mod:`.styles`: the named style set and the role → style map;
- :mod:`.ooxml`: what python-docx has no API for (East Asian fonts, fields, borders, alt text);
- :mod:`.runs`: runs tagged with language and East Asian font;
- :mod:`.blocks`: paragraphs, captions, tables and pictures;
- :mod:`.layouts`: parallel columns, interleaved, single language;
- :mod:`.furniture`: page size and margins, header, footer;
- :mod:`.fontembed`: the font subsets the document uses, embedded as Word embeds them;
- :mod:`.package`: core properties and the reproducible zip.
"""

from __future__ import annotations

from zipfile import BadZipFile

from docx import Document as open_document
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError

from ...errors import RenderError
from ...plan import Plan
from ...templates import Template
from .blocks import BlockWriter
from .fontembed import embed
from .furniture import set_language_settings, setup_page, write_furniture
from .layouts import write_items
from .package import drop_stale_parts, reproducible_bytes, set_properties
from .runs import RunWriter
from .styles import StyleSheet

__all__ = ["render_docx"]


def render_docx(plan: Plan, template: Template) -> bytes:
    """The .docx of ``plan`` in ``template``'s look; identical input, identical bytes.

    Raises :class:`~briefing.errors.RenderError` for a picture that cannot be
    embedded, an unreadable reference document, or plan content this writer
    does not know.
    """
    document, own_styles, source = _base_document(template)
    styles = StyleSheet(document, template, own_styles, source)
    runs = RunWriter(styles)
    set_language_settings(document, template)
    frame = setup_page(document, template)
    write_furniture(document, plan, runs)
    write_items(document, plan, BlockWriter(styles, runs, frame.height), frame)
    embed(document, plan, template)
    set_properties(document, plan.meta)
    return reproducible_bytes(document)


def _base_document(template: Template) -> tuple[Document, bool, object]:
    """python-docx's blank document (styles ours to define) or the template's reference,
    and what it came from (the reference's file, size and time: an edited one is new)."""
    if template.docx.reference_doc is None:
        document = open_document()
        drop_stale_parts(document)
        return document, True, "blank"
    path = template.asset(template.docx.reference_doc)
    try:
        stat = path.stat()
        document = open_document(str(path))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError, OSError) as exc:
        raise RenderError(f"template {template.name!r}: reference document {path} is not a "
                          f"readable .docx ({exc})") from None
    document._body.clear_content()  # keeps the section properties
    return document, False, (str(path), stat.st_size, stat.st_mtime_ns)
