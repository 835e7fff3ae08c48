"""PostgreSQL: the table of each entry's plain syllables and filter terms, kept in step by
triggers, filled from the entries already indexed (see congdoan/search/fulltext.py), and
ANALYZE's statistics of `terms` ten times larger. Nothing changes on SQLite."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from congdoan.search import fulltext

    for statement in fulltext.WORDS_SQL:
        schema_editor.execute(statement)
    schema_editor.execute(f"ANALYZE {fulltext.WORDS}")
    fulltext.forget()


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from congdoan.search import fulltext

    for statement in fulltext.WORDS_DROP:
        schema_editor.execute(statement)
    fulltext.forget()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_rum_index")]

    operations = [migrations.RunPython(forwards, backwards)]
