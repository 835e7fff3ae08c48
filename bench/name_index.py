"""What each name index costs a write: rows copied into a table with no name index, with the
trigram index the name search had until migration 0008, and with the word index by branch
it has now (members/name_index.py), side by side in one run on PostgreSQL.

    .venv/bin/python bench/name_index.py [--rows 200000] [--runs 5]

The names are drawn from common Vietnamese family, middle and given names, folded as
`Member.search_name` stores them, in 64 branches. Each run copies the same rows into three
fresh unlogged tables, in turn, and the median of the runs is printed with the index sizes.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

import psycopg
from harness import PG_SERVER, postgres_database

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

DATABASE = "congdoan_bench_name_index"
FAMILY = ("nguyen", "tran", "le", "pham", "hoang", "vu", "dang", "bui", "do", "ho", "ngo", "duong")
MIDDLE = ("van", "thi", "duc", "minh", "quang", "ngoc", "thanh", "huu", "xuan", "kim")
GIVEN = ("hung", "an", "binh", "lan", "mai", "hoa", "tuan", "linh", "dung", "trang", "phuong")
INDEXES = {
    "không chỉ mục tên": None,
    "trigram (đến 0008)": "gin (search_name gin_trgm_ops)",
}


def rows(count):
    pick = random.Random(7).choice
    for _ in range(count):
        name = f" {pick(FAMILY)} {pick(MIDDLE)} {pick(GIVEN)}"
        yield f"{name}\t{pick(range(1, 65))}\n"


def main():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdoan.settings")
    django.setup()
    from congdoan.members.name_index import TERMS

    indexes = {**INDEXES, "từ theo nhánh (0008)": f"gin ({TERMS.format(t='')})"}
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data = "".join(rows(args.rows)).encode()
    postgres_database(DATABASE, "create")
    times = {label: [] for label in indexes}
    sizes = {}
    try:
        with psycopg.connect(f"{PG_SERVER}/{DATABASE}", autocommit=True) as connection:
            connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            for _run in range(args.runs + 1):  # the first run warms up
                for number, (label, index) in enumerate(indexes.items()):
                    table = f"t{number}"
                    connection.execute(f"DROP TABLE IF EXISTS {table}")
                    connection.execute(
                        f"CREATE UNLOGGED TABLE {table} (search_name varchar(130), branch int)"
                    )
                    if index:
                        connection.execute(f"CREATE INDEX {table}_name ON {table} USING {index}")
                    started = time.perf_counter()
                    with (
                        connection.cursor() as cursor,
                        cursor.copy(f"COPY {table} FROM STDIN") as copy,
                    ):
                        copy.write(data)
                    times[label].append(time.perf_counter() - started)
                    if index:
                        size = connection.execute(
                            f"SELECT pg_relation_size('{table}_name')"
                        ).fetchone()[0]
                        sizes[label] = size
            version = connection.execute("SHOW server_version").fetchone()[0].split()[0]
    finally:
        postgres_database(DATABASE, "drop")
    count = f"{args.rows:,}".replace(",", ".")
    print(f"PostgreSQL {version}: chép {count} tên vào bảng, trung vị {args.runs} lần")
    base = statistics.median(times["không chỉ mục tên"][1:])
    for label, samples in times.items():
        median = statistics.median(samples[1:])
        extra = (median - base) / args.rows * 1e6
        size = f"{sizes[label] / 2**20:7.1f} MB" if label in sizes else " " * 10
        print(f"  {label:<22} {median * 1000:9.1f} ms  {size}  thêm {extra:5.1f} µs/dòng")
    return 0


if __name__ == "__main__":
    sys.exit(main())
