"""The Markdown reader: CommonMark blocks and Pandoc footnotes into the brief, errors at FILE:LINE:COL."""
from __future__ import annotations

from pathlib import Path

import pytest

from typeset.errors import BriefError
from typeset.model.nodes import Image, ListBlock, NoteRef, Paragraph, Quote, Run
from typeset.readers import load_brief

FRONT = "---\ntitle: A Title\nauthors: [Ann Author]\ndate: 2024-05-28\n---\n\n"


def write(tmp_path: Path, text: str, name: str = "b.md") -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return name


@pytest.fixture(autouse=True)
def _here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_blocks_map_to_the_brief(tmp_path: Path) -> None:
    md = FRONT + """# One

Plain, *italic*, _also_, **bold**, [a link](https://example.org/x) and <https://example.org/a_b>.[^n]

- first
- second

1. one
2. two

> Quoted *text*.

![A *chart*](chart.png){width=60%}

## Two

Literal \\*stars\\*, [brackets] and a caret^ stay.^[An inline note.]

### Three

Deep.

# Four

Last.

[^n]: The note, with *style*.

    Its second paragraph.
"""
    brief = load_brief(write(tmp_path, md), strict=True)
    assert brief.title == "A Title" and brief.date == "2024-05-28" and brief.authors[0].name == "Ann Author"
    one, four = brief.sections
    para, bullets, numbered, quote, image = one.content
    assert isinstance(para, Paragraph) and para.content == (
        Run("Plain, "), Run("italic", italic=True), Run(", "), Run("also", italic=True), Run(", "),
        Run("bold", bold=True), Run(", "), Run("a link", link="https://example.org/x"), Run(" and "),
        Run("https://example.org/a_b", link="https://example.org/a_b", url=True), Run("."), NoteRef(1, "n"))
    assert isinstance(bullets, ListBlock) and bullets.style == "bullet" and len(bullets.items) == 2
    assert isinstance(numbered, ListBlock) and numbered.style == "numbered"
    assert isinstance(quote, Quote) and quote.content == (Run("Quoted "), Run("text", italic=True), Run("."))
    assert isinstance(image, Image) and (image.src, image.width) == ("chart.png", "60%")
    assert image.caption == (Run("A "), Run("chart", italic=True))
    (two,) = one.sections
    assert two.level == 2 and two.content[0].content[0] == Run("Literal *stars*, [brackets] and a caret^ stay.")
    assert two.sections[0].level == 3 and four.content[0].content == (Run("Last."),)
    note, inline = brief.footnotes
    assert note.content == (Run("The note, with "), Run("style", italic=True), Run("."))
    assert note.more == ((Run("Its second paragraph."),),)
    assert inline.content == (Run("An inline note."),) and inline.key == "^2"


def test_positions_of_errors(tmp_path: Path) -> None:
    md = FRONT + "# One\n\nFirst line of the paragraph,\nthen a mark[^missing] here.\n\n[^other]: Unused.\n"
    with pytest.raises(BriefError) as info:
        load_brief(write(tmp_path, md))
    assert [str(p) for p in info.value.problems] == [
        "b.md:10:12: error: undefined footnote 'missing'",
        "b.md:12:1: warning: footnote 'other' is never referenced",
    ]


def test_front_matter_errors_keep_file_lines(tmp_path: Path) -> None:
    with pytest.raises(BriefError) as info:
        load_brief(write(tmp_path, "---\ntitle: T\ntitel: x\nsections: []\n---\n\n# H\n\nText.\n"))
    assert [str(p) for p in info.value.problems] == [
        "b.md:3:1: error: unknown key 'titel'; did you mean 'title'?",
        "b.md:4:1: error: 'sections' comes from the Markdown text, not the front matter",
    ]
    with pytest.raises(BriefError, match=r"^b\.md:3:12: error: invalid YAML"):
        load_brief(write(tmp_path, "---\ntitle: T\nauthors: [x\n---\n\n# H\n"))


def test_text_before_the_first_heading(tmp_path: Path) -> None:
    with pytest.raises(BriefError, match=r"^b\.md:7:1: error: text before the first heading"):
        load_brief(write(tmp_path, FRONT + "Stray.\n\n# H\n\nText.\n"))


@pytest.mark.parametrize(("block", "what", "line"), [
    ("```\ncode\n```", "a code block", 11),
    ("<div>html</div>", "an HTML block", 11),
    ("---", "a horizontal rule", 11),
    ("- item\n  - nested", "a list inside a list item", 12),
])
def test_unmapped_blocks_warn_and_strict_refuses(tmp_path: Path, block: str, what: str, line: int) -> None:
    name = write(tmp_path, FRONT + f"# H\n\nText.\n\n{block}\n")
    (warning,) = load_brief(name).warnings
    assert warning.message.startswith(what) and (warning.line, warning.severity) == (line, "warning")
    with pytest.raises(BriefError) as info:
        load_brief(name, strict=True)
    assert [p.severity for p in info.value.problems] == ["error"]


def test_duplicate_definitions_and_double_references(tmp_path: Path) -> None:
    md = FRONT + "# H\n\nA[^a] and again[^a].\n\n[^a]: One.\n\n[^a]: Two.\n"
    with pytest.raises(BriefError) as info:
        load_brief(write(tmp_path, md))
    assert [str(p) for p in info.value.problems] == [
        "b.md:9:16: error: footnote 'a' is referenced twice (first at line 9, column 2); each note is "
        "referenced once",
        "b.md:13:1: error: footnote 'a' is defined twice (first at line 11)",
    ]


def test_an_image_path_is_held_to_the_brief_folder(tmp_path: Path) -> None:
    from typeset.pipeline import render

    brief = load_brief(write(tmp_path, FRONT + "# H\n\n![x](../../etc/passwd)\n"))
    with pytest.raises(BriefError, match=r"^b\.md:9:1: error: .*outside"):
        render(brief)


def test_nested_lists_and_quotes_in_notes_keep_their_text(tmp_path: Path) -> None:
    md = FRONT + "# H\n\n- one\n  - nested\n- two\n\nA.[^n]\n\n[^n]: Note.\n\n    > Quoted in the note.\n"
    brief = load_brief(write(tmp_path, md))
    assert [i[0].text for i in brief.sections[0].content[0].items] == ["one", "nested", "two"]
    assert brief.footnotes[0].more == ((Run("Quoted in the note."),),)
    assert [str(w) for w in brief.warnings] == [
        "b.md:10:3: warning: a list inside a list item cannot nest in a brief; its items are set in the list "
        "around it",
        "b.md:15:1: warning: a footnote holds paragraphs only; its quote is set as paragraphs of the note"]
