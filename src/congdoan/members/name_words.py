"""Name search on PostgreSQL through a word index scoped by province.

A trigram index on the whole table answered "nguyen van hung" in one province of a
12-million-member country in 0,8–1,5 s: the trigrams of common names ("ngu", "van") have
posting lists of millions of rows, all read before the province is looked at
(bench/README.md). Here each member has one row in `members_name_words` (the folded name and
the union's path) and a GIN index on its terms: for every word of the name, each of its
prefixes ("n", "ng", … "nguyen") twice, as it is and joined to the member's province
("00002:nguyen", the second step of the unit's path). Every unit below the province adds a scope term ("@" and its path). A search in a
province then reads only that province's posting lists ("00002:nguyen" & "00002:van" &
"00002:hung"), a search in a district adds its scope term, and a search in the whole
country reads the plain prefixes. Exact terms only: a prefix query (":*") would gather
every matching term into a bitmap first, which costs as much as the trigrams did.

The table is kept by statement-level triggers on `members_member` (insert, update, delete,
truncate: one set-based statement per COPY or bulk write, not one per row) and on
`org_unit` (a unit moved to another province or district changes its members' terms).
SQLite has none of this: a district's members are few, and `search_members` filters with
LIKE there, as everywhere when the table is missing.
"""

from django.db import connection

TABLE = "members_name_words"
STEP = 5  # org.Unit.steplen
# The terms of one member: every prefix of every word, plain and in its province, and the
# scope of every unit between the province and the member's union.
_TERMS = f"""
CREATE OR REPLACE FUNCTION {TABLE}_terms(name text, path text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_to_tsvector(ARRAY(
        SELECT DISTINCT term FROM unnest(string_to_array(name, ' ')) AS word,
            generate_series(1, length(word)) AS size,
            LATERAL (VALUES (substr(word, 1, size)),
                            (substr(path, {STEP + 1}, {STEP}) || ':' || substr(word, 1, size)))
                AS terms(term)
        WHERE word <> ''
        UNION
        SELECT '@' || substr(path, 1, depth * {STEP})
        FROM generate_series(3, length(path) / {STEP}) AS depth
    ))
$$"""  # noqa: S608 - constants only
_SYNC = f"""
CREATE OR REPLACE FUNCTION {TABLE}_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE {TABLE};
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        DELETE FROM {TABLE} WHERE member_id IN (SELECT id FROM gone);
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO {TABLE} (member_id, name, path)
        SELECT added.id, added.search_name, unit.path
        FROM added JOIN org_unit AS unit ON unit.id = added.unit_id
        ON CONFLICT (member_id) DO UPDATE SET name = EXCLUDED.name, path = EXCLUDED.path;
        RETURN NULL;
    END IF;
    UPDATE {TABLE} SET name = added.search_name, path = unit.path
    FROM added JOIN gone ON gone.id = added.id JOIN org_unit AS unit ON unit.id = added.unit_id
    WHERE {TABLE}.member_id = added.id
      AND (gone.search_name, gone.unit_id) IS DISTINCT FROM (added.search_name, added.unit_id);
    RETURN NULL;
END $$"""  # noqa: S608 - constants only
_MOVED = f"""
CREATE OR REPLACE FUNCTION {TABLE}_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {TABLE} SET path = added.path
    FROM added JOIN gone ON gone.id = added.id
        JOIN members_member AS member ON member.unit_id = added.id
    WHERE gone.path <> added.path AND {TABLE}.member_id = member.id;
    RETURN NULL;
END $$"""  # noqa: S608 - constants only
_TRIGGERS = {
    "insert": "AFTER INSERT ON members_member REFERENCING NEW TABLE AS added",
    "update": "AFTER UPDATE ON members_member REFERENCING OLD TABLE AS gone NEW TABLE AS added",
    "delete": "AFTER DELETE ON members_member REFERENCING OLD TABLE AS gone",
    "truncate": "AFTER TRUNCATE ON members_member",
}
CREATE = [
    # The terms are not stored (about 300 bytes a member): the index computes them.
    f"CREATE TABLE IF NOT EXISTS {TABLE} "
    "(member_id bigint PRIMARY KEY, name text NOT NULL, path text NOT NULL)",
    _TERMS,
    _SYNC,
    _MOVED,
    *(
        f"CREATE TRIGGER {TABLE}_{name} {event} FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_sync()"
        for name, event in _TRIGGERS.items()
    ),
    f"CREATE TRIGGER {TABLE}_moved AFTER UPDATE ON org_unit "
    f"REFERENCING OLD TABLE AS gone NEW TABLE AS added "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_moved()",
    # Members already there (one pass; a province's members are neighbours in the table).
    f"INSERT INTO {TABLE} (member_id, name, path) "  # noqa: S608
    "SELECT member.id, member.search_name, unit.path "
    "FROM members_member AS member JOIN org_unit AS unit ON unit.id = member.unit_id "
    "ORDER BY member.id ON CONFLICT (member_id) DO NOTHING",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_terms ON {TABLE} USING gin ({TABLE}_terms(name, path))",
    f"ANALYZE {TABLE}",
]
DROP = [
    *(f"DROP TRIGGER IF EXISTS {TABLE}_{name} ON members_member" for name in _TRIGGERS),
    f"DROP TRIGGER IF EXISTS {TABLE}_moved ON org_unit",
    f"DROP FUNCTION IF EXISTS {TABLE}_sync()",
    f"DROP FUNCTION IF EXISTS {TABLE}_moved()",
    f"DROP FUNCTION IF EXISTS {TABLE}_terms(text, text)",
    f"DROP TABLE IF EXISTS {TABLE}",
]

_available = {}


def available():
    """Whether this database has the table (PostgreSQL, migrated): once per connection
    settings, as the answer does not change while the process runs."""
    key = connection.settings_dict["NAME"]
    if key not in _available:
        _available[key] = (
            connection.vendor == "postgresql"
            and TABLE in connection.introspection.table_names(include_views=False)
        )
    return _available[key]


def _quoted(term):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


# What search_members filters by: the members whose terms match a tsquery.
MATCHING = f"SELECT member_id FROM {TABLE} WHERE {TABLE}_terms(name, path) @@ %s::tsquery"  # noqa: S608


def tsquery(words, within=None):
    """The tsquery text finding members whose name has a word starting with each of `words`
    (folded), in one of the subtrees whose unit paths are `within` (None: anywhere)."""
    scopes = []
    for path in within or [None]:
        if path is None or len(path) < 2 * STEP:
            terms = [_quoted(word) for word in words]
        else:
            province = path[STEP : 2 * STEP]
            terms = [_quoted(f"{province}:{word}") for word in words]
            if len(path) > 2 * STEP:
                terms.append(_quoted("@" + path))
        scopes.append("(" + " & ".join(terms) + ")")
    return " | ".join(scopes)
