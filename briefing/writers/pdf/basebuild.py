"""``python -m briefing.writers.pdf.basebuild FONT``: build the Chinese base of FONT
into the disk font cache (see :func:`briefing.writers.pdf.fonts.prepare_bases`, which
runs one per core when several bases are missing)."""

from __future__ import annotations

import sys
from pathlib import Path

from .fonts import zh_base_bytes


def main(argv: list[str]) -> int:
    for name in argv:
        zh_base_bytes(Path(name))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
