"""Shared fixtures: content copied beside generated stand-in images."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    """The read-only ../shared folder beside the checkout (or the workplace's copy)."""
    for candidate in (ROOT.parent / "shared", Path("/work/shared")):
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared"


def modules_loaded(code: str, cwd: Path | None = None) -> set[str]:
    """The modules a new interpreter holds once it has run ``code`` (which must succeed):
    what a piece of the library imports, seen from a clean start."""
    marker = "--- modules ---"
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\nprint({marker!r})\n"
                          "print('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, check=True, cwd=cwd).stdout
    return set(out.split(marker, 1)[1].split())


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


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """With BRIEFING_NO_SKIP=1 (scripts/test sets it) a skipped test fails: CI has
    every real client installed, so a skip there would hide a broken install."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("BRIEFING_NO_SKIP") == "1" and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped where nothing may skip: {report.longrepr}"
