"""Fuzzing: whatever a brief holds, the outcome is a PDF or a BriefError, nothing else.

Two levels: the inline markup parser on hostile strings, and whole briefs
(Brief.from_dict on generated structures, right and wrong types mixed) that
are then rendered. Examples are few and the data small, to keep the suite fast.
"""
from __future__ import annotations

import datetime
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import typeset
from tests.security.helpers import image_bytes
from typeset.model.markup import MAX_URL_CHARS, NoteMark, parse_inline
from typeset.model.nodes import Run

HOSTILE = ["<font color=\"red\">", "</font>", "<para>", "<b>", "<img src=\"/etc/passwd\"/>", "<onDraw name=x/>",
           "<a href=\"javascript:alert(1)\">", "</a>", "&lt;", "&amp;", "%PDF", "endobj", ")", "(", "\\", "\\\\",
           "[", "]", "^[", "[^", "*", "**", "<", ">", "](", "javascript:", "file:///etc/passwd", "data:,x",
           "https://e.org/x", "<https://e.org/a(b)>", "mailto:a@b.c", "<a@b.c>", " ", "\n", "\t", "x", "Zürich",
           "\x00", "\x1b", "\u202e", "\ud800", "\ue000", "{title}", "%s", "\ufeff", "\u00ad"]
hostile_text = st.one_of(st.lists(st.sampled_from(HOSTILE), max_size=40).map("".join), st.text(max_size=120))
# Without the note syntax, so that generated briefs are often valid and get rendered.
safe_text = st.lists(st.sampled_from([h for h in HOSTILE if "[" not in h and "]" not in h and h != "^"]),
                     min_size=1, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(hostile_text, st.booleans())
def test_inline_parser_returns_runs_and_marks_only(text, in_note):
    parsed = parse_inline(text, in_note=in_note)
    for item in parsed.items:
        assert isinstance(item, (Run, NoteMark))
        runs = item.content if isinstance(item, NoteMark) else (item,)
        for run in runs:
            assert isinstance(run.text, str) and run.text
            if run.link is not None:
                assert run.link.split(":", 1)[0].lower() in ("http", "https", "mailto")
                assert len(run.link) <= MAX_URL_CHARS
    for d in parsed.diagnostics:
        assert 0 <= d.offset < len(text) and d.severity in ("error", "warning")


def test_inline_parser_refuses_overlong_links_without_losing_text():
    url = "https://example.org/" + "a" * MAX_URL_CHARS
    for text in (f"<{url}>", f"[here]({url})"):
        parsed = parse_inline(text)
        assert [i.link for i in parsed.items if isinstance(i, Run)] == [None]
        assert [d.severity for d in parsed.diagnostics] == ["warning"]


# ------------------------------------------------------------------ whole briefs

scalar = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=True, allow_infinity=True),
    hostile_text, st.dates(), st.just(datetime.datetime(2024, 5, 28, 12, 0)), st.binary(max_size=8),
    st.just(object()), st.just(Path("chart.png")), st.just(math.pi),
)
anything = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(["title", "sections", "heading", "content", "list", "items",
                                                   "image", "caption", "width", "quote", "footnotes", "name"]),
                                  st.text(max_size=8), st.integers()), inner, max_size=4),
    ),
    max_leaves=12,
)
IMAGES = ["chart.png", "missing.png", "../chart.png", "/etc/passwd", "http://127.0.0.1:9/x.png", "data:,x",
          "fake.png", "", ".", "chart.png/.."]
WIDTHS = ["60%", "8cm", "120pt", "2in", "0%", "-5cm", "1e9pt", "999999999%", "wide", "", 50, -1, True, None]


class Gen:
    """Draws the parts of a brief: tame (valid, hostile text only) or wild (wrong types, bad paths)."""

    def __init__(self, draw: st.DrawFn, wild: bool) -> None:
        self.draw, self.wild = draw, wild

    def text(self) -> object:
        return self.draw(st.one_of(safe_text, hostile_text, anything) if self.wild else safe_text)

    def pick(self, tame: list[object], wild: list[object]) -> object:
        return self.draw(st.sampled_from(tame + wild if self.wild else tame))

    def rarely(self) -> bool:
        return self.wild and self.draw(st.integers(0, 4)) == 4  # Hypothesis favours small numbers

    def block(self) -> object:
        draw = self.draw
        kind = draw(st.integers(0, 4))
        if kind == 1:
            return {"list": self.pick(["bullet", "numbered"], ["roman", 1, None]),
                    "items": [self.text() for _ in range(draw(st.integers(1, 3)))]}
        if kind == 2:
            return {"quote": self.text()}
        if kind == 3:
            fig: dict[str, object] = {"image": self.pick(["chart.png"], IMAGES)}
            if draw(st.booleans()):
                fig["caption"] = self.text()
            if draw(st.booleans()):
                fig["width"] = self.pick(["60%", "8cm", "120pt", "2in", "0.5in"], WIDTHS)
            return fig
        if self.rarely():
            return draw(anything)
        mark = self.pick(["", "", "[^a]", "^[an inline note]"], ["[^b]", "[^missing]", "^[]"])
        return f"{self.text()}{mark}" if isinstance(text := self.text(), str) else text

    def section(self, depth: int = 0) -> object:
        sec: dict[object, object] = {"heading": self.text(),
                                     "content": [self.block() for _ in range(self.draw(st.integers(0, 4)))]}
        if depth < 3 and self.draw(st.integers(0, 3)) == 3:
            sec["sections"] = [self.section(depth + 1) for _ in range(self.draw(st.integers(1, 2)))]
        if self.rarely():
            sec[self.draw(st.text(max_size=6))] = self.draw(anything)
        return sec


@st.composite
def near_brief(draw: st.DrawFn) -> object:
    """A brief with every kind of field: mostly valid, with hostile text; sometimes badly wrong."""
    g = Gen(draw, wild=draw(st.integers(0, 3)) == 3)
    brief: dict[object, object] = {"title": g.text(),
                                   "sections": [g.section() for _ in range(draw(st.integers(1, 3)))],
                                   "footnotes": {"a": g.text()}}
    optional = {
        "series": g.text, "subtitle": g.text, "date": lambda: g.pick(["2024-05-28", "Spring 2025"], [2024]),
        "authors": lambda: [{"name": g.text(), "role": g.text(), "affiliation": g.text()}],
        "editors": lambda: [g.text(), g.text()],
        "publisher": lambda: {"name": g.text(), "web": g.text(), "logo": g.pick(["chart.png"], IMAGES)},
        "disclaimer": g.text,
        "layout": lambda: g.pick(["issi-brief", "plain", "policy-paper"], ["nope", "/etc/passwd", "../x.yaml"]),
        "language": lambda: g.pick(["en", "de", "fr-CH", "xx"], ["../../etc", "", 12]),
    }
    for key, make in optional.items():
        if draw(st.booleans()):
            brief[key] = make()
    if g.rarely():
        brief[draw(st.text(max_size=8))] = draw(anything)
    return brief


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "brief"
    path.mkdir()
    (path / "chart.png").write_bytes(image_bytes("PNG", (40, 20)))
    (path / "fake.png").write_bytes(b"GIF89a not really")
    (path.parent / "chart.png").write_bytes(image_bytes("PNG", (40, 20)))
    return path


def outcome(data: object, folder: Path) -> str:
    """'pdf' or 'error'; anything else is raised, and fails the test."""
    try:
        brief = typeset.Brief.from_dict(data, base_dir=folder)  # type: ignore[arg-type]
    except typeset.BriefError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        return "error"
    try:
        pdf = typeset.render(brief)
    except typeset.BriefError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        return "error"
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    return "pdf"


SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]


@settings(max_examples=150, deadline=None, suppress_health_check=SLOW)
@given(anything)
def test_any_structure_is_a_pdf_or_a_brief_error(folder, data):
    outcome(data, folder)


@settings(max_examples=60, deadline=None, suppress_health_check=SLOW)
@given(near_brief())
def test_near_valid_briefs_are_a_pdf_or_a_brief_error(folder, data):
    outcome(data, folder)


def test_the_generator_does_reach_the_renderer(folder):
    """Guard against a generator that only ever produces errors."""
    results = set()

    @settings(max_examples=40, deadline=None, suppress_health_check=SLOW, database=None)
    @given(near_brief())
    def collect(data):
        results.add(outcome(data, folder))

    collect()
    assert results == {"pdf", "error"}


@pytest.mark.parametrize("invisible", ["\ufeff", "\u200b", "\u00ad"])
def test_a_heading_that_prints_nothing_does_not_break_the_outline(folder, invisible):
    """Found by the fuzzer: the subsection of an invisible heading jumped two outline levels."""
    data = {"title": "T", "sections": [{"heading": "One", "sections": [
        {"heading": invisible, "sections": [{"heading": "Three", "content": ["Text."]}]}]}]}
    assert outcome(data, folder) == "pdf"
