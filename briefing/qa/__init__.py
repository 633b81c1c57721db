"""Translation QA: catch wrong numbers and names before a briefing goes out.

``check_briefing`` returns a typed :class:`Report` of findings, each with a
severity, a location (file:line and field path) and a plain-words message
showing both sides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from .. import refs
from ..errors import RenderError, format_path
from ..images import image_folder, probe
from ..model import Briefing, Direction, Figure, Paragraph, Quote
from ..model.statistics import CHANGES
from ..model.walk import blocks, pairs, texts
from ..resolve import Resolver
from ..script import has_chinese
from ..templates import Template, load_template
from ..units import Unit
from . import numbers
from .charts import check_charts

Severity = Literal["error", "warning"]
Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    path: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file or "<briefing>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.severity}: {self.path}: {self.message} [{self.code}]"

    def as_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "code": self.code, "file": self.file,
                "line": self.line, "column": self.column, "path": self.path,
                "message": self.message}


@dataclass(frozen=True)
class Accepted:
    """A finding the content accepts on purpose, with its reason."""

    finding: Finding
    reason: str

    def __str__(self) -> str:
        return f"{self.finding} accepted: {self.reason}"


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    accepted: tuple[Accepted, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "errors": len(self.errors), "warnings": len(self.warnings),
                "findings": [f.as_dict() for f in self.findings],
                "accepted": [{**a.finding.as_dict(), "reason": a.reason}
                             for a in self.accepted]}


class _Checker:
    def __init__(self, b: Briefing, template: Template, image_dir: Path | None = None):
        self.b = b
        self.template = template
        self.image_dir = image_dir
        self.r = Resolver(b)
        self.findings: list[Finding] = []
        self.file = str(b.origin) if b.origin else None
        self._rendered: dict[tuple[str, str], str] = {}  # one check's texts, resolved once
        self.units = tuple(sorted(b.units.items()))  # hashable: the key of _mismatches

    def add(self, severity: Severity, code: str, loc: Loc, message: str) -> None:
        pos = self.b.position(loc) if self.file else None
        self.findings.append(Finding(severity, code, format_path(loc), message, self.file,
                                     pos[0] if pos else None, pos[1] if pos else None))

    # ------------------------------------------------------------------ units of text

    def render(self, value: str, lang: Literal["zh", "en"]) -> str:
        got = self._rendered.get((value, lang))
        if got is None:
            got = self._rendered[(value, lang)] = self.r.text(value, lang)
        return got

    # ------------------------------------------------------------------ checks

    def translations(self) -> None:
        for loc, zh, en in pairs(self.b):
            if zh.strip() and not en.strip():
                self.add("error", "missing-translation", (*loc, "en"),
                         f"no English translation of “{_clip(zh)}”")
            elif zh.strip() and _mostly_chinese(en):
                self.add("error", "missing-translation", (*loc, "en"),
                         f"the English is in Chinese (“{_clip(en)}”): a copy of the source "
                         "a translation tool left, or not translated yet")
        for key, org in self.b.glossary.organisations.items():
            if not org.en.strip():
                self.add("error", "missing-translation",
                         ("glossary", "organisations", key, "en"),
                         f"no English name for {org.zh}")

    def number_pairs(self) -> None:
        for loc, zh, en in pairs(self.b):
            if not en.strip():
                continue
            zh_text, en_text = self.render(zh, "zh"), self.render(en, "en")
            found = _mismatches(zh_text, en_text, self.units)
            for mm in _pair_up(list(found)):
                self.number_finding(loc, mm)

    def number_finding(self, loc: Loc, mm: numbers.Mismatch) -> None:
        z, e = mm.zh, mm.en
        if mm.kind == "qualifier" and z and e:
            self.add("error", "qualifier", loc,
                     f"the qualifier differs: zh has {z.text} ({z.qualifier or 'exact'}), "
                     f"en has {e.text} ({e.qualifier or 'exact'})")
            return
        if mm.kind == "unit" and z and e:
            self.add("error", "number-unit", loc,
                     f"the unit or currency differs: zh has {z.text}, en has {e.text}")
            return
        if mm.kind == "basis" and z and e and e.basis is None:
            self.add("error", "basis", loc,
                     f"the basis is missing: zh has {z.text} (period on period: 环比), en has "
                     f"{e.text} with none, which reads as a change on a year earlier; add "
                     "\"month on month\", \"quarter on quarter\" or \"from the previous month\"")
            return
        if mm.kind in ("direction", "basis") and z and e:
            what = {"direction": lambda m: m.direction.value if m.direction else "",
                    "basis": lambda m: (m.basis.value if m.basis else "").replace("_", " ")}
            self.add("error", mm.kind, loc,
                     f"the {mm.kind} differs: zh has {z.text} ({what[mm.kind](z)}), en has "
                     f"{e.text} ({what[mm.kind](e)})")
            return
        loose = (z is None or not z.certain or z.is_year) and (e is None or not e.certain
                                                               or e.is_year)
        severity: Severity = "warning" if loose else "error"
        if z and e:
            msg = f"zh has {z.shown()}, en has {e.shown()}"
        elif z:
            msg = f"zh has {z.shown()}, en has no equal number"
        else:
            assert e is not None
            msg = f"en has {e.shown()}, zh has no equal number"
        self.add(severity, mm.kind, loc, msg)

    def names(self) -> None:
        g = self.b.glossary
        entities: list[tuple[str, list[str], list[str]]] = []
        for key, p in g.people.items():
            entities.append((key, [p.zh], [p.en]))
        for key, o in g.organisations.items():
            zh_forms = [o.zh, *([o.short_zh] if o.short_zh else []), *o.aliases_zh]
            en_forms = [o.en, *([o.short_en] if o.short_en else [])]
            entities.append((key, zh_forms, en_forms))
        for loc, zh, en in pairs(self.b):
            if not en.strip():
                continue
            zh_text, en_text = self.render(zh, "zh"), self.render(en, "en")
            present = _present(zh_text, entities)
            for key, _zh_forms, en_forms in entities:
                if key in present and not any(_contains_en(en_text, f) for f in en_forms):
                    name = present[key]
                    self.add("error", "name", loc,
                             f"zh names {name} but en lacks its glossary name "
                             f"“{' / '.join(dict.fromkeys(en_forms))}”")
            for key, _zh_forms, en_forms in entities:
                if key in present:
                    continue
                hit = next((f for f in en_forms if len(f) > 3 and _contains_en(en_text, f)),
                           None)
                if hit and not any(_contains_en(f2, hit) for k2, _, fs in entities
                                   if k2 in present for f2 in fs):
                    self.add("warning", "name-extra", loc,
                             f"en names {hit}, which the zh text does not name")

    def figures(self) -> None:
        if "articles" not in self.template.parts:
            return  # this template prints no figures
        page = self.template.page
        width_mm = page.text_width_mm
        for loc, blk in blocks(self.b):
            if isinstance(blk, Figure):
                self.figure(loc, blk, width_mm)

    def figure(self, loc: Loc, f: Figure, width_mm: float) -> None:
        if f.credit is None:
            self.add("error", "figure-credit", loc, "the figure has no credit "
                     "(…供图 courtesy of an organisation, or …摄 photographer)")
        if f.alt is None or not f.alt.en.strip():
            self.add("warning", "figure-alt", (*loc, "alt"),
                     "the figure has no alt text in both languages (the caption stands in)")

        try:
            info = probe(f.image, image_folder(self.b.origin, self.image_dir), "figure")
        except RenderError as exc:
            self.add("error", "figure-image", (*loc, "image"), str(exc))
            return
        dpi = info.width / (width_mm / 25.4)
        need = self.template.print_resolution_dpi
        if dpi < need:
            self.add("warning", "figure-resolution", (*loc, "image"),
                     f"{info.width}×{info.height} px placed {width_mm:.0f} mm wide is "
                     f"{dpi:.0f} dpi, below the {need} dpi this template prints at")

    def duplicates(self) -> None:
        seen: dict[str, Loc] = {}
        for loc, blk in blocks(self.b):
            if not isinstance(blk, Paragraph | Quote):
                continue
            key = re.sub(r"\s+", "", blk.zh)
            if len(key) >= 12 and key in seen:
                self.add("error", "duplicate", loc,
                         f"this paragraph repeats {format_path(seen[key])} "
                         f"(“{_clip(blk.zh)}”)")
            seen.setdefault(key, loc)

    def glyphs(self) -> None:
        for loc, zh, en in pairs(self.b):
            for lang, value in (("zh", zh), ("en", en)):
                rendered = self.render(value, lang)  # type: ignore[arg-type]
                missing = self.template.missing_glyphs(rendered)
                if missing:
                    chars = " ".join(f"{c} (U+{ord(c):04X})" for c in missing)
                    self.add("error", "glyph", (*loc, lang),
                             f"no glyph in the template's fonts for {chars}")

    def directions(self) -> None:
        """Prose that words a change against its direction: 增长{fall} / "up {fall}"."""
        for loc, value in texts(self.b):
            lang = str(loc[-1])
            for before, ref in refs.with_context(value):
                for key in ref.ids:
                    stat = self.b.statistics.get(key)
                    if stat is None or stat.kind not in CHANGES:
                        continue
                    said = numbers.direction_before(before, lang)
                    want = stat.direction or Direction.UP
                    if said is not None and said is not want:
                        self.add("error", "direction", loc,
                                 f"{ref.source} goes {want.value}, but the {lang} text words "
                                 f"it as {said.value} (“{_clip(before[-12:], 12)}{ref.source}”)")

    def date_order(self) -> None:
        """The house style is British (12 August): a US-order date in the English (August
        12) is a warning naming the British form."""
        for loc, _zh, en in pairs(self.b):
            if not en.strip():
                continue
            for m in _US_DATE.finditer(self.render(en, "en")):
                self.add("warning", "date-order", (*loc, "en"),
                         f"“{m.group(0)}”: dates read day first in British English "
                         f"(“{int(m.group(2))} {m.group(1)}”)")

    def run(self) -> Report:
        self.directions()
        self.translations()
        self.date_order()
        self.number_pairs()
        self.names()
        self.figures()
        # charts as this template's labels word them
        check_charts(self.b, Resolver(self.b, self.template.plan_options()), self.add)
        self.duplicates()
        self.glyphs()
        accepted = self.accepted()
        order = {"error": 0, "warning": 1}
        found = sorted((f for f in self.findings if f not in {a.finding for a in accepted}),
                       key=lambda f: (f.line or 0, order[f.severity], f.path))
        return Report(tuple(found), tuple(accepted))

    def accepted(self) -> list[Accepted]:
        """Findings inside a block that accepts their code with a reason; an accept that
        matches nothing is itself a warning, so stale ones do not pile up."""
        out: list[Accepted] = []
        for loc, blk in blocks(self.b):
            where = format_path(loc)
            for i, accept in enumerate(blk.accept):
                hits = [f for f in self.findings
                        if f.code == accept.code and accept.match in f.message
                        and (f.path == where or f.path.startswith((where + ".", where + "[")))]
                out += [Accepted(f, accept.reason) for f in hits]
                if not hits:
                    self.add("warning", "unused-accept", (*loc, "accept", i),
                             f"no {accept.code} finding here to accept"
                             + (f" matching “{accept.match}”" if accept.match else ""))
        return out


#: A date in US order: a month's name, then its day (August 12, August 12th).
_US_DATE = re.compile(rf"\b{numbers.MONTH_NAME} (\d{{1,2}})(?:st|nd|rd|th)?(?![\d,.]\d)\b")


def _pair_up(found: list[numbers.Mismatch]) -> list[numbers.Mismatch]:
    """Show a lone zh figure beside a lone en figure of its kind: the likely
    mistranslation (a number, a period, a ranking or a fraction)."""
    out = [m for m in found if m.zh is not None and m.en is not None]
    for kind in ("number", "period", "ranking", "fraction"):
        zh_only = [m.zh for m in found if m.kind == kind and m.en is None]
        en_only = [m.en for m in found if m.kind == kind and m.zh is None]
        for i in range(max(len(zh_only), len(en_only))):
            z = zh_only[i] if i < len(zh_only) else None
            e = en_only[i] if i < len(en_only) else None
            out.append(numbers.Mismatch(kind, z, e))
    return out


def _present(zh_text: str, entities: list[tuple[str, list[str], list[str]]]) -> dict[str, str]:
    """Entities named in the Chinese text, longest form first so 鞍钢集团 wins over 鞍钢."""
    forms = sorted(((f, key) for key, zh_forms, _ in entities for f in zh_forms),
                   key=lambda x: -len(x[0]))
    taken = [False] * len(zh_text)
    present: dict[str, str] = {}
    for form, key in forms:
        start = zh_text.find(form)
        while start != -1:
            span = range(start, start + len(form))
            if not any(taken[i] for i in span):
                for i in span:
                    taken[i] = True
                present.setdefault(key, form)
            start = zh_text.find(form, start + 1)
    return present


@lru_cache(maxsize=4096)
def _mismatches(zh_text: str, en_text: str, units: tuple[tuple[str, Unit], ...]
                ) -> tuple[numbers.Mismatch, ...]:
    """How the figures of a passage and its translation differ (the same for the same
    texts and units: a briefing checked again compares only the passages that changed)."""
    table = dict(units)
    return tuple(numbers.compare(numbers.zh_mentions(zh_text, table),
                                 numbers.en_mentions(en_text, table)))


def _contains_en(text: str, name: str) -> bool:
    return name in text and _whole_word(name).search(text) is not None


@lru_cache(maxsize=1024)
def _whole_word(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def _mostly_chinese(text: str) -> bool:
    """Are most of the letters of ``text`` (its references aside) Chinese? An English with
    a Chinese word in it (the Belt and Road (一带一路)) is not."""
    letters = [ch for p in refs.parse(text) if isinstance(p, str) for ch in p if ch.isalpha()]
    return bool(letters) and sum(map(has_chinese, letters)) * 2 > len(letters)


def _clip(text: str, n: int = 24) -> str:
    return text if len(text) <= n else text[:n] + "…"


def check_briefing(b: Briefing, template: Template | None = None,
                   image_dir: Path | None = None) -> Report:
    """Run every QA check on a briefing (images from ``image_dir`` or the content's folder)."""
    return _Checker(b, template or load_template("handout"), image_dir).run()
