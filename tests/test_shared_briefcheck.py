"""Every example and corpus brief, in every bundled layout, passes the shared read-back checker.

The Markdown and Word versions of an example (examples/NAME.md, NAME.docx)
are checked against NAME.yaml, and must place the notes on the same pages.

`../shared/tools/briefcheck.py` is the judge of the output conventions; where
it is not beside the repository these tests are skipped (the project's own
checker in tests/helpers/readback.py covers the same ground everywhere).

The checker takes a brief's notes from `footnotes:` and `[^id]`/`^[...]`
marks; it cannot know what a citation (`[@key]`, see the README) prints,
which is the typesetter's to compute. So the PDF of a cited brief is checked
against the same brief written with its notes computed
(tests/helpers/resolved.py): every mark, note start, page and word of the
PDF is still the checker's to find.
"""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES, SHARED
from tests.helpers.resolved import resolved_data
from typeset.pipeline import render
from typeset.readers import load_brief
from typeset.style import bundled_layouts

CHECKER = SHARED / "tools" / "briefcheck.py"
BRIEFS = sorted(EXAMPLES.glob("*.yaml")) + sorted((SHARED / "corpus").glob("*.yaml"))
OTHER_SOURCES = sorted(p for p in [*EXAMPLES.glob("*.md"), *EXAMPLES.glob("*.docx")] if p.with_suffix(".yaml").is_file())
SUMMARY = re.compile(r"(\d+) pages, (\d+) notes \[([\d, ]*)\], 0 failed checks$")

pytestmark = pytest.mark.skipif(not CHECKER.is_file(), reason="../shared/tools/briefcheck.py is not here")


@cache
def checker_reads_citations() -> bool:
    """Whether the checker expects a note for a body citation `[@key]`."""
    spec = importlib.util.spec_from_file_location("shared_briefcheck", CHECKER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    expected = module.expected_from({"title": "T", "sections": [{"heading": "H", "content": ["A [@k]."]}]})
    return len(expected.notes) == 1


@pytest.mark.parametrize("layout", bundled_layouts())
@pytest.mark.parametrize("brief", BRIEFS, ids=[b.stem for b in BRIEFS])
def test_briefcheck_passes(brief: Path, layout: str, tmp_path: Path) -> None:
    loaded = load_brief(brief)
    out = tmp_path / f"{brief.stem}.pdf"
    out.write_bytes(render(loaded, layout))
    against = brief
    if loaded.sources and not checker_reads_citations():
        against = tmp_path / f"{brief.stem}.resolved.yaml"
        against.write_text(yaml.safe_dump(resolved_data(loaded), allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
    run = subprocess.run([sys.executable, str(CHECKER), str(against), str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.rstrip().endswith("0 failed checks")


def _check(yaml_brief: Path, pdf: Path) -> str:
    run = subprocess.run([sys.executable, str(CHECKER), str(yaml_brief), str(pdf)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    m = SUMMARY.search(run.stdout.rstrip())
    assert m, run.stdout
    return m.group(0)


def test_the_other_sources_are_there() -> None:
    assert {p.name for p in OTHER_SOURCES} >= {"us-japan-alliance.md", "us-japan-alliance.docx"}


@pytest.mark.parametrize("layout", bundled_layouts())
@pytest.mark.parametrize("src", OTHER_SOURCES, ids=[p.name for p in OTHER_SOURCES])
def test_markdown_and_word_match_the_yaml(src: Path, layout: str, tmp_path: Path) -> None:
    yaml_brief = src.with_suffix(".yaml")
    (tmp_path / "yaml.pdf").write_bytes(render(load_brief(yaml_brief), layout))
    (tmp_path / "other.pdf").write_bytes(render(load_brief(src), layout))
    assert _check(yaml_brief, tmp_path / "other.pdf") == _check(yaml_brief, tmp_path / "yaml.pdf")
