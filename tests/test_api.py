"""The public Python API: a script builds, checks and renders a briefing without YAML."""

import re
from pathlib import Path

import pytest

import briefing

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_snippet_builds_a_briefing_in_python():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    snippet = next(b for b in blocks if "Briefing(" in b)
    scope: dict[str, object] = {}
    exec(snippet, scope)  # the README's own code, as a user would paste it
    b = scope["b"]
    assert isinstance(b, briefing.Briefing)
    assert briefing.check(b).errors == []
    text = " ".join(briefing.plan(b).texts())
    assert "地区生产总值增长5.3%。" in text and "GDP grew 5.3%." in text


def test_render_to_bytes_for_a_service():
    b = briefing.Briefing(
        title=briefing.Text(zh="简报", en="Briefing"),
        statistics={"deals": briefing.Statistic(value="1308.3亿", unit="yuan",
                                                label=briefing.Text(zh="成交额", en="Turnover"))},
        key_figures=["deals"],
        summary=[briefing.Text(zh="成交额达到{deals}。", en="Turnover reached {deals}.")],
    )
    pdf = briefing.render(b, format="pdf")
    docx = briefing.render(b, format="docx", layout="interleaved")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")
    assert isinstance(docx, bytes) and docx.startswith(b"PK")
    assert pdf == briefing.render(b, format="pdf")


def test_public_names():
    for name in ("load", "render", "check", "plan", "Briefing", "Statistic", "Text", "Report",
                 "ContentError", "RenderError", "CheckError", "Layout"):
        assert hasattr(briefing, name), name


def test_the_verbs_are_functions_and_import_briefing_loads_no_writer():
    import subprocess
    import sys

    code = ("import sys, briefing, briefing.intake; "
            "assert briefing.ingest.__module__ == 'briefing.api'; "
            "assert callable(briefing.render) and callable(briefing.load_data); "
            "print(sorted(m for m in sys.modules if m.startswith('briefing.writers')))")
    done = subprocess.run([sys.executable, "-c", "import briefing; import sys; "
                           "print(sorted(m for m in sys.modules if m.startswith('briefing.')))"],
                          capture_output=True, text=True, check=True)
    assert "briefing.writers" not in done.stdout and "briefing.qa" not in done.stdout
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _tiny() -> briefing.Briefing:
    return briefing.Briefing(title=briefing.Text(zh="简报", en="Briefing"),
                             summary=[briefing.Text(zh="一条。", en="One point.")])


@pytest.mark.parametrize(("name", "fmt"), [("x.pdf", "docx"), ("x.docx", "pdf"),
                                           ("x.PDF", "docx")])
def test_a_suffix_that_contradicts_the_format_is_an_error(tmp_path, name, fmt):
    """Found by the fault campaign: render(b, "x.pdf", format="docx") wrote a DOCX there."""
    out = tmp_path / name
    with pytest.raises(briefing.BriefingError, match=f"format='{fmt}'"):
        briefing.render(_tiny(), out, format=fmt)
    assert not out.exists()


@pytest.mark.parametrize(("name", "fmt", "magic"), [("x.pdf", "pdf", b"%PDF"),
                                                     ("x.docx", "docx", b"PK"),
                                                     ("x.docx", None, b"PK")])
def test_a_format_that_agrees_with_the_suffix_renders(tmp_path, name, fmt, magic):
    out = briefing.render(_tiny(), tmp_path / name, format=fmt)
    assert isinstance(out, Path) and out.read_bytes().startswith(magic)


@pytest.mark.parametrize("data", [[1, 2], None, "title: x"])
def test_load_data_of_something_other_than_a_mapping_says_so(data):
    with pytest.raises(briefing.ContentError, match="expected a mapping of fields at the top"):
        briefing.load_data(data)  # type: ignore[arg-type]


def test_an_unknown_layout_or_a_content_of_the_wrong_type_is_named(mini, tmp_path):
    with pytest.raises(briefing.RenderError, match="unknown layout 'sideways'; known: parallel"):
        briefing.render(mini, tmp_path / "x.pdf", layout="sideways")
    assert not (tmp_path / "x.pdf").exists()
    for wrong in (None, 3):
        with pytest.raises(TypeError, match="content must be a Briefing or a content file"):
            briefing.check(wrong)  # type: ignore[arg-type]


def test_check_reads_the_pictures_of_content_built_in_python(tmp_path, monkeypatch):
    """A figure's path in content built with load_data is read from the working folder, by
    check as by render: a corrupt or missing picture is a finding, not a render failure."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corrupt.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
    for image in ("missing.png", "corrupt.png", str(tmp_path / "corrupt.png")):
        content = briefing.load_data({
            "title": {"zh": "简报", "en": "Briefing"},
            "articles": [{"id": "a", "headline": {"zh": "标题", "en": "Headline"},
                          "sections": [{"blocks": [{
                              "type": "figure", "image": image,
                              "caption": {"zh": "图。", "en": "Picture."},
                              "credit": {"kind": "file"},
                              "alt": {"zh": "图", "en": "Picture"}}]}]}]})
        codes = [f.code for f in briefing.check(content).findings]
        assert codes == ["figure-image"], (image, codes)
        with pytest.raises(briefing.CheckError):
            briefing.render(content, format="pdf")


def test_an_edited_copy_with_an_unknown_reference_is_a_content_error():
    """model_copy(update=...) skips pydantic's validation; the verbs still name the id."""
    content = briefing.load_data({"title": {"zh": "简报", "en": "Briefing"}})
    edited = content.model_copy(update={"title": briefing.Text(zh="简报{nope}", en="Briefing")})
    for verb in (lambda: briefing.render(edited, format="pdf"), lambda: briefing.check(edited)):
        with pytest.raises(briefing.ContentError, match="title.zh: unresolved reference"):
            verb()
