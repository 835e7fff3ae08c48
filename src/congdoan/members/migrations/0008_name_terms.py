"""The name search reads a word index scoped by branch instead of the trigram index
(members/name_index.py says why). Each member gets `branch`, the id of the unit directly
under the root above their grassroots union; on PostgreSQL a GIN index on the words of the
name joined to the branch replaces the trigram index of migration 0002.

On a large database the UPDATE rewrites every member row and the index reads them all again
(12,2 million members: see bench/README.md for the times measured); run `VACUUM ANALYZE
members_member` afterwards to reclaim the old row versions."""

from django.db import migrations, models

STEP = 5  # org.Unit.steplen
# name_index.TERMS as it was written here; the search must use the same text.
TERMS = (
    "array_to_tsvector(array_remove(string_to_array(branch::text || ':' || "
    "replace(btrim(search_name), ' ', ' ' || branch::text || ':'), ' '), ''))"
)


def fill(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # First, so the UPDATE does not feed every row to the trigram index too.
        schema_editor.execute("DROP INDEX IF EXISTS members_search_name_trgm")
        schema_editor.execute(
            "UPDATE members_member AS m SET branch = top.id "
            "FROM org_unit AS unit JOIN org_unit AS top "
            f"ON top.path = substr(unit.path, 1, {2 * STEP}) "
            "WHERE unit.id = m.unit_id AND m.branch IS DISTINCT FROM top.id"
        )
        schema_editor.execute(
            f"CREATE INDEX members_name_terms ON members_member USING gin ({TERMS})"
        )
        schema_editor.execute("ANALYZE members_member")
    else:
        schema_editor.execute(
            "UPDATE members_member SET branch = (SELECT top.id FROM org_unit AS unit "
            f"JOIN org_unit AS top ON top.path = substr(unit.path, 1, {2 * STEP}) "
            "WHERE unit.id = members_member.unit_id)"
        )


def unfill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS members_name_terms")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        trigrams = cursor.fetchone() is not None
    if trigrams:  # as migration 0002 made it, where it could
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS members_search_name_trgm ON members_member "
            "USING gin (search_name gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0007_namesakes_without_cccd_index")]

    operations = [
        migrations.AddField(
            model_name="member",
            name="branch",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(fill, unfill),
    ]
