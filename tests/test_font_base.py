"""Chinese faces start from a fixed base (GB 2312 and punctuation): a briefing whose
characters lie inside it embeds the same base font as any other, and only characters
beyond it get a face of their own (read back with poppler's pdffonts)."""

import re
import subprocess
from pathlib import Path

import pytest

import briefing
from briefing.writers.pdf.fonts import zh_base


def chinese_fonts(pdf: Path) -> set[str]:
    """The Chinese fonts embedded in ``pdf``, without reportlab's subset prefixes."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                         check=True).stdout
    names = {re.sub(r"^[A-Z]{6}\+", "", row.split()[0]) for row in out.splitlines()[2:]}
    return {n for n in names if "SC-" in n}


def with_text(mini: Path, text: str) -> Path:
    content = mini.read_text(encoding="utf-8")
    mini.write_text(content.replace("测试用内容", f"测试用内容{text}", 1), encoding="utf-8")
    return mini


def test_the_base_is_gb2312_and_punctuation():
    base = zh_base()
    assert len(base) > 7445  # GB 2312's 6,763 characters and 682 symbols, and the fixed set
    assert {"辽", "宁", "韩", "鑫", "，", "。", "《", "》", "A", "0"} <= base
    assert not {"國", "韓", "𠀀"} & base  # traditional forms and extension B lie beyond it


@pytest.mark.parametrize(("first", "second", "rare"), [
    ("鑫淼夔", "馕黻亓", False),  # rare characters, all in GB 2312: the same base, no more
    ("鑫淼夔", "國韓", True),     # traditional forms: beyond GB 2312, a face of their own
])
def test_new_characters_in_gb2312_need_no_new_font(mini, tmp_path, first, second, rare):
    pdfs = []
    for n, text in enumerate((first, second)):
        with_text(mini, text)
        pdfs.append(briefing.render(mini, tmp_path / f"{n}.pdf", force=True))
    one, two = chinese_fonts(pdfs[0]), chinese_fonts(pdfs[1])
    assert one and all(n.count("SC-Regular") == 1 for n in one | two)
    if rare:
        assert one < two and len(two - one) == 1  # the same base faces, one more for 國韓
        text = subprocess.run(["pdftotext", str(pdfs[1]), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "國韓" in text.replace("\n", "")
    else:
        assert one == two


@pytest.mark.parametrize("name", ["noto-serif-sc", "noto-sans-sc", "noto-serif", "noto-sans"])
def test_character_maps_read_from_the_file_agree_with_fonttools(name):
    from fontTools.ttLib import TTFont

    from briefing.fonts import _cmap_codes, axes, builtin_font

    path = builtin_font(name)
    font = TTFont(path, lazy=True)
    try:
        assert _cmap_codes(path) == frozenset(font.getBestCmap())
        expected = tuple(a.axisTag for a in font["fvar"].axes) if "fvar" in font else ()
        assert axes(path) == expected
    finally:
        font.close()
