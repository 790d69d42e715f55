import pytest
from django.contrib.auth.models import AnonymousUser

from learning.teaching.permissions import is_teacher, visible_classrooms, visible_students
from tests.factories import ClassroomFactory, MembershipFactory, TeacherFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_only_staff_in_the_teachers_group_and_superusers_are_teachers():
    assert is_teacher(TeacherFactory())
    assert is_teacher(UserFactory(is_staff=True, is_superuser=True))
    assert not is_teacher(UserFactory())
    assert not is_teacher(UserFactory(is_staff=True))
    assert not is_teacher(AnonymousUser())


def test_a_teacher_sees_only_their_own_classes():
    mine, _theirs = ClassroomFactory(), ClassroomFactory()
    assert list(visible_classrooms(user=mine.teacher)) == [mine]
    assert visible_classrooms(user=UserFactory(is_superuser=True)).count() == 2


def test_a_teacher_sees_only_the_students_of_their_classes_even_once_removed():
    mine = MembershipFactory()
    removed = MembershipFactory(classroom=mine.classroom, removed_at="2026-01-01T00:00Z")
    MembershipFactory()
    teacher = mine.classroom.teacher
    assert set(visible_students(user=teacher)) == {mine.student, removed.student}
    assert visible_students(user=UserFactory(is_staff=True, is_superuser=True)).count() == 3


def test_teachers_cannot_delete_a_class_or_a_question():
    teacher = TeacherFactory()
    assert teacher.has_perm("learning.change_classroom")
    assert not teacher.has_perm("learning.delete_classroom")
    assert not teacher.has_perm("learning.delete_question")
