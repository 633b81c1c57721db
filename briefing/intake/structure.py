"""Repaired blocks → articles: kicker, headline, subheading, dateline, byline,
sections with headings, paragraphs, quotes with their speakers, and captions
placed beside the paragraph they illustrate.

A new article starts where a headline is followed by a byline (the page's
headings, or short lines that end no sentence). Captions join the article
they appear in, after the paragraph that shares most words with them. A quote
whose speaker the article has not named yet, but names later, moves after the
paragraphs that introduce the speaker (a repair marked for review).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import re
from dataclasses import dataclass, field

from .page import Block
from .repair import BYLINE, INLINE_BYLINE, TERMINAL, Masthead, Repair

#: A short block that ends no sentence may be a headline, kicker or dateline.
SHORT = 40
#: Words a speaker's title ends with: 瓦轴集团董事长 | 刘军.
TITLES = ("党委书记", "董事长", "总经理", "副总经理", "总裁", "副总裁", "书记", "副书记",
          "省长", "副省长", "市长", "副市长", "县长", "区长", "局长", "副局长", "主任", "副主任",
          "院长", "所长", "副所长", "研究员", "教授", "负责人", "经理", "工程师", "主席",
          "部长", "处长", "科长", "队长", "站长", "厂长", "社长", "会长", "理事长", "秘书长",
          "委员", "常委", "村民", "农户", "船长", "总监", "创始人", "首席执行官", "专家",
          "干部", "代表", "村党支部书记")
#: Family names that open most Chinese personal names (a speaker must start with one).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰"
    "焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁"
    "蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂"
    "全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
#: Verbs that attribute a quotation to its speaker.
SAYS = r"(?:表示|说|介绍|指出|认为|坦言|告诉记者|介绍说|强调|谈到)"
_SPEAKER = re.compile(
    rf"(?P<title>(?:[\u4e00-\u9fff、]{{0,24}}?(?:{'|'.join(TITLES)})))?"
    rf"(?P<name>[\u4e00-\u9fff]{{2,3}}?){SAYS}")


@dataclass
class Section:
    heading: Block | None = None
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Article:
    headline: Block
    deck: Block | None = None
    subheading: Block | None = None
    dateline: Block | None = None
    byline: Block | None = None
    sections: list[Section] = field(default_factory=list)
    captions: list[Block] = field(default_factory=list)
    speakers: dict[int, tuple[str, str]] = field(default_factory=dict)  # id(block) → name, title
    date: str | None = None  # YYYY-MM-DD, where the dateline's day and the page's year date it
    publication: str | None = None  # the newspaper whose dateline (本报…电) it is, as printed
    agency: str | None = None  # the agency whose dispatch it is (新华社…电), as printed


def _short(b: Block) -> bool:
    """A heading, or a short line that ends no sentence."""
    if b.kind == "heading":
        return len(b.text) <= SHORT
    return b.kind == "text" and len(b.text) <= SHORT and b.text[-1:] not in TERMINAL


def _place_like(b: Block) -> bool:
    return b.kind == "text" and len(b.text) <= 8 and re.fullmatch(r"[\u4e00-\u9fff]+", b.text) \
        is not None


def _opens(b: Block | None, names: bool = True) -> bool:
    """Does ``b`` open an article's text: a byline, or a first paragraph that starts with
    its dateline (本报厦门9月2日电（记者陈立新）…, where the byline follows in brackets)?
    ``names``: a short line of names alone counts as a byline too."""
    return b is not None and (b.kind == "byline" or (
        b.kind == "text" and (names and bool(BYLINE.match(b.text)) and len(b.text) <= 16
                              or _DATELINE.match(b.text) is not None)))


def _starts(blocks: list[Block], i: int) -> bool:
    """Does a headline stand at ``i``: a heading or short line followed by a byline or a
    dateline, or the page's first heading?"""
    b = blocks[i]
    if not _short(b):
        return False
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    after = blocks[i + 2] if i + 2 < len(blocks) else None
    if b.kind == "text" and nxt is not None and nxt.kind == "heading":
        return False  # a line above a marked headline is its kicker
    if _opens(nxt):
        return True
    if nxt is not None and _short(nxt) and _opens(after, names=False):
        return True  # a subheading between the headline and the byline
    return b.kind == "heading" and b.level == 1


def split_articles(blocks: list[Block], repairs: list[Repair],
                   page: Masthead | None = None) -> list[Article]:
    articles: list[Article] = []
    pending: list[Block] = []  # short blocks before a headline: kicker, dateline
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if _starts(blocks, i):
            article = Article(headline=b)
            for before in pending:
                if _place_like(before):
                    article.dateline = before
                else:
                    article.deck = before
            pending.clear()
            i += 1
            if i < len(blocks) and _short(blocks[i]) and not _opens(blocks[i]) and \
                    i + 1 < len(blocks) and _opens(blocks[i + 1], names=False):
                article.subheading = blocks[i]
                i += 1
            if i < len(blocks) and (blocks[i].kind == "byline" or BYLINE.match(blocks[i].text)):
                article.byline = blocks[i]
                blocks[i].kind = "byline"
                i += 1
            article.sections.append(Section())
            articles.append(article)
            continue
        if not articles or (_short(b) and b.kind == "text" and i + 1 < len(blocks)
                            and _starts(blocks, i + 1)):
            pending.append(b)
            i += 1
            continue
        article = articles[-1]
        if b.kind == "caption":
            article.captions.append(b)
        elif b.kind == "heading" or (_short(b) and len(b.text) >= 6
                                     and "，" in b.text and b.kind == "text"):
            article.sections.append(Section(heading=b))
        else:
            article.sections[-1].blocks.append(b)
        i += 1
    if pending and articles:
        for b in pending:  # short lines after the last article: keep them as text
            articles[-1].sections[-1].blocks.append(b)
    elif pending:
        articles.append(Article(headline=pending[0], sections=[Section(blocks=pending[1:])]))
    for a in articles:
        a.sections = [s for s in a.sections if s.blocks or s.heading]
        if not a.sections:
            a.sections = [Section()]
        dateline_of_first_paragraph(a, repairs, page)
        find_speakers(a)
        move_orphan_quotes(a, repairs)
        place_captions(a, repairs)
    return articles


_DATELINE = re.compile(r"^(?P<by>本报|新华社)(?P<place>[\u4e00-\u9fff]{2,8}?)(?P<month>\d{1,2})月"
                       r"(?P<day>\d{1,2})日(?:电|讯)\s*")


def dateline_of_first_paragraph(a: Article, repairs: list[Repair],
                                page: Masthead | None = None) -> None:
    """本报宁波10月20日电 opening the first paragraph is the article's dateline: its place
    goes to the dateline. Its day dates the article when the page's masthead gives the
    year (a dateline later in the year than the issue is from the year before), and a
    本报 dateline is the masthead's paper's; otherwise the day goes to a note."""
    first = next((b for s in a.sections for b in s.blocks if b.kind == "text"), None)
    m = _DATELINE.match(first.text) if first is not None else None
    if first is None or m is None or a.dateline is not None:
        return
    a.dateline = Block(m.group("place"), first.line)
    if m.group("by") != "本报":
        a.agency = m.group("by")  # 新华社北京11月2日电: the agency's dispatch, not the paper's
    first.text = first.text[m.end():]
    month, day = int(m.group("month")), int(m.group("day"))
    msg = (f"took the dateline “{m.group(0).strip()}” from the paragraph: place "
           f"{m.group('place')}; ")
    byline = INLINE_BYLINE.match(first.text)
    if byline and a.byline is None:  # 本报武汉10月7日电（记者王明）: the byline follows
        a.byline = Block(byline.group("byline"), first.line, kind="byline")
        first.text = first.text[byline.end():]
        msg += f"the byline “{byline.group('byline')}”; "
    date = None
    if page is not None:  # a dateline later in the year than the issue: the year before
        with contextlib.suppress(ValueError):
            date = _dt.date(page.year - (month > page.month), month, day)
    if page is not None and date is not None:
        a.date = date.isoformat()
        if m.group(0).startswith("本报"):
            a.publication = page.paper
        msg += f"dated {a.date} (the year from the page's masthead, {page.paper})"
    else:
        msg += f"set the article's date (the day is {month}月{day}日, the year is not on the page)"
    repairs.append(Repair(first.line, msg, review=True))
    if first.text.strip():
        first.notes.append(f"line {first.line}: {msg} (review)")
        return
    # the dateline (and byline) stood on a line of their own: nothing is left of it
    for section in a.sections:
        if first in section.blocks:
            section.blocks.remove(first)
            following = next((b for b in section.blocks if b.kind == "text"), None)
            if following is not None:
                following.notes.append(f"line {first.line}: {msg} (review)")


def _speaker(text: str) -> tuple[str, str] | None:
    """The speaker a quotation in ``text`` is attributed to: (name, title)."""
    if "“" not in text:
        return None
    for m in _SPEAKER.finditer(text):
        name = m.group("name")
        if name[0] not in SURNAMES:
            continue
        title = (m.group("title") or "").lstrip("、，")
        return name, title
    return None


def find_speakers(a: Article) -> None:
    for s in a.sections:
        for b in s.blocks:
            found = _speaker(b.text)
            if found:
                a.speakers[id(b)] = found


def move_orphan_quotes(a: Article, repairs: list[Repair]) -> None:
    """A quote attributed to a speaker the article names only later moves after the
    paragraphs that introduce them (those naming the speaker and, after them, those
    naming the speaker's organisation)."""
    flat = [(s, b) for s in a.sections for b in s.blocks]
    for n, (sec, b) in enumerate(flat):
        who = a.speakers.get(id(b))
        if not who or who[1]:
            continue  # named with a title here: not an orphan
        name = who[0]
        earlier = any(name in x.text for _, x in flat[:n])
        later = [(k, s2, x) for k, (s2, x) in enumerate(flat) if k > n and name in x.text]
        if earlier or not later:
            continue
        k, target_sec, intro = later[0]
        title = a.speakers.get(id(intro), ("", ""))[1]
        org = _organisation(title)
        end = k
        while end + 1 < len(flat) and org and flat[end + 1][0] is target_sec and \
                _mentions_org(flat[end + 1][1].text, org):
            end += 1
        sec.blocks.remove(b)
        anchor_sec, anchor = flat[end]
        anchor_sec.blocks.insert(anchor_sec.blocks.index(anchor) + 1, b)
        msg = (f"moved the quote of {name} (“{b.text[:10]}…”) after the paragraph at line "
               f"{anchor.line}, where the article introduces {name}")
        repairs.append(Repair(b.line, msg, review=True))
        b.notes.append(f"line {b.line}: {msg} (review)")
        return move_orphan_quotes(a, repairs)  # positions changed: look again


def _organisation(title: str) -> str:
    """The organisation in a speaker's title: 瓦轴集团董事长 → 瓦轴集团."""
    for t in sorted(TITLES, key=len, reverse=True):
        if title.endswith(t):
            return title[: -len(t)]
    return ""


def _mentions_org(text: str, org: str) -> bool:
    return len(org) >= 2 and (org in text or org[:2] in text)


def _overlap(a: str, b: str) -> int:
    """Shared character bigrams: how much two texts talk about the same thing."""
    grams = {a[i:i + 2] for i in range(len(a) - 1) if re.match(r"[\u4e00-\u9fff]{2}", a[i:i + 2])}
    return sum(1 for g in grams if g in b)


def place_captions(a: Article, repairs: list[Repair]) -> None:
    """Each caption after the paragraph it shares most with (ties: the earlier); one that
    shares nothing with any stays where the page printed it, after the paragraph before it."""
    flat = [(s, b) for s in a.sections for b in s.blocks if b.kind == "text"]
    for cap in a.captions:
        if not flat:
            a.sections[-1].blocks.append(cap)
            continue
        best = max(range(len(flat)), key=lambda k: (_overlap(cap.text, flat[k][1].text), -k))
        if _overlap(cap.text, flat[best][1].text) == 0:
            best = max((k for k, (_, b) in enumerate(flat) if b.line < cap.line), default=0)
        sec, anchor = flat[best]
        # after the anchor and any captions already placed after it
        at = sec.blocks.index(anchor) + 1
        while at < len(sec.blocks) and sec.blocks[at].kind == "caption":
            at += 1
        sec.blocks.insert(at, cap)
        placed = Repair(cap.line, f"placed the caption “{cap.text[:10]}…” after the "
                                  f"paragraph at line {anchor.line}")
        repairs.append(placed)
        cap.notes.append(str(placed))
    a.captions = []
