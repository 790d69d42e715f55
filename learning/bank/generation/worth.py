"""Which facts a teacher would ask about at all: not a routine attribution ("Who told Anadolu
Agency that…?") nor a trivial count ("9 SVBIEDs"), unless the fact is a headline."""

import re

from learning.bank.generation.drafts import Context
from learning.content.extraction.events import REPORTED_BY
from learning.models import Fact

# A figure this large is a headline wherever it stands.
HEADLINE_FIGURE = 1000
# Saying that something happened, rather than doing it: "told Anadolu Agency that…".
_REPORTING = re.compile(
    r"^(?:also\s+|later\s+)?(?:stated|said|told|added|claimed|reported|noted|insisted|"
    r"declared|announced|confirmed|warned|denied|revealed|estimated)\b(?:[^,]{0,60}?\bthat\b|,|\s+\"|\s+“)"
)
# Offices whose holders' words are part of the story.
_LEADERS = re.compile(
    r"\b(?:prime minister|president|king|queen|emperor|empress|sultan|caliph|shah|tsar|pope|"
    r"chancellor|khan|pharaoh|commander-in-chief)\b",
    re.IGNORECASE,
)


def _in_lead(fact: Fact) -> bool:
    return fact.sentence is not None and fact.sentence.section.order == 0


def _is_headline_figure(fact: Fact) -> bool:
    largest = max(fact.number or 0, fact.number_max or 0)
    return fact.sentence is None or _in_lead(fact) or largest >= HEADLINE_FIGURE


def _leaders(ctx: Context) -> set[int]:
    """The people who lead in the article: its infobox's commanders and heads of state."""
    return {
        fact.entity_id
        for fact in ctx.facts
        if fact.entity_id
        and (fact.infobox_field.startswith("Commander") or _LEADERS.search(fact.role or ""))
    }


def is_dated_by_its_report(fact: Fact) -> bool:
    """An event whose only date is that of the statement reporting it: no question says it
    happened on that day."""
    return fact.kind == Fact.Kind.EVENT and fact.qualifier == REPORTED_BY


def is_worth_asking(fact: Fact, ctx: Context, *, leaders: set[int]) -> bool:
    if is_dated_by_its_report(fact):
        return False
    if fact.kind == Fact.Kind.QUANTITY:
        return _is_headline_figure(fact)
    if fact.kind == Fact.Kind.ROLE and _REPORTING.match(fact.subject):
        return fact.entity_id in leaders
    return True


def worth_asking(ctx: Context) -> list[Fact]:
    leaders = _leaders(ctx)
    return [fact for fact in ctx.facts if is_worth_asking(fact, ctx, leaders=leaders)]
