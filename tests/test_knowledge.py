"""The knowledge-base loader: the real data loads, and broken files fail with a message that
names the file, the object and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import knowledge
from staff import check

DATA = knowledge.DEFAULT_DIR


def test_real_data_loads_with_every_reference_resolved(kb):
    assert kb.get("barents").contacts == ("katja_sukuvaara",)
    assert [e.id for e in kb.member_entries(kb.get("euregio_karelia"))] == [
        "kainuu",
        "pohjois_karjala",
        "pohjois_pohjanmaa",
        "karjalan_tasavalta",
    ]
    # Objects without contacts inherit them from the object they are part of.
    assert [p.id for p in kb.contacts_for(kb.get("brc"))] == ["katja_sukuvaara"]
    assert [p.id for p in kb.contacts_for(kb.get("toimijaverkosto"))] == ["maakuntajohtaja"]


def test_collections_list_every_object_of_their_type(kb):
    networks = {e.id for e in kb.member_entries(kb.get("verkostot"))}
    assert {"eu_toimisto", "barents", "euregio_karelia", "toimijaverkosto"} <= networks


def _broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(DATA, target)
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        (
            "networks.yml",
            "contacts: [jouni_ponnikas]",
            "contacts: [pekka_puuttuva]",
            ["networks.yml", "'eu_toimisto'", "'contacts'", "pekka_puuttuva"],
        ),
        (
            "networks.yml",
            "ids: [kainuu, pohjois_karjala, pohjois_pohjanmaa, karjalan_tasavalta]",
            "ids: [kainuu, atlantis]",
            ["networks.yml", "'euregio_karelia'", "'members.ids'", "atlantis"],
        ),
        (
            "networks.yml",
            "part_of: barents\n",
            "part_of: barentz\n",
            ["networks.yml", "'part_of'", "barentz"],
        ),
        (
            "networks.yml",
            "contacts: [katja_sukuvaara]",
            "contacts: [kainuu]",
            ["networks.yml", "'contacts'", "ei ole henkilö"],
        ),
        (
            "people.yml",
            "    responsibility: EU:n",
            "    responsibilty: EU:n",
            ["people.yml", "'jouni_ponnikas'", "'responsibilty'", "tuntematon kenttä"],
        ),
        (
            "programmes.yml",
            "type: programme",
            "type: ohjelma",
            ["programmes.yml", "'karelia_cbc'", "'type'"],
        ),
        ("networks.yml", "  - id: rc\n", "  - id: brc\n", ["networks.yml", "'brc'", "'id'"]),
        (
            "networks.yml",
            "aliases: [RC,",
            "aliases: [BRC,",
            ["networks.yml", "'rc'", "'aliases'", "'brc'"],
        ),
        (
            "people.yml",
            "aliases: [maakuntajohtaja]",
            "aliases: [maakuntajohtaja",
            ["people.yml", "YAML"],
        ),
        (
            "organisation.yml",
            "default_contacts: [maakuntajohtaja]",
            "default_contacts: maakuntajohtaja",
            ["organisation.yml", "'settings'", "'default_contacts'", "lista"],
        ),
        # Every Finnish text has its English counterpart, and every English text a Finnish one.
        (
            "networks.yml",
            "      what: The Barents Euro-Arctic Council (BEAC) is the highest body of "
            "Barents cooperation.\n",
            "",
            ["networks.yml", "'beac'", "'en.what'", "englanninkielinen vastine puuttuu"],
        ),
        (
            "networks.yml",
            "      what: The Barents Euro-Arctic Council (BEAC) is the highest body of "
            "Barents cooperation.\n",
            "      what: The BEAC is the highest body.\n      where: Oslo.\n",
            ["networks.yml", "'beac'", "'en.where'", "suomenkielinen teksti puuttuu"],
        ),
        (
            "networks.yml",
            "      name: Barents Euro-Arctic Council (BEAC)\n",
            "      name: Barents Euro-Arctic Council (BEAC)\n      purpose: Cooperation.\n",
            ["networks.yml", "'beac'", "'en.purpose'"],
        ),
        (
            "people.yml",
            "      title: regional mayor\n",
            "",
            ["people.yml", "'maakuntajohtaja'", "'en.title'"],
        ),
        (
            "networks.yml",
            "      aliases: [Barents Euro-Arctic Council, BEAC,",
            "      alias: [Barents Euro-Arctic Council, BEAC,",
            ["networks.yml", "'beac'", "'en.alias'", "tuntematon kenttä"],
        ),
        (
            "networks.yml",
            "      aliases: [Barents Euro-Arctic Council, BEAC,",
            "      aliases: [Barents Regional Council, BEAC,",
            ["networks.yml", "'aliases'", "'brc'"],
        ),
        # Every askable object names the page section its facts come from, one the settings list.
        (
            "programmes.yml",
            "    source: karelia-cbc\n",
            "",
            ["programmes.yml", "'karelia_cbc'", "'source'", "lähde puuttuu"],
        ),
        (
            "programmes.yml",
            "    source: karelia-cbc\n",
            "    source: karelia\n",
            ["programmes.yml", "'karelia_cbc'", "'source'", "'karelia'"],
        ),
        (
            "organisation.yml",
            "page_url: /webhooks/widget/demo.html",
            "page_url: javascript:alert(1)",
            ["organisation.yml", "'settings'", "'page_url'", "https://"],
        ),
        (
            "organisation.yml",
            "    karelia-cbc: Karelia CBC -ohjelma",
            "    Karelia CBC: Karelia CBC",
            ["organisation.yml", "'sections'", "'Karelia CBC'"],
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
        "    what: Barentsin euroarktinen neuvosto (BEAC) on Barentsin yhteistyön "
        "ylin toimielin.\n",
        "",
    )
    with pytest.raises(knowledge.KnowledgeBaseError, match=r"'beac'.*'what'"):
        knowledge.load(broken)


def test_empty_directory_is_an_error(tmp_path):
    with pytest.raises(knowledge.KnowledgeBaseError, match="ei löytynyt"):
        knowledge.load(tmp_path)


def test_an_object_without_english_is_an_error(tmp_path):
    target = tmp_path / "knowledge"
    shutil.copytree(DATA, target)
    regions = target / "regions.yml"
    regions.write_text(
        regions.read_text(encoding="utf-8")
        + "  - {id: norrbotten, type: region, name: Norrbotten}\n",
        encoding="utf-8",
    )
    with pytest.raises(knowledge.KnowledgeBaseError, match=r"'norrbotten'.*'en'"):
        knowledge.load(target)


def test_the_english_knowledge_base_has_the_same_objects_in_english(kb):
    english = kb.in_language("en")
    assert english.entries.keys() == kb.entries.keys()
    beac = english.get("beac")
    assert beac.name == "Barents Euro-Arctic Council (BEAC)"
    assert beac.text("what").startswith("The Barents Euro-Arctic Council")
    assert english.settings.contact_hint != kb.settings.contact_hint
    # The NLU finds a name in either language; the Finnish answers use the Finnish names.
    assert "EU office" in kb.alias_table(all_languages=True)["eu_toimisto"]
    assert "EU office" not in kb.alias_table()["eu_toimisto"]


def test_every_section_is_on_the_demo_page_and_check_names_one_that_is_not(kb, tmp_path):
    assert check.missing_anchors(kb) == []
    page = tmp_path / "demo.html"
    page.write_text(
        check.DEMO_PAGE.read_text(encoding="utf-8").replace('id="karelia-cbc"', 'id="karelia"'),
        encoding="utf-8",
    )
    assert check.missing_anchors(kb, page) == [
        "sivulla demo.html ei ole osiota, jonka tunniste on 'karelia-cbc' (asetusten sections)"
    ]
