"""Writes reports/evaluation.md from the files `make eval` produces.

Inputs (any may be missing; the report says so): `rasa test nlu` on the held-out set
(reports/heldout/), its 5-fold cross-validation on the training data (reports/cv/), the
end-to-end answer check through the REST channel (reports/e2e.xml, pytest's JUnit XML), and the
answers to the visitor questions written apart from the training data
(reports/visitor_questions*.md, tests/harness/answer_eval.py).
Run: python -m tests.harness.eval_report [reports-dir]
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ElementTree
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any, Dict, List, Optional

SUMMARY_ROWS = ("accuracy", "micro avg", "macro avg", "weighted avg")


def _load(path: Path) -> Optional[Any]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _summary(name: str, intents: Optional[Dict], topics: Optional[Dict]) -> str:
    if intents is None:
        return f"| {name} | – | – | – |"
    topic_f1 = f"{topics['micro avg']['f1-score']:.3f}" if topics else "–"
    return (
        f"| {name} | {intents['accuracy']:.3f} | {intents['macro avg']['f1-score']:.3f} "
        f"| {topic_f1} |"
    )


def _per_intent(report: Dict) -> List[str]:
    rows = ["| intent | support | precision | recall | F1 |", "|---|---:|---:|---:|---:|"]
    intents = sorted(
        (k for k in report if k not in SUMMARY_ROWS), key=lambda k: report[k]["f1-score"]
    )
    for k in intents:
        r = report[k]
        rows.append(
            f"| {k} | {r['support']} | {r['precision']:.2f} | {r['recall']:.2f} "
            f"| {r['f1-score']:.2f} |"
        )
    return rows


def _confusions(errors: List[Dict]) -> List[str]:
    pairs = Counter((e["intent"], e["intent_prediction"]["name"]) for e in errors)
    lines = [f"- {want} → {got}: {n}" for (want, got), n in pairs.most_common(10)]
    lines += [
        f'  - "{e["text"]}" ({e["intent"]} → {e["intent_prediction"]["name"]}, '
        f"{e['intent_prediction']['confidence']:.2f})"
        for e in errors[:20]
    ]
    return lines or ["- none"]


def _e2e(path: Path) -> List[str]:
    if not path.exists():
        return ["Not run (the REST check needs `make eval` to start the bot)."]
    suite = ElementTree.parse(path).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    failed = [
        case.get("name", "")
        for case in suite.iter("testcase")
        if case.find("failure") is not None or case.find("error") is not None
    ]
    total = int(suite.get("tests", 0))
    return [
        f"{total - len(failed)} / {total} visitor questions and conversations answered with "
        f"the expected facts."
    ] + [f"- failed: {name}" for name in failed]


def _visitor_questions(reports: Path) -> List[str]:
    lines = []
    for name in ("visitor_questions", "visitor_questions_dev", "visitor_questions_fresh"):
        path = reports / f"{name}.md"
        if not path.exists():
            lines.append(f"- {name}: not run")
            continue
        summary = path.read_text(encoding="utf-8").split("\n## ")[0].splitlines()[2:]
        lines += [f"### {name}.yml ([details]({name}.md))", "", *summary, ""]
    return lines


def build(reports: Path) -> str:
    held, cv = reports / "heldout", reports / "cv"
    held_intents = _load(held / "intent_report.json")
    lines = [
        f"# Evaluation {date.today().isoformat()}",
        "",
        "| data | intent accuracy | macro F1 | topic F1 |",
        "|---|---:|---:|---:|",
        _summary(
            "held-out (tests/nlu_heldout.yml)",
            held_intents,
            _load(held / "TopicExtractor_report.json"),
        ),
        _summary("5-fold cross-validation (data/nlu)", _load(cv / "intent_report.json"), None),
        "",
    ]
    if held_intents:
        lines += [
            "## Held-out set per intent (worst first)",
            "",
            *_per_intent(held_intents),
            "",
            "![confusion matrix](heldout/intent_confusion_matrix.png)",
            "",
            "## Worst confusions (held-out)",
            "",
            *_confusions(_load(held / "intent_errors.json") or []),
            "",
        ]
    lines += [
        "## End-to-end answers through the REST channel",
        "",
        *_e2e(reports / "e2e.xml"),
        "",
        "## Visitor questions written apart from the training data (through REST)",
        "",
        *_visitor_questions(reports),
        "",
    ]
    return "\n".join(lines)


def main(argv: List[str]) -> None:
    reports = Path(argv[1] if len(argv) > 1 else "reports")
    text = build(reports)
    (reports / "evaluation.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main(sys.argv)
