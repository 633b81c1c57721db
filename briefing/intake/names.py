"""People and organisations of a page → glossary entries, and prose that names them.

People come from bylines, photo credits and quotation attributions (a family
name, then the given name); their English is Hanyu Pinyin, family name first
(郝迎灿 → Hao Yingcan), marked for review. Organisations come from credits
(…供图) and from the shipped term base when the text names one of its entries.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

# Names and ids need each character's usual reading, not pypinyin's phrase dictionary
# (a quarter of a second to load): family names with another reading are in SURNAMES.
os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")
from pypinyin import Style, lazy_pinyin  # noqa: E402

#: Family names read otherwise than their character's usual reading.
SURNAMES = {"单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "查": "zha", "朴": "piao",
            "区": "ou", "乐": "yue", "盖": "ge", "秘": "bi", "尉": "yu", "种": "chong",
            "繁": "po", "瞿": "qu", "任": "ren", "缪": "miao", "覃": "qin", "召": "shao",
            "员": "yun", "过": "guo", "华": "hua", "翟": "zhai", "燕": "yan", "宁": "ning"}

#: Text and references to glossary or statistic ids, in order: ("id",) or ("id", "short").
Piece = str | tuple[str, ...]


def prose(pieces: list[Piece]) -> str:
    """Pieces as content prose: references in braces, literal braces doubled."""
    return "".join(p.replace("{", "{{").replace("}", "}}") if isinstance(p, str)
                   else "{" + ":".join(p) + "}" for p in pieces)


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


@dataclass
class Names:
    """The glossary a draft builds: people and organisations, by id."""

    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    organisations: dict[str, dict[str, Any]] = field(default_factory=dict)
    known: dict[str, str] = field(default_factory=dict)  # Chinese form → id
    shipped: dict[str, tuple[str, ...]] = field(default_factory=dict)  # form → reference

    def person(self, zh: str, title: str = "") -> str:
        if zh in self.known:
            key = self.known[zh]
        else:
            key, en = pinyin_name(zh)
            while key in self.people or key in self.organisations:
                key += "_2"
            self.people[key] = {"zh": zh, "en": en}
            self.known[zh] = key
        if title:
            titles = self.people[key].setdefault("titles", [])
            if all(t["zh"] != title for t in titles):
                titles.append({"zh": title, "en": ""})
        return key

    def organisation(self, zh: str) -> str:
        if zh in self.known:
            return self.known[zh]
        key = slug(zh)
        while key in self.people or key in self.organisations:
            key += "_2"
        self.organisations[key] = {"zh": zh, "en": ""}
        self.known[zh] = key
        return key

    def pieces(self, text: str) -> list[Piece]:
        """``text`` with every known name (longest first) a reference."""
        refs = {**self.shipped, **{form: (key,) for form, key in self.known.items()}}
        forms = sorted(refs.items(), key=lambda kv: -len(kv[0]))
        out: list[Piece] = [text]
        for form, key in forms:
            nxt: list[Piece] = []
            for piece in out:
                if not isinstance(piece, str):
                    nxt.append(piece)
                    continue
                parts = piece.split(form)
                for i, part in enumerate(parts):
                    if i:
                        nxt.append(key)
                    if part:
                        nxt.append(part)
            out = nxt
        return out
