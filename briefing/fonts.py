"""Font files for each role, and which characters they can set.

``builtin:NAME`` names a font shipped by a dependency package (so a fresh
``pip install`` needs no system font); any other value is a path relative to
the template folder (see :meth:`briefing.templates.Template.font_file`).
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont

from .errors import TemplateError

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


@lru_cache(maxsize=32)  # a font file's coverage: a template names four
def coverage(path: Path) -> frozenset[int]:
    """Code points the font at ``path`` has glyphs for."""
    font = TTFont(path, lazy=True, fontNumber=0)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


@lru_cache(maxsize=32)
def _union(*paths: Path) -> frozenset[int]:
    return frozenset().union(*(coverage(p) for p in paths))


def missing_glyphs(text: str, serif: tuple[Path, ...], sans: tuple[Path, ...]) -> list[str]:
    """Characters of ``text`` that the ``serif`` fonts or the ``sans`` fonts cannot set.

    Body text is set in serif, headings, tables and captions in sans, so a
    character must exist in both families (in the Chinese or the Latin face).
    """
    serif_set, sans_set = _union(*serif), _union(*sans)
    out: dict[str, None] = {}
    for ch in text:
        if not ch.isspace() and (ord(ch) not in serif_set or ord(ch) not in sans_set):
            out.setdefault(ch, None)
    return list(out)
