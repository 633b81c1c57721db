"""Generate every layout of the Liaoning example from a script.

    python examples/liaoning/make_handouts.py [OUTPUT_DIR]

Writes liaoning-<layout>.pdf and .docx for the four layouts, plus the one-page
brief, into OUTPUT_DIR (default: out/ in the current folder).
"""

from __future__ import annotations

import sys
from pathlib import Path

import briefing

HERE = Path(__file__).resolve().parent
CONTENT = HERE / "liaoning.yaml"


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path("out")
    out.mkdir(parents=True, exist_ok=True)
    b = briefing.load(CONTENT)
    report = briefing.check(b)
    if report.errors:
        for finding in report.errors:
            print(finding, file=sys.stderr)
        return 1
    for layout in briefing.Layout:
        for fmt in ("pdf", "docx"):
            path = briefing.render(b, out / f"liaoning-{layout.value}.{fmt}", layout=layout)
            print(f"wrote {path}")
    for fmt in ("pdf", "docx"):
        path = briefing.render(b, out / f"liaoning-brief.{fmt}", template="brief")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
