"""The build: pure Python, with the PDF's line breaker compiled by mypyc where it can be.

Everything about the package is in ``pyproject.toml``; this file only adds the
optional C extension. ``briefing/writers/pdf/linebreak.py`` (segmenting text into
break opportunities, hyphenating, choosing the lines) is about half of a PDF's time
in pure Python; mypyc compiles that same module to C, which sets the same lines
about twice as fast (``tests/test_compiled.py`` renders every example both ways and
compares the bytes). The extension is optional: with ``BRIEFING_PURE=1``, without
mypyc, or where the compiler fails, the package installs as pure Python and writes
the same documents.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup

#: The modules compiled to C (each must pass mypy, and behave the same compiled).
COMPILED = ["briefing/writers/pdf/linebreak.py", "briefing/writers/pdf/charstrings.py",
            "briefing/writers/pdf/runs.py"]


#: mypy's options for the compiled modules: no project config (its pydantic plugin is not
#: installed in an isolated build), and what is missing there typed as Any, quietly.
MYPYC_ARGS = ["--config-file=", "--ignore-missing-imports", "--follow-imports=silent"]
#: The setup commands that build code (others only read the metadata: nothing to compile).
BUILDS = {"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install"}


def ext_modules() -> list:
    if os.environ.get("BRIEFING_PURE") == "1" or not BUILDS & set(sys.argv):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("briefing: mypyc is missing; installing pure Python", file=sys.stderr)
        return []
    try:
        extensions = mypycify(MYPYC_ARGS + COMPILED, opt_level="3", separate=True)
    except BaseException as exc:  # noqa: BLE001 - any failure means the pure build
        print(f"briefing: mypyc failed ({exc}); installing pure Python", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True  # a compiler that fails skips it (pure Python then)
    return extensions


if __name__ == "__main__":  # as pip's build runs it (the tests import the lists above)
    setup(ext_modules=ext_modules())
