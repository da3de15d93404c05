"""The examples rendered and read back by the project's own checker, in every bundled layout."""
from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES
from tests.helpers.readback import check
from typeset.cite import resolve_citations
from typeset.layout.engine import geometry
from typeset.pipeline import render
from typeset.readers import load_brief
from typeset.style import bundled_layouts, load_layout


@pytest.mark.parametrize("layout", bundled_layouts())
@pytest.mark.parametrize("name", ["us-japan-alliance", "us-japan-alliance-cited", "features", "multilingual"])
def test_example_reads_back(name: str, layout: str) -> None:
    brief = load_brief(EXAMPLES / f"{name}.yaml")
    pdf = render(brief, layout)
    g = geometry(load_layout(layout))
    brief = resolve_citations(brief)  # the notes as printed: citations rendered
    assert check(pdf, brief, left=g.left, right=g.left + g.width, top=g.top, bottom=g.top + g.height) == []
