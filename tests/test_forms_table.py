"""Every row of ../shared/reference/forms.md, rendered in both languages from one value.

Each row gives a statistic (or a period) as data and the expected Chinese and
English. ``words`` rows render :func:`change_words` (the figure with the verb
of its kind, as a table shows it); ``prose`` rows :func:`format_statistic`
(what ``{id}`` prints in running text). No expected digit is typed twice: the
strings here are the specification, the data is entered once.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import shared_dir

from briefing.localize import Options, change_words, format_period, format_statistic
from briefing.model import Period, Statistic

FORMS_MD = shared_dir() / "reference" / "forms.md"


def s(value: str, unit: str, **kw: Any) -> dict[str, Any]:
    return {"value": value, "unit": unit, **kw}


def n(value: str, mw: str, en: str = "", zh: str = "", **kw: Any) -> dict[str, Any]:
    noun = {"noun": {"zh": zh, "en": en}} if zh or en else {}
    return {"value": value, "unit": "count", "measure_word": mw, **noun, **kw}


PROSE, WORDS, GLOSS = "prose", "words", "gloss"

#: (how, statistic, zh, en)
ROWS: list[tuple[str, dict[str, Any], str, str]] = [
    # scales and currencies
    (PROSE, s("1260.5亿", "yuan"), "1260.5亿元", "126.05 billion yuan"),
    (PROSE, s("57.3万", "tonne"), "57.3万吨", "573,000 tonnes"),
    (PROSE, s("3618.4万", "tonne"), "3618.4万吨", "36.184 million tonnes"),
    (PROSE, s("2.06亿", "usd"), "2.06亿美元", "US$206 million"),
    (PROSE, s("15.8亿", "hkd"), "15.8亿港元", "HK$1.58 billion"),
    (PROSE, s("4800万", "eur"), "4800万欧元", "€48 million"),
    (PROSE, s("12亿", "jpy"), "12亿日元", "1.2 billion yen"),
    # the source's scale word is its notation, whatever the decimals; English then takes
    # the decimals it needs; a figure written without a scale keeps its digits
    (PROSE, s("1.235亿", "yuan"), "1.235亿元", "123.5 million yuan"),
    (PROSE, s("486.72万", "teu"), "486.72万标准箱", "4.8672 million TEU"),
    (PROSE, s("1234.56万", "tonne"), "1234.56万吨", "12.3456 million tonnes"),
    (PROSE, s("3.125万亿", "yuan"), "3.125万亿元", "3.125 trillion yuan"),
    (PROSE, s("10000亿", "yuan"), "10000亿元", "1 trillion yuan"),
    (PROSE, s("123456789", "yuan"), "123456789元", "123,456,789 yuan"),
    (PROSE, n("200万辆左右", "辆"), "200万辆左右", "about 2 million"),
    (WORDS, s("6.2", "percent", kind="growth", in_terms_of="usd"), "增长6.2%", "up 6.2%"),
    # units
    (PROSE, s("486.7万", "teu"), "486.7万标准箱", "4.867 million TEU"),
    (PROSE, s("1350", "km"), "1350公里", "1,350 km"),
    (PROSE, s("23.5", "square_km"), "23.5平方公里", "23.5 square kilometres"),
    (GLOSS, s("3200", "mu"), "3200亩", "3,200 mu (about 213 hectares)"),
    (PROSE, s("3200", "mu"), "3200亩", "3,200 mu"),
    (PROSE, s("240万", "kw"), "240万千瓦", "2.4 million kW"),
    (PROSE, s("12.5亿", "kwh", zh_unit="千瓦时"), "12.5亿千瓦时", "1.25 billion kWh"),
    (PROSE, s("36.4", "hour"), "36.4小时", "36.4 hours"),
    (PROSE, s("10万", "tonne_class", noun={"zh": "泊位", "en": "berth"}), "10万吨级泊位",
     "100,000-tonne-class berth"),
    (PROSE, n("1.2万", "辆", "vehicles"), "1.2万辆", "12,000 vehicles"),
    (PROSE, n("56", "列", "trains"), "56列", "56 trains"),
    (PROSE, n("320", "艘次", "ship calls"), "320艘次", "320 ship calls"),
    # direction and change
    (WORDS, s("6.2", "percent", kind="growth"), "增长6.2%", "up 6.2%"),
    (WORDS, s("6.2", "percent", kind="growth", basis="year_on_year"), "同比增长6.2%",
     "up 6.2% year on year"),
    (WORDS, s("4.1", "percent", kind="growth", direction="down"), "下降4.1%", "down 4.1%"),
    (WORDS, s("23万", "tonne", kind="change", direction="down", qualifier="about"),
     "减少约23万吨", "down by about 230,000 tonnes"),
    (WORDS, s("1.5", "hour", kind="change", direction="down"), "缩短1.5小时",
     "1.5 hours shorter"),
    (WORDS, s("2.8", "percent", kind="growth", basis="period_on_period",
              period={"year": 2024, "month": 9}), "环比增长2.8%", "up 2.8% month on month"),
    (WORDS, s("2.8", "percent", kind="growth", basis="period_on_period",
              period={"year": 2024, "quarter": 2}), "环比增长2.8%",
     "up 2.8% quarter on quarter"),
    (WORDS, s("2.3", "percentage_point", kind="points_change"), "提高2.3个百分点",
     "up 2.3 percentage points"),
    (WORDS, s("0.8", "percentage_point", kind="points_change", direction="down",
              zh_verb="回落"), "回落0.8个百分点", "down 0.8 percentage points"),
    (PROSE, s("约三分之二", "fraction"), "约三分之二", "about two thirds"),
    (PROSE, s("三分之一左右", "fraction"), "三分之一左右", "about a third"),
    (PROSE, s("三分之一以上", "fraction"), "三分之一以上", "more than a third"),
    # the unit written with its counter, as the source prints it
    (WORDS, {"value": "2.3个百分点", "kind": "points_change"}, "提高2.3个百分点",
     "up 2.3 percentage points"),
    (WORDS, s("1.5", "times", kind="increase_times"), "增长1.5倍", "up 150%"),
    (WORDS, s("2.4", "times", kind="ratio", basis="year_on_year"), "是上年同期的2.4倍",
     "2.4 times the level a year earlier"),
    (WORDS, s("40", "fold", kind="multiple", qualifier="more_than", zh_marker="多"),
     "40多倍", "more than 40-fold"),
    (WORDS, s("1", "times", kind="doubling"), "翻一番", "doubled"),
    (WORDS, s("2", "times", kind="doubling"), "翻两番", "quadrupled"),
    # ranges, fractions and words
    (PROSE, s("3至5年", "year"), "3至5年", "three to five years"),
    (PROSE, s("15", "percent", upper="20"), "15%—20%", "15–20%"),
    (PROSE, s("2000万", "yuan", upper="3000万"), "2000万—3000万元",
     "20 million–30 million yuan"),
    (PROSE, s("四分之一", "fraction"), "四分之一", "a quarter"),
    (PROSE, s("三分之二", "fraction"), "三分之二", "two thirds"),
    (PROSE, s("八成", "percent"), "八成", "80%"),
    (PROSE, s("七成以上", "percent"), "七成以上", "more than 70%"),
    (PROSE, s("近九成", "percent"), "近九成", "nearly 90%"),
    (PROSE, s("过半", "fraction"), "过半", "more than half"),
    (PROSE, {"value": "近百", "unit": "count", "measure_word": "家"}, "近百家", "nearly 100"),
    (PROSE, {"value": "上千", "unit": "count", "measure_word": "个"}, "上千个",
     "more than 1,000"),
    (PROSE, {"value": "数十", "unit": "count", "measure_word": "家"}, "数十家", "dozens"),
    (PROSE, {"value": "两座", "unit": "count"}, "两座", "two"),
    # a count of one takes the noun's singular where the content gives it
    (PROSE, {"value": "1", "unit": "count", "measure_word": "家",
             "noun": {"zh": "企业", "en": "firms", "en_one": "firm"}}, "1家企业", "one firm"),
    (PROSE, {"value": "3", "unit": "count", "measure_word": "家",
             "noun": {"zh": "企业", "en": "firms", "en_one": "firm"}}, "3家企业", "three firms"),
    (PROSE, {"value": "三大", "unit": "count", "noun": {"zh": "", "en": "major"}}, "三大",
     "three major"),
    (PROSE, {"value": "3", "unit": "count", "kind": "rank",
             "scope": {"zh": "全国", "en": "nationwide"}}, "全国第三", "third nationwide"),
    (PROSE, {"value": "4", "unit": "count", "kind": "rank", "measure_word": "条"}, "第四条",
     "the fourth"),
    # a draft's scope before its translation: nothing after the ordinal
    (PROSE, {"value": "1", "unit": "count", "kind": "rank", "scope": {"zh": "全省", "en": ""}},
     "全省第一", "first"),
    (PROSE, s("6", "year", consecutive=True), "连续6年", "for six consecutive years"),
    # qualifiers
    (PROSE, s("约23万", "tonne"), "约23万吨", "about 230,000 tonnes"),
    (PROSE, s("23万吨左右", "tonne"), "23万吨左右", "about 230,000 tonnes"),
    (PROSE, s("近50", "percent"), "近50%", "nearly 50%"),
    (PROSE, s("超3万亿元", "yuan"), "超3万亿元", "more than 3 trillion yuan"),
    (PROSE, s("超过3万亿元", "yuan"), "超过3万亿元", "more than 3 trillion yuan"),
    (PROSE, s("逾500家", "count"), "逾500家", "more than 500"),
    (PROSE, s("100亿元以上", "yuan"), "100亿元以上", "more than 10 billion yuan"),
    (PROSE, s("40余家", "count"), "40余家", "more than 40"),
    (PROSE, s("40多家", "count"), "40多家", "more than 40"),
    (PROSE, s("突破3万亿元", "yuan"), "突破3万亿元", "more than 3 trillion yuan"),
    (PROSE, s("不到5", "percent"), "不到5%", "less than 5%"),
    (PROSE, s("不足5", "percent"), "不足5%", "less than 5%"),
]

#: (period, zh, en)
PERIODS: list[tuple[dict[str, Any], str, str]] = [
    ({"through_quarter": 3}, "前三季度", "the first three quarters"),
    ({"start_month": 1, "month": 9}, "1—9月", "January–September"),
    ({"half": 1}, "上半年", "the first half"),
    ({"half": 2}, "下半年", "the second half"),
    ({"quarter": 2}, "第二季度", "Q2"),
    ({"month": 6, "as_of_end": True}, "截至6月底", "as of the end of June"),
    ({"month": 8, "day": 12}, "8月12日", "12 August"),
    ({"plan": 15}, "“十五五”时期", "the 15th Five-Year Plan period (2026–2030)"),
]


@pytest.mark.parametrize(("how", "data", "zh", "en"), ROWS,
                         ids=[f"{i}-{r[2]}" for i, r in enumerate(ROWS)])
def test_row_renders_in_both_languages(how: str, data: dict[str, Any], zh: str, en: str):
    stat = Statistic.model_validate(data)
    opts = Options(gloss=how == GLOSS)
    render = change_words if how == WORDS else format_statistic
    assert render(stat, "zh", opts) == zh
    assert render(stat, "en", opts) == en


@pytest.mark.parametrize(("data", "zh", "en"), PERIODS)
def test_period_renders_in_both_languages(data: dict[str, Any], zh: str, en: str):
    period = Period.model_validate(data)
    assert format_period(period, "zh") == zh
    assert format_period(period, "en") == en


def test_every_chinese_form_of_forms_md_is_covered():
    """Each Chinese example in forms.md (outside the credits table) is a row here."""
    covered = " ".join(zh for _, _, zh, _ in ROWS) + " ".join(zh for _, zh, _ in PERIODS)
    # rows whose words around the figure are the prose's: the figure itself is a row
    covered += " 以美元计价，出口增长6.2% 提高40多倍 较上年末 本报杭州8月12日电 居全国第三"
    missing = []
    section = ""
    for line in FORMS_MD.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line
        if not line.startswith("| ") or line.startswith("| Chinese") or "---" in line:
            continue
        if "Credits" in section or "Qualifiers" in section:
            continue
        source = line.split("|")[1].strip()
        for form in source.split(" / "):
            form = form.replace("…", "").strip()
            if form and form not in covered and not any(form in r[2] for r in ROWS):
                missing.append(form)
    assert not missing, missing


def test_a_template_turns_the_hectare_gloss_on(tmp_path):
    from briefing.api import plan
    from briefing.loader import load_data
    from briefing.templates import load_template

    b = load_data({"title": {"zh": "简报"}, "statistics": {"farm": {"value": 3200, "unit": "mu"}},
                   "summary": [{"zh": "耕地{farm}。", "en": "Farmland of {farm}."}]})
    (tmp_path / "template.toml").write_text("unit_gloss = true\n", encoding="utf-8")
    assert "Farmland of 3,200 mu (about 213 hectares)." in plan(
        b, template=load_template(tmp_path)).texts("en")
    assert "Farmland of 3,200 mu." in plan(b).texts("en")


@pytest.mark.parametrize(("data", "zh", "en"), [
    ({"value": "不到两小时", "unit": "hour"}, "不到两小时", "less than two hours"),
    ({"value": "6", "unit": "yuan", "qualifier": "more_than", "zh_marker": "多"}, "6元多",
     "more than 6 yuan"),
    ({"value": "15%—20%"}, "15%—20%", "15–20%"),
    ({"value": 2, "unit": "times", "kind": "doubling", "zh_verb": "翻了"}, "翻了两番",
     "quadrupled"),
])
def test_forms_found_in_the_examples(data, zh, en):
    stat = Statistic.model_validate(data)
    assert format_statistic(stat, "zh") == zh
    assert format_statistic(stat, "en") == en


@pytest.mark.parametrize(("data", "en"), [
    ({"year": 2025, "through_quarter": 3}, "Q1–Q3 2025"),
    ({"year": 2025, "half": 1}, "H1 2025"),
    ({"year": 2025, "start_month": 1, "month": 9}, "Jan–Sep 2025"),
    ({"year": 2024, "quarter": 2}, "Q2 2024"),
    ({"year": 2025, "month": 9, "as_of_end": True}, "end-Sep 2025"),  # not "Septem / ber"
    ({"month": 6, "as_of_end": True}, "end-Jun"),
    ({"year": 2025, "month": 9, "day": 30}, "30 Sep 2025"),
    ({"year": 2025, "month": 9}, "Sep 2025"),
    ({"plan": 15}, "15th FYP (2026–2030)"),  # not "the 15th / Five- / Year / Plan / period"
])
def test_tables_take_the_short_english_of_a_period(data, en):
    assert format_period(Period.model_validate(data), "en", table=True) == en
