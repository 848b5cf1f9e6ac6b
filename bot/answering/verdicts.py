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
the shape ("onko", "kuuluuko", "mukana", "is", "the", "member of") and words the sentence says.
"…muualla kuin Suomessa?", "…vain Lappi?", "…yhä mukana?", "…vuonna 1990?" or "työntekijöitä
Suomessa" get no verdict, nor does an either-or question.

- Part of something: "Onko Barents Games osa virallista yhteistyötä?" gets "no" when the
  answer's first sentence says the thing stands apart ("erillisenä toimiva", "separately from")
  from what the question names: its words stand beside "erillisenä".
- A person's responsibility, only in its bare shape: "Vastaako A B-yhteistyöstä?", "Is A
  responsible for B cooperation?" (present tense, the person first, the thing named as a
  cooperation or affairs, nothing else asked) is yes when A's post names B, no when B has
  contacts of its own, A is not one of them and A's post covers neither B nor the whole
  (the regional mayor's "overall responsibility"). A general yes by restating the claim was
  tried again and withdrawn: a review found wrong "Kyllä" in word order ("Raportoiko
  johtoryhmä tiimille?"), clauses mixed ("aluetasolla ministeriöiden kesken") and grading
  words ("tärkein" for "tärkeä").
- A year restated: "Rakennettiinko X vuosina Y–Z?" gets "yes" when the sentence names just
  those years and says the rest of the question; never "no" by a year, since a sentence's
  years may bound a span ("since Y") that the question's year lies in.
- Places restated: "Onko X maiden A ja B rajalla?" against "X on maiden A ja C rajalla": as
  many places (at least two) on both sides, one swapped, is "no"; the same places "yes".

Besides the words of the shape, the question may have words that the deciding text says
("Kuuluuko A niihin maakuntiin, joiden etuja X valvoo?" against a list labelled "X valvoo
näiden maakuntien etuja"), but no word that narrows or turns the claim ("vain", "yhä", "still").
"""

from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from bot.answering.passages import Wording
from bot.knowledge import Entry, KnowledgeBase
from bot.language.matching import Word
from bot.language.questions import fold

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
# A question that asks where something is opens with a verb of being or lying somewhere; one
# with a figure ("made up of N regions in <country>?") claims more than a place.
_ASKS_WHERE = {
    "fi": re.compile(
        r"((enta|ja) )?(onko|onks|ovatko|oliko|olivatko|sijaitse\w*ko|toimi\w*ko|loytyyko)\b"
    ),
    "en": re.compile(r"((and|so) )?(is|are|was|were)\b(?!.*\d)"),
}
_EITHER = {"fi": re.compile(r"\bvai\b"), "en": re.compile(r"\bor\b")}


# Words that narrow or turn a claim: a question with one is not settled by what the sentence says.
_QUALIFIERS = {
    "fi": re.compile(r"(vain|ainoastaan|yha|viela|enaa|ei\w*|kuin|paitsi|jo|nyt|muualla)"),
    "en": re.compile(r"(only|just|still|yet|not|no|than|except|now|already|never|elsewhere)"),
}
# Words that relate a time to a year; the deciding text must say the same.
_TIME = {
    "fi": re.compile(r"(ennen|jalkeen|asti|saakka|aikana|kuluessa|lahtien|alkaen|vuodesta)"),
    "en": re.compile(r"(before|after|until|till|during|since|from|by|between|prior)"),
}
# The words of the bare shape "Vastaako A B:stä?", "Is A the person responsible for B?": the
# verb that opens it (present tense), and the only other words it may have besides the names.
_RESPONSIBLE_VERBS = {
    "fi": {"vastaako", "vastaaks", "hoitaako", "onko", "onks"},
    "en": {"is", "does"},
}
_RESPONSIBLE = {
    "fi": re.compile(
        r"(vastaa|vastaako|vastaaks|vastuuhenkilo\w*|yhteyshenkilo\w*|hoitaa\w*|onk\w*)"
    ),
    "en": re.compile(r"(responsible|charge|contact|person|handles?|handling)"),
}
# A thing named as a cooperation or affairs ("X-yhteistyöstä", "X affairs"), not by a
# place or an event of it.
_COOPERATION = re.compile(r"(yhteisty|cooperation|co-operation|asio|asia|affairs)")
# Words that ask whether a region belongs, after which the question may say more.
_BELONG = {
    "fi": re.compile(r"(kuulu|mukana|jasen|osa\b)"),
    "en": re.compile(r"(belong|member|part)"),
}
# Words that ask where a thing is: no member list answers them.
_WHERE = {"fi": re.compile(r"sijait"), "en": re.compile(r"\b(located|situated|based)\b")}
# A year, as the question and the sentence write it.
_YEAR = r"(?:19|20)\d\d"
# Kainuu and the council, which bot.answering.passages.Wording takes for stop words.
_OWN = ("kainu", "liito", "liitt", "council")
# Letters a Finnish yes/no verb ("rakennettiinko") must share with a word of the sentence
# ("rakentaminen"): its stem changes with the tense and consonant gradation.
VERB_PREFIX = 5


class _Asked:
    """A yes/no question's words (its names left out), to be said by the deciding text."""

    def __init__(self, wording: Wording, unnamed: str, entry: Optional[Entry], lang: str) -> None:
        self.wording, self.lang = wording, lang
        self.terms = wording.terms(unnamed)
        # The answered object's names say nothing of the claim (a place in its name).
        self.names = " ".join(entry.names) if entry else ""

    def only(self, claim: str, text: Optional[str] = None) -> bool:
        """Whether the question says nothing but the claim (a regular expression of folded
        words) and words of the shape; given a text, also stop words and words the text says.
        Kainuu and the council must be said: "Toimiko Kainuun liitto hallintoviranomaisena?"
        is another's post; so must a word of time ("before", "jälkeen")."""
        said = self.wording.terms(f"{text} {self.names}") if text is not None else []
        stems, forms = {w.lemma for w in said}, {w.form for w in said}
        for word in self.terms:
            if re.fullmatch(claim, word.form) or word.form in _SHAPE_WORDS[self.lang]:
                continue
            if text is None or _QUALIFIERS[self.lang].fullmatch(word.form):
                return False
            if _TIME[self.lang].fullmatch(word.form) and word.form not in forms:
                return False
            own = word.form.startswith(_OWN)
            if (own or self.wording.is_content(word)) and not _said(word, stems, forms, self.lang):
                return False
        return True


def _said(word: Word, stems: Set[str], forms: Set[str], lang: str) -> bool:
    if any(_alike(word.lemma, stem) for stem in stems):
        return True
    # "Rakennettiinko …?" against "rakentaminen": the verb without its question ending.
    verb = word.form[:-2] if lang == "fi" and word.form.endswith(("ko", "ks")) else ""
    return len(verb) >= VERB_PREFIX and any(f[:VERB_PREFIX] == verb[:VERB_PREFIX] for f in forms)


def _places(text: str, lang: str) -> Dict[str, str]:
    """The places a folded text names (place: country)."""
    return {
        place: country
        for place, (country, stems) in _PLACES.items()
        if re.search(rf"\b({stems[lang]})\w*", text)
    }


def _place(asked: _Asked, question: str, first: Tuple[str, str], lang: str) -> Optional[bool]:
    """Where something is, claimed with a locative: "Onko sihteeristö Ruotsissa?", the city's
    country allowed ("in <city>, <its country>") but no other place; the places from the
    sentence without the knowledge base's names (a country in an office's name is no place)."""
    if not _ASKS_WHERE[lang].match(question):
        return None  # "Vastaako A B:stä P:ssä?" asks no place of anything
    text = first[1]
    claimed = [
        (place, country, stems[lang])
        for place, (country, stems) in _PLACES.items()
        if re.search(_LOCATED[lang].format(stem=stems[lang]), question)
    ]
    if len(claimed) != 1 or set(_places(question, lang)) - {claimed[0][0], claimed[0][1]}:
        return None
    claim = "|".join([claimed[0][2], *_country_words(claimed[0][1], lang)])
    if not asked.only(rf"({claim})\w*", first[0]):
        return None
    place, country, _ = claimed[0]
    named = _places(text, lang)
    if place == country:  # a country: said by its name or by a city in it
        countries = set(named.values())
        return country in countries if countries else None
    cities = {p for p, c in named.items() if p != c}
    return place in cities if cities else None


def _places_swapped(
    asked: _Asked, question: str, first: Tuple[str, str], lang: str
) -> Optional[bool]:
    """The sentence restated with its places: "maiden A ja B rajalla" against "maiden A ja C
    rajalla" is no, the same places yes; only for as many places, at least two, and the same
    with the knowledge base's names and without them (a place may also be a name, or stand
    inside one)."""
    claimed, named = _places(question, lang), _places(first[1], lang)
    if len(claimed) < 2 or len(named) != len(claimed) or _places(first[0], lang) != named:
        return None
    stems = "|".join(_PLACES[p][1][lang] for p in claimed)
    if not asked.only(rf"({stems})\w*", first[0]):
        return None
    missing = set(claimed) - set(named)
    if not missing:
        return True
    return False if len(missing) == 1 else None


def _year(asked: _Asked, question: str, text: str, regions: Sequence[Entry]) -> Optional[bool]:
    """Yes when the sentence names just the question's year or span and says the rest, and
    every region the question names: one may stand where the sentence names another ("Was
    region A the managing authority …?" against "… was region B")."""
    years = set(re.findall(rf"\b{_YEAR}\b", question))
    if not 0 < len(years) <= 2 or set(re.findall(rf"\b{_YEAR}\b", text)) != years:
        return None
    if not all(any(fold(n) in text for n in region.names) for region in regions):
        return None
    return True if asked.only(_YEAR, text) else None


def _member(
    kb: KnowledgeBase,
    asked: _Asked,
    regions: Sequence[str],
    entry: Optional[Entry],
    lang: str,
) -> Optional[bool]:
    if len(regions) != 1 or entry is None:
        return None
    region, members = kb.entries[regions[0]], kb.member_entries(entry)
    names = "|".join(w for n in region.names for w in re.findall(r"\w+", fold(n)))
    # "one of the Finnish member regions": the region's own country may be named.
    names += "".join(f"|{stem}" for stem in _country_words(region.country, lang))
    # A question that asks whether it belongs may say more, but only what the list's own words
    # say ("niihin maakuntiin, joiden etuja X valvoo"), not what another sentence says of
    # others; "Does region A represent …?" or "Is it located in …?" is no such question.
    question = " ".join(w.form for w in asked.terms)
    listed = f"{entry.members.intro} {entry.members.label}" if entry.members else ""
    said = listed if _BELONG[lang].search(question) else None
    if not names or _WHERE[lang].search(question) or not asked.only(rf"({names})\w*", said):
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


def responsible(
    kb: KnowledgeBase,
    wording: Wording,
    named: Set[str],
    asked: Tuple[str, str],
    lang: str,
    find: Callable[[str], Dict[str, Tuple[int, int]]],
) -> Optional[bool]:
    """Whether a named person is the one responsible for a named thing, asked in the bare
    shape (`asked`: the asking sentences as written and with the names blanked; `find`: the
    objects a text names, with where). Yes when the person's post names the thing; no when the
    thing has contacts of its own, the person is not one of them and their post covers neither
    the thing nor the whole; None for any other question."""
    written, unnamed = asked
    words = fold(written).split()
    if not words or words[0] not in _RESPONSIBLE_VERBS[lang]:
        return None  # "Oliko …?", "Will …?": another time
    for word in wording.terms(unnamed):
        if not _RESPONSIBLE[lang].fullmatch(word.form) and (
            wording.is_content(word) and not word.form.startswith(_OWN) or word.form.isdigit()
        ):
            return None  # "ainoa", "yksin", "sijainen", a place, a year: more is asked
    entries = [kb.entries[n] for n in named]
    people = [e for e in entries if e.is_person]
    things = [e for e in entries if not e.is_person and e.type != "region"]
    if len(people) != 1 or len(things) != 1 or len(entries) != 2:
        return None
    person, thing = people[0], things[0]
    spans = find(written)
    where, who = spans.get(thing.id), spans.get(person.id)
    if not where or not who or who[0] > where[0]:
        return None  # "Vastaako B A:sta?"
    if not _COOPERATION.search(fold(written[where[0] : where[1]])):
        return None  # an event or a country of it ("X:n rakentamisesta"), not the cooperation
    posts = set(find(person.text("responsibility")))
    if thing.id in posts:
        return True
    covers = any(kb.within(thing, kb.entries[o]) or kb.entries[o].type == "overview" for o in posts)
    return False if thing.contacts and person.id not in thing.contacts and not covers else None


def verdict(
    kb: KnowledgeBase,
    wording: Wording,
    unnamed: str,
    regions: Sequence[str],
    first: Tuple[str, str],
    entry: Optional[Entry],
    lang: str,
) -> Optional[bool]:
    """True (yes), False (no) or None (not settled) for a yes/no question, given its asking
    sentences with the knowledge base's names blanked (`unnamed`) and the regions they name,
    answered about `entry` by a first sentence, as written and with the names blanked."""
    question, sentence, text = fold(unnamed), fold(first[0]), fold(first[1])
    if _EITHER[lang].search(question):
        return None
    asked = _Asked(wording, unnamed, entry, lang)
    # A restatement is no restatement of a sentence that says "not".
    restated = not wording.negates(first[0])
    for found in (
        _member(kb, asked, regions, entry, lang),
        _place(asked, question, (sentence, text), lang),
        _places_swapped(asked, question, (sentence, text), lang) if restated else None,
        _year(asked, question, sentence, [kb.entries[r] for r in regions]) if restated else None,
    ):
        if found is not None:
            return found
    return None
