"""The name search's index on PostgreSQL: the words of each name joined to the member's
branch.

A trigram index on the whole table answered "nguyen van hung" in one province of a
12-million-member country in 0,8–1,5 s: the trigrams of common names ("ngu", "van") have
posting lists of millions of rows, all read before the province is looked at
(bench/README.md). Here a GIN index holds, for every member, each word of the folded name
joined to the member's branch ("1234:nguyen"), the branch being the id of the unit directly
under the root above their grassroots union (the province or city federation, or a national
industry union). A search by someone whose units lie in one branch reads only that branch's
posting lists; a search over the whole country asks each branch in turn (a few dozen), which
reads as much as plain words would, without indexing every word twice.

Each word of the query is a whole word of the name, except the last, which may be the start of
one (`:*`), as a list searched while typing expects ("nguyen van h"). Had every word been a
prefix, GIN would gather every member of a common word ("nguyen": 630.000 in Hồ Chí Minh City)
into a bitmap before intersecting: 100–175 ms there, against 25–35 ms so (bench/README.md).

The terms are computed by the index from two columns of the row (`search_name`, `branch`),
with built-in functions only: nothing per row in Python or PL/pgSQL, no trigger, no side
table. `Member.save()` sets the branch, the bulk writers put it in their rows, and a unit
moved to another branch carries its members along (`unit_moved`, below).
"""

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from congdoan.org.models import Unit, in_subtree

INDEX = "members_name_terms"
BRANCH_DEPTH = 2
# The index's expression. Migration 0008 creates the index with this text (as it was then);
# test_name_search checks that the search's plan uses it.
TERMS = (
    "array_to_tsvector(array_remove(string_to_array({t}branch::text || ':' || "
    "replace(btrim({t}search_name), ' ', ' ' || {t}branch::text || ':'), ' '), ''))"
)


def branch_path(path):
    """The path of the branch's unit above the unit at `path` (itself near the root)."""
    return path[: BRANCH_DEPTH * Unit.steplen]


def branch_of(unit):
    """The branch of a unit: the id of its ancestor directly under the root, or its own."""
    top = branch_path(unit.path)
    if top == unit.path:
        return unit.pk
    return Unit.objects.filter(path=top).values_list("pk", flat=True).get()


def branch_units(cursor, unit_id):
    """{unit id: branch} for `unit_id` and every unit of its branch, in two reads on a DB-API
    `cursor` (the bulk writers call it once per branch, not once per unit)."""
    cursor.execute("SELECT path FROM org_unit WHERE id = %s", [unit_id])
    row = cursor.fetchone()
    if row is None:
        return {}
    path = row[0]
    top = branch_path(path)
    if len(top) < BRANCH_DEPTH * Unit.steplen:
        return {unit_id: unit_id}  # a root is its own branch, its children have theirs
    # Paths hold only the letters and digits of treebeard's alphabet: no LIKE wildcard.
    cursor.execute("SELECT id, path FROM org_unit WHERE path LIKE %s", [top + "%"])
    rows = cursor.fetchall()
    branch = next(pk for pk, unit_path in rows if unit_path == top)
    return {pk: branch for pk, _unit_path in rows}


def available():
    return connection.vendor == "postgresql"


def _quoted(term):
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsqueries(words, within=None):
    """One tsquery text per branch of the unit paths `within` (None: every branch), finding
    the members of that branch whose name has each of `words` (folded) as a word, the last
    one as the start of a word. The paths only choose the posting lists to read: the caller
    limits the members to those paths itself."""
    units = Unit.objects.filter(depth__lte=BRANCH_DEPTH)
    if within is not None:
        condition = Q(pk__in=[])
        for path in within:
            if len(path) >= BRANCH_DEPTH * Unit.steplen:
                condition |= Q(path=branch_path(path))
            else:  # a root: itself and every branch below it
                condition |= Q(path__startswith=path)
        units = units.filter(condition)
    *whole, last = words
    return [
        " & ".join([*(_quoted(f"{b}:{word}") for word in whole), _quoted(f"{b}:{last}") + ":*"])
        for b in sorted(units.values_list("pk", flat=True))
    ]


def matching(words, within=None):
    """A filter for Member querysets: the index's terms match one of `tsqueries(words,
    within)`. One condition per branch, joined by OR, not one tsquery joined by "|": the
    planner then scans the index once per branch (a BitmapOr), and each scan skips through
    the posting lists of its words; a single query of alternatives has no word every match
    must have, so GIN would read every listed member of every word (4,3 s for the whole
    country of 12,2 million members, against 0,4 s so)."""
    queries = tsqueries(words, within)
    if not queries:
        return Q(pk__in=[])
    terms = TERMS.format(t='"members_member".')
    # The words go in as parameters; the SQL text is constant.
    return RawSQL(  # noqa: S611
        "(" + " OR ".join([f"{terms} @@ %s::tsquery"] * len(queries)) + ")",
        queries,
        output_field=BooleanField(),
    )


def unit_moved(sender=None, unit=None, **kwargs):
    """The members below a moved unit take its new branch (one UPDATE, in the move's
    transaction): a unit moved within its branch changes nothing."""
    from .models import Member

    branch = branch_of(unit)
    moved = Unit.objects.filter(in_subtree(unit.path)).values("pk")
    Member.objects.filter(unit__in=moved).exclude(branch=branch).update(branch=branch)
