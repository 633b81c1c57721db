"""Embedded fonts: the subsets a document uses, in Word's obfuscated font parts.

A machine without the Noto fonts would substitute its own (a sans for the
serif). So the document carries them, as Word does when "Embed fonts in the
file" and "Embed only the characters used" are on (ECMA-376 Part 1, 17.8):

* each face is a static TrueType subset holding the characters of the plan
  (plus a fixed set), built by the same converter the PDF writer uses (so the
  DOCX and the PDF set the same outlines; a Chinese face is cut from the PDF
  writer's fixed Chinese base, so a new briefing converts no outlines) and
  renamed to the family name the document asks for (``Noto Serif CJK SC`` …):
  a reader matches an embedded font by that name. The Noto fonts are under
  the SIL Open Font License, which allows embedding, subsetting and renaming
  (their only reserved font name is "Source");
* each is stored as ``word/fonts/fontN.odttf``, its first 32 bytes XORed with
  the font key (a GUID, read backwards), and named in ``word/fontTable.xml``
  (``w:embedRegular`` / ``w:embedBold``, ``w:subsetted``);
* ``w:embedTrueTypeFonts`` and ``w:saveSubsetFonts`` in the settings ask Word
  to keep them when it saves.

The key is derived from the font's bytes, so equal input gives equal output.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.parser import parse_xml

from ...errors import RenderError, TemplateError
from ...fonts import coverage
from ...plan import PageField, Plan
from ...script import is_wide
from ...templates import Template
from ..pdf.fonts import (
    BOLD,
    FIXED_CHARS,
    REGULAR,
    chinese_fonts,
    font_bytes,
    is_variable,
    prepare_bases,
    zh_base_chars,
)
from . import ooxml as ox
from .styles import BULLET

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"


@dataclass(frozen=True)
class Face:
    """One embedded face: the family the document names, bold or not, the font's bytes."""

    family: str
    bold: bool
    data: bytes
    serif: bool
    chinese: bool


def faces(plan: Plan, template: Template) -> list[Face]:
    """The template's fonts, subset to the plan's characters and named as the DOCX names
    them; the Latin fonts in regular and bold (headings are bold), the Chinese in regular."""
    f = template.fonts
    text = "".join(plan.texts()) + plan.header + "".join(
        p for p in plan.footer if not isinstance(p, PageField)) + plan.grid_caption \
        + plan.grid_description
    chars = frozenset(text + BULLET) | FIXED_CHARS  # and the list bullet the styles draw
    try:
        prepare_bases(chinese_fonts(template))
    except TemplateError as exc:
        raise RenderError(str(exc)) from None
    out: list[Face] = []
    seen: set[tuple[str, bool]] = set()
    for role, family, serif in (("zh_serif", f.docx_zh_serif, True),
                                ("zh_sans", f.docx_zh_sans, False),
                                ("latin_serif", f.docx_latin_serif, True),
                                ("latin_sans", f.docx_latin_sans, False)):
        try:
            path = template.font_file(role)
        except TemplateError as exc:
            raise RenderError(str(exc)) from None
        cov = coverage(path)
        subset = frozenset(c for c in chars if ord(c) in cov)
        weights = [REGULAR, BOLD] if role.startswith("latin") and is_variable(path) \
            else [REGULAR]
        for weight in weights:
            bold = weight >= BOLD
            if (family, bold) in seen:
                continue
            seen.add((family, bold))
            chinese = role.startswith("zh")
            # cut from the PDF's Chinese base (no conversion), unless the plan has Chinese
            # characters beyond it (朱镕基, 經濟): then converted from the font, those with the
            # rest, since a DOCX names one face per family (a € or a bullet beyond the base
            # is set in the Latin face, as Word sets it)
            cut = chinese and not any(map(is_wide, subset - zh_base_chars(path)))
            data = font_bytes(path, subset, weight, from_base=cut, named=(family, bold))
            out.append(Face(family, bold, data, serif, chinese))
    return out


def font_key(data: bytes) -> str:
    """A GUID for the font, from its bytes (so equal fonts get equal keys)."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 font obfuscation: the first 32 bytes XORed with the key's 16 bytes, taken
    from the GUID's hex digits read from the end. Its own inverse."""
    digits = key.strip("{}").replace("-", "")
    mask = bytes(int(digits[i:i + 2], 16) for i in range(30, -2, -2))
    head = bytes(b ^ mask[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


def embed(document: Document, plan: Plan, template: Template) -> None:
    """Add the plan's font subsets to ``document`` and name them in its font table."""
    table_part = document.part.part_related_by(RT.FONT_TABLE)
    fonts = parse_xml(table_part.blob)
    package = document.part.package
    for n, face in enumerate(faces(plan, template), start=1):
        key = font_key(face.data)
        part = Part(PackURI(f"/word/fonts/font{n}.odttf"), OBFUSCATED_FONT,
                    obfuscate(face.data, key), package)
        rel_id = table_part.relate_to(part, RT.FONT)
        ox.embed_font(fonts, face.family, face.bold, rel_id, key, face.chinese, face.serif)
    table_part._blob = serialize_part_xml(fonts)
    settings = document.settings.element
    ox.set_setting(settings, ox.el("w:embedTrueTypeFonts"))
    ox.set_setting(settings, ox.el("w:saveSubsetFonts"))
