"""Repairs of the damage extracted page text carries, each one recorded.

Running headers and dates mid-text are removed; a byline glued to the first
paragraph is split off; a word or sentence broken across a page break is
joined (with the character some extractions repeat at the join); a paragraph
or caption printed twice is kept once. Every repair is a :class:`Repair` with
the line it was made at; one the rules are not sure of is marked for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .page import Block

#: Characters a complete paragraph ends with.
TERMINAL = "。！？!?…”’」』；;）)"
#: Characters no paragraph starts with: the rest of a broken sentence follows.
CONTINUES = "，。、；：？！）》」』”’…,.;:?!)%"
#: The newspapers whose mastheads a page's running header names.
_PAPERS = r"人民日报|光明日报|经济日报|中国日报"
#: Running page furniture: a newspaper's name and date, a page number, an editor line.
_FURNITURE = re.compile(
    rf"^(?:(?:{_PAPERS})(?:海外版)?\s*\d{{4}}年\d{{1,2}}月\d{{1,2}}日.{{0,12}}|"
    r"第\s*\d{1,3}\s*版.{0,12}|\d{4}年\d{1,2}月\d{1,2}日\s*星期[一二三四五六日天].{0,12}|"
    r"(?:本版)?责(?:任)?编(?:辑)?[:：].{1,20}|版式设计[:：].{1,20}|图片编辑[:：].{1,20})$")
#: A newspaper's masthead line: its name and the day of the issue.
_MASTHEAD = re.compile(rf"^(?P<paper>{_PAPERS})(?:海外版)?\s*"
                       r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
_ROLES = r"本报记者|本报通讯员|本报特约记者|新华社记者|记者|通讯员"
_NAME = r"[\u4e00-\u9fff]{2,4}"
#: A byline: a role and names, or names alone (郝迎灿 齐婧).
BYLINE = re.compile(rf"^(?:(?P<role>{_ROLES})\s*)?(?P<names>{_NAME}(?:[ 　、]+{_NAME}){{0,4}})$")
#: A byline in brackets right after a dateline: 本报武汉10月7日电（记者王明、李华）.
INLINE_BYLINE = re.compile(rf"^\s*[（(](?P<byline>(?:{_ROLES})\s*{_NAME}(?:[ 　、]+{_NAME}){{0,4}})"
                           r"[）)]\s*")
_GLUED = re.compile(rf"^(?P<role>{_ROLES})\s*(?P<names>{_NAME}(?:[ 　、]{_NAME}){{0,4}})\s+"
                    r"(?P<rest>\S.{9,})$")
#: Longer than a headline or section heading: a block this long that does not end a
#: sentence was broken by the page.
PARAGRAPH_MIN = 31


@dataclass(frozen=True)
class Repair:
    line: int
    message: str
    review: bool = False  # the rules are not sure: a person should look

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" + (" (review)" if self.review else "")


def _note(block: Block, repair: Repair, repairs: list[Repair]) -> None:
    repairs.append(repair)
    block.notes.append(str(repair))


@dataclass(frozen=True)
class Masthead:
    """The newspaper and issue a page's running header names."""

    paper: str  # as printed: 人民日报
    year: int
    month: int
    day: int


def masthead(blocks: list[Block]) -> Masthead | None:
    """The first running header that names a newspaper and its issue's date."""
    for b in blocks:
        m = _MASTHEAD.match(b.text) if b.kind == "text" else None
        if m:
            return Masthead(m.group("paper"), int(m.group("year")), int(m.group("month")),
                            int(m.group("day")))
    return None


def remove_furniture(blocks: list[Block], repairs: list[Repair]) -> list[Block]:
    out = []
    for b in blocks:
        if b.kind == "text" and _FURNITURE.match(b.text):
            repairs.append(Repair(b.line, f"removed a page header or footer “{b.text}”"))
            continue
        out.append(b)
    return out


def split_glued_bylines(blocks: list[Block], repairs: list[Repair]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        m = _GLUED.match(b.text) if b.kind == "text" else None
        if m:
            out.append(Block(f"{m.group('role')} {m.group('names')}", b.line, "byline"))
            rest = Block(m.group("rest"), b.line)
            _note(rest, Repair(b.line, f"split the byline “{m.group('role')} "
                                       f"{m.group('names')}” from the paragraph"), repairs)
            out.append(rest)
        else:
            out.append(b)
    return out


def _broken(b: Block, nxt: Block) -> bool:
    """Does ``b`` end mid-sentence with its rest in ``nxt``?"""
    if b.kind != "text" or nxt.kind != "text" or not b.text or not nxt.text:
        return False
    if b.text[-1] in TERMINAL:
        return False
    return (len(b.text) >= PARAGRAPH_MIN or nxt.text[0] in CONTINUES
            or b.text[-1] == nxt.text[0])


def join_broken(blocks: list[Block], repairs: list[Repair]) -> list[Block]:
    """Join a paragraph broken across a page break with its rest (captions between them
    are passed over: they move out of the text anyway)."""
    out: list[Block] = []
    pending: list[Block] = []  # captions seen since the last text block
    for b in blocks:
        if b.kind == "caption":
            pending.append(b)
            continue
        last = out[-1] if out else None
        if last is not None and _broken(last, b):
            head, tail = last.text, b.text
            repeated = head[-1] == tail[0] and "\u4e00" <= tail[0] <= "\u9fff"
            if repeated:
                tail = tail[1:]
            last.text = head + tail
            msg = f"joined “{head[-6:]}|{b.text[:6]}” broken across a page break"
            if repeated:
                msg += f", dropping the repeated “{b.text[0]}”"
            _note(last, Repair(b.line, msg, review=len(head) < PARAGRAPH_MIN or repeated),
                  repairs)
            continue
        if last is not None and last.kind == "text" and last.text and \
                last.text[-1] not in TERMINAL and len(last.text) >= PARAGRAPH_MIN:
            _note(last, Repair(last.line, "the paragraph ends mid-sentence and no rest "
                               "follows it", review=True), repairs)
        out.extend(pending)
        pending.clear()
        out.append(b)
    out.extend(pending)
    return out


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def drop_duplicates(blocks: list[Block], repairs: list[Repair]) -> list[Block]:
    """Keep one copy of a paragraph or caption printed twice.

    Of two paragraphs, the later copy stays (a stray copy runs ahead of its place
    on a page) and a shorter copy that is the start of a longer one goes (it was cut
    by a page break); of two captions, the first stays.
    """
    drop: set[int] = set()
    texts = [(i, b) for i, b in enumerate(blocks) if b.kind == "text" and len(b.text) >= 12]
    keys = [_key(b.text) for _, b in texts]
    # a copy, or a longer text a copy starts, shares the first 20 characters: only those
    # are compared (not every pair: a long page took minutes)
    alike: dict[str, list[int]] = {}
    for n, key in enumerate(keys):
        alike.setdefault(key[:20], []).append(n)
    for n, (i, b) in enumerate(texts):
        key = keys[n]
        for m in alike[key[:20]]:
            if m <= n:
                continue
            other, other_key = texts[m][1], keys[m]
            if other_key == key or (other_key.startswith(key) and len(key) >= 20):
                drop.add(i)
                repairs.append(Repair(b.line, f"dropped a copy of the paragraph at line "
                                              f"{other.line} (“{b.text[:12]}…”)",
                                      review=other_key != key))
                other.notes.append(f"line {b.line}: a copy of this paragraph was dropped")
                other.notes.extend(b.notes)
                break
    seen: dict[str, Block] = {}
    for i, b in enumerate(blocks):
        if b.kind != "caption":
            continue
        key = _key(b.text + b.credit)
        if key in seen:
            drop.add(i)
            repairs.append(Repair(b.line, f"dropped a copy of the caption at line "
                                          f"{seen[key].line} (“{b.text[:12]}…”)"))
        else:
            seen[key] = b
    return [b for i, b in enumerate(blocks) if i not in drop]


def balance_quotes(blocks: list[Block], repairs: list[Repair]) -> None:
    """A paragraph that closes a quotation it never opened (“…”刘军表示。 printed without
    its first “) gets the opening mark back."""
    for b in blocks:
        if b.kind == "text" and b.text.count("”") > b.text.count("“"):
            b.text = "“" + b.text
            _note(b, Repair(b.line, "added the opening “ of a quotation the paragraph closes",
                            review=True), repairs)


def mark_bylines(blocks: list[Block]) -> None:
    """A short block of a role and names, or of names alone after a heading, is a byline."""
    for i, b in enumerate(blocks):
        if b.kind != "text" or len(b.text) > 24:
            continue
        m = BYLINE.match(b.text)
        after_heading = i > 0 and blocks[i - 1].kind == "heading"
        if m and (m.group("role") or after_heading):
            b.kind = "byline"


def repair(blocks: list[Block]) -> tuple[list[Block], list[Repair]]:
    """Every repair, in order; the repaired blocks and what was done."""
    repairs: list[Repair] = []
    blocks = remove_furniture(blocks, repairs)
    blocks = split_glued_bylines(blocks, repairs)
    blocks = join_broken(blocks, repairs)
    blocks = drop_duplicates(blocks, repairs)
    balance_quotes(blocks, repairs)
    mark_bylines(blocks)
    return blocks, repairs
