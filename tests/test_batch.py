"""A forked child of a split render hands its answer back without waiting for the parent."""

from __future__ import annotations

import gc
import os
import pickle
import sys
import time
from pathlib import Path

import pytest

from briefing.batch import INTERNAL_ERROR, Job, _can_fork, _Forked
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
