"""Templates for infobox attributes: what a field says (typed or chosen), and when the
article's events began and ended."""

import re
from datetime import date

from learning.bank.generation.drafts import Context, Draft
from learning.bank.generation.phrasing import as_clause, be
from learning.bank.generation.templates.events import date_choice, date_draft
from learning.bank.generation.templates.names import name_choice, typed_name
from learning.content.extraction.infobox import victor_named
from learning.models import Entity, Fact


def _is_told_as_role(fact: Fact, ctx: Context) -> bool:
    # "Commander1" is also a role fact ("commanded the forces of Iraq"): ask that one.
    return any(
        other.kind == Fact.Kind.ROLE and other.infobox_field == fact.infobox_field
        for other in ctx.facts
    )


# Fields of a person's infobox whose value is a person: "Who was the father of Saladin?"
_PERSON_FIELDS = re.compile(
    r"^(?:commander|father|mother|parents|spouse|children|predecessor|successor|deputy|"
    r"monarch|king|queen|emperor|regent|leader|founder|heir|issue|partner)",
    re.IGNORECASE,
)


def _what_was(fact: Fact) -> str:
    if fact.question:
        # The field says how to ask it: "Which side won the Battle of Plassey?"
        return fact.question
    is_person = bool(_PERSON_FIELDS.match(fact.infobox_field)) or (
        fact.entity is not None and fact.entity.kind == Entity.Kind.PERSON
    )
    subject = as_clause(fact.subject)
    return f"{'Who' if is_person else 'What'} {be(subject)} {subject}?"


# Fields whose value one typed answer cannot hold: a state's government ("Monarchy": or a
# kingdom?), religion or currency ("Aksumite coinage"), a treaty's type, a person's offices,
# children or predecessors (which office?), who fought whom (the first sentence says it), a
# result ("Decisive United States victory": "Which side won?" asks it, see content.infobox).
_NOT_TYPED = re.compile(
    r"^(?:government|religion|currency|type|office|children|predecessor|successor|known ?for|"
    r"combatant|languages?|demonym|result)\d*$",
    re.IGNORECASE,
)


def attribute_typed(fact: Fact, ctx: Context) -> Draft | None:
    """What was the war the campaign was part of? -> the War in Iraq (2013–2017)"""
    not_typed = _NOT_TYPED.match(fact.infobox_field.replace(" ", "")) and not fact.question
    if _is_told_as_role(fact, ctx) or not_typed:
        return None
    # "Which side won?" -> "Zulu Kingdom"; "Zulu" and "the Zulus", as the result says it, too.
    victor = victor_named(fact.source_text) if fact.question else ""
    plural = " " not in victor and not victor.endswith("s")
    also = [victor, f"{victor}s"] if victor and plural else [victor]
    return typed_name(
        fact=fact,
        ctx=ctx,
        template="attribute.typed",
        prompt=_what_was(fact),
        also=[name for name in also if name],
    )


def attribute_choice(fact: Fact, ctx: Context) -> Draft | None:
    if fact.entity is None or _is_told_as_role(fact, ctx):
        return None
    return name_choice(fact=fact, ctx=ctx, template="attribute.choice", prompt=_what_was(fact))


def _span(fact: Fact, ctx: Context) -> tuple[date, date] | None:
    """The first and last day of a "Date" field: its own dates, else the article's."""
    if fact.date and fact.date_end:
        return fact.date, fact.date_end
    if fact.infobox_field == "Date" and ctx.source.start_date and ctx.source.end_date:
        return ctx.source.start_date, ctx.source.end_date
    return None


def attribute_began(fact: Fact, ctx: Context) -> Draft | None:
    """When did the 2017 Western Iraq campaign begin? -> 2017-10-26"""
    span = _span(fact, ctx)
    if span is None:
        return None
    prompt = f"When did {ctx.title} begin?"
    return date_draft(fact=fact, ctx=ctx, template="attribute.began", prompt=prompt, day=span[0])


def attribute_ended(fact: Fact, ctx: Context) -> Draft | None:
    """When did the 2017 Western Iraq campaign end? -> 9 December 2017 among four dates."""
    span = _span(fact, ctx)
    if span is None:
        return None
    return date_choice(
        fact=fact,
        ctx=ctx,
        template="attribute.ended",
        prompt=f"When did {ctx.title} end?",
        day=span[1],
        precision=Fact.Precision.DAY,
    )
