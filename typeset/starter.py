"""`briefset new DIR`: a starter brief that builds at once and shows the format's main parts.

The starter names its layout, has the header fields a brief usually has,
sections with a list and a quotation, and numbered notes, each with a short
comment on how to write it; the author replaces the text and keeps the shape.
It is written as YAML or, with `fmt="markdown"`, as Markdown with front
matter (typeset/readers/markdown). It is never written over an existing file.
"""
from __future__ import annotations

import os
from pathlib import Path

from typeset.errors import TypesetError
from typeset.style import DEFAULT_LAYOUT, bundled_layouts

FORMATS = {"yaml": "brief.yaml", "markdown": "brief.md"}

_YAML = """\
# A new brief. Build it with:  briefset build {name}
# Every key is described in the brief format (title and sections are required).
layout: {layout}
language: en
series: Issue Brief
title: The Title of the Brief
subtitle: A subtitle that says what the brief argues
date: {date}
authors:
  - name: First Author
    role: Research Fellow
    affiliation: Name of the Centre
sections:
  - heading: Introduction
    content:
      - >-
        Each paragraph is one block of text. Text may be *italic* or **bold**,
        link to <https://example.org>, and cite a source with a note mark at
        the end of a sentence.[^first]
      - >-
        A second paragraph. Notes are numbered in the order they are first
        cited, and each prints at the foot of the page that cites it.[^second]
  - heading: Findings
    content:
      - "The findings, as a list:"
      - list: numbered
        items:
          - The first finding.
          - The second finding, with its own source.[^third]
      - quote: >-
          A quotation from a document or a speech, set off from the text.
  - heading: Conclusion
    content:
      - A closing paragraph with the brief's recommendation.
footnotes:
  first: >-
    Author Name, *Title of the Report* (City: Publisher, 2024), 12,
    <https://example.org/report>.
  second: Another source. Each note is cited once; cite a source again with a new note.
  third: Ibid., 14.
"""


_MARKDOWN = """\
---
# A new brief in Markdown. Build it with:  briefset build {name}
# The header fields go in this front matter, as in a YAML brief.
layout: {layout}
language: en
series: Issue Brief
title: The Title of the Brief
subtitle: A subtitle that says what the brief argues
date: "{date}"
authors:
- name: First Author
  role: Research Fellow
  affiliation: Name of the Centre
---

# Introduction

Each paragraph is one block of text. Text may be *italic* or **bold**, link to
<https://example.org>, and cite a source with a note mark at the end of a
sentence.[^first]

A second paragraph. Notes are numbered in the order they are first cited, and
each prints at the foot of the page that cites it.[^second]

# Findings

The findings, as a list:

1. The first finding.
2. The second finding, with its own source.[^third]

> A quotation from a document or a speech, set off from the text.

# Conclusion

A closing paragraph with the brief's recommendation.

[^first]: Author Name, *Title of the Report* (City: Publisher, 2024), 12,
    <https://example.org/report>.

[^second]: Another source. Each note is cited once; cite a source again with a new note.

[^third]: Ibid., 14.
"""

_TEXTS = {"yaml": _YAML, "markdown": _MARKDOWN}


class StarterError(TypesetError):
    """The starter cannot be written; `path` is the file or folder at fault."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path = path


def write_starter(folder: str | os.PathLike[str], *, layout: str | None = None, fmt: str = "yaml") -> Path:
    """Write the starter brief into `folder` (created if need be); its path."""
    import datetime

    layout = layout or DEFAULT_LAYOUT
    if layout not in bundled_layouts():
        raise StarterError(layout, f"no bundled layout named '{layout}' (bundled: {', '.join(bundled_layouts())})")
    if fmt not in FORMATS:
        raise StarterError(fmt, f"no starter in the format '{fmt}' (formats: {', '.join(FORMATS)})")
    target = Path(folder) / FORMATS[fmt]
    text = _TEXTS[fmt].format(name=target, layout=layout, date=datetime.date.today().isoformat())
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8") as f:
            f.write(text)
    except FileExistsError:
        raise StarterError(str(target), "already exists; the starter is never written over a file") from None
    except OSError as e:
        raise StarterError(str(e.filename or target), f"cannot write: {e.strerror or e}") from None
    return target
