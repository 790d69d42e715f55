"""Combatant sides: the belligerents of the infobox, the words that name each, and the side
each person is on."""

import re
from dataclasses import dataclass

from learning.content.extraction.entities import Entities
from learning.content.extraction.facts import ORGANISATION, PERSON, PLACE
from learning.content.infobox import entries
from learning.content.parsing import ParsedArticle

# Words that stand for a side's armed forces without naming it ("Army Major-General").
_SERVICE_SYNONYMS = {"armed forces": ["army"], "police": ["police"]}


@dataclass(frozen=True)
class Sides:
    """The belligerents of the infobox: "1" -> "Iraq", "2" -> "IS", and the words for each."""

    labels: dict[str, str]
    words: dict[str, set[str]]

    @classmethod
    def from_infobox(cls, *, infobox: dict[str, str], entities: Entities) -> "Sides":
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
            # Flags, empty entries and supporters name no side.
            combatants = [
                entry.name
                for entry in entries(infobox.get(f"Combatant{index}", ""))
                if not entry.supporting
            ]
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


def person_sides(*, article: ParsedArticle, entities: Entities, sides: Sides) -> dict[int, str]:
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
