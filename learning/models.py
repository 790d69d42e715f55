"""Content (sources, facts, questions) and learning (cards, reviews, quizzes) models.

Business logic lives in services/selectors and the per-concern modules; models only
hold data, constraints and small derived properties.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Source(models.Model):
    """An imported encyclopedic article."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    text = models.TextField(help_text="The original article text, as imported.")
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the original text.")
    # The article's own date range (from its infobox), used to resolve dates without a year.
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    """A heading of the article; the lead (text before the first heading) is order 0."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    title = models.CharField(max_length=300)
    level = models.PositiveSmallIntegerField(help_text="1 for the lead, 2 for ==X==, 3 for ===X===")
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["source", "order"]
        constraints = [
            models.UniqueConstraint(fields=["source", "order"], name="section_unique_order"),
        ]

    def __str__(self) -> str:
        return self.title


class Sentence(models.Model):
    """One sentence of prose or one bullet: the unit of provenance for facts and questions."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="sentences")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="sentences")
    text = models.TextField()
    # Stable identity across re-imports: SHA-256 of the cleaned text.
    text_hash = models.CharField(max_length=64)
    order = models.PositiveIntegerField()
    # False once a re-import no longer finds this sentence; kept so that edited
    # questions keep their provenance.
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["source", "order"]
        constraints = [
            models.UniqueConstraint(fields=["source", "text_hash"], name="sentence_unique_text"),
        ]
        indexes = [models.Index(fields=["source", "is_current", "order"])]

    def __str__(self) -> str:
        return self.text[:80]


class Entity(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        PLACE = "place", "Place"
        ORGANISATION = "organisation", "Organisation or unit"
        OPERATION = "operation", "Operation or battle"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="entities")
    name = models.CharField(max_length=200, help_text="Canonical name.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    aliases = models.JSONField(default=list, blank=True, help_text="Other spellings and names.")

    class Meta:
        ordering = ["source", "kind", "name"]
        verbose_name_plural = "entities"
        constraints = [
            models.UniqueConstraint(fields=["source", "name"], name="entity_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def all_names(self) -> list[str]:
        return [self.name, *self.aliases]


class Fact(models.Model):
    """A typed statement extracted from one sentence or one infobox field.

    The normalised value sits next to the source text: ``date``/``date_end`` with
    ``date_precision`` for events, ``number``/``number_max``/``unit`` for quantities,
    ``entity`` for roles and places, ``value`` for the human-readable answer.
    """

    class Kind(models.TextChoices):
        EVENT = "event", "Dated event"
        QUANTITY = "quantity", "Quantity"
        ROLE = "role", "Person's role"
        PLACE = "place", "Place"
        ATTRIBUTE = "attribute", "Infobox attribute"
        RELATION = "relation", "Related operation"

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="facts")
    sentence = models.ForeignKey(
        Sentence, null=True, blank=True, on_delete=models.CASCADE, related_name="facts"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Stable identity across re-imports (a hash of kind, sentence/field and content).
    key = models.CharField(max_length=64)
    # For infobox facts: the field name ("Commander1"); for others: empty.
    infobox_field = models.CharField(max_length=100, blank=True)
    # What the fact is about, in words: "the Iraqi Army captured Rawa",
    # "militants killed", "announced the offensive".
    subject = models.TextField()
    # The answer in words: "17 November 2017", "75", "Haider al-Abadi", "Rawa".
    value = models.TextField()
    # The exact span of source text the value was read from ("17November", "1,500–2,000").
    source_text = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    date_end = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=10, choices=Precision.choices, blank=True)
    number = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    number_max = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True)
    # "exact", "more than", "around", "at least", "range"
    qualifier = models.CharField(max_length=20, blank=True)
    entity = models.ForeignKey(
        Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="facts"
    )
    # Role facts: the role ("Prime Minister") and side ("Iraq", "IS").
    role = models.CharField(max_length=200, blank=True)
    side = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["source", "sentence__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="fact_unique_key"),
        ]
        indexes = [models.Index(fields=["source", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject} = {self.value}"


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
    questions = models.ManyToManyField(
        Question, through="QuestionSetItem", related_name="question_sets"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


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


class Card(models.Model):
    """One student's spaced-repetition card for one question, with its FSRS state.

    A question the student has never studied has no card: it is "new".
    """

    class State(models.IntegerChoices):
        # Values match fsrs.State so they convert without a lookup table.
        LEARNING = 1, "Learning"
        REVIEW = 2, "Review"
        RELEARNING = 3, "Relearning"

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

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="card_unique_user_question"),
        ]
        indexes = [
            models.Index(fields=["user", "due"]),
            models.Index(fields=["user", "question_set", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.question}"


class ReviewLog(models.Model):
    class Rating(models.IntegerChoices):
        AGAIN = 1, "Again"
        HARD = 2, "Hard"
        GOOD = 3, "Good"
        EASY = 4, "Easy"

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="reviews")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    correct = models.BooleanField()
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

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Flag on “{self.question}” by {self.user}"


class QuizAttempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Filled when the attempt finishes.
    score = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["user", "question_set", "finished_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.question_set} · {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.total) if self.total else 0


class QuizResponse(models.Model):
    """One question of an attempt; created unanswered when the attempt starts."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="responses")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="quiz_responses")
    position = models.PositiveSmallIntegerField()
    # The order the choices were shown in, so a resumed attempt shows the same.
    shown_choices = models.JSONField(default=list, blank=True)
    answer_given = models.TextField(blank=True)
    correct = models.BooleanField(null=True, blank=True)
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

    class Meta:
        ordering = ["classroom", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["classroom", "question_set"], name="assignment_unique_set"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_set} for {self.classroom}"
