"""Fonts embedded in the DOCX, judged by LibreOffice on a machine where the Noto fonts are
not installed: a private HOME and a fontconfig that sees one fallback font only; the PDF
LibreOffice makes must name the embedded faces (``pdffonts``), not the fallback.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import modules_loaded
from fontTools.ttLib import TTFont
from lxml import etree

from briefing.loader import load
from briefing.plan import Layout, Plan
from briefing.planner import build_plan
from briefing.templates import load_template
from briefing.writers.docx import render_docx
from briefing.writers.docx.fontembed import obfuscate

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "liaoning" / "liaoning.yaml"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdffonts") is None or shutil.which("fc-list") is None,
    reason="LibreOffice, poppler and fontconfig are needed (scripts/install-test-deps)")


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Plan, bytes, Path]:
    tpl = load_template("handout")
    plan = build_plan(load(EXAMPLE), tpl.plan_options(Layout.PARALLEL))
    data = render_docx(plan, tpl)
    path = tmp_path_factory.mktemp("fonts") / "example.docx"
    path.write_bytes(data)
    return plan, data, path


def embedded(data: bytes) -> list[tuple[str, str, TTFont]]:
    """(family named in the font table, embed slot, the de-obfuscated font)."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        table = etree.fromstring(z.read("word/fontTable.xml"))
        rels = etree.fromstring(z.read("word/_rels/fontTable.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        for font in table.findall("w:font", NS):
            for entry in font:
                slot = etree.QName(entry).localname
                if not slot.startswith("embed"):
                    continue
                assert entry.get(f"{{{W}}}subsetted") == "1"
                raw = z.read("word/" + targets[entry.get(f"{{{R}}}id")])
                clear = obfuscate(raw, entry.get(f"{{{W}}}fontKey"))
                assert raw[:32] != clear[:32] and raw[32:] == clear[32:]
                out.append((font.get(f"{{{W}}}name"), slot, TTFont(io.BytesIO(clear))))
    return out


def test_the_fonts_the_document_names_are_embedded_subsets(
        example: tuple[Plan, bytes, Path]) -> None:
    plan, data, _ = example
    fonts = embedded(data)
    tpl = load_template("handout")
    families = {tpl.fonts.docx_zh_serif, tpl.fonts.docx_zh_sans, tpl.fonts.docx_latin_serif,
                tpl.fonts.docx_latin_sans}
    assert {name for name, _, _ in fonts} == families
    assert {(name, slot) for name, slot, _ in fonts} >= {
        (tpl.fonts.docx_latin_sans, "embedBold"), (tpl.fonts.docx_zh_serif, "embedRegular")}
    chinese = {ch for text in plan.texts() for ch in text if "\u4e00" <= ch <= "\u9fff"}
    for name, slot, font in fonts:
        assert font["name"].getDebugName(1) == name  # the name a reader matches
        assert ("Bold" in font["name"].getDebugName(2)) == (slot == "embedBold")
        cmap = set(font.getBestCmap())
        if "CJK" in name:
            assert {ord(c) for c in chinese} <= cmap
            assert len(cmap) < 5000  # a subset, not the whole font
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        settings = z.read("word/settings.xml").decode()
    assert "embedTrueTypeFonts" in settings and "saveSubsetFonts" in settings


def test_characters_beyond_the_chinese_base_are_embedded_too() -> None:
    """A name such as 朱镕基 or a traditional 經濟 is beyond GB 2312, the base the Chinese
    subsets are cut from: the DOCX's faces still hold them (a reader without Noto would
    draw empty boxes)."""
    import briefing

    rare = "镕喆堃赟經濟發"
    content = briefing.load_data({"title": {"zh": "简报", "en": "Briefing"}, "summary": [
        {"zh": f"朱{rare[0]}基、王{rare[1]}、李{rare[2]}、张{rare[3]}、{rare[4:]}展。",
         "en": "Zhu Rongji, Wang Zhe, Li Kun, Zhang Yun."}]})
    tpl = load_template("handout")
    data = render_docx(build_plan(content, tpl.plan_options(Layout.PARALLEL)), tpl)
    chinese = [(name, font) for name, _, font in embedded(data) if "CJK" in name]
    assert len(chinese) == 2
    for _name, font in chinese:
        assert {ord(c) for c in rare + "朱基简报"} <= set(font.getBestCmap())


def test_libreoffice_without_noto_sets_the_embedded_fonts(
        example: tuple[Plan, bytes, Path], tmp_path: Path) -> None:
    _, _, path = example
    listed = subprocess.run(["fc-list", ":", "file"], capture_output=True, text=True,
                            check=True).stdout.split()
    fallback = next(Path(f.rstrip(":")) for f in listed
                    if "noto" not in f.lower() and f.rstrip(":").endswith((".ttf", ".otf")))
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(fallback, fonts / fallback.name)
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f"<fontconfig><dir>{fonts}</dir><cachedir>{tmp_path / 'fc-cache'}"
                    "</cachedir></fontconfig>\n", encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "FONTCONFIG_FILE": str(conf)}
    seen = subprocess.run(["fc-list"], capture_output=True, text=True, check=True,
                          env=env).stdout
    assert "Noto" not in seen and fallback.name in seen  # this machine has no Noto
    assert SOFFICE is not None
    subprocess.run([SOFFICE, f"-env:UserInstallation={(home / 'lo').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=300, env=env)
    listing = subprocess.run(["pdffonts", str(tmp_path / "example.pdf")], capture_output=True,
                             text=True, check=True).stdout
    names = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in listing.splitlines()[2:]}
    assert {"NotoSerifCJKSC-Regular", "NotoSansCJKSC-Regular", "NotoSerif-Regular",
            "NotoSans-Regular", "NotoSans-Bold"} <= names, listing
    fallback_name = TTFont(fallback, lazy=True)["name"].getDebugName(6)
    assert fallback_name not in names, listing  # nothing fell back


def test_a_docx_loads_no_reportlab(mini: Path) -> None:
    """The DOCX embeds subsets of the PDF's fonts module but never registers a font with
    reportlab, so a DOCX render (the forked DOCX of a render to both formats) does without
    importing it (about 20 ms and 3 MiB)."""
    loaded = modules_loaded(f"import briefing\nbriefing.render_bytes({str(mini)!r}, 'docx', "
                            "force=True)", cwd=mini.parent)
    assert not {m for m in loaded if m.startswith("reportlab")}
