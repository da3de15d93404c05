"""Loading valid briefs: fields as written, blocks, numbering, the dict entry point."""
from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest
import yaml

import typeset
from tests.helpers.scaling import growth
from typeset.errors import BriefError
from typeset.model import brief_from_dict
from typeset.model.document import Brief
from typeset.model.nodes import (
    Author,
    Image,
    ListBlock,
    NoteRef,
    Paragraph,
    Pos,
    Publisher,
    Quote,
    Run,
)
from typeset.readers import load_brief

ROOT = Path(__file__).resolve().parents[2]
REAL_BRIEFS = sorted(glob.glob(str(ROOT / "examples" / "*.yaml"))
                     + glob.glob(str(ROOT.parent / "shared" / "corpus" / "*.yaml")))


def text_of(inline) -> str:
    return "".join(x.text if isinstance(x, Run) else f"[{x.number}]" for x in inline)


@pytest.mark.skipif(not REAL_BRIEFS, reason="no example or corpus briefs here")
@pytest.mark.parametrize("path", REAL_BRIEFS, ids=os.path.basename)
def test_real_briefs_load_without_warnings(path):
    brief = load_brief(path, strict=True)
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    assert brief.title == " ".join(raw["title"].split())
    keys = [f.key for f in brief.footnotes if not f.key.startswith(("^", "@"))]  # not inline or cited notes
    assert sorted(keys) == sorted(str(k) for k in raw.get("footnotes") or {})
    assert [f.number for f in brief.footnotes] == list(range(1, len(brief.footnotes) + 1))
    assert brief.base_dir == os.path.dirname(os.path.abspath(path))


def test_header_fields_are_taken_as_written(load_yaml):
    brief = load_yaml("""\
        layout: issi-brief
        language: en-GB
        series: Issue   Brief
        title: >
          The Deepening
          U.S.-Japan Alliance
        subtitle: no
        date: 2024-05-28
        authors:
          - name: Muhammad Usman Karim
            role: Research Assistant
            affiliation: China-Pakistan Study Centre (CPSC), ISSI
          - Second Author
        editors: Dr Talat Shabbir
        publisher:
          name: Institute of Strategic Studies Islamabad
          web: www.issi.org.pk
          phone: +92-51-9204423
          fax: 1:20
          logo: assets/logo.png
        disclaimer: Views are the author's.
        sections:
          - heading: H
        """)
    assert brief.layout == "issi-brief"
    assert brief.language == "en-GB"
    assert brief.series == "Issue Brief"
    assert brief.title == "The Deepening U.S.-Japan Alliance"
    assert brief.subtitle == "no"
    assert brief.date == "2024-05-28"
    assert brief.authors == (
        Author("Muhammad Usman Karim", "Research Assistant", "China-Pakistan Study Centre (CPSC), ISSI",
               Pos(10, 5)),
        Author("Second Author", pos=Pos(13, 5)),
    )
    assert brief.editors == ("Dr Talat Shabbir",)
    assert brief.publisher == Publisher("Institute of Strategic Studies Islamabad", "www.issi.org.pk",
                                        "+92-51-9204423", "1:20", "assets/logo.png", Pos(16, 3))
    assert brief.disclaimer == "Views are the author's."
    assert brief.source == "b.yaml"
    assert brief.warnings == ()


def test_optional_fields_default(load_yaml):
    brief = load_yaml("title: T\nsections:\n  - heading: H\n")
    assert (brief.subtitle, brief.series, brief.date, brief.publisher, brief.layout) == (None,) * 5
    assert (brief.authors, brief.editors, brief.footnotes, brief.language) == ((), (), (), "en")


def test_single_author_mapping_and_editor_list(load_yaml):
    brief = load_yaml("title: T\nauthors: {name: A, role: R}\neditors: [E1, E2]\nsections:\n  - heading: H\n")
    assert [(a.name, a.role) for a in brief.authors] == [("A", "R")]
    assert brief.editors == ("E1", "E2")


def test_blocks(load_yaml):
    brief = load_yaml("""\
        title: T
        sections:
          - heading: Blocks
            content:
              - A *plain* paragraph.
              - paragraph: Written as a mapping.
              - list: numbered
                items:
                  - One
                  - "**Two**"
              - list: bullet
                items: [a, b]
              - quote: Quoted text.
              - image: assets/chart.png
                caption: A *chart*.
                width: 60 %
              - image: b.jpg
                width: 8cm
        """)
    content = brief.sections[0].content
    assert content[0] == Paragraph((Run("A "), Run("plain", italic=True), Run(" paragraph.")), Pos(5, 9))
    assert content[1] == Paragraph((Run("Written as a mapping."),), Pos(6, 9))
    assert content[2] == ListBlock("numbered", ((Run("One"),), (Run("Two", bold=True),)), Pos(7, 9))
    assert content[3] == ListBlock("bullet", ((Run("a"),), (Run("b"),)), Pos(11, 9))
    assert content[4] == Quote((Run("Quoted text."),), Pos(13, 9))
    assert content[5] == Image("assets/chart.png", (Run("A "), Run("chart", italic=True), Run(".")),
                               "60%", Pos(14, 9))
    assert content[6] == Image("b.jpg", (), "8cm", Pos(17, 9))


def test_notes_are_numbered_in_reading_order(load_yaml):
    brief = load_yaml("""\
        title: T
        sections:
          - heading: First[^h]
            content:
              - A[^a] and an inline note^[Inline *one*.] then[^b].
              - list: bullet
                items: ["Item[^c]"]
            sections:
              - heading: Sub
                content:
                  - image: x.png
                    caption: Caption[^d]
          - heading: Second
            content:
              - quote: Quote^[Two.]
        footnotes:
          d: Note d.
          c: Note c.
          b: Note b.
          a: Note a.
          h: Note h.
        """)
    s1, s2 = brief.sections
    assert s1.heading == (Run("First"), NoteRef(1, "h"))
    assert text_of(s1.content[0].content) == "A[2] and an inline note[3] then[4]."
    assert s1.content[0].content[3] == NoteRef(3, "^3")
    assert text_of(s1.content[1].items[0]) == "Item[5]"
    assert s1.sections[0].level == 2
    assert text_of(s1.sections[0].content[0].caption) == "Caption[6]"
    assert text_of(s2.content[0].content) == "Quote[7]"
    assert [(f.number, f.key) for f in brief.footnotes] == [
        (1, "h"), (2, "a"), (3, "^3"), (4, "b"), (5, "c"), (6, "d"), (7, "^7")]
    notes = {f.key: f for f in brief.footnotes}
    assert notes["^3"].content == (Run("Inline "), Run("one", italic=True), Run("."))
    assert notes["^3"].pos == Pos(5, 33)
    assert notes["a"].content == (Run("Note a."),) and notes["a"].pos == Pos(20, 6)


def test_three_levels_of_sections(load_yaml):
    brief = load_yaml("""\
        title: T
        sections:
          - heading: A
            sections:
              - heading: B
                sections:
                  - heading: C
        """)
    c = brief.sections[0].sections[0].sections[0]
    assert (text_of(c.heading), c.level, c.pos) == ("C", 3, Pos(7, 13))


def test_warnings_travel_on_the_brief(load_yaml):
    brief = load_yaml("title: T\nsections:\n  - heading: H\n    content: ['[x](file:///etc/passwd)']\n"
                      "footnotes:\n  unused: U.\n")
    assert [w.severity for w in brief.warnings] == ["warning", "warning"]
    assert brief.sections[0].content[0].content == (Run("x"),)


def test_utf8_bom_is_ignored(load_yaml):
    brief = load_yaml("\ufefftitle: T\nsections:\n  - heading: H\n".encode())
    assert brief.title == "T"


def test_missing_file_is_a_brief_error(tmp_path):
    with pytest.raises(BriefError) as info:
        load_brief(tmp_path / "nope.yaml")
    assert str(info.value) == f"{tmp_path / 'nope.yaml'}: error: cannot read: No such file or directory"


# ------------------------------------------------------------------ from_dict

DATA = {
    "title": "T",
    "date": __import__("datetime").date(2024, 5, 28),
    "authors": ["A"],
    "sections": [{"heading": "H", "content": ["Text.[^n]", {"list": "bullet", "items": ["x^[y]"]}]}],
    "footnotes": {"n": "Note."},
}


def test_from_dict():
    brief = Brief.from_dict(DATA, base_dir="/tmp")
    assert brief.date == "2024-05-28" and brief.base_dir == "/tmp" and brief.source == "<dict>"
    assert [(f.number, f.key, text_of(f.content)) for f in brief.footnotes] == [(1, "n", "Note."), (2, "^2", "y")]
    assert brief.sections[0].pos is None
    assert brief == brief_from_dict(DATA, base_dir="/tmp")


def test_from_dict_errors_name_the_key_path():
    data = {"title": 5, "sections": [{"heading": "H", "content": [{"list": "roman", "items": ["a"]}]}]}
    with pytest.raises(BriefError) as info:
        typeset.Brief.from_dict(data)
    assert [str(p) for p in info.value.problems] == [
        "<dict>: error: title: expected text for 'title', got a number; put it in quotes",
        "<dict>: error: sections[0].content[0].list: unknown list style 'roman'; expected 'bullet' or 'numbered'",
    ]


def test_from_dict_refuses_cycles_and_odd_values():
    data: dict = {"title": "T", "sections": []}
    data["sections"].append(data)
    with pytest.raises(BriefError) as info:
        brief_from_dict(data)
    assert "nested deeper than 64 levels" in info.value.message
    with pytest.raises(BriefError) as info:
        brief_from_dict({"title": object(), "sections": [{"heading": "H"}]})
    assert info.value.message == "title: unsupported value of type object"
    with pytest.raises(BriefError) as info:
        brief_from_dict(["not", "a", "mapping"])
    assert info.value.message == "a brief is a mapping of keys (title:, sections:, ...), not a list"


def test_package_api(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text("title: T\nsections:\n  - heading: H\n", encoding="utf-8")
    assert typeset.load(path).title == "T"
    assert {"load", "Brief", "BriefError", "LayoutError", "render", "build"} <= set(typeset.__all__)
    with pytest.raises(AttributeError):
        typeset.no_such_thing  # noqa: B018


# ------------------------------------------------------------------ cost

def test_huge_word_validates_in_linear_time(load_yaml):
    def word(n: int) -> str:
        return "title: T\nsections:\n  - heading: H\n    content:\n      - " + "w" * n + "\n"

    brief = load_yaml(word(200_000))
    assert len(brief.sections[0].content[0].content[0].text) == 200_000
    # 10x the text: linear work takes about 10x as long, quadratic 100x
    assert growth(lambda: load_yaml(word(20_000)), lambda: load_yaml(word(200_000))) < 40


def _notes_yaml(n: int) -> str:
    return ("title: T\nsections:\n  - heading: H\n    content:\n"
            + "".join(f"      - Paragraph {i}.[^n{i}]\n" for i in range(n))
            + "footnotes:\n" + "".join(f"  n{i}: Note *{i}*, <https://example.org/{i}>.\n" for i in range(n)))


def test_ten_thousand_notes_validate_in_linear_time(load_yaml):
    n = 10_000
    brief = load_yaml(_notes_yaml(n))
    assert len(brief.footnotes) == n
    assert brief.footnotes[-1].number == n and brief.footnotes[-1].key == f"n{n - 1}"
    small, big = _notes_yaml(1_000), _notes_yaml(n)
    assert growth(lambda: load_yaml(small), lambda: load_yaml(big), runs=2) < 60  # linear 10x, quadratic 100x
