"""Translation units: every text of a briefing a translator works on, with its
references as numbered codes that a translation must keep.

A unit's id is the field path of its text (``articles[0].sections[1].blocks[2]``,
``glossary.organisations.ansteel``), so it is stable while the content's
structure is. Its source is the Chinese, its target the current English; each
reference (``{tech_deals}``) is a code numbered by its place in the Chinese, and
carries the figure or name it renders to, for the translator to see.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .. import refs
from ..errors import BriefingError, format_path
from ..model import Briefing
from ..model.walk import Loc, pairs
from ..resolve import Resolver

State = Literal["new", "translated", "review"]


class TranslationError(BriefingError):
    """A translation that cannot be merged: it names the unit and the problem."""


@dataclass(frozen=True)
class Code:
    """A reference inside a unit: its number, the reference as written and its rendering."""

    id: str
    ref: str  # {tech_deals}
    shown: str  # 130.83 billion yuan
    figure: bool = True  # a statistic (a translation keeps it), not a name (it may not)


Piece = str | Code
#: A unit as a job gives it back: its id, its target and source (text and code ids, as
#: the job writes them) and its state.
Job = tuple[str, list[str | tuple[str]], "State", list[str | tuple[str]]]


@dataclass
class Unit:
    id: str
    target_loc: Loc  # where the English lives in the content
    source: list[Piece]
    target: list[Piece] | None  # None: not translated yet
    codes: dict[str, Code] = field(default_factory=dict)
    state: State = "new"
    note: str = ""
    #: a code's reference as the English writes it, where it differs from the Chinese's
    #: ({x} for a Chinese {x:short}): the English keeps its own
    en_refs: dict[str, str] = field(default_factory=dict)

    def plain(self, pieces: Sequence[Piece] | None, mark: str = "{ref}") -> str:
        """The pieces as text, each code written as ``mark`` formatted with it."""
        return "".join(p if isinstance(p, str) else mark.format(id=p.id, ref=p.ref,
                                                                 shown=p.shown)
                       for p in pieces or [])


def _key(ref: str) -> tuple[str, ...]:
    """What a reference names, whatever its variant: {x} and {x:short} are one."""
    piece = next((p for p in refs.parse(ref) if isinstance(p, refs.Ref)), None)
    return piece.ids if piece is not None else (ref,)


def _pieces(text: str, codes: list[Code], resolver: Resolver,
            by_ref: dict[tuple[str, ...], list[Code]] | None = None,
            en_refs: dict[str, str] | None = None) -> list[Piece]:
    """Text as literal pieces and codes. In the Chinese every reference gets the next
    number; in the English each reference takes the number of the same reference in the
    Chinese (the n-th {x} in English is the n-th {x} in Chinese; {x:short} is {x}, its
    English variant kept in ``en_refs``)."""
    out: list[Piece] = []
    seen: dict[tuple[str, ...], int] = {}
    for piece in refs.parse(text):
        if isinstance(piece, str):
            out.append(piece)
            continue
        if by_ref is None:
            code = Code(str(len(codes) + 1), piece.source, resolver.ref(piece, "en"),
                        any(i in resolver.b.statistics for i in piece.ids))
            codes.append(code)
        else:
            n = seen.get(piece.ids, 0)
            seen[piece.ids] = n + 1
            matches = by_ref.get(piece.ids, [])
            if n < len(matches):
                code = matches[n]
                if en_refs is not None and piece.source != code.ref:
                    en_refs[code.id] = piece.source
            else:  # a reference only the English has (a name said twice): a code of its
                code = Code(f"x{len(codes) + 1}", piece.source,  # own, which the
                            resolver.ref(piece, "en"))  # translation may keep or drop
                codes.append(code)
        out.append(code)
    return out


def collect(b: Briefing, own: Collection[str] | None = None) -> list[Unit]:
    """Every unit of a briefing, in document order. ``own``: the organisations the
    content file itself defines (default: all); one from an included term base is not
    the file's to translate."""
    r = Resolver(b)
    units: list[Unit] = []
    for loc, zh, en in pairs(b):
        if not zh.strip():
            continue
        codes: list[Code] = []
        source = _pieces(zh, codes, r)
        by_ref: dict[tuple[str, ...], list[Code]] = {}
        for c in codes:
            by_ref.setdefault(_key(c.ref), []).append(c)
        en_refs: dict[str, str] = {}
        target = _pieces(en, codes, r, by_ref, en_refs) if en.strip() else None
        unit = Unit(format_path(loc), (*loc, "en"), source, target,
                    {c.id: c for c in codes}, "translated" if target else "new",
                    en_refs=en_refs)
        unit.note = "; ".join(f"{c.ref} = {c.shown}" for c in codes)
        units.append(unit)
    for key, org in b.glossary.organisations.items():
        if own is not None and key not in own:
            continue
        loc = ("glossary", "organisations", key)
        units.append(Unit(format_path(loc), (*loc, "en"), [org.zh],
                          [org.en] if org.en else None, {},
                          "translated" if org.en else "new", "an organisation's name"))
    return units


def to_prose(unit: Unit, pieces: Sequence[Piece]) -> str:
    """Target pieces as content prose: codes back to references, literal braces doubled."""
    return "".join(p.replace("{", "{{").replace("}", "}}") if isinstance(p, str)
                   else unit.en_refs.get(p.id, p.ref) for p in pieces)


def check_codes(unit: Unit, ids: Sequence[str], where: str) -> None:
    """A target keeps every figure's code of its source once, and invents none; a name's
    code may go (the English need not name 沈鼓 as often as the Chinese does), and so may
    a code of a reference only the English had (``x…``)."""
    known = set(unit.codes)
    seen: set[str] = set()
    for code in ids:
        if code not in known:
            raise TranslationError(f"{where}: unit {unit.id}: the translation has a code "
                                   f"{code} that its source does not have")
        if code in seen:
            raise TranslationError(f"{where}: unit {unit.id}: the translation repeats the "
                                   f"code {code} ({unit.codes[code].ref})")
        seen.add(code)
    missing = [unit.codes[c].ref for c in unit.codes
               if c not in seen and not c.startswith("x") and unit.codes[c].figure]
    if missing:
        raise TranslationError(f"{where}: unit {unit.id}: the translation drops "
                               f"{', '.join(missing)}")


def _spelled(pieces: Sequence[Piece | tuple[str]]) -> str:
    """Text and codes as one string, spacing aside (a code as its id between NULs)."""
    out: list[str] = []
    for p in pieces:
        out.append(p if isinstance(p, str) else
                   f"\x00{p[0] if isinstance(p, tuple) else p.id}\x00")
    return "".join("".join(out).split())


def same_source(unit: Unit, source: Sequence[str | tuple[str]]) -> bool:
    """Does a job's source (text and code ids) say what the unit's Chinese says now?"""
    return _spelled(source) == _spelled(unit.source)


def by_id(units: Sequence[Unit]) -> dict[str, Unit]:
    return {u.id: u for u in units}


def walk_targets(units: Sequence[Unit]) -> Iterator[tuple[Unit, str]]:
    """Each unit with English, as content prose."""
    for u in units:
        if u.target is not None:
            yield u, to_prose(u, u.target)
