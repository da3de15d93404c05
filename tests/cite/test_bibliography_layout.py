"""A layout that asks for a bibliography ends the brief with one, read back from the PDF."""
from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from tests.conftest import EXAMPLES
from tests.helpers.notetext import QUOTES
from tests.helpers.readback import check
from typeset.cite import resolve_citations
from typeset.layout.engine import geometry
from typeset.pipeline import render
from typeset.readers import load_brief
from typeset.style import load_layout


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(p.extract_text() or "" for p in doc.pages)


def test_bibliography_section_from_the_layout(tmp_path: Path) -> None:
    layout = tmp_path / "with-bibliography.yaml"
    layout.write_text("extends: issi-brief\nbibliography: true\nbibliography_heading: Sources Cited\n",
                      encoding="utf-8")
    spec = load_layout(str(layout))
    brief = load_brief(EXAMPLES / "us-japan-alliance-cited.yaml")
    pdf = render(brief, spec)
    text = " ".join(_text(pdf).translate(QUOTES).split())
    tail = text[text.index("Sources Cited"):]
    entries = ["Dangwal, Ashish.", "Hornung, Jeffrey W. \"America's Best Friend in Asia.\" Foreign Affairs,",
               "Moriyasu, Ken.", "Rich, Motoko.", "Royal Air Force. \"UK, Japan,", "Saballa, Joe.",
               "Sevastopulo, Demetri, and Kana Inagaki. \"Aukus", "\u2014\u2014\u2014. \"US and Japan Announce",
               "\u2014\u2014\u2014. \"US and Japan Plan", "Takahashi, Kosuke.",
               "White House. \"Indo-Pacific", "\u2014\u2014\u2014. \"Joint Vision", "\u2014\u2014\u2014. \"United States-Japan"]
    at = [tail.find(e.replace("White House", "The White House")) for e in entries]
    assert -1 not in at, [e for e, a in zip(entries, at, strict=True) if a < 0]
    assert at == sorted(at)  # by author, a leading "The" ignored; the same authors again a 3-em dash
    g = geometry(spec)
    resolved = resolve_citations(brief, bibliography=True, heading="Sources Cited")
    assert check(pdf, resolved, left=g.left, right=g.left + g.width, top=g.top, bottom=g.top + g.height) == []


def test_bundled_layouts_print_no_bibliography() -> None:
    pdf = render(load_brief(EXAMPLES / "us-japan-alliance-cited.yaml"), "issi-brief")
    assert "Bibliography" not in _text(pdf)


def test_same_input_same_bytes(tmp_path: Path) -> None:
    layout = tmp_path / "with-bibliography.yaml"
    layout.write_text("extends: plain\nbibliography: true\n", encoding="utf-8")
    spec = load_layout(str(layout))
    path = EXAMPLES / "us-japan-alliance-cited.yaml"
    assert render(load_brief(path), spec) == render(load_brief(path), spec)


def test_entries_hang(tmp_path: Path) -> None:
    """An entry's first line starts at the margin, its later lines at the layout's hanging indent."""
    layout = tmp_path / "with-bibliography.yaml"
    layout.write_text("extends: issi-brief\nbibliography: true\nbody: {hanging_indent: 20pt}\n", encoding="utf-8")
    spec = load_layout(str(layout))
    g = geometry(spec)
    pdf = render(load_brief(EXAMPLES / "us-japan-alliance-cited.yaml"), spec)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        lines = [ln for p in doc.pages for ln in p.extract_text_lines()]
    start = next(k for k, ln in enumerate(lines) if ln["text"] == "Bibliography")
    entry = lines[start + 1]
    assert entry["text"].startswith("Dangwal, Ashish.")
    assert abs(entry["x0"] - g.left) < 0.5
    assert abs(lines[start + 2]["x0"] - (g.left + 20)) < 0.5  # the same entry's second line
