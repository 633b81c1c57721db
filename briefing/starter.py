"""``briefing init``: a starter content file that shows every feature."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

from .errors import BriefingError
from .output import atomic_write

STARTER = """\
# A briefing on a Chinese article. Every field is documented in the JSON
# Schema (`briefing schema`); render with
#   briefing render briefing.yaml -o briefing.pdf -o briefing.docx
title: {zh: 示例简报, en: Example briefing}          # required; zh is always required
subtitle: {zh: 某省经济动态, en: Economic news from a province}
date: 2024-05                     # partial dates are fine: 2024, 2024-05, 2024-05-01
prepared_by: {zh: 研究部, en: Research desk}
lead: zh                          # which language leads (left column / first)
include: ["briefing:officials"]   # term bases: shipped ones, or paths to your own files

summary:                          # executive summary bullets
  - zh: 一季度地区生产总值增长{gdp_q1}。        # {id} renders a statistic or a name
    en: GDP grew {gdp_q1} in the first quarter.

key_figures: [gdp_q1, firms]      # statistics shown in the key-figures panel

statistics:                       # every number is data, entered once
  gdp_q1:
    value: 5.4                    # exact decimal; "1308.3亿" is also accepted
    unit: percent                 # yuan, percent, percentage_point, kwh, mwh, tonne,
                                  # tonne_per_year, square_metre, fold, year, month, count
    kind: growth                  # level, growth, yoy_growth, increase, share,
                                  # points_change, multiple, from_to
    period: {year: 2024, quarter: 1}   # or {year}, {plan: 14}, {start_year, end_year}
    label: {zh: 地区生产总值, en: GDP}
  firms:
    value: 40
    unit: count
    measure_word: 家              # 家 个 项 名 台套 件 ...
    qualifier: more_than          # exact, about, more_than, nearly, at_least
    zh_marker: 余                 # how the Chinese says "more than": 余 多 超过 突破
    noun: {zh: 企业, en: companies}
    label: {zh: 供货企业, en: Companies supplied}

glossary:                         # names, entered once in both languages
  people:
    zhang_san: {zh: 张三, en: Zhang San}
  organisations:
    example_co:
      zh: 示例科技有限公司
      en: Example Technology Co.
      short_zh: 示例科技
      short_en: Example Tech

articles:
  - id: main
    deck: {zh: 产业升级提速, en: Industrial upgrading speeds up}   # kicker above the headline
    headline: {zh: 示例标题, en: Example headline}
    byline: [{person: zhang_san, role: staff_reporter}]
    publication: peoples_daily    # from the shipped term base
    sections:
      - blocks:
          - zh: "{example_co}的产品已进入{firms}的供应体系。"     # quote strings starting with {
            en: "{example_co:short}'s products now supply {firms}."
          - type: chart                  # bar, grouped_bar, line (periods in a row), share
            kind: bar
            figures: [gdp_q1]            # statistics of one unit, each with a label
            title: {zh: 一季度增速, en: Growth in the first quarter}
          - type: quote
            speaker: zhang_san
            title: {zh: 公司总经理, en: General Manager}
            zh: “我们将继续加大研发投入。”{zhang_san}说。
            en: "“We will keep raising R&D spending,” said {zhang_san}."
      - heading: {zh: 小标题, en: A section heading}
        blocks:
          - type: figure
            image: images/example.png       # inside this folder; PNG or JPEG
            caption: {zh: 生产车间。, en: The workshop.}
            credit: {kind: courtesy, who: example_co}   # or photographer + a person id
            alt: {zh: 车间里的机器人, en: Robots in a workshop}
          - zh: 字面的花括号写成{{这样}}。
            en: Literal braces are written {{like this}}.

sources:
  - publication: peoples_daily
    page: "4"
"""


def write_starter(folder: Path, *, force: bool = False) -> list[Path]:
    """Write ``briefing.yaml`` and its stand-in image into ``folder`` (made if missing).

    Never overwrites: a file already there is refused, by name, before anything is
    written, unless ``force``. Each file is written atomically; a folder that cannot
    be written is a :class:`~briefing.errors.BriefingError`, not a crash.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise BriefingError(f"{folder} is a file, not a folder; name a folder for the "
                            "starter (it is made if missing)")
    content, image = folder / "briefing.yaml", folder / "images" / "example.png"
    for target in (content, image):
        if target.is_dir():
            raise BriefingError(f"{target} is a folder; init writes a file there, so move "
                                "the folder away or choose another one")
    present = [str(t) for t in (content, image) if t.exists() or t.is_symlink()]
    if present and not force:
        raise BriefingError(f"{' and '.join(present)} already exist"
                            + ("s" if len(present) == 1 else "")
                            + "; init never overwrites a file: choose another folder, or pass "
                              "--force to replace " + ("it" if len(present) == 1 else "them"))
    if image.parent.exists() and not image.parent.is_dir():
        raise BriefingError(f"{image.parent} is a file; init needs a folder there for the "
                            "starter's picture")
    atomic_write(content, STARTER.encode("utf-8"))
    img = Image.new("RGB", (1500, 1000), (222, 228, 234))
    draw = ImageDraw.Draw(img)
    draw.rectangle([30, 30, 1469, 969], outline=(90, 90, 90), width=6)
    draw.text((80, 80), "STAND-IN IMAGE", fill=(60, 60, 60), font_size=72)
    png = io.BytesIO()
    img.save(png, format="PNG", dpi=(300, 300))
    atomic_write(image, png.getvalue())
    return [content, image]
