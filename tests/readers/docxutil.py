"""Small Word files written member by member, so tests say exactly what the .docx holds."""
from __future__ import annotations

import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = (f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"')
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
HYPERLINK = R_NS + "/hyperlink"
IMAGE = R_NS + "/image"

STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:styles {NS}>
  <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
  <w:style w:type="paragraph" w:styleId="Author"><w:name w:val="Author"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/></w:style>
  <w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="My Heading"/><w:basedOn w:val="Heading2"/></w:style>
  <w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/></w:style>
  <w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style>
  <w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/></w:style>
  <w:style w:type="character" w:styleId="Emphasis"><w:name w:val="Emphasis"/></w:style>
</w:styles>"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
  <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""

SEPARATORS = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
              '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
              '</w:r></w:p></w:footnote>')


def p(text: str = "", style: str | None = None, *, runs: str | None = None, num: tuple[int, int] | None = None) -> str:
    """A paragraph: plain `text` in one run, or the raw `runs` XML."""
    ppr = ""
    if style or num:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "")
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    return f"<w:p>{ppr}{runs if runs is not None else r(text)}</w:p>"


def r(text: str, *, italic: bool = False, bold: bool = False, props: str = "") -> str:
    rpr = ("<w:i/>" if italic else "") + ("<w:b/>" if bold else "") + props
    return (f"<w:r>{'<w:rPr>' + rpr + '</w:rPr>' if rpr else ''}"
            f'<w:t xml:space="preserve">{text}</w:t></w:r>')


def note_ref(word_id: int) -> str:
    return f'<w:r><w:footnoteReference w:id="{word_id}"/></w:r>'


def footnote(word_id: int, *paragraphs: str) -> str:
    body = "".join(f'<w:p><w:r><w:footnoteRef/></w:r>{r(" " + t)}</w:p>' if i == 0 else p(t)
                   for i, t in enumerate(paragraphs))
    return f'<w:footnote w:id="{word_id}">{body}</w:footnote>'


def rels(*items: tuple[str, str, str, bool]) -> str:
    """Relationships: (id, type, target, external)."""
    external = ' TargetMode="External"'
    rows = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"{external if ext else ""}/>'
                   for i, t, target, ext in items)
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{REL_NS}">{rows}</Relationships>'


def write_docx(path: Path, body: str, *, notes: str = "", doc_rels: str | None = None,
               members: dict[str, bytes | str] | None = None, core: str | None = None,
               custom: dict[str, str] | None = None) -> Path:
    """A .docx at `path` whose body is `body` (paragraph XML) and whose notes are `notes`."""
    files: dict[str, bytes | str] = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                               'package/2006/content-types"/>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}'
                             '<w:sectPr/></w:body></w:document>',
        "word/styles.xml": STYLES,
        "word/numbering.xml": NUMBERING,
        "word/footnotes.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {NS}>{SEPARATORS}{notes}'
                              '</w:footnotes>',
    }
    if doc_rels is not None:
        files["word/_rels/document.xml.rels"] = doc_rels
    if core is not None:
        files["docProps/core.xml"] = ('<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.'
                                      'openxmlformats.org/package/2006/metadata/core-properties" '
                                      f'xmlns:dc="http://purl.org/dc/elements/1.1/">{core}</cp:coreProperties>')
    if custom is not None:
        props = "".join(f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" name="{k}">'
                        f"<vt:lpwstr>{v}</vt:lpwstr></property>" for i, (k, v) in enumerate(custom.items(), 2))
        files["docProps/custom.xml"] = ('<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.'
                                        'org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.'
                                        f'openxmlformats.org/officeDocument/2006/docPropsVTypes">{props}</Properties>')
    files.update(members or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return path


def brief_body(*paragraphs: str) -> str:
    """A title, an author and a first heading, then `paragraphs`."""
    return p("A Title", "Title") + p("Ann Author", "Author") + p("Background", "Heading1") + "".join(paragraphs)
