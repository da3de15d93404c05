"""Chains the stages: brief -> layout -> lines -> pages -> PDF bytes.

`render` is pure (bytes out); `build` adds loading and the atomic write.
"""
from __future__ import annotations

import dataclasses
import errno
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFError

from typeset.atomicio import WriteError
from typeset.cite import resolve_citations
from typeset.errors import BriefError, LayoutError, Problem
from typeset.gcpause import collector_paused
from typeset.layout import LaidOut, lay_out
from typeset.model.document import Brief
from typeset.render.pdf import Metadata, PdfaError, write_pdf
from typeset.render.stamp import pdf_epoch
from typeset.resources import LAYOUTS_DIR
from typeset.safepath import PathRefused, resolve_inside
from typeset.style import Layout, load_layout
from typeset.style.load import is_bundled_name, layout_files
from typeset.text.fonts import FontError
from typeset.values import Value

CREATOR = "typeset"


@dataclass(slots=True, eq=False, repr=False)
class Result(Value):
    """A render's PDF, its page count and warnings, and the files it read."""

    pdf: bytes
    pages: int
    warnings: tuple[Problem, ...]
    inputs: tuple[Path, ...] = ()  # the layout files and images the render read


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
                  root: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
                  pdfa: bool | None = None) -> Result:
    """Lay out and draw `brief`; the PDF bytes, page count and warnings.

    `pdfa` True writes PDF/A-2b (None: as the layout's `pdfa` key says)."""
    with collector_paused():
        return _render_result(brief, layout, _roots(root), pdfa)


def _render_result(brief: Brief, layout: str | Layout | None, roots: tuple[Path, ...],
                   pdfa: bool | None) -> Result:
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
        language=brief.language or "en",
    )
    pages, laid.pages = laid.pages, []  # handed to write_pdf, which frees each page once drawn
    count = len(pages)
    try:
        pdf = write_pdf(pages, meta, laid.images, pdfa=spec.pdfa if pdfa is None else pdfa, release=True)
    except TTFError as exc:  # a damaged font file that parsed but cannot be subset
        raise LayoutError(Problem(spec.name, None, None, f"cannot embed a font: {exc}")) from None
    except PdfaError as exc:  # after the warnings that say where (a character no font has)
        raise LayoutError([*laid.warnings, Problem(spec.name, None, None, str(exc))]) from None
    inputs = (*layout_files(spec), *(Path(key) for key in laid.images.images))
    return Result(pdf, count, tuple(brief.warnings) + tuple(laid.warnings), inputs)


def render(brief: Brief, layout: str | Layout | None = None, *,
           root: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
           pdfa: bool | None = None) -> bytes:
    """The PDF of `brief` as bytes. Raises BriefError if it cannot be rendered."""
    return render_result(brief, layout, root=root, pdfa=pdfa).pdf


@dataclass(slots=True, eq=False, repr=False)
class Built(Value):
    """One built brief: where its PDF went (None: not written, see `pdf`), its page and note
    counts, the warnings of the run, the seconds it took and the files besides the brief that
    it read (layout files, images), which a watcher watches."""

    path: Path | None
    pages: int
    warnings: tuple[Problem, ...]
    notes: int = 0
    seconds: float = 0.0
    pdf: bytes | None = None
    inputs: tuple[Path, ...] = ()


def built_line(output: str, pages: int, notes: int, seconds: float) -> str:
    """The line a successful build prints: ``built OUT.pdf (N pages, M notes) in 0.42 s``."""
    return f"built {output} ({count(pages, 'page')}, {count(notes, 'note')}) in {seconds:.2f} s"


def count(n: int, noun: str) -> str:
    """``1 page``, ``2 pages``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


Source = str | os.PathLike[str] | Brief


def load_source(src: Source, *, strict: bool = False, name: str | None = None, fmt: str | None = None,
                styles: Mapping[str, str] | None = None) -> Brief:
    """The brief to build: `src` itself, or the brief file it names: YAML, Markdown or Word, told
    by its suffix or by `fmt` (see `typeset.readers`); `styles` maps a Word file's paragraph
    styles to header fields."""
    from typeset.readers import load_brief

    if isinstance(src, Brief):
        return src
    if not isinstance(src, (str, os.PathLike)):
        raise TypeError(f"build() takes a brief file or a typeset.Brief, not {type(src).__name__}")
    return load_brief(src, strict=strict, name=name, fmt=fmt, styles=styles)


def compile_brief(brief: Brief, *, layout: str | Layout | None = None, strict: bool = False,
                  root: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
                  pdfa: bool | None = None, started: float | None = None) -> Built:
    """Render a loaded brief without writing it: a `Built` whose `pdf` holds the bytes.

    With `strict`, a warning is an error. Raises BriefError carrying every
    problem (warnings first)."""
    started = time.perf_counter() if started is None else started
    try:
        result = render_result(brief, layout, root=root, pdfa=pdfa)
    except BriefError as exc:
        raise type(exc)(tuple(brief.warnings) + exc.problems) from None
    if strict and result.warnings:
        raise BriefError([dataclasses.replace(w, severity="error") for w in result.warnings])
    return Built(None, result.pages, result.warnings, len(brief.footnotes),
                 time.perf_counter() - started, result.pdf, result.inputs)


def build(src: Source, out: str | os.PathLike[str] | None = None, *,
          layout: str | Layout | None = None, strict: bool = False,
          root: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
          pdfa: bool | None = None, name: str | None = None, fmt: str | None = None,
          styles: Mapping[str, str] | None = None) -> Built:
    """Load `src` (a brief file, or a `Brief`), render it and write the PDF atomically.

    A file is YAML, Markdown or Word, told by its suffix or by `fmt` (see
    `typeset.readers`); `styles` maps a Word file's paragraph styles to header
    fields. The default output is beside the brief file; an existing folder as
    `out` gets ``FOLDER/<brief>.pdf``. Nothing is written unless the whole
    render succeeded; with `strict`, a warning is an error. Raises BriefError
    carrying every problem (warnings first)."""
    from typeset.atomicio import atomic_write

    started = time.perf_counter()
    brief = load_source(src, strict=strict, name=name, fmt=fmt, styles=styles)
    target = output_path(src if not isinstance(src, Brief) else None, brief, out)
    built = compile_brief(brief, layout=layout, strict=strict, root=root, pdfa=pdfa, started=started)
    atomic_write(target, built.pdf or b"")
    return dataclasses.replace(built, path=target, pdf=None, seconds=time.perf_counter() - started)


def output_path(src: str | os.PathLike[str] | None, brief: Brief,
                out: str | os.PathLike[str] | None) -> Path:
    """Where a build writes: `out`, FOLDER/<brief>.pdf for an existing folder, or beside the brief."""
    origin = Path(src) if src is not None else _brief_file(brief)
    if out is None:
        if origin is None:
            raise BriefError(Problem(brief.source, None, None,
                                     "this brief has no file to write beside; give an output path"))
        target = origin.with_suffix(".pdf")
    else:
        target = Path(out)
        if os.fspath(out).endswith(("/", os.sep)) and not target.is_dir():
            raise WriteError(errno.ENOENT, "no such folder", os.fspath(out))
        if target.is_dir():
            stem = origin.stem if origin is not None else "brief"
            target = target / f"{stem}.pdf"
    if origin is not None and target.resolve() == origin.resolve():
        raise BriefError(Problem(brief.source, None, None, f"the output {target} would overwrite the brief"))
    return target


def _brief_file(brief: Brief) -> Path | None:
    """The file a Brief was read from, if it was read from one."""
    if brief.base_dir and brief.source and not brief.source.startswith("<"):
        path = Path(brief.base_dir) / Path(brief.source).name
        return path if path.is_file() else None
    return None


def _roots(root: object) -> tuple[Path, ...]:
    if root is None:
        return ()
    if isinstance(root, (str, os.PathLike)):
        return (Path(root),)
    return tuple(Path(r) for r in root)  # type: ignore[union-attr]
