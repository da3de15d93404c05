"""Header fields a Word file carries outside its text: core and custom document properties.

Read: the core properties' title (`dc:title`), author (`dc:creator`, several
separated by `;`) and language (`dc:language`); and custom properties (File >
Properties > Custom in Word, or Pandoc's metadata) named after the brief's
header keys: `title`, `subtitle`, `series`, `date`, `language`, `layout`,
`disclaimer`, `authors` and `editors` (`;` between names),
`authors.N.role` and `authors.N.affiliation` (N from 1), and
`publisher.name`, `.web`, `.phone`, `.fax`, `.logo`. Other properties are
not the brief's and are not read.
"""
from __future__ import annotations

from typeset.readers.docx.package import Package

DC = "http://purl.org/dc/elements/1.1/"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
PLAIN_KEYS = ("title", "subtitle", "series", "date", "language", "layout", "disclaimer", "authors", "editors")
PUBLISHER_KEYS = ("name", "web", "phone", "fax", "logo")


def core_properties(package: Package) -> dict[str, str]:
    """title, authors and language from docProps/core.xml (those present and not blank)."""
    if not package.has("docProps/core.xml"):
        return {}
    root = package.xml("docProps/core.xml")
    out = {}
    for key, tag in (("title", "title"), ("authors", "creator"), ("language", "language")):
        el = root.find(f"{{{DC}}}{tag}")
        if el is not None and (el.text or "").strip():
            out[key] = el.text.strip()
    return out


def custom_properties(package: Package) -> dict[str, str]:
    """The brief's header keys among docProps/custom.xml's properties (blank ones skipped)."""
    if not package.has("docProps/custom.xml"):
        return {}
    out = {}
    for prop in package.xml("docProps/custom.xml").iter(f"{{{CUSTOM}}}property"):
        name = (prop.get("name") or "").strip().lower()
        value = "".join("".join(child.itertext()) for child in prop).strip()
        if value and _is_header_key(name):
            out[name] = value
    return out


def _is_header_key(name: str) -> bool:
    if name in PLAIN_KEYS:
        return True
    parts = name.split(".")
    if len(parts) == 2 and parts[0] == "publisher":
        return parts[1] in PUBLISHER_KEYS
    return len(parts) == 3 and parts[0] == "authors" and parts[1].isdigit() and parts[2] in ("role", "affiliation")


def names(value: str) -> list[str]:
    """`A; B` -> ["A", "B"] (Word's way of listing several authors)."""
    return [n.strip() for n in value.split(";") if n.strip()]
