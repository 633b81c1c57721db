"""Stand-in photos for the example briefings.

The examples' sources carry photos that cannot be shipped (or, for invented
articles, do not exist), so the examples use plainly labelled stand-ins: a
flat colour panel with the photo's English caption, its credit and the words
STAND-IN IMAGE. The output is deterministic (no clock, no randomness), so
drawing a stand-in again gives the same bytes.

Each picture is 2400×1600 pixels, tagged 300 dpi, so a photo printed across a
full A4 or Letter text column (up to about 20 cm) keeps at least 300 dpi. The
panels are flat colours, so they are saved with a 64-colour palette (about
50 KB each).

An example's ``make_images.py`` lists its stand-ins and calls :func:`make`::

    make(STAND_INS, HERE / "images")

The repository ships the files these scripts made, so the examples render from
a fresh clone; run a script again only to change its stand-ins.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 2400, 1600
DPI = 300
MARGIN = 144
PALETTE = 64  # colours: flat panels and anti-aliased text need no more
BORDER = 18

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
RGB = tuple[int, int, int]


@dataclass(frozen=True)
class StandIn:
    """One stand-in photo: its file name, panel colour, English caption and credit,
    and the note printed after the credit."""

    filename: str
    background: RGB
    caption: str
    credit: str
    note: str = "The original photo is not reproduced."


def font(size: int) -> Font:
    """Pillow's built-in font at ``size`` pixels (a bitmap font if FreeType is missing)."""
    return ImageFont.load_default(size=size)


def wrap(draw: ImageDraw.ImageDraw, text: str, face: Font, width: int) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` pixels."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=face) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def lighter(colour: RGB, amount: float) -> RGB:
    """``colour`` mixed with white: 0 keeps it, 1 gives white."""
    r, g, b = (round(c + (255 - c) * amount) for c in colour)
    return (r, g, b)


def draw_centred(
    draw: ImageDraw.ImageDraw, lines: list[str], face: Font, top: int, fill: RGB, gap: int
) -> int:
    """Draw ``lines`` centred horizontally from ``top``; return the y below the last."""
    y = top
    for line in lines:
        left, upper, right, lower = draw.textbbox((0, 0), line, font=face)
        draw.text(((WIDTH - (right - left)) / 2 - left, y - upper), line, font=face, fill=fill)
        y += (lower - upper) + gap
    return y


def render(stand_in: StandIn) -> Image.Image:
    """The stand-in picture for one photo."""
    image = Image.new("RGB", (WIDTH, HEIGHT), stand_in.background)
    draw = ImageDraw.Draw(image)
    frame = lighter(stand_in.background, 0.35)
    draw.rectangle(
        (BORDER, BORDER, WIDTH - 1 - BORDER, HEIGHT - 1 - BORDER), outline=frame, width=BORDER
    )
    # Diagonals mark the panel as a placeholder, as a missing-image box does.
    faint = lighter(stand_in.background, 0.12)
    draw.line((0, 0, WIDTH, HEIGHT), fill=faint, width=9)
    draw.line((0, HEIGHT, WIDTH, 0), fill=faint, width=9)

    label_face, caption_face, small_face = font(180), font(80), font(54)
    white: RGB = (255, 255, 255)
    text_width = WIDTH - 2 * MARGIN

    label = ["STAND-IN IMAGE"]
    caption = wrap(draw, stand_in.caption, caption_face, text_width)
    note = wrap(
        draw,
        f"{stand_in.credit}. {stand_in.note}",
        small_face,
        text_width,
    )
    y = draw_centred(draw, label, label_face, MARGIN + 60, white, 0)
    y = draw_centred(draw, caption, caption_face, y + 160, white, 32)
    note_colour = lighter(stand_in.background, 0.6)
    draw_centred(draw, note, small_face, max(y + 120, HEIGHT - MARGIN - 180), note_colour, 20)
    return image


def png(stand_in: StandIn) -> bytes:
    """The stand-in as PNG bytes: palette colours, tagged with its resolution."""
    data = io.BytesIO()
    panel = render(stand_in).quantize(colors=PALETTE, dither=Image.Dither.NONE)
    panel.save(data, format="PNG", dpi=(DPI, DPI), optimize=True)
    return data.getvalue()


def make(stand_ins: Iterable[StandIn], out_dir: Path) -> list[Path]:
    """Draw each stand-in into ``out_dir``; return the files written.

    A file that already holds the same bytes is left alone (never rewrite a
    file another process may be reading); a changed one is replaced atomically.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for stand_in in stand_ins:
        path = out_dir / stand_in.filename
        data = png(stand_in)
        if path.is_file() and path.read_bytes() == data:
            continue
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)  # atomic: a reader sees the old file or the new one
        written.append(path)
    return written


def main(stand_ins: Iterable[StandIn], out_dir: Path) -> None:
    """What an example's ``make_images.py`` runs: draw, and say which files changed."""
    root = Path(__file__).resolve().parent.parent
    for path in make(stand_ins, out_dir):
        shown = path.resolve()
        print(f"wrote {shown.relative_to(root) if shown.is_relative_to(root) else shown}")
