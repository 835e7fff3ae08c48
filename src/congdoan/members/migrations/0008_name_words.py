"""On PostgreSQL, the word index scoped by province (members/name_words.py) replaces the
trigram index of 0002: a search in one province of a 12-million-member country read the
whole country's trigrams (0,8–1,5 s). Filling it reads every member once; on ten million
members, count some minutes."""

from django.db import migrations

from congdoan.members import name_words

TRIGRAMS = (
    "CREATE INDEX IF NOT EXISTS members_search_name_trgm ON members_member "
    "USING gin (search_name gin_trgm_ops)"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in name_words.CREATE:
        schema_editor.execute(statement)
    schema_editor.execute("DROP INDEX IF EXISTS members_search_name_trgm")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in name_words.DROP:
        schema_editor.execute(statement)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone():
            schema_editor.execute(TRIGRAMS)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0007_namesakes_without_cccd_index"),
        ("org", "0003_unit_admin_group"),
    ]

    operations = [migrations.RunPython(create, drop)]
