"""The full-text structures of each database, which Django's schema editor does not describe:
a GIN index on the tsvector of terms on PostgreSQL, an FTS5 table on SQLite kept in step
with the entries by triggers."""

from django.db import migrations

SQLITE = [
    (
        "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
        "terms, tokenize = \"unicode61 tokenchars '_:'\", detail = none)",
        "DROP TABLE IF EXISTS search_fts",
    ),
    # Triggers keep the FTS table in step with the entries whatever deletes them: the
    # index's own code, a cascade, or the DELETE FROM of a test database flush.
    (
        "CREATE TRIGGER IF NOT EXISTS search_entry_ai AFTER INSERT ON search_searchentry "
        "BEGIN INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
        "DROP TRIGGER IF EXISTS search_entry_ai",
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS search_entry_ad AFTER DELETE ON search_searchentry "
        "BEGIN DELETE FROM search_fts WHERE rowid = old.id; END",
        "DROP TRIGGER IF EXISTS search_entry_ad",
    ),
    (
        "CREATE TRIGGER IF NOT EXISTS search_entry_au AFTER UPDATE ON search_searchentry "
        "BEGIN DELETE FROM search_fts WHERE rowid = old.id; "
        "INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END",
        "DROP TRIGGER IF EXISTS search_entry_au",
    ),
]
POSTGRESQL = [
    (
        "CREATE INDEX IF NOT EXISTS search_entry_terms_gin ON search_searchentry "
        "USING gin (terms)",
        "DROP INDEX IF EXISTS search_entry_terms_gin",
    ),
]


def _run(apps, schema_editor, reverse=False):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(schema_editor.connection.vendor)
    for forward, backward in statements or []:
        schema_editor.execute(backward if reverse else forward)


def forwards(apps, schema_editor):
    _run(apps, schema_editor)


def backwards(apps, schema_editor):
    _run(apps, schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
