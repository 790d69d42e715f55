"""Who may see or change what: the one place the admin, the views and the exports ask.

Teachers are staff in the Teachers group. The question bank is shared: every teacher
reads and curates every question and flag. Classes, the students in them and the sets a
teacher builds are theirs alone. Superusers see and change everything.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db.models import Q, QuerySet

from learning.models import Classroom, Flag, Question, QuestionSet

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


def visible_questions(*, user: AbstractBaseUser) -> QuerySet[Question]:
    """The questions a teacher may see and curate: the whole shared bank."""
    return Question.objects.all()


def visible_flags(*, user: AbstractBaseUser) -> QuerySet[Flag]:
    """Students' reports a teacher may read and resolve: all, like the questions they name."""
    return Flag.objects.all()


def visible_sets(*, user: AbstractBaseUser) -> QuerySet[QuestionSet]:
    """The sets a teacher may see: their own and the generated ones (a superuser: all)."""
    question_sets = QuestionSet.objects.all()
    if user.is_superuser:
        return question_sets
    return question_sets.filter(Q(owner=user) | Q(owner=None))


def changeable_sets(*, user: AbstractBaseUser) -> QuerySet[QuestionSet]:
    """The sets a teacher may change or delete: their own (a superuser: all)."""
    question_sets = QuestionSet.objects.all()
    return question_sets if user.is_superuser else question_sets.filter(owner=user)


def can_change_set(*, user: AbstractBaseUser, question_set: QuestionSet | None) -> bool:
    """Whether the teacher may change the set; None asks about sets in general (add, list)."""
    return question_set is None or user.is_superuser or question_set.owner_id == user.pk


def sets_to_add_questions_to(*, user: AbstractBaseUser) -> QuerySet[QuestionSet]:
    """The sets a person may add questions to: their own (a superuser: all hand-made ones).

    Generated sets (a source and no owner) are left out even for superusers: the next
    generation would undo hand-made changes to them.
    """
    return changeable_sets(user=user).exclude(owner=None, source__isnull=False)


def assignable_sets(*, user: AbstractBaseUser) -> QuerySet[QuestionSet]:
    """The sets a teacher may assign to a class: published ones they may see."""
    return visible_sets(user=user).filter(is_published=True)


def exportable_sets(*, user: AbstractBaseUser) -> QuerySet[QuestionSet]:
    """The sets a teacher may export: published ones and their own (a superuser: all)."""
    question_sets = QuestionSet.objects.all()
    if user.is_superuser:
        return question_sets
    return question_sets.filter(Q(is_published=True) | Q(owner=user))
