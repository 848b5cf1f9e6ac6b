"""`make import` (staff/import_csv.py, staff/field_questions.py): staff's annotations in the
report's CSV become example questions of knowledge-base fields or NLU training examples; a bad
row stops the import before anything is written; a question the bot missed is then answered."""

from __future__ import annotations

import csv
import shutil
import time
import uuid
from difflib import SequenceMatcher

import pytest
import yaml
from rasa.shared.nlu.training_data.loading import load_data

from bot import knowledge
from staff import import_csv, report
from tests.conftest import say

MISSED = "Millä keinoin Kainuun tunnettuutta pidetään yllä?"  # the fact: regional marketing
MISSED_FACT = "markkinoin"


def write_csv(path, rows):
    """rows: (question, field, intent)."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, report.CSV_COLUMNS, delimiter=";")
        writer.writeheader()
        for question, field, intent in rows:
            writer.writerow(
                {"kysymys": question, "vastaava_tieto": field, "oikea_intentti": intent}
            )


@pytest.fixture
def kb_copy(tmp_path):
    directory = tmp_path / "knowledge"
    shutil.copytree(knowledge.knowledge_dir(), directory)
    return directory


def run_import(tmp_path, kb_copy, rows):
    annotated, out = tmp_path / "merkitty.csv", tmp_path / "keskusteluista.yml"
    write_csv(annotated, rows)
    code = import_csv.main([str(annotated), "--out", str(out), "--knowledge", str(kb_copy)])
    return code, out


def test_a_named_field_gets_the_question_as_its_example_in_its_language(tmp_path, kb_copy):
    before = (kb_copy / "networks.yml").read_text(encoding="utf-8")
    rows = [
        ("Missä päin Eurooppaa Kainuun edunvalvontaa tehdään?", "eu_toimisto.where", ""),
        ("Where in Europe does Kainuu lobby?", "eu_toimisto.where", ""),
        ("Mikä tekee Kainuusta houkuttelevan ulkomaille?", "uusi", ""),
        ("Miten Kainuuta mainostetaan maailmalla?", "kansainvalistyminen.how", ""),  # has it
    ]
    code, out = run_import(tmp_path, kb_copy, rows)
    assert code == 0 and not out.exists()
    entry = knowledge.load(kb_copy).entries["eu_toimisto"]
    assert entry.questions["where"] == ("Missä päin Eurooppaa Kainuun edunvalvontaa tehdään?",)
    assert entry.translations["en"].questions["where"] == ("Where in Europe does Kainuu lobby?",)
    after = (kb_copy / "networks.yml").read_text(encoding="utf-8")
    # Only lines were added: staff's comments and line breaks stay as they were.
    edits = SequenceMatcher(None, before.split("\n"), after.split("\n")).get_opcodes()
    assert {tag for tag, *_ in edits} == {"equal", "insert"}
    assert after.count("\n") == before.count("\n") + 6
    assert (kb_copy / "organisation.yml").read_text(encoding="utf-8") == (
        knowledge.knowledge_dir() / "organisation.yml"
    ).read_text(encoding="utf-8")
    # Importing the same file again adds nothing.
    assert run_import(tmp_path, kb_copy, rows)[0] == 0
    assert (kb_copy / "networks.yml").read_text(encoding="utf-8") == after


@pytest.mark.parametrize(
    "field, error",
    [
        ("eu_toimist.where", "ei ole objektia 'eu_toimist'"),
        ("eu_toimisto.when", "objektilla eu_toimisto ei ole kenttää 'when'"),
        ("eu_toimisto", "muodossa tunniste.kenttä"),
    ],
)
def test_a_bad_field_stops_the_import_naming_row_and_column(
    tmp_path, kb_copy, capsys, field, error
):
    before = {p.name: p.read_text(encoding="utf-8") for p in kb_copy.glob("*.yml")}
    rows = [("Missä EU-toimisto on?", "eu_toimisto.where", ""), ("Paljonko?", field, "")]
    code, out = run_import(tmp_path, kb_copy, rows)
    message = capsys.readouterr().err
    assert code == 1 and "rivi 3, sarake vastaava_tieto" in message and error in message
    assert {p.name: p.read_text(encoding="utf-8") for p in kb_copy.glob("*.yml")} == before
    assert not out.exists()


def test_an_intent_becomes_a_training_example(tmp_path, kb_copy):
    rows = [
        ("Paljonko Karelia CBC -hankkeeseen voi saada rahaa?", "", "ask_how"),
        ("Onko liitolla harjoittelupaikkoja?", "", "out_of_scope"),
        ("Mikä on Kainuun liiton y-tunnus?", "", ""),
        ("Mikä on Barents-yhteistyö?", "", "ask_what"),  # already trained on
    ]
    code, out = run_import(tmp_path, kb_copy, rows)
    assert code == 0
    examples = {(m.get("intent"), m.get("text")) for m in load_data(str(out)).training_examples}
    assert examples == {
        ("ask_how", "Paljonko Karelia CBC -hankkeeseen voi saada rahaa?"),
        ("out_of_scope", "Onko liitolla harjoittelupaikkoja?"),
    }


def test_an_unknown_intent_stops_the_import_naming_the_row(tmp_path, kb_copy, capsys):
    rows = [("Onko liitolla harjoittelupaikkoja?", "", "out_of_scope"), ("Paljonko?", "", "raha")]
    code, out = run_import(tmp_path, kb_copy, rows)
    error = capsys.readouterr().err
    assert code == 1 and "rivi 3, sarake oikea_intentti" in error and "'raha'" in error
    assert "ask_how" in error and not out.exists()


def test_imported_examples_keep_quotes_and_hashes(tmp_path, kb_copy):
    code, out = run_import(tmp_path, kb_copy, [('Mitä: "lainaus" # ja risu?', "", "out_of_scope")])
    assert code == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["nlu"][0]["examples"] == '- Mitä: "lainaus" # ja risu?\n'
    code, _ = run_import(tmp_path, kb_copy, [('Mitä: "lainaus" # ja risu?', "barents.what", "")])
    questions = knowledge.load(kb_copy).entries["barents"].questions["what"]
    assert code == 0 and questions == ('Mitä: "lainaus" # ja risu?',)


def answer(bot, sender: str) -> str:
    return " ".join(m.get("text", "") for m in say(bot.url, sender, MISSED).json())


def test_a_missed_question_imported_from_the_report_is_then_answered(bot, tmp_path):
    sender = uuid.uuid4().hex
    assert MISSED_FACT not in answer(bot, sender)
    saved = {p.name: p.read_text(encoding="utf-8") for p in bot.knowledge.glob("*.yml")}
    try:
        code, _ = run_import(tmp_path, bot.knowledge, [(MISSED, "kansainvalistyminen.how", "")])
        assert code == 0
        deadline = time.monotonic() + 30  # the action server reads the edit at once
        while MISSED_FACT not in answer(bot, sender):
            assert time.monotonic() < deadline, "the imported question was not answered"
            time.sleep(0.5)
    finally:
        for name, text in saved.items():
            (bot.knowledge / name).write_text(text, encoding="utf-8")


def test_an_empty_report_csv_imports_nothing(tmp_path, kb_copy):
    code, out = run_import(tmp_path, kb_copy, [])
    assert code == 0 and not out.exists()


def test_a_csv_not_saved_as_utf8_gets_a_finnish_error(tmp_path, kb_copy, capsys):
    annotated = tmp_path / "ansi.csv"
    annotated.write_bytes(
        "kysymys;vastaava_tieto\nMissä EU-toimisto on?;eu_toimisto.where\n".encode("cp1252")
    )
    code = import_csv.main([str(annotated), "--knowledge", str(kb_copy)])
    assert code == 1 and "CSV UTF-8" in capsys.readouterr().err


def test_windows_line_endings_and_a_commented_id_line_stay(tmp_path, kb_copy):
    networks = kb_copy / "networks.yml"
    text = networks.read_text(encoding="utf-8").replace(
        "  - id: eu_toimisto\n", "  - id: eu_toimisto  # Brysselin toimisto\n"
    )
    networks.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    code, _ = run_import(tmp_path, kb_copy, [("Missä toimisto on?", "eu_toimisto.where", "")])
    assert code == 0
    after = networks.read_bytes().decode("utf-8")
    assert after.count("\r\n") == after.count("\n") and "# Brysselin toimisto" in after
    assert knowledge.load(kb_copy).entries["eu_toimisto"].questions["where"] == (
        "Missä toimisto on?",
    )
