"""`make report` (staff/report.py): what visitors could not get, from the outcome each answer
recorded; on a store of real-looking conversations, and on the running bot's own store."""

from __future__ import annotations

import asyncio
import csv
import re
import subprocess
import sys
import time
import uuid
from datetime import datetime

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from staff import report
from tests.conftest import ROOT, say
from tests.harness import servers
from tests.harness.browser import ARTIFACTS, axe_violations

DAY = 86400
AMOUNT = {"outcome": "declined", "reason": "detail:amount", "topic": "karelia_cbc"}
# (text, what the bot's answer recorded or None for small talk, days ago), per conversation.
CONVERSATIONS = [
    [
        ("Hei!", None, 1),
        ("Kuka hoitaa EU-asioita?", {"outcome": "answered", "topic": "eu_yhteistyo"}, 1),
        ("Paljonko Karelia CBC -hankkeeseen voi saada rahaa?", AMOUNT, 1),
    ],
    [
        ("paljonko karelia cbc hankkeeseen voi saada rahaa", AMOUNT, 9),
        (
            "Onko liitolla harjoittelupaikkoja?",
            {"outcome": "declined", "reason": "out_of_scope"},
            9,
        ),
    ],
    [
        ("Paljonko Karelia CBC-hankkeeseen voi saada rahaa??", AMOUNT, 2),
        ("Mikä on Kainuun liiton y-tunnus?", {"outcome": "declined", "reason": "out_of_scope"}, 2),
        ('/ask_what{"topic": "barents"}', {"outcome": "answered", "topic": "barents"}, 2),
    ],
    [
        (
            "<script>alert(1)</script> onko harjoittelupaikkoja",
            {"outcome": "declined", "reason": "out_of_scope"},
            40,
        )
    ],
]


def make_store(tmp_path, rated: bool = False) -> str:
    store = SQLTrackerStore(dialect="sqlite", db=str(tmp_path / "rasa.db"))
    for number, turns in enumerate(CONVERSATIONS):
        events = []
        for text, outcome, days in turns:
            when = time.time() - days * DAY
            answer = uuid.uuid4().hex
            events += [
                ActionExecuted("action_listen", timestamp=when),
                UserUttered(text, {"name": "ask_what", "confidence": 0.5}, timestamp=when),
                BotUttered(
                    f"Vastaus: {text}",
                    {"custom": {**(outcome or {}), "answer": answer}},
                    timestamp=when + 1,
                ),
            ]
            if rated and outcome and outcome["outcome"] == "answered":
                events.append(SlotSet("feedback", {"answer": answer, "helpful": number == 0}))
        asyncio.run(store.save(DialogueStateTracker.from_events(f"visitor{number}", events)))
    return str(servers.sqlite_endpoints(tmp_path, actions_port=0))


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=";"))


def run_report(tmp_path, *args: str):
    out = tmp_path / "reports"
    assert report.main(["--out", str(out), *args]) == 0
    return read_rows(out / report.CSV_NAME), (out / report.HTML_NAME).read_text(encoding="utf-8")


def test_declines_are_grouped_by_reason_topic_and_wording_with_counts(tmp_path):
    rows, page = run_report(tmp_path, "--endpoints", make_store(tmp_path), "--days", "30")
    assert [(r["kysymys"], r["maara"], r["syy"], r["aihe"]) for r in rows] == [
        (
            "Paljonko Karelia CBC -hankkeeseen voi saada rahaa?",
            "3",
            "sivulla ei ole tietoa: rahamäärä",
            "Karelia CBC",
        ),
        ("Mikä on Kainuun liiton y-tunnus?", "1", "aiheen ulkopuolella", ""),
        ("Onko liitolla harjoittelupaikkoja?", "1", "aiheen ulkopuolella", ""),
    ]
    money = rows[0]
    assert money["ensimmainen"] != money["viimeisin"]
    assert "paljonko karelia cbc hankkeeseen voi saada rahaa" in money["muut_muodot"]
    assert money["botin_vastaus"].startswith("Vastaus: ")
    assert money["vastaava_tieto"] == money["oikea_intentti"] == ""
    # An answered question is no failure, however unsure the NLU was of it.
    assert "Kuka hoitaa EU-asioita?" not in page
    assert '<html lang="fi">' in page
    assert "3 keskustelua ja\n8 kysymystä" in page
    assert "Sivulla ei ole tietoa: rahamäärä (3 kysymystä)" in page
    assert "Aiheen ulkopuolella (2 kysymystä)" in page


def test_weekly_charts_have_finnish_text_alternatives(tmp_path):
    _, page = run_report(tmp_path, "--endpoints", make_store(tmp_path, rated=True))
    for name in ("keskustelut.png", "tulokset.png", "hyodylliset.png"):
        assert (tmp_path / "reports" / name).stat().st_size > 1000
        assert f'<img src="{name}" alt="' in page
    # The weeks' figures, whichever weeks the last 30 days fall in.
    weekly = re.findall(r"vastattu (\d+), ei vastausta (\d+), muu (\d+) kysymyksestä (\d+)", page)
    assert [sum(int(week[i]) for week in weekly) for i in range(4)] == [2, 5, 1, 8]
    rated = re.findall(r"(\d+) hyödyllistä (\d+) arviosta", page)
    assert [sum(int(week[i]) for week in rated) for i in range(2)] == [1, 2]


def test_markup_from_a_visitor_is_shown_as_text(tmp_path):
    _, page = run_report(tmp_path, "--endpoints", make_store(tmp_path), "--days", "60")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_conversations_kept_past_the_retention_period_are_warned_of(tmp_path):
    endpoints = make_store(tmp_path)
    _, page = run_report(tmp_path, "--endpoints", endpoints, "--retention-days", "30")
    assert "viestistä on 40 päivää, mutta säilytysaika on 30 päivää" in page
    assert "make forget-old" in page
    _, page = run_report(tmp_path, "--endpoints", endpoints, "--retention-days", "60")
    assert "viestistä on 40 päivää (säilytysaika\n60 päivää)" in page


def test_an_empty_store_gives_a_report_that_says_so(tmp_path):
    endpoints = str(servers.sqlite_endpoints(tmp_path, actions_port=0))
    rows, page = run_report(tmp_path, "--endpoints", endpoints)
    assert rows == []
    assert "Ei kysymyksiä tältä ajalta." in page and "Tallennettuja keskusteluja ei ole." in page


def test_weeks_sort_in_time_across_new_year():
    monday_29_december, new_year = (
        datetime(2025, 12, 29).timestamp(),
        datetime(2026, 1, 5).timestamp(),
    )
    assert report.week(monday_29_december) == "2026 vko 01"  # ISO week 1 of 2026 begins 29.12.
    assert report.week(datetime(2025, 12, 22).timestamp()) == "2025 vko 52"
    assert sorted([report.week(new_year), report.week(monday_29_december)]) == [
        "2026 vko 01",
        "2026 vko 02",
    ]


def test_a_nul_character_from_a_visitor_does_not_stop_the_csv(tmp_path):
    report.write_csv([{"kysymys": "nul\x00merkki"}], tmp_path / "out.csv")
    assert read_rows(tmp_path / "out.csv")[0]["kysymys"] == "nulmerkki"


# Questions through REST, each with the outcome and reason its answer must record.
ASKED = [
    ("Mikä on Euregio Karelia?", "answered", None),
    ("Mikä on Barentsin sihteeristön sähköpostiosoite?", "declined", "contact_details"),
    # Two wordings, one group, shown in the latest wording of the most frequent ones.
    ("paljonko rahaa karelia cbc:stä saa", "declined", "detail:amount"),
    ("Paljonko rahaa Karelia CBC:stä saa?", "declined", "detail:amount"),
    ("Mikä on Kainuun liiton y-tunnus?", "declined", "out_of_scope"),
    ("qwerty asdfgh", "declined", "not_understood"),
    ("Kuka on Matti Virtanen?", "declined", "unknown_person"),
    ("Mitä Interreg Aurora -ohjelma rahoittaa?", "declined", "other_programme"),
    ("Kerro lisää", "declined", "which_topic"),
]


def test_every_outcome_through_rest_is_in_the_report_with_its_reason(bot, browser, tmp_path):
    for text, outcome, reason in ASKED:
        reply = say(bot.url, uuid.uuid4().hex, text).json()[0]
        assert (reply.get("outcome"), reply.get("reason")) == (outcome, reason), text
        # An answer names the knowledge-base fields it was drawn from.
        assert bool(reply.get("fields")) is (outcome == "answered"), text
    subprocess.run(
        [sys.executable, "-m", "staff.report", "--out", str(tmp_path)]
        + ["--endpoints", str(bot.endpoints(tmp_path))],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )  # `make report` on the running bot's tracker store
    rows = {r["kysymys"]: r for r in read_rows(tmp_path / report.CSV_NAME)}
    page = (tmp_path / report.HTML_NAME).read_text(encoding="utf-8")
    for text, _outcome, reason in ASKED[1:]:
        if text.islower():  # a variant of the question after it
            continue
        row = rows[text]
        assert row["syy"] == report.reason_label(reason)
        assert f"<td>{text}</td>" in page and report.reason_label(reason).capitalize() in page
    assert rows["Paljonko rahaa Karelia CBC:stä saa?"]["maara"] == "2"
    assert "Sivulla ei ole tietoa: rahamäärä (2 kysymystä)" in page
    assert "Henkilö, jota sivulla ei ole (1 kysymys)" in page
    assert "Mikä on Euregio Karelia?" not in rows
    for name in ("keskustelut.png", "tulokset.png"):
        assert (tmp_path / name).exists()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fi-FI")
    view = context.new_page()
    view.goto((tmp_path / report.HTML_NAME).as_uri())
    assert axe_violations(view) == []
    ARTIFACTS.mkdir(exist_ok=True)
    view.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    context.close()
