"""Layout templates: literal text with inline markup and {field} slots.

The template's markup is the layout author's; a field's value is the brief
author's and is inserted as literal text after parsing, so it can never be
read as markup. A template with an empty field yields nothing: the line is
left out (no dangling "By" or "Web:"). A line may offer alternatives,
`A || B`: the first whose fields are all filled is used, so
`**{author.name}**, {author.role} || **{author.name}**` still names an author
who has no role.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from typeset.model.markup import parse_inline
from typeset.model.nodes import Inline, Run

_FIELD = re.compile(r"\{([a-z_][a-z_.]*)\}")
_SLOT = 0xE000  # private-use code points stand in for fields while parsing


def fill(template: str, fields: Mapping[str, str]) -> Inline | None:
    """The first alternative (`A || B`) with every field filled in, or None if none has."""
    for alternative in template.split(" || "):
        content = _fill_one(alternative, fields)
        if content is not None:
            return content
    return None


def _fill_one(template: str, fields: Mapping[str, str]) -> Inline | None:
    """The template with its fields filled in, or None if any field is empty or unknown."""
    values: list[str] = []

    def slot(m: re.Match[str]) -> str:
        values.append(fields.get(m.group(1), "") or "")
        return chr(_SLOT + len(values) - 1)

    marked = _FIELD.sub(slot, template)
    if any(not v.strip() for v in values):
        return None
    content = tuple(item for item in parse_inline(marked, in_note=True).items if isinstance(item, Run))
    if not values:
        return content
    table = {_SLOT + i: v for i, v in enumerate(values)}
    out = []
    for item in content:
        if isinstance(item, Run):
            item = Run(item.text.translate(table), item.italic, item.bold, item.link, item.url)
        out.append(item)
    return tuple(out)
