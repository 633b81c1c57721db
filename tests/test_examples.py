"""The trade-port and rural-energy examples: they check clean, render in every
layout, use every row of forms.md between them, and the check catches a wrong
figure put into their English."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import shared_dir

import briefing
from briefing.model.walk import texts

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NAMES = ("trade-port", "rural-energy")
FORMS_MD = shared_dir() / "reference" / "forms.md"


def content(name: str) -> Path:
    return EXAMPLES / name / f"{name}.yaml"


@pytest.fixture(scope="module")
def loaded() -> dict[str, briefing.Briefing]:
    return {name: briefing.load(content(name)) for name in NAMES}


@pytest.fixture(scope="module")
def rendered(loaded) -> dict[str, dict[str, str]]:
    """Every final string of each example's plan, per language."""
    out = {}
    for name, b in loaded.items():
        p = briefing.plan(b)
        out[name] = {"zh": "".join(p.texts("zh")), "en": " ".join(p.texts("en"))}
    return out


# --------------------------------------------------------------------------- clean and rendered


@pytest.mark.parametrize("name", NAMES)
def test_example_checks_with_no_error_and_no_warning(loaded, name):
    report = briefing.check(loaded[name])
    assert report.findings == (), [str(f) for f in report.findings]
    assert report.accepted == ()


@pytest.mark.parametrize("name", NAMES)
def test_structure(loaded, name):
    b = loaded[name]
    assert 3 <= len(b.summary) <= 4
    assert 6 <= len(b.key_figures) <= 10
    key = [b.statistics[k] for k in b.key_figures]
    assert any(s.falling for s in key), "a falling figure"
    assert any(s.basis and s.basis.value == "year_on_year" or s.kind.value == "yoy_growth"
               for s in key), "a year-on-year figure"
    assert any(s.upper is not None or s.denominator is not None for s in key), \
        "a range or a fraction"
    (article,) = b.articles
    assert article.dateline and article.date and article.publication == "peoples_daily"
    figures = [blk for sec in article.sections for blk in sec.blocks if blk.type == "figure"]
    assert len(figures) == 2 and all(f.credit and f.alt for f in figures)
    assert all((content(name).parent / f.image).is_file() for f in figures)


#: Digits prose may type: years, dates and periods, and the 15th Five-Year Plan's name.
_TYPED = re.compile(r"\d{4}|\d{1,2}—\d{1,2}月|\d{1,2}月(?:\d{1,2}日|底)?|"
                    r"\d{1,2} (?:August|October)|15th")


@pytest.mark.parametrize("name", NAMES)
def test_prose_has_no_typed_figures(loaded, name):
    """Every figure in prose is a reference: digits only in years, dates and names."""
    for path, value in texts(loaded[name]):
        stripped = _TYPED.sub("", re.sub(r"\{[^{}]*\}", "", value))
        assert not re.search(r"\d", stripped), (path, value)


@pytest.mark.parametrize("name", NAMES)
def test_example_renders_in_every_layout(loaded, name):
    b = loaded[name]
    for layout in ("parallel", "zh"):
        assert briefing.render(b, format="pdf", layout=layout)[:5] == b"%PDF-"
    assert briefing.render(b, format="docx", layout="interleaved")[:2] == b"PK"
    assert briefing.render(b, format="pdf", template="brief")[:5] == b"%PDF-"  # one page


def _make_images(name: str) -> ModuleType:
    path = EXAMPLES / name / "make_images.py"
    spec = importlib.util.spec_from_file_location(f"make_images_{name.replace('-', '_')}",
                                                  path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ("liaoning", *NAMES))
def test_shipped_stand_ins_are_what_the_script_draws(name):
    script = _make_images(name)
    sys.path.insert(0, str(EXAMPLES))
    try:
        import standins
    finally:
        sys.path.remove(str(EXAMPLES))
    for stand_in in script.STAND_INS:
        shipped = (EXAMPLES / name / "images" / stand_in.filename).read_bytes()
        assert standins.png(stand_in) == shipped, stand_in.filename


# --------------------------------------------------------------------------- forms.md coverage

TP, RE = "trade-port", "rural-energy"

#: Each row of forms.md (its Chinese source column) → where the examples use it:
#: (example, the rendered Chinese, the rendered English).
FORMS: dict[str, list[tuple[str, str, str]]] = {
    # scales and currencies
    "1260.5亿元": [(TP, "9867.4亿元", "986.74 billion yuan")],
    "57.3万吨": [(RE, "48.9万吨", "489,000 tonnes"), (TP, "4.6万吨", "46,000 tonnes")],
    "3618.4万吨": [(TP, "4215.7万吨", "42.157 million tonnes")],
    "2.06亿美元": [(TP, "3.18亿美元", "US$318 million")],
    "15.8亿港元": [(TP, "12.6亿港元", "HK$1.26 billion")],
    "4800万欧元": [(TP, "3600万欧元", "€36 million")],
    "12亿日元": [(TP, "15亿日元", "1.5 billion yen")],
    "以美元计价，出口增长6.2%": [(TP, "以美元计价，出口增长6.4%",
                                 "In US dollar terms, exports grew 6.4%")],
    # units
    "486.7万标准箱": [(TP, "372.6万标准箱", "3.726 million TEU")],
    "1350公里": [(TP, "1280公里", "1,280 km"), (RE, "186公里", "186 km")],
    "23.5平方公里": [(TP, "6.8平方公里", "6.8 square kilometres")],
    "3200亩": [(RE, "138.6万亩", "1.386 million mu (about 92,400 hectares)"),
              (RE, "4650亩", "4,650 mu (about 310 hectares)"), (RE, "1800亩", "1,800 mu")],
    "240万千瓦": [(RE, "520万千瓦", "5.2 million kW"), (TP, "3.2万千瓦", "32,000 kW")],
    "12.5亿千瓦时": [(RE, "31.4亿千瓦时", "3.14 billion kWh"),
                  (TP, "2360万千瓦时", "23.6 million kWh")],
    "36.4小时": [(TP, "21.6小时", "21.6 hours")],
    "10万吨级泊位": [(TP, "两座10万吨级集装箱泊位", "two 100,000-tonne-class container berths"),
                 (TP, "四座5万吨级泊位", "four 50,000-tonne-class berths")],
    "1.2万辆 / 56列 / 320艘次": [(TP, "11.3万辆", "113,000 new energy vehicles"),
                             (TP, "73列", "73 trains"), (TP, "1420艘次", "1,420 ship calls")],
    # direction and change
    "增长6.2% / 同比增长6.2%": [(TP, "增长7.2%", "up 7.2%"),
                             (TP, "同比增长5.8%", "up 5.8% year on year")],
    "下降4.1%": [(TP, "下降9.3%", "down 9.3%"), (RE, "下降31.5%", "down 31.5%")],
    "减少约23万吨": [(TP, "减少约4.6万吨", "down by about 46,000 tonnes")],
    "缩短1.5小时": [(TP, "缩短3.5小时", "3.5 hours shorter")],
    "环比增长2.8%": [(TP, "环比增长2.8%", "up 2.8% month on month"),
                 (RE, "环比增长29.6%", "up 29.6% quarter on quarter")],
    "提高2.3个百分点 / 回落0.8个百分点": [(TP, "提高2.3个百分点", "up 2.3 percentage points"),
                                  (TP, "回落0.8个百分点", "down 0.8 percentage points")],
    "增长1.5倍": [(TP, "增长1.5倍", "up 150%")],
    "是上年同期的2.4倍": [(TP, "是上年同期的2.4倍", "2.4 times the level a year earlier")],
    "提高40多倍": [(TP, "提高40多倍", "more than 40-fold")],
    "翻一番 / 翻两番": [(RE, "翻一番", "doubled"), (TP, "翻两番", "quadrupled")],
    # periods and dates
    "前三季度": [(TP, "前三季度", "the first three quarters")],
    "1—9月": [(TP, "1—9月", "January–September")],
    "上半年 / 下半年": [(RE, "上半年", "the first half"), (RE, "下半年", "the second half")],
    "二季度": [(RE, "二季度", "the second quarter"), (TP, "二季度", "the second quarter")],
    "截至6月底": [(RE, "截至6月底", "As of the end of June")],
    "8月12日": [(RE, "8月12日", "12 August")],
    "本报杭州8月12日电": [(TP, "本报宁波10月20日电", "NINGBO, 20 October"),
                    (RE, "本报阜阳8月14日电", "FUYANG, 14 August")],
    "较上年末": [(RE, "较上年末增长23.8%", "up 23.8% compared with the end of last year")],
    "“十五五”时期": [(TP, "“十五五”时期", "the 15th Five-Year Plan period (2026–2030)")],
    # ranges, fractions and words
    "3至5年": [(RE, "3至5年", "three to five years")],
    "15%—20%": [(RE, "15%—20%", "15–20%")],
    "2000万—3000万元": [(RE, "1500万—2000万元", "15 million–20 million yuan")],
    "四分之一 / 三分之二": [(TP, "四分之一", "a quarter"), (RE, "三分之二", "two thirds")],
    "八成 / 七成以上 / 近九成": [(TP, "八成", "80%"), (TP, "七成以上", "more than 70%"),
                          (TP, "近九成", "nearly 90%")],
    "过半": [(TP, "过半", "more than half")],
    "近百 / 上千 / 数十": [(RE, "近百个", "nearly 100"), (TP, "上千家", "more than 1,000"),
                      (TP, "数十台", "dozens of")],
    "两座 / 三大": [(TP, "两座", "two 100,000"), (TP, "三大", "three major")],
    "居全国第三 / 第四条": [(TP, "居全国第三", "ranks third nationwide"),
                       (TP, "第四条", "the fourth")],
    "连续6年": [(RE, "连续6年", "for six consecutive years")],
    # qualifiers
    "约 … / … 左右": [(TP, "约4.6万吨", "about 46,000 tonnes"),
                   (TP, "1.2小时左右", "about 1.2 hours"), (RE, "约8米", "about 8 m")],
    "近": [(RE, "近300户", "nearly 300")],
    "超 / 超过 / 逾 / … 以上 / … 余 / … 多": [
        (TP, "超600万标准箱", "more than 6 million TEU"),
        (RE, "超过1.2万元", "more than 12,000 yuan"), (TP, "逾80个", "more than 80"),
        (TP, "10万千瓦以上", "more than 100,000 kW"), (TP, "20余座", "more than 20"),
        (TP, "30多亿元", "more than 3 billion yuan")],
    "突破": [(TP, "突破6万标准箱", "more than 60,000 TEU"),
           (RE, "突破520万千瓦", "more than 5.2 million kW")],
    "不到 / 不足": [(TP, "不到两小时", "less than two hours"),
                (TP, "不足3分钟", "less than three minutes")],
    # credits and article furniture
    "新华社记者 王某摄": [(TP, "新华社记者 陶若帆摄", "Photo: Tao Ruofan/Xinhua")],
    "本报记者 李某摄": [(RE, "本报记者 韩雪松摄", "Photo: Han Xuesong/People’s Daily")],
    "受访者供图": [(RE, "受访者供图", "Photo courtesy of the interviewee")],
    "资料图片": [(TP, "资料图片", "File photo")],
    # the planner joins Chinese bylines with a space (本报记者 郝迎灿 齐婧)
    "本报记者 甲、乙": [(TP, "本报记者 沈立航、周雨桐",
                    "By Shen Lihang and Zhou Yutong, staff reporters"),
                   (RE, "本报记者 韩雪松", "By Han Xuesong, staff reporter")],
    "引题 / 主题 / 副题": [
        (TP, "前三季度，宁波“新三样”产品出口同比增长18.7%",
         "In the first three quarters, Ningbo’s exports of the ‘new three’ were up 18.7% "
         "year on year"),
        (TP, "新能源码头跑出外贸“加速度”",
         "A new-energy terminal puts foreign trade in the fast lane"),
        (RE, "安徽颍南县推进农光互补，上半年农村居民人均可支配收入同比增长7.1%",
         "Yingnan County in Anhui pushes ahead with agrivoltaics; per capita disposable income "
         "of rural residents was up 7.1% year on year in the first half")],
}


def forms_md_rows() -> list[str]:
    """The Chinese source column of every row of forms.md, in order."""
    rows = []
    for line in FORMS_MD.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith("| Chinese") or "---" in line:
            continue
        rows.append(line.split("|")[1].strip())
    return rows


@pytest.mark.skipif(not FORMS_MD.exists(), reason="shared/reference/forms.md not present")
def test_the_table_has_every_row_of_forms_md():
    rows = forms_md_rows()
    assert len(rows) == 57
    assert list(FORMS) == rows


@pytest.mark.parametrize("row", list(FORMS))
def test_the_examples_use_each_form(rendered, row):
    for name, zh, en in FORMS[row]:
        assert zh in rendered[name]["zh"], (row, name, zh)
        assert en in rendered[name]["en"], (row, name, en)


def test_deck_above_and_subheading_below_the_headline(loaded):
    def kinds(name: str) -> list[str]:
        return [i.kind for i in briefing.plan(loaded[name]).items
                if i.kind in ("deck", "headline")]

    assert kinds(TP) == ["deck", "headline"]  # 引题, above
    assert kinds(RE) == ["headline", "deck"]  # 副题, below


# --------------------------------------------------------------------------- mutations


def _mutated(tmp_path: Path, name: str, old: str, new: str) -> Path:
    """A copy of the example (with its images) with ``old`` replaced once by ``new``."""
    folder = tmp_path / name
    shutil.copytree(EXAMPLES / name, folder)
    target = folder / f"{name}.yaml"
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    target.write_text(text.replace(old, new), encoding="utf-8")
    return target


def _expected_line(path: Path, needle: str, finding_path: str) -> int:
    """The line where the finding's field path starts: walk up from the mutated text to
    the key (or list item) that the path's last part names."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines, 1) if needle in line)
    last = finding_path.rsplit(".", 1)[-1]
    key = "- " if last.endswith("]") else f"{last}:"
    return next(i for i in range(at, 0, -1)
                if lines[i - 1].lstrip().startswith((key, f"- {key}")))


#: (example, English as it is, the same with one figure wrong, code, words of the message)
MUTATIONS = [
    (TP, "reporters that in January–September Ningbo’s trade in goods totalled {trade_total}",
     "reporters that in January–September Ningbo’s trade in goods totalled 986.47 billion yuan",
     "number",
     "zh has 9867.4亿元 (986,740,000,000), en has 986.47 billion yuan"),
    (TP, "the {yongdong} handled {cargo_throughput} of cargo",
     "the {yongdong} handled 42.157 million TEU of cargo", "number-unit",
     "zh has 4215.7万吨, en has 42.157 million TEU"),
    (TP, "has signed a {crane_contract} contract", "has signed a US$36 million contract",
     "number-unit", "zh has 3600万欧元, en has US$36 million"),
    (TP, "at the port area was down {energy_per_teu_change} year on year",
     "at the port area was up 9.3% year on year",
     "direction", "zh has 9.3% (down), en has 9.3% (up)"),
    (TP, "up {trade_growth} year on year. Exports were",
     "up 5.8% month on month. Exports were", "basis",
     "zh has 5.8% (year on year), en has 5.8% (period on period)"),
    (TP, "and ranks {nev_export_rank}.", "and ranks fourth nationwide.", "ranking",
     "zh has 居全国第三"),
    (TP, "about {renewable_share} of the port area’s electricity use.",
     "about a third of the port area’s electricity use.", "fraction", "zh has 四分之一"),
    (TP, "Foreign trade’s resilience rests on its ports. In the first three quarters",
     "Foreign trade’s resilience rests on its ports. In the first two quarters", "period",
     "zh has 前三季度"),
    (RE, "summer grain harvest came to {summer_grain}, up {summer_grain_growth} year on year. In",
     "summer grain harvest came to 498,000 tonnes, up {summer_grain_growth} year on year. In",
     "number", "zh has 48.9万吨 (489,000), en has 498,000 tonnes"),
    (RE, "installed capacity of {base_capacity};", "installed capacity of 150,000 kWh;",
     "number-unit", "zh has 15万千瓦, en has 150,000 kWh"),
    (RE, "get {wang_rent} a year", "get US$3,200 a year", "number-unit",
     "zh has 3200元, en has US$3,200"),
    (RE, "instead of diesel, and irrigation power costs are down {irrigation_cost_change}",
     "instead of diesel, and irrigation power costs are up 31.5%", "direction",
     "zh has 31.5% (down), en has 31.5% (up)"),
    (RE, "up {pv_q2_growth} quarter on quarter", "up 29.6% year on year", "basis",
     "zh has 29.6% (period on period), en has 29.6% (year on year)"),
    (RE, "; {pv_village_share} of its administrative villages have built",
     "; a third of its administrative villages have built", "fraction", "zh has 三分之二"),
    (RE, "In the first half, photovoltaic generation",
     "In the second half, photovoltaic generation", "period", "zh has 上半年"),
]


@pytest.mark.parametrize(("name", "old", "new", "code", "words"), MUTATIONS,
                         ids=[f"{m[0]}-{m[3]}-{i}" for i, m in enumerate(MUTATIONS)])
def test_check_catches_a_wrong_figure_in_the_english(tmp_path, name, old, new, code, words):
    path = _mutated(tmp_path, name, old, new)
    report = briefing.check(path)
    hits = [f for f in report.errors if f.code == code and words in f.message]
    assert hits, [str(f) for f in report.findings]
    assert hits[0].file == str(path)
    assert hits[0].line == _expected_line(path, new, hits[0].path), hits[0]
