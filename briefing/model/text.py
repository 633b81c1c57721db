"""Text of a briefing: the string types every field uses, languages, bilingual text."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .. import refs

# --------------------------------------------------------------------------- strings

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(value: str) -> str:
    bad = _XML_BAD.search(value)
    if bad:
        raise ValueError(
            f"contains the control character U+{ord(bad.group()):04X} at character "
            f"{bad.start() + 1}, which a document cannot hold; remove it"
        )
    return value


def _nonblank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _refs_ok(value: str) -> str:
    try:
        refs.parse(value)
    except refs.RefSyntaxError as exc:
        raise ValueError(str(exc)) from None
    return value


Str = Annotated[str, AfterValidator(_xml_safe)]
"""Any text that ends up in a document: no XML-illegal characters."""
NonEmpty = Annotated[str, AfterValidator(_xml_safe), AfterValidator(_nonblank)]
Prose = Annotated[str, AfterValidator(_xml_safe), AfterValidator(_refs_ok)]
"""Text that may hold references (``{id}``)."""
NonEmptyProse = Annotated[
    str, AfterValidator(_xml_safe), AfterValidator(_nonblank), AfterValidator(_refs_ok)
]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class Lang(StrEnum):
    ZH = "zh"
    EN = "en"


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Model):
    """Text in both languages. Chinese is required; a missing English
    translation is allowed here and reported by ``briefing.check``.

    Either side may hold references: ``{id}``, ``{id:short}``, ``{a+b}``;
    ``{{``/``}}`` are literal braces.
    """

    zh: NonEmptyProse
    en: Prose = ""

    def get(self, lang: Lang | str) -> str:
        return self.zh if Lang(lang) is Lang.ZH else self.en


class Noun(Model):
    """The thing a count counts, when the figure names it (40余家**企业**); ``en_one`` is
    the English for one of them (firm), where a count may be 1."""

    zh: Str = ""
    en: Str = ""
    en_one: Str = ""

    def en_word(self, one: bool) -> str:
        return self.en_one if one and self.en_one else self.en
