"""Every example and corpus brief, in every bundled layout, passes the shared read-back checker.

`../shared/tools/briefcheck.py` is the judge of the output conventions; where
it is not beside the repository these tests are skipped (the project's own
checker in tests/helpers/readback.py covers the same ground everywhere).

The checker takes a brief's notes from `footnotes:` and `[^id]`/`^[...]`
marks; a brief whose notes are computed from citations (`[@key]`, see the
README) is checked by it only once it counts a citation as a note mark (its
words are the typesetter's to compute). Until then such a brief is skipped
here, and tests/layout/test_readback_examples.py and tests/cite/ read it back.
"""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SHARED
from typeset.pipeline import render
from typeset.readers import load_brief
from typeset.style import bundled_layouts

CHECKER = SHARED / "tools" / "briefcheck.py"
BRIEFS = sorted(EXAMPLES.glob("*.yaml")) + sorted((SHARED / "corpus").glob("*.yaml"))

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
    if load_brief(brief).sources and not checker_reads_citations():
        pytest.skip("briefcheck does not count citations as note marks; read back by the project's checker")
    out = tmp_path / f"{brief.stem}.pdf"
    out.write_bytes(render(load_brief(brief), layout))
    run = subprocess.run([sys.executable, str(CHECKER), str(brief), str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.rstrip().endswith("0 failed checks")
