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

import math
import time
from dataclasses import dataclass, field
from itertools import product

from django.db import connection, transaction

from . import fulltext
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

# PostgreSQL with RUM: two ways to the newest matches. Walking the primary key down and
# checking each row costs about WALK_ROW per row read: W matches at a density d cost W / d
# rows. The RUM index returns matches in key order itself (`ORDER BY id <=| bound`), but it
# first gathers and sorts every entry of the posting lists it is asked about (measured at a
# million items: 0,87 s for "công đoàn", in every row; 14 ms for a category's 50.000), so it
# is asked only about the rarest term or two of the condition (the driver, see `driver`), and
# the whole condition is checked on the rows it returns, newest first, until the page is
# full. The walk wins for dense conditions ("công đoàn"), the RUM driver for the rest (a
# category filter, medium-frequency syllables); the shares are estimated from ANALYZE's
# statistics of the column (see `_term_frequencies`). A condition of plain syllables and
# filters is walked in `search_entry_words` (see fulltext.py), a row of which costs a third
# to a fifth of an entry's.
WALK_ROW = 2.5  # µs per row read by the walk (rows in key order: scattered on the heap)
# µs per row of search_entry_words read by the walk: measured 0,8 µs at 200.000 items, 1,1–1,7
# µs at a million on the busy machine (4,5 µs for the entries), but costed like the entries'
# walk: at 0,5 the walk was chosen for "cđ" in a category (147.000 rows, 160–540 ms) where RUM
# takes ~90 ms, and at 1,5 the category groups were slower than with the old choices. So the
# choice stays the one measured before this table, and each walk it makes is cheaper.
WORDS_ROW = WALK_ROW
CHECK_ROW = 1.5  # µs per row checked after the RUM scan
RARE_PAIR = 0.15  # a second driver term only under this share
RUM_ENTRY = 0.5  # µs per posting-list entry the RUM scan gathers and sorts
STATS_SECONDS = 300
_stats = {}


def _term_frequencies():
    """(rows in the table, {term: share of rows holding it}, share assumed for the others,
    (smallest key, largest key)), from ANALYZE's most common elements of `terms`, kept a few
    minutes."""
    key = (connection.alias, connection.settings_dict.get("NAME"))
    found = _stats.get(key)
    if found and time.monotonic() - found[0] < STATS_SECONDS:
        return found[1]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT greatest(c.reltuples, 0), s.most_common_elems::text::text[], "
            "s.most_common_elem_freqs, (SELECT min(id) FROM search_searchentry), "
            "(SELECT max(id) FROM search_searchentry) FROM pg_class c LEFT JOIN pg_stats s "
            "ON s.tablename = c.relname AND s.attname = 'terms' AND s.schemaname = 'public' "
            "WHERE c.relname = %s AND c.relkind = 'r'",
            [fulltext.TABLE],
        )
        row = cursor.fetchone()
    rows, elements, shares, first, last = row or (0, None, None, None, None)
    frequent = dict(zip(elements or [], shares or [], strict=False))
    # A term missing from the list is rarer than every term in it.
    floor = min(frequent.values()) / 2 if frequent else 0.0
    value = (float(rows or 0), frequent, floor, (first or 0, last or 0))
    _stats[key] = (time.monotonic(), value)
    return value


def _share(terms):
    """The estimated share of entries holding all `terms`, as if they were independent: the
    low estimate, so the walk, whose cost grows without bound as the share falls, is taken
    only when it surely pays (measured: "lo bảo vệ" among the 10 % of "benchdoc", 0,017 by
    the geometric mean of the low and the high estimate, walked 1,5–3,9 s; RUM 40–64 ms)."""
    _rows, frequent, floor, _keys = _term_frequencies()
    return math.prod(frequent.get(term, floor) for term in terms)


def density(condition):
    return _share(condition.must)


def _specificity(term):
    """Among terms too rare for the statistics, which is likely rarer: a pair of syllables in
    the title, a pair, a syllable in the title or with its diacritics, then the rest (plain
    syllables; filters, whose shares are a category's or a unit's whole)."""
    if term.startswith("t:") and "_" in term:
        return 3
    if "_" in term:
        return 2
    if term.startswith(("t:", "a:")):
        return 1
    return 0


def driver(condition):
    """The terms the RUM scan is asked about: the rarest one, and the next rarest when it is
    under RARE_PAIR too. Measured at a million items (the window of a query): with a second
    rare term "trực thuộc tlđ khai" in a category 16–28 ms instead of 0,3–1 s (every row of
    "tld" read and checked), "lo bảo vệ" in "benchdoc" 16–18 ms instead of 73–123 ms; with a
    common second term RUM gathers its long list: "khanh" with "huy" (18 %) 229–394 ms, alone
    14–25 ms. Ties (terms missing from the statistics) go to the most specific: an older level
    of "từ công đoàn cấp" in a category read the category's 50.000 rows to find none when asked
    by "c:16", instead of the few holding "t:tu_cong"."""
    _rows, frequent, floor, _keys = _term_frequencies()
    ranked = sorted(condition.must, key=lambda t: (frequent.get(t, floor), -_specificity(t)))
    return ranked[:1] + [t for t in ranked[1:2] if frequent.get(t, floor) < RARE_PAIR]


def _on_words(condition):
    """Whether `condition` can be checked on `search_entry_words` alone: plain syllables and
    filters, nothing to exclude (a quoted phrase's pairs and the ranking levels cannot)."""
    return (
        fulltext.has_words()
        and not condition.must_not
        and all(fulltext.word_term(term) for term in condition.must)
    )


def _costs(condition, limit):
    """(walk, RUM): the estimated µs of the `limit` newest matches of `condition` down the
    primary key (of `search_entry_words` when it can be) and through the RUM driver. A date
    range bounds the walk to the rows of the range (keys are publication times); the RUM
    scan still gathers every entry."""
    rows, frequent, floor, (first, last) = _term_frequencies()
    share = max(density(condition), 1e-9)
    walked = min(limit / share, rows) if rows else limit / share
    if (condition.low is not None or condition.high is not None) and last > first:
        low = max(first, condition.low if condition.low is not None else first)
        high = min(last, condition.high if condition.high is not None else last)
        walked = min(walked, rows * max(0, high - low) / (last - first))
    terms = driver(condition)
    gathered = rows * sum(frequent.get(term, floor) for term in terms)
    checked = min(gathered, limit * _share(terms) / share)
    walk_row = WORDS_ROW if _on_words(condition) else WALK_ROW
    return walk_row * walked, RUM_ENTRY * gathered + CHECK_ROW * checked


def route(condition, limit, rare=False):
    """How the `limit` newest matches of `condition` are read on PostgreSQL:

    - "walk": down the primary key, checking each row (of `search_entry_words` when the
      condition is plain syllables and filters);
    - "rum": through the RUM index of the driver terms, checking each row it returns;
    - "gin", "gin-rare": without RUM, the planner's choice, or the GIN index alone for a
      condition the caller knows is rare.
    """
    if fulltext.kind() != "rum":
        return "gin-rare" if rare else "gin"
    if rare:
        return "rum"
    walk, rum = _costs(condition, limit)
    return "walk" if walk < rum else "rum"


def _plan(condition, way):
    """(WHERE clause, its parameters, ORDER BY clause, its parameters, settings for the
    statement's transaction) for the newest matches of `condition` first in
    search_searchentry, the `way` of `route`.

    RUM: the driver terms through the index, in key order, the whole condition checked on
    each row (`ts_match_vq`, the function of @@, which the planner does not give to the
    index). Walk: the planner is told to go down the key: its estimate for many ANDed terms
    is often far off, and it would gather and sort every match. GIN only, a rare condition:
    through the GIN index alone: walking the key down through a rare condition reads the
    whole table.
    """
    where, params = ["terms @@ %s::tsquery"], [condition.tsquery()]
    order, order_params, settings = "ORDER BY id DESC", [], []
    if way == "rum":
        terms = driver(condition)
        if condition.must_not or len(terms) < len(condition.must):
            where = ["terms @@ %s::tsquery", "ts_match_vq(terms, %s::tsquery)"]
            params = [Condition(must=terms).tsquery(), condition.tsquery()]
        bound = condition.high if condition.high is not None else 2**63 - 1
        order, order_params = "ORDER BY id <=| %s::bigint", [bound]
    elif way == "walk":
        settings = WALK_SETTINGS
    elif way == "gin-rare":
        settings = ["enable_indexscan = off", "enable_seqscan = off"]
    _add_bounds(condition, "id", where, params)
    return " AND ".join(where), params, order, order_params, settings


def _add_bounds(condition, key, where, params):
    """The key range of `condition` (from a date filter), added to a WHERE list."""
    if condition.low is not None:
        where.append(f"{key} >= %s")
        params.append(condition.low)
    if condition.high is not None:
        where.append(f"{key} <= %s")
        params.append(condition.high)


WALK_SETTINGS = ["enable_sort = off", "enable_bitmapscan = off"]


def _where(condition):
    """(table, key column, WHERE clause, parameters) of `condition` on this database. The
    SQL is fixed text; terms and bounds are parameters."""
    if connection.vendor == "postgresql":
        table, key = "search_searchentry", "id"
        where, params = ["terms @@ %s::tsquery"], [condition.tsquery()]
    else:
        table, key = "search_fts", "rowid"
        where, params = ["search_fts MATCH %s"], [condition.fts()]
    _add_bounds(condition, key, where, params)
    return table, key, " AND ".join(where), params


def _run(sql, params, settings=()):
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(f"SET LOCAL {setting}")
        cursor.execute(sql, params)
        return cursor.fetchall()


def _from_words(condition, limit, columns, column_params):
    """Rows (id, *columns) of the `limit` newest matches of `condition` (plain syllables and
    filters) found down the key of `search_entry_words`; the columns are read from the
    entries of those keys alone."""
    where, params = ["words @@ %s::tsquery"], [condition.tsquery()]
    _add_bounds(condition, "id", where, params)
    sql = (
        f"SELECT e.id{columns} FROM (SELECT id FROM {fulltext.WORDS} "  # noqa: S608
        f"WHERE {' AND '.join(where)} ORDER BY id DESC LIMIT %s) AS w "
        f"JOIN {fulltext.TABLE} AS e ON e.id = w.id"
    )
    rows = _run(sql, [*column_params, *params, limit], WALK_SETTINGS)
    rows.sort(key=lambda row: row[0], reverse=True)
    return rows


def _newest(condition, limit, offset, rare=False, columns="", column_params=()):
    """Rows (id, *columns) of the `limit` newest matches of `condition` after `offset`."""
    if connection.vendor != "postgresql":
        table, key, where, params = _where(condition)
        sql = (
            f"SELECT {key}{columns} FROM {table} WHERE {where} "  # noqa: S608
            f"ORDER BY {key} DESC LIMIT %s OFFSET %s"
        )
        return _run(sql, [*column_params, *params, limit, offset])
    way = route(condition, limit + offset, rare)
    if way == "walk" and _on_words(condition):
        return _from_words(condition, limit + offset, columns, column_params)[offset:]
    return _from_entries(condition, limit, offset, way, columns, column_params)


def _from_entries(condition, limit, offset, way, columns, column_params):
    where, params, order, order_params, settings = _plan(condition, way)
    sql = f"SELECT id{columns} FROM {fulltext.TABLE} WHERE {where} {order} LIMIT %s OFFSET %s"  # noqa: S608
    return _run(sql, [*column_params, *params, *order_params, limit, offset], settings)


def matching_ids(condition, limit, offset=0, rare=False):
    """Ids (sort keys) of entries matching `condition`, newest first.

    `rare`: the caller knows few entries match (see `_plan`).
    """
    return [row[0] for row in _newest(condition, limit, offset, rare)]


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
        names = list(named)
        flags = "".join(", terms @@ %s::tsquery" for _ in names)
        feature_params = [Condition(must=named[name][1]).tsquery() for name in names]
        return [
            (pk, {name for name, flag in zip(names, row, strict=True) if flag})
            for pk, *row in _newest(base, limit, offset, False, flags, feature_params)
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
