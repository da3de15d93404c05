"""A small BibTeX reader: entries into the positioned tree CSL-JSON records use.

Reads `@type{key, field = {...} | "..." | number | macro # ..., ...}`, with
`@string` macros, month macros and `@comment`; text between entries is a
comment, as in BibTeX. Each malformed entry is reported at the line and column
where it goes wrong and skipped, so one run names every bad entry. Fields are
mapped to CSL variables, and the common LaTeX (braces, accents, dashes, quotes,
escaped specials) is turned into plain Unicode text.
"""
from __future__ import annotations

import re
import unicodedata

from typeset.errors import Problem
from typeset.model.tree import Source, YNode

MONTHS = {m: str(i) for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_NAME = re.compile(r"[A-Za-z0-9_:.+/\-]+")
_SPACE = re.compile(r"\s*(?:%[^\n]*\n\s*)*")
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328"}
_LETTERS = {"ss": "\u00df", "o": "\u00f8", "O": "\u00d8", "l": "\u0142", "L": "\u0141", "ae": "\u00e6",
            "AE": "\u00c6", "oe": "\u0153", "OE": "\u0152", "aa": "\u00e5", "AA": "\u00c5", "i": "\u0131"}
_ACCENT = re.compile(r"\\([\'`^\"~=.uvHck])\s*(?:\{(\\?\w)\}|(\\?\w))")
_LETTER = re.compile(r"\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i)(?![A-Za-z])\s*")
_COMMAND = re.compile(r"\\(?:textit|emph|textbf|textsc|textrm|url|mkbibquote|enquote)\s*")
_ESCAPE = re.compile(r"\\([&%$#_{}])")
_DASHES = (("---", "\u2014"), ("--", "\u2013"), ("``", "\u201c"), ("''", "\u201d"), ("~", "\u00a0"))

TYPE_MAP = {"article": "article-journal", "book": "book", "incollection": "chapter", "inbook": "chapter",
            "inproceedings": "chapter", "report": "report", "techreport": "report", "online": "webpage",
            "www": "webpage", "electronic": "webpage", "misc": "webpage"}
SUBTYPES = {"newspaper": "article-newspaper", "magazine": "article-magazine"}
FIELD_MAP = {"title": "title", "shorttitle": "title-short", "journal": "container-title",
             "journaltitle": "container-title", "booktitle": "container-title", "publisher": "publisher",
             "institution": "publisher", "organization": "publisher", "address": "publisher-place",
             "location": "publisher-place", "volume": "volume", "pages": "page", "edition": "edition",
             "url": "URL", "doi": "DOI", "type": "genre", "urldate": "accessed", "date": "issued"}


MAX_FAILURES = 50  # a file that is not BibTeX at all stops being read after this many errors


class BibError(ValueError):
    """A malformed entry: the message and the offset where reading failed."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset


def read_bibtex(source: Source, problems: list[Problem]) -> YNode:
    """The entries of a .bib file as a list of CSL-shaped mappings; its problems go to `problems`."""
    reader = _Reader(source, problems)
    return YNode("seq", reader.entries(), 1, 1)


class _Reader:
    def __init__(self, source: Source, problems: list[Problem]) -> None:
        assert source.text is not None
        self.text, self.source, self.problems = source.text, source, problems
        self.macros: dict[str, str] = dict(MONTHS)
        self.i = 0
        self.failures = 0

    def entries(self) -> list[YNode]:
        out: list[YNode] = []
        text = self.text
        while True:
            at = text.find("@", self.i)
            if at < 0:
                return out
            self.i = at + 1
            try:
                entry = self.entry(at)
            except BibError as exc:
                self.problem(exc.offset, f"malformed BibTeX entry: {exc}")
                self.failures += 1
                if self.failures >= MAX_FAILURES:
                    self.problem(exc.offset, f"too many malformed entries ({MAX_FAILURES}); the rest is not read")
                    return out
                nxt = re.compile(r"^\s*@", re.M).search(text, max(exc.offset, at + 1))
                self.i = nxt.start() if nxt else len(text)
                continue
            if entry is not None:
                out.append(entry)

    def problem(self, offset: int, message: str) -> None:
        line, column = self.source.position(min(offset, len(self.text)))
        self.problems.append(Problem(self.source.name, line, column, message))

    def skip(self) -> None:
        self.i = _SPACE.match(self.text, self.i).end()  # type: ignore[union-attr]

    def expect(self, chars: str, what: str) -> str:
        self.skip()
        if self.i >= len(self.text):
            raise BibError(self.i, f"the file ends where {what} was expected")
        c = self.text[self.i]
        if c not in chars:
            raise BibError(self.i, f"expected {what}, found '{c}'")
        self.i += 1
        return c

    def name(self, what: str) -> str:
        self.skip()
        m = _NAME.match(self.text, self.i)
        if not m:
            found = self.text[self.i:self.i + 1] or "the end of the file"
            raise BibError(self.i, f"expected {what}, found '{found}'")
        self.i = m.end()
        return m.group()

    def entry(self, at: int) -> YNode | None:
        kind = self.name("an entry type after '@'").lower()
        if kind == "comment":
            return None
        opening = self.expect("{(", "'{' after @" + kind)
        closing = "}" if opening == "{" else ")"
        if kind == "preamble":
            self.value()
            self.expect(closing, f"'{closing}'")
            return None
        if kind == "string":
            macro = self.name("a macro name").lower()
            self.expect("=", "'=' after the macro name")
            self.macros[macro] = self.value()[0]
            self.expect(closing, f"'{closing}' closing @string")
            return None
        self.skip()
        key_at = self.i
        key = self.name("the entry's key")
        pairs: list[tuple[YNode, YNode]] = [(self.node("id", key_at), self.node(key, key_at))]
        fields: dict[str, tuple[str, int]] = {}
        while self.expect(","+closing, f"',' or '{closing}' after a field") == ",":
            self.skip()
            if self.text.startswith(closing, self.i):
                self.i += 1
                break
            name = self.name("a field name").lower()
            self.expect("=", f"'=' after '{name}'")
            self.skip()
            value_at = self.i
            fields[name] = (self.value()[0], value_at)
        pairs += self.csl_fields(kind, fields, at)
        line, column = self.source.position(at)
        return YNode("map", pairs, line, column)

    def value(self) -> tuple[str, int]:
        """A field value: pieces joined by '#'."""
        parts: list[str] = []
        start = self.i
        while True:
            self.skip()
            c = self.text[self.i:self.i + 1]
            if c in "{\"":
                parts.append(self.delimited())
            elif c.isdigit():
                m = re.compile(r"\d+").match(self.text, self.i)
                assert m
                parts.append(m.group())
                self.i = m.end()
            else:
                at = self.i
                macro = self.name("a value ({...}, \"...\", a number or a macro)").lower()
                if macro not in self.macros:
                    raise BibError(at, f"undefined macro '{macro}'")
                parts.append(self.macros[macro])
            self.skip()
            if not self.text.startswith("#", self.i):
                return "".join(parts), start
            self.i += 1

    def delimited(self) -> str:
        """The text of `{...}` (braces nested) or `"..."` (braces inside balanced) at the cursor."""
        text, opening = self.text, self.text[self.i]
        depth = 1 if opening == "{" else 0
        j = self.i + 1
        while j < len(text):
            c = text[j]
            if c == "\\":
                j += 2
                continue
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
            if (opening == "{" and depth == 0) or (opening == '"' and c == '"' and depth == 0):
                value = text[self.i + 1:j]
                self.i = j + 1
                return value
            if c == "@" and text[j - 1] == "\n":  # an entry begins: this value was never closed
                break
            j += 1
        raise BibError(self.i, f"this '{opening}' is never closed")

    def node(self, value: str, offset: int) -> YNode:
        line, column = self.source.position(offset)
        return YNode("scalar", value, line, column)

    def csl_fields(self, kind: str, fields: dict[str, tuple[str, int]], at: int) -> list[tuple[YNode, YNode]]:
        """Map BibTeX fields to CSL variables (names and dates in CSL-JSON's shapes)."""
        subtype = fields.get("entrysubtype", ("", at))[0].strip().lower()
        csl_type = SUBTYPES.get(subtype) if kind == "article" else None
        if kind == "misc" and "url" not in fields:
            csl_type = "book"
        pairs = [(self.node("type", at), self.node(csl_type or TYPE_MAP.get(kind, kind), at))]
        for name, (raw, offset) in fields.items():
            if name in ("author", "editor"):
                pairs.append((self.node(name, offset), self.names(raw, offset)))
            elif name == "number":
                var = "issue" if kind == "article" else "number"
                pairs.append((self.node(var, offset), self.node(latex_to_text(raw), offset)))
            elif name in FIELD_MAP:
                value = raw.strip() if name in ("url", "doi") else latex_to_text(raw)
                pairs.append((self.node(FIELD_MAP[name], offset), self.node(value, offset)))
        if "date" not in fields and "year" in fields:
            year, offset = fields["year"]
            parts = [latex_to_text(year)]
            for part in ("month", "day"):
                if part in fields:
                    text = latex_to_text(fields[part][0]).lower()[:3]
                    parts.append(MONTHS.get(text, text))
            iso = "-".join(p.zfill(2) if k else p for k, p in enumerate(parts))
            pairs.append((self.node("issued", offset), self.node(iso, offset)))
        return pairs

    def names(self, raw: str, offset: int) -> YNode:
        """"Family, Given and Given Family and {Institution}" as CSL name mappings."""
        out = []
        for part in re.split(r"\s+and\s+(?![^{]*\})", raw.strip()):
            part = part.strip()
            if not part:
                continue
            if part.startswith("{") and part.endswith("}"):
                fields = [("literal", latex_to_text(part))]
            elif "," in part:
                family, _, given = part.partition(",")
                fields = [("family", latex_to_text(family)), ("given", latex_to_text(given))]
            else:
                words = part.split()
                fields = [("family", latex_to_text(words[-1])), ("given", latex_to_text(" ".join(words[:-1])))]
            out.append(YNode("map", [(self.node(k, offset), self.node(v, offset)) for k, v in fields if v],
                             *self.source.position(offset)))
        line, column = self.source.position(offset)
        return YNode("seq", out, line, column)


def latex_to_text(value: str) -> str:
    """Plain Unicode text of a BibTeX value: accents composed, braces and commands dropped."""
    text = _ACCENT.sub(lambda m: unicodedata.normalize(
        "NFC", (m.group(2) or m.group(3)).lstrip("\\") + _ACCENTS[m.group(1)]), value)
    text = _LETTER.sub(lambda m: _LETTERS[m.group(1)], text)
    text = _COMMAND.sub("", text)
    for tex, char in _DASHES:
        text = text.replace(tex, char)
    text = _ESCAPE.sub(lambda m: chr(0xE000 + ord(m.group(1))), text)  # kept apart from real braces
    text = re.sub("[{}]", "", text)
    text = re.sub("[\ue000-\ue07f]", lambda m: chr(ord(m.group()) - 0xE000), text)
    return " ".join(text.split())
