"""Whatever the file holds, loading gives a Brief or a BriefError, never another exception."""
from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from typeset.errors import BriefError
from typeset.model import Limits, brief_from_dict
from typeset.readers import load_brief

YAML_BITS = ["title: T\n", "sections:\n", "  - heading: H\n", "    content:\n", "      - ", "footnotes:\n",
             "  a: ", "[^a]", "^[n]", "*", "- ", "  ", "\n", ":", "&x ", "*x", "!!str ", "'", '"', "[", "]",
             "{", "}", "list: bullet\n", "items: [a]\n", "image: x.png\n", "width: 50%\n", "---\n", "\t",
             "#c", "? ", "|\n", ">-\n", "\\", "\u00e9", "\x00", "42", "no"]
yamlish = st.lists(st.sampled_from(YAML_BITS), max_size=40).map("".join)

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
data = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["title", "sections", "heading", "content", "footnotes", "list", "items",
                                   "image", "quote", "authors", "x"]), inner, max_size=4)),
    max_leaves=20)
limits = Limits(max_nodes=500, max_depth=16)


@settings(max_examples=300, deadline=None)
@given(st.one_of(yamlish.map(str.encode), st.binary(max_size=200)))
def test_load_never_fails_unexpectedly(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.yaml"
        path.write_bytes(raw)
        try:
            load_brief(path, limits=limits)
        except BriefError as e:
            assert all(str(p).startswith(str(path)) for p in e.problems)


@settings(max_examples=300, deadline=None)
@given(data)
def test_from_dict_never_fails_unexpectedly(value):
    with contextlib.suppress(BriefError):
        brief_from_dict(value, limits=limits)
