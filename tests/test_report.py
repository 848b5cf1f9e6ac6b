"""What the bot failed on (staff/report.py) and turning staff's annotations into training examples
(staff/import_csv.py), on a tracker store with real-looking unanswered questions."""

from __future__ import annotations

import asyncio
import csv
import time

import yaml
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.loading import load_data

from staff import import_csv, report
from tests.harness import servers

DAY = 86400
# (text, intent, confidence, days ago): what visitors asked, as the NLU read it.
CONVERSATIONS = [
    [
        ("Kuka hoitaa EU-asioita?", "ask_contact", 0.98, 1),
        ("Paljonko Karelia CBC -hankkeeseen voi saada rahaa?", "ask_how", 0.41, 1),
    ],
    [
        ("paljonko karelia cbc hankkeeseen voi saada rahaa", "ask_how", 0.38, 3),
        ("Onko liitolla harjoittelupaikkoja?", "out_of_scope", 0.93, 3),
    ],
    [
        ("Paljonko Karelia CBC-hankkeeseen voi saada rahaa??", "nlu_fallback", 0.3, 2),
        ("Mikä on Kainuun liiton y-tunnus?", "nlu_fallback", 0.3, 2),
        ('/ask_what{"topic": "barents"}', "ask_what", 1.0, 2),
    ],
    [("<script>alert(1)</script> onko harjoittelupaikkoja", "out_of_scope", 0.9, 40)],
]


def make_store(tmp_path):
    store = SQLTrackerStore(dialect="sqlite", db=str(tmp_path / "rasa.db"))
    for number, turns in enumerate(CONVERSATIONS):
        events = []
        for text, intent, confidence, days in turns:
            when = time.time() - days * DAY
            events += [
                ActionExecuted("action_listen", timestamp=when),
                UserUttered(text, {"name": intent, "confidence": confidence}, timestamp=when),
            ]
        asyncio.run(store.save(DialogueStateTracker.from_events(f"visitor{number}", events)))
    return str(servers.sqlite_endpoints(tmp_path, actions_port=0))


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def test_report_groups_failed_questions_with_counts_and_dates(tmp_path):
    out = tmp_path / "reports"
    assert (
        report.main(["--out", str(out), "--endpoints", make_store(tmp_path), "--days", "30"]) == 0
    )
    rows = read_rows(out / report.CSV_NAME)
    assert [(r["kysymys"], r["maara"]) for r in rows] == [
        ("Paljonko Karelia CBC -hankkeeseen voi saada rahaa?", "3"),
        ("Mikä on Kainuun liiton y-tunnus?", "1"),
        ("Onko liitolla harjoittelupaikkoja?", "1"),
    ]
    money = rows[0]
    assert money["syy"] == "ei ymmärretty, epävarma tulkinta"
    assert money["ensimmainen"] != money["viimeisin"]
    assert "paljonko karelia cbc hankkeeseen voi saada rahaa" in money["muut_muodot"]
    assert money["oikea_intentti"] == ""
    page = (out / report.HTML_NAME).read_text(encoding="utf-8")
    assert '<html lang="fi">' in page and "3 kysymysryhmää 4 keskustelusta" in page


def test_old_questions_and_markup_stay_out_of_the_page(tmp_path):
    out = tmp_path / "reports"
    report.main(["--out", str(out), "--endpoints", make_store(tmp_path), "--days", "60"])
    page = (out / report.HTML_NAME).read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(report.CSV_COLUMNS)
        for question, intent in rows:
            writer.writerow([question, "1", "", "", "", "", "", intent])


def test_annotated_csv_becomes_training_examples(tmp_path):
    annotated, out = tmp_path / "merkitty.csv", tmp_path / "keskusteluista.yml"
    write_csv(
        annotated,
        [
            ("Paljonko Karelia CBC -hankkeeseen voi saada rahaa?", "ask_how"),
            ("Onko liitolla harjoittelupaikkoja?", "out_of_scope"),
            ("Mikä on Kainuun liiton y-tunnus?", ""),
            ("Mikä on Barents-yhteistyö?", "ask_what"),
        ],
    )  # already trained on
    assert import_csv.main([str(annotated), "--out", str(out)]) == 0
    examples = {(m.get("intent"), m.get("text")) for m in load_data(str(out)).training_examples}
    assert examples == {
        ("ask_how", "Paljonko Karelia CBC -hankkeeseen voi saada rahaa?"),
        ("out_of_scope", "Onko liitolla harjoittelupaikkoja?"),
    }
    # Importing the same file again adds nothing.
    before = out.read_text(encoding="utf-8")
    assert import_csv.main([str(annotated), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == before


def test_unknown_intent_stops_the_import_naming_the_row(tmp_path, capsys):
    annotated, out = tmp_path / "merkitty.csv", tmp_path / "keskusteluista.yml"
    write_csv(
        annotated,
        [
            ("Onko liitolla harjoittelupaikkoja?", "out_of_scope"),
            ("Paljonko rahaa saa?", "kysy_rahaa"),
        ],
    )
    assert import_csv.main([str(annotated), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert "rivi 3" in error and "'kysy_rahaa'" in error and "ask_how" in error
    assert not out.exists()


def test_imported_examples_pass_rasa_validation_format(tmp_path):
    annotated, out = tmp_path / "merkitty.csv", tmp_path / "keskusteluista.yml"
    write_csv(annotated, [('Mitä: "lainausmerkit" # ja risuaita?', "out_of_scope")])
    assert import_csv.main([str(annotated), "--out", str(out)]) == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["nlu"][0]["examples"] == '- Mitä: "lainausmerkit" # ja risuaita?\n'


def test_a_nul_character_from_a_visitor_does_not_stop_the_csv(tmp_path):
    report.write_csv([["nul\x00merkki", "1", "", "", "", "", "", ""]], tmp_path / "out.csv")
    assert read_rows(tmp_path / "out.csv")[0]["kysymys"] == "nulmerkki"
