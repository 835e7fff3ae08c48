"""PostgreSQL's full-text index of the entries: RUM when the server has the extension, else GIN.

A GIN index gives the matches of a query in the order of their place in the table (TID), so
"the newest matches first, stop after a page" reads every match and sorts them. The RUM index
(extension `rum`, Debian package postgresql-NN-rum, see scripts/ensure-rum.sh) stores each
entry's sort key beside every term (`rum_tsvector_addon_ops`, attached column `id`) and
answers `ORDER BY id <=| <bound> LIMIT n` itself, without reading the rows of the matches it
does not return. A national deployment may or may not have the extension, or the right to
create it: the migration and a full `reindex` make RUM when they can and keep GIN otherwise,
and the engine asks which one exists (`kind()`) to choose the shape of its queries.

The `terms` column is stored MAIN (compressed, kept in the row) instead of EXTENDED: an
entry's tsvector (about 300 terms, 2,3 KB) is just over the TOAST threshold, and reading it
from the TOAST table cost four page reads per row for every match a query checks.

Beside it, the table `search_entry_words` holds each entry's key and only its plain syllables
and filter terms (`words`: no pairs, no `t:` or `a:` terms), kept in step by triggers. Its rows
are a fifth of an entry's and lie in key order, so walking the newest entries and checking a
condition of plain syllables and filters reads five to ten times fewer pages than walking the
entries themselves: at a million items, "tháng tập hợp" (1,8 % of the rows, so the newest
55.000 rows walked for a window of 1.001) no longer reads 3,8 GB of scattered rows.
"""

from django.db import DatabaseError, transaction
from django.db import connection as default_connection

TABLE = "search_searchentry"
GIN = "search_entry_terms_gin"
RUM = "search_entry_terms_rum"

_CREATE = {
    "gin": f"CREATE INDEX IF NOT EXISTS {GIN} ON {TABLE} USING gin (terms)",
    "rum": (
        f"CREATE INDEX IF NOT EXISTS {RUM} ON {TABLE} "
        "USING rum (terms rum_tsvector_addon_ops, id) WITH (attach = 'id', to = 'terms')"
    ),
}
_cache = {}

WORDS = "search_entry_words"
# The terms kept in `words`: a syllable, or a filter (kind, category, unit).
_WORDS_OF = (
    "array_to_tsvector(ARRAY(SELECT t FROM unnest(tsvector_to_array({})) AS t "
    "WHERE t !~ '[_:]' OR t ~ '^[kcu]:'))"
)
WORDS_SQL = [
    f"CREATE TABLE IF NOT EXISTS {WORDS} (id bigint PRIMARY KEY, words tsvector NOT NULL)",
    f"""CREATE OR REPLACE FUNCTION {WORDS}_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE {WORDS};
            RETURN NULL;
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            DELETE FROM {WORDS} WHERE id = OLD.id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO {WORDS} (id, words) VALUES (NEW.id, {_WORDS_OF.format("NEW.terms")});
        END IF;
        RETURN NULL;
    END $$""",  # noqa: S608
    f"DROP TRIGGER IF EXISTS {WORDS}_rows ON {TABLE}",
    f"CREATE TRIGGER {WORDS}_rows AFTER INSERT OR UPDATE OR DELETE ON {TABLE} "
    f"FOR EACH ROW EXECUTE FUNCTION {WORDS}_sync()",
    f"DROP TRIGGER IF EXISTS {WORDS}_truncate ON {TABLE}",
    f"CREATE TRIGGER {WORDS}_truncate AFTER TRUNCATE ON {TABLE} "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {WORDS}_sync()",
    # Entries already there, in key order: the walk reads neighbouring rows from one page.
    f"INSERT INTO {WORDS} (id, words) SELECT id, {_WORDS_OF.format('terms')} FROM {TABLE} "  # noqa: S608
    "ORDER BY id ON CONFLICT (id) DO NOTHING",
    # Ten times the default: 10.000 terms in ANALYZE's statistics instead of 1.000, so a
    # category (5 %) or a syllable at 6 % is no longer lumped under a floor of 3,1 %.
    f"ALTER TABLE {TABLE} ALTER COLUMN terms SET STATISTICS 1000",
]
WORDS_DROP = [
    f"DROP TRIGGER IF EXISTS {WORDS}_rows ON {TABLE}",
    f"DROP TRIGGER IF EXISTS {WORDS}_truncate ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {WORDS}_sync()",
    f"DROP TABLE IF EXISTS {WORDS}",
    f"ALTER TABLE {TABLE} ALTER COLUMN terms SET STATISTICS -1",
]


def word_term(term):
    """Whether `term` is kept in `search_entry_words` (the SQL of _WORDS_OF, in Python)."""
    return (":" not in term and "_" not in term) or term[:2] in ("k:", "c:", "u:")


def has_words(connection=default_connection):
    """Whether the table of plain words exists (migration 0005), cached like `kind`."""
    if not _is_postgresql(connection):
        return False

    def exists():
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [WORDS])
            return cursor.fetchone()[0]

    return _cached(connection, "words", exists)


def _cached(connection, what, compute):
    """`compute()` once per database until `forget()`."""
    key = (what, connection.alias, connection.settings_dict.get("NAME"))
    if key not in _cache:
        _cache[key] = compute()
    return _cache[key]


def _is_postgresql(connection):
    return connection.vendor == "postgresql"


def rum_available(connection=default_connection):
    """Whether the RUM extension is installed in the database, or can be: created here when
    the server has it and the role may (in a savepoint, so a refusal changes nothing)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'rum'")
        if cursor.fetchone():
            return True
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if not cursor.fetchone():
            return False
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
        except DatabaseError:  # no right to create it: keep GIN
            return False
    return True


def existing(connection=default_connection):
    """The names of the full-text indexes the table has now."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname IN (%s, %s)",
            [TABLE, GIN, RUM],
        )
        return {row[0] for row in cursor.fetchall()}


def kind(connection=default_connection):
    """'rum', 'gin' (or None without either, or off PostgreSQL), cached per database: the
    index is made by a migration or a full reindex, which call `forget()`."""
    if not _is_postgresql(connection):
        return None

    def best():
        names = existing(connection)
        return "rum" if RUM in names else "gin" if GIN in names else None

    return _cached(connection, "kind", best)


def forget():
    _cache.clear()


def drop(connection=default_connection):
    """Take the full-text indexes away (before loading many rows; `create` after)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {RUM}")
        cursor.execute(f"DROP INDEX IF EXISTS {GIN}")
    forget()


def create(connection=default_connection):
    """Make the best full-text index this server allows and drop the other; store terms in
    the row. Returns 'rum' or 'gin'."""
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN terms SET STORAGE MAIN")
        chosen = "rum" if rum_available(connection) else "gin"
        # A big build: give it the memory a GIN/RUM build profits from, for this transaction.
        with transaction.atomic(using=connection.alias):
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cursor.execute(_CREATE[chosen])
        cursor.execute(f"DROP INDEX IF EXISTS {GIN if chosen == 'rum' else RUM}")
    forget()
    return chosen
