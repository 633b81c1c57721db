"""Flate compression of a PDF's streams on a second thread, beside the work that remains.

reportlab compresses every stream (each page's content, each font subset and its
ToUnicode map) one after the other while it writes the file, on the thread that
also lays out and formats everything else: about a tenth of a bilingual render.
:class:`Deflate` stands in for reportlab's Flate filter during one build. A page's
content is handed to a worker thread once it is final (the footers are set when
the last page is done: see :mod:`.furniture`), and the font streams as soon as
reportlab has made them, before it formats the document's objects, last first.
The writer meets the streams first to last (the fonts, then the pages' contents),
takes the compressed bytes of those the worker has done and compresses itself
those it has not started on, so the two meet in the middle. (Handed first to last,
the writer overtook the worker at once and waited for each stream.) zlib releases
the interpreter lock while it compresses, so both threads run at once. Each stream
is compressed by the same call with the same input as reportlab's
(``zlib.compress`` at its default level): the same bytes.
"""

from __future__ import annotations

import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from reportlab.pdfbase import pdfdoc


def _compress(content: str | bytes) -> bytes:
    """What reportlab's Flate filter makes of ``content``."""
    return zlib.compress(content.encode("utf8") if isinstance(content, str) else content)


class Deflate:
    """reportlab's Flate filter for one build, with streams compressed ahead on a worker
    thread (:meth:`ahead`). Use as a context manager: the worker stops on exit."""

    pdfname = "FlateDecode"

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        # id of a stream's content -> (the content, kept alive so the id stays its own;
        # the compressed bytes to come)
        self._ahead: dict[int, tuple[str | bytes, Future[bytes]]] = {}

    def __enter__(self) -> Deflate:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._ahead.clear()

    def ahead(self, content: str | bytes | None) -> None:
        """Start compressing ``content``, a stream's content that will not change."""
        if not content or id(content) in self._ahead:
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="deflate")
        self._ahead[id(content)] = (content, self._pool.submit(_compress, content))

    def ahead_of_format(self, doc: pdfdoc.PDFDocument) -> None:
        """Start on every stream of ``doc`` that this filter will compress, the last the
        document writes first (call when reportlab is about to format ``doc``)."""
        for number in sorted(doc.numberToId, reverse=True):
            obj = doc.idToObject.get(doc.numberToId[number])
            if isinstance(obj, pdfdoc.PDFStream) and obj.filters is not None and \
                    any(f is self for f in obj.filters) and "Filter" not in obj.dictionary.dict:
                self.ahead(obj.content)

    # reportlab's filter interface
    def encode(self, text: str | bytes) -> bytes:
        got = self._ahead.pop(id(text), None)
        if got is None or got[0] is not text:
            return _compress(text)
        future = got[1]
        if future.cancel():  # the worker has not started on it: compress it here
            return _compress(text)
        return future.result()

    def decode(self, encoded: bytes) -> bytes:
        return zlib.decompress(encoded)


def format_with(doc: pdfdoc.PDFDocument, deflate: Deflate) -> None:
    """Make ``doc`` hand ``deflate`` its streams just before it formats its objects (after
    reportlab has made the font subsets, which it does when the file is saved)."""
    original = doc.format

    def format_ahead() -> Any:
        deflate.ahead_of_format(doc)
        return original()

    doc.format = format_ahead
