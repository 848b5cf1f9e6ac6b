"""Custom actions with CollectingDispatcher and Tracker fixtures: the answer holds the right fact,
the context slots are set, and follow-ups use them."""

from __future__ import annotations

from typing import Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionAnswer, ActionHelp, ActionSmallTalk
from tests.conftest import FACT_IDS, FACTS


def tracker(
    intent: str,
    topics: List[str] = (),
    slots: Optional[Dict[str, str]] = None,
    text: str = "",
    language: Optional[str] = None,
) -> Tracker:
    entities = [{"entity": "topic", "value": t} for t in topics]
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": entities,
        "language": language,
    }
    return Tracker("test-visitor", slots or {}, latest, [], False, None, {}, "action_listen")


def run(action, t: Tracker):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, t, {})
    return dispatcher.messages, events


@pytest.mark.parametrize("fact", FACTS, ids=FACT_IDS)
def test_every_fact_of_the_page_is_answered(fact):
    messages, _ = run(
        ActionAnswer(), tracker(fact["intent"], fact["topics"], language=fact["lang"])
    )
    assert len(messages) == 1
    for expected in fact["expect"]:
        assert expected in messages[0]["text"]


def test_answer_sets_context_for_follow_ups():
    _, events = run(ActionAnswer(), tracker("ask_contact", ["eu_yhteistyo"]))
    assert SlotSet("kind", "contact") in events
    assert SlotSet("topic", "eu_yhteistyo") in events
    assert SlotSet("person", "jouni_ponnikas") in events


def test_followup_keeps_the_kind_of_question():
    slots = {"kind": "contact", "topic": "eu_yhteistyo"}
    messages, _ = run(ActionAnswer(), tracker("followup", ["venaja_yhteistyo"], slots))
    assert "Katja Sukuvaara" in messages[0]["text"]


def test_question_without_topic_uses_the_previous_topic():
    messages, _ = run(ActionAnswer(), tracker("ask_members", [], {"topic": "barents_youth"}))
    assert "alkuperäiskansojen" in messages[0]["text"]


def test_pronoun_question_uses_the_previous_person():
    slots = {"topic": "eu_yhteistyo", "person": "jouni_ponnikas"}
    messages, _ = run(ActionAnswer(), tracker("ask_person", [], slots))
    assert "EU:n suuntaan" in messages[0]["text"]


def test_unknown_kind_for_topic_says_so_and_gives_contact():
    messages, _ = run(ActionAnswer(), tracker("ask_where", ["barents_youth"]))
    text = messages[0]["text"]
    assert "ei ole tietoa sijainnista" in text
    assert "Katja Sukuvaara" in text


def test_no_topic_and_no_context_asks_which_topic_with_buttons():
    messages, _ = run(ActionAnswer(), tracker("ask_contact"))
    assert "Mistä aiheesta" in messages[0]["text"]
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert '/ask_contact{"topic": "barents"}' in payloads


def test_list_without_topic_lists_networks_and_programmes():
    messages, _ = run(ActionAnswer(), tracker("ask_list"))
    assert "Euregio Karelia" in messages[0]["text"] and "Karelia CBC" in messages[0]["text"]


def test_unknown_topic_id_from_a_crafted_payload_is_ignored():
    messages, _ = run(ActionAnswer(), tracker("ask_what", ["<script>"]))
    assert "Mistä aiheesta" in messages[0]["text"]


def test_what_answer_offers_related_topics_as_buttons():
    messages, _ = run(ActionAnswer(), tracker("ask_what", ["barents"]))
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert "Barents Youth" in titles


@pytest.mark.parametrize(
    "action, intent, text, expected",
    [
        (ActionAnswer, "nlu_fallback", "Mikä on sää huomenna?", "en ymmärtänyt"),
        (ActionAnswer, "out_of_scope", "Mikä on sää huomenna?", "Tähän en osaa vastata"),
        (ActionHelp, "ask_capabilities", "Mitä osaat?", "verkostoista, rahoitusohjelmista"),
        (ActionHelp, "ask_contact_details", "Mikä on sähköpostiosoite?", "enkä arvaa niitä"),
    ],
)
def test_help_replies_are_honest_and_offer_topics(action, intent, text, expected):
    messages, _ = run(action(), tracker(intent, text=text))
    assert expected in messages[0]["text"]
    assert "@" not in messages[0]["text"]  # never an invented e-mail address
    assert messages[0]["buttons"]


def test_the_message_language_is_kept_for_messages_that_do_not_tell_it():
    messages, events = run(ActionAnswer(), tracker("ask_what", ["beac"], language="en"))
    assert "highest body" in messages[0]["text"]
    assert SlotSet("language", "en") in events
    # A button (no language of its own) in an English conversation: English buttons and answer.
    messages, events = run(ActionAnswer(), tracker("ask_what", ["barents"], {"language": "en"}))
    assert "North-West Russia" in messages[0]["text"]
    assert all(e.get("name") != "language" for e in events)  # unchanged, not set again
    assert any("Euro-Arctic" in b["title"] for b in messages[0]["buttons"])


def test_switching_language_mid_conversation():
    slots = {"language": "en", "topic": "barents"}
    messages, events = run(ActionAnswer(), tracker("ask_purpose", [], slots, language="fi"))
    assert "vakaata ja kestävää" in messages[0]["text"]
    assert SlotSet("language", "fi") in events


def test_small_talk_and_help_answer_in_the_message_language():
    messages, _ = run(ActionSmallTalk(), tracker("greet", language="en"))
    assert messages[0]["text"].startswith("Hello!")
    messages, _ = run(ActionSmallTalk(), tracker("thank", language="fi"))
    assert messages[0]["text"].startswith("Ole hyvä")
    messages, _ = run(ActionHelp(), tracker("ask_contact_details", language="en"))
    assert "I have no e-mail addresses" in messages[0]["text"]


def test_the_page_language_decides_a_first_message_that_does_not_tell():
    t = tracker("ask_what", ["beac"])
    t.latest_message["metadata"] = {"lang": "en"}
    messages, events = run(ActionAnswer(), t)
    assert SlotSet("language", "en") in events
    assert "highest body" in messages[0]["text"]
