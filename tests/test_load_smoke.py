"""A few seconds of the benchmark's load (bench/locustfile.py) against the running bot: every
concurrent visitor gets an answer. Speed is measured by `make bench`, not asserted here."""

from __future__ import annotations

import json

from bench.run import our_questions, run_locust


def test_concurrent_visitors_all_get_answers(bot_url, tmp_path):
    questions = tmp_path / "questions.json"
    questions.write_text(json.dumps(our_questions(), ensure_ascii=False), encoding="utf-8")
    figures = run_locust(
        bot_url, users=5, seconds=4, questions=questions, prefix=tmp_path / "smoke"
    )
    assert figures["requests"] >= 5
    assert figures["errors"] == 0, (tmp_path / "smoke_failures.csv").read_text()
