"""Reusable term bases: glossary files that content includes by path.

``briefing:NAME`` names a term base shipped with the library under
``translations/terms/NAME.yaml``; any other entry is a path relative to the
content file (resolved by :func:`briefing.load`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .resources import translations_dir

BUILTIN_PREFIX = "briefing:"
SECTIONS = ("people", "organisations", "terms")


def builtin_path(name: str) -> Path:
    return translations_dir() / "terms" / f"{name}.yaml"


def builtin_names() -> list[str]:
    return sorted(p.stem for p in (translations_dir() / "terms").glob("*.yaml"))


@cache
def _builtin(name: str) -> dict[str, Any]:
    path = builtin_path(name)
    if not path.is_file():
        raise ValueError(
            f"unknown term base {BUILTIN_PREFIX}{name}; shipped: "
            + ", ".join(BUILTIN_PREFIX + n for n in builtin_names())
        )
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


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


def merge_builtin(data: Any) -> Any:
    """Fold ``briefing:NAME`` includes of raw content data into its glossary."""
    if not isinstance(data, dict):
        return data
    includes = data.get("include") or []
    if not isinstance(includes, list):
        return data
    base: dict[str, Any] = {}
    for entry in includes:
        if isinstance(entry, str) and entry.startswith(BUILTIN_PREFIX):
            base = merge_glossaries(base, _builtin(entry[len(BUILTIN_PREFIX):]))
        elif isinstance(entry, str):
            raise ValueError(
                f"include {entry!r}: file includes are resolved by briefing.load(); "
                "a briefing built in Python can only include briefing:NAME term bases"
            )
    if not base:
        return data
    return {**data, "glossary": merge_glossaries(base, data.get("glossary"))}
