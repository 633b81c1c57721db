"""briefing ingest: the Liaoning seed page against the hand-made example (the answer key)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import shared_dir

import briefing
from briefing.intake import IngestError, ingest, ingest_text, write_placeholders
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


def drafted_zh(draft: Any) -> str:
    """Every Chinese string of ``draft``'s plan, once the draft loads as content."""
    b = briefing.load_data(json.loads(json.dumps(dict(draft.data), default=str)))
    return " ".join(briefing.plan(b, layout="zh").texts("zh"))


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


# --------------------------------------------------------------------------- damage kinds

TRADE_PORT = ROOT / "examples" / "trade-port" / "trade-port.yaml"


def clean_page() -> tuple[str, list[str], list[str]]:
    """The trade-port example as extracted page text, its paragraphs and its captions."""
    from briefing.plan import Caption, Para, Role

    p = briefing.plan(TRADE_PORT, layout="zh", template="reader")
    lines: list[str] = []
    paragraphs: list[str] = []
    captions: list[str] = []
    for item in p.items:
        content = item.cells[0].content
        if item.kind in ("headline", "heading"):
            lines.append(f"## {content[0].text}")  # type: ignore[union-attr]
        elif item.kind in ("deck", "byline"):
            lines.append(content[0].text)  # type: ignore[union-attr]
        elif item.kind in ("paragraph", "quote"):
            text = next(c.text for c in content if isinstance(c, Para) and c.role in
                        (Role.BODY, Role.QUOTE))
            lines.append(text)
            paragraphs.append(text)
        elif item.kind == "figure":
            cap = next(c for c in content if isinstance(c, Caption))
            credit = next(c.text for c in content if isinstance(c, Para))
            lines.append(f"▲{cap.text}  \n{credit}")
            captions.append(cap.text)
    return "\n\n".join(lines) + "\n", paragraphs, captions


def recovered(page: str) -> tuple[list[str], list[str]]:
    folder = Path(__import__("tempfile").mkdtemp())
    draft = ingest_text(page)
    (folder / "d.yaml").write_text(draft.yaml(), encoding="utf-8")
    write_placeholders(draft, folder)
    b = briefing.load(folder / "d.yaml")
    from briefing.model import Paragraph, Quote

    return zh_blocks(b, 0, (Paragraph, Quote)), zh_blocks(b, 0, Figure)


def test_the_clean_page_comes_back_whole():
    page, paragraphs, captions = clean_page()
    got, caps = recovered(page)
    assert got == paragraphs
    assert sorted(caps) == sorted(captions)


def _damage(kind: str, page: str, paragraphs: list[str]) -> str:
    p3, p5 = paragraphs[2], paragraphs[4]
    if kind == "page-break":  # a word split across a page break by a blank line
        return page.replace(p3, p3[:40] + "\n\n" + p3[40:])
    if kind == "page-break-repeated":  # the extraction repeats a character at the join
        k = next(k for k in range(40, len(p3)) if "\u4e00" <= p3[k - 1] <= "\u9fff")
        return page.replace(p3, p3[:k] + "\n\n" + p3[k - 1:])
    if kind == "running-header":
        return page.replace(p5, "人民日报 2025年10月21日 第5版\n\n" + p5)
    if kind == "duplicated-paragraph":  # a stray copy ahead of its place
        return page.replace(paragraphs[1], p5 + "\n\n" + paragraphs[1])
    if kind == "duplicated-caption":
        first = page.index("▲")
        end = page.index("\n\n", first)
        return page + "\n" + page[first:end] + "\n"
    if kind == "glued-byline":
        byline_end = page.index("\n\n", page.index("本报记者"))
        return page[:byline_end] + " " + page[byline_end + 2:]
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", ["page-break", "page-break-repeated", "running-header",
                                  "duplicated-paragraph", "duplicated-caption", "glued-byline"])
def test_each_kind_of_damage_is_repaired_to_the_original(kind):
    page, paragraphs, captions = clean_page()
    damaged = _damage(kind, page, paragraphs)
    assert damaged != page
    got, caps = recovered(damaged)
    assert got == paragraphs
    assert sorted(caps) == sorted(captions)


def test_an_orphaned_quote_goes_back_after_its_speaker_is_introduced():
    """A quote printed before the paragraph that names its speaker moves after it."""
    page = ("## 标题一则\n\n本报记者 王海燕\n\n"
            "“今年订单已经排到了明年春天。”李明表示。\n\n"
            "宁波舟山港外贸持续回暖，港口建设持续推进，新能源码头建设取得新进展，各方面工作有序开展。\n\n"
            "在甬东港区，宁波远航物流公司总经理李明介绍，公司新开了两条航线，业务量明显增长。\n\n"
            "港区还将继续扩大开放，为企业提供更好的服务，推动外贸高质量发展取得新成效。\n")
    draft = ingest_text(page)
    assert any("moved the quote of 李明" in r.message and r.review for r in draft.repairs)
    blocks_ = draft.data["articles"][0]["sections"][0]["blocks"]
    texts = [blk["zh"] for blk in blocks_]
    assert texts.index(next(t for t in texts if "今年订单" in t)) == 2  # after 李明's intro


def test_html_article_pages_in_the_structures_news_sites_use():
    html = """<!doctype html><html><head><title>宁波港外贸增长 - 示例新闻网</title>
<meta name="author" content="本报记者 王海燕"></head><body>
<div class="nav"><a href="/">首页</a><a href="/news">新闻</a><a href="/economy">经济</a></div>
<div class="main"><h1>新能源码头跑出外贸“加速度”</h1>
<div class="article-content">
<p>前三季度，宁波舟山港完成集装箱吞吐量2800万标准箱，同比增长6.2%。港口持续推进新能源码头建设，打造绿色低碳发展的新标杆。</p>
<figure><img src="pics/port.jpg">
<figcaption>宁波舟山港梅山港区。新华社记者 陶若帆摄</figcaption></figure>
<h2>绿色码头</h2>
<p>目前，港区已建成两座光伏电站，年发电量1.2亿千瓦时，减少二氧化碳排放约9万吨，绿色发展成效明显。</p>
<p>“今年订单已经排到了明年春天。”宁波远航物流公司总经理李明表示，公司新开了两条航线。</p>
</div></div><div class="footer">版权所有 示例新闻网</div></body></html>"""
    draft = ingest_text(html, "html")
    art = draft.data["articles"][0]
    assert art["headline"]["zh"] == "新能源码头跑出外贸“加速度”"
    assert art["byline"][0]["role"] == "staff_reporter"
    kinds = [blk.get("type", "paragraph") for sec in art["sections"] for blk in sec["blocks"]]
    assert kinds.count("figure") == 1 and "quote" in kinds
    assert [sec.get("heading", {}).get("zh") for sec in art["sections"]][-1] == "绿色码头"
    figure = next(blk for sec in art["sections"] for blk in sec["blocks"]
                  if blk.get("type") == "figure")
    assert figure["image"] == "pics/port.jpg" and figure["credit"]["kind"] == "photographer"
    assert "版权所有" not in draft.yaml() and "首页" not in draft.yaml()


def test_a_docx_of_an_article(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("新能源码头跑出外贸“加速度”", level=1)
    d.add_paragraph("本报记者 王海燕")
    d.add_paragraph("前三季度，宁波舟山港完成集装箱吞吐量2800万标准箱，同比增长6.2%。港口持续推进"
                    "新能源码头建设。")
    d.add_heading("绿色码头", level=2)
    d.add_paragraph("目前，港区已建成两座光伏电站，年发电量1.2亿千瓦时，绿色发展成效明显。")
    d.add_paragraph("▲ 宁波舟山港梅山港区。")
    d.add_paragraph("浙江日报供图")  # the credit in the paragraph under its caption
    path = tmp_path / "article.docx"
    d.save(str(path))
    draft = ingest(path)
    art = draft.data["articles"][0]
    assert art["headline"]["zh"] == "新能源码头跑出外贸“加速度”"
    assert len(draft.data["statistics"]) >= 3
    [figure] = [b for s in art["sections"] for b in s["blocks"] if b.get("type") == "figure"]
    assert figure["credit"]["kind"] == "courtesy"
    assert not [b for s in art["sections"] for b in s["blocks"] if b.get("zh") == "浙江日报供图"]


def test_a_page_far_too_large_is_refused(tmp_path):
    page = tmp_path / "huge.txt"
    page.write_bytes("中".encode() * (6 * 1024 * 1024 // 3 + 10))
    with pytest.raises(IngestError, match="far larger than a news page"):
        ingest(page)


def test_a_dateline_opening_the_first_paragraph_and_an_agency_credit():
    page = ("## 新能源码头跑出外贸加速度\n\n本报记者 王海燕\n\n"
            "本报宁波10月20日电 前三季度，宁波舟山港完成集装箱吞吐量2800万标准箱，同比增长6.2%，"
            "港口建设持续推进。\n\n▲宁波舟山港梅山港区。  \n新华社记者 陶若帆摄\n")
    draft = ingest_text(page)
    art = draft.data["articles"][0]
    assert art["dateline"]["zh"] == "宁波"
    first = art["sections"][0]["blocks"][0]
    assert first["zh"].startswith("前三季度")
    assert any("10月20日" in r.message and r.review for r in draft.repairs)
    figure = art["sections"][0]["blocks"][1]
    assert figure["credit"]["agency"] == "xinhua"


#: A page of our own with a masthead, a subheading printed after a dash, 倍 in both
#: senses, a period in months and figures printed with scale words.
MASTHEAD_PAGE = (
    "人民日报 2025年9月3日 第10版 经济\n\n"
    "向海而兴　港通四海\n——福建厦门港外贸集装箱吞吐量快速增长\n\n"
    "本报记者 陈立新 林美华\n\n"
    "本报厦门9月2日电　1—8月，厦门港完成集装箱吞吐量836.5万标准箱，同比增长7.3%。"
    "前7个月，新开通国际航线12条。上半年实际利用外资2.3亿美元，同比增长1.5倍。"
    "跨境电商进出口额是上年同期的2.4倍。\n")


def test_the_masthead_dates_the_dateline_and_names_the_paper():
    draft = ingest_text(MASTHEAD_PAGE)
    art = draft.data["articles"][0]
    assert (art["date"], art["publication"], art["dateline"]["zh"]) == (
        "2025-09-02", "peoples_daily", "厦门")
    assert art["headline"]["zh"] == "向海而兴　港通四海"
    assert art["subheading"]["zh"] == "福建厦门港外贸集装箱吞吐量快速增长"
    assert any("dated 2025-09-02" in r.message for r in draft.repairs)


def test_a_dateline_later_in_the_year_than_the_issue_is_from_the_year_before():
    page = MASTHEAD_PAGE.replace("2025年9月3日", "2026年1月2日").replace("9月2日电", "12月31日电")
    assert ingest_text(page).data["articles"][0]["date"] == "2025-12-31"


def test_multiples_periods_and_scaled_figures_are_drafted_as_the_source_prints_them():
    draft = ingest_text(MASTHEAD_PAGE)
    stats = list(draft.data["statistics"].values())
    by_value = {str(s["value"]): s for s in stats}
    assert by_value["836.5万"]["unit"] == "teu"  # as printed, not 8365000.0
    assert by_value["2.3亿"]["unit"] == "usd"
    assert (by_value["1.5"]["unit"], by_value["1.5"]["kind"]) == ("times", "increase_times")
    assert (by_value["2.4"]["unit"], by_value["2.4"]["kind"], by_value["2.4"]["basis"]) == (
        "times", "ratio", "year_on_year")
    assert "7" not in by_value  # 前7个月 is a period, left as text
    zh = drafted_zh(draft)
    assert "本报厦门9月2日电" in zh and "836.5万标准箱" in zh and "2.3亿美元" in zh
    assert "同比增长1.5倍" in zh and "是上年同期的2.4倍" in zh


WORDS_PAGE = (
    "人民日报 2025年10月8日 第1版\n\n"
    "江城外贸稳中有进\n\n"
    "本报武汉10月7日电（记者王明、李华）　今年前三季度，武汉市外贸进出口总值2856.4亿元，"
    "同比增长12.3%，增速居全省第一。全市近百家企业参与跨境电商，上千个品牌走向海外，"
    "三百多家外贸企业新开拓了数十个国际市场。新能源汽车出口量位居全国第三位，十余个项目落地，"
    "万家灯火映照江城。\n")


def test_a_byline_in_brackets_after_the_dateline_is_the_byline():
    draft = ingest_text(WORDS_PAGE)
    art = draft.data["articles"][0]
    people = draft.data["glossary"]["people"]
    assert [(people[b["person"]]["zh"], b["role"]) for b in art["byline"]] == [
        ("王明", "reporter"), ("李华", "reporter")]
    first = art["sections"][0]["blocks"][0]["zh"]
    assert first.startswith("今年前三季度") and "记者" not in first


def test_numerals_in_words_and_rankings_become_statistics_in_the_texts_order():
    draft = ingest_text(WORDS_PAGE)
    stats = draft.data["statistics"]
    text = draft.data["articles"][0]["sections"][0]["blocks"][0]["zh"]
    assert [k for k in stats] == re.findall(r"\{(\w+)\}", text)  # in the order of the text
    printed = {k: (str(v["value"]), v.get("qualifier"), v.get("measure_word"), v.get("kind"))
               for k, v in stats.items()}
    assert sorted(printed.values(), key=str) == sorted([
        ("2856.4亿", None, None, None), ("12.3", None, None, "growth"),
        ("1", None, None, "rank"), ("100", "nearly", "家", None),
        ("1000", "more_than", "个", None), ("300", "more_than", "家", None),
        ("10", "several", "个", None), ("3", None, "位", "rank"),
        ("10", "more_than", "个", None)], key=str)
    assert "万家灯火" in text  # a manner of speaking, not a figure
    # ids: a change after a figure measures its subject; a count what follows it
    assert {"trade_q1_q3_2025", "trade_growth_q1_q3_2025", "companies", "brands", "markets",
            "projects"} <= set(stats)
    ranks = [v for v in stats.values() if v.get("kind") == "rank"]
    assert [r["scope"] for r in ranks] == [{"zh": "全省", "en": "in the province"},
                                          {"zh": "全国", "en": "nationwide"}]
    zh = drafted_zh(draft)
    for printed_zh in ("增速居全省第一", "近百家企业", "上千个品牌", "三百多家外贸企业",
                       "数十个国际市场", "位居全国第三位", "十余个项目"):
        assert printed_zh in zh


CHANGES_PAGE = (
    "江城物价平稳\n\n本报记者 王明\n\n"
    "今年前三季度，武汉市居民消费价格同比上涨1.2%，涨幅比上半年回落0.8个百分点；制造业投资占比"
    "提高2.3个百分点。进口和出口同比分别增长8.5%和6.2%。全市近10万户家庭受益，鲜切花销量达"
    "98.7亿枝，开行班列320班。\n")


def test_changes_points_and_other_measure_words_become_statistics():
    draft = ingest_text(CHANGES_PAGE)
    stats = list(draft.data["statistics"].values())
    got = [(str(s["value"]), s.get("kind"), s.get("direction"), s.get("basis"),
            s.get("measure_word")) for s in stats]
    assert got == [
        ("1.2", "growth", None, "year_on_year", None),  # 上涨 is a change verb
        ("0.8", "points_change", "down", None, None),  # 个百分点 is read
        ("2.3", "points_change", None, None, None),
        ("8.5", "growth", None, "year_on_year", None),  # 同比分别增长: both year on year
        ("6.2", "growth", None, "year_on_year", None),
        ("10万", None, None, None, "户"), ("98.7亿", None, None, None, "枝"),
        ("320", None, None, None, "班")]
    assert not draft.notes
    zh = drafted_zh(draft)
    assert CHANGES_PAGE.split("\n\n")[2].strip() in zh  # the paragraph renders back whole


def test_fractions_keep_their_qualifiers_and_take_the_noun_after_them():
    draft = ingest_text("标题测试文章\n\n本报记者 王明\n\n今年全市约三分之二的企业实现增长，"
                        "三分之一左右的项目已开工，不到四分之一的园区完成改造，相关工作正在推进之中。\n")
    stats = draft.data["statistics"]
    assert {k: (v["value"], v["denominator"], v["zh_marker"]) for k, v in stats.items()} == {
        "companies": ("2", 3, "约"), "projects": ("1", 3, "左右"), "parks": ("1", 4, "不到")}


def test_a_headline_with_its_subheading_then_the_dateline_paragraph_starts_an_article():
    """No byline line: the byline is in brackets after the dateline, as the paper prints it."""
    page = MASTHEAD_PAGE.replace("本报记者 陈立新 林美华\n\n", "").replace(
        "9月2日电　", "9月2日电（记者陈立新）　")
    draft = ingest_text(page)
    art = draft.data["articles"][0]
    people = draft.data["glossary"]["people"]
    assert (art["headline"]["zh"], art["subheading"]["zh"], art["dateline"]["zh"],
            art["date"], art["publication"]) == (
        "向海而兴　港通四海", "福建厦门港外贸集装箱吞吐量快速增长", "厦门", "2025-09-02",
        "peoples_daily")
    assert [people[b["person"]]["zh"] for b in art["byline"]] == ["陈立新"]
    assert art["sections"][0]["blocks"][0]["zh"].startswith("1—8月")


def test_a_photo_by_the_papers_own_reporter_is_a_staff_credit():
    page = (MASTHEAD_PAGE + "\n图为厦门港远海码头。 本报记者 杨晓岚摄\n\n"
            "港口持续推进智慧化改造，作业效率稳步提升，码头运营更加高效。\n")
    draft = ingest_text(page)
    figures = [b for s in draft.data["articles"][0]["sections"] for b in s["blocks"]
               if b.get("type") == "figure"]
    assert [dict(f["credit"]) for f in figures] == [
        {"kind": "photographer", "who": "yang_xiaolan", "staff": True}]


def test_a_staff_photo_credit_without_the_papers_name_is_left_for_review():
    page = ("江城外贸稳中有进\n\n本报记者 王明\n\n今年前三季度，武汉市外贸进出口总值"
            "2856.4亿元，同比增长12.3%，全市外贸企业继续稳步发展壮大。\n\n"
            "图为武汉阳逻港集装箱码头。 本报记者 杨晓岚摄\n\n"
            "外贸企业新开拓了数十个国际市场，十余个项目落地生根。\n")
    draft = ingest_text(page)
    briefing.load_data(json.loads(json.dumps(dict(draft.data), default=str)))  # it loads
    assert "give the article a publication and the credit staff: true" in draft.yaml()


def test_this_year_last_year_and_a_month_alone_are_periods_and_the_past_years_no_figure():
    page = ("人民日报 2025年11月8日 第1版\n\n江城外贸稳中有进\n\n本报记者 王明\n\n"
            "今年前三季度，武汉市外贸进出口总值2856.4亿元。10月当月，出口额达320亿元，同比增长8.5%。"
            "去年全年，进出口总值3500亿元。近3年来，外贸企业数量增长20%。\n")
    draft = ingest_text(page)
    periods = {str(s["value"]): s.get("period") for s in draft.data["statistics"].values()}
    assert periods == {"2856.4亿": {"year": 2025, "through_quarter": 3}, "320亿": {"month": 10},
                       "8.5": {"month": 10}, "3500亿": {"year": 2024}, "20": None}
    assert "近3年来" in draft.data["articles"][0]["sections"][0]["blocks"][0]["zh"]


def test_everyday_phrases_with_numerals_do_not_stop_ingest():
    """惠及千万家庭 (millions of families) and 百分之十二: not numerals the grammar reads,
    left as text (the grammar raised a plain ValueError and ingest stopped)."""
    draft = ingest_text("测试新闻标题一二三\n\n本报记者 王明\n\n今年全省经济平稳运行，"
                        "惠及千万家庭，百万人次参与，增幅达到百分之十二。\n")
    text = draft.data["articles"][0]["sections"][0]["blocks"][0]["zh"]
    assert "惠及千万家庭" in text and "百万人次" in text


def test_a_dateline_and_byline_on_a_line_of_their_own_leave_no_empty_paragraph():
    page = ("人民日报 2025年11月3日 第2版\n\n江苏开放型经济稳中提质\n\n"
            "本报南京11月2日电（记者 陈晓东）\n\n"
            "前三季度，全省进出口总值4.12万亿元，同比增长8.6%。\n")
    draft = ingest_text(page)
    art = draft.data["articles"][0]
    assert art["dateline"]["zh"] == "南京" and art["date"] == "2025-11-02"
    assert all(b["zh"].strip() for s in art["sections"] for b in s["blocks"])
    b = briefing.load_data(json.loads(json.dumps(dict(draft.data), default=str)))
    assert b.articles[0].sections[0].blocks[0].text.zh.startswith("前三季度")


def test_an_agency_dispatch_is_the_agencys_not_the_papers():
    page = ("人民日报 2025年11月3日 第2版\n\n## 前三季度规上工业企业利润降幅收窄\n\n"
            "新华社北京11月2日电（记者 张三）国家统计局2日发布数据，1—9月全国规模以上工业企业"
            "利润下降1.2%。\n")
    draft = ingest_text(page)
    art = draft.data["articles"][0]
    assert art["dateline_by"] == "xinhua" and "publication" not in art
    zh = drafted_zh(draft)
    assert "新华社北京11月2日电" in zh and "本报北京" not in zh


def test_the_year_nearest_a_figure_dates_it_and_a_comparison_does_not():
    page = ("人民日报 2025年11月3日 第2版\n\n闽台经贸往来回暖\n\n本报记者 王明\n\n"
            "去年，闽台贸易额下降3.5%，今年前三季度回升至1203亿元。"
            "东兴口岸通关时间比去年减少1.2小时。\n")
    periods = {str(s["value"]): s.get("period")
               for s in ingest_text(page).data["statistics"].values()}
    assert periods == {"3.5": {"year": 2024}, "1203亿": {"year": 2025, "through_quarter": 3},
                       "1.2": None}


def test_a_pages_picture_address_becomes_a_local_file(tmp_path):
    html = ("<html><body><h1>日照港散货吞吐量创新高</h1><p>本报记者 王明</p>"
            "<p>今年前三季度，日照港完成货物吞吐量4.2亿吨，同比增长5.1%，创历史同期新高。</p>"
            "<figure><img src='https://img.example.com/a/rz.jpg'>"
            "<figcaption>日照港散货码头。王明摄</figcaption></figure>"
            "<figure><img src='/var/www/img/qd.png'>"
            "<figcaption>青岛港自动化码头。王明摄</figcaption></figure>"
            "<figure><img src='https://img.example.com/b/rz.jpg'>"  # the same name again
            "<figcaption>烟台港客滚码头。王明摄</figcaption></figure>"
            "<p>港口持续推进智慧化改造，作业效率稳步提升，码头运营更加高效。</p></body></html>")
    draft = ingest_text(html, "html")
    images = [image for image, _ in draft.figures]
    assert images == ["images/rz.jpg", "images/qd.png", "images/rz-3.jpg"]
    assert "the page's picture is https://img.example.com/a/rz.jpg" in draft.yaml()
    write_placeholders(draft, tmp_path)
    assert sorted(p.name for p in (tmp_path / "images").iterdir()) == [
        "qd.png", "rz-3.jpg", "rz.jpg"]
    assert (tmp_path / "images" / "rz.jpg").read_bytes()[:2] == b"\xff\xd8"  # a JPEG


def test_a_marked_caption_with_its_credit_on_its_line_is_split():
    page = ("山东港口集装箱吞吐量创新高\n\n本报记者 王明\n\n今年前三季度，山东港口集装箱吞吐量完成"
            "2860.5万标准箱，同比增长8.2%。\n\n▲ 青岛港自动化码头。新华社记者 李某摄\n\n"
            "▼ 日照港散货码头。资料图片\n")
    figures = [b for s in ingest_text(page).data["articles"][0]["sections"] for b in s["blocks"]
               if b.get("type") == "figure"]
    assert [(f["caption"]["zh"], dict(f["credit"])) for f in figures] == [
        ("青岛港自动化码头。", {"kind": "photographer", "who": "li_mou", "agency": "xinhua"}),
        ("日照港散货码头。", {"kind": "file"})]


def test_ranking_verbs_inside_words_and_doublings_with_more_stay_text():
    """邻居, 民居, 故居 end in 居 but rank nothing (第一次, 第一期: ordinals); 翻两番多 is
    more than quadrupled, which a doubling does not say."""
    draft = ingest_text("测试新闻标题一二三\n\n本报记者 王明\n\n老邻居第一次见面，民居第一期完工，"
                        "故居第二展厅开放。增速居全省第一。外贸总值翻两番多，进口翻一番。\n")
    assert [(s["kind"], s["value"]) for s in draft.data["statistics"].values()] == [
        ("rank", "1"), ("doubling", "1")]


def test_doublings_become_statistics():
    draft = ingest_text("测试新闻标题一二三\n\n本报记者 王明\n\n五年来，全市外贸进出口总值翻一番，"
                        "新能源汽车出口量翻两番，发展势头良好。\n")
    assert [(s["value"], s["kind"]) for s in draft.data["statistics"].values()] == [
        ("1", "doubling"), ("2", "doubling")]
    zh = drafted_zh(draft)
    assert "总值翻一番，新能源汽车出口量翻两番" in zh


def test_a_caption_that_shares_no_words_stays_where_the_page_printed_it():
    page = ("江苏开放型经济稳中提质\n\n本报记者 王明\n\n前三季度，全省进出口总值4.12万亿元，"
            "同比增长8.6%。\n\n截至9月底，跨境电商进出口额达1260.5亿元。\n\n"
            "▲ 连云港港集装箱码头一派繁忙景象。\n本报记者 李明远摄\n")
    blocks = ingest_text(page).data["articles"][0]["sections"][0]["blocks"]
    assert [b.get("type", "paragraph") for b in blocks] == ["paragraph", "paragraph", "figure"]


def test_amounts_in_words_with_yi_become_statistics():
    """一百二十亿元 and 两万亿元 are figures; 1500亿斤 is a weight the units do not have
    (a count would read "150 billion" in English), left as text."""
    draft = ingest_text("测试新闻标题一二三\n\n本报记者 王明\n\n全年粮食产量1500亿斤，财政收入"
                        "一百二十亿元，两万亿元规模。千万家庭受益。\n")
    got = [(str(s["value"]), s.get("notation"), s.get("measure_word"))
           for s in draft.data["statistics"].values()]
    assert got == [("12000000000", "words", None), ("2000000000000", "words", None)]
    zh = drafted_zh(draft)
    assert "全年粮食产量1500亿斤，财政收入一百二十亿元，两万亿元规模。千万家庭受益。" in zh
