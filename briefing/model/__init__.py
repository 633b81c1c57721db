"""The content model: everything a briefing on a Chinese article holds, validated.

Every class is strict (unknown fields are errors) and immutable. Numbers are
``Decimal`` values with a unit from :mod:`briefing.units`; names live once in
the glossary; prose refers to both by id (see :mod:`briefing.refs`). The
modules: :mod:`.text` (string types, bilingual text), :mod:`.statistics`,
:mod:`.glossary`, :mod:`.articles` (blocks, sections, articles, sources),
:mod:`.fields` and :mod:`.briefing` (the root), :mod:`.walk` (the one walk over
blocks and prose) and :mod:`.integrity` (ids that must resolve).
"""

from .articles import (
    Article,
    Block,
    BylineEntry,
    Chart,
    Credit,
    Figure,
    KeyFiguresTable,
    Paragraph,
    PartialDate,
    Quote,
    Section,
    Source,
)
from .briefing import Briefing
from .glossary import Glossary, Organisation, Person, Term, UnitSpec
from .integrity import IntegrityError
from .statistics import (
    Basis,
    Direction,
    Kind,
    Notation,
    Number,
    Period,
    Qualifier,
    Statistic,
    UnitId,
    ZhMarker,
)
from .text import Id, Lang, Model, NonEmpty, NonEmptyProse, Noun, Prose, Str, Text

__all__ = [
    "Article",
    "Basis",
    "Block",
    "Chart",
    "Briefing",
    "BylineEntry",
    "Credit",
    "Direction",
    "Figure",
    "Glossary",
    "Id",
    "IntegrityError",
    "KeyFiguresTable",
    "Kind",
    "Lang",
    "Model",
    "NonEmpty",
    "NonEmptyProse",
    "Notation",
    "Noun",
    "Number",
    "Organisation",
    "Paragraph",
    "PartialDate",
    "Period",
    "Person",
    "Prose",
    "Qualifier",
    "Quote",
    "Section",
    "Source",
    "Statistic",
    "Str",
    "Term",
    "Text",
    "UnitId",
    "UnitSpec",
    "ZhMarker",
]
