"""The lazily read hyphenation patterns give exactly Pyphen's hyphenation points."""
from __future__ import annotations

import re
from pathlib import Path

import pyphen
import pytest

from typeset.text.hyphenate import _PREFERRED, Hyphenator, resolve_language
from typeset.text.patterns import LazyPatterns, dictionaries, open_patterns

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def corpus_words() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.yaml"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / "corpus").glob("*.yaml"))]
    words = sorted(set(re.findall(r"[^\W\d_]{2,}", "\n".join(texts))))
    return words + ["Hyphenation", "ÉTÉ", "naïve", "Straße", "Zusammenarbeit", "électricité", "интернационал"]


@pytest.mark.parametrize("language", ["en_US", "en_GB", "de_DE", "fr", "nl_NL", "ru_RU", "it_IT", "pt_PT"])
def test_lazy_patterns_equal_pyphen(language: str) -> None:
    ours = LazyPatterns(Path(pyphen.LANGUAGES[language]), 2, 3)
    theirs = pyphen.Pyphen(lang=language, left=2, right=3)
    words = corpus_words()
    assert len(words) > 500
    assert [ours.positions(w) for w in words] == [theirs.positions(w) for w in words]


def test_dictionaries_with_nonstandard_hyphenation_are_left_to_pyphen() -> None:
    assert isinstance(open_patterns("hu_HU", 2, 2), pyphen.Pyphen)  # has ^^hh or /...=... entries
    assert isinstance(open_patterns("en_US", 2, 3), LazyPatterns)


def test_hyphenator_reads_patterns_only_when_a_word_is_hyphenated() -> None:
    h = Hyphenator("en")
    assert h.available and h._dic is None
    assert h.positions("dog") == ()  # too short: nothing read
    assert h._dic is None
    assert h.positions("international") == (2, 5, 7)
    assert h._dic is not None


def test_every_dictionary_read_lazily_keeps_the_lines_pyphen_keeps() -> None:
    """Dropping the leading comment and hyphen-minimum lines, then the expression over what is
    left only when needed, keeps the same words as the expression over the whole body."""
    from typeset.text.patterns import _SKIPPED, _needs_pyphen, _patterns_only

    read = 0
    for path in sorted({Path(p) for p in pyphen.LANGUAGES.values()}):
        if _needs_pyphen(path):
            continue
        body = path.read_bytes().partition(b"\n")[2]
        assert _patterns_only(body).split() == _SKIPPED.sub(b"", body).split(), path.name
        read += 1
    assert read > 40
    tricky = b"LEFTHYPHENMIN 2\n\n  % note\n.ab1c\n% inside\n#x\n  RIGHTHYPHENMIN 3\nd2e\n"
    assert _patterns_only(tricky).split() == [b".ab1c", b"d2e"]
    assert _patterns_only(b"% only\n") == b"" and _patterns_only(b"") == b""


def test_dictionaries_are_pyphens_languages() -> None:
    assert dictionaries() == {name: Path(path) for name, path in pyphen.LANGUAGES.items()}
    assert list(dictionaries()) == list(pyphen.LANGUAGES)


@pytest.mark.parametrize("code", ["en", "en_GB", "EN_us", "de_AT", "de_CH", "pt_BR", "sr_Latn", "sr", "zz", "nb_NO",
                                  "fr_CA", "en_US_POSIX", "xx_YY"])
def test_languages_fall_back_as_pyphen(code: str) -> None:
    expected = _PREFERRED.get(code) or pyphen.language_fallback(code)
    assert resolve_language(code) == expected
