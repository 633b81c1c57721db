"""Build the document plan from a briefing: every string final for its language."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from itertools import groupby
from typing import assert_never

from babel.lists import format_list as format_names

from . import images, refs
from .chartplan import ChartPlanner
from .errors import format_path, location
from .labels import N_
from .localize import format_number, format_period
from .localize.dates import format_partial_date
from .model import (
    Article,
    Block,
    Briefing,
    Chart,
    Credit,
    Figure,
    KeyFiguresTable,
    Lang,
    Paragraph,
    Period,
    Quote,
)
from .model import Text as BiText
from .model.walk import Loc, blocks, named_ids, texts
from .plan import (
    LANG_TAGS,
    PARTS,
    Caption,
    Cell,
    Content,
    FooterPiece,
    Image,
    Item,
    ItemKind,
    LangCode,
    Layout,
    Meta,
    Outline,
    PageField,
    Para,
    Plan,
    PlanOptions,
    Role,
    Table,
    TableRole,
    parse_pattern,
)
from .resolve import Resolver

#: The label that names each language.
LANGUAGE_NAMES: dict[LangCode, str] = {"zh": N_("Chinese"), "en": N_("English")}
#: Word and many PDF tools cap the keywords property at 255 characters.
KEYWORDS_MAX = 255


class Planner:
    def __init__(self, b: Briefing, opts: PlanOptions):
        self.b = b
        self.opts = opts = replace(opts, layout=Layout(opts.layout))
        self.r = Resolver(b, opts)
        lead = opts.lead or b.lead
        if opts.layout is Layout.ZH:
            self.langs: tuple[LangCode, ...] = ("zh",)
        elif opts.layout is Layout.EN:
            self.langs = ("en",)
        else:
            self.langs = ("zh", "en") if lead is Lang.ZH else ("en", "zh")
        self.figure_no = 0
        self.current: Article | None = None  # the article being planned
        self.base_dir = images.image_folder(b.origin, opts.image_dir)
        self.charts = ChartPlanner(self.r)

    # ------------------------------------------------------------------ helpers

    def item(self, kind: ItemKind, make: Callable[[LangCode], Sequence[Content]],
             loc: Loc = (), **kw: object) -> Item:
        cells = tuple(Cell(lang, tuple(make(lang))) for lang in self.langs)
        return Item(kind, cells, source=self.where(loc), **kw)  # type: ignore[arg-type]

    def where(self, loc: Loc) -> str:
        """Where ``loc`` is in the content, for a writer's messages: file, line, field."""
        if not loc:
            return ""
        origin = self.b.origin
        pos = self.b.position(loc) if origin else None
        return location(str(origin) if origin else None, pos[0] if pos else None,
                        pos[1] if pos else None, format_path(loc))

    def paras(self, role: Role, t: BiText) -> Callable[[LangCode], list[Content]]:
        return lambda lang: [Para(role, self.r.bi(t, lang), lang)]

    def both(self, make: Callable[[LangCode], str]) -> str:
        """A string in every language of the plan, joined for bookmarks and alt text."""
        return self.r.label(N_(" / "), self.langs[0]).join(make(lang) for lang in self.langs)

    # ------------------------------------------------------------------ parts

    def title(self) -> Iterable[Item]:
        b = self.b

        def make(lang: LangCode) -> list[Content]:
            out: list[Content] = [Para(Role.TITLE, self.r.bi(b.title, lang), lang)]
            if b.subtitle:
                out.append(Para(Role.SUBTITLE, self.r.bi(b.subtitle, lang), lang))
            meta = []
            if b.prepared_by:
                meta.append(self.r.label(N_("Prepared by {who}"), lang,
                                         who=self.r.bi(b.prepared_by, lang)))
            if b.date:
                meta.append(format_partial_date(b.date, lang))
            if meta:
                out.append(Para(Role.META, self.r.label(N_(" · "), lang).join(meta), lang))
            return out

        yield self.item("title", make, ("title",), keep_with_next=True)

    def summary(self) -> Iterable[Item]:
        if not self.b.summary:
            return

        def make(lang: LangCode) -> Sequence[Content]:
            return [Para(Role.SECTION_LABEL, self.r.label(N_("Summary"), lang), lang)] + [
                Para(Role.BULLET, self.r.bi(s, lang), lang) for s in self.b.summary
            ]

        yield self.item("summary", make, ("summary",),
                        outline=Outline(0, self.both(lambda lg: self.r.label(N_("Summary"), lg)),
                                        "summary"))

    def key_table(self, ids: Sequence[str], lang: LangCode) -> Table:
        rows = []
        for key in ids:
            stat = self.b.statistics[key]
            assert stat.label is not None  # integrity guarantees it
            period = format_period(stat.period, lang, table=True) if stat.period else ""
            rows.append((self.r.bi(stat.label, lang), self.r.figure_value(stat, lang), period))
        header = (self.r.label(N_("Indicator"), lang), self.r.label(N_("Figure"), lang),
                  self.r.label(N_("Period"), lang))
        return Table(TableRole.KEY_FIGURES, header, tuple(rows), lang, (0.5, 0.3, 0.2),
                     emphasis=(1,))

    def bilingual_key_table(self, ids: Sequence[str]) -> Table:
        """One table for both languages: label and figure in each, periods in the labels."""
        def side(key: str, lang: LangCode) -> tuple[str, str]:
            stat = self.b.statistics[key]
            assert stat.label is not None  # integrity guarantees it
            name = self.r.bi(stat.label, lang)
            if stat.period:
                name = self.r.label(N_("{label} ({period})"), lang, label=name,
                                    period=format_period(stat.period, lang, table=True))
            return name, self.r.figure_value(stat, lang)

        first, second = self.langs
        rows = []
        for key in ids:
            (l1, v1), (l2, v2) = side(key, first), side(key, second)
            rows.append((l1, v1, v2, l2))
        header = (self.r.label(N_("Indicator"), first), self.r.label(N_("Figure"), first),
                  self.r.label(N_("Figure"), second), self.r.label(N_("Indicator"), second))
        langs = (first, first, second, second)
        return Table(TableRole.KEY_FIGURES, header, tuple(rows), None, (0.3, 0.2, 0.2, 0.3),
                     emphasis=(1, 2), column_langs=langs, header_langs=langs)

    def key_figures(self) -> Iterable[Item]:
        if not self.b.key_figures:
            return
        outline = Outline(0, self.both(lambda lg: self.r.label(N_("Key figures"), lg)),
                          "key-figures")
        if self.opts.bilingual_key_figures and len(self.langs) == 2:
            yield self.item("key_figures", lambda lang: [Para(
                Role.SECTION_LABEL, self.r.label(N_("Key figures"), lang), lang)],
                ("key_figures",), keep_with_next=True, outline=outline)
            yield self.item("key_figures", lambda lang: [], ("key_figures",),
                            shared=self.bilingual_key_table(self.b.key_figures))
            yield from self.key_figures_chart()
            return

        def make(lang: LangCode) -> list[Content]:
            return [Para(Role.SECTION_LABEL, self.r.label(N_("Key figures"), lang), lang),
                    self.key_table(self.b.key_figures, lang)]

        yield self.item("key_figures", make, ("key_figures",), outline=outline)
        yield from self.key_figures_chart()

    def key_figures_chart(self) -> Iterable[Item]:
        chart = self.b.key_figures_chart
        if chart is None or not self.opts.key_figures_chart:
            return
        source = chart.source or (self.b.sources[0].publication if self.b.sources else None)
        yield replace(self.chart(chart, source), source=self.where(("key_figures_chart",)))

    def byline(self, a: Article, lang: LangCode) -> str:
        groups: dict[str, list[str]] = {}
        for entry in a.byline:
            groups.setdefault(entry.role, []).append(self.r.name(entry.person, lang))
        parts = []
        role_label = {
            ("staff_reporter", False): N_("By {names}, staff reporter"),
            ("staff_reporter", True): N_("By {names}, staff reporters"),
            ("reporter", False): N_("By {names}, reporter"),
            ("reporter", True): N_("By {names}, reporters"),
            ("correspondent", False): N_("By {names}, correspondent"),
            ("correspondent", True): N_("By {names}, correspondents"),
            ("author", False): N_("By {names}"),
            ("author", True): N_("By {names}"),
        }
        for role, names in groups.items():
            # Chinese: reporters of a role 甲、乙; authors as the source sets them (郝迎灿 齐婧);
            # English: CLDR's list
            zh_join = " " if role == "author" else "、"
            joined = zh_join.join(names) if lang == "zh" else format_names(names, locale="en_GB")
            parts.append(self.r.label(role_label[(role, len(names) > 1)], lang, names=joined))
        return self.r.label(N_("; "), lang).join(parts)

    def dateline(self, a: Article, lang: LangCode) -> str:
        """本报杭州8月12日电 / HANGZHOU, 12 August; the place alone without a day."""
        assert a.dateline is not None
        place = self.r.bi(a.dateline, lang)
        d = a.date
        if d is None or d.month is None or d.day is None:
            return place
        date = format_period(Period(month=d.month, day=d.day), lang)
        if lang == "en":
            place = place.upper()  # house style: the place in capitals
        if a.dateline_by:
            return self.r.label(N_("{place}, {date} ({agency})"), lang, place=place, date=date,
                                agency=self.r.name(a.dateline_by, lang, short=True))
        return self.r.label(N_("{place}, {date}"), lang, place=place, date=date)

    def credit(self, c: Credit, lang: LangCode) -> str:
        """Photo courtesy of …, Photo: Wang Mou/Xinhua, File photo …"""
        if c.kind == "interviewee":
            return self.r.label(N_("Photo courtesy of the interviewee"), lang)
        if c.kind == "file":
            return self.r.label(N_("File photo"), lang)
        assert c.who is not None  # the model guarantees it
        who = self.r.name(c.who, lang)
        if c.kind == "courtesy":
            return self.r.label(N_("Photo courtesy of {who}"), lang, who=who)
        if c.agency:
            return self.r.label(N_("Photo: {who}/{agency}"), lang, who=who,
                                agency=self.r.name(c.agency, lang, short=True))
        paper = self.current.publication if self.current else None
        if c.staff and paper:
            return self.r.label(N_("Photo: {who}/{paper}"), lang, who=who,
                                paper=self.r.name(paper, lang, short=True))
        return self.r.label(N_("Photo: {who}"), lang, who=who)

    def article(self, ai: int, a: Article) -> Iterable[Item]:
        """The article's items in the order a Chinese paper prints them: the kicker (引题)
        above the headline, the subheading (副题) below it, the byline, then the dateline
        that opens the text (本报阜阳8月14日电 / FUYANG, 14 August)."""
        key = f"article-{ai + 1}"
        self.current = a
        if a.deck:
            yield self.item("deck", self.paras(Role.DECK, a.deck), ("articles", ai, "deck"),
                            keep_with_next=True, starts_article=True)
        yield self.item("headline", self.paras(Role.HEADLINE, a.headline),
                        ("articles", ai, "headline"), keep_with_next=True,
                        starts_article=a.deck is None,
                        outline=Outline(0, self.both(lambda lg: self.r.bi(a.headline, lg)), key))
        if a.subheading:
            yield self.item("deck", self.paras(Role.DECK, a.subheading),
                            ("articles", ai, "subheading"), keep_with_next=True)
        if a.byline:
            yield self.item("byline", lambda lang: [Para(Role.BYLINE, self.byline(a, lang),
                                                         lang)], ("articles", ai, "byline"),
                            keep_with_next=True)
        if a.dateline:
            yield self.item("dateline", lambda lang: [Para(Role.DATELINE,
                                                           self.dateline(a, lang), lang)],
                            ("articles", ai, "dateline"), keep_with_next=True)
        for si, sec in enumerate(a.sections):
            if sec.heading:
                heading = sec.heading

                def heading_text(lg: LangCode, h: BiText = heading) -> str:
                    return self.r.bi(h, lg)

                heading_title = self.both(heading_text)
                yield self.item("heading", self.paras(Role.HEADING, heading),
                                ("articles", ai, "sections", si, "heading"), keep_with_next=True,
                                outline=Outline(1, heading_title, f"{key}-section-{si + 1}"))
            for bi, blk in enumerate(sec.blocks):
                loc: Loc = ("articles", ai, "sections", si, "blocks", bi)
                yield replace(self.block(blk, loc), source=self.where(loc))

    def block(self, blk: Block, loc: Loc) -> Item:
        match blk:
            case Paragraph():
                return self.item("paragraph", self.paras(Role.BODY, blk.text))
            case Quote():
                return self.quote(blk)
            case Figure():
                return self.figure(blk, (*loc, "image"))
            case KeyFiguresTable():
                return self.key_figures_block(blk)
            case Chart():
                return self.chart(blk, blk.source or (self.current.publication
                                                       if self.current else None))
            case _:
                assert_never(blk)

    def key_figures_block(self, blk: KeyFiguresTable) -> Item:
        def make(lang: LangCode) -> list[Content]:
            head = (self.r.bi(blk.title, lang) if blk.title
                    else self.r.label(N_("Key figures"), lang))
            return [Para(Role.SECTION_LABEL, head, lang), self.key_table(blk.figures, lang)]

        return self.item("key_figures", make)

    def caption(self, number: int, text: str, lang: LangCode) -> Caption:
        """Figure N. text: pictures and charts are numbered in one sequence."""
        pieces = parse_pattern(self.r.label(N_("Figure {number}. {caption}"), lang))
        literal = {name: piece for piece, name in pieces}  # the text before each field
        return Caption(literal.get("number", ""), number,
                       format_number(Decimal(number), lang, scaled=False), "",
                       literal.get("caption", ""), text, lang)

    def chart(self, c: Chart, source: str | None) -> Item:
        """A numbered caption, the chart, its note and its source line, per language."""
        self.figure_no += 1
        number = self.figure_no

        def make(lang: LangCode) -> list[Content]:
            chart = self.charts.plan(c, lang)
            out: list[Content] = [self.caption(number, chart.title, lang), chart]
            if c.note:
                out.append(Para(Role.NOTE, self.r.bi(c.note, lang), lang))
            if source:
                out.append(Para(Role.CREDIT, self.r.label(
                    N_("Source: {source}"), lang, source=self.r.name(source, lang)), lang))
            return out

        return self.item("chart", make)

    def quote(self, q: Quote) -> Item:
        def make(lang: LangCode) -> list[Content]:
            out: list[Content] = [Para(Role.QUOTE, self.r.bi(q.text, lang), lang)]
            if self.opts.quote_attribution:
                name = self.r.name(q.speaker, lang)
                if q.title:
                    att = self.r.label(N_("— {name}, {title}"), lang, name=name,
                                       title=self.r.bi(q.title, lang))
                else:
                    att = self.r.label(N_("— {name}"), lang, name=name)
                out.append(Para(Role.ATTRIBUTION, att, lang))
            return out

        return self.item("quote", make)

    def figure(self, f: Figure, loc: tuple[str | int, ...]) -> Item:
        self.figure_no += 1
        number = self.figure_no
        pos = self.b.position(loc) if self.b.origin else None
        line = f"line {pos[0]}: " if pos else ""
        info = images.probe(f.image, self.base_dir,
                            f"{line}figure {number} ({format_path(loc)})")
        alt_src = f.alt or f.caption

        def make(lang: LangCode) -> list[Content]:
            out: list[Content] = [self.caption(number, self.r.bi(f.caption, lang), lang)]
            if f.credit:
                out.append(Para(Role.CREDIT, self.credit(f.credit, lang), lang))
            return out

        image = Image(info.path, info.width, info.height, info.dpi,
                      alt=self.both(lambda lg: self.r.bi(alt_src, lg)),
                      title=self.both(lambda lg: self.r.label(
                          N_("Figure {number}"), lg,
                          number=format_number(Decimal(number), lg, scaled=False))))
        return self.item("figure", make, image=image)

    def used_entities(self) -> list[str]:
        """Glossary ids the briefing names, in order of first use."""
        seen: dict[str, None] = {}
        for _, value in texts(self.b):
            for ref in refs.refs_in(value):
                for key in ref.ids:
                    if key not in self.b.statistics:
                        seen.setdefault(key, None)
        walked = groupby(blocks(self.b), key=lambda at: at[0][1])
        in_article = {ai: [blk for _, blk in group] for ai, group in walked}
        for ai, a in enumerate(self.b.articles):
            for by in a.byline:
                seen.setdefault(by.person, None)
            for blk in in_article.get(ai, []):
                for _, key, kind in named_ids(blk):
                    if kind != "statistic":
                        seen.setdefault(key, None)
        return list(seen)

    def glossary(self) -> Iterable[Item]:
        g = self.b.glossary
        ids = self.used_entities()
        people = [k for k in ids if k in g.people]
        orgs = [k for k in ids if k in g.organisations]
        terms = [k for k in ids if k in g.terms]
        rows: list[tuple[str, str]] = []
        for key in people + orgs + terms:
            rows.append((self.r.name(key, "zh"), self.r.name(key, "en")))
        if not rows:
            return
        order: tuple[LangCode, ...] = self.langs if len(self.langs) == 2 else ("zh", "en")

        def column_name(lg: LangCode) -> str:
            return self.both(lambda lang: self.r.label(LANGUAGE_NAMES[lg], lang))

        header = tuple(column_name(lg) for lg in order)
        body = tuple(r if order[0] == "zh" else (r[1], r[0]) for r in rows)

        def make(lang: LangCode) -> list[Content]:
            return [Para(Role.SECTION_LABEL, self.r.label(N_("Glossary of names"), lang), lang)]

        yield self.item("glossary", make, ("glossary",), keep_with_next=True, outline=Outline(
            0, self.both(lambda lg: self.r.label(N_("Glossary of names"), lg)), "glossary"))
        # the bilingual table spans both columns, below its label
        yield self.item("glossary", lambda lang: [], ("glossary",),
                        shared=Table(TableRole.GLOSSARY, header, body, None, (0.5, 0.5),
                                     column_langs=order,
                                     header_langs=(self.langs[0],) * len(order)))

    def sources(self) -> Iterable[Item]:
        if not self.b.sources:
            return

        def make(lang: LangCode) -> list[Content]:
            out: list[Content] = [Para(Role.SECTION_LABEL, self.r.label(N_("Sources"), lang),
                                       lang)]
            for src in self.b.sources:
                pub = self.r.name(src.publication, lang)
                bits = [pub]
                if src.page:
                    bits.append(self.r.label(N_("page {page}"), lang, page=src.page))
                bits.append(format_partial_date(src.date, lang) if src.date
                            else self.r.label(N_("date not given in the source"), lang))
                text = self.r.label(N_(", "), lang).join(bits)
                if src.note:
                    text += self.r.label(N_(". "), lang) + self.r.bi(src.note, lang)
                out.append(Para(Role.NOTE, text, lang))
            return out

        yield self.item("sources", make, ("sources",), outline=Outline(
            0, self.both(lambda lg: self.r.label(N_("Sources"), lg)), "sources"))

    # ------------------------------------------------------------------ whole plan

    def build(self) -> Plan:
        items: list[Item] = []
        for part in self.opts.parts:
            if part == "articles":
                for ai, a in enumerate(self.b.articles):
                    items.extend(self.article(ai, a))
            elif part in PARTS:
                items.extend(getattr(self, part)())
            else:
                raise ValueError(f"unknown part {part!r}; expected one of {', '.join(PARTS)}")
        lead = self.langs[0]
        title_in = {lg: self.r.bi(self.b.title, lg) for lg in self.langs}
        title = title_in[lead]
        subject = self.both(lambda lg: self.r.bi(self.b.articles[0].headline, lg)) \
            if self.b.articles else title
        joiner = self.r.label(N_("; "), lead)
        keywords: list[str] = []
        for name in dict.fromkeys(self.r.name(k, lg) for k in self.used_entities()
                                  for lg in self.langs):
            if len(joiner.join([*keywords, name])) > KEYWORDS_MAX:
                break
            keywords.append(name)
        dot = self.r.label(N_(" · "), lead)
        titles = [(self.opts.header.get(lg, "{title}").format(title=title_in[lg]), lg)
                  for lg in self.langs]
        header = dot.join(t for t, _ in titles)
        header_parts = tuple(part for i, title in enumerate(titles)
                             for part in ([(dot, lead)] if i else []) + [title])
        footer: list[FooterPiece] = []
        for i, lg in enumerate(self.langs):
            if i:
                footer.append(dot)
            pattern = self.opts.footer.get(lg) or self.r.label(N_("Page {page} of {pages}"), lg)
            footer.extend(_fields(pattern))
        author = self.r.bi(self.b.prepared_by, lead) if self.b.prepared_by else ""
        d = self.b.date
        date = (d.year, d.month or 1, d.day or 1) if d else None
        meta = Meta(title, subject, author, joiner.join(keywords), LANG_TAGS[lead],
                    tuple(LANG_TAGS[lg] for lg in self.langs), date,
                    tuple((LANG_TAGS[lg], title_in[lg]) for lg in self.langs))
        grid = ("", "")
        if len(self.langs) == 2:
            left, right = self.langs
            grid = (self.both(lambda lg: self.r.label(N_("Parallel text"), lg)),
                    self.both(lambda lg: self.r.label(
                        N_("Layout table: each row holds one passage, in {left} on the left "
                           "and in {right} on the right."), lg,
                        left=self.r.label(LANGUAGE_NAMES[left], lg),
                        right=self.r.label(LANGUAGE_NAMES[right], lg))))
        return Plan(self.opts.layout, self.langs, meta, header, tuple(footer), tuple(items),
                    grid_caption=grid[0], grid_description=grid[1], header_parts=header_parts)


def _fields(pattern: str) -> list[FooterPiece]:
    """A footer pattern as text and page fields: only {page} and {pages} are fields."""
    fields = {"page": PageField.PAGE, "pages": PageField.NUMPAGES}
    out: list[FooterPiece] = []
    for text, name in parse_pattern(pattern):
        if text:
            out.append(text)
        if name is not None:
            if name not in fields:
                raise ValueError(f"unknown footer placeholder {{{name}}}")
            out.append(fields[name])
    return out


def build_plan(b: Briefing, options: PlanOptions | None = None) -> Plan:
    """The document plan of ``b`` for a layout and template settings."""
    return Planner(b, options or PlanOptions()).build()

