"""Moving question banks in and out: teachers download a set or a source in an exchange
format, and upload CSV or GIFT files into a source as drafts.

The question bank is shared between teachers: any teacher may export any source and
any published set (and their own unpublished sets); a superuser any set.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from learning.bank.exchange import importer as question_import
from learning.bank.exchange.exporter import FORMATS, ExportError, set_bank, source_bank
from learning.models import Question, QuestionSet, Source
from learning.teaching.permissions import exportable_sets
from learning.views.decorators import teacher_required

TEMPLATE = "learning/exchange_import.html"
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
IMPORT_FORMATS = [("csv", "CSV"), ("gift", "Moodle GIFT")]


class ExportForm(forms.Form):
    set = forms.ModelChoiceField(
        queryset=QuestionSet.objects.none(), required=False, label="Question set"
    )
    source = forms.ModelChoiceField(
        queryset=Source.objects.all(), required=False, help_text="Or every question of a source."
    )
    format = forms.ChoiceField(choices=[(f.name, f.label) for f in FORMATS.values()])
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Question.Status.choices], required=False
    )

    def __init__(self, *args, user: AbstractBaseUser, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["set"].queryset = exportable_sets(user=user)

    def clean(self) -> dict:
        cleaned = super().clean()
        chosen = [cleaned.get("set"), cleaned.get("source")]
        if not {"set", "source"} & set(self.errors) and sum(bool(c) for c in chosen) != 1:
            raise forms.ValidationError("Choose a question set or a source.")
        return cleaned


class ImportForm(forms.Form):
    source = forms.ModelChoiceField(
        queryset=Source.objects.all(), help_text="The questions are added to it as drafts."
    )
    format = forms.ChoiceField(choices=IMPORT_FORMATS)
    file = forms.FileField(
        help_text=(
            "UTF-8 text. CSV: a header row with the columns kind, prompt, answer and "
            "optionally accepted_answers, choices (JSON lists), explanation, tolerance. "
            "GIFT: as Moodle writes it. A file with a mistake imports nothing."
        )
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 2 MB.")
        return upload


def _page(
    request: HttpRequest,
    *,
    import_form: ImportForm | None = None,
    export_form: ExportForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "import_form": import_form or ImportForm(initial={"source": request.GET.get("source")}),
        "export_form": export_form or ExportForm(user=request.user),
    }
    return render(request, TEMPLATE, context, status=status)


@teacher_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """``?set=<id>`` or ``?source=<id>``, ``format=<name>``, optionally ``status``: a download."""
    form = ExportForm(request.GET, user=request.user)
    if not form.is_valid():
        return _page(request, export_form=form, status=400)
    data = form.cleaned_data
    status = data["status"] or None
    if data["set"]:
        bank = set_bank(question_set=data["set"], status=status)
    else:
        bank = source_bank(source=data["source"], status=status)
    chosen = FORMATS[data["format"]]
    try:
        content = chosen.write(bank)
    except ExportError as error:
        form.add_error(None, str(error))
        return _page(request, export_form=form, status=400)
    response = HttpResponse(content, content_type=chosen.content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{slugify(bank.name) or 'questions'}.{chosen.extension}"
    )
    return response


@teacher_required
@require_http_methods(["GET", "POST"])
def import_questions(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        source = form.cleaned_data["source"]
        try:
            result = question_import.import_questions(
                source=source,
                format=form.cleaned_data["format"],
                data=form.cleaned_data["file"].read(),
            )
        except question_import.QuestionImportError as error:
            form.add_error("file", f"Nothing was imported. {error}")
        else:
            messages.success(request, result.summary())
            # The drafts, where the teacher reviews and publishes them.
            query = urlencode({"source__id__exact": source.pk, "status__exact": "draft"})
            return redirect(f"{reverse('admin:learning_question_changelist')}?{query}")
    return _page(request, import_form=form, status=400)
