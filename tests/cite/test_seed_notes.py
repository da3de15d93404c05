"""The cited example's notes, read back from its PDF, against the notes ISSI printed.

examples/us-japan-alliance-cited.yaml gives the seed brief's 19 notes as 13
sources and 19 citations. Where the printed notes break Chicago's rules, the
computed form wins, and DIFFERENCES names each with its reason; the computed
notes are those Pandoc's citeproc prints with the official CSL style
(tests/cite/test_against_pandoc.py).
"""
from __future__ import annotations

import re

import pytest

from tests.conftest import EXAMPLES, SHARED
from tests.helpers.notetext import joined, read_notes
from typeset.layout.engine import geometry
from typeset.pipeline import render
from typeset.readers import load_brief
from typeset.style import bundled_layouts, load_layout

CITED = EXAMPLES / "us-japan-alliance-cited.yaml"
SEED = SHARED / "seeds" / "000_a6d9690b8e185a41.txt"

# The notes as the seed prints them (its italics dropped; checked against the seed file below).
PRINTED = {
    1: "Jeffrey W. Hornung, \"America's Best Friend in Asia,\" Foreign Affairs, April 10, 2024, "
       "https://www.foreignaffairs.com/united-states/americas-best-friend-asia.",
    2: "\"United States-Japan Joint Leaders' Statement,\" The White House, April 10, 2024, "
       "https://www.whitehouse.gov/briefing-room/statements-releases/2024/04/10/"
       "united-states-japan-joint-leaders-statement/.",
    3: "Ibid.",
    4: "Sevastopulo and Inagaki, \"US and Japan Announce 'Most Significant' Upgrade.\"",
    5: "Demetri Sevastopulo and Kana Inagaki, \"US and Japan Announce 'Most Significant' Upgrade to Military "
       "Alliance,\" Financial Times, April 11, 2024, https://www.ft.com/content/7c87655e-7994-4a34-9a02-497f316dc881.",
    6: "Hornung, \"America's Best Friend in Asia.\"",
    7: "\"Indo-Pacific Strategy of the United States,\" The White House, February 2022, "
       "https://www.whitehouse.gov/wp-content/uploads/2022/02/U.S.-Indo-Pacific-Strategy.pdf.",
    8: "Kosuke Takahashi, \"Japan Inks $1.7 Billion Contract with the US for 400 Tomahawks,\" Naval News, "
       "January 18, 2024, https://www.navalnews.com/naval-news/2024/01/"
       "japan-inks-1-7-billion-contract-with-the-us-for-400-tomahawks/.",
    9: "Ashish Dangwal, \"US Trains Japan On Counterstrike Capability; JSDF Learns To Operate Tomahawk Missiles "
       "To Deflate China,\" The EurAsian Times, March 30, 2024, "
       "https://www.eurasiantimes.com/tg-edited-us-navy-commences-tomahawk-cruise/.",
    10: "Motoko Rich, \"Breaking With Postwar History, Japan to Sell Patriot Missiles to U.S,\" The New York Times, "
        "December 21, 2023, https://www.nytimes.com/2023/12/21/world/asia/japan-postwar-missile-defense-sales.html.",
    11: "Demetri Sevastopulo and Kana Inagaki, \"US and Japan Plan Biggest Upgrade to Security Pact in over 60 "
        "Years,\" Financial Times, March 24, 2024, https://www.ft.com/content/df99994d-ec4b-4c3c-9c42-738ec9b338d0.",
    12: "Ibid.",
    13: "Hornung, \"America's Best Friend.\"",
    14: "Demetri Sevastopulo and Kana Inagaki, \"Aukus Weighs Expanding Security Pact to Deter China in "
        "Indo-Pacific,\" Financial Times, April 7, 2024, "
        "https://www.ft.com/content/bd94b87a-0395-420b-a35c-909b1762650a.",
    15: "\"Joint Vision Statement from the Leaders of Japan, the Philippines, and the United States,\" The White "
        "House, April 12, 2024, https://www.whitehouse.gov/briefing-room/statements-releases/2024/04/11/"
        "joint-vision-statement-from-the-leaders-of-japan-the-philippines-and-the-united-states/.",
    16: "Joe Saballa, \"Philippines Gets Advanced Air Surveillance Radar From Japan,\" The Defense Post, "
        "December 21, 2023, https://www.thedefensepost.com/2023/12/21/philippines-surveillance-radar-japan/.",
    17: "\"UK, Japan, and Italy Sign International Stealth Fighter Jet Programme Treaty,\" Royal Air Force, "
        "December 14, 2023, https://www.raf.mod.uk/news/articles/"
        "uk-japan-and-italy-sign-international-stealth-fighter-jet-programme-treaty/.",
    18: "\"United States-Japan Joint Leaders' Statement,\" The White House.",
    19: "Ken Moriyasu, \"U.K. Cements Defense Ties with Japan by Signing Hiroshima Accord,\" Nikkei Asia, "
        "May 18, 2023, https://asia.nikkei.com/Spotlight/G-7-in-Japan/"
        "U.K.-cements-defense-ties-with-Japan-by-signing-Hiroshima-Accord.",
}

# Where the seed breaks Chicago, the computed note and why.
DIFFERENCES = {
    4: (PRINTED[5], "the seed prints the short form before the source's first citation (its full form is "
                    "note 5); a first citation is the full note (CMOS 14.29)"),
    5: ("Ibid.", "with the full form in note 4, note 5 cites the same source alone right after it (CMOS 14.34)"),
    6: ("Hornung, \"America's Best Friend.\"",
        "the seed shortens one title two ways (note 6 whole, note 13 to four words); a source has one short "
        "title, of at most four words (CMOS 14.30)"),
    18: ("The White House, \"United States-Japan Joint Leaders' Statement.\"",
         "the seed keeps the full note's order; the short note of an unsigned web page puts the site in the "
         "author's place (CMOS 14.206: Google, \"Privacy Policy.\")"),
}
EXPECTED = {n: DIFFERENCES[n][0] if n in DIFFERENCES else text for n, text in PRINTED.items()}


def notes_of(path, layout: str = "issi-brief"):  # noqa: ANN001, ANN201 - a Path; NoteReads
    g = geometry(load_layout(layout))
    return read_notes(render(load_brief(path), layout), g.top, g.top + g.height)


def _pdf_notes(layout: str) -> dict[int, str]:
    notes = notes_of(CITED, layout)
    assert [n.label for n in notes] == [str(k) for k in range(1, 20)]
    return {int(n.label): joined(n.lines, EXPECTED[int(n.label)]) for n in notes}


@pytest.mark.parametrize("layout", bundled_layouts())
def test_notes_read_like_the_printed_notes(layout: str) -> None:
    got = _pdf_notes(layout)
    for number, want in EXPECTED.items():
        assert got[number] == want, f"note {number}"


def test_the_differences_are_only_the_named_ones() -> None:
    got = _pdf_notes("issi-brief")
    differ = {n for n in PRINTED if got[n] != PRINTED[n]}
    assert differ == set(DIFFERENCES)
    assert got[3] == got[12] == "Ibid."
    assert got[13] == got[6] == PRINTED[13]


def test_ibid_across_a_page_turn() -> None:
    """An Ibid. follows its note whatever page it falls on, as note 12 follows note 11 in the seed."""
    turns = []
    for layout in bundled_layouts():
        notes = notes_of(CITED, layout)
        ibids = [int(n.label) for n in notes if n.lines == ["Ibid."]]
        assert ibids == [3, 5, 12], layout
        turns += [(layout, k) for k in ibids if notes[k - 1].page != notes[k - 2].page]
    assert turns  # at least one Ibid. stands on a later page than the note it refers to


@pytest.mark.skipif(not SEED.is_file(), reason="the seed text is not beside the repository")
def test_printed_notes_are_the_seed_text() -> None:
    seed = " ".join(SEED.read_text(encoding="utf-8").replace("[&]quot;", '"').replace("*", "").replace("\\$", "$").split())
    for number, text in PRINTED.items():
        assert text in seed, f"note {number} is not as the seed prints it"


def test_titles_italic_and_quoted() -> None:
    notes = notes_of(CITED)
    assert notes[0].italic == ["Foreign Affairs"]  # the magazine is italic; the article title is quoted
    assert "\u201cAmerica\u2019s Best Friend in Asia,\u201d" in notes[0].lines[0]
    assert notes[3].lines[0].count("\u2018Most Significant\u2019") == 1  # quotes within quotes are single
    assert notes[1].italic == []  # a website's name is roman (CMOS 14.206)


def test_moving_a_paragraph_changes_the_forms(tmp_path) -> None:
    """Move the paragraph with notes 1-3 after the one with note 4: the forms follow Chicago."""
    text = CITED.read_text(encoding="utf-8")
    paragraphs = re.findall(r"      - >-\n(?:        .*\n)+", text)
    first, second = paragraphs[0], paragraphs[1]
    assert "[@hornung-2024]" in first and "[@ft-most-significant]" in first
    moved = text.replace(first + second, second + first)
    assert moved != text
    brief = tmp_path / "moved.yaml"
    brief.write_text(moved, encoding="utf-8")
    notes = {int(n.label): n for n in notes_of(brief)}
    # The second paragraph's note 5 (full) is now note 1; the first paragraph's four notes follow:
    # Hornung and the joint statement first cited, then Ibid., and the FT article short, no longer Ibid.
    want = {
        1: PRINTED[5],
        2: PRINTED[1],
        3: PRINTED[2],
        4: "Ibid.",
        5: "Sevastopulo and Inagaki, \"US and Japan Announce 'Most Significant' Upgrade.\"",
        6: "Hornung, \"America's Best Friend.\"",
    }
    for number, expected in want.items():
        assert joined(notes[number].lines, expected) == expected, f"note {number}"
