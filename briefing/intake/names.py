"""People and organisations of a page → glossary entries, and prose that names them.

People come from bylines, photo credits and quotation attributions (a family
name, then the given name); their English is Hanyu Pinyin, family name first
(郝迎灿 → Hao Yingcan), marked for review. Organisations come from credits
(…供图) and from the shipped term base when the text names one of its entries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..romanize import pinyin_name, slug

#: Text and references to glossary or statistic ids, in order: ("id",) or ("id", "short").
Piece = str | tuple[str, ...]


def prose(pieces: list[Piece]) -> str:
    """Pieces as content prose: references in braces, literal braces doubled."""
    return "".join(p.replace("{", "{{").replace("}", "}}") if isinstance(p, str)
                   else "{" + ":".join(p) + "}" for p in pieces)


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
