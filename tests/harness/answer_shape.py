"""How readable the right answers are (issue 25), from answer_eval's results: their length (the
source line left out), whether the first sentence holds the fact asked, whether the same six
words are said twice, and whether an answer declines a detail and then gives it.

    python -m tests.harness.answer_shape RESULTS.json [...]
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from bot.answering.passages import SENTENCE_END
from bot.language.phrases import DECLINES, PHRASES

_WORD = re.compile(r"\w+")
_OPENERS = {word for p in PHRASES.values() for word in (p.yes, p.no)}
REPEAT_WORDS = 6
# Right answers longer than this are counted (issue 25 allows them only for lists of more
# than five items, which the count does not tell apart).
LONG = 500


def _norm(text: str) -> str:
    return " ".join(text.replace("–", "-").casefold().split())


def first_sentence(text: str) -> str:
    """The first sentence, with a yes/no opener ("Kyllä.", "No.") the one after it."""
    sentences = SENTENCE_END.split(text.strip(), maxsplit=2)
    opens = sentences[0] in _OPENERS and len(sentences) > 1
    return " ".join(sentences[:2]) if opens else sentences[0]


def holds(text: str, expect: Sequence) -> bool:
    """Whether a text holds every expected item (a list: one of its alternatives)."""
    items = [item if isinstance(item, list) else [item] for item in expect]
    return all(any(_norm(alt) in _norm(text) for alt in item) for item in items)


def repeats(text: str, size: int = REPEAT_WORDS) -> bool:
    """Whether the same `size` words come twice in the text."""
    words = _WORD.findall(text.casefold())
    grams = [tuple(words[i : i + size]) for i in range(len(words) - size + 1)]
    return len(set(grams)) < len(grams)


def declines_and_gives(text: str) -> bool:
    """A right answer that says it does not know: the fact came after the decline."""
    return any(_norm(d) in _norm(text) for d in DECLINES)


def right_turns(results: Sequence[dict]) -> List[Tuple[str, dict]]:
    """(language, turn) of every right turn that expects facts."""
    return [
        (r.get("lang", "fi"), t)
        for r in results
        for t in r["turns"]
        if t["outcome"] == "right" and t.get("expect")
    ]


def figures(results: Sequence[dict]) -> Dict[str, Dict[str, float]]:
    """Per language: right answers, median length, share with the fact in the first sentence,
    answers over LONG, answers saying six words twice, answers declining and giving."""
    by_lang: Dict[str, List[dict]] = defaultdict(list)
    for lang, turn in right_turns(results):
        by_lang[lang].append(turn)
    out = {}
    for lang, turns in sorted(by_lang.items()):
        replies = [t["reply"] for t in turns]
        out[lang] = {
            "right answers": len(turns),
            "median characters": statistics.median(len(r) for r in replies),
            "fact in first sentence": sum(
                holds(first_sentence(t["reply"]), t["expect"]) for t in turns
            )
            / len(turns),
            f"over {LONG} characters": sum(len(r) > LONG for r in replies),
            f"{REPEAT_WORDS} words twice": sum(map(repeats, replies)),
            "declines and gives": sum(map(declines_and_gives, replies)),
        }
    return out


def report(sets: Dict[str, Sequence[dict]]) -> str:
    lines = [
        "# Shape of the right answers (issue 25)",
        "",
        "Right turns that expect facts; lengths without the source line.",
        "",
        "| set | language | right answers | median characters | fact in first sentence | "
        f"over {LONG} | {REPEAT_WORDS} words twice | declines and gives |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, results in sets.items():
        for lang, f in figures(results).items():
            lines.append(
                f"| {name} | {lang} | {f['right answers']} | {f['median characters']:.0f} | "
                f"{f['fact in first sentence']:.0%} | {f[f'over {LONG} characters']} | "
                f"{f[f'{REPEAT_WORDS} words twice']} | {f['declines and gives']} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: List[str]) -> int:
    sets = {Path(p).stem: json.loads(Path(p).read_text(encoding="utf-8")) for p in argv[1:]}
    print(report(sets))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
