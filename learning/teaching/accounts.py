"""Services for user accounts: the demo teacher and student that `make run` creates."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from learning.teaching.permissions import add_to_teachers

DEMO_TEACHER = "teacher"
DEMO_STUDENT = "student"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    # Only known when the account was created by this call.
    password: str | None


@transaction.atomic
def create_demo_accounts(*, password: str | None = None) -> list[DemoAccount]:
    """Create the demo teacher and student if missing; never touch existing accounts."""
    User = get_user_model()
    accounts = []
    # Named as people sign up: the gradebook shows the student's name.
    for username, is_staff, first, last in (
        (DEMO_TEACHER, True, "Demo", "Teacher"),
        (DEMO_STUDENT, False, "Demo", "Student"),
    ):
        if User.objects.filter(username=username).exists():
            accounts.append(DemoAccount(username=username, password=None))
            continue
        new_password = password or secrets.token_urlsafe(9)
        user = User.objects.create_user(
            username=username,
            password=new_password,
            is_staff=is_staff,
            first_name=first,
            last_name=last,
        )
        if is_staff:
            add_to_teachers(user=user)
        accounts.append(DemoAccount(username=username, password=new_password))
    return accounts
