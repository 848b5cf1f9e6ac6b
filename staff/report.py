"""`make report`: what visitors could not get. Reads the conversations in the tracker store that
endpoints.yml configures and pairs each visitor message with the outcome its answer recorded
(actions/actions.py: answered, or declined with a reason). The declined questions, grouped by
reason, topic and similar wording with counts and dates, open a Finnish HTML page
(staff/templates/) and fill a CSV in which staff name what should answer each group: a
knowledge-base field (`make import` adds the question as its example) or an intent. The page also
lists the answers visitors marked unhelpful (bot/web/feedback.py), charts the weeks, and warns when
stored conversations are older than the retention period.

    python -m staff.report [--out reports] [--days 30] [--endpoints endpoints.yml]"""

from __future__ import annotations

import argparse
import asyncio
import csv
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

import jinja2
from rapidfuzz import fuzz

from bot import knowledge
from bot.answering.compose import ANSWERED, DECLINED
from bot.web import feedback
from bot.web.tracker_store import from_endpoints
from staff import charts
from staff.forget import RETENTION_DAYS
from staff.import_csv import ANSWER_COLUMN, INTENT_COLUMN, NEW_FACT, domain_intents, normalise

SIMILAR = 80  # rapidfuzz token-set ratio at which two questions count as one
CSV_NAME, HTML_NAME = "epaonnistuneet.csv", "epaonnistuneet.html"
CSV_COLUMNS = [
    "kysymys",
    "maara",
    "ensimmainen",
    "viimeisin",
    "syy",
    "aihe",
    "botin_vastaus",
    "muut_muodot",
    ANSWER_COLUMN,
    INTENT_COLUMN,
]
# A message whose answer recorded no outcome got small talk (actions/actions.py).
OTHER = "other"
# Why a question was declined (bot.answering.compose records the reason), in staff's words.
REASONS = {
    "which_topic": "aihe jäi epäselväksi (botti kysyi, mistä aiheesta)",
    "not_understood": "kysymystä ei ymmärretty",
    "out_of_scope": "aiheen ulkopuolella",
    "other_organisation": "toisen organisaation asia",
    "other_programme": "rahoitusohjelma, jota sivulla ei ole",
    "unknown_person": "henkilö, jota sivulla ei ole",
    "contact_details": "yhteystiedot (sähköposti, puhelin, osoite)",
    "unsure": "ei suoraa vastausta kysymykseen",
}
# The detail asked that the page does not give ("detail:amount"), and the kind of text asked
# that a topic lacks ("gap:where").
DETAILS = {
    "amount": "rahamäärä",
    "contact_details": "sähköposti, puhelinnumero tai osoite",
    "schedule": "päivämäärä tai aikataulu",
    "year": "vuosiluku",
    "frequency": "kuinka usein",
    "status": "jatkuuko toiminta yhä",
    "count": "lukumäärä",
    "personal": "henkilön omat tiedot (ikä, palkka ym.)",
    "name": "henkilön nimi",
    "leader": "kuka johtaa",
    "regions": "maan jäsenalueet",
}
GAPS = {
    "what": "mikä se on",
    "purpose": "tavoitteet",
    "where": "sijainti",
    "when": "ajankohta",
    "how": "miten toiminta järjestetään tai miten mukaan pääsee",
    "members": "jäsenet",
    "contact": "yhteyshenkilö",
    "person": "henkilö",
}
TEMPLATES = Path(__file__).parent / "templates"


def reason_label(reason: str) -> str:
    """'detail:amount' → 'sivulla ei ole tietoa: rahamäärä'."""
    kind, _, name = reason.partition(":")
    if kind == "detail":
        return f"sivulla ei ole tietoa: {DETAILS.get(name, name)}"
    if kind == "gap":
        return f"aiheesta puuttuu tieto: {GAPS.get(name, name)}"
    return REASONS.get(reason, reason or "syy ei tiedossa")


@dataclass
class Question:
    """A visitor's message and what became of it."""

    sender: str
    text: str  # "" for a button's payload
    timestamp: float
    outcome: str = OTHER
    reason: str = ""
    topic: str = ""
    reply: str = ""


def questions(conversations: Dict[str, List[Dict[str, Any]]]) -> List[Question]:
    """Each visitor message with the outcome of the bot's first answer to it."""
    found: List[Question] = []
    for sender, events in conversations.items():
        current: Optional[Question] = None
        for event in events:
            if event.get("event") == "user":
                text = (event.get("text") or "").strip()
                current = Question(
                    sender, "" if text.startswith("/") else text, event.get("timestamp", 0)
                )
                found.append(current)
            elif event.get("event") == "bot" and current and current.outcome == OTHER:
                custom = (event.get("data") or {}).get("custom")
                if isinstance(custom, dict) and custom.get("outcome") in (ANSWERED, DECLINED):
                    current.outcome = custom["outcome"]
                    current.reason = str(custom.get("reason") or "")
                    current.topic = str(custom.get("topic") or "")
                    current.reply = (event.get("text") or "").split("\n")[0]
    return found


@dataclass
class Group:
    reason: str
    topic: str
    questions: List[Question] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The most frequent wording; on a tie, the latest."""
        counts = Counter(q.text for q in self.questions)
        return max(reversed([q.text for q in self.questions]), key=counts.__getitem__)

    @property
    def variants(self) -> List[str]:
        return [t for t in dict.fromkeys(q.text for q in self.questions) if t != self.text]


def group(declined: List[Question]) -> List[Group]:
    """Greedy grouping by reason, topic and similar wording, most frequent first."""
    groups: List[Group] = []
    for question in sorted(declined, key=lambda q: q.timestamp):
        wording = normalise(question.text)
        for candidate in groups:
            if (candidate.reason, candidate.topic) == (question.reason, question.topic) and (
                fuzz.token_set_ratio(wording, normalise(candidate.text)) >= SIMILAR
            ):
                candidate.questions.append(question)
                break
        else:
            groups.append(Group(question.reason, question.topic, [question]))
    return sorted(groups, key=lambda g: (-len(g.questions), g.text))


def _date(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).strftime("%d.%m.%Y")


def week(timestamp: float) -> str:
    """'2026 vko 09': sorts in time, across New Year too."""
    return "{0} vko {1:02d}".format(*datetime.fromtimestamp(timestamp).isocalendar())


def _rows(groups: List[Group], names: Dict[str, str]) -> List[Dict[str, str]]:
    return [
        {
            "kysymys": g.text,
            "maara": str(len(g.questions)),
            "ensimmainen": _date(g.questions[0].timestamp),
            "viimeisin": _date(g.questions[-1].timestamp),
            "syy": reason_label(g.reason),
            "aihe": names.get(g.topic, g.topic),
            "botin_vastaus": g.questions[-1].reply,
            "muut_muodot": " | ".join(g.variants[:5]),
            ANSWER_COLUMN: "",
            INTENT_COLUMN: "",
        }
        for g in groups
    ]


def write_csv(rows: List[Dict[str, str]], path: Path) -> None:
    # Semicolons and a byte-order mark: Excel in Finnish opens it in columns, ä and ö intact.
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.DictWriter(f, CSV_COLUMNS, delimiter=";")
        writer.writeheader()
        # A visitor may send a NUL character, which the csv module cannot write.
        writer.writerows([{k: v.replace("\0", "") for k, v in row.items()} for row in rows])


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


def helpful_share_rows(ratings: Iterable[feedback.Rating], key: Any) -> List[List[str]]:
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


def _knowledge() -> Optional[knowledge.KnowledgeBase]:
    try:
        return knowledge.load()
    except knowledge.KnowledgeBaseError:  # the report still helps; ids instead of names
        return None


def _fields(kb: Optional[knowledge.KnowledgeBase]) -> List[str]:
    """What `vastaava_tieto` may name: 'id.field' for each text an object has."""
    if kb is None:
        return []
    return [f"{e.id}.{name}" for e in kb.entries.values() for name in e.fields]


def oldest_days(conversations: Dict[str, List[Dict[str, Any]]], now: float) -> Optional[float]:
    """Days since the last message of the conversation idle the longest (what the purge of
    `make forget-old` goes by)."""
    last = [
        max(e.get("timestamp", 0) for e in events) for events in conversations.values() if events
    ]
    return (now - min(last)) / 86400 if last else None


def write_html(path: Path, **context: Any) -> None:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    path.write_text(environment.get_template("report.html").render(**context), encoding="utf-8")


async def _conversations(store: Any) -> Dict[str, List[Dict[str, Any]]]:
    """Every stored event, conversation by conversation."""
    found = {}
    for sender in list(await store.keys()):
        tracker = await store.retrieve_full_tracker(sender)
        if tracker:
            found[sender] = [e.as_dict() for e in tracker.events]
    return found


def report(
    conversations: Dict[str, List[Dict[str, Any]]], out: Path, days: float, retention: float
) -> str:
    """Writes the page, its charts and the CSV; returns a one-line summary."""
    now = time.time()
    since = now - days * 86400
    asked = [q for q in questions(conversations) if q.timestamp >= since]
    events = [e for evs in conversations.values() for e in evs]
    ratings = [r for r in feedback.ratings(events) if r.timestamp >= since]
    kb = _knowledge()
    names = {e.id: e.label for e in kb.entries.values()} if kb else {}
    groups = group([q for q in asked if q.outcome == DECLINED and q.text])
    rows = _rows(groups, names)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(rows, out / CSV_NAME)
    by_reason: Dict[str, List[Dict[str, str]]] = {}
    for row in rows:
        by_reason.setdefault(row["syy"], []).append(row)
    shown = ["kysymys", "maara", "aihe", "ensimmainen", "viimeisin", "botin_vastaus", "muut_muodot"]
    reasons = [
        (r, sum(int(row["maara"]) for row in rs), [[row[c] for c in shown] for row in rs])
        for r, rs in by_reason.items()
    ]
    counts = Counter(q.outcome for q in asked)
    oldest = oldest_days(conversations, now)
    write_html(
        out / HTML_NAME,
        made=_date(now),
        days=f"{days:g}",
        conversations=len({q.sender for q in asked}),
        asked=len(asked),
        answered=counts[ANSWERED],
        declined=counts[DECLINED],
        by_reason=sorted(reasons, key=lambda item: -item[1]),
        groups=len(groups),
        charts=charts.draw(asked, ratings, out, week),
        csv_name=CSV_NAME,
        answer_column=ANSWER_COLUMN,
        intent_column=INTENT_COLUMN,
        new_fact=NEW_FACT,
        fields=_fields(kb),
        intents=domain_intents(),
        ratings=len(ratings),
        unhelpful=unhelpful_rows(ratings),
        by_topic=helpful_share_rows(
            ratings, lambda r: names.get(r.topic or "", r.topic or "(ei aihetta)")
        ),
        by_week=helpful_share_rows(ratings, lambda r: week(r.timestamp)),
        oldest=None if oldest is None else round(oldest),
        retention=f"{retention:g}",
        overdue=oldest is not None and round(oldest) > retention,
    )
    unhelpful = sum(not r.helpful for r in ratings)
    return (
        f"{counts[DECLINED]}/{len(asked)} kysymykseen ei saatu vastausta (kysymysryhmiä "
        f"{len(groups)}), "
        f"{unhelpful}/{len(ratings)} vastausta ei auttanut: {out / HTML_NAME} ja {out / CSV_NAME}"
    )


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m staff.report",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--out", type=Path, default=Path("reports"))
    parser.add_argument("--days", type=float, default=30, help="viimeisten päivien viestit")
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument(
        "--retention-days", type=float, default=RETENTION_DAYS, help="keskustelujen säilytysaika"
    )
    args = parser.parse_args(argv)
    conversations = asyncio.run(_conversations(from_endpoints(args.endpoints)))
    print(report(conversations, args.out, args.days, args.retention_days))
    return 0


if __name__ == "__main__":
    sys.exit(main())
