"""Whether a text names a thing: names compared without case, accents, apostrophes or
punctuation, and without a leading article ("the Hawija offensive" names "Hawija offensive").
"""

import re
import unicodedata
from functools import cache


@cache
def normalise(text: str) -> str:
    """Lower-case words without accents, apostrophes or punctuation: al-Qa'im == Al Qaim."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = re.sub(r"['’‘`ʿʾ]", "", text.casefold())
    return " ".join(re.sub(r"[^\w²]+", " ", text).split())


def normalise_name(name: str) -> str:
    """A name without its leading article: "the Hawija offensive" == "Hawija offensive"."""
    return re.sub(r"^(the|a|an) ", "", normalise(name))


def mentions(text: str, name: str) -> bool:
    """Whether ``text`` contains ``name`` as whole words (after normalising both)."""
    needle = normalise_name(name)
    return bool(needle) and f" {needle} " in f" {normalise(text)} "
