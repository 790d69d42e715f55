"""Reading a generated question back before anyone sees it.

A template pastes a clause of the article into a frame; when the clause was not a clean one,
the result shows it: a sentence's opening word in the middle ("When did After the winter
defeats Stalin reorganise…?"), a clipped word ("Finland h been"), or a pronoun that points at
nobody the question names ("What did her army take?"). The parse of spaCy's small English
pipeline finds them; such a draft is turned away.
"""

from functools import lru_cache

from learning.content.language import english

# Parts of speech whose words start a sentence but never stand capitalised inside one.
_OPENERS = {"ADP", "SCONJ", "CCONJ", "ADV", "PRON", "AUX", "PART"}
# Determiners that open a pasted sentence ("Is it true that The army…").
_ARTICLES = {"The", "A", "An"}
# Where a capital is right inside a question: after a colon, a quote or a bracket.
_FRESH_STARTS = {":", '"', "“", "‘", "(", "—", "–", "-", ";"}
_PERSONAL = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "theirs"}
# One- and two-letter words English has; any other is a clipped word.
_SHORT_WORDS = {
    "a", "i", "o", "an", "am", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it",
    "me", "my", "no", "of", "on", "or", "so", "to", "up", "us", "we", "ad", "al", "el", "km",
    "mi", "ha", "st", "th", "nd", "rd", "de", "da", "du", "la", "le", "von", "van", "ii",
    "iv", "vi", "ix", "xi", "mp", "bc", "ce", "pm", "ms", "mr", "dr", "vs", "ok", "oz",
    # Units, and the particles of names in other languages ("Siraj-ud-Daulah", "del Toro y").
    "m", "mm", "cm", "kg", "sq", "ft", "ud", "y", "e", "bin", "ibn", "dos", "das", "di",
}  # fmt: skip


@lru_cache(maxsize=50_000)
def _parsed(text: str) -> tuple[tuple[str, str, bool], ...]:
    """(word, part of speech, follows a fresh start) for each token of the text."""
    doc = english()(text)
    return tuple(
        (token.text, token.pos_, token.i == 0 or doc[token.i - 1].text in _FRESH_STARTS)
        for token in doc
    )


def flaw(text: str) -> str | None:
    """What makes the text unreadable as a question or a choice, or None."""
    tokens = _parsed(text)
    named = False
    for index, (word, pos, fresh) in enumerate(tokens):
        following = tokens[index + 1][0] if index + 1 < len(tokens) else ""
        opens = pos in _OPENERS or (word in _ARTICLES and following[:1].islower())
        if not fresh and word.istitle() and word != "I" and opens:
            return f"a sentence's opening word inside it: {word!r}"
        if word.isalpha() and word.islower() and len(word) <= 2 and word not in _SHORT_WORDS:
            return f"a clipped word: {word!r}"
        if pos == "PROPN":
            named = True
        elif pos == "PRON" and word.lower() in _PERSONAL and not named:
            return f"a pronoun that points at nobody named: {word!r}"
    return None
