"""`make report`: what the bot failed on. Reads the conversations in the tracker store that
endpoints.yml configures and lists the visitors' questions that went to fallback or out of
scope, or whose intent had low confidence, grouped by similar wording with counts and dates:
a Finnish HTML page for reading and a CSV for staff to annotate (column oikea_intentti), which
`make import CSV=...` (staff/import_csv.py) turns into training examples. The page also lists the
answers that visitors marked unhelpful (bot/feedback.py), which the NLU may have been sure of,
and the share of helpful answers per topic and per week.

    python -m staff.report [--out reports] [--days 30] [--endpoints endpoints.yml]"""

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

from bot import feedback, knowledge
from bot.tracker_store import from_endpoints
from staff.import_csv import domain_intents, normalise

LOW_CONFIDENCE = 0.7
SIMILAR = 80  # rapidfuzz token-set ratio at which two questions count as one
REASONS = {"nlu_fallback": "ei ymmärretty", "out_of_scope": "aiheen ulkopuolella"}
CSV_NAME, HTML_NAME = "epaonnistuneet.csv", "epaonnistuneet.html"
CSV_COLUMNS = [
    "kysymys",
    "maara",
    "ensimmainen",
    "viimeisin",
    "syy",
    "botin_tulkinta",
    "muut_muodot",
    "oikea_intentti",
]


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
    return [
        [
            g.text,
            str(len(g.questions)),
            _date(g.questions[0].timestamp),
            _date(g.questions[-1].timestamp),
            g.reason,
            g.guess,
            " | ".join(g.variants[:5]),
            "",
        ]
        for g in groups
    ]


def write_csv(rows: List[List[str]], path: Path) -> None:
    # Semicolons and a byte-order mark: Excel in Finnish opens it in columns, ä and ö intact.
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(CSV_COLUMNS)
        # A visitor may send a NUL character, which the csv module cannot write.
        writer.writerows([[cell.replace("\0", "") for cell in row] for row in rows])


def _table(headings: List[str], rows: List[List[str]]) -> str:
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>\n" for row in rows
    )
    return (
        f"<table><thead><tr>{''.join(f'<th>{h}</th>' for h in headings)}</tr></thead>\n"
        f"<tbody>\n{cells}</tbody></table>"
    )


def unhelpful_rows(ratings: List[feedback.Rating]) -> List[List[str]]:
    """Answers marked unhelpful: question, answer, count, first and last date; most first."""
    groups: Dict[Tuple[str, str], List[feedback.Rating]] = {}
    for r in sorted(ratings, key=lambda r: r.timestamp):
        if not r.helpful:
            groups.setdefault((normalise(r.question), r.answer), []).append(r)
    return [
        [g[-1].question, g[-1].answer, str(len(g)), _date(g[0].timestamp), _date(g[-1].timestamp)]
        for g in sorted(groups.values(), key=lambda g: (-len(g), g[-1].question))
    ]


def helpful_share_rows(ratings: List[feedback.Rating], key: Any) -> List[List[str]]:
    """Per key (a topic, a week): ratings, helpful ones, and their share."""
    counts: Dict[str, List[int]] = {}
    for r in ratings:
        count = counts.setdefault(key(r), [0, 0])
        count[0] += 1
        count[1] += r.helpful
    return [
        [name, str(total), str(helpful), f"{helpful / total:.0%}"]
        for name, (total, helpful) in sorted(counts.items())
    ]


def _topic_names() -> Dict[str, str]:
    try:
        return {e.id: e.label for e in knowledge.load().entries.values()}
    except knowledge.KnowledgeBaseError:  # the report still helps; ids instead of names
        return {}


def feedback_html(ratings: List[feedback.Rating]) -> str:
    names = _topic_names()
    share_headings = ["Arvioita", "Hyödyllisiä", "Osuus"]
    by_topic = helpful_share_rows(
        ratings, lambda r: names.get(r.topic or "", r.topic or "(ei aihetta)")
    )
    by_week = helpful_share_rows(  # "vko 09/2026" sorts by week within a year
        ratings,
        lambda r: "vko {1:02d}/{0}".format(*datetime.fromtimestamp(r.timestamp).isocalendar()),
    )
    return f"""<h2>Vastaukset, joista ei ollut apua</h2>
<p>{len(ratings)} arviota vastauksista. Näissä vierailija vastasi kysymykseen »Oliko vastauksesta
apua?» »Ei». Tarkista, onko tieto tietopankissa oikein ja oikeassa kentässä, ja lisää kysymys
tarvittaessa koulutusdataan.</p>
{_table(["Kysymys", "Vastaus", "Määrä", "Ensimmäinen", "Viimeisin"], unhelpful_rows(ratings))}
<h2>Hyödyllisten vastausten osuus aiheittain</h2>
{_table(["Aihe", *share_headings], by_topic)}
<h2>Hyödyllisten vastausten osuus viikoittain</h2>
{_table(["Viikko", *share_headings], by_week)}
"""


def write_html(
    rows: List[List[str]],
    path: Path,
    conversations: int,
    intents: List[str],
    ratings: List[feedback.Rating],
) -> None:
    headings = [
        "Kysymys",
        "Määrä",
        "Ensimmäinen",
        "Viimeisin",
        "Syy",
        "Botin tulkinta",
        "Muut muodot",
    ]
    path.write_text(
        f"""<!DOCTYPE html>
<html lang="fi"><head><meta charset="utf-8">
<title>Kysymykset, joihin botti ei osannut vastata</title>
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
{_table(headings, [row[:7] for row in rows])}
{feedback_html(ratings)}</body></html>
""",
        encoding="utf-8",
    )


async def _all_events(store: Any) -> Tuple[List[Dict[str, Any]], int]:
    """Every stored event, and the number of conversations."""
    events, senders = [], list(await store.keys())
    for sender in senders:
        tracker = await store.retrieve_full_tracker(sender)
        if tracker:
            events.extend(e.as_dict() for e in tracker.events)
    return events, len(senders)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m staff.report",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--out", type=Path, default=Path("reports"))
    parser.add_argument("--days", type=float, default=30, help="viimeisten päivien viestit")
    parser.add_argument("--endpoints", default="endpoints.yml")
    args = parser.parse_args(argv)
    events, conversations = asyncio.run(_all_events(from_endpoints(args.endpoints)))
    since = time.time() - args.days * 86400
    groups = group(failed(events, since=since))
    ratings = [r for r in feedback.ratings(events) if r.timestamp >= since]
    args.out.mkdir(parents=True, exist_ok=True)
    rows = _rows(groups)
    write_csv(rows, args.out / CSV_NAME)
    write_html(rows, args.out / HTML_NAME, conversations, domain_intents(), ratings)
    unhelpful = sum(not r.helpful for r in ratings)
    print(
        f"{len(groups)} kysymysryhmää, {unhelpful}/{len(ratings)} vastausta ei auttanut: "
        f"{args.out / HTML_NAME} ja {args.out / CSV_NAME}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
