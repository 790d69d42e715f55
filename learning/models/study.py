"""A student's learning: FSRS cards and their reviews, flags, quiz attempts."""

from decimal import Decimal

from django.conf import settings
from django.db import models

from learning.models.bank import Question, QuestionSet


class Card(models.Model):
    """One student's spaced-repetition card for one question, with its FSRS state.

    A question the student has never studied has no card: it is "new".
    """

    class State(models.IntegerChoices):
        # Values match fsrs.State so they convert without a lookup table.
        LEARNING = 1, "Learning"
        REVIEW = 2, "Review"
        RELEARNING = 3, "Relearning"

    class Queue(models.IntegerChoices):
        LEARNING = 0, "Learning"
        REVIEW = 1, "Review"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cards"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="cards")
    # The set the card was first studied from (for daily new-card limits per set).
    question_set = models.ForeignKey(
        QuestionSet, null=True, blank=True, on_delete=models.SET_NULL, related_name="cards"
    )
    state = models.PositiveSmallIntegerField(choices=State.choices, default=State.LEARNING)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    # Number of reviews so far; a posted rating names the count it expects, so a
    # repeated post (double click, retry) is recognised and recorded once.
    reps = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # Which queue the card waits in: learning (and relearning) or review. Kept by the database
    # from ``state``, so that one index, (user, queue, due), gives the next card in order.
    queue = models.GeneratedField(
        expression=models.Case(
            models.When(
                state__in=[State.LEARNING, State.RELEARNING], then=models.Value(Queue.LEARNING)
            ),
            default=models.Value(Queue.REVIEW),
        ),
        output_field=models.PositiveSmallIntegerField(choices=Queue.choices),
        db_persist=True,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="card_unique_user_question"),
        ]
        indexes = [
            models.Index(fields=["user", "queue", "due"], name="card_next_due"),
            models.Index(fields=["user", "last_review"], name="card_seen_today"),
            models.Index(fields=["user", "question_set", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.question}"


class SetProgress(models.Model):
    """How many of a set's published questions a student has a card for, so that the set's
    new cards are counted in constant work (QuestionSet.published_total minus ``started``).

    The database keeps it (triggers, migration 0011) as cards are created and deleted, set
    items added, moved and removed, and questions published and withdrawn: every write path,
    bulk ones included. A row is made, counted once, the first time it is read.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="set_progress"
    )
    question_set = models.ForeignKey(QuestionSet, on_delete=models.CASCADE, related_name="progress")
    # A plain integer, not a positive one: a check failing inside a trigger would fail the
    # student's own write (an undo) over a count.
    started = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "question_set"], name="set_progress_unique_user_set"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.question_set}: {self.started} started"


class ReviewLog(models.Model):
    class Rating(models.IntegerChoices):
        AGAIN = 1, "Again"
        HARD = 2, "Hard"
        GOOD = 3, "Good"
        EASY = 4, "Easy"

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="reviews")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    correct = models.BooleanField()
    # The student said "I was right" after a wrong verdict: counted right, marked for teachers.
    overridden = models.BooleanField(default=False)
    answer_given = models.TextField(blank=True)
    response_ms = models.PositiveIntegerField(null=True, blank=True)
    reviewed_at = models.DateTimeField(db_index=True)
    # 0 means the card was new before this review.
    state_before = models.PositiveSmallIntegerField()
    state_after = models.PositiveSmallIntegerField()
    # The card's scheduling fields before this review, so the review can be undone exactly.
    card_before = models.JSONField(default=dict)

    class Meta:
        ordering = ["reviewed_at", "id"]
        indexes = [models.Index(fields=["card", "reviewed_at"])]

    def __str__(self) -> str:
        return f"{self.card} · {self.get_rating_display()}"


class FlagQuerySet(models.QuerySet):
    def resolve(self, *, by, at) -> int:
        """Resolve the open flags among these, by a person at a moment; how many."""
        return self.filter(status=Flag.Status.OPEN).update(
            status=Flag.Status.RESOLVED, resolved_at=at, resolved_by=by
        )


class Flag(models.Model):
    """A student's report that a question is wrong or unclear."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flags"
    )
    comment = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolved_flags",
    )

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Flag on “{self.question}” by {self.user}"

    def resolve(self, *, by, at) -> None:
        self.status = Flag.Status.RESOLVED
        self.resolved_at, self.resolved_by = at, by

    def reopen(self) -> None:
        self.status = Flag.Status.OPEN
        self.resolved_at, self.resolved_by = None, None


class QuizAttempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Filled when the attempt finishes: a point per right answer, half a point per close one.
    score = models.DecimalField(max_digits=6, decimal_places=1, default=0)
    total = models.PositiveIntegerField(default=0)
    # The assignment's settings when the attempt started: when it ends by itself, and
    # whether its result shows the answers.
    deadline = models.DateTimeField(null=True, blank=True)
    show_answers = models.BooleanField(default=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["user", "question_set", "finished_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.question_set} · {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0

    @property
    def score_shown(self) -> str:
        """7, or 7.5 with a close answer: no ".0"."""
        return f"{Decimal(str(self.score)):.1f}".removesuffix(".0")

    @property
    def time_taken(self):
        return self.finished_at - self.started_at if self.finished_at else None


class QuizResponse(models.Model):
    """One question of an attempt; created unanswered when the attempt starts."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="quiz_responses")
    position = models.PositiveSmallIntegerField()
    # The order the choices were shown in, so a resumed attempt shows the same.
    shown_choices = models.JSONField(default=list, blank=True)
    answer_given = models.TextField(blank=True)
    correct = models.BooleanField(null=True, blank=True)
    # 1 right, 0.5 close (a date a day off, an order with one pair swapped), 0 wrong.
    credit = models.DecimalField(max_digits=2, decimal_places=1, default=0)
    time_taken_ms = models.PositiveIntegerField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="quiz_response_unique_position"
            ),
            models.UniqueConstraint(
                fields=["attempt", "question"], name="quiz_response_unique_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · #{self.position + 1}"
