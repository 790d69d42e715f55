"""Teachers: the group whose members curate questions in the admin."""

from django.contrib.auth.models import AbstractBaseUser, Group

TEACHERS_GROUP = "Teachers"

# The model permissions a teacher needs, given to the group by the data migrations
# (see sync_teachers_group). Teachers never delete questions (they retire them) nor
# edit imported content; they manage their own classes (the admin limits them to those).
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
    "historicalquestion": ("view",),
    "classroom": ("view", "add", "change", "delete"),
    "membership": ("view", "add", "change"),
    "assignment": ("view", "add", "change", "delete"),
}


def sync_teachers_group(apps) -> None:
    """Create the Teachers group with exactly TEACHER_PERMISSIONS (for data migrations)."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=TEACHERS_GROUP)
    codenames = [
        f"{action}_{model}" for model, actions in TEACHER_PERMISSIONS.items() for action in actions
    ]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="learning", codename__in=codenames)
    )


def add_to_teachers(*, user: AbstractBaseUser) -> None:
    group = Group.objects.get(name=TEACHERS_GROUP)
    user.groups.add(group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
