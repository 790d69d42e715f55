"""Turn a parsed article into entities and typed facts. Pure functions, no database.

Rule-based on purpose: encyclopedic prose is regular ("X stated on D that Y had captured Z"),
the rules are inspectable, and every fact keeps the sentence it came from. Subjects and
values are written for question templates ("When did {subject}?", "How many {subject}?",
"Who {subject}?"), so each rule aims for a clean clause rather than maximal recall.
"""

from dataclasses import replace

from learning.content.extraction.captures import capture_facts
from learning.content.extraction.clauses import (
    Context,
    find_anchors,
    find_frame,
    remember,
    resolve_pronoun,
)
from learning.content.extraction.entities import Entities, find_entities
from learning.content.extraction.events import event_facts
from learning.content.extraction.facts import (
    ATTRIBUTE,
    EVENT,
    OPERATION,
    ORGANISATION,
    PERSON,
    PLACE,
    PLACE_FACT,
    QUANTITY,
    RELATION,
    ROLE,
    STATEMENT,
    ExtractedEntity,
    ExtractedFact,
    Extraction,
)
from learning.content.extraction.infobox import infobox_facts
from learning.content.extraction.names import initials, name_key
from learning.content.extraction.quantities import quantity_facts
from learning.content.extraction.relations import bullet_facts, relation_facts
from learning.content.extraction.roles import role_facts
from learning.content.extraction.sides import Sides, person_sides
from learning.content.extraction.statements import statement_facts
from learning.content.parsing import ParsedArticle, ParsedSentence

__all__ = [
    "ATTRIBUTE",
    "EVENT",
    "OPERATION",
    "ORGANISATION",
    "PERSON",
    "PLACE",
    "PLACE_FACT",
    "QUANTITY",
    "RELATION",
    "ROLE",
    "STATEMENT",
    "ExtractedEntity",
    "ExtractedFact",
    "Extraction",
    "extract",
    "initials",
    "name_key",
]


def extract(*, article: ParsedArticle) -> Extraction:
    entities = find_entities(article=article)
    sides = Sides.from_infobox(infobox=article.infobox, entities=entities)
    facts = [
        *infobox_facts(article=article, entities=entities, sides=sides),
        *_sentence_facts(article=article, entities=entities, sides=sides),
    ]
    facts = [_linked(fact, entities=entities) for fact in facts]
    unique = {fact.key: fact for fact in reversed(facts)}
    return Extraction(
        entities=entities.export(),
        facts=sorted(unique.values(), key=facts.index),
    )


def _linked(fact: ExtractedFact, *, entities: Entities) -> ExtractedFact:
    """Point the fact at its entity's canonical name (or at none, when the name is unknown)."""
    if not fact.entity_name or fact.entity_name in {e.name for e in entities.items}:
        return fact
    entity = entities.find(name=fact.entity_name)
    return replace(fact, entity_name=entity.name if entity else "")


def _sentence_facts(
    *, article: ParsedArticle, entities: Entities, sides: Sides
) -> list[ExtractedFact]:
    context = Context(
        article=article,
        entities=entities,
        sides=sides,
        person_sides=person_sides(article=article, entities=entities, sides=sides),
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
                facts.extend(bullet_facts(sentence=sentence, article=article, entities=entities))
            else:
                facts.extend(
                    _prose_facts(sentence=sentence, context=context, lead=section.order == 0)
                )
    return facts


def _prose_facts(*, sentence: ParsedSentence, context: Context, lead: bool) -> list[ExtractedFact]:
    text = resolve_pronoun(text=sentence.text, context=context)
    anchors = find_anchors(text=sentence.text, context=context)
    facts = []
    if text is not None:
        # The parse's questions first: they read best, and a sentence gives only a few.
        facts += statement_facts(sentence=sentence, text=text, anchors=anchors, context=context)
        parsed_days = {fact.date for fact in facts if fact.kind == EVENT}
        frame = find_frame(text)
        # An event the parse already dated is not read again by the patterns.
        facts += [
            fact
            for fact in event_facts(sentence=sentence, text=text, anchors=anchors, frame=frame)
            if fact.date not in parsed_days
        ]
        facts += quantity_facts(
            sentence=sentence, text=text, anchors=anchors, frame=frame, context=context
        )
        facts += capture_facts(
            sentence=sentence, text=text, anchors=anchors, frame=frame, context=context
        )
        facts += role_facts(sentence=sentence, text=text, anchors=anchors, context=context)
        if lead:
            facts += relation_facts(sentence=sentence, context=context)
    remember(text=text or sentence.text, anchors=anchors, context=context)
    return facts
