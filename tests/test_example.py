"""The Liaoning example: the whole source page as content, in both languages."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

import briefing
from briefing.integrity import texts
from briefing.plan import Layout

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "liaoning" / "liaoning.yaml"
FIGURES_MD = Path("/work/shared/reference/figures.md")
if not FIGURES_MD.exists():
    FIGURES_MD = ROOT.parent / "shared" / "reference" / "figures.md"


@pytest.fixture(scope="module")
def example() -> briefing.Briefing:
    subprocess.run([sys.executable, str(EXAMPLE.parent / "make_images.py")], check=True,
                   capture_output=True)
    return briefing.load(EXAMPLE)


def figure_rows() -> list[tuple[int, str, str]]:
    rows = []
    for line in FIGURES_MD.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| (\d+) \| [^|]* \| ([^|]*) \| [^|]* \| [^|]* \| ([^|]*) \|", line)
        if m:
            rows.append((int(m.group(1)), m.group(2).strip(), m.group(3).strip()))
    return rows


def test_structure(example):
    assert [a.headline.zh for a in example.articles] == [
        "老工业基地加速培育壮大新质生产力", "辽宁优化税收服务助推产业升级", "纾困解难暖人心"]
    assert example.articles[2].dateline and example.articles[2].dateline.zh == "辽宁沈阳"
    assert all(a.date is None for a in example.articles)  # the source gives none
    figures = [b for a in example.articles for s in a.sections for b in s.blocks
               if b.type == "figure"]
    assert len(figures) == 4 and all(f.credit and f.alt for f in figures)
    assert 3 <= len(example.summary) <= 5 and example.key_figures


def test_prose_has_no_typed_figures(example):
    """Every figure in prose is a reference: digits only in years, names and sayings."""
    allowed = re.compile(r"\d{4}(年|年以来|—|–)?|5G|M350|110|“从0到1”|“从1到无穷”|"
                         r"from 0 to 1|from 1 to infinity|‘from 0 to 1’|‘from 1 to infinity’|"
                         r"近3年来|10时|10 pm|the past three years|14th|Q[1-4]")
    for path, value in texts(example):
        stripped = allowed.sub("", re.sub(r"\{[^{}]*\}", "", value))
        assert not re.search(r"\d", stripped), (path, value)


@pytest.mark.skipif(not FIGURES_MD.exists(), reason="shared/reference/figures.md not present")
def test_every_figure_reads_as_the_reference_says(example):
    p = briefing.plan(example)
    zh, en = "".join(p.texts("zh")), " ".join(p.texts("en"))
    number = re.compile(
        r"(?:more than |nearly |about )?(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?|five)"
        r"(?: (?:thousand|million|billion|trillion))?"
        r"(?: yuan|%| percentage points| kWh| MWh|-fold)?")
    rows = figure_rows()
    assert len(rows) == 46
    for n, zh_col, en_col in rows:
        pieces = ["5批", "466项"] if n == 42 else zh_col.split(" / ")
        for piece in pieces:
            assert piece in zh, (n, piece)
        for expr in number.findall(en_col):
            assert expr in en, (n, expr)


def test_check_finds_no_errors(example):
    report = briefing.check(example)
    assert report.errors == [], [str(f) for f in report.errors]


@pytest.mark.parametrize("layout", list(Layout))
def test_plan_in_every_layout(example, layout):
    p = briefing.plan(example, layout=layout)
    text = " ".join(p.texts())
    if layout is not Layout.EN:
        assert "1308.3亿元" in text and "图4" in text
    if layout is not Layout.ZH:
        assert "130.83 billion yuan" in text and "Figure 4" in text
    outlines = [i.outline for i in p.items if i.outline]
    assert sum(o.level == 0 for o in outlines) >= 3 + 3  # articles + summary/key/glossary


def test_plan_command_prints_the_example(example, capsys):
    from briefing.cli import main

    assert main(["plan", str(EXAMPLE), "--layout", "parallel"]) == 0
    out = capsys.readouterr().out
    assert "增加值同比增长23.6%" in out and "1308.3亿元" in out and "130.83 billion yuan" in out
