"""Reading a sentence's clauses: reporting frames, tense, tidying, subjects, the dates a
clause is anchored to, what earlier sentences tell (pronouns), and who says or did it."""

import datetime
import re
from dataclasses import dataclass, field
from datetime import timedelta

from learning.content.extraction.entities import CHUNK, RANK_WORDS, Entities, Entity
from learning.content.extraction.facts import ORGANISATION, PERSON
from learning.content.extraction.sides import Sides
from learning.content.parsing import YEAR_PATTERN, ParsedArticle, find_dates
from learning.text.dates import format_date_range
from learning.text.english import PAST_FORMS, past_of

_REPORTING_VERBS = (
    "stated|said|announced|added|reported|claimed|told|declared|confirmed|noted|insisted"
    "|denied|warned|estimated|revealed"
)
# Verbs whose clause is an allegation, not something that happened.
HEARSAY_VERBS = {"claimed", "denied", "warned", "insisted"}
LEADING_ADVERBS = re.compile(
    r"^(?:Later|Meanwhile|However|Instead|Also|Then|Subsequently|Afterwards|Eventually"
    r"|In the meantime|At the same time|Overall),?\s+"
)
_FRAME_HEAD = (
    rf"^(?P<speaker>[^,\"]+?(?:,[^,\"]+,)?)\s+(?:also\s+|later\s+|then\s+)?"
    rf"(?P<verb>{_REPORTING_VERBS})\b"
)
_FRAMES = [
    # "X told Anadolu Agency on 27 October that Y ..."
    re.compile(rf"{_FRAME_HEAD}(?P<middle>[^\"]{{0,60}}?)\s*,?\s+that\s+(?P<clause>[^\"].*)$"),
    # "The PMF stated its forces had ..."
    re.compile(
        rf"{_FRAME_HEAD}\s+(?=(?:its|the|their|his|her|they|it|he|she)\s)(?P<clause>[^\"].*)$"
    ),
]
# "On 3 November, ", "Later on the same day, ": when, not who.
_LEADING_PHRASE = re.compile(
    r"^(?:[Ii]n|[Oo]n|[Bb]y|[Dd]uring|[Aa]fter|[Ff]ollowing|[Ss]ince)\s+[^,]{1,40},\s*"
)
BLOCKING_PRONOUNS = re.compile(r"\b(?:he|she|they|it|we|him|them|us|his|her)\b", re.IGNORECASE)
_PLUPERFECT = re.compile(r"\bhad\s+(also\s+|already\s+|then\s+)?(?!been\b)([a-z]+)\b")
_PAST_FORMS = "|".join(sorted(PAST_FORMS))
_FINITE = re.compile(rf"\b(?:had|has|have|was|were|is|are|will|would|could|{_PAST_FORMS}|\w+ed)\b")
_TRAILING_CLAUSE = re.compile(r",\s+(?:while|whereas|[a-z]+ing)\b.*$")
_CLAUSE_SUBJECT = re.compile(
    r"^(?P<np>[^,]+?)(?:,[^,]{1,60},)?\s+(?:also\s+|later\s+|then\s+|had\s+|have\s+|has\s+)?"
    rf"(?P<verb>was|were|is|are|had|has|have|will|would|could|{_PAST_FORMS}|[a-z]+ed)\b"
)
PRONOUN_SUBJECT = re.compile(r"^(?P<pronoun>He|She|It|They|This)\b\s*")
# Shared by the fact kinds: "the towns of ...", compass directions, capture verbs.
COLLECTIVE = re.compile(r"^(?:the\s+)?(?:(?:towns?|villages?|cities|city|areas?)\s+of\s+)?")
DIRECTION = r"(?:north|south|east|west)(?:-?(?:north|south|east|west))?"
CAPTURE_PARTICIPLES = {"took control of": "taken over", "taken control of": "taken over"}


@dataclass(frozen=True)
class Frame:
    """ "X stated on D that Y": the speaker and the reported clause."""

    speaker: str
    verb: str
    clause: str


def find_frame(text: str) -> Frame | None:
    body = _LEADING_PHRASE.sub("", LEADING_ADVERBS.sub("", text))
    match = next(filter(None, (frame.match(body) for frame in _FRAMES)), None)
    if not match or len(match["speaker"].split()) > 10:
        return None
    clause = match["clause"]
    if not _FINITE.search(clause):
        return None
    return Frame(
        speaker=match["speaker"],
        verb=match["verb"],
        clause=clause,
    )


def simple_past(text: str) -> str:
    """ "had also captured" -> "also captured": reported clauses read as plain events."""
    return _PLUPERFECT.sub(lambda m: f"{m[1] or ''}{past_of(m[2])}", text)


def tidy_clause(text: str) -> str:
    text = re.sub(r"\s+\([A-Z][A-Za-z]{1,7}\)", "", text)  # "(PMU)" defines an acronym.
    text = re.sub(r"\s*,\s*,", ",", text)
    text = re.sub(r"\s{2,}", " ", text).strip(" ,;:")
    text = text.rstrip(".").strip(" ,")
    if re.match(r"(?:The|A|An|This|That|These|Those|Its|Their|Some|Many|Several)\b", text):
        text = text[0].lower() + text[1:]
    return text


def clause_subject(text: str) -> str:
    body = _LEADING_PHRASE.sub("", LEADING_ADVERBS.sub("", text))
    match = _CLAUSE_SUBJECT.match(body)
    return match["np"].strip() if match else ""


def first_clause(text: str) -> str:
    text = re.split(r";|,\s+but\b|,\s+whereas\b", text)[0]
    trimmed = _TRAILING_CLAUSE.sub("", text)
    return trimmed if len(trimmed.split()) >= 4 else text


# --- Dates in sentences ------------------------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    """When a clause happened: a date with its preposition, or "on the same day"."""

    phrase: str
    preposition: str
    first: datetime.date
    last: datetime.date | None
    precision: str
    source_text: str

    def value(self) -> str:
        return format_date_range(first=self.first, last=self.last, precision=self.precision)


# A clause that says what did not happen: "Hamilton never held another field command" read
# without its "never" says the opposite.
NEGATED = re.compile(r"\b(?:never|not|no longer|neither|nor|hardly|barely|nobody|none)\b|n't\b")
# Prepositions that put a date at one end of a span, not on the day: "freed by 1776" was some
# time before it, so "When was he freed?" has no answer.
NOT_ON_THE_DAY = {"by", "until", "till", "before", "after", "since", "as of"}
_ANCHOR_PREPOSITION = re.compile(
    r"(?:\b(?P<prep>[Oo]n|[Bb]y|[Ii]n|[Ff]rom|[Ss]ince|[Uu]ntil|[Dd]uring|[Aa]s of)\s+)$"
)
_RELATIVE_DAYS = [
    (re.compile(r"(?:\b[Ll]ater\s+)?\b[Oo]n the same day\b|\b[Ll]ater? (?:in|on) the day\b"), 0),
    (re.compile(r"\b(?:[Dd]uring|[Oo]n) the day\b|\b[Tt]hat (?:same )?day\b"), 0),
    (re.compile(r"\ba day earlier\b|\bthe (?:previous|preceding) day\b|\bthe day before\b"), -1),
    (re.compile(r"\bthe (?:next|following) day\b|\ba day later\b"), 1),
]


def find_anchors(*, text: str, context: "Context") -> list[Anchor]:
    anchors = []
    for mention in find_dates(
        text=text,
        default_year=context.year_near(text),
        start=context.article.start_date,
        end=context.article.end_date,
    ):
        prep = _ANCHOR_PREPOSITION.search(text[: mention.start])
        at_start = not text[: mention.start].strip()
        if not prep and not at_start:
            continue
        phrase = (prep[0] if prep else "") + mention.text
        anchors.append(
            Anchor(
                phrase=phrase,
                preposition=(prep["prep"].lower() if prep else "on"),
                first=mention.first,
                last=mention.last,
                precision=mention.precision,
                source_text=mention.text,
            )
        )
    for match in re.finditer(
        r"\b([Ii]n|[Bb]y|[Ss]ince|[Uu]ntil)\s+(\d{4}|\d{3}(?=,))\b(?![–-]|\s+\w+\s+\d)", text
    ):
        if not any(match[0] in anchor.phrase for anchor in anchors):
            year = int(match[2])
            anchors.append(
                Anchor(
                    match[0], match[1].lower(), datetime.date(year, 1, 1), None, "year", match[2]
                )
            )
    previous = context.last_day
    for pattern, offset in _RELATIVE_DAYS:
        match = pattern.search(text)
        if match and previous and not any(match[0] in a.phrase for a in anchors):
            day = previous + timedelta(days=offset)
            anchors.append(Anchor(match[0], "on", day, None, "day", match[0]))
            break
    return anchors


def without(text: str, phrases: list[str]) -> str:
    for phrase in phrases:
        text = re.sub(rf",?\s*{re.escape(phrase)}\s*,?", " ", text, count=1)
    return text


def with_full_dates(text: str, anchors: list[Anchor]) -> str:
    """Spell out the anchors in ``text``: "on 26 October" and "a day earlier" become
    "on 26 October 2017" and "on 25 October 2017"."""
    for anchor in anchors:
        if anchor.precision == "year" or anchor.phrase not in text:
            continue
        if re.search(r"\d", anchor.source_text):
            text = text.replace(anchor.source_text, anchor.value())
        else:
            text = re.sub(rf"\b{re.escape(anchor.phrase)}", f"on {anchor.value()}", text)
    return text


# --- Context from earlier sentences -----------------------------------------------------


@dataclass
class Context:
    """What earlier sentences tell the current one: the last day named, the last subject."""

    article: ParsedArticle
    entities: Entities
    sides: Sides
    person_sides: dict[int, str]
    paragraph: int = -1
    last_day: datetime.date | None = None
    last_anchor: Anchor | None = None
    years: list[int] = field(default_factory=list)
    subject: str = ""
    person: Entity | None = None
    person_phrase: str = ""

    def year_near(self, text: str) -> int | None:
        own = [int(year) for year in YEAR_PATTERN.findall(text)]
        if own:
            return own[-1]
        start, end = self.article.start_date, self.article.end_date
        if start and end:
            # "who had led the Whites in 1918" names a year of the background; "on 1 December"
            # after it, in an article on 1939–40, is in the article's own years.
            inside = [year for year in self.years if start.year <= year <= end.year]
            if self.years and not start.year <= self.years[-1] <= end.year:
                return inside[-1] if inside else start.year
        if self.years:
            return self.years[-1]
        return start.year if start else None


def resolve_pronoun(*, text: str, context: Context) -> str | None:
    """Replace a leading "He"/"It"/"They" by what the previous sentence was about; None when
    nothing fits (the sentence then yields no facts that would dangle)."""
    body = LEADING_ADVERBS.sub("", text)
    match = PRONOUN_SUBJECT.match(body)
    if not match or not _FINITE.match(body[match.end() :].removeprefix("also ")):
        return text
    pronoun = match["pronoun"]
    if pronoun in ("He", "She"):
        referent = context.person_phrase
    elif context.person is None and context.subject:
        # "It" takes a singular subject, "They" a plural one ("Iraqi forces", "X and Y").
        plural = bool(re.search(r"s$| and ", context.subject))
        referent = context.subject if plural == (pronoun == "They") else ""
    else:
        referent = ""
    if not referent:
        return None
    return referent[0].upper() + referent[1:] + " " + body[match.end() :]


def remember(*, text: str, anchors: list[Anchor], context: Context) -> None:
    context.years += [int(year) for year in YEAR_PATTERN.findall(text)]
    days = [anchor for anchor in anchors if anchor.precision == "day"]
    if days:
        context.last_day = days[-1].last or days[-1].first
        context.last_anchor = days[-1]
    subject = clause_subject(text)
    person = person_in(subject, context=context) if subject else None
    context.subject = tidy_clause(subject) if subject else ""
    context.person = person
    if person:
        context.person_phrase = person.name


def person_in(phrase: str, *, context: Context) -> Entity | None:
    phrase = re.sub(r",.*$", "", phrase)
    for match in CHUNK.finditer(phrase):
        name = re.sub(rf"^(?:.*?\b(?:{RANK_WORDS})\s+)", "", match[0])
        for candidate in (name, name.split(" of ")[0]):
            person = context.entities.find(name=candidate, kind=PERSON, surname=True)
            if person:
                return person
    return None


# --- Who says so, when, who acted -------------------------------------------------------


def split_attribution(*, text: str, frame: Frame | None, context: Context) -> tuple[str, str]:
    """Who says so ("the JOC"), and the text the figures are read from."""
    according = re.match(r"^According to (?P<who>[^,]+),\s*", text)
    if according:
        return according["who"], text[according.end() :]
    if frame:
        return _speaker(frame.speaker, context=context), frame.clause
    return "", text


def _speaker(phrase: str, *, context: Context) -> str:
    phrase = LEADING_ADVERBS.sub("", phrase).split(",")[0].strip()
    if person := person_in(phrase, context=context):
        return person.name
    if BLOCKING_PRONOUNS.fullmatch(phrase):
        return ""
    entity = context.entities.find(name=phrase)
    if re.fullmatch(r"(?:[Tt]he )?[A-Z]{2,6}", phrase):
        return re.sub("^The", "the", phrase)
    if (
        entity
        and entity.kind == ORGANISATION
        and entity.acronyms
        and phrase.lower().startswith("the ")
    ):
        return f"the {entity.short_name}"
    if re.match(r"(?:the|an?|The|An?)\b", phrase):
        return phrase[0].lower() + phrase[1:]
    if re.search(r"['’]s\b", phrase) or (not phrase.endswith("s") and phrase.split()[-1].islower()):
        return f"the {phrase}"  # "Iraqi military" -> "the Iraqi military"
    return phrase


def when_phrase(*, text: str, anchors: list[Anchor], context: Context) -> str:
    if anchors:
        anchor = anchors[0]
        preposition = anchor.preposition if anchor.preposition in ("by", "in", "since") else "on"
        if anchor.precision != "day":
            preposition = "in" if preposition == "on" else preposition
        return f" {preposition} {anchor.value()}"
    if re.search(r"\bso far\b", text) and context.last_anchor:
        return f" by {context.last_anchor.value()}"
    return ""


def agent_phrase(text: str, *, body: str, speaker: str = "") -> str:
    """Who acted: the words right before the verb, or the clause's subject when the verb is
    coordinated ("... and cleared 19,600 km²")."""
    segment = re.split(r",\s*|\bthat\s+|\band\s+(?=had\b)|\band\s+$", text)[-1].strip()
    segment = re.sub(r"\s+(?:had|have|has|also|later)$", "", segment).strip()
    if _FINITE.search(segment):
        # "the first phase was over and they": the agent follows the last "and".
        segment = segment.rsplit(" and ", 1)[-1]
    if not segment or segment in ("and", "had"):
        segment = clause_subject(body)
    if possessive := re.match(r"(?:its|their)\s+(.+)$", segment or ""):
        return f"{speaker}'s {possessive[1]}" if speaker else ""
    if not segment or BLOCKING_PRONOUNS.fullmatch(segment.split()[0]) or len(segment.split()) > 8:
        return ""
    return tidy_clause(segment)
