from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from learning.progress import charts, reports


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    user = request.user
    now = timezone.now()
    due = reports.reviews_due_by_day(user=user, now=now)
    calendar = reports.review_calendar(user=user, now=now)
    quiz_history = reports.quiz_score_history(user=user)
    return render(
        request,
        "learning/progress.html",
        {
            "states": reports.card_states(user=user),
            "accuracy": reports.study_accuracy(user=user),
            "retention": reports.retention(user=user, now=now),
            "streak": reports.study_streak(user=user, now=now),
            "due": due,
            "due_chart": charts.due_chart(days=due),
            "calendar": calendar,
            "heatmap": charts.calendar_heatmap(days=calendar.days),
            "quiz_history": [
                (scores, charts.score_chart(name=scores.name, attempts=scores.attempts))
                for scores in quiz_history
            ],
        },
    )
