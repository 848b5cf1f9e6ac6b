"""The knowledge-base loader: references resolve, contacts are inherited, and broken files fail
with a message that names the file, the object and the field. Code tests, on the test knowledge
base (tests/knowledge/); the last test checks the shipped one's sections against the demo page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import knowledge
from staff import check
from tests.conftest import TEST_KNOWLEDGE, TEST_PAGE


def test_references_resolve_and_contacts_are_inherited(test_kb):
    assert test_kb.get("testiverkosto").contacts == ("tiina_testaaja",)
    assert [e.id for e in test_kb.member_entries(test_kb.get("koealue"))] == [
        "koemaakunta",
        "testimaakunta",
        "esimerkkila",
    ]
    # Objects without contacts inherit them from the object they are part of, and so on up.
    assert [p.id for p in test_kb.contacts_for(test_kb.get("testityoryhma"))] == ["tiina_testaaja"]
    assert [e.id for e in test_kb.ancestors(test_kb.get("testityoryhma"))] == [
        "testineuvosto",
        "testiverkosto",
    ]
    # With none up the chain, the default contacts.
    assert [p.id for p in test_kb.contacts_for(test_kb.get("koealue"))] == ["testijohtaja"]
    # A person is their own contact.
    assert test_kb.contacts_for(test_kb.get("kalle_kokeilija")) == [test_kb.get("kalle_kokeilija")]


def test_collections_list_every_object_of_their_type(test_kb):
    networks = [e.id for e in test_kb.member_entries(test_kb.get("verkostot"))]
    assert networks == ["testiverkosto", "koealue"]
    programmes = [e.id for e in test_kb.member_entries(test_kb.get("rahoitusohjelmat"))]
    assert programmes == ["koeohjelma"]


def _broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(TEST_KNOWLEDGE, target)
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def test_an_unbroken_copy_loads(tmp_path):
    """The copy the tests below break is valid: each failure is its edit's."""
    target = tmp_path / "knowledge"
    shutil.copytree(TEST_KNOWLEDGE, target)
    assert len(knowledge.load(target).entries) == len(knowledge.load(TEST_KNOWLEDGE).entries)


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        (
            "networks.yml",
            "contacts: [tiina_testaaja]",
            "contacts: [pekka_puuttuva]",
            ["networks.yml", "'testiverkosto'", "'contacts'", "pekka_puuttuva"],
        ),
        (
            "networks.yml",
            "ids: [koemaakunta, testimaakunta, esimerkkila]",
            "ids: [koemaakunta, atlantis]",
            ["networks.yml", "'koealue'", "'members.ids'", "atlantis"],
        ),
        (
            "networks.yml",
            "part_of: testiverkosto\n",
            "part_of: testiverkosot\n",
            ["networks.yml", "'part_of'", "testiverkosot"],
        ),
        (
            "networks.yml",
            "contacts: [kalle_kokeilija]",
            "contacts: [testimaakunta]",
            ["networks.yml", "'contacts'", "ei ole henkilö"],
        ),
        (
            "people.yml",
            "    responsibility: testiasioiden",
            "    responsibilty: testiasioiden",
            ["people.yml", "'kalle_kokeilija'", "'responsibilty'", "tuntematon kenttä"],
        ),
        (
            "programmes.yml",
            "type: programme",
            "type: ohjelma",
            ["programmes.yml", "'koeohjelma'", "'type'"],
        ),
        (
            "networks.yml",
            "  - id: testityoryhma\n",
            "  - id: testineuvosto\n",
            ["networks.yml", "'testineuvosto'", "'id'"],
        ),
        (
            "networks.yml",
            "aliases: [Testineuvoston työryhmä,",
            "aliases: [TVN,",
            ["networks.yml", "'testityoryhma'", "'aliases'", "'testineuvosto'"],
        ),
        (
            "people.yml",
            "aliases: [testijohtaja]",
            "aliases: [testijohtaja",
            ["people.yml", "YAML"],
        ),
        (
            "organisation.yml",
            "default_contacts: [testijohtaja]",
            "default_contacts: testijohtaja",
            ["organisation.yml", "'settings'", "'default_contacts'", "lista"],
        ),
        (
            "regions.yml",
            "type: region, name: Testimaakunta",
            "type: region, country: xx, name: Testimaakunta",
            ["regions.yml", "'testimaakunta'", "'country'", "fi, se, no, ru"],
        ),
        # Example questions belong to a field the object has, as a list.
        (
            "networks.yml",
            "    kysymyksia:\n      purpose:",
            "    kysymyksia:\n      when:",
            ["networks.yml", "'testiverkosto'", "'kysymyksia.when'", "ei ole tätä kenttää"],
        ),
        (
            "networks.yml",
            "      purpose:\n        - Mitä hyötyä testiverkosta on?",
            "      purpose: Mitä hyötyä testiverkosta on?",
            ["networks.yml", "'testiverkosto'", "'kysymyksia.purpose'", "lista"],
        ),
        # Every Finnish text has its English counterpart, and every English text a Finnish one.
        (
            "networks.yml",
            "      what: The Test network council (TVN) is the highest imaginary body of the "
            "Test network.\n",
            "",
            ["networks.yml", "'testineuvosto'", "'en.what'", "englanninkielinen vastine puuttuu"],
        ),
        (
            "networks.yml",
            "      what: The Test network council (TVN) is the highest imaginary body of the "
            "Test network.\n",
            "      what: The TVN is the highest body.\n      where: Oslo.\n",
            ["networks.yml", "'testineuvosto'", "'en.where'", "suomenkielinen teksti puuttuu"],
        ),
        (
            "networks.yml",
            "      name: Test network council (TVN)\n",
            "      name: Test network council (TVN)\n      purpose: Cooperation.\n",
            ["networks.yml", "'testineuvosto'", "'en.purpose'"],
        ),
        (
            "people.yml",
            "      title: test director\n",
            "",
            ["people.yml", "'testijohtaja'", "'en.title'"],
        ),
        (
            "networks.yml",
            "      aliases: [Test network council, test council]",
            "      alias: [Test network council, test council]",
            ["networks.yml", "'testineuvosto'", "'en.alias'", "tuntematon kenttä"],
        ),
        (
            "networks.yml",
            "      aliases: [test working group,",
            "      aliases: [Test network council,",
            ["networks.yml", "'testityoryhma'", "'aliases'", "'testineuvosto'"],
        ),
        # Every askable object names the page section its facts come from, one the settings list.
        (
            "networks.yml",
            "    source: koealue\n",
            "",
            ["networks.yml", "'koealue'", "'source'", "lähde puuttuu"],
        ),
        (
            "networks.yml",
            "    source: koealue\n",
            "    source: koe-alue\n",
            ["networks.yml", "'koealue'", "'source'", "'koe-alue'"],
        ),
        (
            "organisation.yml",
            "page_url: /testisivu.html",
            "page_url: javascript:alert(1)",
            ["organisation.yml", "'settings'", "'page_url'", "https://"],
        ),
        (
            "organisation.yml",
            "    koealue: Koealueen yhteistyö",
            "    Koe alue: Koealueen yhteistyö",
            ["organisation.yml", "'sections'", "'Koe alue'"],
        ),
    ],
)
def test_broken_file_names_file_object_and_field(tmp_path, file, old, new, expected):
    broken = _broken_copy(tmp_path, file, old, new)
    with pytest.raises(knowledge.KnowledgeBaseError) as error:
        knowledge.load(broken)
    for part in expected:
        assert part in str(error.value)


def test_missing_description_is_an_error(tmp_path):
    broken = _broken_copy(
        tmp_path,
        "networks.yml",
        "    what: Testineuvoston työryhmä valmistelee neuvoston kuviteltuja päätöksiä.\n",
        "",
    )
    with pytest.raises(knowledge.KnowledgeBaseError, match=r"'testityoryhma'.*'what'"):
        knowledge.load(broken)


def test_empty_directory_is_an_error(tmp_path):
    with pytest.raises(knowledge.KnowledgeBaseError, match="ei löytynyt"):
        knowledge.load(tmp_path)


def test_an_object_without_english_is_an_error(tmp_path):
    target = tmp_path / "knowledge"
    shutil.copytree(TEST_KNOWLEDGE, target)
    regions = target / "regions.yml"
    regions.write_text(
        regions.read_text(encoding="utf-8") + "  - {id: testila, type: region, name: Testilä}\n",
        encoding="utf-8",
    )
    with pytest.raises(knowledge.KnowledgeBaseError, match=r"'testila'.*'en'"):
        knowledge.load(target)


def test_the_english_knowledge_base_has_the_same_objects_in_english(test_kb):
    english = test_kb.in_language("en")
    assert english.entries.keys() == test_kb.entries.keys()
    council = english.get("testineuvosto")
    assert council.name == "Test network council (TVN)"
    assert council.label == "Test council"
    assert council.text("what").startswith("The Test network council")
    assert english.get("koealue").members.label == "The member regions of the Trial area are"
    assert english.settings.contact_hint != test_kb.settings.contact_hint
    # The NLU finds a name in either language; the Finnish answers use the Finnish names.
    assert "test net" in test_kb.alias_table(all_languages=True)["testiverkosto"]
    assert "test net" not in test_kb.alias_table()["testiverkosto"]


def test_check_names_a_section_the_page_does_not_have(test_kb, tmp_path):
    assert check.missing_anchors(test_kb, TEST_PAGE) == []
    page = tmp_path / "demo.html"
    page.write_text(
        TEST_PAGE.read_text(encoding="utf-8").replace('id="koealue"', 'id="koe"'),
        encoding="utf-8",
    )
    assert check.missing_anchors(test_kb, page) == [
        "sivulla demo.html ei ole osiota, jonka tunniste on 'koealue' (asetusten sections)"
    ]


def test_every_section_of_the_shipped_knowledge_base_is_on_the_demo_page(kb):
    """Content: the sections data/knowledge/ cites are on the page the bot serves."""
    assert check.missing_anchors(kb) == []
