"""Sources and what is read from them: sections, sentences, entities and facts."""

from django.db import models

from learning.text.labels import field_label


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
        STATEMENT = "statement", "Statement"

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
    # The fact asked as a question, built from its sentence's parse ("Who built Angkor Wat?").
    question = models.TextField(blank=True)

    class Meta:
        ordering = ["source", "sentence__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="fact_unique_key"),
        ]
        indexes = [models.Index(fields=["source", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject} = {self.value}"

    @property
    def infobox_line(self) -> str:
        """The infobox field a fact was read from, its name in words: "Part of: the War…"."""
        return (
            f"{field_label(self.infobox_field, side=self.side)}: {self.source_text or self.value}"
        )
