"""Atomic output: a failure never leaves a half-written file or destroys a good one."""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from pathlib import Path

from .errors import RenderError

_UMASK_LOCK = threading.Lock()


def _new_file_mode() -> int:
    """The mode a new file gets under the process's umask (0666 less the umask)."""
    with _UMASK_LOCK:  # reading the umask means setting it: not at the same time twice
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over.

    Missing folders are made; a new file gets the mode the umask allows, a replaced
    file keeps its own mode; a failure or an interruption leaves neither a partial
    nor a temporary file, and an earlier good file stays. A symbolic link is written
    through: the file it points to is replaced, the link stays.
    """
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise RenderError(f"cannot write {path}: it is a folder; name a file")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RenderError(f"cannot write {path}: cannot make the folder {folder} "
                          f"({exc.strerror})") from None
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mode = _new_file_mode()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise RenderError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise RenderError(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
