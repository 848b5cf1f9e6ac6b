"""`make check-page`: does the council's page still say what the bot says? Reads the page (an
address, or a saved HTML file; by default the knowledge base's `page_url`), cuts it into the
sections that `sections` names by their anchors, and compares each section that changed since
staff last reviewed it (`reviewed_sections`, a hash per section) with the knowledge base:
- the bot's facts (years, figures, names of people, organisations and places) that the section
  no longer has, and
- the section's sentences with such facts that the knowledge base lacks.
Exit 0 when no section changed, 1 with a Finnish summary when one did, 2 when the page cannot be
read. `ACCEPT=1` (--accept) records the page's sections as reviewed.

    python -m staff.check_page [--page URL_OR_FILE] [--accept] [--knowledge DIR]"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set

import requests
import snowballstemmer

from bot import knowledge
from bot.paths import ROOT
from staff import kb_files

TIMEOUT = 15  # seconds for the page to answer
# page_url may be a path on the bot's own server; these are served from the widget's folder.
OWN_PAGES = ("/webhooks/widget/", ROOT / "bot" / "web" / "widget")
DEMO_PAGE = OWN_PAGES[1] / "demo.html"  # the bot's copy of the council's page
SETTING = "reviewed_sections"
COMMENT = "  # Written by make check-page ACCEPT=1: the sections as staff last reviewed them."
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIPPED = {"script", "style", "noscript", "template"}
BLOCKS = HEADINGS | {"p", "li", "div", "section", "article", "br", "tr", "td", "dd", "dt"}
_WORD = re.compile(r"\w+")  # "2014-2020" and "CBC-ohjelman" are two words each
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")
_STEMMER = snowballstemmer.stemmer("finnish")
# A stem this long that begins another stem is the same word inflected ("ponnik", "ponnikas").
MIN_PREFIX = 4


class PageError(RuntimeError):
    """The page cannot be read; the message says why in Finnish."""


class _Sections(HTMLParser):
    """The text after each element whose id is a section's anchor (a heading, or a section
    around its text), up to the next such element; headings' own text is the title, kept
    apart; blocks end in a line break."""

    def __init__(self, anchors: Iterable[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors, self.texts = set(anchors), {}  # type: Set[str], Dict[str, List[str]]
        self.current: Optional[str] = None
        self.headings: List[str] = []
        self.skipping = 0  # inside a script, or a heading (the section's title, not its text)

    def handle_starttag(self, tag, attrs) -> None:
        if tag in SKIPPED or tag in HEADINGS:
            self.skipping += 1
        element_id = dict(attrs).get("id")
        if element_id in self.anchors:
            self.current = element_id
            self.texts.setdefault(element_id, [])
        elif tag in BLOCKS:
            self._add("\n")

    def handle_endtag(self, tag) -> None:
        if tag in SKIPPED or tag in HEADINGS:
            self.skipping = max(0, self.skipping - 1)
        if tag in BLOCKS:
            self._add("\n")

    def handle_data(self, data) -> None:
        if not self.skipping:
            self._add(data)
        elif self.lasttag in HEADINGS:
            self.headings.append(data)

    def _add(self, text: str) -> None:
        if self.current:
            self.texts[self.current].append(text)


@dataclass
class Page:
    texts: Dict[str, str]  # {anchor: the section's text, spaces collapsed, a line per block}
    headings: str


def sections(html: str, anchors: Iterable[str]) -> Page:
    parser = _Sections(anchors)
    parser.feed(html)
    return Page(
        {
            anchor: "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n")).strip()
            for anchor, parts in parser.texts.items()
        },
        " ".join(parser.headings),
    )


def digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def read_page(page: str) -> str:
    """The page's HTML from an address, a path on the bot's own server, or a file."""
    if re.match(r"https?://", page):
        try:
            response = requests.get(page, timeout=TIMEOUT)
            response.raise_for_status()
        except requests.RequestException as error:
            raise PageError(f"sivua {page} ei saatu luettua: {error}") from error
        if "charset" not in response.headers.get("content-type", "").casefold():
            # requests would take ISO-8859-1 for text/html; the council's pages are UTF-8.
            return response.content.decode("utf-8", errors="replace")
        return response.text
    prefix, folder = OWN_PAGES
    path = folder / page[len(prefix) :] if page.startswith(prefix) else Path(page)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PageError(f"tiedostoa {path} ei saatu luettua: {error}") from error


def _stem(word: str) -> str:
    return _STEMMER.stemWord(word.casefold())


def _sentences(text: str) -> List[str]:
    return [s for line in text.split("\n") for s in _SENTENCE_END.split(line) if s.strip()]


def _names(texts: Iterable[str]) -> Set[str]:
    """Stems of the words written with a capital inside a sentence: names."""
    return {
        _stem(w)
        for text in texts
        for sentence in _sentences(text)
        for w in _WORD.findall(sentence)[1:]
        if w[0].isupper()
    }


def _facts(text: str, names: Set[str]) -> List[str]:
    """Numbers and names: years, figures, people, organisations and places. A sentence's first
    word counts only as a name written with a capital elsewhere ("Se" and "Tiimi" do not)."""
    found = []
    for sentence in _sentences(text):
        words = _WORD.findall(sentence)
        found += [
            w
            for i, w in enumerate(words)
            if w[0].isdigit() or w[0].isupper() and (i or _stem(w) in names)
        ]
    return found


def _has(stems: Set[str], word: str) -> bool:
    stem = _stem(word)
    if stem in stems:
        return True
    if len(stem) < MIN_PREFIX or stem.isdigit():
        return False
    return any(len(s) >= MIN_PREFIX and (s.startswith(stem) or stem.startswith(s)) for s in stems)


def _stems(texts: Iterable[str]) -> Set[str]:
    return {_stem(w) for text in texts for w in _WORD.findall(text)}


def _own_texts(entry: knowledge.Entry) -> List[str]:
    """An object's Finnish texts and, for a person, the name."""
    return [*entry.texts.values(), *([entry.name] if entry.is_person else [])]


@dataclass
class Change:
    anchor: str
    title: str
    missing: bool = False  # the page has no section with this anchor
    stale: List[str] = field(default_factory=list)  # the bot's facts the section lacks
    new: List[str] = field(default_factory=list)  # the section's sentences the bot lacks


def compare(kb: knowledge.KnowledgeBase, page: Page) -> List[Change]:
    """The sections that changed since they were reviewed, and how."""
    texts = page.texts
    own_texts = [text for e in kb.entries.values() for text in _own_texts(e)]
    known, on_page = _stems(own_texts), _stems([*texts.values(), page.headings])
    names = _names([*own_texts, *texts.values()]) | {
        _stem(w) for e in kb.entries.values() for w in _WORD.findall(e.name) if w[0].isupper()
    }
    changes = []
    for anchor, title in kb.settings.sections.items():
        text = texts.get(anchor)
        if text is not None and kb.settings.reviewed_sections.get(anchor) == digest(text):
            continue
        change = Change(anchor, title, missing=text is None)
        if text is not None:
            # A fact still anywhere on the page is not stale: it may have moved.
            own = [t for e in kb.entries.values() if e.source == anchor for t in _own_texts(e)]
            stale = [w for t in own for w in _facts(t, names) if not _has(on_page, w)]
            change.stale = list(dict.fromkeys(stale))
            change.new = [
                s for s in _sentences(text) if any(not _has(known, w) for w in _facts(s, names))
            ]
        changes.append(change)
    return changes


def summary(changes: List[Change], reviewed: bool) -> str:
    lines = [
        f"Sivu on muuttunut {len(changes)} osiossa sen jälkeen, kun se viimeksi tarkistettiin."
        if reviewed
        else "Sivua ei ole vielä merkitty tarkistetuksi. Osiot verrattuna tietopankkiin:"
    ]
    for change in changes:
        lines.append(f"\n{change.title} (#{change.anchor}):")
        if change.missing:
            lines.append("  - osiota ei enää löydy sivulta; tarkista sen tiedot tietopankista")
        if change.stale:
            lines.append(f"  - botin tiedot, joita sivulla ei enää ole: {', '.join(change.stale)}")
        for sentence in change.new:
            lines.append(f"  - sivulla uutta, botilta puuttuu: »{sentence}»")
        if not (change.missing or change.stale or change.new):
            lines.append("  - teksti muuttui, mutta vuosiluvut, luvut ja nimet ovat ennallaan")
    lines.append(
        "\nPäivitä tietopankki (data/knowledge/) tarvittaessa, ja merkitse sivu tarkistetuksi: "
        "make check-page ACCEPT=1"
    )
    return "\n".join(lines)


def accept(directory: Path, kb: knowledge.KnowledgeBase, texts: Dict[str, str]) -> None:
    """Records each section's hash under settings.reviewed_sections (staff/kb_files.py: as
    text, comments kept, written only if the knowledge base still loads)."""
    name = next(p.name for p in sorted(directory.glob("*.yml")) if "settings:" in kb_files.read(p))
    lines = kb_files.read(directory / name)
    start = next((i for i, line in enumerate(lines) if line.startswith(f"  {SETTING}:")), None)
    if start is not None:
        end = start + 1
        while end < len(lines) and lines[end].startswith("    "):
            end += 1
        if start > 0 and lines[start - 1] == COMMENT:
            start -= 1
        del lines[start:end]
    else:  # after the sections it belongs to
        start = next(i for i, line in enumerate(lines) if line.startswith("  sections:")) + 1
        while start < len(lines) and lines[start].startswith("    "):
            start += 1
    # Quoted: a hash of digits alone would read as a number.
    hashes = [f'    {anchor}: "{digest(texts[anchor])}"' for anchor in kb.settings.sections]
    lines[start:start] = [COMMENT, f"  {SETTING}:", *hashes]
    kb_files.write_checked(directory, {name: lines})


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m staff.check_page",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--page", help="sivun osoite tai tallennettu HTML-tiedosto")
    parser.add_argument("--accept", action="store_true", help="merkitse sivu tarkistetuksi")
    parser.add_argument("--knowledge", type=Path, default=None, help="tietopankin hakemisto")
    args = parser.parse_args(argv)
    directory = args.knowledge or knowledge.knowledge_dir()
    try:
        kb = knowledge.load(directory)
        page = args.page or kb.settings.page_url
        found = sections(read_page(page), kb.settings.sections)
    except (PageError, knowledge.KnowledgeBaseError) as error:
        print(f"Virhe: {error}", file=sys.stderr)
        return 2
    if page.startswith(OWN_PAGES[0]):
        print(
            f"Huom: page_url ({page}) on botin oma kopio sivusta. Anna liiton sivun osoite: "
            "make check-page PAGE=https://…"
        )
    if args.accept:
        missing = [a for a in kb.settings.sections if a not in found.texts]
        if missing:
            print(
                f"Virhe: sivulta {page} puuttuu osioita ({', '.join(missing)}), joten sitä ei "
                "merkitty tarkistetuksi. Tarkista osoite tai asetusten sections.",
                file=sys.stderr,
            )
            return 2
        try:
            accept(directory, kb, found.texts)
        except (kb_files.EditError, OSError) as error:
            print(f"Virhe: {error}", file=sys.stderr)
            return 2
        print(f"Sivu {page} merkitty tarkistetuksi ({len(found.texts)} osiota).")
        return 0
    changes = compare(kb, found)
    if not changes:
        print(f"Sivu {page} on ennallaan: {len(found.texts)} osiota, ei muutoksia.")
        return 0
    print(summary(changes, bool(kb.settings.reviewed_sections)))
    return 1


if __name__ == "__main__":
    sys.exit(main())
