"""The cyclic garbage collector paused while a document is set.

Setting a document allocates hundreds of thousands of small objects that live
until its bytes are written (atoms, lines, runs, reportlab's flowables and page
operators). Each 700 allocations start a collection, and every tenth of those
walks the older objects too: about 5% of a bilingual PDF, and nothing is freed,
since almost everything is still in use. :func:`paused` stops the automatic
collections for the length of a render; the garbage it leaves in cycles is
collected by the next automatic collection after it. Measured on the example at
20 times its length, the peak memory was lower, not higher (maximum resident set
155,000 → 145,000 KiB).

The collector is process-wide: with renders on several threads, it is paused from
the first render's start to the last one's end, and left off if it was off before.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_active = 0  # renders under way
_was_enabled = False  # the collector's state when the first of them started


@contextmanager
def paused() -> Iterator[None]:
    """No automatic garbage collection inside the block (see the module's text)."""
    global _active, _was_enabled
    with _lock:
        if _active == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _was_enabled:
                gc.enable()
