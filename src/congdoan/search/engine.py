"""Answering a query, the same way on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

Ranking is a score made of a few yes/no features, then recency:

    8  every syllable typed with diacritics is found with exactly those diacritics
    4  the query's syllables stand next to each other in the title
    2  ... next to each other anywhere
    1  every syllable is in the title

Both databases answer "does this entry hold these terms", so both rank identically. A query
found in few entries (at most SMALL) is ranked by reading those entries' features. A query
found in many ("công đoàn" is in most items) is answered score level by score level, each
level newest first, which walks the sort-key index and stops after one page instead of
ranking a million matches.
"""

from dataclasses import dataclass, field
from itertools import product

from django.db import connection

from .models import SearchEntry

SMALL = 2000
COUNT_CAP = 10000
MAX_RESULTS = 1000  # 50 pages of 20

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


def matching_ids(condition, limit, offset=0):
    """Ids (sort keys) of entries matching `condition`, newest first."""
    table, key, where, params = _where(condition)
    sql = f"SELECT {key} FROM {table} WHERE {where} ORDER BY {key} DESC LIMIT %s OFFSET %s"  # noqa: S608
    with connection.cursor() as cursor:
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


def score_of(entry_terms, named):
    return sum(weight for weight, terms in named.values() if all(t in entry_terms for t in terms))


def ranked_ids(query, base, start, stop):
    """(sort key, score) of the results from `start` to `stop` (exclusive), best first."""
    named, combos = levels(query)
    found = count(base, cap=SMALL)
    if found <= SMALL:
        ids = matching_ids(base, limit=SMALL)
        terms = entry_terms(ids, {t for _, group in named.values() for t in group})
        scored = sorted(((score_of(terms[pk], named), pk) for pk in ids), reverse=True)
        return [(pk, score) for score, pk in scored[start:stop]]
    results = []
    skipped = 0
    for score, held in combos:
        condition = level_condition(base, named, held)
        need = stop - start - len(results)
        if need <= 0:
            break
        # Skip whole levels that lie before `start` by counting them first.
        if skipped < start:
            in_level = count(condition, cap=start - skipped)
            if skipped + in_level <= start:
                skipped += in_level
                continue
            offset = start - skipped
            skipped = start
        else:
            offset = 0
        ids = matching_ids(condition, limit=need, offset=offset)
        results += [(pk, score) for pk in ids]
    return results


def entry_terms(ids, wanted):
    """Which of the `wanted` terms each entry holds: {id: set of terms}."""
    held = {pk: set() for pk in ids}
    if not ids:
        return held
    wanted = sorted(wanted)
    if connection.vendor == "postgresql":
        columns = ", ".join("terms @@ %s::tsquery" for _ in wanted)
        sql = f"SELECT id, {columns} FROM search_searchentry WHERE id = ANY(%s)"  # noqa: S608 (fixed SQL, values are parameters)
        params = [_quote_ts(term) for term in wanted] + [list(ids)]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for pk, *flags in cursor.fetchall():
                held[pk] = {term for term, flag in zip(wanted, flags, strict=True) if flag}
        return held
    placeholders = ", ".join("%s" for _ in ids)
    with connection.cursor() as cursor:
        for term in wanted:
            cursor.execute(
                f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s "  # noqa: S608 (fixed SQL, values are parameters)
                f"AND rowid IN ({placeholders})",
                [_quote_fts(term), *ids],
            )
            for (pk,) in cursor.fetchall():
                held[pk].add(term)
    return held


def entries(ids):
    found = SearchEntry.objects.defer("terms").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
