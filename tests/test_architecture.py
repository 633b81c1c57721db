"""The layers of the library: imports run one way only, and nothing imports in a cycle.

content model → document plan → writers (and the checks) → public verbs. Every
import counts, including those inside functions and those only for type
checking. ARCHITECTURE.md explains the layers; this test keeps them so.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import modules_loaded

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"

#: Each layer, the modules (or packages) in it, and the layers it may import.
LAYERS: dict[str, tuple[set[str], set[str]]] = {
    "base": ({"errors", "script", "units", "numerals", "quantities", "refs", "resources",
              "output", "fonts", "icc", "labels", "romanize", "caches", "png", "cores",
              "notes", "collector", "diskcache"}, set()),
    "content": ({"model", "termbase", "loader", "images"}, {"base"}),
    "plan": ({"plan", "templates"}, {"base", "content"}),
    "planning": ({"localize", "resolve", "planner", "chartplan"}, {"base", "content", "plan"}),
    "writers": ({"writers"}, {"base", "plan"}),
    "checks": ({"qa"}, {"base", "content", "plan", "planning"}),
    "ingest": ({"intake"}, {"base", "content", "plan", "planning"}),
    "translation": ({"translation"}, {"base", "content", "plan", "planning"}),
    "verbs": ({"api", "cli", "batch", "starter", "preview", "__init__", "__main__"},
              {"base", "content", "plan", "planning", "writers", "checks", "ingest",
               "translation"}),
}


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Every briefing module ``path`` imports, at any depth of the file."""
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "briefing"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != "briefing":
                continue
            # "from . import refs" imports a module; "from .x import name" imports x
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if (PACKAGE.parent / sub.replace(".", "/")).with_suffix(
                    ".py").is_file() or (PACKAGE.parent / sub.replace(".", "/")).is_dir()
                    else target)
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in PACKAGE.rglob("*.py")}


def layer_of(module: str) -> str:
    top = module.split(".")[1] if module.count(".") else "__init__"
    for name, (members, _) in LAYERS.items():
        if top in members:
            return name
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS and ARCHITECTURE.md")


def test_every_module_has_a_layer():
    for module in graph():
        layer_of(module)


def test_imports_run_down_the_layers():
    wrong = []
    for module, deps in graph().items():
        mine = layer_of(module)
        allowed = LAYERS[mine][1] | {mine}
        for dep in deps:
            if dep == "briefing":
                dep = "briefing.__init__"
            if layer_of(dep) not in allowed:
                wrong.append(f"{module} ({mine}) imports {dep} ({layer_of(dep)})")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycles():
    g = graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(g.get(node, ())):
            # a package's __init__ re-exporting its own modules is not a cycle
            if node.startswith(dep + ".") or dep not in g:
                continue
            if state.get(dep) == 1:
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep not in state:
                visit(dep)
        stack.pop()
        state[node] = 2

    for node in sorted(g):
        if node not in state:
            visit(node)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_the_checker_sees_a_wrong_arrow(tmp_path):
    """The import reader finds relative, nested and type-only imports (else the test is void)."""
    pkg = tmp_path / "briefing" / "writers"
    pkg.mkdir(parents=True)
    (tmp_path / "briefing" / "loader.py").write_text("", encoding="utf-8")
    probe = pkg / "probe.py"
    probe.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                     "    from ..planner import Planner\n"
                     "def f():\n    from .. import loader\n", encoding="utf-8")
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "briefing"
    try:
        assert imports(probe) == {"briefing.planner", "briefing.loader"}
    finally:
        PACKAGE = saved


def test_architecture_md_lists_the_same_layers():
    """The table in ARCHITECTURE.md names the modules and arrows this test enforces."""
    doc = (PACKAGE.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    rows = {}
    for line in doc.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] in LAYERS:
            modules = {m.strip("`/ ").split("/")[0] for m in cells[1].split(",")}
            may = set() if cells[2] == "nothing of ours" else (
                set(LAYERS) if cells[2] == "everything below" else
                {m.strip() for m in cells[2].split(",")})
            rows[cells[0]] = (modules, may)
    for name, (members, allowed) in LAYERS.items():
        modules, may = rows[name]
        assert modules == members, name
        below = set(list(LAYERS)[: list(LAYERS).index(name)])
        assert may == allowed or (may == set(LAYERS) and allowed == below), name


def test_the_docx_writer_does_not_load_the_typesetter() -> None:
    """It shares the PDF writer's fonts (:mod:`briefing.writers.pdf.fonts`) only."""
    loaded = modules_loaded("import briefing.writers.docx")
    assert not loaded & {"briefing.writers.pdf.document", "reportlab.platypus"}


def test_the_content_models_do_not_load_asyncio() -> None:
    """pydantic's typing-extensions before 4.16 imported asyncio (and ssl) for every
    function it marks deprecated: 12 ms of every command's start (pyproject asks 4.16)."""
    loaded = modules_loaded("import briefing.loader, briefing.api")
    assert "briefing.model" in loaded and not loaded & {"asyncio", "ssl"}


def test_one_file_rendered_on_two_cores_loads_no_process_pool(mini: Path) -> None:
    """Its check and DOCX fork by themselves: multiprocessing and the pool (7 ms of
    imports) are for a batch; the checks (5 ms) are imported by the check's process."""
    out = mini.parent / "out"
    loaded = modules_loaded(
        "import briefing.cores\nbriefing.cores.cores = lambda: 2\nfrom briefing.cli import main\n"
        f"assert main(['render', {str(mini)!r}, '-o', {str(out / 'a.pdf')!r}, '-o', "
        f"{str(out / 'a.docx')!r}]) == 0", cwd=Path(__file__).resolve().parent.parent)
    assert "briefing.writers.pdf.document" in loaded
    assert not loaded & {"multiprocessing", "concurrent.futures.process", "briefing.qa"}


@pytest.mark.parametrize("colour, loaded", [("rgb", False), ("cmyk", True)])
def test_colour_management_loads_only_for_the_print_colour_mode(mini: Path, colour: str,
                                                                 loaded: bool) -> None:
    """Pillow's ImageCms (littleCMS) converts colours for a CMYK press: a screen PDF does
    without it (and without its library in memory)."""
    modules = modules_loaded(
        "import briefing\nfrom briefing.templates import load_template\n"
        f"tpl = load_template('handout').with_colour({colour!r})\n"
        f"briefing.render_bytes({str(mini)!r}, 'pdf', template=tpl, force=True)",
        cwd=mini.parent)
    assert "briefing.writers.pdf.document" in modules
    assert ("PIL.ImageCms" in modules) == loaded
