"""PostgreSQL: the RUM index (newest matches first) when the server has the extension and the
role may create it, else the GIN index of 0002 stays; terms stored in the row (see
congdoan/search/fulltext.py). Nothing changes on SQLite."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from congdoan.search import fulltext

    fulltext.create(schema_editor.connection)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from congdoan.search import fulltext

    schema_editor.execute(f"DROP INDEX IF EXISTS {fulltext.RUM}")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {fulltext.GIN} ON {fulltext.TABLE} USING gin (terms)"
    )
    schema_editor.execute(f"ALTER TABLE {fulltext.TABLE} ALTER COLUMN terms SET STORAGE EXTENDED")
    fulltext.forget()


class Migration(migrations.Migration):
    dependencies = [("search", "0003_editor_permissions")]

    operations = [migrations.RunPython(forwards, backwards)]
