"""The glossary: people, organisations and terms, each named once in both languages."""

from __future__ import annotations

from pydantic import Field

from .text import Id, Model, NonEmpty, Text


class Person(Model):
    zh: NonEmpty
    en: NonEmpty = Field(description="Hanyu Pinyin, family name first: Hao Peng")
    titles: list[Text] = Field(default_factory=list)


class Organisation(Model):
    zh: NonEmpty
    en: NonEmpty
    short_zh: NonEmpty | None = None
    short_en: NonEmpty | None = None
    aliases_zh: list[NonEmpty] = Field(
        default_factory=list, description="other Chinese forms that name it (for check)"
    )


class Term(Model):
    """A fixed bilingual term: an official title, a programme, a place."""

    zh: NonEmpty
    en: NonEmpty


class Glossary(Model):
    people: dict[Id, Person] = Field(default_factory=dict)
    organisations: dict[Id, Organisation] = Field(default_factory=dict)
    terms: dict[Id, Term] = Field(default_factory=dict)
