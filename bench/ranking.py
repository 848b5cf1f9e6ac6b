"""What choosing an answer from passages costs per message: `Answerer.respond` (question words,
ranking by shared words and meaning, selection, declines) beside `Answerer.answer` (the kind's
composed answer, as before passages) on every visitor question, in one process as the action
server runs them. The first round meets every word for the first time (bot.answering.semantics
embeds it); later rounds show a server that has seen them. Prints the figures and writes
reports/ranking.md.

    python -m bench.ranking"""

from __future__ import annotations

import statistics
import time
from typing import Callable, List

from bot import knowledge
from bot.answering.answers import Answerer
from bot.language.matching import TopicMatcher
from bot.paths import ROOT
from tests.harness import answer_eval

ROUNDS = 5


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    start = time.perf_counter()
    kb = knowledge.load()
    answerer = Answerer(kb)
    startup = time.perf_counter() - start
    matcher = TopicMatcher(kb.alias_table())
    asked = [
        (t["say"], [m.id for m in matcher.find(t["say"])])
        for c in answer_eval.load()
        for t in c["turns"]
    ]
    first: List[float] = []
    ranked: List[float] = []
    composed: List[float] = []
    for round_ in range(ROUNDS):  # interleaved, so both meet the same machine
        for question, topics in asked:
            ms = _timed(lambda q=question, t=topics: answerer.respond(answerer.read(q), "what", t))
            (first if round_ == 0 else ranked).append(ms)
            composed.append(_timed(lambda t=topics: answerer.answer("what", t)))

    def row(name: str, ms: List[float]) -> str:
        p95 = statistics.quantiles(ms, n=20)[-1]
        return f"| {name} | {statistics.median(ms):.2f} ms | {p95:.2f} ms |"

    ratio = statistics.median(ranked) / statistics.median(composed)
    lines = [
        "# What ranking passages costs per message",
        "",
        f"{len(asked)} visitor questions x {ROUNDS} rounds; the knowledge base's "
        f"{len(answerer.selector.ranker.passages)} passages are indexed and embedded in "
        f"{startup:.2f} s at the action server's start.",
        "",
        "| | median | p95 |",
        "|---|---:|---:|",
        row("respond, words met for the first time", first),
        row("respond, words seen before", ranked),
        row("answer: the kind's composed answer only", composed),
        "",
        f"Ranking makes the answer {ratio:.0f}x as costly once the words are known; the "
        "whole REST turn takes tens of milliseconds (`make bench`).",
    ]
    text = "\n".join(lines) + "\n"
    (ROOT / "reports").mkdir(exist_ok=True)
    (ROOT / "reports" / "ranking.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
