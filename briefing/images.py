"""Images checked before any writer touches them.

A figure's file must lie inside the content's folder (or one the caller
names), exist, be a PNG that is whole (read at the chunk level: every chunk
present and matching its CRC-32, nothing decoded) or a JPEG that decodes
completely, and stay below a pixel budget far under Pillow's decompression-bomb
limit: a handout never needs a 400-megapixel
picture, and python-docx and reportlab would embed one without looking.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import png
from .errors import RenderError

MAX_PIXELS = 40_000_000  # 40 MP: an A3 page at 600 dpi is ~70 MP of which we use a column
FORMATS = {"PNG": "png", "JPEG": "jpeg"}


def image_folder(origin: Path | None, image_dir: Path | None) -> Path:
    """Where a figure's relative path is read from: the folder the caller names, else the
    content file's, else (content built in Python) the working folder."""
    return image_dir or (origin.parent if origin else Path.cwd())


@dataclass(frozen=True)
class ImageInfo:
    path: Path
    format: str
    width: int
    height: int
    dpi: tuple[float, float] | None


def resolve(name: str, base_dir: Path, what: str) -> Path:
    """The file ``name`` inside ``base_dir``; refuse paths that escape it."""
    base = base_dir.resolve()
    path = (base / name).resolve()
    if not path.is_relative_to(base):
        raise RenderError(f"{what}: image path {name!r} leaves the content folder {base}; "
                          "images must lie inside it")
    return path


def probe(name: str, base_dir: Path, what: str) -> ImageInfo:
    """Check an image completely and return its facts, or raise RenderError."""
    path = resolve(name, base_dir, what)
    if not path.is_file():
        if path.exists():  # a FIFO or a device: never opened, so nothing waits on it
            raise RenderError(f"{what}: {path} is not a regular file (a pipe, socket, device "
                              "or folder); an image must be a PNG or JPEG file")
        raise RenderError(f"{what}: image file {path} does not exist")
    stat = path.stat()
    found = _inspect(path, stat.st_size, stat.st_mtime_ns)
    if isinstance(found, str):
        raise RenderError(f"{what}: {found}")
    return found


def _too_large(path: Path, width: int, height: int) -> str:
    return (f"image {path} is {width}×{height} pixels ({width * height / 1e6:.0f} MP), above "
            f"the {MAX_PIXELS // 1_000_000} MP limit for a document image; scale it down")


@lru_cache(maxsize=256)  # one entry per picture version: bounded for long runs
def _inspect(path: Path, size: int, mtime_ns: int) -> ImageInfo | str:
    """Check the file once per version (check and the planner both ask): its facts, or
    why it cannot go into a document. ``size`` and ``mtime_ns`` key the cache."""
    with path.open("rb") as fh:
        if fh.read(len(png.SIGNATURE)) == png.SIGNATURE:
            return _inspect_png(path)
    return _inspect_decoded(path)


def _inspect_png(path: Path) -> ImageInfo | str:
    """A PNG, read at the chunk level (no decoding, no Pillow): whole, every chunk
    matching its CRC-32, within the pixel budget; its resolution from ``pHYs``."""
    try:
        found = png.chunks(path.read_bytes(), check_crc=True)
        head = png.header(found)
        if not any(kind == b"IDAT" for kind, _ in found):
            raise png.PNGError("the file holds no image data (IDAT)")
        dpi = png.dpi(found)
    except png.PNGError as exc:
        return f"image {path} is corrupt or truncated ({exc})"
    if head.width * head.height > MAX_PIXELS:
        return _too_large(path, head.width, head.height)
    return ImageInfo(path, "png", head.width, head.height, dpi)


def _inspect_decoded(path: Path) -> ImageInfo | str:
    """Any other file, opened with Pillow and decoded in full (JPEG)."""
    from PIL import Image as PILImage

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(path) as img:
                fmt = img.format or ""
                width, height = img.size
                if width * height > MAX_PIXELS:
                    return _too_large(path, width, height)
                if fmt not in FORMATS:
                    return f"{path} is a {fmt or 'unknown'} image; use PNG or JPEG"
                img.load()  # decode every byte: a truncated or corrupt file fails here
                raw_dpi = img.info.get("dpi")
                if fmt == "JPEG" and img.mode not in ("RGB", "L"):
                    return (f"{path} is a {img.mode} JPEG; save it as RGB (or greyscale) "
                            "JPEG or PNG")
                if fmt == "JPEG" and not ({"jfif", "exif"} & set(img.info)):
                    return (f"{path} is a JPEG without a JFIF or Exif header, which Word "
                            "documents cannot embed; re-save it as a standard JPEG or PNG")
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        return (f"image {path} is above the {MAX_PIXELS // 1_000_000} MP limit for a "
                f"document image and too large to open safely ({exc}); scale it down")
    except PILImage.UnidentifiedImageError:
        return f"{path} is not an image (or is corrupt)"
    except (OSError, SyntaxError, ValueError) as exc:
        return f"image {path} is corrupt or truncated ({exc})"
    dpi = (float(raw_dpi[0]), float(raw_dpi[1])) if raw_dpi else None
    return ImageInfo(path, FORMATS[fmt], width, height, dpi)
