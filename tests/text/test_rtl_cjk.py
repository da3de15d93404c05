"""Right-to-left and CJK text in the text stage: shaped widths, display order, break points."""
from __future__ import annotations

import uharfbuzz as hb

from tests.text.conftest import REPO_FONTS
from typeset.text import FaceFiles, FontBook, break_paragraph
from typeset.text.bidi import levels
from typeset.text.types import StyledRun

URDU = "\u067e\u0627\u06a9\u0633\u062a\u0627\u0646 \u0627\u0648\u0631 \u0686\u06cc\u0646"  # پاکستان اور چین
SALAM, ALAIKUM = "\u0627\u0644\u0633\u0644\u0627\u0645", "\u0639\u0644\u064a\u0643\u0645"


def book() -> FontBook:
    return FontBook({
        "serif": FaceFiles(REPO_FONTS / "LiberationSerif-Regular.ttf"),
        "naskh": FaceFiles(REPO_FONTS / "NotoNaskhArabic-Regular.ttf"),
        "cjk": FaceFiles(REPO_FONTS / "WenQuanYiMicroHei.ttc"),
    }, fallback=["naskh", "cjk"])


def hb_shape(text: str) -> tuple[list[int], float]:
    """Glyph ids (visual order) and advance in points at 10 pt, from HarfBuzz directly."""
    face = hb.Face(hb.Blob.from_file_path(str(REPO_FONTS / "NotoNaskhArabic-Regular.ttf")))
    font = hb.Font(face)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    return [g.codepoint for g in buf.glyph_infos], sum(p.x_advance for p in buf.glyph_positions) * 10 / face.upem


def runs(text: str, fonts: FontBook) -> list[StyledRun]:
    return [StyledRun(text, fonts.face("serif"), 10.0)]


def test_arabic_words_are_measured_as_harfbuzz_shapes_them() -> None:
    fonts = book()
    [line] = break_paragraph(runs(f"{SALAM} {ALAIKUM}", fonts), 300, fonts, align="left")
    drawn = [f for f in line.frags if not f.hidden]
    widths = sorted(round(f.width, 3) for f in drawn)
    assert widths == sorted(round(hb_shape(w)[1], 3) for w in (SALAM, ALAIKUM))
    # the joined width is not the sum of the isolated letters' widths
    assert abs(hb_shape(SALAM)[1] - fonts.width(SALAM, fonts.face("naskh"), 10)) > 0.5


def test_glyphs_are_the_contextual_forms_harfbuzz_gives() -> None:
    fonts = book()
    [line] = break_paragraph(runs(SALAM, fonts), 300, fonts)
    [frag] = [f for f in line.frags if f.glyphs is not None]
    gids, _ = hb_shape(SALAM)
    assert [g.gid for g in frag.glyphs] == gids
    face = hb.Font(hb.Face(hb.Blob.from_file_path(str(REPO_FONTS / "NotoNaskhArabic-Regular.ttf"))))
    nominal = [face.get_nominal_glyph(ord(c)) for c in SALAM]
    assert set(gids) - set(nominal), "no contextual form: the letters were drawn isolated"


def test_rtl_phrase_in_ltr_line_reads_right_to_left_in_place() -> None:
    fonts = book()
    [line] = break_paragraph(runs(f"Before {SALAM} {ALAIKUM} after.", fonts), 400, fonts, align="left")
    drawn = [f for f in line.frags if not f.hidden]
    order = [f.text for f in sorted(drawn, key=lambda f: f.x)]
    assert order == ["Before", ALAIKUM, SALAM, "after."]
    hidden = sorted((f for f in line.frags if f.hidden), key=lambda f: f.x)
    assert [f.text for f in hidden] == [SALAM, ALAIKUM]  # the logical text, left to right
    left = min(f.x for f in drawn if f.glyphs)
    right = max(f.x + f.width for f in drawn if f.glyphs)
    assert abs(hidden[0].x - left) < 0.01 and abs(hidden[-1].x + hidden[-1].width - right) < 0.01


def test_rtl_paragraph_is_flush_right_with_lines_right_to_left() -> None:
    fonts = book()
    text = " ".join([URDU] * 12)
    lines = break_paragraph(runs(text, fonts), 200, fonts, align="justify", indent_first=15)
    assert len(lines) > 2
    for k, line in enumerate(lines):
        drawn = [f for f in line.frags if not f.hidden]
        right = max(f.x + f.width for f in drawn)
        assert abs(right - (200 - (15 if k == 0 else 0))) < 0.05, k  # the indent is on the right
        first_word = max(drawn, key=lambda f: f.x)  # the first word in reading order is the rightmost
        hidden = min((f for f in line.frags if f.hidden), key=lambda f: f.x)
        assert first_word.text == hidden.text
    last = [f for f in lines[-1].frags if not f.hidden]
    assert min(f.x for f in last) > 1.0  # the last line, at natural spacing, is ragged on the left


def test_dir_rtl_sets_a_paragraph_starting_in_latin_right_to_left() -> None:
    fonts = book()
    text = f"CPEC {URDU}"
    [auto] = break_paragraph(runs(text, fonts), 300, fonts, align="left")
    [rtl] = break_paragraph(runs(text, fonts), 300, fonts, align="left", direction="rtl")
    assert min(f.x for f in auto.frags if f.text == "CPEC") == 0.0
    cpec = next(f for f in rtl.frags if f.text == "CPEC" and not f.hidden)
    assert abs(cpec.x + cpec.width - 300) < 0.05


def test_levels_follow_uax9() -> None:
    assert levels("ab \u0627\u0628 12 cd", 0) == [0, 0, 0, 1, 1, 1, 2, 2, 0, 0, 0]
    assert levels("\u0627\u0628 cd", 1) == [1, 1, 1, 2, 2]


def test_isolate_controls_do_not_break_the_algorithm() -> None:
    assert levels("a \u2067\u0628\u2069 c", 0) == [0, 0, 0, 1, 0, 0, 0]


def test_bracket_pairs_take_one_direction_rule_n0() -> None:
    # Arabic, then "(Quran 9), q": both brackets (and the comma) right to left, around the reference
    lev = levels("\u0627\u0628 (Quran 9), q", 1)
    assert lev[3] == lev[11] == lev[12] == 1 and set(lev[4:11]) == {2} and lev[-1] == 2
    assert levels("ab (\u0627\u0628) cd", 0)[3:7] == [0, 1, 1, 0]


def test_latin_text_needs_no_reordering_and_no_shaping_imports() -> None:
    fonts = book()
    [line] = break_paragraph(runs("Plain words only.", fonts), 300, fonts)
    assert all(f.glyphs is None and not f.hidden for f in line.frags)


def test_chinese_breaks_between_ideographs_but_not_before_closing_marks() -> None:
    fonts = book()
    text = "\u4e2d\u56fd\u56fd\u52a1\u9662\u65b0\u95fb\u529e\u516c\u5ba4\u53d1\u5e03\u767d\u76ae\u4e66\u3002" * 4
    lines = break_paragraph(runs(text, fonts), 100, fonts, align="left")
    assert len(lines) > 3
    assert all(line.width <= 100.01 for line in lines)
    assert not any(line.hyphenated for line in lines)
    for line in lines[1:]:
        assert line.frags[0].text[0] != "\u3002"  # kinsoku: no line starts with an ideographic full stop
    assert "".join(f.text for line in lines for f in line.frags) == text


def test_a_zero_width_non_joiner_keeps_its_effect_on_letter_forms() -> None:
    fonts = book()
    word = "\u0645\u06cc\u200c\u0634\u0648\u062f"  # می‌شود: the non-joiner keeps yeh final, not medial
    [line] = break_paragraph(runs(word, fonts), 300, fonts)
    [frag] = [f for f in line.frags if f.glyphs is not None]
    assert [g.gid for g in frag.glyphs] == hb_shape(word)[0]
    assert hb_shape(word)[0] != hb_shape(word.replace("\u200c", ""))[0]


def test_the_cheap_guards_of_the_cjk_and_hangul_classes_never_change_an_answer() -> None:
    """`has_cjk`, `is_cjk` and `is_hangul` skip compiling their class for characters below its lowest one."""
    from typeset.text import scripts

    assert not any(scripts._cjk().match(chr(c)) for c in range(ord(scripts._CJK_FIRST)))
    assert not any(scripts._hangul().match(chr(c)) for c in range(ord(scripts._HANGUL_FIRST)))
    assert scripts._cjk().match(scripts._CJK_FIRST) and scripts._hangul().match(scripts._HANGUL_FIRST)
    assert scripts.has_cjk("Tokyo \u6771\u4eac") and not scripts.has_cjk("\u201cquoted\u201d \u2014 caf\u00e9")
    assert scripts.is_hangul("\ud55c") and not scripts.is_hangul("\u6771") and scripts.is_cjk("\u6771")
