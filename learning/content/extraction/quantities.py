"""Quantity facts: counted things and figures ("How many {subject}?"), and distances between
places with the place they locate."""

import re

from learning.content.extraction.clauses import (
    CAPTURE_PARTICIPLES,
    DIRECTION,
    Anchor,
    Context,
    Frame,
    agent_phrase,
    person_in,
    split_attribution,
    tidy_clause,
    when_phrase,
    without,
)
from learning.content.extraction.entities import CHUNK
from learning.content.extraction.facts import (
    PLACE_FACT,
    QUANTITY,
    ExtractedFact,
    quantity_value,
    sentence_fact,
)
from learning.content.parsing import ParsedSentence, find_quantities
from learning.text.english import PAST_FORMS, participle_of, past_of_gerund

_DURATIONS = {"day", "days", "hour", "hours", "week", "weeks", "month", "months", "year", "years"}
_NOUN_STOP = (
    r"(?:had|have|has|were|was|are|is|been|and|or|of|in|on|at|by|from|to|with|within|during"
    r"|since|while|near|around|along|as|that|which|who|after|before|into|towards|over|under"
    r"|north|south|east|west|killed|captured|destroyed)\b"
)
_NOUN_WORD = rf"(?!{_NOUN_STOP})(?:[a-z][\w-]*|[A-Z][a-z]+(?=\s+[a-z])|[A-Z]{{2,}}s?)"
_COUNTED = re.compile(
    rf"^\s+(?:of\s+(?P<owner>his|her|its|their|the)\s+)?(?P<noun>{_NOUN_WORD}(?:\s+{_NOUN_WORD}){{0,2}})"
)
_CONVERSION = re.compile(r"^\s*\([^)]*\)")


_DISTANCE = re.compile(
    rf"^\s+(?P<direction>{DIRECTION}\s+)?(?:of|from)\s+(?P<place>(?:the\s+)?[A-Za-z'’–-]+(?:\s+[A-Z][\w'’–-]*)*)"
)
_PLACE_BEFORE_COMMA = re.compile(
    r"(?P<place>(?:[A-Z][\w'’–-]*|al-[\w'’–-]+)(?:\s+(?:[A-Z][\w'’–-]*|al-[\w'’–-]+))*"
    r"(?:\s+(?P<head>[a-z]+))?)\s*,\s*(?:which is\s+)?$"
)
_PASSIVE = re.compile(
    r"^\s+(?:had been|have been|has been|were|was|are|is)\s+(?:also\s+)?(?P<predicate>.+)$"
)
_SMALL_NUMBERS = "one|two|three|four|five|six|seven|eight|nine|ten"
_COORDINATED = re.compile(
    rf"^(?:(?:,\s*(?:and\s+)?|\s+and\s+)(?:\d[\d,]*|{_SMALL_NUMBERS})"
    rf"\s+{_NOUN_WORD}(?:\s+{_NOUN_WORD})?)+"
)
_ACTIVE_VERB = re.compile(
    r"\b(?:had\s+|have\s+|has\s+)?(?:also\s+)?(?P<verb>took control of|taken control of"
    r"|took|retook|taken|retaken|held|won|lost|[a-z]{3,}ed|[a-z]{3,}ing)\b"
)
_BETWEEN_VERB_AND_NUMBER = re.compile(
    r"^(?:.*(?:,|\band|\bas well as|\balong with))?\s*(?:(?:an?|the)\s+)?"
    r"(?P<fraction>half of the|a third of the|a quarter of the)?(?P<area>area of)?(?:total of)?\s*$"
)


def quantity_facts(
    *,
    sentence: ParsedSentence,
    text: str,
    anchors: list[Anchor],
    frame: Frame | None,
    context: Context,
) -> list[ExtractedFact]:
    speaker, body = split_attribution(text=text, frame=frame, context=context)
    attribution = f" according to {speaker}" if speaker else ""
    when = when_phrase(text=text, anchors=anchors, context=context)
    facts = []
    for quantity in find_quantities(text=body):
        before, after = body[: quantity.start], body[quantity.end :]
        if quantity.unit in ("km", "mi", "m"):
            distance = _distance_facts(
                sentence=sentence, quantity=quantity, before=before, after=after
            )
            if distance:
                facts += distance
                continue
        thing, rest = _thing(quantity=quantity, before=before, after=after, context=context)
        if not thing:
            continue
        predicate = _quantity_predicate(before=before, rest=rest, body=body, speaker=speaker)
        if predicate is None:
            continue
        what = without(f"{thing} {predicate}", [anchor.phrase for anchor in anchors])
        facts.append(
            sentence_fact(
                sentence,
                kind=QUANTITY,
                subject=tidy_clause(f"{what.strip()}{when}{attribution}"),
                value=quantity_value(quantity),
                source_text=quantity.text,
                number=quantity.number,
                number_max=quantity.number_max,
                unit=quantity.unit or _unit_of(thing),
                qualifier=quantity.qualifier,
            )
        )
    return facts


def _thing(*, quantity, before: str, after: str, context: Context) -> tuple[str, str]:
    """What was counted ("militant vehicles", "km of the Akashat–al-Qaim road") and the
    text after it."""
    if quantity.unit:
        after = _CONVERSION.sub("", after)
        of = re.match(
            r"^\s+of\s+(?P<of>[^,;.]+?)(?=\s+(?:and|during|on|in|since|while|had|were|was)\b|[,.;]|$)",
            after,
        )
        if of:
            return f"{quantity.unit} of {of['of']}", after[of.end() :]
        noun = re.match(rf"^\s+(?P<noun>{_NOUN_WORD}(?:\s+{_NOUN_WORD})?)", after)
        if noun:
            return f"{quantity.unit} of {noun['noun']}", after[noun.end() :]
        if re.search(r"\barea of\s*$", before):
            return f"{quantity.unit} of area", after
        return quantity.unit, after
    counted = _COUNTED.match(after)
    if not counted:
        return "", after
    words = re.sub(r"^other\s+", "", counted["noun"]).split()
    # After the head noun a past form is the verb: "2,000 Normans died".
    verb_at = next(
        (i for i, word in enumerate(words) if i and (word.endswith("ed") or word in PAST_FORMS)),
        len(words),
    )
    noun = " ".join(words[:verb_at])
    after = " " + " ".join(words[verb_at:]) + after[counted.end() :] if words[verb_at:] else after
    if noun.split()[-1] in _DURATIONS:
        return "", after
    if counted["owner"] in ("his", "her"):
        # "six of his companions": whose, from the person named just before.
        people = [m for m in CHUNK.finditer(before) if person_in(m[0], context=context)]
        if people:
            noun = f"{noun} of {person_in(people[-1][0], context=context).name}"
    return noun, after if words[verb_at:] else after[counted.end() :]


def _unit_of(thing: str) -> str:
    return thing.split(" of ")[0]


def _quantity_predicate(*, before: str, rest: str, body: str, speaker: str) -> str | None:
    rest = _COORDINATED.sub("", rest)
    passive = _PASSIVE.match(rest)
    if passive:
        return _trim_predicate(passive["predicate"])
    # "Two Iraqi divisions and Sunni tribal fighters carried out the operation"
    verb_after = re.match(r"^(?:\s+and\s+[^,.;]+?)?\s+(?P<verb>[a-z]+ed)\b(?P<rest>.*)$", rest)
    if verb_after:
        return f"that {verb_after['verb']}{_trim_predicate(verb_after['rest'], space=True)}"
    verbs = list(_ACTIVE_VERB.finditer(before))
    if not verbs:
        return None
    verb = verbs[-1]
    between = _BETWEEN_VERB_AND_NUMBER.match(before[verb.end() :])
    if not between:
        return None
    participle = CAPTURE_PARTICIPLES.get(verb["verb"]) or participle_of(
        past_of_gerund(verb["verb"]) if verb["verb"].endswith("ing") else verb["verb"]
    )
    agent = agent_phrase(before[: verb.start()], body=body, speaker=speaker)
    by_agent = f" by {agent}" if agent else ""
    trailing = _trim_predicate(rest, space=True)
    if between["fraction"]:
        fraction = between["fraction"].split(" of ")[0]
        return f"{trailing.strip()}, of which {fraction} was {participle}{by_agent}".lstrip(", ")
    if re.match(r"\s+(?:around|near|in|west|east|north|south)\b", trailing):
        return f"{trailing.strip()} {participle}{by_agent}"
    return f"{participle}{by_agent}{trailing}"


def _trim_predicate(text: str, *, space: bool = False) -> str:
    text = re.split(
        r";|,\s+(?:while|but|and|[a-z]+ing)\b|\s+(?:while|whereas|as well as|along with)\b"
        r"|\s+and\s+(?:[a-z]+ed\b|had\b|an?\s|the\s|\d)|,\s+(?:about\s+)?\d",
        text,
    )[0]
    text = text.rstrip(" .,")
    text = re.sub(r",\s+", " ", text)
    return (" " + text.strip() if text.strip() else "") if space else text.strip()


def _distance_facts(
    *, sentence: ParsedSentence, quantity, before: str, after: str
) -> list[ExtractedFact]:
    """ "Umm al-Waz village, 55 km south-east of al-Qa'im": a distance and a located place."""
    distance = _DISTANCE.match(_CONVERSION.sub("", after))
    near = _PLACE_BEFORE_COMMA.search(before)
    if not distance or not near:
        return []
    place = near["place"]
    head = near["head"] or ""
    name = place[: -len(head)].strip() if head else place
    target = re.sub(r"^the\s+", "", distance["place"]).strip()
    direction = distance["direction"] or ""
    captures = list(
        re.finditer(
            r"\b(captured|recaptured|cleared|seized|entered|liberated|took control of)\b", before
        )
    )
    participle = (
        CAPTURE_PARTICIPLES.get(captures[-1][1], captures[-1][1]) if captures else "located"
    )
    return [
        sentence_fact(
            sentence,
            kind=QUANTITY,
            subject=f"{quantity.unit} between {place} and {target}",
            value=quantity_value(quantity),
            source_text=quantity.text,
            number=quantity.number,
            number_max=quantity.number_max,
            unit=quantity.unit,
            qualifier=quantity.qualifier,
        ),
        sentence_fact(
            sentence,
            kind=PLACE_FACT,
            # "40 km of al-Qa'im" says no direction: the place is that far "from" it.
            subject=f"{head or 'place'} {participle} {quantity.text} "
            + (f"{direction}of {target}" if direction else f"from {target}"),
            value=name,
            source_text=place,
            entity_name=name,
        ),
    ]
