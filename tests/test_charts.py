"""Charts: what the model refuses (naming the chart's line), what the plan holds, and what
each writer draws, read back with real clients (pdftotext; the DOCX chart part)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import modules_loaded
from lxml import etree
from openpyxl import load_workbook

import briefing
from briefing.chartplan import nice_ticks
from briefing.errors import ContentError
from briefing.localize import Options, axis_unit, change_label, chart_value, tick_label
from briefing.model import Chart as ChartBlock
from briefing.model import Statistic
from briefing.model.charts import plotted
from briefing.plan import Chart, ChartKind, PlanOptions
from briefing.planner import build_plan
from briefing.resolve import Resolver
from briefing.units import UNITS

FIXTURE = Path(__file__).parent / "fixtures" / "charts.yaml"
LAYOUTS = ("parallel", "interleaved", "zh", "en")
TEMPLATES = ("handout", "brief", "reader")

# --------------------------------------------------------------------------- the model

BASE = """\
title: {zh: 测试, en: Test}
statistics:
  exports: {value: 6542.3亿, unit: yuan, period: {year: 2025}, label: {zh: 出口, en: Exports}}
  imports: {value: 3325.1亿, unit: yuan, period: {year: 2025}, label: {zh: 进口, en: Imports}}
  imports_24: {value: 3400亿, unit: yuan, period: {year: 2024}, label: {zh: 进口, en: Imports}}
  growth: {value: 7.2, unit: percent, kind: growth, period: {year: 2025}}
  g23: {value: 5.2, unit: percent, kind: growth, period: {year: 2023}}
  g25: {value: 5.0, unit: percent, kind: growth, period: {year: 2025}}
  gq1: {value: 5.4, unit: percent, kind: growth, period: {year: 2024, quarter: 1}}
  gq2: {value: 5.1, unit: percent, kind: growth, period: {year: 2024, quarter: 2}}
  gq4: {value: 4.9, unit: percent, kind: growth, period: {year: 2024, quarter: 4}}
  rank: {value: 3, unit: count, kind: rank, label: {zh: 排名, en: Rank}}
  span: {value: 3至5年, label: {zh: 年限, en: Years}}
  solar: {value: 70, unit: percent, kind: share, label: {zh: 光伏, en: Solar}}
  wind: {value: 40, unit: percent, kind: share, label: {zh: 风电, en: Wind}}
  nolabel: {value: 100亿, unit: yuan, period: {year: 2025}}
articles:
  - id: a
    headline: {zh: 标题, en: Headline}
    sections:
      - blocks:
          - zh: 出口{exports}。
            en: Exports {exports}.
          - type: chart
"""
CHART_LINE = BASE.count("\n")  # the line of "- type: chart"


@pytest.mark.parametrize(("body", "needles"), [
    ("figures: [exports, growth]", ["one unit", "yuan: exports", "percent: growth"]),
    ("figures: [exports, growth]", ["levels or changes", "levels exports", "changes growth"]),
    ("kind: line\n            figures: [g23, g25]", ["do not form a series", "one step apart",
                                                     "year 2023; year 2025"]),
    ("kind: line\n            figures: [gq1, gq2, gq4]", ["do not form a series"]),
    ("kind: line\n            figures: [growth, gq1]", ["different kinds"]),
    ("kind: line\n            figures: [g25, g23]", ["follow one another in order"]),
    ("figures: [exports, rank]", ["rank is a rank figure", "cannot plot"]),
    ("figures: [exports, span]", ["span is a range"]),
    ("figures: [exports, imports_24]", ["compare one period", "year 2024"]),
    ("figures: [exports, nolabel]", ["give a label to nolabel"]),
    ("kind: share\n            figures: [solar, wind]", ["add up to 110%"]),
    ("figures: [exports, imports]\n            changes: [growth, imports]",
     ["imports is not a change"]),
    ("kind: grouped_bar\n            figures: [[exports, imports_24], [imports, growth]]",
     ["one unit"]),
])
def test_unplottable_charts_are_refused_naming_the_chart_line(tmp_path, body, needles):
    path = tmp_path / "c.yaml"
    path.write_text(BASE + "            " + body + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        briefing.load(path)
    messages = [str(p) for p in info.value.problems]
    hit = [m for m in messages if all(n in m for n in needles)]
    assert hit, messages
    line = hit[0].split(":")[1]
    assert CHART_LINE <= int(line) <= CHART_LINE + 3, hit[0]  # the chart, not elsewhere
    assert "blocks[1]" in hit[0]


@pytest.mark.parametrize(("data", "needle"), [
    ({"kind": "grouped_bar", "figures": ["a", "b"]}, "list of at least two lists"),
    ({"kind": "bar", "figures": [["a", "b"], ["c", "d"]]}, "flat list"),
    ({"kind": "line", "figures": [["a", "b"], ["c"]]}, "same length"),
    ({"kind": "bar", "figures": ["a", "b"], "changes": ["c"]}, "one to one"),
    ({"kind": "line", "figures": ["a", "b"], "changes": ["c", "d"]}, "for bar charts"),
    ({"kind": "bar", "figures": ["a", "a"]}, "repeated: a"),
    ({"kind": "share", "figures": ["a"]}, "at least two parts"),
    ({"kind": "line", "figures": ["a"]}, "at least two periods"),
])
def test_chart_shapes_that_cannot_be_drawn(data, needle):
    with pytest.raises(ValueError, match=needle):
        ChartBlock.model_validate(data)


def test_a_chart_naming_an_unknown_statistic_or_source_is_refused(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(BASE + "            figures: [exports, nowhere]\n            source: customs\n",
                    encoding="utf-8")
    with pytest.raises(ContentError) as info:
        briefing.load(path)
    text = str(info.value)
    assert "figures[1]: unknown statistic id 'nowhere'" in text
    assert "source: unknown organisation id 'customs'" in text


# --------------------------------------------------------------------------- localisation


def stat(**kw: object) -> Statistic:
    return Statistic.model_validate(kw)


TABLE = Options(table=True)


@pytest.mark.parametrize(("value", "unit", "lang", "expected"), [
    ("0", "yuan", "zh", "0"),
    ("200000000000", "yuan", "zh", "2000亿"),
    ("200000000000", "yuan", "en", "200 billion"),
    ("50000000", "yuan", "zh", "5000万"),
    ("50000000", "yuan", "en", "50 million"),
    ("150000000", "yuan", "zh", "1.5亿"),
    ("3000000000000", "yuan", "zh", "3万亿"),
    ("3000000000000", "yuan", "en", "3 trillion"),
    ("25000", "tonne", "zh", "2.5万"),
    ("25000", "tonne", "en", "25,000"),
    ("7.5", "percent", "zh", "7.5%"),
    ("-2.5", "percent", "en", "-2.5%"),
    ("10", "percent", "en", "10%"),
    ("1200000", "teu", "en", "1.2 million"),
])
def test_tick_labels(value, unit, lang, expected):
    assert tick_label(Decimal(value), UNITS[unit], lang) == expected


@pytest.mark.parametrize(("fields", "lang", "expected"), [
    ({"value": "6542.3亿", "unit": "yuan"}, "zh", "6542.3亿元"),
    ({"value": "6542.3亿", "unit": "yuan"}, "en", "654.23 billion yuan"),
    ({"value": "2.87亿", "unit": "usd"}, "en", "US$287 million"),
    ({"value": 18.6, "unit": "percent", "kind": "growth"}, "zh", "18.6%"),
    ({"value": 18.6, "unit": "percent", "kind": "growth"}, "en", "18.6%"),
    ({"value": 3.2, "unit": "percent", "kind": "growth", "direction": "down"}, "zh",
     "下降3.2%"),
    ({"value": 3.2, "unit": "percent", "kind": "growth", "direction": "down"}, "en",
     "down 3.2%"),
    ({"value": 0.8, "unit": "percentage_point", "kind": "points_change", "direction": "down"},
     "en", "down 0.8 percentage points"),
    ({"value": "23万", "unit": "tonne", "kind": "change", "direction": "down",
      "qualifier": "about"}, "zh", "减少约23万吨"),
    ({"value": "4.8万余", "unit": "count", "measure_word": "件"}, "zh", "4.8万余件"),
    ({"value": "4.8万余", "unit": "count", "measure_word": "件"}, "en", "more than 48,000"),
    ({"value": "近九成"}, "zh", "近九成"),
    ({"value": "近九成"}, "en", "nearly 90%"),
])
def test_value_labels_follow_the_number_rules_of_prose(fields, lang, expected):
    assert chart_value(stat(**fields), lang, TABLE) == expected


@pytest.mark.parametrize(("fields", "lang", "expected"), [
    ({"value": 18.6, "unit": "percent", "kind": "growth"}, "zh", "增长18.6%"),
    ({"value": 18.6, "unit": "percent", "kind": "growth"}, "en", "up 18.6%"),
    ({"value": 18.6, "unit": "percent", "kind": "yoy_growth"}, "en", "up 18.6%"),
    ({"value": 3.2, "unit": "percent", "kind": "growth", "direction": "down"}, "zh",
     "下降3.2%"),
    ({"value": 0.8, "unit": "percentage_point", "kind": "points_change", "direction": "down",
      "zh_verb": "回落"}, "zh", "回落0.8个百分点"),
])
def test_change_notes(fields, lang, expected):
    assert change_label(stat(**fields), lang, TABLE) == expected


@pytest.mark.parametrize(("fields", "lang", "expected"), [
    ({"value": 1, "unit": "yuan"}, "zh", "元"),
    ({"value": 1, "unit": "yuan"}, "en", "yuan"),
    ({"value": 1, "unit": "usd"}, "en", "US$"),
    ({"value": 1, "unit": "tonne"}, "en", "tonnes"),
    ({"value": 1, "unit": "kwh", "zh_unit": "千瓦时"}, "zh", "千瓦时"),
    ({"value": 1, "unit": "percent"}, "zh", ""),
    ({"value": 1, "unit": "count", "measure_word": "家", "noun": {"zh": "企业",
                                                                "en": "companies"}},
     "zh", "家企业"),
    ({"value": 1, "unit": "count", "measure_word": "家", "noun": {"zh": "企业",
                                                                "en": "companies"}},
     "en", "companies"),
])
def test_axis_units(fields, lang, expected):
    assert axis_unit(stat(**fields), lang) == expected


@pytest.mark.parametrize(("values", "expected"), [
    (["654.23", "332.51"], ["0", "200", "400", "600", "800"]),
    (["8.1", "3", "5.2"], ["0", "2.5", "5", "7.5", "10"]),
    (["7.2", "-3.2"], ["-5", "0", "5", "10"]),
    (["0"], ["0", "0.25", "0.5", "0.75", "1"]),
    (["-4"], ["-4", "-3", "-2", "-1", "0"]),
    (["6.5423E+11"], ["0", "2E+11", "4E+11", "6E+11", "8E+11"]),
])
def test_nice_ticks(values, expected):
    ticks = nice_ticks([Decimal(v) for v in values])
    assert ticks == [Decimal(e) for e in expected]
    assert ticks[0] <= min(Decimal(0), *map(Decimal, values))
    assert ticks[-1] >= max(Decimal(0), *map(Decimal, values))


# --------------------------------------------------------------------------- the plan


def charts_of(plan_: object) -> list[Chart]:
    return [c for item in plan_.items for cell in item.cells  # type: ignore[attr-defined]
            for c in cell.content if isinstance(c, Chart)]


def test_the_plan_holds_every_value_and_string_of_each_chart():
    b = briefing.load(FIXTURE)
    plan_ = build_plan(b, PlanOptions())
    charts = charts_of(plan_)
    assert {c.kind for c in charts} == set(ChartKind)
    r = Resolver(b)
    for c in charts:
        assert c.alt and c.title and c.categories
        for s in c.series:
            assert len(s.values) == len(s.labels) == len(c.categories)
        if c.kind is not ChartKind.SHARE:
            assert c.ticks[0].value <= min(v for s in c.series for v in s.values)
            assert c.ticks[-1].value >= max(v for s in c.series for v in s.values)
    bar = next(c for c in charts if c.kind is ChartKind.BAR and c.lang == "en"
               and c.series[0].notes)
    exports, imports = b.statistics["exports"], b.statistics["imports"]
    assert bar.series[0].values == (plotted(exports), plotted(imports))
    assert bar.series[0].labels == (chart_value(exports, "en", r.table),
                                    chart_value(imports, "en", r.table))
    assert bar.categories == ("Exports", "Imports")
    assert bar.series[0].notes == ("up 7.2%", "down 3.2%")
    assert bar.alt == ("Bar chart: Exports 654.23 billion yuan, up 7.2%; Imports 332.51 "
                       "billion yuan, down 3.2%.")
    zh_bar = next(c for c in charts if c.kind is ChartKind.BAR and c.lang == "zh"
                  and c.series[0].notes)
    assert zh_bar.alt == "柱状图：出口6542.3亿元，增长7.2%；进口3325.1亿元，下降3.2%。"
    assert zh_bar.axis == "单位：元" and bar.axis == "Unit: yuan"
    line = next(c for c in charts if c.kind is ChartKind.LINE and c.lang == "zh")
    assert line.categories == ("2021年", "2022年", "2023年")
    assert [t.label for t in line.ticks] == ["0%", "2.5%", "5%", "7.5%", "10%"]
    share = next(c for c in charts if c.kind is ChartKind.SHARE and c.lang == "en")
    assert share.categories[-1] == "Other" and share.series[0].values[-1] == Decimal("34.5")


def test_a_template_may_leave_out_the_key_figures_chart():
    b = briefing.load(FIXTURE)
    with_chart = build_plan(b, PlanOptions())
    without = build_plan(b, PlanOptions(key_figures_chart=False))
    assert len(charts_of(with_chart)) == len(charts_of(without)) + 2  # one per language


def test_charts_and_pictures_share_one_figure_numbering():
    b = briefing.load(FIXTURE)
    texts = build_plan(b, PlanOptions(layout="en")).texts()  # type: ignore[arg-type]
    numbered = [t for t in texts if t.startswith("Figure ")]
    assert [t.split(".")[0] for t in numbered] == [f"Figure {i}" for i in range(1, 6)]


# --------------------------------------------------------------------------- the PDF

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils is needed")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@needs_poppler
@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_pdf_charts_show_the_values_of_the_statistics(tmp_path, template, layout):
    b = briefing.load(FIXTURE)
    out = tmp_path / "c.pdf"
    briefing.render(b, out, layout=layout, template=template)
    text = pdf_text(out).replace(" ", "")
    plan_ = briefing.plan(b, layout=layout, template=template)
    charts = charts_of(plan_)
    assert charts
    r = Resolver(b)
    langs = ("zh", "en") if layout in ("parallel", "interleaved") else (layout,)
    for lang in langs:
        for key in ("exports", "imports"):  # in every template: the key-figures chart
            assert chart_value(b.statistics[key], lang, r.table).replace(" ", "") in text
    for c in charts:
        for s in c.series:
            for label in (*s.labels, *s.notes):
                assert label.replace(" ", "") in text, (c.kind, label)
        for name in c.categories:
            assert name.replace(" ", "") in text
    # vector: the charts add no picture to the PDF
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True,
                            text=True, check=True).stdout.strip().splitlines()[2:]
    assert images == []


@needs_poppler
def test_pdf_charts_use_only_the_templates_embedded_fonts(tmp_path):
    b = briefing.load(FIXTURE)
    out = tmp_path / "c.pdf"
    briefing.render(b, out, layout="parallel")
    rows = [ln.split() for ln in subprocess.run(
        ["pdffonts", str(out)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:] if ln.strip()]
    assert rows and all(row[-5] == "yes" and row[-4] == "yes" for row in rows), rows
    assert not any("Helvetica" in row[0] for row in rows)


# --------------------------------------------------------------------------- the DOCX

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def docx_charts(data: bytes) -> list[tuple[etree._Element, bytes]]:
    """Each chart part of a .docx with the workbook it embeds."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        parts = [n for n in names if re.fullmatch(r"word/charts/chart\d+\.xml", n)]
        for name in sorted(parts, key=lambda n: int(re.sub(r"\D", "", n))):
            rels = etree.fromstring(z.read(name.replace("charts/", "charts/_rels/") + ".rels"))
            target = rels[0].get("Target")
            book = z.read("word/" + target.removeprefix("../"))
            out.append((etree.fromstring(z.read(name)), book))
    return out


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_docx_charts_are_native_and_hold_the_statistics(template, layout):
    b = briefing.load(FIXTURE)
    data = briefing.render(b, format="docx", layout=layout, template=template)
    charts = charts_of(briefing.plan(b, layout=layout, template=template))
    parts = docx_charts(data)
    assert len(parts) == len(charts)
    r = Resolver(b)
    plotted_values = {plotted(s) for s in b.statistics.values()}
    for (space, book), chart in zip(parts, charts, strict=True):
        cached = [Decimal(v.text) for v in space.iter(f"{C}numCache")
                  for v in v.iter(f"{C}v")]
        assert cached == [v for s in _drawn_series(chart) for v in s]
        assert set(cached) - {Decimal("34.5")} <= plotted_values  # the share's "other"
        shown = [[t.text for t in lbl.iter(f"{A}t")] for lbl in space.iter(f"{C}dLbl")]
        assert [x[0] for x in shown] == [t for s in chart.series for t in s.labels]
        ws = load_workbook(io.BytesIO(book)).active
        assert ws is not None
        sheet = [Decimal(str(c.value)) for col in ws.iter_cols(min_row=2, min_col=2)
                 for c in col]
        assert sheet == cached
    for key in ("exports", "imports"):
        for lang in (("zh", "en") if layout in ("parallel", "interleaved") else (layout,)):
            value = chart_value(b.statistics[key], lang, r.table)
            assert any(value in "".join(t.text for t in space.iter(f"{A}t"))
                       for space, _ in parts)


def _drawn_series(chart: Chart) -> list[tuple[Decimal, ...]]:
    if chart.kind is ChartKind.SHARE:
        return [(v,) for v in chart.series[0].values]
    return [s.values for s in chart.series]


def parallel_document(b: briefing.Briefing) -> etree._Element:
    """The body of ``b``'s DOCX in the parallel layout (word/document.xml)."""
    data = briefing.render(b, format="docx", layout="parallel")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def test_docx_charts_carry_the_plans_alt_text():
    b = briefing.load(FIXTURE)
    doc = parallel_document(b)
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    alts = [d.get("descr") for d in doc.iter(f"{wp}docPr")]
    charts = charts_of(briefing.plan(b, layout="parallel"))
    assert alts == [c.alt for c in charts]


def test_a_docx_chart_stays_with_its_caption_and_source_in_the_parallel_grid():
    """The caption stands above the chart: the grid row holding both may not split."""
    doc = parallel_document(briefing.load(FIXTURE))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    chart = "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart"
    rows = [tr for tr in doc.iter(f"{w}tr") if next(tr.iter(chart), None) is not None]
    assert rows
    assert all(tr.find(f"{w}trPr/{w}cantSplit") is not None for tr in rows)


def test_docx_charts_are_reproducible():
    b = briefing.load(FIXTURE)
    assert briefing.render(b, format="docx") == briefing.render(b, format="docx")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed")
@pytest.mark.parametrize("layout", ["parallel", "en"])
def test_libreoffice_opens_docx_charts_and_shows_their_labels(tmp_path, layout):
    b = briefing.load(FIXTURE)
    docx = tmp_path / "c.docx"
    briefing.render(b, docx, layout=layout)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
                   capture_output=True, check=True, timeout=180)
    text = pdf_text(tmp_path / "c.pdf").replace(" ", "")
    for c in charts_of(briefing.plan(b, layout=layout)):
        for s in c.series:
            for label in (*s.labels, *s.notes, s.name):
                assert label.replace(" ", "") in text, (c.kind, label)
        if c.kind is not ChartKind.SHARE:
            for name in c.categories:
                assert name.replace(" ", "") in text, (c.kind, name)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed")
def test_libreoffice_calc_reads_each_chart_workbook_as_the_chart_shows_it(tmp_path):
    """The workbook behind Word's "Edit Data" (our own SpreadsheetML), read by a real
    spreadsheet: its texts and numbers are the chart part's cached ones, cell for cell."""
    b = briefing.load(FIXTURE)
    parts = docx_charts(briefing.render(b, format="docx", layout="parallel"))
    books = []
    for i, (_, book) in enumerate(parts):
        books.append(tmp_path / f"book{i}.xlsx")
        books[-1].write_bytes(book)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
                    str(tmp_path / "csv"), *map(str, books)],
                   capture_output=True, check=True, timeout=180)
    for (space, _), book in zip(parts, books, strict=True):
        rows = list(csv.reader((tmp_path / "csv" / f"{book.stem}.csv").read_text("utf-8")
                               .splitlines()))
        names = [s.find(f"{C}tx").findtext(f".//{C}v") or "" for s in space.iter(f"{C}ser")]
        first = space.find(f".//{C}cat")
        categories = [v.text or "" for v in first.iter(f"{C}v")]
        values = [[Decimal(v.text) for v in s.find(f"{C}val").iter(f"{C}v")]
                  for s in space.iter(f"{C}ser")]
        assert rows[0] == ["", *names]
        assert [r[0] for r in rows[1:]] == categories
        assert [[Decimal(r[j]) for r in rows[1:]] for j in range(1, len(names) + 1)] == values


@pytest.mark.parametrize(("value", "cell"), [
    (Decimal("130.83"), 130.83), (Decimal("1E+3"), 1000), (Decimal("-0.50"), -0.5),
    (Decimal("0.000"), 0), (Decimal("-0"), 0), (Decimal("12345678901234.5"), 12345678901234.5),
])
def test_a_workbook_holds_each_number_and_text_as_a_spreadsheet_reads_it(value, cell):
    from briefing.writers.docx.workbook import workbook_bytes

    names = [f" s{j} " if j % 2 else f"序列{j}" for j in range(28)]  # past column Z
    columns = [[value, Decimal(j)] for j in range(28)]
    ws = load_workbook(io.BytesIO(workbook_bytes(["甲", "B & <c>"], names, columns))).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0] == [None, *names]
    assert [r[0] for r in rows[1:]] == ["甲", "B & <c>"]
    assert rows[1][1:] == [cell] * 28
    assert rows[2][1:] == list(range(28))


# --------------------------------------------------------------------------- check


def test_check_finds_nothing_wrong_in_the_values_the_charts_show():
    report = briefing.check(FIXTURE)
    assert not [f for f in report.findings if f.code == "chart-value"]


def test_check_reports_plotted_figures_no_text_refers_to():
    report = briefing.check(FIXTURE)
    found = {f.message.split()[3].rstrip(",") for f in report.findings
             if f.code == "chart-unreferenced"}
    assert found == {"g21", "g22", "g23", "e24", "e25", "i24", "i25", "s1", "s2"}
    assert all(f.severity == "warning" and f.line for f in report.findings
               if f.code == "chart-unreferenced")


def test_check_finds_a_chart_that_words_a_fall_as_a_rise(tmp_path):
    """A house catalog that says 增长 for "down {value}": the chart's labels no longer
    show the statistic, and check says which and where."""
    from briefing.resources import translations_dir
    from briefing.templates import load_template

    labels = tmp_path / "tpl" / "labels"
    shutil.copytree(translations_dir(), labels)
    po = labels / "zh_CN" / "LC_MESSAGES" / "briefing.po"
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "down {value}"\nmsgstr "下降{value}"', 'msgid "down {value}"\nmsgstr "增长{value}"'),
        encoding="utf-8")
    (tmp_path / "tpl" / "template.toml").write_text('labels_dir = "labels"\n', encoding="utf-8")
    report = briefing.check(FIXTURE, template=load_template(tmp_path / "tpl"))
    wrong = [f for f in report.errors if f.code == "chart-value"]
    assert wrong and all("ig (zh)" in f.message and "statistic goes down" in f.message
                         for f in wrong)
    assert {f.path.rsplit(".", 1)[-1] for f in wrong} == {"changes"}
    assert all(f.line for f in wrong)


def test_check_wants_a_charts_title_and_note_in_both_languages(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8").replace(
        "note: {zh: 按人民币计价。, en: In yuan terms.}", "note: {zh: 按人民币计价。}")
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    report = briefing.check(path)
    missing = [f for f in report.errors if f.code == "missing-translation"]
    assert [f.path for f in missing] == ["articles[0].sections[0].blocks[1].note.en"]


@needs_poppler
@pytest.mark.parametrize("layout", ["parallel", "zh"])
def test_a_chart_taller_than_a_page_is_drawn_smaller_and_whole(tmp_path, layout):
    rows = "\n".join(
        f"  s{i}: {{value: {i + 1}, unit: percent, kind: growth, period: {{year: 2025}}, "
        f"label: {{zh: 第{i}项名称很长需要换行显示的指标, en: Indicator {i} with a long name}}}}"
        for i in range(40))
    path = tmp_path / "tall.yaml"
    path.write_text(f"""title: {{zh: 高, en: Tall}}
statistics:
{rows}
articles:
  - id: a
    headline: {{zh: 标题, en: Headline}}
    sections:
      - blocks:
          - type: chart
            title: {{zh: 四十项增速, en: Forty growth rates}}
            figures: [{", ".join(f"s{i}" for i in range(40))}]
""", encoding="utf-8")
    out = tmp_path / "tall.pdf"
    briefing.render(path, out, layout=layout, template="reader", force=True)
    text = pdf_text(out).replace(" ", "")
    assert all(f"{i + 1}%" in text for i in range(40))


@pytest.mark.parametrize("fixture, loaded", [("mini.yaml", False), ("charts.yaml", True)])
def test_reportlab_graphics_load_only_for_a_plan_with_a_chart(mini: Path, fixture: str,
                                                              loaded: bool) -> None:
    """Drawing charts takes reportlab's graphics (about 20 ms to import): a PDF of a plan
    without a chart does without them."""
    source = mini if fixture == "mini.yaml" else Path(__file__).parent / "fixtures" / fixture
    modules = modules_loaded(f"import briefing\nbriefing.render_bytes({str(source)!r}, 'pdf', "
                             "force=True)", cwd=mini.parent)
    assert ("reportlab.graphics.shapes" in modules) == loaded


def test_a_chart_label_breaks_where_the_line_breaker_allows():
    """A wrapped Chinese label never ends a line with （ nor starts one with ）: the chart
    wraps with the text's own line breaker, not a rule of its own."""
    from briefing.templates import load_template
    from briefing.writers.pdf.charts import _Pen
    from briefing.writers.pdf.document import memo_for
    from briefing.writers.pdf.fonts import load_fonts
    from briefing.writers.pdf.text import Typesetter

    label = "风电装备出口（人民币）总额"
    fonts = load_fonts(load_template("handout"), {"sans": set(label), "serif": set()})
    pen = _Pen(Typesetter(fonts, memo=memo_for(fonts)), "zh")
    for chars in range(3, 9):
        lines = pen.wrap(label, pen.width("风" * chars, 8), 8)
        assert "".join(lines) == label
        assert not any(ln.endswith("（") or ln.startswith("）") for ln in lines), lines
