"""The same queries give the same results whatever way the database answers them: SQLite's
FTS5, PostgreSQL with RUM (through the index or down the primary key) or with GIN only."""

import pytest
from django.db import connection

from congdoan.search import engine, fulltext
from congdoan.search.index import KINDS
from congdoan.search.services import Filters, search

QUERIES = [
    ("cong doan", {}),
    ("Công đoàn cơ sở", {}),
    ("người lao động", {}),
    ('"nguoi lao dong"', {}),
    ("doan", {"sort": "date"}),
    ("doan", {"page": 2, "page_size": 2}),
    ("cong doan", {"page_size": 3}),
    ("đại hội", {}),
    ("cống", {}),
]


def answers():
    out = []
    for text, kwargs in QUERIES:
        found = search(text, record=False, **kwargs)
        out.append((found.count, [(hit.title, hit.score) for hit in found.hits]))
    for kind in [k for k in ("news", "page") if k in KINDS]:
        found = search("cong doan", filters=Filters(kind=kind), record=False)
        out.append((found.count, [hit.title for hit in found.hits]))
    return out


@pytest.fixture
def forget_index_kind():
    fulltext.forget()
    engine._stats.clear()
    yield
    fulltext.forget()
    engine._stats.clear()


def test_every_query_shape_gives_the_same_results(corpus, monkeypatch, forget_index_kind):
    expected = answers()
    assert expected[0][0] > 0 and expected[0][1]
    if connection.vendor != "postgresql":
        assert fulltext.kind() is None
        return
    # The test database is made by the migrations: RUM when the server has it.
    assert fulltext.kind() in ("rum", "gin")
    for way in ("walk", "rum"):
        monkeypatch.setattr(engine, "route", lambda condition, limit, rare=False, way=way: way)
        assert answers() == expected, f"route={way}"
    monkeypatch.undo()
    # Without the extension: the migration's fallback makes GIN, and the engine its shape.
    monkeypatch.setattr(fulltext, "rum_available", lambda connection=None: False)
    assert fulltext.create() == "gin"
    assert fulltext.existing() == {fulltext.GIN}
    assert fulltext.kind() == "gin"
    assert answers() == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_rum_query_shape_when_the_extension_is_there(corpus, forget_index_kind):
    if not fulltext.rum_available():
        pytest.skip("no RUM extension on this server (scripts/ensure-rum.sh)")
    assert fulltext.create() == "rum"
    assert fulltext.existing() == {fulltext.RUM}
    condition = engine.Condition(must=["cong", "doan"])
    rare = engine.matching_ids(condition, limit=5, rare=True)
    assert rare == sorted(rare, reverse=True) and rare
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a handful of rows: seq scan else
        cursor.execute(
            "EXPLAIN SELECT id FROM search_searchentry WHERE terms @@ %s::tsquery "
            "ORDER BY id <=| 9223372036854775807::bigint LIMIT 5",
            [condition.tsquery()],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert fulltext.RUM in plan


def test_density_estimate_orders_terms_by_frequency(corpus, forget_index_kind):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")
    common = engine.density(engine.Condition(must=["cong"]))
    rare = engine.density(engine.Condition(must=["cong", "xyzw"]))
    assert 0 <= rare <= common <= 1


def words_expected():
    from congdoan.search.models import SearchEntry

    out = {}
    for pk, terms in SearchEntry.objects.values_list("id", "terms"):
        out[pk] = sorted(t.strip("'") for t in terms.split() if fulltext.word_term(t.strip("'")))
    return out


def words_stored():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, tsvector_to_array(words) FROM {fulltext.WORDS}")  # noqa: S608
        return {pk: sorted(words) for pk, words in cursor.fetchall()}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_words_table_follows_the_entries(corpus, forget_index_kind):
    """search_entry_words holds each entry's syllables and filters, whatever writes the
    entries: indexing, unpublishing, an update of the row, a TRUNCATE."""
    from congdoan.search.models import SearchEntry

    assert fulltext.has_words()
    stored = words_stored()
    assert stored == words_expected() and stored
    assert not [w for words in stored.values() for w in words if "_" in w or w[:2] in ("t:", "a:")]
    assert [w for words in stored.values() for w in words if w.startswith("k:")]

    corpus.culvert.unpublish()
    entry = SearchEntry.objects.order_by("id").first()
    SearchEntry.objects.filter(pk=entry.pk).update(terms="moi k:news c:1 moi_tu t:moi")
    assert words_stored() == words_expected()
    assert words_stored()[entry.pk] == ["c:1", "k:news", "moi"]
    assert len(words_stored()) == SearchEntry.objects.count()

    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {fulltext.TABLE}")
    assert words_stored() == {}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_walk_of_plain_syllables_reads_the_words_table(corpus, monkeypatch, forget_index_kind):
    if fulltext.kind() != "rum":
        pytest.skip("no RUM extension on this server (scripts/ensure-rum.sh)")
    statements = []

    def log(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    monkeypatch.setattr(engine, "route", lambda condition, limit, rare=False: "walk")
    with connection.execute_wrapper(log):
        plain = engine.matching_ids(engine.Condition(must=["cong", "doan", "k:news"]), limit=5)
    assert plain and any(fulltext.WORDS in sql for sql in statements)
    statements.clear()
    with connection.execute_wrapper(log):  # a pair is not in the words table: the entries
        pair = engine.matching_ids(engine.Condition(must=["cong_doan", "k:news"]), limit=5)
    assert pair and not any(fulltext.WORDS in sql for sql in statements)
