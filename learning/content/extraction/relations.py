"""Relation facts: the operations that preceded, followed or ran alongside the article's,
and the related operations listed as bullets."""

import re

from learning.content.extraction.clauses import Context
from learning.content.extraction.entities import Entities, Entity
from learning.content.extraction.facts import OPERATION, RELATION, ExtractedFact, sentence_fact
from learning.content.parsing import ParsedArticle, ParsedSentence

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


def relation_facts(*, sentence: ParsedSentence, context: Context) -> list[ExtractedFact]:
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
                sentence_fact(
                    sentence,
                    kind=RELATION,
                    subject=template.format(title=title),
                    value=mention,
                    source_text=mention,
                    entity_name=entity.name,
                )
            )
    return facts


def _operations_in(text: str, *, context: Context) -> list[tuple[str, Entity]]:
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


def bullet_facts(
    *, sentence: ParsedSentence, article: ParsedArticle, entities: Entities
) -> list[ExtractedFact]:
    entity = entities.find(name=sentence.text, kind=OPERATION)
    subject = f"an operation related to the {article.title}"
    if sentence.bullet_parent:
        subject += f", listed under {sentence.bullet_parent}"
    return [
        sentence_fact(
            sentence,
            kind=RELATION,
            subject=subject,
            value=sentence.text,
            source_text=sentence.text,
            entity_name=entity.name if entity else "",
        )
    ]
