"""Templates for statement facts, questions the sentence's parse already asks ("Which pass
did Lewis cross …?"): the name chosen among others of its kind, or typed."""

import re
from dataclasses import replace

from learning.bank.generation.drafts import Context, Draft
from learning.bank.generation.templates.names import name_choice, typed_name
from learning.models import Fact

# "Which pass did …", "Into which sea …": the kind of thing the question asks for.
_TYPE_WORD = re.compile(r"\bwhich (\w+)\b", re.IGNORECASE)
# Type words that any name of the answer's kind fits.
_ANY_NAME = {"place"}


def statement_choice(fact: Fact, ctx: Context) -> Draft | None:
    """Which place did Hulagu sack in February 1258? -> Baghdad, among three other places."""
    match = _TYPE_WORD.search(fact.question)
    word = match[1].lower() if match else ""
    if word and word not in _ANY_NAME:
        # "Which pass …?" offers passes only: another kind of name gives itself away.
        def keep(name: str) -> bool:
            return re.search(rf"\b{re.escape(word)}\b", name, re.IGNORECASE) is not None
    else:

        def keep(name: str) -> bool:
            return True

    draft = name_choice(
        fact=fact, ctx=ctx, template="statement.choice", prompt=fact.question, keep=keep
    )
    return _asked(draft, fact=fact)


def statement_typed(fact: Fact, ctx: Context) -> Draft | None:
    """Who built Angkor Wat? -> typed: Suryavarman II."""
    draft = typed_name(fact=fact, ctx=ctx, template="statement.typed", prompt=fact.question)
    return _asked(draft, fact=fact)


def _asked(draft: Draft | None, *, fact: Fact) -> Draft | None:
    # The fact's subject is the whole clause, answer included; the question is what is read.
    return replace(draft, content=[fact.question]) if draft else None
