"""Malformed briefs: each problem is reported once, exactly, at the node at fault."""
from __future__ import annotations

import pytest
import yaml

from typeset.model import Limits
from typeset.readers import yaml as yamlsource


@pytest.fixture(autouse=True, params=["fast", "pure"])
def parser(request, monkeypatch):
    """Messages must not depend on whether PyYAML has libyaml."""
    if request.param == "pure":
        monkeypatch.setattr(yamlsource, "_FastLoader", yaml.SafeLoader)

# A valid tail to append to briefs that only break their header.
SECTIONS = """\
sections:
  - heading: H
    content:
      - Text.
"""


CASES = [
    # --- YAML itself
    ("unterminated quote",
     "title: 'T\nsections: []\n",
     ["b.yaml:3:1: error: invalid YAML: found unexpected end of stream "
      "(while scanning a quoted scalar at line 1, column 8)"]),
    ("bad indentation",
     "title: T\nsections:\n  - heading: H\n content: []\n",
     ["b.yaml:4:2: error: invalid YAML: expected <block end>, but found '<block mapping start>' "
      "(while parsing a block mapping at line 1, column 1)"]),
    ("tab indentation",
     "title: T\n\tsections: []\n",
     ["b.yaml:2:1: error: invalid YAML: found character '\\t' that cannot start any token; "
      "indent with spaces, not tabs"]),
    ("control character in the file",
     "title: T\x01\n" + SECTIONS,
     ["b.yaml:1:9: error: character U+0001 is not allowed in a YAML file"]),
    ("two documents",
     "title: T\n" + SECTIONS + "---\ntitle: U\n",
     ["b.yaml:6:1: error: a brief is a single YAML document; remove the '---' line"]),
    ("alias",
     "title: &t T\nsubtitle: *t\n" + SECTIONS,
     ["b.yaml:2:11: error: aliases (*t) are not allowed in a brief; write the value out"]),
    ("duplicate key",
     "title: T\n" + SECTIONS + "title: U\n",
     ["b.yaml:6:1: error: duplicate key 'title' (first at line 1, column 1)"]),
    ("python tag",
     "title: !!python/object:os.system T\n" + SECTIONS,
     ["b.yaml:1:8: error: YAML tags such as 'tag:yaml.org,2002:python/object:os.system' "
      "are not allowed in a brief"]),
    # --- the top level
    ("empty file", "", ["b.yaml:1:1: error: the brief is empty; it needs at least 'title' and 'sections'"]),
    ("only comments", "# nothing\n",
     ["b.yaml:1:1: error: the brief is empty; it needs at least 'title' and 'sections'"]),
    ("not a mapping", "- title: T\n",
     ["b.yaml:1:1: error: a brief is a mapping of keys (title:, sections:, ...), not a list"]),
    ("missing title", SECTIONS, ["b.yaml:1:1: error: missing required key 'title'"]),
    ("missing sections", "# c\ntitle: T\n", ["b.yaml:2:1: error: missing required key 'sections'"]),
    ("empty sections", "title: T\nsections: []\n",
     ["b.yaml:2:11: error: 'sections' is empty; a brief needs at least one section"]),
    ("empty title", 'title: ""\n' + SECTIONS, ["b.yaml:1:8: error: 'title' is empty"]),
    ("unknown top-level key with suggestion", "title: T\nautors: [A]\n" + SECTIONS,
     ["b.yaml:2:1: error: unknown key 'autors'; did you mean 'authors'?"]),
    ("unknown top-level key, case", "Title: T\ntitle: T\n" + SECTIONS,
     ["b.yaml:1:1: error: unknown key 'Title'; did you mean 'title'?"]),
    # --- wrong types
    ("number as title", "title: 42\n" + SECTIONS,
     ["b.yaml:1:8: error: expected text for 'title', got a number; put it in quotes"]),
    ("list as title", "title: [a, b]\n" + SECTIONS,
     ["b.yaml:1:8: error: expected text for 'title', got a list"]),
    ("mapping where a list is expected", "title: T\nsections:\n  heading: H\n",
     ["b.yaml:3:3: error: expected a list for 'sections', got a mapping"]),
    ("text where a list of blocks is expected", "title: T\nsections:\n  - heading: H\n    content: Text\n",
     ["b.yaml:4:14: error: expected a list for 'content', got text"]),
    ("number as heading", "title: T\nsections:\n  - heading: 1984\n",
     ["b.yaml:3:14: error: expected text for 'heading', got a number; put it in quotes"]),
    ("number as paragraph", "title: T\nsections:\n  - heading: H\n    content:\n      - 3.14\n",
     ["b.yaml:5:9: error: expected text for a paragraph, got a number; put it in quotes"]),
    ("section as a string", "title: T\nsections:\n  - Background\n",
     ["b.yaml:3:5: error: expected a mapping for a section, got text; write '- heading: Background'"]),
    ("publisher as a list", "title: T\npublisher: [ISSI]\n" + SECTIONS,
     ["b.yaml:2:12: error: expected a mapping for 'publisher', got a list"]),
    ("author without a name", "title: T\nauthors:\n  - role: Analyst\n" + SECTIONS,
     ["b.yaml:3:5: error: missing required key 'name'"]),
    ("invalid language", "title: T\nlanguage: English\n" + SECTIONS,
     ["b.yaml:2:11: error: invalid language code 'English'; write e.g. 'en' or 'en-US'"]),
    # --- sections and blocks
    ("unknown key in a section", "title: T\nsections:\n  - heading: H\n    blocks: []\n",
     ["b.yaml:4:5: error: unknown key 'blocks' in a section; expected 'content', 'heading' or 'sections'"]),
    ("section without a heading", "title: T\nsections:\n  - content: [Text.]\n",
     ["b.yaml:3:5: error: missing required key 'heading'"]),
    ("sections four deep",
     "title: T\nsections:\n  - heading: A\n    sections:\n      - heading: B\n        sections:\n"
     "          - heading: C\n            sections:\n              - heading: D\n",
     ["b.yaml:9:17: error: sections nest at most 3 levels deep"]),
    ("unknown list style", "title: T\nsections:\n  - heading: H\n    content:\n"
     "      - list: roman\n        items: [a]\n",
     ["b.yaml:5:15: error: unknown list style 'roman'; expected 'bullet' or 'numbered'"]),
    ("list without items", "title: T\nsections:\n  - heading: H\n    content:\n      - list: bullet\n",
     ["b.yaml:5:9: error: missing required key 'items'"]),
    ("nested list item", "title: T\nsections:\n  - heading: H\n    content:\n"
     "      - list: bullet\n        items:\n          - [a, b]\n",
     ["b.yaml:7:13: error: expected text for a list item, got a list (lists do not nest)"]),
    ("unknown block type", "title: T\nsections:\n  - heading: H\n    content:\n      - qoute: Q\n",
     ["b.yaml:5:9: error: unknown block type 'qoute'; did you mean 'quote'?"]),
    ("block that is a list", "title: T\nsections:\n  - heading: H\n    content:\n      - [a]\n",
     ["b.yaml:5:9: error: expected a block (text or a mapping), got a list"]),
    ("block with two types", "title: T\nsections:\n  - heading: H\n    content:\n"
     "      - quote: Q\n        list: bullet\n",
     ["b.yaml:5:9: error: a block has both 'list' and 'quote'; write them as two blocks"]),
    ("empty block", "title: T\nsections:\n  - heading: H\n    content:\n      -\n",
     ["b.yaml:5:8: error: empty block (a '-' with nothing after it)"]),
    ("image without path", "title: T\nsections:\n  - heading: H\n    content:\n"
     "      - caption: A chart.\n        width: 50%\n",
     ["b.yaml:5:9: error: image without a path; write 'image: FILE'"]),
    ("image with an empty path", "title: T\nsections:\n  - heading: H\n    content:\n      - image:\n",
     ["b.yaml:5:15: error: image without a path; write 'image: FILE'"]),
    ("image width without unit", "title: T\nsections:\n  - heading: H\n    content:\n"
     "      - image: a.png\n        width: 60\n",
     ["b.yaml:6:16: error: invalid image width '60'; write a percentage of the text width (60%) "
      "or a length (8cm, 30mm, 120pt, 2in)"]),
    ("image width over 100%", "title: T\nsections:\n  - heading: H\n    content:\n"
     "      - image: a.png\n        width: 120%\n",
     ["b.yaml:6:16: error: image width '120%' is out of range; use more than 0% and at most 100%"]),
    # --- footnotes
    ("undefined footnote, exact column", "title: T\nsections:\n  - heading: H\n    content:\n"
     "      - Some text.[^hornug] More.\n" "footnotes:\n  hornung: A note.\n",
     ["b.yaml:5:19: error: undefined footnote 'hornug'; did you mean 'hornung'?",
      "b.yaml:7:3: warning: footnote 'hornung' is never referenced"]),
    ("undefined footnote in a folded scalar", "title: T\nsections:\n  - heading: H\n    content:\n"
     "      - >-\n        First line,\n        then a mark[^nope] here.\n",
     ["b.yaml:7:20: error: undefined footnote 'nope'"]),
    ("undefined footnote in a quoted scalar", "title: T\nsections:\n  - heading: H\n    content:\n"
     "      - 'It''s [^nope]'\n",
     ["b.yaml:5:16: error: undefined footnote 'nope'"]),
    ("footnote referenced twice", "title: T\nsections:\n  - heading: H\n    content:\n"
     "      - One.[^a] Two.[^a]\n" "footnotes:\n  a: Note.\n",
     ["b.yaml:5:22: error: footnote 'a' is referenced twice (first at line 5, column 13); "
      "each note is referenced once"]),
    ("reference inside a note", "title: T\nsections:\n  - heading: H\n    content:\n"
     "      - One.[^a]\n" "footnotes:\n  a: See also[^b].\n  b: Other.\n",
     ["b.yaml:7:14: error: a footnote cannot contain a footnote reference ([^b])"]),  # the cause, once
    ("inline note inside a note", "title: T\nsections:\n  - heading: H\n    content:\n"
     "      - One.[^a]\n" "footnotes:\n  a: See ^[this].\n",
     ["b.yaml:7:10: error: a footnote cannot contain an inline footnote (^[...])"]),
    ("empty footnote", "title: T\nsections:\n  - heading: H\n    content:\n"
     "      - One.[^a]\n" "footnotes:\n  a:\n",
     ["b.yaml:7:5: error: footnote 'a' is empty"]),
    ("empty inline note", "title: T\nsections:\n  - heading: H\n    content:\n      - One.^[ ]\n",
     ["b.yaml:5:13: error: empty inline footnote"]),
    ("footnote id with a space", "title: T\n" + SECTIONS + "footnotes:\n  a b: Note.\n",
     ["b.yaml:7:3: error: invalid footnote id 'a b'; an id has no spaces, brackets or backslashes"]),
    ("footnotes as a list", "title: T\n" + SECTIONS + "footnotes:\n  - a\n",
     ["b.yaml:7:3: error: expected a mapping for 'footnotes', got a list"]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_malformed(problems, text, expected):
    assert problems(text) == expected


def test_invalid_utf8(problems):
    data = "title: T\nsubtitle: caf\u00e9 ".encode() + b"\xff\xfe\n" + SECTIONS.encode()
    assert problems(data) == ["b.yaml:2:16: error: not valid UTF-8 (byte 0xFF); save the brief as UTF-8"]


def test_deep_nesting_is_refused_without_recursion_error(problems):
    deep = "title: T\n" + SECTIONS + "footnotes: " + "[" * 5000 + "]" * 5000 + "\n"
    assert problems(deep) == ["b.yaml:6:75: error: nested deeper than 64 levels"]


def test_alias_bomb_is_refused_quickly(problems):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True))
    found = problems(bomb)
    assert "b.yaml:2:12: error: aliases (*a) are not allowed in a brief; write the value out" in found
    assert len(found) < 200


def test_file_too_large(problems):
    text = "title: T\n" + SECTIONS + "# " + "x" * 2000 + "\n"
    assert len(text) == 2064
    assert problems(text, limits=Limits(max_bytes=1000)) == [
        "b.yaml: error: file too large (2,064 bytes; the limit is 1,000)"]


def test_too_many_nodes(problems):
    text = "title: T\n" + SECTIONS + "footnotes: {" + ", ".join(f"n{i}: x" for i in range(100)) + "}\n"
    assert problems(text, limits=Limits(max_nodes=50)) == [
        "b.yaml:6:152: error: too many YAML values (more than 50)"]


def test_too_many_footnotes(problems):
    refs = "".join(f"[^n{i}]" for i in range(4))
    text = (f"title: T\nsections:\n  - heading: H\n    content:\n      - Text.{refs}\n"
            "footnotes:\n" + "".join(f"  n{i}: Note.\n" for i in range(4)))
    assert problems(text, limits=Limits(max_footnotes=3)) == [
        "b.yaml:7:3: error: too many footnotes (4; the limit is 3)"]


def test_too_many_inline_footnotes(problems):
    text = "title: T\nsections:\n  - heading: H\n    content:\n      - A^[1] b^[2] c^[3]\n"
    assert problems(text, limits=Limits(max_footnotes=2)) == [
        "b.yaml:5:22: error: too many footnotes (more than 2; the limit is 2)"]


def test_note_too_long(problems):
    text = ("title: T\nsections:\n  - heading: H\n    content:\n      - Text.[^a]\n"
            f"footnotes:\n  a: {'x' * 101}\n")
    assert problems(text, limits=Limits(max_note_chars=100)) == [
        "b.yaml:7:6: error: footnote 'a' is too long (101 characters; the limit is 100)"]


def test_paragraph_too_long(problems):
    text = f"title: T\nsections:\n  - heading: H\n    content:\n      - {'x' * 101}\n"
    assert problems(text, limits=Limits(max_paragraph_chars=100)) == [
        "b.yaml:5:9: error: a paragraph is too long (101 characters; the limit is 100)"]


def test_unreferenced_note_is_an_error_when_strict(problems, load_yaml):
    text = "title: T\n" + SECTIONS + "footnotes:\n  a: Note.\n"
    brief = load_yaml(text)
    assert [str(w) for w in brief.warnings] == ["b.yaml:7:3: warning: footnote 'a' is never referenced"]
    assert problems(text, strict=True) == ["b.yaml:7:3: error: footnote 'a' is never referenced"]


def test_refused_link_is_a_warning(load_yaml):
    brief = load_yaml("title: T\nsections:\n  - heading: H\n    content:\n"
                      "      - Click [here](javascript:alert(1)).\n")
    assert [str(w) for w in brief.warnings] == [
        "b.yaml:5:15: warning: link target 'javascript:alert(1)' is not allowed "
        "(only http, https and mailto links); the text is kept without a link"]


def test_many_problems_in_one_run(problems):
    text = """\
        titel: Typo
        date: 2024-05-28
        authors:
          - role: Analyst
        sections:
          - heading: 1
            content:
              - Intro.[^missing]
              - list: roman
                items: [a]
              - image:
                width: 8 parsecs
          - heading: Second
            blocks: []
        footnotes:
          unused: Never referenced.
          bad: Has a [^nested] reference.
        """
    assert problems(text) == [
        "b.yaml:1:1: error: unknown key 'titel'; did you mean 'title'?",
        "b.yaml:1:1: error: missing required key 'title'",
        "b.yaml:4:5: error: missing required key 'name'",
        "b.yaml:6:14: error: expected text for 'heading', got a number; put it in quotes",
        "b.yaml:8:15: error: undefined footnote 'missing'",
        "b.yaml:9:15: error: unknown list style 'roman'; expected 'bullet' or 'numbered'",
        "b.yaml:11:15: error: image without a path; write 'image: FILE'",
        "b.yaml:12:16: error: invalid image width '8 parsecs'; write a percentage of the text width (60%) "
        "or a length (8cm, 30mm, 120pt, 2in)",
        "b.yaml:14:5: error: unknown key 'blocks' in a section; expected 'content', 'heading' or 'sections'",
        "b.yaml:16:3: warning: footnote 'unused' is never referenced",
        "b.yaml:17:3: warning: footnote 'bad' is never referenced",
        "b.yaml:17:14: error: a footnote cannot contain a footnote reference ([^nested])",
    ]


def test_dir_sets_a_block_direction(load_yaml):
    brief = load_yaml("title: T\nsections:\n  - heading: H\n    content:\n"
                      "      - {paragraph: One, dir: rtl}\n      - {quote: Two, dir: LTR}\n      - Three\n")
    assert [b.direction for b in brief.sections[0].content] == ["rtl", "ltr", "auto"]


def test_a_bad_dir_is_one_clear_error(problems):
    assert problems("title: T\nsections:\n  - heading: H\n    content:\n      - {paragraph: x, dir: up}\n") == [
        "b.yaml:5:29: error: 'dir' must be 'auto', 'ltr' or 'rtl', got 'up'"]
