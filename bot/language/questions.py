"""What a question asks beyond its topic and kind: a detail the page may not give (an amount, a
date, a count, a name, contact details), and its shape (yes/no, who, why, the whole of a topic,
a word that points back). Another organisation is bot.language.organisations'.

A detail leads to an honest decline unless the answer holds it: a figure for an amount or a
count, a year for "minä vuonna". Cues are regular expressions on the question, lower-cased and
accent-folded ("sahkoposti").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import FrozenSet, Iterable, List, Optional

from bot.language.matching import FOLD

_TOKEN = re.compile(r"\w[\w-]*")


@dataclass(frozen=True)
class Detail:
    """A kind of detail: what asks for it, and what the answer must hold to give it."""

    name: str
    cue: re.Pattern
    evidence: Optional[re.Pattern]  # None: the name of a person not named in the question
    # Asked only beside these words, names included ("toimiston nimi" is the office's, which
    # the page gives; "maakuntajohtajan nimi" a person's).
    beside: Optional[re.Pattern] = None
    # In a yes/no question, the part of the cue that still asks for it (None: all of it).
    # "Hoitavatko asioita vain nimetyt henkilöt?" asks whether, not who; "Onko hänen nimensä
    # …?" still asks for a name.
    whether: Optional[re.Pattern] = None


def _cue(*patterns: str) -> re.Pattern:
    return re.compile("|".join(patterns))


def _count_evidence(number_words: str) -> re.Pattern:
    """A count is a number that is not a year ("5 jäsentä", not "vuonna 1999"), or a number
    word ("yhdestä edustajasta"; "yksi" and "one of" pick one of many, they do not count)."""
    return re.compile(rf"\b((?!(?:19|20)\d\d\b)\d+|{number_words})\b", re.IGNORECASE)


# Words for going on ("käynnissä", "toimiiko"), which with "vielä" ask whether it still does.
_GOES_ON = r"\b(kaynnissa|voimassa|olemassa|toiminnassa|jatku\w*|toimii\w*|toimivat\w*|tehdaanko)\b"

# "Paljonko alueita/jäseniä/kisoja" (a plural partitive, spoken "alueit") counts, unless it is
# about money ("paljonko rahaa Karelia CBC:stä"); "Karelia" and "johtaja" are no plurals.
_COUNTED = (
    r"(?!.*\b(raha|euro(a|ja|n)?\b|maks|budjet|summ))"
    r"(?=.*\b\w{2,}(ita|oja|uja|[nrst]ia|it)\b)"
)

# The words for a name itself ("nimi", "nimensä", "names").
_NAME_FI = r"\bnimi|\bnimel|\bnimens|\bnimia\b|\bnimet\b"
_NAME_EN = r"\bnames?\b"

FINNISH_DETAILS = (
    Detail(
        "amount",
        _cue(
            rf"\bpaljon(ko|ks)\b(?!{_COUNTED})",
            r"kuinka paljon raha",
            r"rahamaar",
            r"\bsumm",
            r"\beuro(a|n|ja)\b",
            r"budjet",
            r"\bhinta",
            r"\bmaksaa",
            r"kustann",
            r"avustuksen suuru",
        ),
        re.compile(r"\d[\d\s]*(€|euro|milj)", re.IGNORECASE),
    ),
    Detail(
        "contact_details",
        _cue(
            r"sahkopost",
            r"puheli[nm]",
            r"\bnumero",
            r"e-?mail",
            r"\bmeili",
            r"\bsoita",
            r"osoite",
            r"osoitte",
            r"yhteystie",
        ),
        re.compile(r"@|\+?\d[\d\s-]{6,}"),
    ),
    Detail(
        "schedule",
        _cue(
            r"\bseuraava",
            r"\bensi (vuon|kerra)",
            r"aukiolo",
            r"\baukeaa",
            r"kellonai",
            r"paivamaar",
            r"\bmi(na|ka) paiva(na)?\b",
            r"hakuai",
            r"\bhaku (paatty|loppu)",
            r"maaraai",
            r"deadline",
            r"mihin mennessa",
            r"hakemukset",
            r"\buudelleen\b",
        ),
        re.compile(
            r"\d{1,2}\.\d{1,2}\.|\bklo\b|(tammi|helmi|maalis|huhti|touko|kesä|heinä|"
            r"elo|syys|loka|marras|joulu)kuu",
            re.IGNORECASE,
        ),
    ),
    Detail(
        "year",
        # "perustettiin" asks for a year only beside "milloin": "Mitä varten tiimi on
        # perustettu?" asks what for.
        _cue(
            r"\bmi(na|ta|nka) vuo(nna|den)",
            r"perustamisvuo",
            r"\b(milloin|koska)\b.*\b(perustet|hyvaksyt)",
            r"\b(perustet|hyvaksyt)\w*\b.*\bmilloin\b",
        ),
        re.compile(r"\b(19|20)\d\d\b"),
    ),
    Detail(
        "frequency",
        _cue(r"\b(kuinka|miten) (usein|useasti|tihea)"),
        re.compile(r"tarvittaessa|säännöllisesti|vuosittain|kerran|\d", re.IGNORECASE),
    ),
    # Whether something still goes on: the page tells only what was suspended or changed.
    Detail(
        "status",
        # "vielä" alone is no cue: "kerro vielä Barentsista" asks for more, not for a status.
        _cue(
            rf"\b(viela|edelleen|yha|nykyaan)\b.*{_GOES_ON}",
            rf"{_GOES_ON}.*\b(viela|edelleen|yha|nykyaan)\b",
            r"\bennallaan\b",
            r"\bjatku(u|uko|vatko)\b",
            r"\bjatkoa\b",  # "onko ohjelmalle tulossa jatkoa?"
            r"\bjatketaanko\b",
        ),
        re.compile(r"keskeyt|keskeyty|päätty|lopet|muuttu|jatku", re.IGNORECASE),
    ),
    Detail(
        "count",
        _cue(
            r"\bmontako",
            r"\bkuinka mon(ta|e|i)",
            r"lukumaar",
            r"\bmontaa",
            r"\bmoneen",
            rf"\b(paljon(ko|ks)|kuinka paljon)\b{_COUNTED}",
        ),
        _count_evidence(
            r"yhdest[aä]|kaksi|kahde(n|sta)|kolme(n|sta)?|nelj[aä](n|st[aä])?|viisi|viide(n|st[aä])|"
            r"kuusi|kuude(n|sta)|seitsem[aä]n|kahdeksan|yhdeks[aä]n|kymmenen"
        ),
    ),
    # A person's own life: the page tells only roles. "Kuinka vanha Barents-yhteistyö on?" is
    # answered by a year.
    Detail(
        "personal",
        _cue(
            r"\bika(inen|isia|a|nsa)?\b",
            r"\bkuinka vanha",
            r"\bsyntyn",
            r"\bsyntyma",
            r"\bpalk(ka|kaa|kansa)\b",
            r"\bnaimisi",
            r"\bharrast",
        ),
        re.compile(r"\b(19|20)\d\d\b|vuotia"),
    ),
    Detail(
        "name",
        _cue(
            _NAME_FI,
            r"\bhenkilot\b",
            r"\bsijai(nen|s)",  # "sijaisena", not "sijaitsee"
            r"kuka on .*puheenjohtaja",
            r"puheenjohtaja nyt",
            # "now" asks for a name only of "who": "Valmistellaanko … tällä hetkellä?" does not.
            r"\b(kuka|ketka)\b.*\b(nykyi|talla hetkella)",
            r"\b(nykyi|talla hetkella).*\b(kuka|ketka)\b",
        ),
        None,
        _cue(
            r"\b(kuka|ketka|keita|kenen|hanen|heidan|henkilo)",
            r"johtaja|sijai|jasen|edustaja|vetaja|paallikko|sihteeri",
        ),
        whether=re.compile(_NAME_FI),
    ),
    Detail(
        "leader",
        _cue(
            r"\b(kuka|ketka)( \w+)? (johtaa|vetaa)",
            r"\bjohtajana",
            r"\b(kuka|ketka)\b.*\b(johtaja|vetaja|paallikko)\b",
        ),
        re.compile(r"johdolla|johtaa|puheenjohtaja|hallitus|ohjaa", re.IGNORECASE),
    ),
)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
ENGLISH_DETAILS = (
    Detail(
        "amount",
        _cue(
            r"\bhow much\b(?! time)",
            r"\bbudget",
            r"\beuros?\b",
            r"\bcosts?\b",
            r"amount of (money|funding)",
            r"\bmoney\b",
            r"\bprice",
        ),
        re.compile(r"\d[\d\s,.]*(€|euro|million)", re.IGNORECASE),
    ),
    Detail(
        "contact_details",
        _cue(
            r"e-?mail",
            r"\bphone",
            r"\btelephone",
            r"\bcall\b",
            r"\baddress",
            r"contact (details|information|info)",
        ),
        re.compile(r"@|\+?\d[\d\s-]{6,}"),
    ),
    Detail(
        "schedule",
        _cue(
            r"\bnext\b",
            r"opening hours",
            r"\bopen\b",
            r"deadline",
            r"\bdates?\b",
            r"what time",
            r"application period",
            r"apply by",
            r"\bagain\b",
        ),
        re.compile(rf"\d{{1,2}}\.\d{{1,2}}\.|\d{{1,2}}:\d\d|\b({_MONTHS})\b", re.IGNORECASE),
    ),
    Detail(
        "year",
        _cue(
            r"\b(what|which) year",
            r"\bwhen\b.*\b(founded|established|set up|adopted|approved)\b",
            r"\b(founded|established)\b.*\bwhen\b",
        ),
        re.compile(r"\b(19|20)\d\d\b"),
    ),
    Detail(
        "frequency",
        _cue(r"\bhow (often|frequently)"),
        re.compile(r"when needed|as needed|if needed|regular|annual|every|once|\d", re.IGNORECASE),
    ),
    Detail(
        "status",
        _cue(
            r"\bstill\b", r"\bnowadays\b", r"\bongoing\b", r"\bgoing on\b", r"\bcontinu(e|es|ing)\b"
        ),
        re.compile(
            r"suspend|interrupt|halt|ended|continu|on hold|changed|stopp|broke", re.IGNORECASE
        ),
    ),
    Detail(
        "count",
        _cue(r"\bhow many", r"\bnumber of"),
        _count_evidence(r"one(?! of)|two|three|four|five|six|seven|eight|nine|ten"),
    ),
    Detail(
        "personal",
        _cue(r"\bhow old\b", r"\bage\b", r"\bborn\b", r"\bsalary", r"\bmarried", r"\bhobb"),
        re.compile(r"\b(19|20)\d\d\b|years old"),
    ),
    Detail(
        "name",
        _cue(
            _NAME_EN,
            r"\bwho is (the )?(current|present)",
            r"\bwho\b.*\b(currently|right now|at the moment)\b",
            r"\bdeputy\b",
            r"\bchair(man|person)? now",
        ),
        None,
        _cue(
            r"\b(who|whom|his|her|their|person|people|mayor|chair|head|director|deputy)",
            r"\b(secretary|leader|member|representative)",
        ),
        whether=re.compile(_NAME_EN),
    ),
    Detail(
        "leader",
        _cue(
            r"\bwho (leads|heads|chairs|runs|directs)",
            r"\bwho\b.*\b(head|director|chair(man|person)?|leader)\b",
        ),
        re.compile(r"led by|leads|chair|board|steer|head", re.IGNORECASE),
    ),
)
DETAILS = {"fi": FINNISH_DETAILS, "en": ENGLISH_DETAILS}


def fold(text: str) -> str:
    """Lower case without accents, words only: as cues and organisations are written."""
    return " ".join(_TOKEN.findall(text.casefold().translate(FOLD)))


def asked_details(question: str, lang: str = "fi", whole: str = "") -> List[Detail]:
    """The details a question asks for, by its words; `whole`: the question with the names
    that the caller blanked out of it."""
    folded, around = fold(question), fold(whole or question)
    whether = yes_no(whole or question, lang)
    return [
        d
        for d in DETAILS[lang]
        if (d.whether if whether and d.whether else d.cue).search(folded)
        and (d.beside is None or d.beside.search(around))
    ]


def gives(detail: Detail, text: str, names: Iterable[str] = ()) -> bool:
    """Whether a text holds the detail; `names` are the people's names that would give a name
    (bot.answering.reading.Reading.others: not those the question names)."""
    if detail.evidence is None:
        return any(name in text for name in names)
    return bool(detail.evidence.search(text))


# A country that qualifies the members asked for ("Norjan jäsenalueet", "alueet Ruotsista",
# "Russian regions"), by ISO code (bot.knowledge.COUNTRIES: the regions' countries), and the
# plural words for regions or members it must stand with; "entä norjasta?" alone asks it too.
_COUNTRY_WORDS = {
    "fi": {
        "fi": r"suome(n|sta|lta)|suomalai\w*",
        "se": r"ruotsi(n|sta|lta)|ruotsalai\w*",
        "no": r"norja(n|sta|lta)|norjalai\w*",
        "ru": r"venaja(n|lta|sta)|venalai\w*",
    },
    "en": {
        "fi": r"finland|finnish",
        "se": r"sweden|swedish",
        "no": r"norway|norwegian",
        "ru": r"russia|russian",
    },
}
_MEMBER_WORDS = {
    "fi": r"(jasen)?alue(et|ita|ista|isiin|iksi)|maakunn(at|ista)|maakuntia|laan(it|eja|ista)|"
    r"jasen(et|ia|ina|iksi)",
    "en": r"regions|counties|provinces|members|areas",
}


def names_members(question: str, lang: str = "fi") -> bool:
    """Whether a question speaks of regions or members ("montako jäsentä", "how many regions")."""
    return bool(re.search(rf"\b({_MEMBER_WORDS[lang]})\b", fold(question)))


# A country as where the counted are, in the forms the country words above leave out
# ("montako niistä on Suomessa?"); English "in Finland" names it as they do.
_IN_COUNTRY = {
    "fi": {"fi": "|suomessa", "se": "|ruotsissa", "no": "|norjassa", "ru": "|venajalla"},
    "en": {},
}


# What a count of members counts, in any case form ("montako maakuntaa", "how many regions").
_COUNTED_MEMBERS = {
    "fi": r"(jasen)?alue\w*|maakun\w*|laan\w*|jasen\w*",
    "en": r"regions?|count(y|ies)|provinces?|members?|areas?",
}


def _count_cue(question: str, lang: str) -> Optional[re.Match]:
    """Where a folded question asks for a count, by the count detail's own cue."""
    count = next(d for d in DETAILS[lang] if d.name == "count")
    return count.cue.search(question)


def counts_members(question: str, lang: str = "fi") -> Optional[bool]:
    """Whether what a count counts is regions or members, or a list pointed back to, by the
    word after the count's cue ("montako niistä", "how many regions": True; "montako
    ihmistä", "how many people": False); None for no count, or no word after it."""
    folded = fold(question)
    cue = _count_cue(folded, lang)
    if not cue:
        return None
    after = folded[cue.end() :]
    # The rest of the cue's own word ("kuinka mone|sta") is not what is counted.
    words = after.split()[0 if after[:1].isspace() else 1 :]
    words = words[1:] if words[:1] == ["of"] else words
    if not words:
        return None
    return words[0] in _ANAPHORS[lang] | {"on", "ovat", "are"} or bool(
        re.fullmatch(_COUNTED_MEMBERS[lang], words[0])
    )


def counted_country(question: str, lang: str = "fi") -> Optional[str]:
    """The country whose members a count asks for ("montako niistä on Suomessa?", "how many of
    those are Finnish?"), in a question with the knowledge base's names blanked (a country in
    an office's name is not asked)."""
    folded = fold(question)
    if not _count_cue(folded, lang):
        return None
    for code, words in _COUNTRY_WORDS[lang].items():
        located = _IN_COUNTRY[lang].get(code, "")
        if re.search(rf"\b({words}{located})\b", folded):
            return code
    return None


def asked_country(question: str, lang: str = "fi") -> Optional[str]:
    """The country whose member regions a question asks for, if any (bot.answering.declines asks it
    of a question about members only)."""
    folded = fold(question)
    for code, words in _COUNTRY_WORDS[lang].items():
        country, members = rf"\b({words})\b", rf"\b({_MEMBER_WORDS[lang]})\b"
        # Side by side, or one word apart: "Norjan jäsenalueet", "regions from Norway".
        if re.search(rf"{country} (\w+ )?{members}|{members} (\w+ )?{country}", folded):
            return code
        if re.fullmatch(rf"(enta|entas|and|what about) {country}", folded):
            return code
    return None


# Words that point back to what was talked about when they stand before a name ("se
# verkosto", "that network").
_DEMONSTRATIVES = {
    "fi": {
        "se",
        "sen",
        "sita",
        "siina",
        "siihen",
        "siita",
        "tama",
        "taman",
        "tata",
        "tuo",
        "tuon",
        "kyseinen",
        "kyseisen",
    },
    "en": {"that", "this", "these", "those", "same"},
}


# Pronouns that stand for what was talked about: "mitkä niistä …?", "which of them …?".
# "tämä" is no such pronoun: "Mitä tämä palvelu tekee?" asks about the bot.
_ANAPHORS = {
    "fi": {"se", "sen", "sita", "siina", "siihen", "siita", "silla", "sille", "ne", "niista"}
    | {"niihin", "niita", "niiden", "niilla", "niissa", "han", "hanen", "he", "heidan"},
    "en": {"it", "its", "they", "them", "their", "those", "these", "he", "she", "her", "his"},
}


def points_to_context(text: str, lang: str = "fi") -> bool:
    """Whether a message has a pronoun that stands for what was talked about."""
    return bool(set(fold(text).split()) & _ANAPHORS[lang])


def points_back(question: str, name_start: int, lang: str = "fi") -> bool:
    """Whether the word before a name (at `name_start`) points back: "onko se verkosto …"."""
    before = fold(question[:name_start]).split()[-1:]
    return bool(before) and before[0] in _DEMONSTRATIVES[lang]


_AUXILIARIES = {
    "is",
    "are",
    "was",
    "were",
    "do",
    "does",
    "did",
    "can",
    "could",
    "has",
    "have",
    "had",
    "will",
    "would",
    "should",
    "may",
    "might",
    "isn",
    "aren",
    "doesn",
    "don",
}


_QUESTION_WORDS = {
    "fi": {
        "mika",
        "mita",
        "mitka",
        "kuka",
        "ketka",
        "miksi",
        "miks",
        "miten",
        "missa",
        "mista",
        "mihin",
        "milloin",
        "kenelle",
        "keneen",
        "kenen",
    },
    "en": {"what", "who", "whom", "whose", "where", "when", "why", "how", "which"},
}
_CLAUSE_BREAK = re.compile(r"[,.;:!?]")


def asks(text: str, lang: str = "fi") -> bool:
    """Whether a message asks something: a question mark, or a clause that opens with a
    question word or a yes/no verb ("Kiitos, onko …", "Thanks, and who …"); a relative "mitä"
    or "what" inside a clause does not ("Kiitos, juuri sitä mitä halusin tietää")."""
    if "?" in text:
        return True
    for clause in _CLAUSE_BREAK.split(text):
        words = [w for w in fold(clause).split() if w not in ("ja", "and", "entä", "enta")]
        if words and (words[0] in _QUESTION_WORDS[lang] or yes_no(" ".join(words), lang)):
            return True
    return False


# "sori, tarkoitin EU-asioita", "no, I meant the EU office": a short message that corrects the
# topic keeps what was asked.
_CORRECTION = {
    "fi": re.compile(r"\b(tarkoitin|tarkoitan|tarkotin|eiku|eikun)\b"),
    "en": re.compile(r"\b(i meant|i mean|i was asking about)\b"),
}
# Most words of a correction: a longer message asks something of its own.
CORRECTION_WORDS = 6


def corrects(text: str, lang: str = "fi") -> bool:
    """Whether a short message corrects the topic of the question before it."""
    folded = fold(text)
    return bool(_CORRECTION[lang].search(folded)) and len(folded.split()) <= CORRECTION_WORDS


# The words that ask for a kind of answer that a topic may lack (bot.answering.compose tells the gap
# only when the question's own words ask for it, not when the intent alone guessed the kind).
_KIND_WORDS = {
    "fi": {
        "purpose": r"\b(tavoit\w*|tarkoitu\w*|paamaar\w*|miksi|miks|mita varten)\b",
        "where": r"\b(missa|sijai\w*|paikka\w*|paikkakun\w*|kaupungi\w*|mihin maahan)\b",
        "when": r"\b(milloin|mina vuonna|minka vuoden|ajankoh\w*|kauan|mista (asti|lahtien)|"
        r"alkoi|alkaa|perustet\w*|paattyi|paattyy|paattyvat)\b",
        "how": r"\b(miten|kuinka|milla tavalla|milla tavoin|hae\w*|haku\w*|hakea|"
        r"paasee|paasta|liity\w*|liittya)\b",
        "members": r"\b(jasen\w*|kuulu\w*|ketka|keita|keista|osapuol\w*|mukana|koostu\w*|"
        r"mitka (alueet|maat|maakunnat))\b",
    },
    "en": {
        "purpose": r"\b(aims?|goals?|purpose|objectives?|why|what for|mission)\b",
        "where": r"\b(where|located|location|based|city|country)\b",
        "when": r"\b(when|what year|which year|since|how long|start\w*|began|founded|ended)\b",
        "how": r"\b(how|apply|join|get involved)\b",
        "members": r"\b(members?|belong\w*|consist\w*|made up|includ\w*|"
        r"which (regions|countries|areas|counties))\b",
    },
}


# A yes/no question asks for members only by that word: "Kuuluuko se viralliseen
# yhteistyöhön?" asks whether it is part of something, "Onko sillä jäseniä?" for its members.
_MEMBERS_NAMED = {"fi": r"\bjasen(ia|ista|et)\b", "en": r"\bmembers\b"}


# What a topic's "how" text tells and its gap says it lacks: how to take part, or how it works
# in practice. Any "miten" asks how, but "miten sitä johdetaan?" asks who leads it and "miten
# sille kävi?" what became of it: the gap is owned up to only for these words.
_TAKING_PART = {
    "fi": r"\b(hae\w*|haku\w*|hakea|paase\w*|paasta|liity\w*|liittya|(tulla|paasta|lahtea) "
    r"mukaan|kaytannossa|toimii|toimivat)\b",
    "en": r"\b(apply|join|get involved|take part|in practice|how (does|do) (\w+ ){1,3}work)\b",
}


def asks_taking_part(question: str, lang: str = "fi") -> bool:
    """Whether a question asks how to take part in something or how it works in practice."""
    return bool(re.search(_TAKING_PART[lang], fold(question)))


def asked_kinds(question: str, lang: str = "fi") -> FrozenSet[str]:
    """The kinds of answer a question's own words ask for ("Missä …?": where)."""
    folded = fold(question)
    kinds = {k for k, cue in _KIND_WORDS[lang].items() if re.search(cue, folded)}
    if yes_no(question, lang) and not re.search(_MEMBERS_NAMED[lang], folded):
        kinds.discard("members")
    return frozenset(kinds)


# "Why did it change?" asks for a cause, which a passage states with a word like "johdosta";
# that is not the aims (the "purpose" field) that the intent ask_purpose stands for.
_WHY = {
    "fi": re.compile(
        r"\b(miksi|miks|mista syysta|minka (takia|vuoksi)|mika (oli|on) syyna"
        r"|mika (sen |taman )?aiheutti|mika johti(?= (\w+ )?(siihen|tahan|\w+(seen|siin))\b))\b"
    ),
    "en": re.compile(
        r"\b(why|how come|for what reason|what caused|what was the reason|what led to)\b"
    ),
}
_CAUSE = {
    # Or what stopped something: "hyökkäyssota keskeytti yhteistyön" tells why it stopped.
    "fi": re.compile(r"\b(johdosta|vuoksi|takia|koska|syyna|seurauksena|keskeytti|lopetti)\b"),
    "en": re.compile(r"\b(because|owing to|due to|as a result|suspended (it|the))\b"),
}


# "Who" asks for a person, unless it asks who belongs ("ketkä siihen kuuluvat?").
# Whom to contact, or who is responsible: the contact line is then the answer itself.
_CONTACT = {
    "fi": re.compile(
        r"\b(vastaa|vastaavat|vastaava|vastuu\w*|yhteyshenkil\w*|yhteytta|keneen|kehen|"
        r"kenen puoleen|kenelta|kenel(ta|ta) (kysyn|kysya|saa)|kuka (\w+ ){0,2}hoitaa)\b"
    ),
    "en": re.compile(
        r"\b(responsib\w*|in charge|contact\w*|get in touch|whom|who (should|can|do) i (ask|talk|"
        r"speak|turn)|go-to (person|contact)"
        r"|who (handles|covers|looks after|takes care|deals with))\b"
    ),
}


def asks_contact(question: str, lang: str = "fi") -> bool:
    """Whether a question asks whom to contact or who is responsible ("Kuka vastaa …?")."""
    return bool(_CONTACT[lang].search(fold(question)))


_WHO = {
    "fi": re.compile(
        r"\b(kuka|ketka|kenen puoleen|keneen|kehen)\b"
        r"(?!.*\b(kuulu\w*|jasen\w*|mukana|osallistu\w*)\b)"
    ),
    "en": re.compile(r"\b(who|whom)\b(?!.*\b(belong\w*|members?|in it|part)\b)"),
}


# "koko yhteistyön", "the whole cooperation": the whole that the part in context belongs to.
_WHOLE = {
    "fi": re.compile(r"\bkoko (?!ajan|henkilost)\S+n\b"),  # a genitive, not "tiimin koko ja"
    "en": re.compile(r"\b(the|this) (whole|entire) \w"),
}


def asks_whole(question: str, lang: str = "fi") -> bool:
    return bool(_WHOLE[lang].search(fold(question)))


def asks_who(question: str, lang: str = "fi") -> bool:
    return bool(_WHO[lang].search(fold(question)))


def why_words(question: str, lang: str = "fi") -> FrozenSet[str]:
    """The folded words that ask for a cause ("mista", "syysta"); none when it asks for none.
    They are the question's shape, not what it is about."""
    return frozenset(w for m in _WHY[lang].finditer(fold(question)) for w in m.group().split())


def gives_cause(text: str, lang: str = "fi") -> bool:
    return bool(_CAUSE[lang].search(fold(text)))


# Question words with the -ko ending of a yes/no verb.
_HOW_MUCH = {"montako", "paljonko", "kumpiko"}
# Spoken yes/no verbs end in -ks ("onks"), as do English words ("thanks"): the common ones.
SPOKEN_YES_NO = {
    "onks",
    "oliks",
    "voiks",
    "saaks",
    "kuuluuks",
    "toimiiks",
    "jatkuuks",
    "pitaaks",
    "tarviiks",
    "tarvitseeks",
    "loytyyks",
    "tuleeks",
    "meneeks",
}


# The subject pronoun of a yes/no question: "Onko se osa Barents-yhteistyötä?", "Are they
# organised by the official Barents bodies?" ask about the topic talked about.
_SUBJECTS = {
    "fi": {"se", "ne", "han", "he", "tama", "nama"},
    "en": {"it", "they", "she", "he", "this", "these"},
}


def asks_of_pronoun(question: str, lang: str = "fi") -> bool:
    """Whether a yes/no question's subject is a pronoun: what it names besides is asked of the
    topic talked about."""
    words = fold(question).split()
    return yes_no(question, lang) and len(words) > 1 and words[1] in _SUBJECTS[lang]


def yes_no(question: str, lang: str = "fi") -> bool:
    """Whether a question asks yes or no ("Onko …?", "Kuuluuko …?", "Is …?"): the intents are
    learnt from wh-questions, so its kind is a weak guess."""
    first = fold(question).split()[:1]
    if not first:
        return False
    if lang == "en":
        return first[0] in _AUXILIARIES
    word = first[0]
    return word in SPOKEN_YES_NO or word.endswith("ko") and word not in _HOW_MUCH
