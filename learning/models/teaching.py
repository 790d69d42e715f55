"""Classes: a teacher's classroom, its members and the sets assigned to it."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from learning.models.bank import QuestionSet


class Classroom(models.Model):
    """A teacher's class: students join with its code; the teacher assigns question sets."""

    name = models.CharField(max_length=200)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="classrooms"
    )
    join_code = models.CharField(max_length=12, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="joined_classrooms"
    )
    question_sets = models.ManyToManyField(
        QuestionSet, through="Assignment", related_name="classrooms"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "class"
        verbose_name_plural = "classes"

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A student in a class. Removing them sets ``removed_at``; their results stay."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="memberships")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["classroom", "student__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["classroom", "student"], name="membership_unique_student"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.classroom}"


class Assignment(models.Model):
    """A question set assigned to a class; its students see it first."""

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="assignments")
    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.CASCADE, related_name="assignments"
    )
    order = models.PositiveIntegerField(default=0)
    assigned_at = models.DateTimeField(auto_now_add=True)
    # The quiz the class's students take on the set.
    quiz_size = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Questions per quiz (fewer when the set has fewer).",
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="Empty for no time limit. Unanswered questions count as wrong when it ends.",
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Finished attempts a student may make; empty for no limit.",
    )
    show_answers = models.BooleanField(
        default=True,
        help_text="Show each question's right answer and its source with the score.",
    )

    class Meta:
        ordering = ["classroom", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["classroom", "question_set"], name="assignment_unique_set"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_set} for {self.classroom}"
