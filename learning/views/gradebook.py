"""Teachers' views of a class's results: the gradebook, as a page and as CSV, and one
student's quiz answers and study accuracy over time.

Sorting is plain links with ``?sort=…&dir=…``, so it works without JavaScript; the CSV
download keeps the page's order.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from learning.models import Classroom, Membership
from learning.progress import charts
from learning.teaching import gradebook as selectors
from learning.teaching.gradebook_csv import write_gradebook_csv
from learning.teaching.permissions import visible_classrooms, visible_students
from learning.views.decorators import teacher_required


@dataclass(frozen=True)
class _SortLink:
    query: str
    # The column header's aria-sort: "ascending", "descending" or "none".
    state: str


def _get_classroom_for_user(request: HttpRequest, classroom_id: int) -> Classroom:
    # Another teacher's class is as good as missing.
    return get_object_or_404(visible_classrooms(user=request.user), pk=classroom_id)


def _sorted_gradebook(
    request: HttpRequest, classroom: Classroom
) -> tuple[selectors.Gradebook, selectors.Sort, list[selectors.GradebookRow]]:
    gradebook = selectors.class_gradebook(classroom=classroom, now=timezone.now())
    sort = selectors.parse_sort(
        gradebook=gradebook, key=request.GET.get("sort"), direction=request.GET.get("dir")
    )
    return gradebook, sort, selectors.sort_rows(gradebook=gradebook, sort=sort)


def _query(sort: selectors.Sort) -> str:
    return urlencode({"sort": sort.key, "dir": "desc" if sort.descending else "asc"})


def _sort_link(*, current: selectors.Sort, key: str) -> _SortLink:
    """The link on a column header: the other direction if sorted by it, else its first sort."""
    if current.key != key:
        return _SortLink(query=_query(selectors.first_sort(key)), state="none")
    return _SortLink(
        query=_query(selectors.Sort(key=key, descending=not current.descending)),
        state="descending" if current.descending else "ascending",
    )


@teacher_required
@require_GET
def gradebook(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = _get_classroom_for_user(request, classroom_id)
    gradebook, sort, rows = _sorted_gradebook(request, classroom)
    return render(
        request,
        "learning/gradebook.html",
        {
            "classroom": classroom,
            "gradebook": gradebook,
            "rows": rows,
            "query": _query(sort),
            "name_link": _sort_link(current=sort, key=selectors.NAME),
            "activity_link": _sort_link(current=sort, key=selectors.ACTIVITY),
            "set_columns": [
                (
                    question_set,
                    _sort_link(current=sort, key=selectors.best_score_key(question_set)),
                )
                for question_set in gradebook.question_sets
            ],
        },
    )


@teacher_required
@require_GET
def gradebook_csv(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = _get_classroom_for_user(request, classroom_id)
    gradebook, _sort, rows = _sorted_gradebook(request, classroom)
    filename = f"{slugify(classroom.name) or 'class'}-gradebook.csv"
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )
    write_gradebook_csv(gradebook=gradebook, rows=rows, out=response)
    return response


def _accuracy_chart(progress: selectors.SetProgress) -> charts.BarChart:
    def title(week: selectors.WeekAccuracy) -> str:
        start = f"Week of {format_date(week.week, 'D j M Y')}"
        if not week.correct.whole:
            return f"{start}: no reviews"
        return (
            f"{start}: {week.correct.part} of {week.correct.whole} correct "
            f"({week.correct.percent}%)"
        )

    return charts.bar_chart(
        title=f"Study accuracy per week for {progress.question_set.name}",
        description=(
            f"Share of reviews answered correctly in each of the last {len(progress.weeks)} "
            f"weeks, from Monday; {progress.reviews} reviews in all."
        ),
        data=[
            charts.Datum(
                value=week.correct.percent or 0,
                # A dash, not 0%, for a week without reviews.
                text=f"{week.correct.percent}%" if week.correct.whole else "–",
                label=format_date(week.week, "j"),
                sublabel=format_date(week.week, "M"),
                title=title(week),
            )
            for week in progress.weeks
        ],
        maximum=100,
    )


@teacher_required
@require_GET
def student(request: HttpRequest, classroom_id: int, student_id: int) -> HttpResponse:
    classroom = _get_classroom_for_user(request, classroom_id)
    # Members removed since stay visible: their results stay too.
    membership = get_object_or_404(
        Membership.objects.select_related("student"),
        classroom=classroom,
        student__pk=student_id,
        student__in=visible_students(user=request.user),
    )
    # The class's sets only: other classes' sets are other teachers' business.
    question_sets = selectors.assigned_sets(classroom=classroom)
    progress = selectors.weekly_study_accuracy(
        student=membership.student, question_sets=question_sets, now=timezone.now()
    )
    return render(
        request,
        "learning/teacher_student.html",
        {
            "classroom": classroom,
            "membership": membership,
            "student": membership.student,
            "attempts": selectors.student_attempts(
                student=membership.student, question_sets=question_sets
            ),
            "overridden": selectors.overridden_reviews(
                student=membership.student, question_sets=question_sets
            ),
            "progress": [
                (set_progress, _accuracy_chart(set_progress) if set_progress.reviews else None)
                for set_progress in progress
            ],
        },
    )
