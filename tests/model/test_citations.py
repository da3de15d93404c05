"""Citations and sources in the model: syntax, numbering, files, and every error at FILE:LINE:COL."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from typeset.cite import resolve_citations
from typeset.errors import BriefError
from typeset.model import parse_inline
from typeset.model.citations import CiteMark, parse_citation
from typeset.model.nodes import Citation, NoteRef, Run
from typeset.readers import load_brief

HEAD = "title: T\nsections:\n  - heading: H\n    content:\n"
BOOK = "  - {id: smith, type: book, author: [\"Smith, Zadie\"], title: Swing Time, issued: 2016}\n"


def write(tmp_path: Path, text: str, name: str = "brief.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(BriefError) as info:
        load_brief(path)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(("text", "want"), [
    ("[@key]", [("", "key", "", "page", "")]),
    ("[@key, p. 12]", [("", "key", "12", "page", "")]),
    ("[@a; @b, 4-5]", [("", "a", "", "page", ""), ("", "b", "4-5", "page", "")]),
    ("[see @key]", [("see", "key", "", "page", "")]),
    ("[see @doe99, pp. 33-35, emphasis added]", [("see", "doe99", "33-35", "page", "emphasis added")]),
    ("[@smith04, chap. 3]", [("", "smith04", "3", "chapter", "")]),
    ("[@ft:2024/most-sig, sec. 2]", [("", "ft:2024/most-sig", "2", "section", "")]),
])
def test_citation_syntax(text: str, want: list[tuple[str, ...]]) -> None:
    mark = parse_citation(text, 1, len(text) - 1)
    assert mark is not None
    assert [(i.prefix, i.key, i.locator, i.label, i.suffix) for i in mark.items] == want


@pytest.mark.parametrize("text", ["[sic]", "[write to a@b.org]", "[@a and @b]", "[@a; no key]"])
def test_brackets_that_are_not_citations(text: str) -> None:
    assert parse_citation(text, 1, len(text) - 1) is None


def test_body_citations_are_notes_numbered_with_the_others(tmp_path: Path) -> None:
    brief = load_brief(write(tmp_path, HEAD + '      - "One.[^x] Two [@smith, 4]. Three^[Inline.] four [@smith]."\n'
                                       "footnotes:\n  x: A note.\nsources:\n" + BOOK))
    refs = [i for i in brief.sections[0].content[0].content if isinstance(i, NoteRef)]
    assert [(r.number, r.key) for r in refs] == [(1, "x"), (2, "@2"), (3, "^3"), (4, "@4")]
    texts = [i.text for i in brief.sections[0].content[0].content if isinstance(i, Run)]
    assert texts == ["One.", " Two.", " Three", " four."]  # the mark after the full stop, as Pandoc sets it
    cite = brief.footnotes[1].content[0]
    assert isinstance(cite, Citation) and cite.items[0].locator == "4"
    assert (cite.items[0].pos.line, cite.items[0].pos.column) == (5, 24)  # the '@'


def test_unknown_key_is_an_error_at_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + '      - "Text [@smiht]."\nsources:\n' + BOOK)
    assert problems(path) == [f"{path}:5:16: error: unknown citation key '@smiht': no source has this id; "
                              "did you mean 'smith'?", f"{path}:7:5: warning: source 'smith' is never cited"]


def test_without_sources_a_citation_prints_as_written(tmp_path: Path) -> None:
    """A brief that was valid before citations existed stays valid: "[@handle]" is text."""
    path = write(tmp_path, HEAD + '      - "Text [@smith, 4] and.[^a]"\nfootnotes:\n  a: "Ask [@issi]."\n')
    brief = load_brief(path)
    assert [str(w) for w in brief.warnings] == [
        f"{path}:5:15: warning: '[@smith, 4]' looks like a citation, but the brief has no 'sources'; "
        "it is printed as written",
        f"{path}:7:11: warning: '[@issi]' looks like a citation, but the brief has no 'sources'; "
        "it is printed as written"]
    assert "".join(r.text for r in brief.sections[0].content[0].content if isinstance(r, Run)) == \
        "Text [@smith, 4] and."
    assert "".join(r.text for r in brief.footnotes[0].content) == "Ask [@issi]."
    assert resolve_citations(brief) == brief


def test_a_source_needs_a_title_and_a_known_type(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + '      - "Text [@a]."\nsources:\n  - {id: a, type: book}\n'
                                  "  - {id: b, type: blog, title: X}\n"
                                  "  - {id: c, type: article-newspaper, title: Y}\n")
    assert problems(path) == [
        f"{path}:5:16: error: unknown citation key '@a': no source has this id",
        f"{path}:7:5: error: source 'a' (book) has no 'title'",
        f"{path}:8:19: error: source 'b' has 'blog'; a type is one of article-journal, article-magazine, "
        "article-newspaper, book, chapter, report, webpage",
        f"{path}:9:5: error: source 'c' (article-newspaper) needs 'container-title' (the periodical's name)",
    ]


def test_unused_and_duplicate_sources_warn(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + '      - "Text [@smith]."\nsources:\n' + BOOK + BOOK.replace("2016", "2017")
                 + "  - {id: other, type: book, title: Other}\n")
    brief = load_brief(path)
    assert [str(w) for w in brief.warnings] == [
        f"{path}:8:5: warning: source 'smith' is defined twice (first at line 7, column 5); the first is used",
        f"{path}:9:5: warning: source 'other' is never cited",
    ]
    assert brief.sources[0].issued.year == 2016
    with pytest.raises(BriefError):
        load_brief(path, strict=True)


def test_sources_from_a_csl_json_file(tmp_path: Path) -> None:
    records = [{"id": "smith", "type": "book", "author": [{"family": "Smith", "given": "Zadie"}],
                "title": "Swing Time", "issued": {"date-parts": [[2016]]}, "abstract": "ignored"},
               {"id": "bad", "type": "book"}]
    text = json.dumps(records, indent=2)
    (tmp_path / "refs.json").write_text(text, encoding="utf-8")
    path = write(tmp_path, HEAD + '      - "Text [@smith]."\nsources: refs.json\n')
    line = text[:text.index('"bad"')].count("\n")  # the line of the record's opening brace
    assert problems(path) == [f"{tmp_path / 'refs.json'}:{line}:3: error: source 'bad' (book) has no 'title'"]
    records.pop()
    (tmp_path / "refs.json").write_text(json.dumps(records), encoding="utf-8")
    brief = load_brief(path)
    assert brief.sources[0].authors[0].family == "Smith" and brief.sources[0].issued.year == 2016


def test_malformed_json_is_reported_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "refs.json").write_text('[\n  {"id": "a",\n  "type" "book"}\n]', encoding="utf-8")
    path = write(tmp_path, HEAD + '      - "Text."\nsources: refs.json\n')
    assert problems(path) == [f"{tmp_path / 'refs.json'}:3:10: error: invalid JSON: Expecting ':' delimiter"]


BIB = r"""% exported
@string{pp = "Penguin Press"}
@book{smith,
  author    = {Smith, Zadie},
  title     = {Swing {Time}},
  publisher = pp,
  address   = "New York",
  year      = 2016,
}
@article{satterfield, author = {Susan Satterfield}, title = {Livy and the \emph{Pax Deum}},
  journal = {Classical Philology}, volume = 111, number = 2, year = 2016, month = apr, pages = {165--76}}
@online{raf, title = {UK, Japan, and Italy Sign {\'E}lan Treaty}, organization = {Royal Air Force},
  url = {https://www.raf.mod.uk/news/}, date = {2023-12-14}}
@article{ft, author = {Sevastopulo, Demetri and Inagaki, Kana}, title = {Aukus Weighs},
  journal = {Financial Times}, entrysubtype = {newspaper}, date = {2024-04-07}}
"""


def test_sources_from_a_bibtex_file(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    path = write(tmp_path, HEAD + '      - "A [@smith] b [@satterfield] c [@raf] d [@ft]."\nsources: refs.bib\n')
    smith, satterfield, raf, ft = load_brief(path).sources
    assert (smith.type, smith.title, smith.publisher, smith.place, smith.issued.year) == \
        ("book", "Swing Time", "Penguin Press", "New York", 2016)
    assert (satterfield.type, satterfield.title, satterfield.container, satterfield.issue, satterfield.page,
            satterfield.issued.month) == ("article-journal", "Livy and the Pax Deum", "Classical Philology", "2",
                                          "165\u201376", 4)
    assert satterfield.authors[0].family == "Satterfield" and satterfield.authors[0].given == "Susan"
    assert (raf.type, raf.title, raf.publisher, raf.issued.day) == \
        ("webpage", "UK, Japan, and Italy Sign \u00c9lan Treaty", "Royal Air Force", 14)
    assert ft.type == "article-newspaper" and [a.family for a in ft.authors] == ["Sevastopulo", "Inagaki"]


def test_malformed_bibtex_names_each_bad_entry(tmp_path: Path) -> None:
    bad = "@book{a,\n  title = {Never {closed,\n}\n@book{b, title = {Fine}}\n@book{c, title = undefinedmacro}\n" \
          "@book{d title = {X}}\n"
    (tmp_path / "refs.bib").write_text(bad, encoding="utf-8")
    path = write(tmp_path, HEAD + '      - "Text [@b]."\nsources: refs.bib\n')
    bib = tmp_path / "refs.bib"
    assert problems(path) == [
        f"{bib}:2:11: error: malformed BibTeX entry: this '{{' is never closed",
        f"{bib}:5:18: error: malformed BibTeX entry: undefined macro 'undefinedmacro'",
        f"{bib}:6:9: error: malformed BibTeX entry: expected ',' or '}}' after a field, found 't'",
    ]


@pytest.mark.parametrize("name", ["../refs.json", "/etc/passwd.json", "https://example.org/refs.bib"])
def test_a_sources_file_stays_in_the_briefs_folder(tmp_path: Path, name: str) -> None:
    (tmp_path / "refs.json").write_text("[]", encoding="utf-8")
    folder = tmp_path / "brief"
    folder.mkdir()
    path = write(folder, HEAD + f'      - "Text."\nsources: "{name}"\n')
    (message,) = problems(path)
    assert message.startswith(f"{path}:6:10: error: 'sources': ")
    assert "outside" in message or "not allowed" in message or "not a file path" in message


CITE_BITS = ["[", "]", "@", "@key", ";", ",", " p. ", "12", "-", "see ", "(", ")", "*", "^", "\\", "a"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CITE_BITS), max_size=40).map("".join))
def test_citations_parse_without_raising(text: str) -> None:
    """Any text parses; each citation found starts at a '[' and names keys that stand in the text."""
    for item in parse_inline(text).items:
        if isinstance(item, CiteMark):
            assert text[item.offset] == "["
            for cite, offset in zip(item.items, item.key_offsets, strict=True):
                assert text.startswith("@" + cite.key, offset)


def test_a_refused_link_in_a_source_warns_and_prints_unlinked(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + '      - "Text [@w]."\nsources:\n'
                 "  - {id: w, type: webpage, title: Page, URL: \"javascript:alert(1)\"}\n")
    brief = load_brief(path)
    assert [str(w) for w in brief.warnings] == [
        f"{path}:7:46: warning: source 'w': link target is not allowed (only http, https and mailto links "
        "of at most 2,048 characters); printed without a link"]
    (note,) = resolve_citations(brief).footnotes
    assert [(r.text, r.link) for r in note.content if r.url] == [("javascript:alert(1)", None)]


def test_other_csl_variables_warn_and_are_not_printed(tmp_path: Path) -> None:
    path = write(tmp_path, HEAD + '      - "Text [@smith]."\nsources:\n'
                 "  - {id: smith, type: book, title: Swing Time, translator: [\"X, Y\"], tittle: Oops}\n")
    assert [str(w) for w in load_brief(path).warnings] == [
        f"{path}:7:48: warning: 'translator' in a source is not printed",
        f"{path}:7:70: warning: 'tittle' in a source is not printed; did you mean 'title'?"]
