"""What the library knows about Chinese script, in one place.

"Is this character Chinese?" has one answer here, used by the PDF line
breaker and font choice, the DOCX run splitter and the checks: a character
is *wide* when it is set on the East Asian em grid (Han ideographs in every
plane, kana, Hangul, CJK punctuation and symbols, full-width forms).
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Code point ranges of characters set on the East Asian em grid.
WIDE_RANGES: tuple[tuple[int, int], ...] = (
    (0x2E80, 0x2FFF),  # CJK radicals, Kangxi radicals, description characters
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3100, 0x9FFF),  # bopomofo, Hangul jamo compat., kanbun, CJK strokes, ext. A, unified
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
    (0x20000, 0x3FFFF),  # ideographs beyond the BMP: extensions B to H, compatibility supp.
)

#: Punctuation shared by both scripts: full-width in Chinese text, Latin in English.
AMBIGUOUS = frozenset("“”‘’—…·")

#: Characters that take no width at all (a zero-width break opportunity).
ZERO_WIDTH = frozenset("\u200b")


@lru_cache(maxsize=1 << 16)  # the characters a process meets; 65,536 at most
def is_wide(ch: str) -> bool:
    """Is ``ch`` set on the East Asian em grid (Han, kana, Hangul, CJK marks)?

    Cached per character: the line breaker asks it of every gap of every text.
    """
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in WIDE_RANGES)


#: Any wide character (the ranges above as one character class), for whole texts.
_ANY_WIDE = re.compile("[" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
                                     for lo, hi in WIDE_RANGES) + "]")


def has_chinese(text: str) -> bool:
    """Does ``text`` hold any character of the East Asian script (see :func:`is_wide`)?"""
    return _ANY_WIDE.search(text) is not None


def is_wide_in(ch: str, chinese: bool) -> bool:
    """Is ``ch`` set wide in text of this language (ambiguous marks follow the text)?"""
    return is_wide(ch) or (chinese and ch in AMBIGUOUS)
