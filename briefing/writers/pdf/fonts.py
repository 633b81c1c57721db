"""Fonts for the PDF: converted, instanced, subset, cached, registered with reportlab.

reportlab embeds only TrueType (``glyf``) outlines. The template's fonts are
resolved by :meth:`briefing.templates.Template.font_file` (``builtin:`` fonts
come from pip packages) and turned into static TrueType fonts. A Latin font holds
the characters the plan uses plus a fixed set (ASCII, digits, common
punctuation). A Chinese font is built once for a fixed, large set, GB 2312 and
punctuation (:func:`zh_base`, about 2.8 MB for Noto Serif SC), so a new briefing
whose characters lie inside it builds no font; the few characters a document
uses beyond it go into a second, small face of their own. Building the base of
both Chinese faces is the one slow step (seconds, once per font file: the
first render with an empty font cache pays it).

* CFF-flavoured OpenType (Noto Serif SC / Noto Sans SC ``.otf``): the CFF table
  swapped for empty ``glyf`` placeholders, subset with fontTools, then every glyph
  kept drawn from its CFF outline through ``Cu2QuPen`` (cubic → quadratic, max
  error 1 font unit);
* variable TrueType (Noto Serif / Noto Sans ``[wdth,wght].ttf``): subset, then
  ``fontTools.varLib.instancer`` pins ``wght`` at 400 (regular) or 700 (bold)
  and every other axis at its default; the PostScript name gets ``-Bold``;
* static TrueType: subset only (a static font has no bold; bold falls back to
  the regular face).

Each result is cached on disk under ``$BRIEFING_FONT_CACHE``, else
``$XDG_CACHE_HOME/briefing/fonts``, else ``~/.cache/briefing/fonts``, named by a
SHA-256 of (converter version, the font file's bytes, the operation, the
character set; a file's digest is kept beside the fonts under its path, size and
modification time, so it is hashed once); files are written to a temporary name
and renamed, so a reader never sees half a font. When the folder cannot be created or written
the fonts are kept in memory only. A process also keeps every built font in
memory, so a second render in the same process touches neither disk nor
fontTools. Tables the subset drops (layout, colour, bitmaps) are deleted
before subsetting, so fontTools never decompiles them. Subsetting uses
``recalcTimestamp=False``: the same input gives the same bytes, and so a
byte-identical PDF.

reportlab then subsets again when it embeds (256 glyphs per PDF font object,
prefixes ``AAAAAA+``, ``AAAAAB+`` … in order: deterministic).

Which font sets a character: a Chinese character (Han, kana, CJK and
full-width punctuation) goes to the Chinese font of the style's family
(serif or sans); in a Chinese paragraph so do ``“”‘’—…·`` (full-width);
everything else goes to the Latin font of the family and weight. If that
font lacks the glyph the other one is tried; if neither has it the character
is recorded as missing and :func:`FontSet.raise_missing` raises a
:class:`~briefing.errors.RenderError` listing every such character.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import logging
import os
import struct
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ...caches import BoundedCache
from ...collector import paused
from ...cores import cores
from ...diskcache import cache_dir, store
from ...errors import RenderError, TemplateError
from ...fonts import Coverage, axes, coverage
from ...script import AMBIGUOUS, ZERO_WIDTH, is_wide

log = logging.getLogger(__name__)
#: A build of at least this many characters (a Chinese base) is announced: it takes
#: seconds, once per machine.
ANNOUNCED = 1000

if TYPE_CHECKING:  # fontTools is imported only when a font is built (a cache miss); the
    # template (and with it the content models) not at all: a base-building helper
    # process starts without them
    from fontTools.subset import Options
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.ttGlyphSet import _TTGlyphSet as GlyphSet

    from ...templates import Template

Family = Literal["serif", "sans"]

#: Bump when the conversion changes, so old cache entries are not reused.
CONVERTER_VERSION = "2"
#: Always in every subset: cache hits survive small edits; page numbers always set.
FIXED_CHARS = frozenset(
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "\u00a0\u00ad\u00b7\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u3000"
    + "，。、；：？！（）《》“”‘’—…·「」『』【】〈〉％"
    + "第页共图表年月日元亿万"
)
REGULAR, BOLD = 400, 700


@functools.lru_cache(maxsize=1)
def zh_base() -> frozenset[str]:
    """The characters every Chinese face holds, whatever the document: GB 2312 (the
    6,763 characters and 682 symbols of the mainland's national standard) and
    :data:`FIXED_CHARS`. Built once per font file and kept in the disk cache, so a
    briefing whose characters lie inside it builds no font; a character beyond it goes
    to a small extra face of that document's rare characters."""
    # every code of GB 2312's rows, each after a line break, decoded at once: a code the
    # standard leaves empty decodes (replaced) to more than one character, so it never
    # passes (2 ms, not the 5 of decoding the 8,836 codes one by one)
    codes = b"\n".join(bytes((high, low)) for high in range(0xA1, 0xF8)
                       for low in range(0xA1, 0xFF))
    found = {c for c in codes.decode("gb2312", "replace").split("\n")
             if len(c) == 1 and c != "\ufffd"}
    return frozenset(found | FIXED_CHARS)


@functools.lru_cache(maxsize=1)
def _zh_base_codes() -> Coverage:
    """The code points of :func:`zh_base`, as a bitmap."""
    return Coverage.of(map(ord, zh_base()))


#: In-process caches, bounded (see :mod:`briefing.caches`): the converted subsets a
#: process keeps (a document uses four to six; a subset is 0.1-2 MB), the fonts it keeps
#: registered with reportlab, and the digests of font files.
MAX_SUBSETS = 24
MAX_REGISTERED = 24

_lock = threading.RLock()
_memory: BoundedCache[str, bytes] = BoundedCache(MAX_SUBSETS)  # cache key -> font bytes
_digests: BoundedCache[tuple[str, int, int], str] = BoundedCache(64)  # (path, size, mtime)
#: (font digest, name, characters, weight, cut, named, cache folder) -> (key, file)
_entries: BoundedCache[tuple[object, ...], tuple[str, Path]] = BoundedCache(16)
_in_use: Counter[str] = Counter()  # registered names a render in progress holds


#: The digests of files the cache is keyed by (font files, the word and hyphenation
#: dictionaries), by path, size and modification time: a process reads them instead of
#: hashing 30 MB of fonts. At most this many, the newest kept.
DIGESTS_FILE, MAX_KNOWN_DIGESTS = "digests.json", 256


@functools.lru_cache(maxsize=4)
def _known_digests(folder: Path) -> dict[str, str]:
    with contextlib.suppress(OSError, ValueError):
        known = json.loads((folder / DIGESTS_FILE).read_bytes())
        if isinstance(known, dict) and all(isinstance(v, str) for v in known.values()):
            return known
    return {}


def _file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, remembered in the process and in the cache folder
    under its path, size and modification time."""
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    digest = _digests.get(key)
    if digest is None:
        folder = cache_dir()
        known = _known_digests(folder)
        name = f"{path}|{st.st_size}|{st.st_mtime_ns}"
        found = known.get(name)
        if found is None:
            h = hashlib.sha256()
            with path.open("rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
            found = known[name] = h.hexdigest()
            for old in list(known)[:-MAX_KNOWN_DIGESTS]:
                del known[old]
            store(folder / DIGESTS_FILE, json.dumps(known, indent=0).encode())
        digest = found
        _digests.put(key, digest)
    return digest


#: Tables the subsets never keep: layout (reportlab sets no OpenType features),
#: vertical metrics, colour and bitmap glyphs.
DROPPED_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG", "JSTF", "MATH",
                  "meta", "COLR", "CPAL", "SVG ", "sbix", "CBDT", "CBLC", "EBDT", "EBLC", "kern")


def _subset_options() -> Options:
    from fontTools.subset import Options

    opts = Options()
    opts.layout_features = []
    opts.drop_tables += list(DROPPED_TABLES)
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    opts.glyph_names = False
    opts.recalc_timestamp = False
    return opts


def _glyf_placeholders(font: TTFont) -> GlyphSet:
    """Swap a font's CFF table for a ``glyf`` table of empty glyphs, in place; return
    the CFF outlines, which :func:`_draw_outlines` draws in once the subset has chosen
    its glyphs.

    So the subsetter never touches CFF: closing the glyph set over CFF, removing its
    hints and pruning its subroutines interpret every charstring (about two thirds of
    a conversion's time), and the outlines are replaced anyway.
    """
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    order = font.getGlyphOrder()
    outlines = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {name: Glyph() for name in order}
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"
    return outlines


def _draw_outlines(font: TTFont, outlines: GlyphSet) -> None:
    """Draw every glyph the (subset) font keeps from its CFF outlines as TrueType
    quadratic ones (``Cu2QuPen``, max error 1 font unit).

    The charstrings run in :mod:`.charstrings` (compiled where the install could),
    which makes the outline fontTools' pens make and packs it as fontTools compiles
    it; the font-wide bounds then come from the glyphs' headers (:func:`_extremes`),
    so fontTools does not decode and encode every glyph again when the font is saved.
    A glyph it does not read is drawn by fontTools (and the font then recalculated
    as before)."""
    from fontTools.cu2qu import curve_to_quadratic
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    from .charstrings import Unsupported, glyph

    glyphs = font["glyf"].glyphs
    programs = _Programs(outlines)
    for name in font.getGlyphOrder():
        try:
            glyphs[name] = Glyph(glyph(*programs.of(name), curve_to_quadratic))
        except Unsupported:
            pen = TTGlyphPen(None)
            outlines[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
            glyphs[name] = pen.glyph()
    font.recalcBBoxes = not _extremes(font)


class _Programs:
    """The bytes of a CFF font's charstrings, and of the subroutines each calls (the
    local ones of its font dict, read once per dict, and the global ones)."""

    def __init__(self, outlines: GlyphSet) -> None:
        self.charstrings = outlines.charStrings
        self.local: dict[int, list[bytes]] = {}
        self.global_: list[bytes] | None = None

    def of(self, name: str) -> tuple[bytes, list[bytes], list[bytes]]:
        cs = self.charstrings[name]
        private = cs.private
        local = self.local.get(id(private))
        if local is None:
            subrs = getattr(private, "Subrs", None) or []
            local = self.local[id(private)] = [_program(subrs[i]) for i in range(len(subrs))]
        if self.global_ is None:
            subrs = cs.globalSubrs or []
            self.global_ = [_program(subrs[i]) for i in range(len(subrs))]
        return _program(cs), local, self.global_


def _program(cs: Any) -> bytes:
    """A charstring's bytes (encoded again if fontTools has decoded it meanwhile)."""
    if cs.bytecode is None:
        cs.compile()
    return bytes(cs.bytecode)


def _set_postscript_name(font: TTFont, weight: int, tag: str) -> None:
    """Give each subset its own PostScript name.

    reportlab registers a TrueType font under its PostScript name and quietly
    reuses the first font of that name for every later one, so two subsets of
    one font in one process would share glyphs. ``tag`` (from the subset's
    characters) keeps them apart; bold instances of a variable font say so.
    """
    name = font["name"]
    ps = name.getDebugName(6) or "Font"
    family, _, style = ps.partition("-")
    style = "Bold" if weight >= BOLD else (style or "Regular")
    new = f"{family}-{style}{tag}"
    for rec in list(name.names):
        if rec.nameID == 6:
            rec.string = new
        elif rec.nameID == 2 and weight >= BOLD:
            rec.string = "Bold"


def build_font(path: Path, chars: frozenset[str], weight: int, tag: str = "") -> bytes:
    """A static TrueType subset of ``path`` with ``chars`` (no cache). The garbage
    collector is paused meanwhile: a Chinese base's thousands of glyph objects stay in
    use until the font is saved (about 4% of its time)."""
    with paused():
        return _build_font(path, chars, weight, tag)


def _build_font(path: Path, chars: frozenset[str], weight: int, tag: str) -> bytes:
    from fontTools.subset import Subsetter
    from fontTools.ttLib import TTFont, TTLibError
    from fontTools.varLib import instancer

    try:
        font = TTFont(path, recalcTimestamp=False, fontNumber=0)
    except (TTLibError, OSError) as exc:
        raise RenderError(f"font {path} cannot be read ({exc})") from None
    if "CFF2" in font:
        raise RenderError(f"font {path} has CFF2 outlines, which this writer cannot convert; "
                          "use a TrueType (.ttf) or CFF (.otf) font")
    for table in DROPPED_TABLES:  # gone before the subsetter reads them: the same
        if table in font:          # result, without decompiling tables it would drop
            del font[table]
    cmap = font.getBestCmap() or {}
    outlines = _glyf_placeholders(font) if "CFF " in font else None
    subsetter = Subsetter(_subset_options())
    subsetter.populate(unicodes=sorted(ord(c) for c in chars if ord(c) in cmap))
    subsetter.subset(font)
    if outlines is not None:
        _draw_outlines(font, outlines)
    if "fvar" in font:
        location: dict[str, float] = {}
        for axis in font["fvar"].axes:
            if axis.axisTag == "wght":
                location["wght"] = max(axis.minValue, min(axis.maxValue, weight))
            else:
                location[axis.axisTag] = axis.defaultValue
        # in place: the subset is ours alone (fontTools' default copies the whole font
        # first, about a third of an instance's time; the same bytes)
        font = instancer.instantiateVariableFont(font, location, inplace=True)
    _set_postscript_name(font, weight, tag)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _entry(path: Path, chars: frozenset[str], weight: int, *, from_base: bool = False,
           named: tuple[str, bool] | None = None) -> tuple[str, Path]:
    """The cache key of a subset (see :func:`font_bytes`) and its file in the disk cache;
    remembered, so a render does not sort and hash a base's 7,500 characters again."""
    digest, folder = _file_digest(path), cache_dir()
    memo = (digest, path.stem, chars, weight, from_base, named, folder)
    known = _entries.get(memo)
    if known is not None:
        return known
    h = hashlib.sha256()
    h.update(f"v{CONVERTER_VERSION}|{digest}|wght={weight}|".encode())
    if from_base:
        h.update(b"from-base|")
    if named is not None:
        h.update(f"named={named[0]}|{int(named[1])}|".encode())
    h.update(_spelled(chars))
    key = h.hexdigest()[:40]
    cut = "-cut" if from_base else ""  # a subset of the base, not a conversion
    cut += "-named" if named is not None else ""  # renamed for a DOCX (no conversion)
    entry = key, folder / f"{path.stem.split('[')[0]}-{weight}{cut}-{key}.ttf"
    _entries.put(memo, entry)
    return entry


@functools.lru_cache(maxsize=8)  # the base's set is the same for both Chinese faces
def _spelled(chars: frozenset[str]) -> bytes:
    """The characters of a subset in order, as its cache key hashes them."""
    return "".join(sorted(chars)).encode("utf-8", "surrogatepass")


def _announce(path: Path, n: int) -> None:
    log.info("building the font %s for %d characters, once for this machine (it takes "
             "seconds)", path.name, n)


def font_bytes(path: Path, chars: frozenset[str], weight: int, *,
               from_base: bool = False, named: tuple[str, bool] | None = None) -> bytes:
    """The converted subset, from this process, the disk cache, or built and cached.

    ``from_base``: cut from the Chinese base of :func:`zh_base_bytes` (already TrueType)
    instead of converted from the font file again; a small subset for a document that
    embeds only what it uses (the DOCX), at a fraction of a conversion's cost.
    ``named``: (family, bold): the subset renamed to that family and style (see
    :func:`_renamed`), as a document that embeds it names it.
    """
    key, file = _entry(path, chars, weight, from_base=from_base, named=named)
    data = _memory.get(key)
    if data is not None:
        return data
    data = _read(file)
    if data is None:  # missing, truncated or corrupted: built again, never trusted
        with _building(file):  # one process builds; the others wait, then read
            data = _read(file)
            if data is None:
                if named is not None:
                    data = _renamed(font_bytes(path, chars, weight, from_base=from_base),
                                    *named)
                else:
                    if len(chars) >= ANNOUNCED and not from_base:
                        _announce(path, len(chars))
                    tag = key[:6].upper()
                    data = (_cut(zh_base_bytes(path), chars, tag) if from_base
                            else build_font(path, chars, weight, tag=tag))
                store(file, data + _SEAL + hashlib.sha256(data).hexdigest().encode())
    _memory.put(key, data)
    return data


@functools.lru_cache(maxsize=32)  # as coverage(): a template names two Chinese faces
def zh_base_chars(path: Path) -> frozenset[str]:
    """The characters of :func:`zh_base` that the font at ``path`` has."""
    cov = coverage(path)
    if cov.holds(_zh_base_codes()):  # as a good Chinese font does: the set itself
        return zh_base()
    return frozenset(c for c in zh_base() if ord(c) in cov)


@functools.lru_cache(maxsize=8)
def _base_codes(path: Path) -> Coverage:
    """The code points of :func:`zh_base_chars` (the base face answers for them), as a
    bitmap: 8 KB, not the 800 KB of a set of 7,500 numbers."""
    chars = zh_base_chars(path)
    return _zh_base_codes() if chars is zh_base() else Coverage.of(map(ord, chars))


def zh_base_bytes(path: Path) -> bytes:
    """The Chinese font at ``path`` as its fixed base (built once, then cached)."""
    return font_bytes(path, zh_base_chars(path), REGULAR)


#: A subset to build: the font file, its characters and its weight (see :func:`font_bytes`).
Build = tuple[Path, frozenset[str], int]


def _cached(path: Path, chars: frozenset[str], weight: int) -> bool:
    key, file = _entry(path, chars, weight)
    return _memory.get(key) is not None or file.exists()


def know_bases(template: Template) -> None:
    """What every render of ``template`` works out first, once for the process: the
    characters of its Chinese bases and their cache keys. Done before a render forks its
    check and its formats, they share it, as the workers of a batch do (the DOCX's
    process then works out nothing again: 10 ms, and with the check's about 3 MiB less).
    A template whose fonts cannot be found is left to its render to report."""
    try:
        paths = chinese_fonts(template)
    except TemplateError:
        return
    for path in paths:
        _entry(path, zh_base_chars(path), REGULAR)


def chinese_fonts(template: Template) -> tuple[Path, Path]:
    """The template's Chinese font files, serif and sans, each with its fixed base
    (TemplateError when one cannot be found)."""
    return template.font_file("zh_serif"), template.font_file("zh_sans")


def prepare_bases(paths: Iterable[Path], then: Iterable[Build] = (),
                  meanwhile: Callable[[], object] | None = None) -> None:
    """Build the Chinese bases that no cache holds yet side by side, one per core: all
    but the first each in a process of its own (``python -m
    briefing.writers.pdf.basebuild``, which stores it in the disk cache under its lock),
    the first in this one. ``then``: further subsets a render needs (its Latin
    instances), built by the last helper after its base (or by a helper of their own
    when one base is missing), not here after this process's base. Nothing happens when
    no base is missing, on one core, or when the disk cache cannot be written; what a
    helper failed to store is built here afterwards, as without them.

    ``meanwhile``: work of the render's own (the first render on a machine builds its
    word index and hyphenation patterns). Given it, this process leaves the first base
    to a helper too and does that work at once, while the helpers build, instead of
    after a base of its own (the first render on two cores: medians 1.94 -> 1.90 s in
    six alternating runs, within the machine's noise); what it raises is left for the
    render to meet again when it does that work."""
    missing = [path for path in dict.fromkeys(paths)
               if not _cached(path, zh_base_chars(path), REGULAR)]
    folder = cache_dir()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    if not missing or cores() < 2 or not os.access(folder, os.W_OK):
        return
    extra = [build for build in dict.fromkeys(then) if not _cached(*build)]
    # with work of its own to do, this process leaves every base to a helper and does
    # that work at once; without, it builds the first base itself
    own = [] if meanwhile is not None else missing[:1]
    bases: list[list[Path]] = [[path] for path in missing[len(own):cores()]] or [[]]
    if not extra and not bases[-1]:
        return  # one base, nothing else: no helper to share the work with
    package = str(Path(__file__).resolve().parents[3])  # the folder holding ``briefing``
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [package] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    # a helper announces a base itself when it builds it (under the base's lock), so a
    # base that another process of the same render is already building is announced once
    announce = log.isEnabledFor(logging.INFO)
    helpers: list[subprocess.Popen[bytes]] = []
    try:
        for n, base in enumerate(bases):
            after = extra if n == len(bases) - 1 else []
            with contextlib.suppress(OSError):
                helper = subprocess.Popen(
                    [sys.executable, "-m", "briefing.writers.pdf.basebuild",
                     *(["--announce"] if announce else []), *map(str, base)], env=env,
                    stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                    stderr=None if announce else subprocess.DEVNULL)
                helpers.append(helper)
                with contextlib.suppress(OSError):  # a helper that died builds nothing
                    assert helper.stdin is not None  # (PIPE)
                    helper.stdin.write(json.dumps(
                        [[str(p), "".join(sorted(chars)), weight] for p, chars, weight in after]
                    ).encode())
                    helper.stdin.close()
        for path in own:
            zh_base_bytes(path)
        if meanwhile is not None and any(h.poll() is None for h in helpers):
            with contextlib.suppress(Exception):
                meanwhile()
    except BaseException:
        for helper in helpers:
            helper.kill()
        raise
    finally:
        for helper in helpers:
            helper.wait()


def _cut(data: bytes, chars: frozenset[str], tag: str, *, headers: bool = True) -> bytes:
    """A subset of a TrueType font we built (no conversion: its outlines are glyf).

    ``headers``: the font-wide bounds and extremes that a subset changes (``head``,
    ``maxp``, ``hhea``) are taken from the kept glyphs' stored headers
    (:func:`_extremes`), not by decoding and encoding every outline again, which is
    what fontTools' recalculation does: the same bytes in a third of the time."""
    from fontTools.subset import Subsetter
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False, recalcBBoxes=not headers)
    cmap = font.getBestCmap() or {}
    subsetter = Subsetter(_subset_options())
    subsetter.populate(unicodes=sorted(ord(c) for c in chars if ord(c) in cmap))
    subsetter.subset(font)
    if headers and not _extremes(font):
        font.recalcBBoxes = True  # a glyph this cannot read: fontTools recalculates
    name = font["name"]
    ps = (name.getDebugName(6) or "Font").split("-")[0]
    for rec in list(name.names):
        if rec.nameID == 6:
            rec.string = f"{ps}-Regular{tag}"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _extremes(font: TTFont) -> bool:
    """Set the font's bounding box (``head``), its largest glyph (``maxp``) and its side
    bearings and extent (``hhea``) as fontTools' ``recalc`` methods would, reading only
    each glyph's stored header (contours, bounds, last end point). False, changing
    nothing, when a glyph is already decoded or composite (none of ours is)."""
    glyphs, hmtx = font["glyf"].glyphs, font["hmtx"]
    order = font.getGlyphOrder()
    x_min = y_min = x_max = y_max = None
    points = contours = 0
    lsb_min = rsb_min = extent = None
    all_lsb = True
    for glyph_name in order:
        glyph = glyphs[glyph_name]
        raw = getattr(glyph, "data", None)
        if raw is None:
            if getattr(glyph, "numberOfContours", 1) == 0:
                continue  # an empty glyph
            return False
        if not raw:
            continue
        n, gx0, gy0, gx1, gy1 = struct.unpack(">hhhhh", raw[:10])
        if n < 0:
            return False
        if n == 0:
            continue
        advance, lsb = hmtx[glyph_name]
        all_lsb = all_lsb and lsb == gx0
        x_min = gx0 if x_min is None else min(x_min, gx0)
        y_min = gy0 if y_min is None else min(y_min, gy0)
        x_max = gx1 if x_max is None else max(x_max, gx1)
        y_max = gy1 if y_max is None else max(y_max, gy1)
        points = max(points, struct.unpack(">H", raw[8 + 2 * n:10 + 2 * n])[0] + 1)
        contours = max(contours, n)
        width = gx1 - gx0
        lsb_min = lsb if lsb_min is None else min(lsb_min, lsb)
        rsb = advance - lsb - width
        rsb_min = rsb if rsb_min is None else min(rsb_min, rsb)
        extent = lsb + width if extent is None else max(extent, lsb + width)
    head, maxp, hhea = font["head"], font["maxp"], font["hhea"]
    maxp.numGlyphs = len(order)
    head.xMin, head.yMin, head.xMax, head.yMax = x_min or 0, y_min or 0, x_max or 0, y_max or 0
    maxp.maxPoints, maxp.maxContours = points, contours
    maxp.maxCompositePoints = maxp.maxCompositeContours = 0
    maxp.maxComponentElements = maxp.maxComponentDepth = 0
    head.flags = head.flags | 0x2 if all_lsb else head.flags & ~0x2
    hhea.advanceWidthMax = max(adv for adv, _ in hmtx.metrics.values())
    hhea.minLeftSideBearing = lsb_min or 0
    hhea.minRightSideBearing = rsb_min or 0
    hhea.xMaxExtent = extent or 0
    return True


def _renamed(data: bytes, family: str, bold: bool) -> bytes:
    """The font with ``family`` as its name (family, full, PostScript), regular or bold."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    style = "Bold" if bold else "Regular"
    full = f"{family} Bold" if bold else family
    postscript = "".join(ch for ch in family if ch.isalnum()) + f"-{style}"
    name = font["name"]
    for rec in list(name.names):
        if rec.nameID in (16, 17, 21, 22):  # typographic names: the plain ones say it all
            name.removeNames(nameID=rec.nameID)
    for name_id, value in ((1, family), (2, style), (3, f"briefing:{postscript}"), (4, full),
                           (6, postscript)):
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    os2, head = font["OS/2"], font["head"]
    os2.usWeightClass = BOLD if bold else REGULAR
    os2.fsSelection = (os2.fsSelection & ~0b1100001) | (0b100000 if bold else 0b1000000)
    head.macStyle = (head.macStyle & ~1) | (1 if bold else 0)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _read(file: Path) -> bytes | None:
    with contextlib.suppress(OSError):
        return _checked(file.read_bytes())
    return None


@contextlib.contextmanager
def _building(file: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``file``'s lock file while it is built, so processes that
    share a cache build each font once (a pool's workers, or renders started together);
    no lock where the folder cannot be written or the platform has no ``flock``."""
    try:
        import fcntl

        file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(file.parent / f".{file.name}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    except (ImportError, OSError):
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


#: A cached font ends with this and the SHA-256 of the font before it.
_SEAL = b"\nbriefing-font-sha256:"


def _checked(stored: bytes) -> bytes | None:
    """The font in a cache file, if its seal matches (a file cut short or changed is not)."""
    data, seal, digest = stored.rpartition(_SEAL)
    if not seal or data[:4] != b"\x00\x01\x00\x00" or \
            hashlib.sha256(data).hexdigest().encode() != digest:
        return None
    return data


def _unregister(name: str, _: None) -> None:
    """Forget a font reportlab holds (its parsed tables and data) and its family names."""
    from reportlab.lib import fonts as rl_fonts
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics._fonts.pop(name, None)
    face = getattr(getattr(font, "face", None), "name", None)
    if face is not None and pdfmetrics._dynFaceNames.get(face) is font:
        del pdfmetrics._dynFaceNames[face]
    for key in [k for k, v in rl_fonts._tt2ps_map.items() if v == name]:
        del rl_fonts._tt2ps_map[key]
    rl_fonts._ps2tt_map.pop(name.lower(), None)


#: The fonts this process registered with reportlab, least recently used first; one
#: that a render in progress holds is never forgotten.
_registered: BoundedCache[str, None] = BoundedCache(
    MAX_REGISTERED, on_evict=_unregister, keep=lambda name: _in_use[name] > 0)


def _register(data: bytes, label: str) -> str:
    """Register the font with reportlab, held for a render until :meth:`FontSet.release`.
    (reportlab is imported here, not with the module: a DOCX, which embeds the subsets
    this module makes, never loads it.)"""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError
    from reportlab.pdfbase.ttfonts import TTFont as RLTTFont

    name = f"Brf-{label}-{hashlib.sha256(data).hexdigest()[:12]}"
    with _lock:
        if name not in _registered or name not in pdfmetrics.getRegisteredFontNames():
            try:
                font = RLTTFont(name, io.BytesIO(data))
            except TTFError as exc:
                raise RenderError(f"font {label} cannot be embedded ({exc})") from None
            # reportlab's table of each glyph's characters serves only its HarfBuzz
            # shaping (its Paragraph's), which these fonts never go through: 1.3 MiB
            # of a Chinese base's 2.6, not kept (the subset and the widths use the others)
            font.face.glyphToChar = {}
            pdfmetrics.registerFont(font)
        _in_use[name] += 1
        _registered.put(name, None)
    return name


def _release(names: list[str]) -> None:
    with _lock:
        for name in names:
            _in_use[name] -= 1
            if _in_use[name] <= 0:
                del _in_use[name]
        _registered.trim()


@dataclass
class Face:
    """One registered font: its reportlab name, glyph coverage and advance widths."""

    name: str
    path: Path
    cmap: Container[int] = field(repr=False)  # a font's Coverage, or the code points of a subset
    #: code point -> advance in thousandths of the size: reportlab's own table, shared
    #: (a base face's 7,500 widths, not copied once more)
    widths: dict[int, float] = field(repr=False)
    default: float = 1000.0

    def width(self, ch: str) -> float:
        """The advance of ``ch`` per point of size."""
        return self.widths.get(ord(ch), self.default) / 1000.0


#: The faces made so far (a base face's tables of 7,500 code points and widths), bounded.
_faces: BoundedCache[tuple[str, Path, bool], Face] = BoundedCache(MAX_SUBSETS)


def _face(path: Path, chars: frozenset[str], weight: int, label: str,
          cmap: Container[int] | None = None) -> Face:
    """The registered subset of ``path`` with ``chars``; it answers for the code points
    ``cmap`` (default: everything the font file has, for a subset of all a render sets)."""
    data = font_bytes(path, chars, weight)
    name = _register(data, label)
    key = (name, path, cmap is None)
    got = _faces.get(key)
    if got is None:  # its code points and widths, once per process (7,500 for a base)
        from reportlab.pdfbase import pdfmetrics

        face = pdfmetrics.getFont(name).face
        got = Face(name, path, coverage(path) if cmap is None else cmap, face.charWidths,
                   face.defaultWidth)
        _faces.put(key, got)
    return got


def lacks(face: Face, ch: str) -> bool:
    """Does ``face``, the one :meth:`FontSet.face` chose for ``ch``, leave it unset: a
    visible character (not a space, not zero-width) outside its map, so that no face of
    the render has it?"""
    return ord(ch) not in face.cmap and not ch.isspace() and ch not in ZERO_WIDTH


@dataclass
class FontSet:
    """The faces of one render and the characters none of them can set.

    Each family's Chinese faces are tried in order: the fixed base (:func:`zh_base`),
    then the document's rare characters, if it has any."""

    zh: dict[Family, tuple[Face, ...]]
    latin: dict[tuple[Family, bool], Face]
    missing: dict[str, str] = field(default_factory=dict)  # char -> where first seen
    _held: list[str] = field(default_factory=list, repr=False)  # one name per registration

    def face(self, ch: str, cjk: bool, family: Family, bold: bool, where: str = "") -> Face:
        """The face that sets ``ch``; records the character when no face has it."""
        zh, latin = self.zh[family], (self.latin[(family, bold)],)
        first, second = (zh, latin) if is_wide(ch) or (cjk and ch in AMBIGUOUS) else (latin, zh)
        cp = ord(ch)
        for face in (*first, *second):
            if cp in face.cmap:
                return face
        if lacks(first[0], ch):
            self.missing.setdefault(ch, where)
        return first[0]

    def signature(self) -> tuple[str, ...]:
        """The registered faces, in order: equal for two renders with the same fonts."""
        return (*(f.name for fam in sorted(self.zh) for f in self.zh[fam]),
                *(self.latin[k].name for k in sorted(self.latin)))

    def release(self) -> None:
        """The render is done with these fonts: reportlab may forget them when the
        process holds more than :data:`MAX_REGISTERED`."""
        _release(self._held)
        self._held = []

    def no_bold(self, face: Face, family: Family) -> bool:
        """Does ``face`` stand in for a bold it lacks (a Chinese face, a static Latin font)?"""
        return any(face is zh for zh in self.zh[family]) or (
            face is self.latin[(family, True)] and face is self.latin[(family, False)])

    def raise_missing(self) -> None:
        if not self.missing:
            return
        fonts = ", ".join(sorted({f.path.name for f in (*(f for t in self.zh.values()
                                                            for f in t),
                                                         *self.latin.values())}))
        listed = "; ".join(f"{ch!r} (U+{ord(ch):04X}) in {where!r}"
                           for ch, where in self.missing.items())
        raise RenderError(
            f"{len(self.missing)} character(s) have no glyph in the template's fonts "
            f"({fonts}): {listed}. Replace the characters or name fonts that have them "
            "in the template")


def load_fonts(template: Template, chars: dict[Family, set[str]],
               meanwhile: Callable[[], object] | None = None) -> FontSet:
    """Convert, cache and register the template's fonts.

    ``chars[family]``: the characters set in that family (serif body, sans
    headings). Each Latin font is subset to both families' characters (they are
    small); each Chinese font is the fixed base of :func:`zh_base` and, only when
    the family uses characters beyond it, a second face with just those.
    ``meanwhile``: see :func:`prepare_bases` (bases missing, helpers at work).
    """
    try:
        paths = {role: template.font_file(role)
                 for role in ("zh_serif", "zh_sans", "latin_serif", "latin_sans")}
    except TemplateError as exc:
        raise RenderError(str(exc)) from None
    every = frozenset(chars.get("serif", set()) | chars.get("sans", set())) | FIXED_CHARS
    # each Latin font subset to both families' characters it has, regular and (a
    # variable font) bold: built beside the Chinese bases when those are missing
    latin_chars = {path: frozenset(c for c in every if ord(c) in coverage(path))
                   for path in (paths["latin_serif"], paths["latin_sans"])}
    prepare_bases((paths["zh_serif"], paths["zh_sans"]),
                  then=[(path, subset, weight) for path, subset in latin_chars.items()
                        for weight in ((REGULAR, BOLD) if is_variable(path) else (REGULAR,))],
                  meanwhile=meanwhile)
    faces: dict[tuple[Path, int], Face] = {}
    held: list[str] = []  # one name per registration, released when the render ends

    def get(path: Path, weight: int, label: str) -> Face:
        key = (path, weight)
        if key not in faces:
            faces[key] = _face(path, latin_chars[path], weight, label)
            held.append(faces[key].name)
        return faces[key]

    def chinese(path: Path, label: str, wanted: set[str], families: tuple[str, ...]
                ) -> tuple[Face, ...]:
        """The fixed base face, and one for the characters beyond it that this render
        asks the Chinese face for (wide ones, or ones no Latin face of the family has)."""
        cov = coverage(path)
        base_chars = zh_base_chars(path)
        base = _face(path, base_chars, REGULAR, label, _base_codes(path))
        held.append(base.name)
        latin_cov = Coverage.union(*(coverage(paths[f"latin_{f}"]) for f in families))
        rare = frozenset(c for c in wanted if ord(c) in cov and c not in base_chars and (
            is_wide(c) or c in AMBIGUOUS or ord(c) not in latin_cov))
        if not rare:
            return (base,)
        extra = _face(path, rare, REGULAR, f"{label}Rare", frozenset(map(ord, rare)))
        held.append(extra.name)
        return base, extra

    try:
        latin: dict[tuple[Family, bool], Face] = {}
        for family in ("serif", "sans"):
            path = paths[f"latin_{family}"]
            regular = get(path, REGULAR, f"Latin{family.title()}")
            bold = (get(path, BOLD, f"Latin{family.title()}Bold")
                    if is_variable(path) else regular)
            latin[(family, False)] = regular
            latin[(family, True)] = bold
        zh_serif, zh_sans = paths["zh_serif"], paths["zh_sans"]
        zh: dict[Family, tuple[Face, ...]]
        if zh_serif == zh_sans:  # one font for both
            both = chinese(zh_serif, "ZhSerif", set(every), ("serif", "sans"))
            zh = {"serif": both, "sans": both}
        else:
            zh = {"serif": chinese(zh_serif, "ZhSerif", chars.get("serif", set()), ("serif",)),
                  "sans": chinese(zh_sans, "ZhSans", chars.get("sans", set()), ("sans",))}
    except BaseException:
        _release(held)
        raise
    return FontSet(zh, latin, _held=held)


@functools.lru_cache(maxsize=32)
def is_variable(path: Path) -> bool:
    return "wght" in axes(path)
