"""The library's notes (a long font build, said once per machine) on stderr, as the
command shows them: ``briefing: ...`` lines from the ``briefing`` logger."""

from __future__ import annotations

import logging
import sys
from typing import TextIO

#: The logger every module's notes go through (``logging.getLogger(__name__)`` below it).
NOTES = logging.getLogger("briefing")


def show_notes(stream: TextIO | None = None) -> logging.Handler:
    """Print the library's notes on ``stream`` (stderr); the handler, to remove when done."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("briefing: %(message)s"))
    NOTES.addHandler(handler)
    NOTES.setLevel(logging.INFO)
    return handler
