"""The public verbs: load, render, check."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import BriefingError, CheckError, ContentError, Problem, RenderError, format_path
from .loader import load
from .model import Briefing
from .model.integrity import integrity_problems
from .output import atomic_write
from .plan import Layout, Plan
from .planner import build_plan
from .templates import Template, load_template

if TYPE_CHECKING:  # the checks are imported by the process that runs them (a render's
    # check runs in a forked process of its own: 5 ms off the render's start)
    from .qa import Report

Format = Literal["pdf", "docx"]

__all__ = ["check", "ingest", "load", "plan", "render", "render_bytes"]


def _template(template: str | Path | Template) -> Template:
    return template if isinstance(template, Template) else load_template(template)


def _briefing(content: Briefing | str | Path) -> Briefing:
    if isinstance(content, Briefing):
        # pydantic's model_copy(update=...) skips validation: an id that resolves nowhere
        # is named here, not met as a KeyError halfway through a document
        problems = integrity_problems(content)
        if problems:
            raise ContentError([Problem("<briefing>", None, None, format_path(loc), message)
                                for loc, message in problems])
        return content
    if not isinstance(content, str | Path):
        raise TypeError(f"content must be a Briefing or a content file's path, not "
                        f"{type(content).__name__}")
    return load(content)


def _layout(layout: Layout | str | None) -> Layout | None:
    """The layout a caller named (None: the template's), or a RenderError naming the
    known ones."""
    if not layout:
        return None
    try:
        return Layout(layout)
    except ValueError:
        raise RenderError(f"unknown layout {layout!r}; known: "
                          + ", ".join(x.value for x in Layout)) from None


def plan(content: Briefing | str | Path, *, layout: Layout | str | None = None,
         template: str | Path | Template = "handout",
         image_dir: str | Path | None = None) -> Plan:
    """The document plan of a briefing (every string final), for previews and writers."""
    tpl = _template(template)
    return build_plan(_briefing(content), tpl.plan_options(
        _layout(layout), Path(image_dir) if image_dir is not None else None))


def render_bytes(content: Briefing | str | Path, format: Format, *,
                 layout: Layout | str | None = None,
                 template: str | Path | Template = "handout",
                 image_dir: str | Path | None = None, force: bool = False) -> bytes:
    """Render a briefing to PDF or DOCX bytes (for a web service or a mail job).

    Runs :func:`check` first and raises :class:`~briefing.errors.CheckError`
    when it finds errors, unless ``force`` is true.
    """
    tpl = _template(template)
    return render_plan(prepare(content, layout=layout, template=tpl, image_dir=image_dir,
                               force=force), format, tpl)


def prepare(content: Briefing | str | Path, *, layout: Layout | str | None = None,
            template: str | Path | Template = "handout",
            image_dir: str | Path | None = None, force: bool = False) -> Plan:
    """The checked plan that every format of one render shares (check and plan run once).

    Raises :class:`~briefing.errors.CheckError` when the check finds errors (unless
    ``force``) and :class:`~briefing.errors.RenderError` when the plan is empty.
    """
    tpl = _template(template)
    b = _briefing(content)
    image_dir = Path(image_dir) if image_dir is not None else None
    if not force:
        from .qa import check_briefing

        require_clean(check_briefing(b, tpl, image_dir=image_dir), layout, tpl)
    the_plan = build_plan(b, tpl.plan_options(_layout(layout), image_dir))
    if not the_plan.items:
        raise RenderError("nothing to render: the template's parts find no content in this "
                          "briefing")
    return the_plan


def render_plan(the_plan: Plan, format: Format, tpl: Template) -> bytes:
    """The bytes of one format of a prepared plan; each writer is imported when first used."""
    if format == "pdf":
        from .writers.pdf import render_pdf

        return render_pdf(the_plan, tpl)
    if format == "docx":
        from .writers.docx import render_docx

        if tpl.one_page:
            _require_one_page(the_plan, tpl)
        return render_docx(the_plan, tpl)
    raise BriefingError(f"unknown output format {format!r}; expected pdf or docx")


def require_clean(report: Report, layout: Layout | str | None, tpl: Template) -> None:
    """Refuse to render content with check errors (CheckError); a Chinese-only render
    of a draft does not wait for its English (missing translations do not block it)."""
    english = (_layout(layout) or Layout(tpl.layout)) is not Layout.ZH
    if any(english or f.code != "missing-translation" for f in report.errors):
        raise CheckError(report)


def ingest(page: str | Path, output: str | Path | None = None) -> Any:
    """A draft briefing from a Chinese news page (extracted text, HTML or DOCX).

    Returns the :class:`~briefing.ingest.Draft`; with ``output`` the draft's YAML
    is also written there (atomically), with placeholder pictures beside it.
    """
    from .intake import ingest as read_page
    from .intake import write_placeholders

    draft = read_page(page)
    if output is not None:
        out = Path(output)
        atomic_write(out, draft.yaml().encode("utf-8"))
        write_placeholders(draft, out.parent)
    return draft


def _require_one_page(the_plan: Plan, tpl: Template) -> None:
    """Refuse a one-page template's DOCX exactly when its PDF overflows the page.

    The fit belongs here, where the verbs combine writers, and not in either
    writer: the DOCX writer has no layout engine (Word lays the document out
    when it opens it and cannot be asked), and the PDF writer should not know
    about DOCX. Our PDF layout sets the same plan with the same fonts and
    measure, so it is the one measure of fit we own; it raises a RenderError
    that says by how much the content overflows.
    """
    from .writers.pdf import render_pdf

    render_pdf(the_plan, tpl)


def check(content: Briefing | str | Path, *,
          template: str | Path | Template = "handout",
          image_dir: str | Path | None = None) -> Report:
    """Translation QA of a briefing: numbers, names, figures, glyphs, duplicates.

    Raises :class:`~briefing.errors.ContentError` when the content does not load.
    """
    from .qa import check_briefing

    return check_briefing(_briefing(content), _template(template),
                          image_dir=Path(image_dir) if image_dir is not None else None)


def format_of(path: Path) -> Format:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in ("pdf", "docx"):
        raise BriefingError(f"{path}: cannot tell the format from the suffix "
                            f"{path.suffix or '(none)'}; use .pdf or .docx")
    return suffix  # type: ignore[return-value]


def render(content: Briefing | str | Path, output: str | Path | None = None, *,
           format: Format | None = None, layout: Layout | str | None = None,
           template: str | Path | Template = "handout",
           image_dir: str | Path | None = None, force: bool = False) -> bytes | Path:
    """Render a briefing.

    With ``output`` (a path ending in .pdf or .docx) the file is written
    atomically and its path returned (a ``format`` that contradicts the suffix
    is an error); without it, ``format`` is required and the document's bytes
    are returned.
    """
    if output is None:
        if format is None:
            raise BriefingError("render() needs an output path or a format ('pdf' or 'docx')")
        return render_bytes(content, format, layout=layout, template=template,
                            image_dir=image_dir, force=force)
    out = Path(output)
    suffix_format = format_of(out)
    if format is not None and format != suffix_format:
        raise BriefingError(f"{out}: the suffix {out.suffix} says {suffix_format}, but "
                            f"format={format!r} was asked for; name the file .{format} or "
                            "leave format out")
    data = render_bytes(content, suffix_format, layout=layout, template=template,
                        image_dir=image_dir, force=force)
    atomic_write(out, data)
    return out
