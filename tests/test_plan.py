"""The document plan: final strings for each layout, labels from catalogs."""

import pytest

from briefing.api import plan
from briefing.plan import Caption, Layout, PageField, Para


@pytest.mark.parametrize("layout", list(Layout))
def test_plan_for_each_layout(mini, layout):
    p = plan(mini, layout=layout)
    langs = {"parallel": ("zh", "en"), "interleaved": ("zh", "en"), "zh": ("zh",),
             "en": ("en",)}[layout.value]
    assert p.languages == langs
    assert all(tuple(c.lang for c in item.cells) == langs for item in p.items)
    zh, en = " ".join(p.texts("zh")), " ".join(p.texts("en"))
    if "zh" in langs:
        assert "技术合同成交额达到1308.3亿元，同比增长30.8%" in zh
        assert "40余家企业" in zh
        assert "图1　中国科学院金属研究所" in zh
        assert "周颂雪摄" in zh
    if "en" in langs:
        assert "130.83 billion yuan, up 30.8%" in en
        assert "more than 40 companies" in en
        assert "Photo: Zhou Songxue" in en
        assert "Institute of Metal Research of the Chinese Academy of Sciences (IMR)" in en
    assert "{" not in zh + en and "}" not in zh + en


def test_plan_pieces(mini):
    p = plan(mini)
    kinds = [i.kind for i in p.items]
    assert kinds[:3] == ["title", "summary", "key_figures"]
    assert kinds[-3:] == ["glossary", "glossary", "sources"]
    fig = next(i for i in p.items if i.kind == "figure")
    assert fig.image is not None and fig.image.width_px == 2100
    cap = fig.cells[0].content[0]
    assert isinstance(cap, Caption) and cap.number == 1 and cap.prefix == "图"
    quote = next(i for i in p.items if i.kind == "quote")
    att = quote.cells[1].content[1]
    assert isinstance(att, Para) and att.text == "— Gao Tao, Vice Governor of Liaoning Province"
    assert p.footer[:3] == ("第 ", PageField.PAGE, " 页 共 ")
    outlines = [i.outline.title for i in p.items if i.outline]
    assert "老工业基地加速培育壮大新质生产力 / An old industrial base builds new quality " \
           "productive forces" in outlines


def test_english_lead_puts_english_first(mini):
    text = mini.read_text(encoding="utf-8") + "lead: en\n"
    mini.write_text(text, encoding="utf-8")
    assert plan(mini).languages == ("en", "zh")


def test_literal_braces_survive(mini):
    text = mini.read_text(encoding="utf-8").replace("成果显著！", "成果显著{{注}}！")
    mini.write_text(text, encoding="utf-8")
    assert any("成果显著{注}！" in t for t in plan(mini, layout="zh").texts())


FURNITURE = """
title: {zh: 简报, en: Brief}
glossary:
  people:
    jia: {zh: 甲某, en: Jia Mou}
    yi: {zh: 乙某, en: Yi Mou}
    wang: {zh: 王某, en: Wang Mou}
    li: {zh: 李某, en: Li Mou}
  organisations:
    xinhua: {zh: 新华通讯社, en: Xinhua News Agency, short_zh: 新华社, short_en: Xinhua}
    pd: {zh: 人民日报, en: People's Daily}
articles:
  - id: a
    headline: {zh: 主题, en: Headline}
    subheading: {zh: 副题, en: Subheading}
    dateline: {zh: 杭州, en: Hangzhou}
    date: 2024-08-12
    publication: pd
    byline: [{person: jia, role: staff_reporter}, {person: yi, role: staff_reporter}]
    sections:
      - blocks:
          - {zh: 正文。, en: Text.}
          - {type: figure, image: p.png, caption: {zh: 甲, en: A},
             credit: {kind: photographer, who: wang, agency: xinhua}}
          - {type: figure, image: p.png, caption: {zh: 乙, en: B},
             credit: {kind: photographer, who: li, staff: true}}
          - {type: figure, image: p.png, caption: {zh: 丙, en: C}, credit: {kind: interviewee}}
          - {type: figure, image: p.png, caption: {zh: 丁, en: D}, credit: {kind: file}}
"""


def test_article_furniture_in_both_languages(tmp_path):
    from conftest import make_image

    from briefing import load

    content = tmp_path / "f.yaml"
    content.write_text(FURNITURE, encoding="utf-8")
    make_image(tmp_path / "p.png", (2400, 1600))
    p = plan(load(content))
    zh, en = p.texts("zh"), p.texts("en")
    for text in ("本报杭州8月12日电", "副题", "本报记者 甲某、乙某", "新华社记者 王某摄",
                 "本报记者 李某摄", "受访者供图", "资料图片"):
        assert text in zh, (text, zh)
    for text in ("HANGZHOU, 12 August", "Subheading", "By Jia Mou and Yi Mou, staff reporters",
                 "Photo: Wang Mou/Xinhua", "Photo: Li Mou/People's Daily",
                 "Photo courtesy of the interviewee", "File photo"):
        assert text in en, (text, en)
    assert zh.index("主题") < zh.index("副题")  # the subheading sits below the headline


def _prose(en: str, **statistics: dict[str, object]) -> str:
    from briefing.loader import load_data
    from briefing.resolve import Resolver

    b = load_data({
        "title": {"zh": "测试", "en": "Test"},
        "statistics": statistics,
        "glossary": {"organisations": {"co": {"zh": "某某有限公司", "en": "Mou Co., Ltd."}}},
        "articles": [{"id": "a", "headline": {"zh": "标题", "en": "Headline"},
                      "sections": [{"blocks": [{"zh": "某某", "en": en}]}]}],
    })
    return Resolver(b).text(en, "en")


@pytest.mark.parametrize(("en", "shown"), [
    # a reference that opens a sentence starts with a capital
    ("{n} companies have moved in.", "More than 1,000 companies have moved in."),
    ("So far {n} have. {n} more are coming.",
     "So far more than 1,000 have. More than 1,000 more are coming."),
    ("“{k} ports,” he said.", "“Five ports,” he said."),
    ("{w} of firms joined.", "Dozens of firms joined."),
    ("Output rose; {k} ports grew.", "Output rose; five ports grew."),  # not a new sentence
    # a name that ends with a full stop takes the sentence's own
    ("It is run by {co}.", "It is run by Mou Co., Ltd."),
    ("Run by {co}. {co} is big.", "Run by Mou Co., Ltd. Mou Co., Ltd. is big."),
    ("Output at {co} grew.", "Output at Mou Co., Ltd. grew."),
])
def test_english_prose_opens_sentences_with_a_capital_and_ends_them_once(en, shown):
    assert _prose(en, n={"value": "上千家", "unit": "count"},
                  k={"value": 5, "unit": "count", "measure_word": "个"},
                  w={"value": "数十家", "unit": "count"}) == shown
