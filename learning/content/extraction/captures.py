"""Capture facts: places captured, retaken or cleared, by whom and when."""

import re

from learning.content.extraction.clauses import (
    CAPTURE_PARTICIPLES,
    COLLECTIVE,
    DIRECTION,
    Anchor,
    Context,
    Frame,
    agent_phrase,
    split_attribution,
    tidy_clause,
    when_phrase,
)
from learning.content.extraction.entities import CHUNK, Entity
from learning.content.extraction.facts import PLACE, PLACE_FACT, ExtractedFact, sentence_fact
from learning.content.parsing import ParsedSentence, find_quantities
from learning.text.english import participle_of

_CAPTURE = re.compile(
    r"\b(?:had\s+)?(?:also\s+)?(?P<verb>captured|recaptured|retook|retaken|cleared|seized"
    r"|entered|liberated|took control of|taken control of)\s+"
    r"(?P<objects>[^.;]+)"
)
_OBJECTS_END = re.compile(
    r",?\s+(?:on|during|later|after|in|within|from|since|by|killing|destroying|while|adding"
    r"|west|east|north|south|to)\b|,\s+(?:about\s+)?\d|,\s+\w+ing\b"
)
_OBJECT_SPLIT = re.compile(r",?\s+(?:as well as|along with)\s+|,\s*(?:and\s+)?|\s+and\s+")
_OBJECT_PREFIX = re.compile(
    r"^(?:the|a|an)\s+|^(?:nearby|northern|southern|eastern|western)\s+|^(?:rest|whole|most|all)\s+of\s+"
    r"|^(?:towns?|villages?|cities|city|areas?)\s+of\s+"
)


def capture_facts(
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
    for match in _CAPTURE.finditer(body):
        # "X, 55 km south-east of Y, and Z": the distance describes X, the list goes on.
        objects = re.sub(
            rf",\s+(?:about\s+)?\d[^,]*?\b(?:{DIRECTION}\s+)?of\s+[^,]+,?", ",", match["objects"]
        )
        objects = _OBJECTS_END.split(objects)[0]
        head = COLLECTIVE.match(objects)[0]
        places = []
        for item in _OBJECT_SPLIT.split(re.sub(r"\s+as well$", "", objects[len(head) :])):
            item = item.strip()
            while _OBJECT_PREFIX.match(item):
                item = _OBJECT_PREFIX.sub("", item, count=1)
            place = _place_in(item, context=context)
            # Counted objects ("nine villages around Obeidi") are quantities, not places.
            if place and not find_quantities(text=item):
                places.append((item, place))
        if not places:
            continue
        noun = re.search(r"(towns?|villages?|cities|city|areas?)\s+of", head)
        kind_word = noun[1] if noun else ("places" if len(places) > 1 else "place")
        agent = agent_phrase(body[: match.start()], body=body, speaker=speaker)
        verb = CAPTURE_PARTICIPLES.get(match["verb"], participle_of(match["verb"]))
        subject = f"{kind_word} {verb}" + (f" by {agent}" if agent else "") + when + attribution
        names = [item for item, _ in places]
        value = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        facts.append(
            sentence_fact(
                sentence,
                kind=PLACE_FACT,
                subject=tidy_clause(subject),
                value=value,
                source_text=objects.strip(),
                entity_name=places[0][1].name if len(places) == 1 else "",
            )
        )
    return facts


def _place_in(item: str, *, context: Context) -> Entity | None:
    whole = context.entities.find(name=item, kind=PLACE)
    if whole:
        return whole
    for match in CHUNK.finditer(item):
        entity = context.entities.find(name=match[0])
        if entity and entity.kind == PLACE:
            return entity
    return None
