"""A .docx is an untrusted zip of XML parts: read it within limits, parse it without DTDs.

Refused, each with one error naming the file: more members than a Word file
has, members or a total that inflate past their limits or by a bomb's ratio
(sizes are checked as read, not trusted from the directory), member names
that climb out (`../`, absolute, backslashes), XML with a DTD or entities
(XXE, billion laughs; defusedxml), and relationships to outside targets
other than hyperlinks (a linked picture would be fetched; nothing is).
"""
from __future__ import annotations

import io
import posixpath
import struct
import zipfile
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from typeset.values import Value

MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = 25_000_000  # one part, inflated (an image may be 20 MB)
MAX_XML_BYTES = 10_000_000  # one XML part, inflated: parsed, it takes several times that in memory
MAX_TOTAL_BYTES = 100_000_000  # all parts read, inflated
MAX_RATIO = 100  # inflated / compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 1_000_000

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
HYPERLINK = R + "/hyperlink"


class PackageError(ValueError):
    """The .docx cannot be read safely; the message is for the user."""


@dataclass(slots=True, eq=False, repr=False)
class Relationship(Value):
    """One relationship of a package part: an image, a hyperlink, the notes."""

    type: str
    target: str  # a member name inside the package, or a URL for a hyperlink
    external: bool


class Package:
    """The members of a .docx, read on demand within the limits."""

    def __init__(self, data: bytes) -> None:
        declared = _declared_members(data)
        if declared is not None and declared > MAX_MEMBERS:  # before zipfile reads the whole directory
            raise PackageError(f"too many parts in the .docx ({declared:,}; the limit is {MAX_MEMBERS:,})")
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise PackageError(f"not a Word (.docx) file: {exc}") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise PackageError(f"too many parts in the .docx ({len(infos):,}; the limit is {MAX_MEMBERS:,})")
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            _check_name(info.filename)
            if info.flag_bits & 0x1:
                raise PackageError(f"part '{info.filename[:60]}' is encrypted")
            self.members[info.filename] = info
        self.read_total = 0

    def has(self, name: str) -> bool:
        return name in self.members

    def read(self, name: str, max_bytes: int = MAX_MEMBER_BYTES) -> bytes:
        """A member's bytes, stopping as soon as it inflates past a limit."""
        info = self.members.get(name)
        if info is None:
            raise PackageError(f"the .docx has no part '{name}'")
        limit = min(max_bytes, MAX_TOTAL_BYTES - self.read_total)
        if info.file_size > limit:
            raise PackageError(_too_big(name, info.file_size, max_bytes))
        try:
            with self.zip.open(info) as f:
                data = f.read(limit + 1)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
            raise PackageError(f"part '{name}' is damaged: {exc}") from None
        if len(data) > limit:
            raise PackageError(_too_big(name, len(data), max_bytes))
        if len(data) > RATIO_FLOOR and len(data) > MAX_RATIO * max(info.compress_size, 1):
            raise PackageError(f"part '{name}' inflates {len(data) // max(info.compress_size, 1):,} times "
                               f"(a zip bomb); the limit is {MAX_RATIO}")
        self.read_total += len(data)
        return data

    def xml(self, name: str) -> Element:
        """A member parsed as XML, refusing DTDs and entities."""
        data = self.read(name, MAX_XML_BYTES)
        try:
            return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        except DefusedXmlException:
            raise PackageError(f"part '{name}' declares a DTD or entities, which a Word file never "
                               "needs; refused") from None
        except SafeET.ParseError as exc:
            raise PackageError(f"part '{name}' is not well-formed XML ({exc})") from None

    def relationships(self, part: str) -> dict[str, Relationship]:
        """The relationships of `part` (e.g. word/document.xml), by id; outside targets refused."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return {}
        out = {}
        for rel in self.xml(rels_name).iter(f"{{{PKG_REL}}}Relationship"):
            rid, kind, target = rel.get("Id", ""), rel.get("Type", ""), rel.get("Target", "")
            external = rel.get("TargetMode", "") == "External"
            if external and kind != HYPERLINK:
                raise PackageError(f"the document links to an outside file ('{target[:80]}', "
                                   f"{kind.rsplit('/', 1)[-1]}); linked pictures and templates are refused, "
                                   "nothing is fetched: embed the picture instead")
            if not external:
                target = _inside(folder, target)
            out[rid] = Relationship(kind, target, external)
        return out


def _declared_members(data: bytes) -> int | None:
    """The member count a zip's end record (or zip64 end record) declares; None if none is found.

    zipfile would read every entry of the directory first; a lie here only
    moves the refusal to the count of the entries zipfile reads.
    """
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    (count,) = struct.unpack_from("<H", data, end + 10)
    locator = end - 20
    if count == 0xFFFF and locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":  # zip64
        (offset,) = struct.unpack_from("<Q", data, locator + 8)
        if offset + 40 <= len(data) and data[offset:offset + 4] == b"PK\x06\x06":
            (count,) = struct.unpack_from("<Q", data, offset + 32)
            return count
        return None
    return count


def attr(el: Element, name: str, ns: str = W) -> Any:
    return el.get(f"{{{ns}}}{name}")


def _check_name(name: str) -> None:
    parts = name.split("/")
    if name.startswith("/") or "\\" in name or ".." in parts or ":" in parts[0] or "\x00" in name:
        raise PackageError(f"part name '{name[:80]}' points outside the package; refused")


def _inside(folder: str, target: str) -> str:
    path = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target))
    if path.startswith("../") or path == ".." or path.startswith("/"):
        raise PackageError(f"a relationship points outside the package ('{target[:80]}'); refused")
    return path


def _too_big(name: str, size: int, limit: int) -> str:
    return (f"part '{name}' inflates to {size:,} bytes or more, past the limit "
            f"({limit:,} for this part, {MAX_TOTAL_BYTES:,} in all); a zip bomb?")
