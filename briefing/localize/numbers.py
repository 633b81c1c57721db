"""Numbers and statistics as each language writes them.

Pure functions of (value, language); the language is always explicit
(``"zh"`` or ``"en"``, or :class:`briefing.model.Lang`).

Chinese (CLDR ``zh_Hans_CN``) follows the source's own notation: no
thousands separators, 万/亿/万亿 scales, qualifiers 余/多/超过/近/约.
English (CLDR ``en``) groups thousands, uses million/billion/trillion from a
million up, and writes qualifiers in words.

House decisions (the specification leaves them open):

* Rounding is half up on the magnitude ("四舍五入"): ties go away from zero,
  never to even, so 2.5 → 3 and -2.5 → -3.
* ``precision`` is the number of decimals of the *shown* scale, and it is
  fixed: ``precision=2`` prints exactly two decimals, trailing zeros included
  (23.60%, 1.50 million). Without it the value prints all its digits with
  trailing zeros dropped (Decimal("23.60") → 23.6).
* A scale is chosen only when the mantissa is at least 1 and has at most two
  decimals *after* rounding, trying the largest scale first, so rounding that
  reaches the next scale promotes to it (999999 at precision 0 → 100万,
  999,999,999 → 1 billion). Babel's ``format_compact_decimal`` picks the unit
  before rounding, which is why it is not used here; the scale words still
  come from CLDR's compact-decimal patterns.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

from ..model import Lang
from ..units import EN_SCALE_FROM, EN_SCALES, ZH_SCALES

ZH_LOCALE = "zh_Hans_CN"
EN_LOCALE = "en"
#: Lists follow British house style (tonnes, metres): CLDR en_GB joins
#: "a, b and c" without the serial comma that CLDR en uses.
EN_LIST_LOCALE = "en_GB"

#: Powers of ten that get a scale word, largest first.
_SCALES: dict[Lang, tuple[int, ...]] = {
    Lang.ZH: tuple(sorted(ZH_SCALES.values(), reverse=True)),
    Lang.EN: tuple(sorted((e for e in EN_SCALES.values() if e >= EN_SCALE_FROM), reverse=True)),
}
#: A scale is chosen only if its mantissa has at most this many decimals (the source
#: prints 3618.4万 and 10341, not 1.0341万; 36.184 million, but 1,234,567), unless the
#: source wrote the figure with a scale word: Chinese then keeps that word (1.235亿) and
#: English uses one from a million up with the decimals the value needs (123.5 million,
#: 12.3456 million for 1234.56万, never 12,345,600).
MAX_SCALE_DECIMALS = {Lang.ZH: 2, Lang.EN: 3}

def as_lang(lang: Lang | str) -> Lang:
    """The language a caller named, or a ValueError that says what is allowed."""
    try:
        return Lang(lang)
    except ValueError:
        raise ValueError(f"unknown language {lang!r}; expected 'zh' or 'en'") from None


@contextmanager
def _exact(value: Decimal, places: int = 0) -> Iterator[None]:
    """A decimal context wide enough that nothing below rounds by accident."""
    with localcontext() as ctx:
        size = len(value.as_tuple().digits) + abs(value.adjusted())
        ctx.prec = max(ctx.prec, size + abs(places) + 30)
        yield


def _check(value: Decimal) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"expected a Decimal, got {type(value).__name__}")
    value = Decimal(value)
    if not value.is_finite():
        raise ValueError(f"cannot format the non-finite number {value}")
    return value


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round to ``places`` decimals, ties away from zero (2.5 → 3, 0.125 → 0.13).

    The result carries exactly ``places`` decimals (Decimal("2.50") at 2).
    """
    value = _check(value)
    with _exact(value, places):
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def round_significant(value: Decimal, digits: int) -> Decimal:
    """Round half up to ``digits`` significant digits: 130830000000 at 3 → 131000000000."""
    value = _check(value)
    if value.is_zero():
        return value
    return round_half_up(value, digits - 1 - value.adjusted()).normalize() + 0


def _decimals(value: Decimal) -> int:
    """Significant decimals of a value: 1.50 → 1, 3E+12 → 0."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    stripped = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    if value.is_zero():
        return 0
    return max(0, -(exponent + stripped))


@lru_cache(maxsize=8)
def _scale_words(lang: Lang) -> dict[int, str]:
    """万/亿/万亿 and million/billion/trillion, from CLDR compact-decimal patterns."""
    if lang is Lang.ZH:
        patterns = Locale.parse(ZH_LOCALE).compact_decimal_formats["short"]["other"]
    else:
        patterns = Locale.parse(EN_LOCALE).compact_decimal_formats["long"]["other"]
    return {exp: patterns[str(10**exp)].pattern.replace("0", "").strip() for exp in _SCALES[lang]}


def _digits(value: Decimal, lang: Lang, precision: int | None) -> str:
    """Digits in the locale's symbols: en groups thousands, zh never does."""
    # keyed by the exact text of the value: 1.0 and 1.00 are equal Decimals, shown apart
    return _digits_of(str(value), lang, precision)


@lru_cache(maxsize=4096)
def _digits_of(text: str, lang: Lang, precision: int | None) -> str:
    value = Decimal(text)
    if value.is_zero():
        value = value.copy_abs()  # no "-0"
    pattern = "#,##0" if lang is Lang.EN else "0"
    if precision:
        pattern += "." + "0" * precision
    locale = EN_LOCALE if lang is Lang.EN else ZH_LOCALE
    with _exact(value, precision or 0):
        return format_decimal(value, format=pattern, locale=locale, decimal_quantization=False)


@dataclass(frozen=True)
class NumberParts:
    """A number split the way a qualifier needs it: 730 | 万, 4.8 | 万."""

    mantissa: str
    scale: str
    whole: bool  # the mantissa shows no decimals

    def joined(self, lang: Lang) -> str:
        if not self.scale:
            return self.mantissa
        return f"{self.mantissa} {self.scale}" if lang is Lang.EN else self.mantissa + self.scale


def number_parts(
    value: Decimal, lang: Lang | str, *, precision: int | None = None, scaled: bool = True,
    scale: int | None = None,
) -> NumberParts:
    """The mantissa and scale word :func:`format_number` would print. ``scale``: the
    power of ten of the scale word the source writes the figure with (8 for 1.235亿):
    Chinese uses it wherever the figure is at least one of it, and neither language
    then limits a scale's decimals (:data:`MAX_SCALE_DECIMALS`)."""
    value = _check(value)
    language = as_lang(lang)
    if precision is not None and precision < 0:
        raise ValueError(f"precision must be 0 or more, got {precision}")
    levels = (*_SCALES[language], 0) if scaled else (0,)
    if language is Lang.ZH and scale in levels and abs(value) >= Decimal(10) ** scale:
        levels = (scale, 0)
    cap = MAX_SCALE_DECIMALS[language] if scale is None else None
    with _exact(value, precision or 0):
        for i, exp in enumerate(levels):
            mantissa = value.scaleb(-exp)
            if exp and abs(mantissa) < 1:
                continue
            if precision is not None:
                mantissa = round_half_up(mantissa, precision)
            if exp and cap is not None and _decimals(mantissa) > cap:
                continue
            # Rounding may reach the next scale up (9999.9999万 → 1亿, 999.9999 million
            # → 1 billion): the rounded value is then exactly that scale; show it there.
            rounded = mantissa.scaleb(exp)
            for bigger in reversed(levels[:i]):
                if abs(value) < Decimal(10) ** bigger <= abs(rounded):
                    exp = bigger
                    mantissa = round_half_up(rounded.scaleb(-exp), precision or 0)
                    break
            return NumberParts(
                _digits(mantissa, language, precision),
                _scale_words(language)[exp] if exp else "",
                whole=not precision and _decimals(mantissa) == 0,
            )
    raise AssertionError("unreachable: the plain level always matches")  # pragma: no cover


def format_number(
    value: Decimal, lang: Lang | str, *, precision: int | None = None, scaled: bool = True
) -> str:
    """A number as the language writes it.

    zh: 10341, 8.6万, 1308.3亿, 3万亿 (no separators); en: 10,341, 401,000,
    7.3 million, 130.83 billion. ``precision`` rounds (half up) to that many
    decimals of the shown scale and prints exactly that many; ``scaled=False``
    never uses a scale word.
    """
    language = as_lang(lang)
    return number_parts(value, language, precision=precision, scaled=scaled).joined(language)
