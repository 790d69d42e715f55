"""Generating questions from an article's facts, and keeping them in step with the facts.

Each fact kind has templates per question kind, in order of preference; the first
draft that passes the quality filters becomes the fact's question of that kind (the
database allows one per fact and kind). Every draft has a stable generation key, so
regenerating updates questions in place, never duplicates them, and never touches a
question a person edited.
"""

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from difflib import SequenceMatcher
from random import Random

from django.db import transaction
from django.db.models import F, Q

from learning.bank.distractors import (
    DistractorPool,
    answer_names,
    date_label,
    format_number,
    is_list,
    mentions,
    names_clash,
    normalise,
    unit_key,
)
from learning.bank.question_sets import sync_question_sets
from learning.models import Entity, Fact, Question, Section, Source

Kind = Question.Kind
CHOICE_KINDS = (Kind.MULTIPLE_CHOICE, Kind.TRUE_FALSE, Kind.ORDERING)

# Prompts more alike than this (difflib ratio of the normalised text) are duplicates.
DUPLICATE_RATIO = 0.9
# Chronology questions: this many events each, at most this many questions, and
# events no longer than this many words.
ORDERING_ITEMS = 4
ORDERING_QUESTIONS = 5
ORDERING_WORDS = 16
# "Around 50,000": answers within this share of the figure count as right.
AROUND = Decimal("0.1")
# Longer answers make poor typed answers.
SHORT_ANSWER_WORDS = 6
BLANK = "___"
PRONOUNS = {"he", "she", "it", "they", "him", "them", "his", "her", "its", "their", "this"}
# Pronouns that need something named before them in the same prompt.
REFERRING_PRONOUNS = {"he", "she", "it", "they", "him", "them"}
DANGLING_REFERENCES = re.compile(
    r"\b(the same (day|area|place|time|town|village)|that day|the town's|the city's)\b", re.I
)

# --- English, just enough to turn a clause into a question ---------------------------------

IRREGULAR_PAST = {
    "became": "become",
    "began": "begin",
    "brought": "bring",
    "built": "build",
    "came": "come",
    "drove": "drive",
    "fell": "fall",
    "fled": "flee",
    "fought": "fight",
    "found": "find",
    "gave": "give",
    "held": "hold",
    "kept": "keep",
    "led": "lead",
    "left": "leave",
    "lost": "lose",
    "made": "make",
    "overran": "overrun",
    "ran": "run",
    "retook": "retake",
    "said": "say",
    "saw": "see",
    "sent": "send",
    "shot": "shoot",
    "spoke": "speak",
    "stood": "stand",
    "struck": "strike",
    "took": "take",
    "told": "tell",
    "went": "go",
    "withdrew": "withdraw",
    "won": "win",
    "wrote": "write",
}
IRREGULAR_PARTICIPLES = {
    "begun",
    "driven",
    "given",
    "known",
    "overrun",
    "retaken",
    "seen",
    "shown",
    "taken",
    "withdrawn",
    *(past for past in IRREGULAR_PAST if past not in {"became", "began", "drove", "gave"}),
}
# Words ending in -ed that are not verbs, or are adjectives after a determiner.
NOT_VERBS = {"hundred", "red", "bed", "need", "speed", "seed", "feed", "shed", "sacred"}
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "several", "many", "some"}
UNIT_WORDS = {
    "km": "kilometres",
    "km²": "square kilometres",
    "sq mi": "square miles",
    "mi": "miles",
    "m": "metres",
    "%": "per cent",
}


def _is_past(word: str) -> bool:
    word = word.lower()
    if word in IRREGULAR_PAST or word in ("was", "were", "had"):
        return True
    return word.endswith("ed") and len(word) > 4 and word not in NOT_VERBS


def _is_participle(word: str) -> bool:
    return word.lower() in IRREGULAR_PARTICIPLES or _is_past(word)


def base_form(verb: str) -> str:
    """The infinitive of a past-tense verb: captured -> capture, dropped -> drop."""
    verb = verb.lower()
    if verb in IRREGULAR_PAST:
        return IRREGULAR_PAST[verb]
    stem = verb[:-2]
    if stem.endswith("i"):
        return stem[:-1] + "y"
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    # captur(e), stat(e), announc(e), dislodg(e), provid(e), paus(e), continu(e)...
    if re.search(
        r"([^aeiou]at|[^aeiou]ut|[^aeiou]id|[^aeiou][aiu]r|[^aeiou]in|[cvzue]|[^aeiou]g|"
        r"[bcdfgkptz]l|[aeiou]s)$",
        stem,
    ):
        return stem + "e"
    return stem


def _lower_first(text: str) -> str:
    """Drop the capital of a leading article, keep it on names: "The army" -> "the army"."""
    first, _, rest = text.partition(" ")
    return f"{first.lower()} {rest}" if first in ("The", "A", "An") else text


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clause(text: str) -> str:
    # A quotation's own full stop goes: 'stated, "We won."' -> 'stated, "We won"'.
    text = re.sub(r"[.!]([”\"])$", r"\1", text.strip())
    return _lower_first(text.rstrip("."))


def _split_at_verb(clause: str) -> tuple[list[str], str, list[str]] | None:
    """(subject words, past verb, the rest) of a clause, or None without a finite verb."""
    words = clause.split()
    for i, word in enumerate(words[1:], start=1):
        if word[0].isupper() or not _is_past(word) or words[i - 1].lower() in DETERMINERS:
            continue
        follows = words[i + 1] if i + 1 < len(words) else ""
        if follows == "by" and word not in ("was", "were"):
            # "Iraqi forces, backed by ...": a participle, the verb comes later.
            continue
        return words[:i], word, words[i + 1 :]
    return None


def question_from_clause(*, clause: str, wh: str) -> str | None:
    """'the Iraqi Army captured Rawa' + 'When' -> 'When did the Iraqi Army capture Rawa?'"""
    split = _split_at_verb(_clause(clause))
    if split is None:
        return None
    subject, verb, rest = split
    if verb in ("was", "were"):
        return _join(wh, verb, *subject, *rest) + "?"
    if verb == "had" and rest and _is_participle(rest[0]):
        verb, rest = rest[0], rest[1:]
    return _join(wh, "did", *subject, base_form(verb), *rest) + "?"


def _join(*words: str) -> str:
    return " ".join(word for word in words if word)


def _passive(noun_phrase: str) -> tuple[str, str] | None:
    """'village cleared near X' -> ('village', 'cleared near X'): a head and what was done."""
    words = _clause(noun_phrase).split()
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    for i, word in enumerate(words[1:4], start=1):
        if word[0].islower() and _is_participle(word):
            return _join(*words[:i]), _join(*words[i:])
    return None


# --- drafts ----------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Context:
    source: Source
    facts: list[Fact]
    pool: DistractorPool
    infobox: Section | None
    # Added to each question's seed to draw other distractors (see regenerate_distractors).
    reseed: str = ""


def generation_key(*, template: str, keys: Sequence[str]) -> str:
    return hashlib.sha256(f"{template}:{':'.join(keys)}".encode()).hexdigest()


def _rng(key: str) -> Random:
    # Seeded with the generation key: the same question always gets the same choices.
    return Random(key)


def infobox_line(*, fact: Fact) -> str:
    return f"{fact.infobox_field}: {fact.source_text or fact.value}"


def _explanation(*, fact: Fact, lead: str = "") -> str:
    if fact.sentence is not None:
        quote = f"From the article: “{fact.sentence.text}”"
    else:
        quote = f"Infobox — {infobox_line(fact=fact)}"
    return f"{lead} {quote}" if lead else quote


def _fact_draft(
    *, template: str, kind: str, fact: Fact, ctx: Context, **fields
) -> tuple[Draft, Random]:
    key = generation_key(template=template, keys=[fact.key])
    fields.setdefault("content", [fact.subject])
    fields.setdefault("explanation", _explanation(fact=fact))
    draft = Draft(
        template=template,
        kind=kind,
        generation_key=key,
        fact=fact,
        section=fact.sentence.section if fact.sentence else ctx.infobox,
        **fields,
    )
    return draft, _rng(key + ctx.reseed)


def _choices(*, answer: str, distractors: Sequence[str], rng: Random) -> list[str] | None:
    """The answer and three distractors in a stable shuffled order, or None with fewer."""
    if len(distractors) < 3:
        return None
    choices = [answer, *distractors[:3]]
    rng.shuffle(choices)
    return choices


def _true_false(
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
    rng = _rng(generation_key(template=template, keys=[fact.key]))
    wrong_values = wrong(rng)
    is_true = not wrong_values or rng.random() < 0.5
    lead = "" if is_true else f"False: it was {right}."
    return _fact_draft(
        template=template,
        kind=Kind.TRUE_FALSE,
        fact=fact,
        ctx=ctx,
        prompt=f"Is it true that {statement(right if is_true else wrong_values[0])}?",
        answer="True" if is_true else "False",
        choices=["True", "False"],
        secrets=secrets,
        explanation=_explanation(fact=fact, lead=lead),
    )[0]


# --- events ----------------------------------------------------------------------------


def _is_day(fact: Fact) -> bool:
    return fact.date_precision == Fact.Precision.DAY and fact.date_end is None


def _precision(fact: Fact) -> str:
    return fact.date_precision or Fact.Precision.DAY


def _when(*, day: date, precision: str) -> str:
    label = date_label(day=day, precision=precision)
    return f"on {label}" if precision == Fact.Precision.DAY else f"in {label}"


def _day_secrets(day: date) -> list[str]:
    return [date_label(day=day, precision=Fact.Precision.DAY), f"{day.day} {day:%B}"]


def _date_secrets(fact: Fact) -> list[str]:
    return [fact.value, *_day_secrets(fact.date)] if fact.date else [fact.value]


def _date_draft(
    *, fact: Fact, ctx: Context, template: str, prompt: str | None, day: date
) -> Draft | None:
    if prompt is None:
        return None
    human = date_label(day=day, precision=Fact.Precision.DAY)
    return _fact_draft(
        template=template,
        kind=Kind.DATE,
        fact=fact,
        ctx=ctx,
        prompt=prompt,
        answer=day.isoformat(),
        accepted_answers=_unique([human, f"{day:%B} {day.day}, {day.year}", f"{day:%d/%m/%Y}"]),
        secrets=[*_date_secrets(fact), *_day_secrets(day)],
    )[0]


def event_date(fact: Fact, ctx: Context) -> Draft | None:
    """When did the Iraqi Army capture Rawa? -> 2017-11-17"""
    if not _is_day(fact):
        return None
    prompt = question_from_clause(clause=fact.subject, wh="When")
    return _date_draft(fact=fact, ctx=ctx, template="event.date", prompt=prompt, day=fact.date)


def event_on_day(fact: Fact, ctx: Context) -> Draft | None:
    """Which of these happened on 3 November 2017? -> four events."""
    if not _is_day(fact):
        return None
    draft, rng = _fact_draft(
        template="event.on_day",
        kind=Kind.MULTIPLE_CHOICE,
        fact=fact,
        ctx=ctx,
        prompt=f"Which of these happened {_when(day=fact.date, precision=Fact.Precision.DAY)}?",
        answer=_capitalise(_clause(fact.subject)),
        secrets=[],
    )
    others = ctx.pool.events(fact=fact, rng=rng, keep=lambda other: not _dangles(other.subject))
    choices = _choices(
        answer=draft.answer, distractors=[_capitalise(_clause(o.subject)) for o in others], rng=rng
    )
    if choices is None:
        return None
    return _replace(draft, choices=choices, content=[fact.subject, *(o.subject for o in others)])


def _date_choice(
    *, fact: Fact, ctx: Context, template: str, prompt: str | None, day: date, precision: str
) -> Draft | None:
    if prompt is None:
        return None
    draft, rng = _fact_draft(
        template=template,
        kind=Kind.MULTIPLE_CHOICE,
        fact=fact,
        ctx=ctx,
        prompt=prompt,
        answer=date_label(day=day, precision=precision),
        secrets=[*_date_secrets(fact), *_day_secrets(day)],
    )
    wrong = ctx.pool.dates(fact=fact, rng=rng, day=day, precision=precision)
    choices = _choices(
        answer=draft.answer,
        distractors=[date_label(day=d, precision=precision) for d in wrong],
        rng=rng,
    )
    return _replace(draft, choices=choices) if choices else None


def event_which_date(fact: Fact, ctx: Context) -> Draft | None:
    """When did ... ? -> one of four dates (months or years for less precise dates)."""
    if fact.date is None or fact.date_end is not None:
        return None
    precision = _precision(fact)
    wh = {Fact.Precision.YEAR: "In which year", Fact.Precision.MONTH: "In which month"}
    return _date_choice(
        fact=fact,
        ctx=ctx,
        template="event.which_date",
        prompt=question_from_clause(clause=fact.subject, wh=wh.get(precision, "On which date")),
        day=fact.date,
        precision=precision,
    )


def event_true_false(fact: Fact, ctx: Context) -> Draft | None:
    """Is it true that the Iraqi Army captured Rawa on 5 November 2017? -> False"""
    if fact.date is None or fact.date_end is not None:
        return None
    precision = _precision(fact)
    return _true_false(
        fact=fact,
        ctx=ctx,
        template="event.true_false",
        statement=lambda when: f"{_clause(fact.subject)} {when}",
        right=_when(day=fact.date, precision=precision),
        wrong=lambda rng: [
            _when(day=day, precision=precision)
            for day in ctx.pool.dates(fact=fact, rng=rng, count=1)
        ],
        secrets=_date_secrets(fact),
    )


# --- people, places, operations ----------------------------------------------------------


def _names_of(fact: Fact) -> list[str]:
    """The answer's name and its other spellings, with and without a bracketed note."""
    names = list(answer_names(fact=fact))
    return _unique([*names, *(_without_note(name) for name in names)])


def _without_note(name: str) -> str:
    """'Battle of Ramadi (2014–15)' -> 'Battle of Ramadi'."""
    return re.sub(r"\s*\([^)]*\)$", "", name)


def _name_choice(*, fact: Fact, ctx: Context, template: str, prompt: str | None) -> Draft | None:
    if prompt is None:
        return None
    draft, rng = _fact_draft(
        template=template,
        kind=Kind.MULTIPLE_CHOICE,
        fact=fact,
        ctx=ctx,
        prompt=prompt,
        answer=_names_of(fact)[0],
        secrets=_names_of(fact),
    )
    choices = _choices(answer=draft.answer, distractors=ctx.pool.names(fact=fact, rng=rng), rng=rng)
    return _replace(draft, choices=choices) if choices else None


def _typed_name(
    *, fact: Fact, ctx: Context, template: str, prompt: str | None, also: Sequence[str] = ()
) -> Draft | None:
    """A typed answer: short names only, not lists, not figures (those have their own kinds)."""
    names = _names_of(fact)
    plain = _without_note(names[0])
    if prompt is None or len(plain.split()) > SHORT_ANSWER_WORDS or is_list(plain):
        return None
    if re.search(r"\d", plain):
        return None
    return _fact_draft(
        template=template,
        kind=Kind.SHORT_ANSWER,
        fact=fact,
        ctx=ctx,
        prompt=prompt,
        answer=names[0],
        accepted_answers=_unique([*names[1:], *also]),
        secrets=names,
    )[0]


def _name_true_false(
    *, fact: Fact, ctx: Context, template: str, statement: Callable[[str], str]
) -> Draft:
    return _true_false(
        fact=fact,
        ctx=ctx,
        template=template,
        statement=statement,
        right=_names_of(fact)[0],
        wrong=lambda rng: ctx.pool.names(fact=fact, rng=rng, count=1),
        secrets=_names_of(fact),
    )


def role_who(fact: Fact, ctx: Context) -> Draft | None:
    """Who announced an offensive to recapture al-Qaim and Rawa on 26 October?"""
    prompt = f"Who {_clause(fact.subject)}?"
    return _name_choice(fact=fact, ctx=ctx, template="role.who", prompt=prompt)


def role_cloze(fact: Fact, ctx: Context) -> Draft | None:
    """___ announced an offensive to recapture al-Qaim and Rawa on 26 October."""
    # "___ was the Major-General.": every Major-General of the article is right.
    holders = [name for holder in ctx.pool.role_holders(fact=fact) for name in holder.names]
    return _typed_name(
        fact=fact,
        ctx=ctx,
        template="role.cloze",
        prompt=f"{BLANK} {_clause(fact.subject)}.",
        also=holders,
    )


def role_true_false(fact: Fact, ctx: Context) -> Draft | None:
    """Is it true that Jabar al-Luaibi announced an offensive ...? -> False"""
    return _name_true_false(
        fact=fact,
        ctx=ctx,
        template="role.true_false",
        statement=lambda name: f"{name} {_clause(fact.subject)}",
    )


def _be(noun_phrase: str) -> str:
    """'was' or 'were', agreeing with the phrase's head: 'the villages captured' -> 'were'."""
    head = _without_article(noun_phrase).split(" ")[0]
    return "were" if re.search(r"[^su]s$", head) else "was"


def _without_article(text: str) -> str:
    return re.sub(r"^(the|a|an) ", "", _clause(text))


def _is_specific(fact: Fact) -> bool:
    # "the place captured according to the JOC" fits several places; a date or a
    # distance ("55 km south-east of al-Qa'im", "on 3 November") singles one out.
    return bool(re.search(r"\d", fact.subject))


def place_which(fact: Fact, ctx: Context) -> Draft | None:
    """Which village was cleared 55 km south-east of al-Qa'im?"""
    body, teller = _according_to(_clause(fact.subject))
    split = _passive(body)
    if split is None or not _is_specific(fact):
        return None
    head, done = split
    prompt = _attributed(f"Which {head} {_be(head)} {done}?", teller=teller)
    return _name_choice(fact=fact, ctx=ctx, template="place.which", prompt=prompt)


def _attributed(question: str, *, teller: str) -> str:
    """'How many ...?' -> 'According to the JOC, how many ...?'"""
    return f"According to {teller}, {question[0].lower()}{question[1:]}" if teller else question


def place_cloze(fact: Fact, ctx: Context) -> Draft | None:
    """The village cleared 55 km south-east of al-Qa'im was ___."""
    if not _is_specific(fact):
        return None
    body, teller = _according_to(_without_article(fact.subject))
    prompt = _attributed(f"The {body} {_be(body)} {BLANK}.", teller=teller)
    return _typed_name(fact=fact, ctx=ctx, template="place.cloze", prompt=prompt)


def place_true_false(fact: Fact, ctx: Context) -> Draft | None:
    """Is it true that Awani was the village cleared 55 km south-east of al-Qa'im? -> False"""
    if not _is_specific(fact):
        return None
    subject = _without_article(fact.subject)
    return _name_true_false(
        fact=fact,
        ctx=ctx,
        template="place.true_false",
        statement=lambda name: f"{name} {_be(subject)} the {subject}",
    )


def _is_related_only(fact: Fact) -> bool:
    # "See also" entries: that a battle is merely related is nothing to learn.
    return " related to " in f" {normalise(fact.subject)} "


def _which_operation(fact: Fact) -> str | None:
    subject = _clause(fact.subject)
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
    return _name_choice(fact=fact, ctx=ctx, template="relation.which", prompt=prompt)


def relation_cloze(fact: Fact, ctx: Context) -> Draft | None:
    """___ was an operation concurrent with the campaign."""
    if _is_related_only(fact):
        return None
    # Every operation of the same relation fills the blank.
    also = [
        name
        for other in ctx.facts
        if other.kind == fact.kind and other.subject == fact.subject and other.pk != fact.pk
        for name in _names_of(other)
    ]
    prompt = f"{BLANK} was {_clause(fact.subject)}."
    return _typed_name(fact=fact, ctx=ctx, template="relation.cloze", prompt=prompt, also=also)


def relation_true_false(fact: Fact, ctx: Context) -> Draft | None:
    """Is it true that the Battle of Mosul was an operation concurrent with the campaign?"""
    if _is_related_only(fact):
        return None
    return _name_true_false(
        fact=fact,
        ctx=ctx,
        template="relation.true_false",
        statement=lambda name: f"{name} was {_clause(fact.subject)}",
    )


# --- figures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Figure:
    """How to ask for a figure and how to state it."""

    question: str
    # Given "75" (or "more than 60"), the sentence that states it.
    statement: Callable[[str], str]


def _according_to(subject: str) -> tuple[str, str]:
    """'militants killed by ... according to the JOC' -> ('militants killed by ...', 'the JOC')"""
    match = re.fullmatch(r"(.+?),? according to (.+)", subject)
    return (match[1], match[2]) if match else (subject, "")


def _with_verb(words: list[str]) -> list[str]:
    """'killed by the JOC' -> 'were killed by the JOC'; 'still in Rawa' -> 'were still in Rawa'."""
    for i, word in enumerate(words):
        if word in ("was", "were"):
            return words
        if word[0].islower() and _is_participle(word):
            if i and words[i - 1].lower() in DETERMINERS:
                continue
            if i + 1 < len(words) and words[i + 1].lower() in DETERMINERS:
                # "fighters defended the town": already a finite verb.
                return words
            return [*words[:i], "were", *words[i:]]
    return ["were", *words]


def _figure_forms(fact: Fact) -> _Figure | None:
    body, teller = _according_to(_clause(fact.subject))
    unit = fact.unit
    measure = UNIT_WORDS.get(unit, unit)
    figure = _figure_forms_of(body=body, unit=unit, measure=measure, fact=fact)
    if figure is None or not teller:
        return figure
    return _Figure(
        question=_attributed(figure.question, teller=teller),
        statement=lambda value: f"{figure.statement(value)}, according to {teller}",
    )


def _figure_forms_of(*, body: str, unit: str, measure: str, fact: Fact) -> _Figure | None:
    between = re.fullmatch(rf"{re.escape(unit)} between (.+) and (.+)", body) if unit else None
    if between:
        here, there = between[1], between[2]
        return _Figure(
            question=f"How far was {here} from {there}, in {measure}?",
            statement=lambda value: f"{here} was {value} {unit} from {there}",
        )
    words = body.split()
    for size in (3, 2, 1):
        if unit and unit_key(" ".join(words[:size])) == unit_key(unit):
            rest = words[size:]
            relative = re.fullmatch(r"(?:(.*?),? )?((?:of )?(?:which|that|who)) (.+)", _join(*rest))
            if relative:
                return _relative_figure(
                    unit=unit, measure=measure, counted=relative[1] or "", relative=relative
                )
            rest = _with_verb(rest)
            return _Figure(
                question=_join("How many", measure, *rest) + "?",
                statement=lambda value, rest=rest: _join(value, unit, *rest),
            )
    if fact.infobox_field:
        return _Figure(
            question=f"What was the {_without_article(body)}?",
            statement=lambda value: f"the {_without_article(body)} was {value}",
        )
    return None


def _relative_figure(*, unit: str, measure: str, counted: str, relative: re.Match) -> _Figure:
    pronoun, clause = relative[2], relative[3]
    if pronoun.startswith("of "):
        # "km² of desert area of which half was retaken": nothing was done to the
        # area itself, so ask how much there was.
        said = f"{pronoun} {clause}"
        return _Figure(
            question=_join("How many", measure, counted, "were there,", said) + "?",
            statement=lambda value: _join("there were", value, unit, counted) + f", {said}",
        )
    # "Iraqi divisions that carried out the operation": the clause is the question.
    return _Figure(
        question=_join("How many", measure, counted, clause) + "?",
        statement=lambda value: _join(value, unit, counted, clause),
    )


def _figure(fact: Fact) -> str:
    if fact.number_max is not None:
        return f"{format_number(fact.number)}–{format_number(fact.number_max)}"
    return format_number(fact.number)


def _number_secrets(fact: Fact) -> list[str]:
    numbers = [fact.number, fact.number_max] if fact.number_max is not None else [fact.number]
    return [form for n in numbers for form in (format_number(n), f"{n.normalize():f}")]


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


def quantity_numeric(fact: Fact, ctx: Context) -> Draft | None:
    """According to the JOC, how many militants were killed by 28 October 2017? -> 75"""
    forms = _figure_forms(fact)
    if forms is None or fact.number is None:
        return None
    if fact.number_max is not None:
        # Any number inside a range is right: the grader reads "1500–2000" as a range.
        answer = f"{fact.number.normalize():f}–{fact.number_max.normalize():f}"
    else:
        answer = f"{fact.number.normalize():f}"
    return _fact_draft(
        template="quantity.numeric",
        kind=Kind.NUMERIC,
        fact=fact,
        ctx=ctx,
        prompt=forms.question,
        answer=answer,
        accepted_answers=[_figure(fact)] if _figure(fact) != answer else [],
        tolerance=_tolerance(fact),
        secrets=_number_secrets(fact),
        explanation=_explanation(fact=fact, lead=_qualified(fact)),
    )[0]


def quantity_choice(fact: Fact, ctx: Context) -> Draft | None:
    """How many militants were killed ...? -> 75 among 60, 48, 90."""
    forms = _figure_forms(fact)
    if forms is None or fact.number is None or fact.number_max is not None:
        return None
    draft, rng = _fact_draft(
        template="quantity.choice",
        kind=Kind.MULTIPLE_CHOICE,
        fact=fact,
        ctx=ctx,
        prompt=forms.question,
        answer=format_number(fact.number),
        secrets=_number_secrets(fact),
        explanation=_explanation(fact=fact, lead=_qualified(fact)),
    )
    wrong = [format_number(n) for n in ctx.pool.numbers(fact=fact, rng=rng)]
    choices = _choices(answer=draft.answer, distractors=wrong, rng=rng)
    return _replace(draft, choices=choices) if choices else None


def quantity_true_false(fact: Fact, ctx: Context) -> Draft | None:
    """Is it true that 60 militants were killed by 28 October 2017, according to the JOC?"""
    forms = _figure_forms(fact)
    if forms is None or fact.number is None or fact.number_max is not None:
        return None
    qualifier = "" if fact.qualifier in ("", "exact") else fact.qualifier

    def figure(number: Decimal) -> str:
        return _join(qualifier, format_number(number)).strip()

    return _true_false(
        fact=fact,
        ctx=ctx,
        template="quantity.true_false",
        statement=forms.statement,
        right=figure(fact.number),
        wrong=lambda rng: [figure(n) for n in ctx.pool.numbers(fact=fact, rng=rng, count=1)],
        secrets=_number_secrets(fact),
    )


# --- infobox attributes -------------------------------------------------------------------


def _is_told_as_role(fact: Fact, ctx: Context) -> bool:
    # "Commander1" is also a role fact ("commanded the forces of Iraq"): ask that one.
    return any(
        other.kind == Fact.Kind.ROLE and other.infobox_field == fact.infobox_field
        for other in ctx.facts
    )


def _what_was(fact: Fact) -> str:
    is_person = fact.infobox_field.startswith("Commander") or (
        fact.entity is not None and fact.entity.kind == Entity.Kind.PERSON
    )
    subject = _clause(fact.subject)
    return f"{'Who' if is_person else 'What'} {_be(subject)} {subject}?"


def attribute_typed(fact: Fact, ctx: Context) -> Draft | None:
    """What was the war the campaign was part of? -> the War in Iraq (2013–2017)"""
    if _is_told_as_role(fact, ctx):
        return None
    return _typed_name(fact=fact, ctx=ctx, template="attribute.typed", prompt=_what_was(fact))


def attribute_choice(fact: Fact, ctx: Context) -> Draft | None:
    if fact.entity is None or _is_told_as_role(fact, ctx):
        return None
    return _name_choice(fact=fact, ctx=ctx, template="attribute.choice", prompt=_what_was(fact))


def _span(fact: Fact, ctx: Context) -> tuple[date, date] | None:
    """The first and last day of a "Date" field: its own dates, else the article's."""
    if fact.date and fact.date_end:
        return fact.date, fact.date_end
    if fact.infobox_field == "Date" and ctx.source.start_date and ctx.source.end_date:
        return ctx.source.start_date, ctx.source.end_date
    return None


def _campaign(ctx: Context) -> str:
    title = ctx.source.title
    return title if title.lower().startswith("the ") else f"the {title}"


def attribute_began(fact: Fact, ctx: Context) -> Draft | None:
    """When did the 2017 Western Iraq campaign begin? -> 2017-10-26"""
    span = _span(fact, ctx)
    if span is None:
        return None
    prompt = f"When did {_campaign(ctx)} begin?"
    return _date_draft(fact=fact, ctx=ctx, template="attribute.began", prompt=prompt, day=span[0])


def attribute_ended(fact: Fact, ctx: Context) -> Draft | None:
    """When did the 2017 Western Iraq campaign end? -> 9 December 2017 among four dates."""
    span = _span(fact, ctx)
    if span is None:
        return None
    return _date_choice(
        fact=fact,
        ctx=ctx,
        template="attribute.ended",
        prompt=f"When did {_campaign(ctx)} end?",
        day=span[1],
        precision=Fact.Precision.DAY,
    )


def _items(value: str) -> list[str]:
    return [item.strip() for item in re.split(r"[;,] ", value) if item.strip()]


def attribute_true_false(fact: Fact, ctx: Context) -> Draft | None:
    """Is it true that the Federal Police was one of the units on the side of IS? -> False

    Numbered fields name the two sides ("Units1", "Units2"), so what one side's
    field lists is a sure wrong answer for the other's.
    """
    numbered = re.fullmatch(r"(\D+)([12])", fact.infobox_field)
    if numbered is None or fact.entity is not None or _is_told_as_role(fact, ctx):
        return None
    other_field = f"{numbered[1]}{3 - int(numbered[2])}"
    other = next((f for f in ctx.facts if f.infobox_field == other_field), None)
    subject = _clause(fact.subject)
    mine = [item for item in _items(fact.value) if not mentions(subject, item)]
    theirs = _items(other.value) if other else []
    if not mine or re.search(r"\d", fact.value):
        # Figures are asked by their quantity facts.
        return None
    rng = _rng(generation_key(template="attribute.true_false", keys=[fact.key]))
    right = rng.choice(mine)
    one_of = "one of " if subject.startswith("the ") and _be(subject) == "were" else ""
    return _true_false(
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


# --- chronology ------------------------------------------------------------------------


def _ordering_groups(events: list[Fact]) -> list[list[Fact]]:
    """Groups of four from events in date order: spread over the whole time line (easier),
    then four in a row (harder, the dates are close)."""
    size = ORDERING_ITEMS
    stride = len(events) // size
    spread = [events[start::stride][:size] for start in range(stride)] if stride else []
    in_a_row = [events[i : i + size] for i in range(0, len(events) - size + 1, size)]
    groups = []
    for group in (*spread, *in_a_row):
        if group not in groups:
            groups.append(group)
    return groups


def chronology(ctx: Context) -> Iterator[Draft]:
    """Put four events in order: a few questions spread over the article's time line."""
    by_day: dict[date, Fact] = {}
    for fact in ctx.facts:
        words = len(fact.subject.split())
        if fact.kind != Fact.Kind.EVENT or not _is_day(fact) or words > ORDERING_WORDS:
            continue
        if _dangles(fact.subject):
            continue
        # The shortest event of each day makes the easiest item to read.
        if fact.date not in by_day or words < len(by_day[fact.date].subject.split()):
            by_day[fact.date] = fact
    events = [by_day[day] for day in sorted(by_day)]
    for group in _ordering_groups(events)[:ORDERING_QUESTIONS]:
        key = generation_key(template="chronology", keys=sorted(f.key for f in group))
        items = [_capitalise(_clause(f.subject)) for f in group]
        shuffled = items[:]
        rng = _rng(key)
        while shuffled == items:
            rng.shuffle(shuffled)
        sections = {f.sentence.section for f in group if f.sentence}
        yield Draft(
            template="chronology",
            kind=Kind.ORDERING,
            generation_key=key,
            prompt="In what order did these events happen, earliest first?",
            answer="\n".join(items),
            choices=shuffled,
            content=[f.subject for f in group],
            secrets=[],
            section=sections.pop() if len(sections) == 1 else None,
            explanation="\n".join(
                f"{date_label(day=f.date, precision=f.date_precision)}: {item}."
                for f, item in zip(group, items, strict=True)
            ),
        )


# --- quality filters -------------------------------------------------------------------


def _dangles(text: str) -> bool:
    """A pronoun at the start, a he/she/it/they with nothing named before it, or a
    reference to something the question cannot show ("in the same area")."""
    if DANGLING_REFERENCES.search(text):
        return True
    words = re.findall(r"[\w'’-]+", text)
    if words and words[0].lower() in PRONOUNS:
        return True
    for i, word in enumerate(words):
        if word in REFERRING_PRONOUNS and not any(w[0].isupper() for w in words[1:i]):
            return True
    return False


def _leaks(draft: Draft) -> bool:
    # A true statement names its answer by design; its fact's own words still must not.
    texts = draft.content if draft.kind == Kind.TRUE_FALSE else [draft.prompt, *draft.content]
    return any(mentions(text, secret) for text in texts for secret in draft.secrets)


def _readable(draft: Draft) -> bool:
    prompt = draft.prompt
    if "  " in prompt or " ," in prompt or " ." in prompt or len(prompt) > 300:
        return False
    if prompt.count("(") != prompt.count(")") or prompt.count("“") != prompt.count("”"):
        return False
    if prompt.count('"') % 2:
        return False
    if prompt.startswith(BLANK):
        return prompt.count(BLANK) == 1 and prompt.endswith(".")
    if BLANK in prompt:
        return prompt.count(BLANK) == 1 and prompt.endswith(".") and prompt[0].isupper()
    return prompt[0].isupper() and prompt.endswith("?")


def _choices_ok(draft: Draft) -> bool:
    if draft.kind not in CHOICE_KINDS:
        return not draft.choices
    if len({normalise(choice) for choice in draft.choices}) != len(draft.choices):
        return False
    if draft.kind == Kind.ORDERING:
        return sorted(draft.choices) == sorted(draft.answer.splitlines())
    return draft.answer in draft.choices


def rejection(draft: Draft) -> str | None:
    """Why a draft is not good enough to be a question, or None."""
    if any(_dangles(text) for text in draft.content):
        return "pronoun"
    if _leaks(draft):
        return "leak"
    if not _readable(draft):
        return "unreadable"
    if not _choices_ok(draft) or not draft.explanation:
        return "incomplete"
    return None


class _Accepted:
    """The drafts accepted so far, to turn away near-duplicates."""

    def __init__(self) -> None:
        self.drafts: list[tuple[Draft, str]] = []

    def is_duplicate(self, draft: Draft) -> bool:
        prompt = normalise(draft.prompt)
        return any(
            _duplicates(draft, prompt, other, other_prompt) for other, other_prompt in self.drafts
        )

    def add(self, draft: Draft) -> None:
        self.drafts.append((draft, normalise(draft.prompt)))


def _duplicates(draft: Draft, prompt: str, other: Draft, other_prompt: str) -> bool:
    """The same question asked twice: the same prompt, or nearly so with the same answer.

    "Which of these happened on 26 October?" and "... on 27 October?" differ in
    their answers; chronology questions share a prompt and differ in their events.
    """
    if draft.kind == Kind.ORDERING or other.kind == Kind.ORDERING:
        return draft.kind == other.kind and sorted(draft.choices) == sorted(other.choices)
    if other.fact is not None and other.fact == draft.fact and other.kind != draft.kind:
        # Other kinds of the same fact ask the same thing differently on purpose.
        return False
    if prompt == other_prompt:
        return True
    if normalise(draft.answer) != normalise(other.answer):
        return False
    matcher = SequenceMatcher(None, prompt, other_prompt, autojunk=False)
    return (
        matcher.real_quick_ratio() > DUPLICATE_RATIO
        and matcher.quick_ratio() > DUPLICATE_RATIO
        and matcher.ratio() > DUPLICATE_RATIO
    )


# --- choosing the drafts -----------------------------------------------------------------

Template = Callable[[Fact, Context], Draft | None]

# Per fact kind: per question kind, the templates to try, best first.
TEMPLATES: dict[str, dict[str, list[Template]]] = {
    Fact.Kind.EVENT: {
        Kind.DATE: [event_date],
        Kind.MULTIPLE_CHOICE: [event_on_day, event_which_date],
        Kind.TRUE_FALSE: [event_true_false],
    },
    Fact.Kind.ROLE: {
        Kind.MULTIPLE_CHOICE: [role_who],
        Kind.SHORT_ANSWER: [role_cloze],
        Kind.TRUE_FALSE: [role_true_false],
    },
    Fact.Kind.PLACE: {
        Kind.MULTIPLE_CHOICE: [place_which],
        Kind.SHORT_ANSWER: [place_cloze],
        Kind.TRUE_FALSE: [place_true_false],
    },
    Fact.Kind.QUANTITY: {
        Kind.NUMERIC: [quantity_numeric],
        Kind.MULTIPLE_CHOICE: [quantity_choice],
        Kind.TRUE_FALSE: [quantity_true_false],
    },
    Fact.Kind.ATTRIBUTE: {
        Kind.SHORT_ANSWER: [attribute_typed],
        Kind.MULTIPLE_CHOICE: [attribute_choice, attribute_ended],
        Kind.DATE: [attribute_began],
        Kind.TRUE_FALSE: [attribute_true_false],
    },
    Fact.Kind.RELATION: {
        Kind.MULTIPLE_CHOICE: [relation_which],
        Kind.SHORT_ANSWER: [relation_cloze],
        Kind.TRUE_FALSE: [relation_true_false],
    },
}


def _context(*, source: Source) -> Context:
    # Infobox facts (no sentence) first, then in reading order.
    facts = list(
        source.facts.filter(Q(sentence__isnull=True) | Q(sentence__is_current=True))
        .select_related("sentence__section", "entity")
        .order_by(F("sentence__order").asc(nulls_first=True), "id")
    )
    return Context(
        source=source,
        facts=facts,
        pool=DistractorPool(
            facts=facts,
            entities=list(source.entities.all()),
            span=(source.start_date, source.end_date),
        ),
        infobox=source.sections.filter(title="Infobox").first(),
    )


def build_drafts(*, source: Source) -> list[Draft]:
    """The questions the source's facts make, at most one per fact and kind."""
    ctx = _context(source=source)
    accepted = _Accepted()
    drafts = []
    for fact in ctx.facts:
        for templates in TEMPLATES.get(fact.kind, {}).values():
            for template in templates:
                draft = template(fact, ctx)
                if (
                    draft is not None
                    and rejection(draft) is None
                    and not accepted.is_duplicate(draft)
                ):
                    accepted.add(draft)
                    drafts.append(draft)
                    break
    for draft in chronology(ctx):
        if rejection(draft) is None and not accepted.is_duplicate(draft):
            accepted.add(draft)
            drafts.append(draft)
    return drafts


# How many other draws regenerate_distractors tries before it gives up.
RESEEDS = 5


def regenerate_distractors(*, question: Question) -> bool:
    """Draw other distractors for a generated multiple-choice question; whether they changed.

    The question's own template runs again with another seed, so the new distractors
    follow the same rules (the answer's type, never also true). The seed comes from
    the current choices, so each call moves on to another draw. Sets the choices
    without saving them; a question a person edited is theirs and is left alone.
    """
    if (
        question.kind != Kind.MULTIPLE_CHOICE
        or question.edited_by_human
        or question.fact_id is None
        or not question.generation_key
    ):
        return False
    ctx = _context(source=question.source)
    fact = next((fact for fact in ctx.facts if fact.pk == question.fact_id), None)
    if fact is None:
        return False
    for attempt in range(1, RESEEDS + 1):
        reseeded = replace(ctx, reseed=f":{'|'.join(question.choices)}:{attempt}")
        drafts = (
            template(fact, reseeded) for template in TEMPLATES[fact.kind][Kind.MULTIPLE_CHOICE]
        )
        draft = next(
            (d for d in drafts if d is not None and d.generation_key == question.generation_key),
            None,
        )
        if draft is None or draft.answer != question.answer or rejection(draft) is not None:
            # The facts changed since the question was made: generate_questions updates it.
            return False
        if set(draft.choices) != set(question.choices):
            question.choices = draft.choices
            return True
    return False


def _replace(draft: Draft, **changes) -> Draft:
    return Draft(**{**draft.__dict__, **changes})


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --- saving ----------------------------------------------------------------------------

OUTCOMES = ("created", "updated", "unchanged", "retired", "kept edited")
_SAVED_FIELDS = (
    "kind",
    "prompt",
    "answer",
    "accepted_answers",
    "choices",
    "tolerance",
    "explanation",
    "generation_key",
)


@dataclass
class GenerationResult:
    # (outcome, question kind) -> how many questions.
    counts: Counter = field(default_factory=Counter)
    published: int = 0

    def summary(self) -> str:
        parts = []
        for outcome in OUTCOMES:
            by_kind = {kind: n for (done, kind), n in self.counts.items() if done == outcome}
            detail = ", ".join(f"{kind} {n}" for kind, n in sorted(by_kind.items()))
            parts.append(f"{sum(by_kind.values())} {outcome}" + (f" ({detail})" if detail else ""))
        return f"Questions: {'; '.join(parts)}; {self.published} published"


def _apply(*, question: Question, draft: Draft) -> bool:
    """Copy the draft onto the question; whether anything changed."""
    values = {name: getattr(draft, name) for name in _SAVED_FIELDS}
    values |= {
        "fact_id": draft.fact.pk if draft.fact else None,
        "sentence_id": draft.fact.sentence_id if draft.fact else None,
        "section_id": draft.section.pk if draft.section else None,
    }
    if question.status == Question.Status.RETIRED:
        values["status"] = Question.Status.DRAFT
    changed = any(getattr(question, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(question, name, value)
    return changed


@transaction.atomic
def generate_questions(*, source: Source, publish: bool = False) -> GenerationResult:
    """Create, update and retire the source's generated questions, then its question sets.

    Questions a person edited are left exactly as they are. ``publish`` publishes the
    questions this run creates; it never overrules a status a person chose.
    """
    result = GenerationResult()
    questions = list(source.questions.select_for_update())
    by_key = {q.generation_key: q for q in questions if q.generation_key}
    by_fact_kind = {(q.fact_id, q.kind): q for q in questions if q.fact_id}
    seen = set()
    created = []
    for draft in build_drafts(source=source):
        question = by_key.get(draft.generation_key)
        holder = by_fact_kind.get((draft.fact.pk, draft.kind)) if draft.fact else None
        question = question or holder
        if holder is not None and holder is not question:
            # A hand-made question already covers this fact and kind.
            continue
        if question is None:
            question = Question(source=source)
            _apply(question=question, draft=draft)
            question.save()
            created.append(question.pk)
            outcome = "created"
        elif question.edited_by_human or not question.generation_key:
            outcome = "kept edited"
        elif _apply(question=question, draft=draft):
            question.save()
            outcome = "updated"
        else:
            outcome = "unchanged"
        seen.add(question.pk)
        result.counts[outcome, draft.kind] += 1
    for question in questions:
        if question.pk in seen or not question.generation_key or question.edited_by_human:
            continue
        if question.status != Question.Status.RETIRED:
            question.status = Question.Status.RETIRED
            question.save(update_fields=["status", "updated_at"])
            result.counts["retired", question.kind] += 1
    if publish:
        result.published = Question.objects.filter(
            pk__in=created, status=Question.Status.DRAFT
        ).update(status=Question.Status.PUBLISHED)
    sync_question_sets(source=source)
    return result
