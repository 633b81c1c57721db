"""Set text: a paragraph flowable driven by :mod:`.linebreak`, with mixed fonts.

reportlab's own ``Paragraph`` breaks Chinese wherever it likes; :class:`TextBlock`
takes its breaks from :func:`.linebreak.break_lines`, chooses a font for every
character (Chinese / Latin, serif / sans, regular / bold, see
:class:`.fonts.FontSet`), justifies by spreading the slack over the line's
expansion points, and splits across pages keeping at least two lines at the
foot and at the head of a page (no orphans, no widows).
"""

from __future__ import annotations

import copy
import itertools
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ...caches import BoundedCache, remember
from ...plan import LangCode, Outline
from ...script import ZERO_WIDTH
from .fonts import Face, Family, FontSet, lacks
from .linebreak import Atom, Line, break_lines, expansion_points, hyphenate, keep_words, segment
from .runs import HYPHEN_CHAR, Setting, lay_span, line_runs
from .show import show, usable
from .tagging import Node, Tagger

if TYPE_CHECKING:  # the print colour mode's (with Pillow's colour management): imported
    # by a render in that mode only
    from .inks import Inks

Align = Literal["justify", "left", "center", "right"]
#: A paragraph ready to set: text, face, colour and advance per character, atoms; the
#: characters no face of the render's fonts has, in order of first use; and a number
#: of its own, which keys what is learnt about it later (its lines at a width, its
#: hyphenated atoms) instead of its spans and style, hashed again at every look-up.
Prepared = tuple[str, list[Face], "array[float]", list[Atom], "array[int]", "Kinds",
                 tuple[str, ...], int]
_PREPARED = itertools.count()
#: A line break or tab in a paragraph is set as a space.
AS_SPACE = str.maketrans("\n\t\r", "   ")
#: Where the baseline sits in a line box: the CJK em box (0.88 above, 0.12 below) is centred.
ASCENT = 0.88
#: The stroke that emboldens a face without a bold (Noto Serif/Sans SC), in ems: about
#: the weight of a semibold.
EMBOLDEN = 0.03
#: Widest extra space a justified line may put in one gap, in ems (else it is set flush left).
LOOSEST = 0.5


@dataclass(frozen=True)
class Kinds:
    """A paragraph's kinds of run (what one show of text draws with): each kind's font,
    colour and stroke (emboldening), its font's number among the paragraph's fonts, and
    whether that font has a space glyph."""

    table: list[tuple[str, str, bool]]
    fonts: list[int]
    spaced: list[bool]


@dataclass(frozen=True)
class TextStyle:
    """How one kind of paragraph is set (built from the template in :mod:`.styles`)."""

    family: Family = "serif"
    bold: bool = False
    size: float = 10.5
    leading: float = 16.0
    colour: str = "#1A1A1A"
    align: Align = "justify"
    first_indent: float = 0.0
    left_indent: float = 0.0
    right_indent: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    bar: str | None = None  # colour of a rule left of the text (quotes)
    bullet: str | None = None  # colour of a square bullet in the left indent
    rule_below: str | None = None  # colour of a hairline under the block (section labels)
    rule_gap: float = 4.0
    splittable: bool = True
    hyphenate: bool = False  # English: break words at their hyphenation points
    keep_words: bool = False  # Chinese: break only between words (headings)
    orphans: int = 2
    widows: int = 2


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph with its own weight or colour (a caption's number)."""

    text: str
    bold: bool | None = None
    colour: str | None = None


#: Renders in one process whose fonts are the same share what they learn about their
#: paragraphs (characters, widths, atoms, lines): a service or a batch that renders a
#: briefing again (after an edit, or in another layout) sets the same paragraphs. At most this
#: many font sets, each with at most :data:`MAX_MEMO_ENTRIES` entries per kind, and at
#: most :data:`MAX_MEMO_CHARS` characters prepared in all (about 100 bytes each with
#: their atoms and lines, so some 20 MB; every memo is emptied when a render starts
#: beyond that; see :mod:`briefing.caches`).
MAX_FONT_SETS = 4
MAX_MEMO_ENTRIES = 1 << 13
MAX_MEMO_CHARS = 200_000


@dataclass
class Memo:
    """What renders with one font set know about their paragraphs."""

    prepared: dict[Any, Prepared] = field(default_factory=dict)
    prepared_atoms: dict[Any, list[Atom]] = field(default_factory=dict)
    line_cache: dict[Any, list[Line]] = field(default_factory=dict)

    def clear(self) -> None:
        """Let go of everything (a render in progress that holds this memo sets its
        paragraphs anew)."""
        self.prepared.clear()
        self.prepared_atoms.clear()
        self.line_cache.clear()


_memos: BoundedCache[tuple[str, ...], Memo] = BoundedCache(
    MAX_FONT_SETS, on_evict=lambda _, memo: memo.clear())
_memo_chars = [0]  # characters prepared in every memo, since they were last emptied


def memo_for(fonts: FontSet) -> Memo:
    """The memo of the renders set with these fonts (the same registered faces); every
    memo is emptied first when they hold more than :data:`MAX_MEMO_CHARS` characters (a
    render keeps all it prepares until it ends, as it must, however long it is)."""
    key = fonts.signature()
    with _memos.lock:
        if _memo_chars[0] > MAX_MEMO_CHARS:
            forget()
        memo = _memos.get(key)
        if memo is None:
            memo = Memo()
            _memos.put(key, memo)
        return memo


def forget() -> None:
    """Empty the memos (when they hold too much; a benchmark that sets text from scratch)."""
    with _memos.lock:
        _memos.clear()  # each memo is emptied as it goes
        _memo_chars[0] = 0


def _count(chars: int) -> None:
    with _memos.lock:
        _memo_chars[0] += chars


@dataclass
class Typesetter:
    """What every text block of one render shares: fonts and the outline state."""

    fonts: FontSet
    inks: Inks | None = None  # the print colour mode's conversions, if it is on
    lines: list[str] = field(default_factory=list)  # every line drawn, in order (for checks)
    tags: Tagger = field(default_factory=Tagger)  # marked content, written while drawing
    #: (zh, family, bold) -> char -> how this render's fonts set it (:data:`.runs.Setting`)
    setting: dict[Any, dict[str, Setting]] = field(default_factory=dict, repr=False)
    memo: Memo = field(default_factory=Memo, repr=False)
    _level: int = field(default=-1, repr=False)
    _colours: dict[str, Any] = field(default_factory=dict, repr=False)

    def colour(self, hex_colour: str) -> Any:
        """``#RRGGBB`` as reportlab draws it: RGB, or CMYK in the print colour mode."""
        c = self._colours.get(hex_colour)
        if c is None:
            c = self._colours[hex_colour] = (self.inks.colour(hex_colour) if self.inks
                                             else HexColor(hex_colour))
        return c

    def picture(self, path: Path) -> Any:
        """A picture as reportlab draws it: the file, or its CMYK separation."""
        return ImageReader(self.inks.picture(path)) if self.inks else str(path)

    def bookmark(self, canv: Canvas, outline: Outline, top: float) -> None:
        """A destination at ``top`` (flowable coordinates) and its outline entry."""
        canv.bookmarkHorizontal(outline.key, 0, top)
        level = max(0, min(outline.level, self._level + 1))
        canv.addOutlineEntry(outline.title, outline.key, level=level, closed=False)
        self._level = level


class TextBlock(Flowable):
    """One paragraph of one language, set by our line breaker."""

    def __init__(self, spans: Sequence[Span] | str, lang: LangCode, style: TextStyle,
                 ts: Typesetter, outline: Outline | None = None) -> None:
        super().__init__()
        if isinstance(spans, str):
            spans = [Span(spans)]
        self.style = style
        self.ts = ts
        self.outline = outline
        self.tag: Node | None = None  # its structure element; None: the caller marks it
        self.lang = lang
        self.cjk = lang == "zh"
        self.keep_next = False
        self.space_before: float | None = None  # override the style's
        self.space_after: float | None = None
        key = (tuple(spans), lang, style)
        prepared = ts.memo.prepared.get(key)
        if prepared is None:
            prepared = self._prepare(spans, style, ts)
            _count(len(prepared[0]))
            remember(ts.memo.prepared, key, prepared, MAX_MEMO_ENTRIES)
        else:  # this render's font set meets the characters (and records any no face has)
            self._meet(spans, prepared[6], ts)
        self.text, self._faces, self._widths, self._atoms, self._kinds, self._kinds_of, _, \
            self._token = prepared
        self._from = 0  # first character of this part
        self._continued = False  # a part after a page break: no indent, no space before
        self._fixed: list[Line] | None = None
        self._fixed_w = -1.0
        self._w = 0.0
        self._h = 0.0

    def _meet(self, spans: Sequence[Span], lacking: tuple[str, ...], ts: Typesetter) -> None:
        """What :meth:`_prepare` did to this render's fonts, for a paragraph an earlier
        render with the same fonts prepared: record the characters no face has."""
        if lacking:
            where = "".join(s.text for s in spans)[:40]
            for ch in lacking:
                ts.fonts.missing.setdefault(ch, where)

    def _prepare(self, spans: Sequence[Span], style: TextStyle, ts: Typesetter) -> Prepared:
        """Characters (a line break or tab as a space), the face of this render's fonts that
        sets each (looking a character up records it when no face has it), their advances,
        the atoms, and each character's kind of run (once per render)."""
        chars: list[str] = []
        faces: list[Face] = []
        widths: list[float] = []
        kinds: list[int] = []
        kind_of: dict[tuple[str, str, bool], int] = {}  # (font, colour, stroke) -> kind
        lacking: dict[str, None] = {}  # what no face has (the face lookup records it)
        used: dict[str, Face] = {}  # the faces the paragraph sets, by font name
        size, cjk, family = style.size, self.cjk, style.family
        where = "".join(s.text for s in spans)[:40]
        for span in spans:
            bold = style.bold if span.bold is None else span.bold
            table = ts.setting.get((cjk, family, bold))
            if table is None:
                table = ts.setting[(cjk, family, bold)] = {}
            spelled = span.text.translate(AS_SPACE)
            for ch in dict.fromkeys(spelled):  # the span's characters in order of first use
                got = table.get(ch)
                if got is None:
                    face = ts.fonts.face(ch, cjk, family, bold, where)
                    unit = (0.0 if ch in ZERO_WIDTH
                            else face.width(ch) if ord(ch) in face.cmap else face.width(" "))
                    # bold in a face that has no bold: emboldened with a stroke
                    got = table[ch] = (face, unit, bold and ts.fonts.no_bold(face, family),
                                       face.name)
                face = cast(Face, got[0])
                used[face.name] = face
                if lacks(face, ch):
                    lacking[ch] = None
            lay_span(spelled, table, span.colour or style.colour, size, chars,
                     faces,  # type: ignore[arg-type]  # Face objects, as the table holds
                     widths, kinds, kind_of)
        text = "".join(chars)
        # 8 bytes an advance and 4 a kind, kept in the memo
        return (text, faces, array("d", widths), segment(text, cjk), array("i", kinds),
                _kinds(kind_of, used), tuple(lacking), next(_PREPARED))

    # ------------------------------------------------------------------ layout

    def lines(self, width: float) -> list[Line]:
        """The lines of this block at a frame width of ``width``."""
        if self._fixed is not None and abs(self._fixed_w - width) < 0.01:
            return self._fixed
        key = (self._token, self._from, self._continued, round(width, 2))
        got = self.ts.memo.line_cache.get(key)
        if got is None:
            st = self.style
            avail = width - st.left_indent - st.right_indent
            first = avail - (0 if self._continued else st.first_indent)
            atoms = [a for a in self._words(first) if a.start >= self._from]
            got = break_lines(self.text, atoms, self._widths, first, avail, st.size, self.cjk,
                              st.align != "justify")
            remember(self.ts.memo.line_cache, key, got, MAX_MEMO_ENTRIES)
        return got

    @property
    def atoms(self) -> list[Atom]:
        """The pieces a line never splits, in order."""
        return self._atoms

    def _words(self, first: float) -> list[Atom]:
        """The atoms, hyphenated (English body text) or kept to whole words (a Chinese
        heading that needs more than one line)."""
        st = self.style
        if self.lang == "en" and st.hyphenate:
            key = (self._token, "hyphens")
        elif self.lang == "en" and self._oversized(first):
            # a word wider than the line (a narrow table cell), even a capitalised one, is
            # better cut at a hyphenation point, with its hyphen, than anywhere
            key = (self._token, "hyphens, capitalised")
        elif st.keep_words and self.cjk and sum(self._widths) > first:
            key = (self._token, "words")
        else:
            return self._atoms
        got = self.ts.memo.prepared_atoms.get(key)
        if got is None:
            if key[1].startswith("hyphens"):
                faces, size = self._faces, st.size
                got = hyphenate(self.text, self._atoms,
                                lambda i: faces[i].width(HYPHEN_CHAR) * size,
                                capitalised=key[1] != "hyphens")
            else:
                got = keep_words(self.text, self._atoms)
            remember(self.ts.memo.prepared_atoms, key, got, MAX_MEMO_ENTRIES)
        return got

    def _oversized(self, width: float) -> bool:
        """Is an atom wider than ``width``?"""
        w = self._widths
        return any(sum(w[a.start:a.end]) > width for a in self._atoms)

    def _pad(self) -> float:
        return self.style.rule_gap if self.style.rule_below else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self._w = availWidth
        self._h = len(self.lines(availWidth)) * self.style.leading + self._pad()
        return availWidth, self._h

    def getSpaceBefore(self) -> float:  # noqa: N802
        if self._continued:
            return 0.0
        return self.style.space_before if self.space_before is None else self.space_before

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.style.space_after if self.space_after is None else self.space_after

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        st = self.style
        lines = self.lines(availWidth)
        n = len(lines)
        fit = int((availHeight + 1e-6) // st.leading)
        if fit >= n or fit <= 0:
            return []
        at_top = bool(getattr(getattr(self, "_frame", None), "_atTop", False))
        k = min(fit, n - st.widows)
        if not st.splittable or k < st.orphans:
            if not at_top:
                return []
            k = fit  # a block taller than a page: break it anyway
        head = self._part(lines[:k], availWidth, self._continued)
        tail = self._part(lines[k:], availWidth, True)
        head.outline = self.outline
        tail.outline = None
        return [head, tail]

    def _part(self, lines: list[Line], width: float, continued: bool) -> TextBlock:
        part = copy.copy(self)
        part._fixed = lines
        part._fixed_w = width
        part._from = lines[0].start
        part._continued = continued
        # a part is a new block: not placed, and not yet moved to another page (reportlab
        # marks a block it moved once with _postponed and calls it too large the next time)
        for attr in ("canv", "_frame", "_postponed"):
            part.__dict__.pop(attr, None)
        return part

    # ------------------------------------------------------------------ drawing

    def draw(self) -> None:
        canv: Canvas = self.canv
        st = self.style
        if self.outline is not None:
            self.ts.bookmark(canv, self.outline, self._h)
        lines = self.lines(self._w)
        top = self._h - self._pad()
        tx = canv.beginText()
        state: dict[str, Any] = {}
        for idx, line in enumerate(lines):
            first = idx == 0 and not self._continued
            base = top - idx * st.leading - (st.leading - st.size) / 2 - ASCENT * st.size
            self._draw_line(tx, state, line, base, first)
            self.ts.lines.append(self.text[line.start:line.end]
                                 + ("-" if line.hyphen else ""))
        with self.ts.tags.mark(canv, self.tag):
            if any(stroke for _, _, stroke in self._kinds_of.table):
                # an outline stroke in the text's colour emboldens a face without a bold
                canv.saveState()
                canv.setLineWidth(st.size * EMBOLDEN)
                canv.setLineJoin(1)
                canv.drawText(tx)
                canv.restoreState()
            else:
                canv.drawText(tx)
        if st.bar or st.bullet or st.rule_below:
            with self.ts.tags.artifact(canv):
                self._decorate(canv, lines, top)

    def _decorate(self, canv: Canvas, lines: list[Line], top: float) -> None:
        """The quote bar, the bullet square, the rule under a section label."""
        st = self.style
        if st.bar:
            canv.saveState()
            canv.setStrokeColor(self.ts.colour(st.bar))
            canv.setLineWidth(1.6)
            x = st.left_indent - 9
            canv.line(x, top - (st.leading - st.size) / 2 + 1, x,
                      top - len(lines) * st.leading + (st.leading - st.size) / 2 - 1)
            canv.restoreState()
        if st.bullet and not self._continued and lines:
            canv.saveState()
            canv.setFillColor(self.ts.colour(st.bullet))
            s = st.size * 0.32
            y = top - (st.leading - st.size) / 2 - ASCENT * st.size + st.size * 0.28
            canv.rect(st.left_indent - st.size * 0.95, y, s, s, stroke=0, fill=1)
            canv.restoreState()
        if st.rule_below:
            canv.saveState()
            canv.setStrokeColor(self.ts.colour(st.rule_below))
            canv.setLineWidth(0.6)
            canv.line(st.left_indent, 0.3, self._w - st.right_indent, 0.3)
            canv.restoreState()

    def _draw_line(self, tx: Any, state: dict[str, Any], line: Line, base: float,
                   first: bool) -> None:
        st = self.style
        indent = st.first_indent if first else 0.0
        x = st.left_indent + indent
        avail = self._w - st.left_indent - st.right_indent - indent
        slack = avail - line.width
        extra = 0.0
        points: set[int] = set()
        if st.align == "justify" and slack < 0:
            # a tight line (the breaker allows spaces to lose up to a third): squeeze spaces only
            pts = [i for i in expansion_points(self.text, line.start, line.end, self.cjk)
                   if self.text[i - 1].isspace()]
            if pts:
                points = set(pts)
                extra = slack / len(pts)
        elif st.align == "justify" and not line.last and slack > 0:
            pts = expansion_points(self.text, line.start, line.end, self.cjk)
            if pts and slack / len(pts) <= LOOSEST * st.size:
                points = set(pts)
                extra = slack / len(pts)
            # else: a line that would need gaping holes is set flush left instead
        elif st.align == "center":
            x += max(0.0, slack) / 2
        elif st.align == "right":
            x += max(0.0, slack)
        text = self.text
        kinds = self._kinds_of
        runs = line_runs(text, self._widths, self._kinds, kinds.fonts, kinds.spaced,
                         line.start, line.end, points, extra, x, line.hyphen,
                         not line.last and line.end < len(text) and text[line.end].isspace())
        for chars, run_x, kind, tc in runs:
            font, colour, stroke = kinds.table[kind]
            if state.get("font") != font:
                tx.setFont(font, st.size)
                state["font"] = font
                state["show"] = usable(tx)
            if state.get("colour") != colour:
                tx.setFillColor(self.ts.colour(colour))
                state["colour"] = colour
                state.pop("stroke_colour", None)
            if stroke and state.get("stroke_colour") != colour:
                tx.setStrokeColor(self.ts.colour(colour))
                state["stroke_colour"] = colour
            if state.get("stroke", False) != stroke:
                tx.setTextRenderMode(2 if stroke else 0)  # 2: fill, then stroke the outline
                state["stroke"] = stroke
            if state.get("tc") != tc:
                tx.setCharSpace(tc)
                state["tc"] = tc
            if state["show"]:
                show(tx, run_x, base, chars)
            else:
                tx.setTextOrigin(run_x, base)
                tx.textOut(chars)


def _kinds(kind_of: dict[tuple[str, str, bool], int], used: dict[str, Face]) -> Kinds:
    table = list(kind_of)  # in order of their numbers
    font_numbers = {name: n for n, name in enumerate(dict.fromkeys(f for f, _, _ in table))}
    return Kinds(table, [font_numbers[f] for f, _, _ in table],
                 [ord(" ") in used[f].cmap for f, _, _ in table])
