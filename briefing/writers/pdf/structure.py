"""Tagged PDF, at the end of drawing: the structure tree written into reportlab's document.

Drawing (:mod:`.tagging`) left marked content in the page streams and
a tree of nodes that know their (page, MCID) pairs. Before reportlab writes the
file, this adds what a tagged PDF needs beside them: the ``/StructTreeRoot``
with one structure element per node (``/S``, ``/P``, ``/K``, ``/Pg``,
``/Lang``, ``/Alt``, ``/A`` with the scope of header cells), the
``/ParentTree`` from each page's MCIDs back to their elements,
``/StructParents`` and ``/Tabs /S`` on every page, ``/MarkInfo << /Marked true
>>``, and an XMP metadata packet that repeats the document information (title,
author, subject, keywords, creator, producer, dates) and names the languages
(PDF/UA asks for one). reportlab itself writes the document ``/Lang`` and
``/ViewerPreferences << /DisplayDocTitle true >>``. Nodes that hold no content
are left out. Everything is made in a fixed order, so equal input still gives
equal bytes.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFDocument,
    PDFName,
    PDFObjectReference,
    PDFStream,
    PDFString,
)

from ...errors import RenderError
from ...plan import LangCode
from .tagging import Node

#: The page dictionary's keys reportlab writes, and the two a tagged page adds.
_PAGE_KEYS = ("StructParents", "Tabs")
#: A PDF boolean (reportlab has no object for one; bytes are written as they are).
_TRUE = b"true"


def add_structure(doc: PDFDocument, root: Node, lang: str, tags: dict[LangCode, str],
                  languages: tuple[str, ...] = (),
                  titles: tuple[tuple[str, str], ...] = ()) -> None:
    """``root``'s tree, the page entries it needs and the XMP packet added to ``doc``
    (a reportlab document whose pages are all drawn, not yet saved)."""
    _headings_from_one(root)
    pages = list(doc.Pages.pages)
    refs = [doc.Reference(p) for p in pages]
    by_mark: dict[tuple[int, int], PDFObjectReference] = {}
    tree_root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    tree_ref = doc.Reference(tree_root)
    top = _element(doc, root, tree_ref, refs, tags, lang, by_mark)
    if top is None:
        raise RenderError("the PDF has no tagged content (every block was empty)")
    tree_root["K"] = top
    nums: list[Any] = []
    for index, page in enumerate(pages):
        marks = sorted(m for m in by_mark if m[0] == index + 1)
        page.__NoDefault__ = [*page.__NoDefault__, *_PAGE_KEYS]
        page.Tabs = PDFName("S")
        page.StructParents = None
        if not marks:
            continue
        if [m[1] for m in marks] != list(range(len(marks))):
            raise RenderError(f"page {index + 1}: marked content is not numbered 0…n")
        page.StructParents = index
        nums += [index, doc.Reference(PDFArray([by_mark[m] for m in marks]))]
    tree_root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
    tree_root["ParentTreeNextKey"] = len(pages)
    cat = doc.Catalog
    cat.StructTreeRoot = tree_root
    cat.MarkInfo = PDFDictionary({"Marked": _TRUE})
    packet = xmp_packet(doc, languages or (lang,), titles)
    cat.Metadata = PDFStream(PDFDictionary({"Type": PDFName("Metadata"),
                                            "Subtype": PDFName("XML")}),
                             packet)  # no filter (reportlab's default): readable as it is


def _element(doc: PDFDocument, node: Node, parent: PDFObjectReference,
             pages: list[PDFObjectReference], tags: dict[LangCode, str], doc_lang: str,
             by_mark: dict[tuple[int, int], PDFObjectReference]) -> PDFObjectReference | None:
    """The structure element of ``node`` under ``parent``, or None if it holds nothing."""
    if not node.has_content():
        return None
    elem = _Element({"Type": _STRUCT_ELEM, "S": _name(node.type), "P": parent})
    ref = doc.Reference(elem)
    if node.lang is not None:
        elem["Lang"] = PDFString(tags[node.lang])
    elif node.type == "Document":
        elem["Lang"] = PDFString(doc_lang)
    if node.alt is not None:
        elem["Alt"] = PDFString(node.alt)
    if node.scope is not None:
        elem["A"] = PDFDictionary({"O": PDFName("Table"), "Scope": PDFName(node.scope)})
    if node.bbox is not None:  # a figure's box (ISO 32000-1, table 344)
        elem["A"] = PDFDictionary({"O": PDFName("Layout"), "BBox": PDFArray(
            [round(v, 3) for v in node.bbox])})
    kids: list[Any] = []
    for child in node.children:
        sub = _element(doc, child, ref, pages, tags, doc_lang, by_mark)
        if sub is not None:
            kids.append(sub)
    first_page: int | None = None
    for page, mcid in node.marks:
        by_mark[(page, mcid)] = ref
        if first_page is None:
            first_page = page
            elem["Pg"] = pages[page - 1]
        if page == first_page:
            kids.append(mcid)
        else:
            kids.append(PDFDictionary({"Type": PDFName("MCR"), "Pg": pages[page - 1],
                                       "MCID": mcid}))
    elem["K"] = kids[0] if len(kids) == 1 else PDFArray(kids)
    return ref


def _headings_from_one(root: Node) -> None:
    """Heading levels raised so the first is H1: a template whose parts leave the title
    out starts at the headlines' H2 (a document's headings start at H1, skipping none)."""
    levels = [int(n.type[1:]) for n in root.walk() if re.fullmatch(r"H[1-6]", n.type)
              and n.has_content()]
    if not levels or min(levels) == 1:
        return
    shift = min(levels) - 1
    for n in root.walk():
        if re.fullmatch(r"H[1-6]", n.type):
            n.type = f"H{int(n.type[1:]) - shift}"


@functools.lru_cache(maxsize=64)
def _name(name: str) -> str:
    """reportlab's spelling of a PDF name (it checks each character in Python), once."""
    return PDFName(name)


@functools.lru_cache(maxsize=256)
def _encoded(name: str) -> bytes:
    """A name (``/S``, ``/P``) in the bytes reportlab writes for it, once."""
    return bytes(pdfdoc.pdfdocEnc(name))


_STRUCT_ELEM = _name("StructElem")


def _formatted(value: object, document: PDFDocument) -> bytes:
    """``value`` as reportlab's ``format`` writes it inside a dictionary: references,
    numbers, names and arrays of them directly, anything else by reportlab."""
    kind = type(value)
    if kind is PDFObjectReference:
        return b"%d %d R" % document.idToObjectNumberAndVersion[value.name]  # type: ignore[attr-defined]
    if kind is int:
        return str(value).encode()
    if kind is str:
        return _encoded(str(value))
    if kind is PDFArray and not rl_config.pdfMultiLine:
        items = [_formatted(v, document) for v in value.sequence]  # type: ignore[attr-defined]
        for i in reversed(range(10, len(items), 10)):  # reportlab breaks every 10 items
            items.insert(i, b"\n ")
        return b"[ " + b" ".join(items) + b" ]"
    return bytes(pdfdoc.format(value, document))


class _Element(PDFDictionary):
    """A structure element, formatted to the bytes :class:`PDFDictionary` writes without
    its generic walk (which spells every key out character by character and looks each
    value's type up): 14 µs an element, and a document has hundreds."""

    def format(self, document: PDFDocument, IND: bytes = b"\n ") -> bytes:  # noqa: N803
        if rl_config.pdfMultiLine:  # not this project's setting: reportlab's own walk
            return bytes(super().format(document, IND))
        items = [b"%s %s" % (_encoded(_name(key)), _formatted(self.dict[key], document))
                 for key in sorted(self.dict)]
        for i in reversed(range(6, len(items), 6)):  # reportlab breaks every 6 entries
            items.insert(i, b"\n ")
        return b"<<\n" + b" ".join(items) + b"\n>>"


_NS = {"x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
       "dc": "http://purl.org/dc/elements/1.1/", "pdf": "http://ns.adobe.com/pdf/1.3/",
       "xmp": "http://ns.adobe.com/xap/1.0/"}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


def xmp_packet(doc: PDFDocument, languages: tuple[str, ...],
               titles: tuple[tuple[str, str], ...] = ()) -> bytes:
    """The XMP packet of ``doc``'s document information (the same values and dates
    reportlab writes in ``/Info``), with ``languages`` as ``dc:language`` and the title
    in each language of ``titles`` beside the default one (``/Info``'s)."""
    for prefix, uri in _NS.items():
        ET.register_namespace(prefix, uri)
    info = doc.info
    ts = doc._timeStamp
    y, mo, d, h, mi, s = ts.YMDhms
    date = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}{ts.dhh:+03d}:{ts.dmm:02d}"
    formatter = getattr(info, "_dateFormatter", None)
    if formatter is not None:  # the content's date, as /Info gives it (D:20251020000000Z)
        got = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z", formatter(y, mo, d, h, mi, s))
        if got:
            date = "{}-{}-{}T{}:{}:{}+00:00".format(*got.groups())
    meta = ET.Element(_q("x:xmpmeta"))
    desc = ET.SubElement(ET.SubElement(meta, _q("rdf:RDF")), _q("rdf:Description"),
                         {_q("rdf:about"): ""})

    def listed(name: str, kind: str, values: tuple[str, ...], default: bool = False) -> None:
        holder = ET.SubElement(ET.SubElement(desc, _q(name)), _q(kind))
        for v in values:
            li = ET.SubElement(holder, _q("rdf:li"), {_XML_LANG: "x-default"} if default else {})
            li.text = v

    listed("dc:title", "rdf:Alt", (info.title,), default=True)
    alt = desc.find(f"{_q('dc:title')}/{_q('rdf:Alt')}")
    assert alt is not None  # made just above
    for tag, title in titles if len(titles) > 1 else ():  # zh-CN: …, en-GB: …
        ET.SubElement(alt, _q("rdf:li"), {_XML_LANG: tag}).text = title
    listed("dc:creator", "rdf:Seq", (info.author,))
    listed("dc:description", "rdf:Alt", (info.subject,), default=True)
    listed("dc:language", "rdf:Bag", languages)
    for name, value in (("pdf:Keywords", info.keywords), ("pdf:Producer", info.producer),
                        ("xmp:CreatorTool", info.creator), ("xmp:CreateDate", date),
                        ("xmp:ModifyDate", date)):
        ET.SubElement(desc, _q(name)).text = value
    body = ET.tostring(meta, encoding="unicode")
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' + body
            + '\n<?xpacket end="w"?>').encode("utf-8")
