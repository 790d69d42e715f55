from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_teachers_group(apps, schema_editor):
    from learning.teachers import TEACHER_PERMISSIONS, TEACHERS_GROUP

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
    permissions = Permission.objects.filter(
        content_type__app_label="learning", codename__in=codenames
    )
    group.permissions.set(permissions)


def remove_teachers_group(apps, schema_editor):
    from learning.teachers import TEACHERS_GROUP

    apps.get_model("auth", "Group").objects.filter(name=TEACHERS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_teachers_group, remove_teachers_group)]
