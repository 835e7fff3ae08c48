"""PostgreSQL: the GIN index of 0006 goes. It served a "probe" (walk the newest rows, then a
bitmap of this index or RUM for the older ones), which measured at a million items cost more
than it saved: p95 of every group 97–112 ms with it, 67 ms without (bench/README.md).
Nothing changes on SQLite."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from congdoan.search import fulltext

    schema_editor.execute(f"DROP INDEX IF EXISTS {fulltext.WORDS_GIN}")
    fulltext.forget()


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from congdoan.search import fulltext

    schema_editor.execute(fulltext.CREATE_WORDS_GIN)
    fulltext.forget()


class Migration(migrations.Migration):
    dependencies = [("search", "0006_entry_words_gin")]

    operations = [migrations.RunPython(forwards, backwards)]
