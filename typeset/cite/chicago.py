"""Chicago Manual of Style (17th ed.) notes and bibliography for the source types briefs cite.

Each form is a list of parts joined by the form's separator; the parts come
from small per-type tables, so a type differs from another only in its table
row. Full notes follow CMOS 14.19-14.26 and the type sections (books 14.100,
chapters 14.106, journals 14.168, magazines 14.188, newspapers 14.191,
websites 14.206, reports 14.220); short notes 14.29-14.31 (surname, the
source's short title, locator); "Ibid." 14.34; bibliography entries 14.61-14.67.
A source without an author is cited by its title in a full note; in a short
note and in the bibliography its periodical or website stands in the author's
place (CMOS 14.206, 14.207), as Pandoc's citeproc prints them with the official
CSL style.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from typeset.cite.positions import Position
from typeset.cite.typo import curly, italic_title, quoted_title
from typeset.model.markup import link_allowed
from typeset.model.nodes import CiteItem, Date, Name, Run, SourceRecord

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
ITALIC_TITLE = ("book", "report")  # the rest are quoted: articles, chapters, web pages
ITALIC_CONTAINER = ("article-journal", "article-magazine", "article-newspaper", "chapter")
LABELS = {  # CSL locator label -> (singular, plural) as Chicago abbreviates them; a page has none
    "page": ("", ""), "chapter": ("chap.", "chaps."), "section": ("sec.", "secs."),
    "paragraph": ("para.", "paras."), "note": ("n.", "nn."), "figure": ("fig.", "figs."),
    "volume": ("vol.", "vols."), "line": ("line", "lines"), "part": ("pt.", "pts."), "book": ("bk.", "bks."),
}
_RANGE = re.compile(r"(?<=\w)\s*-+\s*(?=\w)")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)

Parts = list[list[Run]]


# ------------------------------------------------------------------ pieces

def date_text(d: Date | None) -> str:
    if d is None:
        return ""
    if d.literal:
        return d.literal
    if d.month and d.day:
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if d.month:
        return f"{MONTHS[d.month - 1]} {d.year}"
    return str(d.year) if d.year else ""


def _full_name(n: Name) -> str:
    return curly(n.literal or " ".join(x for x in (n.given, n.family) if x), quoted=False)


def _inverted(n: Name) -> str:
    return curly(n.literal or (f"{n.family}, {n.given}" if n.given else n.family), quoted=False)


def _surname(n: Name) -> str:
    return curly(n.literal or n.family, quoted=False)


def _series(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def names_note(names: tuple[Name, ...]) -> str:
    """CMOS 14.76: up to three names in full; four or more, the first and "et al."."""
    if len(names) >= 4:
        return _full_name(names[0]) + " et al."
    return _series([_full_name(n) for n in names])


def names_short(names: tuple[Name, ...]) -> str:
    if len(names) >= 4:
        return _surname(names[0]) + " et al."
    return _series([_surname(n) for n in names])


def names_bib(names: tuple[Name, ...]) -> str:
    """CMOS 14.76: the first name inverted; more than ten, the first seven and "et al."."""
    shown = [_inverted(names[0])] + [_full_name(n) for n in names[1:]]
    if len(names) > 10:
        return ", ".join(shown[:7]) + ", et al."
    if len(shown) == 2:
        return f"{shown[0]}, and {shown[1]}" if "," in shown[0] else f"{shown[0]} and {shown[1]}"
    return _series(shown)


def editors_note(names: tuple[Name, ...]) -> str:
    """In a note, "ed." stands before one editor or several (CMOS 14.103)."""
    return "ed. " + names_note(names)


def locator_text(cite: CiteItem) -> str:
    if not cite.locator:
        return ""
    value = _RANGE.sub("\u2013", cite.locator)
    one, many = LABELS.get(cite.label, (cite.label, cite.label))
    label = many if re.search(r"[\u2013,&]|\band\b", value) else one
    return f"{label} {value}" if label else value


def short_title(source: SourceRecord) -> str:
    """The title-short given, else the main title, before a subtitle's colon (as CSL processors derive it)."""
    if source.title_short:
        return source.title_short
    return re.split(r":\s", source.title, maxsplit=1)[0]


def url_run(source: SourceRecord) -> Run | None:
    url = f"https://doi.org/{source.doi}" if source.doi else source.url
    if not url:
        return None
    return Run(url, link=url if link_allowed(url) else None, url=True)  # a refused link was warned about


def _title(source: SourceRecord, text: str) -> Run:
    return italic_title(text) if source.type in ITALIC_TITLE else quoted_title(text)


def _container(source: SourceRecord) -> Run:
    if source.type in ITALIC_CONTAINER:
        return Run(curly(source.container, quoted=False), italic=True)
    return Run(curly(source.container, quoted=False))


def _facts(source: SourceRecord) -> str:
    """The publication facts of a book or report: "Place: Publisher, Year"."""
    where = ": ".join(x for x in (source.place, source.publisher) if x)
    return ", ".join(x for x in (where, date_text(source.issued)) if x)


def _edition(source: SourceRecord) -> str:
    e = source.edition
    if e.isdigit():
        n = int(e)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} ed."
    return e


def _text(s: str) -> list[Run]:
    return [Run(curly(s, quoted=False))] if s else []


# ------------------------------------------------------------------ full notes

def _creators_note(source: SourceRecord) -> list[Run]:
    if source.authors:
        return _text(names_note(source.authors))
    if source.editors and source.type in ("book", "report"):
        return _text(names_note(source.editors) + (", ed." if len(source.editors) == 1 else ", eds."))
    return []


def _periodical_note(source: SourceRecord, cite: CiteItem) -> Parts:
    dated = date_text(source.issued) or (f"accessed {date_text(source.accessed)}" if source.accessed else "")
    return [_creators_note(source), [_title(source, source.title)],
            [_container(source)] if source.container else [], _text(dated), _text(locator_text(cite))]


def _journal_note(source: SourceRecord, cite: CiteItem) -> Parts:
    where = [_container(source)]
    detail = source.volume + (f", no. {source.issue}" if source.issue else "")
    tail = (" " + detail if detail else "") + (f" ({date_text(source.issued)})" if source.issued else "")
    loc = locator_text(cite)
    where.append(Run(tail + (": " + loc if loc else "")))
    return [_creators_note(source), [_title(source, source.title)], where]


def _book_note(source: SourceRecord, cite: CiteItem) -> Parts:
    title = [_title(source, source.title)]
    facts = _facts(source)
    extras = [x for x in (_edition(source), " ".join(x for x in (source.genre, source.number) if x)) if x]
    if source.authors and source.editors:
        extras.append(editors_note(source.editors))
    if extras or facts:
        tail = "".join(", " + x for x in extras) + (f" ({facts})" if facts else "")
        title.append(Run(tail))
    return [_creators_note(source), title, _text(locator_text(cite))]


def _chapter_note(source: SourceRecord, cite: CiteItem) -> Parts:
    book = [Run("in "), _container(source)]
    if source.editors:
        book.append(Run(", " + editors_note(source.editors)))
    facts = _facts(source)
    if facts:
        book.append(Run(f" ({facts})"))
    return [_creators_note(source), [_title(source, source.title)], book, _text(locator_text(cite))]


FULL: dict[str, Callable[[SourceRecord, CiteItem], Parts]] = {
    "article-newspaper": _periodical_note, "article-magazine": _periodical_note, "webpage": _periodical_note,
    "article-journal": _journal_note, "book": _book_note, "report": _book_note, "chapter": _chapter_note,
}


# ------------------------------------------------------------------ the three forms

def note(source: SourceRecord, cite: CiteItem, position: Position, *, capitalize: bool) -> list[Run]:
    """One cite in a note, in the form its position calls for (without the closing full stop)."""
    if position in ("ibid", "ibid-with-locator"):
        word = "Ibid." if capitalize else "ibid."
        loc = locator_text(cite) if position == "ibid-with-locator" else ""
        return [Run(word + (", " + loc if loc else ""))]
    if position == "first":
        parts = FULL[source.type](source, cite)
        url = url_run(source)
        if url:
            parts.append([url])
    else:
        parts = short_parts(source, cite)
    return _joined(parts, ", ")


def short_parts(source: SourceRecord, cite: CiteItem) -> Parts:
    """CMOS 14.29: surnames, short title, locator; unsigned: short title and its periodical or site."""
    who = names_short(source.authors) if source.authors else \
        names_short(source.editors) if source.editors and source.type in ITALIC_TITLE else ""
    if not who and source.container and source.type != "chapter":
        return [[_container(source)], [_title(source, short_title(source))], _text(locator_text(cite))]
    return [_text(who), [_title(source, short_title(source))], _text(locator_text(cite))]


def bibliography_entry(source: SourceRecord) -> list[Run]:
    """CMOS 14.61-14.67: the entry, its parts separated by full stops."""
    parts: Parts = []
    if source.authors:
        parts.append(_text(names_bib(source.authors)))
    elif source.editors and source.type in ITALIC_TITLE:
        parts.append(_text(names_bib(source.editors) + (", ed" if len(source.editors) == 1 else ", eds")))
    elif source.container and source.type != "chapter":
        parts.append([_container(source)])  # an unsigned article is listed under its periodical (14.207)
    kind = source.type
    title = [_title(source, source.title)]
    if kind in ("article-newspaper", "article-magazine", "webpage"):
        parts.append(title)
        listed = bool(source.authors)
        when = date_text(source.issued) or (f"Accessed {date_text(source.accessed)}" if source.accessed else "")
        if listed and source.container:
            parts.append([_container(source)] + ([Run(", " + when)] if when else []))
        else:
            parts.append(_text(when))
    elif kind == "article-journal":
        parts.append(title)
        detail = source.volume + (f", no. {source.issue}" if source.issue else "")
        tail = (" " + detail if detail else "") + (f" ({date_text(source.issued)})" if source.issued else "")
        tail += (": " + _RANGE.sub("\u2013", source.page)) if source.page else ""
        parts.append([_container(source), Run(tail)])
    elif kind == "chapter":
        parts.append(title)
        book = [Run("In "), _container(source)]
        if source.editors:
            book.append(Run(", edited by " + names_note(source.editors)))
        if source.page:
            book.append(Run(", " + _RANGE.sub("\u2013", source.page)))
        parts.append(book)
        parts.append(_text(_facts(source)))
    else:  # book, report
        parts.append(title)
        if source.authors and source.editors:
            parts.append(_text("Edited by " + names_note(source.editors)))
        parts.append(_text(_edition(source).capitalize() if _edition(source)[:1].islower() else _edition(source)))
        parts.append(_text(" ".join(x for x in (source.genre, source.number) if x)))
        parts.append(_text(_facts(source)))
    url = url_run(source)
    if url:
        parts.append([url])
    return _joined(parts, ". ")


def sort_key(source: SourceRecord) -> tuple[str, str]:
    """Alphabetized by the entry's first element, ignoring quotation marks and a leading article."""
    first = bibliography_entry(source)[0].text if source.authors or source.editors else ""
    lead = (first or (source.container if source.type != "chapter" else "") or source.title)
    clean = _LEADING_ARTICLE.sub("", lead.strip("\"'\u201c\u2018 ")).casefold()
    return clean, _LEADING_ARTICLE.sub("", source.title.strip("\"'")).casefold()


def _joined(parts: Parts, separator: str) -> list[Run]:
    out: list[Run] = []
    for part in parts:
        if not part:
            continue
        if out:
            sep = separator
            ends = out[-1].text.rstrip("\u201d\u2019")
            if ends.endswith(("?", "!")) or (separator == ". " and ends.endswith(".")):
                sep = " "  # a title's own question or exclamation mark stands for the comma (CMOS 6.119)
            out.append(Run(sep))
        out.extend(part)
    return out
