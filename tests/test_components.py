"""The NLU's own components that need no training (bot/nlu/). Code tests: the
IntentGuard cases need no knowledge base, the fingerprints read the test knowledge base
(tests/knowledge/)."""

from __future__ import annotations

import shutil

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu import graph, tokenizer, topics
from bot.nlu.intent_guard import IntentGuard
from bot.nlu.tokenizer import FinnishTokenizer
from bot.nlu.topics import TopicExtractor
from bot.paths import ROOT
from tests.conftest import TEST_KNOWLEDGE


def _guarded(text: str, intent: str, topics=()) -> str:
    message = Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "intent_ranking": [{"name": intent, "confidence": 0.9}],
            "entities": [{"entity": "topic", "value": t} for t in topics],
        }
    )
    IntentGuard().process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize(
    "text, intent, topics, expected",
    [
        # A question naming a topic is not small talk, whatever the classifier thought.
        ("Mikä Karelia CBC oli?", "goodbye", ["karelia_cbc"], "nlu_fallback"),
        ("Kiitos! Entä Barents?", "thank", ["barents"], "nlu_fallback"),
        ("Kiitos paljon!", "thank", [], "thank"),
        # Nor is a goodbye or a thank-you that asks something.
        ("onko sille tulossa jatkoa?", "goodbye", [], "nlu_fallback"),
        ("Kiitos, mitä muuta osaat?", "thank", [], "nlu_fallback"),
        ("Kiitos ja näkemiin!", "goodbye", [], "goodbye"),
        # What something does is not where it is; "since when" asks when.
        ("mitä EU-toimisto tekee Brysselissä", "ask_where", ["eu_toimisto"], "nlu_fallback"),
        ("Missä EU-toimisto sijaitsee?", "ask_where", ["eu_toimisto"], "ask_where"),
        ("Mistä asti Kainuu on tehnyt raja-alueyhteistyötä?", "ask_members", [], "nlu_fallback"),
        ("Milloin Kostamus rakennettiin?", "ask_when", [], "ask_when"),
        ("Thanks, and who leads it", "thank", [], "nlu_fallback"),
        ("Kiitos, onko sille tulossa jatkoa", "thank", [], "nlu_fallback"),
        ("Bye, see you next time", "goodbye", [], "goodbye"),
        ("Thanks, I'll call them", "thank", [], "thank"),
        ("Thank you, that was what I wanted to know", "thank", [], "thank"),
        ("Kiitos, juuri sitä mitä halusin tietää", "thank", [], "thank"),
        ("montako ihmistä siellä on töissä?", "bot_challenge", [], "nlu_fallback"),
        ("Oletko ihminen vai botti?", "bot_challenge", [], "bot_challenge"),
        ("Thank you very much!", "thank", [], "thank"),
        ("what does the EU office do in Brussels", "ask_where", ["eu_toimisto"], "nlu_fallback"),
        (
            "Since when has Kainuu been in cross-border cooperation?",
            "ask_members",
            [],
            "nlu_fallback",
        ),
        (
            "What is Katja Sukuvaara's phone number?",
            "ask_contact_details",
            ["katja_sukuvaara"],
            "ask_contact_details",
        ),
        # Contact details are asked with a word for them.
        (
            "Mikä on Barentsin yhteistyön ylin toimielin?",
            "ask_contact_details",
            ["barents"],
            "nlu_fallback",
        ),
        (
            "Mikä on Katja Sukuvaaran puhelinnumero?",
            "ask_contact_details",
            ["katja_sukuvaara"],
            "ask_contact_details",
        ),
        ("Mistä löydän yhteystiedot?", "ask_contact_details", [], "ask_contact_details"),
        ("Mikä on BEAC?", "ask_what", ["beac"], "ask_what"),
        # A greeting that asks with no word that greets is a question in a conversation.
        ("millä tasoilla?", "greet", [], "nlu_fallback"),
        ("Hei, onko siellä joku?", "greet", [], "greet"),
        ("Good morning!", "greet", [], "greet"),
        # "What can you do" that names a topic asks about the topic.
        (
            "Can you tell me about the EU office in Brussels?",
            "ask_capabilities",
            ["eu_toimisto"],
            "nlu_fallback",
        ),
        ("Mitä osaat kertoa?", "ask_capabilities", [], "ask_capabilities"),
        # So do one about another organisation and one that points back to what was said.
        ("Mitä Kuhmon kaupunki tekee nuorille?", "ask_capabilities", [], "nlu_fallback"),
        ("kumpi niistä on vanhempi?", "ask_capabilities", [], "nlu_fallback"),
        ("What else can you tell me about them?", "ask_capabilities", [], "nlu_fallback"),
        ("Mitä tämä palvelu tekee?", "ask_capabilities", [], "ask_capabilities"),
    ],
)
def test_an_intent_the_words_contradict_is_unsure(text, intent, topics, expected):
    assert _guarded(text, intent, topics) == expected


@pytest.mark.parametrize(
    "text, nonsense",
    [
        ("qwertyuiop asdf", True),
        ("zxcvbnm", True),
        ("asdfghjklöä", True),  # simplemma would strip its "-ä" as an ending
        ("kjdshf ksjdhf", True),
        ("moikka", False),  # a word of the training examples
        ("thx", False),
        ("Mitä eutoimisto tekee?", False),  # words simplemma knows; "toimisto" ends a compound
        ("where is the office", False),
        ("12345", False),  # no letters: nothing to tell
    ],
)
def test_a_message_with_no_word_of_either_language_is_nonsense(text, nonsense):
    message = Message(
        data={"text": text, "intent": {"name": "greet", "confidence": 0.9}, "entities": []}
    )
    IntentGuard(vocabulary=["moikka", "thx"]).process([message])
    assert bool(message.get(graph.NONSENSE)) is nonsense
    if nonsense:
        assert message.get("intent")["name"] == "nlu_fallback"
        assert message.get(graph.LANGUAGE) is None  # the conversation keeps its own


def test_the_guard_keeps_the_training_examples_words(tmp_path):
    """Trained, the guard knows the examples' words; a model trained before it learnt any
    still loads."""
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.training_data import TrainingData

    storage = LocalModelStorage(tmp_path)
    resource = Resource("guard")
    guard = IntentGuard(storage, resource)
    guard.train(TrainingData([Message(data={"text": "Heippa hei!", "intent": "greet"})]))
    loaded = IntentGuard.load({}, storage, resource, None)
    message = Message(data={"text": "heippa", "intent": {"name": "greet"}, "entities": []})
    loaded.process([message])
    assert not message.get(graph.NONSENSE)
    assert IntentGuard.load({}, storage, Resource("never_trained"), None)._vocabulary == set()


def test_the_topic_extractors_fingerprint_follows_names_not_texts(tmp_path):
    """`rasa train` retrains the NLU for a new name and not for an edited text."""
    directory = tmp_path / "knowledge"
    shutil.copytree(TEST_KNOWLEDGE, directory)
    networks = directory / "networks.yml"
    text = networks.read_text(encoding="utf-8")

    def fingerprint() -> str:
        return TopicExtractor.fingerprint_addon({"knowledge_dir": str(directory)})

    def edit(old: str, new: str) -> None:
        assert old in text, f"test setup: {old!r} not in networks.yml"
        networks.write_text(text.replace(old, new, 1), encoding="utf-8")

    before = fingerprint()
    edit("sijaitsee Kuvitelmalassa.", "sijaitsee Kuvitelmalassa (x).")
    assert fingerprint() == before
    edit("[Testisihteeristö,", "[Testisihteeristö, TS,")
    assert fingerprint() != before


def test_rasas_training_cache_follows_the_nlu_code(tmp_path, monkeypatch):
    """Rasa reuses a cached step unless the component's class source or addon changed: an edit
    to the matcher (bot/language/matching.py) or a module-level helper must change the addon too."""
    for folder in ("bot/nlu", "bot/language"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    for module in (tokenizer, topics):
        monkeypatch.setattr(module, "ROOT", tmp_path)
    config = {"knowledge_dir": str(TEST_KNOWLEDGE)}
    before = [FinnishTokenizer.fingerprint_addon({}), TopicExtractor.fingerprint_addon(config)]
    matching = tmp_path / "bot" / "language" / "matching.py"
    matching.write_text(matching.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    after = [FinnishTokenizer.fingerprint_addon({}), TopicExtractor.fingerprint_addon(config)]
    assert after[0] != before[0] and after[1] != before[1]
