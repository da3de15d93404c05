"""A footnote of several paragraphs: a list of strings in `footnotes:`, each set on lines of its own."""
from __future__ import annotations

import io

import pdfplumber

from typeset.model.nodes import Run
from typeset.pipeline import render

NOTE = """\
title: T
sections:
  - heading: H
    content:
      - Text.[^a] More.[^b]
footnotes:
  a:
    - First paragraph of the note.
    - Second *paragraph*, on a line of its own.
  b: One paragraph.
"""


def test_a_list_is_a_note_of_paragraphs(load_yaml) -> None:
    brief = load_yaml(NOTE, strict=True)
    a, b = brief.footnotes
    assert a.content == (Run("First paragraph of the note."),)
    assert a.more == ((Run("Second "), Run("paragraph", italic=True), Run(", on a line of its own.")),)
    assert b.more == ()


def test_each_paragraph_starts_a_line(load_yaml) -> None:
    with pdfplumber.open(io.BytesIO(render(load_yaml(NOTE), "plain"))) as pdf:
        lines = [line["text"] for line in pdf.pages[0].extract_text_lines()]
    first = lines.index("1 First paragraph of the note.")
    assert lines[first + 1] == "Second paragraph, on a line of its own."
    assert lines[first + 2] == "2 One paragraph."


def test_bad_paragraphs_are_reported(problems) -> None:
    assert problems(NOTE.replace("    - Second *paragraph*, on a line of its own.", "    - {x: 1}")
                    .replace("  b: One paragraph.", "  b: []")) == [
        "b.yaml:9:7: error: expected text for footnote 'a', got a mapping",
        "b.yaml:10:6: error: footnote 'b' is empty",
    ]
