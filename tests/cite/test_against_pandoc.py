"""The cited example's notes and bibliography against Pandoc's citeproc with the official CSL style.

Pandoc (installed by CI) renders the same citations, from a Markdown copy of
the example's paragraphs and a CSL-JSON copy of its sources, with the Chicago
17th-edition "subsequent ibid." style of the CSL project (tests/data/csl/).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO
from typeset.cite import resolve_citations
from typeset.model.nodes import Date, Name, Paragraph, Run, SourceRecord
from typeset.readers import load_brief

CSL = REPO / "tests" / "data" / "csl" / "chicago-notes-bibliography-subsequent-ibid-17th-edition.csl"
CITED = EXAMPLES / "us-japan-alliance-cited.yaml"

pytestmark = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed (CI installs it)")


def _names(names: tuple[Name, ...]) -> list[dict[str, str]]:
    return [{"literal": n.literal} if n.literal else {"family": n.family, "given": n.given} for n in names]


def _date(d: Date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[x for x in (d.year, d.month, d.day) if x is not None]]}


def csl_json(source: SourceRecord) -> dict[str, object]:
    fields = {"title": source.title, "title-short": source.title_short, "container-title": source.container,
              "publisher": source.publisher, "publisher-place": source.place, "URL": source.url}
    record: dict[str, object] = {"id": source.key, "type": source.type, **{k: v for k, v in fields.items() if v}}
    if source.authors:
        record["author"] = _names(source.authors)
    if source.issued:
        record["issued"] = _date(source.issued)
    return record


def _markdown(text: str) -> str:
    """The example's headings and paragraphs (its lists hold no citations) as Markdown."""
    out = []
    for m in re.finditer(r"^  - heading: (.+)$|^      - >-\n((?:        .*\n)+)", text, re.M):
        out.append(f"# {m.group(1)}" if m.group(1) else " ".join(m.group(2).split()))
    return "\n\n".join(out) + "\n"


def _plain(runs: tuple[Run, ...]) -> str:
    return "".join(r.text for r in runs)


def test_notes_and_bibliography_match_pandoc(tmp_path: Path) -> None:
    brief = load_brief(CITED)
    (tmp_path / "refs.json").write_text(json.dumps([csl_json(s) for s in brief.sources]), encoding="utf-8")
    (tmp_path / "brief.md").write_text(_markdown(CITED.read_text(encoding="utf-8")), encoding="utf-8")
    run = subprocess.run(["pandoc", "brief.md", "-t", "plain", "--wrap=none", "--citeproc",
                          "--bibliography", "refs.json", "--csl", str(CSL)],
                         cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    pandoc_notes = dict(re.findall(r"^\[(\d+)\] (.+)$", run.stdout, re.M))
    resolved = resolve_citations(brief, bibliography=True)
    ours = {str(n.number): _plain(n.content) for n in resolved.footnotes}
    assert len(ours) == 19 and ours == pandoc_notes
    entries = [_plain(p.content) for p in resolved.sections[-1].content if isinstance(p, Paragraph)]
    pandoc_entries = [line for line in run.stdout.splitlines() if any(line.startswith(e[:12]) for e in entries)]
    assert len(entries) == 13 and sorted(entries) == sorted(pandoc_entries)
