"""Yes or no for a yes/no question whose answer settles it (issue 25): a place, a year or a
member that the question names, against those that the answer's first sentence names, or the
member list of what it asks about. Anything else gets no verdict, and the passage speaks for
itself: a wrong "Kyllä" is worse than none.

- A place: "Onko sihteeristö Ruotsissa?" (a place in the locative, "in Sweden"), or a country
  taking part ("Onko Viro mukana …?", "Is Estonia part of …?"). The answer's first sentence,
  without the knowledge base's names ("Itä- ja Pohjois-Suomen EU-toimisto" is no place), must
  name a place of the same kind: a city for a city, a country (or a city in it) for a country.
- A year: "vuonna 1996", "in 1996", against the years and year ranges of that sentence (a year
  inside a range is no start or end of it: not settled).

An either-or question ("…, vai …?") gets none.
- A member region: "Kuuluuko Lappi Euregio Kareliaan?" against the listed members of the
  object answered; "no" only when members of the region's country are listed (the Barents
  list names the Finnish ones only).
"""

from __future__ import annotations

import re
from typing import Dict, Optional, Sequence, Tuple

from bot.knowledge import Entry, KnowledgeBase
from bot.matching import FOLD

# Places a visitor may name, by a folded stem of their names in each language, with their
# country (ISO code); a country is its own country.
_PLACES: Dict[str, Tuple[str, Dict[str, str]]] = {
    "fi": ("fi", {"fi": r"suom", "en": r"finland|finnish"}),
    "se": ("se", {"fi": r"ruotsi", "en": r"swed"}),
    "no": ("no", {"fi": r"norja", "en": r"norw"}),
    "ru": ("ru", {"fi": r"venaj", "en": r"russia"}),
    "ee": ("ee", {"fi": r"viro", "en": r"eston"}),
    "is": ("is", {"fi": r"islann|islant", "en": r"iceland"}),
    "dk": ("dk", {"fi": r"tanska", "en": r"denmark|danish"}),
    "de": ("de", {"fi": r"saksa", "en": r"german"}),
    "be": ("be", {"fi": r"belgia", "en": r"belgi"}),
    "brussels": ("be", {"fi": r"brysse", "en": r"brussels"}),
    "kirkenes": ("no", {"fi": r"kirkkonie", "en": r"kirkenes"}),
    "tromso": ("no", {"fi": r"tromss|tromso", "en": r"tromso"}),
    "oslo": ("no", {"fi": r"oslo", "en": r"oslo"}),
    "stockholm": ("se", {"fi": r"tukholm", "en": r"stockholm"}),
    "lulea": ("se", {"fi": r"luulaj", "en": r"lulea"}),
    "helsinki": ("fi", {"fi": r"helsin", "en": r"helsinki"}),
    "oulu": ("fi", {"fi": r"oulu", "en": r"oulu"}),
    "kajaani": ("fi", {"fi": r"kajaan|kajaani", "en": r"kajaani"}),
    "rovaniemi": ("fi", {"fi": r"rovanie", "en": r"rovaniemi"}),
    "joensuu": ("fi", {"fi": r"joensuu", "en": r"joensuu"}),
    "murmansk": ("ru", {"fi": r"murmansk", "en": r"murmansk"}),
    "moscow": ("ru", {"fi": r"moskov", "en": r"moscow"}),
    "petrozavodsk": ("ru", {"fi": r"petrosko", "en": r"petrozavodsk"}),
}
# Taking part: "Onko Viro mukana …?", "Kuuluuko Lappi …?", "Is Estonia a member of …?".
_TAKES_PART = {
    "fi": re.compile(r"\b(mukana|kuulu\w*|jasen\w*|osallistu\w*)\b"),
    "en": re.compile(r"\b(members?|part of|takes? part|belong\w*|involved|participat\w*)\b"),
}
_YEAR_ASKED = {"fi": r"\bvuonna ((?:19|20)\d\d)\b", "en": r"\bin ((?:19|20)\d\d)\b"}
# Either-or: "Onko sillä oma toimisto, vai kuuluuko se …?" asks which, not yes or no.
_EITHER = {"fi": re.compile(r"\bvai\b"), "en": re.compile(r"\bor\b")}
_YEARS = re.compile(r"\b((?:19|20)\d\d)(?:\s*[–-]\s*((?:19|20)\d\d))?\b")


def _fold(text: str) -> str:
    return text.casefold().translate(FOLD)


def _places(text: str, lang: str, located: bool = False) -> Dict[str, str]:
    """The places a text names (place: country); `located`: only as where something is
    ("Ruotsissa", "in Sweden")."""
    found = {}
    for place, (country, stems) in _PLACES.items():
        stem = rf"\b(?:{stems[lang]})\w*"
        if located:
            stem = rf"{stem}(?:ssa|lla)\b" if lang == "fi" else rf"\b(?:in|at) (?:the )?{stem}"
        if re.search(stem, text):
            found[place] = country
    return found


def _place(asked: str, text: str, lang: str) -> Optional[bool]:
    claimed = _places(asked, lang, located=True)
    if not claimed and _TAKES_PART[lang].search(asked):
        claimed = {p: c for p, c in _places(asked, lang).items() if p == c}  # a country
    if len(claimed) != 1:
        return None
    place, country = next(iter(claimed.items()))
    named = _places(text, lang)
    if place == country:  # a country: said by its name or by a city in it
        countries = set(named.values())
        return country in countries if countries else None
    cities = {p for p, c in named.items() if p != c}
    return place in cities if cities else None


def _year(asked: str, text: str, lang: str) -> Optional[bool]:
    claimed = re.search(_YEAR_ASKED[lang], asked)
    spans = [(int(a), int(b or a)) for a, b in _YEARS.findall(text)]
    if not claimed or not spans:
        return None
    year = int(claimed.group(1))
    if any(year in span for span in spans):
        return True
    # Inside a range ("1974–1983") it is no start or end: "began in 1980?" is not settled.
    return None if any(start < year < end for start, end in spans) else False


def _member(
    kb: KnowledgeBase, regions: Sequence[str], entry: Optional[Entry], asked: str, lang: str
) -> Optional[bool]:
    if len(regions) != 1 or entry is None or not _TAKES_PART[lang].search(asked):
        return None
    region, members = kb.entries[regions[0]], kb.member_entries(entry)
    if region in members:
        return True
    return False if any(m.country == region.country for m in members) else None


def verdict(
    kb: KnowledgeBase,
    asked: str,
    regions: Sequence[str],
    first_sentence: str,
    entry: Optional[Entry],
    lang: str,
) -> Optional[bool]:
    """True (yes), False (no) or None (the answer does not settle it) for a yes/no question
    (`asked`, the region ids it names) answered about `entry`, whose first sentence is given
    without the knowledge base's names."""
    asked, text = _fold(asked), _fold(first_sentence)
    if _EITHER[lang].search(asked):
        return None
    for found in (
        _member(kb, regions, entry, asked, lang),
        _place(asked, text, lang),
        _year(asked, text, lang),
    ):
        if found is not None:
            return found
    return None
