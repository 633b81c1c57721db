"""The rule for SOURCE_DATE_EPOCH: output uses no clock, so the variable is ignored.

Both formats are byte-identical for identical input with no clock in them (the
dates are the content's own, else a fixed epoch), which is what reproducible-builds
tools want of SOURCE_DATE_EPOCH already; setting it, to anything, changes no byte.
"""

import pytest

import briefing


@pytest.fixture(scope="module")
def unset(tmp_path_factory, request):
    """The mini briefing's PDF and DOCX with SOURCE_DATE_EPOCH unset."""
    mp = pytest.MonkeyPatch()
    mp.delenv("SOURCE_DATE_EPOCH", raising=False)
    from conftest import FIXTURES, make_image

    folder = tmp_path_factory.mktemp("repro")
    content = folder / "mini.yaml"
    content.write_text((FIXTURES / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    make_image(folder / "images" / "lab.png")
    b = briefing.load(content)
    out = {fmt: briefing.render(b, format=fmt) for fmt in ("pdf", "docx")}
    mp.undo()
    return b, out


@pytest.mark.parametrize("value", ["1000000000", "0", "1893456000", "not a number", " "])
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_source_date_epoch_changes_no_byte(unset, monkeypatch, value, fmt):
    b, out = unset
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert briefing.render(b, format=fmt) == out[fmt]
