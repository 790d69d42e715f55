import re
from collections.abc import Iterable
from itertools import zip_longest

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from learning import models
from learning.bank import curation, rules
from learning.bank.generation.worth import PUBLISH_THRESHOLD
from learning.study.choices import preview_choices
from learning.teaching import permissions

Question = models.Question
QUESTION_INPUTS = (*rules.CONTENT_FIELDS, "status")
# A question's provenance is chosen when adding it by hand, then only shown.
SOURCE_INPUTS = ("source", "section", "sentence")
SOURCE_DISPLAYS = ("source", "section", "sentence_with_answer", "fact_details")
RECORD = ("edited_by_human", "generation_key", "created_at", "updated_at")


# --- the edit form -----------------------------------------------------------------------


class ChoiceRowsWidget(forms.Widget):
    """The choices as numbered rows of text inputs, and a few empty rows to add more.

    On saving, the rows are put in the order of their numbers and emptied rows are
    dropped, so choices are added, removed and reordered without JavaScript.
    """

    template_name = "admin/learning/question/choice_rows.html"
    empty_rows = 2

    def format_value(self, value: list[str] | None) -> list[str]:
        return list(value or [])

    def get_context(self, name: str, value, attrs) -> dict:
        context = super().get_context(name, value, attrs)
        context["rows"] = [*context["widget"]["value"], *[""] * self.empty_rows]
        return context

    def render(self, name: str, value, attrs=None, renderer=None) -> str:
        # The default form renderer only sees Django's own templates, not the project's.
        return render_to_string(self.template_name, self.get_context(name, value, attrs))

    def value_from_datadict(self, data, files, name: str) -> list[str]:
        texts = data.getlist(f"{name}_text")
        positions = data.getlist(f"{name}_position")
        rows = [
            (_position(number, default=row), row, text.strip())
            for row, (text, number) in enumerate(zip_longest(texts, positions, fillvalue=""))
        ]
        return [text for _, _, text in sorted(rows) if text]

    def value_omitted_from_data(self, data, files, name: str) -> bool:
        return f"{name}_text" not in data


def _position(number: str, *, default: int) -> int:
    try:
        return int(number)
    except ValueError:
        # A row without a number stays where it is.
        return default + 1


class ChoicesField(forms.Field):
    widget = ChoiceRowsWidget

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, **kwargs)

    def to_python(self, value) -> list[str]:
        return list(value or [])


class LinesField(forms.CharField):
    """A list of strings edited as a text area, one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, **kwargs)

    def prepare_value(self, value) -> str:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value) -> list[str]:
        return [line.strip() for line in super().to_python(value).splitlines() if line.strip()]

    def has_changed(self, initial, data) -> bool:
        return list(initial or []) != self.to_python(data)


class QuestionForm(forms.ModelForm):
    accepted_answers = LinesField(
        help_text="Other answers that count as right, one per line (short, numeric and date "
        "questions; other spellings of a name)."
    )
    choices = ChoicesField(
        help_text="Multiple choice: 2–8 choices, one of them the answer. Ordering: the answer's "
        "items in the order students see them. Change the numbers to reorder; empty a row to "
        "remove it."
    )

    class Meta:
        model = Question
        # The admin narrows these to its fieldsets: the source only when adding.
        fields = (*QUESTION_INPUTS, *SOURCE_INPUTS)
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
            "answer": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
            "explanation": forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"}),
        }
        help_texts = {
            "answer": "Ordering: the items in the right order, one per line. Date: YYYY-MM-DD. "
            "True or false: True or False.",
            "tolerance": "Numeric questions: how far from the answer still counts as right.",
        }

    def clean(self) -> dict:
        data = super().clean()
        kind, answer = data.get("kind"), data.get("answer")
        if kind is None or answer is None:
            return data
        if kind == Question.Kind.ORDERING:
            answer = data["answer"] = "\n".join(
                line.strip() for line in answer.splitlines() if line.strip()
            )
        errors = curation.question_errors(
            question=self.instance,
            kind=kind,
            prompt=data.get("prompt", ""),
            answer=answer,
            choices=data.get("choices", []),
            tolerance=data.get("tolerance") or 0,
        )
        if "source" in self.fields and data.get("source") is not None:
            errors |= curation.provenance_errors(
                source=data["source"], section=data.get("section"), sentence=data.get("sentence")
            )
        for field, message in errors.items():
            # A field Django already refused (an empty prompt) keeps its own message.
            if field not in self.errors:
                self.add_error(field, message)
        return data


# --- the list --------------------------------------------------------------------------


class ValueFilter(admin.SimpleListFilter):
    title = "value"
    parameter_name = "value"

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        return [
            ("publish", f"worth publishing ({PUBLISH_THRESHOLD}+)"),
            ("below", f"below {PUBLISH_THRESHOLD}"),
        ]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() == "publish":
            return queryset.filter(value__gte=PUBLISH_THRESHOLD)
        if self.value() == "below":
            return queryset.filter(value__lt=PUBLISH_THRESHOLD)
        return queryset


class PercentCorrectFilter(admin.SimpleListFilter):
    title = "% correct"
    parameter_name = "correct"
    # Lookup -> filter on the annotations of curation.with_answer_stats.
    RANGES = {
        "low": ("below 50%", {"percent_correct__lt": 50}),
        "middle": ("50–80%", {"percent_correct__gte": 50, "percent_correct__lte": 80}),
        "high": ("above 80%", {"percent_correct__gt": 80}),
        "none": ("not answered yet", {"times_answered": 0}),
    }

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        return [(value, label) for value, (label, _) in self.RANGES.items()]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() not in self.RANGES:
            return queryset
        return queryset.filter(**self.RANGES[self.value()][1])


class EditedFilter(admin.BooleanFieldListFilter):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.title = "edited by a person"


class OpenFlagsFilter(admin.SimpleListFilter):
    title = "open flags"
    parameter_name = "flagged"

    def lookups(self, request, model_admin) -> list[tuple[str, str]]:
        return [("yes", "Has open flags"), ("no", "No open flags")]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() not in ("yes", "no"):
            return queryset
        open_flags = models.Flag.objects.filter(
            question=OuterRef("pk"), status=models.Flag.Status.OPEN
        )
        flagged = Exists(open_flags)
        return queryset.filter(flagged if self.value() == "yes" else ~flagged)


# --- actions ---------------------------------------------------------------------------


def _set_status(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet, status):
    # Counted first: the list's filters (such as "draft") may no longer match afterwards.
    selected = queryset.count()
    changed = curation.change_status(questions=queryset, status=status, user=request.user)
    label = Question.Status(status).label.lower()
    unchanged = selected - changed
    already = f" ({unchanged} already were)" if unchanged else ""
    modeladmin.message_user(
        request, f"{changed} question(s) now {label}{already}.", messages.SUCCESS
    )


@admin.action(description="Publish selected questions", permissions=["change"])
def publish(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    _set_status(modeladmin, request, queryset, Question.Status.PUBLISHED)


@admin.action(description="Retire selected questions", permissions=["change"])
def retire(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    _set_status(modeladmin, request, queryset, Question.Status.RETIRED)


@admin.action(description="Return selected questions to draft", permissions=["change"])
def return_to_draft(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    _set_status(modeladmin, request, queryset, Question.Status.DRAFT)


class QuestionSetChoiceForm(forms.Form):
    question_set = forms.ModelChoiceField(
        queryset=models.QuestionSet.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Question set",
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["question_set"].queryset = permissions.sets_to_add_questions_to(user=user)


@admin.action(description="Add selected questions to a question set", permissions=["change"])
def add_to_question_set(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> TemplateResponse | None:
    # The first post comes from the list; the second, with "apply", from the page below.
    data = request.POST if "apply" in request.POST else None
    form = QuestionSetChoiceForm(data, user=request.user)
    if form.is_valid():
        question_set = form.cleaned_data["question_set"]
        result = curation.add_to_question_set(question_set=question_set, questions=queryset)
        already = f"; {result.already_there} already in it" if result.already_there else ""
        modeladmin.message_user(
            request,
            f"Added {result.added} question(s) to “{question_set}”{already}.",
            messages.SUCCESS,
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Add questions to a question set",
        "opts": modeladmin.model._meta,
        "form": form,
        "questions": queryset,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/learning/question/add_to_question_set.html", context)


@admin.action(description="Regenerate distractors of selected questions", permissions=["change"])
def regenerate_distractors(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> None:
    result = curation.regenerate_question_distractors(questions=queryset, user=request.user)
    parts = [f"New distractors for {result.changed} question(s)"]
    if result.unchanged:
        parts.append(f"{result.unchanged} without other distractors to choose from")
    if result.edited:
        parts.append(f"{result.edited} skipped: edited by a person")
    if result.not_multiple_choice:
        parts.append(f"{result.not_multiple_choice} skipped: not multiple choice")
    level = messages.SUCCESS if result.changed else messages.WARNING
    modeladmin.message_user(request, "; ".join(parts) + ".", level)


# --- read-only displays ----------------------------------------------------------------


def highlighted(text: str, terms: Iterable[str]) -> str:
    """``text`` escaped, with the first of ``terms`` it contains as whole words marked."""
    for term in filter(None, (term.strip() for term in terms)):
        match = re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text)
        if match:
            return format_html(
                "{}<mark>{}</mark>{}", text[: match.start()], match[0], text[match.end() :]
            )
    return format_html("{}", text)


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    form = QuestionForm
    list_display = (
        "prompt",
        "kind",
        "status",
        "section",
        "source",
        "edited",
        "answered",
        "correct",
        "flags",
        # Last, so that the other columns keep their sort numbers (?o=8) in saved links.
        "value",
        "overridden",
    )
    list_filter = (
        "status",
        "kind",
        "section",
        "source",
        ("edited_by_human", EditedFilter),
        OpenFlagsFilter,
        PercentCorrectFilter,
        ValueFilter,
    )
    list_select_related = ("section", "source")
    search_fields = ("prompt", "answer", "sentence__text")
    list_per_page = 50
    actions = [publish, retire, return_to_draft, add_to_question_set, regenerate_distractors]
    raw_id_fields = ("section", "sentence")

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Each row shows its source's title: not the whole article.
        questions = super().get_queryset(request).select_related(*self.list_select_related)
        questions = questions & permissions.visible_questions(user=request.user)
        return curation.with_answer_stats(questions=questions.defer("source__text"))

    def get_fieldsets(self, request: HttpRequest, obj: Question | None = None):
        if obj is None:
            return [(None, {"fields": QUESTION_INPUTS}), ("Source", {"fields": SOURCE_INPUTS})]
        return [
            (None, {"fields": QUESTION_INPUTS}),
            ("Source", {"fields": SOURCE_DISPLAYS}),
            ("Record", {"fields": RECORD, "classes": ["collapse"]}),
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Question | None = None):
        return () if obj is None else (*SOURCE_DISPLAYS, *RECORD)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            # The preview shuffles the choices as a student would see them.
            context["preview_choices"] = preview_choices(question=obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change) -> None:
        # A question a person made or changed must survive regeneration.
        if not change or form.has_changed():
            obj.edited_by_human = True
        super().save_model(request, obj, form, change)

    # -- list columns --

    @admin.display(description="edited by a person", boolean=True, ordering="edited_by_human")
    def edited(self, question: Question) -> bool:
        return question.edited_by_human

    @admin.display(description="answered", ordering="times_answered")
    def answered(self, question: Question) -> int:
        return question.times_answered

    @admin.display(description="% correct", ordering="percent_correct")
    def correct(self, question: Question) -> str:
        if question.percent_correct is None:
            return "–"
        return f"{question.percent_correct:.0f}%"

    @admin.display(description="marked right by students", ordering="times_overridden")
    def overridden(self, question: Question) -> int:
        # "I was right" after a wrong verdict: a sign the grader misses an accepted answer.
        return question.times_overridden

    @admin.display(description="open flags", ordering="open_flags")
    def flags(self, question: Question) -> str:
        if not question.open_flags:
            return "0"
        url = reverse("admin:learning_flag_changelist")
        return format_html(
            '<a href="{}?question__id__exact={}">{}</a>', url, question.pk, question.open_flags
        )

    # -- read-only fields of the edit page --

    @admin.display(description="source sentence")
    def sentence_with_answer(self, question: Question) -> str:
        fact = question.fact
        text = question.source_text
        if text is None:
            return "–"
        # The fact's own span of text first: dates and figures are written otherwise in answers.
        terms = [fact.source_text, fact.value] if fact else []
        return highlighted(text, [*terms, question.answer, *question.accepted_answers])

    @admin.display(description="fact")
    def fact_details(self, question: Question) -> str:
        if question.fact is None:
            return "–"
        url = reverse("admin:learning_fact_change", args=[question.fact_id])
        return format_html('<a href="{}">{}</a>', url, question.fact)
