from datetime import UTC, datetime

import pytest

from learning.models import Card, Classroom, Membership, Question, QuizAttempt, ReviewLog
from learning.teaching import classes
from tests.factories import (
    AssignmentFactory,
    ClassroomFactory,
    MembershipFactory,
    QuestionSetFactory,
    QuestionSetItemFactory,
    QuizAttemptFactory,
    ReviewLogFactory,
    TeacherFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_a_new_class_gets_an_unguessable_code_from_an_unambiguous_alphabet():
    teacher = TeacherFactory()
    codes = {
        classes.save_new_classroom(
            classroom=Classroom(teacher=teacher, name=f"Class {n}")
        ).join_code
        for n in range(20)
    }
    assert len(codes) == 20
    for code in codes:
        assert len(code) == classes.JOIN_CODE_LENGTH
        assert set(code) <= set(classes.JOIN_CODE_ALPHABET)
    assert not set("01OIL") & set(classes.JOIN_CODE_ALPHABET)


def test_a_code_already_taken_is_drawn_again(monkeypatch):
    taken = ClassroomFactory(join_code="AAAAAAAA")
    draws = iter(["AAAAAAAA", "BBBBBBBB"])
    monkeypatch.setattr(classes, "new_join_code", lambda: next(draws))
    classroom = classes.save_new_classroom(
        classroom=Classroom(teacher=taken.teacher, name="Year 11")
    )
    assert classroom.join_code == "BBBBBBBB"
    assert classroom.teacher == taken.teacher


def test_a_student_joins_with_the_code_in_any_case_and_with_spaces():
    classroom = ClassroomFactory(join_code="K7QM3XPA")
    student = UserFactory()
    membership = classes.join_classroom(student=student, code="  k7qm 3xpa ")
    assert (membership.classroom, membership.student, membership.removed_at) == (
        classroom,
        student,
        None,
    )


def test_joining_twice_keeps_one_membership():
    classroom = ClassroomFactory()
    student = UserFactory()
    classes.join_classroom(student=student, code=classroom.join_code)
    classes.join_classroom(student=student, code=classroom.join_code)
    assert Membership.objects.filter(classroom=classroom, student=student).count() == 1


def test_a_removed_student_who_joins_again_is_a_member_again():
    membership = MembershipFactory(removed_at=NOW)
    classes.join_classroom(student=membership.student, code=membership.classroom.join_code)
    membership.refresh_from_db()
    assert membership.removed_at is None


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("NOSUCHCD", "No class has that join code"),
        ("K7QM\x003XPA", "No class has that join code"),
        ("K7QM3XPA" * 10, "No class has that join code"),
        ("   ", "Enter the join code"),
    ],
)
def test_an_unknown_or_empty_code_is_refused_with_a_reason(code, message):
    ClassroomFactory()
    with pytest.raises(classes.JoinError, match=message):
        classes.join_classroom(student=UserFactory(), code=code)
    assert not Membership.objects.exists()


def test_staff_cannot_join_a_class():
    classroom = ClassroomFactory()
    with pytest.raises(classes.JoinError, match="Teachers and staff"):
        classes.join_classroom(student=TeacherFactory(), code=classroom.join_code)
    assert not Membership.objects.exists()


def test_removing_a_student_keeps_the_membership_and_their_results():
    membership = MembershipFactory()
    student = membership.student
    ReviewLogFactory(card__user=student)
    QuizAttemptFactory(user=student)

    classes.remove_student(classroom=membership.classroom, student=student, now=NOW)

    membership.refresh_from_db()
    assert membership.removed_at == NOW
    assert Card.objects.filter(user=student).count() == 1
    assert ReviewLog.objects.filter(card__user=student).count() == 1
    assert QuizAttempt.objects.filter(user=student).count() == 1


def test_sets_are_assigned_after_those_the_class_has_and_only_once():
    classroom = ClassroomFactory()
    first = AssignmentFactory(classroom=classroom, order=4)
    second, third = QuestionSetFactory.create_batch(2)

    created = classes.assign_sets(
        classroom=classroom, question_sets=[second, first.question_set, third, second]
    )

    assert [(a.question_set, a.order) for a in created] == [(second, 5), (third, 6)]
    assert classroom.assignments.count() == 3


def _studiable_set(**kwargs):
    return QuestionSetItemFactory(question_set=QuestionSetFactory(**kwargs)).question_set


def test_a_student_gets_the_sets_of_their_current_classes_in_order():
    student = UserFactory()
    history = MembershipFactory(student=student, classroom__name="B History").classroom
    art = MembershipFactory(student=student, classroom__name="A Art").classroom
    dropped = MembershipFactory(student=student, removed_at=NOW).classroom
    late, early, art_set = _studiable_set(), _studiable_set(), _studiable_set()
    classes.assign_sets(classroom=history, question_sets=[early, late])
    classes.assign_sets(classroom=art, question_sets=[art_set, late])
    classes.assign_sets(classroom=dropped, question_sets=[_studiable_set()])

    assignments = classes.assigned_sets(student=student)

    assert [(a.classroom, a.question_set) for a in assignments] == [
        (art, art_set),
        (art, late),
        (history, early),
    ]
    assert [c.name for c in classes.current_classrooms(student=student)] == ["A Art", "B History"]


def test_a_student_is_not_given_assigned_sets_they_cannot_study():
    membership = MembershipFactory()
    unpublished = _studiable_set(is_published=False)
    drafts_only = QuestionSetItemFactory(question__status=Question.Status.DRAFT).question_set
    classes.assign_sets(classroom=membership.classroom, question_sets=[unpublished, drafts_only])
    assert classes.assigned_sets(student=membership.student) == []
