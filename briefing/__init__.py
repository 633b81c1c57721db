"""briefing: bilingual Chinese/English briefings from validated article content.

    import briefing
    b = briefing.load("examples/liaoning/liaoning.yaml")
    briefing.render(b, "liaoning.pdf")
    report = briefing.check(b)
"""

from .api import check, ingest, plan, render, render_bytes
from .errors import BriefingError, CheckError, ContentError, RenderError, TemplateError
from .loader import load, load_data
from .model import (
    Article,
    Briefing,
    BylineEntry,
    Credit,
    Figure,
    Glossary,
    KeyFiguresTable,
    Noun,
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
from .plan import Layout
from .qa import Finding, Report
from .templates import Template, load_template

__all__ = [
    "Article",
    "Briefing",
    "BriefingError",
    "BylineEntry",
    "CheckError",
    "ContentError",
    "Credit",
    "Figure",
    "Finding",
    "Glossary",
    "KeyFiguresTable",
    "Layout",
    "Noun",
    "Organisation",
    "Paragraph",
    "PartialDate",
    "Period",
    "Person",
    "Quote",
    "RenderError",
    "Report",
    "Section",
    "Source",
    "Statistic",
    "Template",
    "TemplateError",
    "check",
    "ingest",
    "Term",
    "Text",
    "load",
    "load_data",
    "load_template",
    "plan",
    "render",
    "render_bytes",
]
__version__ = "0.1.0"
