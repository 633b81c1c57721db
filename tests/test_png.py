"""PNG at the chunk level: the guard finds a broken file without decoding it, and the
PDF embeds the PNG's own data only where a reader shows exactly the decoded picture."""

import random
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageChops

import briefing
from briefing import png


def picture(path: Path, mode: str, *, size: tuple[int, int] = (53, 37), **save: object) -> Path:
    """A noisy picture (no two rows alike) saved as PNG in ``mode``."""
    noise = random.Random(7).randbytes(size[0] * size[1] * 3)
    img = Image.frombytes("RGB", size, noise)
    if mode.startswith("P"):
        img = img.convert("P", palette=Image.Palette.ADAPTIVE, colors=int(mode[1:]))
    elif mode == "I;16":
        img = img.convert("L").convert("I;16")
    else:
        img = img.convert(mode)
    img.save(path, "PNG", **save)
    return path


def interlaced(path: Path) -> Path:
    """The PNG at ``path`` with its header saying Adam7 (Pillow writes no interlaced PNG;
    only the header matters here)."""
    raw = bytearray(path.read_bytes())
    raw[28] = 1  # the interlace byte of IHDR
    raw[29:33] = struct.pack(">I", zlib.crc32(bytes(raw[12:29])))
    path.write_bytes(bytes(raw))
    return path


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: picture(p, "L"), (0, 8)),
        (lambda p: picture(p, "RGB"), (2, 8)),
        (lambda p: picture(p, "P256"), (3, 8)),
        (lambda p: picture(p, "P16", bits=4), (3, 4)),
        (lambda p: picture(p, "P2", bits=1), (3, 1)),
        (lambda p: picture(p, "RGBA"), None),  # alpha: decoded, with a soft mask
        (lambda p: picture(p, "LA"), None),
        (lambda p: picture(p, "I;16"), None),  # 16 bits
        (lambda p: interlaced(picture(p, "RGB")), None),
        (lambda p: picture(p, "RGB", transparency=(1, 2, 3)), None),  # a transparent colour
        (lambda p: p.write_bytes(b"GIF89a" + b"\0" * 40) and p, None),
    ],
    ids=["grey", "rgb", "palette-8", "palette-4", "palette-1", "rgba", "grey-alpha", "16-bit",
         "interlaced", "trns", "not-png"],
)
def test_which_pngs_pass_through(tmp_path, make, expected):
    path = make(tmp_path / "p.png")
    data = png.passthrough(path)
    if expected is None:
        assert data is None
    else:
        assert data is not None
        assert (data.header.colour_type, data.header.bit_depth) == expected


def cut(path: Path, n: int) -> None:
    path.write_bytes(path.read_bytes()[:n])


def flip(path: Path, at: float) -> None:
    raw = bytearray(path.read_bytes())
    raw[int(len(raw) * at)] ^= 0x55
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda p: None, None),
        (lambda p: cut(p, 100), "ends inside its IDAT chunk"),
        (lambda p: cut(p, len(p.read_bytes()) - 2), "ends inside its IEND chunk"),
        (lambda p: cut(p, len(p.read_bytes()) - 12), "ends before its IEND chunk"),
        (lambda p: flip(p, 0.5), "does not match its checksum"),
        (lambda p: p.write_bytes(b"not a png"), "not a PNG"),
    ],
    ids=["whole", "cut-in-data", "cut-in-end", "no-end", "flipped-byte", "not-png"],
)
def test_verify_finds_a_broken_png_without_decoding(tmp_path, damage, message):
    path = picture(tmp_path / "p.png", "RGB", size=(400, 300))
    damage(path)
    if message is None:
        png.verify(path)
    else:
        with pytest.raises(png.PNGError, match=message):
            png.verify(path)


@pytest.mark.parametrize(("mode", "save"), [("L", {}), ("RGB", {}), ("P256", {}),
                                            ("P16", {"bits": 4}), ("RGBA", {})],
                         ids=["grey", "rgb", "palette-8", "palette-4", "rgba-decoded"])
def test_embedded_picture_shows_exactly_the_decoded_pixels(mini, tmp_path, mode, save):
    """poppler's pdfimages reads the picture back out of the PDF: the same pixels."""
    lab = mini.parent / "images" / "lab.png"
    with Image.open(lab) as old:
        size = old.size
    picture(lab, mode, size=size, **save)
    pdf = tmp_path / "out.pdf"
    briefing.render(mini, pdf, force=True)
    subprocess.run(["pdfimages", "-png", str(pdf), str(tmp_path / "x")], check=True)
    shown = Image.open(tmp_path / "x-000.png").convert("RGB")
    with Image.open(lab) as original:
        assert ImageChops.difference(shown, original.convert("RGB")).getbbox() is None
