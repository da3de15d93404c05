"""The README's citation example is valid and prints the notes it promises."""
from __future__ import annotations

import re

from tests.cite.test_chicago import styled
from tests.conftest import REPO
from typeset.cite import resolve_citations
from typeset.readers import load_brief


def test_readme_citation_example(tmp_path) -> None:  # noqa: ANN001 - a Path
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Citations\n.*?```yaml\n(.*?)```", text, re.S).group(1)  # type: ignore[union-attr]
    brief = tmp_path / "cited.yaml"
    brief.write_text("title: T\n" + block, encoding="utf-8")
    loaded = load_brief(brief, strict=True)
    assert [styled(n.content) for n in resolve_citations(loaded).footnotes] == [
        "Jeffrey W. Hornung, \u201cAmerica\u2019s Best Friend in Asia,\u201d *Foreign Affairs*, April 10, 2024, "
        "https://www.foreignaffairs.com/united-states/americas-best-friend-asia.",
        "\u201cUnited States-Japan Joint Leaders\u2019 Statement,\u201d The White House, April 10, 2024, 2; "
        "see also Hornung, \u201cAmerica\u2019s Best Friend,\u201d 4\u20135.",
        "On the treaty, see The White House, \u201cUnited States-Japan Joint Leaders\u2019 Statement\u201d; "
        "Hornung, \u201cAmerica\u2019s Best Friend,\u201d 7, emphasis added.",
    ]
