"""PDF/A-2b output: checked by an installable PDF/A validator (pdfluent's validate_pdfa) and, clause
by clause for what the issue names, by reading the file back with pikepdf."""
from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

import typeset
from tests.cli.cliutil import run
from typeset.pipeline import render_result

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "us-japan-alliance.yaml"
FEATURES = ROOT / "examples" / "features.yaml"  # images with alpha, non-ASCII names, links
LAYOUTS = ("issi-brief", "plain", "policy-paper")
XMP_OF_INFO = {"/Title": "dc:title", "/Author": "dc:creator", "/Subject": "dc:description",
               "/Creator": "xmp:CreatorTool", "/Producer": "pdf:Producer"}

pdfluent = pytest.importorskip("pdfluent")


def validate(pdf: bytes, tmp_path: Path) -> list[str]:
    """The validator's errors, as 'RULE: MESSAGE' lines."""
    path = tmp_path / "check.pdf"
    path.write_bytes(pdf)
    report = pdfluent.validate_pdfa(str(path))
    return [f"{i.rule}: {i.message}" for i in report.issues if i.severity == "error"]


@pytest.fixture(scope="module")
def seed_pdfa() -> bytes:
    return render_result(typeset.load(SEED), pdfa=True).pdf


def test_the_seed_passes_the_validator_with_no_error(seed_pdfa, tmp_path):
    report = pdfluent.validate_pdfa(str(_write(tmp_path, seed_pdfa)))
    assert report.pdfa_level == "PDF/A-2B"
    assert (report.error_count, report.warning_count) == (0, 0), [i.message for i in report.issues]
    assert report.is_compliant


@pytest.mark.parametrize("layout", LAYOUTS)
def test_images_and_every_layout_pass(layout, tmp_path):
    pdf = render_result(typeset.load(FEATURES), layout, pdfa=True).pdf
    assert validate(pdf, tmp_path) == []


@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").glob("*.yaml")))
def test_every_example_passes(example, tmp_path):
    """Right-to-left shaped text, CJK from a font collection, a bibliography: all archived."""
    assert validate(render_result(typeset.load(ROOT / "examples" / example), pdfa=True).pdf, tmp_path) == []


def test_the_validator_rejects_ordinary_output(tmp_path):
    """Not PDF/A without the option: the validator sees what --pdfa adds."""
    errors = validate(render_result(typeset.load(SEED)).pdf, tmp_path)
    rules = {e.split(":")[0] for e in errors}
    assert {"6.6.2.1", "6.3.2", "6.2.4.3", "6.1.7.1"} <= rules


def test_xmp_matches_the_document_information(seed_pdfa):
    pdf = pikepdf.open(io.BytesIO(seed_pdfa))
    assert "/Filter" not in pdf.Root.Metadata  # readable without decoding
    meta = pdf.open_metadata()
    assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
    info = pdf.docinfo
    for key, prop in XMP_OF_INFO.items():
        value = meta[prop]
        value = next(iter(value)) if isinstance(value, (list, set)) else value
        assert str(info[key]) == value
    assert str(info["/Title"]) == "The Deepening U.S.-Japan Alliance"
    assert str(info["/CreationDate"]) == "D:20240528000000+00'00'"  # the brief's date
    assert meta["xmp:CreateDate"] == meta["xmp:ModifyDate"] == "2024-05-28T00:00:00+00:00"


def test_srgb_output_intent(seed_pdfa):
    pdf = pikepdf.open(io.BytesIO(seed_pdfa))
    [intent] = pdf.Root.OutputIntents
    assert intent.S == "/GTS_PDFA1" and str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
    profile = intent.DestOutputProfile
    icc = profile.read_bytes()
    assert profile.N == 3 and icc[16:20] == b"RGB " and icc[36:40] == b"acsp"


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [font for page in pdf.pages for font in page.Resources.get("/Font", {}).values()]


def test_every_font_embedded_no_transparency_no_encryption(tmp_path):
    from PIL import Image

    Image.new("RGBA", (40, 20), (200, 30, 30, 120)).save(tmp_path / "seal.png")
    Image.new("CMYK", (20, 20), (0, 200, 200, 0)).save(tmp_path / "print.jpg")
    brief = typeset.Brief.from_dict({"title": "Images", "sections": [{"heading": "H", "content": [
        "A link to <https://example.org> and a note.[^a]", {"image": "seal.png", "caption": "Seal."},
        {"image": "print.jpg", "caption": "CMYK."}]}], "footnotes": {"a": "Note."}}, base_dir=tmp_path)
    plain = pikepdf.open(io.BytesIO(render_result(brief).pdf))
    archival_pdf = render_result(brief, pdfa=True).pdf
    assert validate(archival_pdf, tmp_path) == []
    archival = pikepdf.open(io.BytesIO(archival_pdf))
    assert any("/SMask" in x for x in _images(plain))  # the seal has alpha ...
    assert len(_images(archival)) == 2 and not any("/SMask" in x for x in _images(archival))  # ... not here
    assert {str(x.ColorSpace) for x in _images(archival)} == {"/DeviceRGB"}  # nor CMYK
    fonts = _fonts(archival)
    assert fonts and all("/FontFile2" in f.FontDescriptor for f in fonts)
    assert not archival.is_encrypted and "/Encrypt" not in archival.trailer and "/ID" in archival.trailer
    for page in archival.pages:
        assert "/Group" not in page
        for annot in page.get("/Annots", []):
            assert int(annot.F) & 4 and not int(annot.F) & (1 | 2 | 32)


def _images(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    return [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]


def test_pdfa_is_deterministic_and_other_output_unchanged(seed_pdfa):
    brief = typeset.load(SEED)
    assert render_result(brief, pdfa=True).pdf == seed_pdfa
    assert b"pdfaid" not in render_result(brief).pdf


def test_a_standard_font_cannot_be_archived(tmp_path):
    layout = tmp_path / "std.yaml"
    layout.write_text("extends: plain\nbody: {family: Helvetica}\n", encoding="utf-8")
    brief = typeset.load(SEED)
    assert render_result(brief, str(layout)).pdf.startswith(b"%PDF-")
    with pytest.raises(typeset.LayoutError, match="PDF/A needs every font embedded.*'Helvetica'"):
        render_result(brief, str(layout), pdfa=True)


def test_layout_key_and_command_line(tmp_path):
    (tmp_path / "archive.yaml").write_text("extends: plain\npdfa: true\n", encoding="utf-8")
    brief = tmp_path / "b.yaml"
    brief.write_text(SEED.read_text(encoding="utf-8").replace("layout: issi-brief", "layout: archive.yaml"),
                     encoding="utf-8")
    assert "layout: archive.yaml" in brief.read_text(encoding="utf-8")
    for asset in (SEED.parent / "assets").iterdir():
        (tmp_path / "assets").mkdir(exist_ok=True)
        (tmp_path / "assets" / asset.name).write_bytes(asset.read_bytes())
    built = typeset.build(brief, tmp_path / "key.pdf")
    assert validate(built.path.read_bytes(), tmp_path) == []
    proc = run("build", str(SEED), "-o", str(tmp_path / "flag.pdf"), "--pdfa", "-q", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert validate((tmp_path / "flag.pdf").read_bytes(), tmp_path) == []


def _write(tmp_path: Path, pdf: bytes) -> Path:
    path = tmp_path / "seed-pdfa.pdf"
    path.write_bytes(pdf)
    return path


def test_a_character_no_font_has_cannot_be_archived(tmp_path):
    """It would show the .notdef glyph, which PDF/A forbids (6.2.11.8); ordinary output warns."""
    brief = typeset.Brief.from_dict({"title": "Glyphs", "sections": [{"heading": "H", "content": [
        "Text with \u16a0 in it."]}]})
    assert "U+16A0" in render_result(brief).warnings[0].message
    with pytest.raises(typeset.LayoutError) as caught:
        render_result(brief, pdfa=True)
    assert [p.severity for p in caught.value.problems] == ["warning", "error"]
    assert caught.value.message.startswith("PDF/A cannot show the character '\u16a0' (U+16A0)")
