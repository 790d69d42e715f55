"""Infobox field names as people read them: "Partof" -> "Part of", "Combatant1" -> "Combatants"."""

import re

_LABELS = {
    "partof": "Part of",
    "combatant": "Combatants",
    "commander": "Commanders",
    "units": "Units",
    "strength": "Strength",
    "casualties": "Casualties and losses",
}


def field_label(key: str, *, side: str = "") -> str:
    """The field's name in words; a numbered field says whose it is when ``side`` is given."""
    name, number = re.fullmatch(r"(.*?)(\d*)", key.strip()).groups()
    label = _LABELS.get(name.lower().replace(" ", ""))
    if label is None:
        words = re.sub(r"(?<=[a-z])(?=[A-Z])|_", " ", name).strip()
        label = words[:1].upper() + words[1:].lower()
    return f"{label} ({side})" if number and side else label
