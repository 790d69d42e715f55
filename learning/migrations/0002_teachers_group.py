from django.db import migrations


def create_teachers_group(apps, schema_editor):
    from learning.teaching.permissions import sync_teachers_group

    sync_teachers_group(apps)


def remove_teachers_group(apps, schema_editor):
    from learning.teaching.permissions import TEACHERS_GROUP

    apps.get_model("auth", "Group").objects.filter(name=TEACHERS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_teachers_group, remove_teachers_group)]
