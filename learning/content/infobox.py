"""Reading an infobox list the way a careful reader would.

Encyclopedia infoboxes list belligerents and commanders with what a page shows around them:
flag images ("18px"), empty flag entries ("'"), "Supported by:", notes ("(Air support)",
"(denied by KRG)"), fates ("KIA" glued to a name, "(POW)", "†") and roles ("Kliment
Voroshilov (People's Commissar for Defence)"). ``entries`` takes them apart: a name, and what
was said of it.
"""

import re
from dataclasses import dataclass

# Image leftovers and empty flag entries.
_IMAGE = re.compile(r"\b\d{1,3}px\b|\[\[File:[^\]]*\]\]")
_SUPPORTED_BY = re.compile(r"^supported by\s*:?\s*", re.IGNORECASE)
# A fate marker glued to a name or standing after it: "GaucherKIA", "Durnford KIA", "Piroth†".
_GLUED_FATE = re.compile(r"\s*(?P<marker>KIA|MIA|POW|WIA|DOW|†)$")
FATES = {
    "kia": "killed in action",
    "mia": "missing in action",
    "pow": "taken prisoner",
    "wia": "wounded",
    "dow": "died of wounds",
    "†": "killed",
    "wounded": "wounded",
    "executed": "executed",
    "escaped": "escaped",
    "killed": "killed",
}
# A parenthesis that says something happened, or qualifies, rather than naming a role.
_NOTE_STARTS = re.compile(
    r"^(?:absent|did not|deserted|denied|recognised|recognized|executed|escaped|wounded|killed|"
    r"captured|per |from |until |advisers?\b|air support|volunteers|reserve|in |at |as |"
    r"[^;]*;)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Entry:
    name: str
    # "People's Commissar for Defence", "7th Army": what the person was.
    role: str = ""
    # "Air support", "denied by Beijing": what the list says of the entry.
    note: str = ""
    # "killed in action", "taken prisoner": what became of a commander.
    fates: tuple[str, ...] = ()
    # Listed after "Supported by:".
    supporting: bool = False


def split_outside_parentheses(value: str, *, and_too: bool = False) -> list[str]:
    """Items separated by commas or semicolons (and " and ", if asked) outside parentheses."""
    items, depth, current = [], 0, ""
    separator = re.compile(r",|;" + (r"|\s+and\s+" if and_too else ""))
    index = 0
    while index < len(value):
        char = value[index]
        depth += (char == "(") - (char == ")")
        match = separator.match(value, index) if depth == 0 else None
        if match:
            items.append(current)
            current, index = "", match.end()
            continue
        current += char
        index += 1
    items.append(current)
    return [item.strip() for item in items if item.strip()]


def _fates_in(note: str) -> tuple[tuple[str, ...], str]:
    """The fates a parenthesis names ("POW, executed") and what else it says."""
    parts = [part.strip() for part in note.split(",")]
    fates = [FATES[part.lower()] for part in parts if part.lower() in FATES]
    rest = [part for part in parts if part.lower() not in FATES]
    return tuple(fates), ", ".join(rest)


def _entry(item: str, *, supporting: bool, people: bool) -> Entry | None:
    item = _IMAGE.sub("", item).strip(" '\"*")
    fates: tuple[str, ...] = ()
    role = note = ""
    parenthesis = re.search(r"\s*\(([^()]*)\)\s*$", item)
    if parenthesis:
        item = item[: parenthesis.start()].strip()
        fates, said = _fates_in(parenthesis[1])
        if said and people and not _NOTE_STARTS.match(said):
            role = said
        else:
            note = said
    glued = _GLUED_FATE.search(item)
    if glued:
        item = item[: glued.start()].strip()
        fates = (FATES[glued["marker"].lower()], *fates)
    item = item.strip(" '\"*")
    if not re.search(r"\w", item):
        return None
    return Entry(name=item, role=role, note=note, fates=fates, supporting=supporting)


def entries(value: str, *, people: bool = False) -> list[Entry]:
    """The entries of an infobox list, without images, empty flags or markers.

    ``people``: a list of commanders, whose parentheses name roles ("(7th Army)") and
    whose " and " separates two people.
    """
    found, supporting = [], False
    for item in split_outside_parentheses(value, and_too=people):
        if _SUPPORTED_BY.match(_IMAGE.sub("", item).strip(" '")):
            supporting = True
            item = _SUPPORTED_BY.sub("", _IMAGE.sub("", item).strip(" '"))
            if not item:
                continue
        entry = _entry(item, supporting=supporting, people=people)
        if entry is not None:
            found.append(entry)
    return found
