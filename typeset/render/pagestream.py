"""A finished page's content stream, compressed as soon as the page is closed.

ReportLab keeps each page's drawing operators as one uncompressed string until
the whole document is formatted, where it compresses them: a long brief holds
tens of kilobytes per page that way, several times what they compress to.
Compressing each page when it ends gives the very bytes formatting would have
written (the same filter object, the same dictionary), and the string is freed.
"""
from __future__ import annotations

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen import canvas


def compress_last_page(c: canvas.Canvas) -> None:
    """Replace the stream of the page `c.showPage()` just closed by its compressed PDF stream."""
    page = c._doc.Pages.pages[-1]
    stream = page.stream
    if not stream or page.Contents or not page.compression or rl_config.useA85:
        return  # formatting does what it always does (an empty page gets ReportLab's test stream)
    flate = pdfdoc.PDFZCompress
    contents = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Filter": pdfdoc.PDFArray([pdfdoc.PDFName(flate.pdfname)])}),
                                flate.encode(stream))
    contents.__Comment__ = "page stream"
    page.Contents = contents
    page.stream = None
