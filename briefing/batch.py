"""Rendering many content files: one file at a time here, or across the cores.

Each file is a job: load, check (unless forced), one plan, every output format
written atomically. A job's failure is reported as that file's messages and
never stops the others. With more than one worker the jobs run in a process
pool whose workers start with the renderers already imported: on Linux they
fork from this process once it has imported them, elsewhere from a
``forkserver`` that has (or start afresh where there is none). No worker
renders more than one round of files (:data:`TASKS_PER_WORKER` for each
worker), so the memory of a long batch stays flat however many files it holds.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cores import cores
from .errors import BriefingError, ContentError

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import ProcessPoolExecutor

    from .templates import Template

INTERNAL_ERROR = "internal error (a bug; rerun with --debug for the traceback)"
#: The files a worker renders, on average, before new ones take over (a round of this
#: many files a worker has a pool of new workers: see :func:`run_jobs`).
TASKS_PER_WORKER = 20
#: What a worker process has imported before its first file (once, in the process the
#: workers fork from).
PRELOAD = ["briefing.api", "briefing.loader", "briefing.qa", "briefing.writers.pdf.document",
           "briefing.writers.pdf.charts", "briefing.writers.docx"]


@dataclass(frozen=True)
class Job:
    source: Path
    outputs: tuple[Path, ...]
    layout: str | None
    template: Template  # pickled into a worker: a few hundred bytes
    force: bool
    debug: bool = False  # a bug raises (with its traceback) instead of being reported
    #: the check and the output formats side by side, in forked processes (one file
    #: rendered alone on several cores; see :func:`_run_split`)
    split: bool = False


@dataclass
class Outcome:
    job: Job
    written: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # message lines, "error: ..." each


def run_job(job: Job) -> Outcome:
    """Render one content file to each of its outputs; errors (and bugs, unless
    ``job.debug``) become messages naming the file."""
    from .api import format_of, prepare, render_plan
    from .loader import load
    from .output import atomic_write

    outcome = Outcome(job)
    template = job.template
    try:
        if job.split and _can_fork():
            _run_split(job, outcome)
            return outcome
        # check and plan once per file; every output format shares them
        the_plan = prepare(load(job.source), layout=job.layout, template=template,
                           force=job.force)
        for out in job.outputs:
            atomic_write(out, render_plan(the_plan, format_of(out), template))
            outcome.written.append(out)
    except Exception as exc:  # a bug met in one file: say so and go on with the others
        if job.debug and not isinstance(exc, BriefingError):
            raise
        outcome.errors = _messages(job, exc)
    return outcome


def _messages(job: Job, exc: Exception) -> list[str]:
    """What a failed job says: content errors name their file and line; other library
    errors get the file prefixed; a bug says it is one."""
    if isinstance(exc, ContentError):
        return [f"error: {p}" for p in exc.problems]
    if isinstance(exc, BriefingError):
        first, *rest = str(exc).splitlines()
        return [f"error: {job.source}: {first}", *rest]
    return [f"error: {job.source}: {INTERNAL_ERROR}"]


def _can_fork() -> bool:
    """Can a file be rendered in forked children: Linux, and a temporary folder they can
    hand their answers back through?"""
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return False
    try:
        tempfile.gettempdir()  # finds a folder it can write a file in, or raises
    except OSError:
        return False
    return True


#: A forked child's exit status when it could not write its answer (a full temporary
#: folder): the parent then does the child's work itself, as one process would. (A
#: status of its own: a child that dies otherwise is reported, not run again here.)
NO_ANSWER = 117


class _Forked:
    """``work()`` run in a forked child; :meth:`result` is its bytes, or the messages of
    what it raised (pickled bytes or message lines).

    The child writes its answer to an unnamed temporary file and exits at once: through a
    pipe it would wait, holding all its memory, until this process (busy with its own
    format) read it, and the render's peak would be both processes' at their largest. A
    child that cannot write its answer says so by its exit status, and the work is done
    here instead, as without children."""

    def __init__(self, job: Job, work: Callable[[], bytes | None]):
        self.job = job
        self.work = work
        self.answer = tempfile.TemporaryFile()  # noqa: SIM115 - closed by result() or kill()
        # the collector leaves what exists now alone, in the child and (until
        # :func:`_run_split` ends) here: walking the objects both hold would write to,
        # and so copy, their shared pages (about 9 MiB less in all)
        gc.freeze()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns into the caller's code
            code = 0
            try:
                answer: tuple[str, object] = ("ok", work())
            except BaseException as exc:  # noqa: BLE001 - handed to the parent as messages
                code = 1
                answer = ("errors", _messages(job, exc) if isinstance(exc, Exception)
                          else [f"error: {job.source}: interrupted"])
            try:
                pickle.dump(answer, self.answer)
                self.answer.flush()
            except BaseException:  # noqa: BLE001 - no answer: the parent does the work
                code = NO_ANSWER
            finally:
                os._exit(code)

    def result(self) -> tuple[bytes | None, list[str]]:
        _, status = os.waitpid(self.pid, 0)
        if os.waitstatus_to_exitcode(status) == NO_ANSWER:
            self.answer.close()
            try:
                return self.work(), []
            except Exception as exc:  # as the child would have said it
                return None, _messages(self.job, exc)
        try:
            self.answer.seek(0)
            kind, value = pickle.load(self.answer)
        except (EOFError, pickle.UnpicklingError):  # the child died without answering
            kind, value = "errors", [f"error: {self.job.source}: {INTERNAL_ERROR}"]
        finally:
            self.answer.close()
        if kind == "ok":
            return value, []
        return None, value

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)
        self.answer.close()


def _run_split(job: Job, outcome: Outcome) -> None:
    """One file, its check and its output formats side by side on the cores: the check
    and every format after the first each in a forked child, the first format here.
    Nothing is written before the check has passed, and the outputs are written in
    order up to the first that failed, as one after the other would (the same bytes)."""
    from .api import format_of, prepare, render_plan, require_clean
    from .loader import load
    from .output import atomic_write

    b = load(job.source)
    children: list[_Forked] = []

    def check() -> None:  # in a forked process: the checks are imported there
        from .qa import check_briefing

        require_clean(check_briefing(b, job.template), job.layout, job.template)

    def render(out: Path) -> Callable[[], bytes]:
        return lambda: render_plan(the_plan, format_of(out), job.template)

    try:
        checker = None
        if not job.force:
            checker = _Forked(job, check)
            children.append(checker)
        others: list[_Forked] = []
        try:  # the plan (which may find nothing to render), then the first format
            the_plan = prepare(b, layout=job.layout, template=job.template, force=True)
            if len(job.outputs) > 1 and format_of(job.outputs[0]) == "pdf":
                # the line breaker, which this PDF loads anyway and a DOCX asks which
                # spaces to hold: loaded once, shared with the children, not once in each
                from .writers.pdf import linebreak  # noqa: F401
            others = [_Forked(job, render(out)) for out in job.outputs[1:]]
            children.extend(others)
            first: bytes | None = render_plan(the_plan, format_of(job.outputs[0]), job.template)
            failed: list[str] = []
        except Exception as exc:
            first, failed = None, _messages(job, exc)
        if checker is not None:
            _, refused = checker.result()
            children.remove(checker)
            if refused:  # the check's word comes first, as when it runs before the render
                outcome.errors = refused
                return
        if failed or first is None:  # nothing after a failure, as one step after the other
            outcome.errors = failed
            return
        results: list[tuple[bytes | None, list[str]]] = [(first, failed)]
        for child in others:
            results.append(child.result())
            children.remove(child)
        gc.unfreeze()  # no child left to share pages with (and no collection after the files)
        for out, (data, errors) in zip(job.outputs, results, strict=True):
            if errors or data is None:
                outcome.errors = errors
                return
            atomic_write(out, data)
            outcome.written.append(out)
    finally:
        for child in children:
            child.kill()
        gc.unfreeze()


def default_workers(jobs: int) -> int:
    """One worker per core this process may use, never more than there are files."""
    return max(1, min(cores(), jobs))


def _fork_here() -> bool:
    """Can the pool's workers fork from this process: on Linux (elsewhere a process that
    has loaded the system's libraries may not survive a fork). (The pool's modules are
    imported only for a pool: a single file's render forks by itself, 7 ms sooner.)"""
    import multiprocessing

    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def _context() -> multiprocessing.context.BaseContext:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def start_workers() -> None:
    """Start the process a pool's workers fork from, with its imports, now: a batch that
    calls this before importing the content models and renderers itself does both at
    once on two cores (the pool then finds the server running). Nothing to start where
    the workers fork from this process."""
    if _fork_here():
        return
    ctx = _context()
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _warm() -> None:
    """The renderers imported before the first file: in each new worker, or here before
    the workers fork."""
    from importlib import import_module

    for name in PRELOAD:
        import_module(name)


def largest_first(jobs: Sequence[Job]) -> list[int]:
    """The jobs' indexes, the largest content file first (in their own order among equals):
    the pool then ends on the quickest files, so no core waits long on the last one
    (a folder whose biggest briefing sorts last otherwise ends with one core on it)."""
    def size(i: int) -> int:
        try:
            return jobs[i].source.stat().st_size
        except OSError:  # the job reports it
            return 0

    return sorted(range(len(jobs)), key=lambda i: -size(i))


def run_jobs(jobs: Sequence[Job], workers: int,
             done: Callable[[Outcome], None]) -> Iterator[Outcome]:
    """Every job's outcome, in the jobs' order; ``done`` is called as each finishes
    (in the order they finish, for a progress bar)."""
    if jobs:  # before any fork: every process of the render shares it
        from .writers.pdf.fonts import know_bases

        know_bases(jobs[0].template)
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            outcome = run_job(job)
            done(outcome)
            yield outcome
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    outcomes: dict[int, Outcome] = {}
    order = largest_first(jobs)
    # Each round of TASKS_PER_WORKER files a worker has a pool of new workers, so no
    # worker renders more than one round's files and a long batch's memory stays flat.
    # (Not the pool's max_tasks_per_child: Python's pool stops for good when a worker
    # retires while files still wait, CPython gh-115634, and a folder of 100 files hung.
    # Nor does a round's last file wait for a worker to be replaced.)
    context: multiprocessing.context.BaseContext
    warm: Callable[[], None] | None
    if _fork_here():
        # forked from here, a worker starts at once with what this process has imported
        # (a server would import it all again, after this process's own imports: 0.15 s
        # later on two cores)
        _warm()
        context, warm = multiprocessing.get_context("fork"), None
    else:
        context, warm = _context(), _warm
    per_round = workers * TASKS_PER_WORKER
    for start in range(0, len(order), per_round):
        part = order[start:start + per_round]
        # forked workers then leave alone the objects they inherit (see _Forked); for
        # workers from a server, whose objects are not this process's, it changes nothing
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=min(workers, len(part)), mp_context=context,
                                     initializer=warm) as pool:
                _collect(pool, jobs, part, outcomes, done)
        finally:
            gc.unfreeze()
    for i in range(len(jobs)):
        yield outcomes[i]


def _collect(pool: ProcessPoolExecutor, jobs: Sequence[Job], order: list[int],
             outcomes: dict[int, Outcome], done: Callable[[Outcome], None]) -> None:
    """Run ``jobs[i]`` for each ``i`` of ``order`` in ``pool``: each outcome into
    ``outcomes`` and to ``done`` as it finishes; the pool emptied of waiting jobs on an
    interruption."""
    from concurrent.futures import as_completed

    futures = {pool.submit(run_job, jobs[i]): i for i in order}
    try:
        for future in as_completed(futures):
            outcome = future.result()
            outcomes[futures[future]] = outcome
            done(outcome)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
