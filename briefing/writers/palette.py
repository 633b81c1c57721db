"""The fills of a chart's series or parts, from a template's colours (both writers)."""

from __future__ import annotations

#: How far each fill goes from the accent toward white: the accent, then lighter tints.
TINTS = (1.0, 0.62, 0.36, 0.18)


def chart_fills(accent: str, muted: str, n: int) -> list[str]:
    """``n`` fills as ``#RRGGBB``: the accent, its tints, then the muted grey, repeating."""
    rgb = [int(accent.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    fills = ["#" + "".join(f"{round(255 - (255 - c) * t):02X}" for c in rgb) for t in TINTS]
    fills.append("#" + muted.lstrip("#").upper())
    return [fills[i % len(fills)] for i in range(max(n, 1))]
