"""The group that lets unit administrators into the Wagtail admin (see services.grant_role).

A migration rather than a post_migrate handler: test flushes re-run post_migrate, and a group
created there clashed with the one restored from the serialized test database.
"""

from django.db import migrations

UNIT_ADMIN_GROUP = "Quản trị đơn vị"


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=UNIT_ADMIN_GROUP)
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access is not None:
        group.permissions.add(access)


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0002_default_levels_and_kinds"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
