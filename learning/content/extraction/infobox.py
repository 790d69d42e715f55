"""Infobox facts: one attribute per field, with the commanders' roles and the strength and
casualty figures as quantities."""

import re
from dataclasses import replace

from learning.content.extraction.entities import (
    RANK_EXPANSIONS,
    RANKED_PERSON,
    Entities,
    split_list,
)
from learning.content.extraction.facts import (
    ATTRIBUTE,
    PERSON,
    QUANTITY,
    ROLE,
    ExtractedFact,
    quantity_value,
)
from learning.content.extraction.sides import Sides
from learning.content.parsing import ParsedArticle, find_dates, find_quantities
from learning.text.dates import format_date_range

_FIELD_SUBJECTS = {
    "partof": "the war the {title} was part of",
    "date": "the dates of the {title}",
    "place": "where the {title} took place",
    "location": "where the {title} took place",
    "result": "the result of the {title}",
    "territory": "the territorial changes of the {title}",
    "combatant": "the belligerents opposing {other} in the {title}",
    "commander": "the commander on {side_phrase} in the {title}",
    "units": "the units on {side_phrase} in the {title}",
    "strength": "the strength of {side} in the {title}",
    "casualties": "the casualties of {side} in the {title}",
}
_SIDE_ORDINALS = {"1": "the first side", "2": "the second side", "3": "the third side"}


def infobox_facts(
    *, article: ParsedArticle, entities: Entities, sides: Sides
) -> list[ExtractedFact]:
    facts = []
    for key, value in article.infobox.items():
        field_name, index = re.fullmatch(r"(.*?)(\d*)", key).groups()
        field_name = field_name.lower()
        if field_name in ("conflict", "name", "title") or value == article.title:
            continue
        side = sides.labels.get(index, _SIDE_ORDINALS.get(index, ""))
        other_index = {"1": "2", "2": "1"}.get(index, "")
        other = sides.labels.get(other_index, _SIDE_ORDINALS.get(other_index, "the other side"))
        template = _FIELD_SUBJECTS.get(field_name, f"the {_words(field_name)} of the {{title}}")
        base = ExtractedFact(
            kind=ATTRIBUTE,
            infobox_field=key,
            subject=template.format(
                title=article.title,
                side=side,
                other=other,
                side_phrase=f"the side of {side}" if index in sides.labels else side,
            ),
            value=value,
            source_text=value,
        )
        if field_name == "date" and article.start_date:
            mention = find_dates(text=value, default_year=None)[0]
            base = replace(
                base,
                value=format_date_range(
                    first=article.start_date, last=article.end_date, precision=mention.precision
                ),
                date=article.start_date,
                date_end=article.end_date if article.end_date != article.start_date else None,
                date_precision=mention.precision,
            )
        if field_name == "commander":
            for item in split_list(value):
                match = RANKED_PERSON.fullmatch(item)
                person = entities.find(name=match["name"] if match else item, kind=PERSON)
                if person is None:
                    continue
                facts.append(replace(base, value=person.name, entity_name=person.name))
                facts.append(
                    replace(
                        base,
                        kind=ROLE,
                        subject=f"commanded the forces of {side} in the {article.title}",
                        value=person.name,
                        entity_name=person.name,
                        role=RANK_EXPANSIONS.get(match["rank"], match["rank"])
                        if match
                        else "commander",
                        side=sides.labels.get(index, ""),
                    )
                )
            continue
        facts.append(base)
        if field_name in ("strength", "casualties"):
            facts.extend(_infobox_quantities(base=base, side=side, field_name=field_name))
    return facts


def _infobox_quantities(*, base: ExtractedFact, side: str, field_name: str) -> list[ExtractedFact]:
    quantities = find_quantities(text=base.value)
    if not quantities:
        return []
    quantity = quantities[0]
    # "1,500 (CJTF-OIR estimate)": the parenthesis says whose figure it is.
    note = re.search(r"\(([^)]*)\)", base.value)
    label = "strength" if field_name == "strength" else "casualties"
    subject = f"{side} {label}" + (f" ({note[1]})" if note else "")
    return [
        replace(
            base,
            kind=QUANTITY,
            subject=subject,
            value=quantity_value(quantity),
            source_text=quantity.text,
            number=quantity.number,
            number_max=quantity.number_max,
            unit=quantity.unit or ("fighters" if label == "strength" else "casualties"),
            qualifier=quantity.qualifier,
        )
    ]


def _words(identifier: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])|_", " ", identifier).lower()
