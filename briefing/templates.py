"""Templates: one validated TOML file (plus optional assets) per look.

A template folder holds ``template.toml`` and any files it names (fonts, a
Word reference document), resolved relative to the folder. Built-in
templates live in the top-level ``templates/`` folder of the project.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import TemplateError, location
from .fonts import PREFIX as FONT_PREFIX
from .fonts import ROLES, builtin_font, coverage, missing_glyphs
from .icc import PREFIX as ICC_PREFIX
from .icc import builtin_profile, check_cmyk_profile
from .model import Lang, Str
from .plan import PARTS, Layout, PlanOptions, parse_pattern
from .resources import templates_dir

Colour = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


#: Trimmed page sizes in millimetres, the one source for every writer.
PAGE_SIZES_MM: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0),
                                                 "Letter": (215.9, 279.4)}


class Page(_Strict):
    size: Literal["A4", "Letter"] = "A4"
    margin_top_mm: float = Field(20, ge=5, le=60)
    margin_bottom_mm: float = Field(20, ge=5, le=60)
    margin_inner_mm: float = Field(20, ge=5, le=60)
    margin_outer_mm: float = Field(20, ge=5, le=60)
    mirror: bool = Field(False, description="mirrored margins for duplex printing")
    column_gap_mm: float = Field(8, ge=2, le=30)

    @property
    def size_mm(self) -> tuple[float, float]:
        """Width and height of the trimmed page."""
        return PAGE_SIZES_MM[self.size]

    @property
    def text_width_mm(self) -> float:
        return self.size_mm[0] - self.margin_inner_mm - self.margin_outer_mm


class Fonts(_Strict):
    """Font files per role. ``builtin:NAME`` names a font from a dependency
    package; anything else is a path relative to the template folder."""

    zh_serif: str = "builtin:noto-serif-sc"
    zh_sans: str = "builtin:noto-sans-sc"
    latin_serif: str = "builtin:noto-serif"
    latin_sans: str = "builtin:noto-sans"
    docx_zh_serif: str = Field("Noto Serif CJK SC", description="font name the DOCX asks for")
    docx_zh_sans: str = "Noto Sans CJK SC"
    docx_latin_serif: str = "Noto Serif"
    docx_latin_sans: str = "Noto Sans"


class Sizes(_Strict):
    body: float = Field(10.5, ge=6, le=24)
    title: float = Field(22, ge=10, le=48)
    headline: float = Field(17, ge=8, le=40)
    heading: float = Field(12.5, ge=8, le=30)
    deck: float = Field(11, ge=6, le=30)
    caption: float = Field(8.5, ge=5, le=16)
    small: float = Field(8, ge=5, le=16)
    leading: float = Field(
        1.55, ge=1.0, le=2.5,
        description="line height as a multiple; the PDF's parallel layout sets at most 1.48, "
        "so that text extraction (poppler) keeps each column's paragraph whole")


class Colours(_Strict):
    text: Colour = "#1A1A1A"
    accent: Colour = "#9B1B1E"
    muted: Colour = "#5A5A5A"
    rule: Colour = "#B8B8B8"
    panel: Colour = "#F3EFE8"


class Print(_Strict):
    bleed_mm: float = Field(0, ge=0, le=10)
    crop_marks: bool = False
    colour: Literal["rgb", "cmyk"] = Field(
        "rgb", description="cmyk: black and grey text and rules in pure K, colours and "
        "pictures converted through icc_profile, which the PDF names as its output intent")
    icc_profile: str = Field(
        "builtin:ghostscript-swop",
        description="the CMYK output profile: builtin:NAME or a file in the template folder")


class Docx(_Strict):
    reference_doc: str | None = Field(None, description="a .docx whose styles are used")
    english_tag: Literal["en-GB", "en-US"] = "en-GB"


class Template(_Strict):
    name: str
    description: str = ""
    layout: Layout = Layout.PARALLEL
    lead: Lang | None = None
    parts: tuple[str, ...] = PARTS
    quote_attribution: bool = True
    bilingual_key_figures: bool = Field(
        False, description="key figures as one table with both languages side by side")
    key_figures_chart: bool = Field(
        True, description="show the briefing's key_figures_chart with the key figures")
    one_page: bool = Field(False, description="the document must fit on one page")
    unit_gloss: bool = Field(
        False, description="English adds a unit's conversion: 3,200 mu (about 213 hectares)")
    print_resolution_dpi: int = Field(300, ge=72, le=1200)
    label_locales: dict[Literal["zh", "en"], str] = Field(
        default_factory=dict,
        description="catalog locale for each content language's labels, e.g. en = 'en_US'")
    labels_dir: str | None = Field(
        None, description="a folder of <locale>/LC_MESSAGES/briefing.po catalogs, relative to "
        "the template folder, searched instead of the shipped translations/")
    header: dict[Literal["zh", "en"], Str] = Field(default_factory=dict)
    footer: dict[Literal["zh", "en"], Str] = Field(default_factory=dict)
    page: Page = Page()
    fonts: Fonts = Fonts()
    sizes: Sizes = Sizes()
    colours: Colours = Colours()
    print: Print = Print()
    docx: Docx = Docx()
    folder: Path | None = Field(None, exclude=True)

    @field_validator("header", "footer")
    @classmethod
    def _patterns(cls, value: dict[str, str], info: Any) -> dict[str, str]:
        allowed = {"header": {"title"}, "footer": {"page", "pages"}}[info.field_name]
        for lang, pattern in value.items():
            try:
                fields = [f for _, f in parse_pattern(pattern) if f is not None]
            except ValueError as exc:
                raise ValueError(f"{lang}: {exc}; write {{{{ and }}}} for literal braces") \
                    from None
            unknown = [f for f in fields if f not in allowed]
            if unknown:
                raise ValueError(f"{lang}: unknown placeholder {{{unknown[0]}}}; allowed: "
                                 + ", ".join(f"{{{a}}}" for a in sorted(allowed)))
        return value

    @field_validator("parts")
    @classmethod
    def _known_parts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [p for p in value if p not in PARTS]
        if unknown:
            raise ValueError(f"unknown part(s) {', '.join(unknown)}; known: {', '.join(PARTS)}")
        if len(set(value)) != len(value):
            raise ValueError("a part is listed twice")
        return value

    def asset(self, name: str) -> Path:
        """A file the template names, relative to its folder."""
        base = self.folder or Path.cwd()
        path = (base / name).resolve()
        if not path.is_file():
            raise TemplateError(f"template {self.name!r}: file {name!r} not found in {base}")
        return path

    def font_file(self, role: str) -> Path:
        """The font file for ``role`` (zh_serif, zh_sans, latin_serif, latin_sans)."""
        value: str = getattr(self.fonts, role)
        if value.startswith(FONT_PREFIX):
            return builtin_font(value.removeprefix(FONT_PREFIX))
        return self.asset(value)

    def icc_profile_file(self) -> Path:
        """The CMYK output profile of the print colour mode."""
        value = self.print.icc_profile
        if value.startswith(ICC_PREFIX):
            return builtin_profile(value.removeprefix(ICC_PREFIX))
        return self.asset(value)

    def with_colour(self, colour: Literal["rgb", "cmyk"] | None) -> Template:
        """This template, printing in ``colour`` (``None``: as it is)."""
        if colour is None or colour == self.print.colour:
            return self
        return self.model_copy(update={"print": self.print.model_copy(update={"colour": colour})})

    def missing_glyphs(self, text: str) -> list[str]:
        """Characters of ``text`` that this template's fonts cannot set."""
        return missing_glyphs(text, (self.font_file("zh_serif"), self.font_file("latin_serif")),
                              (self.font_file("zh_sans"), self.font_file("latin_sans")))

    def plan_options(self, layout: Layout | None = None, image_dir: Path | None = None,
                     labels_dir: Path | None = None) -> PlanOptions:
        if labels_dir is None and self.labels_dir is not None:
            labels_dir = (self.folder or Path.cwd()) / self.labels_dir
        return PlanOptions(
            layout=layout or self.layout, lead=self.lead, parts=self.parts,
            quote_attribution=self.quote_attribution,
            bilingual_key_figures=self.bilingual_key_figures, image_dir=image_dir,
            key_figures_chart=self.key_figures_chart,
            unit_gloss=self.unit_gloss,
            labels_dir=labels_dir, label_locales=dict(self.label_locales),
            header=dict(self.header), footer=dict(self.footer),
        )


def _check_docx(path: Path) -> None:
    """A TemplateError unless ``path`` is a zip with a Word document's main part (its
    directory read, not the document: cheap at every template load)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (OSError, zipfile.BadZipFile) as exc:
        raise TemplateError(f"{path} is not a .docx ({exc})") from None
    if "word/document.xml" not in names:
        raise TemplateError(f"{path} is not a .docx (it has no word/document.xml)")


def _check_assets(t: Template, file: Path) -> None:
    """Files and catalogs a template names must exist and work: fail at load, naming the key."""
    from .labels import CATALOG_LOCALE, check_catalog
    from .resources import translations_dir

    for role in ROLES:
        try:
            path = t.font_file(role)
            coverage(path)
        except TemplateError as exc:
            raise TemplateError(f"{file}: fonts.{role}: {exc}") from None
        except Exception as exc:  # fontTools raises many kinds for a file that is not a font
            raise TemplateError(f"{file}: fonts.{role}: {path} is not a font file "
                                f"fontTools can read ({type(exc).__name__})") from None
    if t.print.colour == "cmyk":
        try:
            check_cmyk_profile(t.icc_profile_file())
        except TemplateError as exc:
            raise TemplateError(f"{file}: print.icc_profile: {exc}") from None
    if t.docx.reference_doc is not None:
        try:
            _check_docx(t.asset(t.docx.reference_doc))
        except TemplateError as exc:
            raise TemplateError(f"{file}: docx.reference_doc: {exc}") from None
    root = (t.folder / t.labels_dir) if t.labels_dir and t.folder else translations_dir()
    for lang in ("zh", "en"):
        locale = t.label_locales.get(lang, CATALOG_LOCALE[lang])
        try:
            check_catalog(locale, root)
        except LookupError as exc:
            key = f"label_locales.{lang}" if lang in t.label_locales else "labels_dir"
            raise TemplateError(f"{file}: {key}: {exc}") from None


_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def _key_line(text: str, loc: Sequence[object]) -> int | None:
    """The line of ``template.toml`` that sets the key at ``loc`` (``("page", "size")``),
    or of the nearest key above it that the file sets (an inline table's, a table's
    header); None when none is found (a key the file does not set)."""
    path = [str(p) for p in loc if not isinstance(p, int)]
    lines = text.splitlines()
    for n in range(len(path), 0, -1):
        want = path[:n]
        table: list[str] = []
        for number, line in enumerate(lines, start=1):
            if m := _TABLE.match(line):
                table = [part.strip().strip('"') for part in m.group(1).split(".")]
                if table == want:
                    return number  # the key is this table
                continue
            if table != want[:len(table)] or len(table) >= len(want):
                continue
            rest = r"\s*\.\s*".join(re.escape(part) for part in want[len(table):])
            if re.match(rf"^\s*\"?{rest}\"?\s*=", line):
                return number
    return None


def builtin_names() -> list[str]:
    return sorted(p.parent.name for p in templates_dir().glob("*/template.toml"))


def load_template(name_or_path: str | Path = "handout") -> Template:
    """A built-in template by name, or a user's template folder (or file) by path."""
    candidate = Path(name_or_path)
    if candidate.is_dir():
        file = candidate / "template.toml"
    elif candidate.is_file():
        file = candidate
    elif str(name_or_path) in builtin_names():
        file = templates_dir() / str(name_or_path) / "template.toml"
    else:
        raise TemplateError(
            f"unknown template {str(name_or_path)!r}: not a folder or file, and not a "
            f"built-in template ({', '.join(builtin_names())})")
    if not file.is_file():
        raise TemplateError(f"template folder {candidate} has no template.toml")
    try:
        text = file.read_text(encoding="utf-8-sig")  # BOM or not, as editors save
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{file}: not valid TOML ({exc})") from None
    data.setdefault("name", file.parent.name)
    try:
        template = Template.model_validate({**data, "folder": file.parent.resolve()})
    except ValidationError as exc:
        lines = []
        for err in exc.errors(include_url=False):
            key = ".".join(str(p) for p in err["loc"])
            if err["type"] == "extra_forbidden":
                msg = f"unknown key '{key}'"
            elif err["type"] == "value_error":
                msg = f"{key}: {err['ctx']['error']}"
            else:
                msg = f"{key}: {err['msg']}"
            lines.append(f"{location(str(file), _key_line(text, err['loc']), None, '')}: "
                         f"{msg}")
        raise TemplateError("\n".join(lines)) from None
    _check_assets(template, file)
    return template
