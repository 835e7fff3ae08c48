"""Wagtail's first migrations create groups and a workflow with English names; the union's
staff read Vietnamese."""

from django.db import migrations

RENAMES = {"Editors": "Biên tập viên", "Moderators": "Kiểm duyệt viên"}
WORKFLOW = {"Moderators approval": "Duyệt bởi kiểm duyệt viên"}
TASK = {"Moderators approval": "Kiểm duyệt viên duyệt"}


def rename(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for old, new in RENAMES.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    Workflow = apps.get_model("wagtailcore", "Workflow")
    for old, new in WORKFLOW.items():
        Workflow.objects.filter(name=old).update(name=new)
    Task = apps.get_model("wagtailcore", "Task")
    for old, new in TASK.items():
        Task.objects.filter(name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]
    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
