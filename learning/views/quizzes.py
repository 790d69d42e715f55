"""The quiz views: start or resume an attempt, answer its questions, see the result.

Every step works as a plain form post; with htmx the same views return partials.
There is no feedback between questions: a quiz is a test.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from learning.bank.selectors import studiable_set_queryset
from learning.models import Question, QuizAttempt, QuizResponse
from learning.study import quizzes
from learning.views.forms import (
    OrderingError,
    QuizAnswerForm,
    epoch_ms,
    ordering_answer,
    posted_ranks,
    response_time_ms,
)

TEMPLATE = "learning/quiz.html"


def _get_attempt_for_user(request: HttpRequest, attempt_id: int) -> QuizAttempt:
    # Another student's attempt is as good as missing.
    return get_object_or_404(
        QuizAttempt.objects.select_related("question_set"), pk=attempt_id, user=request.user
    )


def _given_answer(response: QuizResponse, form: QuizAnswerForm, data: QueryDict) -> str:
    """The answer posted; raises OrderingError for ranks that are no order."""
    if response.question.kind != Question.Kind.ORDERING:
        return form.cleaned_data["answer"]
    # The ranks refer to the items in the order this attempt showed them.
    return ordering_answer(items=response.shown_choices, data=data)


def _state_context(attempt: QuizAttempt) -> dict:
    """The attempt's current question, or its result once finished."""
    if attempt.finished_at is not None:
        results = quizzes.quiz_results(attempt=attempt)
        return {
            "state": "result",
            "attempt": attempt,
            "results": results,
            "missed": sum(item.response.credit < 1 for item in results),
        }
    now = timezone.now()
    return {
        "state": "question",
        "attempt": attempt,
        "response": quizzes.current_response(attempt=attempt),
        "count": attempt.responses.count(),
        "shown_at": epoch_ms(now),
        # The countdown's start, from the server's clock.
        "seconds_left": (
            max(int((attempt.deadline - now).total_seconds()), 0) if attempt.deadline else None
        ),
    }


def _render(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    template = f"{TEMPLATE}#{context['state']}" if request.htmx else TEMPLATE
    return render(request, template, context, status=status)


def _invalid(request: HttpRequest, attempt: QuizAttempt) -> HttpResponse:
    return _render(request, {"state": "invalid", "attempt": attempt}, status=400)


@login_required
@require_POST
def start(request: HttpRequest, slug: str) -> HttpResponse:
    question_set = get_object_or_404(studiable_set_queryset(), slug=slug)
    try:
        attempt = quizzes.start_quiz(user=request.user, question_set=question_set)
    except quizzes.NoQuestions:
        raise Http404("This set has no questions yet.") from None
    except quizzes.NoAttemptsLeft:
        messages.error(request, f"You have made every quiz attempt allowed on {question_set.name}.")
        return redirect("home")
    return redirect("quiz-attempt", attempt_id=attempt.pk)


@login_required
@require_GET
def attempt(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = _get_attempt_for_user(request, attempt_id)
    # A time limit that has passed ends the attempt: its result is shown.
    quizzes.expire(attempt=attempt, now=timezone.now())
    return render(request, TEMPLATE, _state_context(attempt))


@login_required
@require_POST
def study_missed(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """The attempt's missed questions, due now in the student's study queue."""
    attempt = _get_attempt_for_user(request, attempt_id)
    if attempt.finished_at is None:
        return redirect("quiz-attempt", attempt_id=attempt.pk)
    count = quizzes.study_missed(attempt=attempt, now=timezone.now())
    messages.success(
        request,
        f"{count} missed question{pluralize(count)} {'is' if count == 1 else 'are'} due now.",
    )
    return redirect("study", slug=attempt.question_set.slug)


@login_required
@require_POST
def answer(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = _get_attempt_for_user(request, attempt_id)
    if attempt.finished_at is not None:
        if request.htmx:
            return _render(request, _state_context(attempt), status=409)
        return redirect("quiz-attempt", attempt_id=attempt.pk)

    form = QuizAnswerForm(request.POST)
    if not form.is_valid():
        return _invalid(request, attempt)
    response = quizzes.get_response(attempt=attempt, response_id=form.cleaned_data["response"])
    if response is None:
        return _invalid(request, attempt)
    try:
        given = _given_answer(response, form, request.POST)
    except OrderingError as error:
        # The same question again, the ranks as sent, and what is wrong with them.
        context = _state_context(attempt) | {
            "response": response,
            "ordering_error": str(error),
            "ranks": posted_ranks(items=response.shown_choices, data=request.POST),
        }
        return _render(request, context, status=400)

    now = timezone.now()
    attempt = quizzes.answer_question(
        attempt=attempt,
        response_id=response.pk,
        given=given,
        time_taken_ms=response_time_ms(shown_at=form.cleaned_data["shown_at"], now=now),
        now=now,
    )
    if not request.htmx:
        return redirect("quiz-attempt", attempt_id=attempt.pk)
    return _render(request, _state_context(attempt))
