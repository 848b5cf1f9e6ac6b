"""The knowledge base: loads and validates `data/knowledge/*.yml`.

Every fact the bot states comes from these files. Errors name the file, the object and the field
in Finnish, because the people who edit the files are the council's staff. Every object has its
English names and texts in an `en:` block: the same facts, field by field; a Finnish text with
no English counterpart (or the reverse) is an error, so the two languages cannot drift apart.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

import yaml

from bot.paths import KNOWLEDGE_DIR, ROOT

DEFAULT_DIR = ROOT / KNOWLEDGE_DIR

# Free-text fields, one per kind of question (see bot.answering.compose).
TEXT_FIELDS = ("what", "purpose", "where", "when", "how", "governance", "responsibility")
PEOPLE_TYPES = {"person", "role"}
TYPES = {"overview", "topic", "network", "body", "programme", "team", "collection", "region"}
TYPES |= PEOPLE_TYPES
ALLOWED_FIELDS = {
    "id",
    "type",
    "name",
    "short_name",
    "aliases",
    "title",
    "deputy",
    "part_of",
    "of",
    "members",
    "contacts",
    "source",
    "country",
    *TEXT_FIELDS,
    "kysymyksia",
    "en",
}
MEMBER_FIELDS = {"intro", "label", "ids"}
SETTINGS_FIELDS = {
    "default_contacts",
    "contact_hint",
    "suggested_topics",
    "page_url",
    "sections",
    "reviewed_sections",
    "en",
}
# The page the answers cite: an absolute http(s) address, or a path on the bot's own server.
PAGE_URL_PATTERN = re.compile(r"^(https?://[^\s]+|/[^\s]*)$")
ANCHOR_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# The default language's texts are the object's own fields; the others' are in a block each.
LANGUAGES = ("fi", "en")
# What an English block holds: every text a visitor may read, and the names they may write.
TRANSLATED_FIELDS = ("name", "short_name", "title", *TEXT_FIELDS)
TRANSLATION_FIELDS = {*TRANSLATED_FIELDS, "aliases", "members", "kysymyksia"}
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# A region's country (ISO 3166 code), for "Mitkä Norjan alueet kuuluvat …?"
# (bot.language.questions).
COUNTRIES = ("fi", "se", "no", "ru")


class KnowledgeBaseError(ValueError):
    """A knowledge-base file is broken; the message says where."""


@dataclass(frozen=True)
class Members:
    """Who or what belongs to an object: an intro sentence and/or a labelled list of ids."""

    intro: str = ""
    label: str = ""
    ids: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One knowledge-base object: a network, body, programme, person, region..."""

    id: str
    type: str
    name: str
    file: str
    short_name: str = ""
    aliases: Tuple[str, ...] = ()
    title: str = ""
    deputy: bool = False
    part_of: str = ""
    of: str = ""
    members: Optional[Members] = None
    contacts: Tuple[str, ...] = ()
    source: str = ""  # the anchor of the page's section that the facts come from
    country: str = ""  # a region's
    texts: Dict[str, str] = field(default_factory=dict)
    # Questions visitors ask that a field answers, in staff's words (`kysymyksia:`): matched
    # against a question as well as the field's own text.
    questions: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    translations: Dict[str, "Entry"] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """A short name for buttons and lists."""
        return self.short_name or self.name

    @property
    def names(self) -> List[str]:
        """Every way visitors may write this object's name."""
        return list(dict.fromkeys(n for n in (self.name, self.short_name, *self.aliases) if n))

    @property
    def all_names(self) -> List[str]:
        """Its names in every language."""
        return list(
            dict.fromkeys(self.names + [n for t in self.translations.values() for n in t.names])
        )

    @property
    def fields(self) -> List[str]:
        """The fields that answer questions: its texts, and its member list."""
        return [*self.texts, *(["members"] if self.members else [])]

    @property
    def is_person(self) -> bool:
        return self.type in PEOPLE_TYPES

    def text(self, kind: str) -> str:
        return self.texts.get(kind, "")


@dataclass(frozen=True)
class Settings:
    default_contacts: Tuple[str, ...]
    contact_hint: str
    suggested_topics: Tuple[str, ...]
    page_url: str = ""
    sections: Dict[str, str] = field(default_factory=dict)  # anchor -> title
    # anchor -> hash of the section's text as staff last reviewed it (`make check-page`)
    reviewed_sections: Dict[str, str] = field(default_factory=dict)
    translations: Dict[str, "Settings"] = field(default_factory=dict)


class KnowledgeBase:
    """All objects by id, plus the answer settings."""

    def __init__(self, entries: Dict[str, Entry], settings: Settings) -> None:
        self.entries = entries
        self.settings = settings

    def in_language(self, lang: str) -> KnowledgeBase:
        """The same objects with their names and texts in another language."""
        if lang == LANGUAGES[0]:
            return self
        return KnowledgeBase(
            {i: e.translations[lang] for i, e in self.entries.items()},
            self.settings.translations[lang],
        )

    def get(self, entry_id: str) -> Optional[Entry]:
        return self.entries.get(entry_id)

    def topics(self) -> List[Entry]:
        """Objects a visitor can ask about (regions are only referred to)."""
        return [e for e in self.entries.values() if e.type != "region"]

    def source(self, entry: Entry) -> Optional[Tuple[str, str]]:
        """The (title, address) of the page section an object's facts come from."""
        if not entry.source:
            return None
        return self.settings.sections[entry.source], f"{self.settings.page_url}#{entry.source}"

    def model_view(self) -> Dict[str, Any]:
        """What a trained model holds of the knowledge base: names, never texts, so that a text
        edit needs no retraining (bot.nlu.topics.TopicExtractor)."""
        return {
            "names": self.alias_table(all_languages=True),
            "groups": self.topic_groups(),
            "places": {e.id: e.all_names for e in self.entries.values() if e.type == "region"},
        }

    def children(self, entry: Entry) -> List[Entry]:
        return [e for e in self.entries.values() if e.part_of == entry.id]

    def member_entries(self, entry: Entry) -> List[Entry]:
        """Listed members: explicit ids, or every object of the collection's type."""
        if entry.type == "collection":
            return [e for e in self.entries.values() if e.type == entry.of]
        return [self.entries[i] for i in entry.members.ids] if entry.members else []

    def ancestors(self, entry: Entry) -> List[Entry]:
        """The objects an object is part of, nearest first (part_of, its part_of, ...)."""
        chain = []
        while entry.part_of:
            entry = self.entries[entry.part_of]
            chain.append(entry)
        return chain

    def root(self, entry: Entry) -> Entry:
        """The object that an object is, in the end, a part of (itself when it is no part)."""
        return [entry, *self.ancestors(entry)][-1]

    def within(self, entry: Entry, whole: Entry) -> bool:
        """Whether an object is a part (or a part of a part) or a listed member of another."""
        return whole in self.ancestors(entry) or entry in self.member_entries(whole)

    def contacts_for(self, entry: Entry) -> List[Entry]:
        """The object's own contacts, else its parent's, else the default contacts."""
        for current in (entry, *self.ancestors(entry)):
            if current.is_person:
                return [current]
            if current.contacts:
                return [self.entries[i] for i in current.contacts]
        return [self.entries[i] for i in self.settings.default_contacts]

    def example_questions(self) -> List[str]:
        """Staff's example questions of every object, in every language."""
        return [
            q
            for e in self.entries.values()
            for version in (e, *e.translations.values())
            for asked in version.questions.values()
            for q in asked
        ]

    def person_names(self) -> List[str]:
        """The names of the people (not roles) the knowledge base has."""
        return [e.name for e in self.entries.values() if e.type == "person"]

    def alias_table(self, all_languages: bool = False) -> Dict[str, List[str]]:
        """Every askable object's id with its names; with `all_languages`, in every language
        (for the NLU's topic matcher: a Finnish question may say "EU office")."""
        return {e.id: e.all_names if all_languages else e.names for e in self.topics()}

    def topic_groups(self) -> Dict[str, str]:
        """Every askable object's id with its group (person, collection or topic): questions
        about people and about lists are phrased differently from questions about a topic."""
        return {
            e.id: "person" if e.is_person else "collection" if e.type == "collection" else "topic"
            for e in self.topics()
        }


def _fail(file: str, obj: str, fld: str, message: str) -> KnowledgeBaseError:
    where = f"{file}, objekti '{obj}'" if obj else file
    return KnowledgeBaseError(f"{where}, kenttä '{fld}': {message}")


def _text(raw: Dict[str, Any], key: str, file: str, obj: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise _fail(file, obj, key, "arvon pitää olla tekstiä")
    return " ".join(value.split())


def _id_list(raw: Dict[str, Any], key: str, file: str, obj: str) -> Tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(file, obj, key, "arvon pitää olla lista, esimerkiksi [kainuu, lappi]")
    return tuple(value)


def _parse_entry(raw: Any, file: str, index: int) -> Entry:
    if not isinstance(raw, dict):
        raise _fail(file, f"#{index + 1}", "-", "objektin pitää olla avain–arvo-luettelo")
    obj = str(raw.get("id", f"#{index + 1}"))
    unknown = sorted(set(raw) - ALLOWED_FIELDS)
    if unknown:
        raise _fail(file, obj, unknown[0], "tuntematon kenttä (kirjoitusvirhe?)")
    if not ID_PATTERN.match(obj):
        raise _fail(
            file,
            obj,
            "id",
            "tunnisteessa saa olla vain pieniä kirjaimia a–z, numeroita ja alaviivoja",
        )
    kind = raw.get("type")
    if kind not in TYPES:
        raise _fail(
            file, obj, "type", f"tyypin pitää olla jokin näistä: {', '.join(sorted(TYPES))}"
        )
    name = _text(raw, "name", file, obj)
    if not name:
        raise _fail(file, obj, "name", "nimi puuttuu")
    texts = {k: _text(raw, k, file, obj) for k in TEXT_FIELDS if raw.get(k)}
    if kind != "region" and not texts.get("what"):
        raise _fail(file, obj, "what", "kuvaus puuttuu")
    if kind != "region" and not raw.get("source"):
        raise _fail(
            file,
            obj,
            "source",
            "lähde puuttuu: sivun osion tunniste (ankkuri), esimerkiksi barents-yhteistyo",
        )
    if kind in PEOPLE_TYPES:
        for required in ("title", "responsibility"):
            if not raw.get(required):
                raise _fail(file, obj, required, "henkilöltä tai roolilta puuttuu tämä tieto")
    if kind == "collection" and raw.get("of") not in TYPES:
        raise _fail(file, obj, "of", "kokoelman pitää kertoa, minkä tyyppisiä objekteja se listaa")
    if raw.get("country", "") not in ("", *COUNTRIES):
        raise _fail(file, obj, "country", f"maan pitää olla jokin näistä: {', '.join(COUNTRIES)}")
    members = None
    if "members" in raw:
        m = raw["members"]
        if not isinstance(m, dict) or set(m) - MEMBER_FIELDS:
            raise _fail(file, obj, "members", "sallitut alakentät ovat intro, label ja ids")
        members = Members(
            intro=_text(m, "intro", file, obj),
            label=_text(m, "label", file, obj),
            ids=_id_list(m, "ids", file, obj),
        )
        if members.ids and not members.label:
            raise _fail(file, obj, "members.label", "jäsenlistalta puuttuu otsikko")
    aliases = _id_list(raw, "aliases", file, obj)
    entry = Entry(
        id=obj,
        type=kind,
        name=name,
        file=file,
        short_name=_text(raw, "short_name", file, obj),
        aliases=tuple(" ".join(a.split()) for a in aliases),
        title=_text(raw, "title", file, obj),
        deputy=bool(raw.get("deputy", False)),
        part_of=_text(raw, "part_of", file, obj),
        of=str(raw.get("of", "")),
        members=members,
        contacts=_id_list(raw, "contacts", file, obj),
        source=_text(raw, "source", file, obj),
        country=raw.get("country", ""),
        texts=texts,
    )
    entry = replace(entry, questions=_questions(raw, entry, file))
    return replace(
        entry, translations={lang: _translation(raw, entry, lang) for lang in LANGUAGES[1:]}
    )


def _translated(entry: Entry) -> Dict[str, str]:
    """The texts of an object that need a counterpart in every language, by field name."""
    texts = {f: getattr(entry, f) for f in ("name", "short_name", "title")}
    texts.update(entry.texts)
    if entry.members:
        texts.update({"members.intro": entry.members.intro, "members.label": entry.members.label})
    return {f: t for f, t in texts.items() if t}


def _translation(raw: Dict[str, Any], entry: Entry, lang: str) -> Entry:
    """The object in another language: its block's names and texts, the same facts."""
    file, obj = entry.file, entry.id
    block = raw.get(lang)
    if not isinstance(block, dict):
        raise _fail(
            file,
            obj,
            lang,
            f"englanninkieliset nimet ja tekstit puuttuvat (lisää objektille {lang}-osa)",
        )
    unknown = sorted(set(block) - TRANSLATION_FIELDS)
    if unknown:
        raise _fail(file, obj, f"{lang}.{unknown[0]}", "tuntematon kenttä (kirjoitusvirhe?)")
    members = block.get("members") or {}
    if not isinstance(members, dict) or set(members) - {"intro", "label"}:
        raise _fail(file, obj, f"{lang}.members", "sallitut alakentät ovat intro ja label")
    texts = {f: _text(block, f, file, obj) for f in TRANSLATED_FIELDS}
    texts.update({f"members.{f}": _text(members, f, file, obj) for f in ("intro", "label")})
    finnish = _translated(entry)
    for fld, text in texts.items():
        if fld in finnish and not text:
            raise _fail(file, obj, f"{lang}.{fld}", "englanninkielinen vastine puuttuu")
        if text and fld not in finnish:
            raise _fail(
                file,
                obj,
                f"{lang}.{fld}",
                f"suomenkielinen teksti puuttuu (kenttä {fld}): lisää se tai poista tämä",
            )
    return replace(
        entry,
        name=texts["name"],
        short_name=texts["short_name"],
        title=texts["title"],
        aliases=tuple(" ".join(a.split()) for a in _id_list(block, "aliases", file, obj)),
        members=entry.members
        and replace(entry.members, intro=texts["members.intro"], label=texts["members.label"]),
        texts={f: texts[f] for f in entry.texts},
        questions=_questions(block, entry, file, f"{lang}."),
    )


def _questions(
    raw: Dict[str, Any], entry: Entry, file: str, prefix: str = ""
) -> Dict[str, Tuple[str, ...]]:
    """The example questions of an object's fields: `kysymyksia:` maps a field the object has
    to a list of questions."""
    value = raw.get("kysymyksia")
    key = f"{prefix}kysymyksia"
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(file, entry.id, key, "anna kentän nimi ja sen alle lista kysymyksiä")
    fields = set(entry.fields)
    for fld, asked in value.items():
        if fld not in fields:
            raise _fail(
                file,
                entry.id,
                f"{key}.{fld}",
                f"objektilla ei ole tätä kenttää (kentät: {', '.join(sorted(fields))})",
            )
        if not isinstance(asked, list) or not all(isinstance(a, str) and a.strip() for a in asked):
            raise _fail(file, entry.id, f"{key}.{fld}", "arvon pitää olla lista kysymyksiä")
    return {fld: tuple(" ".join(a.split()) for a in asked) for fld, asked in value.items()}


def _parse_settings(raw: Any, file: str) -> Settings:
    if not isinstance(raw, dict) or set(raw) - SETTINGS_FIELDS:
        raise _fail(file, "settings", "-", f"sallitut kentät: {', '.join(sorted(SETTINGS_FIELDS))}")
    settings = Settings(
        default_contacts=_id_list(raw, "default_contacts", file, "settings"),
        contact_hint=_text(raw, "contact_hint", file, "settings"),
        suggested_topics=_id_list(raw, "suggested_topics", file, "settings"),
        page_url=_text(raw, "page_url", file, "settings"),
        sections=_sections(raw, file),
        reviewed_sections=_reviewed(raw, file),
    )
    if not PAGE_URL_PATTERN.match(settings.page_url):
        raise _fail(
            file,
            "settings",
            "page_url",
            "sivun osoitteen pitää alkaa https:// (tai http://), tai olla botin oma polku /…",
        )
    translations = {}
    for lang in LANGUAGES[1:]:
        block = raw.get(lang) or {}
        hint = _text(block, "contact_hint", file, "settings") if isinstance(block, dict) else ""
        if settings.contact_hint and not hint:
            raise _fail(
                file, "settings", f"{lang}.contact_hint", "englanninkielinen vastine puuttuu"
            )
        translations[lang] = replace(settings, contact_hint=hint)
    return replace(settings, translations=translations)


def _sections(raw: Dict[str, Any], file: str) -> Dict[str, str]:
    sections = raw.get("sections") or {}
    if not isinstance(sections, dict):
        raise _fail(file, "settings", "sections", "anna osiot muodossa tunniste: otsikko")
    for anchor, title in sections.items():
        if not isinstance(anchor, str) or not ANCHOR_PATTERN.match(anchor):
            raise _fail(
                file,
                "settings",
                "sections",
                f"osion tunnisteessa '{anchor}' saa olla "
                "vain pieniä kirjaimia a–z, numeroita ja "
                "viivoja",
            )
        if not isinstance(title, str) or not title.strip():
            raise _fail(file, "settings", f"sections.{anchor}", "osion otsikko puuttuu")
    return {anchor: " ".join(title.split()) for anchor, title in sections.items()}


def _reviewed(raw: Dict[str, Any], file: str) -> Dict[str, str]:
    """Written by `make check-page ACCEPT=1`: a section's anchor and its text's hash."""
    reviewed = raw.get("reviewed_sections") or {}
    sections = raw.get("sections") or {}
    if not isinstance(reviewed, dict) or not all(
        anchor in sections and isinstance(digest, str) for anchor, digest in reviewed.items()
    ):
        raise _fail(
            file,
            "settings",
            "reviewed_sections",
            "kenttää ylläpitää make check-page ACCEPT=1; poista se ja aja komento uudelleen",
        )
    return dict(reviewed)


def _check_references(entries: Dict[str, Entry], settings: Settings, settings_source: str) -> None:
    def need(ref: str, entry_source: str, obj: str, fld: str, people: bool = False) -> None:
        target = entries.get(ref)
        if target is None:
            raise _fail(entry_source, obj, fld, f"viittaus tuntemattomaan objektiin '{ref}'")
        if people and not target.is_person:
            raise _fail(entry_source, obj, fld, f"'{ref}' ei ole henkilö tai rooli")

    for e in entries.values():
        for ref in e.contacts:
            need(ref, e.file, e.id, "contacts", people=True)
        for ref in e.members.ids if e.members else ():
            need(ref, e.file, e.id, "members.ids")
        if e.part_of:
            need(e.part_of, e.file, e.id, "part_of")
        if e.source and e.source not in settings.sections:
            raise _fail(
                e.file,
                e.id,
                "source",
                f"sivun osiota '{e.source}' ei ole asetusten kohdassa sections",
            )
    for ref in settings.default_contacts:
        need(ref, settings_source, "settings", "default_contacts", people=True)
    for ref in settings.suggested_topics:
        need(ref, settings_source, "settings", "suggested_topics")
    if not settings.default_contacts:
        raise _fail(settings_source, "settings", "default_contacts", "oletusyhteyshenkilö puuttuu")


def _check_unique_names(entries: Iterable[Entry]) -> None:
    seen: Dict[str, Entry] = {}
    for e in entries:
        if e.type == "region":
            continue
        for alias in {a.casefold() for a in e.all_names}:
            other = seen.setdefault(alias, e)
            if other is not e:
                raise _fail(
                    e.file,
                    e.id,
                    "aliases",
                    f"nimi '{alias}' on jo objektilla '{other.id}' ({other.file})",
                )


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def knowledge_dir() -> Path:
    """Where the knowledge base is: $KNOWLEDGE_DIR, or data/knowledge."""
    return Path(os.environ.get("KNOWLEDGE_DIR") or DEFAULT_DIR)


def load(directory: Optional[Path] = None) -> KnowledgeBase:
    """Load and validate every `*.yml` file in `directory` (by default $KNOWLEDGE_DIR, or
    data/knowledge).

    Raises:
        KnowledgeBaseError: a file is unreadable or an object, field or reference is wrong.
    """
    directory = Path(directory or knowledge_dir())
    files = sorted(directory.glob("*.yml"))
    if not files:
        raise KnowledgeBaseError(f"{directory}: tietokannan tiedostoja (*.yml) ei löytynyt")
    entries: Dict[str, Entry] = {}
    settings: Optional[Settings] = None
    settings_source = ""
    for path in files:
        file = _display_path(path)
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise KnowledgeBaseError(f"{file}: tiedosto ei ole kelvollista YAMLia: {exc}") from exc
        if not isinstance(doc, dict) or set(doc) - {"objects", "settings"}:
            raise KnowledgeBaseError(
                f"{file}: tiedostossa saa olla vain avaimet 'objects' ja 'settings'"
            )
        if "settings" in doc:
            if settings is not None:
                raise _fail(file, "", "settings", f"asetukset on jo tiedostossa {settings_source}")
            settings, settings_source = _parse_settings(doc["settings"], file), file
        raw_objects = doc.get("objects", [])
        if not isinstance(raw_objects, list):
            raise _fail(file, "", "objects", "arvon pitää olla lista objekteja")
        for index, raw in enumerate(raw_objects):
            entry = _parse_entry(raw, file, index)
            if entry.id in entries:
                raise _fail(
                    file,
                    entry.id,
                    "id",
                    f"sama tunniste on jo tiedostossa {entries[entry.id].file}",
                )
            entries[entry.id] = entry
    if settings is None:
        raise KnowledgeBaseError(f"{directory}: mistään tiedostosta ei löytynyt 'settings'-osaa")
    _check_references(entries, settings, settings_source)
    _check_unique_names(entries.values())
    return KnowledgeBase(entries, settings)
