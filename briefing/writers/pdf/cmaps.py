"""ToUnicode CMaps that PostScript consumers accept: at most 100 mappings per block.

reportlab writes each 256-glyph subset's ToUnicode map as one ``beginbfchar``
block of up to 256 entries. PDF viewers read it, but PostScript's CMap rules
(Adobe Technical Note #5014, and so Ghostscript) allow at most 100 entries per
``beginbfchar`` / ``beginbfrange`` block; after a Ghostscript rewrite (pdfwrite,
PDF/A conversion) such a map is dropped and the Chinese text is no longer
copyable or searchable. :func:`to_unicode_cmap` writes the same map in blocks
of 100, and code points beyond the BMP as UTF-16 surrogate pairs.
"""

from __future__ import annotations

from collections.abc import Sequence

#: The most entries a bfchar or bfrange block may hold (Adobe TN #5014).
BLOCK = 100


def _utf16(cp: int) -> str:
    return chr(cp).encode("utf-16-be", "surrogatepass").hex().upper()


def to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """The ToUnicode CMap of one font subset: code ``i`` sets code point ``subset[i]``."""
    head = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{max(len(subset) - 1, 0):02X}>",
        "endcodespacerange",
    ]
    body: list[str] = []
    for start in range(0, len(subset), BLOCK):
        chunk = subset[start:start + BLOCK]
        body.append(f"{len(chunk)} beginbfchar")
        body.extend(f"<{start + i:02X}> <{_utf16(cp)}>" for i, cp in enumerate(chunk))
        body.append("endbfchar")
    tail = ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(head + body + tail)
