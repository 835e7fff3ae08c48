"""Editors see the search statistics; moderators also choose promoted results."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Biên tập viên": [("search", "view_querystat")],
    "Kiểm duyệt viên": [
        ("search", "view_querystat"),
        ("wagtailsearchpromotions", "add_searchpromotion"),
        ("wagtailsearchpromotions", "change_searchpromotion"),
        ("wagtailsearchpromotions", "delete_searchpromotion"),
    ],
}


def grant(apps, schema_editor):
    from django.apps import apps as global_apps

    for label in ("search", "wagtailsearchpromotions"):
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, codename in codenames:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_backend_indexes"),
        ("core", "0001_vietnamese_wagtail_defaults"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
