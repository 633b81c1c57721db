"""The document plan as plain text, for a quick read in a terminal."""

from __future__ import annotations

from .plan import Caption, Chart, Para, Plan, Table


def plan_text(plan: Plan) -> str:
    lines = [f"# layout={plan.layout.value} languages={'/'.join(plan.languages)}",
             f"# header: {plan.header}",
             "# footer: " + "".join(str(p) if isinstance(p, str) else f"[{p.value}]"
                                   for p in plan.footer), ""]
    for item in plan.items:
        mark = f" ▸ bookmark[{item.outline.level}] {item.outline.title}" if item.outline else ""
        lines.append(f"[{item.kind}]{mark}")
        if item.image is not None:
            lines.append(f"  image {item.image.path.name} {item.image.width_px}×"
                         f"{item.image.height_px} alt={item.image.alt!r}")
        if item.shared is not None:
            lines += ["  | " + " | ".join(r) for r in (item.shared.header, *item.shared.rows)]
        for cell in item.cells:
            for c in cell.content:
                if isinstance(c, Para):
                    lines.append(f"  {cell.lang} {c.role.value}: {c.text}")
                elif isinstance(c, Caption):
                    lines.append(f"  {cell.lang} caption: {c.full}")
                elif isinstance(c, Table):
                    lines += [f"  {cell.lang} | " + " | ".join(r) for r in (c.header, *c.rows)]
                elif isinstance(c, Chart):
                    lines.append(f"  {cell.lang} chart {c.kind.value}: {c.alt}")
        lines.append("")
    return "\n".join(lines)
