"""Where the shipped templates/ and translations/ folders are.

In a source checkout they are the top-level folders beside ``briefing/``; in
an installed wheel they are ``briefing/_templates`` and ``briefing/translations``
(``briefing/templates.py`` is the template model, hence the underscore).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@lru_cache(maxsize=16)
def data_dir(name: str) -> Path:
    for candidate in (_PKG / f"_{name}", _PKG / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the {name}/ folder of the briefing package is missing")


def templates_dir() -> Path:
    return data_dir("templates")


def translations_dir() -> Path:
    return data_dir("translations")
