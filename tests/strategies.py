"""Hypothesis strategies for briefing content, for any test to use.

They build content data as a user might write it, valid or nearly so: prose in
Chinese, Latin and mixed scripts with references, long unbroken runs (one Chinese
character repeated, URL-like paths), extreme numbers, many blocks.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


#: Any CJK unified ideograph of the basic block, and the 6,763 of GB 2312 that news
#: text is written in (a briefing draws from the first only now and then, see below).
ANY_CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
GB2312 = [ch for ch in map(chr, range(0x4E00, 0x9FA6)) if _in_gb2312(ch)]
COMMON_CHINESE = st.sampled_from(GB2312)
CHINESE = st.one_of(COMMON_CHINESE, ANY_CHINESE)
PUNCTUATION = st.sampled_from(list("，。、；：？！“”‘’（）《》——……·%"))
LATIN = st.characters(min_codepoint=0x20, max_codepoint=0x7E, blacklist_characters="{}")

def words(chinese: st.SearchStrategy[str] = CHINESE) -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(chinese, min_size=1, max_size=30),
        st.text(LATIN, min_size=1, max_size=30),
        st.text(st.one_of(chinese, PUNCTUATION), min_size=1, max_size=20),
        st.builds(lambda c, n: c * n, chinese, st.integers(50, 600)),  # one character, repeated
        st.builds(lambda n: "https://example.com/" + "a/b_c-d" * n, st.integers(10, 120)),
        st.builds(lambda n: "x" * n, st.integers(50, 800)),  # one Latin word, no break
    )


@st.composite
def prose(draw: Any, refs: list[str] | None = None, chinese: bool = True,
          alphabet: st.SearchStrategy[str] = CHINESE) -> str:
    parts = draw(st.lists(words(alphabet), min_size=1, max_size=6))
    if refs:
        for _ in range(draw(st.integers(0, 2))):
            parts.insert(draw(st.integers(0, len(parts))), "{" + draw(st.sampled_from(refs)) + "}")
    text = "".join(parts)
    if chinese and not any("\u4e00" <= c <= "\u9fa5" for c in text):
        text = "中" + text
    return text


NUMBERS = st.one_of(st.integers(0, 10**6), st.integers(0, 10**15),
                    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False,
                                allow_infinity=False).map(str))

statistic = st.fixed_dictionaries({
    "value": NUMBERS,
    "unit": st.sampled_from(["yuan", "percent", "tonne", "usd", "kwh", "teu", "km"]),
}, optional={
    "qualifier": st.sampled_from(["about", "more_than", "nearly", "less_than"]),
    "kind": st.sampled_from(["level", "growth", "share"]),
})


@st.composite
def briefings(draw: Any) -> dict[str, Any]:
    # one briefing in ten may use any ideograph; the rest keep to GB 2312, as news does
    # (so a long campaign spends its time on layout, not on building font subsets)
    alphabet = draw(st.sampled_from([COMMON_CHINESE] * 9 + [CHINESE]))
    ids = [f"s{n}" for n in range(draw(st.integers(0, 4)))]
    stats = {i: draw(statistic) for i in ids}

    def zh(refs: list[str] | None = None) -> st.SearchStrategy[str]:
        return prose(refs, alphabet=alphabet)

    def en(refs: list[str] | None = None) -> st.SearchStrategy[str]:
        return prose(refs, chinese=False, alphabet=alphabet)

    pair = st.fixed_dictionaries({"zh": zh(ids), "en": en(ids)})
    sections = draw(st.lists(st.fixed_dictionaries({"blocks": st.lists(pair, min_size=1,
                                                                         max_size=8)}),
                             min_size=1, max_size=3))
    if draw(st.booleans()):  # a bar chart of figures of one unit, labelled in prose
        unit = draw(st.sampled_from(["yuan", "percent", "tonne", "kwh"]))
        plotted = [f"c{n}" for n in range(draw(st.integers(1, 6)))]
        for key in plotted:
            stats[key] = {"value": draw(NUMBERS), "unit": unit, "period": {"year": 2025},
                          "label": {"zh": draw(zh()), "en": draw(en())}}
        sections[0]["blocks"].append({"type": "chart", "kind": "bar", "figures": plotted})
    return {
        "title": {"zh": draw(zh()), "en": draw(en())},
        "summary": draw(st.lists(pair, max_size=3)),
        "statistics": stats,
        "articles": [{"id": "a", "headline": {"zh": draw(zh()), "en": draw(en())},
                      "sections": sections}],
    }
