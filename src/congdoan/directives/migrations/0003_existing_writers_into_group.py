"""Staff and admins who held their roles before the writers' group existed get it too
(handlers.roles_changed keeps it up to date from now on)."""

from django.db import migrations

WRITERS_GROUP = "Văn bản – cán bộ"


def add(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    UnitRole = apps.get_model("org", "UnitRole")
    group = Group.objects.filter(name=WRITERS_GROUP).first()
    if group is None:
        return
    users = UnitRole.objects.filter(role__in=["admin", "staff"]).values_list("user_id", flat=True)
    group.user_set.add(*set(users))


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0002_kinds_fields_and_writers_group"),
        ("org", "0003_unit_admin_group"),
    ]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
