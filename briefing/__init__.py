"""briefing: bilingual Chinese/English briefings from validated article content.

    import briefing
    b = briefing.load("examples/liaoning/liaoning.yaml")
    briefing.render(b, "liaoning.pdf")
    report = briefing.check(b)
"""

from __future__ import annotations

import sys
from types import ModuleType

#: ``typing.TYPE_CHECKING`` without importing ``typing``: the command's entry imports this
#: package before it can take Ctrl-C, so this module imports nothing that takes time
TYPE_CHECKING = False
if TYPE_CHECKING:  # the names, for type checkers; at run time each loads when first used
    from typing import Any

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

#: Each public name and the module it lives in: ``import briefing`` stays cheap, and a
#: command loads only what it uses (ingest needs no writers, check no PDF fonts).
_WHERE = {
    "Article": ".model",
    "Briefing": ".model",
    "BriefingError": ".errors",
    "BylineEntry": ".model",
    "CheckError": ".errors",
    "ContentError": ".errors",
    "Credit": ".model",
    "Figure": ".model",
    "Finding": ".qa",
    "Glossary": ".model",
    "KeyFiguresTable": ".model",
    "Layout": ".plan",
    "Noun": ".model",
    "Organisation": ".model",
    "Paragraph": ".model",
    "PartialDate": ".model",
    "Period": ".model",
    "Person": ".model",
    "Quote": ".model",
    "RenderError": ".errors",
    "Report": ".qa",
    "Section": ".model",
    "Source": ".model",
    "Statistic": ".model",
    "Template": ".templates",
    "TemplateError": ".errors",
    "Term": ".model",
    "Text": ".model",
    "check": ".api",
    "ingest": ".api",
    "load": ".loader",
    "load_data": ".loader",
    "load_template": ".templates",
    "plan": ".api",
    "render": ".api",
    "render_bytes": ".api",
}


class _Package(ModuleType):
    """``briefing.plan`` is both a module (the document plan) and a verb. The import
    system binds a submodule to its package's attribute when it first loads it; here that
    binding is dropped, so the name stays the verb's without importing the module (and
    the content model under it) just to unbind it: ``import briefing`` stays cheap, which
    lets the command line take over Ctrl-C before anything heavy loads."""

    @property
    def plan(self) -> Any:
        return __getattr__("plan")

    @plan.setter
    def plan(self, value: Any) -> None:
        pass  # the submodule briefing.plan, bound by the import system: not the verb


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'briefing' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(_WHERE[name], __name__), name)
    globals()[name] = value
    return value


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
