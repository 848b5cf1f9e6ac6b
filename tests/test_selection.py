"""Answers chosen from passages (bot.answering.passages, bot.answering.selection,
bot.language.questions through bot.answering.answers.Answerer.respond): the fact is found in
whatever field it sits, and what the knowledge base does not hold is declined as such."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot import knowledge
from bot.answering import passages, semantics
from bot.answering.answers import Answerer
from bot.language import organisations, questions
from bot.language.phrases import declines


@pytest.fixture(scope="module")
def answerer(kb) -> Answerer:
    return Answerer(kb)


def ask(answerer: Answerer, text: str, *args, **kwargs):
    """The answerer's reply to a message, read once as the action reads it."""
    return answerer.respond(answerer.read(text), *args, **kwargs)


@pytest.mark.parametrize(
    "question, kind, topics, context, expected",
    [
        # The fact sits in another field than the kind's own.
        (
            "Kenelle kansainvälisten asioiden tiimi raportoi?",
            "contact",
            ["kv_tiimi"],
            None,
            "johtoryhmälle",
        ),
        ("Mikä on Barentsin yhteistyön ylin toimielin?", "what", ["barents"], None, "BEAC"),
        # Whether it still goes on: the passage that tells what stopped it.
        (
            "Onko yhteistyö Venäjän kanssa yhä käynnissä?",
            "what",
            ["venaja_yhteistyo"],
            None,
            "2022",
        ),
        # "Why" asks for a cause, which the topic's texts give without a field for aims.
        ("Miksi ohjelmatyö muuttui?", "purpose", ["karelia_cbc"], None, "Ukrainan"),
        # A word that Snowball cuts to two letters ("ylin") still matches.
        ("mikä on barentsin ylin päättävä elin", "what", ["barents"], None, "BEAC"),
        (
            "Tehdäänkö Barents-yhteistyötä valtioiden vai alueiden tasolla?",
            "what",
            ["barents"],
            None,
            "valtioiden tasolla",
        ),
        # A yes/no question the NLU was unsure of, answered by the passage that decides it.
        (
            "Onko Barents Games osa virallista Barents-yhteistyötä?",
            None,
            ["barents_sports", "barents"],
            None,
            "erillisenä",
        ),
        # Parts of the topic in context.
        (
            "entä sen sihteeristö, mitä se tekee?",
            "what",
            [],
            "euregio_karelia",
            "kokousten välillä",
        ),
        (
            "kuka sen toimeenpanoa edistää ja seuraa?",
            "contact",
            [],
            "venaja_strategia",
            "strategiaryhmä",
        ),
        # "Who" is answered by a body of the topic that does it, not the council's contact person.
        (
            "kuka seuraa strategian toteutumista?",
            "contact",
            [],
            "venaja_strategia",
            "strategiaryhmä",
        ),
        # A figure asked for: the passage with the figure.
        (
            "Montako aluetta Barentsin yhteistyöalueeseen kuuluu?",
            "members",
            ["barents"],
            None,
            "13",
        ),
        # An organisation named in the knowledge base is answered, not declined.
        (
            "Mikä oli Pohjois-Pohjanmaan liiton rooli Karelia CBC -ohjelmassa?",
            "what",
            ["karelia_cbc"],
            None,
            "hallintoviranomaisena",
        ),
        # A topic named in full in the background is the one a broader name then asks about.
        (
            "Luin Kainuun kansainvälisten toimijoiden verkostosta. Miten verkosto kokoontuu?",
            "how",
            ["toimijaverkosto", "verkostot"],
            None,
            "tarvittaessa",
        ),
        # A broader topic named with a word that points back means the one in context.
        ("onko se verkosto virallinen?", "what", ["verkostot"], "toimijaverkosto", "epävirallinen"),
        # Background before the question does not lead astray.
        (
            "Olen yrittäjä Kajaanista. Mitä Brysselin EU-toimisto oikeastaan tekee?",
            "what",
            ["eu_toimisto"],
            None,
            "elinkeinoelämän",
        ),
        # A word that means the same as the text's ("korkein" and "ylin").
        ("Mikä on Barentsin yhteistyön korkein elin?", "what", ["barents"], None, "BEAC"),
        # "koko yhteistyön" after a part of it asks about the whole.
        (
            "entä mikä on koko yhteistyön korkein toimielin?",
            "what",
            [],
            "barents_sihteeristo",
            "BEAC",
        ),
    ],
)
def test_the_passage_with_the_fact_answers(answerer, question, kind, topics, context, expected):
    reply = ask(answerer, question, kind, topics, context)
    assert expected in reply.text
    assert not declines(reply.text)


@pytest.mark.parametrize(
    "question, kind, topics, lacking, not_said",
    [
        (
            "Kuka on Lapin liiton maakuntajohtaja?",
            "person",
            ["maakuntajohtaja"],
            "muista organisaatioista",
            "Yleisvastuu",
        ),
        (
            "Paljonko rahaa Karelia CBC:stä voi saada yhteen hankkeeseen?",
            "how",
            ["karelia_cbc"],
            "rahamääristä",
            "euroa",
        ),
        (
            "Minä vuonna Euregio Karelia perustettiin?",
            "when",
            ["euregio_karelia"],
            "vuosiluvusta",
            "1996",
        ),
        (
            "Kuka johtaa Barents-sihteeristöä?",
            "contact",
            ["barents_sihteeristo"],
            "kuka sitä johtaa",
            "Sukuvaara",  # a name after "I do not know who" would read as the answer
        ),
        (
            "Kuka on Kirkkoniemen Barents-sihteeristön johtaja?",
            "contact",
            ["barents_sihteeristo"],
            "kuka sitä johtaa",
            "Sukuvaara",
        ),
        ("Montako työntekijää EU-toimistossa on?", None, ["eu_toimisto"], "lukumäärästä", "13"),
        # A known person's own life is not on the page; a person it does not name is unknown.
        (
            "Minkä ikäinen Katja Sukuvaara on?",
            "person",
            ["katja_sukuvaara"],
            "henkilökohtaisista asioista",
            "vuotias",
        ),
        (
            "Mikä on Liisa Virtasen tehtävä kansainvälisissä asioissa?",
            "purpose",
            ["kansainvalinen_toiminta"],
            "kysymästäsi henkilöstä",
            "kehittämistavoit",
        ),
    ],
)
def test_what_the_knowledge_base_lacks_is_declined_as_such(
    answerer, question, kind, topics, lacking, not_said
):
    reply = ask(answerer, question, kind, topics)
    assert declines(reply.text) and lacking in reply.text
    assert not_said not in reply.text
    assert reply.outcome == "declined"


@pytest.mark.parametrize(
    "lang, question, kind, topics, reason",
    [
        ("fi", "Mitä sisävesikalastus maksaa?", None, [], None),
        ("fi", "Kuka on Lapin liiton maakuntajohtaja?", "person", [], "other_organisation"),
        # Nothing fits, and the question is about another organisation: that is the reason.
        (
            "fi",
            "Millaisia kirjastopalveluja Kuhmon kaupunki tarjoaa?",
            None,
            [],
            "other_organisation",
        ),
        ("fi", "Mitä Interreg Aurora -ohjelma rahoittaa?", "what", [], "other_programme"),
        ("fi", "Paljonko rahaa Karelia CBC:stä saa?", "how", ["karelia_cbc"], "detail:amount"),
        ("fi", "Miten EU-toimistoon pääsee mukaan?", "how", ["eu_toimisto"], "gap:how"),
        ("en", "Who is John Smith?", "person", [], "unknown_person"),
        ("en", "How old is Jouni Ponnikas?", "person", ["jouni_ponnikas"], "detail:personal"),
        ("en", "Where is the EU office?", "where", ["eu_toimisto"], ""),
        # A name's words ask for no detail: "Euro" here is no amount of money.
        ("en", "Tell me about the Barents Euro-Arctic Council", "what", ["beac"], ""),
    ],
)
def test_a_reply_records_what_became_of_the_question(kb, lang, question, kind, topics, reason):
    """Staff's report counts declines by their reason; an answer has none."""
    reply = ask(Answerer(kb, lang), question, kind, topics)
    if reason is None:
        assert reply is None  # nothing fits: the actions give the help reply
        return
    assert reply.reason == (reason or None)
    assert reply.outcome == ("declined" if reason else "answered")


def test_in_context_it_means_the_topic_not_another_part_of_its_tree(answerer):
    """After the Barents secretariat, "kuka sitä johtaa?" asks who leads the secretariat (not
    known), not about the youth council's board."""
    text = ask(answerer, "kuka sitä johtaa?", "contact", [], "barents_sihteeristo").text
    assert declines(text) and "kuka sitä johtaa" in text
    assert "BRYC" not in text


def test_a_gap_tells_what_the_topic_is_and_is_for(answerer, kb):
    text = ask(answerer, "Miten EU-toimistoon pääsee mukaan?", "how", ["eu_toimisto"]).text
    assert declines(text)
    assert kb.get("eu_toimisto").text("purpose") in text


def test_a_long_question_the_nlu_could_not_read_is_not_guessed(answerer):
    """A name with little else asks what it is; many other words ask something unknown."""
    assert ask(answerer, "Barents?", None, ["barents"]).text.startswith("Barentsin")
    assert (
        ask(
            answerer,
            "Luin lehdestä Barentsista, mutta mitenköhän naapurikylän "
            "hiihtoladut tänä talvena aurataan?",
            None,
            ["barents"],
        )
        is None
    )


def test_a_known_detail_is_given_not_declined(answerer):
    text = ask(
        answerer,
        "Mistä vuodesta lähtien Kainuu on ollut mukana raja-alueyhteistyössä?",
        "when",
        ["karelia_cbc"],
    ).text
    assert "1996" in text and not declines(text)


def test_nothing_fits_a_question_without_topic_or_matching_passage(answerer):
    assert ask(answerer, "Mikä on sää huomenna?", None, []) is None


def test_a_button_payload_gets_the_kinds_composed_answer(answerer, kb):
    assert ask(answerer, "", "what", ["beac"]).text.startswith(kb.get("beac").text("what"))


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Euregio Karelia on yhteistyöalue. Sen tarkoituksena on kehittää aluetta. "
            "Hallitus kokoontuu.",
            [
                "Euregio Karelia on yhteistyöalue. Sen tarkoituksena on kehittää aluetta.",
                "Hallitus kokoontuu.",
            ],
        ),
        (
            "Karelia CBC -ohjelma (2014–2020) oli viimeisin. Kainuu on ollut mukana 1996 lähtien.",
            [
                "Karelia CBC -ohjelma (2014–2020) oli viimeisin.",
                "Kainuu on ollut mukana 1996 lähtien.",
            ],
        ),
    ],
)
def test_texts_split_into_sentences_that_stand_alone(text, expected):
    assert passages.WORDINGS["fi"].split(text) == expected


def test_background_sentences_are_not_what_is_asked():
    finnish = passages.WORDINGS["fi"]
    asked = finnish.asking_part("Olen yrittäjä Kajaanista. Mitä EU-toimisto tekee?")
    assert asked == "Mitä EU-toimisto tekee?"
    assert finnish.asking_part("mitä eu-toimisto tekee") == "mitä eu-toimisto tekee"


@pytest.mark.parametrize(
    "question, others",
    [
        ("Kuka on Lapin liiton maakuntajohtaja?", True),
        ("Mitä kansainvälistä toimintaa Oulun kaupungilla on?", True),
        ("Kuka vastaa Pohjois-Karjalan maakuntaliitossa EU-asioista?", True),
        ("Millainen Barents-strategia Tromssan fylkellä on?", True),
        ("Kuka hoitaa Barents-asioita Region Norrbottenissa?", True),
        ("Kuka on Kainuun liiton maakuntajohtaja?", False),
        ("Mikä rooli maakuntien liitoilla on?", False),
        ("Mikä norjalainen kaupunki on sihteeristön paikka?", False),
        ("Mitä palveluja Sotkamon kunta tarjoaa?", True),
        # "liittyvissä" is no "liitto", "vain" no owner, an adjective names no one.
        ("Kuka vastaa Barents-yhteistyöhön liittyvissä kysymyksissä?", False),
        ("Keneltä kysyn EU-rahoitukseen liittyvissä asioissa?", False),
        ("Teetkö töitä vain maakuntajohtajan kanssa?", False),
        ("Kuka on nykyisen maakuntajohtajan sijainen?", False),
        # A question word before "liitto"; the council's own post with its name misspelt.
        ("Miten liitto suhtautuu monikulttuurisuuteen?", False),
        ("kuka on kainuun liton aluekehityspäällikkö?", False),
    ],
)
def test_another_organisation_is_recognised(question, others):
    assert bool(organisations.organisations(question)) is others


@pytest.mark.parametrize(
    "question, found",
    [
        ("Who is the mayor of the Regional Council of Lapland?", {"lapland council"}),
        ("What does Lapland's regional council do?", {"lapland council"}),
        ("What does the North Karelia regional council do?", {"north karelia council"}),
        ("What was the role of the Regional Council of North Karelia?", {"north karelia council"}),
        ("Who is Oulu's mayor?", {"oulu mayor"}),
        ("What does Troms county say about Barents?", {"troms county"}),
        ("Who handles Barents at Region Västerbotten?", {"region vasterbotten"}),
        ("who handles barents at region norrbotten", {"region norrbotten"}),
        ("Which regions of the Barents region are Finnish?", set()),
        ("Who sits in the Barents Region Youth Council?", set()),
        ("Who leads the Barents Regional Council?", set()),
        ("What are the tasks of the council's international affairs team?", set()),
        ("Who is the regional mayor of Kainuu?", set()),
        ("In which years was the town of Kostomuksha built?", set()),
    ],
)
def test_another_organisation_is_recognised_in_english(question, found):
    assert {key for key, _ in organisations.organisations(question, "en")} == found


@pytest.mark.parametrize(
    "question, detail",
    [
        ("Paljonko rahaa hankkeeseen voi saada?", "amount"),
        ("Mikä on EU-toimiston katuosoite?", "contact_details"),
        ("Milloin seuraavat kisat pidetään?", "schedule"),
        ("Kuinka usein tiimi kokoontuu?", "frequency"),
        ("Montako jäsentä neuvostossa on?", "count"),
        ("paljonks niis on jäseniä", "count"),  # a plural partitive counts
        ("Paljonko hankkeita on rahoitettu?", "count"),
        ("Kuinka paljon jäseniä siinä on?", "count"),
        ("Paljonko Karelia CBC -ohjelmasta sai tukea?", "amount"),  # "Karelia": no plural
        ("Paljonko johtaja tienaa?", "amount"),
        ("Paljonko euroja hankkeisiin jaettiin?", "amount"),
        ("Mikä on maakuntajohtajan nimi?", "name"),
        # "perustettu" asks for a year only with "milloin".
        ("Milloin strategiaryhmä perustettiin?", "year"),
        ("Miksi strategiaryhmä on perustettu?", None),
        ("Minä päivänä strategia julkaistiin?", "schedule"),
        # A yes/no question asks for a name only in the word "nimi".
        ("Ovatko vastuuhenkilöt aina samat henkilöt?", None),
        ("Onko sihteeristön johtajan nimi Olsen?", "name"),
        ("Jatkuuko Venäjä-strategian toteutus yhä?", "status"),
        ("Onko Barents-yhteistyö edelleen voimassa?", "status"),
        ("Kerro vielä Barentsista", None),  # "vielä" here asks for more
        ("entä vielä EU-toimisto?", None),
        ("Mikä on Euroopan politiikan taso?", None),
    ],
)
def test_the_detail_a_question_asks_for(question, detail):
    asked = [d.name for d in questions.asked_details(question)]
    assert asked == ([detail] if detail else [])


@pytest.mark.parametrize(
    "lang, text, gives",
    [
        ("fi", "Neuvostoon kuuluu yhdestä kolmeen edustajaa.", True),
        ("fi", "Alueella on 13 maakuntaa.", True),
        ("fi", "Se on yksi alueyhteistyön elimistä, perustettu 1993.", False),
        ("en", "The council has one representative from each region.", True),
        ("en", "It is one of the bodies, founded in 1993.", False),
    ],
)
def test_a_count_is_a_number_or_a_number_word_but_not_a_year(lang, text, gives):
    """Else "Montako edustajaa?" is declined before the answer that says "yhdestä"."""
    count = next(d for d in questions.DETAILS[lang] if d.name == "count")
    assert questions.gives(count, text) is gives


@pytest.mark.parametrize(
    "reason, offers_people",
    [
        ("other_programme", True),
        ("unknown_person", True),
        ("out_of_scope", False),
        ("other_organisation", False),
        ("fallback", False),
    ],
)
def test_a_decline_offers_the_councils_people_only_where_they_may_know(
    answerer, reason, offers_people
):
    """The regional mayor is no help with a recipe or with another organisation's matters."""
    assert ("Lisätietoja antaa" in answerer.help(reason).text) is offers_people


def test_one_part_is_said_in_the_singular(answerer):
    text = answerer.answer("members", ["kansainvalinen_toiminta"]).text
    assert "kuuluu Kansainvälisten asioiden tiimi." in text


def test_a_flood_of_unseen_words_embeds_only_a_few(answerer):
    """Each unseen word costs about 9 ms of the model's CPU; a message of 500 cannot make it
    embed more than a few."""
    word = semantics._word
    before = word.cache_info().misses
    ask(answerer, " ".join(f"sanaton{i}" for i in range(500)) + "?", None, [])
    assert word.cache_info().misses - before <= 20


def test_the_best_passages_object_is_the_topic_after_the_answer(answerer):
    """The answer also quotes a passage of Barents (first in the knowledge base); "Who is in
    it?" next asks about the youth council."""
    reply = ask(answerer, "Onko Barents-yhteistyössä jokin nuorten elin?", "what", ["barents"])
    assert "nuorisoneuvosto" in reply.text
    assert reply.topic == "barents_youth"


def test_a_topic_found_in_the_passages_answers_the_kind(answerer):
    """No topic is named, but the passages find the actors' network: "how does it work" is
    then answered from its text on how, as if the network had been named."""
    reply = ask(
        answerer,
        "Voiko yhdistys liittyä kansainvälisten toimijoiden yhteistyöhön, ja miten se "
        "käytännössä toimii?",
        "how",
        [],
    )
    assert reply.topic == "toimijaverkosto"
    assert "tarvittaessa" in reply.text


@pytest.mark.parametrize(
    "lang, question, cause",
    [
        ("fi", "miksi?", "hyökkäyssota"),
        ("fi", "Mikä sen aiheutti?", "hyökkäyssota"),
        ("en", "Why?", "war"),
        ("en", "What caused it?", "war"),
    ],
)
def test_a_bare_why_is_answered_with_what_stopped_it(kb, lang, question, cause):
    """After the end of cooperation with Russia, "why?" gets the passage that tells what
    suspended it, not the gap for aims."""
    reply = ask(Answerer(kb, lang), question, "purpose", [], "venaja_yhteistyo")
    assert cause in reply.text and not declines(reply.text)


@pytest.mark.parametrize(
    "lang, question",
    [
        ("fi", "Kuka Kainuun liitossa hoitaa yhteistyötä EU:n suuntaan?"),
        ("en", "Who at the council takes care of cooperation with the EU?"),
    ],
)
def test_who_is_answered_with_a_person_whatever_the_intent(kb, lang, question):
    """Taken for "what is EU cooperation", a "who" question still gets its person, not only
    "a designated person is responsible"."""
    reply = ask(Answerer(kb, lang), question, "what", ["eu_yhteistyo"])
    assert "Ponnikas" in reply.text


@pytest.mark.parametrize(
    "lang, question, asks",
    [
        ("fi", "Kuka Kainuun liitossa vastaa Barentsista?", True),
        ("fi", "Kehen otan yhteyttä?", True),
        ("fi", "Ketkä ovat mukana verkostossa?", False),
        ("fi", "Ketkä kuuluvat hallitukseen?", False),
        ("en", "Who is in charge of EU matters?", True),
        ("en", "Who takes part in it?", False),
    ],
)
def test_who_asks_for_a_person_not_for_members(lang, question, asks):
    assert questions.asks_who(question, lang) is asks


def test_who_belongs_gets_no_contact_line(answerer):
    reply = ask(
        answerer, "Ketkä kuuluvat Euregio Karelian hallitukseen?", "what", ["euregio_hallitus"]
    )
    assert "vastaa" not in reply.text and "korkeasta poliittisesta" in reply.text


@pytest.mark.parametrize(
    "lang, question, fact",
    [
        (
            "fi",
            "Onko maakunnassa jokin verkosto, jossa paikalliset kansainväliset toimijat "
            "tapaavat toisiaan?",
            "avoin",
        ),
        (
            "en",
            "Is there a network where local organisations working internationally can meet "
            "each other?",
            "open",
        ),
    ],
)
def test_some_network_may_mean_one_of_the_networks(kb, lang, question, fact):
    """ "Some network" links to the collection of networks; the one described answers."""
    reply = ask(Answerer(kb, lang), question, "what", ["verkostot"])
    assert reply.topic == "toimijaverkosto" and fact in reply.text


def test_a_passage_holding_the_detail_answers_without_shared_words(kb):
    """ "Who directs …" shares no word with "steered by a board … led by the board's chair",
    but that passage holds who leads it: the answer, not "I don't know who leads it"."""
    reply = ask(Answerer(kb, "en"), "Who directs what the BRYC does?", None, ["barents_youth"])
    assert "board's chair" in reply.text and not declines(reply.text)


def test_what_it_is_for_is_not_said_twice(answerer):
    """BRYC's description already says its main aim; the purpose text says it again."""
    assert answerer.answer("what", ["barents_youth"]).text.count("päätavoitteena") == 1


@pytest.mark.parametrize(
    "question, kind, topics, context, not_about",
    [
        (
            "Mikä on Barents-yhteistyö ja mitä se tavoittelee?",
            "what",
            ["barents"],
            "barents_youth",
            "nuorisoneuvosto",
        ),
        (
            "What is Barents cooperation and what does it aim at?",
            "what",
            ["barents"],
            "barents_youth",
            "youth",
        ),
    ],
)
def test_a_pronoun_elsewhere_does_not_point_back_to_the_context(
    kb, question, kind, topics, context, not_about
):
    answerer = Answerer(kb, "en" if question.startswith("What") else "fi")
    reply = ask(answerer, question, kind, topics, context)
    assert reply.topic == "barents" and not_about not in reply.text


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Onko EU-toimisto Brysselissä?", True),
        ("onks kainuu mukana siinä?", True),  # spoken -ks for -ko
        ("Kuuluuko Lappi Barentsin alueeseen?", True),
        ("Montako aluetta Barentsin alueella on?", False),  # -ko, but asks how many
        ("paljonks niitä on?", False),
        ("miks se keskeytyi?", False),
        ("Thanks, I'll call them", False),
    ],
)
def test_a_yes_no_question_is_told_by_its_first_word(question, expected):
    assert questions.yes_no(question) is expected


@pytest.mark.parametrize(
    "lang, question",
    [
        ("fi", "Miten Kainuu on mukana Interreg Aurora -ohjelmassa?"),
        ("en", "How is Kainuu involved in the Interreg Aurora programme?"),
    ],
)
def test_a_programme_not_in_the_knowledge_base_is_anothers(kb, lang, question):
    text = ask(Answerer(kb, lang), question, "what", ["rahoitusohjelmat"]).text
    assert declines(text)
    assert "Karelia CBC" not in text


@pytest.mark.parametrize(
    "question, unknown",
    [
        ("Kerro Karelia CBC -ohjelmasta", []),
        ("Onko EU-ohjelmia?", []),  # a sentence's first word is no name
        ("Interreg Aurora -ohjelma?", ["Aurora"]),  # its first word may be the sentence's
        ("Kerro Interreg Aurora -ohjelmasta", ["Interreg Aurora"]),
        ("Voiko Erasmus+-rahoitusta hakea?", ["Erasmus+"]),
        ("How can a school apply for Erasmus+ funding?", ["Erasmus+"]),
        ("Who decides on Karelia CBC funding?", []),
        ("Is there Finnish funding for youth projects?", []),
    ],
)
def test_a_programmes_name_is_known_by_its_words(question, unknown):
    lang = "en" if question.split()[0] in ("How", "Who", "Is") else "fi"
    assert organisations.other_programmes(question, {"karelia", "cbc"}, lang) == unknown


def test_the_whole_after_a_part_is_the_parts_root(kb):
    reply = ask(
        Answerer(kb, "en"),
        "And what is the top body of the whole cooperation?",
        "what",
        [],
        "barents_sihteeristo",
    )
    assert "Barents Euro-Arctic Council" in reply.text


@pytest.mark.parametrize(
    "question, word",
    [
        ("Kenelle tiimi rapotoi?", "raportoi"),  # a letter left out
        ("Missä nuorisoneuvsto toimii?", "nuorisoneuvosto"),
        ("Ketä EU-toimisto edustaa?", "edustaa"),  # a word of its own, not "edistää"
    ],
)
def test_a_typo_is_read_as_the_passages_word(answerer, question, word):
    q = answerer.asker.question(answerer.read(question), None, [], False)
    assert word in [w.form for w in q.words]


def test_a_typo_in_an_inflected_word_is_read_by_its_stem(kb):
    """ "framworks" is two slips from the passage's "framework" but one from its stem."""
    answerer = Answerer(kb, "en")
    question = "What are the main framworks for Kainuu's internationalisaton?"
    q = answerer.asker.question(answerer.read(question), None, [], False)
    assert "framework" in [w.form for w in q.words]
    reply = ask(answerer, question, "purpose", ["kansainvalistyminen"])
    assert reply.text.startswith("The framework for the region's internationalisation")


@pytest.mark.parametrize(
    "lang, question, named, not_named",
    [
        (
            "fi",
            "Kenellä on yleisvastuu kansainvälisestä toiminnasta?",
            ["maakuntajohtaja"],
            ["Ponnikas"],
        ),
        (
            "en",
            "Who has the overall responsibility for international activities?",
            ["mayor"],
            ["Ponnikas"],
        ),
        ("fi", "Kuka vastaa kansainvälisestä toiminnasta?", ["Ponnikas", "Sukuvaara"], []),
    ],
)
def test_the_contact_whose_responsibility_is_asked_is_named(kb, lang, question, named, not_named):
    text = ask(Answerer(kb, lang), question, "contact", ["kansainvalinen_toiminta"]).text
    assert all(n in text for n in named)
    assert not any(n in text for n in not_named)


def test_a_name_the_nlu_took_for_out_of_scope_asks_what_it_is(kb):
    """With one word besides the name it asks what that is; with more it is not guessed."""
    english = Answerer(kb, "en")
    reply = ask(
        english,
        "How does the council view multiculturalism?",
        None,
        ["kansainvalistyminen"],
        in_scope=False,
    )
    assert "resource" in reply.text
    assert (
        ask(
            english,
            "Which ski slope in the Barents region is the best?",
            None,
            ["barents"],
            in_scope=False,
        )
        is None
    )


def test_a_question_naming_no_topic_needs_a_word_of_the_passage(kb):
    """Worded like a question about a year, it shares no word with any passage: nothing fits,
    and the help reply says so instead of a passage about internationalisation."""
    finnish = Answerer(kb, "fi")
    assert ask(finnish, "Kuka voitti hiihdon maailmancupin vuonna 2020?", "when", []) is None


def test_a_clause_that_only_names_the_topic_asks_what_it_is(kb):
    reply = ask(
        Answerer(kb, "en"),
        "What does the International Barents Secretariat do, and where is it located?",
        None,
        ["barents_sihteeristo"],
    )
    assert "supports" in reply.text and "Kirkenes" in reply.text


@pytest.mark.parametrize(
    "lang, question, topics, fact",
    [
        (
            "en",
            "Are they organised by the official Barents bodies?",
            ["barents_alueyhteistyo"],
            "separate",
        ),
        ("fi", "Onko se osa Barentsin alueyhteistyötä?", ["barents_alueyhteistyo"], "erillisenä"),
    ],
)
def test_a_yes_no_question_about_it_asks_of_the_topic_in_context(kb, lang, question, topics, fact):
    reply = ask(Answerer(kb, lang), question, "what", topics, "barents_sports")
    assert fact in reply.text


def test_composed_is_read_as_the_texts_consists(kb):
    text = ask(
        Answerer(kb, "en"),
        "How is the Barents Regional Youth Council composed?",
        None,
        ["barents_youth"],
    ).text
    assert "indigenous" in text


@pytest.mark.parametrize(
    "question", ["How does Kainuu improve its reputation?", "What is done for its reputation?"]
)
def test_reputation_is_read_as_the_texts_awareness(kb, question):
    text = ask(Answerer(kb, "en"), question, None, ["kansainvalistyminen"]).text
    assert "marketing" in text.split(".")[0], text


@pytest.mark.parametrize(
    "question, whole",
    [
        ("mikä on sitten koko yhteistyön ylin toimielin?", True),
        ("Mikä on tiimin koko ja kuka sitä johtaa?", False),  # its size
        ("Tiedottaako tiimi koko henkilöstölle?", False),
    ],
)
def test_koko_before_a_genitive_asks_about_the_whole(question, whole):
    assert questions.asks_whole(question) is whole


def test_korkeintaan_is_no_superlative():
    assert "=ylin" not in passages.WORDINGS["fi"].analyse("korkeintaan")  # "at most"


@pytest.mark.parametrize(
    "lang, question", [("fi", "Onko siitä jotain hyötyä?"), ("en", "Is it any good?")]
)
def test_an_example_question_leads_to_its_field(test_kb, lang, question):
    """Staff's example question ("Mitä hyötyä testiverkosta on?") finds the field it is given
    for, though the field's text shares no word with the visitor's question; without the
    examples another passage answers."""
    purpose = test_kb.in_language(lang).get("testiverkosto").text("purpose")
    reply = ask(Answerer(test_kb, lang), question, None, ["testiverkosto"])
    assert reply.text.startswith(purpose)
    bare = knowledge.KnowledgeBase(
        {
            i: replace(
                e,
                translations={k: replace(t, questions={}) for k, t in e.translations.items()},
                questions={},
            )
            for i, e in test_kb.entries.items()
        },
        test_kb.settings,
    )
    assert not ask(Answerer(bare, lang), question, None, ["testiverkosto"]).text.startswith(purpose)


@pytest.mark.parametrize(
    "lang, question, kind, topic, listed",
    [
        ("fi", "Mitkä Norjan maakunnat kuuluvat siihen?", "members", "barents", None),
        ("fi", "entä ruotsista?", "members", "barents", None),
        ("fi", "Mitkä suomalaiset alueet ovat jäseniä?", "members", "barents", "Pohjois-Karjala"),
        ("en", "Which Russian regions belong to it?", "members", "euregio_karelia", "Karelia"),
        ("en", "Which Swedish counties are members?", "members", "barents", None),
        ("fi", "Mitä Norjan alueet tekevät alueneuvostossa?", "what", "barents", "alueneuvosto"),
    ],
)
def test_member_regions_of_a_country_not_listed_are_declined(
    kb, lang, question, kind, topic, listed
):
    """The page lists Barents' Finnish member regions only: the Norwegian ones are not known,
    while a country whose regions are listed gets them; a question about what a country's
    regions do asks for no members."""
    reply = ask(Answerer(kb, lang), question, kind, [topic])
    if listed:
        assert listed in reply.text and reply.outcome == "answered"
    else:
        assert reply.reason == "detail:regions" and declines(reply.text)


def test_a_message_is_read_once_into_what_it_asks(answerer):
    """The background names the network in full; the asking sentence points back to it."""
    reading = answerer.read(
        "Kuulin kansainvälisten toimijoiden verkostosta. Onko se verkosto virallinen?"
    )
    assert reading.asked == "Onko se verkosto virallinen?"
    assert reading.named == {"verkostot"} and reading.pointed == {"verkostot"}
    assert "toimijaverkosto" in reading.named_in_full
    assert reading.yes_no and reading.of_pronoun and not reading.corrects
    assert answerer.read("sori, tarkoitin EU-asioita").corrects
    unknown = answerer.read("Kuka on Liisa Virtanen ja mikä on hänen puhelinnumeronsa?")
    assert unknown.unknown_person == "Liisa Virtanen" and unknown.who
    assert [d.name for d in unknown.details] == ["contact_details"]


def test_nothing_is_said_twice(answerer, kb):
    """Two topics with the same contact give one contact line; a purpose that the text of what
    it is says already is not said again."""
    text = ask(
        answerer,
        "Kuka vastaa Venäjä- ja Barents-yhteistyöstä?",
        "contact",
        ["venaja_yhteistyo", "barents"],
    ).text
    assert text.count(kb.settings.contact_hint) == 1 and text.count("Sukuvaara") == 1
    text = answerer.answer("what", ["euregio_karelia"]).text
    assert text.count("elinolosuhteita") == 1


@pytest.mark.parametrize(
    "lang, question, reason",
    [
        ("fi", "Millainen ilmapiiri EU-yhteistyössä on?", "unsure"),
        ("fi", "Keitä EU-yhteistyöhön kuuluu?", "gap:members"),
        ("en", "What is the mood like in EU cooperation?", "unsure"),
        ("en", "Who are the members of EU cooperation?", "gap:members"),
    ],
)
def test_a_gap_is_told_only_when_the_visitor_asked_for_it(kb, lang, question, reason):
    """The intent said "members"; only a question whose words ask for members hears that the
    topic has none listed."""
    answerer = Answerer(kb, lang)
    reply = ask(answerer, question, "members", ["eu_yhteistyo"])
    assert reply.reason == reason and reply.outcome == "declined"
    assert reply.text.startswith(answerer.phrases.unsure.split("{")[0]) is (reason == "unsure")


@pytest.mark.parametrize(
    "lang, question, topic, counted",
    [
        ("fi", "Montako niistä on Suomessa?", "barents", "Kainuu ja Pohjois-Karjala (yhteensä 4)."),
        ("en", "And how many of those are Finnish?", "barents", "North Karelia (4 in total)."),
        ("fi", "Montako ihmistä Suomessa on siellä töissä?", "eu_toimisto", None),
    ],
)
def test_a_count_of_a_countrys_members_is_the_counted_list_first(
    kb, lang, question, topic, counted
):
    """The whole's figure ("13 regions") does not count the country's members; its list does.
    A count of people is no count of the list."""
    text = ask(Answerer(kb, lang), question, "members", [topic]).text
    if counted:
        assert counted in text and text.index(counted) < text.index("13"), text
    else:
        assert "yhteensä" not in text


@pytest.mark.parametrize(
    "lang, question, reason",
    [
        ("fi", "Miten siihen pääsee mukaan?", "gap:how"),
        ("fi", "Miten sille kävi?", "unsure"),
        ("fi", "Miten sitä johdetaan?", "unsure"),
        ("en", "How can we join it?", "gap:how"),
        ("en", "How did it come about?", "unsure"),
    ],
)
def test_the_how_gap_is_owned_up_to_only_when_taking_part_is_asked(kb, lang, question, reason):
    """The gap says the page does not tell how to take part or how it works in practice: any
    "miten" asks how, but not that."""
    reply = ask(Answerer(kb, lang), question, "how", ["barents_youth"])
    assert (reply.outcome, reply.reason) == ("declined", reason)


def test_what_a_topic_is_answers_a_guessed_kind_when_it_says_what_was_asked(answerer, kb):
    """The intent guessed "members", which EU cooperation lacks; what it is shares the
    question's words, so it answers without saying that no direct answer was found."""
    question = "Millä tasolla EU-yhteistyössä ajetaan maakunnan etua?"
    q = answerer.asker.question(answerer.read(question), "members", [kb.get("eu_yhteistyo")], False)
    reply = answerer.answer("members", ["eu_yhteistyo"], q)
    assert reply.outcome == "answered" and "Euroopan politiikan tasolla" in reply.text
    q = answerer.asker.question(
        answerer.read("Millainen ilmapiiri siellä on?"), "members", [kb.get("eu_yhteistyo")], False
    )
    assert answerer.answer("members", ["eu_yhteistyo"], q).reason == "unsure"


def test_a_question_that_only_names_the_topic_gets_what_it_is_whatever_the_guessed_kind(
    answerer, kb
):
    reply = ask(answerer, "Kerro EU-yhteistyöstä", "members", ["eu_yhteistyo"])
    assert reply.outcome == "answered" and reply.text.startswith(
        kb.get("eu_yhteistyo").text("what")
    )


def test_a_negated_sentence_is_not_taken_for_one_said_already(answerer):
    text = answerer.composer.once("Lappi on mukana yhteistyössä. Lappi ei ole mukana yhteistyössä.")
    assert "ei ole" in text


def test_a_kind_only_the_intent_guessed_gives_way_to_a_passage_sharing_the_words(answerer):
    """The NLU's "where" for a question with no word of place: the topic has no place, and the
    passage that shares the question's words answers without "I can't find a direct answer"."""
    question = "Mikä rakennushanke vauhditti aikoinaan Kainuun Venäjä-yhteistyön kehittymistä?"
    reply = ask(answerer, question, "where", ["venaja_yhteistyo"])
    assert reply.outcome == "answered" and reply.text.startswith("Merkityksellistä aikaa")
    assert "Kostamuksen" in reply.text and not declines(reply.text)
