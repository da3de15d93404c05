"""Inline markup: each construct of the spec table, and what stays literal."""
from __future__ import annotations

import pytest

from typeset.model.markup import Diagnostic, NoteMark, parse_inline, plain_text
from typeset.model.nodes import Run

R = Run


def I(text: str) -> Run:  # noqa: E743 - reads like the markup it stands for
    return Run(text, italic=True)


def B(text: str) -> Run:
    return Run(text, bold=True)


def BI(text: str) -> Run:
    return Run(text, italic=True, bold=True)


def items(text: str, **kw) -> tuple:
    parsed = parse_inline(text, **kw)
    assert not parsed.diagnostics, parsed.diagnostics
    return parsed.items


@pytest.mark.parametrize("text", [
    "a < b > c & d",
    "\"quoted\" and 'single' and \u201ccurly\u201d",
    "<b>not html</b> &amp; <script>",
    "2 * 3 = 6",
    "a*b",
    "a * b * c",
    "price: $1.7 billion; 50% off; x^2; [brackets] (parens)",
    "_underscores_ and `backticks`",
    "\u4e2d\u6587 \u0639\u0631\u0628\u064a \U0001f600",
    "<ftp://example.org> and <javascript:alert(1)>",
    "[text] (https://example.org)",
    "[a](not a url)",
    "^ alone and ^[ unclosed",
    "back\\slash before a letter \\d",
    "trailing backslash \\",
])
def test_literal_text(text):
    assert items(text) == (R(text),)


def test_emphasis():
    assert items("*it* and **bold**") == (I("it"), R(" and "), B("bold"))
    assert items("***both***") == (BI("both"),)
    assert items("**bold *both* bold**") == (B("bold "), BI("both"), B(" bold"))
    assert items("*it **both** it*") == (I("it "), BI("both"), I(" it"))


def test_emphasis_inside_words_as_commonmark():
    assert items("a*b*c") == (R("a"), I("b"), R("c"))
    assert items("*foo*bar") == (I("foo"), R("bar"))


def test_unmatched_asterisks_stay_literal():
    assert items("*open only") == (R("*open only"),)
    assert items("close only*") == (R("close only*"),)
    assert items("*a**") == (I("a"), R("*"))
    assert items("**a*") == (R("*"), I("a"))
    assert items("* not * emphasis *") == (R("* not * emphasis *"),)


def test_escapes():
    assert items(r"\*not\* \[x\] \\ \<a\> \^[n] \_ \`") == (R(r"*not* [x] \ <a> ^[n] _ `"),)
    assert items(r"\[^id]") == (R("[^id]"),)
    assert items(r"\**bold?**") == (R("*"), I("bold?"), R("*"))


def test_links():
    url = "https://example.org/a_(b)"
    assert items(f"see [the *page*]({url}).") == (
        R("see "), Run("the ", link=url), Run("page", italic=True, link=url), R("."))
    assert items("[mail](mailto:a@b.org)") == (Run("mail", link="mailto:a@b.org"),)
    assert items(r"[x](https://e.org/\))") == (Run("x", link="https://e.org/)"),)
    assert items("*[em link](http://e.org)*") == (Run("em link", italic=True, link="http://e.org"),)


def test_empty_link_text_shows_the_url():
    assert items("[](https://e.org)") == (Run("https://e.org", link="https://e.org", url=True),)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x",
                                 "page.html", "www.example.org"])
def test_refused_link_keeps_text_and_warns(url):
    parsed = parse_inline(f"a [click]({url}) b")
    assert parsed.items == (R("a click b"),)
    assert parsed.diagnostics == (Diagnostic(
        2, f"link target '{url}' is not allowed (only http, https and mailto links); "
           "the text is kept without a link", "warning"),)


def test_autolinks():
    u = "https://www.example.org/a/b?c=d&e=f"
    assert items(f"at <{u}>.") == (R("at "), Run(u, link=u, url=True), R("."))
    assert items("<HTTP://E.ORG>") == (Run("HTTP://E.ORG", link="HTTP://E.ORG", url=True),)
    assert items("<mailto:x@y.org>") == (Run("mailto:x@y.org", link="mailto:x@y.org", url=True),)
    assert items("<x@y.org>") == (Run("x@y.org", link="mailto:x@y.org", url=True),)
    # Markup characters inside an autolink are part of the URL.
    v = "http://e.org/*a*/[b]"
    assert items(f"<{v}>") == (Run(v, link=v, url=True),)


def test_footnote_references():
    assert items("a[^n1] b[^x-2].") == (
        R("a"), NoteMark("n1", 1), R(" b"), NoteMark("x-2", 8), R("."))
    assert items("*em[^n]*") == (I("em"), NoteMark("n", 3))


def test_inline_notes_with_nested_brackets_and_escapes():
    (before, mark, after) = items(r"x^[see [a] and \] and *it* <https://e.org>] y")
    assert before == R("x") and after == R(" y")
    assert mark.key is None and mark.offset == 1
    assert mark.content == (R("see [a] and ] and "), I("it"), R(" "),
                            Run("https://e.org", link="https://e.org", url=True))


def test_links_inside_notes():
    mark = items("t^[[site](https://e.org)]")[1]
    assert mark.content == (Run("site", link="https://e.org"),)


def test_emphasis_does_not_cross_a_note():
    out = items("*a ^[b* c] d*")
    assert out[0] == I("a ") and out[2] == I(" d")
    assert out[1].content == (R("b* c"),)


def test_reference_inside_note_is_an_error():
    parsed = parse_inline("a [^x] and ^[b]", in_note=True)
    assert [d.message for d in parsed.diagnostics] == [
        "a footnote cannot contain a footnote reference ([^x])",
        "a footnote cannot contain an inline footnote (^[...])",
    ]
    assert [d.offset for d in parsed.diagnostics] == [2, 11]
    assert parse_inline("^[a ^[b]]").diagnostics[0].message == \
        "a footnote cannot contain an inline footnote (^[...])"
    assert parse_inline("^[a [^x]]").diagnostics[0].offset == 4


def test_empty_inline_note_is_an_error():
    assert parse_inline("x^[  ]").diagnostics == (Diagnostic(1, "empty inline footnote"),)


def test_whitespace_collapses():
    assert items("  a\n\tb   c  \r\n") == (R("a b c"),)
    assert items("a  *b*  c") == (R("a "), I("b"), R(" c"))
    assert items("a \u00a0 b") == (R("a \u00a0 b"),)  # no-break space is kept
    assert items("**  **") == (R("** **"),)  # not flanking: literal, as in CommonMark
    assert items("***") == (R("***"),)


def test_control_characters_are_removed_with_a_warning():
    parsed = parse_inline("a\x00b\x07c *d\x1b*")
    assert parsed.items == (R("abc "), I("d"))
    assert parsed.diagnostics == (Diagnostic(1, "control character U+0000 removed", "warning"),)
    assert parse_inline("lone \ud800 surrogate").items == (R("lone surrogate"),)


def test_adjacent_equal_styles_merge():
    assert items(r"a\*b\[c") == (R("a*b[c"),)
    assert items("*a* *b*") == (I("a"), R(" "), I("b"))
    assert items("<http://a.b><http://a.b>") == (Run("http://a.bhttp://a.b", link="http://a.b", url=True),)


def test_plain_text_fields():
    assert plain_text("  A\ttitle\n with *stars* \x07") == "A title with *stars*"
