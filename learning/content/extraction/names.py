"""Name keys: one key for the spelling variants of a name, acronyms from initials, and the
known aliases no rule can relate (aliases.json)."""

import json
import re
import unicodedata
from pathlib import Path

from learning.content.extraction.facts import PERSON

# Spellings of the same name differ in case, accents, apostrophes, hyphens, the article
# prefix and vowels (Abdel Emir / Abdul Amir, Walid / Waleed, Al-Qa'im / al-Qaim).
_NAME_PARTICLES = {"al", "el", "the", "ad", "ash", "as", "at", "az", "ez", "ar", "an"}
_VOWEL_FOLDS = [("ee", "i"), ("oo", "u"), ("ou", "u"), ("aw", "o"), ("ow", "o"), ("ae", "a")]
_GENERIC_TAILS = {"units", "forces", "force", "governorate", "governorates", "province"}
_ACRONYM_SKIP = {"of", "the", "and", "for", "in", "on", "de"}


def name_key(*, name: str, kind: str = "") -> str:
    """A key equal for spelling variants of one name."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    text = re.sub(r"\s*\((?:\d{4}[–-]?\d{0,4}|[^)]*)\)", "", text)  # "(2016)", "(PMU)"
    text = re.sub(r"['’ʿʾ`]", "", text)
    text = re.sub(r"[-–—.]", " ", text)
    tokens = [token for token in text.split() if token not in _NAME_PARTICLES]
    tokens = [re.sub(r"^abd(?:ul|el|al)$", "abd", token) for token in tokens]
    if len(tokens) >= 2 and tokens[-1] in _GENERIC_TAILS:
        tokens = tokens[:-1]
    folded = []
    for token in tokens:
        for old, new in _VOWEL_FOLDS:
            token = token.replace(old, new)
        token = re.sub(r"(\w)\1", r"\1", token)
        token = re.sub(r"(?<=[aeiou])h$", "", token)
        if kind == PERSON and len(token) > 2:
            # Person names are transliterated freely: keep the consonant skeleton, unless it
            # is too thin to tell names apart ("Liu Bei" and "Liu Biao" are two men).
            skeleton = re.sub(r"(?<=.)[aeiouy]|^[aeiou]", "", token)
            token = skeleton if len(skeleton) >= 2 else token
        folded.append(token)
    return " ".join(folded)


def initials(*, name: str) -> str:
    words = [w for w in re.split(r"[\s–-]+", name) if w and w.lower() not in _ACRONYM_SKIP]
    return "".join(word[0] for word in words if word[0].isupper())


_ALIASES_FILE = Path(__file__).with_name("aliases.json")


def known_aliases() -> dict[str, str]:
    """Names no rule can relate ("Daesh" is an Arabic acronym): alias -> name, from data."""
    if not _ALIASES_FILE.exists():
        return {}
    return json.loads(_ALIASES_FILE.read_text(encoding="utf-8"))
