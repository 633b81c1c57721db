"""The translation round trip: XLIFF 1.2 for CAT tools and a review DOCX for Word users."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

import briefing
from briefing.translation import export, import_translations
from briefing.translation.units import TranslationError

ROOT = Path(__file__).resolve().parent.parent
TRADE = ROOT / "examples" / "trade-port"


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "tp"
    shutil.copytree(TRADE, folder)
    return folder / "trade-port.yaml"


def job(content: Path) -> Path:
    path = content.parent / "job.xlf"
    path.write_bytes(export(content, path))
    return path


@pytest.mark.parametrize("example", ["trade-port", "liaoning", "rural-energy"])
def test_an_unedited_round_trip_leaves_the_content_byte_identical(example, tmp_path):
    """Every example: a Chinese {x:short} is the English {x}, and a name the English says
    fewer times than the Chinese is no dropped figure."""
    shutil.copytree(ROOT / "examples" / example, tmp_path / example)
    content = tmp_path / example / f"{example}.yaml"
    before = content.read_bytes()
    assert import_translations(content, job(content)) == 0
    review = content.parent / "review.docx"
    review.write_bytes(export(content, review))
    assert import_translations(content, review) == 0
    assert content.read_bytes() == before


def test_an_edit_changes_only_that_english(content):
    before = content.read_text(encoding="utf-8").splitlines()
    path = job(content)
    text = path.read_text(encoding="utf-8")
    assert ">briefing example</target>" in text
    path.write_text(text.replace(">briefing example</target>", ">a briefing example</target>"),
                    encoding="utf-8")
    assert import_translations(content, path) == 1
    after = content.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("  en: briefing example", '  en: "a briefing example"')]
    assert briefing.check(briefing.load(content)).errors == []


def test_a_translator_may_move_the_codes(content):
    """English word order differs: codes may come in another order, each once."""
    path = job(content)
    text = path.read_text(encoding="utf-8")
    old = text[text.index('<trans-unit xml:space="preserve" id="summary[0]">'):]
    old = old[old.index("<target"):old.index("</target>")]
    new = ('<target state="translated">Trade in goods reached <x id="1"/> (up <x id="2"/>), and '
           'the ‘<x id="3"/>’ exported <x id="4"/>, up <x id="5"/> year on year.')
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert import_translations(content, path) == 1
    b = briefing.load(content)
    assert b.summary[0].en.startswith("Trade in goods reached {trade_total} (up {trade_growth})")


def _in_target(old: str, new: str):  # noqa: ANN202 - a damage, as the others
    """Replace the first ``old`` of summary[0]'s target (not of its source)."""
    def damage(t: str) -> str:
        at = t.index("<target", t.index('id="summary[0]"'))
        return t[:at] + t[at:].replace(old, new, 1)
    return damage


BROKEN = [
    ("dropped code", _in_target('<x id="2" ctype="x-briefing-reference" equiv-text="5.8%"/>',
                                "5.8%"), "drops {trade_growth}"),
    ("extra code", lambda t: t.replace('came to <x id="4"', 'came to <x id="9"/><x id="4"', 1),
     "has a code 9"),
    ("invented inline markup", lambda t: t.replace('came to <x id="4"',
                                                   'came to <bpt id="7">&lt;b&gt;</bpt><x id="4"',
                                                   1), "has a code bpt7"),
    ("duplicated code", lambda t: t.replace('came to <x id="4"', 'came to <x id="1"/><x id="4"',
                                            1), "repeats the code 1"),
    ("unknown id", lambda t: t.replace('id="summary[0]"', 'id="summary[9]"', 1),
     "unit summary[9]: the content has no such text"),
    ("malformed file", lambda t: t[: len(t) // 2], "not an XLIFF"),
    ("wrong source language", lambda t: t.replace('source-language="zh-CN"',
                                                  'source-language="fr"'), "not Chinese"),
    ("wrong target language", lambda t: t.replace('target-language="en-GB"',
                                                  'target-language="fr-FR"'), "not English"),
]


@pytest.mark.parametrize(("kind", "damage", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_target_is_refused_and_nothing_is_written(content, kind, damage, message):
    before = content.read_bytes()
    path = job(content)
    text = path.read_text(encoding="utf-8")
    broken = damage(text)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(TranslationError, match=message.replace("[", r"\[").replace("]", r"\]")
                       .replace("{", r"\{").replace("}", r"\}")):
        import_translations(content, path)
    assert content.read_bytes() == before
    cli = subprocess.run([sys.executable, "-m", "briefing.cli", "translate", "import",
                          str(content), str(path)], capture_output=True, text=True, cwd=ROOT)
    assert cli.returncode == 1 and "Traceback" not in cli.stderr
    assert content.read_bytes() == before


def test_translate_toolkit_reads_every_unit_and_code(content):
    """A real client: translate-toolkit's own XLIFF parser and its pocount tool."""
    from translate.storage import factory

    path = job(content)
    store = factory.getobject(str(path))
    units = [u for u in store.units if u.xmlelement.get("id")]
    b = briefing.load(content)
    from briefing.translation import _own_glossary
    from briefing.translation.units import collect

    expected = collect(b, _own_glossary(b)["organisations"])
    assert [u.xmlelement.get("id") for u in units] == [u.id for u in expected]
    for unit, want in zip(units, expected, strict=True):
        codes = [e for e in unit.rich_source[0].flatten() if type(e).__name__ == "X"]
        assert len(codes) == len([p for p in want.source if not isinstance(p, str)])
    counted = subprocess.run([sys.executable, "-m", "translate.tools.pocount", str(path)],
                             capture_output=True, text=True)
    assert counted.returncode == 0 and "Total" in counted.stdout


def test_the_review_document_has_locked_tokens_and_opens_in_libreoffice(content, tmp_path):
    review = tmp_path / "review.docx"
    review.write_bytes(export(content, review))
    d = docx.Document(str(review))
    xml = d.element.xml
    assert "sdtContentLocked" in xml and "briefing-ref:1" in xml
    done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir",
                           str(tmp_path), str(review)], capture_output=True, timeout=180)
    assert done.returncode == 0 and (tmp_path / "review.pdf").stat().st_size > 1000


def test_an_edited_review_document_merges(content, tmp_path):
    review = tmp_path / "review.docx"
    review.write_bytes(export(content, review))
    d = docx.Document(str(review))
    for row in d.tables[0].rows[1:]:
        if row.cells[0].text == "prepared_by":
            row.cells[2].paragraphs[0].runs[0].text = "the briefing team"
    d.save(str(review))
    assert import_translations(content, review) == 1
    assert briefing.load(content).prepared_by.en == "the briefing team"


def test_cli_export_and_import(content):
    out = content.parent / "cli.xlf"
    done = subprocess.run([sys.executable, "-m", "briefing.cli", "translate", "export",
                           str(content), "-o", str(out)], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([sys.executable, "-m", "briefing.cli", "translate", "import",
                           str(content), str(out)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "nothing to change" in done.stderr


def test_the_glossary_goes_out_as_tbx_and_csv_and_new_terms_come_back(content):
    from translate.storage import tbx

    from briefing.translation import export

    tbx_data = export(content, "terms.tbx")
    store = tbx.tbxfile.parsestring(tbx_data)
    b = briefing.load(content)
    assert {str(u.source) for u in store.units} >= {o.zh for o in
                                                    b.glossary.organisations.values()}
    csv_data = export(content, "terms.csv").decode("utf-8")
    assert csv_data.startswith("id,kind,zh,en\n")
    extra = content.parent / "new.csv"
    extra.write_text(csv_data + "new_term,term,新能源汽车,new energy vehicles\n",
                     encoding="utf-8")
    assert import_translations(content, extra) == 1
    b = briefing.load(content)
    assert any(t.zh == "新能源汽车" and t.en == "new energy vehicles"
               for t in b.glossary.terms.values())


def test_a_glossary_correction_reaches_the_files_own_entries_only(content):
    from briefing.translation import export

    b = briefing.load(content)
    person = next(iter(b.glossary.people.values()))
    csv_data = export(content, "terms.csv").decode("utf-8")
    lines = csv_data.splitlines()
    corrected = [ln.replace(f",{person.zh},{person.en}", f",{person.zh},{person.en} (corrected)")
                 for ln in lines]
    ndrc = next(ln for ln in lines if ln.startswith("ndrc,"))  # from briefing:officials
    corrected = [ln + " (renamed)" if ln == ndrc else ln for ln in corrected]
    edited = content.parent / "edited.csv"
    edited.write_text("\n".join(corrected) + "\n", encoding="utf-8")
    assert import_translations(content, edited) == 1
    after = briefing.load(content)
    assert any(p.en == f"{person.en} (corrected)" for p in after.glossary.people.values())
    assert not after.glossary.organisations["ndrc"].en.endswith("(renamed)")


def test_a_corrected_short_name_reaches_the_organisation(content):
    lines = export(content, "terms.csv").decode("utf-8").splitlines()
    short = next(ln for ln in lines if ln.startswith("zhiyuan:short,"))
    edited = content.parent / "edited.csv"
    edited.write_text("\n".join(short.rsplit(",", 1)[0] + ",Zhiyuan NEV" if ln == short
                                else ln for ln in lines) + "\n", encoding="utf-8")
    assert import_translations(content, edited) == 1
    assert briefing.load(content).glossary.organisations["zhiyuan"].short_en == "Zhiyuan NEV"


def test_a_memory_prefills_exact_matches_for_review(content, tmp_path):
    from briefing.translation import export

    memory = tmp_path / "tm.tmx"
    memory.write_bytes(export(content, memory))
    draft = tmp_path / "draft"
    shutil.copytree(content.parent, draft)
    text = (draft / "trade-port.yaml").read_text(encoding="utf-8")
    (draft / "trade-port.yaml").write_text(
        text.replace("  en: briefing example", '  en: ""'), encoding="utf-8")
    xlf = export(draft / "trade-port.yaml", "job.xlf", memory=memory).decode("utf-8")
    unit = xlf[xlf.index('id="prepared_by"'):]
    unit = unit[:unit.index("</trans-unit>")]
    assert "briefing example" in unit and 'state="needs-review-translation"' in unit


def test_machine_translation_is_a_command_the_user_names(content, tmp_path):
    from briefing.translation import CommandTranslator, export

    draft = tmp_path / "draft.yaml"
    ingested = subprocess.run([sys.executable, "-m", "briefing.cli", "ingest",
                               str(ROOT / "tests" / "fixtures" / "page.txt"), "-o",
                               str(draft)], capture_output=True, text=True, cwd=ROOT)
    assert ingested.returncode == 0, ingested.stderr
    fake = [sys.executable, str(ROOT / "tests" / "helpers" / "fake_mt.py")]
    xlf = export(draft, "job.xlf", translator=CommandTranslator(fake)).decode("utf-8")
    assert "EN0:" in xlf and 'state="needs-review-translation"' in xlf
    job = tmp_path / "job.xlf"
    job.write_text(xlf, encoding="utf-8")
    assert import_translations(draft, job) > 0
    b = briefing.load(draft)
    assert b.title.en.startswith("EN0:")
    fresh = tmp_path / "fresh.yaml"
    subprocess.run([sys.executable, "-m", "briefing.cli", "ingest",
                    str(ROOT / "tests" / "fixtures" / "page.txt"), "-o", str(fresh)],
                   capture_output=True, check=True, cwd=ROOT)
    drops_codes = [sys.executable, "-c", "import json, sys\nfor line in sys.stdin:\n"
                   "    print(json.dumps({'id': json.loads(line)['id'], 'text': 'x'}))"]
    with pytest.raises(TranslationError, match="machine translation: unit .* drops"):
        export(fresh, "job.xlf", translator=CommandTranslator(drops_codes))


def test_a_job_whose_chinese_has_changed_since_is_refused(content):
    """Codes are numbered by where they stand in the Chinese: a job exported before the
    Chinese changed would put each figure in the other's place, silently."""
    path = job(content)
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("进出口总额{trade_total}，同比增长{trade_growth}",
                                    "同比增长{trade_growth}，进出口总额{trade_total}", 1),
                       encoding="utf-8")
    before = content.read_bytes()
    with pytest.raises(TranslationError, match=r"summary\[0\]: the Chinese has changed"):
        import_translations(content, path)
    assert content.read_bytes() == before


def test_a_reference_only_the_english_has_goes_out_and_comes_back(content):
    """An English that names an organisation twice where the Chinese names it once: the
    job carries the second as a code of its own, which the translation may keep or drop."""
    text = content.read_text(encoding="utf-8")
    ref = "{ningbo_customs}"
    line = next(ln for ln in text.splitlines()
                if ln.strip().startswith("en:") and ln.count(ref) == 1)
    quoted = line.rstrip().endswith('"')
    twice = line.rstrip().rstrip('"') + f" (reported by {ref})" + ('"' if quoted else "")
    content.write_text(text.replace(line, twice, 1), encoding="utf-8")
    before = content.read_bytes()
    path = job(content)
    assert 'id="x' in path.read_text(encoding="utf-8")
    assert import_translations(content, path) == 0  # the job as exported: no change
    review = content.parent / "review.docx"
    review.write_bytes(export(content, review))
    assert import_translations(content, review) == 0
    assert content.read_bytes() == before
    dropped = path.read_text(encoding="utf-8")
    at = dropped.index("(reported by ")
    end = dropped.index(")", at)
    path.write_text(dropped[:at] + dropped[end + 1:], encoding="utf-8")
    assert import_translations(content, path) == 1  # the English-only name dropped
    assert text.count(ref) == content.read_text(encoding="utf-8").count(ref)


def test_organisations_of_an_included_term_base_are_not_the_files_to_translate(content):
    path = job(content)
    job_text = path.read_text(encoding="utf-8")
    assert 'id="glossary.organisations.ndrc"' not in job_text  # briefing:officials' own
    own = 'id="glossary.organisations.asean"'
    path.write_text(job_text.replace(own, 'id="glossary.organisations.ndrc"', 1),
                    encoding="utf-8")
    with pytest.raises(TranslationError, match="comes from a term base the content includes"):
        import_translations(content, path)


def test_the_review_documents_english_is_read_as_word_shows_it(content):
    """Tracked insertions count and deletions do not; line breaks, tabs and hyperlinks
    keep their text."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    review = content.parent / "review.docx"
    review.write_bytes(export(content, review))
    document = docx.Document(str(review))
    table = document.tables[0]
    row = next(r for r in table.rows if r.cells[0].text == "articles[0].sections[0].blocks[2]"
               ".title")
    p = row.cells[2].paragraphs[0]
    for child in list(p._p):
        if child.tag != qn("w:pPr"):
            p._p.remove(child)

    def run(text: str = "", *extra: str) -> object:
        r = OxmlElement("w:r")
        for tag in extra:
            r.append(OxmlElement(tag))
        if text:
            t = OxmlElement("w:t")
            t.text = text
            t.set(qn("xml:space"), "preserve")
            r.append(t)
        return r

    def wrapped(tag: str, *children: object) -> object:
        el = OxmlElement(tag)
        if tag in ("w:ins", "w:del"):
            el.set(qn("w:id"), "1")
            el.set(qn("w:author"), "Translator")
        for c in children:
            el.append(c)
        return el

    deleted = run()
    deleted_text = OxmlElement("w:delText")
    deleted_text.text = "gone "
    deleted.append(deleted_text)
    hidden = run("HIDDEN ")
    props = OxmlElement("w:rPr")
    props.append(OxmlElement("w:vanish"))
    hidden.insert(0, props)
    symbol = run()
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), "Symbol")
    sym.set(qn("w:char"), "F0B0")  # a symbol font's private-use code for °
    symbol.append(sym)
    for el in (run("Ningbo trade,"), run("", "w:br"), run("by quarter"), run("", "w:tab"),
               wrapped("w:ins", run("tracked ")), wrapped("w:del", deleted),
               wrapped("w:hyperlink", run("linked")), run(" new"), run("", "w:noBreakHyphen"),
               run("energy"), hidden, run(" 5"), symbol, run("C")):
        p._p.append(el)
    document.save(str(review))
    assert import_translations(content, review) == 1
    b = briefing.load(content)
    chart = b.articles[0].sections[0].blocks[2]
    assert chart.title.en == ("Ningbo trade,\nby quarter\ttracked linked new\u2011energy"  # type: ignore[union-attr]
                              " 5°C")


def test_texts_merged_for_review_are_named(content, caplog):
    """The content keeps no review state: the import says which merged texts the job
    still marks for review."""
    import logging

    path = job(content)
    text = path.read_text(encoding="utf-8")
    at = text.index("<target", text.index('id="summary[0]"'))
    end = text.index("</target>", at)
    target = text[at:end]
    new = target.replace('state="translated"', 'state="needs-review-translation"')
    new = new.replace("Trade in goods", "Goods trade", 1) if "Trade in goods" in new \
        else new.replace(">", "> ", 1)
    path.write_text(text[:at] + new + text[end:], encoding="utf-8")
    with caplog.at_level(logging.INFO, logger="briefing"):
        assert import_translations(content, path) == 1
    assert "1 of the texts merged are marked for review in the job" in caplog.text
    assert "summary[0]" in caplog.text


SMALL = {"title": {"zh": "宁波港"}, "summary": [{"zh": "港口吞吐量快速增长。"}]}


def _translate_title(content: Path) -> int:
    path = job(content)
    text = path.read_text(encoding="utf-8")
    unit = text.index('id="title"')
    end = text.index("</source>", unit) + len("</source>")
    path.write_text(text[:end] + "<target>Ningbo port</target>" + text[end:], encoding="utf-8")
    return import_translations(content, path)


def test_a_json_content_file_takes_an_english_it_had_no_key_for(tmp_path):
    import json

    content = tmp_path / "brief.json"
    content.write_text(json.dumps(SMALL, ensure_ascii=False), encoding="utf-8")
    assert _translate_title(content) == 1
    assert json.loads(content.read_text(encoding="utf-8"))["title"] == {
        "zh": "宁波港", "en": "Ningbo port"}


def test_crlf_line_endings_and_a_symbolic_link_are_kept(tmp_path):
    real = tmp_path / "real" / "brief.yaml"
    real.parent.mkdir()
    real.write_bytes("title:\r\n  zh: 宁波港\r\nsummary:\r\n  - zh: 港口吞吐量快速增长。\r\n"
                     .encode())
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert _translate_title(link) == 1
    assert link.is_symlink()  # written through: the file it points to has the English
    data = real.read_bytes()
    assert b"en: \"Ningbo port\"" in data
    assert data.count(b"\r\n") == data.count(b"\n") == 5
