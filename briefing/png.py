"""PNG files read at the chunk level: the header, the palette and the image data.

Two uses, both without decoding pixels: the image guard checks that a PNG is
whole, every chunk present and matching its CRC-32 (:func:`verify`), and the
PDF writer embeds the image data as it is, since a PDF ``FlateDecode`` filter
with PNG predictors reads PNG's own row filters (:func:`passthrough`). Only
what a PDF can take as it is passes through: 8-bit grey or RGB, or a palette
of 1 to 8 bits, non-interlaced, without alpha or a transparent colour;
anything else is ``None`` and the caller falls back to decoding.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

SIGNATURE = b"\x89PNG\r\n\x1a\n"
GREY, RGB, PALETTE, GREY_ALPHA, RGBA = 0, 2, 3, 4, 6
CHANNELS = {GREY: 1, RGB: 3, PALETTE: 1, GREY_ALPHA: 2, RGBA: 4}


class PNGError(ValueError):
    """The file is not a well-formed PNG (cut short, or its data is corrupt)."""


@dataclass(frozen=True)
class Header:
    width: int
    height: int
    bit_depth: int
    colour_type: int
    interlaced: bool


@dataclass(frozen=True)
class PNGData:
    """What a PDF image XObject needs to show a PNG without decoding it."""

    header: Header
    palette: bytes | None  # RGB triples of a palette image
    data: bytes  # the zlib stream of the IDAT chunks, joined

    @property
    def colours(self) -> int:
        return CHANNELS[self.header.colour_type]


def _name(kind: bytes) -> str:
    """A chunk's type as a message shows it: IDAT, or its bytes escaped (b'\\x00\\x00…')."""
    return kind.decode("ascii") if kind.isalpha() else repr(kind)


def chunks(raw: bytes, check_crc: bool = False) -> list[tuple[bytes, bytes]]:
    """(type, data) of every chunk up to IEND; raises PNGError for a cut-short file
    (and, with ``check_crc``, for a chunk whose bytes do not match its CRC-32)."""
    if not raw.startswith(SIGNATURE):
        raise PNGError("not a PNG file")
    out: list[tuple[bytes, bytes]] = []
    pos = len(SIGNATURE)
    while True:
        if pos + 8 > len(raw):
            raise PNGError("the file ends before its IEND chunk")
        length, kind = struct.unpack(">I4s", raw[pos:pos + 8])
        end = pos + 8 + length + 4
        if end > len(raw):
            raise PNGError(f"the file ends inside its {_name(kind)} chunk")
        data = raw[pos + 8:pos + 8 + length]
        if check_crc and zlib.crc32(data, zlib.crc32(kind)) != struct.unpack(
                ">I", raw[end - 4:end])[0]:
            raise PNGError(f"the {_name(kind)} chunk does not match its checksum")
        out.append((kind, data))
        pos = end
        if kind == b"IEND":
            return out


def header(found: list[tuple[bytes, bytes]]) -> Header:
    if not found or found[0][0] != b"IHDR" or len(found[0][1]) != 13:
        raise PNGError("the file does not start with an IHDR chunk")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", found[0][1])
    if colour not in CHANNELS:
        raise PNGError(f"unknown PNG colour type {colour}")
    return Header(width, height, depth, colour, interlace != 0)


def dpi(found: list[tuple[bytes, bytes]]) -> tuple[float, float] | None:
    """The resolution a ``pHYs`` chunk gives in pixels per metre, as dots per inch (as
    Pillow reports it), or None."""
    data = next((data for kind, data in found if kind == b"pHYs"), None)
    if data is None:
        return None
    if len(data) < 9:
        raise PNGError("the pHYs chunk is cut short")
    x, y, unit = struct.unpack(">IIB", data[:9])
    return (x * 0.0254, y * 0.0254) if unit == 1 else None


def verify(path: Path) -> None:
    """Check that a PNG is whole without inflating or decoding it: every chunk is
    complete up to IEND and matches its CRC-32, the header is sound, and there is
    image data. Raises PNGError."""
    found = chunks(path.read_bytes(), check_crc=True)
    header(found)
    if not any(kind == b"IDAT" for kind, _ in found):
        raise PNGError("the file holds no image data (IDAT)")


def passthrough(path: Path) -> PNGData | None:
    """The PNG's data as a PDF can embed it, or None when it must be decoded instead
    (alpha, a transparent colour, 16 bits, interlacing, or a malformed file)."""
    try:
        found = chunks(path.read_bytes())
        head = header(found)
    except (OSError, PNGError):
        return None
    kinds = {kind for kind, _ in found}
    if head.interlaced or b"tRNS" in kinds:
        return None
    if head.colour_type in (GREY, RGB):
        if head.bit_depth != 8:
            return None
    elif head.colour_type != PALETTE or head.bit_depth not in (1, 2, 4, 8):
        return None
    palette = None
    if head.colour_type == PALETTE:
        palette = next((data for kind, data in found if kind == b"PLTE"), None)
        if not palette or len(palette) % 3 or len(palette) > 768:
            return None
    data = b"".join(data for kind, data in found if kind == b"IDAT")
    return PNGData(head, palette, data) if data else None
