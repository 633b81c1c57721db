"""Numbers, statistics, lists, periods and Chinese numerals, table by table."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from briefing.localize import (
    format_list,
    format_name,
    format_number,
    format_partial_date,
    format_period,
    format_statistic,
    plan_years,
    round_half_up,
)
from briefing.model import Lang, Organisation, PartialDate, Period, Person, Statistic, Term
from briefing.numerals import chinese_numeral, english_ordinal, parse_chinese_numeral

D = Decimal


def stat(value: str, unit: str, **kw: Any) -> Statistic:
    return Statistic(value=value, unit=unit, **kw)


# --------------------------------------------------------------------------- rounding


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("2.5", 0, "3"),
        ("3.5", 0, "4"),  # half even would give 4 too; 2.5 is the telling one
        ("0.125", 2, "0.13"),
        ("0.135", 2, "0.14"),
        ("1.005", 2, "1.01"),
        ("2.45", 1, "2.5"),
        ("2.44", 1, "2.4"),
        ("2.5", 1, "2.5"),
        ("-2.5", 0, "-3"),  # ties go away from zero
        ("2", 2, "2.00"),  # the result carries exactly `places` decimals
        ("130830000000.5", 0, "130830000001"),
        ("12345678901234567890123456789.5", 0, "12345678901234567890123456790"),
    ],
)
def test_round_half_up(value: str, places: int, expected: str) -> None:
    assert str(round_half_up(D(value), places)) == expected


def test_round_half_up_refuses_floats_and_nan() -> None:
    with pytest.raises(TypeError):
        round_half_up(2.5, 0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="non-finite"):
        round_half_up(D("NaN"), 0)


# --------------------------------------------------------------------------- format_number


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        ("10341", "10341", "10,341"),
        ("33484", "33484", "33,484"),
        ("4387", "4387", "4,387"),
        ("3000", "3000", "3,000"),
        ("86000", "8.6万", "86,000"),
        ("401000", "40.1万", "401,000"),
        ("48000", "4.8万", "48,000"),
        ("1500000", "150万", "1.5 million"),
        ("7300000", "730万", "7.3 million"),
        ("110000000", "1.1亿", "110 million"),
        ("130830000000", "1308.3亿", "130.83 billion"),
        ("3E12", "3万亿", "3 trillion"),
        ("8.1E10", "810亿", "81 billion"),
        ("2.5E9", "25亿", "2.5 billion"),
        ("999999999", "999999999", "999,999,999"),  # no rounding asked: exact digits
        ("123450000", "12345万", "123.45 million"),
        ("1234567", "1234567", "1,234,567"),
        ("0.125", "0.125", "0.125"),
        ("23.60", "23.6", "23.6"),  # trailing zeros dropped without a precision
        ("0", "0", "0"),
        ("-0", "0", "0"),
        ("-1500000", "-150万", "-1.5 million"),
        ("-5.3", "-5.3", "-5.3"),
        ("1E+40", "1" + "0" * 28 + "万亿", "10,000,000,000,000,000,000,000,000,000 trillion"),
    ],
)
def test_format_number(value: str, zh: str, en: str) -> None:
    assert format_number(D(value), "zh") == zh
    assert format_number(D(value), "en") == en


@pytest.mark.parametrize(
    ("value", "precision", "zh", "en"),
    [
        # Rounding happens before the scale is chosen; reaching a scale promotes to it.
        ("999999", 0, "100万", "999,999"),  # en has no scale below a million
        ("999999", 1, "100.0万", "999,999.0"),
        ("99995", 0, "10万", "99,995"),
        ("99995", 1, "10.0万", "99,995.0"),
        ("99995", 2, "10.00万", "99,995.00"),
        ("99999999", 0, "1亿", "100 million"),
        ("999999999999", 0, "1万亿", "1 trillion"),
        ("999999999", 0, "10亿", "1 billion"),
        ("999999999", 2, "10.00亿", "1.00 billion"),
        ("999500000", 0, "10亿", "1 billion"),
        ("999499999", 0, "10亿", "999 million"),  # 9.99亿 rounds at the 亿 scale
        ("600000000", 0, "6亿", "600 million"),
        ("60000000", 0, "6000万", "60 million"),
        ("9999.6", 0, "1万", "10,000"),
        ("999999.6", 0, "100万", "1 million"),
        ("99999999.5", 0, "1亿", "100 million"),
        ("2.5E9", 0, "25亿", "3 billion"),
        ("2.5E9", 1, "25.0亿", "2.5 billion"),
        ("130830000000", 0, "1308亿", "131 billion"),
        ("10341", 0, "1万", "10,341"),  # precision counts decimals of the shown scale
        ("0.125", 2, "0.13", "0.13"),
        ("23.6", 2, "23.60", "23.60"),  # precision keeps its trailing zeros
        ("-0.001", 2, "0.00", "0.00"),  # no negative zero
        ("-999999", 0, "-100万", "-999,999"),
        ("-999999999", 0, "-10亿", "-1 billion"),
    ],
)
def test_format_number_with_precision(value: str, precision: int, zh: str, en: str) -> None:
    assert format_number(D(value), "zh", precision=precision) == zh
    assert format_number(D(value), "en", precision=precision) == en


def test_babel_compact_rounding_pitfalls_are_avoided() -> None:
    en = format_number(D("999999999"), "en", precision=0)
    assert en == "1 billion" and "1000 million" not in en and "1,000 million" not in en
    zh = format_number(D("999999"), "zh", precision=0)
    assert zh == "100万" and "99.9999" not in zh
    assert format_number(D("99999999"), "zh", precision=0) != "10000万"


def test_unscaled() -> None:
    assert format_number(D("130830000000"), "zh", scaled=False) == "130830000000"
    assert format_number(D("130830000000"), "en", scaled=False) == "130,830,000,000"
    assert format_number(D("1500000"), Lang.EN, scaled=False, precision=1) == "1,500,000.0"


@pytest.mark.parametrize("bad", ["fr", "zh_CN", "", "EN"])
def test_unknown_language(bad: str) -> None:
    with pytest.raises(ValueError, match="unknown language"):
        format_number(D(1), bad)


def test_negative_precision_is_refused() -> None:
    with pytest.raises(ValueError, match="precision"):
        format_number(D(1), "en", precision=-1)


# --------------------------------------------------------------------------- format_statistic


STATISTICS = [
    # a fall is a direction, not a sign: the prose or the table says 下降 / down; a level
    # may still be negative, zero
    (dict(value="2.5", unit="percent", kind="growth", direction="down"), "2.5%", "2.5%"),
    (dict(value="3.4", unit="percentage_point", kind="points_change", direction="down"),
     "3.4个百分点", "3.4 percentage points"),
    (dict(value="-1", unit="percentage_point"), "-1个百分点", "-1 percentage point"),
    (dict(value="-12000000000", unit="yuan"), "-120亿元", "-12 billion yuan"),
    (dict(value="0", unit="percent", kind="growth"), "0%", "0%"),
    (dict(value="0", unit="yuan"), "0元", "0 yuan"),
    (dict(value="0", unit="count", measure_word="家", noun={"zh": "企业", "en": "companies"}),
     "0家企业", "zero companies"),
    # about / nearly / at least
    (dict(value="3000000000000", unit="yuan", qualifier="about"), "约3万亿元",
     "about 3 trillion yuan"),
    (dict(value="50", unit="percent", qualifier="nearly"), "近50%", "nearly 50%"),
    (dict(value="5", unit="count", measure_word="家", qualifier="at_least",
          noun={"zh": "企业", "en": "companies"}), "至少5家企业", "at least five companies"),
    (dict(value="2500000000", unit="yuan", qualifier="nearly"), "近25亿元",
     "nearly 2.5 billion yuan"),
    # more than: each Chinese marker
    (dict(value="7300000", unit="count", measure_word="户次", qualifier="more_than"),
     "730余万户次", "more than 7.3 million"),
    (dict(value="7300000", unit="count", measure_word="户次", qualifier="more_than",
          zh_marker="多"), "730多万户次", "more than 7.3 million"),
    (dict(value="48000", unit="count", measure_word="件", qualifier="more_than"),
     "4.8万余件", "more than 48,000"),
    (dict(value="48000", unit="count", measure_word="件", qualifier="more_than",
          zh_marker="多"), "4.8万多件", "more than 48,000"),
    (dict(value="1300", unit="count", measure_word="项", qualifier="more_than"),
     "1300余项", "more than 1,300"),
    (dict(value="81000000000", unit="yuan", qualifier="more_than"), "810余亿元",
     "more than 81 billion yuan"),
    (dict(value="130830000000", unit="yuan", qualifier="more_than"), "1308.3亿余元",
     "more than 130.83 billion yuan"),
    (dict(value="81000000000", unit="yuan", qualifier="more_than", zh_marker="超过"),
     "超过810亿元", "more than 81 billion yuan"),
    (dict(value="50", unit="count", measure_word="家", qualifier="more_than", zh_marker="突破"),
     "突破50家", "more than 50"),
    (dict(value="1000", unit="count", measure_word="人", qualifier="more_than", zh_marker="逾"),
     "逾1000人", "more than 1,000"),
    (dict(value="40", unit="fold", qualifier="more_than", zh_marker="多"), "40多倍",
     "more than 40-fold"),
    (dict(value="10", unit="percentage_point", qualifier="more_than"), "10余个百分点",
     "more than 10 percentage points"),
    (dict(value="40", unit="percent", qualifier="more_than", zh_marker="多"), "40%多",
     "more than 40%"),
    (dict(value="10", unit="year", qualifier="more_than"), "10余年", "more than 10 years"),
    (dict(value="5", unit="count", measure_word="家", qualifier="more_than"), "5余家",
     "more than five"),
    # units and English number agreement
    (dict(value="1", unit="percentage_point"), "1个百分点", "one percentage point"),
    (dict(value="2.1", unit="percentage_point"), "2.1个百分点", "2.1 percentage points"),
    (dict(value="1.04", unit="percentage_point", significant_digits=2), "1个百分点",
     "one percentage point"),
    (dict(value="1", unit="tonne"), "1吨", "one tonne"),
    (dict(value="1000000", unit="tonne"), "100万吨", "1 million tonnes"),
    (dict(value="1", unit="month"), "1个月", "one month"),
    (dict(value="5", unit="year"), "5年", "five years"),
    (dict(value="1", unit="kwh"), "1度", "1 kWh"),
    (dict(value="5", unit="percent"), "5%", "5%"),  # percentages never spell out
    (dict(value="9", unit="count", measure_word="批", noun={"en": "batches"}), "9批",
     "nine batches"),
    (dict(value="10", unit="count", measure_word="批", noun={"en": "batches"}), "10批",
     "10 batches"),
    (dict(value="15000", unit="count", measure_word="台套", noun={"en": "units"}), "1.5万台套",
     "15,000 units"),
    (dict(value="12000", unit="percent"), "12000%", "12,000%"),  # % takes no scale
    # rounding on a statistic: once, on the value, so both languages agree
    (dict(value="130830000000", unit="yuan", significant_digits=3), "1310亿元",
     "131 billion yuan"),
    (dict(value="2500000000", unit="yuan", significant_digits=1), "30亿元", "3 billion yuan"),
    (dict(value="999999", unit="count", measure_word="人", significant_digits=2), "100万人",
     "1 million"),
    (dict(value="23.64", unit="percent", significant_digits=3), "23.6%", "23.6%"),
    (dict(value="23.65", unit="percent", significant_digits=3), "23.7%", "23.7%"),
    # from_to
    (dict(value="96", unit="percent", kind="from_to", from_value="86"), "从86%提高至96%",
     "from 86% to 96%"),
    (dict(value="86", unit="percent", kind="from_to", from_value="96"), "从96%下降至86%",
     "from 96% to 86%"),
    (dict(value="86", unit="percent", kind="from_to", from_value="86"), "保持在86%",
     "unchanged at 86%"),
    (dict(value="3000000000000", unit="yuan", kind="from_to", from_value="2500000000000",
          qualifier="more_than", zh_marker="超过"), "从2.5万亿元提高至超过3万亿元",
     "from 2.5 trillion yuan to more than 3 trillion yuan"),
]


@pytest.mark.parametrize(("data", "zh", "en"), STATISTICS)
def test_format_statistic(data: dict[str, Any], zh: str, en: str) -> None:
    s = Statistic(**data)
    assert format_statistic(s, "zh") == zh
    assert format_statistic(s, "en") == en


def test_statistic_accepts_the_lang_enum() -> None:
    s = stat("23.6", "percent")
    assert format_statistic(s, Lang.ZH) == format_statistic(s, "zh") == "23.6%"


# --------------------------------------------------------------------------- format_list


LISTS = [
    (["2", "2.1", "2", "1.5"], "percentage_point", "2个、2.1个、2个和1.5个百分点",
     "2, 2.1, 2 and 1.5 percentage points"),
    (["1", "1"], "percentage_point", "1个和1个百分点", "one and one percentage points"),
    (["23.6", "21.6"], "percent", "23.6%和21.6%", "23.6% and 21.6%"),
    (["20.5", "62.1", "8.8"], "percent", "20.5%、62.1%和8.8%", "20.5%, 62.1% and 8.8%"),
    (["130830000000", "2500000000", "3000000000000"], "yuan", "1308.3亿、25亿和3万亿元",
     "130.83 billion, 2.5 billion and 3 trillion yuan"),
    (["3000", "200"], "kwh", "3000度和200度", "3,000 kWh and 200 kWh"),
    # a currency sign stays on each English figure
    (["320000000", "45000000"], "usd", "3.2亿和4500万美元", "US$320 million and US$45 million"),
    (["48000000", "5000000", "900000"], "eur", "4800万、500万和90万欧元",
     "€48 million, €5 million and €900,000"),
]


@pytest.mark.parametrize(("values", "unit", "zh", "en"), LISTS)
def test_format_list(values: list[str], unit: str, zh: str, en: str) -> None:
    stats = [stat(v, unit) for v in values]
    assert format_list(stats, "zh") == zh
    assert format_list(stats, "en") == en


def test_list_keeps_measure_words_and_qualifiers() -> None:
    stats = [
        stat("337", "count", measure_word="个"),
        stat("53", "count", measure_word="家"),
        stat("48000", "count", measure_word="件", qualifier="more_than"),
    ]
    assert format_list(stats, "zh") == "337个、53家和4.8万余件"
    assert format_list(stats, "en") == "337, 53 and more than 48,000"
    shared = [stat("7300000", "yuan", qualifier="more_than"), stat("48000", "yuan",
              qualifier="more_than")]
    assert format_list(shared, "zh") == "730余万和4.8万余元"
    assert format_list(shared, "en") == "more than 7.3 million and more than 48,000 yuan"


def test_list_edge_cases() -> None:
    assert format_list([], "zh") == ""
    assert format_list([stat("1", "percentage_point")], "en") == "one percentage point"
    with pytest.raises(ValueError, match="one unit"):
        format_list([stat("1", "percent"), stat("1", "yuan")], "en")


# --------------------------------------------------------------------------- periods


PERIODS = [
    ({"year": 2023}, "2023年", "2023"),
    ({"year": 2024, "quarter": 1}, "2024年第一季度", "Q1 2024"),
    ({"year": 2024, "quarter": 2}, "2024年第二季度", "Q2 2024"),
    ({"year": 2024, "quarter": 4}, "2024年第四季度", "Q4 2024"),
    ({"year": 2024, "month": 3}, "2024年3月", "March 2024"),
    ({"year": 2024, "month": 12}, "2024年12月", "December 2024"),
    ({"plan": 14}, "“十四五”时期", "the 14th Five-Year Plan period (2021–2025)"),
    ({"plan": 15}, "“十五五”时期", "the 15th Five-Year Plan period (2026–2030)"),
    ({"plan": 13}, "“十三五”时期", "the 13th Five-Year Plan period (2016–2020)"),
    ({"plan": 10}, "“十五”时期", "the 10th Five-Year Plan period (2001–2005)"),
    ({"plan": 11}, "“十一五”时期", "the 11th Five-Year Plan period (2006–2010)"),
    ({"plan": 3}, "“三五”时期", "the 3rd Five-Year Plan period (1966–1970)"),
    ({"plan": 2}, "“二五”时期", "the 2nd Five-Year Plan period (1958–1962)"),
    ({"plan": 1}, "“一五”时期", "the 1st Five-Year Plan period (1953–1957)"),
    ({"start_year": 2021, "end_year": 2025}, "2021—2025年", "2021–2025"),
    ({"start_year": 2023, "end_year": 2023}, "2023年", "2023"),
]


@pytest.mark.parametrize(("period", "zh", "en"), PERIODS)
def test_format_period(period: dict[str, int], zh: str, en: str) -> None:
    p = Period(**period)
    assert format_period(p, "zh") == zh
    assert format_period(p, "en") == en


@pytest.mark.parametrize(
    ("plan", "years"), [(1, (1953, 1957)), (2, (1958, 1962)), (3, (1966, 1970)), (14, (2021, 2025))]
)
def test_plan_years(plan: int, years: tuple[int, int]) -> None:
    assert plan_years(plan) == years


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (23, "23rd"), (101, "101st"), (111, "111th")],
)
def test_english_ordinal(n: int, text: str) -> None:
    assert english_ordinal(n) == text


# --------------------------------------------------------------------------- Chinese numerals


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (2, "二"), (9, "九"), (10, "十"), (11, "十一"), (14, "十四"), (20, "二十"),
     (21, "二十一"), (30, "三十"), (99, "九十九"),
     # 亿 sections: a figure in words as prose writes it (一百二十亿元)
     (10**8, "一亿"), (10**9, "十亿"), (100000001, "一亿零一"), (110000000, "一亿一千万"),
     (12 * 10**9, "一百二十亿"), (320 * 10**9, "三千二百亿"), (1050000000, "十亿五千万"),
     (2 * 10**12, "二万亿"), (12345 * 10**8, "一万二千三百四十五亿")],
)
def test_chinese_numeral(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


@pytest.mark.parametrize("bad", [0, 10**16, -3, True])
def test_chinese_numeral_range(bad: int) -> None:
    with pytest.raises(ValueError, match=r"1 to 10\^16 - 1"):
        chinese_numeral(bad)


def test_chinese_numeral_round_trip() -> None:
    for n in [*range(1, 100), *range(10**8 - 50, 10**8 + 50), 10**12 - 1, 10**11 + 10**4,
              10**16 - 1, 2 * 10**12]:
        assert parse_chinese_numeral(chinese_numeral(n)) == n


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("一", 1), ("十", 10), ("十四", 14), ("两", 2), ("二十", 20), ("九十九", 99),
        ("一百", 100), ("一百零五", 105), ("一百一十", 110), ("两百", 200), ("二百三十四", 234),
        ("一千", 1000), ("两千", 2000), ("一千零十", 1010), ("一千零一十", 1010),
        ("一千零五", 1005), ("三千零五十", 3050), ("九千九百九十九", 9999),
        ("一百五", 150), ("两千五", 2500),  # the spoken abbreviation
        ("一万", 10000), ("一万二千", 12000), ("一万二", 12000), ("一万零五", 10005),
        ("十万", 100000), ("一亿", 10**8), ("三万亿", 3 * 10**12), ("一亿零五百万", 105000000),
        ("零", 0), ("〇", 0), ("二〇二四", 2024), ("二零二三", 2023),
        (" 十四 ", 14),
    ],
)
def test_parse_chinese_numeral(text: str, n: int) -> None:
    assert parse_chinese_numeral(text) == n


@pytest.mark.parametrize(
    "bad",
    ["", "  ", "abc", "14", "十十", "百", "一二十", "零五", "〇五", "万", "一百十", "千百",
     "十四五年"],
)
def test_parse_chinese_numeral_rejects(bad: str) -> None:
    with pytest.raises(ValueError, match="Chinese numeral"):
        parse_chinese_numeral(bad)


def test_huge_and_tiny_values_do_not_lose_digits() -> None:
    assert format_number(D("1E+60"), "zh") == "1" + "0" * 48 + "万亿"
    assert format_number(D("1E+60"), "en", precision=0) == "1" + ",000" * 16 + " trillion"
    assert format_number(D("1.23456E-30"), "en") == "0." + "0" * 29 + "123456"
    big = D("123456789012345678901234567890.5")  # beyond the default 28-digit context
    assert format_number(big, "zh", precision=0, scaled=False) == "123456789012345678901234567891"
    assert format_number(big, "zh", precision=0) == "123456789012345679万亿"


@pytest.mark.parametrize(
    ("entity", "short", "zh", "en"),
    [
        (Person(zh="郝鹏", en="Hao Peng"), False, "郝鹏", "Hao Peng"),
        (Organisation(zh="鞍钢集团", en="Ansteel Group", short_zh="鞍钢", short_en="Ansteel"),
         False, "鞍钢集团", "Ansteel Group"),
        (Organisation(zh="鞍钢集团", en="Ansteel Group", short_zh="鞍钢", short_en="Ansteel"),
         True, "鞍钢", "Ansteel"),
        (Organisation(zh="人民日报", en="People's Daily"), True, "人民日报", "People's Daily"),
        (Term(zh="省长", en="Governor"), True, "省长", "Governor"),
    ],
)
def test_format_name(entity, short, zh, en) -> None:
    assert format_name(entity, "zh", short=short) == zh
    assert format_name(entity, "en", short=short) == en


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [("2024", "2024年", "2024"), ("2024-05", "2024年5月", "May 2024"),
     ("2024-05-01", "2024年5月1日", "1 May 2024")],
)
def test_format_partial_date(value, zh, en) -> None:
    d = PartialDate.model_validate(value)
    assert format_partial_date(d, "zh") == zh
    assert format_partial_date(d, "en") == en


@pytest.mark.parametrize("kind", ["growth", "yoy_growth", "points_change", "change"])
def test_a_fall_is_a_direction_not_a_negative_value(kind: str) -> None:
    with pytest.raises(ValueError, match="direction: down"):
        Statistic(value="-2.5", unit="percent", kind=kind)
