"""briefing: bilingual Chinese/English briefings from validated article content."""

from .model import (
    Article,
    Briefing,
    Credit,
    Figure,
    Glossary,
    KeyFiguresTable,
    Organisation,
    Paragraph,
    PartialDate,
    Period,
    Person,
    Quote,
    Section,
    Source,
    Statistic,
    Term,
    Text,
)

__all__ = [
    "Article",
    "Briefing",
    "Credit",
    "Figure",
    "Glossary",
    "KeyFiguresTable",
    "Organisation",
    "Paragraph",
    "PartialDate",
    "Period",
    "Person",
    "Quote",
    "Section",
    "Source",
    "Statistic",
    "Term",
    "Text",
]
__version__ = "0.1.0"
