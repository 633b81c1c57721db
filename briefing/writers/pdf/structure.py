"""Tagged PDF, after drawing: the structure tree written into the file with pikepdf.

The drawing pass (:mod:`.tagging`) left marked content in the page streams and
a tree of nodes that know their (page, MCID) pairs. This writes what a tagged
PDF needs beside them: the ``/StructTreeRoot`` with one structure element per
node (``/S``, ``/P``, ``/K``, ``/Pg``, ``/Lang``, ``/Alt``, ``/A`` with the
scope of header cells), the ``/ParentTree`` from each page's MCIDs back to
their elements, ``/StructParents`` and ``/Tabs /S`` on every page,
``/MarkInfo << /Marked true >>``, the document ``/Lang`` and
``/ViewerPreferences << /DisplayDocTitle true >>``, and an XMP metadata
packet (title, author, subject, dates, languages: PDF/UA asks for one). Nodes
that hold no content are left out. Saved with a deterministic ``/ID`` and no timestamps, so equal
input still gives equal bytes.
"""

from __future__ import annotations

import io
import warnings

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from ...errors import RenderError
from ...plan import LangCode
from .tagging import Node


def write_structure(data: bytes, root: Node, lang: str, tags: dict[LangCode, str],
                    languages: tuple[str, ...] = ()) -> bytes:
    """``data`` (an untagged PDF with marked content) with ``root``'s tree written in,
    and an XMP packet that repeats the document information (``dc:title`` …) and names
    the ``languages`` (``dc:language``)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = list(pdf.pages)
        by_mark: dict[tuple[int, int], pikepdf.Dictionary] = {}
        tree_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        top = _element(pdf, root, tree_root, pages, tags, lang, by_mark)
        if top is None:
            raise RenderError("the PDF has no tagged content (every block was empty)")
        tree_root.K = top
        nums = Array()
        for index, page in enumerate(pages):
            marks = sorted(m for m in by_mark if m[0] == index + 1)
            if not marks:
                continue
            if [m[1] for m in marks] != list(range(len(marks))):
                raise RenderError(f"page {index + 1}: marked content is not numbered 0…n")
            page.obj.StructParents = index
            nums.append(index)
            nums.append(pdf.make_indirect(Array([by_mark[m] for m in marks])))
        for page in pages:
            page.obj.Tabs = Name.S
        tree_root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
        tree_root.ParentTreeNextKey = len(pages)
        cat = pdf.Root
        cat.StructTreeRoot = tree_root
        cat.MarkInfo = Dictionary(Marked=True)
        cat.Lang = String(lang)
        prefs = cat.get(Name.ViewerPreferences, Dictionary())
        prefs.DisplayDocTitle = True
        cat.ViewerPreferences = prefs
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # /Trapped has no XMP equivalent: dropped
            with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
                xmp.load_from_docinfo(pdf.docinfo)
                xmp["dc:language"] = list(languages or (lang,))
        out = io.BytesIO()
        # streams are copied as they are (recompressing reportlab's costs a second); no
        # object streams, so the file stays readable by PDF 1.4 tools and print workflows
        pdf.save(out, deterministic_id=True, compress_streams=False,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none,
                 object_stream_mode=pikepdf.ObjectStreamMode.preserve)
        return out.getvalue()


def _element(pdf: pikepdf.Pdf, node: Node, parent: pikepdf.Dictionary,
             pages: list[pikepdf.Page], tags: dict[LangCode, str], doc_lang: str,
             by_mark: dict[tuple[int, int], pikepdf.Dictionary]) -> pikepdf.Dictionary | None:
    """The structure element of ``node`` under ``parent``, or None if it holds nothing."""
    if not node.has_content():
        return None
    elem = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + node.type),
                                        P=parent))
    if node.lang is not None:
        elem.Lang = String(tags[node.lang])
    elif node.type == "Document":
        elem.Lang = String(doc_lang)
    if node.alt is not None:
        elem.Alt = String(node.alt)
    if node.scope is not None:
        elem.A = Dictionary(O=Name.Table, Scope=Name("/" + node.scope))
    kids = Array()
    first_page: int | None = None
    for child in node.children:
        sub = _element(pdf, child, elem, pages, tags, doc_lang, by_mark)
        if sub is not None:
            kids.append(sub)
    for page, mcid in node.marks:
        by_mark[(page, mcid)] = elem
        if first_page is None:
            first_page = page
            elem.Pg = pages[page - 1].obj
        if page == first_page:
            kids.append(mcid)
        else:
            kids.append(Dictionary(Type=Name.MCR, Pg=pages[page - 1].obj, MCID=mcid))
    elem.K = kids[0] if len(kids) == 1 else kids
    return elem
