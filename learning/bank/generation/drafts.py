"""Drafts: a generated question before it is saved, the context its templates read, and
the helpers every template builds with (stable keys, seeded choices, explanations)."""

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from random import Random

from learning.bank.distractors import DistractorPool
from learning.bank.rules import FALSE, TRUE, TRUE_FALSE
from learning.models import Fact, Question, Section, Source

Kind = Question.Kind
BLANK = "___"


@dataclass(frozen=True)
class Draft:
    """A generated question before it is saved."""

    template: str
    kind: str
    generation_key: str
    prompt: str
    answer: str
    explanation: str
    # The text taken from the facts, checked for dangling pronouns.
    content: list[str]
    # Spellings of the answer that must not appear in the prompt.
    secrets: list[str]
    fact: Fact | None = None
    section: Section | None = None
    accepted_answers: list[str] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)
    tolerance: Decimal = Decimal(0)
    # 0–100, set once the draft is accepted (worth.value_of).
    value: int = 0


@dataclass(frozen=True)
class Context:
    source: Source
    facts: list[Fact]
    pool: DistractorPool
    infobox: Section | None
    # Added to each question's seed to draw other distractors (see regenerate_distractors).
    reseed: str = ""

    @property
    def title(self) -> str:
        """The article's title as a question names it: "the 2017 Western Iraq campaign"."""
        title = self.source.title
        return title if title.lower().startswith("the ") else f"the {title}"


def generation_key(*, template: str, keys: Sequence[str]) -> str:
    return hashlib.sha256(f"{template}:{':'.join(keys)}".encode()).hexdigest()


def seeded_rng(key: str) -> Random:
    # Seeded with the generation key: the same question always gets the same choices.
    return Random(key)


def fact_explanation(*, fact: Fact, lead: str = "") -> str:
    if fact.sentence is not None:
        quote = f"From the article: “{fact.sentence.text}”"
    else:
        quote = f"From the infobox: {fact.infobox_line}"
    return f"{lead} {quote}" if lead else quote


def fact_draft(
    *, template: str, kind: str, fact: Fact, ctx: Context, **fields
) -> tuple[Draft, Random]:
    key = generation_key(template=template, keys=[fact.key])
    fields.setdefault("content", [fact.subject])
    fields.setdefault("explanation", fact_explanation(fact=fact))
    draft = Draft(
        template=template,
        kind=kind,
        generation_key=key,
        fact=fact,
        section=fact.sentence.section if fact.sentence else ctx.infobox,
        **fields,
    )
    return draft, seeded_rng(key + ctx.reseed)


def shuffled_choices(*, answer: str, distractors: Sequence[str], rng: Random) -> list[str] | None:
    """The answer and three distractors in a stable shuffled order, or None with fewer."""
    if len(distractors) < 3:
        return None
    choices = [answer, *distractors[:3]]
    rng.shuffle(choices)
    return choices


def true_false(
    *,
    fact: Fact,
    ctx: Context,
    template: str,
    statement: Callable[[str], str],
    right: str,
    wrong: Callable[[Random], list[str]],
    secrets: list[str],
) -> Draft:
    """'Is it true that <statement>?', false half the time: a wrong value swapped in."""
    rng = seeded_rng(generation_key(template=template, keys=[fact.key]))
    wrong_values = wrong(rng)
    is_true = not wrong_values or rng.random() < 0.5
    lead = "" if is_true else f"False: it was {right}."
    return fact_draft(
        template=template,
        kind=Kind.TRUE_FALSE,
        fact=fact,
        ctx=ctx,
        prompt=f"Is it true that {statement(right if is_true else wrong_values[0])}?",
        answer=TRUE if is_true else FALSE,
        choices=list(TRUE_FALSE),
        secrets=secrets,
        explanation=fact_explanation(fact=fact, lead=lead),
    )[0]


def unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))
