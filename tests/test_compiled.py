"""The modules mypyc compiles (see setup.py) do what the pure Python ones do: they are
compiled here from this source tree, as an install does; every example is rendered
both ways and compared byte for byte, and Chinese subsets converted with the compiled
charstring reader, the pure one and fontTools' own interpreter are the same bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*/*.yaml"))
RENDER = """
import sys
from pathlib import Path
import briefing
import briefing.writers.pdf.linebreak as linebreak
import briefing.writers.pdf.runs as runs
print(linebreak.__file__, runs.__file__)
for name in sys.argv[2:]:
    content = Path(name)
    for layout in ("parallel", "interleaved"):
        for fmt in ("pdf", "docx"):
            out = Path(sys.argv[1]) / f"{content.stem}-{layout}.{fmt}"
            out.write_bytes(briefing.render(content, format=fmt, layout=layout))
"""


def _render(tree: Path, out: Path) -> str:
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tree)}
    r = subprocess.run([sys.executable, "-c", RENDER, str(out), *map(str, EXAMPLES)],
                       env=env, capture_output=True, text=True, timeout=600, cwd=out)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip().splitlines()[0]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    """A copy of the package with the modules setup.py compiles built in place."""
    sys.path.insert(0, str(ROOT))
    try:
        from setup import COMPILED, MYPYC_ARGS
    finally:
        sys.path.remove(str(ROOT))
    tree = tmp_path_factory.mktemp("compiled")
    for folder in ("briefing", "templates", "translations"):
        shutil.copytree(ROOT / folder, tree / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    r = subprocess.run([sys.executable, "-m", "mypyc", *MYPYC_ARGS, *COMPILED], cwd=tree,
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return tree


def test_the_compiled_line_breaker_writes_the_same_bytes(compiled, tmp_path):
    fast = _render(compiled, tmp_path / "compiled").split()
    assert all(f.endswith(".so") for f in fast)
    pure = _render(ROOT, tmp_path / "pure").split()
    assert pure[0].endswith("linebreak.py") and pure[1].endswith("runs.py")
    names = sorted(p.name for p in (tmp_path / "pure").iterdir())
    assert len(names) == 4 * len(EXAMPLES)
    for name in names:
        assert (tmp_path / "compiled" / name).read_bytes() == \
            (tmp_path / "pure" / name).read_bytes(), name


FONT = """
import hashlib, sys
from briefing.fonts import builtin_font
import briefing.writers.pdf.charstrings as charstrings
from briefing.writers.pdf.fonts import build_font, zh_base
print(charstrings.__file__)
if sys.argv[1] == "fonttools":  # every glyph drawn by fontTools' own interpreter
    def refuse(*args):
        raise charstrings.Unsupported("drawn by fontTools")
    charstrings.outline = refuse
chars = frozenset(sorted(zh_base())[::25])  # 300 characters across GB 2312
for name in ("noto-serif-sc", "noto-sans-sc"):
    print(hashlib.sha256(build_font(builtin_font(name), chars, 400)).hexdigest())
"""


def _fonts(tree: Path, mode: str) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    r = subprocess.run([sys.executable, "-c", FONT, mode], env=env, capture_output=True,
                       text=True, timeout=600, cwd=tree)
    assert r.returncode == 0, r.stderr
    return r.stdout.split()


def test_the_compiled_charstring_reader_converts_the_same_fonts(compiled):
    """A Chinese subset converted with the compiled reader, the pure one and fontTools'
    interpreter: the same bytes."""
    fast, pure, theirs = (_fonts(compiled, "ours"), _fonts(ROOT, "ours"),
                          _fonts(ROOT, "fonttools"))
    assert fast[0].endswith(".so") and pure[0].endswith("charstrings.py")
    assert fast[1:] == pure[1:] == theirs[1:] and len(set(fast[1:])) == 2
