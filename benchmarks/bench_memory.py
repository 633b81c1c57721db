"""Memory of a long-running process that renders many distinct briefings.

Renders N briefings (default 60) to PDF and DOCX in one process and prints the
Python heap (tracemalloc) and the resident memory (VmRSS) every five. Each
briefing brings eight letters no other one has (Latin Extended, Greek,
Cyrillic), so each needs its own Latin font subsets, as a new briefing with new
characters does; the Chinese text is the same in all (new Chinese subsets cost
seconds each to convert, which would make the run long without changing what
it measures). In-process caches are bounded, so the growth levels off.

    python benchmarks/bench_memory.py [N]

The font cache on disk is ``$BRIEFING_FONT_CACHE`` (set it to a scratch folder to
keep the run from filling your own); what is measured is the process's memory.
"""

from __future__ import annotations

import gc
import sys
import tracemalloc
from pathlib import Path

import briefing

# Letters the Latin fonts have, taken eight at a time: Latin Extended-A and -B,
# Greek, Cyrillic.
_LETTERS = [chr(c) for c in (*range(0x100, 0x180), *range(0x180, 0x24F),
                             *range(0x391, 0x3CA), *range(0x410, 0x450)) if chr(c).isalpha()]


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def briefing_number(n: int) -> briefing.Briefing:
    own = "".join(_LETTERS[(n * 8 + i) % len(_LETTERS)] for i in range(8))
    paras = [briefing.Text(zh=f"第{i + 1}点：地区生产总值增长{{g}}。",
                           en=f"Briefing {n}, point {i + 1} ({own}): grew {{g}}.")
             for i in range(5)]
    return briefing.Briefing(
        title=briefing.Text(zh="经济简报", en=f"Briefing {n} {own}"),
        statistics={"g": briefing.Statistic(value=f"{n % 9 + 1}.{n % 10}", unit="percent",
                                            kind="growth", period={"year": 2024},
                                            label=briefing.Text(zh="增速", en="Growth"))},
        key_figures=["g"], summary=paras)


def main() -> None:
    """Print the Python heap (tracemalloc) and VmRSS every five documents."""
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    tracemalloc.start()
    for n in range(total):
        b = briefing_number(n)
        briefing.render(b, format="pdf", force=True)
        briefing.render(b, format="docx", force=True)
        if (n + 1) % 5 == 0:
            gc.collect()
            heap = tracemalloc.get_traced_memory()[0] / 2**20
            print(f"after {n + 1:3} documents: Python heap {heap:6.1f} MiB, "
                  f"VmRSS {rss_mib():6.1f} MiB", flush=True)


if __name__ == "__main__":
    main()
