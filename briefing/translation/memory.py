"""Translation memory (TMX) and machine translation for the translation job.

A memory holds finished translations with each reference written as its code
number (``{1}``), so a sentence of an earlier briefing matches a later one whose
statistics have other ids. ``prefill`` gives a new unit the English of an exact
match, marked for review.

Machine translation is a plug-in, never a dependency: a :class:`MachineTranslator`
is any callable from Chinese texts to English texts in which each code is written
``⟦N⟧`` and must come back once; :class:`CommandTranslator` runs a command the user
names (one JSON object a line on stdin, the same back on stdout). The library
sends text nowhere by itself.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from translate.storage import tmx

from .units import Code, Piece, TranslationError, Unit, check_codes

_CODE = re.compile(r"⟦(\w+)⟧")
_MEMORY_CODE = re.compile(r"\{(\d+)\}")


def _memory_text(pieces: Sequence[Piece]) -> str:
    """Pieces as a memory segment: literal braces doubled, each code ``{N}``."""
    return "".join(p.replace("{", "{{").replace("}", "}}") if isinstance(p, str)
                   else f"{{{p.id}}}" for p in pieces)


def _pieces(text: str, pattern: re.Pattern[str], codes: dict[str, Code]) -> list[Piece]:
    out: list[Piece] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            out.append(text[pos:m.start()])
        code = codes.get(m.group(1))
        out.append(code if code is not None else Code(m.group(1), m.group(0), ""))
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


# --------------------------------------------------------------------------- memory


def write_memory(units: Sequence[Unit]) -> bytes:
    """A TMX file of every translated unit (references as {N})."""
    store = tmx.tmxfile(sourcelanguage="zh-CN", targetlanguage="en-GB")
    for u in units:
        if u.target is not None and u.state == "translated":
            store.addtranslation(_memory_text(u.source), "zh-CN",
                                 _memory_text(u.target), "en-GB")
    return bytes(store)


def read_memory(path: Path) -> dict[str, str]:
    """Source → target of a TMX memory."""
    try:
        store = tmx.tmxfile.parsefile(str(path))
    except Exception as exc:  # lxml and translate-toolkit raise many kinds for a bad file
        raise TranslationError(f"{path}: not a TMX memory translate-toolkit can read "
                               f"({type(exc).__name__})") from None
    return {str(u.source): str(u.target) for u in store.units if u.source and u.target}


def prefill(units: Sequence[Unit], memory: dict[str, str]) -> int:
    """Give untranslated units the English of an exact match, marked for review."""
    filled = 0
    for u in units:
        if u.target is not None:
            continue
        target = memory.get(_memory_text(u.source))
        if target is None:
            continue
        pieces = _pieces(target.replace("{{", "\0").replace("}}", "\1"), _MEMORY_CODE,
                         u.codes)
        pieces = [p.replace("\0", "{").replace("\1", "}") if isinstance(p, str) else p
                  for p in pieces]
        try:
            check_codes(u, [p.id for p in pieces if not isinstance(p, str)], "memory")
        except TranslationError:
            continue
        u.target, u.state = pieces, "review"
        filled += 1
    return filled


# --------------------------------------------------------------------------- machine translation


class MachineTranslator(Protocol):
    """Chinese texts in, English texts out, in order; each ``⟦N⟧`` code kept once."""

    def __call__(self, texts: Sequence[str]) -> Sequence[str]: ...


class CommandTranslator:
    """Runs ``command``: one ``{"id", "text"}`` JSON object a line in, one
    ``{"id", "text"}`` a line out, in any order."""

    def __init__(self, command: Sequence[str], timeout: float = 600):
        self.command = list(command)
        self.timeout = timeout

    def __call__(self, texts: Sequence[str]) -> Sequence[str]:
        lines = "".join(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n"
                        for i, t in enumerate(texts))
        try:
            done = subprocess.run(self.command, input=lines, capture_output=True, text=True,
                                  timeout=self.timeout, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise TranslationError(f"machine translation command {self.command[0]!r} "
                                   f"failed to run ({exc})") from None
        if done.returncode != 0:
            raise TranslationError(f"machine translation command {self.command[0]!r} exited "
                                   f"{done.returncode}: {done.stderr.strip()[:200]}")
        got: dict[str, str] = {}
        for n, line in enumerate(done.stdout.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                got[str(item["id"])] = str(item["text"])
            except (ValueError, KeyError, TypeError):
                raise TranslationError(f"machine translation output line {n} is not "
                                       '{"id": …, "text": …}') from None
        missing = [str(i) for i in range(len(texts)) if str(i) not in got]
        if missing:
            raise TranslationError(f"machine translation gave no text for {len(missing)} "
                                   "unit(s)")
        return [got[str(i)] for i in range(len(texts))]


def machine_translate(units: Sequence[Unit], translator: MachineTranslator) -> int:
    """Fill untranslated units with the translator's English, marked for review; a text
    that loses or repeats a code is refused, naming its unit."""
    todo = [u for u in units if u.target is None]
    if not todo:
        return 0
    texts = [u.plain(u.source, "⟦{id}⟧") for u in todo]
    results = list(translator(texts))
    if len(results) != len(todo):
        raise TranslationError(f"machine translation returned {len(results)} texts for "
                               f"{len(todo)}")
    for u, text in zip(todo, results, strict=True):
        pieces = _pieces(text, _CODE, u.codes)
        check_codes(u, [p.id for p in pieces if not isinstance(p, str)],
                    "machine translation")
        u.target, u.state = pieces, "review"
    return len(todo)
