"""Classes: teachers create them and assign sets; students join with the class's code.

Services write (create, join, remove, assign); selectors read (a student's classes and
the sets assigned to them).
"""

import secrets
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Max

from learning.bank.selectors import has_studiable_questions, set_reaches_students
from learning.models import (
    Assignment,
    Classroom,
    Membership,
    QuestionSet,
)

# No 0/O, 1/I/L: a code read aloud or copied from the board comes out right.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 8
_JOIN_CODE_MAX_LENGTH = Classroom._meta.get_field("join_code").max_length
# 31**8 codes: a collision is rare, several in a row are a bug.
_JOIN_CODE_ATTEMPTS = 5


class JoinError(Exception):
    """Why a student could not join a class, in words to show them."""


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def save_new_classroom(*, classroom: Classroom) -> Classroom:
    """Save an unsaved class with a fresh join code, drawing again on a collision."""
    for _ in range(_JOIN_CODE_ATTEMPTS):
        classroom.join_code = new_join_code()
        try:
            # A savepoint, so a collision leaves the caller's transaction usable.
            with transaction.atomic():
                classroom.save()
        except IntegrityError:
            continue
        return classroom
    raise RuntimeError(f"No free join code after {_JOIN_CODE_ATTEMPTS} attempts.")


def join_classroom(*, student: AbstractBaseUser, code: str) -> Membership:
    """Make the student a member of the class with this code; joining again is harmless.

    A student their teacher removed can join again with the code: that clears the removal.
    """
    if student.is_staff:
        raise JoinError("Teachers and staff cannot join a class as a student.")
    # Codes are typed from a board or a message: any case, spaces anywhere.
    code = "".join(code.split()).upper()
    if not code:
        raise JoinError("Enter the join code your teacher gave you.")
    # Codes are short ASCII letters and digits; anything else (a NUL, which PostgreSQL
    # refuses, a pasted paragraph) cannot match, so it never reaches the database.
    well_formed = code.isascii() and code.isalnum() and len(code) <= _JOIN_CODE_MAX_LENGTH
    classroom = Classroom.objects.filter(join_code=code).first() if well_formed else None
    if classroom is None:
        raise JoinError("No class has that join code. Check it with your teacher.")
    membership, created = Membership.objects.get_or_create(classroom=classroom, student=student)
    if not created and membership.removed_at is not None:
        membership.removed_at = None
        membership.save(update_fields=["removed_at"])
    return membership


def remove_student(*, classroom: Classroom, student: AbstractBaseUser, now: datetime) -> None:
    """Take the student out of the class; the membership row and their results stay."""
    Membership.objects.filter(classroom=classroom, student=student, removed_at=None).update(
        removed_at=now
    )


def assign_sets(*, classroom: Classroom, question_sets: list[QuestionSet]) -> list[Assignment]:
    """Assign sets to the class after those it has, in the order given; skip any it has."""
    with transaction.atomic():
        # Lock the class, so that two assigners do not take the same order numbers.
        Classroom.objects.select_for_update().get(pk=classroom.pk)
        assigned = classroom.assignments.all()
        have = set(assigned.values_list("question_set_id", flat=True))
        last = assigned.aggregate(last=Max("order"))["last"]
        order = -1 if last is None else last
        created = []
        for question_set in question_sets:
            if question_set.pk in have:
                continue
            have.add(question_set.pk)
            order += 1
            created.append(
                Assignment.objects.create(
                    classroom=classroom, question_set=question_set, order=order
                )
            )
    return created


def current_classrooms(*, student: AbstractBaseUser) -> list[Classroom]:
    """The classes the student is in now (not removed from), with their teachers."""
    return list(
        Classroom.objects.filter(memberships__student=student, memberships__removed_at=None)
        .select_related("teacher")
        .order_by("name", "id")
    )


def assigned_sets(*, student: AbstractBaseUser) -> list[Assignment]:
    """Assignments of the student's current classes to sets they can study, each set once.

    In class name order, then the teacher's order; a set assigned by two classes comes
    with the first.
    """
    assignments = (
        Assignment.objects.filter(
            set_reaches_students("question_set__"),
            has_studiable_questions("question_set"),
            classroom__memberships__student=student,
            classroom__memberships__removed_at=None,
        )
        .select_related("classroom__teacher", "question_set")
        .order_by("classroom__name", "classroom_id", "order", "id")
    )
    first = {}
    for assignment in assignments:
        first.setdefault(assignment.question_set_id, assignment)
    return list(first.values())
