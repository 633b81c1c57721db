"""Rendering many content files: one file at a time here, or across the cores.

Each file is a job: load, check (unless forced), one plan, every output format
written atomically. A job's failure is reported as that file's messages and
never stops the others. With more than one worker the jobs run in a process
pool whose workers start from a process that has already imported the
renderers (``forkserver`` where the platform has it), and each worker is
replaced after :data:`TASKS_PER_WORKER` files, so the memory of a long batch
stays flat however many files it holds.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BriefingError, ContentError

if TYPE_CHECKING:
    from .templates import Template

INTERNAL_ERROR = "internal error (a bug; rerun with --debug for the traceback)"
#: A worker renders this many files, then a fresh one takes its place.
TASKS_PER_WORKER = 20
#: What a worker process has imported before its first file (rjieba builds its word
#: dictionary, 33 MB, when imported: once in the server the workers fork from).
PRELOAD = ["briefing.api", "briefing.loader", "briefing.qa", "briefing.writers.pdf",
           "briefing.writers.docx", "rjieba"]


@dataclass(frozen=True)
class Job:
    source: Path
    outputs: tuple[Path, ...]
    layout: str | None
    template: Template  # pickled into a worker: a few hundred bytes
    force: bool
    debug: bool = False  # a bug raises (with its traceback) instead of being reported


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
        # check and plan once per file; every output format shares them
        the_plan = prepare(load(job.source), layout=job.layout, template=template,
                           force=job.force)
        for out in job.outputs:
            atomic_write(out, render_plan(the_plan, format_of(out), template))
            outcome.written.append(out)
    except BriefingError as exc:
        # content errors name their file and line; others get the file prefixed
        if isinstance(exc, ContentError):
            outcome.errors = [f"error: {p}" for p in exc.problems]
        else:
            first, *rest = str(exc).splitlines()
            outcome.errors = [f"error: {job.source}: {first}", *rest]
    except Exception:  # a bug met in one file: say so and go on with the others
        if job.debug:
            raise
        outcome.errors = [f"error: {job.source}: {INTERNAL_ERROR}"]
    return outcome


def default_workers(jobs: int) -> int:
    """One worker per core this process may use, never more than there are files."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        cores = os.cpu_count() or 1
    return max(1, min(cores, jobs))


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def _warm() -> None:
    """Run in each new worker: the renderers are imported before the first file."""
    from importlib import import_module

    for name in PRELOAD:
        import_module(name)


def run_jobs(jobs: Sequence[Job], workers: int,
             done: Callable[[Outcome], None]) -> Iterator[Outcome]:
    """Every job's outcome, in the jobs' order; ``done`` is called as each finishes
    (in the order they finish, for a progress bar)."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            outcome = run_job(job)
            done(outcome)
            yield outcome
        return
    outcomes: dict[int, Outcome] = {}
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_warm,
                             max_tasks_per_child=TASKS_PER_WORKER) as pool:
        futures = {pool.submit(run_job, job): i for i, job in enumerate(jobs)}
        try:
            for future in as_completed(futures):
                outcome = future.result()
                outcomes[futures[future]] = outcome
                done(outcome)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    for i in range(len(jobs)):
        yield outcomes[i]
