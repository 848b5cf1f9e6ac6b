"""The compose step: the kind's answer about an object from the knowledge base ("what",
"purpose", …, "members", "contact"), the contact lines, member lists, the honest gap when a topic
lacks the kind asked, and the help replies. Its own words are in bot.language.phrases;
bot.answering.answers puts a reply together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence, Set

from bot.answering import passages
from bot.answering.asking import Question
from bot.answering.passages import Passage, PassageRanker
from bot.answering.reading import Reading
from bot.answering.selection import MIN_SIM
from bot.knowledge import Entry, KnowledgeBase
from bot.language import organisations, questions
from bot.language.phrases import PHRASES, Phrases

KINDS = ("what", "purpose", "where", "when", "how", "members", "contact", "person")
# Most topics answered in one reply: more makes a wall of text.
MAX_TOPICS = 3
MAX_BUTTONS = 6
# Most words besides the question words for which a question with no topic asks which topic
# is meant; with more, it is about something else. Development set: the topic was asked of 26
# such questions out of scope and 5 the page answers, all declines either way.
WHICH_TOPIC_WORDS = 1
# Words a topic's text of what it is must share with a question whose kind the intent guessed
# and the topic lacks, to answer it. Development, test and confirmation sets: with 1, 19 more
# clean answers and a right decline turned wrong; with 2, 4 more and none wrong.
SHARED_STEMS = 2


# What became of a question, recorded with the bot's message. A decline's reason is a help
# reply's (Composer.help: "other_organisation", "other_programme", "unknown_person",
# "out_of_scope", "not_understood", "contact_details"), "which_topic", "detail:<name>"
# (bot.language.questions; "detail:regions" for a country's member regions), "gap:<kind>" (the
# visitor asked for a kind of text the topic lacks) or "unsure" (only the intent guessed that kind).
ANSWERED, DECLINED = "answered", "declined"

# Declines after which the council's own people may still help (another programme, a person
# the page does not name); for a recipe or another organisation they would not.
PEOPLE_MAY_KNOW = frozenset({"other_programme", "unknown_person"})


@dataclass
class Reply:
    """A composed answer: text, topics to offer as buttons, and context for follow-ups; its
    outcome, and for a decline its reason (ANSWERED, DECLINED above)."""

    text: str
    button_topics: List[str] = field(default_factory=list)
    topic: Optional[str] = None
    person: Optional[str] = None
    outcome: str = ANSWERED
    reason: Optional[str] = None
    # The knowledge-base fields the answer was drawn from ("what", "where", …), for staff.
    fields: List[str] = field(default_factory=list)


def person_label(person: Entry, phrases: Phrases) -> str:
    """'aluekehitysjohtaja Matti Meikäläinen' ('Matti Meikäläinen, director of …'), with the
    deputy for a deputised post; a role is its title."""
    frame = phrases.role if person.type == "role" else phrases.person
    label = frame.format(title=person.title, name=person.name)
    return f"{label}{phrases.deputy}" if person.deputy else label


def children_sentence(kb: KnowledgeBase, phrases: Phrases, entry: Entry) -> str:
    children = kb.children(entry)
    if not children:
        return ""
    frame = phrases.parts_many if len(children) > 1 else phrases.parts_one
    return frame.format(name=entry.name, parts=phrases.join([c.label for c in children]))


def member_list(kb: KnowledgeBase, phrases: Phrases, entry: Entry) -> str:
    """'<label> A, B ja C.' of the listed members (a colon unless the label ends in a verb),
    else of the parts when there is no intro."""
    listed = kb.member_entries(entry)
    if listed:
        label = entry.members.label if entry.members else ""
        # "Jäsenet ovat A ja B." as a sentence is written; "mukana näissä: A ja B."
        colon = "" if label.rsplit(" ", 1)[-1] in phrases.copulas else ":"
        return f"{label}{colon} {phrases.join([e.label for e in listed])}."
    return "" if entry.members and entry.members.intro else children_sentence(kb, phrases, entry)


def members(kb: KnowledgeBase, phrases: Phrases, entry: Entry) -> str:
    intro = entry.members.intro if entry.members else ""
    return " ".join(part for part in (intro, member_list(kb, phrases, entry)) if part)


# A contact is meant when their responsibility is this similar, relative to the most similar:
# "overall responsibility" is the regional mayor's, not the other "persons responsible".
MEANT = 0.75


class Composer:
    """The kind's answer about an object, contact lines, the gap and help replies, and where an
    answer's facts are on the page."""

    def __init__(self, kb: KnowledgeBase, lang: str, ranker: PassageRanker) -> None:
        self.kb = kb  # in the answer's language
        self.lang = lang
        self.phrases = PHRASES[lang]
        self.wording = passages.WORDINGS[lang]
        self.ranker = ranker  # for the contacts a question means
        self._responsibilities: Dict[str, List[Passage]] = {e.id: [] for e in kb.topics()}
        for p in ranker.passages:
            if p.field == "responsibility":
                self._responsibilities[p.entry].append(p)

    def contact_line(self, people: Sequence[Entry], lead: str = "") -> str:
        """Who to contact, with their responsibilities, and where contact details are: "Kainuun
        liitossa EU:n suuntaan tapahtuvan yhteistyön vastuuhenkilö on …" for one post."""
        hint = self.kb.settings.contact_hint
        post = people[0].text("responsibility") if len(people) == 1 and not lead else ""
        if post and not self._held(post):
            line = self.phrases.post_holder.format(
                responsibility=post, label=person_label(people[0], self.phrases)
            )
            return f"{line} {hint}".strip()
        labels = [person_label(p, self.phrases) + self._responsibility(p) for p in people]
        if not lead:
            lead = self.phrases.contact_one if len(labels) == 1 else self.phrases.contact_many
        return f"{lead} {self.phrases.join(labels)}. {hint}".strip()

    def _responsibility(self, person: Entry) -> str:
        """ ", jolla on yleisvastuu …" or ", EU-yhteistyön vastuuhenkilö": the responsibility
        as a clause after the name, not in brackets."""
        text = person.text("responsibility")
        if not text:
            return ""
        frame = self.phrases.holds if self._held(text) else self.phrases.names_post
        return frame.format(responsibility=text)

    def _held(self, responsibility: str) -> bool:
        """Whether a responsibility is held ("yleisvastuu …"), not the name of a post."""
        return bool(re.match(self.phrases.held, responsibility, re.IGNORECASE))

    def _gap(self, entry: Entry, kind: str, asked: bool) -> str:
        """No text of the kind: say so when the visitor `asked` for that kind, else only that
        no answer fits; then what it is and whom to contact."""
        frame = self.phrases.gap if asked else self.phrases.unsure
        return frame.format(
            topic=entry.label,
            what=self.phrases.gaps[kind].format(topic=entry.label),
            known=self.compose(entry, "what"),  # what it is and what it is for
            contact=self.contact_line(self.kb.contacts_for(entry)),
        )

    def contacts(self, entry: Entry, q: Optional[Question] = None) -> List[Entry]:
        """The object's contacts; for a question, those it means (bot.answering.selection.meant)."""
        people = self.kb.contacts_for(entry)
        return self._meant(q, people) if q else people

    def compose(self, entry: Entry, kind: str, q: Optional[Question] = None) -> str:
        """The kind's answer about the object, or "" when the knowledge base has no text for it."""
        if entry.is_person:
            return f"{entry.text('what')} {self.kb.settings.contact_hint}".strip()
        if kind in ("contact", "person"):
            governance = entry.text("governance")
            if q and self.names_who(governance, q):
                # "Kuka oli ohjelman hallintoviranomainen?": another organisation, named in the
                # text; the council's contact line would not answer it.
                return governance
            return self.with_line(governance, self.contact_line(self.contacts(entry, q)), q)
        if entry.type == "collection" and kind in ("what", "members"):
            # "Mitä verkostoja on?" and "Kerro verkostoista" deserve the same full answer.
            return f"{entry.text('what')} {members(self.kb, self.phrases, entry)}"
        text = members(self.kb, self.phrases, entry) if kind == "members" else entry.text(kind)
        if kind == "what":
            # What a thing is includes what it is for, unless it says that already.
            said = self.wording.stems(text)
            extra = [
                p
                for p in self.wording.split(entry.text("purpose"))
                if not self.wording.says(said, p)
            ]
            text = " ".join([text, *extra])
        return text

    def once(self, text: str) -> str:
        """The text without the sentences that an earlier one already says ("Sen tarkoituksena
        on …" after "Euregio Karelian tarkoituksena on …", one contact line for two topics);
        a sentence that says an earlier one and more takes its place ("Kisat kiertävät
        jäsenalueilla", then "Erillisenä toimiva Barents Games järjestää kisat, jotka kiertävät
        jäsenalueilla"); paragraphs kept."""
        said: Set[str] = set()
        paragraphs: List[List[str]] = []
        for paragraph in text.split("\n\n"):
            paragraphs.append([])
            for sentence in self.wording.split(paragraph):
                if self.wording.says(said, sentence):
                    continue
                stems = self.wording.stems(sentence)
                said |= stems
                place = next(
                    (
                        (kept, i)
                        for kept in paragraphs
                        for i, earlier in enumerate(kept)
                        if self.wording.says(stems, earlier)
                    ),
                    None,
                )
                if place:
                    place[0][place[1]] = sentence
                else:
                    paragraphs[-1].append(sentence)
        return "\n\n".join(" ".join(kept) for kept in paragraphs if kept)

    def answer(self, kind: str, topic_ids: Sequence[str], q: Optional[Question] = None) -> Reply:
        """The kind's composed answer for each known topic; with none, ask which is meant."""
        entries = self.askable(topic_ids)
        if not entries:
            return Reply(
                self.phrases.which_topic,
                list(self.kb.settings.suggested_topics),
                outcome=DECLINED,
                reason="which_topic",
            )
        # "Onko Barents Games osa Barents-yhteistyötä?": the part answers; the whole it
        # belongs to would only bury that answer.
        entries = [e for e in entries if not any(self.kb.within(o, e) for o in entries)]
        composed = [self.compose(e, kind, q) for e in entries]
        fields = [kind if any(composed) else "what"]
        # A button asks for its kind; a question, when its own words do (the intent guesses).
        asked = q is None or not q.reading.text or kind in q.reading.kinds
        if asked and q and q.reading.text and kind == "how":
            asked = questions.asks_taking_part(q.reading.asked, self.lang)
        if not asked and q:
            # A guessed kind the topic lacks: what it is answers a question that only names
            # it ("Kerro EU-yhteistyöstä") or that it says (SHARED_STEMS of its words); else
            # no direct answer is found.
            stems = {w.lemma for w in q.words}
            composed = [
                text or self._what_answers(entry, stems) for text, entry in zip(composed, entries)
            ]
        text = self.once(
            "\n\n".join(c or self._gap(e, kind, asked) for c, e in zip(composed, entries))
        )
        # Every topic without a text of the kind: the honest gap is the whole answer.
        gap = not any(composed)
        last = entries[-1]
        people = [e for e in entries if e.is_person]
        if kind in ("contact", "person") and not people:
            people = self.contacts(last, q)
        buttons = [c.id for c in self.kb.children(last)][:MAX_BUTTONS] if kind == "what" else []
        return Reply(
            text,
            buttons,
            topic=last.id,
            person=people[-1].id if len(people) == 1 else None,
            outcome=DECLINED if gap else ANSWERED,
            reason=(f"gap:{kind}" if asked else "unsure") if gap else None,
            fields=[] if gap else fields,
        )

    def unanswered(self, reading: Reading, kind: Optional[str], reason: str) -> Reply:
        """The reply when nothing fits: which topic is meant for a short question of a kind
        ("Keitä siihen kuuluu?" with no topic in context, or a button); a longer one is about
        something else ("Miten kalakukko leivotaan?"); else the help reply for `reason`."""
        if kind and len(self.wording.content_words(reading.asked)) <= WHICH_TOPIC_WORDS:
            return self.answer(kind, [])
        return self.help("out_of_scope" if kind else reason)

    def _what_answers(self, entry: Entry, stems: Set[str]) -> str:
        """What the object is, when it answers a question of these stems; else ""."""
        what = self.compose(entry, "what")
        return what if not stems or len(stems & self.wording.stems(what)) >= SHARED_STEMS else ""

    def askable(self, topic_ids: Sequence[str]) -> List[Entry]:
        entries = [e for e in (self.kb.get(t) for t in topic_ids) if e and e.type != "region"]
        return entries[:MAX_TOPICS]

    def with_contacts(self, reply: Reply, q: Question) -> Reply:
        """A "who" answer that names none of the topic's contacts gets the contact line: the
        NLU took "Kuka vastaa EU-yhteistyöstä?" for "what is it"."""
        entry = self.kb.entries[reply.topic] if reply.topic else None
        if entry is None or entry.is_person:
            return reply
        people = self.contacts(entry, q)
        text = reply.text.casefold()
        if any(p.name.casefold() in text for p in people):
            return reply
        if self.names_who(reply.text, q):
            return reply
        return replace(reply, text=self.with_line(reply.text, self.contact_line(people), q))

    def names_who(self, text: str, q: Question) -> bool:
        """Whether a text's first sentence names the organisation a "who" question asks for
        ("Kuka oli hallintoviranomainen?": another council's name); not when the question asks
        whom to contact, nor for a button, which asks its kind: then the contact line answers."""
        if q.reading.contact or not q.reading.text or not text:
            return False
        first = self.wording.split(text)[0]
        return bool(organisations.organisations(first, self.lang))

    def with_line(self, text: str, line: str, q: Optional[Question]) -> str:
        """The text with the contact line: first when it is what was asked ("Keneen voin ottaa
        yhteyttä?", "Kuka vastaa …?"), last when it only adds whom to ask ("Kuka johtaa
        hallitusta?" is answered by the text)."""
        if q is None or not (q.reading.contact and not q.reading.details and line):
            return " ".join(part for part in (text, line) if part)
        if len(q.clauses) < 2:
            # Whom to ask is the answer; of the text, the first sentence that the line does not
            # already say and that shares a word with the question may add what the line
            # lacks ("the team is led by …", "every employee's job includes it").
            said, asked = self.wording.stems(line), self.wording.stems(q.reading.asked)
            text = next(
                (
                    s
                    for s in self.wording.split(text)
                    if not self.wording.says(said, s) and asked & self.wording.stems(s)
                ),
                "",
            )
        return " ".join(part for part in (line, text) if part)

    def _meant(self, q: Question, people: Sequence[Entry]) -> List[Entry]:
        """Of the contacts, those whose responsibility is most like what the question asks
        ("yleisvastuu": the regional mayor); all when none is like it."""
        if len(people) < 2 or not q.words:
            return list(people)
        similar = dict(self.ranker.similarities(" ".join(w.form for w in q.words)))
        like = {
            p.id: max((similar[r] for r in self._responsibilities[p.id]), default=0.0)
            for p in people
        }
        best = max(like.values(), default=0.0)
        if best < MIN_SIM:
            return list(people)
        return [p for p in people if like[p.id] >= MEANT * best]

    def help(self, reason: str) -> Reply:
        """Replies for 'what can you do', contact details, out-of-scope, another organisation
        or programme, an unknown person and not understood; all but the first are declines,
        with `reason` as theirs."""
        text = self.phrases.help[reason]
        if reason == "contact_details":
            text = f"{text} {self.kb.settings.contact_hint}"
        elif reason in PEOPLE_MAY_KNOW:
            people = [self.kb.entries[i] for i in self.kb.settings.default_contacts]
            text = f"{text} {self.contact_line(people, lead=self.phrases.contact_also)}"
        declined = reason != "capabilities"
        return Reply(
            text,
            list(self.kb.settings.suggested_topics),
            outcome=DECLINED if declined else ANSWERED,
            reason=("not_understood" if reason == "fallback" else reason) if declined else None,
        )
