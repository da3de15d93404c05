"""Typography of notes: curly quotes, quotes within quotes, commas and full stops inside them.

Chicago (6.9, 13.30) sets periods and commas inside closing quotation marks and
turns double quotation marks within a quoted title into single ones.
"""
from __future__ import annotations

import re
from dataclasses import replace

from typeset.model.nodes import Run

_OPENS_AFTER = " \u00a0([{\u2014\u2013-/\u201c\u2018"
_INSIDE = re.compile("(\u2019?\u201d)([.,])")
_NUMBER_RANGE = re.compile(r"(?<=\d)-(?=\d)")


def curly(text: str, *, quoted: bool) -> str:
    """Straight quotes made typographic (in a `quoted` title, double quotes become single),
    and a hyphen between numbers an en dash (CMOS 6.78)."""
    text = _NUMBER_RANGE.sub("\u2013", text)
    out: list[str] = []
    for k, c in enumerate(text):
        opening = k == 0 or text[k - 1] in _OPENS_AFTER
        if c == '"':
            out.append(("\u2018" if opening else "\u2019") if quoted else ("\u201c" if opening else "\u201d"))
        elif c == "'":
            out.append("\u2018" if opening and k + 1 < len(text) and text[k + 1] != " " else "\u2019")
        else:
            out.append(c)
    return "".join(out)


def quoted_title(title: str) -> Run:
    return Run("\u201c" + curly(title, quoted=True) + "\u201d")


def italic_title(title: str) -> Run:
    return Run(curly(title, quoted=False), italic=True)


def punctuation_inside(runs: list[Run]) -> list[Run]:
    """Move a comma or full stop that follows a closing quotation mark inside it."""
    out = list(runs)
    for k in range(len(out)):
        r = out[k]
        text = _INSIDE.sub(lambda m: m.group(2) + m.group(1), r.text)
        if text.endswith("\u201d") and k + 1 < len(out) and out[k + 1].text[:1] in (".", ","):
            nxt = out[k + 1]
            cut = 2 if text.endswith("\u2019\u201d") else 1
            text = text[:-cut] + nxt.text[0] + text[-cut:]
            out[k + 1] = replace(nxt, text=nxt.text[1:])
        if text != r.text:
            out[k] = replace(r, text=text)
    return merge([r for r in out if r.text])


def merge(runs: list[Run]) -> list[Run]:
    """Adjacent runs of one style as one run."""
    out: list[Run] = []
    for r in runs:
        if out and (out[-1].italic, out[-1].bold, out[-1].link, out[-1].url) == (r.italic, r.bold, r.link, r.url):
            out[-1] = replace(out[-1], text=out[-1].text + r.text)
        else:
            out.append(r)
    return out

