"""Templates for quantity facts: how to ask for a figure, then the figure typed or chosen
among others."""

import re
from dataclasses import replace
from decimal import Decimal

from learning.bank.generation.drafts import (
    Context,
    Draft,
    Kind,
    fact_draft,
    fact_explanation,
    shuffled_choices,
)
from learning.bank.generation.grammar import is_fragment
from learning.bank.generation.phrasing import (
    DETERMINERS,
    according_to,
    as_clause,
    attributed,
    join_words,
)
from learning.bank.likeness import unit_key
from learning.models import Fact
from learning.text.english import is_participle
from learning.text.numbers import format_number, plain_number

# "Around 50,000": answers within this share of the figure count as right.
AROUND = Decimal("0.1")
UNIT_WORDS = {
    "km": "kilometres",
    "km²": "square kilometres",
    "sq mi": "square miles",
    "mi": "miles",
    "m": "metres",
    "%": "per cent",
}


def _with_verb(words: list[str]) -> list[str]:
    """'killed by the JOC' -> 'were killed by the JOC'; 'still in Rawa' -> 'were still in Rawa'."""
    for i, word in enumerate(words):
        if word in ("was", "were"):
            return words
        if word[0].islower() and is_participle(word):
            if i and words[i - 1].lower() in DETERMINERS:
                continue
            if i + 1 < len(words) and words[i + 1].lower() in DETERMINERS:
                # "fighters defended the town": already a finite verb.
                return words
            return [*words[:i], "were", *words[i:]]
    return ["were", *words]


def _figure_question(fact: Fact, ctx: Context) -> str | None:
    """The question that asks for the fact's figure, if one can be put."""
    if fact.infobox_field:
        return _side_figure(fact, ctx)
    if fact.number == 1 and fact.number_max is None:
        # "one of the worst defeats", "one of the most celebrated figures": no count.
        return None
    if fact.unit in _DISTANCES:
        # "How far was Zimbabwe from modern Masvingo?": judged blind, a distance read from a
        # sentence was trivial or garbled each time.
        return None
    question = _sentence_figure(fact)
    if question is None:
        return None
    # "1,300 miles (2,100 km)": the conversion beside the asked figure tells it.
    question = _CONVERSION.sub("", question)
    counted = re.sub(r"^(?:According to [^,]+, )?How many ", "", question).rstrip("?")
    if re.search(r"\([^)]*\d", question) or is_fragment(counted) or _TURNED.search(counted):
        # "(usually given as 3,057)" tells another figure; "How many Persians killed?"
        # lost what the sentence said of them.
        return None
    return question


_DISTANCES = {"km", "mi", "m", "miles", "kilometres", "metres", "ft"}
# A sentence's "Alexander's army numbered 40,000 infantry" turned round by the patterns:
# "How many infantry were numbered by Alexander's army?".
_TURNED = re.compile(
    r"\bwere (?:numbered|included|comprised|counted|totalled|made up) by\b"
    r"|\b(?:usually|often) were\b"
)


_CONVERSION = re.compile(
    r"\s*\((?:about |some |c\. )?[\d.,]+(?:–[\d.,]+)?\s*(?:km²|km2|sq mi|km|mi|m|ft|kg|lb)\)"
)


def _sentence_figure(fact: Fact) -> str | None:
    body, teller = according_to(as_clause(fact.subject))
    unit = fact.unit
    measure = UNIT_WORDS.get(unit, unit)
    question = _figure_question_of(body=body, unit=unit, measure=measure)
    if question is None or not teller:
        return question
    return attributed(question, teller=teller)


# An infobox note that says whose figure it is: "(CJTF-OIR estimate)", "(modern estimates)".
_WHOSE_FIGURE = re.compile(r"^(?P<whose>.+?\b(?:estimates?|figures?))$")
# Fewer troops than this is a count of something else (carriers, ships), not of soldiers.
_FEWEST_TROOPS = 10


def _side_figure(fact: Fact, ctx: Context) -> str | None:
    """ "strength of the Zulu Kingdom" -> "How many troops did the Zulu Kingdom have in the
    Battle of Isandlwana?"; None when a note changes what is counted ("(executed)", "(40,000
    infantry, 7,000 cavalry)") or the figure counts something else."""
    found = re.fullmatch(r"(strength|casualties) of (.+?)(?: \((.+)\))?", fact.subject)
    if found is None or fact.number is None or fact.number < _FEWEST_TROOPS:
        return None
    label, side, note = found.groups()
    whose = ""
    if note:
        owned = _WHOSE_FIGURE.match(note)
        if owned is None or re.search(r"\d", note):
            return None
        owner = owned["whose"]
        plural_or_owned = owner.endswith("s") or "'" in owner or "’" in owner
        whose = owner if plural_or_owned else f"the {owner}"
    title = ctx.title
    if label == "casualties" and fact.unit == "killed":
        # "1,571–2,293 killed, 5,195–6,650 wounded": the figure counts the dead alone.
        asked = f"how many men were killed on the side of {side} in {title}?"
    else:
        verb, noun = ("have", "troops") if label == "strength" else ("suffer", "casualties")
        asked = f"how many {noun} did {side} {verb} in {title}?"
    return f"According to {whose}, {asked}" if whose else asked[0].upper() + asked[1:]


def _figure_question_of(*, body: str, unit: str, measure: str) -> str | None:
    words = body.split()
    for size in (3, 2, 1):
        if unit and unit_key(" ".join(words[:size])) == unit_key(unit):
            rest = words[size:]
            relative = re.fullmatch(
                r"(?:(.*?),? )?((?:of )?(?:which|that|who)) (.+)", join_words(*rest)
            )
            if relative:
                return _relative_figure(
                    measure=measure, counted=relative[1] or "", relative=relative
                )
            return join_words("How many", measure, *_with_verb(rest)) + "?"
    return None


def _relative_figure(*, measure: str, counted: str, relative: re.Match) -> str:
    pronoun, clause = relative[2], relative[3]
    if pronoun.startswith("of "):
        # "km² of desert area of which half was retaken": nothing was done to the
        # area itself, so ask how much there was.
        return join_words("How many", measure, counted, "were there,", pronoun, clause) + "?"
    # "Iraqi divisions that carried out the operation": the clause is the question.
    return join_words("How many", measure, counted, clause) + "?"


def _figure(fact: Fact) -> str:
    if fact.number_max is not None:
        return f"{format_number(fact.number)}–{format_number(fact.number_max)}"
    return format_number(fact.number)


def _number_secrets(fact: Fact) -> list[str]:
    numbers = [fact.number, fact.number_max] if fact.number_max is not None else [fact.number]
    return [form for n in numbers for form in (format_number(n), plain_number(n))]


def _qualified(fact: Fact) -> str:
    """ "The article says more than 75." for figures that are not exact."""
    if fact.qualifier in ("", "exact", "range"):
        return ""
    return f"The article says {fact.qualifier} {_figure(fact)}."


def _tolerance(fact: Fact) -> Decimal:
    # "Around 50,000": within a tenth counts. Exact figures and ranges must be hit.
    if fact.qualifier == "around":
        return (fact.number * AROUND).quantize(Decimal("0.01"))
    return Decimal(0)


# "More than 1,300": a bound, which no one number answers.
_BOUNDS = {"more than", "at least", "fewer than", "less than", "up to"}


def quantity_numeric(fact: Fact, ctx: Context) -> Draft | None:
    """According to the JOC, how many militants were killed by 28 October 2017? -> 75"""
    question = _figure_question(fact, ctx)
    if question is None or fact.number is None or fact.qualifier in _BOUNDS:
        return None
    if fact.number_max is not None:
        # "How many troops did the Mongols have?" -> "10,000–20,000": judged blind, a range
        # asked for one typed number reads as a question without an answer.
        return None
    answer = plain_number(fact.number)
    return fact_draft(
        template="quantity.numeric",
        kind=Kind.NUMERIC,
        fact=fact,
        ctx=ctx,
        prompt=question,
        answer=answer,
        accepted_answers=[_figure(fact)] if _figure(fact) != answer else [],
        tolerance=_tolerance(fact),
        secrets=_number_secrets(fact),
        explanation=fact_explanation(fact=fact, lead=_qualified(fact)),
    )[0]


def quantity_choice(fact: Fact, ctx: Context) -> Draft | None:
    """How many militants were killed ...? -> 75 among 60, 48, 90."""
    question = _figure_question(fact, ctx)
    if question is None or fact.number is None or fact.number_max is not None:
        return None
    if fact.qualifier in _BOUNDS:
        return None
    draft, rng = fact_draft(
        template="quantity.choice",
        kind=Kind.MULTIPLE_CHOICE,
        fact=fact,
        ctx=ctx,
        prompt=question,
        answer=format_number(fact.number),
        secrets=_number_secrets(fact),
        explanation=fact_explanation(fact=fact, lead=_qualified(fact)),
    )
    wrong = [format_number(n) for n in ctx.pool.numbers(fact=fact, rng=rng)]
    choices = shuffled_choices(answer=draft.answer, distractors=wrong, rng=rng)
    return replace(draft, choices=choices) if choices else None
