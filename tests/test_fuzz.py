"""Property: every generated briefing renders in both formats within a time bound, or
fails with the library's own error and a message: never another exception, never a hang.

The budget is small here (``FUZZ_EXAMPLES``, default 300, a fixed sequence). A long
campaign (see the README) sets ``FUZZ_EXAMPLES``, and ``FUZZ_SEED`` to draw another
sequence, so shards with different seeds run side by side; ``FUZZ_REPORT=FILE`` writes
how the renders ended (JSON). Each failure found becomes a regression test in
tests/test_long_inputs.py.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from strategies import briefings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
SEED = os.environ.get("FUZZ_SEED")
REPORT = os.environ.get("FUZZ_REPORT")
#: How the generated renders ended: "ok", or the library error's class name.
ENDINGS: Counter[str] = Counter()
#: A render of any generated briefing must answer within this many seconds (a campaign
#: run at low priority on a busy machine may allow more with FUZZ_TIME_BOUND).
TIME_BOUND = float(os.environ.get("FUZZ_TIME_BOUND", "60"))


class Worker:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "helpers" / "render_worker.py")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)})

    def render(self, request: dict) -> dict:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps(request, default=str) + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], TIME_BOUND)
        if not ready:
            self.proc.kill()
            raise AssertionError(f"no answer within {TIME_BOUND:.0f} s: a hang on {request}")
        line = self.proc.stdout.readline()
        assert line, "the render worker died"
        return json.loads(line)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()


@pytest.fixture(scope="module")
def worker():
    w = Worker()
    yield w
    w.close()


_START = time.monotonic()


def _report() -> None:
    """Say how the renders so far ended (rewritten after each: a campaign may be stopped)."""
    if REPORT:
        Path(REPORT).write_text(json.dumps({
            "examples": sum(ENDINGS.values()), "seed": SEED, "endings": dict(ENDINGS),
            "seconds": round(time.monotonic() - _START)}, indent=1) + "\n")


def _campaign(test):
    """The fixed sequence in CI; another sequence per ``FUZZ_SEED``."""
    return seed(int(SEED))(test) if SEED is not None else test


@_campaign
@settings(max_examples=EXAMPLES, deadline=None, derandomize=SEED is None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(content=briefings(), template=st.sampled_from(["handout", "reader", "brief"]),
       layout=st.sampled_from(["parallel", "interleaved", "zh", "en"]))
def test_a_generated_briefing_renders_or_fails_with_the_librarys_error(worker, content,
                                                                      template, layout):
    answer = worker.render({"content": content, "template": template, "layout": layout})
    ENDINGS["ok" if answer.get("ok") else answer.get("error", "foreign")] += 1
    _report()
    assert "foreign" not in answer, answer
    assert answer.get("ok") or answer.get("message"), answer


@pytest.mark.parametrize("value", ["1.0e-5000", "1.0e+1000000", "12345678901234567890"])
def test_extreme_values_are_refused_by_the_model(worker, value):
    """Found by fuzzing: such values once crashed rendering with ValueError or Overflow."""
    yaml = (f"title: {{zh: 题}}\nstatistics:\n  x: {{value: {value}, unit: yuan}}\n"
            "summary: [{zh: '数{x}。', en: 'n {x}'}]\n")
    answer = worker.render({"yaml": yaml, "template": "handout", "layout": "zh"})
    assert answer.get("error") == "ContentError", answer
    assert "out of range" in answer["message"] or "decimals" in answer["message"]
