"""The student's home page: their sets, their classes, and the form to join a class."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from learning.bank import selectors
from learning.study import counts, quizzes
from learning.teaching import classes


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """A student's sets; a visitor gets the page that says what the app does."""
    if not request.user.is_authenticated:
        return render(request, "learning/landing.html")
    return _render_home(request)


@login_required
@require_POST
def join(request: HttpRequest) -> HttpResponse:
    """Join a class with its code; a wrong code shows the home page again with the error."""
    code = request.POST.get("code", "")
    try:
        membership = classes.join_classroom(student=request.user, code=code)
    except classes.JoinError as error:
        return _render_home(request, join_code=code, join_error=str(error), status=400)
    messages.success(request, f"You joined {membership.classroom.name}")
    return redirect("home")


def _render_home(
    request: HttpRequest, *, join_code: str = "", join_error: str = "", status: int = 200
) -> HttpResponse:
    """The student's sets, those their classes assign first."""
    studiable = selectors.studiable_sets()
    by_id = {question_set.pk: question_set for question_set in studiable}
    # studiable_sets already holds every set a student may study, so assignments only order them.
    assignments = {
        assignment.question_set_id: assignment
        for assignment in classes.assigned_sets(student=request.user)
        if assignment.question_set_id in by_id
    }
    question_sets = [by_id[set_id] for set_id in assignments] + [
        question_set for question_set in studiable if question_set.pk not in assignments
    ]
    per_set = counts.study_counts(
        user=request.user, question_sets=question_sets, now=timezone.now()
    )
    states = quizzes.quiz_states(user=request.user, question_sets=question_sets)
    rows = []
    for question_set in question_sets:
        assignment = assignments.get(question_set.pk)
        state = states.get(question_set.pk, quizzes.QuizState())
        rows.append(
            {
                "set": question_set,
                "counts": per_set[question_set.pk],
                "assignment": assignment,
                "quiz": state,
                # None: no limit.
                "attempts_left": quizzes.remaining_attempts(
                    allowed=assignment.attempts_allowed if assignment else None,
                    finished=state.finished,
                ),
            }
        )
    context = {
        "rows": rows,
        "classrooms": classes.current_classrooms(student=request.user),
        "join_code": join_code,
        "join_error": join_error,
    }
    return render(request, "learning/home.html", context, status=status)
