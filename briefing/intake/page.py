"""A news page as blocks: plain extracted text, an HTML article page, or a DOCX.

Every reader returns the same thing: :class:`Block` values in page order, each
with the line (or element number) it came from, so a repair can say where it
happened. Reading does no repair; :mod:`.repair` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..script import has_chinese

BlockKind = Literal["text", "heading", "title", "byline", "caption"]

#: A caption's credit line: an organisation's (…供图), a photographer's (…摄), a file photo.
CREDIT = re.compile(r"^(?:.{1,40}供图|.{1,30}摄|资料图片|新华社发|新华社记者\s*\S+摄)$")


@dataclass
class Block:
    """One block of the page: a paragraph, a heading, a caption with its credit."""

    text: str
    line: int  # 1-based line of the source where the block starts
    kind: BlockKind = "text"
    level: int = 0  # a heading's level (1: a headline, 2: a section heading)
    credit: str = ""  # a caption's credit line
    mark: str = ""  # a caption's position mark: ▲ above, ▼ below
    image: str = ""  # a caption's picture, where the page names one
    notes: list[str] = field(default_factory=list)  # repairs made here, for the draft


def _joined(lines: list[str]) -> str:
    """Lines of one block: Chinese joins without a space, Latin with one."""
    out = ""
    for line in lines:
        line = line.strip()
        if out and line and not (has_chinese(out[-1]) or has_chinese(line[0])):
            out += " "
        out += line
    return out


def caption_block(text: str, line: int, image: str = "") -> Block | None:
    """A caption with its credit and position mark, if ``text`` is one."""
    parts = [p.strip() for p in re.split(r"\s{2,}\n|\n", text) if p.strip()]
    mark = ""
    if parts and parts[0][:1] in "▲▼":
        mark = "above" if parts[0][0] == "▲" else "below"
        parts[0] = parts[0][1:].strip()
    credit = ""
    if len(parts) >= 2 and CREDIT.match(parts[-1]):
        credit = parts.pop()
    elif parts:  # the credit on the caption's own line, marked (▲ …。新华社记者 李某摄) or not
        m = re.search(r"[。）)]\s*([^。]{1,30}(?:供图|摄)|资料图片)$", parts[-1])
        if m:
            credit = m.group(1)
            parts[-1] = parts[-1][: m.start(1)].strip()
        elif not mark:
            return None
    if not mark and not credit:
        return None
    return Block("".join(parts), line, "caption", credit=credit, mark=mark, image=image)


def read_text(text: str) -> list[Block]:
    """Blocks of extracted page text: blank lines separate blocks; ``#`` marks headings;
    a block whose lines end in two spaces keeps them apart (a caption and its credit)."""
    blocks: list[Block] = []
    current: list[str] = []
    start = 0
    raw_lines = text.splitlines()

    def flush() -> None:
        if not current:
            return
        first = current[0].strip()
        heading = re.match(r"^(#{1,6})\s*(.+)$", first)
        if heading and len(current) == 1:
            blocks.append(Block(heading.group(2).strip(), start, "heading",
                                level=len(heading.group(1))))
        else:
            raw = "\n".join(current)
            cap = caption_block(raw, start) if (first[:1] in "▲▼" or len(current) <= 3) \
                else None
            blocks.append(cap or Block(_joined(current), start))
        current.clear()

    for i, line in enumerate(raw_lines, start=1):
        if line.strip():
            if current and line.strip().startswith("——"):
                flush()  # a subheading (副题) or an attribution: a line of its own
            if not current:
                start = i
            current.append(line)
        else:
            flush()
    flush()
    return blocks


def read_html(html: str) -> list[Block]:
    """Blocks of an article page: readability finds the main text; the headline, byline
    and date come from the page's own markup (h1, meta tags)."""
    from lxml import html as lxml_html
    from readability import Document

    page = lxml_html.fromstring(html)
    blocks: list[Block] = []
    h1 = page.xpath("//h1")
    title = (h1[0].text_content().strip() if h1 else "") or Document(html).short_title()
    if title:
        blocks.append(Block(title, 1, "heading", level=1))
    for name in ("author", "byline", "article:author"):
        meta = page.xpath(f'//meta[@name="{name}" or @property="{name}"]/@content')
        if meta and str(meta[0]).strip():
            blocks.append(Block(str(meta[0]).strip(), 1, "byline"))
            break
    main = lxml_html.fromstring(Document(html).summary(html_partial=True))
    for n, el in enumerate(main.iter("p", "h2", "h3", "h4", "figure", "blockquote"), start=2):
        text = re.sub(r"\s+", " ", el.text_content()).strip()
        if el.tag == "figure":
            caption = el.xpath(".//figcaption")
            image = el.xpath(".//img/@src")
            words = caption[0].text_content().strip() if caption else ""
            cap = caption_block(words, n, str(image[0]) if image else "") if words else None
            if cap is None and words:
                cap = Block(words, n, "caption", image=str(image[0]) if image else "")
            if cap:
                blocks.append(cap)
            continue
        if not text or any(a.tag == "figure" for a in el.iterancestors()):
            continue
        if el.tag in ("h2", "h3", "h4"):
            blocks.append(Block(text, n, "heading", level=2))
        else:
            cap = caption_block(text, n) if text[:1] in "▲▼" else None
            blocks.append(cap or Block(text, n))
    return blocks


def read_docx(path: Path) -> list[Block]:
    """Blocks of a Word document: Title and Heading 1 are headlines, lower headings
    section headings, other paragraphs text."""
    import docx

    blocks: list[Block] = []
    for n, p in enumerate(docx.Document(str(path)).paragraphs, start=1):
        text = p.text.strip()
        if not text:
            continue
        style = (p.style.name if p.style is not None else "") or ""
        if style == "Title" or style == "Heading 1":
            blocks.append(Block(text, n, "heading", level=1))
        elif style.startswith("Heading"):
            blocks.append(Block(text, n, "heading", level=2))
        elif blocks and blocks[-1].kind == "caption" and not blocks[-1].credit \
                and CREDIT.match(text):
            blocks[-1].credit = text  # a credit in the paragraph under its caption
        else:
            cap = caption_block(p.text, n) if text[:1] in "▲▼" else None
            blocks.append(cap or Block(text, n))
    return blocks
