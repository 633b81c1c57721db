"""Every label the documents print, from gettext catalogs under ``translations/``.

Catalogs are ``translations/<locale>/LC_MESSAGES/briefing.po``, read at first
use (no compile step; what babel reads is kept per machine, see :func:`_catalog`).
Message ids are the English labels, marked in code with :func:`N_` so
``pybabel extract -F babel.cfg -k N_`` finds them. Adding a label language is a
new ``.po`` file and no code change.
"""

from __future__ import annotations

import contextlib
import marshal
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

from .diskcache import cache_dir, key_of, sealed, store, unsealed
from .errors import LabelError
from .resources import translations_dir

DOMAIN = "briefing"

#: The catalog locale of each content language.
CATALOG_LOCALE = {"zh": "zh_CN", "en": "en"}


Labeller = Callable[..., str]
"""Looks up a label: ``(message, lang, **values) -> str`` (see :func:`label`)."""


def N_(message: str) -> str:
    """Mark a label for extraction; returns it unchanged."""
    return message


@lru_cache(maxsize=32)  # a plan asks for a label a few hundred times: one folder, or a few
def _folder(root: Path | None) -> Path:
    """The catalog folder, resolved (the catalogs' cache key): the shipped one by default."""
    return (root or translations_dir()).resolve()


#: A catalog's cache file starts with this (then the SHA-256 and the marshalled labels).
_SEAL = b"briefing-labels-1\n"


@lru_cache(maxsize=32)  # (locale, folder): a template may bring its own
def _catalog(locale: str, root: Path) -> dict[str, str]:
    """A catalog's labels, message id -> translation ("" where it has none). Read with
    babel once per machine and kept in the per-machine cache (:mod:`briefing.diskcache`)
    under the file's path, size and modification time: every command loads its
    template's catalogs, and babel's reader took 12-15 ms of each command's start."""
    path = root / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        raise LabelError(f"no label catalog for locale {locale!r} (expected {path})")
    file = cache_dir() / f"labels-{key_of(path, locale)}.marshal"
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        kept = marshal.loads(unsealed(_SEAL, file.read_bytes()))
        if isinstance(kept, dict):
            return kept
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale.replace("-", "_"))
    # the singular labels a document prints (the catalogs hold no plural forms)
    labels = {m.id: str(m.string) for m in catalog if m.id and isinstance(m.id, str)}
    store(file, sealed(_SEAL, marshal.dumps(labels)))
    return labels


def check_catalog(locale: str, root: Path | None = None) -> None:
    """Raise LookupError unless ``locale``'s catalog translates every shipped label."""
    root = (root or translations_dir()).resolve()
    try:
        cat = _catalog(locale, root)
    except ValueError as exc:  # babel: not a locale identifier
        raise LabelError(f"{locale!r} is not a locale ({exc})") from None
    reference = _catalog(CATALOG_LOCALE["en"], translations_dir().resolve())
    if locale.split("_")[0] == "en":
        return  # English labels fall back to their message ids
    missing = [msgid for msgid in reference if not cat.get(msgid)]
    if missing:
        raise LabelError(f"the {locale} catalog in {root} lacks {len(missing)} label(s), "
                          f"e.g. {missing[0]!r}")


def label(message: str, lang: str, root: Path | None = None, locale: str | None = None,
          **values: str) -> str:
    """The label ``message`` for content language ``lang`` with ``{placeholders}`` filled in.

    ``locale`` picks another catalog for that language (a template's
    ``label_locales``: en_US beside en, a house variant ...). A message missing
    from a non-English catalog is an error, not a silent English fallback: a
    Chinese handout must never print an untranslated label.
    """
    locale = locale or CATALOG_LOCALE.get(lang, lang)
    cat = _catalog(locale, _folder(root))
    text = cat.get(message)
    if not text:
        if locale.split("_")[0] == "en":
            text = message
        else:
            raise LabelError(f"label {message!r} has no {locale} translation in the catalog")
    return text.format(**values) if values else text
