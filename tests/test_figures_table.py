"""All 46 rows of ../shared/reference/figures.md, rendered from data.

Each row holds the statistics as data and, per language, a template of the
words around them. Placeholders:

* ``{0}``, ``{1}`` … — :func:`format_statistic` of that statistic;
* ``{*}`` — :func:`format_list` of all the row's statistics;
* ``{1:num}`` — :func:`format_number` of that statistic's value alone (row
  34's "11 consecutive years", where English puts an adjective between the
  number and its unit).

Templates hold words and punctuation only, never a digit: every number in an
expected string comes out of the localisation functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from conftest import shared_dir

from briefing.localize import format_list, format_number, format_period, format_statistic
from briefing.model import Period, Statistic

FIGURES_MD = shared_dir() / "reference" / "figures.md"

Q1_2024 = {"year": 2024, "quarter": 1}
Y2023 = {"year": 2023}
PLAN_14 = {"plan": 14}


def s(value: str, unit: str, **kw: Any) -> dict[str, Any]:
    return {"value": value, "unit": unit, **kw}


def count(value: str, mw: str, zh: str = "", en: str = "", **kw: Any) -> dict[str, Any]:
    noun = {"noun": {"zh": zh, "en": en}} if zh or en else {}
    return {"value": value, "unit": "count", "measure_word": mw, **noun, **kw}


MORE = {"qualifier": "more_than"}
DUO = {"qualifier": "more_than", "zh_marker": "多"}
YU = {"qualifier": "more_than", "zh_marker": "余"}
CHAOGUO = {"qualifier": "more_than", "zh_marker": "超过"}
TUPO = {"qualifier": "more_than", "zh_marker": "突破"}


@dataclass(frozen=True)
class Row:
    no: int
    zh: str
    en: str
    stats: list[dict[str, Any]]
    zh_template: str = "{0}"
    en_template: str = "{0}"


ROWS: list[Row] = [
    Row(1, "同比增长23.6%", "up 23.6% year on year",
        [s("23.6", "percent", kind="yoy_growth", period=Q1_2024)],
        "同比增长{0}", "up {0} year on year"),
    Row(2, "1000多个全国第一", "more than 1,000 national firsts",
        [count("1000", "个", "全国第一", "national firsts", **DUO)]),
    Row(3, "地区生产总值增长5.3%", "grew 5.3%",
        [s("5.3", "percent", kind="growth", period=Y2023)],
        "地区生产总值增长{0}", "grew {0}"),
    Row(4, "10年来首次", "for the first time in 10 years",
        [s("10", "year")], "{0}来首次", "for the first time in {0}"),
    Row(5, "3万亿元", "3 trillion yuan", [s("3000000000000", "yuan", period=Y2023)]),
    Row(6, "增长5.4%", "5.4%", [s("5.4", "percent", kind="growth", period=Q1_2024)],
        "增长{0}", "{0}"),
    Row(7, "23.6%、21.6%", "23.6% and 21.6%",
        [s("23.6", "percent", kind="growth"), s("21.6", "percent", kind="growth")],
        "{0}、{1}", "{*}"),
    Row(8, "25亿元", "2.5 billion yuan", [s("2500000000", "yuan", period=PLAN_14)]),
    Row(9, "40多家", "more than 40", [count("40", "家", **DUO)]),
    Row(10, "提高40多倍", "more than 40-fold", [s("40", "fold", kind="multiple", **DUO)],
        "提高{0}", "{0}"),
    Row(11, "提升40%", "40%", [s("40", "percent", kind="increase")], "提升{0}", "{0}"),
    Row(12, "40余家企业", "more than 40 companies",
        [count("40", "家", "企业", "companies", **MORE)]),  # 余 is the default marker
    Row(13, "61名两院院士", "61 academicians", [count("61", "名", "两院院士", "academicians")]),
    Row(14, "36家中试基地", "36 pilot-scale bases",
        [count("36", "家", "中试基地", "pilot-scale bases")]),
    Row(15, "1308.3亿元，同比增长30.8%", "130.83 billion yuan, up 30.8%",
        [s("130830000000", "yuan"), s("30.8", "percent", kind="yoy_growth")],
        "{0}，同比增长{1}", "{0}, up {1}"),
    Row(16, "150万吨/年", "1.5 million tonnes per year", [s("1500000", "tonne_per_year")]),
    Row(17, "2个、2.1个、2个和1.5个百分点", "2, 2.1, 2 and 1.5 percentage points",
        [s(v, "percentage_point", kind="points_change", period=Y2023)
         for v in ("2", "2.1", "2", "1.5")],
        "{*}", "{*}"),
    Row(18, "从86%提高至96%", "from 86% to 96%",
        [s("96", "percent", kind="from_to", from_value="86")]),
    Row(19, "14条生产线", "14 production lines", [count("14", "条", "生产线", "production lines")]),
    Row(20, "337个 / 53家", "337; 53", [count("337", "个"), count("53", "家")],
        "{0} / {1}", "{0}; {1}"),
    Row(21, "49.5% / 超过50%", "49.5%; more than 50%",
        [s("49.5", "percent", kind="share"), s("50", "percent", kind="share", **CHAOGUO)],
        "{0} / {1}", "{0}; {1}"),
    Row(22, "537个", "537 projects", [count("537", "个", en="projects")]),
    Row(23, "800余项 / 1300余项", "more than 800; more than 1,300",
        [count("800", "项", **YU), count("1300", "项", **YU)], "{0} / {1}", "{0}; {1}"),
    Row(24, "超过500家", "more than 500", [count("500", "家", **CHAOGUO)]),
    Row(25, "1.5万台套 / 突破50家", "15,000 units; more than 50",
        [count("15000", "台套", en="units"), count("50", "家", **TUPO)],
        "{0} / {1}", "{0}; {1}"),
    Row(26, "12个 / 10个", "12; 10", [count("12", "个"), count("10", "个")],
        "{0} / {1}", "{0}; {1}"),
    Row(27, "增长8.8%", "8.8%", [s("8.8", "percent", kind="growth", period=Y2023)],
        "增长{0}", "{0}"),
    Row(28, "29.2%、146.1%", "29.2% and 146.1%",
        [s("29.2", "percent", kind="growth"), s("146.1", "percent", kind="growth")],
        "{0}、{1}", "{*}"),
    Row(29, "3000度 / 200度 / 15个月", "3,000 kWh; 200 kWh; 15 months",
        [s("3000", "kwh"), s("200", "kwh"), s("15", "month")],
        "{0} / {1} / {2}", "{0}; {1}; {2}"),
    Row(30, "超过720兆瓦时", "more than 720 MWh", [s("720", "mwh", **CHAOGUO)]),
    Row(31, "50余项", "more than 50", [count("50", "项", **YU)]),
    Row(32, "10341家，同比增长55.6%", "10,341, up 55.6%",
        [count("10341", "家", period=Y2023), s("55.6", "percent", kind="yoy_growth")],
        "{0}，同比增长{1}", "{0}, up {1}"),
    Row(33, "33484家 / 1029家 / 5337家", "33,484; 1,029; 5,337",
        [count("33484", "家"), count("1029", "家"), count("5337", "家")],
        "{0} / {1} / {2}", "{0}; {1}; {2}"),
    Row(34, "净流入8.6万人 / 连续11年", "net inflow of 86,000 people; 11 consecutive years",
        [count("86000", "人", en="people"), s("11", "year")],
        "净流入{0} / 连续{1}", "net inflow of {0}; {1:num} consecutive years"),
    Row(35, "4387人，同比增长77%", "4,387, up 77%",
        [count("4387", "人"), s("77", "percent", kind="yoy_growth")],
        "{0}，同比增长{1}", "{0}, up {1}"),
    Row(36, "40.1万人，同比增长20.8%", "401,000, up 20.8%",
        [count("401000", "人"), s("20.8", "percent", kind="yoy_growth")],
        "{0}，同比增长{1}", "{0}, up {1}"),
    Row(37, "提升28.2%", "28.2%", [s("28.2", "percent", kind="increase")], "提升{0}", "{0}"),
    Row(38, "20.5%和62.1%", "20.5% and 62.1%",
        [s("20.5", "percent", kind="yoy_growth"), s("62.1", "percent", kind="yoy_growth")],
        "{*}", "{*}"),
    Row(39, "1.1亿元", "110 million yuan", [s("110000000", "yuan", period=Y2023)]),
    Row(40, "效率增加30%", "30%", [s("30", "percent", kind="increase")], "效率增加{0}", "{0}"),
    Row(41, "2万平方米", "20,000 square metres", [s("20000", "square_metre")]),
    Row(42, "5批466项", "five batches, 466 policies",
        [count("5", "批", en="batches"), count("466", "项", en="policies")],
        "{0}{1}", "{0}, {1}"),
    Row(43, "730余万户次 / 超过810亿元", "more than 7.3 million; more than 81 billion yuan",
        [count("7300000", "户次", **YU), s("81000000000", "yuan", **CHAOGUO)],
        "{0} / {1}", "{0}; {1}"),
    Row(44, "5次", "five meetings", [count("5", "次", en="meetings")]),
    Row(45, "20家托育机构", "20 childcare providers",
        [count("20", "家", "托育机构", "childcare providers")]),
    Row(46, "4.8万余件 / 4.6万余件", "more than 48,000; more than 46,000",
        [count("48000", "件", **YU), count("46000", "件", **YU)], "{0} / {1}", "{0}; {1}"),
]

_PLACEHOLDER = re.compile(r"\{(\d+|\*)(?::(num))?\}")


def render(template: str, stats: list[Statistic], lang: str) -> str:
    def one(m: re.Match[str]) -> str:
        if m.group(1) == "*":
            return format_list(stats, lang)
        stat = stats[int(m.group(1))]
        if m.group(2) == "num":
            return format_number(stat.value, lang)
        return format_statistic(stat, lang)

    return _PLACEHOLDER.sub(one, template)


def test_every_row_is_here_once() -> None:
    assert [r.no for r in ROWS] == list(range(1, 47))


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"row{r.no}")
def test_templates_hold_no_numbers(row: Row) -> None:
    for template in (row.zh_template, row.en_template):
        words = _PLACEHOLDER.sub("", template)
        assert not re.search(r"\d", words), template
        assert "{" not in words and "}" not in words, template


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"row{r.no}")
def test_row_renders_in_chinese_as_the_source_prints_it(row: Row) -> None:
    stats = [Statistic(**d) for d in row.stats]
    assert render(row.zh_template, stats, "zh") == row.zh


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"row{r.no}")
def test_row_renders_in_english_as_the_table_gives_it(row: Row) -> None:
    stats = [Statistic(**d) for d in row.stats]
    assert render(row.en_template, stats, "en") == row.en


def _table() -> dict[int, tuple[str, str]]:
    rows: dict[int, tuple[str, str]] = {}
    for line in FIGURES_MD.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0].isdigit():
            rows[int(cells[0])] = (cells[2], cells[5])
    return rows


@pytest.mark.skipif(not FIGURES_MD.is_file(), reason="../shared/reference/figures.md not present")
def test_expected_strings_are_the_specification_verbatim() -> None:
    table = _table()
    assert sorted(table) == list(range(1, 47))
    for row in ROWS:
        assert (row.zh, row.en) == table[row.no], f"row {row.no} differs from figures.md"


# The periods the table attaches to figures (rows 1, 3, 6, 8, 17, 27, 39 …).
PERIODS = [
    (Q1_2024, "2024年第一季度", "Q1 2024"),
    (Y2023, "2023年", "2023"),
    (PLAN_14, "“十四五”时期", "the 14th Five-Year Plan period (2021–2025)"),
]


@pytest.mark.parametrize(("period", "zh", "en"), PERIODS)
def test_periods_of_the_table(period: dict[str, int], zh: str, en: str) -> None:
    used = {tuple(sorted(d["period"].items())) for r in ROWS for d in r.stats if "period" in d}
    assert tuple(sorted(period.items())) in used
    p = Period(**period)
    assert (format_period(p, "zh"), format_period(p, "en")) == (zh, en)
