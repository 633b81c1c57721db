"""Label catalogs: every label comes from gettext; a new language is a new .po file."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from briefing.api import plan
from briefing.labels import label
from briefing.resources import translations_dir
from briefing.templates import load_template

ROOT = Path(__file__).resolve().parent.parent


def catalog_ids(locale: str) -> set[str]:
    path = translations_dir() / locale / "LC_MESSAGES" / "briefing.po"
    with path.open("rb") as fh:
        return {str(m.id) for m in read_po(fh) if m.id and m.string}


def test_extraction_finds_every_label_and_catalogs_translate_them(tmp_path):
    pot = tmp_path / "briefing.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    str(ROOT / "babel.cfg"), "-k", "N_", "-o", str(pot), str(ROOT)],
                   check=True, capture_output=True)
    with pot.open("rb") as fh:
        extracted = {str(m.id) for m in read_po(fh) if m.id}
    assert {"Key figures", "Sources", "Figure {number}. {caption}", "Photo courtesy of {who}",
            "Photo: {who}", "Page {page} of {pages}", "Summary", "Glossary of names"} <= extracted
    assert extracted <= catalog_ids("zh_CN"), extracted - catalog_ids("zh_CN")
    assert extracted <= catalog_ids("en")


@pytest.mark.parametrize(
    ("message", "zh", "en"),
    [
        ("Key figures", "主要数据", "Key figures"),
        ("Photo courtesy of {who}", "沈阳市浑南区委宣传部供图", "Photo courtesy of X"),
        ("Photo: {who}", "周颂雪摄", "Photo: X"),
        ("Page {page} of {pages}", "第 1 页 共 2 页", "Page 1 of 2"),
    ],
)
def test_labels_in_both_languages(message, zh, en):
    who = {"zh": "沈阳市浑南区委宣传部" if "courtesy" in message else "周颂雪", "en": "X"}
    assert label(message, "zh", who=who["zh"], page="1", pages="2") == zh
    assert label(message, "en", who=who["en"], page="1", pages="2") == en


def test_a_new_label_language_is_a_new_po_file(mini, tmp_path):
    """A fixture locale (English labels in a newsroom's own wording), no code change."""
    labels = tmp_path / "tpl" / "labels"
    shutil.copytree(translations_dir(), labels)
    po = (translations_dir() / "en" / "LC_MESSAGES" / "briefing.po").read_text(encoding="utf-8")
    po = re.sub(r'msgid "Key figures"\nmsgstr "Key figures"',
                'msgid "Key figures"\nmsgstr "Numbers that matter"', po)
    po = re.sub(r'msgid "Photo: \{who\}"\nmsgstr "Photo: \{who\}"',
                'msgid "Photo: {who}"\nmsgstr "Photograph by {who}"', po)
    po = po.replace('"Language: en\\n"', '"Language: en_US\\n"')
    target = labels / "en_US" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "briefing.po").write_text(po, encoding="utf-8")
    (tmp_path / "tpl" / "template.toml").write_text(
        'labels_dir = "labels"\n[label_locales]\nen = "en_US"\n', encoding="utf-8")
    text = " ".join(plan(mini, template=load_template(tmp_path / "tpl")).texts("en"))
    assert "Numbers that matter" in text and "Photograph by Zhou Songxue" in text
    assert "Key figures" not in text


def test_untranslated_chinese_label_is_an_error(tmp_path):
    target = tmp_path / "zh_CN" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "briefing.po").write_text('msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n',
                                        encoding="utf-8")
    with pytest.raises(LookupError, match="no zh_CN translation"):
        label("Key figures", "zh", root=tmp_path)


def test_a_catalog_is_read_once_per_machine_and_read_back_only_whole(monkeypatch, tmp_path):
    """A catalog's labels are kept in the per-machine cache under the .po file's path, size
    and modification time: read back as babel read them, read with babel again when the
    kept file is cut short or changed, or when the catalog is (a new modification time)."""
    import os

    from briefing import labels

    monkeypatch.setenv("BRIEFING_FONT_CACHE", str(tmp_path / "cache"))
    root = tmp_path / "translations"
    shutil.copytree(translations_dir(), root)
    po = root / "zh_CN" / "LC_MESSAGES" / "briefing.po"
    with po.open("rb") as fh:
        expected = {m.id: str(m.string) for m in read_po(fh, locale="zh_CN") if m.id}
    labels._catalog.cache_clear()
    assert labels._catalog("zh_CN", root) == expected
    kept = list((tmp_path / "cache").glob("labels-*.marshal"))
    assert len(kept) == 1
    labels._catalog.cache_clear()
    monkeypatch.setattr(labels, "read_po", lambda *a, **k: pytest.fail("read again"))
    assert labels._catalog("zh_CN", root) == expected  # from the kept file
    monkeypatch.undo()
    monkeypatch.setenv("BRIEFING_FONT_CACHE", str(tmp_path / "cache"))
    for damage in (lambda b: b[:-1], lambda b: b[:-1] + bytes([b[-1] ^ 1]), lambda b: b"x" + b):
        kept[0].write_bytes(damage(kept[0].read_bytes()))
        labels._catalog.cache_clear()
        assert labels._catalog("zh_CN", root) == expected  # read with babel, kept again
    msgid, before = next((k, v) for k, v in expected.items() if v and '"' not in v)
    text = po.read_text(encoding="utf-8")
    assert text.count(f'msgstr "{before}"') >= 1
    po.write_text(text.replace(f'msgstr "{before}"', 'msgstr "改过的标签"'), encoding="utf-8")
    st = po.stat()
    os.utime(po, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    labels._catalog.cache_clear()
    assert labels._catalog("zh_CN", root)[msgid] == "改过的标签"  # the edited catalog
    assert len(list((tmp_path / "cache").glob("labels-*.marshal"))) == 2
    labels._catalog.cache_clear()
