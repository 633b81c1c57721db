"""Articles, names and figures → a draft content file with its repairs as comments.

The draft is plain content data (it loads, validates and renders in Chinese
as it stands); every English field is present and empty for the translator,
and every repair is a YAML comment at the place it was made. ruamel.yaml
writes it, so the comments sit where they belong.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..termbase import builtin_path
from .figures import Extracted, refer
from .names import Names, Piece, prose
from .page import Block
from .repair import BYLINE, Repair
from .structure import Article

_ROLES = {"本报记者": "staff_reporter", "记者": "reporter", "通讯员": "correspondent",
          "本报通讯员": "correspondent", "本报特约记者": "correspondent",
          "新华社记者": "reporter"}


@dataclass
class Draft:
    """What ingest made: the content data, its YAML text and the repairs."""

    data: CommentedMap
    repairs: list[Repair] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    figures: list[tuple[str, str]] = field(default_factory=list)  # image file, caption

    def yaml(self) -> str:
        out = io.StringIO()
        writer = YAML()
        writer.width = 4096
        writer.allow_unicode = True
        writer.indent(mapping=2, sequence=4, offset=2)
        writer.representer.ignore_aliases = lambda *_: True  # content refuses aliases
        writer.dump(self.data, out)
        return out.getvalue()


def _shipped_organisations(names: Names) -> None:
    """Organisations of the shipped term base, by their Chinese full and short names."""
    from ruamel.yaml import YAML as Reader

    base = Reader(typ="safe").load(builtin_path("officials").read_text(encoding="utf-8"))
    for key, org in (base.get("organisations") or {}).items():
        names.shipped[org["zh"]] = (key,)
        if org.get("short_zh"):
            names.shipped[org["short_zh"]] = (key, "short")


def _text(zh: str, names: Names, found: Extracted) -> CommentedMap:
    return CommentedMap(zh=_prose(zh, names, found), en="")


def _prose(zh: str, names: Names, found: Extracted) -> str:
    pieces: list[Piece] = []
    for piece in names.pieces(zh):
        pieces.extend(refer(piece, found) if isinstance(piece, str) else [piece])
    return prose(pieces)


def _comment(node: CommentedMap | CommentedSeq, key: Any, notes: list[str]) -> None:
    if notes:
        node.yaml_set_comment_before_after_key(key, before="\n".join(notes), indent=6)


def build(articles: list[Article], repairs: list[Repair], names: Names,
          found: Extracted, title: str = "") -> Draft:
    _shipped_organisations(names)
    # people first: bylines, credits and speakers become glossary entries
    for a in articles:
        if a.byline is not None:
            m = BYLINE.match(a.byline.text)
            for name in (m.group("names").replace("、", " ").split() if m else []):
                names.person(name)
        for s in a.sections:
            for b in s.blocks:
                if b.kind == "caption" and b.credit.endswith("供图") and b.credit != "受访者供图":
                    names.organisation(b.credit[:-2])
                elif b.kind == "caption" and b.credit.endswith("摄"):
                    photographer = b.credit[:-1].replace("本报记者", "") \
                        .replace("新华社记者", "").strip()
                    if photographer:
                        names.person(photographer)
                speaker = a.speakers.get(id(b))
                if speaker:
                    names.person(*speaker)
    draft = Draft(CommentedMap(), repairs, found.notes)
    data = draft.data
    first = articles[0] if articles else None
    data["title"] = CommentedMap(zh=title or (first.headline.text if first else "简报"), en="")
    data["include"] = ["briefing:officials"]
    data["statistics"] = found.statistics  # filled below, in order of the text
    data["glossary"] = CommentedMap()
    out_articles = CommentedSeq()
    figure_no = 0
    for ai, a in enumerate(articles, start=1):
        art = CommentedMap(id=f"article_{ai}")
        if a.deck is not None:
            art["deck"] = _text(a.deck.text, names, found)
        art["headline"] = _text(a.headline.text, names, found)
        if a.subheading is not None:  # 副题, printed after a dash: ——福建厦门港…
            art["subheading"] = _text(a.subheading.text.lstrip("—－- "), names, found)
        if a.dateline is not None:
            art["dateline"] = CommentedMap(zh=a.dateline.text, en="")
        if a.date is not None:
            art["date"] = a.date
        if a.publication is not None and a.publication in names.shipped:
            art["publication"] = names.shipped[a.publication][0]
        if a.agency is not None and a.agency in names.shipped:
            art["dateline_by"] = names.shipped[a.agency][0]  # 新华社: xinhua

        if a.byline is not None:
            m = BYLINE.match(a.byline.text)
            role = _ROLES.get(m.group("role") or "", "author") if m else "author"
            people = m.group("names").replace("、", " ").split() if m else []
            art["byline"] = [CommentedMap(person=names.known[p], role=role) for p in people]
        sections = CommentedSeq()
        for s in a.sections:
            sec = CommentedMap()
            if s.heading is not None:
                sec["heading"] = _text(s.heading.text, names, found)
            blocks = CommentedSeq()
            for b in s.blocks:
                if b.kind == "caption":
                    figure_no += 1
                    blocks.append(_figure(b, figure_no, names, found, draft,
                                          paper="publication" in art))
                else:
                    blocks.append(_block(b, a, names, found))
                _comment(blocks, len(blocks) - 1, b.notes)
            sec["blocks"] = blocks
            if not blocks:
                continue
            sections.append(sec)
        art["sections"] = sections
        out_articles.append(art)
    glossary = data["glossary"]
    if names.people:
        glossary["people"] = names.people
    if names.organisations:
        glossary["organisations"] = names.organisations
        data.yaml_set_comment_before_after_key(
            "glossary", before="English names of people are Hanyu Pinyin (review); "
            "organisations await their English names")
    data["articles"] = out_articles
    return draft


def _block(b: Block, a: Article, names: Names, found: Extracted) -> CommentedMap:
    who = a.speakers.get(id(b))
    if who:
        out = CommentedMap(type="quote", speaker=names.known[who[0]])
        if who[1]:
            out["title"] = CommentedMap(zh=who[1], en="")
        out["zh"] = _prose(b.text, names, found)
        out["en"] = ""
        return out
    return CommentedMap(zh=_prose(b.text, names, found), en="")


def _local_image(b: Block, number: int, taken: set[str]) -> str:
    """Where the draft looks for a figure's picture: beside it, under images/ (a page's
    own address for it, a URL or a path anywhere, is noted for the user to fetch); never a
    name an earlier figure has (…/a/photo.jpg and …/b/photo.jpg)."""
    src = PurePosixPath(b.image.split("?")[0]) if b.image else None
    if src is not None and not re.match(r"^[a-z][a-z0-9+.-]*:", b.image, re.IGNORECASE) \
            and not src.is_absolute() and ".." not in src.parts \
            and re.search(r"\.(?:png|jpe?g)$", src.name, re.IGNORECASE):
        return str(src)  # a relative path inside the draft's folder (pics/port.jpg)
    name = src.name if src is not None else ""
    local = (f"images/{name}" if re.fullmatch(r"[\w.-]+\.(?:png|jpe?g)", name, re.IGNORECASE)
             else f"images/figure-{number}.png")
    if local in taken:
        stem, _, suffix = local.rpartition(".")
        local = f"{stem}-{number}.{suffix}"
    if b.image and b.image != local:
        b.notes.append(f"the page's picture is {b.image}: save it as {local} (review)")
    return local


def _figure(b: Block, number: int, names: Names, found: Extracted,
            draft: Draft, paper: bool = False) -> CommentedMap:
    """A captioned picture; ``paper``: the article names its paper (本报's), which a
    staff photographer's credit needs."""
    image = _local_image(b, number, {used for used, _ in draft.figures})
    draft.figures.append((image, b.text))
    out = CommentedMap(type="figure", image=image,
                       caption=CommentedMap(zh=_prose(b.text, names, found), en=""))
    credit = b.credit
    if credit == "受访者供图":
        out["credit"] = CommentedMap(kind="interviewee")
    elif credit == "资料图片":
        out["credit"] = CommentedMap(kind="file")
    elif credit.endswith("供图"):
        out["credit"] = CommentedMap(kind="courtesy", who=names.known[credit[:-2]])
    elif credit.endswith("摄"):
        who = credit[:-1].replace("本报记者", "").replace("新华社记者", "").strip()
        out["credit"] = CommentedMap(kind="photographer", who=names.known[who])
        if credit.startswith("新华社记者"):
            out["credit"]["agency"] = "xinhua"  # the shipped term base's entry
        elif credit.startswith("本报记者") and paper:
            out["credit"]["staff"] = True  # the paper's own photographer
        elif credit.startswith("本报记者"):
            b.notes.append(f"“{credit}”: a photographer of the paper, which the page does not "
                           "name; give the article a publication and the credit staff: true "
                           "(review)")
    if b.mark:
        out["position"] = b.mark
    return out


def write_placeholders(draft: Draft, folder: Path) -> list[Path]:
    """A plain placeholder picture for each figure whose image is not there yet, so the
    draft renders; the user replaces them with the page's photos."""
    from PIL import Image, ImageDraw

    made = []
    for image, _caption in draft.figures:
        path = folder / image
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        panel = Image.new("RGB", (2400, 1600), (200, 200, 200))
        draw = ImageDraw.Draw(panel)
        draw.rectangle((20, 20, 2379, 1579), outline=(120, 120, 120), width=12)
        draw.line((0, 0, 2400, 1600), fill=(170, 170, 170), width=8)
        draw.line((0, 1600, 2400, 0), fill=(170, 170, 170), width=8)
        if path.suffix.lower() in (".jpg", ".jpeg"):  # named as the page names its photo
            panel.save(path, format="JPEG", dpi=(300, 300), quality=85)
        else:
            panel.quantize(colors=8).save(path, format="PNG", dpi=(300, 300), optimize=True)
        made.append(path)
    return made
