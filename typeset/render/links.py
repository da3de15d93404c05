"""Link annotations written straight as PDF dictionaries: the bytes ReportLab's canvas writes.

A brief has two links per note (mark to note, note back to its mark) and one
per URL run, so a long brief has thousands. ReportLab builds each as nested
dictionary, array, name and string objects and formats them one by one when
the document is written; here each is one small object that formats itself in
one step. The bytes are those of `Canvas.linkRect` / `Canvas.linkURL` with a
zero-width border (bench/identical.py checks every PDF); links with other
entries (PDF/A's print flag) still take ReportLab's path.
"""
from __future__ import annotations

from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen import canvas

Rect = tuple[float, float, float, float]


class LocalLink(pdfdoc.PDFObject):
    """A link to a named destination in this document (a note, or a note's mark)."""

    def __init__(self, rect: Rect, destination: Any) -> None:
        self.rect = rect
        self.destination = destination  # ReportLab's Destination, bound when the bookmark is made

    def format(self, document: Any) -> bytes:
        return (b"<<\n/Border [ 0 0 0 ] /Contents () /Dest " + pdfdoc.format(self.destination, document)
                + b" /Rect [ " + fp_str(*self.rect).encode("ascii") + b" ] /Subtype /Link /Type /Annot\n>>")


class UrlLink(pdfdoc.PDFObject):
    """A link that opens a URL."""

    def __init__(self, rect: Rect, url: str) -> None:
        self.rect = rect
        self.url = url

    def format(self, document: Any) -> bytes:
        return (b"<<\n/A <<\n/S /URI /Type /Action /URI " + pdfdoc.PDFString(self.url).format(document)
                + b"\n>> /Border [ 0 0 0 ] /Rect [ " + fp_str(*self.rect).encode("ascii")
                + b" ] /Subtype /Link /Type /Annot\n>>")


class _XYZ(pdfdoc.PDFDestinationXYZ):
    """ReportLab's XYZ destination (a place on a page), formatted in one step: each note, mark
    and heading has one, written wherever a link, the outline or the name tree names it."""

    def format(self, document: Any) -> bytes:
        return (b"[ " + pdfdoc.format(document.Reference(self.page), document) + b" /XYZ "
                + fp_str(self.left, self.top, self.zoom).encode("ascii") + b" ]")


def bookmark(c: canvas.Canvas, name: str, x: float, y: float) -> None:
    """`c.bookmarkHorizontal(name, x, y)`, its destination formatted as one object."""
    c.bookmarkHorizontal(name, x, y)
    dest = c._bookmarkReference(name)
    xyz = dest.fmt
    if all(type(v) in (float, int) for v in (xyz.left, xyz.top, xyz.zoom)):  # what `pdfdoc.format` writes by fp_str
        dest.fmt = _XYZ(None, xyz.left, xyz.top, xyz.zoom)


def add_local_link(c: canvas.Canvas, rect: Rect, name: str) -> None:
    """`c.linkRect("", name, rect, relative=0, thickness=0)`, as one object."""
    c._addAnnotation(LocalLink(rect, c._bookmarkReference(name)))


def add_url_link(c: canvas.Canvas, rect: Rect, url: str) -> None:
    """`c.linkURL(url, rect, relative=0, thickness=0)`, as one object."""
    c._addAnnotation(UrlLink(rect, url))
