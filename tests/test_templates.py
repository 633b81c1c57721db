"""Templates: built-ins load, bad keys are named, a custom template changes the output."""

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import briefing
from briefing.errors import TemplateError
from briefing.fonts import builtin_font
from briefing.templates import builtin_names, load_template


def test_builtin_templates():
    assert builtin_names() == ["brief", "handout", "reader"]
    assert load_template("handout").layout.value == "parallel"
    assert load_template("reader").layout.value == "interleaved"
    assert load_template("reader").sizes.body > load_template("handout").sizes.body
    brief = load_template("brief")
    assert brief.one_page and "articles" not in brief.parts


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("colour = 'red'\n", "unknown key 'colour'"),
        ("[page]\nsize = 'A5'\n", "page.size"),
        ("[colours]\naccent = 'crimson'\n", "colours.accent"),
        ("parts = ['title', 'appendix']\n", "unknown part(s) appendix"),
        ("[sizes]\nbody = 'big'\n", "sizes.body"),
        ("layout = [\n", "not valid TOML"),
        ("[header]\nzh = '{titl}'\n", "header: zh: unknown placeholder {titl}"),
        ("[footer]\nen = '{title} p. {page}'\n", "footer: en: unknown placeholder {title}"),
        ("[footer]\nen = 'p. {page'\n", "footer: en:"),
        ('[header]\nen = "a\\u0001b"\n', "control character U+0001"),
        ("[label_locales]\nzh = 'zh_TW'\n", "label_locales.zh: no label catalog"),
        ("[fonts]\nzh_serif = 'builtin:comic-sans'\n", "fonts.zh_serif: unknown built-in font"),
        ("[fonts]\nlatin_sans = 'template.toml'\n", "fonts.latin_sans:"),
        ("[docx]\nreference_doc = 'house.docx'\n", "docx.reference_doc:"),
        ("[print]\ncolour = 'cmy'\n", "print.colour"),
        ("[print]\ncolour = 'cmyk'\nicc_profile = 'press.icc'\n",
         "print.icc_profile: template"),
        ("[print]\ncolour = 'cmyk'\nicc_profile = 'builtin:fogra99'\n",
         "print.icc_profile: unknown built-in ICC profile builtin:fogra99"),
    ],
)
def test_bad_template_names_the_key(tmp_path, toml, message):
    (tmp_path / "template.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(TemplateError, match=re.escape(message)):
        load_template(tmp_path)


def test_unknown_template_lists_builtins():
    with pytest.raises(TemplateError, match="handout"):
        load_template("glossy")


ACCENT = "#1F6F43"


@pytest.fixture
def custom(tmp_path: Path) -> Path:
    """A user's template folder: its own Latin font file, colours and block order."""
    folder = tmp_path / "house"
    (folder / "fonts").mkdir(parents=True)
    shutil.copy(builtin_font("noto-sans"), folder / "fonts" / "house-sans.ttf")
    (folder / "template.toml").write_text(f"""\
description = "House style"
parts = ["title", "key_figures", "summary", "articles"]

[fonts]
latin_serif = "fonts/house-sans.ttf"
docx_latin_serif = "House Sans"

[colours]
accent = "{ACCENT}"
""", encoding="utf-8")
    return folder


def _rg(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return " ".join(f"{v:.6f}".rstrip("0").lstrip("0") or "0" for v in (r, g, b)) + " rg"


def test_custom_template_changes_pdf(mini, custom, tmp_path):
    out = briefing.render(mini, tmp_path / "house.pdf", template=custom)
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "NotoSerif-" not in fonts  # the Latin serif role is the house font now
    assert "NotoSans-Regular" in fonts
    qdf = tmp_path / "house-qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(out), str(qdf)],
                   check=True)
    assert _rg(ACCENT).encode() in qdf.read_bytes()
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True,
                          text=True).stdout
    assert text.index("Key figures") < text.index("Summary")
    assert "Glossary of names" not in text and "Sources" not in text


def test_custom_template_changes_docx(mini, custom, tmp_path):
    out = briefing.render(mini, tmp_path / "house.docx", template=custom)
    with zipfile.ZipFile(out) as z:
        styles = z.read("word/styles.xml").decode()
        document = z.read("word/document.xml").decode()
    assert "House Sans" in styles
    assert ACCENT[1:].upper() in styles.upper()
    key = document.index("Key figures")
    assert key < document.index("Summary")
    assert "Glossary of names" not in document


def test_brief_fits_the_example_on_one_page(tmp_path):
    from test_example import EXAMPLE

    subprocess.run([sys.executable, str(EXAMPLE.parent / "make_images.py")], check=True)
    out = briefing.render(EXAMPLE, tmp_path / "brief.pdf", template="brief")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Key figures" in text and "130.83 billion yuan" in text


@pytest.mark.parametrize("suffix", ["pdf", "docx"])
def test_brief_overflow_is_refused_and_measured(mini, tmp_path, suffix):
    text = mini.read_text(encoding="utf-8")
    bullet = ('  - {zh: "技术合同成交额达到{deals}，同比增长{deals_growth}。'
              + "这是一段很长的说明。" * 12
              + '", en: "Technology contracts reached {deals}, up {deals_growth}.'
              + " This is a long explanation." * 12 + '"}\n')
    mini.write_text(text.replace("summary:\n", "summary:\n" + bullet * 9), encoding="utf-8")
    out = tmp_path / f"brief.{suffix}"
    with pytest.raises(briefing.RenderError) as info:
        briefing.render(mini, out, template="brief")
    message = str(info.value)
    assert "must fit on one page" in message
    assert re.search(r"about \d+ mm of text \(\d+% of a page\) more than one page holds",
                     message)
    assert not out.exists()


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_template_that_finds_nothing_to_render(mini, tmp_path, fmt):
    text = mini.read_text(encoding="utf-8")
    mini.write_text(text[:text.index("sources:")], encoding="utf-8")
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "template.toml").write_text('parts = ["sources"]\n', encoding="utf-8")
    out = tmp_path / f"x.{fmt}"
    with pytest.raises(briefing.RenderError, match="nothing to render"):
        briefing.render(mini, out, template=tmp_path / "tpl")
    assert not out.exists()


def test_a_template_saved_with_a_byte_order_mark_loads(tmp_path):
    """As content files do: Windows editors often save UTF-8 with a BOM."""
    (tmp_path / "template.toml").write_bytes("\ufeff[page]\nsize = 'Letter'\n".encode())
    assert load_template(tmp_path).page.size == "Letter"


def test_a_bad_value_is_named_by_line_and_key(tmp_path):
    (tmp_path / "template.toml").write_text(
        'layout = "parallel"\nbogus = 1\n\n[page]\n# the paper\nsize = "A5"\n'
        "margin_top_mm = nan\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template(tmp_path)
    said = str(caught.value).splitlines()
    file = tmp_path / "template.toml"
    assert f"{file}:2: unknown key 'bogus'" in said
    assert any(s.startswith(f"{file}:6: page.size:") for s in said)
    assert f"{file}:7: page.margin_top_mm: Input should be a finite number" in said


@pytest.mark.parametrize(("toml", "asset", "data", "said"), [
    ("[print]\ncolour = 'cmyk'\nicc_profile = 'p.icc'\n", "p.icc", b"garbage",
     "print.icc_profile: {path} is not an ICC profile"),
    ("[print]\ncolour = 'cmyk'\nicc_profile = 'p.icc'\n", "p.icc",
     b"\0" * 16 + b"RGB " + b"\0" * 16 + b"acsp" + b"\0" * 88,
     "print.icc_profile: {path} is an ICC profile of RGB data, not a CMYK output profile"),
    ("[docx]\nreference_doc = 'r.docx'\n", "r.docx", b"garbage",
     "docx.reference_doc: {path} is not a .docx"),
])
def test_an_unreadable_asset_is_named_when_the_template_loads(tmp_path, toml, asset, data,
                                                              said):
    (tmp_path / "template.toml").write_text(toml, encoding="utf-8")
    (tmp_path / asset).write_bytes(data)
    with pytest.raises(TemplateError, match=re.escape(said.format(path=tmp_path / asset))):
        load_template(tmp_path)
