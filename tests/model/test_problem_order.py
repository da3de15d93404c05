"""One brief's problems: reported once at their cause, in the same order from a file and from data."""
from __future__ import annotations

import re

import pytest
import yaml

import typeset
from tests.cli.cliutil import run

DATA = {
    "title": "T",
    "sections": [
        {"heading": "H", "content": ["Kept.[^kept]", {"qoute": "Dropped.[^inquote]"}],
         "contents": ["Dropped too.[^typo]"]},
        {"heading": "Second", "content": ["Also kept."]},
    ],
    "footnotes": {"kept": "Kept note.", "inquote": "Its block was dropped.", "typo": "Its key was misspelt.",
                  "spare": "Never referenced anywhere."},
    "autors": "Somebody",
}


def _messages(lines: list[str]) -> list[str]:
    """The messages without their file, position and key-path prefix."""
    out = []
    for line in lines:
        message = re.sub(r"^[^:]+(:\d+(:\d+)?)?: (error|warning): ", r"\3: ", line)
        out.append(re.sub(r"^(error|warning): [\w\[\].]+: ", r"\1: ", message))
    return out


def test_a_misspelt_key_is_reported_once_not_again_as_an_unused_note(tmp_path):
    with pytest.raises(typeset.BriefError) as caught:
        typeset.Brief.from_dict(DATA)
    said = [str(p) for p in caught.value.problems]
    assert any("unknown key 'contents'; did you mean 'content'?" in s for s in said), said
    assert any("unknown block type 'qoute'" in s for s in said), said
    assert not any("'typo' is never referenced" in s or "'inquote' is never referenced" in s for s in said), said
    assert any("footnote 'spare' is never referenced" in s for s in said), said  # a real one stays


def test_file_and_data_report_problems_in_the_same_document_order(tmp_path):
    (tmp_path / "b.yaml").write_text(yaml.safe_dump(DATA, sort_keys=False), encoding="utf-8")
    proc = run("validate", "b.yaml", cwd=tmp_path)
    assert proc.returncode == 1
    from_file = _messages(proc.stderr.splitlines())
    with pytest.raises(typeset.BriefError) as caught:
        typeset.Brief.from_dict(DATA)
    from_data = _messages([str(p) for p in caught.value.problems])
    assert from_file == from_data
    assert from_data == [
        "error: unknown block type 'qoute'; did you mean 'quote'?",
        "error: unknown key 'contents'; did you mean 'content'?",
        "warning: footnote 'spare' is never referenced",
        "error: unknown key 'autors'; did you mean 'authors'?",
    ]


def test_an_escaped_reference_does_not_hide_an_unused_note():
    data = {"title": "T", "sections": [{"heading": "H", "content": [r"Literal \[^n] text."], "bad": 1}],
            "footnotes": {"n": "Note."}}
    with pytest.raises(typeset.BriefError) as caught:
        typeset.Brief.from_dict(data)
    assert any("footnote 'n' is never referenced" in str(p) for p in caught.value.problems)
