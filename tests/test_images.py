"""Images are checked before any writer touches them; nothing is written on failure."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

import briefing
from briefing.errors import RenderError


def png_claiming(path: Path, width: int, height: int) -> None:
    """A PNG whose header claims a huge size (a decompression bomb's calling card)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
                     + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def jpeg_without_app0(path: Path) -> None:
    """A JPEG whose JFIF (APP0) segment is cut out, as some cameras and tools write."""
    buf = io.BytesIO()
    Image.new("RGB", (300, 200), (90, 120, 150)).save(buf, "JPEG")
    data = buf.getvalue()
    assert data[2:4] == b"\xff\xe0"
    length = int.from_bytes(data[4:6], "big")
    path.write_bytes(data[:2] + data[4 + length:])


def set_image(mini: Path, name: str) -> None:
    text = mini.read_text(encoding="utf-8").replace("image: images/lab.png", f"image: {name}")
    mini.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize(
    ("prepare", "message"),
    [
        (lambda d: None, "does not exist"),
        (lambda d: (d / "images" / "bad.png").write_text("hello", encoding="utf-8"),
         "is not an image"),
        (lambda d: (d / "images" / "bad.png").write_bytes(
            (d / "images" / "lab.png").read_bytes()[:4000]), "corrupt or truncated"),
        (lambda d: png_claiming(d / "images" / "bad.png", 20000, 20000), "40 MP limit"),
        (lambda d: png_claiming(d / "images" / "bad.png", 9000, 9000), "(81 MP), above the 40"),
        (lambda d: (d / "images" / "bad.png").write_bytes(b"GIF89a" + b"\x00" * 64),
         "not an image"),
        (lambda d: Image.new("CMYK", (300, 200)).save(d / "images" / "bad.png", "JPEG"),
         "is a CMYK JPEG"),
        (lambda d: jpeg_without_app0(d / "images" / "bad.png"), "without a JFIF or Exif"),
        (lambda d: __import__("os").mkfifo(d / "images" / "bad.png"), "not a regular file"),
    ],
    ids=["missing", "not-an-image", "truncated", "decompression-bomb", "oversized",
         "garbage-gif", "cmyk-jpeg", "jpeg-without-jfif", "fifo"],
)
def test_bad_image_is_refused_and_nothing_is_written(mini, tmp_path, fmt, prepare, message):
    set_image(mini, "images/bad.png")
    prepare(mini.parent)
    out = tmp_path / f"out.{fmt}"
    with pytest.raises(RenderError) as info:
        briefing.render(mini, out, force=True)  # past check: the writers' own guard
    assert message in str(info.value)
    assert "figure 1" in str(info.value) and "bad.png" in str(info.value)
    assert not out.exists()


@pytest.mark.parametrize("name", ["../outside.png", "/etc/passwd", "images/../../x.png"])
def test_image_path_outside_the_content_folder_is_refused(mini, tmp_path, name):
    (mini.parent.parent / "outside.png").write_bytes((mini.parent / "images" / "lab.png")
                                                     .read_bytes())
    set_image(mini, name)
    with pytest.raises(RenderError, match="leaves the content folder"):
        briefing.render(mini, format="pdf", force=True)


def test_caller_named_image_folder(mini, tmp_path):
    elsewhere = tmp_path / "photos"
    (elsewhere / "images").mkdir(parents=True)
    (elsewhere / "images" / "lab.png").write_bytes(
        (mini.parent / "images" / "lab.png").read_bytes())
    (mini.parent / "images" / "lab.png").unlink()
    data = briefing.render(mini, format="pdf", image_dir=str(elsewhere))  # check passes too
    assert isinstance(data, bytes) and data.startswith(b"%PDF")


def test_check_reports_a_bad_image_as_an_error(mini):
    set_image(mini, "images/nope.png")
    report = briefing.check(mini)
    assert [f.code for f in report.errors] == ["figure-image"]


@pytest.mark.parametrize("colour", ["rgb", "cmyk"])
def test_a_transparent_background_shows_the_paper_not_black(mini, tmp_path, colour):
    """An RGBA PNG whose background is transparent black: the screen PDF keeps its alpha
    as a soft mask; the print PDF (no transparency) flattens it on white."""
    import subprocess

    picture = Image.new("RGBA", (1600, 1000), (0, 0, 0, 0))
    for x in range(600, 1000):
        for y in range(300, 700):
            picture.putpixel((x, y), (30, 80, 200, 255))
    picture.save(mini.parent / "images" / "logo.png")
    set_image(mini, "images/logo.png")
    out = tmp_path / "t.pdf"
    from briefing.templates import load_template

    briefing.render(mini, out, force=True,
                    template=load_template("handout").with_colour(colour))
    listed = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True,
                            check=True).stdout
    if colour == "rgb":
        assert " smask " in listed
    else:
        assert " smask " not in listed and " cmyk " in listed
        subprocess.run(["pdfimages", "-png", str(out), str(tmp_path / "img")], check=True)
        shown = [Image.open(p) for p in sorted(tmp_path.glob("img-*.png"))]
        corner = next(im for im in shown if im.size == (1600, 1000)).convert("RGB")
        assert min(corner.getpixel((5, 5))) > 240  # the paper, not black
