"""Students' results, read-only: quiz attempts (with their answers), cards and reviews.

A teacher sees the results of the students of their classes, past or present
(visible_students); a superuser sees everyone's. Nobody adds, changes or deletes them here.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from learning import models
from learning.teaching.permissions import visible_students


class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class StudentResultsAdmin(ReadOnlyMixin, admin.ModelAdmin):
    # The lookup from the result to its student.
    student_lookup = "user"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        results = super().get_queryset(request)
        if request.user.is_superuser:
            return results
        return results.filter(**{f"{self.student_lookup}__in": visible_students(user=request.user)})


class QuizResponseInline(ReadOnlyMixin, admin.TabularInline):
    model = models.QuizResponse
    fields = ("position", "question", "answer_given", "correct", "time_taken_ms", "answered_at")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("question")


@admin.register(models.QuizAttempt)
class QuizAttemptAdmin(StudentResultsAdmin):
    list_display = ("user", "question_set", "score", "started_at", "finished_at")
    list_select_related = ("user", "question_set")
    search_fields = ("user__username", "question_set__name")
    date_hierarchy = "started_at"
    inlines = [QuizResponseInline]

    @admin.display(description="Score", ordering="score")
    def score(self, attempt: models.QuizAttempt) -> str:
        if attempt.finished_at is None:
            return "Not finished"
        return f"{attempt.score_shown}/{attempt.total} ({attempt.percent}%)"


@admin.register(models.Card)
class CardAdmin(StudentResultsAdmin):
    list_display = ("user", "question", "question_set", "state", "due", "reps", "last_review")
    list_filter = ("state",)
    list_select_related = ("user", "question", "question_set")
    search_fields = ("user__username", "question__prompt")


@admin.register(models.ReviewLog)
class ReviewLogAdmin(StudentResultsAdmin):
    student_lookup = "card__user"
    list_display = ("student", "question", "rating", "correct", "response_ms", "reviewed_at")
    list_filter = ("rating", "correct")
    list_select_related = ("card__user", "card__question")
    search_fields = ("card__user__username", "card__question__prompt")
    date_hierarchy = "reviewed_at"

    @admin.display(description="Student", ordering="card__user__username")
    def student(self, review: models.ReviewLog) -> str:
        return review.card.user.get_username()

    @admin.display(description="Question")
    def question(self, review: models.ReviewLog) -> str:
        return str(review.card.question)
