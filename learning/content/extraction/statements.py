"""Statement facts, read from a sentence's dependency parse: each main clause is asked
about one of its parts, its named doer, its named object, a named place or person after a
preposition, or its date ("Who built Angkor Wat?", "Which city did Hulagu sack in February
1258?", "At which pass did Lewis cross the Continental Divide?", "When did …?").

The parse (spaCy's small English pipeline) gives the clause's parts; the article's own
entities decide what kind of thing a name is, because the small model is noisy there. A
clause is asked only when every part of the question is certain: no pronoun left, no
negation, no part that is a list of several answers.
"""

import re
from dataclasses import dataclass

from lemminflect import getInflection
from spacy.tokens import Doc, Token

from learning.content.extraction.clauses import NOT_ON_THE_DAY, Anchor, Context, with_full_dates
from learning.content.extraction.entities import Entity
from learning.content.extraction.events import event_fact
from learning.content.extraction.facts import (
    ORGANISATION,
    PERSON,
    PLACE,
    STATEMENT,
    ExtractedFact,
    sentence_fact,
)
from learning.content.language import english
from learning.content.parsing import ParsedSentence
from learning.text.english import is_description

# A question longer than this is a reading test, not a history question.
MAX_WORDS = 24
_SUBJECTS = {"nsubj", "nsubjpass"}
# Parts of a clause a question keeps; everything else (subordinate clauses, appositions,
# other verbs of a list) belongs to another question or to none.
_KEPT = {
    "aux", "auxpass", "dobj", "dative", "prep", "agent", "prt", "attr", "acomp", "oprd",
    "npadvmod", "xcomp",
}  # fmt: skip
# Inside a noun phrase: what a name or description drops when it is quoted in a question.
_NP_DROPPED = {"appos", "relcl", "acl", "advcl", "punct", "parataxis"}
_REFERRING = {
    "he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "hers", "theirs",
    "this", "these", "those", "that", "which", "who", "whom", "we", "us", "our", "i", "you",
}  # fmt: skip
# A day that only an earlier sentence can tell: kept out unless an anchor spells it out.
_RELATIVE_TIME = re.compile(
    r"\b(?:the (?:next|following|previous|same) (?:day|week|month|year)|that (?:day|year)|"
    r"the day before|later that|earlier that|a (?:day|week) (?:later|earlier)|then)\b",
    re.IGNORECASE,
)
_REPORTING_LEMMAS = {
    "say", "state", "announce", "tell", "report", "claim", "add", "note", "insist", "deny",
    "warn", "estimate", "reveal", "confirm", "write", "describe", "argue", "believe",
}  # fmt: skip
# What someone meant or was meant to do is no event: "was expected to fight", "tried to".
_INTENT_LEMMAS = {"expect", "plan", "intend", "try", "attempt", "hope", "want", "seek", "aim"}
# The kind of thing a name is, read off the name: "Lemhi Pass" is a pass, "Battle of
# Montgisard" a battle. Asked as "which pass", "which battle".
_TYPE_WORDS = {
    "river", "pass", "fort", "trail", "mountains", "valley", "island", "islands", "sea", "lake",
    "gulf", "bay", "desert", "city", "dynasty", "empire", "kingdom", "caliphate", "sultanate",
    "treaty", "battle", "siege", "operation", "party", "army", "navy", "company", "province",
    "governorate", "church", "cathedral", "palace", "temple", "monastery", "university",
    "council", "congress", "peace", "war", "revolution", "expedition", "campaign", "offensive",
    "canal", "strait", "peninsula", "falls", "plain", "hills", "gate", "bridge", "castle",
    "monument", "mosque", "republic", "league", "division", "brigade", "regiment", "corps",
    "movement", "accords", "agreement", "convention", "declaration", "act", "constitution",
    "fleet", "order", "ocean", "coast", "region", "field", "plateau", "district", "county",
    "state", "duchy", "principality", "emirate", "khanate", "horde", "base", "prison", "square",
}  # fmt: skip
# Prepositions whose object a question may ask for; "before", "after", "during" say when.
_ASKED_PREPOSITIONS = {
    "at", "in", "near", "into", "to", "towards", "toward", "from", "against", "with", "on",
    "onto", "across", "through", "over", "for", "by", "of", "under", "along", "upon",
}  # fmt: skip
_LOCATIVE = {"at", "in", "near", "on"}
_PLACE_PREPOSITIONS = {
    "at", "in", "near", "into", "to", "towards", "toward", "from", "across", "through", "over",
    "along", "onto", "on", "upon", "against", "under",
}  # fmt: skip
# What is done to a place, so that its object may be asked as "Which place did … ?".
_DONE_TO_PLACES = {
    "capture", "take", "reach", "besiege", "sack", "attack", "enter", "occupy", "seize",
    "conquer", "recapture", "retake", "invade", "found", "leave", "visit", "cross", "raid",
    "defend", "hold", "liberate", "storm", "bombard", "annex", "destroy", "burn", "build",
    "abandon", "evacuate", "surround", "fortify", "loot", "plunder", "rule", "govern", "cede",
}  # fmt: skip
_DANGLING_ENDS = {"and", "or", "but", "of", "to", "in", "on", "at", "by", "with", "for", "from"}


@dataclass(frozen=True)
class Slot:
    """The part of a clause a question asks for: its tokens and what kind of name it is."""

    tokens: list[Token]
    kind: str
    entity: Entity | None

    @property
    def text(self) -> str:
        return _words(self.tokens)

    @property
    def answer(self) -> str:
        words = self.tokens
        if words and words[0].lower_ == "the":
            words = words[1:]
        return _words(words)


def statement_facts(
    *, sentence: ParsedSentence, text: str, anchors: list[Anchor], context: Context
) -> list[ExtractedFact]:
    """Every fact the parse of ``text`` (the sentence, its leading pronoun resolved) gives."""
    doc = english()(text)
    facts = []
    for verb in _main_verbs(doc):
        facts += _clause_facts(sentence=sentence, verb=verb, anchors=anchors, context=context)
    return facts


def _main_verbs(doc: Doc) -> list[Token]:
    roots = [token for token in doc if token.dep_ == "ROOT" and token.pos_ in ("VERB", "AUX")]
    verbs = []
    for root in roots:
        verbs.append(root)
        verbs += [child for child in root.children if child.dep_ == "conj" and child.pos_ == "VERB"]
    return verbs


def _subject_of(verb: Token) -> Token | None:
    own = [child for child in verb.children if child.dep_ in _SUBJECTS]
    if own:
        return own[0]
    describes = verb.head.lemma_ == "be" and any(c.dep_ == "attr" for c in verb.head.children)
    if verb.dep_ == "conj" and not describes:
        # "The Winter War was a war …, fought from 30 November": a participle after "was a
        # war" describes the war; it is no second verb of the war's.
        return _subject_of(verb.head)
    return None


def _is_passive(verb: Token) -> bool:
    return any(child.dep_ == "auxpass" for child in verb.children)


def _clause_facts(
    *, sentence: ParsedSentence, verb: Token, anchors: list[Anchor], context: Context
) -> list[ExtractedFact]:
    subject = _subject_of(verb)
    if subject is None or not _is_past(verb) or verb.lemma_ in _REPORTING_LEMMAS | _INTENT_LEMMAS:
        return []
    if any(child.dep_ == "neg" for child in verb.children) or verb.lemma_ == "be":
        return []
    parts = [child for child in verb.children if child.dep_ in _KEPT]
    if any(child.dep_ in ("ccomp", "csubj") for child in verb.children):
        return []
    clause = _Clause(verb=verb, subject=subject, parts=parts, anchors=anchors, context=context)
    if not clause.is_certain():
        return []
    facts = []
    for ask in (clause.ask_subject, clause.ask_agent, clause.ask_object, clause.ask_preposition):
        asked = ask()
        if asked and asked[0]:
            question, slot = asked
            facts.append(clause.fact(sentence=sentence, question=question, slot=slot))
    dated = clause.ask_date()
    if dated and dated[0]:
        question, anchor, declarative = dated
        facts.append(event_fact(sentence, subject=declarative, anchor=anchor, question=question))
    return [fact for fact in facts if len(fact.question.split()) <= MAX_WORDS]


def _is_past(verb: Token) -> bool:
    if verb.tag_ == "VBD":
        return True
    if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        # "a Genoese fleet captured Chioggia": the tagger's participle with an active subject,
        # an object and no auxiliary is the clause's past verb ("the war, fought from …" is not).
        children = {c.dep_ for c in verb.children}
        return "nsubj" in children and "dobj" in children
    # "had retaken", "was dedicated": a past auxiliary with a participle.
    return verb.tag_ == "VBN" and any(
        child.dep_ in ("aux", "auxpass") and child.tag_ == "VBD" for child in verb.children
    )


class _Clause:
    def __init__(
        self,
        *,
        verb: Token,
        subject: Token,
        parts: list[Token],
        anchors: list[Anchor],
        context: Context,
    ) -> None:
        self.verb = verb
        self.subject = subject
        self.auxiliaries = [p for p in parts if p.dep_ in ("aux", "auxpass") and p.i < verb.i]
        self.anchors = anchors
        self.context = context
        # "during the evening", "a few days after the battle": a time only the article around
        # it can tell is left out of the question, which is no less true without it.
        self.parts = [
            p
            for p in parts
            if p not in self.auxiliaries
            and not (self._is_date(p) and self._anchor_in(p) is None)
            # A bare noun phrase beside the verb is a date ("20 April") or an aside.
            and (p.dep_ != "npadvmod" or self._is_date(p))
        ]

    # -- what may be asked -------------------------------------------------------------

    def is_certain(self) -> bool:
        phrases = [_phrase(part) for part in [self.subject, *self.parts]]
        words = [t for phrase in phrases for t in phrase]
        if any(t.ent_type_ in ("DATE", "TIME") for t in phrases[0]):
            # "20 April three Genoese galleys": a date the parse took into the subject.
            return False
        if any(t.lower_ in _REFERRING and t.pos_ in ("PRON", "DET") for t in words):
            return False
        if any(_has_gap(phrase) or _cut_short(phrase) for phrase in phrases):
            return False
        # "the men", "the party": only a name says who, out of the article's context; "the
        # Ottoman army", "the Japanese naval staff" are named by their nation.
        return any(t.pos_ == "PROPN" or t.ent_type_ in _NAMING for t in phrases[0])

    def ask_subject(self) -> tuple[str | None, Slot] | None:
        """Who crossed the Continental Divide at Lemhi Pass on 12 August 1805?"""
        slot = self._slot(self.subject, doer=True)
        if slot is None or slot.kind not in (PERSON, ORGANISATION) or _is_passive(self.verb):
            return None
        if self.verb.i and self.verb.doc[self.verb.i - 1].tag_ == "POS":
            # "Durnford's mounted men": the parse took an adjective for the verb.
            return None
        verb = _words([*self.auxiliaries, self.verb, *self._particles()])
        question = self._question(f"Who {verb}", rest=self._rest())
        return _placed(question, words=_UNDATED_DOER_WORDS), slot

    def ask_agent(self) -> tuple[str | None, Slot] | None:
        """Angkor Wat was built by Suryavarman II -> Who built Angkor Wat?"""
        agent = next((p for p in self.parts if p.dep_ == "agent"), None)
        objects = [c for c in agent.children if c.dep_ == "pobj"] if agent else []
        if not objects or [a.lower_ for a in self.auxiliaries] not in (["was"], ["were"]):
            return None
        slot = self._slot(objects[0], doer=True)
        if slot is None or slot.kind not in (PERSON, ORGANISATION):
            return None
        past = getInflection(self.verb.lemma_, tag="VBD")
        if not past:
            return None
        done = _words(_phrase(self.subject))
        rest = self._rest(skip=[agent])
        return self._question(f"Who {past[0]} {_lowered(done)}", rest=rest), slot

    def ask_object(self) -> tuple[str | None, Slot] | None:
        """Which city did Hulagu sack in February 1258?"""
        target = next((p for p in self.parts if p.dep_ == "dobj"), None)
        slot = self._slot(target) if target is not None else None
        if slot is None:
            return None
        if slot.kind == PLACE and self.verb.lemma_ not in _DONE_TO_PLACES:
            # "Which place did Alexander form into a wedge?": a name taken for a place is asked
            # as one only where the verb is what is done to places.
            return None
        wh = _which(slot, preposition="")
        question = self._question(f"{wh} {self._inverted()}", rest=self._rest(skip=[target]))
        return _placed(question), slot

    def ask_preposition(self) -> tuple[str | None, Slot] | None:
        """At which pass did Lewis cross the Continental Divide?"""
        for part in self.parts:
            if part.dep_ != "prep" or part.lower_ not in _ASKED_PREPOSITIONS:
                continue
            objects = [c for c in part.children if c.dep_ == "pobj"]
            slot = self._slot(objects[0]) if len(objects) == 1 else None
            if slot is None or self._is_date(part):
                continue
            if slot.kind == PLACE and part.lower_ not in _PLACE_PREPOSITIONS:
                # "With which place did Mehmed side?": a place is where, whence or whither.
                continue
            wh = _which(slot, preposition=part.lower_)
            if not wh:
                continue
            rest = self._rest(skip=[part])
            if wh == "Where" and any(p.lower_ in _LOCATIVE for p in rest if p.dep_ == "prep"):
                # "Where was Saladin born on the Tigris?": two places, two answers.
                continue
            return _placed(self._question(f"{wh} {self._inverted()}", rest=rest)), slot
        return None

    def ask_date(self) -> tuple[str | None, Anchor, str] | None:
        """When did Lewis cross the Continental Divide at Lemhi Pass?"""
        if self.verb.lemma_ in _LASTING:
            # "Toussaint was held at Fort de Joux in August 1802": held for months, begun then.
            return None
        for part in [*self.parts, *self._fronted()]:
            anchor = self._date_of(part)
            if anchor is None:
                continue
            if anchor.preposition in NOT_ON_THE_DAY:
                # "freed by 1776": some time before it, so "When was he freed?" has no answer.
                return None
            question = self._question(f"When {self._inverted()}", rest=self._rest(skip=[part]))
            declarative = self._declarative(skip=[part])
            return question, anchor, declarative
        return None

    # -- building the question -----------------------------------------------------------

    def fact(self, *, sentence: ParsedSentence, question: str, slot: Slot) -> ExtractedFact:
        return sentence_fact(
            sentence,
            kind=STATEMENT,
            subject=self._declarative(),
            # The article's own name for it: "Yamamoto" is asked as Isoroku Yamamoto.
            value=slot.entity.name if slot.entity else slot.answer,
            source_text=slot.text,
            entity_name=slot.entity.name if slot.entity else "",
            # What kind of name the answer is, for distractors of the same kind.
            qualifier=slot.kind,
            question=question,
        )

    def _particles(self) -> list[Token]:
        return [p for p in self.parts if p.dep_ == "prt"]

    def _inverted(self) -> str:
        """ "did Hulagu sack", "had Iraqi forces retaken", "was Angkor Wat dedicated"."""
        subject = _lowered(_words(_phrase(self.subject)))
        particles = _words(self._particles())
        if self.auxiliaries:
            first, *others = self.auxiliaries
            verb = _words([*others, self.verb])
            return " ".join(w for w in (first.lower_, subject, verb, particles) if w)
        return " ".join(w for w in ("did", subject, self.verb.lemma_, particles) if w)

    def _rest(self, *, skip: list[Token] = ()) -> list[Token]:
        """The clause's other parts, in their order, then any fronted ones ("In 1258, …")."""
        after = [p for p in self.parts if p.dep_ != "prt" and p not in skip and p.i > self.verb.i]
        before = [p for p in self._fronted() if p not in skip]
        return [*after, *before]

    def _fronted(self) -> list[Token]:
        return [p for p in self.parts if p.i < self.subject.i and p.dep_ in ("prep", "npadvmod")]

    def _question(self, start: str, *, rest: list[Token]) -> str | None:
        tail = " ".join(_part_words(part) for part in rest)
        text = with_full_dates(f"{start} {tail}".strip(), self.anchors)
        if _RELATIVE_TIME.search(text) or len(text.split()) < 4:
            return None
        if not _names_something(text):
            # "Who refused to return the goods?": only the paragraph around it says which.
            return None
        if text.split()[-1].lower() in _DANGLING_ENDS:
            # "What did Venice take in 1339 and?": the parse cut a list short.
            return None
        prepositions = [p.lower_ for p in rest if p.dep_ == "prep"]
        if len(prepositions) != len(set(prepositions)) or start.lower().split()[0] in prepositions:
            # "To which place was Lewis sent chiefly to Philadelphia?": two places, one asked.
            return None
        return re.sub(r"\s+([,.;:?!])", r"\1", text).rstrip(" ,") + "?"

    def _declarative(self, *, skip: list[Token] = ()) -> str:
        subject = _words(_phrase(self.subject))
        verb = _words([*self.auxiliaries, self.verb, *self._particles()])
        tail = " ".join(_part_words(part) for part in self._rest(skip=skip))
        return with_full_dates(f"{subject} {verb} {tail}".strip(), self.anchors)

    # -- the parts ---------------------------------------------------------------------

    def _slot(self, head: Token, *, doer: bool = False) -> Slot | None:
        """A named part, the answer to a question: a proper name, one, of a known kind."""
        tokens = _phrase(head)
        if head.pos_ != "PROPN" or any(t.dep_ == "conj" for t in head.subtree):
            return None
        if tokens != _name(head):
            # "the band's leader, Cameahwait", "the Continental Divide at Lemhi Pass": more
            # than a name, so the question cannot say what kind of thing it asks for.
            return None
        text = _words(tokens)
        bare = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
        if is_description(bare):
            return None
        entity = self.context.entities.find(name=bare, surname=True)
        kind = entity.kind if entity else _KIND_OF_LABEL.get(head.ent_type_, "")
        if not entity and kind == PERSON and not doer:
            # The small model calls towns people ("Jaffa"); a doer is a person, an object
            # that the article never names as one may not be.
            return None
        if kind == ORGANISATION and not entity and re.search(r"ism$", bare):
            # spaCy's "Theravada Buddhism" is no organisation that acts.
            return None
        if not kind or _RELATIVE_TIME.search(text) or head.ent_type_ in _NOT_NAMES:
            return None
        return Slot(tokens=tokens, kind=kind, entity=entity)

    def _is_date(self, part: Token) -> bool:
        return self._anchor_in(part) is not None or any(
            t.ent_type_ in ("DATE", "TIME") or (t.ent_type_ == "ORDINAL" and t.head.i == part.i)
            for t in part.subtree
        )

    def _date_of(self, part: Token) -> Anchor | None:
        """The date a part is, not one it holds ("appointed a Committee whose report appeared
        in 1888"): asking when without that part would drop what was done."""
        anchor = self._anchor_in(part)
        if anchor is None or part.dep_ not in ("prep", "npadvmod"):
            return None
        rest = _words(list(part.subtree)).replace(anchor.source_text, " ").split()
        return anchor if len(rest) <= 2 else None

    def _anchor_in(self, part: Token) -> Anchor | None:
        text = _words(list(part.subtree))
        return next((a for a in self.anchors if a.source_text and a.source_text in text), None)


_KIND_OF_LABEL = {
    "PERSON": PERSON, "GPE": PLACE, "LOC": PLACE, "FAC": PLACE, "ORG": ORGANISATION,
    "NORP": ORGANISATION,
}  # fmt: skip
# Entity labels that name a doer: "the Ottoman army", "the PAIGC".
_NAMING = {"NORP", "GPE", "ORG", "PERSON"}
_NOT_NAMES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"}


def _name(head: Token) -> list[Token]:
    """A name's own words: "the", "Great Falls of the Missouri", "Suryavarman II"."""
    words = [head]
    for child in head.children:
        if child.dep_ in ("compound", "det", "nummod", "amod", "poss", "case", "nmod", "punct"):
            if child.i < head.i or child.dep_ in ("nummod", "punct"):
                words += _name(child)
        elif child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if objects:
                words += [child, *_name(objects[0])]
    names = sorted(words, key=lambda t: t.i)
    return _without_brackets(names)


def _which(slot: Slot, *, preposition: str) -> str:
    type_word = _type_word(slot.answer)
    if type_word:
        wh = f"which {type_word}"
    elif slot.kind == PERSON:
        wh = "whom" if preposition else "who"
    elif slot.kind == PLACE and preposition in ("at", "in", "near"):
        return "Where"
    elif slot.kind == PLACE:
        wh = "which place"
    elif preposition in ("at", "in", "near", "on"):
        return ""
    else:
        wh = "what"
    phrase = f"{preposition} {wh}" if preposition else wh
    return phrase[0].upper() + phrase[1:]


def _type_word(name: str) -> str:
    words = name.lower().split()
    if len(words) < 2:
        return ""
    if words[-1] in _TYPE_WORDS:
        return words[-1]
    if " of " in f" {name.lower()} " and words[0] in _TYPE_WORDS:
        return words[0]
    return ""


def _phrase(head: Token) -> list[Token]:
    """The words of a part as a question quotes it: without appositions, relative clauses,
    bracketed notes or anything after a comma."""
    kept = []
    for token in head.subtree:
        if token.i != head.i and _dropped(token, head):
            continue
        kept.append(token)
    return _without_brackets(kept)


def _has_gap(tokens: list[Token]) -> bool:
    """Words that were not next to each other in the sentence ("the temple of Preah Ko, the
    temple mountain of Bakong" without its comma) would read as one phrase: no question."""
    inside, depth = {token.i for token in tokens}, 0
    if not inside:
        return False
    doc = tokens[0].doc
    for index in range(min(inside), max(inside)):
        token = doc[index]
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif index not in inside and depth == 0:
            return True
    return False


def _cut_short(tokens: list[Token]) -> bool:
    """A phrase that stops inside a hyphenated name ("the Abu Kamal" of "the Abu Kamal-Al-Qa'im
    border crossing") would ask about something the article never names."""
    if not tokens:
        return False
    last = max(tokens, key=lambda t: t.i)
    doc = last.doc
    following = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return following is not None and not last.whitespace_ and following.text in ("-", "–")


def _dropped(token: Token, head: Token) -> bool:
    if token.dep_ == "punct" and token.ent_type_ in _NOT_NAMES:
        # "August 31, 1803" keeps its comma.
        return False
    node = token
    while node.i != head.i:
        if node.dep_ in _NP_DROPPED:
            return True
        node = node.head
    return False


def _without_brackets(tokens: list[Token]) -> list[Token]:
    kept, depth = [], 0
    for token in tokens:
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            kept.append(token)
    return kept


def _words(tokens: list[Token]) -> str:
    tokens = sorted(tokens, key=lambda t: t.i)
    text = ""
    for token, following in zip(tokens, [*tokens[1:], None], strict=False):
        text += token.text
        if following is None:
            break
        # Words the parse kept apart stay apart, even where a dropped comma sat between.
        text += token.whitespace_ if following.i == token.i + 1 else " "
    return re.sub(r"\s+([,.;:?!])", r"\1", text).strip(" ,")


# Words a question for a name needs when it tells no date: "Which place did Qutuz enter?"
# has several right answers over a life; "Which place did Qutuz enter after Ain Jalut?" not.
_UNDATED_WORDS = 8


# "Who died in Constantinople?" fits many; "Who held the young Emperor Xian?" one.
_UNDATED_DOER_WORDS = 6
# Verbs of a state that lasts: asked when, they have no one day.
_LASTING = {
    "hold",
    "keep",
    "imprison",
    "remain",
    "live",
    "serve",
    "rule",
    "reign",
    "stay",
    "govern",
}


# Prepositions that put the day before or after the event, not on it.
def _placed(question: str | None, *, words: int = _UNDATED_WORDS) -> str | None:
    """The question, if a date or enough words place it in the story."""
    if question is None or re.search(r"\d", question) or len(question.split()) >= words:
        return question
    return None


def _names_something(question: str) -> bool:
    """A name or a year after the question's first word."""
    return bool(
        re.search(r"\s(?!I\b)[A-Z]|\d", question.split(" ", 1)[1] if " " in question else "")
    )


def _part_words(part: Token) -> str:
    """A part as it reads inside a sentence: "On 12 August" moved to the end is "on 12 August"."""
    tokens = _phrase(part)
    words = _words(tokens)
    first = min(tokens, key=lambda t: t.i) if words else None
    if first is not None and first.pos_ != "PROPN" and first.is_sent_start:
        return words[0].lower() + words[1:]
    return words


def _lowered(phrase: str) -> str:
    """ "The Mongols", "A Mongol fleet" inside a question: "the Mongols", "a Mongol fleet"; a
    name keeps its capital."""
    return re.sub(r"^(The|An?)\b", lambda article: article[1].lower(), phrase)
