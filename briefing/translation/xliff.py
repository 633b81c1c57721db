"""XLIFF 1.2, the version CAT tools (memoQ, Trados, OmegaT, Phrase) import most reliably,
read and written with translate-toolkit.

Each unit is a ``trans-unit`` whose id is the text's field path; a reference is an
``<x id="N"/>`` placeholder, which tools show as a tag that cannot be typed over,
with ``equiv-text`` holding the figure or name it renders to and a ``<note>``
listing them all. The target's ``state`` says new (needs-translation),
translated, or needs review (needs-review-translation).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lxml import etree
from translate.storage import xliff as tt_xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as tt_placeables

from .units import Code, Job, Piece, State, TranslationError, Unit

NS = "urn:oasis:names:tc:xliff:document:1.2"
CTYPE = "x-briefing-reference"
_STATES: dict[State, str] = {"new": "needs-translation", "translated": "translated",
                             "review": "needs-review-translation"}
_FROM_STATE = {v: k for k, v in _STATES.items()} | {"final": "translated",
                                                    "signed-off": "translated",
                                                    "needs-adaptation": "review",
                                                    "needs-l10n": "review",
                                                    "needs-review-adaptation": "review",
                                                    "needs-review-l10n": "review",
                                                    "new": "new"}


class _Unit12(tt_xliff.xliffunit):
    namespace = NS


class Xliff12(tt_xliff.xlifffile):
    """translate-toolkit's XLIFF store, writing version 1.2."""

    UnitClass = _Unit12
    namespace = NS
    XMLskeleton = (f'<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" xmlns="{NS}">'
                   '<file original="content" source-language="zh-CN" datatype="plaintext">'
                   "<body></body></file></xliff>")


def _rich(pieces: Sequence[Piece]) -> list[StringElem]:
    return [StringElem([p if isinstance(p, str) else tt_placeables.X(id=p.id)
                        for p in pieces])]


def _decorate(element: etree._Element, codes: dict[str, Code]) -> None:
    """Name each placeholder's meaning for the tools: ctype and the rendered text."""
    for x in element.iter():
        if not isinstance(x.tag, str) or etree.QName(x).localname != "x":
            continue
        code = codes.get(x.get("id", ""))
        if code is not None:
            x.set("ctype", CTYPE)
            x.set("equiv-text", code.shown or code.ref)


def write(units: Sequence[Unit], original: str, target_language: str = "en-GB") -> bytes:
    store = Xliff12(sourcelanguage="zh-CN", targetlanguage=target_language)
    store.getfilenode("content").set("original", original)
    for u in units:
        unit = store.UnitClass("")
        unit.rich_source = _rich(u.source)
        if u.target is not None:
            unit.rich_target = _rich(u.target)
        unit.setid(u.id)
        if u.note:
            unit.addnote(u.note, origin="developer")
        store.addunit(unit)
    for unit, u in zip(store.units, units, strict=True):
        element = unit.xmlelement
        _decorate(element, u.codes)
        target = element.find(f"{{{NS}}}target")
        if target is None:
            target = etree.SubElement(element, f"{{{NS}}}target")
        target.set("state", _STATES[u.state])
    return bytes(store)


def _flat(rich: Any) -> list[str | tuple[str]]:
    """A rich source or target as text and placeholder ids."""
    pieces: list[str | tuple[str]] = []
    for elem in rich[0].flatten() if rich else []:
        if isinstance(elem, tt_placeables.X | tt_placeables.Bx | tt_placeables.Ex |
                      tt_placeables.G):
            pieces.append((str(elem.id),))
        elif getattr(elem, "xml_node", None) is not None:
            # an inline code the job never had (<bpt>, <ept>, <ph>, <it>): a code of its
            # own, which the import refuses, not its native markup read as text
            node = elem.xml_node
            pieces.append((f"{etree.QName(node).localname}{node.get('id', '')}",))
        else:
            pieces.append(str(elem))
    return pieces


def read(data: bytes, name: str) -> list[Job]:
    """Each unit's id, target (text and placeholder ids), state and source."""
    try:
        store = tt_xliff.xlifffile.parsestring(data)
    except Exception as exc:  # lxml and translate-toolkit raise many kinds for a bad file
        raise TranslationError(f"{name}: not an XLIFF 1.x file translate-toolkit can read "
                               f"({type(exc).__name__}: {str(exc)[:120]})") from None
    source_language = store.getsourcelanguage() or ""
    if not source_language.lower().startswith("zh"):
        raise TranslationError(f"{name}: the source language is {source_language or 'not set'}"
                               ", not Chinese: this is not a briefing's translation job")
    target_language = store.gettargetlanguage() or ""
    if target_language and not target_language.lower().startswith("en"):
        raise TranslationError(f"{name}: the target language is {target_language}, not "
                               "English: a briefing's translation is into English")
    out: list[Job] = []
    for unit in store.units:
        uid = unit.xmlelement.get("id") or ""
        target_el = unit.xmlelement.find(f"{{{store.namespace}}}target")
        state = _FROM_STATE.get((target_el.get("state") if target_el is not None else "") or
                                "", "translated")
        pieces = _flat(unit.rich_target) if target_el is not None else []
        out.append((uid, pieces, state, _flat(unit.rich_source)))
    return out
