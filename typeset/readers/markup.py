"""Writing the brief's inline markup (spec §1) from another source's text and styles.

Readers express what they read in the markup the model parses, so that the
one parser sees every brief: literal text gets backslashes before the
characters the markup gives meaning to, and link targets are written so
that they end where they should.
"""
from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\*\[\]<^])")
_URL_SPECIAL = re.compile(r"([\\()\[\]<>])")


def escape(text: str) -> str:
    """Literal text as markup: `*`, `[`, `]`, `<`, `^` and `\\` keep their face value."""
    return _SPECIAL.sub(r"\\\1", text)


def link(inner: str, url: str) -> str:
    """`[inner](url)`, with the URL's brackets escaped and spaces encoded."""
    target = _URL_SPECIAL.sub(r"\\\1", url).replace(" ", "%20")
    return f"[{inner}]({target})"


def autolink(url: str) -> str:
    """`<url>`: the URL printed as the link's text (`mailto:` addresses print without it)."""
    shown = url[7:] if url.lower().startswith("mailto:") and "@" in url else url
    return f"<{shown}>"


def emphasis(inner: str, strong: bool) -> str:
    mark = "**" if strong else "*"
    return f"{mark}{inner}{mark}" if inner.strip() else inner
