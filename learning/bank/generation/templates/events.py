"""Templates for event facts: when something happened (typed or chosen), which event
happened on a day, and true or false with another date; shared with the infobox dates."""

import re
from dataclasses import replace
from datetime import date

from learning.bank.generation.drafts import (
    Context,
    Draft,
    Kind,
    fact_draft,
    shuffled_choices,
    true_false,
    unique,
)
from learning.bank.generation.grammar import is_fragment
from learning.bank.generation.phrasing import (
    PRONOUNS,
    as_clause,
    capitalise,
    dangles,
    has_pronoun,
    question_from_clause,
)
from learning.models import Fact
from learning.text.dates import MONTH_NAMES, format_date

# The longest clause a pattern-read event is asked with.
CLAUSE_WORDS = 18


def is_plain(fact: Fact) -> bool:
    """Whether the event reads cleanly in a question: the parse asked it, or its clause is
    short, has no comma (where pasted clauses break: "a relief force under Clive, carried
    by …, sail in October and retook Calcutta") and tells no date of its own."""
    if fact.question:
        return True
    subject = fact.subject
    if has_pronoun(subject):
        # "the Abbasid caliph recognised him as sultan": the patterns cannot tell who.
        return False
    return (
        "," not in subject and len(subject.split()) <= CLAUSE_WORDS and not _DATED.search(subject)
    )


def is_day(fact: Fact) -> bool:
    return fact.date_precision == Fact.Precision.DAY and fact.date_end is None


def _precision(fact: Fact) -> str:
    return fact.date_precision or Fact.Precision.DAY


def _when(*, day: date, precision: str) -> str:
    label = format_date(value=day, precision=precision)
    return f"on {label}" if precision == Fact.Precision.DAY else f"in {label}"


def _day_secrets(day: date) -> list[str]:
    return [format_date(value=day, precision=Fact.Precision.DAY), f"{day.day} {day:%B}"]


def _date_secrets(fact: Fact) -> list[str]:
    return [fact.value, *_day_secrets(fact.date)] if fact.date else [fact.value]


def date_draft(
    *, fact: Fact, ctx: Context, template: str, prompt: str | None, day: date
) -> Draft | None:
    if prompt is None:
        return None
    human = format_date(value=day, precision=Fact.Precision.DAY)
    return fact_draft(
        template=template,
        kind=Kind.DATE,
        fact=fact,
        ctx=ctx,
        prompt=prompt,
        answer=day.isoformat(),
        accepted_answers=unique([human, f"{day:%B} {day.day}, {day.year}", f"{day:%d/%m/%Y}"]),
        secrets=[*_date_secrets(fact), *_day_secrets(day)],
    )[0]


def event_date(fact: Fact, ctx: Context) -> Draft | None:
    """When did the Iraqi Army capture Rawa? -> 2017-11-17"""
    if not is_plain(fact):
        return None
    if not is_day(fact):
        return None
    prompt = _asked(fact, wh="When")
    return date_draft(fact=fact, ctx=ctx, template="event.date", prompt=prompt, day=fact.date)


def _asked(fact: Fact, *, wh: str) -> str | None:
    """The fact asked with ``wh``: the parse's own "When did …?" if it has one. None when
    the question itself tells a date: "When did Siraj agree to the treaty on 9 February?"
    gives away or contradicts its answer."""
    if fact.question.startswith("When "):
        question = f"{wh} {fact.question.removeprefix('When ')}"
    else:
        question = question_from_clause(clause=fact.subject, wh=wh)
    if question is None or _DATED.search(question) or _TWO_TIMES.search(question[5:]):
        return None
    return question


# "When was Nur ad-Din preparing to march when he died?": a second time inside the question.
_TWO_TIMES = re.compile(r"\b(?:when|while|then|whereupon)\b", re.IGNORECASE)


# A date of its own: a year ("1453", or "in 881"), or a month.
_DATED = re.compile(
    rf"\b(?:1[0-9]{{3}}|20[0-9]{{2}}|{'|'.join(MONTH_NAMES)})\b"
    r"|\b(?:in|by|from|until|since|around) [1-9]\d{2}\b"
)


# The personal pronouns, "it" and "this" aside, that a choice cannot lean on.
_PERSONAL = re.compile(rf"\b(?:{'|'.join(sorted(PRONOUNS - {'it', 'this'}))})\b", re.IGNORECASE)
# The longest event a choice among four may tell.
CHOICE_WORDS = 16


def event_on_day(fact: Fact, ctx: Context) -> Draft | None:
    """Which of these happened on 3 November 2017? -> four events."""
    if not is_plain(fact) or fact.sentence_id is None:
        # "Which of these happened on 14 November 1889?" beside "Nehru died": the infobox's
        # births and deaths are asked for their dates, not picked out among the story's events.
        return None
    if not is_day(fact) or len(fact.subject.split()) > CHOICE_WORDS or is_fragment(fact.subject):
        return None
    draft, rng = fact_draft(
        template="event.on_day",
        kind=Kind.MULTIPLE_CHOICE,
        fact=fact,
        ctx=ctx,
        prompt=f"Which of these happened {_when(day=fact.date, precision=Fact.Precision.DAY)}?",
        answer=capitalise(as_clause(fact.subject)),
        secrets=[],
    )
    # A choice that tells its own date ("… in 1909") rules itself out; a long one is a
    # reading test beside short ones.
    others = ctx.pool.events(
        fact=fact,
        rng=rng,
        # Nor one that leans on its paragraph ("The murder of Sucre deeply affected him"), nor
        # the subject's own birth or death from the infobox ("Joan of Arc died" among May 1429).
        keep=lambda other: (
            not dangles(other.subject)
            and not _DATED.search(other.subject)
            and not is_fragment(other.subject)
            and not _PERSONAL.search(other.subject)
            and other.sentence_id is not None
            and len(other.subject.split()) <= CHOICE_WORDS
        ),
    )
    choices = shuffled_choices(
        answer=draft.answer, distractors=[capitalise(as_clause(o.subject)) for o in others], rng=rng
    )
    if choices is None:
        return None
    return replace(draft, choices=choices, content=[fact.subject, *(o.subject for o in others)])


def date_choice(
    *, fact: Fact, ctx: Context, template: str, prompt: str | None, day: date, precision: str
) -> Draft | None:
    if prompt is None:
        return None
    draft, rng = fact_draft(
        template=template,
        kind=Kind.MULTIPLE_CHOICE,
        fact=fact,
        ctx=ctx,
        prompt=prompt,
        answer=format_date(value=day, precision=precision),
        secrets=[*_date_secrets(fact), *_day_secrets(day)],
    )
    wrong = ctx.pool.dates(fact=fact, rng=rng, day=day, precision=precision)
    choices = shuffled_choices(
        answer=draft.answer,
        distractors=[format_date(value=d, precision=precision) for d in wrong],
        rng=rng,
    )
    return replace(draft, choices=choices) if choices else None


def event_which_date(fact: Fact, ctx: Context) -> Draft | None:
    """When did ... ? -> one of four dates (months or years for less precise dates)."""
    if not is_plain(fact):
        return None
    if fact.date is None or fact.date_end is not None:
        return None
    precision = _precision(fact)
    wh = {Fact.Precision.YEAR: "In which year", Fact.Precision.MONTH: "In which month"}
    return date_choice(
        fact=fact,
        ctx=ctx,
        template="event.which_date",
        prompt=_asked(fact, wh=wh.get(precision, "On which date")),
        day=fact.date,
        precision=precision,
    )


def event_true_false(fact: Fact, ctx: Context) -> Draft | None:
    """Is it true that the Iraqi Army captured Rawa on 5 November 2017? -> False"""
    if not is_plain(fact):
        return None
    if fact.date is None or fact.date_end is not None:
        return None
    precision = _precision(fact)
    return true_false(
        fact=fact,
        ctx=ctx,
        template="event.true_false",
        statement=lambda when: f"{as_clause(fact.subject)} {when}",
        right=_when(day=fact.date, precision=precision),
        wrong=lambda rng: [
            _when(day=day, precision=precision)
            for day in ctx.pool.dates(fact=fact, rng=rng, count=1)
        ],
        secrets=_date_secrets(fact),
    )
