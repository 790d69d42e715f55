"""Event facts: what happened on a date ("When did {subject}?")."""

import re

from learning.content.extraction.clauses import (
    BLOCKING_PRONOUNS,
    COLLECTIVE,
    HEARSAY_VERBS,
    LEADING_ADVERBS,
    NOT_ON_THE_DAY,
    PRONOUN_SUBJECT,
    Anchor,
    Frame,
    clause_subject,
    first_clause,
    simple_past,
    tidy_clause,
    without,
)
from learning.content.extraction.facts import EVENT, ExtractedFact, sentence_fact
from learning.content.parsing import ParsedSentence
from learning.text.english import past_of_gerund

_LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def event_facts(
    *, sentence: ParsedSentence, text: str, anchors: list[Anchor], frame: Frame | None
) -> list[ExtractedFact]:
    # "Toussaint had been freed by 1776": it happened some time before, on no day to ask;
    # a report's own date stays, as the bound of what it reports.
    anchors = [
        anchor
        for anchor in anchors
        if anchor.preposition not in NOT_ON_THE_DAY or _dates_the_report(anchor=anchor, frame=frame)
    ]
    if not anchors:
        return []
    events: list[tuple[str, Anchor]] = []
    if len(anchors) > 1:
        events = _participle_list_events(text=text, anchors=anchors)
    if not events:
        anchor = anchors[0]
        subject = _gerund_lead_event(text=text, anchor=anchor) or _event_clause(
            text=text, anchor=anchor, frame=frame
        )
        events = [(subject, anchor)] if subject else []
    return [
        event_fact(
            sentence,
            subject=subject,
            anchor=anchor,
            qualifier=REPORTED_BY if _dates_the_report(anchor=anchor, frame=frame) else "",
        )
        for subject, anchor in events
        if len(subject.split()) >= 3 and not PRONOUN_SUBJECT.match(subject)
    ]


def event_fact(
    sentence: ParsedSentence, *, subject: str, anchor: Anchor, **values
) -> ExtractedFact:
    """The fact that ``subject`` happened when ``anchor`` says."""
    return sentence_fact(
        sentence,
        kind=EVENT,
        subject=subject,
        value=anchor.value(),
        source_text=anchor.source_text,
        date=anchor.first,
        date_end=anchor.last,
        date_precision=anchor.precision,
        **values,
    )


# An event's qualifier when its date is that of the statement reporting it: "Yarallah stated
# on 15 November that they had killed 48 militants" happened by 15 November, not on it.
REPORTED_BY = "by"


def _dates_the_report(*, anchor: Anchor, frame: Frame | None) -> bool:
    return frame is not None and anchor.phrase not in frame.clause


def _event_clause(*, text: str, anchor: Anchor, frame: Frame | None) -> str:
    reported = (
        frame is not None
        and frame.verb not in HEARSAY_VERBS
        and not BLOCKING_PRONOUNS.search(frame.clause)
        and not re.match(r"(?:its|their)\b", frame.clause)
    )
    body = frame.clause if reported else text
    first = first_clause(body)
    # Keep the first clause, unless the date belongs to a later one.
    body = first if anchor.phrase in first or anchor.phrase not in body else body
    body = LEADING_ADVERBS.sub("", without(body, [anchor.phrase]).strip(" ,"))
    if reported or not frame:
        body = simple_past(body)
    body = tidy_clause(body)
    return "" if re.search(r"\bthat$", body) else body


def _participle_list_events(*, text: str, anchors: list[Anchor]) -> list[tuple[str, Anchor]]:
    """ "In 2017, X launched an offensive, recapturing A on D1 and B on D2": three events."""
    match = re.match(r"^(?P<main>.+?),\s+(?P<verb>[a-z]+ing)\s+(?P<rest>.+?)\.?$", text)
    if not match:
        return []
    main = match["main"]
    subject = tidy_clause(clause_subject(main))
    events = []
    main_anchors = [anchor for anchor in anchors if anchor.phrase in main]
    if main_anchors:
        events.append(
            (
                tidy_clause(
                    simple_past(without(LEADING_ADVERBS.sub("", main), [main_anchors[0].phrase]))
                ),
                main_anchors[0],
            )
        )
    for item in _LIST_SPLIT.split(match["rest"]):
        item_anchors = [anchor for anchor in anchors if anchor.phrase in item]
        if len(item_anchors) != 1 or not subject:
            return []
        thing = COLLECTIVE.sub("", without(item, [item_anchors[0].phrase]).strip())
        events.append((f"{subject} {past_of_gerund(match['verb'])} {thing}", item_anchors[0]))
    return events


def _gerund_lead_event(*, text: str, anchor: Anchor) -> str:
    """ "After recapturing Hawija on 5 October the army ..." -> "the army recaptured Hawija"."""
    match = re.match(
        rf"^(?:After|Before|Following|Upon)\s+(?P<verb>[a-z]+ing)\s+(?P<object>.+?)\s+"
        rf"{re.escape(anchor.phrase)},?\s+(?P<rest>.+)$",
        text,
    )
    if not match:
        return ""
    subject = clause_subject(match["rest"])
    if not subject:
        return ""
    return tidy_clause(f"{subject} {past_of_gerund(match['verb'])} {match['object']}")
