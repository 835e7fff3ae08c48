"""PostgreSQL: a GIN index on the plain words of each entry (search_entry_words), for the
matches of a condition found rare by a probe (see congdoan/search/engine.py). Nothing
changes on SQLite."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from congdoan.search import fulltext

    schema_editor.execute(fulltext.CREATE_WORDS_GIN)
    fulltext.forget()


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from congdoan.search import fulltext

    schema_editor.execute(f"DROP INDEX IF EXISTS {fulltext.WORDS_GIN}")
    fulltext.forget()


class Migration(migrations.Migration):
    dependencies = [("search", "0005_entry_words")]

    operations = [migrations.RunPython(forwards, backwards)]
