"""Quality filters: why a draft is not good enough to be a question (dangling
references, leaked answers, unreadable prompts, bad choices), and near-duplicates."""

import re
from difflib import SequenceMatcher

from learning.bank.distractors import mentions, normalise
from learning.bank.generation.drafts import BLANK, Draft, Kind
from learning.bank.generation.grammar import flaw
from learning.bank.generation.phrasing import dangles
from learning.bank.likeness import word_overlap
from learning.bank.rules import CHOICE_KINDS
from learning.models import Fact

# Prompts more alike than this (difflib ratio of the normalised text) are duplicates.
DUPLICATE_RATIO = 0.9


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


def _read_back(draft: Draft) -> list[str]:
    """What a student reads as language: the prompt, and choices that are sentences."""
    sentences = [choice for choice in draft.choices if len(choice.split()) > 3]
    # The blank stands for a name: read it as one ("Someone announced…", "…was someone.").
    prompt = draft.prompt.replace(BLANK, "Someone" if draft.prompt.startswith(BLANK) else "someone")
    return [prompt, *sentences]


def _shares_its_doer(draft: Draft) -> bool:
    # "Who were dismissed in March?" -> Spínola: the plural is the sentence's "Spínola and
    # Costa Gomes", and one of them is half the answer.
    plural = draft.prompt.startswith(("Who were ", f"{BLANK} were ")) or (
        draft.fact is not None and draft.fact.subject.startswith("were ")
    )
    one = draft.fact.value if draft.kind == Kind.TRUE_FALSE and draft.fact else draft.answer
    return plural and not re.search(r"\band\b|,", one)


def rejection(draft: Draft) -> str | None:
    """Why a draft is not good enough to be a question, or None."""
    if any(dangles(text) for text in draft.content):
        return "pronoun"
    if _shares_its_doer(draft):
        return "several doers"
    if _leaks(draft):
        return "leak"
    if not _readable(draft):
        return "unreadable"
    if any(flaw(text) for text in _read_back(draft)):
        return "garbled"
    if not _choices_ok(draft) or not draft.explanation:
        return "incomplete"
    return None


# Two facts whose subjects share this much of their words tell the same thing.
SAME_STORY_OVERLAP = 0.4


def _same_story(fact, other) -> bool:
    """The same thing told twice: the same kind and answer (or day), and much the same words."""
    dated = fact.kind == Fact.Kind.EVENT or other.kind == Fact.Kind.EVENT
    if dated:
        same_answer = fact.date is not None and fact.date == other.date
    else:
        same_answer = fact.kind == other.kind and normalise(fact.value) == normalise(other.value)
    if not same_answer:
        return False
    return word_overlap(fact.subject, other.subject) >= SAME_STORY_OVERLAP


class Accepted:
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

    def gives_away(self, draft: Draft) -> bool:
        """Whether the draft and a question of another fact of the same sentence (or infobox
        field) tell each other's answer: "Who captured Rawa on 17 November?" beside "When did
        Iraqi forces capture Rawa?" is one story asked twice. (Forms of one fact are siblings,
        which study and quizzes keep apart by the fact.)"""
        origin = _origin(draft)
        return origin is not None and any(
            _origin(other) == origin
            and other.fact != draft.fact
            and (_tells(other, draft) or _tells(draft, other))
            for other, _prompt in self.drafts
        )


def _origin(draft: Draft) -> int | str | None:
    if draft.fact is None:
        return None
    return draft.fact.sentence_id or draft.fact.infobox_field or None


def _tells(asked: Draft, reader: Draft) -> bool:
    """Whether what ``reader`` shows (its prompt, its choices) names ``asked``'s answer."""
    shown = [reader.prompt, *(c for c in reader.choices if reader.kind != Kind.TRUE_FALSE)]
    return any(mentions(text, secret) for text in shown for secret in asked.secrets if secret)


def _duplicates(draft: Draft, prompt: str, other: Draft, other_prompt: str) -> bool:
    """The same question asked twice: the same prompt, or nearly so with the same answer.

    "Which of these happened on 26 October?" and "... on 27 October?" differ in
    their answers; two chronology questions are one if they order the same events.
    """
    if prompt == other_prompt:
        # Even for another kind of the same fact: two questions never read the same.
        return True
    if draft.kind == Kind.ORDERING or other.kind == Kind.ORDERING:
        return draft.kind == other.kind and sorted(draft.choices) == sorted(other.choices)
    both = draft.fact is not None and other.fact is not None
    if both and draft.fact != other.fact and _same_story(draft.fact, other.fact):
        # The article tells it twice (the lead, then its section): ask it once.
        return True
    if other.fact is not None and other.fact == draft.fact and other.kind != draft.kind:
        # Other kinds of the same fact ask the same thing differently on purpose.
        return False
    if normalise(draft.answer) != normalise(other.answer):
        return False
    matcher = SequenceMatcher(None, prompt, other_prompt, autojunk=False)
    return (
        matcher.real_quick_ratio() > DUPLICATE_RATIO
        and matcher.quick_ratio() > DUPLICATE_RATIO
        and matcher.ratio() > DUPLICATE_RATIO
    )
