"""Reading a generated question back before anyone sees it.

A template pastes a clause of the article into a frame; when the clause was not a clean one,
the result shows it: a sentence's opening word in the middle ("When did After the winter
defeats Stalin reorganise…?"), a clipped word ("Finland h been"), or a pronoun that points at
nobody the question names ("What did her army take?"). The parse of spaCy's small English
pipeline finds them; such a draft is turned away.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getAllLemmas

from learning.content.language import english

# Parts of speech whose words start a sentence but never stand capitalised inside one.
_OPENERS = {"ADP", "SCONJ", "CCONJ", "ADV", "PRON", "AUX", "PART"}
# Determiners that open a pasted sentence ("Is it true that The army…").
_ARTICLES = {"The", "A", "An"}
# Where a capital is right inside a question: after a colon, a quote or a bracket.
_FRESH_STARTS = {":", '"', "“", "‘", "(", "—", "–", "-", ";"}
_PERSONAL = {"he", "she", "him", "her", "his", "hers", "they", "them", "their", "theirs"}
_PLURAL = {"they", "them", "their", "theirs"}
# One- and two-letter words English has; any other is a clipped word.
_SHORT_WORDS = {
    "a", "i", "o", "an", "am", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it",
    "me", "my", "no", "of", "on", "or", "so", "to", "up", "us", "we", "ad", "al", "el", "km",
    "mi", "ha", "st", "th", "nd", "rd", "de", "da", "du", "la", "le", "von", "van", "ii",
    "iv", "vi", "ix", "xi", "mp", "bc", "ce", "pm", "ms", "mr", "dr", "vs", "ok", "oz",
    # Units, and the particles of names in other languages ("Siraj-ud-Daulah", "del Toro y").
    "m", "mm", "cm", "kg", "sq", "ft", "ud", "y", "e", "bin", "ibn", "dos", "das", "di",
}  # fmt: skip


# Words that cannot follow an article or a preposition: "the was", "captured by were".
_AFTER_ARTICLE = {"AUX", "ADP", "CCONJ", "PRON"}
_AFTER_PREPOSITION = {"AUX"}
# The parser may tag these otherwise after "the"; they never follow it.
_NEVER_AFTER_ARTICLE = {
    "was", "were", "is", "are", "be", "been", "had", "has", "have", "did", "does", "of", "by",
    "to", "and", "or", "but", "the", "a", "an", "he", "she", "it", "they",
}  # fmt: skip


@dataclass(frozen=True)
class _Token:
    word: str
    pos: str
    tag: str
    dep: str
    lemma: str
    # A named entity's label ("NORP" for "Iraqi"), or "".
    entity: str
    # The first word, or one after a colon, a quote or a bracket.
    fresh: bool
    # A verb joined to another ("…, and Alexander broke off") that has a subject of its own.
    joined_clause: bool = False


@lru_cache(maxsize=50_000)
def _parsed(text: str) -> tuple[_Token, ...]:
    doc = english()(text)
    return tuple(
        _Token(
            word=token.text,
            pos=token.pos_,
            tag=token.tag_,
            dep=token.dep_,
            lemma=token.lemma_,
            entity=token.ent_type_,
            fresh=token.i == 0 or doc[token.i - 1].text in _FRESH_STARTS,
            joined_clause=token.dep_ == "conj"
            and token.pos_ in ("VERB", "AUX")
            and any(child.dep_ in ("nsubj", "nsubjpass") for child in token.children),
        )
        for token in doc
    )


def _did_question_flaw(tokens: tuple[_Token, ...]) -> str | None:
    """ "When did Bolívar declare independence and named itself…?": after "did", the verbs of
    the question's own clause are base forms."""
    words = [token.word.lower() for token in tokens]
    if "did" not in words[:6]:
        return None
    for token in tokens[words.index("did") + 1 :]:
        # "set", "put": a past that reads as a base form is no flaw.
        past = token.tag == "VBD" and token.word.lower() != token.lemma.lower()
        if past and token.dep in ("ROOT", "conj"):
            return f"a past tense after 'did': {token.word!r}"
    return None


def _stands_for_someone(pronoun: str, *, named: bool, plural: bool) -> bool:
    return named or (plural and pronoun.lower() in _PLURAL)


# "… in 1866 in 1805?": a date put after a clause that had one.
_TWO_DATES = re.compile(
    r"\b(?:in|on|by)\s[^,;?]{0,20}?\b\d{3,4}\s+(?:in|on|by)\s[^,;?]{0,20}?\b\d{3,4}\W*$"
)


# "the siege", "the agreement", "both treaties", "in the same century": a thing the question
# points at without naming it, which only the paragraph around the sentence tells.
_UNNAMED = re.compile(
    r"\b(?:the (?:city|siege|agreement|treaty|company|expedition|delegations?|plan|town|"
    r"fortress|garrison|battle|fighting|talks|war|truce|attack|assault|landings?|return|"
    r"(?:peace )?conference|vote|site|letter)(?! of\b| to\b| at\b)"
    r"|both treaties|the same (?:century|year|month|day)|(?:the|this) figure)\b"
)


# "How many the most commonly cited figure?", "How many worst defeats …": a figure question
# whose noun was never a counted thing.
_HOW_MANY_BROKEN = re.compile(
    r"^(?:According to [^,]+, )?[Hh]ow many (?:the |most |worst |best |largest |deadliest |"
    r"[a-z]+est |of |away\b)"
)


# "… negotiate the British withdrawal with Brig?": a sentence split at a rank's full stop.
_CUT_AT_A_RANK = re.compile(r"\b(?:Brig|Gen|Col|Lt|Maj|Capt|Adm|Sgt|Cdr|Cmdr|Rev|St|Dr|Mr|Mrs)\W*$")


def flaw(text: str) -> str | None:
    """What makes the text unreadable as a question or a choice, or None."""
    if _CUT_AT_A_RANK.search(text):
        return "cut at a rank's abbreviation"
    if _TWO_DATES.search(text):
        return "two dates at its end"
    if unnamed := _UNNAMED.search(text):
        return f"a thing it does not name: {unnamed[0]!r}"
    if _HOW_MANY_BROKEN.match(text):
        return "a count of no thing"
    if re.search(r"(?<!\d,)\b000\b", text):
        # "enslaved by 000 of colour": a figure cut at its thousands comma.
        return "a figure cut in two"
    tokens = _parsed(text)
    finite = ("VBD", "VBZ", "VBP", "MD")
    asks_a_clause = text.startswith(("How many", "Is it true that"))
    if asks_a_clause and not any(t.tag in finite or t.pos == "AUX" for t in tokens[3:]):
        # "How many newly created provinces?", "Is it true that 6 newly created provinces?":
        # no verb, nothing said of them.
        return "a clause with no verb"
    if any(token.joined_clause for token in tokens):
        # "Who sent for help, and Alexander broke off his pursuit?": two things asked at once.
        return "a second clause with its own subject"
    if ";" in text:
        return "two sentences in one"
    named = plural = False
    for index, token in enumerate(tokens):
        word, pos, fresh = token.word, token.pos, token.fresh
        following = tokens[index + 1].word if index + 1 < len(tokens) else ""
        after = tokens[index + 1].pos if index + 1 < len(tokens) else ""
        if word.lower() in ("the", "a", "an") and (
            after in _AFTER_ARTICLE or following.lower() in _NEVER_AFTER_ARTICLE
        ):
            return f"an article before {following!r}"
        # "over IS": an acronym the parser takes for a verb is a name.
        if pos == "ADP" and after in _AFTER_PREPOSITION and not following.isupper():
            return f"a preposition before {following!r}"
        opens = pos in _OPENERS or (word in _ARTICLES and following[:1].islower())
        if not fresh and word.istitle() and word != "I" and opens:
            return f"a sentence's opening word inside it: {word!r}"
        if word.isalpha() and word.islower() and len(word) <= 2 and word not in _SHORT_WORDS:
            return f"a clipped word: {word!r}"
        if pos == "PROPN":
            named = plural = True
        elif token.tag in ("NNS", "NNPS"):
            # "Iraqi forces … their victory": a plural noun is what "they" stands for.
            plural = True
        elif (
            pos == "PRON"
            and word.lower() in _PERSONAL
            and not _stands_for_someone(word, named=named, plural=plural)
        ):
            return f"a pronoun that points at nobody named: {word!r}"
    return _did_question_flaw(tokens)


# Capitalised only because they began a sentence: a noun phrase's first word. (An opening
# preposition or adverb keeps its capital, so that the read-back turns the fragment away.)
_COMMON = {"NOUN", "ADJ", "DET", "NUM"}


def opens_as_common_word(text: str) -> bool:
    """Whether the text's first word is a common word, not a name ("News then arrived")."""
    tokens = _parsed(text)
    first = tokens[0] if tokens else None
    # "Iraqi forces": a nationality is a name, whatever its part of speech; "Eanes was elected"
    # or "Baybars was proclaimed": a word no English dictionary holds is a name too.
    return (
        first is not None
        and first.pos in _COMMON
        and not first.entity
        and first.word != "I"
        and bool(getAllLemmas(first.word.lower()))
    )


# Verbs that end a clause whole: "Saladin died", "Constantinople fell".
_NO_OBJECT = {
    "die", "fall", "surrender", "begin", "end", "resign", "arrive", "erupt", "collapse", "open",
    "close", "return", "escape", "rise", "sink", "capitulate", "abdicate", "withdraw", "retreat",
    "advance", "succeed", "fail", "start", "finish", "disband", "mutiny", "revolt", "flee",
    "land", "sail", "march", "retire", "recover", "decline", "stop", "continue", "reign",
}  # fmt: skip


def is_fragment(text: str) -> bool:
    """Whether an event, told as a choice or an item to order, is cut short: no verb ("Two
    months later the fleet of the Holy League") or an active verb at its end that wants what
    the sentence went on to say ("China declared", "The IFP agreed")."""
    tokens = [token for token in _parsed(text) if token.pos != "PUNCT"]
    if not any(token.tag in ("VBD", "VBZ", "VBP", "MD") for token in tokens):
        return True
    last = tokens[-1]
    if any(token.dep == "auxpass" for token in tokens):
        return False
    # "Parliament drew up": a particle at the end stands for its missing object too.
    return last.dep == "prt" or (
        last.tag == "VBD" and last.dep == "ROOT" and last.lemma.lower() not in _NO_OBJECT
    )
