"""A visitor's message, answered from the knowledge base in Finnish or English (one Answerer
per language, over the same objects). The steps, each a module:

1. read (bot.answering.reading): the message read once into a Reading; the topics are the
   names in it, else the one in context; the kind comes from the intent (none when the NLU was
   unsure).
2. ask (bot.answering.asking): what it asks of its topics, as a Question (its own words, each
   thing asked apart, typos read as the passages spell them).
3. rank and choose (bot.answering.passages, semantics, selection): every passage of the
   knowledge base by the question's words and meaning, with the topics and the kind as priors,
   into Chosen passages; when the best is in the kind's own field, or none shares enough
   words, the kind's composed answer instead.
4. compose (bot.answering.compose): the Reply, with the contact line where the kind asks whom
   to contact; a gap or "no direct answer" when the topic lacks the kind.
5. check (bot.answering.declines): a question about another organisation, or a detail the
   answer does not hold, is declined as such, with the nearest known fact and the contact.
6. focus (bot.answering.focus) puts the unit that shares the question's words first and, when
   sure, leaves out what the previous answer said; a yes/no question the first sentence settles
   opens with the yes or the no (bot.answering.verdicts).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Dict, Optional, Sequence, Tuple

from bot.answering import passages, verdicts
from bot.answering.asking import Asker, Question
from bot.answering.compose import ANSWERED, Composer, Reply, member_list
from bot.answering.declines import Decliner
from bot.answering.focus import brackets_once, focus
from bot.answering.reading import Reader, Reading
from bot.answering.selection import Selector
from bot.knowledge import KnowledgeBase
from bot.language import questions
from bot.language.matching import TopicMatcher
from bot.language.phrases import PHRASES

# Most words besides a topic's name in a question the NLU was unsure of that is still taken to
# ask what the topic is. Development questions, before nearness in meaning, right / wrong: 85.0
# / 10.0 % when every such question naming a topic was, 85.8 / 8.3 % with 3 (2: 85.3 / 8.1, 4:
# 85.6 / 9.4).
GUESS_WORDS = 3


class Answerer:
    """Answers a visitor's message from one knowledge base, in one language: read, rank and
    choose (bot.answering.selection), compose (bot.answering.compose), check
    (bot.answering.declines), focus and settle a yes/no."""

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
        lists = {e.id: member_list(self.kb, self.phrases, e) for e in self.kb.topics()}
        self.selector = Selector(self.kb, lists, lang)
        self.asker = Asker(self.kb, self.wording, self.selector.ranker, self.selector.entry_words)
        self.composer = Composer(self.kb, lang, self.selector.ranker)
        self.decliner = Decliner(self.kb, lang, self.composer, self.selector.ranker)
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
        """The message's one reading (bot.answering.reading), which respond() takes."""
        return self.reader.read(text)

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
        topics = self.composer.askable(topic_ids)
        context = self.composer.askable([context_id] if context_id else [])
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
            return self.composer.help("unknown_person")
        q = self.asker.question(reading, kind, topics, in_context)
        chosen = self.selector.best(q)
        found = (
            self.composer.askable([chosen.lead]) if chosen.passages and not topics and kind else []
        )
        if found:
            # No topic named, but the passages found one: answer as if it had been named, so
            # that the kind picks its text ("miten se käytännössä toimii?").
            topics = found
            q = self.asker.question(reading, kind, topics, False)
            chosen = self.selector.best(q)
        if chosen.passages:
            entry = self.kb.entries[chosen.lead]
            # A responsibility is a label ("EU-yhteistyön vastuuhenkilö"): its holder's text
            # says it in a sentence.
            text = " ".join(
                self.composer.compose(self.kb.entries[p.entry], "person")
                if p.field == "responsibility"
                else p.text
                for p in chosen.passages
            )
            if (
                kind in ("contact", "person")
                and not entry.is_person
                and not self.composer.names_who(text, q)
            ):
                text = self.composer.with_line(
                    text, self.composer.contact_line(self.composer.contacts(entry, q)), q
                )
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
            reply = self.composer.answer(kind or "what", [t.id for t in q.topics], q)
        elif reading.organisations:
            # Nothing fits a question about another organisation: that is why.
            return self.composer.help("other_organisation")
        else:
            return None
        if kind not in ("contact", "person", "members") and reading.who:
            reply = self.composer.with_contacts(reply, q)
        if reading.yes_no and reply.reason == "unsure" and reply.topic:
            # The kind the intent guessed is lacking, but what the topic is may settle the
            # question (a place asked of a body whose text says where it is): then it answers.
            known = self.composer.compose(self.kb.entries[reply.topic], "what")
            if self._verdict(reading, known, reply.topic) is not None:
                reply = replace(reply, text=known, outcome=ANSWERED, reason=None, fields=["what"])
        reply = self.decliner.check(q, reply)
        text = self.composer.once(reply.text)
        entry = self.kb.get(reply.topic) if reply.topic else None
        if reply.outcome == ANSWERED and reading.text and not (entry and entry.is_person):
            text = focus(text, q, self.selector, self.kb.settings.contact_hint, previous)
        text = brackets_once(text)
        if reading.yes_no and reply.outcome == ANSWERED:
            text = self._with_verdict(reading, text, reply.topic)
        return replace(reply, text=text)

    def _verdict(self, reading: Reading, text: str, topic: Optional[str]) -> Optional[bool]:
        """Whether the text's first sentence (or the member list asked about) says yes or no
        to a yes/no question (bot.answering.verdicts); None when it settles nothing."""
        found = verdicts.responsible(
            self.kb,
            self.wording,
            reading.named,
            (reading.asked, reading.unnamed),
            self.lang,
            self._spans,
        )
        # The yes or the no opens an answer about the person asked of, not another text.
        if found is not None and any(
            self.kb.entries[n].is_person and self.kb.entries[n].name in text for n in reading.named
        ):
            return found
        entry = self.kb.get(topic) if topic else None
        first = self.wording.split(text)[0]
        matches = self.selector.matcher.find(first)
        unnamed = self.selector.matcher.blank(first, matches)
        in_sentence = {m.id for m in matches}
        found = verdicts.verdict(
            self.kb,
            self.wording,
            reading.unnamed,
            sorted(reading.regions),
            (first, unnamed),
            entry,
            self.lang,
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

    def _spans(self, text: str) -> Dict[str, Tuple[int, int]]:
        """Where a text names each object (the first time)."""
        spans: Dict[str, Tuple[int, int]] = {}
        for m in self.selector.matcher.find(text):
            spans.setdefault(m.id, (m.start, m.end))
        return spans

    def _with_verdict(self, reading: Reading, text: str, topic: Optional[str]) -> str:
        """A yes/no question's answer opens with "Kyllä." or "Ei." when it settles it."""
        found = self._verdict(reading, text, topic)
        if found is None:
            return text
        return f"{self.phrases.yes if found else self.phrases.no} {text}"

    def answer(self, kind: str, topic_ids: Sequence[str], q: Optional[Question] = None) -> Reply:
        """The kind's composed answer for topics, as a button asks it (Composer.answer)."""
        return self.composer.answer(kind, topic_ids, q)

    def unanswered(self, reading: Reading, kind: Optional[str], reason: str) -> Reply:
        return self.composer.unanswered(reading, kind, reason)

    def help(self, reason: str) -> Reply:
        return self.composer.help(reason)

    def cite(self, reply: Reply) -> Optional[Dict[str, str]]:
        """Where on the council's page the reply's facts are: the section's title, its address,
        and the line that ends the answer ("Lähde: <title>")."""
        entry = self.kb.get(reply.topic) if reply.topic else None
        found = self.kb.source(entry) if entry else None
        if not found:
            return None
        title, url = found
        return {"title": title, "url": url, "line": self.phrases.source.format(title=title)}
