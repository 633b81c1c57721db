"""The PDF and the DOCX carry the same content, numbering and captions (both read the plan)."""

import re
import shutil
import subprocess
import sys

import pytest

import briefing
from briefing.plan import Caption, Chart


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed")
def test_pdf_and_docx_have_the_same_captions_and_figures(tmp_path):
    from test_example import EXAMPLE as content

    subprocess.run([sys.executable, str(content.parent / "make_images.py")], check=True,
                   capture_output=True)
    b = briefing.load(content)
    pdf = briefing.render(b, tmp_path / "b.pdf", layout="interleaved")
    docx = briefing.render(b, tmp_path / "b.docx", layout="interleaved")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"), str(docx)],
                   check=True, capture_output=True, timeout=300)

    def text(path):
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                             capture_output=True, text=True, check=True).stdout
        return re.sub(r"\s+", "", out)

    ours, word = text(pdf), text(tmp_path / "lo" / "b.pdf")
    captions = [c for item in briefing.plan(b, layout="interleaved").items
                for cell in item.cells for c in cell.content if isinstance(c, Caption)]
    assert len(captions) == 10  # four photos and a chart, each captioned in both languages
    for c in captions:
        full = re.sub(r"\s+", "", c.full)
        assert full in ours and full in word, c.full
    for figure in ("1308.3亿元", "130.83billionyuan", "730余万户次", "morethan7.3million",
                   "沈阳市浑南区委宣传部供图", "Photo:ZhouSongxue"):
        assert figure in ours and figure in word, figure
    for chart in (c for item in briefing.plan(b, layout="interleaved").items
                  for cell in item.cells for c in cell.content if isinstance(c, Chart)):
        for text_ in (*chart.categories, *chart.series[0].labels):
            shown = re.sub(r"\s+", "", text_)
            assert shown in ours and shown in word, text_
