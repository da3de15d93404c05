"""Input limits give one clear, positioned error; big but legal input stays near linear and small.

Everything runs through the command (`python -m typeset validate|build`) in a
child process, so the peak memory measured is the whole run's; growth in time is compared
between two sizes in this process (tests/helpers/scaling.py), never against the clock.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.scaling import growth
from tests.security.helpers import brief_yaml, notes_brief, typeset
from typeset.errors import BriefError
from typeset.model import Limits
from typeset.model.limits import DEFAULT_LIMITS
from typeset.model.markup import MAX_URL_CHARS
from typeset.pipeline import render
from typeset.readers import load_brief

L = DEFAULT_LIMITS


CASES = {
    "aliases": (brief_yaml("      - &p Text.\n      - *p\n"), "b.yaml:6:9: error: aliases (*p) are not allowed"),
    "alias-bomb": ("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{k}: &{k} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, k in zip("abcdefgh", "bcdefghi", strict=True)), "error: aliases (*a) are not allowed"),
    "depth": ("title: T\nsections: " + "[" * 100 + "]" * 100 + "\n",
              f"b.yaml:2:{11 + L.max_depth - 1}: error: nested deeper than {L.max_depth} levels"),
    "depth-10000": ("title: T\nsections: " + "[" * 10_000 + "]" * 10_000 + "\n", "nested deeper than"),
    "footnotes": (notes_brief(L.max_footnotes + 1), f"error: too many footnotes ({L.max_footnotes + 1:,}; "
                                                    f"the limit is {L.max_footnotes:,})"),
    "inline-footnotes": (notes_brief(L.max_footnotes + 1, inline=True), "error: too many footnotes"),
    "note-length": (brief_yaml("      - Text.[^a]\n") + "footnotes:\n  a: " + "x" * (L.max_note_chars + 1) + "\n",
                    f"b.yaml:7:6: error: footnote 'a' is too long ({L.max_note_chars + 1:,} characters; "
                    f"the limit is {L.max_note_chars:,})"),
    "paragraph-length": (brief_yaml("      - " + "x " * (L.max_paragraph_chars // 2 + 1) + "\n"),
                         f"b.yaml:5:9: error: a paragraph is too long ({L.max_paragraph_chars + 1:,} characters"),
    "heading-length": ("title: T\nsections:\n  - heading: " + "h" * (L.max_paragraph_chars + 1) + "\n",
                       "b.yaml:3:14: error: 'heading' is too long"),
    "title-length": ("title: " + "t" * (L.max_paragraph_chars + 1) + "\nsections: [{heading: H}]\n",
                     "b.yaml:1:8: error: 'title' is too long"),
    "nodes": (brief_yaml("      - [" + ", ".join(["x"] * (L.max_nodes + 1)) + "]\n"),
              f"too many YAML values (more than {L.max_nodes:,})"),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("command", ["validate", "build"])
def test_limit_is_one_clear_error(tmp_path, case, command):
    text, expected = CASES[case]
    (tmp_path / "b.yaml").write_text(text)
    run = typeset(command, "b.yaml", cwd=tmp_path)
    assert run.returncode == 1
    assert expected in run.stderr, run.stderr[:500]
    lines = run.stderr.splitlines()
    most = 100 if case == "alias-bomb" else 3  # the bomb: one line per alias written, none per expansion
    assert all(line.startswith("b.yaml:") for line in lines) and len(lines) <= most, lines[:5]
    assert run.max_rss_mb < 400, run.max_rss_mb
    assert not (tmp_path / "b.pdf").exists()


def test_file_size_limit_default_and_configurable(tmp_path):
    big = tmp_path / "b.yaml"
    big.write_bytes(brief_yaml().encode() + b"#" * L.max_bytes)
    run = typeset("validate", "b.yaml", cwd=tmp_path)
    assert run.returncode == 1
    assert run.stderr == f"b.yaml: error: file too large ({big.stat().st_size:,} bytes; the limit is 10,000,000)\n"
    assert run.max_rss_mb < 200, run.max_rss_mb
    small = tmp_path / "s.yaml"
    small.write_text(brief_yaml())
    from typeset.errors import BriefError
    with pytest.raises(BriefError, match=r"file too large \(\d+ bytes; the limit is 20\)"):
        load_brief(small, max_bytes=20)
    with pytest.raises(BriefError, match="the limit is 30"):
        load_brief(small, limits=Limits(max_bytes=30))
    assert load_brief(big, max_bytes=20_000_000).title == "T"


def test_limits_are_at_the_documented_values():
    assert (L.max_bytes, L.max_depth, L.max_footnotes, L.max_note_chars, L.max_paragraph_chars) == \
        (10_000_000, 64, 10_000, 20_000, 200_000)


def peak_memory(tmp_path: Path, name: str, text: str) -> float:
    """The larger peak RSS (MB) of validating and of building `text`, each in its own process."""
    (tmp_path / name).write_text(text)
    v = typeset("validate", "-q", name, cwd=tmp_path)
    b = typeset("build", name, cwd=tmp_path, timeout=300)
    for run in (v, b):
        assert run.returncode == 0 and all(": warning: " in line for line in run.stderr.splitlines()), \
            run.stderr[:300]
    return max(v.max_rss_mb, b.max_rss_mb)


def _word_brief(n: int) -> str:
    return brief_yaml("      - " + "w" * n + "\n")


def test_one_200k_character_word(tmp_path):
    assert peak_memory(tmp_path, "word.yaml", _word_brief(200_000)) < 400
    small, big = (brief_from_text(tmp_path, f"w{n}.yaml", _word_brief(n)) for n in (20_000, 200_000))
    # 10x the text: linear work takes about 10x as long; ReportLab's own breaking is worse than quadratic
    assert growth(lambda: render(small), lambda: render(big), runs=1) < 40


def test_one_200k_character_url(tmp_path):
    """A long link is kept as text: one annotation per line holding the whole URI would be quadratic."""
    url = "<https://example.org/" + "/".join(f"seg{i:06d}" for i in range(19_990)) + ">"
    assert peak_memory(tmp_path, "url.yaml", brief_yaml(f"      - \"{url}\"\n")) < 400
    assert len(url) > 90 * MAX_URL_CHARS
    assert (tmp_path / "url.pdf").stat().st_size < 5_000_000


def test_ten_thousand_notes(tmp_path):
    assert peak_memory(tmp_path, "notes.yaml", notes_brief(L.max_footnotes)) < 600
    assert (tmp_path / "notes.pdf").stat().st_size > 0


def brief_from_text(folder: Path, name: str, text: str):
    (folder / name).write_text(text)
    return load_brief(folder / name)


def test_markdown_and_word_count_their_blocks(tmp_path: Path) -> None:
    from tests.readers.docxutil import brief_body, p, write_docx

    limits = Limits(max_nodes=50)
    (tmp_path / "b.md").write_text("---\ntitle: T\n---\n# H\n\n" + "Para.\n\n" * 40)
    with pytest.raises(BriefError, match=r"b\.md: error: too many Markdown blocks \(more than 50\)"):
        load_brief(tmp_path / "b.md", limits=limits)
    path = write_docx(tmp_path / "b.docx", brief_body(*[p("Para.")] * 60))
    with pytest.raises(BriefError, match=r"b\.docx: error: too many paragraphs \(more than 50\)"):
        load_brief(path, limits=limits)
    assert load_brief(path).sections[0].content  # the default limit is far above a real brief
