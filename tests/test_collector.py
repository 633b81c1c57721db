"""The garbage collector is paused while a PDF is set and left as it was found."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.api import plan
from briefing.collector import paused
from briefing.templates import load_template
from briefing.writers.pdf import render_pdf

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def restore_gc() -> Iterator[None]:
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_inside_and_as_found_after(restore_gc: None, enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled() is enabled


def test_overlapping_pauses_end_with_the_last(restore_gc: None) -> None:
    gc.enable()
    first, second = paused(), paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()  # the second render is still under way
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_an_error_inside_restores_the_collector(restore_gc: None) -> None:
    gc.enable()
    with pytest.raises(RuntimeError), paused():
        raise RuntimeError("render failed")
    assert gc.isenabled()


@pytest.mark.parametrize("enabled", [True, False])
def test_a_pdf_render_pauses_the_collector(restore_gc: None, monkeypatch: pytest.MonkeyPatch,
                                           enabled: bool) -> None:
    tpl = load_template("brief")
    the_plan = plan(ROOT / "examples" / "trade-port" / "trade-port.yaml", layout="en",
                    template=tpl)
    seen: list[bool] = []
    import briefing.writers.pdf.document as document

    inner = document._render

    def watched(*args: object) -> tuple[bytes, list[str]]:
        seen.append(gc.isenabled())
        return inner(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(document, "_render", watched)
    (gc.enable if enabled else gc.disable)()
    render_pdf(the_plan, tpl)
    assert seen == [False]
    assert gc.isenabled() is enabled


def test_renders_on_threads_leave_it_on(restore_gc: None) -> None:
    gc.enable()
    tpl = load_template("brief")
    the_plan = plan(ROOT / "examples" / "trade-port" / "trade-port.yaml", layout="en",
                    template=tpl)
    threads = [threading.Thread(target=render_pdf, args=(the_plan, tpl)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gc.isenabled()
