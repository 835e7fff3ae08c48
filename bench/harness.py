"""What the benchmark scripts share: the PostgreSQL server they use, a fresh database per run,
the database's version for the printed figures, and the median of repeated timings."""

import statistics
import time

PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def median_ms(function, runs):
    """Run once to warm up, then `runs` times; the median in milliseconds."""
    function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return round(statistics.median(samples) * 1000, 1)


def database_version(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return cursor.fetchone()[0].split()[0]


def postgres_database(name, action):
    """Drop the benchmark's database; with action "create", make it again, empty."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if action == "create":
            connection.execute(f"CREATE DATABASE {name}")
