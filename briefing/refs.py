"""Inline references in prose: ``{id}``, ``{id:variant}`` and ``{a+b+c}``.

``{{`` and ``}}`` stand for literal braces. A reference names a statistic or
a glossary entity by id; the value or name is rendered from that one source
in each language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

ID = r"[a-z][a-z0-9_]*"
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_REF = re.compile(rf"^(?P<ids>{ID}(?:\+{ID})*)(?::(?P<variant>[a-z_]+))?$")


@dataclass(frozen=True)
class Ref:
    ids: tuple[str, ...]
    variant: str | None
    source: str  # the reference as written, braces included


Piece = str | Ref


class RefSyntaxError(ValueError):
    pass


def parse(text: str) -> list[Piece]:
    """Split text into literal strings and references."""
    return list(_parse(text))


@functools.lru_cache(maxsize=1 << 13)  # the validator, the plan and the check each ask
def _parse(text: str) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    buf: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        buf.append(text[pos : m.start()])
        pos = m.end()
        tok = m.group(0)
        if tok == "{{":
            buf.append("{")
        elif tok == "}}":
            buf.append("}")
        elif tok in ("{", "}"):
            raise RefSyntaxError(
                f"unmatched '{tok}' at character {m.start() + 1}; write '{tok}{tok}' "
                "for a literal brace"
            )
        else:
            ref = _REF.match(m.group(1).strip())
            if not ref:
                raise RefSyntaxError(
                    f"malformed reference {tok!r}: expected {{id}}, {{id:variant}} or "
                    "{a+b} with lower-case ids; write '{{' for a literal brace"
                )
            if buf:
                pieces.append("".join(buf))
                buf = []
            pieces.append(Ref(tuple(ref.group("ids").split("+")), ref.group("variant"), tok))
    buf.append(text[pos:])
    tail = "".join(buf)
    if tail:
        pieces.append(tail)
    return tuple(pieces)


def refs_in(text: str) -> list[Ref]:
    return [p for p in parse(text) if isinstance(p, Ref)]


def with_context(text: str) -> list[tuple[str, Ref]]:
    """Each reference with the literal text that precedes it (since the previous one)."""
    out: list[tuple[str, Ref]] = []
    before = ""
    for piece in parse(text):
        if isinstance(piece, str):
            before = piece
        else:
            out.append((before, piece))
            before = ""
    return out
