"""Deterministic test briefs for the benchmarks: like the seed, but of any length.

    .venv/bin/python bench/generate.py [--out bench/out] [--pages 5 100 500]

Body text comes from a word-bigram chain trained on the seed brief and the
corpus briefs (so word lengths, punctuation and hyphenation behave like real
English prose, not like lorem ipsum); notes are citations built from the
publications, names and web sites those briefs cite, with realistic URLs,
plus a few commentary notes longer than half a page, which must split across
pages. A fixed seed makes every run write the same bytes, so timings of
different commits compare like with like.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "bench" / "out"
SEED_EXAMPLE = ROOT / "examples" / "us-japan-alliance.yaml"
SEED = 20240528

# Calibrated against the issi-brief layout: body words per page once the
# page's share of notes (~4 notes, ~9 lines of 10 pt) is taken out.
WORDS_PER_PAGE = 310
HEADER_PAGES = 0.6  # the header block fills most of the first page
NOTES_PER_PAGE = 4
LONG_NOTE_EVERY = 25  # pages per note longer than half a page (none in short briefs)
LONG_NOTE_WORDS = (520, 640)  # half an A4 note area is ~28 lines of ~14 words

_MARKUP = re.compile(r"\[\^[^\]]*\]|\^\[[^\]]*\]|<https?://[^>]*>|https?://\S+|[*\\]")
_NOTE_DIGITS = re.compile(r"(?<=[A-Za-z.,;:\"”’')])(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)(?=\s|$)")
_BAD_WORD = re.compile(r"[\[\]<>^_|{}#~`$]")
_CITATION = re.compile(r"https?:|,[\"”] |^\W")  # a note's text in the extracted seed, not prose
_ENDS_SENTENCE = re.compile(r"[.?!][\"”’')]?$")


@dataclass
class Sources:
    """What the generator samples from, in a fixed order."""

    paragraphs: list[str] = field(default_factory=list)
    publications: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


def _brief_files() -> list[Path]:
    files = sorted((SHARED / "corpus").glob("*.yaml"))
    return ([SEED_EXAMPLE] if SEED_EXAMPLE.is_file() else []) + files


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key in node:
            yield from _strings(node[key])
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def _clean(text: str) -> str:
    text = _NOTE_DIGITS.sub("", _MARKUP.sub("", text))
    return " ".join(w for w in text.split() if not _BAD_WORD.search(w))


def load_sources() -> Sources:
    """Prose, publications, author names and domains from the seed and the corpus briefs."""
    src = Sources()
    seen: dict[str, None] = {}
    for path in _brief_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        src.paragraphs += [_clean(s) for s in _strings(data.get("sections", [])) if len(s) > 80]
        for note in _strings(data.get("footnotes", {})):
            src.publications += re.findall(r"\*([A-Z][^*]{3,60})\*", note)
            src.domains += re.findall(r"https?://(?:www\.)?([a-z0-9.-]+\.[a-z]{2,})/", note)
            match = re.match(r"([A-Z][a-z]+(?: [A-Z]\.)? [A-Z][A-Za-z-]+)(?: and [^,]+)?,", note)
            if match:
                src.names.append(match.group(1))
        for a in data.get("authors") or []:
            if isinstance(a, dict) and isinstance(a.get("name"), str):
                src.names.append(a["name"])
    seed_txt = sorted((SHARED / "seeds").glob("*.txt"))
    for path in seed_txt:
        src.paragraphs += [_clean(line) for line in path.read_text(encoding="utf-8").splitlines()
                           if len(line) > 200 and not _CITATION.search(line)]
    for name in ("publications", "domains", "names"):
        values = [v for v in getattr(src, name) if v not in seen and not seen.setdefault(v)]
        setattr(src, name, values or list(_FALLBACK[name]))
    src.paragraphs = [p for p in src.paragraphs if len(p.split()) > 12] or list(_FALLBACK["paragraphs"])
    return src


_FALLBACK: dict[str, Sequence[str]] = {
    "paragraphs": ["The two countries announced a series of strategic initiatives aimed at enhancing "
                   "defence and security collaboration, fostering technological innovation and "
                   "fortifying economic resilience across the region."],
    "publications": ["Foreign Affairs", "Financial Times", "The White House"],
    "domains": ["foreignaffairs.com", "ft.com", "whitehouse.gov"],
    "names": ["Jeffrey W. Hornung", "Kana Inagaki"],
}


class Prose:
    """A word-bigram chain: English-like sentences with the corpus's words and punctuation."""

    def __init__(self, paragraphs: Sequence[str], rng: random.Random) -> None:
        self.rng = rng
        self.next: dict[str, list[str]] = {}
        self.starts: list[str] = []
        for p in paragraphs:
            words = p.split()
            for k, w in enumerate(words):
                if (k == 0 or _ENDS_SENTENCE.search(words[k - 1])) and w[:1].isupper():
                    self.starts.append(w)
                if k + 1 < len(words):
                    self.next.setdefault(w, []).append(words[k + 1])
        self.words = [w for p in paragraphs for w in p.split()]

    def sentence(self, lo: int = 9, hi: int = 34) -> str:
        for _ in range(50):
            words = [self.rng.choice(self.starts)]
            while len(words) < hi:
                if _ENDS_SENTENCE.search(words[-1]) and len(words) >= lo:
                    return " ".join(words)
                followers = self.next.get(words[-1])
                words.append(self.rng.choice(followers) if followers else self.rng.choice(self.words))
        return " ".join(words).rstrip(",;:") + "."

    def phrase(self, lo: int, hi: int) -> str:
        """A title-like phrase: a sentence cut short, without its final punctuation."""
        words = self.sentence(lo, hi + 12).split()[: self.rng.randint(lo, hi)]
        return " ".join(words).rstrip(".,;:?!\"”’'")

    def words_of(self, n: int) -> str:
        out: list[str] = []
        while sum(len(s.split()) for s in out) < n:
            out.append(self.sentence())
        return " ".join(out)


class Notes:
    """Footnote texts shaped like the citations in the seed and the corpus."""

    MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")

    def __init__(self, src: Sources, prose: Prose, rng: random.Random) -> None:
        self.src, self.prose, self.rng = src, prose, rng
        self.cited: list[tuple[str, str]] = []  # (author surname, title) for short forms

    def url(self, title: str, year: int, month: int) -> str:
        r = self.rng
        domain = r.choice(self.src.domains)
        host = domain if domain.count(".") > 1 else "www." + domain
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:90]
        kind = r.random()
        if kind < 0.4:
            path = f"news/{year}/{month:02d}/{r.randint(1, 28):02d}/{slug}/"
        elif kind < 0.7:
            path = f"{r.choice(('article', 'content', 'briefing-room', 'analysis'))}/{slug}"
        elif kind < 0.85:
            path = f"content/{r.getrandbits(32):08x}-{r.getrandbits(16):04x}-{r.getrandbits(16):04x}"
        else:
            path = f"wp-content/uploads/{year}/{month:02d}/{slug[:40].title()}.pdf"
        return f"https://{host}/{path}"

    def citation(self) -> str:
        r = self.rng
        name = r.choice(self.src.names)
        title = self.prose.phrase(5, 12).title()
        year, month = r.randint(2019, 2026), r.randint(1, 12)
        date = f"{self.MONTHS[month - 1]} {r.randint(1, 28)}, {year}"
        self.cited.append((name.split()[-1], title))
        return f'{name}, "{title}," *{r.choice(self.src.publications)}*, {date}, <{self.url(title, year, month)}>.'

    def short(self) -> str:
        if not self.cited:
            return self.citation()
        surname, title = self.rng.choice(self.cited[-12:])
        return f'{surname}, "{" ".join(title.split()[:4])}."'

    def publication(self) -> str:
        return self.rng.choice(self.src.publications)

    def comment(self, words: int) -> str:
        return self.prose.words_of(words)

    def any(self) -> str:
        k = self.rng.random()
        if k < 0.62:
            return self.citation()
        if k < 0.80:
            return self.short()
        if k < 0.88:
            return "Ibid."
        return self.comment(self.rng.randint(18, 60))

    def long(self) -> str:
        """A commentary note longer than half a page, ending with a source."""
        lo, hi = LONG_NOTE_WORDS
        return f"{self.comment(self.rng.randint(lo, hi))} See {self.citation()}"


def brief_data(pages: int, seed: int = SEED) -> dict[str, Any]:
    """A brief of about `pages` pages (issi-brief layout) as plain YAML data."""
    rng = random.Random(seed * 1000 + pages)
    src = load_sources()
    prose = Prose(src.paragraphs, rng)
    notes = Notes(src, prose, rng)
    total_words = int(WORDS_PER_PAGE * (pages - HEADER_PAGES))
    n_notes = NOTES_PER_PAGE * pages
    n_long = pages // LONG_NOTE_EVERY
    long_at = set(rng.sample(range(n_notes), n_long)) if n_long else set()
    mark_p = n_notes / (total_words / 20)  # chance that a sentence (~20 words) ends with a mark
    footnotes: dict[str, str] = {}
    words = 0

    def inline(text_words: int) -> str:
        nonlocal words
        out: list[str] = []
        count = 0
        while count < text_words:
            s = prose.sentence()
            count += len(s.split())
            if rng.random() < 0.05:  # an emphasised title, as the corpus has
                s = f"{s[:-1]}, as *{notes.publication()}* put it{s[-1]}"
            if len(footnotes) < n_notes and rng.random() < mark_p:
                key = f"n{len(footnotes) + 1}"
                footnotes[key] = notes.long() if len(footnotes) in long_at else notes.any()
                s += f"[^{key}]"
            out.append(s)
        words += count
        return " ".join(out)

    sections: list[dict[str, Any]] = []
    while words < total_words:
        content: list[Any] = []
        for n in range(rng.randint(3, 7)):
            if words >= total_words:
                break
            k = rng.random() if n else 1.0  # a section opens with a paragraph
            if k < 0.08:
                content.append({"list": rng.choice(("numbered", "bullet")),
                                "items": [inline(rng.randint(6, 24)) for _ in range(rng.randint(3, 5))]})
            elif k < 0.12:
                content.append({"quote": inline(rng.randint(30, 70))})
            else:
                content.append(inline(rng.randint(60, 190)))
        section: dict[str, Any] = {"heading": prose.phrase(3, 8).title(), "content": content}
        if rng.random() < 0.3 and words < total_words:
            section["sections"] = [{"heading": prose.phrase(2, 6).title(),
                                    "content": [inline(rng.randint(60, 160)) for _ in range(rng.randint(1, 3))]}]
        sections.append(section)
    while len(footnotes) < n_notes:  # top up so the count is exact
        key = f"n{len(footnotes) + 1}"
        footnotes[key] = notes.long() if len(footnotes) in long_at else notes.any()
        sections[-1]["content"].append(prose.sentence() + f"[^{key}]")
    return {
        "layout": "issi-brief",
        "language": "en",
        "series": "Issue Brief",
        "title": prose.phrase(4, 8).title(),
        "date": "2024-05-28",
        "authors": [{"name": rng.choice(src.names), "role": "Research Assistant",
                     "affiliation": "China-Pakistan Study Centre (CPSC), ISSI"}],
        "editors": ["Dr Talat Shabbir"],
        "publisher": {"name": "Institute of Strategic Studies Islamabad", "web": "www.issi.org.pk",
                      "phone": "+92-51-9204423, 24", "fax": "+92-51-9204658"},
        "disclaimer": "Views expressed in the brief are those of the author, and do not represent those of ISSI",
        "sections": sections,
        "footnotes": footnotes,
    }


def write_brief(pages: int, out: Path = OUT, seed: int = SEED) -> Path:
    """Write `brief-NNN.yaml` into `out` (created if needed) and return its path."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"brief-{pages:03d}.yaml"
    text = yaml.safe_dump(brief_data(pages, seed), sort_keys=False, allow_unicode=True, width=100)
    header = f"# Generated by bench/generate.py (seed {seed}, about {pages} pages); do not edit.\n"
    data = (header + text).encode("utf-8")
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
    return path


_NOTE_REF = re.compile(r"(?<!\\)\[\^([^\]]+)\]")


def _renamed(node: Any, suffix: str) -> Any:
    """`node` with every footnote reference `[^id]` renamed to `[^id<suffix>]`."""
    if isinstance(node, str):
        return _NOTE_REF.sub(lambda m: f"[^{m.group(1)}{suffix}]", node)
    if isinstance(node, dict):
        return {k: _renamed(v, suffix) for k, v in node.items()}
    if isinstance(node, list):
        return [_renamed(v, suffix) for v in node]
    return node


def repeated_data(copies: int, source: Path = SEED_EXAMPLE) -> dict[str, Any]:
    """The seed example with its body (sections and notes) repeated `copies` times.

    Real prose and real notes at any length: the other shape of brief the
    benchmark scales on, beside the generated ones. Note ids get a suffix per
    copy, so every note is still referenced exactly once.
    """
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    sections: list[Any] = []
    footnotes: dict[str, Any] = {}
    for k in range(copies):
        suffix = f"-c{k + 1}" if k else ""
        sections += _renamed(data.get("sections") or [], suffix)
        footnotes.update({f"{key}{suffix}": _renamed(text, suffix)
                          for key, text in (data.get("footnotes") or {}).items()})
    return {**data, "sections": sections, "footnotes": footnotes}


def write_repeated(copies: int, out: Path = OUT) -> Path:
    """Write `seed-xNNN.yaml` (the seed example's body `copies` times) into `out`; return its path."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"seed-x{copies:03d}.yaml"
    text = yaml.safe_dump(repeated_data(copies), sort_keys=False, allow_unicode=True, width=100)
    header = f"# Generated by bench/generate.py (the seed example's body {copies} times); do not edit.\n"
    data = (header + text).encode("utf-8")
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write into (default bench/out)")
    parser.add_argument("--pages", type=int, nargs="+", default=[5, 100, 500], help="target page counts")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--repeat", type=int, nargs="*", default=[], metavar="N",
                        help="also write the seed example's body repeated N times (seed-xNNN.yaml)")
    args = parser.parse_args(argv)
    for pages in args.pages:
        print(write_brief(pages, args.out, args.seed))
    for copies in args.repeat:
        print(write_repeated(copies, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
