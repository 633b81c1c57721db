"""``python -m briefing.writers.pdf.basebuild FONT...``: build the Chinese base of each
FONT into the disk font cache, then the subsets listed on standard input (a JSON list
of [font, characters, weight]: a render's Latin instances); see
:func:`briefing.writers.pdf.fonts.prepare_bases`, which runs one per core when bases
are missing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ...notes import show_notes
from .fonts import font_bytes, zh_base_bytes


def main(argv: list[str]) -> int:
    """``--announce`` first: say on stderr, as the command does, which font is built."""
    if argv[:1] == ["--announce"]:
        argv = argv[1:]
        show_notes(sys.stderr)
    try:
        for name in argv:
            zh_base_bytes(Path(name))
        for font, chars, weight in json.loads(sys.stdin.read() or "[]"):
            font_bytes(Path(font), frozenset(chars), int(weight))
    except Exception:  # noqa: BLE001 - the render builds what a helper did not store
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
