"""Chains the stages: brief -> layout -> lines -> pages -> PDF bytes.

`render` is pure (bytes out); `build` adds loading and the atomic write.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFError

from typeset.cite import resolve_citations
from typeset.errors import BriefError, LayoutError, Problem
from typeset.gcpause import collector_paused
from typeset.layout import LaidOut, lay_out
from typeset.model.document import Brief
from typeset.render.pdf import Metadata, write_pdf
from typeset.render.stamp import pdf_epoch
from typeset.resources import LAYOUTS_DIR
from typeset.safepath import PathRefused, resolve_inside
from typeset.style import Layout, load_layout
from typeset.style.load import is_bundled_name
from typeset.text.fonts import FontError

CREATOR = "typeset"


@dataclass(frozen=True, slots=True)
class Result:
    pdf: bytes
    pages: int
    warnings: tuple[Problem, ...]


def resolve_layout(brief: Brief, layout: str | Layout | None, *, extra_roots: Sequence[Path] = ()) -> Layout:
    """The layout object for a render: given, named by the caller, or named by the brief.

    The caller's layout is trusted; a layout file the brief names must lie in
    the brief's folder, a widened root or the bundled layouts (spec §5).
    """
    if isinstance(layout, Layout):
        return layout
    if layout is not None:
        return load_layout(layout, relative_to=Path.cwd())
    base = Path(brief.base_dir) if brief.base_dir else Path.cwd()
    if brief.layout is None or is_bundled_name(brief.layout):
        return load_layout(brief.layout, relative_to=base)
    roots = [base, LAYOUTS_DIR, *extra_roots]
    try:
        resolve_inside(brief.layout, base, roots)
    except PathRefused as exc:
        at = brief.layout_pos
        raise BriefError(Problem(brief.source, at.line if at else None, at.column if at else None,
                                 f"'layout': {exc}")) from None
    return load_layout(brief.layout, relative_to=base, roots=roots)


def render_result(brief: Brief, layout: str | Layout | None = None, *,
                  root: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None) -> Result:
    """Lay out and draw `brief`; the PDF bytes, page count and warnings."""
    with collector_paused():
        return _render_result(brief, layout, _roots(root))


def _render_result(brief: Brief, layout: str | Layout | None, roots: tuple[Path, ...]) -> Result:
    spec = resolve_layout(brief, layout, extra_roots=roots)
    brief = resolve_citations(brief, bibliography=spec.bibliography, heading=spec.bibliography_heading)
    try:
        laid: LaidOut = lay_out(brief, spec, extra_roots=roots)
    except FontError as exc:  # fonts are read when first used; a bad file is the layout's problem
        raise LayoutError(Problem(spec.name, None, None, str(exc))) from None
    meta = Metadata(
        title=brief.title,
        author=", ".join(a.name for a in brief.authors),
        subject=" \u2014 ".join(x for x in (brief.series, brief.subtitle) if x),
        creator=CREATOR,
        epoch=pdf_epoch(brief.date),
    )
    try:
        pdf = write_pdf(laid.pages, meta, laid.images)
    except TTFError as exc:  # a damaged font file that parsed but cannot be subset
        raise LayoutError(Problem(spec.name, None, None, f"cannot embed a font: {exc}")) from None
    return Result(pdf, len(laid.pages), tuple(brief.warnings) + tuple(laid.warnings))


def render(brief: Brief, layout: str | Layout | None = None, *,
           root: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None) -> bytes:
    """The PDF of `brief` as bytes. Raises BriefError if it cannot be rendered."""
    return render_result(brief, layout, root=root).pdf


@dataclass(frozen=True, slots=True)
class Built:
    """What `build` wrote: the output path, its page count and the warnings of the run."""

    path: Path
    pages: int
    warnings: tuple[Problem, ...]


def build(src: str | os.PathLike[str], out: str | os.PathLike[str] | None = None, *,
          layout: str | Layout | None = None, strict: bool = False,
          root: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
          fmt: str | None = None, styles: Mapping[str, str] | None = None) -> Built:
    """Load `src`, render it and write the PDF atomically (default: beside the brief).

    `src` is YAML, Markdown or Word, told by its suffix or by `fmt` (see
    `typeset.readers`); `styles` maps a Word file's paragraph styles to header
    fields. Nothing is written unless the whole render succeeded;
    with `strict`, a warning is an error. Raises BriefError carrying every
    problem (warnings first)."""
    from typeset.atomicio import atomic_write
    from typeset.readers import load_brief

    target = Path(out) if out is not None else Path(src).with_suffix(".pdf")
    if target.resolve() == Path(src).resolve():
        raise BriefError(Problem(os.fspath(src), None, None, f"the output {target} would overwrite the brief"))
    brief = load_brief(src, strict=strict, fmt=fmt, styles=styles)
    try:
        result = render_result(brief, layout, root=root)
    except BriefError as exc:
        raise BriefError(tuple(brief.warnings) + exc.problems) from None
    if strict and result.warnings:
        raise BriefError([dataclasses.replace(w, severity="error") for w in result.warnings])
    atomic_write(target, result.pdf)
    return Built(target, result.pages, result.warnings)


def _roots(root: object) -> tuple[Path, ...]:
    if root is None:
        return ()
    if isinstance(root, (str, os.PathLike)):
        return (Path(root),)
    return tuple(Path(r) for r in root)  # type: ignore[union-attr]
