"""Chinese words, for headings that break between words: jieba's segmenter fed only
the dictionary entries a text holds.

``rjieba`` (jieba-rs) builds jieba's whole dictionary, 350,000 words and 33 MB,
the moment it is imported. A heading needs a few dozen of those words. jieba's
choice of words depends only on the dictionary words that occur in the text, their
frequencies and the dictionary's total frequency (each word scores
``log(freq) - log(total)``; a run of single characters that is not itself a word
goes to its hidden Markov model, which has no dictionary). So an empty
``rjieba.Jieba`` given exactly those words, plus one entry no text can hold that
brings the total up to the dictionary's, cuts every text as the whole dictionary
would.

The dictionary is jieba's own ``dict.txt`` (from the ``jieba`` package, which is
not imported). Its entries, sorted, are kept in the per-machine cache folder
(:mod:`briefing.diskcache`), built from ``dict.txt`` the first time a heading needs
them (about a second) and read in place after that: a table of first characters,
then, for each character of a heading, the group of words that start with it.

``rjieba``'s extension module is loaded on its own, without the package's
``__init__`` (which is what builds the default dictionary). Where that module
cannot be found (a future layout of the package), the package is imported as
usual: the same words, at the old memory cost.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.machinery
import importlib.util
import os
import re
import struct
import sys
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable
from itertools import accumulate
from pathlib import Path
from types import ModuleType
from typing import Any

from ...errors import RenderError

#: The character of the entry that carries the rest of the total (a noncharacter, and
#: the entry longer than the text, so the text cannot hold it).
_REST = "\ufffe"
#: The index file starts with this, then the number of first characters and the total
#: frequency, a table of (first character, where its entries start), and the entries.
_MAGIC = b"briefing-words-2\n"
_HEAD = struct.Struct("<IQ")
_ROW = struct.Struct("<II")
#: A dictionary line: a word, then its frequency if it has one (a tag after is ignored).
_ENTRY = re.compile(rb"^[ \t]*(\S+)[ \t]*(\S*)", re.MULTILINE)


def _in_package(package: str, names: Iterable[str]) -> Path | None:
    """The first of ``names`` in the folder of the installed ``package``, found without
    importing it (its ``__init__`` is not run)."""
    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for name in names:
            if (Path(folder) / name).is_file():
                return Path(folder) / name
    return None


def _dictionary() -> Path:
    """jieba's ``dict.txt``, found without importing jieba."""
    path = _in_package("jieba", ["dict.txt"])
    if path is not None:
        return path
    raise RenderError("jieba's dictionary (dict.txt of the 'jieba' package) is not "
                      "installed; reinstall briefing")


def build_index(source: bytes) -> bytes:
    """The index of a jieba dictionary (``word freq [tag]`` lines, fields apart by spaces
    or tabs): its ``word freq`` entries grouped by first character, after a table of
    where each group starts.

    A word listed twice keeps its last frequency, and the total counts it once, as
    jieba-rs loads a dictionary. The words are sorted as UTF-8 bytes, which is their
    order as text, and each group is found by a binary search for its end, so the
    350,000 words are not walked in Python more than once (about 0.37 -> 0.31 s,
    once per machine, at the first render's busiest moment).
    """
    source.decode("utf-8")  # (a dictionary that is not UTF-8 is refused, as it was)
    freq = {word: int(f or b"0") for word, f in _ENTRY.findall(source)}
    words = sorted(freq)
    lines = [b"%s %d\n" % (word, freq[word]) for word in words]
    starts = list(accumulate(map(len, lines), initial=0))
    table = bytearray()
    i = 0
    while i < len(words):
        lead = words[i][0]  # the first character's bytes: 1 to 4, by its lead byte
        first = words[i][:1 if lead < 0xC0 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4]
        table += _ROW.pack(ord(first.decode()), starts[i])
        # the group ends where the words no longer start with ``first``: at the first
        # word not below ``first`` with its last byte one higher
        i = bisect_left(words, first[:-1] + bytes((first[-1] + 1,)), i)
    table += _ROW.pack(0x110000, starts[-1])  # where the last group ends
    return (_MAGIC + _HEAD.pack(len(table) // _ROW.size - 1, sum(freq.values()))
            + bytes(table) + b"".join(lines))


class Index:
    """A built index: its table of first characters in memory (90 KB), a character's
    group of entries read from the file when a text holds the character."""

    def __init__(self, read: Callable[[int, int], bytes], size: int) -> None:
        self._read = read
        head = read(0, len(_MAGIC) + _HEAD.size)
        if head[:len(_MAGIC)] != _MAGIC:
            raise ValueError("not a word index")
        groups, self.total = _HEAD.unpack_from(head, len(_MAGIC))
        at = len(_MAGIC) + _HEAD.size
        rows = array("I", read(at, (groups + 1) * _ROW.size))
        if sys.byteorder != "little":
            rows.byteswap()
        self._firsts = rows[0::2]
        self._starts = rows[1::2]
        self._body = at + len(rows) * 4
        if len(self._firsts) != groups + 1 or self._body + self._starts[-1] != size:
            raise ValueError("a word index cut short")

    @classmethod
    def of_bytes(cls, data: bytes) -> Index:
        return cls(lambda at, n: data[at:at + n], len(data))

    def _entries(self, first: str) -> bytes:
        """The ``word freq`` lines of the words that start with ``first``, each after a
        line break (empty when there are none)."""
        g = bisect_left(self._firsts, ord(first))
        if g == len(self._firsts) - 1 or self._firsts[g] != ord(first):
            return b""
        start, end = self._starts[g], self._starts[g + 1]
        return b"\n" + self._read(self._body + start, end - start)

    def words_in(self, text: str) -> dict[str, int]:
        """Every dictionary word that occurs in ``text``, with its frequency: for each
        place, longer and longer pieces looked up in the group of the place's character,
        until no word starts with the piece."""
        found: dict[str, int] = {}
        groups: dict[str, bytes] = {}
        for i, ch in enumerate(text):
            entries = groups.get(ch)
            if entries is None:
                entries = groups[ch] = self._entries(ch)
            for end in range(i + 1, len(text) + 1):
                piece = b"\n" + text[i:end].encode()
                at = entries.find(piece)
                if at < 0:
                    break  # no word starts with text[i:end]
                exact = entries.find(piece + b" ", at)
                if exact >= 0:
                    stop = entries.find(b"\n", exact + 1)
                    found[text[i:end]] = int(entries[exact + len(piece) + 1:
                                                     stop if stop >= 0 else None])
        return found


def _index_file() -> Path:
    from ...diskcache import cache_dir
    from .fonts import _file_digest

    return cache_dir() / f"words-{_file_digest(_dictionary())[:16]}.idx"


@functools.lru_cache(maxsize=1)
def index() -> Index:
    """The dictionary's index, from the cache (built there the first time)."""
    from ...diskcache import store
    from .fonts import _building

    file = _index_file()
    with _building(file):
        if file.is_file() and hasattr(os, "pread"):
            fd = os.open(file, os.O_RDONLY)  # open for the process: groups are read later
            try:
                return Index(lambda at, n: os.pread(fd, n, at), os.fstat(fd).st_size)
            except (ValueError, OSError):  # a file cut short or changed: build it again
                os.close(fd)
        elif file.is_file():  # no positioned reads (Windows): the whole index in memory
            with contextlib.suppress(ValueError, OSError):
                return Index.of_bytes(file.read_bytes())
        data = build_index(_dictionary().read_bytes())
        store(file, data)
        return Index.of_bytes(data)


@functools.lru_cache(maxsize=1)
def _segmenter() -> ModuleType | Any:
    """rjieba's extension module (its ``Jieba`` class), without the default dictionary."""
    name = "rjieba.rjieba"
    if name in sys.modules:
        return sys.modules[name]
    path = _in_package("rjieba", [f"rjieba{s}" for s in importlib.machinery.EXTENSION_SUFFIXES])
    ext = importlib.util.spec_from_file_location(name, path) if path is not None else None
    if ext is not None and ext.loader is not None:
        module = importlib.util.module_from_spec(ext)
        ext.loader.exec_module(module)
        sys.modules[name] = module
        return module
    import rjieba  # another layout: the package itself (it builds the whole dictionary)

    return rjieba


def cut(text: str) -> list[str]:
    """``text`` cut into words as jieba cuts it (with its model of unknown words)."""
    idx = index()
    seg = _segmenter().Jieba.empty()
    held = 0
    for word, freq in idx.words_in(text).items():
        seg.add_word(word, freq, "")
        held += freq
    seg.add_word(_REST * (len(text) + 1), max(idx.total - held, 1), "")
    return list(seg.cut(text))
