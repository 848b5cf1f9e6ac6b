"""The running bot through Rasa's REST channel, as a site visitor uses it: facts, follow-ups,
and bad input that must get a sensible reply and leave the conversation working."""

from __future__ import annotations

import uuid

import pytest

from bot.web.tracker_store import SESSION_TURNS
from tests.conftest import FACT_IDS, FACTS
from tests.harness.answer_eval import facts_of as text_of


@pytest.mark.parametrize("fact", FACTS, ids=FACT_IDS)
def test_visitor_question_gets_the_fact(ask, fact):
    answer = text_of(ask(fact["question"]))
    for expected in fact["expect"]:
        assert expected in answer


@pytest.mark.parametrize(
    "turns",
    [
        [
            ("Kuka hoitaa EU-asioita?", "Jouni Ponnikas"),
            ("Entä Venäjä-asioita?", "Katja Sukuvaara"),
        ],
        [("Kerro Barents Youthista", "BRYC"), ("Keitä siihen kuuluu?", "alkuperäiskansojen")],
        [("Kuka on Jouni Ponnikas?", "aluekehitysjohtaja"), ("Mistä hän vastaa?", "EU:n suuntaan")],
        [
            ("Mikä on Euregio Karelia?", "Karjalan tasavallan"),
            ("Mikä on sen tavoite?", "raja-alueiden kehittämistä"),
            ("Entä Barents?", "vakaata ja kestävää"),
        ],
    ],
)
def test_follow_up_questions_keep_context(ask, turns):
    sender = uuid.uuid4().hex
    for question, expected in turns:
        assert expected in text_of(ask(question, sender)), question


@pytest.mark.parametrize(
    "turns",
    [
        [
            (
                "Who is responsible for EU affairs at the Regional Council of Kainuu?",
                "Jouni Ponnikas",
            ),
            ("And who handles Barents?", "Katja Sukuvaara"),
        ],
        [
            ("Who is Katja Sukuvaara?", "regional development manager"),
            ("What does she do?", "Russia"),
        ],
        [("What is Euregio Karelia?", "Republic of Karelia"), ("What is its aim?", "border areas")],
    ],
)
def test_english_follow_ups_keep_context_and_language(ask, turns):
    sender = uuid.uuid4().hex
    for question, expected in turns:
        messages = ask(question, sender)
        assert expected in text_of(messages), question
        assert {m["lang"] for m in messages} == {"en"}


def test_the_language_follows_the_visitor_and_a_name_alone_keeps_it(ask):
    sender = uuid.uuid4().hex
    assert "Republic of Karelia" in text_of(ask("What is Euregio Karelia?", sender))
    assert "North-West Russia" in text_of(ask("Barents", sender))
    assert "ylin toimielin" in text_of(ask("Mikä on BEAC?", sender))
    assert "Karjalan tasavallan" in text_of(ask("Euregio Karelia", sender))
    assert text_of(ask("Thanks!", sender)).startswith("You're welcome")


def test_unknown_question_gets_honest_reply_with_topic_buttons(ask):
    messages = ask("Mikä on Kainuun liiton y-tunnus?")
    assert "@" not in text_of(messages)
    assert any(m.get("buttons") for m in messages)


def test_button_payload_answers_directly(ask):
    assert "ylin toimielin" in text_of(ask('/ask_what{"topic": "beac"}'))


@pytest.mark.parametrize(
    "message",
    [
        "x" * 1000,
        "😀😀😀",
        "<script>alert('x')</script><img src=x onerror=alert(1)>",
        "\x00\x01\x02 Barents \x1b[31m",
        "Kuka hoitaa EU-asioita? " * 40,
    ],
)
def test_bad_input_gets_a_reply_and_the_conversation_goes_on(ask, message):
    sender = uuid.uuid4().hex
    replies = ask(message, sender)
    assert replies, "the visitor got silence"
    assert "Traceback" not in text_of(replies)
    assert "Jouni Ponnikas" in text_of(ask("Kuka hoitaa EU-asioita?", sender))


def test_a_long_conversation_keeps_its_context_and_every_message_across_sessions(ask, bot):
    """The tracker store starts a new session after SESSION_TURNS messages
    (bot/web/tracker_store.py); the visitor notices nothing."""
    sender = uuid.uuid4().hex
    for _ in range(SESSION_TURNS - 1):
        ask("Mikä on BEAC?", sender)
    assert "Karjalan tasavallan" in text_of(ask("Mikä on Euregio Karelia?", sender))
    assert "raja-alueiden" in text_of(ask("Mikä on sen tavoite?", sender))  # a new session
    kinds = [kind for kind, _ in bot.stored_events(sender)]
    assert kinds.count("user") == SESSION_TURNS + 1
    assert kinds.count("session_started") == 2
