"""How many cores this process may use (the batch's workers, the font builders)."""

from __future__ import annotations

import os


def cores() -> int:
    """The cores this process may use: its CPU affinity where the platform tells it,
    else the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1
