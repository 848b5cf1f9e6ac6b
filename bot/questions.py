"""What a question asks beyond its topic and kind: a detail the page may not give (an amount, a
date, a count, a name, contact details), or another organisation than Kainuun liitto.

Both lead to an honest decline unless the answer holds what is asked: a figure for an amount or
a count, a year for "minä vuonna", the same organisation for "Pohjois-Pohjanmaan liitto".
Cues are regular expressions on the question, lower-cased and accent-folded ("sahkoposti").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, List, Optional, Set, Tuple

from bot.matching import FOLD

_TOKEN = re.compile(r"\w[\w-]*")


@dataclass(frozen=True)
class Detail:
    """A kind of detail: what asks for it, and what the answer must hold to give it."""

    name: str
    cue: re.Pattern
    evidence: Optional[re.Pattern]  # None: the name of a person not named in the question


def _cue(*patterns: str) -> re.Pattern:
    return re.compile("|".join(patterns))


DETAILS = (
    Detail("amount", _cue(r"\bpaljonko\b", r"kuinka paljon raha", r"rahamaar", r"\bsumm",
                          r"\beuro(a|n|ja)\b", r"budjet", r"\bhinta", r"\bmaksaa", r"kustann",
                          r"avustuksen suuru"),
           re.compile(r"\d[\d\s]*(€|euro|milj)", re.IGNORECASE)),
    Detail("contact_details", _cue(r"sahkopost", r"puheli[nm]", r"\bnumero", r"e-?mail", r"\bmeili",
                                   r"\bsoita", r"osoite", r"osoitte", r"yhteystie"),
           re.compile(r"@|\+?\d[\d\s-]{6,}")),
    Detail("schedule", _cue(r"\bseuraava", r"\bensi (vuon|kerra)", r"aukiolo", r"\baukeaa",
                            r"kellonai", r"paivamaar", r"hakuai", r"\bhaku (paatty|loppu)",
                            r"maaraai", r"deadline", r"mihin mennessa", r"hakemukset",
                            r"\buudelleen\b"),
           re.compile(r"\d{1,2}\.\d{1,2}\.|\bklo\b|(tammi|helmi|maalis|huhti|touko|kesä|heinä|"
                      r"elo|syys|loka|marras|joulu)kuu", re.IGNORECASE)),
    Detail("year", _cue(r"\bmi(na|ta|nka) vuo(nna|den)", r"perustet", r"hyvaksyt"),
           re.compile(r"\b(19|20)\d\d\b")),
    Detail("frequency", _cue(r"\b(kuinka|miten) (usein|useasti|tihea)"),
           re.compile(r"tarvittaessa|säännöllisesti|vuosittain|kerran|\d", re.IGNORECASE)),
    # A count is a number that is not a year ("5 jäsentä", not "vuonna 1999").
    Detail("count", _cue(r"\bmontako", r"\bkuinka mon(ta|e)", r"lukumaar", r"\bmontaa",
                         r"\bmoneen"),
           re.compile(r"\b(?!(?:19|20)\d\d\b)\d+\b")),
    Detail("name", _cue(r"\bnimi", r"\bnimel", r"\bnimens", r"\bnimia\b", r"\bnimet\b",
                        r"\bhenkilot\b", r"\bsijai(nen|sen)\b", r"kuka on .*puheenjohtaja",
                        r"puheenjohtaja nyt", r"nykyi", r"talla hetkella"), None),
    Detail("leader", _cue(r"\b(kuka|ketka)( \w+)? (johtaa|vetaa)", r"\bjohtajana"),
           re.compile(r"johdolla|johtaa|puheenjohtaja|hallitus|ohjaa", re.IGNORECASE)),
)

# Organisations and posts that another region or town may have too: "Lapin liiton", "Oulun
# kaupungin", "Lapin maakuntajohtaja", "Norrbottenin lääni". The word before names whose.
_OWNED = ("liito", "liitt", "maakuntaliit", "kaupun", "kunna", "kunta", "yliopisto",
          "ammattikorkeakoulu", "amk", "ely-keskus", "seurakun", "laani", "paamie",
          "maakuntajohtaj", "aluekehitysjohtaj", "aluekehityspaallik", "kaupunginjohtaj",
          "kunnanjohtaj")
# Kainuun liitto's own: "Kainuun liiton", "Kainuun maakuntajohtaja".
_OURS = ("liito", "liitt", "maakuntajohtaj", "aluekehitysjohtaj", "aluekehityspaallik")
# Genitives that name no organisation in particular.
_ANY = ("maakunt", "teida", "meida", "tama", "taman", "sen", "oman", "koko", "liiton", "eri",
        "muiden", "kaikkien")
# Organisations that are others' whoever owns them ("ulkoministeriö", "Euroopan komissio").
_OTHERS = ("ministerio", "komissio", "komissaari", "ely-keskus", "business finland", "kela",
           "te-toimisto", "yliopisto", "ammattikorkeakoulu")


def fold(text: str) -> str:
    """Lower case without accents, words only: as cues and organisations are written."""
    return " ".join(_TOKEN.findall(text.casefold().translate(FOLD)))


def asked_details(question: str) -> List[Detail]:
    """The details a question asks for, by its words."""
    folded = fold(question)
    return [d for d in DETAILS if d.cue.search(folded)]


def gives(detail: Detail, text: str, question: str, names: Iterable[str] = ()) -> bool:
    """Whether a text holds the detail; `names` are the people's names the knowledge base has."""
    if detail.evidence is None:
        return any(name in text and name not in question for name in names)
    return bool(detail.evidence.search(text))


def unknown_detail(question: str, answer: str, names: Iterable[str] = ()) -> Optional[Detail]:
    """The first detail asked that the answer does not give, if any."""
    return next((d for d in asked_details(question) if not gives(d, answer, question, names)),
                None)


_POINTS_BACK = re.compile(r"\b(se|sen|sita|siina|siihen|siita|tama|taman|tata|tuo|tuon|kyseinen|"
                         r"kyseisen)\b")


def points_back(question: str) -> bool:
    """Whether a question points back to what was talked about ("se verkosto", "tämän")."""
    return bool(_POINTS_BACK.search(fold(question)))


def organisations(text: str) -> Set[Tuple[str, bool]]:
    """The organisations and posts a text names: with an owner, ("pohjois-pohjanma liit",
    False) for "Pohjois-Pohjanmaan liitto"; by their own word, ("ulkoministerio", True)."""
    found = set()
    tokens = fold(text).split()
    for owner, noun in zip(tokens, tokens[1:]):
        kind = next((o for o in _OWNED if noun.startswith(o)), None)
        # A genitive owner ("Lapin"), not an adjective ("norjalainen kaupunki").
        genitive = owner.endswith("n") and not owner.endswith("inen")
        if not kind or not genitive or len(owner) < 3 or owner.startswith(_ANY):
            continue
        if not (owner.startswith("kainu") and kind in _OURS):
            found.add((f"{owner[:-2]} {kind[:4]}", False))
    found |= {(token[:-2], True) for token in tokens if any(o in token for o in _OTHERS)}
    return found


def other_organisations(question: str, answer: str) -> Set[Tuple[str, bool]]:
    """Organisations the question names that the answer does not: those are not ours."""
    in_answer, words = organisations(answer), fold(answer)
    return {(key, alone) for key, alone in organisations(question)
            if not (key in words if alone else (key, alone) in in_answer)}
