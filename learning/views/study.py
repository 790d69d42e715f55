"""The study (spaced-repetition) views: show a card, grade an answer, rate, undo, flag.

Every step works as a plain form post; with htmx the same views return partials.
"""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import CharField, FilteredRelation, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from learning.bank import selectors
from learning.models import Card, Question, QuestionSet
from learning.study import answering, counts, grading, queue, scheduling
from learning.study.choices import study_choices
from learning.study.prepared import Param, Prepared
from learning.text import dates
from learning.views.forms import (
    MAX_ANSWER_LENGTH,
    AnswerForm,
    FlagForm,
    OrderingError,
    RatingForm,
    epoch_ms,
    ordering_answer,
    posted_ranks,
    response_time_ms,
)

TEMPLATE = "learning/study.html"


# The set and the studied item, looked up on every step: prepared queries (the queue's
# reason: compiling them costs Django several times what the database takes to run them).
_PUBLISHED_SET = Prepared(
    lambda: selectors.studiable_set_queryset().filter(slug=Param("slug", CharField()))[:1]
)
_STUDIED_ITEM = Prepared(
    lambda: (
        selectors.studiable_items()
        .annotate(
            student_card=FilteredRelation(
                "question__cards", condition=Q(question__cards__user=Param("user"))
            )
        )
        .select_related("question_set", "question__sentence", "question__fact", "student_card")
        .filter(question_set__slug=Param("slug", CharField()), question_id=Param("question"))[:1]
    )
)
# The largest key a question can have (a big integer); past it no question is found.
_LARGEST_KEY = 2**63 - 1


def _get_published_set(slug: str) -> QuestionSet:
    question_set = _PUBLISHED_SET.first(slug=slug)
    if question_set is None:
        raise Http404("No such set.")
    return question_set


def _get_studied_item(
    request: HttpRequest, slug: str, question_id: int
) -> tuple[QuestionSet, Question, Card | None]:
    """The set, its question and the student's card for it (None if new): one query."""
    item = None
    if question_id <= _LARGEST_KEY:
        item = _STUDIED_ITEM.first(user=request.user, slug=slug, question=question_id)
    if item is None:
        raise Http404("No such question in this set.")
    # select_related sets no attribute where the outer join found no card.
    return item.question_set, item.question, getattr(item, "student_card", None)


def _question_context(
    request: HttpRequest,
    question_set: QuestionSet,
    now: datetime,
    item: queue.StudyItem | None = None,
) -> dict:
    """The next card to study (or ``item``, shown again), and the page around it."""
    item = item or queue.next_card(
        user=request.user, question_set=question_set, now=now, count_today=True
    )
    today = item.today if item and item.today else None
    context = {
        "question_set": question_set,
        "item": item,
        "shown_at": epoch_ms(now),
        "today": today
        or counts.today_in_set(user=request.user, question_set=question_set, now=now),
    }
    if item is None:
        context["next_due"] = queue.next_due_at(user=request.user, question_set=question_set)
    else:
        context["reps"] = item.card.reps if item.card else 0
        context["choices"] = study_choices(
            question=item.question, user_id=request.user.pk, reps=context["reps"]
        )
    return context


def _invalid(request: HttpRequest, slug: str) -> HttpResponse:
    """A post that is not a study step's (tampered or truncated): 400, in the set's page."""
    return _render(request, "invalid", {"question_set": _get_published_set(slug)}, status=400)


def _render(request: HttpRequest, partial: str, context: dict, status: int = 200) -> HttpResponse:
    template = f"{TEMPLATE}#{partial}" if request.htmx else TEMPLATE
    return render(request, template, {**context, "state": partial}, status=status)


@login_required
@require_GET
def study_set(request: HttpRequest, slug: str) -> HttpResponse:
    question_set = _get_published_set(slug)
    context = _question_context(request, question_set, timezone.now())
    if request.htmx and "poll" in request.GET and context["item"] is None:
        # The end-of-session page asks every minute; nothing due yet, nothing to swap.
        return HttpResponse(status=204)
    return _render(request, "question", context)


@login_required
@require_POST
def answer(request: HttpRequest, slug: str) -> HttpResponse:
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _invalid(request, slug)
    question_set, question, card = _get_studied_item(request, slug, form.cleaned_data["question"])
    given = form.cleaned_data["answer"]
    now = timezone.now()
    if question.kind == Question.Kind.ORDERING:
        # The ranks follow the order the items were shown in.
        reps = form.cleaned_data["reps"]
        shown = study_choices(
            question=question,
            user_id=request.user.pk,
            reps=(card.reps if card else 0) if reps is None else reps,
        )
        try:
            given = ordering_answer(items=shown, data=request.POST)
        except OrderingError as error:
            # The same card again, the ranks as sent, and what is wrong with them.
            item = queue.StudyItem(question=question, card=card)
            context = _question_context(request, question_set, now, item=item)
            context |= {
                "ordering_error": str(error),
                "ranks": posted_ranks(items=shown, data=request.POST),
            }
            return _render(request, "question", context, status=400)

    response_ms = response_time_ms(shown_at=form.cleaned_data["shown_at"], now=now)
    context = _feedback_context(
        question_set=question_set,
        question=question,
        card=card,
        given=given,
        response_ms=response_ms,
        now=now,
    )
    return _render(request, "feedback", context)


def _feedback_context(
    *,
    question_set: QuestionSet,
    question: Question,
    card: Card | None,
    given: str,
    response_ms: int | None,
    now: datetime,
) -> dict:
    """The verdict on an answer and the ratings it allows, each with its interval."""
    grade = grading.grade_answer(question=question, given=given)
    intervals = scheduling.preview_intervals(card=card, now=now)
    allowed = scheduling.allowed_ratings(correct=grade.correct, near=grade.near)
    return {
        "question_set": question_set,
        "question": question,
        "grade": grade,
        "given": given,
        "response_ms": response_ms,
        "reps": card.reps if card else 0,
        "suggested": scheduling.suggested_rating(correct=grade.correct, near=grade.near),
        "ratings": [
            {
                "value": int(rating),
                "label": rating.name.title(),
                "interval": scheduling.format_interval(intervals[rating]),
                "key": index,
            }
            for index, rating in enumerate(allowed, start=1)
        ],
    }


@login_required
@require_POST
# One transaction with the next card: if the database fails before the answer is out,
# the student gets a 503 and the review is not kept, so retrying records it once.
@transaction.atomic
def rate(request: HttpRequest, slug: str) -> HttpResponse:
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _invalid(request, slug)
    question_set, question, card = _get_studied_item(request, slug, form.cleaned_data["question"])
    now = timezone.now()
    answering.review_card(
        user=request.user,
        question=question,
        question_set=question_set,
        card=card,
        rating=form.cleaned_data["rating"],
        given=form.cleaned_data["answer"],
        response_ms=form.cleaned_data["response_ms"],
        expected_reps=form.cleaned_data["reps"],
        now=now,
        overridden=form.cleaned_data["overridden"],
    )
    if not request.htmx:
        return redirect("study", slug=slug)
    return _render(request, "question", _question_context(request, question_set, now))


@login_required
@require_POST
@transaction.atomic
def undo(request: HttpRequest, slug: str) -> HttpResponse:
    question_set = _get_published_set(slug)
    undone = answering.undo_last_review(user=request.user, question_set=question_set)
    if undone is None:
        said = "There is no rating to undo."
    else:
        said = f"Undone: your {undone.rating.label} rating of “{undone.question.prompt}”."
    if not request.htmx:
        messages.info(request, said)
        return redirect("study", slug=slug)
    context = _question_context(request, question_set, timezone.now())
    return _render(request, "question", {**context, "undone": said})


@login_required
@require_POST
def flag(request: HttpRequest, slug: str, question_id: int) -> HttpResponse:
    question_set, question, card = _get_studied_item(request, slug, question_id)
    form = FlagForm(request.POST)
    if not form.is_valid():
        return _render(request, "invalid", {"question_set": question_set}, status=400)
    answering.flag_question(
        user=request.user, question=question, comment=form.cleaned_data["comment"]
    )
    if request.htmx:
        return _render(request, "flagged", {"question_set": question_set, "question": question})
    # Without JavaScript the whole page comes back: the same feedback and rating buttons, with
    # the flag acknowledged, so the card is still rated once its answer has been seen.
    context = _feedback_context(
        question_set=question_set,
        question=question,
        card=card,
        given=form.cleaned_data["answer"],
        response_ms=form.cleaned_data["response_ms"],
        now=timezone.now(),
    )
    return _render(request, "feedback", {**context, "flag_sent": True})


@login_required
@require_GET
def read_date(request: HttpRequest) -> HttpResponse:
    """The date box's echo, as the student types: the date the grader will read."""
    typed = request.GET.get("answer", "")[:MAX_ANSWER_LENGTH]
    value = dates.read_date(typed) if typed.strip() else None
    shown = dates.format_date(value=value) if value else ""
    return render(request, "learning/_date_read.html", {"typed": typed.strip(), "shown": shown})
