"""Reusable term bases: glossary files that content includes by path.

``briefing:NAME`` names a term base shipped with the library under
``translations/terms/NAME.yaml``; any other entry is a path relative to the
content file. :func:`briefing.load` reads and merges both kinds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .resources import translations_dir

BUILTIN_PREFIX = "briefing:"
SECTIONS = ("units", "people", "organisations", "terms")


def builtin_path(name: str) -> Path:
    """The file of the shipped term base ``briefing:NAME``; ValueError if none ships."""
    path = translations_dir() / "terms" / f"{name}.yaml"
    if name not in builtin_names():  # never a path: briefing:../../secrets is no name
        raise ValueError(
            f"unknown term base {BUILTIN_PREFIX}{name}; shipped: "
            + ", ".join(BUILTIN_PREFIX + n for n in builtin_names())
        )
    return path


def builtin_names() -> list[str]:
    return sorted(p.stem for p in (translations_dir() / "terms").glob("*.yaml"))


def merge_glossaries(base: dict[str, Any], local: Any) -> dict[str, Any]:
    """Entries of ``local`` override those of ``base`` with the same id."""
    out: dict[str, Any] = {k: dict(base.get(k) or {}) for k in SECTIONS}
    if isinstance(local, dict):
        for key, value in local.items():
            if key in SECTIONS and isinstance(value, dict):
                out[key].update(value)
            else:
                out[key] = value  # let validation report it
    return out
