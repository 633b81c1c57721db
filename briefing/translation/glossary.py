"""The glossary for CAT tools: TBX (translate-toolkit) and CSV, out and back in.

Export lists every person, organisation (with its short name) and term of the
content's glossary and of the term bases it includes, Chinese and English.
Import gives the English it brings to the content file's own people, organisations
and terms (a missing or a corrected name; those of an included term base are that
base's) and adds the terms the content does not have yet under ``glossary.terms``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from translate.storage import tbx

from ..model import Briefing
from .units import TranslationError

Entry = tuple[str, str, str, str]  # id, kind, zh, en


def entries(b: Briefing) -> list[Entry]:
    g = b.glossary
    out: list[Entry] = []
    for key, p in g.people.items():
        out.append((key, "person", p.zh, p.en))
    for key, o in g.organisations.items():
        out.append((key, "organisation", o.zh, o.en))
        if o.short_zh:
            out.append((f"{key}:short", "organisation", o.short_zh, o.short_en or ""))
    for key, t in g.terms.items():
        out.append((key, "term", t.zh, t.en))
    return out


def write_tbx(b: Briefing) -> bytes:
    store = tbx.tbxfile(sourcelanguage="zh-CN", targetlanguage="en-GB")
    for _key, _kind, zh, en in entries(b):
        unit = store.addsourceunit(zh)
        unit.target = en
    return bytes(store)


def write_csv(b: Briefing) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "kind", "zh", "en"])
    writer.writerows(entries(b))
    return out.getvalue().encode("utf-8")


def read(path: Path) -> dict[str, str]:
    """Chinese → English of a TBX or CSV glossary."""
    try:
        if path.suffix.lower() == ".csv":
            rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
            if not rows.fieldnames or not {"zh", "en"} <= set(rows.fieldnames):
                raise TranslationError(f"{path}: a glossary CSV needs zh and en columns")
            return {r["zh"].strip(): r["en"].strip() for r in rows if r.get("zh")}
        store = tbx.tbxfile.parsefile(str(path))
        return {str(u.source).strip(): str(u.target or "").strip() for u in store.units
                if u.source}
    except TranslationError:
        raise
    except Exception as exc:  # csv, lxml and translate-toolkit raise many kinds
        raise TranslationError(f"{path}: not a glossary (TBX or CSV) that can be read "
                               f"({type(exc).__name__})") from None
