"""The translation round trip: export a briefing's texts for a CAT tool (XLIFF 1.2) or a
Word user (a review DOCX), import the translations back into the content file.

Import checks everything before it writes anything: every unit id must exist in
the content, every target must keep each reference code of its source exactly
once; then the English values change in place (:mod:`.yamledit`) and the file is
replaced atomically. A merge that changes nothing writes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from pathlib import Path

from ..errors import ContentError
from ..loader import load, load_text
from ..model import Briefing
from ..output import atomic_write
from ..romanize import slug
from . import xliff
from .glossary import read as read_glossary
from .glossary import write_csv, write_tbx
from .memory import (
    CommandTranslator,
    MachineTranslator,
    machine_translate,
    prefill,
    read_memory,
    write_memory,
)
from .units import (
    Job,
    Piece,
    TranslationError,
    Unit,
    by_id,
    check_codes,
    collect,
    same_source,
    to_prose,
)
from .yamledit import add_entries, apply

log = logging.getLogger(__name__)

__all__ = ["CommandTranslator", "MachineTranslator", "TranslationError", "export",
           "import_translations"]


def merge(units: Sequence[Unit], targets: Sequence[Job], where: str,
          included: Collection[str] = ()) -> dict[tuple[str | int, ...], str]:
    """The English value of each changed unit, after every check passed. ``included``:
    the unit ids of organisations the content takes from an included term base."""
    known = by_id(units)
    edits: dict[tuple[str | int, ...], str] = {}
    seen: set[str] = set()
    review: list[str] = []
    for uid, pieces, state, source in targets:
        unit = known.get(uid)
        if unit is None and uid in included:
            raise TranslationError(f"{where}: unit {uid}: the organisation comes from a term "
                                   "base the content includes, not from the content file: "
                                   "give its English there, or define it in the file's own "
                                   "glossary")
        if unit is None:
            raise TranslationError(f"{where}: unit {uid or '(no id)'}: the content has no "
                                   "such text (a job for another file, or an edited id)")
        if uid in seen:
            raise TranslationError(f"{where}: unit {uid} appears twice")
        seen.add(uid)
        ids = [p[0] for p in pieces if isinstance(p, tuple)]
        if not any(isinstance(p, tuple) or p.strip() for p in pieces):
            continue  # left empty: nothing to merge
        if source and not same_source(unit, source):
            raise TranslationError(
                f"{where}: unit {uid}: the Chinese has changed since this job was exported "
                f"(now “{unit.plain(unit.source)[:60]}”): its codes may stand for other "
                "figures; export the text again")
        check_codes(unit, ids, where)
        target: list[Piece] = [unit.codes[p[0]] if isinstance(p, tuple) else p
                               for p in pieces]
        value = to_prose(unit, target)
        if unit.target is None or value != to_prose(unit, unit.target):
            edits[unit.target_loc] = value
            if state == "review":
                review.append(uid)
    if review:  # the content has no review state: say which texts still want a look
        log.info("%s: %d of the texts merged are marked for review in the job (a memory "
                 "match, a machine translation or the translator's own mark): %s", where,
                 len(review), ", ".join(review[:8]) + (" …" if len(review) > 8 else ""))
    return edits


def import_translations(content: str | Path, job: str | Path) -> int:
    """Merge a job (.xlf/.xliff, or a review .docx) into ``content``; the number of texts
    changed. Raises TranslationError naming the unit and the problem; writes nothing then."""
    content, job = Path(content), Path(job)
    try:
        data = job.read_bytes()
    except OSError as exc:
        raise TranslationError(f"{job}: cannot read ({exc.strerror})") from None
    b = load(content)
    text = content.read_bytes().decode("utf-8")  # line endings as they are (CRLF stays)
    own = _own_glossary(b)
    units = collect(b, own["organisations"])
    suffix = job.suffix.lower()
    new_terms: dict[str, dict[str, str]] = {}
    if suffix in (".tbx", ".csv"):
        edits, new_terms = _glossary_edits(b, read_glossary(job), own)
    else:
        if suffix == ".docx":
            from .review import read as read_review

            targets = read_review(job)
        else:
            targets = xliff.read(data, str(job))
        included = {f"glossary.organisations.{k}" for k in b.glossary.organisations
                    if k not in own["organisations"]}
        edits = merge(units, targets, str(job), included)
    if not edits and not new_terms:
        return 0
    try:
        new = apply(text, edits, str(content))
        if new_terms:
            new = add_entries(new, ("glossary", "terms"), new_terms, str(content))
    except ValueError as exc:
        raise TranslationError(str(exc)) from None
    try:  # the merged content must load before it replaces the content file
        load_text(new, str(content), content.parent)
    except ContentError as exc:
        raise TranslationError(f"{job}: the merged content does not load: {exc}") from None
    atomic_write(content, new.encode("utf-8"))
    return len(edits) + len(new_terms)


def _own_glossary(b: Briefing) -> dict[str, set[str]]:
    """The people, organisations and terms the content file itself defines (not those
    its ``include`` brings): the only ones an import can give English to."""
    g = b.glossary
    return {kind: {key for key in entries if b.written(("glossary", kind, key))}
            for kind, entries in (("people", g.people), ("organisations", g.organisations),
                                  ("terms", g.terms))}


def _glossary_edits(b: Briefing, terms: dict[str, str], own: dict[str, set[str]]
                    ) -> tuple[dict[tuple[str | int, ...], str], dict[str, dict[str, str]]]:
    """English the glossary brings for the file's own people, organisations and terms
    (a new or corrected name), and its new terms."""
    g = b.glossary
    edits: dict[tuple[str | int, ...], str] = {}
    known = {p.zh for p in g.people.values()} | {t.zh for t in g.terms.values()}
    known |= {o.zh for o in g.organisations.values()}
    known |= {o.short_zh for o in g.organisations.values() if o.short_zh}
    for kind, entries in (("people", g.people), ("organisations", g.organisations),
                          ("terms", g.terms)):
        for key, entry in entries.items():
            en = terms.get(entry.zh, "")
            if key in own[kind] and en and en != entry.en:
                edits[("glossary", kind, key, "en")] = en
            short_zh = getattr(entry, "short_zh", None)  # an organisation's short name
            short_en = terms.get(short_zh, "") if short_zh else ""
            if key in own[kind] and short_en and short_en != getattr(entry, "short_en", ""):
                edits[("glossary", kind, key, "short_en")] = short_en
    new: dict[str, dict[str, str]] = {}
    for zh, en in sorted(terms.items()):
        if zh not in known and en:
            key = slug(zh)
            while key in g.terms or key in new or key in g.people or key in g.organisations:
                key += "_2"
            new[key] = {"zh": zh, "en": en}
    return edits, new


def export(content: str | Path, output: str | Path, *, memory: str | Path | None = None,
           translator: MachineTranslator | None = None) -> bytes:
    """The export ``output``'s suffix asks for: .xlf/.xliff (a job), .docx (a review
    document), .tbx/.csv (the glossary) or .tmx (a memory of finished translations).
    A job or review document may be pre-filled from a memory and by a machine
    translator; what they fill is marked for review."""
    b = load(content)
    units = collect(b, _own_glossary(b)["organisations"])
    suffix = Path(output).suffix.lower()
    if suffix == ".tbx":
        return write_tbx(b)
    if suffix == ".csv":
        return write_csv(b)
    if suffix == ".tmx":
        return write_memory(units)
    if memory is not None:
        prefill(units, read_memory(Path(memory)))
    if translator is not None:
        machine_translate(units, translator)
    if suffix == ".docx":
        from .review import write as write_review

        return write_review(units)
    if suffix in (".xlf", ".xliff"):
        return xliff.write(units, Path(content).name)
    raise TranslationError(f"{output}: export writes .xlf (XLIFF), .docx (review), .tbx or "
                           ".csv (glossary) or .tmx (memory)")


