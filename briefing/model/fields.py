"""The fields of a briefing, the root of the content model."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import Field

from ..units import Unit, registry
from .articles import Article, Chart, PartialDate, Source
from .glossary import Glossary
from .statistics import Statistic
from .text import Id, Lang, Model, NonEmpty, Text


class BriefingFields(Model):
    """The fields of a briefing; :class:`~briefing.model.Briefing` adds the
    cross-reference checks and where the content came from."""

    title: Text
    subtitle: Text | None = None
    date: PartialDate | None = None
    prepared_by: Text | None = None
    lead: Lang = Field(default=Lang.ZH, description="which language leads")
    include: list[NonEmpty] = Field(
        default_factory=list,
        description="term files merged into the glossary by briefing.load and "
        "briefing.load_data (paths, or briefing:NAME for a term base shipped with the "
        "library)",
    )
    summary: list[Text] = Field(default_factory=list, max_length=12)
    key_figures: list[Id] = Field(default_factory=list)
    key_figures_chart: Chart | None = Field(
        default=None, description="a chart shown with the key figures, where the template "
        "asks for one (key_figures_chart = true)")
    statistics: dict[Id, Statistic] = Field(default_factory=dict)
    glossary: Glossary = Field(default_factory=Glossary)
    articles: list[Article] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)

    @property
    def units(self) -> Mapping[str, Unit]:
        """The built-in units with those the glossary declares."""
        return registry({k: spec.unit(k) for k, spec in self.glossary.units.items()})
