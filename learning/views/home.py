from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from learning.bank import selectors
from learning.study import queue
from learning.teaching import classes


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render_home(request)


def render_home(
    request: HttpRequest, *, join_code: str = "", join_error: str = "", status: int = 200
) -> HttpResponse:
    """The student's sets, those their classes assign first; the join view re-renders it."""
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
    counts = queue.study_counts(user=request.user, question_sets=question_sets, now=timezone.now())
    rows = [
        {
            "set": question_set,
            "counts": counts[question_set.pk],
            "assignment": assignments.get(question_set.pk),
        }
        for question_set in question_sets
    ]
    context = {
        "rows": rows,
        "classrooms": classes.current_classrooms(student=request.user),
        "join_code": join_code,
        "join_error": join_error,
    }
    return render(request, "learning/home.html", context, status=status)
