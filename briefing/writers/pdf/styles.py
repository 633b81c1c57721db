"""The look: one :class:`~.text.TextStyle` per plan role and language, from the template.

Restrained on purpose: a serif body (Noto Serif SC / Noto Serif) on generous
leading, sans headings, one accent colour for headings, rules and the key
figures, muted grey for bylines, credits and furniture.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...plan import LangCode, Layout, Role
from ...templates import Template
from .fonts import Family
from .text import TextStyle

MM = 72 / 25.4

#: The widest line spacing, as a multiple of the type size, of text set in columns side by
#: side (the parallel layout). Poppler's text extraction (``pdftotext``, and the viewers
#: and indexers built on it) joins two lines into one block only when their baselines are
#: at most 1.5 em apart; farther apart, every line is a block of its own and the two
#: columns' lines come out alternately, Chinese, English, Chinese. At 1.48 each column's
#: paragraph reads whole (1.5 itself fails on rounding, 1.49 holds), with a margin.
SIDE_BY_SIDE_LEADING = 1.48

#: Roles set in the sans family; the rest are serif.
SANS_ROLES = frozenset({
    Role.SECTION_LABEL, Role.HEADLINE, Role.DATELINE, Role.BYLINE, Role.HEADING,
    Role.ATTRIBUTION, Role.CAPTION, Role.CREDIT, Role.META,
})


@dataclass(frozen=True)
class Palette:
    text: str
    accent: str
    muted: str
    rule: str
    panel: str


class Styles:
    """Every style of one render, computed once from the template."""

    def __init__(self, template: Template, layout: Layout) -> None:
        s, c = template.sizes, template.colours
        self.template = template
        self.palette = Palette(c.text, c.accent, c.muted, c.rule, c.panel)
        side_by_side = layout is Layout.PARALLEL

        def lines(size: float, leading: float) -> float:
            """``leading`` for type of ``size``, within the widest that columns allow."""
            if side_by_side:
                return min(leading, round(size * SIDE_BY_SIDE_LEADING, 2))
            return leading

        lead = s.leading
        body = TextStyle("serif", size=s.body, leading=lines(s.body, round(s.body * lead, 2)),
                         colour=c.text, space_after=round(s.body * 0.55, 2), hyphenate=True)
        small = replace(body, family="sans", size=s.small,
                        leading=lines(s.small, round(s.small * 1.5, 2)), colour=c.muted,
                        align="left", space_after=0, hyphenate=False)
        heading_size = s.heading
        label = round(heading_size * 0.9, 2)
        note = s.caption + 0.5
        credit = min(s.small, s.caption)
        self.body = body
        self.small = small
        self._roles: dict[Role, TextStyle] = {
            Role.TITLE: TextStyle("serif", size=s.title,
                                  leading=round(s.title * 1.3, 2), colour=c.accent,
                                  align="left", space_after=s.title * 0.25, splittable=False,
                                  keep_words=True),
            Role.SUBTITLE: replace(body, size=s.deck, leading=round(s.deck * 1.45, 2),
                                   colour=c.muted, align="left", space_after=6,
                                   splittable=False, hyphenate=False, keep_words=True),
            Role.META: replace(small, space_after=2, splittable=False),
            Role.SECTION_LABEL: TextStyle("sans", bold=True, size=label,
                                          leading=lines(label, round(heading_size * 1.35, 2)),
                                          colour=c.accent, align="left",
                                          space_before=s.body * 1.4, space_after=s.body * 0.7,
                                          rule_below=c.rule, rule_gap=4.5, splittable=False,
                                          keep_words=True),
            Role.DECK: replace(body, size=s.deck, leading=lines(s.deck, round(s.deck * 1.5, 2)),
                               colour=c.muted, align="left", space_after=5, splittable=False,
                               hyphenate=False, keep_words=True),
            Role.HEADLINE: TextStyle("sans", bold=True, size=s.headline,
                                     leading=round(s.headline * 1.32, 2), colour=c.text,
                                     align="left", space_after=s.headline * 0.45,
                                     splittable=False, keep_words=True),
            Role.DATELINE: replace(small, colour=c.accent, bold=True, space_after=3,
                                   splittable=False),
            Role.BYLINE: replace(small, space_after=s.body * 1.2, splittable=False),
            Role.HEADING: TextStyle("sans", bold=True, size=heading_size,
                                    leading=round(heading_size * 1.4, 2), colour=c.accent,
                                    align="left", space_before=s.body * 1.1,
                                    space_after=s.body * 0.35, splittable=False,
                                    keep_words=True),
            Role.BODY: body,
            Role.BULLET: replace(body, left_indent=s.body * 1.3, bullet=c.accent,
                                 space_after=s.body * 0.4),
            Role.QUOTE: replace(body, left_indent=14, bar=c.accent, space_after=3),
            Role.ATTRIBUTION: replace(small, left_indent=14, space_after=s.body * 0.8,
                                      splittable=False),
            Role.CAPTION: TextStyle("sans", size=s.caption,
                                    leading=lines(s.caption, round(s.caption * 1.5, 2)),
                                    colour=c.text, align="left", space_before=5,
                                    space_after=1.5),
            Role.CREDIT: replace(small, size=credit, leading=lines(credit, small.leading),
                                 space_after=s.body),
            Role.NOTE: replace(body, size=note, leading=lines(note, round(note * 1.5, 2)),
                               align="left", space_after=3),
        }
        cell = s.caption + 0.5
        self.cell = TextStyle("serif", size=cell, leading=round(cell * 1.45, 2), colour=c.text,
                              align="left", splittable=False)
        self.cell_head = TextStyle("sans", bold=True, size=s.small,
                                   leading=round(s.small * 1.45, 2), colour=c.muted,
                                   align="left", splittable=False)
        self.cell_figure = replace(self.cell, bold=True, colour=c.accent)
        self.furniture = replace(small, size=s.small - 0.5, leading=s.small * 1.3)

    def role(self, role: Role, lang: LangCode) -> TextStyle:
        st = self._roles[role]
        if role is Role.BODY and lang == "zh":
            # Chinese body paragraphs open with a two-character indent
            return replace(st, first_indent=2 * st.size)
        return st

    @staticmethod
    def family(role: Role) -> Family:
        return "sans" if role in SANS_ROLES else "serif"
