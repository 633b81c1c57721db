"""``python -m briefing`` and the ``briefing`` command's entry point.

Ctrl-C or SIGTERM before :func:`briefing.cli.main` takes over (while Python loads the
command line) ends the process quietly with exit status 130: nothing has been
written yet, so there is nothing to clean up and no traceback to show. Only the
command's own entry installs this; importing the library changes no signal.
"""

import sys

try:  # the interpreter's own signal module, already loaded at start-up: importing it
    # takes no time, where ``signal`` first builds its enums (milliseconds in which a
    # Ctrl-C would still end in a traceback)
    import _signal as signal
except ImportError:  # another Python
    import signal


def _interrupted(signum: int, frame: object) -> None:
    sys.stderr.write("briefing: interrupted\n")
    raise SystemExit(130)


for _signum in (signal.SIGINT, signal.SIGTERM):
    signal.signal(_signum, _interrupted)

from .cli import entry as main  # noqa: E402  (after the handlers, by design)

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
