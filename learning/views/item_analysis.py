"""Item analysis of a question set for teachers: which questions work, which do not."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from learning.models import Classroom
from learning.teaching import item_analysis as analysis
from learning.teaching.permissions import visible_classrooms, visible_sets, visible_students
from learning.views.decorators import teacher_required


def _get_classroom_for_user(request: HttpRequest) -> Classroom | None:
    """The class chosen with ?classroom=, among the teacher's; None for all their students."""
    classroom_id = request.GET.get("classroom", "")
    if not classroom_id:
        return None
    # Anything but a class the teacher may see is as good as missing.
    if not classroom_id.isascii() or not classroom_id.isdigit():
        raise Http404("No such class.")
    return get_object_or_404(visible_classrooms(user=request.user), pk=classroom_id)


@teacher_required
@require_GET
def item_analysis(request: HttpRequest, set_id: int) -> HttpResponse:
    # What a teacher sees of a set is their own students' answers.
    question_set = get_object_or_404(visible_sets(user=request.user), pk=set_id)
    classroom = _get_classroom_for_user(request)
    students = visible_students(user=request.user)
    if classroom is not None:
        students = students.filter(pk__in=classroom.memberships.values("student"))
    return render(
        request,
        "learning/item_analysis.html",
        {
            "question_set": question_set,
            "classroom": classroom,
            "classrooms": visible_classrooms(user=request.user),
            "analysis": analysis.set_analysis(question_set=question_set, students=students),
            "thresholds": {
                "too_easy_above": analysis.TOO_EASY_ABOVE,
                "too_hard_below": analysis.TOO_HARD_BELOW,
                "few_attempts_below": analysis.FEW_ATTEMPTS_BELOW,
                "min_attempts": analysis.MIN_ATTEMPTS,
            },
        },
    )
