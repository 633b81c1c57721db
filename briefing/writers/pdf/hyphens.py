"""English hyphenation: pyphen's en_GB patterns, parsed once per machine.

pyphen parses its ``hyph_en_GB.dic`` (14,000 patterns) in Python each time a
process first hyphenates, about a tenth of a second of every first PDF. The
parsed patterns are kept in the per-machine cache folder (:mod:`briefing.diskcache`,
``marshal``: only strings, numbers and tuples) and handed to pyphen as its parsed
dictionary. The file carries the positions the freshly parsed dictionary gave a
few probe words; patterns read back must give the same, or pyphen parses its file
as before (and the file is written again). It is named by the dictionary's digest
and pyphen's version, so a new dictionary or pyphen is parsed anew.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyphen

#: British English; at least two letters before a hyphen and three after (TeX's
#: \lefthyphenmin and \righthyphenmin for English).
LANG, LEFT, RIGHT = "en_GB", 2, 3
#: The cache file's layout: 2 stores each pattern's points once for all the patterns
#: that have the same (14,000 patterns, 1,400 different points: 1.4 MB less in memory).
FORMAT = 2
#: Words whose hyphenation points check patterns read back from the cache.
PROBES = ("hyphenation", "characteristically", "infrastructure", "manufacturing",
          "productivity", "photovoltaic", "semiconductor", "transportation")


def _positions(hd: Any) -> dict[str, list[int]]:
    got = {w: [int(i) for i in hd.positions(w)] for w in PROBES}
    hd.cache.clear()
    return got


def _file(dic: Path, version: str) -> Path:
    from ...diskcache import cache_dir
    from .fonts import _file_digest

    return cache_dir() / f"hyphens-{_file_digest(dic)[:16]}-{version}-{FORMAT}.marshal"


def _read(file: Path) -> Any | None:
    """pyphen's parsed dictionary from ``file``, if it is there and gives the probes'
    positions it was stored with."""
    import pyphen

    try:
        stored = marshal.loads(file.read_bytes())
        hd = object.__new__(pyphen.HyphDict)
        hd.patterns, hd.maxlen, hd.cache = stored["patterns"], stored["maxlen"], {}
        if _positions(hd) == stored["probes"]:
            return hd
    except Exception:  # noqa: BLE001 - anything unreadable: pyphen parses its file
        pass
    return None


def _write(file: Path, hd: Any) -> None:
    from ...diskcache import store

    values = (v for _, vs in hd.patterns.values() for v in vs)
    if not all(type(v) is int for v in values):  # nonstandard hyphenation: not kept
        return
    # equal points as one object, which marshal writes once and reads back shared
    shared: dict[Any, Any] = {}
    patterns = {k: shared.setdefault(v, v) for k, v in hd.patterns.items()}
    with contextlib.suppress(ValueError):
        store(file, marshal.dumps({"patterns": patterns, "maxlen": hd.maxlen,
                                    "probes": _positions(hd)}))


@functools.lru_cache(maxsize=1)
def hyphenator() -> pyphen.Pyphen:
    """pyphen's en_GB hyphenator, its patterns from the cache where they are."""
    import pyphen

    dic = Path(pyphen.LANGUAGES[pyphen.language_fallback(LANG)])
    file = _file(dic, pyphen.__version__)
    fresh = False
    if dic not in pyphen.hdcache:
        hd = _read(file)
        if hd is not None:
            pyphen.hdcache[dic] = hd
        else:
            fresh = True
    out = pyphen.Pyphen(filename=dic, left=LEFT, right=RIGHT)
    if fresh:
        _write(file, out.hd)
    return out
