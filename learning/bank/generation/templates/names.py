"""Drafts whose answer is a name (a person, a place, an operation): chosen among
others, typed, or true or false; the role, place and relation templates use them."""

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from learning.bank.distractors import answer_names, mentions
from learning.bank.generation.drafts import (
    Context,
    Draft,
    Kind,
    fact_draft,
    shuffled_choices,
    true_false,
    unique,
)
from learning.bank.likeness import is_list
from learning.models import Entity, Fact
from learning.text.demonyms import other_names

# Longer answers make poor typed answers.
SHORT_ANSWER_WORDS = 6


def names_of(fact: Fact) -> list[str]:
    """The answer's name and its other spellings, with and without a bracketed note."""
    names = list(answer_names(fact=fact))
    return unique([*names, *(_without_note(name) for name in names)])


def secrets_of(fact: Fact) -> list[str]:
    """What a prompt must not say: the answer's names, and a person's surname ("Who was made
    Baron Clive of Plassey?" gives away Robert Clive)."""
    names = names_of(fact)
    entity = fact.entity
    if entity is not None and entity.kind == Entity.Kind.PERSON:
        last = _without_note(entity.name).split()[-1]
        if len(last) >= 4 and last[0].isupper() and not re.fullmatch(r"[IVXLC]+", last):
            names.append(last)
    return unique(names)


def _without_note(name: str) -> str:
    """'Battle of Ramadi (2014–15)' -> 'Battle of Ramadi'."""
    return re.sub(r"\s*\([^)]*\)$", "", name)


# First words that are titles or kinds, shared by names of different things.
_TITLES = {
    "king", "queen", "sultan", "emperor", "general", "prince", "princess", "lord", "lady",
    "saint", "pope", "duke", "count", "battle", "siege", "treaty", "river", "lake", "mount",
    "fort", "north", "south", "east", "west", "upper", "lower", "great", "new", "first",
}  # fmt: skip


def _named_after(name: str, *, prompt: str) -> bool:
    first = name.split()[0]
    return (
        len(name.split()) > 1
        and first.isalpha()
        and len(first) >= 4
        and first.lower() not in _TITLES
        and mentions(prompt, first)
    )


def name_choice(
    *,
    fact: Fact,
    ctx: Context,
    template: str,
    prompt: str | None,
    keep: Callable[[str], bool] = lambda name: True,
) -> Draft | None:
    if prompt is None:
        return None
    draft, rng = fact_draft(
        template=template,
        kind=Kind.MULTIPLE_CHOICE,
        fact=fact,
        ctx=ctx,
        prompt=prompt,
        answer=names_of(fact)[0],
        secrets=secrets_of(fact),
    )
    # A choice the prompt itself names ("Which operation preceded the 2017 campaign?" offering
    # the 2017 campaign) is no answer anyone would weigh.
    # Nor one named after a name of the prompt ("Who did Ayutthaya attack?" offering the
    # Ayutthaya Kingdom).
    distractors = ctx.pool.names(
        fact=fact,
        rng=rng,
        keep=lambda name: (
            keep(name) and not mentions(prompt, name) and not _named_after(name, prompt=prompt)
        ),
    )
    choices = shuffled_choices(answer=draft.answer, distractors=distractors, rng=rng)
    return replace(draft, choices=choices) if choices else None


def typed_name(
    *, fact: Fact, ctx: Context, template: str, prompt: str | None, also: Sequence[str] = ()
) -> Draft | None:
    """A typed answer: short names only, not lists, not figures (those have their own kinds)."""
    names = names_of(fact)
    plain = _without_note(names[0])
    if prompt is None or len(plain.split()) > SHORT_ANSWER_WORDS or is_list(plain):
        return None
    if re.search(r"\d", plain):
        return None
    # "Dutch mining engineer Rogier Verbeek": the name alone is right too; "French" is
    # "France" in other words.
    named = re.search(r"(?:[A-Z][\w'’-]*\s)+[A-Z][\w'’-]*$", plain)
    also = [*also, named[0]] if named and named[0] != plain else also
    also = [*also, *other_names(plain)]
    return fact_draft(
        template=template,
        kind=Kind.SHORT_ANSWER,
        fact=fact,
        ctx=ctx,
        prompt=prompt,
        # Typed, "Hawija Offensive" is the answer; "(2017)" only tells two of a name apart.
        answer=plain,
        accepted_answers=[name for name in unique([*names, *also]) if name != plain],
        secrets=secrets_of(fact),
    )[0]


def name_true_false(
    *, fact: Fact, ctx: Context, template: str, statement: Callable[[str], str]
) -> Draft:
    return true_false(
        fact=fact,
        ctx=ctx,
        template=template,
        statement=statement,
        right=names_of(fact)[0],
        wrong=lambda rng: ctx.pool.names(fact=fact, rng=rng, count=1),
        secrets=names_of(fact),
    )
