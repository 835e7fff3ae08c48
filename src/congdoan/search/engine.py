"""Answering a query, the same way on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

Ranking is a score made of a few yes/no features, then recency:

    8  every syllable typed with diacritics is found with exactly those diacritics
    4  the query's syllables stand next to each other in the title
    2  ... next to each other anywhere
    1  every syllable is in the title

Both databases answer "does this entry hold these terms", so both rank identically. The
newest matches are read with their features; a score level with too few items among them is
rare, and only its older items are looked up in the full-text index (see `rank`). A
query found in most items ("công đoàn") thus reads a few hundred entries, not a million.
"""

from dataclasses import dataclass, field
from itertools import product

from django.db import connection, transaction

from .models import SearchEntry

MAX_RESULTS = 1000  # 50 pages of 20
COUNT_CAP = MAX_RESULTS  # beyond it, "more than 1.000 results"
WINDOW_MIN = 200

FEATURES = [  # (name, weight)
    ("accent", 8),
    ("title_adjacent", 4),
    ("adjacent", 2),
    ("title_words", 1),
]


@dataclass
class Condition:
    """Entries holding every term of `must` and, for each group of `must_not`, not all of it."""

    must: list
    must_not: list = field(default_factory=list)
    low: int | None = None  # sort-key bounds (dates)
    high: int | None = None

    def fts(self):
        expression = " AND ".join(_quote_fts(term) for term in self.must)
        for group in self.must_not:
            expression = f"({expression}) NOT ({' AND '.join(_quote_fts(t) for t in group)})"
        return expression

    def tsquery(self):
        parts = [_quote_ts(term) for term in self.must]
        parts += ["!(" + " & ".join(_quote_ts(t) for t in group) + ")" for group in self.must_not]
        return " & ".join(parts)


def _quote_fts(term):
    return '"' + term.replace('"', "") + '"'


def _quote_ts(term):
    return "'" + term.replace("'", "").replace("\\", "") + "'"


# --- the two backends: ids of matching entries, newest first ----------------------------------


def _where(condition):
    """(table, key column, WHERE clause, parameters) of `condition` on this database. The
    SQL is fixed text; terms and bounds are parameters."""
    if connection.vendor == "postgresql":
        table, key = "search_searchentry", "id"
        where, params = ["terms @@ %s::tsquery"], [condition.tsquery()]
    else:
        table, key = "search_fts", "rowid"
        where, params = ["search_fts MATCH %s"], [condition.fts()]
    if condition.low is not None:
        where.append(f"{key} >= %s")
        params.append(condition.low)
    if condition.high is not None:
        where.append(f"{key} <= %s")
        params.append(condition.high)
    return table, key, " AND ".join(where), params


def matching_ids(condition, limit, offset=0, rare=False):
    """Ids (sort keys) of entries matching `condition`, newest first.

    `rare`: the caller knows few entries match. PostgreSQL's estimate for many ANDed terms is
    often far too low or too high; walking the primary key down through a rare condition reads
    the whole table, so the GIN index is made the only way in.
    """
    table, key, where, params = _where(condition)
    sql = f"SELECT {key} FROM {table} WHERE {where} ORDER BY {key} DESC LIMIT %s OFFSET %s"  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        if rare and connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(sql, [*params, limit, offset])
        return [row[0] for row in cursor.fetchall()]


def count(condition, cap=COUNT_CAP):
    """How many entries match, counting no further than `cap` + 1."""
    table, _, where, params = _where(condition)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {where} LIMIT %s) AS found"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, cap + 1])
        return cursor.fetchone()[0]


# --- ranking ---------------------------------------------------------------------------------


def features(query):
    """The query's ranking features that apply to it: name -> (weight, terms)."""
    found = {}
    if query.accented:
        found["accent"] = query.accent_terms
    if len(query.words) > 1:
        found["title_adjacent"] = query.title_adjacent
        found["adjacent"] = query.adjacent
    found["title_words"] = query.title_words
    weights = dict(FEATURES)
    return {name: (weights[name], terms) for name, terms in found.items()}


def levels(query):
    """Every possible combination of features, best score first (ties: more features first)."""
    named = features(query)
    names = list(named)
    combos = []
    for bits in product((True, False), repeat=len(names)):
        held = {name for name, bit in zip(names, bits, strict=True) if bit}
        # Adjacent in the title means adjacent somewhere and every syllable in the title.
        if "title_adjacent" in held and not {"adjacent", "title_words"} <= held:
            continue
        combos.append((sum(named[name][0] for name in held), held))
    combos.sort(key=lambda combo: -combo[0])
    return named, combos


def level_condition(base, named, held):
    must = list(base.must)
    for name in held:
        must += [term for term in named[name][1] if term not in must]
    must_not = [named[name][1] for name in named if name not in held]
    return Condition(must=must, must_not=must_not, low=base.low, high=base.high)


def window(base, named, limit, offset=0):
    """The newest matches of `base` (after skipping `offset`), each with the names of the
    ranking features it holds: [(id, {names})], newest first.

    The window is a contiguous run of the newest matches, so on SQLite a feature's matches
    inside it are found by the feature's terms within the window's key range: FTS5 answers
    that from its index, where "rowid IN (…)" made it read each term's whole list.
    """
    if connection.vendor == "postgresql":
        table, _, where, params = _where(base)
        names = list(named)
        flags = "".join(", terms @@ %s::tsquery" for _ in names)
        feature_params = [Condition(must=named[name][1]).tsquery() for name in names]
        sql = f"SELECT id{flags} FROM {table} WHERE {where} ORDER BY id DESC LIMIT %s OFFSET %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [*feature_params, *params, limit, offset])
            return [
                (pk, {name for name, flag in zip(names, row, strict=True) if flag})
                for pk, *row in cursor.fetchall()
            ]
    ids = matching_ids(base, limit, offset)
    if not ids:
        return []
    held = {pk: set() for pk in ids}
    for name, (_, terms) in named.items():
        inside = Condition(
            must=base.must + [term for term in terms if term not in base.must],
            low=min(ids),
            high=max(ids),
        )
        for pk in matching_ids(inside, limit=len(ids)):
            if pk in held:
                held[pk].add(name)
    return [(pk, held[pk]) for pk in ids]


def score_of(names, named):
    return sum(named[name][0] for name in names)


def rank(query, base, start, stop, by_date=False):
    """(how many match, counted up to COUNT_CAP + 1; [(sort key, score)] of the results from
    `start` to `stop`, best first or newest first).

    The newest matches (at least enough to count to COUNT_CAP and twice the results asked)
    are read once with their features: that read is the count too. A score level with enough
    items in that window needs nothing more: its newest items are all there. A level with too
    few is rare, and its older items are looked up through the full-text index alone. So
    "công đoàn", found in most items, costs one read of the newest thousand matches instead
    of ranking a million.
    """
    named, combos = levels(query)
    size = max(WINDOW_MIN, COUNT_CAP + 1, 2 * stop)
    newest = window(base, named, size)
    found = len(newest)
    if by_date:
        return found, [(pk, score_of(names, named)) for pk, names in newest[start:stop]]
    complete = found < size
    oldest = min((pk for pk, _ in newest), default=None)
    results = []
    for score, held in combos:
        need = stop - len(results)
        if need <= 0:
            break
        in_level = [pk for pk, names in newest if names == held]
        results += [(pk, score) for pk in in_level[:need]]
        if complete or len(in_level) >= need:
            continue
        older = level_condition(base, named, held)
        older.high = oldest - 1
        ids = matching_ids(older, limit=need - len(in_level), rare=True)
        results += [(pk, score) for pk in ids]
    return found, results[start:stop]


def entries(ids):
    found = SearchEntry.objects.defer("terms").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
