"""The layout schema: every key declared once, with its type, default and help.

A layout file is YAML whose keys are the fields below; `load.py` converts
it into these dataclasses (values, never changed once built) by reading the
annotations, so declaring a field here is all it takes to add a key. Lengths
are parsed from pt, mm, cm, in or % of the text width; colours are hex.

The annotations stay objects (no `from __future__ import annotations`): the
loader reads them with `typing.get_type_hints`, which compiles each one
written as a string, and dataclasses also reads objects faster; a build's
start-up is 10 M instructions shorter so.
"""
from dataclasses import dataclass, field
from typing import Literal

from typeset.units import Length
from typeset.values import Value

Align = Literal["justify", "left", "center", "right"]


class Color(str):
    """A colour written as #rrggbb or #rgb (normalised to #rrggbb)."""


class PageSize(str):
    """A4, A5, Letter, Legal, or 'WIDTH x HEIGHT' with units."""


def key(default: object, help: str) -> object:  # noqa: A002 - mirrors dataclasses.field
    """A declared layout key: its default and one line of help."""
    if isinstance(default, (list, dict)) or hasattr(default, "__dataclass_fields__"):
        return field(default_factory=lambda d=default: d, metadata={"help": help})
    return field(default=default, metadata={"help": help})


def pt(value: float) -> Length:
    return Length(points=value)


@dataclass(slots=True, eq=False, repr=False)
class TextStyle(Value):
    """Font, size, leading, colour and alignment: what every block of text has."""

    family: str = key("serif", "font family, a key of fonts.families")
    size: float = key(12.0, "font size in points")
    leading: float = key(15.0, "distance between baselines in points")
    bold: bool = key(False, "set in the bold face")
    italic: bool = key(False, "set in the italic face")
    color: Color = key(Color("#000000"), "text colour")
    align: Align = key("justify", "justify, left (ragged right), center or right")
    uppercase: bool = key(False, "print in capitals")


@dataclass(slots=True, eq=False, repr=False)
class PageStyle(Value):
    """Paper size and margins."""

    size: PageSize = key(PageSize("A4"), "paper: A4, A5, Letter, Legal, or '210mm x 297mm'")
    margin_top: Length = key(pt(72), "top margin (above the text area)")
    margin_bottom: Length = key(pt(72), "bottom margin (below the text area)")
    margin_left: Length = key(pt(72), "left margin")
    margin_right: Length = key(pt(72), "right margin")


@dataclass(slots=True, eq=False, repr=False)
class FontFamily(Value):
    """The files of one font family's four faces."""

    regular: str = key("", "TrueType file of the regular face (bundled fonts/ or beside the layout)")
    bold: str = key("", "bold face file; empty: use the regular face")
    italic: str = key("", "italic face file; empty: use the regular face")
    bold_italic: str = key("", "bold italic face file; empty: use bold or italic")


def _default_families() -> dict[str, FontFamily]:
    return {
        "serif": FontFamily("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                            "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"),
        "sans": FontFamily("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
                           "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf"),
        "dejavu": FontFamily("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "", ""),
        "naskh": FontFamily("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf", "", ""),
        "nastaliq": FontFamily("NotoNastaliqUrdu-Regular.ttf", "NotoNastaliqUrdu-Bold.ttf", "", ""),
        "cjk": FontFamily("WenQuanYiMicroHei.ttc", "", "", ""),
    }


@dataclass(slots=True, eq=False, repr=False)
class FontsStyle(Value):
    """The font families a layout names and the fallback order for missing characters."""

    families: dict[str, FontFamily] = field(default_factory=_default_families,
                                            metadata={"help": "font families by name"})
    fallback: tuple[str, ...] = key(("naskh", "dejavu", "cjk"),
                                    "families tried, in order, for characters a font lacks (Arabic and Urdu "
                                    "in naskh or nastaliq, Chinese, Japanese and Korean in cjk)")


@dataclass(slots=True, eq=False, repr=False)
class BodyStyle(TextStyle):
    """Running text: its type, paragraph spacing and indents, hyphenation, widows and orphans."""

    paragraph_space: Length = key(pt(8), "space between paragraphs")
    first_indent: Length = key(pt(0), "indent of a paragraph's first line")
    hanging_indent: Length = key(pt(18), "indent of the later lines of a hanging paragraph (a bibliography entry)")
    hyphenate: bool = key(True, "hyphenate words (in the brief's language)")
    widows: int = key(2, "fewest lines of a paragraph alone at the top of a page")
    orphans: int = key(2, "fewest lines of a paragraph alone at the bottom of a page")


@dataclass(slots=True, eq=False, repr=False)
class HeadingStyle(TextStyle):
    """One level of section headings."""

    space_before: Length = key(pt(14), "space above the heading")
    space_after: Length = key(pt(6), "space below the heading")
    numbered: bool = key(False, "prefix the heading with its section number (1, 1.1, 1.1.1)")


@dataclass(slots=True, eq=False, repr=False)
class HeadingsStyle(Value):
    """Section headings of levels 1, 2 and 3."""

    h1: HeadingStyle = key(HeadingStyle(size=13, leading=16, bold=True, align="left"), "level-1 headings")
    h2: HeadingStyle = key(HeadingStyle(size=12, leading=15, bold=True, italic=True, align="left",
                                        space_before=pt(10)), "level-2 headings")
    h3: HeadingStyle = key(HeadingStyle(size=12, leading=15, italic=True, align="left",
                                        space_before=pt(8)), "level-3 headings")


@dataclass(slots=True, eq=False, repr=False)
class ListStyle(Value):
    """Bulleted and numbered lists: indents, labels and spacing."""

    indent: Length = key(pt(24), "left indent of item text")
    label_gap: Length = key(pt(6), "minimum gap between the label and the item text")
    bullet: str = key("\u2022", "bullet character")
    number_format: str = key("{n}.", "numbered label, {n} is the item number")
    item_space: Length = key(pt(3), "space between items")
    space: Length = key(pt(8), "space above and below a list")


@dataclass(slots=True, eq=False, repr=False)
class QuoteStyle(TextStyle):
    """Block quotations: their type, indents and spacing."""

    indent_left: Length = key(pt(28), "left indent")
    indent_right: Length = key(pt(28), "right indent")
    space: Length = key(pt(8), "space above and below")


@dataclass(slots=True, eq=False, repr=False)
class FigureStyle(Value):
    """Images and their captions."""

    width: Length = key(Length(percent=100), "default image width (of the text width)")
    max_height: Length = key(Length(percent=60), "images taller than this share of the text height are scaled down")
    caption: TextStyle = key(TextStyle(size=10, leading=12.5, italic=True, align="center"), "caption text")
    caption_gap: Length = key(pt(4), "space between image and caption")
    space: Length = key(pt(10), "space above and below a figure")


@dataclass(slots=True, eq=False, repr=False)
class MarkStyle(Value):
    """Reference marks in the text."""

    scale: float = key(0.62, "reference mark size as a share of the text size")
    rise: float = key(0.38, "raise of the mark as a share of the text size")
    color: Color = key(Color("#000000"), "reference mark colour")


@dataclass(slots=True, eq=False, repr=False)
class FootnoteStyle(TextStyle):
    """The note area: note type, numbering, labels and the separator rule."""

    numbering: Literal["continuous", "per-page", "symbols"] = key(
        "continuous", "continuous (1..N), per-page (restart each page) or symbols (* † ‡ § ‖ ¶)")
    indent: Length = key(pt(12), "hanging indent: where note text starts after its label")
    label_superscript: bool = key(True, "set the label at the start of a note raised and small")
    separator_width: Length = key(Length(percent=33), "length of the rule above the notes")
    separator_thickness: float = key(0.5, "thickness of that rule in points")
    separator_color: Color = key(Color("#000000"), "colour of that rule")
    space_above: Length = key(pt(12), "space between the body and the rule")
    space_below: Length = key(pt(5), "space between the rule and the first note")
    note_space: Length = key(pt(2), "extra space between notes")
    continued_label: str = key("", "printed before a note's continuation on the next page, e.g. '(continued)'")


@dataclass(slots=True, eq=False, repr=False)
class HeaderItem(TextStyle):
    """One item of the first page's header block: a line of text, the logo, a rule or a space."""

    kind: Literal["text", "logo", "rule", "space"] = key("text", "a line of text, the logo, a rule or a space")
    text: str = key("", "template: literal text with inline markup and {fields}; dropped if a field is empty; "
                    "'A || B' uses the first alternative whose fields are all filled")
    when: str = key("", "show the item only when this field is not empty (e.g. 'authors')")
    each: Literal["", "author", "editor"] = key("", "repeat once per author (fields author.name, "
                                                    "author.role, author.affiliation) or editor ({editor})")
    space_before: Length = key(pt(0), "space above")
    space_after: Length = key(pt(0), "space below")
    height: Length = key(pt(40), "logo height, or the size of a space")
    width: Length = key(Length(percent=100), "rule length")
    thickness: float = key(0.8, "rule thickness in points")


@dataclass(slots=True, eq=False, repr=False)
class RunningStyle(TextStyle):
    """A running header or footer line."""

    text: str = key("", "template, e.g. '{short_title}' or 'Page {page} of {pages}'; empty for none")
    first_page: bool = key(False, "also print it on page 1")
    rule: bool = key(False, "draw a thin rule between it and the text area")
    offset: Length = key(pt(24), "distance from the text area to its baseline")


@dataclass(slots=True, eq=False, repr=False)
class BreakingStyle(Value):
    """Knuth-Plass line-breaking settings."""

    pretolerance: float = key(100.0, "badness allowed in the first pass (no hyphenation)")
    tolerance: float = key(200.0, "badness allowed in the second pass (with hyphenation)")
    emergency_stretch: Length = key(Length(percent=5), "extra stretch per line in the last pass")
    hyphen_penalty: float = key(50.0, "cost of breaking at a hyphenation point")
    line_penalty: float = key(10.0, "cost added to every line (fewer lines are better)")


@dataclass(slots=True, eq=False, repr=False)
class PublisherDefaults(Value):
    """Publisher details used when a brief has no publisher block."""

    name: str = key("", "publisher name used when a brief has no publisher block")
    web: str = key("", "web address")
    phone: str = key("", "phone")
    fax: str = key("", "fax")
    logo: str = key("", "logo image (PNG or JPEG) beside the layout file")


@dataclass(slots=True, eq=False, repr=False)
class Layout(Value):
    """A resolved layout: all lengths in points once `resolve` has run."""

    version: int = key(1, "layout format version")
    description: str = key("", "one line shown by `briefset layouts`")
    date_format: str = key("{month} {day}, {year}", "how an ISO date prints: {day}, {month}, {month_abbr}, {year}")
    page: PageStyle = key(PageStyle(), "paper and margins")
    fonts: FontsStyle = key(FontsStyle(), "font families and fallback order")
    body: BodyStyle = key(BodyStyle(), "running text")
    headings: HeadingsStyle = key(HeadingsStyle(), "section headings, levels 1-3")
    lists: ListStyle = key(ListStyle(), "bullet and numbered lists")
    quote: QuoteStyle = key(QuoteStyle(size=11, leading=14, italic=False), "block quotations")
    figure: FigureStyle = key(FigureStyle(), "images and captions")
    marks: MarkStyle = key(MarkStyle(), "reference marks in the text")
    footnotes: FootnoteStyle = key(FootnoteStyle(size=9.5, leading=11.5), "the note area")
    header_block: tuple[HeaderItem, ...] = key((), "the first page's header block, top to bottom")
    running_header: RunningStyle = key(RunningStyle(size=9, leading=11, align="right"), "text above the text area")
    footer: RunningStyle = key(RunningStyle(text="{page}", first_page=True, size=10, leading=12, align="center"),
                               "text below the text area")
    breaking: BreakingStyle = key(BreakingStyle(), "line breaking (Knuth-Plass) settings")
    publisher: PublisherDefaults = key(PublisherDefaults(), "publisher defaults")
    pdfa: bool = key(False, "write archival PDF/A-2b (embedded XMP metadata, sRGB output intent)")
    bibliography: bool = key(False, "end a brief that cites sources with a bibliography of them (Chicago)")
    bibliography_heading: str = key("Bibliography", "the heading of that section")
    name: str = field(default="", metadata={"help": "set by the loader: the layout's name or path"})
    folder: str = field(default="", metadata={"help": "set by the loader: the layout file's folder"})
