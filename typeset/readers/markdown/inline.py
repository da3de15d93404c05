"""Markdown inline tokens (markdown-it) written as the brief's inline markup."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it.token import Token

from typeset.readers.markup import autolink, emphasis, escape, escape_prose, link

WIDTH_ATTR = re.compile(r'\{\s*width\s*=\s*("?)([^"}\s]+)\1\s*\}')


class InlineWriter:
    """Turns the children of one inline token into markup; `warn` reports what it cannot map."""

    def __init__(self, env: dict[str, Any], warn: Callable[[str], None]) -> None:
        self.env, self.warn = env, warn

    def write(self, tokens: list[Token]) -> str:
        out: list[str] = []
        stack: list[tuple[str, list[str], Token]] = []  # open em/strong/link: kind, outer parts, token
        i = 0
        while i < len(tokens):
            t = tokens[i]
            kind = t.type
            if kind == "text":
                out.append(escape_prose(t.content))
            elif kind in ("softbreak", "hardbreak"):
                out.append(" ")
            elif kind == "code_inline":
                out.append(escape(t.content))
            elif kind in ("em_open", "strong_open", "link_open"):
                if kind == "link_open" and t.markup == "autolink":
                    out.append(autolink(str(t.attrGet("href") or "")))
                    while i < len(tokens) and tokens[i].type != "link_close":
                        i += 1
                else:
                    stack.append((kind, out, t))
                    out = []
            elif kind in ("em_close", "strong_close", "link_close") and stack:
                opened, outer, token = stack.pop()
                inner = "".join(out)
                if opened == "link_open":
                    outer.append(link(inner, str(token.attrGet("href") or "")))
                else:
                    outer.append(emphasis(inner, strong=opened == "strong_open"))
                out = outer
            elif kind == "footnote_ref":
                out.append(self._note(t))
            elif kind == "image":
                self.warn("an image inside a paragraph is set as its description; "
                          "put the image in a paragraph of its own to show it")
                out.append(self.write(t.children or []))
            elif kind == "html_inline":
                self.warn(f"inline HTML '{t.content[:40]}' is printed as text")
                out.append(escape(t.content))
            else:
                self.warn(f"Markdown '{kind}' is not part of a brief; its text is kept")
                out.append(escape(t.content))
            i += 1
        while stack:  # markdown-it closes what it opens; this only guards the invariant
            _, outer, _ = stack.pop()
            out = outer + out
        return "".join(out)

    def _note(self, token: Token) -> str:
        label = token.meta.get("label")
        if label is not None:
            return f"[^{label}]"
        note = self.env.get("footnotes", {}).get("list", {}).get(token.meta.get("id"), {})
        return "^[" + self.write(note.get("tokens", [])) + "]"
