"""Turning a clause into a question: questions and passives from clauses, and the
references a question cannot show. Verb forms come from text.english."""

import re

from learning.bank.generation.grammar import opens_as_common_word
from learning.text.english import base_form, is_participle, is_past

PRONOUNS = {"he", "she", "it", "they", "him", "them", "his", "her", "its", "their", "this"}
# Pronouns that need something named before them in the same prompt.
REFERRING_PRONOUNS = {"he", "she", "it", "they", "him", "them"}
DANGLING_REFERENCES = re.compile(
    r"\b(the same (day|area|place|time|town|village|year|month|week)|that (day|year|month)"
    r"|the town's|the city's|the (next|following|previous) (day|morning|week|month|year)"
    r"|a (day|week|month|year) (earlier|later)|the (latter|former))\b",
    re.I,
)

DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "several", "many", "some"}


def _lower_first(text: str) -> str:
    """Drop the capital a clause had as a sentence, keep it on names: "The army" -> "the army",
    "More battalions" -> "more battalions", "Rawa fell" stays."""
    first, _, rest = text.partition(" ")
    if first in ("The", "A", "An"):
        return f"{first.lower()} {rest}"
    if first.istitle() and len(first) > 1 and opens_as_common_word(text):
        return f"{first.lower()} {rest}"
    return text


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def as_clause(text: str) -> str:
    # A quotation's own full stop goes: 'stated, "We won."' -> 'stated, "We won"'.
    text = re.sub(r"[.!]([”\"])$", r"\1", text.strip())
    return _lower_first(text.rstrip("."))


# Finite verbs of the present: a clause holding one before its past verb says what is, not
# what happened ("the site is now managed as …").
_PRESENT = {"is", "are", "has", "have", "remains", "remain"}


def _split_at_verb(clause: str) -> tuple[list[str], str, list[str]] | None:
    """(subject words, past verb, the rest) of a clause, or None without a finite verb."""
    words = clause.split()
    for i, word in enumerate(words[1:], start=1):
        if words[i - 1] in _PRESENT:
            # "Ain Jalut is often described as …": a present-tense clause, no past event.
            return None
        if word[0].isupper() or not is_past(word) or words[i - 1].lower() in DETERMINERS:
            continue
        follows = words[i + 1] if i + 1 < len(words) else ""
        if follows == "by" and word not in ("was", "were"):
            # "Iraqi forces, backed by ...": a participle, the verb comes later.
            continue
        return words[:i], word, words[i + 1 :]
    return None


def question_from_clause(*, clause: str, wh: str) -> str | None:
    """'the Iraqi Army captured Rawa' + 'When' -> 'When did the Iraqi Army capture Rawa?'"""
    split = _split_at_verb(as_clause(clause))
    if split is None:
        return None
    subject, verb, rest = split
    if verb in ("was", "were"):
        return join_words(wh, verb, *subject, *rest) + "?"
    if verb == "had" and rest and is_participle(rest[0]):
        verb, rest = rest[0], rest[1:]
    return join_words(wh, "did", *subject, base_form(verb), *rest) + "?"


def join_words(*words: str) -> str:
    return " ".join(word for word in words if word)


def be(noun_phrase: str) -> str:
    """'was' or 'were', agreeing with the phrase's head: 'the villages captured' -> 'were'."""
    head = without_article(noun_phrase).split(" ")[0]
    return "were" if re.search(r"[^su]s$", head) else "was"


def without_article(text: str) -> str:
    return re.sub(r"^(the|a|an) ", "", as_clause(text))


def attributed(question: str, *, teller: str) -> str:
    """'How many ...?' -> 'According to the JOC, how many ...?'"""
    return f"According to {teller}, {question[0].lower()}{question[1:]}" if teller else question


def according_to(subject: str) -> tuple[str, str]:
    """'militants killed by ... according to the JOC' -> ('militants killed by ...', 'the JOC')"""
    match = re.fullmatch(r"(.+?),? according to (.+)", subject)
    return (match[1], match[2]) if match else (subject, "")


def dangles(text: str) -> bool:
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


# The personal ones of PRONOUNS ("this" is none), and "hers".
_ANY_PRONOUN = re.compile(
    rf"\b(?:{'|'.join(sorted((PRONOUNS - {'this'}) | {'hers'}))})\b", re.IGNORECASE
)


def has_pronoun(text: str) -> bool:
    """Any personal pronoun: in a clause read by patterns, which cannot tell whom it means."""
    return bool(_ANY_PRONOUN.search(text))
