"""Concurrency and the font cache: processes and threads render the same bytes; a damaged
cache is rebuilt, not trusted; a cache that cannot be written falls back to memory."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import briefing

ROOT = Path(__file__).resolve().parent.parent
RENDER = ("import sys, briefing; b = briefing.load(sys.argv[1]); "
          "open(sys.argv[2], 'wb').write(briefing.render(b, format='pdf', force=True))")


def _render_in_processes(mini: Path, out: Path, cache: Path, n: int) -> list[bytes]:
    env = {**os.environ, "BRIEFING_FONT_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", RENDER, str(mini), str(out / f"{i}.pdf")],
                              env=env, stderr=subprocess.PIPE) for i in range(n)]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    return [(out / f"{i}.pdf").read_bytes() for i in range(n)]


def test_processes_with_one_empty_font_cache_make_identical_valid_pdfs(mini, tmp_path):
    cache = tmp_path / "cache"
    outputs = _render_in_processes(mini, tmp_path, cache, 3)
    assert len(set(outputs)) == 1
    pdf = tmp_path / "0.pdf"
    assert subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True).returncode == 0
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows)  # every font embedded
    assert not [p for p in cache.iterdir() if p.name.endswith(".tmp")]


def test_threads_in_one_process_make_the_same_pdf_as_one_render(mini):
    b = briefing.load(mini)
    single = briefing.render(b, format="pdf", force=True)
    results: list[bytes] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(briefing.render(b, format="pdf", force=True))  # type: ignore[arg-type]
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors and len(results) == 4
    assert all(r == single for r in results)


def test_a_damaged_cached_font_is_rebuilt(mini, tmp_path):
    cache = tmp_path / "cache"
    first = _render_in_processes(mini, tmp_path, cache, 1)[0]
    fonts = sorted(cache.glob("*.ttf"))
    assert fonts
    for f in fonts:  # cut short, but still starting like a TrueType font
        f.write_bytes(f.read_bytes()[: len(f.read_bytes()) // 2])
    second = _render_in_processes(mini, tmp_path, cache, 1)[0]
    assert second == first
    assert all(f.stat().st_size > 1000 and b"briefing-font-sha256:" in f.read_bytes()
               for f in sorted(cache.glob("*.ttf")))


def test_a_cache_folder_that_cannot_be_written_falls_back_to_memory(mini, tmp_path):
    """/proc refuses new folders and files even to root."""
    outputs = _render_in_processes(mini, tmp_path, Path("/proc/briefing-font-cache"), 1)
    assert outputs[0].startswith(b"%PDF")
