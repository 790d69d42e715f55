"""Teachers: the group whose members curate questions in the admin."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from learning.models import Classroom

TEACHERS_GROUP = "Teachers"

# The model permissions a teacher needs, given to the group by the data migrations
# (see sync_teachers_group). Teachers never delete questions (they retire them) nor
# edit imported content; they manage their own classes (the admin limits them to those)
# but never delete one, which would cut them off from its students' past results.
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
    "classroom": ("view", "add", "change"),
    "membership": ("view", "add", "change"),
    "assignment": ("view", "add", "change", "delete"),
}


def sync_teachers_group(apps) -> None:
    """Create the Teachers group with exactly TEACHER_PERMISSIONS (for data migrations)."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; make sure they exist now.
    # create_permissions skips apps without a models module, which a migration's
    # historical app configs lack: lend them one, then put back what was there.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module

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


def is_teacher(user: AbstractBaseUser) -> bool:
    """Superusers, and staff in the Teachers group."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=TEACHERS_GROUP).exists()


def teacher_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Log in first; then only teachers (403 for students)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_teacher(request.user):
            raise PermissionDenied("Only teachers can open this page.")
        return view(request, *args, **kwargs)

    return wrapper


def visible_classrooms(*, user: AbstractBaseUser) -> QuerySet[Classroom]:
    """The classes a teacher may see and change: their own (a superuser: all)."""
    classrooms = Classroom.objects.all()
    return classrooms if user.is_superuser else classrooms.filter(teacher=user)


def visible_students(*, user: AbstractBaseUser) -> QuerySet:
    """Students whose results a teacher may see: members, past or present, of their classes."""
    students = get_user_model().objects.filter(is_staff=False)
    if user.is_superuser:
        return students
    return students.filter(memberships__classroom__teacher=user).distinct()
