"""Chicago's own examples (CMOS 17, Notes and Bibliography quick guide), each type in its three forms.

Italics are written *so* in the expected text; quotation marks are the curly ones printed.
"""
from __future__ import annotations

from typing import Any

from typeset.cite import resolve_citations
from typeset.model import brief_from_dict
from typeset.model.nodes import Inline, Run

SOURCES: list[dict[str, Any]] = [
    {"id": "smith", "type": "book", "author": ["Smith, Zadie"], "title": "Swing Time",
     "publisher": "Penguin Press", "publisher-place": "New York", "issued": "2016"},
    {"id": "ward", "type": "book", "author": ["Ward, Geoffrey C.", "Burns, Ken"],
     "title": "The War: An Intimate History, 1941-1945", "title-short": "War", "publisher": "Knopf",
     "publisher-place": "New York", "issued": "2007"},
    {"id": "thoreau", "type": "chapter", "author": ["Thoreau, Henry David"], "title": "Walking",
     "container-title": "The Making of the American Essay", "editor": ["D'Agata, John"],
     "publisher": "Graywolf Press", "publisher-place": "Minneapolis", "issued": "2016", "page": "167-95"},
    {"id": "satterfield", "type": "article-journal", "author": ["Satterfield, Susan"],
     "title": "Livy and the Pax Deum", "title-short": "Livy", "container-title": "Classical Philology",
     "volume": "111", "issue": "2", "issued": "2016-04", "page": "165-76"},
    {"id": "manjoo", "type": "article-newspaper", "author": ["Manjoo, Farhad"],
     "title": "Snap Makes a Bet on the Cultural Supremacy of the Camera", "title-short": "Snap Makes a Bet",
     "container-title": "New York Times", "issued": "2017-03-08",
     "URL": "https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html"},
    {"id": "mead", "type": "article-magazine", "author": ["Mead, Rebecca"], "title": "The Prophet of Dystopia",
     "title-short": "Dystopia", "container-title": "New Yorker", "issued": "2017-04-17"},
]


def styled(content: Inline) -> str:
    return "".join(f"*{r.text}*" if r.italic else r.text for r in content if isinstance(r, Run))


def notes_for(text: str, sources: list[dict[str, Any]] | None = None) -> list[str]:
    brief = brief_from_dict({"title": "T", "sections": [{"heading": "H", "content": [text]}],
                             "sources": sources if sources is not None else SOURCES})
    return [styled(n.content) for n in resolve_citations(brief).footnotes]


def test_book() -> None:
    assert notes_for("a[@smith, 315-16] b[@ward, 52] c[@smith, 320] d[@ward, 59-61]") == [
        "Zadie Smith, *Swing Time* (New York: Penguin Press, 2016), 315\u201316.",
        "Geoffrey C. Ward and Ken Burns, *The War: An Intimate History, 1941\u20131945* (New York: Knopf, 2007), 52.",
        "Smith, *Swing Time*, 320.",
        "Ward and Burns, *War*, 59\u201361.",
    ]


def test_chapter() -> None:
    assert notes_for("a[@thoreau, 177-78] b[@smith] c[@thoreau, 182]") == [
        "Henry David Thoreau, \u201cWalking,\u201d in *The Making of the American Essay*, ed. John D\u2019Agata "
        "(Minneapolis: Graywolf Press, 2016), 177\u201378.",
        "Zadie Smith, *Swing Time* (New York: Penguin Press, 2016).",
        "Thoreau, \u201cWalking,\u201d 182.",
    ]


def test_journal_article() -> None:
    assert notes_for("a[@satterfield, 170] b[@smith] c[@satterfield, 172-73]") == [
        "Susan Satterfield, \u201cLivy and the Pax Deum,\u201d *Classical Philology* 111, no. 2 (April 2016): 170.",
        "Zadie Smith, *Swing Time* (New York: Penguin Press, 2016).",
        "Satterfield, \u201cLivy,\u201d 172\u201373.",
    ]


def test_news_and_magazine_articles() -> None:
    assert notes_for("a[@manjoo] b[@mead, 43] c[@manjoo] d[@mead, 47]") == [
        "Farhad Manjoo, \u201cSnap Makes a Bet on the Cultural Supremacy of the Camera,\u201d *New York Times*, "
        "March 8, 2017, https://www.nytimes.com/2017/03/08/technology/"
        "snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html.",
        "Rebecca Mead, \u201cThe Prophet of Dystopia,\u201d *New Yorker*, April 17, 2017, 43.",
        "Manjoo, \u201cSnap Makes a Bet.\u201d",
        "Mead, \u201cDystopia,\u201d 47.",
    ]


def test_ibid_forms_prefix_and_suffix() -> None:
    """Note d cites page 4 again, so "ibid." alone; a prefix starting a note is capitalized."""
    assert notes_for("a[@smith, 3] b[@smith, 3] c[@smith, 4] d[see @smith, 4; @mead] e[@mead, 43, emphasis added]") == [
        "Zadie Smith, *Swing Time* (New York: Penguin Press, 2016), 3.",
        "Ibid.",
        "Ibid., 4.",
        "See ibid.; Rebecca Mead, \u201cThe Prophet of Dystopia,\u201d *New Yorker*, April 17, 2017.",
        "Mead, \u201cDystopia,\u201d 43, emphasis added.",
    ]


def test_a_citation_inside_a_footnote() -> None:
    brief = brief_from_dict({
        "title": "T", "sources": SOURCES,
        "sections": [{"heading": "H", "content": ["One.[^a] Two.[^b] Three.^[As argued in [@smith, 12], and.]"]}],
        "footnotes": {"a": "[@smith, 12]", "b": "On this, see [@smith, 12]."}})
    assert [styled(n.content) for n in resolve_citations(brief).footnotes] == [
        "Zadie Smith, *Swing Time* (New York: Penguin Press, 2016), 12.",
        "On this, see ibid.",
        "As argued in ibid., and.",
    ]


def test_four_authors_et_al_and_unsigned() -> None:
    many = [{"id": "m", "type": "book", "author": ["A, Ann", "B, Bo", "C, Cy", "D, Di"], "title": "Group Work",
             "publisher": "P", "issued": "2020"},
            {"id": "u", "type": "article-newspaper", "title": "In Texas, Ad Heats Up Race for Governor",
             "title-short": "In Texas", "container-title": "New York Times", "issued": "2002-07-30"}]
    assert notes_for("a[@m] b[@u] c[@m] d[@u]", many) == [
        "Ann A et al., *Group Work* (P, 2020).",
        "\u201cIn Texas, Ad Heats Up Race for Governor,\u201d *New York Times*, July 30, 2002.",
        "A et al., *Group Work*.",
        "*New York Times*, \u201cIn Texas.\u201d",  # the paper in the author's place (CMOS 14.207)
    ]


def test_bibliography_entries_sorted() -> None:
    brief = brief_from_dict({"title": "T", "sources": SOURCES, "sections": [{"heading": "H", "content": [
        "a[@smith] b[@ward] c[@thoreau] d[@satterfield] e[@manjoo] f[@mead]"]}]})
    section = resolve_citations(brief, bibliography=True, heading="Sources").sections[-1]
    assert styled(section.heading) == "Sources"
    assert [styled(p.content) for p in section.content] == [
        "Manjoo, Farhad. \u201cSnap Makes a Bet on the Cultural Supremacy of the Camera.\u201d *New York Times*, "
        "March 8, 2017. https://www.nytimes.com/2017/03/08/technology/"
        "snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html.",
        "Mead, Rebecca. \u201cThe Prophet of Dystopia.\u201d *New Yorker*, April 17, 2017.",
        "Satterfield, Susan. \u201cLivy and the Pax Deum.\u201d *Classical Philology* 111, no. 2 (April 2016): 165\u201376.",
        "Smith, Zadie. *Swing Time*. New York: Penguin Press, 2016.",
        "Thoreau, Henry David. \u201cWalking.\u201d In *The Making of the American Essay*, edited by John D\u2019Agata, "
        "167\u201395. Minneapolis: Graywolf Press, 2016.",
        "Ward, Geoffrey C., and Ken Burns. *The War: An Intimate History, 1941\u20131945*. New York: Knopf, 2007.",
    ]


def test_uncited_sources_are_not_listed() -> None:
    brief = brief_from_dict({"title": "T", "sources": SOURCES, "sections": [{"heading": "H", "content": ["a[@mead]"]}]})
    section = resolve_citations(brief, bibliography=True).sections[-1]
    assert [styled(p.content) for p in section.content] == [
        "Mead, Rebecca. \u201cThe Prophet of Dystopia.\u201d *New Yorker*, April 17, 2017."]


def test_reports_and_web_pages() -> None:
    """CMOS 14.220 (reports, an institution as author) and 14.206 (a page known by its access date)."""
    sources = [
        {"id": "crs", "type": "report", "author": ["Chanlett-Avery, Emma", "Manyin, Mark E."],
         "title": "Japan-U.S. Relations: Issues for Congress", "genre": "CRS Report", "number": "RL33436",
         "publisher": "Congressional Research Service", "publisher-place": "Washington, DC", "issued": "2019-06-13",
         "URL": "https://crsreports.congress.gov/product/pdf/RL/RL33436"},
        {"id": "icg", "type": "report", "author": [{"literal": "International Crisis Group"}],
         "title": "The Korean Peninsula", "publisher": "ICG", "publisher-place": "Brussels", "issued": "2020"},
        {"id": "page", "type": "webpage", "title": "About ISSI", "container-title": "ISSI",
         "accessed": "2024-05-20", "URL": "https://issi.org.pk/about/"},
    ]
    assert notes_for("a[@crs, 12] b[@icg] c[@page] d[@crs, 14] e[@icg, 3]", sources) == [
        "Emma Chanlett-Avery and Mark E. Manyin, *Japan-U.S. Relations: Issues for Congress*, CRS Report RL33436 "
        "(Washington, DC: Congressional Research Service, June 13, 2019), 12, "
        "https://crsreports.congress.gov/product/pdf/RL/RL33436.",
        "International Crisis Group, *The Korean Peninsula* (Brussels: ICG, 2020).",
        "\u201cAbout ISSI,\u201d ISSI, accessed May 20, 2024, https://issi.org.pk/about/.",
        "Chanlett-Avery and Manyin, *Japan-U.S. Relations*, 14.",
        "International Crisis Group, *The Korean Peninsula*, 3.",
    ]
    brief = brief_from_dict({"title": "T", "sources": sources,
                             "sections": [{"heading": "H", "content": ["a[@crs] b[@icg] c[@page]"]}]})
    assert [styled(p.content) for p in resolve_citations(brief, bibliography=True).sections[-1].content] == [
        "Chanlett-Avery, Emma, and Mark E. Manyin. *Japan-U.S. Relations: Issues for Congress*. CRS Report RL33436. "
        "Washington, DC: Congressional Research Service, June 13, 2019. "
        "https://crsreports.congress.gov/product/pdf/RL/RL33436.",
        "International Crisis Group. *The Korean Peninsula*. Brussels: ICG, 2020.",
        "ISSI. \u201cAbout ISSI.\u201d Accessed May 20, 2024. https://issi.org.pk/about/.",
    ]


def test_a_title_ending_in_a_question_mark_takes_no_comma() -> None:
    sources = [{"id": "q", "type": "article-magazine", "author": ["Doe, Jane"], "title": "Is the Alliance Ready?",
                "container-title": "Foreign Affairs", "issued": "2024-04"}]
    assert notes_for("a[@q, 3] b[@smith] c[@q, 4]", [*sources, SOURCES[0]]) == [
        "Jane Doe, \u201cIs the Alliance Ready?\u201d *Foreign Affairs*, April 2024, 3.",
        "Zadie Smith, *Swing Time* (New York: Penguin Press, 2016).",
        "Doe, \u201cIs the Alliance Ready?\u201d 4.",
    ]


def test_citations_in_a_note_of_several_paragraphs() -> None:
    brief = brief_from_dict({
        "title": "T", "sources": SOURCES,
        "sections": [{"heading": "H", "content": ["One.[^a] Two.[@smith, 9]"]}],
        "footnotes": {"a": ["[@smith, 12]", "The argument recurs in [@mead, 43]."]}})
    notes = resolve_citations(brief).footnotes
    assert styled(notes[0].content) == "Zadie Smith, *Swing Time* (New York: Penguin Press, 2016), 12."
    assert [styled(p) for p in notes[0].more] == [
        "The argument recurs in Rebecca Mead, \u201cThe Prophet of Dystopia,\u201d *New Yorker*, April 17, 2017, 43."]
    assert styled(notes[1].content) == "Smith, *Swing Time*, 9."  # the note before cites two sources
