"""Properties of the inline parser on arbitrary text: it never fails and loses no words."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from typeset.model.markup import ASCII_PUNCT, NoteMark, parse_inline, plain_text
from typeset.model.nodes import Run

MARKUP_BITS = ["*", "**", "[", "]", "^[", "[^", "(", ")", "<", ">", "\\", " ", "\n", "\t", "a", "Z", "9",
               "\u00e9", "https://e.org/x", "http:", "mailto:a@b.c", "@", "x@y.org", "](", "javascript:",
               "\x00", "\x07", "\u00a0", "\u2028", "_", "."]
markupish = st.lists(st.sampled_from(MARKUP_BITS), max_size=60).map("".join)
anything = st.one_of(st.text(max_size=200), markupish)


def flatten(items) -> str:
    """The printed text, notes' text in place of their marks."""
    out = []
    for item in items:
        if isinstance(item, NoteMark):
            out.append(flatten(item.content))
        else:
            out.append(item.text)
    return "".join(out)


def check_runs(items, *, top: bool) -> None:
    runs = [x for x in items if isinstance(x, Run)]
    for run in runs:
        assert run.text
        assert "  " not in run.text
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\t\n]", run.text)
        assert run.link is None or run.link.lower().startswith(("http:", "https:", "mailto:"))
    if items and isinstance(items[0], Run):
        assert not items[0].text.startswith(" ")
    if items and isinstance(items[-1], Run):
        assert not items[-1].text.endswith(" ")
    for a, b in zip(items, items[1:], strict=False):
        if isinstance(a, Run) and isinstance(b, Run):
            assert (a.italic, a.bold, a.link, a.url) != (b.italic, b.bold, b.link, b.url)
    for x in items:
        if isinstance(x, NoteMark):
            assert top, "no notes inside notes"
            check_runs(x.content, top=False)


@settings(max_examples=400, deadline=None)
@given(anything, st.booleans())
def test_never_fails_and_output_is_normalized(text, in_note):
    parsed = parse_inline(text, in_note=in_note)
    check_runs(parsed.items, top=not in_note)
    for d in parsed.diagnostics:
        assert 0 <= d.offset < len(text)
    for x in parsed.items:
        if isinstance(x, NoteMark):
            assert text[x.offset] in "[^"


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=200), markupish).map(lambda s: s.replace("^", "").replace("(", "").replace("@", "")))
def test_every_letter_and_digit_survives(text):
    """Without links, references, notes or citations, markup only removes markup characters."""
    out = flatten(parse_inline(text).items)
    assert [c for c in out if c.isalnum()] == [c for c in text if c.isalnum()]


@settings(max_examples=400, deadline=None)
@given(anything)
def test_escaping_every_punctuation_mark_gives_the_text_back(text):
    escaped = "".join("\\" + c if c in ASCII_PUNCT else c for c in text)
    parsed = parse_inline(escaped)
    expected = plain_text(text)
    assert parsed.items == ((Run(expected),) if expected else ())
