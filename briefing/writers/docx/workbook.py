"""The workbook embedded in a chart part: the chart's data, for Word's "Edit Data".

Built with openpyxl; its save stamps the clock into the core properties and
the zip entries, so both are set to a fixed time here (identical input,
identical bytes).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from lxml import etree

SHEET = "Sheet1"
FIXED = datetime(2000, 1, 1)
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
DCTERMS = "http://purl.org/dc/terms/"
CORE = "docProps/core.xml"


def workbook_bytes(categories: Sequence[str], names: Sequence[str],
                   columns: Sequence[Sequence[Decimal]]) -> bytes:
    """Categories down column A, one column per series from B, names in row 1."""
    from openpyxl import Workbook  # a large import, for documents with charts only

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    for j, name in enumerate(names, start=2):
        ws.cell(row=1, column=j, value=name)
    for i, category in enumerate(categories, start=2):
        ws.cell(row=i, column=1, value=category)
        for j, values in enumerate(columns, start=2):
            ws.cell(row=i, column=j, value=values[i - 2])
    wb.properties.creator = "briefing"
    wb.properties.created = FIXED
    raw = io.BytesIO()
    wb.save(raw)
    return _fixed(raw.getvalue())


def _fixed(data: bytes) -> bytes:
    """The package with fixed entry times and a fixed modification date."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for name in sorted(src.namelist()):
            body = src.read(name)
            if name == CORE:
                root = etree.fromstring(body)
                for tag in ("created", "modified"):
                    node = root.find(f"{{{DCTERMS}}}{tag}")
                    if node is not None:
                        node.text = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ")
                body = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0
            dst.writestr(info, body, compresslevel=6)
    return out.getvalue()


def column_letter(index: int) -> str:
    """A, B, … Z, AA for a 1-based column index."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
