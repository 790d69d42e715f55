"""The question bank: questions and the sets teachers build from them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from learning.models.content import Fact, Section, Sentence, Source


class Question(models.Model):
    class Kind(models.TextChoices):
        MULTIPLE_CHOICE = "multiple_choice", "Multiple choice"
        TRUE_FALSE = "true_false", "True or false"
        SHORT_ANSWER = "short_answer", "Short answer"
        NUMERIC = "numeric", "Numeric"
        DATE = "date", "Date"
        ORDERING = "ordering", "Ordering"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="questions")
    fact = models.ForeignKey(
        Fact, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    sentence = models.ForeignKey(
        Sentence, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    prompt = models.TextField()
    # The correct answer. For ordering questions: the items in the right order, one per line.
    # For dates: ISO "YYYY-MM-DD". For true/false: "True" or "False".
    answer = models.TextField()
    accepted_answers = models.JSONField(default=list, blank=True)
    # The answer plus distractors, in display order (multiple choice, true/false, ordering).
    choices = models.JSONField(default=list, blank=True)
    # Numeric questions: how far from the answer still counts as right.
    tolerance = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    explanation = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    edited_by_human = models.BooleanField(
        default=False, help_text="A person changed this question; regeneration leaves it alone."
    )
    # How much a teacher would want the question, as generation judges it (bank.generation.worth).
    value = models.PositiveSmallIntegerField(
        default=0,
        db_index=True,
        help_text="0–100: how much a teacher would want this question, as generation judges it. "
        "generate_questions --publish publishes new questions of 60 and above.",
    )
    # Stable identity of a generated question (template + fact), so regeneration never duplicates.
    generation_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Who changed what and when, shown on the question's History page in the admin.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["source", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "generation_key"],
                condition=~Q(generation_key=""),
                name="question_unique_generation_key",
            ),
            models.UniqueConstraint(
                fields=["fact", "kind"],
                condition=Q(fact__isnull=False),
                name="question_unique_fact_kind",
            ),
        ]
        indexes = [models.Index(fields=["source", "status", "kind"])]

    def __str__(self) -> str:
        return self.prompt[:80]

    @property
    def ordering_items(self) -> list[str]:
        return self.answer.splitlines()

    @property
    def source_text(self) -> str | None:
        """The text the question was made from, as students and teachers are shown it: its
        sentence, or its infobox line; None for a question a person wrote."""
        if self.sentence is not None:
            return self.sentence.text
        if self.fact is not None and self.fact.infobox_field:
            return self.fact.infobox_line
        return None


class QuestionSet(models.Model):
    """A named, ordered set of questions that students study and teachers assign."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="question_sets"
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="question_sets"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question_sets",
    )
    is_published = models.BooleanField(default=True)
    # How many of its questions are published; kept by the database (see SetProgress), and
    # never written by save() (below), which would put back the value it was loaded with.
    published_total = models.IntegerField(default=0, editable=False)
    questions = models.ManyToManyField(
        Question, through="QuestionSetItem", related_name="question_sets"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "published_total"
            ]
        super().save(*args, **kwargs)


class QuestionSetItem(models.Model):
    question_set = models.ForeignKey(QuestionSet, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="set_items")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["question_set", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["question_set", "question"], name="set_item_unique_question"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_set} #{self.order}"
