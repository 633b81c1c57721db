"""Images checked before any writer touches them.

A figure's file must lie inside the content's folder (or one the caller
names), exist, be a PNG whose data inflates completely (no pixel is decoded)
or a JPEG that decodes completely, and stay below a pixel budget far under
Pillow's decompression-bomb limit: a handout never needs a 400-megapixel
picture, and python-docx and reportlab would embed one without looking.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image as PILImage

from . import png
from .errors import RenderError

MAX_PIXELS = 40_000_000  # 40 MP: an A3 page at 600 dpi is ~70 MP of which we use a column
FORMATS = {"PNG": "png", "JPEG": "jpeg"}


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


@lru_cache(maxsize=256)  # one entry per picture version: bounded for long runs
def _inspect(path: Path, size: int, mtime_ns: int) -> ImageInfo | str:
    """Decode the file once per version (check and the planner both ask): its facts, or
    why it cannot go into a document. ``size`` and ``mtime_ns`` key the cache."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(path) as img:
                fmt = img.format or ""
                width, height = img.size
                if width * height > MAX_PIXELS:
                    return (f"image {path} is {width}×{height} pixels "
                            f"({width * height / 1e6:.0f} MP), above the "
                            f"{MAX_PIXELS // 1_000_000} MP limit for a document image; "
                            "scale it down")
                if fmt not in FORMATS:
                    return f"{path} is a {fmt or 'unknown'} image; use PNG or JPEG"
                if fmt == "PNG":  # every byte inflated, no pixel decoded
                    png.verify(path)
                else:
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
