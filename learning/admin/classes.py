"""Classes: a teacher creates them, sees who joined, removes students and assigns sets.

A teacher sees and changes only their own classes (visible_classrooms); a superuser
sees all and may choose the teacher. Students join with the code, never from here.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from learning import models
from learning.teaching import classes
from learning.teaching.permissions import assignable_sets, visible_classrooms


class MembershipForm(forms.ModelForm):
    remove = forms.BooleanField(
        required=False, help_text="Their answers and quiz results are kept."
    )

    class Meta:
        model = models.Membership
        fields = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Removed students come back by joining again with the code.
        self.fields["remove"].disabled = self.instance.removed_at is not None


class MembershipInline(admin.TabularInline):
    model = models.Membership
    form = MembershipForm
    fields = ("student", "joined_at", "removed_at", "remove")
    readonly_fields = ("student", "joined_at", "removed_at")
    extra = 0
    # Removing a student sets removed_at; the row (and the history it dates) stays.
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("student")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class AssignmentInline(admin.TabularInline):
    model = models.Assignment
    # The quiz settings are the class's: size, time limit, attempts, answers shown after.
    fields = (
        "order",
        "question_set",
        "quiz_size",
        "time_limit_minutes",
        "attempts_allowed",
        "show_answers",
        "assigned_at",
    )
    readonly_fields = ("assigned_at",)
    autocomplete_fields = ("question_set",)
    extra = 1

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("question_set")

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "question_set":
            # The same sets the autocomplete offers: published ones the teacher can see.
            kwargs["queryset"] = assignable_sets(user=request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(models.Classroom)
class ClassroomAdmin(admin.ModelAdmin):
    list_display = ("name", "teacher", "join_code", "student_count", "set_count", "created_at")
    list_select_related = ("teacher",)
    search_fields = ("name", "join_code")
    fields = ("name", "teacher", "join_code", "created_at")
    inlines = [MembershipInline, AssignmentInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Meta.ordering does not apply to grouped queries: order explicitly.
        return (
            visible_classrooms(user=request.user)
            .annotate(
                student_count=Count(
                    "memberships", filter=Q(memberships__removed_at=None), distinct=True
                ),
                set_count=Count("assignments", distinct=True),
            )
            .order_by("name", "id")
        )

    @admin.display(description="Students", ordering="student_count")
    def student_count(self, classroom: models.Classroom) -> int:
        return classroom.student_count

    @admin.display(description="Assigned sets", ordering="set_count")
    def set_count(self, classroom: models.Classroom) -> int:
        return classroom.set_count

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> tuple[str, ...]:
        # The join code is generated; only a superuser chooses whose class it is.
        if request.user.is_superuser:
            return ("join_code", "created_at")
        return ("teacher", "join_code", "created_at")

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        return {"teacher": request.user.pk, **super().get_changeform_initial_data(request)}

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "teacher":
            # Students are never staff, so this keeps them out of the choice.
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        if not request.user.is_superuser:
            obj.teacher = request.user
        classes.save_new_classroom(classroom=obj)

    def save_formset(self, request: HttpRequest, form, formset, change: bool) -> None:
        if formset.model is models.Assignment:
            self._save_assignments(classroom=form.instance, formset=formset)
            return
        if formset.model is not models.Membership:
            super().save_formset(request, form, formset, change)
            return
        # Saves nothing, but records the ticked "remove" boxes for the history message.
        formset.save(commit=False)
        now = timezone.now()
        for membership, _changed in formset.changed_objects:
            classes.remove_student(classroom=form.instance, student=membership.student, now=now)

    @staticmethod
    def _save_assignments(*, classroom: models.Classroom, formset) -> None:
        assignments = formset.save(commit=False)
        for assignment in formset.deleted_objects:
            assignment.delete()
        for assignment in assignments:
            if assignment.pk is not None:
                assignment.save()
        # New sets go after the class's others, in the order of their numbers, under the
        # class's lock (two teachers' tabs never take the same place).
        new = sorted((a for a in assignments if a.pk is None), key=lambda a: a.order)
        classes.assign_sets(classroom=classroom, question_sets=[a.question_set for a in new])
