"""The layout stage's entry point: a brief and a layout -> finished pages."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from typeset.errors import BriefError, LayoutError, Problem
from typeset.layout.blocks import Flow, LayoutProblem, build_flow
from typeset.layout.context import Context
from typeset.layout.elements import Page
from typeset.layout.furniture import add_furniture
from typeset.layout.header import brief_fields, build_header
from typeset.layout.images import ImageStore
from typeset.layout.notes import continued_line, note_indent, note_lines
from typeset.layout.numbering import labels_for
from typeset.layout.paginate import Geometry, NoteArea, paginate
from typeset.layout.readorder import ambiguous_start, document_words, words
from typeset.model.document import Brief
from typeset.resources import FONTS_DIR, LAYOUTS_DIR
from typeset.safepath import PathRefused, resolve_inside
from typeset.style import Layout, parse_page_size
from typeset.text import BreakParams, FaceFiles, FontBook
from typeset.values import Record

MAX_RELABEL_PASSES = 4


@dataclass(slots=True, eq=False, repr=False)
class LaidOut(Record):
    """The pages of a brief, the images they show and the warnings of laying it out."""

    pages: list[Page]
    images: ImageStore
    warnings: list[Problem]


def lay_out(brief: Brief, layout: Layout, *, extra_roots: Sequence[Path] = ()) -> LaidOut:
    """Paginate `brief` in `layout`. Per-page and symbol numbering re-run the layout
    until the labels (which depend on pages) stop changing, as LaTeX reruns do."""
    fonts = font_book(layout)
    geom = geometry(layout)
    roots = [Path(brief.base_dir or "."), Path(layout.folder), FONTS_DIR, LAYOUTS_DIR, *extra_roots]
    images = ImageStore(roots, embedded=dict(brief.embedded))
    labels = labels_for(layout.footnotes.numbering, brief.footnotes, None)
    for _ in range(MAX_RELABEL_PASSES):
        fonts.missing.clear()  # this render's own count (font_book gives each render a view)
        ctx = Context(layout, fonts, geom, break_params(layout, geom), labels, brief.language or "en",
                      brief.source, images)
        pages = _paginate_once(brief, ctx)
        if layout.footnotes.numbering == "continuous":
            break
        new = labels_for(layout.footnotes.numbering, brief.footnotes, pages)
        if new == labels:
            break
        labels = new
    add_furniture(pages, brief_fields(brief, ctx), ctx)
    return LaidOut(pages, images, list(ctx.warnings))


def _paginate_once(brief: Brief, ctx: Context) -> list[Page]:
    flow = Flow()
    try:
        ctx.note_indent = note_indent(ctx)
        notes = {note.number: note_lines(note, ctx) for note in brief.footnotes}
        half = ctx.geom.height / 2
        ctx.huge_notes = frozenset(n for n, lines in notes.items() if sum(e.height for e in lines) > half)
        build_header(brief, ctx, flow)
        flow.keep_next = False
        build_flow(brief, ctx, flow)
        known: dict[int, list[str]] = {}  # words by element; flow and notes keep the elements alive
        pieces = document_words(chain(flow.elems, *notes.values()), known)
        hazard = ambiguous_start(pieces, furniture_words(brief_fields(brief, ctx), ctx.layout), known)
        return paginate(flow.elems, notes.__getitem__, ctx.geom, note_area(ctx), hazard)
    except LayoutProblem as exc:
        raise BriefError([exc.problem]) from None


def furniture_words(fields: dict[str, str], layout: Layout) -> list[str]:
    """Words of a page's footer, then of the next page's running header (page numbers aside)."""
    out: list[str] = []
    for spec in (layout.footer, layout.running_header):
        text = spec.text
        for key, value in fields.items():
            text = text.replace("{" + key + "}", value)
        out.extend(w for w in words(text) if not w.isdigit())
    return out


def note_area(ctx: Context) -> NoteArea:
    layout, geom = ctx.layout, ctx.geom
    spec = layout.footnotes
    return NoteArea(
        space_above=spec.space_above.resolve(geom.width),
        space_below=spec.space_below.resolve(geom.width),
        rule_width=min(spec.separator_width.resolve(geom.width), geom.width),
        rule_thickness=spec.separator_thickness,
        rule_color=spec.separator_color,
        continued=continued_line(ctx) if spec.continued_label else None,
    )


def geometry(layout: Layout) -> Geometry:
    w, h = parse_page_size(layout.page.size)
    p = layout.page
    left, right = p.margin_left.resolve(w), p.margin_right.resolve(w)
    top, bottom = p.margin_top.resolve(h), p.margin_bottom.resolve(h)
    if w - left - right < 72 or h - top - bottom < 72:
        raise LayoutError(Problem(layout.name, None, None, "page.margin: the margins leave less than one inch of text area"))
    return Geometry(w, h, left, top, w - left - right, h - top - bottom)


def break_params(layout: Layout, geom: Geometry) -> BreakParams:
    b = layout.breaking
    return BreakParams(pretolerance=b.pretolerance, tolerance=b.tolerance,
                       emergency_stretch=b.emergency_stretch.resolve(geom.width),
                       hyphen_penalty=b.hyphen_penalty, line_penalty=b.line_penalty)


_BOOKS: dict[tuple[object, ...], FontBook] = {}


def font_book(layout: Layout) -> FontBook:
    """The layout's fonts, files found beside the layout or in the bundled fonts/: a view of one
    cached book per set of files, of this render's own (see FontBook.for_render)."""
    folder = Path(layout.folder)
    families: dict[str, FaceFiles] = {}
    for name, fam in layout.fonts.families.items():
        files = [_font_file(getattr(fam, face), folder, f"fonts.families.{name}.{face}", layout)
                 for face in ("regular", "bold", "italic", "bold_italic")]
        if files[0] is None:
            raise LayoutError(Problem(layout.name, None, None, f"fonts.families.{name}.regular: no font file given"))
        families[name] = FaceFiles(files[0], files[1], files[2], files[3])
    for fb in layout.fonts.fallback:
        if fb not in families:
            raise LayoutError(Problem(layout.name, None, None, f"fonts.fallback: no font family named '{fb}'"))
    key = (tuple(sorted((k, tuple(map(str, (v.regular, v.bold, v.italic, v.bold_italic))))
                        for k, v in families.items())), tuple(layout.fonts.fallback))
    book = _BOOKS.get(key)
    if book is None:
        book = _BOOKS.setdefault(key, FontBook(families, layout.fonts.fallback))
    return book.for_render()


_BUNDLED_FONT_FILES: dict[str, Path] = {}  # name -> file, for the bundled layouts only


def _font_file(name: str, folder: Path, where: str, layout: Layout) -> Path | None:
    """The checked file of a font named by a layout. A bundled layout names only the package's
    own fonts, so its answers are kept: checking each of its fifteen files on every render
    cost more than a millisecond."""
    if not name:
        return None
    bundled = folder == LAYOUTS_DIR
    if bundled and name in _BUNDLED_FONT_FILES:
        return _BUNDLED_FONT_FILES[name]
    for base in (folder, FONTS_DIR):
        try:
            path = resolve_inside(name, base, [folder, FONTS_DIR])
        except PathRefused as exc:
            raise LayoutError(Problem(layout.name, None, None, f"{where}: {exc}")) from None
        if path.is_file():
            if bundled:
                _BUNDLED_FONT_FILES[name] = path
            return path
    raise LayoutError(Problem(layout.name, None, None, f"{where}: no font file '{name}' beside the layout "
                                                       "or in the bundled fonts"))
