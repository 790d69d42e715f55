"""Teachers: the group whose members curate questions in the admin."""

from django.contrib.auth.models import AbstractBaseUser, Group

TEACHERS_GROUP = "Teachers"

# The model permissions a teacher needs, created by the data migration
# learning/migrations/0002_teachers_group.py. Teachers never delete questions
# (they retire them) nor edit imported content.
TEACHER_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "source": ("view",),
    "section": ("view",),
    "sentence": ("view",),
    "entity": ("view",),
    "fact": ("view",),
    "question": ("view", "add", "change"),
    "questionset": ("view", "add", "change", "delete"),
    "questionsetitem": ("view", "add", "change", "delete"),
    "flag": ("view", "change"),
    "card": ("view",),
    "reviewlog": ("view",),
    "quizattempt": ("view",),
    "quizresponse": ("view",),
}


def add_to_teachers(*, user: AbstractBaseUser) -> None:
    group = Group.objects.get(name=TEACHERS_GROUP)
    user.groups.add(group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
