"""Writing literal text and styles as the brief's markup: what the model parses back is what was read."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from typeset.model.markup import parse_inline
from typeset.model.nodes import Run
from typeset.readers.markup import autolink, escape, link, styled, styled_spans


def runs(markup: str) -> tuple:
    parsed = parse_inline(markup)
    assert parsed.diagnostics == ()
    return parsed.items


def test_escaped_text_is_literal() -> None:
    text = r"2 * 3 = [six] <not a link> \ ^[not a note] [^nor-a-ref]"
    assert runs(escape(text)) == (Run(text),)


def test_links_keep_their_targets() -> None:
    url = "https://example.org/a_(b)/c d<e>"
    assert runs(link("here", url)) == (Run("here", link="https://example.org/a_(b)/c%20d<e>"),)
    assert runs(autolink("mailto:a@b.org")) == (Run("a@b.org", link="mailto:a@b.org", url=True),)


def test_styles_next_to_letters_and_punctuation() -> None:
    assert runs("word" + styled('"quoted"', italic=True, bold=False, before="d", after="s") + "s") == (
        Run('word"'), Run("quoted", italic=True), Run('"s'))
    assert runs("a " + styled(" both ", italic=True, bold=True, before=" ", after="")) == (
        Run("a "), Run("both", italic=True, bold=True))
    assert runs("x" + styled(")", italic=True, bold=False, before="x", after="")) == (Run("x)"),)


texts = st.text(alphabet=st.sampled_from(list("ab \"'()*[]<>\\^.-,!?é—") + ["\u00a0"]), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(texts, st.booleans(), st.booleans()), min_size=1, max_size=5))
def test_any_styled_spans_print_their_text(spans: list[tuple[str, bool, bool]]) -> None:
    written, kept = styled_spans(spans)
    printed = "".join(r.text for r in parse_inline(written).items)
    assert printed == " ".join("".join(t for t, _, _ in spans).replace("\u00a0", "\x00").split()).replace("\x00", "\u00a0")
    if len(spans) == 1:
        assert kept  # one span's style can always be written


def test_touching_styles_are_kept_where_they_can_be() -> None:
    written, kept = styled_spans([("<", True, False), ("<", False, True)])
    assert [(r.text, r.italic, r.bold) for r in parse_inline(written).items] in (
        [("<", True, False), ("<", False, True)], [("<<", False, False)])
    written, kept = styled_spans([("Title", True, False), (", 2024", False, False)])
    assert kept and parse_inline(written).items == (Run("Title", italic=True), Run(", 2024"))
