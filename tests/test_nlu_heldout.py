"""Intent accuracy and topic F1 on the held-out questions in tests/nlu_heldout.yml."""

from __future__ import annotations

from collections import Counter
from typing import Set, Tuple

from rasa.shared.nlu.training_data.loading import load_data

from staff.import_csv import examples_in
from tests.conftest import REPORTS, ROOT

MIN_INTENT_ACCURACY = 0.95
MIN_TOPIC_F1 = 0.95


def test_no_heldout_question_is_a_training_example():
    """A held-out question the model was trained on would only measure its memory."""
    training = examples_in(sorted((ROOT / "data" / "nlu").glob("*.yml")))
    heldout = examples_in([ROOT / "tests" / "nlu_heldout.yml"])
    assert sorted(heldout & training) == []


def test_heldout_intent_accuracy_and_topic_f1(parse):
    examples = load_data(str(ROOT / "tests" / "nlu_heldout.yml")).intent_examples
    hits = 0
    expected_topics: Set[Tuple[int, str]] = set()
    found_topics: Set[Tuple[int, str]] = set()
    confusions: Counter = Counter()
    for i, example in enumerate(examples):
        result = parse(example.get("text"))
        predicted = result["intent"]["name"]
        if predicted == example.get("intent"):
            hits += 1
        else:
            confusions[(example.get("intent"), predicted, example.get("text"))] += 1
        expected_topics |= {(i, e["value"]) for e in example.get("entities") or []}
        found_topics |= {(i, e["value"]) for e in result["entities"] if e["entity"] == "topic"}
    accuracy = hits / len(examples)
    true_pos = len(expected_topics & found_topics)
    precision = true_pos / max(len(found_topics), 1)
    recall = true_pos / max(len(expected_topics), 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    lines = [
        f"held-out examples: {len(examples)}",
        f"intent accuracy: {accuracy:.3f}",
        f"topic precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}",
        *[f"  {want} -> {got}: {text}" for (want, got, text) in confusions],
        *[
            f"  missed topic {t} in: {examples[i].get('text')}"
            for i, t in sorted(expected_topics - found_topics)
        ],
        *[
            f"  extra topic {t} in: {examples[i].get('text')}"
            for i, t in sorted(found_topics - expected_topics)
        ],
    ]
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "nlu_heldout.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    assert accuracy >= MIN_INTENT_ACCURACY, "\n".join(lines)
    assert f1 >= MIN_TOPIC_F1, "\n".join(lines)
