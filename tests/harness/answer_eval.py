"""Answer accuracy through the REST channel on questions written apart from the training data.

Each conversation of a question file (tests/visitor_questions.yml) is sent to a running bot,
turn by turn under one conversation id. A turn is
- right: every expected fact is in the reply and nothing it must not say,
- declined: an honest "I don't know" (bot.language.phrases.DECLINES) where a fact was expected,
- wrong: anything else, including a fact where a decline was expected.
A conversation is right when every turn is; wrong when any turn is. A decline is better than a
wrong answer, so the two are counted apart.

    python -m tests.harness.answer_eval URL [QUESTIONS.yml] [REPORT-DIR]
"""

from __future__ import annotations

import json
import sys
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Sequence

import requests
import yaml

from bot.language.phrases import DECLINES
from bot.paths import ROOT
from tests.harness import answer_shape

QUESTIONS = ROOT / "tests" / "visitor_questions.yml"
OUTCOMES = ("right", "declined", "wrong")


def _norm(text: str) -> str:
    return " ".join(text.replace("–", "-").casefold().split())


def facts_of(messages: Sequence[Dict[str, Any]]) -> str:
    """The bot's messages as one text, without an answer's source line: it names a section of
    the page ("Lähde: Barents-yhteistyö"), so it must not make an answer look right or wrong."""
    texts = []
    for message in messages:
        text = message.get("text") or ""
        texts.append(text.rsplit("\n", 1)[0] if message.get("source") else text)
    return " ".join(texts)


def reason_of(messages: Sequence[Dict[str, Any]]) -> str:
    """The reason of a decline among the bot's messages ("other_organisation",
    "detail:year"; bot.answering.compose), or "" for an answer."""
    return next((m["reason"] for m in messages if m.get("outcome") == "declined"), "")


def judge(turn: Dict[str, Any], reply: str) -> str:
    """right, declined or wrong for one turn's reply."""
    text = _norm(reply)
    declined = any(_norm(d) in text for d in DECLINES)
    said_wrong = any(_norm(n) in text for n in turn.get("not", []))
    if turn.get("decline"):
        return "right" if declined and not said_wrong else "wrong"
    expected = [item if isinstance(item, list) else [item] for item in turn.get("expect", [])]
    if not said_wrong and all(any(_norm(alt) in text for alt in item) for item in expected):
        return "right"
    return "declined" if declined and not said_wrong else "wrong"


@dataclass
class Result:
    id: str
    style: str
    outcome: str
    turns: List[Dict[str, str]] = field(default_factory=list)
    lang: str = "fi"


def load(path: Path = QUESTIONS) -> List[Dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]


def run(url: str, conversations: Sequence[Dict[str, Any]]) -> List[Result]:
    """Sends every conversation to the bot at `url` and judges each reply."""
    results = []
    with requests.Session() as session:
        for conversation in conversations:
            sender = uuid.uuid4().hex
            turns = []
            for turn in conversation["turns"]:
                response = session.post(
                    f"{url}/webhooks/rest/webhook",
                    timeout=30,
                    json={"sender": sender, "message": turn["say"]},
                )
                response.raise_for_status()
                messages = response.json()
                reply = facts_of(messages)
                turns.append(
                    {
                        "say": turn["say"],
                        "expect": turn.get("expect", []),
                        "reply": reply,
                        "outcome": judge(turn, reply),
                        "reason": reason_of(messages),
                        # The page answers it: a decline here fired falsely.
                        "answerable": not turn.get("decline"),
                    }
                )
            outcomes = {t["outcome"] for t in turns}
            outcome = next(o for o in reversed(OUTCOMES) if o in outcomes)
            results.append(
                Result(
                    conversation["id"],
                    conversation["style"],
                    outcome,
                    turns,
                    conversation.get("lang", "fi"),
                )
            )
    return results


def shares(results: Sequence[Result]) -> Dict[str, float]:
    counts = Counter(r.outcome for r in results)
    return {o: counts[o] / len(results) if results else 0.0 for o in OUTCOMES}


def report(results: Sequence[Result], name: str = QUESTIONS.name) -> str:
    """A Markdown report: overall, per language and per style, then every conversation not
    answered right."""
    groups: Dict[str, List[Result]] = defaultdict(list)
    for r in results:
        groups[f"language: {r.lang}"].append(r)
        groups[r.style].append(r)
    total = shares(results)
    lines = [
        f"# Answers to visitor questions (tests/{name}, through REST)",
        "",
        f"{len(results)} conversations: **{total['right']:.1%} right**, "
        f"{total['declined']:.1%} declined, **{total['wrong']:.1%} wrong**.",
        "",
        "| language or style | conversations | right | declined | wrong |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, group in sorted(groups.items(), key=lambda g: (not g[0].startswith("lang"), g[0])):
        s = shares(group)
        lines.append(
            f"| {label} | {len(group)} | {s['right']:.1%} | {s['declined']:.1%} "
            f"| {s['wrong']:.1%} |"
        )
    lines += ["", "## Not answered right", ""]
    for r in results:
        if r.outcome != "right":
            lines.append(f"- **{r.id}** ({r.style}, {r.outcome})")
            lines += [f'  - "{t["say"]}" → {t["outcome"]}: {t["reply"][:300]}' for t in r.turns]
    return "\n".join(lines) + "\n"


def decline_counts(results: Sequence[Result]) -> Dict[str, Counter]:
    """Per decline reason: how often it fired ("fires") and how often on a turn the page
    answers ("false"); "answerable" under the key "" counts those turns."""
    counts: Dict[str, Counter] = defaultdict(Counter)
    for turn in (t for r in results for t in r.turns):
        counts[""]["answerable"] += turn["answerable"]
        if turn["reason"]:
            counts[turn["reason"]]["fires"] += 1
            counts[turn["reason"]]["false"] += turn["answerable"]
    return counts


def false_fire_rates(results: Sequence[Result]) -> Dict[str, float]:
    """Per decline reason, the share of the turns the page answers on which it fired."""
    counts = decline_counts(results)
    answerable = counts.pop("")["answerable"] or 1
    return {reason: c["false"] / answerable for reason, c in counts.items()}


def decline_report(sets: Dict[str, Sequence[Result]]) -> str:
    """Markdown: each decline reason's fires and false fires (on a question the page answers)
    per question set."""
    lines = [
        "# Declines: how often each fires on a question the page answers",
        "",
        "A false fire is a decline on a turn that expects a fact; its share is of all such",
        "turns of the set. Precision: the share of a reason's fires that were right to decline.",
        "",
        "| set | reason | fires | false fires | false-fire share | precision |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, results in sets.items():
        counts, shares = decline_counts(results), false_fire_rates(results)
        for reason, share in sorted(shares.items(), key=lambda rs: -rs[1]):
            c = counts[reason]
            lines.append(
                f"| {name} | {reason} | {c['fires']} | {c['false']} | "
                f"{share:.1%} | {1 - c['false'] / c['fires']:.0%} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: List[str]) -> int:
    url = argv[1]
    path = Path(argv[2]) if len(argv) > 2 else QUESTIONS
    out = Path(argv[3]) if len(argv) > 3 else ROOT / "reports"
    results = run(url, load(path))
    out.mkdir(parents=True, exist_ok=True)
    text = report(results, path.name)
    (out / f"{path.stem}.md").write_text(text, encoding="utf-8")
    (out / f"{path.stem}_declines.md").write_text(
        decline_report({path.stem: results}), encoding="utf-8"
    )
    (out / f"{path.stem}_shape.md").write_text(
        answer_shape.report({path.stem: [r.__dict__ for r in results]}), encoding="utf-8"
    )
    (out / f"{path.stem}.json").write_text(
        json.dumps([r.__dict__ for r in results], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print(text.split("\n## ")[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
