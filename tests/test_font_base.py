"""Chinese faces start from a fixed base (GB 2312 and punctuation): a briefing whose
characters lie inside it embeds the same base font as any other, and only characters
beyond it get a face of their own (read back with poppler's pdffonts)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import modules_loaded

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


def _gb2312(ch: str) -> bool:
    try:
        return len(ch.encode("gb2312")) == 2
    except UnicodeEncodeError:
        return False


def test_the_base_holds_every_gb2312_code_and_the_fixed_set_only():
    """Every one of GB 2312's 7,445 codes (found by encoding, not as the base decodes
    them) and the fixed set, nothing else."""
    from briefing.writers.pdf.fonts import FIXED_CHARS

    base = zh_base()
    assert sum(map(_gb2312, base)) == 7445
    assert base == {c for c in base if _gb2312(c)} | FIXED_CHARS


@pytest.mark.parametrize("name, whole", [("noto-serif-sc", True), ("noto-sans-sc", True),
                                         ("noto-serif", False)])
def test_a_font_that_has_the_whole_base_shares_it(name, whole):
    """A Chinese font with every character of the base answers with the base itself (one
    set and one bitmap for both faces); any other font with the part it has."""
    from briefing.fonts import Coverage, builtin_font, coverage
    from briefing.writers.pdf import fonts

    path = builtin_font(name)
    chars = fonts.zh_base_chars(path)
    assert (chars is zh_base()) == whole
    assert chars == {c for c in zh_base() if ord(c) in coverage(path)}
    assert fonts._base_codes(path) == Coverage.of(map(ord, chars))


@pytest.mark.parametrize("mine, theirs, holds", [
    ((), (), True), ((0x41,), (), True), ((), (0x41,), False),
    ((0x41, 0x4E00, 0x10FFFF), (0x4E00, 0x10FFFF), True),
    ((0x41, 0x4E00), (0x4E00, 0x4E01), False), ((0x4E01,), (0x41,), False),
])
def test_a_coverage_holds_another_when_it_has_all_its_code_points(mine, theirs, holds):
    from briefing.fonts import Coverage

    assert Coverage.of(mine).holds(Coverage.of(theirs)) == holds


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


@pytest.mark.parametrize(("codes", "inside", "outside"), [
    ((), (), (0, 0x4E00, 0x10FFFF)),
    ((0, 7, 8, 0x4E00, 0x10FFFF), (0, 7, 8, 0x4E00, 0x10FFFF), (1, 6, 9, 0x4DFF, 0x10FFFE)),
    ((0x20, 0x7E, 0x3000), (0x20, 0x7E, 0x3000), (0x21, 0x110000, -1, "a", None)),
])
def test_a_coverage_is_a_bitmap_of_code_points(codes, inside, outside):
    from briefing.fonts import Coverage

    cov = Coverage.of(codes)
    assert all(cp in cov for cp in inside) and not any(cp in cov for cp in outside)
    assert list(cov) == sorted(codes) and len(cov) == len(codes)
    assert cov == Coverage.of(reversed(codes)) and hash(cov) == hash(Coverage.of(codes))
    other = Coverage.of([0x41, 0x4E01])
    both = Coverage.union(cov, other)
    assert list(both) == sorted({*codes, 0x41, 0x4E01})
    assert Coverage.union() == Coverage.of(())
    # a bitmap as far as the last code point: a Latin letter's, 9 bytes, not 136 KB
    assert len(Coverage.of([0x41])._bits) == 9 and len(Coverage.of(())._bits) == 0


def test_a_fonts_coverage_is_kept_per_machine_and_read_back_only_whole(monkeypatch, tmp_path):
    """A font's coverage is kept in the per-machine cache under its file's path, size and
    modification time: read back as it was, worked out again from the font when the file
    is cut short or changed, or when the font file is (a new modification time)."""
    import os
    import shutil

    from briefing import fonts
    from briefing.fonts import Coverage, builtin_font

    monkeypatch.setenv("BRIEFING_FONT_CACHE", str(tmp_path / "cache"))
    font = tmp_path / "font.ttf"
    shutil.copy(builtin_font("noto-sans"), font)
    fonts.coverage.cache_clear()
    made = fonts.coverage(font)
    kept = list((tmp_path / "cache").glob("coverage-*.bin"))
    assert len(kept) == 1 and Coverage.unsealed(kept[0].read_bytes()) == made
    fonts.coverage.cache_clear()
    monkeypatch.setattr(fonts, "_cmap_codes", lambda path: pytest.fail("read the font again"))
    assert fonts.coverage(font) == made  # from the cache file
    monkeypatch.undo()
    monkeypatch.setenv("BRIEFING_FONT_CACHE", str(tmp_path / "cache"))
    for damage in (lambda b: b[:-1], lambda b: b[:-1] + bytes([b[-1] ^ 1]), lambda b: b"x" + b):
        kept[0].write_bytes(damage(kept[0].read_bytes()))
        with pytest.raises(ValueError):
            Coverage.unsealed(kept[0].read_bytes())
        fonts.coverage.cache_clear()
        assert fonts.coverage(font) == made  # worked out again, and kept whole again
        assert Coverage.unsealed(kept[0].read_bytes()) == made
    st = font.stat()
    os.utime(font, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    fonts.coverage.cache_clear()
    assert fonts.coverage(font) == made
    assert len(list((tmp_path / "cache").glob("coverage-*.bin"))) == 2  # a new key


@pytest.mark.parametrize("name", ["noto-serif-sc", "noto-sans-sc", "noto-serif", "noto-sans"])
def test_character_maps_read_from_the_file_agree_with_fonttools(name):
    from fontTools.ttLib import TTFont

    from briefing.fonts import _cmap_codes, axes, builtin_font, coverage

    path = builtin_font(name)
    font = TTFont(path, lazy=True)
    try:
        assert _cmap_codes(path) == frozenset(font.getBestCmap())
        assert frozenset(coverage(path)) == frozenset(font.getBestCmap())
        assert len(coverage(path)) == len(font.getBestCmap())
        expected = tuple(a.axisTag for a in font["fvar"].axes) if "fvar" in font else ()
        assert axes(path) == expected
    finally:
        font.close()


def test_a_converted_cff_subset_draws_every_glyph_it_keeps():
    """The subset is taken over empty placeholders and the CFF outlines drawn in after:
    every glyph it keeps must be drawn, including those the subsetter adds on its own
    (∋, the mirror of ∈, kept for right-to-left text) and the .notdef box."""
    import io

    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont

    from briefing.fonts import builtin_font
    from briefing.writers.pdf.fonts import REGULAR, build_font

    path = builtin_font("noto-serif-sc")
    font = TTFont(io.BytesIO(build_font(path, frozenset("辽A∈"), REGULAR)))
    source = TTFont(path, lazy=True)
    source_cmap, outlines = source.getBestCmap(), source.getGlyphSet()
    cmap, glyf = font.getBestCmap(), font["glyf"]
    assert {ord("辽"), ord("A"), ord("∈"), ord("∋")} <= set(cmap)
    assert "glyf" in font and "CFF " not in font
    for code, name in cmap.items():
        pen = RecordingPen()
        outlines[source_cmap[code]].draw(pen)
        contours = sum(op == "closePath" for op, _ in pen.value)
        assert glyf[name].numberOfContours == contours > 0, chr(code)
    assert glyf[".notdef"].numberOfContours > 0


def _no_bases(monkeypatch, tmp_path):
    """An empty disk cache, and no font in this process's memory either."""
    from briefing.caches import BoundedCache
    from briefing.writers.pdf import fonts

    monkeypatch.setenv("BRIEFING_FONT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(fonts, "_memory", BoundedCache(fonts.MAX_SUBSETS))
    started: list[list[str]] = []
    real = subprocess.Popen

    def popen(args, **kw):
        started.append(list(args))
        return real(args, **kw)

    monkeypatch.setattr(fonts.subprocess, "Popen", popen)
    return fonts, started


def _built_here(monkeypatch, fonts) -> list[str]:
    """The fonts this process converts (a helper process's are not seen)."""
    built: list[str] = []
    real = fonts.build_font

    def build_font(path, chars, weight, tag=""):
        built.append(f"{path.name}:{weight}")
        return real(path, chars, weight, tag)

    monkeypatch.setattr(fonts, "build_font", build_font)
    return built


def test_missing_chinese_bases_are_built_side_by_side(monkeypatch, tmp_path):
    from briefing.fonts import builtin_font

    fonts, started = _no_bases(monkeypatch, tmp_path)
    built = _built_here(monkeypatch, fonts)
    monkeypatch.setattr(fonts.os, "sched_getaffinity", lambda _: {0, 1})
    serif, sans = builtin_font("noto-serif-sc"), builtin_font("noto-sans-sc")
    latin = builtin_font("noto-serif")
    then = [(latin, frozenset("Liaoning 2024"), w) for w in (fonts.REGULAR, fonts.BOLD)]
    fonts.prepare_bases([serif, sans], then=then)
    assert len(started) == 1 and started[0][-1] == str(sans)  # a helper for the second
    assert built == [f"{serif.name}:400"]  # the Latin instances: the helper's, after its base
    files = {p: fonts._entry(p, fonts.zh_base_chars(p), fonts.REGULAR)[1] for p in (serif, sans)}
    files |= {w: fonts._entry(latin, chars, w)[1] for _, chars, w in then}
    assert all(f.exists() for f in files.values())  # all stored, sealed
    assert all(fonts._checked(f.read_bytes()) is not None for f in files.values())
    fonts.prepare_bases([serif, sans], then=then)
    assert len(started) == 1  # all cached now: nothing to do


def test_each_base_is_announced_once_by_the_process_that_builds_it(mini, tmp_path):
    """A render to PDF and DOCX on two cores with an empty font cache: the PDF's
    process, its helper and the forked DOCX all ask for the two bases; each is built
    once and announced once, by the process that builds it (under the base's lock)."""
    env = dict(os.environ, BRIEFING_FONT_CACHE=str(tmp_path / "cache"))
    out = subprocess.run([sys.executable, "-m", "briefing", "render", str(mini), "--jobs", "2",
                          "-o", str(tmp_path / "m.pdf"), "-o", str(tmp_path / "m.docx")],
                         capture_output=True, text=True, env=env, check=True)
    for name in ("NotoSerifSC-Regular.otf", "NotoSansSC-Regular.otf"):
        assert out.stderr.count(f"building the font {name} ") == 1, out.stderr


def test_the_render_does_its_own_work_while_helpers_build(monkeypatch, tmp_path):
    """A render with work of its own (the word index, the hyphenation patterns) leaves
    the bases to helpers and does that work at once, while they build, not after
    waiting for them; on one core it starts no helper and does not do it ahead. What
    that work raises is met later, not here."""
    from briefing.fonts import builtin_font

    fonts, started = _no_bases(monkeypatch, tmp_path)
    built = _built_here(monkeypatch, fonts)
    serif, latin = builtin_font("noto-serif-sc"), builtin_font("noto-sans")
    then = [(latin, frozenset("Dalian port"), fonts.BOLD)]
    helpers, calls = [], []
    popen = fonts.subprocess.Popen

    def started_helper(args, **kw):
        helpers.append(popen(args, **kw))
        return helpers[-1]

    monkeypatch.setattr(fonts.subprocess, "Popen", started_helper)

    def meanwhile():
        calls.append([h.poll() is None for h in helpers])  # still building?
        raise RuntimeError("met again later by the render")

    monkeypatch.setattr(fonts.os, "sched_getaffinity", lambda _: {0})
    fonts.prepare_bases([serif], then=then, meanwhile=meanwhile)  # one core: no helper
    assert not started and not calls
    monkeypatch.setattr(fonts.os, "sched_getaffinity", lambda _: {0, 1})
    fonts.prepare_bases([serif], then=then, meanwhile=meanwhile)
    assert len(started) == 1 and started[0][-1] == str(serif) and calls == [[True]]
    assert not built  # the base and the Latin instance: the helper's, waited for
    assert fonts._entry(serif, fonts.zh_base_chars(serif), fonts.REGULAR)[1].exists()
    assert fonts._entry(latin, then[0][1], fonts.BOLD)[1].exists()


def test_one_missing_base_shares_the_core_with_the_latin_instances(monkeypatch, tmp_path):
    from briefing.fonts import builtin_font

    fonts, started = _no_bases(monkeypatch, tmp_path)
    built = _built_here(monkeypatch, fonts)
    monkeypatch.setattr(fonts.os, "sched_getaffinity", lambda _: {0, 1})
    serif, latin = builtin_font("noto-serif-sc"), builtin_font("noto-sans")
    then = [(latin, frozenset("Dalian port"), fonts.BOLD)]
    fonts.prepare_bases([serif], then=then)
    # a helper with no base of its own (it says what it builds when the command's notes
    # are on, as they are after a command has run in this process)
    assert len(started) == 1
    assert [a for a in started[0][2:] if a != "--announce"] == ["briefing.writers.pdf.basebuild"]
    assert built == [f"{serif.name}:400"]
    assert fonts._entry(latin, then[0][1], fonts.BOLD)[1].exists()
    fonts.prepare_bases([serif])  # one base, cached: nothing to share
    assert len(started) == 1


def test_a_base_building_helper_starts_without_the_content_models():
    """The helper process that builds a base imports the fonts module, not the template
    and with it pydantic and the content models (169 -> 42 ms of its start)."""
    loaded = modules_loaded("import briefing.writers.pdf.basebuild")
    assert not loaded & {"pydantic", "briefing.templates", "briefing.model"}


def test_one_core_builds_no_base_ahead(monkeypatch, tmp_path):
    from briefing.fonts import builtin_font

    fonts, started = _no_bases(monkeypatch, tmp_path)
    monkeypatch.setattr(fonts.os, "sched_getaffinity", lambda _: {0})
    fonts.prepare_bases([builtin_font("noto-serif-sc"), builtin_font("noto-sans-sc")])
    assert not started and not list((tmp_path / "cache").glob("*.ttf"))


@pytest.mark.parametrize("name", ["noto-serif-sc", "noto-sans-sc"])
@pytest.mark.parametrize("size", [0, 1, 60, 700])
def test_a_cut_reads_its_bounds_from_glyph_headers_as_fonttools_would_compute_them(name, size):
    """A DOCX subset cut from a base takes head/maxp/hhea from the kept glyphs' stored
    headers: byte for byte what fontTools' full recalculation gives."""
    from briefing.fonts import builtin_font
    from briefing.writers.pdf.fonts import _cut, zh_base_bytes, zh_base_chars

    path = builtin_font(name)
    chars = frozenset(sorted(zh_base_chars(path))[7 * size % 997:][:size])  # spread out
    base = zh_base_bytes(path)
    assert _cut(base, chars, "T") == _cut(base, chars, "T", headers=False)


def test_file_digests_are_kept_in_the_cache_folder(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A file is hashed once per machine: its digest is read back by path, size and
    modification time, and a changed file is hashed again."""
    import hashlib
    import os

    from briefing.caches import BoundedCache
    from briefing.writers.pdf import fonts

    monkeypatch.setenv("BRIEFING_FONT_CACHE", str(tmp_path / "cache"))
    file = tmp_path / "font.bin"
    file.write_bytes(b"glyphs")
    fonts._known_digests.cache_clear()
    monkeypatch.setattr(fonts, "_digests", BoundedCache(8))
    assert fonts._file_digest(file) == hashlib.sha256(b"glyphs").hexdigest()
    assert (tmp_path / "cache" / fonts.DIGESTS_FILE).is_file()

    # a new process: nothing in memory, and hashing would fail
    fonts._known_digests.cache_clear()
    monkeypatch.setattr(fonts, "_digests", BoundedCache(8))

    class NoHash:
        def __getattr__(self, name: str) -> object:
            raise AssertionError("hashed again")

    monkeypatch.setattr(fonts, "hashlib", NoHash())
    assert fonts._file_digest(file) == hashlib.sha256(b"glyphs").hexdigest()
    monkeypatch.setattr(fonts, "hashlib", hashlib)

    st = file.stat()
    file.write_bytes(b"other glyphs")
    os.utime(file, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert fonts._file_digest(file) == hashlib.sha256(b"other glyphs").hexdigest()
    fonts._known_digests.cache_clear()


def test_a_registered_face_keeps_no_table_of_each_glyphs_characters(mini, tmp_path):
    """reportlab's glyph → characters table (1.3 MiB of a Chinese base) serves only its
    HarfBuzz shaping, which the writer never uses: freed once a face is registered."""
    from reportlab.pdfbase import pdfmetrics

    briefing.render(briefing.load(mini), tmp_path / "a.pdf")
    faces = [f.face for name, f in pdfmetrics._fonts.items() if name.startswith("Brf-")]
    assert any(len(f.charToGlyph) > 7000 for f in faces)  # a Chinese base among them
    assert faces and all(f.glyphToChar == {} for f in faces)


def test_a_variable_fonts_instance_is_made_in_place(monkeypatch):
    """The instancer works on the subset it is given, which nothing else holds: a copy of
    the whole font first (fontTools' default) was about a third of an instance's time."""
    from fontTools.varLib import instancer

    from briefing.fonts import builtin_font
    from briefing.writers.pdf import fonts

    def no_copy(obj: object, memo: object = None) -> object:
        raise AssertionError("the font was copied")

    monkeypatch.setattr(instancer, "deepcopy", no_copy)
    path = builtin_font("noto-sans")
    assert fonts.is_variable(path)
    data = fonts.build_font(path, frozenset("Dalian 2024"), fonts.BOLD)
    assert data[:4] == b"\x00\x01\x00\x00"
