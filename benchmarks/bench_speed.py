"""Benchmark: every row of the speed table, side by side with pandoc + LibreOffice and Typst.

    python benchmarks/bench_speed.py [--repeat 3] [--batch 40] [--scales 1,2,5,10,20]
                                     [--only ROW,...] [--json]

Rows (``--only`` takes their keys):

* ``cold``: a new ``briefing render`` process, the Liaoning example → PDF + DOCX,
  fonts already in the disk cache; against pandoc (Markdown → DOCX) plus
  LibreOffice (DOCX → PDF) of the same article in Chinese only, unstyled; and, in
  turn with it, a new Python process that only imports the libraries the PDF's
  process uses (a floor no code of ours can lower);
* ``warm``: one process, a different briefing each time (the three examples,
  each with a new title) → check, plan, PDF and DOCX;
* ``throughput``: characters per second of the bilingual (parallel) PDF in a warm
  process (fonts loaded, every paragraph set from scratch), against Typst setting the
  same text from a new process;
* ``new_chars``: what five GB 2312 characters the font cache has never seen
  add to a warm render, and how many fonts that builds;
* ``empty_cache``: a new process with an empty font cache → PDF + DOCX, and the CPU
  time of all its processes (on N cores it takes at least that over N);
* ``batch``: ``briefing render FOLDER`` of ``--batch`` briefings, one worker against
  every core (``--repeat`` runs of each, in turn; medians), with the peak memory;
  the briefings are the three examples in turn, each with its own title, so one
  process memoises each example's paragraphs once for every copy;
* ``batch_distinct``: the same with every paragraph of every briefing changed (a
  marker of its own at its end, in both languages), so nothing is memoised across
  files, as in a folder of different articles;
* ``memory``: peak memory of one ``briefing render``: its process tree's proportional
  sets (the render and its forked check and DOCX), sampled every 5 ms;
* ``scaling``: the example repeated 1× … 20× (articles copied), rendered to PDF and
  DOCX in a new process each: time and peak memory per 1×.

Every process runs with compiled byte code, as after ``pip install`` (kept in the
run's temporary folder). A peer that is not installed (``pandoc``, ``soffice``, the
``typst`` package) is skipped with a note. Times are wall-clock medians of ``--repeat`` runs. The
machine (CPUs, Python, platform) is printed first: on a shared machine, compare
ratios from one run, not absolute times across runs. Writes only temporary files.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
LIAONING = EXAMPLES / "liaoning" / "liaoning.yaml"
ALL = [EXAMPLES / n / f"{n}.yaml" for n in ("liaoning", "trade-port", "rural-energy")]
ROWS = ("cold", "warm", "throughput", "new_chars", "empty_cache", "batch", "batch_distinct",
        "memory", "scaling")


def env(**extra: str) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), e.get("PYTHONPATH")]))
    e.update(extra)
    return e


class Ran(NamedTuple):
    """What :func:`run` measured of a command."""

    s: float  # wall time
    peak_kib: int
    cpu_s: float  # user + system time of the command and the processes it waited for


def run(cmd: list[str], *, sample: bool = False, **kw: Any) -> Ran:
    """Wall time of ``cmd``, its peak memory in KiB (it must succeed) and its CPU time
    (its own and its reaped descendants', as the kernel reports when it is reaped): the largest
    maximum resident set of its processes (as the kernel reports it when the command is
    reaped), or, with ``sample``, for a process tree (a batch's workers, a render's
    forked check and DOCX), the largest sum of the tree's proportional sets (PSS: a page
    that forked processes share is counted once, split between them) sampled every 5 ms
    (at 50 ms the samples fell beside a render's short peak: 92-107 MiB in three runs,
    against 108 MiB, the median of ten, at 5 ms). Sampling reads every process's page
    tables under its memory lock, which slows what it measures (0.1 s of a cold render,
    20-30% of a two-worker batch): a time is only taken from a run that is not sampled.
    The command is timed as it runs, with no process between (until 2026-12-01 a Python
    wrapper that read the peak memory ran it, and its own start, about 30 ms, was timed
    with ours but not with the peers')."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, **kw)
        tree = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG if sample else 0)
            if pid:
                break
            tree = max(tree, tree_rss(proc.pid))
            time.sleep(0.005)
        took = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed:\n{err.read().decode()[-2000:]}")
    return Ran(took, max(tree, usage.ru_maxrss), usage.ru_utime + usage.ru_stime)


def tree_rss(pid: int) -> int:
    """The memory (KiB) of ``pid`` and all its descendants, from /proc: proportional
    sets where the kernel has them, else resident sets."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        try:  # the proportional set, where the kernel reports it; else the resident set
            status = Path(f"/proc/{p}/smaps_rollup").read_text()
            m = re.search(r"^Pss:\s+(\d+)", status, re.M)
        except OSError:
            m = re.search(r"^VmRSS:\s+(\d+)", status, re.M)
        total += int(m.group(1)) if m else 0
        todo.extend(int(c) for c in kids)
    return total


def median_of(n: int, fn: Callable[[], float]) -> float:
    return statistics.median(fn() for _ in range(n))


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefing.cli", *args]


# --------------------------------------------------------------------------- texts


def texts(layout: str) -> list[str]:
    """Every final string of the example's plan in ``layout``, in order (the plan's own
    walk: paragraphs, captions, table cells and chart labels)."""
    import briefing

    return briefing.plan(LIAONING, layout=layout).texts()


def markdown(tmp: Path) -> Path:
    """The example in Chinese only as plain Markdown, with its pictures (for pandoc)."""
    import briefing
    from briefing.plan import Caption, Para, Role

    plan = briefing.plan(LIAONING, layout="zh")
    lines: list[str] = []
    for item in plan.items:
        if item.image is not None:
            lines.append(f"![]({item.image.path})\n")
        for cell in item.cells:
            for c in cell.content:
                if isinstance(c, Para):
                    head = "# " if c.role in (Role.TITLE, Role.HEADLINE) else ""
                    lines.append(f"{head}{c.text}\n")
                elif isinstance(c, Caption):
                    lines.append(f"*{c.full}*\n")
    path = tmp / "liaoning.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def typst_source(tmp: Path, paragraphs: list[str]) -> Path:
    def escape(text: str) -> str:
        return re.sub(r"([\\#$*_`<>@\[\]~/=\-+])", r"\\\1", text)

    body = "\n\n".join(escape(p) for p in paragraphs)
    path = tmp / "text.typ"
    path.write_text('#set page(paper: "a4")\n#set text(font: ("Noto Serif", "Noto Serif SC"), '
                    'size: 10pt, lang: "zh")\n#set par(justify: true)\n\n' + body + "\n",
                    encoding="utf-8")
    return path


# --------------------------------------------------------------------------- children


def child_warm(n: int) -> dict[str, Any]:
    """A different briefing each time: the examples in turn, each with a new title."""
    from briefing.api import prepare, render_plan
    from briefing.loader import load
    from briefing.templates import load_template

    tpl = load_template("handout")
    bases = [load(p) for p in ALL]
    for b in bases:  # warm up: imports, fonts, one render of each
        the_plan = prepare(b, template=tpl)
        render_plan(the_plan, "pdf", tpl)
        render_plan(the_plan, "docx", tpl)
    times = []
    for i in range(n):
        b = bases[i % len(bases)]
        b = b.model_copy(update={"title": b.title.model_copy(
            update={"zh": f"{b.title.zh} {i + 1}", "en": f"{b.title.en} {i + 1}"})})
        start = time.perf_counter()
        the_plan = prepare(b, template=tpl)
        render_plan(the_plan, "pdf", tpl)
        render_plan(the_plan, "docx", tpl)
        times.append(time.perf_counter() - start)
    return {"times": times}


def child_throughput(n: int) -> dict[str, Any]:
    from briefing.api import plan
    from briefing.templates import load_template
    from briefing.writers.pdf import render_pdf
    from briefing.writers.pdf.text import forget

    tpl = load_template("handout")
    the_plan = plan(LIAONING, layout="parallel", template=tpl)
    render_pdf(the_plan, tpl)
    times = []
    for _ in range(n):
        forget()  # every paragraph set from scratch, not taken from the last render
        start = time.perf_counter()
        render_pdf(the_plan, tpl)
        times.append(time.perf_counter() - start)
    return {"times": times, "chars": sum(len(t) for t in texts("parallel"))}


def gb2312_unseen(text: str, k: int) -> str:
    """``k`` level-2 GB 2312 characters (rare ones) that ``text`` does not use."""
    found = []
    for hi in range(0xD8, 0xF8):
        for lo in range(0xA1, 0xFF, 7):
            try:
                ch = bytes([hi, lo]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            if ch not in text:
                found.append(ch)
            if len(found) == k:
                return "".join(found)
    return "".join(found)


def child_new_chars(n: int) -> dict[str, Any]:
    """In a process with an empty font cache filled by the example: a warm render, then
    the same briefing with five characters never seen (a new set each time)."""
    from briefing.api import prepare, render_plan
    from briefing.fonts import missing_glyphs  # noqa: F401  (imports, as a render would)
    from briefing.loader import load
    from briefing.model import Paragraph
    from briefing.templates import load_template

    cache = Path(os.environ["BRIEFING_FONT_CACHE"])
    tpl = load_template("handout")
    b = load(LIAONING)
    text = LIAONING.read_text(encoding="utf-8")
    pool = gb2312_unseen(text, 5 * (n + 1))

    def render(briefing: Any) -> float:
        start = time.perf_counter()
        the_plan = prepare(briefing, template=tpl, force=True)
        render_plan(the_plan, "pdf", tpl)
        render_plan(the_plan, "docx", tpl)
        return time.perf_counter() - start

    def converted() -> set[str]:  # fonts converted from a font file (not cut, not renamed)
        return {p.name for p in cache.glob("*.ttf")
                if "-cut-" not in p.name and "-named-" not in p.name}

    render(b)
    base = statistics.median(render(b) for _ in range(2))
    built_before = converted()
    cut_before = len(list(cache.glob("*-cut-*.ttf")))
    extra = []
    for i in range(n):
        new = pool[5 * i:5 * i + 5]
        article = b.articles[0]
        section = article.sections[0]
        first = section.blocks[0]
        assert isinstance(first, Paragraph)
        block = first.model_copy(update={"zh": first.zh + new, "en": first.en})
        changed = b.model_copy(update={"articles": [article.model_copy(update={
            "sections": [section.model_copy(update={"blocks": [block, *section.blocks[1:]]}),
                         *article.sections[1:]]}), *b.articles[1:]]})
        extra.append(render(changed) - base)
    return {"base": base, "extra": extra, "fonts_built": len(converted() - built_before),
            "subsets_cut": len(list(cache.glob("*-cut-*.ttf"))) - cut_before,
            "chars": pool[:5 * n]}


def child(kind: str, n: int) -> dict[str, Any]:
    return {"warm": child_warm, "throughput": child_throughput,
            "new_chars": child_new_chars}[kind](n)


def spawn(kind: str, n: int, **extra: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child", kind, "--repeat", str(n)],
                         capture_output=True, text=True, env=env(**extra))
    if out.returncode != 0:
        raise SystemExit(f"child {kind} failed:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout)
    return result


# --------------------------------------------------------------------------- rows


def row_cold(a: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    outs = ["-o", str(tmp / "c.pdf"), "-o", str(tmp / "c.docx")]
    run(cli("render", str(LIAONING), *outs), env=env())  # fonts into the disk cache
    run(LIBRARIES, env=env())
    ours_runs, floor_runs = [], []
    for _ in range(a.repeat):  # in turn, so that the machine's drift reaches both alike
        ours_runs.append(run(cli("render", str(LIAONING), *outs), env=env()).s)
        floor_runs.append(run(LIBRARIES, env=env()).s)
    ours = statistics.median(ours_runs)
    r: dict[str, Any] = {"ours_s": ours, "libraries_s": statistics.median(floor_runs)}
    pandoc, soffice = shutil.which("pandoc"), shutil.which("soffice")
    if not (pandoc and soffice):
        r["note"] = "pandoc or LibreOffice (soffice) not installed: peer skipped"
        return r
    md = markdown(tmp)
    profile = tmp / "lo-profile"

    def peer() -> float:
        start = time.perf_counter()
        subprocess.run([pandoc, str(md), "-o", str(tmp / "p.docx"),
                        f"--resource-path={LIAONING.parent}"], check=True, capture_output=True)
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp), str(tmp / "p.docx")],
                       check=True, capture_output=True)
        return time.perf_counter() - start

    peer()  # LibreOffice's first start makes its profile
    r["pandoc_libreoffice_s"] = median_of(a.repeat, peer)
    r["ratio"] = ours / r["pandoc_libreoffice_s"]
    return r


#: A new Python process that imports the libraries the PDF's process of a render uses
#: and does nothing else: a floor under the cold render that no code of ours can lower.
LIBRARIES = [sys.executable, "-c", "import pydantic, yaml, babel.numbers, reportlab.platypus, "
             "reportlab.pdfgen.canvas, PIL.Image, pyphen, uniseg.linebreak"]


def row_warm(a: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    times = spawn("warm", max(6, 2 * a.repeat))["times"]
    return {"ours_s": statistics.median(times), "renders": len(times)}


def row_throughput(a: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    res = spawn("throughput", a.repeat)
    chars = res["chars"]
    t = statistics.median(res["times"])
    r: dict[str, Any] = {"chars": chars, "pdf_s": t, "ours_chars_per_s": chars / t}
    try:
        import typst  # noqa: F401
    except ImportError:
        r["note"] = "the typst package is not installed: peer skipped"
        return r
    from briefing.fonts import builtin_font

    src = typst_source(tmp, texts("parallel"))
    fonts = sorted({str(builtin_font(n).parent) for n in ("noto-serif", "noto-serif-sc")})
    code = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], "
            "font_paths=sys.argv[3:])")

    def peer() -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, str(src), str(tmp / "t.pdf"), *fonts],
                       check=True, capture_output=True)
        return time.perf_counter() - start

    peer()
    tt = median_of(a.repeat, peer)
    r.update({"typst_process_s": tt, "typst_chars_per_s": chars / tt,
              "ratio": (chars / t) / (chars / tt)})
    return r


def row_new_chars(a: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    cache = tmp / "fonts-new-chars"
    cache.mkdir()
    res = spawn("new_chars", a.repeat, BRIEFING_FONT_CACHE=str(cache))
    return {"extra_s": statistics.median(res["extra"]), "fonts_built": res["fonts_built"],
            "subsets_cut": res["subsets_cut"], "briefings": len(res["extra"]),
            "warm_s": res["base"]}


def row_empty_cache(a: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    """Wall time, and the CPU time of the render's processes (its forked ones and the
    helpers that convert the Chinese bases): on ``cores`` cores the render takes at
    least its CPU time over ``cores``."""
    def once() -> Ran:
        with tempfile.TemporaryDirectory(prefix="briefing-fonts-", dir=tmp) as cache:
            return run(cli("render", str(LIAONING), "-o", str(tmp / "e.pdf"), "-o",
                           str(tmp / "e.docx")), env=env(BRIEFING_FONT_CACHE=cache))

    runs = [once() for _ in range(a.repeat)]
    return {"ours_s": statistics.median(r.s for r in runs),
            "cpu_s": statistics.median(r.cpu_s for r in runs), "cores": os.cpu_count() or 1}


def scaled(k: int, folder: Path) -> Path:
    """The example with its articles repeated ``k`` times (ids made unique), beside a
    copy of its pictures."""
    text = LIAONING.read_text(encoding="utf-8")
    head, sep, articles = text.partition("\narticles:\n")
    copies = [re.sub(r"^(\s*-?\s*id: )(\S+)", rf"\1\2_{i}", articles, flags=re.M)
              if i else articles for i in range(k)]
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "images").exists():
        shutil.copytree(LIAONING.parent / "images", folder / "images")
    path = folder / f"liaoning-{k}x.yaml"
    path.write_text(head + sep + "".join(c if c.endswith("\n") else c + "\n" for c in copies),
                    encoding="utf-8")
    return path


def numbered_title(text: str, n: int) -> str:
    """The content file with `` n`` after its title in both languages (so the check
    still finds the same numbers in each)."""
    lines = text.split("\n")
    at = lines.index("title:")
    for k in (at + 1, at + 2):
        key, _, value = lines[k].partition(": ")
        quote = '"' if value.endswith('"') else ""
        lines[k] = f"{key}: {value.removesuffix(quote)} {n}{quote}"
    return "\n".join(lines)


#: One-line zh or en text in a content file: its key, language and value (quoted or plain).
_TEXT_LINE = re.compile(r'^(\s*(?:- )?(zh|en): )(".*"|[^"|>\[{\s#].*)$')
#: Markers that make each briefing's paragraphs its own, two by number (the ten
#: heavenly stems, the first ten letters of the NATO alphabet): no digits to pair.
_ZH_MARKS = "甲乙丙丁戊己庚辛壬癸"
_EN_MARKS = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
             "india", "juliett")


def distinct_text(text: str, n: int) -> str:
    """The content file with a marker of its own (``n``, 0-99, spelt in words, so the
    check's numbers are unchanged) at the end of every one-line text of its summary
    and articles, in both languages."""
    zh = f"（{_ZH_MARKS[n // 10 % 10]}{_ZH_MARKS[n % 10]}）"
    en = f" ({_EN_MARKS[n // 10 % 10]} {_EN_MARKS[n % 10]})"
    out, section = [], ""
    for line in text.split("\n"):
        if re.match(r"^[a-z_]+:", line):
            section = line.split(":")[0]
        m = _TEXT_LINE.match(line)
        if m and section in ("summary", "articles"):
            value, mark = m.group(3), zh if m.group(2) == "zh" else en
            value = value[:-1] + mark + '"' if value.startswith('"') else value + mark
            line = m.group(1) + value
        out.append(line)
    return "\n".join(out)


def batch_folder(tmp: Path, n: int, distinct: bool = False) -> Path:
    """``n`` briefings (the three examples in turn, each its own title, and with
    ``distinct`` each its own text) in one folder."""
    folder = tmp / f"batch-{n}{'-distinct' if distinct else ''}"
    if folder.exists():  # made already (``--batch`` 16 or less: the small batch is as big)
        return folder
    (folder / "images").mkdir(parents=True)
    for src in ALL:
        for img in (src.parent / "images").iterdir():
            shutil.copy(img, folder / "images" / img.name)
    for i in range(n):
        src = ALL[i % len(ALL)]
        text = numbered_title(src.read_text(encoding="utf-8"), i + 1)
        if distinct:
            text = distinct_text(text, i)
        (folder / f"{i + 1:03d}-{src.stem}.yaml").write_text(text, encoding="utf-8")
    return folder


def row_batch(a: argparse.Namespace, tmp: Path, distinct: bool = False) -> dict[str, Any]:
    r: dict[str, Any] = {"files": a.batch, "cores": os.cpu_count()}
    folder = batch_folder(tmp, a.batch, distinct)
    if distinct:  # each text's new characters: their DOCX subsets into the disk cache
        run(cli("render", str(folder), "--output-dir", str(tmp / "out-warm")), env=env())
        shutil.rmtree(tmp / "out-warm")
    runs: dict[str, list[Ran]] = {}
    for i in range(a.repeat + 1):  # one worker and every core in turn: the machine's drift
        for jobs in ("1", str(os.cpu_count() or 1)):  # falls on both alike
            out = tmp / f"out-{jobs}-{i}{'-distinct' if distinct else ''}"
            # the last round is sampled for the memory of the process tree, not timed
            runs.setdefault(jobs, []).append(run(cli("render", str(folder), "--output-dir",
                                                     str(out), "--jobs", jobs), env=env(),
                                                 sample=i == a.repeat))
            shutil.rmtree(out)
    for jobs, got in runs.items():
        r[f"jobs_{jobs}"] = {"s": statistics.median(x.s for x in got[:-1]),
                             "peak_mib": max(x.peak_kib for x in got) / 1024}
    r["speedup"] = r["jobs_1"]["s"] / r[f"jobs_{os.cpu_count() or 1}"]["s"]
    if distinct:
        return r
    small = batch_folder(tmp, max(4, a.batch // 4))
    rss = run(cli("render", str(small), "--output-dir", str(tmp / "out-small"),
                  "--jobs", str(os.cpu_count() or 1)), env=env(), sample=True).peak_kib
    r["small"] = {"files": max(4, a.batch // 4), "peak_mib": rss / 1024}
    return r


def row_batch_distinct(a: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    return row_batch(a, tmp, distinct=True)


def row_memory(a: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    rss = [run(cli("render", str(LIAONING), "-o", str(tmp / "m.pdf"), "-o",
                   str(tmp / "m.docx")), env=env(), sample=True).peak_kib for _ in range(a.repeat)]
    return {"peak_mib": statistics.median(rss) / 1024}


def row_scaling(a: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    out = []
    for k in a.scales:
        path = scaled(k, tmp / "scaled")
        command = cli("render", str(path), "-o", str(tmp / "s.pdf"), "-o",
                      str(tmp / "s.docx"), "--force")
        t = run(command, env=env()).s  # timed; then sampled for memory
        rss = run(command, env=env(), sample=True).peak_kib
        out.append({"scale": k, "s": t, "peak_mib": rss / 1024, "s_per_x": t / k})
    return {"sizes": out}


def machine() -> dict[str, Any]:
    # the compiled modules as the runs import them: compiled by mypyc (as an install
    # builds them; here ``python setup.py build_ext --inplace``) or pure Python
    modules = ("linebreak", "charstrings", "runs")
    probe = subprocess.run([sys.executable, "-c", "import importlib; print(*(importlib."
                            "import_module(f'briefing.writers.pdf.{m}').__file__ for m in "
                            f"{modules!r}))"], env=env(), capture_output=True, text=True)
    files = probe.stdout.split()
    compiled = [f.endswith(".so") for f in files] if len(files) == 3 else [False] * 3
    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "date": time.strftime("%Y-%m-%d"),
            "line_breaker": "compiled (mypyc)" if compiled[0] else "pure Python",
            "charstring_reader": "compiled (mypyc)" if compiled[1] else "pure Python",
            "text_runs": "compiled (mypyc)" if compiled[2] else "pure Python"}


def show(report: dict[str, Any]) -> None:
    m = report["machine"]
    print(f"machine: {m['cpus']} CPUs, Python {m['python']}, {m['platform']}, {m['date']}; "
          f"line breaker {m['line_breaker']}, charstring reader {m['charstring_reader']}, "
          f"text runs {m.get('text_runs', 'pure Python')}")
    r = report.get("cold")
    if r:
        peer = (f"; pandoc+LibreOffice {r['pandoc_libreoffice_s']:.2f} s, ratio "
                f"{r['ratio']:.2f}" if "ratio" in r else f" ({r.get('note')})")
        print(f"cold CLI → PDF + DOCX (fonts cached): {r['ours_s']:.2f} s{peer}")
        if "libraries_s" in r:
            print(f"    a process that only imports the libraries the PDF's process uses: "
                  f"{r['libraries_s']:.2f} s ({r['libraries_s'] / r['ours_s']:.0%} of it)")
    if "warm" in report:
        print(f"warm, a different briefing each time → PDF + DOCX: "
              f"{report['warm']['ours_s']:.2f} s")
    r = report.get("throughput")
    if r:
        peer = (f"; Typst (whole process) {r['typst_chars_per_s'] / 1000:.0f}k chars/s, "
                f"ratio {r['ratio']:.2f}" if "ratio" in r else f" ({r.get('note')})")
        print(f"warm throughput, bilingual PDF: {r['ours_chars_per_s'] / 1000:.0f}k chars/s "
              f"({r['chars']} chars in {r['pdf_s']:.2f} s){peer}")
    r = report.get("new_chars")
    if r:
        print(f"five GB 2312 characters never seen: +{r['extra_s']:.2f} s, "
              f"{r['fonts_built']} font(s) converted and {r['subsets_cut']} DOCX subset(s) "
              f"cut from the base for {r['briefings']} briefing(s)")
    r = report.get("empty_cache")
    if r:
        cpu = (f"; CPU {r['cpu_s']:.2f} s in all, at least {r['cpu_s'] / r['cores']:.2f} s "
               f"on {r['cores']} cores" if "cpu_s" in r else "")
        print(f"empty font cache, first render: {r['ours_s']:.2f} s{cpu}")
    r = report.get("batch")
    if r:
        cores = r["cores"]
        print(f"folder of {r['files']}: 1 worker {r['jobs_1']['s']:.1f} s, {cores} workers "
              f"{r[f'jobs_{cores}']['s']:.1f} s (×{r['speedup']:.2f}); peak memory "
              f"{r[f'jobs_{cores}']['peak_mib']:.0f} MiB ({r['small']['files']} files: "
              f"{r['small']['peak_mib']:.0f} MiB)")
    r = report.get("batch_distinct")
    if r:
        cores = r["cores"]
        print(f"folder of {r['files']} distinct texts: 1 worker {r['jobs_1']['s']:.1f} s, "
              f"{cores} workers {r[f'jobs_{cores}']['s']:.1f} s (×{r['speedup']:.2f}); peak "
              f"memory {r[f'jobs_{cores}']['peak_mib']:.0f} MiB")
    if "memory" in report:
        print(f"peak memory, one render: {report['memory']['peak_mib']:.0f} MiB")
    r = report.get("scaling")
    if r:
        print("scaling (articles repeated), PDF + DOCX, new process each:")
        for s in r["sizes"]:
            print(f"  {s['scale']:>3}×  {s['s']:6.2f} s  {s['s_per_x']:.2f} s per 1×  "
                  f"peak {s['peak_mib']:.0f} MiB")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch", type=int, default=40)
    ap.add_argument("--scales", type=lambda s: [int(x) for x in s.split(",")],
                    default=[1, 2, 5, 10, 20])
    ap.add_argument("--only", type=lambda s: s.split(","), default=list(ROWS))
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if a.child:
        print(json.dumps(child(a.child, a.repeat)))
        return 0
    unknown = set(a.only) - set(ROWS)
    if unknown:
        ap.error(f"unknown rows {sorted(unknown)}; known: {', '.join(ROWS)}")
    report: dict[str, Any] = {"machine": machine()}
    rows = {"cold": row_cold, "warm": row_warm, "throughput": row_throughput,
            "new_chars": row_new_chars, "empty_cache": row_empty_cache, "batch": row_batch,
            "batch_distinct": row_batch_distinct,
            "memory": row_memory, "scaling": row_scaling}
    with tempfile.TemporaryDirectory(prefix="briefing-speed-") as tmp:
        # processes run as after an install, which compiles the byte code: it is written
        # once (into the run's folder) and read by every later process
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        for key in ROWS:
            if key in a.only:
                report[key] = rows[key](a, Path(tmp))
                if not a.json:
                    print(f"[{key} done]", file=sys.stderr)
    if a.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        show(report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
