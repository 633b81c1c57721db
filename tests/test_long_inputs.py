"""Long inputs render in every template: blocks taller than a page break across pages."""

from __future__ import annotations

import re
import subprocess
from types import SimpleNamespace

import pytest
from reportlab.platypus import Flowable, PageBreak

import briefing
from briefing.writers.pdf.text import Memo, TextBlock, TextStyle

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


# ---------------------------------------------------------------- every retry has a limit

class _Stuck(Flowable):
    """A block that never makes progress: each split places nothing and returns a twin."""

    def __init__(self, text: str, fresh: bool) -> None:
        super().__init__()
        self.fresh = fresh
        # what describe() reads to name the block
        self.items = [TextBlock(text, "en", TextStyle(), SimpleNamespace(memo=Memo()))]

    def wrap(self, availWidth, availHeight):  # noqa: N803
        return availWidth, availHeight + 1

    def split(self, availWidth, availHeight):  # noqa: N803
        twin = _Stuck("", self.fresh)
        twin.items = self.items
        # on the same page (an empty part first), or pushed to the next page
        return [_Nothing(), twin] if not self.fresh else [PageBreak(), twin]


class _Nothing(Flowable):
    def wrap(self, availWidth, availHeight):  # noqa: N803
        return availWidth, 0

    def draw(self):
        pass


@pytest.mark.parametrize("fresh", [False, True], ids=["split-on-the-same-page",
                                                      "moved-to-the-next-page"])
def test_a_block_that_makes_no_progress_stops_with_a_message_naming_it(monkeypatch, fresh):
    from briefing.writers.pdf import layouts

    real = TextBlock._prepare

    def prepare(self, spans, style, ts):  # the stuck block's text, without fonts
        if not isinstance(ts, SimpleNamespace):  # the page furniture: set as it is
            return real(self, spans, style, ts)
        return "".join(s.text for s in spans), [], [], [], [], None, (), -1  # text.Prepared

    monkeypatch.setattr(TextBlock, "_prepare", prepare)
    monkeypatch.setattr(layouts.Layouter, "story",
                        lambda self: [_Stuck("Exports rose by a fifth", fresh)])
    b = briefing.load_data({"title": {"zh": "题", "en": "T"}})
    with pytest.raises(briefing.RenderError, match=r"no progress.*'Exports rose by a fifth'"):
        briefing.render_bytes(b, format="pdf")


def test_a_title_that_nearly_fills_a_page_renders_at_every_length():
    """The parallel layout's columns met a title that kept with the text after it on an
    empty page: the split placed nothing, again and again, at some lengths only."""
    failed = []
    for n in range(110, 140, 2):
        content = briefing.load_data({
            "title": {"zh": "江城" * n, "en": "Jiangcheng's economy steadies"},
            "date": "2025-10-28",  # a line the title keeps with
            "summary": [{"zh": "前三季度，江城经济稳中有进，同比增长。",
                         "en": "In the first three quarters the economy grew steadily."}],
            "articles": [{"id": "a", "headline": {"zh": "题", "en": "Headline"},
                          "sections": [{"blocks": [{"zh": "短。", "en": "Short."}]}]}]})
        try:
            briefing.render(content, format="pdf", layout="parallel", force=True)
        except briefing.RenderError:
            failed.append(2 * n)
    assert failed == []


def test_a_word_wider_than_a_narrow_cell_is_cut_with_a_hyphen():
    """An English word wider than its table cell is cut at a hyphenation point, with its
    hyphen, not at whatever letter the width runs out (Septem / ber)."""
    from briefing.plan import Layout
    from briefing.templates import load_template
    from briefing.writers.pdf.document import memo_for
    from briefing.writers.pdf.fonts import load_fonts
    from briefing.writers.pdf.styles import Styles
    from briefing.writers.pdf.text import Typesetter

    template = load_template("handout")
    styles = Styles(template, Layout.PARALLEL)
    text = "Internationalisation telecommunications"
    fonts = load_fonts(template, {"serif": set(text + "-"), "sans": set()})
    ts = Typesetter(fonts, memo=memo_for(fonts))
    block = TextBlock(text, "en", styles.cell, ts)
    lines = block.lines(40.0)
    shown = [text[ln.start:ln.end] + ("-" if ln.hyphen else "") for ln in lines]
    assert len(lines) > 2
    inside_a_word = [ln for ln in lines if ln.end < len(text) and text[ln.end].isalpha()]
    assert inside_a_word and all(ln.hyphen for ln in inside_a_word), shown
