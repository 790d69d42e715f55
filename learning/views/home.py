from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from learning import selectors, study


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    question_sets = selectors.studiable_sets()
    counts = study.study_counts(user=request.user, question_sets=question_sets, now=timezone.now())
    rows = [
        {"set": question_set, "counts": counts[question_set.pk]} for question_set in question_sets
    ]
    return render(request, "learning/home.html", {"rows": rows})
