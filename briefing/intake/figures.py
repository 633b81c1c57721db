"""Quantities in Chinese prose → statistics, and prose that refers to them.

Each figure is read with the grammar of :mod:`briefing.quantities`; the words
around it give its kind, direction, basis and period (同比增长, 下降, 环比,
2023年, 一季度 …). A figure becomes a statistic only if the statistic renders
back to exactly the characters the source printed; otherwise the text stays
as it is and a note asks for review. Ids are readable and stable: the subject
before the figure (a term table, else its pinyin), the kind and the period.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from ..localize import format_statistic
from ..model import Statistic
from ..numerals import parse_chinese_numeral, plain_digits
from ..quantities import ZH_CHANGE_VERBS, Direction, QuantitySyntaxError, parse_zh
from ..units import UNITS, ZH_SCALES, Category, Unit
from .names import Piece, slug

#: Measure words a count takes (longest first when matched).
MEASURE_WORDS = ("台套", "户次", "艘次", "人次", "架次", "班次", "航次", "个", "家", "项", "名",
                 "人", "件", "条", "座", "批", "次", "台", "艘", "所", "位", "种", "辆", "列", "类",
                 "支", "架", "部", "篇", "场", "套", "块", "只", "头", "亩", "户", "枝", "株", "棵",
                 "张", "本", "间", "栋", "幢", "根", "颗", "朵", "匹", "枚", "处", "笔", "单", "票",
                 "趟", "班", "口")
_SCALE = "|".join(sorted(ZH_SCALES, key=len, reverse=True))
_PRE = "约|近|超过|超|逾|突破|不到|不足|至少|不少于"
_POST = "以上|左右"
#: Words that say what kind of change a figure is, right before it.
_CHANGE_WORDS = (r"(同比|环比|较上年末|比上年)?(?:分别)?"
                 rf"({'|'.join(sorted(ZH_CHANGE_VERBS, key=len, reverse=True))})(?:了)?")
_CHANGE = re.compile(_CHANGE_WORDS + "$")
_BASES = {"同比": "year_on_year", "环比": "period_on_period", "较上年末": "year_end",
          "比上年": "year_on_year"}
_SHARE = re.compile(r"(占|比重为|比重达|占比)[^，。；]{0,10}$")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}

#: Subjects of figures: Chinese words → English slugs for readable ids.
TERMS = {
    "地区生产总值": "gdp", "生产总值": "gdp", "经济总量": "economy", "增加值": "value_added",
    "高技术制造业": "hitech_mfg", "高技术产业": "hitech", "投资": "investment",
    "进出口": "trade", "外贸": "trade", "出口": "exports", "进口": "imports",
    "营收": "revenue", "营业收入": "revenue", "利润": "profit", "产量": "output",
    "产值": "output_value", "吞吐量": "throughput", "集装箱": "containers",
    "企业": "companies", "项目": "projects", "人口": "population", "收入": "income",
    "税费": "tax", "减免": "relief", "装机": "capacity", "发电量": "generation",
    "储能": "storage", "机器人": "robots", "院士": "academicians", "专利": "patents",
    "订单": "orders", "集群": "clusters", "就业": "jobs", "贷款": "loans",
    "销售": "sales", "消费": "consumption", "零售": "retail", "粮食": "grain",
    "耕地": "farmland", "光伏": "solar", "电站": "power_stations", "成交额": "turnover",
    "技术合同": "tech_contracts", "研发": "rnd", "人才": "talent", "问题": "issues",
    "航线": "routes", "泊位": "berths", "码头": "terminal", "船舶": "ships",
    "货物": "cargo", "电池": "batteries", "汽车": "vehicles", "预算": "budget",
    "支出": "spending", "补贴": "subsidies", "面积": "area", "产能": "capacity",
    "比重": "share", "占比": "share", "净流入": "net_inflow", "游客": "visitors",
    "品牌": "brands", "市场": "markets", "城市": "cities",
    "园区": "parks", "门店": "stores", "平台": "platforms", "岗位": "jobs",
    "增速": "growth_rate", "涨幅": "growth_rate", "价格": "prices", "均价": "average_price",
}


@dataclass
class Extracted:
    """Statistics found so far, with ids unique across the page."""

    units: Mapping[str, Unit] = field(default_factory=lambda: UNITS)
    year: int | None = None  # the issue's year (its masthead), which 今年 and 去年 name
    statistics: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    _next: dict[str, int] = field(default_factory=dict, repr=False)

    def add(self, key: str, data: dict[str, Any]) -> str:
        base, n = key, self._next.get(key, 2)
        while key in self.statistics:
            key = f"{base}_{n}"
            n += 1
        self._next[base] = n  # the next suffix to try: a long page adds in linear time
        self.statistics[key] = data
        return key


def _unit_words(units: Mapping[str, Unit]) -> str:
    words = {w for u in units.values() if u.category not in (Category.PERCENT,)
             for w in u.zh_words if w and w != "倍"}
    return "|".join(sorted(words | set(MEASURE_WORDS), key=len, reverse=True))


def _pattern(units: Mapping[str, Unit]) -> re.Pattern[str]:
    unit = rf"(?:个百分点|百分点|%|％|{_unit_words(units)})"
    one = rf"(?:{_PRE})?\d+(?:\.\d+)?(?:余|多)?(?:{_SCALE})?(?:余|多)?"
    return re.compile(
        rf"(?<![\dA-Za-z.])(?P<q>{one}{unit}?(?:至|—|~){one}{unit}(?:{_POST})?"  # a range
        rf"|{one}(?:倍|{unit})?(?:{_POST})?"  # one figure
        rf"|(?:{_PRE})?[一二三四五六七八九]成(?:{_POST}|多)?"  # tenths
        rf"|(?:{_PRE})?[一二三四五六七八九十]+分之[一二三四五六七八九十]+(?:{_POST})?"  # fraction
        # a numeral in words with its measure word: 近百家, 上千个, 三百多家, 十余个
        rf"|(?<![一二两三四五六七八九十百千万亿第])(?P<wq>{_PRE}|上|数)?"
        rf"(?P<wn>[一二两三四五六七八九十百千万亿]*[十百千万亿])(?:余|多)?{unit})"
        r"(?![\dA-Za-z])")


def _period(clause: str, issue_year: int | None = None) -> dict[str, Any] | None:
    """The period a clause names before its figure: 2023年, 今年一季度, 前三季度, 10月 …
    (今年 and 去年 are years when the page's masthead dates the issue)."""
    period: dict[str, Any] = {}
    years = re.findall(r"(?<!\d)((?:19|20)\d\d)年", clause)
    if years:
        period["year"] = int(years[-1])
    elif issue_year is not None and (named := re.findall(r"(?<![比较同])(今|去|前)年(?!来|以来)",
                                                         clause)):
        # the one nearest the figure (去年……，今年前三季度…); 比去年 is a comparison
        period["year"] = issue_year - {"今": 0, "去": 1, "前": 2}[named[-1]]
    if m := re.search(r"前([二三四])季度", clause):
        period["through_quarter"] = _QUARTERS[m.group(1)]
    elif m := re.search(r"(?:第)?([一二三四])季度", clause):
        period["quarter"] = _QUARTERS[m.group(1)]
    elif m := re.search(r"([上下])半年", clause):
        period["half"] = 1 if m.group(1) == "上" else 2
    elif m := re.search(r"(\d{1,2})[—\-–](\d{1,2})月", clause):
        period["start_month"], period["month"] = int(m.group(1)), int(m.group(2))
    elif m := re.search(r"截至(\d{1,2})月底", clause):
        period["month"], period["as_of_end"] = int(m.group(1)), True
    elif m := re.search(r"(?<![\d—\-–])(\d{1,2})月(?:当月|份)?(?![\d底末日])", clause):
        period["month"] = int(m.group(1))  # 10月当月: the month alone
    plan = re.search(r"“?(十[一二三四五六七八九]|[一二三四五六七八九])五”?(?:时期|期间|规划)",
                     clause)
    if plan:
        return {"plan": parse_chinese_numeral(plan.group(1))}
    return period or None


def _counted(after: str) -> str | None:
    """What a count counts, from the words after it: 近百家企业 → companies; of a noun
    phrase's first four characters, the term that ends last (外贸企业: companies)."""
    words = re.match(r"[\u4e00-\u9fff]{1,4}", after)
    if words is None:
        return None
    head = max(((words.group(0).rfind(t) + len(t), name) for t, name in TERMS.items()
                if t in words.group(0)), default=None)
    return head[1] if head else slug(words.group(0)[:2])


def _subject(before: str) -> str:
    """A readable id for what the figure measures: the term nearest before it."""
    text = re.sub(r"(同比|环比|分别|累计|共|达到|达|为|实现|完成|超过|约|近|已|将|了|是|有|"
                  r"增长|提高|提升|下降|减少|回落|上升|首次|突破|的|居|位居|位列|排名|排|列)+$",
                  "", before)
    best: tuple[int, str] | None = None  # where the nearest term ends, its slug
    for term, name in TERMS.items():
        at = text.rfind(term)
        if at != -1 and (best is None or at + len(term) > best[0]):
            best = (at + len(term), name)
    if best:
        return best[1]
    # the last word, unless it is the unit of a figure before (2856.4亿元，同比增长)
    words = re.findall(r"(?<![\d.\u4e00-\u9fff])[\u4e00-\u9fff]+", text)
    return slug(words[-1][-4:]) if words else "figure"


#: What may stand between a figure and the change that follows it (总值2856.4亿元，同比增长
#: 12.3%): the change measures the same subject.
_FOLLOWS = re.compile(r"[，,]?" + _CHANGE_WORDS)


def _id(data: dict[str, Any], before: str, subject: str | None = None) -> str:
    parts = [subject or _subject(before)]
    kind = data.get("kind", "level")
    if kind in ("growth", "change", "points_change", "increase_times"):
        parts.append("down" if data.get("direction") == "down" else "growth")
    elif kind == "share":
        parts.append("share")
    elif kind == "rank":
        parts.append("rank")
    elif kind == "doubling":
        parts.append("doubling")
    period = data.get("period") or {}
    if "quarter" in period:
        parts.append(f"q{period['quarter']}")
    if "through_quarter" in period:
        parts.append(f"q1_q{period['through_quarter']}")
    if "half" in period:
        parts.append(f"h{period['half']}")
    if "year" in period:
        parts.append(str(period["year"]))
    return re.sub(r"_+", "_", "_".join(parts)).strip("_")


def _context(data: dict[str, Any], text: str, start: int, end: int,
             issue_year: int | None = None) -> None:
    """Kind, direction, basis and period from the words around a figure."""
    before = text[max(0, start - 12):start]
    unit = data.get("unit")
    if unit == "fold":  # 倍 reads as either multiple unit: the words around it decide
        unit = data["unit"] = "times"
    if m := _CHANGE.search(before):
        verb = m.group(2)
        if m.group(1):
            data["basis"] = _BASES[m.group(1)]
        if ZH_CHANGE_VERBS[verb] is Direction.DOWN:
            data["direction"] = "down"
        if unit == "percentage_point":
            data["kind"] = "points_change"
        elif unit == "percent":
            data["kind"] = "growth"
        elif unit == "times" and verb == "增长":
            data["kind"] = "increase_times"
        elif unit == "times":
            data["kind"], data["unit"] = "multiple", "fold"
        elif unit not in (None, "count"):
            data["kind"] = "change"
        if verb in ("回落", "降低", "下滑") and data.get("kind"):
            data["zh_verb"] = verb
        if data.get("kind") is None or (data.get("kind") == "change" and verb in
                                        ("提高", "提升", "扩大")):
            data.pop("direction", None)
            data.pop("basis", None)
            data.pop("kind", None)
    elif unit == "percent" and _SHARE.search(text[max(0, start - 16):start]):
        data["kind"] = "share"
    elif unit == "times":
        data["kind"] = "ratio" if re.search(r"的$", before) else "multiple"
        if data["kind"] == "multiple":
            data["unit"] = "fold"
        elif re.search(r"(?:上年|去年)同期的$", before):  # 是上年同期的2.4倍
            data["basis"] = "year_on_year"
    clause_start = max(text.rfind(p, 0, start) for p in "。；！？") + 1
    period = _period(text[clause_start:start], issue_year)
    if period:
        data["period"] = period
    if data.get("kind") is None:
        data.pop("kind", None)


def _as_written(data: dict[str, Any]) -> dict[str, Any]:
    """The grammar's fields as a draft writes them: numbers as plain strings, and a
    figure the source printed with a scale word written with it (836.5万, not 8365000.0 and
    a separate scale), which the model reads back the same."""
    scale = data.get("zh_scale")
    out: dict[str, Any] = {}
    for k, v in data.items():
        if k == "zh_scale":
            continue
        if isinstance(v, Decimal):
            v = (f"{plain_digits(v.scaleb(-ZH_SCALES[scale]))}{scale}"
                 if scale and k == "value" else plain_digits(v))
        out[k] = v
    return out


def _renders_as(data: dict[str, Any], printed: str, units: Mapping[str, Unit]) -> bool:
    try:
        stat = Statistic.model_validate(data, context={"units": units})
    except ValidationError:
        return False
    return format_statistic(stat, "zh") == printed


def _year_or_date(text: str, m: re.Match[str]) -> bool:
    """A year, date or clock time: 2023年, 8月12日, 10时 — not a statistic."""
    s = m.group("q")
    after = text[m.end():m.end() + 2]
    if re.fullmatch(r"(19|20)\d\d年?", s) and (s.endswith("年") or after[:1] in ("年", "—",
                                                                                  "-", "–")):
        return True
    if re.fullmatch(r"\d{1,2}", s) and after[:1] in ("月", "日", "时", "点", "号"):
        return True
    if re.fullmatch(r"\d{1,2}个月", s) and text[m.start() - 1:m.start()] == "前":
        return True  # 前7个月: the first seven months, a period
    return bool(re.fullmatch(r"\d+", s) and text[m.start() - 1:m.start()] in ("第",)
                and after[:1] in ("届", "次", "批", "季"))


_POINTS_LIST = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)个((?:、\d+(?:\.\d+)?个)*)(?:和|及)"
                          r"(\d+(?:\.\d+)?)个百分点")


#: Figures read whole before the figure-by-figure walk, by where each starts: where it
#: ends, and the statistics (an id and data each) it becomes, added in the text's order.
Whole = dict[int, tuple[int, list[tuple[str, dict[str, Any]]]]]


def _lists(text: str, issue_year: int | None = None) -> Whole:
    """Lists of percentage points that print 个 on each item (2个、2.1个和1.5个百分点):
    one statistic each and one list reference."""
    from ..localize import format_list

    out: Whole = {}
    for m in _POINTS_LIST.finditer(text):
        values = [m.group(1), *re.findall(r"\d+(?:\.\d+)?", m.group(2)), m.group(3)]
        data: dict[str, Any] = {"unit": "percentage_point"}
        _context(data, text, m.start(), m.end(), issue_year)
        items = [{**data, "value": v} for v in values]
        try:
            stats = [Statistic.model_validate(d) for d in items]
        except ValidationError:
            continue
        if format_list(stats, "zh") != m.group(0):
            continue
        subject = _id(data, text[max(0, m.start() - 16):m.start()])
        out[m.start()] = (m.end(), [(f"{subject}_{n}", d) for n, d in enumerate(items, start=1)])
    return out


#: Where a ranking holds, as the draft's English offers it to the translator.
SCOPES = {"全国": "nationwide", "全省": "in the province", "全市": "in the city",
          "全区": "in the region", "全球": "in the world", "世界": "in the world"}
_RANK = re.compile(
    # a ranking verb, not the end of a word (邻居, 民居, 故居, 安居 …), then 第N, and no
    # noun after it (第一次, 第一期: an ordinal)
    rf"(?<=[居列排名])(?<![邻民故安新旧定聚寓蜗宜移家起同]居)(?P<scope>{'|'.join(SCOPES)})?"
    r"第(?P<n>[一二三四五六七八九十]+|\d+)(?P<mw>位|名)?(?![\d一二三四五六七八九十\u4e00-\u9fff])")


def _ranks(text: str, units: Mapping[str, Unit]) -> Whole:
    """Rankings after a ranking verb (居全省第一, 位居全国第三位): a statistic each."""
    out: Whole = {}
    for m in _RANK.finditer(text):
        n = m.group("n")
        data: dict[str, Any] = {"value": n if n.isdigit() else
                                str(parse_chinese_numeral(n)), "unit": "count", "kind": "rank"}
        if m.group("scope"):
            data["scope"] = {"zh": m.group("scope"), "en": SCOPES[m.group("scope")]}
        if m.group("mw"):
            data["measure_word"] = m.group("mw")
        if not _renders_as(data, m.group(0), units):
            continue  # 居全省第1: digits a ranking does not print
        out[m.start()] = (m.end(), [(_id(data, text[max(0, m.start() - 16):m.start()]), data)])
    return out


_DOUBLING = re.compile(r"翻(?P<n>[一两三])番(?![多余])")  # 翻两番多: more than, left as text


def _doublings(text: str, units: Mapping[str, Unit]) -> Whole:
    """翻一番 (doubled), 翻两番 (quadrupled): a statistic each, counting the doublings."""
    out: Whole = {}
    for m in _DOUBLING.finditer(text):
        data: dict[str, Any] = {"value": str(parse_chinese_numeral(m.group("n"))),
                                "unit": "times", "kind": "doubling"}
        if _renders_as(data, m.group(0), units):
            before = text[max(0, m.start() - 16):m.start()]
            out[m.start()] = (m.end(), [(_id(data, before), data)])
    return out


def refer(text: str, found: Extracted) -> list[Piece]:
    """``text`` with each figure a reference to a new statistic."""
    out: list[Piece] = []
    pos = 0
    previous: tuple[int, dict[str, Any]] | None = None  # end and data of the last figure
    subject = ""  # the last figure's subject, in its id
    lists = {**_lists(text, found.year), **_ranks(text, found.units),
             **_doublings(text, found.units)}
    events: list[tuple[int, re.Match[str] | None]] = sorted(
        [(start, None) for start in lists]
        + [(m.start(), m) for m in _pattern(found.units).finditer(text)],
        key=lambda e: (e[0], e[1] is not None))
    for start, m in events:
        if start < pos:
            continue  # inside a list or ranking already referred to
        if m is None:
            end, items = lists[start]
            if start > pos:
                out.append(text[pos:start])
            out.append(("+".join(found.add(key, data) for key, data in items),))
            pos = end
            continue
        if _year_or_date(text, m):
            continue
        if re.match(r"以?来", text[m.end():m.end() + 2]) and m.group("q")[:1] == "近":
            continue  # 近3年来: over the past three years, not "nearly three years"
        if m.group("wn") and len(m.group("wn")) == 1 and not m.group("wq") and \
                m.group("q")[1] not in "余多":
            continue  # a lone 万家 or 百个 is a manner of speaking (万家灯火), not a figure
        printed = m.group("q")
        try:
            data = parse_zh(printed, found.units)
        except QuantitySyntaxError:  # 千万家庭: not a figure
            continue
        if "unit" not in data:
            continue  # a bare number (no unit, no measure word): left as text
        data = _as_written(data)
        _context(data, text, m.start(), m.end(), found.year)
        if previous and text[previous[0]:m.start()] in ("、", "和", "及", "与") and \
                previous[1].get("unit") == data.get("unit"):
            # 分别增长23.6%、21.6%: a list shares the words before its first figure
            for k in ("kind", "direction", "basis", "period"):
                if k in previous[1] and k not in data:
                    data[k] = previous[1][k]
        if not _renders_as(data, printed, found.units):
            found.notes.append(f"“{printed}” could not be written as data; left as text "
                               "(review)")
            continue
        follows = previous is not None and data.get("kind") is not None and \
            _FOLLOWS.fullmatch(text, previous[0], m.start()) is not None
        before = text[max(0, m.start() - 16):m.start()]
        if not follows:
            after = text[m.end():m.end() + 9]
            counted = _counted(after) if data.get("unit") == "count" and "kind" not in data \
                else _counted(after[1:]) if after[:1] == "的" and data.get("unit") in (
                    "fraction", "percent") and "kind" not in data else None  # 三分之二的企业
            subject = counted or _subject(before)
        key = found.add(_id(data, before, subject), data)
        previous = (m.end(), data)
        if m.start() > pos:
            out.append(text[pos:m.start()])
        out.append((key,))
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out
