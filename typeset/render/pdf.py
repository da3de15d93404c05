"""Pages -> PDF bytes through ReportLab's canvas: the only module that draws.

Text is drawn glyph run by glyph run at positions the layout computed (no
ReportLab paragraphs, so no user text ever reaches its markup parser).
Fonts are embedded as subsets; output is deterministic (`invariant=1`).
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from typeset.layout.elements import Elem, ImageItem, Page, RuleItem, TextItem
from typeset.layout.images import ImageStore
from typeset.units import color_rgb


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str
    author: str = ""
    subject: str = ""
    keywords: str = ""
    creator: str = "typeset"


def write_pdf(pages: Sequence[Page], meta: Metadata, images: ImageStore) -> bytes:
    """Draw every page; return the whole PDF."""
    buf = io.BytesIO()
    first = pages[0] if pages else None
    size = (first.width, first.height) if first else (595.2756, 841.8898)
    font = next((i.frag.font for p in pages for _, _, e in p.placed for i in e.items if isinstance(i, TextItem)),
                None)
    extra = {"initialFontName": font, "initialFontSize": 10} if font else {}
    c = canvas.Canvas(buf, pagesize=size, invariant=1, pageCompression=1, lang="en", **extra)
    c.setTitle(meta.title)
    c.setAuthor(meta.author)
    c.setSubject(meta.subject)
    c.setKeywords(meta.keywords)
    c.setCreator(meta.creator)
    c.setProducer(meta.creator)
    c.showOutline()
    painter = _Painter(c, images)
    for page in pages:
        c.setPageSize((page.width, page.height))
        painter.page(page)
        c.showPage()
    c.save()
    return buf.getvalue()


ZERO_WIDTH_JOINER = "\u200d"
LABEL_CHARS = frozenset("0123456789*\u2020\u2021\u00a7\u2016\u00b6")


def _glued_to_label_char(prev: TextItem, mark: TextItem) -> bool:
    """Whether a mark directly follows a digit or note symbol of the running text."""
    f = prev.frag
    return (f.mark is None and bool(f.text) and f.text[-1] in LABEL_CHARS
            and abs(prev.x + f.width - mark.x) < 0.5)


class _Painter:
    def __init__(self, c: canvas.Canvas, images: ImageStore) -> None:
        self.c = c
        self.images = images
        self.headings = 0

    def page(self, page: Page) -> None:
        text = self.c.beginText()
        state: dict[str, object] = {}
        for x, y, elem in page.placed:
            top = page.height - y
            if elem.outline:
                self._outline(elem, top)
            prev: TextItem | None = None
            for item in elem.items:
                if isinstance(item, TextItem):
                    if item.frag.mark is not None and prev is not None and _glued_to_label_char(prev, item):
                        self._separator(text, state, x, top, prev, item)
                    self._text(text, state, x, top, item)
                    prev = item
                elif isinstance(item, RuleItem):
                    self._rule(x, top, item)
                elif isinstance(item, ImageItem):
                    self._image(x, top, item)
            self._links(x, top, elem)
        self.c.drawText(text)

    def _outline(self, elem: Elem, top: float) -> None:
        title, level = elem.outline  # type: ignore[misc]
        self.headings += 1
        key = f"h{self.headings}"
        self.c.bookmarkHorizontal(key, 0, top + 4)
        self.c.addOutlineEntry(title or "\u2014", key, level=level - 1, closed=False)

    def _text(self, text: canvas.PDFTextObject, state: dict[str, object], x: float, top: float,
              item: TextItem) -> None:
        f = item.frag
        if state.get("font") != (f.font, f.size):
            text.setFont(f.font, f.size)
            state["font"] = (f.font, f.size)
        if state.get("color") != f.color:
            text.setFillColorRGB(*color_rgb(f.color))
            state["color"] = f.color
        text.setTextOrigin(x + item.x, top - item.baseline + f.rise)
        text.textOut(f.text)
        if f.anchor is not None:
            self.c.bookmarkHorizontal(f"note{f.anchor}", x + item.x, top - item.baseline + f.size * 2)
        if f.mark is not None:
            self.c.bookmarkHorizontal(f"mark{f.mark}", x + item.x, top - item.baseline + f.size * 3)

    def _separator(self, text: canvas.PDFTextObject, state: dict[str, object], x: float, top: float,
                   prev: TextItem, mark: TextItem) -> None:
        """A zero-width joiner between a digit and the mark after it ("2030" then mark "12"),
        so text extraction reads two numbers, not "203012"."""
        f = prev.frag
        joiner = TextItem(mark.x + 0.2, prev.baseline, replace(f, text=ZERO_WIDTH_JOINER, rise=0.0, mark=None,
                                                               anchor=None, link=None))
        self._text(text, state, x, top, joiner)

    def _rule(self, x: float, top: float, item: RuleItem) -> None:
        c = self.c
        c.setStrokeColorRGB(*color_rgb(item.color))
        c.setLineWidth(item.thickness)
        y = top - item.y
        c.line(x + item.x, y, x + item.x + item.width, y)

    def _image(self, x: float, top: float, item: ImageItem) -> None:
        img = self.images.images[item.key]
        mask = "auto" if img.image.mode == "RGBA" else None
        self.c.drawImage(ImageReader(img.image), x + item.x, top - item.y - item.height,
                         item.width, item.height, mask=mask)

    def _links(self, x: float, top: float, elem: Elem) -> None:
        """One clickable area per link run on the line; marks and labels link to each other."""
        spans: dict[tuple[str, str], list[float]] = {}
        for item in elem.items:
            if not isinstance(item, TextItem):
                continue
            f = item.frag
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
            if kind == "local":
                self.c.linkRect("", dest, tuple(box), relative=0, thickness=0)
            else:
                self.c.linkURL(dest, tuple(box), relative=0, thickness=0)
