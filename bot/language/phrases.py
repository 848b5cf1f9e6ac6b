"""What the bot says in its own words, in Finnish and in English: small talk, the frames of its
answers, its declines and help replies, and the channels' errors. Facts come only from the
knowledge base (bot.knowledge).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Sequence, Tuple

DEFAULT_LANGUAGE = "fi"


@dataclass(frozen=True)
class Phrases:
    """One language's phrases."""

    # Replies to greet, goodbye, thank and bot_challenge.
    small_talk: Dict[str, str]
    # "A, B ja C"
    and_word: str
    # Verbs after which a list follows with no colon: "jäsenalueet ovat A, B ja C".
    copulas: Tuple[str, ...]
    # Who to contact: the lead for one person and for several, and after a decline.
    contact_one: str
    contact_many: str
    contact_also: str
    # A contact's responsibility after their name, as staff write it: one that is held
    # ("yleisvastuu …", "overall responsibility …": `held` matches it) and one that names
    # the post ("… vastuuhenkilö", "person responsible for …").
    held: str
    holds: str  # "{responsibility}"
    names_post: str  # "{responsibility}"
    # One person whose responsibility names their post: the post, then who holds it.
    post_holder: str  # "{responsibility}", "{label}"
    person: str  # a person in a contact line: "{title} {name}"
    role: str  # a post with no name: "{title}"
    deputy: str  # after a post that a deputy may hold
    parts_one: str  # "{name}: siihen kuuluu {parts}."
    parts_many: str
    counted: str  # a list asked to be counted: "{items} (yhteensä {count})"
    which_topic: str
    yes: str  # opens a yes/no question's answer that settles it (bot.answering.verdicts)
    no: str
    # "No information on <what>" about a topic (gaps) and about an asked detail (details).
    gap: str
    gaps: Dict[str, str]
    # A topic without the kind of text that only the intent guessed: what it is, no word of
    # what is missing, since the visitor did not ask for it.
    unsure: str
    unknown_detail: str
    details: Dict[str, str]
    countries: Dict[str, str]  # by ISO code, as details["regions"] takes them
    help: Dict[str, str]
    # Every honest decline contains one of these; `make eval` tells declines from wrong
    # answers by them.
    declines: Tuple[str, ...]
    service_problem: str
    source: str  # an answer's last line: where on the council's page its facts are
    errors: Dict[str, str]

    def join(self, items: Sequence[str]) -> str:
        """'A, B ja C' ('A, B and C') as lists are written; items that have commas of their
        own ("Matti Meikäläinen, director of …") are parted by semicolons."""
        items = list(items)
        if len(items) <= 1:
            return "".join(items)
        if any("," in item for item in items):
            return f"{'; '.join(items[:-1])}; {self.and_word} {items[-1]}"
        return f"{', '.join(items[:-1])} {self.and_word} {items[-1]}"


FINNISH = Phrases(
    small_talk={
        "greet": "Hei! Olen Kainuun liiton kansainvälisen toiminnan chatbot. Kysy minulta "
        "esimerkiksi verkostoista, rahoitusohjelmista tai yhteyshenkilöistä.",
        "goodbye": "Kiitos käynnistä ja hyvää päivänjatkoa!",
        "thank": "Ole hyvä! Kysy vain lisää, jos jokin jäi mietityttämään.",
        "bot_challenge": "Olen chatbot, en ihminen. Vastaukseni perustuvat Kainuun liiton "
        "kansainvälistä toimintaa koskeviin tietoihin. Kysy vaikka, keneen voit "
        "ottaa yhteyttä.",
    },
    and_word="ja",
    copulas=("on", "ovat"),
    contact_one="Kainuun liitossa yhteyshenkilönä toimii",
    contact_many="Kainuun liitossa yhteyshenkilöinä toimivat",
    contact_also="Lisätietoja antaa",
    held=r"^\w*vastuu\b",
    holds=", jolla on {responsibility}",
    names_post=", {responsibility}",
    post_holder="Kainuun liitossa {responsibility} on {label}.",
    person="{title} {name}",
    role="{title}",
    deputy=" tai hänen sijaisensa",
    parts_one="{name}: siihen kuuluu {parts}.",
    parts_many="{name}: siihen kuuluvat {parts}.",
    counted="{items} (yhteensä {count})",
    yes="Kyllä.",
    no="Ei.",
    which_topic="Mistä aiheesta haluat tietää? Valitse alta tai kirjoita kysymys uudelleen ja "
    "mainitse aihe, esimerkiksi Barents-yhteistyö tai EU-toimisto.",
    # {what} may name the topic itself ({topic}).
    # No topic name in the frame: "Aiheesta <nimi>" reads as a wrong case, and what is known
    # names it.
    gap="Minulla ei ole tietoa {what}. {known} {contact}",
    unsure="En löydä tähän suoraa vastausta, mutta voin kertoa tämän: {known} {contact}",
    gaps={
        "purpose": "tavoitteista",
        "where": "sijainnista",
        "when": "ajankohdista tai siitä, onko toiminta yhä käynnissä",
        "how": "siitä, miten mukaan pääsee tai miten toiminta käytännössä järjestetään",
        "members": "jäsenistä",
    },
    unknown_detail="Valitettavasti minulla ei ole tietoa {what}. {known} {contact}",
    details={
        "amount": "rahamääristä",
        "contact_details": "sähköpostiosoitteista tai puhelinnumeroista",
        "schedule": "päivämääristä ja aikatauluista",
        "year": "vuosiluvusta",
        "frequency": "siitä, kuinka usein tätä järjestetään",
        "status": "siitä, jatkuuko toiminta yhä",
        "count": "tästä lukumäärästä",
        "personal": "henkilöiden henkilökohtaisista asioista",
        "name": "henkilön nimestä",
        "leader": "siitä, kuka sitä johtaa",
        "regions": "{country} jäsenalueista",
    },
    countries={"fi": "Suomen", "se": "Ruotsin", "no": "Norjan", "ru": "Venäjän"},
    help={
        "capabilities": "Vastaan kysymyksiin Kainuun liiton kansainvälisestä toiminnasta: "
        "verkostoista, rahoitusohjelmista ja yhteyshenkilöistä. Voit kysyä "
        "esimerkiksi, mikä jokin verkosto on, keitä siihen kuuluu, mikä sen "
        "tavoite on tai keneen ottaa yhteyttä.",
        "out_of_scope": "Tähän en osaa vastata. Vastaan vain Kainuun liiton kansainvälistä "
        "toimintaa koskeviin kysymyksiin.",
        "other_organisation": "Tähän en osaa vastata: minulla ei ole tietoa muista "
        "organisaatioista. Vastaan vain Kainuun liiton "
        "kansainvälistä toimintaa koskeviin kysymyksiin.",
        "other_programme": "Valitettavasti minulla ei ole tietoa tästä ohjelmasta. Tunnen "
        "vain ne rahoitusohjelmat, jotka Kainuun liitto esittelee kansainvälisen toiminnan "
        "sivuillaan.",
        "unknown_person": "Valitettavasti minulla ei ole tietoa kysymästäsi henkilöstä. Tiedän "
        "vain Kainuun liiton kansainvälisen toiminnan yhteyshenkilöistä.",
        "contact_details": "Minulla ei ole sähköpostiosoitteita, puhelinnumeroita eikä "
        "postiosoitteita, enkä arvaa niitä.",
        "fallback": "Valitettavasti en ymmärtänyt kysymystäsi varmasti, enkä halua arvata. "
        "Voit kirjoittaa sen toisin sanoin tai valita aiheen alta.",
    },
    declines=(
        "minulla ei ole tietoa",
        "Tähän en osaa vastata",
        "en ymmärtänyt",
        "Mistä aiheesta haluat tietää",
        "Minulla ei ole sähköpostiosoitteita",
        "En löydä tähän suoraa vastausta",
    ),
    service_problem="Palvelussa on juuri nyt häiriö, enkä pysty vastaamaan. "
    "Yritä hetken kuluttua uudelleen.",
    source="Lähde: {title}",
    errors={
        "too_large": "Pyyntö on liian suuri.",
        "not_json": "Pyynnön pitää olla JSON-muotoinen.",
        "not_object": "Pyynnön pitää olla JSON-olio, jossa on kentät sender ja message.",
        "sender": "Keskustelun tunniste (sender) puuttuu tai on virheellinen.",
        "no_message": "Viesti (message) puuttuu tai ei ole tekstiä.",
        "empty": "Viesti on tyhjä.",
        "too_long": "Viesti on liian pitkä: enintään {limit} merkkiä.",
        "not_found": "Tiedostoa ei löydy.",
        "forget_failed": "Keskustelun poistaminen ei juuri nyt onnistu.",
        "feedback": "Palautteessa pitää olla vastauksen tunniste (answer) ja arvio (helpful: "
        "true tai false).",
        "unknown_answer": "Arvioitavaa vastausta ei löydy tästä keskustelusta.",
        "already_rated": "Tähän vastaukseen on jo annettu palaute.",
        "feedback_failed": "Palautteen tallentaminen ei juuri nyt onnistu.",
        "too_many": "Viestejä tulee nyt tiheämmin kuin ehdin vastata. Odota hetki ja yritä "
        "sitten uudelleen.",
    },
)

ENGLISH = Phrases(
    small_talk={
        "greet": "Hello! I'm the Regional Council of Kainuu's chatbot for its international "
        "activities. Ask me, for example, about networks, funding programmes or "
        "contact people.",
        "goodbye": "Thank you for visiting, and have a nice day!",
        "thank": "You're welcome! Just ask if there is anything else you would like to know.",
        "bot_challenge": "I am a chatbot, not a person. My answers are based on information "
        "about the Regional Council of Kainuu's international activities. "
        "You could ask, for example, whom to contact.",
    },
    and_word="and",
    copulas=("is", "are", "been"),
    contact_one="At the Regional Council of Kainuu, the contact person is",
    contact_many="At the Regional Council of Kainuu, the contact persons are",
    contact_also="For more information, contact",
    held=r"^(\w+ )?responsibility\b",
    holds=", who has {responsibility}",
    names_post=", the {responsibility}",
    post_holder="At the Regional Council of Kainuu, the {responsibility} is {label}.",
    person="{name}, {title}",
    role="the {title}",
    deputy=", or their deputy",
    parts_one="{name} includes {parts}.",
    parts_many="{name} includes {parts}.",
    counted="{items} ({count} in total)",
    yes="Yes.",
    no="No.",
    which_topic="Which topic would you like to know about? Choose below, or write your "
    "question again and name the topic, for example the Barents cooperation or "
    "the EU office.",
    gap="I have no information on {what}. {known} {contact}",
    unsure="I can't find a direct answer to that, but here is what I do know: {known} {contact}",
    gaps={
        "purpose": "the aims of {topic}",
        "where": "the location of {topic}",
        "when": "the dates of {topic}, or whether it is still going on",
        "how": "how to take part in {topic}, or how it is organised in practice",
        "members": "the members of {topic}",
    },
    unknown_detail="I'm sorry, I have no information on {what}. {known} {contact}",
    details={
        "amount": "amounts of money",
        "contact_details": "e-mail addresses or phone numbers",
        "schedule": "dates and schedules",
        "year": "the year",
        "frequency": "how often this takes place",
        "status": "whether it is still going on",
        "count": "this number",
        "personal": "people's personal matters",
        "name": "the person's name",
        "leader": "who leads it",
        "regions": "the member regions in {country}",
    },
    countries={"fi": "Finland", "se": "Sweden", "no": "Norway", "ru": "Russia"},
    help={
        "capabilities": "I answer questions about the international activities of the "
        "Regional Council of Kainuu: its networks, funding programmes and "
        "contact people. You can ask, for example, what a network is, who "
        "belongs to it, what its aim is or whom to contact.",
        "out_of_scope": "I can't answer that. I only answer questions about the international "
        "activities of the Regional Council of Kainuu.",
        "other_organisation": "I can't answer that: I have no information about other "
        "organisations. I only answer questions about the "
        "international activities of the Regional Council of Kainuu.",
        "other_programme": "I'm sorry, I have no information on that programme. I only know "
        "the funding programmes that the Regional Council of Kainuu presents on its pages "
        "about international activities.",
        "unknown_person": "I'm sorry, I have no information on the person you asked about. I "
        "only know the contact people for the Regional Council of Kainuu's international "
        "activities.",
        "contact_details": "I have no e-mail addresses, phone numbers or postal addresses, and "
        "I won't guess them.",
        "fallback": "Sorry, I'm not sure I understood your question, and I don't want to "
        "guess. You can rephrase it or choose a topic below.",
    },
    declines=(
        "I have no information",
        "I can't answer",
        "not sure I understood",
        "Which topic would you like",
        "I have no e-mail addresses",
        "I can't find a direct answer",
    ),
    service_problem="The service is having problems right now, so I can't answer. "
    "Please try again in a moment.",
    source="Source (in Finnish): {title}",
    errors={
        "too_large": "The request is too large.",
        "not_json": "The request must be JSON.",
        "not_object": "The request must be a JSON object with the fields sender and message.",
        "sender": "The conversation id (sender) is missing or invalid.",
        "no_message": "The message is missing or is not text.",
        "empty": "The message is empty.",
        "too_long": "The message is too long: at most {limit} characters.",
        "not_found": "File not found.",
        "forget_failed": "The conversation cannot be deleted right now.",
        "feedback": "Feedback needs the answer's id (answer) and a rating (helpful: true or "
        "false).",
        "unknown_answer": "The answer to rate is not in this conversation.",
        "already_rated": "This answer has already been rated.",
        "feedback_failed": "The feedback cannot be saved right now.",
        "too_many": "Messages are arriving faster than I can answer. Please wait a moment and "
        "try again.",
    },
)

PHRASES = {"fi": FINNISH, "en": ENGLISH}
# Every language's declines, for telling a decline from an answer whatever the language.
DECLINES = tuple(d for p in PHRASES.values() for d in p.declines)


def declines(text: str) -> bool:
    """Whether a text holds an honest decline, in either language and either case ("Minulla ei
    ole tietoa …" opens a reply)."""
    folded = text.casefold()
    return any(d.casefold() in folded for d in DECLINES)
