"""Hostile text in every field of a brief is printed literally and does nothing else.

No ReportLab markup, evaluator or PDF syntax is reachable from a brief: each
payload reads back from the PDF as the text the model says it is, the
CVE-2023-33733 payload leaves no file behind, the PDF still parses strictly,
and every link annotation is http, https or mailto.
"""
from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pdfplumber
import pypdf
import pytest
import yaml

import typeset
from tests.security.helpers import image_bytes
from typeset.model.markup import parse_inline, plain_text
from typeset.model.nodes import Run

MARKER = Path(tempfile.gettempdir()) / f"typeset-pwned-{os.getpid()}"
CVE_2023_33733 = (
    "<para><font color=\"[[[getattr(pow, Word('__globals__'))['os'].system('touch " + str(MARKER) + "') "
    "for Word in [ orgTypeFun( 'Word', (str,), { 'mutated': 1, 'startswith': lambda self, x: 1 == 0, "
    "'__eq__': lambda self, x: self.mutate() and self.mutated < 0 and str(self) == x, "
    "'mutate': lambda self: { setattr(self, 'mutated', self.mutated - 1) }, "
    "'__hash__': lambda self: hash(str(self)), }, ) ] ] for orgTypeFun in [type(type(1))] for none in "
    "[[].append(1)]]] and 'red'\">exploit</font></para>"
)
PAYLOADS = {
    "cve-2023-33733": CVE_2023_33733,
    "font-color": "<font color=\"Color(1,0,0,1)\" face=\"/etc/passwd\" size=\"999\">red?</font>",
    "para-tags": "<para><b>bold</b><i>it</i><br/><super>1</super><strike>s</strike></para>",
    "img": "<img src=\"/etc/passwd\" width=\"10\" height=\"10\"/> and <img src='http://127.0.0.1:9/x.png'/>",
    "a-href": "<a href=\"file:///etc/passwd\">local</a> <a href=\"javascript:alert(1)\" color=\"red\">js</a>",
    "links": "[click](javascript:alert(1)) [file](file:///etc/passwd) [data](data:text/html;base64,PHM+) "
             "[vb](VBScript:msgbox) <javascript:alert(2)> [ok](https://example.org/ok)",
    "ondraw": "<onDraw name=\"x\" label=\"y\"/> <seq id=\"s\"/> <unichar name=\"SNOWMAN\"/> <evalString>1+1</evalString>",
    "controls": "bell\x07 nul\x00 esc\x1b[31m del\x7f c1\x85\x9b rlo\u202edesrever\u202c zw\u200bsp",
    "pdf-syntax": "%PDF-1.7 1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> "
                  "endobj trailer << /Root 1 0 R >> %%EOF",
    "pdf-strings": ") Tj ET BT /F1 99 Tf (pwned) Tj ( \\ \\\\ \\) \\( ((( ))) <feff0041> \\000 \\376\\377",
    "format": "{title} {0} {page} %s %(x)s %n {{}} ${HOME} $(id) `id` {__class__.__mro__}",
    "entities": "&lt;b&gt; &amp; &#65; &#x41; &nbsp; &lt;/para&gt; <![CDATA[x]]> <!-- c -->",
    "unicode": "\u00dcn\u00efc\u00f6d\u00e9 \u2014 \u2018q\u2019 \u201cd\u201d \u00bd \u2211 \U0001d518 \ue000\ue001 "
               "\ufffd \ufeff",
    "markdown-edges": "**unclosed *nested `code` ^ [ ] [a](<b>) \\* \\\\ \\[x\\] <https://> <mailto:>",
}
PLAIN_FIELDS = ("series", "title", "subtitle", "date", "author", "role", "affiliation", "editor",
                "publisher", "web", "phone", "fax", "disclaimer")
MARKUP_FIELDS = ("heading", "paragraph", "item", "quote", "caption", "note", "inline-note")


def layout_file(folder: Path) -> Path:
    """The house layout on a page big enough that nothing breaks across pages."""
    path = folder / "big-page.yaml"
    path.write_text("version: 1\nextends: issi-brief\npage: {size: 3000mm x 4000mm}\n")
    return path


def brief_data(p: str) -> dict:
    return {
        "series": p, "title": p, "subtitle": p, "date": p,
        "authors": [{"name": p, "role": p, "affiliation": p}],
        "editors": [p],
        "publisher": {"name": p, "web": p, "phone": p, "fax": p, "logo": "logo.png"},
        "disclaimer": p,
        "sections": [{"heading": p, "content": [
            p + "[^n]",
            {"list": "bullet", "items": [p]},
            {"quote": p},
            {"image": "chart.png", "caption": p},
            "Inline.^[" + p.replace("[", "(").replace("]", ")") + "]",
        ]}],
        "footnotes": {"n": p},
    }


def squash(text: str) -> str:
    """Text as compared: casefolded (the layout uppercases), printable ASCII only, no spaces or hyphens.

    Spaces and line-end hyphens move with line breaking; fonts and
    extraction treat other characters their own way (tested separately).
    """
    return "".join(ch for ch in text.casefold() if ch.isascii() and ch.isprintable() and ch not in " -")


def expected_texts(p: str) -> tuple[str, str, str]:
    """What the model makes of `p`: as a plain field, as inline markup, as an inline note."""
    runs = "".join(i.text for i in parse_inline(p).items if isinstance(i, Run))
    note = next(i for i in parse_inline("x^[" + p.replace("[", "(").replace("]", ")") + "]").items
                if not isinstance(i, Run))
    return plain_text(p), runs, "".join(r.text for r in note.content)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("injection")
    (path / "chart.png").write_bytes(image_bytes("PNG", (40, 20)))
    (path / "logo.png").write_bytes(image_bytes("PNG", (30, 10)))
    layout_file(path)
    return path


def annotations(pdf: bytes) -> list[dict]:
    reader = pypdf.PdfReader(io.BytesIO(pdf), strict=True)
    root = reader.trailer["/Root"]
    assert "/OpenAction" not in root and "/AA" not in root
    assert "/JavaScript" not in (root.get("/Names") or {})
    found = []
    for page in reader.pages:
        assert "/AA" not in page
        for annot in page.get("/Annots") or []:
            found.append(annot.get_object())
    return found


def check_links(pdf: bytes) -> list[str]:
    uris = []
    for annot in annotations(pdf):
        action = annot.get("/A")
        if action is None:
            assert "/Dest" in annot
            continue
        assert action["/S"] in ("/URI", "/GoTo"), action
        if action["/S"] == "/URI":
            uri = str(action["/URI"])
            assert uri.split(":", 1)[0].lower() in ("http", "https", "mailto"), uri
            uris.append(uri)
    return uris


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_payload_in_every_field_prints_literally(folder, name):
    payload = PAYLOADS[name]
    brief = typeset.Brief.from_dict(brief_data(payload), base_dir=folder)
    pdf = typeset.render(brief, str(folder / "big-page.yaml"))
    assert not MARKER.exists()
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        text = squash(doc.pages[0].extract_text())
    plain, markup, inline = (squash(t) for t in expected_texts(payload))
    wanted: dict[str, int] = {}
    for t, n in ((plain, len(PLAIN_FIELDS)), (markup, len(MARKUP_FIELDS) - 1), (inline, 1)):
        wanted[t] = wanted.get(t, 0) + n
    for t, n in wanted.items():
        assert len(t) > 3 and text.count(t) >= n, (t, text.count(t), n)
    uris = check_links(pdf)
    if name == "links":
        assert "https://example.org/ok" in uris  # links do work, so the scheme check above is not empty
    meta = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert meta.title == plain_text(payload)
    assert meta.author == plain_text(payload)


@pytest.mark.parametrize("name", ["cve-2023-33733", "font-color", "img", "ondraw", "pdf-strings"])
def test_telltale_text_survives_verbatim(folder, name):
    """The characters ReportLab markup is made of reach the page unchanged (spaces apart)."""
    payload = PAYLOADS[name]
    brief = typeset.Brief.from_dict({"title": "T", "sections": [{"heading": "H", "content": [
        {"quote": payload}]}]}, base_dir=folder)
    pdf = typeset.render(brief, str(folder / "big-page.yaml"))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "".join(doc.pages[0].extract_text().split())
    assert "".join(expected_texts(payload)[1].split()) in text
    assert not MARKER.exists()


def test_payloads_through_a_yaml_file(tmp_path):
    """The same corpus written as YAML (escapes and all) and built by the command's code path."""
    for name, payload in PAYLOADS.items():
        data = brief_data(payload)
        data["publisher"].pop("logo")
        data["sections"][0]["content"].pop(3)
        (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=False), encoding="utf-8")
        built = typeset.build(tmp_path / f"{name}.yaml", tmp_path / f"{name}.pdf")
        pdf = built.path.read_bytes()
        assert pdf.startswith(b"%PDF") and built.pages >= 1
        check_links(pdf)
    assert not MARKER.exists()


def test_very_long_lines(folder):
    tokens = ["<b>x</b>()"] * 2000
    brief = typeset.Brief.from_dict({
        "title": "Q" * 3000,
        "sections": [{"heading": "H", "content": [" ".join(tokens) + "[^n]", "W" * 20_000]}],
        "footnotes": {"n": "Z" * 19_000},
    })
    pdf = typeset.render(brief)
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)  # fast
    assert text.replace("-\n", "").count("<b>x</b>()") == 2000
    assert (text.count("Q"), text.count("W"), text.count("Z")) == (3000, 20_000, 19_000)
