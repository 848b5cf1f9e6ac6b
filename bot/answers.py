"""Composes the bot's answers from the knowledge base, in Finnish or English (one Answerer per
language, over the same objects; its own words are in bot.phrases).

A question is (topic x kind), answered from passages:

1. The topics are the names in the message, else the one in context; the kind comes from the
   intent (none when the NLU was unsure).
2. bot.selection ranks every passage of the knowledge base by the question's own words, with
   the topics and the kind as priors. When the best passage is in the kind's own field, or no
   passage shares enough words, the answer is the kind's composed answer (one composer per
   kind below; when the knowledge base has nothing for that kind, it says so if the visitor's
   words asked for it; else what the topic is answers when it says what was asked, or the
   reply says it finds no direct answer; a gap tells what is known and names whom to
   contact). Otherwise it is the chosen passages (for each thing the question asks, the best
   passage first, its field and those nearly as similar), with the contact line where the kind
   asks whom to contact.
3. A question about another organisation ("Lapin liiton"), or about a detail that the answer
   does not hold (an amount, a date, a count, an e-mail address; bot.questions), is declined
   as such, with the nearest known fact and the contact.
4. bot.focus puts the unit that shares the question's words first and, when it is sure to
   answer, leaves out what the previous answer said and a contact line nobody asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence, Set

from bot import organisations, passages, questions, verdicts
from bot.focus import brackets_once, focus
from bot.knowledge import Entry, KnowledgeBase
from bot.matching import TopicMatcher
from bot.phrases import PHRASES, Phrases, declines
from bot.reading import Reader, Reading
from bot.selection import Question, Selector

KINDS = ("what", "purpose", "where", "when", "how", "members", "contact", "person")
# Most topics answered in one reply: more makes a wall of text.
MAX_TOPICS = 3
MAX_BUTTONS = 6
# Sentences (with the ones that lean on them) of what is known that follow a decline.
KNOWN_SENTENCES = 2
# Most words besides a topic's name in a question the NLU was unsure of that is still taken to
# ask what the topic is. Development questions, before nearness in meaning, right / wrong: 85.0
# / 10.0 % when every such question naming a topic was, 85.8 / 8.3 % with 3 (2: 85.3 / 8.1, 4:
# 85.6 / 9.4).
GUESS_WORDS = 3
# Most words besides the question words for which a question with no topic asks which topic
# is meant; with more, it is about something else. Development set: the topic was asked of 26
# such questions out of scope and 5 the page answers, all declines either way.
WHICH_TOPIC_WORDS = 1
# Words a topic's text of what it is must share with a question whose kind the intent guessed
# and the topic lacks, to answer it. Development, test and confirmation sets: with 1, 19 more
# clean answers and a right decline turned wrong; with 2, 4 more and none wrong.
SHARED_STEMS = 2


# What became of a question, recorded with the bot's message. A decline's reason is a help
# reply's (Answerer.help: "other_organisation", "other_programme", "unknown_person",
# "out_of_scope", "not_understood", "contact_details"), "which_topic", "detail:<name>"
# (bot.questions; "detail:regions" for a country's member regions), "gap:<kind>" (the visitor
# asked for a kind of text the topic lacks) or "unsure" (only the intent guessed that kind).
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


class Answerer:
    """Answers (topic x kind) questions and the help replies from one knowledge base."""

    def __init__(self, kb: KnowledgeBase, lang: str = "fi") -> None:
        self.kb = kb.in_language(lang)
        self.lang = lang
        self.phrases = PHRASES[lang]
        self.wording = passages.WORDINGS[lang]
        # The words of every object's names, in every language: a programme named with none
        # of them is another's.
        self._name_words = {
            word
            for names in self.kb.alias_table(all_languages=True).values()
            for name in names
            for word in questions.fold(name).split()
        }
        self.selector = Selector(
            self.kb, {e.id: self._member_list(e) for e in self.kb.topics()}, lang
        )
        regions = {e.id: e.names for e in self.kb.entries.values() if e.type == "region"}
        self.reader = Reader(
            lang,
            self.wording,
            self.selector.matcher,
            TopicMatcher(regions, self.wording.terms),
            self.selector.meanings,
            self._name_words,
            self.kb.person_names(),
        )

    def read(self, text: str) -> Reading:
        """The message's one reading (bot.reading), which respond() takes."""
        return self.reader.read(text)

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

    def _children_sentence(self, entry: Entry) -> str:
        children = self.kb.children(entry)
        if not children:
            return ""
        frame = self.phrases.parts_many if len(children) > 1 else self.phrases.parts_one
        return frame.format(name=entry.name, parts=self.phrases.join([c.label for c in children]))

    def _member_list(self, entry: Entry) -> str:
        """'<label> A, B ja C.' of the listed members (a colon unless the label ends in a verb),
        else of the parts when there is no intro."""
        listed = self.kb.member_entries(entry)
        if listed:
            label = entry.members.label if entry.members else ""
            # "Jäsenet ovat A ja B." as a sentence is written; "mukana näissä: A ja B."
            colon = "" if label.rsplit(" ", 1)[-1] in self.phrases.copulas else ":"
            return f"{label}{colon} {self.phrases.join([e.label for e in listed])}."
        return "" if entry.members and entry.members.intro else self._children_sentence(entry)

    def _members(self, entry: Entry) -> str:
        intro = entry.members.intro if entry.members else ""
        return " ".join(part for part in (intro, self._member_list(entry)) if part)

    def _gap(self, entry: Entry, kind: str, asked: bool) -> str:
        """No text of the kind: say so when the visitor `asked` for that kind, else only that
        no answer fits; then what it is and whom to contact."""
        frame = self.phrases.gap if asked else self.phrases.unsure
        return frame.format(
            topic=entry.label,
            what=self.phrases.gaps[kind].format(topic=entry.label),
            known=self._compose(entry, "what"),  # what it is and what it is for
            contact=self.contact_line(self.kb.contacts_for(entry)),
        )

    def _contacts(self, entry: Entry, q: Optional[Question] = None) -> List[Entry]:
        """The object's contacts; for a question, those it means (bot.selection.meant)."""
        people = self.kb.contacts_for(entry)
        return self.selector.meant(q, people) if q else people

    def _compose(self, entry: Entry, kind: str, q: Optional[Question] = None) -> str:
        """The kind's answer about the object, or "" when the knowledge base has no text for it."""
        if entry.is_person:
            return f"{entry.text('what')} {self.kb.settings.contact_hint}".strip()
        if kind in ("contact", "person"):
            governance = entry.text("governance")
            if q and self._names_who(governance, q):
                # "Kuka oli ohjelman hallintoviranomainen?": another organisation, named in the
                # text; the council's contact line would not answer it.
                return governance
            return self._with_line(governance, self.contact_line(self._contacts(entry, q)), q)
        if entry.type == "collection" and kind in ("what", "members"):
            # "Mitä verkostoja on?" and "Kerro verkostoista" deserve the same full answer.
            return f"{entry.text('what')} {self._members(entry)}"
        text = self._members(entry) if kind == "members" else entry.text(kind)
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

    def _once(self, text: str) -> str:
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
        entries = self._askable(topic_ids)
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
        composed = [self._compose(e, kind, q) for e in entries]
        fields = [kind if any(composed) else "what"]
        # A button asks for its kind; a question, when its own words do (the intent guesses).
        asked = q is None or not q.reading.text or kind in q.reading.kinds
        if not asked and q:
            # A guessed kind the topic lacks: what it is answers a question that only names
            # it ("Kerro EU-yhteistyöstä") or that it says (SHARED_STEMS of its words); else
            # no direct answer is found.
            stems = {w.lemma for w in q.words}
            composed = [
                text or self._what_answers(entry, stems) for text, entry in zip(composed, entries)
            ]
        text = self._once(
            "\n\n".join(c or self._gap(e, kind, asked) for c, e in zip(composed, entries))
        )
        # Every topic without a text of the kind: the honest gap is the whole answer.
        gap = not any(composed)
        last = entries[-1]
        people = [e for e in entries if e.is_person]
        if kind in ("contact", "person") and not people:
            people = self._contacts(last, q)
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
        what = self._compose(entry, "what")
        return what if not stems or len(stems & self.wording.stems(what)) >= SHARED_STEMS else ""

    def _askable(self, topic_ids: Sequence[str]) -> List[Entry]:
        entries = [e for e in (self.kb.get(t) for t in topic_ids) if e and e.type != "region"]
        return entries[:MAX_TOPICS]

    def respond(
        self,
        reading: Reading,
        kind: Optional[str],
        topic_ids: Sequence[str],
        context_id: Optional[str] = None,
        in_scope: bool = True,
        previous: str = "",
    ) -> Optional[Reply]:
        """The answer to a visitor's message as read (read()): `kind` from the intent (None
        when the NLU was unsure), topics named in it, the topic in context; `in_scope` False
        when the NLU took it for an out-of-scope question (then only a matching passage
        answers), `previous` the bot's answer before, not to be said again. None: nothing fits,
        say so."""
        topics = self._askable(topic_ids)
        context = self._askable([context_id] if context_id else [])
        # "onko se verkosto virallinen?" after the actors' network: a broader topic named with
        # a word that points back means the one in context.
        in_context = not topics or bool(
            context
            and (
                all(t.id in reading.pointed for t in topics)
                and all(self.kb.within(context[0], t) for t in topics)
                # "Are they organised by the official Barents bodies?" after Barents Games:
                # the topic named belongs to the same cooperation as the one talked about.
                or reading.of_pronoun
                and all(self.kb.root(t) == self.kb.root(context[0]) for t in topics)
            )
        )
        if in_context:
            topics = context
            if context and reading.whole:
                # "mikä on koko yhteistyön ylin toimielin?" after the secretariat
                topics = [self.kb.root(context[0])]
        if reading.unknown_person:
            return self.help("unknown_person")
        q = self.selector.question(reading, kind, topics, in_context)
        chosen = self.selector.best(q)
        found = self._askable([chosen.lead]) if chosen.passages and not topics and kind else []
        if found:
            # No topic named, but the passages found one: answer as if it had been named, so
            # that the kind picks its text ("miten se käytännössä toimii?").
            topics = found
            q = self.selector.question(reading, kind, topics, False)
            chosen = self.selector.best(q)
        if chosen.passages:
            entry = self.kb.entries[chosen.lead]
            # A responsibility is a label ("EU-yhteistyön vastuuhenkilö"): its holder's text
            # says it in a sentence.
            text = " ".join(
                self._compose(self.kb.entries[p.entry], "person")
                if p.field == "responsibility"
                else p.text
                for p in chosen.passages
            )
            if (
                kind in ("contact", "person")
                and not entry.is_person
                and not self._names_who(text, q)
            ):
                text = self._with_line(text, self.contact_line(self._contacts(entry, q)), q)
            reply = Reply(
                text,
                topic=entry.id,
                person=entry.id if entry.is_person else None,
                fields=list(dict.fromkeys(p.field for p in chosen.passages)),
            )
        elif (
            topics
            and (in_scope or not in_context and len(q.words) <= 1)
            and (kind or len(q.words) <= GUESS_WORDS)
        ):
            # A name the NLU was unsure of, with little else ("Barents?", "Onko Barents ...?"),
            # asks what it is, even one it took for out of scope ("How does the council view
            # multiculturalism?"); a longer question it could not read is not guessed at.
            reply = self.answer(kind or "what", [t.id for t in q.topics], q)
        elif reading.organisations:
            # Nothing fits a question about another organisation: that is why.
            return self.help("other_organisation")
        else:
            return None
        if kind not in ("contact", "person", "members") and reading.who:
            reply = self._with_contacts(reply, q)
        if reading.yes_no and reply.reason == "unsure" and reply.topic:
            # The kind the intent guessed is lacking, but what the topic is may settle the
            # question (a place asked of a body whose text says where it is): then it answers.
            known = self._compose(self.kb.entries[reply.topic], "what")
            if self._verdict(reading, known, reply.topic) is not None:
                reply = replace(reply, text=known, outcome=ANSWERED, reason=None, fields=["what"])
        reply = self._decline_what_is_not_known(q, reply)
        text = self._once(reply.text)
        entry = self.kb.get(reply.topic) if reply.topic else None
        if reply.outcome == ANSWERED and reading.text and not (entry and entry.is_person):
            text = focus(text, q, self.selector, self.kb.settings.contact_hint, previous)
        text = brackets_once(text)
        if reading.yes_no and reply.outcome == ANSWERED:
            text = self._with_verdict(reading, text, reply.topic)
        return replace(reply, text=text)

    def _verdict(self, reading: Reading, text: str, topic: Optional[str]) -> Optional[bool]:
        """Whether the text's first sentence (or the member list asked about) says yes or no
        to a yes/no question (bot.verdicts); None when it settles nothing."""
        found = verdicts.responsible(
            self.kb, reading.named, reading.unnamed, self.lang, self.selector.named_in
        )
        if found is not None:
            return found
        entry = self.kb.get(topic) if topic else None
        first = self.wording.split(text)[0]
        matches = self.selector.matcher.find(first)
        unnamed = self.selector.matcher.blank(first, matches)
        in_sentence = {m.id for m in matches}
        # A restatement names what the question names, and one thing only: "Raportoiko A
        # B:lle?" against "B raportoi A:lle" shares every word.
        restatable = len(reading.named) <= 1 and reading.named <= in_sentence
        found = verdicts.verdict(
            self.kb,
            self.wording,
            reading.unnamed,
            sorted(reading.regions),
            (first, unnamed),
            entry,
            self.lang,
            restatable,
        )
        if found is not None or entry is None:
            return found
        # "Is it part of …?" is settled only when every object the question names is the one
        # answered, a whole it belongs to, or named in the sentence.
        related = all(
            n in in_sentence or n == entry.id or self.kb.within(entry, self.kb.entries[n])
            for n in reading.named
        )
        return (
            verdicts.apart(self.wording, reading.unnamed, unnamed, self.lang) if related else None
        )

    def _with_verdict(self, reading: Reading, text: str, topic: Optional[str]) -> str:
        """A yes/no question's answer opens with "Kyllä." or "Ei." when it settles it."""
        found = self._verdict(reading, text, topic)
        if found is None:
            return text
        return f"{self.phrases.yes if found else self.phrases.no} {text}"

    def _with_contacts(self, reply: Reply, q: Question) -> Reply:
        """A "who" answer that names none of the topic's contacts gets the contact line: the
        NLU took "Kuka vastaa EU-yhteistyöstä?" for "what is it"."""
        entry = self.kb.entries[reply.topic] if reply.topic else None
        if entry is None or entry.is_person:
            return reply
        people = self._contacts(entry, q)
        text = reply.text.casefold()
        if any(p.name.casefold() in text for p in people):
            return reply
        if self._names_who(reply.text, q):
            return reply
        return replace(reply, text=self._with_line(reply.text, self.contact_line(people), q))

    def _names_who(self, text: str, q: Question) -> bool:
        """Whether a text's first sentence names the organisation a "who" question asks for
        ("Kuka oli hallintoviranomainen?": another council's name); not when the question asks
        whom to contact, nor for a button, which asks its kind: then the contact line answers."""
        if q.reading.contact or not q.reading.text or not text:
            return False
        first = self.wording.split(text)[0]
        return bool(organisations.organisations(first, self.lang))

    def _with_line(self, text: str, line: str, q: Optional[Question]) -> str:
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

    def _decline_what_is_not_known(self, q: Question, reply: Reply) -> Reply:
        """The reply, or an honest decline when its facts (the contact line aside) do not hold
        what the question asks."""
        entry = self.kb.entries[reply.topic] if reply.topic else None
        reading = q.reading
        # A person's own text names them and where their contact details are.
        contact = (
            self.contact_line(self._contacts(entry, q)) if entry and not entry.is_person else ""
        )
        facts = reply.text.replace(contact, "") if contact else reply.text
        if organisations.other_organisations(reading.organisations, facts, self.lang):
            return self.help("other_organisation")
        if reading.other_programmes:
            return self.help("other_programme")
        detail = next(
            (d for d in reading.details if not questions.gives(d, facts, reading.others)), None
        )
        counted = self._counted(entry, facts, q) if detail and detail.name == "count" else facts
        if counted != facts:
            # "Kuinka monen maakunnan etuja …?": the list answers, counted.
            return replace(reply, text=counted)
        if detail:
            missing = detail.name
        elif (
            reading.country
            and q.kind == "members"
            and not self._lists_region_of(entry, reading.country)
        ):
            missing = "regions"  # "Mitkä Norjan alueet kuuluvat?": the Finnish ones are listed
        else:
            return reply
        if missing in ("name", "leader"):
            # After "I do not know who leads it", a name would read as the answer.
            contact = self.kb.settings.contact_hint
        known = facts.strip()
        if entry and (not known or declines(known)):
            known = entry.text("what")  # the reply already said what it lacks: keep it short
        # What is known, in brief: the decline is the answer.
        known = " ".join(self.wording.split(known)[:KNOWN_SENTENCES])
        what = self.phrases.details[missing].format(
            country=self.phrases.countries.get(reading.country or "", "")
        )
        text = self.phrases.unknown_detail.format(what=what, known=known, contact=contact)
        return Reply(
            text.strip(),
            topic=reply.topic,
            person=reply.person,
            outcome=DECLINED,
            reason=f"detail:{missing}",
        )

    def _counted(self, entry: Optional[Entry], text: str, q: Question) -> str:
        """The text with the object's member list in it counted, when it holds that list and
        the question counts its members ("montako jäsentä") or what it lists ("kuinka monen
        maakunnan"), not something else of the object ("montako ihmistä siellä on töissä")."""
        listed = self.kb.member_entries(entry) if entry else []
        items = self.phrases.join([e.label for e in listed])
        if len(listed) < 2 or items not in text:
            return text
        ranker = self.selector.ranker
        lists = [p for p in ranker.passages if (p.entry, p.field) == (entry.id, "member_list")]
        words = self.wording.content_words(q.reading.unnamed)
        if not (
            "members" in q.reading.kinds
            or questions.names_members(q.reading.unnamed, self.lang)
            or any(ranker.shared_words(words, p) for p in lists)
        ):
            return text
        return text.replace(items, self.phrases.counted.format(items=items, count=len(listed)))

    def _lists_region_of(self, entry: Optional[Entry], country: str) -> bool:
        """Whether the object answered, or one it is part of, lists a member region of the
        country."""
        wholes = [entry, *self.kb.ancestors(entry)] if entry else []
        return any(m.country == country for w in wholes for m in self.kb.member_entries(w))

    def cite(self, reply: Reply) -> Optional[Dict[str, str]]:
        """Where on the council's page the reply's facts are: the section's title, its address,
        and the line that ends the answer ("Lähde: <title>")."""
        entry = self.kb.get(reply.topic) if reply.topic else None
        found = self.kb.source(entry) if entry else None
        if not found:
            return None
        title, url = found
        return {"title": title, "url": url, "line": self.phrases.source.format(title=title)}

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
