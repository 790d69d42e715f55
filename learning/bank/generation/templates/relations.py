"""Templates for relation facts: the operation that preceded, followed or ran alongside
the article's, chosen, typed or true or false."""

import re
from collections.abc import Callable

from learning.bank.distractors import mentions, normalise
from learning.bank.generation.drafts import BLANK, Context, Draft
from learning.bank.generation.phrasing import as_clause
from learning.bank.generation.templates.names import (
    name_choice,
    name_true_false,
    names_of,
    typed_name,
)
from learning.models import Fact


def _is_related_only(fact: Fact) -> bool:
    # "See also" entries: that a battle is merely related is nothing to learn.
    return " related to " in f" {normalise(fact.subject)} "


def _which_operation(fact: Fact) -> str | None:
    subject = as_clause(fact.subject)
    match = re.fullmatch(r"the (\w+) that (.+)", subject)
    if match:
        return f"Which {match[1]} {match[2]}?"
    match = re.fullmatch(r"an? (\w+) (.+)", subject)
    if match:
        return f"Which {match[1]} was {match[2]}?"
    return f"What was {subject}?"


def relation_which(fact: Fact, ctx: Context) -> Draft | None:
    """Which operation preceded the campaign? -> the Hawija offensive"""
    if _is_related_only(fact):
        return None
    prompt = _which_operation(fact)
    return name_choice(
        fact=fact, ctx=ctx, template="relation.which", prompt=prompt, keep=_believable(fact, ctx)
    )


def _believable(fact: Fact, ctx: Context) -> Callable[[str], bool]:
    """No operation that is the campaign's own war, and for "ran alongside" none whose own
    name dates it to other years ("Battle of Fallujah (2016)" beside a 2017 campaign)."""
    start, end = ctx.source.start_date, ctx.source.end_date
    # The war the campaign is part of neither precedes, follows nor runs beside it.
    wars = [f.value for f in ctx.facts if f.infobox_field.lower() == "partof"]

    def keep(name: str) -> bool:
        if any(mentions(war, name) or mentions(name, war) for war in wars):
            return False
        if "concurrent" not in fact.subject or not (start and end):
            return True
        years = [int(year) for year in re.findall(r"\((?:[^)]*?)(\d{4})", name)]
        return all(start.year <= year <= end.year for year in years)

    return keep


def relation_cloze(fact: Fact, ctx: Context) -> Draft | None:
    """___ was an operation concurrent with the campaign."""
    if _is_related_only(fact):
        return None
    # Every operation of the same relation fills the blank.
    also = [
        name
        for other in ctx.facts
        if other.kind == fact.kind and other.subject == fact.subject and other.pk != fact.pk
        for name in names_of(other)
    ]
    prompt = f"{BLANK} was {as_clause(fact.subject)}."
    return typed_name(fact=fact, ctx=ctx, template="relation.cloze", prompt=prompt, also=also)


def relation_true_false(fact: Fact, ctx: Context) -> Draft | None:
    """Is it true that the Battle of Mosul was an operation concurrent with the campaign?"""
    if _is_related_only(fact):
        return None
    return name_true_false(
        fact=fact,
        ctx=ctx,
        template="relation.true_false",
        statement=lambda name: f"{name} was {as_clause(fact.subject)}",
    )
