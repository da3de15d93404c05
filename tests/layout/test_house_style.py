"""The house layout's first page, numbering styles, and glyph fallback, read back from PDFs."""
from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from tests.conftest import EXAMPLES
from tests.helpers.readback import check, read_pdf
from typeset.layout.engine import geometry
from typeset.model import brief_from_dict
from typeset.pipeline import render, render_result
from typeset.readers import load_brief
from typeset.style import load_layout


def page_lines(data: bytes, page: int = 0) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return pdf.pages[page].extract_text(x_tolerance=1).splitlines()


def test_issi_first_page_header_block_in_order() -> None:
    lines = page_lines(render(load_brief(EXAMPLES / "us-japan-alliance.yaml"), "issi-brief"))
    expected = ["ISSUE BRIEF", "INSTITUTE OF STRATEGIC STUDIES ISLAMABAD", "Web: www.issi.org.pk",
                "Phone: +92-51-9204423, 24", "Fax: +92-51-9204658", "THE DEEPENING U.S.-JAPAN ALLIANCE", "By",
                "Muhammad Usman Karim", "Research Assistant", "China-Pakistan Study Centre (CPSC), ISSI",
                "Edited by Dr Talat Shabbir", "May 28, 2024",
                "(Views expressed in the brief are those of the author, and do not represent those of ISSI)",
                "Background"]
    assert lines[: len(expected)] == expected


def test_missing_fields_leave_no_trace() -> None:
    brief = brief_from_dict({"title": "Minimal", "sections": [{"heading": "One", "content": ["Text."]}]})
    lines = page_lines(render(brief, "issi-brief"))
    assert lines[:3] == ["MINIMAL", "One", "Text."]
    joined = "\n".join(lines)
    for absent in ("By", "Edited", "Web:", "Phone:", "Fax:", "()"):
        assert absent not in joined


def test_several_authors_each_get_their_lines() -> None:
    brief = brief_from_dict({"title": "T", "authors": [{"name": "Ann One", "role": "Fellow"}, {"name": "Bo Two"}],
                             "sections": [{"heading": "H", "content": ["Text."]}]})
    lines = page_lines(render(brief, "issi-brief"))
    assert lines[:5] == ["T", "By", "Ann One", "Fellow", "Bo Two"]


def test_an_author_without_a_role_is_still_named_in_every_layout() -> None:
    """A template line may offer alternatives (`A || B`): the first whose fields are all filled."""
    brief = brief_from_dict({"title": "T", "authors": [{"name": "Ann One", "role": "Fellow"}, {"name": "Bo Two"}],
                             "sections": [{"heading": "H", "content": ["Text."]}]})
    for layout in ("issi-brief", "policy-paper", "plain"):
        joined = "\n".join(page_lines(render(brief, layout)))
        assert "Ann One" in joined and "Bo Two" in joined, (layout, joined)
    lines = page_lines(render(brief, "policy-paper"))
    assert "Ann One, Fellow" in lines and "Bo Two" in lines


def test_brief_fields_are_never_read_as_template_markup() -> None:
    brief = brief_from_dict({"title": "{publisher.name} **not bold**", "editors": ["*Ed* {title}"],
                             "sections": [{"heading": "H", "content": ["Text."]}]})
    joined = "\n".join(page_lines(render(brief, "issi-brief")))
    assert "{PUBLISHER.NAME} **NOT BOLD**" in joined
    assert "Edited by *Ed* {title}" in joined


def _layout(tmp_path: Path, numbering: str) -> str:
    path = tmp_path / f"{numbering}.yaml"
    path.write_text(f"extends: issi-brief\nfootnotes:\n  numbering: {numbering}\n", encoding="utf-8")
    return str(path)


def _marks_by_page(data: bytes) -> list[list[str]]:
    return [p.marks for p in read_pdf(data)]


def test_per_page_numbering_restarts_on_each_page(tmp_path: Path) -> None:
    brief = load_brief(EXAMPLES / "us-japan-alliance.yaml")
    path = _layout(tmp_path, "per-page")
    data = render(brief, path)
    pages = [m for m in _marks_by_page(data) if m]
    assert len(pages) >= 3
    for marks in pages:
        assert marks == [str(k) for k in range(1, len(marks) + 1)]
    g = geometry(load_layout(path))
    assert check(data, brief, left=g.left, right=g.left + g.width, top=g.top, bottom=g.top + g.height) == []


def test_symbol_numbering(tmp_path: Path) -> None:
    brief = load_brief(EXAMPLES / "us-japan-alliance.yaml")
    path = _layout(tmp_path, "symbols")
    data = render(brief, path)
    symbols = ["*", "\u2020", "\u2021", "\u00a7", "\u2016", "\u00b6", "**", "\u2020\u2020"]
    for marks in _marks_by_page(data):
        assert marks == symbols[: len(marks)]
    g = geometry(load_layout(path))
    assert check(data, brief, left=g.left, right=g.left + g.width, top=g.top, bottom=g.top + g.height) == []


def test_fallback_glyphs_are_drawn_and_missing_ones_warned_with_position(tmp_path: Path) -> None:
    src = tmp_path / "b.yaml"
    src.write_text("title: Glyphs\nsections:\n  - heading: Scripts\n    content:\n"
                   "      - \"Armenian \u0531\u0532\u0533, superscript zero x\u2070, Han \u4e2d, hieroglyph \U00013000.\"\n",
                   encoding="utf-8")
    result = render_result(load_brief(src), "issi-brief")
    text = "\n".join(page_lines(result.pdf))
    assert "\u0531\u0532\u0533" in text and "x\u2070" in text and "\u4e2d" in text
    with pdfplumber.open(io.BytesIO(result.pdf)) as pdf:
        fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars}
    assert "DejaVuSans" in fonts and "WenQuanYiMicroHei-0" in fonts
    warnings = [str(w) for w in result.warnings]
    assert warnings == [f"{src}:5:9: warning: no bundled font has the character '\U00013000' (U+13000); "
                        "it prints as a blank box"]
