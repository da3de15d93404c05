"""Link annotations written in one step must be the bytes ReportLab's canvas writes."""
from __future__ import annotations

import io

import pypdf
from reportlab.pdfgen import canvas

from typeset.render.links import add_local_link, add_url_link

URLS = ["https://example.org/a_(b)?q=1&r=2#frag", "http://x.test/back\\slash", "https://b\u00fccher.example/\u00e9t\u00e9"]
RECTS = [(70.86614, 129.0047, 73.96614, 135.8247), (1.0, 2.5, 300.125, 400.0), (0.0, 0.0, 1e-05, 841.8898)]


def _pdf(fast: bool) -> bytes:
    c = canvas.Canvas(io.BytesIO(), invariant=1, pageCompression=1)
    c.bookmarkHorizontal("note1", 72, 700)
    for n, rect in enumerate(RECTS):
        if fast:
            add_local_link(c, rect, "note1" if n else "mark9")  # mark9: bound only on the next page
            add_url_link(c, rect, URLS[n])
        else:
            c.linkRect("", "note1" if n else "mark9", rect, relative=0, thickness=0)
            c.linkURL(URLS[n], rect, relative=0, thickness=0)
    c.showPage()
    c.bookmarkHorizontal("mark9", 100, 500)
    c.showPage()
    return c.getpdfdata()


def test_links_are_the_bytes_of_reportlabs_link_methods() -> None:
    fast, reportlab = _pdf(True), _pdf(False)
    assert fast == reportlab
    annots = [a.get_object() for a in pypdf.PdfReader(io.BytesIO(fast)).pages[0]["/Annots"]]
    assert [a["/A"]["/URI"] for a in annots if "/A" in a] == URLS
    assert len([a for a in annots if "/Dest" in a]) == 3
