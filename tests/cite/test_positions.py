"""Note positions against the CSL test suite's position cases and Chicago's rule on notes without citations."""
from __future__ import annotations

from typeset.cite.positions import positions
from typeset.model.nodes import CiteItem


def c(key: str, locator: str = "") -> CiteItem:
    return CiteItem(key, locator=locator)


def test_ibid_separate_cite_same_note() -> None:
    """CSL test suite position_IbidSeparateCiteSameNote: seven citations in four notes."""
    notes = [
        [[c("1")]],
        [[c("1")], [c("1", "33")]],
        [[c("2"), c("1")]],
        [[c("1", "99")], [c("1")], [c("1")]],
    ]
    assert positions(notes) == [
        [["first"]],
        [["ibid"], ["ibid-with-locator"]],
        [["first", "subsequent"]],  # the citation before cites item 1 alone, but item 2 comes first here
        [["subsequent"], ["subsequent"], ["ibid"]],  # after two sources; then without a locator after one
    ]


def test_ibid_with_multiple_solo_cites_in_backref() -> None:
    """CSL test suite position_IbidWithMultipleSoloCitesInBackref: the note before cites two sources."""
    notes = [[[c("1")], [c("2")]], [[c("2")]], [[c("2")]]]
    assert positions(notes) == [[["first"], ["first"]], [["subsequent"]], [["ibid"]]]


def test_ibid_with_locator() -> None:
    """CSL test suite position_IbidWithLocator, and the same locator again."""
    assert positions([[[c("1")]], [[c("1", "23")]], [[c("1", "23")]], [[c("1", "24")]]]) == [
        [["first"]], [["ibid-with-locator"]], [["ibid"]], [["ibid-with-locator"]]]


def test_first_only_once() -> None:
    """CSL test suite position_FirstTrueOnlyOnce: a second cite in the same citation is not first."""
    assert positions([[[c("1"), c("1")]]]) == [[["first", "ibid"]]]


def test_a_note_without_citations_breaks_ibid() -> None:
    """Chicago 14.34 and jgm/citeproc#7: Ibid. refers to the note just before, whatever it holds."""
    assert positions([[[c("1")]], [], [[c("1")]]]) == [[["first"]], [], [["subsequent"]]]


def test_the_seed_sequence() -> None:
    keys = ["hornung", "js", "js", "ft", "ft", "hornung", "ips", "tk", "dg", "rich", "fb", "fb", "hornung",
            "aukus", "jv", "sab", "raf", "js", "mor"]
    got = [p[0][0] for p in positions([[[c(k)]] for k in keys])]
    assert got[2] == got[4] == got[11] == "ibid"
    assert got[5] == got[12] == got[17] == "subsequent"
    assert got.count("first") == 13
