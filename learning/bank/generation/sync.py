"""Building a source's drafts and keeping its generated questions in step with them:
create, update, retire, and draw other distractors for a question."""

from collections import Counter
from dataclasses import dataclass, field, replace

from django.db import transaction
from django.db.models import F, Q

from learning.bank.distractors import DistractorPool
from learning.bank.generation.drafts import Context, Draft, Kind
from learning.bank.generation.filters import Accepted, rejection
from learning.bank.generation.templates import TEMPLATES, chronology
from learning.bank.generation.worth import PUBLISH_THRESHOLD, leaders_of, value_of, worth_asking
from learning.bank.rules import CONTENT_FIELDS
from learning.models import Question, Source


def _context(*, source: Source) -> Context:
    # Infobox facts (no sentence) first, then in reading order.
    facts = list(
        source.facts.filter(Q(sentence__isnull=True) | Q(sentence__is_current=True))
        .select_related("sentence__section", "entity")
        .order_by(F("sentence__order").asc(nulls_first=True), "id")
    )
    return Context(
        source=source,
        facts=facts,
        pool=DistractorPool(
            facts=facts,
            entities=list(source.entities.all()),
            span=(source.start_date, source.end_date),
            texts=list(
                source.sentences.filter(is_current=True)
                .order_by("order")
                .values_list("text", flat=True)
            ),
        ),
        infobox=source.sections.filter(title="Infobox").first(),
    )


# A teacher asks a fact once or twice, not in every form; a sentence gives a few questions.
PER_FACT = 2
PER_SENTENCE = 3


def build_drafts(*, source: Source) -> list[Draft]:
    """The questions the source's facts make: at most one per fact and kind, PER_FACT per
    fact and PER_SENTENCE per sentence or infobox field, the most valuable first, and none
    that gives away the answer of another fact's question from the same sentence."""
    ctx = _context(source=source)
    accepted = Accepted()
    drafts = []
    leaders = leaders_of(ctx)
    # Per sentence (or infobox field): per fact and question kind, its drafts, best first.
    by_origin: dict[object, list[list[Draft]]] = {}
    for fact in worth_asking(ctx):
        origin = fact.sentence_id or fact.infobox_field
        for templates in TEMPLATES.get(fact.kind, {}).values():
            made = (template(fact, ctx) for template in templates)
            forms = [
                replace(draft, value=value_of(draft, leaders=leaders))
                for draft in made
                if draft is not None and rejection(draft) is None
            ]
            if forms:
                by_origin.setdefault(origin, []).append(forms)
    for groups in by_origin.values():
        per_fact: Counter = Counter()
        taken = 0
        # Sorting is stable: of two forms worth the same, the fact read first wins.
        for forms in sorted(groups, key=lambda forms: -forms[0].value):
            if taken == PER_SENTENCE or per_fact[forms[0].fact.pk] == PER_FACT:
                continue
            draft = next(
                (d for d in forms if not accepted.is_duplicate(d) and not accepted.gives_away(d)),
                None,
            )
            if draft is None:
                continue
            accepted.add(draft)
            drafts.append(draft)
            per_fact[draft.fact.pk] += 1
            taken += 1
    for draft in chronology(ctx):
        if rejection(draft) is None and not accepted.is_duplicate(draft):
            accepted.add(draft)
            drafts.append(replace(draft, value=value_of(draft, leaders=leaders)))
    return drafts


# How many other draws regenerate_distractors tries before it gives up.
RESEEDS = 5


def regenerate_distractors(*, question: Question) -> bool:
    """Draw other distractors for a generated multiple-choice question; whether they changed.

    The question's own template runs again with another seed, so the new distractors
    follow the same rules (the answer's type, never also true). The seed comes from
    the current choices, so each call moves on to another draw. Sets the choices
    without saving them; a question a person edited is theirs and is left alone.
    """
    if (
        question.kind != Kind.MULTIPLE_CHOICE
        or question.edited_by_human
        or question.fact_id is None
        or not question.generation_key
    ):
        return False
    ctx = _context(source=question.source)
    fact = next((fact for fact in ctx.facts if fact.pk == question.fact_id), None)
    if fact is None:
        return False
    for attempt in range(1, RESEEDS + 1):
        reseeded = replace(ctx, reseed=f":{'|'.join(question.choices)}:{attempt}")
        drafts = (
            template(fact, reseeded)
            for template in TEMPLATES.get(fact.kind, {}).get(Kind.MULTIPLE_CHOICE, [])
        )
        draft = next(
            (d for d in drafts if d is not None and d.generation_key == question.generation_key),
            None,
        )
        if draft is None or draft.answer != question.answer or rejection(draft) is not None:
            # The facts changed since the question was made: generate_questions updates it.
            return False
        if set(draft.choices) != set(question.choices):
            question.choices = draft.choices
            return True
    return False


# --- saving ----------------------------------------------------------------------------

OUTCOMES = ("created", "updated", "unchanged", "retired", "kept edited")
_SAVED_FIELDS = (*CONTENT_FIELDS, "generation_key", "value")


@dataclass
class GenerationResult:
    # (outcome, question kind) -> how many questions.
    counts: Counter = field(default_factory=Counter)
    published: int = 0

    def summary(self) -> str:
        parts = []
        for outcome in OUTCOMES:
            by_kind = {kind: n for (done, kind), n in self.counts.items() if done == outcome}
            detail = ", ".join(f"{kind} {n}" for kind, n in sorted(by_kind.items()))
            parts.append(f"{sum(by_kind.values())} {outcome}" + (f" ({detail})" if detail else ""))
        return f"Questions: {'; '.join(parts)}; {self.published} published"


def _apply(*, question: Question, draft: Draft) -> bool:
    """Copy the draft onto the question; whether anything changed."""
    values = {name: getattr(draft, name) for name in _SAVED_FIELDS}
    values |= {
        "fact_id": draft.fact.pk if draft.fact else None,
        "sentence_id": draft.fact.sentence_id if draft.fact else None,
        "section_id": draft.section.pk if draft.section else None,
    }
    if question.status == Question.Status.RETIRED:
        values["status"] = Question.Status.DRAFT
    changed = any(getattr(question, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(question, name, value)
    return changed


@transaction.atomic
def generate_questions(*, source: Source, publish: bool = False) -> GenerationResult:
    """Create, update and retire the source's generated questions.

    Questions a person edited are left exactly as they are. ``publish`` publishes the
    questions this run creates that are worth it (value at least worth.PUBLISH_THRESHOLD;
    the others stay drafts for the teacher); it never overrules a status a person chose.
    The source's question sets are the caller's to refresh (``sync_question_sets``).
    """
    result = GenerationResult()
    questions = list(source.questions.select_for_update())
    by_key = {q.generation_key: q for q in questions if q.generation_key}
    by_fact_kind = {(q.fact_id, q.kind): q for q in questions if q.fact_id}
    seen = set()
    created = []
    for draft in build_drafts(source=source):
        question = by_key.get(draft.generation_key)
        holder = by_fact_kind.get((draft.fact.pk, draft.kind)) if draft.fact else None
        question = question or holder
        if holder is not None and holder is not question:
            # A hand-made question already covers this fact and kind.
            continue
        if question is None:
            question = Question(source=source)
            _apply(question=question, draft=draft)
            question.save()
            created.append(question.pk)
            outcome = "created"
        elif question.edited_by_human or not question.generation_key:
            outcome = "kept edited"
        elif _apply(question=question, draft=draft):
            question.save()
            outcome = "updated"
        else:
            outcome = "unchanged"
        seen.add(question.pk)
        result.counts[outcome, draft.kind] += 1
    for question in questions:
        if question.pk in seen or not question.generation_key or question.edited_by_human:
            continue
        if question.status != Question.Status.RETIRED:
            question.status = Question.Status.RETIRED
            question.save(update_fields=["status", "updated_at"])
            result.counts["retired", question.kind] += 1
    if publish:
        result.published = Question.objects.filter(
            pk__in=created, status=Question.Status.DRAFT, value__gte=PUBLISH_THRESHOLD
        ).update(status=Question.Status.PUBLISHED)
    return result
