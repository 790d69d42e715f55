"""Whether two texts say the same thing: subjects, events told twice, names, units. The
distractors and the templates both ask it."""

from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import cache

from learning.text.mentions import mentions, normalise

# Two subjects this similar describe the same thing ("the Iraqi Army captured Rawa"
# and "Iraqi forces captured Rawa"), so their values are both true answers.
SAME_SUBJECT_RATIO = 0.8


@cache
def same_subject(a: str, b: str) -> bool:
    """Whether two subjects say the same thing, or one is the other with more detail."""
    a, b = normalise(a), normalise(b)
    if a.startswith(b) or b.startswith(a):
        return True
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    # The cheap upper bounds first: most pairs are far apart.
    return (
        matcher.real_quick_ratio() >= SAME_SUBJECT_RATIO
        and matcher.quick_ratio() >= SAME_SUBJECT_RATIO
        and matcher.ratio() >= SAME_SUBJECT_RATIO
    )


# Two events this alike in their words may be one event told twice ("an Iraqi operation was
# launched towards west Anbar", "the Iraqi Army launched an offensive in western Anbar"): the
# other's date may be this one's too.
ALIKE_OVERLAP = 0.25


def alike(a: str, b: str) -> bool:
    """Much the same words, and names one of which holds the other's: the army capturing Rawa
    and the army capturing Anah are two events."""
    names_a, names_b = ({w for w in t.split()[1:] if w[:1].isupper()} for t in (a, b))
    if not (names_a and names_b) or not (names_a <= names_b or names_b <= names_a):
        return False
    return word_overlap(a, b) >= ALIKE_OVERLAP


def word_overlap(a: str, b: str) -> float:
    """The share of their words of four letters or more that two texts have in common."""
    mine, theirs = ({w for w in normalise(t).split() if len(w) > 3} for t in (a, b))
    return len(mine & theirs) / len(mine | theirs) if mine and theirs else 0.0


def is_list(name: str) -> bool:
    """ "Awani, Jabab and al-Zalla" names several things at once."""
    return "," in name or " and " in name


def names_clash(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two lists of names (a name and its aliases) may denote the same thing.

    One containing the other counts too: "Rawa" and "Rawa district" are not
    different enough to be an answer and a distractor.
    """
    return any(mentions(x, y) or mentions(y, x) for x in a for y in b)


def unit_key(unit: str) -> str:
    """Compare units loosely: "village" == "villages", "km2" == "km²"."""
    key = normalise(unit).replace("sq km", "km²").replace("km2", "km²")
    return key[:-1] if len(key) > 3 and key.endswith("s") else key
