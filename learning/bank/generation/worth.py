"""What a teacher would ask: which facts at all (not a routine attribution such as "Who told
Anadolu Agency that…?", nor a trivial count such as "9 SVBIEDs", unless it is a headline), and
how much each question is worth (its value, 0–100: the lead and the infobox's key fields
first, then each section's outcomes; true or false below the other forms)."""

import re

from learning.bank.generation.drafts import Context, Draft, Kind
from learning.content.extraction.events import REPORTED_BY
from learning.models import Fact

# A figure this large is a headline wherever it stands.
HEADLINE_FIGURE = 1000
# Saying that something happened, rather than doing it: "told Anadolu Agency that…".
_REPORTING = re.compile(
    r"^(?:also\s+|later\s+)?(?:stated|said|told|added|claimed|reported|noted|insisted|"
    r"declared|announced|confirmed|warned|denied|revealed|estimated)\b(?:[^,]{0,60}?\bthat\b|,|\s+\"|\s+“)"
)
# Offices whose holders' words are part of the story.
_LEADERS = re.compile(
    r"\b(?:prime minister|president|king|queen|emperor|empress|sultan|caliph|shah|tsar|pope|"
    r"chancellor|khan|pharaoh|commander-in-chief)\b",
    re.IGNORECASE,
)


def _in_lead(fact: Fact) -> bool:
    return fact.sentence is not None and fact.sentence.section.order == 0


def _is_headline_figure(fact: Fact) -> bool:
    largest = max(fact.number or 0, fact.number_max or 0)
    return fact.sentence is None or _in_lead(fact) or largest >= HEADLINE_FIGURE


def leaders_of(ctx: Context) -> set[int]:
    """The people who lead in the article: its infobox's commanders and heads of state."""
    return {
        fact.entity_id
        for fact in ctx.facts
        if fact.entity_id
        and (fact.infobox_field.startswith("Commander") or _LEADERS.search(fact.role or ""))
    }


# "area located 40 km from al-Qa'im": which place lies how far from another is a map's
# detail, not the story.
_WHERE_ONLY = re.compile(r"^(?:the )?[\w-]+ (?:located|situated|lying)\b", re.IGNORECASE)
# "was the Major", "was the General": a title alone fits everyone who held it.
_BARE_TITLE = re.compile(r"^(?:was|is|became) (?:the|an?) [\w'’-]+(?: [\w'’-]+){0,2}$")


def is_dated_by_its_report(fact: Fact) -> bool:
    """An event whose only date is that of the statement reporting it: no question says it
    happened on that day."""
    return fact.kind == Fact.Kind.EVENT and fact.qualifier == REPORTED_BY


def is_worth_asking(fact: Fact) -> bool:
    if is_dated_by_its_report(fact):
        return False
    if fact.kind == Fact.Kind.QUANTITY:
        return _is_headline_figure(fact)
    if fact.kind == Fact.Kind.PLACE and _WHERE_ONLY.match(fact.subject):
        return False
    if fact.kind != Fact.Kind.ROLE:
        return True
    if _REPORTING.match(fact.subject):
        # "Who stated that the troops had captured four neighbourhoods?": a reader of the
        # article learns the capture, not who reported it; only the lead's words are asked.
        return _in_lead(fact)
    return not (_BARE_TITLE.match(fact.subject) and " of " not in fact.subject)


def worth_asking(ctx: Context) -> list[Fact]:
    return [fact for fact in ctx.facts if is_worth_asking(fact)]


# generate_questions --publish publishes new questions worth this much or more.
PUBLISH_THRESHOLD = 60
# The infobox fields a test would ask about: when, where, who, how it ended.
_KEY_FIELDS = {
    "date", "place", "location", "result", "territory", "commander", "strength", "casualties",
    "partof", "born", "died", "signed", "outcome", "established", "dissolved", "capital",
    "founded", "abandoned", "designated",
}  # fmt: skip
# What a section's story turns on: captures, launches, declarations, ends.
_OUTCOMES = re.compile(
    r"\b(?:captur|recaptur|retook|retaken|launch|declar|began|begun|ended|fell|fallen|signed|"
    r"won|defeat|took|taken|seiz|crown|elect|found|abolish|surrender|withdr|invad|conquer|"
    r"liberat|assassinat|execut|proclaim|annex|sank|sunk|destroy)",
    re.IGNORECASE,
)


_STORY_KINDS = (Fact.Kind.EVENT, Fact.Kind.PLACE, Fact.Kind.STATEMENT)


def value_of(draft: Draft, *, leaders: set[int]) -> int:
    """How much a teacher would want the question, 0–100."""
    if draft.kind == Kind.ORDERING:
        return 70
    fact = draft.fact
    if fact is None:
        return 50
    if fact.sentence is None:
        field = re.sub(r"\d+$", "", fact.infobox_field).lower()
        value = 80 if field in _KEY_FIELDS else 45
    elif _in_lead(fact):
        value = 80
    else:
        value = 50
        if fact.kind in _STORY_KINDS and _OUTCOMES.search(fact.subject):
            value += 15
        elif fact.kind == Fact.Kind.ROLE and _REPORTING.match(fact.subject):
            # Even a leader's words are rarely what a test asks: a draft for the teacher.
            value -= 10
        elif fact.kind == Fact.Kind.QUANTITY or (
            fact.kind == Fact.Kind.ROLE and fact.entity_id in leaders
        ):
            value += 10
    if draft.kind == Kind.TRUE_FALSE:
        # One of two answers, guessed half the time: the weakest form of a fact.
        value -= 15
    return max(0, min(100, value))
