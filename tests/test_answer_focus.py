"""An answer says what was asked (bot.answering.answers, bot.answering.selection): the sentence that
answers leads, a counted list is counted, a part is answered without the whole it belongs to, a
cause is told for "why", and a head the page does not name is not guessed."""

from __future__ import annotations

import pytest

from bot.answering.answers import Answerer
from bot.answering.focus import brackets_once
from bot.language import questions


def ask(answerer: Answerer, text: str, *args, **kwargs):
    return answerer.respond(answerer.read(text), *args, **kwargs)


@pytest.fixture(scope="module")
def answerers(kb):
    return {lang: Answerer(kb, lang) for lang in ("fi", "en")}


@pytest.mark.parametrize(
    "lang, question, opening",
    [
        ("fi", "Mikä on Barents-yhteistyön tavoite?", "Tavoitteena on"),
        ("en", "What is the aim of the Barents cooperation?", "The aim is"),
    ],
)
def test_the_sentence_that_answers_leads(answerers, lang, question, opening):
    """The purpose text opens with another sentence; the one that states the aim comes first."""
    assert ask(answerers[lang], question, "purpose", ["barents"]).text.startswith(opening)


@pytest.mark.parametrize(
    "lang, question, opening",
    [
        ("fi", "Mitkä ovat BRYC:n perusarvot?", "BRYC:n perusarvoja"),
        ("en", "What are the core values of BRYC?", "BRYC's core values"),
    ],
)
def test_the_sentence_that_shares_the_questions_words_leads(answerers, lang, question, opening):
    """The intent guessed the kind (its words ask for no purpose): the sentence of the purpose
    text that shares the question's words leads all the same."""
    assert ask(answerers[lang], question, "purpose", ["barents_youth"]).text.startswith(opening)


@pytest.mark.parametrize(
    "lang, question, topic, count",
    [
        ("fi", "Montako maakuntaa EU-toimisto edustaa?", "eu_toimisto", "(yhteensä 7)"),
        ("fi", "Montako jäsentä Euregio Kareliassa on?", "euregio_karelia", "(yhteensä 4)"),
        ("en", "How many regions are in Euregio Karelia?", "euregio_karelia", "(4 in total)"),
    ],
)
def test_a_list_asked_to_be_counted_is_counted(answerers, lang, question, topic, count):
    reply = ask(answerers[lang], question, "members", [topic])
    assert reply.outcome == "answered" and count in reply.text


@pytest.mark.parametrize(
    "lang, question",
    [
        ("fi", "Montako ihmistä EU-toimistossa on töissä?"),
        ("en", "How many staff work at the EU office?"),
    ],
)
def test_a_count_of_something_else_is_not_the_lists(answerers, lang, question):
    """The office lists seven regions; that is no count of its staff."""
    reply = ask(answerers[lang], question, "members", ["eu_toimisto"])
    assert reply.reason == "detail:count" and "7" not in reply.text


def test_a_part_is_answered_without_the_whole(answerers, kb):
    """The whole's own text would bury that the games stand apart from the official work."""
    text = answerers["fi"].answer("what", ["barents_sports", "barents"]).text
    assert "erillisenä" in text and kb.entries["barents"].text("what") not in text


@pytest.mark.parametrize(
    "lang, question, kind",
    [
        ("fi", "Minkä takia?", "purpose"),
        ("fi", "Mistä syystä se loppui?", "when"),
        ("en", "For what reason?", None),
    ],
)
def test_why_after_a_topic_gets_its_cause(answerers, lang, question, kind):
    """The words that ask why are not what the question is about."""
    reply = ask(answerers[lang], question, kind, [], "venaja_yhteistyo")
    assert "2022" in reply.text and "Ukrain" in reply.text


@pytest.mark.parametrize(
    "lang, question",
    [
        ("fi", "Kuka EU-toimiston päällikkö on?"),
        ("en", "Who is the director of the EU office?"),
    ],
)
def test_a_head_the_page_does_not_name_is_declined(answerers, lang, question):
    answerer = answerers[lang]
    reply = ask(answerer, question, "person", ["eu_toimisto"])
    assert reply.reason == "detail:leader"
    assert answerer.kb.settings.contact_hint in reply.text  # where to ask; no name as the head


@pytest.mark.parametrize(
    "lang, question, kind, topic, leads",
    [
        ("fi", "Kuka vastaa Barents-yhteistyöstä?", "what", "barents", True),
        ("en", "Who is responsible for Barents cooperation?", "contact", "barents", True),
        ("fi", "Kuka ohjaa nuorisoneuvoston toimintaa?", "contact", "barents_youth", False),
    ],
)
def test_the_contact_leads_when_it_is_what_was_asked(answerers, lang, question, kind, topic, leads):
    """Whom to ask is the answer to "who is responsible"; to "who steers it", the text is."""
    answerer = answerers[lang]
    text = ask(answerer, question, kind, [topic]).text
    assert ("Sukuvaara" in answerer.wording.split(text)[0]) is leads


@pytest.mark.parametrize(
    "lang, question, asks_name",
    [
        ("fi", "Valmistellaanko uutta ohjelmaa tällä hetkellä?", False),
        ("fi", "Kuka on verkoston nykyinen vetäjä?", True),
        ("en", "Is the council currently working with Russia?", False),
        ("en", "Who chairs the council at the moment?", True),
    ],
)
def test_now_asks_for_a_name_only_of_who(lang, question, asks_name):
    """Now ("tällä hetkellä") in a question about the state of things asks for no name."""
    found = [d.name for d in questions.asked_details(question, lang)]
    assert ("name" in found) is asks_name


@pytest.mark.parametrize(
    "lang, question, topic, known",
    [
        ("fi", "Mikä on Brysselin EU-toimiston koko nimi?", "eu_toimisto", "Itä- ja Pohjois"),
        ("en", "What is the full name of the EU office in Brussels?", "eu_toimisto", "East and"),
    ],
)
def test_the_name_of_a_thing_is_not_a_persons(answerers, lang, question, topic, known):
    """The office's name is on the page: no "I have no information on the person's name"."""
    reply = ask(answerers[lang], question, "what", [topic])
    assert reply.outcome == "answered" and known in reply.text


@pytest.mark.parametrize(
    "lang, question",
    [
        ("fi", "Mikä on Kainuun maakuntajohtajan nimi?"),
        ("en", "What is the name of the regional mayor?"),
    ],
)
def test_the_name_of_a_post_is_a_persons_which_the_page_does_not_give(answerers, lang, question):
    reply = ask(answerers[lang], question, "person", ["maakuntajohtaja"])
    assert reply.reason == "detail:name"


@pytest.mark.parametrize(
    "lang, question, person, unasked",
    [
        ("fi", "Kuka vastaa EU-yhteistyöstä?", "Ponnikas", "Euroopan politiikan"),
        ("en", "Who is responsible for EU cooperation at the council?", "Ponnikas", "policy"),
    ],
)
def test_whom_to_ask_is_answered_with_the_contact_and_little_else(
    answerers, lang, question, person, unasked
):
    """The contact line, where to find the details and at most one sentence more: not the
    topic's other passages after it."""
    text = ask(answerers[lang], question, "contact", ["eu_yhteistyo"]).text
    assert person in answerers[lang].wording.split(text)[0]
    assert unasked not in text and len(answerers[lang].wording.split(text)) <= 3


def test_a_sentence_that_says_an_earlier_one_and_more_takes_its_place(answerers):
    """Two passages say where the games are held; the answer says it once, with the more that
    the second one adds."""
    question = "Where are the Barents summer and winter games held?"
    text = ask(answerers["en"], question, None, []).text
    assert text.count("held in turn") == 1 and "separately" in text


@pytest.mark.parametrize(
    "lang, question, verdict",
    [
        ("fi", "Onko Barents-sihteeristö Ruotsissa?", "Ei. "),
        ("en", "Is the Barents Secretariat in Finland?", "No. "),
    ],
)
def test_what_a_topic_is_answers_the_yes_no_question_it_settles(answerers, lang, question, verdict):
    """The intent guessed a kind the secretariat lacks ("when"); what it is says where it is,
    which settles the question: no "no direct answer" before it."""
    reply = ask(answerers[lang], question, "when", ["barents_sihteeristo"])
    assert reply.text.startswith(verdict) and reply.outcome == "answered"


@pytest.mark.parametrize(
    "lang, question, organisation",
    [
        ("fi", "Kuka oli Karelia CBC -ohjelman hallintoviranomainen?", "Pohjois-Pohjanmaan liitto"),
        (
            "en",
            "Who was the managing authority of the Karelia CBC programme?",
            "North Ostrobothnia",
        ),
    ],
)
@pytest.mark.parametrize("kind", ["what", "contact"])
def test_a_who_answered_by_an_organisation_gets_no_contact_line(
    answerers, lang, question, organisation, kind
):
    """The organisation named first answers "who"; the council's contact person would not,
    whether the NLU took the question for "what is it" or "whom to contact"."""
    text = ask(answerers[lang], question, kind, ["karelia_cbc"]).text
    assert organisation in text and "Sukuvaara" not in text


@pytest.mark.parametrize(
    "lang, first, then, said, answer",
    [
        (
            "fi",
            "Mitä kansainvälisten asioiden tiimi tekee?",
            "Kenelle se raportoi?",
            "päätoimista virkaa",
            "johtoryhmälle",
        ),
        (
            "en",
            "What does the international affairs team do?",
            "Who does it report to?",
            "full-time post",
            "management team",
        ),
    ],
)
def test_a_follow_up_is_not_told_again_what_the_answer_before_said(
    answerers, lang, first, then, said, answer
):
    """The lead shares the question's words, so it answers: the rest of the team's text, said
    a moment ago, is not said again (bot.answering.focus)."""
    answerer = answerers[lang]
    before = ask(answerer, first, "what", ["kv_tiimi"]).text
    assert said in before
    reply = ask(answerer, then, "what", [], "kv_tiimi", previous=before)
    assert answer in reply.text and said not in reply.text


def test_a_follow_up_whose_lead_shares_nothing_keeps_what_was_said_before(answerers):
    """ "Mitä se tekee?" shares no word with any unit: the lead may be a guess, so the task,
    though said before, stays."""
    answerer = answerers["fi"]
    before = ask(answerer, "Mitä kansainvälisten asioiden tiimi tekee?", "what", ["kv_tiimi"])
    reply = ask(answerer, "Mitä se tekee?", "what", [], "kv_tiimi", previous=before.text)
    assert "yhteensovittaminen" in reply.text


@pytest.mark.parametrize(
    "lang, question, answer",
    [
        ("fi", "Kuka johtaa BRYC:n toimintaa?", "hallitus"),
        ("en", "Who leads the work of BRYC?", "board"),
    ],
)
def test_a_contact_line_not_asked_for_goes_when_the_answer_names_who(
    answerers, lang, question, answer
):
    """The board leads BRYC: whom to contact at the council was not asked."""
    reply = ask(answerers[lang], question, "contact", ["barents_youth"])
    assert answer in reply.text and "Sukuvaara" not in reply.text


def test_a_bracketed_aside_is_said_once():
    text = (
        "Karelia CBC -ohjelma (2014–2020) oli viimeisin EU-ohjelma. Karelia CBC -ohjelman "
        "(2014–2020) hallintoviranomaisena toimi Pohjois-Pohjanmaan liitto (PPL)."
    )
    assert brackets_once(text) == (
        "Karelia CBC -ohjelma (2014–2020) oli viimeisin EU-ohjelma. Karelia CBC -ohjelman "
        "hallintoviranomaisena toimi Pohjois-Pohjanmaan liitto (PPL)."
    )
