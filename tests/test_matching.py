"""Knowledge-base names are found in inflected, misspelt and lower-case Finnish. Code tests, on
the test knowledge base (tests/knowledge/); the last test checks the shipped one's names."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from bot.language.matching import TopicMatcher
from staff import check


@pytest.fixture(scope="module")
def matcher(test_kb):
    return TopicMatcher(test_kb.alias_table())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kuka hoitaa testiasioita?", ["testiasiat"]),
        ("Entä testiverkostoa?", ["testiverkosto"]),
        ("mita testiverkostossa tehdaan", ["testiverkosto"]),
        ("Koealueeseen kuuluvat alueet", ["koealue"]),
        ("Kerro Testineuvostosta", ["testineuvosto"]),
        ("TVN:n jäsenet", ["testineuvosto"]),
        ("koealue", ["koealue"]),
        ("Koealueen yhteistyön tavoite", ["koealue"]),
        ("Testineuvoston työryhmä", ["testityoryhma"]),
        ("Kokeiluohjelman hallintoviranomainen", ["koeohjelma"]),
        ("koeohjelmista", ["rahoitusohjelmat"]),
        ("Mikä on Tsetiverkosto?", ["testiverkosto"]),
        ("testaajan titteli", ["tiina_testaaja"]),
        ("Kuvitelmalassa", ["testisihteeristo"]),
        ("Kuka vastaa testiasioista ja Koealueesta?", ["testiasiat", "koealue"]),
    ],
)
def test_names_resolve_to_knowledge_base_ids(matcher, text, expected):
    assert [m.id for m in matcher.find(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Keitä siihen kuuluu?",
        "Onko Koealue yhä toiminnassa?x",  # "toiminnassa" is not "tiimi"
        "Hei, mitä kuuluu?",
    ],
)
def test_no_false_topics(matcher, text):
    assert "testitiimi" not in [m.id for m in matcher.find(text)]
    if "Koealue" not in text:
        assert matcher.find(text) == []


def test_a_lemma_cut_short_does_not_match():
    """simplemma takes "strategiaryhmä" for "strategia": "strategian" is the strategy's."""
    matcher = TopicMatcher({"group": ["strategiaryhmä"]})
    assert matcher.find("Mitä strategian tavoitteet vaativat?") == []
    assert [m.id for m in matcher.find("Mikä on strategiaryhmän tehtävä?")] == ["group"]


def test_only_a_word_whose_end_changes_matches_by_a_shorter_shared_start():
    """ "Kirkkoniemessä" and "Ponnikkaan" are forms of "Kirkkoniemi" and "Ponnikas"; "verkossa"
    ("online") shares "verkos" with "verkosto" but is no form of it."""
    matcher = TopicMatcher({"cape": ["Kirkkoniemi"], "person": ["Ponnikas"], "nets": ["verkosto"]})
    assert [m.id for m in matcher.find("Sijaitseeko se Kirkkoniemessä?")] == ["cape"]
    assert [m.id for m in matcher.find("Entä Ponnikkaan tehtävä?")] == ["person"]
    assert matcher.find("Miten täytän veroilmoituksen verkossa?") == []
    assert [m.id for m in matcher.find("Mitä verkostoja on?")] == ["nets"]


def test_huge_input_is_cheap_and_safe(matcher):
    assert [m.id for m in matcher.find("Koealue " + "ä" * 10_000)] == ["koealue"]


def test_every_name_of_the_test_knowledge_base_finds_its_object(test_kb):
    assert check.unresolved_names(test_kb) == []


def test_check_reports_a_name_that_leads_elsewhere(test_kb):
    bad = copy.deepcopy(test_kb)
    network = bad.entries["testiverkosto"]
    bad.entries["testiverkosto"] = dataclasses.replace(
        network, aliases=(*network.aliases, "Koealue")
    )
    problems = check.unresolved_names(bad)
    assert any("'testiverkosto'" in p and "Koealue" in p for p in problems)


def test_every_name_of_every_object_finds_that_object(kb):
    """Content: staff add an object to data/knowledge/ with its names: each name must lead to
    it, in a question too."""
    assert check.unresolved_names(kb) == []
