"""Resolve prose for one language: references become figures and names, labels
come from the catalogs. The planner and ``briefing check`` both read prose
through a :class:`Resolver`, so what is checked is what is printed.
"""

from __future__ import annotations

import re

from . import refs
from .labels import label
from .localize import Options, change_words, format_list, format_statistic
from .localize.names import format_name
from .model import Briefing, Statistic
from .model import Text as BiText
from .plan import LangCode, PlanOptions

#: Where an English sentence starts: the text's start or the end of a sentence, then any
#: opening quotes or brackets.
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’)\]]*\s+)[\"“‘(\[]*$")


class Resolver:
    """References, names and labels of one briefing under one set of plan options."""

    def __init__(self, b: Briefing, opts: PlanOptions | None = None):
        self.b = b
        self.opts = opts or PlanOptions()
        gloss = self.opts.unit_gloss
        self.prose = Options(labels=self.label, units=b.units, gloss=gloss)
        self.table = Options(labels=self.label, units=b.units, table=True, gloss=gloss)

    def label(self, message: str, lang: LangCode, **values: str) -> str:
        return label(message, lang, self.opts.labels_dir, self.opts.label_locales.get(lang),
                     **values)

    def text(self, value: str, lang: LangCode) -> str:
        """Prose with every reference rendered for ``lang``. In English a reference that
        opens a sentence starts with a capital ("More than 1,000 companies", "Five
        ports"), and a name that ends with a full stop takes the sentence's own ("run by
        Mou Co., Ltd." not "Ltd..")."""
        out: list[str] = []
        pieces = refs.parse(value)
        for i, piece in enumerate(pieces):
            if isinstance(piece, str):
                if lang == "en" and out and out[-1].endswith(".") and piece.startswith(".") \
                        and not isinstance(pieces[i - 1], str):
                    piece = piece[1:]
                out.append(piece)
                continue
            shown = self.ref(piece, lang)
            if lang == "en" and shown[:1].islower() and _SENTENCE_START.search("".join(out)):
                shown = shown[0].upper() + shown[1:]
            out.append(shown)
        return "".join(out)

    def bi(self, t: BiText, lang: LangCode) -> str:
        return self.text(t.get(lang), lang)

    def ref(self, ref: refs.Ref, lang: LangCode) -> str:
        b = self.b
        if len(ref.ids) > 1:
            return format_list([b.statistics[i] for i in ref.ids], lang, self.prose)
        key = ref.ids[0]
        if key in b.statistics:
            return format_statistic(b.statistics[key], lang, self.prose)
        return self.name(key, lang, short=ref.variant == "short")

    def name(self, key: str, lang: LangCode, short: bool = False) -> str:
        g = self.b.glossary
        entity = g.people.get(key) or g.organisations.get(key) or g.terms[key]
        return format_name(entity, lang, short=short)

    def figure_value(self, stat: Statistic, lang: LangCode) -> str:
        """A statistic with the words of its kind, for tables: 同比增长23.6%."""
        return change_words(stat, lang, self.table)
