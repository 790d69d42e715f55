from django.db import migrations


def sync_teachers_group(apps, schema_editor):
    from learning.teaching.permissions import sync_teachers_group

    sync_teachers_group(apps)


class Migration(migrations.Migration):
    dependencies = [("learning", "0004_teachers_manage_classes")]

    operations = [migrations.RunPython(sync_teachers_group, migrations.RunPython.noop)]
