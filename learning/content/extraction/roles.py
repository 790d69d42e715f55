"""Role facts: who the people named were and what they did ("Who {subject}?")."""

import re

from learning.content.extraction.clauses import (
    LEADING_ADVERBS,
    NEGATED,
    Anchor,
    Context,
    clause_subject,
    first_clause,
    person_in,
    tidy_clause,
    with_full_dates,
)
from learning.content.extraction.entities import APPOSITIVE_PERSON, RANKED_PERSON, Entity, role_of
from learning.content.extraction.facts import PERSON, ROLE, ExtractedFact, sentence_fact
from learning.content.parsing import ParsedSentence
from learning.text.mentions import normalise


def role_facts(
    *, sentence: ParsedSentence, text: str, anchors: list[Anchor], context: Context
) -> list[ExtractedFact]:
    facts = []
    subject_phrase = clause_subject(text)
    subject_person = person_in(subject_phrase, context=context) if subject_phrase else None
    if subject_person and not _is_the_doer(subject_person, phrase=subject_phrase):
        subject_person = None
    # Each person named here, with the role this sentence gives them, and whether the role
    # is a description ("an Iraqi army colonel") worth a "Who was ...?" of its own.
    mentions: dict[int, tuple[Entity, str, bool]] = {}
    for match in RANKED_PERSON.finditer(text):
        person = context.entities.find(name=match["name"], kind=PERSON, surname=True)
        if person:
            mentions.setdefault(id(person), (person, role_of(match), False))
    for match in APPOSITIVE_PERSON.finditer(text):
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
            predicate = first_clause(_predicate_after(text=text, subject=subject_phrase))
            if not NEGATED.search(predicate):
                subjects.append(with_full_dates(predicate, anchors))
        if role and (described or person is not subject_person):
            subjects.append(f"was the {role}")
        for subject in map(tidy_clause, subjects):
            if len(subject.split()) < 2:
                continue
            facts.append(
                sentence_fact(
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


def _is_the_doer(person: Entity, *, phrase: str) -> bool:
    """Whether the subject is the person, not a thing named after them ("The secret protocol
    of the Molotov–Ribbentrop Pact placed Finland…") nor one of several ("Both Henry V and
    Charles VI died in 1422")."""
    phrase = normalise(re.sub(r",.*$", "", phrase))
    if re.search(r"\b(?:and|both|or)\b", phrase):
        return False
    return any(f" {phrase}".endswith(f" {normalise(name)}") for name in person.names)


def _predicate_after(*, text: str, subject: str) -> str:
    body = LEADING_ADVERBS.sub("", text)
    at = body.find(subject)
    rest = body[at + len(subject) :] if at >= 0 else body
    # Skip an appositive after the name: "Walid al-Dulaimi, an Iraqi army colonel, told ..."
    rest = re.sub(r"^\s*,[^,]+,", "", rest)
    return rest.strip()
