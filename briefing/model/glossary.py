"""The glossary: people, organisations and terms, each named once in both languages."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..units import Category, Unit
from .text import Id, Model, NonEmpty, Str, Text


class Person(Model):
    zh: NonEmpty
    en: NonEmpty = Field(description="Hanyu Pinyin, family name first: Hao Peng")
    titles: list[Text] = Field(default_factory=list)


class Organisation(Model):
    zh: NonEmpty
    en: Str = Field(default="", description="the English name; empty until translated "
                    "(check reports it)")
    short_zh: NonEmpty | None = None
    short_en: NonEmpty | None = None
    aliases_zh: list[NonEmpty] = Field(
        default_factory=list, description="other Chinese forms that name it (for check)"
    )


class Term(Model):
    """A fixed bilingual term: an official title, a programme, a place."""

    zh: NonEmpty
    en: NonEmpty


class UnitSpec(Model):
    """A unit a content file or term base declares: how it reads in each language.

    ``zh`` is the word after the number (with 万/亿 before it); ``en`` the English
    plural (or symbol) and ``en_one`` its singular; ``en_prefix`` a sign before
    the figure (US$); ``symbol`` keeps digits below ten (3 km); ``en_scales``
    false keeps English from million/billion.
    """

    zh: NonEmpty
    zh_aliases: list[NonEmpty] = Field(default_factory=list)
    en: Str = ""
    en_one: Str | None = None
    en_prefix: Str = ""
    en_attached: bool = False
    symbol: bool = False
    scales: bool = True
    en_scales: bool = True
    category: Literal["money", "measure", "duration"] = "measure"

    def unit(self, key: str) -> Unit:
        return Unit(key, Category(self.category), self.zh, self.en, self.en_one,
                    zh_aliases=tuple(self.zh_aliases), en_attached=self.en_attached,
                    en_prefix=self.en_prefix, symbol=self.symbol, allows_scale=self.scales,
                    en_scales=self.en_scales)


class Glossary(Model):
    units: dict[Id, UnitSpec] = Field(
        default_factory=dict, description="units beyond the built-in ones: id → how it reads")
    people: dict[Id, Person] = Field(default_factory=dict)
    organisations: dict[Id, Organisation] = Field(default_factory=dict)
    terms: dict[Id, Term] = Field(default_factory=dict)
