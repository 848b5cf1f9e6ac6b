"""Whose a question asks about: another organisation than Kainuun liitto ("Lapin liiton",
"Oulun kaupungilla", "Region Norrbotten", "the Regional Council of Lapland"), a programme the
knowledge base does not name ("Interreg Aurora -ohjelmassa") or a person it does not name ("Mikä
on Liisa Virtasen tehtävä?"). Each leads to an honest decline (bot.answering.declines), unless the
answer names the same organisation ("Pohjois-Pohjanmaan liiton rooli").
"""

from __future__ import annotations

import re
from typing import Iterable, List, Optional, Sequence, Set, Tuple

from stop_words import get_stop_words

from bot.language.matching import FOLD
from bot.language.questions import fold

# Organisations and posts that another region or town may have too: "Lapin liiton", "Oulun
# kaupungin", "Lapin maakuntajohtaja", "Norrbottenin lääni". The word before names whose.
_OWNED = (
    "liito",
    "liitto",  # not "liitty-": "Barents-yhteistyöhön liittyvissä asioissa" names no one
    "maakuntaliit",
    "kaupun",
    "kunna",
    "kunta",
    "yliopisto",
    "ammattikorkeakoulu",
    "amk",
    "ely-keskus",
    "seurakun",
    "laani",
    "fylke",  # Norway's counties: "Finnmarkin fylke"
    "paamie",
    "maakuntajohtaj",
    "aluekehitysjohtaj",
    "aluekehityspaallik",
    "kaupunginjohtaj",
    "kunnanjohtaj",
)
# Kainuun liitto's own: "Kainuun liiton", "Kainuun maakuntajohtaja".
_OURS = ("liito", "liitto", "maakuntajohtaj", "aluekehitysjohtaj", "aluekehityspaallik")
# Genitives that name no organisation in particular.
_ANY = (
    "maakunt",
    "maakunn",  # "maakunnan liitto": any region's council
    "teida",
    "meida",
    "tama",
    "taman",
    "sen",
    "oman",
    "koko",
    "liiton",
    "eri",
    "muiden",
    "kaikkien",
)
# Organisations that are others' whoever owns them ("ulkoministeriö", "Euroopan komissio").
_OTHERS = (
    "ministerio",
    "komissio",
    "komissaari",
    "ely-keskus",
    "business finland",
    "kela",
    "te-toimisto",
    "yliopisto",
    "ammattikorkeakoulu",
)


_REGION = re.compile(
    r"\bregion (norrbotten|vasterbotten|jamtland|vasternorrland|gavleborg|dalarna|varmland|"
    r"orebro|vastmanland|uppsala|stockholm|sormland|ostergotland|jonkoping|kronoberg|kalmar|"
    r"gotland|blekinge|skane|halland|vastra gotaland)"
)


# Words ending in -n before a noun that name no owner, beyond the stop words: adverbs ("vain
# maakuntajohtajan kanssa"), postpositions ("kenen puoleen liitossa") and pronouns' genitives
# ("jonkun kunnan", "oman liiton").
_NO_OWNERS = {w.casefold().translate(FOLD) for w in get_stop_words("fi")} | {
    "vain",
    "ainoastaan",
    "pelkastaan",
    "lahinna",
    "puoleen",
    "jonkun",
    "jonkin",
    "oman",
    "muun",
    # question words and adverbs the stop words lack ("miten liitto suhtautuu …?")
    "miten",
    "kuten",
    "silloin",
    "ennen",
    "jalkeen",
    "enemman",
    "taysin",
    "millaisen",
    "minkalaisen",
    "kumman",
}


def _names_owner(word: str) -> bool:
    """Whether a folded Finnish word before "liitto", "kaupunki" and the like can name its owner:
    a genitive name ("Lapin", "Oulun", "Finnmarkin"), not an adverb, a pronoun or an
    adjective's genitive ("nykyisen", "kansainvälisen"). Without a dictionary: the action
    server keeps simplemma's (about 400 MB) out."""
    return word not in _NO_OWNERS and not word.endswith("sen")


def organisations(text: str, lang: str = "fi") -> Set[Tuple[str, bool]]:
    """The organisations and posts a text names: with an owner, ("pohjois-pohjanma liit",
    False) for "Pohjois-Pohjanmaan liitto"; by their own word, ("ulkoministerio", True)."""
    tokens = fold(text).split()
    # Sweden's regions are organisations by name: "Region Norrbotten", "Region Norrbottenissa".
    regions = {(f"region {name}", False) for name in _REGION.findall(fold(text))}
    if lang == "en":
        return _english_organisations(tokens) | regions
    found = regions
    for before, owner, noun in zip(["", *tokens], tokens, tokens[1:]):
        kind = next((o for o in _OWNED if noun.startswith(o)), None)
        # A genitive owner ("Lapin"), not an adjective ("norjalainen kaupunki").
        genitive = owner.endswith("n") and not owner.endswith("inen") and _names_owner(owner)
        if not kind or not genitive or len(owner) < 3 or owner.startswith(_ANY):
            continue
        # "Kainuun liiton aluekehityspäällikkö", however the middle word is spelt ("liton").
        ours = owner.startswith("kainu") or before.startswith("kainu") and owner.startswith("li")
        if not (ours and kind in _OURS):
            found.add((f"{owner[:-2]} {kind[:4]}", False))
    found |= {(token[:-2], True) for token in tokens if any(o in token for o in _OTHERS)}
    return found


# English: "the Regional Council of Lapland", "City of Oulu", "Lapland's regional council",
# "Oulu's mayor", "the North Karelia regional council": the owner is the words after "of", the
# ones before a possessive "'s", or the ones just before "regional council" or "city council";
# "North Karelia" stays whole, so that it is not taken for North Ostrobothnia.
_OWNED_EN = ("council", "city", "municipality", "university", "mayor", "county")
_ANY_EN = {
    "kainuu",
    "barents",
    "euregio",
    "your",
    "our",
    "this",
    "that",
    "every",
    "other",
    "which",
    "what",
    "whose",
    "each",
    "all",
    "finnish",
    "different",
    "youth",
    "any",
    "my",
    "the",
    "a",
    "an",
    "regional",
}
# Words that end an owner's name.
_NOT_NAME_EN = {
    "in",
    "and",
    "or",
    "for",
    "to",
    "s",
    "on",
    "at",
    "of",
    "with",
    "is",
    "was",
    "do",
    "does",
    "did",
    "have",
    "has",
    "who",
    "what",
    "about",
    "from",
    "regional",
    "city",
}
_OTHERS_EN = ("ministry", "commission", "embassy", "ely centre", "business finland", "kela")


def _owner(words: Sequence[str]) -> str:
    """The name that `words` start with (at most two words), or "" for none in particular."""
    name = []
    for word in words:
        if word in _NOT_NAME_EN or word == "the" or len(name) == 2:
            break
        name.append(word)
    if not name or any(word in _ANY_EN for word in name) or len(" ".join(name)) < 3:
        return ""
    return " ".join(name)


def _owner_ending(words: Sequence[str]) -> str:
    """The name that `words` end with."""
    return " ".join(reversed(_owner(list(reversed(words))).split()))


def _english_organisations(tokens: List[str]) -> Set[Tuple[str, bool]]:
    found = set()
    for i, token in enumerate(tokens):
        noun = next((o for o in _OWNED_EN if token.startswith(o)), None)
        if noun is None:
            continue
        owners = []
        if tokens[i + 1 : i + 2] == ["of"]:  # "the Regional Council of North Karelia"
            owners.append(_owner([t for t in tokens[i + 2 : i + 5] if t != "the"]))
        before = tokens[max(0, i - 4) : i]
        if "s" in before:  # "Lapland's (regional) council": the name ends before "'s"
            owners.append(_owner_ending(before[: before.index("s")]))
        elif before[-1:] in (["regional"], ["city"]):  # "the North Karelia regional council"
            owners.append(_owner_ending(before[:-1]))
        elif noun == "county":  # "Finnmark county"
            owners.append(_owner_ending(before))
        found |= {(f"{owner} {noun}", False) for owner in owners if owner}

    joined = " ".join(tokens)
    return found | {(other, True) for other in _OTHERS_EN if other in joined}


def other_organisations(
    asked: Iterable[Tuple[str, bool]], answer: str, lang: str = "fi"
) -> Set[Tuple[str, bool]]:
    """Organisations asked about (`organisations` of the question) that the answer does not
    name: those are not ours."""
    in_answer, words = organisations(answer, lang), fold(answer)
    return {
        (key, alone)
        for key, alone in asked
        if not (key in words if alone else (key, alone) in in_answer)
    }


# A programme by its name: "Interreg Aurora -ohjelmassa", "Erasmus+-rahoitusta", "the
# Interreg Aurora programme", "Erasmus+ funding".
_PROGRAMME = {
    "fi": re.compile(r"((?:\b[A-ZÅÄÖ][\w+]*\s+)*[A-ZÅÄÖ][\w+]*)\s?-(?:ohjelm|rahoit)"),
    "en": re.compile(r"((?:\b[A-Z][\w+-]*\s+)+)(?:[Pp]rogramm?e|funding|grant)"),
}


# Endings of nationality words ("Finnish", "Norwegian"), which name no programme.
_NATIONALITY_EN = ("ish", "ian", "ean", "ese")


def other_programmes(question: str, known: Set[str], lang: str = "fi") -> List[str]:
    """Programmes the question names that are not the knowledge base's ("Interreg Aurora"):
    no longer word of the name is among the `known` words of its names ("Kerro Karelia CBC
    -ohjelmasta" names Karelia). A sentence's first word is capitalised anyway ("Onko
    EU-ohjelmia?"): it is no name's, so a name that starts a sentence is not told."""
    unknown = []
    for match in _PROGRAMME[lang].finditer(question):
        words = match.group(1).split()
        before = question[: match.start()].rstrip(" \"'")
        if not before or before[-1] in ".!?":
            words = words[1:]
        long_words = [
            w
            for w in fold(" ".join(words)).split()
            if len(w) >= 4 and w not in _ANY_EN and not w.endswith(_NATIONALITY_EN)
        ]
        if long_words and not any(w in known for w in long_words):
            unknown.append(" ".join(words))
    return unknown


NAME_STEM = 5
# A person's name as visitors write it: two capitalised words ("Liisa Virtasen", "John Smith's").
_FULL_NAME = re.compile(r"\b([A-ZÅÄÖ][a-zåäöéü]+)[ ]([A-ZÅÄÖ][a-zåäöéü]+)\b")
# What asks about a person: who, or a person's role, work or contact details.
_ABOUT_PERSON = {
    "fi": re.compile(
        r"\b(kuka|kenen|keneen|kehen|kenelle)\b|"
        r"\b(tehtav|rooli|vastu|tyo|titteli|asema|yhteystie|virka|nimike|ika)"
    ),
    "en": re.compile(r"\b(who|whom)\b|\b(role|job|responsib|title|position|work|contact|age)"),
}

# Capitalised at a sentence's start, so no name: "Is North Karelia …", "Onko Liisa …".
_SENTENCE_STARTS = {
    "fi": {"mika", "mita", "kuka", "onko", "missa", "miten", "kerro", "ketka", "kenen", "oliko"},
    "en": {"who", "what", "is", "does", "do", "tell", "where", "how", "which", "the", "and"},
}


def unknown_person(question: str, known: Set[str], lang: str = "fi") -> Optional[str]:
    """The name of a person the question asks about whom the knowledge base does not name:
    two capitalised words, neither of them a word of the knowledge base's names (`known`,
    folded) or a question word, in a question about a person's role or work."""
    if not _ABOUT_PERSON[lang].search(fold(question)):
        return None
    owned = _OWNED_EN if lang == "en" else _OWNED
    # Inflected names keep their first letters: "Meikäläisen" for "Meikäläinen".
    stems = {k[:NAME_STEM] for k in known}
    for match in _FULL_NAME.finditer(question):
        words = fold(match.group(0)).split()
        if (
            not any(w[:NAME_STEM] in stems or w in _SENTENCE_STARTS[lang] for w in words)
            and not words[-1].startswith(owned)
            and not words[0].startswith("region")
        ):
            return match.group(0)
    return None
