"""The folder where what is derived once per machine is kept between processes.

Converted fonts and, beside them, the fonts' coverage maps, the heading word
index, the parsed hyphenation patterns and the digests of the files these are
keyed by. ``BRIEFING_FONT_CACHE`` names the folder; otherwise it is
``briefing/fonts`` in the user's cache folder (``XDG_CACHE_HOME`` or
``~/.cache``). A cache that cannot be written is silently skipped: everything in
it can be derived again.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    """The per-machine cache folder (see the module's text)."""
    env = os.environ.get("BRIEFING_FONT_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefing" / "fonts"


def store(folder: Path, file: Path, data: bytes) -> None:
    """Write ``data`` to ``file`` in ``folder`` atomically (a reader sees the old file or
    the whole new one); a cache that cannot be written is silently skipped."""
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, file)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
