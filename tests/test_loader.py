"""Loading content files: every bad input gets its own clear, located message."""

from decimal import Decimal
from pathlib import Path

import pytest

from briefing.errors import ContentError
from briefing.loader import load

GOOD = """\
title: {zh: 辽宁简报, en: Liaoning briefing}
statistics:
  gdp: {value: 5.3, unit: percent, kind: growth, period: {year: 2023}}
glossary:
  organisations:
    pd: {zh: 人民日报, en: People's Daily}
articles:
  - id: main
    headline: {zh: 标题, en: Headline}
    sections:
      - blocks:
          - zh: 增长{gdp}
            en: grew {gdp}
"""


def write(tmp_path: Path, text: str | bytes, name: str = "c.yaml") -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def problems(path: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load(path)
    return [str(p) for p in info.value.problems]


def test_good_file_loads(tmp_path):
    b = load(write(tmp_path, GOOD))
    assert b.statistics["gdp"].value == Decimal("5.3")
    assert b.origin == tmp_path / "c.yaml"


def test_json_loads_with_same_model(tmp_path):
    import json

    import yaml

    data = yaml.safe_load(GOOD)
    b = load(write(tmp_path, json.dumps(data, ensure_ascii=False), "c.json"))
    assert b.articles[0].headline.en == "Headline"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # wrong type
        (GOOD.replace("en: grew {gdp}", "en: 42"),
         "c.yaml:13:13: articles[0].sections[0].blocks[0].en: expected text, got a number (42)"),
        # unknown field
        (GOOD.replace("headline: {", "headlin: {"),
         "c.yaml:9:5: articles[0].headlin: unknown field 'headlin' (did you mean 'headline'?)"),
        # missing Chinese text
        (GOOD.replace("{zh: 标题, en: Headline}", "{en: Headline}"),
         "c.yaml:9:5: articles[0].headline.zh: missing required field 'zh'"),
        # unresolved reference
        (GOOD.replace("增长{gdp}", "增长{gpd}"),
         "c.yaml:12:13: articles[0].sections[0].blocks[0].zh: unresolved reference {gpd}"),
        # unresolved reference in a subheading (副题), checked like the headline's
        (GOOD.replace("{zh: 标题, en: Headline}",
                      "{zh: 标题, en: Headline}\n    subheading: {zh: \"增长{gpd}\", en: up}"),
         "c.yaml:10:18: articles[0].subheading.zh: unresolved reference {gpd}"),
        # malformed number
        (GOOD.replace("value: 5.3", 'value: "1,2亿"'),
         "c.yaml:3:9: statistics.gdp.value: malformed number '1,2亿'"),
        # negative count
        (GOOD.replace("value: 5.3, unit: percent", "value: -4, unit: count, measure_word: 家"),
         "c.yaml:3:3: statistics.gdp: a count cannot be negative (got -4)"),
        # control character written as a YAML escape
        (GOOD.replace("en: grew {gdp}", 'en: "grew\\x07 {gdp}"'),
         "blocks[0].en: contains the control character U+0007"),
        # a lone surrogate escape
        (GOOD.replace("en: grew {gdp}", 'en: "grew \\ud800"'),
         "blocks[0].en: contains the control character U+D800"),
        # YAML syntax error
        (GOOD.replace("title: {zh: 辽宁简报, en: Liaoning briefing}", "title: {zh: 辽宁简报"),
         "c.yaml:2:11: YAML syntax error"),
        # duplicated key
        (GOOD + "title: {zh: 又, en: again}\n", "c.yaml:14:1: title: this key appears twice"),
        # unknown block type
        (GOOD.replace("- zh: 增长{gdp}", "- type: photo\n            zh: 增长{gdp}"),
         "blocks[0]: unknown block type 'photo'"),
    ],
    ids=["wrong-type", "unknown-field", "missing-zh", "unresolved-ref", "subheading-ref",
         "malformed-number",
         "negative-count", "control-char", "surrogate", "yaml-syntax", "duplicate-key",
         "unknown-block"],
)
def test_bad_input_is_located(tmp_path, text, expected):
    found = problems(write(tmp_path, text))
    assert any(expected in p for p in found), found


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "c.yaml: the file is empty"),
        (b"   \n# only a comment\n", "c.yaml: the file is empty"),
        (b"---\n...\n", "c.yaml: the file is empty"),
        ("title: {zh: 标题, en: T}\n".encode("gb18030"), "c.yaml:1:13: the file is not UTF-8"),
        (b"title: {zh: \x01, en: T}\n", "c.yaml:1:13: the character U+0001 is not allowed"),
        (b"- a list\n", "c.yaml:1:1: expected a mapping of fields at the top, got a list"),
        (b"a: &a [*a]\n", "c.yaml:1:8: YAML syntax error: aliases (*name) are not allowed"),
        (b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "c.yaml:2:8: YAML syntax error: aliases"),
    ],
    ids=["empty", "blank", "no-document", "not-utf8", "raw-control-char", "not-a-mapping",
         "recursive-alias", "billion-laughs"],
)
def test_bad_file_is_located(tmp_path, raw, expected):
    found = problems(write(tmp_path, raw))
    assert any(expected in p for p in found), found


def test_all_problems_at_once(tmp_path):
    text = GOOD.replace("en: grew {gdp}", "en: 42").replace("headline: {", "headlin: {")
    assert len(problems(write(tmp_path, text))) >= 2


def test_missing_file(tmp_path):
    assert problems(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}: no such file"]


def test_a_folder_is_named_as_one(tmp_path):
    assert problems(tmp_path) == [f"{tmp_path}: is a folder, expected a content file"]


def test_json_syntax_error_is_located(tmp_path):
    found = problems(write(tmp_path, '{"title": {"zh": "x",}}', "c.json"))
    assert found[0].startswith(f"{tmp_path / 'c.json'}:1:")


def test_file_include_merges_glossary(tmp_path):
    write(tmp_path, "organisations:\n  pd2: {zh: 新华社, en: Xinhua}\n", "terms.yaml")
    text = GOOD.replace("- zh: 增长{gdp}", "- zh: '{pd2}增长{gdp}'")
    text += "include: [terms.yaml]\n"
    b = load(write(tmp_path, text))
    assert b.glossary.organisations["pd2"].en == "Xinhua"


def test_bad_include_names_the_included_file(tmp_path):
    write(tmp_path, "organisations:\n  pd2: {en: Xinhua}\n", "terms.yaml")
    found = problems(write(tmp_path, GOOD + "include: [terms.yaml]\n"))
    assert any("terms.yaml:2:3: organisations.pd2.zh: missing required field 'zh'" in p
               for p in found), found


def test_unknown_builtin_term_base(tmp_path):
    found = problems(write(tmp_path, GOOD + "include: ['briefing:nope']\n"))
    assert any("unknown term base briefing:nope" in p for p in found), found


def test_load_data_merges_term_bases_and_keeps_the_callers_glossary():
    """A Glossary object beside include: its entries stay, the shipped ones join them."""
    from briefing import Glossary, Organisation, Text, load_data

    b = load_data({"title": Text(zh="简报", en="Brief"), "include": ["briefing:officials"],
                   "glossary": Glossary(organisations={"acme": Organisation(zh="某公司",
                                                                            en="Acme")})})
    assert b.glossary.organisations["acme"].en == "Acme"
    assert len(b.glossary.terms) + len(b.glossary.organisations) > 1


def test_a_briefing_built_directly_refuses_include():
    import pydantic

    from briefing import Briefing, Text

    with pytest.raises(pydantic.ValidationError, match="load_data"):
        Briefing(title=Text(zh="简报"), include=["briefing:officials"])


def test_the_readme_statistics_example_loads_and_renders(tmp_path):
    """The README's statistics block is valid content and renders as its comments say."""
    import re

    from briefing.localize import format_statistic

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(statistics:\n.*?)```", readme, re.S)
    assert block
    content = tmp_path / "s.yaml"
    content.write_text("title: {zh: 简报}\n" + block.group(1), encoding="utf-8")
    b = load(content)
    for line in block.group(1).splitlines():
        said = re.search(r"#\s*(\S+) / (.+)$", line)
        key = re.match(r"\s+(\w+):", line)
        if said and key and key.group(1) in b.statistics:
            stat = b.statistics[key.group(1)]
            for lang, promised in (("zh", said.group(1)), ("en", said.group(2))):
                shown = format_statistic(stat, lang)
                assert shown in promised or promised in shown, (key.group(1), shown, promised)


@pytest.mark.parametrize("depth", [400, 5000])
def test_deep_nesting_is_refused_naming_the_limit(tmp_path, depth):
    text = "title: {zh: 题}\nsummary: " + "[" * depth + "x" + "]" * depth + "\n"
    found = problems(write(tmp_path, text))
    assert any("a content file may nest at most 64" in p for p in found), found


def test_a_huge_content_file_is_refused_naming_the_limit(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"title: {zh: x}\n" + b"# padding\n" * (2 * 1024 * 1024 + 10))
    found = problems(path)
    assert any("at most 20 MB" in p for p in found), found


# --------------------------------------------------------------------------- hostile input
# Each case below once escaped as a foreign exception ("internal error"), echoed a file
# it should not read, or hung (issue 14).

_EXTREME = ["1.0e-5000", "1.0e+1000000", "1.0e-9999999999", "1.0e-99999999999999999999",
            "1.0e+99999999999999999999", "9" * 5000, "-" + "9" * 5000]


@pytest.mark.parametrize("kind", ["yaml", "json"])
@pytest.mark.parametrize("value", _EXTREME, ids=lambda v: v[:24])
def test_an_extreme_value_is_refused_naming_the_field(tmp_path, kind, value):
    stat = {"value": "@", "unit": "percent"}
    data = {"title": {"zh": "题"}, "statistics": {"x": stat},
            "summary": [{"zh": "增长{x}", "en": "up {x}"}]}
    import json

    text = json.dumps(data, ensure_ascii=False).replace('"@"', value)
    found = problems(write(tmp_path, text, f"c.{kind}"))  # JSON is YAML, too
    assert len(found) == 1, found
    assert "statistics.x.value: " in found[0], found
    assert "out of range" in found[0] or "more than 10 decimals" in found[0], found
    assert len(found[0]) < 300, found  # a 5,000-digit value is quoted short


@pytest.mark.parametrize("kind", ["yaml", "json"])
@pytest.mark.parametrize(("where", "date", "said"), [
    ("date", "2024-02-30", "not a calendar date"),
    ("date", "2023-13-01", "less than or equal to 12, got 13"),
    ("articles[0].date", "2024-02-30", "not a calendar date"),
])
def test_an_invalid_date_is_the_librarys_error(tmp_path, kind, where, date, said):
    import json

    import yaml

    data = yaml.safe_load(GOOD)
    target = data["articles"][0] if where.startswith("articles") else data
    target["date"] = "@"
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace('"@"', date if kind == "yaml" else f'"{date}"')
    found = problems(write(tmp_path, text, f"c.{kind}"))
    assert any(f"{where}: " in p and said in p for p in found), found


@pytest.mark.parametrize(("name", "text"), [
    ("flow.yaml", "title: {zh: 题}\nx: " + "[" * 329 + "]" * 329 + "\n"),
    ("flow.json", '{"title": {"zh": "题"}, "x": ' + "[" * 329 + "]" * 329 + "}"),
    ("odd-quote.json", '{"title": {"zh": "题"}, "q": "\\"", "x": ' + "[" * 329 + "]" * 329 + "}"),
    ("compact.yaml", "title: {zh: 题}\nsummary:\n  " + "- " * 329 + "x\n"),
    ("compact-100.yaml", "title: {zh: 题}\nsummary:\n  " + "- " * 100 + "x\n"),
])
def test_nesting_329_levels_deep_is_the_librarys_error(tmp_path, name, text):
    found = problems(write(tmp_path, text, name))
    assert any("a content file may nest at most 64" in p for p in found), found


def _load_in_a_process(content: Path) -> str:
    """What loading says, in a process with a deadline and 2 GB of address space: a
    regression hangs or fills the memory there, not in the test runner."""
    import resource
    import subprocess
    import sys

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    code = ("import sys\nfrom briefing import ContentError, load\ntry:\n    load(sys.argv[1])\n"
            "except ContentError as exc:\n    print(exc)\n")
    r = subprocess.run([sys.executable, "-c", code, str(content)], capture_output=True,
                       text=True, timeout=60, preexec_fn=limit)
    return r.stdout + r.stderr


def _include(tmp_path: Path, entry: str) -> list[str]:
    return problems(write(tmp_path, GOOD + f"include: ['{entry}']\n"))


@pytest.mark.parametrize("entry", ["/etc/passwd", "../outside.yaml", "link.yaml", "/dev/zero",
                                   "briefing:../../../../../../etc/passwd"])
def test_an_include_outside_the_content_folder_is_refused_unread(tmp_path, entry):
    folder = tmp_path / "content"
    folder.mkdir()
    (tmp_path / "outside.yaml").write_text("secret_token: hunter2\n", encoding="utf-8")
    (folder / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    said = _load_in_a_process(write(folder, GOOD + f"include: ['{entry}']\n"))
    assert said.count("\n") == 1, said
    assert "lies outside the content's folder" in said or "unknown term base" in said, said
    assert "root:" not in said and "secret_token" not in said, said


def test_an_include_that_is_no_term_base_is_not_echoed(tmp_path):
    write(tmp_path, "db_password: hunter2\napi_key: abc123\n", "secrets.yaml")
    write(tmp_path, "root:x:0:0:root:/root:/bin/bash\n", "passwd.yaml")
    for name in ("secrets.yaml", "passwd.yaml"):
        found = _include(tmp_path, name)
        assert found == [f"{tmp_path / name}: is not a term base: expected a mapping of units, "
                         "people, organisations, terms, found "
                         + ("a mapping without any of them" if name == "secrets.yaml"
                            else "no mapping")], found


def test_an_include_that_is_a_fifo_is_refused_without_waiting(tmp_path):
    import os

    os.mkfifo(tmp_path / "terms.yaml")
    said = _load_in_a_process(write(tmp_path, GOOD + "include: [terms.yaml]\n"))
    assert f"{tmp_path / 'terms.yaml'}: is not a regular file" in said, said


def test_a_device_as_content_is_read_no_further_than_the_limit():
    said = _load_in_a_process(Path("/dev/zero"))
    assert said == ("/dev/zero: the file is larger than 20 MB; a content file may hold at "
                    "most 20 MB\n"), said


def test_an_unknown_block_type_lists_every_type_and_a_problem_is_told_once(tmp_path):
    bad_type = GOOD.replace("          - zh: 增长{gdp}",
                            "          - type: charts\n            zh: 增长{gdp}")
    assert problems(write(tmp_path, bad_type)) == [
        f"{tmp_path / 'c.yaml'}:12:13: articles[0].sections[0].blocks[0]: unknown block type "
        "'charts'; expected paragraph, quote, figure, key_figures or chart"]
    chart = GOOD.replace("          - zh: 增长{gdp}\n            en: grew {gdp}",
                         "          - type: chart\n            kind: bar\n"
                         "            title: {zh: 图, en: Chart}\n            figures: gdp")
    found = problems(write(tmp_path, chart))
    assert len(found) == len(set(found)) and any("figures: expected a list" in p for p in found)
