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
import hashlib
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


def store(file: Path, data: bytes) -> None:
    """Write ``data`` to ``file`` atomically (a reader sees the old file or the whole new
    one), making its folder if needed; a cache that cannot be written is silently
    skipped."""
    tmp = None
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
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


def key_of(path: Path, *more: str) -> str:
    """A cache file's name part for what is derived from the file at ``path``: its
    resolved path, size and modification time (and ``more``), hashed."""
    st = path.stat()
    text = "|".join([str(path.resolve()), str(st.st_size), str(st.st_mtime_ns), *more])
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def sealed(tag: bytes, payload: bytes) -> bytes:
    """``payload`` as a cache file keeps it: ``tag``, the payload's SHA-256, the payload."""
    return tag + hashlib.sha256(payload).digest() + payload


def unsealed(tag: bytes, data: bytes) -> bytes:
    """The payload of :func:`sealed` bytes; ValueError for anything else (another kind of
    file, or one cut short or changed)."""
    head = len(tag) + 32
    payload = data[head:]
    if data[:len(tag)] != tag or hashlib.sha256(payload).digest() != data[len(tag):head]:
        raise ValueError("not a sealed cache file of this kind")
    return payload
