"""Properties of break_paragraph over generated paragraphs (Hypothesis)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from typeset.text import FontBook, Line, StyledRun, break_paragraph

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzAEIOUMW", min_size=1, max_size=14)
MESSY = st.text(alphabet="abcmwxyzMW-/.—\u00ad\u00a0", min_size=1, max_size=40)
ALIGN = st.sampled_from(["justify", "left", "center", "right"])


@dataclass(frozen=True)
class Token:
    text: str
    italic: bool
    mark: str  # "", "attached" or "spaced"


TOKENS = st.lists(
    st.builds(Token, WORD, st.booleans(), st.sampled_from(["", "", "", "attached", "spaced"])),
    min_size=1,
    max_size=60,
)


def to_runs(book: FontBook, tokens: list[Token]) -> tuple[list[StyledRun], str]:
    """Runs for the tokens, and the text a reader should get back (one space between words)."""
    runs: list[StyledRun] = []
    words: list[str] = []
    for i, tok in enumerate(tokens):
        font = book.face("Liberation Serif", italic=tok.italic)
        runs.append(StyledRun(tok.text + " ", font, 12.0))
        words.append(tok.text)
        if tok.mark:
            n = str(i + 1)
            if tok.mark == "spaced":
                words.append(n)
            else:
                runs[-1] = StyledRun(tok.text, font, 12.0)
                words[-1] += n
            runs.append(StyledRun(n, book.face("Liberation Serif"), 8.0, rise=4.0, mark=i + 1))
            runs.append(StyledRun(" ", font, 12.0))
    return runs, " ".join(words)


def read_back(lines: list[Line]) -> str:
    """The text of the lines: gaps are spaces, added hyphens removed, broken words joined."""
    out = ""
    for k, line in enumerate(lines):
        if k and not lines[k - 1].hyphenated:
            out += " "
        for i, f in enumerate(line.frags):
            if i and f.x > line.frags[i - 1].x + line.frags[i - 1].width + 0.01:
                out += " "
            out += f.text
        if line.hyphenated:
            assert out.endswith("-")
            out = out[:-1]
    return out


def check_geometry(lines: list[Line], measure: float, indent: float, align: str) -> None:
    for k, line in enumerate(lines):
        left = indent if k == 0 else 0.0
        assert line.measure == measure - left
        assert line.width <= line.measure + 0.01, "overfull line"
        assert line.frags[0].x >= left - 0.01
        assert line.frags[-1].x + line.frags[-1].width <= measure + 0.01
        assert all(b.x >= a.x + a.width - 1e-6 for a, b in pairwise(line.frags)), "frags overlap"
        if k:
            assert line.frags[0].mark is None, "a note mark starts a line"
        spaced = any(b.x > a.x + a.width + 0.01 for a, b in pairwise(line.frags))
        if align == "justify" and k < len(lines) - 1 and spaced:
            assert abs(line.width - line.measure) <= 0.01, "justified line does not fill its measure"


@settings(max_examples=150, deadline=None)
@given(
    tokens=TOKENS,
    measure=st.sampled_from([180.0, 250.0, 450.0]),
    align=ALIGN,
    indent=st.sampled_from([0.0, 18.0]),
)
def test_no_word_lost_and_lines_fit(
    shared_book: FontBook, tokens: list[Token], measure: float, align: str, indent: float
) -> None:
    runs, expected = to_runs(shared_book, tokens)
    lines = break_paragraph(runs, measure, shared_book, align=align, indent_first=indent)  # type: ignore[arg-type]
    assert read_back(lines) == expected
    check_geometry(lines, measure, indent, align)


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(st.tuples(MESSY, st.booleans(), st.booleans()), min_size=1, max_size=12),
    measure=st.sampled_from([30.0, 60.0, 140.0]),
    align=ALIGN,
)
def test_narrow_measures_never_lose_text_or_overflow(
    shared_book: FontBook, parts: list[tuple[str, bool, bool]], measure: float, align: str
) -> None:
    font = shared_book.face("Liberation Serif")
    runs: list[StyledRun] = []
    for i, (text, url, mark) in enumerate(parts):
        runs.append(StyledRun(text + " ", font, 12.0, url=url))
        if mark:
            runs.append(StyledRun(str(i), font, 8.0, mark=i, rise=4.0))
    lines = break_paragraph(runs, measure, shared_book, align=align)  # type: ignore[arg-type]
    drawn = "".join(
        f.text[:-1] if line.hyphenated and j == len(line.frags) - 1 else f.text
        for line in lines
        for j, f in enumerate(line.frags)
    )
    given_text = "".join(r.text for r in runs)
    assert drawn == "".join(c for c in given_text if not c.isspace() and c != "\u00ad")
    check_geometry(lines, measure, 0.0, align)
