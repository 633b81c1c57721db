"""Benchmark: how long the Liaoning example's parallel PDF takes to render.

    python benchmarks/bench_pdf.py [--repeat N] [--layout parallel] [--json]

Reports, for the example in ``examples/liaoning`` (its stand-in images are
generated first if missing):

* cold, empty font cache: a new process with an empty font cache folder
  (fonts are converted: CFF → TrueType, variable → static instances);
* cold: a new process, fonts already in the disk cache (the usual first run);
* warm: the same process rendering again (fonts and imports in memory);

each as the render call alone and, for new processes, the whole process
(interpreter start, imports, loading the content, planning). Also the PDF's
size and page count, and the machine: CPU count, Python, platform, library
versions. Rerunnable; it writes nothing but a temporary font cache.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "liaoning" / "liaoning.yaml"


def child(layout: str, renders: int) -> dict[str, Any]:
    """Runs in a fresh process: load, plan, then render ``renders`` times."""
    t0 = time.perf_counter()
    from briefing.loader import load
    from briefing.plan import Layout
    from briefing.planner import build_plan
    from briefing.templates import load_template
    from briefing.writers.pdf import render_pdf

    template = load_template("handout")
    plan = build_plan(load(EXAMPLE), template.plan_options(Layout(layout)))
    t1 = time.perf_counter()
    times = []
    data = b""
    for _ in range(renders):
        start = time.perf_counter()
        data = render_pdf(plan, template)
        times.append(time.perf_counter() - start)
    return {"setup_s": t1 - t0, "renders_s": times, "bytes": len(data),
            "pages": data.count(b"/Type /Page") - data.count(b"/Type /Pages")}


def spawn(layout: str, renders: int, cache: str | None) -> dict[str, Any]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    if cache:
        env["BRIEFING_FONT_CACHE"] = cache
    start = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", "--layout", layout,
                          "--renders", str(renders)], capture_output=True, text=True, env=env,
                         check=True)
    result: dict[str, Any] = json.loads(out.stdout)
    result["process_s"] = time.perf_counter() - start
    return result


def machine() -> dict[str, Any]:
    import fontTools
    import reportlab

    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "implementation": platform.python_implementation(),
            "platform": platform.platform(), "processor": platform.processor() or "?",
            "reportlab": reportlab.Version, "fonttools": fontTools.version}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layout", default="parallel")
    ap.add_argument("--repeat", type=int, default=3, help="new processes per measurement")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--renders", type=int, default=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.child:
        print(json.dumps(child(args.layout, args.renders)))
        return 0
    if not EXAMPLE.exists():
        print(f"the example {EXAMPLE} is missing", file=sys.stderr)
        return 2
    subprocess.run([sys.executable, str(EXAMPLE.parent / "make_images.py")], check=True,
                   capture_output=True)

    empty: list[dict[str, Any]] = []
    cold: list[dict[str, Any]] = []
    warm: list[float] = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="briefing-bench-fonts-") as tmp:
            empty.append(spawn(args.layout, 1, tmp))
    spawn(args.layout, 1, None)  # make sure the user's font cache holds this example's fonts
    for _ in range(args.repeat):
        r = spawn(args.layout, 3, None)
        cold.append(r)
        warm.extend(r["renders_s"][1:])

    def first(rs: list[dict[str, Any]], key: str) -> float:
        return statistics.median(r[key][0] if isinstance(r[key], list) else r[key] for r in rs)

    report: dict[str, Any] = {
        "example": str(EXAMPLE.relative_to(ROOT)), "layout": args.layout,
        "machine": machine(),
        "cold_empty_font_cache": {"render_s": first(empty, "renders_s"),
                                  "process_s": first(empty, "process_s")},
        "cold": {"render_s": first(cold, "renders_s"), "process_s": first(cold, "process_s")},
        "warm": {"render_s": statistics.median(warm), "min_s": min(warm)},
        "bytes": cold[0]["bytes"], "pages": cold[0]["pages"], "repeat": args.repeat,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    m = report["machine"]
    print(f"machine: {m['cpus']} CPUs, {m['implementation']} {m['python']}, {m['platform']}, "
          f"reportlab {m['reportlab']}, fontTools {m['fonttools']}")
    print(f"example: {report['example']} ({args.layout}), {report['pages']} pages, "
          f"{int(report['bytes']) / 1024:.0f} KiB")
    print("median of", args.repeat, "new processes / all warm renders:")
    for key, label in (("cold_empty_font_cache", "cold, empty font cache"),
                       ("cold", "cold (fonts cached on disk)")):
        r = report[key]
        print(f"  {label:<30} render {r['render_s']:.2f} s   whole process "
              f"{r['process_s']:.2f} s")
    print(f"  {'warm (same process)':<30} render {report['warm']['render_s']:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
