"""Sections' editors' groups lose Wagtail's "publish" page permission: under the editorial
office only chiefs publish, unpublish, schedule and cancel a schedule (their groups keep it).
The groups themselves are made at run time by news.permissions.section_groups."""

from django.db import migrations

EDITORS_PREFIX = "Biên tập – "  # news.permissions.GROUP_NAMES["editors"] before the code


def editors_grants(apps, codename):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    return GroupPagePermission.objects.filter(
        group__name__startswith=EDITORS_PREFIX,
        permission__content_type__app_label="wagtailcore",
        permission__codename=codename,
    )


def take_publishing_away(apps, schema_editor):
    editors_grants(apps, "publish_page").delete()


def give_publishing_back(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Permission = apps.get_model("auth", "Permission")
    publish = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename="publish_page"
    ).first()
    if publish is None:
        return
    for group_id, page_id in editors_grants(apps, "change_page").values_list("group", "page"):
        GroupPagePermission.objects.get_or_create(
            group_id=group_id, page_id=page_id, permission=publish
        )


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_sanitized_html_block"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(take_publishing_away, give_publishing_back)]
