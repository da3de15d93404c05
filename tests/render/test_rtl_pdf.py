"""Arabic, Urdu and CJK in the PDF, read back: the glyphs drawn, their order, the text extracted."""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pdfplumber
import pypdf
import pytest
import uharfbuzz as hb
from pypdf.generic import ContentStream

from tests.conftest import EXAMPLES
from tests.helpers.readback import tokens
from tests.text.conftest import REPO_FONTS
from typeset.pipeline import render, render_result
from typeset.readers import load_brief

SALAM, ALAIKUM = "\u0627\u0644\u0633\u0644\u0627\u0645", "\u0639\u0644\u064a\u0643\u0645"
NASKH = REPO_FONTS / "NotoNaskhArabic-Regular.ttf"


@cache
def greeting_pdf(tmp: Path) -> bytes:
    src = tmp / "greeting.yaml"
    src.write_text(f"title: Greeting\nsections:\n  - heading: Words\n    content:\n"
                   f"      - \"Before {SALAM} {ALAIKUM} after.\"\n", encoding="utf-8")
    return render(load_brief(src), "plain")


class _Pen:
    """Records a glyph outline, to tell glyphs apart across a font and its subset."""

    def __init__(self) -> None:
        self.ops: list[tuple] = []

    def moveTo(self, p):  # noqa: N802 - the pen protocol's names
        self.ops.append(("m", p))

    def lineTo(self, p):  # noqa: N802
        self.ops.append(("l", p))

    def qCurveTo(self, *ps):  # noqa: N802
        self.ops.append(("q", ps))

    def curveTo(self, *ps):  # noqa: N802
        self.ops.append(("c", ps))

    def closePath(self):  # noqa: N802
        self.ops.append(("z",))


def outline(font: hb.Font, gid: int) -> tuple:
    pen = _Pen()
    font.draw_glyph_with_pen(gid, pen)
    return tuple(pen.ops)


def drawn_naskh_glyphs(data: bytes) -> list[tuple]:
    """Outlines of the visible glyphs drawn in the Naskh subset, in content-stream order."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    fonts = {name: ref.get_object() for name, ref in page["/Resources"]["/Font"].items()}
    naskh = {name for name, f in fonts.items() if "NotoNaskhArabic" in str(f["/BaseFont"])}
    assert naskh, "no Naskh font on the page"
    subsets = {}
    for name in naskh:
        program = fonts[name]["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()
        subsets[name] = hb.Font(hb.Face(hb.Blob(program)))
    out: list[tuple] = []
    current, mode = None, 0
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"Tf":
            current = str(operands[0])
        elif op == b"Tr":
            mode = int(operands[0])
        elif op in (b"Tj", b"TJ") and current in naskh and mode != 3:
            strings = operands[0] if op == b"TJ" else [operands[0]]
            for s in strings:
                if isinstance(s, (bytes, str)):
                    raw = s if isinstance(s, bytes) else s.encode("latin-1")
                    sub = subsets[current]
                    for code in raw:
                        gid = sub.get_nominal_glyph(code) or sub.get_nominal_glyph(0xF000 + code)
                        out.append(outline(sub, gid))
    return out


def test_glyphs_drawn_are_harfbuzz_contextual_forms_in_visual_order(tmp_path: Path) -> None:
    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(NASKH))))
    expected = []
    for word in (ALAIKUM, SALAM):  # left to right on the page: the second word first
        buf = hb.Buffer()
        buf.add_str(word)
        buf.guess_segment_properties()
        hb.shape(font, buf, {})
        expected += [outline(font, g.codepoint) for g in buf.glyph_infos]
    isolated = [outline(font, font.get_nominal_glyph(ord(c))) for c in ALAIKUM + SALAM]
    drawn = drawn_naskh_glyphs(greeting_pdf(tmp_path))
    assert drawn == expected
    assert drawn != isolated[::-1] and drawn != isolated


def test_extracted_text_is_in_logical_order(tmp_path: Path) -> None:
    with pdfplumber.open(io.BytesIO(greeting_pdf(tmp_path))) as pdf:
        words = pdf.pages[0].extract_words(x_tolerance=1.0, y_tolerance=2, extra_attrs=["size"])
    line = sorted((w for w in words if w["text"]), key=lambda w: (round(w["top"] / 4), w["x0"]))
    toks = [t for w in line for t in tokens(w["text"])]
    start = toks.index("before")
    assert toks[start:start + 4] == ["before", SALAM, ALAIKUM, "after"]


def test_visible_arabic_glyphs_stand_in_visual_order(tmp_path: Path) -> None:
    """The glyph drawn first (leftmost) for the phrase ends the second word: right to left."""
    with pdfplumber.open(io.BytesIO(greeting_pdf(tmp_path))) as pdf:
        chars = pdf.pages[0].chars
    visible = sorted((c for c in chars if "Naskh" in c["fontname"] and c["text"] == " "), key=lambda c: c["x0"])
    hidden = sorted((c for c in chars if c["text"] in SALAM + ALAIKUM and c["text"]), key=lambda c: c["x0"])
    assert visible and hidden
    assert hidden[0]["text"] == SALAM[0]  # the logical layer starts with the first word ...
    assert abs(visible[0]["x0"] - hidden[0]["x0"]) < 1.0  # ... where the visible second word starts
    english = {w: c["x0"] for c in chars for w in ("B", "a") if c["text"] == w}
    assert english["B"] < visible[0]["x0"] < visible[-1]["x1"] < english["a"]


@cache
def multilingual(layout: str = "issi-brief"):
    return render_result(load_brief(EXAMPLES / "multilingual.yaml"), layout)


@pytest.mark.parametrize("layout", ["issi-brief", "plain", "policy-paper"])
def test_multilingual_example_has_no_missing_glyphs(layout: str) -> None:
    assert [str(w) for w in multilingual(layout).warnings] == []


def test_every_font_of_the_multilingual_example_is_embedded_and_subset(tmp_path: Path) -> None:
    data = multilingual().pdf
    names = set()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            fd = f["/FontDescriptor"].get_object()
            assert "/FontFile2" in fd, f["/BaseFont"]
            names.add(str(f["/BaseFont"]).split("+", 1)[1])
            assert "+" in str(f["/BaseFont"])
    assert {"NotoNaskhArabic-Regular", "WenQuanYiMicroHei-0"} <= names, names
    assert len(data) < 250_000  # subsets: a few CJK characters do not embed a 5 MB face
    pdffonts = shutil.which("pdffonts")
    if pdffonts is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    out = tmp_path / "m.pdf"
    out.write_bytes(data)
    rows = subprocess.run([pdffonts, str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        emb, sub = row.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), row


def test_urdu_line_is_inked_where_its_text_is() -> None:
    """The page image of the Urdu sentence: glyphs drawn (dark pixels), not blank boxes."""
    data = multilingual().pdf
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        urdu = [c for c in page.chars if c["text"] in "\u067e\u0627\u06a9\u0633\u062a\u0646" and c["text"]]
        first = min(urdu, key=lambda c: c["top"])
        line = [c for c in urdu if abs(c["top"] - first["top"]) < 1]
        box = (min(c["x0"] for c in line), first["top"], max(c["x1"] for c in line), first["bottom"])
        img = page.crop(box).to_image(resolution=150).original.convert("L")
    dark = sum(1 for p in img.tobytes() if p < 128) / (img.width * img.height)
    assert 0.04 < dark < 0.6, dark


def test_a_brief_without_rtl_text_loads_no_shaping_or_bidi_code() -> None:
    """(ReportLab itself imports uharfbuzz when it is installed; it shapes nothing unless asked.)"""
    code = ("import sys\nfrom typeset.readers import load_brief\nfrom typeset.pipeline import render\n"
            f"render(load_brief({str(EXAMPLES / 'us-japan-alliance.yaml')!r}), 'issi-brief')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'bidi'"
            " or m in ('typeset.text.shaping', 'typeset.text.bidi', 'typeset.render.glyphs')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_layout_that_lists_nastaliq_first_sets_urdu_in_nastaliq(tmp_path: Path) -> None:
    layout = tmp_path / "nastaliq.yaml"
    layout.write_text("extends: issi-brief\nfonts:\n  fallback: [nastaliq, naskh, dejavu, cjk]\n", encoding="utf-8")
    result = render_result(load_brief(EXAMPLES / "multilingual.yaml"), str(layout))
    assert [str(w) for w in result.warnings] == []
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars}
    assert "NotoNastaliqUrdu-Regular" in fonts


def test_shaped_text_gives_the_same_bytes_in_this_process_and_a_fresh_one(tmp_path: Path) -> None:
    again = render_result(load_brief(EXAMPLES / "multilingual.yaml"), "issi-brief").pdf
    assert again == multilingual().pdf
    out = tmp_path / "fresh.pdf"
    code = ("import sys\nfrom typeset.readers import load_brief\nfrom typeset.pipeline import render\n"
            f"open({str(out)!r}, 'wb').write(render(load_brief({str(EXAMPLES / 'multilingual.yaml')!r}),"
            " 'issi-brief'))\n")
    subprocess.run([sys.executable, "-c", code], check=True)
    assert out.read_bytes() == again


def test_an_urdu_list_item_has_its_bullet_on_the_right(tmp_path: Path) -> None:
    src = tmp_path / "list.yaml"
    src.write_text("title: List\nsections:\n  - heading: Items\n    content:\n      - list: bullet\n        items:\n"
                   "          - \u06af\u0648\u0627\u062f\u0631 \u0628\u0646\u062f\u0631\u06af\u0627\u06c1\n"
                   "          - An English item\n", encoding="utf-8")
    with pdfplumber.open(io.BytesIO(render(load_brief(src), "plain"))) as pdf:
        chars = pdf.pages[0].chars
    bullets = sorted((c for c in chars if c["text"] == "\u2022"), key=lambda c: c["top"])
    urdu = [c for c in chars if c["text"] in "\u06af\u0648\u0627\u062f\u0631\u0628\u0646\u06c1" and c["text"]]
    english = [c for c in chars if c["text"] == "A"]
    assert len(bullets) == 2 and urdu and english
    assert bullets[0]["x0"] > max(c["x1"] for c in urdu)
    assert bullets[1]["x1"] < min(c["x0"] for c in english)
