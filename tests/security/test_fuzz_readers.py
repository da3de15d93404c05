"""Fuzzing the Markdown and Word readers: any input is a PDF or a BriefError, and literal text stays literal.

Markdown is generated from pieces of its own syntax and of the brief's
markup, so the escapes the reader writes are exercised; Word paragraphs
carry hostile text in runs, links and notes.
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import typeset
from tests.readers.docxutil import HYPERLINK, brief_body, footnote, note_ref, p, r, rels, write_docx
from tests.security.test_fuzz import HOSTILE

MD_PIECES = ["# ", "## ", "### ", "#### ", "- ", "1. ", "> ", "\n", "\n\n", "    ", "*", "_", "**", "`", "[^a]",
             "[^b]", "^[", "]", "[", "](", ")", "![", "<https://e.org/x>", "<a@b.c>", "\\", "---\n", "```\n",
             "<div>", "[^a]: ", "{width=50%}", "text", "Zürich", "2 * 3", "a*b", "<", "&amp;", "\t", "|a|b|\n"]
markdown = st.lists(st.sampled_from(MD_PIECES + HOSTILE), max_size=40).map("".join)
SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


def outcome(path: Path) -> str:
    try:
        brief = typeset.load(path)
        pdf = typeset.render(brief)
    except typeset.BriefError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        return "error"
    assert pdf.startswith(b"%PDF")
    return "pdf"


@settings(max_examples=120, deadline=None, suppress_health_check=SLOW)
@given(markdown)
def test_any_markdown_is_a_pdf_or_a_brief_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "b.md"
    path.write_text("---\ntitle: T\n---\n# H\n\n" + text, encoding="utf-8", errors="surrogatepass")
    outcome(path)


@settings(max_examples=60, deadline=None, suppress_health_check=SLOW)
@given(st.lists(st.sampled_from([h for h in HOSTILE if h.isprintable() and "\ud800" not in h]), min_size=1,
                max_size=20).map("".join))
def test_word_text_prints_literally(tmp_path: Path, text: str) -> None:
    if not text.strip():
        return
    safe = xml_escape(text)
    body = brief_body(p(runs=r(safe) + r(safe, italic=True) + note_ref(1)),
                      p(runs=f'<w:hyperlink r:id="rId1">{r(safe)}</w:hyperlink>'))
    path = write_docx(tmp_path / "b.docx", body, notes=footnote(1, safe),
                      doc_rels=rels(("rId1", HYPERLINK, "https://example.org/", True)))
    brief = typeset.load(path)
    para, linked = brief.sections[0].content
    printed = "".join(x.text for x in para.content if hasattr(x, "text"))
    assert printed == " ".join((text + text).split()) or printed.replace(" ", "") == (text + text).replace(" ", "")
    assert all(getattr(x, "link", None) in (None, "https://example.org/") for x in linked.content)
    assert outcome(path) == "pdf"
