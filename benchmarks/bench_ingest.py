"""Time briefing ingest on the Liaoning seed page (a benchmark, not a test).

    python benchmarks/bench_ingest.py [PAGE] [--runs N]

Prints the time of a whole ``briefing ingest`` process (start-up, imports,
reading, repairs, figures, the YAML) and of ingest alone in a warm process,
median of N runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_75582bbaba95035a.txt"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("page", nargs="?", default=str(SEED))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from briefing.intake import ingest

    whole = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "briefing.cli", "ingest", args.page, "-o",
                            str(Path(tmp) / "draft.yaml"), "--force"], check=True, cwd=ROOT,
                           capture_output=True)
            whole.append(time.perf_counter() - start)
    ingest(args.page)  # warm the imports and caches
    warm = []
    for _ in range(args.runs):
        start = time.perf_counter()
        draft = ingest(args.page)
        draft.yaml()
        warm.append(time.perf_counter() - start)
    size = len(Path(args.page).read_text(encoding="utf-8"))
    print(f"page: {args.page} ({size} characters)")
    print(f"whole process (CLI), median of {args.runs}: {statistics.median(whole):.2f} s")
    print(f"ingest alone, warm, median of {args.runs}: {statistics.median(warm):.2f} s")


if __name__ == "__main__":
    main()
