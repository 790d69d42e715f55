"""Templates for role facts: who did something, chosen, typed or true or false."""

from learning.bank.generation.drafts import BLANK, Context, Draft
from learning.bank.generation.phrasing import as_clause, has_pronoun
from learning.bank.generation.templates.names import name_choice, name_true_false, typed_name
from learning.models import Fact


def _readable(fact: Fact) -> bool:
    # "Who enjoyed his success only briefly?": whose success, the patterns cannot say.
    return not has_pronoun(fact.subject)


def role_who(fact: Fact, ctx: Context) -> Draft | None:
    """Who announced an offensive to recapture al-Qaim and Rawa on 26 October?"""
    if not _readable(fact):
        return None
    prompt = f"Who {as_clause(fact.subject)}?"
    return name_choice(fact=fact, ctx=ctx, template="role.who", prompt=prompt)


def role_cloze(fact: Fact, ctx: Context) -> Draft | None:
    """___ announced an offensive to recapture al-Qaim and Rawa on 26 October."""
    if not _readable(fact):
        return None
    # "___ was the Major-General.": every Major-General of the article is right.
    holders = [name for holder in ctx.pool.role_holders(fact=fact) for name in holder.names]
    # "___ was one of the commanders of France": every one of them is right.
    holders += [
        other.value
        for other in ctx.facts
        if other.kind == Fact.Kind.ROLE and other.subject == fact.subject and other != fact
    ]
    if fact.infobox_field:
        # "___ was one of the commanders of Macedon": the infobox lists some, the article
        # names more, and a student who names another is right; only a choice asks it fairly.
        return None
    return typed_name(
        fact=fact,
        ctx=ctx,
        template="role.cloze",
        prompt=f"{BLANK} {as_clause(fact.subject)}.",
        also=holders,
    )


def role_true_false(fact: Fact, ctx: Context) -> Draft | None:
    """Is it true that Jabar al-Luaibi announced an offensive ...? -> False"""
    if not _readable(fact):
        return None
    return name_true_false(
        fact=fact,
        ctx=ctx,
        template="role.true_false",
        statement=lambda name: f"{name} {as_clause(fact.subject)}",
    )
