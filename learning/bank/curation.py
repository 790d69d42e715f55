"""Curating questions: what teachers do in the admin to turn generated drafts into a set.

Services change questions, sets and flags in bulk, atomically, and record each
changed question in its history under the person who changed it. Selectors add
to the question list how students fare with each question.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from learning.bank import generation, rules
from learning.models import (
    Flag,
    Question,
    QuestionSet,
    QuestionSetItem,
    QuizResponse,
    ReviewLog,
    Section,
    Sentence,
    Source,
)

# --- selectors ---------------------------------------------------------------------------


def _count(rows: QuerySet, *, group_by: str) -> Coalesce:
    """The number of ``rows`` (already filtered on OuterRef) as an integer column.

    A subquery per count, so that reviews, responses and flags never multiply each
    other's rows the way joins would.
    """
    counted = rows.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_answer_stats(*, questions: QuerySet[Question]) -> QuerySet[Question]:
    """Annotate how often students answered each question, how often rightly, and its flags.

    ``times_answered`` and ``times_correct`` count study reviews and answered quiz
    responses; ``percent_correct`` is None for a question nobody answered yet.
    """
    reviews = ReviewLog.objects.filter(card__question=OuterRef("pk"))
    responses = QuizResponse.objects.filter(question=OuterRef("pk"), answered_at__isnull=False)
    return questions.annotate(
        times_answered=_count(reviews, group_by="card__question")
        + _count(responses, group_by="question"),
        times_correct=_count(reviews.filter(correct=True), group_by="card__question")
        + _count(responses.filter(correct=True), group_by="question"),
        # Reviews a student marked right after a wrong verdict ("I was right").
        times_overridden=_count(reviews.filter(overridden=True), group_by="card__question"),
        percent_correct=ExpressionWrapper(
            100 * Cast(F("times_correct"), FloatField()) / NullIf(F("times_answered"), 0),
            output_field=FloatField(),
        ),
        open_flags=_count(
            Flag.objects.filter(question=OuterRef("pk"), status=Flag.Status.OPEN),
            group_by="question",
        ),
    )


# --- checking a question -----------------------------------------------------------------


def question_errors(
    *, question: Question, kind: str, prompt: str, answer: str, choices: list[str], tolerance
) -> dict[str, str]:
    """What is wrong with saving ``question`` with these fields, per field: the rulebook's
    problems, and a second question of the same kind for its fact."""
    errors = rules.question_problems(
        kind=kind, prompt=prompt, answer=answer, choices=choices, tolerance=tolerance
    )
    # The database allows one question per fact and kind.
    if (
        question.fact_id is not None
        and Question.objects.filter(fact_id=question.fact_id, kind=kind)
        .exclude(pk=question.pk)
        .exists()
    ):
        errors.setdefault("kind", "This fact already has a question of this kind.")
    return errors


def provenance_errors(
    *, source: Source, section: Section | None, sentence: Sentence | None
) -> dict[str, str]:
    """A question's section and sentence must come from its source."""
    errors = {}
    if section is not None and section.source_id != source.pk:
        errors["section"] = f"This section is not in “{source}”."
    if sentence is not None and sentence.source_id != source.pk:
        errors["sentence"] = f"This sentence is not in “{source}”."
    return errors


# --- services ----------------------------------------------------------------------------


def _locked(questions: QuerySet[Question]) -> QuerySet[Question]:
    # Locked afresh, without the list's annotations (FOR UPDATE and aggregates do not mix).
    return Question.objects.select_for_update().filter(pk__in=questions.values("pk")).order_by("pk")


def _save_with_history(
    *, questions: list[Question], fields: list[str], user: AbstractBaseUser
) -> None:
    now = timezone.now()
    for question in questions:
        question.updated_at = now
    bulk_update_with_history(
        questions, Question, [*fields, "updated_at"], default_user=user, batch_size=500
    )


@transaction.atomic
def change_status(*, questions: QuerySet[Question], status: str, user: AbstractBaseUser) -> int:
    """Give the questions a status; how many changed.

    A person's choice of status is curation, so the questions count as edited by a
    person and regeneration leaves them alone.
    """
    changed = [
        question
        for question in _locked(questions)
        if question.status != status or not question.edited_by_human
    ]
    for question in changed:
        question.status = status
        question.edited_by_human = True
    _save_with_history(questions=changed, fields=["status", "edited_by_human"], user=user)
    return len(changed)


@dataclass(frozen=True)
class SetAddition:
    added: int
    already_there: int


@transaction.atomic
def add_to_question_set(*, question_set: QuestionSet, questions: QuerySet[Question]) -> SetAddition:
    """Append the questions at the end of the set, in their order, skipping those in it."""
    # Locks the set: two people adding at once must not get the same positions.
    QuestionSet.objects.select_for_update().get(pk=question_set.pk)
    items = QuestionSetItem.objects.filter(question_set=question_set)
    present = set(items.values_list("question_id", flat=True))
    last = max(items.values_list("order", flat=True), default=-1)
    chosen = list(questions.values_list("pk", flat=True))
    new = [pk for pk in dict.fromkeys(chosen) if pk not in present]
    QuestionSetItem.objects.bulk_create(
        QuestionSetItem(question_set=question_set, question_id=pk, order=last + position)
        for position, pk in enumerate(new, start=1)
    )
    return SetAddition(added=len(new), already_there=len(set(chosen)) - len(new))


@dataclass(frozen=True)
class DistractorRegeneration:
    changed: int
    unchanged: int
    # Questions a person edited, and questions that are not multiple choice.
    edited: int
    not_multiple_choice: int


@transaction.atomic
def regenerate_question_distractors(
    *, questions: QuerySet[Question], user: AbstractBaseUser
) -> DistractorRegeneration:
    """Draw new distractors for generated multiple-choice questions no person edited.

    The new draw is the teacher's choice, so the questions count as edited by a person
    from then on: regeneration keeps their distractors.
    """
    chosen = list(_locked(questions).select_related("source"))
    multiple_choice = [q for q in chosen if q.kind == Question.Kind.MULTIPLE_CHOICE]
    edited = [q for q in multiple_choice if q.edited_by_human]
    changed = [
        question
        for question in multiple_choice
        if not question.edited_by_human and generation.regenerate_distractors(question=question)
    ]
    for question in changed:
        question.edited_by_human = True
    _save_with_history(questions=changed, fields=["choices", "edited_by_human"], user=user)
    return DistractorRegeneration(
        changed=len(changed),
        unchanged=len(multiple_choice) - len(edited) - len(changed),
        edited=len(edited),
        not_multiple_choice=len(chosen) - len(multiple_choice),
    )


def resolve_flags(*, flags: QuerySet[Flag], user: AbstractBaseUser) -> int:
    """Mark the open flags among ``flags`` resolved by ``user``; how many."""
    return flags.resolve(by=user, at=timezone.now())


def save_flag_status(*, flag: Flag, user: AbstractBaseUser) -> None:
    """Save a flag a person resolved or reopened, noting who resolved it and when."""
    if flag.status == Flag.Status.RESOLVED:
        flag.resolve(by=user, at=timezone.now())
    else:
        flag.reopen()
    flag.save(update_fields=["status", "resolved_at", "resolved_by"])


@dataclass(frozen=True)
class FlaggedRetirement:
    retired: int
    resolved: int


@transaction.atomic
def retire_flagged_questions(*, flags: QuerySet[Flag], user: AbstractBaseUser) -> FlaggedRetirement:
    """Retire the questions of the flags and resolve every open flag on them."""
    question_ids = set(flags.values_list("question_id", flat=True))
    questions = Question.objects.filter(pk__in=question_ids)
    retired = change_status(questions=questions, status=Question.Status.RETIRED, user=user)
    resolved = resolve_flags(flags=Flag.objects.filter(question_id__in=question_ids), user=user)
    return FlaggedRetirement(retired=retired, resolved=resolved)
