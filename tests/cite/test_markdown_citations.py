"""A Markdown brief cites as Pandoc does: `[@key]` in its text, `sources:` in its front matter."""
from __future__ import annotations

from pathlib import Path

from tests.cite.test_chicago import styled
from typeset.cite import resolve_citations
from typeset.readers import load_brief

MD = """---
title: T
sources:
  - {id: smith, type: book, author: ["Smith, Zadie"], title: Swing Time, publisher: Penguin Press,
     publisher-place: New York, issued: 2016}
---

# Background

A claim.[@smith, 12] Another *claim* [see @smith, 14]. A note.[^n] Literal [brackets] and a@b.org.

[^n]: As in [@smith, 14].
"""


def test_markdown_citations(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(MD, encoding="utf-8")
    brief = load_brief(path, strict=True)
    assert [styled(n.content) for n in resolve_citations(brief).footnotes] == [
        "Zadie Smith, *Swing Time* (New York: Penguin Press, 2016), 12.",
        "See ibid., 14.",
        "As in ibid.",
    ]
    text = "".join(getattr(i, "text", "") for i in brief.sections[0].content[0].content)
    assert text.endswith("A note. Literal [brackets] and a@b.org.")
