"""The document model's parts: what a brief says, validated, with source positions.

The whole brief is `typeset.model.document.Brief`.

Slotted, hashable dataclasses with tuple children: values, never changed once
made. Not frozen, as typeset's dataclasses are not: a frozen one costs twice as
much to create, and they are all created at every start of the command (only
`Brief` and `Problem`, what the library returns, stay frozen). Inline content
is a flat tuple of `Run` and `NoteRef`: styling is carried on each run, so later
stages never walk a tree to know whether a word is italic.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from typeset.values import Value

Direction = Literal["auto", "ltr", "rtl"]


@dataclass(slots=True, eq=False, repr=False)
class Pos(Value):
    """A 1-based line and column in the brief's source file."""

    line: int
    column: int


@dataclass(slots=True, eq=False, repr=False)
class Run(Value):
    """A stretch of literal text sharing one style.

    `link` is the target URI when the run is (part of) a link; `url` is True
    for an autolink (`<https://...>`), whose text may break after / . - _ ? & =.
    """

    text: str
    italic: bool = False
    bold: bool = False
    link: str | None = None
    url: bool = False


@dataclass(slots=True, eq=False, repr=False)
class NoteRef(Value):
    """A footnote reference mark; `number` is 1-based, in order of first reference."""

    number: int
    key: str


@dataclass(slots=True, eq=False, repr=False)
class CiteItem(Value):
    """One source cited: `[see @key, p. 12, emphasis added]` has prefix "see",
    locator "12" with label "page", and suffix "emphasis added"."""

    key: str
    prefix: str = ""
    locator: str = ""
    label: str = "page"  # a CSL locator term: page, chapter, section, paragraph, note, ...
    suffix: str = ""
    pos: Pos | None = None


@dataclass(slots=True, eq=False, repr=False)
class Citation(Value):
    """A citation `[@a; @b, 4-5]`: it lives in a note's content until `typeset.cite`
    renders it into runs, so the layout stage never sees one."""

    items: tuple[CiteItem, ...]
    pos: Pos | None = None


InlineItem = Run | NoteRef | Citation
Inline = tuple[InlineItem, ...]


@dataclass(slots=True, eq=False, repr=False)
class Paragraph(Value):
    """`direction`: "auto" (from the first strong character), "ltr" or "rtl" (`dir:` in YAML)."""

    content: Inline
    pos: Pos | None = None
    direction: Direction = "auto"
    hanging: bool = False  # set with a hanging indent, as a bibliography entry is


@dataclass(slots=True, eq=False, repr=False)
class ListBlock(Value):
    """A bulleted or numbered list; each item is one inline paragraph."""

    style: Literal["bullet", "numbered"]
    items: tuple[Inline, ...]
    pos: Pos | None = None


@dataclass(slots=True, eq=False, repr=False)
class Quote(Value):
    """A block quotation."""

    content: Inline
    pos: Pos | None = None
    direction: Direction = "auto"


@dataclass(slots=True, eq=False, repr=False)
class Image(Value):
    """An image block. `src` is as written (relative to the brief's folder);
    `width` is as written ("60%", "8cm", "120pt") or None for the layout default."""

    src: str
    caption: Inline = ()
    width: str | None = None
    pos: Pos | None = None


Block = Paragraph | ListBlock | Quote | Image


@dataclass(slots=True, eq=False, repr=False)
class Section(Value):
    """A heading of level 1-3, its blocks, then its subsections."""

    heading: Inline
    level: int  # 1, 2 or 3
    content: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    pos: Pos | None = None


@dataclass(slots=True, eq=False, repr=False)
class Author(Value):
    """An author as the header block prints them."""

    name: str
    role: str | None = None
    affiliation: str | None = None
    pos: Pos | None = None


@dataclass(slots=True, eq=False, repr=False)
class Publisher(Value):
    """The publisher block of the brief (else the layout's defaults)."""

    name: str | None = None
    web: str | None = None
    phone: str | None = None
    fax: str | None = None
    logo: str | None = None  # path as written, relative to the brief's folder
    pos: Pos | None = None
    logo_pos: Pos | None = field(default=None, compare=False)  # where a refused logo is reported


@dataclass(slots=True, eq=False, repr=False)
class Footnote(Value):
    """A numbered note; `more` holds its further paragraphs, when it has several."""

    number: int
    key: str  # the id from `footnotes:`, or "^N" for an inline note
    content: Inline
    pos: Pos | None = None
    more: tuple[Inline, ...] = ()


@dataclass(slots=True, eq=False, repr=False)
class Name(Value):
    """A person (`family`, `given`) or an institution (`literal`), as CSL-JSON writes names."""

    family: str = ""
    given: str = ""
    literal: str = ""


@dataclass(slots=True, eq=False, repr=False)
class Date(Value):
    """A date of publication or access; month and day are optional, `literal` is free text."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    literal: str = ""


@dataclass(slots=True, eq=False, repr=False)
class SourceRecord(Value):
    """One entry of `sources:` with its CSL-JSON variables, validated."""

    key: str
    type: str  # a CSL type: article-newspaper, article-magazine, webpage, report, book, chapter, article-journal
    title: str
    title_short: str = ""
    container: str = ""  # container-title: the periodical, website, or book holding a chapter
    authors: tuple[Name, ...] = ()
    editors: tuple[Name, ...] = ()
    issued: Date | None = None
    accessed: Date | None = None
    publisher: str = ""
    place: str = ""  # publisher-place
    volume: str = ""
    issue: str = ""
    page: str = ""
    number: str = ""  # a report's number
    genre: str = ""  # a report's kind, e.g. "Policy Brief"
    edition: str = ""
    url: str = ""
    doi: str = ""
    pos: Pos | None = None
