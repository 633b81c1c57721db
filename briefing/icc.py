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
