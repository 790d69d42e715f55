"""English verbs, just enough to move a clause between tenses and into a question.

One table of irregular verbs (base, past, past participle); the regular ones follow the
rules below. Extraction turns "had captured" into "captured" and "taking" into "took";
generation turns "captured" into "did ... capture".
"""

import re

from lemminflect import getLemma

_IRREGULAR = """
    beat beat beaten        become became become    begin began begun
    break broke broken      bring brought brought   build built built
    choose chose chosen     come came come          do did done
    drive drove driven      fall fell fallen        fight fought fought
    find found found        flee fled fled          fly flew flown
    give gave given         go went gone            hold held held
    keep kept kept          know knew known         lead led led
    leave left left         lose lost lost          make made made
    meet met met            overrun overran overrun retake retook retaken
    rise rose risen         run ran run             say said said
    see saw seen            send sent sent          shoot shot shot
    show showed shown       speak spoke spoken      stand stood stood
    strike struck struck    take took taken         tell told told
    throw threw thrown      win won won             withdraw withdrew withdrawn
    write wrote written
"""
_WORDS = _IRREGULAR.split()
IRREGULAR_VERBS = tuple(zip(_WORDS[::3], _WORDS[1::3], _WORDS[2::3], strict=True))
PAST_FORMS = frozenset(past for _, past, _ in IRREGULAR_VERBS)
PARTICIPLES = frozenset(participle for _, _, participle in IRREGULAR_VERBS)
_BASE_OF_PAST = {past: base for base, past, _ in IRREGULAR_VERBS}
_PAST_OF_PARTICIPLE = {participle: past for _, past, participle in IRREGULAR_VERBS}
_PARTICIPLE_OF_PAST = {past: participle for _, past, participle in IRREGULAR_VERBS}
# Verbs that double their last letter before -ing: begin -> beginning.
_DOUBLING = {"begin", "overrun", "run", "win"}


def _gerund(base: str) -> str:
    if base in _DOUBLING:
        return f"{base}{base[-1]}ing"
    if base.endswith("e") and not base.endswith("ee"):
        return f"{base[:-1]}ing"
    return f"{base}ing"


_PAST_OF_GERUND = {_gerund(base): past for base, past, _ in IRREGULAR_VERBS}
# Words ending in -ed that are not verbs.
NOT_VERBS = {"hundred", "red", "bed", "need", "speed", "seed", "feed", "shed", "sacred"}


def past_of(participle: str) -> str:
    """The simple past of a participle: taken -> took (regular ones are the same word)."""
    return _PAST_OF_PARTICIPLE.get(participle, participle)


def participle_of(past: str) -> str:
    """The participle of a simple past: took -> taken (regular ones are the same word)."""
    return _PARTICIPLE_OF_PAST.get(past, past)


def past_of_gerund(gerund: str) -> str:
    """taking -> took, capturing -> captured."""
    return _PAST_OF_GERUND.get(gerund, gerund.removesuffix("ing") + "ed")


def is_past(word: str) -> bool:
    word = word.lower()
    if word in PAST_FORMS or word in ("was", "were", "had"):
        return True
    return word.endswith("ed") and len(word) > 4 and word not in NOT_VERBS


def is_participle(word: str) -> bool:
    return word.lower() in PARTICIPLES or is_past(word)


def base_form(verb: str) -> str:
    """The infinitive of a past-tense verb: captured -> capture, dropped -> drop."""
    verb = verb.lower()
    if verb in _BASE_OF_PAST:
        return _BASE_OF_PAST[verb]
    # lemminflect's dictionary knows English verbs ("described" -> "describe"); the rules
    # below are for the words it does not know.
    known = getLemma(verb, upos="VERB")
    if known and known[0] != verb:
        return known[0]
    stem = verb[:-2]
    if stem.endswith("i"):
        return stem[:-1] + "y"
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    # captur(e), stat(e), announc(e), dislodg(e), provid(e), paus(e), continu(e)...
    if re.search(
        r"([^aeiou]at|[^aeiou]ut|[^aeiou]id|[^aeiou][aiu]r|[^aeiou]in|[cvzue]|[^aeiou]g|"
        r"[bcdfgkptz]l|[aeiou]s)$",
        stem,
    ):
        return stem + "e"
    return stem


# The last word of a name that takes "the": the Soviet Union, the Ottoman Empire.
_COMMON_HEADS = {
    "union",
    "empire",
    "kingdom",
    "states",
    "republic",
    "company",
    "sultanate",
    "league",
    "corps",
    "caliphate",
    "khanate",
    "confederation",
    "federation",
    "army",
    "navy",
    "emirates",
    "netherlands",
    "alliance",
    "forces",
    "government",
    "movement",
    "front",
    "party",
}


def with_the(name: str) -> str:
    """The name as it stands in a sentence: "Soviet Union" -> "the Soviet Union"."""
    words = name.split()
    if not words or words[0].lower() == "the" or len(words) < 2:
        return name
    if words[-1].lower() in _COMMON_HEADS:
        return f"the {name}"
    # "Empire of Japan", "Nawab of Bengal": a common head before "of" takes the article too.
    if len(words) >= 3 and words[1] == "of" and words[0].lower() in _HEADS_BEFORE_OF:
        return f"the {name}"
    return name


def with_indefinite(noun: str) -> str:
    """ "UNESCO World Heritage Site" -> "a UNESCO World Heritage Site"; "Imperial city" ->
    "an Imperial city". A name of its own ("the Treaty of …") keeps its article."""
    if re.match(r"(?:the|a|an)\b", noun, re.IGNORECASE):
        return noun
    # "U" as in "UNESCO" or "union" is read "you": "a".
    return f"{'an' if noun[:1].lower() in 'aeio' else 'a'} {noun}"


_HEADS_BEFORE_OF = _COMMON_HEADS | {
    "nawab", "sultan", "king", "emperor", "caliph", "duke", "prince", "principality", "duchy",
    "emirate", "shah", "khan", "bey", "dey", "viceroyalty", "colony", "province", "state",
}  # fmt: skip


# Words that make a title a thing rather than a name: "the Battle of Plassey".
_TITLE_HEADS = {
    "battle",
    "siege",
    "war",
    "campaign",
    "revolution",
    "expedition",
    "peace",
    "treaty",
    "fall",
    "kingdom",
    "republic",
    "empire",
    "eruption",
    "election",
    "offensive",
    "crisis",
    "rebellion",
    "uprising",
    "conquest",
    "massacre",
    "invasion",
    "sultanate",
    "caliphate",
    "dynasty",
}


def titled(title: str) -> str:
    """An article's title as it stands in a sentence: "the Battle of Plassey", "the 1883
    eruption of Krakatoa", but "Joan of Arc", "Angkor", "Great Zimbabwe"."""
    words = [word for word in title.split() if word.lower() not in ("of", "and", "the")]
    if title.lower().startswith("the ") or not words:
        return title
    common = any(word.islower() for word in words) or {words[0].lower(), words[-1].lower()} & (
        _TITLE_HEADS
    )
    return f"the {title}" if common else title


# A name's first word in lower case is a description ("near Rajmahal", "new Nawab", "general
# Sayf al-Din Qutuz"), unless it is a particle that begins names ("ibn Battuta", "al-Qaim").
_DESCRIPTION = re.compile(r"^(?!(?:ibn|bin|van|von|del|della|des|der|den|dos|das)\s)[a-z]{3,}\s")


# Broken names the article's parse leaves behind: "At Sun Quan", a lone "V" or "Brig" ("T1"
# and "Ur" are names).
_BROKEN_NAME = re.compile(
    r"^(?:(?:At|In|On|By|Of|For|From|With|To|And|But)\s|(?:Brig|Gen|Lt|Col|Maj|Adm|Capt|Sgt)\.?$|"
    r"[A-Za-z]\.?$|"
    # "4th Mosul", "2nd Ramadi": a link's short label, unlike "14th Army".
    r"\d+(?:st|nd|rd|th) (?!Army|Corps|Division|Brigade|Regiment|Battalion|Fleet)\S+$)"
)


def is_description(name: str) -> bool:
    """Whether ``name`` is words about a name, or a broken piece of one, rather than a name."""
    return bool(_DESCRIPTION.match(name) or _BROKEN_NAME.match(name.strip()))
