"""The choose step: the passages that answer a Question (bot.answering.asking), ranked by the
question's words (bot.answering.passages) and meaning (bot.answering.semantics).

Every passage's similarity to the question gets priors: a passage of the question's topic or of its
parts (+FAMILY; for a topic in context, also the parts of its tree the question names), of the topic
itself (+OWN), in the field the intent's kind asks for (+KIND; for "who", any text of a body or
person of the family), of an object the question names in part ("sihteeristö", +NAMED), one holding
the detail asked (a figure for "montako", the organisation in "Pohjois-Pohjanmaan liiton rooli", a
cause for "miksi", +DETAIL), and one that shares a word with the question (+SHARES: of passages
alike in meaning, the one that says "ylin"). For "who" (contact, person), a topic that is no
actor (a strategy, a programme) loses +OWN to its bodies, and a body's passage that shares the
question's words answers instead of the contact line ("who monitors it?": the strategy group).
Beyond the topics' family, a passage must be similar on its own (MIN_SIM_OTHER), share two
words, and not be about other objects only. The similarity is
shared words and, for what words miss ("markkinoidaan" and "tunnettavuus"), nearness in meaning
(bot.answering.semantics); but unrelated questions come near some passage in meaning too, so without
a kind from the NLU or a topic in context only shared words count as evidence that a passage answers
at all. A yes/no question ("Onko …?") gets no kind prior: the intents are learnt from wh-questions,
so its kind is a weak guess. The kind is a prior, not a switch: "Kenelle tiimi raportoi?" finds the
sentence about reporting in whatever field staff wrote it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Dict, List, NamedTuple, Optional, Sequence, Set, Tuple

from bot.answering import passages, semantics
from bot.answering.asking import Question
from bot.answering.passages import Passage
from bot.knowledge import KnowledgeBase
from bot.language import organisations, questions
from bot.language.matching import TopicMatcher, Word, word_score

# The fields each kind's composed answer (bot.answering.compose) is made of.
KIND_FIELDS = {
    "what": ("what", "purpose"),
    "purpose": ("purpose",),
    "where": ("where",),
    "when": ("when",),
    "how": ("how",),
    "members": ("members", "member_list"),
    "contact": ("governance",),
    "person": ("what", "responsibility"),
}
# Kinds whose composed answer is their one field as written: its best sentence may lead.
BEST_FIRST = {"purpose", "where", "when", "how"}
# Who does something ("kuka seuraa strategian toteutumista?"): a body or a person of the topic's
# family answers, so their texts count as the field that "who" asks for.
ACTORS = {"body", "team", "person", "role"}
# Priors added to a passage's similarity (cosine, 0-1), set on the development questions
# (tests/visitor_questions_dev.yml); SHARES: the same right and wrong with 0.03, one more wrong
# with 0.05.
FAMILY, OWN, KIN, KIND, NAMED, DETAIL, SHARES = 0.3, 0.05, 0.2, 0.05, 0.1, 0.1, 0.03
# How much of a passage's similarity is nearness in meaning (bot.answering.semantics); the rest is
# shared words (bot.answering.passages). Development questions with one model, right / wrong: 91.9 /
# 5.3 % with 0.3; 86.4 / 7.5 with 0 (words alone), 90.0 / 5.3 with 0.2, 90.3 / 7.2 with 0.4.
MEANING = 0.3
# Least similarity for a passage to answer instead of the kind's composed answer, for a
# question with a topic and for one without (then the whole knowledge base is searched).
MIN_SIM, MIN_SIM_NO_TOPIC = 0.12, 0.5
# Least similarity for a passage beyond the topics' family when the question has topics.
MIN_SIM_OTHER = 0.5
# Words of the question a passage must share to answer instead of the gap of a kind that only
# the intent guessed.
GUESSED_KIND_SHARED = 2
# Another passage of the topics joins the answer when it is this similar, relative to the best.
SECOND = 0.5


class Chosen(NamedTuple):
    """The passages that answer, the one that holds what is asked first (for several things
    asked, in the order asked), and the object of the best one: the conversation's topic after
    the answer."""

    passages: Sequence[Passage] = ()
    lead: Optional[str] = None


class Selector:
    """Ranks the knowledge base's passages for a question and picks the answer's passages."""

    def __init__(self, kb: KnowledgeBase, member_lists: Dict[str, str], lang: str) -> None:
        self.kb = kb
        self.lang = lang
        self._wording = passages.WORDINGS[lang]
        self.matcher = TopicMatcher(kb.alias_table(), self._wording.terms)
        self.ranker = passages.build(kb, member_lists, self._wording, self.matcher.blank)
        self.meanings = semantics.Meanings([p.text for p in self.ranker.passages], lang)
        # The words of each object's names (bot.answering.asking leaves them out of a question).
        self.entry_words = {
            e.id: [w for n in e.names for w in self._wording.terms(n)] for e in kb.topics()
        }
        # Distinctive name words (in at most two objects' names, not short ones like "alue") and
        # the objects they name.
        by_word: Dict[Word, Set[str]] = {}
        for entry_id, name_words in self.entry_words.items():
            for word in filter(self._wording.is_content, name_words):
                by_word.setdefault(word._replace(start=0, end=0), set()).add(entry_id)
        self._name_words = {
            w: ids for w, ids in by_word.items() if len(ids) <= 2 and len(w.form) >= 6
        }
        self._organisations = {
            p: organisations.organisations(p.text, lang) for p in self.ranker.passages
        }
        # The objects each passage names: one that names only others is about those others.
        self._names_in = {p: self._named_in(p.text) for p in self.ranker.passages}
        self._fields = {(p.entry, p.field) for p in self.ranker.passages}
        self._causes = {p: questions.gives_cause(p.text, lang) for p in self.ranker.passages}

    def _named_in(self, text: str) -> Set[str]:
        """The objects a text names."""
        return {m.id for m in self.matcher.find(text)}

    def shares(self, q: Question, text: str) -> int:
        """The question's words a text of an answer shares (bot.answering.focus), with the detail
        asked (a figure for "montako") counting as one."""
        detail = any(questions.gives(d, text, q.reading.others) for d in q.reading.details)
        return self.ranker.shared_in(q.words, text) + detail

    def scores(self, q: Question, texts: Sequence[str]) -> List[float]:
        """Each text's score as ranked for the question (bot.answering.focus); 0 for a composed line
        or a passage that may not answer."""
        named = self._named(q)
        ranked = {p.text: score for p, score, _ in self._rank(q, self._family(q, named), named)}
        return [ranked.get(text, 0.0) for text in texts]

    def _family(self, q: Question, named: Set[str]) -> Dict[str, float]:
        """The prior of every object related to the topics: the topics themselves (FAMILY +
        OWN), their parts and parts of parts (FAMILY), and for a topic in context the rest of
        its tree where the question names it (KIN): after Euregio Karelia's board, "entä
        sihteeristö?" means Euregio Karelia's secretariat, while "kuka sitä johtaa?" still
        asks about the board. A collection's members are kin too: "jokin verkosto, johon voi
        tulla mukaan" may mean one of the networks."""
        family: Dict[str, float] = {}
        roots = [self.kb.root(e) for e in q.topics] if q.in_context else []
        for start, prior in ((roots, KIN), (q.topics, FAMILY)):
            frontier = list(start)
            while frontier:
                family.update((e.id, prior) for e in frontier if prior != KIN or e.id in named)
                frontier = [c for e in frontier for c in self.kb.children(e)]
        family.update(
            (m.id, family.get(m.id, KIN))
            for e in q.topics
            if e.type == "collection"
            for m in self.kb.member_entries(e)
        )
        family.update((e.id, FAMILY + OWN) for e in q.topics)
        return family

    def _has(self, entry_id: str, kind: str) -> bool:
        """Whether an object has a text for the kind of question."""
        return any((entry_id, f) in self._fields for f in KIND_FIELDS[kind])

    def _named(self, q: Question) -> Set[str]:
        """Objects that a word of the question names in part ("sihteeristö", "hallituksessa")."""
        return {
            entry_id
            for word in q.words
            for name_word, ids in self._name_words.items()
            if word_score(name_word, word)
            for entry_id in ids
        }

    def _rank(
        self, q: Question, family: Dict[str, float], named: Set[str]
    ) -> List[Tuple[Passage, float, float]]:
        """(passage, score, evidence) of every passage that may answer, best first: the score
        ranks, the evidence (similarity) decides whether it answers at all."""
        own = {t.id for t in q.topics}
        own_fields = KIND_FIELDS.get(q.kind or "", ())
        ranked = []
        lexical = self.ranker.similarities(" ".join(w.form for w in q.words))
        for (passage, shared), near in zip(lexical, q.reading.near):
            sim = (1 - MEANING) * shared + MEANING * near
            # Unrelated questions come near some passage in meaning too: without a kind from
            # the NLU or a topic in context, only shared words show that a passage answers.
            evidence = sim if q.kind or q.in_context else shared
            if (
                q.topics
                and not (passage.entry in family or passage.entry in named)
                and not self._stands_alone(q, passage, evidence, own)
            ):
                continue
            if passage.field == "member_list" and (
                q.kind not in (None, "members") or passage.entry not in own
            ):
                continue  # a list of members answers only "who belongs to it"
            if passage.field == "responsibility" and q.reading.why:
                continue  # a post's responsibility tells who, never why
            prior = NAMED if passage.entry in named else 0.0
            prior += family.get(passage.entry, 0.0)
            if not q.reading.yes_no and (
                passage.entry in own
                and passage.field in own_fields
                or (
                    q.kind in ("contact", "person")
                    and passage.entry in family
                    and self.kb.entries[passage.entry].type in ACTORS
                )
            ):
                prior += KIND
            elif (
                q.kind in ("contact", "person")
                and passage.entry in own
                and self.kb.entries[passage.entry].type not in ACTORS
            ):
                prior -= OWN  # a strategy or programme is no one to ask: its actors are
            if (
                any(questions.gives(d, passage.text, q.reading.others) for d in q.reading.details)
                or q.reading.organisations & self._organisations[passage]
                or q.reading.why
                and self._causes[passage]
            ):
                prior += DETAIL
            if self.ranker.shared_words(q.words, passage):
                prior += SHARES
            ranked.append((passage, sim + prior, evidence))
        return sorted(ranked, key=lambda r: -r[1])

    def _cause(self, q: Question) -> Chosen:
        """A bare "miksi?" about the topic: the family's passage that states a cause, the
        topic's own first."""
        family = self._family(q, set())
        causes = [p for p in self.ranker.passages if p.entry in family and self._causes[p]]
        best = max(causes, key=lambda p: family[p.entry], default=None)
        return Chosen([best], best.entry) if best else Chosen()

    def _stands_alone(self, q: Question, passage: Passage, sim: float, own: Set[str]) -> bool:
        """Whether a passage beyond the topics may answer: similar on its own, sharing two
        words, and not about other objects only."""
        names = self._names_in[passage]
        return (
            sim >= MIN_SIM_OTHER
            and self.ranker.shared_words(q.words, passage) >= 2
            and (not names or bool(names & own))
        )

    def best(self, q: Question) -> Chosen:
        """The passages that answer the question: for each thing it asks, the best passage
        first, then the rest of its field as staff wrote it, and passages of the family nearly
        as similar. None when the kind's composed answer fits better or no passage
        shares enough words."""
        if len(q.clauses) < 2:
            return self._best(q, composed=True)
        chosen: Dict[str, Passage] = {}
        lead = None
        for clause in q.clauses:
            # A clause that only names the topic ("What does the secretariat do, and where is
            # it?") asks what it is.
            found = (
                self._best(replace(q, words=clause), composed=False) if clause else self._what(q)
            )
            lead = lead or found.lead
            for passage in found.passages:
                chosen.setdefault(passage.text, passage)
        return Chosen(list(chosen.values()), lead)

    def _what(self, q: Question) -> Chosen:
        """What the first topic is: its own text of what it is."""
        topic = q.topics[0].id if q.topics else None
        found = [p for p in self.ranker.passages if (p.entry, p.field) == (topic, "what")]
        return Chosen(found, topic) if found else Chosen()

    def _best(self, q: Question, composed: bool) -> Chosen:
        """`composed`: none when the best passage is in the kind's own field, for the kind's
        composed answer; else that field's passages."""
        if not q.words:
            return self._cause(q) if q.reading.why else Chosen()
        named = self._named(q)
        family = self._family(q, named)
        ranked = self._rank(q, family, named)
        if not ranked:
            return Chosen()
        best, _, best_sim = ranked[0]
        # A passage of the family that holds the detail asked ("who directs it?": "led by the
        # board's chair") answers though it shares no word with the question.
        holds_detail = best.entry in family and any(
            questions.gives(d, best.text, q.reading.others) for d in q.reading.details
        )
        if best_sim < (MIN_SIM if q.topics else MIN_SIM_NO_TOPIC) and not holds_detail:
            return Chosen()
        if not q.topics and not self.ranker.shared_words(q.words, best):
            # A question naming no topic is answered only by a passage that shares one of its
            # words: "Kuka voitti jääkiekon MM-kisat vuonna 2019?" is only worded like one.
            return Chosen()
        if (
            composed
            and q.kind
            and q.topics
            and best.entry == q.topics[0].id
            and (
                best.field in KIND_FIELDS[q.kind]
                or (
                    not self._has(best.entry, q.kind)
                    and best_sim < MIN_SIM_OTHER
                    # A kind only the intent guessed ("Mistä … muodostuvat?" read as where)
                    # has no gap to own up to: a passage that shares the question's words
                    # answers.
                    and (
                        q.kind in q.reading.kinds
                        or self.ranker.shared_words(q.words, best) < GUESSED_KIND_SHARED
                    )
                    and not (q.reading.why and self._causes[best])
                    # "who monitors it?" of a group: what the group does says who
                    and not (q.kind == "contact" and self.kb.entries[best.entry].type in ACTORS)
                )
            )
        ):
            if (
                q.kind in BEST_FIRST
                and best.field in KIND_FIELDS[q.kind]
                and (q.kind in q.reading.kinds or self.ranker.shared_words(q.words, best))
            ):
                # The kind's own text, with the sentence that answers first when the
                # question's words ask for the kind or share a word with it: "Mikä on
                # yhteistyön tavoite?" opens with "Tavoitteena on …", "Milloin X
                # keskeytyi?" with when it stopped, not with its history.
                return Chosen(self._field_from(best), best.entry)
            return Chosen()  # the kind's composed answer, or its honest gap
        chosen = {p.text: p for p in self._field_from(best)}
        for passage, _, sim in ranked[1:4]:
            if passage.field == "responsibility" and not q.reading.who:
                continue  # whom to ask joins an answer only when a person is asked for
            if (passage.entry == best.entry or passage.entry in family) and sim >= max(
                SECOND * best_sim, MIN_SIM
            ):
                chosen.setdefault(passage.text, passage)
        rest = sorted(chosen.values(), key=self.ranker.passages.index)
        return Chosen([best, *(p for p in rest if p is not best)], best.entry)

    def _field_from(self, best: Passage) -> List[Passage]:
        """The passage, then the rest of its field in the order staff wrote it."""
        field = [p for p in self.ranker.passages if (p.entry, p.field) == (best.entry, best.field)]
        return [best, *(p for p in field if p is not best)]
