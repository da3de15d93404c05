"""PDF/A-2b (ISO 19005-2, level B): what an archival copy adds to the canvas's output.

ReportLab's open-source canvas has no PDF/A mode, so this module adds the
parts the standard asks of our documents:

- XMP metadata (clause 6.6) in the catalog, uncompressed, declaring
  ``pdfaid:part=2, conformance=B`` and carrying the same title, author,
  subject, keywords, tools and dates as the document information dictionary
  (which then lists only non-empty entries, so each one has its XMP twin);
- an sRGB output intent (6.2.3) with an embedded ICC profile, which makes the
  DeviceRGB and DeviceGray colours we draw with device-independent;
- link annotations with the Print flag set (6.3.2);
- images without alpha (no soft masks: no transparency at all) and in RGB or
  grey, never CMYK (which an RGB output intent does not allow);
- every font embedded: the standard PDF fonts, which ReportLab does not
  embed, are refused with a message (6.2.11.4);
- an end-of-line marker before every `endstream` (6.1.7.1). ReportLab's
  stream writer has none, so `archival_formatting` puts one in while a PDF/A
  document is formatted: the renderer formats every document under one lock,
  so no other render of ours sees the swap. (ToUnicode maps without U+0000,
  which 6.2.11.7.2 asks for, are text/ttfont.py's in every PDF.)

No encryption is ever written. The ICC profile is LittleCMS's built-in sRGB
(through Pillow), saved once with a fixed date so output stays byte-identical.
"""
from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase import pdfdoc

from typeset.errors import TypesetError

if TYPE_CHECKING:
    from PIL import Image as PILImage

SRGB_PROFILE = Path(__file__).resolve().parent.parent / "data" / "icc" / "sRGB.icc"
SRGB_NAME = "sRGB IEC61966-2.1"
LINK_FLAGS = {"F": 4}  # annotation flags: Print set; Hidden, Invisible, NoView cleared


class PdfaError(TypesetError):
    """The document cannot be written as PDF/A (a font that would not be embedded)."""


class _PlainStream(pdfdoc.PDFStream):
    """A stream written without filters and without a Filter key (XMP must stay readable)."""

    def format(self, document: Any) -> bytes:
        dictionary = pdfdoc.PDFDictionary(self.dictionary.dict.copy())
        content = document.encrypt.encode(self.content)
        dictionary["Length"] = len(content)
        return pdfdoc.format(dictionary, document) + b"\nstream\n" + pdfdoc.format(content, document) + \
            b"\nendstream\n"


class _Catalog(pdfdoc.PDFCatalog):
    """The document catalog with an OutputIntents entry, which ReportLab's does not write."""

    __NoDefault__ = [*pdfdoc.PDFCatalog.__NoDefault__, "OutputIntents"]
    __Refs__ = __NoDefault__


class _Info(pdfdoc.PDFInfo):
    """The document information dictionary with only the entries that have a value, so every
    entry has an equal XMP property (6.6.2.3.1); Trapped, which has none here, is left out."""

    def format(self, document: Any) -> bytes:
        d: dict[str, Any] = {}
        for key, value in (("Title", self.title), ("Author", self.author), ("Subject", self.subject),
                           ("Keywords", self.keywords), ("Creator", self.creator), ("Producer", self.producer)):
            if value:  # UTF-16 beyond ASCII: readers disagree on PDFDocEncoding's 0x80-0x9F (— ł ‘ ’)
                d[key] = pdfdoc.PDFString(value, enc="auto" if value.isascii() else "utf-16")
        d["CreationDate"] = d["ModDate"] = pdfdoc.PDFDate(ts=document._timeStamp)
        return pdfdoc.PDFDictionary(d).format(document)


def make_archival(canvas: Any, title: str, author: str, subject: str, keywords: str, creator: str,
                  language: str) -> None:
    """Give the canvas's document the XMP metadata, output intent and information dictionary
    of PDF/A-2b. Call before the first page is drawn."""
    doc = canvas._doc
    doc.info.__class__ = _Info
    catalog = doc.Catalog
    catalog.__class__ = _Catalog
    meta = _PlainStream(pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"),
                                              "Subtype": pdfdoc.PDFName("XML")}))
    meta.content = xmp_packet(title=title, author=author, subject=subject, keywords=keywords, creator=creator,
                              producer=creator, language=language, when=_timestamp(doc))
    catalog.Metadata = meta
    profile = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 3}), SRGB_PROFILE.read_bytes())
    intent = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("OutputIntent"),
        "S": pdfdoc.PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": pdfdoc.PDFString(SRGB_NAME),
        "Info": pdfdoc.PDFString(SRGB_NAME),
        "RegistryName": pdfdoc.PDFString("http://www.color.org"),
        "DestOutputProfile": doc.Reference(profile),
    })
    catalog.OutputIntents = pdfdoc.PDFArray([intent])


@contextlib.contextmanager
def archival_formatting() -> Iterator[None]:
    """While a PDF/A document is formatted, streams end with an EOL before `endstream`. Hold the
    renderer's formatting lock around this."""
    stream_format = pdfdoc.PDFStream.format

    def format_with_eol(self: pdfdoc.PDFStream, document: Any) -> bytes:
        out = stream_format(self, document)
        end = b"endstream\n"
        if out.endswith(end):  # data ending in a newline still needs its own EOL: the data's is counted
            out = out[:-len(end)] + b"\n" + end  # outside the data: Length stays as it is
        return out

    pdfdoc.PDFStream.format = format_with_eol  # type: ignore[method-assign]
    try:
        yield
    finally:
        pdfdoc.PDFStream.format = stream_format  # type: ignore[method-assign]


def opaque(image: PILImage.Image) -> PILImage.Image:
    """The image as PDF/A draws it: alpha composited onto white, CMYK and palettes as RGB."""
    from PIL import Image as PILImage  # loaded by the image already: only briefs with images get here

    if image.mode in ("RGB", "L"):
        return image
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
        return PILImage.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")


def xmp_packet(*, title: str, author: str, subject: str, keywords: str, creator: str, producer: str,
               language: str, when: str) -> bytes:
    """The XMP packet: PDF/A identification plus the document information's values."""
    from xml.sax.saxutils import escape  # here, not at the top: it imports urllib and the socket stack

    def text(value: str) -> str:
        return escape(value, {'"': "&quot;"})

    lang = text(language or "x-default")
    props = [
        '<pdfaid:part>2</pdfaid:part>',
        '<pdfaid:conformance>B</pdfaid:conformance>',
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(title)}</rdf:li></rdf:Alt></dc:title>',
        f'<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>',
        '<dc:format>application/pdf</dc:format>',
        f'<xmp:CreateDate>{when}</xmp:CreateDate>',
        f'<xmp:ModifyDate>{when}</xmp:ModifyDate>',
        f'<xmp:MetadataDate>{when}</xmp:MetadataDate>',
    ]
    if author:
        props.append(f'<dc:creator><rdf:Seq><rdf:li>{text(author)}</rdf:li></rdf:Seq></dc:creator>')
    if subject:
        props.append(f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text(subject)}</rdf:li>'
                     '</rdf:Alt></dc:description>')
    if keywords:
        props.append(f'<pdf:Keywords>{text(keywords)}</pdf:Keywords>')
    if creator:
        props.append(f'<xmp:CreatorTool>{text(creator)}</xmp:CreatorTool>')
    if producer:
        props.append(f'<pdf:Producer>{text(producer)}</pdf:Producer>')
    body = "\n    ".join(props)
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
   <rdf:Description rdf:about=""
     xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
     xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:xmp="http://ns.adobe.com/xap/1.0/"
     xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
    {body}
   </rdf:Description>
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""
    return packet.encode("utf-8")


def _timestamp(doc: Any) -> str:
    """The document's own date (fixed under `invariant`) in XMP form, equal to its PDF date."""
    ts = doc._timeStamp
    y, mo, d, h, mi, s = ts.YMDhms
    offset = dt.timedelta(hours=ts.dhh, minutes=ts.dmm)
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}{sign}{minutes // 60:02d}:{minutes % 60:02d}"
