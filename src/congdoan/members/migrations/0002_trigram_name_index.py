"""On PostgreSQL, a trigram index on the folded name, so "hung" finds "Nguyễn Văn Hùng" in a
province of hundreds of thousands of members without reading them all. It needs the pg_trgm
extension; where the database user may not create it, the migration goes on without the
index (searches stay correct, only slower) and says so."""

import sys

from django.db import migrations, transaction


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                "CREATE INDEX IF NOT EXISTS members_search_name_trgm ON members_member "
                "USING gin (search_name gin_trgm_ops)"
            )
    except Exception as error:  # no privilege for the extension: search works, unindexed
        sys.stderr.write(f"members: trigram index not created ({error}).\n")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS members_search_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
