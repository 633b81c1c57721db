"""Chinese written in Latin letters: Hanyu Pinyin for people's names and readable ids."""

from __future__ import annotations

import os
import re

# Names and ids need each character's usual reading, not pypinyin's phrase dictionary
# (a quarter of a second to load): family names with another reading are in SURNAMES.
os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")
from pypinyin import Style, lazy_pinyin  # noqa: E402

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
    syllables = lazy_pinyin(zh, style=Style.NORMAL)
    family, given = SURNAMES.get(zh[0], syllables[0]), "".join(syllables[1:])
    return f"{family}_{given}", f"{family.capitalize()} {given.capitalize()}".strip()
