"""What the local pool's fork server loads before it forks its workers.

Importing this module parses the fonts of every bundled layout and loads the
English hyphenation patterns, once, in the fork server: each worker it forks
starts with them in memory instead of spending its first brief reading them
(about 0.4 s a worker, a tenth of a 200-brief batch on two cores).
"""
from __future__ import annotations

import contextlib

from typeset.layout.engine import font_book
from typeset.style import bundled_layouts, load_layout
from typeset.text.paragraph import get_hyphenator


def warm() -> None:
    """Register and measure the bundled layouts' fonts; load the English patterns. A failure
    here is left for the brief that meets it to report: warming up must not stop the server."""
    with contextlib.suppress(Exception):
        _warm()


def _warm() -> None:
    for name in bundled_layouts():
        book = font_book(load_layout(name))
        for family in book.families:
            for bold in (False, True):
                for italic in (False, True):
                    book.width("x", book.face(family, bold, italic), 10)
    get_hyphenator("en")


warm()
