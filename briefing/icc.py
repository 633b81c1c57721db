"""ICC output profiles for the print colour mode: shipped names → files.

``builtin:NAME`` names a CMYK profile that a package installs; anything else
is a path relative to the template folder (a print shop's own profile, e.g.
its FOGRA39 or GRACoL characterisation). The one shipped profile is
Ghostscript's *Artifex CMYK SWOP Profile* (``default_cmyk.icc``), which the
Debian ``ghostscript`` package installs (through ``libgs-common``) and other
Ghostscript installations keep in their ``iccprofiles`` folder.
"""

from __future__ import annotations

import glob
from pathlib import Path

from .errors import TemplateError

PREFIX = "builtin:"
#: builtin name -> where installations keep the file (glob patterns, first match wins)
BUILTIN: dict[str, tuple[str, ...]] = {
    "ghostscript-swop": (
        "/usr/share/color/icc/ghostscript/default_cmyk.icc",
        "/usr/share/ghostscript/*/iccprofiles/default_cmyk.icc",
        "/usr/local/share/ghostscript/*/iccprofiles/default_cmyk.icc",
        "/opt/homebrew/share/ghostscript/*/iccprofiles/default_cmyk.icc",
    ),
}


def builtin_profile(name: str) -> Path:
    """The file of a shipped profile, or an error saying which package installs it."""
    if name not in BUILTIN:
        raise TemplateError(f"unknown built-in ICC profile {PREFIX}{name}; known: "
                            + ", ".join(PREFIX + n for n in BUILTIN))
    for pattern in BUILTIN[name]:
        found = sorted(glob.glob(pattern))
        if found:
            return Path(found[-1])
    raise TemplateError(f"the ICC profile {PREFIX}{name} is not installed: install Ghostscript "
                        "(Debian/Ubuntu: apt-get install ghostscript) or name a CMYK profile "
                        "file in the template's print.icc_profile")


def check_cmyk_profile(path: Path) -> None:
    """A TemplateError unless ``path`` starts as an ICC profile of CMYK data does (its
    header: the ``acsp`` signature and the data colour space), read without a colour
    engine: a damaged or RGB profile is named when the template loads."""
    try:
        with path.open("rb") as fh:
            head = fh.read(128)
    except OSError as exc:
        raise TemplateError(f"{path} cannot be read ({exc.strerror})") from None
    if len(head) < 128 or head[36:40] != b"acsp":
        raise TemplateError(f"{path} is not an ICC profile")
    space = head[16:20].decode("latin-1").strip()
    if space != "CMYK":
        raise TemplateError(f"{path} is an ICC profile of {space or 'unknown'} data, not a "
                            "CMYK output profile")
