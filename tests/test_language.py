"""Language identification (bot.language.detection) on short visitor messages written apart from the
code (tests/language_questions.yml), with the knowledge base's names masked as the NLU masks them.
Writes reports/detection.md."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.language import detection
from bot.language.matching import TopicMatcher

ROOT = Path(__file__).resolve().parent.parent
MIN_ACCURACY = 0.99


@pytest.fixture(scope="module")
def matcher(kb) -> TopicMatcher:
    """Every name of every object, regions too, as bot.nlu.topics.TopicExtractor finds them."""
    return TopicMatcher({e.id: e.all_names for e in kb.entries.values()})


def told(matcher: TopicMatcher, text: str):
    return detection.detect(text, [(m.start, m.end) for m in matcher.find(text)])


def test_the_language_of_short_questions_is_told_right(matcher):
    questions = yaml.safe_load((ROOT / "tests" / "language_questions.yml").read_text())
    questions = questions["questions"]
    missed = [
        (q["text"], q["lang"], told(matcher, q["text"]))
        for q in questions
        if told(matcher, q["text"]) != q["lang"]
    ]
    accuracy = 1 - len(missed) / len(questions)
    report = ROOT / "reports" / "detection.md"
    report.parent.mkdir(exist_ok=True)
    report.write_text(
        "\n".join(
            [
                "# Language identification (tests/language_questions.yml)",
                "",
                f"{len(questions)} messages, **{accuracy:.1%}** told right "
                "(unsure counts as wrong).",
                "",
                *(f'- "{text}": {lang}, told {got}' for text, lang, got in missed),
            ]
        )
        + "\n"
    )
    assert accuracy >= MIN_ACCURACY, missed


@pytest.mark.parametrize("text", ["Barents", "Euregio Karelia", "ok", "EU?"])
def test_a_name_alone_or_a_word_of_either_language_tells_nothing(matcher, text):
    assert told(matcher, text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Who is Katja Sukuvaara?", "en"),
        ("Kuka on Katja Sukuvaara?", "fi"),
        ("What does the Barents Regional Council do?", "en"),
        # A region's name inside a topic's name: the spans overlap.
        ("Kainuu Russia strategy - what is it?", "en"),
        ("Kainuun kansainvälisten toimijoiden verkosto, mikä se on?", "fi"),
        # The names leave "Is still in": too little for the detector, the opening word tells.
        ("Is Kainuu still in Euregio Karelia?", "en"),
        # A place the knowledge base does not know is a name all the same.
        ("Is the EU office in Brussels or Helsinki?", "en"),
        ("Is Kajaani part of Euregio Karelia?", "en"),
        ("Onko toimisto Brysselissä vai Helsingissä?", "fi"),
    ],
)
def test_names_do_not_decide_the_language(matcher, text, expected):
    assert told(matcher, text) == expected


def test_overlapping_names_leave_the_other_words():
    """The NLU finds regions and topics apart, so their spans may overlap."""
    text = "Kainuu Russia strategy - what is it?"
    assert detection.detect(text, [(0, 22), (0, 6)]) == "en"
