"""The extraction's output: entity and fact records, their kinds, and helpers that build
facts."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from learning.content.parsing import ParsedSentence, sha256
from learning.text.numbers import format_number

PERSON, PLACE, ORGANISATION, OPERATION = "person", "place", "organisation", "operation"
EVENT, QUANTITY, ROLE, PLACE_FACT, ATTRIBUTE, RELATION, STATEMENT = (
    "event",
    "quantity",
    "role",
    "place",
    "attribute",
    "relation",
    "statement",
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
    # The fact asked as a question, built from the sentence's parse ("Who built Angkor Wat?").
    question: str = ""

    @property
    def key(self) -> str:
        anchor = self.sentence_hash or f"infobox:{self.infobox_field}"
        return sha256(text="\n".join([self.kind, anchor, self.subject, self.value]))


@dataclass(frozen=True)
class Extraction:
    entities: list[ExtractedEntity]
    facts: list[ExtractedFact]


def sentence_fact(sentence: ParsedSentence, **values) -> ExtractedFact:
    return ExtractedFact(sentence_hash=sentence.text_hash, **values)


def quantity_value(quantity) -> str:
    number = format_number(value=quantity.number)
    if quantity.number_max is not None:
        return f"{number}–{format_number(value=quantity.number_max)}"
    if quantity.qualifier == "exact":
        return number
    return f"{quantity.qualifier} {number}"
