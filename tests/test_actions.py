"""Custom actions with CollectingDispatcher and Tracker fixtures: the answer holds the right fact,
the context slots are set, and follow-ups use them.

Every fact of the page (tests/facts.yml, facts_en.yml) is the content acceptance test, on the
shipped knowledge base; the other tests are code tests and answer from the test knowledge base
(tests/knowledge/, fixture on_test_kb)."""

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
    events: List[dict] = (),
) -> Tracker:
    entities = [{"entity": "topic", "value": t} for t in topics]
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": entities,
        "language": language,
    }
    return Tracker(
        "test-visitor", slots or {}, latest, list(events), False, None, {}, "action_listen"
    )


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


def test_answer_sets_context_for_follow_ups(on_test_kb):
    _, events = run(ActionAnswer(), tracker("ask_contact", ["testiasiat"]))
    assert SlotSet("kind", "contact") in events
    assert SlotSet("topic", "testiasiat") in events
    assert SlotSet("person", "kalle_kokeilija") in events


def test_followup_keeps_the_kind_of_question(on_test_kb):
    slots = {"kind": "contact", "topic": "testiasiat"}
    messages, _ = run(ActionAnswer(), tracker("followup", ["testiverkosto"], slots))
    assert "Tiina Testaaja" in messages[0]["text"]


@pytest.mark.parametrize("text", ["sori, tarkoitin testiverkostoa", "eiku testiverkosto"])
def test_a_correction_changes_the_topic_and_keeps_the_question(on_test_kb, text):
    slots = {"kind": "contact", "topic": "testiasiat"}
    messages, _ = run(ActionAnswer(), tracker("ask_what", ["testiverkosto"], slots, text))
    assert "Tiina Testaaja" in messages[0]["text"]


def test_a_follow_up_is_not_told_again_what_the_bots_last_message_said():
    said = "Kansainvälisten asioiden koordinointia ja kehittämistä varten ei ole olemassa"
    first, _ = run(ActionAnswer(), tracker("ask_what", ["kv_tiimi"], language="fi"))
    assert said in first[0]["text"]
    events = [{"event": "user", "text": "Mitä tiimi tekee?"}, {"event": "bot", **first[0]}]
    slots = {"topic": "kv_tiimi", "language": "fi"}
    t = tracker("ask_what", [], slots, "Kenelle se raportoi?", "fi", events)
    messages, _ = run(ActionAnswer(), t)
    assert "johtoryhmälle" in messages[0]["text"] and said not in messages[0]["text"]


def test_nonsense_is_not_read_as_a_question_about_the_context(on_test_kb):
    t = tracker("nlu_fallback", [], {"topic": "testiverkosto", "language": "en"}, "zxcvbnm")
    t.latest_message["nonsense"] = True
    messages, _ = run(ActionAnswer(), t)
    assert messages[0]["text"].startswith("Sorry, I'm not sure I understood")
    assert messages[0]["custom"]["outcome"] == "declined"
    assert messages[0]["custom"]["reason"] == "not_understood"


def test_question_without_topic_uses_the_previous_topic(on_test_kb):
    messages, _ = run(ActionAnswer(), tracker("ask_members", [], {"topic": "testineuvosto"}))
    assert "koekaniinien edustaja" in messages[0]["text"]


def test_pronoun_question_uses_the_previous_person(on_test_kb):
    slots = {"topic": "testiasiat", "person": "kalle_kokeilija"}
    messages, _ = run(ActionAnswer(), tracker("ask_person", [], slots))
    assert "Kalle Kokeilija on testiliiton koordinaattori" in messages[0]["text"]


def test_unknown_kind_for_topic_says_so_and_gives_contact(on_test_kb):
    # The council has no place of its own; its contact is inherited from its network.
    messages, _ = run(ActionAnswer(), tracker("ask_where", ["testineuvosto"]))
    text = messages[0]["text"]
    assert "ei ole tietoa sijainnista" in text
    assert "Tiina Testaaja" in text
    assert messages[0]["custom"]["outcome"] == "declined"
    assert messages[0]["custom"]["reason"] == "gap:where"


def test_no_topic_and_no_context_asks_which_topic_with_buttons(on_test_kb):
    messages, _ = run(ActionAnswer(), tracker("ask_contact"))
    assert "Mistä aiheesta" in messages[0]["text"]
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert '/ask_contact{"topic": "testiverkosto"}' in payloads


def test_a_question_of_many_words_that_nothing_fits_is_out_of_scope(on_test_kb):
    """ "Which topic?" would suggest the page knows how to bake a fish pie."""
    messages, _ = run(ActionAnswer(), tracker("ask_how", [], None, "Miten kalakukko leivotaan?"))
    assert messages[0]["text"].startswith("Tähän en osaa vastata")
    assert messages[0]["custom"]["reason"] == "out_of_scope" and messages[0]["buttons"]


def test_list_without_topic_lists_networks_and_programmes(on_test_kb):
    text = run(ActionAnswer(), tracker("ask_list"))[0][0]["text"]
    assert "Testiverkosto ja Koealue" in text and "Kokeiluohjelma" in text


def test_unknown_topic_id_from_a_crafted_payload_is_ignored(on_test_kb):
    messages, _ = run(ActionAnswer(), tracker("ask_what", ["<script>"]))
    assert "Mistä aiheesta" in messages[0]["text"]


def test_what_answer_offers_related_topics_as_buttons(on_test_kb):
    messages, _ = run(ActionAnswer(), tracker("ask_what", ["testiverkosto"]))
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles == ["Testineuvosto", "Testisihteeristö"]


def test_the_answer_cites_its_page_section(on_test_kb):
    messages, _ = run(ActionAnswer(), tracker("ask_when", ["koealue"]))
    assert messages[0]["text"].endswith("\nLähde: Koealueen yhteistyö")
    assert messages[0]["custom"]["source"] == {
        "title": "Koealueen yhteistyö",
        "url": "/testisivu.html#koealue",
    }


@pytest.mark.parametrize(
    "action, intent, text, expected",
    [
        (ActionAnswer, "nlu_fallback", "Mikä on sää huomenna?", "en ymmärtänyt"),
        (ActionAnswer, "out_of_scope", "Mikä on sää huomenna?", "Tähän en osaa vastata"),
        (ActionHelp, "ask_capabilities", "Mitä osaat?", "verkostoista, rahoitusohjelmista"),
        (ActionHelp, "ask_contact_details", "Mikä on sähköpostiosoite?", "enkä arvaa niitä"),
    ],
)
def test_help_replies_are_honest_and_offer_topics(on_test_kb, action, intent, text, expected):
    messages, _ = run(action(), tracker(intent, text=text))
    assert expected in messages[0]["text"]
    assert "@" not in messages[0]["text"]  # never an invented e-mail address
    assert messages[0]["buttons"]


def test_the_message_language_is_kept_for_messages_that_do_not_tell_it(on_test_kb):
    messages, events = run(ActionAnswer(), tracker("ask_what", ["testineuvosto"], language="en"))
    assert "highest imaginary body" in messages[0]["text"]
    assert SlotSet("language", "en") in events
    # A button (no language of its own) in an English conversation: English buttons and answer.
    slots = {"language": "en"}
    messages, events = run(ActionAnswer(), tracker("ask_what", ["testiverkosto"], slots))
    assert "other test provinces" in messages[0]["text"]
    assert all(e.get("name") != "language" for e in events)  # unchanged, not set again
    assert [b["title"] for b in messages[0]["buttons"]] == ["Test council", "Test secretariat"]


def test_switching_language_mid_conversation(on_test_kb):
    slots = {"language": "en", "topic": "testiverkosto"}
    messages, events = run(ActionAnswer(), tracker("ask_purpose", [], slots, language="fi"))
    assert "luotettavia ja pysyviä" in messages[0]["text"]
    assert SlotSet("language", "fi") in events


def test_small_talk_and_help_answer_in_the_message_language(on_test_kb):
    messages, _ = run(ActionSmallTalk(), tracker("greet", language="en"))
    assert messages[0]["text"].startswith("Hello!")
    messages, _ = run(ActionSmallTalk(), tracker("thank", language="fi"))
    assert messages[0]["text"].startswith("Ole hyvä")
    messages, _ = run(ActionHelp(), tracker("ask_contact_details", language="en"))
    assert "I have no e-mail addresses" in messages[0]["text"]
    assert "Test contact details are in the Contact section" in messages[0]["text"]


def test_the_page_language_decides_a_first_message_that_does_not_tell(on_test_kb):
    t = tracker("ask_what", ["testineuvosto"])
    t.latest_message["metadata"] = {"lang": "en"}
    messages, events = run(ActionAnswer(), t)
    assert SlotSet("language", "en") in events
    assert "highest imaginary body" in messages[0]["text"]


def test_a_follow_up_keeps_the_kind_asked_before_and_hears_of_its_gap(on_test_kb):
    """ "Missä …?" then "Entä testineuvosto?": the place was asked in the visitor's words."""
    slots = {"kind": "where"}
    messages, _ = run(
        ActionAnswer(), tracker("followup", ["testineuvosto"], slots, text="Entä testineuvosto?")
    )
    assert messages[0]["custom"]["reason"] == "gap:where"
