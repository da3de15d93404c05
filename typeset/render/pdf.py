"""Pages -> PDF bytes through ReportLab's canvas: the only module that draws.

Text is drawn at the positions the layout computed (no ReportLab paragraphs,
so no user text ever reaches its markup parser): the words of one style on a
line as one string whose spaces are widened with word spacing, other text
run by run.
Fonts are embedded as subsets; output is deterministic (`invariant=1`).
With `pdfa`, the document is PDF/A-2b (see render/pdfa.py).

Several threads may render at once: each render has its own canvas, and the
one shared step, subsetting the registered fonts (whose file readers keep a
read position), runs under a lock.
"""
from __future__ import annotations

import contextlib
import io
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from typeset.layout.elements import Drawable, Elem, ImageItem, Page, RuleItem, TextItem
from typeset.layout.images import ImageStore
from typeset.render.links import add_local_link, add_url_link, bookmark
from typeset.render.pagestream import compress_last_page
from typeset.render.pdfa import LINK_FLAGS, PdfaError, archival_formatting, make_archival, opaque
from typeset.render.stamp import FIXED_EPOCH, Stamp
from typeset.render.textout import TextShower
from typeset.text.types import Frag, restyled
from typeset.units import color_rgb
from typeset.values import Value


def harden_reportlab() -> None:
    """Close ReportLab's own evaluators and fetchers, which we never need (security notes 1, 2).

    `toColorCanUse` is what 5.x still evaluates colour strings with; the URL
    opener trusts `trustedHosts` / `trustedSchemes`, which the RL_* environment
    variables can widen. We pass ReportLab only colours as numbers and images
    as objects, so none of these paths should run; this shuts them if one does.
    """
    rl_config.toColorCanUse = None
    rl_config.trustedHosts = None
    rl_config.trustedSchemes = []
    # Streams Flate-compressed without ASCII85 armour, which only adds a quarter to their size
    # and, without ReportLab's C accelerator, a tenth to the drawing time. Set once here, not
    # around each render: a setting flipped and restored per render races between threads.
    rl_config.useA85 = 0


harden_reportlab()


@dataclass(slots=True, eq=False, repr=False)
class Metadata(Value):
    """The document information a PDF carries (and its XMP metadata under PDF/A)."""

    title: str
    author: str = ""
    subject: str = ""
    keywords: str = ""
    creator: str = "typeset"
    epoch: int = FIXED_EPOCH  # creation and modification time, seconds since 1970 (see stamp.py)
    language: str = "en"


_SUBSETTING = threading.Lock()  # fonts are subset from shared file readers when the PDF is formatted
# (and a PDF/A document swaps two of ReportLab's formatting functions meanwhile)


def write_pdf(pages: Sequence[Page], meta: Metadata, images: ImageStore, *, pdfa: bool = False,
              release: bool = False) -> bytes:
    """Draw every page; return the whole PDF (PDF/A-2b with `pdfa`).

    With `release`, the caller hands the pages over: `pages` (a list) is emptied as
    they are drawn, so a long document's lines and words are freed page by page while
    its page streams grow, instead of all being held until the PDF is done."""
    size = (pages[0].width, pages[0].height) if pages else (595.2756, 841.8898)
    font = next((i.frag.font for p in pages for _, _, e in p.placed for i in e.items if isinstance(i, TextItem)),
                None)
    extra = {"initialFontName": font, "initialFontSize": 10} if font else {}
    c = canvas.Canvas(io.BytesIO(), pagesize=size, invariant=1, pageCompression=1, lang=meta.language if pdfa
                      else "en", **extra)
    c._doc._timeStamp = Stamp(meta.epoch)
    c.setTitle(meta.title)
    c.setAuthor(meta.author)
    c.setSubject(meta.subject)
    c.setKeywords(meta.keywords)
    c.setCreator(meta.creator)
    c.setProducer(meta.creator)
    c.showOutline()
    if pdfa:
        make_archival(c, meta.title, meta.author, meta.subject, meta.keywords, meta.creator, meta.language)
    painter = _Painter(c, images, pdfa=pdfa)
    painter.define_images()
    _draw(c, painter, _handed_over(pages) if release else pages)
    with _SUBSETTING, archival_formatting() if pdfa else contextlib.nullcontext():
        return c.getpdfdata()  # the bytes themselves: save() would copy them twice through a file


def _draw(c: canvas.Canvas, painter: _Painter, pages: Iterable[Page]) -> None:
    """Each page onto the canvas, its stream compressed as it closes (see pagestream.py)."""
    for page in pages:
        c.setPageSize((page.width, page.height))
        painter.page(page)
        c.showPage()
        compress_last_page(c)


def _handed_over(pages: Sequence[Page]) -> Iterator[Page]:
    """The pages in order, each taken out of the list as it is reached (the list ends empty)."""
    assert isinstance(pages, list)
    pages.reverse()
    while pages:
        yield pages.pop()


ZERO_WIDTH_JOINER = "\u200d"
LABEL_CHARS = frozenset("0123456789*\u2020\u2021\u00a7\u2016\u00b6")


class _NoFace:
    charToGlyph: dict[int, int] = {}


_NO_FACE = _NoFace()


def _plain(text: str) -> bool:
    """Text that may join a run drawn with word spacing: `Tw` would also widen its own spaces
    (ReportLab draws a no-break space as code 32 too)."""
    return bool(text) and " " not in text and "\u00a0" not in text


def _glued_to_label_char(prev: TextItem, mark: TextItem) -> bool:
    """Whether a mark directly follows a digit or note symbol of the running text."""
    f = prev.frag
    return (f.mark is None and bool(f.text) and f.text[-1] in LABEL_CHARS
            and abs(prev.x + f.width - mark.x) < 0.5)


class _Painter:
    def __init__(self, c: canvas.Canvas, images: ImageStore, *, pdfa: bool = False) -> None:
        self.c = c
        self.images = images
        self.pdfa = pdfa
        self.link_flags = LINK_FLAGS if pdfa else {}
        self.embedded: set[str] = set()  # fonts checked to be embeddable (PDF/A)
        self.shower = TextShower(c._doc)
        self.headings = 0
        self.outline_depth = -1  # of the last outline entry
        self.forms: dict[str, str] = {}  # image key -> name of the form that draws it
        self.space_glyph: dict[str, bool] = {}  # font -> whether it has a space (code 32 in every subset)
        self.space_units: dict[str, tuple[bool, float]] = {}  # font -> (TrueType?, advance of a space)

    def page(self, page: Page) -> None:
        text = self.c.beginText()
        state: dict[str, object] = {}
        for x, y, elem in page.placed:
            top = page.height - y
            if elem.outline:
                self._outline(elem, top)
            prev: TextItem | None = None
            items = elem.items
            i = 0
            while i < len(items):
                item = items[i]
                if isinstance(item, TextItem) and type(item.frag) is not Frag \
                        and (item.frag.glyphs is not None or item.frag.hidden):  # a plain Frag is neither
                    self._shaped(text, state, x, top, item)
                    prev = item
                    i += 1
                    continue
                if isinstance(item, TextItem):
                    if type(item.frag) is not Frag and item.frag.mark is not None and prev is not None \
                            and _glued_to_label_char(prev, item):
                        self._separator(text, state, x, top, prev, item)
                    j, word_space = self._words(items, i)
                    string = " ".join([it.frag.text for it in items[i:j]])  # type: ignore[union-attr]
                    if j < len(items) and self._spaced(items[j - 1], items[j]):
                        string += " "  # a real space where the next run starts, for text extraction
                    care = j > i + 1 or not _plain(item.frag.text)  # whether spaces are drawn inside
                    self._text(text, state, x, top, item, string, word_space if care else None)
                    prev = items[j - 1]  # type: ignore[assignment]
                    i = j
                    continue
                if isinstance(item, RuleItem):
                    self._rule(x, top, item)
                elif isinstance(item, ImageItem):
                    self._image(x, top, item)
                i += 1
            self._links(x, top, elem)
        self.c.drawText(text)

    def _has_space(self, font: str) -> bool:
        has = self.space_glyph.get(font)
        if has is None:
            glyphs = getattr(getattr(getFont(font), "face", _NO_FACE), "charToGlyph", None)
            has = self.space_glyph[font] = True if glyphs is None else 32 in glyphs  # Type 1: WinAnsi space
        return has

    def _space_width(self, font: str, size: float) -> float:
        """The width of a space as ReportLab's pure-Python `stringWidth` computes it, to the last
        bit: its C accelerator rounds differently, and the word spacing is derived from this."""
        units = self.space_units.get(font)
        if units is None:
            obj = getFont(font)
            face = getattr(obj, "face", None)
            units = self.space_units[font] = (
                (True, face.charWidths.get(32, face.defaultWidth)) if face is not None and hasattr(face, "charWidths")
                else (False, obj.widths[32]))
        ttf, w = units
        return 0.001 * size * w if ttf else w * 0.001 * size

    def _words(self, items: Sequence[Drawable], i: int) -> tuple[int, float]:
        """The end of the run of words from items[i] that can be drawn as one string, and its
        word spacing (PDF `Tw`, added to each space's width).

        On a set line, the words of one style are separated by equal gaps (the
        line's stretched or shrunk glue), so one string with spaces and `Tw`
        puts every glyph where the layout placed it, with far fewer operators
        than a text origin per word, and text extraction sees real spaces.
        """
        first = items[i]
        f = first.frag  # type: ignore[union-attr]
        if not _plain(f.text) or f.mark is not None or f.anchor is not None or not self._has_space(f.font):
            return i + 1, 0.0
        space = self._space_width(f.font, f.size)
        word_space: float | None = None
        last = first
        j = i + 1
        n = len(items)
        baseline, font, size, color, rise, link = first.baseline, f.font, f.size, f.color, f.rise, f.link
        marked = type(f) is not Frag  # between plain Frags the rarer fields (all defaults) need no test
        while j < n:
            item = items[j]
            if type(item) is not TextItem or item.baseline != baseline:  # type: ignore[union-attr]
                break
            g = item.frag
            if g.font != font or g.size != size or g.color != color or not g.text or " " in g.text \
                    or "\u00a0" in g.text or (marked or type(g) is not Frag) and (
                        g.rise != rise or g.link != link or g.mark is not None or g.anchor is not None
                        or g.glyphs is not None or g.hidden):  # not `_plain`, not shaped
                break
            gap = item.x - (last.x + last.frag.width) - space  # type: ignore[union-attr]
            if word_space is None:
                word_space = gap
            elif abs(gap - word_space) > 1e-3:
                break
            last = item
            j += 1
        return j, word_space or 0.0

    def _spaced(self, a: Drawable, b: Drawable) -> bool:
        """Whether a word gap separates text item `a` from the text item `b` that follows it."""
        if type(a) is not TextItem or type(b) is not TextItem or a.baseline != b.baseline:
            return False
        f = a.frag
        return b.x - (a.x + f.width) > 0.1 * f.size and _plain(f.text) and self._has_space(f.font)

    def _outline(self, elem: Elem, top: float) -> None:
        title, level = elem.outline  # type: ignore[misc]
        self.headings += 1
        key = f"h{self.headings}"
        bookmark(self.c, key, 0, top + 4)
        # One level deeper at most: a heading that printed nothing (only invisible characters)
        # has no entry, and ReportLab refuses to skip a level.
        self.outline_depth = min(level - 1, self.outline_depth + 1)
        self.c.addOutlineEntry(title or "\u2014", key, level=self.outline_depth, closed=False)

    def _text(self, text: canvas.PDFTextObject, state: dict[str, object], x: float, top: float,
              item: TextItem, string: str | None = None, word_space: float | None = 0.0) -> None:
        """Draw `item` (or `string`, the words of a run starting with it) at the item's place;
        `word_space` None leaves the word spacing as it is (for text without inner spaces)."""
        f = item.frag
        if state.get("font") != (f.font, f.size):
            if self.pdfa and f.font not in self.embedded:
                self._check_embedded(f.font)
            text.setFont(f.font, f.size)
            state["font"] = (f.font, f.size)
        if state.get("color") != f.color:
            text.setFillColorRGB(*color_rgb(f.color))
            state["color"] = f.color
        if state.get("mode", 0) != 0:  # after an invisible logical text layer (see _shaped)
            text.setTextRenderMode(0)
            text.setHorizScale(100.0)
            state["mode"], state["scale"] = 0, 100.0
        if word_space is not None and abs(word_space) < 5e-7:
            word_space = 0.0  # a rounding residue of the gap arithmetic; "0 Tw" would be a no-op
        if word_space is not None and state.get("word_space", 0.0) != word_space:
            text.setWordSpace(word_space)
            state["word_space"] = word_space
        text.setTextOrigin(x + item.x, top - item.baseline + f.rise)
        shown = f.text if string is None else string
        if self.pdfa:
            self._check_glyphs(f.font, shown)
        self.shower.show(text, shown)
        if f.anchor is not None:
            bookmark(self.c, f"note{f.anchor}", x + item.x, top - item.baseline + f.size * 2)
        if f.mark is not None:
            bookmark(self.c, f"mark{f.mark}", x + item.x, top - item.baseline + f.size * 3)

    def _check_glyphs(self, font: str, shown: str) -> None:
        """PDF/A shows no .notdef glyph (ISO 19005-2, 6.2.11.8): a character no font has cannot be
        archived (the layout stage has warned about it with its position)."""
        glyphs = getFont(font).face.charToGlyph
        for ch in shown:
            if ord(ch) not in glyphs and ch not in " \u00a0":
                raise PdfaError(f"PDF/A cannot show the character {ch!r} (U+{ord(ch):04X}): no font of the "
                                "layout has it; add a fallback font that does, or leave it out")

    def _check_embedded(self, font: str) -> None:
        if not isinstance(getFont(font), TTFont):
            raise PdfaError(f"PDF/A needs every font embedded, and the standard PDF font '{font}' is not: "
                            "give its family TrueType files in the layout")
        self.embedded.add(font)

    def _shaped(self, text: canvas.PDFTextObject, state: dict[str, object], x: float, top: float,
                item: TextItem) -> None:
        """A frag of a reordered right-to-left stretch: its glyphs, or its invisible logical text."""
        from typeset.render import glyphs  # only for right-to-left text

        f = item.frag
        size = f.size + glyphs.HIDDEN_SIZE_STEP if f.hidden else f.size
        if state.get("font") != (f.font, size):
            text.setFont(f.font, size)
            state["font"] = (f.font, size)
        if state.get("color") != f.color:
            text.setFillColorRGB(*color_rgb(f.color))
            state["color"] = f.color
        mode, scale = (3, glyphs.hidden_scale(f)) if f.hidden else (0, 100.0)
        if state.get("mode", 0) != mode:
            text.setTextRenderMode(mode)
            state["mode"] = mode
        if state.get("scale", 100.0) != scale:
            text.setHorizScale(scale)
            state["scale"] = scale
        base = top - item.baseline + f.rise
        if f.hidden:
            text.setTextOrigin(x + item.x, base)
            text.textOut(f.text)
        else:
            glyphs.draw_glyphs(text, f, x + item.x, base)
        if f.anchor is not None:
            bookmark(self.c, f"note{f.anchor}", x + item.x, top - item.baseline + f.size * 2)
        if f.mark is not None:
            bookmark(self.c, f"mark{f.mark}", x + item.x, top - item.baseline + f.size * 3)

    def _separator(self, text: canvas.PDFTextObject, state: dict[str, object], x: float, top: float,
                   prev: TextItem, mark: TextItem) -> None:
        """A zero-width joiner between a digit and the mark after it ("2030" then mark "12"),
        so text extraction reads two numbers, not "203012"."""
        f = prev.frag
        joiner = TextItem(mark.x + 0.2, prev.baseline, restyled(f, text=ZERO_WIDTH_JOINER, rise=0.0, mark=None,
                                                               anchor=None, link=None))
        self._text(text, state, x, top, joiner)

    def _rule(self, x: float, top: float, item: RuleItem) -> None:
        c = self.c
        c.setStrokeColorRGB(*color_rgb(item.color))
        c.setLineWidth(item.thickness)
        y = top - item.y
        c.line(x + item.x, y, x + item.x + item.width, y)

    def define_images(self) -> None:
        """Encode each image once, into a unit-square form that every use scales into place.

        `drawImage` re-reads and hashes every pixel on each call to find the
        copy it already embedded: seconds per use of a large image. Forms are
        defined before the first page, since a form begun mid-page would take
        that page's link annotations with it.
        """
        c = self.c
        for key, img in self.images.images.items():
            name = self.forms[key] = f"img{len(self.forms) + 1}"
            c.beginForm(name, 0, 0, 1, 1)
            image = opaque(img.image) if self.pdfa else img.image
            c.drawImage(ImageReader(image), 0, 0, 1, 1, mask="auto" if image.mode == "RGBA" else None)
            c.endForm()

    def _image(self, x: float, top: float, item: ImageItem) -> None:
        c = self.c
        c.saveState()
        c.translate(x + item.x, top - item.y - item.height)
        c.scale(item.width, item.height)
        c.doForm(self.forms[item.key])
        c.restoreState()

    def _links(self, x: float, top: float, elem: Elem) -> None:
        """One clickable area per link run on the line; marks and labels link to each other."""
        spans: dict[tuple[str, str], list[float]] = {}
        for item in elem.items:
            if not isinstance(item, TextItem):
                continue
            f = item.frag
            if type(f) is Frag:
                continue  # a plain Frag has no link, mark or label
            target = None
            if f.mark is not None:
                target = ("local", f"note{f.mark}")
            elif f.anchor is not None:
                target = ("local", f"mark{f.anchor}")
            elif f.link:
                target = ("url", f.link)
            if target is None:
                continue
            base = top - item.baseline
            box = [x + item.x, base - f.size * 0.25 + f.rise, x + item.x + f.width, base + f.size * 0.85 + f.rise]
            span = spans.get(target)
            if span is None:
                spans[target] = box
            else:
                span[0], span[1] = min(span[0], box[0]), min(span[1], box[1])
                span[2], span[3] = max(span[2], box[2]), max(span[3], box[3])
        for (kind, dest), box in spans.items():
            rect = (box[0], box[1], box[2], box[3])
            if self.link_flags:  # PDF/A's entries: ReportLab's own objects
                if kind == "local":
                    self.c.linkRect("", dest, rect, relative=0, thickness=0, **self.link_flags)
                else:
                    self.c.linkURL(dest, rect, relative=0, thickness=0, **self.link_flags)
            elif kind == "local":
                add_local_link(self.c, rect, dest)
            else:
                add_url_link(self.c, rect, dest)
