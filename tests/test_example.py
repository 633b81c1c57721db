"""The Liaoning example: the whole source page as content, in both languages."""

import re
from pathlib import Path

import pytest
from conftest import shared_dir

import briefing
from briefing.model.walk import texts
from briefing.plan import Layout

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "liaoning" / "liaoning.yaml"
FIGURES_MD = shared_dir() / "reference" / "figures.md"


@pytest.fixture(scope="module")
def example() -> briefing.Briefing:
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


# ---------------------------------------------------------------- check mutations

DECK_EN = ("en: \"In the first quarter of this year, value added of Liaoning’s high-tech "
           "manufacturing was up {hitech_mfg_va_growth_q1} year on year\"")
TECH_EN = ("In 2023 the value of technology contracts concluded in Liaoning reached "
           "{tech_contract_value_2023}")
SUPPLY_EN = "Its products are now in the supply systems of {xinleng_customers}"
SUPPLY_ZH = "目前产品已进入{xinleng_customers}的供应体系"


def _mutated(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text, old
    target = tmp_path / "liaoning.yaml"
    target.write_text(text.replace(old, new, count), encoding="utf-8")
    (target.parent / "images").symlink_to(EXAMPLE.parent / "images")
    return target


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "code", "message", "line_needle"),
    [
        (DECK_EN, DECK_EN.replace("{hitech_mfg_va_growth_q1}", "23.5%"), "number",
         "zh has 23.6%, en has 23.5%", "value added of Liaoning’s high-tech manufacturing was up"),
        (TECH_EN, TECH_EN.replace("{tech_contract_value_2023}", "13.08 billion yuan"), "number",
         "zh has 1308.3亿元 (130,830,000,000), en has 13.08 billion yuan (13,080,000,000)",
         "In 2023 the value of technology contracts concluded"),
        (SUPPLY_ZH, SUPPLY_ZH.replace("{xinleng_customers}", "40家企业"), "qualifier",
         "zh has 40 (exact), en has more than 40", "目前产品已进入40家企业"),
        (SUPPLY_EN, SUPPLY_EN.replace("{xinleng_customers}", "40 companies"), "qualifier",
         "zh has 40余 (more than), en has 40 (exact)", "Its products are now in the supply"),
        (SUPPLY_EN, "", "number", "zh has 40余", "目前产品已进入"),
        ("{sun_dongming}介绍。\"\n            en: \"",
         "{sun_dongming}介绍。\"\n            en: \"\"\n            # en: \"",
         "missing-translation", "no English translation", "en: \"\""),
        ("and {xinleng} was founded", "and Liaoning Cold Chip was founded", "name",
         "zh names 辽宁芯冷半导体科技有限公司", "Liaoning Cold Chip"),
    ],
    ids=["figure-changed", "scale-mistranslated", "yu-dropped", "more-than-dropped",
         "sentence-dropped", "translation-emptied", "organisation-renamed"],
)
def test_check_catches_mutation_of_the_example(tmp_path, old, new, code, message, line_needle):
    path = _mutated(tmp_path, old, new)
    report = briefing.check(path)
    hits = [f for f in report.errors if f.code == code and message in f.message]
    assert hits, [str(f) for f in report.findings]
    assert hits[0].file == str(path)
    # the finding points at the line where its field path starts: walk up from the
    # mutated text to the key (or list item) that the path's last part names
    needle = _line_of(path, line_needle)
    lines = path.read_text(encoding="utf-8").splitlines()
    last = hits[0].path.rsplit(".", 1)[-1]
    key = "- " if last.endswith("]") else f"{last}:"
    expected = next(i for i in range(needle, 0, -1)
                    if lines[i - 1].lstrip().startswith(key)
                    or lines[i - 1].lstrip().startswith(f"- {key}"))
    assert hits[0].line == expected, (hits[0], expected)


def test_check_catches_a_deleted_credit(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("            credit:")
    end = text.index("\n", text.index("who:", start)) + 1
    path = tmp_path / "liaoning.yaml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    (tmp_path / "images").symlink_to(EXAMPLE.parent / "images")
    hits = [f for f in briefing.check(path).errors if f.code == "figure-credit"]
    assert len(hits) == 1 and hits[0].path.startswith("articles[0].sections[")


def test_check_catches_a_duplicated_paragraph(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("          - type: paragraph\n            zh: \"{sun_dongming}团队")
    end = text.index("          - ", start + 10)
    path = tmp_path / "liaoning.yaml"
    path.write_text(text[:end] + text[start:end] + text[end:], encoding="utf-8")
    (tmp_path / "images").symlink_to(EXAMPLE.parent / "images")
    hits = [f for f in briefing.check(path).errors if f.code == "duplicate"]
    assert len(hits) == 1 and "repeats" in hits[0].message


def test_check_catches_a_character_outside_the_font(tmp_path):
    path = _mutated(tmp_path, "一棵新苗", "一棵新𠀀苗")
    hits = [f for f in briefing.check(path).errors if f.code == "glyph"]
    assert len(hits) == 1 and "U+20000" in hits[0].message and hits[0].path.endswith(".zh")


def test_example_renders_from_the_repository_as_it_is(tmp_path):
    """A fresh clone renders the example with no generation step: the images ship."""
    import subprocess
    import sys

    out = tmp_path / "x.pdf"
    done = subprocess.run([sys.executable, "-m", "briefing.cli", "render", str(EXAMPLE),
                           "-o", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    tracked = subprocess.run(["git", "ls-files", "examples/liaoning/images"], cwd=ROOT,
                             capture_output=True, text=True).stdout.split()
    if tracked:  # in a git checkout, the pictures are part of the repository
        assert len(tracked) == 4, tracked
