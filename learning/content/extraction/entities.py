"""Finding entities: the registry that merges mentions of one entity, and the people, places,
organisations and operations named in the infobox and the sentences."""

import calendar
import re
from collections import Counter
from dataclasses import dataclass, field

from learning.content.extraction.facts import (
    OPERATION,
    ORGANISATION,
    PERSON,
    PLACE,
    ExtractedEntity,
)
from learning.content.extraction.names import initials, known_aliases, name_key
from learning.content.infobox import entries, split_outside_parentheses
from learning.content.parsing import ParsedArticle, clean_text
from learning.text.dates import MONTH_NAMES

RANK_WORDS = (
    r"Prime Minister|Deputy Prime Minister|President|Vice President|Minister of [A-Z]\w+"
    r"|Minister|Lt\. Gen\.|Lt\. Col\.|Maj\. Gen\.|Brig\. Gen\.|Gen\.|Col\.|Maj\.|Capt\.|Sgt\."
    r"|R\. Adm\.|V\. Adm\.|Vice-Adm\.|Rear-Adm\.|Adm\.|Vice[- ]Admiral|Rear[- ]Admiral|Admiral"
    r"|Field Marshal|Marshal"
    r"|Lieutenant[- ]General|Lieutenant[- ]Colonel|Major[- ]General|Brigadier[- ]General"
    r"|General|Colonel|Major|Captain|Brigadier|Sheikh|Emir|Caliph|King|Queen|Sultan|Emperor"
    r"|Empress|Prince|Princess|Duke|Duchess|Earl|Count|Countess|Pope|Bishop|Archbishop"
    r"|spokesman|spokesperson|commander|leader|chief"
)
RANK_EXPANSIONS = {
    "Lt. Gen.": "Lieutenant-General",
    "Lt. Col.": "Lieutenant-Colonel",
    "Maj. Gen.": "Major-General",
    "Brig. Gen.": "Brigadier-General",
    "Gen.": "General",
    "Col.": "Colonel",
    "Maj.": "Major",
    "Capt.": "Captain",
    "Sgt.": "Sergeant",
    "Adm.": "Admiral",
    "R. Adm.": "Rear Admiral",
    "Rear-Adm.": "Rear Admiral",
    "V. Adm.": "Vice Admiral",
    "Vice-Adm.": "Vice Admiral",
}
_NAME_WORD = (
    # An initial inside a name ("Dwight D. Eisenhower", "James B. McGovern"), or a word.
    r"(?:[A-Z]\.(?=\s+[A-Z][a-z])|"
    r"(?:(?:al|el|ad|as|ash|at|az|ez|es)-)?[A-Z][\w'’]*(?:-(?:(?:al|el|ez)-)?[A-Z0-9][\w'’]*)*)"
)
_PERSON_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:al|el|bin|ibn)\s+)?{_NAME_WORD}){{0,3}}"
# "Iraqi Army Col. Waleed al-Dulaimi", "Kata'ib Hezbollah spokesman Jaafar al-Husseini".
RANKED_PERSON = re.compile(
    rf"(?P<qualifier>(?:[A-Z][\w'’-]+\s+){{0,2}})(?P<rank>{RANK_WORDS})\s+(?P<name>{_PERSON_NAME})"
)
_ROLE_NOUNS = (
    r"colonel|captain|commander|spokesman|spokesperson|official|general|minister|leader|chief"
    r"|officer|governor|head|emir|director|envoy|adviser|advisor|sheikh|mayor|lieutenant"
)
# "Walid al-Dulaimi, an Iraqi army colonel," / "Gen. Yahya Rasoul, JOC spokesman,".
APPOSITIVE_PERSON = re.compile(
    rf"(?P<name>{_PERSON_NAME}),\s+(?P<role>(?:(?:an?|the)\s+)?[^,.;]{{0,60}}?\b(?:{_ROLE_NOUNS})\b"
    rf"[^,.;]{{0,50}}?),"
)
CHUNK = re.compile(
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
    *MONTH_NAMES,
    *(name for name in calendar.day_name),
}
_PLACE_CONTEXT = re.compile(
    r"\b(?:in|near|towards|toward|into|at|from|across|of|around|captured|recaptured|recapturing"
    r"|capturing|retaken|retook|entered|entering|cleared|clearing|liberate|liberated|seized"
    r"|advancing on|control of|penetrated into|reached|including)\s+(?:the\s+)?(?:nearby\s+)?"
    r"(?:(?:town|towns|village|villages|city|district|region|province|border city)\s+of\s+)?$"
)


@dataclass
class Entity:
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


class Entities:
    """Entities under construction, merged by name key, acronym and surname."""

    def __init__(self) -> None:
        self.items: list[Entity] = []
        self._by_key: dict[str, Entity] = {}
        self._counter = 0

    def add(self, *, name: str, kind: str, acronym: str = "") -> Entity:
        name = _tidy_name(name)
        entity = self.find(name=name, kind=kind) if name else None
        if entity is None:
            entity = Entity(kind=kind)
            self.items.append(entity)
        self._note(entity, name)
        if acronym:
            entity.acronyms.add(acronym)
            self._note(entity, acronym)
        return entity

    def _note(self, entity: Entity, name: str) -> None:
        self._counter += 1
        if re.fullmatch(r"[A-Z]{2,6}", name):
            entity.acronyms.add(name)
        entity.names[name] += 1
        entity.first_seen.setdefault(name, self._counter)
        self._by_key.setdefault(self._key(name, entity.kind), entity)

    def _key(self, name: str, kind: str) -> str:
        return f"{kind == PERSON}:{name_key(name=name, kind=kind)}"

    def find(self, *, name: str, kind: str = "", surname: bool = False) -> Entity | None:
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

    def _by_acronym(self, acronym: str) -> Entity | None:
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

    def _by_surname(self, name: str) -> Entity | None:
        key = name_key(name=name, kind=PERSON)
        if not key or " " in key:
            return None
        matches = [
            entity
            for entity in self.items
            if entity.kind == PERSON
            and any(name_key(name=n, kind=PERSON).split()[-1:] == [key] for n in entity.names)
        ]
        if len(matches) != 1:
            return None
        # The article calls the person so ("Yarallah said"): a student may too.
        self._note(matches[0], _tidy_name(name))
        return matches[0]

    def note_mention(self, *, entity: Entity, name: str) -> None:
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

    def by_kind(self, kind: str) -> list[Entity]:
        return [entity for entity in self.items if entity.kind == kind]


def _tidy_name(name: str) -> str:
    name = re.sub(r"['’]s?$", "", clean_text(text=name).strip(' ,.;:"'))
    return re.sub(r"^(?:the|The|of|and)\s+", "", name)


def find_entities(*, article: ParsedArticle) -> Entities:
    entities = Entities()
    entities.add(name=article.title, kind=OPERATION)
    _entities_from_infobox(infobox=article.infobox, entities=entities)
    sentences = article.sentences
    for sentence in sentences:
        if sentence.is_bullet:
            entities.add(name=sentence.text, kind=OPERATION)
            continue
        for match in RANKED_PERSON.finditer(sentence.text):
            _add_person(entities=entities, name=match["name"], role=role_of(match))
        for match in APPOSITIVE_PERSON.finditer(sentence.text):
            if _looks_like_person(match["name"]):
                _add_person(entities=entities, name=match["name"], role=match["role"])
        for match in re.finditer(rf"({CHUNK.pattern})\s+\(([A-Z][A-Za-z]{{1,7}})\)", sentence.text):
            entities.add(
                name=match[1], kind=_chunk_kind(match[1]) or ORGANISATION, acronym=match[2]
            )
    for sentence in sentences:
        if not sentence.is_bullet:
            _entities_from_chunks(text=sentence.text, entities=entities)
    for alias, name in known_aliases().items():
        if (entity := entities.find(name=name)) and _mentioned(alias, article):
            entities.note_mention(entity=entity, name=alias)
    return entities


def _mentioned(name: str, article: ParsedArticle) -> bool:
    return any(re.search(rf"\b{re.escape(name)}\b", s.text) for s in article.sentences)


def _entities_from_infobox(*, infobox: dict[str, str], entities: Entities) -> None:
    for key, value in infobox.items():
        field_name = re.sub(r"\d+$", "", key).lower()
        if field_name == "commander":
            for entry in entries(value, people=True):
                match = RANKED_PERSON.fullmatch(entry.name)
                name = match["name"] if match else entry.name
                role = entry.role or (role_of(match) if match else "commander")
                _add_person(entities=entities, name=name, role=role)
        elif field_name in ("place", "territory"):
            # Notes in parentheses name no place; a stray bracket must not stop the split.
            places = re.sub(r"\([^)]*\)|[()]", "", value)
            for item in split_outside_parentheses(places, and_too=True):
                for chunk in CHUNK.findall(item):
                    if _chunk_kind(chunk) == PLACE or field_name == "place":
                        entities.add(name=chunk, kind=PLACE)
        elif field_name in ("combatant", "units"):
            for item in (entry.name for entry in entries(value)):
                kind = _chunk_kind(item) or (
                    PLACE if re.fullmatch(r"[A-Z][a-z]+", item) else ORGANISATION
                )
                if item[:1].isupper():
                    entities.add(name=item, kind=kind)
        elif field_name == "partof":
            entities.add(name=value, kind=OPERATION)


def role_of(match: re.Match) -> str:
    rank = RANK_EXPANSIONS.get(match["rank"], match["rank"])
    qualifier = match["qualifier"].strip()
    # "Army Major-General": the service word is part of the role; a leading capitalised
    # sentence word ("Later") is not.
    if qualifier and qualifier.split()[0] not in _SENTENCE_STARTERS:
        return f"{qualifier} {rank}"
    return rank


def _add_person(*, entities: Entities, name: str, role: str) -> None:
    name = re.sub(rf"^(?:{RANK_WORDS})\s+", "", name.strip())
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


def _entities_from_chunks(*, text: str, entities: Entities) -> None:
    # People were found by their ranks and roles; keep their names out of the chunks.
    text = RANKED_PERSON.sub(lambda m: m["qualifier"] + " ; ", text)
    previous_kind, previous_end = "", 0
    for match in CHUNK.finditer(text):
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
    *, text: str, chunk: str, start: int, entities: Entities, listed_kind: str
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
