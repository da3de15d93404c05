"""The brief's sections and blocks -> one flow of elements for the page loop."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from typeset.errors import Problem
from typeset.layout.context import Context
from typeset.layout.elements import Elem, ImageItem, TextItem
from typeset.layout.images import ImageProblem
from typeset.layout.inline import plain_runs, styled_runs
from typeset.layout.lines import baseline_offset, line_elems, set_lines
from typeset.model.document import Brief
from typeset.model.nodes import Block, Image, Inline, ListBlock, Paragraph, Quote, Run, Section
from typeset.text.scripts import has_rtl
from typeset.text.types import StyledRun
from typeset.units import parse_length


class Flow:
    """Collects elements; `keep_next` glues the next block to the previous one."""

    def __init__(self) -> None:
        self.elems: list[Elem] = []
        self.keep_next = False

    def add(self, elems: list[Elem], space_before: float = 0.0, keep_with_next: bool = False) -> None:
        if not elems:
            return
        first = elems[0]
        first.space_before = max(first.space_before, space_before)
        if self.keep_next:
            first.break_before = False
        self.elems.extend(elems)
        self.keep_next = keep_with_next


def build_flow(brief: Brief, ctx: Context, flow: Flow) -> None:
    """Append the sections of `brief` to `flow`."""
    counters = [0, 0, 0]
    for section in brief.sections:
        _section(section, ctx, flow, counters, brief)


def _section(sec: Section, ctx: Context, flow: Flow, counters: list[int], brief: Brief) -> None:
    level = min(sec.level, 3)
    ctx.where = sec.pos
    counters[level - 1] += 1
    for k in range(level, 3):
        counters[k] = 0
    style = (ctx.layout.headings.h1, ctx.layout.headings.h2, ctx.layout.headings.h3)[level - 1]
    content: Inline = sec.heading
    if style.numbered:
        number = ".".join(str(c) for c in counters[:level])
        content = (Run(number + "\u2002"), *content)
    runs = styled_runs(content, style, ctx, hyphenate=False)
    elems = line_elems(set_lines(runs, style, ctx, measure=ctx.width), style, role="heading", keep=True)
    if elems:
        elems[0].outline = (plain_text(content), level)
    flow.add(elems, style.space_before.resolve(ctx.width), keep_with_next=True)
    after = style.space_after.resolve(ctx.width)
    for i, block in enumerate(sec.content):
        _block(block, ctx, flow, brief, extra_space=after if i == 0 else 0.0, after_heading=i == 0)
    for sub in sec.sections:
        _section(sub, ctx, flow, counters, brief)


def plain_text(content: Inline) -> str:
    return "".join(item.text for item in content if isinstance(item, Run)).strip()


def _block(block: Block, ctx: Context, flow: Flow, brief: Brief, extra_space: float, after_heading: bool) -> None:
    ctx.where = block.pos
    if isinstance(block, Paragraph):
        _paragraph(block.content, ctx, flow, extra_space, indent=not after_heading, hanging=block.hanging,
                   direction=block.direction)
    elif isinstance(block, ListBlock):
        _list(block, ctx, flow, extra_space)
    elif isinstance(block, Quote):
        _quote(block, ctx, flow, extra_space)
    elif isinstance(block, Image):
        _image(block, ctx, flow, brief, extra_space)


def _paragraph(content: Inline, ctx: Context, flow: Flow, extra_space: float, indent: bool = True,
               hanging: bool = False, direction: str = "auto") -> None:
    """A paragraph; the first after a heading is not indented (as in LaTeX). A hanging
    paragraph's first line starts at the margin and the rest are indented."""
    body = ctx.layout.body
    runs = styled_runs(content, body, ctx, hyphenate=body.hyphenate)
    hang = min(body.hanging_indent.resolve(ctx.width), ctx.width / 2) if hanging else 0.0
    first = -hang if hanging else body.first_indent.resolve(ctx.width) if indent else 0.0
    lines = set_lines(runs, body, ctx, measure=ctx.width - hang, indent_first=first, direction=direction)
    elems = line_elems(lines, body, x=hang, widows=body.widows, orphans=body.orphans)
    flow.add(elems, max(extra_space, body.paragraph_space.resolve(ctx.width)))


def _list(block: ListBlock, ctx: Context, flow: Flow, extra_space: float) -> None:
    body, spec = ctx.layout.body, ctx.layout.lists
    indent = spec.indent.resolve(ctx.width)
    gap = spec.label_gap.resolve(ctx.width)
    for n, item in enumerate(block.items, 1):
        runs = styled_runs(item, body, ctx, hyphenate=body.hyphenate)
        rtl = _right_to_left(runs)  # an item in Urdu or Arabic: its label on the right
        lines = set_lines(runs, body, ctx, measure=ctx.width - indent, direction="rtl" if rtl else "ltr")
        elems = line_elems(lines, body, x=0.0 if rtl else indent, role="list", widows=body.widows,
                           orphans=body.orphans)
        if not elems:
            continue
        label = spec.bullet if block.style == "bullet" else spec.number_format.format(n=n)
        label_lines = set_lines(plain_runs(label, replace(body, align="left"), ctx), replace(body, align="left"),
                                ctx, measure=ctx.width)
        frags = [f for line in label_lines for f in line.frags]
        lw = max((f.x + f.width for f in frags), default=0.0)
        lx = ctx.width - indent + gap if rtl else max(0.0, indent - gap - lw)
        base = baseline_offset(body)
        first = elems[0]
        first.items = tuple(TextItem(lx + f.x, base, f) for f in frags) + first.items
        space = spec.space.resolve(ctx.width) if n == 1 else spec.item_space.resolve(ctx.width)
        flow.add(elems, max(space, extra_space) if n == 1 else space)


def _right_to_left(runs: list[StyledRun]) -> bool:
    """Whether a list item's first strong character is right to left (UAX #9 P2)."""
    if not any(has_rtl(r.text) for r in runs):
        return False
    from typeset.text.bidi import base_level

    return base_level(runs) == 1


def _quote(block: Quote, ctx: Context, flow: Flow, extra_space: float) -> None:
    spec = ctx.layout.quote
    left, right = spec.indent_left.resolve(ctx.width), spec.indent_right.resolve(ctx.width)
    runs = styled_runs(block.content, spec, ctx, hyphenate=ctx.layout.body.hyphenate)
    lines = set_lines(runs, spec, ctx, measure=max(ctx.width - left - right, ctx.width / 4),
                      direction=block.direction)
    body = ctx.layout.body
    elems = line_elems(lines, spec, x=left, role="quote", widows=body.widows, orphans=body.orphans)
    flow.add(elems, max(extra_space, spec.space.resolve(ctx.width)))


def _image(block: Image, ctx: Context, flow: Flow, brief: Brief, extra_space: float) -> None:
    fig = ctx.layout.figure
    base = Path(brief.base_dir or ".")
    try:
        img = ctx.images.load(block.src, base)
    except ImageProblem as exc:
        pos = block.pos
        raise_problem(ctx, str(exc), pos.line if pos else None, pos.column if pos else None)
        return
    width = (parse_length(block.width) if block.width else fig.width).resolve(ctx.width)
    width = min(width, ctx.width)
    height = width * img.height_px / max(img.width_px, 1)
    cap = fig.max_height.resolve(ctx.geom.height)
    if height > cap:
        width, height = width * cap / height, cap
    x = (ctx.width - width) / 2
    space = max(extra_space, fig.space.resolve(ctx.width))
    elems = [Elem(height, (ImageItem(x, 0.0, width, height, img.key),), role="figure")]
    if block.caption:
        runs = styled_runs(block.caption, fig.caption, ctx, hyphenate=True)
        cap_lines = set_lines(runs, fig.caption, ctx, measure=ctx.width)
        caps = line_elems(cap_lines, fig.caption, role="caption", keep=len(cap_lines) <= 3)
        if caps:  # a caption of invisible characters sets no line
            caps[0].break_before = False
            caps[0].space_before = fig.caption_gap.resolve(ctx.width)
            elems.extend(caps)
    flow.add(elems, space)


class LayoutProblem(Exception):
    """Raised through the layout stage and turned into a BriefError by the pipeline."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def raise_problem(ctx: Context, message: str, line: int | None, column: int | None) -> None:
    raise LayoutProblem(Problem(ctx.source, line, column, message))
