"""Knowledge-base names are found in inflected, misspelt and lower-case Finnish."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from bot.matching import TopicMatcher
from staff import check


@pytest.fixture(scope="module")
def matcher(kb):
    return TopicMatcher(kb.alias_table())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kuka hoitaa EU-asioita?", ["eu_yhteistyo"]),
        ("Entä Venäjä-asioita?", ["venaja_yhteistyo"]),
        ("mita barentsin alueella tehdaan", ["barents"]),
        ("Barents-yhteistyöhön kuuluvat alueet", ["barents"]),
        ("Kerro Barents Youthista", ["barents_youth"]),
        ("Mitä EU-toimistoon kuuluu?", ["eu_toimisto"]),
        ("eu toimisto", ["eu_toimisto"]),
        ("Euregio Karelian tavoite", ["euregio_karelia"]),
        ("Euregio Karelian hallitus", ["euregio_hallitus"]),
        ("Karelia CBC:n hallintoviranomainen", ["karelia_cbc"]),
        ("venajan strategia", ["venaja_strategia"]),
        ("Mikä on Barnets?", ["barents"]),
        ("sukuvaaran titteli", ["katja_sukuvaara"]),
        ("Kirkkoniemessä", ["barents_sihteeristo"]),
        ("Kuka vastaa EU- ja Venäjä-asioista?", ["eu_yhteistyo", "venaja_yhteistyo"]),
    ],
)
def test_names_resolve_to_knowledge_base_ids(matcher, text, expected):
    assert [m.id for m in matcher.find(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Keitä siihen kuuluu?",
        "Onko Euregio Karelia yhä toiminnassa?x",  # "toiminnassa" is not "tiimi"
        "Hei, mitä kuuluu?",
    ],
)
def test_no_false_topics(matcher, text):
    assert "kv_tiimi" not in [m.id for m in matcher.find(text)]
    if "Euregio" not in text:
        assert matcher.find(text) == []


def test_huge_input_is_cheap_and_safe(matcher):
    assert [m.id for m in matcher.find("Barents " + "ä" * 10_000)] == ["barents"]


def test_every_name_of_every_object_finds_that_object(kb):
    """Staff add an object with its names: each name must lead to it, in a question too."""
    assert check.unresolved_names(kb) == []


def test_check_reports_a_name_that_leads_elsewhere(kb):
    bad = copy.deepcopy(kb)
    barents = bad.entries["barents"]
    bad.entries["barents"] = dataclasses.replace(
        barents, aliases=(*barents.aliases, "Euregio Karelia")
    )
    problems = check.unresolved_names(bad)
    assert any("'barents'" in p and "Euregio Karelia" in p for p in problems)
