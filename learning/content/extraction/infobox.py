"""Infobox facts: one attribute per field, with the commanders' roles and the strength and
casualty figures as quantities."""

import re
from dataclasses import replace
from datetime import date

from learning.content.extraction.entities import (
    RANK_EXPANSIONS,
    RANKED_PERSON,
    Entities,
)
from learning.content.extraction.facts import (
    ATTRIBUTE,
    EVENT,
    PERSON,
    QUANTITY,
    ROLE,
    ExtractedFact,
    quantity_value,
)
from learning.content.extraction.sides import Sides
from learning.content.infobox import entries, split_outside_parentheses
from learning.content.parsing import ParsedArticle, find_dates, find_quantities
from learning.text.dates import format_date, format_date_range
from learning.text.english import titled, with_indefinite, with_the

_FIELD_SUBJECTS = {
    "partof": "the war {title} was part of",
    "date": "the dates of {title}",
    "place": "where {title} took place",
    "location": "where {title} took place",
    "result": "the result of {title}",
    "territory": "the territorial changes of {title}",
    "combatant": "the belligerents opposing {other} in {title}",
    "commander": "the commander on {side_phrase} in {title}",
    "units": "the units on {side_phrase} in {title}",
    "strength": "the strength of {side} in {title}",
    "casualties": "the casualties of {side} in {title}",
}
# Field names that are no noun to ask "what was the … of" about ("organised by", "capital
# of", "president before") and names in another script: no fact.
_UNASKABLE = re.compile(r"(?:\b(?:by|of|before|after|from|to)|native name|registered)$")
# Fields that are about one side: without a name for it, they make no fact.
_SIDE_FIELDS = {"combatant", "commander", "units", "strength", "casualties"}
# Fields that list names, one entry each.
_LISTS = {"combatant", "commander", "units"}
# Fields that date one event of the article's subject: asked as that event ("When was Great
# Zimbabwe abandoned?"), never as "the abandoned of Great Zimbabwe".
_DATED_FIELDS = {
    "born": "{title} was born",
    "died": "{title} died",
    "founded": "{title} was founded",
    "established": "{title} was established",
    "abandoned": "{title} was abandoned",
    "dissolved": "{title} was dissolved",
    "signed": "{title} was signed",
    "designated": "{title} was designated {what}",
}
# A bare year where the infobox gives no day: "1986 (UNESCO World Heritage Site)".
_BARE_YEAR = re.compile(r"^(?:c\. |about |around )?(?P<year>[1-9]\d{2,3})(?: (?:AD|CE))?\b(?! BC)")
# A date the field itself doubts: "c. 1450", "1137 (or 1138)", "(date disputed …)". Asked as
# a date, "Was Great Zimbabwe abandoned in 1450?" would be keyed on a guess.
_APPROXIMATE = re.compile(
    r"^(?:c\.|ca\.|circa|about|around)\s|\b(?:disputed|uncertain|or \d{3,4})\b"
)


def infobox_facts(
    *, article: ParsedArticle, entities: Entities, sides: Sides
) -> list[ExtractedFact]:
    facts = []
    for key, value in article.infobox.items():
        field_name, index = re.fullmatch(r"(.*?)(\d*)", key).groups()
        field_name = field_name.lower()
        if field_name in ("conflict", "name", "title") or value == article.title:
            continue
        side = with_the(sides.labels.get(index, ""))
        other = with_the(sides.labels.get({"1": "2", "2": "1"}.get(index, ""), ""))
        if field_name in _SIDE_FIELDS and not (side and (other or field_name != "combatant")):
            # "the first side" names nobody: no question may lean on it.
            continue
        if field_name not in _FIELD_SUBJECTS and _UNASKABLE.search(_words(field_name)):
            continue
        if field_name in _DATED_FIELDS:
            facts += _dated_field(key=key, value=value, title=titled(article.title))
            continue
        template = _FIELD_SUBJECTS.get(field_name, f"the {_words(field_name)} of {{title}}")
        base = ExtractedFact(
            kind=ATTRIBUTE,
            infobox_field=key,
            subject=template.format(
                title=titled(article.title),
                side=side,
                other=other,
                side_phrase=f"the side of {side}",
            ),
            value=_listed(value) if field_name in _LISTS else _without_notes(value),
            source_text=value,
            side=sides.labels.get(index, ""),
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
            listed = entries(value, people=True)
            # Several commanders: "who commanded" has several right answers, "one of" one each.
            commanded = (
                f"was one of the commanders of {side} in {titled(article.title)}"
                if len(listed) > 1
                else f"commanded the forces of {side} in {titled(article.title)}"
            )
            # "Lord Chelmsford (absent from the battle)", "Mir Jafar (did not engage)": named,
            # but whether they commanded in the battle is a matter of reading.
            present = [e.name for e in listed if not re.match(r"absent|did not", e.note, re.I)]
            for item in present:
                match = RANKED_PERSON.fullmatch(item)
                person = entities.find(name=match["name"] if match else item, kind=PERSON)
                if person is None:
                    continue
                facts.append(replace(base, value=person.name, entity_name=person.name))
                facts.append(
                    replace(
                        base,
                        kind=ROLE,
                        subject=commanded,
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
        contest = _CONTEST.search(article.title)
        if field_name == "result" and contest and (winner := _winner(value, sides=sides)):
            facts.append(
                replace(
                    base,
                    subject=f"the side that won {titled(article.title)}",
                    value=winner,
                    entity_name=winner,
                    question=f"Which side won {titled(article.title)}?",
                )
            )
        if field_name in ("strength", "casualties"):
            facts.extend(_infobox_quantities(base=base, side=side, field_name=field_name))
    return facts


# Titles that name a contest someone won: "Which side won the Fall of Constantinople?" asks
# what the title says.
_CONTEST = re.compile(r"\b(?:battle|siege|campaign|war|offensive|invasion|operation)\b", re.I)
_VICTORY = re.compile(
    r"^(?:(?:Decisive|Major|Minor|Pyrrhic|Tactical|Strategic|Overwhelming) )?(?P<who>.+?) victory\b"
)


def victor_named(result: str) -> str:
    """Who a result says won, in its words: "Decisive Macedonian victory" -> "Macedonian"."""
    said = _VICTORY.match(result)
    return said["who"] if said else ""


def _winner(value: str, *, sides: Sides) -> str:
    """The side a "Decisive Macedonian victory" names, by its label ("Macedon"); "" when the
    winner is no one side ("allied victory") or none is named."""
    who = victor_named(value).lower()
    if not who:
        return ""
    for label in sides.labels.values():
        words = label.lower().removeprefix("the ").split()
        # "Mamluk" names the Mamluk Sultanate, "Macedonian" Macedon, "Soviet" the Soviet Union.
        if who == " ".join(words) or (
            " " not in who and words and len(who) >= 4 and who[:5] == words[0][:5]
        ):
            return label
    return ""


def _dated_field(*, key: str, value: str, title: str) -> list[ExtractedFact]:
    """ "Born: 14 November 1889, Allahabad, …" -> the event "Jawaharlal Nehru was born" on its
    day, and the birthplace; a field without a date it can read gives nothing."""
    field_name = key.lower()
    mention = next(iter(find_dates(text=value, default_year=None)), None)
    bare = _BARE_YEAR.match(value)
    if mention is not None and value.index(mention.text) < 4:
        day, precision, rest = mention.first, mention.precision, value[mention.end :]
    elif bare:
        day, precision, rest = date(int(bare["year"]), 1, 1), "year", value[bare.end() :]
    else:
        return []
    what = re.match(r"\s*\(([^()]+)\)", rest)
    facts = []
    # "Designated: 1986": designated what, the field does not say.
    if not _APPROXIMATE.search(value) and ("{what}" not in _DATED_FIELDS[field_name] or what):
        subject = _DATED_FIELDS[field_name].format(
            title=title, what=with_indefinite(what[1]) if what else ""
        )
        facts.append(
            ExtractedFact(
                kind=EVENT,
                infobox_field=key,
                subject=subject,
                value=format_date(value=day, precision=precision),
                source_text=value,
                date=day,
                date_precision=precision,
            )
        )
    place = re.match(r"(?:\s*\([^()]*\))*,\s*([A-Z][^,()\d]+?)\s*(?:,|\(|$)", rest)
    if field_name == "born" and place:
        facts.append(
            ExtractedFact(
                kind=ATTRIBUTE,
                infobox_field=key,
                subject=f"the birthplace of {title}",
                value=place[1],
                source_text=value,
            )
        )
    return facts


def _infobox_quantities(*, base: ExtractedFact, side: str, field_name: str) -> list[ExtractedFact]:
    quantities = find_quantities(text=base.source_text)
    if not quantities:
        return []
    quantity = quantities[0]
    # "1,500 (CJTF-OIR estimate)": the parenthesis says whose figure it is.
    note = re.search(r"\(([^)]*)\)", base.source_text)
    label = "strength" if field_name == "strength" else "casualties"
    subject = f"{label} of {side}" + (f" ({note[1]})" if note else "")
    after = base.source_text.partition(quantity.text)[2]
    return [
        replace(
            base,
            kind=QUANTITY,
            subject=subject,
            value=quantity_value(quantity),
            source_text=quantity.text,
            number=quantity.number,
            number_max=quantity.number_max,
            unit=quantity.unit or _unit_of(label=label, after=after),
            qualifier=quantity.qualifier,
        )
    ]


def _unit_of(*, label: str, after: str) -> str:
    """What the figure counts: fighters, casualties, or only the dead ("1,571–2,293 killed,
    5,195–6,650 wounded": the first figure is not all the casualties)."""
    if label == "strength":
        return "fighters"
    return "killed" if re.match(r"\s*(?:killed|dead)\b", after) else "casualties"


def _words(identifier: str) -> str:
    return re.sub(r"(?<=[a-z])(?=[A-Z])|_", " ", identifier).lower()


def _listed(value: str) -> str:
    """A side's list without flags, empty entries or markers: "France, French Union"."""
    return ", ".join(entry.name for entry in entries(value)) or value


def _without_notes(value: str) -> str:
    """A one-item field without its trailing notes: "Kamala Nehru (née Kaul) (m. 1916)" ->
    "Kamala Nehru"; a list or a figure stays as it is."""
    if len(split_outside_parentheses(value)) > 1 or re.search(r"\d", value.split("(")[0]):
        return value
    return re.sub(r"(?:\s*\([^()]*\))+$", "", value).strip() or value
