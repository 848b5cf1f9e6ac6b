"""Composes the bot's Finnish answers from the knowledge base.

A question is (topic x kind). Every kind has one composer here; when the knowledge base has
nothing for that kind, the answer says so, tells what is known and names whom to contact.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Sequence

from bot.knowledge import Entry, KnowledgeBase

KINDS = ("what", "purpose", "where", "when", "how", "members", "contact", "person")
# Most topics answered in one reply: more makes a wall of text.
MAX_TOPICS = 3
MAX_BUTTONS = 6

_GAPS = {
    "purpose": "tavoitteista",
    "where": "sijainnista",
    "when": "ajankohdista tai siitä, onko toiminta yhä käynnissä",
    "how": "siitä, miten mukaan pääsee tai miten toiminta käytännössä järjestetään",
    "members": "jäsenistä",
}

# Openings of the help replies; action_help picks one by intent.
_HELP_OPENINGS = {
    "capabilities": "Vastaan kysymyksiin Kainuun liiton kansainvälisestä toiminnasta: "
                    "verkostoista, rahoitusohjelmista ja yhteyshenkilöistä. Voit kysyä "
                    "esimerkiksi, mikä jokin verkosto on, keitä siihen kuuluu, mikä sen "
                    "tavoite on tai keneen ottaa yhteyttä.",
    "out_of_scope": "Tähän en osaa vastata. Vastaan vain Kainuun liiton kansainvälistä "
                    "toimintaa koskeviin kysymyksiin, enkä arvaa vastauksia.",
    "contact_details": "Minulla ei ole sähköpostiosoitteita, puhelinnumeroita eikä "
                       "postiosoitteita, enkä arvaa niitä.",
    "fallback": "Valitettavasti en ymmärtänyt kysymystäsi varmasti, enkä halua arvata. "
                "Voit kirjoittaa sen toisin sanoin tai valita aiheen alta.",
}


@dataclass
class Reply:
    """A composed answer: text, topics to offer as buttons, and context for follow-ups."""

    text: str
    button_topics: List[str] = field(default_factory=list)
    topic: Optional[str] = None
    person: Optional[str] = None


def join_fi(items: Sequence[str]) -> str:
    """'A, B ja C' as Finnish lists are written."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} ja {items[-1]}"


def person_label(person: Entry) -> str:
    """'<title> <name>', plus 'tai hänen sijaisensa' for a deputised post; a role is its title."""
    label = person.title if person.type == "role" else f"{person.title} {person.name}"
    return f"{label} tai hänen sijaisensa" if person.deputy else label


class Answerer:
    """Answers (topic x kind) questions and the help replies from one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def contact_line(self, people: Sequence[Entry], lead: str = "") -> str:
        """Who to contact, with their responsibilities, and where contact details are."""
        labels = [f"{person_label(p)} ({p.text('responsibility')})" for p in people]
        if not lead:
            lead = "Kainuun liitossa asiasta " + ("vastaa" if len(labels) == 1 else "vastaavat")
        hint = self.kb.settings.contact_hint
        return f"{lead} {join_fi(labels)}. {hint}".strip()

    def _children_sentence(self, entry: Entry) -> str:
        children = self.kb.children(entry)
        if not children:
            return ""
        return f"{entry.name}: siihen kuuluvat {join_fi([c.label for c in children])}."

    def _members(self, entry: Entry) -> str:
        listed = self.kb.member_entries(entry)
        parts = [entry.members.intro] if entry.members and entry.members.intro else []
        if listed:
            label = entry.members.label if entry.members else ""
            parts.append(f"{label}: {join_fi([e.label for e in listed])}.")
        return " ".join(parts) or self._children_sentence(entry)

    def _gap(self, entry: Entry, kind: str) -> str:
        known = entry.text("what")
        return (f"Aiheesta {entry.label} minulla ei ole tietoa {_GAPS[kind]}. Tiedän tämän: "
                f"{known} {self.contact_line(self.kb.contacts_for(entry))}")

    def _compose(self, entry: Entry, kind: str) -> str:
        if entry.is_person:
            return f"{entry.text('what')} {self.kb.settings.contact_hint}".strip()
        if kind in ("contact", "person"):
            governance = entry.text("governance")
            line = self.contact_line(self.kb.contacts_for(entry))
            return f"{governance} {line}".strip()
        if entry.type == "collection" and kind in ("what", "members"):
            # "Mitä verkostoja on?" and "Kerro verkostoista" deserve the same full answer.
            return f"{entry.text('what')} {self._members(entry)}"
        text = self._members(entry) if kind == "members" else entry.text(kind)
        return text or self._gap(entry, kind)

    def answer(self, kind: str, topic_ids: Sequence[str]) -> Reply:
        """Answer `kind` for each known topic; with none, ask which topic is meant."""
        entries = [e for e in (self.kb.get(t) for t in topic_ids) if e and e.type != "region"]
        entries = entries[:MAX_TOPICS]
        if not entries:
            return Reply("Mistä aiheesta haluat tietää? Valitse alta tai kirjoita kysymys "
                         "uudelleen ja mainitse aihe, esimerkiksi Barents-yhteistyö tai "
                         "EU-toimisto.", list(self.kb.settings.suggested_topics))
        text = "\n\n".join(self._compose(e, kind) for e in entries)
        last = entries[-1]
        people = [e for e in entries if e.is_person]
        if kind in ("contact", "person") and not people:
            people = self.kb.contacts_for(last)
        buttons = [c.id for c in self.kb.children(last)][:MAX_BUTTONS] if kind == "what" else []
        return Reply(text, buttons, topic=last.id,
                     person=people[-1].id if len(people) == 1 else None)

    def help(self, reason: str) -> Reply:
        """Replies for 'what can you do', contact details, out-of-scope and not understood."""
        text = _HELP_OPENINGS[reason]
        if reason == "contact_details":
            text = f"{text} {self.kb.settings.contact_hint}"
        elif reason != "capabilities":
            people = [self.kb.entries[i] for i in self.kb.settings.default_contacts]
            text = f"{text} {self.contact_line(people, lead='Voit myös ottaa yhteyttä:')}"
        return Reply(text, list(self.kb.settings.suggested_topics))
