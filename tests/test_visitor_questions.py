"""Answers to questions written apart from the training data, through the REST channel
(tests/harness/answer_eval.py; reports/visitor_questions.md, visitor_questions_dev.md and
visitor_questions_fresh.md), how often each decline rule fires on a question the page
answers (reports/declines.md), and the shape of the right answers (reports/answer_shape.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import knowledge
from staff.import_csv import examples_in, normalise
from tests.conftest import REPORTS, ROOT
from tests.harness import answer_eval, answer_shape

TEST_SET = ROOT / "tests" / "visitor_questions.yml"
DEV_SET = ROOT / "tests" / "visitor_questions_dev.yml"
FRESH_SET = ROOT / "tests" / "visitor_questions_fresh.yml"  # a confirmation set
# Regression floors per language (right, wrong, follow-ups right), about two points below what
# was measured: Finnish 97.6 % right, 1.9 % wrong, follow-ups 95 % (two conversations come and
# go with models trained on nearly the same data); English (lang: en) 97.3 % right, 1.4 % wrong,
# follow-ups 100 % (of 13: one conversation is 8 points). Issues 10 and 11 ask for 95 % right,
# at most 2 % wrong and 90 % of follow-ups: reports/visitor_questions.md says where the bot
# stands.
FLOORS = {"fi": (0.95, 0.04, 0.92), "en": (0.94, 0.04, 0.84)}
# The rules that decline a question by its words (bot/language/organisations.py,
# bot/language/questions.py): on every set, each may fire on at most 1 % of the turns the page
# answers.
DECLINE_RULES = ("other_organisation", "other_programme", "unknown_person", "detail:")
MAX_FALSE_FIRES = 0.01
RESULTS = {}  # each set's results, for the declines report over all sets


@pytest.mark.parametrize("path", [TEST_SET, DEV_SET, FRESH_SET], ids=["test", "dev", "fresh"])
def test_no_visitor_question_is_a_training_or_knowledge_base_example(path: Path):
    """A question the model was trained on, or one of the knowledge base's example questions,
    would only measure memory."""
    training = examples_in(sorted((ROOT / "data" / "nlu").glob("*.yml")))
    training |= {normalise(q) for q in knowledge.load().example_questions()}
    asked = {normalise(t["say"]) for c in answer_eval.load(path) for t in c["turns"]}
    assert sorted(asked & training) == []


@pytest.mark.parametrize("path", [TEST_SET, DEV_SET, FRESH_SET], ids=["test", "dev", "fresh"])
def test_visitor_questions_get_the_right_facts(bot_url, path: Path):
    results = answer_eval.run(bot_url, answer_eval.load(path))
    name = path.stem  # visitor_questions, visitor_questions_dev, visitor_questions_fresh
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / f"{name}.md").write_text(answer_eval.report(results, path.name), encoding="utf-8")
    RESULTS[name] = results
    (REPORTS / "declines.md").write_text(answer_eval.decline_report(RESULTS), encoding="utf-8")
    shapes = {set_name: [r.__dict__ for r in rs] for set_name, rs in RESULTS.items()}
    (REPORTS / "answer_shape.md").write_text(answer_shape.report(shapes), encoding="utf-8")
    below = [
        f"{path.name}: {reason} fires on {share:.1%} of answerable turns"
        for reason, share in answer_eval.false_fire_rates(results).items()
        if reason.startswith(DECLINE_RULES) and share > MAX_FALSE_FIRES
    ]
    for lang, (min_right, max_wrong, min_followups) in FLOORS.items():
        part = [r for r in results if r.lang == lang]
        overall = answer_eval.shares(part)
        followups = answer_eval.shares([r for r in part if r.style == "followup"])
        summary = (
            f"{path.name} ({lang}): right {overall['right']:.1%}, wrong "
            f"{overall['wrong']:.1%}, follow-ups right {followups['right']:.1%}"
        )
        print(summary)
        if path == TEST_SET and (
            overall["right"] < min_right
            or overall["wrong"] > max_wrong
            or followups["right"] < min_followups
        ):
            below.append(summary)
    assert not below, f"{below} (reports/{name}.md)"
