"""The tagged PDF, judged by real clients: poppler's ``pdfinfo`` (tagged, and the structure
tree as text), the PDF/UA checker ``pdfua`` (built on pikepdf), and pikepdf for what
neither prints (``/Alt``, ``/Lang``, header-cell scope, artifacts).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from conftest import modules_loaded

from briefing.loader import load
from briefing.plan import LANG_TAGS, Caption, Chart, Layout, Para, Plan, Role
from briefing.planner import build_plan
from briefing.script import has_chinese
from briefing.templates import load_template
from briefing.writers.pdf import render_pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "liaoning" / "liaoning.yaml"
PDFUA = shutil.which("pdfua") or str(Path(sys.executable).with_name("pdfua"))

pytestmark = pytest.mark.skipif(
    shutil.which("pdfinfo") is None or not Path(PDFUA).exists(),
    reason="poppler-utils and pdfua are needed (scripts/install-test-deps, the test extra)")


@dataclass(frozen=True)
class Rendered:
    plan: Plan
    path: Path


def render(source: Path, out: Path, layout: Layout, template: str = "handout") -> Rendered:
    tpl = load_template(template)
    plan = build_plan(load(source), tpl.plan_options(layout))
    path = out / f"{source.stem}-{template}-{layout}.pdf"
    path.write_bytes(render_pdf(plan, tpl))
    return Rendered(plan, path)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    from conftest import FIXTURES, make_image

    folder = tmp_path_factory.mktemp("tags")
    shutil.copy(FIXTURES / "mini.yaml", folder / "mini.yaml")
    make_image(folder / "images" / "lab.png")
    done = {f"mini-{lay}": render(folder / "mini.yaml", folder, lay) for lay in Layout}
    done["mini-brief"] = render(folder / "mini.yaml", folder, Layout.PARALLEL, "brief")
    done["example-parallel"] = render(EXAMPLE, folder, Layout.PARALLEL)
    shutil.copy(FIXTURES / "charts.yaml", folder / "charts.yaml")
    done["charts-parallel"] = render(folder / "charts.yaml", folder, Layout.PARALLEL)
    return done


CASES = [*(f"mini-{lay}" for lay in Layout), "mini-brief", "example-parallel",
         "charts-parallel"]


def struct_text(path: Path) -> list[tuple[int, str, str]]:
    """``pdfinfo -struct-text``: (depth, element type, its text) in reading order."""
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True,
                         text=True, check=True).stdout
    elements: list[tuple[int, str, list[str]]] = []
    for line in out.splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 2
        body = line.strip()
        if body.startswith('"') and body.endswith('"') and elements:
            elements[-1][2].append(body[1:-1])
        elif body and not body.startswith("/"):
            elements.append((depth, body.split()[0].rstrip(":"), []))
    return [(d, t, "".join(parts)) for d, t, parts in elements]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("case", CASES)
def test_pdfinfo_reports_it_tagged_and_pdfua_finds_no_error(pdfs: dict[str, Rendered],
                                                             case: str) -> None:
    path = pdfs[case].path
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    got = subprocess.run([PDFUA, "check", "--format", "json", str(path)], capture_output=True,
                         text=True, check=False)
    report = json.loads(got.stdout)
    # the one finding left: the file does not claim PDF/UA conformance (README says why)
    assert [f["rule_id"] for f in report["findings"]] == ["UA-28-004"], report["findings"]
    assert report["summary"]["rules_skipped"] == 0


@pytest.mark.parametrize("case", CASES)
def test_every_paragraph_is_one_element_in_plan_order(pdfs: dict[str, Rendered],
                                                      case: str) -> None:
    """Reading order: each paragraph whole (across columns and pages), in the plan's order —
    in the parallel layout the Chinese paragraph, then its English translation."""
    plan = pdfs[case].plan
    tree = struct_text(pdfs[case].path)
    texts = [(t, s) for _, t, s in tree if s]
    expected: list[str] = []
    for item in plan.items:
        for cell in item.cells:
            for c in cell.content:
                if isinstance(c, Para | Caption):
                    expected.append(c.full if isinstance(c, Caption) else c.text)
    got = [s for _, s in texts]
    position = 0
    for want in expected:
        want_flat = squash(want)
        matches = [i for i in range(position, len(got)) if squash(got[i]) == want_flat]
        assert matches, f"{want_flat[:60]!r} is not one element after #{position}"
        position = matches[0] + 1
    footer = squash(" ".join(str(p) for p in plan.footer if isinstance(p, str)))
    assert footer and not any(footer in squash(s) for s in got), "the footer is an artifact"


@pytest.mark.parametrize("case", ["mini-parallel", "example-parallel", "mini-zh"])
def test_headings_lists_quotes_and_articles_have_their_types(pdfs: dict[str, Rendered],
                                                             case: str) -> None:
    plan = pdfs[case].plan
    tree = struct_text(pdfs[case].path)
    types_of: dict[str, set[str]] = {}
    for _, t, s in tree:
        types_of.setdefault(squash(s), set()).add(t)
    want = {Role.TITLE: "H1", Role.HEADLINE: "H2", Role.HEADING: "H3", Role.BULLET: "LBody",
            Role.BODY: "P", Role.CAPTION: "Caption"}
    seen = set()
    for item in plan.items:
        for cell in item.cells:
            for c in cell.content:
                if isinstance(c, Para) and c.role in want:
                    assert want[c.role] in types_of[squash(c.text)], (c.role, c.text)
                    seen.add(c.role)
    assert {Role.TITLE, Role.HEADLINE, Role.BODY} <= seen
    types = [t for _, t, _ in tree]
    assert types[0] == "Document" and "Art" in types and "Sect" in types
    if case.startswith("example"):
        assert {"BlockQuote", "L", "LI", "Figure", "Table", "TH", "TD"} <= set(types)


@pytest.mark.parametrize("case", CASES)
def test_languages_alt_text_header_cells_and_catalog(pdfs: dict[str, Rendered],
                                                     case: str) -> None:
    plan = pdfs[case].plan
    alts = {item.image.alt for item in plan.items if item.image is not None}
    alts |= {c.alt for item in plan.items for cell in item.cells for c in cell.content
             if isinstance(c, Chart)}
    with pikepdf.open(pdfs[case].path) as pdf:
        root = pdf.Root
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == plan.meta.language
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        assert str(pdf.docinfo.Title) == plan.meta.title
        xmp = pdf.open_metadata()
        assert xmp["dc:title"] == plan.meta.title
        assert set(xmp["dc:language"]) == set(plan.meta.languages)  # a Bag: no order
        figures, headers = [], []
        texts = 0

        def walk(elem: pikepdf.Dictionary, lang: str) -> None:
            nonlocal texts
            lang = str(elem.get("/Lang", lang))
            kind = str(elem.S)[1:]
            if kind == "Figure":
                figures.append(str(elem.Alt))
            if kind == "TH":
                headers.append(str(elem.A.Scope))
            kids = elem.get("/K")
            items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            marks = [k for k in items if not isinstance(k, pikepdf.Dictionary)
                     or k.get("/Type") == "/MCR"]
            if marks and kind != "Figure":
                texts += 1
                assert "/Lang" in elem, f"{kind} holds text and has no /Lang"
                assert lang in LANG_TAGS.values()
            for k in items:
                if isinstance(k, pikepdf.Dictionary) and k.get("/Type") != "/MCR":
                    assert k.P.objgen == elem.objgen
                    walk(k, lang)

        walk(root.StructTreeRoot.K, str(root.Lang))
        assert texts > 10
        assert sorted(set(figures)) == sorted(alts)
        assert headers and set(headers) == {"/Column"}
        for page in pdf.pages:
            assert "/StructParents" in page.obj and page.obj.Tabs == "/S"


def test_chinese_and_english_elements_carry_their_own_language(
        pdfs: dict[str, Rendered]) -> None:
    """Each text element says zh-CN or en-GB after what it holds (the glossary's columns too)."""
    with pikepdf.open(pdfs["example-parallel"].path) as pdf:
        langs: dict[str, int] = {}
        tree = struct_text(pdfs["example-parallel"].path)
        leaves = [s for _, _, s in tree if s]

        def walk(elem: pikepdf.Dictionary) -> None:
            kids = elem.get("/K")
            items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
            if any(not isinstance(k, pikepdf.Dictionary) or k.get("/Type") == "/MCR"
                   for k in items) and str(elem.S) != "/Figure":
                langs[str(elem.Lang)] = langs.get(str(elem.Lang), 0) + 1
            for k in items:
                if isinstance(k, pikepdf.Dictionary) and k.get("/Type") != "/MCR":
                    walk(k)

        walk(pdf.Root.StructTreeRoot.K)
    chinese = sum(1 for s in leaves if has_chinese(s) and not re.search(r"[A-Za-z]{4}", s))
    assert langs["zh-CN"] >= chinese > 50
    assert langs["en-GB"] > 50


def test_repeated_table_header_is_an_artifact(pdfs: dict[str, Rendered]) -> None:
    """A table continued on the next page repeats its header row; the tree has it once."""
    tree = struct_text(pdfs["example-parallel"].path)
    tables = [i for i, (_, t, _) in enumerate(tree) if t == "Table"]
    for i in tables:
        depth = tree[i][0]
        heads = []
        for d, t, s in tree[i + 1:]:
            if d <= depth:
                break
            if t == "TH":
                heads.append(s)
        assert heads and len(heads) == len(set(heads)), heads


#: The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4): PDF/UA-1 (7.1) wants every
#: type the tree uses to be one of these or role-mapped to one.
STANDARD_TYPES = frozenset({
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form"})


@pytest.mark.parametrize("case", ["example-parallel", "charts-parallel", "mini-brief"])
def test_rules_the_pdfua_checker_leaves_out(pdfs: dict[str, Rendered], case: str) -> None:
    """Some PDF/UA-1 rules ``pdfua`` does not check (README, Accessibility): fonts (7.21)
    embedded, each with a ToUnicode map (poppler's ``pdffonts``), symbolic TrueType with no
    /Encoding and one cmap subtable; structure types (7.1) all standard, so no role map is
    needed; nothing for the rules on optional content, embedded files, security and
    annotations (7.10, 7.11, 7.16, 7.18) to find."""
    from fontTools.ttLib import TTFont

    path = pdfs[case].path
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert listing
    for line in listing:  # name type encoding emb sub uni object ID
        assert line.split()[-5:-2] == ["yes", "yes", "yes"], line
    with pikepdf.open(path) as pdf:
        fonts = {f.objgen: f for page in pdf.pages
                 for f in page.obj.Resources.get("/Font", {}).values()}
        for font in fonts.values():
            assert font.Subtype == "/TrueType" and "/Encoding" not in font
            assert int(font.FontDescriptor.Flags) & 4  # symbolic
            program = TTFont(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes()))
            assert len(program["cmap"].tables) == 1
        types: set[str] = set()

        def walk(elem: pikepdf.Dictionary) -> None:
            types.add(str(elem.S)[1:])
            kids = elem.get("/K")
            for k in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                    walk(k)

        walk(pdf.Root.StructTreeRoot.K)
        assert types and types <= STANDARD_TYPES, types - STANDARD_TYPES
        assert "/RoleMap" not in pdf.Root.StructTreeRoot
        assert "/OCProperties" not in pdf.Root and "/Names" not in pdf.Root
        assert not pdf.is_encrypted
        assert not any("/Annots" in page.obj for page in pdf.pages)


@pytest.mark.parametrize("case", ["mini-parallel", "example-parallel"])
def test_the_xmp_packet_repeats_the_document_information(pdfs: dict[str, Rendered],
                                                         case: str) -> None:
    with pikepdf.open(pdfs[case].path) as pdf:
        info = pdf.docinfo
        xmp = pdf.open_metadata()
        assert xmp["dc:creator"] == [str(info.Author)]
        assert xmp["dc:description"] == str(info.Subject)
        assert xmp["pdf:Keywords"] == str(info.Keywords)
        assert xmp["pdf:Producer"] == str(info.Producer)
        assert xmp["xmp:CreatorTool"] == str(info.Creator)
        _dates_agree(info, xmp)
        assert pdf.Root.Metadata.get("/Filter") is None  # readable as it is


def _dates_agree(info: Any, xmp: Any) -> None:
    for key, date in (("xmp:CreateDate", info.CreationDate), ("xmp:ModifyDate", info.ModDate)):
        d = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:([+-]\d\d)'(\d\d)'|Z)",
                         str(date))
        assert d, str(date)
        y, mo, day, h, mi, s, zh, zm = d.groups()
        assert xmp[key] == f"{y}-{mo}-{day}T{h}:{mi}:{s}{zh or '+00'}:{zm or '00'}"


def test_a_dated_briefing_gives_the_xmp_its_date(tmp_path: Path) -> None:
    """The content's date is the document's, in /Info and in the XMP alike (the XMP said
    2000-01-01, reportlab's fixed stamp)."""
    import briefing

    out = tmp_path / "tp.pdf"
    example = Path(__file__).resolve().parent.parent / "examples" / "trade-port"
    briefing.render(example / "trade-port.yaml", out)
    with pikepdf.open(out) as pdf:
        assert str(pdf.docinfo.CreationDate).startswith("D:2025")
        _dates_agree(pdf.docinfo, pdf.open_metadata())


def test_a_plain_render_does_not_load_pikepdf(tmp_path: Path) -> None:
    """The tree is added before reportlab saves: no second pass over the file."""
    loaded = modules_loaded(f"import briefing\nbriefing.render_bytes({str(EXAMPLE)!r}, 'pdf', "
                            "force=True)", cwd=tmp_path)
    assert "pikepdf" not in loaded



def _document_with(objects: int) -> tuple[object, list[object]]:
    """A reportlab document holding ``objects`` numbered dictionaries, and references to
    them (a structure element's values point at such objects)."""
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFDocument

    doc = PDFDocument(invariant=1)
    refs = [doc.Reference(PDFDictionary({"N": i})) for i in range(objects)]
    # the numbers a save gives the objects before it formats them
    doc.idToObjectNumberAndVersion = {r.name: (40 + 7 * i, 0) for i, r in enumerate(refs)}
    return doc, refs


@pytest.mark.parametrize("entries", [
    {"Type": "StructElem", "S": "P", "P": 0, "K": 7},
    {"Type": "StructElem", "S": "Document", "P": 1, "K": [0, 1, 2], "Lang": "en-GB"},
    {"Type": "StructElem", "S": "TH", "P": 2, "Pg": 3, "K": [0, 5], "Lang": "zh-CN",
     "Alt": "图 1：辽宁 (alt) \\ text", "A": "scope"},
    {"Type": "StructElem", "S": "Figure", "P": 0, "K": list(range(23)), "Alt": "a figure"},
    {"Type": "StructElem", "S": "Span", "P": 4, "K": ["mcr"]},
])
def test_structure_elements_format_as_reportlab_formats_them(entries: dict[str, object]) -> None:
    """An element writes the bytes reportlab's generic dictionary would (keys in order,
    an entry break every six, an item break every ten, names, references, numbers,
    strings, nested dictionaries)."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString

    from briefing.writers.pdf.structure import _Element

    doc, refs = _document_with(6)

    def value(key: str, v: object) -> object:
        if key in ("Type", "S"):
            return PDFName(str(v))
        if key in ("P", "Pg"):
            return refs[int(v)]  # type: ignore[call-overload]
        if key in ("Lang", "Alt"):
            return PDFString(v)
        if key == "A":
            return PDFDictionary({"O": PDFName("Table"), "Scope": PDFName("Column")})
        if isinstance(v, list):
            return PDFArray([PDFDictionary({"Type": PDFName("MCR"), "Pg": refs[1], "MCID": 3})
                             if x == "mcr" else refs[x % 6] if x % 2 else x for x in v])
        return v

    d = {k: value(k, v) for k, v in entries.items()}
    assert _Element(d).format(doc) == PDFDictionary(d).format(doc)


def test_an_ideographic_space_reads_back_as_itself(tmp_path: Path) -> None:
    """一地两用　粮电双收: the em-wide space is drawn as U+3000, not as an ASCII space, so
    the tagged text (and a search for the source's words) reads it back."""
    import briefing

    out = tmp_path / "re.pdf"
    example = Path(__file__).resolve().parent.parent / "examples" / "rural-energy"
    briefing.render(example / "rural-energy.yaml", out, layout="zh")
    text = subprocess.run(["pdfinfo", "-struct-text", str(out)], capture_output=True,
                          text=True, check=True).stdout
    assert "一地两用\u3000粮电双收" in text


def test_a_bilingual_document_titles_its_xmp_in_both_languages(tmp_path: Path) -> None:
    import briefing

    out = tmp_path / "tp.pdf"
    example = Path(__file__).resolve().parent.parent / "examples" / "trade-port"
    content = briefing.load(example / "trade-port.yaml")
    briefing.render(content, out, layout="parallel")
    with pikepdf.open(out) as pdf:
        packet = pdf.Root.Metadata.read_bytes().decode("utf-8")
    for tag, lang in (("zh-CN", "zh"), ("en-GB", "en")):
        assert f'<rdf:li xml:lang="{tag}">{content.title.get(lang)}</rdf:li>' in packet


def _figures(node: Any, out: list[Any]) -> list[Any]:
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            out.append(node)
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            _figures(kid, out)
    return out


@pytest.mark.parametrize("case", ["example-parallel", "charts-parallel"])
def test_every_figure_gives_its_box_on_its_page(pdfs: dict[str, Rendered], case: str) -> None:
    """ISO 32000-1, table 344: a Figure on one page has a Layout BBox attribute."""
    with pikepdf.open(pdfs[case].path) as pdf:
        figures = _figures(pdf.Root.StructTreeRoot, [])
        assert figures
        for fig in figures:
            x0, y0, x1, y1 = (float(v) for v in fig.A.BBox)
            page = next(p for p in pdf.pages if p.objgen == fig.Pg.objgen)
            _, _, w, h = (float(v) for v in page.MediaBox)
            assert str(fig.A.O) == "/Layout" and 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h


def test_the_first_heading_is_h1_when_the_template_leaves_the_title_out(tmp_path: Path) -> None:
    import briefing

    template = tmp_path / "no-title"
    template.mkdir()
    (template / "template.toml").write_text('parts = ["articles", "sources"]\n',
                                            encoding="utf-8")
    out = tmp_path / "tp.pdf"
    example = Path(__file__).resolve().parent.parent / "examples" / "trade-port"
    briefing.render(example / "trade-port.yaml", out, template=template)
    tree = subprocess.run(["pdfinfo", "-struct", str(out)], capture_output=True, text=True,
                          check=True).stdout
    levels = [int(m) for m in re.findall(r"^\s*H([1-6])\b", tree, re.M)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
