"""The translation round trip: export a briefing's texts for a CAT tool (XLIFF 1.2) or a
Word user (a review DOCX), import the translations back into the content file.

Import checks everything before it writes anything: every unit id must exist in
the content, every target must keep each reference code of its source exactly
once; then the English values change in place (:mod:`.yamledit`) and the file is
replaced atomically. A merge that changes nothing writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import ContentError
from ..loader import load, load_text
from ..output import atomic_write
from . import xliff
from .units import Code, Piece, State, TranslationError, Unit, by_id, check_codes, collect
from .yamledit import apply

__all__ = ["TranslationError", "export_xliff", "import_translations", "units_of"]


def units_of(content: str | Path) -> list[Unit]:
    return collect(load(content))


def export_xliff(content: str | Path) -> bytes:
    """The XLIFF 1.2 job for a content file."""
    return xliff.write(units_of(content), Path(content).name)


Target = list[str | tuple[str]]  # literal text and code ids, as a job gives them back


def merge(units: Sequence[Unit], targets: Sequence[tuple[str, Target, State]],
          where: str) -> dict[tuple[str | int, ...], str]:
    """The English value of each changed unit, after every check passed."""
    known = by_id(units)
    edits: dict[tuple[str | int, ...], str] = {}
    seen: set[str] = set()
    for uid, pieces, _state in targets:
        unit = known.get(uid)
        if unit is None:
            raise TranslationError(f"{where}: unit {uid or '(no id)'}: the content has no "
                                   "such text (a job for another file, or an edited id)")
        if uid in seen:
            raise TranslationError(f"{where}: unit {uid} appears twice")
        seen.add(uid)
        ids = [p[0] for p in pieces if isinstance(p, tuple)]
        if not any(isinstance(p, tuple) or p.strip() for p in pieces):
            continue  # left empty: nothing to merge
        check_codes(unit, ids, where)
        target: list[Piece] = [unit.codes[p[0]] if isinstance(p, tuple) else p
                               for p in pieces]
        value = "".join(p.replace("{", "{{").replace("}", "}}") if isinstance(p, str)
                        else p.ref for p in target)
        current = None if unit.target is None else "".join(
            p.replace("{", "{{").replace("}", "}}") if isinstance(p, str) else p.ref
            for p in unit.target)
        if value != current:
            edits[unit.target_loc] = value
    return edits


def import_translations(content: str | Path, job: str | Path) -> int:
    """Merge a job (.xlf/.xliff, or a review .docx) into ``content``; the number of texts
    changed. Raises TranslationError naming the unit and the problem; writes nothing then."""
    content, job = Path(content), Path(job)
    try:
        data = job.read_bytes()
    except OSError as exc:
        raise TranslationError(f"{job}: cannot read ({exc.strerror})") from None
    units = units_of(content)
    if job.suffix.lower() == ".docx":
        from .review import read as read_review

        targets = read_review(job)
    else:
        targets = xliff.read(data, str(job))
    edits = merge(units, targets, str(job))
    if not edits:
        return 0
    text = content.read_text(encoding="utf-8")
    try:
        new = apply(text, edits, str(content))
    except ValueError as exc:
        raise TranslationError(str(exc)) from None
    try:  # the merged content must load before it replaces the content file
        load_text(new, str(content), content.parent)
    except ContentError as exc:
        raise TranslationError(f"{job}: the merged content does not load: {exc}") from None
    atomic_write(content, new.encode("utf-8"))
    return len(edits)


__all__ += ["Code"]
