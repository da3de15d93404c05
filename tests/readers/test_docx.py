"""The Word reader: what each part of a .docx becomes in the brief, and how problems are named."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.cli.cliutil import run
from tests.readers.docxutil import (
    HYPERLINK,
    IMAGE,
    brief_body,
    footnote,
    note_ref,
    p,
    r,
    rels,
    write_docx,
)
from tests.security.helpers import image_bytes
from typeset.errors import BriefError
from typeset.model.nodes import Image, ListBlock, NoteRef, Paragraph, Quote, Run
from typeset.pipeline import render
from typeset.readers import load_brief


def test_styles_map_to_the_brief(tmp_path: Path) -> None:
    body = brief_body(
        p(runs=r("Plain, ") + r("italic", italic=True) + r(" and ") + r("bold", bold=True)
          + r(" not", props='<w:i w:val="0"/>') + r(" styled", props='<w:rStyle w:val="Emphasis"/>') + note_ref(5)),
        p("First", num=(1, 0)), p("Second", num=(1, 0)),
        p("One", num=(2, 0)), p("Two", num=(2, 0)),
        p("Said once.", "Quote"),
        p("Sub", "Heading2"), p("Deeper", "Heading3"), p("Sibling", "MyHeading"),
        p("Literal *stars* and [brackets]"),
    )
    path = write_docx(tmp_path / "b.docx", body, notes=footnote(5, "The *real* note."))
    brief = load_brief(path, strict=True)
    assert brief.title == "A Title"
    assert [a.name for a in brief.authors] == ["Ann Author"]
    (s,) = brief.sections
    first, bullets, numbered, quote = s.content
    assert isinstance(first, Paragraph)
    assert first.content == (Run("Plain, "), Run("italic", italic=True), Run(" and "), Run("bold", bold=True),
                             Run(" not "), Run("styled", italic=True), NoteRef(1, "1"))
    assert isinstance(bullets, ListBlock) and bullets.style == "bullet"
    assert [i[0].text for i in bullets.items] == ["First", "Second"]
    assert isinstance(numbered, ListBlock) and numbered.style == "numbered" and len(numbered.items) == 2
    assert isinstance(quote, Quote) and quote.content == (Run("Said once."),)
    assert [x.heading[0].text for x in s.sections] == ["Sub", "Sibling"]
    assert s.sections[0].sections[0].heading == (Run("Deeper"),) and s.sections[0].sections[0].level == 3
    assert s.sections[1].content[0].content == (Run("Literal *stars* and [brackets]"),)
    (note,) = brief.footnotes
    assert note.content == (Run("The *real* note."),)  # Word text is literal: no markup inside it


def test_hyperlinks_and_urls(tmp_path: Path) -> None:
    url = "https://example.org/a_b(c)"
    body = brief_body(p(runs=f'<w:hyperlink r:id="rId1">{r("a site")}</w:hyperlink>{r(" and ")}'
                             f'<w:hyperlink r:id="rId2">{r(url)}</w:hyperlink>'))
    path = write_docx(tmp_path / "b.docx", body, doc_rels=rels(("rId1", HYPERLINK, "https://example.org/", True),
                                                                 ("rId2", HYPERLINK, url, True)))
    content = load_brief(path).sections[0].content[0].content
    assert content == (Run("a site", link="https://example.org/"), Run(" and "), Run(url, link=url, url=True))


def test_footnotes_in_reading_order_with_their_paragraphs(tmp_path: Path) -> None:
    body = brief_body(p(runs=r("A.") + note_ref(30) + r(" B.") + note_ref(7)))
    notes = footnote(7, "Second.") + footnote(30, "First.", "Its second paragraph.")
    brief = load_brief(write_docx(tmp_path / "b.docx", body, notes=notes))
    assert [(n.number, n.content, n.more) for n in brief.footnotes] == [
        (1, (Run("First."),), ((Run("Its second paragraph."),),)), (2, (Run("Second."),), ())]
    assert brief.warnings == ()


def test_header_from_document_properties(tmp_path: Path) -> None:
    body = p("Background", "Heading1") + p("Text.")
    path = write_docx(tmp_path / "b.docx", body, core="<dc:title>From Core</dc:title><dc:creator>A One; B Two"
                      "</dc:creator>", custom={"series": "Issue Brief", "authors.2.role": "Fellow",
                                               "publisher.name": "Institute", "editors": "E One; E Two",
                                               "unrelated": "ignored"})
    brief = load_brief(path)
    assert brief.title == "From Core" and brief.series == "Issue Brief"
    assert [(a.name, a.role) for a in brief.authors] == [("A One", None), ("B Two", "Fellow")]
    assert brief.editors == ("E One", "E Two") and brief.publisher.name == "Institute"


def test_pictures_are_embedded_and_checked(tmp_path: Path) -> None:
    drawing = ('<w:r><w:drawing><wp:inline><wp:extent cx="1270000" cy="635000"/><a:graphic><a:graphicData>'
               '<pic:pic><pic:blipFill><a:blip r:embed="rId9"/></pic:blipFill></pic:pic></a:graphicData>'
               '</a:graphic></wp:inline></w:drawing></w:r>')
    body = brief_body(p(runs=drawing), p("A caption.", "Caption"))
    path = write_docx(tmp_path / "b.docx", body, doc_rels=rels(("rId9", IMAGE, "media/image1.png", False)),
                      members={"word/media/image1.png": image_bytes("PNG", (40, 20))})
    brief = load_brief(path)
    (image,) = brief.sections[0].content
    assert isinstance(image, Image) and image.src == "word/media/image1.png" and image.width == "100.0pt"
    assert image.caption == (Run("A caption."),)
    assert render(brief).startswith(b"%PDF")
    bad = write_docx(tmp_path / "bad.docx", body, doc_rels=rels(("rId9", IMAGE, "media/image1.png", False)),
                     members={"word/media/image1.png": b"GIF89a not a png"})
    with pytest.raises(BriefError, match="image 'word/media/image1.png' is not a PNG or JPEG file"):
        render(load_brief(bad))


def test_errors_name_the_paragraph_or_the_footnote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    body = brief_body(p(runs=r("Pillars of the Deepening Alliance") + note_ref(4) + note_ref(4)))
    write_docx(tmp_path / "brief.docx", body, notes=footnote(4, "Note.") + footnote(8, "Never cited."))
    with pytest.raises(BriefError) as info:
        load_brief("brief.docx")
    lines = str(info.value).splitlines()
    assert 'brief.docx: paragraph 4 ("Pillars of the Deepen..."): error: footnote \'1\' is referenced twice; ' \
           "each note is referenced once" in lines
    assert "brief.docx: footnote id 8: warning: footnote 'w8' is never referenced" in lines


def test_bad_footnote_is_named_by_its_number(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    body = brief_body(p(runs=r("A.") + note_ref(2) + r(" B.") + note_ref(3)))
    link = f'<w:p><w:hyperlink r:id="rId1">{r("x")}</w:hyperlink></w:p>'
    notes = footnote(2, "Fine.") + f'<w:footnote w:id="3">{link}</w:footnote>'
    path = write_docx(tmp_path / "brief.docx", body, notes=notes)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("word/_rels/footnotes.xml.rels", rels(("rId1", HYPERLINK, "javascript:alert(1)", True)))
    brief = load_brief("brief.docx")
    assert [str(w) for w in brief.warnings] == [
        "brief.docx: footnote 2: warning: link target 'javascript:alert(1)' is not allowed (only http, https "
        "and mailto links); the text is kept without a link"]


@pytest.mark.parametrize(("xml", "what"), [
    ("<w:tbl><w:tr><w:tc>" + p("cell") + "</w:tc></w:tr></w:tbl>", "a table"),
    ('<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox/></v:shape></w:pict></w:r>'
     '</w:p>', "text box"),
    ('<w:p><w:commentRangeStart w:id="1"/>' + r("said") + '<w:commentRangeEnd w:id="1"/>'
     '<w:r><w:commentReference w:id="1"/></w:r></w:p>', "a comment"),
    ('<w:p><w:ins w:id="1" w:author="x">' + r("new") + '</w:ins><w:del w:id="2" w:author="x"><w:r><w:delText>'
     'old</w:delText></w:r></w:del></w:p>', "tracked changes"),
])
def test_unmapped_content_warns_once_and_strict_refuses(tmp_path: Path, xml: str, what: str) -> None:
    path = write_docx(tmp_path / "b.docx", brief_body(p("Kept."), xml, xml))
    brief = load_brief(path)
    assert len(brief.warnings) == 1 and what in brief.warnings[0].message
    assert brief.warnings[0].label and brief.warnings[0].label.startswith("paragraph ")
    with pytest.raises(BriefError) as info:
        load_brief(path, strict=True)
    assert len(info.value.problems) == 1 and info.value.problems[0].severity == "error"


def test_text_before_the_first_heading_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = write_docx(Path("b.docx"), p("T", "Title") + p("Stray text") + p("H", "Heading1") + p("x"))
    with pytest.raises(BriefError, match=r'b\.docx: paragraph 2 \("Stray text"\): error: text before the first '
                                         "heading"):
        load_brief(path)


def test_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "b.docx"
    path.write_text("title: not a zip\n")
    proc = run("build", str(path), cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"{path}: error: not a Word (.docx) file")
    assert not (tmp_path / "b.pdf").exists()


def test_word_2010_shapes_and_symbols(tmp_path: Path) -> None:
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    box = (f'<w:r><mc:AlternateContent {mc}><mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="http://'
           'schemas.microsoft.com/office/word/2010/wordprocessingShape"/></w:drawing></mc:Choice>'
           '<mc:Fallback><w:pict/></mc:Fallback></mc:AlternateContent></w:r>')
    sym = '<w:r><w:sym w:font="Symbol" w:char="F061"/><w:sym w:char="zz"/></w:r>'
    brief = load_brief(write_docx(tmp_path / "b.docx", brief_body(p(runs=r("Shape: ") + box + sym))))
    assert brief.sections[0].content[0].content == (Run("Shape: a?"),)
    assert [w.message for w in brief.warnings] == ["text box cannot be set in a brief; left out"]


def test_header_paragraphs_in_the_users_own_styles(tmp_path: Path) -> None:
    body = (p("Issue Brief", "Series") + p("A Title", "Title") + p("Ann One", "Byline") + p("Fellow", "Role")
            + p("Institute", "Affil") + p("Bo Two", "Byline") + p("Ed Itor", "Editor") + p("Not ours.", "Note")
            + p("H", "Heading1") + p("Text."))
    path = write_docx(tmp_path / "b.docx", body, custom={"authors.2.role": "Intern"})
    styles = {"series": "series", "Byline": "author", "Role": "role", "Affil": "affiliation", "Editor": "editor",
              "Note": "disclaimer"}
    brief = load_brief(path, styles=styles)
    assert (brief.series, brief.title, brief.disclaimer) == ("Issue Brief", "A Title", "Not ours.")
    assert [(a.name, a.role, a.affiliation) for a in brief.authors] == [
        ("Ann One", "Fellow", "Institute"), ("Bo Two", "Intern", None)]
    assert brief.editors == ("Ed Itor",)
    with pytest.raises(BriefError, match="text before the first heading"):
        load_brief(path)  # unmapped, those paragraphs are body text before any heading
    proc = run("validate", "b.docx", "--style", "series=series", "--style", "Byline=author", "--style", "Role=role",
               "--style", "Affil=affiliation", "--style", "Editor=editor", "--style", "Note=disclaimer", cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "b.docx: ok (0 notes)\n", "")
    proc = run("validate", "b.docx", "--style", "Byline=writer", cwd=tmp_path)
    assert proc.returncode == 2 and "expected STYLE=FIELD" in proc.stderr


def test_styles_are_for_word_files_only(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("---\ntitle: T\n---\n# H\n\nText.\n")
    with pytest.raises(BriefError, match="paragraph styles can be mapped for a Word file only"):
        load_brief(tmp_path / "b.md", styles={"Byline": "author"})


def test_a_nested_list_joins_the_list_around_it(tmp_path: Path) -> None:
    body = brief_body(p("one", num=(1, 0)), p("nested", num=(3, 1)), p("two", num=(1, 0)))
    brief = load_brief(write_docx(tmp_path / "b.docx", body))
    (only,) = brief.sections[0].content
    assert [i[0].text for i in only.items] == ["one", "nested", "two"]
    assert [w.message for w in brief.warnings] == [
        "a nested list cannot be set in a brief; its items are set in the list around it"]
