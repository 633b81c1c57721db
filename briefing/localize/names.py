"""Names of people, organisations and terms in each language."""

from __future__ import annotations

from ..model import Organisation, Person, Term


def format_name(entity: Person | Organisation | Term, lang: str, *, short: bool = False) -> str:
    """The entity's name in ``lang``; ``short`` picks an organisation's short form
    (鞍钢 / Ansteel) where it has one, else the full name."""
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}; expected zh or en")
    if isinstance(entity, Organisation) and short:
        form = entity.short_zh if lang == "zh" else entity.short_en
        if form:
            return form
    return entity.zh if lang == "zh" else entity.en
