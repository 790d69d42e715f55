"""Turn a parsed article into entities and typed facts. Pure functions, no database.

Rule-based on purpose: encyclopedic prose is regular ("X stated on D that Y had captured Z"),
the rules are inspectable, and every fact keeps the sentence it came from. Subjects and
values are written for question templates ("When did {subject}?", "How many {subject}?",
"Who {subject}?"), so each rule aims for a clean clause rather than maximal recall.
"""

import calendar
import datetime
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from learning.content.parsing import (
    YEAR_PATTERN,
    ParsedArticle,
    ParsedSentence,
    clean_text,
    find_dates,
    find_quantities,
    format_date_range,
    format_number,
    sha256,
)

PERSON, PLACE, ORGANISATION, OPERATION = "person", "place", "organisation", "operation"
EVENT, QUANTITY, ROLE, PLACE_FACT, ATTRIBUTE, RELATION = (
    "event",
    "quantity",
    "role",
    "place",
    "attribute",
    "relation",
)


@dataclass(frozen=True)
class ExtractedEntity:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExtractedFact:
    kind: str
    subject: str
    value: str
    # Provenance: the sentence's text hash, or the infobox field (one of the two).
    sentence_hash: str = ""
    infobox_field: str = ""
    source_text: str = ""
    date: datetime.date | None = None
    date_end: datetime.date | None = None
    date_precision: str = ""
    number: Decimal | None = None
    number_max: Decimal | None = None
    unit: str = ""
    qualifier: str = ""
    entity_name: str = ""
    role: str = ""
    side: str = ""

    @property
    def key(self) -> str:
        anchor = self.sentence_hash or f"infobox:{self.infobox_field}"
        return sha256(text="\n".join([self.kind, anchor, self.subject, self.value]))


@dataclass(frozen=True)
class Extraction:
    entities: list[ExtractedEntity]
    facts: list[ExtractedFact]


def extract(*, article: ParsedArticle) -> Extraction:
    entities = _find_entities(article=article)
    sides = _Sides.from_infobox(infobox=article.infobox, entities=entities)
    facts = [
        *_infobox_facts(article=article, entities=entities, sides=sides),
        *_sentence_facts(article=article, entities=entities, sides=sides),
    ]
    facts = [_linked(fact, entities=entities) for fact in facts]
    unique = {fact.key: fact for fact in reversed(facts)}
    return Extraction(
        entities=entities.export(),
        facts=sorted(unique.values(), key=facts.index),
    )


def _linked(fact: ExtractedFact, *, entities: "_Entities") -> ExtractedFact:
    """Point the fact at its entity's canonical name (or at none, when the name is unknown)."""
    if not fact.entity_name or fact.entity_name in {e.name for e in entities.items}:
        return fact
    entity = entities.find(name=fact.entity_name)
    return replace(fact, entity_name=entity.name if entity else "")


# --- Names -------------------------------------------------------------------------------

# Spellings of the same name differ in case, accents, apostrophes, hyphens, the article
# prefix and vowels (Abdel Emir / Abdul Amir, Walid / Waleed, Al-Qa'im / al-Qaim).
_NAME_PARTICLES = {"al", "el", "the", "ad", "ash", "as", "at", "az", "ez", "ar", "an"}
_VOWEL_FOLDS = [("ee", "i"), ("oo", "u"), ("ou", "u"), ("aw", "o"), ("ow", "o"), ("ae", "a")]
_GENERIC_TAILS = {"units", "forces", "force", "governorate", "governorates", "province"}
_ACRONYM_SKIP = {"of", "the", "and", "for", "in", "on", "de"}


def name_key(*, name: str, kind: str = "") -> str:
    """A key equal for spelling variants of one name."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    text = re.sub(r"\s*\((?:\d{4}[–-]?\d{0,4}|[^)]*)\)", "", text)  # "(2016)", "(PMU)"
    text = re.sub(r"['’ʿʾ`]", "", text)
    text = re.sub(r"[-–—.]", " ", text)
    tokens = [token for token in text.split() if token not in _NAME_PARTICLES]
    tokens = [re.sub(r"^abd(?:ul|el|al)$", "abd", token) for token in tokens]
    if len(tokens) >= 2 and tokens[-1] in _GENERIC_TAILS:
        tokens = tokens[:-1]
    folded = []
    for token in tokens:
        for old, new in _VOWEL_FOLDS:
            token = token.replace(old, new)
        token = re.sub(r"(\w)\1", r"\1", token)
        token = re.sub(r"(?<=[aeiou])h$", "", token)
        if kind == PERSON and len(token) > 2:
            # Person names are transliterated freely: keep the consonant skeleton.
            token = re.sub(r"(?<=.)[aeiouy]|^[aeiou]", "", token) or token
        folded.append(token)
    return " ".join(folded)


def initials(*, name: str) -> str:
    words = [w for w in re.split(r"[\s–-]+", name) if w and w.lower() not in _ACRONYM_SKIP]
    return "".join(word[0] for word in words if word[0].isupper())


_ALIASES_FILE = Path(__file__).with_name("aliases.json")


def _known_aliases() -> dict[str, str]:
    """Names no rule can relate ("Daesh" is an Arabic acronym): alias -> name, from data."""
    if not _ALIASES_FILE.exists():
        return {}
    return json.loads(_ALIASES_FILE.read_text(encoding="utf-8"))


# --- Entities ----------------------------------------------------------------------------

_RANK_WORDS = (
    r"Prime Minister|Deputy Prime Minister|President|Vice President|Minister of [A-Z]\w+"
    r"|Minister|Lt\. Gen\.|Lt\. Col\.|Maj\. Gen\.|Brig\. Gen\.|Gen\.|Col\.|Maj\.|Capt\.|Sgt\."
    r"|Lieutenant[- ]General|Lieutenant[- ]Colonel|Major[- ]General|Brigadier[- ]General"
    r"|General|Colonel|Major|Captain|Brigadier|Sheikh|Emir|Caliph|King|Queen|Sultan|Emperor"
    r"|Empress|Prince|Princess|Duke|Duchess|Earl|Count|Countess|Pope|Bishop|Archbishop"
    r"|spokesman|spokesperson|commander|leader|chief"
)
_RANK_EXPANSIONS = {
    "Lt. Gen.": "Lieutenant-General",
    "Lt. Col.": "Lieutenant-Colonel",
    "Maj. Gen.": "Major-General",
    "Brig. Gen.": "Brigadier-General",
    "Gen.": "General",
    "Col.": "Colonel",
    "Maj.": "Major",
    "Capt.": "Captain",
    "Sgt.": "Sergeant",
}
_NAME_WORD = (
    r"(?:(?:al|el|ad|as|ash|at|az|ez|es)-)?[A-Z][\w'’]*(?:-(?:(?:al|el|ez)-)?[A-Z0-9][\w'’]*)*"
)
_PERSON_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:al|el|bin|ibn)\s+)?{_NAME_WORD}){{0,3}}"
# "Iraqi Army Col. Waleed al-Dulaimi", "Kata'ib Hezbollah spokesman Jaafar al-Husseini".
_RANKED_PERSON = re.compile(
    rf"(?P<qualifier>(?:[A-Z][\w'’-]+\s+){{0,2}})(?P<rank>{_RANK_WORDS})\s+(?P<name>{_PERSON_NAME})"
)
_ROLE_NOUNS = (
    r"colonel|captain|commander|spokesman|spokesperson|official|general|minister|leader|chief"
    r"|officer|governor|head|emir|director|envoy|adviser|advisor|sheikh|mayor|lieutenant"
)
# "Walid al-Dulaimi, an Iraqi army colonel," / "Gen. Yahya Rasoul, JOC spokesman,".
_APPOSITIVE_PERSON = re.compile(
    rf"(?P<name>{_PERSON_NAME}),\s+(?P<role>(?:(?:an?|the)\s+)?[^,.;]{{0,60}}?\b(?:{_ROLE_NOUNS})\b"
    rf"[^,.;]{{0,50}}?),"
)
_CHUNK = re.compile(
    rf"(?<![\w'’-])(?:\d{{4}}\s+)?{_NAME_WORD}"
    rf"(?:(?:\s+(?:of|of the|for|and the|bin|ibn)\s+|\s+){_NAME_WORD})*"
)
_ORG_WORDS = {
    "army",
    "command",
    "forces",
    "units",
    "agency",
    "ministry",
    "cell",
    "observatory",
    "nations",
    "government",
    "hezbollah",
    "police",
    "coalition",
    "brigade",
    "brigades",
    "division",
    "corps",
    "council",
    "party",
    "front",
    "militia",
    "state",
    "movement",
    "organisation",
    "organization",
    "committee",
    "guard",
    "military",
    "tribes",
}
_PLACE_WORDS = {
    "governorate",
    "province",
    "district",
    "desert",
    "base",
    "zone",
    "river",
    "crossing",
    "field",
    "station",
    "region",
    "mountains",
    "valley",
    "island",
    "bridge",
}
# Lowercase heads that follow a place name: "Umm al-Waz village", "Akkas gas field".
_PLACE_HEADS = re.compile(
    r"\s+(village|villages|area|district|neighbourhood|neighborhood|intersection|gas field|"
    r"oil field|railway station|station|border crossing|crossing|river|town|city|desert|"
    r"air base|airbase|bridge|road|cement plant|plant|quarries|countryside)\b"
)
_DROPPED_PLACE_HEADS = {"village", "villages", "area", "town", "city", "neighbourhood", "district"}
_OPERATION_HEADS = re.compile(r"\s+(offensive|campaign|counteroffensive)\b")
_OPERATION_STARTS = re.compile(r"^(?:Battle|Siege|Operation|War|Fall|Liberation)\b")
_SENTENCE_STARTERS = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "By",
    "After",
    "Before",
    "Later",
    "Meanwhile",
    "According",
    "However",
    "Following",
    "Instead",
    "During",
    "Since",
    "This",
    "It",
    "He",
    "She",
    "They",
    "Its",
    "Their",
    "His",
    "Her",
    "With",
    "From",
    "Liberation",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Including",
    *(name for name in calendar.month_name if name),
    *(name for name in calendar.day_name),
}
_PLACE_CONTEXT = re.compile(
    r"\b(?:in|near|towards|toward|into|at|from|across|of|around|captured|recaptured|recapturing"
    r"|capturing|retaken|retook|entered|entering|cleared|clearing|liberate|liberated|seized"
    r"|advancing on|control of|penetrated into|reached|including)\s+(?:the\s+)?(?:nearby\s+)?"
    r"(?:(?:town|towns|village|villages|city|district|region|province|border city)\s+of\s+)?$"
)


@dataclass
class _Entity:
    kind: str
    names: Counter = field(default_factory=Counter)
    first_seen: dict[str, int] = field(default_factory=dict)
    acronyms: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        full = [n for n in self.names if n not in self.acronyms] or list(self.names)
        if self.kind in (PERSON, ORGANISATION):
            # "Haider al-Abadi" over "al-Abadi", "Islamic State of Iraq and the Levant"
            # over "Islamic State".
            longest = max(len(n.split()) for n in full)
            full = [n for n in full if len(n.split()) == longest]
        return max(full, key=lambda n: (self.names[n], -self.first_seen[n]))

    @property
    def role(self) -> str:
        # The most descriptive role: "commander of the army's 7th Division" over "Major-General".
        return max(self.roles, key=len, default="")

    @property
    def short_name(self) -> str:
        """The acronym when there is one ("IS", "JOC"), else the name."""
        if not self.acronyms:
            return self.name
        # Sorted first: a set's order changes between runs, fact keys must not.
        return min(sorted(self.acronyms), key=lambda a: (len(a), -self.names[a]))


class _Entities:
    """Entities under construction, merged by name key, acronym and surname."""

    def __init__(self) -> None:
        self.items: list[_Entity] = []
        self._by_key: dict[str, _Entity] = {}
        self._counter = 0

    def add(self, *, name: str, kind: str, acronym: str = "") -> _Entity:
        name = _tidy_name(name)
        entity = self.find(name=name, kind=kind) if name else None
        if entity is None:
            entity = _Entity(kind=kind)
            self.items.append(entity)
        self._note(entity, name)
        if acronym:
            entity.acronyms.add(acronym)
            self._note(entity, acronym)
        return entity

    def _note(self, entity: _Entity, name: str) -> None:
        self._counter += 1
        if re.fullmatch(r"[A-Z]{2,6}", name):
            entity.acronyms.add(name)
        entity.names[name] += 1
        entity.first_seen.setdefault(name, self._counter)
        self._by_key.setdefault(self._key(name, entity.kind), entity)

    def _key(self, name: str, kind: str) -> str:
        return f"{kind == PERSON}:{name_key(name=name, kind=kind)}"

    def find(self, *, name: str, kind: str = "", surname: bool = False) -> _Entity | None:
        """The entity ``name`` names; ``surname`` also matches a person's last name alone
        (only where a person is expected: "Yarallah stated")."""
        name = _tidy_name(name)
        kinds = [kind] if kind else [PERSON, PLACE, ORGANISATION, OPERATION]
        for candidate_kind in kinds:
            key = self._key(name, candidate_kind)
            # One-word person keys ("bd") are too short to identify anybody.
            if candidate_kind == PERSON and " " not in key.split(":", 1)[1]:
                continue
            if entity := self._by_key.get(key):
                return entity
        if re.fullmatch(r"[A-Z]{2,6}", name):
            entity = self._by_acronym(name)
            return entity if entity and (not kind or entity.kind == kind) else None
        if surname:
            return self._by_surname(name)
        return None

    def _by_acronym(self, acronym: str) -> _Entity | None:
        for entity in self.items:
            if acronym in entity.acronyms:
                return entity
        matches = [
            (entity, full)
            for entity in self.items
            if entity.kind == ORGANISATION
            for full in entity.names
            if initials(name=full).startswith(acronym) and len(initials(name=full)) >= 2
        ]
        if len({id(entity) for entity, _ in matches}) != 1:
            return None
        entity, full = matches[0]
        if initials(name=full) != acronym:
            # "IS" stands for the first words of "Islamic State of Iraq and the Levant".
            words = full.split()
            prefix = " ".join(words[: len(acronym)])
            if initials(name=prefix) == acronym:
                self._note(entity, prefix)
        return entity

    def _by_surname(self, name: str) -> _Entity | None:
        key = name_key(name=name, kind=PERSON)
        if not key or " " in key:
            return None
        matches = [
            entity
            for entity in self.items
            if entity.kind == PERSON
            and any(name_key(name=n, kind=PERSON).split()[-1:] == [key] for n in entity.names)
        ]
        return matches[0] if len(matches) == 1 else None

    def note_mention(self, *, entity: _Entity, name: str) -> None:
        self._note(entity, _tidy_name(name))

    def export(self) -> list[ExtractedEntity]:
        exported, names = [], set()
        for entity in self.items:
            name = entity.name
            if name in names:
                continue
            names.add(name)
            aliases = tuple(sorted(set(entity.names) - {name}))
            exported.append(ExtractedEntity(name=name, kind=entity.kind, aliases=aliases))
        return exported

    def by_kind(self, kind: str) -> list[_Entity]:
        return [entity for entity in self.items if entity.kind == kind]


def _tidy_name(name: str) -> str:
    name = re.sub(r"['’]s?$", "", clean_text(text=name).strip(' ,.;:"'))
    return re.sub(r"^(?:the|The|of|and)\s+", "", name)


def _find_entities(*, article: ParsedArticle) -> _Entities:
    entities = _Entities()
    entities.add(name=article.title, kind=OPERATION)
    _entities_from_infobox(infobox=article.infobox, entities=entities)
    sentences = article.sentences
    for sentence in sentences:
        if sentence.is_bullet:
            entities.add(name=sentence.text, kind=OPERATION)
            continue
        for match in _RANKED_PERSON.finditer(sentence.text):
            _add_person(entities=entities, name=match["name"], role=_role_of(match))
        for match in _APPOSITIVE_PERSON.finditer(sentence.text):
            if _looks_like_person(match["name"]):
                _add_person(entities=entities, name=match["name"], role=match["role"])
        for match in re.finditer(
            rf"({_CHUNK.pattern})\s+\(([A-Z][A-Za-z]{{1,7}})\)", sentence.text
        ):
            entities.add(
                name=match[1], kind=_chunk_kind(match[1]) or ORGANISATION, acronym=match[2]
            )
    for sentence in sentences:
        if not sentence.is_bullet:
            _entities_from_chunks(text=sentence.text, entities=entities)
    for alias, name in _known_aliases().items():
        if (entity := entities.find(name=name)) and _mentioned(alias, article):
            entities.note_mention(entity=entity, name=alias)
    return entities


def _mentioned(name: str, article: ParsedArticle) -> bool:
    return any(re.search(rf"\b{re.escape(name)}\b", s.text) for s in article.sentences)


def _entities_from_infobox(*, infobox: dict[str, str], entities: _Entities) -> None:
    for key, value in infobox.items():
        field_name = re.sub(r"\d+$", "", key).lower()
        if field_name == "commander":
            for item in _split_list(value):
                match = _RANKED_PERSON.fullmatch(item)
                if match:
                    _add_person(entities=entities, name=match["name"], role=_role_of(match))
                else:
                    _add_person(entities=entities, name=item, role="commander")
        elif field_name in ("place", "territory"):
            for item in _split_list(re.sub(r"\([^)]*\)", "", value)):
                for chunk in _CHUNK.findall(item):
                    if _chunk_kind(chunk) == PLACE or field_name == "place":
                        entities.add(name=chunk, kind=PLACE)
        elif field_name in ("combatant", "units"):
            for item in _split_list(value):
                kind = _chunk_kind(item) or (
                    PLACE if re.fullmatch(r"[A-Z][a-z]+", item) else ORGANISATION
                )
                if item[:1].isupper():
                    entities.add(name=item, kind=kind)
        elif field_name == "partof":
            entities.add(name=value, kind=OPERATION)


def _split_list(value: str) -> list[str]:
    return [item.strip() for item in re.split(r",\s*|;\s*|\s+and\s+", value) if item.strip()]


def _role_of(match: re.Match) -> str:
    rank = _RANK_EXPANSIONS.get(match["rank"], match["rank"])
    qualifier = match["qualifier"].strip()
    # "Army Major-General": the service word is part of the role; a leading capitalised
    # sentence word ("Later") is not.
    if qualifier and qualifier.split()[0] not in _SENTENCE_STARTERS:
        return f"{qualifier} {rank}"
    return rank


def _add_person(*, entities: _Entities, name: str, role: str) -> None:
    name = re.sub(rf"^(?:{_RANK_WORDS})\s+", "", name.strip())
    if not _looks_like_person(name):
        return
    known = entities.find(name=name, kind=PERSON, surname=True)
    if known:
        entities.note_mention(entity=known, name=name)
    entity = known or entities.add(name=name, kind=PERSON)
    role = re.sub(r"^(?:an?|the)\s+", "", role.strip())
    if entity.kind == PERSON and role and role not in entity.roles:
        entity.roles.append(role)


def _looks_like_person(name: str) -> bool:
    words = name.split()
    if not words or words[0] in _SENTENCE_STARTERS:
        return False
    return not any(word.lower().strip("'’") in _ORG_WORDS | _PLACE_WORDS for word in words)


def _chunk_kind(chunk: str) -> str:
    words = [w.lower().strip("'’") for w in chunk.split()]
    if (_OPERATION_STARTS.match(chunk) and " of " in chunk) or words[-1:] in (
        ["offensive"],
        ["campaign"],
    ):
        return OPERATION
    if any(word in _ORG_WORDS for word in words) and len(words) > 1:
        return ORGANISATION
    if words and words[-1] in _PLACE_WORDS:
        return PLACE
    return ""


def _entities_from_chunks(*, text: str, entities: _Entities) -> None:
    # People were found by their ranks and roles; keep their names out of the chunks.
    text = _RANKED_PERSON.sub(lambda m: m["qualifier"] + " ; ", text)
    previous_kind, previous_end = "", 0
    for match in _CHUNK.finditer(text):
        # "Syrian Democratic Forces' Deir ez-Zor": a possessive ends one name.
        offset = match.start()
        for part in re.split(r"(?<=\w)['’]s?\s+", match[0]):
            start = text.index(part, offset)
            offset = start + len(part)
            # "Anah, Rawa and al-Qaim": a list goes on with the kind it started with.
            in_list = re.fullmatch(r",?\s*(?:and\s+)?", text[previous_end:start])
            previous_kind = _entity_from_chunk(
                text=text,
                chunk=part,
                start=start,
                entities=entities,
                listed_kind=previous_kind if in_list else "",
            )
            previous_end = offset


def _entity_from_chunk(
    *, text: str, chunk: str, start: int, entities: _Entities, listed_kind: str
) -> str:
    words = chunk.split()
    while words and words[0] in _SENTENCE_STARTERS:
        words.pop(0)
    chunk = _tidy_name(" ".join(words))
    if not chunk or (not chunk[0].isupper() and not chunk.startswith(("al-", "el-"))):
        return ""
    end = text.index(chunk, start) + len(chunk)
    after, before = text[end:], text[: text.index(chunk, start)]
    if head := _OPERATION_HEADS.match(after):
        return entities.add(name=f"{chunk} {head[1]}", kind=OPERATION).kind
    if known := entities.find(name=chunk):
        entities.note_mention(entity=known, name=chunk)
        return known.kind
    if kind := _chunk_kind(chunk):
        return entities.add(name=chunk, kind=kind).kind
    head = _PLACE_HEADS.match(after)
    place_like = head or _PLACE_CONTEXT.search(before) or listed_kind == PLACE
    if not place_like or len(words) > 4 or re.fullmatch(r"[A-Z0-9]{2,6}", chunk):
        return ""
    if head and head[1] not in _DROPPED_PLACE_HEADS:
        chunk = f"{chunk} {head[1]}"
    return entities.add(name=chunk, kind=PLACE).kind


# --- Sides -------------------------------------------------------------------------------

# Words that stand for a side's armed forces without naming it ("Army Major-General").
_SERVICE_SYNONYMS = {"armed forces": ["army"], "police": ["police"]}


@dataclass(frozen=True)
class _Sides:
    """The belligerents of the infobox: "1" -> "Iraq", "2" -> "IS", and the words for each."""

    labels: dict[str, str]
    words: dict[str, set[str]]

    @classmethod
    def from_infobox(cls, *, infobox: dict[str, str], entities: _Entities) -> "_Sides":
        labels, words = {}, {}
        for index in ("1", "2"):
            fields = " ; ".join(
                infobox.get(f"{name}{index}", "") for name in ("Combatant", "Units", "Commander")
            )
            found = [
                entity
                for entity in entities.items
                if entity.kind in (PLACE, ORGANISATION)
                and any(re.search(rf"\b{re.escape(n)}\b", fields) for n in entity.names)
            ]
            combatants = _split_list(infobox.get(f"Combatant{index}", ""))
            label = ""
            if combatants:
                entity = entities.find(name=combatants[0])
                label = entity.short_name if entity else combatants[0]
            elif found:
                # "Military of the Islamic State" names its side by the group inside it.
                label = max(found, key=lambda entity: len(entity.acronyms)).short_name
            if not label:
                continue
            labels[index] = label
            side_words = {label}
            for entity in found:
                side_words |= set(entity.names)
                if entity.kind == PLACE:
                    # A country's demonym: Iraq -> Iraqi, Syria -> Syrian, Iran -> Iranian.
                    side_words |= {f"{n}i" for n in entity.names} | {f"{n}n" for n in entity.names}
                    side_words |= {f"{n}ian" for n in entity.names}
            for phrase, synonyms in _SERVICE_SYNONYMS.items():
                if phrase in fields.lower():
                    side_words |= set(synonyms)
            words[index] = side_words
        return cls(labels=labels, words=words)

    def side_of(self, *, text: str, margin: int = 1) -> str:
        scores = {}
        for index, side_words in self.words.items():
            scores[index] = sum(
                1
                for word in side_words
                if re.search(
                    rf"\b{re.escape(word)}\b", text, 0 if word.isupper() else re.IGNORECASE
                )
            )
        ranked = [*sorted(scores.items(), key=lambda item: -item[1]), ("", 0), ("", 0)]
        (best, score), (_, runner_up) = ranked[0], ranked[1]
        return self.labels[best] if score and score - runner_up >= margin else ""


# --- Infobox facts ----------------------------------------------------------------------

_FIELD_SUBJECTS = {
    "partof": "the war the {title} was part of",
    "date": "the dates of the {title}",
    "place": "where the {title} took place",
    "location": "where the {title} took place",
    "result": "the result of the {title}",
    "territory": "the territorial changes of the {title}",
    "combatant": "the belligerents opposing {other} in the {title}",
    "commander": "the commander on {side_phrase} in the {title}",
    "units": "the units on {side_phrase} in the {title}",
    "strength": "the strength of {side} in the {title}",
    "casualties": "the casualties of {side} in the {title}",
}
_SIDE_ORDINALS = {"1": "the first side", "2": "the second side", "3": "the third side"}


def _infobox_facts(
    *, article: ParsedArticle, entities: _Entities, sides: _Sides
) -> list[ExtractedFact]:
    facts = []
    for key, value in article.infobox.items():
        field_name, index = re.fullmatch(r"(.*?)(\d*)", key).groups()
        field_name = field_name.lower()
        if field_name in ("conflict", "name", "title") or value == article.title:
            continue
        side = sides.labels.get(index, _SIDE_ORDINALS.get(index, ""))
        other_index = {"1": "2", "2": "1"}.get(index, "")
        other = sides.labels.get(other_index, _SIDE_ORDINALS.get(other_index, "the other side"))
        template = _FIELD_SUBJECTS.get(field_name, f"the {_words(field_name)} of the {{title}}")
        base = ExtractedFact(
            kind=ATTRIBUTE,
            infobox_field=key,
            subject=template.format(
                title=article.title,
                side=side,
                other=other,
                side_phrase=f"the side of {side}" if index in sides.labels else side,
            ),
            value=value,
            source_text=value,
        )
        if field_name == "date" and article.start_date:
            mention = find_dates(text=value, default_year=None)[0]
            base = replace(
                base,
                value=format_date_range(
                    first=article.start_date, last=article.end_date, precision=mention.precision
                ),
                date=article.start_date,
                date_end=article.end_date if article.end_date != article.start_date else None,
                date_precision=mention.precision,
            )
        if field_name == "commander":
            for item in _split_list(value):
                match = _RANKED_PERSON.fullmatch(item)
                person = entities.find(name=match["name"] if match else item, kind=PERSON)
                if person is None:
                    continue
                facts.append(replace(base, value=person.name, entity_name=person.name))
                facts.append(
                    replace(
                        base,
                        kind=ROLE,
                        subject=f"commanded the forces of {side} in the {article.title}",
                        value=person.name,
                        entity_name=person.name,
                        role=_RANK_EXPANSIONS.get(match["rank"], match["rank"])
                        if match
                        else "commander",
                        side=sides.labels.get(index, ""),
                    )
                )
            continue
        facts.append(base)
        if field_name in ("strength", "casualties"):
            facts.extend(_infobox_quantities(base=base, side=side, field_name=field_name))
    return facts


def _infobox_quantities(*, base: ExtractedFact, side: str, field_name: str) -> list[ExtractedFact]:
    quantities = find_quantities(text=base.value)
    if not quantities:
        return []
    quantity = quantities[0]
    # "1,500 (CJTF-OIR estimate)": the parenthesis says whose figure it is.
    note = re.search(r"\(([^)]*)\)", base.value)
    label = "strength" if field_name == "strength" else "casualties"
    subject = f"{side} {label}" + (f" ({note[1]})" if note else "")
    return [
        replace(
            base,
            kind=QUANTITY,
            subject=subject,
            value=_quantity_value(quantity),
            source_text=quantity.text,
            number=quantity.number,
            number_max=quantity.number_max,
            unit=quantity.unit or ("fighters" if label == "strength" else "casualties"),
            qualifier=quantity.qualifier,
        )
    ]


def _words(identifier: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])|_", " ", identifier).lower()


def _quantity_value(quantity) -> str:
    number = format_number(value=quantity.number)
    if quantity.number_max is not None:
        return f"{number}–{format_number(value=quantity.number_max)}"
    if quantity.qualifier == "exact":
        return number
    return f"{quantity.qualifier} {number}"


# --- Clauses -----------------------------------------------------------------------------

_REPORTING_VERBS = (
    "stated|said|announced|added|reported|claimed|told|declared|confirmed|noted|insisted"
    "|denied|warned|estimated|revealed"
)
# Verbs whose clause is an allegation, not something that happened.
_HEARSAY_VERBS = {"claimed", "denied", "warned", "insisted"}
_LEADING_ADVERBS = re.compile(
    r"^(?:Later|Meanwhile|However|Instead|Also|Then|Subsequently|Afterwards|Eventually"
    r"|In the meantime|At the same time|Overall),?\s+"
)
_FRAME_HEAD = (
    rf"^(?P<speaker>[^,\"]+?(?:,[^,\"]+,)?)\s+(?:also\s+|later\s+|then\s+)?"
    rf"(?P<verb>{_REPORTING_VERBS})\b"
)
_FRAMES = [
    # "X told Anadolu Agency on 27 October that Y ..."
    re.compile(rf"{_FRAME_HEAD}(?P<middle>[^\"]{{0,60}}?)\s*,?\s+that\s+(?P<clause>[^\"].*)$"),
    # "The PMF stated its forces had ..."
    re.compile(
        rf"{_FRAME_HEAD}\s+(?=(?:its|the|their|his|her|they|it|he|she)\s)(?P<clause>[^\"].*)$"
    ),
]
# "On 3 November, ", "Later on the same day, ": when, not who.
_LEADING_PHRASE = re.compile(
    r"^(?:[Ii]n|[Oo]n|[Bb]y|[Dd]uring|[Aa]fter|[Ff]ollowing|[Ss]ince)\s+[^,]{1,40},\s*"
)
_BLOCKING_PRONOUNS = re.compile(r"\b(?:he|she|they|it|we|him|them|us|his|her)\b", re.IGNORECASE)
_PLUPERFECT = re.compile(r"\bhad\s+(also\s+|already\s+|then\s+)?(?!been\b)([a-z]+)\b")
_IRREGULAR_PAST = {
    "taken": "took",
    "retaken": "retook",
    "driven": "drove",
    "begun": "began",
    "seen": "saw",
    "given": "gave",
    "fallen": "fell",
    "withdrawn": "withdrew",
    "overrun": "overran",
    "beaten": "beat",
    "broken": "broke",
    "risen": "rose",
    "chosen": "chose",
    "written": "wrote",
    "done": "did",
    "gone": "went",
    "known": "knew",
    "thrown": "threw",
    "shown": "showed",
    "flown": "flew",
    "won": "won",
    "lost": "lost",
    "fled": "fled",
    "held": "held",
    "fought": "fought",
    "led": "led",
    "made": "made",
    "sent": "sent",
    "left": "left",
    "struck": "struck",
    "shot": "shot",
}
_PARTICIPLES = {past: participle for participle, past in _IRREGULAR_PAST.items()}
_PAST_FORMS = "|".join(
    sorted({*_IRREGULAR_PAST.values(), "said", "told", "came", "became", "met", "stood", "ran"})
)
_FINITE = re.compile(rf"\b(?:had|has|have|was|were|is|are|will|would|could|{_PAST_FORMS}|\w+ed)\b")
_GERUND_PAST = {
    "taking": "took",
    "retaking": "retook",
    "driving": "drove",
    "beginning": "began",
    "leaving": "left",
    "holding": "held",
    "fighting": "fought",
    "winning": "won",
    "losing": "lost",
    "making": "made",
}
_TRAILING_CLAUSE = re.compile(r",\s+(?:while|whereas|[a-z]+ing)\b.*$")
_CLAUSE_SUBJECT = re.compile(
    r"^(?P<np>[^,]+?)(?:,[^,]{1,60},)?\s+(?:also\s+|later\s+|then\s+|had\s+|have\s+|has\s+)?"
    rf"(?P<verb>was|were|is|are|had|has|have|will|would|could|{_PAST_FORMS}|[a-z]+ed)\b"
)
_PRONOUN_SUBJECT = re.compile(r"^(?P<pronoun>He|She|It|They|This)\b\s*")


@dataclass(frozen=True)
class _Frame:
    """ "X stated on D that Y": the speaker and the reported clause."""

    speaker: str
    verb: str
    clause: str


def _frame(text: str) -> _Frame | None:
    body = _LEADING_PHRASE.sub("", _LEADING_ADVERBS.sub("", text))
    match = next(filter(None, (frame.match(body) for frame in _FRAMES)), None)
    if not match or len(match["speaker"].split()) > 10:
        return None
    clause = match["clause"]
    if not _FINITE.search(clause):
        return None
    return _Frame(
        speaker=match["speaker"],
        verb=match["verb"],
        clause=clause,
    )


def _to_past(participle: str) -> str:
    return _IRREGULAR_PAST.get(participle, participle)


def _to_participle(past: str) -> str:
    return _PARTICIPLES.get(past, past)


def _gerund_to_past(gerund: str) -> str:
    # "capturing" -> "captured", "stopping" -> "stopped": the stem plus -ed, but for the
    # irregular verbs.
    return _GERUND_PAST.get(gerund, gerund.removesuffix("ing") + "ed")


def _simple_past(text: str) -> str:
    """ "had also captured" -> "also captured": reported clauses read as plain events."""
    return _PLUPERFECT.sub(lambda m: f"{m[1] or ''}{_to_past(m[2])}", text)


def _tidy_clause(text: str) -> str:
    text = re.sub(r"\s+\([A-Z][A-Za-z]{1,7}\)", "", text)  # "(PMU)" defines an acronym.
    text = re.sub(r"\s*,\s*,", ",", text)
    text = re.sub(r"\s{2,}", " ", text).strip(" ,;:")
    text = text.rstrip(".").strip(" ,")
    if re.match(r"(?:The|A|An|This|That|These|Those|Its|Their|Some|Many|Several)\b", text):
        text = text[0].lower() + text[1:]
    return text


def _clause_subject(text: str) -> str:
    body = _LEADING_PHRASE.sub("", _LEADING_ADVERBS.sub("", text))
    match = _CLAUSE_SUBJECT.match(body)
    return match["np"].strip() if match else ""


# --- Dates in sentences ------------------------------------------------------------------


@dataclass(frozen=True)
class _Anchor:
    """When a clause happened: a date with its preposition, or "on the same day"."""

    phrase: str
    preposition: str
    first: datetime.date
    last: datetime.date | None
    precision: str
    source_text: str

    def value(self) -> str:
        return format_date_range(first=self.first, last=self.last, precision=self.precision)


_ANCHOR_PREPOSITION = re.compile(
    r"(?:\b(?P<prep>[Oo]n|[Bb]y|[Ii]n|[Ff]rom|[Ss]ince|[Uu]ntil|[Dd]uring|[Aa]s of)\s+)$"
)
_RELATIVE_DAYS = [
    (re.compile(r"(?:\b[Ll]ater\s+)?\b[Oo]n the same day\b|\b[Ll]ater? (?:in|on) the day\b"), 0),
    (re.compile(r"\b(?:[Dd]uring|[Oo]n) the day\b|\b[Tt]hat (?:same )?day\b"), 0),
    (re.compile(r"\ba day earlier\b|\bthe (?:previous|preceding) day\b|\bthe day before\b"), -1),
    (re.compile(r"\bthe (?:next|following) day\b|\ba day later\b"), 1),
]


def _anchors(*, text: str, context: "_Context") -> list[_Anchor]:
    anchors = []
    for mention in find_dates(
        text=text,
        default_year=context.year_near(text),
        start=context.article.start_date,
        end=context.article.end_date,
    ):
        prep = _ANCHOR_PREPOSITION.search(text[: mention.start])
        at_start = not text[: mention.start].strip()
        if not prep and not at_start:
            continue
        phrase = (prep[0] if prep else "") + mention.text
        anchors.append(
            _Anchor(
                phrase=phrase,
                preposition=(prep["prep"].lower() if prep else "on"),
                first=mention.first,
                last=mention.last,
                precision=mention.precision,
                source_text=mention.text,
            )
        )
    for match in re.finditer(
        r"\b([Ii]n|[Bb]y|[Ss]ince|[Uu]ntil)\s+(\d{4}|\d{3}(?=,))\b(?![–-]|\s+\w+\s+\d)", text
    ):
        if not any(match[0] in anchor.phrase for anchor in anchors):
            year = int(match[2])
            anchors.append(
                _Anchor(
                    match[0], match[1].lower(), datetime.date(year, 1, 1), None, "year", match[2]
                )
            )
    previous = context.last_day
    for pattern, offset in _RELATIVE_DAYS:
        match = pattern.search(text)
        if match and previous and not any(match[0] in a.phrase for a in anchors):
            day = previous + timedelta(days=offset)
            anchors.append(_Anchor(match[0], "on", day, None, "day", match[0]))
            break
    return anchors


def _without(text: str, phrases: list[str]) -> str:
    for phrase in phrases:
        text = re.sub(rf",?\s*{re.escape(phrase)}\s*,?", " ", text, count=1)
    return text


def _with_full_dates(text: str, anchors: list[_Anchor]) -> str:
    """Spell out the anchors in ``text``: "on 26 October" and "a day earlier" become
    "on 26 October 2017" and "on 25 October 2017"."""
    for anchor in anchors:
        if anchor.precision == "year" or anchor.phrase not in text:
            continue
        if re.search(r"\d", anchor.source_text):
            text = text.replace(anchor.source_text, anchor.value())
        else:
            text = re.sub(rf"\b{re.escape(anchor.phrase)}", f"on {anchor.value()}", text)
    return text


# --- Sentence facts ----------------------------------------------------------------------


@dataclass
class _Context:
    """What earlier sentences tell the current one: the last day named, the last subject."""

    article: ParsedArticle
    entities: _Entities
    sides: _Sides
    person_sides: dict[int, str]
    paragraph: int = -1
    last_day: datetime.date | None = None
    last_anchor: _Anchor | None = None
    years: list[int] = field(default_factory=list)
    subject: str = ""
    person: _Entity | None = None
    person_phrase: str = ""

    def year_near(self, text: str) -> int | None:
        years = [int(year) for year in YEAR_PATTERN.findall(text)] or self.years[-1:]
        if years:
            return years[-1]
        return self.article.start_date.year if self.article.start_date else None


def _sentence_facts(
    *, article: ParsedArticle, entities: _Entities, sides: _Sides
) -> list[ExtractedFact]:
    context = _Context(
        article=article,
        entities=entities,
        sides=sides,
        person_sides=_person_sides(article=article, entities=entities, sides=sides),
    )
    facts = []
    for section in article.sections:
        for sentence in section.sentences:
            if sentence.paragraph != context.paragraph:
                # "He", "the same day" and "so far" point back within one paragraph only.
                context = replace(
                    context,
                    paragraph=sentence.paragraph,
                    last_day=None,
                    last_anchor=None,
                    subject="",
                    person=None,
                    person_phrase="",
                )
            if sentence.is_bullet:
                facts.extend(_bullet_facts(sentence=sentence, article=article, entities=entities))
            else:
                facts.extend(
                    _prose_facts(sentence=sentence, context=context, lead=section.order == 0)
                )
    return facts


def _person_sides(*, article: ParsedArticle, entities: _Entities, sides: _Sides) -> dict[int, str]:
    result = {}
    commanders = {index: article.infobox.get(f"Commander{index}", "") for index in sides.labels}
    for person in entities.by_kind(PERSON):
        side = sides.side_of(text=" ".join(person.roles))
        for index, value in commanders.items():
            if not side and any(name in value for name in person.names):
                side = sides.labels[index]
        if not side:
            # Naming the enemy is common ("clashed with IS"): the sentences about a person
            # decide their side only by a clear margin.
            mentions = " ".join(
                s.text for s in article.sentences if any(n in s.text for n in person.names)
            )
            side = sides.side_of(text=mentions, margin=2)
        result[id(person)] = side
    return result


def _prose_facts(*, sentence: ParsedSentence, context: _Context, lead: bool) -> list[ExtractedFact]:
    text = _resolve_pronoun(text=sentence.text, context=context)
    anchors = _anchors(text=sentence.text, context=context)
    facts = []
    if text is not None:
        frame = _frame(text)
        facts += _event_facts(sentence=sentence, text=text, anchors=anchors, frame=frame)
        facts += _quantity_facts(
            sentence=sentence, text=text, anchors=anchors, frame=frame, context=context
        )
        facts += _capture_facts(
            sentence=sentence, text=text, anchors=anchors, frame=frame, context=context
        )
        facts += _role_facts(sentence=sentence, text=text, anchors=anchors, context=context)
        if lead:
            facts += _relation_facts(sentence=sentence, context=context)
    _remember(text=text or sentence.text, anchors=anchors, context=context)
    return facts


def _resolve_pronoun(*, text: str, context: _Context) -> str | None:
    """Replace a leading "He"/"It"/"They" by what the previous sentence was about; None when
    nothing fits (the sentence then yields no facts that would dangle)."""
    body = _LEADING_ADVERBS.sub("", text)
    match = _PRONOUN_SUBJECT.match(body)
    if not match or not _FINITE.match(body[match.end() :].removeprefix("also ")):
        return text
    pronoun = match["pronoun"]
    if pronoun in ("He", "She"):
        referent = context.person_phrase
    elif context.person is None and context.subject:
        # "It" takes a singular subject, "They" a plural one ("Iraqi forces", "X and Y").
        plural = bool(re.search(r"s$| and ", context.subject))
        referent = context.subject if plural == (pronoun == "They") else ""
    else:
        referent = ""
    if not referent:
        return None
    return referent[0].upper() + referent[1:] + " " + body[match.end() :]


def _remember(*, text: str, anchors: list[_Anchor], context: _Context) -> None:
    context.years += [int(year) for year in YEAR_PATTERN.findall(text)]
    days = [anchor for anchor in anchors if anchor.precision == "day"]
    if days:
        context.last_day = days[-1].last or days[-1].first
        context.last_anchor = days[-1]
    subject = _clause_subject(text)
    person = _person_in(subject, context=context) if subject else None
    context.subject = _tidy_clause(subject) if subject else ""
    context.person = person
    if person:
        context.person_phrase = person.name


def _person_in(phrase: str, *, context: _Context) -> _Entity | None:
    phrase = re.sub(r",.*$", "", phrase)
    for match in _CHUNK.finditer(phrase):
        name = re.sub(rf"^(?:.*?\b(?:{_RANK_WORDS})\s+)", "", match[0])
        for candidate in (name, name.split(" of ")[0]):
            person = context.entities.find(name=candidate, kind=PERSON, surname=True)
            if person:
                return person
    return None


def _fact(sentence: ParsedSentence, **values) -> ExtractedFact:
    return ExtractedFact(sentence_hash=sentence.text_hash, **values)


# Events ----------------------------------------------------------------------------------

_LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_COLLECTIVE = re.compile(r"^(?:the\s+)?(?:(?:towns?|villages?|cities|city|areas?)\s+of\s+)?")


def _event_facts(
    *, sentence: ParsedSentence, text: str, anchors: list[_Anchor], frame: _Frame | None
) -> list[ExtractedFact]:
    if not anchors:
        return []
    events: list[tuple[str, _Anchor]] = []
    if len(anchors) > 1:
        events = _participle_list_events(text=text, anchors=anchors)
    if not events:
        anchor = anchors[0]
        subject = _gerund_lead_event(text=text, anchor=anchor) or _event_clause(
            text=text, anchor=anchor, frame=frame
        )
        events = [(subject, anchor)] if subject else []
    return [
        _fact(
            sentence,
            kind=EVENT,
            subject=subject,
            value=anchor.value(),
            source_text=anchor.source_text,
            date=anchor.first,
            date_end=anchor.last,
            date_precision=anchor.precision,
        )
        for subject, anchor in events
        if len(subject.split()) >= 3 and not _PRONOUN_SUBJECT.match(subject)
    ]


def _event_clause(*, text: str, anchor: _Anchor, frame: _Frame | None) -> str:
    reported = (
        frame is not None
        and frame.verb not in _HEARSAY_VERBS
        and not _BLOCKING_PRONOUNS.search(frame.clause)
        and not re.match(r"(?:its|their)\b", frame.clause)
    )
    body = frame.clause if reported else text
    first = _first_clause(body)
    # Keep the first clause, unless the date belongs to a later one.
    body = first if anchor.phrase in first or anchor.phrase not in body else body
    body = _LEADING_ADVERBS.sub("", _without(body, [anchor.phrase]).strip(" ,"))
    if reported or not frame:
        body = _simple_past(body)
    body = _tidy_clause(body)
    return "" if re.search(r"\bthat$", body) else body


def _first_clause(text: str) -> str:
    text = re.split(r";|,\s+but\b|,\s+whereas\b", text)[0]
    trimmed = _TRAILING_CLAUSE.sub("", text)
    return trimmed if len(trimmed.split()) >= 4 else text


def _participle_list_events(*, text: str, anchors: list[_Anchor]) -> list[tuple[str, _Anchor]]:
    """ "In 2017, X launched an offensive, recapturing A on D1 and B on D2": three events."""
    match = re.match(r"^(?P<main>.+?),\s+(?P<verb>[a-z]+ing)\s+(?P<rest>.+?)\.?$", text)
    if not match:
        return []
    main = match["main"]
    subject = _tidy_clause(_clause_subject(main))
    events = []
    main_anchors = [anchor for anchor in anchors if anchor.phrase in main]
    if main_anchors:
        events.append(
            (
                _tidy_clause(
                    _simple_past(_without(_LEADING_ADVERBS.sub("", main), [main_anchors[0].phrase]))
                ),
                main_anchors[0],
            )
        )
    for item in _LIST_SPLIT.split(match["rest"]):
        item_anchors = [anchor for anchor in anchors if anchor.phrase in item]
        if len(item_anchors) != 1 or not subject:
            return []
        thing = _COLLECTIVE.sub("", _without(item, [item_anchors[0].phrase]).strip())
        events.append((f"{subject} {_gerund_to_past(match['verb'])} {thing}", item_anchors[0]))
    return events


def _gerund_lead_event(*, text: str, anchor: _Anchor) -> str:
    """ "After recapturing Hawija on 5 October the army ..." -> "the army recaptured Hawija"."""
    match = re.match(
        rf"^(?:After|Before|Following|Upon)\s+(?P<verb>[a-z]+ing)\s+(?P<object>.+?)\s+"
        rf"{re.escape(anchor.phrase)},?\s+(?P<rest>.+)$",
        text,
    )
    if not match:
        return ""
    subject = _clause_subject(match["rest"])
    if not subject:
        return ""
    return _tidy_clause(f"{subject} {_gerund_to_past(match['verb'])} {match['object']}")


# Quantities ------------------------------------------------------------------------------

_DURATIONS = {"day", "days", "hour", "hours", "week", "weeks", "month", "months", "year", "years"}
_NOUN_STOP = (
    r"(?:had|have|has|were|was|are|is|been|and|or|of|in|on|at|by|from|to|with|within|during"
    r"|since|while|near|around|along|as|that|which|who|after|before|into|towards|over|under"
    r"|north|south|east|west|killed|captured|destroyed)\b"
)
_NOUN_WORD = rf"(?!{_NOUN_STOP})(?:[a-z][\w-]*|[A-Z][a-z]+(?=\s+[a-z])|[A-Z]{{2,}}s?)"
_COUNTED = re.compile(
    rf"^\s+(?:of\s+(?P<owner>his|her|its|their|the)\s+)?(?P<noun>{_NOUN_WORD}(?:\s+{_NOUN_WORD}){{0,2}})"
)
_CONVERSION = re.compile(r"^\s*\([^)]*\)")
_DIRECTION = r"(?:north|south|east|west)(?:-?(?:north|south|east|west))?"
_DISTANCE = re.compile(
    rf"^\s+(?P<direction>{_DIRECTION}\s+)?(?:of|from)\s+(?P<place>(?:the\s+)?[A-Za-z'’–-]+(?:\s+[A-Z][\w'’–-]*)*)"
)
_PLACE_BEFORE_COMMA = re.compile(
    r"(?P<place>(?:[A-Z][\w'’–-]*|al-[\w'’–-]+)(?:\s+(?:[A-Z][\w'’–-]*|al-[\w'’–-]+))*"
    r"(?:\s+(?P<head>[a-z]+))?)\s*,\s*(?:which is\s+)?$"
)
_PASSIVE = re.compile(
    r"^\s+(?:had been|have been|has been|were|was|are|is)\s+(?:also\s+)?(?P<predicate>.+)$"
)
_SMALL_NUMBERS = "one|two|three|four|five|six|seven|eight|nine|ten"
_COORDINATED = re.compile(
    rf"^(?:(?:,\s*(?:and\s+)?|\s+and\s+)(?:\d[\d,]*|{_SMALL_NUMBERS})"
    rf"\s+{_NOUN_WORD}(?:\s+{_NOUN_WORD})?)+"
)
_ACTIVE_VERB = re.compile(
    r"\b(?:had\s+|have\s+|has\s+)?(?:also\s+)?(?P<verb>took control of|taken control of"
    r"|took|retook|taken|retaken|held|won|lost|[a-z]{3,}ed|[a-z]{3,}ing)\b"
)
_BETWEEN_VERB_AND_NUMBER = re.compile(
    r"^(?:.*(?:,|\band|\bas well as|\balong with))?\s*(?:(?:an?|the)\s+)?"
    r"(?P<fraction>half of the|a third of the|a quarter of the)?(?P<area>area of)?(?:total of)?\s*$"
)
_CAPTURE_PARTICIPLES = {"took control of": "taken over", "taken control of": "taken over"}


def _quantity_facts(
    *,
    sentence: ParsedSentence,
    text: str,
    anchors: list[_Anchor],
    frame: _Frame | None,
    context: _Context,
) -> list[ExtractedFact]:
    speaker, body = _attribution(text=text, frame=frame, context=context)
    attribution = f" according to {speaker}" if speaker else ""
    when = _when(text=text, anchors=anchors, context=context)
    facts = []
    for quantity in find_quantities(text=body):
        before, after = body[: quantity.start], body[quantity.end :]
        if quantity.unit in ("km", "mi", "m"):
            distance = _distance_facts(
                sentence=sentence, quantity=quantity, before=before, after=after
            )
            if distance:
                facts += distance
                continue
        thing, rest = _thing(quantity=quantity, before=before, after=after, context=context)
        if not thing:
            continue
        predicate = _quantity_predicate(before=before, rest=rest, body=body, speaker=speaker)
        if predicate is None:
            continue
        what = _without(f"{thing} {predicate}", [anchor.phrase for anchor in anchors])
        facts.append(
            _fact(
                sentence,
                kind=QUANTITY,
                subject=_tidy_clause(f"{what.strip()}{when}{attribution}"),
                value=_quantity_value(quantity),
                source_text=quantity.text,
                number=quantity.number,
                number_max=quantity.number_max,
                unit=quantity.unit or _unit_of(thing),
                qualifier=quantity.qualifier,
            )
        )
    return facts


def _attribution(*, text: str, frame: _Frame | None, context: _Context) -> tuple[str, str]:
    """Who says so ("the JOC"), and the text the figures are read from."""
    according = re.match(r"^According to (?P<who>[^,]+),\s*", text)
    if according:
        return according["who"], text[according.end() :]
    if frame:
        return _speaker(frame.speaker, context=context), frame.clause
    return "", text


def _speaker(phrase: str, *, context: _Context) -> str:
    phrase = _LEADING_ADVERBS.sub("", phrase).split(",")[0].strip()
    if person := _person_in(phrase, context=context):
        return person.name
    if _BLOCKING_PRONOUNS.fullmatch(phrase):
        return ""
    entity = context.entities.find(name=phrase)
    if re.fullmatch(r"(?:[Tt]he )?[A-Z]{2,6}", phrase):
        return re.sub("^The", "the", phrase)
    if (
        entity
        and entity.kind == ORGANISATION
        and entity.acronyms
        and phrase.lower().startswith("the ")
    ):
        return f"the {entity.short_name}"
    if re.match(r"(?:the|an?|The|An?)\b", phrase):
        return phrase[0].lower() + phrase[1:]
    if re.search(r"['’]s\b", phrase) or (not phrase.endswith("s") and phrase.split()[-1].islower()):
        return f"the {phrase}"  # "Iraqi military" -> "the Iraqi military"
    return phrase


def _when(*, text: str, anchors: list[_Anchor], context: _Context) -> str:
    if anchors:
        anchor = anchors[0]
        preposition = anchor.preposition if anchor.preposition in ("by", "in", "since") else "on"
        if anchor.precision != "day":
            preposition = "in" if preposition == "on" else preposition
        return f" {preposition} {anchor.value()}"
    if re.search(r"\bso far\b", text) and context.last_anchor:
        return f" by {context.last_anchor.value()}"
    return ""


def _thing(*, quantity, before: str, after: str, context: _Context) -> tuple[str, str]:
    """What was counted ("militant vehicles", "km of the Akashat–al-Qaim road") and the
    text after it."""
    if quantity.unit:
        after = _CONVERSION.sub("", after)
        of = re.match(
            r"^\s+of\s+(?P<of>[^,;.]+?)(?=\s+(?:and|during|on|in|since|while|had|were|was)\b|[,.;]|$)",
            after,
        )
        if of:
            return f"{quantity.unit} of {of['of']}", after[of.end() :]
        noun = re.match(rf"^\s+(?P<noun>{_NOUN_WORD}(?:\s+{_NOUN_WORD})?)", after)
        if noun:
            return f"{quantity.unit} of {noun['noun']}", after[noun.end() :]
        if re.search(r"\barea of\s*$", before):
            return f"{quantity.unit} of area", after
        return quantity.unit, after
    counted = _COUNTED.match(after)
    if not counted:
        return "", after
    words = re.sub(r"^other\s+", "", counted["noun"]).split()
    # After the head noun a past form is the verb: "2,000 Normans died".
    verb_at = next(
        (i for i, word in enumerate(words) if i and (word.endswith("ed") or word in _PARTICIPLES)),
        len(words),
    )
    noun = " ".join(words[:verb_at])
    after = " " + " ".join(words[verb_at:]) + after[counted.end() :] if words[verb_at:] else after
    if noun.split()[-1] in _DURATIONS:
        return "", after
    if counted["owner"] in ("his", "her"):
        # "six of his companions": whose, from the person named just before.
        people = [m for m in _CHUNK.finditer(before) if _person_in(m[0], context=context)]
        if people:
            noun = f"{noun} of {_person_in(people[-1][0], context=context).name}"
    return noun, after if words[verb_at:] else after[counted.end() :]


def _unit_of(thing: str) -> str:
    return thing.split(" of ")[0]


def _quantity_predicate(*, before: str, rest: str, body: str, speaker: str) -> str | None:
    rest = _COORDINATED.sub("", rest)
    passive = _PASSIVE.match(rest)
    if passive:
        return _trim_predicate(passive["predicate"])
    # "Two Iraqi divisions and Sunni tribal fighters carried out the operation"
    verb_after = re.match(r"^(?:\s+and\s+[^,.;]+?)?\s+(?P<verb>[a-z]+ed)\b(?P<rest>.*)$", rest)
    if verb_after:
        return f"that {verb_after['verb']}{_trim_predicate(verb_after['rest'], space=True)}"
    verbs = list(_ACTIVE_VERB.finditer(before))
    if not verbs:
        return None
    verb = verbs[-1]
    between = _BETWEEN_VERB_AND_NUMBER.match(before[verb.end() :])
    if not between:
        return None
    participle = _CAPTURE_PARTICIPLES.get(verb["verb"]) or _to_participle(
        _gerund_to_past(verb["verb"]) if verb["verb"].endswith("ing") else verb["verb"]
    )
    agent = _agent(before[: verb.start()], body=body, speaker=speaker)
    by_agent = f" by {agent}" if agent else ""
    trailing = _trim_predicate(rest, space=True)
    if between["fraction"]:
        fraction = between["fraction"].split(" of ")[0]
        return f"{trailing.strip()}, of which {fraction} was {participle}{by_agent}".lstrip(", ")
    if re.match(r"\s+(?:around|near|in|west|east|north|south)\b", trailing):
        return f"{trailing.strip()} {participle}{by_agent}"
    return f"{participle}{by_agent}{trailing}"


def _trim_predicate(text: str, *, space: bool = False) -> str:
    text = re.split(
        r";|,\s+(?:while|but|and|[a-z]+ing)\b|\s+(?:while|whereas|as well as|along with)\b"
        r"|\s+and\s+(?:[a-z]+ed\b|had\b|an?\s|the\s|\d)|,\s+(?:about\s+)?\d",
        text,
    )[0]
    text = text.rstrip(" .,")
    text = re.sub(r",\s+", " ", text)
    return (" " + text.strip() if text.strip() else "") if space else text.strip()


def _agent(text: str, *, body: str, speaker: str = "") -> str:
    """Who acted: the words right before the verb, or the clause's subject when the verb is
    coordinated ("... and cleared 19,600 km²")."""
    segment = re.split(r",\s*|\bthat\s+|\band\s+(?=had\b)|\band\s+$", text)[-1].strip()
    segment = re.sub(r"\s+(?:had|have|has|also|later)$", "", segment).strip()
    if _FINITE.search(segment):
        # "the first phase was over and they": the agent follows the last "and".
        segment = segment.rsplit(" and ", 1)[-1]
    if not segment or segment in ("and", "had"):
        segment = _clause_subject(body)
    if possessive := re.match(r"(?:its|their)\s+(.+)$", segment or ""):
        return f"{speaker}'s {possessive[1]}" if speaker else ""
    if not segment or _BLOCKING_PRONOUNS.fullmatch(segment.split()[0]) or len(segment.split()) > 8:
        return ""
    return _tidy_clause(segment)


def _distance_facts(
    *, sentence: ParsedSentence, quantity, before: str, after: str
) -> list[ExtractedFact]:
    """ "Umm al-Waz village, 55 km south-east of al-Qa'im": a distance and a located place."""
    distance = _DISTANCE.match(_CONVERSION.sub("", after))
    near = _PLACE_BEFORE_COMMA.search(before)
    if not distance or not near:
        return []
    place = near["place"]
    head = near["head"] or ""
    name = place[: -len(head)].strip() if head else place
    target = re.sub(r"^the\s+", "", distance["place"]).strip()
    direction = distance["direction"] or ""
    captures = list(
        re.finditer(
            r"\b(captured|recaptured|cleared|seized|entered|liberated|took control of)\b", before
        )
    )
    participle = (
        _CAPTURE_PARTICIPLES.get(captures[-1][1], captures[-1][1]) if captures else "located"
    )
    return [
        _fact(
            sentence,
            kind=QUANTITY,
            subject=f"{quantity.unit} between {place} and {target}",
            value=_quantity_value(quantity),
            source_text=quantity.text,
            number=quantity.number,
            number_max=quantity.number_max,
            unit=quantity.unit,
            qualifier=quantity.qualifier,
        ),
        _fact(
            sentence,
            kind=PLACE_FACT,
            # "40 km of al-Qa'im" says no direction: the place is that far "from" it.
            subject=f"{head or 'place'} {participle} {quantity.text} "
            + (f"{direction}of {target}" if direction else f"from {target}"),
            value=name,
            source_text=place,
            entity_name=name,
        ),
    ]


# Places ----------------------------------------------------------------------------------

_CAPTURE = re.compile(
    r"\b(?:had\s+)?(?:also\s+)?(?P<verb>captured|recaptured|retook|retaken|cleared|seized"
    r"|entered|liberated|took control of|taken control of)\s+"
    r"(?P<objects>[^.;]+)"
)
_OBJECTS_END = re.compile(
    r",?\s+(?:on|during|later|after|in|within|from|since|by|killing|destroying|while|adding"
    r"|west|east|north|south|to)\b|,\s+(?:about\s+)?\d|,\s+\w+ing\b"
)
_OBJECT_SPLIT = re.compile(r",?\s+(?:as well as|along with)\s+|,\s*(?:and\s+)?|\s+and\s+")
_OBJECT_PREFIX = re.compile(
    r"^(?:the|a|an)\s+|^(?:nearby|northern|southern|eastern|western)\s+|^(?:rest|whole|most|all)\s+of\s+"
    r"|^(?:towns?|villages?|cities|city|areas?)\s+of\s+"
)


def _capture_facts(
    *,
    sentence: ParsedSentence,
    text: str,
    anchors: list[_Anchor],
    frame: _Frame | None,
    context: _Context,
) -> list[ExtractedFact]:
    speaker, body = _attribution(text=text, frame=frame, context=context)
    attribution = f" according to {speaker}" if speaker else ""
    when = _when(text=text, anchors=anchors, context=context)
    facts = []
    for match in _CAPTURE.finditer(body):
        # "X, 55 km south-east of Y, and Z": the distance describes X, the list goes on.
        objects = re.sub(
            rf",\s+(?:about\s+)?\d[^,]*?\b(?:{_DIRECTION}\s+)?of\s+[^,]+,?", ",", match["objects"]
        )
        objects = _OBJECTS_END.split(objects)[0]
        head = _COLLECTIVE.match(objects)[0]
        places = []
        for item in _OBJECT_SPLIT.split(re.sub(r"\s+as well$", "", objects[len(head) :])):
            item = item.strip()
            while _OBJECT_PREFIX.match(item):
                item = _OBJECT_PREFIX.sub("", item, count=1)
            place = _place_in(item, context=context)
            # Counted objects ("nine villages around Obeidi") are quantities, not places.
            if place and not find_quantities(text=item):
                places.append((item, place))
        if not places:
            continue
        noun = re.search(r"(towns?|villages?|cities|city|areas?)\s+of", head)
        kind_word = noun[1] if noun else ("places" if len(places) > 1 else "place")
        agent = _agent(body[: match.start()], body=body, speaker=speaker)
        verb = _CAPTURE_PARTICIPLES.get(match["verb"], _to_participle(match["verb"]))
        subject = f"{kind_word} {verb}" + (f" by {agent}" if agent else "") + when + attribution
        names = [item for item, _ in places]
        value = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        facts.append(
            _fact(
                sentence,
                kind=PLACE_FACT,
                subject=_tidy_clause(subject),
                value=value,
                source_text=objects.strip(),
                entity_name=places[0][1].name if len(places) == 1 else "",
            )
        )
    return facts


def _place_in(item: str, *, context: _Context) -> _Entity | None:
    whole = context.entities.find(name=item, kind=PLACE)
    if whole:
        return whole
    for match in _CHUNK.finditer(item):
        entity = context.entities.find(name=match[0])
        if entity and entity.kind == PLACE:
            return entity
    return None


# People ----------------------------------------------------------------------------------


def _role_facts(
    *, sentence: ParsedSentence, text: str, anchors: list[_Anchor], context: _Context
) -> list[ExtractedFact]:
    facts = []
    subject_phrase = _clause_subject(text)
    subject_person = _person_in(subject_phrase, context=context) if subject_phrase else None
    # Each person named here, with the role this sentence gives them, and whether the role
    # is a description ("an Iraqi army colonel") worth a "Who was ...?" of its own.
    mentions: dict[int, tuple[_Entity, str, bool]] = {}
    for match in _RANKED_PERSON.finditer(text):
        person = context.entities.find(name=match["name"], kind=PERSON, surname=True)
        if person:
            mentions.setdefault(id(person), (person, _role_of(match), False))
    for match in _APPOSITIVE_PERSON.finditer(text):
        person = context.entities.find(name=match["name"], kind=PERSON, surname=True)
        if person:
            role = re.sub(r"^(?:an?|the)\s+", "", match["role"].strip())
            mentions[id(person)] = (person, role, True)
    if subject_person:
        mentions.setdefault(id(subject_person), (subject_person, subject_person.role, False))
    for person, role, described in mentions.values():
        role = role or person.role
        subjects = []
        if person is subject_person:
            predicate = _predicate_after(text=text, subject=subject_phrase)
            subjects.append(_with_full_dates(_first_clause(predicate), anchors))
        if role and (described or person is not subject_person):
            subjects.append(f"was the {role}")
        for subject in map(_tidy_clause, subjects):
            if len(subject.split()) < 2:
                continue
            facts.append(
                _fact(
                    sentence,
                    kind=ROLE,
                    subject=subject,
                    value=person.name,
                    source_text=person.name,
                    entity_name=person.name,
                    role=role,
                    side=context.person_sides.get(id(person), ""),
                )
            )
    return facts


def _predicate_after(*, text: str, subject: str) -> str:
    body = _LEADING_ADVERBS.sub("", text)
    at = body.find(subject)
    rest = body[at + len(subject) :] if at >= 0 else body
    # Skip an appositive after the name: "Walid al-Dulaimi, an Iraqi army colonel, told ..."
    rest = re.sub(r"^\s*,[^,]+,", "", rest)
    return rest.strip()


# Related operations -----------------------------------------------------------------------

_RELATIONS = [
    (
        re.compile(r"\b(?:followed|came after|succeeded)\s+(?P<span>.+?)(?:,|$)"),
        "the operation that preceded the {title}",
        1,
    ),
    (
        re.compile(r"\b(?:preceded|was followed by)\s+(?P<span>.+?)(?:,|$)"),
        "the operation that followed the {title}",
        1,
    ),
    (
        re.compile(
            r"\b(?:concurrent with|coincided with|simultaneous with|at the same time as)\s+"
            r"(?P<span>.+)$"
        ),
        "an operation concurrent with the {title}",
        0,
    ),
]


def _relation_facts(*, sentence: ParsedSentence, context: _Context) -> list[ExtractedFact]:
    facts = []
    title = context.article.title
    for pattern, template, limit in _RELATIONS:
        match = pattern.search(sentence.text)
        if not match:
            continue
        operations = _operations_in(match["span"], context=context)
        for mention, entity in operations[: limit or None]:
            if entity.name == title:
                continue
            facts.append(
                _fact(
                    sentence,
                    kind=RELATION,
                    subject=template.format(title=title),
                    value=mention,
                    source_text=mention,
                    entity_name=entity.name,
                )
            )
    return facts


def _operations_in(text: str, *, context: _Context) -> list[tuple[str, _Entity]]:
    found = []
    for entity in context.entities.by_kind(OPERATION):
        for name in sorted(entity.names, key=len, reverse=True):
            match = re.search(rf"\b{re.escape(name)}(?!\w)", text)
            if match:
                found.append((match.start(), match.end(), name, entity))
                break
    found.sort(key=lambda item: (item[0], -item[1]))
    result, end = [], -1
    for start, stop, name, entity in found:
        if start >= end:
            result.append((name, entity))
            end = stop
    return result


def _bullet_facts(
    *, sentence: ParsedSentence, article: ParsedArticle, entities: _Entities
) -> list[ExtractedFact]:
    entity = entities.find(name=sentence.text, kind=OPERATION)
    subject = f"an operation related to the {article.title}"
    if sentence.bullet_parent:
        subject += f", listed under {sentence.bullet_parent}"
    return [
        _fact(
            sentence,
            kind=RELATION,
            subject=subject,
            value=sentence.text,
            source_text=sentence.text,
            entity_name=entity.name if entity else "",
        )
    ]
