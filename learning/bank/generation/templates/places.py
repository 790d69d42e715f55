"""Templates for place facts: which place something was done to, chosen, typed or true
or false."""

import re

from learning.bank.generation.drafts import BLANK, Context, Draft
from learning.bank.generation.phrasing import (
    according_to,
    as_clause,
    attributed,
    be,
    passive,
    without_article,
)
from learning.bank.generation.templates.names import name_choice, name_true_false, typed_name
from learning.models import Fact


def _is_specific(fact: Fact) -> bool:
    # "the place captured according to the JOC" fits several places; a date or a
    # distance ("55 km south-east of al-Qa'im", "on 3 November") singles one out.
    return bool(re.search(r"\d", fact.subject))


def place_which(fact: Fact, ctx: Context) -> Draft | None:
    """Which village was cleared 55 km south-east of al-Qa'im?"""
    body, teller = according_to(as_clause(fact.subject))
    split = passive(body)
    if split is None or not _is_specific(fact):
        return None
    head, done = split
    prompt = attributed(f"Which {head} {be(head)} {done}?", teller=teller)
    return name_choice(fact=fact, ctx=ctx, template="place.which", prompt=prompt)


def place_cloze(fact: Fact, ctx: Context) -> Draft | None:
    """The village cleared 55 km south-east of al-Qa'im was ___."""
    if not _is_specific(fact):
        return None
    body, teller = according_to(without_article(fact.subject))
    prompt = attributed(f"The {body} {be(body)} {BLANK}.", teller=teller)
    return typed_name(fact=fact, ctx=ctx, template="place.cloze", prompt=prompt)


def place_true_false(fact: Fact, ctx: Context) -> Draft | None:
    """Is it true that Awani was the village cleared 55 km south-east of al-Qa'im? -> False"""
    if not _is_specific(fact):
        return None
    subject = without_article(fact.subject)
    return name_true_false(
        fact=fact,
        ctx=ctx,
        template="place.true_false",
        statement=lambda name: f"{name} {be(subject)} the {subject}",
    )
