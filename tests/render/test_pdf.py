"""The PDF itself: fonts embedded as subsets, metadata, outline, links, determinism."""
from __future__ import annotations

import io
from functools import cache

import pypdf

from tests.conftest import EXAMPLES
from typeset.pipeline import render
from typeset.readers import load_brief


@cache
def example_pdf(name: str = "us-japan-alliance", layout: str = "issi-brief") -> bytes:
    return render(load_brief(EXAMPLES / f"{name}.yaml"), layout)


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data), strict=True)


def test_same_input_gives_identical_bytes() -> None:
    brief = load_brief(EXAMPLES / "features.yaml")
    assert render(brief, "issi-brief") == render(brief, "issi-brief")
    assert render(load_brief(EXAMPLES / "features.yaml"), "issi-brief") == render(brief, "issi-brief")


def test_every_font_is_embedded_and_subset() -> None:
    fonts = {}
    for page in reader(example_pdf()).pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            desc = f["/DescendantFonts"][0].get_object() if "/DescendantFonts" in f else f
            fd = desc["/FontDescriptor"].get_object()
            fonts[str(f["/BaseFont"])] = any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts, "no fonts found"
    assert all(fonts.values()), fonts
    assert all("+" in name for name in fonts), fonts  # subset tag: ABCDEF+Name


def test_metadata_carries_title_author_subject() -> None:
    meta = reader(example_pdf()).metadata
    assert meta.title == "The Deepening U.S.-Japan Alliance"
    assert meta.author == "Muhammad Usman Karim"
    assert "Issue Brief" in (meta.subject or "")
    assert meta.creator == "typeset"


def test_outline_lists_every_heading() -> None:
    outline = reader(example_pdf()).outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles == ["Background", "Pillars of the Deepening U.S.-Japan Alliance", "Conclusion"]


def _links(data: bytes) -> tuple[list[tuple[int, str]], list[str]]:
    r = reader(data)
    internal, urls = [], []
    for n, page in enumerate(r.pages, 1):
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if a.get("/Subtype") != "/Link":
                continue
            if "/A" in a and "/URI" in a["/A"]:
                urls.append(str(a["/A"]["/URI"]))
            elif "/Dest" in a or "/A" in a:
                internal.append((n, str(a.get("/Dest", a.get("/A")))))
    return internal, urls


def test_marks_and_notes_link_to_each_other_and_urls_are_clickable() -> None:
    internal, urls = _links(example_pdf())
    assert len(internal) == 2 * 19  # each mark to its note, each note label back to its mark
    assert "https://www.foreignaffairs.com/united-states/americas-best-friend-asia" in urls
    assert all(u.startswith(("https://", "http://", "mailto:")) for u in urls)


def test_pdf_opens_strictly_and_has_a4_pages() -> None:
    r = reader(example_pdf())
    assert len(r.pages) >= 4
    for page in r.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)
