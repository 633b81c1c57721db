"""A forked child of a split render hands its answer back without waiting for the parent."""

from __future__ import annotations

import gc
import os
import pickle
import sys
import time
from pathlib import Path

import pytest

from briefing.batch import INTERNAL_ERROR, Job, _can_fork, _Forked, run_job
from briefing.templates import load_template

pytestmark = pytest.mark.skipif(not _can_fork(), reason="forked renders need Linux")


@pytest.fixture(autouse=True)
def _unfrozen():
    yield
    gc.unfreeze()  # as _run_split does when its children are done


def _job(tmp_path: Path) -> Job:
    return Job(tmp_path / "a.yaml", (tmp_path / "a.pdf",), None, load_template("handout"),
               False)


def _exited(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return True
        time.sleep(0.02)
    return False


def test_a_child_exits_before_its_answer_is_read(tmp_path: Path) -> None:
    """Eight megabytes (far beyond a pipe's buffer): the child has exited, and freed its
    memory, while the parent was still busy; the answer is read afterwards, whole."""
    big = bytes(range(256)) * (8 << 12)
    child = _Forked(_job(tmp_path), lambda: big)
    try:
        assert _exited(child.pid, 30)  # reaped here, so read the answer as result() does
        child.answer.seek(0)
        assert pickle.load(child.answer) == ("ok", big)
    finally:
        child.answer.close()


@pytest.mark.parametrize("kind", ["ok", "raises", "dies"])
def test_result_gives_the_bytes_or_the_messages(tmp_path: Path, kind: str) -> None:
    def work() -> bytes:
        if kind == "raises":
            raise ValueError("a bug")
        if kind == "dies":
            sys.stdout.flush()
            os._exit(3)
        return b"%PDF-1.4"

    data, errors = _Forked(_job(tmp_path), work).result()
    if kind == "ok":
        assert (data, errors) == (b"%PDF-1.4", [])
    else:
        assert data is None
        assert errors == [f"error: {tmp_path / 'a.yaml'}: {INTERNAL_ERROR}"]


def test_kill_leaves_no_child(tmp_path: Path) -> None:
    child = _Forked(_job(tmp_path), lambda: (time.sleep(60), b"")[1])
    child.kill()
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)
    assert child.answer.closed


@pytest.mark.parametrize("kind", ["ok", "raises"])
def test_a_child_that_cannot_write_its_answer_leaves_the_work_to_the_parent(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """A full temporary folder: the child says so by its exit status, and the parent does
    the work itself (a render, not an internal error)."""
    import errno

    import briefing.batch

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(briefing.batch.pickle, "dump", full)  # the child's copy, too
    pids = []

    def work() -> bytes:
        pids.append(os.getpid())
        if kind == "raises":
            raise ValueError("a bug")
        return b"%PDF-1.4"

    data, errors = _Forked(_job(tmp_path), work).result()
    assert pids == [os.getpid()]  # done here (the child's attempt is not seen here)
    if kind == "ok":
        assert (data, errors) == (b"%PDF-1.4", [])
    else:
        assert data is None and errors == [f"error: {tmp_path / 'a.yaml'}: {INTERNAL_ERROR}"]


def test_a_split_render_with_a_full_temporary_folder_writes_what_one_process_does(
        mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import briefing.batch

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    written = {}
    for split in (False, True):
        if split:
            monkeypatch.setattr(briefing.batch.pickle, "dump", full)
        outs = (tmp_path / f"{split}.pdf", tmp_path / f"{split}.docx")
        job = Job(mini, outs, None, load_template("handout"), False, split=split)
        outcome = run_job(job)
        assert outcome.errors == [] and outcome.written == list(outs)
        written[split] = [p.read_bytes() for p in outs]
    assert written[True] == written[False]


def test_the_bases_keys_are_worked_out_before_any_render_forks(monkeypatch,
                                                                tmp_path: Path) -> None:
    """run_jobs works out the Chinese bases' characters and cache keys first, so the
    check's and the formats' forked processes (and a batch's workers) share them instead
    of each working them out again (about 3 MiB less in those processes; the render's
    peak, twenty alternating runs: 101.5 -> 99.7 MiB, medians)."""
    from briefing import batch
    from briefing.writers.pdf import fonts

    order: list[str] = []
    real = fonts.know_bases
    monkeypatch.setattr(fonts, "know_bases", lambda t: (order.append("know"), real(t)))
    monkeypatch.setattr(batch, "run_job",
                        lambda job: (order.append("render"), batch.Outcome(job))[1])
    fonts.zh_base_chars.cache_clear()
    list(batch.run_jobs([_job(tmp_path)], 1, lambda outcome: None))
    assert order == ["know", "render"]
    assert fonts.zh_base_chars.cache_info().currsize == 2  # the serif's and the sans's


def test_a_template_whose_fonts_are_missing_is_left_to_its_render(tmp_path: Path) -> None:
    from briefing.writers.pdf import fonts

    template = load_template("handout")
    broken = template.model_copy(update={"fonts": template.fonts.model_copy(
        update={"zh_serif": str(tmp_path / "no-such-font.otf")})})
    fonts.know_bases(broken)  # raises nothing: the render reports the missing font
