"""The honest decline (the check after composing): a reply whose facts do not hold what the
question asks (an amount, a date, a count, an e-mail address; bot.language.questions), or that
is about another organisation or programme, becomes a decline with what is known in brief and
whom to contact. A count the answer's member list gives is answered, counted.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

from bot.answering import passages
from bot.answering.asking import Question
from bot.answering.compose import DECLINED, Composer, Reply, member_list
from bot.answering.passages import PassageRanker
from bot.knowledge import Entry, KnowledgeBase
from bot.language import organisations, questions
from bot.language.phrases import PHRASES, declines

# Sentences (with the ones that lean on them) of what is known that follow a decline.
KNOWN_SENTENCES = 2


class Decliner:
    """Checks a composed reply against what the question asks."""

    def __init__(self, kb: KnowledgeBase, lang: str, composer: Composer, ranker: PassageRanker):
        self.kb = kb
        self.lang = lang
        self.phrases = PHRASES[lang]
        self.wording = passages.WORDINGS[lang]
        self.composer = composer
        self.ranker = ranker

    def check(self, q: Question, reply: Reply) -> Reply:
        """The reply, or an honest decline when its facts (the contact line aside) do not hold
        what the question asks."""
        entry = self.kb.entries[reply.topic] if reply.topic else None
        reading = q.reading
        # A person's own text names them and where their contact details are.
        contact = (
            self.composer.contact_line(self.composer.contacts(entry, q))
            if entry and not entry.is_person
            else ""
        )
        facts = reply.text.replace(contact, "") if contact else reply.text
        if organisations.other_organisations(reading.organisations, facts, self.lang):
            return self.composer.help("other_organisation")
        if reading.other_programmes:
            return self.composer.help("other_programme")
        country = questions.counted_country(reading.unnamed, self.lang)
        if country and entry and self._lists_only(entry, country) and self._of_members(q):
            # "Montako niistä on Suomessa?": the whole's figure does not count the country's
            # members, its list does, counted, first.
            return replace(reply, text=self._counted_list(entry, facts))
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
        if len(listed) < 2 or self._items(entry) not in text:
            return text
        ranker = self.ranker
        lists = [p for p in ranker.passages if (p.entry, p.field) == (entry.id, "member_list")]
        words = self.wording.content_words(q.reading.unnamed)
        if questions.counts_members(q.reading.unnamed, self.lang) is False:
            return text  # "montako ihmistä …?" counts people, not the list
        if not (
            "members" in q.reading.kinds
            or questions.names_members(q.reading.unnamed, self.lang)
            or any(ranker.shared_words(words, p) for p in lists)
        ):
            return text
        return self._with_count(entry, text)

    def _items(self, entry: Entry) -> str:
        """The object's listed members as a list reads them ("A, B ja C")."""
        return self.phrases.join([e.label for e in self.kb.member_entries(entry)])

    def _with_count(self, entry: Entry, text: str) -> str:
        """The text with the object's member list in it counted: "A, B ja C (yhteensä 3)"."""
        items, count = self._items(entry), len(self.kb.member_entries(entry))
        return text.replace(items, self.phrases.counted.format(items=items, count=count))

    def _lists_only(self, entry: Entry, country: str) -> bool:
        """Whether the object's member list holds regions of the country only."""
        listed = self.kb.member_entries(entry)
        return bool(listed) and all(m.country == country for m in listed)

    def _of_members(self, q: Question) -> bool:
        """Whether a count is of members: what it counts is regions or members, or points
        back to a list ("montako niistä", "how many of those"), not people ("montako ihmistä")."""
        return questions.counts_members(q.reading.unnamed, self.lang) is True

    def _counted_list(self, entry: Entry, facts: str) -> str:
        """The object's member list counted, then the facts without it."""
        listed = member_list(self.kb, self.phrases, entry)
        rest = [s for s in self.wording.split(facts) if s.strip() != listed.strip()]
        return " ".join([self._with_count(entry, listed), *rest])

    def _lists_region_of(self, entry: Optional[Entry], country: str) -> bool:
        """Whether the object answered, or one it is part of, lists a member region of the
        country."""
        wholes = [entry, *self.kb.ancestors(entry)] if entry else []
        return any(m.country == country for w in wholes for m in self.kb.member_entries(w))
