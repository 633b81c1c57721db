"""briefing ingest: the Liaoning seed page against the hand-made example (the answer key)."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import shared_dir

import briefing
from briefing.ingest import IngestError, ingest, ingest_text, write_placeholders
from briefing.model import Briefing, Figure
from briefing.model.walk import blocks
from briefing.resolve import Resolver

ROOT = Path(__file__).resolve().parent.parent
SEED = shared_dir() / "seeds" / "000_75582bbaba95035a.txt"
FIGURES_MD = shared_dir() / "reference" / "figures.md"
EXAMPLE = ROOT / "examples" / "liaoning" / "liaoning.yaml"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory) -> Briefing:
    folder = tmp_path_factory.mktemp("draft")
    draft = ingest(SEED)
    (folder / "draft.yaml").write_text(draft.yaml(), encoding="utf-8")
    write_placeholders(draft, folder)
    return briefing.load(folder / "draft.yaml")


@pytest.fixture(scope="module")
def answer() -> Briefing:
    return briefing.load(EXAMPLE)


def zh_blocks(b: Briefing, ai: int, kind: type | tuple[type, ...]) -> list[str]:
    r = Resolver(b)
    out = []
    for loc, blk in blocks(b):
        if loc[1] != ai or not isinstance(blk, kind):
            continue
        out.append(r.bi(blk.caption if isinstance(blk, Figure) else blk.text, "zh"))
    return out


def test_the_draft_loads_and_renders_in_chinese(drafted, tmp_path):
    data = briefing.render(drafted, format="pdf", layout="zh")
    assert data.startswith(b"%PDF")


def test_articles_headlines_decks_and_bylines_match_the_example(drafted, answer):
    r, k = Resolver(drafted), Resolver(answer)
    assert len(drafted.articles) == len(answer.articles) == 3
    for got, want in zip(drafted.articles, answer.articles, strict=True):
        assert r.bi(got.headline, "zh") == k.bi(want.headline, "zh")
        assert (r.bi(got.deck, "zh") if got.deck else None) == \
            (k.bi(want.deck, "zh") if want.deck else None)
        assert [r.name(x.person, "zh") for x in got.byline] == \
            [k.name(x.person, "zh") for x in want.byline]
        assert (got.dateline.zh if got.dateline else None) == \
            (want.dateline.zh if want.dateline else None)


@pytest.mark.parametrize("ai", [0, 1, 2])
def test_paragraphs_come_back_in_order_and_captions_in_their_article(drafted, answer, ai):
    from briefing.model import Paragraph, Quote

    assert zh_blocks(drafted, ai, (Paragraph, Quote)) == zh_blocks(answer, ai, (Paragraph, Quote))
    assert sorted(zh_blocks(drafted, ai, Figure)) == sorted(zh_blocks(answer, ai, Figure))


def _values(cell: str) -> list[tuple[Decimal, bool]]:
    out = []
    for token in re.split(r";|,|→", cell):
        token = token.strip()
        if token:
            more = token.startswith(">")
            out.append((Decimal(token.lstrip(">")), more))
    return out


def figure_rows() -> list[tuple[int, str, str]]:
    rows = []
    for line in FIGURES_MD.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| (\d+) \| [^|]* \| ([^|]*) \| ([^|]*) \|", line)
        if m:
            rows.append((int(m.group(1)), m.group(2).strip(), m.group(3).strip()))
    return rows


@pytest.mark.parametrize(("no", "zh", "values"), figure_rows(), ids=[str(r[0]) for r in
                                                                     figure_rows()])
def test_every_figure_of_the_reference_is_a_statistic(drafted, no, zh, values):
    stats = list(drafted.statistics.values())
    for value, more in _values(values):
        hits = [s for s in stats if value in (s.value, s.from_value)
                and (not more or s.qualifier.value == "more_than")]
        assert hits, (no, zh, value, more)


def test_every_repair_is_a_comment_in_the_draft():
    draft = ingest(SEED)
    text = draft.yaml()
    for repair in draft.repairs:
        if "dropped" not in repair.message and "removed" not in repair.message:
            assert str(repair) in text, repair
    assert any("展的" in r.message for r in draft.repairs)  # 发展|展的, the repeated 展


DAMAGED = """
新能源码头跑出外贸加速度

本报记者 王海燕

前三季度，宁波舟山港完成集装箱吞吐量2800万标准箱，同比增长6.2%。港口持续推进新能源码头建设，打造绿色低碳发

人民日报 2024年10月21日 第5版

展的新标杆。

目前，港区已建成两座光伏电站，年发电量1.2亿千瓦时，减少二氧化碳排放约9万吨。

目前，港区已建成两座光伏电站，年发电量1.2亿千瓦时，减少二氧化碳排放约9万吨。

▲宁波舟山港梅山港区。
新华社记者 陶若帆摄
"""


def test_damage_of_each_kind_is_repaired():
    draft = ingest_text(DAMAGED)
    messages = " ".join(r.message for r in draft.repairs)
    assert "removed a page header" in messages
    assert "joined" in messages and "dropped the repeated “发”" not in messages
    assert "dropped a copy of the paragraph" in messages
    text = draft.yaml()
    assert "打造绿色低碳发展的新标杆" in text
    assert text.count("港区已建成两座光伏电站") == 1
    assert "第5版" not in text


def test_a_glued_byline_is_split():
    draft = ingest_text("标题一则\n\n本报记者 王海燕 前三季度，宁波舟山港完成集装箱吞吐量"
                        "2800万标准箱，同比增长6.2%，港口建设持续推进。\n")
    assert any("split the byline" in r.message for r in draft.repairs)
    assert draft.data["articles"][0]["byline"][0]["role"] == "staff_reporter"


@pytest.mark.parametrize(("content", "message"), [
    (b"\x00\x01\x02binary", "binary"),
    (b"", "no text"),
    (b"This page is entirely in English and has no Chinese in it at all.", "not a Chinese"),
])
def test_bad_input_gets_a_clear_message(tmp_path, content, message):
    page = tmp_path / "page.txt"
    page.write_bytes(content)
    with pytest.raises(IngestError, match=message):
        ingest(page)


def test_cli_ingest_writes_a_draft_and_a_summary(tmp_path):
    out = tmp_path / "draft.yaml"
    done = subprocess.run([sys.executable, "-m", "briefing.cli", "ingest", str(SEED), "-o",
                           str(out)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "3 article(s)" in done.stderr and "repairs" in done.stderr
    assert out.is_file() and (tmp_path / "images" / "figure-1.png").is_file()
    again = subprocess.run([sys.executable, "-m", "briefing.cli", "ingest", str(SEED), "-o",
                            str(out)], capture_output=True, text=True, cwd=ROOT)
    assert again.returncode == 2 and "--force" in again.stderr
    bad = subprocess.run([sys.executable, "-m", "briefing.cli", "ingest", "-", "-o",
                          str(tmp_path / "x.yaml")], input="only English here", capture_output=True,
                         text=True, cwd=ROOT)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert not (tmp_path / "x.yaml").exists()
