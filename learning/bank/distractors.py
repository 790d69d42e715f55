"""Choosing wrong answers (distractors) for generated questions.

A distractor must be of the answer's type (a date for a date, a person for a person,
a number of the same unit and magnitude), come from the same article when it has
enough of them, never name the answer under another spelling, and never be ALSO
TRUE: two towns captured on the same day make a bad pair of choices for "which
town was captured that day". Callers pass a seeded ``random.Random`` so the same
question always gets the same distractors.
"""

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from learning.bank.likeness import alike, is_list, names_clash, same_subject, unit_key
from learning.content.language import english
from learning.models import Entity, Fact
from learning.text.english import is_description
from learning.text.mentions import mentions, normalise, normalise_name
from learning.text.places import place_kind, same_place

# From the nearest dates, distractors are drawn at random; nearer dates are harder.
NEAR_DATES = 8
# A name of another age gives itself away: a 20th-century archaeologist offered as who waged
# 12th-century wars. Names the article dates this many years apart belong to different ages.
ERA_YEARS = 30
# What spaCy calls the words that describe rather than name ("the Persian army", "in May"):
# such a word is offered only beside an answer that is one too.
_DESCRIBING = {"NORP", "LANGUAGE", "DATE", "TIME", "ORDINAL", "CARDINAL"}
# The labels a distractor may carry for an answer of each kind: the small model is noisy
# ("Tyre" a person), so a name it leaves unlabelled fits any.
_LABELS = {
    Entity.Kind.PLACE: {"GPE", "LOC", "FAC"},
    Entity.Kind.PERSON: {"PERSON"},
}
# Plausible generated numbers: the answer scaled by these factors (±20–50%).
NUMBER_FACTORS = (
    Decimal("0.5"),
    Decimal("0.6"),
    Decimal("0.7"),
    Decimal("0.8"),
    Decimal("1.2"),
    Decimal("1.3"),
    Decimal("1.4"),
    Decimal("1.5"),
)


@dataclass(frozen=True)
class Candidate:
    """A possible answer of the named kind: its display name and every other spelling."""

    name: str
    names: tuple[str, ...]


def _candidate(*, fact: Fact) -> Candidate:
    entity = fact.entity
    if entity is not None and any(
        normalise_name(fact.value) == normalise_name(n) for n in entity.all_names
    ):
        return Candidate(name=entity.name, names=tuple(entity.all_names))
    # The value says more than its entity ("Abu Kamal–Al-Qa'im border crossing", not
    # "Abu Kamal"): the value is the answer.
    return Candidate(name=fact.value, names=(fact.value,))


_NAME_CLASSES = {
    "unit": {
        "army", "armies", "corps", "division", "brigade", "regiment", "battalion", "fleet", "navy",
        "squadron", "force", "forces", "guard", "cavalry", "infantry", "artillery", "legion",
    },
    "body": {
        "council", "assembly", "congress", "parliament", "senate", "committee", "department",
        "government", "league", "party", "front", "court", "ministry", "diet", "directory",
        "convention", "cabinet", "office", "authority", "commission", "church",
    },
    "water": {
        "river", "sea", "ocean", "lake", "gulf", "strait", "bay", "channel", "pacific",
        "atlantic", "mediterranean", "horn", "bosporus", "dardanelles",
    },
    "work": {
        "stela", "stele", "obelisk", "temple", "palace", "monument", "gate", "enclosure",
        "parthenon", "cathedral", "mosque", "basilica", "church",
    },
    # Places that are works of industry or passage, not towns: "Akkas gas field".
    "site": {"field", "crossing", "plant", "station", "base", "airport", "bridge", "dam", "mine"},
    "period": {"ages", "age", "century", "era", "period", "dynasty"},
    # Events among places: "Morean War" offered as where something happened.
    "event": {
        "war", "battle", "siege", "campaign", "revolution", "treaty", "peace", "offensive",
        "operation", "raid", "uprising", "rebellion", "crusade", "expedition",
    },
}  # fmt: skip


def name_class(name: str) -> str:
    """What kind of name it is, read off its words: a unit ("14th Army"), a body ("Council of
    Ten"), water ("Euphrates river"), a work ("Ezana's Stela"), a possessive ("Sun Quan's navy"
    is one too), or "" for the rest: people, towns, states."""
    words = normalise(re.sub(r"\s*\([^)]*\)", "", name)).split()
    for kind, heads in _NAME_CLASSES.items():
        if words and (words[-1] in heads or words[0] in heads):
            return kind
    if re.search(r"['’]s\b", name):
        return "possessive"
    return ""


def answer_names(*, fact: Fact) -> tuple[str, ...]:
    return _candidate(fact=fact).names


# How far from the answer another date of the article still makes a believable choice.
_PLAUSIBLE_DAYS = {
    Fact.Precision.DAY: 366,
    Fact.Precision.MONTH: 3 * 366,
    Fact.Precision.YEAR: 25 * 366,
}


def _truncate(value: date, precision: str) -> date:
    if precision == Fact.Precision.YEAR:
        return value.replace(month=1, day=1)
    if precision == Fact.Precision.MONTH:
        return value.replace(day=1)
    return value


def _shift(value: date, *, precision: str, steps: int) -> date:
    if precision == Fact.Precision.DAY:
        return value + timedelta(days=steps)
    months = value.year * 12 + value.month - 1
    if precision == Fact.Precision.MONTH:
        months += steps
    else:
        months += 12 * steps
    return date(months // 12, months % 12 + 1, 1)


def _round_like(number: Decimal, *, like: Decimal) -> Decimal:
    """Round ``number`` as coarsely as ``like`` is: 75 to units, 50,000 to ten thousands."""
    if like != like.to_integral_value():
        return number.quantize(Decimal("0.1"))
    digits = str(int(like))
    step = 10 ** (len(digits) - len(digits.rstrip("0")))
    # 10 or 40 rounded to tens would leave no room for numbers near them.
    while step > 1 and step * 5 > like:
        step //= 10
    return Decimal(max(step, round(number / step) * step))


def _magnitude(number: Decimal) -> int:
    return math.floor(math.log10(number)) if number > 0 else 0


class DistractorPool:
    """Every possible distractor of one article, with the knowledge of what is also true."""

    def __init__(
        self,
        *,
        facts: Sequence[Fact],
        entities: Sequence[Entity],
        span: tuple[date | None, date | None] = (None, None),
        texts: Sequence[str] = (),
    ) -> None:
        self.facts = list(facts)
        self.entities = list(entities)
        # The article's sentences: how it uses a name, and in which years.
        self.texts = list(texts) or sorted({f.sentence.text for f in self.facts if f.sentence})
        self._labels: dict[str, Counter] | None = None
        self._years_of: dict[str, set[int]] = {}
        self._forenames: dict[str, bool] = {}
        # The article's time span: its own dates (from the infobox) and its facts' dates.
        days = [day for day in span if day]
        days += [day for f in self.facts for day in (f.date, f.date_end) if day]
        self.first_day = min(days, default=None)
        self.last_day = max(days, default=None)
        self._twins_of: dict[int, list[Fact]] = {}
        self._dates_by_sentence: dict[int, set[date]] = {}
        self._sentences_by_date: dict[date, set[str]] = {}
        for fact in self.facts:
            if fact.kind == Fact.Kind.EVENT and fact.date and fact.sentence_id:
                self._dates_by_sentence.setdefault(fact.sentence_id, set()).add(fact.date)
                self._sentences_by_date.setdefault(fact.date, set()).add(fact.sentence.text)

    # -- what is also true ---------------------------------------------------

    def _twins(self, *, fact: Fact) -> list[Fact]:
        """Facts of the same kind about the same subject: their values are true too."""
        if fact.pk not in self._twins_of:
            self._twins_of[fact.pk] = self._find_twins(fact=fact)
        return self._twins_of[fact.pk]

    def _find_twins(self, *, fact: Fact) -> list[Fact]:
        return [
            other
            for other in self.facts
            if other.kind == fact.kind
            and other.pk != fact.pk
            and same_subject(other.subject, fact.subject)
        ]

    def _context(self, *, fact: Fact) -> list[str]:
        """Texts whose every named thing may also be a true answer for ``fact``.

        The fact's own sentence (it often lists several villages captured at once),
        the sentences of its twins, and every sentence dated the same day.
        """
        texts = [fact.sentence.text if fact.sentence else fact.source_text or fact.value]
        texts += [twin.sentence.text for twin in self._twins(fact=fact) if twin.sentence]
        for day in self._dates_by_sentence.get(fact.sentence_id, set()):
            texts += sorted(self._sentences_by_date[day])
        return texts

    # -- dates ---------------------------------------------------------------

    def dates(
        self,
        *,
        fact: Fact,
        rng: Random,
        count: int = 3,
        day: date | None = None,
        precision: str = "",
    ) -> list[date]:
        """Other dates of the article, at the answer's precision and near it first.

        The answer is ``fact``'s date, or ``day`` for facts with more than one.
        """
        precision = precision or fact.date_precision or Fact.Precision.DAY
        answer = _truncate(day or fact.date, precision)
        excluded = {answer}
        for twin in [fact, *self._twins(fact=fact)]:
            if twin.date:
                excluded.add(_truncate(twin.date, precision))
            if twin.date and twin.date_end:
                span = (twin.date_end - twin.date).days
                excluded |= {
                    _truncate(twin.date + timedelta(days=n), precision) for n in range(span + 1)
                }
        known = {
            _truncate(other.date, precision)
            for other in self.facts
            if other.date
            and other.date_precision in (precision, Fact.Precision.DAY)
            and not alike(other.subject, fact.subject)
        } - excluded
        # A 2024 anniversary beside a 1973 coup, 702 beside a 1980 listing: too far to be
        # believed, so the made-up dates next to the answer do instead.
        window = _PLAUSIBLE_DAYS[precision]
        known = {day for day in known if abs((day - answer).days) <= window}
        nearest = sorted(known, key=lambda day: (abs((day - answer).days), day))[:NEAR_DATES]
        chosen = rng.sample(nearest, min(count, len(nearest)))
        # Fallback: plausible dates next to the answer, inside the article's time span
        # when it is long enough.
        steps = [n for n in range(-10, 11) if n]
        rng.shuffle(steps)
        made_up = [_shift(answer, precision=precision, steps=step) for step in steps]
        made_up.sort(key=lambda day: not self._in_span(day, precision))
        chosen += [day for day in made_up if day not in excluded][: count - len(chosen)]
        return chosen[:count]

    def _in_span(self, day: date, precision: str) -> bool:
        if precision != Fact.Precision.DAY or self.first_day is None:
            return True
        return self.first_day <= day <= self.last_day

    # -- events --------------------------------------------------------------

    def events(
        self, *, fact: Fact, rng: Random, keep: Callable[[Fact], bool], count: int = 3
    ) -> list[Fact]:
        """Events dated to the day that did NOT happen on ``fact``'s date (and pass ``keep``)."""
        same_day = [
            other
            for other in self.facts
            if other.kind == Fact.Kind.EVENT and other.date and _covers(other, fact.date)
        ]
        candidates = []
        for other in self.facts:
            if other.kind != Fact.Kind.EVENT or other.date_precision != Fact.Precision.DAY:
                continue
            if other.date is None or _covers(other, fact.date) or not keep(other):
                continue
            if any(same_subject(other.subject, twin.subject) for twin in same_day):
                continue
            if any(same_subject(other.subject, chosen.subject) for chosen in candidates):
                continue
            candidates.append(other)
        return rng.sample(candidates, min(count, len(candidates)))

    # -- names: persons, places, operations ----------------------------------

    def names(
        self,
        *,
        fact: Fact,
        rng: Random,
        count: int = 3,
        keep: Callable[[str], bool] = lambda name: True,
    ) -> list[str]:
        answer = answer_names(fact=fact)
        true_names = [answer] + [list(answer_names(fact=twin)) for twin in self._twins(fact=fact)]
        true_names += [list(holder.names) for holder in self.role_holders(fact=fact)]
        if fact.entity is not None:
            true_names.append(fact.entity.all_names)
        context = self._context(fact=fact)
        answer_class = name_class(answer[0])
        answer_kind = self._answer_kind(fact=fact)
        answer_place = place_kind(answer[0]) if answer_kind == Entity.Kind.PLACE else ""
        answer_label = self.label(answer[0])
        answer_years = self._years(answer) | {d.year for d in (fact.date, fact.date_end) if d}
        chosen: list[Candidate] = []
        for tier in self._name_tiers(fact=fact):
            fresh = []
            for candidate in tier:
                if not keep(candidate.name) or is_description(candidate.name):
                    continue
                if not self._same_use(
                    candidate.name, answer_kind=answer_kind, answer_label=answer_label
                ):
                    continue
                if answer_kind == Entity.Kind.PLACE and (
                    (answer_place and place_kind(candidate.name) not in ("", answer_place))
                    or same_place(candidate.name, answer[0])
                ):
                    # "Egypt" among Aleppo, Cairo and Damascus; "Kolkata" beside "Calcutta".
                    continue
                if not self._same_age(candidate.names, answer_years):
                    continue
                if answer_kind == Entity.Kind.PERSON and self._is_forename(candidate.name):
                    # "John", "António": half of another's name is no person to offer.
                    continue
                if re.search(r"\([^)\d]*\)$", candidate.name):
                    # "Swedish Volunteer Corps (Ernst Linder)": a name with a note is two.
                    continue
                if name_class(candidate.name) != answer_class:
                    # "Sun Quan's navy" among people, a river among towns, a council among
                    # armies: a choice of another kind gives itself away.
                    continue
                # A list of villages is told apart from a single village by its shape alone.
                if is_list(candidate.name) != is_list(answer[0]):
                    continue
                if any(names_clash(candidate.names, names) for names in true_names):
                    continue
                if any(mentions(text, name) for text in context for name in candidate.names):
                    continue
                if any(names_clash(candidate.names, other.names) for other in chosen + fresh):
                    continue
                fresh.append(candidate)
            if answer_place:
                # Cities for a city, countries for a country, before names of no known kind.
                known = [c for c in fresh if place_kind(c.name) == answer_place]
                chosen += rng.sample(known, min(count - len(chosen), len(known)))
                fresh = [c for c in fresh if c not in chosen]
            chosen += rng.sample(fresh, min(count - len(chosen), len(fresh)))
            if len(chosen) >= count:
                break
        return [candidate.name for candidate in chosen]

    def label(self, name: str) -> str:
        """How the article's parse mostly tags ``name``: "GPE", "NORP", "PERSON"… or ""."""
        if self._labels is None:
            self._labels = {}
            for doc in english().pipe(self.texts):
                for span in doc.ents:
                    self._labels.setdefault(normalise_name(span.text), Counter())[span.label_] += 1
                for token in doc:
                    # "Orthodox" in "the Orthodox church" is an adjective, named or not.
                    if token.tag_ == "JJ" and token.text[:1].isupper() and not token.ent_type_:
                        self._labels.setdefault(normalise(token.text), Counter())["NORP"] += 1
        labels = self._labels.get(normalise_name(name))
        return labels.most_common(1)[0][0] if labels else ""

    def _is_forename(self, name: str) -> bool:
        """Whether a one-word name is mostly the first word of longer names in the article
        ("John" of "John Monash", "Maximilian" of "Maximilian von Trauttmansdorff"), not a
        person of one name ("Saladin", "Baybars")."""
        if len(name.split()) != 1:
            return False
        # Asked of every candidate of every name question: read the article once per name.
        if name not in self._forenames:
            self._forenames[name] = self._reads_as_forename(name)
        return self._forenames[name]

    def _reads_as_forename(self, name: str) -> bool:
        word = re.escape(name)
        uses = [m for text in self.texts for m in re.finditer(rf"\b{word}\b(?!['’])", text)]
        before_a_surname = [
            m
            for m in uses
            if re.match(
                r"\s+(?:(?:de|da|do|dos|von|van|ibn|bin|al|ud)[\s-]+)?[A-Z]", m.string[m.end() :]
            )
        ]
        return bool(uses) and 2 * len(before_a_surname) >= len(uses)

    def _same_use(self, name: str, *, answer_kind: str, answer_label: str) -> bool:
        """Whether the article uses ``name`` as it uses the answer: "Persian" (as in "the Persian
        army") or "May" is no place, a name the parse calls an organisation is no person."""
        label = self.label(name)
        if label in _DESCRIBING:
            return label == answer_label
        if label and answer_kind in _LABELS:
            return label in _LABELS[answer_kind]
        return True

    def _years(self, names: Sequence[str]) -> set[int]:
        """The years of the article's dated facts whose sentence names one of ``names``."""
        key = names[0]
        if key not in self._years_of:
            self._years_of[key] = {
                day.year
                for f in self.facts
                if f.sentence is not None and any(mentions(f.sentence.text, name) for name in names)
                for day in (f.date, f.date_end)
                if day
            }
        return self._years_of[key]

    def _same_age(self, names: Sequence[str], answer_years: set[int]) -> bool:
        years = self._years(names)
        if not years or not answer_years:
            return True
        return min(abs(a - b) for a in years for b in answer_years) <= ERA_YEARS

    @staticmethod
    def _answer_kind(*, fact: Fact) -> str:
        if fact.entity is not None:
            return fact.entity.kind
        if fact.kind == Fact.Kind.STATEMENT:
            return fact.qualifier
        return _ENTITY_KIND_OF_FACT.get(fact.kind, "")

    def role_holders(self, *, fact: Fact) -> list[Candidate]:
        """Other people holding the role a question names ("Who was the Major-General?")."""
        if fact.kind != Fact.Kind.ROLE or not fact.role or not mentions(fact.subject, fact.role):
            return []
        return _unique(
            _candidate(fact=other)
            for other in self.facts
            if other.kind == Fact.Kind.ROLE
            and other.entity_id != fact.entity_id
            # An "Army Major-General" is a Major-General; a "PMU commander" is no mere "commander".
            and mentions(other.role, fact.role)
        )

    def _name_tiers(self, *, fact: Fact) -> list[list[Candidate]]:
        """Candidates from the most to the least plausible, for the kind of thing ``fact`` names."""
        kind = self._answer_kind(fact=fact)
        tiers = []
        if fact.kind == Fact.Kind.STATEMENT:
            # A statement's answer is a person, a place or a body (its qualifier): the
            # article's other answers of that kind first, then its entities of that kind.
            tiers.append(
                [
                    _candidate(fact=o)
                    for o in self.facts
                    # The parse's guess at what a name is, unconfirmed, picks wrong kinds.
                    if o.kind == fact.kind and o.entity is not None and o.entity.kind == kind
                ]
            )
        if fact.kind == Fact.Kind.ROLE and fact.side:
            # People of the same side make the harder choices.
            tiers.append(
                [
                    _candidate(fact=o)
                    for o in self.facts
                    if o.kind == fact.kind and o.side == fact.side
                ]
            )
        if fact.kind == Fact.Kind.PLACE:
            head = normalise(fact.subject).split(" ")[0]
            tiers.append(
                [
                    _candidate(fact=other)
                    for other in self.facts
                    if other.kind == fact.kind and normalise(other.subject).split(" ")[0] == head
                ]
            )
        if fact.kind not in (Fact.Kind.ATTRIBUTE, Fact.Kind.STATEMENT):
            # Infobox values mix kinds ("Unknown", a commander, a result), so only
            # entities of the answer's kind are candidates for them.
            tiers.append([_candidate(fact=o) for o in self.facts if o.kind == fact.kind])
        tiers.append(
            [
                Candidate(name=entity.name, names=tuple(entity.all_names))
                for entity in self.entities
                if entity.kind == kind
            ]
        )
        return [_unique(tier) for tier in tiers]

    # -- numbers -------------------------------------------------------------

    def numbers(self, *, fact: Fact, rng: Random, count: int = 3) -> list[Decimal]:
        """Numbers of the same unit and order of magnitude; else the answer ±20–50%."""
        answer = fact.number
        excluded = {answer, fact.number_max} | {twin.number for twin in self._twins(fact=fact)}
        low, high = answer, fact.number_max or answer

        def fits(number: Decimal) -> bool:
            return (
                number > 0
                and number not in excluded
                and not low <= number <= high
                and number not in chosen
            )

        chosen: list[Decimal] = []
        known = sorted(
            {
                other.number
                for other in self.facts
                if other.kind == Fact.Kind.QUANTITY
                and other.number is not None
                and unit_key(other.unit) == unit_key(fact.unit)
                and _magnitude(other.number) == _magnitude(answer)
            }
        )
        known = [number for number in known if fits(number)]
        chosen += rng.sample(known, min(count, len(known)))
        generated = _plausible_numbers(answer)
        rng.shuffle(generated)
        for number in generated:
            if len(chosen) >= count:
                break
            if fits(number):
                chosen.append(number)
        return chosen[:count]


_ENTITY_KIND_OF_FACT = {
    Fact.Kind.ROLE: Entity.Kind.PERSON,
    Fact.Kind.PLACE: Entity.Kind.PLACE,
    Fact.Kind.RELATION: Entity.Kind.OPERATION,
}


def _covers(fact: Fact, day: date) -> bool:
    """Whether ``fact`` happened on ``day`` (or during a span including it)."""
    if fact.date_precision != Fact.Precision.DAY:
        return _truncate(day, fact.date_precision) == _truncate(fact.date, fact.date_precision)
    return fact.date <= day <= (fact.date_end or fact.date)


def _unique(candidates: Iterable[Candidate]) -> list[Candidate]:
    seen: dict[str, Candidate] = {}
    for candidate in candidates:
        seen.setdefault(normalise_name(candidate.name), candidate)
    return list(seen.values())


def _plausible_numbers(answer: Decimal) -> list[Decimal]:
    if answer < 10 and answer == answer.to_integral_value():
        # Small counts: ±20–50% would round back to the answer, so step by ones.
        return [answer + step for step in (-3, -2, -1, 1, 2, 3, 4) if answer + step > 0]
    numbers = []
    for factor in NUMBER_FACTORS:
        number = _round_like(answer * factor, like=answer)
        if _magnitude(number) == _magnitude(answer) and number not in numbers:
            numbers.append(number)
    return numbers
