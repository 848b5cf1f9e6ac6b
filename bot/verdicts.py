"""Yes or no for a yes/no question whose answer settles it (issue 25), only for the plainest
shapes, since a wrong "Kyllä" is worse than none:

- Where something is: "Onko sihteeristö Ruotsissa?", "Is the EU office in Helsinki?". The
  answer's first sentence, without the knowledge base's names ("Itä- ja Pohjois-Suomen
  EU-toimisto" is no place), must name a place of the same kind: a city for a city, a country
  (or a city in it) for a country.
- A member region: "Kuuluuko Lappi Euregio Kareliaan?", against the listed members of the
  object answered; "no" only when members of the region's country are listed (the Barents list
  names the Finnish ones only).

The question must say nothing else: besides the names, the place or the region, only words of
the shape ("onko", "kuuluuko", "mukana", "is", "the", "member of"). "…muualla kuin Suomessa?",
"…vain Lappi?", "…yhä mukana?", "…vuonna 1990?" or "työntekijöitä Suomessa" get no verdict,
nor does an either-or question.

- Part of something: "Onko Barents Games osa virallista yhteistyötä?" gets "no" when the
  answer's first sentence says the thing stands apart ("erillisenä toimiva", "separately from")
  from what the question names: its words stand beside "erillisenä". A yes by shared words
  alone was tried and withdrawn: tense ("Jatkuuko Venäjä-yhteistyö?" against a sentence about
  the years before 2022), word order and another person's post all read as a restatement.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

from bot.knowledge import Entry, KnowledgeBase
from bot.passages import Wording
from bot.questions import fold

# Places a visitor may name, by a folded stem of their names in each language, with their
# country (ISO code); a country is its own country.
_PLACES: Dict[str, Tuple[str, Dict[str, str]]] = {
    "fi": ("fi", {"fi": r"suom", "en": r"finland"}),
    "se": ("se", {"fi": r"ruotsi", "en": r"sweden"}),
    "no": ("no", {"fi": r"norja", "en": r"norway"}),
    "ru": ("ru", {"fi": r"venaj", "en": r"russia"}),
    "ee": ("ee", {"fi": r"viro", "en": r"estonia"}),
    "is": ("is", {"fi": r"islann|islant", "en": r"iceland"}),
    "dk": ("dk", {"fi": r"tanska", "en": r"denmark"}),
    "de": ("de", {"fi": r"saksa", "en": r"germany"}),
    "be": ("be", {"fi": r"belgia", "en": r"belgium"}),
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
# The only words besides the names and the claim that a settled question may have.
_SHAPE_WORDS = {
    "fi": {"onko", "onks", "sijaitseeko", "toimiiko", "kuuluuko", "kuuluuks", "mukana", "se"}
    | {"ne", "jasen", "jasenena", "jasenalue", "jasenalueena", "jasenalueista", "osa", "yksi"}
    | {"ees", "edes", "siina", "siihen", "siella", "oikeasti", "oikeesti"},
    "en": {"is", "are", "it", "the", "located", "based", "situated", "in", "at", "does"}
    | {"belong", "belongs", "to", "a", "an", "member", "members", "of", "part", "region"}
    | {"regions", "one"},
}
# The shortest stem that counts as the start of another (_alike).
MIN_ALIKE = 4
# English adjectives of the countries whose regions the knowledge base lists.
_ADJECTIVES = {"fi": "finnish", "se": "swedish", "no": "norwegian", "ru": "russian"}
# A sentence that says a thing stands apart answers "is it part of …?" with no.
_APART = {"fi": re.compile(r"(erillis|erillaan|riippumat)"), "en": re.compile(r"separate")}
# Words on either side of "erillisenä" that say what the thing stands apart from.
APART_WINDOW = 4
_PART = {"fi": re.compile(r"\b(osa|kuulu)"), "en": re.compile(r"\b(part|belong)")}
# Where something is: a Finnish locative ending, "in" or "at" before an English name.
_LOCATED = {"fi": r"\b({stem})\w*(ssa|lla)\b", "en": r"\b(in|at) ({stem})\b"}
_EITHER = {"fi": re.compile(r"\bvai\b"), "en": re.compile(r"\bor\b")}


def _places(text: str, lang: str) -> Dict[str, str]:
    """The places a folded text names (place: country)."""
    return {
        place: country
        for place, (country, stems) in _PLACES.items()
        if re.search(rf"\b({stems[lang]})\w*", text)
    }


def _only_shape(words: Sequence[str], claim: str, lang: str) -> bool:
    """Whether the question's words, the claim's left out, are only words of the shape."""
    return all(w in _SHAPE_WORDS[lang] for w in words if not re.fullmatch(claim, w))


def _place(words: Sequence[str], asked: str, text: str, lang: str) -> Optional[bool]:
    claimed = [
        (place, country, stems[lang])
        for place, (country, stems) in _PLACES.items()
        if re.search(_LOCATED[lang].format(stem=stems[lang]), asked)
    ]
    if len(claimed) != 1 or not _only_shape(words, rf"({claimed[0][2]})\w*", lang):
        return None
    place, country, _ = claimed[0]
    named = _places(text, lang)
    if place == country:  # a country: said by its name or by a city in it
        countries = set(named.values())
        return country in countries if countries else None
    cities = {p for p, c in named.items() if p != c}
    return place in cities if cities else None


def _member(
    kb: KnowledgeBase,
    words: Sequence[str],
    regions: Sequence[str],
    entry: Optional[Entry],
    lang: str,
) -> Optional[bool]:
    if len(regions) != 1 or entry is None:
        return None
    region, members = kb.entries[regions[0]], kb.member_entries(entry)
    names = "|".join(re.escape(w) for n in region.names for w in fold(n).split())
    # "one of the Finnish member regions": the region's own country may be named.
    names += "".join(f"|{stem}" for stem in _country_words(region.country, lang))
    if not names or not _only_shape(words, rf"({names})\w*", lang):
        return None
    if region in members:
        return True
    return False if any(m.country == region.country for m in members) else None


def _country_words(country: Optional[str], lang: str) -> List[str]:
    """Stems that name a country in a language: "suom", "finland", "finnish"."""
    if country not in _PLACES:
        return []
    adjective = _ADJECTIVES.get(country, "") if lang == "en" else ""
    return [_PLACES[country][1][lang], *filter(None, [adjective])]


def _alike(one: str, other: str) -> bool:
    """Stems of one word: Snowball cuts "virallista" to "viral" and "virallisesta" to
    "virallis", so one stem starting the other (of at least MIN_ALIKE letters) counts."""
    short, long = sorted((one, other), key=len)
    return one == other or long.startswith(short) and len(short) >= MIN_ALIKE


def apart(wording: Wording, question: str, sentence: str, lang: str) -> Optional[bool]:
    """No when a yes/no question asks whether a thing is part of something ("Onko Barents
    Games osa virallista yhteistyötä?") and the sentence says it stands apart from just that:
    every content word of the question (its names left out) stands within APART_WINDOW words
    of "erillisenä" or "separately"; else None. Both texts without the knowledge base's names."""
    asked = fold(question)
    if not _PART[lang].search(asked) or _EITHER[lang].search(asked) or wording.negates(question):
        return None
    needed = {w.lemma for w in wording.content_words(question) if w.form not in _SHAPE_WORDS[lang]}
    if not needed:
        return None
    words = fold(sentence).split()
    for at in (i for i, word in enumerate(words) if _APART[lang].match(word)):
        near = " ".join(words[max(at - APART_WINDOW, 0) : at + APART_WINDOW + 1])
        stems = {w.lemma for w in wording.content_words(near)}
        if all(any(_alike(n, s) for s in stems) for n in needed):
            return False
    return None


def verdict(
    kb: KnowledgeBase,
    unnamed: str,
    regions: Sequence[str],
    first_sentence: str,
    entry: Optional[Entry],
    lang: str,
) -> Optional[bool]:
    """True (yes), False (no) or None (not settled) for a yes/no question, given its asking
    sentences with the knowledge base's names blanked (`unnamed`) and the regions they name,
    answered about `entry`, whose first sentence is given without the knowledge base's names."""
    asked = fold(unnamed)
    if _EITHER[lang].search(asked):
        return None
    words = asked.split()
    for found in (
        _member(kb, words, regions, entry, lang),
        _place(words, asked, fold(first_sentence), lang),
    ):
        if found is not None:
            return found
    return None
