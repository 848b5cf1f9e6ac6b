"""`make check` (also part of `make test`): the knowledge base loads (schema, references between
objects, no name or alias used by two objects, an English text for every Finnish one) and every
name and alias of every object, in either language, leads the NLU's topic matcher to that
object in a sentence, and every page section that answers cite is on the demo page (the copy of
the council's page that the bot serves). `rasa data validate` runs beside it.

    python -m staff.check"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List

from bot import knowledge
from bot.language.matching import TopicMatcher
from staff.check_page import DEMO_PAGE, sections

# Sentences a visitor might write around a name, in the name's base form, in each language.
SENTENCES = {
    "fi": ["Mitä tiedät aiheesta {name}?", "Kerro lisää: {name}"],
    "en": ["What do you know about {name}?", "Tell me more: {name}"],
}


def unresolved_names(kb: knowledge.KnowledgeBase) -> List[str]:
    """Every (object, name) whose sentence does not lead to exactly that object."""
    matcher = TopicMatcher(kb.alias_table(all_languages=True))
    problems = []
    for lang, templates in SENTENCES.items():
        problems += _unresolved(matcher, kb.in_language(lang).alias_table(), templates)
    return problems


def _unresolved(matcher: TopicMatcher, names_by_id, templates: List[str]) -> List[str]:
    problems = []
    for entry_id, names in names_by_id.items():
        for name in names:
            for sentence in (template.format(name=name) for template in templates):
                found = [m.id for m in matcher.find(sentence)]
                if found != [entry_id]:
                    problems.append(
                        f"objektin '{entry_id}' nimi '{name}' johtaa lauseessa "
                        f'"{sentence}" kohteisiin {found or "ei mihinkään"}'
                    )
                    break
    return problems


def missing_anchors(kb: knowledge.KnowledgeBase, page: Path = DEMO_PAGE) -> List[str]:
    """The sections in the settings whose anchor the page does not have."""
    found = sections(page.read_text(encoding="utf-8"), kb.settings.sections).texts
    return [
        f"sivulla {page.name} ei ole osiota, jonka tunniste on '{anchor}' (asetusten sections)"
        for anchor in kb.settings.sections
        if anchor not in found
    ]


def main() -> int:
    try:
        kb = knowledge.load()
    except knowledge.KnowledgeBaseError as error:
        print(f"Virhe: {error}", file=sys.stderr)
        return 1
    problems = unresolved_names(kb) + missing_anchors(kb)
    for problem in problems:
        print(f"Virhe: {problem}", file=sys.stderr)
    if not problems:
        names = sum(len(n) for n in kb.alias_table(all_languages=True).values())
        print(f"Tietopankki kunnossa: {len(kb.entries)} objektia, {names} nimeä löytyy.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
