"""The member database at scale: filling, importing a large xlsx, figures and name search.

    .venv/bin/python bench/members.py [--rows 1000000] [--scale hanoi|national]
                                      [--grassroots 135000] [--backends sqlite,postgresql]

For each backend, in its own process with its own DATABASE_URL and a temporary var/ folder (the
PostgreSQL database `congdoan_bench_members` is created and dropped here): build the union tree
(`hanoi`: the Hà Nội federation; `national`: the synthetic country), fill every grassroots union
with its members (members.demo_data.fill_members, as `demo --members`), ANALYZE, then time

- the member figures (members.figures.member_figures) of the whole tree and of Hà Nội;
- a search by name without diacritics ("nguyen van hung") among Hà Nội's members, as the
  admin list runs it (first page of 50);
- importing an xlsx of `--rows` new members into one district (validation and writing; the
  file is generated first and not timed), then importing it again (nothing changes).

Targets (issue 7): import of 1.000.000 rows under 120 s, figures under 1 s, search under
200 ms, on PostgreSQL. Exit status 1 when a target is missed or a step breaks.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from harness import PG_SERVER, database_version, median_ms, postgres_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

PG_DATABASE = "congdoan_bench_members"
IMPORT_TARGET_S = 120
FIGURES_TARGET_MS = 1000
SEARCH_TARGET_MS = 200
QUERY = "nguyen van hung"


def _write_xlsx(path, rows, district_units):
    from openpyxl import Workbook

    from congdoan.members.importer import COLUMNS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đoàn viên")
    sheet.append([column.label for column in COLUMNS])
    families = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi")
    given = ("An", "Bình", "Hùng", "Lan", "Mai", "Hoa", "Tuấn", "Linh", "Dũng", "Trang")
    start = date(1970, 1, 1)
    for number in range(rows):
        unit = district_units[number % len(district_units)]
        birth = start + timedelta(days=number % 12000)
        female = number % 2
        values = {
            "full_name": f"{families[number % 8]} {'Thị' if female else 'Văn'} "
            f"{given[(number // 8) % 10]} {given[(number // 80) % 10]}",
            "birth_date": birth.strftime("%d/%m/%Y"),
            "gender": "Nữ" if female else "Nam",
            "cccd": f"9{number:011d}",
            "phone": f"09{number:08d}",
            "card_number": f"BENCH-{number:08d}",
            "joined_on": (birth + timedelta(days=365 * 20)).strftime("%d/%m/%Y"),
            "unit": unit,
        }
        sheet.append([values.get(column.key, "") for column in COLUMNS])
    workbook.save(path)


def worker(args, output):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congdoan.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from congdoan.members.admin_views import search_members
    from congdoan.members.demo_data import fill_members
    from congdoan.members.figures import _count as count_figures
    from congdoan.members.figures import member_figures
    from congdoan.members.importer import import_members
    from congdoan.members.models import Member
    from congdoan.org import demo
    from congdoan.org.models import Unit, in_subtree

    call_command("migrate", verbosity=0)
    if args.scale == "national":
        tree = demo.build_national(grassroots=args.grassroots)
    else:
        tree = demo.build_hanoi()
    started = time.perf_counter()
    units = (
        Unit.objects.filter(level__is_grassroots=True, dissolved_on__isnull=True, members__gt=0)
        .select_related("kind")
        .order_by("path")
        .iterator(chunk_size=2000)
    )
    filled = fill_members(units)
    fill_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    today = date.today()
    national = Unit.objects.get(code=tree.national.code)
    hanoi = Unit.objects.get(code=tree.hanoi.code)
    hanoi_members = Member.objects.filter(in_subtree(hanoi.path, "unit__path"))

    def search():
        return list(search_members(hanoi_members, QUERY).order_by("search_name", "id")[:50])

    results = {
        "backend": args.worker,
        "database_version": database_version(connection),
        "members": filled,
        "hanoi_members": hanoi_members.count(),
        "fill_seconds": round(fill_seconds, 1),
        # Uncached: counted from the records each time; cached: until a member changes.
        "figures_country_ms": median_ms(lambda: count_figures(national, today), args.runs),
        "figures_hanoi_ms": median_ms(lambda: count_figures(hanoi, today), args.runs),
        "figures_cached_ms": median_ms(lambda: member_figures(national), args.runs),
        "search_ms": median_ms(search, args.runs),
        "search_found": len(search()),
    }
    district = Unit.objects.get(code=tree.long_bien.code)
    targets = list(
        district.descendants().filter(level__is_grassroots=True).values_list("code", flat=True)
    )
    with tempfile.TemporaryDirectory(prefix="members_bench_") as folder:
        path = Path(folder) / "doan_vien.xlsx"
        started = time.perf_counter()
        _write_xlsx(path, args.rows, targets)
        results["xlsx_seconds"] = round(time.perf_counter() - started, 1)
        results["xlsx_mb"] = round(path.stat().st_size / 1024 / 1024, 1)
        started, cpu = time.perf_counter(), time.process_time()
        first = import_members(str(path), unit=district)
        results["import_seconds"] = round(time.perf_counter() - started, 1)
        # This process's own CPU time: on a shared machine the wall clock also counts others.
        results["import_cpu_seconds"] = round(time.process_time() - cpu, 1)
        results["import_ok"] = first.ok and first.created == args.rows
        results["import_errors"] = first.error_messages()[:5]
        started = time.perf_counter()
        second = import_members(str(path), unit=district)
        results["reimport_seconds"] = round(time.perf_counter() - started, 1)
        results["reimport_unchanged"] = second.ok and second.unchanged == args.rows
    results["rows"] = args.rows
    results["runs"] = args.runs
    Path(output).write_text(json.dumps(results, ensure_ascii=False, indent=1))


def run_backend(backend, args):
    with tempfile.TemporaryDirectory(prefix=f"members_bench_{backend}_") as var_dir:
        env = {
            **os.environ,
            "CONGDOAN_VAR_DIR": var_dir,
            "CONGDOAN_PROFILE": "development",
            "DJANGO_SETTINGS_MODULE": "congdoan.settings",
            "DEBUG": "0",
        }
        env.pop("DATABASE_URL", None)
        if backend == "postgresql":
            postgres_database(PG_DATABASE, "create")
            env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
        output = Path(var_dir) / "results.json"
        command = [
            sys.executable,
            __file__,
            "--worker",
            backend,
            "--output",
            str(output),
            "--rows",
            str(args.rows),
            "--runs",
            str(args.runs),
            "--scale",
            args.scale,
            "--grassroots",
            str(args.grassroots),
        ]
        try:
            subprocess.run(command, env=env, check=True, cwd=ROOT)
            return json.loads(output.read_text())
        finally:
            if backend == "postgresql":
                postgres_database(PG_DATABASE, "drop")


ROWS = [
    ("fill_seconds", "Tạo hồ sơ đoàn viên hàng loạt (giây)"),
    ("figures_country_ms", "Số liệu đoàn viên toàn cây, đếm lại (ms)"),
    ("figures_hanoi_ms", "Số liệu đoàn viên Hà Nội, đếm lại (ms)"),
    ("figures_cached_ms", "Số liệu toàn cây, từ bộ đệm (ms)"),
    ("search_ms", "Tìm “nguyen van hung” trong Hà Nội (ms)"),
    ("xlsx_seconds", "Tạo tệp xlsx (giây, không tính)"),
    ("import_seconds", "Nhập tệp xlsx (giây)"),
    ("import_cpu_seconds", "  trong đó CPU của tiến trình (giây)"),
    ("reimport_seconds", "Nhập lại cùng tệp, không đổi (giây)"),
]


def print_table(results):
    from congdoan.core.formatting import format_number as n

    first = next(iter(results.values()))
    print()
    print(f"Ngày đo: {datetime.now():%d/%m/%Y %H:%M}, {os.cpu_count()} nhân CPU")
    print(
        f"{n(first['members'])} đoàn viên ({n(first['hanoi_members'])} ở Hà Nội); tệp nhập "
        f"{n(first['rows'])} dòng, {n(first['xlsx_mb'], 1)} MB; trung vị {first['runs']} lần đo."
    )
    width = max(len(label) for _key, label in ROWS) + 2
    header = f"{'':<{width}}" + "".join(
        f"{b + ' ' + r['database_version']:>20}" for b, r in results.items()
    )
    print(header)
    print("-" * len(header))
    for key, label in ROWS:
        print(f"{label:<{width}}" + "".join(f"{n(r[key], 1):>20}" for r in results.values()))
    for backend, result in results.items():
        print(
            f"{backend}: nhập {'đúng' if result['import_ok'] else 'LỖI'}, nhập lại "
            f"{'không đổi' if result['reimport_unchanged'] else 'CÓ THAY ĐỔI'}; "
            f"tìm thấy {result['search_found']}. {' '.join(result['import_errors'])}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scale", choices=["hanoi", "national"], default="hanoi")
    parser.add_argument("--grassroots", type=int, default=135_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args, args.output)
        return 0
    results = {}
    for backend in args.backends.split(","):
        print(f"Đang đo trên {backend}…", flush=True)
        try:
            results[backend] = run_backend(backend, args)
        except Exception as error:  # report the backend and go on with the next
            print(f"  {backend}: không đo được ({error})", file=sys.stderr)
    if not results:
        return 1
    print_table(results)
    postgres = results.get("postgresql")
    if postgres is None:
        print("Mục tiêu trên PostgreSQL: KHÔNG ĐO ĐƯỢC")
        return 1
    checks = [
        (
            f"nhập {args.rows:,} dòng < {IMPORT_TARGET_S} s",
            postgres["import_seconds"] < IMPORT_TARGET_S,
        ),
        (f"số liệu < {FIGURES_TARGET_MS} ms", postgres["figures_country_ms"] < FIGURES_TARGET_MS),
        (f"tìm kiếm < {SEARCH_TARGET_MS} ms", postgres["search_ms"] < SEARCH_TARGET_MS),
        (
            "nhập đúng và nhập lại không đổi",
            postgres["import_ok"] and postgres["reimport_unchanged"],
        ),
    ]
    for label, passed in checks:
        print(f"Mục tiêu {label} (PostgreSQL): {'PASS' if passed else 'FAIL'}")
    return 0 if all(passed for _label, passed in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
