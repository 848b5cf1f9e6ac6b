"""`make report`: what the bot failed on. Reads the conversations in the tracker store that
endpoints.yml configures and lists the visitors' questions that went to fallback or out of
scope, or whose intent had low confidence, grouped by similar wording with counts and dates:
a Finnish HTML page for reading and a CSV for staff to annotate (column oikea_intentti), which
`make import CSV=...` (bot/import_csv.py) turns into training examples.

    python -m bot.report [--out reports] [--days 30] [--endpoints endpoints.yml]"""
from __future__ import annotations

import argparse
import asyncio
import csv
import html
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

from rapidfuzz import fuzz

from bot.import_csv import domain_intents, normalise
from bot.privacy import tracker_store

LOW_CONFIDENCE = 0.7
SIMILAR = 80  # rapidfuzz token-set ratio at which two questions count as one
REASONS = {"nlu_fallback": "ei ymmärretty", "out_of_scope": "aiheen ulkopuolella"}
CSV_NAME, HTML_NAME = "epaonnistuneet.csv", "epaonnistuneet.html"
CSV_COLUMNS = ["kysymys", "maara", "ensimmainen", "viimeisin", "syy", "botin_tulkinta",
               "muut_muodot", "oikea_intentti"]


@dataclass
class Question:
    text: str
    intent: str
    confidence: float
    timestamp: float


@dataclass
class Group:
    questions: List[Question] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The most frequent wording; on a tie, the latest."""
        counts = Counter(q.text for q in self.questions)
        return max(reversed([q.text for q in self.questions]), key=counts.__getitem__)

    @property
    def variants(self) -> List[str]:
        return [t for t in dict.fromkeys(q.text for q in self.questions) if t != self.text]

    @property
    def reason(self) -> str:
        reasons = {REASONS.get(q.intent, "epävarma tulkinta") for q in self.questions}
        return ", ".join(sorted(reasons))

    @property
    def guess(self) -> str:
        return Counter(q.intent for q in self.questions).most_common(1)[0][0]


def failed(events: Iterable[Any], since: float = 0) -> List[Question]:
    """The visitor messages among Rasa events (dicts) that the bot failed on."""
    found = []
    for event in events:
        if event.get("event") != "user" or event.get("timestamp", 0) < since:
            continue
        text = (event.get("text") or "").strip()
        intent = (event.get("parse_data") or {}).get("intent") or {}
        name, confidence = intent.get("name") or "", float(intent.get("confidence") or 0)
        if not text or text.startswith("/"):  # empty, or a button's payload
            continue
        if name in REASONS or confidence < LOW_CONFIDENCE:
            found.append(Question(text, name, confidence, event.get("timestamp", 0)))
    return found


def group(questions: List[Question]) -> List[Group]:
    """Greedy grouping by similar wording, most frequent first."""
    groups: List[Group] = []
    for question in sorted(questions, key=lambda q: q.timestamp):
        wording = normalise(question.text)
        for candidate in groups:
            if fuzz.token_set_ratio(wording, normalise(candidate.text)) >= SIMILAR:
                candidate.questions.append(question)
                break
        else:
            groups.append(Group([question]))
    return sorted(groups, key=lambda g: (-len(g.questions), g.text))


def _date(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).strftime("%d.%m.%Y")


def _rows(groups: List[Group]) -> List[List[str]]:
    return [[g.text, str(len(g.questions)), _date(g.questions[0].timestamp),
             _date(g.questions[-1].timestamp), g.reason, g.guess, " | ".join(g.variants[:5]), ""]
            for g in groups]


def write_csv(rows: List[List[str]], path: Path) -> None:
    # Semicolons and a byte-order mark: Excel in Finnish opens it in columns, ä and ö intact.
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(rows)


def write_html(rows: List[List[str]], path: Path, conversations: int, intents: List[str]) -> None:
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row[:7]) + "</tr>\n"
        for row in rows)
    headings = ["Kysymys", "Määrä", "Ensimmäinen", "Viimeisin", "Syy", "Botin tulkinta",
                "Muut muodot"]
    path.write_text(f"""<!DOCTYPE html>
<html lang="fi"><head><meta charset="utf-8"><title>Kysymykset, joihin botti ei osannut vastata</title>
<style>body{{font-family:sans-serif;margin:2rem}}table{{border-collapse:collapse}}
td,th{{border:1px solid #999;padding:.3rem .6rem;text-align:left;vertical-align:top}}</style>
</head><body>
<h1>Kysymykset, joihin botti ei osannut vastata</h1>
<p>{len(rows)} kysymysryhmää {conversations} keskustelusta, koottu {_date(time.time())}.
Mukana viestit, jotka menivät varavastaukseen (ei ymmärretty), aiheen ulkopuolelle tai joiden
tulkinnan varmuus oli alle {LOW_CONFIDENCE:.0%}. Samankaltaiset kysymykset on ryhmitelty.</p>
<p>Merkitse tiedostoon <code>{CSV_NAME}</code> sarakkeeseen <code>oikea_intentti</code>, mihin
aiheeseen kysymys kuuluu, ja tuo se koulutusdataksi: <code>make import CSV={CSV_NAME}</code>.
Sallitut intentit: {", ".join(f"<code>{i}</code>" for i in intents)}.</p>
<table><thead><tr>{"".join(f"<th>{h}</th>" for h in headings)}</tr></thead>
<tbody>
{cells}</tbody></table>
</body></html>
""", encoding="utf-8")


async def _all_events(store: Any) -> Tuple[List[Dict[str, Any]], int]:
    """Every stored event, and the number of conversations."""
    events, senders = [], list(await store.keys())
    for sender in senders:
        tracker = await store.retrieve_full_tracker(sender)
        if tracker:
            events.extend(e.as_dict() for e in tracker.events)
    return events, len(senders)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.report", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("reports"))
    parser.add_argument("--days", type=float, default=30, help="viimeisten päivien viestit")
    parser.add_argument("--endpoints", default="endpoints.yml")
    args = parser.parse_args(argv)
    events, conversations = asyncio.run(_all_events(tracker_store(args.endpoints)))
    groups = group(failed(events, since=time.time() - args.days * 86400))
    args.out.mkdir(parents=True, exist_ok=True)
    rows = _rows(groups)
    write_csv(rows, args.out / CSV_NAME)
    write_html(rows, args.out / HTML_NAME, conversations, domain_intents())
    print(f"{len(groups)} kysymysryhmää: {args.out / HTML_NAME} ja {args.out / CSV_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
