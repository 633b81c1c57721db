"""The ``briefing`` command line.

Exit status: 0 success, 1 content or render errors, 2 usage errors, 130 interrupted.
Messages name file, line and field; no traceback unless ``--debug``.

This module imports only the standard library and the errors at its top: ``main``
takes over Ctrl-C and SIGTERM first, then loads what a command needs, so an
interruption at any moment after start-up ends quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from .batch import INTERNAL_ERROR
from .errors import BriefingError, ContentError
from .notes import NOTES, show_notes

if TYPE_CHECKING:
    from .templates import Template

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
#: the reader of the output closed it (`briefing schema | head`): as a process that
#: SIGPIPE ended, by the shells' convention, 128 + 13
EXIT_PIPE = 141
CONTENT_SUFFIXES = (".yaml", ".yml", ".json")


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    from .plan import Layout

    p = argparse.ArgumentParser(
        prog="briefing",
        description="Bilingual Chinese/English briefings (DOCX and print-ready PDF) from "
                    "validated article content.")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    r = sub.add_parser("render", help="render content files to PDF and/or DOCX")
    r.add_argument("content", nargs="+", help="content files (.yaml/.json) or folders of them")
    r.add_argument("--output", "-o", action="append", default=[], metavar="FILE",
                   help="output file; the suffix (.pdf/.docx) picks the format; repeatable; "
                        "only with a single content file")
    r.add_argument("--output-dir", metavar="DIR",
                   help="folder for outputs named after each content file")
    r.add_argument("--format", action="append", choices=["pdf", "docx"], default=[],
                   help="formats to write with --output-dir (default: pdf and docx)")
    r.add_argument("--layout", choices=[x.value for x in Layout])
    r.add_argument("--template", default="handout", metavar="NAME|PATH")
    r.add_argument("--colour", choices=["rgb", "cmyk"],
                   help="the PDF's colour: rgb for screens and office printers, cmyk for a "
                        "press (pure-K text, pictures through the template's ICC profile, an "
                        "output intent); default: the template's print.colour")
    r.add_argument("--force", action="store_true",
                   help="render even when the QA check finds errors")
    r.add_argument("--jobs", "-j", type=int, metavar="N",
                   help="worker processes for several content files (default: one per core)")

    c = sub.add_parser("check", help="validate content and run the translation QA")
    c.add_argument("content", nargs="+")
    c.add_argument("--json", action="store_true",
                   help="machine-readable report: a list of one report per file")
    c.add_argument("--strict", action="store_true", help="warnings count as errors")
    c.add_argument("--template", default="handout", metavar="NAME|PATH")

    sub.add_parser("schema", help="print the content model's JSON Schema")

    i = sub.add_parser("init", help="write a starter content file that shows every feature")
    i.add_argument("dir")
    i.add_argument("--force", action="store_true",
                   help="replace the starter's files where they exist (never anything else)")

    g = sub.add_parser("ingest", help="a draft content file from a Chinese news page")
    g.add_argument("page", help="extracted page text (.txt), an HTML page, a DOCX, or - "
                                "for text on stdin")
    g.add_argument("--output", "-o", required=True, metavar="FILE",
                   help="the draft content file to write (.yaml)")
    g.add_argument("--force", action="store_true", help="replace an existing draft")

    t = sub.add_parser("translate", help="export texts for translation, import translations")
    tsub = t.add_subparsers(dest="action", required=True, metavar="ACTION")
    te = tsub.add_parser("export", help="write a job (.xlf), a review DOCX, the glossary "
                                         "(.tbx/.csv) or a memory (.tmx)")
    te.add_argument("content")
    te.add_argument("--output", "-o", required=True, metavar="FILE",
                    help="job.xlf (CAT tool), review.docx (Word), terms.tbx or terms.csv "
                         "(glossary), memory.tmx (finished translations)")
    te.add_argument("--memory", metavar="TM.tmx",
                    help="pre-fill exact matches from a memory (marked for review)")
    te.add_argument("--mt-command", metavar="COMMAND",
                    help="pre-fill the rest with a machine translation command you name "
                         "(JSON lines on stdin and stdout; marked for review)")
    ti = tsub.add_parser("import", help="merge a translated job or glossary back into the "
                                        "content file")
    ti.add_argument("content")
    ti.add_argument("job", help="the translated .xlf/.xliff or review .docx, or a glossary "
                                ".tbx/.csv")

    pl = sub.add_parser("plan", help="print the document plan as text")
    pl.add_argument("content")
    pl.add_argument("--layout", choices=[x.value for x in Layout])
    pl.add_argument("--template", default="handout", metavar="NAME|PATH")
    return p


def _inputs(items: Sequence[str]) -> list[Path]:
    out: list[Path] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found = sorted(f for f in path.iterdir()
                           if f.suffix.lower() in CONTENT_SUFFIXES and f.is_file())
            deeper = sum(1 for f in path.rglob("*") if f.suffix.lower() in CONTENT_SUFFIXES
                         and f.parent != path and f.is_file())
            if deeper:  # a folder is rendered, not a tree: say what is left out
                NOTES.info("%s: %d content file(s) in its subfolders are not rendered (name "
                           "each folder to render it)", path, deeper)
            if not found:
                raise UsageError(f"{path}: the folder holds no .yaml, .yml or .json files")
            out.extend(found)
        else:
            out.append(path)  # a missing file is reported as that file's failure
    return out


def _no_shared_outputs(outputs_for: dict[Path, list[Path]], inputs: int) -> None:
    """Refuse, before anything is written, a render where two outputs are one file: the
    same content file given twice, or two content files of one name (a/brief.yaml and
    b/brief.yaml, brief.yaml and brief.json) into one folder."""
    if len(outputs_for) < inputs:
        raise UsageError("a content file is given twice")
    writer: dict[str, Path] = {}
    for src, outs in outputs_for.items():
        for out in outs:
            key = os.path.normcase(os.path.abspath(out))
            if key in writer:
                other = writer[key]
                raise UsageError(f"{out} would be written twice" if other == src else
                                 f"{other} and {src} would both write {out}: render them "
                                 "into different folders, or rename one")
            writer[key] = src


class _Progress:
    def __init__(self, total: int, stream: TextIO):
        self.total, self.stream, self.done = total, stream, 0
        self.live = total > 1 and stream.isatty()

    def step(self, name: str) -> None:
        self.done += 1
        if self.live:
            width = 24
            fill = width * self.done // self.total
            self.stream.write(f"\r[{'#' * fill}{'.' * (width - fill)}] {self.done}/{self.total} "
                              f"{name[:40]:<40}")
            self.stream.flush()

    def end(self) -> None:
        if self.live:
            self.stream.write("\n")


def _render(args: argparse.Namespace) -> int:
    from .batch import Job, Outcome, default_workers, run_jobs, start_workers
    from .cores import cores

    inputs = _inputs(args.content)
    if args.output and args.output_dir:
        raise UsageError("--output and --output-dir name the outputs two ways: give one")
    if args.output and len(inputs) > 1:
        raise UsageError("--output takes a single content file; use --output-dir for several")
    if args.output and args.format:
        raise UsageError("--format goes with --output-dir; with --output the suffix of each "
                         "file (.pdf or .docx) names its format")
    if not args.output and not args.output_dir:
        raise UsageError("say where to write: --output FILE.pdf (or .docx) or --output-dir DIR")
    if len(inputs) > 1 and (cores() if args.jobs is None else args.jobs) > 1:
        # a batch: where its workers fork from a server (not on Linux, where they fork
        # from here), the server imports the renderers while this process imports the
        # content models (the imports below), on two cores at once
        start_workers()
    from .api import format_of

    outputs_for: dict[Path, list[Path]] = {}
    if args.output:
        outs = [Path(o) for o in args.output]
        for o in outs:
            try:
                format_of(o)
            except BriefingError as exc:
                raise UsageError(str(exc)) from None
        outputs_for[inputs[0]] = outs
    else:
        folder = Path(args.output_dir)
        formats = args.format or ["pdf", "docx"]
        for src in inputs:
            outputs_for[src] = [folder / f"{src.stem}.{fmt}" for fmt in formats]
    _no_shared_outputs(outputs_for, len(inputs))
    template = _usage_template(args.template).with_colour(args.colour)
    if template.print.colour == "cmyk":
        try:
            template.icc_profile_file()
        except BriefingError as exc:
            raise UsageError(f"--colour cmyk: {exc}") from None
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs takes a number of worker processes, 1 or more")
    # one file on several cores: its check and formats side by side (not with --debug,
    # whose traceback must come from this process)
    split = len(inputs) == 1 and (args.jobs or cores()) > 1 and not args.debug
    jobs = [Job(src, tuple(outputs_for[src]), args.layout, template, args.force, args.debug,
                split) for src in inputs]
    workers = args.jobs or default_workers(len(jobs))
    failed: list[Path] = []
    written: list[Path] = []
    progress = _Progress(len(inputs), sys.stderr)

    def done(outcome: Outcome) -> None:
        if outcome.errors:
            if progress.live:
                progress.stream.write("\n")
            print("\n".join(outcome.errors), file=sys.stderr)
        progress.step(outcome.job.source.name)
        if progress.done == progress.total and _whole_process:
            _hold_signals()  # every file is written: a Ctrl-C now would only misreport it

    for outcome in run_jobs(jobs, workers, done):
        written.extend(outcome.written)
        if outcome.errors:
            failed.append(outcome.job.source)
    progress.end()
    for out in written:
        print(f"wrote {out}")
    if len(inputs) > 1:
        print(f"{len(inputs) - len(failed)} of {len(inputs)} content files rendered"
              + (f"; failed: {', '.join(map(str, failed))}" if failed else ""), file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .loader import load
    from .qa import check_briefing

    template = _usage_template(args.template)
    inputs = _inputs(args.content)
    results = []
    status = EXIT_OK
    for src in inputs:
        try:
            b = load(src)
        except ContentError as exc:
            status = EXIT_FAILED
            results.append({"file": str(src), "ok": False,
                            "findings": [{"severity": "error", "file": p.file, "line": p.line,
                                          "column": p.column, "path": p.path,
                                          "message": p.message} for p in exc.problems]})
            if not args.json:
                print("\n".join(f"error: {p}" for p in exc.problems))
            continue
        report = check_briefing(b, template)
        bad = report.errors or (args.strict and report.warnings)
        if bad:
            status = EXIT_FAILED
        results.append({"file": str(src), "ok": not bad, **{
            k: v for k, v in report.as_dict().items() if k in ("findings", "accepted")}})
        if not args.json:
            for f in report.findings:
                print(str(f))
            for a in report.accepted:
                print(str(a))
            print(f"{src}: {len(report.errors)} errors, {len(report.warnings)} warnings"
                  + (f", {len(report.accepted)} accepted" if report.accepted else ""))
    if args.json:
        # a list, one report a file, however many files a glob happened to match
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return status


def _schema(_: argparse.Namespace) -> int:
    from .model import Briefing

    print(json.dumps(Briefing.model_json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _plan(args: argparse.Namespace) -> int:
    from .api import plan
    from .preview import plan_text

    print(plan_text(plan(args.content, layout=args.layout,
                         template=_usage_template(args.template))))
    return EXIT_OK


def _usage_template(name: str) -> Template:
    """The named template; a bad name or file is a usage error (exit 2)."""
    from .templates import load_template

    try:
        return load_template(name)
    except BriefingError as exc:
        raise UsageError(str(exc)) from None


def _init(args: argparse.Namespace) -> int:
    from .starter import write_starter

    for path in write_starter(Path(args.dir), force=args.force):
        print(f"wrote {path}")
    return EXIT_OK


def _ingest(args: argparse.Namespace) -> int:
    from .intake import ingest, write_placeholders
    from .output import atomic_write

    out = Path(args.output)
    if out.exists() and not args.force:
        raise UsageError(f"{out} exists; pass --force to replace it")
    draft = ingest(args.page, stdin=sys.stdin.read() if args.page == "-" else None)
    atomic_write(out, draft.yaml().encode("utf-8"))
    made = write_placeholders(draft, out.parent)
    for repair in draft.repairs:
        print(f"{args.page}: {repair}", file=sys.stderr)
    for note in draft.notes:
        print(f"{args.page}: {note}", file=sys.stderr)
    stats = draft.data.get("statistics") or {}
    review = sum(r.review for r in draft.repairs)
    print(f"wrote {out}: {len(draft.data['articles'])} article(s), {len(stats)} statistics, "
          f"{len(draft.repairs)} repairs ({review} to review)"
          + (f", {len(made)} placeholder picture(s)" if made else ""), file=sys.stderr)
    return EXIT_OK


def _translate(args: argparse.Namespace) -> int:
    import shlex

    from .output import atomic_write
    from .translation import CommandTranslator, export, import_translations

    if args.action == "import":
        changed = import_translations(args.content, args.job)
        print(f"{args.content}: {changed} text(s) changed" if changed
              else f"{args.content}: nothing to change", file=sys.stderr)
        return EXIT_OK
    out = Path(args.output)
    if out.suffix.lower() not in (".xlf", ".xliff", ".docx", ".tbx", ".csv", ".tmx"):
        raise UsageError(f"{out}: write .xlf (XLIFF), .docx (review), .tbx or .csv "
                         "(glossary) or .tmx (memory)")
    translator = CommandTranslator(shlex.split(args.mt_command)) if args.mt_command else None
    atomic_write(out, export(args.content, out, memory=args.memory, translator=translator))
    print(f"wrote {out}", file=sys.stderr)
    return EXIT_OK


#: How long after a Ctrl-C Python could not raise it is sent again (seconds).
RESEND_S = 0.05
#: Set when Ctrl-C or SIGTERM arrived: an error that follows is the interruption's doing
#: (a library may turn the KeyboardInterrupt into another exception on its way out).
_signalled = False
#: The command is the whole process (:func:`entry`), not a call of :func:`main` inside
#: another program: once a render has written every file, Ctrl-C and SIGTERM are held
#: until the process ends (by itself, a moment later), so a signal in that moment cannot
#: report as interrupted a command whose files are all written.
_whole_process = False
#: The unraisable hook the command replaced, which gets every other such exception.
_passed_on: Any = sys.__unraisablehook__


def _terminate(signum: int, frame: object) -> None:
    global _signalled
    _signalled = True
    raise KeyboardInterrupt


def _unraisable(hook: Any) -> None:
    """Python's hook for an exception it cannot raise (one raised where C code calls
    Python and ignores errors): a KeyboardInterrupt our handler raised there would be
    printed and lost, and the command would run on. The signal is sent again a moment
    later, from a thread (sent at once, it would be handled in here too, and lost
    again), where it ends the command as any Ctrl-C does."""
    if _signalled and hook.exc_type is not None and issubclass(hook.exc_type,
                                                               KeyboardInterrupt):
        import threading

        again = threading.Timer(RESEND_S, os.kill, (os.getpid(), signal.SIGINT))
        again.daemon = True
        again.start()
        return
    _passed_on(hook)


def _interrupted() -> int:
    with contextlib.suppress(ValueError):  # a second Ctrl-C changes nothing now
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    print("briefing: interrupted; no output was left half-written", file=sys.stderr)
    return EXIT_INTERRUPTED


COMMANDS = {"render": _render, "check": _check, "schema": _schema, "plan": _plan, "init": _init,
            "ingest": _ingest, "translate": _translate}


def main(argv: Sequence[str] | None = None) -> int:
    # Ctrl-C and SIGTERM end the process quietly (exit 130): output in progress is cleaned
    # up and an earlier good file stays. Installed before any heavy import.
    global _signalled, _passed_on
    _signalled = False
    saved: dict[signal.Signals, Any] = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError):  # not in the main thread: leave signals alone
            saved[signum] = signal.signal(signum, _terminate)
    unraisable = _passed_on = sys.unraisablehook
    sys.unraisablehook = _unraisable
    debug = False
    note_handler = show_notes(sys.stderr)  # the library's notes (a long font build)
    try:
        parser = _parser()
        args = parser.parse_args(argv)
        debug = args.debug
        code = COMMANDS[args.command](args)
        return _interrupted() if _signalled else code  # a Ctrl-C lost on the way
    except UsageError as exc:
        print(f"briefing: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BriefingError as exc:
        if _signalled:
            return _interrupted()
        if debug:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return _interrupted()
    except BrokenPipeError:  # the reader of our output left (``| head``): nothing to say
        return EXIT_PIPE
    except Exception:  # a bug: say so plainly, trace only with --debug
        if _signalled:
            return _interrupted()
        if debug:
            raise
        print(f"briefing: {INTERNAL_ERROR}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        sys.unraisablehook = unraisable
        NOTES.removeHandler(note_handler)
        for which, handler in saved.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(which, handler)


def entry() -> NoReturn:
    """:func:`main` for a whole process (the installed command, ``python -m briefing``).

    The process ends with ``os._exit`` as soon as the command is done and its output
    streams are flushed: every file it writes is complete and closed by then, its child
    processes have ended, and Python's own shutdown (freeing every object and module
    one by one) took about 0.1 s of a 0.7 s render. Signals are held from that moment:
    a Ctrl-C or SIGTERM in the last instant of :func:`main` (after it restored the
    handlers it found) still ends with 130 and no traceback, not with the process
    killed by the signal during Python's shutdown; the exit status is 130 too when a
    KeyboardInterrupt passed through code run by ``exec`` (dataclasses build their
    methods so), where CPython would make the interpreter die by SIGINT at exit.
    """
    global _whole_process
    _whole_process = True
    try:
        status = main()
        _hold_signals()
    except KeyboardInterrupt:  # our handler, in main's last instant
        _hold_signals()
        status = _interrupted()
    except SystemExit as exc:  # argparse's own exits; __main__'s handler, restored by main
        _hold_signals()
        status = _exit_status(exc.code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed pipe: nothing more can be said
            stream.flush()
    os._exit(status)


def _hold_signals() -> None:
    """Ctrl-C and SIGTERM wait from now on: the process is about to end by itself."""
    with contextlib.suppress(AttributeError, OSError, ValueError):  # no such call here
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})


def _exit_status(code: object) -> int:
    """The status ``sys.exit(code)`` would end the process with."""
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(entry())
