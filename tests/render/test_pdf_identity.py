"""What makes two PDFs distinguishable and one PDF reproducible: subset tags and dates."""
from __future__ import annotations

import io
import re

import pypdf
import pytest

from tests.conftest import EXAMPLES
from typeset.model.document import Brief
from typeset.pipeline import render
from typeset.readers import load_brief
from typeset.text.ttfont import SUBSETS, SubsetCache, subset_tag


def _fonts_in(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    seen: dict[str, None] = {}
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            seen[str(f.get_object()["/BaseFont"]).lstrip("/")] = None
    return list(seen)


def test_every_subset_has_its_own_tag_and_tags_repeat_run_to_run() -> None:
    brief = load_brief(EXAMPLES / "features.yaml")
    fonts = _fonts_in(render(brief, "issi-brief"))
    tags = [name.split("+")[0] for name in fonts]
    assert len(fonts) >= 4, fonts
    assert all(re.fullmatch(r"[A-Z]{6}", t) for t in tags), fonts
    assert len(set(tags)) == len(tags), fonts  # PDF 1.7, 9.6.4: distinct per subset
    assert "AAAAAA" not in tags
    assert _fonts_in(render(load_brief(EXAMPLES / "features.yaml"), "issi-brief")) == fonts


def test_the_tag_follows_the_glyphs_used() -> None:
    """ReportLab's first subset of a face always holds printable ASCII; other characters change it."""
    a = Brief.from_dict({"title": "Alpha", "sections": [{"heading": "H", "content": ["Some text."]}]})
    b = Brief.from_dict({"title": "Alpha", "sections": [{"heading": "H", "content": ["Caf\u00e9 \u2014 na\u00efve."]}]})
    body = [n for n in _fonts_in(render(a, "plain")) if n.endswith("LiberationSerif")]
    other = [n for n in _fonts_in(render(b, "plain")) if n.endswith("LiberationSerif")]
    assert body and other and body != other
    assert subset_tag(b"Face", [32, 65]) == subset_tag(b"Face", [32, 65]) != subset_tag(b"Face", [32, 66])
    assert subset_tag(b"Face", [32, 65]) != subset_tag(b"Face", [32, 65], attempt=1)


def _dates(pdf: bytes) -> tuple[str, str]:
    info = pypdf.PdfReader(io.BytesIO(pdf)).trailer["/Info"].get_object()
    return str(info["/CreationDate"]), str(info["/ModDate"])


def _brief(date: str | None) -> Brief:
    data = {"title": "T", "sections": [{"heading": "H", "content": ["Text."]}]}
    if date is not None:
        data["date"] = date
    return Brief.from_dict(data)


def test_pdf_dates_come_from_source_date_epoch_then_the_brief_then_2000(monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert _dates(render(_brief(None), "plain")) == ("D:20000101000000+00'00'",) * 2
    assert _dates(render(_brief("March 2024"), "plain"))[0] == "D:20000101000000+00'00'"
    assert _dates(render(_brief("2024-05-28"), "plain"))[0] == "D:20240528000000+00'00'"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert _dates(render(_brief("2024-05-28"), "plain")) == ("D:20231114221320+00'00'",) * 2
    assert render(_brief(None), "plain") == render(_brief(None), "plain")


def test_a_malformed_source_date_epoch_is_one_clear_error(monkeypatch) -> None:
    from typeset.errors import BriefError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BriefError, match="SOURCE_DATE_EPOCH: error: expected a whole number of seconds"):
        render(_brief(None), "plain")


def test_subsets_kept_between_renders_give_the_bytes_made_afresh() -> None:
    """Subset programs, ToUnicode maps and widths come from `SUBSETS` on a later render; the
    PDF must be the one a process that never rendered before would write."""
    brief = load_brief(EXAMPLES / "multilingual.yaml")
    SUBSETS.clear()
    fresh = render(brief, "issi-brief")
    kept = len(SUBSETS._entries)
    assert kept >= 12  # program, map and widths of each subset
    again = render(load_brief(EXAMPLES / "multilingual.yaml"), "issi-brief")
    assert again == fresh and len(SUBSETS._entries) == kept  # every subset found, none made anew
    fonts = pypdf.PdfReader(io.BytesIO(again)).pages[0]["/Resources"]["/Font"]
    program = next(iter(fonts.values())).get_object()["/FontDescriptor"]["/FontFile2"].get_object()
    assert program["/Filter"] == ["/FlateDecode"] and program["/Length1"] == len(program.get_data())


def test_the_subset_cache_forgets_the_least_recently_used() -> None:
    cache = SubsetCache(size=2)
    made: list[str] = []
    for key in ("a", "b", "a", "c", "b"):
        cache.get((key,), lambda k=key: made.append(k) or k.upper())
    assert made == ["a", "b", "c", "b"]  # "b" was the oldest when "c" came
    assert list(cache._entries) == [("c",), ("b",)]
