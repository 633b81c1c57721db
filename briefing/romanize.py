"""Chinese written in Latin letters: Hanyu Pinyin for people's names and readable ids."""

from __future__ import annotations

import re

# pypinyin's phrase dictionary (about 0.2 s to load, only by ingest and translate) reads a
# place by its words (厦门 xiamen, 重庆 chongqing), not its characters' commonest readings
from pypinyin import Style, lazy_pinyin

#: Family names read otherwise than their character's usual reading.
SURNAMES = {"单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "查": "zha", "朴": "piao",
            "区": "ou", "乐": "yue", "盖": "ge", "秘": "bi", "尉": "yu", "种": "chong",
            "繁": "po", "瞿": "qu", "任": "ren", "缪": "miao", "覃": "qin", "召": "shao",
            "员": "yun", "过": "guo", "华": "hua", "翟": "zhai", "燕": "yan", "宁": "ning"}

def slug(zh: str, words: int = 4) -> str:
    """A readable id from Chinese: pinyin syllables, paired: 浑南科技城 → hunnan_keji_cheng."""
    syllables = [re.sub(r"[^a-z0-9]", "", s.lower()) for s in lazy_pinyin(zh, style=Style.NORMAL)]
    syllables = [s for s in syllables if s][: words * 2]
    pairs = ["".join(syllables[i:i + 2]) for i in range(0, len(syllables), 2)]
    key = "_".join(pairs) or "x"
    return key if key[0].isalpha() else f"n{key}"


def pinyin_name(zh: str) -> tuple[str, str]:
    """An id and the English of a personal name: 郝迎灿 → (hao_yingcan, Hao Yingcan)."""
    # the family name apart (单于 as a phrase is chanyu), the given name as a word (长江)
    family = SURNAMES.get(zh[0], lazy_pinyin(zh[0], style=Style.NORMAL)[0])
    given = "".join(lazy_pinyin(zh[1:], style=Style.NORMAL))
    return (f"{family}_{given}" if given else family,
            f"{family.capitalize()} {given.capitalize()}".strip())
