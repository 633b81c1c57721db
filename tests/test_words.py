"""Chinese words for headings (briefing.writers.pdf.words): jieba's cut, fed only the
dictionary entries a text holds, is the cut of the whole dictionary."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import modules_loaded

from briefing.writers.pdf import words

TEXTS = [
    "东方港口潮涌新时代",
    "培育壮大战略性新兴产业，锻造产业竞争新优势",
    "打造重大技术创新策源地，加快科技成果向现实生产力转化",
    "沈阳新松机器人自动化股份有限公司",  # 新松: not a word; jieba's model of unknown words
    "安徽颍南：一地两用，粮电双收",
    "1—9月宁波货物贸易与“新三样”出口",
    "2025年上半年光伏与新能源发电量",
    "合作社社员在光伏板下采收羊肚菌（示意图）",
    "Ningbo港 2024年 吞吐量 ABC-12",
    "中国科学院金属研究所研究员",
    "据介绍，大力发展数字经济",
    "辽",
    "",
]


@pytest.fixture(scope="module")
def whole() -> object:
    """rjieba with every entry of jieba's dictionary (as jieba-rs loads a dictionary)."""
    seg = words._segmenter().Jieba.empty()
    for line in words._dictionary().read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts:
            seg.add_word(parts[0], int(parts[1]), "")
    return seg


@pytest.mark.parametrize("text", TEXTS)
def test_the_words_a_text_holds_cut_it_as_the_whole_dictionary_does(text: str,
                                                                      whole: object) -> None:
    got = words.cut(text)
    assert got == list(whole.cut(text))  # type: ignore[attr-defined]
    assert "".join(got) == text


def test_jieba_words_stay_whole() -> None:
    assert "潮涌" in words.cut("东方港口潮涌新时代")
    assert "机器人" in words.cut("沈阳新松机器人自动化股份有限公司")


SMALL = "中国 100 ns\n中国人 20 n\n国 50\n人 30 n\n中国 200 ns\n中华 5\nAB 7 eng\n"


def test_the_index_finds_the_words_a_text_holds() -> None:
    idx = words.Index.of_bytes(words.build_index(SMALL.encode()))
    # a word listed twice keeps its last frequency and is counted once in the total
    assert idx.total == 200 + 20 + 50 + 30 + 5 + 7
    assert idx.words_in("中国人中华") == {"中国": 200, "中国人": 20, "国": 50, "人": 30,
                                        "中华": 5}
    assert idx.words_in("我是中国人") == {"中国": 200, "中国人": 20, "国": 50, "人": 30}
    assert idx.words_in("AB中") == {"AB": 7}
    assert idx.words_in("华\U0010ffff") == {}
    assert idx.words_in("中 国") == {"国": 50}  # a word never spans a space
    assert idx.words_in("") == {}


@pytest.mark.parametrize("first", ["A", "é", "\u07ff", "中", "\uffff", "\U0001F600"])
def test_each_first_character_finds_its_group_whatever_its_utf8_length(first: str) -> None:
    """Groups of words whose first characters take 1 to 4 bytes, beside neighbours
    whose bytes differ only in the last one, in a dictionary with CRLF lines, a word
    without a frequency and a tag after a tab."""
    neighbour = chr(ord(first) + 1)
    text = (f"{first} 3\r\n{first}{first} 4\tn\r\n{neighbour} 5\r\n{neighbour}{first}\r\n"
            f"  {first}x 6 eng\r\n")
    idx = words.Index.of_bytes(words.build_index(text.encode()))
    assert idx.total == 3 + 4 + 5 + 0 + 6
    assert idx.words_in(f"{first}{first}x") == {first: 3, f"{first}{first}": 4, f"{first}x": 6}
    assert idx.words_in(f"{neighbour}{first}") == {neighbour: 5, f"{neighbour}{first}": 0,
                                                   first: 3}


@pytest.mark.parametrize("damage", [lambda b: b[:-3], lambda b: b"x" + b[1:], lambda b: b""])
def test_a_damaged_index_is_refused(damage) -> None:  # type: ignore[no-untyped-def]
    data = damage(words.build_index(SMALL.encode()))
    with pytest.raises((ValueError, IndexError)):
        words.Index.of_bytes(data)


def test_the_index_is_kept_in_the_cache_and_rebuilt_when_damaged(tmp_path: Path,
                                                                 monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BRIEFING_FONT_CACHE", str(tmp_path))
    words.index.cache_clear()
    try:
        first = words.index()
        (file,) = tmp_path.glob("words-*.idx")
        assert first.words_in("潮涌") == words.Index.of_bytes(file.read_bytes()).words_in("潮涌")
        assert first.words_in("潮涌")["潮涌"] > 0
        file.write_bytes(file.read_bytes()[:1000])  # cut short
        words.index.cache_clear()
        again = words.index()
        assert again.total == first.total
        assert again.words_in("潮涌") == first.words_in("潮涌")
        assert words.Index.of_bytes(file.read_bytes()).total == first.total  # stored again
    finally:
        words.index.cache_clear()


def test_the_default_dictionary_is_never_built() -> None:
    """rjieba's package builds its 33 MB dictionary when imported: only its extension
    module is loaded."""
    loaded = modules_loaded("from briefing.writers.pdf.words import cut\n"
                            "assert '潮涌' in cut('东方港口潮涌新时代')")
    assert sorted(m for m in loaded if "jieba" in m) == ["rjieba.rjieba"]
