"""Running header and footer, added once the page count is known."""
from __future__ import annotations

from collections.abc import Sequence

from typeset.layout.context import Context
from typeset.layout.elements import Elem, Page, RuleItem
from typeset.layout.inline import styled_runs
from typeset.layout.lines import baseline_offset, line_elems, set_lines
from typeset.layout.template import fill
from typeset.style.schema import RunningStyle


def add_furniture(pages: Sequence[Page], fields: dict[str, str], ctx: Context) -> None:
    """Put the running header above and the footer below each page's text area."""
    g = ctx.geom
    total = str(len(pages))
    for page in pages:
        page_fields = {**fields, "page": str(page.number), "pages": total}
        header = _line(ctx.layout.running_header, page, page_fields, ctx, role="running-header")
        if header is not None:
            spec = ctx.layout.running_header
            y = g.top - spec.offset.resolve(g.width) - baseline_offset(spec)
            page.add(g.left, y, header)
            if spec.rule:
                rule = Elem(0.0, (RuleItem(0.0, 0.0, g.width, 0.4, spec.color),), role="running-header")
                page.add(g.left, g.top - spec.offset.resolve(g.width) / 3, rule)
        footer = _line(ctx.layout.footer, page, page_fields, ctx, role="footer")
        if footer is not None:
            spec = ctx.layout.footer
            y = g.top + g.height + spec.offset.resolve(g.width) - baseline_offset(spec)
            page.add(g.left, y, footer)


def _line(spec: RunningStyle, page: Page, fields: dict[str, str], ctx: Context, role: str) -> Elem | None:
    if not spec.text or (page.number == 1 and not spec.first_page):
        return None
    content = fill(spec.text, fields)
    if content is None:
        return None
    runs = styled_runs(content, spec, ctx, hyphenate=False)
    lines = set_lines(runs, spec, ctx, measure=ctx.width)[:1]
    elems = line_elems(lines, spec, role=role)  # type: ignore[arg-type]
    return elems[0] if elems else None
