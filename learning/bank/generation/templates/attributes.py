"""Templates for infobox attributes: what a field says (typed or chosen), when the
article's events began and ended, and true or false between the two sides' fields."""

import re
from datetime import date

from learning.bank.distractors import mentions, names_clash
from learning.bank.generation.drafts import Context, Draft, generation_key, seeded_rng, true_false
from learning.bank.generation.phrasing import as_clause, be
from learning.bank.generation.templates.events import date_choice, date_draft
from learning.bank.generation.templates.names import name_choice, typed_name
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
    is_person = bool(_PERSON_FIELDS.match(fact.infobox_field)) or (
        fact.entity is not None and fact.entity.kind == Entity.Kind.PERSON
    )
    subject = as_clause(fact.subject)
    return f"{'Who' if is_person else 'What'} {be(subject)} {subject}?"


# Fields whose value one typed answer cannot hold: a state's government ("Monarchy": or a
# kingdom?), religion or currency ("Aksumite coinage"), a treaty's type, a person's offices,
# children or predecessors (which office?), who fought whom (the first sentence says it).
_NOT_TYPED = re.compile(
    r"^(?:government|religion|currency|type|office|children|predecessor|successor|known ?for|"
    r"combatant|languages?|demonym)\d*$",
    re.IGNORECASE,
)


def attribute_typed(fact: Fact, ctx: Context) -> Draft | None:
    """What was the war the campaign was part of? -> the War in Iraq (2013–2017)"""
    if _is_told_as_role(fact, ctx) or _NOT_TYPED.match(fact.infobox_field.replace(" ", "")):
        return None
    return typed_name(fact=fact, ctx=ctx, template="attribute.typed", prompt=_what_was(fact))


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


def _items(value: str) -> list[str]:
    return [item.strip() for item in re.split(r"[;,] ", value) if item.strip()]


# Infobox words that stand where a name would: "Unknown", "Heavy".
_NO_NAMES = {
    "unknown", "heavy", "light", "moderate", "minimal", "several", "many", "few", "none",
    "numerous", "high", "low", "various", "others",
}  # fmt: skip


def _is_name(item: str, *, subject: str) -> bool:
    # "scythed chariots" is no name to put in "… was one of the units"; the side the
    # statement names cannot be one of its own opponents.
    # "Royal guard" is a description; "Companion cavalry" too: every longer word capitalised.
    titled = all(word[:1].isupper() for word in item.split() if len(word) > 3)
    return titled and item.lower() not in _NO_NAMES and not mentions(subject, item)


def attribute_true_false(fact: Fact, ctx: Context) -> Draft | None:
    """Is it true that the Federal Police was one of the units on the side of IS? -> False

    Numbered fields name the two sides ("Units1", "Units2"), so what one side's
    field lists is a sure wrong answer for the other's.
    """
    numbered = re.fullmatch(r"(\D+)([12])", fact.infobox_field)
    if numbered is None or fact.entity is not None or _is_told_as_role(fact, ctx):
        return None
    if numbered[1] != "Units":
        # Who fought whom is the article's first sentence; casualty and strength notes
        # ("Kitbuqa killed", "Heavy") are no names. A side's units are worth the question.
        return None
    other_field = f"{numbered[1]}{3 - int(numbered[2])}"
    other = next((f for f in ctx.facts if f.infobox_field == other_field), None)
    subject = as_clause(fact.subject)
    mine = [item for item in _items(fact.value) if _is_name(item, subject=subject)]
    theirs = (
        [item for item in _items(other.value) if _is_name(item, subject=subject)] if other else []
    )
    if not mine or re.search(r"\d", fact.value):
        # Figures are asked by their quantity facts.
        return None
    rng = seeded_rng(generation_key(template="attribute.true_false", keys=[fact.key]))
    right = rng.choice(mine)
    one_of = "one of " if subject.startswith("the ") and be(subject) == "were" else ""
    return true_false(
        fact=fact,
        ctx=ctx,
        template="attribute.true_false",
        statement=lambda item: f"{item} was {one_of}{subject}",
        right=right,
        wrong=lambda rng: rng.sample(
            [item for item in theirs if not names_clash([item], mine)], min(1, len(theirs))
        ),
        secrets=[right],
    )
