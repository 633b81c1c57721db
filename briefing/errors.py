"""Errors a user can act on: each names a place and says what was expected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in a user's input, located as precisely as we can."""

    file: str
    line: int | None
    column: int | None
    path: str
    message: str

    def __str__(self) -> str:
        return f"{location(self.file, self.line, self.column, self.path)}: {self.message}"


def location(file: str | None, line: int | None, column: int | None, path: str) -> str:
    """Where something is in a content file, as every message writes it:
    ``file:line:column: path`` (the parts that are known)."""
    where = file or ""
    if file and line is not None:
        where += f":{line}"
        if column is not None:
            where += f":{column}"
    if path:
        where = f"{where}: {path}" if where else path
    return where


def format_path(loc: tuple[str | int, ...]) -> str:
    """A field path as messages show it: ``articles[0].sections[1].blocks[2]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def excerpt(value: object, limit: int = 40) -> str:
    """A value as a message quotes it: at most ``limit`` characters, so a message never
    carries more of a file than a short excerpt."""
    text = str(value)
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


class BriefingError(Exception):
    """Base class of every error the library raises for a user's mistake."""


class ContentError(BriefingError):
    """Content that cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class RenderError(BriefingError):
    """A document that cannot be rendered (bad image, missing glyph, ...)."""


class TemplateError(BriefingError):
    """A template that cannot be loaded."""


class LabelError(TemplateError, LookupError):
    """A label catalog that is missing or lacks a label."""


class CheckError(BriefingError):
    """``briefing check`` found errors, so rendering was refused (pass force to override)."""

    def __init__(self, report: object):
        self.report = report
        errors = getattr(report, "errors", [])
        super().__init__(
            f"check found {len(errors)} error(s); fix them or pass --force (force=True) to "
            "render anyway:\n" + "\n".join(f"  {f}" for f in errors))
