import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_it_creates_a_teacher_and_a_student_and_prints_their_passwords(capsys):
    call_command("create_demo_accounts")
    out = capsys.readouterr().out
    users = get_user_model().objects
    teacher, student = users.get(username="teacher"), users.get(username="student")
    assert teacher.is_staff and teacher.groups.filter(name="Teachers").exists()
    assert not student.is_staff
    for line in out.splitlines():
        password = line.rsplit("'", 2)[1]
        username = line.split("'")[1]
        assert users.get(username=username).check_password(password)


def test_running_it_twice_creates_nothing_new_and_keeps_passwords(capsys):
    call_command("create_demo_accounts", password="first-pass-phrase")
    call_command("create_demo_accounts")
    assert get_user_model().objects.count() == 2
    assert get_user_model().objects.get(username="student").check_password("first-pass-phrase")
    assert "exists" in capsys.readouterr().out
