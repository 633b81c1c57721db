"""Every in-process cache is bounded (issue 14: +1.3 MB per distinct document before).

The rule (``briefing/caches.py``): a pure function is cached with
``functools.lru_cache(maxsize=N)``, a store filled by hand is a ``BoundedCache``
or a dict kept with ``remember``. This file checks the rule in the source and the
bounds at work where a long run would grow: converted fonts and the fonts
registered with reportlab.
"""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

import briefing
from briefing.caches import BoundedCache, remember
from briefing.writers.pdf import fonts

PACKAGE = Path(briefing.__file__).parent


def _unbounded(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "functools":
            found += [(node.lineno, "functools.cache") for a in node.names if a.name == "cache"]
        if isinstance(node, ast.Attribute) and node.attr == "cache" and \
                isinstance(node.value, ast.Name) and node.value.id == "functools":
            found.append((node.lineno, "functools.cache"))
        if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(
                node.func, "id", None)) == "lru_cache":
            for kw in node.keywords:
                if kw.arg == "maxsize" and isinstance(kw.value, ast.Constant) and \
                        kw.value.value is None:
                    found.append((node.lineno, "lru_cache(maxsize=None)"))
            if node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value is None:
                found.append((node.lineno, "lru_cache(None)"))
    return found


def test_no_unbounded_cache_in_the_package():
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}: {what}"
             for path in sorted(PACKAGE.rglob("*.py"))
             for line, what in _unbounded(ast.parse(path.read_text(encoding="utf-8")))]
    assert found == [], "use functools.lru_cache(maxsize=N) or briefing.caches: " + str(found)


def test_the_source_scan_finds_what_it_forbids():
    code = ("import functools\nfrom functools import cache, lru_cache\n"
            "@functools.cache\ndef a(): pass\n@lru_cache(maxsize=None)\ndef b(): pass\n"
            "@lru_cache(None)\ndef c(): pass\n@lru_cache(maxsize=64)\ndef d(): pass\n")
    assert [what for _, what in _unbounded(ast.parse(code))] == [
        "functools.cache", "functools.cache", "lru_cache(maxsize=None)", "lru_cache(None)"]


@pytest.mark.parametrize(("puts", "gets", "kept", "left", "evicted"), [
    ("abc", "", "", "bc", "a"),
    ("abc", "a", "", "ac", "b"),  # a read keeps an entry fresh
    ("abcd", "", "a", "ad", "bc"),  # an entry in use stays; the next oldest goes
    ("ab", "", "ab", "ab", ""),
])
def test_a_bounded_cache_pushes_out_the_least_recently_used(puts, gets, kept, left, evicted):
    out: list[str] = []
    cache: BoundedCache[str, int] = BoundedCache(
        2, on_evict=lambda k, v: out.append(k), keep=lambda k: k in kept)
    for i, key in enumerate(puts):
        if key == "c" and gets:
            for g in gets:
                cache.get(g)
        cache.put(key, i)
    assert "".join(sorted(k for k in "abcd" if k in cache)) == left
    assert "".join(out) == evicted


def test_remember_empties_a_full_memo():
    store: dict[int, int] = {}
    for i in range(10):
        assert remember(store, i, i * i, 4) == i * i
    assert len(store) <= 4 and store[9] == 81


def _distinct(n: int) -> briefing.Briefing:
    """A briefing whose English brings letters no other one has (Latin Extended-A):
    new Latin subsets, which are quick to make; the Chinese ones stay the same."""
    letters = "".join(chr(0x100 + n * 8 + i) for i in range(8))
    return briefing.Briefing(title=briefing.Text(zh="简报", en=f"Briefing {letters}"),
                             summary=[briefing.Text(zh="一条。", en=f"Point {letters}.")])


def _registered() -> set[str]:
    return {n for n in pdfmetrics.getRegisteredFontNames() if n.startswith("Brf-")}


def test_fonts_kept_in_a_process_stay_within_their_bound(monkeypatch):
    """Each distinct document brings its own subsets (six fonts); with the bounds set
    small, two documents stay within them, and each render still finds its fonts."""
    monkeypatch.setattr(fonts._registered, "maxsize", 4)
    monkeypatch.setattr(fonts._memory, "maxsize", 4)
    fonts._registered.trim()
    fonts._memory.trim()
    for n in range(2):
        pdf = briefing.render(_distinct(n), format="pdf", force=True)
        assert pdf.startswith(b"%PDF")
        assert len(_registered()) <= 4 and len(fonts._registered) <= 4
        assert len(fonts._memory) <= 4
    assert fonts._in_use == {}  # nothing held once the renders are done


def test_renders_in_threads_never_lose_a_font_in_use(monkeypatch):
    """A bound of one: each render holds five or six fonts the other must not evict."""
    monkeypatch.setattr(fonts._registered, "maxsize", 1)
    failures: list[BaseException] = []

    def work(n: int) -> None:
        try:
            briefing.render(_distinct(4 + n), format="pdf", force=True)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert failures == []
    assert len(_registered()) <= 1 and fonts._in_use == {}
