"""Generated briefs keep the output conventions, read back from the PDF.

Small pages make every generated brief exercise pagination: notes from one
word to longer than a page, clusters of marks, inline notes, long URLs,
literal < & >, three heading levels.
"""
from __future__ import annotations

import dataclasses
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from tests.helpers.readback import check
from typeset.layout.engine import geometry
from typeset.model import brief_from_dict
from typeset.pipeline import render
from typeset.style import load_layout
from typeset.units import Length

SPECIAL = ["<tag>", "a&b", "cost>benefit", "Zürich", "Ελλάδα", "Москва", "\u201cquoted\u201d", "2024", "—", "U.S."]
# the example brief's vocabulary: real words, as varied as a real brief's
WORDS = sorted({w for w in re.findall(r"[A-Za-z][a-z]+", (EXAMPLES / "us-japan-alliance.yaml").read_text())
                if len(w) > 2}) + SPECIAL
SEGMENTS = ["briefing-room", "statements-releases", "2024", "04", "united-states-japan-joint-statement",
            "content", "7c87655e-7994-4a34", "news", "report.pdf", "index.html?id=42&lang=en", "world_asia"]
URL = st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=7).map(
    lambda parts: "<https://www.example.org/" + "/".join(parts) + ">")


def _small_layout(name: str):  # a page of about a third of A4 height
    layout = load_layout(name)
    page = dataclasses.replace(layout.page, size="A5", margin_top=Length(40), margin_bottom=Length(40))
    return dataclasses.replace(layout, page=page)


LAYOUTS = {name: _small_layout(name) for name in ("issi-brief", "policy-paper", "plain")}


@st.composite
def text(draw: st.DrawFn, notes: dict[str, str], max_words: int = 60) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=max_words))
    if draw(st.integers(0, 4)) == 0:
        words.insert(draw(st.integers(0, len(words))), draw(URL))
    out = []
    for w in words:
        out.append(w)
        kind = draw(st.integers(0, 9))
        if kind == 0:  # a reference to a defined note (a cluster when drawn several times)
            cluster = draw(st.integers(1, 3))
            for k in range(cluster):
                key = f"n{len(notes) + 1}"
                # only the last note of a cluster may outgrow a page: were an earlier one longer than a
                # page, the notes after it could not start on their marks' page while staying in order
                notes[key] = draw(note_text(long=k == cluster - 1))
                out[-1] += f"[^{key}]"
        elif kind == 1:
            out[-1] += "^[" + " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))) + "]"
    return " ".join(out).replace("*", "")


@st.composite
def note_text(draw: st.DrawFn, long: bool = True) -> str:
    n = draw(st.sampled_from([1, 3, 12, 40, 400] if long else [1, 3, 12]))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=n, max_size=n))
    if draw(st.booleans()):  # a citation ends with its URL
        words.append(draw(URL) + ".")
    return " ".join(words)


@st.composite
def briefs(draw: st.DrawFn) -> dict:
    notes: dict[str, str] = {}

    def section(level: int) -> dict:
        sec = {"heading": " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))),
               "content": [draw(text(notes)) for _ in range(draw(st.integers(1, 3)))]}
        if draw(st.booleans()):
            sec["content"].append({"list": draw(st.sampled_from(["bullet", "numbered"])),
                                   "items": [draw(text(notes, 15)) for _ in range(draw(st.integers(1, 3)))]})
        if level < 3 and draw(st.booleans()):
            sec["sections"] = [section(level + 1)]
        return sec

    sections = [section(1) for _ in range(draw(st.integers(1, 3)))]
    return {"title": "Generated brief", "authors": [{"name": "A. Writer", "role": "Fellow"}],
            "sections": sections, "footnotes": notes}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=briefs(), layout=st.sampled_from(sorted(LAYOUTS)))
def test_generated_briefs_keep_the_conventions(data: dict, layout: str) -> None:
    brief = brief_from_dict(data)
    spec = LAYOUTS[layout]
    pdf = render(brief, spec)
    g = geometry(spec)
    assert check(pdf, brief, left=g.left, right=g.left + g.width, top=g.top, bottom=g.top + g.height) == []
