"""The evaluation report sums up what `make eval` measured, and says what was not measured."""

from __future__ import annotations

import json

import pytest

from tests.harness.answer_eval import Result, judge
from tests.harness.answer_eval import report as answers_report
from tests.harness.eval_report import build


def _write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_report_has_figures_worst_intents_confusions_and_e2e(tmp_path):
    row = {"precision": 1.0, "recall": 0.5, "f1-score": 0.667, "support": 2}
    _write(
        tmp_path / "heldout" / "intent_report.json",
        {
            "ask_where": row,
            "greet": {**row, "recall": 1.0, "f1-score": 1.0},
            "accuracy": 0.75,
            "macro avg": {**row, "f1-score": 0.8},
            "weighted avg": row,
        },
    )
    _write(tmp_path / "heldout" / "TopicExtractor_report.json", {"micro avg": {"f1-score": 0.9}})
    _write(
        tmp_path / "heldout" / "intent_errors.json",
        [
            {
                "text": "Missä EU-toimisto on?",
                "intent": "ask_where",
                "intent_prediction": {"name": "ask_what", "confidence": 0.51},
            }
        ],
    )
    (tmp_path / "e2e.xml").write_text(
        '<testsuites><testsuite tests="2"><testcase name="ok"/>'
        '<testcase name="fact[Mikä on BEAC?]"><failure/></testcase></testsuite></testsuites>'
    )
    report = build(tmp_path)
    assert "| held-out (tests/nlu_heldout.yml) | 0.750 | 0.800 | 0.900 |" in report
    assert report.index("| ask_where |") < report.index("| greet |")  # worst first
    assert "ask_where → ask_what: 1" in report
    assert "1 / 2 visitor questions" in report and "failed: fact[Mikä on BEAC?]" in report
    assert "| 5-fold cross-validation (data/nlu) | – | – | – |" in report


def test_report_has_the_visitor_questions_right_declined_and_wrong(tmp_path):
    results = [
        Result("a1", "fact", "right"),
        Result("a2", "fact", "wrong"),
        Result("b1", "followup", "declined"),
        Result("b2", "followup", "right", lang="en"),
    ]
    (tmp_path / "visitor_questions.md").write_text(answers_report(results), encoding="utf-8")
    report = build(tmp_path)
    assert "4 conversations: **50.0% right**, 25.0% declined, **25.0% wrong**." in report
    assert "| followup | 2 | 50.0% | 50.0% | 0.0% |" in report
    assert "| language: en | 1 | 100.0% | 0.0% | 0.0% |" in report
    assert "| language: fi | 3 | 33.3% | 33.3% | 33.3% |" in report
    assert "- visitor_questions_dev: not run" in report


@pytest.mark.parametrize(
    "turn, reply, outcome",
    [
        ({"expect": [["BEAC", "euroarktinen"], "ylin"]}, "Ylin toimielin on BEAC.", "right"),
        ({"expect": ["Kirkkonie"]}, "Sihteeristö on Norjassa.", "wrong"),
        (
            {"expect": ["Kirkkonie"]},
            "Valitettavasti en ymmärtänyt kysymystäsi varmasti.",
            "declined",
        ),
        ({"expect": ["Sukuvaara"], "not": ["Ponnikas"]}, "Sukuvaara ja Ponnikas", "wrong"),
        ({"decline": True}, "Tähän en osaa vastata.", "right"),
        ({"decline": True}, "Maakuntajohtaja vastaa siitä.", "wrong"),
        ({"expect": ["1974"]}, "Kostamus rakennettiin vuosina 1974–1983.", "right"),
    ],
)
def test_a_reply_is_judged_right_declined_or_wrong(turn, reply, outcome):
    assert judge(turn, reply) == outcome
