"""English hyphenation patterns kept in the cache (briefing.writers.pdf.hyphens): the
patterns read back hyphenate as pyphen's own parse of its dictionary."""

from __future__ import annotations

import re
from pathlib import Path

import pyphen
import pytest

from briefing.writers.pdf import hyphens

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder, and pyphen's and our in-process copies forgotten."""
    monkeypatch.setenv("BRIEFING_FONT_CACHE", str(tmp_path))
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphens.hyphenator.cache_clear()
    yield tmp_path
    hyphens.hyphenator.cache_clear()


def words() -> list[str]:
    """Every lowercase English word of the examples (a few thousand)."""
    text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "examples").glob("*/*.yaml"))
    return sorted(set(re.findall(r"\b[a-z]{5,}\b", text)))


def test_patterns_read_back_hyphenate_as_pyphen_parses_them(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = hyphens.hyphenator()  # parsed by pyphen, then stored
    (file,) = cache.glob("hyphens-*.marshal")
    dic = Path(pyphen.LANGUAGES[pyphen.language_fallback(hyphens.LANG)])
    own = pyphen.Pyphen(filename=dic, cache=False, left=hyphens.LEFT, right=hyphens.RIGHT)
    hyphens.hyphenator.cache_clear()
    pyphen.hdcache.clear()

    def parse(*_: object) -> None:
        raise AssertionError("pyphen parsed its dictionary again")

    monkeypatch.setattr(pyphen.HyphDict, "__init__", parse)
    again = hyphens.hyphenator()  # read back from the file
    assert again.hd is not first.hd and not again.hd.cache
    table = words()
    assert len(table) > 500
    for w in table:
        assert again.positions(w) == own.positions(w), w
    assert file.stat().st_size > 100_000
    # patterns with the same points share one object (14,000 patterns, 1,400 points)
    points = again.hd.patterns.values()
    assert len({id(v) for v in points}) == len(set(points)) < len(points) // 5


@pytest.mark.parametrize("damage", ["cut", "garbage", "probes"])
def test_a_damaged_file_is_parsed_again_and_rewritten(cache: Path, damage: str) -> None:
    import marshal

    hyphens.hyphenator()
    (file,) = cache.glob("hyphens-*.marshal")
    good = file.read_bytes()
    if damage == "cut":
        file.write_bytes(good[:5000])
    elif damage == "garbage":
        file.write_bytes(b"not marshal")
    else:  # patterns that no longer give the positions they were stored with
        stored = marshal.loads(good)
        stored["patterns"] = {k: v for i, (k, v) in enumerate(stored["patterns"].items())
                              if i % 2}
        file.write_bytes(marshal.dumps(stored))
    pyphen.hdcache.clear()
    hyphens.hyphenator.cache_clear()
    dic = hyphens.hyphenator()
    assert dic.positions("hyphenation") == [2, 6, 7]  # hy-phen-a-tion
    assert file.read_bytes() == good  # written again
