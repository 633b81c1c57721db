"""Shared fixtures: content copied beside generated stand-in images."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

FIXTURES = Path(__file__).parent / "fixtures"


def make_image(path: Path, size: tuple[int, int] = (2100, 1400)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    img = Image.new("RGB", size, (200, 210, 220))
    ImageDraw.Draw(img).rectangle([40, 40, size[0] - 40, size[1] - 40], outline=(60, 60, 60),
                                  width=8)
    img.save(path, dpi=(300, 300))
    return path


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """tests/fixtures/mini.yaml in a temporary folder with its image."""
    target = tmp_path / "mini.yaml"
    shutil.copy(FIXTURES / "mini.yaml", target)
    make_image(tmp_path / "images" / "lab.png")
    return target
