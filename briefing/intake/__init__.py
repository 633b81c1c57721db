"""``briefing ingest``: a Chinese news page → a draft briefing.

Read (:mod:`.page`: extracted text, an HTML page, a DOCX) → repair
(:mod:`.repair`) → articles (:mod:`.structure`) → names (:mod:`.names`) and
figures (:mod:`.figures`) → a commented draft (:mod:`.draft`) that loads,
validates and renders in Chinese until it is translated.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import BriefingError
from ..script import has_chinese
from .draft import Draft, build, write_placeholders
from .figures import Extracted
from .names import Names
from .page import Block, read_docx, read_html, read_text
from .repair import Repair, masthead, repair
from .structure import split_articles

__all__ = ["Draft", "IngestError", "Repair", "ingest", "ingest_text", "write_placeholders"]

#: Larger than any news page: refuse, rather than read, a file this big.
MAX_BYTES = 5 * 1024 * 1024


class IngestError(BriefingError):
    """A page that cannot be read as a Chinese news article."""


def _decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_BYTES:
        raise IngestError(f"{name}: {len(raw) / (1024 * 1024):.1f} MB is far larger than a "
                          f"news page (limit {MAX_BYTES / (1024 * 1024):g} MB)")
    if b"\x00" in raw[:4096]:
        raise IngestError(f"{name}: a binary file, not text, HTML or DOCX")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise IngestError(f"{name}: not UTF-8 or GB 18030 text")


def ingest_text(text: str, kind: str = "text", name: str = "<text>") -> Draft:
    """A draft from page text (``kind`` text or html)."""
    blocks = read_html(text) if kind == "html" else read_text(text)
    return _draft(blocks, name)


def ingest(source: str | Path, *, stdin: str | None = None) -> Draft:
    """A draft briefing from a page: a .txt/.md file of extracted text, an .html page,
    a .docx, or ``-`` with the text in ``stdin``."""
    if str(source) == "-":
        return ingest_text(stdin or "", "html" if (stdin or "").lstrip().startswith("<")
                           else "text", "<stdin>")
    path = Path(source)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise IngestError(f"{path}: a folder, not a page") from None
    except OSError as exc:
        raise IngestError(f"{path}: cannot read ({exc.strerror})") from None
    suffix = path.suffix.lower()
    if suffix == ".docx" or raw[:2] == b"PK":
        if len(raw) > MAX_BYTES:
            raise IngestError(f"{path}: too large for a news page")
        try:
            return _draft(read_docx(path), str(path))
        except Exception as exc:  # python-docx raises many kinds for a damaged file
            raise IngestError(f"{path}: not a DOCX python-docx can read "
                              f"({type(exc).__name__})") from None
    text = _decode(raw, str(path))
    html = suffix in (".html", ".htm") or text.lstrip()[:15].lower().startswith(
        ("<!doctype html", "<html"))
    return ingest_text(text, "html" if html else "text", str(path))


def _draft(blocks: list[Block], name: str) -> Draft:
    body = "".join(b.text for b in blocks)
    if not body.strip():
        raise IngestError(f"{name}: the page holds no text")
    chinese = sum(1 for ch in body if has_chinese(ch))
    if chinese < 20 or chinese < len(body) * 0.3:
        raise IngestError(f"{name}: not a Chinese article ({chinese} Chinese characters "
                          f"of {len(body)})")
    page = masthead(blocks)  # the paper and issue, before the header is removed
    blocks, repairs = repair(blocks)
    articles = split_articles(blocks, repairs, page)
    if not articles:
        raise IngestError(f"{name}: no article found (no headline)")
    return build(articles, repairs, Names(), Extracted(year=page.year if page else None))
