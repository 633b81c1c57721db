"""Worst-case inputs, each at three sizes: does layout time grow linearly?

    python benchmarks/bench_worst.py [--scale 1.0]

Cases: a long paragraph, a long headline, a key-figures table with many rows, a
long URL-like word in English prose. Each is rendered to PDF (handout template)
in this process after a warm-up, the better of two runs; the time per size and the
time per unit of size
are printed, so a case that grows faster than linearly shows a rising rate.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import briefing  # noqa: E402
from briefing.writers.pdf.text import forget  # noqa: E402

SENTENCE = "辽宁是我国重要的老工业基地，曾经为中国工业贡献了很多全国第一。"


def paragraph(n: int) -> dict[str, Any]:
    text = (SENTENCE * (n // len(SENTENCE) + 1))[:n]
    return {"title": {"zh": "长段落", "en": "Long paragraph"},
            "articles": [{"id": "a", "headline": {"zh": "题", "en": "H"},
                          "sections": [{"blocks": [{"zh": text, "en": "Long."}]}]}]}


def headline(n: int) -> dict[str, Any]:
    text = (SENTENCE * (n // len(SENTENCE) + 1))[:n]
    return {"title": {"zh": "长标题", "en": "Long headline"},
            "articles": [{"id": "a", "headline": {"zh": text, "en": "H"},
                          "sections": [{"blocks": [{"zh": "正文。", "en": "Text."}]}]}]}


def table(n: int) -> dict[str, Any]:
    stats = {f"s{i}": {"value": 1000 + i, "unit": "yuan",
                       "label": {"zh": f"指标{i}", "en": f"Indicator {i}"}} for i in range(n)}
    return {"title": {"zh": "大表", "en": "Big table"}, "statistics": stats,
            "key_figures": list(stats)}


def url(n: int) -> dict[str, Any]:
    link = ("https://example.com/" + "a/b_c-d" * (n // 7 + 1))[:n]
    return {"title": {"zh": "长网址", "en": "Long URL"},
            "articles": [{"id": "a", "headline": {"zh": "题", "en": "H"},
                          "sections": [{"blocks": [{"zh": "网址" + link, "en": "See " + link}]}]}]}


CASES = {"paragraph (characters)": (paragraph, (50_000, 100_000, 200_000)),
         "headline (characters)": (headline, (500, 1_000, 2_000)),
         "key-figures table (rows)": (table, (125, 250, 500)),
         "URL in prose (characters)": (url, (1_250, 2_500, 5_000))}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    args = parser.parse_args()
    briefing.render(briefing.load_data(paragraph(500)), format="pdf", force=True)  # warm-up
    for name, (make, sizes) in CASES.items():
        for size in sizes:
            n = int(size * args.scale)
            b = briefing.load_data(make(n))
            times = []
            for _ in range(2):  # the first run may build font subsets; report the better
                forget()  # set from scratch, not taken from the last run's memo
                start = time.perf_counter()
                briefing.render(b, format="pdf", force=True)
                times.append(time.perf_counter() - start)
            took = min(times)
            print(f"{name:28} {n:>8}  {took:7.2f} s  {took / n * 1000:8.4f} ms per unit",
                  flush=True)


if __name__ == "__main__":
    main()
