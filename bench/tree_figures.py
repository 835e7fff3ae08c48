"""Figures of the union tree at national scale, on SQLite and on PostgreSQL side by side.

    .venv/bin/python bench/tree_figures.py [--runs 15] [--backends sqlite,postgresql]

Builds the synthetic national tree (63 provinces, about 700 district unions, 135.000 grassroots
unions: congdoan.org.demo.build_national) once per backend, then times the tree's hot paths:
the figures of the whole country and of one province, the children of the national root with
their figures, and moving a district with its grassroots unions to another province and back.
Each backend runs in its own process with its own DATABASE_URL and a temporary var/ folder;
the PostgreSQL database `congdoan_bench` is created and dropped here.

The target: the whole country's figures under 200 ms on PostgreSQL. Exit status 1 if missed.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

TARGET_MS = 200
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "congdoan_bench"
PROVINCE = "HOCHIMINH"  # the largest province: the worst case of a province page
DISTRICT, OTHER_PROVINCE = "HOCHIMINH-H01", "HAIPHONG"

ROWS = [
    ("country", "Số liệu toàn quốc – subtree_figures(TLĐ)"),
    ("province", "Số liệu một tỉnh (TP Hồ Chí Minh)"),
    ("children", "Đơn vị trực thuộc TLĐ kèm số liệu"),
    ("move", "Chuyển một LĐLĐ quận sang tỉnh khác"),
]


# --- the worker: one backend, inside Django -------------------------------------------------


def _median_ms(samples):
    return round(statistics.median(samples) * 1000, 2)


def _timed(function, runs):
    function()  # warm the connection, the caches and the plan
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return samples


def _check_tree(Unit):
    """treebeard's find_problems() costs two queries per node; this reads the tree once."""
    rows = list(Unit.objects.values_list("path", "depth", "numchild"))
    paths = {path for path, _depth, _numchild in rows}
    children = {}
    problems = 0
    for path, depth, _numchild in rows:
        parent = path[: -Unit.steplen]
        if depth != len(path) // Unit.steplen or len(path) % Unit.steplen:
            problems += 1
        if parent and parent not in paths:
            problems += 1
        children[parent] = children.get(parent, 0) + 1
    problems += sum(1 for path, _depth, numchild in rows if children.get(path, 0) != numchild)
    return problems


def _plan_of(function):
    """EXPLAIN ANALYZE of the main query `function` runs (PostgreSQL only)."""
    from django.db import connection

    captured = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        function()
    sql, params = max(captured, key=lambda item: len(item[0]))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return [row[0] for row in cursor.fetchall()]


def worker(backend, sizes, runs, output):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdoan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from congdoan.org import demo, services
    from congdoan.org.figures import children_with_figures, subtree_figures
    from congdoan.org.models import Unit

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    demo.build_national(**sizes)
    build_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        # What autovacuum would do on PostgreSQL a minute after the load; SQLite never
        # analyses on its own, so we do it for both to compare planners on equal terms.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    national = Unit.objects.get(code="TLD")
    province = Unit.objects.get(code=PROVINCE)
    district = Unit.objects.get(code=DISTRICT)
    moved_grassroots = subtree_figures(district).grassroots
    homes = [Unit.objects.get(code=PROVINCE), Unit.objects.get(code=OTHER_PROVINCE)]

    def move_there_and_back():
        for target in reversed(homes):
            unit = Unit.objects.get(pk=district.pk)
            services.move_unit(actor=None, unit=unit, new_parent=Unit.objects.get(pk=target.pk))

    country = subtree_figures(national)
    results = {
        "backend": backend,
        "vendor": connection.vendor,
        "database_version": _version(connection),
        "build_seconds": round(build_seconds, 1),
        "units": Unit.objects.count(),
        "provinces": national.children().count(),
        "districts": Unit.objects.filter(level__code="district").count(),
        "grassroots": country.grassroots,
        "members": country.members,
        "moved_grassroots": moved_grassroots,
        "runs": runs,
        "median_ms": {
            "country": _median_ms(_timed(lambda: subtree_figures(national), runs)),
            "province": _median_ms(_timed(lambda: subtree_figures(province), runs)),
            "children": _median_ms(_timed(lambda: children_with_figures(national), runs)),
            # One sample is a round trip of two moves; the table shows one move.
            "move": _median_ms(_timed(move_there_and_back, runs)) / 2,
        },
    }
    results["tree_problems"] = _check_tree(Unit)
    results["figures_unchanged"] = subtree_figures(national).as_dict() == country.as_dict()
    if connection.vendor == "postgresql":
        results["plan_country"] = _plan_of(lambda: subtree_figures(national))
    Path(output).write_text(json.dumps(results, ensure_ascii=False, indent=1))


def _version(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        return cursor.fetchone()[0].split()[0]


# --- the orchestrator: one process per backend ----------------------------------------------


def _postgres(action):
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
        if action == "create":
            connection.execute(f"CREATE DATABASE {PG_DATABASE}")


def run_backend(backend, args):
    with tempfile.TemporaryDirectory(prefix=f"congdoan-bench-{backend}-") as var_dir:
        env = {
            **os.environ,
            "CONGDOAN_VAR_DIR": var_dir,
            "CONGDOAN_PROFILE": "development",
            "DJANGO_SETTINGS_MODULE": "congdoan.settings",
            "DEBUG": "0",
        }
        env.pop("DATABASE_URL", None)
        if backend == "postgresql":
            _postgres("create")
            env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
        output = Path(var_dir) / "results.json"
        command = [
            sys.executable,
            __file__,
            "--worker",
            backend,
            "--output",
            str(output),
            "--runs",
            str(args.runs),
            "--provinces",
            str(args.provinces),
            "--districts",
            str(args.districts),
            "--grassroots",
            str(args.grassroots),
        ]
        try:
            subprocess.run(command, env=env, check=True, cwd=ROOT)
            return json.loads(output.read_text())
        finally:
            if backend == "postgresql":
                _postgres("drop")


def _machine():
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} nhân CPU ({cpu}), Python {sys.version.split()[0]}"


def print_table(results):
    from congdoan.core.formatting import format_number as n

    first = next(iter(results.values()))
    print()
    print(f"Ngày đo: {datetime.now():%d/%m/%Y %H:%M} – máy: {_machine()}")
    print(
        f"Cây toàn quốc: {n(first['provinces'])} tỉnh, thành phố; {n(first['districts'])} LĐLĐ "
        f"cấp huyện; {n(first['grassroots'])} CĐCS; {n(first['units'])} đơn vị; "
        f"{n(first['members'])} đoàn viên. LĐLĐ được chuyển có {n(first['moved_grassroots'])} CĐCS."
    )
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    width = max(len(label) for _key, label in ROWS) + 2
    header = f"{'Trung vị của ' + str(first['runs']) + ' lần đo (ms)':<{width}}"
    header += "".join(f"{names[b] + ' ' + r['database_version']:>22}" for b, r in results.items())
    print()
    print(header)
    print("-" * len(header))
    for key, label in ROWS:
        line = f"{label:<{width}}"
        line += "".join(f"{n(r['median_ms'][key], 1):>22}" for r in results.values())
        print(line)
    line = f"{'Tạo cây (giây, một lần)':<{width}}"
    line += "".join(f"{n(r['build_seconds'], 1):>22}" for r in results.values())
    print(line)
    print()
    for backend, result in results.items():
        state = "hợp lệ" if result["tree_problems"] == 0 else f"{result['tree_problems']} lỗi"
        same = "giữ nguyên" if result["figures_unchanged"] else "BỊ THAY ĐỔI"
        print(f"{names[backend]}: cây sau khi chuyển {state}, số liệu toàn quốc {same}.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--provinces", type=int, default=63)
    parser.add_argument("--districts", type=int, default=700)
    parser.add_argument("--grassroots", type=int, default=135_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    parser.add_argument("--plan", action="store_true", help="In kế hoạch truy vấn PostgreSQL.")
    args = parser.parse_args()
    sizes = {
        "provinces": args.provinces,
        "districts": args.districts,
        "grassroots": args.grassroots,
    }
    if args.worker:
        worker(args.worker, sizes, args.runs, args.output)
        return 0

    results = {}
    for backend in args.backends.split(","):
        print(f"Đang dựng cây và đo trên {backend}…", flush=True)
        try:
            results[backend] = run_backend(backend, args)
        except Exception as error:  # report the backend and go on with the next
            print(f"  {backend}: không đo được ({error})", file=sys.stderr)
    if not results:
        return 1
    print_table(results)
    postgres = results.get("postgresql")
    if postgres is None:
        print(f"Mục tiêu số liệu toàn quốc < {TARGET_MS} ms trên PostgreSQL: KHÔNG ĐO ĐƯỢC")
        return 1
    if args.plan:
        print()
        print("\n".join(postgres["plan_country"]))
    measured = postgres["median_ms"]["country"]
    verdict = "PASS" if measured < TARGET_MS else "FAIL"
    print(f"Mục tiêu số liệu toàn quốc < {TARGET_MS} ms trên PostgreSQL: {verdict}")
    broken = any(r["tree_problems"] or not r["figures_unchanged"] for r in results.values())
    return 0 if verdict == "PASS" and not broken else 1


if __name__ == "__main__":
    sys.exit(main())
