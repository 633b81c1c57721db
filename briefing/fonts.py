"""Font files for each role, and which characters they can set.

``builtin:NAME`` names a font shipped by a dependency package (so a fresh
``pip install`` needs no system font); any other value is a path relative to
the template folder (see :meth:`briefing.templates.Template.font_file`).
"""

from __future__ import annotations

import contextlib
import importlib
import struct
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from .diskcache import cache_dir, key_of, sealed, store, unsealed
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


@lru_cache(maxsize=16)  # found once per process (a failed lookup raises and is not kept)
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


#: The cmap subtables fontTools' ``getBestCmap`` prefers, in its order.
CMAP_ORDER = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


#: Unicode's code points, and the bytes of a bitmap of them all.
UNICODE, _BITMAP = 0x110000, 0x110000 // 8
#: A coverage's cache file starts with this (then its bits' SHA-256, then the bits).
_SEAL = b"briefing-coverage-1\n"


class Coverage:
    """The code points a font has glyphs for, as a bitmap of Unicode up to the last of
    them: 24 KB for a Chinese font (its last in the CJK compatibility supplement), 8 KB
    for a Latin one, never more than 136 KB (a Chinese font's 31,000 code points took
    3 MB as a set of numbers, and a family's union as much again, in every process that
    renders)."""

    __slots__ = ("_bits",)

    def __init__(self, bits: bytes) -> None:
        if len(bits) > _BITMAP:
            raise ValueError("a coverage is a bitmap of Unicode's code points, no more")
        self._bits = bits.rstrip(b"\0")  # the same set, one way

    @classmethod
    def of(cls, codes: Iterable[int]) -> Coverage:
        bits = bytearray(_BITMAP)
        for cp in codes:
            if 0 <= cp < UNICODE:
                bits[cp >> 3] |= 1 << (cp & 7)
        return cls(bytes(bits))

    @classmethod
    def union(cls, *parts: Coverage) -> Coverage:
        """What any of ``parts`` has."""
        n = 0
        for part in parts:
            n |= int.from_bytes(part._bits, "little")
        return cls(n.to_bytes(_BITMAP, "little"))

    def holds(self, other: Coverage) -> bool:
        """Does this coverage have every code point ``other`` has?"""
        mine = int.from_bytes(self._bits, "little")
        theirs = int.from_bytes(other._bits, "little")
        return mine & theirs == theirs

    def __contains__(self, cp: object) -> bool:
        return (isinstance(cp, int) and cp >= 0 and cp >> 3 < len(self._bits)
                and bool(self._bits[cp >> 3] >> (cp & 7) & 1))

    def __iter__(self) -> Iterator[int]:
        for i, byte in enumerate(self._bits):
            if byte:
                yield from (8 * i + b for b in range(8) if byte >> b & 1)

    def __len__(self) -> int:
        return int.from_bytes(self._bits, "little").bit_count()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Coverage) and self._bits == other._bits

    def __hash__(self) -> int:
        return hash(self._bits)

    def sealed(self) -> bytes:
        """The bitmap as a cache file keeps it (:func:`briefing.diskcache.sealed`)."""
        return sealed(_SEAL, self._bits)

    @classmethod
    def unsealed(cls, data: bytes) -> Coverage:
        """The coverage of :meth:`sealed` bytes; ValueError for anything else (a file cut
        short or changed)."""
        return cls(unsealed(_SEAL, data))


@lru_cache(maxsize=32)  # a font file's coverage: a template names four
def coverage(path: Path) -> Coverage:
    """Code points the font at ``path`` has glyphs for.

    Read from the font's best cmap subtable directly (formats 4 and 12, what
    fonts carry), as fontTools' ``getBestCmap`` would; any other font or format
    is read with fontTools. The four shipped fonts' maps take milliseconds
    this way, not the tenth of a second fontTools spends on each, and are kept
    in the per-machine cache (:mod:`briefing.diskcache`) under the file's path,
    size and modification time: a new process reads the four bitmaps (well under
    a millisecond) instead of 10 to 20 ms of reading maps and setting bits.
    """
    file = cache_dir() / f"coverage-{key_of(path)}.bin"
    with contextlib.suppress(OSError, ValueError):
        return Coverage.unsealed(file.read_bytes())
    found = _cmap_codes(path)
    if found is not None:
        cov = Coverage.of(found)
    else:
        from fontTools.ttLib import TTFont

        font = TTFont(path, lazy=True, fontNumber=0)
        try:
            cov = Coverage.of(font.getBestCmap() or {})
        finally:
            font.close()
    store(file, cov.sealed())
    return cov


def tables(data: bytes) -> dict[bytes, tuple[int, int]] | None:
    """The table directory of an sfnt font (tag -> offset, length), or None when the
    data is not one font (a collection, or not a font)."""
    if len(data) < 12 or data[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        return None
    (count,) = struct.unpack_from(">H", data, 4)
    out: dict[bytes, tuple[int, int]] = {}
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        out[tag] = (offset, length)
    return out


def _cmap_codes(path: Path) -> frozenset[int] | None:
    """The code points of the font's best cmap subtable, reading only the table
    directory and the cmap table; None when fontTools must read the font."""
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
            if len(head) < 12:
                return None
            (count,) = struct.unpack_from(">H", head, 4)
            where = tables(head + fh.read(16 * count))
            if where is None or b"cmap" not in where:
                return None
            offset, length = where[b"cmap"]
            fh.seek(offset)
            cmap = fh.read(length)
        (count,) = struct.unpack_from(">H", cmap, 2)
        subtables: dict[tuple[int, int], int] = {}
        for i in range(count):
            platform, encoding, at = struct.unpack_from(">HHI", cmap, 4 + 8 * i)
            subtables.setdefault((platform, encoding), at)
        start = next((subtables[k] for k in CMAP_ORDER if k in subtables), None)
        if start is None:
            return None
        (fmt,) = struct.unpack_from(">H", cmap, start)
        if fmt == 4:
            return _format4(cmap, start)
        if fmt == 12:
            return _format12(cmap, start)
    except (OSError, struct.error, ValueError):
        pass
    return None


@lru_cache(maxsize=32)
def axes(path: Path) -> tuple[str, ...]:
    """The variation axes of a variable font (``("wdth", "wght")``), () for a static one."""
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
            if len(head) < 12:
                return ()
            (count,) = struct.unpack_from(">H", head, 4)
            where = tables(head + fh.read(16 * count)) or {}
            if b"fvar" not in where:
                return ()
            offset, length = where[b"fvar"]
            fh.seek(offset)
            fvar = fh.read(length)
        array, _, n, size = struct.unpack_from(">HHHH", fvar, 4)
        return tuple(fvar[array + size * i:array + size * i + 4].decode("latin-1")
                     for i in range(n))
    except (OSError, struct.error):
        return ()


def _format4(data: bytes, at: int) -> frozenset[int]:
    (seg2,) = struct.unpack_from(">H", data, at + 6)
    n = seg2 // 2
    ends = struct.unpack_from(f">{n}H", data, at + 14)
    starts = struct.unpack_from(f">{n}H", data, at + 16 + seg2)
    deltas = struct.unpack_from(f">{n}h", data, at + 16 + 2 * seg2)
    offsets_at = at + 16 + 3 * seg2
    offsets = struct.unpack_from(f">{n}H", data, offsets_at)
    out: set[int] = set()
    for i in range(n - 1):  # the last segment (0xFFFF) maps nothing, as in fontTools
        first, last, delta, offset = starts[i], ends[i], deltas[i], offsets[i]
        if offset == 0:
            out.update(c for c in range(first, last + 1) if (c + delta) & 0xFFFF)
            continue
        ids_at = offsets_at + 2 * i + offset
        ids = struct.unpack_from(f">{last - first + 1}H", data, ids_at)
        out.update(c for c, g in zip(range(first, last + 1), ids, strict=True)
                   if g and (g + delta) & 0xFFFF)
    return frozenset(out)


def _format12(data: bytes, at: int) -> frozenset[int]:
    (groups,) = struct.unpack_from(">I", data, at + 12)
    out: set[int] = set()
    for i in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, at + 16 + 12 * i)
        out.update(range(first + (glyph == 0), last + 1))
    return frozenset(out)


@lru_cache(maxsize=32)
@lru_cache(maxsize=16)  # a family's fonts: the check asks for every text of a briefing
def _union(*paths: Path) -> Coverage:
    return Coverage.union(*(coverage(p) for p in paths))


def missing_glyphs(text: str, serif: tuple[Path, ...], sans: tuple[Path, ...]) -> list[str]:
    """Characters of ``text`` that the ``serif`` fonts or the ``sans`` fonts cannot set.

    Body text is set in serif, headings, tables and captions in sans, so a
    character must exist in both families (in the Chinese or the Latin face).
    """
    serif_set, sans_set = _union(*serif), _union(*sans)
    return [ch for ch in dict.fromkeys(text)  # each character once, in order of first use
            if not ch.isspace() and (ord(ch) not in serif_set or ord(ch) not in sans_set)]
