"""Font files for each role, and which characters they can set.

``builtin:NAME`` names a font shipped by a dependency package (so a fresh
``pip install`` needs no system font); any other value is a path relative to
the template folder. Writers and ``briefing check`` share this resolution.
"""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from fontTools.ttLib import TTFont

from .errors import TemplateError

if TYPE_CHECKING:
    from .templates import Template

#: builtin name -> (module, file inside the module's folder)
BUILTIN: dict[str, tuple[str, str]] = {
    "noto-serif-sc": ("pylopdf_fonts_zh_cn", "NotoSerifSC-Regular.otf"),
    "noto-sans-sc": ("pylopdf_fonts_zh_cn", "NotoSansSC-Regular.otf"),
    "noto-serif": ("fontpkg_noto_serif", "files/NotoSerif[wdth,wght].ttf"),
    "noto-sans": ("fontpkg_noto_sans", "files/NotoSans[wdth,wght].ttf"),
}
PREFIX = "builtin:"
ROLES = ("zh_serif", "zh_sans", "latin_serif", "latin_sans")


def builtin_font(name: str) -> Path:
    if name not in BUILTIN:
        raise TemplateError(f"unknown built-in font {PREFIX}{name}; known: "
                            + ", ".join(PREFIX + n for n in BUILTIN))
    module, rel = BUILTIN[name]
    try:
        mod = importlib.import_module(module)
    except ImportError:
        raise TemplateError(f"the font package {module} is not installed "
                            "(it is a dependency of briefing; reinstall briefing)") from None
    path = Path(mod.__file__ or "").parent / rel
    if not path.is_file():
        raise TemplateError(f"font file {path} is missing from package {module}")
    return path


def font_path(template: Template, role: str) -> Path:
    """The font file the template uses for ``role`` (zh_serif, zh_sans, latin_serif ...)."""
    value: str = getattr(template.fonts, role)
    if value.startswith(PREFIX):
        return builtin_font(value[len(PREFIX):])
    return template.asset(value)


@cache
def coverage(path: Path) -> frozenset[int]:
    """Code points the font at ``path`` has glyphs for."""
    font = TTFont(path, lazy=True, fontNumber=0)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def is_cjk(ch: str) -> bool:
    """Characters the Chinese font sets: Han, CJK punctuation, full-width forms."""
    cp = ord(ch)
    return (0x2E80 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0xFF00 <= cp <= 0xFFEF
            or 0x3000 <= cp <= 0x303F or cp in (0x201C, 0x201D, 0x2018, 0x2019, 0x2014,
                                                0x2026, 0x00B7))


def missing_glyphs(text: str, template: Template) -> list[str]:
    """Characters of ``text`` that no font of the template can set, in order."""
    zh = coverage(font_path(template, "zh_serif"))
    latin = coverage(font_path(template, "latin_serif"))
    out: dict[str, None] = {}
    for ch in text:
        if ch.isspace():
            continue
        cp = ord(ch)
        if cp not in zh and cp not in latin:
            out.setdefault(ch, None)
    return list(out)
