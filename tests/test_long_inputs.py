"""Long inputs render in every template: blocks taller than a page break across pages."""

from __future__ import annotations

import re
import subprocess

import pytest

import briefing

LONG = "辽宁是我国重要的老工业基地，曾经为中国工业贡献了很多第一。" * 400


def long_briefing(where: str) -> briefing.Briefing:
    data: dict = {"title": {"zh": "标题", "en": "Title"},
                  "glossary": {"people": {"p": {"zh": "王某", "en": "Wang Mou"}}},
                  "articles": [{"id": "a", "headline": {"zh": "题", "en": "Headline"},
                                "sections": [{"blocks": [{"zh": "短。", "en": "Short."}]}]}]}
    if where == "summary":
        data["summary"] = [{"zh": LONG, "en": "Long."}]
    elif where == "paragraph":
        data["articles"][0]["sections"][0]["blocks"] = [{"zh": LONG, "en": "Long."}]
    elif where == "quote":
        data["articles"][0]["sections"][0]["blocks"] = [
            {"type": "quote", "speaker": "p", "zh": LONG, "en": "Long."}]
    elif where == "headline":
        data["articles"][0]["headline"] = {"zh": LONG[:2000], "en": "Headline"}
    return briefing.load_data(data)


@pytest.mark.parametrize("template", ["handout", "reader"])
@pytest.mark.parametrize("where", ["summary", "paragraph", "quote", "headline"])
def test_a_block_taller_than_a_page_breaks_across_pages(where, template, tmp_path):
    out = tmp_path / "long.pdf"
    briefing.render(long_briefing(where), out, template=template, force=True)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    assert pages > 1
