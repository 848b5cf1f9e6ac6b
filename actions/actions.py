"""Custom actions. They read the intent, topics, language and context from the tracker and let
bot.answering.answers compose the reply in the conversation's language; no text or fact lives
here."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import knowledge
from bot.answering.answers import Answerer
from bot.answering.compose import ANSWERED, Reply
from bot.answering.live_knowledge import LiveKnowledge
from bot.language.phrases import DEFAULT_LANGUAGE, PHRASES

TOPIC_SLOT = "topic"
KIND_SLOT = "kind"
PERSON_SLOT = "person"
LANGUAGE_SLOT = "language"
LANGUAGE = "language"  # the NLU's parse result: bot.nlu.language_detector.LanguageDetector
NONSENSE = "nonsense"  # the NLU's parse result: bot.nlu.intent_guard.IntentGuard
TOPIC_ENTITY = "topic"

# The kind of question each intent asks (see bot.answering.compose.KINDS).
INTENT_KINDS = {
    "ask_what": "what",
    "ask_purpose": "purpose",
    "ask_where": "where",
    "ask_when": "when",
    "ask_how": "how",
    "ask_members": "members",
    "ask_contact": "contact",
    "ask_person": "person",
    "ask_list": "members",
}
# The intent for topic buttons of a kind; the first intent of a kind wins (ask_members, not
# ask_list).
KIND_INTENTS = {kind: intent for intent, kind in reversed(INTENT_KINDS.items())}
# "Mitä verkostoja on?" without a topic lists both collections.
LIST_DEFAULT_TOPICS = ["verkostot", "rahoitusohjelmat"]
FOLLOWUP_INTENT = "followup"
# Questions the NLU could not give a kind: answered from a passage when one fits, else this help.
UNSURE_INTENTS = {"nlu_fallback": "fallback", "out_of_scope": "out_of_scope"}
HELP_REASONS = {"ask_capabilities": "capabilities", "ask_contact_details": "contact_details"}

# The knowledge base as it is on disk: a text edit is answered at once. A broken file at start
# stops the action server with a message naming it; a broken edit later keeps the last good one.
ANSWERERS = LiveKnowledge(lambda kb: {lang: Answerer(kb, lang) for lang in knowledge.LANGUAGES})


def _language(tracker: Tracker) -> str:
    """The message's language (bot.nlu.language_detector.LanguageDetector); for one that does not
    tell (a name, a button), the conversation's, else the page's (the widget's metadata)."""
    metadata = tracker.latest_message.get("metadata") or {}
    for lang in (
        tracker.latest_message.get(LANGUAGE),
        tracker.get_slot(LANGUAGE_SLOT),
        metadata.get("lang"),
    ):
        if lang in knowledge.LANGUAGES:
            return lang
    return DEFAULT_LANGUAGE


def _language_set(tracker: Tracker, lang: str) -> List[EventType]:
    return [] if tracker.get_slot(LANGUAGE_SLOT) == lang else [SlotSet(LANGUAGE_SLOT, lang)]


def _buttons(answerer: Answerer, reply: Reply, intent: str) -> List[Dict[Text, Text]]:
    buttons = []
    for topic_id in reply.button_topics:
        entry = answerer.kb.get(topic_id)
        if entry:
            payload = json.dumps({TOPIC_ENTITY: topic_id})
            buttons.append({"title": entry.label, "payload": f"/{intent}{payload}"})
    return buttons


def _outcome(reply: Reply) -> Dict[str, Any]:
    """What became of the question, for staff's report: carried with the bot's message. An
    answer names the fields it was drawn from; a decline its reason."""
    if reply.outcome == ANSWERED:
        return {"outcome": reply.outcome, **({"fields": reply.fields} if reply.fields else {})}
    return {"outcome": reply.outcome, "reason": reply.reason}


def _message_topics(tracker: Tracker) -> List[str]:
    entities = tracker.latest_message.get("entities") or []
    topics = [e.get("value") for e in entities if e.get("entity") == TOPIC_ENTITY]
    return list(dict.fromkeys(t for t in topics if isinstance(t, str)))


def _previous_answer(tracker: Tracker) -> str:
    """The bot's last message, so that a follow-up's answer does not say it again."""
    said = (e.get("text") for e in reversed(tracker.events) if e.get("event") == "bot")
    return next(said, None) or ""


def _context_topic(kind: Optional[str], tracker: Tracker) -> Optional[str]:
    """The topic a question without a name refers to ("Keitä siihen kuuluu?")."""
    if kind == "person":
        return tracker.get_slot(PERSON_SLOT) or tracker.get_slot(TOPIC_SLOT)
    return tracker.get_slot(TOPIC_SLOT)


class ActionAnswer(Action):
    """Answers a question of some kind about one or more knowledge-base topics."""

    def name(self) -> Text:
        return "action_answer"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        topics = _message_topics(tracker)
        text = tracker.latest_message.get("text") or ""
        if text.startswith("/"):
            text = ""  # a button's payload, not the visitor's words
        answerer = ANSWERERS.current()[_language(tracker)]
        reading = answerer.read(text)
        # "Entä Barents?", and "sori, tarkoitin EU-asioita": another topic, the same question.
        if intent == FOLLOWUP_INTENT or topics and reading.corrects:
            kind = tracker.get_slot(KIND_SLOT) or INTENT_KINDS.get(intent) or "what"
            # The kind carried over was asked in the visitor's words before.
            reading = replace(reading, kinds=reading.kinds | {kind})
        else:
            kind = INTENT_KINDS.get(intent)
        if not topics and intent == "ask_list":
            topics = LIST_DEFAULT_TOPICS
        if tracker.latest_message.get(NONSENSE):
            # No word of either language: not a question about the topic in context.
            reply = answerer.help("fallback")
        else:
            reply = answerer.respond(
                reading,
                kind,
                topics,
                _context_topic(kind, tracker),
                in_scope=intent != "out_of_scope",
                previous=_previous_answer(tracker),
            )
        if reply is None:
            reply = answerer.unanswered(reading, kind, UNSURE_INTENTS.get(intent, "fallback"))
        button_intent = "ask_what" if reply.topic else KIND_INTENTS.get(kind, "ask_what")
        # The answer's id (for the visitor's feedback, bot.web.feedback), topic and source join the
        # answer's message in the channel's reply and stay with it in the tracker store.
        details = {"answer": uuid.uuid4().hex, "topic": reply.topic, **_outcome(reply)}
        text, source = reply.text, answerer.cite(reply)
        if source:
            text = f"{text}\n{source['line']}"  # one line break: "\n\n" would split the message
            details["source"] = {"title": source["title"], "url": source["url"]}
        dispatcher.utter_message(
            text=text, buttons=_buttons(answerer, reply, button_intent), json_message=details
        )
        events = _language_set(tracker, answerer.lang)
        if kind:
            events.append(SlotSet(KIND_SLOT, kind))
        if reply.topic:
            events.append(SlotSet(TOPIC_SLOT, reply.topic))
        if reply.person:
            events.append(SlotSet(PERSON_SLOT, reply.person))
        return events


class ActionHelp(Action):
    """What the bot can do, and contact details it does not have."""

    def name(self) -> Text:
        return "action_help"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        reason = HELP_REASONS.get(intent, "capabilities")
        answerer = ANSWERERS.current()[_language(tracker)]
        reply = answerer.help(reason)
        dispatcher.utter_message(
            text=reply.text,
            buttons=_buttons(answerer, reply, "ask_what"),
            json_message=_outcome(reply),
        )
        return _language_set(tracker, answerer.lang)


class ActionSmallTalk(Action):
    """Greetings, thanks, goodbyes and "are you a bot?", in the message's language."""

    def name(self) -> Text:
        return "action_small_talk"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        lang = _language(tracker)
        small_talk = PHRASES[lang].small_talk
        dispatcher.utter_message(text=small_talk.get(intent, small_talk["greet"]))
        return _language_set(tracker, lang)
