"""The chronology template: put four of the article's events in order, a few questions
spread over its time line."""

from collections.abc import Iterator
from datetime import date

from learning.bank.generation.drafts import Context, Draft, Kind, generation_key, seeded_rng
from learning.bank.generation.grammar import is_fragment
from learning.bank.generation.phrasing import as_clause, capitalise, dangles
from learning.bank.generation.templates.events import is_day
from learning.bank.generation.worth import is_dated_by_its_report
from learning.models import Fact
from learning.text.dates import MONTH, format_date, format_date_range

# Chronology questions: this many events each, at most this many questions, and
# events no longer than this many words.
ORDERING_ITEMS = 4
ORDERING_QUESTIONS = 5
ORDERING_WORDS = 16


def _ordering_groups(events: list[Fact]) -> list[list[Fact]]:
    """Groups of four from events in date order: spread over the whole time line (easier),
    then four in a row (harder, the dates are close)."""
    size = ORDERING_ITEMS
    stride = len(events) // size
    spread = [events[start::stride][:size] for start in range(stride)] if stride else []
    in_a_row = [events[i : i + size] for i in range(0, len(events) - size + 1, size)]
    groups = []
    for group in (*spread, *in_a_row):
        if group not in groups:
            groups.append(group)
    return groups


def _span(group: list[Fact]) -> str:
    return format_date_range(first=group[0].date, last=group[-1].date, precision=MONTH)


def chronology(ctx: Context) -> Iterator[Draft]:
    """Put four events in order: a few questions spread over the article's time line."""
    by_day: dict[date, Fact] = {}
    for fact in ctx.facts:
        words = len(fact.subject.split())
        if fact.kind != Fact.Kind.EVENT or not is_day(fact) or words > ORDERING_WORDS:
            continue
        if dangles(fact.subject) or is_dated_by_its_report(fact) or is_fragment(fact.subject):
            continue
        # The shortest event of each day makes the easiest item to read.
        if fact.date not in by_day or words < len(by_day[fact.date].subject.split()):
            by_day[fact.date] = fact
    events = [by_day[day] for day in sorted(by_day)]
    for group in _ordering_groups(events)[:ORDERING_QUESTIONS]:
        key = generation_key(template="chronology", keys=sorted(f.key for f in group))
        items = [capitalise(as_clause(f.subject)) for f in group]
        shuffled = items[:]
        rng = seeded_rng(key)
        while shuffled == items:
            rng.shuffle(shuffled)
        sections = {f.sentence.section for f in group if f.sentence}
        yield Draft(
            template="chronology",
            kind=Kind.ORDERING,
            generation_key=key,
            # The months they span tell the questions apart, and say nothing of the order.
            prompt=f"In what order did these events of {_span(group)} happen, earliest first?",
            answer="\n".join(items),
            choices=shuffled,
            content=[f.subject for f in group],
            secrets=[],
            section=sections.pop() if len(sections) == 1 else None,
            explanation="\n".join(
                f"{format_date(value=f.date, precision=f.date_precision)}: {item}."
                for f, item in zip(group, items, strict=True)
            ),
        )
